"""Words of organisation names translated from Cyrillic into English, as the lists translate
them.

The EU and UK lists give a Russian, Ukrainian, Belarusian or Bulgarian company or agency under
its own name and under an English one: ``Государственная транспортная лизинговая компания``
is ``STATE TRANSPORT LEASING COMPANY``; ``Научно-исследовательский институт`` is a ``Research
Institute``. Transliterated (gosudarstvennaya transportnaya lizingovaya kompaniya), such a name
meets its English one in no word. ``sanctio evaluate learn-org-words``
(:mod:`sanctio.evaluate.learn_org_words`) reads off the lists which word stem stands for which
English word, and ships the table as ``data/org_words.json``; :func:`translated_reading` gives
a Cyrillic organisation name with the words the table knows in English, which the screener
scores beside the transliterated name (each party keeps its better match).

The stem of a word is the word lower-cased without its inflection (:func:`cyrillic_stem`: one
or two endings of Russian, Ukrainian, Belarusian or Bulgarian taken off: ``завода``,
``заводът`` and ``завод`` are ``завод``).
"""

from __future__ import annotations

import json
import re
import threading
from functools import lru_cache

# endings of Russian, Ukrainian, Belarusian and Bulgarian nouns and adjectives (case,
# number, gender) and the Bulgarian article, longest first
_ENDINGS = tuple(sorted(set("""
ого его ому ему ыми ими ами ями ых их ый ий ой ая яя ое ее ые ие ую юю ом ем ам ям ах ях ов ев
ей ия ию ии ът ят та то те ите ата ото ета ята іх ім ій ої ою ая а я у ю е ы и о ь й і ї є ў
""".split()), key=len, reverse=True))
_MIN_STEM = 3
CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+")


@lru_cache(maxsize=50_000)
def cyrillic_stem(word: str) -> str:
    """A Cyrillic word lower-cased without its endings (two at most, a stem of three letters
    at least): ``компанията`` and ``компания`` are ``компан``."""
    stem = word.lower().replace("ё", "е")
    for _ in range(2):
        for end in _ENDINGS:
            if stem.endswith(end) and len(stem) - len(end) >= _MIN_STEM:
                stem = stem[: -len(end)]
                break
        else:
            break
    return stem


_TABLE: dict[str, str] = {}
_LOCK = threading.Lock()


def table() -> dict[str, str]:
    """Stem -> English word, as shipped (``data/org_words.json``); read once."""
    if _TABLE:
        return _TABLE
    with _LOCK:
        if not _TABLE:
            from importlib.resources import files

            try:
                doc = json.loads(files("sanctio").joinpath("data", "org_words.json")
                                 .read_text("utf-8"))
                words = {str(k): str(v["english"]) for k, v in doc["words"].items()}
            except (OSError, ValueError, KeyError, TypeError):
                words = {}
            _TABLE.update(words or {"": ""})  # (not empty: read once)
    return _TABLE


def _legal_spans(text: str) -> list[tuple[int, int]]:
    """Where the legal forms rigour knows stand in a name (their words stay as they are)."""
    from rigour.names.org_types import Cleanup, Normalize, extract_org_types

    folded = text.casefold()
    spans = []
    for matched, _ in extract_org_types(folded, Normalize.CASEFOLD, Cleanup.Noop, True):
        start = folded.find(matched)
        if start >= 0:
            spans.append((start, start + len(matched)))
    return spans


def name_words(text: str) -> list[str]:
    """The Cyrillic words of a name outside its legal forms."""
    spans = _legal_spans(text) if len(text) == len(text.casefold()) else []
    return [m.group(0) for m in CYRILLIC_WORD.finditer(text)
            if len(cyrillic_stem(m.group(0))) >= _MIN_STEM
            and not any(a <= m.start() < b for a, b in spans)]


def translated_reading(text: str) -> tuple[str, list[tuple[str, str]]] | None:
    """The name with each Cyrillic word the table knows in English (``Государственная
    транспортная лизинговая компания``: ``state transport leasing company``) and the words
    translated; None when no word is (or the name has no Cyrillic word)."""
    if not CYRILLIC_WORD.search(text):
        return None
    words = table()
    done: list[tuple[str, str]] = []
    keep = set(name_words(text))

    def swap(m: re.Match[str]) -> str:
        english = words.get(cyrillic_stem(m.group(0))) if m.group(0) in keep else None
        if not english:
            return m.group(0)
        done.append((m.group(0), english))
        return english

    out = CYRILLIC_WORD.sub(swap, text)
    return (out, done) if done else None
