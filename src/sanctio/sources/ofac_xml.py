"""OFAC lists in the ``sdnList`` XML layout (namespace ``http://tempuri.org/sdnList.xsd``):
``sdn.xml`` (the SDN list) and ``consolidated.xml`` (the consolidated non-SDN lists).

The file is streamed with :func:`~sanctio.sources.common.iter_xml` (no DOCTYPE, no entities).
``publshInformation`` (sic) gives ``Publish_Date`` (MM/DD/YYYY) and ``Record_Count``; a count
that differs from the number of ``sdnEntry`` read is a warning. Mapping choices:

* one record per ``sdnEntry``, keyed by ``uid``; ``sdnType`` Individual -> Person, Entity ->
  Organization, Vessel -> Vessel, Aircraft -> Aircraft.
* names: ``lastName`` with ``firstName`` written "LAST, First" as OFAC does in its CSV and
  web search, with parts ``family``/``given``. ``akaList/aka``: f.k.a. -> FORMER, category
  weak -> WEAK, otherwise ALIAS.
* ``idList/id``: identity documents and registrations become identifiers (types as in
  :mod:`ofac_csv`, country from ``idCountry``, note from issue and expiration dates); the
  other facts OFAC files as ids (Gender, Website, Email Address, sanctions information,
  Executive Order directives, digital currency addresses, vessel IMO/MMSI) go where the CSV
  parser puts them. An unknown ``idType`` becomes an identifier typed by its label.
* ``remarks`` are read like the CSV remarks ("(Linked To: ROSTEC)" is a relation; text that
  is no known fact stays in ``properties["remarks"]``).
* ``title`` -> ``properties["position"]``; ``vesselInfo`` -> vessel properties.
* designations: one per ``programList/program``. For the consolidated file the list name is
  the non-SDN list the programme belongs to (SSI, NS-PLC, FSE, Part 561, NS-MBS).

Which list a file is: both files share the layout and ``publshInformation``, so the entries
decide. Every entry of the consolidated (non-SDN) file carries a programme only the non-SDN
lists use (NS-PLC, FSE-*, 561-Related, CAATSA - RUSSIA, ...) or a sectoral sanctions
directive determination (SSI); SDN entries almost never do (46 of 8,976 in July 2021). A file
whose entries are mostly so marked is the consolidated list, source ``us-ofac-cons``;
otherwise it is the SDN list, source ``us-ofac``. Each is its own list in the registry.

Options: ``source`` (default ``us-ofac`` or ``us-ofac-cons`` as detected), ``consolidated``
(True / False: skip the detection), ``title``, ``list_name`` (overrides the list name of
every designation).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from lxml import etree

from sanctio.model import (
    Address,
    Identifier,
    NameType,
    ParsedList,
    ParseError,
    Record,
    Schema,
)
from sanctio.sources.common import (
    clean,
    element_to_dict,
    iter_xml,
    local_name,
    xml_root_tag,
)
from sanctio.sources.ofac_csv import (
    AUTHORITY,
    RemarkContext,
    add_name,
    apply_fact,
    apply_remarks,
    make_designations,
    ofac_country,
    parse_ofac_date,
    place_country,
    resolve_links,
)

FORMAT = "ofac-xml"
SOURCE = "us-ofac"
CONSOLIDATED_SOURCE = "us-ofac-cons"
ROOT = "sdnList"
NAMESPACE = "http://tempuri.org/sdnList.xsd"

SDN_TITLE = "OFAC SDN List"
CONSOLIDATED_TITLE = "OFAC Consolidated (non-SDN) Sanctions List"
SDN_LIST_NAME = "SDN List"
CONSOLIDATED_LIST_NAME = "Non-SDN Consolidated Sanctions List"

SCHEMAS: dict[str, Schema] = {
    "individual": Schema.PERSON,
    "entity": Schema.ORGANIZATION,
    "vessel": Schema.VESSEL,
    "aircraft": Schema.AIRCRAFT,
}

# the non-SDN list a programme of the consolidated file belongs to
CONSOLIDATED_LISTS: dict[str, str] = {
    "UKRAINE-EO13662": "Sectoral Sanctions Identifications (SSI) List",
    "NS-PLC": "Non-SDN Palestinian Legislative Council (NS-PLC) List",
    "FSE-IR": "Foreign Sanctions Evaders (FSE) List",
    "FSE-SY": "Foreign Sanctions Evaders (FSE) List",
    "561-Related": "List of Foreign Financial Institutions Subject to Part 561 (Part 561 List)",
    "CAATSA - RUSSIA": "Non-SDN Menu-Based Sanctions (NS-MBS) List",
}

# programmes only the non-SDN lists use, and the id type of a sectoral sanctions directive
NON_SDN_PROGRAMS = frozenset({
    "NS-PLC", "FSE-IR", "FSE-SY", "FSE-WMD", "FSE-SDGT", "561-Related", "CAATSA - RUSSIA",
    "NS-MBS", "NS-ISA", "NS-CMIC", "CMIC-EO13959",
})
NON_SDN_ID_TYPES = ("Executive Order 13662 Directive Determination", "CAATSA Section 235")

VESSEL_FIELDS: dict[str, str] = {
    "callSign": "call_sign",
    "vesselType": "vessel_type",
    "vesselFlag": "vessel_flag",
    "vesselOwner": "vessel_owner",
    "tonnage": "tonnage",
    "grossRegisteredTonnage": "gross_registered_tonnage",
}


def sniff(path: Path) -> bool:
    return path.is_file() and xml_root_tag(path) == ROOT


def _children(elem: etree._Element, name: str) -> list[etree._Element]:
    return [c for c in elem if local_name(c) == name]


def _text(elem: etree._Element, name: str) -> str | None:
    for c in elem:
        if local_name(c) == name:
            return clean(c.text)
    return None


def _items(elem: etree._Element, list_name: str, item: str) -> list[etree._Element]:
    out: list[etree._Element] = []
    for lst in _children(elem, list_name):
        out.extend(_children(lst, item))
    return out


def publish_date(text: str | None) -> str | None:
    """``12/14/2020`` (MM/DD/YYYY) -> ``2020-12-14``."""
    value = clean(text)
    if value is None:
        return None
    m = re.match(r"^(\d{1,2})/(\d{1,2})/(\d{4})$", value)
    if not m:
        return None
    month, day, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _name(last: str | None, first: str | None) -> str | None:
    if last and first:
        return f"{last}, {first}"
    return last or first


def _id_note(elem: etree._Element) -> str | None:
    parts = []
    issued = _text(elem, "issueDate")
    expires = _text(elem, "expirationDate")
    if issued:
        parts.append(f"issued {issued}")
    if expires:
        parts.append(f"expires {expires}")
    return " ".join(parts) or None


def is_non_sdn_entry(programs: list[str], id_types: list[str]) -> bool:
    """Whether an ``sdnEntry`` carries a mark of OFAC's non-SDN lists: a programme only those
    lists use (NS-PLC, FSE-*, 561-Related, CAATSA - RUSSIA, NS-MBS, ...) or a sectoral
    sanctions directive determination (the SSI list)."""
    if any(p in NON_SDN_PROGRAMS or p.startswith(("NS-", "FSE-")) for p in programs):
        return True
    return any(t.startswith(NON_SDN_ID_TYPES) for t in id_types)


def guess_source(path: Path) -> str:
    """The source key of a file that could not be read (by its name only)."""
    return CONSOLIDATED_SOURCE if "cons" in Path(path).stem.lower() else SOURCE


def _read_entry(path: Path, elem: etree._Element, source: str
                ) -> tuple[Record, list[str], RemarkContext, bool]:
    where = f"line {elem.sourceline}"
    uid = _text(elem, "uid")
    if uid is None or not uid.isdigit():
        raise ParseError(str(path), where, f"sdnEntry uid {uid!r} is not an integer")
    sdn_type = _text(elem, "sdnType")
    schema = SCHEMAS.get((sdn_type or "").lower())
    if schema is None:
        raise ParseError(str(path), where, f"sdnEntry {uid}: unknown sdnType {sdn_type!r}")
    primary = _name(_text(elem, "lastName"), _text(elem, "firstName"))
    if primary is None:
        raise ParseError(str(path), where, f"sdnEntry {uid} has no lastName")
    record = Record(source=source, source_id=uid, schema=schema, names=[])
    add_name(record, primary, NameType.PRIMARY)

    for aka in _items(elem, "akaList", "aka"):
        full = _name(_text(aka, "lastName"), _text(aka, "firstName"))
        kind = (_text(aka, "type") or "").lower()
        category = (_text(aka, "category") or "").lower()
        if kind.startswith("f.k.a"):
            name_type = NameType.FORMER
        elif category == "weak":
            name_type = NameType.WEAK
        else:
            name_type = NameType.ALIAS
        add_name(record, full, name_type)

    title = _text(elem, "title")
    for t in (title or "").split(";"):
        record.add_property("position", t)

    ctx = RemarkContext()
    id_types: list[str] = []
    for item in _items(elem, "idList", "id"):
        label = _text(item, "idType")
        number = _text(item, "idNumber")
        if label is not None:
            id_types.append(label)
        if label is None or number is None:
            continue
        country = _text(item, "idCountry")
        note = _id_note(item)
        if not apply_fact(record, label, number, ctx, country=country, note=note):
            slug = re.sub(r"[^a-z0-9]+", "_", label.lower()).strip("_") or "other"
            record.identifiers.append(Identifier(
                type=slug, number=number, country=ofac_country(country),
                note="; ".join(x for x in (label, note) if x)))

    for item in _items(elem, "dateOfBirthList", "dateOfBirthItem"):
        text = _text(item, "dateOfBirth")
        dv = parse_ofac_date(text)
        if dv is not None:
            if dv not in record.birth_dates:
                record.birth_dates.append(dv)
        elif text:
            record.add_property("birth_date_text", text)
    for item in _items(elem, "placeOfBirthList", "placeOfBirthItem"):
        place = _text(item, "placeOfBirth")
        if place and place not in record.birth_places:
            record.birth_places.append(place)
            code = place_country(place)
            if code and code not in record.countries:
                record.countries.append(code)
    for list_tag, item_tag, target in (("nationalityList", "nationality", record.nationalities),
                                       ("citizenshipList", "citizenship", record.citizenships)):
        for item in _items(elem, list_tag, item_tag):
            text = _text(item, "country")
            code = ofac_country(text)
            if code is None:
                record.add_property(item_tag, text)
            elif code not in target:
                target.append(code)

    for item in _items(elem, "addressList", "address"):
        street = ", ".join(x for x in (_text(item, f"address{i}") for i in (1, 2, 3)) if x)
        city = _text(item, "city")
        region = _text(item, "stateOrProvince")
        postal = _text(item, "postalCode")
        country = _text(item, "country")
        full = ", ".join(x for x in (street, city, region, postal, country) if x)
        if not full:
            continue
        code = ofac_country(country)
        address = Address(full=full, street=street or None, city=city, region=region,
                          postal_code=postal, country=code)
        if address not in record.addresses:
            record.addresses.append(address)
        if code and code not in record.countries:
            record.countries.append(code)

    for vessel in _children(elem, "vesselInfo"):
        for tag, key in VESSEL_FIELDS.items():
            record.add_property(key, _text(vessel, tag))
        code = ofac_country(_text(vessel, "vesselFlag"))
        if code and code not in record.countries:
            record.countries.append(code)

    apply_remarks(record, _text(elem, "remarks"), ctx)

    programs = [p for p in (clean(x.text) for x in _items(elem, "programList", "program")) if p]
    record.raw = element_to_dict(elem)
    return record, programs, ctx, is_non_sdn_entry(programs, id_types)


def parse(path: Path, **options: Any) -> ParsedList:
    """Parse an OFAC ``sdnList`` XML file (sdn.xml or consolidated.xml)."""
    path = Path(path)
    if not path.is_file():
        raise ParseError(str(path), None, "no such file")
    forced = options.get("consolidated")
    list_name = options.get("list_name")
    warnings: list[str] = []
    records: list[Record] = []
    pending: list[tuple[list[str], RemarkContext]] = []
    non_sdn = 0
    seen: set[str] = set()
    published: str | None = None
    record_count: int | None = None
    root_checked = False

    for elem in iter_xml(path, {"sdnEntry", "publshInformation"}):
        if not root_checked:
            root = elem.getroottree().getroot()
            if local_name(root) != ROOT:
                raise ParseError(str(path), f"line {root.sourceline}",
                                 f"root element is {local_name(root)!r}, not {ROOT!r}")
            root_checked = True
        if local_name(elem) == "publshInformation":
            raw_date = _text(elem, "Publish_Date")
            published = publish_date(raw_date)
            if raw_date and published is None:
                warnings.append(f"Publish_Date {raw_date!r} is not a MM/DD/YYYY date")
            count = _text(elem, "Record_Count")
            if count is not None:
                if count.isdigit():
                    record_count = int(count)
                else:
                    warnings.append(f"Record_Count {count!r} is not a number")
            continue
        record, programs, ctx, marked = _read_entry(path, elem, SOURCE)
        non_sdn += marked
        pending.append((programs, ctx))
        if record.source_id in seen:
            raise ParseError(str(path), f"line {elem.sourceline}",
                             f"duplicate sdnEntry uid {record.source_id}")
        seen.add(record.source_id)
        records.append(record)
        elem.clear()
        parent = elem.getparent()
        if parent is not None:
            while elem.getprevious() is not None:
                del parent[0]

    if not root_checked:
        root_tag = xml_root_tag(path)
        if root_tag != ROOT:
            raise ParseError(str(path), None, f"root element is {root_tag!r}, not {ROOT!r}")
    if record_count is None:
        warnings.append("no publshInformation/Record_Count: the entry count is not checked")
    elif record_count != len(records):
        warnings.append(f"Record_Count says {record_count} entries but the file has "
                        f"{len(records)} sdnEntry elements")
    # which list this is: the file says so only through its entries (the same layout and
    # publshInformation serve both): the consolidated list's entries all carry a non-SDN
    # programme or directive, SDN entries almost never do (46 of 8,976 in July 2021)
    detected = bool(records) and non_sdn * 2 > len(records)
    consolidated = detected if forced is None else bool(forced)
    default_source = CONSOLIDATED_SOURCE if consolidated else SOURCE
    source = str(options.get("source") or default_source)
    title = str(options.get("title") or (CONSOLIDATED_TITLE if consolidated else SDN_TITLE))
    for record, (programs, ctx) in zip(records, pending, strict=True):
        record.source = source
        if list_name:
            name = str(list_name)
        elif consolidated:
            name = next((CONSOLIDATED_LISTS[p] for p in programs if p in CONSOLIDATED_LISTS),
                        CONSOLIDATED_LIST_NAME)
        else:
            name = SDN_LIST_NAME
        make_designations(record, programs, ctx, source=source, list_name=name)
    resolve_links(records, warnings)
    return ParsedList(
        source=source, authority=AUTHORITY, format=str(options.get("format") or FORMAT),
        records=records, publisher_date=published, title=title, warnings=warnings,
    )
