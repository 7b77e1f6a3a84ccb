"""Real names of listed people as people write them: a probe beside `evaluate native`.

`evaluate native` screens the native-script names the lists themselves give. People write
names otherwise: Hong Kong officials in Chinese characters (the lists spell them in
Cantonese), Russians in Ukrainian letters, Iranian and Arab officers with their ranks, a
Persian half space inside a name, Russian initials after the family name, a Russian's name
as the Korean, Chinese, Arabic and Hindi press write it (블라디미르 푸틴, 弗拉基米尔·普京,
ميخائيل ميشوستين, हाफिज सईद), a Japanese name in kanji (篠田建市) or a Russian's as a
passport does (IURII KOVALCHUK). This probe holds 406 such
names of parties on the OFAC, UN, EU and UK lists (`benchmarks/data/real_names.tsv`: the
query and a pattern the top match's name must contain), screens each as a person against
the lists' Latin names only (as `evaluate native` does) at the default threshold, and prints
each outcome and the share found.

    .venv/bin/python benchmarks/real_names.py [--home DIR] [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import csv
import re
import tempfile
from pathlib import Path

from four_lists import DATA, four_list_paths  # (this folder: the four main lists)
from sanctio.contract import DEFAULT_THRESHOLD, Query
from sanctio.evaluate.native import LatinOnlyRegistry
from sanctio.registry import Registry
from sanctio.screen import Screener

ROOT = Path(__file__).resolve().parents[1]


def four_lists(description: str | None, *flags: str) -> Registry:
    """The registry ``--home`` names, or the four lists of ``--data`` loaded into a fresh one
    (the command line of this probe and of benchmarks/company_names.py)."""
    return four_lists_and_args(description, *flags)[0]


def four_lists_and_args(description: str | None, *flags: str
                        ) -> tuple[Registry, argparse.Namespace]:
    """:func:`four_lists`, with the parsed command line (``flags``: switches of the probe's
    own, such as ``--show``)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--home", type=Path, help="a registry with the four lists loaded")
    parser.add_argument("--data", type=Path, default=DATA)
    for flag in flags:
        parser.add_argument(flag, action="store_true")
    args = parser.parse_args()
    if args.home:
        return Registry(args.home), args
    reg = Registry(Path(tempfile.mkdtemp(prefix="sanctio-bench-")) / "home")
    for path in four_list_paths(args.data):
        reg.load(path)
    return reg, args


def main() -> None:
    screener = Screener(LatinOnlyRegistry(four_lists(__doc__)))
    with (ROOT / "benchmarks" / "data" / "real_names.tsv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader((line for line in f if not line.startswith("#")),
                                   delimiter="\t"))
    found = 0
    for row in rows:
        result = screener.screen(Query.build(row["query"], schema="Person"),
                                 threshold=DEFAULT_THRESHOLD, limit=1)
        top = result.matches[0] if result.matches else None
        ok = top is not None and re.search(row["expect"], top.matched_name, re.I) is not None
        found += ok
        print(f"{'found' if ok else 'MISS '}  {row['query']}  ->  "
              f"{f'{top.matched_name} ({top.score:.2f})' if top else '-'}")
    print(f"found {found} of {len(rows)} ({found / len(rows):.1%}) at threshold "
          f"{DEFAULT_THRESHOLD}")


if __name__ == "__main__":
    main()
