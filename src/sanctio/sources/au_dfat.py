"""Australia DFAT Consolidated List, XLSX (``regulation8_consolidated.xlsx``).

One row per name. ``Reference`` ``123`` is the primary row; ``123a``, ``123b`` (and the
occasional ``34c1``, ``1276c2``) are the same party's other names. Rows are grouped by the
numeric part of the reference, which becomes the record's ``source_id``.

Columns are read by header name: ``Reference``, ``Name of Individual or Entity``, ``Type``
(Individual / Entity), ``Name Type`` (Primary Name / Original Script / aka / Formerly known
as, in any casing), ``Date of Birth``, ``Place of Birth``, ``Citizenship``, ``Address``,
``Additional Information``, ``Listing Information``, ``Committees`` (the regime: "1988
(Taliban)", "Autonomous (Russia)"), ``Control Date``.

Multi-valued cells are lettered ("a) Afghanistan b) Pakistan"). Dates of birth come as Excel
dates, bare years or text ("Approximately 1955- 1958", "Between 1963 and 1968", "1 Jan.
1967"). The listing date is the first date in ``Listing Information``. Passport, national
identification and IMO numbers are picked out of ``Additional Information``. The file states
no date of its own: ``publisher_date`` is the latest ``Control Date``.

``raw`` is the list of the group's rows as dicts (empty cells left out, dates in ISO).
"""

from __future__ import annotations

import re
import zipfile
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

from sanctio.model import (
    Address,
    Authority,
    DateValue,
    Designation,
    Identifier,
    Name,
    NameType,
    ParsedList,
    ParseError,
    Record,
    Schema,
)
from sanctio.sources.common import check_xml_head, clean, country_code, parse_date, script_code

FORMAT = "au-dfat"
SOURCE = "au-dfat"
AUTHORITY = Authority.AU_DFAT.value
LIST_NAME = "Consolidated List"

REF = "Reference"
NAME = "Name of Individual or Entity"
REQUIRED = (REF, NAME)

_SCHEMAS = {"individual": Schema.PERSON, "entity": Schema.ORGANIZATION,
            "vessel": Schema.VESSEL, "ship": Schema.VESSEL, "aircraft": Schema.AIRCRAFT}
_NAME_TYPES = {
    "primary name": NameType.PRIMARY,
    "original script": NameType.ORIGINAL,
    "aka": NameType.ALIAS,
    "alias": NameType.ALIAS,
    "formerly known as": NameType.FORMER,
    "fka": NameType.FORMER,
    "previously listed as": NameType.FORMER,
}
_REFERENCE = re.compile(r"^(\d+)\s*([A-Za-z]{0,3}\d{0,3})$")
_LETTERED = re.compile(r"(?:^|(?<=[\s,;.]))\(?[a-z]\)\s*")
_NONE = {"", "na", "n/a", "none", "unknown", "not known", "-"}
_CIRCA = re.compile(r"^(?:approximately|approx\.?|circa|c\.|about)\s+", re.IGNORECASE)
_DATE_IN_TEXT = re.compile(
    r"\b(\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?,?\s+\d{4}|\d{1,2}/\d{1,2}/\d{4}"
    r"|\d{4}-\d{2}-\d{2})\b")
_PASSPORT = re.compile(
    r"\bpassport\s*(?:no\.?|number|#)\s*[:.]?\s*(?:[A-Z][a-z]+\s+)?"
    r"([A-Z]{0,3}[-\s]?\d[\dA-Z-]{3,})", re.IGNORECASE)
_NATIONAL_ID = re.compile(
    r"\bnational\s+identi(?:fication|ty)(?:\s+card)?\s*(?:no\.?|number|#)\s*[:.]?\s*"
    r"([A-Z]{0,3}[-\s]?\d[\dA-Z-]{3,})", re.IGNORECASE)
_IMO = re.compile(r"\bIMO\)?\s*(?:number|no\.?)?\s*:?\s*(\d{7})\b", re.IGNORECASE)


def _country(text: str | None) -> str | None:
    """ISO alpha-2 for a country name or code; a subdivision ("Northern Ireland", which
    country_code gives as GB-NIR) counts as its country."""
    code = country_code(text)
    return code.split("-", 1)[0] if code else None


def sniff(path: Path) -> bool:
    if not path.is_file() or path.suffix.lower() not in {".xlsx", ".xlsm"}:
        return False
    if not zipfile.is_zipfile(path):
        return False
    try:
        check_xlsx_safe(path)
    except ParseError as exc:  # a hostile workbook: parsing it reports the refusal
        return exc.message.startswith("refused")
    try:
        header, _ = _header(path, _open(path))
    except (ParseError, OSError, KeyError, ValueError):
        return False
    return NAME in header


# a workbook is a zip archive: what it may expand to, checked before anything is read (the
# DFAT workbook is about 2 MB unpacked; a "zip bomb" of 1.8 MB can unpack to gigabytes)
MAX_UNPACKED_BYTES = 512 * 1024 * 1024
MAX_MEMBERS = 10_000


def check_xlsx_safe(path: Path) -> None:
    """Refuse a workbook that would unpack to more than :data:`MAX_UNPACKED_BYTES` (in all,
    or any one part), or whose XML parts declare a DOCTYPE or entities (as
    :func:`check_xml_safe` refuses XML lists). Reading a part through :mod:`zipfile` never
    yields more than its declared size, so the declared sizes bound what is unpacked."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_MEMBERS:
                raise ParseError(str(path), None, f"refused: the workbook has {len(infos):,} "
                                                  f"parts (at most {MAX_MEMBERS:,})")
            total = sum(i.file_size for i in infos)
            biggest = max(infos, key=lambda i: i.file_size, default=None)
            if total > MAX_UNPACKED_BYTES:
                raise ParseError(
                    str(path), biggest.filename if biggest else None,
                    f"refused: the workbook would unpack to {total / 2**20:,.0f} MiB (at most "
                    f"{MAX_UNPACKED_BYTES // 2**20} MiB; a compressed size of "
                    f"{path.stat().st_size / 2**20:,.1f} MiB): not a sanctions list workbook")
            for info in infos:
                name = info.filename.lower()
                if name.endswith((".xml", ".rels", ".vml")):
                    with zf.open(info) as part:
                        check_xml_head(part.read(1 << 16), str(path), info.filename)
    except ParseError:
        raise
    except (zipfile.BadZipFile, OSError, ValueError, EOFError) as exc:
        raise ParseError(str(path), None, f"not a readable XLSX workbook: {exc}") from exc


def _open(path: Path) -> Any:
    import openpyxl

    check_xlsx_safe(path)
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise ParseError(str(path), None, f"not a readable XLSX workbook: {exc}") from exc
    return wb.worksheets[0]


def _header(path: Path, ws: Any) -> tuple[list[str], int]:
    """The header row (trimmed of trailing empty columns) and its row number."""
    for n, row in enumerate(ws.iter_rows(max_row=10, values_only=True), start=1):
        cells = [" ".join(str(c).split()) if c is not None else "" for c in row]
        if REF in cells or NAME in cells:
            while cells and not cells[-1]:
                cells.pop()
            missing = [c for c in REQUIRED if c not in cells]
            if missing:
                raise ParseError(str(path), f"sheet {ws.title!r}, row {n} (header)",
                                 f"missing required column(s) {', '.join(missing)}")
            return cells, n
    raise ParseError(str(path), f"sheet {ws.title!r}, rows 1-10",
                     f"no header row with {REF!r} and {NAME!r}: not a DFAT consolidated list")


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    return clean(str(value).replace("\xa0", " "))


def _lettered(text: str | None) -> list[str]:
    """'a) X b) Y' -> ['X', 'Y']."""
    if not text:
        return []
    parts = _LETTERED.split(text) if _LETTERED.search(text) else [text]
    return [p.strip(" ,;.") for p in parts if p.strip(" ,;.")]


def _dates(value: Any) -> list[DateValue]:
    if value is None:
        return []
    if isinstance(value, datetime | date):
        return [DateValue.from_iso(value.strftime("%Y-%m-%d"))]
    if isinstance(value, int | float):
        year = int(value)
        return [DateValue.from_iso(f"{year:04d}")] if 1800 <= year <= 2100 else []
    return list(_dates_text(_text(value) or ""))


@lru_cache(maxsize=4096)
def _dates_text(text: str) -> tuple[DateValue, ...]:
    out: list[DateValue] = []
    for piece in _lettered(text):
        for sentence in re.split(r";|\.\s+(?=[A-Z])", piece):
            circa = bool(_CIRCA.match(sentence.strip()))  # "c. 1946 or 1949": all circa
            for part in re.split(r",?\s+or\s+", sentence):
                dv = _one_date(part.strip(" .,"), circa)
                if dv is not None:
                    out.append(dv)
    return tuple(out)


def _one_date(text: str, circa: bool = False) -> DateValue | None:
    """One date as DFAT writes it: 'Approximately 1955- 1958', 'Between 1963 and 1968',
    '1 Jan. 1967', '03/1965', '19-Dec-1992', 'March 1968 to March 1969', '1977/1978'."""
    m = _CIRCA.match(text)
    if m:
        circa, text = True, text[m.end():]
    text = re.sub(r"^between\s+", "", text, flags=re.IGNORECASE).strip()
    if not text:
        return None
    text = re.sub(r"^(\d{1,2})-([A-Za-z]{3,9})-(\d{4})$", r"\1 \2 \3", text)
    mm = re.match(r"^(\d{1,2})/(\d{4})$", text)
    if mm and 1 <= int(mm.group(1)) <= 12:
        return DateValue.from_iso(f"{mm.group(2)}-{int(mm.group(1)):02d}", circa=circa,
                                  text=text)
    dv = parse_date(text, circa=circa)
    if dv is not None:
        return dv
    rng = re.match(r"^(.+?)\s*(?:-|–|/|\bto\b|\band\b)\s*(.+)$", text)
    if rng:
        start, end = parse_date(rng.group(1)), parse_date(rng.group(2))
        if start is not None and end is not None and start.value < end.value:
            return DateValue.from_iso(start.value, end=end.value, circa=circa, text=text)
    found = _DATE_IN_TEXT.search(text)
    if found:
        return parse_date(found.group(1), circa=circa)
    year = re.search(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)", text)
    if year and not re.search(r"\d/\d", text):
        return DateValue.from_iso(year.group(1), circa=circa, text=text)
    return None


def _listed_on(value: Any) -> str | None:
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    text = _text(value)
    if not text:
        return None
    for m in _DATE_IN_TEXT.finditer(text):
        dv = parse_date(re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", m.group(1)))
        if dv is not None:
            return dv.value
    return None


# a sheet row: its number, its cells by header, its cells as cleaned text (empty left out)
_Row = tuple[int, dict[str, Any], dict[str, str]]


def parse(path: Path, **options: Any) -> ParsedList:
    ws = _open(path)
    header, header_row = _header(path, ws)
    width = len(header)
    groups: dict[str, list[_Row]] = {}
    warnings: list[str] = []
    control_dates: list[str] = []
    for n, row in enumerate(ws.iter_rows(min_row=header_row + 1, max_col=width,
                                         values_only=True),
                            start=header_row + 1):
        cells = list(row[:width])
        if not any(c is not None and str(c).strip() for c in cells):
            continue
        data = {h: c for h, c in zip(header, cells, strict=False) if h}
        ref = _text(data.get(REF))
        m = _REFERENCE.match(ref or "")
        if not m:
            raise ParseError(str(path), f"sheet {ws.title!r}, row {n}",
                             f"Reference {data.get(REF)!r} is not a DFAT reference (123, 123a)")
        if not _text(data.get(NAME)):
            warnings.append(f"{path}, sheet {ws.title!r}, row {n}: reference {ref} has no "
                            "name; row skipped")
            continue
        cd = data.get("Control Date")
        if isinstance(cd, datetime | date):
            control_dates.append(cd.strftime("%Y-%m-%d"))
        text = {k: t for k, v in data.items() if (t := _text(v))}
        groups.setdefault(str(int(m.group(1))), []).append((n, data, text))
    records = [_build(sid, rows) for sid, rows in groups.items()]
    return ParsedList(
        source=SOURCE, authority=AUTHORITY, format=FORMAT, records=records,
        publisher_date=max(control_dates) if control_dates else None,
        title="Australia DFAT Consolidated List", warnings=warnings,
    )


def _build(sid: str, rows: list[_Row]) -> Record:
    schema = Schema.UNKNOWN
    for _, _d, txt in rows:
        t = (txt.get("Type") or "").lower()
        if t in _SCHEMAS:
            schema = _SCHEMAS[t]
            break
    rec = Record(source=SOURCE, source_id=sid, schema=schema, names=[])
    designations: dict[str, Designation] = {}
    seen_text: set[str] = set()
    for _, d, txt in rows:
        full = txt.get(NAME)
        assert full is not None
        ntype = _NAME_TYPES.get((txt.get("Name Type") or "").lower(), NameType.ALIAS)
        script = script_code(full)
        if ntype == NameType.PRIMARY and script not in (None, "Latn"):
            ntype = NameType.ORIGINAL  # a non-Latin name filed as the primary one
        if all(nm.full.casefold() != full.casefold() for nm in rec.names):
            rec.names.append(Name(full=full, type=ntype,
                                  script=script if script != "Latn" else None))
        for dv in _dates(d.get("Date of Birth")):
            if all(b.value != dv.value or b.end != dv.end for b in rec.birth_dates):
                rec.birth_dates.append(dv)
        for place in _lettered(txt.get("Place of Birth")):
            if place not in rec.birth_places:
                rec.birth_places.append(place)
        for cit in _lettered(txt.get("Citizenship")):
            for piece in re.split(r"[,;/]", re.sub(r"(?i)^possibly\s+", "", cit)):
                code = _country(piece)
                if code and code not in rec.citizenships:
                    rec.citizenships.append(code)
        for addr in _lettered(txt.get("Address")):
            if addr.lower() in _NONE or any(a.full == addr for a in rec.addresses):
                continue
            country = _country(addr.rsplit(",", 1)[-1])
            if "," not in addr and country:
                if country not in rec.countries:
                    rec.countries.append(country)
                continue
            rec.addresses.append(Address(full=addr, country=country))
        info = txt.get("Additional Information")
        if info and info not in seen_text:
            seen_text.add(info)
            rec.add_property("notes", info)
            _identifiers(rec, info)
        listing = txt.get("Listing Information")
        if listing:
            rec.add_property("listing_information", listing)
        rec.add_property("control_date", txt.get("Control Date"))
        program = txt.get("Committees")
        key = program or ""
        if key not in designations:
            designations[key] = Designation(
                authority=AUTHORITY, source=SOURCE, source_id=sid, list_name=LIST_NAME,
                program=program, listed_on=_listed_on(d.get("Listing Information")),
                legal_basis=_legal_basis(listing),
                measures=["targeted financial sanctions"],
            )
    rec.names.sort(key=lambda nm: 0 if nm.type == NameType.PRIMARY else 1)
    rec.designations = list(designations.values())
    rec.raw = [txt for _, _, txt in rows]
    return rec


def _legal_basis(listing: str | None) -> str | None:
    """The instrument named in Listing Information ("Autonomous Sanctions (Designated Persons
    and Entities ...) Instrument 2022", "Resolution 1596 (2005)"), without its lead-in."""
    if not listing or not re.search(r"Instrument|Regulation|Resolution|Charter", listing):
        return None
    text = re.sub(r"^Instrument of first (?:designation|listing)(?: and declaration)?:?\s*",
                  "", listing, flags=re.IGNORECASE)
    return text or None


def _identifiers(rec: Record, text: str) -> None:
    for regex, id_type in ((_PASSPORT, "passport"), (_NATIONAL_ID, "national_id"),
                           (_IMO, "imo")):
        for m in regex.finditer(text):
            number = m.group(1).strip()
            if all(i.number != number for i in rec.identifiers):
                rec.identifiers.append(Identifier(type=id_type, number=number))
