"""EU Financial Sanctions Files (FSF), XML ``xmlFullSanctionsList_1_1``.

Namespace ``http://eu.europa.ec/fpi/fsd/export``, root ``export`` (``generationDate``), one
``sanctionEntity`` per record keyed by ``logicalId``. Mapping choices:

* schema: ``subjectType/@code`` person -> Person, enterprise -> Organization (vessel and
  aircraft are read too should they appear; anything else is Unknown, with a warning).
* names: every ``nameAlias`` is a name: ``wholeName`` (or first + middle + last names when it
  is empty), parts ``given``/``middle``/``family``, ``lang`` = ``nameLanguage`` lower-cased.
  The first strong Latin-script alias in English or with no language is PRIMARY; aliases
  with ``strong="false"`` are WEAK; aliases in a non-Latin script are ORIGINAL with their
  ISO 15924 script (:func:`~sanctio.sources.common.script_code`); the rest are ALIAS.
  Exact duplicates (the same spelling in several languages) are kept once. Names are kept as
  published, including untidy ones.
* designations: one per distinct ``regulation/@programme``. ``program`` is the EU programme
  code (``HR``, ``LBY``, ``UKR``...); the programme's name, where known, goes to
  ``properties["programme"]``. ``legal_basis`` is "Regulation (EU) <numberTitle>" ("(EC)"
  before the Lisbon Treaty; the bare ``numberTitle`` for UN listings not yet transposed);
  ``listed_on`` is the earliest ``publicationDate`` of the programme's regulations;
  ``reference`` is ``euReferenceNumber``. This is the financial sanctions list, so the only
  measure stated is "asset freeze"; travel bans are not in this file and are not added.
* ``unitedNationId`` -> ``xrefs`` ``un-ref:<id>``; ``remark`` -> ``properties["remarks"]``;
  ``designationDetails`` -> ``properties["designation_details"]``; ``function`` ->
  ``properties["position"]``; ``title`` -> ``properties["title"]``.
* birth dates: the full ``birthdate`` attribute, else ``year``/``monthOfYear``/``dayOfMonth``
  at their precision; ``circa="true"`` marks approximate dates. Dates in the ISLAMIC calendar
  with no Gregorian ``birthdate`` are not converted: their wording is kept in
  ``properties["birth_date_other_calendar"]``. Country ``00`` means unknown and is ignored.
* ``citizenship`` -> ``nationalities``; ``identification`` -> Identifier (type codes
  normalised, see ``ID_TYPES``); ``address`` -> Address.
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
    element_to_dict,
    iter_xml,
    local_name,
    parse_date,
    release_element,
    script_code,
    xml_root_tag,
)

FORMAT = "eu-fsf"
SOURCE = "eu"
AUTHORITY = Authority.EU_COUNCIL.value
NAMESPACE = "http://eu.europa.ec/fpi/fsd/export"
LIST_NAME = "EU Consolidated Financial Sanctions List"
ROOT = "export"
MEASURES = ["asset freeze"]

_NS = "{" + NAMESPACE + "}"

SCHEMAS: dict[str, Schema] = {
    "person": Schema.PERSON,
    "enterprise": Schema.ORGANIZATION,
    "vessel": Schema.VESSEL,
    "aircraft": Schema.AIRCRAFT,
}

# EU programme code -> programme (sanctions regime) name
PROGRAMMES: dict[str, str] = {
    "AFG": "Afghanistan (Taliban)",
    "BDI": "Burundi",
    "BIH": "Bosnia and Herzegovina",
    "BLR": "Belarus",
    "CAF": "Central African Republic",
    "CHEM": "Chemical weapons",
    "COD": "Democratic Republic of the Congo",
    "CYB": "Cyber-attacks",
    "EGY": "Egypt (misappropriation of state funds)",
    "EUAQ": "ISIL (Da'esh) and Al-Qaida (EU autonomous listings)",
    "GIN": "Guinea",
    "GNB": "Guinea-Bissau",
    "GTM": "Guatemala",
    "HAM": "Hamas and Palestinian Islamic Jihad",
    "HR": "EU Global Human Rights Sanctions Regime",
    "HTI": "Haiti",
    "IRN": "Iran",
    "IRQ": "Iraq",
    "LBN": "Lebanon",
    "LBY": "Libya",
    "MDA": "Moldova",
    "MLI": "Mali",
    "MMR": "Myanmar/Burma",
    "NIC": "Nicaragua",
    "PRK": "DPRK (North Korea)",
    "RUS": "Russia (human rights situation)",
    "RUSDA": "Russia (destabilising activities)",
    "SDN": "Sudan",
    "SDNZ": "Sudan (activities undermining stability and political transition)",
    "SOM": "Somalia",
    "SSD": "South Sudan",
    "SYR": "Syria",
    "TAQA": "ISIL (Da'esh) and Al-Qaida (UN listings)",
    "TERR": "Terrorist persons and groups (CP 2001/931)",
    "TUN": "Tunisia (misappropriation of state funds)",
    "UKR": "Ukraine territorial integrity",
    "UNLI": "UN listing (not yet transposed into EU law)",
    "VEN": "Venezuela",
    "YEM": "Yemen",
    "ZWE": "Zimbabwe",
}

# identificationTypeCode -> normalised identifier type
ID_TYPES: dict[str, str] = {
    "passport": "passport",
    "id": "national_id",
    "regnumber": "registration",
    "fiscalcode": "tax_id",
    "taxid": "tax_id",
    "euvat": "vat",
    "imo": "imo",
    "swiftbic": "swift_bic",
    "birthcert": "birth_certificate",
    "drivinglicence": "driving_licence",
    "nationcert": "nationality_certificate",
    "ssn": "social_security",
    "unssn": "registration",  # Chinese unified social credit code (companies)
    "travelcardid": "travel_document",
    "residentperm": "residence_permit",
    "tradelic": "trade_licence",
    "electionid": "voter_id",
    "other": "other",
}

_ID_FLAGS = {
    "diplomatic": "diplomatic",
    "knownExpired": "known expired",
    "knownFalse": "known false",
    "reportedLost": "reported lost",
    "revokedByIssuer": "revoked by issuer",
}

_ISO2 = re.compile(r"^[A-Z]{2}$")
_LISBON = "2009-12-01"  # regulations before the Lisbon Treaty are "(EC)"


def sniff(path: Path) -> bool:
    if not path.is_file() or xml_root_tag(path) != ROOT:
        return False
    with path.open("rb") as f:
        head = f.read(1 << 12)
    return NAMESPACE.encode() in head


def parse(path: Path, **options: Any) -> ParsedList:
    """Parse an EU FSF XML file into one record per ``sanctionEntity``."""
    path = Path(path)
    if not path.is_file():
        raise ParseError(str(path), None, "no such file")
    check_xml_safe(path)
    root_tag = xml_root_tag(path)
    if root_tag != ROOT:
        raise ParseError(
            str(path), "root element",
            f"not an EU financial sanctions file: the root element is "
            f"{root_tag or 'missing'}, expected {ROOT} ({NAMESPACE})",
        )
    records: list[Record] = []
    warnings: list[str] = []
    publisher_date: str | None = None
    seen_root = False
    for elem in iter_xml(path, {"sanctionEntity"}):
        if not seen_root:
            seen_root = True
            root = elem.getroottree().getroot()
            if root.tag != _NS + ROOT:
                raise ParseError(str(path), "root element",
                                 f"the root element is not in the namespace {NAMESPACE}")
            generated = clean(root.get("generationDate"))
            dv = parse_date(generated[:10]) if generated else None
            publisher_date = dv.value if dv else None
        try:
            records.append(_record(elem, warnings))
        except (ValueError, KeyError, TypeError) as exc:
            raise ParseError(str(path), f"line {elem.sourceline}, sanctionEntity",
                             f"cannot read the record: {exc}") from exc
        release_element(elem)
    return ParsedList(
        source=SOURCE, authority=AUTHORITY, format=FORMAT, records=records,
        publisher_date=publisher_date, title=LIST_NAME, warnings=warnings,
    )


def _attrs(elem: etree._Element) -> dict[str, str]:
    """The element's non-empty attributes, white space collapsed."""
    out: dict[str, str] = {}
    for k, v in elem.attrib.items():
        if v and not v.isspace():
            out[str(k)] = " ".join(str(v).split())
    return out


def _clean(value: str | None) -> str | None:
    """Attribute text with white space collapsed; None when empty (the FSF writes "")."""
    if not value or value.isspace():
        return None
    return " ".join(value.split())


def _country(code: str | None) -> str | None:
    if code is None:
        return None
    code = code.strip().upper()
    if code == "00" or not _ISO2.match(code):
        return None
    return code


def _add(items: list[str], value: str | None) -> None:
    if value and value not in items:
        items.append(value)


def _record(elem: etree._Element, warnings: list[str]) -> Record:
    top = _attrs(elem)
    logical_id = top.get("logicalId")
    if not logical_id:
        raise ValueError("sanctionEntity without logicalId")
    children: dict[str, list[etree._Element]] = {}
    for child in elem:
        name = local_name(child)
        if name:
            children.setdefault(name, []).append(child)

    schema = Schema.UNKNOWN
    for st in children.get("subjectType", []):
        code = (st.get("code") or "").strip().lower()
        if code in SCHEMAS:
            schema = SCHEMAS[code]
        elif code:
            warnings.append(f"logicalId {logical_id}: unknown subjectType {code!r}")
    record = Record(source=SOURCE, source_id=logical_id, schema=schema, names=[])

    _names(children.get("nameAlias", []), record)
    if not record.names:
        warnings.append(f"logicalId {logical_id}: record without a name")

    reference = top.get("euReferenceNumber")
    un_id = top.get("unitedNationId")
    if un_id:
        record.xrefs.append(f"un-ref:{un_id}")
    record.add_property("designation_details", top.get("designationDetails"))
    for remark in children.get("remark", []):
        record.add_property("remarks", clean(remark.text))
    _designations(children.get("regulation", []), record, reference)

    for bd in children.get("birthdate", []):
        _birth(_attrs(bd), record, warnings)
    for cz in children.get("citizenship", []):
        _add(record.nationalities, _country(cz.get("countryIso2Code")))
    for ident in children.get("identification", []):
        _identifier(_attrs(ident), record, warnings)
    for addr in children.get("address", []):
        _address(_attrs(addr), record)

    record.raw = element_to_dict(elem)
    return record


def _names(aliases: list[etree._Element], record: Record) -> None:
    candidates: list[tuple[Name, bool]] = []  # (name, strong)
    for alias in aliases:
        get = alias.get
        parts = {k: v for k, v in (("given", _clean(get("firstName"))),
                                   ("middle", _clean(get("middleName"))),
                                   ("family", _clean(get("lastName")))) if v}
        full = _clean(get("wholeName")) or " ".join(parts.values())
        gender = (get("gender") or "").strip().upper()
        if record.gender is None and gender in ("M", "F"):
            record.gender = "male" if gender == "M" else "female"
        record.add_property("position", _clean(get("function")))
        record.add_property("title", _clean(get("title")))
        if not full:
            continue
        lang = _clean(get("nameLanguage"))
        strong = (get("strong") or "true").strip().lower() != "false"
        name = Name(full=full, type=NameType.ALIAS, parts=parts, script=script_code(full),
                    lang=lang.lower() if lang else None)
        if not strong:
            name.type = NameType.WEAK
        elif name.script not in (None, "Latn"):
            name.type = NameType.ORIGINAL
        candidates.append((name, strong))
    if not candidates:
        return
    primary = _pick_primary(candidates)
    primary.type = NameType.PRIMARY
    seen: set[str] = set()
    for name in [primary] + [n for n, _ in candidates if n is not primary]:
        if name.full in seen:
            continue
        seen.add(name.full)
        record.names.append(name)


def _pick_primary(candidates: list[tuple[Name, bool]]) -> Name:
    latin = [n for n, strong in candidates if strong and n.script in ("Latn", None)]
    for name in latin:
        if name.lang in (None, "en"):
            return name
    if latin:
        return latin[0]
    strong_names = [n for n, strong in candidates if strong]
    return strong_names[0] if strong_names else candidates[0][0]


def _legal_basis(reg: dict[str, str]) -> str | None:
    number = reg.get("numberTitle")
    if not number:
        return None
    if reg.get("organisationType") == "un" or not re.match(r"^\d{2,4}/+\d+", number):
        return number
    published = reg.get("publicationDate", "")
    kind = "EC" if published and published < _LISBON else "EU"
    return f"Regulation ({kind}) {number}"


def _designations(regulations: list[etree._Element], record: Record,
                  reference: str | None) -> None:
    by_programme: dict[str, Designation] = {}
    for elem in regulations:
        reg = _attrs(elem)
        programme = reg.get("programme") or ""
        published_dv = parse_date(reg.get("publicationDate"))
        published = published_dv.value if published_dv else None
        url = clean(elem.findtext(_NS + "publicationUrl"))
        record.add_property("regulation_url", url)
        designation = by_programme.get(programme)
        if designation is None:
            designation = Designation(
                authority=AUTHORITY, source=SOURCE, source_id=record.source_id,
                list_name=LIST_NAME, program=programme or None,
                legal_basis=_legal_basis(reg), listed_on=published,
                measures=list(MEASURES), reference=reference,
            )
            by_programme[programme] = designation
            record.designations.append(designation)
            if programme in PROGRAMMES:
                record.add_property("programme", PROGRAMMES[programme])
        elif published and (designation.listed_on is None or published < designation.listed_on):
            designation.listed_on = published
            designation.legal_basis = _legal_basis(reg) or designation.legal_basis
    if not record.designations:
        record.designations.append(Designation(
            authority=AUTHORITY, source=SOURCE, source_id=record.source_id,
            list_name=LIST_NAME, measures=list(MEASURES), reference=reference,
        ))


def _birth(a: dict[str, str], record: Record, warnings: list[str]) -> None:
    circa = a.get("circa", "").lower() == "true"
    calendar = a.get("calendarType", "GREGORIAN").upper()
    year, month, day = a.get("year"), a.get("monthOfYear"), a.get("dayOfMonth")
    partial: str | None = None
    if year and year.isdigit():
        partial = year
        if month and month.isdigit():
            partial += f"-{int(month):02d}"
            if day and day.isdigit():
                partial += f"-{int(day):02d}"
    dv: DateValue | None = None
    if calendar != "GREGORIAN":
        wording = "/".join(v for v in (day, month, year) if v)
        if a.get("birthdate"):
            dv = parse_date(a["birthdate"], circa=circa)
            if dv is not None:
                dv.text = f"{wording} ({calendar.lower()} calendar)"
        elif wording:
            record.add_property("birth_date_other_calendar",
                                f"{wording} ({calendar.lower()} calendar)")
    else:
        # structured attributes: no wording of the list's own to keep in ``text``
        dv = parse_date(a.get("birthdate") or partial, circa=circa)
        if dv is not None:
            dv.text = None
    if dv is not None:
        if all((d.value, d.circa) != (dv.value, dv.circa) for d in record.birth_dates):
            record.birth_dates.append(dv)
    elif calendar == "GREGORIAN" and (a.get("birthdate") or year):
        warnings.append(f"logicalId {record.source_id}: unreadable birth date "
                        f"{a.get('birthdate') or partial!r}")

    code = _country(a.get("countryIso2Code"))
    country_text = a.get("countryDescription") if code else None
    place = ", ".join(
        p for p in (a.get("place"), a.get("city"), a.get("zipCode"), a.get("region"),
                    country_text) if p
    )
    _add(record.birth_places, place or None)
    _add(record.countries, code)


def _identifier(a: dict[str, str], record: Record, warnings: list[str]) -> None:
    number = a.get("number") or a.get("latinNumber")
    code = a.get("identificationTypeCode", "other").lower()
    notes: list[str] = []
    if code not in ID_TYPES:
        notes.append(code)
    for key in ("identificationTypeDescription", "issuedBy", "region"):
        if a.get(key):
            notes.append(a[key])
    if a.get("nameOnDocument"):
        notes.append(f"name on document: {a['nameOnDocument']}")
    if a.get("latinNumber") and a.get("latinNumber") != number:
        notes.append(f"latin number: {a['latinNumber']}")
    for key, label in _ID_FLAGS.items():
        if a.get(key, "").lower() == "true":
            notes.append(label)
    country = _country(a.get("countryIso2Code"))
    if not country and a.get("countryDescription"):
        notes.append(a["countryDescription"])
    if not number:
        warnings.append(f"logicalId {record.source_id}: identification without a number")
        return
    record.identifiers.append(Identifier(
        type=ID_TYPES.get(code, "other"), number=number, country=country,
        note="; ".join(notes) or None,
    ))


def _address(a: dict[str, str], record: Record) -> None:
    code = _country(a.get("countryIso2Code"))
    street, city, region = a.get("street"), a.get("city"), a.get("region")
    postal = a.get("zipCode")
    po_box = f"PO Box {a['poBox']}" if a.get("poBox") else None
    country_text = a.get("countryDescription")
    if country_text and country_text.upper() == "UNKNOWN":
        country_text = None
    full = ", ".join(
        p for p in (street, po_box, a.get("place"), city, postal, region, country_text) if p
    )
    record.add_property("contact", a.get("contactInfo"))
    if not full:
        return
    record.addresses.append(Address(
        full=full, street=street, city=city, region=region, postal_code=postal, country=code,
    ))
    _add(record.countries, code)
