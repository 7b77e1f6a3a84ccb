"""``sanctio evaluate make-pairs``: a labelled pair set built from the lists themselves.

Positives are two names of one listed party:

- ``cross-script``: a native-script name and the party's Latin-script name closest to it
  (rapidfuzz ``token_sort_ratio`` against an ICU ``Any-Latin`` transliteration; the main
  Latin-script name when ICU is missing), so that the pair is one name in two scripts
  rather than an alias;
- ``spelling``: two Latin-script names that differ but look alike (rapidfuzz
  ``token_sort_ratio`` >= 75: transliterations such as Lukashenko / Lukashenka);
- ``alias``: two Latin-script names that do not look alike (a.k.a., cover names, shortened
  names; for a person the only way to find them is the list itself);
- ``translation``: two Latin-script names of an organisation in two different languages
  (as the EU states them) that do not look alike: not a name-matching task, kept apart so
  it can be left out.

Negatives are names of two different parties that look alike. Both parties are always on a
common list, which lists them separately, and share no exact date of birth and no identifier
(a list may give one party twice, under two regimes), so they are known to be different:

- ``hard-negative``: rapidfuzz ``token_set_ratio`` >= 70 between Latin-script names of two
  parties of the same schema (found through shared tokens);
- ``same-family-name``: two people with the same family name;
- ``cross-script-negative``: a native-script name of one party against the Latin-script name
  of the other party of a hard or same-family negative.

Every entity is in one split, ``train`` or ``heldout``, by a seeded hash of its id (about
70/30); a pair is made only of names of entities in the same split, so the two parts share no
entity. Each category is capped (seeded sample).
"""

from __future__ import annotations

import csv
import random
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from rapidfuzz import fuzz, utils

from sanctio.entity import Entity, norm_id, norm_name
from sanctio.evaluate.native import is_latin, native_script
from sanctio.evaluate.split import split_of as split_of
from sanctio.model import NameType, Schema

POSITIVE = ("cross-script", "spelling", "alias", "translation")
NEGATIVE = ("hard-negative", "same-family-name", "cross-script-negative")
CATEGORIES = POSITIVE + NEGATIVE
SPELLING_RATIO = 75
NEAR_RATIO = 70
MAX_POSTING = 400  # a token shared by more names than this is too common to look up
MAX_CANDIDATES = 300
COLUMNS = ["name1", "name2", "schema", "is_match", "category", "group", "split", "entity1",
           "entity2"]


@dataclass(slots=True)
class ListPair:
    name1: str
    name2: str
    schema: Schema
    is_match: bool
    category: str
    group: str
    split: str
    entity1: str
    entity2: str

    def row(self) -> list[str]:
        return [self.name1, self.name2, self.schema.value, "1" if self.is_match else "0",
                self.category, self.group, self.split, self.entity1, self.entity2]


@dataclass(slots=True)
class _Party:
    entity: Entity
    split: str
    lists: frozenset[str]
    latin: list[tuple[str, str | None]]  # (name, language) distinct by norm_name
    native: dict[str, list[str]] = field(default_factory=dict)  # script -> names
    family: str | None = None


def _clean(text: str) -> str:
    return " ".join(text.split())


def family_name(name: str, parts: dict[str, str]) -> str | None:
    """A person's family name: the list's own part, else the part before a comma (``BIN
    LADIN, Usama``), else the words in capitals (``Konstantin MALOFEEV``), else the last
    word; folded with rapidfuzz ``default_process``."""
    fam = parts.get("family") or parts.get("last")
    if not fam:
        if name.count(",") == 1:
            fam = name.split(",")[0]
        else:
            words = name.split()
            caps = [w for w in words if len(w) >= 3 and w.isupper()]
            fam = " ".join(caps) if caps and len(caps) < len(words) else \
                (words[-1] if len(words) >= 2 else None)
    if not fam:
        return None
    key = utils.default_process(fam)
    return key if len(key) >= 3 else None


def _parties(entities: Iterable[Entity], seed: int, heldout: float) -> list[_Party]:
    out = []
    for e in entities:
        if e.schema not in (Schema.PERSON, Schema.ORGANIZATION):
            continue
        latin: list[tuple[str, str | None]] = []
        seen: set[str] = set()
        native: dict[str, list[str]] = defaultdict(list)
        family = None
        ranked = sorted(e.names, key=lambda nm: nm[0].type != NameType.PRIMARY)
        for name, _member in ranked:
            text = _clean(name.full)
            if not text:
                continue
            script = native_script(text)
            if script is not None:
                if text not in native[script]:
                    native[script].append(text)
            elif is_latin(text):
                key = norm_name(text)
                if key and key not in seen:
                    seen.add(key)
                    latin.append((text, name.lang))
                    if family is None and e.schema == Schema.PERSON and \
                            name.type in (NameType.PRIMARY, NameType.ALIAS):
                        family = family_name(text, name.parts)
        if not latin:
            continue
        caption = _clean(e.caption)
        if is_latin(caption):  # the caption first: the party's main Latin-script name
            latin.sort(key=lambda nl: nl[0] != caption)
        out.append(_Party(e, split_of(e.id, seed, heldout),
                          frozenset(m.version.list_id for m in e.members), latin,
                          dict(native), family))
    return out


def _tsr(a: str, b: str) -> float:
    return float(fuzz.token_sort_ratio(a, b, processor=utils.default_process))


@lru_cache(maxsize=1)
def _transliterator() -> Any:
    try:
        import icu

        return icu.Transliterator.createInstance("Any-Latin; Latin-ASCII")
    except Exception:  # PyICU missing, or without the transform
        return None


def closest_latin(native: str, latin: Sequence[str]) -> str:
    """The Latin-script name closest to a native-script one (see the module docstring)."""
    tr = _transliterator()
    if tr is None or len(latin) == 1:
        return latin[0]
    text = str(tr.transliterate(native))
    return max(latin, key=lambda n: (_tsr(text, n), -latin.index(n)))


def _positives(p: _Party, rng: random.Random) -> list[ListPair]:
    e = p.entity
    out = []
    latin_names = [n for n, _ in p.latin]
    for script in sorted(p.native):
        native = rng.choice(p.native[script])
        out.append(ListPair(native, closest_latin(native, latin_names), e.schema, True,
                            "cross-script", script, p.split, e.id, e.id))
    names = p.latin[:12]
    kinds: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for i, (a, la) in enumerate(names):
        for b, lb in names[i + 1:]:
            if _tsr(a, b) >= SPELLING_RATIO:
                kinds["spelling"].append((a, b))
            elif e.schema == Schema.ORGANIZATION and la and lb and la != lb:
                kinds["translation"].append((a, b))
            else:
                kinds["alias"].append((a, b))
    for kind in ("spelling", "alias", "translation"):
        if kinds[kind]:
            a, b = rng.choice(kinds[kind])
            out.append(ListPair(a, b, e.schema, True, kind, "Latin", p.split, e.id, e.id))
    return out


def _different(a: _Party, b: _Party) -> bool:
    """Two parties a common list gives separately, with no name, exact date of birth or
    identifier in common (a list may give one party twice, under two regimes: the EU lists
    one Mohammed Hamsho, born 1966-05-20, as EU.6455 and EU.7543)."""
    if a.entity.id == b.entity.id or not (a.lists & b.lists):
        return False
    na = {norm_name(n) for n, _ in a.latin}
    if any(norm_name(n) in na for n, _ in b.latin):
        return False
    if _dates(a.entity) & _dates(b.entity):
        return False
    return not (_ids(a.entity) & _ids(b.entity))


def _dates(e: Entity) -> set[str]:
    return {d.value for d in e.birth_dates if len(d.value) == 10}


def _ids(e: Entity) -> set[str]:
    return {k for k in (norm_id(i.number) for i in e.identifiers) if len(k) >= 5}


def _near_negatives(parties: Sequence[_Party], rng: random.Random, queries: int
                    ) -> list[tuple[_Party, str, _Party, str]]:
    """Hard negatives among parties of one split and schema: for up to ``queries`` names, the
    most similar name (``token_set_ratio`` >= 70) of another party, looked up through the
    names' shared tokens."""
    names: list[tuple[int, str, str]] = []  # (party, name, processed)
    for i, p in enumerate(parties):
        for n, _ in p.latin[:6]:
            names.append((i, n, utils.default_process(n)))
    posting: dict[str, list[int]] = defaultdict(list)
    for j, (_, _, proc) in enumerate(names):
        for tok in set(proc.split()):
            if len(tok) >= 3:
                posting[tok].append(j)
    order = list(range(len(names)))
    rng.shuffle(order)
    out: list[tuple[_Party, str, _Party, str]] = []
    used: set[int] = set()
    for j in order:
        if len(out) >= queries:
            break
        pi, name, proc = names[j]
        if pi in used:
            continue
        cands: set[int] = set()
        for tok in set(proc.split()):
            post = posting.get(tok, [])
            if len(tok) >= 3 and len(post) <= MAX_POSTING:
                cands.update(post)
        cand_list = sorted(cands)
        if len(cand_list) > MAX_CANDIDATES:
            cand_list = rng.sample(cand_list, MAX_CANDIDATES)
        scored = []
        for k in cand_list:
            qi, other, oproc = names[k]
            if qi == pi or oproc == proc:
                continue
            s = fuzz.token_set_ratio(proc, oproc)
            if s >= NEAR_RATIO:
                scored.append((s, rng.random(), qi, other))
        scored.sort(reverse=True)
        for _s, _r, qi, other in scored[:5]:
            if _different(parties[pi], parties[qi]):
                out.append((parties[pi], name, parties[qi], other))
                used.add(pi)
                break
    return out


def _family_negatives(parties: Sequence[_Party], rng: random.Random, limit: int
                      ) -> list[tuple[_Party, str, _Party, str]]:
    groups: dict[str, list[_Party]] = defaultdict(list)
    for p in parties:
        if p.entity.schema == Schema.PERSON and p.family:
            groups[p.family].append(p)
    keys = [k for k in sorted(groups) if len(groups[k]) >= 2]
    rng.shuffle(keys)
    out: list[tuple[_Party, str, _Party, str]] = []
    for k in keys:
        if len(out) >= limit:
            break
        members = groups[k]
        for _ in range(3):  # a few tries for a pair a common list gives separately
            a, b = rng.sample(members, 2)
            if _different(a, b):
                out.append((a, a.latin[0][0], b, b.latin[0][0]))
                break
    return out


def build_pairs(entities: Iterable[Entity], *, seed: int = 42, per_category: int = 1500,
                heldout: float = 0.3) -> list[ListPair]:
    """The labelled pair set (see the module docstring), at most ``per_category`` pairs per
    category, in a stable order (split, category, entity)."""
    rng = random.Random(f"pairs:{seed}")
    parties = _parties(entities, seed, heldout)
    pairs: dict[str, list[ListPair]] = defaultdict(list)
    for p in parties:
        for pair in _positives(p, rng):
            pairs[pair.category].append(pair)
    for split in ("train", "heldout"):
        share = heldout if split == "heldout" else 1.0 - heldout
        # enough queries that the cap still holds a split's share after the sample below
        want = int(per_category * share * 1.5) + 10
        for schema in (Schema.PERSON, Schema.ORGANIZATION):
            part = [p for p in parties if p.split == split and p.entity.schema == schema]
            near = _near_negatives(part, rng, want)
            fam = _family_negatives(part, rng, want) if schema == Schema.PERSON else []
            for kind, found in (("hard-negative", near), ("same-family-name", fam)):
                for a, na, b, nb in found:
                    pairs[kind].append(ListPair(na, nb, schema, False, kind, "Latin", split,
                                                a.entity.id, b.entity.id))
                    for x, y, ny in ((a, b, nb), (b, a, na)):
                        if x.native:
                            script = sorted(x.native)[0]
                            pairs["cross-script-negative"].append(ListPair(
                                rng.choice(x.native[script]), ny, schema, False,
                                "cross-script-negative", script, split, x.entity.id,
                                y.entity.id))
                            break
    out: list[ListPair] = []
    for cat in CATEGORIES:
        items = pairs.get(cat, [])
        if len(items) > per_category:
            items = rng.sample(items, per_category)
        out.extend(items)
    out.sort(key=lambda p: (p.split != "train", CATEGORIES.index(p.category), p.entity1,
                            p.name1, p.name2))
    return out


def write_pairs(pairs: Sequence[ListPair], path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(COLUMNS)
        for p in pairs:
            w.writerow(p.row())
    return path


def describe(pairs: Sequence[ListPair]) -> dict[str, Any]:
    """Counts per split and category, per group, and entities per split."""
    per: dict[str, Counter[str]] = defaultdict(Counter)
    groups: Counter[str] = Counter()
    entities: dict[str, set[str]] = defaultdict(set)
    for p in pairs:
        per[p.split][p.category] += 1
        groups[p.group] += 1
        entities[p.split].update((p.entity1, p.entity2))
    return {"pairs": len(pairs), "matches": sum(p.is_match for p in pairs),
            "per_split": {s: dict(sorted(c.items())) for s, c in sorted(per.items())},
            "per_group": dict(groups.most_common()),
            "entities_per_split": {s: len(v) for s, v in sorted(entities.items())}}
