"""Korean names written in Chinese characters, read in Korean.

A Korean name has its Chinese characters (hanja): 金正恩 is Kim Jong Un, 崔龍海 Choe Ryong
Hae, 金與正 Kim Yo Jong. Chinese and Japanese texts, and the Chinese pages of reference works
that screening data is drawn from, write Korean people so. ICU reads the characters in
Mandarin (``jin zheng en``), which no list spelling of a Korean name meets. :func:`korean_reading`
gives the name in Hangul with each character's Sino-Korean reading (the ``hanja`` package's
table, Unihan's kHangul readings), which the screener then reads as it reads any Hangul name
(McCune-Reischauer and Revised Romanisation, syllable by syllable).

The table gives each character its reading as a word begins in North Korea (李 리 Ri, 龍 룡
Ryong, 盧 로 Ro): the lists' Korean names are mostly the DPRK's, and the Hangul reading already
meets the southern spelling (Ri against Lee or Yi). A character used as a family name may have
another reading (金 is 금 as gold, 김 as the family name Kim). Simplified characters (崔龙海)
are first written in their traditional form (ICU's Simplified-Traditional), which the table
reads better (荣, 榮: 영).

A Korean reading stands only for a list name spelled as Korean: the screener keeps a match
of it when the list name has a syllable that only Korean romanisation writes
(:func:`spelled_in_korean`: Jong, Chol, Pyong; not a pinyin name), with as many syllables as
the reading (a two-character Chinese name is no three-syllable Korean one).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, cast

from sanctio.text.cantonese import HAN_CHAR
from sanctio.text.normalize import korean_only, romanised_words
from sanctio.text.symbols import cached_json

# family names whose reading as a family name differs from the table's (金: 금 gold, 김 Kim)
_FAMILY_READINGS = {"金": "김"}
# a name of Chinese characters only (a family name of one character and a given name of two;
# or a family name of two, 南宮, 諸葛), spaces and a middle dot allowed
_NAME = re.compile("^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff \u00b7\u30fb]{2,6}$")


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    """The Sino-Korean reading (one Hangul syllable) of each Chinese character: the
    ``hanja`` package's table, read once per version of it into a small file of the cache
    folder (its YAML takes 0.2 s to read; the file, milliseconds)."""
    from importlib.metadata import version

    def build() -> dict[str, str]:
        from hanja.table import hanja_table

        return {k: v for k, v in hanja_table.items() if len(k) == 1 and len(v) == 1}

    return cast(dict[str, str], cached_json(
        f"korean-readings-hanja-{version('hanja')}.json", build))


def sino_korean_syllables() -> frozenset[str]:
    """Every Hangul syllable the table reads a Chinese character as (the syllables Korean
    given names are made of)."""
    return frozenset(_table().values())


@lru_cache(maxsize=1)
def _traditional() -> Any:
    import icu

    return icu.Transliterator.createInstance("Simplified-Traditional")


@lru_cache(maxsize=10_000)
def korean_reading(text: str) -> str | None:
    """A name of three or four Chinese characters in Hangul, read in Korean (``김정은`` for
    金正恩, ``최룡해`` for 崔龙海); None for any other text, or a character the table lacks.
    Not a name of two: most Chinese names have two characters and few Korean ones, and a
    two-syllable name is too short to tell one from the other (金成 Jin Cheng is no KIM Song)."""
    text = text.strip()
    if not _NAME.match(text):
        return None
    chars = HAN_CHAR.findall(text)
    if not 3 <= len(chars) <= 4:
        return None
    table = _table()
    traditional = _traditional().transliterate("".join(chars))
    out = []
    for i, (char, trad) in enumerate(zip(chars, traditional, strict=False)):
        if i == 0 and (char in _FAMILY_READINGS or trad in _FAMILY_READINGS):
            out.append(_FAMILY_READINGS.get(char) or _FAMILY_READINGS[trad])
            continue
        syllable = table.get(trad) or table.get(char)
        if syllable is None:
            return None
        out.append(syllable)
    return "".join(out) if len(out) == len(chars) else None


def spelled_in_korean(reading: str, name: str) -> bool:
    """Whether a list name is spelled as the Korean name a reading gives: a word for each
    syllable (the syllables written apart or joined by a hyphen: KIM Jong Un, Yong-Chol KIM,
    Ch'oe Ryong-hae), one of them a syllable only Korean romanisation writes (jong, ryong).
    So a Korean reading is evidence for a Korean list name of the same length only: not for
    a pinyin name (Jin Zhengen), nor for a longer Korean one (李明, 리명, is no RI Myong Su)."""
    words = romanised_words(name)
    return len(words) == len(reading) and any(korean_only(w) for w in words)
