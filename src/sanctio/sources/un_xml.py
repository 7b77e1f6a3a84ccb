"""UN Security Council Consolidated List, XML (``CONSOLIDATED_LIST``, ``sc-sanctions.xsd``).

The file holds ``INDIVIDUALS/INDIVIDUAL`` and ``ENTITIES/ENTITY``; each is one record keyed by
``DATAID``. Mapping choices:

* names: ``FIRST_NAME`` .. ``FOURTH_NAME`` joined with spaces is the primary name, with parts
  ``given``/``second``/``third``/``fourth`` (UN names are written given name first, so the
  positions are kept rather than guessed as family names). For entities ``FIRST_NAME`` is the
  whole name. ``NAME_ORIGINAL_SCRIPT`` is an ``ORIGINAL`` name (an ``ALIAS`` in the rare
  case it is written in Latin script). A spelling that repeats an earlier name is kept once.
* aliases: ``QUALITY`` Good / a.k.a. (or empty) -> ``ALIAS``, Low / Very Low -> ``WEAK``,
  f.k.a. -> ``FORMER``; an alias written in a non-Latin script is an ``ORIGINAL`` name.
  Alias dates and places of birth are added to the record's birth dates and places.
* ``Name.script`` is the ISO 15924 code from :func:`~sanctio.sources.common.script_code`
  (``Latn``, ``Arab``, ``Cyrl``, ...).
* designation: program = ``UN_LIST_TYPE`` (``Libya``, ``Al-Qaida``, ``DPRK``...), reference
  = ``REFERENCE_NUMBER``; its two-letter prefix names the sanctions regime, stored in
  ``properties["regime"]``. ``COMMENTS1`` is the reason. Measures are those of the UN
  consolidated list: asset freeze, travel ban and arms embargo for individuals; asset freeze
  and arms embargo for entities.
* ``TITLE`` -> ``properties["title"]``, ``DESIGNATION`` -> ``properties["position"]``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from lxml import etree

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
    check_xml_safe,
    clean,
    country_code,
    element_to_dict,
    iter_xml,
    parse_date,
    release_element,
    script_code,
    xml_root_tag,
)

FORMAT = "un-xml"
SOURCE = "un"
AUTHORITY = Authority.UN_SC.value
LIST_NAME = "UN Security Council Consolidated List"
ROOT = "CONSOLIDATED_LIST"

MEASURES_INDIVIDUAL = ["asset freeze", "travel ban", "arms embargo"]
MEASURES_ENTITY = ["asset freeze", "arms embargo"]

# prefix of the UN reference number (QDi.129, LYe.001) -> sanctions regime (and the
# resolution that set up its committee)
REGIMES: dict[str, str] = {
    "QD": "ISIL (Da'esh) and Al-Qaida (resolution 1267)",
    "TA": "Taliban (resolution 1988)",
    "KP": "DPRK (resolution 1718)",
    "IR": "Iran (resolution 1737)",
    "IQ": "Iraq (resolution 1518)",
    "CD": "Democratic Republic of the Congo (resolution 1533)",
    "LY": "Libya (resolution 1970)",
    "SO": "Al-Shabaab (resolution 2713)",
    "CF": "Central African Republic (resolution 2127)",
    "GB": "Guinea-Bissau (resolution 2048)",
    "YE": "Yemen (resolution 2140)",
    "HT": "Haiti (resolution 2653)",
    "SD": "Sudan (resolution 1591)",
    "SS": "South Sudan (resolution 2206)",
    "ML": "Mali (resolution 2374)",
    "LB": "Lebanon (resolution 1636)",
}

_QUALITY: dict[str, NameType] = {
    "": NameType.ALIAS,
    "good": NameType.ALIAS,
    "a.k.a.": NameType.ALIAS,
    "aka": NameType.ALIAS,
    "low": NameType.WEAK,
    "very low": NameType.WEAK,
    "f.k.a.": NameType.FORMER,
    "fka": NameType.FORMER,
}

# document wording -> normalised identifier type (first match wins, checked in order)
_DOC_TYPES: list[tuple[str, str]] = [
    (r"passport|pasaporte|passeport", "passport"),
    (r"social security", "social_security"),
    (r"fiscal code|tax", "tax_id"),
    (r"birth certificate", "birth_certificate"),
    (r"driver", "driving_licence"),
    (r"voter", "voter_id"),
    (r"ration card", "ration_card"),
    (r"residen", "residence_permit"),
    (r"nationality", "nationality_certificate"),
    (r"student|military|ex-serviceman|fardc", "other_id"),
    (r"identi|tazkira|national number|\bid\b", "national_id"),
]

_REF_PREFIX = re.compile(r"^([A-Z]{2})[ie]\.", re.IGNORECASE)


def sniff(path: Path) -> bool:
    return path.is_file() and xml_root_tag(path) == ROOT


def parse(path: Path, **options: Any) -> ParsedList:
    """Parse the UN consolidated XML into one record per INDIVIDUAL / ENTITY."""
    path = Path(path)
    if not path.is_file():
        raise ParseError(str(path), None, "no such file")
    check_xml_safe(path)
    root_tag = xml_root_tag(path)
    if root_tag != ROOT:
        raise ParseError(
            str(path), "root element",
            f"not a UN consolidated list XML: the root element is {root_tag or 'missing'}, "
            f"expected {ROOT}",
        )
    records: list[Record] = []
    warnings: list[str] = []
    publisher_date: str | None = None
    seen_root = False
    for elem in iter_xml(path, {"INDIVIDUAL", "ENTITY"}):
        if not seen_root:
            seen_root = True
            root = elem.getroottree().getroot()
            generated = clean(root.get("dateGenerated"))
            if generated:
                dv = parse_date(generated[:10])
                publisher_date = dv.value if dv else None
        try:
            records.append(_record(elem, warnings))
        except (ValueError, KeyError, TypeError) as exc:
            raise ParseError(str(path), f"line {elem.sourceline}, {elem.tag}",
                             f"cannot read the record: {exc}") from exc
        release_element(elem)
    return ParsedList(
        source=SOURCE, authority=AUTHORITY, format=FORMAT, records=records,
        publisher_date=publisher_date, title=LIST_NAME, warnings=warnings,
    )


def _fields(elem: etree._Element) -> dict[str, str]:
    """The cleaned text of an element's direct children by tag (first non-empty wins)."""
    out: dict[str, str] = {}
    for child in elem:
        tag = child.tag
        if isinstance(tag, str) and tag not in out:
            value = clean(child.text)
            if value:
                out[tag] = value
    return out


def _values(elem: etree._Element, tag: str) -> list[str]:
    out: list[str] = []
    for group in elem.findall(tag):
        for v in group.findall("VALUE"):
            value = clean(v.text)
            if value and value not in out:
                out.append(value)
    return out


def _country(text: str | None) -> str | None:
    if text is None or text.strip().lower() in {"na", "n/a", "unknown"}:
        return None
    return country_code(text)


def _add(items: list[str], value: str | None) -> None:
    if value and value not in items:
        items.append(value)


def _record(elem: etree._Element, warnings: list[str]) -> Record:
    is_person = elem.tag == "INDIVIDUAL"
    ef = _fields(elem)
    dataid = ef.get("DATAID")
    if not dataid:
        raise ValueError(f"{elem.tag} without DATAID")
    record = Record(
        source=SOURCE, source_id=dataid,
        schema=Schema.PERSON if is_person else Schema.ORGANIZATION, names=[],
    )
    _names(elem, ef, record, is_person)
    if not record.names:
        warnings.append(f"DATAID {dataid}: record without a name")

    reference = ef.get("REFERENCE_NUMBER")
    program = ef.get("UN_LIST_TYPE")
    listed = ef.get("LISTED_ON")
    listed_dv = parse_date(listed[:10]) if listed else None
    record.designations.append(Designation(
        authority=AUTHORITY, source=SOURCE, source_id=dataid, list_name=LIST_NAME,
        program=program, listed_on=listed_dv.value if listed_dv else None,
        measures=list(MEASURES_INDIVIDUAL if is_person else MEASURES_ENTITY),
        reason=ef.get("COMMENTS1"), reference=reference,
    ))
    if reference:
        record.xrefs.append(f"un-ref:{reference}")
        m = _REF_PREFIX.match(reference)
        if m and m.group(1).upper() in REGIMES:
            record.add_property("regime", REGIMES[m.group(1).upper()])
        elif m:
            warnings.append(f"DATAID {dataid}: unknown UN reference prefix in {reference}")

    for title in _values(elem, "TITLE"):
        record.add_property("title", title)
    for position in _values(elem, "DESIGNATION"):
        record.add_property("position", position)
    for updated in _values(elem, "LAST_DAY_UPDATED"):
        record.add_property("last_updated", updated)
    for nationality in _values(elem, "NATIONALITY"):
        code = _country(nationality)
        if code:
            _add(record.nationalities, code)
        elif nationality.lower() not in {"na", "n/a", "unknown"}:
            warnings.append(f"DATAID {dataid}: unknown nationality {nationality!r}")

    gender = (ef.get("GENDER") or "").lower()
    if gender in ("male", "female"):
        record.gender = gender

    for dob in elem.findall("INDIVIDUAL_DATE_OF_BIRTH"):
        _birth_date(dob, record, warnings)
    for pob in elem.findall("INDIVIDUAL_PLACE_OF_BIRTH"):
        pf = _fields(pob)
        _birth_place(
            record, pf.get("STREET"), pf.get("CITY"), pf.get("STATE_PROVINCE"),
            pf.get("COUNTRY"), pf.get("NOTE"),
        )
    for doc in elem.findall("INDIVIDUAL_DOCUMENT"):
        _document(doc, record)
    for addr in elem.findall("INDIVIDUAL_ADDRESS") + elem.findall("ENTITY_ADDRESS"):
        _address(addr, record)

    record.raw = element_to_dict(elem)
    return record


def _names(elem: etree._Element, ef: dict[str, str], record: Record, is_person: bool) -> None:
    keys = ("given", "second", "third", "fourth")
    tags = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
    parts = {k: v for k, t in zip(keys, tags, strict=True) if (v := ef.get(t))}
    full = " ".join(parts.values())
    seen: set[str] = set()

    def add(name: Name) -> None:
        # a spelling is kept once, with the type it first appears with (primary first)
        if name.full not in seen:
            seen.add(name.full)
            record.names.append(name)

    if full:
        add(Name(full=full, type=NameType.PRIMARY, parts=parts if is_person else {},
                 script=script_code(full)))
    for original in elem.findall("NAME_ORIGINAL_SCRIPT"):
        text = clean(original.text)
        if text:
            # a few "original script" names are Latin (e.g. Indonesian): those are aliases
            script = script_code(text)
            kind = NameType.ALIAS if script in (None, "Latn") else NameType.ORIGINAL
            add(Name(full=text, type=kind, script=script))
    for alias in elem.findall("INDIVIDUAL_ALIAS") + elem.findall("ENTITY_ALIAS"):
        af = _fields(alias)
        text = af.get("ALIAS_NAME")
        if not text:
            continue
        quality = (af.get("QUALITY") or "").lower()
        name_type = _QUALITY.get(quality, NameType.ALIAS)
        script = script_code(text)
        if name_type == NameType.ALIAS and script not in (None, "Latn"):
            name_type = NameType.ORIGINAL
        add(Name(full=text, type=name_type, script=script))
        note = af.get("NOTE")
        if note:
            record.add_property("alias_note", f"{text}: {note}")
        dob = af.get("DATE_OF_BIRTH")
        if dob:
            dv = parse_date(dob)
            if dv is not None:
                _add_date(record, dv)
        _birth_place(record, None, af.get("CITY_OF_BIRTH"), None,
                     af.get("COUNTRY_OF_BIRTH"), None)


def _add_date(record: Record, dv: DateValue) -> None:
    for existing in record.birth_dates:
        if (existing.value, existing.end, existing.circa) == (dv.value, dv.end, dv.circa):
            return
    record.birth_dates.append(dv)


def _birth_date(dob: etree._Element, record: Record, warnings: list[str]) -> None:
    df = _fields(dob)
    kind = (df.get("TYPE_OF_DATE") or "").upper()
    note = df.get("NOTE")
    circa = kind == "APPROXIMATELY" or (note or "").lower().startswith("approx")
    date_text = df.get("DATE")
    year = df.get("YEAR")
    from_year, to_year = df.get("FROM_YEAR"), df.get("TO_YEAR")
    dv: DateValue | None = None
    if kind == "BETWEEN" and from_year and to_year:
        start, end = parse_date(from_year), parse_date(to_year)
        if start and end:
            dv = DateValue.from_iso(start.value, circa=circa, end=end.value,
                                    text=note or f"between {from_year} and {to_year}")
    elif date_text or year:
        parsed = parse_date(date_text or year, circa=circa)
        if parsed:
            dv = DateValue.from_iso(parsed.value, circa=circa, text=note)
    elif note:
        parsed = parse_date(note, circa=circa)
        if parsed:
            dv = DateValue.from_iso(parsed.value, circa=circa, text=note)
        else:
            record.add_property("birth_date_note", note)
            return
    if dv is not None:
        _add_date(record, dv)
    elif date_text or year or from_year or to_year:
        warnings.append(
            f"DATAID {record.source_id}: unreadable date of birth "
            f"{date_text or year or from_year or to_year!r}"
        )


def _birth_place(record: Record, street: str | None, city: str | None, region: str | None,
                 country: str | None, note: str | None) -> None:
    text = ", ".join(p for p in (street, city, region, country) if p)
    if note:
        text = f"{text} ({note})" if text else note
    if text:
        _add(record.birth_places, text)
    code = _country(country)
    if code:
        _add(record.countries, code)


def _doc_type(*texts: str | None) -> str:
    for text in texts:
        if not text:
            continue
        low = " ".join(text.lower().split())
        for pattern, kind in _DOC_TYPES:
            if re.search(pattern, low):
                return kind
    return "other"


def _document(doc: etree._Element, record: Record) -> None:
    if not len(doc):
        return
    df = _fields(doc)
    type1, type2 = df.get("TYPE_OF_DOCUMENT"), df.get("TYPE_OF_DOCUMENT2")
    number = df.get("NUMBER")
    issuer = df.get("ISSUING_COUNTRY") or df.get("COUNTRY_OF_ISSUE")
    kind = _doc_type(type2, type1)
    notes: list[str] = []
    if type2:
        notes.append(type2)
    elif type1 and (kind == "other" or not number):
        notes.append(type1)
    issued, city = df.get("DATE_OF_ISSUE"), df.get("CITY_OF_ISSUE")
    if issued or city:
        notes.append(" ".join(
            p for p in ("issued", issued, f"in {city}" if city else None) if p))
    note = df.get("NOTE")
    if note:
        notes.append(note)
    if not number:
        # the number, if any, is inside the free text: keep the wording, do not guess
        if notes:
            record.add_property("document", "; ".join(notes))
        return
    record.identifiers.append(Identifier(
        type=kind,
        number=number, country=_country(issuer), note="; ".join(notes) or None,
    ))


def _address(addr: etree._Element, record: Record) -> None:
    af = _fields(addr)
    street, city = af.get("STREET"), af.get("CITY")
    region, postal = af.get("STATE_PROVINCE"), af.get("ZIP_CODE")
    country_text, note = af.get("COUNTRY"), af.get("NOTE")
    full = ", ".join(p for p in (street, city, region, postal, country_text) if p)
    if note:
        full = f"{full} ({note})" if full else note
    if not full:
        return
    code = _country(country_text)
    record.addresses.append(Address(
        full=full, street=street, city=city, region=region, postal_code=postal, country=code,
    ))
    if code:
        _add(record.countries, code)
