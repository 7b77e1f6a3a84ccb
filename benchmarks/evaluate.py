"""Full model-validation run on the four official lists (not a test).

Loads the OFAC SDN, UN, EU and UK lists from ``shared/data`` into a fresh registry (or uses
``--home``), then runs ``sanctio evaluate variants`` with at least 2,000 generated variants and
5,000 unlisted names, and prints every headline figure beside the baseline's and the elapsed
time of each step. The issue's budget for the whole run is five minutes on two cores.

    .venv/bin/python benchmarks/evaluate.py [--sample 125] [--unlisted 5000] [--seed 42]
        [--output evaluation-full] [--home DIR] [--data ../shared/data] [--names-only]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

from four_lists import FOUR_LISTS  # (this folder: the four main lists)
from sanctio.evaluate.cli import print_summary
from sanctio.evaluate.run import Config, evaluate, write_outputs
from sanctio.registry import Registry
from sanctio.screen import Screener

ROOT = Path(__file__).resolve().parents[1]
LISTS = FOUR_LISTS  # (four_lists.py: the four main lists)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample", type=int, default=125, help="variants per category")
    ap.add_argument("--unlisted", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--workers", type=int, default=0)
    ap.add_argument("--names-only", action="store_true",
                    help="leave dates of birth and nationalities out of the queries")
    ap.add_argument("--output", type=Path, default=ROOT / "evaluation-full")
    ap.add_argument("--home", type=Path, default=None,
                    help="an existing registry with the lists loaded (default: a fresh one)")
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = ap.parse_args(argv)

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="sanctio-eval-") as tmp:
        home = args.home or Path(tmp)
        reg = Registry(home, auto_sample=False)
        if args.home is None:
            for rel in LISTS:
                res = reg.load(args.data / rel)
                print(f"loaded {rel}: {res.status} in {res.seconds:.1f} s"
                      + (f" ({res.error})" if res.error else ""), file=sys.stderr)
        load_seconds = time.perf_counter() - started

        t = time.perf_counter()
        screener = Screener(reg)
        build_seconds = time.perf_counter() - t
        print(f"screener index built in {build_seconds:.1f} s "
              f"({len(screener.names)} names)", file=sys.stderr)

        cfg = Config(sample=args.sample, unlisted=args.unlisted, seed=args.seed,
                     workers=args.workers, names_only=args.names_only)
        summary = evaluate(screener, cfg, progress=lambda m: print(m, file=sys.stderr))
        summary["timings"]["load_seconds"] = round(load_seconds, 2)
        summary["timings"]["build_seconds"] = round(build_seconds, 2)
        summary["timings"]["total_seconds"] = round(time.perf_counter() - started, 2)
        paths = write_outputs(summary, args.output)

    print_summary(summary)
    tm = summary["timings"]
    print(f"variants: {summary['counts']['variants']}, unlisted: {summary['counts']['unlisted']}"
          f" ({summary['counts']['collisions']} collisions)")
    print(f"elapsed: load {tm['load_seconds']:.1f} s, index {tm['build_seconds']:.1f} s, "
          f"generation {tm['generation_seconds']:.1f} s, Sanctio screening "
          f"{tm['sanctio_screen_seconds']:.1f} s, baseline {tm['baseline_seconds']:.1f} s; "
          f"total {tm['total_seconds']:.1f} s")
    print(f"report: {paths['report']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
