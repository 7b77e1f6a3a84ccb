"""The built-in sample list: a few dozen real designations written by hand from public facts.

It makes Sanctio work offline on a fresh install: the registry loads it when it is empty and
retires it as soon as a real list is loaded. Every record says it is a sample, and each keeps
the identifiers of the official files it was written from (OFAC ent_num, EU logicalId, UK Group
ID, UN DATAID), so results read the same as against the real lists.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any

import orjson

from sanctio.model import ParsedList, ParseError, Record

FORMAT = "sample"
SOURCE = "sample"
SAMPLE_PATH = Path(str(resources.files("sanctio").joinpath("data/sample_list.json")))


def sniff(path: Path) -> bool:
    if not path.is_file() or path.suffix.lower() != ".json":
        return False
    with path.open("rb") as f:
        head = f.read(512)
    return b'"sanctio_sample"' in head


def parse(path: Path, **options: Any) -> ParsedList:
    try:
        data = orjson.loads(path.read_bytes())
    except orjson.JSONDecodeError as exc:
        raise ParseError(str(path), f"line {exc.lineno}, column {exc.colno}",
                         f"malformed JSON: {exc.msg}") from exc
    records = []
    for i, item in enumerate(data.get("records", [])):
        try:
            item = dict(item)
            item.setdefault("source", SOURCE)
            rec = Record.from_dict(item)
        except (TypeError, ValueError, KeyError) as exc:
            raise ParseError(str(path), f"record {i + 1}", f"invalid record: {exc}") from exc
        rec.raw = item
        rec.add_property("notice", "SAMPLE DATA: written by hand from public facts; "
                         "load the official lists for real screening")
        records.append(rec)
    return ParsedList(
        source=SOURCE, authority="Sanctio sample (US, UN, EU, UK designations)",
        format=FORMAT, records=records, publisher_date=data.get("publisher_date"),
        title=data.get("title", "Sanctio built-in sample list"), is_sample=True,
    )
