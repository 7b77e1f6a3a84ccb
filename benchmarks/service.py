"""Benchmark of the HTTP screening service (``sanctio serve``) on loopback.

Loads every list of ``../shared/data`` into a registry (kept in ``--home`` between runs; a
list whose file did not change is not loaded again), starts ``sanctio serve`` with
``--workers`` processes, and drives it from a separate load-generator process (this script
with ``--client``: asyncio, raw HTTP/1.1 keep-alive connections, so the client costs little of
the machine's CPU). Every run is bounded in time and in request count.

Scenarios: single-query ``POST /match`` at 1, 16 and 64 concurrent clients; batches of 100
queries; and a list reload under load (16 clients while ``POST /lists/reload`` loads a new
version of the UN list; every worker rebuilds its index and swaps it in), counting failed
requests.

    .venv/bin/python benchmarks/service.py                 # everything, 10 s per scenario
    .venv/bin/python benchmarks/service.py --duration 5 --json results.json
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import orjson

ROOT = Path(__file__).resolve().parent.parent
DATA = (ROOT / ".." / "shared" / "data").resolve()

# (path under DATA, format, list id): every official list of the shared data
LISTS: list[tuple[str, str | None, str | None]] = [
    ("un-2026/consolidated.xml", "un-xml", None),
    ("eu-2026/sanctions.xml", "eu-fsf", None),
    ("uk-2026/ConList.csv", "uk-conlist", None),
    ("ofac-sdn-2021", "ofac-csv", None),
    ("ofac-cons-2020/consolidated.xml", "ofac-xml", "us-ofac-cons"),
    ("us-csl-2023/csl.csv", "us-csl", None),
    ("au-2024/regulation8_consolidated.xlsx", "au-dfat", None),
    ("ca-2020/sema-lmes.xml", "ca-sema", None),
]


def say(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------- registry


def prepare_home(home: Path, data: Path) -> None:
    """Load every list into the registry, skipping files already active (same SHA-256)."""
    from sanctio.registry import Registry
    from sanctio.sources.common import sha256_file

    reg = Registry(home, auto_sample=False)
    active = reg.active_versions()
    for rel, fmt, list_id in LISTS:
        path = data / rel
        if not path.exists():
            say(f"  skip {rel}: not found")
            continue
        digest = reg._digest(path) if path.is_dir() else sha256_file(path)
        if any(v.sha256 == digest for v in active.values()):
            say(f"  {rel}: already loaded")
            continue
        t = time.perf_counter()
        result = reg.load(path, fmt, list_id)
        say(f"  {rel}: {result.status} "
            f"{result.version.record_count if result.version else 0} records as "
            f"{result.list_id} ({time.perf_counter() - t:.1f} s) {result.error or ''}")
    reg.close()


def make_key(home: Path, role: str) -> str:
    from sanctio.service.keys import KeyStore

    store = KeyStore(home / "sanctio.db")
    token, _ = store.create(role, f"benchmark {role}")
    store.close()
    return token


def sample_names(home: Path, n_listed: int = 300, n_fake: int = 2700,
                 seed: int = 7) -> list[dict[str, Any]]:
    """Realistic traffic: mostly ordinary customers (no match), some listed names."""
    from faker import Faker

    from sanctio.registry import Registry

    rnd = random.Random(seed)
    reg = Registry(home, auto_sample=False)
    listed = [row[0] for row in reg.conn.execute(
        "SELECT r.name FROM records r JOIN list_versions v ON v.id = r.version_id "
        "WHERE v.status='active'")]
    reg.close()
    rnd.shuffle(listed)
    fake = Faker(["en_US", "en_GB", "de_DE", "fr_FR", "es_ES", "ru_RU", "ar_AA", "tr_TR"])
    Faker.seed(seed)
    queries: list[dict[str, Any]] = []
    for name in listed[:n_listed]:
        queries.append({"name": name})
    for i in range(n_fake):
        if i % 5 == 0:
            q: dict[str, Any] = {"name": fake.company(), "schema": "Organization"}
        else:
            q = {"name": fake.name(), "schema": "Person"}
            if i % 3 == 0:
                q["dob"] = fake.date_of_birth(minimum_age=18, maximum_age=90).isoformat()
            if i % 4 == 0:
                q["country"] = fake.country_code()
        queries.append(q)
    rnd.shuffle(queries)
    return queries


# ---------------------------------------------------------------------------- the client


async def _drive(host: str, port: int, requests: list[bytes], concurrency: int,
                 duration: float, max_requests: int, marker: bytes) -> dict[str, Any]:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    failures: list[str] = []
    versions: dict[str, list[float]] = {}  # list_versions seen -> [first, last] times
    sent = 0
    start = time.perf_counter()
    deadline = start + duration

    def stop() -> None:  # SIGTERM from the orchestrator: finish now and report
        nonlocal deadline
        deadline = 0.0

    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop)

    async def one_client(cid: int) -> None:
        nonlocal sent
        reader: asyncio.StreamReader | None = None
        writer: asyncio.StreamWriter | None = None
        i = cid
        while time.perf_counter() < deadline and sent < max_requests:
            sent += 1
            req = requests[i % len(requests)]
            i += concurrency
            t0 = time.perf_counter()
            try:
                if writer is None:
                    reader, writer = await asyncio.open_connection(host, port)
                assert reader is not None
                writer.write(req)
                head = await reader.readuntil(b"\r\n\r\n")
                status = int(head[9:12])
                length = 0
                close = False
                for line in head.split(b"\r\n")[1:]:
                    k, _, v = line.partition(b":")
                    k = k.strip().lower()
                    if k == b"content-length":
                        length = int(v)
                    elif k == b"connection" and v.strip().lower() == b"close":
                        close = True
                body = await reader.readexactly(length)
            except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                failures.append(f"{type(exc).__name__}: {exc}")
                statuses[0] = statuses.get(0, 0) + 1
                if writer is not None:
                    writer.close()
                reader = writer = None
                await asyncio.sleep(0.01)
                continue
            t1 = time.perf_counter()
            latencies.append(t1 - t0)
            statuses[status] = statuses.get(status, 0) + 1
            if status != 200:
                failures.append(f"HTTP {status}: {body[:200]!r}")
            elif marker:
                pos = body.rfind(marker)
                if pos >= 0:
                    tag = body[pos + len(marker):].decode("utf-8", "replace")
                    seen = versions.setdefault(tag, [t1 - start, t1 - start])
                    seen[1] = t1 - start
            if close and writer is not None:
                writer.close()
                reader = writer = None
        if writer is not None:
            writer.close()

    await asyncio.gather(*(one_client(c) for c in range(concurrency)))
    elapsed = time.perf_counter() - start
    latencies.sort()

    def pct(p: float) -> float:
        if not latencies:
            return float("nan")
        return latencies[min(len(latencies) - 1, int(p / 100 * len(latencies)))] * 1000

    ok = statuses.get(200, 0)
    return {
        "concurrency": concurrency, "requests": len(latencies) + statuses.get(0, 0),
        "ok": ok, "failed": sum(v for k, v in statuses.items() if k != 200),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "seconds": round(elapsed, 2), "rps": round(ok / elapsed, 1),
        "p50_ms": round(pct(50), 2), "p95_ms": round(pct(95), 2), "p99_ms": round(pct(99), 2),
        "max_ms": round(latencies[-1] * 1000, 2) if latencies else None,
        "failures_sample": failures[:5], "versions_seen": versions,
    }


def client_main(args: argparse.Namespace) -> None:
    bodies = [orjson.dumps(b) for b in orjson.loads(Path(args.bodies).read_bytes())]
    requests = [
        (f"POST {args.path} HTTP/1.1\r\nHost: 127.0.0.1:{args.port}\r\n"
         f"Authorization: Bearer {args.key}\r\nContent-Type: application/json\r\n"
         f"Content-Length: {len(b)}\r\n\r\n").encode() + b for b in bodies]
    with contextlib.suppress(ImportError):
        import uvloop  # type: ignore[import-not-found]

        uvloop.install()
    result = asyncio.run(_drive("127.0.0.1", args.port, requests, args.concurrency,
                                args.duration, args.max_requests,
                                args.marker.encode() if args.marker else b""))
    sys.stdout.write(orjson.dumps(result).decode())


def run_client(port: int, key: str, bodies_file: Path, path: str, concurrency: int,
               duration: float, max_requests: int, marker: str = "",
               background: bool = False) -> Any:
    cmd = [sys.executable, __file__, "--client", "--port", str(port), "--key", key,
           "--bodies", str(bodies_file), "--path", path, "--concurrency", str(concurrency),
           "--duration", str(duration), "--max-requests", str(max_requests),
           "--marker", marker]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE)
    if background:
        return proc
    out, _ = proc.communicate(timeout=duration + 120)
    return orjson.loads(out)


# ----------------------------------------------------------------------------- scenarios


def modified_un(src: Path, dest: Path) -> Path:
    """A new version of the UN list: the same file less its last individual."""
    text = src.read_text("utf-8")
    end = text.rfind("</INDIVIDUAL>")
    start = text.rfind("<INDIVIDUAL>", 0, end)
    dest.write_text(text[:start] + text[end + len("</INDIVIDUAL>"):], "utf-8")
    return dest


def baseline(home: Path, queries: list[dict[str, Any]], processes: int,
             duration: float) -> dict[str, Any]:
    """The bare scorer, no HTTP: ``processes`` forked copies of one Screener screening the
    same queries for ``duration`` seconds. What the service could reach at best."""
    from sanctio.contract import Query
    from sanctio.registry import Registry
    from sanctio.screen import Screener

    screener = Screener(Registry(home, auto_sample=False))
    built = [Query.build(q["name"], schema=q.get("schema"), dob=q.get("dob"),
                         country=q.get("country")) for q in queries]
    for q in built[:50]:  # warm up
        screener.screen(q)
    readers = []
    for i in range(processes):
        r, w = os.pipe()
        if os.fork() == 0:
            os.close(r)
            n, end = 0, time.perf_counter() + duration
            while time.perf_counter() < end:
                screener.screen(built[(i + n * processes) % len(built)])
                n += 1
            os.write(w, str(n).encode())
            os._exit(0)
        os.close(w)
        readers.append(r)
    total = 0
    for r in readers:
        with os.fdopen(r) as f:
            total += int(f.read() or 0)
    for _ in readers:
        os.wait()
    return {"processes": processes, "queries": total, "qps": round(total / duration, 1),
            "ms_per_query": round(duration * processes / max(total, 1) * 1000, 2)}


def table(rows: list[dict[str, Any]]) -> str:
    head = (f"{'scenario':<28}{'clients':>8}{'requests':>10}{'failed':>8}{'req/s':>9}"
            f"{'q/s':>9}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}")
    lines = [head, "-" * len(head)]
    for r in rows:
        lines.append(
            f"{r['scenario']:<28}{r['concurrency']:>8}{r['requests']:>10}{r['failed']:>8}"
            f"{r['rps']:>9.1f}{r['qps']:>9.1f}{r['p50_ms']:>9.1f}{r['p95_ms']:>9.1f}"
            f"{r['p99_ms']:>9.1f}")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--client", action="store_true", help=argparse.SUPPRESS)
    ap.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    ap.add_argument("--key", default="", help=argparse.SUPPRESS)
    ap.add_argument("--bodies", default="", help=argparse.SUPPRESS)
    ap.add_argument("--path", default="/match", help=argparse.SUPPRESS)
    ap.add_argument("--concurrency", type=int, default=1, help=argparse.SUPPRESS)
    ap.add_argument("--max-requests", type=int, default=200_000, help=argparse.SUPPRESS)
    ap.add_argument("--marker", default="", help=argparse.SUPPRESS)
    ap.add_argument("--home", type=Path, default=Path(tempfile.gettempdir()) / "sanctio-bench",
                    help="registry folder, kept between runs (default: %(default)s)")
    ap.add_argument("--data", type=Path, default=DATA, help="the shared list files")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    ap.add_argument("--duration", type=float, default=10.0, help="seconds per scenario")
    ap.add_argument("--reload-duration", type=float, default=300.0,
                    help="at most this long for a reload to reach every scorer")
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--skip-reload", action="store_true")
    ap.add_argument("--skip-baseline", action="store_true",
                    help="do not measure the bare scorer (it builds its own index)")
    args = ap.parse_args()
    if args.client:
        client_main(args)
        return

    from sanctio.service.cli import ServerProcess

    home: Path = args.home
    home.mkdir(parents=True, exist_ok=True)
    say(f"registry {home}: loading the lists of {args.data}")
    prepare_home(home, args.data)
    key = make_key(home, "screen")
    admin = make_key(home, "admin")
    # every scenario gets queries of its own, never repeated within it: the scorer caches the
    # analysis of names it has seen, and repeated queries would flatter the figures
    queries = sample_names(home, n_listed=2400, n_fake=21600)
    work = Path(tempfile.mkdtemp(prefix="sanctio-bench-"))
    slices = {"warm": (0, 1000), "c1": (1000, 4000), "c16": (4000, 8000),
              "c64": (8000, 12000), "batch": (12000, 24000)}
    files: dict[str, Path] = {}
    for name, (lo, hi) in slices.items():
        files[name] = work / f"{name}.json"
        part = queries[lo:hi]
        if name == "batch":
            bodies = [{"queries": part[i:i + 100]} for i in range(0, len(part) - 99, 100)]
        else:
            bodies = [{"queries": [q]} for q in part]
        files[name].write_bytes(orjson.dumps(bodies))

    rows: list[dict[str, Any]] = []
    say(f"starting sanctio serve --workers {args.workers} ...")
    t = time.perf_counter()
    # the reload scenario loads a modified UN list from `work`, then the original back
    server = ServerProcess(home, workers=args.workers, log_path=work / "serve.log",
                           args=["--data-dir", str(work), "--data-dir", str(args.data)])
    server.start(timeout=600)
    ready = server.wait_ready()
    say(f"ready in {time.perf_counter() - t:.1f} s: {', '.join(ready['list_versions'].values())}")
    try:
        # warm the connection paths
        run_client(server.port, key, files["warm"], "/match", 4, 3.0, 1000)
        for c in (1, 16, 64):
            r = run_client(server.port, key, files[f"c{c}"], "/match", c, args.duration, 4000)
            r.update(scenario="/match single query", qps=r["rps"])
            rows.append(r)
            say(table(rows[-1:]).splitlines()[-1])
        r = run_client(server.port, key, files["batch"], "/match", 4, args.duration, 120)
        r.update(scenario="/match batch of 100", qps=r["rps"] * 100)
        rows.append(r)
        say(table(rows[-1:]).splitlines()[-1])

        reload_info: dict[str, Any] = {}
        if not args.skip_reload:
            reload_info = reload_under_load(server, key, admin, files["c16"], args, work)
            r = reload_info["load"]
            r.update(scenario="/match during a reload", qps=r["rps"])
            rows.append(r)
    finally:
        server.stop()

    base: dict[str, Any] = {}
    if not args.skip_baseline:
        say("baseline: the bare scorer without HTTP ...")
        base = baseline(home, queries[4000:12000], args.workers, args.duration)
    print()
    print(f"sanctio serve --workers {args.workers}, {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.1f} at the end (other work on the machine skews the figures)")
    print("lists: "
          f"{', '.join(ready['list_versions'].values())}")
    print(table(rows))
    if base:
        print(f"bare scorer (no HTTP), {base['processes']} processes: {base['qps']} queries/s, "
              f"{base['ms_per_query']} ms per query")
    if reload_info:
        print()
        print(f"reload under load: {reload_info['load']['requests']} requests, "
              f"{reload_info['load']['failed']} failed; load took "
              f"{reload_info['load_seconds']:.1f} s, every worker served the new version "
              f"{reload_info['swap_seconds']:.1f} s after the reload request")
    if args.json:
        args.json.write_bytes(orjson.dumps({"rows": rows, "reload": reload_info,
                                            "baseline": base},
                                           option=orjson.OPT_INDENT_2))


def reload_under_load(server: Any, key: str, admin: str, single: Path,
                      args: argparse.Namespace, work: Path) -> dict[str, Any]:
    import httpx

    new_file = modified_un(args.data / "un-2026" / "consolidated.xml", work / "un-new.xml")
    say("reload under load: 16 clients while the UN list is reloaded ...")
    client = run_client(server.port, key, single, "/match", 16, args.reload_duration + 60,
                        1_000_000, marker='"list_versions":', background=True)
    time.sleep(3)
    t0 = time.perf_counter()
    with httpx.Client(base_url=server.url, timeout=300,
                      headers={"Authorization": f"Bearer {admin}"}) as http:
        resp = http.post("/lists/reload", json={"paths": [{"path": str(new_file)}]})
        resp.raise_for_status()
        body = resp.json()
        load_seconds = time.perf_counter() - t0
        new_key = body["registry_state_key"]
        say(f"  loaded: {[(r['list'], r['status']) for r in body['results']]} in "
            f"{load_seconds:.1f} s; waiting for every worker to swap ...")
        swapped_at = None
        deadline = time.perf_counter() + args.reload_duration
        while time.perf_counter() < deadline:
            try:
                states = set(http.get("/readyz").json()["worker_state_keys"].values())
            except httpx.HTTPError:
                states = set()
            if states == {new_key}:
                swapped_at = time.perf_counter() - t0
                break
            time.sleep(0.1)
    time.sleep(5)  # keep screening a little on the new index
    client.send_signal(signal.SIGTERM)
    out, _ = client.communicate(timeout=120)
    result = orjson.loads(out)
    say(f"  {result['requests']} requests, {result['failed']} failed, "
        f"p99 {result['p99_ms']} ms, versions seen: {list(result['versions_seen'])}")
    # put the original UN list back, so the next run starts from the same registry
    with httpx.Client(base_url=server.url, timeout=300,
                      headers={"Authorization": f"Bearer {admin}"}) as http:
        http.post("/lists/reload", json={"paths": [
            {"path": str(args.data / "un-2026" / "consolidated.xml")}]})
    return {"load": result, "load_seconds": load_seconds,
            "swap_seconds": swapped_at if swapped_at is not None else float("nan"),
            "new_state_key": new_key}


if __name__ == "__main__":
    main()
