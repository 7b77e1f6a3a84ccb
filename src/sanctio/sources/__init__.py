"""One parser module per official list format.

Each module exposes::

    FORMAT: str                       # e.g. "ofac-csv"
    SOURCE: str                       # default source key, e.g. "us-ofac"
    def sniff(path: Path) -> bool     # cheap check: is this file (or directory) in my format?
    def parse(path: Path, **options) -> ParsedList

and raises :class:`sanctio.model.ParseError` naming the file and the line or element at fault.
Parsers know nothing of the registry.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType
from typing import Any

from sanctio.model import ParsedList, ParseError

# format name -> module (imported lazily so one broken optional parser never breaks the rest)
_MODULES: dict[str, str] = {
    "ofac-csv": "sanctio.sources.ofac_csv",
    "ofac-xml": "sanctio.sources.ofac_xml",
    "ofac-cons-xml": "sanctio.sources.ofac_cons_xml",
    "un-xml": "sanctio.sources.un_xml",
    "eu-fsf": "sanctio.sources.eu_fsf",
    "uk-conlist": "sanctio.sources.uk_conlist",
    "us-csl": "sanctio.sources.us_csl",
    "au-dfat": "sanctio.sources.au_dfat",
    "ca-sema": "sanctio.sources.ca_sema",
    "sample": "sanctio.sources.sample",
    "custom-csv": "sanctio.sources.custom_csv",
    "ftm": "sanctio.sources.ftm",
}

# detection order: specific formats first, the generic custom CSV never auto-detected
_DETECT_ORDER = [
    "ofac-csv", "ofac-xml", "un-xml", "eu-fsf", "ca-sema", "sample", "uk-conlist", "us-csl",
    "au-dfat", "ftm",
]


def formats() -> list[str]:
    return list(_MODULES)


def module(fmt: str) -> ModuleType:
    if fmt not in _MODULES:
        raise ValueError(f"unknown format {fmt!r}; known formats: {', '.join(_MODULES)}")
    return importlib.import_module(_MODULES[fmt])


def detect(path: Path) -> str:
    """The format of a list file or directory (an OFAC CSV set is a directory)."""
    if not path.exists():
        raise ParseError(str(path), None, "no such file or directory")
    if path.is_file() and path.stat().st_size == 0:
        raise ParseError(str(path), None, "the file is empty")
    for fmt in _DETECT_ORDER:
        try:
            mod = module(fmt)
        except ImportError:
            continue
        try:
            if mod.sniff(path):
                return fmt
        except (OSError, UnicodeDecodeError, ValueError):
            continue
    raise ParseError(
        str(path), None,
        "cannot tell which list format this is; pass --format with one of: "
        + ", ".join(_MODULES),
    )


def source_of(path: Path, fmt: str | None) -> str:
    """The list a file would load into, as far as its format and name tell (for recording a
    file that could not be read: the consolidated OFAC XML is not the SDN list)."""
    if fmt is None:
        return "unknown"
    mod = module(fmt)
    guess = getattr(mod, "guess_source", None)
    return str(guess(path)) if callable(guess) else str(mod.SOURCE)


def parse(path: Path, fmt: str | None = None, **options: Any) -> ParsedList:
    """Parse a list file (detecting its format unless given)."""
    fmt = fmt or detect(path)
    result: ParsedList = module(fmt).parse(path, **options)
    return result
