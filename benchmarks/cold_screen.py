"""Cold `sanctio screen`: a new process answering one name, with the screening index stored
on disk (sanctio.index_store) against rebuilding it (as every screen did before).

Loads OFAC SDN 2021, UN 2026, EU 2026 and UK 2026 into a fresh registry (or uses
``--home``), then times whole ``sanctio screen NAME --json`` processes, wall clock:

* rebuild: no stored index (``SANCTIO_INDEX_STORE=off``: built in memory, as every screen
  did before);
* first: the first screen after a load, which builds the index and stores it;
* stored: the index file present.

Each run is a fresh interpreter (imports, registry, index, query, audit entry, exit). The
names are known list words (their name symbols come with the stored index); the last runs
screen names of two words never seen before (new random letters each run, so that no cache
holds them), whose name symbols come from the symbol table built from rigour's data (see
sanctio.text.symbols), not from rigour's tagger (4-5 s to load).

    .venv/bin/python benchmarks/cold_screen.py [--runs 5] [--rebuild-runs 2] [--home DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from four_lists import DATA, four_list_paths  # (this folder: the four main lists)
from sanctio import index_store
from sanctio.registry import Registry

LISTS = four_list_paths(DATA)  # (four_lists.py: the four main lists)
NAMES = ["Mohamed al-Kani", "Osama bin Laden", "Kaniyat militia", "Vladimir Putin",
         "Bank Melli Iran"]
SANCTIO = Path(sys.executable).with_name("sanctio")


CPU: list[float] = []  # CPU seconds (user + system) of each run, beside its wall time


def _children_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def screen_once(home: Path, name: str, store: bool = True) -> float:
    env = {**os.environ, "SANCTIO_HOME": str(home)}
    if not store:
        env["SANCTIO_INDEX_STORE"] = "off"  # build in memory, as before the stored index
    started, cpu = time.perf_counter(), _children_cpu()
    done = subprocess.run([str(SANCTIO), "screen", name, "--json"], env=env,
                          capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    CPU.append(_children_cpu() - cpu)
    if done.returncode != 0 or '"status"' not in done.stdout:
        raise SystemExit(f"screen failed: {done.stderr[-2000:]}")
    return seconds


def unseen_name() -> str:
    """Two words of random consonants: in no list, and never screened before."""
    rnd = random.SystemRandom()
    return " ".join("".join(rnd.choice("bcdfghjklmnpqrstvwxz") for _ in range(7)).title()
                    for _ in range(2))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5, help="stored-index runs per name")
    ap.add_argument("--rebuild-runs", type=int, default=2, help="runs without a stored index")
    ap.add_argument("--home", type=Path, help="a registry with the lists already loaded")
    args = ap.parse_args()
    home = args.home or Path(tempfile.mkdtemp(prefix="sanctio-cold-"))
    reg = Registry(home)
    if args.home is None:
        for path in LISTS:
            result = reg.load(path)
            print(f"loaded {result.list_id}: {result.status}")
    directory = index_store.index_dir(reg)

    def drop_index() -> None:
        for p in directory.glob("screen-*.idx"):
            p.unlink()

    rebuild = []
    for i in range(args.rebuild_runs):
        rebuild.append(screen_once(home, NAMES[i % len(NAMES)], store=False))
        print(f"rebuild run {i + 1}: {rebuild[-1]:.2f} s")
    drop_index()
    first = screen_once(home, NAMES[0])  # builds and writes the stored index
    print(f"first screen after a load (build, then store): {first:.2f} s")
    size = index_store.index_path(reg).stat().st_size
    stored = []
    del CPU[:]
    for name in NAMES:
        for _ in range(args.runs):
            stored.append(screen_once(home, name))
        print(f"stored index, {name!r}: median {statistics.median(stored[-args.runs:]):.2f} s")
    stored_cpu = list(CPU)
    unseen = []
    for _ in range(args.runs):
        name = unseen_name()
        unseen.append(screen_once(home, name))
        print(f"stored index, never seen {name!r}: {unseen[-1]:.2f} s")
    version = subprocess.run([str(SANCTIO), "--version"], capture_output=True, check=False)
    started = time.perf_counter()
    for _ in range(3):
        subprocess.run([str(SANCTIO), "--version"], capture_output=True, check=False)
    floor = (time.perf_counter() - started) / 3
    assert version.returncode == 0
    stored_screener = index_store.open_screener(reg)
    names = len(stored_screener.names) if stored_screener is not None else 0
    print()
    print(f"registry: {home} ({names:,} indexed names); index file {size / 1e6:.0f} MB")
    print(f"cold screen, rebuilding the index: median {statistics.median(rebuild):.2f} s "
          f"({len(rebuild)} runs)")
    print(f"cold screen, stored index:         median {statistics.median(stored):.2f} s, "
          f"max {max(stored):.2f} s ({len(stored)} runs); CPU median "
          f"{statistics.median(stored_cpu):.2f} s")
    print(f"cold screen, a name never seen:    median {statistics.median(unseen):.2f} s, "
          f"max {max(unseen):.2f} s ({len(unseen)} runs); CPU median "
          f"{statistics.median(CPU[len(stored_cpu):]):.2f} s")
    print(f"ratio: {statistics.median(rebuild) / statistics.median(stored):.1f}x faster")
    print(f"(`sanctio --version` alone, the interpreter and imports: {floor:.2f} s; "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    reg.close()


if __name__ == "__main__":
    main()
