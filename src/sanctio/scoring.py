"""Scoring: how strongly a query name is a list name, and how secondary facts move that.

Name score. Both names are analysed (:mod:`sanctio.text.normalize`); titles and particles are
set aside; the remaining tokens are aligned one to one (or one to two, for names written
together or apart: ``Alkani`` / ``al Kani``, ``Xi Jinping`` / ``xi jin ping``), best pairs
first. Each token carries a weight from its rarity in the loaded lists: a rare family name is
strong evidence, ``Mohamed`` weak, generic organisation words (militia, company) weaker still.

    score = sum(sim * w  over aligned pairs)
            / (sum(w over aligned pairs) + sum(w of unmatched query tokens)
               + EXTRA_LIST_TOKEN * sum(w of unmatched list tokens))

so an exact name scores 1, a missing middle name costs little, an extra or different query
token costs a lot, and two names sharing one common token score low. Token similarity is 1
for equal tokens, 0.98 for a glued article (``alkani``/``kani``), 0.93 for known variants of
one name (rigour's name symbols: Mohamed = Muhammad), 0.88 for tokens with the same consonant
skeleton (transliterations, Arabic script), the edit-distance similarity otherwise (one typo
or one transposition in a 4-letter token: 0.8, in a 6-letter one: 0.86), 0.75 for an initial.
A single shared token between names of three or more name tokens in all is scaled by 0.75:
a surname alone does not identify a person; and a name matched only on common tokens
(weight under 0.6) while the list name has more is scaled by 0.85: "Mohamed Ali" is not
"Mohamed Ali JAFARI".

Secondary facts then adjust the name score, each with its own line of explanation: date of
birth at its precision, nationality or country, gender, schema, identifiers, weak aliases.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache, partial
from typing import Any

from mypy_extensions import mypyc_attr
from rapidfuzz import fuzz
from rapidfuzz.distance import OSA, Prefix

from sanctio.contract import Evidence
from sanctio.model import DateValue, NameType, Schema
from sanctio.text.abjad import (
    ALEF,
    ALLAH_LATIN,
    WORD_JOIN,
    arabic_keys,
    glued_article,
    is_allah,
    is_arabic_word,
    latin_keys,
    long_vowels_differ,
    maqsura_after,
    nisba_apart,
    reading_of,
    without_article,
)
from sanctio.text.diminutives import DIMINUTIVE_PREFIX
from sanctio.text.katakana import is_katakana, reads_as_katakana
from sanctio.text.normalize import (
    CJK_SYLLABLE,
    KO_FAMILY,
    NAME_TITLES,
    NEAR_KEYS,
    TITLES,
    TITLES_AS_WRITTEN,
    NameForm,
    Role,
    Token,
    analyze,
    arabic_prepare,
    as_generation,
    by_fields,
    consonant_key,
    han_same,
    hangul_syllable,
    is_cyrillic_word,
    keyboard_slip,
    known_name,
    known_syllable,
    korean_only,
    korean_spelling,
    leading_title,
    mostly_name,
    no_vowels,
    number_value,
    opening_names,
    org_tags,
    persian_script,
    pinyin_apart,
    pinyin_misread,
    pinyin_pairs,
    russian_nominative,
    skeleton,
    sounds,
    strict_skeleton,
    syllable_key,
    syllable_spelling,
    titles_as_names,
    to_latin,
    tokenize_ascii,
    vowels_dropped,
)
from sanctio.text.orgwords import (
    NATIVE_WORD,
    other_territories,
    place_adjective,
    place_word,
    state_word,
    table_english,
    territory,
)
from sanctio.text.slavic import (
    MASCULINE_ENDS,
    baltic_cores,
    cyrillic_spelling_alike,
    cyrillic_spellings,
    czech_feminine_forms,
    is_patronymic,
    passport_spelled,
    patronymic_stem,
    slavic_fold,
    ukrainian_h_alike,
)
from sanctio.text.symbols import symbols_of

EXTRA_LIST_TOKEN = 0.2  # how much an unmatched list token (a middle name) costs
EXTRA_QUERY_TOKEN = 0.7  # how much an unmatched query token costs
EXTRA_LIST_SYLLABLE = 0.45  # how much an unmatched syllable of a Chinese or Korean name costs
_JOIN_SLACK = 3  # two tokens written together differ in length by at most this from one
MIN_TOKEN_SIM = 0.55  # below this two tokens are not aligned at all
_COMMON_WEIGHT = 0.6  # tokens weighing less are common names (Mohammed, Ali, Kim)
_RARE_WEIGHT = 0.9  # tokens weighing this or more are in a few list names only
NAME_TYPE_FACTOR = {
    NameType.PRIMARY: 1.0, NameType.ALIAS: 1.0, NameType.ORIGINAL: 1.0,
    NameType.FORMER: 0.97, NameType.WEAK: 0.9,
}
# a weak alias (OFAC's low-quality a.k.a.: a broad or generic name, YUSUF, Habib; ALFONSO
# CANO) counts only written nearly as the list writes it: a query in its script loses this much
# more for each point its name score falls short of 1 (Habibu Yusuf, 0.96 as a name, is 0.79;
# Ming Zhong for MING CHUNG, 0.98, 0.84); a query in another script, whose reading never
# scores 1, does not (ኤርሚኣስ ግርማይ, the EU's weak alias Ermias Ghirmay)
WEAK_SHORTFALL = 2.0


def typed_name_score(score: float, name_type: NameType, same_script: bool = True) -> float:
    """A name score weighed by the type of the list name it was scored against: a former name
    or a weak alias is weaker evidence (:data:`NAME_TYPE_FACTOR`), and a weak alias in the
    query's script is evidence only written nearly as the list writes it
    (:data:`WEAK_SHORTFALL`)."""
    typed = score * NAME_TYPE_FACTOR[name_type]
    if name_type == NameType.WEAK and same_script:
        typed -= WEAK_SHORTFALL * (1.0 - score)
    return max(0.0, typed)


# ------------------------------------------------------------------------- token weights


@mypyc_attr(native_class=False)  # (see sanctio.native)
class TokenWeights:
    """Rarity of tokens in the loaded lists (inverse document frequency over list names)."""

    def __init__(self, df: Mapping[str, int], n_names: int) -> None:
        self.df = df
        self.n = max(n_names, 1)
        self._max = math.log(1 + self.n)

    @classmethod
    def uniform(cls) -> TokenWeights:
        return cls({}, 1)

    def weight(self, tok: Token) -> float:
        if tok.role == Role.NUMBER:
            return 0.9
        df = self.df.get(tok.text, 0)
        if tok.alt is not None:
            df = min(df, self.df.get(tok.alt, df)) if df else self.df.get(tok.alt, 0)
        if self.n <= 1:
            base = 1.0
        else:
            # rare tokens (df <= 3) weigh 1; tokens in 1% of names weigh about 0.35
            base = math.log(1 + self.n / (1 + df)) / math.log(1 + self.n / 4)
            base = min(1.0, max(0.12, base))
        if tok.role == Role.GENERIC:
            base *= 0.3
        if len(tok.text) == 1:
            base = min(base, 0.3)  # an initial is weak evidence
        elif tok.short:
            base = min(base, 0.5)  # so is a word written short (Alex., Inv.)
        return base


# ------------------------------------------------------------------------ similarity

def _text_sim(a: str, b: str) -> float:
    if a == b:
        return 1.0
    la, lb = len(a), len(b)
    longest = max(la, lb)
    if min(la, lb) <= 2:
        return 0.0
    dist = OSA.distance(a, b)
    if longest <= 3:
        return 1.0 - dist / longest
    if dist >= 2 and longest <= 6 and skeleton(a) != skeleton(b):
        # two letters apart in a short name is another name (Marta / Mark, Pedro / Petr),
        # unless only vowels differ (Mohsen / Muhsin)
        return 0.5
    if dist >= 3 and abs(la - lb) >= 2 and longest <= 8 and skeleton(a) != skeleton(b):
        # three letters apart, two of them more or less, and other consonants in a name of
        # up to eight letters: another name (Raashid / Raad), not a spelling
        return 0.5
    # one edit (typo or transposition) in a 4-letter token: 0.8, in an 8-letter one: 0.89
    return 1.0 - dist / (longest + 1)


@lru_cache(maxsize=200_000)
def _h_less(text: str) -> str:
    """The token without an ``h`` after a consonant (transliteration digraphs)."""
    return re.sub(r"(?<=[bdgkpstz])h", "", text)  # (not ch: Charter is no Carter)


_FINAL_H = re.compile(r"(?<=[aeiou])h$")
# Abdullah as the lists spell it in Latin letters (abdlah once its compound is read) and
# without its h (Abdalla, Abdulla, Abdoulla: Abd Allah; in the script عبد الله)
_ABDULLAH = re.compile(r"abdlah|abd(?:[aeiu]|ou)ll?ah?")


def _after_abd(text: str) -> str:
    """The name after Abd in a word it begins, without the article's vowel and l the
    Persian and other spellings keep (abdolfatah: fatah, as abdfatah)."""
    rest = text[3:]
    return rest[2:] if len(rest) >= 6 and rest[0] in "aeiou" and rest[1] == "l" else rest


# son of (and father of, bou) as the Maghreb's family names begin with it, glued
_GLUED_SON = frozenset({"ben", "bin", "bou"})


def _names_apart(sim: float, how: str) -> bool:
    """:func:`token_sim`'s answer says two names, not one spelled two ways (the name after
    Abd or before Allah compared alone)."""
    return how == _ANOTHER_KNOWN or how.startswith("another") or sim < MIN_TOKEN_SIM


# a name of Allah's, the name before it and Allah in its spellings (Habibullah, Nasrallah)
_BEFORE_ALLAH = re.compile(r"([a-z]{3,}?)[aeiou]ll?ah?")
# Muhammad as the lists spell it in Latin letters (rigour's name symbols miss some spellings:
# Muhamed, the Bosnian and Balkan one)
_MUHAMMAD = re.compile(r"m[ou]h[ae]mm?[ae]d")


@lru_cache(maxsize=100_000)
def _romanisation_fold(text: str) -> str:
    """A name as the English-speaking lists romanise it, from the French and older
    spellings: tch / ch for sh (Tchernov, Charif: Shernov, Sharif; English ch folds the
    same way), dj and the Russian dzh for j (Djamel, Dzhamal, Dzhokhar), the Russian kh for
    h (Jakhongir, Rakhim), ou for u (Mouhamed), oo and ee for u and i, ph for f (Moustapha),
    and no silent h at the end (Salihah)."""
    folded = text.replace("tch", "ch").replace("dzh", "j").replace("dj", "j").replace(
        "kh", "h").replace("ch", "sh").replace("ph", "f").replace(
        "ou", "u").replace("oo", "u").replace("ee", "i")
    return _FINAL_H.sub("", folded)


def _persian_dh(a: str, b: str) -> bool:
    """One Arabic name as Arabic and Persian romanise it: ذ, ض and ظ are dh in the one and
    z in the other, and Persian writes the short i as e (Ridha, Reza; Dhiya, Ziya;
    Dhulfiqar, Zulfiqar)."""
    if ("dh" in a) == ("dh" in b):
        return False
    fa, fb = (w.replace("dh", "z").replace("e", "i") for w in (a, b))
    return fa == fb and fa[0] == a[0].replace("d", "z") == b[0].replace("d", "z")


_PERSIAN_GH_DOUBLE = re.compile(r"([^aeiu])\1")
_GH_Q_HEADS = [{"gh", q} for q in ("qa", "qe", "qi", "qo", "qu")]


def _persian_gh_fold(word: str, head: bool = False) -> str:
    """:func:`_persian_gh`'s form: gh after the first letter as q, the vowels as Arabic has
    them (ou, o: u; e: i, at the head too: Eshagh, Ishaq; a final y: i), doubled consonants
    single."""
    folded = word.replace("gh", "q") if head else word[0] + word[1:].replace("gh", "q")
    folded = folded.replace("ou", "u").replace("o", "u").replace("ee", "i").replace("e", "i")
    if folded.endswith("y"):
        folded = folded[:-1] + "i"
    return _PERSIAN_GH_DOUBLE.sub(r"\1", folded)


def _persian_gh(a: str, b: str) -> bool:
    """One Arabic or Persian name as Arabic and Persian romanise it: Persian says ق (q) as
    غ (gh) and writes it so inside a word, with e for the short i and o for u (Sadegh,
    Sadiq; Naghdi, Naqdi; Yaghoubi, Yaqubi; Bagher, Baqir; Eshagh, Ishaq). Only inside
    the word: at its head gh and q are two Arabic letters of two names (Ghazi, Qazi; Ghadir,
    Qadir), which the name tables part or join themselves (Ghasem, Qasem), but in a name of
    six letters or more (Ghalibaf, Qalibaf)."""
    if "gh" not in a and "gh" not in b:
        return False  # (most pairs: no slice made)
    if ("gh" in a[1:] and "q" in b[1:]) or ("gh" in b[1:] and "q" in a[1:]):
        return _persian_gh_fold(a) == _persian_gh_fold(b)
    # (at the head in a longer name: Ghalibaf, Qalibaf)
    return min(len(a), len(b)) >= 6 and {a[:2], b[:2]} in _GH_Q_HEADS and (
        _persian_gh_fold(a, True) == _persian_gh_fold(b, True))


_FRENCH_MARK = re.compile("ou|dj|tch")
# what only an Arabic name's Latin spelling writes: French ou, dj, tch, a long aa, a silent h
# or y at the end, q, kh, dh, gh (Lopez and Lupez have none of them, nor Rossi and Russi)
_ARABIC_MARK = re.compile(r"ou|dj|tch|aa|ah$|[aeiou]y$|q|kh|dh|gh")


@lru_cache(maxsize=100_000)
def _arabic_vowel_fold(text: str) -> str:
    """An Arabic name's Latin spelling with the vowels Arabic has: o is u (Omar, Umar;
    Jomaa, Jumaa), y at the end is i (Louay, Loai), on top of :func:`_romanisation_fold`."""
    folded = _romanisation_fold(text).replace("o", "u")
    return folded[:-1] + "i" if folded.endswith("y") else folded


_DOUBLED_CONSONANT = re.compile(r"(?<=.)([^aeiu])\1")
_DOUBLED_VOWEL = re.compile(r"(?<=.)([aeiu])\1")


@lru_cache(maxsize=200_000)
def _arabic_spellings(a: str, b: str) -> bool:
    """Two Latin spellings of one Arabic name: one of them spelled as only an Arabic name is
    (``_ARABIC_MARK``), the same consonants as Arabic has them
    (:func:`sanctio.text.abjad.latin_keys`) and the same letters once folded
    (:func:`_arabic_vowel_fold`) and either their doubled consonants (a shadda: Moussa, Musa)
    or their doubled vowels (a long vowel: Jumaa, Juma) written once, never both (Kannan is
    no Kanaan), nor at the start (an ayn: Aamir is no Amir); where a word is spelled the
    French way (ou, dj, tch), its e stands for any short vowel (Youssef, Yusuf). Jamal is no
    Jamil, Hassan no Hussein."""
    if not (_ARABIC_MARK.search(a) or _ARABIC_MARK.search(b)):
        return False
    fa, fb = _arabic_vowel_fold(a), _arabic_vowel_fold(b)
    if fa[:1] != fb[:1] or not latin_keys(fa) & latin_keys(fb):
        return False
    french = _FRENCH_MARK.search(a) or _FRENCH_MARK.search(b)
    for once in (_DOUBLED_CONSONANT, _DOUBLED_VOWEL):
        x, y = once.sub(r"\1", fa), once.sub(r"\1", fb)
        if x == y or (french and len(x) == len(y) and all(
                c == d or (c == "e" and d in "aiu") or (d == "e" and c in "aiu")
                for c, d in zip(x, y, strict=True))):
            return True
    return False


# particles written together with the name they stand before (BENKADDOUR, DELVALLE, VONBRAUN)
_GLUED_PARTICLES = frozenset("ben bin ibn bel del de da di du dos al el ul ur ud us abu abou van "
                             "von der ould".split())


_GLUED = "particle written together"
_GLUED_SIM = 0.95
TRANSLIT_SYSTEM = "transliteration of another language (sch, sj, tj; w; j)"
PASSPORT_SPELLING = "transliteration of the passports (ICAO 9303: iu, ia, ie; -ii, -iia)"


def _particle_glued(a: str, b: str) -> bool:
    """One token is the other with a particle glued in front (Benkaddour, Kaddour)."""
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return (len(short) >= 3 and long_.endswith(short)
            and long_[:len(long_) - len(short)] in _GLUED_PARTICLES)


def _glued_head(p: Pair) -> tuple[bool, str]:
    """Of a pair of one word each aligned as a particle written together: whether the
    query's word is the glued one, and the particle glued (urrahman against rahman: ur)."""
    a, b = p.query[0].text, p.listed[0].text
    return (True, a[:len(a) - len(b)]) if len(a) > len(b) else (False, b[:len(b) - len(a)])


def _glued_heads(pairs: list[Pair]) -> tuple[set[str], set[str]]:
    """The particles glued to a name in the query's and in the list name's words of the
    pairs aligned as a particle written together."""
    heads: tuple[set[str], set[str]] = (set(), set())
    for p in pairs:
        if p.how == _GLUED and len(p.query) == len(p.listed) == 1:
            in_query, head = _glued_head(p)
            heads[0 if in_query else 1].add(head)
    return heads


SWIFT_LINE = 35  # the characters of a SWIFT name line, which cuts a longer name
FIELD_CHARS = 30  # a name this long may have been cut anywhere in its last word


def on_swift_line(text: str) -> bool:
    """A name as long as a SWIFT name line, which may have cut it even after a whole word
    (34 characters where the 35th was a space)."""
    return len(text.rstrip()) in (SWIFT_LINE - 1, SWIFT_LINE)

KNOWN_OTHER_SIM = 0.5  # two names people are given, with other consonants (Gohar / Zohar)
KNOWN_APART_SIM = 0.75  # two names rigour knows apart, a letter or two from each other
_ANOTHER_KNOWN = "spelling of another known name"  # how token_sim says so


def _nickname(q: Token, r: Token) -> bool:
    """One token is the other's nickname: they share rigour's nickname symbol (Bob,
    Robert) or one is a diminutive of the other (Seryozha, Sergei; see
    :mod:`sanctio.text.diminutives`)."""
    for a, b in ((q, r), (r, q)):
        for s in a.symbols:
            if s.startswith(DIMINUTIVE_PREFIX) or (s.startswith("[NICK:") and s in b.symbols):
                return True
    return False


# the sounds the first letters of a word can stand for in the romanisations of names: the
# French Charif is the English Sharif, the Turkish Cemal the Arabic Jamal, the Gulf's Gasim
# the Qasim of the books
_ONSETS = (
    ("tsch", "CS"), ("sch", "S"), ("tch", "CS"), ("tsh", "CS"), ("dzh", "J"), ("sh", "S"),
    ("ch", "SKC"), ("kh", "KH"), ("gh", "G"), ("zh", "JZ"), ("dj", "J"), ("dh", "ZD"),
    ("th", "TS"), ("ph", "F"), ("ts", "C"), ("ou", "W"),
    ("c", "KSCJ"), ("k", "K"), ("q", "KG"), ("g", "GKJ"), ("j", "JY"), ("y", "JYV"),
    ("x", "KSH"), ("w", "W"), ("v", "W"), ("p", "PB"), ("b", "BP"), ("z", "Z"),
    ("a", "V"), ("e", "V"), ("i", "V"), ("o", "V"), ("u", "V"),
)


@lru_cache(maxsize=20_000)
def _onset(word: str) -> frozenset[str]:
    for head, heard in _ONSETS:
        if word.startswith(head):
            return frozenset(heard)
    return frozenset(word[:1].upper())


_FIRST_SLIP = "typo (first letter)"


def _first_letter_apart(a: str, b: str) -> bool:
    """Two words (neither empty) that differ in their first letter only: another there,
    or one dropped or added before the rest."""
    return a[0] != b[0] and (a[1:] == b[1:] or a == b[1:] or a[1:] == b)


def _first_letter_slip(q: Token, r: Token) -> bool:
    """Two words of five letters or more that differ in their first letter only (another
    there, or one dropped or added before the rest), the query's no name people have:
    Atruktura, Uromecanica, nstitute for Institute. A first letter is seldom mistyped, so
    a query word that is a name of its own stays another name (Vassil is not Bassil), and
    in a person's name so does any (:func:`_align` asks it of organisations' names only:
    Ladimir, Famil, Aasim are other people's names as often as Vladimir, Jamil, Qasim
    mistyped)."""
    a, b = q.text, r.text
    return min(len(a), len(b)) >= 5 and _first_letter_apart(a, b) and not (
        q.abjad or r.abjad or q.orig or r.orig) and not known_name(q)


def _first_slip_left(qt: list[Token], rt: list[Token], pairs: list[Pair], used_q: set[int],
                     used_r: set[int], weights: TokenWeights, person: bool
                     ) -> tuple[list[Pair], set[int], set[int]]:
    """Where all words of both names but one on each side are paired, those two differing
    only in their first letter (another there, or one dropped or added) are a word
    mistyped, where the rest of the name says which it is.

    In a ``person``'s name the other words must be the list name's as written, and three
    (AMID ABDALLAH AHMAD AL-ALI), or two, one of them a rare name (:data:`_RARE_WEIGHT`:
    RANK KAKOLELE BWAMBALE, Parisa Aleksandrovna DOLINA, Hamal Ali BABAMORADI); beside one,
    only a first letter dropped from the list's word, leaving a word no list name has (amza
    NITRIK). Otherwise a first letter still says another person (Amer Foz is not Samer Foz;
    Ladimir Novikov, Famil Makulu, Aasim Ibrahim: :func:`_first_letter_slip`).
    In an organisation's name the other words may be the list's in any form that is near
    the same (0.9), and the query's word, four letters or more, must be no list word and no
    name people have (ROUP for GROUP, lant No. 8, DALE OURS for DALE TOURS): a short word so
    written is another word where it is one (Ravel, Travel: :func:`token_sim`)."""
    if not (len(qt) == len(rt) >= 2 and len(used_q) == len(qt) - 1 == len(used_r)):
        return pairs, used_q, used_r
    if not all((p.how == "same" if person else p.sim >= 0.9) and len(p.qi) == len(p.rj) == 1
               for p in pairs):
        return pairs, used_q, used_r
    i = min(set(range(len(qt))) - used_q)
    j = min(set(range(len(rt))) - used_r)
    a, b = qt[i], rt[j]
    x, y = a.text, b.text
    if not (max(len(x), len(y)) >= 5 and min(len(x), len(y)) >= 4 and _first_letter_apart(
            x, y)) or (
            a.abjad or b.abjad or a.orig or b.orig or _syllable_name(rt) or _syllable_name(qt)):
        return pairs, used_q, used_r
    if person and not (len(pairs) >= 3 or (len(pairs) == 2 and max(
            weights.weight(rt[p.rj[0]]) for p in pairs) >= _RARE_WEIGHT) or (
            x == y[1:] and not weights.df.get(x))):
        return pairs, used_q, used_r
    if not person and (weights.df.get(x) or known_name(a) or Role.NUMBER in (a.role, b.role)):
        return pairs, used_q, used_r
    slip = Pair([a], [b], _text_sim(x, y), _FIRST_SLIP, (i,), (j,))
    return [*pairs, slip], used_q | {i}, used_r | {j}


def _known_other_names(q: Token, r: Token) -> bool:
    """Both words are given or family names that rigour knows, as different names (no
    name symbol in common), their consonants differ and so does their first sound: Gohar
    is not Zohar, Tali is not Ali (but Charif is Sharif). A spelling likeness between two
    real names is not evidence of one person; but rigour knows rare names by the thousand,
    and a typo inside a word often spells one (Marina as Maria, Eric as Eri), so only the
    first sound, which people seldom mistype, decides. Words read from a script are left
    to the script's own rules."""
    if (q.text[:1] == r.text[:1] or q.orig or r.orig or q.abjad or r.abjad or q.skel == r.skel
            or _onset(q.text) & _onset(r.text)):
        return False
    return known_name(q) and known_name(r)


def _abd_and_not(a: str, b: str) -> bool:
    """One name is made with Abd (servant of) and the other not, two edits apart or more:
    two names, however many letters they share (Abdirahim, Abd al-Rahim, is not Ibrahim). A
    typo inside the Abd leaves its d near the head (Adbrahim, Abfdifatah) or is one edit
    (Abid for Abdi): the same name."""
    if (a[:3] == "abd") == (b[:3] == "abd"):
        return False
    other = b if a[:3] == "abd" else a
    return "d" not in other[:4] and OSA.distance(a, b, score_cutoff=1) > 1


def _i_against_a(a: str, b: str) -> bool:
    """Two words alike but for one vowel inside them, an i in one where the other has an a:
    in names of Arabic the pattern of another name (Jamil, Jamal; Kamil, Kamal; Bashir,
    Bashar; Rashid, Rashad; Amir, Amar; Said, Saad), where an e for the i (Majed, Majid) or
    for the a (Ahmed, Ahmad) is a spelling of the same one."""
    if len(a) != len(b) or len(a) < 4:
        return False
    diff = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
    return len(diff) == 1 and 0 < diff[0] < len(a) - 1 and {a[diff[0]], b[diff[0]]} == {"a", "i"}


def _known_apart(q: Token, r: Token) -> bool:
    """Both words are names rigour knows, with no name symbol in common."""
    qs, rs = q.symbols, r.symbols
    return bool(qs) and bool(rs) and qs.isdisjoint(rs) and known_name(q) and known_name(r)


_FEMININE = re.compile(r"(?:a|ah|e|la|le|lle)")


def _feminine_form(q: Token, r: Token) -> bool:
    """One name is the other with a feminine ending, and rigour knows them as two names:
    Karim / Karima, Jamil / Jamila, Daniel / Daniella (another person, however alike); as
    Cyrillic writes it too (Александра is no Aleksandr), not an abjad, which writes the
    ending ambiguously."""
    short, long = (q, r) if len(q.text) < len(r.text) else (r, q)
    return (len(short.text) >= 4 and long.text.startswith(short.text)
            and _FEMININE.fullmatch(long.text[len(short.text):]) is not None
            and not (q.abjad or r.abjad) and _known_apart(q, r))


_FEMININE_HOW = "another name (the feminine form)"
# East Slavic family names, both forms: -ov, -ev, -in, -sky and their -a, -aya
_SLAVIC_FAMILY = re.compile(r"(?:[oe]va?|[iy]na?|sk(?:iy|ii|y|i|aya|a))$")
_SLAVIC_MALE_FAMILY = re.compile(r"(?:[oe]v|[iy]n)$")  # Andreyev, Sergeyev, Ilyin
GENDER_SLIP_SIM = 0.88


def _gender_slip(qt: list[Token], rt: list[Token], pairs: list[Pair], used_q: set[int],
                 used_r: set[int]) -> tuple[list[Pair], set[int], set[int]]:
    """A family name in the other gender's form (KOROBOV for KOROBOVA, SHARONOVA for
    SHARONOV) where both names have the same given name and the same patronymic: a man and
    a woman of one family have other given names and patronymics (Ivan Petrovich IVANOV,
    Maria Petrovna IVANOVA), one person written with the wrong ending has not (Olga
    Vladimirovna KOROBOV, a form filled in or a field cut off)."""
    same = [p for p in pairs if p.sim >= 0.9 and len(p.query) == len(p.listed) == 1]
    if len(same) < 2 or not any(
            is_patronymic(p.query[0].text) and is_patronymic(p.listed[0].text)
            and p.query[0].text.endswith("na") == p.listed[0].text.endswith("na")
            for p in same):
        return pairs, used_q, used_r
    for i, a in enumerate(qt):
        if i in used_q or not _SLAVIC_FAMILY.search(a.text):
            continue
        for j, b in enumerate(rt):
            if j not in used_r and _SLAVIC_FAMILY.search(b.text) and cached_token_sim(
                    a, b)[1] == _FEMININE_HOW:
                pairs = [*pairs, Pair([a], [b], GENDER_SLIP_SIM, "the family name in the "
                                      "other gender's form (the same patronymic)", (i,), (j,))]
                used_q, used_r = used_q | {i}, used_r | {j}
                break
    return pairs, used_q, used_r


_VOWEL_RUN = re.compile("[aeiouy]+")


def _other_slavic_family(pairs: list[Pair]) -> list[Pair]:
    """The pairs of an East Slavic family name found only far alike, beside words found
    the same: the given name and patronymic are shared by many women and men (Galina
    Nikolayevna, Mayya Nikolayevna), the family name says who the person is. Three letters
    or more apart (Gromova, Bolotova), or the same consonants with vowels between them that
    say another name (Krylova, Karelova: kry-lo-va, ka-re-lo-va), it is another family; one
    or two slips of the finger (Karelpva) stay a spelling."""
    out = []
    for p in pairs:
        if p.sim >= 0.9 or len(p.query) != 1 or len(p.listed) != 1 or p.how not in (
                "spelling", "sounds alike"):
            continue
        a, b = p.query[0], p.listed[0]
        if a.abjad or b.abjad or is_patronymic(b.text) or not (
                _SLAVIC_FAMILY.search(a.text) and _SLAVIC_FAMILY.search(b.text)):
            continue
        stem = Prefix.similarity(a.text, b.text)
        if stem >= 5 and stem >= 0.6 * min(len(a.text), len(b.text)):
            continue  # (one stem, another ending: Kuznecovová, Kuznetsova for Kuzněcov)
        if OSA.distance(a.text, b.text) >= 3 or (p.how == "sounds alike" and len(
                _VOWEL_RUN.findall(a.text)) != len(_VOWEL_RUN.findall(b.text))):
            out.append(p)
    return out


_PATRONYMIC_SPELLING = "the same patronymic in another transliteration"
PATRONYMIC_SPELLING_SIM = 0.88  # (where the words' letters alone say less)


def _patronymic_spellings(a: str, b: str) -> bool:
    """Two patronymics of one father's name as the transliterations of two languages write
    it, a letter apart once their letters are read as one Cyrillic's
    (:func:`sanctio.text.slavic.cyrillic_spellings`): Swedish Achmatovitj, English
    Akhmadovich (Kadyrov's, the lists spell his father's name both ways); Ukrainian
    Leontijivna, Russian Leontievna. Of one gender (Ivanovich is no Ivanovna), fathers'
    names of five letters or more (a letter off a short one is another name)."""
    if a == b or not (is_patronymic(a) and is_patronymic(b)) or (
            a.endswith("na") != b.endswith("na")):
        return False
    sa, sb = patronymic_stem(a), patronymic_stem(b)
    if sa is None or sb is None or len(sa) < 5 or len(sb) < 5:
        return False
    return any(_one_soft_letter_apart(x, y)
               for x in cyrillic_spellings(a) for y in cyrillic_spellings(b))


_SOFT_VOWEL_SPELLINGS = frozenset("eiy")
_PATRONYMIC_SLIPS = frozenset({("t", "d"), ("d", "t"),
                               *((x, y) for x in "eiy" for y in "eiy" if x != y)})


def _one_soft_letter_apart(a: str, b: str) -> bool:
    """Two keys the same but for one letter the transliterations write otherwise: e, i or y
    for the soft vowels (Leontijivna, Leontievna), a t or d the father's name is spelled with
    (Akhmat, Akhmad); not another vowel (Markovich is no Mirkovich)."""
    if a == b:
        return True
    if len(a) == len(b):
        diff = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        return len(diff) == 1 and diff[0] in _PATRONYMIC_SLIPS
    if abs(len(a) - len(b)) != 1:
        return False
    long_, short = (a, b) if len(a) > len(b) else (b, a)
    i = next((k for k in range(len(short)) if long_[k] != short[k]), len(short))
    return long_[i] in _SOFT_VOWEL_SPELLINGS and long_[:i] + long_[i + 1:] == short


_FATHERS_ONE_NAME = "the same patronymic, of the father's name in another language"


def _fathers(patronymic: str) -> list[str]:
    """The father's names a patronymic may be made of: its stem without the vowel that joins
    the ending (Iosifovich: iosif; Viktaravich: viktar), with the i or y of a name that ends
    so (Nikolaevich: nikolai, nikolay), without the l of Yakovlevich."""
    stem = patronymic_stem(patronymic)
    if stem is None or len(stem) < 4:
        return []
    out = [stem[:-1]] if stem[-1] in "aeoiy" else [stem]
    if stem.endswith("e"):
        out += [stem[:-1] + "i", stem[:-1] + "y"]
    if stem.endswith("le"):
        out.append(stem[:-2])
    return out


def _fathers_one_name(a: str, b: str) -> bool:
    """Two patronymics of one gender whose fathers' names rigour knows as one name in two
    languages (Josephovich, Iosifovitj: Joseph and Iosif; Viktaravich, Viktorovich): the EU
    writes a person's patronymic in the transliteration and the name forms of each of its
    languages."""
    if not (is_patronymic(a) and is_patronymic(b)) or a.endswith("na") != b.endswith("na"):
        return False
    sa = {s for f in _fathers(a) for s in symbols_of(f) if s.startswith(("[NAME:", "[VAR:"))}
    return bool(sa) and any(not sa.isdisjoint(symbols_of(f)) for f in _fathers(b))


def _other_fathers(a: str, b: str) -> bool:
    """Two patronymics of other fathers' names (Danilovich, Aleksandrovich): their common
    ending makes them look alike. The fathers' names are compared with the differences of
    Russian, Ukrainian and Belarusian and their transliterations folded (Heorhiyivna is
    Georgiivna, Volodymyrovna Vladimirovna), and the French and older spellings
    (Yooryevich, Youryevich is Yuryevich)."""
    sa, sb = patronymic_stem(a), patronymic_stem(b)
    return sa is not None and sb is not None and _text_sim(
        slavic_fold(_romanisation_fold(sa)), slavic_fold(_romanisation_fold(sb))) < 0.7


def _nisba(query: str, listed: str) -> bool:
    """The query is the list name with the -i of origin or descent added: Amari is not
    Amar, Hashemi not Hashem nor Hashim (Abdullahi is Abdullah). The other way round it is
    as often a typo, the last letter dropped (SALAVAT for SALAVATI), and stays a spelling."""
    short, long_ = listed, query
    if not (len(short) >= 4 and long_[-1] == "i" and short[-1] not in "aeiouhyw'"):
        return False
    stem = long_[:-1]
    # (or a spelling of it, its consonants the same: Hamidi is not Hamad, Hashemi not
    # Hashim, Karimi not Kareem; but two letters swapped are a typo, Rahmi for Rahim)
    return stem == short or (abs(len(stem) - len(short)) <= 1 and stem[0] == short[0]
                             and stem[-1] == short[-1] and skeleton(stem) == skeleton(short)
                             and sorted(long_) != sorted(short))


# a word made of Japanese syllables as Hepburn and Kunrei-shiki write them (a consonant
# doubled before the next syllable, n at a syllable's end, m before b and p)
_JA_SYLLABLES = re.compile(r"(?:(?:ch|sh|ts|[kgsztdnhbpmrfjwy]y?)?[aeiou]h?(?![aeiou]h)"
                           r"|[aeiou]|n(?![aeiouy])|m(?=[bp])|[kstp](?=[kstpc]))+")
_KUNREI = [("shi", "si"), ("chi", "ti"), ("tsu", "tu"), ("fu", "hu"), ("ji", "zi"),
           ("sh", "sy"), ("ch", "ty"), ("j", "zy"), ("tc", "tt"), ("mb", "nb"), ("mp", "np"),
           ("ou", "o"), ("oo", "o"), ("uu", "u"), ("oh", "o")]


@lru_cache(maxsize=50_000)
def _japanese_fold(word: str) -> str | None:
    """A word of Japanese syllables in one romanisation (Kunrei-shiki, long vowels written
    once): Hepburn Chizuo, Fujio, Matsumoto, Shouko, Ohta and Kunrei Tizuo, Huzio,
    Matumoto, Syoko, Ota meet; None for a word that is not made of Japanese syllables."""
    if not _JA_SYLLABLES.fullmatch(word):
        return None
    for a, b in _KUNREI:
        if a in word:
            word = word.replace(a, b)
    return word


_VOWEL_HEADS = frozenset("aeiouyjw")  # (glides: Yevgeny, Evgeny; Jarovaja, Yarovaya; Walid, Oualid)


def _other_origin_ending(a: str, b: str) -> bool:
    """Two family names of one stem with other endings of origin, -i and -ani (Saidi,
    Saidani; Hamdi, Hamdani): two families, as Amari and Amar are."""
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return (len(long_) == len(short) + 2 and len(short) >= 4 and short[-1] == "i"
            and long_.endswith("ani") and long_[:-3] == short[:-1])


def _feminine_against_origin(a: str, b: str) -> bool:
    """Two names of one stem, one with the feminine -a, the other with the -i of origin or
    descent: Salima and Salimi, Karima and Karimi, Yuka and Yuki (two names, as a slip of
    the last letter seldom is). Not the two forms of a Slavic family name (Kowalska,
    Kowalski: one family, weighed as a gender slip)."""
    return (len(a) == len(b) >= 5 and a[:-1] == b[:-1] and {a[-1], b[-1]} == {"a", "i"}
            and a[-2] not in "aeiouyhw'" and _SLAVIC_FAMILY.search(a) is None
            and _SLAVIC_FAMILY.search(b) is None)


def _undouble(text: str) -> str:
    """A word with its doubled letters written once (Nnamani: Namani)."""
    return re.sub(r"(.)\1", r"\1", text)


def _syllable_vowels(key: str | None) -> str:
    """A syllable key without its initial consonants (li, i; chang, ang)."""
    return (key or "").lstrip("bcdfghjklmnpqrstvwxyz")


# the initials of a syllable that the romanisations of one Korean or Chinese name write or
# drop: ㄹ and ㄴ at the start of a word (이 Lee, Ri, Yi, Rhee; 류 Ryu, Yu; 노 Noh, Roh)
_DROPPED_INITIALS = frozenset({"", "y", "r", "rh", "l", "n", "ry", "ly", "ny"})


def _dropped_initial(qk: str | None, rk: str | None) -> bool:
    """Two syllables of one vowel whose initials are the same or ones the romanisations
    write or drop (:data:`_DROPPED_INITIALS`)."""
    qi = (qk or "")[:len(qk or "") - len(_syllable_vowels(qk))]
    ri = (rk or "")[:len(rk or "") - len(_syllable_vowels(rk))]
    return qi == ri or (qi in _DROPPED_INITIALS and ri in _DROPPED_INITIALS)


def _one_syllable_of_two(a: str, b: str, least: int = 2) -> bool:
    """One token is a Chinese or Korean syllable and the other that syllable glued to another
    of ``least`` letters or more (Ming, Mingguo): the given name of two syllables is another
    name."""
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    if len(long_) > 9 or len(long_) - len(short) < least or not known_syllable(short):
        return False
    if long_.startswith(short):
        return known_syllable(long_[len(short):])
    return long_.endswith(short) and known_syllable(long_[:-len(short)])


def _two_syllables(word: str) -> bool:
    """A Latin word of two Chinese or Korean syllables written together (Xifu, Mingguo), not
    one syllable itself."""
    if len(word) > 9 or known_syllable(word):
        return False
    return any(known_syllable(word[:k]) and known_syllable(word[k:])
               for k in range(1, len(word)))


# the spellings of one Korean family name in passports and lists (McCune-Reischauer,
# Revised Romanisation, and the customary ones): too short for name symbols
_KOREAN_FAMILY = {spelling: group[0] for group in (
    ("lee", "yi", "ri", "rhee", "li", "rhie", "yee"), ("park", "pak", "bak", "bahk", "pag"),
    ("choi", "choe", "chey"), ("kim", "gim"), ("jung", "jeong", "chung", "chong", "cheong"),
    ("kang", "gang"), ("cho", "jo", "joh", "choh"), ("yoon", "yun", "youn"),
    ("lim", "im", "rim", "yim"), ("oh", "o"), ("shin", "sin", "shinn"), ("kwon", "gwon"),
    ("ryu", "yu", "yoo", "you", "rhyu"), ("ahn", "an"), ("jeon", "chun", "chon", "jun"),
    ("ko", "go", "koh"), ("moon", "mun"),
) for spelling in group}


_KO_FAMILY_VARIANT = "name variant (Korean family name)"


# words an armed group is called by, one for another (Kaniyat Brigade, Kaniyat Militia)
ARMED = frozenset("militia militias brigade brigades battalion battalions regiment army forces "
                  "force front movement".split())


# business words by their short forms, plurals and spellings (Co, Company; Corp, Corporation;
# Holdings, Holding; Centre, Center)
_GENERIC_CANON = {
    "co": "company", "corp": "corporation", "inc": "incorporated", "ltd": "limited",
    "intl": "international", "organisation": "organization", "centre": "center",
    "tech": "technology", "technologies": "technology", "holdings": "holding",
    "enterprises": "enterprise", "industries": "industry", "services": "service",
    "investments": "investment", "groups": "group", "imports": "import", "exports": "export",
    "brigades": "brigade", "militias": "militia",
    # (an airline's name: Mahan Air, Mahan Airlines; Iran Air, Iran Airways)
    "air": "airlines", "airline": "airlines", "airways": "airlines",
}


def generic_key(text: str) -> str:
    """One form of a business word whatever its short form or plural."""
    return _GENERIC_CANON.get(text, text)


def _written_short(short: str, full: str) -> bool:
    """``short`` begins ``full`` (x is ks: Alex., Aleksandr), or begins it and ends with its
    plural's s (Ents., Enterprises; Bros., Brothers). Three letters or fewer stand for a
    word two letters longer at least (Ind., Industrial; San. is no Sani: a short form of a
    word but one letter longer saves nothing)."""
    return len(full) > len(short) + (len(short) <= 3) and (full.startswith(short) or full.replace(
        "x", "ks").startswith(short.replace("x", "ks")) or (
        len(short) >= 3 and short[-1] == full[-1] == "s" and full.startswith(short[:-1])))


VOWELLESS_SIM = 0.86  # a word written with its consonants only (Mhmd, Nkl, Rsstrdnchstv)
# the list words a word without vowels is read as: names, business words, titles (MLW)
_BARE_ROLES = frozenset({Role.NAME, Role.GENERIC, Role.TITLE})



LOANWORD_SIM = 0.93
# how Russian writes a word of English or another Latin-script language, for the Latin
# spelling: x is ks, w is v, c is s before e, i, y and k elsewhere, tech is tek, a final
# silent e is not written (Logex: Логекс, Technics: Текникс, Interservice: Интерсервис)
_LOAN_LATIN = (("tech", "tek"), ("ph", "f"), ("th", "t"), ("ck", "k"), ("qu", "kv"),
               ("x", "ks"), ("w", "v"), ("y", "i"))
_LOAN_C = re.compile("c(?=[eiy])")


@lru_cache(maxsize=50_000)
def _loan_key(word: str, cyrillic: bool) -> str:
    """The key of a word in the letters Russian writes a Latin-script word with: the Latin
    spelling rewritten as the Russian transcription sounds, the BGN/PCGN reading of the
    Cyrillic with its y-glides and kh folded; s and z, which the transcriptions swap, one."""
    if cyrillic:
        w = word.replace("kh", "h").replace("iy", "i").replace("ye", "e").replace("y", "i")
    else:
        w = word
        for a, b in _LOAN_LATIN:
            w = w.replace(a, b)
        w = _LOAN_C.sub("s", w).replace("c", "k")
        if len(w) > 4 and w.endswith("e") and w[-2] not in "aeiou":
            w = w[:-1]
    return _undouble(w.replace("z", "s"))


def _cyrillic_and_latin(q: Token, r: Token) -> tuple[Token, Token] | None:
    """A word read from Cyrillic letters and a Latin-script word, in that order, or None."""
    cyr, lat = (q, r) if q.orig and is_cyrillic_word(q.orig) else (r, q)
    if not (cyr.orig and is_cyrillic_word(cyr.orig)) or lat.orig or lat.abjad:
        return None
    return cyr, lat


def _loanword_pair(q: Token, r: Token) -> bool:
    """A word in Cyrillic letters that is the other, a Latin-script word, as Russian writes
    it (a company's brand: Логекс, Logex; Синезис, Synesis)."""
    pair = _cyrillic_and_latin(q, r)
    return pair is not None and _loan_key(pair[0].text, True) == _loan_key(pair[1].text, False)


LOANWORD_SOUND_SIM = 0.88
_LOAN_VOWELS = re.compile("[aeiou]")
_VOWEL_GROUPS = re.compile("[aeiou]+")  # a word's syllables, as many in both spellings


@lru_cache(maxsize=50_000)
def _loan_consonants(word: str, cyrillic: bool) -> frozenset[str]:
    """The consonants of a word's loan key (:func:`_loan_key`): a Latin-script word as
    Russian writes it keeps them and writes its vowels as they sound (container: контейнер,
    hub: хаб, air: эйр); the Cyrillic г may be the h Russian has no letter for (гидро:
    hydro)."""
    key = _loan_key(word, cyrillic)
    keys = {key, key.replace("g", "h")} if cyrillic else {key}
    return frozenset(_undouble(_LOAN_VOWELS.sub("", k)) for k in keys)


def _loanword_sounds(q: Token, r: Token) -> bool:
    """A word in Cyrillic letters that is the other, a Latin-script word of six letters or
    more, as Russian writes it as it sounds: its consonants those of the Latin spelling, its
    vowels as they sound (РусГидро, RusHydro; Трансконтейнер, TransContainer; Эйрбург,
    Airburg), with as many syllables, both beginning with a vowel or both with a consonant,
    two letters apart in length at most; not two names rigour knows (Сергей is no Sergio:
    names have their own spellings)."""
    pair = _cyrillic_and_latin(q, r)
    if pair is None:
        return False
    cyr, lat = pair
    if abs(len(cyr.text) - len(lat.text)) > 2 or (
            (cyr.text[0] in "aeiou") != (lat.text[0] in "aeiouy")):
        return False
    if known_name(cyr) or known_name(lat):
        return False
    mine, theirs = _loan_consonants(cyr.text, True), _loan_consonants(lat.text, False)
    return min(len(k) for k in mine) >= 3 and not mine.isdisjoint(theirs) and (
        len(_VOWEL_GROUPS.findall(_loan_key(cyr.text, True)))
        == len(_VOWEL_GROUPS.findall(_loan_key(lat.text, False))))


# the aspirates McCune-Reischauer marks, and the plain initials the Revised Romanisation
# writes for the unaspirated ones
_PLAIN_OF = (("ch", "j"), ("k", "g"), ("t", "d"), ("p", "b"))


def _syllable_alike(a: str, b: str) -> bool:
    """One Chinese or Korean syllable, in one romanisation or two (jong, chong; not qiao and
    jiao, which pinyin tells apart)."""
    return a == b or (syllable_key(a) is not None and syllable_key(a) == syllable_key(b)
                      and not pinyin_apart(a, b))


def _other_given_syllable(a: str, b: str) -> bool:
    """Two words of two pinyin syllables each, one syllable the same and the other another
    syllable of pinyin: two given names (Guiying, Guiqin), not a spelling of one."""
    pa, pb = pinyin_pairs(a), pinyin_pairs(b)
    if not pa or not pb or a == b or (len(a) == len(b) and sorted(a) == sorted(b)):
        return False  # (two letters swapped are a typo: Duogan, Dougan)
    if _romanisation_fold(a) == _romanisation_fold(b) or (
            (ja := _japanese_fold(a)) is not None and ja == _japanese_fold(b)):
        return False  # (French, Japanese romanisations: Saidou, Saidu; Chizuo, Tizuo)
    if (key := syllable_key(a)) is not None and key == syllable_key(b):
        return False  # one syllable in Wade-Giles and pinyin (Chiang, Qiang: not chi-ang)
    if any(_syllable_alike(x1, y1) and _syllable_alike(x2, y2)
           for x1, x2 in pa for y1, y2 in pb):
        return False
    return any(_syllable_alike(x1, y1) or _syllable_alike(x2, y2)
               for x1, x2 in pa for y1, y2 in pb)


def _aspirate_apart(a: str, b: str) -> bool:
    """One syllable begins with an aspirate, the other with the plain initial of the Revised
    Romanisation (ch' and j, k' and g, t' and d, p' and b), whichever is which."""
    return any((a.startswith(asp) and b.startswith(plain)) or (
        b.startswith(asp) and a.startswith(plain)) for asp, plain in _PLAIN_OF)


# -ov, -ev, -yev, -eva, -yeva, -iev (not -ova: Czech and Slovak write every woman's family name
# so, Kimová, Márquezová, for KIM, MÁRQUEZ)
_FAMILY_ENDING = re.compile(r"[yi]?eva?|ov")


def _family_made_of(longer: str, shorter: str) -> bool:
    """The query's word the list's with the ending of a family name made of a name (Karimov,
    Karim; Abdullayeva, Abdullah: a final h dropped before it). Not the other way round: a
    list word longer than the query's may be cut off in a field (ANTON for ANTONOV)."""
    if len(shorter) < 3 or len(longer) <= len(shorter):
        return False
    stems = {shorter, shorter[:-1]} if shorter[-1] == "h" else {shorter}
    return any(longer.startswith(stem) and _FAMILY_ENDING.fullmatch(longer[len(stem):])
               is not None for stem in stems)


# the letters the transliterations of one Cyrillic letter differ by (Kh, H; Ts, C, Tz; Zh, Z)
_STEM_FOLD = ((("shch", "sc"), ("sch", "sc"), ("kh", "h"), ("ts", "c"), ("tz", "c"),
               ("zh", "z"), ("ch", "c"), ("sh", "s"), ("ks", "x"), ("w", "v"), ("y", "i"),
               ("j", "i"), ("ie", "e"), ("ye", "e")))


# the endings of East Slavic family names only (not -in, -ina: Hussein, Amina)
_SLAVIC_STEM_END = re.compile(r"(?:[oe]va?|sk(?:iy|ii|y|i|aya|a))$")


def _stem_fold(stem: str) -> str:
    for a, b in _STEM_FOLD:
        stem = stem.replace(a, b)
    return stem


def _other_family_stems(a: str, b: str) -> bool:
    """Two East Slavic family names with the same ending (-ov, -ova, -ev, -eva, -sky) whose
    stems begin alike and are two letters apart or more, as written and in any
    transliteration, and more than a quarter of the longer stem (two letters in seven at
    most): two families (Arkhipova, Arshinova), however alike the whole words are for the
    ending they share."""
    ma, mb = _SLAVIC_STEM_END.search(a), _SLAVIC_STEM_END.search(b)
    if ma is None or mb is None or a[ma.start():] != b[mb.start():]:
        return False
    ra, rb = a[:ma.start()], b[:mb.start()]
    sa, sb = _stem_fold(ra), _stem_fold(rb)
    if min(len(sa), len(sb)) < 4 or sa[0] != sb[0]:
        return False
    # (as written or folded, the nearer: the fold must not part two stems, Litsoev, Lirsoev)
    dist = min(OSA.distance(sa, sb), OSA.distance(ra, rb))
    return dist >= 2 and dist / max(len(sa), len(sb)) > 0.25


# a South Slavic word with đ (Đorđević, Mlađen) as ASCII writes it, dj or d (Djordjevic,
# Dordevic): its family names in -ić, its given names with Đorđe, Đuro, Đura at their head
_DJ_WORD = re.compile(r"\w*(?:i[cj]|ic[ah])$|dj?(?:or|ur)d?j?[aeiou]?$")
_DJ_HOW = "transliteration (South Slavic dj or d)"


def _south_slavic_dj(a: str, b: str) -> bool:
    """Two spellings of a South Slavic word with đ, one writing dj and the other d for it
    (Djordjevic, Dordevic; Djordje, Dorde); not the French dj of another language's word
    (Hadji is Haji, no Hadi)."""
    if ("dj" in a) == ("dj" in b):
        return False
    return a.replace("dj", "d") == b.replace("dj", "d") and _DJ_WORD.fullmatch(
        a if "dj" in a else b) is not None


# a Korean syllable as passports spell it whose vowel the romanisations write otherwise, and
# the syllable it stands for: 희 is Hee (Kyung-hee, Jung-hee) where McCune-Reischauer and the
# Revised Romanisation write Hui (KIM KYONG HUI)
_KO_PASSPORT = {"hee": "hui"}
PASSPORT_SIM = 0.9
_PASSPORT = "romanisation variant (as a Korean passport spells it)"


HAN_FAMILY_READING = "the character's reading as a family name"


KATAKANA_SOUNDS = "the same sounds (a foreign name read from the katakana)"


CZECH_FEMININE = "the Czech or Slovak feminine -ová"
BALTIC_ENDING = "the Lithuanian or Latvian ending"


def _as_one_of(forms: Iterable[str], other: Token, cap: float, label: str
               ) -> tuple[float, str] | None:
    """The best likeness of ``other`` to any of ``forms`` (the words a word of another
    language's grammar stands for), at most ``cap``, said as ``label`` with how the form was
    found alike; None where no form is alike at 0.85."""
    best, best_how = 0.0, ""
    for form in forms:
        sim, how = token_sim(_joined(form, ""), other)
        if sim > best:
            best, best_how = sim, how
    if best < 0.85:
        return None
    return min(best, cap), label + ("" if best_how == "same" else f" ({best_how})")


def _czech_feminine(cz: Token, other: Token) -> tuple[float, str] | None:
    """A family name with the Czech or Slovak feminine -ová (``cz``) against the name as other
    languages write it (:func:`czech_feminine_forms`: Mizulinová, Dorochovová, Timčenková,
    Šotiková: Mizulina, Dorokhova, Timchenko, Shotik), the best of its forms. None for a word
    no form is, and for the masculine name (Petrová is no Petrov, Šotiková no Shotikov: the
    rules of the feminine form say so)."""
    if other.text.endswith(MASCULINE_ENDS):
        return None
    return _as_one_of(czech_feminine_forms(cz.text), other, 0.95, CZECH_FEMININE)


def _baltic_ending(long: Token, short: Token) -> tuple[float, str] | None:
    """A man's name of another language with the ending Lithuanian or Latvian give it
    (``long``: Vladimiras Putinas, Jevgenijus Prigožinas, Roman Abramovičius; Sergejs Lavrovs)
    against the name without it: the word before the ending (:func:`baltic_cores`) alike to
    the other word as any two words are. None for any other pair."""
    if short.text[-1] in "aeou":
        return None  # (a name ending in a vowel takes no ending: Panama, PANAMAS.A.)
    cores = [core for core in baltic_cores(long.text) if len(core) >= len(short.text) - 1]
    return _as_one_of(cores, short, 0.93, BALTIC_ENDING)


# a given name made of a name and al-Din (the religion's), written as one word, as the lists
# write it (Sirajuddin, Noureddine, Salahudin, Alaaddin, Shamsuddeen): the tails that write
# the article and Din
_DIN_TAILS = tuple(sorted(set("""
uddin uddeen uddine udin udeen eddine eddin edine edin addin addine adin aldin aldeen uldin
iddin oddin
""".split()), key=len, reverse=True))
DIN_SIM = 0.85
_DIN = "the given name without its al-Din (Sirajuddin: Siraj)"


def _without_din(long: str, short: str) -> bool:
    """A given name of a name and al-Din written as one word (:data:`_DIN_TAILS`) against the
    name alone, the short form people go by (Sirajuddin Haqqani: Siraj Haqqani; Salahuddin:
    Salah): the stem before the tail is the short word, or a spelling of it (Serajuddin,
    Siraj). As written apart (Nur al-Din, Nur), where al-Din is a word of its own the other
    name lacks."""
    for tail in _DIN_TAILS:
        if long.endswith(tail):
            stem = long[: -len(tail)]
            if len(stem) >= 3 and (stem == short or (
                    len(short) >= 4 and stem[0] == short[0] and _text_sim(stem, short) >= 0.75
                    and _undouble(_VOWEL_GROUPS.sub("a", stem)) == _undouble(
                        _VOWEL_GROUPS.sub("a", short)))):
                return True
    return False


def token_sim(q: Token, r: Token, syllables: bool = True) -> tuple[float, str]:
    """Similarity of two tokens and how they were found alike; with ``syllables`` False,
    two syllables of Chinese or Korean are compared as any other words (in names that are
    neither's: see _align)."""
    if q.han is not None and r.han is not None and not han_same(q.han, r.han):
        # two Chinese characters of one sound are two names (精 and 景, both jing)
        return 0.0, "another character of the same sound"
    if q.text == r.text and not (q.abjad != r.abjad and _heads_apart(q, r)):
        return 1.0, "same"
    if not (q.abjad or r.abjad) and other_territories(q.text, r.text):
        # two countries' names are two names however alike the letters (Iraq, Iran;
        # Niger, Nigeria)
        return 0.0, "another country"
    if (q.orig is not None and r.orig is None and reads_as_katakana(q.orig, r.text)) or (
            r.orig is not None and q.orig is None and reads_as_katakana(r.orig, q.text)):
        # a foreign name in katakana, read as the Latin spellings it transcribes (プーチン:
        # Putin, its Hepburn spelling puchin)
        return 0.92, KATAKANA_SOUNDS
    if q.ova != r.ova and q.role == r.role == Role.NAME:
        # a Russian's family name as Czech and Slovak write a woman's (Mizulinová, Mizulina)
        czech = _czech_feminine(q, r) if q.ova else _czech_feminine(r, q)
        if czech is not None:
            return czech
    if q.acronym or r.acronym:
        # a list's acronym of the organisation's name is its letters: no name variant or
        # romanisation of it (Mary is no MERI, Sha no SSA); a letter slipped in a long one
        # (NIODRC), a key slipped in one of five (random letters are one off a listed
        # acronym of five too often)
        shorter = min(len(q.text), len(r.text))
        if (shorter >= 6 and OSA.distance(q.text, r.text, score_cutoff=1) <= 1) or (
                shorter == 5 and keyboard_slip(q.text, r.text)):
            return TYPO_SIM, "a letter off in an acronym"
        return 0.0, "another acronym"
    if (q.short and _written_short(q.text, r.text)) or (
            r.short and _written_short(r.text, q.text)):
        return 0.9, "written short"  # Alex. for Aleksandr, Inv. for Investment, Comm.
    if q.role == r.role == Role.GENERIC:
        if generic_key(q.text) == generic_key(r.text):
            return 0.97, "the same business word (short form or plural)"
        q_tags, r_tags = org_tags(q.text), org_tags(r.text)
        if tags := q_tags & r_tags:
            # (rigour files them under one sector or kind of body: Cntr, Centre; Zavod, Plant)
            tag = min(tags)
            return 0.95, "the same business word (" + tag.strip("[]").split(":")[1].lower() + ")"
        if _kindred_bodies(q_tags, r_tags):
            return KINDRED_SIM, _KINDRED
        if _text_sim(q.text, r.text) < TYPO_SIM and q.text[:5] != r.text[:5] and not (
                q.text in ARMED and r.text in ARMED):
            # (one stem is one word: Industry, Industrial)
            return 0.0, "another business word"  # Polo Holdings is no POLO TRADING
    if q.role == Role.GENERIC and r.role == Role.NAME and max(len(q.text), len(r.text)) <= 4:
        # the query's short business word as written, not a typo of the list's name word
        # (Seven Tic., Ticaret: no 7th of TIR; Nord Bank is no NORD BANG)
        return 0.0, "a business word, not the name"
    if {q.role, r.role} == {Role.NAME, Role.GENERIC} and q.text[0] != r.text[0] and (
            q.text[1:] == r.text or r.text[1:] == q.text) and (
            min(len(q.text), len(r.text)) < 7 or known_name(q)):
        # a name word that is a business word but for its first letter is another word
        # (Ravel, Travel; Rading, Trading): a typo seldom drops or adds the first letter
        return 0.0, "a name word, not the business word"
    if q.text in ARMED and r.text in ARMED:
        return 0.6, "another word for an armed group"  # Kaniyat Brigade, Kaniyat Militia
    if q.role == Role.NUMBER or r.role == Role.NUMBER:
        if q.number is not None and q.number == r.number:
            return 1.0, "same number"
        num, word = (q, r) if q.role == Role.NUMBER else (r, q)
        if word.role == Role.NAME and num.number is not None and len(word.text) >= 3 and (
                number_value(word.text) == num.number):
            # a name that is a number word, against the number in digits (TEN, 10)
            return 0.95, "same number (in words)"
        return 0.0, "different"
    if (q.alt is not None and (q.alt == r.text or q.alt == r.alt)) or (
            r.alt is not None and r.alt == q.text):
        if q.han is not None or r.han is not None:
            # (曾 is ceng, and Zeng as a family name: han_family_readings)
            return 0.98, HAN_FAMILY_READING
        if (q.alt or r.alt or "").endswith(("vich", "vna")):
            # (Marat kyzy, Maratovna: one father's name, in the Turkic and the Russian way)
            return 0.98, "the same patronymic (Turkic son or daughter of)"
        if any(t.alt is not None and russian_nominative(t.text) == t.alt for t in (q, r)):
            # (Завод имени Свердлова, Sverdlov Plant)
            return 0.98, "the same name (in the genitive: named after)"
        return 0.98, "article joined"
    if q.han is None and r.han is None and _particle_glued(q.text, r.text):
        # the other particles glued to a name (al and bin have their alternative form above)
        return _GLUED_SIM, _GLUED  # Benkaddour / Kaddour, Delvalle / Valle
    if q.role == r.role == Role.NAME and not (q.abjad or r.abjad or q.short or r.short) and (
            _family_made_of(q.text, r.text)):
        # a family name made of a name with the Slavic and Turkic -ov, -ev is another name
        # (Abdullayeva is not al-Abdullah, Karimov not Karim)
        return KNOWN_OTHER_SIM, "another name (a family name made of it)"
    lq, lr = len(q.text), len(r.text)
    qk, rk = syllable_key(q.text), syllable_key(r.text)
    # (a vowel-less transliteration only looks like one: tan for طعان, Taan)
    syllables = (syllables and qk is not None and rk is not None and not (q.abjad or r.abjad)
                 and ((lq > 1 and lr > 1) or (qk == rk and q.text[0] in "aeiou")))
    # (a Korean family name of one vowel is a syllable, not an initial: 오 is O and Oh)
    shared = q.symbols and r.symbols and not q.symbols.isdisjoint(r.symbols) and not (
        # (a syllable read from a Chinese character is no short form of a longer Latin name:
        # 何丹, He Dan, is not HE, Daniel)
        (q.han is not None and rk is None) or (r.han is not None and qk is None)) and not (
        # (nor a name the transliteration of an Arabic-script word spells, begun otherwise)
        q.abjad != r.abjad and _heads_apart(q, r))
    if syllables:
        if q.aspirated != r.aspirated and _aspirate_apart(q.text, r.text):
            # McCune-Reischauer marks the aspirate (Ch'un: 춘); the Revised Romanisation
            # writes the plain initial j, g, d, b (Jun: 준): two syllables
            return 0.0, "another syllable (aspirated in McCune-Reischauer)"
        # one syllable of a Chinese or Korean name is whole: jong = jeong = chong, but yang
        # is not yong and kong is not song (different characters, different names)
        if qk == rk:
            if pinyin_apart(q.text, r.text) or (
                    q.han is not None and r.han is None and pinyin_misread(q.text, r.text)) or (
                    r.han is not None and q.han is None and pinyin_misread(r.text, q.text)):
                return 0.0, "different syllables (pinyin)"
            return 0.9, "romanisation variant"
        if shared and (q.orig or r.orig) and _syllable_vowels(qk) == _syllable_vowels(rk) and (
                _dropped_initial(qk, rk)):
            # 이 is Lee, Ri and Yi: name symbols bridge an initial consonant the
            # romanisations write or drop, never another vowel (장, Jang, is not Cho) nor
            # another consonant (전, Jon, is not 연, Yon)
            return 0.93, "name variant"
        fam = _KOREAN_FAMILY.get(q.text)
        if fam is not None and fam == _KOREAN_FAMILY.get(r.text):
            return 0.93, _KO_FAMILY_VARIANT
        if lq == lr and sorted(q.text) == sorted(r.text) and OSA.distance(
                q.text, r.text) == 1:
            return 0.85, "transposition"  # a typo, not another syllable (QAUN / QUAN)
        if _syllable_slip(q, r, syllable_spelling):
            # a letter off a romanised syllable, in what no romanisation writes, is a typo
            # (CHOO for CHOL, KEWANG for KWANG); yang for yong is another syllable
            return SYLLABLE_SLIP_SIM, _SYLLABLE_SLIP
        return 0.0, "different syllables"
    if lq >= 3 and lr >= 3 and not (q.abjad or r.abjad) and cyrillic_spelling_alike(
            q.text, r.text):
        # one Cyrillic word as the transliterations of other languages write it: Schoigu,
        # Sjojgu, Shoigu; Wekselberg, Vekselberg; Jevsejevitj, Yevseyevich
        how = "spelling (i and y)" if q.text.replace("y", "i") == r.text.replace(
            "y", "i") else PASSPORT_SPELLING if passport_spelled(q.text) != passport_spelled(
            r.text) else TRANSLIT_SYSTEM  # (Saif, Sayf: no other language's system)
        return (0.93 if shared else 0.92), how
    if lq >= 4 and lr >= 4 and not (q.abjad or r.abjad) and _south_slavic_dj(q.text, r.text):
        return 0.93, _DJ_HOW
    if shared:
        nick = _nickname(q, r)
        if q.text[0] == r.text[0] or q.orig or r.orig:
            return 0.93, "nickname" if nick else "name variant"
        if nick and min(lq, lr) >= 3:
            return 0.9, "nickname"  # Bob / Robert, Seryozha / Sergei
        if lq >= 4 and lr >= 4:
            return 0.86, "name variant (nickname or other language)"  # Sasha / Aleksandr
    if lq == 1 or lr == 1:
        # (one letter read from a short word of a vowel-less script is not an initial: مع
        # of ألمع is m)
        if (lq == 1 and not q.abjad and _initial_of(q.text, r.text)) or (
                lr == 1 and not r.abjad and _initial_of(r.text, q.text)):
            return 0.75, "initial"
        return 0.0, "different"
    if no_vowels(q.text) and q.role == Role.NAME and r.role in _BARE_ROLES and not (
            q.abjad or r.abjad) and vowels_dropped(q.text, r.text):
        # (the query's word only: a list's word without vowels is an acronym, KRK, CRL, HLT)
        return VOWELLESS_SIM, "written without vowels"  # Mhmd, Nkl for Nikolai, TJRT
    if lq != lr and q.role == r.role == Role.NAME and not (
            q.abjad or r.abjad or q.orig or r.orig or q.han or r.han) and (
            baltic := _baltic_ending(q, r) if lq > lr else _baltic_ending(r, q)) is not None:
        return baltic
    if not (q.abjad or r.abjad or q.orig or r.orig) and ukrainian_h_alike(q.text, r.text):
        return 0.9, "spelling (the Ukrainian or Belarusian h for the Russian g)"
    if q.role == r.role == Role.NAME and abs(lq - lr) >= 3 and not (
            q.han or r.han or q.short or r.short) and (
            _without_din(q.text, r.text) if lq > lr else _without_din(r.text, q.text)):
        return DIN_SIM, _DIN
    sim = _text_sim(q.text, r.text)
    if sim > KNOWN_OTHER_SIM and q.symbols and r.symbols and _known_other_names(q, r):
        return KNOWN_OTHER_SIM, "another name (both known, other consonants)"
    if q.alt is not None or r.alt is not None:
        sim = max(sim, _text_sim(q.alt or q.text, r.alt or r.text) - 0.02)
    if sim < 0.85 and lq >= 5 and lr >= 5 and not (q.abjad or r.abjad):
        # a letter off in the spelling the English-speaking lists give a French or older
        # romanisation (Ibraheem, Ibrahim: Ebrahim), as a letter off the word itself
        # (the same word so folded is the rule below's, at 0.9)
        fq, fr = _romanisation_fold(q.text), _romanisation_fold(r.text)
        if (fq != q.text or fr != r.text) and fq != fr:
            sim = max(sim, _text_sim(fq, fr) - 0.02)
    if sim < PATRONYMIC_SPELLING_SIM and lq >= 8 and lr >= 8 and not (q.abjad or r.abjad):
        if _patronymic_spellings(q.text, r.text):
            return PATRONYMIC_SPELLING_SIM, _PATRONYMIC_SPELLING
        if _fathers_one_name(q.text, r.text):
            return PATRONYMIC_SPELLING_SIM, _FATHERS_ONE_NAME
    if 0.55 <= sim < 0.85 and lq >= 6 and lr >= 6 and _other_fathers(q.text, r.text):
        return KNOWN_OTHER_SIM, "another father's name (patronymic)"
    if sim >= MIN_TOKEN_SIM and abs(lq - lr) <= 3 and _feminine_form(q, r):
        return KNOWN_OTHER_SIM, "another name (the feminine form)"
    if abs(lq - lr) == 2 and not (q.abjad or r.abjad) and _other_origin_ending(q.text, r.text):
        return min(sim, 0.65), "another name (other ending of origin)"
    if lq == lr and not (q.abjad or r.abjad or q.orig or r.orig) and _feminine_against_origin(
            q.text, r.text):
        return min(sim, 0.65), "another name (the feminine -a, the -i of origin)"
    if lq >= lr and q.text[-1] == "i" and not (q.abjad or r.abjad) and (
            _nisba(q.text, r.text) or (
            lq > lr + 1 and _nisba(_undouble(q.text), _undouble(r.text))) or (
            # (in another transliteration: Kaddouri is not Khaddour)
            _nisba(_undouble(_h_less(q.text)), _undouble(_h_less(r.text))))):
        return min(sim, 0.65), "another name (-i of origin)"
    if lr >= lq and r.text[-1] == "i" and r.text[:-1] != q.text and not (
            q.abjad or r.abjad or q.orig or r.orig) and _nisba(r.text, q.text):
        # (the list's name with it: the last letter dropped is a typo, SALAVAT for SALAVATI,
        # but the stem spelled otherwise too is the name it is of, Khaled for KHALIDI)
        return min(sim, 0.65), "another name (-i of origin)"
    if sim > MIN_TOKEN_SIM and min(lq, lr) >= 2 and max(lq, lr) <= 9 and _one_syllable_of_two(
            q.text, r.text, 2 if q.han is None and r.han is None else 1):
        # (a syllable read from a Chinese character is one, even against a syllable of one
        # vowel more: 想, xiang, is no Exiang)
        return min(sim, MIN_TOKEN_SIM), "one syllable of a two-syllable name"
    if (q.han is not None and r.han is None and _two_syllables(r.text)) or (
            r.han is not None and q.han is None and _two_syllables(q.text)):
        # a syllable read from a Chinese character against a Latin word of two syllables is
        # another name, however alike the letters (秀, xiu, is no Xifu)
        return min(sim, KNOWN_OTHER_SIM), "a syllable against a name of two"
    if MIN_TOKEN_SIM <= sim < 0.9 and lq >= 7 and lr >= 7 and q.skel != r.skel and not (
            q.abjad or r.abjad) and _other_family_stems(q.text, r.text):
        # (the same consonants, other vowels, are another family's as below: Krylova,
        # Karelova; as Cyrillic writes it too: Arkhipova is no АРШИНОВА), not aligned: a
        # family name met at 0.65 let the given name and patronymic carry Sergey
        # Georgiyevich ROMANOV to RUSANOV (0.88)
        return min(sim, KNOWN_OTHER_SIM), "another family name (its stem, before the same ending)"
    how = "spelling"
    if 0.75 <= sim < TYPO_SIM and min(lq, lr) >= 5 and q.text[0] == r.text[0] and not (
            q.abjad or r.abjad):
        # slips of the finger, not another name: RAHAG for RAHAT, MIETC for MITEC; two in a
        # long word (AGFOESPINSL for AGROESPINAL)
        if sim >= 0.8 and keyboard_slip(q.text, r.text):
            return TYPO_SIM, "typo (keyboard)"
        if min(lq, lr) >= 8 and _two_keyboard_typos(q.text, r.text):
            return TYPO2_SIM, "two typos (keyboard)"
    elif sim < 0.75 and lq >= 5 and lr >= 5 and len(r.skel) >= 3 and q.text[0] == r.text[0] and (
            q.skel != r.skel and not (q.abjad or r.abjad or q.symbols)) and _slip_sounds_alike(
            q.text, r.text, r.skel):
        # a slip of the finger in another spelling of the name (AMHED: Ahmed, for Ahmad)
        return SLIP_ALIKE_SIM, "typo in a spelling that sounds alike"
    if sim < 0.92 and lq >= 4 and lr >= 4 and _h_less(q.text) == _h_less(r.text):
        return 0.92, "transliteration (h)"  # Khani / Kani, Shaikh / Saikh, Gaddafi / Ghaddafi
    if q.text[:3] == r.text[:3] == "abd" and not (q.abjad or r.abjad) and _ABDULLAH.fullmatch(
            q.text) and _ABDULLAH.fullmatch(r.text):
        return 0.95, "name variant (Abdullah)"  # Abdalla, Abdulla, Abdellah: abdlah
    if q.text[:3] == r.text[:3] == "abd" and min(lq, lr) >= 7 and sim < 0.9 and not (
            q.abjad or r.abjad or q.orig or r.orig):
        # Abd (servant) before one of the names of God: the name after it is the name, and
        # two names there are two people (Abd al-Kabir is no Abd al-Qadir, kabir and kadir
        # other known names), where a typo in it stays a spelling (Abdul Kabr)
        sub, sub_how = token_sim(_joined(_after_abd(q.text), ""), _joined(_after_abd(r.text), ""))
        if _names_apart(sub, sub_how):
            return min(sim, sub), f"another name after Abd ({sub_how})"
    if q.text[:3] == r.text[:3] and q.text[:3] in _GLUED_SON and min(lq, lr) >= 7 and (
            sim < 0.9) and not (q.abjad or r.abjad or q.orig or r.orig):
        # so are two after Ben or Bou, glued to the family name it begins (Bensalem is no
        # BENGHALEM, salem no ghalem; Bensaid may be BENSAID mistyped)
        sub, sub_how = token_sim(_joined(q.text[3:], ""), _joined(r.text[3:], ""))
        if _names_apart(sub, sub_how):
            return min(sim, sub), f"another name after {q.text[:3].title()} ({sub_how})"
    if sim < 0.98 and lq >= 7 and lr >= 7 and not (q.abjad or r.abjad or q.orig or r.orig) and (
            (hq := _BEFORE_ALLAH.fullmatch(q.text)) is not None) and (
            (hr := _BEFORE_ALLAH.fullmatch(r.text)) is not None):
        if hq[1] == hr[1]:
            if sim < 0.95:
                # one name, Allah written otherwise (Nasrallah, Nasrullah, Nasrollah)
                return 0.95, "name variant (Allah written otherwise)"
        else:
            # so too a name before Allah (Habibullah, of Allah's beloved): Habibullah is no
            # Hafizullah, Aminullah no Amanullah (habib and hafiz, amin and aman other names)
            sub, sub_how = token_sim(_joined(hq[1], ""), _joined(hr[1], ""))
            if _names_apart(sub, sub_how):
                return min(sim, sub), f"another name before Allah ({sub_how})"
            if sub >= 0.8:
                # one name before Allah, spelled otherwise (Fazlullah, Fazalullah; Hizballah,
                # Hezbollah)
                return min(max(sim, sub), 0.93), (
                    f"name variant (the name before Allah: {sub_how})")
    if q.text[:1] == r.text[:1] == "m" and not (q.abjad or r.abjad) and _MUHAMMAD.fullmatch(
            q.text) and _MUHAMMAD.fullmatch(r.text):
        return 0.95, "name variant (Muhammad)"  # Muhamed, Mohammad, Muhammed
    if sim < 0.9 and lq >= 4 and lr >= 4 and not (q.abjad or r.abjad) and (
            _romanisation_fold(q.text) == _romanisation_fold(r.text)):
        return 0.9, "spelling (French or older romanisation)"
    if sim < 0.9 and lq >= 4 and lr >= 4 and not (q.abjad or r.abjad or q.orig or r.orig) and (
            sounds(q.text) == sounds(r.text)):
        return 0.9, "spelling (as it sounds)"  # Koral / Coral, Veenston / Winston
    if sim < 0.9 and lq >= 4 and lr >= 4 and not (q.abjad or r.abjad) and (
            _persian_dh(q.text, r.text)):
        return 0.9, "spelling (the Arabic dh as Persian writes it, z)"
    if sim < 0.9 and lq >= 4 and lr >= 4 and not (q.abjad or r.abjad) and (
            _persian_gh(q.text, r.text)):
        return 0.9, "spelling (the Arabic q as Persian writes it, gh)"
    if sim < 0.9 and lq >= 4 and lr >= 4 and not (q.abjad or r.abjad) and (
            q.role == r.role == Role.NAME) and _arabic_spellings(q.text, r.text):
        return 0.9, "spelling (one Arabic name: o and u, doubled letters, French e)"
    if sim < 0.9 and lq >= 4 and lr >= 4 and not (q.abjad or r.abjad or q.orig or r.orig) and (
            (jq := _japanese_fold(q.text)) is not None and jq == _japanese_fold(r.text)):
        return 0.9, "romanisation variant (Japanese)"  # Chizuo / Tizuo, Fujio / Huzio
    if sim < LOANWORD_SIM and min(lq, lr) >= 4 and _loanword_pair(q, r):
        return LOANWORD_SIM, "the Latin word as Cyrillic writes it"  # Логекс / Logex
    if sim < LOANWORD_SOUND_SIM and min(lq, lr) >= 6 and _loanword_sounds(q, r):
        # (РусГидро / RusHydro, Трансконтейнер / TransContainer, Эйрбург / Airburg)
        return LOANWORD_SOUND_SIM, "the Latin word as Cyrillic writes it (as it sounds)"
    if q.abjad and r.abjad and q.orig and r.orig and long_vowels_differ(q.orig, r.orig):
        # both written in the script, with their long vowels: جلیلی is Jalili, not جلالی
        # Jalali; ظفری (Zafari) is not ظفير (Dhafir)
        return min(sim, 0.6), "different long vowels (as written)"
    if q.abjad or r.abjad:
        ab, lat = (q, r) if q.abjad else (r, q)
        if q.abjad and r.abjad and nisba_apart(q.orig, r.orig):
            # both as written, one with the -i of origin: عباس is Abbas, عباسی Abbasi
            return min(sim, 0.65), "another name (-i of origin)"
        read = None if lat.abjad or not ab.orig else reading_of(ab.orig)
        if read is not None:
            # an Arabic-script word read letter by letter against the Latin spelling: each
            # consonant as the lists render it, long vowels as vowels of their kind
            # (and begins as the Latin does: عتاب is not Taeb; the Latin without its
            # article may begin with the article's vowel, Elahian: الهیان)
            if ALLAH_LATIN.fullmatch(lat.text) and not is_allah(ab.orig):
                # (Allah is الله: علی, Ali, reads as Alla letter by letter, and is no Allah)
                sim, how = min(sim, 0.6), _OTHER_LETTERS
            elif (read.fullmatch(lat.text) and _heads_agree(ab.orig or "", lat.text)) or (
                    lat.alt and read.fullmatch(lat.alt)):
                if sim < 0.92:
                    sim, how = 0.92, "same letters (read from the script)"
            elif _long_vowel_unwritten(ab, lat) and _known_apart(q, r):
                # two names both known, as different ones, the Latin with a long vowel the
                # script does not write: محمد is Muhammad, not Mahmoud
                sim, how = min(sim, KNOWN_OTHER_SIM), "another known name (read from the script)"
            elif sim < 0.88 and min(lq, lr) >= 3 and _same_consonants(q, r) and (
                    _long_vowels_agree(q, r)) and not _long_i_unwritten(ab, lat) and (
                    not _final_vowel_apart(ab, lat)) and (
                    _heads_agree(ab.orig or "", lat.text)) and not (
                    (ab.orig or "-")[-1] in "هةה" and lat.text[-1] not in "aeiouyht"):
                # (a final ه, ة or ה says a vowel or an h the Latin does not write: دانيالة,
                # דניאלה are Daniela, not Daniel)
                sim, how = 0.8, "same consonants (transliterated script)"
            elif lat.role == Role.GENERIC and ab.role == Role.NAME and (
                    _ISLAMIC not in org_tags(lat.text)):
                # a name read from the script is no business word its letters do not spell
                # (کرمانی, Kermani, is no Company; کمپانی, Kampani, reads as one); the words of
                # Islamic bodies are Arabic's own, written in other forms (الاسلامي, Islamic)
                return 0.0, "another word (read from the script)"
            else:
                # the letters say another name (حسين, Husayn, is not Hasan): a likeness of
                # the vowel-less transliteration is no evidence of a spelling
                sim, how = min(sim, 0.6), _OTHER_LETTERS
        # Arabic or Hebrew script writes no short vowels: the consonants are the evidence,
        # and must agree strictly (kh is not k: خان is not كاني)
        elif _long_vowel_unwritten(ab, lat) and _known_apart(q, r):
            sim, how = min(sim, KNOWN_OTHER_SIM), "another known name (read from the script)"
        elif sim < 0.88 and min(lq, lr) >= 2 and max(lq, lr) >= 3 and _same_consonants(q, r):
            sim, how = 0.88, "same consonants (transliterated script)"
        elif lat.abjad and is_arabic_word(ab.orig) and is_arabic_word(lat.orig):
            # both written in the script, with other letters (زفري, سفري): other names
            sim = min(sim, 0.5)  # (not aligned at all)
    elif how == "spelling" and sim < 0.85 and not (q.orig or r.orig) and _abd_and_not(
            q.text, r.text):
        sim, how = KNOWN_OTHER_SIM, "another name (one made with Abd)"
    elif q.skel == r.skel and lq >= 3 and lr >= 3 and len(q.skel) >= 3 and 0.7 <= sim < 0.85 and (
            OSA.distance(q.text, r.text, score_cutoff=1) > 1) and not _known_apart(q, r) and (
            (q.text[0] in _VOWEL_HEADS) == (r.text[0] in _VOWEL_HEADS)):
        # (a name that begins with a vowel and one that begins with a consonant are two
        # names whatever their consonants: Ihsan and Hasan, إحسان and حسن)
        # (a typo or transposition, one edit or 0.85 and above, stays a spelling; two names
        # rigour knows as different ones, Daniel and Daniella, are not said alike)
        sim, how = 0.55 + 0.4 * sim, "sounds alike"
    elif how == "spelling" and MIN_TOKEN_SIM <= sim < 0.9 and not (q.abjad or r.abjad) and (
            (q.skel != r.skel or _i_against_a(q.text, r.text))
            and not r.text.startswith(q.text) and _known_apart(q, r)):
        # (with the same consonants they are more often one name that rigour holds under
        # two entries, Yahia and Yahya, but for an i against an a, Jamil and Jamal); two
        # letters or more apart, two names (Vladimir and Vladislav, Salah and Salameh: not
        # aligned at all), unless the query's begins the list's (a word cut or split:
        # Rodrig, Rodriguez; Alexan der, Alexander)
        if sim > KNOWN_APART_SIM:
            sim, how = KNOWN_APART_SIM, _ANOTHER_KNOWN
        else:
            sim, how = KNOWN_OTHER_SIM, "another known name"
    elif how == "spelling" and sim < 0.8 and min(lq, lr) >= 4 and not (q.abjad or r.abjad) and (
            (q.text[0] in _VOWEL_HEADS) != (r.text[0] in _VOWEL_HEADS)):
        # two letters or more apart, one beginning with a vowel, the other with a consonant:
        # two names (Ihsaan, Hassan); a typo rarely hits the first letter, and one dropped
        # vowel is one edit (Brahim, Ibrahim: 0.88)
        sim, how = KNOWN_OTHER_SIM, "another name (other first letter)"
    elif how == "spelling" and KNOWN_OTHER_SIM < sim < 0.9 and min(lq, lr) >= 4 and abs(
            lq - lr) <= 2 and q.text[0] != r.text[0] and q.text[0] not in _VOWEL_HEADS and (
            r.text[0] not in _VOWEL_HEADS) and not (
            q.abjad or r.abjad or q.orig or r.orig) and not (
            q.text.endswith(r.text) or r.text.endswith(q.text)) and not (
            _onset(q.text) & _onset(r.text)) and OSA.distance(
            q.text, r.text, score_cutoff=2) >= 2:
        # two letters or more apart, the first sounds too (Baranova, Kapranova; Lomov,
        # Gromov): a typo rarely hits the first letter, and another romanisation spells it
        # with a letter of the same sound (Charif, Sharif): two names (but a word with
        # letters glued before it: AOZAVODELEKON, AO Zavod Elekon; a vowel against a
        # consonant is the rule above, and an h dropped is a spelling: Kharonovich, Aaronovich)
        sim, how = KNOWN_OTHER_SIM, "another name (other first sound)"
    return sim, how


# the first letters a name romanised from Cyrillic may begin with where another romanisation
# writes the one letter: Е, Ю, Я at the start are Ye, Yu, Ya (BGN/PCGN), E, Iu, Ia (ICAO
# 9303), Je, Ju, Ja (scholarly): E. V. PRIGOZHIN is Yevgeniy Viktorovich, Y. for Elena
_IOTATED = {"e": ("ye",), "y": ("e", "iu", "ia", "ju", "ja", "je"), "i": ("yu", "ya", "ye"),
            "j": ("yu", "ya", "ye")}


def _initial_of(letter: str, word: str) -> bool:
    """``letter`` is the initial of ``word``: its first letter, or the one another
    romanisation of a Cyrillic name begins it with (E for Yevgeniy, Y for Elena)."""
    return word.startswith(letter) or word.startswith(_IOTATED.get(letter, ("-",)))


def _name_for_business_word(p: Pair) -> bool:
    """A name rigour knows aligned as a spelling with a business word two letters or more
    from it: two words (Martinez is no Marine, of Marine Industries); a typo of the business
    word one letter off stays a spelling (Marina). Between Latin names only: a Russian word
    transliterated is a spelling of the English one (Сталь, stal, a name too: Steel)."""
    if len(p.query) != 1 or len(p.listed) != 1 or p.how != "spelling" or p.sim >= 0.85:
        return False
    q, r = p.query[0], p.listed[0]
    name = q if q.role == Role.NAME else r
    return {q.role, r.role} == {Role.NAME, Role.GENERIC} and known_name(name) and (
        OSA.distance(q.text, r.text, score_cutoff=2) >= 2)


_OTHER_LETTERS = "other letters (read from the script)"  # حامد, Hamid, is not Ahmed
# kinds of body rigour files apart that one word of other languages names both: a fund and
# a foundation are one Фонд, Fonds, Fundo (Akhmat Kadyrov Foundation, Фонд Ахмата Кадырова,
# the Kadyrov Fund)
_KINDRED_TAGS = (frozenset({"[SYMBOL:FUND]", "[SYMBOL:FDN]"}),)
KINDRED_SIM = 0.9
_KINDRED = "a kindred business word (a fund, a foundation: one word in other languages)"


def _kindred_bodies(ta: frozenset[str], tb: frozenset[str]) -> bool:
    """Two business words, by their :func:`org_tags`, of kinds of body :data:`_KINDRED_TAGS`
    puts together."""
    return bool(ta and tb) and any(ta <= kin and tb <= kin for kin in _KINDRED_TAGS)


_ISLAMIC = "[DOMAIN:ISLAMIC]"  # rigour's tag of the words of Islamic bodies (Islamic, Islam)

# Arabic-script letters that carry a word-initial vowel: alif (with or without hamza), ʿayn
_VOWEL_HEAD = frozenset("اأإآعءאע")  # (and Hebrew alef, ayin)


def _heads_apart(q: Token, r: Token) -> bool:
    """An Arabic-script word and a Latin one whose transliteration it has, that begin one with
    a vowel, the other with a consonant: عماري (Ammari, mary) is no Mary."""
    ab, lat = (q, r) if q.abjad else (r, q)
    return is_arabic_word(ab.orig) and not _heads_agree(ab.orig or "", lat.text)


def _heads_agree(word: str, latin: str) -> bool:
    """An Arabic-script word and a Latin spelling begin alike: with a vowel where the script
    begins with alif or ʿayn, with a consonant otherwise (أحمد is Ahmad, not Hamadi; معيض is
    not Omidi). A word with its article begins with the article's vowel (الدين: Eddin;
    الصبار: Essabar) or as the word after it does (الحسن: Hassan; العمري: Omari)."""
    stripped = without_article(word)
    if stripped != word:
        if latin[:1] in ("a", "e"):
            return True
        word = stripped
    if not word or word[0] in "\u0648\u05d5\u05d9":  # و, Hebrew vav and yod
        # w: a consonant or a vowel in Latin (Walid, Ouali); Hebrew yod too (Yitzhak,
        # Itzhak); the Arabic and Persian y begins with a consonant (یزدی is Yazdi, not Izadi)
        return True
    return (word[0] in _VOWEL_HEAD) == (latin[:1] in ("a", "e", "i", "o", "u"))


TYPO_SIM = 0.9  # one keyboard slip in a word of five letters or more
TYPO2_SIM = 0.88  # two in a word of eight letters or more
SLIP_ALIKE_SIM = 0.82  # one in a spelling with the same consonants


def _slip_sounds_alike(q: str, r: str, r_skel: str) -> bool:
    """The query word is, but for one slip of the finger, a word with the list word's
    consonants (AMHED is AHMED mistyped, and AHMED sounds like AHMAD); the query's own
    consonants are not the list word's (CORLU is not CORAL: two vowels apart is another
    name)."""
    if OSA.distance(q, r, score_cutoff=2) != 2:
        return False
    # (its consonants as they are written, sh and s, kh and k apart: SHMID, the Czech Šmíd
    # read in English letters, is no SIMIC mistyped)
    strict = strict_skeleton(r)
    # (and ends as the list word does: a vowel more at the end is another form of the name,
    # not its sound, RAHAYU no RAHATU, RAHAT mistyped)
    return any(skeleton(w) == r_skel and strict_skeleton(w) == strict and w[-1] == r[-1] and (
        keyboard_slip(q, w)) for w in _undo_slips(q))


def _undo_slips(q: str) -> set[str]:
    """The words that one slip of the finger (as :func:`keyboard_slip` reads one) turns
    into ``q``."""
    out: set[str] = set()
    for k in range(len(q)):
        if k + 1 < len(q) and q[k] != q[k + 1]:
            out.add(q[:k] + q[k + 1] + q[k] + q[k + 2:])  # two letters swapped
        for c in NEAR_KEYS.get(q[k], ""):
            out.add(q[:k] + c + q[k + 1:])  # a key for its neighbour
        out.add(q[:k] + q[k] + q[k:])  # a doubled letter written once
        out.add(q[:k] + q[k + 1:])  # a letter too many
    return out


def _two_keyboard_typos(q: str, r: str) -> bool:
    """The query word is the list word with two slips of the finger."""
    if OSA.distance(q, r, score_cutoff=2) != 2:
        return False
    return any(OSA.distance(w, r, score_cutoff=1) == 1 and keyboard_slip(q, w)
               and keyboard_slip(w, r) for w in _undo_slips(q))


_SLOT_CLASS = {"w": "U", "u": "U", "o": "U", "y": "I", "i": "I", "e": "I"}


def _vowel_slots(text: str) -> list[set[str]]:
    """The vowel classes (U: u o w, I: i e y) between the consonants of a token."""
    slots: list[set[str]] = [set()]
    for ch in text:
        cls = _SLOT_CLASS.get(ch)
        if cls is not None:
            slots[-1].add(cls)
        elif ch not in "ah'":
            slots.append(set())
    return slots


_ALIF = re.compile(f"[{ALEF}ء]")


def _same_consonants(q: Token, r: Token) -> bool:
    """A word of a vowel-less script and a spelling with the same consonants: read from the
    Arabic-script word itself (:mod:`sanctio.text.abjad`), else from its transliteration.
    Two consonants are too little to tell names apart (swd: Saud, not Said): there the long
    vowels the script does write must be in the Latin spelling too."""
    ab, lat = (q, r) if q.abjad else (r, q)
    if lat.abjad and is_arabic_word(ab.orig) and is_arabic_word(lat.orig):
        # both in the script: their letters, not their transliterations (زفري is not سفري);
        # of two consonants, every letter but an alif (معن, Maan, is not أيمن, Ayman)
        common = arabic_keys(ab.orig or "") & arabic_keys(lat.orig or "")
        if not common:
            return False
        key = max(common, key=len)
        if len(key) == 2:
            return _ALIF.sub("", ab.orig or "") == _ALIF.sub("", lat.orig or "")
    elif not lat.abjad and is_arabic_word(ab.orig):
        common = arabic_keys(ab.orig or "") & latin_keys(lat.text)
        if not common:
            return False
        key = max(common, key=len)
        if len(key) == 2 and len(_LATIN_CONSONANTS.findall(_h_less(lat.text))) > 3:
            # two consonants left of a Latin word of many, each v read as a vowel and the
            # d's alike read as one, say nothing (معيض, m-d, is no Medvedev)
            return False
    else:
        key = strict_skeleton(q.text)
        if key != strict_skeleton(r.text):
            return False
    return len(key) >= 3 or (len(key) == 2 and (q.abjad == r.abjad or _long_vowels_agree(q, r)))


def _long_vowels_agree(q: Token, r: Token) -> bool:
    """The long vowels of the abjad side (و, ي) stand where the Latin side has a vowel of
    their kind: سعود (swd) is Saud or Saoud, not Said."""
    ab, lat = (q, r) if q.abjad else (r, q)
    a_slots, l_slots = _vowel_slots(ab.text), _vowel_slots(lat.text)
    if len(a_slots) != len(l_slots):
        # (the consonants written differently, digraphs or doubled: each long vowel still
        # has one of its kind after the one before, حميد is no Hammadou, کیانا no Kanaan;
        # but for a final ی after an alif, Persian's ezafe: آلومینای is Alumina)
        rest = iter([b for b in l_slots if b])
        written = a_slots[:-1] if ab.text.endswith("ay") else a_slots
        return all(any(a <= b for b in rest) for a in written if a)
    return all(a <= b for a, b in zip(a_slots, l_slots, strict=True))


_LONG_I = re.compile("ee|ei|ey|ie|ii")
_LATIN_CONSONANTS = re.compile(r"([^aeiouyw'])(?!\1)")  # (a letter written twice: once)
# (a consonant of a Latin spelling written twice, y a vowel here; not the pattern of
# _arabic_spellings, for which y is a consonant, Sayyid, and a doubled first letter stays)
_DOUBLED_LATIN_CONSONANT = re.compile(r"([^aeiouy])\1")


def _between_consonants(text: str, vowels: str) -> list[str]:
    """The vowel letters between each two consonants of a word."""
    out = [""]
    for ch in text:
        if ch in vowels:
            out[-1] += ch
        else:
            out.append("")
    return out[1:-1]


def _slots(ab: Token, lat: Token) -> list[tuple[str, str]] | None:
    """The vowels each spelling writes between each two consonants, side by side (the Latin
    with doubled consonants made one); None where the consonants were written differently
    (digraphs): there the slots are not judged."""
    lat_slots = _between_consonants(_DOUBLED_LATIN_CONSONANT.sub(r"\1", lat.text), "aeiouy")
    ab_slots = _between_consonants(ab.text, "aeiouyw")
    if len(lat_slots) != len(ab_slots):
        return None
    return list(zip(lat_slots, ab_slots, strict=True))


def _long_i_unwritten(ab: Token, lat: Token) -> bool:
    """The Latin spelling writes a long i (ee, ei, ie: Hosseini, Saeedi) between two
    consonants where the Arabic-script word writes no ی between them: حسنی is Hasani, not
    Hosseini. (ou and oo are left alone: French writes a short u so, Mouhamed for محمد.)"""
    return any(_LONG_I.search(v) and "y" not in a for v, a in _slots(ab, lat) or ())


_LONG_DIGRAPH = re.compile("ou|oo|ee|ii|aa|uu")


def _long_vowel_unwritten(ab: Token, lat: Token) -> bool:
    """The Latin spelling writes a long vowel (ou, oo, ee) between two consonants where the
    Arabic-script word writes none: Mahmoud against محمد. (Alone no evidence: French writes
    a short u so, Mouhamed; with two names rigour knows apart, it is.)"""
    return any(_LONG_DIGRAPH.search(v) and not a for v, a in _slots(ab, lat) or ())


def _final_vowel_apart(ab: Token, lat: Token) -> bool:
    """The Latin spelling ends in a long i after a consonant (Hamadi, Zaidi) where the
    Arabic-script word ends in no ی (حمد is Hamad; Hamadi is حمادي), or in a consonant where
    the script ends in ی, a long vowel (حمیدی is Hamidi, not Hammud)."""
    t, last = lat.text, (ab.orig or "-")[-1]
    if len(t) < 4:
        return False
    if last in "يیىئ":
        return t[-1] not in "aeiouyh" or (t[-1] == "a" and not maqsura_after(
            last, (ab.orig or "--")[-2]))
    return t[-1] in "iy" and t[-2] not in "aeiouy"


@dataclass(slots=True)
class Pair:
    query: list[Token]
    listed: list[Token]
    sim: float
    how: str
    qi: tuple[int, ...] = ()  # positions of the query tokens among the compared ones
    rj: tuple[int, ...] = ()  # positions of the list tokens

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return by_fields(self)


def _shown(t: Token) -> str:
    """A token as an explanation names it: a Chinese syllable with its character (jian 建 is
    not jian 剑)."""
    return f"{t.text} {t.han}" if t.han else t.text


@dataclass(slots=True)
class NameComparison:
    score: float
    pairs: list[Pair]
    unmatched_query: list[Token]
    unmatched_list: list[Token]
    ignored: list[str] = field(default_factory=list)
    legal: str | None = None  # legal form agreement / conflict
    features: dict[str, float] = field(default_factory=dict)

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return by_fields(self)

    def describe(self) -> str:
        bits = []
        for p in self.pairs:
            q = " ".join(t.text for t in p.query)
            r = " ".join(t.text for t in p.listed)
            bits.append(f"{q}={r}" if p.how == "same" else f"{q}~{r} ({p.how})")
        if self.unmatched_query:
            bits.append("query only: " + ", ".join(map(_shown, self.unmatched_query)))
        if self.unmatched_list:
            bits.append("list only: " + ", ".join(map(_shown, self.unmatched_list)))
        if self.ignored:
            bits.append("ignored: " + ", ".join(self.ignored))
        if self.legal:
            bits.append(self.legal)
        if self.features.get("company_as_person"):
            bits.append("a company's name (a legal form, a business word, or names joined "
                        "with and) against a person's")
        against = [_EXAMPLES.sub("", FEATURES[k]) for k in _SAID_AGAINST
                   if self.features.get(k) and NAME_MODEL.weights.get(k, 0.0) < 0]
        if self.features.get(PLACES_ONLY):
            against.append(_PLACES_ONLY_SAID)
        if against:
            # (what lowered the score, said in words: the table's weights are in the data)
            bits.append("against it: " + "; ".join(against))
        return "; ".join(bits)

    def to_data(self) -> dict[str, Any]:
        return {
            "name_score": round(self.score, 4),
            "aligned": [
                {"query": " ".join(t.text for t in p.query),
                 "list": " ".join(t.text for t in p.listed), "similarity": round(p.sim, 3),
                 "how": p.how} for p in self.pairs],
            "query_only": [t.text for t in self.unmatched_query],
            "list_only": [t.text for t in self.unmatched_list],
            "ignored": self.ignored,
            "features": {k: round(v, 4) for k, v in self.features.items()},
        }


@lru_cache(maxsize=100_000)
def _joined(a: str, b: str, abjad: bool = False, orig: str | None = None) -> Token:
    return Token(a + b, Role.NAME, skeleton(a + b), abjad=abjad, orig=orig)


_SIM_CACHE: dict[tuple[str, bool, str | None, bool, str | None, bool, Role, str | None, bool],
                 dict[str, tuple[float, str]]] = {}


def _sim_row(a: Token) -> dict[str, tuple[float, str]]:
    """Memoised similarities of one query token to list tokens. Every field token_sim reads
    is in the key: the text, the word it came from (its symbols follow from those), the
    script flags, and the role and the alternative form, which its place in the name decides
    (bank is a business word in a company's name, a name in a person's; Marat before kyzy
    has Maratovna, the al before dyn makes aldyn), so no earlier call can change a later
    result."""
    key = (a.text, a.abjad, a.orig, a.short, a.han, a.aspirated, a.role, a.alt, a.ova)
    row = _SIM_CACHE.get(key)
    if row is None:
        if len(_SIM_CACHE) > 200_000:
            _SIM_CACHE.clear()
        row = _SIM_CACHE[key] = {}
    return row


def _row_key(b: Token) -> str:
    # every field token_sim reads, as in _sim_row (a plain name word: its text)
    return (f"{b.text}\x00{b.orig}\x00{b.abjad:d}\x00{b.short:d}\x00{b.han}\x00"
            f"{b.aspirated:d}\x00{b.role:d}\x00{b.alt}\x00{b.ova:d}" if (
                b.orig or b.abjad or b.short or b.han or b.aspirated or b.alt or b.ova
                or b.role != Role.NAME) else b.text)


def cached_token_sim(a: Token, b: Token) -> tuple[float, str]:
    """:func:`token_sim`, memoised."""
    row = _sim_row(a)
    bk = _row_key(b)
    hit = row.get(bk)
    if hit is None:
        hit = row[bk] = token_sim(a, b)
    return hit


# an option: (-similarity, -tokens involved, sequence, query positions, list positions, how)
_Option = tuple[float, int, int, tuple[int, ...], tuple[int, ...], str]


def _greedy(options: list[_Option], qt: list[Token], rt: list[Token]
            ) -> tuple[list[Pair], set[int], set[int]]:
    options.sort()
    used_q: set[int] = set()
    used_r: set[int] = set()
    pairs: list[Pair] = []
    for neg_sim, _n, _seq, qi, rj, how in options:
        if len(qi) == 1 and len(rj) == 1:
            if qi[0] in used_q or rj[0] in used_r:
                continue
        elif used_q.intersection(qi) or used_r.intersection(rj):
            continue
        used_q.update(qi)
        used_r.update(rj)
        pairs.append(Pair([qt[i] for i in qi], [rt[j] for j in rj], -neg_sim, how, qi, rj))
    return pairs, used_q, used_r


def article_gaps(form: NameForm, after: frozenset[int] | None = None) -> frozenset[int]:
    """Positions ``i`` among the compared tokens where the article ``al`` stands between
    token ``i`` and the next one in an Arabic-script name (نور الدين, عبد الله): written as
    one, the two words keep it (Noureddine, Nasrallah). ``after``: the form's
    :func:`article_after`, where the caller has it already."""
    after = article_after(form) if after is None else after
    return frozenset(i for i in after if form.scoring[i + 1].abjad)


def _family_gaps(form: NameForm) -> frozenset[int]:
    """Positions ``i`` among the compared tokens of a name in Arabic script where آل (the
    family of: a word of its own, not the article glued to the next word) stands between
    token ``i`` and the next one (مكّي آل علي; not نورالدین)."""
    words = form.original.split()
    if "آل" not in words:
        return frozenset()
    # (each article of the name, in order, as its own word or glued to one)
    family = [kind for w in words for kind in (
        [True] if w == "آل" else [False] * arabic_prepare(w).split().count("ال"))]
    return frozenset(i for i, kind in zip(_article_slots(form), family, strict=False)
                     if kind and i is not None)


def _article_slots(form: NameForm) -> list[int | None]:
    """For each article ``al`` of a name, in order: the position ``i`` among its compared
    tokens where it stands between token ``i`` and the next one, None where it does not
    (first or last, or beside a word not compared)."""
    pos = {id(t): i for i, t in enumerate(form.scoring)}
    toks = form.tokens
    out: list[int | None] = []
    for k, t in enumerate(toks):
        if t.role != Role.PARTICLE or t.text != "al":
            continue
        a = pos.get(id(toks[k - 1])) if 0 < k < len(toks) - 1 else None
        out.append(a if a is not None and pos.get(id(toks[k + 1])) == a + 1 else None)
    return out


def article_after(form: NameForm) -> frozenset[int]:
    """Positions ``i`` among the compared tokens of a name in any script where the article
    stands between token ``i`` and the next one (Saif al-Islam, Zia ul Haq, سيف الإسلام)."""
    if not any(t.role == Role.PARTICLE for t in form.tokens):
        return frozenset()
    return frozenset(i for i in _article_slots(form) if i is not None)


def particles_before(form: NameForm) -> dict[int, str]:
    """Each compared name word with the particles written apart right before it (LE PEN:
    le; VAN DER BERG: vander; DE LOS SANTOS: delos), which another spelling glues to it
    (LEPEN, VANDERBERG, DELOSSANTOS)."""
    if not any(t.role == Role.PARTICLE for t in form.tokens):
        return {}
    pos = {id(t): i for i, t in enumerate(form.scoring)}
    out: dict[int, str] = {}
    run = ""
    for t in form.tokens:
        if t.role == Role.PARTICLE and not t.abjad and t.orig is None:
            run += t.text
            continue
        i = pos.get(id(t))
        if run and i is not None and t.role == Role.NAME:
            out[i] = run
        run = ""
    return out


# the article as South Asian and Malay spellings glue it to the end of the word before
# (Saiful Islam, Nurul Huda, Ziaul Haq), or its l gone into the next word's first letter
# (Fazlur Rahman, Nasirud Din, Shamsus Salam)
_GLUED_AFTER = ("ul", "al", "el", "il", "ol")
_SUN_INITIALS = ("sh", "th", "dh", "ts", "r", "d", "s", "z", "t", "n")
_ARTICLE_AFTER = "article glued to the word before"


def _article_stem(word: Token, nxt: Token) -> Token | None:
    """The word without the article glued to its end (``word`` a Latin word of a name,
    ``nxt`` the word after it in the other name, which the article stands before): Saiful
    before Islam is Saif, Fazlur before Rahman (رحمن) is Fazl; None for any other word."""
    text = word.text
    if word.abjad or word.orig is not None or word.role != Role.NAME or len(text) < 5:
        return None
    if text.endswith(_GLUED_AFTER):
        return _joined(text[:-2], "")
    initial = next((c for c in _SUN_INITIALS if nxt.text.startswith(c)), None)
    if initial is not None and len(text) >= 4 + len(initial) and text.endswith(
            initial) and text[-len(initial) - 1] in "uaei":
        return _joined(text[:-len(initial) - 1], "")
    return None


def _joinable(a: Token, b: Token, one: Token) -> bool:
    """Two words that may be the one word ``one`` written apart. A word of one or two letters
    that is no particle (Al Kani, Zia-ur-Rahman), initial (U.K.), Chinese or Korean
    syllable (Jong Un) or word of a script is not glued into a given name people have:
    UM AIR, a brand, is no spelling of Umair."""
    short = [t for t in (a, b) if len(t.text) == 2 and not (
        t.abjad or t.orig is not None or t.text in _GLUED_PARTICLES)]
    if not short or (known_syllable(a.text) and known_syllable(b.text)):
        return True
    return not known_name(one)


@lru_cache(maxsize=50_000)
def _syllables_apart(one: str, a: str, b: str) -> bool:
    """Whether ``a b`` may be the word ``one`` written apart: two Chinese or Korean syllables
    are one word only as those syllables (Jian Ping is no Jiangping: a syllable is compared
    whole, never by its letters); other words, by their spelling."""
    ka, kb = syllable_key(a), syllable_key(b)
    if ka is None or kb is None:
        return True
    return any(syllable_key(one[:k]) == ka and syllable_key(one[k:]) == kb
               for k in range(1, len(one)))


# the words two words written apart may be: a name, or a business word (OFF-SHORE, CAP ITAL)
_JOINED_ROLES = (Role.NAME, Role.GENERIC)


@lru_cache(maxsize=50_000)
def _three_syllables_apart(one: str, a: str, b: str, c: str) -> bool:
    """Whether three Chinese or Korean syllables ``a b c`` are the word ``one`` written
    apart, each syllable whole (릉라도, rung ra do: Rungrado; 합장강, hap jang kang:
    Hapjanggang)."""
    keys = (syllable_key(a), syllable_key(b), syllable_key(c))
    if None in keys:
        return False
    return any(syllable_key(one[:k]) == keys[0] and syllable_key(one[k:m]) == keys[1]
               and syllable_key(one[m:]) == keys[2]
               for k in range(1, len(one) - 1) for m in range(k + 1, len(one)))


def _three_apart(side: list[Token], weak: set[int], other: list[Token], weak_other: set[int]
                 ) -> list[tuple[float, tuple[int, ...], int]]:
    """Three syllables of one side's Chinese or Korean name that are one word of the other's
    written together (the place or company name the lists write whole: Korea Rungrado
    General Trading Corporation, 조선릉라도무역총회사): the similarity, the three positions,
    the other word's position; two syllables are :func:`_align`'s pairs."""
    out: list[tuple[float, tuple[int, ...], int]] = []
    for i in range(len(side) - 2):
        three = side[i:i + 3]
        if not weak & {i, i + 1, i + 2} or any(
                t.abjad or t.role != Role.NAME or syllable_key(t.text) is None for t in three):
            continue
        text = "".join(t.text for t in three)
        for j in weak_other:
            one = other[j]
            if one.role in _JOINED_ROLES and abs(len(one.text) - len(text)) <= _JOIN_SLACK and (
                    _three_syllables_apart(one.text, *(t.text for t in three))):
                sim = cached_token_sim(_joined(text, ""), one)[0]
                if sim >= 0.85:
                    out.append((sim, (i, i + 1, i + 2), j))
    return out


NUMBERS_APART_SIM = 0.97  # a number written in two parts (VISION 20-20), the other side's whole


def _numbers_apart(side: list[Token], weak: set[int], other: list[Token], weak_other: set[int]
                   ) -> list[tuple[tuple[int, int], int]]:
    """Two numbers side by side on one side that are, written together, a number of the
    other's (VISION 20-20, S.A.: Vision 2020; 7-11: 711): their positions and the other's."""
    out: list[tuple[tuple[int, int], int]] = []
    for i in range(len(side) - 1):
        a, b = side[i], side[i + 1]
        if a.role != Role.NUMBER or b.role != Role.NUMBER or not (weak & {i, i + 1}) or not (
                a.text.isdigit() and b.text.isdigit()):
            continue
        text = a.text + b.text
        out.extend(((i, i + 1), j) for j in sorted(weak_other)
                   if other[j].role == Role.NUMBER and other[j].text == text)
    return out


def _align(qt: list[Token], rt: list[Token], art: frozenset[int] = frozenset(),
           glued: tuple[frozenset[int], frozenset[int]] = (frozenset(), frozenset()),
           heads: tuple[dict[int, str], dict[int, str]] = ({}, {}),
           apart: frozenset[int] = frozenset(), slips: bool = False
           ) -> tuple[list[Pair], set[int], set[int]]:
    """Best pairs first; then, where tokens are left over or weakly paired, names written
    together or apart (two adjacent tokens against one), a word with the article glued
    to its end against the word before the article (``glued``: the positions of each side
    the article follows, :func:`article_after`), and a word with the particles glued to its
    front against the word they stand before apart (``heads``: :func:`particles_before`);
    never the query's words at the positions ``apart`` and the next as one. With ``slips``
    (organisations' names), a word one slip of its first letter off a list word is that
    word mistyped (:func:`_first_letter_slip`)."""
    options: list[_Option] = []
    rkeys = [_row_key(b) for b in rt]
    korean = _korean_name(rt)
    # (words that only look like syllables in names of neither language are words: Bie
    # is Biel mistyped in Gordon Koang Biel)
    cjk = _syllable_name(qt) or _syllable_name(rt)
    # (two Chinese names, a given name of two syllables written as one word on both sides)
    joined = _joined_pinyin_name(qt) and _joined_pinyin_name(rt)
    for i, a in enumerate(qt):
        row = _sim_row(a)
        for j, b in enumerate(rt):
            hit = row.get(rkeys[j])
            if hit is None:
                hit = row[rkeys[j]] = token_sim(a, b)
            if korean and hit[0] < MIN_TOKEN_SIM and (
                    _KO_PASSPORT.get(a.text) == b.text or _KO_PASSPORT.get(b.text) == a.text):
                hit = (PASSPORT_SIM, _PASSPORT)  # (in a Korean name only: Hee is Hokkien's 许)
            elif korean and hit[0] < MIN_TOKEN_SIM and _korean_slip(a, b):
                hit = (SYLLABLE_SLIP_SIM, _SYLLABLE_SLIP)
            elif not cjk and hit[1] in _SYLLABLE_HOWS:
                # (and a word that only looks like a syllable is no romanisation of another,
                # nor a letter off one: Don LOPEZ is no Ton VARELLA LOPEZ, Bir no BOR)
                hit = token_sim(a, b, syllables=False)
            elif joined and 0.0 < hit[0] < 1.0 and _pinyin_pairs_apart(a.text, b.text):
                # (each syllable of a given name written as one word is whole, as each of one
                # written apart is: Guiying is no Guoping, gui no guo)
                hit = (0.0, _JOINED_APART)
            elif slips and (hit[0] < TYPO_SIM or hit[1] == "spelling") and (
                    _first_letter_slip(a, b)):
                # (a typo, not a spelling whose first letter says another name:
                # initial_differs)
                hit = (max(hit[0], _text_sim(a.text, b.text)), _FIRST_SLIP)
            if hit[0] >= MIN_TOKEN_SIM:
                options.append((-hit[0], -2, len(options), (i,), (j,), hit[1]))
    # (Marine LEPEN, Marine LE PEN; VANDERBERG, VAN DER BERG; LAROBLEDA, LA ROBLEDA: the
    # particles one name writes apart before a word, the other glued to it)
    heads_q, heads_r = heads
    for i, head in heads_q.items():
        for j, b in enumerate(rt):
            if b.text == head + qt[i].text:
                options.append((-_GLUED_SIM, -2, len(options), (i,), (j,), _GLUED))
    for j, head in heads_r.items():
        for i, a in enumerate(qt):
            if a.text == head + rt[j].text:
                options.append((-_GLUED_SIM, -2, len(options), (i,), (j,), _GLUED))
    pairs, used_q, used_r = _greedy(list(options), qt, rt)
    if len(qt) + len(rt) < 3 or (len(used_q) == len(qt) and len(used_r) == len(rt)):
        return pairs, used_q, used_r
    weak_q = set(range(len(qt))) - used_q
    weak_r = set(range(len(rt))) - used_r
    for p in pairs:
        if p.sim < 0.9:
            weak_q.update(p.qi)
            weak_r.update(p.rj)
    extra: list[_Option] = []
    seq = len(options)
    for i in range(len(qt) - 1):
        if i in weak_q or i + 1 in weak_q:
            joined_len = len(qt[i].text) + len(qt[i + 1].text)
            jt: Token | None = None
            if ((qt[i].abjad or qt[i + 1].abjad) and not (qt[i].orig and qt[i + 1].orig)) or (
                    i in apart):
                continue  # (two words of the script are joined as written, never as read)
            for j in weak_r:
                b = rt[j]
                if not _joinable(qt[i], qt[i + 1], b) or not _syllables_apart(
                        b.text, qt[i].text, qt[i + 1].text):
                    continue
                # a similarity of 0.85 needs lengths within a few letters
                # (a vowel-less transliteration is shorter: its consonants decide)
                if b.role in _JOINED_ROLES and (len(b.text) >= 5 or b.text == qt[i].text + qt[
                        i + 1].text) and (qt[i].abjad or abs(len(b.text) - joined_len)
                                          <= _JOIN_SLACK):
                    article = glued_article(qt[i + 1].orig) if i in art else WORD_JOIN
                    jt = jt or _joined(qt[i].text, qt[i + 1].text, qt[i].abjad,
                                       (qt[i].orig or "") + article + (qt[i + 1].orig or "")
                                       if qt[i].orig and qt[i + 1].orig else None)
                    sim, how = cached_token_sim(jt, b)
                    if how.startswith("same letters"):
                        # two Arabic-script words read letter by letter as one Latin word
                        # (امين الله: Aminullah) explain more than either word alone
                        sim = max(sim, 0.95)
                    if sim >= 0.85:
                        extra.append((-sim, -3, seq, (i, i + 1), (j,), "written apart"))
                        seq += 1
    for j in range(len(rt) - 1):
        if j in weak_r or j + 1 in weak_r:
            joined_len = len(rt[j].text) + len(rt[j + 1].text)
            jt = None
            for i in weak_q:
                a = qt[i]
                # (a word in katakana is read by its sounds, not parted into the syllables of
                # its Hepburn spelling: ジョンウン, jonun, is Jong Un)
                if not _joinable(rt[j], rt[j + 1], a) or not (_syllables_apart(
                        a.text, rt[j].text, rt[j + 1].text) or is_katakana(a.orig)):
                    continue
                if a.role in _JOINED_ROLES and (len(a.text) >= 5 or a.text == rt[j].text + rt[
                        j + 1].text) and (a.abjad or abs(len(a.text) - joined_len)
                                          <= _JOIN_SLACK):
                    jt = jt or _joined(rt[j].text, rt[j + 1].text, rt[j].abjad)
                    sim, _ = cached_token_sim(a, jt)
                    if sim >= 0.85:
                        extra.append((-sim, -3, seq, (i,), (j, j + 1), "written together"))
                        seq += 1
    for sim, qi, j in _three_apart(qt, weak_q, rt, weak_r):
        extra.append((-sim, -3, seq, qi, (j,), "written apart"))
        seq += 1
    for sim, rj, i in _three_apart(rt, weak_r, qt, weak_q):
        extra.append((-sim, -3, seq, (i,), rj, "written together"))
        seq += 1
    for qi, j in _numbers_apart(qt, weak_q, rt, weak_r):
        extra.append((-NUMBERS_APART_SIM, -3, seq, qi, (j,), "numbers written apart"))
        seq += 1
    for rj, i in _numbers_apart(rt, weak_r, qt, weak_q):
        extra.append((-NUMBERS_APART_SIM, -3, seq, (i,), rj, "numbers written together"))
        seq += 1
    # (Saif al-Islam, Saiful Islam; فضل الرحمن, Fazlur Rahman: either side)
    glued_q, glued_r = glued
    for i in glued_q:
        if i in weak_q and i + 1 < len(qt):
            for j in weak_r:
                stem = _article_stem(rt[j], qt[i + 1])
                if stem is not None and (sim := cached_token_sim(qt[i], stem)[0]) >= 0.85:
                    extra.append((-min(sim, 0.95), -2, seq, (i,), (j,), _ARTICLE_AFTER))
                    seq += 1
    for j in glued_r:
        if j in weak_r and j + 1 < len(rt):
            for i in weak_q:
                stem = _article_stem(qt[i], rt[j + 1])
                if stem is not None and (sim := cached_token_sim(stem, rt[j])[0]) >= 0.85:
                    extra.append((-min(sim, 0.95), -2, seq, (i,), (j,), _ARTICLE_AFTER))
                    seq += 1
    if not extra:
        return pairs, used_q, used_r
    return _greedy(options + extra, qt, rt)


_LINEAGE = frozenset({"bin", "ould"})


SYLLABLE_SLIP_SIM = 0.7  # a letter off a romanised syllable, in what no romanisation writes
_SYLLABLE_SLIP = "a letter off (syllable)"


_SYLLABLES_APART = frozenset({"different syllables", "different syllables (pinyin)",
                              "another syllable (aspirated in McCune-Reischauer)"})


_SYLLABLE_HOWS = _SYLLABLES_APART | {"romanisation variant", _SYLLABLE_SLIP}


_JOINED_APART = "different syllables (a given name written as one word)"


_HYPHENED = re.compile(r"([a-z]+)-([a-z]+)")


def _halved(form: NameForm, used: set[int]) -> bool:
    """Two syllables of ``form`` written with a hyphen between them (Shao-Kang, Pyong-chol),
    one of them among the ``used`` positions of its compared words and the other not."""
    if "-" not in form.latin:
        return False
    words = [t.text for t in form.scoring]
    for m in _HYPHENED.finditer(form.latin):
        for j in range(len(words) - 1):
            if words[j] == m.group(1) and words[j + 1] == m.group(2) and (
                    (j in used) != (j + 1 in used)):
                return True
    return False


def _joined_pinyin_name(tokens: list[Token]) -> bool:
    """A name of two or three words, each a syllable of Chinese or Korean or two of pinyin
    written as one word (Guiying Shen; CHEN, Guoping), one of them such a word."""
    words = [t for t in tokens if t.role == Role.NAME]
    return 2 <= len(words) <= 3 and all(
        syllable_key(t.text) is not None or pinyin_pairs(t.text) for t in words) and any(
        syllable_key(t.text) is None for t in words)


def _pinyin_pairs_apart(a: str, b: str) -> bool:
    """Two words each two syllables of pinyin (:func:`pinyin_pairs`), no reading of one the
    other's syllable for syllable (each the same, or a romanisation of it): two given
    names."""
    one, two = pinyin_pairs(a), pinyin_pairs(b)
    return bool(one and two) and not any(
        syllable_key(x1) == syllable_key(y1) and syllable_key(x2) == syllable_key(y2)
        for x1, x2 in one for y1, y2 in two)


def _syllable_name(tokens: list[Token]) -> bool:
    """A name of two words or more, all of them syllables of Chinese or Korean."""
    words = [t for t in tokens if t.role == Role.NAME]
    return len(words) >= 2 and all(syllable_key(t.text) is not None for t in words)


def _korean_name(rt: list[Token]) -> bool:
    """A list name of Chinese or Korean syllables, one of them only Korean writes (RI PYONG
    CHUL: pyong): a Korean name."""
    return len(rt) >= 2 and all(
        syllable_key(t.text) is not None and not t.orig for t in rt) and any(
        korean_only(t.text) for t in rt)


def _syllable_slip(q: Token, r: Token, known: Callable[[str], bool]) -> bool:
    """The query's word a letter off the list's romanised syllable (both of three letters or
    more, neither read from the script) and no syllable ``known`` writes: a typo."""
    return min(len(q.text), len(r.text)) >= 3 and not (q.orig or r.orig) and OSA.distance(
        q.text, r.text, score_cutoff=1) <= 1 and not known(q.text)


def _korean_slip(a: Token, b: Token) -> bool:
    """A query's syllable a letter off a Korean name's that Korean does not write, though
    pinyin may (CHUO for CHUL, CUN for CHUN, Cang for Chang): a typo in that name, as one no
    romanisation writes is (token_sim); yang for yong is another syllable either way."""
    return syllable_key(a.text) is not None and _syllable_slip(a, b, korean_spelling)


def _lineage(form: NameForm) -> list[tuple[int, int]]:
    """(son, father) positions among the compared tokens, from ``X bin Y`` / ``X ould Y``."""
    toks = form.tokens
    if len(toks) < 3 or not any(t.text in _LINEAGE for t in toks):
        return []
    pos = {id(t): i for i, t in enumerate(form.scoring)}
    out = []
    for k in range(1, len(toks) - 1):
        t = toks[k]
        if t.role == Role.PARTICLE and t.text in _LINEAGE:
            a, b = pos.get(id(toks[k - 1])), pos.get(id(toks[k + 1]))
            if a is not None and b is not None:
                out.append((a, b))
    return out


def _father_named(q: NameForm, r: NameForm, pairs: list[Pair]) -> tuple[Token, Token] | None:
    """One name is bin or ould and one name, the father's (Ibn Yasir: the son of Yasir),
    and the other has that word as a name of its own, after no bin (Hajji Yasir; YASIR,
    Ammar): the pair of words, query's first; None otherwise. (A name reordered that opens
    with bin has more words: bin Laden Osama.)"""
    for a, b, side in ((q, r, 0), (r, q, 1)):
        if not (a.tokens and a.tokens[0].role == Role.PARTICLE and a.tokens[0].text in _LINEAGE
                and len(a.scoring) == 1):
            continue
        after = {id(t) for k, t in enumerate(b.tokens) if k > 0 and b.tokens[k - 1].role == (
            Role.PARTICLE) and b.tokens[k - 1].text in _LINEAGE}
        for p in pairs:
            if len(p.query) == len(p.listed) == 1 and p.sim >= 0.8:
                own = (p.listed if side == 0 else p.query)[0]
                if id(own) not in after and own.role == Role.NAME:
                    return p.query[0], p.listed[0]
    return None


def _has_word_of(other: NameForm, t: Token) -> bool:
    """``other`` writes the word ``t`` (as a name or a title), in its script or another."""
    for o in other.tokens:
        if o.text == t.text:
            return True
        for a, b in ((t, o), (o, t)):
            if a.orig and not b.orig and (read := reading_of(a.orig)) is not None and (
                    read.fullmatch(b.text)):
                return True
    return False


def compare_forms(q: NameForm, r: NameForm, weights: TokenWeights,
                  r_weights: list[float] | None = None) -> NameComparison:
    """Compare two analysed names (:func:`_compare_forms`); where one side opens with a
    title that is also a given name (Amir, Hafez, Imam) and the comparison leaves words over,
    the other reading of that word is compared too, and the better one kept (امیرعلی
    حاجیزاده is Amir Ali HAJIZADEH; Imam INAYATULLAH is INAYATULLAH). A title that is more
    often a given name (Amir, Malik, Mirza) is a name where the other name lacks the word: a
    given name one name has and the other not (Amir Ali Mohammadi, Ali KHAN MOHAMMADI)."""
    if r.person:
        # (a person's list name: the query's numeral after its name is a generation, Reza
        # OMIDI II, as Jr. is)
        q = as_generation(q) or q
    if any(map(mostly_name, q.tokens)):
        q = opening_names(q, partial(_has_word_of, r))
    if any(map(mostly_name, r.tokens)):
        turned = opening_names(r, partial(_has_word_of, q))
        if turned is not r:
            r, r_weights = turned, None
    best = _compare_forms(q, r, weights, r_weights)
    if best.unmatched_query or best.score < 0.9:
        for r2 in (titles_as_names(r), leading_title(r)):
            if r2 is not None:
                alt = _compare_forms(q, r2, weights)
                if alt.score > best.score:
                    best = alt
    if best.unmatched_list or best.score < 0.9:
        for q2 in (titles_as_names(q), leading_title(q)):
            if q2 is not None:
                alt = _compare_forms(q2, r, weights, r_weights)
                if alt.score > best.score:
                    best = alt
    return best


# Hangul vowels whose romanisations never write the other vowel: ㅜ ㅠ ㅡ are u (Jung,
# Joong, Keun), never o; ㅗ ㅛ are o, never u (ㅓ is o, u or eo: Jong, Jung, Jeong for 정)
_KO_U_VOWELS = frozenset({13, 17, 18})
_KO_O_VOWELS = frozenset({8, 12})
_LATIN_VOWELS = re.compile(r"[aeiouwy]+")


def _hangul_medials(text: str) -> dict[str, set[int]]:
    """Each romanised syllable of a Hangul name with the vowels (medial jamo) it came from."""
    out: dict[str, set[int]] = {}
    for ch in text:
        code = ord(ch) - 0xAC00
        if 0 <= code < 11172:
            syl = hangul_syllable(ch)
            for form in {syl, KO_FAMILY.get(syl, syl)}:  # (이: i, ri)
                out.setdefault(form, set()).add(code % 588 // 28)
    return out


def _hangul_vowels(q: NameForm, r: NameForm, pairs: list[Pair], used_q: set[int],
                   used_r: set[int]) -> tuple[list[Pair], set[int], set[int]]:
    """Romanisation variants of a Hangul syllable whose Latin spelling writes another vowel
    are no variants: 중 (jung) is never Jong, 종 never Jung."""
    hangul_q = q.script == "Hangul"
    medials = _hangul_medials(q.original if hangul_q else r.original)
    if not medials:
        return pairs, used_q, used_r
    off: list[Pair] = []
    for p in pairs:
        if p.how == "romanisation variant" and len(p.query) == len(p.listed) == 1:
            ko, lat = (p.query[0], p.listed[0]) if hangul_q else (p.listed[0], p.query[0])
            vowels = _LATIN_VOWELS.findall(lat.text)
            vowel = vowels[0] if vowels else ""
            med = medials.get(ko.text, set())
            if med and ((med <= _KO_U_VOWELS and "u" not in vowel and "oo" not in vowel) or (
                    med <= _KO_O_VOWELS and "u" in vowel)):
                off.append(p)
    return _drop_pairs(pairs, used_q, used_r, off)


def _drop_pairs(pairs: list[Pair], used_q: set[int], used_r: set[int], off: list[Pair]
                ) -> tuple[list[Pair], set[int], set[int]]:
    """The alignment without the pairs ``off``: their tokens are unmatched again."""
    if not off:
        return pairs, used_q, used_r
    return ([p for p in pairs if all(p is not o for o in off)],
            used_q - {i for p in off for i in p.qi}, used_r - {j for p in off for j in p.rj})


def _compare_forms(q: NameForm, r: NameForm, weights: TokenWeights,
                   r_weights: list[float] | None = None) -> NameComparison:
    """Align the tokens of two analysed names, measure the alignment as named features
    (:func:`name_features`) and score them with the fitted model (:data:`NAME_MODEL`).
    ``r_weights``: the list name's token weights, when precomputed at index time."""
    qt = q.scoring
    rt = r.scoring
    ignored = [t.text for t in q.tokens if t.role in (Role.TITLE, Role.PARTICLE)]
    if q.cut_form:
        ignored.append(f"{q.cut_form} (a legal form's word cut off)")
    if not qt or not rt:
        return NameComparison(0.0, [], qt, rt, ignored)
    after_q = article_after(q)
    gaps = article_gaps(q, after_q) if q.script == "Arabic" else frozenset()
    pairs, used_q, used_r = _align(
        qt, rt, gaps, (after_q, article_after(r)), (particles_before(q), particles_before(r)),
        # (آل, the family of, is a word of its own: the words either side of it are never
        # one written apart, مكّي آل علي no MEKELLE)
        _family_gaps(q) if gaps else frozenset(), not (q.person or r.person))
    if pairs:
        pairs, used_q, used_r = _first_slip_left(qt, rt, pairs, used_q, used_r, weights,
                                                 q.person or r.person)
    if "Hangul" in (q.script, r.script):
        pairs, used_q, used_r = _hangul_vowels(q, r, pairs, used_q, used_r)
    if q.script == r.script == "Latin":
        pairs, used_q, used_r = _drop_pairs(pairs, used_q, used_r, [
            p for p in pairs if _name_for_business_word(p)])
    if len(pairs) >= 2 and len(used_q) < len(qt) and len(used_r) < len(rt):
        pairs, used_q, used_r = _gender_slip(qt, rt, pairs, used_q, used_r)
    if r.person and len(pairs) >= 2:
        pairs, used_q, used_r = _drop_pairs(pairs, used_q, used_r, _other_slavic_family(pairs))
    if q.cut_within and qt[-1].short:
        # the word a field cut is as much of each list word it stands for as of the one that
        # made it a cut word (Screener._cut_off: two thirds, half after six letters): Carlos
        # Ross is no ROSALES MENDOZA, Carlos cut off, though Ross begins Rossi
        pairs, used_q, used_r = _drop_pairs(pairs, used_q, used_r, [
            p for p in pairs if len(qt) - 1 in p.qi and p.how == "written short" and any(
                len(rt[j].text) > q.cut_within for j in p.rj)])
    if q.cut and r.person and len(pairs) >= 2 and qt[-1].short:
        # a field cuts the end of the name as written: the word it cut is the last of those
        # the query meets in the list name's own order (Ahmad Garba is no Garbaya Ahmed cut
        # off; GARBAYA, Ahmed, in its order Ahmed Garbaya, it may be; a person's name, as
        # a company's comma says nothing of its order), or in the order the list writes it
        # (GAGLOEV Vladimi, as GAGLOEV, Vladimir is written, cut off)
        last = len(qt) - 1
        if any(last in p.qi and p.how == "written short" for p in pairs):
            # (nor is a family name's form in a short name a patronymic the field cut, the
            # family name after it gone too: Valeriy Andreyev is no Valery ANDREEVICH
            # PONOMARYOV cut off, as Varvara Andr may be Varvara Andreevna SKOCH; a Belarusian
            # family name ending as a patronymic does, Khirevich, ends the name)
            family_form = len(q.original.rstrip()) < FIELD_CHARS and _SLAVIC_MALE_FAMILY.search(
                qt[last].text) is not None
            pos = _natural_positions(r.original, tuple(t.text for t in rt))
            kept, off = _cut_in_order(pairs, last, rt, used_r, pos, family_form)
            written = tuple(range(len(rt)))
            if off and pos != written:
                kept_w, off_w = _cut_in_order(pairs, last, rt, used_r, written, family_form)
                if not off_w:
                    kept, off = kept_w, off_w
            pairs, used_q, used_r = _drop_pairs(kept, used_q, used_r, off)
    given = [p for p in pairs if p.sim < 1.0 and len(p.query) == len(p.listed) == 1
             and not (p.query[0].orig or p.listed[0].orig)
             and _other_given_syllable(p.query[0].text, p.listed[0].text)] if r.person else []
    if given and any(syllable_key(t.text) is not None for t in rt):
        # a Chinese given name of two syllables is its two syllables, in a name with a
        # family name of one: Guiying Su is not Guiqin SU (ying 英, qin 琴)
        pairs, used_q, used_r = _drop_pairs(pairs, used_q, used_r, [
            p for p in given if p.query[0].symbols.isdisjoint(p.listed[0].symbols)])
    if any(p.how == _KO_FAMILY_VARIANT for p in pairs):
        # the spellings of one Korean family name are one name only where the list name
        # has its family name (Li Li is not LI, Yi: Yi is the given name there)
        fam = _family_positions(r.original, tuple(t.text for t in rt))
        pairs, used_q, used_r = _drop_pairs(pairs, used_q, used_r, [
            p for p in pairs if p.how == _KO_FAMILY_VARIANT and fam and p.rj[0] not in fam])
    if not (q.person or r.person):
        # a single letter in a company's name is no initial of its words, with or without a
        # business word or legal form beside it: A Russian is not Russian Agricultural Bank,
        # Pathak-Andra no „A Patak” (the Hungarian article)
        pairs, used_q, used_r = _drop_pairs(
            pairs, used_q, used_r, [p for p in pairs if p.how == "initial"])
    if not (q.person or r.person) and (q.legal or r.legal or not r.script == q.script == "Latin"
                                       or any(t.role == Role.GENERIC for t in rt)
                                       or any(t.role == Role.GENERIC for t in qt)):
        pairs = [_as_spelling(p) for p in pairs]
    if weights.df and any(p.how in _SLIPS for p in pairs):
        # a word the lists have is a name of its own, not a slip of the finger on another
        # (SALMI is not SALIM mistyped; RAHAG, which no list has, is RAHAT)
        pairs = [_as_spelling(p, _SLIPS) if p.how in _SLIPS and weights.df.get(
            p.query[0].text) else p for p in pairs]
    rw = r_weights if r_weights is not None else [weights.weight(t) for t in rt]
    un_q = [t for i, t in enumerate(qt) if i not in used_q]
    un_r = [t for j, t in enumerate(rt) if j not in used_r]
    # a title one side sets aside is no missing name on the other (RAJAB MAULAWI, where the
    # title comes last, against MAULAWI RAJAB)
    r_titles = [t for t in r.tokens if t.role == Role.TITLE]
    q_titles = [t for t in q.tokens if t.role == Role.TITLE]
    un_q, gone, used_r = _set_aside(
        un_q, rt, used_r,
        lambda t: any(cached_token_sim(t, x)[0] >= 0.85 or (
            # (and an initial of it: M RAJAB for MAULAWI RAJAB)
            len(t.text) == 1 and r.person and x.text.startswith(t.text)) for x in r_titles),
        lambda t: any(cached_token_sim(x, t)[0] >= 0.85 for x in q_titles))
    ignored = ignored + gone
    title_initials = sum(1 for g in gone if len(g) == 1)
    # a word one side reads as a particle and the other as a name (안 is An, a family name;
    # in AN Jong Hyok the lists' AN looks like the article an-) is neither evidence nor gap
    r_particles = {t.text for t in r.tokens if t.role == Role.PARTICLE}
    q_particles = {t.text for t in q.tokens if t.role == Role.PARTICLE}
    un_q, gone, used_r = _set_aside(un_q, rt, used_r, lambda t: t.text in r_particles,
                                    lambda t: t.text in q_particles)
    ignored = ignored + gone
    if any(p.how == _GLUED for p in pairs):
        # the particle one side glues to a name, written apart as a word on the other
        # (Inayat urRAHMAN, UR-RAHMAN: ur is in urrahman, no list word missing)
        q_glued, r_glued = _glued_heads(pairs)
        un_q, gone, used_r = _set_aside(un_q, rt, used_r, lambda t: t.text in r_glued,
                                        lambda t: t.text in q_glued)
        ignored = ignored + gone
    if not (q.person or r.person) and (un_q or len(used_r) < len(rt)):
        # a company's own acronym beside its name restates the name, on either side:
        # DAEDONG CREDIT BANK (DCB) is Dae-Dong Credit Bank
        q_acr, r_acr = _own_acronyms(qt), _own_acronyms(rt)
        if q_acr or r_acr:
            un_q, gone, used_r = _set_aside(un_q, rt, used_r, lambda t: t.text in q_acr,
                                            lambda t: t.text in r_acr)
            ignored = ignored + [f"{g} (its acronym)" for g in gone]
    un_r = [t for j, t in enumerate(rt) if j not in used_r]
    # (tokens set aside: query, list, and of the query's those that are names)
    aside = (title_initials, 0, title_initials)
    if not (q.person or r.person) and any(t.text in FORM_WORDS for t in un_q):
        # a word of a legal form the query has over (Corporation, Co., Liability
        # Partnership) is no name of the company, unless the list name has a business word
        # of its own in its place; and the list name's own, where the query has one too
        # and no other business word, is the same form written another way (Corp. /
        # Corporation, Co. / Company)
        if not any(t.role == Role.GENERIC and t.text not in FORM_WORDS for t in un_r):
            n_r = len(used_r)
            both = not any(t.role == Role.GENERIC and t.text not in FORM_WORDS for t in un_q)
            un_q, gone, used_r = _set_aside(un_q, rt, used_r, lambda t: t.text in FORM_WORDS,
                                            lambda t: both and t.text in FORM_WORDS)
            ignored = ignored + gone
            aside = (len(gone), len(used_r) - n_r, 0)
    elif len(qt) >= 3 and un_q and q.tokens[0] is un_q[0] and _title_typo(un_q[0].text) and (
            not weights.df.get(un_q[0].text)):
        # a title with a typo (PROF as POF, MULLAH as MUULLAH) opening a person's name: a
        # word no list has, one letter off a title, before two names or more
        ignored = [*ignored, un_q[0].text]
        un_q = un_q[1:]
    twice = _written_twice(q, used_q, un_q)
    if twice:
        # a word written twice in a row (Yevgeny Yevgeny Khodotov, GAZPROM GAZPROM BURENIE),
        # the list name having it once: a slip of the keyboard or the form, not a name more
        un_q = [t for t in un_q if all(t is not d for d in twice)]
        ignored = [*ignored, *(f"{t.text} (written twice)" for t in twice)]
    english = _english_given_name(q, r, pairs, un_q, used_r)
    if english is not None:
        # a given name of another language before a whole Chinese or Korean name (Carrie LAM
        # Cheng Yuet-ngor, Grace KIM Chol Nam): the name people of Hong Kong, Taiwan and
        # the diaspora go by beside their own, which the lists leave out
        un_q = [t for t in un_q if t is not english]
        ignored = [*ignored, f"{english.text} ({_ENGLISH_NAME})"]
    if r.person and un_r and any(p.how == "initial" for p in pairs):
        # an initial stands for the whole of a hyphenated given name (C. for Chol-Chae)
        groups = _compound_groups(r.original, tuple(t.text for t in rt))
        if groups:
            covered = {groups[j] for p in pairs if p.how == "initial" for j in p.rj}
            covered.discard(-1)
            more = {j for j in range(len(rt)) if j not in used_r and groups[j] in covered}
            if more:
                used_r = used_r | more
    cut_tail = 0
    if q.cut and qt and qt[-1].short:
        # the query's end cut off (a field too short for the name): the list words after
        # the one its last word begins, in a list name written in the query's order, are
        # what the field cut, no names missing
        # (the word it cut matched as the beginning of a list word: Varvara Andreyeva is
        # no Varvara Andreevna SKOCH cut off, her family name a spelling of the patronymic)
        # (on a SWIFT line of 35 characters the field may have cut the name after a whole
        # word: CONSORCIO VENEZOLANO DE INDUSTRIAS | AERONAUTICAS Y SERVICIOS AEREOS)
        whole = on_swift_line(q.original)
        ends = [max(p.rj) for p in pairs if len(qt) - 1 in p.qi and p.rj and (
            p.how == "written short" or (whole and p.how == "same"))]
        order = [p.rj[0] for p in sorted((p for p in pairs if p.qi and p.rj),
                                         key=lambda p: p.qi[0])]
        tail = [j for j in range(max(ends) + 1, len(rt)) if j not in used_r] if ends and (
            order == sorted(order)) else []
        if tail:
            used_r = used_r | set(tail)
            ignored = [*ignored, *(f"{rt[j].text} (cut off)" for j in tail)]
            cut_tail = sum(1 for j in tail if rt[j].role == Role.NAME)
    if q.cut_form:
        # the legal form's word cut is the list's business word it begins, after the words
        # matched (Military Industry Corporat: Military Industry Corporation)
        after = max(used_r, default=-1) + 1
        begun = next((j for j in range(after, len(rt)) if rt[j].text.startswith(q.cut_form)
                      and rt[j].role == Role.GENERIC), None)
        if begun is not None:
            used_r = used_r | {begun}
            ignored = [*ignored, f"{rt[begun].text} (cut off)"]
    un_r = [t for j, t in enumerate(rt) if j not in used_r]
    untranslated = 0.0
    if un_q and un_r and not (q.person or r.person) and q.script in _TRANSLATED_SCRIPTS and (
            r.script == "Latin"):
        # a word of a Cyrillic or Greek company name the tables do not translate, where the
        # list's Latin name has the one word the query lacks: most likely that word in
        # another language, not another company's word (Якутская Топливно-энергетическая
        # компания, Yakutsk Fuel and Energy Company), weaker evidence than a word met
        pairs, used_q, used_r, un_q, un_r, untranslated = _with_untranslated(
            qt, rt, pairs, used_q, used_r, un_q, un_r, rw)
    # who is whose son: Hasan bin Ali is not Ali bin Hasan
    swapped = False
    q_line, r_line = _lineage(q), _lineage(r)
    if q_line and r_line:
        qmap = {p.qi[0]: p.rj[0] for p in pairs if len(p.qi) == 1 and len(p.rj) == 1}
        for a, b in q_line:
            # (a son named as his father, MOHAMED BEN MOHAMED, is the same either way round)
            if any(qmap.get(a) == d and qmap.get(b) == c and rt[c].text != rt[d].text
                   for c, d in r_line):
                swapped = True
                pairs = [*pairs, Pair([qt[a], qt[b]], [rt[qmap[b]], rt[qmap[a]]], 0.0,
                                      "father and son swapped around bin", (), ())]
                break
    if not swapped and (fathers := _father_named(q, r, pairs)) is not None:
        swapped = True  # (Ibn Yasir names Yasir's son, Hajji Yasir is Yasir)
        pairs = [*pairs, Pair([fathers[0]], [fathers[1]], 0.0,
                              "the father's name (bin) against the person's own", (), ())]
    if not swapped and (kunya := _kunya_moved(q, r, [p for p in pairs if p.qi])) is not None:
        swapped = True  # (Abu Yasser and Yasser Abou: a kunya and a family name)
        pairs = [*pairs, Pair([kunya[0]], [kunya[1]], 0.0,
                              "Abu before another word (another kunya)", (), ())]
    if other := _other_particles(q, r, pairs):
        # other family names: each side's word is a name the other lacks (the pair kept as a
        # note, aligning nothing, that says why)
        pairs, used_q, used_r = _drop_pairs(pairs, used_q, used_r, other)
        pairs = [*pairs, *(Pair(p.query, p.listed, 0.0, _OTHER_PARTICLE, (), ()) for p in other)]
        un_q = [*un_q, *(t for p in other for t in p.query)]
        un_r = [*un_r, *(t for p in other for t in p.listed)]
    if crossed := _given_syllables_crossed(q, r, pairs):
        # a Chinese or Korean given name is its syllables in their order: Eun-jeong (은정)
        # is not Jong-un (정은), Gwang-su not Su-kwang (the pairs kept as a note)
        pairs, used_q, used_r = _drop_pairs(pairs, used_q, used_r, crossed)
        pairs = [*pairs, *(Pair(p.query, p.listed, 0.0, _GIVEN_CROSSED, (), ())
                           for p in crossed)]
        un_q = [*un_q, *(t for p in crossed for t in p.query)]
        un_r = [*un_r, *(t for p in crossed for t in p.listed)]
    if r.person and sum(1 for p in pairs if p.how == "initial") >= 2:
        pairs = _initials_in_order(r, pairs)
    legal = None
    if q.legal and r.legal:
        if q.legal & r.legal:
            legal = "same legal form (" + ", ".join(sorted(q.legal & r.legal)) + ")"
        else:
            legal = ("different legal forms (" + ", ".join(sorted(q.legal)) + " / "
                     + ", ".join(sorted(r.legal)) + ")")
    feats = name_features(q, r, pairs, un_q, un_r, rw, weights, used_r, swapped, aside)
    score = NAME_MODEL.score(feats)
    if twice:
        score = max(0.0, score - TWICE_PENALTY * len(twice))
    if english is not None:
        score = max(0.0, score - ENGLISH_NAME_PENALTY)
    if r.person and (half := _second_half_only(r, pairs, used_r)) is not None:
        # the second half of a person's hyphenated name, its first missing: Pierre is not
        # JEAN-PIERRE, Anne not SALLY-ANNE (a note that aligns nothing says why)
        score = max(0.0, score - HALF_NAME_PENALTY)
        pairs = [*pairs, Pair([half[0]], list(half[1]), 0.0, _HALF_NAME, (), ())]
    if untranslated:
        score = max(0.0, score - untranslated)
    if feats[PLACES_ONLY]:
        score = min(score, PLACES_ONLY_CAP)
    if cut_tail:
        # the names the field cut may have been other names than these (ISLAMIC STATE IN
        # IRAQ AND THE LEVAN is ISIL, or ISIL - Khorasan): a little less than the whole name
        score = max(0.0, score - CUT_TAIL_PENALTY * min(cut_tail, 3))
    return NameComparison(score, pairs, un_q, un_r, ignored, legal, feats)


_TRANSLATED_SCRIPTS = frozenset({"Cyrillic", "Greek"})
# a word a translated company name leaves in its own script, against the English word the
# list name has in its place
UNTRANSLATED_SIM = 0.7
# taken off the score of a name with such a word: the word may be another company's
UNTRANSLATED_PENALTY = 0.08
# and of one whose English word the tables know in Cyrillic or Greek
UNTRANSLATED_KNOWN_PENALTY = 0.15
_UNTRANSLATED = "a word not translated, where the Latin name has one word more"
_UNTRANSLATED_KNOWN = _UNTRANSLATED + " (the tables know that word in Cyrillic or Greek)"


def _with_untranslated(qt: list[Token], rt: list[Token], pairs: list[Pair], used_q: set[int],
                       used_r: set[int], un_q: list[Token], un_r: list[Token], rw: list[float]
                       ) -> tuple[list[Pair], set[int], set[int], list[Token], list[Token],
                                  float]:
    """The alignment with the pair :func:`_untranslated` finds, if any, and what it takes off
    the score (:data:`UNTRANSLATED_PENALTY`, or :data:`UNTRANSLATED_KNOWN_PENALTY`)."""
    gap = _untranslated(qt, rt, pairs, un_q, un_r, rw)
    if gap is None:
        return pairs, used_q, used_r, un_q, un_r, 0.0
    cut = UNTRANSLATED_PENALTY if gap.how == _UNTRANSLATED else UNTRANSLATED_KNOWN_PENALTY
    return [*pairs, gap], used_q | set(gap.qi), used_r | set(gap.rj), [], [], cut


def _untranslated(qt: list[Token], rt: list[Token], pairs: list[Pair], un_q: list[Token],
                  un_r: list[Token], rw: list[float]) -> Pair | None:
    """The pair of the one word a translated Cyrillic or Greek company name
    (:func:`sanctio.text.orgwords.translated_readings`) leaves untranslated and the one word
    of the list's Latin name left over, when both are a name's or business words and the
    rest agrees: two words or more met whole or nearly (0.9), a name word among them, and
    one of the query's words read in English. Written alike (the same first three letters,
    or alike by rapidfuzz's ratio, 60: Оршанский, Orsha; Αφγανική, Afghan), the two are
    one word in two languages; written otherwise (Топливно, Fuel), only where the list's
    word is no more distinctive (its weight) than a name word met, as a business word's
    English is, and no country's name: the word that tells the company apart is never taken
    on trust (Комунистическа партия на Филипините is no Communist Party of Peru). None
    otherwise: a name written wholly in its own script (nothing translated, the table had
    nothing to say) compares as it is."""
    if len(un_q) != 1 or len(un_r) != 1:
        return None
    a, b = un_q[0], un_r[0]
    if len(a.text) < 4 or len(b.text) < 3:
        return None  # (an acronym, ГС for the City of Sevastopol, stands for no one word)
    if a.role not in (Role.NAME, Role.GENERIC) or b.role not in (Role.NAME, Role.GENERIC) or (
            a.orig is None or not NATIVE_WORD.search(a.orig)):
        return None
    met = [p for p in pairs if p.sim >= 0.9 and p.qi and p.rj]
    if len(met) < 2 or not any(t.orig is None or not NATIVE_WORD.search(t.orig)
                               for p in met for t in p.query):
        return None  # (nothing read in English: no translation left a word over)
    names = [j for p in met for j in p.rj if rt[j].role == Role.NAME]
    if not names:
        return None  # (only business words met: the name is the word not translated)
    i = next(k for k, t in enumerate(qt) if t is a)
    j = next(k for k, t in enumerate(rt) if t is b)
    if a.text[:3] == b.text[:3] or fuzz.ratio(a.text, b.text) >= 60:
        return Pair([a], [b], UNTRANSLATED_SIM, _UNTRANSLATED, (i,), (j,))
    if place_adjective(a.orig) or rw[j] > max(rw[k] for k in names) or territory(b.text):
        # (an adjective of a place the vocabulary does not hold names another place than
        # the list's: Самарский электромеханический завод is no AGAT Electromechanical
        # Plant; a country is no word to take on trust, Филипините no Peru; and a word
        # rarer than those met is what tells the company apart)
        return None
    if b.text in table_english():
        # (the tables know that English word's Cyrillic: a word they could not read is less
        # likely it, Сарапульский электрогенераторный завод no Sarapul Radio Plant)
        return Pair([a], [b], UNTRANSLATED_SIM, _UNTRANSLATED_KNOWN, (i,), (j,))
    return Pair([a], [b], UNTRANSLATED_SIM, _UNTRANSLATED, (i,), (j,))


# taken off a cut-off query's score for each list name word after the cut (three at most)
CUT_TAIL_PENALTY = 0.04
TWICE_PENALTY = 0.03  # a word of the query written twice in a row, the list name has it once
# the second half of a person's hyphenated name met without its first (Pierre, JEAN-PIERRE)
HALF_NAME_PENALTY = 0.2
_HALF_NAME = "the second half of a hyphenated name without its first"


def _second_half_only(r: NameForm, pairs: list[Pair], used_r: set[int]
                      ) -> tuple[Token, tuple[Token, Token]] | None:
    """The query's word that meets the second of two names a person's list name joins with
    a hyphen (JEAN-PIERRE, SALLY-ANNE), no query word meeting the first, with the two list
    words; None otherwise. Two names so joined are one name: its second half is another
    (Gabriel Pierre is not Gabriel JEAN-PIERRE). Not the syllables of a Chinese or Korean
    name (Chol-Chae), a particle or an Arabic compound's head (al-, Abdul-)."""
    rt = r.scoring
    if len(rt) < 3 or "-" not in r.original:
        return None
    groups = _compound_groups(r.original, tuple(t.text for t in rt))
    if not groups:
        return None
    for j in range(1, len(rt)):
        g = groups[j]
        if g < 0 or groups[j - 1] != g or (j + 1 < len(rt) and groups[j + 1] == g) or (
                j >= 2 and groups[j - 2] == g):
            continue
        first, second = rt[j - 1], rt[j]
        if j - 1 in used_r or j not in used_r or any(
                t.role != Role.NAME or len(t.text) < 3 or syllable_key(t.text) is not None
                or not known_name(t) or t.text[:2] == "ab" for t in (first, second)):
            continue
        met = [p for p in pairs if p.qi and p.rj == (j,) and p.sim >= 0.9]
        if met:
            return met[0].query[0], (first, second)
    return None


# a given name of another language before a whole Chinese or Korean name, the list without it
ENGLISH_NAME_PENALTY = 0.06
_ENGLISH_NAME = "a given name of another language before a Chinese or Korean name"


def _english_given_name(q: NameForm, r: NameForm, pairs: list[Pair], un_q: list[Token],
                        used_r: set[int]) -> Token | None:
    """The query's first word, where it is a known given name that is no Chinese or Korean
    syllable, left over before the whole of a listed person's Chinese or Korean name of two
    syllables or more, each of its words met at 0.9 or more (Grace KIM CHOL NAM, Jenny Kong
    PO); None otherwise."""
    qt, rt = q.scoring, r.scoring
    if not r.person or q.script != "Latin" or len(un_q) != 1 or len(qt) < 3 or (
            len(rt) < 2 or len(used_r) < len(rt)):
        return None
    first = un_q[0]
    if first is not qt[0] or first.role != Role.NAME or len(first.text) < 3 or (
            syllable_key(first.text) is not None or not known_name(first)):
        return None
    if any(syllable_key(t.text) is None for t in (*qt[1:], *rt)):
        return None
    real = [p for p in pairs if p.qi]
    if not real or any(p.sim < 0.9 or len(p.qi) != 1 or len(p.rj) != 1 for p in real) or (
            len(real) != len(qt) - 1):
        return None
    return first


def _written_twice(q: NameForm, used_q: set[int], un_q: list[Token]) -> list[Token]:
    """The query's unmatched words that repeat the word before or after them, which is
    matched, in a query of two different words or more (not Mohamed Mohamed against a
    listed MOHAMED), or of one word written twice with a title or a legal form (MAULAWI RAJAB
    RAJAB, INNOPOLIS INNOPOLIS LTD); a number too (FOURTEENTH FOURTEENTH OCEAN GMBH). Not in
    Arabic script, where a name repeats a father's or grandfather's name (احمد خليل خليل),
    nor in Hangul or Chinese characters, whose syllables repeat (胡浩荣, read in Korean 호호영:
    a family name Ho and a given name Ho-yeong)."""
    qt = q.scoring
    if not un_q or len(qt) < 2 or q.script in ("Hangul", "Han"):
        return []
    if (len(qt) < 3 or len({t.text for t in qt}) < 2) and not (
            q.legal or any(t.role == Role.TITLE for t in q.tokens)):
        return []
    out = []
    for i, t in enumerate(qt):
        if i in used_q or all(t is not u for u in un_q) or t.abjad or t.orig:
            continue
        if any(0 <= k < len(qt) and k in used_q and (qt[k].text == t.text or (
                # Abdul written twice, the second heading its compound (abd abdrahman)
                k == i + 1 and t.text == "abd" and qt[k].text.startswith("abd")))
               for k in (i - 1, i + 1)) or (not q.person and _in_pair_twice(qt, i, used_q)):
            out.append(t)
    return out


def _in_pair_twice(qt: list[Token], i: int, used_q: set[int]) -> bool:
    """The query's word ``i`` is in two words written twice in a row, the other two matched
    (PERGAM-ENGINEERING PERGAM-ENGINEERING JSC; a company's name: a person's may repeat
    his father's and grandfather's, Ahmed Ali Ahmed Ali)."""
    for start in (i - 3, i - 2, i - 1, i):
        if start < 0 or start + 3 >= len(qt):
            continue
        first, second = (start, start + 1), (start + 2, start + 3)
        if [qt[k].text for k in first] != [qt[k].text for k in second]:
            continue
        mine, other = (first, second) if i in first else (second, first)
        if i in mine and all(k in used_q for k in other):
            return True
    return False


_OTHER_PARTICLE = "another particle"
# particles of descent and of family, which tell names apart (Benahmed is not al-Ahmed)
_LINEAGE_PARTICLES = {"ben": "bin", "bin": "bin", "ibn": "bin", "al": "al", "el": "al",
                      "ul": "al", "abu": "abu", "abou": "abu"}


def _other_particles(q: NameForm, r: NameForm, pairs: list[Pair]) -> list[Pair]:
    """The pairs of a particle glued to a name on one side, and another written before it on
    the other: Riad BENAHMED (son of Ahmed) is not Riad AL-AHMED: other family names, which
    are not to be aligned."""
    out = []
    for p in pairs:
        if p.how == _GLUED and len(p.query) == len(p.listed) == 1:
            in_query, head = _glued_head(p)
            plain, form = (p.listed[0], r) if in_query else (p.query[0], q)
            mine = _LINEAGE_PARTICLES.get(head)
            k = next((i for i, t in enumerate(form.tokens) if t is plain), 0)
            before = form.tokens[k - 1] if k else None
            theirs = (_LINEAGE_PARTICLES.get(before.text) if before is not None
                      and before.role == Role.PARTICLE else None)
            if mine and theirs and mine != theirs:
                out.append(p)
    return out


_GIVEN_CROSSED = "a given name's syllables in the other order: another given name"


def _query_given_syllables(q: NameForm) -> list[list[int]]:
    """The given names a query writes as one, each as the positions of its syllables among
    the compared tokens, in their order: in Hangul or Chinese characters, a word of two
    syllables beside another word (은정 김, the family name apart) or the syllables after the
    first of a word of three (김은정, the family name first); in Latin letters, a word of
    syllables joined by hyphens (Eun-jeong). None where the tokens cannot be followed
    through the words."""
    texts = tuple(t.text for t in q.scoring)
    if len(texts) < 2:
        return []
    out: list[list[int]] = []
    if q.script in ("Hangul", "Han"):
        words = [len(CJK_SYLLABLE.findall(w)) for w in q.original.split()]
        if sum(words) != len(texts):
            return []
        at = 0
        for n in words:
            if n == 3 or (n == 2 and len(words) >= 2):
                out.append(list(range(at + n - 2, at + n)))
            at += n
        return out
    groups = _compound_groups(q.original, texts)
    for g in sorted({g for g in groups if g >= 0}):
        given = [i for i, x in enumerate(groups) if x == g]
        if all(syllable_key(texts[i]) is not None for i in given):
            out.append(given)
    return out


def _given_syllables_crossed(q: NameForm, r: NameForm, pairs: list[Pair]) -> list[Pair]:
    """The pairs of a Chinese or Korean given name that the query writes as one
    (:func:`_query_given_syllables`) and the list name, a person's, has in the other order:
    a given name is its syllables in their order, wherever the family name stands (은정,
    Eun-jeong, is not 정은, Jong-un: KIM, Jong Un). Syllables the query writes apart say no
    order of their own (KIM SE GON written GON SE KIM is the list name in another order)."""
    rt = r.scoring
    if not r.person or len(rt) < 2 or any(syllable_key(t.text) is None for t in rt):
        return []
    given = _query_given_syllables(q)
    if not given:
        return []
    texts = tuple(t.text for t in rt)
    # (the list's family name among them too: 김유진 is no Jin YU, 호태전 no TE, Ho Chun)
    one = {p.qi[0]: p for p in pairs if len(p.qi) == 1 and len(p.rj) == 1}
    pos = _natural_positions(r.original, texts)
    out: list[Pair] = []
    for g in given:
        for a, b in itertools.pairwise([one[i] for i in g if i in one]):
            if pos[b.rj[0]] < pos[a.rj[0]]:
                out += [x for x in (a, b) if all(x is not o for o in out)]
    return out


INITIAL_OUT_OF_ORDER_SIM = 0.5


def _cut_in_order(pairs: list[Pair], last: int, rt: list[Token], used_r: set[int],
                  pos: tuple[int, ...], family_form: bool) -> tuple[list[Pair], list[Pair]]:
    """The pairs (a list word written twice met in its order) and those of them that pair
    the query's last word, cut off, with a list word a field cannot have cut, the list
    name's words read in the order ``pos``: one before a word the query meets after it, or
    after a list word the query lacks (:func:`_compare_forms`)."""
    cut = [p for p in pairs if last in p.qi and p.how == "written short"]
    # (a list word written twice is met in its order: the word cut is its second, Daniel
    # BARRERA BARRE for BARRERA BARRERA, Daniel)
    pairs = _in_order_twice(pairs, cut, rt, pos)
    cut = [p for p in pairs if last in p.qi and p.how == "written short"]
    before = max((pos[j] for p in pairs if last not in p.qi for j in p.rj), default=-1)
    # (and the field cut only what came after it: a list word the query lacks that comes
    # before it was not cut, Aleksander Koch is no Aleksander Viktorovich KOCHKIN cut off)
    skipped = min((pos[j] for j in range(len(rt)) if j not in used_r), default=len(rt))
    return pairs, [p for p in cut if any(pos[j] < before or pos[j] > skipped or (
        family_form and pos[j] < max(pos) and patronymic_stem(rt[j].text) is not None)
        for j in p.rj)]


def _in_order_twice(pairs: list[Pair], cut: list[Pair], rt: list[Token],
                    pos: tuple[int, ...]) -> list[Pair]:
    """The pairs with the word cut off and another pair of the same list word, written twice,
    swapped where the cut one holds the earlier of the two (the cut word is the last)."""
    out = list(pairs)
    for p in cut:
        if len(p.rj) != 1:
            continue
        j = p.rj[0]
        for k, o in enumerate(out):
            if len(o.rj) == 1 and o.rj[0] != j and rt[o.rj[0]].text == rt[j].text and pos[
                    o.rj[0]] > pos[j]:
                i = out.index(p)
                out[i] = Pair(p.query, o.listed, p.sim, p.how, p.qi, o.rj)
                out[k] = Pair(o.query, p.listed, o.sim, o.how, o.qi, p.rj)
                break
    return out


def _initials_in_order(r: NameForm, pairs: list[Pair]) -> list[Pair]:
    """Initials stand for the names in the order they are written: Kadyrov R.A. is Ramzan
    Akhmatovich, not Aleksandr Romanovych. Initials that meet the list name's words in
    another order are weak evidence."""
    texts = tuple(t.text for t in r.scoring)
    if len(set(texts)) < len(texts):
        return pairs  # (a name written twice, BAHMANYAR Morteza BAHMANYAR: either is first)
    initials = [p for p in pairs if p.how == "initial" and len(p.qi) == len(p.rj) == 1]
    if not _crossed(r, initials):
        return pairs
    crossed = {id(p) for p in initials}
    return [Pair(p.query, p.listed, INITIAL_OUT_OF_ORDER_SIM, "initials in another order",
                 p.qi, p.rj) if id(p) in crossed else p for p in pairs]


# the words of legal forms, as they are left in a name when the form is not read whole
FORM_WORDS = frozenset("company co corporation corp incorporated inc limited ltd liability "
                       "partnership joint stock".split())
_PLAIN_TITLES = tuple(sorted(t for t in TITLES if len(t) >= 4 and "-" not in t
                             and t not in TITLES_AS_WRITTEN))


@lru_cache(maxsize=20_000)
def _title_typo(text: str) -> bool:
    """One letter off a title that is no given name (POF for Prof, HZJI for Haji)."""
    if len(text) < 3 or text in TITLES:
        return False
    return any(t[0] == text[0] and abs(len(t) - len(text)) <= 1 and OSA.distance(
        text, t, score_cutoff=1) <= 1 for t in _PLAIN_TITLES if t not in NAME_TITLES)


def _words_of(r: NameForm, rt: list[Token], tokens: set[int]) -> set[int]:
    """The words of the list name the tokens ``tokens`` are of: the tokens of one hyphenated
    word count once (:func:`_compound_groups`)."""
    if len(tokens) < 2 or "-" not in r.original:
        return tokens
    groups = _compound_groups(r.original, tuple(t.text for t in rt))
    if not groups:
        return tokens
    return {groups[j] if groups[j] >= 0 else len(groups) + j for j in tokens}


@lru_cache(maxsize=20_000)
def _compound_groups(original: str, texts: tuple[str, ...]) -> tuple[int, ...]:
    """For each compared token of a name, the hyphenated word it is part of (its position
    among the name's words), or -1 for a word of one token: KO CH'O'L-CHAE gives
    (-1, 1, 1). Empty when the tokens cannot be followed through the words."""
    out: list[int] = []
    k = 0
    for w, word in enumerate(to_latin(original).replace(",", " ").split()):
        parts = tokenize_ascii(word)
        hyphenated = len(parts) >= 2 and "-" in word
        for part in parts:
            if k < len(texts) and texts[k] == part:
                out.append(w if hyphenated else -1)
                k += 1
    return tuple(out) if k == len(texts) else ()


_SLIPS = ("typo (keyboard)", "two typos (keyboard)")


def _as_spelling(p: Pair, how: tuple[str, ...] = ("name variant",)) -> Pair:
    """An organisation's word is no person's name: that two Latin words are spellings of one
    given name (Oliver / Oli, Ball / Bal) says nothing there; they are compared as text.
    (``how``: the kinds of likeness so undone.)"""
    if not p.how.startswith(how) or len(p.query) != 1 or len(p.listed) != 1:
        return p
    a, b = p.query[0], p.listed[0]
    if a.orig or b.orig:
        return p
    sim = _text_sim(a.text, b.text)
    return Pair(p.query, p.listed, sim, "spelling", p.qi, p.rj)


def _own_acronyms(tokens: list[Token]) -> frozenset[str]:
    """The words of a name that are the initials of two or more of its other words in a row
    (the company's acronym written beside its name: DAEDONG CREDIT BANK (DCB)), each with a
    letter more of its own word at most (HAQQANI NETWORK (HQN))."""
    if len(tokens) < 3:
        return frozenset()
    out: set[str] = set()
    for i, t in enumerate(tokens):
        a = t.text
        if not 2 <= len(a) <= 8 or not a.isalpha():
            continue
        rest = [x.text for j, x in enumerate(tokens) if j != i]
        if any(_abbreviates(a, rest[k:k + n])
               for n in range(max(2, (len(a) + 1) // 2), len(a) + 1)
               for k in range(len(rest) - n + 1)):
            out.add(a)
    return frozenset(out)


def _abbreviates(a: str, words: list[str]) -> bool:
    """``a`` is the words' initials in their order, each followed by letters of its own word
    in their order (DCB: Daedong Credit Bank; HQN: Haqqani Network; FESCO: Far Eastern
    Shipping COmpany)."""
    def rest_of(i: int, k: int) -> bool:
        if k == len(words):
            return i == len(a)
        word = words[k]
        if i >= len(a) or a[i] != word[:1]:
            return False
        i, at = i + 1, 1
        while True:
            if rest_of(i, k + 1):
                return True
            found = word.find(a[i], at) if i < len(a) else -1
            if found < 0:
                return False
            i, at = i + 1, found + 1

    return bool(words) and rest_of(0, 0)


def _set_aside(un_q: list[Token], rt: list[Token], used_r: set[int],
               query_aside: Callable[[Token], bool], list_aside: Callable[[Token], bool]
               ) -> tuple[list[Token], list[str], set[int]]:
    """Unmatched tokens that the other side reads as no name (a title, a particle): the
    query's are dropped from its unmatched tokens (and returned, to be shown as ignored), the
    list name's are counted as used."""
    gone = [t for t in un_q if query_aside(t)]
    keep = {j for j, t in enumerate(rt) if j not in used_r and list_aside(t)}
    return [t for t in un_q if t not in gone], [t.text for t in gone], used_r | keep


def _pair_weight(p: Pair, rw: list[float], weights: TokenWeights) -> float:
    w = rw[p.rj[0]] if len(p.rj) == 1 else max(rw[j] for j in p.rj)
    if all(t.role == Role.GENERIC for t in p.query) and all(
            t.role == Role.GENERIC for t in p.listed):
        w = min(w, max(weights.weight(t) for t in p.query))
    return w


_ALIKE = ("sounds alike", "same consonants (transliterated script)")


@lru_cache(maxsize=100_000)
def _natural_positions(original: str, texts: tuple[str, ...]) -> tuple[int, ...]:
    """Positions of a name's compared tokens (``texts``) in its natural order: a list name
    written ``FAMILY, Given Middle`` has its family name moved to the end. Memoised: list
    names recur in every screening."""
    n = len(texts)
    head, sep, _rest = original.partition(",")
    # (the head's words as the name's tokens read them: ABDUL RAHIM is one, abdrahim)
    k = sum(1 for t in {*tokenize_ascii(to_latin(head)), *(
        t.text for t in analyze(head, org=False).scoring)} if t in texts) if sep else 0
    if not 0 < k < n:
        return tuple(range(n))
    return tuple(i + (n - k) if i < k else i - k for i in range(n))


_ARTICLE_LAST = re.compile(r"(?:al|el)-\w{3,}", re.IGNORECASE)
# a word with its article, or the article alone (al-Ahmad, Al Ahmad, el Sayed)
_ARTICLE_WORD = re.compile(r"(?:al|el)(?:-\w{3,})?$", re.IGNORECASE)


# the second words of given names made of two with the article between them (Nour al-Din,
# Saif al-Islam, Zia al-Haq): a name of two words ending so has no family name to mark
_COMPOUND_SECONDS = frozenset("din deen dine islam eslam haq hak huq dawla dawlah arab".split())


def _article_family(words: list[str]) -> bool:
    """A name in mixed case that ends with a word with its article (al-, el-), its family
    name: one of three words or more, or of two where the last is no second half of a given
    name (Mohammed al-Ahmad; not Nour al-Din)."""
    if not words or not _ARTICLE_LAST.match(words[-1]):
        return False
    return len(words) >= 3 or (len(words) == 2 and words[-1][3:].lower().strip(
        "'’") not in _COMPOUND_SECONDS)


@lru_cache(maxsize=100_000)
def _family_positions(original: str, texts: tuple[str, ...]) -> tuple[int, ...]:
    """Positions of a person's family name among the compared tokens, where the list says
    which it is: written first and followed by a comma (``KALIM, Mohammed Musa``), or in
    capitals in a name written otherwise in mixed case (``Mohammed ZAMRINI``), or last with
    its article in a name of three words or more (``Mohamad Ghazi al-Jalali``); in Arabic
    script, a name of three words or more ends with it (محمد باقر موسوی, بشار حافظ الأسد)."""
    words = original.split()
    if (len(texts) >= 3 or (len(words) >= 3 and words[-2] == "آل")) and is_arabic_word(
            words[-1]):
        # (آل before the last word says it is the family's: تالا آل حسين, Tala Al Hussein)
        return (len(texts) - 1,)
    head, sep, rest = original.partition(",")
    if sep and rest.strip():
        family = head
    else:
        upper = [w for w in words if w.isupper() and sum(c.isalpha() for c in w) >= 2]
        mixed = any(any(c.islower() for c in w) for w in words)
        if mixed and not upper and len(words) >= 3 and _ARTICLE_LAST.match(words[-1]):
            # (an Arabic name in mixed case ends with its family name where that has its
            # article: Mohamad Ghazi al-Jalali, not Mohamad Ghazi)
            upper = [words[-1]]
        if not upper or not mixed:
            return _korean_family(texts)
        family = " ".join(upper)
    found = set(tokenize_ascii(to_latin(family)))
    found |= {t[2:] for t in found if t.startswith("al") and len(t) > 4}
    return tuple(i for i, t in enumerate(texts) if t in found)


# Korean family names that no Chinese name has for a given name (Park, Kim, Choi; not Lee,
# Yu or Jun, which end Chinese given names)
_KOREAN_ONLY_FAMILY = frozenset("park pak bak kim gim choi choe jeong yoon kwon shin moon "
                                "rhee ryu".split())


def _korean_family(texts: tuple[str, ...]) -> tuple[int, ...]:
    """A Korean name of three syllables written without marks has its family name first or
    last, and a family name that is only Korean says which (Young Han Park, KIM SONG CHOL):
    its position, where one end only has one."""
    if len(texts) != 3 or not all(syllable_key(t) is not None or t in _KOREAN_FAMILY
                                  for t in texts):
        return ()
    ends = [i for i in (0, 2) if texts[i] in _KOREAN_ONLY_FAMILY]
    return (ends[0],) if len(ends) == 1 else ()


# East Slavic endings of the two genders: family names (-ova, -eva, -ina, -skaya against
# -ov, -ev, -in, -sky) and given names (-a, -ya, -iya against a consonant, -y, -iy)
_SLAVIC_FEMININE = re.compile(r"(?:[oe]va|[iy]na|sk(?:aya|aja|aia|a))$")
_SLAVIC_MASCULINE = re.compile(r"(?:[oe]v|[iy]n|sk(?:iy|ii|ij|yy|yi|y|i))$")
_GIVEN_FEMININE = re.compile(r"[^aeiou]i?[ay]?a$")
_GIVEN_MASCULINE = re.compile(r"(?:[^aeiouy]|[^aeiou]i?[iy]|ij)$")


def _gender_of(a: str, b: str) -> str | None:
    """How two aligned words of East Slavic names differ in gender: "patronymic"
    (Vladimirovna, Vladimirovich), "family" (KULIKOVA, KULIKOV), "given" (Valeriya,
    Valery; Aleksandra, Aleksandr), or None."""
    if is_patronymic(a) and is_patronymic(b):
        return "patronymic" if a.endswith("na") != b.endswith("na") else None
    for x, y in ((a, b), (b, a)):
        if _SLAVIC_FEMININE.search(x) and _SLAVIC_MASCULINE.search(y) and x[:2] == y[:2]:
            return "family"
    for x, y in ((a, b), (b, a)):
        if (len(y) >= 4 and _GIVEN_FEMININE.search(x) and _GIVEN_MASCULINE.search(y)
                and x[:3] == y[:3]):
            return "given"
    return None


def _gender_conflict(real: list[Pair]) -> bool:
    """Two names of the other gender: two or more aligned words in the other gender's form,
    a family name or patronymic among them (Valeriya Vladimirovna KULIKOVA is not Valery
    Vladimirovich KULIKOV, Yevgeniya MARKOVA not Yevgeny MARKOV). One such word alone is a
    slip (a form filled in with the wrong ending, Olga Vladimirovna KOROBOV) or a typo."""
    kinds = [k for p in real if len(p.query) == len(p.listed) == 1
             for k in [_gender_of(p.query[0].text, p.listed[0].text)] if k is not None]
    return len(kinds) >= 2 and any(k != "given" for k in kinds)


def _compound_missing(q: NameForm, r: NameForm, used_r: set[int], real: list[Pair]) -> bool:
    """A query in Persian script meets the first of a person's given names, one that Persian
    compounds begin with, and the list name has another name right after it that the query
    lacks, or the query begins with that second name and lacks the first: in Persian the
    two are one compound name (Mohammad Bagher, Ali Asghar, Gholam Reza), and محمد alone is
    another name, not the same one with a middle name left out (محمد موسوی is not Seyed
    Mohammad Bagher MOUSSAVI), nor is رضا (رضا محمدی is not Mohammad Reza MOHAMMADI). A
    name written in the script is written whole; a Latin one may drop a middle name, and is
    judged as before."""
    if not (r.person and persian_script(q.original)) or len(r.scoring) < 3:
        return False
    pos = _natural_positions(r.original, tuple(t.text for t in r.scoring))
    first, second = pos.index(0), pos.index(1)
    # (a word with the -i of origin is a middle name of its own: Ali Husseini KHAMENEI is
    # علی خامنه‌ای)
    head, word = r.scoring[first], r.scoring[second]
    if _COMPOUND_HEAD.fullmatch(head.text) is None or word.role != Role.NAME or len(
            word.text) < 3 or word.text[-1] in "iy":
        return False
    # (either half alone: محمد is not Mohammad Bagher, nor رضا محمدی Mohammad Reza MOHAMMADI)
    return (second not in used_r and any(p.qi == (0,) and p.rj == (first,) for p in real)) or (
        first not in used_r and any(p.qi == (0,) and p.rj == (second,) for p in real))


# the first names Persian compounds begin with: Mohammad (Mohammad Bagher), Ali (Ali
# Asghar), Gholam (Gholam Reza), Amir (Amir Hossein), Abol and Abdol (Abol Fazl)
_COMPOUND_HEAD = re.compile(r"m[ou]h?[ae]mm?[ae]d|ali|gh?olam|amir|ab[do]?ol")


# the ways a word is found a slip of the finger from another (not a name variant, a
# nickname, a romanisation, a likeness of sound or the letters of a script: Boukhari is
# Bukhari in French)
_SLIP_HOWS = frozenset({"typo (keyboard)", "two typos (keyboard)", "spelling",
                        "transposition"})


def _known_name_slip(q: NameForm, r: NameForm, real: list[Pair]) -> bool:
    """An organisation's name whose one word of its own is a name people have (Bauer,
    Marion, Ramos: a company named after its founder), found a slip away from the list's
    word, which is no spelling of the same name (BAJER, Morion, RAMOR): another name, not
    a typo of the listed one. A typo seldom spells a name (RAHAG, MITEV, DALPRIBLR)."""
    if r.person:
        return _given_name_slip(q, r, real)
    if q.person:
        return False
    words = [t for t in q.scoring if t.role == Role.NAME]
    if len(words) != 1 or sum(1 for t in r.scoring if t.role == Role.NAME) != 1:
        return False
    word = words[0]
    return any(len(p.query) == 1 and p.query[0] is word and len(p.listed) == 1
               and _name_slip(word, p.listed[0], p.how) for p in real)


def _given_name_slip(q: NameForm, r: NameForm, real: list[Pair]) -> bool:
    """A person's name of two words against a list name of two, a word of it a name people
    have, a letter or two from the list's word, which rigour knows as another name (Khalil
    Kaddour is not Khalid Kaddour, Nadim Qaasim not Naim QASIM, Abel Camarillo not Abel
    CARRILLO): in a name of two words that word is half of it. A typo seldom spells another
    name, and in a longer name the rest carries it (Vitor Petrovich VODOLATSKY)."""
    qn = [t for t in q.scoring if t.role == Role.NAME]
    rn = [t for t in r.scoring if t.role == Role.NAME]
    if len(qn) != 2 or len(rn) != 2 or len(real) != 2 or any(
            len(p.query) != 1 or len(p.listed) != 1 for p in real):
        return False
    return any(p.how == _ANOTHER_KNOWN for p in real)


def _name_slip(word: Token, listed: Token, how: str) -> bool:
    """``word``, a name people have, found a slip of the finger from the list's word and no
    spelling of the same name: not two letters swapped (a typo that may spell a name:
    Darke, Drake), not read from another script (Сухой, SUKHOI), not one spelling folded
    from the other (Mahrous, MAHRUS), no name symbol shared."""
    a, b = word.text, listed.text
    return ((how in _SLIP_HOWS or how == _ANOTHER_KNOWN) and word.orig is None
            and listed.orig is None
            and not (word.abjad or listed.abjad) and known_name(word)
            and word.symbols.isdisjoint(listed.symbols)
            and not (len(a) == len(b) and sorted(a) == sorted(b))
            and _romanisation_fold(a) != _romanisation_fold(b))


def _shared_title(q: NameForm, r: NameForm) -> bool:
    """Both names give a person the same title (Haji, Sayyed, Dr)."""
    titles = {t.text for t in q.tokens if t.role == Role.TITLE}
    return bool(titles) and any(t.role == Role.TITLE and t.text in titles for t in r.tokens)


def _family_missing(r: NameForm, used_r: set[int]) -> bool:
    """The list name says which is the person's family name, and the query has none of it
    (Musa Mohammed against KALIM, Mohammed Musa), or only the second part of a Persian one
    of two (Abbas Abbasi against Abbas PIR-ABASSI)."""
    if not r.person:
        return False
    fam = _family_positions(r.original, tuple(t.text for t in r.scoring))
    if not fam:
        return False
    if not any(j in used_r for j in fam):
        return True
    # (a Persian family name of two parts joined by a hyphen, the first one that makes family
    # names of others, is one name: Abbasi is not PIR-ABASSI, nor Hejazi MIR-HEJAZI)
    head = r.scoring[fam[0]]
    return len(fam) >= 2 and fam[0] not in used_r and head.text in _FAMILY_PREFIXES and (
        re.search(rf"\b{head.text}-\w", r.original, re.IGNORECASE) is not None)


# the words Persian family names begin with, written with a hyphen (Pir-Abassi, Mir-Hejazi,
# Agha-Jani, Pour-Ebrahim)
_FAMILY_PREFIXES = frozenset("pir mir agha aqa pour pur haj hajj sheikh sheykh molla mulla".split())


def _last_name_missing(q: NameForm, r: NameForm, used_r: set[int], rw: list[float]) -> bool:
    """A person's name of three words or more in Latin letters, written in mixed case with
    no word in capitals, or all in capitals with no comma (no mark of its family name: the
    UN's FIRST SECOND THIRD names), ends with the family name, and the
    query has not got it (Jamal Ali against Jamal Ali Babamoradi, Adnan Abdo against Adnan
    Abdo Al Sikhny: the given and the father's name). Not where the words the query meets
    are rare enough to name the person (Laurent Nkunda, for Laurent Nkunda Batware), nor
    for a query that ends with a patronymic (Sergei Vitalievich: a Russian's name and
    patronymic, as people address him), nor a name of Chinese or Korean syllables, whose
    family name may come first."""
    rt = r.scoring
    if not r.person or r.script != "Latin" or len(rt) < 3 or (len(rt) - 1) in used_r or any(
            rw[j] >= _RARE_WEIGHT for j in used_r if j < len(rw)) or (
            q.scoring and patronymic_stem(q.scoring[-1].text) is not None):
        return False
    words = [w for w in r.original.split() if any(c.isalpha() for c in w)]
    first = words[0][0] if words else ""
    if not words or "," in r.original or (first.isalpha() and not first.isupper()) or (any(
            w.isupper() and sum(c.isalpha() for c in w) >= 2 for w in words) and any(
            c.islower() for c in r.original)):
        return False
    return not all(syllable_key(t.text) is not None for t in rt)


def _fam_hit(p: Pair, fam: tuple[int, ...]) -> bool:
    """The pair holds one of the list name's family-name tokens."""
    return any(j in fam for j in p.rj)


def _family_as_given(q: NameForm, r: NameForm, real: list[Pair]) -> float:
    """The list name says which is the family name (KAZIM, Rashid; Yousef ISMAIL), and a
    query written in its natural order with no such mark ends with one of the list's given
    names and has the list's family name before it (Kazim Raashid, Ismail Yusuf): given and
    family names the other way round, another person as often as a name written in the
    wrong order. Read in any order: a query that marks a family name (ISMAIL Yousef; ISMAIL,
    Yousef), one all in capitals or small letters (records write the family name first), a
    Russian name with its patronymic, a Chinese or Korean one (family name first); in
    another script, a query is judged only where آل marks its family name (تالا آل حسين).
    Twice as strong (2.0) where the list name's mark is the article of its family name and
    the query, written without any article, has put that name first (Ahmad Mohammed is
    not Mohammed al-Ahmad: the article says whose family; a reordered name keeps it,
    al-Ahmad Mohammed)."""
    if not (q.person or r.person) or len(real) < 2 or "," in q.original:
        return 0.0
    fam = _family_positions(r.original, tuple(t.text for t in r.scoring))
    words = q.original.split()
    if not fam and q.script != "Latin" and r.script == "Latin" and len(r.scoring) >= 2 and (
            not r.original.isupper() and not r.original.islower() and "," not in r.original):
        # (a query whose آل marks its family name, against a list name in mixed case, which
        # writes its family name last: تالا آل حسين is not Hossein Tala)
        fam = (len(r.scoring) - 1,)
    words_r = r.original.split()
    no_capitals = not any(w.isupper() and sum(c.isalpha() for c in w) >= 2 for w in words_r)
    # (the list name's only mark is its family name's article, and the query has none)
    by_article = q.script == "Latin" and "," not in r.original and no_capitals and (
        _article_family(words_r)) and not any(_ARTICLE_WORD.match(w) for w in words)
    if not fam and by_article and len(r.scoring) == 2:
        # (of two words too, where the last is no second half of a given name: Mohammed
        # al-Ahmad; not for the family name missing, Mohamad / Mohamad al-Jalali)
        fam = (1,)
    if not fam:
        return 0.0
    first = _natural_positions(r.original, tuple(t.text for t in r.scoring))
    if len(fam) >= 2 and any(0 in p.qi and min(fam, key=lambda j: first[j]) in p.rj
                             for p in real):
        # (two family names, as a Spanish name has, are no given names: Maduro Nicolas is
        # MADURO MOROS, Nicolas, written with the family name first, the father's first;
        # Martinez-Martin is no Martin HODWALKER MARTINEZ)
        return 0.0
    if q.script == "Latin":
        if _family_positions(q.original, tuple(t.text for t in q.scoring)) or any(
                is_patronymic(t.text) for t in (*q.scoring, *r.scoring)) or (
                q.original.isupper()) or (
                q.original.islower()) or any(_ARTICLE_LAST.match(w) for w in words) or (
                len(words) >= 3 and _ARTICLE_WORD.match(words[0])):
            # (a name that marks its family name, or a Russian one, either side's, is read
            # in any order, as Russian writes the family name first: Putin Vladimir;
            # so is one in capitals, as records write the family name first: MURAD ABDUL
            # HAKIM; a word with its article is a family name wherever it stands:
            # al-Ahmad Mohammed, and so is the first with the article apart: Al Baghdadi
            # Ali)
            return 0.0
    elif not (len(words) >= 3 and words[-2] == "آل"):
        return 0.0  # (in another script, only آل says which is the family name)
    last = len(q.scoring) - 1
    if _ends_with_initial(q):
        # (a query that ends with initials has its family name first, as Russian writes
        # it and the lists' Family, I. O.: ROTENBERG A R, Kovalchuk Yuri V)
        return 0.0
    at_fam = [p for p in real if last in p.qi]
    crossed = [p for p in real if p not in at_fam and _fam_hit(p, fam)]
    # (Chinese and Korean names are written family name first: Su Guiqin is SU, Guiqin)
    if not (at_fam and crossed and all(p.rj and not _fam_hit(p, fam) for p in at_fam)) or any(
            syllable_key(t.text) is not None for p in crossed for t in p.query):
        return 0.0
    if q.script == "Latin" and all(p.sim >= 0.9 for p in crossed) and not any(
            known_name(t) for p in crossed for t in (*p.query, *p.listed)) and min(
            (first[j] for p in real if not _fam_hit(p, fam) for j in p.rj), default=-1) == 0:
        # (a family name that is no name people are given, as the list and the query write
        # it, found as written, before the first given name, is no given name put last (in
        # Latin letters; a script's آل says which is the family name): Zuraik Ali is
        # ZURAIK, Ali Hasan, written with the family name first; Ibrahim Abbas is not
        # Abbas EBERAHIM, nor Kasam Qaseem, his father's name, Mustafa Qassem KASAM)
        return 0.0
    return 2.0 if by_article else 1.0


def _given_missing(r: NameForm, used_r: set[int]) -> int | None:
    """A person's name whose first name (in its natural order) the query lacks while it has
    two or more others of its names (Ahmad Suleiman against Yousef Suleiman al-Ahmad):
    variants drop a middle name or shorten the first to its initial, they rarely drop it (a
    family name alone, al-Kani, is another case: one of many)."""
    if not r.person or len(r.scoring) < 2:
        return None
    pos = _natural_positions(r.original, tuple(t.text for t in r.scoring))
    first = pos.index(0) if 0 in pos else 0
    return first if first not in used_r and r.scoring[first].role == Role.NAME else None


def _script_family_apart(q: NameForm, r: NameForm, real: list[Pair]) -> bool:
    """A query written in Hangul or Chinese characters, which begin with the family name,
    whose first syllable the list name has not, and whose other syllables meet the family
    name the list marks: two families (김유진, Kim Yu Jin, is not Jin YU)."""
    if q.script not in ("Hangul", "Han") or len(q.scoring) < 3 or any(
            0 in p.qi for p in real):
        return False
    fam = _family_positions(r.original, tuple(t.text for t in r.scoring))
    return any(j in fam for p in real for j in p.rj)


def _tail_kept(r: NameForm, real: list[Pair], un_q: list[Token], used_r: set[int],
               rw: list[float]) -> bool:
    """The query is a person's list name without its first name, word for word and in order,
    ending with a family name found in a few list names only (Lugerero Runiga for Jean-Marie
    LUGERERO RUNIGA; Ibrahim Mihoub for Qusay Ibrahim MIHOUB): how a name is written by one
    who knows the person by the names the family uses. A common family name (Ahmad, Khan)
    left so is one of many. In Latin letters: a name written in its script is written
    whole (رضا محمدی is not محمد رضا محمدی)."""
    if un_q or len(real) < 2 or not r.person or any(t.abjad for t in r.scoring):
        return False
    if any(p.sim < 0.95 or len(p.listed) != 1 for p in real):
        return False
    texts = tuple(t.text for t in r.scoring)
    # (the family name the list marks, alone, is one of a family: Jean Pierre is not
    # Gabriel JEAN-PIERRE)
    fam = _family_positions(r.original, texts)
    if fam and used_r <= set(fam):
        return False
    pos = _natural_positions(r.original, texts)
    n = len(texts)
    order = sorted(real, key=lambda p: p.qi[0])
    at = [pos[p.rj[0]] for p in order]
    if at != list(range(n - len(at), n)) or any(pos[j] >= n - len(at) for j in range(n)
                                                   if j not in used_r):
        return False
    family = order[-1].rj[0]
    # (a Persian compound's first half left out is another given name: رضا محمدی is not
    # Mohammad Reza MOHAMMADI)
    dropped = [r.scoring[j].text for j in range(n) if j not in used_r]
    return rw[family] >= _RARE_WEIGHT and not any(_COMPOUND_HEAD.fullmatch(w) for w in dropped)


def _family_name_after(r: NameForm, qt: list[Token], un_q: list[Token], real: list[Pair],
                       max_w: float) -> bool:
    """The query's one word more is a name after a person's list name of rare words, as
    written, all met closely: the family name a list name of given and father's names leaves
    out (Gatluak Nyang Hoth for Gatluak Nyang); not after a family name the list marks (John
    Smith Jones is no John SMITH), nor after one in its form (Natalia Serguninova Petrova is
    no Natalia Serguninova)."""
    if not r.person or len(un_q) != 1:
        return False
    t = un_q[0]
    return (qt.index(t) == len(qt) - 1 and t.role == Role.NAME and max_w >= _RARE_WEIGHT
            and all(p.sim >= 0.9 for p in real)
            and not _family_positions(r.original, tuple(x.text for x in r.scoring))
            and not _SLAVIC_FAMILY.search(r.scoring[-1].text))


def _initial_differs(real: list[Pair], pair_w: list[float]) -> float:
    """Share of the matched weight in spellings (edit distance, not a known variant) whose
    first letters differ: a typo rarely hits the first letter, another name often does
    (Amrouche / Jarrouche, Amrani / Zamreni)."""
    total = sum(pair_w)
    if not total:
        return 0.0
    hit = sum(w for p, w in zip(real, pair_w, strict=True)
              if p.how == "spelling" and len(p.query) == len(p.listed) == 1
              and not (p.query[0].abjad or p.listed[0].abjad)
              and p.query[0].text[:1] != p.listed[0].text[:1])
    return hit / total


_PARTNERS = re.compile(r"\w\s+(?:and|&)\s+\w", re.IGNORECASE)


def _partners(q: NameForm) -> bool:
    """A Latin name of unknown kind that joins names with and (&): a firm of partners, no
    one person (Mendoza, Martin and Torres is not MELGOZA TORRES, Martin; Spanish y joins
    one person's two family names, and stays)."""
    return q.unknown_kind and q.script == "Latin" and _PARTNERS.search(q.original) is not None


def _generic_conflict(un_q: list[Token], un_r: list[Token]) -> bool:
    """Each name has a business word the other lacks (Aryan Group, Aryan Bank); the words an
    armed group goes by stand for one another."""
    gq = {generic_key(t.text) for t in un_q if t.role == Role.GENERIC}
    gr = {generic_key(t.text) for t in un_r if t.role == Role.GENERIC}
    return bool(gq and gr) and not (gq | gr) <= ARMED


def _found_as_business(t: Token, real: list[Pair]) -> bool:
    """The token is paired with business words of the other name (not as a spelling of a
    word of its name: Consulting found as COMPUTING)."""
    return any(any(x is t for x in mine) and all(o.role == Role.GENERIC for o in other)
               for p in real for mine, other in ((p.query, p.listed), (p.listed, p.query)))


def _business_extra(q: NameForm, r: NameForm, un_q: list[Token], un_r: list[Token],
                    real: list[Pair]) -> bool:
    """An organisation listed under one word (and business words), all found, and the
    query has business words besides (Saha Trading FZE, Wafa Shipping LLC against SAHA,
    Al Wafa; :func:`name_features` asks it the other way round too): another company of
    that name as likely as the listed one. An armed group is not a company: its words are no
    business words, and its name takes more (Kaniyat Militia is KANIYAT, KANIYET MILITIA
    GROUP is KANIYAT MILITIA)."""
    if r.person or q.person or un_r:
        return False
    if sum(1 for t in r.scoring if t.role == Role.NAME) != 1 or any(
            t.text in ARMED for t in r.scoring):
        return False  # (an armed group's name takes more words: KANIYET MILITIA GROUP)
    if any(t.role == Role.GENERIC and t.text not in _COMPANY_WORDS
           and _found_as_business(t, real) for t in r.scoring):
        # (the one word with a business word of its own, found as a business word of the
        # other's (``real``, the pairs): the other's more business words say more of that
        # business, Воткинский завод, Votkinsk Plant, is the Votkinsk Machine Building Plant;
        # Consulting found as COMPUTING, a spelling only, says no such thing)
        return False
    extra = [t for t in un_q if t.role == Role.GENERIC and t.text not in ARMED]
    if extra and all(t.text in _COMPANY_WORDS for t in extra):
        # Company beside a business word both names have says no more than a legal form
        # (Mako Holding Company is Mako Holding); beside a name alone, that the name is a
        # company's (AL KHALDI COMPANY LLC is no Khaldi EP)
        more = {id(t) for t in un_q}
        return not any(t.role == Role.GENERIC and id(t) not in more for t in q.scoring)
    return bool(extra)


# business words that say no more than a legal form does: that it is a company
_COMPANY_WORDS = frozenset({"company", "co", "corporation", "corp", "incorporated", "firm"})


def _ends_with_initial(q: NameForm) -> bool:
    """The query's last compared word is one letter: an initial."""
    return bool(q.scoring) and len(q.scoring[-1].text) == 1


def _query_positions(q: NameForm) -> tuple[int, ...]:
    """A query's tokens in its natural order (:func:`_natural_positions`); one that ends
    with initials and begins with a word has that word, its family name, last
    (RUKAVISHNIKOVA I. is I. RUKAVISHNIKOVA; AL-SHA'ARI HASAN A. S., Hasan A. S.
    al-Sha'ari)."""
    texts = tuple(t.text for t in q.scoring)
    n = len(texts)
    if n >= 2 and "," not in q.original and _ends_with_initial(q) and len(texts[0]) > 1:
        return tuple(n - 1 if i == 0 else i - 1 for i in range(n))
    return _natural_positions(q.original, texts)


def _script_syllables_crossed(q: NameForm, r: NameForm, real: list[Pair]) -> bool:
    """A query written in Hangul or Chinese characters, its family name first and then its
    given name's syllables in their order, that meets the syllables of the given name of a
    list name marking its family name in the other order (장성진, Jang Seong Jin, is not
    CHANG, Chin Sung: Seong-jin and Chin-sung are two given names)."""
    if q.script not in ("Hangul", "Han") or len(q.scoring) < 3:
        return False
    fam = set(_family_positions(r.original, tuple(t.text for t in r.scoring)))
    if not fam:
        return False
    order = [p.rj[0] for p in sorted(real, key=lambda p: p.qi[0] if p.qi else -1)
             if len(p.qi) == 1 and len(p.rj) == 1 and p.qi[0] > 0 and p.rj[0] not in fam]
    return any(b < a for a, b in itertools.pairwise(order))


def _crossed(r: NameForm, real: list[Pair], family: bool = True,
             q: NameForm | None = None) -> bool:
    """The query's tokens meet the list name's in another order than the list writes them
    (Ahmad Suleiman against Yousef Suleiman al-Ahmad); with ``family`` false, the list's
    family name left out (Mahmud Ali against Ali Mahmoud ABBAS, not ABBAS Ali). Given the
    query, its words are read in its natural order too (SLUTSKIY, Leonid is Leonid
    SLUTSKIY)."""
    if len(real) < 2:
        return False
    texts = tuple(t.text for t in r.scoring)
    pos = _natural_positions(r.original, texts)
    qpos = _query_positions(q) if q else None
    left_out: set[int] = set() if family else (
        set(_family_positions(r.original, texts)) or {pos.index(len(texts) - 1)})
    seq = [pos[p.rj[0]] for p in sorted(real, key=lambda p: (
               qpos[p.qi[0]] if qpos and p.qi else p.qi[0] if p.qi else -1))
           if p.rj and p.qi and p.rj[0] not in left_out]
    if q is not None and len(seq) >= 2:
        # (a Russian name, with its patronymic, and a Spanish one, with two family names,
        # are written with the family name first as well: Putin Vladimir is Vladimir
        # Vladimirovich PUTIN, Maduro Nicolas is MADURO MOROS, Nicolas, in their order)
        at = _family_positions(r.original, texts)
        fam = {pos[j] for j in at}
        slavic = any(is_patronymic(t) for t in texts)
        if slavic and not fam:
            fam = {len(texts) - 1}
        lead = 0
        while lead < len(seq) and seq[lead] in fam:
            lead += 1
        # (and so is any name whose family name is no name people are given, before the
        # first given name: Okpoh Felix is OKPOH, Felix Osilama; Kazim Rashid may be a man
        # named Kazim, and Kasam Qaseem the father's name of Mustafa Qassem KASAM)
        if 0 < lead < len(seq):
            at_pairs = [p for p in real if any(j in at for j in p.rj)]
            if slavic or (len(fam) >= 2 and seq[0] == min(fam)) or (
                    bool(at) and seq[lead] == 0 and q.script == "Latin" and all(
                        p.sim >= 0.9 for p in at_pairs) and not any(
                        known_name(t) for p in at_pairs for t in (*p.query, *p.listed))):
                seq = seq[lead:] + seq[:lead]
    return any(b < a for a, b in itertools.pairwise(seq))


def _initial_crossed(q: NameForm, r: NameForm, real: list[Pair]) -> bool:
    """A person's list name with an initial for one of its names, met in another order by a
    query with a full word for the initial: Ashraf Mancho is not Haji M. ASHRAF (the M. is a
    given name, Mancho the query's last word), where Muhammad Ashraf is."""
    return r.person and len(real) >= 2 and any(
        p.how == "initial" and len(p.listed) == 1 and len(p.listed[0].text) == 1
        and len(p.query) == 1 and len(p.query[0].text) > 1 for p in real) and _crossed(
        r, real, q=q)


# how token_sim says two words are other names it still aligns
# (not a spelling of another known name, one letter from it, nor other letters read from
# the script: as often a typo, or a name written in the script as a Latin speller would,
# Marina as Maria, Musaev as موساف)
_OTHER_NAME = frozenset({"another name (-i of origin)", "another name (other ending of origin)",
                         "another name (the feminine -a, the -i of origin)",
                         "one syllable of a two-syllable name",
                         "different long vowels (as written)"})

# a word of a two-word name spelled this far from the list's is another name, not a typo (a
# typo or two in a word of five letters or more leaves 0.78 of it at least)
STRANGER_SIM = 0.75


def _two_word_stranger(r: NameForm, real: list[Pair]) -> bool:
    """A person's name met in two words, each by one of the list name's, one of them only as a
    spelling three letters or more apart, or two in a short word (Rayan Kaysan, KALDANI Rayan;
    Ramzi Amara, Ramzi OMAR; Shehu Mohammed, Mohammed SHAH): with one word to carry it, it
    is another name. Not a word written without its vowels (Hym JIRJIS, Hiyam), one of Abu's
    spellings, one whose vowels only are another romanisation's (Molodoy, Maladoi; Yoozuf,
    Yusuf; Ibraheem, Ebrahim), nor a word begun (Kamchi, Kamchibek)."""
    if not r.person or len(real) != 2 or any(len(p.qi) != 1 or len(p.rj) != 1 for p in real):
        return False  # (an organisation's words are translated: Rossii, Russian)
    for p in real:
        if p.how != "spelling" or p.sim >= STRANGER_SIM:
            continue
        a, b = p.query[0], p.listed[0]
        if a.role != Role.NAME or b.role != Role.NAME or a.abjad or b.abjad or (
                b.text in _KUNYA):
            continue  # (Abu read from its spellings, Abou, Abo: Aboyu a typo of one)
        if _VOWEL_AFTER_FIRST.search(a.text) is None and consonant_key(a.text) == (
                consonant_key(b.text)):
            continue  # (its consonants only, y for a vowel: Hym, Myyd, Nyz)
        if _vowels_apart(a.text, b.text) or (
                min(len(a.text), len(b.text)) >= 5 and (
                    a.text.startswith(b.text) or b.text.startswith(a.text))):
            # (other vowels only, in a word of as many letters: Molodoy, Maladoi; a word
            # begun, Kamchi for Kamchibek)
            continue
        if _text_sim(_stranger_fold(a.text), _stranger_fold(b.text)) >= STRANGER_SIM or (
                a.text[0] == b.text[0] and len(key := consonant_key(a.text)) >= 3 and (
                    key == consonant_key(b.text)) and _vowels_left_out(a.text, b.text)):
            # (the vowels of one name as the romanisations write them: a glide written or
            # not, Yevgen, Evgeny; Arabic's vowels, Yoozuf, Yusuf, Aatef, Atif; Persian's e
            # for i, Ibraheem, Ebrahim; or its short vowels left out, Talous, Tuls, in a word
            # of three consonants or more: Shehu is no SHAH, nor Mans, other vowels, MONES)
            continue
        return True
    return False


_PLAIN_SPELLINGS = ("spelling", "typo (keyboard)")


def _known_names_apart(r: NameForm, real: list[Pair]) -> bool:
    """A person's name met word for word, none of them as written, each only spelled like the
    list's word (letters apart, no name variant nor transliteration), every one of the
    query's a name rigour knows: names of their own, not the list's names misspelled (Salah
    Salmi is no Salim SALEH, Charles Alvarez no ALVARES, Carlos: each a name people are
    given). A misspelling seldom makes a known name of every word (Mohajed Laihal, Pasal
    MUHIZZI)."""
    return r.person and len(real) >= 2 and all(
        len(p.query) == len(p.listed) == 1 and p.sim < 1.0 and p.how in _PLAIN_SPELLINGS
        and p.query[0].role == Role.NAME and not p.query[0].abjad and known_name(p.query[0])
        for p in real)


def _vowels_left_out(a: str, b: str) -> bool:
    """The vowels of one word are some of the other's, in order: the others left out, as a
    romanisation that writes no short vowels does (Tuls, Talous; not Mans, Mones)."""
    va, vb = (re.sub("[^aeiouy]", "", w) for w in (a, b))
    short, long_ = (va, vb) if len(va) <= len(vb) else (vb, va)
    rest = iter(long_)
    return all(c in rest for c in short)


def _vowels_apart(a: str, b: str) -> bool:
    """Two words of as many letters, five or more, the same first letter and the same
    letters but for vowels (y one of them) in the same places: one word as two
    romanisations write its vowels (Molodoy, Maladoi; a short one is another name, Bir and
    Bor)."""
    return len(a) == len(b) >= 5 and a[0] == b[0] and all(
        c == d or (c in "aeiouy" and d in "aeiouy") for c, d in zip(a, b, strict=True))


def _stranger_fold(word: str) -> str:
    """A word without the glides :data:`_GLIDES` finds, its vowels as Arabic has them
    (:func:`_arabic_vowel_fold`: three, a, i and u, e written for i, a vowel doubled for a
    long one, Aatef for Atif), q as k (Toriq, Torek)."""
    folded = _arabic_vowel_fold(_GLIDES.sub("", word))
    return _ANY_DOUBLED_VOWEL.sub(r"\1", folded.replace("e", "i")).replace("q", "k")


_ANY_DOUBLED_VOWEL = re.compile(r"([aiu])\1")


_VOWEL_AFTER_FIRST = re.compile(r"(?<=.)[aeiou]")
# a y or j gliding into the first vowel, a y or i ending a word after a consonant
_GLIDES = re.compile(r"^[yj](?=[aeiou])|(?<=[^aeiou])[yi]$")


# "father of" / "mother of": with the next word, a name of its own (a kunya)
_KUNYA = frozenset({"abu", "umm"})


def _kunya_heads(form: NameForm) -> dict[int, int | None]:
    """Each Abu or Umm of a name and the token it stands before in the name's natural order
    (``MALIK, Abu`` is Abu Malik), None where it ends the name (Yasser Abou: a family name)."""
    texts = tuple(t.text for t in form.scoring)
    pos = _natural_positions(form.original, texts)
    at = {p: j for j, p in enumerate(pos)}
    heads: dict[int, int | None] = {}
    for j, t in enumerate(texts):
        if t in _KUNYA:
            after = pos[j] + 1
            while after in at and texts[at[after]] == t:
                after += 1  # (Abu written twice: Abu Abu Ala is Abu Ala)
            heads[j] = at.get(after)
    return heads


def _kunya_moved(q: NameForm, r: NameForm, real: list[Pair]) -> tuple[Token, Token] | None:
    """Both names have Abu (or Umm), each before another word or before none: Abu Yasser is
    not Yasser Abou, whose Abou is a family name, nor is Abu Malik Yasser Yasser Abu Ali.
    The two kunya words, or None."""
    if not any(t.text in _KUNYA for t in q.scoring) or not any(
            t.text in _KUNYA for t in r.scoring):
        return None
    by_q = {i: p for p in real for i in p.qi}
    by_r = {j: p for p in real for j in p.rj}
    heads_q, heads_r = _kunya_heads(q), _kunya_heads(r)
    for i, h in heads_q.items():
        k = by_q.get(i)
        r_abu = next((j for j in k.rj if j in heads_r), None) if k is not None else None
        if k is None or r_abu is None:
            continue  # (this Abu is not the other's Abu)
        # the word after Abu: the same on both sides, or matched on neither (Abu at the end
        # of both, or before two other words, priced as such)
        hr = heads_r[r_abu]
        p = by_q.get(h) if h is not None else None
        rp = by_r.get(hr) if hr is not None else None
        if p is rp:
            continue
        return q.scoring[i], r.scoring[r_abu]
    return None


def _kunya_missing(q: NameForm, r: NameForm, real: list[Pair]) -> bool:
    """One name has Abu (or Umm) before a word the other has without it: Abu Bakr is not
    Bakr, Aboutalebi not Talbi (a kunya, "father of ...", is a name of its own)."""
    if not any(t.text in _KUNYA for t in (*q.scoring, *r.scoring)):
        return False
    by_q = {i: p for p in real for i in p.qi}
    by_r = {j: p for p in real for j in p.rj}
    for form, by, other in ((q, by_q, r), (r, by_r, q)):
        if any(t.text in _KUNYA for t in other.scoring):
            continue
        for i, h in _kunya_heads(form).items():
            p = by.get(h) if h is not None else None
            # (Abu met by another word only as other letters is not met: إباء آل جعفر,
            # Iba' Al Jaafar, is no Abu Jaafar)
            if p is None or (i in by and by[i].how != _OTHER_LETTERS):
                continue
            # (an initial stands for the compound, Abu Mohamed: M.; and the kunya may be
            # glued into the other side's word, ABU KOV: ABUKOV)
            if p.how != "initial" and not any(
                    t.text.startswith(form.scoring[i].text) for t in (*p.query, *p.listed)):
                return True
    return False


# two organisations' names that share only business words and a place (:func:`_places_only`)
# score at most this: under the threshold, where a name word met would be evidence
PLACES_ONLY = "places_only"
PLACES_ONLY_CAP = 0.6
_JOINING = frozenset({"and", "the", "of", "for", "und", "et"})  # (& for and: not a word more)
_PLACES_ONLY_SAID = ("only business words and a place matched, and a word of one name is not "
                     "in the other")


def _places_only(real: list[Pair], un_q: list[Token], un_r: list[Token]) -> bool:
    """Two organisations' names that meet only in business words and the words of a place
    (a country's name or adjective, Federation, Republic), a word of one left over that
    says no place: the country and the trade are shared, not the name (Bank of Korea is no
    Korea Trading Bank, Russian Federation no Federal Penitentiary Service of the Russian
    Federation, India Shipping Company no IRAN AND INDIA SHIPPING COMPANY). Three business
    words met are a name as :func:`name_features` says (KOREA MINING DEVELOPMENT TRADING
    CORPORATION)."""
    matched = [(t, t.role in (Role.NAME, Role.GENERIC) and not t.abjad and place_word(t.text))
               for p in real for t in p.query]
    if not any(place for _, place in matched) or any(
            not place and t.role not in (Role.GENERIC, Role.NUMBER) for t, place in matched):
        return False
    # (a word of the state's name left over is no other name, Central Bank of the Russian
    # Federation, nor is central of a central bank, Bank of Russia; another country is:
    # IRAN AND INDIA SHIPPING COMPANY)
    left = [t for t in (*un_q, *un_r) if t.role in (Role.NAME, Role.GENERIC)
            and t.text not in _JOINING and (
                t.abjad or not (state_word(t.text) or t.text == "central"))]
    return bool(left) and sum(1 for t, place in matched
                              if t.role == Role.GENERIC and not place) < 3


def _list_name_within(q: NameForm, r: NameForm, real: list[Pair], un_q: list[Token],
                      un_r: list[Token]) -> bool:
    """The whole of one organisation's name within the other's, in its order, and beside it
    business words only, each word met as written or nearly (a name of one word: as
    written): the query is the listed company named with what it does or where it stands
    in a group, as its branches and the companies it owns are named (BANK TEJARAT SERVICES,
    Iran Air International, JSC Sovcomflot Group, Concern Avrora), or the listed company
    named as people name it, without its business words (Rostec, State Corporation Rostec;
    Sovcomflot, Sovcomflot Group). A word of a place more is another body (X Bank
    Mexico), and so is a name of one short or common word (Saha Trading FZE, SAHA:
    :func:`distinctive_word`)."""
    if q.person or r.person or not real or any(p.sim < 0.9 for p in real):
        return False
    # (query position, list position) of each word met
    links = [(i, j) for p in real for i, j in zip(p.qi, p.rj, strict=False)]
    if un_q and not un_r:
        return _whole_within(r.scoring, [(j, i) for i, j in links], un_q, real)
    if un_r and not un_q:
        # (the query without business words of the list name's: it must have a name of
        # its own, no place alone; Korea Trading is no Korea Trading Bank, Iran Insurance
        # no Iran Insurance Company)
        return _own_name(q.scoring) and _whole_within(q.scoring, links, un_r, real)
    return False


def _whole_within(short: list[Token], links: list[tuple[int, int]], extra: list[Token],
                  real: list[Pair]) -> bool:
    """:func:`_list_name_within` for the shorter name's words (``short``), linked (its
    position, the other's) to the longer's, which has the words ``extra`` besides."""
    if any(t.role != Role.GENERIC or t.text in ARMED or place_word(t.text) for t in extra):
        return False
    order = sorted(links)
    if any(a[1] > b[1] for a, b in itertools.pairwise(order)):
        return False  # (another order: Korea Trading Bank is no Bank of Korea)
    # (Company says no more than a legal form: DEY COMPANY is one word, Dey)
    words = [t for t in short if t.role in (Role.NAME, Role.GENERIC, Role.NUMBER)
             and t.text not in _COMPANY_WORDS]
    met = sorted(j for _, j in links)
    if not _own_name(words) and met != list(range(len(met))):
        # (a name of business words and places only: first and whole, the words more after
        # it; Russia National Bank is no Russia Bank, nor is National Bank of Russia the
        # Bank of Russia. A name of its own may follow a business word: Concern Avrora)
        return False
    if not any(t.role == Role.NAME for t in words):
        # (business words alone are a name from three on, as generic_only has it: Import
        # Export is no SAD Import Export Company)
        return len(words) >= 3
    if len(words) >= 2:
        return True
    # (one word: written the same, not a spelling nor with an article joined; de la Rosa e
    # Hijos is no PJSC Alrosa)
    return bool(words) and distinctive_word(words[0]) and all(p.how == "same" for p in real)


def _own_name(tokens: list[Token]) -> bool:
    """A name word among an organisation's words that says no place (Sovcomflot; not Iran
    of Iran Air, nor Korea of Korea Trading)."""
    return any(t.role == Role.NAME and not place_word(t.text) for t in tokens)


def distinctive_word(t: Token) -> bool:
    """A name word of a company's one that few others have: six letters or more, no name
    people have (SOVCOMFLOT, SEPANIR, Ruselectro; not SAHA, nor WAFA, nor KHALDI, nor
    Harmon)."""
    return t.role == Role.NAME and len(t.text) >= DISTINCTIVE and not known_name(t)


DISTINCTIVE = 6  # the fewest letters of a distinctive company word


def name_features(q: NameForm, r: NameForm, pairs: list[Pair], un_q: list[Token],
                  un_r: list[Token], rw: list[float], weights: TokenWeights,
                  used_r: set[int], swapped: bool,
                  aside: tuple[int, int, int] = (0, 0, 0)) -> dict[str, float]:
    """The evidence of an alignment, each a small pure measure named in :data:`FEATURES`.

    ``coverage`` is the rarity-weighted agreement of the two names: matched pairs count by
    their similarity, an unmatched query token costs ``EXTRA_QUERY_TOKEN`` of its weight, an
    unmatched list token (a middle name) ``EXTRA_LIST_TOKEN`` (a missing syllable of a
    Chinese or Korean name more). The others say what kind of agreement it is. ``aside``:
    how many query and list tokens were set aside as words of a legal form or initials of a
    title (not counted as words of the name), and how many of the query's were names."""
    qt, rt = q.scoring, r.scoring
    real = [p for p in pairs if p.qi]
    pair_w = [_pair_weight(p, rw, weights) for p in real]
    num = den = 0.0
    fuzzy_w = alike_w = 0.0
    for p, w in zip(real, pair_w, strict=True):
        num += p.sim * w
        den += w
        if p.sim < 1.0:
            fuzzy_w += w
        if p.how in _ALIKE:
            alike_w += w
    matched_w = den
    q_un_w = sum(weights.weight(t) for t in un_q)
    cjk = all(syllable_key(t.text) is not None for t in rt) and len(rt) >= 2
    r_un_w = sum(rw[j] for j in range(len(rt)) if j not in used_r)
    den += EXTRA_QUERY_TOKEN * q_un_w
    den += (EXTRA_LIST_SYLLABLE if cjk else EXTRA_LIST_TOKEN) * r_un_w
    coverage = num / den if den > 0 else 0.0
    q_total = matched_w + q_un_w
    r_total = sum(rw) or 1.0
    n_q, n_r = len(qt) - aside[0], len(rt) - aside[1]
    n_names = sum(1 for t in rt if t.role == Role.NAME) + sum(
        1 for t in qt if t.role == Role.NAME) - aside[2]
    # (the whole of one name within the other, with business words besides)
    within = _list_name_within(q, r, real, un_q, un_r)
    one_of_many = not within and (
        len(real) == 1 and len(real[0].query) == 1 and len(real[0].listed) == 1
        and (n_r >= 2 or n_q >= 2) and not (q.legal or r.legal)
        and any(t.role == Role.NAME for t in rt) and n_names >= 3)
    max_w = max((rw[j] for p in real for j in p.rj), default=0.0)
    if one_of_many and q.person and max_w >= _COMMON_WEIGHT and _shared_title(q, r):
        # a title both names give, and a name that is no common one: what is left of a
        # name after its middle name (HAJI ASHRAF, SAYYED HAQQANI)
        one_of_many = False
    common_only = bool(real) and any(t.role == Role.NAME for t in un_r) and (
        max_w < _COMMON_WEIGHT)
    # (a name of business words only, ACADEMY OF NATIONAL DEFENSE SCIENCE, has nothing else
    # to match: three of them matched are a name; fewer, or a number alone, with a word
    # left over are not: Le Import Export is no SAD Import Export Company, Seven Ltd. no
    # 7th Brigade)
    matched_roles = {t.role for p in real for t in p.query}
    generic_only = not within and bool(real) and matched_roles <= {
        Role.GENERIC, Role.NUMBER} and (
        any(t.role == Role.NAME for t in (*un_q, *un_r))
        or (bool(un_q or un_r) and sum(
            1 for p in real for t in p.query if t.role == Role.GENERIC) < 3))
    rarest = real[pair_w.index(max(pair_w))] if real else None
    # (words of a legal form set aside are not words of the name: KOHS AG Co. is one word)
    single = float(n_q == 1 and n_r == 1)
    fuzzy_share = fuzzy_w / matched_w if matched_w else 0.0
    alike_share = alike_w / matched_w if matched_w else 0.0
    q_nums = [t for t in qt if t.role == Role.NUMBER]
    r_nums = [t for t in rt if t.role == Role.NUMBER]
    number_conflict = bool(q_nums and r_nums and any(t in un_q for t in q_nums))
    family_missing = bool(real) and (_family_missing(r, used_r) or _last_name_missing(
        q, r, used_r, rw))
    first = _given_missing(r, used_r) if len(real) >= 2 else None
    given_missing = first is not None and (cjk or not _tail_kept(r, real, un_q, used_r, rw))
    # a common first name is often left out (Hassan Qatana for Mohammad Hassan QATANA), and
    # so is any first name before two rare names the query has (Bosco Ntaganda for Jean
    # Bosco NTAGANDA, Amuri Yakutumba for William Amuri YAKUTUMBA: a middle name used as
    # the first)
    # (two words of one hyphenated family name are one: Jean Pierre is no Gabriel
    # JEAN-PIERRE without his given name)
    rare_given_missing = first is not None and rw[first] >= _COMMON_WEIGHT and len(
        _words_of(r, rt, {j for p in real for j in p.rj if rw[j] >= _COMMON_WEIGHT})) < 2
    # a syllable more inside a Chinese or Korean name: another given name, not a middle
    # name (a family name more is one an alias of the given name alone leaves out:
    # 김금철 for the alias Kum-Chol)
    # (or last, in a name written in Hangul or Chinese characters, its family name first:
    # 김건우, Kim Kon U, is not KIM Kun)
    # (so against a list name that writes its given name's two syllables as one word:
    # 小红 淑华 马, Xiao Hong Shu Hua Ma, is not MA, Xiaohong)
    cjk_end = len(qt) if q.script in ("Hangul", "Han") else len(qt) - 1
    cjk_extra = q_un_w > 0 and len(qt) >= 3 and all(
        syllable_key(t.text) is not None for t in qt) and all(
        0 < qt.index(t) < cjk_end for t in un_q) and (cjk or (len(rt) >= 2 and all(
            syllable_key(t.text) is not None or _two_syllables(t.text) for t in rt)))
    # (an organisation named by Chinese or Korean syllables beside its business words is
    # all of them to a query with none, as a person's name is: Gang Zhong is no Chong Chon
    # Gang Shipping Co.; a query with a business word may leave a city out, 精芯科技 is
    # 成都精芯科技, as han_company_missing has it)
    # (a query with no business word nor legal form, against an organisation's name)
    bare_vs_org = not r.person and not q.legal and all(t.role != Role.GENERIC for t in qt)
    r_names = [j for j in range(len(rt)) if rt[j].role == Role.NAME]
    cjk_org_missing = not cjk and bare_vs_org and len(r_names) >= 2 and any(
        j not in used_r for j in r_names) and all(
        syllable_key(rt[j].text) is not None for j in r_names)
    # (either way: Saha Trading FZE is no SAHA, and Rey SARL no REY INVESTMENT COMPANY; a
    # list name with a word of its own more is not one word and business words)
    business_extra = not within and (_business_extra(q, r, un_q, un_r, real) or (
        _business_extra(r, q, un_r, un_q, real) and all(t.role != Role.NAME for t in un_r)))
    # (a company's name with a word of its own more amid the query's, which has one word
    # of its own: King Group is not KING ROMANS GROUP, Marin Shipping not Marin Trans
    # Shipping; a word before or after them is more often a prefix or a translated legal
    # form, TH CONSUL GROUP LTD, Société par actions Tinkoff Bank)
    matched_at = [j for p in real for j in p.rj]
    org_word_left = not r.person and bool(matched_at) and sum(
        1 for p in real for t in p.query if t.role == Role.NAME) < 2 and any(
        rt[j].role == Role.NAME and j not in used_r
        for j in range(min(matched_at) + 1, max(matched_at)))
    # (in Persian the word after the first name is part of it, not a middle name a list
    # leaves out: علی رضا is Alireza, not Ali; محمد طاها is Mohammad-Taha; unless the first
    # name is a compound already: محمدرضا مدرس خیابانی, Mohammad Reza KHIABANI)
    head = next((p for p in real if p.qi == (0,)), None)
    compound_given = head is not None and len(head.rj) == 1 and persian_script(
        q.original) and any(qt.index(t) == 1 for t in un_q)
    # (the list name has more, and the query meets its words in another order: a name
    # reordered and cut, or another name of the same words; no exact subset, Khalil Tahri is
    # not Tahir Hamid KHALIL; but a Chinese or Korean name, whose family name goes first or
    # last, a query with a word twice, Omar OMAR, which meets either, and an organisation's
    # name, whose words a translation orders as its language does)
    crossed = bool(un_r) and _crossed(r, real, q=q)
    # (every word of a person's list name met, two or more of its given names by their
    # initials in their order: as close a form as a subset, T. J. AL-TIKRITI, and no less
    # close for the initial more, T. J. H. AL-TIKRITI for TAHIR JALIL HABBUSH AL-TIKRITI)
    initials_cover = r.person and not un_r and sum(p.how == "initial" for p in real) >= 2
    # (a person's query written FAMILY, Given Middle: its words in their natural order)
    qpos = _natural_positions(q.original, tuple(t.text for t in qt)) if (
        "," in q.original and r.person and not cjk) else tuple(range(len(qt)))
    return {
        "coverage": coverage,
        "weakest": min((p.sim for p in real), default=0.0),
        "fuzzy_share": fuzzy_share,
        "alike_share": alike_share,
        "rarest_fuzzy": 1.0 - rarest.sim if rarest is not None else 0.0,
        "query_unmatched": q_un_w / q_total if q_total else 1.0,
        "list_unmatched": r_un_w / r_total,
        "exact_subset": float(
            len(real) >= 2 and not un_q and (bool(un_r) or initials_cover) and not (
                crossed and r.person and not cjk and len({t.text for t in qt}) == len(qt))
            and not (family_missing or rare_given_missing or org_word_left) and all(
                p.sim >= 0.9 or (p.how == "initial" and r.person) for p in real) and any(
                p.how != "initial" for p in real)),
        "crossed_gap": float(crossed),
        # (a person's given names: Mahmud son of Ali is not Ali son of Mahmoud; ABBAS Ali,
        # the family name put first, is the same order; a Chinese or Korean name has
        # syllables, not given names)
        "given_crossed": float((r.person and bool(un_r) and not cjk and _crossed(
            r, real, family=False)) or _script_syllables_crossed(q, r, real)),
        "initial_crossed": float(_initial_crossed(q, r, real)),
        "kunya_missing": float(_kunya_missing(q, r, real)),
        "family_as_given": float(_family_as_given(q, r, real) or _script_family_apart(
            q, r, real)),
        # (two words found alike and said to be other names all the same: Hamadi, HAMAD;
        # Kaddouri, Khaddour; سعود, سعيد as written)
        "other_name": float(any(p.how in _OTHER_NAME for p in real) or _two_word_stranger(
            r, real) or _known_names_apart(r, real)),
        # (Vladimir Borislavovich ZAYTSEV is not Vladimir Egorovich ZAITSEV: another father)
        "patronymic_conflict": float(any(is_patronymic(t.text) for t in un_q) and any(
            is_patronymic(t.text) for t in un_r)),
        # (Valeriya Vladimirovna KULIKOVA is not Valery Vladimirovich KULIKOV)
        # (a person's: an organisation named after one has the name in the genitive, the
        # masculine reading as the feminine does, Движение Игоря СТРЕЛКОВА)
        "gender_conflict": float(r.person and _gender_conflict(real)),
        "strongest_token": max_w,
        "single_word": single,
        "single_fuzzy": single * fuzzy_share,
        # (one word read from a vowel-less script is one of many Latin words: alike too)
        "single_alike": single * (1.0 if real and real[0].how.startswith("same letters")
                                  else alike_share),
        "one_of_many": float(one_of_many),
        "common_only": float(common_only),
        "generic_only": float(generic_only),
        "number_conflict": float(number_conflict),
        "lineage_conflict": float(swapped),
        "legal_conflict": float(bool(q.legal and r.legal and not q.legal & r.legal)),
        # (either side: 장영철 Jang Yong Chol is not JANG Chol, whose given name is Chol)
        "cjk_missing": float((cjk and r_un_w > 0) or cjk_extra or cjk_org_missing),
        # (a name written in Chinese characters says every syllable it has: 王畅 is not WANG
        # Chang Uk, nor 曾莉 LEE Chang Ho; nor is Ming Wang the list's 王明山)
        "han_missing": float(cjk and r_un_w > 0 and (all(t.han for t in qt) or all(
            t.han for t in rt))),
        # (a given name of two syllables the list writes as one, hyphenated, is whole: WEI
        # Shao-Kang is not Wei Shao, whose given name is Shao; either side)
        "given_halved": float(cjk and (_halved(r, used_r) or _halved(
            q, {i for p in real for i in p.qi}))),
        # (a company's name written in Chinese characters is all its characters, but for a
        # city before them, which a query with the company's words may leave out: 辽阳石化公司,
        # Liao Yang Shi Hua Company, is no Yang Liao; 成都精芯科技 is 精芯科技; its business
        # words read from the characters too, 石化 petrochemical, but for 公司, company)
        "han_company_missing": float(bare_vs_org and any(t.han for t in rt) and any(
            rt[j].role == Role.NAME or (rt[j].role == Role.GENERIC and rt[j].text != "company")
            for j in range(len(rt)) if j not in used_r)),
        "known_name_slip": float(_known_name_slip(q, r, real)),
        "compound_missing": float(_compound_missing(q, r, used_r, real)),
        "family_missing": float(family_missing),
        "generic_conflict": float(_generic_conflict(un_q, un_r)),
        "business_extra": float(business_extra),
        # (a name of unknown kind with a legal form or a business word of its own is a
        # company's, and no person whose name it shares a word of: Yasir Shipping Ltd is not
        # Hajji YASIR, Bykov Limited not Aleksandr BYKOV; a company named with the whole of
        # a listed person's name, Igor Viktorovich MATRUS Corporation, may well be his)
        "company_as_person": float(r.person and not q.person and (((
            bool(q.legal) or any(t.role == Role.GENERIC for t in un_q)) and (
            len(real) < 2 or any(t.role == Role.NAME for t in un_r))) or _partners(q))),
        # (a name of unknown kind that reads as a person's, a given name first and no legal
        # form nor business word, met by spellings alike only of a company's name with its
        # legal form: Pedro Roybal is no PETRO ROYAL FZE, معمر بلي no PLAYA MAR S.A. DE C.V.)
        "person_as_company": float(
            q.unknown_kind and not r.person and bool(r.legal) and not q.legal
            and len(real) >= 2 and all(t.role == Role.NAME for t in qt)
            and known_name(qt[0]) and all(p.how != "same" for p in real)),
        "given_missing": float(given_missing),
        "query_middle_extra": float(
            # (in a company's name, a person's name more is another firm: Rice & Thomas
            # Shipping is not Rice Shipping)
            # (nor a business word more: Dey Shipping Co. is not DEY COMPANY)
            len(real) >= 2 and bool(un_q) and not un_r and not cjk_extra and not compound_given
            and (r.person or not (business_extra or any(known_name(t) for t in un_q)))
            and all(p.sim >= 0.8 for p in real)
            # (or a patronymic wherever it stands: ПЫЖИК Юрий Николаевич, Yuri PYZHIK; or the
            # family name a list name leaves out, :func:`_family_name_after`)
            # (a middle name by its place in the name's natural order: ATTARAN, Mohammad
            # Mahdi Da'emi has Da'emi between the given names and the family name)
            and (all(0 < qpos[qt.index(t)] < len(qt) - 1 or is_patronymic(t.text)
                     for t in un_q)
                 or (not cjk and _family_name_after(r, qt, un_q, real, max_w)))),
        "initial_differs": _initial_differs(real, pair_w),
        # (not a feature of the model: a cap on its score, see _compare_forms)
        # (a name in another script, read in English word by word, may leave words out
        # that the tables do not know or rigour reads as its legal form: коммерческий банк)
        PLACES_ONLY: float(bool(real) and not generic_only and not within
                           and not (q.person or r.person)
                           and q.script == "Latin" and _places_only(real, un_q, un_r)),
    }


# what each feature says, for explanations and the model table
FEATURES: dict[str, str] = {
    "coverage": "rarity-weighted agreement of the two names",
    "weakest": "similarity of the weakest aligned pair",
    "fuzzy_share": "share of the matched weight that is not an exact token",
    "alike_share": "share of the matched weight that only sounds alike or shares consonants",
    "query_unmatched": "share of the query's weight with no counterpart",
    "list_unmatched": "share of the list name's weight with no counterpart",
    "crossed_gap": "the list name has more, and the tokens meet in another order",
    "given_crossed": "a person's list name has more, and the query has its names other than "
                     "the family name in another order (Mahmud Ali, Ali Mahmoud ABBAS), or a "
                     "query in Hangul or Chinese characters has the syllables of the list's "
                     "given name in another order (장성진, CHANG Chin Sung)",
    "initial_crossed": "a person's list name has an initial for a name, and the query a full "
                       "word for it in another order (Ashraf Mancho, Haji M. ASHRAF)",
    "family_as_given": "the list name marks its family name, and the query, unmarked, has "
                       "it before a given name of the list's it ends with (Ismail Yusuf, "
                       "Yousef ISMAIL), or written in Hangul or Chinese characters has it "
                       "among its given name's syllables (김유진, Jin YU)",
    "other_name": "two words aligned as spellings that are other names (Hamadi, HAMAD: an "
                  "-i of origin; سعود, سعيد: other long vowels as written; in a person's "
                  "name of two words, one spelled far from the list's: Rayan Kaysan, "
                  "KALDANI Rayan)",
    "patronymic_conflict": "each name has a patronymic the other lacks: another father "
                           "(Vladimir Borislavovich, Vladimir Egorovich)",
    "gender_conflict": "two or more words in the other gender's form, a family name or "
                       "patronymic among them (Valeriya KULIKOVA, Valery KULIKOV)",
    "kunya_missing": "one name has Abu or Umm before a name the other has without it (Abu "
                     "Bakr, Bakr)",
    "exact_subset": "every query token is one of the list name's, at least a close variant "
                    "or its initial, and meets a person's in its order (the list name has "
                    "more, or gives two or more of the query's initials in full: a dropped "
                    "middle name, T. J. H. AL-TIKRITI; not the family name the list marks nor a "
                    "first name that is not a common one; a Chinese or Korean name, or a query "
                    "with a word twice, in any order)",
    "strongest_token": "rarity of the rarest matched token",
    "rarest_fuzzy": "how far the rarest matched token is from its counterpart",
    "single_word": "a one-word name against a one-word name",
    "single_fuzzy": "a one-word name that is not the same word",
    "single_alike": "a one-word name that only sounds alike, shares consonants or is read "
                    "from a vowel-less script",
    "one_of_many": "one shared token between names of three or more tokens",
    "common_only": "only common tokens matched while the list name has more",
    "generic_only": "only generic words or numbers matched",
    "number_conflict": "different numbers (generation, series, unit)",
    "lineage_conflict": "father and son swapped around bin / ould, or Abu before another "
                        "word (Abu Yasser, Yasser Abou)",
    "legal_conflict": "different legal forms",
    "cjk_missing": "a syllable of a Chinese or Korean name is missing on either side",
    "han_company_missing": "an organisation's name written in Chinese characters has a "
                           "syllable a query with no business word or legal form lacks "
                           "(辽阳石化公司, Yang Liao)",
    "known_name_slip": "an organisation's one name word, or one word of a person's two, is "
                       "a name people have, a letter or two from the list's word and no "
                       "spelling of it (Bauer, BAJER; Marion, Morion; Khalil Kaddour, "
                       "Khalid KADDOUR)",
    "han_missing": "the query or the list name is written in Chinese characters, and the "
                   "list name has a syllable the query lacks (王畅, WANG Chang Uk; Ming Wang, "
                   "王明山)",
    "given_halved": "a Chinese or Korean given name written as one word with a hyphen "
                    "on one side has only one of its syllables on the other (WEI "
                    "Shao-Kang, Wei Shao)",
    "compound_missing": "a query in Persian script has one of two given names the list "
                        "name has, which Persian writes as one (محمد or رضا, Mohammad Reza)",
    "family_missing": "the list name's family name (as the list marks it) is not in the query",
    "generic_conflict": "each name has a business word the other lacks (Aryan Group, Aryan Bank)",
    "business_extra": "a one-word company name in a query with business words it lacks (Saha "
                      "Trading for SAHA)",
    "company_as_person": "a query of unknown kind with a legal form or a business word of "
                         "its own, a company's name, against a person's it has not the whole "
                         "of (Yasir Shipping Ltd, Hajji YASIR), or joining names with and, a "
                         "firm's (Mendoza, Martin and Torres)",
    "person_as_company": "a query of unknown kind that reads as a person's name (a given "
                         "name first, no legal form nor business word) meets a company's "
                         "name with its legal form by spellings alike only (Pedro Roybal, "
                         "PETRO ROYAL FZE)",
    "given_missing": "the list name's first name (in its natural order) is not in the query",
    "query_middle_extra": "the query has a middle name or patronymic the list name lacks, and "
                          "nothing else differs (Natalia Alexejevna Serguninova, Natalia "
                          "Serguninova)",
    "initial_differs": "share of the matched weight in spellings that differ in the first letter",
}


# the features that say why two names that align are other names, named in the
# explanation where they lowered the score (the legal forms and a company against a person
# are said already)
_SAID_AGAINST = ("family_as_given", "family_missing", "given_missing", "given_crossed",
                 "initial_crossed",
                 "kunya_missing", "other_name", "patronymic_conflict", "gender_conflict",
                 "lineage_conflict", "number_conflict", "generic_conflict", "business_extra",
                 "one_of_many", "common_only", "generic_only", "cjk_missing", "han_missing",
                 "given_halved",
                 "han_company_missing", "known_name_slip", "compound_missing",
                 "person_as_company")
_EXAMPLES = re.compile(r"\s*\([^()]*(?:\([^()]*\)[^()]*)*\)")  # (the examples in brackets)


_CONFLICTS = ("one_of_many", "generic_only", "number_conflict", "lineage_conflict",
              "legal_conflict", "single_fuzzy", "single_alike", "kunya_missing",
              "family_as_given", "gender_conflict", "company_as_person")


@mypyc_attr(native_class=False)  # (see sanctio.native)
class NameModel:
    """The name score: a logistic model over :data:`FEATURES`, its weights in one table
    (``src/sanctio/data/name_model.json``, fitted by ``sanctio evaluate fit``). Without a
    table the hand-set rules of earlier versions apply (coverage scaled down by the flags)."""

    def __init__(self, table: dict[str, Any] | None) -> None:
        self.table = table
        self.intercept = float(table["intercept"]) if table else 0.0
        self.weights: dict[str, float] = dict(table["weights"]) if table else {}
        # (each feature's weight in the order of FEATURES, the order of the sum)
        self._ordered = [(k, self.weights.get(k, 0.0)) for k in FEATURES]

    @classmethod
    def load(cls) -> NameModel:
        from importlib.resources import files

        try:
            text = files("sanctio").joinpath("data", "name_model.json").read_text("utf-8")
        except (FileNotFoundError, ModuleNotFoundError, OSError):
            return cls(None)
        import json

        return cls(json.loads(text))

    @staticmethod
    def coverage_logit(coverage: float) -> float:
        """The coverage as the model reads it: on the logit scale, kept off 0 and 1."""
        c = min(0.995, max(0.005, coverage))
        return math.log(c / (1 - c))

    @staticmethod
    def inputs(f: dict[str, float]) -> dict[str, float]:
        """The model's inputs: the features, with coverage on the logit scale."""
        out = dict(f)
        out["coverage"] = NameModel.coverage_logit(f["coverage"])
        return out

    def contributions(self, f: dict[str, float]) -> dict[str, float]:
        x = self.inputs(f)
        return {k: self.weights.get(k, 0.0) * x[k] for k in FEATURES}

    def score(self, f: dict[str, float]) -> float:
        if not self.table:
            return _rules_score(f)
        if f["coverage"] <= 0.0:
            return 0.0
        if f["coverage"] >= 1.0 and not any(f[k] for k in _CONFLICTS):
            return 1.0  # the same name, token for token, with nothing against it
        # (contributions() summed, in their order, with no dictionaries made: the same sum)
        coverage = self.coverage_logit(f["coverage"])
        z = self.intercept + sum([w * (coverage if k == "coverage" else f[k])
                                  for k, w in self._ordered])
        return 1.0 / (1.0 + math.exp(-z))


def _rules_score(f: dict[str, float]) -> float:
    """The hand-set rules (before the fitted model)."""
    score = f["coverage"]
    if f["one_of_many"]:
        score *= 0.75
    if f["common_only"]:
        score *= 0.85
    if f["generic_only"]:
        score = min(score, 0.5)
    if f["single_word"] and f["weakest"] < 0.85:
        score *= 0.85
    if f["lineage_conflict"]:
        score *= 0.7
    if f["legal_conflict"]:
        score *= 0.95
    return min(1.0, score)


NAME_MODEL = NameModel.load()


# ---------------------------------------------------------------- secondary attributes


@dataclass(slots=True)
class EntityFacts:
    """What secondary facts a listed entity has, prepared once at index time."""

    schema: Schema
    birth_dates: list[DateValue]
    nationalities: frozenset[str]
    countries: frozenset[str]
    genders: frozenset[str]
    identifiers: dict[str, list[tuple[str, str | None]]]  # normalised number -> (type, country)
    # the patronymics the entity's names give (egorovich), read off its analysed names
    patronymics: frozenset[str] = frozenset()

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return by_fields(self)


# taken off where a person's names all give another father than the query's patronymic
OTHER_FATHER_EFFECT = -0.15


def patronymic_evidence(cmp: NameComparison, facts: EntityFacts) -> Evidence | None:
    """The query has a patronymic the matched name lacks (an alias written without one:
    Vladimir Zajcev), and every patronymic the listed person's other names give is another
    father's (Vladimir Borislavovich ZAYTSEV is not Vladimir Egorovich ZAITSEV, whatever
    alias he is also listed under). A matched name with a patronymic of its own is judged by
    the name comparison (``patronymic_conflict``)."""
    listed = [*cmp.unmatched_list, *(t for p in cmp.pairs for t in p.listed)]
    if not facts.patronymics or any(is_patronymic(t.text) for t in listed):
        return None
    own = [t.text for t in cmp.unmatched_query if is_patronymic(t.text)]
    if not own or any(not _other_fathers(p, f) for p in own for f in facts.patronymics):
        return None
    return Evidence("patronymic", OTHER_FATHER_EFFECT,
                    f"the query's patronymic {', '.join(own)} is none of those the listed "
                    f"person's names give ({', '.join(sorted(facts.patronymics))}): another "
                    "father",
                    {"query": own, "listed": sorted(facts.patronymics)})


# taken off where the matched name's initial stands, in the listed person's other names, for
# a name that is not the query's
OTHER_INITIAL_EFFECT = -0.25


def initial_evidence(cmp: NameComparison, entity_words: Callable[[], Iterable[Token]]
                     ) -> Evidence | None:
    """The matched name gives only an initial where the query writes a name (the alias
    A. Kabir, the query Ahmed Kabir), and the listed person's other names say what the
    initial stands for: names that begin with it, none of them the query's (ABDUL KABIR
    MOHAMMAD JAN: A. is Abdul, not Ahmed or Aisha). ``entity_words`` gives the tokens of
    all the entity's names; it is called only for a match with such an initial."""
    pairs = [p for p in cmp.pairs if p.how == "initial" and len(p.listed) == len(p.query) == 1
             and len(p.listed[0].text) == 1 and len(p.query[0].text) > 1]
    if not pairs:
        return None
    words = {t.text: t for t in entity_words() if t.role == Role.NAME and len(t.text) > 1}
    for p in pairs:
        q, letter = p.query[0], p.listed[0].text
        full = sorted(w for w in words if w[0] == letter)
        if full and all(cached_token_sim(q, words[w])[0] < 0.8 for w in full):
            return Evidence("initial", OTHER_INITIAL_EFFECT,
                            f"the initial {letter.upper()}. of the matched name stands for "
                            f"{', '.join(full)} in the listed person's other names, not "
                            f"{q.text}", {"query": q.text, "initial": letter, "names": full})
    return None


def _dob_compare(query: str, listed: Iterable[DateValue]) -> tuple[str, str] | None:
    """('match' | 'near' | 'conflict', listed value) at the coarser of the two precisions."""
    best: tuple[str, str] | None = None
    qy = int(query[:4])
    for d in listed:
        if d.end:  # a range
            lo, hi = int(d.value[:4]), int(d.end[:4])
            if lo <= qy <= hi:
                return ("match", f"{d.value} to {d.end}")
            if lo - 1 <= qy <= hi + 1:
                best = ("near", f"{d.value} to {d.end}")
            elif best is None:
                best = ("conflict", f"{d.value} to {d.end}")
            continue
        n = min(len(query), len(d.value))
        if query[:n] == d.value[:n]:
            return ("match", d.value)
        ly = d.year
        if d.circa and abs(ly - qy) <= 2:
            best = ("near", f"circa {d.value}")
            continue
        if abs(ly - qy) <= 1 and (best is None or best[0] == "conflict"):
            # a swapped day and month, or an adjacent year: often a data-entry error
            best = ("near", d.value)
        elif best is None:
            best = ("conflict", d.value)
    return best


# the query's kind against the listed party's: a person's against a company's
SCHEMA_PENALTY = -0.25


def syllable_name_evidence(query_schema: Schema | None, q: NameForm, r: NameForm,
                           facts: EntityFacts) -> Evidence | None:
    """A query of unknown kind written as a Chinese or Korean person's name (two or three
    syllables, nothing else: Jun Jin, 靳想) against a listed company or vessel whose name has
    more than its syllables, a number, a business word or a legal form (JON JIN 2, JINXIANG
    TRADING COMPANY, BING YIN JSC): a person's name, weighed against that party's kind as a
    given kind is (``SCHEMA_PENALTY``). Where the list name is the syllables alone (KANG
    SONG), the kind stays open."""
    if query_schema is not None or q.legal or facts.schema in (Schema.PERSON, Schema.UNKNOWN):
        return None
    words = q.scoring
    if not 2 <= len(words) <= 3 or len(q.tokens) != len(words) or any(
            t.role != Role.NAME or syllable_key(t.text) is None for t in words):
        return None
    more = [t.text for t in r.scoring if t.role in (Role.NUMBER, Role.GENERIC)]
    if not (more or r.legal):
        return None
    said = ", ".join([*more, *(f"a legal form ({f})" for f in sorted(r.legal))])
    return Evidence("schema", SCHEMA_PENALTY,
                    "the query is written as a Chinese or Korean person's name (syllables "
                    f"only), the listed party a {facts.schema.value} whose name has more: {said}",
                    {"query": "syllables", "listed": facts.schema.value})


# A listed person born on the query's date of birth, both given to the day, whose name is
# the query's letter for letter but for a typo or two (the two names in Latin letters, their
# words in any order: rapidfuzz's token_sort_ratio at least DOB_LETTERS) is a match that the
# name rules alone may refuse: RI CHUN HWA for RI CHUN HWAN (two Korean syllables, where a
# name without its birth date is another person's), FUAD MOHAMED KHAL for KHALAF, KIM SING
# CHOL for KIM SONG CHOL. Measured on the four lists, the 1,985 pairs of entities that share
# a birth date to the day and reach 0.88 are one person listed twice (EU and OFAC, UN and
# EU); the nearest two people are the Makhlouf twins, Iyad and Ihab (0.87).
DOB_LETTERS = 0.88
# the name score such a name is raised to: DOB_LETTERS_FLOOR at DOB_LETTERS of its letters,
# up to DOB_LETTERS_TOP for the same letters (before the date of birth's own evidence)
DOB_LETTERS_FLOOR = 0.8
DOB_LETTERS_TOP = 0.9


# A query of two words or more that is part of a listed person's name, born on the query's
# date of birth to the day (every query word paired, at DOB_PART_SIM or more, with a word of
# the name: the person without a first given name, FARAJ AHMAD for NAJMUDDIN FARAJ AHMAD,
# or without the family name, JONG HYOK for SON JONG HYOK): raised to DOB_PART_SCORE. Not
# on the first of January, the day lists and registers write for a year alone.
DOB_PART_SIM = 0.85
# (the query's words among the name's letter for letter: words_within at least DOB_WORDS)
DOB_WORDS = 0.95
DOB_PART_SCORE = 0.82


def day_date(d: DateValue) -> bool:
    """A date given to the day: no range, no circa."""
    return d.end is None and not d.circa and len(d.value) == 10


def words_within(query_words: str, listed_words: str) -> float:
    """How nearly the query's words are among the listed name's, letter for letter (1 when
    each is one of them: rapidfuzz's token_set_ratio, 0 to 1)."""
    return fuzz.token_set_ratio(query_words, listed_words) / 100


def letters_alike(query_words: str, listed_words: str) -> float:
    """How alike two names (their compared words, in Latin letters) are letter for letter,
    their words in any order (0 to 1)."""
    return fuzz.token_sort_ratio(query_words, listed_words) / 100


def dob_letters_evidence(letters: float, listed_name: str, dob: str, name_score: float
                         ) -> Evidence | None:
    """A name scored under DOB_LETTERS_FLOOR, of a listed person born on the query's date of
    birth to the day, whose letters are ``letters`` alike: raised to between
    DOB_LETTERS_FLOOR and DOB_LETTERS_TOP (the typos the name comparison refuses)."""
    if letters < DOB_LETTERS or name_score >= DOB_LETTERS_FLOOR:
        return None
    target = DOB_LETTERS_FLOOR + (letters - DOB_LETTERS) / (1 - DOB_LETTERS) * (
        DOB_LETTERS_TOP - DOB_LETTERS_FLOOR)
    return Evidence(
        "dob_letters", target - name_score,
        f"born on {dob} as the listed person, to the day, with a name alike letter for "
        f"letter ({letters:.2f} of '{listed_name}'): the differences read as typos",
        {"dob": dob, "letters": round(letters, 4), "listed": listed_name})


def dob_part_evidence(cmp: NameComparison, listed_name: str, dob: str, name_score: float
                      ) -> Evidence | None:
    """A name scored under DOB_LETTERS_FLOOR whose every query word (two or more) is paired
    with a word of the listed person's name, at DOB_PART_SIM or more, the person born on the
    query's date of birth to the day (not the first of January): raised to DOB_PART_SCORE
    (the name with a part left out)."""
    if name_score >= DOB_PART_SCORE or cmp.unmatched_query or dob[5:] == "01-01":
        return None
    words = sum(len(p.query) for p in cmp.pairs)
    if words < 2 or any(p.sim < DOB_PART_SIM for p in cmp.pairs):
        return None
    missing = ", ".join(t.text for t in cmp.unmatched_list)
    return Evidence(
        "dob_part", DOB_PART_SCORE - name_score,
        f"born on {dob} as the listed person, to the day, with the query's every word in "
        f"'{listed_name}'" + (f" (the query leaves out {missing})" if missing else ""),
        {"dob": dob, "listed": listed_name, "left_out": [t.text for t in cmp.unmatched_list]})


def attribute_evidence(
    query_schema: Schema | None, dob: str | None, country: str | None, gender: str | None,
    identifiers: list[str], facts: EntityFacts, norm_id: Callable[[str], str],
    name_score: float, legal: frozenset[str] = frozenset(),
) -> list[Evidence]:
    """Evidence from secondary facts, each with the effect it has on the score. A query of
    unknown kind with a legal form (``legal``, its classes) is a company's (Mohamed al-Kani
    Ltd): its kind is weighed as if given."""
    out: list[Evidence] = []
    why = None
    if query_schema is None and legal:
        query_schema = Schema.ORGANIZATION
        why = "the query has a legal form (" + ", ".join(sorted(legal)) + "), a company's name"
    if query_schema is not None and facts.schema not in (Schema.UNKNOWN, query_schema):
        orgish = {Schema.ORGANIZATION, Schema.UNKNOWN}
        if not (query_schema in orgish and facts.schema in orgish):
            out.append(Evidence(
                "schema", SCHEMA_PENALTY,
                (why or f"the query is a {query_schema.value}")
                + f", the listed party a {facts.schema.value}",
                {"query": "legal form" if why else query_schema.value,
                 "listed": facts.schema.value}))
    if dob and facts.birth_dates:
        cmp = _dob_compare(dob, facts.birth_dates)
        if cmp is not None:
            kind, listed = cmp
            if kind == "match":
                out.append(Evidence("dob", 0.03,
                                    f"date of birth {dob} matches the listed {listed}",
                                    {"query": dob, "listed": listed}))
            elif kind == "near":
                out.append(Evidence("dob", -0.03,
                                    f"date of birth {dob} is close to the listed {listed}",
                                    {"query": dob, "listed": listed}))
            else:
                out.append(Evidence("dob", -0.2,
                                    f"date of birth {dob} conflicts with the listed {listed}",
                                    {"query": dob, "listed": listed}))
    if country:
        if country in facts.nationalities or country in facts.countries:
            out.append(Evidence("country", 0.02, f"country {country} is linked to the listed "
                                                 "party", {"query": country}))
        elif facts.nationalities:
            listed_c = ", ".join(sorted(facts.nationalities))
            out.append(Evidence("country", -0.08,
                                f"country {country} differs from the listed nationality "
                                f"{listed_c}", {"query": country, "listed": listed_c}))
    if gender and facts.genders and gender not in facts.genders:
        out.append(Evidence("gender", -0.1, f"gender {gender} differs from the listed "
                                            f"{', '.join(sorted(facts.genders))}",
                            {"query": gender}))
    for ident in identifiers:
        num = norm_id(ident)
        if len(num) >= 4 and num in facts.identifiers:
            kinds = ", ".join(sorted({k for k, _ in facts.identifiers[num]}))
            # strong evidence, but it cannot turn a wholly different name into a match
            effect = 0.15 if name_score >= 0.6 else 0.0
            detail = f"identifier {ident} matches the listed {kinds}"
            if effect == 0.0:
                detail += " (no effect: the names are too different)"
            out.append(Evidence("identifier", effect, detail, {"query": ident, "type": kinds}))
    return out
