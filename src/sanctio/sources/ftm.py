"""FollowTheMoney (FtM) entities as a list of their own: an OpenSanctions dataset export
(``entities.ftm.json``), or a ``sanctio export --format ftm`` file.

Load it with ``--format ftm --name NAME`` (``parse(path, name="opensanctions")``); the name
becomes the records' ``source``. The file is read line by line (JSON Lines, one entity a
line; hundreds of thousands of entities), keeping only what the records need:

- the screened records are the entities marked ``"target": true``; a file in which no
  entity has a ``target`` field is read as all its ``Person``, ``Organization``,
  ``Company``, ``PublicBody``, ``LegalEntity``, ``Vessel`` and ``Airplane`` entities;
- each ``Sanction`` entity (``entity`` → the party) is a designation: ``authority``,
  ``program``, ``listingDate`` (else ``startDate``), ``reason``, ``provisions``, ``unscId``
  or ``recordId``; a party without one gets a designation of the list itself;
- ``Passport`` and ``Identification`` entities (``holder``) and the identifier properties
  (``passportNumber``, ``idNumber``, ``imoNumber``...) are identifiers; ``Address`` entities
  (``addressEntity``) and ``address`` are addresses;
- ``Family``, ``Membership``, ``Associate``, ``Ownership``, ``Directorship`` and
  ``UnknownLink`` between two screened parties are relations.

The record id (``source_id``) is the FtM entity id, so that a version's diff follows each
entity, and an export of the list writes the same ids again.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

import orjson

from sanctio.model import (
    Address,
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
from sanctio.sources.common import script_of

FORMAT = "ftm"
SOURCE = "ftm"

PARTY_SCHEMATA: dict[str, Schema] = {
    "Person": Schema.PERSON, "Organization": Schema.ORGANIZATION,
    "Company": Schema.ORGANIZATION, "PublicBody": Schema.ORGANIZATION,
    "LegalEntity": Schema.UNKNOWN, "Vessel": Schema.VESSEL, "Airplane": Schema.AIRCRAFT,
}
# FtM property -> our identifier type
ID_TYPES: dict[str, str] = {
    "passportNumber": "passport", "idNumber": "national_id", "imoNumber": "imo",
    "mmsi": "mmsi", "swiftBic": "swift_bic", "registrationNumber": "registration",
    "innCode": "inn", "ogrnCode": "ogrn", "leiCode": "lei", "taxNumber": "tax_id",
    "serialNumber": "aircraft_serial",
}
# link schema -> (the property of the party holding the relation, the other party, type)
LINKS: dict[str, tuple[str, str, RelationType]] = {
    "Family": ("person", "relative", RelationType.FAMILY),
    "Membership": ("member", "organization", RelationType.MEMBER_OF),
    "Associate": ("person", "associate", RelationType.ASSOCIATE),
    "Ownership": ("asset", "owner", RelationType.OWNED_BY),
    "Directorship": ("director", "organization", RelationType.LEADER_OF),
    "UnknownLink": ("subject", "object", RelationType.LINKED_TO),
}
# Sanction properties kept as they are (in the record's ``ftm_sanction`` property) and
# written back by the export
SANCTION_EXTRA = ("authorityId", "sourceUrl", "country", "programId", "programUrl", "endDate",
                  "status", "summary", "publisher", "publisherUrl")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")
RESERVED_NAMES = {"us-ofac", "us-ofac-cons", "un", "eu", "uk", "us-csl", "au-dfat", "ca-sema",
                  "sample"}


def sniff(path: Path) -> bool:
    """A JSON Lines file whose first line is an FtM entity (id, schema, properties)."""
    if not path.is_file():
        return False
    with path.open("rb") as fh:
        head = fh.read(1 << 20)
    line = head.lstrip().split(b"\n", 1)[0]
    if not line.startswith(b"{"):
        return False
    try:
        data = orjson.loads(line)
    except orjson.JSONDecodeError:
        return False
    return isinstance(data, dict) and {"id", "schema", "properties"} <= set(data)


def _values(props: dict[str, Any], key: str) -> list[str]:
    values = props.get(key)
    if not values:
        return []
    if isinstance(values, str):
        values = [values]
    out = []
    for v in values:
        if isinstance(v, str):
            text = " ".join(v.split())
        elif isinstance(v, int) and not isinstance(v, bool):
            text = str(v)
        else:
            continue
        if text:
            out.append(text)
    return out


def _first(props: dict[str, Any], *keys: str) -> str | None:
    for key in keys:
        values = _values(props, key)
        if values:
            return values[0]
    return None


def _date(text: str | None) -> str | None:
    if not text:
        return None
    m = _DATE.match(text.strip())
    return m.group(0) if m else None


def _country(text: str) -> str | None:
    code = text.strip().upper()
    return code if re.fullmatch(r"[A-Z]{2}", code) else None


def _latin(text: str) -> bool:
    return script_of(text) in (None, "Latn")


def parse(path: Path, name: str | None = None, source: str | None = None,
          authority: str | None = None, **options: Any) -> ParsedList:
    list_name = name or source or SOURCE
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", list_name):
        raise ParseError(str(path), None,
                         f"list name {list_name!r}: use letters, digits, '.', '-' and '_' only")
    if list_name.lower() in RESERVED_NAMES:
        raise ParseError(str(path), None, f"list name {list_name!r} is the name of an official "
                                          "list; an FtM file is a list of its own: choose another")
    authority = authority or f"FtM list {list_name}"
    # a party's line as read (parsed again at the end: far smaller than its objects)
    parties: dict[str, tuple[bytes, bool | None]] = {}
    sanctions: dict[str, list[dict[str, Any]]] = {}
    documents: dict[str, list[tuple[str, dict[str, Any]]]] = {}
    addresses: dict[str, str] = {}
    links: list[tuple[str, dict[str, Any]]] = []
    has_target = False
    warnings: list[str] = []
    line_no = 0
    with path.open("rb") as fh:
        for line_no, line in enumerate(fh, 1):
            line = line.strip()
            if not line:
                continue
            try:
                data = orjson.loads(line)
            except orjson.JSONDecodeError as exc:
                raise ParseError(str(path), f"line {line_no}", f"not JSON: {exc}") from exc
            if not isinstance(data, dict) or not isinstance(data.get("id"), str) \
                    or not isinstance(data.get("schema"), str):
                raise ParseError(str(path), f"line {line_no}",
                                 "not an FtM entity (an object with id, schema, properties)")
            schema = data["schema"]
            props = data.get("properties") or {}
            if not isinstance(props, dict):
                raise ParseError(str(path), f"line {line_no}", "properties is not an object")
            target = data.get("target")
            if isinstance(target, bool):
                has_target = True
            if schema in PARTY_SCHEMATA:
                if data["id"] in parties:
                    raise ParseError(str(path), f"line {line_no}",
                                     f"duplicate entity id {data['id']!r}")
                parties[data["id"]] = (line, target if isinstance(target, bool) else None)
            elif schema == "Sanction":
                for eid in _values(props, "entity"):
                    sanctions.setdefault(eid, []).append(props)
            elif schema in ("Passport", "Identification"):
                for holder in _values(props, "holder"):
                    documents.setdefault(holder, []).append((schema, props))
            elif schema == "Address":
                full = _first(props, "full") or ", ".join(
                    v for k in ("street", "city", "postalCode", "region")
                    for v in _values(props, k))
                if full:
                    addresses[data["id"]] = full
            elif schema in LINKS:
                links.append((schema, props))
    if line_no == 0 or (not parties and not sanctions):
        raise ParseError(str(path), None, "no FtM entities in the file")
    chosen = [eid for eid, (_, target) in parties.items()
              if (target is True if has_target else True)]
    if not chosen:
        raise ParseError(str(path), None, "no screened entity: none is marked target: true")
    related = len(parties) - len(chosen)
    records = []
    for eid in chosen:
        line, _ = parties.pop(eid)
        data = orjson.loads(line)
        party = {"schema": data["schema"], "properties": data.get("properties") or {},
                 "caption": data.get("caption")}
        rec = _record(eid, party, list_name, authority, sanctions.get(eid, []),
                      documents.get(eid, []), addresses)
        rec.raw = orjson.Fragment(line)  # stored as the entity, without a copy of objects
        if rec.names:
            records.append(rec)
        else:
            warnings.append(f"{path}: entity {eid} has no name; skipped")
    by_id = {r.source_id: r for r in records}
    for schema, props in links:
        own, other, kind = LINKS[schema]
        for a in _values(props, own):
            for b in _values(props, other):
                party_rec = by_id.get(a)
                if party_rec is None or b not in by_id:
                    continue
                note = _first(props, "relationship", "role")
                if schema == "Directorship" and not note:
                    note = "director"
                if schema == "Membership" and note == "leader":
                    kind, note = RelationType.LEADER_OF, None
                rel = Relation(type=kind, target_id=b, target_name=by_id[b].primary_name,
                               note=note)
                if rel not in party_rec.relations:
                    party_rec.relations.append(rel)
    if has_target and related:
        warnings.append(f"{path}: {related} entities not marked target (related parties) "
                        "are not screened")
    return ParsedList(source=list_name, authority=authority, format=FORMAT, records=records,
                      title=options.get("title") or f"{list_name} (FollowTheMoney)",
                      warnings=warnings)


def _record(eid: str, party: dict[str, Any], source: str, authority: str,
            sanctions: list[dict[str, Any]], documents: list[tuple[str, dict[str, Any]]],
            addresses: dict[str, str]) -> Record:
    props: dict[str, Any] = party["properties"]
    schema = party["schema"]
    names: list[Name] = []

    def add_name(text: str, kind: NameType) -> None:
        if text and all(n.full != text for n in names):
            if kind == NameType.ALIAS and not _latin(text):
                kind = NameType.ORIGINAL
            names.append(Name(full=text, type=kind))

    for text in _values(props, "name"):
        add_name(text, NameType.PRIMARY)
    for text in _values(props, "alias"):
        add_name(text, NameType.ALIAS)
    for text in _values(props, "weakAlias"):
        add_name(text, NameType.WEAK)
    for text in _values(props, "previousName"):
        add_name(text, NameType.FORMER)
    if not names and party.get("caption"):
        add_name(str(party["caption"]), NameType.PRIMARY)
    rec = Record(source=source, source_id=eid, schema=PARTY_SCHEMATA[schema], names=names)
    if schema in ("Company", "PublicBody"):
        rec.add_property("ftm_schema", schema)
    for text in _values(props, "birthDate"):
        iso = _date(text)
        if iso and all(d.value != iso for d in rec.birth_dates):
            rec.birth_dates.append(DateValue.from_iso(iso))
    rec.birth_places.extend(dict.fromkeys(_values(props, "birthPlace")))
    for key, target in (("nationality", rec.nationalities), ("citizenship", rec.citizenships),
                        ("country", rec.countries), ("jurisdiction", rec.countries)):
        for text in _values(props, key):
            code = _country(text)
            if code and code not in target:
                target.append(code)
    gender = _first(props, "gender")
    if gender in ("male", "female"):
        rec.gender = gender
    seen: set[tuple[str, str, str | None]] = set()
    documented: set[str] = set()  # numbers of Passport / Identification entities
    doc_kinds: set[tuple[str, str]] = set()
    for doc_schema, doc in documents:
        number = _first(doc, "number", "passportNumber")
        if not number:
            continue
        doc_type = re.sub(r"[^a-z0-9]+", "_", (_first(doc, "type") or "").lower()).strip("_")
        kind = "passport" if doc_schema == "Passport" else (doc_type or "national_id")
        issuer = _first(doc, "country")
        country = _country(issuer) if issuer else None
        if (kind, number, country) not in seen:
            seen.add((kind, number, country))
            documented.add(number)
            doc_kinds.add((kind, number))
            rec.identifiers.append(Identifier(type=kind, number=number, country=country,
                                              note=_first(doc, "summary")))
    for prop, kind in ID_TYPES.items():
        if schema == "Airplane" and prop == "registrationNumber":
            kind = "aircraft_registration"
        for number in _values(props, prop):
            # idNumber repeats the number of any Identification entity; the other
            # properties repeat documents of their own kind
            if (kind, number) in doc_kinds or (prop == "idNumber" and number in documented):
                continue
            if (kind, number, None) not in seen:
                seen.add((kind, number, None))
                rec.identifiers.append(Identifier(type=kind, number=number))
    for text in _values(props, "address"):
        rec.addresses.append(Address(full=text))
    for ref in _values(props, "addressEntity"):
        if ref in addresses and all(a.full != addresses[ref] for a in rec.addresses):
            rec.addresses.append(Address(full=addresses[ref]))
    for key in ("position", "topics", "notes", "website", "email", "phone", "flag"):
        for value in _values(props, key):
            rec.add_property(key, value)

    for s in sanctions:
        listed = _date(_first(s, "listingDate", "startDate", "date"))
        des_authority = _first(s, "authority") or authority
        extra = {k: v for k in SANCTION_EXTRA if (v := _values(s, k))}
        if extra:  # kept for the export: what a designation has no field for
            rec.add_property("ftm_sanction", orjson.dumps({
                "id": sanction_id(eid, des_authority, _first(s, "program", "programId"),
                                  listed, _first(s, "reason")), **extra}).decode())
        rec.designations.append(Designation(
            authority=des_authority, source=source, source_id=eid,
            list_name=source, program=_first(s, "program", "programId"),
            legal_basis=_first(s, "description"), listed_on=listed,
            measures=_values(s, "provisions"), reason=_first(s, "reason"),
            reference=_first(s, "unscId", "recordId")))
    if not rec.designations:
        rec.designations.append(Designation(authority=authority, source=source, source_id=eid,
                                            list_name=source))
    return rec


def digest(*parts: str | None) -> str:
    """A short stable hash of the parts (ids of the entities around a party)."""
    return hashlib.sha1("\x1f".join(p or "" for p in parts).encode("utf-8")).hexdigest()[:16]


def sanction_id(pid: str, authority: str | None, program: str | None,
                listed_on: str | None, reason: str | None) -> str:
    """The id of a Sanction entity: its party's id and its content."""
    return f"{pid}-sanction-{digest(authority, program, listed_on, reason)}"
