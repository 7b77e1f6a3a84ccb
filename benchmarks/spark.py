"""Batch screening on Spark in local mode against `screen-file --workers 2`, on the same rows.

Builds the index of a registry (``--home``, else a fresh one with OFAC SDN 2021, UN 2026,
EU 2026 and UK 2026 loaded), writes a CSV of ``--rows`` queries (half list-name variants as
`sanctio evaluate` makes them, half realistic unlisted names from Faker), then screens it:

1. on Spark, ``local[N]`` (``--master``), as ``sanctio spark-screen`` does: the CSV read by
   Spark, the index shipped as a broadcast and loaded once per Python worker, every row
   screened in ``mapPartitions``, the JSON lines written by Spark;
2. with ``screen-file --workers 2`` (the same index, JSON lines).

Both timings are end to end from the built index (the Spark one includes shipping and
loading the index, and Spark's own start-up of its workers; not the JVM start). Prints rows
per second side by side and their ratio, and checks that both gave the same statuses.

    .venv/bin/python benchmarks/spark.py [--rows 1000000] [--home DIR] [--master local[2]]
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

import orjson

from four_lists import DATA, four_list_paths  # (this folder: the four main lists)
from sanctio.batch import screen_file
from sanctio.evaluate.unlisted import generate_unlisted
from sanctio.evaluate.variants import CATEGORIES, generate
from sanctio.registry import Registry
from sanctio.screen import Screener

LISTS = four_list_paths(DATA)  # (four_lists.py: the four main lists)


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def write_queries(screener: Screener, rows: int, seed: int, path: Path) -> None:
    rng = random.Random(seed)
    listed = [n.name.full for n in screener.names if n.name.type.value != "weak"]
    cats = [c for c in CATEGORIES if c != "exact"]
    out: list[tuple[str, str]] = []
    while len(out) < rows // 2:
        variant = generate(rng.choice(listed), None, rng.choice(cats), rng)
        if variant:
            out.append((variant, "listed"))
    for u in generate_unlisted(rows - len(out), seed):
        out.append((u.name, "unlisted"))
    rng.shuffle(out)
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["name", "ref"])
        for i, (name, kind) in enumerate(out):
            w.writerow([name, f"{kind}-{i}"])


def statuses(files: list[Path]) -> dict[str, str]:
    """ref -> status of JSON lines files, read a line at a time."""
    out = {}
    for path in files:
        with path.open("rb") as f:
            for line in f:
                d = orjson.loads(line)
                out[d["ref"]] = d["status"]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--home", type=Path, help="a registry folder (default: load the "
                                                  "four full lists into a fresh one)")
    parser.add_argument("--master", default="local[2]")
    parser.add_argument("--workers", type=int, default=2, help="screen-file --workers")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--skip-screen-file", action="store_true")
    args = parser.parse_args()

    from sanctio import spark as sspark

    work = Path(tempfile.mkdtemp(prefix="sanctio-spark-bench-"))
    try:
        home = args.home
        if home is None:
            home = work / "home"
            reg = Registry(home)
            for path in LISTS:
                reg.load(path)
            reg.close()
        t = time.perf_counter()
        screener = Screener(Registry(home))
        print(f"index: {len(screener.names):,} names of {len(screener.entities):,} entities "
              f"({', '.join(sorted(screener.list_versions))}), built in "
              f"{time.perf_counter() - t:.1f} s", flush=True)
        src = work / "queries.csv"
        t = time.perf_counter()
        write_queries(screener, args.rows, args.seed, src)
        print(f"{args.rows:,} queries written in {time.perf_counter() - t:.1f} s "
              f"({src.stat().st_size / 1e6:.0f} MB)", flush=True)

        # ------------------------------------------------------------------ Spark
        spark = sspark.spark_session(args.master, "sanctio-benchmark", [
            "spark.ui.enabled=false", "spark.driver.bindAddress=127.0.0.1",
            "spark.driver.host=127.0.0.1"])
        spark.sparkContext.setLogLevel("ERROR")
        cores = spark.sparkContext.defaultParallelism
        started = time.perf_counter()
        df = sspark.read_table(spark, str(src))
        partitions = sspark.auto_partitions(df)
        t = time.perf_counter()
        shipped = sspark.ship_index(spark, screener=screener)
        ship = time.perf_counter() - t
        sc = spark.sparkContext
        counters = (sc.accumulator(0), sc.accumulator(0), sc.accumulator(0))
        out_spark = work / "spark.jsonl"
        sspark.screen(df, index=shipped, output="json", partitions=partitions,
                      counters=counters).write.text(str(out_spark))
        spark_s = time.perf_counter() - started
        spark_rows = counters[0].value
        spark_rate = spark_rows / spark_s
        print(f"Spark {args.master} ({cores} cores, {partitions or 'input'} partitions): "
              f"{spark_rows:,} rows in {spark_s:.1f} s = {spark_rate:,.0f} rows/s "
              f"({counters[1].value:,} alerts, {counters[2].value:,} errors; index shipped "
              f"in {ship:.1f} s)", flush=True)
        spark.stop()
        if args.skip_screen_file:
            return

        # ------------------------------------------------------- screen-file --workers
        screener.clear_caches()  # starts cold, as the Spark workers did
        out_file = work / "screen-file.jsonl"
        summary = screen_file(src, out_file, screener=screener, workers=args.workers)
        print(f"screen-file --workers {args.workers}: {summary.rows:,} rows in "
              f"{summary.seconds:.1f} s = {summary.rate:,.0f} rows/s "
              f"({summary.alerts:,} alerts, {summary.errors:,} errors)", flush=True)

        by_spark = statuses(sorted(out_spark.glob("part-*")))
        by_file = statuses([out_file])
        differ = sum(1 for ref, st in by_file.items() if by_spark.get(ref) != st)
        same = differ == 0 and len(by_spark) == len(by_file)
        print()
        print(f"{'':28}{'rows':>12}{'seconds':>10}{'rows/s':>10}")
        print(f"{'Spark ' + args.master:28}{spark_rows:>12,}{spark_s:>10.1f}"
              f"{spark_rate:>10,.0f}")
        print(f"{'screen-file --workers ' + str(args.workers):28}{summary.rows:>12,}"
              f"{summary.seconds:>10.1f}{summary.rate:>10,.0f}")
        print(f"ratio Spark / screen-file: {spark_rate / summary.rate:.2f}; same status on "
              f"every row: {'yes' if same else f'NO ({differ:,} rows differ)'}")
        print(f"peak memory (driver process): {peak_mb():,.0f} MB; CPUs: {os.cpu_count()}")
        if not same:
            sys.exit(1)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
