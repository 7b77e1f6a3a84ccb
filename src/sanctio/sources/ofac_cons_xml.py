"""OFAC's consolidated (non-SDN) sanctions list in the ``sdnList`` XML layout, read as such
whatever its entries look like (``--format ofac-cons-xml``; ``ofac-xml`` detects it).

The parsing is :mod:`sanctio.sources.ofac_xml`'s; only the source key differs: ``us-ofac-cons``,
a list of its own next to the SDN list (``us-ofac``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sanctio.model import ParsedList
from sanctio.sources import ofac_xml

FORMAT = "ofac-cons-xml"
SOURCE = ofac_xml.CONSOLIDATED_SOURCE


def sniff(path: Path) -> bool:
    return False  # never detected: ofac-xml reads the file and tells the two lists apart


def guess_source(path: Path) -> str:
    return SOURCE


def parse(path: Path, **options: Any) -> ParsedList:
    return ofac_xml.parse(path, **{"format": FORMAT, **options, "consolidated": True})
