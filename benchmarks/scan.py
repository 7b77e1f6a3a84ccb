"""Free text: recall, false mentions and speed of `sanctio scan`, against a naive baseline.

Generates 1,000 articles (a few paragraphs of filler sentences about finance and politics,
with place names and countries) with planted list names in several spellings (the variants
of `sanctio evaluate`: exact, typo, transposition, reorder, dropped middle name, titles,
transliteration, particles, non-Latin script, legal form, ordinal, homoglyph; sometimes as a
possessive) and many unlisted people and companies (Faker, twelve cultures). Scans them on
one core with the real index of OFAC SDN 2021 + UN 2026 + EU 2026 + UK 2026, and reports

- planted mentions found (linked to the party planted, or to a party with the same name);
- false mentions per 1,000 articles (mentions of anything not planted), with how many of
  them are a generated "unlisted" name that is in fact exactly a listed name (a collision);
- articles per second on one core (the gazetteer built beforehand; target 50/s);

and the same figures, in the same run, for a baseline: a naive search of every list name as
an exact, case-insensitive substring at word boundaries (on a sample of the articles: it is
slow; its rate is per article all the same).

    .venv/bin/python benchmarks/scan.py [--articles 1000] [--home REGISTRY] [--seed 11]
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from four_lists import DATA, four_list_paths  # (this folder: the four main lists)
from sanctio.evaluate.unlisted import generate_unlisted
from sanctio.evaluate.variants import generate
from sanctio.model import Schema
from sanctio.registry import Registry
from sanctio.scan import text_scanner
from sanctio.screen import Screener
from sanctio.text.normalize import analyze

LISTS = four_list_paths(DATA)  # (four_lists.py: the four main lists)
CATEGORIES = ["exact", "typo1", "transposition", "reorder", "drop_middle", "titles",
              "translit", "particles", "script", "legal_form", "ordinal", "homoglyph"]

FILLER = [
    "Markets in London and Frankfurt closed higher on Tuesday after a volatile week.",
    "The central bank left its main rate unchanged, citing inflation in the euro area.",
    "Officials in Geneva said the talks would resume in March.",
    "The ministry of finance published its quarterly report on Friday.",
    "Shipping traffic through the Suez Canal returned to normal levels.",
    "Analysts at several banks expect growth to slow in the second half of the year.",
    "A tanker flagged in Panama was seen off the coast of Malta last month.",
    "The European Commission proposed new rules on payment transparency.",
    "Prices of crude oil rose after production cuts were extended.",
    "Police in Madrid arrested three people in connection with the fraud.",
    "The court in Paris adjourned the hearing until next week.",
    "Trade between Turkey and Iraq grew by a fifth, according to customs data.",
    "The United Nations called for a ceasefire in Sudan.",
    "Investors in New York were cautious ahead of the jobs report.",
    "The government of Kenya announced a new infrastructure plan.",
    "Several airlines cancelled flights to Beirut and Damascus.",
    "The International Monetary Fund raised its forecast for India.",
    "Exports from Brazil and Argentina fell in the first quarter.",
    "Reuters could not independently verify the report.",
    "The board of directors met in Dubai on Sunday.",
    "A spokesperson for the Treasury declined to comment on the matter.",
    "Russia and China blocked the resolution at the Security Council.",
    "The parliament in Tripoli approved the budget after a long debate.",
    "Oil fields in the south of Libya resumed production on Monday.",
]
PLANTED = [
    "Authorities froze the assets of {name} on Wednesday.",
    "The report named {name} as a key figure in the scheme.",
    "Payments were routed through accounts linked to {name}, investigators said.",
    "{name} has denied any wrongdoing.",
    "Documents seen by reporters show that {poss} network spanned three countries.",
    "The sanctions target {name} and several associates.",
]
UNLISTED = [
    "{name} told reporters that the project was on schedule.",
    "According to {name}, demand remained strong.",
    "The contract was awarded to {name} in June.",
    "{name} will attend the conference in Vienna.",
    "Shares of {name} rose three percent.",
    "The agreement was signed by {name} and the mayor.",
]


@dataclass
class Article:
    text: str
    planted: list[tuple[int, int, frozenset[int]]] = field(default_factory=list)  # span, ok
    unlisted: list[tuple[int, int]] = field(default_factory=list)


def build_articles(screener: Screener, n: int, seed: int) -> tuple[list[Article], int]:
    rng = random.Random(seed)
    # entities by the key of each name, so that a party listed twice under one name counts
    by_key: dict[tuple[str, ...], set[int]] = {}
    for nm in screener.names:
        by_key.setdefault(tuple(t.text for t in nm.form.scoring), set()).add(nm.entity)
    pool = []
    for nm in screener.names:
        schema = screener.entities[nm.entity].entity.schema
        toks = [t for t in nm.form.scoring if t.role.name == "NAME"]
        if nm.name.type.value == "weak" or nm.form.script != "Latin":
            continue
        if schema in (Schema.PERSON, Schema.ORGANIZATION) and len(toks) >= 2:
            pool.append(nm)
    unlisted = generate_unlisted(n * 5, seed)
    articles: list[Article] = []
    u = 0
    for _ in range(n):
        sentences: list[tuple[str, str | None, object]] = []
        for _p in range(rng.randint(3, 5)):
            for _s in range(rng.randint(3, 5)):
                sentences.append((rng.choice(FILLER), None, None))
            sentences.append(("\n\n", None, None))
        for _k in range(2):
            nm = rng.choice(pool)
            schema = screener.entities[nm.entity].entity.schema
            variant = None
            for _try in range(4):
                variant = generate(nm.name.full, schema, rng.choice(CATEGORIES), rng)
                if variant:
                    break
            variant = variant or nm.name.full
            ok = frozenset(by_key.get(tuple(t.text for t in nm.form.scoring), {nm.entity}))
            sentences.insert(rng.randrange(len(sentences)), (rng.choice(PLANTED), variant, ok))
        for _k in range(5):
            sentences.insert(rng.randrange(len(sentences)),
                             (rng.choice(UNLISTED), unlisted[u].name, None))
            u += 1
        art = Article("")
        parts: list[str] = []
        pos = 0
        for template, name, ok in sentences:
            if template == "\n\n":
                parts.append("\n\n")
                pos += 2
                continue
            if name is None:
                piece = template + " "
            else:
                poss = "{poss}" in template
                at = template.index("{poss}" if poss else "{name}")
                piece = template.replace("{poss}", name + "'s").replace("{name}", name) + " "
                start, end = pos + at, pos + at + len(name)
                if ok is None:
                    art.unlisted.append((start, end))
                else:
                    art.planted.append((start, end, ok))  # type: ignore[arg-type]
            parts.append(piece)
            pos += len(piece)
        art.text = "".join(parts)
        articles.append(art)
    return articles, len(pool)


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def evaluate(articles: list[Article],
             found: list[list[tuple[int, int, int, str]]]) -> dict[str, float]:
    planted = hit = false = collisions = 0
    for art, mentions in zip(articles, found, strict=True):
        for s, e, ok in art.planted:
            planted += 1
            if any(overlaps((s, e), (ms, me)) and ent in ok for ms, me, ent, _ in mentions):
                hit += 1
        for ms, me, _ent, matched in mentions:
            if any(overlaps((ms, me), (s, e)) for s, e, _ in art.planted):
                continue
            false += 1
            span = art.text[ms:me]
            if [t.text for t in analyze(span).scoring] == [
                    t.text for t in analyze(matched).scoring]:
                collisions += 1
    n = len(articles)
    return {"planted": planted, "found": hit, "recall": hit / planted if planted else 0.0,
            "false": false, "false_per_1000": 1000 * false / n,
            "collisions_per_1000": 1000 * collisions / n}


class Baseline:
    """Every list name as an exact, case-insensitive substring at word boundaries."""

    def __init__(self, screener: Screener) -> None:
        self.names: list[tuple[str, int, str]] = []
        seen: set[tuple[str, int]] = set()
        for nm in screener.names:
            low = nm.name.full.lower().strip()
            if len(low) >= 3 and (low, nm.entity) not in seen:
                seen.add((low, nm.entity))
                self.names.append((low, nm.entity, nm.name.full))

    def scan(self, text: str) -> list[tuple[int, int, int, str]]:
        low = text.lower()
        out = []
        for name, ent, full in self.names:
            at = low.find(name)
            while at >= 0:
                end = at + len(name)
                if (at == 0 or not low[at - 1].isalnum()) and (
                        end == len(low) or not low[end].isalnum()):
                    out.append((at, end, ent, full))
                at = low.find(name, at + 1)
        return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--baseline-articles", type=int, default=100)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--home", type=Path, default=None,
                        help="a registry with the four lists loaded (default: load them)")
    args = parser.parse_args()
    if args.home is None:
        reg = Registry(Path(tempfile.mkdtemp(prefix="sanctio-bench-")) / "home")
        for path in LISTS:
            reg.load(path)
    else:
        reg = Registry(args.home)
    t = time.perf_counter()
    screener = Screener(reg)
    print(f"index: {time.perf_counter() - t:.1f} s, {len(screener.names):,} names")
    t = time.perf_counter()
    scanner = text_scanner(screener)
    print(f"gazetteer (Aho-Corasick over the list-name keys): {time.perf_counter() - t:.1f} s")
    articles, pool = build_articles(screener, args.articles, args.seed)
    words = sum(len(a.text.split()) for a in articles)
    print(f"{len(articles):,} articles, {words / len(articles):,.0f} words each on average, "
          f"{sum(len(a.planted) for a in articles):,} planted mentions (from {pool:,} list "
          f"names), {sum(len(a.unlisted) for a in articles):,} unlisted names")

    t = time.perf_counter()
    found = []
    for a in articles:
        r = scanner.scan(a.text)
        found.append([(m.start, m.end, screener.by_id[m.match.entity_id], m.match.matched_name)
                      for m in r.mentions])
    secs = time.perf_counter() - t
    ours = evaluate(articles, found)

    sample = articles[:args.baseline_articles]
    base = Baseline(screener)
    t = time.perf_counter()
    base_found = [base.scan(a.text) for a in sample]
    base_secs = time.perf_counter() - t
    theirs = evaluate(sample, base_found)

    print()
    print("| | Sanctio `scan` | baseline (exact substring of every list name) |")
    print("|---|---:|---:|")
    print(f"| articles | {len(articles):,} | {len(sample):,} |")
    print(f"| planted mentions found | {ours['found']:,} of {ours['planted']:,} "
          f"({100 * ours['recall']:.1f}%) | {theirs['found']:,} of {theirs['planted']:,} "
          f"({100 * theirs['recall']:.1f}%) |")
    print(f"| false mentions per 1,000 articles | {ours['false_per_1000']:,.0f} "
          f"(collisions {ours['collisions_per_1000']:,.0f}) | {theirs['false_per_1000']:,.0f} "
          f"(collisions {theirs['collisions_per_1000']:,.0f}) |")
    print(f"| articles per second (one core) | {len(articles) / secs:,.1f} | "
          f"{len(sample) / base_secs:,.1f} |")


if __name__ == "__main__":
    main()
