"""``sanctio evaluate learn-japanese-names``: the readings of Japanese family and given names
written in kanji, for the names the lists spell.

A Japanese name in kanji (篠田建市, the OFAC list's SHINODA, Kenichi; 高山清司, TAKAYAMA,
Kiyoshi) cannot be read from its characters alone: 清司 is Kiyoshi, Kiyoji or Seiji, 悟 Satoru
or Satoshi, and ICU reads the characters in Mandarin (xiao tian jian shi). The Electronic
Dictionary Research and Development Group's ENAMDICT/JMnedict gives the readings Japanese
names take, each with its kind (family name, given name), and KANJIDIC the readings of each
character (its Chinese and Japanese readings and those it takes in names, nanori). Both are
Creative Commons Attribution-ShareAlike 4.0 (https://www.edrdg.org/edrdg/licence.html);
Debian ships them (packages ``enamdict`` and ``kanjidic``).

The whole dictionary is 390,000 names; the table kept (``data/japanese_names.json``) holds the
readings a list name has as a word, in the lists' spellings: long vowels written as one
(Gotou, ごとう: Goto; Shouroku: Shoroku) or with an h (Gotoh), an apostrophe dropped
(Ken'ichi: Kenichi). A name the lists do not have needs no reading to be screened; a name
added to a list later is read from its characters (``chars``: KANJIDIC's readings of the
characters of the school and name-use lists, jōyō and jinmeiyō), or by this command run again
on the new lists.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from sanctio.evaluate.learn_org_words import write_table as write_sections
from sanctio.model import Schema

Progress = Callable[[str], None]

ENAMDICT = Path("/usr/share/edict/enamdict")
KANJIDIC = Path("/usr/share/edict/kanjidic")
_ENTRY = re.compile(r"^(\S+) \[(\S+)\] /\(([a-z,]+)\) ")
_KANJI = re.compile("^[\u4e00-\u9fff\u3005]{1,3}$")
_FAMILY_KINDS = frozenset("s")
_GIVEN_KINDS = frozenset("gmfu")
_KANA = re.compile("^[\u3040-\u30ff.\\-]+$")


def romaji_spellings(romaji: str) -> list[str]:
    """The spellings the lists write a romanised reading with: as written without marks
    (jirou), its long vowels as one vowel (jiro), or with an h (jiroh)."""
    base = re.sub("[^a-z]", "", romaji.lower())
    out = [base]
    short = re.sub("ou|oo", "o", base).replace("uu", "u")
    out.append(short)
    out.append(re.sub("ou|oo", "oh", base).replace("uu", "u"))
    return list(dict.fromkeys(w for w in out if w))


def _kana_latin() -> Callable[[str], str]:
    import icu

    hira = icu.Transliterator.createInstance("Hiragana-Latin")
    kata = icu.Transliterator.createInstance("Katakana-Latin")
    return lambda kana: str(kata.transliterate(hira.transliterate(kana)))


def read_enamdict(path: Path = ENAMDICT) -> Iterable[tuple[str, str, set[str]]]:
    """(kanji, romaji of its reading, kinds) of each family or given name of at most three
    characters (the file is EUC-JP)."""
    latin = _kana_latin()
    with path.open(encoding="euc_jp", errors="replace") as f:
        for line in f:
            m = _ENTRY.match(line)
            if m is None or not _KANJI.match(m.group(1)):
                continue
            kinds = set(m.group(3).split(","))
            if kinds & (_FAMILY_KINDS | _GIVEN_KINDS):
                yield m.group(1), latin(m.group(2)), kinds


def read_kanjidic(path: Path = KANJIDIC) -> Iterable[tuple[str, list[str]]]:
    """(character, romaji of its readings) of each character of the jōyō and jinmeiyō lists
    (a grade, G1 to G10): its Chinese and Japanese readings without their okurigana, and
    its readings in names (nanori, after T1)."""
    latin = _kana_latin()
    with path.open(encoding="euc_jp", errors="replace") as f:
        for line in f:
            fields = line.split("{")[0].split()
            if len(fields) < 3 or not re.fullmatch("[\u4e00-\u9fff]", fields[0]):
                continue
            if not any(re.fullmatch("G[0-9]+", x) for x in fields):
                continue
            readings: list[str] = []
            for x in fields[1:]:
                if x == "T2":
                    break
                if _KANA.match(x):
                    kana = x.split(".")[0].strip("-")
                    if kana:
                        readings.append(latin(kana))
            yield fields[0], list(dict.fromkeys(r for r in readings if r.isalpha()))


def person_words(registry: Any) -> set[str]:
    """The words of the lists' names of people and of unknown kind, lower case a-z."""
    out: set[str] = set()
    for e in registry.entities():
        if e.schema not in (Schema.PERSON, Schema.UNKNOWN):
            continue
        for n, _ in e.names:
            out.update(re.findall("[a-z]+", n.full.lower()))
    return out


def learn(vocabulary: set[str], names: Iterable[tuple[str, str, set[str]]],
          chars: Iterable[tuple[str, list[str]]]) -> dict[str, Any]:
    """The table: family and given names (kanji -> spellings the vocabulary has, the
    dictionary's order kept) and the characters' readings."""
    family: dict[str, list[str]] = {}
    given: dict[str, list[str]] = {}
    for kanji, romaji, kinds in names:
        spelled = [w for w in romaji_spellings(romaji) if w in vocabulary]
        if not spelled:
            continue
        for table, kind in ((family, _FAMILY_KINDS), (given, _GIVEN_KINDS)):
            if kinds & kind:
                have = table.setdefault(kanji, [])
                have.extend(w for w in spelled if w not in have)
    return {"family": dict(sorted(family.items())), "given": dict(sorted(given.items())),
            "chars": dict(sorted(chars))}


def learn_from_registry(registry: Any, enamdict: Path = ENAMDICT, kanjidic: Path = KANJIDIC,
                        progress: Progress | None = None) -> dict[str, Any]:
    """The table document for the words of a registry's names."""
    if progress:
        progress("reading the registry's names")
    vocabulary = person_words(registry)
    if progress:
        progress(f"{len(vocabulary):,} words; reading {enamdict} and {kanjidic}")
    doc = learn(vocabulary, read_enamdict(enamdict), read_kanjidic(kanjidic))
    versions = registry.active_versions()
    return {
        "about": "Readings of Japanese family and given names in kanji, as the lists spell "
                 "them (sanctio evaluate learn-japanese-names): from ENAMDICT/JMnedict, the "
                 "names whose reading a list name has as a word; from KANJIDIC, the readings "
                 "of the characters of the joyo and jinmeiyo lists.",
        "license": "ENAMDICT/JMnedict and KANJIDIC are the property of the Electronic "
                   "Dictionary Research and Development Group, used in conformance with the "
                   "Group's licence (Creative Commons Attribution-ShareAlike 4.0, "
                   "https://www.edrdg.org/edrdg/licence.html); this table is shared under "
                   "the same licence.",
        "source": {"lists": {lid: {"version": v.label, "sha256": v.sha256}
                             for lid, v in sorted(versions.items())}},
        **doc,
    }


def write_table(doc: dict[str, Any], path: Path) -> None:
    """The document as JSON, one entry a line in each of its three tables."""
    write_sections(doc, path, ("family", "given", "chars"))
