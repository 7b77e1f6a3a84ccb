"""Canada: Consolidated Canadian Autonomous Sanctions List (SEMA and JVCFOA), XML.

Root ``data-set``, one ``record`` per listed party, no nesting. Two vintages of element names
are read: the 2020 file's English names (``Country``, ``Entity``, ``LastName``,
``GivenName``, ``DateOfBirth``, ``Aliases``, ``Title``, ``Schedule``, ``Item``) and the later
bilingual ones (``Country-Pays``, ``EntityOrShip-EntiteOuNavire``,
``DateOfBirthOrShipBuildDate-...``, ``TitleOrShipType-...``, ``ShipIMONumber-...``,
``DateOfListing-...``): the part before the first ``-`` is the field.

An entity name written "English/French" ("IRGC Navy/Force navale du CGRI") gives the English
half as the primary name and the French half as an alias.

``Country`` is the regulation the party is listed under ("Russia / Russie" lists Ukrainians
too; one value names the Justice for Victims of Corrupt Foreign Officials Regulations), so it
is the designation's program (English half), never a nationality.

Identity: Canada publishes no identifier. ``Item`` numbers restart per regulation and
schedule (Country + Item repeats 247 times in April 2020), while Country + Schedule + Item is
unique, so ``source_id`` is ``<country>/<schedule>/<item>`` with the English half of the
country (the acronym in brackets where there is one, e.g. ``JVCFOR``), the schedule with
spaces and slashes removed (``1,Part2``, ``NA`` for "N/A", ``-`` when absent) and the item:
``Russia/1,Part2/12``. A
repeated source_id is a ParseError naming both records' lines.

A record with ``ShipIMONumber`` is a Vessel (IMO identifier; its date is the build date),
one with ``Entity``/``EntityOrShip`` an Organization, otherwise a Person. Aliases are split on
``;`` when the cell has one, else on ``,`` (the 2020 file). A one-word alias of a person is a
name part, not a name: an upper-case one ("PASHENKO") is a family-name variant and gives
"<GivenName> <alias>", any other ("Andrei", "Givi") gives "<alias> <LastName>"; the bare word
is kept as a weak alias.

``raw`` is the record element as a dict (``element_to_dict``).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sanctio.model import (
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
    xml_root_tag,
)

FORMAT = "ca-sema"
SOURCE = "ca-sema"
AUTHORITY = Authority.CA_GAC.value
LIST_NAME = "Consolidated Canadian Autonomous Sanctions List"

_BILINGUAL = re.compile(r"\s*\|\s*|\s+/\s+")
_LEGAL_SUFFIX = re.compile(
    r"^(?:inc|ltd|llc|co|corp|plc|s\.?a|jsc|pjsc|ojsc|cjsc|gmbh|limited|company)\.?$",
    re.IGNORECASE,
)


def sniff(path: Path) -> bool:
    if not path.is_file() or path.suffix.lower() != ".xml":
        return False
    if xml_root_tag(path) != "data-set":
        return False
    with path.open("rb") as f:
        head = f.read(4096)
    return b"<record" in head and (b"<Country" in head or b"<Item" in head)


def _english(value: str | None) -> str | None:
    text = clean(value)
    if not text:
        return None
    return clean(_BILINGUAL.split(text, maxsplit=1)[0])


def _fields(elem: Any) -> dict[str, str]:
    out: dict[str, str] = {}
    for child in elem:
        name = local_name(child)
        if not name:
            continue
        key = name.split("-", 1)[0]
        text = clean((child.text or "").replace("\xa0", " "))
        if text:
            out[key] = text
    return out


def _program_key(country: str) -> str:
    english = _english(country) or country
    acronym = re.search(r"\(([A-Z]{3,})\)", english)
    if acronym:
        return acronym.group(1)
    return english


def _bilingual_name(name: str) -> list[str]:
    """'IRGC Navy/Force navale du CGRI' -> ['IRGC Navy', 'Force navale du CGRI']: an entity
    name written in English and French around a '/' outside brackets, both halves of two words
    or more (so 'Sepah-e Pasdaran-e Enghelab-e Eslami/GRI' and 'Hmaw Bi/Pyi' stay whole)."""
    depth = 0
    for i, ch in enumerate(name):
        if ch in "([":
            depth += 1
        elif ch in ")]":
            depth = max(0, depth - 1)
        elif ch == "/" and depth == 0:
            left, right = clean(name[:i]), clean(name[i + 1:])
            if left and right and len(left.split()) >= 2 and len(right.split()) >= 2:
                return [left, right]
            break
    return [name]


def _legal_basis(country: str) -> str | None:
    english = _english(country)
    if not english:
        return None
    if re.search(r"Regulations|Act\b", english):
        return english
    return f"Special Economic Measures ({english}) Regulations"


def _aliases(text: str | None) -> list[str]:
    if not text:
        return []
    sep = ";" if ";" in text else ","
    out: list[str] = []
    for part in text.split(sep):
        value = clean(part)
        if not value:
            continue
        if out and _LEGAL_SUFFIX.match(value):  # "Acme, Inc." split on its comma
            out[-1] = f"{out[-1]}, {value}"
            continue
        out.append(value)
    return out


def _dates(text: str | None) -> list[DateValue]:
    if not text:
        return []
    dv = parse_date(text)
    if dv is not None:
        return [dv]
    out = []
    for part in re.split(r"\s+or\s+|\s*/\s*|;", text, flags=re.IGNORECASE):
        d = parse_date(part)
        if d is not None:
            out.append(d)
    return out


def _add(rec: Record, full: str, ntype: NameType, parts: dict[str, str] | None = None,
         lang: str | None = None) -> None:
    if any(n.full.casefold() == full.casefold() for n in rec.names):
        return
    rec.names.append(Name(full=full, type=ntype, parts=parts or {}, lang=lang))


def _build(path: Path, f: dict[str, str], line: int | None) -> Record | None:
    country = f.get("Country", "")
    schedule = re.sub(r"[\s/]+", "", f.get("Schedule", "")) or "-"  # "N/A" -> "NA"
    item = f.get("Item", "")
    if not item:
        raise ParseError(str(path), f"line {line}", "record has no Item number")
    sid = f"{_program_key(country)}/{schedule}/{item}"
    imo = f.get("ShipIMONumber")
    entity = f.get("EntityOrShip") or f.get("Entity")
    given, last = f.get("GivenName"), f.get("LastName")
    if imo:
        schema = Schema.VESSEL
    elif entity:
        schema = Schema.ORGANIZATION
    else:
        schema = Schema.PERSON
    rec = Record(source=SOURCE, source_id=sid, schema=schema, names=[])
    if entity:
        halves = _bilingual_name(entity)
        _add(rec, halves[0], NameType.PRIMARY)
        for other in halves[1:]:
            _add(rec, other, NameType.ALIAS, lang="fr")
    else:
        full = " ".join(p for p in (given, last) if p)
        if not full:
            return None
        parts = {k: v for k, v in (("given", given), ("family", last)) if v}
        _add(rec, full, NameType.PRIMARY, parts)
    for alias in _aliases(f.get("Aliases")):
        if schema == Schema.PERSON and " " not in alias and given and last:
            if alias.isupper() and len(alias) > 1:
                _add(rec, f"{given} {alias}", NameType.ALIAS, {"given": given, "family": alias})
            else:
                _add(rec, f"{alias} {last}", NameType.ALIAS, {"given": alias, "family": last})
            _add(rec, alias, NameType.WEAK)
        else:
            _add(rec, alias, NameType.ALIAS)
    born = f.get("DateOfBirthOrShipBuildDate") or f.get("DateOfBirth")
    if schema == Schema.VESSEL:
        assert imo is not None
        number = re.sub(r"\D", "", imo) or imo
        rec.identifiers.append(Identifier(type="imo", number=number))
        rec.add_property("build_date", born)
        rec.add_property("vessel_type", _english(f.get("TitleOrShipType")))
    else:
        rec.birth_dates = _dates(born)
        rec.add_property("title", f.get("TitleOrShipType") or f.get("Title"))
    listed = parse_date(f.get("DateOfListing"))
    rec.designations.append(Designation(
        authority=AUTHORITY, source=SOURCE, source_id=sid, list_name=LIST_NAME,
        program=_english(country), listed_on=listed.value if listed else None,
        legal_basis=_legal_basis(country), measures=["asset freeze"],
    ))
    rec.add_property("schedule", f.get("Schedule"))
    rec.add_property("item", item)
    return rec


def parse(path: Path, **options: Any) -> ParsedList:
    check_xml_safe(path)
    root = xml_root_tag(path)
    if root != "data-set":
        raise ParseError(str(path), "root element",
                         f"expected a <data-set> root (SEMA list), found <{root}>")
    records: list[Record] = []
    warnings: list[str] = []
    seen: dict[str, int | None] = {}
    for elem in iter_xml(path, {"record"}):
        line = elem.sourceline if isinstance(elem.sourceline, int) else None
        fields = _fields(elem)
        rec = _build(path, fields, line)
        if rec is None:
            warnings.append(f"{path}, line {line}: record without a name; skipped")
        else:
            if rec.source_id in seen:
                raise ParseError(str(path), f"line {line}",
                                 f"record {rec.source_id} repeats the record on line "
                                 f"{seen[rec.source_id]} (same country, schedule and item)")
            seen[rec.source_id] = line
            rec.raw = element_to_dict(elem)
            records.append(rec)
        elem.clear()
    return ParsedList(
        source=SOURCE, authority=AUTHORITY, format=FORMAT, records=records,
        title=LIST_NAME, warnings=warnings,
    )
