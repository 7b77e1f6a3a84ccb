"""Chinese names read in Cantonese, as Hong Kong writes them.

ICU reads Chinese characters in Mandarin (pinyin): 林鄭月娥 is ``lin zheng yue e``. The
lists give people of Hong Kong (and Macau, and the Chinese of South-East Asia) under the
spelling of their Cantonese name, the Hong Kong Government romanisation: ``LAM CHENG,
Yuet-ngor``; 鄧炳強 is ``TANG, Ping-keung``, 曾國衞 ``TSANG, Kwok-wai``. :func:`cantonese_reading`
gives that spelling, which the screener scores beside the Mandarin one (each party keeps its
better match).

The Cantonese readings of each character come from ToJyutping (CanCLID, over the
rime-cantonese dictionary; kept per character in the cache folder) in Jyutping, the Linguistic
Society of Hong Kong's romanisation;
it is then written as the Hong Kong Government writes names (b d g z c j as p t k ch ch y;
aa as a, oe as eu, eoi as ui, yu as u). A name takes the reading that names use: the family
name's reading as a family name (曾 Tsang, not cang, "once"), a given name's literary
reading (平 ping, not the colloquial peng). Open syllables that Hong Kong spells long (Wah,
Ngor) meet their short form in the syllable key (:func:`sanctio.text.normalize.syllable_key`).

A Cantonese reading only stands for a name the lists spell in Cantonese: the screener keeps
a match of it when every syllable is written as Hong Kong writes it
(:func:`spelled_in_cantonese`); a Mandarin spelling that merely shares its sound class
(趙 Chiu against 邱 Qiu) is no evidence.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container
from functools import lru_cache
from typing import cast

from sanctio.text.symbols import cached_json

# family names whose reading as a family name is not the character's most frequent one
_FAMILY_READINGS = {
    "曾": "zang1", "單": "sin6", "单": "sin6", "區": "au1", "区": "au1", "華": "waa6",
    "华": "waa6", "查": "caa4", "解": "gaai2", "仇": "kau4", "盛": "sing6", "樂": "lok6",
    "乐": "lok6", "繆": "miu6", "缪": "miu6", "覃": "taam4", "万": "maan6", "萬": "maan6",
    "藍": "laam4", "蓝": "laam4", "長": "coeng4", "长": "coeng4", "尉": "wai3",
}
_JYUTPING = re.compile(r"^(gw|kw|ng|[bpmfdtnlgkhwzcsj])?([a-z]+?)([1-6])?$")
_INITIALS = {"b": "p", "d": "t", "g": "k", "gw": "kw", "z": "ch", "c": "ch", "j": "y"}
_FINALS = {
    "aa": "a", "aai": "ai", "aau": "au", "aam": "am", "aan": "an", "aang": "ang", "aap": "ap",
    "aat": "at", "aak": "ak", "ou": "o", "oe": "eu", "oeng": "eung", "oek": "euk",
    "eoi": "ui", "eon": "un", "eot": "ut", "yu": "u", "yun": "uen", "yut": "uet",
}
# a Chinese character (CJK unified ideographs, extension A, compatibility ideographs)
HAN_CHAR = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


# the CJK ideographs (unified, extension A, compatibility) whose readings are kept
_CJK_RANGES = ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))


def _build_readings() -> dict[str, list[str]]:
    import ToJyutping  # (its dictionary takes 0.6 s and 70 MB to load: read once, kept small)

    out: dict[str, list[str]] = {}
    for lo, hi in _CJK_RANGES:
        for cp in range(lo, hi):
            for char, readings in ToJyutping.get_jyutping_candidates(chr(cp)):
                if readings:
                    out[char] = list(readings)
    return out


@lru_cache(maxsize=1)
def _readings() -> dict[str, list[str]]:
    """The Cantonese readings of each Chinese character, most frequent first: ToJyutping's,
    read once per version of it into a small file of the cache folder (a second of work;
    then milliseconds)."""
    from importlib.metadata import version

    return cast(dict[str, list[str]], cached_json(
        f"cantonese-readings-tojyutping-{version('ToJyutping')}.json", _build_readings))


def hong_kong_spelling(jyutping: str) -> str:
    """One Jyutping syllable (tone number optional) as the Hong Kong Government romanisation
    writes it: ``zeng6`` Cheng, ``jyut6`` Yuet, ``koeng4`` Keung, ``gwok3`` Kwok."""
    m = _JYUTPING.match(jyutping)
    if m is None:
        return jyutping
    initial, final = m.group(1) or "", m.group(2)
    if final in ("m", "ng") and not initial:
        return final  # 吳 Ng, 唔 M
    if initial in ("z", "c") and final == "i":
        return "chi"  # 之 Chi, 志 Chi
    if initial == "s" and final == "i":
        return "sze"  # 施 Sze, 思 Sze
    if initial == "l" and final == "ei":
        return "lee"  # 李, 利, 理: Lee
    return _INITIALS.get(initial, initial) + _FINALS.get(final, final)


def _pick(char: str, readings: list[str], family: bool) -> str:
    if family and char in _FAMILY_READINGS:
        return _FAMILY_READINGS[char]
    first = readings[0]
    if not family and "eng" in first:
        # a given name takes the literary reading (平 peng / ping: ping)
        literary = first.replace("eng", "ing")[:-1]
        for r in readings[1:]:
            if r[:-1] == literary:
                return r
    return first


@lru_cache(maxsize=10_000)
def cantonese_reading(text: str) -> str | None:
    """The name in Hong Kong's spelling of its Cantonese reading (``Lam Cheng Yuet Ngo`` for
    林鄭月娥), each character a word; None for a text without Chinese characters, or one
    with letters of another kind (Latin, kana, Hangul)."""
    if text.isascii() or not HAN_CHAR.search(text) or any(
            c.isalpha() and not HAN_CHAR.match(c) for c in text):
        # (Latin letters: a Chinese name given with its spelling is read as spelled; kana or
        # Hangul: a Japanese or Korean name, さゆり あすか 森 is no Sam)
        return None
    table = _readings()
    chars = [(c, table[c]) for c in text if c in table]
    # four characters are two family names (a married woman's, 林鄭: Lam Cheng; or one of
    # two characters, 歐陽: Au Yeung) and a given name of two
    family = 2 if len(chars) == 4 else 1
    words = [hong_kong_spelling(_pick(c, r, family=i < family)).capitalize()
             for i, (c, r) in enumerate(chars)]
    return " ".join(words) if words else None


def hk_key(word: str) -> str:
    """A syllable as Hong Kong spells it, with the spellings of one sound made one: ts and
    ch (Tsang, Chang), a long open syllable (Wah, Ngor), ee for ei (Lee)."""
    word = re.sub("^ts", "ch", word)
    word = re.sub("(?<=[aeiou])h$", "", word)
    word = re.sub("(?<=o)r$", "", word)
    return word.replace("ee", "ei")


def spelled_in_cantonese(reading: str, name: str) -> bool:
    """Whether each syllable of a Cantonese reading is in a Latin name as Hong Kong spells
    it, alone or written together with the next (Yuet-ngor, Yuetngor): LAM CHENG, Yuet-ngor
    for Lam Cheng Yuet Ngo; not Dong Qiu for Chiu Tung."""
    words = [hk_key(w) for w in re.findall("[a-z]+", reading.lower())]
    if not name.isascii() or not words:
        return False
    keys = {hk_key(w) for w in re.findall("[a-z]+", name.lower())}
    return _each_syllable(words, lambda w: w in keys, lambda a, b: hk_key(a + b) in keys)


def _each_syllable(words: list[str], alone: Callable[[str], bool],
                   together: Callable[[str, str], bool]) -> bool:
    """Whether each word is found alone, or written together with the next one."""
    i = 0
    while i < len(words):
        if alone(words[i]):
            i += 1
        elif i + 1 < len(words) and together(words[i], words[i + 1]):
            i += 2
        else:
            return False
    return True


def _list_spellings(word: str) -> tuple[str, ...]:
    """How a list may write a syllable of a Cantonese reading (lower case): as read, with ts
    for ch (Tsang), long (Wah, Ngor), ee for ei (Kee)."""
    out = [word]
    if word.startswith("ch"):
        out.append("ts" + word[2:])
    if word[-1:] in "aeiou":
        out.append(word + "h")
    if word.endswith("o"):
        out.append(word + "r")
    if "ei" in word:
        out.append(word.replace("ei", "ee"))
    return tuple(out)


def may_be_listed(reading: str, vocabulary: Container[str]) -> bool:
    """Whether a list could spell each syllable of a reading so (alone, or written together
    with the next one), a word of ``vocabulary`` (the lists' tokens): when not, no list name
    passes :func:`spelled_in_cantonese` and the reading need not be screened."""
    return _each_syllable(
        reading.lower().split(),
        lambda w: any(s in vocabulary for s in _list_spellings(w)),
        lambda a, b: any(x + y in vocabulary for x in _list_spellings(a)
                         for y in _list_spellings(b)))
