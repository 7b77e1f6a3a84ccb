"""Foreign names written in Chinese characters, read back to the Latin spellings they
transcribe.

Chinese writes a foreign name with characters chosen for their sound, one syllable each
(Xinhua's transcription tables), its words joined by a middle dot: 谢尔盖·拉夫罗夫 is Sergey
Lavrov (xie er gai · la fu luo fu), 罗曼·阿布拉莫维奇 Roman Abramovich, 巴沙尔·阿萨德 Bashar
al-Assad. A consonant without a vowel takes a syllable of its own (斯 si for s, 夫 fu for v
or f, 尔 er for r, 德 de for d, 奇 qi for the ch of -vich); l stands for l and r (罗 luo: ro);
the n ending one syllable and beginning the next is one n (根尼 gen ni: geny); an r before a
consonant or at the end, and a final й, are left out (罗滕贝格 Rotenberg, 维克托 Viktor, 尼古拉
Nikolai); 季 ji and 基 ji are the soft t and d of Russian (季姆琴科 Timchenko). The pinyin
of such a name (fu la ji mi er), which the screener reads a Chinese name with, is no list's
spelling.

:func:`foreign_reading` is a pattern of the Latin spellings a word of such characters may
stand for: each character's pinyin (ICU's Han-Latin) as the letters its initial and final
transcribe, the vowel of a syllable that stands for a lone consonant optional. It decides
whether a Latin list word is the name. Only a name whose words a middle dot joins is read so
(:func:`looks_foreign`): a Chinese person's own name has none. A few names keep a
transcription older than the tables (亚历山大 Alexander; 京 jing for the -tin of Putin,
普京, and Mishustin, 米舒斯京).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_DOTS = "\u00b7\u30fb\u2022\u2027\uff65\u318d"
_WORD = re.compile(f"[{HAN}]+")
_NAME = re.compile(f"[{HAN}]+(?:\\s*[{_DOTS}]\\s*[{HAN}]+)+")

# the pinyin initials, longest first, and the Latin letters each transcribes
_INITIALS = ("zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q",
             "x", "r", "z", "c", "s", "y", "w")
_INITIAL = {
    "b": "(?:bb?|p)", "p": "(?:pp?|ph|b)", "m": "mm?", "f": "(?:ff?|v|ph|w)",
    "d": "(?:dd?|t)", "t": "(?:tt?|th|d)", "n": "nn?", "l": "(?:ll?|rr?)",
    "g": "(?:gg?|gh|k|c)", "k": "(?:kk?|kh|ck|c|q|ch|g)", "h": "(?:kh|h|ch|x|g)?",
    "j": "(?:j|g|dzh|zh|dj|d|t|k|y)", "q": "(?:tch|ch|ts|c|k|q)", "x": "(?:sh|ss?|x|ks|h|z)",
    "zh": "(?:zh|j|g|dzh|z)", "ch": "(?:tch|ch|c)", "sh": "(?:sh|sch|s|ch)",
    "r": "(?:r|zh|j)", "z": "(?:z|ts|tz|dz|s)", "c": "(?:ts|tz|c|z|ch)", "s": "(?:ss?|z|c|th)",
    "": "",
}
_FINAL = {
    "a": "(?:aa?|ah|e)", "o": "(?:o|ou|oh|e|a)", "e": "(?:e|o|a|i|y)", "i": "(?:i|y|ee|ie|iy|ij|e)",
    "u": "(?:u|ou|oo|o)", "ai": "(?:ai|ay|ei|ey|a|e)", "ei": "(?:ei|ey|ay|e|i|y)",
    "ao": "(?:ao|au|o|ow)", "ou": "(?:ou|o|u)", "an": "(?:ann?|en|un|am)",
    "en": "(?:en|an|in|yn|n)", "ang": "(?:ang|an|ung|on)", "eng": "(?:eng|en|ung|in)",
    "ong": "(?:ong|on|un)", "ia": "(?:ia|ya|ja|a)", "ie": "(?:ie|ye|e|je)",
    "iao": "(?:iao|yao|io|yo|o)", "iu": "(?:iu|yu|ju|u)", "ian": "(?:ian|yan|en|an)",
    "in": "(?:in|yn|en|een)", "iang": "(?:iang|yang|yan|ian)", "ing": "(?:ing|in|yn|en)",
    "iong": "(?:iong|yon)", "ua": "(?:ua|wa|va)", "uo": "(?:uo|o|wo|vo)",
    "uai": "(?:uai|wai|vai)", "ui": "(?:ui|wi|vi|ei|uy)", "uan": "(?:uan|wan|van|an)",
    "un": "(?:un|on|en)", "uang": "(?:uang|wan|van)", "ue": "(?:ue|ye|e)", "v": "(?:yu|u)",
    "ve": "(?:ue|ye|e)", "vn": "(?:un|yun)",
}
# the syllables of y and w as a whole (亚 ya: a, 伊 yi: i, 叶 ye: ye or e; 维 wei: vi or v,
# 乌 wu: u)
_Y = {"a": "(?:ya|ia|ja|a|e)", "i": "(?:yi|i|y|e|j)", "e": "(?:ye|e|ie|je)",
      "u": "(?:yu|iu|ju|u)", "ao": "(?:yao|yo|io|o)", "ou": "(?:you|yo|yu|io|iu)",
      "an": "(?:yan|ian|an|en)", "in": "(?:yin|in|yn|en)", "ing": "(?:ying|ing|in)",
      "ang": "(?:yang|iang|yan)", "o": "(?:yo|io)", "ong": "(?:yong|yon|ion)",
      "uan": "(?:yuan|yan|uan)", "ue": "(?:yue|ye)", "un": "(?:yun|un)"}
_W = {"u": "(?:wu|u|w|v|vu|ou)", "ei": "(?:wei|vi|v|wi|w|ve|we|vei|vey)", "a": "(?:wa|va|ua)",
      "o": "(?:wo|vo|o)", "en": "(?:wen|ven|un)", "an": "(?:wan|van|uan)",
      "ang": "(?:wang|van|vang)", "ai": "(?:wai|vai)", "eng": "(?:weng|ven)"}
# a syllable standing for a consonant alone: its vowel optional (斯 si: s; 奇 qi: ch; 夫 fu: v;
# 德 de: d)
_LONE = {"i": frozenset(("z", "c", "s", "zh", "ch", "sh", "r", "q", "l")),
         "u": frozenset(("f", "b", "p", "m", "d", "t", "g", "k", "h", "l")),
         "e": frozenset(("t", "d", "k", "g", "l", "h", "m", "n", "r"))}
# transcriptions older than the tables
_SYLLABLES = {"jing": "(?:jing|jin|tin|ting|gin)", "er": "(?:[aeiouy]?rr?|l|er)"}
_WORDS = {"亚历山大": "(?:aleksandr|alexander|alexandr|aleksander|alexandre|oleksandr)"}


@lru_cache(maxsize=1)
def _transliterator() -> Any:
    import icu

    return icu.Transliterator.createInstance("Han-Latin; Latin-ASCII")


@lru_cache(maxsize=20_000)
def _pinyin(char: str) -> str:
    return str(_transliterator().transliterate(char)).strip().lower()


def looks_foreign(text: str) -> bool:
    """A name in Chinese characters whose words a middle dot joins, as Chinese writes a
    foreign name (弗拉基米尔·普京); a Chinese person's own name (习近平) is none."""
    return _NAME.fullmatch(text.strip()) is not None


def words_of(text: str) -> list[str]:
    """The words of such a name."""
    return _WORD.findall(text)


def _syllable(pinyin: str, after_n: bool) -> str:
    initial = next((i for i in _INITIALS if pinyin.startswith(i)), "")
    final = pinyin[len(initial):]
    if pinyin in _SYLLABLES:
        return _SYLLABLES[pinyin]
    if initial == "y":
        return _Y.get(final, "(?:y|i|j)" + _FINAL.get(final, re.escape(final)))
    if initial == "w":
        return _W.get(final, "(?:w|v|u)" + _FINAL.get(final, re.escape(final)))
    head = "n?" if initial == "n" and after_n else _INITIAL[initial]
    tail = _FINAL.get(final, re.escape(final))
    if initial in _LONE.get(final, ()):
        tail += "?"
    return head + tail


@lru_cache(maxsize=20_000)
def foreign_reading(word: str) -> re.Pattern[str] | None:
    """A pattern of the Latin spellings a word of a foreign name written in Chinese
    characters may have (None for a word not of Chinese characters)."""
    if _WORD.fullmatch(word) is None:
        return None
    if word in _WORDS:
        return re.compile(_WORDS[word])
    parts: list[str] = []
    after_n = False
    for char in word:
        pinyin = _pinyin(char)
        if not pinyin.isalpha() or not pinyin.isascii():
            return None
        parts.append(_syllable(pinyin, after_n))
        after_n = pinyin.endswith("n")
    # (the r before a consonant or ending the name, and the й ending it, which the
    # characters leave out: 罗滕贝格 Rotenberg, 维克托 Viktor, 尼古拉 Nikolai)
    return re.compile("r?".join(parts) + "[iyjr]?")


def plain_reading(word: str) -> str:
    """The word's pinyin, its syllables written together (羅曼: luoman): which of the list
    words its pattern meets is likeliest, the closest to it."""
    return "".join(_pinyin(c) for c in word)


def reads_as_foreign(word: str, latin: str) -> bool:
    """Whether a Latin word is one of the spellings of a foreign name's word written in
    Chinese characters (拉夫罗夫: Lavrov; 阿布拉莫维奇: Abramovich)."""
    pattern = foreign_reading(word)
    return pattern is not None and pattern.fullmatch(latin) is not None
