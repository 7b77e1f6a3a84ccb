"""OFAC SDN list, the legacy CSV set: ``sdn.csv``, ``alt.csv``, ``add.csv``, ``sdn_comments.csv``.

The files have no header, fixed columns, ``-0-`` for an empty field and an 0x1A end-of-file
row. ``parse`` takes the directory (or the path of ``sdn.csv`` inside it); the other three
files are optional (a warning when missing). Mapping choices:

* one record per ``ent_num``; ``SDN_Type`` individual -> Person, vessel -> Vessel,
  aircraft -> Aircraft, ``-0-`` -> Organization.
* names: ``SDN_Name`` is the primary name, written as OFAC writes it ("AL-KANI, Mohamed");
  for individuals the parts ``family``/``given`` are split at the first comma. alt.csv
  ``aka``/``nka`` -> ALIAS, ``fka`` -> FORMER. Quoted a.k.a.s in the remarks ("a.k.a.
  'KANIYAT'") are OFAC's weak a.k.a.s -> WEAK; quoted f.k.a.s -> FORMER.
* ``Program`` holds one or more programmes ("SDGT] [IRGC"): one designation each, with a legal
  basis from :data:`PROGRAM_LEGAL_BASIS`, from an ``-EO13818`` suffix, or else from the
  Executive Orders the remarks cite.
* ``Title`` -> ``properties["position"]`` (split at semicolons); vessel columns -> properties
  ``call_sign``, ``vessel_type``, ``tonnage``, ``gross_registered_tonnage``, ``vessel_flag``,
  ``vessel_owner``; the flag's country also goes into ``countries``.
* ``Remarks`` (continued in sdn_comments.csv when they overflow; the continuation is appended
  as is, since OFAC cuts the text mid-word) are semicolon-separated facts: DOB, POB,
  nationality, citizen, Gender, identity documents and registration numbers (see
  :data:`ID_TYPES`), digital currency addresses (``crypto_xbt``...), e-mail, website, phone,
  vessel and aircraft facts, sanctions information, "Linked To:" relations. A piece that is
  none of these is kept in ``properties["remarks"]``.
* identifiers: ``Identifier.type`` is normalised (passport, national_id, tax_id,
  registration, imo, mmsi, swift_bic, ...); the country comes from the trailing "(Libya)";
  the note keeps issue/expiry text and, for the types that gather several documents, OFAC's
  own label ("Cedula No.", "R.F.C."). A label followed by free text and no number ("Passport
  issued in Sarajevo") is kept as a remark.
* add.csv: ``address`` -> street; OFAC's single "city, state/province, postal code" field ->
  ``Address.city`` as written; the country (ISO alpha-2) also goes into ``countries``.
* "Linked To: NAME" targets are resolved to the ``ent_num`` of the record whose primary name
  equals NAME once every row is read (unresolved or ambiguous names keep only the name).

The helpers for remarks, dates, programmes and countries are shared with :mod:`ofac_xml`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
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
    Relation,
    RelationType,
    Schema,
)
from sanctio.sources.common import clean, country_code, parse_date, script_code

FORMAT = "ofac-csv"
SOURCE = "us-ofac"
AUTHORITY = Authority.US_OFAC.value
LIST_NAME = "SDN List"
TITLE = "OFAC SDN List"

SDN_COLUMNS = ("ent_num", "SDN_Name", "SDN_Type", "Program", "Title", "Call_Sign", "Vess_type",
               "Tonnage", "GRT", "Vess_flag", "Vess_owner", "Remarks")
ALT_COLUMNS = ("ent_num", "alt_num", "alt_type", "alt_name", "alt_remarks")
ADD_COLUMNS = ("ent_num", "add_num", "address", "city_state_postal", "country", "add_remarks")
COMMENTS_COLUMNS = ("ent_num", "remarks")

EOF_MARK = "\x1a"

SCHEMAS: dict[str | None, Schema] = {
    "individual": Schema.PERSON,
    "vessel": Schema.VESSEL,
    "aircraft": Schema.AIRCRAFT,
    None: Schema.ORGANIZATION,
}

ALT_TYPES: dict[str, NameType] = {
    "aka": NameType.ALIAS,
    "nka": NameType.ALIAS,
    "fka": NameType.FORMER,
}

# The statute or order behind a programme tag, where it is one clear instrument. Programme tags
# ending in -EO<number> name their Executive Order themselves (see legal_basis_for).
PROGRAM_LEGAL_BASIS: dict[str, str] = {
    "GLOMAG": "Executive Order 13818",
    "SDGT": "Executive Order 13224",
    "SDNT": "Executive Order 12978",
    "SDNTK": "Foreign Narcotics Kingpin Designation Act",
    "NPWMD": "Executive Order 13382",
    "TCO": "Executive Order 13581",
    "CYBER2": "Executive Order 13694",
    "IRAN": "Iranian Transactions and Sanctions Regulations, 31 CFR part 560",
    "IFSR": "Iranian Financial Sanctions Regulations, 31 CFR part 561",
    "IRAN-HR": "Executive Order 13553",
    "HRIT-IR": "Executive Order 13606",
    "HRIT-SY": "Executive Order 13606",
    "FSE-IR": "Executive Order 13608",
    "FSE-SY": "Executive Order 13608",
    "IRAQ2": "Executive Order 13315",
    "IRAQ3": "Executive Order 13438",
    "BALKANS": "Executive Order 13219",
    "BELARUS": "Executive Order 13405",
    "BURUNDI": "Executive Order 13712",
    "CAR": "Executive Order 13667",
    "DARFUR": "Executive Order 13400",
    "DRCONGO": "Executive Order 13413",
    "DPRK": "Executive Order 13551",
    "DPRK2": "Executive Order 13687",
    "DPRK3": "Executive Order 13722",
    "DPRK4": "Executive Order 13810",
    "DPRK-NKSPEA": "North Korea Sanctions and Policy Enhancement Act of 2016",
    "LEBANON": "Executive Order 13441",
    "LIBYA2": "Executive Order 13566",
    "LIBYA3": "Executive Order 13726",
    "NICARAGUA": "Executive Order 13851",
    "NICARAGUA-NHRAA": "Nicaragua Human Rights and Anticorruption Act of 2018",
    "SOMALIA": "Executive Order 13536",
    "SOUTH SUDAN": "Executive Order 13664",
    "VENEZUELA": "Executive Order 13692",
    "YEMEN": "Executive Order 13611",
    "CUBA": "Cuban Assets Control Regulations, 31 CFR part 515",
    "FTO": "Immigration and Nationality Act, section 219",
    "MAGNIT": "Sergei Magnitsky Rule of Law Accountability Act of 2012",
    "CAATSA - RUSSIA": "Countering America's Adversaries Through Sanctions Act",
    "CAATSA - IRAN": "Countering America's Adversaries Through Sanctions Act",
    "IFCA": "Iran Freedom and Counter-Proliferation Act of 2012",
    "ISA": "Iran Sanctions Act of 1996",
    "PEESA": "Protecting Europe's Energy Security Act of 2019",
    "SYRIA": "Syrian Sanctions Regulations, 31 CFR part 542",
    "SYRIA-CAESAR": "Caesar Syria Civilian Protection Act of 2019",
    "ZIMBABWE": "Zimbabwe Sanctions Regulations, 31 CFR part 541",
    "IRAN-TRA": "Iran Threat Reduction and Syria Human Rights Act of 2012",
    "HIFPAA": "Hizballah International Financing Prevention Amendments Act of 2018",
    "IRAN-CON-ARMS-EO": "Executive Order 13949",
}

# Identity documents and registration numbers in the remarks (and XML idType), by label as
# OFAC writes it (matched case-insensitively, without trailing ":", "#" or "-").
ID_TYPES: dict[str, str] = {
    # passports and travel documents
    "Passport": "passport",
    "Diplomatic Passport": "passport",
    "Passport Booklet": "passport",
    "Travel Document Number": "travel_document",
    "Seafarer's Identification Document": "seafarer_id",
    "British National Overseas Passport": "passport",
    "Stateless Person Passport": "passport",
    "VisaNumberID": "visa",
    "Immigration No.": "immigration",
    "Public Security and Immigration No.": "immigration",
    # personal identity numbers
    "National ID No.": "national_id",
    "National ID": "national_id",
    "Identification Number": "national_id",
    "Cedula No.": "national_id",
    "D.N.I.": "national_id",
    "Personal ID Card": "national_id",
    "Kenyan ID No.": "national_id",
    "Turkish Identification Number": "national_id",
    "Numero de Identidad": "national_id",
    "Tazkira National ID Card": "national_id",
    "National Foreign ID Number": "national_id",
    "Citizen's Card Number": "national_id",
    "C.U.R.P.": "national_id",
    "CURP": "national_id",
    "C.U.I.": "national_id",
    "LE Number": "national_id",
    "N.I.E.": "national_id",
    "Moroccan Personal ID No.": "national_id",
    "Bosnian Personal ID No.": "national_id",
    "Stateless Person ID Card": "national_id",
    "Refugee ID Card": "national_id",
    "CNP (Personal Numerical Code)": "national_id",
    "UAE Identification": "national_id",
    "SSN": "ssn",
    "I.F.E.": "voter_id",
    "Credencial electoral": "voter_id",
    "Electoral Registry No.": "voter_id",
    "C.U.I.P.": "police_id",
    "Cartilla de Servicio Militar Nacional": "military_id",
    "Residency Number": "residency",
    "Birth Certificate Number": "birth_certificate",
    "Driver's License No.": "drivers_license",
    "Pilot License Number": "pilot_license",
    # tax numbers
    "Tax ID No.": "tax_id",
    "Tax ID": "tax_id",
    "NIT": "tax_id",
    "R.F.C.": "tax_id",
    "RFC": "tax_id",
    "RUC": "tax_id",
    "RIF": "tax_id",
    "C.U.I.T.": "tax_id",
    "V.A.T. Number": "tax_id",
    "VAT Number": "tax_id",
    "US FEIN": "tax_id",
    "Italian Fiscal Code": "tax_id",
    "RTN": "tax_id",
    "C.I.F.": "tax_id",
    "RSIN": "tax_id",
    "Numero Unico de Identificacao Tributaria (NUIT)": "tax_id",
    "Fiscal Code": "tax_id",
    "Romanian Tax Registration": "tax_id",
    # company and other registrations
    "Registration ID": "registration",
    "Registration Number": "registration",
    "Company Number": "registration",
    "UK Company Number": "registration",
    "Commercial Registry Number": "registration",
    "Business Registration Number": "registration",
    "Business Registration Document": "registration",
    "Business Number": "registration",
    "Folio Mercantil No.": "registration",
    "Matricula Mercantil No": "registration",
    "Matricula Mercantil No.": "registration",
    "Government Gazette Number": "registration",
    "C.R. No.": "registration",
    "Trade License No.": "registration",
    "Tourism License No.": "registration",
    "License": "registration",
    "Chamber of Commerce Number": "registration",
    "Dubai Chamber of Commerce Membership No.": "registration",
    "Public Registration Number": "registration",
    "Certificate of Incorporation Number": "registration",
    "Legal Entity Number": "registration",
    "Enterprise Number": "registration",
    "Branch Unit Number": "registration",
    "Registered Charity No.": "registration",
    "File Number": "registration",
    "MSB Registration Number": "registration",
    "Central Registration System Number": "registration",
    "Romanian C.R.": "registration",
    "Istanbul Chamber of Comm. No.": "registration",
    "Afghan Money Service Provider License Number": "registration",
    "SRE Permit No.": "registration",
    "Unified Social Credit Code (USCC)": "registration",
    "United Social Credit Code Certificate (USCCC)": "registration",
    "Chinese Commercial Code": "chinese_commercial_code",
    "D-U-N-S Number": "duns",
    "SWIFT/BIC": "swift_bic",
    "BIK (RU)": "bik",
    # vessels and aircraft
    "Vessel Registration Identification IMO": "imo",
    "Vessel Registration Identification": "imo",
    "Identification Number IMO": "imo",
    "Company Number IMO": "imo",
    "International Maritime Organization No.": "imo",
    "IMO": "imo",
    "MMSI": "mmsi",
    "Aircraft Manufacturer's Serial Number (MSN)": "aircraft_msn",
    "Aircraft Construction Number (also called L/N or S/N or F/N)": "aircraft_construction_number",
    "Aircraft Tail Number": "aircraft_tail_number",
    "Previous Aircraft Tail Number": "aircraft_tail_number",
    "Aircraft Serial Identification": "aircraft_msn",
    "Aircraft Mode S Transponder Code": "aircraft_mode_s",
}

# Labelled facts kept as properties, by label -> property key.
PROPERTY_LABELS: dict[str, str] = {
    "Email Address": "email",
    "Email": "email",
    "Website": "website",
    "Phone Number": "phone",
    "Telephone": "phone",
    "Telephone No.": "phone",
    "Phone": "phone",
    "Fax": "fax",
    "Fax No.": "fax",
    "Position": "position",
    "Additional Sanctions Information": "additional_sanctions_information",
    "Secondary sanctions risk": "secondary_sanctions_risk",
    "Transactions Prohibited For Persons Owned or Controlled By U.S. Financial Institutions":
        "transactions_prohibited",
    "IFCA Determination": "ifca_determination",
    "Organization Established Date": "organization_established_date",
    "Organization Type": "organization_type",
    "Target Type": "target_type",
    "Aircraft Model": "aircraft_model",
    "Aircraft Operator": "aircraft_operator",
    "Aircraft Manufacture Date": "aircraft_manufacture_date",
    "Former Vessel Flag": "former_vessel_flag",
    "Other Vessel Flag": "other_vessel_flag",
    "Other Vessel Type": "other_vessel_type",
    "Other Vessel Call Sign": "other_vessel_call_sign",
    "Vessel Year of Build": "vessel_year_of_build",
    "Nationality of Registration": "nationality_of_registration",
    "Gender": "gender",
}

# properties whose value is a country that is also linked to the record
_COUNTRY_PROPERTIES = {"other_vessel_flag", "nationality_of_registration"}

# labels matched by pattern: (regex on the label, kind)
_EO_INFO = re.compile(r"^Executive Order (\d+) information$", re.I)
_EO_DIRECTIVE = re.compile(r"^Executive Order (\d+) Directive Determination$", re.I)
_CAATSA = re.compile(r"^CAATSA Section (\d+) Information$", re.I)
_CRYPTO = re.compile(r"^Digital Currency Address\s*-\s*([A-Za-z0-9]+)$", re.I)
_LABEL_PATTERNS = (
    r"Executive Order \d+ information",
    r"Executive Order \d+ Directive Determination",
    r"CAATSA Section \d+ Information",
    r"Digital Currency Address\s*-\s*[A-Za-z0-9]+",
)

_ID_LOOKUP = {k.lower(): v for k, v in ID_TYPES.items()}
_ID_LABELS = {k.lower(): k for k in ID_TYPES}
# identifier types that gather several kinds of document: the note keeps the list's label
# ("Cedula No.", "R.F.C.") unless it is the plain one
_GENERIC_ID_TYPES = {"passport", "national_id", "tax_id", "registration", "voter_id", "imo"}
_PLAIN_ID_LABELS = {
    "passport", "national id no.", "national id", "tax id no.", "tax id", "registration id",
    "registration number", "vessel registration identification imo",
    "vessel registration identification", "imo", "international maritime organization no.",
}
_PROPERTY_LOOKUP = {k.lower(): v for k, v in PROPERTY_LABELS.items()}
_LABEL_RE = re.compile(
    r"^(?P<label>"
    + "|".join(
        [re.escape(k) for k in sorted({*ID_TYPES, *PROPERTY_LABELS}, key=len, reverse=True)]
        + list(_LABEL_PATTERNS)
    )
    + r")(?=[\s:#-]|$)[\s:#-]*(?P<rest>.*)$",
    re.I,
)

_ALT = re.compile(r"^alt\.\s+", re.I)
_DOB = re.compile(r"^DOB\s+(?P<v>.+)$", re.I)
_POB = re.compile(r"^POB\s+(?P<v>.+)$", re.I)
_NATIONALITY = re.compile(r"^nationality\s+(?!of\s+registration\b)(?P<v>.+)$", re.I)
_CITIZEN = re.compile(r"^citizen(?:ship)?\s+(?P<v>.+)$", re.I)
_AKA = re.compile(r"^(?P<kind>[afn])\.k\.a\.,?\s*(?P<v>.+)$", re.I)
_LINKED = re.compile(r"^Linked To:\s*(?P<v>.+)$", re.I)
_NOTE_START = re.compile(r"\s+(?=(?:issued|expires|expired|expiring|expiration|valid)\b)", re.I)
_TRAILING_BRACKET = re.compile(r"\s*\(([^()]+)\)\s*$")
_EO_IN_PROGRAM = re.compile(r"-EO(\d{4,5})\b")

# country names OFAC writes that rigour does not resolve
_COUNTRY_ALIASES: dict[str, str] = {
    "bosnia-herzegovina": "BA",
    "bosnia and herzegovina": "BA",
    "palestinian": "PS",
}


# ----------------------------------------------------------------------- shared helpers


@lru_cache(maxsize=4096)
def ofac_country(text: str | None) -> str | None:
    """ISO alpha-2 for a country as OFAC writes it ("Korea, North", "Region: Gaza",
    "Bosnia-Herzegovina", "possibly Palestinian"), or None."""
    value = clean(text)
    if value is None:
        return None
    value = value.strip(" .;,")
    value = re.sub(r"^(?:Region:\s*|possibly\s+)", "", value, flags=re.I)
    alias = _COUNTRY_ALIASES.get(value.lower())
    if alias:
        return alias
    if value.lower() in {"none identified", "undetermined", "unknown"}:
        return None
    code = country_code(value)
    if code is None and ". " in value:  # "Cabo Verde. Previously Cape Verde."
        code = country_code(value.split(". ", 1)[0])
    if code is not None and "-" in code:  # a subdivision ("New Mexico" is US-NM)
        code = code.split("-", 1)[0]
    return code


@lru_cache(maxsize=8192)
def place_country(place: str) -> str | None:
    """The country of a place as OFAC writes it ("Tripoli, Libya", "Khartoum Sudan")."""
    code = ofac_country(place.rsplit(",", 1)[-1]) or ofac_country(place)
    if code is None:
        words = place.replace(",", " ").split()
        for n in (1, 2, 3):
            if len(words) > n:
                code = ofac_country(" ".join(words[-n:]))
                if code:
                    break
    return code


def parse_ofac_date(text: str | None) -> DateValue | None:
    """A date as OFAC writes it: "03 May 1979", "May 1979", "1979", "circa 1979",
    "1960 to 1962", "01 Jan 1961 to 31 Dec 1962", "circa 1979-1981"."""
    raw = clean(text)
    if raw is None:
        return None
    s = raw.strip(" .;,")
    circa = False
    m = re.match(r"^(?:circa|approximately|approx\.|ca\.)\s*", s, re.I)
    if m:
        circa = True
        s = s[m.end():]
    rng = re.match(r"^(.+?)\s+to\s+(.+)$", s, re.I) or re.match(r"^(\d{4})\s*-\s*(\d{4})$", s)
    if rng:
        start = parse_date(rng.group(1))
        end = parse_date(rng.group(2))
        if start is None or end is None:
            return None
        return DateValue(value=start.value, precision=start.precision, circa=circa,
                         end=end.value, text=raw)
    dv = parse_date(s, circa=circa)
    if dv is None:
        return None
    dv.text = raw
    return dv


def split_programs(text: str | None) -> list[str]:
    """``"SDGT] [IRGC"`` -> ``["SDGT", "IRGC"]`` (also accepts a single programme)."""
    value = clean(text)
    if value is None:
        return []
    out: list[str] = []
    for part in value.split("] ["):
        p = part.strip().strip("[]").strip()
        if p and p not in out:
            out.append(p)
    return out


def legal_basis_for(program: str) -> str | None:
    """The statute or Executive Order behind a programme tag, where known."""
    if program in PROGRAM_LEGAL_BASIS:
        return PROGRAM_LEGAL_BASIS[program]
    m = _EO_IN_PROGRAM.search(program)
    if m:
        return f"Executive Order {m.group(1)}"
    return None


_NAME_SUFFIX = re.compile(r",\s*(Jr\.?|Sr\.?|II|III|IV)$", re.I)


def person_parts(full: str) -> dict[str, str]:
    """OFAC writes individuals "FAMILY, Given": split at the first comma."""
    if "," not in full:
        return {}
    family, given = (p.strip() for p in full.split(",", 1))
    parts: dict[str, str] = {}
    suffix = _NAME_SUFFIX.search(given)
    if suffix:
        given = given[: suffix.start()].strip()
        parts["suffix"] = suffix.group(1)
    if family:
        parts["family"] = family
    if given:
        parts["given"] = given
    return parts


def add_name(record: Record, full: str | None, name_type: NameType) -> None:
    """Add a name (parts split for persons) unless the same name of the same type is there."""
    full = clean(full)
    if full is None:
        return
    for n in record.names:
        if n.full == full and n.type == name_type:
            return
    parts = person_parts(full) if record.schema == Schema.PERSON else {}
    record.names.append(Name(full=full, type=name_type, parts=parts, script=script_code(full)))


def _add_unique(values: list[str], value: str | None) -> None:
    if value and value not in values:
        values.append(value)


def _strip_end(value: str) -> str:
    return value.strip().rstrip(".").strip()


@dataclass(slots=True)
class RemarkContext:
    """What the remarks say beyond the record itself: Executive Orders cited."""

    legal_bases: list[str] = field(default_factory=list)


def _add_identifier(record: Record, id_type: str, number: str, country: str | None,
                    note: str | None) -> None:
    number = " ".join(number.split()).strip(" ,;")
    if id_type == "imo":
        number = re.sub(r"^IMO\s*", "", number.strip("()"), flags=re.I).strip()
    if not number:
        return
    ident = Identifier(type=id_type, number=number, country=country, note=note)
    if ident not in record.identifiers:
        record.identifiers.append(ident)


def apply_fact(record: Record, label: str, value: str | None, ctx: RemarkContext, *,
               country: str | None = None, note: str | None = None) -> bool:
    """Apply one labelled fact (a remarks piece split into label and value, or an XML
    ``idType``/``idNumber``). ``country`` is the issuing country as written. Returns False for
    a label this parser does not know (the caller keeps the text)."""
    label = " ".join(label.split()).rstrip(" :#-").strip()
    text = clean(value)
    if text is None:
        return True
    key = label.lower()
    code = ofac_country(country) if country else None
    id_type = _ID_LOOKUP.get(key)
    if id_type is not None:
        label_note = None
        if id_type in _GENERIC_ID_TYPES and key not in _PLAIN_ID_LABELS:
            label_note = _ID_LABELS[key]
        full_note = "; ".join(x for x in (label_note, note) if x) or None
        _add_identifier(record, id_type, text, code, full_note)
        return True
    prop = _PROPERTY_LOOKUP.get(key)
    if prop is not None:
        text = _strip_end(text)
        if prop == "gender":
            g = text.lower()
            if g in {"male", "female"}:
                record.gender = g
            else:
                record.add_property("gender", text)
            return True
        if prop == "organization_established_date":
            dv = parse_ofac_date(text)
            record.add_property(prop, dv.value if dv else text)
            return True
        record.add_property(prop, text)
        if prop in _COUNTRY_PROPERTIES:
            _add_unique(record.countries, ofac_country(text))
        return True
    m = _CRYPTO.match(label)
    if m:
        _add_identifier(record, f"crypto_{m.group(1).lower()}", text.split()[0], None, None)
        return True
    m = _EO_INFO.match(label) or _EO_DIRECTIVE.match(label)
    if m:
        _add_unique(ctx.legal_bases, f"Executive Order {m.group(1)}")
        if _EO_DIRECTIVE.match(label):
            record.add_property("directive", f"{label} - {_strip_end(text)}")
        else:
            record.add_property("sanctions_information", f"{label}: {_strip_end(text)}")
        return True
    if _CAATSA.match(label):
        record.add_property("sanctions_information", f"{label}: {_strip_end(text)}")
        return True
    return False


def _looks_like_number(number: str, id_type: str) -> bool:
    if not number:
        return False
    if any(c.isdigit() for c in number):
        return True
    # SWIFT/BIC codes and tail numbers ("YI-NAE") may have no digit, but are one token
    return id_type in {"swift_bic", "aircraft_tail_number"} and " " not in number


def _split_id_value(rest: str) -> tuple[str, str | None, str | None]:
    """``"F86JKFJF (Libya) issued 2010 expires 2015"`` -> number, country text, note."""
    rest = _strip_end(rest)
    note: str | None = None
    m = _NOTE_START.search(rest)
    if m:
        rest, note = rest[: m.start()], rest[m.end():].strip()
    country: str | None = None
    b = _TRAILING_BRACKET.search(rest)
    if b and ofac_country(b.group(1)):
        country = b.group(1)
        rest = rest[: b.start()]
        b = _TRAILING_BRACKET.search(rest)
    if b and b.group(0)[:1].isspace() and not re.search(r"\d", b.group(1)) and rest[: b.start()]:
        # "121398 (Medellin)": the registry's place, not part of the number
        note = "; ".join(x for x in (b.group(1).strip(), note) if x)
        rest = rest[: b.start()]
    if note and country is None:
        b = _TRAILING_BRACKET.search(note)
        if b and ofac_country(b.group(1)):
            country = b.group(1)
            note = note[: b.start()].strip() or None
    return rest.strip(), country, note


def apply_remarks(record: Record, remarks: str | None, ctx: RemarkContext) -> None:
    """Read OFAC's semicolon-separated remarks into the record (see the module doc)."""
    text = clean(remarks)
    if text is None:
        return
    pieces = [p.strip() for p in re.split(r";\s*", text)]
    pieces = [p for p in pieces if p]
    for i, piece in enumerate(pieces):
        final = i == len(pieces) - 1
        if piece.startswith("(") and piece.endswith(")"):
            piece = piece[1:-1].strip()  # the XML writes "(Linked To: X)"
        if not _apply_piece(record, piece, ctx):
            value = _strip_end(piece) if final else piece
            # OFAC often repeats the Title column in the remarks
            if value not in record.properties.get("position", ()):
                record.add_property("remarks", value)


def _apply_piece(record: Record, piece: str, ctx: RemarkContext) -> bool:
    body = _ALT.sub("", piece)
    m = _AKA.match(body)
    if m:
        name = m.group("v").strip()
        if name.endswith("'."):
            name = name[:-1]
        if name.startswith("'"):
            name = name[1:]
        if name.endswith("'"):
            name = name[:-1]
        name_type = NameType.FORMER if m.group("kind").lower() == "f" else NameType.WEAK
        add_name(record, name, name_type)
        return True
    m = _LINKED.match(body)
    if m:
        target = m.group("v").strip()
        record.relations.append(Relation(type=RelationType.LINKED_TO, target_name=target))
        return True
    m = _DOB.match(body)
    if m:
        dv = parse_ofac_date(m.group("v"))
        if dv is None:
            return False
        if dv not in record.birth_dates:
            record.birth_dates.append(dv)
        return True
    m = _POB.match(body)
    if m:
        place = _strip_end(m.group("v"))
        _add_unique(record.birth_places, place)
        _add_unique(record.countries, place_country(place))
        return True
    m = _NATIONALITY.match(body)
    if m:
        value = _strip_end(m.group("v"))
        code = ofac_country(value)
        if code is None:
            record.add_property("nationality", value)
        _add_unique(record.nationalities, code)
        return True
    m = _CITIZEN.match(body)
    if m:
        value = _strip_end(m.group("v"))
        code = ofac_country(value)
        if code is None:
            record.add_property("citizenship", value)
        _add_unique(record.citizenships, code)
        return True
    m = _LABEL_RE.match(body)
    if m:
        label, rest = m.group("label"), m.group("rest")
        key = " ".join(label.split()).lower()
        if key in _ID_LOOKUP:
            number, country, note = _split_id_value(rest)
            if not _looks_like_number(number, _ID_LOOKUP[key]):
                return False  # "Passport issued in Sarajevo ...": free text, kept as remark
            return apply_fact(record, label, number, ctx, country=country, note=note)
        return apply_fact(record, label, rest, ctx)
    return False


def make_designations(record: Record, programs: Iterable[str], ctx: RemarkContext, *,
                      source: str, list_name: str) -> None:
    """One designation per programme; the legal basis from the programme, else from the
    Executive Orders the remarks cite."""
    fallback = "; ".join(ctx.legal_bases) or None
    for program in programs:
        record.designations.append(Designation(
            authority=AUTHORITY, source=source, source_id=record.source_id,
            list_name=list_name, program=program,
            legal_basis=legal_basis_for(program) or fallback,
        ))


_ABBREVIATION_END = re.compile(
    r"(?:\b\w\.\w|\b(?:LTD|INC|CO|CORP|BHD|PTE|LTDA|CIA|JR|SR|SA|S\.A|CV|C\.V|AG|NV|BV|PLC|LLC"
    r"|JSC|OJSC|CJSC|PJSC|GMBH|SPA|SRL|SAS|SARL))$",
    re.I,
)


def resolve_links(records: list[Record], warnings: list[str]) -> None:
    """Point "Linked To" relations at the record whose primary name equals the target name.
    A name shared by several records is left unresolved (with a warning)."""
    index: dict[str, str | None] = {}
    for r in records:
        name = r.primary_name
        index[name] = None if name in index else r.source_id
    ambiguous: set[str] = set()
    for r in records:
        for rel in r.relations:
            if rel.type != RelationType.LINKED_TO or rel.target_id or not rel.target_name:
                continue
            name = rel.target_name
            candidates = [name]
            if name.endswith("."):
                candidates.append(name.rstrip(".").strip())
            for cand in candidates:
                if cand in index:
                    target = index[cand]
                    if target is None:
                        ambiguous.add(cand)
                    else:
                        rel.target_id = target
                    rel.target_name = cand
                    break
            else:
                # the remarks' closing full stop is not part of the name unless it ends an
                # abbreviation ("S.A.", "LTD.")
                stripped = name.rstrip(".").strip()
                if name != stripped and not _ABBREVIATION_END.search(stripped):
                    rel.target_name = stripped
    for name in sorted(ambiguous):
        warnings.append(f"'Linked To: {name}' is ambiguous: several records have that name")


# --------------------------------------------------------------------------- the CSV set


def _find(directory: Path, name: str) -> Path | None:
    exact = directory / name
    if exact.is_file():
        return exact
    try:
        for p in directory.iterdir():
            if p.name.lower() == name and p.is_file():
                return p
    except OSError:
        return None
    return None


def _locate(path: Path) -> tuple[Path, Path]:
    """(directory, sdn.csv) for a directory or the sdn.csv path; ParseError when missing."""
    if path.is_dir():
        sdn = _find(path, "sdn.csv")
        if sdn is None:
            raise ParseError(str(path), None, "no sdn.csv in this directory")
        return path, sdn
    if not path.exists():
        raise ParseError(str(path), None, "no such file or directory")
    return path.parent, path


def sniff(path: Path) -> bool:
    """A directory with sdn.csv, or sdn.csv itself, whose first row has 12 fields and an
    integer first field."""
    if path.is_dir():
        found = _find(path, "sdn.csv")
        if found is None:
            return False
        path = found
    elif path.name.lower() != "sdn.csv" or not path.is_file():
        return False
    with path.open("rb") as f:
        head = f.read(1 << 16)
    try:
        text = head.decode("utf-8")
    except UnicodeDecodeError:
        text = head.decode("cp1252", errors="replace")
    first = next((line for line in text.splitlines() if line.strip()), "")
    try:
        row = next(csv.reader([first]))
    except (csv.Error, StopIteration):
        return False
    return len(row) == 12 and row[0].strip().isdigit()


def _decode(path: Path) -> tuple[str, str | None]:
    """The text of an OFAC CSV file (ASCII in practice; UTF-8, else Windows-1252), and a
    warning when the fallback was needed. Undecodable bytes -> ParseError naming the line."""
    data = path.read_bytes()
    if not data.strip():
        raise ParseError(str(path), None, "the file is empty")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as exc:
        first = exc
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise ParseError(str(path), f"line {line}",
                         f"cannot decode byte 0x{data[exc.start]:02x} as UTF-8 or "
                         "Windows-1252") from exc
    line = data.count(b"\n", 0, first.start) + 1
    return text, (f"{path.name}: not UTF-8 (line {line}); read as Windows-1252")


def _rows(path: Path, columns: tuple[str, ...], warnings: list[str]
          ) -> Iterator[tuple[int, int, list[str]]]:
    """(line, ent_num, fields) for each row, checking the column count and the ent_num."""
    text, warning = _decode(path)
    if warning:
        warnings.append(warning)
    eof = text.find(EOF_MARK)
    if eof >= 0:
        tail = text[eof + 1:]
        if tail.strip():
            offset = eof + 1 + len(tail) - len(tail.lstrip())
            raise ParseError(str(path), f"line {text.count(chr(10), 0, offset) + 1}",
                             "data after the end-of-file mark (0x1A)")
        text = text[:eof]
    reader = csv.reader(io.StringIO(text, newline=""))
    line = 1
    rows = 0
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise ParseError(str(path), f"line {reader.line_num}", f"bad CSV: {exc}") from exc
        start, line = line, reader.line_num + 1
        if not row or all(not f.strip() for f in row):
            continue
        if len(row) != len(columns):
            raise ParseError(str(path), f"line {start}",
                             f"expected {len(columns)} fields ({', '.join(columns)}), "
                             f"found {len(row)}")
        ent = row[0].strip()
        if not ent.isdigit():
            raise ParseError(str(path), f"line {start}", f"ent_num {ent!r} is not an integer")
        rows += 1
        yield start, int(ent), row
    if rows == 0:
        raise ParseError(str(path), None, "the file has no rows")


# dated facts in the remarks that lie in the past when the list is published (an issue date,
# an establishment or listing date); expiry dates, dates of birth and range ends are not
_DATED_FACT = re.compile(
    r"\b(?:issued|(?:Organization\s+)?Established Date|Manufacture Date|Listing Date[^:;]{0,60}:|"
    r"Effective Date[^:;]{0,60}:|Registration Date|Date of Registration)\s*"
    r"(?P<d>(?:\d{1,2}\s+)?[A-Z][a-z]{2,8}\.?\s+\d{4}|\d{4}-\d{2}-\d{2})")


def latest_dated_fact(texts: Iterable[str | None], today: str | None = None
                      ) -> tuple[str, str] | None:
    """The latest past date among the dated facts of OFAC remarks (an issue date, an
    Organization Established Date, a directive's listing or effective date), with the fact's
    wording, or None. The SDN CSV set states no date of its own: this is the date the data is
    at least as recent as."""
    limit = today or datetime.now(UTC).date().isoformat()
    best: tuple[str, str] | None = None
    for text in texts:
        if not text:
            continue
        for m in _DATED_FACT.finditer(text):
            dv = parse_date(m.group("d"))
            if dv is None or dv.value > limit:
                continue
            if best is None or dv.value > best[0]:
                best = (dv.value, " ".join(m.group(0).split()))
    return best


def _field(value: str) -> str | None:
    """:func:`clean` for one CSV field, with a fast path for the usual short fields."""
    v = value.strip()
    if not v or v == "-0-":
        return None
    if "  " in v or "\n" in v or "\r" in v or "\t" in v:
        return " ".join(v.split())
    return v


def _raw(columns: tuple[str, ...], row: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for c, v in zip(columns, row, strict=True):
        v = v.strip()
        out[c] = None if v == "-0-" else v
    return out


def parse(path: Path, **options: Any) -> ParsedList:
    """Parse an OFAC SDN CSV set (directory, or the path of sdn.csv inside it).

    Options: ``source`` (default ``us-ofac``), ``list_name`` (default ``SDN List``),
    ``title``.
    """
    path = Path(path)
    source = str(options.get("source") or SOURCE)
    list_name = str(options.get("list_name") or LIST_NAME)
    directory, sdn_path = _locate(path)
    warnings: list[str] = []
    incomplete: list[str] = []
    remark_texts: list[str | None] = []

    comments: dict[int, str] = {}
    comments_path = _find(directory, "sdn_comments.csv")
    if comments_path is not None and comments_path.stat().st_size > 0:
        for line, ent, row in _rows(comments_path, COMMENTS_COLUMNS, warnings):
            if ent in comments:
                warnings.append(f"{comments_path.name} line {line}: second continuation for "
                                f"ent_num {ent}, appended")
            comments[ent] = comments.get(ent, "") + row[1]

    records: dict[int, Record] = {}
    contexts: dict[int, RemarkContext] = {}
    programs: dict[int, list[str]] = {}
    for line, ent, row in _rows(sdn_path, SDN_COLUMNS, warnings):
        if ent in records:
            raise ParseError(str(sdn_path), f"line {line}", f"duplicate ent_num {ent}")
        f = dict(zip(SDN_COLUMNS, map(_field, row), strict=True))
        name = f["SDN_Name"]
        if name is None:
            raise ParseError(str(sdn_path), f"line {line}", f"ent_num {ent} has no SDN_Name")
        sdn_type = f["SDN_Type"].lower() if f["SDN_Type"] else None
        schema = SCHEMAS.get(sdn_type)
        if schema is None:
            warnings.append(f"{sdn_path.name} line {line}: unknown SDN_Type {f['SDN_Type']!r}")
            schema = Schema.UNKNOWN
        record = Record(source=source, source_id=str(ent), schema=schema, names=[])
        add_name(record, name, NameType.PRIMARY)
        raw = _raw(SDN_COLUMNS, row)
        if ent in comments:
            raw["sdn_comments"] = comments[ent]
        record.raw = raw
        for title in (f["Title"] or "").split(";"):
            record.add_property("position", title)
        for key, col in (("call_sign", "Call_Sign"), ("vessel_type", "Vess_type"),
                         ("tonnage", "Tonnage"), ("gross_registered_tonnage", "GRT"),
                         ("vessel_flag", "Vess_flag"), ("vessel_owner", "Vess_owner")):
            record.add_property(key, f[col])
        _add_unique(record.countries, ofac_country(f["Vess_flag"]))
        remarks = f["Remarks"]
        if ent in comments:
            # OFAC cuts the remarks mid-word: the continuation is appended as is
            remarks = (row[11].lstrip() if remarks else "") + comments[ent]
        ctx = RemarkContext()
        apply_remarks(record, remarks, ctx)
        remark_texts.append(remarks)
        records[ent] = record
        contexts[ent] = ctx
        programs[ent] = split_programs(f["Program"])
        if not programs[ent]:
            warnings.append(f"{sdn_path.name} line {line}: ent_num {ent} has no programme")

    for ent in comments:
        if ent not in records:
            warnings.append(f"sdn_comments.csv: ent_num {ent} is not in sdn.csv")

    alt_path = _find(directory, "alt.csv")
    if alt_path is None:
        warnings.append("alt.csv not found: aliases not read")
        incomplete.append(f"{directory / 'alt.csv'}: missing from the OFAC CSV set "
                          "(the aliases, a.k.a. and f.k.a., would not be read)")
    elif alt_path.stat().st_size == 0:
        incomplete.append(f"{alt_path}: empty (the aliases, a.k.a. and f.k.a., would not be "
                          "read)")
    else:
        for line, ent, row in _rows(alt_path, ALT_COLUMNS, warnings):
            rec = records.get(ent)
            if rec is None:
                warnings.append(f"{alt_path.name} line {line}: ent_num {ent} is not in sdn.csv")
                continue
            alt_type = (clean(row[2]) or "").lower()
            name_type = ALT_TYPES.get(alt_type)
            if name_type is None:
                warnings.append(f"{alt_path.name} line {line}: unknown alt_type {row[2]!r}, "
                                "read as a.k.a.")
                name_type = NameType.ALIAS
            add_name(rec, row[3], name_type)
            remark = clean(row[4])
            if remark:
                rec.add_property("alias_remarks", f"{clean(row[3])}: {remark}")
            rec.raw.setdefault("alt", []).append(_raw(ALT_COLUMNS, row))

    add_path = _find(directory, "add.csv")
    if add_path is None:
        warnings.append("add.csv not found: addresses not read")
        incomplete.append(f"{directory / 'add.csv'}: missing from the OFAC CSV set "
                          "(the addresses and their countries would not be read)")
    elif add_path.stat().st_size == 0:
        incomplete.append(f"{add_path}: empty (the addresses and their countries would not "
                          "be read)")
    else:
        for line, ent, row in _rows(add_path, ADD_COLUMNS, warnings):
            rec = records.get(ent)
            if rec is None:
                warnings.append(f"{add_path.name} line {line}: ent_num {ent} is not in sdn.csv")
                continue
            street, city, country = clean(row[2]), clean(row[3]), clean(row[4])
            full = ", ".join(p for p in (street, city, country) if p)
            if full:
                code = ofac_country(country)
                address = Address(full=full, street=street, city=city, country=code)
                if address not in rec.addresses:
                    rec.addresses.append(address)
                _add_unique(rec.countries, code)
            remark = clean(row[5])
            if remark:
                rec.add_property("address_remarks", remark)
            rec.raw.setdefault("add", []).append(_raw(ADD_COLUMNS, row))

    for ent, rec in records.items():
        make_designations(rec, programs[ent], contexts[ent], source=source,
                          list_name=list_name)
    out = list(records.values())
    resolve_links(out, warnings)
    latest = latest_dated_fact(remark_texts)
    return ParsedList(
        source=source, authority=AUTHORITY, format=FORMAT, records=out,
        publisher_date=None, title=str(options.get("title") or TITLE), warnings=warnings,
        derived_date=latest[0] if latest else None,
        derived_from=(f"the latest dated fact in the remarks ({latest[1]}); the CSV set "
                      "states no date" if latest else None),
        incomplete=incomplete,
    )
