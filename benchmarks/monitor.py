"""Monitoring benchmark: a portfolio of generated customers (1,000,000 by default) screened in
full against the OFAC SDN, then rescreened after a change of 50 designations.

Targets (issue 6): the full screen in under 15 minutes, the rescreen in under 60 seconds.

    .venv/bin/python benchmarks/monitor.py                      # 1,000,000 customers
    .venv/bin/python benchmarks/monitor.py --customers 100000   # a quicker run

Steps, each timed:

1. generate the portfolio CSV: names from Faker's name tables of twelve locales (Latin,
   Arabic and Cyrillic scripts), 10 % organisations, plus planted variants (reordered,
   misspelt, shortened) of 200 SDN names and of the 50 changed designations;
2. make an "earlier" SDN: the real 2021 files without 50 designations picked at random;
3. load it, import the portfolio, screen the whole portfolio (every core);
4. load the real SDN (the 50 designations come back) and run the monitoring hook
   (:func:`sanctio.monitor.rescreen.on_list_change`): reverse look-up of the customers who
   could match the 50 entities in the customers' name index (its build timed on its own
   too), screening of those against the 50 only; with ``--before REF`` the same change is
   also rescreened by the code of a git ref, on a copy of the registry taken before the
   change, and the ratios after/before of the index build and of the rescreen are reported
   (``ratio_after_before``);
5. recall of the reverse pre-filter: a random sample of customers (and every planted variant)
   is screened against the 50 entities directly; every customer that matches must have been
   among the rescreened candidates. ``--loose-recall`` checks instead every customer who
   shares a single name token with a changed entity (slow).

Prints a JSON summary (also written next to the registry as ``benchmark.json``).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SDN = ROOT.parent / "shared" / "data" / "ofac-sdn-2021"
OTHER_LISTS = [ROOT.parent / "shared" / "data" / p for p in (
    "un-2026/consolidated.xml", "eu-2026/sanctions.xml", "uk-2026/ConList.csv")]
LOCALES = ["en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "it_IT", "pl_PL", "tr_TR", "nl_NL",
           "pt_BR", "ar_AA", "ru_RU"]
COUNTRIES = ["US", "GB", "DE", "FR", "ES", "IT", "PL", "TR", "NL", "BR", "EG", "RU", "LY",
             "CO", "MX", "CN", "IN", "NG", "AE", "SA"]


def log(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------ the portfolio


def name_pools(seed: int) -> tuple[list[tuple[list[str], list[str]]], list[str]]:
    from faker import Faker

    pools = []
    for loc in LOCALES:
        fake = Faker(loc)
        fake.seed_instance(seed)
        firsts = sorted({fake.first_name() for _ in range(1500)})
        lasts = sorted({fake.last_name() for _ in range(1500)})
        pools.append((firsts, lasts))
    companies: set[str] = set()
    for loc in ("en_US", "de_DE", "fr_FR", "es_ES", "it_IT", "nl_NL"):
        fake = Faker(loc)
        fake.seed_instance(seed)
        companies.update(fake.company() for _ in range(4000))
    return pools, sorted(companies)


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    letters = "aeioulnrstkm"
    return word[:i] + rng.choice([c for c in letters if c != word[i].lower()]) + word[i + 1:]


def variants(primary: str, rng: random.Random) -> list[str]:
    """Spellings a customer file might hold for a listed name."""
    if "," in primary:
        last, _, first = primary.partition(",")
        words = f"{first.strip()} {last.strip()}".split()
    else:
        words = primary.split()
    words = [w.capitalize() if w.isupper() else w for w in words]
    out = [" ".join(words)]
    long = [i for i, w in enumerate(words) if len(w) >= 5]
    if long:
        i = rng.choice(long)
        out.append(" ".join(typo(w, rng) if j == i else w for j, w in enumerate(words)))
    if len(words) >= 3:
        out.append(" ".join([words[0], words[-1]]))
    return out


def sdn_rows(path: Path) -> list[list[str]]:
    with (path / "sdn.csv").open(encoding="latin-1", newline="") as f:
        return [r for r in csv.reader(f) if len(r) >= 3 and r[0].strip().isdigit()]


def write_portfolio(path: Path, n: int, seed: int, planted: list[tuple[str, str, str]]) -> int:
    rng = random.Random(seed)
    pools, companies = name_pools(seed)
    weights = [14, 6, 10, 8, 8, 6, 6, 6, 4, 6, 16, 10]
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["ref", "name", "schema", "dob", "country"])
        count = 0
        for ref, name, schema in planted:
            w.writerow([ref, name, schema, "", rng.choice(COUNTRIES)])
            count += 1
        for i in range(n - count):
            if rng.random() < 0.10:
                w.writerow([f"C{i:07d}", rng.choice(companies), "organization", "",
                            rng.choice(COUNTRIES)])
                continue
            firsts, lasts = rng.choices(pools, weights)[0]
            parts = [rng.choice(firsts)]
            if rng.random() < 0.25:
                parts.append(rng.choice(firsts))
            parts.append(rng.choice(lasts))
            dob = f"{rng.randint(1935, 2005)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            w.writerow([f"C{i:07d}", " ".join(parts), "person", dob, rng.choice(COUNTRIES)])
            count += 1
    return n


# ------------------------------------------------------------------------- the lists


def earlier_sdn(target: Path, removed: set[str]) -> None:
    shutil.copytree(SDN, target)
    prefixes = tuple(f"{sid},".encode() for sid in removed)
    for name in ("sdn.csv", "alt.csv", "add.csv"):
        lines = (target / name).read_bytes().split(b"\n")
        (target / name).write_bytes(b"\n".join(ln for ln in lines
                                               if not ln.startswith(prefixes)))


def loose_recall(reg: Any, screener: Any, changed_ids: set[str]) -> dict[str, Any]:
    """Screen every customer the changed entities' names reach in the customers' name index
    at all (any evidence, no floor) against those entities; count the matches the floor left
    out."""
    from sanctio.monitor.names import customer_index
    from sanctio.monitor.rescreen import _grouped_pairs
    from sanctio.screen import _org_flag
    from sanctio.text.normalize import analyze

    ents = [e for e in reg.entities() if e.id in changed_ids]
    index = customer_index(reg.conn)
    strict = index.candidates(ents)
    loose: dict[int, set[str]] = {}
    for e in ents:
        for n in {n.full for n, _m in e.names if n.full.strip()}:
            ids, _evidence = index.index.candidates_scored(analyze(n, org=_org_flag(e.schema)),
                                                           limit=index.size)
            for num in index.nums[ids].tolist():
                loose.setdefault(num, set()).add(e.id)
    t = time.perf_counter()
    matching = missed = 0
    for r, c in _grouped_pairs(reg.conn, screener, loose):
        if r.matches:
            matching += 1
            assert c.num is not None
            if c.num not in strict or not {m.entity_id for m in r.matches} <= strict[c.num]:
                missed += 1
    return {"strict_candidates": len(strict), "loose_candidates": len(loose),
            "matching": matching, "missed": missed,
            "seconds": round(time.perf_counter() - t)}


# ------------------------------------------------------------- the code before (a git ref)

BEFORE_SCRIPT = """
import json, sys, time
from pathlib import Path
from sanctio.monitor.portfolio import rebuild_keys
from sanctio.monitor.rescreen import on_list_change
from sanctio.registry import Registry
from sanctio.screen import Screener

home, sdn, workers = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
reg = Registry(home, auto_sample=False)
t = time.perf_counter()
rebuild_keys(reg.conn)
build = time.perf_counter() - t
real = reg.load(sdn)
assert real.status == "loaded", real.error
built = []

def factory():
    t0 = time.perf_counter()
    s = Screener(reg)
    built.append(time.perf_counter() - t0)
    return s

t = time.perf_counter()
change = on_list_change(reg, real, factory, actor="benchmark", workers=workers)
total = time.perf_counter() - t - sum(built)
print(json.dumps({"index_build_seconds": build, "rescreen_seconds": total,
                  "candidates": change.candidates, "opened": change.opened,
                  "index_seconds": change.index_seconds}))
"""


def run_before(ref: str, home: Path, work: Path, workers: int) -> dict[str, Any]:
    """The rescreen of the same change by the code of a git ref (its ``src`` exported to a
    temporary folder, run in a process of its own) on a copy of the registry taken before the
    change: its index build (the reverse index of the time, rebuilt in full) and its rescreen
    (without the screener's build)."""
    src = work / f"src-{ref}"
    if not src.exists():
        src.mkdir()
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref, "src"],
                                 check=True, capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", str(src)], input=archive, check=True)
    env = {**os.environ, "PYTHONPATH": str(src / "src")}
    env.pop("SANCTIO_DB", None)
    out = subprocess.run([sys.executable, "-c", BEFORE_SCRIPT, str(home), str(SDN),
                          str(workers)], check=True, capture_output=True, text=True, env=env)
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return {k: round(v, 2) if isinstance(v, float) else v for k, v in result.items()}


# ------------------------------------------------------------------------------- main


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--customers", type=int, default=1_000_000)
    ap.add_argument("--changed", type=int, default=50, help="designations in the change")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--home", type=Path, default=None, help="work folder (default: a temp dir)")
    ap.add_argument("--recall-sample", type=int, default=2000)
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    ap.add_argument("--all-lists", action="store_true",
                    help="also load UN, EU and UK 2026 before screening, so that the portfolio "
                         "is screened against the four lists (the change stays in the SDN)")
    ap.add_argument("--before", metavar="REF", default=None,
                    help="also rescreen the same change with the code of this git ref (e.g. "
                         "the commit before the customers' NameIndex) on a copy of the "
                         "registry, and report the ratios after/before of the index build and "
                         "of the rescreen")
    ap.add_argument("--loose-recall", action="store_true",
                    help="also screen every customer sharing at least one name token with a "
                         "changed entity (slow: about 30 min at 1,000,000 customers) and "
                         "check that the pre-filter kept every one that matches")
    args = ap.parse_args()

    from sanctio.monitor.names import CustomerIndex, clear_cache
    from sanctio.monitor.portfolio import import_portfolio
    from sanctio.monitor.rescreen import on_list_change, screen_portfolio, screen_subset
    from sanctio.registry import Registry
    from sanctio.screen import Screener

    work = args.home or Path(tempfile.mkdtemp(prefix="sanctio-monitor-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    rng = random.Random(args.seed)
    results: dict[str, Any] = {"customers": args.customers, "workers": args.workers,
                               "cpus": os.cpu_count(), "changed_designations": args.changed}
    try:
        rows = sdn_rows(SDN)
        usable = [r for r in rows if 2 <= len(r[1].replace(",", " ").split()) <= 5]
        removed_rows = rng.sample(usable, args.changed)
        removed = {r[0] for r in removed_rows}
        others = rng.sample([r for r in usable if r[0] not in removed], 200)
        planted: list[tuple[str, str, str]] = []
        for tag, group in (("X", removed_rows), ("P", others)):
            for r in group:
                schema = "person" if r[2].strip().strip('"') == "individual" else "any"
                for k, v in enumerate(variants(r[1], rng)):
                    planted.append((f"{tag}{r[0]}-{k}", v, schema))
        results["planted_variants_of_changed"] = sum(1 for p in planted if p[0][0] == "X")

        t = time.perf_counter()
        csv_path = work / "customers.csv"
        write_portfolio(csv_path, args.customers, args.seed, planted)
        results["generate_seconds"] = round(time.perf_counter() - t, 1)
        log(f"portfolio of {args.customers:,} written in {results['generate_seconds']} s")

        earlier = work / "sdn-earlier"
        if not earlier.exists():
            earlier_sdn(earlier, removed)
        home = work / "home"
        shutil.rmtree(home, ignore_errors=True)
        reg = Registry(home, auto_sample=False)
        t = time.perf_counter()
        first = reg.load(earlier)
        assert first.status == "loaded", first.error
        results["load_earlier_seconds"] = round(time.perf_counter() - t, 1)
        if args.all_lists:
            for other in OTHER_LISTS:
                loaded = reg.load(other)
                assert loaded.status == "loaded", loaded.error
            results["lists"] = sorted(reg.active_versions())

        t = time.perf_counter()
        report = import_portfolio(reg.conn, csv_path, actor="benchmark")
        results["import_seconds"] = round(time.perf_counter() - t, 1)
        results["import"] = {"added": report.added, "bad": report.bad_count}
        log(f"imported {report.added:,} customers in {results['import_seconds']} s")

        t = time.perf_counter()
        screener = Screener(reg)
        results["index_build_seconds"] = round(time.perf_counter() - t, 1)
        t = time.perf_counter()

        def progress(n: int) -> None:
            if n % 100_000 == 0:
                rate = n / (time.perf_counter() - t)
                log(f"  screened {n:,} ({rate:,.0f}/s)")

        run = screen_portfolio(reg, screener, workers=args.workers, actor="benchmark",
                               progress=progress)
        results["full_screen_seconds"] = round(time.perf_counter() - t, 1)
        results["full_screen"] = run.stats.to_dict()
        results["full_screen_per_second"] = round(args.customers / results[
            "full_screen_seconds"])
        log(f"full screen: {results['full_screen_seconds']} s, {run.stats.to_dict()}")

        if args.before:
            before_home = work / "home-before"
            shutil.rmtree(before_home, ignore_errors=True)
            reg.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            shutil.copytree(home, before_home)

        t = time.perf_counter()
        real = reg.load(SDN)
        assert real.status == "loaded", real.error
        results["load_real_seconds"] = round(time.perf_counter() - t, 1)
        built: list[float] = []
        new_screener: list[Screener] = []

        def factory() -> Screener:
            t0 = time.perf_counter()
            new_screener.append(Screener(reg))
            built.append(time.perf_counter() - t0)
            return new_screener[-1]

        # the customers' name index, built cold (then dropped: the rescreen builds its own)
        clear_cache()
        t = time.perf_counter()
        cindex = CustomerIndex.build(reg.conn)
        results["customer_index_build_seconds"] = round(time.perf_counter() - t, 2)
        results["customer_index_names"] = cindex.size
        del cindex
        clear_cache()

        t = time.perf_counter()
        change = on_list_change(reg, real, factory, actor="benchmark", workers=args.workers)
        total = time.perf_counter() - t
        results["rescreen_seconds"] = round(total, 1)
        results["rescreen_index_build_seconds"] = round(sum(built), 1)
        results["rescreen_without_index_build_seconds"] = round(total - sum(built), 1)
        results["rescreen"] = {k: v for k, v in change.to_dict().items()
                               if k not in ("run", "webhook")}
        log(f"rescreen after {args.changed} designations: {total:.1f} s "
            f"({sum(built):.1f} s of it building the new screener, "
            f"{change.index_build_seconds:.1f} s the customers' name index); "
            f"{change.candidates:,} candidates, {change.opened} alerts opened")
        if args.before:
            before = run_before(args.before, work / "home-before", work, args.workers)
            after_rescreen = total - sum(built)
            results["before"] = {"ref": args.before, **before}
            results["after"] = {
                "index_build_seconds": results["customer_index_build_seconds"],
                "rescreen_seconds": round(after_rescreen, 2),
                "rescreen_cached_index_seconds": round(
                    after_rescreen - change.index_build_seconds, 2),
                "candidates": change.candidates, "opened": change.opened}
            results["ratio_after_before"] = {
                "index_build": round(results["customer_index_build_seconds"]
                                     / max(before["index_build_seconds"], 1e-9), 2),
                "rescreen": round(after_rescreen / max(before["rescreen_seconds"], 1e-9), 2),
                "rescreen_cached_index": round(
                    (after_rescreen - change.index_build_seconds)
                    / max(before["rescreen_seconds"], 1e-9), 2)}
            log(f"before ({args.before}): {before}; ratios after/before: "
                f"{results['ratio_after_before']}")

        # recall of the reverse pre-filter
        assert change.run is not None
        conn = reg.conn
        screened = {r[0] for r in conn.execute(
            "SELECT customer_id FROM screening_history WHERE run_id=?", (change.run.run_id,))}
        from sanctio.monitor.portfolio import get_customer

        changed_ids = {e.id for e in reg.entities()
                       if any(m.key in {f"us-ofac:{s}" for s in removed} for m in e.members)}
        sample_ids = [f"C{i:07d}" for i in rng.sample(range(args.customers - len(planted)),
                                                      args.recall_sample)]
        sample_ids += [p[0] for p in planted if p[0].startswith("X")]
        custs = [c for c in (get_customer(conn, cid) for cid in sample_ids) if c is not None]
        t = time.perf_counter()
        truth = {r.ref for r in screen_subset(new_screener[0], (c.query() for c in custs),
                                              changed_ids, threshold=screener.threshold)
                 if r.matches}
        missed = sorted(truth - screened)
        results["recall"] = {
            "checked": len(custs), "matching": len(truth), "missed": len(missed),
            "missed_ids": missed[:20], "seconds": round(time.perf_counter() - t, 1),
            "planted_changed_alerted": sum(1 for cid in truth if cid.startswith("X")),
        }
        log(f"recall check: {len(truth)} of {len(custs)} sampled customers match the changed "
            f"entities; missed by the pre-filter: {len(missed)}")
        if args.loose_recall:
            results["loose_recall"] = loose_recall(reg, new_screener[0], changed_ids)
            log(f"loose recall: {results['loose_recall']}")
        results["db_size_mb"] = round((home / "sanctio.db").stat().st_size / 1e6)
        out = json.dumps(results, indent=2)
        print(out)
        (work / "benchmark.json").write_text(out)
    finally:
        if not args.keep and args.home is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
