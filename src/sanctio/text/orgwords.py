"""Words of organisation names translated from Cyrillic and Greek into English, as the lists
translate them.

The EU and UK lists give a Russian, Ukrainian, Belarusian or Bulgarian company or agency under
its own name and under an English one (and the EU most of its organisations in Greek too):
``Государственная транспортная лизинговая компания`` is ``STATE TRANSPORT LEASING COMPANY``;
``Научно-исследовательский институт`` is a ``Research Institute``. Transliterated
(gosudarstvennaya transportnaya lizingovaya kompaniya), such a name meets its English one in
no word (nor does Ρωσική Εθνική Εμπορική Τράπεζα, Russian National Commercial Bank).
``sanctio evaluate learn-org-words`` (:mod:`sanctio.evaluate.learn_org_words`) reads off the
lists which word stem stands for which English word, and ships the table as
``data/org_words.json``; :func:`translated_reading` gives a Cyrillic or Greek organisation
name with the words the table knows in English, which the screener scores beside the
transliterated name (each party keeps its better match).

Beside the learned table, words the learner missed are written by hand as the lists translate
them (Cyrillic and Greek), and so are the business words and legal forms of Arabic and
Persian organisation names (شرکت company, ذ.م.م LLC); :func:`acronym_readings` reads a
Russian organisation's name as its acronym (Муромский приборостроительный завод: MPZ).

The stem of a word is the word lower-cased without its inflection (:func:`native_stem`: one
or two endings of Russian, Ukrainian, Belarusian, Bulgarian or Greek taken off: ``завода``,
``заводът`` and ``завод`` are ``завод``; ``Υπουργείο`` and ``Υπουργείου`` are ``υπουργ``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache

from sanctio.text.normalize import (
    ARABIC_MARKS,
    analyze,
    known_name,
    native_org_types,
    to_latin,
)
from sanctio.text.shipped import ShippedWords

# endings of Russian, Ukrainian, Belarusian and Bulgarian nouns and adjectives (case,
# number, gender) and the Bulgarian article, longest first
_ENDINGS = tuple(sorted(set("""
ого его ому ему ыми ими ами ями ых их ый ий ой ая яя ое ее ые ие ую юю ом ем ам ям ах ях ов ев
ей ия ию ии ът ят та то те ите ата ото ета ята іх ім ій ої ою ая а я у ю е ы и о ь й і ї є ў
""".split()), key=len, reverse=True))
# and of Greek ones (written without accents, final sigma as sigma)
_GREEK_ENDINGS = tuple(sorted(set("""
ικησ ικου ικων ικοσ ικεσ ικοι ικη ικο ικα ειασ ειων ειου ειεσ εισ ειο εια ιασ ιων ιου ιοσ ιεσ ουσ
ων ου οσ ησ ασ εσ οι ια α η ο ε ι υ σ
""".split()), key=len, reverse=True))
_MIN_STEM = 3
# a word of a script whose organisation names the table translates (Cyrillic, Greek)
NATIVE_WORD = re.compile(r"[\u0400-\u04ff]+|[\u0370-\u03ff\u1f00-\u1fff]+")


def is_greek(word: str) -> bool:
    """The word begins with a Greek letter."""
    return "\u0370" <= word[:1] <= "\u03ff" or "\u1f00" <= word[:1] <= "\u1fff"


def _greek_fold(word: str) -> str:
    """A Greek word lower-cased, without its accents, final sigma as sigma."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("ς", "σ")


@lru_cache(maxsize=50_000)
def native_stem(word: str) -> str:
    """A Cyrillic (or Greek) word lower-cased without its endings (two at most, a stem of
    three letters at least): ``компанията`` and ``компания`` are ``компан``; ``Εταιρεία`` and
    ``Εταιρείας`` are ``εταιρ``."""
    if is_greek(word):
        stem, endings = _greek_fold(word), _GREEK_ENDINGS
    else:
        stem, endings = word.lower().replace("ё", "е"), _ENDINGS
    for _ in range(2):
        for end in endings:
            if stem.endswith(end) and len(stem) - len(end) >= _MIN_STEM:
                stem = stem[: -len(end)]
                break
        else:
            break
    return stem


_WORDS = ShippedWords("org_words.json", lambda entry: str(entry["english"]))


def table() -> dict[str, str]:
    """Stem -> English word, as shipped (``data/org_words.json``); read once."""
    return _WORDS.table()


@lru_cache(maxsize=20_000)
def _legal_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where the legal forms rigour knows stand in a name (their words stay as they are)."""
    folded = text.casefold()
    spans = []
    for matched, _ in native_org_types(text):
        start = folded.find(matched)
        if start >= 0:
            spans.append((start, start + len(matched)))
    return tuple(spans)


# words that join words (of the, and, for), not names of anything
_FUNCTION_WORDS = frozenset("""
των της του τον την τις τους και για στη στην στο στον στα απο από με μετα μετά
для при под над без или имени на за от по
""".split())


def name_words(text: str) -> list[str]:
    """The Cyrillic and Greek words of a name outside its legal forms, but for words that
    only join others (των, της, και; для, при)."""
    spans = _legal_spans(text) if len(text) == len(text.casefold()) else []
    return [m.group(0) for m in NATIVE_WORD.finditer(text)
            if len(native_stem(m.group(0))) >= _MIN_STEM
            and m.group(0).lower() not in _FUNCTION_WORDS
            and not any(a <= m.start() < b for a, b in spans)]


# an adjective of a place in Russian, Ukrainian, Belarusian or Bulgarian: the place, -ск-
# (after a soft sign or not; Ukrainian -ськ-), and the adjective's ending (Тульский,
# Тульская, Тульского; Київська; Мінскі; Зеленодолски): the lists' English names write the
# place (Tula Arms Plant)
_PLACE_ADJECTIVE = re.compile(
    r"(?P<stem>[\u0400-\u04ff]{2,}?)(?P<soft>ь?)(?:ск|ськ)(?:ий|ый|ой|ая|яя|ое|ее|ого|ому|ом|ую|ие|ые|их"
    r"|ых|им|ым|ими|ыми|і|ае|ага|ім|ія|и|а|о|ата|ото|ия|ите)")


# adjectives in -ск- that name no place (морской, sea; русский, Russian; городской, city's)
_NOT_PLACES = frozenset("""
морск русск руск городск детск мужск женск советск братск человеческ крестьянск гражданск
христианск славянск президентск императорск казачь казацк дружеск
""".split())


def _place_match(word: str) -> re.Match[str] | None:
    """The match of :data:`_PLACE_ADJECTIVE` on a Cyrillic word that is an adjective of a
    place (its ending; морской, русский are none: :data:`_NOT_PLACES`), else None."""
    m = _PLACE_ADJECTIVE.fullmatch(word.lower().replace("ё", "е"))
    return None if m is None or native_stem(word) in _NOT_PLACES else m


def place_adjective(word: str) -> bool:
    """A Cyrillic word, the marks around it aside, is an adjective of a place (Самарский,
    Оршанский, Гродзенская; not морской): :func:`_place_match`."""
    return _place_match(word.strip(_EDGE)) is not None


_EDGE = "\"'«»“”„‘’‚()[]<>.,;:!?-–—/ "


def territory(word: str) -> bool:
    """A Latin word (lower case) is the name of a country or territory rigour knows, or a
    word of one's name that tells it apart (Peru, Lebanon, Philippines; Korea of North Korea,
    Emirates; not united, republic, islands)."""
    return word in _territory_words()


# words of territories' names that tell none apart
_TERRITORY_STOP = frozenset("""
united republic islands island north south saint democratic people peoples federal state
states kingdom territory territories federation central african arab islamic great west
east new and the of da de del la le former occupied plurinational bolivarian socialist
administrative autonomous autonoma capital commonwealth cyberspace district global holy
independent northern southern western eastern province region special union soviet city
""".split())


@lru_cache(maxsize=1)
def _territory_words() -> frozenset[str]:
    """The words of the names of rigour's territories (:func:`territory`), in Latin letters:
    read from its table (0.2 s once; its lookup index takes two seconds to build)."""
    from rigour.territories import get_territories

    out: set[str] = set()
    for t in get_territories():
        for name in (t.name, t.full_name):
            out.update(_telling_words(name))
    return frozenset(out)


def _telling_words(name: str) -> list[str]:
    """The words of a territory's name that tell it apart: the one word of a one-word name,
    else those of four letters or more, none of :data:`_TERRITORY_STOP`."""
    words = re.findall(r"[a-z]+", to_latin(name).lower())
    return [w for w in words if w not in _TERRITORY_STOP and (len(words) == 1 or len(w) >= 4)]


# words of countries' names that are as often other words or people's names (Cape Verde,
# Costa Rica, Saint Lucia, Marshall Islands; Jordan, Chad, Georgia)
_COUNTRY_WORDS_NOT_PLACES = frozenset("""
ascension barbuda british caicos cape chad christmas cocos cook costa cote cunha divoire
equatorial faroe faso falkland futuna georgia grenadines helena herzegovina isle jersey jordan
keeling kitts lanka leone leste lucia maarten marino marshall nevis norfolk ocean pitcairn
principe rica salvador sandwich sierra sint solomon tobago tome tristan turks verde vincent
virgin wallis aland
""".split())


@lru_cache(maxsize=1)
def _country_codes() -> dict[str, frozenset[str]]:
    """The words of the short names of rigour's countries that name one (iran, korea,
    emirates; not ocean, cape, jordan: :data:`_COUNTRY_WORDS_NOT_PLACES`), each with the
    codes of the countries whose names have it (korea: kp, kr)."""
    from rigour.territories import get_territories

    out: dict[str, set[str]] = {}
    for t in get_territories():
        if not t.is_country:
            continue
        for w in _telling_words(t.name):
            if w not in _COUNTRY_WORDS_NOT_PLACES:
                out.setdefault(w, set()).add(t.code)
    return {w: frozenset(codes) for w, codes in out.items()}


def other_territories(a: str, b: str) -> bool:
    """Two words (Latin, lower case) that name countries (:func:`_country_codes`), no
    country's name having both: two countries, however alike the letters (Iraq, Iran;
    Niger, Nigeria; Austria, Australia)."""
    codes = _country_codes()
    ca, cb = codes.get(a), codes.get(b)
    return ca is not None and cb is not None and ca.isdisjoint(cb)


# the endings of the adjectives of countries' names (Korean, Iranian, Chinese, Iraqi,
# Turkish), and the few the rule does not make
_DEMONYM_ENDINGS = ("ian", "an", "n", "ese", "i", "ish")
_DEMONYMS = frozenset("lebanese turkish afghan filipino swiss dutch british french "
                      "greek thai welsh scottish irish".split())


# the words the names of states are made of (not united, central, national: words of
# companies' names as often)
_STATE_WORDS = frozenset("federation republic democratic people peoples islamic arab kingdom "
                         "socialist bolivarian plurinational".split())


def state_word(word: str) -> bool:
    """A word the names of states are made of (Federation, Republic, People's)."""
    return word in _STATE_WORDS


@lru_cache(maxsize=4096)
def place_word(word: str) -> bool:
    """A Latin word (lower case) that says of what country a body is: a word of a
    country's name (:func:`_country_codes`), the adjective of one (Korean, Iranian,
    Chinese, Iraqi), or a word the names of states are made of (Federation, Republic,
    Democratic, People's)."""
    codes = _country_codes()
    if word in _STATE_WORDS or word in _DEMONYMS or word in codes:
        return True
    for end in _DEMONYM_ENDINGS:
        stem = word[:-len(end)]
        if word.endswith(end) and len(stem) >= 3 and (
                stem in codes or stem + "a" in codes or stem + "e" in codes):
            return True
    return False


@lru_cache(maxsize=1)
def table_english() -> frozenset[str]:
    """Every English word the tables give a Cyrillic or Greek word of an organisation's name
    for (learned and written): a word the query left untranslated is seldom one of these,
    whose Cyrillic the tables know."""
    out: set[str] = set()
    for words in (table(), _CYRILLIC_WORDS, _GREEK_WORDS, written_table()):
        for english in words.values():
            out.update(english.split())
    return frozenset(out)


@lru_cache(maxsize=50_000)
def _place_spellings(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The places a Cyrillic adjective of a place may name, in Latin letters: a place ending
    in -ск itself (Минский: Minsk; Воткинский: Votkinsk), and the stem alone or with the vowel
    of its nominative (Пермский: Perm; Тульский: Tula; Чебоксарский: Cheboksary; Гродненская:
    Grodno, its -ен- taken out)."""
    m = _place_match(word)
    if m is None:
        return (), ()
    stem = m.group("stem")
    whole = [] if m.group("soft") else [stem + ("ськ" if "ськ" in word.lower() else "ск")]
    others = [stem] + [stem + v for v in "аыоя"]
    if stem.endswith("ен") and len(stem) >= 5:
        others += [stem[:-2] + v for v in "оа"]

    def latin(words: list[str]) -> tuple[str, ...]:
        out: list[str] = []
        for c in words:
            spelled = to_latin(c).replace("'", "")
            if len(spelled) >= 4 and spelled.isalpha() and spelled not in out:
                out.append(spelled)
        return tuple(out)

    return latin(whole), latin(others)


# words of the EU's Greek names of organisations the learned table does not give (fewer
# than three organisations taught them, or not one to one), as the lists translate them: by
# their stems
# (:func:`native_stem`; Ρωσική, Ρωσικό: ρωσ)
_GREEK_WORDS = {native_stem(greek): english for greek, english in (
    ("Ρωσική", "russian"), ("Κρατική", "state"), ("εταιρεία", "company"),
    ("Λαϊκής", "people"), ("Κέντρο", "center"), ("Ινστιτούτο", "institute"),
    ("Επιστημονικό", "scientific"), ("Ερευνητικό", "research"), ("Εργοστάσιο", "plant"),
    ("Τράπεζα", "bank"), ("Εμπορική", "commercial"), ("Ναυτικό", "navy"),
    ("Υπηρεσία", "service"), ("Ομάδα", "group"), ("Ένωση", "union"), ("Κίνημα", "movement"),
    ("Σωφρονιστικό", "correctional"), ("Ενωμένη", "united"), ("Ειδικές", "special"),
    ("Πολιτιστικός", "cultural"), ("Ταμείο", "fund"), ("Πλούτου", "wealth"),
    ("Αραβικές", "arab"), ("Επαναστατικές", "revolutionary"), ("Πολεμιστών", "warriors"),
    ("Παγκόσμιο", "world"), ("Πόλεμο", "war"), ("Οπαδοί", "supporters"),
    ("χερσαίες", "ground"), ("Επιχείρηση", "enterprise"), ("Θεού", "god"),
)}


# and of Russian, Bulgarian and Belarusian ones (each in the forms its stem is read from)
_CYRILLIC_WORDS = {native_stem(form): english for forms, english in (
    ("объединение объединения", "association"), ("Държавно Държавен държавна", "state"),
    ("Дзяржаўнае дзяржаўная", "state"), ("държави държава", "state"),
    ("народните народного народная народный народна", "peoples"), ("център", "center"),
    ("космическо космический космическая космических", "space"),
    ("Единна единая единый", "united"), ("войск войска", "troops"),
    ("отбрана отбраната отбранителната", "defence"),
    ("общественной общественное обществено", "public"), ("науки наук", "sciences"),
    ("въоръжени вооружённые вооруженные", "armed"),
    ("Судостроительный судостроительного судостроительная", "shipbuilding"),
    ("Авиакомпания авиакомпании", "airline"),
    ("Беларуская Белорусская белорусский белорусская", "belarusian"),
    ("производствена", "production"), ("ракетната ракетного ракетный ракетных", "missile"),
    ("Приборостроения приборостроительный", "instrument"),
    ("Управляющая управително", "management"), ("управление управления", "directorate"),
    ("изследвания исследований", "research"), ("защита защиты", "protection"),
    ("Отдел отдела", "department"), ("промышленная промишленост промышленности",
                                      "industrial"),
    ("Военновъздушни военно-воздушные военно-воздушных", "air force"),
    ("флот флота", "fleet"), ("оружейный оружейного", "arms"),
    ("специални", "special"), ("разузнаването разведки", "intelligence"),
    ("телевизионный телевизионная", "television"),
    ("гвардейска гвардии гвардейская", "guards"), ("Бронетанковый", "armoured"),
    ("инновационных инновационный", "innovation"), ("агрегатный", "aggregate"),
    ("Кюрдски", "kurdish"), ("Агенция", "agency"), ("вътрешна внутренних", "internal"),
    ("унитарно унитарное", "unitary"), ("Страховое страховая", "insurance"),
    ("авиастроительная авиастроительный", "aircraft"),
) for form in forms.split()}


# the shortest stem the written vocabulary is read by: a word of a shorter one (Νέος, new;
# Αρχή, authority; ислям, of which the Bulgarian article's ending leaves исл) is read by its
# forms as written, each whole
WRITTEN_STEM = 4


def _written_key(word: str) -> str:
    """The key of a word in :func:`written_table`: its stem, or, for a word whose stem is
    shorter than :data:`WRITTEN_STEM`, the word itself (lower case, a Greek one without
    accents) after an ``=``."""
    stem = native_stem(word)
    if len(stem) >= WRITTEN_STEM:
        return stem
    return "=" + (_greek_fold(word) if is_greek(word) else word.lower().replace("ё", "е"))


@lru_cache(maxsize=1)
def written_table() -> dict[str, str]:
    """Stem -> English word of the general vocabulary of organisation names written by hand
    (``data/org_words_written.json``: its Cyrillic and Greek entries, each by the stem of each
    of its forms, or by the form itself where its stem is short: :func:`_written_key`); empty
    when the file cannot be read."""
    from sanctio.text.shipped import shipped_doc

    doc = shipped_doc("org_words_written.json")
    out: dict[str, str] = {}
    try:
        for entry in [*doc["cyrillic"], *doc["greek"]]:
            for form in str(entry["forms"]).split():
                out.setdefault(_written_key(form), str(entry["english"]))
    except (KeyError, TypeError):
        return {}
    return out


# the Greek adjectives in -ικ- whose stem the stemmer shares with a noun of another English
# word (κεντρ: Κέντρο, centre; Κεντρική, central), by the stem
_GREEK_ADJECTIVES = {"κεντρ": "central", "ιραν": "iranian"}
# and the countries whose adjective shares their stem (Ρωσία, Russia; Ρωσική, Russian;
# Λευκορωσία, Belarus; Λευκορωσική, Belarusian): the noun, where no -ικ- follows the stem
_GREEK_COUNTRIES = {"ρωσ": "russia", "ιραν": "iran", "ουκραν": "ukraine",
                    "λευκορω": "belarus"}


def _greek_adjective(word: str, stem: str) -> bool:
    """The Greek word is the adjective of its stem: -ικ- after it, or after one more letter
    (Λευκορωσική, of λευκορω)."""
    rest = _greek_fold(word)[len(stem):]
    return rest.startswith("ικ") or rest[1:].startswith("ικ")


def english_of(word: str, everyday: bool = True) -> str | None:
    """The English a Cyrillic or Greek word of an organisation's name stands for: as the lists
    taught it (:func:`table`), or as written by hand (:data:`_CYRILLIC_WORDS`,
    :data:`_GREEK_WORDS`; and, with ``everyday``, the general vocabulary of
    :func:`written_table`, before what the lists taught: a word for word reading) where the
    lists taught none or only a part of it (машиностроения: machine, which is machine
    building); None for a word of neither."""
    stem = native_stem(word)
    if is_greek(word) and stem in _GREEK_ADJECTIVES and _greek_fold(word)[len(stem):].startswith(
            "ικ"):
        return _GREEK_ADJECTIVES[stem]  # (Κεντρική is central, Κέντρο a centre)
    if is_greek(word) and stem in _GREEK_COUNTRIES and not _greek_adjective(word, stem):
        return _GREEK_COUNTRIES[stem]  # (Ενωμένη Ρωσία is United Russia)
    learned = table().get(stem)
    hand = (_GREEK_WORDS if is_greek(word) else _CYRILLIC_WORDS).get(stem) or (
        written_table().get(_written_key(word)) if everyday else None)
    if hand and (everyday or learned is None or learned in hand.split()):
        return hand
    return learned or hand


_GREEK_JOINING = {_greek_fold(greek): english for greek, english in (
    ("του", "of"), ("της", "of"), ("των", "of"), ("τον", "the"), ("την", "the"),
    ("τις", "the"), ("τους", "the"), ("ο", "the"), ("η", "the"), ("το", "the"),
    ("οι", "the"), ("τα", "the"), ("και", "and"), ("για", "for"), ("στη", "in"),
    ("στην", "in"), ("στο", "in"), ("στον", "in"), ("στα", "in"), ("από", "from"),
    ("με", "with"),
)}


# and of the Cyrillic ones (Russian, Ukrainian, Belarusian, Bulgarian): Главна дирекция на
# град Москва is the Main Directorate of the City of Moscow, where на read as a word, na,
# was a name word the English name lacks
_CYRILLIC_JOINING = {
    "на": "of", "от": "of", "за": "for", "для": "for", "и": "and", "і": "and", "та": "and",
    "в": "in", "во": "in", "у": "in", "ў": "in", "при": "at", "по": "for", "с": "with",
    "со": "with", "з": "with", "към": "of",
}


def place_of(word: str, known: Callable[[str], bool]) -> str | None:
    """The place a Cyrillic adjective of a place names, as a word the lists write (``known``:
    the screener's vocabulary): ``Тульский`` is ``tula``, where a list writes Tula; None for
    any other word, and where the lists write both the stem and the stem with -a (Самарский:
    Samar and Samara; Петровский: Petrov and Petrova), which the transliteration is left to
    meet."""
    whole, others = _place_spellings(word)
    found = [p for p in whole if known(p)]
    if found:
        return found[0]
    found = [p for p in others if known(p)]
    if len(found) >= 2 and found[1] == found[0] + "a":
        return None  # (a place ending in a consonant or in -а: Пермь, Тула)
    return found[0] if found else None


# the business words and legal forms of Arabic and Persian organisation names, as the lists
# translate them (شرکت بنیان دانش شرق: Bonyan Danesh Shargh Private Company; إيجر شيبينغ
# م.د.م.س: Eiger Shipping DMCC; گروه صنایع فجر: Fajr Industrial Group), the longer first
_ARABIC_COMPANY = tuple((arabic, re.compile(rf"(?<!\w){re.escape(arabic)}(?!\w)"), english)
                        for arabic, english in sorted((
    ("شركة", "company"), ("الشركة", "company"), ("شرکت", "company"), ("شركت", "company"),
    ("مؤسسة", "establishment"), ("مؤسسه", "establishment"), ("موسسه", "establishment"),
    ("مجموعة", "group"), ("مجموعه", "group"), ("گروه", "group"),
    ("للتجارة العامة", "general trading"), ("التجارة العامة", "general trading"),
    ("للتجارة", "trading"), ("التجارة", "trading"), ("تجارة", "trading"),
    ("تجارت", "trading"), ("بازرگانی", "trading"),
    ("صنایع", "industries"), ("الصناعات", "industries"), ("صناعات", "industries"),
    ("صنعتی", "industrial"), ("صنعتي", "industrial"), ("الصناعية", "industrial"),
    ("سازمان", "organization"), ("منظمة", "organization"), ("بنیاد", "foundation"),
    ("بنياد", "foundation"), ("مجتمع", "complex"), ("بانک", "bank"), ("بنك", "bank"),
    ("مصرف", "bank"), ("مكتب", "office"), ("للصرافة", "exchange"), ("الصرافة", "exchange"),
    ("صرافی", "exchange"), ("صرافي", "exchange"), ("للخدمات", "services"),
    ("خدمات", "services"), ("الدولية", "international"), ("الدولي", "international"),
    ("بین المللی", "international"), ("مهندسی", "engineering"), ("الهندسية", "engineering"),
    ("ذ.م.م", "llc"), ("ش.م.م", "llc"), ("م.د.م.س", "dmcc"), ("ش.م.ح", "fzco"),
    ("ش.م.ل", "sal"), ("ش.ذ.م.م", "llc"), ("با مسئولیت محدود", "llc"),
    ("المحدودة", "limited"), ("منطقة حرة", "free zone"), ("القابضة", "holding"),
    ("سپاه پاسداران انقلاب اسلامی", "islamic revolutionary guard corps"),
    ("سپاه پاسداران", "revolutionary guard corps"), ("سپاه", "corps"),
    ("فرقة", "division"), ("الفرقة", "division"), ("وزارت", "ministry"),
    ("وزارة", "ministry"), ("نیروی", "force"), ("هوایی", "aviation"),
    ("هوافضای", "aerospace"), ("هوافضا", "aerospace"), ("دریایی", "naval"),
    ("تحقیقات", "research"), ("مرکز", "center"), ("مركز", "center"), ("مرکزی", "central"),
    ("زندان", "prison"), ("هواپیمایی", "airlines"), ("کشتیرانی", "shipping lines"),
    ("ایر", "air"), ("اير", "air"),  # (the English word: ایران ایر, Iran Air)
    ("للحماية", "protection"), ("الحماية", "protection"), ("والحماية", "protection"),
    ("الحراسة", "security"), ("والحراسة", "security"), ("للحراسة", "security"),
    ("الأمنية", "security"), ("والخدمات", "services"), ("الخدمات", "services"),
    ("لخدمات", "services"), ("ساختمان", "construction"), ("پالایش", "refining"),
    ("پخش", "distribution"), ("الکترونیک", "electronic"), ("دفاع", "defence"),
    # (words of a name too: Eslami, Melli, Iran; read only beside a word above)
    ("اسلامی", "islamic"), ("الاسلامية", "islamic"), ("الإسلامية", "islamic"),
    ("جمهوری", "republic"), ("ملی", "national"), ("نفت", "oil"), ("گاز", "gas"),
    ("و", "and"),
), key=lambda pair: -len(pair[0])))
# the words of a name too, that say nothing of a company alone (محمد اسلامی, Mohammad Eslami)
_ARABIC_NAME_WORDS = frozenset(("islamic", "republic", "national", "oil", "gas", "central",
                                "center", "defence", "research", "force", "aviation", "and"))
_ARABIC_LETTER = re.compile(r"[\u0600-\u06ff]")
_INVISIBLE = re.compile(r"[\u200c\u200e\u200f]")  # a zero-width non-joiner, direction marks


Translated = tuple[str, list[tuple[str, str]]]  # a reading, and the words it translated

# the letters an Arabic or Persian word is written with either way (أ إ آ ا; ى ي ی; ك ک; ة ه)
_ARABIC_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ی", "ي": "ی", "ك": "ک",
                              "ة": "ه"})
# what an Arabic word is written with before it (and, with, for; the article after them),
# taken off a word the vocabulary does not know as written: والدفاع, للتجارة, بالنفط
_ARABIC_PREFIXES = (("وال", "ال"), ("بال", "ال"), ("فال", "ال"), ("لل", "ال"), ("و", ""),
                    ("ب", ""), ("ل", ""), ("ف", ""))
_ARABIC_WORD = re.compile(r"[\u0600-\u06ff]+")


@lru_cache(maxsize=1)
def arabic_vocabulary() -> dict[str, str]:
    """Arabic or Persian word (folded: :data:`_ARABIC_FOLD`) -> English, the general
    vocabulary of organisation names written by hand (``data/org_words_arabic.json``);
    empty when the file cannot be read."""
    from sanctio.text.shipped import shipped_doc

    doc = shipped_doc("org_words_arabic.json")
    out: dict[str, str] = {}
    try:
        for entry in doc["words"]:
            for form in str(entry["forms"]).split():
                out.setdefault(form.translate(_ARABIC_FOLD), str(entry["english"]))
    except (KeyError, TypeError):
        return {}
    return out


def arabic_english(word: str) -> str | None:
    """The English of an Arabic or Persian word of an organisation's name in the written
    vocabulary (:func:`arabic_vocabulary`), as written or without what it is written with
    before it (و, ب, ل, the article after them); None for a word it lacks."""
    table = arabic_vocabulary()
    folded = word.translate(_ARABIC_FOLD)
    if folded in table:
        return table[folded]
    for prefix, article in _ARABIC_PREFIXES:
        rest = folded[len(prefix):]
        if folded.startswith(prefix) and len(rest) >= 3:
            for bare in ((article + rest, rest) if article else (rest,)):
                if bare in table:
                    return table[bare]
    return None


# the offices and callings Arabic and Persian write before a person's name (الرئيس السوري
# بشار الأسد, the Syrian president Bashar al-Assad; رجل الأعمال, businessman; فرمانده,
# commander), and the names of bodies an office is written with that no table translates
# (حزب الله, Hezbollah; فيلق القدس, سپاه قدس, the Quds Force)
_ARABIC_OFFICES = frozenset(w.translate(_ARABIC_FOLD) for w in """
رئيس الرئيس وزير الوزير قائد القائد زعيم الزعيم الأمين الامين مدير المدير محافظ المحافظ
سفير السفير نائب النائب المتحدث متحدث رجل فرمانده سرکرده دبیرکل رئیس وزیر مشاور مستشار
المستشار
""".split())
_OFFICE_BODIES = frozenset(w.translate(_ARABIC_FOLD) for w in "الله القدس قدس سپاه".split())


def arabic_office_phrase(text: str) -> tuple[str, str] | None:
    """A person's name in Arabic script without what the text says of the person before it
    (الرئيس السوري بشار الأسد: بشار الأسد): an office or a calling first, then the words of
    the vocabulary of organisation names that complete it (السوري, Syrian; الدفاع, defence;
    لحزب الله, of Hezbollah), two words or more left; the name and the phrase, or None."""
    words = text.split()
    if len(words) < 3 or words[0].translate(_ARABIC_FOLD) not in _ARABIC_OFFICES:
        return None
    k = 1
    while k < len(words) and (arabic_english(words[k]) is not None
                              or words[k].translate(_ARABIC_FOLD) in _OFFICE_BODIES):
        k += 1
    if k < 2 or len(words) - k < 2:
        # (an office alone is a title the name's analysis knows, or a given name: أمين
        # محمد is Amin Mohammed; one completed by a word of the vocabulary is not)
        return None
    return " ".join(words[k:]), " ".join(words[:k])


def _arabic_readings(text: str, org: bool = False
                     ) -> tuple[Translated | None, Translated | None]:
    """An Arabic or Persian organisation name with its business words and legal forms in
    English, as the lists write them (شرکت بنیان دانش شرق: company بنیان دانش شرق); None
    when it has none, or, but for a name known to be an organisation's (``org``), only words
    a person's name has too (:data:`_ARABIC_NAME_WORDS`: مرکز تحقیقات شهید حاج علی موحد,
    the Shahid Haj Ali Movahed Research Center, is read so). And the same word for word: in
    a name known to be an organisation's or with a business word of :data:`_ARABIC_COMPANY`,
    the other words the general vocabulary knows are read in English too
    (:func:`arabic_english`: الجماعة الاسلامية المقاتلة الليبية, the Libyan Islamic Fighting
    Group); not as the lists translate, which write many such a word as it sounds (شرکت
    بنیان دانش شرق: Bonyan Danesh Shargh, not East)."""
    done: list[tuple[str, str]] = []
    text = ARABIC_MARKS.sub("", _INVISIBLE.sub("", text))  # (ملّی is ملی)
    for arabic, pattern, english in _ARABIC_COMPANY:
        if pattern.search(text):
            done.append((arabic, english))
            text = pattern.sub(f" {english} ", text)
    lists = _arabic_read(text, done, org)
    if not (org or done):
        return lists, lists
    words = list(done)

    def swap(m: re.Match[str]) -> str:
        english = arabic_english(m.group(0))
        if english is None:
            return m.group(0)
        words.append((m.group(0), english))
        return f" {english} "

    return lists, _arabic_read(_ARABIC_WORD.sub(swap, text), words, org)


def _arabic_read(text: str, done: list[tuple[str, str]], org: bool) -> Translated | None:
    """The reading ``text`` of an Arabic or Persian name and the words it read (``done``), as
    :func:`_arabic_readings` says: None for none, or for a person's words only."""
    if not done or (not org and all(english in _ARABIC_NAME_WORDS for _, english in done)):
        return None
    return " ".join(text.split()), done


# the words of Korean organisation names, as the lists translate them (조선릉라도무역총회사:
# Korea Rungrado General Trading Corporation; 로케트공업부: Ministry of Rocket Industry),
# found inside the words they are written together with, the longer first; what is left is
# transliterated (릉라도: Rungrado)
_HANGUL_COMPANY = tuple(sorted((
    ("조선민주주의인민공화국", "democratic peoples republic of korea"),
    ("조선인민군", "korean peoples army"), ("인민군", "peoples army"),
    ("조선로동당", "workers party of korea"), ("로동당", "workers party"),
    ("중앙위원회", "central committee"), ("위원회", "committee"),
    ("정찰총국", "reconnaissance general bureau"), ("총국", "general bureau"),
    ("국가보위성", "ministry of state security"), ("보위성", "ministry of security"),
    ("인민무력성", "ministry of peoples armed forces"),
    ("인민무력부", "ministry of peoples armed forces"),
    ("군수공업부", "munitions industry department"), ("공업부", "industry ministry"),
    ("무역총회사", "general trading corporation"), ("총회사", "general corporation"),
    ("무역회사", "trading company"), ("무역", "trading"), ("회사", "company"),
    ("은행", "bank"), ("국제", "international"), ("전람사", "exhibition corporation"),
    ("원자력", "nuclear"), ("연구소", "research centre"), ("연구원", "research institute"),
    ("중앙", "central"), ("검찰소", "public prosecutors office"),
    ("해사감독국", "maritime administration"), ("대외", "foreign"), ("건설", "construction"),
    ("합영", "joint venture"), ("기계", "machinery"), ("광업", "mining"),
    ("개발", "development"), ("해운", "shipping"), ("선박", "ship"), ("공업", "industry"),
    ("로케트", "rocket"), ("조선", "korea"),
), key=lambda pair: -len(pair[0])))
_HANGUL = re.compile(r"[\uac00-\ud7a3]")


def _hangul_reading(text: str) -> tuple[str, list[tuple[str, str]]] | None:
    """A Korean organisation name with the words :data:`_HANGUL_COMPANY` knows in English
    (조선릉라도무역총회사: korea 릉라도 general trading corporation); None when it has none."""
    done: list[tuple[str, str]] = []
    for korean, english in _HANGUL_COMPANY:
        if korean in text:
            done.append((korean, english))
            text = text.replace(korean, f" {english} ")
    return (" ".join(text.split()), done) if done else None


# a number with the ending of a Russian, Ukrainian, Belarusian, Bulgarian or Greek ordinal
# (142-й, 841-я, 53-та, 41-ви, 20-а; 53η, 27ο, 20ή, 841ος), and where one may be
_ORDINAL = re.compile(r"(?<!\w)(\d+)-?(?:" + "|".join(sorted("""
й я е го ый ий ой ая ое ые ти ри ви ми ма та то ят ия а и
η ή ος ός ο ό ης ής ου ού ων ών ες ές α ά οι οί
""".split(), key=len, reverse=True)) + r")(?!\w)")
_ORDINAL_DIGIT = re.compile(r"\d-?[\u0370-\u03ff\u1f00-\u1fff\u0400-\u04ff]")


def translated_readings(text: str, known: Callable[[str], bool] | None = None,
                        org: bool | None = True) -> tuple[Translated | None, Translated | None]:
    """The name with each Cyrillic or Greek word the table knows in English
    (``Государственная транспортная лизинговая компания``: ``state transport leasing
    company``), or the words written by hand beside it (:func:`english_of`; the words that
    join others as English joins them), and with each adjective of a place as the place
    where ``known`` (the vocabulary of the lists' names) holds it (``Тульский оружейный
    завод``: ``tula оружейный plant``), in an organisation's name (``org``, or a name of
    unknown kind with a word the table translates: Ковальский is a family name); and the
    words translated; None when no word is (or the name has no Cyrillic or Greek word).
    Two readings: as the lists translate (the words of the lists' tables and those written
    beside them), and word for word (the general vocabulary first, :func:`english_of`): the
    lists write many a word of the general vocabulary as it sounds (Bank Otkritie, not
    Opening; JSC Pribor), and the screener reads a name both ways. An Arabic or Persian name
    is read with its business words and legal forms in English (:data:`_ARABIC_COMPANY`),
    and word for word with its general vocabulary too (:func:`arabic_english`); a Korean one
    with its words (:data:`_HANGUL_COMPANY`), the same both ways."""
    if text.isascii():
        return None, None
    text = unicodedata.normalize("NFKC", text)  # (the micro sign for mu: Ισλαµικός)
    if _ORDINAL_DIGIT.search(text):
        # (53η Ταξιαρχία, 142-й батальон, 53-та бригада: the 53rd, the 142nd; its ending was
        # read as a word, the Greek article η, the, or the Bulgarian та)
        text = _ORDINAL.sub(r"\1", text)
    if not NATIVE_WORD.search(text):
        if _HANGUL.search(text):
            read = _hangul_reading(text)
            return read, read
        if not _ARABIC_LETTER.search(text):
            return None, None
        return _arabic_readings(text, org is True)
    keep = set(name_words(text))
    lists = _words_read(text, keep, False, known, org)
    return lists, _words_read(text, keep, True, known, org)


def translated_reading(text: str, known: Callable[[str], bool] | None = None,
                       org: bool | None = True, everyday: bool = True) -> Translated | None:
    """One of :func:`translated_readings`: word for word (``everyday``), or as the lists
    translate."""
    return translated_readings(text, known, org)[1 if everyday else 0]


def _words_read(text: str, keep: set[str], everyday: bool, known: Callable[[str], bool] | None,
                org: bool | None) -> Translated | None:
    """The Cyrillic or Greek name ``text`` with its words ``keep`` read in English, as
    :func:`translated_readings` says."""
    english = {w: e for w in keep if (e := english_of(w, everyday))}
    if known is not None and (org is True or (org is None and english)):
        for w in keep - english.keys():
            place = place_of(w, known)
            if place:
                english[w] = place
    done: list[tuple[str, str]] = []
    spans = _legal_spans(text) if english and len(text) == len(text.casefold()) else ()
    # (a name written with a capital to each word, the words that join others among them)
    words = [w for w in NATIVE_WORD.findall(text) if len(w) >= 2]
    title_case = len(words) >= 3 and all(w[0].isupper() and w[1:].islower() for w in words)

    def swap(m: re.Match[str]) -> str:
        word = english.get(m.group(0))
        if not word and english:
            # (the words that join others, as English joins them: of, and, for, in; left
            # as they are, they were name words the English name lacks)
            if is_greek(m.group(0)):
                return _GREEK_JOINING.get(_greek_fold(m.group(0)), m.group(0))
            written = m.group(0)
            if (written.islower() or (title_case and written[1:].islower())) and text[
                    m.end():m.end() + 1] != "." and not any(a <= m.start() < b for a, b in spans):
                # (written small, or with a capital in a name that gives every word one,
                # Федеральная Служба По Финансовому Мониторингу; no initial, С. П. Горбунова,
                # nor a word of a legal form, Общество с ограниченной ответственностью)
                return _CYRILLIC_JOINING.get(written.lower(), written)
            return written
        if not word:
            return m.group(0)
        done.append((m.group(0), word))
        return word

    out = NATIVE_WORD.sub(swap, text)
    return (out, done) if done else None


# the letters of a Russian acronym in Latin ones: as the lists write them whole (ЧКПЗ:
# ChKPZ) or by their first letter alone (РЖД: RZD); the others as to_latin reads them
_ACRONYM_LETTERS = {"ж": ("zh", "z"), "х": ("kh", "k"), "ц": ("ts", "t"), "ч": ("ch", "c"),
                    "ш": ("sh", "s"), "щ": ("shch", "s"), "ю": ("yu", "y"), "я": ("ya", "y"),
                    "е": ("e", "e"), "ё": ("e", "e"), "э": ("e", "e"), "й": ("y", "y"),
                    "ы": ("y", "y"), "є": ("ye", "y"), "ї": ("yi", "y"), "і": ("i", "i"),
                    "ў": ("u", "u")}
# where the words an acronym is made of end: "named after" and the name that follows
_NAMED_AFTER = re.compile(r"\b(?:имени|им\.|імя|імені|на име)(?!\w)", re.IGNORECASE)
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]+(?:-[\u0400-\u04ff]+)*")
MIN_ACRONYM = 3
MAX_ACRONYM = 8


# the endings of Russian family names and patronymics (Марков, Захарова, Галкин, Ильич)
_FAMILY_ENDING = re.compile(r"(?:[оеё]в|[иы]н|[оеё]ва|[иы]на|[оеё]вич|[оеё]вна|ич)$")


@lru_cache(maxsize=50_000)
def _persons_name(word: str) -> bool:
    """A Cyrillic word is a family name or patronymic (its ending) rigour knows as a name (a
    Wikidata name symbol): Марков, Соколова; not Минский, a place's adjective and a name."""
    return bool(_FAMILY_ENDING.search(word.lower())) and any(
        known_name(t) for t in analyze(word, org=False).scoring)


def acronym_readings(text: str) -> list[str]:
    """The acronyms a Russian, Ukrainian or Belarusian organisation's name is known by, in
    Latin letters, as the lists write them (Муромский приборостроительный завод: MPZ;
    Балашихинский литейно-механический завод: BLMZ; Российские железные дороги: RZD;
    Челябинский кузнечно-прессовый завод: ChKPZ): the first letter of each word and of each
    part of a hyphenated word, outside its legal forms (АО, Акционерное общество), the words
    that only join others (и, для) and what follows "named after" (имени). A name of two
    words or fewer, or more than eight, or with a word in Latin letters, has none."""
    if text.isascii() or not _CYRILLIC_WORD.search(text):
        return []
    cut = _NAMED_AFTER.search(text)
    body = text[:cut.start()] if cut else text
    spans = _legal_spans(body) if len(body) == len(body.casefold()) else []
    if re.search(r"[A-Za-z]", "".join(
            body[i] for i in range(len(body)) if not any(a <= i < b for a, b in spans))):
        return []
    letters: list[str] = []
    for m in _CYRILLIC_WORD.finditer(body):
        word = m.group(0)
        if any(a <= m.start() < b for a, b in spans) or word.lower() in _FUNCTION_WORDS:
            continue
        if len(word) == 1 and word.lower() in "ивск":  # (и, в, с, к)
            continue
        if len(word) <= 4 and word.isupper():
            continue  # an acronym itself (НПО, РАО, КБ): no word of the acronym
        if any(_persons_name(part) for part in word.split("-") if part):
            return []  # a company named after people (Марков-Захаров): no acronym of names
        letters.extend(part[0].lower() for part in word.split("-") if part)
    if not MIN_ACRONYM <= len(letters) <= MAX_ACRONYM:
        return []
    out: list[str] = []
    for whole in (True, False):
        spelled = "".join(
            _ACRONYM_LETTERS[c][0 if whole else 1] if c in _ACRONYM_LETTERS
            else to_latin(c)[:1 if not whole else None] for c in letters)
        if spelled.isalpha() and spelled not in out:
            out.append(spelled)
    return out


# the acronyms of the kinds of body Russian and Soviet enterprises name themselves by, as the
# lists write them (NPO Izhmash; NPP Istok; TsNII ...), and the English the lists translate
# them with (Scientific Production Association Izhmash; Scientific and Production
# Enterprise Istok)
_BODY_ACRONYMS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("npo", ("scientific production association", "scientific and production association",
             "research and production association", "research production association")),
    ("npp", ("scientific production enterprise", "scientific and production enterprise",
             "research and production enterprise", "research production enterprise")),
    ("npk", ("scientific production corporation", "scientific and production corporation",
             "research and production corporation", "research production corporation")),
    ("nits", ("scientific research center", "scientific research centre")),
    ("tsnii", ("central scientific research institute", "central research institute")),
    ("nii", ("scientific research institute",)),
    ("okb", ("experimental design bureau",)),
)
_BODY_PHRASE = re.compile(r"(?<!\w)(" + "|".join(
    r"[\s-]+".join(map(re.escape, phrase.split()))
    for _, phrases in _BODY_ACRONYMS for phrase in sorted(phrases, key=len, reverse=True))
    + r")(?!\w)", re.IGNORECASE)
_PHRASE_ACRONYM = {phrase: acronym for acronym, phrases in _BODY_ACRONYMS
                   for phrase in phrases}


def body_acronym_reading(text: str) -> tuple[str, tuple[str, str]] | None:
    """A Latin organisation name with the English words of its kind of body written as
    the acronym the lists also write (Scientific and Production Enterprise Istok: NPP
    Istok), and the two; None for a name without them. Only this way: the acronym written
    out would weigh as three words of the name (NPO Strelkova is no Scientific Production
    Association Strela), and a list name that writes the words is read with the acronym
    too (:func:`body_acronyms_of`)."""
    if not text.isascii():
        return None
    phrase = _BODY_PHRASE.search(text)
    if phrase is None:
        return None
    acronym = _PHRASE_ACRONYM[" ".join(re.split(r"[\s-]+", phrase.group(0).lower()))]
    return (text[:phrase.start()] + acronym.upper() + text[phrase.end():],
            (phrase.group(0), acronym.upper()))


def body_acronyms_of(text: str) -> list[str]:
    """A list name that writes its kind of body out in English, with the acronym instead
    (SCIENTIFIC AND PRODUCTION ENTERPRISE SALYUT: NPP SALYUT), which a query may write; []
    for any other name."""
    read = body_acronym_reading(text)
    return [read[0]] if read is not None else []
