"""Foreign names written in katakana, read back to the Latin spellings they transcribe.

Japanese writes a foreign name in katakana, one mora at a time: a consonant always takes a
vowel (Putin is プーチン, pu-u-chi-n; Vladimir ウラジーミル, u-ra-ji-i-mi-ru), l and r are one
letter (ラ), v is ヴ or written as b or w (ラブロフ, Lavrov; ワレリー, Valery), a doubled
consonant is a small ッ and a long vowel ー. ICU's Katakana-Latin transform gives the Hepburn
spelling of the kana (urajimiru, puchin), which no list writes. A katakana word is read here
as the Latin spellings it may stand for: each mora as the consonants a foreign name has there
(ラ r or l; ジ j, zh, d or g; チ ch or t; フ f, h or v; ブ b or v), its vowel optional where
Japanese adds one to end a syllable (ル of Vladimir, ク of Vekselberg, リ of Kovalchuk), ン n
or ng (アウン, Aung), ー and ッ as nothing or the letter they lengthen. The pattern
(:func:`katakana_reading`) decides whether a Latin list word is the name; the consonant
keys (:func:`katakana_keys`, in the alphabet of :func:`sanctio.text.abjad.latin_keys`) find
the list words to try. Japanese names written in katakana (タナカ) read as Hepburn spells
them as well.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from itertools import islice, product

KATAKANA_WORD = re.compile("[\u30a1-\u30fa\u30fc]{2,}")
_SMALL = "ァィゥェォャュョヮ"
_SMALL_VOWEL = {"ァ": "a", "ィ": "i", "ゥ": "u", "ェ": "e", "ォ": "o", "ャ": "a", "ュ": "u",
                "ョ": "o", "ヮ": "a"}

# consonant classes: the Latin spellings (a pattern) and the consonant keys (latin_keys, which
# writes v as f: a vowel in some spellings, Lavrov, Lavroff)
_C: dict[str, tuple[str, tuple[str, ...]]] = {
    "": ("", ("",)),
    "k": ("(?:kh|kk?|ck|c|q|x)", ("k",)),
    "K": ("(?:kh|kk?|ck|c|q|x|gg?)", ("k", "g")),  # ク: a final g too (Vekselberg)
    "g": ("(?:gh|gg?)", ("g",)),
    "s": ("(?:ss?|c|z)", ("s",)),
    "sh": ("(?:sh|sch|ss?|sj|sz|ch|x)", ("$", "s")),
    "z": ("(?:zz?|ss?|dz)", ("z", "s")),
    "j": ("(?:dzh|dj|dz|j|zh|g|dd?|z)", ("j", "d", "g", "z")),
    "t": ("(?:tt?|th|d)", ("t",)),
    "ch": ("(?:tsch|tch|ch|cz|c|tj|tt?)", ("$", "t")),
    "ts": ("(?:ts|tz|z|c)", ("ts", "z")),
    "d": ("(?:dd?|dh|t)", ("d",)),
    "n": ("nn?", ("n",)),
    "ny": ("(?:nn?|gn)", ("n",)),
    "h": ("(?:kh|h|ch|x|g)", ("h", "x")),
    "f": ("(?:ff?|ph|h|v|w)", ("f", "h")),
    "b": ("(?:bb?|vv?|w)", ("b", "f")),
    "p": ("(?:pp?|ph)", ("p",)),
    "m": ("mm?", ("m",)),
    "y": ("(?:y|j|i|)", ("",)),
    "r": ("(?:rr?|ll?|rh)", ("r", "l")),
    "w": ("(?:w|v|u|ou|)", ("", "f")),
    "v": ("(?:vv?|w|b)", ("f", "b")),
}
_V = {"a": "(?:a|aa|ah)", "i": "(?:i|y|ee|ie|iy|ij|j|e)", "u": "(?:u|oo|ou)",
      "e": "(?:e|ye|ie|ai|ay|ei|a)", "o": "(?:o|ou|oh|oa|a)"}
_ROWS = {
    "": "アイウエオ", "k": "カキクケコ", "g": "ガギグゲゴ", "s": "サシスセソ", "z": "ザジズゼゾ",
    "t": "タチツテト", "d": "ダヂヅデド", "n": "ナニヌネノ", "h": "ハヒフヘホ", "b": "バビブベボ",
    "p": "パピプペポ", "m": "マミムメモ", "r": "ラリルレロ",
}
_KANA: dict[str, tuple[str, str]] = {}  # kana -> (consonant class, vowel)
for _cons, _row in _ROWS.items():
    for _kana, _vowel in zip(_row, "aiueo", strict=True):
        _KANA[_kana] = (_cons, _vowel)
_KANA.update({"シ": ("sh", "i"), "ジ": ("j", "i"), "ヂ": ("j", "i"), "チ": ("ch", "i"),
              "ツ": ("ts", "u"), "ヅ": ("z", "u"), "フ": ("f", "u"), "ニ": ("ny", "i"),
              "ク": ("K", "u"), "ヤ": ("y", "a"), "ユ": ("y", "u"), "ヨ": ("y", "o"),
              "ワ": ("w", "a"), "ヲ": ("w", "o"), "ヴ": ("v", "u"), "ウ": ("w", "u")})
# a consonant's vowel Japanese adds to end a syllable (u, o after t and d, i after the
# consonants that soften before it: Vekselberg, Kovalchuk, Abramovich) may be left out
_OPTIONAL = frozenset("iuo")


def is_katakana(word: str | None) -> bool:
    """Whether a word is written in katakana (two letters or more)."""
    return word is not None and KATAKANA_WORD.fullmatch(word) is not None


def _morae(word: str) -> list[tuple[str, str] | str]:
    """The word's morae as (consonant class, vowel), or the marks ン, ッ, ー as they are."""
    out: list[tuple[str, str] | str] = []
    for ch in word:
        if ch in "ンッー":
            out.append(ch)
        elif ch in _SMALL and out and isinstance(out[-1], tuple):
            cons, vowel = out[-1]
            small = _SMALL_VOWEL[ch]
            if ch in "ャュョ":
                # (キャ kya; シャ sha, チャ cha, ジャ ja: the glide is in the consonant)
                out[-1] = (cons if cons in ("sh", "ch", "j") else cons + "+y", small)
            elif cons == "w" and vowel == "u":
                out[-1] = ("w", small)  # ウィ wi, ウェ we, ウォ wo
            elif cons in ("t", "d") and ch == "ゥ":
                out[-1] = (cons, "u")  # トゥ tu, ドゥ du
            else:
                out[-1] = (cons, small)  # ファ fa, ティ ti, ヴァ va, シェ she, イェ ye
        elif ch in _SMALL:
            out.append(("", _SMALL_VOWEL[ch]))
        elif ch in _KANA:
            out.append(_KANA[ch])
    return out


@lru_cache(maxsize=20_000)
def katakana_reading(word: str) -> re.Pattern[str] | None:
    """A pattern of the Latin spellings a foreign name written in katakana may have (None
    for a word not in katakana)."""
    if not is_katakana(word):
        return None
    parts: list[str] = []
    last = ""  # the vowel of the mora before
    for m in _morae(word):
        if m == "ン":
            parts.append("(?:ng|nn?|m)")
        elif m == "ッ":
            parts.append("[bcdfgkpstz]?")
        elif m == "ー":
            # the vowel before, long: written twice, with h, y or r after it, or once
            parts.append("(?:" + _V[last] + "|[hyr])?" if last else "")
        elif m == ("w", "u"):
            # ウ: a vowel, or the v of a foreign name before a consonant (ウラジーミル,
            # Vladimir); never nothing at all
            parts.append("(?:vu?|wu?|u|ou|oo)")
            last = "u"
        elif isinstance(m, tuple):
            cons, vowel = m
            last = vowel
            glide = cons.endswith("+y")
            pattern = _C[cons.removesuffix("+y")][0]
            v = _V[vowel]
            if glide:
                v = "(?:y|i)?" + v
            if cons and cons not in ("w", "y") and vowel in _OPTIONAL and not glide:
                # (ヨ, ヲ: their consonant may be nothing, their vowel is the mora)
                v += "?"
            parts.append(pattern + v)
    return re.compile("".join(parts)) if parts else None


def reads_as_katakana(word: str, latin: str) -> bool:
    """Whether a Latin word is one of the spellings of a name written in katakana
    (プーチン: Putin; ラブロフ: Lavrov; ヴェクセリベルク: Vekselberg)."""
    pattern = katakana_reading(word)
    return pattern is not None and pattern.fullmatch(latin) is not None


_MAX_KEYS = 256


@lru_cache(maxsize=20_000)
def katakana_keys(word: str) -> frozenset[str]:
    """The consonant keys (as :func:`sanctio.text.abjad.latin_keys` writes a Latin word's:
    vowels, y and w dropped, sh and ch as $, a doubled letter once) of the spellings a
    katakana word may have, at most 256."""
    options: list[tuple[str, ...]] = []
    for m in _morae(word):
        if m == "ン":
            options.append(("n", "ng", "m"))
        elif isinstance(m, tuple):
            options.append(_C[m[0].removesuffix("+y")][1])
    keys: set[str] = set()
    for combo in islice(product(*options), _MAX_KEYS):
        out: list[str] = []
        for k in combo:
            for letter in ([k] if k in ("$",) else list(k)):
                if letter and (not out or out[-1] != letter):
                    out.append(letter)
        if out:
            keys.add("".join(out))
    return frozenset(keys)


# the particle of an Arab's name (bin, ibn: son of) as Japanese writes it glued to the family
# name it begins (オサマ・ビンラディン, Osama bin Laden): after the first word, before three
# kana or more
_GLUED_PARTICLE = re.compile("(?<=[\u30fb\uff65\u00b7 ])(ビン|イブン)"
                             "(?=[\u30a1-\u30fa\u30fc]{3,}(?:$|[\u30fb\uff65\u00b7 ]))")


def particle_apart(name: str, known: Callable[[str], object]) -> str | None:
    """A katakana name with the particle bin or ibn glued to the next word written apart
    (オサマ・ビンラディン: オサマ・ビン・ラディン), where the rest of the word reads as a word of
    the lists (``known``: the list words a katakana word spells, none for none); None for any
    other name. Not a first word (ビンセント is Vincent), nor a word whose rest spells no list
    word (ジョン・ビンガム)."""
    m = _GLUED_PARTICLE.search(name)
    if m is None:
        return None
    rest = KATAKANA_WORD.match(name, m.end())
    if rest is None or not known(rest.group(0)):
        return None
    return name[:m.end()] + "\u30fb" + name[m.end():]
