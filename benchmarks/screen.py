"""Screening speed: Sanctio against a brute-force baseline, on one core and on two.

Loads OFAC SDN 2021, UN 2026, EU 2026 and UK 2026 into a fresh registry, builds the index,
writes a CSV of at least 10,000 queries (half drawn from list names with the variations of
`sanctio evaluate`, half realistic unlisted names from Faker), screens it with
`screen-file` on one core and with two workers, and runs the same queries through a brute
force baseline: rapidfuzz `token_sort_ratio` of each query against every list name (on a
sample of the queries, as it is slow; its rate is per query all the same).

    .venv/bin/python benchmarks/screen.py [--rows 10000] [--baseline-rows 1000]

It says whether the compiled screening modules ran (``sanctio native build``); run it once
more with ``SANCTIO_NATIVE=0`` for the pure Python's figures.
"""

from __future__ import annotations

import argparse
import csv
import random
import resource
import tempfile
import time
from pathlib import Path

from rapidfuzz import fuzz, process

from four_lists import DATA, four_list_paths  # (this folder: the four main lists)
from sanctio import native
from sanctio.batch import screen_file
from sanctio.evaluate.unlisted import generate_unlisted
from sanctio.evaluate.variants import CATEGORIES, generate
from sanctio.registry import Registry
from sanctio.screen import Screener

LISTS = four_list_paths(DATA)  # (four_lists.py: the four main lists)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--baseline-rows", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="sanctio-bench-"))
    state = native.status()
    print("screening modules: " + ("compiled (mypyc, `sanctio native build`)"
                                   if state["compiled_in_use"] else "pure Python") +
          " (SANCTIO_NATIVE=0 runs the pure Python)")
    reg = Registry(work / "home")
    started = time.perf_counter()
    for path in LISTS:
        reg.load(path)
    print(f"lists loaded in {time.perf_counter() - started:.1f} s")
    t = time.perf_counter()
    screener = Screener(reg)
    build = time.perf_counter() - t
    print(f"index build: {build:.1f} s for {len(screener.names):,} names of "
          f"{len(screener.entities):,} entities; peak memory so far {peak_mb():,.0f} MB")

    rng = random.Random(args.seed)
    # (the list names as written: not the readings the index adds beside them, nicknames
    # and acronyms, whose number changes with the version and would change the queries)
    listed = [(n.name.full, n.form) for n in screener.names
              if n.name.type.value != "weak" and n.read_as is None]
    # the categories up to combo: the mix of earlier sessions' figures (the ones added
    # since, joined words, cut-off names..., change the queries and so the speed measured)
    cats = [c for c in CATEGORIES if c != "exact"]
    cats = cats[:cats.index("combo") + 1]
    rows: list[tuple[str, str]] = []
    while len(rows) < args.rows // 2:
        name, _ = rng.choice(listed)
        variant = generate(name, None, rng.choice(cats), rng)
        if variant:
            rows.append((variant, "listed"))
    for u in generate_unlisted(args.rows - len(rows), args.seed):
        rows.append((u.name, "unlisted"))
    rng.shuffle(rows)
    src = work / "queries.csv"
    with src.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["name", "ref"])
        for i, (name, kind) in enumerate(rows):
            w.writerow([name, f"{kind}-{i}"])
    print(f"{len(rows):,} queries ({args.rows // 2:,} list-name variants, the rest unlisted)")

    results = {}
    for workers in (1, 2):
        screener.clear_caches()  # each run starts cold: no memoised analyses or similarities
        out = work / f"out-{workers}.jsonl"
        summary = screen_file(src, out, screener=screener, workers=workers)
        results[workers] = summary
        print(f"sanctio, {workers} worker(s): {summary.rate:,.0f} rows/s "
              f"({summary.rows:,} rows, {summary.alerts:,} alerts, {summary.seconds:.1f} s)")

    names = [n for n, _ in listed]
    sample = rows[: args.baseline_rows]
    t = time.perf_counter()
    alerts = 0
    for name, _ in sample:
        best = process.extractOne(name, names, scorer=fuzz.token_sort_ratio)
        if best and best[1] >= 80:
            alerts += 1
    base_rate = len(sample) / (time.perf_counter() - t)
    print(f"baseline (rapidfuzz token_sort_ratio vs all {len(names):,} list names, one core): "
          f"{base_rate:,.0f} rows/s on {len(sample):,} rows")
    print(f"ratio, one core: {results[1].rate / base_rate:.1f}x the baseline; "
          f"two workers: {results[2].rate / base_rate:.1f}x")
    print(f"peak memory (process): {peak_mb():,.0f} MB")


if __name__ == "__main__":
    main()
