"""Japanese names written in kanji, read as the lists spell them.

篠田建市 is the OFAC list's SHINODA, Kenichi; 高山清司 TAKAYAMA, Kiyoshi; 野村悟 NOMURA,
Satoru. Japanese and Chinese texts write them so, and ICU reads the characters in Mandarin
(xiao tian jian shi), which meets no list spelling. A Japanese name's reading is not its
characters' one by one: 清司 is Kiyoshi, Kiyoji or Seiji, 悟 Satoru or Satoshi. The readings
Japanese family and given names take come from the EDRDG's name dictionary (ENAMDICT), kept
for the words the lists' names have (:mod:`sanctio.evaluate.learn_japanese`,
``data/japanese_names.json``); a name it lacks is read from its characters' readings
(KANJIDIC's, for the characters of names), with the voiced first sound a character may take
inside a name (rendaku: 田 ta, 篠田 Shinoda).

A name of three to six characters is parted into a family name of two or three characters
and a given name of one to three (where a space parts it, there), each read in every way the
lists' vocabulary has a word for (a word of two letters or more: a single letter would meet
any name as its initial). A family name of one character is left to the Chinese and Korean
readings: most Chinese and Korean family names have one (李超 is Li Chao), most Japanese ones
two (篠田, 高山, 野村); the readings are ranked by how many list names have their
words. A Japanese reading stands only for a list name spelled as Japanese
(:func:`spelled_in_japanese`): two words, each of the syllables Japanese romanisation writes
(SHINODA Kenichi; not KIM Song Chol, nor the pinyin ZHANG Wei).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from functools import lru_cache
from itertools import islice, product
from typing import Any

from sanctio.text.normalize import romanised_words
from sanctio.text.shipped import shipped_doc

# a name of Chinese characters only (the iteration mark 々 too), a space or a middle dot
# allowed between its parts
_NAME = re.compile("^[\u4e00-\u9fff\u3005\uf900-\ufaff]+(?:[ \u3000\u00b7\u30fb]"
                   "[\u4e00-\u9fff\u3005\uf900-\ufaff]+)?$")
# the older or variant forms names are written with, as the dictionary writes them
_VARIANTS = str.maketrans({"髙": "高", "﨑": "崎", "濵": "浜", "邉": "辺", "邊": "辺",
                           "德": "徳", "𠮷": "吉"})
# a character's first sound voiced inside a name (rendaku)
_VOICED = (("sh", "j"), ("ch", "j"), ("ts", "z"), ("k", "g"), ("s", "z"), ("t", "d"),
           ("h", "b"), ("f", "b"))
# a word of the syllables Japanese romanisation writes (Hepburn, and the Kunrei and older
# spellings the lists meet: si, ti, tu, hu; a long vowel with an h)
_JAPANESE_WORD = re.compile(
    r"^(?:(?:[kgsztdnhbpmr]y?|sh|ch|ts|j|f|w|y)?[aiueo]h?|n(?![aiueoy]))+$")
MAX_READINGS = 4
MAX_PART = 3


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, list[str]]]:
    """Family names, given names and characters -> their readings, as shipped."""
    doc: Any = shipped_doc("japanese_names.json") or {}

    def part(key: str) -> dict[str, list[str]]:
        try:
            return {str(k): [str(w) for w in v] for k, v in doc.get(key, {}).items()}
        except (AttributeError, TypeError):
            return {}

    return part("family"), part("given"), part("chars")


def _voiced(reading: str) -> list[str]:
    """A character's reading and its voiced form inside a name (ta, da; shima, jima)."""
    for plain, voiced in _VOICED:
        if reading.startswith(plain):
            return [reading, voiced + reading[len(plain):]]
    return [reading]


def _from_chars(part: str, known: Callable[[str], bool]) -> list[str]:
    """A name the dictionary lacks, read from its characters (at most three), each in any of
    its readings, the second and third voiced or not: the words ``known`` has (不美夫:
    fu-mi-o, Fumio)."""
    chars = _tables()[2]
    options: list[list[str]] = []
    for i, c in enumerate(part):
        readings = chars.get(c)
        if not readings:
            return []
        options.append([v for r in readings for v in (_voiced(r) if i else [r])])
    out: list[str] = []
    for combo in islice(product(*options), 20_000):
        word = "".join(combo)
        for spelled in (word, re.sub("ou|oo", "o", word).replace("uu", "u")):
            if len(spelled) >= 2 and spelled not in out and known(spelled):
                out.append(spelled)
    return out


def _readings_of(part: str, table: Mapping[str, list[str]],
                 known: Callable[[str], bool]) -> tuple[list[str], bool]:
    """The words a family or given name is read as that ``known`` has: the dictionary's, or
    else (a name of two or three characters) its characters'; and whether they are the
    characters'."""
    listed = [w for w in table.get(part, ()) if len(w) >= 2 and known(w)]
    if listed or not 2 <= len(part) <= MAX_PART:
        return listed, False
    return _from_chars(part, known), True


def japanese_readings(text: str, known: Callable[[str], bool],
                      df: Mapping[str, int]) -> list[tuple[str, str, str]]:
    """The readings of a name in kanji as a Japanese family name and given name: (``family
    given``, family name in kanji, given name in kanji), the likeliest first (the words more
    list names have), at most :data:`MAX_READINGS`; [] for any other text, or a name with
    no reading both of whose words ``known`` (the lists' vocabulary) has."""
    text = unicodedata.normalize("NFKC", text).strip()
    if not 3 <= len(text) <= 7 or not _NAME.match(text):
        return []
    text = text.translate(_VARIANTS)
    apart = re.split("[ \u3000\u00b7\u30fb]", text)
    if len(apart) == 2:
        parts = [(apart[0], apart[1])]
    else:
        parts = [(text[:i], text[i:]) for i in range(2, min(MAX_PART, len(text) - 1) + 1)
                 if len(text) - i <= MAX_PART]
    family_table, given_table, _ = _tables()
    ranked: list[tuple[int, int, str, str, str]] = []
    for family, given in parts:
        if len(family) < 2:
            continue  # (a family name of one character is a Chinese name's: 李超 is Li Chao)
        family_words, family_composed = _readings_of(family, family_table, known)
        if not family_words:
            continue
        given_words, given_composed = _readings_of(given, given_table, known)
        # (the dictionary's readings before those read character by character)
        composed = family_composed + given_composed
        for f in family_words:
            for g in given_words:
                ranked.append((composed, -(df.get(f, 0) + df.get(g, 0)), f"{f} {g}", family,
                               given))
    out: list[tuple[str, str, str]] = []
    for _, _, reading, family, given in sorted(ranked):
        if all(reading != r for r, _, _ in out):
            out.append((reading, family, given))
    return out[:MAX_READINGS]


def japanese_word(word: str) -> bool:
    """A word of the syllables Japanese romanisation writes (shinoda, kenichi; not kim,
    zhang, chol)."""
    return bool(_JAPANESE_WORD.match(word))


def spelled_in_japanese(name: str) -> bool:
    """Whether a list name is spelled as a Japanese name: two words, each of the syllables
    Japanese romanisation writes (SHINODA, Kenichi; not KIM Song Chol, ZHANG Wei, LI Ming)."""
    words = romanised_words(name)
    return len(words) == 2 and all(japanese_word(w) for w in words)
