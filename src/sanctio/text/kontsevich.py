"""Korean names in Russian letters (the Kontsevich system and the press's older spellings),
read back to the Latin syllables the lists write them with.

Russian writes a Korean name syllable by syllable: 김정은 Kim Jong Un is Ким Чен Ын in the
press (Ким Чжон Ын by Kontsevich), 최룡해 Choe Ryong Hae Чхве Рён Хэ, 김여정 Kim Yo Jong Ким Ё
Чжон, 리병철 Ri Pyong Chol Ри Пён Чхоль. Russian texts and the Russian pages of reference works
name the North Korean officials on the lists so; a transliteration of the Cyrillic letters
(Kim Chen Yn) is no list's spelling.

The Cyrillic letters lose what the lists' romanisation (McCune-Reischauer, its breves
dropped) keeps: a final н is ㄴ or ㅇ (n or ng: Ён is yon or yong), э is ㅐ or ㅔ (ae or e),
the press writes ㅓ after ч and с with е (Чен, Сен: jong, song). So each Cyrillic syllable
stands for a few Latin ones; :func:`kontsevich_readings` keeps those the lists' words have
and gives the likeliest names they make. A name is read only with a Korean family name first
or last and every other word made of one or two Korean syllables.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from functools import lru_cache
from itertools import product

from sanctio.text.pieces import fewest_pieces

# the consonants a syllable begins with, as Kontsevich and the press write them, and the
# Latin letters McCune-Reischauer (without its apostrophes) and the lists write them with
_ONSETS: dict[str, tuple[str, ...]] = {
    "": ("",), "кк": ("kk",), "кх": ("k",), "к": ("k", "g"), "г": ("g", "k"), "тт": ("tt",),
    "тх": ("t",), "т": ("t", "d"), "д": ("d", "t"), "пп": ("pp",), "пх": ("p",),
    "п": ("p", "b"), "б": ("b", "p"), "чж": ("j", "ch"), "дж": ("j", "ch"), "чх": ("ch",),
    "чч": ("jj",), "ч": ("ch", "j"), "сс": ("ss",), "с": ("s",), "ш": ("s", "sh"),
    "н": ("n",), "м": ("m",), "р": ("r",), "л": ("r", "l"), "х": ("h",),
}
# the vowels (ㅓ and ㅗ are both o, ㅕ and ㅛ both yo; ㅡ u; the press's е after a hushing
# consonant ㅓ)
_VOWELS: dict[str, tuple[str, ...]] = {
    "а": ("a",), "я": ("ya",), "о": ("o", "eo"), "ё": ("yo", "yeo"), "у": ("u",),
    "ю": ("yu",), "ы": ("u", "eu"), "и": ("i",), "э": ("ae", "e"), "е": ("e", "o", "ye"),
    "йе": ("ye",), "ве": ("oe", "we"), "вэ": ("oe", "wae", "we"), "ви": ("wi",),
    "ва": ("wa",), "во": ("wo",), "ый": ("ui",), "ой": ("oe", "oi"),
}
# the consonants that end a syllable (the press's р for a final ㄹ: Ким Ир Сен)
_FINALS: dict[str, tuple[str, ...]] = {
    "": ("",), "к": ("k",), "н": ("n", "ng"), "нг": ("ng",), "ль": ("l",), "л": ("l",),
    "р": ("l",), "м": ("m",), "п": ("p",), "т": ("t",),
}
# the Korean family names of one syllable as Russian writes them (Цой, the Koreans of the
# former Soviet Union's 최)
_FAMILIES = frozenset((
    "ким ли ри пак чхве чвэ чхвэ чой цой чон чжон чан чжан кан хан юн о хо со сон син ко "
    "квон хван нам пэк ян мун ю рю чо чжо ро но пэ сим чу чжу ан им рим хён тхэ ке ха чха "
    "пек чи тэ").split())
_CYRILLIC_WORD = re.compile("[а-яё]+")
# the Latin letters written like Cyrillic ones, and those Cyrillic ones
_AS_CYRILLIC = str.maketrans("AaBEeKkMHOoPpCcTXxYy", "АаВЕеКкМНОоРрСсТХхУу")
_LATIN_LOOKALIKE = re.compile("[AaBEeKkMHOoPpCcTXxYy]")
# the letters the lists' romanisations write one sound with (McCune-Reischauer's and the
# Revised Romanisation's, voiced or not at a syllable's head), which the scoring takes as one
# syllable already: Latin readings alike but for them are one reading
_FOLD = re.compile(r"^(?:ch|j|k|g|t|d|p|b|r|l|sh|s)|eo|eu")
_FOLDED = {"ch": "J", "j": "J", "k": "K", "g": "K", "t": "T", "d": "T", "p": "P", "b": "P",
           "r": "R", "l": "R", "sh": "S", "s": "S", "eo": "o", "eu": "u"}
_MAX_READINGS = 4


@lru_cache(maxsize=1)
def _table() -> dict[str, tuple[str, ...]]:
    """Each Cyrillic Korean syllable and the Latin syllables it may stand for."""
    out: dict[str, list[str]] = {}
    for (onset, heads), (vowel, middles), (final, tails) in product(
            _ONSETS.items(), _VOWELS.items(), _FINALS.items()):
        cyr = onset + vowel + final
        latin = out.setdefault(cyr, [])
        for head, middle, tail in product(heads, middles, tails):
            if head + middle + tail not in latin:
                latin.append(head + middle + tail)
    return {cyr: tuple(latin) for cyr, latin in out.items()}


@lru_cache(maxsize=20_000)
def _syllables(word: str) -> tuple[str, ...] | None:
    """The word's Korean syllables in Russian letters (all its letters, the fewest
    syllables), or None."""
    return fewest_pieces(word, _table(), 6)


def korean_in_cyrillic(text: str) -> tuple[tuple[str, ...], ...] | None:
    """The Cyrillic syllables of each word of a Korean name in Russian letters (Ким Чен
    Ын: (ким,), (чен,), (ын,)), or None for any other text: two to four words, a Korean
    family name of one syllable first or last, each other word of one syllable or two, and
    three to five syllables in all."""
    if text.isascii():
        return None  # (most queries: no Cyrillic letter, no lowering nor splitting)
    if _LATIN_LOOKALIKE.search(text) and _CYRILLIC_WORD.search(text.lower()):
        # (a Latin letter that looks like a Cyrillic one, typed among them: ЛИ Чхан Xo)
        text = text.translate(_AS_CYRILLIC)
    words = text.lower().replace("-", " ").split()
    if not 2 <= len(words) <= 4 or not all(_CYRILLIC_WORD.fullmatch(w) for w in words):
        return None
    if words[0] not in _FAMILIES and words[-1] not in _FAMILIES:
        return None
    parts = [_syllables(w) for w in words]
    if any(p is None or not 1 <= len(p) <= 2 for p in parts):
        return None
    out = tuple(p for p in parts if p is not None)
    return out if 3 <= sum(map(len, out)) <= 5 else None


@lru_cache(maxsize=1)
def _sino_korean() -> frozenset[str]:
    """The sounds of the Sino-Korean syllables (each Chinese character's Korean reading,
    which nearly every Korean given name is made of), as :func:`_fold` writes them: a
    Cyrillic syllable stands for those only (Чен is jong or chon, never a Chinese cheng)."""
    from sanctio.text.korean_hanja import sino_korean_syllables
    from sanctio.text.normalize import hangul_syllable

    return frozenset(_fold(hangul_syllable(h)) for h in sino_korean_syllables())


def _fold(syllable: str) -> str:
    """A Latin syllable with the letters the romanisations write one sound with made one."""
    return _FOLD.sub(lambda m: _FOLDED[m.group(0)], syllable)


def kontsevich_readings(text: str, df: Mapping[str, int]) -> list[tuple[str, dict[str, str]]]:
    """The likeliest Latin spellings of a Korean name in Russian letters, each with the
    Latin syllable it reads each Cyrillic one as: each syllable as the Latin ones the lists'
    words ``df`` have (the first the rules give where they have none), the names ranked by
    how common their syllables are in the lists; at most four. Empty for any other text."""
    words = korean_in_cyrillic(text)
    if words is None:
        return []
    table = _table()
    sino = _sino_korean()
    choices: list[list[tuple[str, str, float]]] = []
    for w, word in enumerate(words):
        family = len(word) == 1 and w in (0, len(words) - 1) and word[0] in _FAMILIES
        for cyr in word:
            latin = [lat for lat in table[cyr] if family or _fold(lat) in sino] or list(
                table[cyr])
            # each sound the lists write in several ways, with all its spellings' count
            counts: dict[str, int] = {}
            spelled: dict[str, str] = {}
            for lat in latin:
                key = _fold(lat)
                counts[key] = counts.get(key, 0) + df.get(lat, 0)
                if key not in spelled or df.get(lat, 0) > df.get(spelled[key], 0):
                    spelled[key] = lat
            known = sorted((key for key in counts if counts[key]), key=lambda k: -counts[k])
            choices.append([(cyr, spelled[key], math.log1p(counts[key])) for key in known[:3]]
                           or [(cyr, latin[0], 0.0)])
    combos = sorted(product(*choices), key=lambda combo: -sum(c[2] for c in combo))
    out: list[tuple[str, dict[str, str]]] = []
    for combo in combos[:_MAX_READINGS]:
        syllables = iter(combo)
        name = " ".join(" ".join(next(syllables)[1] for _ in word) for word in words)
        out.append((name, {c[0]: c[1] for c in combo}))
    return out
