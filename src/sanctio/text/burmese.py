"""Burmese names in Latin letters, as the lists and the press of Myanmar write them.

ICU's ``Any-Latin`` reads the Myanmar script letter by letter, as Pali scholars do:
မင်းအောင်လှိုင် comes out ``mainnaaunglhaine``; the lists write the man ``MIN AUNG HLAING``.
Burmese names are made of syllables, written with no space between them, and spelled in
Latin letters by the conventional romanisation of names (close to BGN/PCGN and the
Myanmar Language Commission's system, with the aspirates written ht, hp/ph, kh and the
creaky nasal finals -nt): :func:`burmese_latin` splits a name into its syllables and
writes each one so, one Latin word a syllable (Min Aung Hlaing, Soe Win, Mya Tun Oo, Khin
Nyunt, Kyaw Swe, Thein Sein, Htet).

A syllable is an initial consonant (or an independent vowel), its medials (ya, ra, wa,
ha: ky, ch, py, my; hl, hm, hn, sh), its vowel signs, a final consonant closed by the asat
(or stacked under the next one by the virama, or written as kinzi) and its tone marks.
The rhyme is read off the vowel and the final together (ောင် aung, ိုင် aing, ိန် ein, ွန်
un, ော် aw, ို o, oe with the high tone); the tone marks are not written, but for the
creaky tone after a nasal final (မြင့် Myint, ညွန့် Nyunt).
"""

from __future__ import annotations

import re

MYANMAR_ANY = re.compile("[\u1000-\u109f]")

_ASAT = "\u103a"
_VIRAMA = "\u1039"
_DOT = "\u1037"  # the creaky tone
_VISARGA = "\u1038"  # the high tone
_ANUSVARA = "\u1036"
_MEDIAL_Y = "\u103b"
_MEDIAL_R = "\u103c"
_MEDIAL_W = "\u103d"
_MEDIAL_H = "\u103e"
_VOWEL_SIGNS = "\u102b\u102c\u102d\u102e\u102f\u1030\u1031\u1032"

_INITIAL = {
    "က": "k", "ခ": "kh", "ဂ": "g", "ဃ": "g", "င": "ng", "စ": "s", "ဆ": "s", "ဇ": "z",
    "ဈ": "z", "ဉ": "ny", "ည": "ny", "ဋ": "t", "ဌ": "ht", "ဍ": "d", "ဎ": "d", "ဏ": "n",
    "တ": "t", "ထ": "ht", "ဒ": "d", "ဓ": "d", "န": "n", "ပ": "p", "ဖ": "ph", "ဗ": "b",
    "ဘ": "b", "မ": "m", "ယ": "y", "ရ": "y", "လ": "l", "ဝ": "w", "သ": "th", "ဟ": "h",
    "ဠ": "l", "အ": "", "ဿ": "th",
}
_CONSONANTS = frozenset(_INITIAL)
# an independent vowel is a syllable of its own (ဦး is U, and Oo in a name: Mya Tun Oo)
_INDEPENDENT = {"ဣ": "i", "ဤ": "i", "ဥ": "u", "ဦ": "u", "ဧ": "e", "ဩ": "aw", "ဪ": "aw"}
# a medial ya or ra after these initials (ကျ, ကြ: ky; ချ, ခြ: ch)
_WITH_Y = {"k": "ky", "kh": "ch", "g": "gy", "p": "py", "ph": "phy", "b": "by", "m": "my",
           "l": "ly"}
# a medial ha before these (လှ hl, ရှ sh, ညှ hny)
_WITH_H = {"l": "hl", "m": "hm", "n": "hn", "ny": "hny", "y": "sh", "w": "hw", "ng": "hng"}
# the kind of sound a final consonant closes its syllable with
_FINAL_KIND = {
    "က": "k", "ခ": "k", "ဂ": "k", "ဃ": "k", "င": "ng", "စ": "c", "ဆ": "c", "ဇ": "c",
    "ဈ": "c", "ည": "ny", "ဉ": "ny", "ဋ": "t", "ဌ": "t", "ဍ": "t", "ဎ": "t", "တ": "t",
    "ထ": "t", "ဒ": "t", "ဓ": "t", "န": "n", "ဏ": "n", "မ": "n", "ပ": "t", "ဖ": "t", "ဗ": "t",
    "ဘ": "t", "ယ": "y", "လ": "l", "ဝ": "w", "သ": "t", "ဟ": "y",
}


def _syllables(text: str) -> list[str]:
    """The syllables of a run of Myanmar letters: each begins with a consonant or an
    independent vowel that no asat or virama closes (those are the last syllable's final)."""
    out: list[str] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c in _CONSONANTS or c in _INDEPENDENT:
            j = i + 1
            while j < n and text[j] in _DOT + _VISARGA:
                j += 1  # (the tone marks may stand before the asat: င့်)
            closes = j < n and text[j] in _ASAT + _VIRAMA
            if closes and out and c in _CONSONANTS:
                out[-1] += c  # a final consonant of the syllable before
            else:
                out.append(c)
        elif out:
            out[-1] += c
        i += 1
    return out


def _rhyme(vowels: str, final: str | None, w: bool, high: bool, creaky: bool) -> str:
    """The rhyme of a syllable: its vowel signs with its final (a consonant's kind)."""
    aw = "\u1031" in vowels and ("\u102c" in vowels or "\u102b" in vowels)
    o = "\u102d" in vowels and "\u102f" in vowels
    i = not o and ("\u102d" in vowels or "\u102e" in vowels)
    u = not o and ("\u102f" in vowels or "\u1030" in vowels)
    if final is None:
        if _ANUSVARA in vowels:
            final = "n"
        elif aw:
            return "aw"
        elif o:
            return "oe" if high else "o"
        elif i:
            return "i"
        elif u:
            return "u"
        elif "\u1031" in vowels:
            return "e" if w else "ay"
        elif "\u1032" in vowels:
            return "e"
        else:
            return "a"
    if final == "ng":
        return "aung" if aw else "aing" if o else "int" if creaky else "in"
    if final == "k":
        return "auk" if aw else "aik" if o else "eik" if i else "ok" if u else "et"
    if final == "c":
        return "it"
    if final == "ny":
        return "i" if not creaky else "in"
    if final == "y":
        return "e"
    if final == "l":
        return "o" if o else "an"
    if final == "w":
        return "aw"
    nasal = final == "n"
    head = "ei" if i else "o" if (u or o) else "u" if w else "a"
    tail = ("nt" if creaky else "n") if nasal else "t"
    return head + tail


def _syllable_latin(syl: str, first: bool) -> str:
    c = syl[0]
    if c in _INDEPENDENT:
        if c == "ဦ" and not first:
            return "oo"  # (a name's last syllable ဦး is Oo: Mya Tun Oo, Ye Win Oo)
        return _INDEPENDENT[c]
    initial = _INITIAL.get(c, "")
    rest = syl[1:]
    medials = [m for m in rest if m in _MEDIAL_Y + _MEDIAL_R + _MEDIAL_W + _MEDIAL_H]
    w = _MEDIAL_W in medials
    if _MEDIAL_Y in medials or _MEDIAL_R in medials:
        initial = _WITH_Y.get(initial, initial + "y")
    if _MEDIAL_H in medials:
        initial = _WITH_H.get(initial, "h" + initial)
    if w:
        initial += "w"
    final: str | None = None
    vowels = ""
    k = 0
    while k < len(rest):
        ch = rest[k]
        if ch in _VOWEL_SIGNS or ch == _ANUSVARA:
            vowels += ch
        elif ch in _CONSONANTS and (k + 1 < len(rest) and rest[k + 1:].lstrip(
                _DOT + _VISARGA)[:1] in (_ASAT, _VIRAMA)):
            final = _FINAL_KIND.get(ch, "t")
        k += 1
    rhyme = _rhyme(vowels, final, w, _VISARGA in rest, _DOT in rest)
    if w and rhyme.startswith("u"):
        initial = initial[:-1]  # (the wa medial is the vowel: ထွန်း Tun, ညွန့် Nyunt)
    if initial == "" and rhyme == "ay":
        return "aye"  # (အေး Aye)
    return initial + rhyme


# the ranks of Myanmar's armed forces (and the doctor's title) a name is written after, in
# English, as the lists and the title table know them (ဗိုလ်ချုပ်မှူးကြီး မင်းအောင်လှိုင်:
# Senior General Min Aung Hlaing); longest first
_RANKS = sorted({
    "ဗိုလ်ချုပ်မှူးကြီး": "Senior General", "ဒုတိယဗိုလ်ချုပ်မှူးကြီး": "Vice Senior General",
    "ဗိုလ်ချုပ်ကြီး": "General", "ဒုတိယဗိုလ်ချုပ်ကြီး": "Lieutenant General",
    "ဗိုလ်ချုပ်": "Major General", "ဗိုလ်မှူးချုပ်": "Brigadier General",
    "ဗိုလ်မှူးကြီး": "Colonel", "ဒုဗိုလ်မှူးကြီး": "Lieutenant Colonel", "ဗိုလ်မှူး": "Major",
    "ဗိုလ်ကြီး": "Captain", "ဒေါက်တာ": "Doctor",
}.items(), key=lambda kv: -len(kv[0]))


# the English words of company names as Burmese writes them (ကုမ္ပဏီ လီမိတက်: Company
# Limited), read as the English words, as the lists write them
_LOANWORDS = {"ကုမ္ပဏီ": "Company", "လီမိတက်": "Limited", "ကော်ပိုရေးရှင်း": "Corporation",
              "ဂရုပ်": "Group"}
_LOANWORD = re.compile("|".join(sorted(_LOANWORDS, key=len, reverse=True)))
# an English word's final sound, which Burmese writes after it in brackets (ကင်း(င်), King;
# တက်ကနော်လော်ဂျီ(စ်), Technologies): that sound, after the word
_BRACKETED_FINAL = re.compile("\\(([\u1000-\u1021])\u103a\\)")
_FINAL_SOUND = {"က": "k", "င": "ng", "စ": "s", "ဇ": "z", "တ": "t", "ဒ": "d", "န": "n", "ပ": "p",
                "ဖ": "f", "ဗ": "b", "မ": "m", "လ": "l", "ရ": "r", "သ": "th", "ဂ": "g"}
# a run of Myanmar letters, an English word's bracketed final sound inside it
_RUN = re.compile("[\u1000-\u103f\u1050-\u109f]+"
                  "(?:\\([\u1000-\u1021]\u103a\\)[\u1000-\u103f\u1050-\u109f]*)*")


def burmese_latin(text: str) -> str:
    """A text with each run of Myanmar letters written as the conventional romanisation of
    names writes it, a Latin word a syllable (မင်းအောင်လှိုင်: Min Aung Hlaing), a military
    rank it begins with in English (Senior General); other characters as they are."""

    def run(match: re.Match[str]) -> str:
        letters, rank = match.group(0), ""
        for burmese, english in _RANKS:
            if letters.startswith(burmese):
                letters, rank = letters[len(burmese):], english + " "
                break
        parts = _BRACKETED_FINAL.split(letters)  # (text, final, text, final, ..., text)
        words: list[str] = []
        for k in range(0, len(parts), 2):
            read = [_syllable_latin(s, not words and j == 0)
                    for j, s in enumerate(_syllables(parts[k]))]
            sound = _FINAL_SOUND.get(parts[k + 1], "") if k + 1 < len(parts) else ""
            if read and sound and not read[-1].endswith(sound):
                read[-1] += "g" if sound == "ng" and read[-1].endswith("n") else sound
            words += read
        return " " + rank + " ".join(w.capitalize() for w in words if w) + " "

    text = _LOANWORD.sub(lambda m: " " + _LOANWORDS[m.group(0)] + " ", text)
    return " ".join(_RUN.sub(run, text).split())

