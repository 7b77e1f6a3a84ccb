"""The Screener: the public entry point to screen one query or many against the registry."""

from __future__ import annotations

import gc
import math
import multiprocessing as mp
import re
import time
import unicodedata
import weakref
from bisect import bisect_right
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from functools import partial
from itertools import islice, pairwise, product
from pathlib import Path
from typing import Any

from mypy_extensions import mypyc_attr
from rapidfuzz import fuzz, process

from sanctio.contract import (
    DEFAULT_THRESHOLD,
    DesignationRef,
    Evidence,
    Match,
    Query,
    ScreenResult,
)
from sanctio.disjoint import DisjointSets
from sanctio.entity import Entity, norm_id
from sanctio.entity_view import entity_to_dict
from sanctio.model import Name, NameType, Schema
from sanctio.registry import Registry
from sanctio.scoring import (
    _SIM_CACHE,
    DOB_LETTERS,
    DOB_PART_SCORE,
    DOB_WORDS,
    FIELD_CHARS,
    FORM_WORDS,
    NAME_TYPE_FACTOR,
    SWIFT_LINE,
    EntityFacts,
    NameComparison,
    attribute_evidence,
    compare_forms,
    day_date,
    distinctive_word,
    dob_letters_evidence,
    dob_part_evidence,
    initial_evidence,
    letters_alike,
    on_swift_line,
    patronymic_evidence,
    syllable_name_evidence,
    typed_name_score,
    words_within,
)
from sanctio.text import han_foreign
from sanctio.text.acronyms import MIN_LETTERS as MIN_ACRONYM
from sanctio.text.acronyms import acronym_match, acronyms_of, as_acronym, name_key
from sanctio.text.acronyms import penalty as acronym_penalty
from sanctio.text.cantonese import (
    HAN_CHAR,
    cantonese_reading,
    may_be_listed,
    spelled_in_cantonese,
)
from sanctio.text.hangul_foreign import looks_foreign
from sanctio.text.hangul_foreign import plain_reading as hangul_plain_reading
from sanctio.text.hangul_foreign import words_of as hangul_words
from sanctio.text.japanese import japanese_readings, spelled_in_japanese
from sanctio.text.katakana import particle_apart
from sanctio.text.kontsevich import kontsevich_readings
from sanctio.text.korean_hanja import korean_reading, spelled_in_korean
from sanctio.text.normalize import (
    ABJAD_SCRIPTS,
    ENGLISH_NUMBER_WORDS,
    GENERIC,
    PARTICLES,
    NameForm,
    Role,
    Token,
    _analyze,
    analyze,
    arabizi_reading,
    by_fields,
    caron_reading,
    chinese_titles_off,
    detect_script,
    devanagari_nukta_reading,
    digit_words_reading,
    ends_a_persian_family_name,
    ensure_symbols,
    german_reading,
    greek_foreign_reading,
    hungarian_reading,
    is_legal_form,
    j_as_kh_reading,
    known_name,
    known_syllable,
    name_parts,
    other_ones_reading,
    russian_reading,
    script_parts,
    to_latin,
    tokenize_ascii,
    turkish_reading,
    vessel_prefix_split,
    wait_tagger,
    warm_tagger,
)
from sanctio.text.orgwords import (
    acronym_readings,
    arabic_office_phrase,
    body_acronym_reading,
    body_acronyms_of,
    translated_readings,
)
from sanctio.text.palladius import palladius_reading
from sanctio.text.slavic import is_patronymic

_TYPE_RANK = {NameType.PRIMARY: 0, NameType.ALIAS: 1, NameType.ORIGINAL: 2,
              NameType.FORMER: 3, NameType.WEAK: 4}


# words of legal forms that are no business word as well (company, corporation are)
_LEGAL_ONLY = ("limited", "incorporated")
# the kinds of entity a reading of a person's name never is (an entity of unknown kind may be)
_NOT_PEOPLE = frozenset({Schema.ORGANIZATION.value, Schema.VESSEL.value, Schema.AIRCRAFT.value})
# a family name's article, its own mark (Mohammed al-Ahmed)
_ARTICLE_MARK = re.compile(r"(?:al|el)-\w{3,}$", re.IGNORECASE)


def family_marked(name: Name) -> str:
    """A person's name as the scoring should read it: where the list gives the family name
    apart (the UK's Name 6, the EU's lastName) but writes the whole name in mixed case with
    no mark (Abbas Eberahim), that family name, last, in capitals as lists mark it (Abbas
    EBERAHIM), so the scoring knows which is the family name, as it does for KALIM, Mohammed
    and Mohammed ZAMRINI (Ibrahim Abbas is no Abbas Eberahim written in another order)."""
    full = name.full
    family = name.parts.get("family", "").split()
    words = full.split()
    if not family or len(family) >= len(words) or "," in full or not any(
            c.islower() for c in full) or any(
            w.isupper() and sum(c.isalpha() for c in w) >= 2 for w in words):
        return full
    if [w.casefold() for w in words[-len(family):]] != [w.casefold() for w in family] or (
            _ARTICLE_MARK.match(words[-1])):
        return full  # (Mohammed al-Ahmed: its article says which is the family name)
    return " ".join([*words[:-len(family)], *(w.upper() for w in words[-len(family):])])


def _with_aspirates(form: NameForm, marked: NameForm) -> NameForm:
    """A name with the McCune-Reischauer aspirates of another spelling of it, with the same
    letters, that marks them (CHOE CHUN YONG, as Ch'oe Ch'un-yo'ng says: ch'un, 춘, not jun)."""
    aspirated = {t.text for t in marked.tokens if t.aspirated}
    if not aspirated or any(t.aspirated for t in form.tokens):
        return form
    new = {id(t): replace(t, aspirated=True) for t in form.tokens
           if t.role == Role.NAME and t.text in aspirated}
    if not new:
        return form
    return replace(form, tokens=[new.get(id(t), t) for t in form.tokens],
                   scoring=[new.get(id(t), t) for t in form.scoring])


def _company_like(name: str) -> bool:
    """A name of unknown kind with a legal form or a business word (an organisation's)."""
    form = analyze(name, org=None)
    return bool(form.legal) or any(t.role == Role.GENERIC for t in form.tokens)


def _org_flag(schema: Schema | None) -> bool | None:
    if schema is None or schema == Schema.UNKNOWN:
        return None
    return schema != Schema.PERSON


_BODY_ACRONYM_READ = "with its kind of body written as the acronym the lists also write"


@dataclass(slots=True)
class IndexedName:
    entity: int  # position in Screener.entities
    name: Name
    list_id: str  # the list whose record holds the name
    form: NameForm
    weights: list[float] | None = None  # rarity weights of form.scoring, set at build
    read_as: str | None = None  # the words of the list name this entry reads (a nickname)
    # how the entry reads the list name, said in the explanation
    read_how: str = "the nickname it gives and the family name, or the name without it"

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return by_fields(self)  # (a stored index pickles it: see normalize.by_fields)


# a candidate whose index evidence is below this share of the query's weight cannot reach
# a useful score; it is not scored in full (see NameIndex.candidates_scored)
MIN_EVIDENCE = 0.5
# of that floor, what a query in another script takes when nothing reaches the floor itself,
# and how many names it then scores at most (one each of the entities reached best: a name in
# another script that matches no list name, the bulk of such queries, costs little more)
OTHER_SCRIPT_FLOOR = 0.6
OTHER_SCRIPT_NAMES = 5
# candidates of an as-you-type search, the same for every page of results
SEARCH_POOL = 100
# names under the evidence floor scored all the same when written like the query (see
# Screener._near_names): of how many reached best, down to what share of the query's weight,
# how alike (token-sort ratio) and how many at most
NEAR_POOL = 100
NEAR_FLOOR = 0.12
# names under the evidence floor whose own words the query reaches (nearly) all, scored all
# the same (see Screener._covered_names): down to what share of the query's weight, what share
# of the name's own weight the evidence must be, and how many at most
COVERED_FLOOR = 0.3
COVERED_SHARE = 0.8
COVERED_NAMES = 3
NEAR_LIKE = 80
NEAR_NAMES = 3
# names of one entity scored in full per query: the best two by index evidence (the EU
# lists one name in up to 24 languages; most of their other spellings add nothing), and for
# a query in another script the one of the others written most like it (Screener._per_entity)
MAX_NAMES_PER_ENTITY = 2
# an entity whose names scored so far reach this but not the threshold has its other names
# looked at too: the one written most like the query (rapidfuzz's ratio of
# the sorted words, RESCUE_LIKE or more, and more than the name scored) is scored as well
# (Screener._other_names: Aiman Zawahri reaches AL-ZAWAHIRI, Aiman Muhammad Rabi by its
# exact Aiman first, and Ayman al-Zawahiri, its likest name, not at all); the likeness keeps
# it to one compared name in a hundred queries
RESCUE_FLOOR = 0.3
RESCUE_LIKE = 70


@dataclass(slots=True)
class EntityInfo:
    entity: Entity
    facts: EntityFacts
    designations: list[DesignationRef]
    lists: frozenset[str]

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return by_fields(self)


# the score taken off a match found only with the words of a right-to-left name reversed
REVERSED_WORDS_PENALTY = 0.06


def _reversed_reading(text: str) -> str | None:
    """A name of three words or more, all in a right-to-left script, with its words in the
    other order: text taken out of PDF files often comes with the words of a line reversed
    (القادر عبد الشيخ أحمد for أحمد الشيخ عبد القادر), which parts a compound (Abd al-Qadir) or
    a nasab (bin Laden) that reading the words in any order cannot mend. A name whose آل
    stands before its last word is in its natural order (تالا آل حسين, Tala of the Hussein
    family, is not حسين آل تالا), and so is one with the ending of a Persian family name after
    its word (علی اکبر رضا زاده, Ali Akbar Rezazadeh)."""
    words = text.split()
    if text.isascii() or len(words) < 3 or detect_script(text) not in ABJAD_SCRIPTS or any(
            c.isascii() and c.isalpha() for c in text) or words[-2] == "آل" or (
            ends_a_persian_family_name(text)):
        return None
    return " ".join(reversed(words))


# the score taken off a match found only as the whole of a list name whose first 35
# characters the query is (a SWIFT name line cut it)
LINE_CUT_PENALTY = 0.05
LINE_CUT_NAMES = 3  # the most list names one cut line is read as
# the most organisations a query written as an acronym is read as the name of (as their names'
# words: one organisation on four lists is one): an acronym more names have says too little of
# which (see Screener._acronym_readings)
ACRONYM_ENTITIES = 3
# the fewest letters of a query of unknown kind read as an acronym without a legal form or a
# business word beside it (NIORDC; KHAN or SAID in capitals is a person's name as often)
UNKNOWN_KIND_ACRONYM = 5


def _natural_order(full: str) -> str | None:
    """A person's name the lists write family name first (``AL-SAD'UN, Abd-al-Baqi``) in
    the order a payment writes it (Abd-al-Baqi AL-SAD'UN); None for another."""
    family, _, given = full.partition(",")
    if not given.strip() or "," in given:
        return None
    return f"{given.strip()} {family.strip()}"


def line_key(text: str) -> str:
    """A name line as the lines a SWIFT field cuts meet: case and spacing folded."""
    return " ".join(text.casefold().split())


# the score taken off a match found only with a space put in or taken out of the query
RESPACED_PENALTY = 0.02
# ... or only with a 1 inside a word read as L rather than I (or i rather than l)
OTHER_ONES_PENALTY = 0.02
# a Cyrillic organisation name read as its acronym (Муромский приборостроительный завод: MPZ)
# is a little weaker evidence than its words: other names have those initials too
ACRONYM_PENALTY = 0.05
# a foreign name written in Hangul or Chinese characters, read as the list words it may
# transcribe: a little weaker evidence than the Latin name (Korean writes f and p, v and b, l
# and r alike; Chinese l and r)
FOREIGN_SOUNDS_PENALTY = 0.04
# a Chinese name in Russian letters read in pinyin (Palladius is one syllable for one), and a
# Korean one in the Latin syllables the lists write (Kontsevich: a few Latin ones for each)
RUSSIAN_SYLLABLES_PENALTY = 0.02
# a Hindi name read with the Urdu sounds of letters written without their nukta (हाफिज:
# Hafiz): the letter may be the one written (जैन is Jain, not Zain), a little weaker evidence
NUKTA_PENALTY = 0.02
# a Japanese name in kanji read as a family name and a given name (:mod:`sanctio.text.japanese`):
# one of the readings its characters take in names, a little weaker evidence
JAPANESE_READING_PENALTY = 0.02
# the countries that write their organisations' names in Cyrillic letters (and the Soviet
# Union): the parties a Cyrillic name's acronym may be (MIT, of Московский институт
# теплотехники, is not the Mujahidin of Western Indonesia)
CYRILLIC_COUNTRIES = frozenset(
    "RU BY UA KZ KG TJ UZ MD BG RS ME MK BA MN AM AZ GE TM SUHH".split())
_PART = 4  # the shortest list word a re-spaced query word is cut into (Jack son is no cut)
_COMPOUND_HEADS = ("abd", "abu")  # a compound the analyser reads (Abdulqader, Abubakar)
# glued by the analyser already (al Hassan, Abd Rabbuh)
_NO_JOIN = PARTICLES | set(_COMPOUND_HEADS)
_GLUED_BEFORE = ("the", "of", "and", "for")  # written together with the word after them
# legal forms of two letters that are written glued to a company's name (DIMITRISA); other
# two-letter forms (IM, EP, SE) end too many words (BAASIM is no BAAS IM)
_GLUED_SHORT_FORMS = frozenset({"sa", "ag", "kg", "nv", "bv", "oy"})
_WORD = re.compile(r"[A-Za-z]+")
_LETTERS_DIGITS = re.compile(r"\b([A-Za-z]{3,})(\d{2,})\b|\b(\d{2,})([A-Za-z]{3,})\b")
_APART_RATIO = 3  # how much more often the lists write a word whole than a piece of it apart
_CUT_RARE = 2  # a list word in this many list names at most may still be another cut off


# a person's name with a nickname in quotes inside it (Ben-Zion “Bentzi” GOPSTEIN)
_QUOTED_NICK = re.compile(r"^(?P<before>[^“”\"«»]*\w[^“”\"«»]*?)\s*[“\"«]\s*(?P<nick>[^\W\d_]"
                          r"[^“”\"«»]{0,30}?)\s*[”\"»]\s*(?P<after>\w[^“”\"«»]*)$")


def _lone_company_word(form: NameForm, last: Token, org: bool | None) -> bool:
    """A company's name of one name word beside its legal form or business words, that word
    long (JSC Ruselectro, LLC PROMTEKHNOL): it may be cut off as well, where it is last as
    written, no list word and two thirds of the list word it begins at least (a short one,
    Bera Ltd, begins too many: BERATEX GROUP), and no name people have (Harmon is named
    after someone, not HARMONY FARM cut): :func:`sanctio.scoring.distinctive_word`."""
    return (org is True or bool(form.legal)) and distinctive_word(last) and sum(
        t.role == Role.NAME for t in form.scoring) == 1


def nickname_readings(full: str) -> list[str]:
    """A person's list name that gives a nickname in quotes between the given and the family
    name, read as people call the person: the nickname and the family name (Bentzi GOPSTEIN),
    and the name without the nickname (Ben-Zion GOPSTEIN). None for any other name."""
    m = _QUOTED_NICK.match(full.strip())
    if m is None or len(m.group("nick").split()) > 3:
        return []
    before, nick, after = (" ".join(m.group(g).split()) for g in ("before", "nick", "after"))
    return [f"{nick} {after}", f"{before} {after}"]


def name_words_read_as_forms(name: str, vocabulary: Container[str]) -> list[str]:
    """The words a name of unknown kind loses as legal forms that a person's name keeps as
    name words, words of the lists' names (``vocabulary``) too (PAO Yu Hsiang: rigour knows
    Pao, the Russian ПАО, and Yu as legal forms; Iyad Ag Ghali, Tchipa Na Bidon):
    the name is screened read as a person's too. Not a form no list name has as a word
    (Khan Marine Ltd), nor a name with a business word (HAVIN BANK LTD): a company's; nor
    letters after the name (Yılmaz A.Ş.), where a form stands and initials do not (A. S.
    CHEMEZOV)."""
    either = analyze(name, org=None)
    if not either.legal or any(t.role == Role.GENERIC for t in either.scoring):
        return []
    kept = {t.text for t in either.scoring}
    person = [t.text for t in analyze(name, org=False).scoring]
    lost = [i for i, w in enumerate(person) if w not in kept and w.isalpha()]
    if lost and all(len(person[i]) == 1 for i in lost) and min(lost) > max(
            (i for i, w in enumerate(person) if w in kept), default=len(person)):
        return []  # (letters after the name are its form: Yılmaz A.Ş. is no A. S. Yilmaz)
    words = [person[i] for i in lost]
    return words if all(w in vocabulary for w in words) else []


def short_form_last(name: str) -> str | None:
    """The last word of a Latin name of unknown kind, where it is a legal form of three
    letters or fewer that the name, read as a person's, keeps as a word (VETURA TRANS DOO,
    DIGITAL SERRVICES EAD, BEIRURT GEM SAL: a company's name, its form left out of the
    comparison as a company's is; the exact name matched, a typo elsewhere left the form a
    word the list name lacks): the name is screened read as an organisation's too. Not
    after one word (Wei Ou), nor after syllables of a Chinese or Korean name (Li Wei Ou)."""
    words = name.split()
    if len(words) < 3:
        return None
    last = "".join(tokenize_ascii(to_latin(words[-1])))
    if not 2 <= len(last) <= 3 or not last.isalpha():
        return None
    either = analyze(name, org=None)
    if either.legal or either.script != "Latin" or not either.scoring or (
            either.scoring[-1].text != last):
        return None
    if all(known_syllable(t.text) for t in either.scoring[:-1]):
        return None
    company = analyze(name, org=True)
    if not company.legal or any(t.text == last for t in company.scoring):
        return None
    return words[-1]


def number_words_of(name: str) -> list[str]:
    """The English number words of a name of unknown kind that an organisation's name reads
    as numbers (OFFICE THIRTY-NINE is OFFICE 39, Mining Enterprise Two is Mining Enterprise
    2; a person's name reads no number words): the name is screened read as an
    organisation's too."""
    words = [t.text for t in analyze(name, org=None).scoring
             if t.role == Role.NAME and t.text in ENGLISH_NUMBER_WORDS]
    if not words or not any(t.role == Role.NUMBER for t in analyze(name, org=True).scoring):
        return []
    return words


def _latin_words(text: str) -> set[str]:
    """The words of a name in Latin letters, lower case, accents dropped."""
    return set(tokenize_ascii(to_latin(text)))


def _organisations(full_names: Mapping[str, AbstractSet[str]]) -> int:
    """How many organisations the names (each with the entities that have it) are: an
    entity is one, whatever spellings of its name it has (LAJNAT AL DAAWA AL ISLAMIYYA, Lajnat
    al-Da'wa al-Islamiya), and entities that have one name, as its words say
    (:func:`sanctio.text.acronyms.name_key`), are one (YA MAHDI INDUSTRIES GROUP on OFAC's
    list, Ya Mahdi Industries Group on the EU's)."""
    sets = DisjointSets()
    for full, eids in full_names.items():
        key = "\t" + " ".join(name_key(full))  # (a name's words: no entity id begins so)
        for eid in eids:
            sets.union(eid, key)
    return len({sets.find(eid) for eids in full_names.values() for eid in eids})


def _written_as(acronym: str, text: str) -> bool:
    """``text`` is written as ``acronym`` (:func:`sanctio.text.acronyms.as_acronym`)."""
    return as_acronym(text) == acronym


def _has_word(word: str, text: str) -> bool:
    """``word`` is one of the words of ``text`` (:func:`_latin_words`)."""
    return word in _latin_words(text)


def _words_and_pairs(text: str) -> set[str]:
    """The words of a name in Latin letters (:func:`_latin_words`), and every two adjacent
    ones written together (Arkady Romanovich: arkadyromanovich), as the lists' vocabulary
    holds them."""
    words = tokenize_ascii(to_latin(text))
    return set(words) | {a + b for a, b in pairwise(words)}


# a run of four letters or more each written alone (M O H A M E D): a word spelled out
_SPACED_LETTERS = re.compile(r"(?<!\S)(?:[^\W\d_](?:[.\-] ?| )){3,}[^\W\d_]\.?(?!\S)")


def letters_joined_reading(text: str) -> str | None:
    """A name with a word written letter by letter joined again (``M o h a m e d  A l K a n
    i`` is ``Mohamed AlKani``; ``K-A-N-I``): a run of four letters or more, each alone,
    with one space (or a full stop or hyphen and a space) between them, is a word; two
    spaces or more end it. Initials are three at most (J R R Tolkien stays). None where
    there is no such run."""
    parts = re.split(r"\s{2,}", text.strip())
    joined = [_SPACED_LETTERS.subn(
        lambda m: "".join(c for c in m.group() if c.isalpha()), part) for part in parts]
    return " ".join(part for part, _ in joined) if any(n for _, n in joined) else None


def respaced_reading(text: str, vocab: AbstractSet[str], org: bool | None = None,
                     single: Container[str] | None = None) -> tuple[str, list[str]] | None:
    """A Latin name with the spaces the lists put elsewhere: two adjacent words that are one
    list word and not both list words alone (MAUL AWI RAJAB: MAULAWI), or a business word
    (SHIP PING, AIR LINES) written together, a
    word that no list writes cut into two that they do (HAVINBANK LIMITED, DOOSTAN
    INTERNATIONALCOMPANY, GANADERIASDEL VALLE: the second may be a business word, or a
    particle of three letters or more where a word follows; the first may be the, of, and or
    for: THENETHERLANDS, ofRocket; each list word four letters or more: Jackson is no JACK
    SON), or a legal form glued to a list word before it (SCHIRINDELGMBH, in a name not
    said to be a person's; a form of two letters, SA, only in one said to be a company's), at
    most one of each per word.
    A word that is no list word of its own is first read as two or three that are
    (:func:`_pieces`: THOMASLUBANGA, ARKADYROMANOVICHROTENBERG, KIMCHOLNAM).
    ``vocab`` holds every word of the lists (and every two adjacent ones written together),
    ``single`` the lists' words of their own (``vocab`` when not given).
    Returns the new text and what was changed, or None when nothing was."""
    single = vocab if single is None else single
    if not text.isascii():
        # (Latin letters with their accents, as the lists' words are kept without them:
        # JÉRÔMEKAKWAVUBUKANDE; typographic quotes and dashes as the plain ones:
        # Federal State Unitary Enterpr ise “Main Radio Frequency Centre”)
        text = "".join(c for c in unicodedata.normalize("NFKD", text.translate(_PLAIN_MARKS))
                       if not unicodedata.combining(c))
        if not text.isascii():
            return None
    done: list[str] = []

    def apart(m: re.Match[str]) -> str:
        # a list word and a number written together (VABO2005 for VABO-2005)
        word, letters = m.group(0), m.group(1) or m.group(4)
        if word.lower() in vocab or letters.lower() not in single:
            return word
        parts = [g for g in m.groups() if g]
        done.append(f"{word} as {' '.join(parts)}")
        return " ".join(parts)

    text = _LETTERS_DIGITS.sub(apart, text)
    words = list(_WORD.finditer(text))
    out: list[str] = []
    pos = 0
    i = 0
    while i < len(words):
        m = words[i]
        k = m.group().lower()
        if i + 1 < len(words):
            n = words[i + 1]
            k2 = n.group().lower()
            joined = k + k2
            sep = text[m.end():n.start()]
            if (sep in (" ", "-") and len(joined) >= 6
                    and (k not in vocab or k2 not in vocab or joined in GENERIC)
                    and k not in _NO_JOIN and (k2 not in _NO_JOIN or (
                        # a particle's letters ending a word no list writes (Eucli des)
                        k2 in PARTICLES and len(k) >= _PART and joined in vocab))
                    and (joined in vocab or _read_in(joined, vocab, f"{k} {k2}") or (
                        # a business word or legal form, or a word of one, cut in two (LIM
                        # ITED, Limited Lia bility Company)
                        (k not in vocab or k2 not in vocab) and (
                            joined in GENERIC or joined in FORM_WORDS
                            or is_legal_form(joined))))) or (
                    _cut_by_mark(k, k2, sep, single)) or (
                    sep in (" ", "-") and _cut_apart(k, k2, single)):
                out.append(text[pos:m.start()] + m.group() + n.group())
                done.append(f"{m.group()}{sep}{n.group()} as {m.group()}{n.group()}")
                pos = n.end()
                i += 2
                continue
        pieces = _pieces(k, single) if len(k) >= 6 and k not in single else None
        if pieces:
            at = m.start()
            parts = []
            for piece in pieces:
                parts.append(text[at:at + len(piece)])
                at += len(piece)
            out.append(text[pos:m.start()] + " ".join(parts))
            done.append(f"{m.group()} as {' '.join(parts)}")
            pos = m.end()
            i += 1
            continue
        cuts: list[int] = []
        if k not in vocab:
            g = m.group()
            # (where the case changes from small to capital letters: a word begins)
            changes = [c for c in range(1, len(g)) if g[c - 1].islower() and g[c].isupper()]
            # three words or more written together, each with its capital (ThetKhaingWIN,
            # HajiBazMOHAMMAD): cut at every change of case, where each part is a list word
            # or a particle
            bounds = [0, *changes, len(g)]
            parts = [k[a:b] for a, b in pairwise(bounds)]
            if len(parts) >= 3 and all(_list_word(p, vocab) or p in PARTICLES for p in parts):
                spaced = " ".join(g[a:b] for a, b in pairwise(bounds))
                out.append(text[pos:m.start()] + spaced)
                done.append(f"{g} as {spaced}")
                pos = m.end()
                i += 1
                continue
            # two words written together with the capital of the second kept
            # (AbdifatahAbubakar, HoPAK, AlKANI): cut where the case says, into list words
            # or a particle and a list word
            cuts = [c for c in changes if 2 <= c < len(g) - 1
                    and (_list_word(k[:c], vocab) or k[:c] in PARTICLES)
                    and _list_word(k[c:], vocab)]
        if not cuts and len(k) >= _PART + 2 and k not in vocab:
            # (or two words of a legal form, which a list name need not write as words:
            # LIMITED LIABILITYCOMPANY)
            cuts = [c for c in range(_PART, len(k) - 1)
                    if (k[:c] in FORM_WORDS and (k[c:] in FORM_WORDS or k[c:] in GENERIC)) or (
                        k[:c] in vocab and ((len(k) - c >= _PART and k[c:] in vocab)
                                            or k[c:] in GENERIC or (
                        k[c:] in PARTICLES and len(k) - c >= 3 and i + 1 < len(words))))]
            cuts += [len(w) for w in _GLUED_BEFORE if k.startswith(w) and len(k) - len(
                w) >= _PART and k[len(w):] in vocab]
            if org is not False and not cuts:
                # a legal form glued to the name before it (SCHIRINDELGMBH)
                cuts += [c for c in range(_PART, len(k) - (1 if org else 2))
                         if k[:c] in vocab and is_legal_form(k[c:]) and (
                             len(k) - c >= 3 or k[c:] in _GLUED_SHORT_FORMS)]
        if cuts:
            c = max(cuts, key=lambda c: (min(c, len(k) - c), c))
            out.append(text[pos:m.start()] + m.group()[:c] + " " + m.group()[c:])
            done.append(f"{m.group()} as {m.group()[:c]} {m.group()[c:]}")
            pos = m.end()
        i += 1
    if not done:
        return None
    out.append(text[pos:])
    return "".join(out), done


# marks typed inside a word that no name writes there (Qass#em, Ca_mara, Ja*vad): evasion,
# or a slip of the keys; & and / only where the word joined is long (AT&T and A/S stay)
_STRAY_MARKS = frozenset("#*_~^|=@$%!?+<>&/")


# typographic quotes and dashes, read as the plain ones a keyboard types (NFKD reads the
# spaces)
_PLAIN_MARKS = str.maketrans({**dict.fromkeys("“”„‟«»", '"'), **dict.fromkeys("‘’‚‛ʼ", "'"),
                              **dict.fromkeys("‐‑‒–—―", "-")})


def _cut_by_mark(k: str, k2: str, sep: str, single: Container[str]) -> bool:
    """Two pieces of one word (of four letters or more) that the lists write, a business
    word, a legal form or a word of one, cut apart by a stray mark (:data:`_STRAY_MARKS`:
    Qass#em, Ca_mara, LIMI#TED, Liab_ility) or by a full stop with no space after it that
    follows two letters or more (Marat.hon, MI.LITIA, KAZ.STANEX; M.Khan and S.A. are
    initials); as the analyser reads it too (Abdulk.hamidovich: an Abd compound, abdkhamidovich)."""
    joined = k + k2
    return len(joined) >= 4 and (sep in _STRAY_MARKS or (sep == "." and len(k) >= 2)) and (
        joined in single or joined in GENERIC or joined in FORM_WORDS or is_legal_form(joined)
        or _read_in(joined, single))


def _cut_apart(k: str, k2: str, single: Container[str]) -> bool:
    """A word of five letters or more that the lists write, written in two pieces with a
    space or a hyphen between them, where one piece is no list word of its own (Ha roun,
    Ol-eksander, DER AKHSHANDEH) or the word whole is one the lists write far more often
    than either piece (``_APART_RATIO`` times at least, in three names or more: Mo hammad,
    IS MAIL, Ab dallah); never two words the lists write as often apart (Abu Bakr, Ali Reza,
    al Kani, Jean-Pierre)."""
    if not isinstance(single, Mapping) or len(k) + len(k2) < 5:
        return False
    whole = single.get(k + k2, 0)
    if not whole:
        return False
    a, b = single.get(k, 0), single.get(k2, 0)
    # (an article or Abd, which no list counts as a word of its own, is no such piece: the
    # analyser reads AL-KABISI as al Kabisi already)
    return (not a and k not in _NO_JOIN) or (not b and k2 not in _NO_JOIN) or (
        whole >= 3 and _APART_RATIO * max(a, b) <= whole)


def _pieces(k: str, single: Container[str]) -> list[str] | None:
    """A word written as two or three words the lists write on their own (:func:`_piece`:
    THOMASLUBANGA, for LUBANGA, Thomas: the lists hold thomaslubanga only as two adjacent
    words of another record; ARKADYROMANOVICHROTENBERG, BILALBINMARWAN, ALIKHOSHNAMVAND),
    one of five letters or more among them, or, a Chinese or Korean name, each a syllable
    (KIMCHOLNAM, GUIQINSU, PyongCholRI). Fewest words first, then the longest
    shortest one (of ``single`` counts, the words the lists write more often first). A name
    people have is no syllables (Hamilton, Hanson)."""
    n = len(k)
    freq = single if isinstance(single, Mapping) else None
    best: tuple[tuple[int, int, int], list[str]] | None = None
    for a in range(2, n - 1):
        head = k[:a]
        if head not in single and not (head.startswith(_COMPOUND_HEADS)
                                       and _read_in(head, single)) and not (
                len(head) >= 3 and head in PARTICLES):
            continue  # (an Abd or Abu compound as read: ABDULQADERYUSEFDIBRI; an article)
        for b in (n, *range(a + 2, n - 1)):
            parts = [head, k[a:b]] + ([k[b:]] if b < n else [])
            if not (all(_piece(p, i, len(parts), single) for i, p in enumerate(parts))
                    and max(len(p) for p in parts) >= 5) and not (
                    all(p in single and known_syllable(p) for p in parts)
                    and not _known_word(k)):
                continue
            # (of two readings, the words the lists write more often: KIM JONG UN, not
            # KIM JON GUN)
            key = (len(parts), -min(freq.get(p, 0) for p in parts) if freq else 0,
                   -min(len(p) for p in parts))
            if best is None or key < best[0]:
                best = (key, parts)
    return best[1] if best else None


def _piece(p: str, i: int, n: int, single: Container[str]) -> bool:
    """``p``, the ``i``-th of ``n`` words a word is read as (:func:`_pieces`): a list word of
    its own of four letters or more, no legal form, or one the analyser reads as list words
    (ALEKSANDROVITCH as aleksandrovich, ABDIFATAH as its Abd compound, ABUBAKAR as abu
    bakar: :func:`_read_in`); a particle between two (BILAL BIN MARWAN); or, first, a name
    people have of three letters (ALI KHOSHNAMVAND), or an article of three letters or more
    before one word (LOSCUINIS)."""
    if is_legal_form(p):
        return False
    if len(p) >= _PART:
        return p in single or _read_in(p, single)
    if 0 < i < n - 1:
        return len(p) >= 2 and p in PARTICLES
    if i == 0 and n == 2 and len(p) >= 3 and p in PARTICLES:
        return True  # (an article before a name: LOSCUINIS, LOS CUINIS)
    return i == 0 and len(p) == 3 and p in single and _known_word(p)


def _known_word(word: str) -> bool:
    """A word that is a name rigour knows (Hamilton), as one word."""
    tokens = analyze(word, org=False).scoring
    return len(tokens) == 1 and known_name(tokens[0])


def _read_in(word: str, vocab: Container[str], apart: str | None = None) -> bool:
    """Whether the lists write ``word`` as the analyser reads it: Aboubacar (ABOUB ACAR)
    read abu bacar, Abdolghassem (ABDOLGH ASSEM) read as its Abd compound; and, for a word
    written ``apart`` in the query, read otherwise than the words apart are (Abdul Qader is
    read as one already)."""
    if len(word) < 6:
        return False
    read = [t.text for t in analyze(word).scoring]
    if not read or read == [word] or not all(t in vocab for t in read):
        return False
    # (read apart otherwise, and neither word itself a word of the reading: Inayat urRAHMAN
    # read together is Inayat Rahman, which is no joined word)
    return apart is None or (read != [t.text for t in analyze(apart).scoring]
                             and not set(apart.split()) & set(read))


def _list_word(word: str, vocab: AbstractSet[str]) -> bool:
    """Whether the lists write ``word``: as it is, as the analyser reads it, or as a
    business word or legal form."""
    return (word in vocab or word in GENERIC or is_legal_form(word)
            or _read_in(word, vocab))


# the Arabic article as Korean writes it joined to the name (알자와히리, 엘아사드)
_ARTICLE_SYLLABLES = frozenset("알엘")


def _spelling_rank(letters: str, word: str, names: int) -> tuple[float, int, str]:
    """How likely a list word (in ``names`` list names) is the spelling of a foreign name's
    word read letter by letter as ``letters``, best first: the closer, and of as close ones
    the commoner, then the shorter."""
    return (-round(fuzz.ratio(letters, word) / 100 + 0.1 * math.log10(1 + names), 6),
            len(word), word)


@dataclass(frozen=True, slots=True)
class Reading:
    """Another reading of a query name, screened beside it: its text, analysed as an
    organisation's (``org`` True), a person's (False) or either's (None), the evidence a
    match found through it adds (``feature``, ``detail``, ``data``; ``penalty`` taken off
    the score), and ``keep``, which the list name a match found through it matched must
    pass."""

    text: str
    org: bool | None
    feature: str
    detail: str
    data: dict[str, Any]
    penalty: float = 0.0
    keep: Callable[[str], bool] | None = None
    han: str | None = None  # the Chinese characters its words were read from, one a word
    whole: bool = False  # a list name whole (never read as cut off)
    entities: AbstractSet[str] | None = None  # the only entities a match through it may be
    person_only: bool = False  # a reading of a person's name only: no organisation matches it

    def analysed(self) -> NameForm:
        """The reading analysed; a word read from a Chinese character keeps the character
        (a name written in characters says every syllable it has, whichever its reading)."""
        form = analyze(self.text, org=self.org)
        chars = HAN_CHAR.findall(self.han or "")
        names = [t for t in form.scoring if t.role == Role.NAME]
        if not chars or len(chars) != len(names):
            return form
        kept = {id(t): replace(t, han=c) for t, c in zip(names, chars, strict=True)}
        return replace(form, tokens=[kept.get(id(t), t) for t in form.tokens],
                       scoring=[kept.get(id(t), t) for t in form.scoring])

    def evidence(self) -> Evidence:
        """The line a match found through this reading adds to its explanation."""
        return Evidence(self.feature, -self.penalty if self.penalty else 0.0, self.detail,
                        dict(self.data))


def _covered_whole(name: IndexedName, evidence: float) -> bool:
    """The query's index evidence for a list name is ``COVERED_SHARE`` of the name's own
    weight or more: the query leaves nothing of it unmet, or little. (The weight summed here,
    not ``Screener.name_weight``, which is none for a name of one word: of an entity's names,
    one word, ESNICO, is the name a query covers whole.)"""
    return evidence >= COVERED_SHARE * sum(name.weights or ())


def _likeness(text: str, names: Sequence[IndexedName], i: int) -> float:
    """How alike the query's words (``text``) and list name ``i``'s are: rapidfuzz's
    token-sort ratio."""
    return fuzz.token_sort_ratio(text, " ".join(t.text for t in names[i].form.scoring))


def _respaced_kept(spaced: list[str], read: set[str], kind: bool | None, listed: str) -> bool:
    """A list name a respaced reading keeps: one with each respaced word (or pair), or, for
    three words or more, each word of the reading as the analyser reads them."""
    return _words_and_pairs(listed).issuperset(spaced) or (
        len(spaced) >= 3 and bool(read) and {t.text for t in analyze(
            listed, org=kind).scoring}.issuperset(read))


def _keep_ranked(threshold: float, limit: int, top: int, score: float, rank: int) -> bool:
    """A match :meth:`Screener.screen` shows: at or above the threshold within the limit, or
    among the ``top`` best below it."""
    return (score >= threshold and rank < limit) or (top > 0 and rank < limit + top)


@mypyc_attr(native_class=False)  # (see sanctio.native)
class Screener:
    """Screens names against every active list of a registry, with explained scores."""

    def __init__(self, registry: Registry, *, threshold: float = DEFAULT_THRESHOLD,
                 candidates: int = 12) -> None:
        started = time.perf_counter()
        gc_was_enabled = gc.isenabled()
        gc.disable()  # millions of long-lived objects: collecting while building is waste
        try:
            self._build(registry, threshold, candidates)
        finally:
            if gc_was_enabled:
                gc.enable()
        # The index is millions of long-lived objects: leave them out of the cyclic garbage
        # collector's full passes (which otherwise cost a fifth of screening time), and keep
        # forked workers from copying them just to update collector bookkeeping.
        gc.collect()
        gc.freeze()
        self.build_seconds = time.perf_counter() - started

    def _build(self, registry: Registry, threshold: float, candidates: int) -> None:
        import numpy as np  # lazy: +80 ms on every CLI start

        from sanctio.index import NameIndex

        warm_tagger()  # ready when a query brings a word no list has (see symbols_of)

        self.registry = registry
        self.threshold = threshold
        self.candidate_limit = candidates
        self.state_key = registry.state_key()
        versions = registry.active_versions()
        self.list_versions = {lid: v.label for lid, v in versions.items()}
        self.sample = any(v.is_sample for v in versions.values())
        # (the tables a stored screener reads back as read-only types of its own,
        # sanctio.index_store, are annotated as what they are used as: Sequence, Mapping;
        # compiled, sanctio.native, this module checks an attribute's declared type)
        self.lists: Sequence[str] = sorted(
            lid for lid, v in versions.items() if not v.is_sample)
        entities: list[EntityInfo] = []
        by_id: dict[str, int] = {}
        names: list[IndexedName] = []
        self.entities: Sequence[EntityInfo] = entities
        self.by_id: Mapping[str, int] = by_id
        self.names: Sequence[IndexedName] = names
        for entity in registry.entities():
            pos = len(entities)
            entities.append(self._info(entity))
            by_id[entity.id] = pos
            org = _org_flag(entity.schema)
            seen: dict[tuple[str, ...], int] = {}
            # the names as written, and then a person's names as the nicknames they give
            # read them, an organisation's with its kind of body as the acronym the lists
            # also write (SCIENTIFIC AND PRODUCTION ENTERPRISE SALYUT: NPP SALYUT): a
            # reading never takes the place of a name a list writes (JSC NPP Salyut)
            person = entity.schema == Schema.PERSON
            written = [(name, member) for name, member in sorted(
                entity.names, key=lambda nm: _TYPE_RANK[nm[0].type]) if name.full.strip()]
            readings = [(name, member, read_as) for name, member in written
                        for read_as in (nickname_readings(name.full) if person else
                                        body_acronyms_of(name.full))]
            repeated: set[int] = set()  # (the names a list writes twice: no reading again)
            for name, member, read_as in [(n, m, None) for n, m in written] + readings:
                if read_as is not None and id(name) in repeated:
                    continue
                form = analyze(read_as or (family_marked(name) if person else name.full),
                               org=org)
                key = tuple(sorted(t.text for t in form.tokens)) + tuple(sorted(form.legal))
                if not key or key in seen:
                    if read_as is None:
                        repeated.add(id(name))
                        if key:
                            # the same name in another language version or list; written
                            # with the aspirates McCune-Reischauer marks, it says what the
                            # unmarked one kept leaves open (Ch'oe Ch'un-yo'ng, CHOE CHUN YONG)
                            kept = self.names[seen[key]]
                            kept.form = _with_aspirates(kept.form, form)
                    continue
                seen[key] = len(self.names)
                indexed = IndexedName(pos, name, member.version.list_id, form,
                                      read_as=read_as)
                if read_as is not None and not person:
                    indexed.read_how = _BODY_ACRONYM_READ
                names.append(indexed)
        # each list name longer than a SWIFT name line, by the line that field cuts it to,
        # with the entity that has it ("entity id<TAB>name"): a query of that line is read
        # as the whole name (see _readings)
        line_cuts: dict[str, list[str]] = {}
        self.line_cuts: Mapping[str, list[str]] = line_cuts
        for n in self.names:
            if n.read_as is not None:
                continue
            full = n.name.full.strip()
            natural = _natural_order(full) if n.form.person else None
            for text in (full, natural):
                if text is not None and len(text) > SWIFT_LINE:
                    cut = line_cuts.setdefault(line_key(text[:SWIFT_LINE]), [])
                    entry = f"{self.entities[n.entity].entity.id}\t{text}"
                    if entry not in cut:
                        cut.append(entry)
        # each organisation's name in Latin letters by the acronyms it may be written as
        # (text.acronyms), with the entity that has it ("entity id<TAB>name"): a query written
        # as the acronym is read as the name (see _acronym_readings)
        acronyms: dict[str, list[str]] = {}
        self.acronyms: Mapping[str, list[str]] = acronyms
        own: dict[int, set[str]] = {}  # each organisation's acronyms of its own names
        for n in self.names:
            info = self.entities[n.entity]
            if n.read_as is not None or info.entity.schema != Schema.ORGANIZATION or (
                    n.name.type == NameType.WEAK):
                continue
            for acronym in acronyms_of(n.name.full, least=2):
                own.setdefault(n.entity, set()).add(acronym)
                if len(acronym) < MIN_ACRONYM:
                    continue  # (letters of its own name, but no acronym read as the name)
                entry = f"{info.entity.id}\t{n.name.full.strip()}"
                listed = acronyms.setdefault(acronym, [])
                if entry not in listed:
                    listed.append(entry)
        for n in self.names:
            # a name of one word that is the acronym of another name of its organisation
            # (MERI, of MOLECULAR ELECTRONICS RESEARCH INSTITUTE) is letters, not the name
            # people have (Mary) nor a syllable (SSA is no Sha): no name variant, nickname,
            # romanisation or known name of it
            if n.entity in own and len(n.form.scoring) == 1 and (
                    n.form.scoring[0].text in own[n.entity]):
                t = replace(n.form.scoring[0], acronym=True)
                n.form = replace(n.form, tokens=[t if x is n.form.scoring[0] else x
                                                 for x in n.form.tokens], scoring=[t])
        pats: dict[int, set[str]] = {}
        for n in self.names:
            for t in n.form.scoring:
                if is_patronymic(t.text):
                    pats.setdefault(n.entity, set()).add(t.text)
        for pos, words in pats.items():
            self.entities[pos].facts.patronymics = frozenset(words)
        self.links_to, self.linked_from = _links(entities)
        ensure_symbols([t.text for n in self.names for t in n.form.tokens if t.role == Role.NAME]
                       + [t.orig for n in self.names for t in n.form.tokens if t.orig])
        self.index = NameIndex(n.form for n in self.names)
        # (what an Arabic-script query is read against: built with the index, not by the
        # first such query, which would wait seconds for it)
        self.index.build_lazy_tables()
        w = self.index.weights
        for n in self.names:
            n.weights = [w.weight(t) for t in n.form.scoring]
        # the names of entity ``pos`` are names[starts[pos]:starts[pos + 1]] (they are added
        # entity by entity): an array, which a stored screener maps from its file instead of
        # reading every name to find one entity's
        counts = np.bincount(np.fromiter((n.entity for n in self.names), dtype=np.int64,
                                         count=len(self.names)),
                             minlength=len(self.entities))
        self.name_starts: Any = np.concatenate(([0], np.cumsum(counts))).astype(np.int32)
        # each list name's compared words in sorted order, one string (see _near_names): a
        # table the stored screener maps, not each name read to compare it
        self.name_words: Sequence[str] = [" ".join(sorted(t.text for t in n.form.scoring))
                                      for n in self.names]
        # each list name's own weight, what a query with all its words collects (see
        # _covered_names); a name of one word none (a query's one word is no cover of it)
        self.name_weight: Any = np.fromiter(
            (sum(n.weights or ()) if len(n.form.scoring) >= 2 else np.inf
             for n in self.names), dtype=np.float64, count=len(self.names))
        # the entities by each birth date the lists give to the day (see _born_alike)
        born: dict[str, list[int]] = {}
        for pos, info in enumerate(entities):
            for day in sorted({d.value for d in info.facts.birth_dates if day_date(d)}):
                born.setdefault(day, []).append(pos)
        self.born: Mapping[str, list[int]] = born
        # the entities some readings are kept to (see _readings): sets built once here, as
        # compiled (sanctio.native) a cached_property is a property, computed on each use
        self.vessel_ids: AbstractSet[str] = frozenset(
            info.entity.id for info in entities if info.entity.schema == Schema.VESSEL)
        self.cyrillic_area_ids: AbstractSet[str] = frozenset(
            info.entity.id for info in entities if info.facts.countries & CYRILLIC_COUNTRIES)
        self._workers: tuple[int, Any] | None = None

    def entity_names(self, pos: int) -> range:
        """Positions in :attr:`names` of the names of one entity (by its position)."""
        if not 0 <= pos < len(self.entities):
            return range(0)
        return range(int(self.name_starts[pos]), int(self.name_starts[pos + 1]))

    def _entity_tokens(self, pos: int) -> Iterator[Token]:
        """The compared tokens of every name of one entity."""
        for i in self.entity_names(pos):
            yield from self.names[i].form.scoring

    @classmethod
    def from_home(cls, home: Path | str | None = None, **kwargs: Any) -> Screener:
        return cls(Registry(home), **kwargs)

    def _info(self, entity: Entity) -> EntityInfo:
        ids: dict[str, list[tuple[str, str | None]]] = {}
        for ident in entity.identifiers:
            num = norm_id(ident.number)
            if len(num) >= 4:
                ids.setdefault(num, []).append((ident.type, ident.country))
        facts = EntityFacts(
            schema=entity.schema, birth_dates=entity.birth_dates,
            nationalities=frozenset(entity.nationalities),
            countries=frozenset(entity.countries), genders=frozenset(entity.genders),
            identifiers=ids,
        )
        refs = []
        for d, member in entity.designations():
            refs.append(DesignationRef(
                source=d.source, source_id=d.source_id, authority=d.authority,
                program=d.program, listed_on=d.listed_on, list_version=member.version.label,
                reference=d.reference, measures=list(d.measures)))
        lists = frozenset(m.version.list_id for m in entity.members)
        return EntityInfo(entity, facts, refs, lists)

    # ------------------------------------------------------------------------ screening

    def screen(self, query: Query, *, threshold: float | None = None, limit: int = 10,
               top: int = 0) -> ScreenResult:
        """Screen one query. ``matches`` holds those at or above the threshold, best first;
        ``top`` adds the best K below it, flagged ``below_threshold``."""
        threshold = self.threshold if threshold is None else threshold
        scored = self._score(query, entity_filter=None, keep=partial(
            _keep_ranked, threshold, limit, top))
        above = [m for m in scored if m.score >= threshold][:limit]
        below = []
        if top:
            below = [m for m in scored if m.score < threshold][:top]
            for m in below:
                m.below_threshold = True
        return ScreenResult(
            query=query.to_dict(), status="alert" if above else "clear",
            matches=above + below, list_versions=dict(self.list_versions),
            threshold=threshold, ref=query.ref, warnings=list(query.warnings))

    def screen_entities(self, queries: Iterable[Query], entity_ids: set[str], *,
                        threshold: float | None = None) -> Iterator[ScreenResult]:
        """Screen queries only against the given entities (rescreening after a change)."""
        threshold = self.threshold if threshold is None else threshold
        allowed = {self.by_id[e] for e in entity_ids if e in self.by_id}
        for q in queries:
            scored = self._score(q, entity_filter=allowed)
            above = [m for m in scored if m.score >= threshold]
            yield ScreenResult(query=q.to_dict(), status="alert" if above else "clear",
                               matches=above, list_versions=dict(self.list_versions),
                               threshold=threshold, ref=q.ref, warnings=list(q.warnings))

    def screen_many(self, queries: Iterable[Query], *, threshold: float | None = None,
                    limit: int = 10, workers: int = 1) -> Iterator[ScreenResult]:
        """Screen many queries, in input order; ``workers`` > 1 uses a process pool that
        shares this screener's index (forked, copy on write)."""
        if workers <= 1:
            for q in queries:
                yield self.screen(q, threshold=threshold, limit=limit)
            return
        pool = self._pool(workers)
        args = ((q, threshold, limit) for q in queries)
        yield from pool.imap(_worker_screen, args, chunksize=64)

    def _pool(self, workers: int) -> Any:
        """A process pool sharing this screener's index (forked, copy on write), kept for
        the screener's lifetime so that batches do not pay for new processes."""
        global _WORKER_SCREENER
        if self._workers is None or self._workers[0] != workers:
            self.close()
            wait_tagger()  # never fork while the tagger is being loaded by another thread
            _WORKER_SCREENER = self
            ctx = mp.get_context("fork")
            pool = ctx.Pool(workers)
            weakref.finalize(self, pool.terminate)  # also runs at interpreter exit
            self._workers = (workers, pool)
        return self._workers[1]

    def clear_caches(self) -> None:
        """Forget memoised query analyses, token similarities and token hits (benchmarks
        use it so that every run starts cold)."""
        _SIM_CACHE.clear()
        _analyze.cache_clear()
        self.index.clear_cache()

    def close(self) -> None:
        if self._workers is not None:
            self._workers[1].terminate()
            self._workers = None

    def compare(self, name1: str, name2: str, schema: Schema | None = None
                ) -> tuple[float, list[Evidence]]:
        """Score two names with the screener's own name comparison and token weights, the
        first also in each other reading screening gives a query (:meth:`_readings`)."""
        org = _org_flag(schema)
        a, b = analyze(name1, org=org), analyze(name2, org=org)
        cmp = compare_forms(a, b, self.index.weights)
        best = (cmp.score, [Evidence("name", 0.0, cmp.describe(), cmp.to_data())])
        # the other readings of the first name, as screening reads a query (a Chinese name in
        # Cantonese, a right-to-left one reversed, digits as letters ...), each with its cost
        for reading in self._readings(Query(name=name1, schema=schema)):
            if best[0] >= 1.0:
                break
            if (reading.keep is not None and not reading.keep(name2)) or (
                    reading.person_only and schema is not None and schema.value in _NOT_PEOPLE):
                continue
            listed = b if reading.org == org else analyze(name2, org=reading.org)
            other = compare_forms(analyze(reading.text, org=reading.org), listed,
                                  self.index.weights)
            score = max(0.0, other.score - reading.penalty)
            if score > best[0]:
                best = (score, [Evidence("name", 0.0, other.describe(), other.to_data()),
                                reading.evidence()])
        # one written as the acronym of the other (ERPAC, EJERCITO REVOLUCIONARIO POPULAR
        # ANTITERRORISTA DE COLOMBIA), either way round, as screening reads it (see
        # _acronym_readings)
        acronym, full, written = None, "", False
        for short, whole, first in ((name1, name2, True), (name2, name1, False)):
            if org is not False and (acronym := acronym_match(short, whole)) is not None:
                full, written = whole, first
                break
        if acronym is not None and org is None and not (
                written and self._unknown_kind_acronym(acronym)) and not (
                _company_like(name1) or _company_like(name2)):
            acronym = None  # (of unknown kind, as _acronym_readings reads it)
        if acronym is not None and 1.0 - acronym_penalty(acronym, written) > best[0]:
            cut = acronym_penalty(acronym, written)
            best = (1.0 - cut, [
                Evidence("name", 0.0, f"{acronym.upper()} is the acronym of {full}",
                         {"acronym": acronym.upper(), "name": full}),
                Evidence("acronym", -cut, "a name written as the acronym of the other, "
                         "weaker evidence the fewer its letters", {"letters": len(acronym)})])
        return best

    def search(self, text: str, *, limit: int = 20, offset: int = 0,
               schema: Schema | None = None) -> list[Match]:
        """As-you-type lookup: fuzzy matches plus names starting with the last word typed."""
        query = Query(name=text, schema=schema)
        form = analyze(text, org=_org_flag(schema))
        extra: list[str] = []
        words = re.findall(r"\w+", form.latin)
        if words and len(words[-1]) >= 2:
            extra = ["t:" + w for w in self.index.prefix_vocab(words[-1], 30)]
        # one candidate pool for every page (pages never overlap), in a stable order
        pool = max(self.candidate_limit, SEARCH_POOL, offset + limit + 10)
        scored = self._score(query, entity_filter=None, extra_keys=extra, form=form,
                             min_name_score=0.0, candidates=pool)
        prefix = words[-1] if words else ""
        for m in scored:
            if prefix and any(t.startswith(prefix) for t in re.findall(
                    r"\w+", analyze(m.matched_name).latin)):
                m.score = max(m.score, 0.5)
        scored.sort(key=lambda m: (-m.score, m.entity_id))
        return [m for m in scored if m.score >= 0.5][offset:offset + limit]

    def _score(self, query: Query, entity_filter: set[int] | None,
               extra_keys: Iterable[str] = (), form: NameForm | None = None,
               candidates: int | None = None,
               keep: Any = None, min_name_score: float = 0.3, whole: bool = False
               ) -> list[Match]:
        """Score candidates; build full matches (with explanations) only for those that
        ``keep(score, rank)`` selects (all, when not given). Names scoring under
        ``min_name_score`` are dropped (a search as you type keeps them all). A ``whole``
        name (a list name a reading gives) is never read as cut off."""
        if form is None:
            parts = script_parts(query.name)
            readings = self._readings(query)
            if parts or readings:
                return self._score_parts(query, parts, readings, entity_filter, extra_keys,
                                         candidates, keep, min_name_score)
            form = analyze(query.name, org=_org_flag(query.schema))
        if not extra_keys and not whole:
            form = self._cut_off(form, _org_flag(query.schema)) or form
        limit = candidates or self.candidate_limit
        per_name = MAX_NAMES_PER_ENTITY
        if any(t.abjad for t in form.scoring):
            # vowel-less script: many Latin names (and aliases of one entity) share its
            # consonants
            limit *= 3
            per_name += 1
        if entity_filter is not None:
            ids = [i for pos in sorted(entity_filter) for i in self.entity_names(pos)]
            if len(ids) > 200:
                reached = set(self.index.candidates(form, limit=10_000))
                ids = [i for i in ids if i in reached]
        else:
            found, evidence = self.index.candidates_scored(
                form, limit=max(3 * limit, NEAR_POOL), extra_keys=extra_keys)
            weight = self.index.query_weight(form)
            floor = MIN_EVIDENCE * weight
            ids = self._per_entity(form, found[:3 * limit], evidence[:3 * limit], floor,
                                   limit, per_name)
            if not ids and form.script != "Latin":
                # a name in another script whose words the lists write translated or as
                # their own spelling of a borrowed word (Пергам-инжиниринг: PERGAM-ENGINEERING)
                # reaches them with less than the floor: its best names are scored all the
                # same, and the scoring decides
                ids = self._per_entity(form, found, evidence, OTHER_SCRIPT_FLOOR * floor,
                                       OTHER_SCRIPT_NAMES, 1)
            ids += self._near_names(form, found, evidence, ids, NEAR_FLOOR * weight)
            if len(form.scoring) >= 3:
                ids += self._covered_names(found, evidence, ids, COVERED_FLOOR * weight)
        best: dict[int, tuple[float, IndexedName, NameComparison]] = {}
        for i in ids:
            entry = self.names[i]
            prev = best.get(entry.entity)
            if prev is not None and prev[0] >= 0.999:
                continue  # this entity already matched exactly
            s, cmp = self._compared(form, entry)
            if prev is None or s > prev[0]:
                best[entry.entity] = (s, entry, cmp)
        for pos, i in self._other_names(form, best, ids):
            entry = self.names[i]
            s, cmp = self._compared(form, entry)
            if s > best[pos][0]:
                best[pos] = (s, entry, cmp)
        alike = self._born_alike(form, query.dob, entity_filter)
        for pos, (letters, entry) in alike.items():
            prev = best.get(pos)
            if prev is None or (letters < DOB_LETTERS and prev[1] is not entry
                                and prev[0] < DOB_PART_SCORE):
                # (a part of the name: that name's comparison, which says which words)
                s, cmp = self._compared(form, entry)
                if prev is None or s >= prev[0] or (query.dob is not None and dob_part_evidence(
                        cmp, entry.name.full, query.dob, s) is not None):
                    best[pos] = (s, entry, cmp)
        has_facts = bool(query.schema or form.legal or query.dob or query.country
                         or query.gender or query.identifiers)
        ranked = []
        for pos, (s, entry, cmp) in best.items():
            born_alike = alike.get(pos)
            if cmp.score < min_name_score and born_alike is None:
                continue
            # the entity's evidence beside the name, once: it ranks the match and explains it
            facts = self.entities[pos].facts
            beside = [e for e in (patronymic_evidence(cmp, facts), initial_evidence(
                cmp, partial(self._entity_tokens, pos)), syllable_name_evidence(
                query.schema, form, entry.form, facts)) if e is not None]
            if has_facts:
                # (a name of unknown kind with a legal form is a company's; one read as a
                # person's too, A. S. CHEMEZOV, is screened so as well)
                beside += attribute_evidence(
                    query.schema, query.dob, query.country, query.gender, query.identifiers,
                    facts, norm_id, cmp.score, form.legal)
            if born_alike is not None and query.dob is not None:
                dob = dob_letters_evidence(born_alike[0], born_alike[1].name.full,
                                           query.dob, s) if born_alike[0] >= DOB_LETTERS else (
                    dob_part_evidence(cmp, entry.name.full, query.dob, s))
                if dob is not None:
                    beside.append(dob)
            final = max(0.0, min(1.0, s + sum(e.effect for e in beside)))
            ranked.append((final, self.entities[pos].entity.id, pos, s, entry, cmp, beside))
        ranked.sort(key=lambda r: (-r[0], r[1]))
        matches = []
        for rank, (final, _eid, pos, s, entry, cmp, beside) in enumerate(ranked):
            if keep is not None and not keep(final, rank):
                continue
            matches.append(self._match(query, pos, s, entry, cmp, beside))
        return matches

    def _compared(self, form: NameForm, entry: IndexedName) -> tuple[float, NameComparison]:
        """The query's comparison with one indexed name, and its score weighed by the name's
        type (a weak alias, a former name: :func:`sanctio.scoring.typed_name_score`)."""
        cmp = compare_forms(form, entry.form, self.index.weights, entry.weights)
        return typed_name_score(cmp.score, entry.name.type,
                                same_script=form.script == entry.form.script), cmp

    def _other_names(self, form: NameForm,
                     best: Mapping[int, tuple[float, IndexedName, NameComparison]],
                     ids: list[int]) -> list[tuple[int, int]]:
        """Of the entities scored RESCUE_FLOOR or more but under the threshold, each one's
        name not scored yet that is written most like the query, where it is more like it
        (rapidfuzz's ratio of the sorted words, at least RESCUE_LIKE) than the name that
        scored best: (entity, name) pairs. The index reaches an entity by the names that
        share the query's exact words first (MAX_NAMES_PER_ENTITY of them), which need not
        be the name the query is written like: a spelling of another word than those
        (Aiman Zawahri: Ayman al-Zawahiri, beside AL-ZAWAHIRI, Aiman Muhammad Rabi)."""
        near = [pos for pos, (s, _, _) in best.items()
                if RESCUE_FLOOR <= s < self.threshold]
        if not near:
            return []
        words = " ".join(sorted(t.text for t in form.scoring))
        scored = set(ids)
        out: list[tuple[int, int]] = []
        for pos in sorted(near):
            entry = best[pos][1]
            top = fuzz.ratio(words, " ".join(sorted(t.text for t in entry.form.scoring)))
            pick = -1
            for i in self.entity_names(pos):
                if i in scored:
                    continue
                like = fuzz.ratio(words, self.name_words[i])
                if like >= RESCUE_LIKE and like > top:
                    top, pick = like, i
            if pick >= 0:
                out.append((pos, pick))
        return out

    def _born_alike(self, form: NameForm, dob: str | None, entity_filter: set[int] | None
                    ) -> dict[int, tuple[float, IndexedName]]:
        """With a date of birth given to the day: each entity the lists give that birth date
        (to the day) whose name's words are alike the query's letter for letter
        (:func:`sanctio.scoring.letters_alike`, at least ``DOB_LETTERS``), with its most alike
        name: compared whether the index reached it or not (every such person is, as a
        brute-force search over the people born that day would), and raised by
        :func:`sanctio.scoring.dob_letters_evidence` where the name rules refuse the typos."""
        if dob is None or len(dob) != 10 or not form.scoring:
            return {}
        # (the words compared, as the name comparison has them: no title, legal form or
        # punctuation; Dr. RI CHUN HWA is ri chun hwa, RI, Ch'un-hwan ri chun hwan; a list
        # name's, sorted, are name_words: both measures read words in any order)
        words = " ".join(t.text for t in form.scoring)
        out: dict[int, tuple[float, IndexedName]] = {}
        # (or, the query of two words or more, one whose words are all among the name's, a
        # part of it: its letters are then under DOB_LETTERS, and dob_part_evidence decides)
        part = len(form.scoring) >= 2 and dob[5:] != "01-01"
        for pos in self.born.get(dob, ()):
            if entity_filter is not None and pos not in entity_filter:
                continue
            found: tuple[float, int] | None = None
            within: tuple[float, int] | None = None
            for i in self.entity_names(pos):
                listed = self.name_words[i]
                letters = letters_alike(words, listed)
                if letters >= DOB_LETTERS and (found is None or letters > found[0]):
                    found = (letters, i)
                elif part and found is None and (w := words_within(words, listed)) >= (
                        DOB_WORDS) and (within is None or w > within[0]):
                    within = (w, i)
            if found is not None:
                out[pos] = (found[0], self.names[found[1]])
            elif within is not None:
                out[pos] = (0.0, self.names[within[1]])
        return out

    def _cut_off(self, form: NameForm, org: bool | None = None) -> NameForm | None:
        """A Latin name whose last word no list writes but begins list words may be cut
        off, as a field too short cuts it (NATIONAL IRANIAN OIL PRODUCTS DISTR, Hassan
        HIJA): the word is read as written short (it matches the words it begins, as weaker
        evidence, and reaches them in the index), and the list words after it are what the
        field cut, no missing names (ISLAMIC STATE IN IRAQ AND THE LEVAN: ... LEVANT -
        YEMEN, a little weaker than ISIL itself). A name of 30 characters or more may be cut
        anywhere in its last word (Supreme Council of the Cultural Rev); a shorter one after
        four letters, two thirds of the word at least (half, after six); one of 35, a SWIFT
        name line (34 where the 35th was a space), even after a word the lists have (PAO
        Trubnaya Metallurgicheskaya Kom), or after one letter (... SHIPPING L); a word the lists
        write in two names at most may be cut too (Omar HAMMA: HAMMAMI). Not a name of one
        word, or of one beside business words (Bera Ltd is no BERATEX GROUP; two business
        words, ACADEMY OF NATIONAL DEFENSE SCIEN, are a name of business words), but for a
        company's long one (JSC Ruselectro: ``_lone_company_word``); the other
        words must match too (Katherine Hall reaches HALLAK, and scores low). In a company's
        name (``org``), a last word that begins a word of a legal form (LIMIT, CORPO) is
        that form, cut: left out (after five letters in a name of two words, of a word only
        legal forms have: CAPRIKAT LIMIT, not TAMAS Compa, which may be TAMAS Company);
        so too in a name of unknown kind of three words or more, after four letters."""
        text = form.original.rstrip()
        if form.script != "Latin" or not form.scoring or not text[-1:].isalpha():
            return None
        last = form.scoring[-1]
        # (the last word as written is the one compared: no form or mark after it)
        written_last = re.sub(r"[^a-z]", "", text.split()[-1].lower()) == last.text
        if (org is not False and len(last.text) >= (3 if org else 4) and last is form.tokens[-1]
                and (len(form.scoring) >= 3 or (org and len(form.scoring) == 2 and len(
                    last.text) >= 5 and any(w.startswith(last.text) for w in _LEGAL_ONLY)))
                and last.text not in FORM_WORDS
                and written_last and any(w.startswith(last.text) for w in FORM_WORDS)):
            # the beginning of a legal form's word (KANSO FISHING AGENCY LIMIT), last as
            # written (NOVE PARTNERS OOD Ltd has its form): the form, which the comparison
            # sets aside, cut; no word of the name is
            return replace(form, tokens=form.tokens[:-1], scoring=form.scoring[:-1],
                           cut_form=last.text)
        # a name as long as a field is (a SWIFT name line holds 35 characters) may be cut
        # anywhere in its last word; a shorter one after four letters of it at least
        full = len(text) >= FIELD_CHARS
        # (cut even where a list word; 34 characters where the 35th was a space)
        line = on_swift_line(text)
        listed = last.text in self.index.vocab
        # (a company's one name word, long and no list word, last as written: JSC
        # Ruselectro; Rattan LLC has its form after it, and is no RATTANA VICHAI cut)
        lone = _lone_company_word(form, last, org) and not listed and written_last
        if last is not form.tokens[-1] or last.role not in (Role.NAME, Role.GENERIC) or (
                last.short or len(last.text) < (1 if line else 2 if full else 4)
                or (listed and not line
                    and self.index.weights.df.get(last.text, 0) > _CUT_RARE)) or not (any(
                t.role == Role.NAME for t in form.scoring[:-1]) or sum(
                t.role == Role.GENERIC for t in form.scoring[:-1]) >= 2 or lone):
            # (a name of business words only, two or more before the cut: ACADEMY OF
            # NATIONAL DEFENSE SCIEN)
            return None
        anywhere = full and (line or not listed) and not lone
        half = not listed and len(last.text) >= 6 and not lone  # (six letters: ISLAMB)
        within = 0 if anywhere else 2 * len(last.text) if half else 3 * len(last.text) // 2
        if not any(not within or len(w) <= within for w in self.index.words_begun(last.text)):
            # (in a shorter name, or a word the lists write in few names, the word cut is
            # two thirds at least of a list word it begins, or half of it after six letters:
            # Omar HAMMA, HAMMAMI; Mohammad Shawqi ISLAMB, ISLAMBOULI; Natalie Brown is no
            # Natalia BROWNING; BULYUTIN begins only itself glued to the next word,
            # BULYUTINANDREY)
            return None
        cut = replace(last, short=True)
        return replace(form, tokens=[*form.tokens[:-1], cut], scoring=[
            *form.scoring[:-1], cut], cut=True, cut_within=within)

    def _near_names(self, form: NameForm, found: list[int], evidence: list[float],
                    taken: list[int], floor: float) -> list[int]:
        """Names the index evidence left out, written like the query all the same: of the
        ``NEAR_POOL`` reached best, those at ``NEAR_FLOOR`` of the query's weight or more whose
        words are ``NEAR_LIKE`` alike or more (rapidfuzz's token-sort ratio), one of them the
        same, one name of an entity not scored already, at most ``NEAR_NAMES``. A family name
        shared by many list names leaves a given name the keys do not reach under the floor
        (Said Saied: Said Said, among hundreds of Saids; Aboyu SHAUKAN: Abou SHAUKAN), and so
        do a word cut off that the lists have (Majid Khansa: Khansari) and a title glued to a
        name (HAJIMUHAMMAD ASHRAF): the scoring decides on them, as on the others."""
        # (of the entities not scored already: one taken has its best names by evidence)
        n = bisect_right(evidence, -floor, key=lambda e: -e)  # (evidence falls)
        if n <= len(taken):
            return []
        import numpy as np  # (imported already by the index: a lookup)

        owners = (np.searchsorted(self.name_starts, found[:n], side="right") - 1).tolist()
        scored = set(taken)
        have = {owners[k] for k, i in enumerate(found[:n]) if i in scored}
        pool = [k for k in range(n) if owners[k] not in have]
        if not pool:
            return []
        words = sorted(t.text for t in form.scoring)
        own = set(words)
        # (the token-sort ratio: the ratio of the words in sorted order, each list name's
        # sorted once, at build)
        hits = process.extract(" ".join(words), [self.name_words[found[k]] for k in pool],
                               scorer=fuzz.ratio, score_cutoff=NEAR_LIKE, limit=3 * NEAR_NAMES)
        out: list[int] = []
        for _, _, j in hits:
            k = pool[j]
            if owners[k] not in have and not own.isdisjoint(self.name_words[found[k]].split()):
                out.append(found[k])
                have.add(owners[k])  # (one name an entity)
        return out[:NEAR_NAMES]

    def _covered_names(self, found: list[int], evidence: list[float], taken: list[int],
                       floor: float) -> list[int]:
        """Names the index evidence left out whose own words the query reaches all the
        same: of the ``NEAR_POOL`` reached best, those at ``COVERED_FLOOR`` of the query's
        weight or more whose evidence is ``COVERED_SHARE`` of the name's own weight or more,
        not scored already, one name of an entity, at most ``COVERED_NAMES``. A query that
        writes more names than the list does (a father's and a grandfather's name, as
        Arabic names go: Muhammad Ali Khalifa al-Kani for AL-KANI, Mohamed) reaches the list
        name with less than half its own weight: the scoring decides on it, as on the
        others."""
        n = bisect_right(evidence, -floor, key=lambda e: -e)  # (evidence falls)
        if n <= len(taken):
            return []
        import numpy as np  # (imported already by the index: a lookup)

        names = np.asarray(found[:n])
        covered = np.flatnonzero(np.asarray(evidence[:n]) >= COVERED_SHARE * self.name_weight[
            names]).tolist()
        if not covered:
            return []
        # (an entity scored already by other names too: its longest name reached best, the
        # short one the query covers under the floor, AL-KANI, Mohamed Khalifa Abderrahim
        # Shaqaqi and AL-KANI, Mohamed)
        owners = (np.searchsorted(self.name_starts, names, side="right") - 1).tolist()
        scored = set(taken)
        have: set[int] = set()
        out: list[int] = []
        for k in covered:
            if owners[k] not in have and found[k] not in scored:
                out.append(found[k])
                have.add(owners[k])  # (one name an entity)
                if len(out) == COVERED_NAMES:
                    break
        return out

    def _covered_more(self, group: list[tuple[int, float]], per_name: int) -> int | None:
        """Of an entity reached by more names than are scored (``group``: its names and their
        evidence, in the order taken), the best reached of the others that the query covers
        whole (its evidence ``COVERED_SHARE`` of the name's own weight or more), where none
        of those taken is covered so: the EU lists ESNICO with its name in every language of
        the Union, each with Corporation in it (ESNICO - Fornecedor de equipamento à Nuclear
        Industries Corporation...), which ESNICO, Corporation reaches by two words, and
        ESNICO, the name it leaves nothing of unmet, by one. None where there is none."""
        names = self.names
        if any(_covered_whole(names[i], e) for i, e in group[:per_name]):
            return None
        return next((i for i, e in group[per_name:] if _covered_whole(names[i], e)), None)

    def _per_entity(self, form: NameForm, found: list[int], evidence: list[float],
                    floor: float, limit: int, per_name: int) -> list[int]:
        """The names to score in full, in order of index evidence: at most ``limit``, at most
        ``per_name`` of one entity by index evidence, and one more: when more names of an
        entity were reached, the one of the others written most like the query (rapidfuzz's
        token-sort ratio). 曾國衞 (ceng guo wei) reaches TSANG Kwok-wai and TSANG Erick
        Kwok-wai first (the Cantonese reading of the same name), then CENG Guowei; a
        Cyrillic company name reaches the EU's Italian and Polish aliases before the English
        one. A query in Latin letters takes no more (the bulk of the traffic: one name more
        per entity costs 3% of the speed), nor one in a vowel-less script, which takes a
        third name by evidence already; for them the likeness only orders the names the
        keys reach alike. Any query takes one more of an entity whose names taken it covers
        in part only, where another of its names it covers whole (:meth:`_covered_more`)."""
        groups: dict[int, list[tuple[int, float]]] = {}
        taken = 0
        last = 0.0  # the evidence of the last name taken
        tied: list[int] = []  # names past the limit with that evidence still
        for i, e in zip(found, evidence, strict=True):
            if e < floor:
                break
            group = groups.setdefault(self.names[i].entity, [])
            if len(group) < per_name:
                if taken >= limit:
                    if e < last - 1e-9 or len(tied) >= limit:
                        if not group:
                            del groups[self.names[i].entity]
                        break
                    tied.append(i)
                else:
                    taken += 1
                    last = e
            group.append((i, e))
        extra = form.script != "Latin" and form.script not in ABJAD_SCRIPTS
        ids: list[int] = []
        # (no closures in the screener's methods: mypyc compiles this module, sanctio.native)
        like = partial(_likeness, " ".join(t.text for t in form.scoring), self.names)

        if tied:
            # names tied with the last one taken, past the limit: of all the names tied so,
            # the ones written most like the query are taken (of the fourteen sons of Sabawi
            # Ibrahim Hasan al-Tikriti, whom the keys reach alike, IBRAHIM for IBRAHIM
            # ABDULLAH SABAWI IBRAHIM HASAN AL-TIKRITI)
            level = [i for group in groups.values() for i, e in group[:per_name]
                     if abs(e - last) <= 1e-9]
            keep = {i for _, i in sorted((-like(i), i) for i in level)[
                :len(level) - len(tied)]}
            for entity in list(groups):
                group = groups[entity]
                group = [x for x in group[:per_name] if abs(x[1] - last) > 1e-9
                         or x[0] in keep] + group[per_name:]
                if group:
                    groups[entity] = group
                else:
                    del groups[entity]

        for group in groups.values():
            if len(group) <= per_name:
                ids.extend(i for i, _ in group)
                continue
            edge = group[per_name - 1][1]
            if group[per_name][1] >= edge - 1e-9:
                # names tied with the last one taken: the one written most like the query
                # first (MOHAMED, MOHAMED OMAR: of the UN's MOHAMED OMAR HAJI, MOHAMED OMAR
                # MA'ALIN and MOHAMED OMAR MOHAMED, which the keys reach alike)
                # (sorted by likeness alone, stable: in their order of evidence otherwise)
                alike = sorted((-like(x[0]), k) for k, x in enumerate(group)
                               if abs(x[1] - edge) <= 1e-9)
                group = ([x for x in group if x[1] > edge + 1e-9]
                         + [group[k] for _, k in alike]
                         + [x for x in group if x[1] < edge - 1e-9])
            ids.extend(i for i, _ in group[:per_name])
            covered = self._covered_more(group, per_name)
            if covered is not None:
                ids.append(covered)
            if extra:
                ids.append(max((i for i, _ in group[per_name:]), key=like))
        return ids

    def _foreign_words(self, words: list[str], vocab: Callable[[str], list[str]],
                       plain: Callable[[str], str]
                       ) -> list[tuple[str, list[tuple[str, str]]]]:
        """A foreign name written in Hangul or Chinese characters
        (:mod:`sanctio.text.hangul_foreign`, :mod:`sanctio.text.han_foreign`) as the list
        words its ``words`` transcribe (``vocab``: the list words one may spell): the
        likeliest first, the closest to the word read letter by letter (``plain``: 绍伊古
        shaoyigu, Shoigu before Soyko), and of as close ones, the one more list names have
        (Vladimir before Wladimir); a word's two likeliest spellings each (니콜라스: Nicholas,
        Nicolas), four readings at most. The Arabic article Korean writes joined
        (알자와히리) is read apart (al zawahiri). None unless every word reads as one."""
        df = self.index.weights.df
        options: list[list[tuple[str, str]]] = []
        for word in words:
            if not word:
                continue
            spellings = vocab(word)
            head = ""
            if not spellings and len(word) >= 3 and word[0] in _ARTICLE_SYLLABLES:
                spellings, head, word = vocab(word[1:]), "al ", word[1:]
            if not spellings:
                return []
            letters = plain(word)
            ranked = sorted((_spelling_rank(letters, w, df.get(w, 0)), w) for w in spellings)
            options.append([(word, head + w) for _, w in ranked[:2]])
        out: list[tuple[str, list[tuple[str, str]]]] = []
        for combo in islice(product(*options), 4):
            read = list(combo)
            out.append((" ".join(w for _, w in read), read))
        return out

    def _readings(self, query: Query) -> list[Reading]:
        """The other readings of a query name screened beside it: a right-to-left name with
        its words reversed, a little weaker evidence; a Cyrillic, Greek, Arabic or Persian
        organisation name with the words the lists translate in English
        (:mod:`sanctio.text.orgwords`), and word for word with the general vocabulary of
        organisation names where that reads more (a Korean one with its words in English); a
        Cyrillic organisation name as its acronym, of the
        parties of the countries that write Cyrillic, a little weaker evidence; a
        Chinese name in Cantonese, as Hong Kong spells it (:mod:`sanctio.text.cantonese`); a
        name in Ukrainian or Belarusian letters with Russian ones
        (:func:`sanctio.text.normalize.russian_reading`); a Latin name with the letters of the
        Czech, Polish or Baltic transliterations of a Cyrillic one in English digraphs
        (:func:`sanctio.text.normalize.caron_reading`); a 1 inside a word read as the other
        letter it looks like (:func:`sanctio.text.normalize.other_ones_reading`); a Latin name
        with the spaces the lists put elsewhere (:func:`respaced_reading`); the last two a
        little weaker evidence; a SWIFT name line as the whole list name it begins, kept to the
        entities that have that name, weaker evidence still (``line_cut``)."""
        name, org = query.name, _org_flag(query.schema)
        out: list[Reading] = []
        reversed_text = _reversed_reading(name)
        if reversed_text:
            out.append(Reading(
                reversed_text, org, "word_order",
                "read with its words in the reverse order, as text taken out of a PDF file "
                "often gives a right-to-left line", {"read_as": reversed_text},
                penalty=REVERSED_WORDS_PENALTY))
        translated, word_for_word = (
            translated_readings(name, self.index.vocab.__contains__, org)
            if org is not False else (None, None))
        if translated:
            out.append(Reading(
                translated[0], org, "translation",
                "read with words of the name in English, as the lists translate them: "
                + ", ".join(f"{a} = {b}" for a, b in translated[1]),
                {"read_as": translated[0], "words": dict(translated[1])}))
        if word_for_word and word_for_word[0] != (translated[0] if translated else name):
            # (and with every word the general vocabulary of organisation names knows: the
            # lists translate Tsentralnyy Radiochastotnyy Tsentr, but write Bank Otkritie)
            out.append(Reading(
                word_for_word[0], org, "translation",
                "read word for word in English: "
                + ", ".join(f"{a} = {b}" for a, b in word_for_word[1]),
                {"read_as": word_for_word[0], "words": dict(word_for_word[1])}))
        body = body_acronym_reading(name) if org is not False else None
        if body:
            # (NPO Izhmash, Scientific Production Association Izhmash: the lists write
            # either, and one list one only)
            out.append(Reading(
                body[0], True, "translation",
                f"read with {body[1][0]} written as the lists also write it: {body[1][1]}",
                {"read_as": body[0], "words": {body[1][0]: body[1][1]}}))
        if org is True or (org is None and translated):
            for acronym in acronym_readings(name):
                # (only where a list name has the acronym as a word of its own, JSC "MPZ",
                # of a party of a country that writes Cyrillic)
                out.append(Reading(
                    acronym, True, "acronym",
                    f"read as its acronym, as the lists write the organisations of Russia and "
                    f"its neighbours: {acronym.upper()}", {"read_as": acronym.upper()},
                    penalty=ACRONYM_PENALTY, entities=self.cyrillic_area_ids,
                    keep=partial(_has_word, acronym)))
        as_names = name_words_read_as_forms(name, self.index.weights.df) if org is None else []
        if as_names:
            out.append(Reading(
                name, False, "reading",
                "read as a person's name: " + ", ".join(as_names) + (
                    " is a name word" if len(as_names) == 1 else " are name words")
                + " here, not the legal form rigour also reads", {"read_as": name,
                                                                  "name_words": as_names}))
        form_last = short_form_last(name) if org is None else None
        if form_last:
            out.append(Reading(
                name, True, "reading", f"read as an organisation's name, its last word a "
                f"legal form: {form_last}", {"read_as": name, "legal_form": form_last}))
        numbers = number_words_of(name) if org is None else []
        if numbers:
            out.append(Reading(
                name, True, "reading", "read as an organisation's name, with its number "
                "words as numbers: " + ", ".join(numbers), {"read_as": name,
                                                            "number_words": numbers}))
        # (a Chinese name's title is no character of it: 李家超行政长官 is 李家超)
        han_name = chinese_titles_off(name) if org is not True else name
        cantonese = cantonese_reading(han_name) if org is not True else None
        if cantonese and may_be_listed(cantonese, self.index.weights.df):
            spoken = cantonese
            # (a Chinese name read in Cantonese is a person's: Ngo is no NGO)
            out.append(Reading(
                cantonese, False, "reading",
                f"read in Cantonese, as Hong Kong spells names: {cantonese}",
                {"read_as": cantonese, "language": "yue"},
                keep=partial(spelled_in_cantonese, spoken), han=name, person_only=True))
        korean = korean_reading(han_name) if org is not True else None
        if korean:
            # (金正恩 is Kim Jong Un: a Korean name in its Chinese characters; kept only for
            # a list name spelled as Korean, never a pinyin one)
            out.append(Reading(
                korean, False, "reading",
                f"read in Korean, as a Korean name written in Chinese characters: {korean}",
                {"read_as": korean, "language": "ko"}, keep=partial(spelled_in_korean, korean),
                person_only=True))
        for japanese, family, given in (
                japanese_readings(han_name, self.index.vocab.__contains__,
                                  self.index.weights.df) if org is not True else []):
            # (篠田建市 is SHINODA Kenichi: a Japanese name in kanji, in the readings Japanese
            # names take; kept only for a list name spelled as Japanese)
            family_word, given_word = japanese.split()
            out.append(Reading(
                japanese, False, "reading",
                f"read as a Japanese name in kanji: {family} = {family_word}, "
                f"{given} = {given_word}",
                {"read_as": japanese, "language": "ja",
                 "words": {family: family_word, given: given_word}},
                penalty=JAPANESE_READING_PENALTY, keep=spelled_in_japanese, person_only=True))
        for script, language, words, vocab, plain in (
                ("Hangul", "ko", hangul_words(name) if looks_foreign(name) else [],
                 self.index.hangul_foreign_vocab,
                 hangul_plain_reading),
                ("Chinese characters", "zh", han_foreign.words_of(name)
                 if han_foreign.looks_foreign(name) else [], self.index.han_foreign_vocab,
                 han_foreign.plain_reading)):
            for foreign in self._foreign_words(words, vocab, plain) if words else []:
                out.append(Reading(
                    foreign[0], org, "reading",
                    f"read as a foreign name written in {script}, sound by sound: "
                    + ", ".join(f"{a} = {b}" for a, b in foreign[1]),
                    {"read_as": foreign[0], "language": language, "words": dict(foreign[1])},
                    penalty=FOREIGN_SOUNDS_PENALTY))
        chinese = palladius_reading(name) if org is not True else None
        if chinese:
            # (a Chinese name in Russian letters: Чэнь Цюаньго, Chen Quanguo)
            out.append(Reading(
                chinese, False, "reading",
                f"read as a Chinese name Russian writes in the Palladius system: {chinese}",
                {"read_as": chinese, "language": "zh"}, penalty=RUSSIAN_SYLLABLES_PENALTY,
                person_only=True))
        for korean_name, syllables in (kontsevich_readings(name, self.index.weights.df)
                                       if org is not True else []):
            # (a Korean name in Russian letters: Ким Чен Ын, Kim Jong Un; Чхве Рён Хэ)
            out.append(Reading(
                korean_name, False, "reading",
                "read as a Korean name Russian writes syllable by syllable (Kontsevich, or "
                "the press's older spellings): " + ", ".join(
                    f"{a} = {b}" for a, b in syllables.items()),
                {"read_as": korean_name, "language": "ko", "syllables": syllables},
                penalty=RUSSIAN_SYLLABLES_PENALTY, person_only=True))
        apart = particle_apart(name, self.index.katakana_vocab) if org is not True else None
        if apart:
            # (オサマ・ビンラディン: Japanese writes the particle glued to the family name)
            out.append(Reading(
                apart, False, "reading", "read with the particle bin (ibn) Japanese writes "
                f"glued to the family name apart: {apart}", {"read_as": apart, "language": "ja"},
                penalty=RESPACED_PENALTY, person_only=True))
        hindi = devanagari_nukta_reading(name, self.index.vocab.__contains__,
                                         self.index.weights.df) if org is not True else None
        if hindi:
            # (हाफिज सईद is Hafiz Saeed: Hindi writes the Urdu f and z without their dot)
            out.append(Reading(
                hindi[0], org, "reading",
                "read with the Urdu sounds of the letters Hindi writes without their dot "
                "(nukta: फ f, ज z, क q, ख kh, ग gh): " + ", ".join(
                    f"{a} = {b}" for a, b in hindi[1]),
                {"read_as": hindi[0], "language": "hi", "words": dict(hindi[1])},
                penalty=NUKTA_PENALTY))
        caron = caron_reading(name)
        if caron:
            out.append(Reading(
                caron, org, "reading",
                "read with the English transliteration's letters for those of another "
                f"language's (š sh, č ch, ž zh; ch kh): {caron}", {"read_as": caron}))
        # a Latin name as another language writes its letters, read with the English
        # transliteration's: each reading says which letters it read (a person's name, but
        # the chat alphabet's digits)
        person = org is not True
        for written, language, letters in (
                (turkish_reading(name) if person else None, "tr",
                 "the English transliteration's letters and vowels for those Turkish writes a "
                 "name of Arabic origin with (ş sh, c j, v w, e a)"),
                (j_as_kh_reading(name, self.index.weights.df) if person else None, "es",
                 "the kh the lists write for a j, as Spanish writes the names of Russians and "
                 "Arabs (Mijaíl, Jamenei)"),
                (arabizi_reading(name), "ar-Latn",
                 "the letters the Arabic chat alphabet writes as digits (7 h, 5 kh, 3 the "
                 "ayn, 2 the hamza, 6 t, 9 s, 8 gh)"),
                (hungarian_reading(name) if person else None, "hu",
                 "the English transliteration's letters for those Hungarian writes a Russian's "
                 "name with (sz s, s sh, zs zh, cs ch, gy d, ty t, ny n)"),
                (german_reading(name) if person else None, "de",
                 "the English transliteration's letters for those German writes a name of "
                 "Arabic origin with (dsch j, sch sh, ch kh, j y)")):
            if written:
                out.append(Reading(written, org, "reading", f"read with {letters}: {written}",
                                   {"read_as": written, "language": language}))
        greek = greek_foreign_reading(name)
        if greek:
            out.append(Reading(
                greek, org, "reading",
                "read as Greek writes the names of other languages (μπ b, ντ d, γκ g, τζ j, "
                f"χ h, ου u or w): {greek}", {"read_as": greek, "language": "el"}))
        office = arabic_office_phrase(name) if org is not True else None
        if office:
            # (الرئيس السوري بشار الأسد: an office and what completes it, before the name)
            out.append(Reading(
                office[0], False, "reading",
                f"read without what it says of the person before the name: {office[1]}",
                {"read_as": office[0], "set_aside": office[1]}, person_only=True))
        russian = russian_reading(name)
        if russian:
            out.append(Reading(
                russian, org, "reading",
                "read with Russian letters for the Ukrainian or Belarusian ones, as the lists "
                f"spell the names of Russians: {russian}", {"read_as": russian,
                                                             "language": "ru"}))
        for part, how in name_parts(name) if not script_parts(name) else []:
            # (Mohamed al-Kani a.k.a. Kani; Mohamed al-Kani (deceased); ACME LTD T/A Rosneft
            # Trading: each name the text gives is screened as it is, not as words of one)
            out.append(Reading(part, org, "reading", f"read as {how}: {part}",
                               {"read_as": part, "part": how}))
        ship = (vessel_prefix_split(name, query.schema == Schema.VESSEL)
                if query.schema in (Schema.VESSEL, Schema.UNKNOWN, None) else None)
        if ship is None and "/" in name and query.schema in (Schema.UNKNOWN, None):
            # (M/S, M/Y: a ship's prefix with the slash, whatever the kind)
            ship = vessel_prefix_split(name, True)
            ship = ship if ship and "/" in ship[0] else None
        if ship and (query.schema == Schema.VESSEL or len(ship[1].split()) >= 2
                     or "/" in ship[0]):
            # (a name of unknown kind so read meets the listed vessels only: MT may be the
            # initials of a person, The the first word of a company's name; M/V, M/T, with
            # the slash, a ship's prefix only, before a name of one word too: M/V LENA)
            out.append(Reading(
                ship[1], True, "reading",
                f"read without {ship[0]}, the prefix that says what kind of ship it is "
                "(motor vessel, motor tanker, steamship)", {"read_as": ship[1],
                                                            "prefix": ship[0]},
                entities=None if query.schema == Schema.VESSEL else self.vessel_ids))
        ones = other_ones_reading(name)
        if ones:
            out.append(Reading(
                ones, org, "reading", f"read with 1 as the other letter it looks like: {ones}",
                {"read_as": ones}, penalty=OTHER_ONES_PENALTY))
        digits = digit_words_reading(name, self.index.vocab)
        if digits:
            out.append(Reading(
                digits[0], org, "reading", "read with its digits as the letters they look "
                "like: " + "; ".join(digits[1]), {"read_as": digits[0], "changes": digits[1]},
                penalty=OTHER_ONES_PENALTY))
        cut_from: dict[str, set[str]] = {}
        for entry in self.line_cuts.get(line_key(name), []) if on_swift_line(name) else []:
            eid, _, full = entry.partition("\t")
            cut_from.setdefault(full, set()).add(eid)
        if len(cut_from) <= LINE_CUT_NAMES:
            # (more names that begin so: the line says too little of which, Obshchestvo S
            # Ogranichennoi Otvetst, the words of a legal form)
            for full, eids in cut_from.items():
                # (the entities that have the name: no other that the whole name reaches)
                out.append(Reading(
                    full, org, "line_cut", "read as the whole of the list name whose first "
                    f"{SWIFT_LINE} characters it is, as a SWIFT name line cuts a longer name: "
                    f"{full}", {"read_as": full}, penalty=LINE_CUT_PENALTY,
                    entities=frozenset(eids), whole=True))
        out += self._acronym_readings(name, org)
        joined = letters_joined_reading(name)
        if joined:
            # (a name spelled out letter by letter; joined into one word, it is read with
            # the spaces the lists write too: MOHAMEDALKANI)
            out.append(Reading(
                joined, org, "spacing", f"read with the letters it spells out one by one "
                f"joined: {joined}", {"read_as": joined, "changes": ["letters joined"]},
                penalty=RESPACED_PENALTY))
            name = joined
        respaced = respaced_reading(name, self.index.vocab, org, self.index.weights.df)
        if respaced and joined:
            respaced = (respaced[0], ["the letters spelled out one by one joined",
                                      *respaced[1]])
        if respaced:
            # (the words it puts the spaces around are the list name's own: MARCHAND read as
            # MARC HAND is no HAND OF MERCY; a legal form split off may be left out)
            before = _latin_words(name)
            spaced = [w for w in dict.fromkeys(tokenize_ascii(to_latin(respaced[0])))
                      if w not in before and not is_legal_form(w)]
            # (a name of unknown kind that the spaces give a short word rigour reads as a
            # legal form, a list name's word too, is read as a person's: KIMSEGON, KIM SE
            # GON; PRIVATE MILITARY COMPANY REDUT stays a company's)
            lost = name_words_read_as_forms(respaced[0], self.index.weights.df) if (
                org is None) else []
            kind = False if lost and all(len(w) <= 3 for w in lost) else org
            # (three words or more may be the list name's as the analyser reads them, in
            # their order: SEYEDJABERSAFDARI is Syed Jaber Safdari too, the title set aside
            # and no spelling of it asked for)
            read = {t.text for t in analyze(" ".join(spaced), org=kind).scoring}
            out.append(Reading(
                respaced[0], kind, "spacing",
                "read with the spaces the lists write: " + "; ".join(respaced[1]),
                {"read_as": respaced[0], "changes": respaced[1]}, penalty=RESPACED_PENALTY,
                keep=partial(_respaced_kept, spaced, read, kind)))
        return out

    def _unknown_kind_acronym(self, written: str | None) -> bool:
        """A query of unknown kind written as ``written`` (:func:`as_acronym`) is read as an
        acronym without a legal form or a business word beside it: of five letters or more
        (:data:`UNKNOWN_KIND_ACRONYM`), or of four that are no word of any list name (DBBC;
        KHAN or SAID in capitals is a person's name as often)."""
        return written is not None and (len(written) >= UNKNOWN_KIND_ACRONYM or (
            written not in self.index.vocab))

    def _acronym_readings(self, name: str, org: bool | None) -> list[Reading]:
        """An organisation's name read as its acronym, where a list name is that acronym
        alone (National Iranian Tanker Company: NITC); a name written as an acronym read as
        the names of the organisations (three at most) that it is the acronym of (ERPAC:
        EJERCITO REVOLUCIONARIO POPULAR ANTITERRORISTA DE COLOMBIA). Each weaker evidence
        than the name, the more the fewer its letters, a query written as the acronym more
        (:func:`sanctio.text.acronyms.penalty`).
        A name of unknown kind is read so only with a legal form or a business word (a
        person's name is no acronym), or written as an acronym of five letters or more, or of
        four that are no word of a list name (:meth:`_unknown_kind_acronym`: a family name in
        capitals, KHAN, is a person's)."""
        if org is False:
            return []
        written = as_acronym(name)
        # (the words' acronyms a list writes, before the analysis a name of unknown kind asks)
        spelled = [] if written is not None else [
            acronym for acronym in acronyms_of(name) if acronym in self.index.vocab]
        if written is None and not spelled:
            return []
        if org is None and not self._unknown_kind_acronym(written) and (
                not _company_like(name)):
            return []
        out: list[Reading] = []
        if written is not None:
            full_names: dict[str, set[str]] = {}
            for entry in self.acronyms.get(written, []):
                eid, _, full = entry.partition("\t")
                full_names.setdefault(full, set()).add(eid)
            if _organisations(full_names) <= ACRONYM_ENTITIES:
                for full, eids in full_names.items():
                    out.append(Reading(
                        full, True, "acronym",
                        f"read as the name it is the acronym of: {written.upper()} for {full}",
                        {"read_as": full, "acronym": written.upper()},
                        penalty=acronym_penalty(written, True), entities=frozenset(eids),
                        whole=True, keep=full.__eq__))
            return out
        for acronym in spelled:
            out.append(Reading(
                acronym.upper(), True, "acronym",
                f"read as its acronym, where a list name is that acronym: {acronym.upper()}",
                {"read_as": acronym.upper()}, penalty=acronym_penalty(acronym, False),
                keep=partial(_written_as, acronym)))
        return out

    def _score_parts(self, query: Query, parts: list[str], readings: list[Reading],
                     entity_filter: set[int] | None, extra_keys: Iterable[str],
                     candidates: int | None, keep: Any, min_name_score: float
                     ) -> list[Match]:
        """A name given in two scripts (Abou Mouhadjir (ابو مهاجر)): the whole and each part
        screened, and each other reading of it (:meth:`_readings`); each entity with its
        best match, whose explanation names the part or the reading."""
        best: dict[str, Match] = {}
        org = _org_flag(query.schema)
        texts: list[tuple[str, Reading | None]] = [(query.name, None), *(
            (part, None) for part in parts), *((r.text, r) for r in readings)]
        for text, reading in texts:
            q = replace(query, name=text)
            form = analyze(text, org=org) if reading is None else reading.analysed()
            only = entity_filter
            if reading is not None and reading.entities is not None:
                # (a reading of some entities' name scores those entities only, every name)
                mine = {self.by_id[e] for e in reading.entities if e in self.by_id}
                only = mine if entity_filter is None else entity_filter & mine
            for m in self._score(q, only, extra_keys, form, candidates, None,
                                 min_name_score, reading is not None and reading.whole):
                if reading is not None:
                    if reading.keep is not None and not reading.keep(m.matched_name):
                        continue
                    if reading.person_only and m.schema in _NOT_PEOPLE:
                        continue
                    line = reading.evidence()
                    m.score = max(0.0, m.score + line.effect)
                    m.explanation.append(line)
                if m.entity_id not in best or m.score > best[m.entity_id].score:
                    best[m.entity_id] = m
        ranked = sorted(best.values(), key=lambda m: (-m.score, m.entity_id))
        return [m for rank, m in enumerate(ranked) if keep is None or keep(m.score, rank)]

    def _match(self, query: Query, pos: int, name_score: float, entry: IndexedName,
               cmp: NameComparison, beside: list[Evidence]) -> Match:
        """The match of one entity, explained: the name comparison, the name's type, and the
        entity's evidence ``beside`` the name (as :meth:`_score` ranked it)."""
        info = self.entities[pos]
        name = entry.name
        kind = {NameType.PRIMARY: "primary name", NameType.ALIAS: "alias",
                NameType.WEAK: "weak alias", NameType.FORMER: "former name",
                NameType.ORIGINAL: "original-script name"}[name.type]
        read = f", read as '{entry.read_as}' ({entry.read_how})" if entry.read_as else ""
        expl = [Evidence(
            "name", 0.0,
            f"'{query.name}' matched the {kind} '{name.full}' ({entry.list_id}){read} with "
            f"name score {cmp.score:.2f}: {cmp.describe()}",
            {**cmp.to_data(), "matched_name": name.full, "name_type": name.type.value,
             "list": entry.list_id})]
        factor = NAME_TYPE_FACTOR[name.type]
        if factor < 1.0:
            why = ("a weak alias (low-quality a.k.a.) is weaker evidence, and in the query's "
                   "script evidence only written nearly as the list writes it"
                   if name.type == NameType.WEAK
                   else "a former name is slightly weaker evidence")
            expl.append(Evidence("name_type", name_score - cmp.score, why,
                                 {"name_type": name.type.value}))
        expl.extend(beside)
        score = name_score + sum(e.effect for e in expl if e.feature != "name_type")
        score = max(0.0, min(1.0, score))
        not_listed = [lid for lid in self.lists if lid not in info.lists]
        return Match(
            entity_id=info.entity.id, schema=info.entity.schema.value, score=score,
            name=info.entity.caption, matched_name=name.full, name_type=name.type.value,
            designations=info.designations, explanation=expl, not_listed_by=not_listed)

    # --------------------------------------------------------------------------- lookup

    def entity_dict(self, entity_id: str) -> dict[str, Any] | None:
        # the entity as this index holds it, so that a lookup (by entity id or by a member
        # record key, us-ofac:29119) agrees with the screening results of the same index
        # even while a newer list version is being loaded
        ref = entity_id.strip()
        pos = self.by_id.get(ref)
        if pos is None:
            pos = next((i for i, info in enumerate(self.entities)
                        if any(m.key == ref or m.designation_key == ref
                               for m in info.entity.members)), None)
        entity = self.entities[pos].entity if pos is not None else self.registry.entity(ref)
        if entity is None:
            return None
        return self.entity_view(entity)

    def entity_view(self, entity: Entity) -> dict[str, Any]:
        """:func:`~sanctio.entity_view.entity_to_dict` with the relations resolved to entities of
        this index, both ways."""
        out = entity_to_dict(entity, self.lists)
        targets = getattr(self, "links_to", {}).get(entity.id, {})
        for rel in out["relations"]:
            rel["target_entity_id"] = targets.get(f"{rel['list']}:{rel['target_id']}")
        out["linked_from"] = getattr(self, "linked_from", {}).get(entity.id, [])
        return out


def _links(entities: list[EntityInfo]
           ) -> tuple[dict[str, dict[str, str]], dict[str, list[dict[str, str]]]]:
    """Relations between the indexed entities, both ways: per entity id, the entity each of
    its records' relations points at (by ``list:source_id``); and per entity id, the entities
    whose records point at it (the Kaniyat militia is linked from Mohamed al-Kani)."""
    by_key: dict[str, tuple[str, str]] = {}
    for info in entities:
        for m in info.entity.members:
            by_key[m.key] = (info.entity.id, info.entity.caption)
    links_to: dict[str, dict[str, str]] = {}
    linked_from: dict[str, list[dict[str, str]]] = {}
    for info in entities:
        for m in info.entity.members:
            for rel in m.record.relations:
                if not rel.target_id:
                    continue
                key = f"{m.version.list_id}:{rel.target_id}"
                target = by_key.get(key)
                if target is None or target[0] == info.entity.id:
                    continue
                links_to.setdefault(info.entity.id, {})[key] = target[0]
                linked_from.setdefault(target[0], []).append({
                    "type": rel.type.value, "entity_id": info.entity.id,
                    "caption": info.entity.caption, "list": m.version.list_id})
    return links_to, linked_from


_WORKER_SCREENER: Screener | None = None


def _worker_screen(args: tuple[Query, float | None, int]) -> ScreenResult:
    q, threshold, limit = args
    assert _WORKER_SCREENER is not None
    return _WORKER_SCREENER.screen(q, threshold=threshold, limit=limit)
