"""A user's own list as CSV: an internal blacklist, a prosecutor's arrest-warrant list, ...

Never auto-detected: load it with ``--format custom-csv --name <list-name>`` (or
``parse(path, name="acme-blacklist")``). The list name becomes the records' ``source``; it
must be letters, digits, ``-`` or ``_`` and cannot be the name of an official list.

Columns (header names, matched case-insensitively; only ``name`` is required)::

    name         the party's main name                                    (required)
    aliases      other names, separated by ";"
    type         Person / Organization / Vessel / Aircraft (also "individual", "entity",
                 "company", "ship"...); a column called "schema" is read the same way.
                 Empty or absent: Unknown
    dob          dates of birth, separated by ";" (1979-05-03, 03/05/1979 day first,
                 03 May 1979, 1979, circa 1979)
    nationality  country names or ISO codes, separated by ";"
    identifiers  separated by ";", each "type:number:country", "type:number" or "number"
                 (passport:X1234567:FR, national_id:..., imo:9123456, tax_id:...)
    program      the programme / reason category the list uses
    listed_on    the date the party was put on the list
    id           the list's own identifier (source_id); absent: the row's line number
    reason       why the party is listed

Any other column is kept in the record's ``properties`` under its (lower-cased) header.

A file whose headers differ is read with ``mapping``, our field -> the file's header::

    parse(path, name="warrants", mapping={"name": "FullName", "dob": "BirthDate",
                                          "id": "WarrantNo"}, authority="Prosecutor")

The delimiter is detected from the header line (``,``, ``;``, tab or ``|``). Encoding is
UTF-8, or Windows-1252 when the file is not valid UTF-8.

Untidy rows do not fail the file: a row without a name, with more fields than the header or
with an unreadable date, type or country is skipped or repaired with a warning naming its
line. A missing name column, a mapping to a header the file lacks and two rows with the same
id are ParseErrors (the last names both lines).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sanctio.model import (
    Authority,
    Designation,
    Identifier,
    Name,
    NameType,
    ParsedList,
    ParseError,
    Record,
    Schema,
)
from sanctio.sources.common import clean, country_code, parse_date, read_text

FORMAT = "custom-csv"
SOURCE = "custom"

FIELDS = ("name", "aliases", "type", "dob", "nationality", "identifiers", "program",
          "listed_on", "id", "reason")
# default headers a field is also found under (besides its own name)
_DEFAULT_HEADERS: dict[str, tuple[str, ...]] = {
    "type": ("type", "schema"),
}
RESERVED_NAMES = {"us-ofac", "un", "eu", "uk", "us-csl", "au-dfat", "ca-sema", "sample"}

_ID_TYPES = {
    "passport": "passport", "pass": "passport", "passport_no": "passport",
    "national_id": "national_id", "nationalid": "national_id", "national id": "national_id",
    "nid": "national_id", "id_card": "national_id", "id card": "national_id",
    "tax_id": "tax_id", "tax": "tax_id", "tin": "tax_id", "vat": "tax_id",
    "registration": "registration", "company_number": "registration", "reg": "registration",
    "imo": "imo", "mmsi": "mmsi", "swift": "swift_bic", "bic": "swift_bic",
    "swift_bic": "swift_bic", "lei": "lei", "inn": "inn", "ogrn": "ogrn",
}


def _country(text: str | None) -> str | None:
    """ISO alpha-2 for a country name or code; a subdivision ("Northern Ireland", which
    country_code gives as GB-NIR) counts as its country."""
    code = country_code(text)
    return code.split("-", 1)[0] if code else None


def sniff(path: Path) -> bool:
    """Never auto-detected: any CSV could be a custom list."""
    return False


def _delimiter(header_line: str) -> str:
    counts = {d: header_line.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _split(value: str | None) -> list[str]:
    if not value:
        return []
    return [p for p in (clean(x) for x in value.split(";")) if p]


def _identifier(text: str) -> Identifier:
    parts = [p.strip() for p in text.split(":")]
    if len(parts) == 1:
        return Identifier(type="id", number=parts[0])
    raw_type = parts[0].lower()
    id_type = _ID_TYPES.get(raw_type, re.sub(r"[^a-z0-9]+", "_", raw_type).strip("_") or "id")
    if len(parts) == 2:
        return Identifier(type=id_type, number=parts[1])
    number = ":".join(parts[1:-1])
    return Identifier(type=id_type, number=number, country=_country(parts[-1]))


def _columns(path: Path, header: list[str], line: int,
             mapping: dict[str, str] | None) -> dict[str, int]:
    """Our field -> column index."""
    index = {h.strip().lower(): i for i, h in reversed(list(enumerate(header)))}
    found: dict[str, int] = {}
    mapping = mapping or {}
    unknown = [k for k in mapping if k not in FIELDS]
    if unknown:
        raise ParseError(str(path), None,
                         f"unknown field(s) in the column mapping: {', '.join(unknown)}; "
                         f"fields are {', '.join(FIELDS)}")
    for field in FIELDS:
        if field in mapping:
            col = mapping[field].strip().lower()
            if col not in index:
                raise ParseError(
                    str(path), f"line {line} (header)",
                    f"the mapping names column {mapping[field]!r} for {field}, but the header "
                    f"has only: {', '.join(h for h in header if h)}")
            found[field] = index[col]
            continue
        for col in _DEFAULT_HEADERS.get(field, (field,)):
            if col in index:
                found[field] = index[col]
                break
    if "name" not in found:
        raise ParseError(
            str(path), f"line {line} (header)",
            "no name column: add a 'name' column or map one, e.g. mapping={'name': "
            f"'FullName'}}; the header has: {', '.join(h for h in header if h)}")
    return found


def parse(path: Path, name: str | None = None, mapping: dict[str, str] | None = None,
          authority: str | None = None, **options: Any) -> ParsedList:
    if not name:
        raise ParseError(str(path), None,
                         "a custom list needs a name: pass name=... (--name on the command line)")
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_-]*", name):
        raise ParseError(str(path), None,
                         f"list name {name!r}: use letters, digits, '-' and '_' only")
    if name.lower() in RESERVED_NAMES:
        raise ParseError(str(path), None,
                         f"list name {name!r} is the name of an official list; choose another")
    text = read_text(path)
    first_line = next((ln for ln in text.splitlines() if ln.strip()), "")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(first_line))
    authority = authority or Authority.CUSTOM.value
    header: list[str] | None = None
    cols: dict[str, int] = {}
    extra: list[tuple[int, str]] = []
    header_line = 0
    records: list[Record] = []
    warnings: list[str] = []
    seen_ids: dict[str, int] = {}
    prev = 0
    try:
        for row in reader:
            line = prev + 1
            prev = reader.line_num
            if not row or not any(c.strip() for c in row):
                continue
            if header is None:
                header = [h.strip().lstrip("\ufeff") for h in row]
                header_line = line
                cols = _columns(path, header, line, mapping)
                used = set(cols.values())
                extra = [(i, h.strip().lower()) for i, h in enumerate(header)
                         if i not in used and h.strip()]
                continue
            if len(row) > len(header) and any(c.strip() for c in row[len(header):]):
                warnings.append(f"{path}, line {line}: {len(row)} fields where the header on "
                                f"line {header_line} has {len(header)}; row skipped")
                continue
            row = row + [""] * (len(header) - len(row))

            def cell(field: str, row: list[str] = row,
                     cols: dict[str, int] = cols) -> str | None:
                i = cols.get(field)
                return clean(row[i]) if i is not None else None

            primary = cell("name")
            if not primary:
                warnings.append(f"{path}, line {line}: no name; row skipped")
                continue
            sid = cell("id") if "id" in cols else str(line)
            if not sid:
                sid = str(line)
                warnings.append(f"{path}, line {line}: empty id; the line number {sid} is used")
            if sid in seen_ids:
                raise ParseError(str(path), f"line {line}",
                                 f"duplicate id {sid!r}: line {seen_ids[sid]} has the same id")
            seen_ids[sid] = line
            records.append(_record(path, name, authority, sid, line, primary, cell, row, extra,
                                   header, warnings))
    except csv.Error as exc:
        raise ParseError(str(path), f"line {reader.line_num}", f"malformed CSV: {exc}") from exc
    if header is None:
        raise ParseError(str(path), None, "the file has no header line")
    return ParsedList(
        source=name, authority=authority, format=FORMAT, records=records,
        title=options.get("title") or name, warnings=warnings,
    )


def _record(path: Path, source: str, authority: str, sid: str, line: int, primary: str,
            cell: Callable[[str], str | None], row: list[str],
            extra: list[tuple[int, str]], header: list[str], warnings: list[str]) -> Record:
    where = f"{path}, line {line}"
    schema = Schema.UNKNOWN
    type_text = cell("type")
    if type_text:
        try:
            schema = Schema.parse(type_text) or Schema.UNKNOWN
        except ValueError:
            warnings.append(f"{where}: unknown type {type_text!r}; Unknown is used")
    rec = Record(source=source, source_id=sid, schema=schema,
                 names=[Name(full=primary, type=NameType.PRIMARY)])
    for alias in _split(cell("aliases")):
        if all(n.full.casefold() != alias.casefold() for n in rec.names):
            rec.names.append(Name(full=alias, type=NameType.ALIAS))
    for text in _split(cell("dob")):
        dv = parse_date(text)
        if dv is None:
            warnings.append(f"{where}: cannot read the date of birth {text!r}; ignored")
        elif all(d.value != dv.value for d in rec.birth_dates):
            rec.birth_dates.append(dv)
    for text in _split(cell("nationality")):
        code = _country(text)
        if code is None:
            warnings.append(f"{where}: unknown country {text!r}; ignored")
        elif code not in rec.nationalities:
            rec.nationalities.append(code)
    for text in _split(cell("identifiers")):
        ident = _identifier(text)
        if ident.number:
            rec.identifiers.append(ident)
    listed_text = cell("listed_on")
    listed = parse_date(listed_text) if listed_text else None
    if listed_text and listed is None:
        warnings.append(f"{where}: cannot read the listing date {listed_text!r}; ignored")
    rec.designations.append(Designation(
        authority=authority, source=source, source_id=sid, list_name=source,
        program=cell("program"), listed_on=listed.value if listed else None,
        reason=cell("reason"),
    ))
    for i, key in extra:
        rec.add_property(key, row[i] if i < len(row) else None)
    rec.raw = {h: v for h, v in zip(header, row, strict=False) if h and v.strip()}
    return rec
