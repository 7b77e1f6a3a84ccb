"""``sanctio evaluate learn-names``: name variants learned from the lists themselves.

The lists give one East Slavic person under several spellings of one name: in Russian and in
Ukrainian or Belarusian (Mykola, Nikolai, Mikalai; Mykolayovych, Nikolaevich), and in the
transliterations of several languages (Nikolajevitj, Nikolajewitsch). rigour's name symbols
link few of these. This learner reads them off the entities:

1. Every name of a person (Latin-script names, and Cyrillic ones through :func:`analyze`,
   which transliterates them) is cut into its name words.
2. Two names of one person with as many words are aligned word by word: the identity or a
   rotation (the family name first or last), the one under which the words look most alike,
   only when one word at least is the same or nearly (an anchor) and a patronymic meets a
   patronymic. Each aligned pair of different words that look like spellings of one name
   (see :func:`_plausible`) is a candidate pair.
3. A pair is kept when at least :data:`MIN_PERSONS` distinct persons give it, one more
   when its words look less alike (Mykola / Nikolai): it is a rule of the languages, not
   one person's quirk; entities that share a name count as one person (one person on
   several lists).
4. Kept pairs are joined into classes (union-find); a class larger than :data:`MAX_CLASS`
   is dropped (a chain of pairs has joined different names).

Only East Slavic persons are read: persons with a Cyrillic-script name, or with a Latin name
holding a Slavic patronymic. The classes are written to ``sanctio/data/name_variants.json``;
:func:`sanctio.text.symbols.symbols_of` gives each word of a class the class's symbol
(``[VAR:n]``), which the scoring and the candidate index treat as rigour's name symbols.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson
from rapidfuzz.distance import Levenshtein

from sanctio.disjoint import DisjointSets
from sanctio.entity import Entity
from sanctio.model import Schema
from sanctio.text.slavic import is_patronymic

MIN_PERSONS = 2  # a pair is kept when this many distinct persons give it
MAX_CLASS = 40  # a class of more words than this has joined different names
MIN_LEN = 3  # words shorter than this are initials or particles
MAX_WORDS = 5

Progress = Callable[[str], None]


# ------------------------------------------------------------------ looks alike

# first letters transliterations of one Slavic name begin with: Olena/Elena/Alena/Yelena,
# Hennadiy/Gennadiy, Uladzimir/Vladimir, Fedir/Fyodor, Ksenia/Xenia, Yuri/Iouri/Jurij
_FIRST = {**dict.fromkeys("aeiouyj", "V"), "h": "G", "g": "G", "w": "W", "v": "W",
          "x": "K", "k": "K", "c": "K", "q": "K", "z": "Z", "s": "Z"}


def _first_close(a: str, b: str) -> bool:
    fa, fb = _FIRST.get(a[0], a[0]), _FIRST.get(b[0], b[0])
    if fa == fb:
        return True
    pair = {a[0], b[0]}
    return pair == {"u", "v"} or pair == {"u", "w"}  # Uladzimir / Vladimir


_FOLD = [("kh", "h"), ("ch", "c"), ("tch", "c"), ("tj", "c"), ("tsch", "c"), ("sh", "s"),
         ("zh", "z"), ("ts", "c"), ("dz", "d"), ("w", "v"), ("x", "ks"), ("g", "h"),
         ("y", ""), ("j", ""), ("u", "v")]


def _consonants(word: str) -> str:
    """A coarse consonant skeleton: where Russian, Ukrainian and Belarusian spellings of one
    name meet (g/h, v/w/u, the y and j of soft vowels dropped)."""
    s = word
    for a, b in _FOLD:
        s = s.replace(a, b)
    out: list[str] = []
    for ch in s:
        if ch in "aeio" or (out and out[-1] == ch):
            continue
        out.append(ch)
    return "".join(out)


def _plausible(a: str, b: str) -> int:
    """How likely two words are spellings of one name: 2 when their first letters are close
    and their consonant skeletons half alike, or their skeletons close; 1 when their
    skeletons are at least half alike (Mykola / Nikolai: a pair kept only when more persons
    give it); 0 otherwise."""
    sim = Levenshtein.normalized_similarity(_consonants(a), _consonants(b))
    if sim >= 0.7 or (sim >= 0.5 and (a[0] == b[0] or _first_close(a, b))):
        return 2
    return 1 if sim >= 0.5 else 0


def _sim(a: str, b: str) -> float:
    if a == b:
        return 1.0
    return Levenshtein.normalized_similarity(_consonants(a), _consonants(b))


# ------------------------------------------------------------------ alignment


def align(a: Sequence[str], b: Sequence[str]) -> list[tuple[str, str]] | None:
    """The word pairs of two names of one person, aligned (the identity or a rotation), or
    None when no alignment is clear."""
    n = len(a)
    if n != len(b) or n < 2:
        return None
    scored = []
    for k in range(n):
        pairs = [(a[i], b[(i + k) % n]) for i in range(n)]
        if any(is_patronymic(x) != is_patronymic(y) for x, y in pairs):
            continue
        sims = [_sim(x, y) for x, y in pairs]
        if max(sims) < 0.85:
            continue  # no anchor: no word is the same (or nearly) in both names
        scored.append((sum(sims), k, pairs))
    if not scored:
        return None
    scored.sort(key=lambda s: -s[0])
    if len(scored) > 1 and scored[0][0] - scored[1][0] < 0.5:
        return None  # two alignments alike: not clear
    return scored[0][2]


# ------------------------------------------------------------------ entities


def _words(text: str) -> tuple[str, ...]:
    from sanctio.text.normalize import Role, analyze

    form = analyze(text, org=False)
    return tuple(t.text for t in form.tokens if t.role == Role.NAME)


def east_slavic(names: Iterable[str]) -> bool:
    from sanctio.evaluate.native import native_script

    names = list(names)
    if any(native_script(n) == "Cyrillic" for n in names):
        return True
    return any(is_patronymic(w.lower()) for n in names for w in n.split())


def entity_pairs(names: Iterable[str]) -> dict[tuple[str, str], int]:
    """The candidate pairs of one person's names (each pair sorted), with how alike their
    words are (see :func:`_plausible`)."""
    forms = sorted({w for w in (_words(n) for n in names)
                    if 2 <= len(w) <= MAX_WORDS and all(len(x) >= MIN_LEN for x in w)})
    out: dict[tuple[str, str], int] = {}
    for i, a in enumerate(forms):
        for b in forms[i + 1:]:
            pairs = align(a, b)
            if pairs is None:
                continue
            for x, y in pairs:
                if x == y or x.isdigit() or y.isdigit():
                    continue
                level = _plausible(x, y)
                if level:
                    out[(x, y) if x < y else (y, x)] = level
    return out


def in_part(key: str, part: str | None, share: float = 0.8, seed: int = 0) -> bool:
    """Whether a person (the key of its group of entities) is in ``part`` (``learn``: about
    ``share`` of them, by a seeded hash of the key; ``heldout``: the others; None: all)."""
    if part is None:
        return True
    h = hashlib.sha256(f"names{seed}:{key}".encode()).digest()
    learn = int.from_bytes(h[:8], "big") / 2.0**64 < share
    return learn if part == "learn" else not learn


@dataclass
class Person:
    key: str  # the smallest entity id of the group
    ids: list[str]
    names: list[str]


def persons(entity_names: Iterable[tuple[str, list[str]]]) -> list[Person]:
    """East Slavic persons, the entities that give one name alike (one person on several
    lists, not merged) taken together: a pair two records of one person give is still one
    person's."""
    sets = DisjointSets()
    names_of: dict[str, list[str]] = {}
    by_form: dict[tuple[str, ...], str] = {}
    for eid, names in entity_names:
        if not east_slavic(names):
            continue
        names_of[eid] = names
        sets.find(eid)
        for n in names:
            form = tuple(sorted(_words(n)))
            if len(form) < 2:
                continue
            sets.union(by_form.setdefault(form, eid), eid)
    groups: dict[str, list[str]] = defaultdict(list)
    for eid in names_of:
        groups[sets.find(eid)].append(eid)
    out = []
    for ids in groups.values():
        ids.sort()
        names = list(dict.fromkeys(n for eid in ids for n in names_of[eid]))
        out.append(Person(ids[0], ids, names))
    out.sort(key=lambda p: p.key)
    return out


@dataclass
class Learned:
    classes: list[list[str]]
    pairs: dict[tuple[str, str], int]  # kept pairs -> how many persons give them
    persons: int  # East Slavic persons read (entities of one person taken together)
    entities: int
    candidate_pairs: int
    dropped_classes: list[list[str]]


def learn(people: Iterable[Person], min_persons: int = MIN_PERSONS,
          max_class: int = MAX_CLASS) -> Learned:
    """Classes of name variants from East Slavic persons."""
    counts: Counter[tuple[str, str]] = Counter()
    levels: dict[tuple[str, str], int] = {}
    n = e = 0
    for p in people:
        n += 1
        e += len(p.ids)
        for pair, level in entity_pairs(p.names).items():
            counts[pair] += 1
            levels[pair] = level
    # a pair of words less alike needs one person more
    kept = {p: c for p, c in counts.items()
            if c >= min_persons + (levels[p] < 2)}
    sets = DisjointSets()
    for x, y in kept:
        sets.union(x, y)
    groups: dict[str, list[str]] = defaultdict(list)
    for w in list(sets.parent):
        groups[sets.find(w)].append(w)
    classes: list[list[str]] = []
    dropped: list[list[str]] = []
    for words in groups.values():
        (classes if len(words) <= max_class else dropped).append(sorted(words))
    classes.sort()
    dropped.sort()
    return Learned(classes, dict(sorted(kept.items())), n, e, len(counts), dropped)


def person_names(entities: Iterable[Entity]) -> Iterable[tuple[str, list[str]]]:
    """(entity id, its distinct names) of every person."""
    for ent in entities:
        if ent.schema != Schema.PERSON:
            continue
        names = list(dict.fromkeys(" ".join(nm.full.split()) for nm, _m in ent.names))
        yield ent.id, [n for n in names if n]


def table_document(learned: Learned, source: dict[str, Any]) -> dict[str, Any]:
    return {
        "about": "Name variants learned from the lists (sanctio evaluate learn-names): each "
                 "class holds spellings of one name (Russian, Ukrainian, Belarusian and "
                 "their transliterations) that at least "
                 f"{MIN_PERSONS} listed persons give side by side ({MIN_PERSONS + 1} where "
                 "the words look less alike).",
        "source": source,
        "persons": learned.persons,
        "entities": learned.entities,
        "candidate_pairs": learned.candidate_pairs,
        "pairs": len(learned.pairs),
        "classes": learned.classes,
    }


def write_table(doc: dict[str, Any], path: Path) -> None:
    """The document as JSON, one class a line."""
    head = {k: v for k, v in doc.items() if k != "classes"}
    text = orjson.dumps(head, option=orjson.OPT_INDENT_2).decode()[:-2]
    classes = ",\n".join("    " + orjson.dumps(c).decode() for c in doc["classes"])
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'{text},\n  "classes": [\n{classes}\n  ]\n}}\n', encoding="utf-8")


def learn_from_registry(registry: Any, part: str | None = None, share: float = 0.8,
                        seed: int = 0, progress: Progress | None = None
                        ) -> tuple[dict[str, Any], dict[str, str]]:
    """The table document learned from a registry's persons (``part``: see
    :func:`in_part`), and every East Slavic person's entity id -> its part (``learn`` or
    ``heldout``), to measure on the held-out ones."""
    versions = registry.active_versions()
    if progress:
        progress("reading the persons of the registry")
    people = persons(person_names(registry.entities()))
    parts = {eid: "learn" if in_part(p.key, "learn", share, seed) else "heldout"
             for p in people for eid in p.ids}
    if progress:
        progress(f"aligning the names of {len(people)} East Slavic persons")
    learned = learn(p for p in people if in_part(p.key, part, share, seed))
    source: dict[str, Any] = {
        "lists": {lid: {"version": v.label, "sha256": v.sha256}
                  for lid, v in sorted(versions.items())},
        "part": part or "all",
    }
    if part is not None:
        source.update(share=share, seed=seed)
    return table_document(learned, source), parts
