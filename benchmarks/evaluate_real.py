"""Evaluation on the lists' real names (not a test): native-script names and list pairs.

Loads OFAC SDN 2021, UN 2026, EU 2026 and UK 2026 from ``shared/data`` into a fresh registry
(or uses ``--home``), then

1. runs ``sanctio evaluate native``: every native-script name of a listed party screened
   against an index holding the parties through their Latin-script names only; prints recall
   per script, per script and schema, per list, and the misses split into "no candidate" and
   "scored low";
2. builds the labelled pair set of ``sanctio evaluate make-pairs`` and scores its held-out
   split with the screener's own name comparison (``sanctio evaluate pairs --split
   heldout``); prints precision, recall and F1 overall and per category and group, and the
   reliability table;
3. prints the most telling misses and false matches of both.

    .venv/bin/python benchmarks/evaluate_real.py [--sample N] [--seed 42] [--threshold 0.8]
        [--output out/evaluate-real] [--home DIR] [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import orjson

from four_lists import FOUR_LISTS  # (this folder: the four main lists)
from sanctio.contract import DEFAULT_THRESHOLD
from sanctio.evaluate.listpairs import build_pairs, describe, write_pairs
from sanctio.evaluate.native import NativeConfig, evaluate_native, write_native_outputs
from sanctio.evaluate.pairs import evaluate_pairs, filter_split, read_pairs
from sanctio.evaluate.report import render_pairs_html
from sanctio.registry import Registry
from sanctio.screen import Screener

ROOT = Path(__file__).resolve().parents[1]
LISTS = FOUR_LISTS  # (four_lists.py: the four main lists)


def pct(x: float | None) -> str:
    return "   -  " if x is None else f"{100 * x:5.1f}%"


def print_groups(title: str, groups: dict[str, Any]) -> None:
    print(f"\n{title}")
    print(f"  {'':28} {'names':>6} {'recall':>7} {'scored low':>11} {'no cand.':>9} "
          f"{'(name>=t)':>10} {'other alerts':>12}")
    for k, v in groups.items():
        print(f"  {k:28} {v['n']:6} {pct(v['recall']):>7} {v['scored_low']:11} "
              f"{v['no_candidate']:9} {v['no_candidate_name_score_above']:10} "
              f"{v['other_entity_on_top']:12}")


def print_conf(title: str, rows: dict[str, Any]) -> None:
    print(f"\n{title}")
    print(f"  {'':24} {'pairs':>6} {'TP':>5} {'FP':>5} {'FN':>5} {'TN':>5} {'prec.':>7} "
          f"{'recall':>7} {'F1':>7}")
    for k, c in rows.items():
        print(f"  {k:24} {c['pairs']:6} {c['tp']:5} {c['fp']:5} {c['fn']:5} {c['tn']:5} "
              f"{pct(c['precision']):>7} {pct(c['recall']):>7} {pct(c['f1']):>7}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sample", type=int, default=None, help="native names per script")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--threshold", type=float, default=DEFAULT_THRESHOLD)
    ap.add_argument("--workers", type=int, default=0)
    ap.add_argument("--per-category", type=int, default=1500)
    ap.add_argument("--output", type=Path, default=ROOT / "out" / "evaluate-real")
    ap.add_argument("--home", type=Path, default=None,
                    help="an existing registry with the lists loaded (default: a fresh one)")
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    args = ap.parse_args(argv)

    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="sanctio-eval-real-") as tmp:
        home = args.home or Path(tmp)
        reg = Registry(home, auto_sample=False)
        if args.home is None:
            for rel in LISTS:
                res = reg.load(args.data / rel)
                print(f"loaded {rel}: {res.status} in {res.seconds:.1f} s"
                      + (f" ({res.error})" if res.error else ""), file=sys.stderr)

        # ------------------------------------------------------------ native names
        cfg = NativeConfig(sample=args.sample, seed=args.seed, threshold=args.threshold,
                           workers=args.workers)
        native = evaluate_native(reg, cfg, progress=lambda m: print(m, file=sys.stderr))
        paths = write_native_outputs(native, args.output / "native")

        # ------------------------------------------------------------------- pairs
        t = time.perf_counter()
        pairs = build_pairs(reg.entities(), seed=args.seed, per_category=args.per_category)
        pairs_path = write_pairs(pairs, args.output / "pairs.csv")
        pairs_seconds = time.perf_counter() - t
        screener = Screener(reg)
        heldout = filter_split(read_pairs(pairs_path), "heldout")
        t = time.perf_counter()
        report = evaluate_pairs(heldout, screener.compare, args.threshold)
        score_seconds = time.perf_counter() - t
        data = report.to_dict()
        data["split"] = "heldout"
        (args.output / "pairs-heldout.json").write_bytes(
            orjson.dumps(data, option=orjson.OPT_INDENT_2))
        (args.output / "pairs-heldout.html").write_text(
            render_pairs_html(data, "List pairs, held-out split"), encoding="utf-8")
        reg.close()

    o = native["overall"]
    print(f"\n=== native-script names (threshold {args.threshold}; lists: "
          f"{', '.join(f'{k} {v}' for k, v in native['list_versions'].items())})")
    print(f"{o['n']} names, recall {pct(o['recall'])}; misses: {o['scored_low']} scored low, "
          f"{o['no_candidate']} no candidate ({o['no_candidate_name_score_above']} of them "
          f"with a name score at or above the threshold); in {o['other_entity_on_top']} misses "
          "another entity alerts instead")
    print_groups("per script", native["per_script"])
    print_groups("per script and schema", native["per_script_and_schema"])
    print_groups("per list (a name several lists give counts for each)", native["per_list"])
    print_groups("per name type", native["per_name_type"])
    print(f"skipped (no Latin-script name): {native['skipped_no_latin_name']}")

    d = describe(pairs)
    print(f"\n=== list pairs: {d['pairs']} pairs ({d['matches']} matches), "
          f"entities per split {d['entities_per_split']}; built in {pairs_seconds:.1f} s")
    for split, cats in d["per_split"].items():
        print(f"  {split}: " + ", ".join(f"{k} {v}" for k, v in cats.items()))
    print_conf(f"held-out split at threshold {args.threshold} (scored in "
               f"{score_seconds:.1f} s)", {"overall": data["overall"]})
    print_conf("per category", data["by_category"])
    print_conf("per group", data["by_group"])
    print("\nreliability (held-out): score bin, pairs, true matches, share")
    for b in data["reliability"]:
        print(f"  {b['low']:.1f}-{b['high']:.1f} {b['count']:6} {b['matches']:6} "
              f"{pct(b['share_match'])}")

    print("\n=== most telling native-script misses")
    for m in native["worst_misses"][:20]:
        top = m.get("top")
        print(f"  [{m['script']}/{m['schema']}] {m['query']} -> expected {m['entity_name']} "
              f"({m['entity_id']}): {m['outcome']}, score {m['score']:.2f}, name comparison "
              f"{(m['name_score'] or 0):.2f} vs '{m['name_best']}'; top: "
              + (f"{top['name']} {top['score']:.2f}" if top else "none"))
    print("\n=== native-script names missed while another entity alerts")
    for m in native["wrong_top_matches"][:10]:
        top = m["top"]
        print(f"  [{m['script']}] {m['query']} -> expected {m['entity_name']} "
              f"({m['score']:.2f}); top {top['name']} ({top['entity_id']}) {top['score']:.2f}")
    print("\n=== held-out false matches (highest score first)")
    for p in [x for x in data["disagreements"] if not x["is_match"]][:10]:
        print(f"  [{p['category']}] {p['name1']} ~ {p['name2']}: {p['score']:.2f}")
    print("\n=== held-out missed matches, spelling and cross-script (lowest score first)")
    missed = [x for x in data["disagreements"] if x["is_match"]
              and x["category"] in ("spelling", "cross-script")]
    for p in missed[:10]:
        print(f"  [{p['category']}/{p['group']}] {p['name1']} ~ {p['name2']}: "
              f"{p['score']:.2f}")
    print(f"\nnative report: {paths['report']}\npairs: {pairs_path}\n"
          f"held-out report: {args.output / 'pairs-heldout.html'}\n"
          f"total {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
