"""A person's name in the Latin-script languages of the EU, against the list's English name.

The EU's consolidated list gives a listed Russian's, Belarusian's or Ukrainian's name in the
transliteration of each language of the Union: Czech and Slovak write Jekatěrina Mizulinová
for Ekaterina MIZULINA (the feminine -ová, ch for kh, j for y), Swedish Nikolajevitj,
Lithuanian Jevgenijus Prigožinas, Latvian Sergejs Lavrovs. Banks in those countries hold their
customers' names so. This probe takes every such name of a person on the EU list (two words
or more, Latin script, not written as the entity's English or unmarked names are) and scores
it against the best of the entity's English and unmarked names with the screener's own name
comparison (`Screener.compare`, the readings screening gives a query included), and beside it
the brute-force baseline of `evaluate variants` (rapidfuzz `token_sort_ratio`, the same
threshold). It prints the share at or above the default threshold per language and overall,
and the names below it with their explanations (`--show`).

    .venv/bin/python benchmarks/eu_languages.py [--home DIR] [--data ../shared/data] [--show]
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict

from lxml import etree
from rapidfuzz import fuzz

from real_names import four_lists_and_args  # (this folder: the same set-up of the four lists)
from sanctio.contract import DEFAULT_THRESHOLD
from sanctio.model import Schema
from sanctio.screen import Screener

ENGLISH = ("", "EN")


def _latin(text: str) -> bool:
    return all(not c.isalpha() or "LATIN" in unicodedata.name(c, "") for c in text)


def main() -> None:
    registry, args = four_lists_and_args(__doc__, "--show")
    screener = Screener(registry)
    tree = etree.parse(str(args.data / "eu-2026" / "sanctions.xml"),
                       etree.XMLParser(resolve_entities=False, no_network=True))
    ours: dict[str, list[bool]] = defaultdict(list)
    base: dict[str, list[bool]] = defaultdict(list)
    below = []
    for entity in tree.iter("{*}sanctionEntity"):
        kind = entity.find("{*}subjectType")
        if kind is None or kind.get("code") != "person":
            continue
        names = [(a.get("nameLanguage") or "", (a.get("wholeName") or "").strip())
                 for a in entity.iter("{*}nameAlias")]
        english = [n for lang, n in names if lang in ENGLISH and n and _latin(n)]
        if not english:
            continue
        seen = set(english)
        for lang, name in names:
            if lang in ENGLISH or not name or name in seen or not _latin(name) or len(
                    name.split()) < 2:
                continue
            seen.add(name)
            scored = [(screener.compare(name, e, schema=Schema.PERSON), e) for e in english]
            (score, evidence), listed = max(scored, key=lambda s: s[0][0])
            ours[lang].append(score >= DEFAULT_THRESHOLD)
            base[lang].append(max(fuzz.token_sort_ratio(name.lower(), e.lower())
                                  for e in english) >= DEFAULT_THRESHOLD * 100)
            if score < DEFAULT_THRESHOLD:
                below.append((lang, score, name, listed, evidence[0].detail))
    print(f"{'language':10} {'names':>6} {'sanctio':>8} {'baseline':>9}")
    for lang in sorted(ours, key=lambda k: -len(ours[k])):
        o, b = ours[lang], base[lang]
        print(f"{lang:10} {len(o):6} {sum(o) / len(o):8.1%} {sum(b) / len(b):9.1%}")
    n = sum(len(v) for v in ours.values())
    o_all = sum(sum(v) for v in ours.values())
    b_all = sum(sum(v) for v in base.values())
    print(f"{'all':10} {n:6} {o_all / n:8.1%} {b_all / n:9.1%}   (threshold {DEFAULT_THRESHOLD})")
    if args.show:
        for lang, score, name, listed, detail in sorted(below):
            print(f"  {lang} {score:.2f}  {name}  |  {listed}  :: {detail[:140]}")


if __name__ == "__main__":
    main()
