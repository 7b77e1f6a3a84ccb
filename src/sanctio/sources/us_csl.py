"""US Consolidated Screening List (International Trade Administration), CSV.

The CSL combines the export-screening lists of Commerce (BIS Entity List, Denied Persons,
Unverified, Military End User), State (ITAR Debarred, Nonproliferation Sanctions) and Treasury
(SDN and the non-SDN lists) in one 29-column file. Columns are read by header name: ``_id``,
``source``, ``entity_number``, ``type``, ``programs``, ``name``, ``alt_names``, ``addresses``,
``ids``, ``dates_of_birth``, ``citizenships``, ``nationalities``, ``places_of_birth``,
``start_date`` ... Multi-valued cells are ``"; "``-separated.

Identity: ``source_id`` is the ``_id`` column. For Treasury rows it equals the OFAC
``entity_number``; for Commerce and State rows it is a hash (those rows have no
entity_number), so ``_id`` is the only column present on every row. It is not unique in the
file: the same OFAC entity appears once per Treasury list that names it (e.g. Gazprombank in
both the SSI and the NS-MBS list, 7 cases in November 2023). Such rows are one party, so they
become one record with one designation per row (``list_name`` = the row's ``source`` column)
and ``raw`` is then the list of those row dicts; otherwise ``raw`` is the row dict (empty
cells left out in both cases). Treasury
records also carry the xref ``us-ofac:<entity_number>`` (the OFAC record's key).

Untidy rows do not fail the file: a row with the wrong number of fields, a repeat of the
header, or a row without a name or ``_id`` is skipped with a ParsedList warning naming its
line. A file without a recognisable CSL header is a ParseError.
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
from sanctio.sources.common import clean, country_code, iso_date, parse_date, read_text

FORMAT = "us-csl"
SOURCE = "us-csl"
AUTHORITY = Authority.US_CSL.value

REQUIRED = ("_id", "source", "name")

_SCHEMAS = {
    "individual": Schema.PERSON,
    "entity": Schema.ORGANIZATION,
    "vessel": Schema.VESSEL,
    "aircraft": Schema.AIRCRAFT,
}

# what a listing on each component list means, by the abbreviation in the source column
_MEASURES = {
    "SDN": ["asset freeze"],
    "FSE": ["transaction prohibition"],
    "SSI": ["sectoral sanctions"],
    "PLC": ["transaction prohibition"],
    "NS-MBS LIST": ["menu-based sanctions"],
    "CAP": ["correspondent or payable-through account prohibition"],
    "CMIC": ["securities investment prohibition"],
    "EL": ["export licence requirement"],
    "DPL": ["export privileges denied"],
    "UVL": ["export licence exception restrictions"],
    "MEU": ["export licence requirement"],
    "ISN": ["nonproliferation sanctions"],
    "DTC": ["arms export debarment"],
}

# the ids column: "Type, number, CC" -> normalised identifier type
_ID_TYPES = {
    "passport": "passport",
    "diplomatic passport": "passport",
    "national id no.": "national_id",
    "national foreign id number": "national_id",
    "identification number": "national_id",
    "cedula no.": "national_id",
    "d.n.i.": "national_id",
    "c.u.r.p.": "national_id",
    "credencial electoral": "national_id",
    "electoral registry no.": "national_id",
    "ssn": "national_id",
    "travel document number": "travel_document",
    "driver's license no.": "driving_licence",
    "tax id no.": "tax_id",
    "nit #": "tax_id",
    "r.f.c.": "tax_id",
    "ruc #": "tax_id",
    "us fein": "tax_id",
    "italian fiscal code": "tax_id",
    "registration id": "registration",
    "registration number": "registration",
    "government gazette number": "registration",
    "business registration document #": "registration",
    "business registration number": "registration",
    "c.r. no.": "registration",
    "company number": "registration",
    "certificate of incorporation number": "registration",
    "public registration number": "registration",
    "unified social credit code (uscc)": "registration",
    "registered charity no.": "registration",
    "swift/bic": "swift_bic",
    "legal entity number": "lei",
    "le number": "lei",
    "isin": "isin",
    "vessel registration identification": "imo",
    "imo": "imo",
    "mmsi": "mmsi",
    "aircraft serial identification": "aircraft_serial",
    "aircraft tail number": "aircraft_registration",
    "bik (ru)": "bik",
}

_PROPERTY_COLUMNS = (
    "title", "federal_register_notice", "end_date", "standard_order", "license_requirement",
    "license_policy", "call_sign", "vessel_type", "gross_tonnage", "gross_registered_tonnage",
    "vessel_flag", "vessel_owner", "remarks", "source_list_url", "source_information_url",
)

_ABBR = re.compile(r"\(([^()]+)\)\s*-")
_RANGE = re.compile(r"^(.*?\d{4})\s+to\s+(.*?\d{4})$", re.IGNORECASE)


def _country(text: str | None) -> str | None:
    """ISO alpha-2 for a country name or code; a subdivision ("Northern Ireland", which
    country_code gives as GB-NIR) counts as its country."""
    code = country_code(text)
    return code.split("-", 1)[0] if code else None


def sniff(path: Path) -> bool:
    if not path.is_file():
        return False
    with path.open("rb") as f:
        head = f.read(4096).decode("latin-1")
    first = head.lstrip("\ufeff\xef\xbb\xbf").splitlines()[0] if head else ""
    cols = {c.strip().strip('"') for c in first.split(",")}
    return {"_id", "source", "name", "alt_names"} <= cols


def _abbreviation(list_name: str) -> str:
    m = _ABBR.search(list_name)
    return m.group(1).strip().upper() if m else list_name.strip().upper()


def _split(value: str | None) -> list[str]:
    if not value:
        return []
    out = []
    for part in value.split(";"):
        p = clean(part)
        if p and p not in out:
            out.append(p)
    return out


@lru_cache(maxsize=4096)
def _dates(text: str) -> tuple[DateValue, ...]:
    out: list[DateValue] = []
    for part in _split(text):
        rng = _RANGE.match(part)
        if rng:
            start, end = parse_date(rng.group(1)), parse_date(rng.group(2))
            if start and end:
                out.append(DateValue.from_iso(start.value, end=end.value, text=part,
                                              circa=start.circa))
                continue
        dv = parse_date(part)
        if dv is not None:
            out.append(dv)
    return tuple(out)


def _address(text: str) -> Address:
    parts = [p.strip() for p in text.split(",")]
    country = None
    if len(parts) > 1 and re.fullmatch(r"[A-Z]{2}", parts[-1]):
        country = _country(parts[-1])
    return Address(full=text, country=country)


def _ids(rec: Record, text: str) -> None:
    for item in _split(text):
        parts = [p.strip() for p in item.split(",")]
        label = parts[0]
        rest = [p for p in parts[1:] if p]
        key = label.lower().rstrip(":")
        if not rest:
            rec.add_property("ids", item)
            continue
        if key == "gender":
            rec.gender = rest[0].lower() if rest[0].lower() in {"male", "female"} else None
            continue
        if key == "website":
            rec.add_property("website", ", ".join(rest))
            continue
        if key == "email address":
            rec.add_property("email", ", ".join(rest))
            continue
        id_type = _ID_TYPES.get(key) or _id_type_by_word(key)
        if id_type is None:
            # facts rather than document numbers: target type, directives, tickers, dates ...
            rec.add_property(re.sub(r"[^a-z0-9]+", "_", key).strip("_"), ", ".join(rest))
            continue
        country = None
        if len(rest) > 1 and re.fullmatch(r"[A-Z]{2}", rest[-1]):
            country = _country(rest[-1])
            rest = rest[:-1]
        number = ", ".join(rest)
        if all((i.type, i.number) != (id_type, number) for i in rec.identifiers):
            rec.identifiers.append(Identifier(type=id_type, number=number, country=country,
                                              note=label if label.lower() != id_type else None))


def _id_type_by_word(label: str) -> str | None:
    """Identifier types the table above does not name ("Kenyan ID No.", "V.A.T. Number")."""
    words = label.replace(".", "")
    if "passport" in words:
        return "passport"
    if re.search(r"\b(tax|vat|cuit|rfc|fiscal)\b", words):
        return "tax_id"
    if re.search(r"\b(personal id|id no|id card|identity|identification)\b", words):
        return "national_id"
    if re.search(r"\b(company number|registration number|registration no)\b", words):
        return "registration"
    return None


def _add_name(rec: Record, full: str | None, ntype: NameType) -> None:
    value = clean(full)
    if not value:
        return
    if any(n.full.casefold() == value.casefold() for n in rec.names):
        return
    parts: dict[str, str] = {}
    if rec.schema == Schema.PERSON and value.count(",") == 1:
        family, given = (p.strip() for p in value.split(","))
        if family and given:
            parts = {"family": family, "given": given}
    rec.names.append(Name(full=value, type=ntype, parts=parts))


def _designations(row: dict[str, str], source_id: str) -> list[Designation]:
    list_name = clean(row.get("source")) or "Consolidated Screening List"
    abbr = _abbreviation(list_name)
    programs: list[str | None] = list(_split(row.get("programs"))) or [None]
    listed_on = iso_date(row.get("start_date"))
    return [
        Designation(
            authority=AUTHORITY, source=SOURCE, source_id=source_id, list_name=list_name,
            program=program, legal_basis=clean(row.get("federal_register_notice")),
            listed_on=listed_on, measures=list(_MEASURES.get(abbr, [])),
        )
        for program in programs
    ]


def _apply(rec: Record, row: dict[str, str]) -> None:
    """Add one row's facts to a record (a record gets several rows when _id repeats)."""
    _add_name(rec, row.get("name"), NameType.PRIMARY if not rec.names else NameType.ALIAS)
    for alt in _split(row.get("alt_names")):
        _add_name(rec, alt, NameType.ALIAS)
    rec.designations.extend(_designations(row, rec.source_id))
    for text in _split(row.get("addresses")):
        if re.fullmatch(r"[A-Z]{2}", text):  # a country code only: not an address
            code = _country(text)
            if code and code not in rec.countries:
                rec.countries.append(code)
        elif all(a.full != text for a in rec.addresses):
            rec.addresses.append(_address(text))
    for dv in _dates(row.get("dates_of_birth") or ""):
        if all(d.value != dv.value for d in rec.birth_dates):
            rec.birth_dates.append(dv)
    for place in _split(row.get("places_of_birth")):
        if place not in rec.birth_places:
            rec.birth_places.append(place)
    for column, target in (("citizenships", rec.citizenships),
                           ("nationalities", rec.nationalities)):
        for value in _split(row.get(column)):
            code = _country(value)
            if code and code not in target:
                target.append(code)
    _ids(rec, row.get("ids") or "")
    for column in _PROPERTY_COLUMNS:
        rec.add_property(column, clean(row.get(column)))
    flag = _country(row.get("vessel_flag")) if row.get("vessel_flag") else None
    if flag and flag not in rec.countries:
        rec.countries.append(flag)
    ent = (row.get("entity_number") or "").strip()
    if ent.isdigit() and "treasury" in (row.get("source") or "").lower():
        xref = f"us-ofac:{ent}"
        if xref not in rec.xrefs:
            rec.xrefs.append(xref)


def parse(path: Path, **options: Any) -> ParsedList:
    text = read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""))
    header: list[str] | None = None
    header_line = 0
    warnings: list[str] = []
    records: dict[str, Record] = {}
    raws: dict[str, list[dict[str, str]]] = {}
    prev = 0
    try:
        for row in reader:
            line = prev + 1
            prev = reader.line_num
            if not row or not any(c.strip() for c in row):
                continue
            if header is None:
                cols = [c.strip().lstrip("\ufeff") for c in row]
                missing = [c for c in REQUIRED if c not in cols]
                if missing:
                    raise ParseError(
                        str(path), f"line {line}",
                        "no recognisable Consolidated Screening List header (missing "
                        f"{', '.join(missing)}): {','.join(row)[:160]!r}",
                    )
                header, header_line = cols, line
                continue
            if [c.strip() for c in row] == header:
                warnings.append(f"{path}, line {line}: the header repeated; skipped")
                continue
            if len(row) != len(header):
                warnings.append(
                    f"{path}, line {line}: {len(row)} fields where the header on line "
                    f"{header_line} has {len(header)} (truncated or garbled row); skipped")
                continue
            data = dict(zip(header, row, strict=True))
            sid = (data.get("_id") or "").strip() or (data.get("entity_number") or "").strip()
            if not sid:
                warnings.append(f"{path}, line {line}: no _id; row skipped")
                continue
            if not clean(data.get("name")):
                warnings.append(f"{path}, line {line}: no name; row skipped")
                continue
            rec = records.get(sid)
            if rec is None:
                rec = records[sid] = Record(
                    source=SOURCE, source_id=sid,
                    schema=_SCHEMAS.get((data.get("type") or "").strip().lower(),
                                        Schema.UNKNOWN),
                    names=[],
                )
                raws[sid] = []
            elif rec.schema == Schema.UNKNOWN:
                rec.schema = _SCHEMAS.get((data.get("type") or "").strip().lower(),
                                          Schema.UNKNOWN)
            raws[sid].append({k: v for k, v in data.items() if v.strip()})
            _apply(rec, data)
    except csv.Error as exc:
        raise ParseError(str(path), f"line {reader.line_num}", f"malformed CSV: {exc}") from exc
    if header is None:
        raise ParseError(str(path), None, "the file has no header line")
    for sid, rec in records.items():
        rows = raws[sid]
        rec.raw = rows[0] if len(rows) == 1 else rows
    return ParsedList(
        source=SOURCE, authority=AUTHORITY, format=FORMAT, records=list(records.values()),
        title="US Consolidated Screening List", warnings=warnings,
    )
