"""One key for the Russian, Ukrainian and Belarusian spellings of an East Slavic family name
in -ov, -ev (-ova, -eva) or -sky (-skaya): DEMIDOV and Belarusian ДЗЯМІДАЎ (Dziamidau),
GUSEV and Ukrainian ГУСЄВ (Husyev), CHERNYSHEV and ЧАРНІШОЎ (Charnyshou), VYSHINSKY and
ВИШИНСЬКИЙ (Vyshynskyy), SOKOLOVSKIY and САКАЛОЎСКІ (Sakalouski).

The spellings differ where the languages do: Ukrainian writes h for Russian g; Belarusian
dz for d before a soft vowel, a for an unstressed o, and ў (u) for v after a vowel; the
transliterations write the soft vowels ye, ya, ia, je, the hushing consonants kh, ch, tj,
sh, sj, zh and the ending -skiy, -sky, -skyy, -ski in their own ways. The key
(:func:`slavic_key`) folds exactly those: the consonants as written but for these digraphs
and g/h, d/dz, the glide of a soft vowel dropped, the vowels as three classes (a e o; i y;
u), the Belarusian u read as v. Only words that end as these family names do get one (a
given name or a word of another language does not), and only with three consonants or
more; the key begins with the word's first letter as written (g and h alike).

The key is given as a name symbol (``[SLAV:key]``) by :func:`sanctio.text.symbols.symbols_of`;
:func:`slavic_fold` also places a patronymic the learned table lacks in its class.
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

_DIGRAPHS = [("shch", "s"), ("sjtj", "s"), ("tsch", "c"), ("tch", "c"), ("kh", "h"),
             ("ch", "c"), ("tj", "c"), ("sh", "s"), ("sj", "s"), ("dzh", "J"), ("zh", "z"),
             ("zj", "z"), ("dz", "d"), ("ts", "c"), ("tz", "c"), ("g", "h"), ("w", "v"),
             ("x", "ks"), ("ff", "v")]
_VOWEL_CLASS = {"a": "a", "e": "a", "o": "a", "i": "i", "y": "i", "u": "u"}
# -ov, -ev, -ova, -eva, -yov, Belarusian -au, -ou, -eu (not French -eau, nor the -dou of
# West African names: Mamadou is not Mamedov), old -off; -skiy, -sky, -ski, -skaya, -ska
_ENDING = re.compile(r"(?:[aeoy]v|[aeoy]va|[aoe]u|[oe]ff"
                     r"|sk(?:ii|iy|ij|yy|yi|yj|y|i|aya|aja|aia|a))$")
_NOT = re.compile(r"(?:eau|dou)$")
_FINAL_U = re.compile(r"(?<=[aeiouy])u$")
_U_NA = re.compile(r"(?<=[aeo])u(?=n[aiy]$)")
_U_SK = re.compile(r"(?<=[aeo])u(?=sk)")  # Belarusian -ouski: -ovsky
_SKY = re.compile(r"sk(?:ii|iy|ij|yy|yi|yj|y|i)$")
_SKAYA = re.compile(r"sk(?:aya|aja|aia|a)$")
_GLIDE = re.compile(r"[yji](?=[aeou])")

SLAVIC_PREFIX = "[SLAV:"

# patronymics as the transliterations end them: -vich, -vych, -vitj, -vitsch, -vic, -vits,
# -vna, -ivna, Belarusian -auna, -euna
_PATRONYMIC = re.compile(r"(?:[oeiya][vw]i(?:ch|tj|tsch|tch|c|ts)"
                         r"|[oeiy][vw]y(?:ch|tj|tch|tsch|c|ts)"
                         r"|[oeiy][vw]na|[ae]una|owitsch|ewitsch)$")


# the patronymics of the fathers' names that end in -a or -ya (Ilya, Luka, Kuzma, Foma,
# Nikita): -ich and -inichna, with no v (Vladimir Ilich MAKSIMENKO, Anatoly Ilyich BIBILOV),
# and the father's name each is made of
_IRREGULAR_PATRONYMICS = {
    **dict.fromkeys(("ilich", "ilyich", "iljich", "ilitch", "ilyitch", "iljitsch", "ilinichna",
                     "ilyinichna", "iljinichna"), "il"),
    **dict.fromkeys(("lukich", "lukitch", "lukinichna"), "luk"),
    **dict.fromkeys(("kuzmich", "kuzmitch", "kuzminichna"), "kuzm"),
    **dict.fromkeys(("fomich", "fomitch", "fominichna"), "fom"),
    **dict.fromkeys(("nikitich", "nikititch", "nikitichna"), "nikit"),
}


def is_patronymic(word: str) -> bool:
    """A word that ends as an East Slavic patronymic does (Nikolaevich, Mykolayovych,
    Mikalaevich, Vladimirovna, Uladzimirauna), or is one of a father's name in -a or -ya
    (Ilich, Kuzmich, Nikitichna)."""
    return patronymic_stem(word) is not None


def patronymic_stem(word: str) -> str | None:
    """The father's name a patronymic is made of (Danilovich: danil, Vladimirovna:
    vladimir; Ilyich: il, of Ilya), or None for a word that is not one."""
    irregular = _IRREGULAR_PATRONYMICS.get(word)
    if irregular is not None:
        return irregular
    if len(word) < 6:
        return None
    m = _PATRONYMIC.search(word)
    return word[:m.start() + 1] if m is not None else None


def slavic_fold(word: str) -> str:
    """The word with the differences of the three languages and their transliterations
    folded (see the module docstring)."""
    s = _SKAYA.sub("ska", _SKY.sub("ski", word))  # -skiy, -sky, -skyy, -ski; -skaya, -ska
    for a, b in _DIGRAPHS:
        if a in s:
            s = s.replace(a, b)
    s = _FINAL_U.sub("v", s)  # Belarusian -au, -ou, -eu: -ov, -ev
    s = _U_NA.sub("v", s)  # Belarusian -auna: -ovna
    s = _U_SK.sub("v", s)
    s = _GLIDE.sub("", s)  # the glide of a soft vowel: ye, ya, ia, jo
    s = s.replace("j", "i")
    out: list[str] = []
    for ch in s:
        c = _VOWEL_CLASS.get(ch, ch)
        if out and out[-1] == c and c not in "aiu":
            continue  # doubled consonants (Gennadiev, Genadzeu)
        out.append(c)
    return "".join(out)


def slavic_key(word: str) -> str | None:
    """The key of an East Slavic family name in -ov or -ev (and their feminines), or None
    for any other word."""
    if len(word) < 5 or not word.isascii() or not _ENDING.search(word) or _NOT.search(word):
        return None
    key = slavic_fold(word)
    if sum(c not in "aiu" for c in key) < 3:
        return None
    # the first letter as written (g and h alike): two words that share a name symbol but
    # not their first letter score below their spelling (TCHEMEZOV is CHEMEZOV by spelling)
    first = "h" if word[0] == "g" else word[0]
    return f"{first}{key}"


# How the transliterations of other languages write one Cyrillic letter (German, Polish, Dutch,
# Swedish, Danish beside English; Czech c for ц): each digraph folded to one symbol of its
# letter, the longest first. The letters stay apart (ш is not с, ж is not з, х is not г):
# only the spellings of one letter meet.
# (German schtsch, dsch, tsch and sch are read first, in cyrillic_spellings: sch is two
# letters; dsch is дж, Dschochar: Dzhokhar)
# (Finnish tš for ч and štš for щ, read with the English sh by the caron reading: Tšuro,
# Janukovytš, Rahaštšuk are Churo, Yanukovych, Rahashchuk)
_LETTERS = [("dzh", "J"), ("dj", "J"),  # дж (the French dj: Hadji is Haji, not Hadi)
            ("shtsh", "Q"), ("shch", "Q"), ("sjtj", "Q"), ("szcz", "Q"),
            ("tsh", "C"), ("tsj", "C"), ("tch", "C"), ("cz", "C"), ("tj", "C"),
            ("sz", "S"), ("sj", "S"), ("sh", "S"),
            ("zh", "Z"), ("zj", "Z"), ("kh", "H"), ("ts", "c"), ("tz", "c"),
            ("w", "v")]
# Polish ie for е after a consonant, inside a word (Miedwiediew, Siergiej, Jewgienij), in a
# word that writes Polish (w, sz, cz, the ending -ej, -ij): not at its end (Annie is not
# Anne), nor in another language's word (Riviera is not Rivera, Daniel not Danel)
_POLISH_IE = re.compile(r"(?<=[bdfgklmnprstvzCHQSZ])ie(?=[bcdfghjklmnprstvwzCHQSZ])")
_POLISH = re.compile(r"w|sz|cz|[ei]j$")
_DUTCH = re.compile(r"sj|zj|tsj")
_GLIDE_START = re.compile(r"^y(?=e)")  # Yevgeny, Jevgenij, Evgeny; Yelena, Jelena, Elena
# the passports' spelling (ICAO 9303: Russian since 2013, Ukrainian before 2010) of Ю, Я and
# Ukrainian Є beginning a name: IU, IA, IE (Iurii, Iakov, Ievgen, Iana: Yury, Yakov, Yevgen,
# Yana), in a word of four letters or more (Ian is another name); and -IIA for -ия (Iuliia,
# Mariia: Yuliya, Mariya)
_ICAO_START = re.compile(r"^i(?=[aeu])")
_ICAO_IIA = re.compile(r"(?<=[bcdfghklmnpqrstvzCHQSZ])iia$")
_GLIDE_VOWELS = re.compile(r"(?<=[aeiou])y(?=[aeiou])")  # Andreyevich, Andreevich
_GLIDE_E = re.compile(r"(?<=[bcdfghklmnpqrstvzBCDFGHKLMNPQRSTVZ])y(?=e)")  # Siergiej, Sergei
_I_GLIDE = re.compile(r"(?<=[bcdfghklmnpqrstvzCHQSZ])i(?=[aou])")  # Natalia, Natalya
_Y_VOWEL = re.compile(r"y(?![aeiou])")  # Sojgu, Shoigu: й before a consonant
_FINAL = re.compile(r"(?:iy|yy|ii|yi|ij|y)$")  # Dmitriy, Dmitrij, Dmitry, Dmitri
# the j of a soft vowel after t, s, d, z in the Czech and Slovak transliterations (Tjulin,
# Lisjuk: Тюлин, Лисюк), which Swedish and Dutch read as one letter with them (Tjernov: ч);
# not before i (the French dj of Hadji is no soft vowel) nor in a d that begins the word
# (Djamel, Djibril)
_J_GLIDE = re.compile(r"(?:(?<=[tsz])|(?<=\wd))j(?=[aeou])")
# a word German transliterates (w for в, sch, tsch, ch for х; not Polish, which writes sz, cz,
# rz and its own s for с): its single s at the start or between vowels is з (Sacharowa,
# Beresowski, Kasakow: Zakharova, Berezovsky, Kazakov)
_GERMAN_WORD = re.compile(r"w|sch|ch")
_POLISH_LETTERS = re.compile(r"sz|cz|rz|ie")
_GERMAN_S = re.compile(r"^s(?=[aeiouy])|(?<=[aeiouy])s(?=[aeiouy])")


@lru_cache(maxsize=100_000)
def cyrillic_spellings(word: str) -> frozenset[str]:
    """The keys of a Latin word read as a transliteration of a Cyrillic one, in any of the
    systems of the languages that write East Slavic names (Schoigu, Sjojgu, Shoigu;
    Wekselberg, Vekselberg; Jevsejevitj, Yevseyevich; Dmitrij, Dmitry): the digraphs of one
    letter as one symbol (:data:`_LETTERS`), j as y, the glide of a soft vowel at the start,
    between vowels or before e dropped, the passports' IU, IA, IE at the start as yu, ya,
    ye (Iurii, Yury), Polish ie after a consonant as e (in a word that
    writes Polish), the endings -iy, -ij, -y as -i. A ``ch`` not part of tch, sch gives two
    keys: English ч and German or Czech х (Chodorkowski, Khodorkovsky); a German ``sch``
    two: ш and ж (Prigoschin, Prigozhin); a ``tj``, ``sj``, ``dj`` or ``zj`` before a vowel
    two: the Swedish or Dutch letter (Tjernov, Sjojgu) and the Czech or Slovak consonant
    before a soft vowel (Tjulin, Lisjuk, Chudaverdjan: Tyulin, Lisyuk, Khudaverdyan)."""
    out = set()
    glided = _J_GLIDE.sub("y", word) if _J_GLIDE.search(word) else word
    forms = [word, glided] if glided != word else [word]
    if _GERMAN_WORD.search(word) and not _POLISH_LETTERS.search(word):
        # German s for з at the start and between vowels, ss for с (Sacharowa, Beresowski,
        # Wassili: Zakharova, Berezovsky, Vasily)
        forms += [_GERMAN_S.sub("z", f) for f in forms if _GERMAN_S.search(f)]
    for ch, sch, w in itertools.product(("C", "H") if "ch" in word else ("C",),
                                        ("S", "Z") if "sch" in word else ("S",), forms):
        s = w.replace("schtsch", "Q").replace("dsch", "J").replace("tsch", "C").replace(
            "sch", sch)
        if _DUTCH.search(s):
            s = s.replace("oe", "u")  # Dutch oe for u beside its sj, zj, tsj (Sjojgoe)
        for a, b in _LETTERS:
            if a in s:
                s = s.replace(a, b)
        s = s.replace("ch", ch)
        if _POLISH.search(word):
            s = _POLISH_IE.sub("e", s)
        s = s.replace("j", "y")
        if len(s) >= 4:
            s = _ICAO_START.sub("y", s)
        s = _ICAO_IIA.sub("ia", s)
        s = _FINAL.sub("i", s)
        s = _GLIDE_START.sub("", s)
        s = _GLIDE_VOWELS.sub("", s)
        s = _GLIDE_E.sub("", s)
        s = _I_GLIDE.sub("y", s)
        s = _Y_VOWEL.sub("i", s)
        out.add(s)
    return frozenset(out)


def passport_spelled(word: str) -> bool:
    """Whether a Latin word has what the passports' spelling (ICAO 9303) gives it and
    :func:`cyrillic_spellings` reads: IU, IA, IE beginning a word of four letters or more,
    -IIA ending it (Iurii, Ievgenii, Anastasiia)."""
    return (len(word) >= 4 and _ICAO_START.match(word) is not None) or (
        _ICAO_IIA.search(word) is not None)


def cyrillic_spelling_alike(a: str, b: str) -> bool:
    """Two Latin words that one Cyrillic word may be, in two transliterations
    (:func:`cyrillic_spellings`)."""
    return a != b and not cyrillic_spellings(a).isdisjoint(cyrillic_spellings(b))


# ------------------------------------------------------------ names declined in running text

# Russian running text declines names (Путина, Кадыровым, Сергеем, Захаровой): each oblique
# ending of a name word and the nominative endings it may stand for, longest first. A word
# is read back only to a form the lists write (see :func:`nominatives`); the order says
# which reading is tried first.
_OBLIQUE: tuple[tuple[str, tuple[str, ...]], ...] = (
    # adjectival family names (Вышинского, Вышинскому, Вышинским, Вышинском; -ской: -ская)
    ("ского", ("ский",)), ("скому", ("ский",)), ("ским", ("ский",)), ("ском", ("ский",)),
    ("цкого", ("цкий",)), ("цкому", ("цкий",)), ("цким", ("цкий",)), ("цком", ("цкий",)),
    ("ской", ("ская",)), ("скую", ("ская",)), ("цкой", ("цкая",)), ("цкую", ("цкая",)),
    # patronymics (Владимировича, -у, -ем, -е)
    ("ичем", ("ич",)), ("ича", ("ич",)), ("ичу", ("ич",)), ("иче", ("ич",)),
    # -ий names (Юрия, Юрию, Юрием, Юрии: Юрий; Аркадия)
    ("ием", ("ий",)), ("ия", ("ий", "ия")), ("ию", ("ий", "ия")), ("ии", ("ий", "ия")),
    ("ией", ("ия",)),
    # women's family names in -ова, -ева, -ина (Захаровой, Захарову)
    ("овой", ("ова",)), ("евой", ("ева",)), ("иной", ("ина",)), ("ыной", ("ына",)),
    ("ову", ("ова", "ов")), ("еву", ("ева", "ев")), ("ину", ("ина", "ин")),
    # men's family names in -ов, -ев, -ин (Кадыровым, Путиным)
    ("овым", ("ов",)), ("евым", ("ев",)), ("ёвым", ("ёв",)), ("иным", ("ин",)),
    ("ыным", ("ын",)),
    # -й names (Сергея, Сергею, Сергеем, Сергее: Сергей; Андрея)
    ("ем", ("й", "ь", "")), ("ея", ("ей",)), ("ею", ("ей",)), ("ее", ("ей",)),
    ("ая", ("ай",)), ("аю", ("ай",)), ("аем", ("ай",)),
    # women's given names (Марии, Марией: Мария; Анны, Анне, Анну, Анной: Анна)
    ("ей", ("я", "ь")), ("ой", ("а",)), ("ы", ("а",)), ("и", ("я", "а", "ь")),
    ("у", ("а", "")), ("ю", ("я", "ь")),
    # men's consonant-final names (Путина, Путину, Путиным, Путине; Рамзаном)
    ("ом", ("",)), ("ым", ("",)), ("а", ("",)), ("я", ("ь", "й")), ("е", ("", "а", "я")),
)
_CYRILLIC_WORD = re.compile(r"[\u0400-\u04ff]{3,}")


def nominatives(word: str) -> list[str]:
    """The forms a Russian name word in an oblique case may have in the nominative, as the
    lists write names (Кадыровым: Кадыров; Сергеем: Сергей, Серге-; Захаровой: Захарова),
    most likely first; none for a word not in Cyrillic letters or too short (a stem of three
    letters at least is left)."""
    if _CYRILLIC_WORD.fullmatch(word) is None:
        return []
    low = word.lower()
    out: list[str] = []
    for ending, bases in _OBLIQUE:
        if low.endswith(ending) and len(low) - len(ending) >= 3:
            stem = word[:len(word) - len(ending)]
            upper = word.isupper()
            for base in bases:
                cand = stem + (base.upper() if upper else base)
                if cand not in out:
                    out.append(cand)
    return out


# ----------------------------------------- Slavic names in the grammar of other languages

# the endings of a Slavic family name in the masculine (-ov, -ev, -in; Polish -ow, -ew)
MASCULINE_ENDS = ("ov", "ev", "in", "yn", "ow", "ew")
# the endings Lithuanian and Latvian give a man's name of another language, and how much of
# each is the name's own: the j of -jus, -js is its soft vowel (Dmitrijus, Sergejs: Dmitrij,
# Sergej); -ius follows a soft consonant (Abramovičius: Abramovich); Latvian's -s alone
# follows a Slavic family name's -ov, -ev, -in (Putins, Lavrovs: an English name's s is its
# own, James Marks is no Mark James)
_BALTIC_ENDINGS = (("ius", 3), ("jus", 2), ("js", 1), ("as", 2), ("is", 2), ("us", 2),
                   ("ys", 2), ("s", 1))


def baltic_cores(word: str) -> list[str]:
    """The name a Latin word may be without the ending Lithuanian or Latvian give a man's name
    of another language (Putinas, Jevgenijus, Abramovicius, Lavrovs: putin, jevgenij,
    abramovic, lavrov): four letters or more, ending in a consonant; none for another word."""
    out = []
    for ending, cut in _BALTIC_ENDINGS:
        if word.endswith(ending):
            core = word[:-cut]
            if len(core) >= 4 and core[-1] not in "aeiouy" and (
                    ending != "s" or core.endswith(MASCULINE_ENDS)) and core not in out:
                out.append(core)
    return out


def czech_feminine_forms(word: str) -> tuple[str, ...]:
    """The forms other languages write a family name in that Czech or Slovak write with the
    feminine -ová (the word without its accent): the stem with -a (Mizulinova, Dorochovova,
    Podolnajova: mizulina, dorochova, podolnaja), with -o (Timcenkova: timcenko) or as it is
    (Sotikova: sotik); a stem of a masculine family name (-ov, -ev, -in) with -a only."""
    stem = word[:-3]
    if len(stem) < 3 or not word.endswith("ova"):
        return ()
    return (stem + "a",) if stem.endswith(MASCULINE_ENDS) else (stem + "a", stem + "o", stem)


# Ukrainian and Belarusian write h for the Russian g (Г): the word's endings that say it is a
# Slavic name, and an h that is a letter of its own (not of kh, ch, sh, zh)
_SLAVIC_NAME_END = re.compile(r"(?:uk|enko|ko|nik|ik|ich|ych|ov|ev|in|yn|ak|ets|ka|ha|ga|y|yi"
                              r"|iy|ij|ii)$")
_H_ALONE = re.compile(r"(?<![kcszt])h")


def ukrainian_h_alike(a: str, b: str) -> bool:
    """Two Latin words of five letters or more that one Slavic name is in Ukrainian or
    Belarusian and in Russian: the h of one for the g of the other, a Belarusian a for an
    unstressed o, the soft vowels and hushing consonants as the transliterations write them
    (:func:`slavic_fold`: Hutnik, GUTNIK; Halavaty, GOLOVATY; Hnatiuk, GNATYUK; the given
    names as the Ukrainian passport writes them, Hennadii, Heorhii: Gennady, Georgy), the word a
    Slavic name by its ending (-uk, -enko, -nik, -ich, -y ...) or with two such h (Hirhel,
    GIRGEL). Not Hall and Gall, Hunter and Gunter: one h, no Slavic ending."""
    if a == b or min(len(a), len(b)) < 5:
        return False
    # (the h of one for the g of the other: as many g fewer as lone h more)
    g_more = a.count("g") - b.count("g")
    h_more = len(_H_ALONE.findall(b)) - len(_H_ALONE.findall(a))
    # (the ending -ii of the Ukrainian passport's romanisation, -iy, -y: Hennadii, Gennady)
    if g_more == 0 or g_more != h_more or slavic_fold(_FINAL.sub("i", a)) != slavic_fold(
            _FINAL.sub("i", b)):
        return False
    return abs(g_more) >= 2 or bool(_SLAVIC_NAME_END.search(a) or _SLAVIC_NAME_END.search(b))
