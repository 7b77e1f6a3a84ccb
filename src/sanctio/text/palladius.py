"""Chinese names in Russian letters (the Palladius system), read back to pinyin.

Russian writes a Chinese name syllable by syllable in the Palladius system: 陈全国 Chen
Quanguo is Чэнь Цюаньго, 朱海仑 Zhu Hailun Чжу Хайлунь, 夏宝龙 Xia Baolong Ся Баолун (j and z
цз, q and c ц, x and s с, zh чж, ch ч, sh ш, r ж; ang ан and an ань, ong ун, ü юй). Russian
texts and the Russian pages of reference works name the Chinese people on the lists so; a
transliteration of the Cyrillic letters (Chen Tsyuango) is no list's spelling.
:func:`palladius_reading` gives the pinyin of such a name: each word parted into Palladius
syllables (all of its letters, the fewest syllables), read only where the name has a Chinese
family name of one syllable first or last and two or three words, each a word of syllables.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sanctio.text.pieces import fewest_pieces

# the pinyin initials and the Cyrillic letters Palladius writes them with
_INITIALS = {"b": "б", "p": "п", "m": "м", "f": "ф", "d": "д", "t": "т", "n": "н", "l": "л",
             "g": "г", "k": "к", "h": "х", "j": "цз", "q": "ц", "x": "с", "zh": "чж", "ch": "ч",
             "sh": "ш", "r": "ж", "z": "цз", "c": "ц", "s": "с"}
# the finals after a consonant
_FINALS = {"a": "а", "o": "о", "e": "э", "ai": "ай", "ei": "эй", "ao": "ао", "ou": "оу",
           "an": "ань", "en": "энь", "ang": "ан", "eng": "эн", "ong": "ун", "i": "и",
           "ia": "я", "ie": "е", "iao": "яо", "iu": "ю", "ian": "янь", "in": "инь", "iang": "ян",
           "ing": "ин", "iong": "юн", "u": "у", "ua": "уа", "uo": "о", "uai": "уай",
           "ui": "уй", "uan": "уань", "un": "унь", "uang": "уан", "v": "юй", "ve": "юэ",
           "van": "юань", "vn": "юнь"}
# the syllables without a consonant
_ALONE = {"a": "а", "ai": "ай", "an": "ань", "ang": "ан", "ao": "ао", "e": "э", "ei": "эй",
          "en": "энь", "eng": "эн", "er": "эр", "o": "о", "ou": "оу", "ya": "я", "yao": "яо",
          "ye": "е", "yi": "и", "you": "ю", "yan": "янь", "yin": "инь", "yang": "ян",
          "ying": "ин", "yong": "юн", "yu": "юй", "yue": "юэ", "yuan": "юань", "yun": "юнь",
          "wu": "у", "wa": "ва", "wo": "во", "wai": "вай", "wei": "вэй", "wan": "вань",
          "wen": "вэнь", "wang": "ван", "weng": "вэн"}
# the commonest Chinese family names of one syllable (a name is read so only with one)
_FAMILIES = frozenset((
    "wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he lin gao luo zheng "
    "liang xie song tang han feng deng cao peng zeng xiao tian dong pan yuan cai jiang yu du "
    "ye cheng wei su lü ding ren lu yao shen zhong cui tan fan liao shi jin jia xia fu fang "
    "zou xiong bai meng qin qiu hou yin xue yan duan lei long tao mao hao gu gong shao wan "
    "qian dai mo kong xiang chang huo kang niu lou bao mei ou zhan qi geng lan xi").split())


def _pinyin_syllable(initial: str, final: str) -> bool:
    """Whether pinyin has the syllable (``v`` for ü): bo, po, mo, fo but duo, guo, luo (both
    written о); j, q, x with i and ü only; ü after l and n besides; z, c, s, zh, ch, sh, r
    with no i final but their own i."""
    if final in ("o", "uo"):
        return (final == "o") == (initial in ("b", "p", "m", "f"))
    if initial in ("j", "q", "x"):
        return final.startswith(("i", "v"))
    if final.startswith("v"):
        return initial in ("l", "n")
    if initial in ("z", "c", "s", "zh", "ch", "sh", "r"):
        return final == "i" or not final.startswith("i")
    return True


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    """Each Palladius syllable and its pinyin (the first pinyin of one written alike)."""
    out: dict[str, str] = {}
    for pinyin, cyrillic in _ALONE.items():
        out.setdefault(cyrillic, pinyin)
    out["хуэй"] = "hui"  # (as Russian writes hui: Ло Хуэйнин, Luo Huining)
    for initial, head in _INITIALS.items():
        for final, tail in _FINALS.items():
            if not _pinyin_syllable(initial, final):
                continue
            cyr = head + tail
            if final == "i" and initial in ("z", "c", "s"):
                cyr = head + "ы"  # (zi цзы, ci цы, si сы)
            elif final == "e" and initial in ("zh", "ch", "sh", "r"):
                cyr = head + "э"
            if final.startswith("v"):
                final = ("u" if initial in ("j", "q", "x") else "ü") + final[1:]
            pinyin = initial + final
            out.setdefault(cyr, pinyin)
    return out


_CYRILLIC_WORD = re.compile("[а-яё]+")


@lru_cache(maxsize=20_000)
def _syllables(word: str) -> tuple[str, ...] | None:
    """The word's Palladius syllables in pinyin (all its letters, the fewest syllables), or
    None."""
    table = _table()
    found = fewest_pieces(word, table, 5)
    return None if found is None else tuple(table[piece] for piece in found)


def palladius_reading(text: str) -> str | None:
    """The pinyin of a Chinese name written in Russian letters (Чэнь Цюаньго: chen
    quanguo), or None for any other text: two or three words, each made of Palladius
    syllables, with a family name of one syllable first or last, the other words of one
    syllable or two."""
    words = text.lower().replace("ё", "е").split()
    if not 2 <= len(words) <= 3 or not all(_CYRILLIC_WORD.fullmatch(w) for w in words):
        return None
    read = [_syllables(w) for w in words]
    if any(r is None or not 1 <= len(r) <= 2 for r in read):
        return None
    parts = [r for r in read if r is not None]
    family = [i for i in (0, len(parts) - 1) if len(parts[i]) == 1 and parts[i][0] in _FAMILIES]
    if not family:
        return None
    return " ".join("".join(p) for p in parts)
