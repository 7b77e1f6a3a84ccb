"""Arabic-script words against Latin spellings: by their consonants, read from the script.

Arabic and Persian write no short vowels, so a name written in the script and the same name
in a Latin list meet on their consonants. A transliteration (ICU) first, and a skeleton of
it second, loses what is needed for that: ``ده`` and ``ذ`` both become ``dh``; ``ظ`` is
written z, dh, d or th in the lists (Kazim, Kadhim, Kathim); ``ق`` is q, k, g or gh
(Qasem, Ghasem, Gasim). Here each Arabic-script letter is read directly, with the Latin
renderings the lists use for it, and each Latin spelling is read with its digraphs (kh, sh,
th, dh, gh, ch) both as one letter and as two: the two meet when one of the consonant keys of
one side is a key of the other.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import product

# each Arabic-script letter: the consonant classes of its Latin renderings ("" for none)
_LETTERS: dict[str, tuple[str, ...]] = {
    "ب": ("b",), "پ": ("p",), "ت": ("t",), "ث": ("T", "s", "t"), "ج": ("j", "g"),
    "چ": ("$",), "ح": ("h",), "خ": ("x", "k", "h"), "د": ("d",), "ذ": ("D", "z", "d"),
    "ر": ("r",), "ز": ("z",), "ژ": ("j", "z"), "س": ("s",), "ش": ("$",), "ص": ("s",),
    "ض": ("d", "D", "z"), "ط": ("t",), "ظ": ("z", "D", "d", "T"), "ع": ("",), "غ": ("G", "g"),
    "ف": ("f",), "ق": ("k", "G", "g"), "ك": ("k",), "ک": ("k",), "گ": ("g",), "ل": ("l",),
    "م": ("m",), "ن": ("n",), "ه": ("h",), "ة": ("h", ""), "ء": ("",),
    # long vowels and hamza seats: no consonant
    "ا": ("",), "أ": ("",), "إ": ("",), "آ": ("",), "ٱ": ("",), "و": ("",), "ؤ": ("",),
    "ي": ("",), "ی": ("",), "ى": ("",), "ئ": ("",),
}
_MAX_KEYS = 32


def _collapse(parts: list[str]) -> str:
    out: list[str] = []
    for p in parts:
        if p and (not out or out[-1] != p):
            out.append(p)
    return "".join(out)


def _keys(options: list[tuple[str, ...]]) -> frozenset[str]:
    """Every consonant key the letters' alternatives spell (at most ``_MAX_KEYS``)."""
    keys: set[str] = set()
    for combo in product(*options):
        keys.add(_collapse(list(combo)))
        if len(keys) >= _MAX_KEYS:
            break
    return frozenset(k for k in keys if k)


@lru_cache(maxsize=100_000)
def arabic_keys(word: str) -> frozenset[str]:
    """The consonant keys of an Arabic-script word (a final ه may be silent: Fatemeh,
    Fatima)."""
    options: list[tuple[str, ...]] = []
    letters = [c for c in word if c in _LETTERS]
    for i, ch in enumerate(letters):
        alts = _LETTERS[ch]
        if ch == "ه" and i == len(letters) - 1:
            alts = ("h", "")
        options.append(alts)
    return _keys(options)


_DIGRAPHS = {"kh": "x", "sh": "$", "ch": "$", "th": "T", "dh": "D", "gh": "G", "zh": "j",
             "dj": "j", "ph": "f", "ck": "k", "sch": "$", "tch": "$"}
_SINGLE = {"q": "k", "c": "k", "x": "x", "j": "j", "g": "g"}
_SILENT = set("aeiouyw'")


@lru_cache(maxsize=200_000)
def latin_keys(token: str) -> frozenset[str]:
    """The consonant keys of a Latin spelling: each of kh, sh, th, dh, gh read as one letter
    or as two (Fathi is f-t-h, Uthman u-th-m-n); vowels and semivowels dropped (w, y and v
    are how the lists write و and ي), doubled letters once."""
    options: list[tuple[str, ...]] = []
    i = 0
    t = token.lower()
    while i < len(t):
        tri = t[i:i + 3]
        if tri in ("sch", "tch"):
            options.append(("$",))
            i += 3
            continue
        di = t[i:i + 2]
        if di in _DIGRAPHS:
            one = _DIGRAPHS[di]
            a, b = di[0], di[1]
            two = _SINGLE.get(a, a) + ("" if b in _SILENT else _SINGLE.get(b, b))
            options.append((one, two) if di in ("th", "dh", "gh", "kh", "sh") else (one,))
            i += 2
            continue
        ch = t[i]
        i += 1
        if ch in _SILENT or not ch.isalpha():
            options.append(("",))
        elif ch == "v":
            options.append(("", "f"))  # و in Persian (Parviz), ف in Russian names (Adanov)
        else:
            options.append((_SINGLE.get(ch, ch),))
    return _keys(options)


def is_arabic_word(word: str | None) -> bool:
    return bool(word) and any(c in _LETTERS for c in word or "")
