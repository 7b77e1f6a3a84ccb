"""Query-name variant generators: the ways a listed name reaches a screening system changed.

Each category is one function ``(name, schema, rng) -> str | None``. It takes a listed name
(Latin script), the party's schema and a seeded :class:`random.Random`, and returns the name as
a customer record, a payment message or an analyst might write it. It returns ``None`` when the
category does not apply to the name (no middle name to drop, no legal form in a person's name,
no number to spell out...). The functions are deterministic for a given ``rng`` state, so a run
is reproducible under its seed.

The categories follow what vendors and regulators test name screening with (Wolfsberg / FATF
style test decks): exact; case and punctuation; one and two typos; transposition; token
reorder and ``FAMILY, Given``; dropped middle names; initials; titles and honorifics;
transliteration variants (Arabic, Russian, Chinese and Korean romanisations); particles joined
or split; non-Latin script; legal-form variants; ordinal and number words; homoglyphs; and
combinations of two.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable
from functools import cache, lru_cache

from sanctio.model import Schema
from sanctio.text.normalize import Role, analyze

Generator = Callable[[str, Schema | None, random.Random], str | None]

# ----------------------------------------------------------------------------- helpers

PARTICLES = frozenset("""
al el ul bin ibn ben bint abu abou van von der den de del della da di du le la dos das ould ait
""".split())


_ARABIC_PARTICLES = frozenset("al el ul bin ibn ben bint abu abou abd abdul abdel".split())


def is_person(schema: Schema | None) -> bool:
    return schema == Schema.PERSON


def _letters(word: str) -> str:
    return "".join(c for c in word if c.isalpha())


def _is_latin(text: str) -> bool:
    return all(ord(c) < 0x250 for c in text if c.isalpha())


def _strip_accents(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def _key(word: str) -> str:
    """A word's comparison form for the rule tables: ASCII, lower case, letters only."""
    return _letters(_strip_accents(word)).lower()


def _match_case(new: str, like: str) -> str:
    """Write ``new`` in the letter case of ``like`` (UPPER, lower or Title)."""
    letters = _letters(like)
    if letters and letters.isupper() and len(letters) > 1:
        return new.upper()
    if letters and letters.islower():
        return new.lower()
    return new[:1].upper() + new[1:].lower() if new else new


def units(name: str) -> list[str]:
    """Whitespace tokens with particles attached to the word they precede (``bin Laden``,
    ``van der Berg``, ``Abd al Rahman`` are one unit each)."""
    out: list[str] = []
    pending: list[str] = []
    arabic = name_origin(name) == "arabic"
    for tok in name.split():
        pending.append(tok)
        k = _key(tok)
        if (k in PARTICLES or k in _ARABIC_PARTICLES) and (
                arabic or k not in _ARABIC_PARTICLES):
            continue
        out.append(" ".join(pending))
        pending = []
    if pending:
        if out:
            out[-1] = out[-1] + " " + " ".join(pending)
        else:
            out.append(" ".join(pending))
    return out


def split_person(name: str) -> tuple[list[str], list[str], bool]:
    """(given units, family units, family_first) of a person's name.

    Lists write the family name in capitals (``Vyacheslav Yurevich LOGINOV``, ``KIM Jong Un``);
    where the case does not tell, the last unit is taken as the family name."""
    us = units(name)
    if len(us) < 2:
        return us, [], False
    caps = [len(_letters(u)) > 1 and _letters(u).isupper() for u in us]
    if any(caps) and not all(caps):
        if caps[0] and not caps[-1]:
            n = 0
            while n < len(us) and caps[n]:
                n += 1
            return us[n:], us[:n], True
        n = len(us)
        while n > 0 and caps[n - 1]:
            n -= 1
        if n > 0 and all(not c for c in caps[:n]):
            return us[:n], us[n:], False
    if name_origin(name) in ("chinese", "korean"):
        first, last = _key(us[0]), _key(us[-1])
        surnames = _CHINESE_SURNAMES | _KOREAN_SURNAMES
        if first in surnames and (last not in surnames or name_origin(name) == "chinese"):
            return us[1:], us[:1], True
    return us[:-1], us[-1:], False


# ---------------------------------------------------------------------- name origins

_ARABIC_GROUPS: list[list[str]] = [
    ["mohammed", "muhammad", "mohamed", "mohammad", "muhammed", "mohamad", "mohammad"],
    ["ahmed", "ahmad"], ["mahmoud", "mahmud", "mahmood"],
    ["hussein", "husayn", "hussain", "husain", "hussien"], ["hassan", "hasan"],
    ["ali", "aly"], ["omar", "umar"], ["osama", "usama", "usamah"],
    ["yousef", "yusuf", "youssef", "yusef", "yousif"],
    ["abdullah", "abdallah", "abdulla", "abdalla"], ["abdul", "abdel", "abdal"],
    ["khaled", "khalid"], ["said", "saeed", "saied"], ["sayyid", "sayed", "seyed", "syed"],
    ["mustafa", "mustapha", "moustafa", "mostafa"], ["ibrahim", "ebrahim", "ibraheem"],
    ["ismail", "ismael", "esmail", "ismaeel"], ["saleh", "salih"],
    ["nasser", "nasir", "naser"], ["jamal", "gamal"],
    ["qasim", "qassem", "kassem", "kasim", "qasem"], ["faisal", "faysal", "feisal"],
    ["hamza", "hamzah"], ["abu", "abou"], ["al", "el"],
    ["abdulrahman", "abdelrahman", "abdurrahman"], ["rahman", "rehman"],
    ["mohsen", "muhsin", "mohsin"], ["hamid", "hameed"], ["rashid", "rasheed", "rachid"],
    ["majid", "majeed", "magid"], ["walid", "waleed"], ["khalil", "khaleel"],
    ["karim", "kareem"], ["hezbollah", "hizballah", "hizbullah"], ["qaida", "qaeda"],
    ["taliban", "taleban"], ["othman", "uthman", "osman"], ["zakaria", "zakariya"],
    ["yahya", "yehia", "yahia"], ["musa", "mousa", "moussa"], ["issa", "isa", "eissa"],
    ["tariq", "tarek", "tarik", "tareq"], ["haji", "hajji", "hadji"],
    ["sheikh", "shaykh", "shaikh"], ["hafez", "hafiz"], ["muammar", "moammar"],
    ["qadhafi", "gaddafi", "qaddafi", "kadhafi", "gadhafi"], ["haftar", "hifter"],
    ["assad", "asad"], ["nour", "nur", "noor"], ["mansour", "mansur"],
    ["abdulaziz", "abdelaziz"], ["salem", "salim"], ["jaber", "jabir"],
    ["amin", "ameen"], ["reza", "ridha", "rida"], ["zaid", "zayd", "zeid"],
    ["fatima", "fatma", "fatemeh"], ["aisha", "aysha", "ayesha"], ["khalifa", "khalifah"],
    ["mahdi", "mehdi"], ["hadi", "hady"], ["abbas", "abas"], ["hamad", "hamed"],
    ["saad", "sad"], ["anwar", "anouar"], ["zawahiri", "zawahri"], ["suleiman", "sulayman",
                                                                   "soleiman", "sulaiman"],
    ["yasin", "yassin", "yaseen"], ["idris", "idriss"], ["bakr", "bakar"],
]
_ARABIC_VARIANTS: dict[str, list[str]] = {}
for _group in _ARABIC_GROUPS:
    for _w in _group:
        _ARABIC_VARIANTS[_w] = [x for x in dict.fromkeys(_group) if x != _w]

_ARABIC_MARKERS = frozenset(_ARABIC_VARIANTS) | frozenset(
    "bin ibn bint abd din deen eddin uddin allah".split())

# particles that are Arabic in most names but also Chinese or Latin words (Bin, Al, Din)
_ARABIC_WEAK_MARKERS = frozenset("al el bin ibn bint abu abou abd din allah".split())

_RUSSIAN_GIVEN = frozenset("""
vladimir sergei sergey igor alexander aleksandr alexandr aleksei aleksey alexei alexey dmitry
dmitriy dmitri yuri yuriy yury mikhail nikolai nikolay andrei andrey oleg ivan pavel viktor
boris gennady gennadiy yevgeny yevgeniy evgeny evgeniy anatoly anatoliy vyacheslav vitaly
vitaliy konstantin roman maxim maksim ruslan denis olga tatiana tatyana natalia natalya elena
yelena irina svetlana maria mariya anna ekaterina yekaterina valentina lyudmila galina
arkady arkadiy kirill stanislav vasily vasiliy grigory grigoriy leonid fyodor fedor petr pyotr
semyon artem artyom timur vadim valery valeriy yaroslav ilya egor yegor alla nadezhda
""".split())
_RUSSIAN_SUFFIX = re.compile(
    r"(ovich|evich|ovna|evna|yevich|ich|vna|ov|ova|ev|eva|yev|yeva|sky|skiy|skii|ski|skaya"
    r"|enko|chuk|yuk|iy|in|ina|ova|shvili|dze)$")

_PINYIN = re.compile(
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|er|ia|ie|in|iu|ua"
    r"|uo|ui|un|ue|a|o|e|i|u)")
_CHINESE_SURNAMES = frozenset("""
wang li zhang liu chen yang huang zhao wu zhou xu sun ma zhu hu guo he gao lin luo zheng liang
xie song tang han feng deng cao peng zeng xiao tian dong yuan pan yu jiang cai wei du ye cheng
su lu ding ren shen yao zhong jin cui tan fan fu xiong hao kong bai qiu qin shi gu hou shao
meng long wan duan lei qian yin dai mo xia xi zou hong lai mao qi jia xue yan kang niu
""".split())
_KOREAN_SURNAMES = frozenset("""
kim ri rim pak park choe choi jo cho jang chang han kang ryu yun jon chon hwang o paek sin
jong song kwon ko mun ju sim ho nam ryang
""".split())
_KOREAN_SYLLABLE = re.compile(
    r"(?:kk|tt|pp|ss|jj|ch|k|n|t|r|l|m|p|s|j|h|g|d|b|)"
    r"(?:wae|yae|yeo|yo|yu|ya|ye|wa|wo|we|wi|ui|ae|eo|eu|oe|a|e|i|o|u)"
    r"(?:ng|k|n|l|m|p|t|)")


def _pinyin_split(word: str) -> list[str] | None:
    """Split a lower-case word into pinyin syllables (longest first, with backtracking)."""

    @cache
    def go(i: int) -> tuple[str, ...] | None:
        if i == len(word):
            return ()
        # every prefix that is a syllable, longest first
        cands = [j for j in range(min(len(word), i + 6), i, -1)
                 if _PINYIN.fullmatch(word, i, j)]
        for j in cands:
            rest = go(j)
            if rest is not None:
                return (word[i:j], *rest)
        return None

    out = go(0)
    return list(out) if out else None


def name_origin(name: str) -> str | None:
    """The naming tradition a Latin-script name most likely comes from, for the rules that
    depend on it: ``arabic``, ``russian``, ``chinese``, ``korean`` or ``None``."""
    keys = [_key(t) for t in re.split(r"[\s\-]+", name) if _key(t)]
    if not keys:
        return None
    weak = _ARABIC_WEAK_MARKERS
    if any(k in _ARABIC_MARKERS and k not in weak for k in keys) or any(
            (k.startswith(("abd", "abu")) and len(k) > 5)
            or (k.endswith(("uddin", "eddin", "ullah", "allah")) and len(k) > 6)
            for k in keys):
        return "arabic"
    if len(keys) >= 2 and all(len(k) <= 12 for k in keys):
        if (keys[0] in _KOREAN_SURNAMES or keys[-1] in _KOREAN_SURNAMES) and all(
                _korean_split(k) for k in keys) and any(
                k in ("kim", "ri", "pak", "choe", "jon", "chol", "jong", "un", "song", "kyong",
                      "hyon", "yong", "pyong", "chon", "myong", "hyok", "chun")
                or k.endswith(("chol", "yong", "hyon", "song", "hyok", "ryong"))
                for k in keys):
            return "korean"
        if (keys[0] in _CHINESE_SURNAMES or keys[-1] in _CHINESE_SURNAMES) and all(
                (s := _pinyin_split(k)) is not None and len(s) <= 3 for k in keys):
            return "chinese"
    if any(k in weak for k in keys):  # al-, bin, abu ... in a name of no other tradition
        return "arabic"
    if any(k in _RUSSIAN_GIVEN for k in keys):
        return "russian"
    if sum(1 for k in keys if len(k) >= 5 and _RUSSIAN_SUFFIX.search(k)
           and not re.search(r"(ein|ain|din|deen)$", k)) >= 2:
        return "russian"
    return None


def _korean_split(word: str) -> list[str] | None:
    m = re.fullmatch(f"(?:{_KOREAN_SYLLABLE.pattern}){{1,3}}", word)
    return [word] if m else None


# ----------------------------------------------------------------------- categories


def exact(name: str, schema: Schema | None, rng: random.Random) -> str | None:
    """The listed name unchanged, as the list writes it (the control category)."""
    return name


def case_punct(name: str, schema: Schema | None, rng: random.Random) -> str | None:
    """Letter case and punctuation changed, letters untouched: ``al-Kani, Mohamed`` ->
    ``AL KANI MOHAMED``; ``Bank Melli Iran`` -> ``bank-melli-iran``. The result differs from
    the name but is equal once case and non-letters are removed."""
    def title(s: str) -> str:
        return re.sub(r"[^\W\d_]+", lambda m: m.group(0)[:1].upper() + m.group(0)[1:].lower(), s)

    case_ops: list[Callable[[str], str]] = [str.upper, str.lower, title]
    punct_ops: list[Callable[[str], str]] = []
    if re.search(r"[.,'’\-]", name):
        punct_ops.append(lambda s: re.sub(r"\s+", " ", re.sub(r"[.,'’]", "", s)
                                          .replace("-", " ")).strip())
        punct_ops.append(lambda s: re.sub(r"[.,'’\-]", "", s))
    if len(name.split()) >= 2:
        punct_ops.append(lambda s: s.replace(" ", "-", 1))
        if len(name.split()[0]) == 1:
            punct_ops.append(lambda s: s.replace(" ", ". ", 1))
        elif "," not in name:
            punct_ops.append(lambda s: s.replace(" ", ", ", 1))
    rng.shuffle(case_ops)
    rng.shuffle(punct_ops)
    for cop in case_ops:
        for pop in [*punct_ops, lambda s: s]:
            out = pop(cop(name))
            if out != name and _alnum(out) == _alnum(name):
                return out
    return None


def _alnum(s: str) -> str:
    return re.sub(r"[\W_]+", "", s).casefold()


_KEYBOARD = {
    "q": "wa", "w": "qes", "e": "wrd", "r": "etf", "t": "ryg", "y": "tuh", "u": "yij",
    "i": "uok", "o": "ipl", "p": "ol", "a": "qsz", "s": "adwx", "d": "sfec", "f": "dgrv",
    "g": "fhtb", "h": "gjyn", "j": "hkum", "k": "jlim", "l": "kop", "z": "asx", "x": "zcs",
    "c": "xvd", "v": "cbf", "b": "vng", "n": "bmh", "m": "nj",
}


def _typo_positions(name: str) -> list[int]:
    """Letter positions where a typo may fall: inside words of 4+ letters, not the first."""
    out: list[int] = []
    for m in re.finditer(r"[A-Za-z]{4,}", name):
        out.extend(range(m.start() + 1, m.end()))
    if not out:
        for m in re.finditer(r"[A-Za-z]{3,}", name):
            out.extend(range(m.start() + 1, m.end()))
    return out


def _one_typo(name: str, pos: int, rng: random.Random) -> str:
    ch = name[pos]
    low = ch.lower()
    op = rng.choice(("sub", "sub", "del", "ins"))
    if op == "sub" and low in _KEYBOARD:
        new = rng.choice(_KEYBOARD[low])
        new = new.upper() if ch.isupper() else new
        return name[:pos] + new + name[pos + 1:]
    if op == "del":
        return name[:pos] + name[pos + 1:]
    new = rng.choice(_KEYBOARD.get(low, low) + low)
    new = new.upper() if ch.isupper() else new
    return name[:pos] + new + name[pos:]


def _levenshtein(a: str, b: str) -> int:
    from rapidfuzz.distance import Levenshtein

    return int(Levenshtein.distance(a, b))


def typo1(name: str, schema: Schema | None, rng: random.Random) -> str | None:
    """One keyboard typo: a letter replaced by a neighbouring key, dropped or doubled
    (edit distance exactly 1, never the first letter of a word)."""
    positions = _typo_positions(name)
    for _ in range(10):
        if not positions:
            return None
        out = _one_typo(name, rng.choice(positions), rng)
        if _levenshtein(out, name) == 1:
            return out
    return None


def typo2(name: str, schema: Schema | None, rng: random.Random) -> str | None:
    """Two typos, in two different words where the name has two of four letters or more,
    else in one word of eight letters or more (edit distance exactly 2). ``None`` for shorter
    names, where two typos leave little of the name."""
    words = [m for m in re.finditer(r"[A-Za-z]{4,}", name)]
    if len(words) < 2 and not any(m.end() - m.start() >= 8 for m in words):
        return None
    for _ in range(20):
        if len(words) >= 2:
            w1, w2 = sorted(rng.sample(words, 2), key=lambda m: m.start())
            # the later word first, so the earlier position stays valid
            out = _one_typo(name, rng.randrange(w2.start() + 1, w2.end()), rng)
            out = _one_typo(out, rng.randrange(w1.start() + 1, w1.end()), rng)
        else:
            positions = _typo_positions(name)
            if len(positions) < 4:
                return None
            p1, p2 = sorted(rng.sample(positions, 2))
            if p2 - p1 < 2:
                continue
            out = _one_typo(name, p2, rng)
            out = _one_typo(out, p1, rng)
        if _levenshtein(out, name) == 2:
            return out
    return None


def transposition(name: str, schema: Schema | None, rng: random.Random) -> str | None:
    """Two adjacent different letters swapped inside a word (``Mohamed`` -> ``Mohaemd``)."""
    cands = []
    for m in re.finditer(r"[A-Za-z]{4,}", name):
        for i in range(m.start() + 1, m.end() - 1):
            if name[i].lower() != name[i + 1].lower():
                cands.append(i)
    if not cands:
        return None
    i = rng.choice(cands)
    return name[:i] + name[i + 1] + name[i] + name[i + 2:]


def reorder(name: str, schema: Schema | None, rng: random.Random) -> str | None:
    """People: the words in another order, the family name moved to the other end, or the
    units shuffled (particles stay with their word: ``bin Laden Osama``)."""
    if not is_person(schema):
        return None
    us = units(name)
    if len(us) < 2:
        return None
    given, family, family_first = split_person(name)
    options = [" ".join(given + family) if family_first else " ".join(family + given)]
    if len(us) >= 3:
        for _ in range(5):
            shuffled = us[:]
            rng.shuffle(shuffled)
            options.append(" ".join(shuffled))
    options = [o for o in dict.fromkeys(options) if o != " ".join(us)]
    return rng.choice(options) if options else None


def family_given(name: str, schema: Schema | None, rng: random.Random) -> str | None:
    """People: ``FAMILY, Given Middle`` (the order of bank records and many lists)."""
    if not is_person(schema):
        return None
    given, family, _ = split_person(name)
    if not family or not given:
        return None
    return " ".join(family).upper() + ", " + " ".join(given)


def drop_middle(name: str, schema: Schema | None, rng: random.Random) -> str | None:
    """People with three or more name units: one middle name (or all of them) left out;
    first and last units kept."""
    if not is_person(schema):
        return None
    us = units(name)
    if len(us) < 3:
        return None
    middle = list(range(1, len(us) - 1))
    drop = set(middle) if len(middle) > 1 and rng.random() < 0.3 else {rng.choice(middle)}
    return " ".join(u for i, u in enumerate(us) if i not in drop)


def initials(name: str, schema: Schema | None, rng: random.Random) -> str | None:
    """People: given names reduced to initials, the family name kept (``V. V. PUTIN``,
    ``V.V. Putin``, ``V Putin``, and the family name first: ``PUTIN V. V.``, ``Putin V V``);
    or only the middle names reduced (``Osama M. Laden``)."""
    if not is_person(schema):
        return None
    given, family, family_first = split_person(name)
    if not family or not given:
        return None
    style = rng.choice(("dot_space", "dot", "bare"))
    only_middle = len(given) >= 2 and rng.random() < 0.3

    def initial(unit: str) -> str:
        # the name's own initial, not its particle's (``ben Omar`` -> O; ``Abdul Rahman`` -> A)
        ws = unit.split()
        while len(ws) > 1 and _key(ws[0]) in PARTICLES:
            ws = ws[1:]
        letter = next((c for c in ws[0] if c.isalpha()), "")
        return letter.upper() + ("." if style != "bare" else "")

    if only_middle:
        parts = [given[0]] + [initial(u) for u in given[1:]]
        given_text = " ".join(parts)
    else:
        inits = [initial(u) for u in given]
        given_text = ("" if style == "dot" else " ").join(inits)
    fam = " ".join(family)
    # (a name in its natural order has its family name put first a quarter of the time, as
    # Russian and the lists' Family, I. O. write it: ROTENBERG A. R., Kovalchuk Y V)
    out = f"{fam} {given_text}" if family_first or rng.random() < 0.25 else (
        f"{given_text} {fam}")
    return out if out != name else None


TITLES_ARABIC = ["Sheikh", "Haji", "Mullah", "Sayyid", "Dr.", "Maulana", "Imam", "Mr"]
TITLES_RUSSIAN = ["Mr", "Dr.", "General", "Colonel", "Prof.", "Gen."]
TITLES_OTHER = ["Mr", "Mrs", "Dr.", "Prof.", "General", "Colonel", "Sir", "His Excellency",
                "Capt.", "Eng."]


def titles(name: str, schema: Schema | None, rng: random.Random) -> str | None:
    """People: a title or honorific put in front, chosen for the name's culture
    (``Sheikh Mohamed Khalifa al-Kani``, ``General Sergei Shoigu``, ``Dr. Jane Smith``)."""
    if not is_person(schema):
        return None
    origin = name_origin(name)
    table = TITLES_ARABIC if origin == "arabic" else (
        TITLES_RUSSIAN if origin == "russian" else TITLES_OTHER)
    return f"{rng.choice(table)} {name}"


# transliteration rules: (pattern, replacement) on lower-case words
_RUSSIAN_RULES: list[tuple[str, str]] = [
    (r"iy$", "y"), (r"iy$", "i"), (r"ii$", "iy"), (r"(?<=[^aeiouy])y$", "i"),
    (r"(?<=[^aeiouy])y$", "iy"), (r"ey$", "ei"), (r"ei$", "ey"), (r"kh", "h"), (r"zh", "j"),
    (r"ya", "ia"), (r"ia", "ya"), (r"yu", "iu"), (r"iu", "yu"), (r"^ye", "e"), (r"^e", "ye"),
    (r"yev$", "ev"), (r"yeva$", "eva"), (r"(?<=[aeiou])ev$", "yev"), (r"ts", "tz"),
    (r"shch", "sch"), (r"(?<!s)ch", "tch"), (r"ks", "x"), (r"x", "ks"), (r"ov$", "off"),
    (r"ev$", "eff"), (r"yo", "e"), (r"iya$", "ia"), (r"ia$", "iya"), (r"sky$", "skiy"),
    (r"skiy$", "sky"), (r"skiy$", "ski"), (r"aya$", "aia"), (r"y(?=[aeiou])", "j"),
]
_ARABIC_RULES: list[tuple[str, str]] = [
    (r"ou", "u"), (r"(?<![aeio])u", "ou"), (r"ee", "i"), (r"(?<=[^aeiou])i(?=[^aeiou])", "ee"),
    (r"q", "k"), (r"(?<!k)h$", ""), (r"(?<=[^aeiou])a$", "ah"), (r"dh", "z"), (r"ei", "ai"),
    (r"ai", "ei"), (r"(?<=[^aeiou])e(?=[^aeiou])", "i"), (r"(?<=[^aeiou])i(?=[^aeiou])", "e"),
    (r"j", "dj"), (r"sh", "ch"), (r"(?<=[^aeiou])o(?=[^aeiou])", "u"),
]
_KOREAN_RULES: list[tuple[str, str]] = [
    (r"(?<=[kgjpbtdcsh])ong$", "eong"), (r"ol$", "eol"), (r"^un$", "eun"), (r"^ri$", "lee"),
    (r"^ri$", "yi"), (r"^pak$", "park"), (r"^choe$", "choi"), (r"^kim$", "gim"),
    (r"yong", "yeong"), (r"yon", "yeon"), (r"^jon$", "jeon"), (r"chol", "cheol"),
    (r"hyok", "hyeok"), (r"(?<=[kgjptdcsh])o(?=[kn])", "eo"),
]

_WG_INITIAL = {"b": "p", "p": "p", "d": "t", "t": "t", "g": "k", "k": "k", "zh": "ch",
               "ch": "ch", "j": "ch", "q": "ch", "x": "hs", "z": "ts", "c": "ts", "r": "j",
               "sh": "sh", "s": "s", "m": "m", "f": "f", "n": "n", "l": "l", "h": "h",
               "y": "y", "w": "w"}


def wade_giles(syllable: str) -> str:
    """One pinyin syllable in Wade-Giles (aspiration marks left out, as lists write it)."""
    m = re.match(r"(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?(.*)", syllable)
    assert m is not None
    ini, fin = m.group(1) or "", m.group(2)
    if ini in ("z", "c", "s") and fin == "i":
        return {"z": "tzu", "c": "tzu", "s": "ssu"}[ini]
    if ini in ("zh", "ch", "sh", "r") and fin == "i":
        return {"zh": "chih", "ch": "chih", "sh": "shih", "r": "jih"}[ini]
    fin = {"ong": "ung", "iong": "iung", "ian": "ien", "ie": "ieh", "ui": "uei", "ue": "ueh",
           "uo": "o" if ini in ("g", "k", "h", "sh") else "uo"}.get(fin, fin)
    if fin == "e" and ini in ("g", "k", "h"):
        fin = "o"
    if ini == "y" and fin == "ou":
        return "yu"
    if ini == "y" and fin == "an":
        return "yen"
    return _WG_INITIAL.get(ini, ini) + fin


def _apply_rule(words: list[str], rules: list[tuple[str, str]],
                rng: random.Random, skip_acronyms: bool = False) -> list[str] | None:
    """Apply one of ``rules`` (chosen at random among those that change something) to one
    letter run of one word; hyphens and apostrophes stay where they are (``al-Shibl``);
    with ``skip_acronyms``, not to a word of four letters or fewer written in capitals amid
    others that are not, nor to one with no vowel (JSC, LLC), nor to "the" and "and"."""
    mixed = any(not w.isupper() for w in words)
    cands: list[tuple[int, int, str]] = []
    for i, w in enumerate(words):
        segments = re.split(r"([^A-Za-z]+)", w)
        for j in range(0, len(segments), 2):
            k = segments[j].lower()
            if len(k) < 2 or k in PARTICLES:
                continue
            if skip_acronyms and len(k) <= 4 and (
                    not re.search("[aeiou]", k) or (mixed and segments[j].isupper())
                    or k in ("the", "and")):
                continue
            for pat, rep in rules:
                new = re.sub(pat, rep, k, count=1)
                if new != k and len(new) >= 2:
                    cands.append((i, j, new))
    if not cands:
        return None
    i, j, new = rng.choice(cands)
    segments = re.split(r"([^A-Za-z]+)", words[i])
    segments[j] = _match_case(new, segments[j])
    out = words[:]
    out[i] = "".join(segments)
    return out


def translit(name: str, schema: Schema | None, rng: random.Random) -> str | None:
    """Another romanisation of the same name, by the rules of the name's origin:

    - Arabic: a known spelling variant (Mohamed / Muhammad, Hussein / Husayn, Qaida / Qaeda)
      or a rule (ou/u, ee/i, q/k, final -ah);
    - Russian: -iy/-y/-i, kh/h, ya/ia, ye/e, ks/x, -ov/-off (Yevgeniy -> Evgeny);
    - Chinese: pinyin to Wade-Giles (Xi Jinping -> Hsi Chin-ping);
    - Korean: McCune-Reischauer to Revised Romanisation (Kim Jong Un -> Kim Jeong Eun).

    ``None`` for names of other origins."""
    origin = name_origin(name)
    words = name.split()
    if origin == "arabic":
        known = [(i, _ARABIC_VARIANTS[_key(w)]) for i, w in enumerate(words)
                 if _key(w) in _ARABIC_VARIANTS and _key(w) not in ("al", "el", "abu", "abou")]
        out: list[str] | None
        if known and rng.random() < 0.7:
            i, alts = rng.choice(known)
            out = words[:]
            # keep glued punctuation (al-Kani's hyphen is in the particle, not here)
            out[i] = _match_case(rng.choice(alts), words[i])
        else:
            out = _apply_rule(words, _ARABIC_RULES, rng)
        return " ".join(out) if out and " ".join(out) != name else None
    if origin == "russian":
        out = _apply_rule(words, _RUSSIAN_RULES, rng)
        if out and rng.random() < 0.4:
            out = _apply_rule(out, _RUSSIAN_RULES, rng) or out
        return " ".join(out) if out and " ".join(out) != name else None
    if origin == "korean":
        out = _apply_rule(words, _KOREAN_RULES, rng)
        if out and rng.random() < 0.5:
            out = _apply_rule(out, _KOREAN_RULES, rng) or out
        return " ".join(out) if out and " ".join(out) != name else None
    if origin == "chinese":
        res = []
        for w in words:
            syl = _pinyin_split(_key(w)) or [_key(w)]
            wg = [wade_giles(s) for s in syl]
            res.append(_match_case("-".join(wg), w) if len(wg) > 1 else _match_case(wg[0], w))
        text = " ".join(res)
        return text if text != name else None
    return None


def particles(name: str, schema: Schema | None, rng: random.Random) -> str | None:
    """Particles and compounds joined or split: ``al-Kani`` -> ``Alkani`` / ``Al Kani``;
    ``Abdul Rahman`` -> ``Abdulrahman``; ``Abdulaziz`` -> ``Abdul Aziz``; ``Abu Bakr`` ->
    ``Abubakr``; ``van der Berg`` -> ``Vanderberg``; ``Kyong Chol`` -> ``Kyongchol``;
    hyphenated words written apart or together."""
    words = name.split()
    options: list[str] = []
    arabic = name_origin(name) == "arabic"

    def join_words(a: str, b: str) -> str:
        return a + (b.lower() if not b.isupper() else b)

    for i, w in enumerate(words):
        k = _key(w)
        m = re.match(r"^([A-Za-z]{1,4})[-‐'’]([A-Za-z].*)$", w)
        if m and _key(m.group(1)) in _ARABIC_PARTICLES | PARTICLES:
            p, rest = m.group(1), m.group(2)
            options.append(" ".join([*words[:i], f"{p} {rest}", *words[i + 1:]]))
            options.append(" ".join([*words[:i], join_words(p, rest), *words[i + 1:]]))
        elif ((k in _ARABIC_PARTICLES and arabic) or (k in PARTICLES and is_person(schema)
                                                       and k not in _ARABIC_PARTICLES)) \
                and i + 1 < len(words):
            nxt = words[i + 1]
            options.append(" ".join([*words[:i], f"{w}-{nxt}", *words[i + 2:]]))
            options.append(" ".join([*words[:i], join_words(w, nxt), *words[i + 2:]]))
        elif "-" in w.strip("-"):
            a, _, b = w.partition("-")
            options.append(" ".join([*words[:i], f"{a} {b}", *words[i + 1:]]))
            options.append(" ".join([*words[:i], join_words(a, b), *words[i + 1:]]))
        elif arabic:
            mm = re.match(r"^(al|el|abdul|abdel|abd|abu|abou)([a-z]{3,})$", k)
            if mm and (k not in _ARABIC_VARIANTS or k.startswith(("abdul", "abdel"))) and (
                    mm.group(1) not in ("al", "el") or mm.group(2)[0] not in "aeiouy"):
                p, rest = mm.group(1), mm.group(2)
                p = _match_case(p, w)
                rest = _match_case(rest, w)
                sep = "-" if p.lower() in ("al", "el") and rng.random() < 0.5 else " "
                options.append(" ".join([*words[:i], f"{p}{sep}{rest}", *words[i + 1:]]))
    origin = name_origin(name)
    if origin in ("korean", "chinese") and not options:
        given, family, family_first = split_person(name) if is_person(schema) else ([], [], 0)
        if len(given) == 2:
            joined = join_words(given[0], given[1])
            parts = [*family, joined] if family_first else [joined, *family]
            options.append(" ".join(parts))
        elif len(given) == 1:
            syl = _pinyin_split(_key(given[0])) if origin == "chinese" else None
            if origin == "korean":
                m2 = re.fullmatch(f"({_KOREAN_SYLLABLE.pattern})({_KOREAN_SYLLABLE.pattern})",
                                  _key(given[0]))
                syl = [m2.group(1), m2.group(2)] if m2 else None
            if syl and len(syl) == 2:
                split = " ".join(_match_case(s, given[0]) for s in syl)
                parts = [*family, split] if family_first else [split, *family]
                options.append(" ".join(parts))
    options = [o for o in dict.fromkeys(options) if o != name]
    return rng.choice(options) if options else None


# --------------------------------------------------------------------- other scripts

_ARABIC_WORDS: dict[str, str] = {
    "mohammed": "محمد", "muhammad": "محمد", "mohamed": "محمد", "mohammad": "محمد",
    "muhammed": "محمد", "mohamad": "محمد", "ahmed": "أحمد", "ahmad": "أحمد", "ali": "علي",
    "hassan": "حسن", "hasan": "حسن", "hussein": "حسين", "husayn": "حسين", "hussain": "حسين",
    "husain": "حسين", "abdullah": "عبد الله", "abdallah": "عبد الله", "abd": "عبد",
    "bin": "بن", "ibn": "بن", "ben": "بن", "bint": "بنت", "abu": "أبو", "abou": "أبو",
    "omar": "عمر", "umar": "عمر", "osama": "أسامة", "usama": "أسامة", "khaled": "خالد",
    "khalid": "خالد", "mahmoud": "محمود", "mahmud": "محمود", "mustafa": "مصطفى",
    "mostafa": "مصطفى", "moustafa": "مصطفى", "ibrahim": "إبراهيم", "youssef": "يوسف",
    "yusuf": "يوسف", "yousef": "يوسف", "ismail": "إسماعيل", "saleh": "صالح", "salih": "صالح",
    "said": "سعيد", "saeed": "سعيد", "hamza": "حمزة", "khalifa": "خليفة", "fatima": "فاطمة",
    "aisha": "عائشة", "nasser": "ناصر", "nasir": "ناصر", "jamal": "جمال", "qasim": "قاسم",
    "qassem": "قاسم", "faisal": "فيصل", "rashid": "راشد", "hamid": "حميد", "majid": "ماجد",
    "walid": "وليد", "khalil": "خليل", "karim": "كريم", "tariq": "طارق", "tarek": "طارق",
    "musa": "موسى", "issa": "عيسى", "yahya": "يحيى", "othman": "عثمان", "uthman": "عثمان",
    "zakaria": "زكريا", "haji": "حاجي", "hezbollah": "حزب الله", "salem": "سالم",
    "salim": "سليم", "sultan": "سلطان", "nour": "نور", "nur": "نور", "din": "الدين",
    "rahman": "رحمن", "aziz": "عزيز", "mansour": "منصور", "saad": "سعد", "saud": "سعود",
    "haftar": "حفتر", "abbas": "عباس", "jaber": "جابر", "salah": "صلاح", "amin": "أمين",
    "anwar": "أنور", "mohsen": "محسن", "hadi": "هادي", "mahdi": "مهدي", "zaid": "زيد",
    "bakr": "بكر", "kani": "كاني", "hamad": "حمد", "yasin": "ياسين", "idris": "إدريس",
    "suleiman": "سليمان", "sulayman": "سليمان", "qaida": "قاعدة", "qaeda": "قاعدة",
}
_ARABIC_DIGRAPHS = [("kh", "خ"), ("sh", "ش"), ("th", "ث"), ("dh", "ذ"), ("gh", "غ"),
                    ("ch", "تش"), ("ou", "و"), ("oo", "و"), ("ee", "ي"), ("aa", "ا")]
_ARABIC_LETTERS = {"b": "ب", "t": "ت", "j": "ج", "h": "ه", "d": "د", "r": "ر", "z": "ز",
                   "s": "س", "f": "ف", "q": "ق", "k": "ك", "l": "ل", "m": "م", "n": "ن",
                   "w": "و", "y": "ي", "g": "ج", "p": "ب", "v": "ف", "c": "ك", "x": "كس",
                   "i": "ي", "u": "و", "o": "و", "a": "ا", "e": ""}


def latin_to_arabic_word(word: str) -> str:
    """One Latin word in Arabic script: a table of common names, else letter rules (short
    vowels dropped inside the word, long ones written, an initial vowel as alif)."""
    k = _key(word)
    if k in _ARABIC_WORDS:
        return _ARABIC_WORDS[k]
    m = re.match(r"^abd(?:ul|el|al|u|ur|ar|ol)?(?=[a-z]{3,}$)", k)
    if m and k not in ("abdullah", "abdallah"):
        rest = k[m.end():]
        return "عبد ال" + latin_to_arabic_word(rest)
    m = re.match(r"^(.{3,}?)(?:uddin|eddin|addin|ud din)$", k)
    if m:
        return latin_to_arabic_word(m.group(1)) + " الدين"
    k = re.sub(r"([^aeiou])\1", r"\1", k)  # a doubled consonant is one letter (shadda)
    out = []
    i = 0
    while i < len(k):
        for a, b in _ARABIC_DIGRAPHS:
            if k.startswith(a, i):
                out.append(b if not (i == 0 and b in "وي") else "ا" + b)
                i += len(a)
                break
        else:
            c = k[i]
            if i == 0 and c in "aeiou":
                out.append({"a": "ا", "e": "ا", "i": "إ", "o": "أو", "u": "أو"}[c])
            elif c == "a" and 0 < i < len(k) - 1:
                # a short 'a' between consonants is not written; a long one is
                long_a = k[i + 1] in "aeiou" or (
                    i + 2 < len(k) and k[i + 2] in "aeiou" and len(k) <= 5)
                out.append("ا" if long_a else "")
            elif c == "e" and i == len(k) - 1:
                out.append("ه")
            else:
                out.append(_ARABIC_LETTERS.get(c, ""))
            i += 1
    text = "".join(out)
    return text if text else word


def latin_to_arabic(name: str) -> str:
    """A Latin name in Arabic script; the article is joined to its word (``al-Kani`` ->
    ``الكاني``)."""
    words = [w for w in re.split(r"[\s\-]+", name) if _key(w)]
    out: list[str] = []
    glue = False
    for w in words:
        k = _key(w)
        if k in ("al", "el", "ul"):
            glue = True
            continue
        if k in ("abdul", "abdel", "abdal", "abdol"):
            out.append("عبد")
            glue = True
            continue
        a = latin_to_arabic_word(w)
        if glue:
            a = "ال" + a
            glue = False
        out.append(a)
    return " ".join(out)


@lru_cache(maxsize=1)
def _russian_icu() -> object:
    import icu

    return icu.Transliterator.createInstance("Latin-Russian/BGN")


def latin_to_cyrillic(name: str) -> str | None:
    """A Russian name in Cyrillic (ICU's reverse BGN/PCGN romanisation, after spellings it
    does not read are made BGN-like: ``h`` -> ``kh``, ``w`` -> ``v``, ``ou`` -> ``u``).
    ``None`` where Latin letters would remain."""
    text = _strip_accents(name)
    text = re.sub(r"(?i)ou", lambda m: "u" if m.group(0).islower() else "U", text)
    text = re.sub(r"(?<![kzcsKZCS])h", "kh", text)
    text = re.sub(r"(?<![KZCSkzcs])H", "KH", text)
    text = text.replace("w", "v").replace("W", "V").replace("q", "k").replace("Q", "K")
    text = text.replace("x", "ks").replace("X", "KS").replace("j", "y").replace("J", "Y")
    out = str(_russian_icu().transliterate(text))  # type: ignore[attr-defined]
    if re.search(r"[A-Za-z]", out):
        return None
    return out


def script(name: str, schema: Schema | None, rng: random.Random) -> str | None:
    """People whose name has a plausible native form: Arabic-origin names in Arabic script
    (``Mohamed Khalifa al-Kani`` -> ``محمد خليفة الكاني``), Russian names in Cyrillic
    (``Sergey Shchukin`` -> ``Сергей Щукин``). ``None`` otherwise: the evaluation then uses the
    list's own original-script name where it gives one (Chinese, Korean ...)."""
    if not is_person(schema):
        return None
    origin = name_origin(name)
    if origin == "arabic":
        return latin_to_arabic(name)
    if origin == "russian":
        return latin_to_cyrillic(name)
    return None


# ----------------------------------------------------------------------- legal forms

LEGAL_FORMS: list[list[str]] = [
    ["LLC", "L.L.C.", "Limited Liability Company", "OOO"],
    ["OJSC", "Open Joint Stock Company", "OAO"],
    ["CJSC", "Closed Joint Stock Company", "ZAO"],
    ["PJSC", "Public Joint Stock Company", "PAO"],
    ["JSC", "Joint Stock Company", "AO", "Joint-Stock Company"],
    ["Co., Ltd.", "Company Limited", "Co Ltd"],
    ["Ltd", "Ltd.", "Limited"],
    ["Inc", "Inc.", "Incorporated"],
    ["Corp", "Corp.", "Corporation"],
    ["GmbH", "Gesellschaft mit beschränkter Haftung"],
    ["S.A. de C.V.", "SA de CV", "S.A. DE C.V", "Sociedad Anonima de Capital Variable"],
    ["S. de R.L. de C.V.", "S de RL de CV",
     "Sociedad de Responsabilidad Limitada de Capital Variable"],
    ["S.A.", "SA", "S.A", "Sociedad Anonima"],
    ["PLC", "Public Limited Company", "p.l.c."],
    ["FZE", "Free Zone Establishment"],
    ["FZCO", "Free Zone Company"],
    ["Sdn Bhd", "Sendirian Berhad"],
    ["Co.", "Company", "Co"],
]
_COMMON_FORMS = ["LLC", "Ltd", "Co.", "Inc.", "JSC", "Limited", "Corporation", "FZE"]


def _legal_pattern(form: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w.])" + re.escape(form) + r"(?![\w])", re.IGNORECASE)


def find_legal_form(name: str) -> tuple[int, str, re.Match[str]] | None:
    """The legal form written in a name: (group index, form, match), longest form first."""
    found: list[tuple[int, int, str, re.Match[str]]] = []
    for gi, group in enumerate(LEGAL_FORMS):
        for form in group:
            for m in _legal_pattern(form).finditer(name):
                found.append((len(form), gi, form, m))
    if not found:
        return None
    # the form nearest the end of the name (where legal forms are written), longest first
    found.sort(key=lambda x: (-x[3].end(), -x[0]))
    _, gi, form, m = found[0]
    return gi, form, m


def legal_form(name: str, schema: Schema | None, rng: random.Random) -> str | None:
    """Organisations: the legal form written another way (``LLC`` -> ``Limited Liability
    Company`` / ``OOO``, ``Co., Ltd.`` -> ``Company Limited``), dropped, or, where the list
    name has none, one added (``Bank Melli Iran`` -> ``Bank Melli Iran Ltd``)."""
    if is_person(schema):
        return None
    found = find_legal_form(name)
    if found is None:
        return f"{name}{rng.choice(['', ','])} {rng.choice(_COMMON_FORMS)}"
    gi, _form, m = found
    others = [f for f in LEGAL_FORMS[gi] if f.lower() != m.group(0).lower()]
    if rng.random() < 0.2 or not others:
        out = (name[:m.start()] + name[m.end():])
    else:
        out = name[:m.start()] + rng.choice(others) + name[m.end():]
    out = re.sub(r"\s+", " ", out).strip().strip(",").strip()
    return out if out and out != name else None


# what a company adds to its name for what it does or where it stands in a group
_BUSINESS_WORDS = ["International", "Trading", "Group", "Holding", "Services", "Global",
                   "Industries", "Enterprises"]


def business_word(name: str, schema: Schema | None, rng: random.Random) -> str | None:
    """Organisations: a business word added, saying what the company does or where it
    stands in a group (``JSC SOVCOMFLOT`` -> ``JSC SOVCOMFLOT International``, ``ROSNEFT``
    -> ``ROSNEFT Trading``), before the legal form where the name ends with one (as Sanctio
    reads legal forms: ``Shoon Energy Pte Limited`` -> ``Shoon Energy Group Pte
    Limited``); never a word the name has."""
    if is_person(schema) or schema == Schema.VESSEL:
        return None
    have = {w.lower() for w in re.findall(r"[^\W\d_]+", name)}
    choices = [w for w in _BUSINESS_WORDS if w.lower() not in have]
    letters = _letters(name)
    if not choices or not letters or not _is_latin(name):
        return None
    word = _match_case(rng.choice(choices), name)
    words = name.split()
    tail = _legal_tail(words)
    head = " ".join(words[:len(words) - tail]).rstrip(",")
    return " ".join([head, word, *words[len(words) - tail:]])


_COMPANY_WORDS = frozenset({"co", "company", "corp", "corporation"})
_JOINING = frozenset({"and", "&", "of", "the", "for", "und", "et", "de"})


def business_word_dropped(name: str, schema: Schema | None,
                          rng: random.Random) -> str | None:
    """Organisations: one business word of the name left out, as people name a company
    without what it does (``ROSTEC`` for ``State Corporation Rostec``, ``Sovcomflot`` for
    ``Sovcomflot Group``): its first word or its last before the legal form, where Sanctio
    reads it as a business word and what is left has a name word."""
    if is_person(schema) or schema == Schema.VESSEL or not _is_latin(name):
        return None
    words = name.split()
    last = len(words) - _legal_tail(words) - 1  # (the name's last word before its form)
    spots = [i for i in sorted({0, last}) if i >= 0
             and (form := analyze(words[i], org=True)).scoring
             and all(t.role == Role.GENERIC and t.text not in _COMPANY_WORDS
                     for t in form.scoring)]
    rng.shuffle(spots)
    for i in spots:
        if words[i - 1 if i else 1].lower() in _JOINING:
            continue  # (Concord Management and LLC)
        out = " ".join([*words[:i], *words[i + 1:]]).strip(" ,")
        if out and any(t.role == Role.NAME for t in analyze(out, org=True).scoring):
            return out
    return None


def _legal_tail(words: list[str]) -> int:
    """How many of the last words of an organisation's name are its legal form, as Sanctio
    reads legal forms (``Pte Limited``, ``Co., Ltd.``, ``OU``), never the whole name."""
    tail = 0
    for k in range(1, len(words)):
        form = analyze(" ".join(words[-k:]), org=True)
        if form.scoring and not (form.legal and all(
                t.text in _COMPANY_WORDS for t in form.scoring)):
            break
        tail = k
    return tail


# --------------------------------------------------------------------------- numbers

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
          "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
          "eighteen", "nineteen"]
_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_ORD_IRREGULAR = {"one": "first", "two": "second", "three": "third", "five": "fifth",
                  "eight": "eighth", "nine": "ninth", "twelve": "twelfth"}


def number_words(n: int) -> str:
    """An English cardinal: 313 -> ``three hundred thirteen``; 21 -> ``twenty-one``."""
    if n < 20:
        return _UNITS[n]
    if n < 100:
        return _TENS[n // 10] + ("-" + _UNITS[n % 10] if n % 10 else "")
    if n < 1000:
        return _UNITS[n // 100] + " hundred" + (" " + number_words(n % 100) if n % 100 else "")
    if n < 1_000_000:
        return number_words(n // 1000) + " thousand" + (
            " " + number_words(n % 1000) if n % 1000 else "")
    return str(n)


def ordinal_words(n: int) -> str:
    """An English ordinal: 9 -> ``ninth``, 21 -> ``twenty-first``, 40 -> ``fortieth``."""
    words = number_words(n)
    head, sep, last = words.rpartition("-") if "-" in words.split()[-1] else (
        words.rpartition(" ") if " " in words else ("", "", words))
    if last in _ORD_IRREGULAR:
        last = _ORD_IRREGULAR[last]
    elif last.endswith("y"):
        last = last[:-1] + "ieth"
    else:
        last += "th"
    return head + sep + last


def ordinal_suffix(n: int) -> str:
    if 10 <= n % 100 <= 20:
        return f"{n}th"
    return f"{n}{ {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


@lru_cache(maxsize=1)
def _word_numbers() -> dict[str, tuple[int, bool]]:
    """Number words (cardinal and ordinal, up to 99) -> (value, is_ordinal)."""
    table: dict[str, tuple[int, bool]] = {}
    for n in range(1, 100):
        table[number_words(n)] = (n, False)
        table[ordinal_words(n)] = (n, True)
    return table


def ordinal(name: str, schema: Schema | None, rng: random.Random) -> str | None:
    """Numbers written another way: ``9th`` <-> ``Ninth``, ``Second`` -> ``2nd``, ``39`` ->
    ``Thirty-Nine``, ``Three`` -> ``3`` (numbers up to 99 are spelled out; larger ones are left
    alone). ``None`` where the name has no such number."""
    words = name.split()
    options: list[str] = []
    table = _word_numbers()
    letters = _letters(name)

    def styled(text: str) -> str:
        if letters.isupper():
            return text.upper()
        if letters.islower():
            return text.lower()
        return " ".join(x[:1].upper() + x[1:] for x in text.split(" "))

    for i, w in enumerate(words):
        core = w.strip(".,()")
        pre, post = w[:w.find(core)] if core else "", w[w.find(core) + len(core):] if core else ""
        m = re.fullmatch(r"(\d{1,6})(st|nd|rd|th)?", core, re.IGNORECASE)
        repl: list[str] = []
        if m:
            n = int(m.group(1))
            if m.group(2):
                if n < 100:
                    repl.append(ordinal_words(n))
                repl.append(str(n))
            elif 0 < n < 100 and not m.group(1).startswith("0"):
                # people spell out small numbers; nobody writes "seventy-four thousand..."
                repl.append(number_words(n))
        else:
            k = core.lower()
            # two-word numbers written with a hyphen are one word here
            if k in table:
                n, is_ord = table[k]
                repl.append(ordinal_suffix(n) if is_ord else str(n))
        for r in repl:
            r = styled(r) if not r[0].isdigit() else r
            options.append(" ".join([*words[:i], pre + r + post, *words[i + 1:]]))
    options = [o for o in dict.fromkeys(options) if o != name]
    return rng.choice(options) if options else None


# ------------------------------------------------------------------------ homoglyphs

HOMOGLYPHS: dict[str, str] = {
    "a": "а", "c": "с", "e": "е", "o": "о", "p": "р", "x": "х", "y": "у", "i": "і", "j": "ј",
    "s": "ѕ", "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М", "O": "О",
    "P": "Р", "T": "Т", "X": "Х", "Y": "У", "I": "І", "S": "Ѕ", "J": "Ј",
}


def homoglyph(name: str, schema: Schema | None, rng: random.Random) -> str | None:
    """One or two Latin letters replaced by Cyrillic look-alikes (``Rosneft`` with a Cyrillic
    ``о``): what evasion and some copy-paste do."""
    positions = [i for i, c in enumerate(name) if c in HOMOGLYPHS]
    if not positions:
        return None
    k = 1 if len(positions) < 4 or rng.random() < 0.5 else 2
    chosen = set(rng.sample(positions, k))
    return "".join(HOMOGLYPHS[c] if i in chosen else c for i, c in enumerate(name))


# ------------------------------------------------------------------------ registry

CATEGORIES: dict[str, Generator] = {
    "exact": exact,
    "case_punct": case_punct,
    "typo1": typo1,
    "typo2": typo2,
    "transposition": transposition,
    "reorder": reorder,
    "family_given": family_given,
    "drop_middle": drop_middle,
    "initials": initials,
    "titles": titles,
    "translit": translit,
    "particles": particles,
    "script": script,
    "legal_form": legal_form,
    "ordinal": ordinal,
    "homoglyph": homoglyph,
}
"""Every single-rule category, in report order. ``combo`` (two of them) is added below."""

# categories that can be combined, and the order they are applied in (the rules that read
# the name's structure first, the ones that only change its surface last)
COMBINABLE = ["translit", "particles", "drop_middle", "legal_form", "ordinal", "reorder",
              "family_given", "initials", "titles", "typo1", "transposition", "case_punct",
              "homoglyph"]
_EXCLUSIVE = [{"reorder", "family_given", "initials"}, {"typo1", "transposition"},
              {"case_punct", "homoglyph"}, {"titles", "family_given"}]


def combo_detail(name: str, schema: Schema | None,
                 rng: random.Random) -> tuple[str, tuple[str, str]] | None:
    """Two categories applied one after the other, with the pair applied."""
    pairs = [(a, b) for i, a in enumerate(COMBINABLE) for b in COMBINABLE[i + 1:]
             if not any(a in ex and b in ex for ex in _EXCLUSIVE)]
    rng.shuffle(pairs)
    for a, b in pairs[:25]:
        mid = CATEGORIES[a](name, schema, rng)
        if mid is None or mid == name:
            continue
        out = CATEGORIES[b](mid, schema, rng)
        if out is None or out == mid:
            continue
        return out, (a, b)
    return None


def combo(name: str, schema: Schema | None, rng: random.Random) -> str | None:
    """Two of the categories above applied one after the other (a transliteration and a
    typo, a dropped middle name and a title, initials and case ...)."""
    res = combo_detail(name, schema, rng)
    return res[0] if res else None


CATEGORIES["combo"] = combo


# ------------------------------------------- the categories added after combo (session 9)
# (each category draws from its own seeded generator, so adding these leaves the draws of the
# categories above unchanged)

def joined(name: str, schema: Schema | None, rng: random.Random) -> str | None:
    """Two adjacent words of two letters or more written as one, a space missing
    (``HAVINBANK LIMITED``, ``Yongchol KIM``), in a name of three words or more (a name of
    two written as one is a single word, no longer a name with a second word to meet)."""
    words = name.split()
    if len(words) < 3:
        return None
    pairs = [i for i in range(len(words) - 1)
             if len(_letters(words[i])) >= 2 and len(_letters(words[i + 1])) >= 2
             and words[i][-1].isalpha() and words[i + 1][0].isalpha()]
    if not pairs:
        return None
    i = rng.choice(pairs)
    a, b = words[i], words[i + 1]
    glued = a + (b if b.isupper() or not a.isupper() else b.upper())
    return " ".join([*words[:i], glued, *words[i + 2:]])


def split(name: str, schema: Schema | None, rng: random.Random) -> str | None:
    """One word of seven letters or more written as two, an extra space (``NASR ALLAH``,
    ``ROSOBORON EXPORT``, ``Khame nei``), each part three letters or more."""
    spots = [(m.start(), i) for m in re.finditer(r"[A-Za-z]{7,}", name)
             for i in range(m.start() + 3, m.end() - 2)]
    if not spots:
        return None
    _, i = rng.choice(spots)
    return name[:i] + " " + name[i:]


_EXTRA_NAMES: dict[str | None, list[str]] = {
    "arabic": ["Ali", "Hassan", "Ahmed", "Mohamed", "Abdullah", "Omar", "Yusuf", "Khalid"],
    "russian": ["Ivanovich", "Sergeyevich", "Petrovna", "Alexandrovich", "Nikolaevich"],
    "chinese": ["Tony", "David", "Carrie", "Michael", "Jenny"],
    "korean": ["Daniel", "Grace", "Peter", "Sarah"],
    None: ["James", "Maria", "Anne", "Peter", "John", "Michael", "Luis", "Marie"],
}


def extra_name(name: str, schema: Schema | None, rng: random.Random) -> str | None:
    """People: a name the list does not have, added as a middle name (``Mohamed Ali
    al-Kani``), a patronymic (``Vladimir Ivanovich PUTIN``) or, for Chinese and Korean names,
    an English given name in front (``Carrie LAM Cheng Yuet-ngor``)."""
    if not is_person(schema):
        return None
    given, family, family_first = split_person(name)
    if not given or not family:
        return None
    origin = name_origin(name)
    if origin == "russian" and len(given) >= 2:
        return None  # a second patronymic is not a name people add
    pool = _EXTRA_NAMES.get(origin, _EXTRA_NAMES[None])
    have = {_key(w) for w in name.split()}
    choices = [w for w in pool if _key(w) not in have]
    extra = _match_case(rng.choice(choices), given[0])
    if origin in ("chinese", "korean"):
        return " ".join([extra, *family, *given] if family_first else [extra, *given, *family])
    given = [given[0], extra, *given[1:]]
    return " ".join([*family, *given] if family_first else [*given, *family])


def truncated(name: str, schema: Schema | None, rng: random.Random) -> str | None:
    """The end of the name cut off, as a field too short cuts it: at 35 characters (a SWIFT
    name line) when the name is longer, else inside its last word of six letters or more
    (``Hasan NASRALL``), two thirds of it kept."""
    if len(name) > 35:
        return name[:35].rstrip()
    words = name.split()
    if len(words) < 2 or len(words[-1]) < 6 or not words[-1].isalpha():
        return None
    keep = rng.randrange(max(4, -(-2 * len(words[-1]) // 3)), len(words[-1]))
    return " ".join([*words[:-1], words[-1][:keep]])


_ABBREVIATIONS: dict[str, list[str]] = {
    "mohammed": ["Mohd", "Md"], "muhammad": ["Muhd", "Md"], "mohammad": ["Mohd", "Md"],
    "mohamed": ["Mohd", "Md"], "abdul": ["Abd."], "abdel": ["Abd."], "company": ["Co."],
    "corporation": ["Corp."], "international": ["Intl", "Int'l"], "limited": ["Ltd"],
    "industries": ["Inds."], "industrial": ["Ind."], "trading": ["Trdg"],
    "manufacturing": ["Mfg"], "brothers": ["Bros."], "association": ["Assn"],
    "technology": ["Tech"], "technologies": ["Tech."], "engineering": ["Eng."],
    "development": ["Dev."], "management": ["Mgmt"], "services": ["Svcs"],
    "investment": ["Inv."], "investments": ["Invest."], "enterprise": ["Ent."],
    "enterprises": ["Ents."], "shipping": ["Shpg"], "national": ["Natl"],
    "general": ["Gen."], "establishment": ["Est."], "organization": ["Org."],
    "organisation": ["Org."], "university": ["Univ."], "institute": ["Inst."],
    "saint": ["St."], "aleksandr": ["Alex."], "alexander": ["Alex."],
}


def abbreviation(name: str, schema: Schema | None, rng: random.Random) -> str | None:
    """A word written short as clerks and payment fields write it (``Mohd``, ``Abd.``,
    ``Intl``, ``Corp.``, ``Mfg``, ``Natl``)."""
    words = name.split()
    spots = [i for i, w in enumerate(words) if _key(w) in _ABBREVIATIONS]
    if not spots:
        return None
    return _replaced(words, rng.choice(spots), _ABBREVIATIONS, rng)


def _replaced(words: list[str], i: int, table: dict[str, list[str]],
              rng: random.Random) -> str:
    """The name with its ``i``-th word replaced by one the table gives for it, written in
    its letter case."""
    other = _match_case(rng.choice(table[_key(words[i])]), words[i])
    return " ".join([*words[:i], other, *words[i + 1:]])


# given names and what their bearers are called (English, Russian, Ukrainian, Spanish)
_NICKNAMES: dict[str, list[str]] = {
    "william": ["Bill", "Will"], "robert": ["Bob", "Rob"], "richard": ["Rick", "Dick"],
    "james": ["Jim", "Jimmy"], "john": ["Jack", "Johnny"], "joseph": ["Joe"],
    "michael": ["Mike"], "thomas": ["Tom"], "edward": ["Ed", "Ted"], "charles": ["Charlie"],
    "daniel": ["Dan", "Danny"], "david": ["Dave"], "anthony": ["Tony"],
    "christopher": ["Chris"], "nicholas": ["Nick"], "peter": ["Pete"], "steven": ["Steve"],
    "stephen": ["Steve"], "timothy": ["Tim"], "gregory": ["Greg"], "matthew": ["Matt"],
    "samuel": ["Sam"], "jonathan": ["Jon"], "elizabeth": ["Liz", "Beth"],
    "margaret": ["Peggy", "Maggie"], "katherine": ["Kate"], "andrew": ["Andy"],
    "kenneth": ["Ken"], "ronald": ["Ron"], "donald": ["Don"], "lawrence": ["Larry"],
    "alexander": ["Alex", "Sasha"], "aleksandr": ["Sasha", "Shura"], "aliaksandr": ["Sasha"],
    "oleksandr": ["Sasha"], "alexandr": ["Sasha"], "aleksey": ["Alyosha", "Lyosha"],
    "alexei": ["Alyosha"], "aleksei": ["Lyosha"], "alexey": ["Alyosha"],
    "anatoly": ["Tolya"], "anatoliy": ["Tolya"], "andrei": ["Andryusha"],
    "andrey": ["Andryusha"], "boris": ["Borya"], "valery": ["Valera"], "valeriy": ["Valera"],
    "vasily": ["Vasya"], "vasiliy": ["Vasya"], "viktor": ["Vitya"], "vitaly": ["Vitalik"],
    "vitaliy": ["Vitya"], "vladimir": ["Volodya", "Vova"], "volodymyr": ["Volodya"],
    "vladislav": ["Vlad"], "vyacheslav": ["Slava"], "stanislav": ["Stas"],
    "gennady": ["Gena"], "gennadiy": ["Gena"], "georgy": ["Zhora"], "grigory": ["Grisha"],
    "dmitry": ["Dima"], "dmitriy": ["Dima"], "dmitri": ["Dima", "Mitya"],
    "evgeny": ["Zhenya"], "yevgeny": ["Zhenya"], "yevgeniy": ["Zhenya"], "ivan": ["Vanya"],
    "konstantin": ["Kostya"], "leonid": ["Lyonya"], "mikhail": ["Misha"],
    "nikolai": ["Kolya"], "nikolay": ["Kolya"], "pavel": ["Pasha"], "pyotr": ["Petya"],
    "petr": ["Petya"], "sergei": ["Seryozha"], "sergey": ["Seryozha"], "yuri": ["Yura"],
    "yuriy": ["Yura"], "yury": ["Yura"], "roman": ["Roma"], "fyodor": ["Fedya"],
    "yakov": ["Yasha"], "natalia": ["Natasha"], "natalya": ["Natasha"], "olga": ["Olya"],
    "elena": ["Lena"], "yelena": ["Lena"], "irina": ["Ira"], "tatiana": ["Tanya"],
    "tatyana": ["Tanya"], "svetlana": ["Sveta"], "maria": ["Masha"], "ekaterina": ["Katya"],
    "yekaterina": ["Katya"], "lyudmila": ["Lyuda"], "anastasia": ["Nastya"],
    "jose": ["Pepe"], "jesus": ["Chucho", "Chuy"], "francisco": ["Paco", "Pancho"],
    "enrique": ["Kike"], "guillermo": ["Memo"], "antonio": ["Toño"], "luis": ["Lucho"],
    "rafael": ["Rafa"], "ignacio": ["Nacho"], "alberto": ["Beto"], "roberto": ["Beto"],
    "eduardo": ["Lalo"], "manuel": ["Manolo"], "fernando": ["Nando"], "dolores": ["Lola"],
    "guadalupe": ["Lupe"], "rosario": ["Charo"],
}


def nickname(name: str, schema: Schema | None, rng: random.Random) -> str | None:
    """A person's given name replaced by the nickname or diminutive its bearer goes by
    (``Bob``, ``Sasha``, ``Seryozha``, ``Pepe``); not the last word of the name in its
    natural order, which is the family name."""
    if not is_person(schema):
        return None
    words = name.split()
    spots = [i for i, w in enumerate(words[:-1]) if _key(w) in _NICKNAMES]
    if not spots:
        return None
    return _replaced(words, spots[0], _NICKNAMES, rng)


_DIGIT_FOR = {"o": "0", "i": "1", "l": "1", "e": "3", "a": "@4", "s": "5$", "t": "7", "b": "8"}


def digits(name: str, schema: Schema | None, rng: random.Random) -> str | None:
    """One or two letters inside words of three letters or more written as the digits and
    signs they look like (``R0SNEFT``, ``Vl@dimir``, ``A1R``): what evasion, OCR and some
    keyboards do."""
    spots = [m.start() + i for m in re.finditer(r"[A-Za-z]{3,}", name)
             for i, c in enumerate(m.group()) if c.lower() in _DIGIT_FOR]
    if not spots:
        return None
    k = 1 if len(spots) < 6 or rng.random() < 0.6 else 2
    chosen = set(rng.sample(spots, k))
    return "".join(rng.choice(_DIGIT_FOR[c.lower()]) if i in chosen else c
                   for i, c in enumerate(name))


def no_vowels(name: str, schema: Schema | None, rng: random.Random) -> str | None:
    """One word of five letters or more written with its consonants only, its first letter
    kept (``Mhmmd``, ``BANK TJRT``, ``Nkl Platonovich``): how notes, short payment fields
    and quick typists write a name."""
    words = name.split()
    spots = [i for i, w in enumerate(words) if w.isalpha() and len(w) >= 5
             and re.search("[aeiouAEIOU]", w[1:]) and len(re.sub("[aeiouAEIOU]", "", w)) >= 3]
    if not spots:
        return None
    i = rng.choice(spots)
    w = words[i]
    return " ".join([*words[:i], w[0] + re.sub("[aeiouAEIOU]", "", w[1:]), *words[i + 1:]])


def word_twice(name: str, schema: Schema | None, rng: random.Random) -> str | None:
    """One word of two letters or more written twice in a row (``Yevgeny Yevgeny
    Khodotov``, ``GAZPROM GAZPROM BURENIE``), in a name of two words or more: a slip of the
    keyboard or of a form that fills a field twice."""
    words = name.split()
    spots = [i for i, w in enumerate(words) if len(_letters(w)) >= 2]
    if len(words) < 2 or not spots:
        return None
    i = rng.choice(spots)
    return " ".join([*words[:i + 1], words[i], *words[i + 1:]])


def no_spaces(name: str, schema: Schema | None, rng: random.Random) -> str | None:
    """Every space and hyphen of a name of two or three words left out, the words written as
    one (``HASANNASRALLAH``, ``ArkadyRomanovichROTENBERG``, ``MohamedALKANI``): what a field
    that takes no spaces, a machine-readable zone read without its fillers or a hurried
    typist writes; in capitals half the time, else in the name's own case."""
    words = re.split(r"[\s-]+", name.strip())
    if not 2 <= len(words) <= 3 or any(len(_letters(w)) < 2 or not w.isalpha()
                                         for w in words):
        return None
    out = "".join(words)
    return out.upper() if rng.random() < 0.5 else out


# an East Slavic father's name (Raisovich, Ivanovitch, Mykolayovych, Vladimirovna,
# Uladzimirauna)
_PATRONYMIC = re.compile(r"(?:vi?t?ch|vych|vna|ichna|[ae]una)$", re.IGNORECASE)


def drop_first(name: str, schema: Schema | None, rng: random.Random) -> str | None:
    """People with two given names or more: the first left out, as a person who goes by
    the second writes it (``Bosco NTAGANDA`` for Jean Bosco NTAGANDA, ``Amuri YAKUTUMBA``
    for William Amuri YAKUTUMBA, ``Ignacio GONZALEZ PARADA``); not where what is left is a
    father's name (Raisovich MARDANOV is no name one goes by) nor in a Chinese or Korean
    name (Jong Un is one given name of two syllables)."""
    if not is_person(schema) or name_origin(name) in ("chinese", "korean"):
        return None
    given, family, family_first = split_person(name)
    if not family or len(given) < 2 or _PATRONYMIC.search(_letters(given[1])):
        return None
    return " ".join([*family, *given[1:]] if family_first else [*given[1:], *family])


# spellings that sound the same in English, for a name of any origin (Smyth, Jon, Philip,
# Kathrin): letters for the same sound, a letter doubled or written once
_PHONETIC_RULES: list[tuple[str, str]] = [
    (r"ph", "f"), (r"(?<=[aeiou])f(?=[aeiou])", "ph"), (r"ck", "k"), (r"c(?=[aou])", "k"),
    (r"k(?=[aou])", "c"), (r"(?<=[aeiou])s(?=[aeiou])", "z"), (r"z", "s"),
    (r"(?<=[^aeiou])y(?=[^aeiou]|$)", "i"), (r"(?<=[^aeiou])i(?=[^aeiou])", "y"),
    (r"ee", "i"), (r"(?<=[^aeiou])i(?=[^aeiou])", "ee"), (r"oo", "u"),
    (r"(?<=[^aeiou])u(?=[^aeiou])", "oo"), (r"ou", "u"), (r"w", "v"), (r"v", "w"),
    (r"([bdfgklmnprst])\1", r"\1"), (r"(?<=[aeiou])([bdfglmnprst])(?=[aeiou])", r"\1\1"),
    (r"th", "t"), (r"gh", "g"), (r"kh", "h"), (r"x", "ks"), (r"ks", "x"), (r"qu", "kw"),
    (r"dj", "j"), (r"j", "dj"), (r"(?<=[aeiou])h$", ""),
]


def phonetic(name: str, schema: Schema | None, rng: random.Random) -> str | None:
    """One word spelled another way that sounds the same in English, for a name of any
    origin (``Smyth``, ``Jon Filip``, ``Mohamad``, ``Kathrin``, ``ROZNEFT``): one letter
    for another of the same sound (ph/f, c/k, s/z, i/y, ee/i, oo/u, w/v, th/t, x/ks), or a
    letter doubled or written once; twice a third of the time."""
    words = name.split()
    out = _apply_rule(words, _PHONETIC_RULES, rng, skip_acronyms=True)
    if out and rng.random() < 0.33:
        out = _apply_rule(out, _PHONETIC_RULES, rng, skip_acronyms=True) or out
    return " ".join(out) if out and " ".join(out) != name else None


def family_first(name: str, schema: Schema | None, rng: random.Random) -> str | None:
    """People whose list name marks the family name (in capitals, or first before a comma):
    the family name first, no comma, every word in title case, as a form with its fields in
    that order or a record written the Russian way gives it (``Putin Vladimir
    Vladimirovich``, ``Maduro Moros Nicolas``); half the time with the first given name
    only (``Putin Vladimir``, ``Lukashenko Alexander``). Not a Chinese or Korean name,
    written family name first already."""
    if not is_person(schema) or name_origin(name) in ("chinese", "korean"):
        return None
    if "," in name:
        head, _, rest = name.partition(",")
        family, given = units(head), units(rest)
    else:
        given, family, family_first = split_person(name)
        caps = [u for u in units(name) if len(_letters(u)) > 1 and _letters(u).isupper()]
        if family_first or not caps or caps != family:
            return None  # (no mark says which is the family name)
    if not family or not given:
        return None
    if len(given) >= 2 and rng.random() < 0.5:
        given = given[:1]
    return " ".join("-".join(p[:1].upper() + p[1:].lower() for p in w.split("-"))
                    if w.isupper() else w for w in [*family, *given])


def acronym(name: str, schema: Schema | None, rng: random.Random) -> str | None:
    """Organisations: the name written as its acronym, as people write it (the first of
    :func:`sanctio.text.acronyms.acronyms_of`: National Iranian Tanker Company, ``NITC``;
    EJERCITO REVOLUCIONARIO POPULAR ANTITERRORISTA DE COLOMBIA, ``ERPAC``), with the legal
    form the name ends with half the time (PETROCHEMICAL COMMERCIAL COMPANY FZE, ``PCC
    FZE``)."""
    from sanctio.text.acronyms import acronyms_of
    from sanctio.text.normalize import is_legal_form, to_latin

    if is_person(schema) or schema == Schema.VESSEL:
        return None
    found = acronyms_of(name)
    if not found:
        return None
    out = found[0].upper()
    last = name.split()[-1]
    if is_legal_form(to_latin(last).strip(".,")) and rng.random() < 0.5:
        out = f"{out} {last}"
    return out


_MARKS = ".-_*#@"


def marks(name: str, schema: Schema | None, rng: random.Random) -> str | None:
    """A mark typed inside one word of five letters or more, two letters at least on each
    side of it (``Qass#em``, ``Marat.hon``, ``Ca_mara``, ``Ol-eksander``): a full stop,
    hyphen, underscore, asterisk, hash or at sign, as evasion types it (a filter of whole
    words misses the word cut) and a slip of the keys does."""
    spots = [i for m in re.finditer(r"[A-Za-z]{5,}", name) for i in range(m.start() + 2,
                                                                          m.end() - 1)]
    if not spots:
        return None
    i = rng.choice(spots)
    return name[:i] + rng.choice(_MARKS) + name[i:]


def generation(name: str, schema: Schema | None, rng: random.Random) -> str | None:
    """People with a name of two words or more: a generation after it, as records write one
    (``John SMITH Jr.``, ``Sr``, ``II``, ``III``), which the lists do not."""
    if not is_person(schema) or len(units(name)) < 2:
        return None
    return f"{name} {rng.choice(('Jr.', 'Jr', 'Sr.', 'II', 'III'))}"


def first_letter(name: str, schema: Schema | None, rng: random.Random) -> str | None:
    """One typo in the first letter of a word of five letters or more, which ``typo1``
    never touches: dropped, or another key beside it (``Zdonia`` for Adonia, ``nstitute``
    for Institute, ``IMITED``), as a slip of the keys or a scan's first letter lost."""
    spots = [m.start() for m in re.finditer(r"[A-Za-z]{5,}", name)]
    if not spots:
        return None
    i = rng.choice(spots)
    ch = name[i]
    if rng.random() < 0.5 or ch.lower() not in _KEYBOARD:
        return name[:i] + name[i + 1:]
    new = rng.choice(_KEYBOARD[ch.lower()])
    return name[:i] + (new.upper() if ch.isupper() else new) + name[i + 1:]


def random_case(name: str, schema: Schema | None, rng: random.Random) -> str | None:
    """Each letter in capitals or small letters at random (``DMItRy NiKoLayeVICh KozAK``),
    as evasion types a name: no capitals then mark a family name or an acronym."""
    if sum(c.isalpha() for c in name) < 4:
        return None
    for _ in range(5):
        out = "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in name)
        if out not in (name, name.upper(), name.lower(), name.title()):
            return out
    return None


CATEGORIES.update(joined=joined, split=split, extra_name=extra_name, truncated=truncated,
                  abbreviation=abbreviation, nickname=nickname, digits=digits,
                  no_vowels=no_vowels, word_twice=word_twice, no_spaces=no_spaces,
                  drop_first=drop_first, phonetic=phonetic, family_first=family_first,
                  acronym=acronym, marks=marks, generation=generation,
                  random_case=random_case, first_letter=first_letter,
                  business_word=business_word, business_word_dropped=business_word_dropped)
ALL_CATEGORIES: list[str] = list(CATEGORIES)


def generate(name: str, schema: Schema | None, category: str, rng: random.Random) -> str | None:
    """One variant of ``name`` in ``category`` (``None`` when it does not apply)."""
    return CATEGORIES[category](name, schema, rng)
