"""Cross-list entity merging: the same party listed by several authorities becomes one entity.

Records are merged only on strong evidence, never on a name alone:

- ``xref``: both records cite the same reference (a UN reference number cited by an EU or UK
  record, e.g. ``un-ref:QDi.129``);
- ``identifier``: the same passport, national ID, IMO number or registration number (at least
  six characters, issuing countries compatible);
- ``name+dob``: the same full name (normalised) and the same exact date of birth;
- ``cross-reference``: a maintained cross-reference (``data/xref.csv`` in the package, each
  line with the public evidence for it) or an analyst's judgement recorded in the registry.

Two records of the same list are never merged (a publisher lists each party once), and an
analyst's ``different`` judgement always wins. Every merge keeps its evidence so it can be
explained.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from importlib import resources
from typing import Any

from sanctio.model import (
    DateValue,
    Designation,
    Identifier,
    ListVersion,
    Name,
    NameType,
    Record,
    Schema,
)

SOURCE_PRIORITY = ["un", "us-ofac", "eu", "uk", "us-csl", "au-dfat", "ca-sema"]
STRONG_ID_TYPES = {
    "passport", "national_id", "imo", "mmsi", "tax_id", "registration", "swift_bic",
    "ogrn", "inn", "lei", "aircraft_serial", "aircraft_registration",
}


@dataclass(slots=True)
class Member:
    """One source record inside an entity, with the list version it came from."""

    version: ListVersion
    record: Record

    @property
    def key(self) -> str:
        return f"{self.version.list_id}:{self.record.source_id}"

    @property
    def designation_key(self) -> str:
        d = self.record.designations[0] if self.record.designations else None
        return f"{d.source}:{d.source_id}" if d else self.key


@dataclass
class Entity:
    """A party as listed by one or more authorities."""

    id: str
    schema: Schema
    members: list[Member]
    evidence: list[tuple[str, str, str]] = field(default_factory=list)  # (key, key, why)

    def evidence_for(self, key: str) -> list[str]:
        return [f"{a} = {b}: {why}" for a, b, why in self.evidence if key in (a, b)]

    @property
    def caption(self) -> str:
        for m in sorted(self.members, key=lambda m: _priority(m.record.source)):
            return m.record.primary_name
        return self.id

    @cached_property
    def names(self) -> list[tuple[Name, Member]]:
        return [(n, m) for m in self.members for n in m.record.names]

    @property
    def birth_dates(self) -> list[DateValue]:
        return [d for m in self.members for d in m.record.birth_dates]

    @property
    def nationalities(self) -> set[str]:
        return {c for m in self.members for c in m.record.nationalities + m.record.citizenships}

    @property
    def countries(self) -> set[str]:
        out = self.nationalities
        for m in self.members:
            out.update(m.record.countries)
            out.update(a.country for a in m.record.addresses if a.country)
        return out

    @property
    def genders(self) -> set[str]:
        return {m.record.gender for m in self.members if m.record.gender}

    @property
    def identifiers(self) -> list[Identifier]:
        return [i for m in self.members for i in m.record.identifiers]

    def designations(self) -> list[tuple[Designation, Member]]:
        return [(d, m) for m in self.members for d in m.record.designations]

    @property
    def sources(self) -> set[str]:
        return {d.source for m in self.members for d in m.record.designations}

    def to_dict(self) -> dict[str, Any]:
        return {
            "entity_id": self.id,
            "schema": self.schema.value,
            "caption": self.caption,
            "members": [m.key for m in self.members],
            "merge_evidence": [f"{a} = {b}: {why}" for a, b, why in self.evidence],
        }


def _priority(source: str) -> tuple[int, str]:
    return (SOURCE_PRIORITY.index(source) if source in SOURCE_PRIORITY else 99, source)


def norm_name(text: str) -> str:
    """A strict comparison form for names: case, accents, punctuation and order ignored."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(c for c in text if not unicodedata.combining(c))
    tokens = re.findall(r"\w+", text)
    return " ".join(sorted(tokens))


def norm_id(number: str) -> str:
    return re.sub(r"[^0-9A-Z]", "", number.upper())


def _load_xref() -> list[tuple[str, str, str]]:
    """The maintained cross-reference of records that are the same party."""
    out = []
    text = resources.files("sanctio").joinpath("data/xref.csv").read_text("utf-8")
    for row in csv.reader(line for line in text.splitlines() if not line.startswith("#")):
        if len(row) >= 3 and row[0].strip():
            out.append((row[0].strip(), row[1].strip(), row[2].strip()))
    return out


class _UnionFind:
    def __init__(self, items: list[Member]) -> None:
        self.parent = list(range(len(items)))
        self.lists: list[set[str]] = [{m.version.list_id} for m in items]
        self.blocked: set[tuple[int, int]] = set()

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int, force: bool = False) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return False
        if (min(ra, rb), max(ra, rb)) in self.blocked:
            return False
        if not force and self.lists[ra] & self.lists[rb]:
            return False  # would put two records of the same list in one entity
        self.parent[rb] = ra
        self.lists[ra] |= self.lists[rb]
        return True


def _compatible(a: Record, b: Record) -> bool:
    known = {Schema.UNKNOWN}
    return a.schema == b.schema or a.schema in known or b.schema in known


def merge_records(
    records: list[tuple[ListVersion, Record]],
    judgements: list[tuple[str, str, str, str | None]] | None = None,
) -> list[Entity]:
    """Group active records into entities on strong evidence."""
    members = [Member(v, r) for v, r in records]
    uf = _UnionFind(members)
    index: dict[str, list[int]] = defaultdict(list)  # any key a member answers to -> members
    for i, m in enumerate(members):
        index[m.key].append(i)
        for d in m.record.designations:
            k = f"{d.source}:{d.source_id}"
            if i not in index[k]:
                index[k].append(i)
    evidence: list[tuple[int, int, str]] = []

    def link(i: int, j: int, why: str, force: bool = False) -> None:
        if uf.union(i, j, force=force):
            evidence.append((i, j, why))

    different: set[tuple[int, int]] = set()
    for left, right, judgement, _reason in judgements or []:
        for i in index.get(left, []):
            for j in index.get(right, []):
                if judgement == "different":
                    different.add((i, j))
    # 'different' judgements block merges between the two records' entities
    for i, j in different:
        uf.blocked.add((min(i, j), max(i, j)))

    def blocked(i: int, j: int) -> bool:
        return (min(i, j), max(i, j)) in different or (max(i, j), min(i, j)) in different

    for left, right, judgement, reason in judgements or []:
        if judgement != "same":
            continue
        for i in index.get(left, []):
            for j in index.get(right, []):
                if not blocked(i, j):
                    link(i, j, f"analyst judgement: {reason or 'same party'}", force=True)
    for left, right, reason in _load_xref():
        for i in index.get(left, []):
            for j in index.get(right, []):
                if not blocked(i, j) and _compatible(members[i].record, members[j].record):
                    link(i, j, f"maintained cross-reference: {reason}")

    # references cited by the records themselves
    by_xref: dict[str, list[int]] = defaultdict(list)
    by_id: dict[str, list[int]] = defaultdict(list)
    by_name_dob: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(members):
        rec = m.record
        for x in rec.xrefs:
            by_xref[x.strip().upper()].append(i)
        for ident in rec.identifiers:
            if ident.type in STRONG_ID_TYPES:
                num = norm_id(ident.number)
                if len(num) >= 6:
                    by_id[f"{ident.type}:{num}"].append(i)
        days = {d.value for d in rec.birth_dates if d.precision == "day" and not d.circa}
        if days:
            for n in rec.names:
                if n.type in (NameType.PRIMARY, NameType.ALIAS, NameType.ORIGINAL):
                    for day in days:
                        by_name_dob[f"{norm_name(n.full)}|{day}"].append(i)

    # a record citing another list's record by its key (CSL rows cite us-ofac:<ent_num>)
    for i, m in enumerate(members):
        for x in m.record.xrefs:
            for j in index.get(x.strip(), []):
                if j != i and not blocked(i, j) and _compatible(m.record, members[j].record):
                    link(i, j, f"cites {x.strip()}")

    def link_groups(groups: dict[str, list[int]], why: str) -> None:
        for key, idx in groups.items():
            uniq = sorted(set(idx))
            if len(uniq) < 2:
                continue
            for j in uniq[1:]:
                i = uniq[0]
                if blocked(i, j) or not _compatible(members[i].record, members[j].record):
                    continue
                if why == "identifier" and not _id_countries_agree(members[i], members[j], key):
                    continue
                link(i, j, f"{why} {key}")

    link_groups(by_xref, "both cite")
    link_groups(by_id, "identifier")
    link_groups(by_name_dob, "same name and date of birth")

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(len(members)):
        groups[uf.find(i)].append(i)
    evidence_by_root: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    for a, b, why in evidence:
        evidence_by_root[uf.find(a)].append((members[a].key, members[b].key, why))
    entities = []
    for root, idx in groups.items():
        group = sorted((members[i] for i in idx), key=lambda m: (
            _priority(m.designation_key.split(":")[0]), m.designation_key))
        first = group[0]
        eid = first.designation_key.replace(":", "-")
        schema = next((m.record.schema for m in group if m.record.schema != Schema.UNKNOWN),
                      first.record.schema)
        entities.append(Entity(id=eid, schema=schema, members=group,
                               evidence=evidence_by_root.get(root, [])))
    entities.sort(key=lambda e: e.id)
    return entities


def _id_countries_agree(a: Member, b: Member, key: str) -> bool:
    kind, _, num = key.partition(":")

    def countries(m: Member) -> set[str]:
        return {i.country for i in m.record.identifiers
                if i.type == kind and norm_id(i.number) == num and i.country}

    ca, cb = countries(a), countries(b)
    return not ca or not cb or bool(ca & cb)
