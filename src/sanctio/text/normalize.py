"""Name normalisation: one function turns any written name into comparable tokens.

Steps, applied alike to list names (once, at index time) and to queries:

1. Unicode NFKC; homoglyphs (a Cyrillic ``а`` or Greek ``ο`` inside Latin text, ``0`` for ``O``
   inside a word) folded to their Latin look-alikes.
2. Scripts made to meet: rigour's transliteration (ICU4X) for Cyrillic, Greek and Latin with
   diacritics; ICU ``Any-Latin`` for the scripts rigour leaves alone (Arabic, Hebrew, Han, Thai,
   Hangul, Kana...). Han text gets its Mandarin pinyin; Hangul its Revised Romanisation.
3. Tokens with a role: honorifics and titles (Sheikh, Haji, Dr, General), particles (al, el,
   bin, ibn, abu, van, de), legal forms (rigour's org-type tables: LLC = OOO = ООО = GmbH),
   numbers (9th = ninth = 9), and name tokens. Arabic articles are split off consistently so
   that ``al-Kani``, ``Al Kani`` and ``Alkani`` meet, and ``Abd`` compounds are split
   (``Abdurrahim`` = ``Abd al-Rahim`` = ``Abdul Rahim``).
4. Each name token gets a consonant skeleton (vowels and ``h`` of digraphs dropped, doubled
   letters collapsed), the form on which Arabic-script and Latin transliterations meet, and
   rigour's name symbols (Wikidata ids shared by Mohamed / Muhammad / Mohammed).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, fields, replace
from enum import IntEnum
from functools import lru_cache, partial
from itertools import pairwise
from typing import Any

from rapidfuzz.distance import OSA

from sanctio.text.burmese import MYANMAR_ANY, burmese_latin
from sanctio.text.cantonese import HAN_CHAR
from sanctio.text.orgshort import full_word
from sanctio.text.shipped import ShippedWords

# rigour's name symbols of a word (kept here too: sanctio.text.normalize exported them first)
from sanctio.text.symbols import _EMPTY as _EMPTY
from sanctio.text.symbols import _SYMBOLS as _SYMBOLS
from sanctio.text.symbols import ensure_symbols as ensure_symbols
from sanctio.text.symbols import symbols_of as symbols_of
from sanctio.text.symbols import wait_tagger as wait_tagger
from sanctio.text.symbols import warm_tagger as warm_tagger

# --------------------------------------------------------------------------- roles


class Role(IntEnum):
    NAME = 0
    PARTICLE = 1  # al, bin, van, de ...
    TITLE = 2  # sheikh, dr, general, mr ...
    LEGAL = 3  # llc, gmbh, ltd ...
    NUMBER = 4  # 9, ninth, 9th
    GENERIC = 5  # generic organisation words: militia, group, company, bank ...


_TITLE_WORDS = frozenset("""
mr mrs ms miss mx dr doctor prof professor sir dame lord lady sheikh shaikh sheik shaykh cheikh
haji hajji hadji hajj al-haj alhaj mullah mulla mollah maulana mawlana maulvi molvi mufti imam
sayyid sayed seyed syed sayid seyyed sayyed seyyid seyd hafiz qari general gen col colonel lt
lieutenant maj major capt
captain cmdr commander brig brigadier admiral adm sgt sergeant marshal field emir amir prince
princess king queen president minister excellency his her honourable honorable hon rev reverend
father bishop ayatollah ayatolah ayatullah hojatoleslam hodjatoleslam hojjatoleslam
hojatolislam hojjatolislam hujjatulislam hujjat mohtaram engineer eng ing maulavi mawlawi mawlavi
moulvi moulavi maulawi qari mufti alhaj alhaji alhajj elhaj hadj ustad ustadh ustaz ustadz
polkovnik podpolkovnik kapitan leytenant serzhant praporshchik polkovnyk pidpolkovnyk heneral
stratigos ipostratigos antistratigos sindagmatarchis antisindagmatarchis tagmatarchis lochagos
ipolochagos anthipolochagos taxiarchos naftarchos
khwaja khawaja shaheed mawlana moulana allama hazrat sardar
sarlashkar sartip sarhang sepahbod daryadar amir-e
senior daw thakin
""".split())
# offices, callings and the forms of address of other languages, titles as written only:
# one letter off them is a name more often than a typo (Sarin, not Sayın; Dutt, not Dott.;
# Bayat): read as titles, never as a title's typo (scoring._title_typo)
TITLES_AS_WRITTEN = frozenset("""
vice chairman governor senator ambassador deputy comrade oligarch businessman businesswoman
tycoon warlord ministr deputat gospodin gospozha gubernator prezident oligarkh biznesmen posol
herr frau monsieur madame mademoiselle senor senora senorita signor signora dott dottore
presidente ministro heer mevrouw
plukovnik podplukovnik pulkvedis generalis generalmajor generalporucik generalleutnant
generaloberst viceadmiral kontradmiral oberst oberstleutnant pulkownik podpulkownik colonnello
sejk schejk sejh szejk sajjid
""".split())
# (not their short forms of two or three consonants, Sr, Sra, Mme, Dhr: initials as often,
# SR ALI)
# (the ranks and the sheikh of the EU's names in the languages of the Union: plukovník and
# pulkvedis Mutebutsi, Colonel Mutebutsi; generálmajor Mupenzi; šejk, Schejk, Sajjíd; not
# comandante nor coronel, a nickname's word and a family name on the lists: COMANDANTE PABLO,
# CORONEL)
TITLES = _TITLE_WORDS | TITLES_AS_WRITTEN

_LONG_TITLES = tuple(sorted(t for t in TITLES if len(t) >= 7 and t not in TITLES_AS_WRITTEN))


@lru_cache(maxsize=20_000)
def _title_typo(word: str) -> bool:
    """A word of seven letters or more one typo from a title as long (Excelelncy, Honourabel,
    Ayatolah), and no name of its own: a title, where titles go (first, or after others)."""
    return len(word) >= 7 and word not in TITLES and word.isalpha() and any(
        t[0] == word[0] and abs(len(t) - len(word)) <= 1 and OSA.distance(
            word, t, score_cutoff=1) <= 1 for t in _LONG_TITLES) and not symbols_of(word)


# titles and honorifics in Arabic script (folded as arabic_prepare writes them, below), with
# or without the article (الشيخ, اللواء): religious, academic, military ranks of the Arab
# armies (لواء major general, عميد brigadier, عقيد colonel) and of Iran's (سرلشکر, سرتیپ,
# سرهنگ), forms of address (آقای, جناب, سماحة)
_ARABIC_TITLE_WORDS = """
سيد شيخ حاج حاجي ملا مولوي مولانا مولوى قاري مفتي امام دكتور دكتر د استاد حافظ اية حجت امير
لواء عميد عقيد فريق مشير ملازم سماحة فضيلة مهندس سردار سرلشکر سرتیپ سرهنگ سپهبد دریادار
امیر آقای جناب خانم الرئيس رئيس استاذ
"""
# of which also given or family names: titles only when they open the name (Sardar Mohammad,
# Amid, Mohandes, Khanum, Rais)
_ARABIC_NAME_TITLE_WORDS = "حافظ امام امير عميد سردار مهندس خانم رئيس امیر"

# titles that are also given names
NAME_TITLES = frozenset("""
amir emir sayed sayyid syed seyed sayid seyyed sajjid hafiz imam mirza khwaja khawaja shaheed
shahid ustad malik king prince sardar
""".split())

# of which more often a title than a given name where they open a name (Imam, Sayyid; not
# Amir Abbas, Malik Riaz)
_MOSTLY_TITLES = NAME_TITLES - {"amir", "emir", "malik", "mirza", "king", "prince", "shahid",
                                 "sardar"}

# of which those a word of a vowel-less script is read as (ال, بن, ابن, ولد; דא in دعاء, Du'a,
# is a name)
_ABJAD_PARTICLES = frozenset("al bin ibn bint ould".split())
# particles that are family or given names too (Das, Le, Van, Du, Ben, Del)
_NAME_PARTICLES = frozenset("das le la van du da di de del des ben an".split())
PARTICLES = frozenset("""
al el ul ad ar as ash at az an ab bin ibn ben bint bent binti ould wuld ait van von der den de
del della da di du des le la los las dos das y e und and of the
""".split())

# the Turkic "son of" and "daughter of" after the father's name, as Azerbaijani, Uzbek and
# Tatar names write their patronymic (Faik Sameddin ogly MAMEDOV, Әлинә Марат кызы Кабаева):
# Russian records write the same as -ovich, -ovna (Alina Maratovna KABAEVA)
_TURKIC_SON = frozenset({"ogly", "oglu", "ogli", "ugli", "oghli", "oghlu"})
_TURKIC_DAUGHTER = frozenset({"kyzy", "kizi", "qizi", "gizi", "kyzi", "qyzy", "kizy", "gyzy"})
_TURKIC_OF = _TURKIC_SON | _TURKIC_DAUGHTER


def _named_after(raw_tokens: list[str], dotted: frozenset[str]) -> int | None:
    """Where an organisation's name says whom it is named after (имени, им., named after):
    the position of that word, the last of the two of named after; None for no such word."""
    for i, tok in enumerate(raw_tokens[:-1]):
        if i and (tok == "imeni" or (tok == "im" and tok in dotted)):
            return i
        if i and tok == "named" and raw_tokens[i + 1] == "after" and i + 2 < len(raw_tokens):
            return i + 1
    return None


# the first word of a body named for a person, whose name follows it in the genitive
_NAMED_BODIES = frozenset({"fond"})

_NAMED_AFTER_SHORT = re.compile(r"(?<!\w)[Ии][Мм]\.\s*")

_GENITIVE = re.compile(r"(?:(?P<adj>[a-z]{3,})ogo|(?P<fam>[a-z]{3,}(?:ov|ev|in|yn))a"
                       r"|(?P<yot>[a-z]{3,})ya|(?P<cons>[a-z]{3,}[^aeiouy])a)")


def russian_nominative(word: str) -> str | None:
    """A Russian name in the genitive, as an organisation named after a person writes it
    (Sverdlova, Gorkogo, Alekseya Talaya, Stelmakha), as the person's name is written
    (Sverdlov, Gorkiy, Aleksey Talay, Stelmakh); None for a word in no such form."""
    m = _GENITIVE.fullmatch(word)
    if m is None:
        return None
    if m.group("adj"):
        return m.group("adj") + "iy"
    if m.group("yot"):
        return m.group("yot") + "y"
    return m.group("fam") or m.group("cons")


def turkic_patronymic(father: str, marker: str) -> str:
    """The Russian patronymic of a father's name a Turkic marker follows (marat kyzy:
    maratovna; musa ogly: musayevich)."""
    end = ("vna" if marker in _TURKIC_DAUGHTER else "vich")
    return father + ("ye" + end if father[-1] in "aeiouy" else "o" + end)


# "and" of Persian and Arabic between two words of an organisation's name, written apart (و)
# or in Latin letters (Bank Sanat Va Madan, Ansar wa Muhajirin): what "and" is in English
_AND_WORDS = frozenset({"va", "wa"})

# bin and ibn glued to the next name (BINMARWAN), a name of five letters or more after it (ben
# is left alone: Benjamin)
_LINEAGE_GLUED = re.compile(r"^(?:bin|ibn)(?=[a-z]{5,}$)")

# Arabic definite article as it is glued to the next word: al-, el-, and the assimilated forms
_ARTICLE_GLUED = re.compile(r"^(al|el|ul)(?=[a-z]{3,}$)")

# generic words of organisation names: they carry little evidence of identity
GENERIC = frozenset("""
militia brigade brigades group groups company co corp corporation inc incorporated limited ltd
trading trade international intl organization organisation foundation fund association society
union front movement army forces force battalion regiment committee council party bank holding
holdings enterprise enterprises industries industry industrial services service network agency
institute center centre office department ministry authority establishment general national
islamic republic of for and the shipping logistics group
import imports export exports technology technologies tech solutions systems engineering
construction investment investments development energy petroleum products manufacturing
mining marine maritime airlines airline airways air aviation electronics equipment commercial
commerce global
pharmaceutical factory cartel
ticaret tic sanayi
sons brothers bros partners associates fils freres hermanos hijos sohne soehne figli
""".split())
# the business words that make a name of unknown kind a company's (Bishop Import Export
# Corporation, whose Bishop is no title): not the words that join others nor a title
_COMPANY_SIGNS = GENERIC - TITLES - PARTICLES

# rigour's organisation tagger files a word under a sector (DOMAIN: chemicals, consulting,
# zavod, neft) or a kind of body (SYMBOL: trading, holding, fund): business words of many
# languages. Those that name one body (al-Qaida, Hezbollah, the IRGC, a cartel) carry its
# identity and are left names; so are words of three letters or fewer (fi, re, tv, dom).
_ORG_WORD_TAGS = ("[DOMAIN:", "[SYMBOL:")
_ORG_NAME_DOMAINS = frozenset(
    "[DOMAIN:ALQAEDA] [DOMAIN:HEZBOLLAH] [DOMAIN:IRGC] [DOMAIN:CARTEL] [DOMAIN:CIA]".split())


@lru_cache(maxsize=50_000)
def org_tags(word: str) -> frozenset[str]:
    """The sectors or kinds of body rigour's organisation tagger files a word under
    (``[DOMAIN:FACTORY]`` for plant, zavod and usine; ``[SYMBOL:CENTER]`` for center, centre,
    cntr; ``[SYMBOL:CO]`` and ``[SYMBOL:CORP]`` for corporation): in an organisation's name
    such a word is a business word like those of :data:`GENERIC`, and two words that share
    a tag are one word. A pure function of the word: every tag, in no order (rigour gives a
    word's spans in an order that varies from one process to the next)."""
    if len(word) < 4 or not word.isascii() or not word.isalpha():
        return frozenset()
    tags = _rigour_org_tags(word)
    if not tags and word in SECTOR_WORDS:
        tags = frozenset({f"[DOMAIN:{SECTOR_WORDS[word]}]"})
    if not tags and word in _SECTOR_PLURALS:
        # a sector in the plural the tagger files in the singular only (Hotels, Metals)
        single = _SECTOR_PLURALS[word]
        tags = _rigour_org_tags(single) or frozenset({f"[DOMAIN:{SECTOR_WORDS[single]}]"})
    return tags


# sectors of trade that rigour's organisation tagger does not file (its DOMAIN tags cover
# chemicals, steel, motors, hotels ...): the activity of a company, a business word of its
# name (Lata Foods is no LAMA FOODS, whose name word is Lama); their plurals are read by
# :func:`org_tags`
SECTOR_WORDS: dict[str, str] = {
    **dict.fromkeys("food foodstuff foodstuffs seafood poultry dairy bakery".split(), "FOOD"),
    **dict.fromkeys("farm farming".split(), "FARM"),
    **dict.fromkeys("fishing fishery fisheries".split(), "FISHING"),
    **dict.fromkeys("textile garment apparel clothing fashion".split(), "TEXTILE"),
    **dict.fromkeys("plastic packaging".split(), "PLASTIC"),
    **dict.fromkeys("travel tours tourism".split(), "TRAVEL"),
    **dict.fromkeys("fuel oilfield drilling refinery".split(), "OIL"),
    **dict.fromkeys("cargo freight courier".split(), "CARGO"),
    "furniture": "FURNITURE", "printing": "PRINTING", "software": "SOFTWARE",
    "cement": "CEMENT", "tobacco": "TOBACCO", "cosmetics": "COSMETICS",
    "clinic": "HOSPITAL", "remittance": "FINANCIAL", "commodity": "COMMODITY",
    "commodities": "COMMODITY", "mineral": "MINING", "contractors": "CONSTRUCTION",
    "builders": "CONSTRUCTION", "developers": "REALTY",
}
# sectors in the English plural, with their singular (in the tagger or above); not every word
# with an s after it (Tekniks, a Cyrillic name's Technics, is no plural of the Swedish teknik)
_SECTOR_PLURALS = {w + "s": w for w in (
    "hotel metal restaurant hospital clinic school pharmacy farm food textile garment plastic "
    "mineral").split()} | {"pharmacies": "pharmacy"}


def _rigour_org_tags(word: str) -> frozenset[str]:
    from rigour.names import NameTypeTag, analyze_names

    tags: set[str] = set()
    for name in analyze_names(NameTypeTag.ORG, [word], symbols=True, phonetics=False,
                              numerics=False, consolidate=False, rewrite=False):
        for span in name.spans:
            tag = str(span.symbol)
            if len(span.parts) == 1 and tag.startswith(_ORG_WORD_TAGS) and (
                    tag not in _ORG_NAME_DOMAINS):
                tags.add(tag)
    return frozenset(tags)


_ORDINAL_WORDS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90, "hundredth": 100,
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90, "hundred": 100,
    # roman numerals that appear in names of brigades and companies
    "ii": 2, "iii": 3, "iv": 4, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "xi": 11, "xii": 12,
}


@lru_cache(maxsize=1)
def _ordinals() -> dict[str, int]:
    """Ordinal and cardinal words in many languages (rigour's table) plus English basics."""
    from rigour._core import ordinals_dict

    table: dict[str, int] = {}
    for number, words in ordinals_dict().items():
        for w in words:
            toks = tokenize_ascii(w)
            # one word only: the words of "setenta y dos" are not each 72 ("dos" is 2, and
            # "y" no number at all); a word of two numbers in two languages keeps the least
            if len(toks) == 1:
                tok = toks[0]
                table[tok] = min(table.get(tok, int(number)), int(number))
    table.update(_ORDINAL_WORDS)
    return table


_NUM_SUFFIX = re.compile(r"^(\d+)(st|nd|rd|th|e|er|eme|ème|ая|ый|ой|й|я|o|a|º|ª)?$")


_ENGLISH_ORDINALS = {k: v for k, v in _ORDINAL_WORDS.items() if k.endswith(("th", "st", "nd",
                                                                            "rd"))}


def number_value(token: str, words: bool | None = True) -> int | None:
    """The number a token writes (``9``, ``9th``, ``ninth``, ``IX``). Number words in many
    languages are read in organisation names (``words=True``); in names of unknown kind only
    English ordinals (``ninth``); never in people's names (``Xi``, ``Un``, ``Bir``)."""
    m = _NUM_SUFFIX.match(token)
    if m:
        try:
            return int(m.group(1))
        except ValueError:
            return None
    if words is False or len(token) < 2:
        return None
    if words is None:
        return _ENGLISH_ORDINALS.get(token)
    return _ordinals().get(token)


@lru_cache(maxsize=20_000)
def _slipped_number(token: str) -> int | None:
    """An English number word of six letters or more written with one slip of the finger
    (FOURTHH, SECNOD): its number. (A word with an s added is a plural, not a slip.)"""
    if token in _ENGLISH_WORDS_LONG or token[:1] not in _NUMBER_INITIALS:
        return None
    for word, value in _ENGLISH_WORDS_LONG.items():
        if abs(len(word) - len(token)) <= 1 and word[0] == token[0] and token != word + "s" \
                and keyboard_slip(token, word):
            return value
    return None


_ENGLISH_WORDS_LONG = {w: v for w, v in _ORDINAL_WORDS.items() if len(w) >= 6}
_NUMBER_INITIALS = frozenset(w[0] for w in _ENGLISH_WORDS_LONG)


# ------------------------------------------------------------------------- homoglyphs

# Cyrillic and Greek letters that look like Latin ones
_HOMOGLYPHS = str.maketrans({
    "а": "a", "в": "b", "е": "e", "ё": "e", "к": "k", "м": "m", "н": "h", "о": "o", "р": "p",
    "с": "c", "т": "t", "у": "y", "х": "x", "ѕ": "s", "і": "i", "ј": "j", "ԁ": "d", "ԛ": "q",
    "ԝ": "w", "А": "A", "В": "B", "Е": "E", "К": "K", "М": "M", "Н": "H", "О": "O", "Р": "P",
    "С": "C", "Т": "T", "У": "Y", "Х": "X", "Ѕ": "S", "І": "I", "Ј": "J",
    "α": "a", "ο": "o", "ρ": "p", "ν": "v", "τ": "t", "κ": "k", "ι": "i", "υ": "u",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X",
})
_TO_CYRILLIC = str.maketrans({
    "a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "y": "у", "x": "х", "i": "і", "j": "ј",
    "s": "ѕ", "A": "А", "B": "В", "E": "Е", "K": "К", "M": "М", "H": "Н", "O": "О", "P": "Р",
    "C": "С", "T": "Т", "X": "Х", "I": "І",
})
_CYRILLIC_ANY = re.compile("[\u0400-\u052f]")
# digits and signs written for the letters they look like (R0SNEFT, Vl@dimir, A1R): in a word
# of capitals 1 is I, else l
_DIGIT_GLYPHS = str.maketrans({"0": "o", "1": "l", "3": "e", "4": "a", "5": "s", "7": "t",
                               "8": "b", "@": "a", "$": "s"})
_DIGIT_GLYPHS_UPPER = str.maketrans({"0": "O", "1": "I", "3": "E", "4": "A", "5": "S", "7": "T",
                                     "8": "B", "@": "A", "$": "S"})
_GLYPH_CHARS = frozenset("0134578@$")
# two digits or more side by side, not between two letters: a number (A320, MiG-29, APT28)
_NUMBER_IN_WORD = re.compile(r"(?<![A-Za-z])\d{2,}|\d{2,}(?![A-Za-z])")
_LATIN_LETTER = re.compile(r"[A-Za-z]")
_CYR_GREEK = re.compile(r"[\u0370-\u03ff\u0400-\u04ff]")


_EDGE_PUNCT = re.compile(r"^[^\w]+|[^\w]+$")


# Russian, Ukrainian and Belarusian legal forms as they are often typed, in Latin letters
_CYRILLIC_FORMS_TYPED = frozenset("ooo oao zao pao ao ano nko taa aat zat pat tov too ip gup "
                                  "fgup mup".split())


def _lookalikes_only(word: str) -> bool:
    """A word of Cyrillic or Greek letters (with or without Latin ones) each of which has a
    Latin twin, and no letter of its own script: ``ТНЕ``, ``ЅР``."""
    cyr = False
    for c in word:
        if not c.isalpha():
            continue
        if _CYR_GREEK.match(c):
            if ord(c) not in _HOMOGLYPHS:
                return False
            cyr = True
        elif not _LATIN_LETTER.match(c):
            return False
    return cyr


def fold_words(text: str) -> str:
    """:func:`fold_homoglyphs` word by word; a word made only of look-alikes, in a name
    whose other words are Latin, is read as Latin (``TНЕ OXYTECH``, ``SPRING ЅР FARM``)."""
    words = text.split()
    folded = [fold_homoglyphs(w) for w in words]
    if len(words) >= 2 and any(_CYR_GREEK.search(w) for w in words):
        for i, w in enumerate(words):
            if _lookalikes_only(w):
                others = [x for j, x in enumerate(folded) if j != i]
                # (a Cyrillic legal form typed in Latin letters, OOO "Стан", is no Latin name)
                if any(_LATIN_LETTER.search(x) and _EDGE_PUNCT.sub("", x).lower()
                       not in _CYRILLIC_FORMS_TYPED for x in others) and not any(
                        _CYR_GREEK.search(x) for x in others):
                    folded[i] = w.translate(_HOMOGLYPHS)
    return " ".join(folded)


def fold_homoglyphs(word: str) -> str:
    """Replace Cyrillic/Greek look-alikes inside a mostly-Latin word, and digits used as
    letters inside a word of letters (``R0SNEFT``). A word wholly in Cyrillic is left alone."""
    if _CYR_GREEK.search(word) and _LATIN_LETTER.search(word):
        cyrillic = len(_CYRILLIC_ANY.findall(word))
        # a letter with no twin in the other script says which script the word is in (Г in
        # ГOBOP: a Cyrillic word with Latin O, B, P)
        own_cyr = any(_CYRILLIC_ANY.match(c) and ord(c) not in _HOMOGLYPHS for c in word)
        own_lat = any(_LATIN_LETTER.match(c) and ord(c) not in _TO_CYRILLIC for c in word)
        if own_cyr != own_lat:
            cyrillic = len(word) if own_cyr else 0
        if cyrillic > len(_LATIN_LETTER.findall(word)):
            # a Cyrillic word with a Latin look-alike in it (Iлларіонович, МIКУШЭЎ)
            word = word.translate(_TO_CYRILLIC)
        else:
            word = word.translate(_HOMOGLYPHS)
    if any(c in _GLYPH_CHARS for c in word):
        word = _digits_as_letters(word)
    return word


def _digits_as_letters(word: str) -> str:
    """Digits and signs inside a word of letters read as the letters they stand for
    (R0SNEFT, Vl@dimirovich, MAULAW1, A1R; N0, R1 and 5.A. too: one letter then 0 or 1, or a
    sign in a dotted abbreviation). A number stays one: an ordinal with its punctuation
    (27TH, (2ND), 85-lea), two digits side by side but between two letters (A320, MiG-29,
    APT28; not DALPRI80R), a sign with no letter beside it (IK-3, 9 Company), one letter and
    another digit (A7, 3M)."""
    if "-" in word:  # each part on its own (V@BO-2005, IK-3)
        return "-".join(_digits_as_letters(part) for part in word.split("-"))
    letters = sum(c.isalpha() for c in word)
    core = _EDGE_PUNCT.sub("", word)
    if letters == 0 or _NUMBER_IN_WORD.search(word) or _NUM_SUFFIX.match(core.lower()):
        return word
    # (one sign among the capitals of a dotted abbreviation is a letter: 5.A., S.4., 5.A.C.;
    # not 1.a)
    if not (_DOTTED_ABBREVIATION.fullmatch(core) and _capitals(core)
            and sum(c in _GLYPH_CHARS for c in core) == 1):
        if letters == 1:
            if not (_LETTER_THEN_01.fullmatch(core) or _DOTTED_SIGN.fullmatch(core)):
                return word
        elif not all(_beside_letter(word, i) for i, c in enumerate(word) if c in _GLYPH_CHARS):
            return word
    return word.translate(_DIGIT_GLYPHS_UPPER if _capitals(word) else _DIGIT_GLYPHS)


def _capitals(word: str) -> bool:
    """Every letter of the word a capital (where 1 stands for I, not l)."""
    return all(c.isupper() for c in word if c.isalpha())


# the words that part the names one text gives: an alias (a.k.a., alias, also known as), a
# former or a later name (f.k.a., formerly known as, n.k.a.), a trading name (d.b.a., t/a,
# trading as), another party a payment's name line gives (c/o, care of, attn, on behalf of)
_ALIAS_MARK = re.compile(
    r"(?i)(?<![\w.])(?:a\.?k\.?a\.?|a/k/a|f\.?k\.?a\.?|f/k/a|n\.?k\.?a\.?|d\.?b\.?a\.?|d/b/a|t/a"
    r"|alias|also known as|formerly known as|now known as|formerly|trading as"
    r"|doing business as|c/o|care of|attn:?|o/b/o|on behalf of)(?![\w/])")
_BRACKETED = re.compile(r"\s*[(\[]([^()\[\]]*)[)\]]\s*")
# the marks that part names in a list of them (Mohamed al-Kani; Abdurrahim al-Kani; a / or |
# with spaces around it: M/V, T/A, S/A are words)
_NAME_LIST = re.compile(r"\s*(?:[;\n]|\s[/|]\s)\s*")
# an account or a reference a payment's name line writes after the name (ACCT 4455, A/C
# 0012-33, REF: INV/2291, IBAN DE89...), a ship's IMO number (ARTAVIL (IMO 9187629)): a
# number, no word of any name
_ACCOUNT = re.compile(r"(?i)\s*(?<![\w/])(?:(?:a/c|acct|account|ref|iban)\b\s*(?:no\.?|nr\.?)?"
                      r"\s*[:#.]?\s*[\w/.-]*\d[\w/.-]*|imo\s*(?:no\.?|number)?\s*[:#.]?\s*\d{7}\b)")
_UNCLOSED = re.compile(r"[(\[][^()\[\]]*$")  # a bracket opened last and never closed
_EMPTY_BRACKETS = re.compile(r"[(\[]\W*[)\]]")
# the names of two people one text gives (Mohamed al-Kani and Fatima al-Kani: a joint
# account), each of two words or more and neither with a business word
_TWO_PEOPLE = re.compile(r"(?i)\s+(?:and|&)\s+")
_PART_WORD = re.compile(r"[^\W\d_]{2,}|[^\W\d_]\.")


def name_parts(text: str) -> list[tuple[str, str]]:
    """The names a text gives apart, each of two words or more, with what parted it: a list
    of names (Mohamed al-Kani; Abdurrahim al-Kani), the names on either side of a.k.a.,
    f.k.a., d.b.a., t/a, c/o (Mohamed al-Kani a.k.a. Kani), the name without an account
    or a reference beside it (MOHAMED AL KANI ACCT 4455), the name without the words in
    brackets and the name in brackets (Mohamed al-Kani (deceased); Kaniyat Militia (9th
    Brigade)), two people's names (Mohamed al-Kani and Fatima al-Kani, a joint account);
    [] where the text gives one name only."""
    out: list[tuple[str, str]] = []
    whole = " ".join(text.split())
    unclosed = _UNCLOSED.search(text)
    if unclosed:
        # a bracket the text opens and never closes (a field cut, a slip: Открытое акционерное
        # общество “Пеленг” (ОАО “Пеленг”), closed where the text ends
        text += ")" if unclosed.group(0)[0] == "(" else "]"

    def add(part: str, how: str, least: int = 2) -> None:
        # (and no bracket left open at its end: ACME TRADING LTD (FORMERLY ...)
        part = " ".join(part.strip(" ,;:-").rstrip(" ,;:-([").split())
        if part.endswith((")", "]")) and part.count("(") + part.count("[") < part.count(
                ")") + part.count("]"):
            part = part[:-1].rstrip()  # (nor one closed that it never opened)
        words = _PART_WORD.findall(part)
        if len(words) >= least and any(not w.endswith(".") for w in words) and (
                part != whole and part not in [p for p, _ in out]):
            out.append((part, how))

    if _ACCOUNT.search(text):
        # (a name of one word too: the number beside it says it is the whole name, ARTAVIL)
        text = _EMPTY_BRACKETS.sub(" ", _ACCOUNT.sub(" ", text))
        add(text, "the name without the account, reference or IMO number beside it", 1)
    listed = [p for p in _NAME_LIST.split(text) if p.strip()]
    for piece in listed:
        if len(listed) >= 2:
            add(_BRACKETED.sub(" ", piece), "one of the names the text lists")
        _parts_of(piece, add)
    return out


def _parts_of(piece: str, add: Callable[[str, str], None]) -> None:
    """The names one name of a list gives apart (:func:`name_parts`), each to ``add``."""
    people = _TWO_PEOPLE.split(piece)
    if len(people) == 2 and all(
            len(_PART_WORD.findall(p)) >= 2 and not _BRACKETED.search(p) and "," not in p
            and not any(w in GENERIC or is_legal_form(w) for w in tokenize_ascii(to_latin(p)))
            for p in people):
        mark = _TWO_PEOPLE.search(piece)
        for k, person in enumerate(people):
            add(person, f"the name {'after' if k else 'before'} "
                        f"'{mark.group(0).strip() if mark else 'and'}', a name of its own")
    pieces = _ALIAS_MARK.split(piece)
    marks = _ALIAS_MARK.findall(piece)
    for k, part in enumerate(pieces):
        if len(pieces) > 1:
            mark = marks[k - 1] if k else marks[0]
            add(_BRACKETED.sub(" ", part),
                f"the name {'after' if k else 'before'} '{mark.strip()}'")
        if _BRACKETED.search(part):
            add(_BRACKETED.sub(" ", part), "the name without the words in brackets")
            for inner in _BRACKETED.findall(part):
                add(inner, "the name in brackets")


# the prefixes rigour's table lacks, read where the name is known to be a ship's: motor
# ship, motor yacht, fishing and research vessel, and the kind written out (Tanker ARTAVIL)
_SHIP_WORDS = re.compile(
    r"(?i)^\W*(?:(?:m/?s|m\.s\.?|m/?y|m\.y\.?|f/?v|f\.v\.?|r/?v|r\.v\.?|vessel|tanker|ship"
    r"|yacht|motor vessel|motor tanker|oil tanker)\s+)+")


def vessel_prefix_split(text: str, vessel: bool = False) -> tuple[str, str] | None:
    """A ship's name split into the prefix that says what kind of ship it is and the name
    (``M/V ADRIAN DARYA 1``: ``M/V``, ``ADRIAN DARYA 1``; MV, M.V., MT, M/T, SS: rigour's
    table; for a name known to be a ship's, ``vessel``, MS, MY, FV, RV, Tanker, Vessel too),
    or None where it begins with none or nothing is left after it."""
    from rigour.names import remove_obj_prefixes

    rest = remove_obj_prefixes(text).strip()
    if vessel:
        rest = remove_obj_prefixes(_SHIP_WORDS.sub("", rest)).strip()
    prefix = text.strip()[:len(text.strip()) - len(rest)].strip()
    if not any(c.isalnum() for c in rest) or not [
            w for w in prefix.split() if w.lower() != "the"]:
        return None  # (The alone is no ship's prefix: the name's first word, or no word)
    return prefix, rest


def other_ones_reading(text: str) -> str | None:
    """The name with each 1 read as a letter (:func:`_digits_as_letters`) read as the other
    letter it may stand for: L in a word of capitals (1TDA, L1C: LTDA, LLC), i in another
    (A1i: Aii); None when no 1 is read as a letter."""
    words = text.split()
    changed = False
    for i, w in enumerate(words):
        if "1" in w and _digits_as_letters(w) != w:
            words[i] = w.replace("1", "L" if _capitals(w) else "i")
            changed = True
    return " ".join(words) if changed else None


def digit_words_reading(text: str, vocab: AbstractSet[str]) -> (
        tuple[str, list[str]] | None):
    """The name with the digits of a word of letters that :func:`fold_homoglyphs` keeps as
    a number (two side by side, or at its edge: 53rgeevich, KORN37, ASB47, D18) read as the
    letters they look like, where that makes a list word of three letters or more which
    the word as written is not (the digits of a form filled in by hand or read from a scan:
    SERGEEVICH, KORNET, ASBAT, DIB); with the words so read. None when no word is."""
    words = text.split()
    changed: list[str] = []
    for i, w in enumerate(words):
        core = _EDGE_PUNCT.sub("", w)
        if not (any(c.isdigit() for c in core) and any(c.isalpha() for c in core)):
            continue
        table = _DIGIT_GLYPHS_UPPER if _capitals(core) else _DIGIT_GLYPHS
        read = core.translate(table)
        key = read.lower()
        if (len(key) >= 3 and key.isalpha() and key in vocab
                and core.lower() not in vocab):
            words[i] = w.replace(core, read)
            changed.append(f"{core} as {read}")
    return (" ".join(words), changed) if changed else None


# the Arabic chat alphabet (Arabizi) writes the letters Latin lacks with the digits that look
# like them: 7 ح h, 5 خ kh, 3 ع (the ayn: a vowel's onset), 2 ء, 6 ط t, 9 ص s, 8 غ gh (Mo7ammed
# 3ali, 5alid Mish3al: Mohammed Ali, Khalid Mishaal)
_ARABIZI_DIGITS = frozenset("2356789")
_ARABIZI = {"7": "h", "5": "kh", "6": "t", "9": "s", "8": "gh", "2": ""}
_ARABIZI_VOWELS = frozenset("aeiouAEIOU")


def _arabizi_word(word: str) -> str:
    out: list[str] = []
    for i, c in enumerate(word):
        if c not in _ARABIZI_DIGITS:
            out.append(c)
            continue
        if c == "3":  # the ayn: nothing first or before a vowel (3ali, Mish3al), else a
            # (Sa3d, Ja3far: Saad, Jaafar)
            letter = "" if i == 0 or word[i + 1:i + 2] in _ARABIZI_VOWELS else "a"
        else:
            letter = _ARABIZI[c]
        out.append(letter.upper() if _capitals(word) else letter)
    return "".join(out)


def arabizi_reading(text: str) -> str | None:
    """A name typed in the Arabic chat alphabet, its digits read as the letters they stand for
    (Mo7ammed 3ali: Mohammed Ali; 5alid Mish3al: Khalid Mishal): in a word of two letters or
    more with such a digit beside a letter, not a number in it (A320, MiG-29). None where no
    word is so."""
    if not any(c in _ARABIZI_DIGITS for c in text):
        return None
    words = text.split()
    changed = False
    for i, w in enumerate(words):
        core = _EDGE_PUNCT.sub("", w)
        if sum(c.isalpha() for c in core) < 2 or _NUMBER_IN_WORD.search(core) or not any(
                c in _ARABIZI_DIGITS and _beside_letter(core, j) for j, c in enumerate(core)):
            continue
        if not all(c.isalpha() or c in _ARABIZI_DIGITS or c in "-'" for c in core):
            continue
        words[i] = w.replace(core, _arabizi_word(core))
        changed = True
    return " ".join(words) if changed else None


def _beside_letter(word: str, i: int) -> bool:
    """The sign at ``i`` is in a run of signs with a letter at one end (5@eed)."""
    j = i
    while j > 0 and word[j - 1] in _GLYPH_CHARS:
        j -= 1
    k = i
    while k + 1 < len(word) and word[k + 1] in _GLYPH_CHARS:
        k += 1
    return (j > 0 and word[j - 1].isalpha()) or (k + 1 < len(word) and word[k + 1].isalpha())


_LETTER_THEN_01 = re.compile(r"[A-Za-z][01]")
# letters (or signs) each with its full stop, the last one's optional: S.A.C, S.4.
_DOTTED_ABBREVIATION = re.compile(r"(?:[A-Za-z0-9@$]\.)+[A-Za-z0-9@$]?")
_DOTTED_SIGN = re.compile(r"[0-9@$]\.[A-Z]")


# keys next to each other on a QWERTY keyboard
_KEY_ROWS = ("qwertyuiop", "asdfghjkl", "zxcvbnm")
NEAR_KEYS: dict[str, str] = {}
for _r, _row in enumerate(_KEY_ROWS):
    for _c, _ch in enumerate(_row):
        _near = [_row[x] for x in (_c - 1, _c + 1) if 0 <= x < len(_row)]
        for _other in (_r - 1, _r + 1):
            if 0 <= _other < len(_KEY_ROWS):
                # the row below sits half a key to the right: its keys c-1 and c are near
                lo = _c if _other < _r else _c - 1
                _near += [_KEY_ROWS[_other][x] for x in (lo, lo + 1)
                          if 0 <= x < len(_KEY_ROWS[_other])]
        NEAR_KEYS[_ch] = "".join(_near)


def keyboard_slip(q: str, r: str) -> bool:
    """The query word is the list word with one slip of the finger: two letters swapped, a
    key replaced by its neighbour, a letter doubled or left undoubled, a neighbouring key hit
    as well. (A letter left out, or replaced by one far away on the keyboard, is as often
    another name: Kalia / Kalita, Marco / Marko.)"""
    if len(q) == len(r):
        diff = [k for k in range(len(q)) if q[k] != r[k]]
        if len(diff) == 1:
            k = diff[0]
            return q[k] in NEAR_KEYS.get(r[k], "")
        return len(diff) == 2 and diff[1] == diff[0] + 1 and q[diff[0]] == r[diff[1]] and (
            q[diff[1]] == r[diff[0]])
    if abs(len(q) - len(r)) != 1:
        return False
    long, short = (q, r) if len(q) > len(r) else (r, q)
    k = next((i for i in range(len(short)) if long[i] != short[i]), len(short))
    if long[k + 1:] != short[k:]:
        return False
    extra = long[k]
    doubled = (k > 0 and long[k - 1] == extra) or (k + 1 < len(long) and long[k + 1] == extra)
    if long is r:
        return doubled  # the query lacks a letter: only a doubled one (INAYATULAH)
    return doubled or any(extra in NEAR_KEYS.get(long[i], "") for i in (k - 1, k + 1)
                          if 0 <= i < len(long))


# ---------------------------------------------------------------------- transliteration

@lru_cache(maxsize=1)
def _icu() -> object:
    import icu

    return icu.Transliterator.createInstance(
        "Any-Latin; Latin-ASCII; [:Nonspacing Mark:] Remove")


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


_LATIN_SPECIAL = str.maketrans({
    "ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ł": "l",
    "Ł": "L", "ı": "i", "œ": "oe", "Œ": "OE", "þ": "th", "Þ": "TH", "ð": "d", "Ð": "D",
    "ħ": "h", "Ħ": "H", "ŋ": "ng", "ʼ": "'", "ʻ": "'", "ʿ": "'", "ʾ": "'",
    # Azerbaijani schwa is an a in Latin spellings (Məmmədov: Mammadov, Əliyev: Aliyev), and
    # the open o of West African alphabets an o; ICU's Latin-ASCII leaves them as they are
    "ə": "a", "Ə": "A", "ǝ": "a", "Ǝ": "E", "ɔ": "o", "Ɔ": "O",
})


@lru_cache(maxsize=8)
def _transliterator(rules: str) -> object:
    import icu

    return icu.Transliterator.createInstance(rules)


# Cyrillic: the BGN/PCGN romanisation of the language whose letters the text uses (what
# sanctions lists and passports mostly follow: Arkadiy, Yuriy, Shchegolev), then ICU's
# generic rules for letters of other Cyrillic languages (Kazakh, Tajik...)
_CYR_LANGS = [
    (re.compile("[Ўў]"), "Belarusian-Latin/BGN"),
    (re.compile("[ІіЇїЄєҐґ]"), "Ukrainian-Latin/BGN"),
    (re.compile("[ЂђЋћЏџЉљЊњЈј]"), "Serbian-Latin/BGN"),
    (re.compile("[ЃѓЌќ]"), "Macedonian-Latin/BGN"),
]
# soft and hard signs (and the primes BGN writes for them) never split a word
_SIGNS = re.compile("[ьЬъЪʹʺ\u02bc\u02bb\u2019'`\u00b4]")


def _cyrillic_rules(text: str) -> str:
    """The ICU romanisation of a Cyrillic text, by the letters of its language in it
    (Russian's BGN/PCGN where it has none)."""
    for pattern, lang in _CYR_LANGS:
        if pattern.search(text):
            return lang
    return "Russian-Latin/BGN"


# the letters of the Cyrillic alphabets of Central Asia, the Volga and the Caucasus (Kazakh,
# Kyrgyz, Tajik, Uzbek; Tatar, Bashkir, Chuvash; Abkhaz, Ossetian) that Russian lacks, which
# ICU's romanisations of Cyrillic drop: as the Russian letters of their sounds, as Russian
# documents write these names and the lists after them (Ҳалимов, Khalimov; Нұрсұлтан,
# Nursultan; Ҷумъа, Dzhuma; Ғулом, Gulom); in such a text і is i and ў u, not the Ukrainian
# or Belarusian letters
_CENTRAL_ASIAN = str.maketrans({
    "Ғ": "Г", "ғ": "г", "Қ": "К", "қ": "к", "Ҳ": "Х", "ҳ": "х", "Ҷ": "Дж", "ҷ": "дж",
    "Ӣ": "И", "ӣ": "и", "Ӯ": "У", "ӯ": "у", "Ә": "А", "ә": "а", "Ө": "О", "ө": "о",
    "Ү": "У", "ү": "у", "Ұ": "У", "ұ": "у", "Һ": "Х", "һ": "х", "Ң": "Н", "ң": "н",
    "Җ": "Ж", "җ": "ж", "Ҙ": "З", "ҙ": "з", "Ҡ": "К", "ҡ": "к", "Ҫ": "С", "ҫ": "с",
    "Ӑ": "А", "ӑ": "а", "Ӗ": "Е", "ӗ": "е", "Ӳ": "У", "ӳ": "у", "Ӏ": "", "ӏ": "",
    # (and Abkhaz's and Ossetian's: Ҧ p, Ҭ t, Ҵ ts, Ҷ Ҹ Ҽ Ҿ ch, Ҟ Ҝ k, Ҕ g, Ӕ a)
    "Ҝ": "К", "ҝ": "к", "Ҟ": "К", "ҟ": "к", "Ҧ": "П", "ҧ": "п", "Ҭ": "Т", "ҭ": "т",
    "Ҵ": "Ц", "ҵ": "ц", "Ҹ": "Ч", "ҹ": "ч", "Ҽ": "Ч", "ҽ": "ч", "Ҿ": "Ч", "ҿ": "ч",
    "Ҕ": "Г", "ҕ": "г", "Ҥ": "Н", "ҥ": "н", "Ӕ": "А", "ӕ": "а", "Ҩ": "О", "ҩ": "о",
    "Ӡ": "Дз", "ӡ": "дз", "Ҋ": "Й", "ҋ": "й", "Ҏ": "Р", "ҏ": "р",
    "І": "И", "і": "и", "Ў": "У", "ў": "у"})
_CENTRAL_ASIAN_LETTERS = re.compile(
    "[ҒғҚқҲҳҶҷӢӣӮӯӘәӨөҮүҰұҺһҢңҖҗҘҙҠҡҪҫӐӑӖӗӲӳӀӏҜҝҞҟҦҧҬҭҴҵҸҹҼҽҾҿҔҕҤҥӔӕҨҩӠӡҊҋҎҏ]")


# a word бён (the Korean syllable 변 or 병, Byon, as Russian writes it): read yo, it is no
# particle ben (Ли Бён Чхоль is RI Pyong Chol, not Li Van Chol)
_BYON = re.compile("(?<![\u0400-\u04ff])([Бб])([Ёё])([Нн])(?![\u0400-\u04ff])")


def _cyrillic_latin(text: str, rules: str | None = None) -> str:
    if _CENTRAL_ASIAN_LETTERS.search(text):
        text = text.translate(_CENTRAL_ASIAN)
    if "ё" in text or "Ё" in text:
        text = _BYON.sub(lambda m: m[1] + ("ЙО" if m[2] == "Ё" else "йо") + m[3], text)
    rules = rules or _cyrillic_rules(text)
    text = _SIGNS.sub("", text)
    tr = _transliterator(rules + "; Any-Latin; Latin-ASCII; [:Nonspacing Mark:] Remove")
    out: str = tr.transliterate(text)  # type: ignore[attr-defined]
    if rules.startswith("Belarusian"):
        # as the lists write Belarusian: е after a consonant is e, ў is u (Aleh, not Alyeh;
        # RAUKOU, CHARNYSHOU)
        out = _BY_YE.sub("e", out).replace("w", "u").replace("W", "U")
    return out


# Ukrainian and Belarusian letters Russian lacks, as the Russian letters of the same sounds
_AS_RUSSIAN = str.maketrans({"і": "и", "І": "И", "ї": "йи", "Ї": "Йи", "є": "е", "Є": "Е",
                             "ґ": "г", "Ґ": "Г", "ў": "в", "Ў": "В"})
_UK_BY_LETTERS = re.compile("[" + "".join(map(chr, _AS_RUSSIAN)) + "]")


def russian_reading(text: str) -> str | None:
    """A name written in Ukrainian or Belarusian letters, with Russian letters for them: a
    Russian's name in Ukrainian (Євген Пригожин, Ігор Гіркін) is Yevhen Pryhozhyn, Ihor Hirkin
    by its own romanisation, and the lists write Yevgeniy PRIGOZHIN, Igor GIRKIN, from the
    Russian. None for a text without those letters."""
    if text.isascii() or not _UK_BY_LETTERS.search(text):
        return None
    return text.translate(_AS_RUSSIAN)


# the letters with a caron or an acute of the Czech, Slovak, Polish, Croatian, Lithuanian and
# Latvian transliterations of Cyrillic names (Šojgu, Prigożyn, Kovalčuk): the English one's
# digraphs for them; ch among them is kh (Michail, Achmatovič)
_CARON_LETTERS = re.compile("[čšžćśźżďťňľČŠŽĆŚŹŻĎŤŇĽ]")
_CARON_AS_ENGLISH = str.maketrans({
    "č": "ch", "Č": "Ch", "ć": "ch", "Ć": "Ch", "š": "sh", "Š": "Sh", "ś": "sh", "Ś": "Sh",
    "ž": "zh", "Ž": "Zh", "ź": "zh", "Ź": "Zh", "ż": "zh", "Ż": "Zh"})
_CZECH_CH = re.compile("(?<![SsCc])[Cc][Hh]")  # (not the sch of German spellings)
# a word that ends in the Czech or Slovak feminine -ová (after a stem of three letters)
_OVA_WORD = re.compile(r"\b\w{3,}ov\u00e1\b", re.IGNORECASE)
# the Czech and Slovak soft consonants before a vowel: the soft vowel English writes after the
# consonant (Ďumin, Bagňuk, Kaťuščenko, Aľona: Dyumin, Bagnyuk, Katyushchenko, Alyona); before
# a consonant they are the soft sign, which English drops (Oľga: Olga)
_SOFT_BEFORE_VOWEL = re.compile("([ďťňľĎŤŇĽ])(?=[aeiouyáéíóúýěůAEIOUYÁÉÍÓÚÝĚŮ])")
_SOFT_PLAIN = {"ď": "d", "ť": "t", "ň": "n", "ľ": "l", "Ď": "D", "Ť": "T", "Ň": "N", "Ľ": "L"}


def _soft_consonant(m: re.Match[str]) -> str:
    return _SOFT_PLAIN[m.group(1)] + ("Y" if m.string[m.end()].isupper() else "y")


def caron_reading(text: str) -> str | None:
    """A Latin name in the letters the Czech, Slovak, Polish, Croatian or Baltic
    transliteration of a Cyrillic name has (Sergej Šojgu, Michail Mišustin, Jurij Kovalčuk)
    with the English transliteration's digraphs for them (Sergej Shojgu, Mikhail Mishustin,
    Jurij Kovalchuk), and the soft consonant before a vowel with its y (Ďumin: Dyumin): the
    marks stripped, š is s, and Šojgu was two letters from Shoigu. A name with the Czech
    feminine -ová is read so too, for its ch (Barchatnová: Barkhatnová). None for a text
    without those letters."""
    if text.isascii() or not (_CARON_LETTERS.search(text) or _OVA_WORD.search(text)):
        return None
    text = _CZECH_CH.sub(lambda m: ("K" if m.group(0)[0] == "C" else "k") + m.group(0)[1], text)
    text = _SOFT_BEFORE_VOWEL.sub(_soft_consonant, text)
    return text.translate(_CARON_AS_ENGLISH)


# Turkish writes the names of Arabic origin with its own letters and vowels: ş, ç, ğ for sh,
# ch, gh; c for j; v for w; e for the a of most other transliterations (Beşar Esad, Ebu Bekir
# el-Bağdadi, Eymen ez-Zevahiri, Halid Meşal: Bashar al-Assad, Abu Bakr al-Baghdadi, Ayman
# al-Zawahiri, Khalid Mashal); its article el-, ez-, eş- before the name's word
_TURKISH_LETTERS = re.compile("[şğıİŞĞ]")
_TURKISH_ARTICLE = re.compile(r"(?i)(?:^|\s)e[lzsşrndt]-(?=\w)")
_TURKISH_AS_ENGLISH = str.maketrans({
    "ş": "sh", "Ş": "Sh", "ç": "ch", "Ç": "Ch", "ğ": "gh", "Ğ": "Gh", "ı": "i", "İ": "I",
    "c": "j", "C": "J", "v": "w", "V": "W", "e": "a", "E": "A"})


# Hungarian writes a Russian's name with its own letters: sz for с, s for ш, zs for ж, cs for
# ч, c for ц, gy and ty for the soft д and т, ny for the soft н (Vlagyimir Putyin, Szergej
# Sojgu, Mihail Misusztyin: Vladimir Putin, Sergej Shojgu, Mihail Mishustin); read where a
# word has one of its digraphs and one ends as a Russian name does (Hungarian's own names,
# Kovács, Szabó, Nagy, are as they are)
_HUNGARIAN_DIGRAPH = re.compile("(?i)sz|zs|cs|gy|ty|ny")
_RUSSIAN_SHAPE = re.compile(r"(?i)(?:ij|ej|aj|kij|vics|vna|[oe]v|[oe]va|in|ina|enko|uk|jov)\b")
_HUNGARIAN_LETTERS = re.compile("(?i)dzs|cs|sz|zs|gy|ty|ny|s|c")
_HUNGARIAN_AS_ENGLISH = {"dzs": "dzh", "cs": "ch", "sz": "s", "zs": "zh", "gy": "d", "ty": "t",
                         "ny": "n", "s": "sh", "c": "ts"}


def _english_letters(table: dict[str, str], m: re.Match[str]) -> str:
    """A letter group of another language's spelling (a match of its pattern) as the English
    transliteration writes it (``table``), in its case: capitals as capitals (CH: KH; one
    letter in a text in capitals: S, SH), a capital first as a capital first (Sz: S, Dsch:
    J)."""
    written = m.group(0)
    english = table[written.lower()]
    if written.isupper() and (len(written) > 1 or m.string.isupper()):
        return english.upper()
    return english[0].upper() + english[1:] if written[0].isupper() else english


def hungarian_reading(text: str) -> str | None:
    """A Russian's name as Hungarian writes it, with the English transliteration's letters
    for Hungarian's (Vlagyimir Putyin: Vladimir Putin; Szergej Sojgu: Sergej Shojgu): read
    where the text has a Hungarian digraph (sz, zs, cs, gy, ty, ny) and a word that ends as
    a Russian name does. None for another text."""
    if not (_HUNGARIAN_DIGRAPH.search(text) and _RUSSIAN_SHAPE.search(text)):
        return None
    return _HUNGARIAN_LETTERS.sub(partial(_english_letters, _HUNGARIAN_AS_ENGLISH), text)


# Turkish legal forms (Anonim Şirketi, Limited Şirketi): kept as written, and no sign of a
# name of Arabic origin (Alemdar A.Ş. is no Alamdar A.Sh.)
_TURKISH_FORMS = re.compile(r"(?i)(?<!\w)(?:a\.\s?ş\.?|aş|ltd\.?\s?şti\.?|şti\.?)(?!\w)")


def turkish_reading(text: str) -> str | None:
    """A Latin name as Turkish writes a name of Arabic origin, with the letters and vowels the
    English transliteration has for them (Beşar Esad: Bashar Asad; Ebu Bekir el-Bağdadi: Abu
    Bakir al-Baghdadi; Eymen ez-Zevahiri: Ayman az-Zawahiri): read where the text has the
    Turkish letters ş, ğ, ı or the article as Turkish writes it (el-, ez-, eş-), outside a
    Turkish legal form (A.Ş., Ltd. Şti.), which stays as written. None for another text."""
    plain = _TURKISH_FORMS.sub(" ", text)
    if not (_TURKISH_LETTERS.search(plain) or _TURKISH_ARTICLE.search(plain)):
        return None
    parts: list[str] = []
    at = 0
    for m in _TURKISH_FORMS.finditer(text):
        parts.append(text[at:m.start()].translate(_TURKISH_AS_ENGLISH))
        parts.append(m.group(0))
        at = m.end()
    parts.append(text[at:].translate(_TURKISH_AS_ENGLISH))
    return "".join(parts)


# German writes the names of Arabic, Persian and Pashto origin with its own letters: dsch for
# j (Dschalal ad-Din Haqqani: Jalaluddin), sch for sh, ch for kh (Scheich, Chalid), tsch for
# ch, j for y (Jahja, Sajjid: Yahya, Sayyid); read where the text has dsch, which only German
# writes, or the titles Sajjid, Scheich, or sch beside an Arabic article or particle (asch-,
# al-, Abu, bin)
_GERMAN_DSCH = re.compile(r"(?i)dsch|\b(?:sajjid|scheich)\b")
_GERMAN_SCH = re.compile("(?i)sch")
_GERMAN_ARABIC = re.compile(
    r"(?i)(?:^|[\s(])(?:a[lnrstdz]-|asch-|esch-|el-|abu\s|abou\s|bin\s|ibn\s|bint\s|"
    r"abd\s|abdul\s|abdel\s|umm\s|scheich\s|sajjid\s|mullah\s|hadschi\s)")
_GERMAN_LETTERS = re.compile("(?i)dsch|tsch|sch|ch|jj|j")
_GERMAN_AS_ENGLISH = {"dsch": "j", "tsch": "ch", "sch": "sh", "ch": "kh", "jj": "yy", "j": "y"}


def german_reading(text: str) -> str | None:
    """A Latin name as German writes a name of Arabic origin, with the letters the English
    transliteration has for German's (Dschalal ad-Din Haqqani: Jalal ad-Din Haqqani; Sajjid
    Hassan Nasrallah: Sayyid Hassan Nasrallah; Abu Mohammed al-Dscholani: al-Jolani): dsch
    j, tsch ch, sch sh, ch kh, j y. Read where the text has dsch, the titles Sajjid or
    Scheich, or sch beside an Arabic article or particle; None for another text (Jewgeni
    Prigoschin, a Russian's name as German writes it, is read word by word:
    :func:`sanctio.text.slavic.cyrillic_spellings`)."""
    if not (_GERMAN_DSCH.search(text) or (
            _GERMAN_SCH.search(text) and _GERMAN_ARABIC.search(text))):
        return None
    return _GERMAN_LETTERS.sub(partial(_english_letters, _GERMAN_AS_ENGLISH), text)


# Spanish writes the kh of Russian and Arabic names as j (Mijaíl Mishustin, Alí Jamenei, Jalid:
# Mikhail, Khamenei, Khalid): a word of the query is read so where the lists write it with kh
# and never with its j, or, in a text with Spanish marks (á, í, ñ), where they write it with
# kh ten times as often as with j (José, Juan, Jamil and Jan are as they are)
_J_WORD = re.compile(r"[^\W\d_]*[jJ][^\W\d_]*")
_SPANISH_MARK = re.compile("[áéíóúñÁÉÍÓÚÑ]")
_KH_OVER_J = 10


def _plain_word(word: str) -> str:
    """A word lower-cased without its marks (Mijaíl: mijail)."""
    return "".join(c for c in unicodedata.normalize("NFD", word.lower())
                   if not unicodedata.combining(c))


def j_as_kh_reading(text: str, frequency: Mapping[str, int]) -> str | None:
    """A Latin name with the kh the lists write for its j, as Spanish writes the names of
    Russians and Arabs (Mijaíl Mishustin: Mikhaíl Mishustin; Alí Jamenei: Alí Khamenei):
    each word with a j that the lists write with kh and never with the j (``frequency``: the
    number of list names with each word), or, in a text with Spanish marks, ten times as
    often. None where no word is so."""
    if "j" not in text and "J" not in text:
        return None
    spanish = _SPANISH_MARK.search(text) is not None
    parts: list[str] = []
    at = 0
    for m in _J_WORD.finditer(text):
        word = m.group(0)
        plain = _plain_word(word)
        with_kh = frequency.get(plain.replace("j", "kh"), 0)
        with_j = frequency.get(plain, 0)
        if not plain.isascii() or with_kh == 0 or (
                with_j > 0 and not (spanish and with_kh >= _KH_OVER_J * with_j)):
            continue
        parts.append(text[at:m.start()])
        parts.append(word.replace("j", "kh").replace("J", "KH" if word.isupper() else "Kh"))
        at = m.end()
    if not parts:
        return None
    parts.append(text[at:])
    return "".join(parts)


_GREEK_ANY = re.compile("[\u0370-\u03ff\u1f00-\u1fff]")
_KATAKANA_ANY = re.compile("[\u30a1-\u30fa]")
_KANA_TILDE = re.compile("(?<=[bcdfghjklmnprstvwz])u~(?=[aeiou])")


def _greek_latin(text: str) -> str:
    """Greek as the lists and modern Greek passports read it (BGN/PCGN: β is v, μπ at the
    start b, ντ d, γκ g: Μπακογιάννης is Bakoyiannis, Άκμπαρ Akmbar), with δ as d and χ as
    ch (Christodoulos), not BGN's dh and kh."""
    out: str = _transliterator("Greek-Latin/BGN").transliterate(  # type: ignore[attr-defined]
        text.replace("χ", "\ue000").replace("Χ", "\ue001"))
    out = out.replace("\ue000", "ch").replace("\ue001", "Ch")
    return out.replace("dh", "d").replace("Dh", "D").replace("DH", "D")


# Greek writes the names of other languages with its own letters for sounds it lacks: μπ for
# b, ντ for d, γκ for g, τζ for j (Μπιν Λάντεν, Bin Laden; Τζιχάντ, Jihad), χ for the h and kh
# of Arabic and Persian (Χαμάς, Hamas), ου for u, and for w before a vowel (Ζαουάχρι,
# Zawahiri); the Greek reading of a list or a passport (BGN/PCGN, :func:`_greek_latin`) says
# ch, ou, mb, nd
_GREEK_FOREIGN = re.compile("μπ|ντ|γκ|τζ|χ|ου")
_GREEK_FOREIGN_SOUNDS = {"μπ": "b", "ντ": "d", "γκ": "g", "τζ": "j", "χ": "h"}
_GREEK_VOWEL = frozenset("αεηιουωϊϋ")


def greek_foreign_reading(text: str) -> str | None:
    """A name in Greek letters as Greek writes a foreign name (the EU's Greek names of Arab,
    Persian and Afghan parties), in Latin letters: μπ b, ντ d, γκ g, τζ j, χ h, ου u (w
    before a vowel); the rest as :func:`to_latin` reads Greek. None for a text without
    those letters."""
    if text.isascii() or not _GREEK_ANY.search(text):
        return None
    # (the accents off, the diaeresis kept: ϊ is a vowel of its own)
    plain = unicodedata.normalize("NFC", "".join(
        c for c in unicodedata.normalize("NFD", unicodedata.normalize("NFKC", text).lower())
        if c not in "\u0301\u0300\u0342"))
    if not _GREEK_FOREIGN.search(plain):
        return None

    def sound(m: re.Match[str]) -> str:
        letters = m.group(0)
        if letters != "ου":
            return _GREEK_FOREIGN_SOUNDS[letters]
        after = plain[m.end():m.end() + 1]
        return "w" if after and after in _GREEK_VOWEL else "u"

    out = to_latin(_GREEK_FOREIGN.sub(sound, plain))
    return out if out != to_latin(text) else None


_BY_YE = re.compile("(?<=[bcdfghklmnprstvzBCDFGHKLMNPRSTVZ])ye")

_DEVANAGARI_ANY = re.compile("[\u0900-\u097f]")
_DEVANAGARI_WORD = re.compile("[\u0900-\u097f]+")
# a word ending in a consonant letter (with its nukta: ख़), whose inherent vowel Hindi does
# not say at the end of a word, but after a cluster (कृष्ण, Krishna; मिश्र, Mishra)
_DEVANAGARI_SCHWA_END = re.compile("(?<!\u094d)[\u0915-\u0939\u0958-\u095f]\u093c?$")


_DEVANAGARI_CONSONANT = re.compile("[\u0915-\u0939\u0958-\u095f]\u093c?")
_DEVANAGARI_MATRA = frozenset(chr(c) for c in (*range(0x093E, 0x094D), 0x0962, 0x0963))
_DEVANAGARI_VIRAMA = "\u094d"


def _hindi_schwa(word: str) -> str:
    """A Devanagari word with the inherent vowel Hindi does not say inside a word marked
    unsaid (a virama after its consonant): a consonant's between a vowel and a consonant
    with its vowel (अजहर, a-ja-ha-ra: Ajhar; कासकर: Kaskar; सरदार: Sardar), taken from the
    right, never the first syllable's (कमल: Kamal), nor one before a cluster (मोहम्मद:
    Mohammad) or with the nasal mark (संजय). The final consonant's is the caller's."""
    # (each unit: a consonant with its nukta and what follows it, or another letter)
    units: list[list[str]] = []
    i = 0
    while i < len(word):
        m = _DEVANAGARI_CONSONANT.match(word, i)
        if m is None:
            units.append(["", word[i]])
            i += 1
            continue
        j = m.end()
        while j < len(word) and (word[j] in _DEVANAGARI_MATRA or word[j] in (
                _DEVANAGARI_VIRAMA, "\u0901", "\u0902", "\u0903")):
            j += 1
        units.append([m.group(0), word[m.end():j]])
        i = j

    def inherent(k: int) -> bool:  # a consonant saying its inherent vowel, as written
        return bool(units[k][0]) and not units[k][1]

    def voiced(k: int) -> bool:  # a vowel is said at the unit (written or inherent)
        c, marks = units[k]
        return (not c and "\u0904" <= marks <= "\u0914") or (
            bool(c) and _DEVANAGARI_VIRAMA not in marks and not dropped[k])

    dropped = [False] * len(units)
    # (the final one, but after a cluster: the caller's rule, which reads it unsaid)
    dropped[-1] = bool(_DEVANAGARI_SCHWA_END.search(word))
    for k in range(len(units) - 2, 0, -1):
        if inherent(k) and voiced(k - 1) and units[k + 1][0] and voiced(k + 1) and not (
                k + 2 < len(units) and _DEVANAGARI_VIRAMA in units[k + 1][1]):
            dropped[k] = True
    return "".join(c + (_DEVANAGARI_VIRAMA if dropped[k] and k < len(units) - 1 else marks)
                   if c else marks for k, (c, marks) in enumerate(units))


def _devanagari_word(word: str) -> str:
    """One Devanagari word as Hindi names are written in Latin letters: ICU's ISO 15919
    reading, the inherent vowel of a final consonant not said (राय: Rai, not Raya; अमित:
    Amit), nor of one inside the word where Hindi drops it (:func:`_hindi_schwa`: अजहर,
    Ajhar), ś and ṣ as sh (शर्मा: Sharma), c as ch and ch as chh (चन्द्र: Chandra; छाया:
    Chhaya), r̥ as ri (कृष्ण: Krishna), a final nh of the anusvara as ngh (सिंह: Singh)."""
    said = _hindi_schwa(word)
    out: str = _transliterator("Devanagari-Latin").transliterate(said)  # type: ignore[attr-defined]
    out = unicodedata.normalize("NFC", out)
    out = out.replace("r\u0325", "ri").replace("ś", "sh").replace("ṣ", "sh")
    out = out.replace("ch", "\ue000").replace("c", "ch").replace("\ue000", "chh")
    if word.endswith("\u0902\u0939"):
        out = out[:-3] + "ngha"  # (सिंह: Singh)
    if _DEVANAGARI_SCHWA_END.search(word) and out.endswith("a") and len(word) > 1:
        out = out[:-1]
    return out


# the letters Hindi writes without the dot below (nukta) that makes them the sounds of Urdu,
# Persian and Arabic names: फ़ f, ज़ z, क़ q, ख़ kh, ग़ gh (हाफिज, Hafiz; मसूद अजहर, Masood Azhar);
# and व, v, which is their w
_NUKTA_LESS = re.compile("[\u092b\u091c\u0915\u0916\u0917](?!\u093c)")
_MAX_NUKTA_LETTERS = 4


def _folded_word(latin: str) -> str:
    """A transliterated word as the lists' vocabulary holds it: lower case, no marks."""
    decomposed = unicodedata.normalize("NFKD", latin.lower())
    return "".join(c for c in decomposed if c.isalpha() and c.isascii())


def devanagari_nukta_reading(text: str, known: Callable[[str], bool],
                             df: Mapping[str, int] | None = None
                             ) -> tuple[str, list[tuple[str, str]]] | None:
    """A name in Devanagari with the letters Hindi writes without their nukta read as the
    Urdu sounds they stand for (:data:`_NUKTA_LESS`: हाफिज सईद, Hafiz Saeed, not Haphij;
    अजहर, Azhar), and व as the w of such names (जवाहिरी, Zawahiri): in each word whose
    letters as written make no word of the lists (``known``), those letters that make one,
    the fewest first and of as few the word more list names have (``df``); the reading and
    the words read so, or None for none."""
    if not _DEVANAGARI_ANY.search(text):
        return None
    done: list[tuple[str, str]] = []

    def read(m: re.Match[str]) -> str:
        word = m.group(0)
        letters = [x.start() for x in _NUKTA_LESS.finditer(word)]
        wa = "\u0935" in word  # (व, v, is the w of names of Arabic origin: जवाहिरी)
        if not (letters or wa) or len(letters) > _MAX_NUKTA_LETTERS or known(
                _folded_word(_devanagari_word(word))):
            return word
        # (the fewest letters read otherwise, the commoner word, the word, and what stands
        # for it in the reading: the word with its dots, or the Latin word where व is read w)
        best: tuple[int, int, str, str] | None = None
        for k in range(1 << len(letters)):
            marked = {p for b, p in enumerate(letters) if k >> b & 1}
            dotted = "".join(c + ("\u093c" if i in marked else "") for i, c in enumerate(word))
            latin = _folded_word(_devanagari_word(dotted))
            spellings = [(latin, 0)] + ([(latin.replace("v", "w"), 1)] if wa else [])
            for spelled, w in spellings:
                if (k or w) and spelled and known(spelled):
                    key = (len(marked) + w, -(df or {}).get(spelled, 0), spelled,
                           dotted if spelled == latin else spelled)
                    best = key if best is None or key < best else best
        if best is None:
            return word
        done.append((word, best[2]))
        return best[3]

    out = _DEVANAGARI_WORD.sub(read, text)
    return (out, done) if done else None


def _devanagari_latin(text: str) -> str:
    """Each Devanagari word of ``text`` in Latin letters (:func:`_devanagari_word`)."""
    return _DEVANAGARI_WORD.sub(lambda m: _devanagari_word(m[0]), text)


# Arabic and Persian letters written several ways: one form each (hamza seats, alef forms,
# Persian yeh and keheh, alef maqsura, ta marbuta), and the marks that are not letters
_ARABIC_FOLD = str.maketrans({
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا", "ى": "ي", "ی": "ي", "ې": "ي",
    "ۍ": "ي", "ئ": "ي", "ؤ": "و", "ک": "ك", "ڪ": "ك", "ە": "ه", "ۀ": "ه", "ة": "ه", "ۃ": "ه",
    # Urdu letters: heh goal and do-chashmi heh, yeh barree, noon ghunna, the retroflexes
    "ہ": "ه", "ۂ": "ه", "ھ": "ه", "ے": "ي", "ۓ": "ي", "ں": "ن", "ٹ": "ت", "ڈ": "د", "ڑ": "ر",
    "ـ": None, "ء": None, "\u200c": " ", "\u200d": None, "\u200f": None, "\u200e": None,
    "٠": "0", "١": "1", "٢": "2", "٣": "3", "٤": "4", "٥": "5", "٦": "6", "٧": "7", "٨": "8",
    "٩": "9", "،": " ", "؛": " ",
})
ARABIC_TITLES = frozenset(w.translate(_ARABIC_FOLD) for w in _ARABIC_TITLE_WORDS.split())
ARABIC_NAME_TITLES = frozenset(w.translate(_ARABIC_FOLD)
                               for w in _ARABIC_NAME_TITLE_WORDS.split())


def _title_word(word: str | None) -> str | None:
    """An Arabic-script word as the title tables write it: without its article (الشيخ)."""
    if word is not None and word.startswith("ال") and len(word) > 4:
        return word[2:]
    return word


# the vowel marks, shadda and Quranic signs of Arabic script (written in some names, not in
# others)
ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_AR_ABD = re.compile(r"(?<!\S)عبد(?=ال)")
# Abd glued to the name before it, its own name after it (محمدعبد البصير: Mohammad Abdul Basir)
_AR_ABD_AFTER = re.compile(r"(?<!\S)(\S{3,})عبد(?=\s+ال)")
# Abu and Allah glued to the next word (ابوطالبي: Abu Talebi, Aboutalebi; اللهكرم: Allah-Karam)
# (not Abu before the article's lam, glued or alone: ابوالقاسم, ابولقسم read whole)
_AR_ABU_ALLAH = re.compile(r"(?<!\S)(ابو(?!ل)|الله)(?=\S{3})")
_AR_ARTICLE = re.compile(r"(?<!\S)ال(?=\S\S)(?!له(?!\S))")
# a name glued to the next one's article, as people type in a hurry (بشارالاسد: Bashar
# al-Assad; نورالدين: Nur al-Din): the article of three letters or more, after three or more
# (not Allah: نصرالله; not the a-l of a word: جلال, كمال, بلال)
_AR_ARTICLE_INSIDE = re.compile(r"(?<=\S{3})(?<!عبد)ال(?=\S{3})")
# a chain of "son of" (X بن Y بن Z) with one بن glued to the next name (بنحسين: bin Hussein)
_AR_BIN_ALONE = re.compile(r"(?<!\S)بن(?!\S)")
_AR_BIN_GLUED = re.compile(r"(?<!\S)بن(?=[^\sد]\S{2})")
# Seyed glued to the name it honours, as Persian writers often write it (سیدحسن نصرالله,
# سیدعلی: Seyed Hassan, Seyed Ali); not a family name made of it (سیدی, سیدزاده, سیدپور)
_AR_SAYYID_GLUED = re.compile(r"(?<!\S)سيد(?=\S{3})(?!زاده|پور|نژاد|ان(?!\S))")
_ARABIC_ANY = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
# the Persian ending -ei written after a final heh, glued, after a half space (ZWNJ) or a
# space (خامنه‌ای, خامنه ای: Khamenei): one word, spelled as خامنئی is
_FA_HEH_EI = re.compile("ه[\u200c ]?[اأ][یيى](?!\\S)")
# the same written apart with the Arabic letters, as a Persian name is typed on an Arabic
# keyboard (خامنه اي): no Arabic name ends so
_FA_HEH_EI_APART = re.compile("(?<=\\S)ه[\u200c ][اأ][يى](?!\\S)")


# Persian (and Urdu, Pashto: told by their own letters) say the Arabic emphatics as z, s and
# t: رضا is Reza, not Rida
_PERSIAN_LETTERS = re.compile("[پچژگیکۀہۂھےۓںٹڈڑ]")
_PERSIAN_SOUNDS = str.maketrans({"ض": "ز", "ظ": "ز", "ذ": "ز", "ث": "س", "ص": "س", "ط": "ت"})


def is_cyrillic_word(word: str) -> bool:
    """Whether a word is written in Cyrillic letters."""
    return _CYRILLIC_ANY.search(word) is not None


def persian_script(text: str) -> bool:
    """Whether Arabic-script text is written with the letters of Persian (or Urdu, Pashto)."""
    return _PERSIAN_LETTERS.search(text) is not None


# the words that end Persian family names (-zadeh, born of; -pour, son of; -nejad, of the
# stock of), written after a space or a half space (ZWNJ): رضا زاده is Rezazadeh, one name,
# not Reza and a word more (علی اكبر رضا زاده met RAZA, Syed Ali at 0.83), and آخوند زاده is
# Akhundzadeh
_FA_FAMILY_ENDING = re.compile(
    "(?<=[\u0621-\u064a\u066e-\u06d3])[\u200c ]+(زاده|زادہ|زادگان|پور|نژاد)(?![\u0600-\u06ff])")


def ends_a_persian_family_name(text: str) -> bool:
    """The text has a word that ends a Persian family name after the word it ends (رضا زاده):
    its words are in their natural order."""
    return _FA_FAMILY_ENDING.search(text) is not None


# the letters Pashto, Sorani Kurdish and Uyghur write and Persian and Arabic lack, which
# ICU drops (ګلبدین read lbdyn): as the Persian letters of their sounds, as names written in
# Dari, Persian and Arabic have them (Pashto ګ g, ټ t, ډ d, ړ r, ږ zh, ڼ n, ځ z, څ s, ښ sh;
# Kurdish ڕ r, ڵ l, ۆ o, ێ e; Uyghur ۇ u, ۈ u)
_OTHER_ARABIC_SCRIPT = str.maketrans({
    "ګ": "گ", "ټ": "ت", "ډ": "د", "ړ": "ر", "ږ": "ژ", "ڼ": "ن", "ځ": "ز", "څ": "س", "ښ": "ش",
    "ڕ": "ر", "ڵ": "ل", "ۆ": "و", "ێ": "ی", "ۇ": "و", "ۈ": "و"})
_OTHER_ARABIC_LETTERS = re.compile("[ګټډړږڼځڅښڕڵۆێۇۈ]")


def arabic_prepare(text: str, articles: bool = True) -> str:
    """Arabic-script text with one form per letter, and its articles and ``Abd`` compounds
    written apart as the Latin lists write them (عبدالخالق الحوثي: عبد ال خالق ال حوثي);
    ``Allah`` (الله) stays whole. Persian text (told by its letters) gets Persian sounds;
    Pashto, Kurdish and Uyghur letters are read as the Persian letters of their sounds."""
    if _OTHER_ARABIC_LETTERS.search(text):
        text = text.translate(_OTHER_ARABIC_SCRIPT)
    text = _FA_FAMILY_ENDING.sub(r"\1", unicodedata.normalize("NFKC", text))
    if persian_script(text):
        text = _FA_HEH_EI.sub("ئی", text).translate(_PERSIAN_SOUNDS)
    else:
        text = _FA_HEH_EI_APART.sub("ئي", text)
    text = ARABIC_MARKS.sub("", text.translate(_ARABIC_FOLD))
    text = _AR_ABD.sub("عبد ", text)
    text = _AR_ABD_AFTER.sub(r"\1 عبد", text)
    text = _AR_ABU_ALLAH.sub(r"\1 ", text)
    text = _AR_SAYYID_GLUED.sub("سيد ", text)
    if _AR_BIN_ALONE.search(text):
        text = _AR_BIN_GLUED.sub("بن ", text)
    if articles:
        return _AR_ARTICLE.sub("ال ", _AR_ARTICLE_INSIDE.sub(" ال", text))
    return text


# the words of a text for their transliterations: hyphens and brackets apart (علی-رضا)
_WORD_PARTS = re.compile(r"[^\s\-\u2010-\u2015/(),.;:]+")

# an apostrophe (or ayn, hamza, soft-sign prime) inside a word does not split it:
# Mu'ammar is one name, muammar
_INNER_APOSTROPHE = re.compile(
    "(?<=[A-Za-z])['\u2019\u02bc\u02bb\u02bf\u02be\u02b9`\u00b4](?=[A-Za-z])")


_MTAVRULI = re.compile("[\u1c90-\u1cbf]")


@lru_cache(maxsize=200_000)
def to_latin(text: str) -> str:
    """Latin ASCII form of a text in any script (lower-cased).

    ASCII text passes through; Latin text with diacritics is decomposed and stripped of its
    marks (fast, in Python); Cyrillic goes through BGN/PCGN; any other script through ICU
    ``Any-Latin``. An apostrophe inside a word never splits it."""
    if text.isascii():
        return _INNER_APOSTROPHE.sub("", text).lower()
    if _CYRILLIC_ANY.search(text):
        text = _cyrillic_latin(text)
    if _ARABIC_ANY.search(text):
        text = arabic_prepare(text)
    if _GREEK_ANY.search(text):
        text = _greek_latin(text)
    if _DEVANAGARI_ANY.search(text):
        text = _devanagari_latin(text)
    if MYANMAR_ANY.search(text):
        text = burmese_latin(text)  # (syllable by syllable, as names are spelled)
    katakana = _KATAKANA_ANY.search(text) is not None
    if _MTAVRULI.search(text):
        # Georgian in capitals (Mtavruli), as headlines and forms write names: the letters
        # ICU romanises are the small ones (ᲑᲘᲫᲘᲜᲐ, ბიძინა: Bidzina)
        text = text.lower()
    text = text.translate(_LATIN_SPECIAL)
    if all(ord(c) < 0x250 or unicodedata.category(c) in ("Mn", "Zs", "Pd", "Po", "Pf", "Pi")
           for c in text):
        decomposed = unicodedata.normalize("NFKD", text)
        out = "".join(c for c in decomposed if not unicodedata.combining(c))
        if not out.isascii():
            out = _icu().transliterate(out)  # type: ignore[attr-defined]  # (Ŧ, ƒ, ȼ)
    else:
        out = _icu().transliterate(text)  # type: ignore[attr-defined]
        if katakana:
            # ICU writes ヴィ as vu~i, a small vowel after a mora with a tilde: one mora, vi
            # (ヴィクトル, Viktor: vikutoru, not the two words vu and ikutoru)
            out = _KANA_TILDE.sub("", out).replace("~", "")
    if not out.isascii():
        out = _NON_ASCII.sub("", _INNER_APOSTROPHE.sub("", out))
    return _INNER_APOSTROPHE.sub("", out).lower()


_TOKEN_SPLIT = re.compile(r"[^a-z0-9]+")
_ROMANISATION_APOSTROPHES = re.compile("[\u2018\u2019\u02bc']")


def romanised_words(name: str) -> list[str]:
    """The words of a list name in Latin letters, lower case, the apostrophes of a
    romanisation dropped inside them (Ch\u2019oe Ryong-hae: choe, ryong, hae)."""
    return re.findall("[a-z]+", _ROMANISATION_APOSTROPHES.sub("", name.lower()))


def tokenize_ascii(text: str) -> list[str]:
    return [t for t in _TOKEN_SPLIT.split(text.lower()) if t]


# ------------------------------------------------------------------------ skeletons

_DIGRAPHS = [("sch", "s"), ("tch", "c"), ("kh", "k"), ("gh", "g"), ("sh", "s"), ("ch", "c"),
             ("th", "t"), ("dh", "d"), ("ph", "f"), ("zh", "j"), ("ts", "c"), ("tz", "c"),
             ("dj", "j"), ("ck", "k"), ("ou", "u"), ("ee", "i"), ("oo", "u"), ("q", "k"),
             ("x", "ks"), ("c", "k"), ("w", "v"), ("z", "s")]
_VOWELS = set("aeiouyvj")


@lru_cache(maxsize=200_000)
def skeleton(token: str) -> str:
    """Consonant skeleton of a Latin token: where transliterations of the same name meet.

    ``Mohamed``, ``Muhammad``, ``Mohammed`` and Arabic-script ``محمد`` (ICU: ``mhmd``) all give
    ``mhmd``; ``Yusuf``, ``Youssef`` and ``Jusuf`` give ``sf``; ``Kani`` and ``Kana`` give
    ``kn``. Letters that transliterations drop or swap (vowels, y/j/w/v semivowels, the ``h``
    of digraphs) are dropped, doubled letters collapsed."""
    s = token
    for a, b in _DIGRAPHS:
        if a in s:
            s = s.replace(a, b)
    out = []
    prev = ""
    for ch in s:
        if ch in _VOWELS or ch.isdigit():
            prev = ""
            continue
        if ch == prev:
            continue
        out.append(ch)
        prev = ch
    return "".join(out)


_VOWEL = re.compile(r"[aeiou]")
_NO_VOWELS_Y = str.maketrans("", "", "aeiouy")
_DOUBLED = re.compile(r"(.)\1+")


@lru_cache(maxsize=100_000)
def no_vowels(word: str) -> bool:
    """A word of three letters or more with no vowel after its first letter (Mhmd, Tjrt):
    a name written with its consonants only, as notes, payment fields and quick typists
    write it. A y may be the word's vowel (Rym): a word with one needs three consonants
    besides (Mylh for Mayaleh, Hsyntsh for Hoseynitash); a word that begins with a vowel,
    four letters (Erpsch for Europaisch; and, old and Amr are words of their own)."""
    return len(word) >= (4 if word[0] in "aeiou" else 3) and word.isalpha() and (
        _VOWEL.search(word, 1) is None) and ("y" not in word[1:] or len(
            consonant_key(word)) >= 3)


def consonants(word: str) -> str:
    """A word's first letter and the consonants after it as written, y dropped (Cacique:
    ccq)."""
    return word[0] + word[1:].translate(_NO_VOWELS_Y)


@lru_cache(maxsize=100_000)
def consonant_key(word: str) -> str:
    """:func:`consonants` with a doubled letter written once (Muhammad and Mhmmd: mhmd;
    Mayaleh: mlh): where a word written without its vowels meets the word."""
    s = consonants(word)
    return _DOUBLED.sub(r"\1", s) if _DOUBLED.search(s) else s


def vowels_dropped(short: str, full: str) -> bool:
    """``short`` is ``full`` written without its vowels (Nkl: Nikolai, Vhd: Vahidi,
    Erpsch: Europaisch, Hbb: Habib), the first letter kept."""
    return (no_vowels(short) and not no_vowels(full) and short[0] == full[0]
            and len(full) > len(short) and len(c := consonant_key(short)) >= 2
            and c == consonant_key(full))


_STRICT = [("kh", "x"), ("sh", "$"), ("ch", "$"), ("th", "T"), ("dh", "D"), ("gh", "G"),
           ("dj", "j"), ("ph", "f"), ("q", "k"), ("ou", "u"), ("w", "v"), ("z", "s")]


@lru_cache(maxsize=100_000)
def strict_skeleton(token: str) -> str:
    """Like :func:`skeleton`, but digraphs stay distinct consonants (``kh`` is not ``k``):
    for comparing a vowel-less transliteration (Arabic script) with a Latin spelling."""
    s = token
    for a, b in _STRICT:
        if a in s:
            s = s.replace(a, b)
    out = []
    prev = ""
    for ch in s:
        if ch in _VOWELS or ch.isdigit():
            prev = ""
            continue
        if ch != prev:
            out.append(ch)
        prev = ch
    return "".join(out)


# ------------------------------------------------------------------------- tokens

_ABD = re.compile(r"^abd(?:[aeiou])?([lrnsztd])?(.*)$")


def split_compounds(tok: str, arabic: bool = False) -> list[str]:
    """Split glued Arabic compounds: ``abdurrahim`` -> ``abd rahim``, ``abdullah`` -> ``abd
    lah``, ``abusaif`` -> ``abu saif``; and in text transliterated from Arabic script, where
    ``al`` is always the article, ``alkany`` -> ``al kany``. In Latin text a glued ``al`` stays
    (``Alexander``); the token carries the form without it as an alternative instead."""
    if not arabic and len(tok) >= 4 and (tok[:2] == "bd" or (
            tok[0] in _A_KEYS and tok[1:3] == "bd")):
        # Abdul with its first letter dropped or another key beside it (bdul, Bdullah,
        # Qbdullah, Sbdolfatah): no name begins so
        whole = "a" + (tok if tok[:2] == "bd" else tok[1:])
        if whole.startswith(_ABD_HEADS):
            return split_compounds(whole, arabic)
    if tok.startswith("abd") and len(tok) >= 7:
        m = _ABD.match(tok)
        if m:
            cons, rest = m.group(1) or "", m.group(2)
            if cons == "l" or cons == "":
                rest = rest
            elif not rest.startswith(cons):
                rest = cons + rest
            if len(rest) >= 3:
                return ["abd", rest]
    if len(tok) >= 7 and tok[0] == "a" and not tok.startswith(("abd", "abu", "abo")) and (
            not arabic):
        # one typo inside the head of an Abd compound (ADBULLAH, ABCDULLAH); the script has
        # no typos of this kind (اسدالله is Asadollah, not Abdallah); the head is Abd's
        # only before a name Abd heads (Absolute, Adelmohammad, Afdeling are no Abd-)
        for k in (4, 5, 6):
            head = tok[:k]
            for h in _ABD_HEADS:
                if head != h and abs(len(h) - k) <= 1 and len(tok) - k >= 3 and OSA.distance(
                        head, h, score_cutoff=1) <= 1:
                    parts = split_compounds(h + tok[k:], arabic)
                    if len(parts) == 2 and parts[1].startswith(_ABD_SECONDS):
                        return parts
    if tok in _ABD_WORDS or _abd_typo(tok) or _abd_slip(tok):
        return ["abd"]  # (Agdul, Abdyl, Abcel, Abdukl, Abdlu: one typo inside Abdul is Abd)
    m2 = _ARTICLE_GLUED.match(tok)
    if m2 and len(tok) >= 6 and arabic:
        return [tok[:2], tok[2:]]
    if tok.startswith("abou") or tok.startswith("abu"):
        rest = tok[4:] if tok.startswith("abou") else tok[3:]
        if len(rest) >= 4:
            return ["abu", *split_compounds(rest, arabic)]
    return [tok]


# Russian names as older French, German and English spellings end them: -off and -eff for -ov
# and -ev (SEROFF, GUSEFF), -vitch, -vittch, -witsch for -vich
_SLAVIC_ENDING = re.compile(r"(?<=[a-z]{3})(?:(o|e)ff|(v|w)(?:itt?ch|itsch))$")


def _slavic_ending(m: re.Match[str]) -> str:
    return m.group(1) + "v" if m.group(1) else "vich"


_ABD_HEADS = ("abdul", "abdel", "abdal", "abdol", "abdur", "abdus")
_A_KEYS = frozenset("qwsz")  # the keys beside a
_ABD_L_HEADS = ("abdul", "abdel", "abdal", "abdol")


def _abd_typo(tok: str) -> bool:
    """A word that is Abdul (Abdel, Abdal, Abdol) with one typo: a letter changed (AGDUL,
    ABDYL, ABCEL) or one put in before the last letter (ABDUKL, ABBDUL). The last letter stays
    ``l`` and a five-letter word opens with ``ab`` or ends in ``ul`` / ``el``, so that names
    one letter from Abdul are left alone (Abdou, Abduh, Ahdal)."""
    if len(tok) == 5 and tok[0] == "a" and tok not in _ABD_HEADS:
        if tok[-2:] in ("ul", "el") and OSA.distance(tok, "abdul", score_cutoff=1) <= 1:
            return True
        return tok[:2] == "ab" and tok[-1] == "l" and any(
            OSA.distance(tok, h, score_cutoff=1) <= 1 for h in _ABD_L_HEADS)
    if len(tok) == 6 and tok[0] == "a" and tok[-2:] != "ll" and tok[-1] == "l":
        return any(tok[:i] + tok[i + 1:] in _ABD_L_HEADS for i in range(1, 5))
    return False


def _abd_slip(tok: str) -> bool:
    """Abdul (Abdel, Abdal, Abdol) with its l typed as a key beside it (ABDUK, ABDUO) or
    put before its vowel (ABDLU): words no name is (Abduh, Abdou, Abdah are names)."""
    return len(tok) == 5 and tok[:3] == "abd" and (
        (tok[3] in "aeou" and tok[4] in "kop") or (tok[3] == "l" and tok[4] in "aeou"))


# the beginnings of the names an Abd compound is written with (the names of God, Allah in its
# glued forms, and the names Shia and South Asian use puts after Abd: Abdolreza, Abdul Nabi)
# (each beginning once, none that a shorter one begins: kar for Karim and Kareem)
_ABD_SECONDS = tuple("""lah llah ulla rahm rahim aziz selam slam qad kad qud kud ham maj mej
lat wah raz raq hak hal jab ghaf gaf bar bas nas nac mal sam sat jal ghan rauf raouf raof
had hay hai qay kay wad mut haf khal fat mum man nur noor rab ilah was baq nab ami ali zah
hus hos mohs muhs muhy rez ras reh sal sab sha kab kar qah kah mun wal jaw mot mom
aal""".split())
_ABD_WORDS = frozenset({"abdul", "abdel", "abdal", "abdol", "abdil", "abdu", "abde", "abdoul",
                        "abdool", "abdur", "abdus", "abdoo", "abdull", "abdl"})
_CANON_ARABIC = {"bn": "bin", "abn": "bin", "wld": "ould", "abw": "abu"}
_CANON = {"abou": "abu", "abo": "abu", "ibn": "bin", "ben": "bin", "bint": "bin", "binti": "bin",
          "el": "al", "ul": "al"}

_DOTTED_WORD = re.compile(r"(?<![a-z])([a-z]+)\.")

# a person's generation, after the name (John SMITH Jr., Sr, III); the numerals only in a
# name known to be a person's (Fund II is another fund)
# (and младший, старший, as Russian writes them after a name: Евгений Примаков-младший is
# Yevgeny Primakov Jr; молодший, старший in Ukrainian)
_GENERATIONS = frozenset("""jr jnr junior sr snr senior mladshiy mladshii mladshy starshiy
starshii starshy starshyy molodshyi molodshiy molodshyy starshyi""".split())
_GENERATION_NUMERALS = frozenset("ii iii iv".split())
# the courtesy titles written after a name, as an airline's passenger record writes it
# (ROTENBERG/ARKADY MR) and payment messages copy it (AL KANI MOHAMED MR)
_TITLES_AFTER = frozenset("mr mrs ms miss mstr mx mme mlle dr prof".split())

# Muhammad written short, as South Asian, Malaysian and Arab records write it (Md, Mohd, Muhd,
# Mhd), in every name (companies are named after people: MHD Nazier Houranieh & Sons Co; an
# MD read so in a company's name is read so in the list's too)
_GIVEN_SHORT = {"md": "mohammed", "mohd": "mohammed", "muhd": "muhammad", "mhd": "mohammed",
                "mohmd": "mohammed", "muhamd": "muhammad"}


def by_fields(obj: Any) -> tuple[type, tuple[Any, ...]]:
    """``__reduce__`` of the dataclasses screening pickles (a stored index holds its list
    names' tokens and forms): the class and its fields in order, the same pickle whether
    the module runs compiled (:mod:`sanctio.native`, whose classes keep no ``__dict__``) or
    as Python, so an index stored by one is read by the other."""
    return type(obj), tuple(getattr(obj, f.name) for f in fields(obj))


@dataclass(slots=True)
class Token:
    text: str  # ascii lower-case form
    role: Role
    skel: str
    number: int | None = None
    alt: str | None = None  # the form without a glued article (alkani -> kani)
    abjad: bool = False  # transliterated from a script that writes no short vowels (Arabic)
    orig: str | None = None  # the word in its own script, when that script is an abjad
    short: bool = False  # written short (Alex., Gen., Inv.) or cut off (Screener._cut_off)
    han: str | None = None  # the Chinese character a syllable was read from
    aspirated: bool = False  # a McCune-Reischauer aspirate marked with its apostrophe (Ch'un)
    acronym: bool = False  # a list's acronym of the organisation's name (MERI): letters
    # a family name written with the Czech or Slovak feminine -ová (Mizulinová, Dorochovová)
    ova: bool = False

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return by_fields(self)

    @property
    def symbols(self) -> frozenset[str]:
        if self.role != Role.NAME or self.acronym:
            return _EMPTY
        if self.orig is None:
            return symbols_of(self.text)
        # علي is Ali: the transliteration (ly) lost the vowels, the word itself did not
        return symbols_of(self.text) | symbols_of(self.orig)


def as_generation(form: NameForm) -> NameForm | None:
    """A Latin name of unknown kind whose last word is a generation numeral (II, III, IV)
    after two name words or more, none a business word, with no legal form (Reza OMIDI II),
    read as a person's name reads it: the numeral a generation, set aside as Jr. is; a
    company's or a fund's number stays a word of its name (Fund II is another fund). None
    for any other name."""
    words = form.scoring
    if not form.unknown_kind or form.legal or form.script != "Latin" or len(words) < 3 or (
            words[-1].text not in _GENERATION_NUMERALS or words[-1] is not form.tokens[-1]) or (
            any(t.role != Role.NAME for t in words)):
        return None
    last = replace(words[-1], role=Role.TITLE)
    return replace(form, tokens=[*form.tokens[:-1], last], scoring=words[:-1])


def known_name(t: Token) -> bool:
    """A given or family name rigour knows (a Wikidata name symbol)."""
    return any(s.startswith("[NAME:") for s in t.symbols)


@dataclass(slots=True)
class NameForm:
    """A name prepared for comparison."""

    original: str
    latin: str  # the transliterated, folded text
    tokens: list[Token]
    legal: frozenset[str]  # legal-form classes found (LLC, JSC ...)
    script: str  # Latin, Arabic, Cyrillic, Han, ...
    scoring: list[Token] = field(default_factory=list)  # the tokens that are compared
    person: bool = False  # analysed as a person's name (org=False)
    unknown_kind: bool = False  # analysed as a name of unknown kind (org=None)
    cut: bool = False  # its end cut off, as a field too short cuts it (see Screener._cut_off)
    cut_form: str | None = None  # the word of a legal form cut off and left out (LIMIT)
    cut_within: int = 0  # the longest list word the word cut off may begin (0: any)

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return by_fields(self)

    @property
    def name_tokens(self) -> list[Token]:
        return [t for t in self.tokens if t.role in (Role.NAME, Role.NUMBER, Role.GENERIC)]

    @property
    def compact(self) -> str:
        return "".join(t.text for t in self.tokens if t.role in (Role.NAME, Role.NUMBER))


_ROMAN = re.compile(r"^[ivx]{2,5}$")
# the English number words a name of unknown kind may write (Office Thirty-Nine, Mining
# Enterprise Two), not the roman numerals (Xi is a name)
ENGLISH_NUMBER_WORDS = frozenset(k for k in _ORDINAL_WORDS if not _ROMAN.match(k))
# the words of Russian legal forms typed in Latin letters as rigour spells them (a name
# written in Cyrillic spells them as its transliteration does, aktsionernoye, and its forms
# are found in the Cyrillic: there those words are no typos)
_TYPED_RUSSIAN = frozenset({"obshchestvo", "ogranichennoi", "otvetstvennostiu", "aktsionernoe"})
# words of legal forms and of generic organisation names, long enough that one typo in them
# (COMPNAY, LIMTED, CORPORATOIN) is still recognisable
_LEGAL_WORDS = sorted({w for w in """
company limited corporation incorporated liability partnership cooperative
aktiengesellschaft gesellschaft responsabilidad limitada anonyme private public military
closed society additional responsibility federal unitary enterprise budgetary institution
republican
""".split() if len(w) >= 6} | _TYPED_RUSSIAN)
# short words of legal forms: corrected only beside another word of a legal form (PUBLIC
# JONT-STOCK COMPANY, FEDERAL STQTE UNITARY ENTERPRISE), and found glued to one another
# (JOINTSTOCK)
_LEGAL_SHORT = ("joint", "stock", "open", "state")
_LEGAL_WORD_SET = frozenset(_LEGAL_WORDS)
# unlimited liability, as Spanish and Portuguese write it: the opposite of the limited one it
# is a letter from (S.P.R. DE R.I., SOCIEDAD DE PRODUCCION RURAL DE RESPONSABILIDAD
# ILIMITADA), never a typo of it
_UNLIMITED = frozenset({"ilimitada", "ilimitado"})


# legal-form acronyms long enough that one typo in them is still recognisable where a legal
# form stands, first or last in a company's name (PJSVC DALPRIBOR, ALEVKURP OJSX)
_LEGAL_ACRONYMS = ("ojsc", "pjsc", "cjsc", "ltda", "gmbh", "sarl", "sprl", "bvba", "fzco",
                   "eood")


# Belarusian legal forms that rigour's tables lack, as the forms they are: a foreign or a
# joint-venture OOO (ИООО, СООО), a closed joint-stock company (ЗТАА: ЗАО), a private or a
# foreign unitary enterprise (ЧУП, ЧТУП, ИУП), which are companies of one owner (an OOO)
_LEGAL_VARIANTS = {"iooo": "ooo", "sooo": "ooo", "ztaa": "zao", "chup": "ooo", "chtup": "ooo",
                   "iup": "ooo"}


# Russian legal forms of state enterprises as they are typed in Latin letters (and their
# English acronym), which rigour knows only in Cyrillic or written out: as the forms they are
# (FGUP and FSUE first or last in the name, GUP first; not SUE, ANO, TOO, which are words of
# names too: Sue Smith)
_TYPED_FORMS = {"fgup": "federal state unitary enterprise",
                "fsue": "federal state unitary enterprise", "gup": "state unitary enterprise"}


def _acronym_like(word: str) -> bool:
    """A word with the vowels of an acronym, no given name's: one vowel at most, or two
    consonants at its end (OUJSC, PJSVC; not Sara, Saul, Lida)."""
    vowels = [c in "aeiouy" for c in word]
    return sum(vowels) <= 1 or (len(word) >= 2 and not vowels[-1] and not vowels[-2])


# words of legal forms that end a name: a form at one end, no typo of one at the other
_FORM_ENDS = frozenset({"limited", "ltd", "inc", "incorporated", "gmbh", "llc", "plc"})


_SOUND_FOLDS = (("ph", "f"), ("ck", "k"), ("ee", "i"), ("oo", "u"), ("ou", "u"), ("q", "k"),
                ("w", "v"))


@lru_cache(maxsize=100_000)
def sounds(word: str) -> str:
    """A word as it sounds in English, to meet the spellings of one word that sound alike
    (LEEMITED, LIMITED; Kompany, Company; Koral, Coral): ph, ck, ee, oo, ou, q, w as f, k, i,
    u, u, k, v, a hard c as k, y after the first letter as i, consonants written twice once. Not
    s and z nor th and t, which are other names in the languages the lists romanise (Ziyad,
    Siyad; Thamer, Tamer)."""
    w = word
    for a, b in _SOUND_FOLDS:
        w = w.replace(a, b)
    w = _HARD_C.sub("k", w)
    return _DOUBLED_CONSONANT.sub(r"\1", w[:1] + w[1:].replace("y", "i"))


_HARD_C = re.compile(r"c(?![eiy])")


# (a vowel written twice is a long one, or two: Aamir is not Amir, Kanaan not Kannan)
_DOUBLED_CONSONANT = re.compile(r"([b-df-hj-np-tv-z])\1+")


def _by_sound(words: list[str]) -> dict[str, str]:
    """Each word by its sound, where no other of ``words`` sounds the same."""
    heard = Counter(sounds(w) for w in words)
    return {sounds(w): w for w in words if heard[sounds(w)] == 1}


# the words of legal forms by their sound (only where one word sounds so)
_LEGAL_SOUNDS = _by_sound(_LEGAL_WORDS)


def _fix_legal_typos(text: str, cyrillic: bool = False, org: bool | None = True,
                     typed: frozenset[str] | None = None) -> str:
    """One typo inside a long legal-form word is corrected (HAVIN BANK COMPNAY LIMITED), and
    in a legal-form acronym first or last in the name (PJSVC DALPRIBOR; in a name of unknown
    kind, ``org`` None, only beside a business word or with the vowels of an acronym: Sara
    Khaldi is no SARL Khaldi, Saul no SARL); in a name written in Cyrillic, a legal form
    rigour does not know is written as the one it is (ИООО: OOO); in Latin letters, so is a
    Russian one typed in them (FGUP, FSUE: rigour knows them in Cyrillic or written out
    only). Given ``typed``, only those words are corrected (the words typed in Latin
    letters in a name of another script)."""
    if not cyrillic:
        # the Russian limited and joint-stock companies typed in Latin letters as the lists
        # spell them (OBSCHESTVO, OTVETSTVENNOSTYU, OTVESTVENNOSTYU): as rigour knows them,
        # first, so that a typo is one from those (the typos' fixes are those forms)
        # (each pattern tried where its words can be: most names have none)
        if "estvo" in text:
            text = _RU_SOCIETY.sub("obshchestvo", text)
        if "ogranichennoi" in text:
            text = _RU_LIABILITY.sub("otvetstvennostiu", text)
    words = tokenize_ascii(text)
    fixes = {}
    for a, b in pairwise(words):
        if a == b and (a in _LEGAL_WORD_SET or a in _LEGAL_SHORT or a in _FORMS_TWICE) and (
                typed is None or a in typed):
            # a word of a legal form written twice (LIMITED LIABILITY LIABILITY COMPANY,
            # COMPANY PTE PTE LTD)
            text = re.sub(r"(?<![a-z0-9])(" + re.escape(a) + r")[\s,.-]+\1(?![a-z0-9])",
                          r"\1", text)
    # a dotted form written twice (VALPARK, S.A. S.A. DE C.V.), or glued to the name before
    # it (ESPARTAS.A. DE C.V.)
    if "." in text:
        text = _DOTTED_TWICE.sub(lambda m: m.group(1) if m.group(1).replace(".", "") in (
            _FORMS_TWICE) else m.group(0), text)
        text = _SA_GLUED.sub(r" \1", text)
    for m in _SHORT_WORD.finditer(text):
        # a word of a legal form written short, beside another (State Unitary Ent., Fed.
        # State Unitary Enterprise): the word it begins, where it begins one only
        w, k = m.group(1), m.start(1)
        full = [c for c in _LEGAL_WORDS if c.startswith(w) and c != w]
        near = [*tokenize_ascii(text[max(0, k - 16):k])[-1:],
                *tokenize_ascii(text[m.end():m.end() + 16])[:1]]
        if len(full) == 1 and w not in _LEGAL_WORD_SET and any(
                x in _LEGAL_WORD_SET or x in _LEGAL_SHORT for x in near) and (
                typed is None or w in typed):
            fixes[w + "."] = full[0]
    for k, w in enumerate(words):
        # a word of a legal form written without its vowels, beside another (PRVT MILITARY
        # COMPANY, Federal Stt Unitary Entrprs): the one word of a form with its consonants
        if len(w) >= 3 and _vowelless(w) and w not in _LEGAL_WORD_SET and any(
                x in _LEGAL_WORD_SET or x in _LEGAL_SHORT for x in words[max(0, k - 1):k + 2]):
            full = [c for c in (*_LEGAL_WORDS, *_LEGAL_SHORT) if _vowelless(c, w)]
            if len(full) == 1:
                fixes[w] = full[0]
    acronyms = org is True or any(w in GENERIC or w in _LEGAL_WORD_SET for w in words)
    if len(words) >= 2:
        for w, other in ((words[0], words[-1]), (words[-1], words[0])):
            if cyrillic and w in _LEGAL_VARIANTS and words.count(w) == 1:
                fixes[w] = _LEGAL_VARIANTS[w]
                continue
            if not cyrillic and w in _TYPED_FORMS and words.count(w) == 1 and (
                    w == words[0] or w != "gup"):
                fixes[w] = _TYPED_FORMS[w]
                continue
            if (acronyms or _acronym_like(w)) and 3 <= len(
                    w) <= 5 and w not in _LEGAL_ACRONYMS and w not in GENERIC and (
                    # (a form of its own is no typo of another: SAL, not SARL)
                    not is_legal_form(w)) and (
                    # (a name with its form at the other end has no other: SARV SHIPPING
                    # COMPANY LIMITED is no SARL)
                    other not in _LEGAL_ACRONYMS and other not in _FORM_ENDS):
                for cand in _LEGAL_ACRONYMS:
                    if cand[0] == w[0] and abs(len(cand) - len(w)) <= 1 and OSA.distance(
                            w, cand, score_cutoff=1) <= 1:
                        fixes[w] = cand
                        break
    # (the typos below, in their order; then those of words of a legal form typed without
    # its diacritics dropped: no typos, Societe Anonyme is not Society)
    typos: list[tuple[str, str]] = []
    for k, w in enumerate(words):
        if 4 <= len(w) <= 6 and w not in _LEGAL_SHORT and w not in GENERIC and any(
                x in _LEGAL_WORD_SET or x in _LEGAL_SHORT for x in words[max(0, k - 1):k + 2]):
            for cand in _LEGAL_SHORT:
                if cand[0] == w[0] and w != cand + "s" and OSA.distance(
                        w, cand, score_cutoff=1) <= 1:
                    typos.append((w, cand))
                    break
        if w.startswith("joint") and w[5:] in ("stock", "stok"):
            typos.append((w, "joint stock"))
    for w in words:
        if len(w) >= 5 and w not in _LEGAL_WORD_SET and w not in GENERIC and (
                w not in _UNLIMITED):
            typo = _legal_word_typo(w, cyrillic)
            if typo is not None:
                typos.append((w, typo))
    if typos:
        # (read only where there is a typo to judge: rigour's table, folded, for each name)
        folded = {w for m, _ in _folded_org_types(text) for w in m.split()}
        for w, cand in typos:
            if w not in folded:
                fixes[w] = cand
    for k in range(1, len(words)):
        # Ko for Co, as it sounds, after a business word, last or before Ltd (KOREA SAMMA
        # SHIPPING KO, KAIKAI TECHNOLOGY KO., LTD.): a Korean family name goes first
        if words[k] == "ko" and words[k - 1] in GENERIC and (
                k == len(words) - 1 or words[k + 1] in _FORM_ENDS):
            fixes["ko"] = "co"
    # a two-word head of a legal form with one typo in one of its words, where the form's
    # last word follows (ALPA TRADING FTREE ZONE COMPANY: Free Zone Company)
    for k in range(len(words) - 2):
        a, b, c = words[k], words[k + 1], words[k + 2]
        if c not in _LEGAL_PHRASE_ENDS:
            continue
        for p0, p1 in _LEGAL_PHRASES:
            if a == p0 and b != p1 and _one_typo(b, p1):
                fixes[b] = p1
            elif b == p1 and a != p0 and _one_typo(a, p0):
                fixes[a] = p0
    for w, cand in fixes.items():
        if typed is None or w.rstrip(".") in typed:
            text = _whole_sub(w, cand, text)
    # the Spanish forms of Mexico and Central America however spaced and stopped (S.A.
    # DEC.V., S.A.DE C.V., S. DER.L., S DE RL DE CV): as rigour knows them
    if "de" in text:
        text = _SA_DE_CV.sub("s.a. de c.v.", text)
        text = _S_DE_RL.sub(lambda m: "s. de r.l." + (" de c.v." if m.group(1) else ""), text)
    # the Asian private companies however stopped and written out (SINSMS PTE. Limited,
    # Pvt. Ltd., Sdn. Berhad): as rigour knows them
    if "sdn" in text:
        text = _SDN_BHD.sub("sdn bhd", text)
    if "pt" in text or "pvt" in text:
        text = _PRIVATE_LTD.sub(r"\1 ltd", text)
    # Co. for Company at the end of a legal form written out (PRIVATE MILITARY CO., JOINT
    # STOCK CO., FREE ZONE CO.): the form is then found whole
    return _LEGAL_CO.sub(r"\1 company", text) if " co" in text else text


# legal-form acronyms a slip writes twice in a row (PTE PTE LTD)
_FORMS_TWICE = frozenset("""pte ltd llc inc co sa sl cv sarl gmbh kg ag jsc pjsc ojsc cjsc ooo
plc bv nv srl spa oy""".split())
_DOTTED_TWICE = re.compile(r"(?<![a-z0-9.])((?:[a-z]\.){2,3})[\s,]+\1(?![a-z0-9])")
_SA_GLUED = re.compile(r"(?<=[a-z]{3})(s\.\s?a\.)(?=\s*de\s*c\.?\s*v)")
# (limited cut off after four letters too, at the end: Shoon Energy Pte Limit)
_PRIVATE_LTD = re.compile(r"(?<![a-z0-9])(pte|pvt|pty)\.?,?\s*"
                          r"(?:ltd|limited|(?:limi|limit|limite)$)(?![a-z0-9])\.?")
_SDN_BHD = re.compile(r"(?<![a-z0-9])sdn\.?\s*(?:bhd|berhad)(?![a-z0-9])\.?")
_RU_YU = re.compile(r"(?<=nost)[yj]")
_RU_SOCIETY = re.compile(r"(?<![a-z0-9])ob(?:sch|shc|shh)estvo(?![a-z0-9])")
_RU_LIABILITY = re.compile(r"(?<=ogranichennoi )otvet?stvennost(?:yu|ju|iu|u|)(?![a-z0-9])")
_SA_DE_CV = re.compile(r"(?<![a-z0-9])s\.?\s*a\.?\s*de\s*c\.?\s*v(?![a-z0-9])\.?")
_S_DE_RL = re.compile(r"(?<![a-z0-9])s\.?\s*de\s*r\.?\s*l(?![a-z0-9])\.?"
                      r"(\s*de\s*c\.?\s*v(?![a-z0-9])\.?)?")


# the words of legal forms by first letter and length, in their order
_LEGAL_BY_HEAD: dict[tuple[str, int], tuple[str, ...]] = {}
for _w in _LEGAL_WORDS:
    _LEGAL_BY_HEAD[(_w[0], len(_w))] = (*_LEGAL_BY_HEAD.get((_w[0], len(_w)), ()), _w)
# each legal-form word of seven letters or more by its letters after the first: a slip of
# the first letter (IMITED, PIMITED, ORPORATION) is that word, as a long word is no other
_LEGAL_BY_TAIL = {_w[1:]: _w for _w in _LEGAL_WORDS if len(_w) >= 7}
_LEGAL_TAILED = frozenset(_LEGAL_BY_TAIL.values())


@lru_cache(maxsize=100_000)
def _legal_word_typo(w: str, cyrillic: bool) -> str | None:
    """The word of a legal form a long word is one typo from, or spelt as it sounds
    (LEEMITED, Kompany, Korporation); None for none. The first of them in the order of
    ``_LEGAL_WORDS``: those with its first letter and a length a letter off, and the one it
    sounds as."""
    # (the ending of OTVETSTVENNOSTYU as the lists spell it: one typo from that)
    spelt = _RU_YU.sub("i", w) if not cyrillic else w
    sounds_as = None if cyrillic else _LEGAL_SOUNDS.get(sounds(w))
    near = [c for n in (len(w) - 1, len(w), len(w) + 1) for c in _LEGAL_BY_HEAD.get(
        (w[0], n), ())]
    if sounds_as is not None:
        near.append(sounds_as)
    for cand in sorted(set(near), key=_LEGAL_WORDS.index):
        if (cand == sounds_as or OSA.distance(spelt, cand, score_cutoff=1) <= 1) and not (
                cyrillic and cand in _TYPED_RUSSIAN):
            return cand
    if not cyrillic:
        # its first letter another, dropped or one added before it (IMITED, PIMITED, for
        # LIMITED)
        slip = _LEGAL_BY_TAIL.get(w[1:]) or _LEGAL_BY_TAIL.get(w) or (
            w[1:] if w[1:] in _LEGAL_TAILED else None)
        if slip is not None and slip != w:
            return slip
    return None


_NO_VOWELS = str.maketrans("", "", "aeiouy")
_NO_AEIOU = str.maketrans("", "", "aeiou")


def _vowelless(word: str, written: str | None = None) -> bool:
    """Whether ``word`` has no vowel after its first letter (its y kept or not); given
    ``written``, whether that is ``word`` so written (Prvt: Private; Entrprs: Enterprise;
    Cmpny, Cmpn: Company)."""
    bare = word[0] + word[1:].translate(_NO_VOWELS)
    with_y = word[0] + word[1:].translate(_NO_AEIOU)
    if written is None:
        return word in (bare, with_y)
    return written != word and written in (bare, with_y)


_SHORT_WORD = re.compile(r"(?<![a-z0-9])([a-z]{3,6})\.")
# legal forms written out as two words and the word that ends them (Free Zone Company /
# Establishment, Joint Stock Company)
_LEGAL_PHRASES = (("free", "zone"), ("joint", "stock"))
_LEGAL_PHRASE_ENDS = frozenset({"company", "co", "establishment", "enterprise"})
_LEGAL_CO = re.compile(
    r"\b(military|partnership|liability|stock|zone) co(?:\.|(?![a-z0-9]))")


def _one_typo(word: str, target: str) -> bool:
    return len(word) >= 3 and word[0] == target[0] and OSA.distance(
        word, target, score_cutoff=1) <= 1


@lru_cache(maxsize=20_000)
def native_org_types(text: str) -> tuple[tuple[str, str], ...]:
    """rigour's legal forms in a name as written, in Latin letters with their diacritics or
    in another script (Акционерное общество, Публичное акционерное общество, Акционерно
    дружество): (matched text of the case-folded name, generic class)."""
    from rigour.names.org_types import Cleanup, Normalize, extract_org_types

    return tuple(extract_org_types(text.casefold(), Normalize.CASEFOLD, Cleanup.Noop, True))


def _native_legal_forms(text: str) -> dict[str, str]:
    """The legal forms of a name as written (:func:`native_org_types`): ASCII form ->
    class. A Cyrillic form is romanised by the language of the whole name, as the name is
    (Адкрытае акцыянернае таварыства in a Belarusian name with і and no ў is read as
    Ukrainian: adkrytae, where Russian's rules, the form's own, write adkrytaye)."""
    rules = _cyrillic_rules(text) if _CYRILLIC_ANY.search(text) else None
    return {_form_latin(matched, rules): cls.lower()
            for matched, cls in native_org_types(text)
            if not matched.isascii() and not _ROMAN.match(matched.strip())}


def _form_latin(form: str, rules: str | None) -> str:
    """:func:`to_latin` of a legal form found in a name, Cyrillic by the name's ``rules``."""
    if rules is None or not _CYRILLIC_ANY.search(form) or _cyrillic_rules(form) == rules:
        return to_latin(form)
    return to_latin(_cyrillic_latin(form, rules))


@lru_cache(maxsize=4096)
def is_legal_form(word: str) -> bool:
    """A word of two letters or more that is a legal form by itself in rigour's tables
    (gmbh, llc, ooo, sarl)."""
    return len(word) >= 2 and [m for m, _ in _org_types(word)] == [word]


def without_legal_forms(text: str) -> str:
    """A name in Latin letters (lower case, :func:`to_latin`) with its legal forms left out,
    as the analyser finds them in an organisation's name (S.A., AO, Limited Liability
    Company)."""
    return _legal_forms(to_latin(text))[0]


def _org_types(text: str) -> list[tuple[str, str]]:
    """The legal forms in an ASCII name as it is: (matched text, generic class). rigour's,
    but for a dotted form read inside a longer dotted word (S.A of S.A.L.: that word is a
    form of its own, or an acronym), and the forms its table lacks (:func:`_more_forms`)."""
    # (a name is read for its forms several times, as a company's, a person's and one of
    # either: memoised, a list of its own for each caller)
    return list(_org_types_of(text))


@lru_cache(maxsize=50_000)
def _org_types_of(text: str) -> tuple[tuple[str, str], ...]:
    from rigour.names.org_types import Cleanup, Normalize, extract_org_types

    found = [(m, cls) for m, cls in extract_org_types(text, Normalize(0), Cleanup.Noop, True)
             if not _inside_dotted(m, text)]
    for form, cls, short in _more_forms():
        if form in text:
            hit = _word_span(form, text)
            if hit is not None and short and not _forms_only(text[hit[1]:], found):
                hit = None
            if hit is None:
                continue
            spans = [(m, _word_span(m, text)) for m, _ in found]
            inside = {m for m, span in spans if span is not None
                      and hit[0] <= span[0] and span[1] <= hit[1]}
            if not any(span is not None and m not in inside and span[0] < hit[1]
                       and hit[0] < span[1] for m, span in spans):
                # (a longer form than rigour's, around it, is the form: Federalnoe
                # Gosudarstvennoe Unitarnoe Predpriyatie, of which rigour reads the last
                # three words)
                found = [(m, c) for m, c in found if m not in inside]
                found.append((form, cls))
    return tuple(found)


def _forms_only(rest: str, found: list[tuple[str, str]]) -> bool:
    """Nothing but legal forms found in a name is left in ``rest``, the end of the name
    after a short form (SAL, Limited): the short form ends the company's name."""
    for m, _ in found:
        rest = _whole_sub(m, " ", rest)
    return re.search(r"[a-z0-9]", rest) is None


def _inside_dotted(form: str, text: str) -> bool:
    """A dotted form found inside a longer dotted word: where that word goes on after it (s.a
    in s.a.l.) or began before it (s.c. in k.s.c., p.s.c.)."""
    if "." not in form:
        return False
    span = _word_span(form, text)
    return span is not None and (re.match(r"\.[a-z]", text[span[1]:]) is not None
                                 or re.search(r"(?<![a-z0-9])[a-z]\.$", text[:span[0]])
                                 is not None)


@lru_cache(maxsize=1)
def _short_more_forms() -> frozenset[str]:
    """The short forms of :func:`_more_forms` (read in a company's name only)."""
    return frozenset(form for form, _, short in _more_forms() if short)


# a form of three letters or fewer, with no full stop nor slash: a name's word but last
_SHORT_FORM = re.compile(r"[a-z]{1,3}")


@lru_cache(maxsize=1)
def _more_forms() -> tuple[tuple[str, str, bool], ...]:
    """The legal forms rigour's table lacks, shipped in ``data/legal_forms.json`` (most from
    the ISO 20275 Entity Legal Forms code list: OÜ, AB, A/S, EOOD, S.L., W.L.L., Akcinė
    bendrovė, Ανώνυμη Εταιρεία): (form in ASCII, class, short), longest first. A short
    form (:data:`_SHORT_FORM`) is read only as the last word of a name but for other legal
    forms (:func:`_forms_only`: NOUMAYRIYE 1057 SAL, Limited)."""
    from sanctio.text.shipped import shipped_doc

    doc = shipped_doc("legal_forms.json")
    out: dict[str, tuple[str, str, bool]] = {}
    try:
        entries = [(to_latin(str(e["form"])).strip(), str(e["class"]).lower())
                   for e in doc["forms"]]
    except (KeyError, TypeError):
        return ()
    for form, cls in entries:
        if form and form not in out:
            out[form] = (form, cls, _SHORT_FORM.fullmatch(form) is not None)
    return tuple(sorted(out.values(), key=lambda x: -len(x[0])))


_WORDS_ONLY = re.compile(r"[a-z]+(?: [a-z]+)*")


@lru_cache(maxsize=20_000)
def _folded_org_types(text: str) -> tuple[tuple[str, str], ...]:
    """rigour's legal forms that its table writes with diacritics, typed without them
    (Societe Anonyme, Anonim Sirketi, Osakeyhtio, Akciova Spolecnost): rigour's table read
    with its diacritics taken off (NFKD and its strong cleanup), the forms of whole words
    found in the name as written, of five letters or more (Tü, Cía are name words)."""
    from rigour.names.org_types import Cleanup, Normalize, extract_org_types
    from rigour.text.normalize import normalize

    flags = Normalize.CASEFOLD | Normalize.NFKD
    folded = normalize(text, flags, Cleanup.Strong)
    if not folded:
        return ()
    return tuple((m, cls) for m, cls in extract_org_types(folded, flags, Cleanup.Strong, True)
                 if _WORDS_ONLY.fullmatch(m) and len(m.replace(" ", "")) >= 5
                 and _word_span(m, text) is not None)


_LOWER_OR_DIGIT = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def _whole_spans(words: str, text: str) -> Iterator[tuple[int, int]]:
    """Where ``words`` stands whole in an ASCII name (no lower-case letter or digit on either
    side), left to right, none overlapping: what ``(?<![a-z0-9])words(?![a-z0-9])`` finds,
    without a pattern compiled for every word a name has."""
    n, end = len(words), len(text)
    i = text.find(words) if words else -1
    while i != -1:
        j = i + n
        if (i == 0 or text[i - 1] not in _LOWER_OR_DIGIT) and (
                j == end or text[j] not in _LOWER_OR_DIGIT):
            yield i, j
            i = text.find(words, j)
        else:
            i = text.find(words, i + 1)


def _starts(needle: str, text: str) -> Iterator[int]:
    """Every place ``needle`` begins in ``text``."""
    i = text.find(needle)
    while i != -1:
        yield i
        i = text.find(needle, i + 1)


def _whole_sub(words: str, repl: str, text: str) -> str:
    """``text`` with each place ``words`` stands whole in it (:func:`_whole_spans`) put as
    ``repl``."""
    out: list[str] = []
    last = 0
    for i, j in _whole_spans(words, text):
        out += (text[last:i], repl)
        last = j
    return "".join(out) + text[last:] if out else text


def _word_span(words: str, text: str) -> tuple[int, int] | None:
    return next(_whole_spans(words, text), None)


def _with_folded(text: str, found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The legal forms found as written, with the longer ones typed without their
    diacritics (:func:`_folded_org_types`) in place of the parts of them found alone
    (Anonim Sirketi, not its last word Sirketi as the Limited Sirketi the table also
    knows); a folded form that crosses one found otherwise is left."""
    spans = {m: _word_span(m, text) for m, _ in found}
    for m, cls in _folded_org_types(text):
        span = _word_span(m, text)
        if m in spans or span is None:
            continue
        inside = {f for f, x in spans.items()
                  if x is not None and span[0] <= x[0] and x[1] <= span[1]}
        if any(x is not None and x[0] < span[1] and span[0] < x[1]
               for f, x in spans.items() if f not in inside):
            continue
        found = [f for f in found if f[0] not in inside] + [(m, cls)]
        spans = {f: x for f, x in spans.items() if f not in inside} | {m: span}
    return found


# words that make a legal form their own (Private Joint Stock Company, Public Limited:
# the Ukrainian private and the public joint-stock company), where rigour reads the form
# without them
_FORM_QUALIFIERS = ("private", "public", "pvt")


def _qualified(text: str, found: list[tuple[str, str]]) -> list[tuple[str, str]]:
    out = []
    for m, cls in found:
        for word in _FORM_QUALIFIERS:
            if not m.startswith(word) and _word_span(f"{word} {m}", text) is not None:
                m = f"{word} {m}"
                break
        out.append((m, cls))
    return out


_LEGAL_PUNCT = re.compile(r"[,;()\[\]\"“”«»]")
_DOTTED = re.compile(r"^(?:[a-z]{1,3}\.+)+[a-z]{0,3}\.*$")
_SPACED_LETTERS = re.compile(r"(?<![a-z0-9.])[a-z]\.(?: [a-z]\.)+(?: [a-z])?[^a-z0-9]*$")
# single letters ending a name, spaced without full stops (BANCO X S A, Comercial Y C A,
# Z S L, W K G, V S A DE C V): a legal form typed letter by letter, where the letters are one
_BARE_LETTERS = re.compile(r"(?<=[a-z0-9] )[a-z](?: (?:[a-z]|de))*? [a-z]$")


def _bare_form(text: str) -> tuple[str, list[tuple[str, str]]] | None:
    """A name ending in a legal form typed letter by letter with spaces (:data:`_BARE_LETTERS`)
    with the form written together (S A: SA; S A DE C V: SA DE CV) or dotted (S.A.), where
    that is the one form the letters end with; the longest such ending first."""
    bare = _BARE_LETTERS.search(text)
    if bare is None:
        return None
    words = bare.group(0).split()
    for k in range(len(words) - 1):
        tail = words[k:]
        if tail[0] == "de":
            continue
        runs: list[list[str]] = []
        for w in tail:
            if w != "de" and runs and runs[-1][-1] != "de":
                runs[-1].append(w)
            else:
                runs.append([w])
        head = text[:bare.start()] + " ".join(words[:k])
        for joined in (" ".join("".join(r) for r in runs),
                       " ".join(r[0] if r == ["de"] else ".".join(r) + "." for r in runs)):
            more = _org_types(f"{head} {joined}".strip())
            if any(m == joined for m, _ in more):
                return f"{head} {joined}".strip(), more
    return None


_LAST_DOT_MISSING = re.compile(r"(?<![a-z])(?:[a-z]{1,3}\.)+[a-z]{1,3}$")


def _form_letters(found: list[tuple[str, str]]) -> int:
    """How much of a name the legal forms found in it cover (their length)."""
    return sum(len(m) for m, _ in found)


@lru_cache(maxsize=100_000)
def _legal_forms(text: str, org: bool = True, typed: frozenset[str] | None = None
                 ) -> tuple[str, frozenset[str]]:
    """Replace legal forms by their class (``Limited Liability Company`` -> ``llc``); ``org``
    False for a name that may be a person's (its initials are no legal form: KHAN S. A.).
    Given ``typed`` (the words typed in Latin letters in a name of a script that writes no
    short vowels), a short form of three letters or fewer is one only where it was typed: the
    consonants read from a word of the script are no form (سعد, Saad, is read sd, which
    rigour knows as a Slovenian LLC; صنعت, industry, snt)."""
    # (PRIVATE, MILITARY COMPANY is one legal form)
    words = _LEGAL_PUNCT.sub(" ", text).split()
    text = " ".join(words)
    found = _org_types(text)
    if "-" in text:
        # a legal form with a hyphen for a space (PRIVATE-MILITARY COMPANY, S.A. DE-C.V.,
        # LIMITED-LIABILITY COMPANY): the form's words as the table writes them
        more = _org_types(text.replace("-", " "))
        if _form_letters(more) > _form_letters(found):
            for m, _ in more:
                text = re.sub(r"(?<![a-z0-9])" + r"[ -]".join(
                    re.escape(w) for w in m.split()) + r"(?![a-z0-9])", m, text)
            words = text.split()
            found = _org_types(text)
    spaced = _SPACED_LETTERS.search(text)
    if spaced is not None and (org or sum(c.isalpha() for c in spaced.group(0)) >= 3):
        # a dotted legal form ending the name with a space after each full stop (Bizon,
        # s. r. o.; OKENIT d. d.; S. A.): read as written together, where that is one
        joined = text[:spaced.start()] + spaced.group(0).replace(" ", "")
        more = _org_types(joined)
        if _form_letters(more) > _form_letters(found):
            text, found = joined, more
            words = text.split()
    # (rigour reads some spaced: L L C, S R L, A G; not S A, C A, S L, K G, A S), the forms
    # found after them aside (ROFI S A Ltd)
    before = text
    for m, _ in sorted(found, key=lambda f: -len(f[0])):
        if before.endswith(" " + m):
            before = before[:-len(m)].rstrip()
    bare = _bare_form(before) if (org or any(
        w in GENERIC or org_tags(w) for w in tokenize_ascii(text))) else None
    if bare is not None:
        text = bare[0] + text[len(before):]
        found = _org_types(text)
        words = text.split()
    if _LAST_DOT_MISSING.search(text):
        # a legal form of dotted words without its last full stop (S. DE R.L. DE C.V, a
        # field cut or a stop dropped): read with it, where that finds a form of several
        # words (one dotted word, S.A or K.G, is read by its letters below)
        dotted = text + "."
        more = _org_types(dotted)
        if any(" " in m and dotted.endswith(m) for m, _ in more) and _form_letters(
                more) > _form_letters(found):
            text, found = dotted, more
            words[-1] += "."
    if len(words) >= 2:
        # a legal-form acronym with its full stops in other places (SA.S., S.A..S. for
        # S.A.S.; P.L.C): its letters, where they are a legal form not read as written
        changed = False
        for k, word in enumerate(words):
            if _DOTTED.match(word) and not any(word in m.split() for m, _ in found):
                letters = word.replace(".", "")
                if [m for m, _ in _org_types(letters)] == [letters]:
                    words[k] = letters
                    changed = True
        if changed:
            text = " ".join(words)
            found = _org_types(text)
    found = _qualified(text, _with_folded(text, found))
    if typed is not None:
        found = [(m, cls) for m, cls in found
                 if len(m.replace(".", "").replace(" ", "")) > 3
                 or all(w in typed for w in tokenize_ascii(m))]
    if not org and not any(w in GENERIC for w in tokenize_ascii(text)):
        # (a short form rigour lacks ends a person's name as often, Wei Ou, Hamid Asa; beside
        # a business word it is a company's: OVLAS TRADING SAL)
        found = [(m, cls) for m, cls in found if m not in _short_more_forms()]
    if not found:
        return text, frozenset()
    classes = set()
    for matched, cls in found:
        if _ROMAN.match(matched.strip().lower()):
            continue  # a generation number (Fund II), not a legal form
        classes.add(cls.lower())
        text = _whole_sub(matched, " ", text)
    return text, frozenset(classes)


# scripts that write no short vowels (and right to left)
ABJAD_SCRIPTS = ("Arabic", "Hebrew", "Syriac", "Thaana")

# Arabic letters that join only the letter before them
_RIGHT_JOINING = frozenset("ادذرزوؤأإآةژ")
_SEGMENTS = re.compile(r"[()\[\];]+")


# one syllable of Chinese characters or Hangul
CJK_SYLLABLE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7a3]")
# a Chinese or Korean name written as one word (金铁三, 김정은): a whole name, not one word
_CJK_NAME = re.compile(CJK_SYLLABLE.pattern + "{2,}")


def script_parts(text: str) -> list[str]:
    """The names a text gives in two scripts or more, each of two words or more (or a
    Chinese or Korean name, written without spaces): the Latin and the Arabic of ``Abou
    Mouhadjir (ابو مهاجر)``, ``Agha Jan Alizai اغا جان عالیزی`` or ``Jin Tiesan (金铁三)``,
    and each alternative after a semicolon; [] for a name in one script."""
    if text.isascii():
        return []
    parts: list[str] = []
    for seg in _SEGMENTS.split(text):
        latin: list[str] = []
        other: list[str] = []
        for w in seg.split():
            letters = [c for c in w if c.isalpha()]
            if letters:
                (latin if all(ord(c) <= 0x24F for c in letters) else other).append(w)
        parts.extend(" ".join(words) for words in (latin, other)
                     if len(words) >= 2 or (words and _CJK_NAME.fullmatch(words[0])))
    # (a part of business words only is no name of its own: رضا زاده and Sons is one
    # company's name, not the person رضا زاده)
    parts = [p for p in parts if any(
        w not in GENERIC and w not in PARTICLES and not is_legal_form(w)
        for w in tokenize_ascii(to_latin(p)))]
    if len(parts) >= 2 and len({detect_script(p) for p in parts}) >= 2:
        return list(dict.fromkeys(parts))
    return []


def detect_script(text: str) -> str:
    for ch in text:
        if ch.isalpha() and ord(ch) > 0x24F:
            try:
                name = unicodedata.name(ch)
            except ValueError:
                continue
            first = name.split(" ")[0]
            if first == "CJK":
                return "Han"
            return first.capitalize()
    return "Latin"


# Hangul, syllable by syllable (each syllable of a Korean name is a token of its own): the
# jamo of each syllable romanised as the sanctions lists write North and South Korean names
# (McCune-Reischauer without breves: eo and eu as o and u; Revised Romanisation consonants)
_KO_INITIAL = ["k", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch",
               "k", "t", "p", "h"]
_KO_MEDIAL = ["a", "ae", "ya", "yae", "o", "e", "yo", "ye", "o", "wa", "wae", "oe", "yo", "u",
              "wo", "we", "wi", "yu", "u", "ui", "i"]
_KO_FINAL = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m",
             "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"]
# family names as the lists spell them (rigour's name symbols add Lee / Rhee / Yi, Pak / Park)
KO_FAMILY = {"i": "ri", "bak": "pak", "o": "oh"}


def hangul_syllable(ch: str) -> str:
    """One Hangul syllable in Latin letters (김 kim, 정 jong, 철 chol, 혁 hyok)."""
    code = ord(ch) - 0xAC00
    if not 0 <= code < 11172:
        return ch
    ini, rest = divmod(code, 588)
    med, fin = divmod(rest, 28)
    return _KO_INITIAL[ini] + _KO_MEDIAL[med] + _KO_FINAL[fin]


# titles, ranks, offices and forms of address Korean writes after a name (김정은 국무위원장:
# Chairman Kim Jong Un; 최선희 외무상, Foreign Minister Choe Son Hui; 김여정 부부장; 최룡해
# 동지, comrade), North's and South's: not words of the name
KOREAN_TITLES = frozenset("""
동지 동무 위원장 국무위원장 부위원장 총비서 제1비서 비서 부장 부부장 제1부부장 총리 내각총리 부총리
외무상 국방상 인민무력상 국가보위상 사회안전상 무역상 대외경제상 원수 차수 대장 상장 중장 소장
대좌 상좌 중좌 소좌 대사 대통령 장관 차관 의장 국회의원 의원 총장 국장 사장 회장 대표 이사장
사령관 총사령관 총참모장 총정치국장 씨 님 선생 선생님 여사 박사 교수 목사 장군 동지께서 위원장님
""".split())
# (and written onto the name, a title of two syllables or more after a name of two to four)
_KOREAN_TITLE_ENDS = tuple(sorted((t for t in KOREAN_TITLES if len(t) >= 2), key=len,
                                  reverse=True))
_HANGUL_WORD = re.compile("[\uac00-\ud7a3]+")


def korean_titles_off(text: str) -> str:
    """A Korean name without the titles written after it (김정은 국무위원장, 김정은위원장: 김정은),
    the text as it is where nothing else is left."""
    out = []
    for word in text.split():
        if word in KOREAN_TITLES:
            continue
        if _HANGUL_WORD.fullmatch(word) and len(word) >= 4:
            for title in _KOREAN_TITLE_ENDS:
                if word.endswith(title) and 2 <= len(word) - len(title) <= 4:
                    word = word[:-len(title)]
                    break
        out.append(word)
    return " ".join(out) if out else text


def _hangul_latin(text: str) -> tuple[str, dict[str, str]]:
    """Romanise Hangul syllable by syllable, so that name syllables stay separate tokens;
    with each romanised syllable, the syllable it came from (for rigour's name symbols)."""
    words = []
    origs: dict[str, str] = {}
    for word in text.split():
        out = []
        for k, ch in enumerate(word):
            if "\uac00" <= ch <= "\ud7a3":
                syl = hangul_syllable(ch)
                if k == 0:
                    # the family name: rigour's name symbols know its spellings (김 Kim,
                    # 이 Lee / Ri / Yi); a given-name syllable is too short for them
                    syl = KO_FAMILY.get(syl, syl)
                    origs.setdefault(syl, ch)
                out.append(" " + syl + " ")
            else:
                out.append(ch)
        words.append("".join(out))
    return to_latin(" ".join(words)), origs


# a token that is one syllable of Chinese or Korean as romanised (pinyin, Wade-Giles,
# McCune-Reischauer, Revised): compared whole, never by edit distance (yang is not yong)
_SYL_ONSET = r"ch|sh|zh|kk|tt|pp|ss|jj|ts|hs|ny|ng(?!u)|[bcdfghjklmnpqrstwxyz]"
_SYLLABLE = re.compile(
    rf"^(?:{_SYL_ONSET})?[aeiouwy]{{1,3}}(?:ng|n|m|l|k|p|t|g|b|r|h)?$")
# its parts: initial consonants, vowels, the rest
_SYL_PARTS = re.compile(rf"^({_SYL_ONSET})?([aeiouwy]+)(.*)$")
# vowels the romanisations write differently: Korean eo as o, u or eo (Chon, Chun, Cheon;
# Sung, Song, Seong), eu as u; Wade-Giles ung for pinyin ong (Tung, Dong)
# (oo is u: Moon, Mun, Joo; u is o only before a final consonant, as customary and Wade-Giles
# spellings write it: Jung = Jeong, Sung = Seong, hung = hong; open, su is not so, zhu not zhou)
_SYL_FOLD = [("yeo", "yo"), ("eo", "o"), ("eu", "o"), ("ou", "o"), ("ae", "e"), ("ee", "i"),
             ("oo", "u"), ("wo", "o")]
# the vowels of a syllable as pinyin, Wade-Giles, the Korean romanisations and Hong Kong
# write them (those of every syllable ICU reads, and oo, ee, au, oi of customary spellings:
# Moon, Lee, Lau, Choi)
_SYL_VOWELS = frozenset("""a ae ai ao au e ee ei eo eu eui i ia iao ie io iu o oe oi oo ou u ua
uai ue ui uo wa wae we wi wo ya yae ye yeo yo yu""".split())
_SYL_INITIAL = {"g": "k", "d": "t", "b": "p", "j": "ch", "r": "l", "zh": "ch", "q": "ch",
                "x": "s", "hs": "s", "ts": "ch", "kk": "k", "tt": "t", "pp": "p", "ss": "s",
                "jj": "ch", "sh": "s"}
_SYL_FINAL = {"g": "k", "b": "p", "r": "l"}


@lru_cache(maxsize=1)
def _known_syllables() -> frozenset[str]:
    """Every syllable the romanisations write: pinyin (ICU, over the CJK ideographs) with its
    Wade-Giles forms, and each Hangul syllable as read here and by ICU (built once, in about
    a quarter of a second)."""
    return _chinese_syllables() | _korean_syllables()


@lru_cache(maxsize=1)
def _chinese_syllables() -> frozenset[str]:
    """The syllables of pinyin (ICU, over the CJK ideographs) and their Wade-Giles forms."""
    han: Any = _transliterator("Han-Latin; Latin-ASCII; Lower")
    out: set[str] = set()
    for cp in range(0x4E00, 0x9FA6):
        for w in han.transliterate(chr(cp)).split():
            out.add(w)
            out.update(_wade_giles(w))
    return frozenset(w for w in out if w.isalpha())


# pinyin's syllables Wade-Giles writes whole (its apostrophes dropped): the syllables of a
# buzzing vowel, and the initials y and w before a vowel of their own
_WG_WHOLE = {"zi": ("tzu", "tsu"), "ci": ("tzu", "tsu"), "si": ("ssu", "szu"), "zhi": ("chih",),
             "chi": ("chih",), "shi": ("shih",), "ri": ("jih",), "yi": ("i",), "you": ("yu",),
             "yan": ("yen",), "ye": ("yeh",), "er": ("erh",), "wu": ("wu",)}
# pinyin's initials as Wade-Giles writes them (voiced as the unaspirated: b is p)
_WG_INITIAL = (("zh", "ch"), ("ch", "ch"), ("sh", "sh"), ("b", "p"), ("d", "t"), ("g", "k"),
               ("j", "ch"), ("q", "ch"), ("x", "hs"), ("z", "ts"), ("c", "ts"), ("r", "j"))
# its finals (ian is ien, ie ieh, ui uei, ong ung; e after g, k, h is o: ge is ko)
_WG_FINAL = (("iong", "iung"), ("ong", "ung"), ("ian", "ien"), ("ie", "ieh"), ("ui", "uei"))


def _wade_giles(pinyin: str) -> tuple[str, ...]:
    """The Wade-Giles forms (apostrophes dropped) of one pinyin syllable (zhi: chih; si: ssu,
    szu; guo: kuo; xian: hsien; gui: kuei, kui), the first Wade-Giles form as most lists
    write it."""
    if pinyin in _WG_WHOLE:
        return _WG_WHOLE[pinyin]
    head, rest = "", pinyin
    for py, wg in _WG_INITIAL:
        if pinyin.startswith(py):
            head, rest = wg, pinyin[len(py):]
            break
    for py, wg in _WG_FINAL:
        if rest.endswith(py):
            rest = rest[: -len(py)] + wg
            break
    if rest == "e" and head in ("k", "h"):
        rest = "o"
    full = head + rest
    # (and as the lists' older spellings have it, half converted: Kui, Chieh, Tsung)
    half = re.sub("^x", "hs", re.sub("^q", "ch", re.sub("^zh", "ch", pinyin)))
    half = re.sub("^[zc]", "ts", half).replace("ong", "ung")
    return (full, half) if half != full else (full,)


@lru_cache(maxsize=1)
def _korean_syllables() -> frozenset[str]:
    """Each Hangul syllable as read here (McCune-Reischauer's letters) and by ICU (the
    Revised Romanisation)."""
    hangul: Any = _transliterator("Hangul-Latin; Latin-ASCII; Lower")
    out: set[str] = set()
    for cp in range(0xAC00, 0xD7A4):
        out.add(hangul_syllable(chr(cp)))
        rr = hangul.transliterate(chr(cp)).replace("-", "")
        if re.search("(?:[aeiouy]|ng|n|m|l|k|t|p)$", rr):
            out.add(rr)  # (ICU writes a final consonant as an initial one: jog; no list does)
    return frozenset(w for w in out if w.isalpha())


def korean_only(token: str) -> bool:
    """A syllable only Korean writes (pyong, chol, dae; not pinyin nor Wade-Giles)."""
    return token in _korean_syllables() and token not in _chinese_syllables()


# how South Koreans spell the syllables of their names in passports, beside the Revised
# Romanisation: eo as u (Hyun, Sung, Chul, Jung), yeo before ng as you (Young), a u of its
# own as oo (Soo, Joon, Woo, Yoo), oe as oi (Choi), ui as ee (Hee)
_INFORMAL_KO = ((re.compile("eo"), "u"), (re.compile("^yeong$"), "young"),
                (re.compile("(?<![aeiou])u(?=n?$)"), "oo"), (re.compile("^u$"), "woo"),
                (re.compile("oe$"), "oi"), (re.compile("ui$"), "ee"))
# (a syllable ends with one consonant at most: those the tables read with two, Choilm, are
# no spelling anyone writes)
_ONE_FINAL = re.compile("[^aeiouy]*[aeiouy]+(?:ng|[nmlkpt])?")


@lru_cache(maxsize=1)
def _informal_korean() -> frozenset[str]:
    out: set[str] = set()
    for syl in _korean_syllables():
        for pattern, repl in _INFORMAL_KO:
            spelled = pattern.sub(repl, syl)
            if spelled != syl and _ONE_FINAL.fullmatch(spelled):
                out.add(spelled)
    return frozenset(out)


def syllable_spelling(token: str) -> bool:
    """A syllable of Chinese or Korean as a romanisation writes it (:func:`known_syllable`), or
    of Korean as a passport does (Soo, Choi, Young: :func:`korean_spelling`): a word one
    letter off another syllable that is itself one is another syllable, not a typo (Soo is
    no SOK mistyped, Choi no CHO)."""
    return known_syllable(token) or token in _informal_korean()


def korean_spelling(token: str) -> bool:
    """A syllable of Korean as either romanisation writes it (McCune-Reischauer's letters,
    the Revised Romanisation), or as a passport does (Soo, Choi, Young, Joon, Hyun, Hee: how
    South Koreans spell their names)."""
    return token in _korean_syllables() or token in _informal_korean()


@lru_cache(maxsize=1)
def _pinyin_syllables() -> frozenset[str]:
    """The syllables of Hanyu Pinyin (ICU's reading of every CJK ideograph), tones dropped."""
    han: Any = _transliterator("Han-Latin; Latin-ASCII; Lower")
    return frozenset(w for cp in range(0x4E00, 0x9FA6)
                     for w in han.transliterate(chr(cp)).split() if w.isalpha())


_APOSTROPHES = "'\u2019\u2018\u02bc"
# an aspirated initial of a Korean syllable as McCune-Reischauer marks it (Ch'oe, K'ang,
# T'ae, P'yo'ng)
_MR_ASPIRATE = re.compile(f"(?<![a-z])(ch|k|t|p)[{_APOSTROPHES}]([a-z{_APOSTROPHES}]+)")


def _mr_aspirated(text: str) -> frozenset[str]:
    """The words of a Latin text that begin with an aspirate McCune-Reischauer marks, as
    the tokens write them (apostrophes dropped: Ch'o'l is chol)."""
    if not any(c in text for c in _APOSTROPHES):
        return frozenset()
    return frozenset(m.group(1) + re.sub("[^a-z]", "", m.group(2))
                     for m in _MR_ASPIRATE.finditer(text.lower()))


@lru_cache(maxsize=1)
def _simplified() -> Any:
    return _transliterator("Traditional-Simplified")


@lru_cache(maxsize=20_000)
def han_same(a: str, b: str) -> bool:
    """Two Chinese characters that are one, in the simplified or the traditional form
    (張 and 张); 精 and 景, both jing, are two."""
    return a == b or _simplified().transliterate(a) == _simplified().transliterate(b)


def _as_text(value: Any) -> str:
    return str(value)


_HAN_FAMILY = ShippedWords("han_family_readings.json", _as_text)


def han_family_readings(text: str) -> dict[int, str]:
    """The readings as a family name of the characters a Chinese name begins with, where
    they are not the character's common reading (ICU's): the character's place among the
    text's Chinese characters -> its reading (曾庆红, Zeng Qinghong: {0: "zeng"}, which ICU
    reads ceng; 单伟建 Shan Weijian; 尉迟恭, Yuchi Gong: {0: "yu"}). Empty for a text that
    does not begin with one (data/han_family_readings.json)."""
    head = text.lstrip()
    if not head or HAN_CHAR.match(head) is None:
        return {}
    table = _HAN_FAMILY.table()
    chars = HAN_CHAR.findall(head[:2])
    if len(chars) == 2 and (pair := table.get(chars[0] + chars[1])) is not None:
        read = pair.split()
        return {k: read[k] for k in range(min(2, len(read)))
                if to_latin(chars[k]).split() != [read[k]]}
    one = table.get(head[0])
    return {0: one} if one is not None and to_latin(head[0]).split() != [one] else {}


def _han_syllables(text: str) -> list[tuple[str, str]]:
    """Each Chinese character of a text with its pinyin syllable, in order."""
    out = []
    for ch in HAN_CHAR.findall(text):
        read = to_latin(ch).split()
        if len(read) == 1:
            out.append((read[0], ch))
    return out


def pinyin_apart(a: str, b: str) -> bool:
    """Two pinyin syllables that only pinyin tells apart, and does: q is not j, x is not s
    (乔 Qiao, 焦 Jiao; 徐 Xu, 苏 Su). Wade-Giles writes them alike (ch'iao, chiao; hsu, su),
    so a Wade-Giles spelling, not itself pinyin, still meets either."""
    if a[:1] == b[:1] or not ({a[:1], b[:1]} & {"q", "x"}):
        return False
    known = _pinyin_syllables()
    return a in known and b in known


# initials only pinyin writes (Wade-Giles writes ch, ts, hs for them, Cantonese ch, ts, s)
_PINYIN_ONLY_INITIAL = re.compile(r"zh|q|x|z|c(?!h)")


def pinyin_misread(read: str, other: str) -> bool:
    """A Latin syllable that is another syllable of pinyin, against the pinyin ``read`` from
    a Chinese character: 畅, chang, is not Zhang (Wade-Giles writes Zhang as Chang, never
    the other way round, and writes no zh, q, x, z or c)."""
    return other != read and _PINYIN_ONLY_INITIAL.match(other) is not None and (
        other in _pinyin_syllables())


@lru_cache(maxsize=50_000)
def pinyin_pairs(word: str) -> tuple[tuple[str, str], ...]:
    """The ways a word of five letters or more reads as two pinyin syllables (guiying: gui
    ying; xiaoan: xiao an, xia oan), none for a word that is not two syllables of pinyin."""
    if not 5 <= len(word) <= 12 or not word.isascii():
        return ()
    known = _pinyin_syllables()
    return tuple((word[:k], word[k:]) for k in range(1, len(word))
                 if word[:k] in known and word[k:] in known)


def known_syllable(token: str) -> bool:
    """Whether a token is a syllable of Chinese or Korean as some romanisation writes it
    (yang, yong, jeong, hsiung): a token one letter off one and not itself one is a typo."""
    return token in _known_syllables()


_WADE_GILES_SI = {"ssu": "si"}


@lru_cache(maxsize=100_000)
def syllable_key(token: str) -> str | None:
    """The romanisation-free key of a one-syllable Chinese or Korean token: jong, jeong and
    chong, or chol and cheol, share one; None for anything else."""
    if len(token) > 6 or not _SYLLABLE.match(token):
        return None
    # Wade-Giles ssu is pinyin si (斯, 思), not su or xu (the fold below takes ss as s)
    token = _WADE_GILES_SI.get(token, token)
    m = _SYL_PARTS.match(token)
    if m is None:
        return None
    ini, vow, fin = m.group(1) or "", m.group(2), m.group(3)
    if vow not in _SYL_VOWELS:
        return None  # (Ayub, Eyad, Taieb: no romanisation of Chinese or Korean writes these)
    if fin == "h" or (fin == "r" and vow == "o"):
        # an open syllable marked long, as Hong Kong writes Cantonese (Wah, Ngor, Mah) and
        # Wade-Giles some pinyin (shih: shi); Korean Oh: O
        fin = ""
    for a, b in _SYL_FOLD:
        vow = vow.replace(a, b)
    if fin:
        vow = vow.replace("u", "o")
    return _SYL_INITIAL.get(ini, ini) + vow + _SYL_FINAL.get(fin, fin)


# religious titles of two words around the article: Hojjat al-Islam (حجت الاسلام, Hodjatoleslam
# written apart), Thiqat al-Islam, Ayat Allah (آیت الله, Ayatollah written apart)
_TITLE_HEADS = frozenset("hjt hujjat hojjat hojat hodjat hujat thqh thiqat ayt ayat ayh".split())
_TITLE_TAILS = frozenset("aslam islam eslam allh allah".split())
# Hojjat with Allah is no title but the given name Hojjatollah (سید حجت الله قریشی)
_HOJJAT = frozenset("hjt hujjat hojjat hojat hodjat hujat".split())
_ALLAH = frozenset("allh allah".split())


def _title_phrases(tokens: list[Token]) -> list[Token]:
    """Mark a two-word religious title as a title, article and all (as one word the table
    has it: hojatoleslam, ayatollah)."""
    out = list(tokens)
    for i, t in enumerate(tokens):
        if t.text not in _TITLE_HEADS or t.role == Role.PARTICLE:
            continue
        j = i + 1
        if j < len(tokens) and tokens[j].text == "al" and tokens[j].role == Role.PARTICLE:
            j += 1
        if j < len(tokens) and t.text in _HOJJAT and tokens[j].text in _ALLAH:
            marked, role = [i, j], Role.NAME
        elif j < len(tokens) - 1 and tokens[j].text in _TITLE_TAILS:
            marked, role = list(range(i, j + 1)), Role.TITLE
        else:
            continue
        for k in marked:
            out[k] = replace(out[k], role=role)
    return out


def _merge_abd(tokens: list[Token], arabic: bool) -> list[Token]:
    """Keep an ``Abd`` compound as one name: ``Abdul Rahim``, ``Abd al-Rahim``, ``Abdurrahim``
    and Arabic-script ``عبد الرحيم`` (ICU: ``bd alrhym``) all become ``abdrahim`` /
    ``abdrhym``, one token whose skeleton (``bdrhm``) they share."""
    heads = ("abd", "bd") if arabic else ("abd",)
    out: list[Token] = []
    i = 0
    while i < len(tokens):
        t = tokens[i]
        if t.text in heads and t.role == Role.NAME and not (
                i + 1 < len(tokens) and tokens[i + 1].text == t.text):
            # (Abdul written twice, ABDUL ABDUL RAHMAN: the second one heads the compound)
            j = i + 1
            while j < len(tokens) and tokens[j].role == Role.PARTICLE and tokens[j].text == "al":
                j += 1
            if j < len(tokens) and tokens[j].role == Role.NAME:
                second = tokens[j].orig
                rest = tokens[j].alt or tokens[j].text
                if arabic and second and second.startswith("ال") and rest.startswith("al"):
                    rest = rest[2:]  # a short word kept its article (عبد الحی: Abdul Hai)
                text = "abd" + rest
                orig = (t.orig + ("" if second.startswith("ال") else "ال") + second
                        ) if t.orig and second else None
                out.append(Token(text, Role.NAME, skeleton(text), abjad=arabic, orig=orig))
                i = j + 1
                continue
        out.append(t)
        i += 1
    return out


# Chinese company words, read as what they mean before transliteration so that they are
# legal forms and generic words, not name syllables (有限公司 is "co ltd", not "you xian gong si")
_HAN_COMPANY = [
    ("股份有限公司", " joint stock company limited "),
    ("有限责任公司", " limited liability company "),
    ("有限公司", " co ltd "),  # (as the lists write it: Co., Ltd)
    ("總公司", " company "), ("总公司", " company "),
    ("公司", " company "), ("集团", " group "), ("集團", " group "), ("科技", " technology "),
    ("技术", " technology "), ("贸易", " trading "), ("貿易", " trading "),
    ("国际", " international "), ("國際", " international "), ("控股", " holding "),
    ("进出口", " import export "), ("工业", " industry "), ("实业", " industry "),
    ("发展", " development "), ("投资", " investment "), ("香港", " hong kong "),
    # business words of Chinese company names, as the lists translate them (宁波欧腾机械有限公司:
    # Ningbo Outeng Machinery Co., Ltd)
    ("半导体", " semiconductor "), ("半導體", " semiconductor "), ("微电子", " microelectronics "),
    ("微電子", " microelectronics "), ("发动机", " engine "), ("發動機", " engine "),
    ("自动化", " automation "), ("自動化", " automation "), ("研究所", " research institute "),
    ("研究院", " research institute "), ("实验室", " laboratory "), ("實驗室", " laboratory "),
    ("机械", " machinery "), ("機械", " machinery "), ("动力", " power "), ("動力", " power "),
    ("电子", " electronics "), ("電子", " electronics "), ("光电", " optoelectronics "),
    ("光電", " optoelectronics "), ("能源", " energy "), ("石油", " petroleum "),
    ("化工", " chemical "), ("船舶", " shipping "), ("海运", " shipping "), ("海運", " shipping "),
    ("航运", " shipping "), ("航運", " shipping "), ("物流", " logistics "),
    ("制造", " manufacturing "), ("製造", " manufacturing "), ("设备", " equipment "),
    ("設備", " equipment "), ("装备", " equipment "), ("裝備", " equipment "),
    ("材料", " materials "), ("工程", " engineering "), ("建设", " construction "),
    ("建設", " construction "), ("银行", " bank "), ("銀行", " bank "), ("精密", " precision "),
    ("仪器", " instruments "), ("儀器", " instruments "), ("软件", " software "),
    ("軟件", " software "), ("网络", " network "), ("網絡", " network "),
    ("通信", " communication "), ("信息", " information "), ("系统", " systems "),
    ("系統", " systems "), ("医药", " pharmaceutical "), ("醫藥", " pharmaceutical "),
    ("矿业", " mining "), ("礦業", " mining "), ("钢铁", " steel "), ("鋼鐵", " steel "),
    ("商贸", " trading "), ("商貿", " trading "), ("港务", " port "), ("港務", " port "),
    ("港口", " port "), ("航空", " aviation "), ("大学", " university "), ("大學", " university "),
    ("机床", " machine tool "), ("機床", " machine tool "),
    ("数控", " cnc "), ("數控", " cnc "), ("船务", " shipping "), ("船務", " shipping "),
    ("机器人", " robotics "), ("機器人", " robotics "),
    ("石油化工", " petrochemical "), ("石化", " petrochemical "), ("宇航", " aerospace "),
    ("航天", " aerospace "), ("电气", " electric "), ("電氣", " electric "),
    ("激光", " laser "), ("光学", " optics "), ("光學", " optics "), ("化学", " chemical "),
    ("化學", " chemical "), ("重工", " heavy industry "), ("电力", " power "),
    ("電力", " power "), ("咨询", " consulting "), ("諮詢", " consulting "),
    ("服务", " services "), ("服務", " services "), ("会社", " company "),
    ("會社", " company "), ("公安局", " public security bureau "),
    # (cities whose first character ICU reads in its other sound: 厦 sha, 都 dou, 重 zhong)
    ("厦门", " xia men "), ("廈門", " xia men "), ("成都", " cheng du "),
    ("重庆", " chong qing "), ("重慶", " chong qing "),
    # (city and province left out: Jinhua, not Jinhua Shi)
    ("有限", " limited "), ("市", " "), ("省", " "), ("中国", " china "), ("中國", " china "),
    ("(", " "), (")", " "), ("（", " "), ("）", " "),
]


# titles and offices Chinese writes before or after a name (陈全国书记, 新疆党委书记陈全国:
# Party Secretary Chen Quanguo; 李家超行政长官; 邓炳强局长; 朱海仑同志), simplified and
# traditional: not characters of the name; longest first
_CHINESE_TITLES = tuple(sorted(set("""
主席 国家主席 國家主席 总理 總理 副总理 副總理 书记 書記 总书记 總書記 党委书记 黨委書記 部长 部長
副部长 副部長 外长 外長 先生 女士 小姐 同志 将军 將軍 上将 上將 中将 中將 少将 少將 司令 司令员
司令員 局长 局長 副局长 副局長 主任 副主任 行政长官 行政長官 特首 司长 司長 处长 處長 董事长 董事長
总经理 總經理 总裁 總裁 博士 教授 议员 議員 省长 省長 市长 市長 厅长 廳長 院长 院長 委员 委員 常委
政委 大使 总统 總統 首相 委员长 委員長
""".split()), key=len, reverse=True))


def chinese_titles_off(text: str) -> str:
    """A Chinese name without a title written before or after it (陈全国书记,
    新疆党委书记陈全国: 陈全国), where what is left is a name of two to four characters and
    the text has no word of a company's name; the text as it is otherwise."""
    if len(text) > 24 or any(han in text for han, _ in _HAN_COMPANY):
        return text
    chars = "".join(text.split())
    if not chars or not all(HAN_CHAR.match(c) for c in chars):
        return text
    for title in _CHINESE_TITLES:
        at = chars.rfind(title)
        if at < 0:
            continue
        after, before = chars[at + len(title):], chars[:at]
        if 2 <= len(after) <= 4:
            return after  # (the title, and the body before it, then the name)
        if not after and 2 <= len(before) <= 4:
            return before  # (the name, then its title)
    return text


def _han_company(text: str) -> str:
    for han, words in _HAN_COMPANY:
        if han in text:
            text = text.replace(han, words)
    return text


def _compound_numbers(tokens: list[Token]) -> list[Token]:
    """Twenty-four is 24, not 20 and 4."""
    out: list[Token] = []
    for t in tokens:
        prev = out[-1] if out else None
        if (prev is not None and prev.role == Role.NUMBER and t.role == Role.NUMBER
                and prev.number is not None and t.number is not None
                and prev.number % 10 == 0 and 20 <= prev.number <= 90 and 1 <= t.number <= 9):
            value = prev.number + t.number
            out[-1] = Token(str(value), Role.NUMBER, str(value), value)
            continue
        out.append(t)
    return out



def _name_title(t: Token) -> bool:
    """A title that is also a given name (Amir, Hafez, Mirza)."""
    return t.role == Role.TITLE and (t.text in NAME_TITLES or (
        _title_word(t.orig) in ARABIC_NAME_TITLES))


def leading_title(form: NameForm) -> NameForm | None:
    """The other reading of a name that opens with a given name that is also a title and was
    read as the name for want of another (Imam INAYATULLAH): the first word as a title. None
    when the name does not open so."""
    toks = form.tokens
    if len(toks) < 2 or toks[0].role != Role.NAME or not (
            toks[0].text in _MOSTLY_TITLES or (toks[0].orig or "") in ("حافظ", "امام")):
        return None
    first = toks[0]
    tokens = [Token(first.text, Role.TITLE, first.skel, first.number, first.alt, first.abjad,
                    first.orig), *toks[1:]]
    scoring = [t for t in tokens if t.role in (Role.NAME, Role.NUMBER, Role.GENERIC)]
    if not scoring:
        return None
    return replace(form, tokens=tokens, scoring=scoring)


# given names that open a name more often than they are the title they also are (Amir Ali
# HAJIZADEH, Malik HASAN, Mirza KEZEVADZE, امیر خان متقی: Amir Khan Muttaqi): read as the title
# only where the other name has the word too (see :func:`opening_names`)
_MOSTLY_NAMES = frozenset({"amir", "malik", "mirza"})
_ARABIC_MOSTLY_NAMES = frozenset({"امير"})


def mostly_name(t: Token) -> bool:
    """A title that is more often the given name it also is (Amir, Malik, Mirza, امیر)."""
    return t.role == Role.TITLE and (t.text in _MOSTLY_NAMES or (
        _title_word(t.orig) in _ARABIC_MOSTLY_NAMES))


def opening_names(form: NameForm, keep: Callable[[Token], bool]) -> NameForm:
    """The name with its titles that are more often given names (:func:`mostly_name`) read as
    names, but for those ``keep`` keeps titles (the other name has the word: Amir Ali
    Mohammadi is no Ali KHAN MOHAMMADI, whose given names are others)."""
    return _titles_read_as_names(form, lambda t: mostly_name(t) and not keep(t)) or form


def _as_name(t: Token) -> Token:
    """A particle or title read as a name word (its text, skeleton, number, alternative and
    script as they were)."""
    return Token(t.text, Role.NAME, t.skel, t.number, t.alt, t.abjad, t.orig)


def _name_particle(t: Token) -> bool:
    """A particle that is a family or given name too (:data:`_NAME_PARTICLES`)."""
    return t.role == Role.PARTICLE and t.text in _NAME_PARTICLES


def _titles_read_as_names(form: NameForm, turn: Callable[[Token], bool]) -> NameForm | None:
    """The name with the titles ``turn`` selects read as names; None where it selects none."""
    turned = [turn(t) for t in form.tokens]
    if not any(turned):
        return None
    tokens = [_as_name(t) if yes else t for t, yes in zip(form.tokens, turned, strict=True)]
    scoring = [t for t in tokens if t.role in (Role.NAME, Role.NUMBER, Role.GENERIC)]
    return replace(form, tokens=tokens, scoring=scoring)


def titles_as_names(form: NameForm) -> NameForm | None:
    """The other reading of a name that opens with a title that is also a given name: the
    title as a name (Amir Ali HAJIZADEH is a man named Amir Ali, امیرعلی). None when the name
    has no such title."""
    return _titles_read_as_names(form, _name_title)


# three letters or more, each with its full stop (H.M.M., A.S.P)
_DOTTED_RUN = re.compile(r"(?<![a-z])(?:[a-z]\.\s?){2,}[a-z](?![a-z])", re.IGNORECASE)


# business words that link or qualify the words of a name, no sign of a company's among
# initials (J. and K., the General)
_LINK_GENERIC = frozenset("and of for the general air front".split())


# Cyrillic words of one letter that link the words of a name: and, in, with, to, about, at
# (Russian, Ukrainian, Belarusian, Bulgarian, Serbian)
_CYRILLIC_LINKS = frozenset("и й і в у ў с з к о а".split())


def _join_spelled_letters(words: list[str], alone: frozenset[str] = frozenset(),
                          text: str = "") -> list[str]:
    """Letters of an organisation's acronym written apart are one word (I A C INTERNATIONAL:
    IAC INTERNATIONAL; U.S. BANK: US BANK); not the words ``alone`` (и, в of a Cyrillic
    name: and, in). An acronym written twice, a space between (J.L. J.L., the ``text``), is
    two words, the same (I.S.I.S. is one)."""
    out: list[str] = []
    run: list[str] = []
    for w in [*words, ""]:
        if len(w) == 1 and w.isalpha() and w not in alone:
            run.append(w)
            continue
        half = len(run) // 2
        if half >= 2 and len(run) % 2 == 0 and run[:half] == run[half:] and re.search(
                r"\W*".join(run[:half]) + r"\W*\s+\W*" + r"\W*".join(run[:half]), text,
                re.IGNORECASE):
            out += ["".join(run[:half])] * 2
        elif len(run) >= 2:
            out.append("".join(run))
        else:
            out.extend(run)
        run = []
        if w:
            out.append(w)
    return out


_CONSONANT = frozenset("bcdfghjklmnpqrstvxz")
# words of two consonants that are no two initials: a family name (Ng), short forms of
# Haji, Saint, Sheikh, Mount
_NO_INITIALS = frozenset("ng hj st sh mt".split())


def _initials_written_together(tokens: list[str]) -> list[str]:
    """Two initials written as one word beside a name (IVANKOVICH VV, vv ivankovich: Russian
    papers write the given name and patronymic so) are two initials: a word of two
    consonants that is no title, generation, short form (Md) or syllable (Ng)."""
    if len(tokens) < 2 or not any(len(t) >= 3 for t in tokens):
        return tokens
    out: list[str] = []
    for t in tokens:
        if (len(t) == 2 and t[0] in _CONSONANT and t[1] in _CONSONANT and t not in TITLES
                and t not in _GENERATIONS and t not in _GIVEN_SHORT and t not in _CANON
                and t not in PARTICLES and t not in _NO_INITIALS and not known_syllable(t)):
            out += [t[0], t[1]]
        else:
            out.append(t)
    return out


def analyze(text: str, *, org: bool | None = None) -> NameForm:
    """Prepare a name for comparison. ``org``: True for organisations/vessels (legal forms
    and generic words are recognised), False for people, None when unknown."""
    return _analyze(text, org)


def _presentation_ends() -> frozenset[str]:
    """Arabic presentation forms that end a word: the final and isolated forms of letters that
    join on both sides (a letter inside a word takes its initial or medial form), and teh
    marbuta and alef maksura, which only end one."""
    dual = set()
    for cp in range(0xFE70, 0xFEFF):
        name = unicodedata.name(chr(cp), "")
        if name.endswith(("INITIAL FORM", "MEDIAL FORM")):
            dual.add(unicodedata.normalize("NFKC", chr(cp)))
    out = set()
    for cp in range(0xFE70, 0xFEFF):
        ch = chr(cp)
        name = unicodedata.name(ch, "")
        base = unicodedata.normalize("NFKC", ch)
        if name.endswith(("FINAL FORM", "ISOLATED FORM")) and (base in dual or base in "ةى"):
            out.add(ch)
    return frozenset(out)


_PRESENTATION_ENDS = _presentation_ends()
_PRESENTATION_GLUED = re.compile(
    "([" + "".join(sorted(_PRESENTATION_ENDS)) + "])(?=[\ufe70-\ufeff])")


# a word written with a family name in capitals glued to it (Ivan SergeyevichYERMAKOV, Ahmad
# ZiaAGHA: two fields joined without their space): the capitals are a word of their own (a
# particle in small letters stays with its word: Inayat urRAHMAN); three capitals at least:
# two end words typed in random case as often (PolyakOV, KozAK), and a glued word of two
# (CholRI) is cut by the lists' words (Screener's respaced reading)
_CAPITALS_GLUED = re.compile(r"\b([A-Z][a-z]{2,})([A-Z]{3,})\b")
# Abd glued to the name before it, its article after it (AHMADABD AL-SATTAR): no name ends so
_ABD_GLUED = re.compile(r"(?i)(?<=[a-z]{3})(abd)(?=[\s-]+[ae]l\b)")
# a legal-form acronym in capitals glued to the name it stands before or after (JSCKOLOMNA,
# PJSCROSNEFT, INNOVATION HUBLLC): forms no name begins or ends with
_FORM_GLUED_FIRST = re.compile(r"\b(PJSC|OJSC|CJSC|JSC|LLC|OOO)(?=[A-Za-z]{3,}\b)")
_FORM_GLUED_LAST = re.compile(r"(?<=[A-Za-z]{3})(LLC|LTD|GMBH|JSC|PLC)\b")
# a word of a legal form glued to the next word of the name, in its case (OpenJoint Stock
# Company, Joint StockCompany), or a long one whatever the case (OTVETSTVENNOSTYURUZEKSPEDITSIYA):
# words no name begins with
_FORM_WORD_GLUED = re.compile(
    r"\b(Open|Closed|Joint|Stock|Public|Private|Limited|Liability|Company)(?=[A-Z][a-z]{2,}\b)"
    r"|(?i:\b(otvetstvennost(?:yu|iu|ju)|ob(?:sch|shch)estvo|corporation|incorporated"
    r"|partnership|responsabilidad|republican(?=unitary))(?=[a-z]{4,}\b))")


def _unglued(text: str, org: bool | None) -> str:
    """The words a Latin name has glued that say where they part: a family name in capitals
    after a given name in small letters or Abd before its article (in a person's name or one
    of unknown kind), a legal-form acronym in capitals or a legal form's word (in a company's
    or one of unknown kind)."""
    if org is not True:
        text = _CAPITALS_GLUED.sub(r"\1 \2", text)
        text = _ABD_GLUED.sub(r" \1", text)
    if org is not False:
        text = _FORM_GLUED_LAST.sub(r" \1", _FORM_GLUED_FIRST.sub(r"\1 ", text))
        text = _FORM_WORD_GLUED.sub(lambda m: (m.group(1) or m.group(2)) + " ", text)
    return text


# His (Her) Excellency, His Highness, Son Excellence written short before a name
_EXCELLENCY = re.compile(r"\s*(?:H\.\s?E|H\.\s?H|S\.\s?E)\.\s+(?=\S+\s+\S)", re.IGNORECASE)
# the middle dots Japanese writes between the words of a foreign name (katakana ・ and its
# half-width form, the Latin-1 · and the hyphenation point ‧)
_MIDDLE_DOTS = re.compile("[\u00b7\u2027\u30fb\uff65]")


# characters a text copied from a web page or a PDF file carries inside its words, which
# show as nothing: a soft hyphen (a hyphenation hint: Mo\u00adhammad is Mohammad, not Mo
# Hammad), a zero-width space, a word joiner, a byte order mark, a Mongolian vowel separator
_IGNORABLE = re.compile("[\u00ad\u200b\u2060\ufeff\u180e]")


# what Japanese writes after a foreigner's name in katakana: a title or an office in kanji,
# or さん, 様, 氏
_KATAKANA_TITLE = re.compile("(?<=[\u30a1-\u30fa\u30fc])\\s*(?:" + "|".join(sorted("""
大統領 首相 外相 国防相 外務大臣 国防大臣 大臣 長官 氏 さん 様 総司令官 司令官 議長 委員長 総書記
書記長 国家主席 主席 大使 元帥 将軍 大将 博士 教授 会長 社長 代表 総裁 副大統領 副首相
""".split(), key=len, reverse=True)) + ")$")


# the words Russian, Ukrainian and Belarusian write in small letters before a person's name
# for an office, a rank or a calling (министр обороны Сергей Шойгу, генерал армии Валерий
# Герасимов, депутат Андрей Луговой, г-н Роман Абрамович, олигарх ...)
_CYRILLIC_TITLE_WORDS = frozenset("""
министр міністр президент премьер премьер-министр прем'єр-міністр генерал адмирал адмірал
маршал депутат глава губернатор голова председатель командующий командувач господин госпожа
г-н г-жа пан пані посол мэр мер сенатор полковник подполковник підполковник майор капитан
капітан лейтенант сержант прапорщик генерал-майор генерал-лейтенант генерал-полковник
вице-адмирал віце-адмірал контр-адмирал директор гендиректор бизнесмен бізнесмен олигарх
олігарх политик політик лидер лідер командир атаман вице-премьер віце-прем'єр заместитель
заступник помощник помічник советник радник секретарь секретар экс-министр экс-президент
""".split())


def cyrillic_title_phrase_off(text: str) -> str:
    """A Cyrillic person's name without the words in small letters before it that say what
    the person is (министр обороны Сергей Шойгу: Сергей Шойгу), where they open with an
    office, a rank or a calling and two capitalised words or more follow; the text as it is
    otherwise (сергей шойгу, all in small letters, has no such words)."""
    words = text.split()
    k = 0
    while k < len(words) and words[k].islower():
        k += 1
    if k > 0 and len(words) - k >= 2 and words[0] in _CYRILLIC_TITLE_WORDS and all(
            w[:1].isupper() for w in words[k:]):
        return " ".join(words[k:])
    return text


@lru_cache(maxsize=100_000)
def _analyze(text: str, org: bool | None) -> NameForm:
    original = text
    if max(text, default=" ") >= "\ufe70":
        # words typed in presentation forms and glued together (ﻣﻮﺳﻰﺩﻭﺩﻳﻦ: Mousa Dudin):
        # a final or isolated form of a joining letter ends its word
        text = _PRESENTATION_GLUED.sub(r"\1 ", text)
    text = unicodedata.normalize("NFKC", _IGNORABLE.sub("", text))
    if org is not True and _EXCELLENCY.match(text):
        # (H.E. Sergei Lavrov: His Excellency, a title, not the initials of two names)
        text = _EXCELLENCY.sub("excellency ", text, count=1)
    text = fold_words(text)
    script = detect_script(text)
    if script not in ("Latin", "Han") and _MIDDLE_DOTS.search(text):
        # (the dot between the words of a foreign name in Japanese writing, which ICU drops:
        # ミン・アウン・フライン is three words, Min Aung Hlaing; a Chinese name's characters
        # are its syllables already, and the lists write the name of a Uyghur, 阿不都·哈克,
        # as one word as often, ABUDUHAKE)
        text = _MIDDLE_DOTS.sub(" ", text)
    if script == "Latin":
        text = _unglued(text, org)
    if script == "Katakana" and org is not True:
        # (Japanese writes a foreigner's name in katakana and the title after it in kanji or
        # kana: セルゲイ・ラブロフ外相, Foreign Minister Sergei Lavrov; プーチン氏, プーチンさん)
        text = _KATAKANA_TITLE.sub("", text)
    if script == "Cyrillic" and org is not True:
        text = cyrillic_title_phrase_off(text)
        # a word of a Cyrillic name typed wholly in Latin look-alikes (Анна Борисовна COPOKA)
        text = " ".join(w.translate(_TO_CYRILLIC) if len(w) >= 2 and w.isupper() and all(
            ord(c) in _TO_CYRILLIC for c in w) else w for w in text.split())
    if script == "Han" and org is not True:
        text = chinese_titles_off(text)
    if script == "Han" and org is not False:
        text = _han_company(text)
    origs: dict[str, str] = {}
    if script == "Arabic":
        for word in arabic_prepare(text, articles=False).split():
            if word.startswith("ال") and _AR_ARTICLE.match(word):
                # the word after its article is read with it (الهيان: Elahian, Hayan)
                parts = tokenize_ascii(to_latin(word[2:]))
                if len(parts) == 1:
                    origs.setdefault(parts[0], word)
        text = arabic_prepare(text)
    if script == "Cyrillic":
        text = _NAMED_AFTER_SHORT.sub("имени ", text)  # (им. is no legal form: IM, an SOE)
    if script == "Hangul":
        if org is not True:
            text = korean_titles_off(text)
        latin, origs = _hangul_latin(text)
    else:
        latin = to_latin(text)
    arabic = script == "Arabic"
    abjad = script in ABJAD_SCRIPTS
    legal: frozenset[str] = frozenset()
    if org is not False:
        # (a typo is typed: the vowels read into a word of a script that writes none are
        # no typo of a legal form, صارم Sarm no SARL; a word typed in Latin letters beside
        # it may be one, أشرف القيزاني, Limtied)
        # (nor from the syllables of a Hangul or Chinese name: 회사, company, is hoe sa, and
        # SA a form; 裕 is yu, which rigour reads as one; the company words read from Chinese
        # before, 有限公司 co ltd, are Latin words of the text by now)
        typed = frozenset(tokenize_ascii(" ".join(re.findall(r"[A-Za-z]+", text)))) if (
            abjad or script in ("Hangul", "Han")) else None
        latin = _fix_legal_typos(latin, script == "Cyrillic", org, typed)
        latin_wo, legal = _legal_forms(latin, org is True, typed)
        if not text.isascii() and script not in ("Han", "Hangul"):
            # legal forms written with diacritics (Gesellschaft mit beschränkter Haftung) or
            # in another script (Акционерное общество) are found in the text as written, and
            # removed from its ASCII form
            native = _native_legal_forms(text)
            for form, cls in native.items():
                removed = _whole_sub(form, " ", latin_wo)
                if script == "Latin" or removed != latin_wo:
                    legal = legal | {cls}
                latin_wo = removed
        if legal and (org or tokenize_ascii(latin_wo)):
            latin = latin_wo
        else:
            legal = frozenset()
    raw_tokens = tokenize_ascii(latin)
    # the words of one letter a Cyrillic name links its words with (и, в, с: and, in,
    # with), in an organisation's name: no letters of an acronym (Ирак и в Изтока is no
    # Iraq IV), but what "and" and "of" are in English (a letter written with a full stop
    # after it is one still: Т.Р.К.)
    links = frozenset(to_latin(w).lower() for w in text.split()
                      if w.lower() in _CYRILLIC_LINKS) if (
        script == "Cyrillic" and org is not False) else frozenset()
    # (a name of unknown kind with a legal form is a company's: ARCHI CENTRE I.C.E. Ltd; so
    # is one with a business word, FUTURE BANK B.S.C., whose form rigour does not know; in
    # Latin letters, as other scripts have words of one letter: и, в)
    # (or one of three letters or more with full stops beside a word rigour files under a
    # sector or kind of body: H.M.M. FUNDACION, A.S.P. BUILDERS; a person's two initials
    # beside such a name, J. R. House, stay letters)
    companyish = org is None and script == "Latin" and (legal or any(
        w in GENERIC and w not in _LINK_GENERIC for w in raw_tokens) or (
        _DOTTED_RUN.search(latin) is not None and any(
            len(w) >= 4 and org_tags(w) for w in raw_tokens)))
    if (org is True and script not in ABJAD_SCRIPTS and script not in ("Han", "Hangul")) or (
            companyish):
        raw_tokens = _join_spelled_letters(raw_tokens, links, latin)
    elif org is not True and script == "Latin":
        raw_tokens = _initials_written_together(raw_tokens)
    # FAMILY, Given: the words before the comma are the family name, whatever else they can
    # be (HAJJI, Muhammad Fawzi is Mr Hajji)
    head, comma, rest = latin.partition(",")
    family_words = len(tokenize_ascii(head)) if comma and org is False and tokenize_ascii(
        rest) else 0
    if script not in ("Latin", "Hangul", "Han"):
        # each transliterated word with the word it came from (for rigour's name symbols:
        # علي is Ali, Юрий is Yuri, although their transliterations are ly and yuriy)
        for word in _WORD_PARTS.findall(text):
            if not word.isascii():
                parts = tokenize_ascii(to_latin(word))
                if len(parts) == 1:
                    origs.setdefault(parts[0], word)
    # Chinese and Korean syllables are names, whatever they spell in Latin (倪高彬: Ni Gaobin,
    # where bin is no "son of")
    syllabic = script in ("Han", "Hangul")
    # (and so is a word that looks like a particle in a Latin name of such syllables only:
    # Dong Le Cheng, 董勒成, Chao Du; not Nguyen Van Le, whose other words are no syllables)
    cjk_words = script == "Latin" and org is not True and len(raw_tokens) >= 2 and all(
        t in _pinyin_syllables() if t in PARTICLES else known_syllable(t) for t in raw_tokens)
    # the character each syllable of a Chinese name was read from (the name words, in order;
    # the company words are English words by now)
    han_chars = _han_syllables(text) if script == "Han" else []
    # (and a name's first character read as a family name, where that reading is its own)
    family_reads = han_family_readings(text) if han_chars and org is not True else {}
    han_at = 0
    aspirates = _mr_aspirated(text) if script == "Latin" else frozenset()
    # the words the text writes with a full stop after them
    dotted = frozenset(_DOTTED_WORD.findall(latin.lower())) if "." in latin else frozenset()
    # the family names written with the Czech or Slovak feminine -ová, with its accent (a
    # Russian's Mizulina, Dorokhova, Timchenko: Mizulinová, Dorochovová, Timčenková)
    ova = frozenset(to_latin(w) for w in _OVA_WORD.findall(text)) if (
        script == "Latin" and org is not True and "ov\u00e1" in text.lower()) else frozenset()
    business = org is None and script == "Latin" and any(
        (full_word(t) or t) in _COMPANY_SIGNS for t in raw_tokens)
    # (an organisation named after a person has the name in the genitive after the word
    # that says so: Завод имени Свердлова is the Sverdlov Plant)
    named_at = _named_after(raw_tokens, dotted) if org is not False and script in (
        "Latin", "Cyrillic") else None
    # (and so does a fund named for a person, after its first word: Фонд Ахмата Кадырова is
    # the Akhmat Kadyrov Foundation, Фонд Алексея Талая the Alexey Talay Foundation)
    genitive_after = named_at if named_at is not None or org is False or script not in (
        "Latin", "Cyrillic") or len(raw_tokens) < 3 or raw_tokens[0] not in _NAMED_BODIES else 0
    tokens: list[Token] = []
    for i, raw in enumerate(raw_tokens):
        # (a word read from katakana is one foreign name: アブラモビッチ, aburamobitchi, is
        # Abramovich, no Abu)
        parts = split_compounds(raw, arabic) if org is not True and (
            script != "Katakana") else [raw]
        if org is True and arabic:
            parts = split_compounds(raw, arabic)
        for tok in parts:
            spelled = tok  # (abw before it is abu: the word it came from is under abw)
            tok = _CANON.get(tok, tok)
            if org is not False and not syllabic:
                tok = full_word(tok) or tok  # business words written short (Natl, Shpg)
            if not abjad and not syllabic:
                tok = _GIVEN_SHORT.get(tok, tok)
            if arabic:
                tok = _CANON_ARABIC.get(tok, tok)
            elif script == "Hebrew" and tok == "bn":
                tok = "bin"  # בן, son of (Itamar BEN-GVIR)
            elif not syllabic and len(tok) >= 6 and tok[-1] in "fh":
                tok = _SLAVIC_ENDING.sub(_slavic_ending, tok)
            # (a roman numeral in a name of unknown kind with a business word is the
            # company's number, as in a known company's: RIM INVESTMENTS II CORP.)
            num = number_value(tok, words=org) if not (
                companyish and _ROMAN.match(tok)) else number_value(tok)
            if num is None and org is True and len(tok) >= 6:
                num = _slipped_number(tok)
            if num is not None and org is False and tok.isdigit() and len(tok) >= 3:
                # digits in a person's name are no word of it (an account or a file number
                # a customer file writes beside the name): set aside; not one or two, a
                # name written as a number (Sergey Yurievich TEN, 10)
                tokens.append(Token(tok, Role.PARTICLE, tok))
                continue
            if num is not None:
                tokens.append(Token(str(num), Role.NUMBER, str(num), num))
                continue
            if (named_at is not None and (i == named_at or (
                    raw_tokens[named_at] == "after" and i == named_at - 1))) or (
                    org is not True and tok in _TURKIC_OF and i > 0 and len(
                    raw_tokens[i - 1]) >= 3 and raw_tokens[i - 1].isalpha()) or (
                    org is not False and 0 < i < len(raw_tokens) - 1 and (
                    (abjad and origs.get(tok) == "و")
                    or (script == "Latin" and tok in _AND_WORDS))) or (
                    len(tok) == 1 and tok in links and tok not in dotted) or (
                    abjad and len(tok) == 1 and len(raw_tokens) > 1 and len(
                    origs.get(tok) or "??") == 1 and origs.get(tok) not in _RIGHT_JOINING) or (
                    tok in PARTICLES and not syllabic and not cjk_words
                    and (not abjad or tok in _ABJAD_PARTICLES) and (
                    len(tok) > 1 or (
                    0 < i < len(raw_tokens) - 1 and raw_tokens[i - 1] not in TITLES
                    and len(raw_tokens[i - 1]) > 1 and len(raw_tokens[i + 1]) > 1
                    and tok not in dotted))):
                # "y" and "e" join two names (Garcia y Lopez); first, last, after a title or
                # an initial, before one, or followed by a full stop they are initials (Y
                # AL-MADANI, Sheikh Y AL-MADANI, S M Y AL-AHMAD, E. BADEGE, RI Y.M.,
                # KOVALCHUK Y V); one letter of a
                # vowel-less script standing alone is a fragment, no name (عماري س), but for
                # a letter that never joins the next, which text extracted from a PDF parts
                # from the rest of its word (ر ستمی: Rostami)
                role = Role.PARTICLE
            elif org is not True and len(raw_tokens) > 1 and not syllabic and not (
                    # (a name of unknown kind with a legal form or a business word is a
                    # company's, with no titles: Rajata General Trading Co., Ltd.; Bishop
                    # Import Export Corporation)
                    org is None and (legal or business)) and (
                    (tok in TITLES and not abjad and i < len(raw_tokens) - 1  # (عمر is not Mr)
                     # (Mohammad Sadiq Amir Mohammad; the given names' first word of
                     # FAMILY, Given is the first: NOOSHIN, Seyed Mirahmad; or after titles
                     # only: Sardar Seyed Sadegh Hosseini)
                     and (tok not in NAME_TITLES or all(
                         t in TITLES for t in raw_tokens[family_words:i]))
                     and i >= family_words)
                    or (not abjad and i < len(raw_tokens) - 1 and i >= family_words
                        and all(t in TITLES for t in raw_tokens[:i]) and _title_typo(tok))
                    or (abjad and _title_word(origs.get(tok)) in ARABIC_TITLES
                        and i < len(raw_tokens) - 1
                        and (i == 0 or (i == 1 and raw_tokens[0] == "al")
                             or _title_word(origs.get(tok)) not in ARABIC_NAME_TITLES))):
                role = Role.TITLE
            elif org is not True and not syllabic and len(raw_tokens) > 2 and i == len(
                    raw_tokens) - 1 and (tok in _GENERATIONS or (
                    tok in _TITLES_AFTER and script == "Latin") or (
                    org is False and tok in _GENERATION_NUMERALS)):
                # a generation after the name (Jr., Sr, II): the list may write it or not;
                # a courtesy title (KATAEV/AIUB MR)
                role = Role.TITLE
            elif org is not False and tok in GENERIC:
                role = Role.GENERIC
            elif org is True and not (abjad or syllabic) and org_tags(tok):
                role = Role.GENERIC  # (in a known organisation's name only: Saiful Islam)
            else:
                role = Role.NAME
            alt = None
            if genitive_after is not None and i > genitive_after and role == Role.NAME and len(
                    tok) >= 5 and (nominative := russian_nominative(tok)) is not None:
                alt = nominative  # (Sverdlova, Sverdlov)
            elif role == Role.NAME and _ARTICLE_GLUED.match(tok) and len(tok) >= 6:
                alt = tok[2:]
            elif (role == Role.NAME and len(tok) <= 3 and tokens and tokens[-1].text == "al"
                  and tokens[-1].role == Role.PARTICLE):
                alt = "al" + tok  # a short name after its article is written with it (AL-ID: Alid)
            elif (role == Role.NAME and org is not True and not syllabic and len(tok) >= 3
                  and tok.isalpha() and i + 1 < len(raw_tokens)
                  and raw_tokens[i + 1] in _TURKIC_OF):
                # the father's name a Turkic "son of" follows, as Russian writes the
                # patronymic (Marat kyzy: Maratovna)
                alt = turkic_patronymic(tok, raw_tokens[i + 1])
            elif role == Role.NAME and not syllabic and _LINEAGE_GLUED.match(tok):
                alt = tok[3:]  # "son of" glued to the father's name (BINMARWAN: bin Marwan)
            elif (role == Role.NAME and not syllabic and len(tok) >= 6
                  and tok.endswith(("al", "el", "ul")) and i + 1 < len(raw_tokens)
                  and any(i0 == 0 or latin[i0 - 1] not in _LOWER_OR_DIGIT
                          for i0 in _starts(f"{tok}-{raw_tokens[i + 1]}", latin))):
                # the article glued to the word before it, in a compound written with
                # hyphens (SAIFAL-DIN for Saif-al-Din, BADRAL-DIN)
                alt = tok[:-2]
            # a word of two to five letters the text writes with a full stop after it is
            # written short (Alex. Viktorovich, Libyan Inv. Authority; not the business words
            # known as they are: Co., Corp.)
            short = (role == Role.NAME and 2 <= len(tok) <= 5 and not abjad
                     and not syllabic and tok == spelled and tok in dotted)
            han = None
            if han_chars and role == Role.NAME:
                for k in range(han_at, len(han_chars)):
                    if han_chars[k][0] == tok:
                        han, han_at = han_chars[k][1], k + 1
                        if alt is None and k in family_reads:
                            # (the family name's own reading beside the common one: 曾,
                            # ceng, is Zeng as a family name)
                            alt = family_reads[k]
                        break
            tokens.append(Token(tok, role, skeleton(tok), None, alt, abjad,
                                origs.get(tok, origs.get(spelled))
                                if role in (Role.NAME, Role.TITLE) else None, short, han,
                                role == Role.NAME and tok in aspirates,
                                ova=role == Role.NAME and tok in ova))
    tokens = _compound_numbers(_merge_abd(_title_phrases(tokens), arabic))
    if org is not True and len(tokens) >= 2:
        # a particle stands before the name it belongs to: one ending a person's name, or
        # its family name before the comma, is a name (Anish Das, DAS, Anish; Thi Le: no
        # Anish alone)
        first = tokens[0]
        if _name_particle(first) and original.split(",", 1)[0].strip().casefold() == first.text:
            tokens[0] = _as_name(first)
        if _name_particle(tokens[-1]) and tokens[-2].role == Role.NAME:
            tokens[-1] = _as_name(tokens[-1])
    if sum(1 for t in tokens if t.role == Role.NAME) <= 1 and any(map(_name_title, tokens)):
        # a title that is also a given name is the name when no other is left to carry it
        # (Amir Abbas, Emir Kusturica are not Abbas, Kusturica; حافظ مخلوف is Hafez Makhlouf)
        tokens = [_as_name(t) if _name_title(t) else t for t in tokens]
    if tokens and all(t.role in (Role.PARTICLE, Role.TITLE) for t in tokens):
        # a name made only of particles or titles: treat them as name tokens
        tokens = [_as_name(t) for t in tokens]
    scoring = [t for t in tokens if t.role in (Role.NAME, Role.NUMBER, Role.GENERIC)]
    return NameForm(original=original, latin=latin, tokens=tokens, legal=legal, script=script,
                    scoring=scoring, person=org is False, unknown_kind=org is None)
