"""The registry as FollowTheMoney (FtM) entities, as OpenSanctions publishes them.

``sanctio export --format ftm OUT.jsonl`` writes one JSON object per line:

- one party per merged entity: ``Person``, ``Organization``, ``Company`` (an organisation
  with a company register, tax or bank identifier, or a legal form in its name), ``Vessel``,
  ``Airplane`` (FtM's name for an aircraft) or ``LegalEntity`` (the lists do not say). Its id
  is the entity id (``us-ofac-29119``), or the FtM id it was loaded with. Properties: every
  name in every script (``name``, ``alias``, ``weakAlias``, ``previousName``), ``birthDate``,
  ``birthPlace``, ``nationality``, ``citizenship``, ``country``, ``gender``, identifiers
  (``passportNumber``, ``idNumber``, ``imoNumber``, ``mmsi``, ``swiftBic``,
  ``registrationNumber``, ``innCode``, ``ogrnCode``, ``leiCode``, ``taxNumber``,
  ``serialNumber``), ``address``, ``topics: ["sanction"]``; ``target: true``, ``datasets``
  (the lists), ``referents`` (the other member records' ids);
- a ``Passport`` or ``Identification`` entity per passport or national ID of a person or
  organisation (``holder`` → the party);
- a ``Sanction`` entity per designation (``entity`` → the party, ``authority``,
  ``program``, ``listingDate``, ``startDate``, ``reason``, ``provisions``, ``sourceUrl``,
  ``country`` of the authority);
- a link per relation the lists give between two listed parties: ``Family`` (two people),
  ``Membership`` (a member of an organisation), ``UnknownLink`` otherwise.

Ids of the entities around a party are derived from the party's id and their content, so an
export of the same data gives the same ids, and export → load → export gives the same
entities. The writer streams: each entity is written as it is made (constant memory besides
the registry's own entity list).

The schema and property names used are those of FtM 4 (``followthemoney`` is not needed to
write them; the tests validate every entity with it, the ``[ftm]`` extra).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import orjson

from sanctio.model import Identifier, NameType, RelationType, Schema
from sanctio.sources.ftm import digest, sanction_id

if TYPE_CHECKING:
    from sanctio.entity import Entity
    from sanctio.registry import Registry

FORMAT = "ftm"

# the properties of each party schema that the export writes (FtM 4)
_COMMON = {"name", "alias", "weakAlias", "previousName", "country", "address", "topics",
           "notes", "sourceUrl", "registrationNumber"}
_LEGAL = _COMMON | {"idNumber", "swiftBic", "innCode", "ogrnCode", "leiCode", "taxNumber"}
PARTY_PROPERTIES: dict[str, set[str]] = {
    "Person": _LEGAL | {"birthDate", "birthPlace", "nationality", "citizenship", "gender",
                        "passportNumber", "position"},
    "Organization": _LEGAL | {"imoNumber"},
    "Company": _LEGAL | {"imoNumber"},
    "LegalEntity": set(_LEGAL),
    "Vessel": _COMMON | {"imoNumber", "mmsi", "flag"},
    "Airplane": _COMMON | {"serialNumber"},
}
SCHEMA_OF: dict[Schema, str] = {
    Schema.PERSON: "Person", Schema.ORGANIZATION: "Organization", Schema.VESSEL: "Vessel",
    Schema.AIRCRAFT: "Airplane", Schema.UNKNOWN: "LegalEntity",
}
# our identifier type -> the FtM property holding it
ID_PROPERTY: dict[str, str] = {
    "passport": "passportNumber", "national_id": "idNumber", "imo": "imoNumber",
    "mmsi": "mmsi", "swift_bic": "swiftBic", "registration": "registrationNumber",
    "inn": "innCode", "ogrn": "ogrnCode", "lei": "leiCode", "tax_id": "taxNumber",
    "aircraft_serial": "serialNumber", "aircraft_registration": "registrationNumber",
}
_COMPANY_IDS = {"registration", "inn", "ogrn", "lei", "swift_bic", "tax_id"}
_LEGAL_FORM = re.compile(
    r"\b(llc|l\.l\.c|ltd|limited|inc|incorporated|corp|corporation|co\.?,? ltd|gmbh|ag|sa|"
    r"s\.a|sarl|srl|bv|nv|plc|jsc|ojsc|cjsc|pjsc|ooo|oao|zao|pao|fze|fzco|llp|lp|company|"
    r"trading|bank)\b", re.IGNORECASE)

# the official address of each list (per record where the publisher has one)
SOURCE_URLS: dict[str, str] = {
    "us-ofac": "https://sanctionssearch.ofac.treas.gov/Details.aspx?id={id}",
    "us-ofac-cons": "https://sanctionssearch.ofac.treas.gov/Details.aspx?id={id}",
    "un": "https://scsanctions.un.org/resources/xml/en/consolidated.xml",
    "eu": "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/"
          "content?token=dG9rZW4tMjAxNw",
    "uk": "https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.csv",
    "us-csl": "https://data.trade.gov/downloaded_files/consolidated.csv",
    "au-dfat": "https://www.dfat.gov.au/international-relations/security/sanctions/"
               "consolidated-list",
    "ca-sema": "https://www.international.gc.ca/world-monde/international_relations-"
               "relations_internationales/sanctions/consolidated-consolide.aspx",
}
# the country of each list's authority (FtM country codes; the UN has none)
SOURCE_COUNTRY: dict[str, str] = {
    "us-ofac": "us", "us-ofac-cons": "us", "us-csl": "us", "eu": "eu", "uk": "gb",
    "au-dfat": "au", "ca-sema": "ca",
}
_COUNTRY = re.compile(r"^[a-z]{2}$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


_ID = re.compile(r"^[0-9a-zA-Z]([0-9a-zA-Z.-]*[0-9a-zA-Z])?$")  # FtM's entity id


def safe_id(text: str) -> str:
    """``text`` as an FtM entity id (letters, digits, '.' and '-'): unchanged when it is
    one, else its other characters replaced and a hash of it appended (never two the same)."""
    if _ID.match(text) and len(text) <= 100:
        return text
    base = re.sub(r"[^0-9a-zA-Z.-]+", "-", text)[:80].strip(".-") or "id"
    return f"{base}-{digest(text)[:10]}"


def party_id(entity: Entity) -> str:
    """The FtM id of a party: the FtM id it was loaded with, else the entity id."""
    for m in entity.members:
        if m.version.format == FORMAT:
            return safe_id(m.record.source_id)
    return safe_id(entity.id)


def party_schema(entity: Entity) -> str:
    for m in entity.members:
        given = m.record.properties.get("ftm_schema")
        if given and given[0] in PARTY_PROPERTIES:
            return given[0]
    schema = SCHEMA_OF.get(entity.schema, "LegalEntity")
    if schema == "Organization" and (
            any(i.type in _COMPANY_IDS for i in entity.identifiers)
            or any(_LEGAL_FORM.search(n.full) for n, _ in entity.names)):
        return "Company"
    return schema


class _Props:
    """Property values in order, without duplicates, limited to what the schema has."""

    def __init__(self, schema: str, allowed: set[str] | None = None) -> None:
        self.schema = schema
        self.allowed = allowed
        self.data: dict[str, list[str]] = {}

    def add(self, prop: str, value: str | None) -> None:
        if value is None or (self.allowed is not None and prop not in self.allowed):
            return
        value = " ".join(str(value).split())
        if not value:
            return
        values = self.data.setdefault(prop, [])
        if value not in values:
            values.append(value)


def _country(code: str | None) -> str | None:
    if not code:
        return None
    code = code.strip().lower()
    return code if _COUNTRY.match(code) else None


def _date(value: str | None) -> str | None:
    if not value:
        return None
    value = value.strip()[:10]
    return value if _DATE.match(value) else None


def _entity(eid: str, schema: str, props: _Props, **extra: Any) -> dict[str, Any]:
    return {"id": eid, "schema": schema, "properties": props.data, **extra}


def party_entities(entity: Entity, ids: dict[str, tuple[str, str]]) -> Iterator[dict[str, Any]]:
    """The FtM entities of one merged party: the party, its documents, its sanctions and its
    links. ``ids`` maps every member record key to its party's (FtM id, FtM schema)."""
    pid = party_id(entity)
    schema = party_schema(entity)
    props = _Props(schema, PARTY_PROPERTIES[schema])
    by_type = {NameType.PRIMARY: "name", NameType.ALIAS: "alias", NameType.ORIGINAL: "alias",
               NameType.WEAK: "weakAlias", NameType.FORMER: "previousName"}
    written: set[str] = set()
    for name, _ in sorted(entity.names, key=lambda nm: nm[0].type != NameType.PRIMARY):
        text = " ".join(name.full.split())
        if text and text not in written:  # a name is written once, under its best type
            written.add(text)
            props.add(by_type.get(name.type, "alias"), text)
    for d in entity.birth_dates:
        props.add("birthDate", _date(d.value))
    lists: list[str] = []
    for m in entity.members:
        rec = m.record
        if m.version.list_id not in lists:
            lists.append(m.version.list_id)
        for place in rec.birth_places:
            props.add("birthPlace", place)
        for c in rec.nationalities:
            props.add("nationality" if schema == "Person" else "country", _country(c))
        for c in rec.citizenships:
            props.add("citizenship" if schema == "Person" else "country", _country(c))
        for c in rec.countries:
            props.add("country", _country(c))
        if rec.gender in ("male", "female"):
            props.add("gender", rec.gender)
        for a in rec.addresses:
            props.add("address", a.full)
            props.add("country", _country(a.country))
        for p in rec.properties.get("position", []):
            props.add("position", p)
        for flag in rec.properties.get("flag", []):
            props.add("flag", _country(flag))
    documents: list[dict[str, Any]] = []
    seen_docs: set[str] = set()
    for ident in entity.identifiers:
        prop = ID_PROPERTY.get(ident.type)
        if prop is not None and prop in props.allowed:  # type: ignore[operator]
            props.add(prop, ident.number)
        elif ident.type not in ID_PROPERTY and "idNumber" in props.allowed:  # type: ignore[operator]
            props.add("idNumber", ident.number)
        doc = _document(pid, schema, ident)
        if doc is not None and doc["id"] not in seen_docs:
            seen_docs.add(doc["id"])
            documents.append(doc)
    props.add("topics", "sanction")
    referents = sorted({safe_id(m.designation_key.replace(":", "-"))
                        for m in entity.members} - {pid})
    yield _entity(pid, schema, props, caption=entity.caption, target=True, datasets=lists,
                  referents=referents)
    yield from documents
    seen: set[str] = set()
    kept: dict[str, dict[str, list[str]]] = {}  # Sanction properties of a loaded FtM list
    for m in entity.members:
        for text in m.record.properties.get("ftm_sanction", []):
            data = orjson.loads(text)
            kept[data.pop("id")] = data
    for des, m in entity.designations():
        sanction = _sanction(pid, des, m.version.format)
        if sanction["id"] in seen:
            continue
        for prop, values in kept.get(sanction["id"], {}).items():
            for value in values:
                _add(sanction["properties"], prop, value)
        seen.add(sanction["id"])
        yield sanction
    for m in entity.members:
        for rel in m.record.relations:
            link = _link(pid, schema, rel, ids.get(f"{m.version.list_id}:{rel.target_id}"))
            if link is not None and link["id"] not in seen:
                seen.add(link["id"])
                yield link


def _document(pid: str, schema: str, ident: Identifier) -> dict[str, Any] | None:
    """A Passport entity (a person's passport), or an Identification entity (a national ID,
    or a document whose kind has no FtM property of its own)."""
    if schema not in ("Person", "Organization", "Company", "LegalEntity"):
        return None
    if ident.type == "passport" and schema == "Person":
        kind = "Passport"
    elif ident.type in ("national_id", "passport") or ident.type not in ID_PROPERTY:
        kind = "Identification"
    else:
        return None
    props = _Props(kind)
    props.add("holder", pid)
    props.add("number", ident.number)
    props.add("country", _country(ident.country))
    props.add("type", ident.type.replace("_", " "))
    if ident.note:
        props.add("summary", ident.note)
    eid = f"{pid}-{kind.lower()}-{digest(ident.type, ident.number, ident.country)}"
    return _entity(eid, kind, props, target=False)


def _sanction(pid: str, d: Any, fmt: str) -> dict[str, Any]:
    props = _Props("Sanction")
    props.add("entity", pid)
    props.add("authority", d.authority)
    props.add("program", d.program)
    props.add("listingDate", _date(d.listed_on))
    props.add("startDate", _date(d.listed_on))
    props.add("reason", d.reason)
    props.add("description", d.legal_basis)
    for measure in d.measures:
        props.add("provisions", measure)
    if fmt != FORMAT:  # a designation read from an official file: its own identifiers
        props.add("authorityId", d.source_id)
        url = SOURCE_URLS.get(d.source)
        if url:
            props.add("sourceUrl", url.format(id=d.source_id))
        props.add("country", SOURCE_COUNTRY.get(d.source))
    if d.reference:
        props.add("unscId" if re.match(r"^[A-Z]{2}[a-z]\.\d+", d.reference) else "recordId",
                  d.reference)
    eid = sanction_id(pid, d.authority, d.program, d.listed_on, d.reason)
    return _entity(eid, "Sanction", props, target=False)


def _add(props: dict[str, list[str]], prop: str, value: str) -> None:
    values = props.setdefault(prop, [])
    if value not in values:
        values.append(value)


def _link(pid: str, schema: str, rel: Any, target: tuple[str, str] | None
          ) -> dict[str, Any] | None:
    """An FtM link between two listed parties, where the list names the other party."""
    if target is None or target[0] == pid:
        return None
    tid, tschema = target
    org = ("Organization", "Company")
    if rel.type == RelationType.FAMILY and schema == "Person" and tschema == "Person":
        kind, props = "Family", _Props("Family")
        props.add("person", pid)
        props.add("relative", tid)
        props.add("relationship", rel.note)
    elif rel.type in (RelationType.MEMBER_OF, RelationType.LEADER_OF) and tschema in org \
            and schema in ("Person", *org, "LegalEntity"):
        kind, props = "Membership", _Props("Membership")
        props.add("member", pid)
        props.add("organization", tid)
        props.add("role", "leader" if rel.type == RelationType.LEADER_OF else rel.note)
    else:
        kind, props = "UnknownLink", _Props("UnknownLink")
        props.add("subject", pid)
        props.add("object", tid)
        props.add("role", rel.note or rel.type.value.replace("_", " "))
    eid = f"{pid}-{kind.lower()}-{digest(tid, rel.type.value)}"
    return _entity(eid, kind, props, target=False)


def iter_entities(entities: list[Entity]) -> Iterator[dict[str, Any]]:
    """FtM entities of merged parties, party by party."""
    ids: dict[str, tuple[str, str]] = {}
    for e in entities:
        ref = (party_id(e), party_schema(e))
        for m in e.members:
            ids[m.key] = ref
    for e in entities:
        yield from party_entities(e, ids)


def write_ftm(registry: Registry, out: IO[bytes]) -> dict[str, int]:
    """Write every active entity of the registry as FtM JSON Lines; counts per schema."""
    counts: dict[str, int] = {}
    for data in iter_entities(registry.entities()):
        out.write(orjson.dumps(data) + b"\n")
        counts[data["schema"]] = counts.get(data["schema"], 0) + 1
    return counts


def export(registry: Registry, path: Path) -> dict[str, int]:
    """Write the registry to ``path`` (written next to it, then renamed: never half a file)."""
    tmp = path.with_name(path.name + ".part")
    try:
        with tmp.open("wb") as fh:
            counts = write_ftm(registry, fh)
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)
    return counts


# --------------------------------------------------------------------------- command line
