"""Foreign names written in Hangul, read back to the Latin spellings they transcribe.

Korean writes a foreign name by the rules of the National Institute of the Korean Language
(외래어 표기법), sound by sound: 블라디미르 푸틴 is Vladimir Putin, 로만 아브라모비치 Roman
Abramovich, 세르게이 라브로프 Sergey Lavrov. A consonant that no vowel follows takes the
vowel ㅡ (eu), which the name does not have (the 르 of Vladimir, the 브 of Abramovich, 스 of
Usmanov); ㅈ and ㅊ take ㅣ instead (the 치 of -ovich), and so does a soft r ending a Russian
name (이고리, Igor); an l between vowels is written twice,
as the last letter of one syllable and the first of the next (블라: bla); f and p are both ㅍ,
v and b both ㅂ, l and r both ㄹ. The Revised Romanisation of such a name (beulladimireu
putin), which the screener reads Korean names with, is no list's spelling.

:func:`foreign_reading` is a pattern of the Latin spellings a Hangul word may stand for: each
letter of the syllable (its first consonant, vowel and last consonant) as the letters a
foreign name has there, the added ㅡ (and ㅣ after ㅈ, ㅊ) optional, a doubled ㄹ one l. It
decides whether a Latin list word is the name. :func:`looks_foreign` says which Hangul names
to read so: one with such an added vowel (a Korean's own name has none: 김정은, 이병철) or
words joined by a middle dot.
"""

from __future__ import annotations

import re
from functools import lru_cache

_FIRST = 0xAC00
HANGUL_WORD = re.compile("[\uac00-\ud7a3]+")
_DOTS = "\u00b7\u30fb\u318d\u2027"  # the middle dots that join a foreign name's words
_APART = re.compile(f"[\\s{_DOTS}-]+")

# the syllable's first consonant (19), vowel (21) and last consonant (28, none first)
_INITIALS = "ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"
_MEDIALS = "ㅏㅐㅑㅒㅓㅔㅕㅖㅗㅘㅙㅚㅛㅜㅝㅞㅟㅠㅡㅢㅣ"
_FINALS = ["", "ㄱ", "ㄲ", "ㄳ", "ㄴ", "ㄵ", "ㄶ", "ㄷ", "ㄹ", "ㄺ", "ㄻ", "ㄼ", "ㄽ", "ㄾ", "ㄿ",
           "ㅀ", "ㅁ", "ㅂ", "ㅄ", "ㅅ", "ㅆ", "ㅇ", "ㅈ", "ㅊ", "ㅋ", "ㅌ", "ㅍ", "ㅎ"]

# the Latin letters a foreign name has where Korean writes each consonant (ㅍ is f and p, and
# the f Russian makes of a final v: 라브로프, Lavrov; ㅋ the k, and the ch, kh of German and
# Arabic names; ㅈ j, z, zh, dzh and the soft g of George)
_CONSONANT = {
    "ㄱ": "(?:gh|gu|gg?|k|c|q)", "ㄲ": "(?:kk?|gg?)", "ㄴ": "nn?", "ㄷ": "(?:dd?|dh|t)",
    "ㄸ": "(?:tt?|dd?)", "ㄹ": "(?:rr?|ll?|rh)", "ㅁ": "mm?", "ㅂ": "(?:bb?|vv?|w)",
    "ㅃ": "(?:pp?|bb?)", "ㅅ": "(?:ss?|sh|sch|sz|th|c|z|x)", "ㅆ": "(?:ss?|sh)", "ㅇ": "h?",
    "ㅈ": "(?:dzh|dj|dz|zh|j|zz?|g|ds)", "ㅉ": "(?:tz|ts|z|j)",
    "ㅊ": "(?:tsch|tch|ch|cz|ts|tz|c|tj)", "ㅋ": "(?:kh|ck|kk?|ch|c|q|x|g)",
    "ㅌ": "(?:tt?|th)", "ㅍ": "(?:ph|pp?|ff?|v)", "ㅎ": "(?:kh|h|ch|)",
}
# after ㅅ, ㅈ, ㅊ a vowel with a y glide has it in the consonant (셰 she, 샤 sha, 쇼 sho)
_GLIDED_AFTER = frozenset("ㅅㅆㅈㅉㅊ")
_VOWEL = {
    "ㅏ": "(?:aa?|ah)", "ㅐ": "(?:ae|ai|ay|a|e)", "ㅑ": "(?:ya|ia|ja|iya)", "ㅒ": "(?:yae|ya)",
    "ㅓ": "(?:o|eo|u|e|a)", "ㅔ": "(?:e|ei|ey|ai|ay)", "ㅕ": "(?:yo|ye|io|ie|jo|je|e)",
    "ㅖ": "(?:ye|ie|je|e)", "ㅗ": "(?:oo?|oh|ou|au|aw)", "ㅘ": "(?:wa|va|ua|oa)",
    "ㅙ": "(?:wae|we)", "ㅚ": "(?:oe|we|oi|e)", "ㅛ": "(?:yo|io|jo)", "ㅜ": "(?:u|oo|ou)",
    "ㅝ": "(?:wo|vo|uo|wa)", "ㅞ": "(?:we|ve|ue)", "ㅟ": "(?:wi|vi|ui|wee)",
    "ㅠ": "(?:yu|iu|ju|u|ew)", "ㅡ": "(?:u|e)?", "ㅢ": "(?:ui|i|ei)", "ㅣ": "(?:i|y|ee|ie|iy|ij|j)",
}
_FINAL = {
    "ㄱ": "(?:k|g|c|ck|q)", "ㄴ": "nn?", "ㄹ": "(?:ll?|rr?)", "ㅁ": "mm?", "ㅂ": "(?:p|b)",
    "ㅅ": "(?:t|s)", "ㅇ": "(?:ng|n)", "ㄷ": "(?:d|t)", "ㅌ": "(?:t|th)", "ㅍ": "(?:p|f)",
}
# syllables whose vowel Korean adds to a consonant without one (ㅡ with no last consonant, or
# before the doubled ㄹ of a cluster: 블라, 클라, 플레)
_ADDED = "ㅡ"


# the Korean family names of two syllables, written apart from the given name at times
_KOREAN_FAMILIES = frozenset(("남궁", "제갈", "선우", "황보", "독고", "사공", "서문", "동방"))


def _jamo(ch: str) -> tuple[str, str, str]:
    code = ord(ch) - _FIRST
    return _INITIALS[code // 588], _MEDIALS[(code % 588) // 28], _FINALS[code % 28]


def is_hangul_word(word: str | None) -> bool:
    return word is not None and HANGUL_WORD.fullmatch(word) is not None


def words_of(text: str) -> list[str]:
    """The words of a name in Hangul: apart at spaces, hyphens and middle dots."""
    return [w for w in _APART.split(text.strip()) if w]


def looks_foreign(text: str) -> bool:
    """A name in Hangul that transcribes a foreign one: a syllable with the vowel Korean
    adds to a lone consonant (르, 스, 브, 프; 블 before 라), words joined by a middle dot, or
    two words or more, each of two syllables or more (이고리 세친). A Korean's own name
    (김정은, 박근혜; 김 정은, 정웅 김, 영식 서영 박) has none of these."""
    words = words_of(text)
    if not words or not all(is_hangul_word(w) for w in words):
        return False
    if any(d in text for d in _DOTS):
        return True
    if len(words) >= 2 and all(len(w) >= 2 for w in words) and not (
            _KOREAN_FAMILIES & {words[0], words[-1]}):
        # (a foreign given name before the family name: 이고리 세친, Igor Sechin; a Korean's
        # own name written apart has a family name of one syllable, 정웅 김, 박 영식, or of two
        # that Korean has, 남궁 민수)
        return True
    for word in words:
        syllables = [_jamo(c) for c in word]
        for i, (_, vowel, final) in enumerate(syllables):
            if vowel != _ADDED:
                continue
            if not final:
                return True
            if final == "ㄹ" and i + 1 < len(syllables) and syllables[i + 1][0] == "ㄹ":
                return True
    return False


@lru_cache(maxsize=20_000)
def foreign_reading(word: str) -> re.Pattern[str] | None:
    """A pattern of the Latin spellings a foreign name written in Hangul may have (None for a
    word not in Hangul)."""
    if not is_hangul_word(word):
        return None
    syllables = [_jamo(c) for c in word]
    parts: list[str] = []
    for i, (initial, vowel, final) in enumerate(syllables):
        after_l = i > 0 and syllables[i - 1][2] == "ㄹ" and initial == "ㄹ"
        if after_l:
            pass  # (the doubled l: the last consonant before was its l)
        elif initial == "ㅇ":
            parts.append("" if i else "h?")
        else:
            parts.append(_CONSONANT[initial])
        if initial in _GLIDED_AFTER and vowel in "ㅑㅕㅛㅠㅖㅒ":
            v = _VOWEL[vowel] + "|" + _VOWEL[{"ㅑ": "ㅏ", "ㅕ": "ㅓ", "ㅛ": "ㅗ", "ㅠ": "ㅜ",
                                               "ㅖ": "ㅔ", "ㅒ": "ㅐ"}[vowel]]
            v = "(?:" + v + ")"
        else:
            v = _VOWEL[vowel]
        if vowel == "ㅣ" and initial in ("ㅈ", "ㅊ", "ㄹ") and not final and (
                i == len(syllables) - 1):
            v += "?"  # (the ㅣ added to a final ch, j: 비치, -vich; a soft r: 이고리, Igor)
        parts.append(v)
        if final:
            nxt = syllables[i + 1][0] if i + 1 < len(syllables) else ""
            if final == "ㄹ" and nxt == "ㄹ":
                parts.append("(?:ll?|rr?)")
            else:
                parts.append(_FINAL.get(final, ""))
    return re.compile("".join(parts))


def _first(pattern: str) -> str:
    """The first spelling a letter's pattern gives (``(?:bb?|vv?|w)``: b)."""
    alternative = pattern[3:].split("|")[0] if pattern.startswith("(?:") else pattern
    return re.sub(r"\?", "", re.sub(r"(.)\1\?", r"\1", alternative)).rstrip(")")


def plain_reading(word: str) -> str:
    """The word read letter by letter, each letter its first spelling (블라디미르:
    bulladimiru): which of the list words its pattern meets is likeliest, the closest to
    it."""
    out: list[str] = []
    for initial, vowel, final in (_jamo(c) for c in word if is_hangul_word(c)):
        out.append(_first(_CONSONANT[initial]) if initial != "ㅇ" else "")
        out.append(_first(_VOWEL[vowel]))
        out.append(_first(_FINAL.get(final, "")) if final else "")
    return "".join(out)


def first_letters(word: str) -> tuple[str, ...]:
    """The letters a Latin spelling of a foreign name written in Hangul may begin with."""
    if not is_hangul_word(word):
        return ()
    initial = _jamo(word[0])[0]
    if initial == "ㅇ":
        return ("a", "e", "i", "o", "u", "y", "j", "h", "w", "v")
    pattern = _CONSONANT[initial]
    alternatives = pattern[3:-1].split("|") if pattern.startswith("(?:") else [pattern]
    return tuple(sorted({a[0] for a in alternatives if a}))


def reads_as_foreign(word: str, latin: str) -> bool:
    """Whether a Latin word is one of the spellings of a foreign name written in Hangul
    (블라디미르: Vladimir; 라브로프: Lavrov; 아브라모비치: Abramovich)."""
    pattern = foreign_reading(word)
    return pattern is not None and pattern.fullmatch(latin) is not None
