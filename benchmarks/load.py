"""Load speed and memory: every list file of ../shared/data into a fresh registry.

Loads, in this order, the OFAC SDN CSV set (2021), the OFAC consolidated non-SDN XML (2020,
as the list ``us-ofac-cons``), UN 2026, EU 2026, UK 2026, US CSL 2023, Australia 2024 (XLSX)
and Canada 2020 into a fresh temporary registry (no built-in sample), and prints per list the
load time (``Registry.load``: parse, store, re-merge of every active list) and the memory:

* ``py peak``: the peak of Python allocations during that load (tracemalloc);
* ``cpu s``: the process CPU time of that load (wall time suffers on a busy machine);
* ``rss peak``: the process's peak resident memory so far (``ru_maxrss``).

tracemalloc slows Python down a good deal, so by default the lists are loaded twice, each time
into a fresh registry: once timed without tracemalloc, once traced (``--mode`` picks one).
``--breakdown`` also times the parser alone (``sources.parse``) for each file, so the rest of
the load time (storing the records and re-merging the entities of every active list) shows.
``--profile LIST`` runs cProfile on the load of one list (after the lists before it, as in
the run) and prints where the time goes.

Targets: everything in under 30 s, peak memory under 1 GB.

    .venv/bin/python benchmarks/load.py [--data ../shared/data] [--mode both|time|memory]
        [--breakdown] [--profile eu] [--profile-lines 30]
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import resource
import shutil
import sys
import tempfile
import time
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

from sanctio import sources
from sanctio.registry import LoadResult, Registry

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO.parent / "shared" / "data"
TARGET_SECONDS = 30.0
TARGET_BYTES = 1024**3

# (label, path under the data folder, list id or None for the format's own)
LISTS: list[tuple[str, str, str | None]] = [
    ("us-ofac", "ofac-sdn-2021", None),
    ("us-ofac-cons", "ofac-cons-2020/consolidated.xml", "us-ofac-cons"),
    ("un", "un-2026/consolidated.xml", None),
    ("eu", "eu-2026/sanctions.xml", None),
    ("uk", "uk-2026/ConList.csv", None),
    ("us-csl", "us-csl-2023/csl.csv", None),
    ("au-dfat", "au-2024/regulation8_consolidated.xlsx", None),
    ("ca-sema", "ca-2020/sema-lmes.xml", None),
]


@dataclass
class Row:
    label: str
    status: str = ""
    records: int = 0
    size: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    parse_seconds: float | None = None
    py_peak: int | None = None
    rss_peak: int = 0
    error: str | None = None


def rss_bytes() -> int:
    """Peak resident set size of this process (ru_maxrss is KiB on Linux, bytes on macOS)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def file_size(path: Path) -> int:
    if path.is_dir():
        return sum(f.stat().st_size for f in path.iterdir() if f.is_file())
    return path.stat().st_size


def mb(n: int | None) -> str:
    return "-" if n is None else f"{n / 2**20:,.0f} MB"


def note(result: LoadResult, row: Row) -> None:
    row.status = result.status
    row.error = result.error
    row.records = result.version.record_count if result.version and result.status != "failed" \
        else 0


def run(data: Path, work: Path, *, traced: bool, breakdown: bool) -> list[Row]:
    """Load every list into a fresh registry under ``work``; one row per list."""
    home = Path(tempfile.mkdtemp(prefix="registry-", dir=work))
    reg = Registry(home, auto_sample=False)
    rows = []
    try:
        for label, rel, list_id in LISTS:
            path = data / rel
            row = Row(label, size=file_size(path))
            if breakdown and not traced:
                t = time.perf_counter()
                sources.parse(path)
                row.parse_seconds = time.perf_counter() - t
            if traced:
                tracemalloc.start()
                tracemalloc.reset_peak()
            t, c = time.perf_counter(), time.process_time()
            result = reg.load(path, list_id=list_id)
            row.seconds = time.perf_counter() - t
            row.cpu_seconds = time.process_time() - c
            if traced:
                row.py_peak = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()
            row.rss_peak = rss_bytes()
            note(result, row)
            rows.append(row)
            print(f"  {label:<13} {row.status:<9} {row.records:>6} records "
                  f"{row.seconds:6.2f} s" + (f"  py peak {mb(row.py_peak)}" if traced else ""),
                  flush=True)
    finally:
        reg.close()
        shutil.rmtree(home, ignore_errors=True)
    return rows


def table(timed: list[Row] | None, traced: list[Row] | None) -> str:
    base = timed or traced or []
    by_label = {r.label: r for r in traced or []}
    show_parse = any(r.parse_seconds is not None for r in base)
    head = ["list", "status", "records", "file", "load s", "cpu s"]
    if show_parse:
        head += ["parse s", "rest s"]
    head += ["py peak", "rss peak"]
    lines = []
    for r in base:
        t = by_label.get(r.label)
        cells = [r.label, r.status, f"{r.records:,}", mb(r.size),
                 f"{r.seconds:.2f}" if timed else "-", f"{r.cpu_seconds:.2f}" if timed else "-"]
        if show_parse:
            p = r.parse_seconds
            cells += [f"{p:.2f}" if p is not None else "-",
                      f"{r.seconds - p:.2f}" if p is not None else "-"]
        cells += [mb(t.py_peak if t else None), mb(r.rss_peak)]
        lines.append(cells)
    total_s = sum(r.seconds for r in base) if timed else None
    total_cpu = sum(r.cpu_seconds for r in base)
    cells = ["total", "", f"{sum(r.records for r in base):,}",
             mb(sum(r.size for r in base)), f"{total_s:.2f}" if total_s is not None else "-",
             f"{total_cpu:.2f}" if timed else "-"]
    if show_parse:
        ps = sum(r.parse_seconds or 0.0 for r in base)
        cells += [f"{ps:.2f}", f"{(total_s or 0.0) - ps:.2f}"]
    peaks = [r.py_peak for r in traced or [] if r.py_peak is not None]
    cells += [mb(max(peaks) if peaks else None), mb(max(r.rss_peak for r in base))]
    lines.append(cells)
    widths = [max(len(str(x)) for x in col) for col in zip(head, *lines, strict=True)]

    def fmt(cells: list[str]) -> str:
        return "  ".join(c.ljust(w) if i < 2 else c.rjust(w)
                         for i, (c, w) in enumerate(zip(cells, widths, strict=True)))

    out = [fmt(head), "  ".join("-" * w for w in widths)]
    out += [fmt(c) for c in lines[:-1]]
    out += ["  ".join("-" * w for w in widths), fmt(lines[-1])]
    return "\n".join(out)


def profile(data: Path, work: Path, label: str, lines: int) -> None:
    """cProfile the load of one list, after loading the lists before it (as in the run)."""
    labels = [entry[0] for entry in LISTS]
    if label not in labels:
        raise SystemExit(f"--profile: unknown list {label!r}; one of {', '.join(labels)}")
    home = Path(tempfile.mkdtemp(prefix="registry-profile-", dir=work))
    reg = Registry(home, auto_sample=False)
    try:
        for name, rel, list_id in LISTS:
            if name == label:
                prof = cProfile.Profile()
                t = time.perf_counter()
                prof.enable()
                reg.load(data / rel, list_id=list_id)
                prof.disable()
                print(f"\nprofile of loading {label} ({time.perf_counter() - t:.2f} s under "
                      f"cProfile, after {labels.index(label)} other list(s)):")
                for key in ("cumulative", "tottime"):
                    buf = io.StringIO()
                    pstats.Stats(prof, stream=buf).strip_dirs().sort_stats(key).print_stats(lines)
                    print(f"\n--- by {key} ---")
                    print(buf.getvalue().split("\n\n", 1)[-1].rstrip())
                break
            reg.load(data / rel, list_id=list_id)
    finally:
        reg.close()
        shutil.rmtree(home, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help="the shared data folder (default: ../shared/data next to the repo)")
    parser.add_argument("--mode", choices=("both", "time", "memory", "none"), default="both",
                        help="none: only --profile")
    parser.add_argument("--breakdown", action="store_true",
                        help="also time each parser alone (parses every file once more)")
    parser.add_argument("--profile", metavar="LIST", help="cProfile the load of one list")
    parser.add_argument("--profile-lines", type=int, default=30)
    args = parser.parse_args()
    data: Path = args.data
    missing = [rel for _, rel, _ in LISTS if not (data / rel).exists()]
    if missing:
        raise SystemExit(f"missing under {data}: {', '.join(missing)}")
    work = Path(tempfile.mkdtemp(prefix="sanctio-load-bench-"))
    timed = traced = None
    try:
        if args.mode in ("both", "time"):
            print("timed run (no tracemalloc):", flush=True)
            timed = run(data, work, traced=False, breakdown=args.breakdown)
        if args.mode in ("both", "memory"):
            print("traced run (tracemalloc on; times not comparable):", flush=True)
            traced = run(data, work, traced=True, breakdown=False)
        base = timed or traced or []
        if base:
            report(timed, traced)
        if args.profile:
            profile(data, work, args.profile, args.profile_lines)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(timed: list[Row] | None, traced: list[Row] | None) -> None:
    """The table, failures, and the figures against the targets."""
    base = timed or traced or []
    print()
    print(table(timed, traced))
    failed = [r for r in base if r.status == "failed"]
    for r in failed:
        print(f"FAILED {r.label}: {r.error}")
    print()
    if timed:
        total = sum(r.seconds for r in timed)
        top = max(timed, key=lambda r: r.seconds)
        cpu = sum(r.cpu_seconds for r in timed)
        print(f"total load time {total:.1f} s wall, {cpu:.1f} s CPU (target < "
              f"{TARGET_SECONDS:.0f} s): {'OK' if total < TARGET_SECONDS else 'OVER'}; "
              f"slowest: {top.label} {top.seconds:.1f} s ({top.seconds / total:.0%})")
    peak_rss = max(r.rss_peak for r in base)
    print(f"peak memory {mb(peak_rss)} RSS (target < {mb(TARGET_BYTES)}): "
          f"{'OK' if peak_rss < TARGET_BYTES else 'OVER'}")


if __name__ == "__main__":
    main()
