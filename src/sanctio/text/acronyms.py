"""Organisations known by their acronym: ``ERPAC`` for EJERCITO REVOLUCIONARIO POPULAR
ANTITERRORISTA DE COLOMBIA, ``NITC`` for National Iranian Tanker Company, ``PCCI`` for
PETROCHEMICAL COMMERCIAL COMPANY INTERNATIONAL, ``AORC`` for ABADAN OIL REFINING COMPANY
PRIVATE JOINT STOCK.

An acronym is the first letter of each word of the name, in Latin letters (a hyphenated word
gives a letter for each part). Where the letters begin and end is what makes one name have
several: the words that only join others (of, de, and) are taken or left, and so are the
business words at either end (Company, Group, Private Joint Stock): NITC takes the C of
Company, NIT would leave it; a legal form (AO, S.A., FZE) is always left out. A name with a
digit, an acronym of its own inside (NIOC Trading), or fewer than four letters or more than
eight left, has none.

A query is written as an acronym (:func:`as_acronym`) when its one word outside its legal form
is in capitals (I.R.G.C. or IRGC; ``Mary`` is a name, ``MARY`` may be either), of four to
eight letters. A match through an acronym is weaker evidence than the name (:func:`penalty`):
four letters are a possible match (at the threshold for a query written as the acronym,
under it for a name read as the acronym a list writes), five or more a match; three say too
little to be read at all (MIT is the Mujahidin Indonesia Timur on a list, and the
Massachusetts Institute of Technology elsewhere; one random string of three letters in three
is some listed organisation's initials).
"""

from __future__ import annotations

import re
from functools import lru_cache

from sanctio.text.normalize import (
    PARTICLES,
    is_legal_form,
    to_latin,
    tokenize_ascii,
    without_legal_forms,
)

__all__ = ["MAX_LETTERS", "MIN_LETTERS", "acronym_match", "acronyms_of", "as_acronym",
           "name_key", "penalty"]

MIN_LETTERS = 4
MAX_LETTERS = 8
# the words a name may begin or end with that an acronym takes or leaves (the legal forms
# rigour reads as one word are found by is_legal_form)
_EDGE_WORDS = frozenset("""
company co corporation corp incorporated inc limited ltd liability partnership joint stock
private public open closed holding holdings group
""".split())
_WORD = re.compile(r"[^\W_]+")
# the words that only join others, which an acronym takes or leaves (of, de, and; in, do)
_JOINING = PARTICLES | frozenset(
    "do in for on at to a an et i per pour para por fur og och en".split())
_DOTTED = re.compile(rf"(?:[A-Za-z]\.){{{MIN_LETTERS - 1},{MAX_LETTERS}}}[A-Za-z]?\.?")


def _latin_letters(text: str) -> bool:
    """Every letter of ``text`` is a Latin one."""
    return all(ord(c) < 0x250 for c in text if c.isalpha())


def _skip(words: list[str], order: range) -> int:
    """How many of ``words``, taken in ``order``, are business words (:data:`_EDGE_WORDS`)
    before another."""
    count = 0
    for k in order:
        if words[k] not in _EDGE_WORDS:
            break
        count += 1
    return count


@lru_cache(maxsize=20_000)
def acronyms_of(text: str, least: int = MIN_LETTERS) -> tuple[str, ...]:
    """The acronyms (lower case) an organisation's name in Latin letters may be written as,
    as the module says, the one people write first (the legal form at either end left out,
    the words that join others too), of ``least`` letters or more; () for a name with
    none."""
    words = _WORD.findall(text)
    if not words or not _latin_letters(text) or any(c.isdigit() for c in text):
        return ()
    if not text.isupper() and any(len(w) >= 2 and w.isupper() and not is_legal_form(
            w.lower()) for w in words):
        return ()  # (an acronym inside: NIOC Trading)
    low = tokenize_ascii(without_legal_forms(text))  # (S.A. and AO left out whole)
    n = len(low)
    # where the letters may begin and end: after the business words at either end, or
    # with them (National Iranian Tanker Company: NITC, NIT)
    starts = list(range(_skip(low, range(n)) + 1))
    ends = [n - k for k in range(_skip(low, range(n - 1, -1, -1)) + 1)]
    out: list[str] = []
    for i in starts:
        for j in ends:
            core = low[i:j]
            for joined in (False, True):
                letters = "".join(w[0] for w in core if joined or w not in _JOINING)
                if least <= len(letters) <= MAX_LETTERS and letters not in out:
                    out.append(letters)
    return tuple(out)


def name_key(text: str) -> tuple[str, ...]:
    """The words of an organisation's name that say which it is: without its legal form,
    the words that join others or the business words (Company, Group), in Latin letters;
    the same for the names one organisation is written as on each list (CHADORMALU MINING
    AND INDUSTRIAL CO., Chadormalu Mining & Industrial Company)."""
    return tuple(w for w in tokenize_ascii(to_latin(without_legal_forms(text)))
                 if w not in _JOINING and w not in _EDGE_WORDS)


def as_acronym(text: str) -> str | None:
    """The acronym (lower case) a name is written as: its one word outside a legal form in
    capitals (NITC, AORC LLC, I.R.G.C.), of four to eight letters; None for any other
    name."""
    stripped = text.strip()
    if _DOTTED.fullmatch(stripped):
        letters = stripped.replace(".", "")
        return letters.lower() if letters.isalpha() else None
    found = _WORD.findall(stripped)
    if not any(_acronym_word(w) for w in found):
        return None  # (the acronym is one of these words: none is, no legal form is read)
    words = [w for w in found if not is_legal_form(to_latin(w))]
    if len(words) > 1:
        # (a legal form written with dots is one form, its letters no words: CGRC S.A.,
        # SVSS L.L.C; the one word left outside it is the acronym)
        rest = without_legal_forms(stripped).split()
        if len(rest) == 1:
            words = [w for w in words if w.lower() == rest[0]][:1]
    if len(words) != 1 or not _latin_letters(stripped):
        return None
    word = words[0]
    return word.lower() if _acronym_word(word) else None


def _acronym_word(word: str) -> bool:
    """A word that may be an acronym as written: ASCII capitals, four to eight of them."""
    return (word.isascii() and word.isalpha() and word.isupper()
            and MIN_LETTERS <= len(word) <= MAX_LETTERS)


def penalty(acronym: str, written: bool) -> float:
    """What a match through an acronym takes off the score, the more the likelier its
    letters are another name's initials (measured on the four main lists: a random string
    of three initials is the acronym of some listed organisation's name one time in three,
    of four one in thirty, of five one in 800; the acronym one of the lists writes, one in
    fifteen, 350, 2,500; and unlisted company names of four words, Kim Import Export
    Corporation, meet a listed acronym, KIEC, often enough to alert). Three letters are no
    acronym here at all (:data:`MIN_LETTERS`). Four, for a query ``written`` as the acronym
    (of the names of three listed organisations at most: the screener reads no more), 0.2:
    a possible match at the usual threshold, for an analyst to look at (a query that is four
    capitals and nothing else says no more than that; of 904 unlisted company names with a
    four-letter acronym, 76 are the acronym of such a listed name); for a name read as the
    four-letter acronym a list writes, 0.25, under the threshold. Five letters 0.15, more
    0.1, for a query written as the acronym; 0.15 for five or more for a name read as the
    acronym a list writes."""
    if len(acronym) <= 4:
        return 0.2 if written else 0.25
    if written:
        return 0.15 if len(acronym) == 5 else 0.1
    return 0.15


def acronym_match(acronym_name: str, full_name: str) -> str | None:
    """The acronym (lower case) that ``acronym_name`` is written as and that ``full_name``
    may be written as; None where it is not."""
    acronym = as_acronym(acronym_name)
    if acronym is None or as_acronym(full_name) is not None:
        return None
    return acronym if acronym in acronyms_of(full_name) else None
