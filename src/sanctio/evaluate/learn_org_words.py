"""``sanctio evaluate learn-org-words``: the English words of Cyrillic and Greek organisation
names, learned from the lists themselves.

The EU and UK lists give an organisation under its Russian, Ukrainian, Belarusian, Bulgarian
or Greek name and under an English one (see :mod:`sanctio.text.orgwords`). Which Cyrillic or
Greek word stands for which English word is read off those pairs, by co-occurrence over
organisations:

1. Every organisation of the train split (:func:`sanctio.evaluate.split.split_of`, the
   split of ``evaluate make-pairs``: the held-out organisations teach nothing) with a Cyrillic
   or Greek name and an English one gives the set of stems of those words
   (:func:`~sanctio.text.orgwords.native_stem`) and the set of words of its English names
   (the names in English or in no stated language, in Latin letters).
   Words of a legal form rigour knows (Общество с ограниченной ответственностью) are left
   out: the legal form is compared as such.
2. A stem and a word are counted together once per organisation, giving their Dice
   coefficient (2 x together / (stem count + word count)).
3. In each organisation its stems and words are then linked one to one (competitive
   linking): the pair of highest Dice first, a pair whose transliteration looks like the
   English word (Ирак, Iraq; Левант, Levant) before any other, so that a word is not taken by
   a stem it merely stands beside (научно-исследовательский институт: research institute).
4. The English word of a stem is the one it is linked to most, kept when at least
   :data:`MIN_ORGS` organisations link the two, in at least :data:`MIN_SHARE` of the
   organisations with the stem, with Dice at least :data:`MIN_DICE`: a rule of the two
   languages, not one organisation's quirk.

Measured on the held-out organisations with ``sanctio evaluate native`` (its ``per_split``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import orjson
from rapidfuzz.fuzz import ratio

from sanctio.entity import Entity
from sanctio.evaluate.split import PAIRS_HELDOUT, PAIRS_SEED, split_of
from sanctio.model import Schema
from sanctio.text.normalize import to_latin
from sanctio.text.orgwords import NATIVE_WORD, is_greek, name_words, native_stem

MIN_ORGS = 3  # organisations that give a stem and its English word together
MIN_SHARE = 0.4  # of the organisations with the stem, the share that give the word
MIN_DICE = 0.3
SPLIT_SEED = PAIRS_SEED  # the split of ``evaluate make-pairs`` (its default seed and share)
SPLIT_HELDOUT = PAIRS_HELDOUT

Progress = Callable[[str], None]

_ENGLISH_WORD = re.compile(r"[a-z]{3,}")
_STOP = frozenset("the and for named after with from into".split())


def _english(name: str) -> set[str]:
    return {w for w in _ENGLISH_WORD.findall(name.lower()) if w not in _STOP}


def parallel_names(entities: Iterable[Entity], split: str | None = "train",
                   seed: int = SPLIT_SEED, heldout: float = SPLIT_HELDOUT
                   ) -> Iterable[tuple[set[str], set[str]]]:
    """(stems, English words) of each organisation that has a Cyrillic or Greek name and an
    English one, in ``split`` (``train``, ``heldout`` or None for all): one pair for each of
    the two scripts it is written in, so that its Greek and its Bulgarian words are linked
    to the English ones each on their own."""
    for e in entities:
        if e.schema == Schema.PERSON:
            continue
        if split is not None and split_of(e.id, seed, heldout) != split:
            continue
        stems: dict[bool, set[str]] = {}
        english: set[str] = set()
        for n, _ in e.names:
            if NATIVE_WORD.search(n.full):
                for w in name_words(n.full):
                    stems.setdefault(is_greek(w), set()).add(native_stem(w))
            elif n.lang in (None, "en") and n.full.isascii():
                english |= _english(n.full)
        if english:
            for script in sorted(stems):
                yield stems[script], english



def _looks_alike(stem: str, word: str) -> bool:
    """The stem's transliteration is the English word's beginning, or nearly (Ирак: Iraq)."""
    latin = to_latin(stem)
    return len(latin) >= 3 and ratio(latin, word[:len(latin) + 1]) >= 75


def learn(pairs: Iterable[tuple[set[str], set[str]]], min_orgs: int = MIN_ORGS,
          min_share: float = MIN_SHARE, min_dice: float = MIN_DICE) -> dict[str, Any]:
    """The table document: stem -> its English word with the counts that chose it."""
    orgs = list(pairs)
    n_stem: Counter[str] = Counter()
    n_word: Counter[str] = Counter()
    together: Counter[tuple[str, str]] = Counter()
    for stems, words in orgs:
        n_stem.update(stems)
        n_word.update(words)
        together.update((s, w) for s in stems for w in words)

    def dice(s: str, w: str) -> float:
        return 2 * together[(s, w)] / (n_stem[s] + n_word[w])

    links: Counter[tuple[str, str]] = Counter()
    for stems, words in orgs:
        ranked = sorted(((_looks_alike(s, w), dice(s, w), s, w) for s in stems for w in words),
                        reverse=True)
        used_s: set[str] = set()
        used_w: set[str] = set()
        for _, _, s, w in ranked:
            if s not in used_s and w not in used_w:
                used_s.add(s)
                used_w.add(w)
                links[(s, w)] += 1
    best: dict[str, tuple[int, float, str]] = {}
    for (s, w), k in links.items():
        d = dice(s, w)
        if k < min_orgs or k < min_share * n_stem[s] or d < min_dice:
            continue
        if s not in best or (k, d, w) > best[s]:
            best[s] = (k, d, w)
    table: dict[str, dict[str, Any]] = {
        s: {"english": w, "linked": k, "stem_orgs": n_stem[s], "dice": round(d, 3)}
        for s, (k, d, w) in sorted(best.items())}
    return {"organisations": len(orgs), "words": table}  # (an organisation a script)


def learn_from_registry(registry: Any, split: str | None = "train",
                        progress: Progress | None = None) -> dict[str, Any]:
    """The table document learned from a registry's organisations of ``split``."""
    if progress:
        progress(f"reading the organisations of the registry ({split or 'all'})")
    doc = learn(parallel_names(registry.entities(), split))
    versions = registry.active_versions()
    return {
        "about": "English words of Cyrillic and Greek organisation names learned from the "
                 "lists (sanctio evaluate learn-org-words): word stem -> the English word "
                 f"at least {MIN_ORGS} organisations give with it.",
        "source": {"lists": {lid: {"version": v.label, "sha256": v.sha256}
                             for lid, v in sorted(versions.items())},
                   "split": split or "all", "seed": SPLIT_SEED, "heldout": SPLIT_HELDOUT},
        **doc,
    }


def write_table(doc: dict[str, Any], path: Path, sections: tuple[str, ...] = ("words",)
                ) -> None:
    """The document as JSON, one entry a line in each of its tables ``sections`` (the
    words; the family names, given names and characters of ``learn-japanese-names``)."""
    head = {k: v for k, v in doc.items() if k not in sections}
    parts = [orjson.dumps(head, option=orjson.OPT_INDENT_2).decode()[:-2]]
    for key in sections:
        body = ",\n".join(f"    {orjson.dumps(k).decode()}: {orjson.dumps(v).decode()}"
                          for k, v in doc[key].items())
        parts.append(f'  "{key}": {{\n{body}\n  }}')
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(",\n".join(parts) + "\n}\n", encoding="utf-8")
