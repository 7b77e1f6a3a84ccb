"""OFSI (HM Treasury) Consolidated List of asset-freeze targets, CSV.

Two layouts are read, both by header name rather than by position:

- the "2022 format": a first line ``Last Updated,20/02/2026`` (the publisher date), then a
  36-column header (``Name 6,Name 1,...,Name Non-Latin Script,...,Group ID``), UTF-8;
- the pre-2022 format: no ``Last Updated`` line, a 30-column header that starts with an empty
  column (data rows do not carry that column), Windows-1252. ``NI Number`` stands for
  ``National Identification Number`` and ``Passport Details`` holds the number in free text.

The file has one row per name (plus repeat rows for extra addresses and non-Latin names);
rows are grouped by ``Group ID``, which becomes the record's ``source_id``. A group may carry
more than one designation (the same party under two regimes): each distinct (regime, UK
Sanctions List reference) pair becomes one :class:`Designation`.

Names: ``Name 1``..``Name 5`` then ``Name 6`` (the family name) make the full name; ``Alias
Type``/``Alias Quality`` give its type ("Primary name" and the old "Prime Alias" are primary,
"Primary name variation" and good-quality a.k.a. are aliases, low-quality a.k.a. are weak).
A group without a primary-name row (the old sample has some) gets its first name as primary.
``Other Information`` yields the UK reference (``(UK Sanctions List Ref):LIB0072``), the UN
reference as an ``un-ref:`` xref (also the old ``UN Ref QDe.004`` wording), the statement of
reasons, IMO/MMSI numbers and the measures ("The Director Disqualification Sanction was
imposed ..."); every group is under an asset freeze, which is what this list is.

``raw`` is the list of the group's rows as dicts, empty cells left out.
"""

from __future__ import annotations

import csv
import io
import re
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
from sanctio.sources.common import (
    clean,
    country_code,
    iso_date,
    parse_date,
    read_text,
    script_code,
)

FORMAT = "uk-conlist"
SOURCE = "uk"
AUTHORITY = Authority.UK.value
LIST_NAME = "Consolidated List of Asset Freeze Targets"

REQUIRED = ("Group ID", "Name 6")
# columns without which whole kinds of facts would silently be lost: a file missing one is
# incomplete (the registry refuses it unless asked to accept it)
EXPECTED: dict[str, str] = {
    "Group Type": "the schema of each party (individual, entity, ship) would be unknown",
    "Alias Type": "aliases would be read as primary names",
    "DOB": "dates of birth would not be read",
    "Nationality": "nationalities would not be read",
    "Regime": "the sanctions regime of each designation would not be read",
}
NAME_COLUMNS = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6")
ADDRESS_COLUMNS = ("Address 1", "Address 2", "Address 3", "Address 4", "Address 5", "Address 6")

# old header names -> the 2022 names this parser reads
_HEADER_ALIASES = {
    "ni number": "National Identification Number",
    "national identification no": "National Identification Number",
    "date designated": "UK Sanctions List Date Designated",
}

_SCHEMAS = {
    "individual": Schema.PERSON,
    "entity": Schema.ORGANIZATION,
    "ship": Schema.VESSEL,
    "vessel": Schema.VESSEL,
}

_TYPE_RANK = {NameType.PRIMARY: 0, NameType.ALIAS: 1, NameType.FORMER: 2, NameType.WEAK: 3,
              NameType.ORIGINAL: 4}

_UK_REF = re.compile(r"\(UK Sanctions List Ref\)\s*:\s*([A-Z]{2,4}\d{2,5})", re.IGNORECASE)
# "(UN Ref):QDi.129" (2022 format), "UN Ref QDe.004.", "UN REF:QE.A.146.14", "UN Ref.KPI.067"
_UN_REF = re.compile(
    r"\bUN\s*Ref\)?\s*[:.]?\s*([A-Z]{2}(?:[A-Za-z]|\.[A-Z])\.\d+(?:\.\d+)?)", re.IGNORECASE
)
_REASONS = re.compile(r"\(UK Statement of Reasons\)\s*:\s*(.*)", re.IGNORECASE | re.DOTALL)
_MEASURE = re.compile(
    r"\bthe\s+((?:[A-Za-z-]+\s+){0,2}[A-Za-z-]+)\s+(?:sanctions?|measures?)\s+(?:was|were)\s+"
    r"imposed", re.IGNORECASE,
)
_IMO = re.compile(r"\bIMO\)?\s*(?:number|no\.?)?\s*:?\s*(\d{7})\b", re.IGNORECASE)
_MMSI = re.compile(r"\bMMSI\s*(?:number|no\.?)?\s*:?\s*(\d{9})\b", re.IGNORECASE)
# "(1) X (2) Y", "1) X 2) Y", "a) X b) Y"
_ENUM = re.compile(r"(?:^|\s|-)\(?(?:\d{1,2}|[a-h])\)\s*")
_DMY = re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b")
_ID_NUMBER = re.compile(r"\b(?=[A-Z0-9/-]*\d{4})[A-Z0-9][A-Z0-9/-]*[A-Z0-9]\b")


def _country(text: str | None) -> str | None:
    """ISO alpha-2 for a country name or code; a subdivision ("Northern Ireland", which
    country_code gives as GB-NIR) counts as its country."""
    code = country_code(text)
    return code.split("-", 1)[0] if code else None


def sniff(path: Path) -> bool:
    if not path.is_file():
        return False
    with path.open("rb") as f:
        head = f.read(8192).decode("latin-1")
    lines = head.splitlines()[:2]
    return any("Group ID" in line and "Name 6" in line for line in lines)


@lru_cache(maxsize=4096)
def _iso(text: str) -> str | None:
    return iso_date(text) if text else None


def _split_enumerated(text: str | None) -> list[str]:
    """'(1) X (2) Y' / '1) X 2) Y' / 'a) X b) Y' -> ['X', 'Y']; plain text -> [text]."""
    value = clean(text)
    if not value:
        return []
    parts = _ENUM.split(value) if _ENUM.search(value) else [value]
    out = []
    for p in parts:
        p = p.strip(" ,;.-")
        if p:
            out.append(p)
    return out


def _name_type(alias_type: str, quality: str) -> NameType:
    t = " ".join(alias_type.lower().split())
    q = quality.lower()
    if t in {"primary name", "prime alias", "primary"}:
        return NameType.PRIMARY
    if "low" in q:
        return NameType.WEAK
    if "f.k.a" in t or "formerly" in t or t == "fka":
        return NameType.FORMER
    return NameType.ALIAS


def _un_ref(ref: str) -> str:
    # the UN writes QDi.129 / KPe.018: the third letter is a lower-case i (individual) or e
    m = re.match(r"^([A-Za-z]{2})([A-Za-z])(\.\d+)$", ref)
    if m:
        return m.group(1).upper() + m.group(2).lower() + m.group(3)
    return ref.upper()


def _id_number(text: str) -> str:
    m = _ID_NUMBER.search(text)
    return m.group(0) if m else text


def _id_country(text: str) -> str | None:
    for inner in re.findall(r"\(([^)]*)\)", text):
        code = _country(inner) or _country(inner.split()[0] if inner.split() else "")
        if code:
            return code
    first = re.match(r"^([A-Z][a-z]+)\b", text)
    return _country(first.group(1)) if first else None


def _identifiers(id_type: str, numbers: str | None, details: str | None) -> list[Identifier]:
    nums = _split_enumerated(numbers)
    dets = _split_enumerated(details)
    out: list[Identifier] = []
    if nums:
        for i, num in enumerate(nums):
            note = dets[i] if len(dets) == len(nums) else (clean(details) if dets else None)
            out.append(Identifier(type=id_type, number=num,
                                  country=_id_country(note) if note else None, note=note))
    else:
        for det in dets:
            out.append(Identifier(type=id_type, number=_id_number(det),
                                  country=_id_country(det), note=det))
    return out


def _dates(text: str | None) -> list[DateValue]:
    value = clean(text)
    if not value:
        return []
    found = _DMY.findall(value)
    pieces = found if found else _split_enumerated(value)
    out = []
    for piece in pieces:
        dv = parse_date(piece)
        if dv is not None:
            out.append(dv)
    return out


class _Group:
    """The rows of one Group ID while they are read."""

    def __init__(self, gid: str, line: int) -> None:
        self.gid = gid
        self.line = line
        self.rows: list[tuple[int, dict[str, str]]] = []


def _read_rows(path: Path) -> tuple[str | None, list[_Group], int, list[str]]:
    text = read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""))
    publisher_date: str | None = None
    header: list[str] | None = None
    header_line = 0
    lead = 0  # leading empty header columns (pre-2022 layout)
    groups: dict[str, _Group] = {}
    order: list[_Group] = []
    prev_line = 0
    nrows = 0
    try:
        for row in reader:
            line = prev_line + 1
            prev_line = reader.line_num
            if not row or not any(c.strip() for c in row):
                continue
            if header is None:
                first = row[0].strip().lower()
                if first == "last updated" and publisher_date is None:
                    publisher_date = iso_date(row[1]) if len(row) > 1 else None
                    continue
                header, lead = _header(path, row, line)
                header_line = line
                continue
            if len(row) == len(header) + lead:
                row = row[lead:]
            elif len(row) != len(header):
                raise ParseError(
                    str(path), f"line {line}",
                    f"row has {len(row)} fields, the header on line {header_line} has "
                    f"{len(header) + lead}: a truncated or garbled row",
                )
            rec = {h: v for h, v in zip(header, row, strict=True) if h}
            gid = rec["Group ID"].strip()
            if not gid.isdigit():
                raise ParseError(str(path), f"line {line}",
                                 f"Group ID {rec['Group ID']!r} is not a whole number")
            gid = str(int(gid))
            nrows += 1
            group = groups.get(gid)
            if group is None:
                group = groups[gid] = _Group(gid, line)
                order.append(group)
            group.rows.append((line, rec))
    except csv.Error as exc:
        raise ParseError(str(path), f"line {reader.line_num}", f"malformed CSV: {exc}") from exc
    if header is None:
        raise ParseError(str(path), None, "no header line with Group ID and Name 6 columns")
    incomplete = [f"{path}, line {header_line} (header): no {column!r} column ({why})"
                  for column, why in EXPECTED.items() if column not in header]
    return publisher_date, order, nrows, incomplete


def _header(path: Path, row: list[str], line: int) -> tuple[list[str], int]:
    names = [" ".join(c.split()) for c in row]
    lead = 0
    while lead < len(names) and not names[lead]:
        lead += 1
    names = names[lead:]
    names = [_HEADER_ALIASES.get(n.lower().rstrip(".:"), n) for n in names]
    missing = [c for c in REQUIRED if c not in names]
    if missing:
        raise ParseError(
            str(path), f"line {line} (header)",
            f"missing required column(s) {', '.join(missing)}; this is not an OFSI "
            f"consolidated list header: {','.join(row)[:200]!r}",
        )
    return names, lead


def _add_name(names: list[Name], name: Name) -> None:
    key = name.full.casefold()
    for i, n in enumerate(names):
        if n.full.casefold() == key:
            if _TYPE_RANK[name.type] < _TYPE_RANK[n.type]:
                names[i] = name
            return
    names.append(name)


def _lang(value: str | None) -> str | None:
    if not value:
        return None
    from rigour.langs import iso_639_alpha2

    code = iso_639_alpha2(value.strip())
    return str(code) if code else None


def _script(text: str, stated: str | None) -> str | None:
    if stated:
        s = stated.strip().lower()
        known = {"arabic": "Arab", "cyrillic": "Cyrl", "chinese": "Hani", "han": "Hani",
                 "greek": "Grek", "hebrew": "Hebr", "georgian": "Geor", "korean": "Kore",
                 "hangul": "Hang", "japanese": "Jpan", "thai": "Thai", "armenian": "Armn",
                 "latin": "Latn", "persian": "Arab", "farsi": "Arab", "russian": "Cyrl"}
        if s in known:
            return known[s]
    return script_code(text)


def _build(path: Path, group: _Group) -> Record | None:
    rows = group.rows
    schema = Schema.UNKNOWN
    for _, r in rows:
        gt = _get(r, "Group Type").lower()
        if gt:
            schema = _SCHEMAS.get(gt, Schema.UNKNOWN)
            break
    rec = Record(source=SOURCE, source_id=group.gid, schema=schema, names=[])
    names: list[Name] = []
    designations: dict[tuple[str, str], Designation] = {}
    addresses: dict[str, Address] = {}
    seen_info: set[str] = set()
    for _, r in rows:
        # --- names
        parts = [_get(r, c) for c in NAME_COLUMNS]
        full = " ".join(p for p in parts if p)
        if full:
            nparts: dict[str, str] = {}
            if schema == Schema.PERSON:  # an entity or ship name is one string
                given, middle = parts[0], " ".join(p for p in parts[1:5] if p)
                for key, value in (("given", given), ("middle", middle), ("family", parts[5])):
                    if value:
                        nparts[key] = value
            ntype = _name_type(_get(r, "Alias Type"), _get(r, "Alias Quality"))
            _add_name(names, Name(full=full, type=ntype, parts=nparts))
        original = _get(r, "Name Non-Latin Script")
        if original:
            _add_name(names, Name(
                full=original, type=NameType.ORIGINAL,
                script=_script(original, _get(r, "Non-Latin Script Type")),
                lang=_lang(_get(r, "Non-Latin Script Language")),
            ))
        rec.add_property("title", _get(r, "Title"))
        # --- birth, nationality
        for dv in _dates(_get(r, "DOB")):
            if all(d.value != dv.value for d in rec.birth_dates):
                rec.birth_dates.append(dv)
        towns = _split_enumerated(_get(r, "Town of Birth"))
        countries = _split_enumerated(_get(r, "Country of Birth"))
        if len(towns) == 1 and len(countries) == 1:
            places = [f"{towns[0]}, {countries[0]}"]
        else:
            places = towns + countries
        for place in places:
            if place not in rec.birth_places:
                rec.birth_places.append(place)
        for c in countries:
            code = _country(c)
            if code and code not in rec.countries:
                rec.countries.append(code)
        for nat in _split_enumerated(_get(r, "Nationality")):
            for piece in re.split(r"[;,/]", nat):
                code = _country(piece)
                if code and code not in rec.nationalities:
                    rec.nationalities.append(code)
        # --- identifiers
        for ident in (
            _identifiers("passport", _get(r, "Passport Number"), _get(r, "Passport Details"))
            + _identifiers("national_id", _get(r, "National Identification Number"),
                           _get(r, "National Identification Details"))
        ):
            if all((i.type, i.number) != (ident.type, ident.number) for i in rec.identifiers):
                rec.identifiers.append(ident)
        rec.add_property("position", _get(r, "Position"))
        # --- address
        lines = [_get(r, c) for c in ADDRESS_COLUMNS]
        postcode = _get(r, "Post/Zip Code")
        country = _get(r, "Country")
        ccode = _country(country) if country else None
        if ccode and ccode not in rec.countries:
            rec.countries.append(ccode)
        if any(lines) or postcode:
            afull = ", ".join(p for p in [*lines, postcode, country] if p)
            if afull not in addresses:
                # Address 1..6 are free lines (a street, a district, a city or a province
                # in no fixed order), so only the full text, post code and country are set
                addresses[afull] = Address(full=afull, postal_code=postcode or None,
                                           country=ccode)
        # --- designation facts
        info = _get(r, "Other Information")
        uk_ref_m = _UK_REF.search(info)
        uk_ref = uk_ref_m.group(1).upper() if uk_ref_m else ""
        regime = _get(r, "Regime")
        dkey = (regime, uk_ref)
        listed = _iso(_get(r, "Listed On")) or _iso(_get(r, "UK Sanctions List Date Designated"))
        des = designations.get(dkey)
        if des is None:
            des = designations[dkey] = Designation(
                authority=AUTHORITY, source=SOURCE, source_id=group.gid, list_name=LIST_NAME,
                program=regime or None, listed_on=listed, measures=["asset freeze"],
                reference=uk_ref or None,
            )
        elif des.listed_on is None:
            des.listed_on = listed
        rec.add_property("uk_date_designated", _iso(_get(r, "UK Sanctions List Date Designated")))
        rec.add_property("last_updated", _iso(_get(r, "Last Updated")))
        if info and info not in seen_info:
            seen_info.add(info)
            _read_info(rec, des, info)
    if not names:
        return None
    if not any(n.type == NameType.PRIMARY for n in names):
        # old files list some parties with a.k.a. rows only: the first name becomes primary
        first = next((n for n in names if n.type != NameType.ORIGINAL), names[0])
        first.type = NameType.PRIMARY
    names.sort(key=lambda n: 0 if n.type == NameType.PRIMARY else 1)
    rec.names = names
    rec.addresses = list(addresses.values())
    rec.designations = list(designations.values())
    rec.raw = [{k: v for k, v in r.items() if v.strip()} for _, r in rows]
    return rec


def _read_info(rec: Record, des: Designation, info: str) -> None:
    rec.add_property("other_information", info)
    for m in _UN_REF.finditer(info):
        xref = f"un-ref:{_un_ref(m.group(1))}"
        if xref not in rec.xrefs:
            rec.xrefs.append(xref)
    reasons = _REASONS.search(info)
    if reasons and not des.reason:
        des.reason = clean(reasons.group(1))
    for m in _MEASURE.finditer(info):
        measure = " ".join(m.group(1).lower().split())
        if measure.startswith("the "):
            measure = measure[4:]
        if measure not in des.measures:
            des.measures.append(measure)
    for m in _IMO.finditer(info):
        if all(i.number != m.group(1) for i in rec.identifiers):
            rec.identifiers.append(Identifier(type="imo", number=m.group(1)))
    for m in _MMSI.finditer(info):
        if all(i.number != m.group(1) for i in rec.identifiers):
            rec.identifiers.append(Identifier(type="mmsi", number=m.group(1)))


def _get(row: dict[str, str], column: str) -> str:
    """Cleaned cell text by column name; empty string for absent columns and empty cells."""
    value = row.get(column)
    if not value:
        return ""
    return " ".join(value.split())


def parse(path: Path, **options: Any) -> ParsedList:
    publisher_date, groups, _nrows, incomplete = _read_rows(path)
    records: list[Record] = []
    warnings: list[str] = []
    for group in groups:
        rec = _build(path, group)
        if rec is None:
            warnings.append(f"{path}, line {group.line}: Group ID {group.gid} has no name; "
                            "skipped")
            continue
        records.append(rec)
    return ParsedList(
        source=SOURCE, authority=AUTHORITY, format=FORMAT, records=records,
        publisher_date=publisher_date, title="UK OFSI Consolidated List (asset freeze targets)",
        warnings=warnings, incomplete=incomplete,
    )
