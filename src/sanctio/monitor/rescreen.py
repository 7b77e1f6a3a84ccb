"""Screening the portfolio: the full screen, and the rescreen after a list change that looks
only at what the change can affect.

A full screen (:func:`screen_portfolio`) runs every customer through
:meth:`Screener.screen_many` on every core and applies the results (alerts, decisions applied
again, history).

A list change (:func:`on_list_change`, called after ``sanctio load``/``update`` and the
service's reload) is handled in the reverse direction: the names of the entities holding the
added and changed records, analysed by the text layer screening uses, are looked up in a
:class:`sanctio.index.NameIndex` built over the customers' analysed names
(:mod:`sanctio.monitor.names`), with the screener's evidence floor (on the list name's
weight, or most of the customer name's); only the customers found
are screened, each against the entities it could match only
(:meth:`Screener.screen_entities`, the comparison of every screening). Removed designations
close their open alerts with the reason. The benchmark (``benchmarks/monitor.py``) checks on a
sample that the pre-filter loses no match.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import orjson

from sanctio.contract import DEFAULT_THRESHOLD, Query, ScreenResult
from sanctio.db import Connection
from sanctio.monitor import default_actor, ensure_schema, now_iso, transaction, webhook
from sanctio.monitor.alerts import AlertSink, RunStats, close_delisted, close_retired_lists
from sanctio.monitor.audit import record_audit, record_load
from sanctio.monitor.names import CandidateStats, customer_index
from sanctio.monitor.portfolio import (
    Customer,
    count_customers,
    customers_by_num,
    iter_customers,
)
from sanctio.registry import ListsChanged, LoadResult, Registry
from sanctio.screen import Screener

log = logging.getLogger(__name__)

FULL_SCREEN_ABOVE = 2000
"""A change touching more entities than this (a list loaded for the first time) is handled by
a full portfolio screen rather than the reverse index."""


class ScreenerLike(Protocol):
    """What monitoring needs of :class:`sanctio.screen.Screener`."""

    registry: Registry
    list_versions: dict[str, str]

    def screen_many(self, queries: Iterable[Query], *, threshold: float | None = ...,
                    limit: int = ..., workers: int = ...) -> Iterator[ScreenResult]: ...

    def screen_entities(self, queries: Iterable[Query], entity_ids: set[str], *,
                        threshold: float | None = ...) -> Iterator[ScreenResult]: ...


ScreenerFactory = Callable[[], ScreenerLike]


# ------------------------------------------------------------------------------- runs


def _start_run(conn: Connection, kind: str, actor: str,
               list_versions: dict[str, str], threshold: float | None,
               trigger: dict[str, Any] | None) -> int:
    cur = conn.execute(
        "INSERT INTO screening_runs (kind, started_at, actor, list_versions, threshold, trigger) "
        "VALUES (?,?,?,?,?,?)",
        (kind, now_iso(), actor, orjson.dumps(list_versions).decode(), threshold,
         orjson.dumps(trigger).decode() if trigger else None))
    return int(cur.lastrowid or 0)


def _finish_run(conn: Connection, run_id: int, kind: str, actor: str,
                stats: RunStats, seconds: float, list_versions: dict[str, str],
                trigger: dict[str, Any] | None) -> None:
    with transaction(conn):
        conn.execute(
            "UPDATE screening_runs SET finished_at=?, customers=?, alerting=?, opened=?, "
            "reopened=?, reapplied=?, closed=?, errors=?, seconds=? WHERE id=?",
            (now_iso(), stats.customers, stats.alerting, stats.opened, stats.reopened,
             stats.reapplied, stats.closed, stats.errors, round(seconds, 3), run_id))
        record_audit(conn, actor, "screening.run", {
            "run_id": run_id, "kind": kind, "list_versions": list_versions,
            "trigger": trigger, **stats.to_dict(), "seconds": round(seconds, 3),
            # the fields every screening entry of the chain has (the customers' data is in
            # the portfolio tables, so no query hashes here)
            "queries": stats.customers, "alerts": stats.alerting})


@dataclass(slots=True)
class RunReport:
    run_id: int
    kind: str
    stats: RunStats
    seconds: float
    list_versions: dict[str, str]
    delivery: dict[str, Any] | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"run_id": self.run_id, "kind": self.kind, **self.stats.to_dict(),
                "seconds": round(self.seconds, 2), "list_versions": self.list_versions,
                "webhook": self.delivery}


def _deliver(conn: Connection) -> dict[str, Any] | None:
    report = webhook.flush(conn)
    return report.to_dict() if report is not None else None


def screen_customers(registry: Registry, screener: ScreenerLike,
                     customers: Iterable[Customer], *, kind: str = "full",
                     entity_ids: set[str] | None = None, workers: int | None = None,
                     threshold: float | None = None, actor: str | None = None,
                     notify: bool | None = None, deliver: bool = True,
                     trigger: dict[str, Any] | None = None,
                     progress: Callable[[int], None] | None = None) -> RunReport:
    """Screen customers (against every entity, or only ``entity_ids``) and apply the results:
    a screening run with its history, alerts opened or reopened, decisions applied again."""
    thr = _threshold(screener, threshold)
    queue: deque[Customer] = deque()

    def queries() -> Iterator[Query]:
        for c in customers:
            queue.append(c)
            yield c.query()

    def pairs() -> Iterator[tuple[ScreenResult, Customer]]:
        if entity_ids is not None:
            results = screen_subset(screener, queries(), entity_ids, threshold=thr)
        else:
            results = screener.screen_many(queries(), threshold=thr, limit=10,
                                           workers=workers or os.cpu_count() or 1)
        for result in results:
            yield result, queue.popleft()

    return apply_results(registry, screener, pairs(), kind=kind, threshold=thr, actor=actor,
                         notify=notify, deliver=deliver, trigger=trigger, progress=progress)


def _threshold(screener: ScreenerLike, threshold: float | None) -> float:
    if threshold is not None:
        return threshold
    return float(getattr(screener, "threshold", DEFAULT_THRESHOLD))


def apply_results(registry: Registry, screener: ScreenerLike,
                  pairs: Iterable[tuple[ScreenResult, Customer]], *, kind: str,
                  threshold: float, actor: str | None = None, notify: bool | None = None,
                  deliver: bool = True, trigger: dict[str, Any] | None = None,
                  progress: Callable[[int], None] | None = None) -> RunReport:
    """Record one screening run from (result, customer) pairs given in any order."""
    conn = registry.conn
    ensure_schema(conn)
    actor = actor or default_actor()
    started = time.perf_counter()
    versions = dict(screener.list_versions)
    with transaction(conn):
        run_id = _start_run(conn, kind, actor, versions, threshold, trigger)
    sink = AlertSink(conn, run_id, threshold=threshold, actor=actor, notify=notify)
    done = 0
    for result, cust in pairs:
        if result.ref is not None and result.ref != cust.id:  # pragma: no cover - contract
            raise RuntimeError(f"screening results out of order: {result.ref} != {cust.id}")
        sink.add(result, cust)
        done += 1
        if progress is not None and done % 10_000 == 0:
            progress(done)
    sink.flush()
    seconds = time.perf_counter() - started
    _finish_run(conn, run_id, kind, actor, sink.stats, seconds, versions, trigger)
    if progress is not None:
        progress(done)
    delivery = _deliver(conn) if deliver else None
    return RunReport(run_id, kind, sink.stats, seconds, versions, delivery)


MAX_NAMES_PER_CALL = 200


def screen_subset(screener: ScreenerLike, queries: Iterable[Query], entity_ids: set[str], *,
                  threshold: float) -> Iterator[ScreenResult]:
    """:meth:`Screener.screen_entities`, with the entities split into groups of at most
    ``MAX_NAMES_PER_CALL`` names (each query is compared with every name of the entities it
    is screened against) and the results of the groups merged."""
    groups = _entity_groups(screener, entity_ids)
    if len(groups) <= 1:
        yield from screener.screen_entities(queries, entity_ids, threshold=threshold)
        return
    for q in queries:
        merged: ScreenResult | None = None
        for g in groups:
            r = next(iter(screener.screen_entities([q], g, threshold=threshold)))
            if merged is None:
                merged = r
            else:
                merged.matches.extend(r.matches)
        assert merged is not None
        merged.matches.sort(key=lambda m: (-m.score, m.entity_id))
        merged.status = "alert" if any(not m.below_threshold for m in merged.matches) \
            else "clear"
        yield merged


def _entity_groups(screener: ScreenerLike, entity_ids: set[str]) -> list[set[str]]:
    names = getattr(screener, "names", None)
    by_id = getattr(screener, "by_id", None)
    if not isinstance(names, list) or not isinstance(by_id, dict):
        return [entity_ids]
    wanted = {by_id[e]: e for e in entity_ids if e in by_id}
    counts: Counter[str] = Counter()
    for n in names:
        pos = getattr(n, "entity", None)
        if pos in wanted:
            counts[wanted[pos]] += 1
    groups: list[set[str]] = []
    cur: set[str] = set()
    size = 0
    for e in sorted(entity_ids):
        k = counts.get(e, 0)
        if cur and size + k > MAX_NAMES_PER_CALL:
            groups.append(cur)
            cur, size = set(), 0
        cur.add(e)
        size += k
    if cur:
        groups.append(cur)
    return groups


def screen_portfolio(registry: Registry, screener: ScreenerLike | None = None, *,
                     workers: int | None = None, threshold: float | None = None,
                     actor: str | None = None, notify: bool | None = None,
                     deliver: bool = True, kind: str = "full",
                     trigger: dict[str, Any] | None = None,
                     progress: Callable[[int], None] | None = None) -> RunReport:
    """Screen the whole portfolio against every active entity, on every core."""
    if screener is None:
        screener = _default_factory(registry)()
    reader = registry.connect()
    try:
        return screen_customers(registry, screener, iter_customers(reader), kind=kind,
                                workers=workers, threshold=threshold, actor=actor,
                                notify=notify, deliver=deliver, trigger=trigger,
                                progress=progress)
    finally:
        reader.close()


def _default_factory(registry: Registry) -> ScreenerFactory:
    def make() -> ScreenerLike:
        return Screener(registry)  # type: ignore[no-any-return, unused-ignore]

    return make


# --------------------------------------------------------------------- list changes


@dataclass(slots=True)
class RescreenReport:
    list_id: str
    status: str  # rescreened, full-screen, nothing-to-do, skipped
    old_version: str | None = None
    new_version: str | None = None
    added: int = 0
    changed: int = 0
    removed: int = 0
    entities: int = 0
    candidates: int = 0
    run: RunReport | None = None
    delisted: RunStats = field(default_factory=RunStats)
    seconds: float = 0.0
    index_seconds: float = 0.0  # the customers' name index: its build and the look-ups
    index_build_seconds: float = 0.0  # of which the build (0 when this process had it)
    note: str | None = None
    delivery: dict[str, Any] | None = None

    @property
    def opened(self) -> int:
        return self.run.stats.opened if self.run else 0

    @property
    def reopened(self) -> int:
        return self.run.stats.reopened if self.run else 0

    @property
    def closed(self) -> int:
        return self.delisted.closed

    def to_dict(self) -> dict[str, Any]:
        return {
            "list": self.list_id, "status": self.status, "old_version": self.old_version,
            "new_version": self.new_version, "added": self.added, "changed": self.changed,
            "removed": self.removed, "entities": self.entities,
            "candidates": self.candidates, "run": self.run.to_dict() if self.run else None,
            "alerts_opened": self.opened, "alerts_reopened": self.reopened,
            "alerts_closed": self.closed, "alerts_updated": self.delisted.updated,
            "seconds": round(self.seconds, 2), "index_seconds": round(self.index_seconds, 2),
            "index_build_seconds": round(self.index_build_seconds, 2),
            "note": self.note, "webhook": self.delivery,
        }


def on_list_change(registry: Registry, load_result: LoadResult,
                   screener_factory: ScreenerFactory | None = None, *,
                   actor: str | None = None, notify: bool | None = None,
                   deliver: bool = True, workers: int | None = None) -> RescreenReport:
    """Rescreen what a list change can affect (call after a successful load or update).

    Added and changed designations are screened against the customers who could match them
    (reverse direction); removed designations close their open alerts. A load that changed
    nothing (``unchanged``, ``failed``) does nothing. ``screener_factory`` builds the screener
    over the registry's new state; it is only called when something needs screening.
    ``workers``: processes for screening the candidates (default: every core; pass 1 from a
    multi-threaded server, where forking is unsafe)."""
    started = time.perf_counter()
    conn = registry.conn
    ensure_schema(conn)
    actor = actor or default_actor()
    report = RescreenReport(list_id=load_result.list_id, status="skipped")
    new = load_result.version
    if load_result.status not in ("loaded", "reactivated") or new is None:
        report.note = f"load {load_result.status}: nothing to rescreen"
        return report
    old = load_result.previous
    report.old_version, report.new_version = (old.label if old else None), new.label
    if old is not None:
        diff = registry.diff(load_result.list_id, old=old.id, new=new.id)
        added = [c.source_id for c in diff.added]
        changed = [c.source_id for c in diff.changed]
        removed = [c.source_id for c in diff.removed]
    else:
        added = [r[0] for r in conn.execute(
            "SELECT source_id FROM records WHERE version_id=?", (new.id,))]
        changed, removed = [], []
    report.added, report.changed, report.removed = len(added), len(changed), len(removed)
    trigger = {"list": load_result.list_id, "old": report.old_version,
               "new": report.new_version, "added": len(added), "changed": len(changed),
               "removed": len(removed)}

    # removed designations close their alerts
    if removed and old is not None:
        gone: dict[str, str] = {}
        for sid in removed:
            key = f"{load_result.list_id}:{sid}"
            rec = registry.record(key, old.id)
            where = f"not in {new.label}"
            gone[key] = where
            for d in rec.designations if rec else []:
                gone[f"{d.source}:{d.source_id}"] = where
        report.delisted = close_delisted(conn, gone, actor=actor, notify=notify)

    retired = close_retired_lists(conn, set(registry.active_versions()), actor=actor,
                                  notify=notify)
    report.delisted.closed += retired.closed
    report.delisted.updated += retired.updated

    touched = {f"{load_result.list_id}:{sid}" for sid in added + changed}
    customers = count_customers(conn)
    if touched and customers:
        entities = [e for e in registry.entities()
                    if any(m.key in touched for m in e.members)]
        report.entities = len(entities)
        factory = screener_factory or _default_factory(registry)
        if len(entities) > FULL_SCREEN_ABOVE:
            report.status = "full-screen"
            report.note = (f"{len(entities)} entities changed: the whole portfolio was "
                           "screened")
            report.run = screen_portfolio(registry, factory(), workers=workers, actor=actor,
                                          notify=notify, deliver=False, kind="rescreen-full",
                                          trigger=trigger)
            report.candidates = report.run.stats.customers
        else:
            stats = CandidateStats()
            by_customer = customer_index(conn, stats).candidates(entities, stats)
            ids = {e.id for e in entities}
            for num, eids in _customers_with_alerts_on(conn, ids, touched).items():
                by_customer.setdefault(num, set()).update(eids & ids or ids)
            report.index_seconds = stats.build_seconds + stats.seconds
            report.index_build_seconds = stats.build_seconds
            report.candidates = len(by_customer)
            report.status = "rescreened"
            if by_customer:
                screener = factory()
                report.run = apply_results(
                    registry, screener,
                    _grouped_pairs(conn, screener, by_customer, workers=workers),
                    kind="rescreen", threshold=_threshold(screener, None), actor=actor,
                    notify=notify, deliver=False, trigger=trigger)
    elif not removed:
        report.status = "nothing-to-do"
    else:
        report.status = "rescreened"
    report.seconds = time.perf_counter() - started
    record_audit(conn, actor, "list.rescreen", {
        k: v for k, v in report.to_dict().items() if k not in ("run", "webhook")
    } | {"run_id": report.run.run_id if report.run else None})
    if deliver:
        report.delivery = _deliver(conn)
    return report


def _customers_with_alerts_on(conn: Connection, entity_ids: set[str],
                              record_keys: set[str]) -> dict[int, set[str]]:
    """Customers who already have an alert on one of these entities or designations (so a
    false-positive decision is checked against the changed records even if the customer
    would no longer be a name candidate), with the alerts' entity ids. One pass over the
    alerts table."""
    hits: dict[str, set[str]] = {}
    for cid, eid, keys in conn.execute(
            "SELECT customer_id, entity_id, designation_keys FROM alerts"):
        if eid in entity_ids or (keys and any(k in record_keys
                                              for k in str(keys).strip("|").split("|"))):
            hits.setdefault(str(cid), set()).add(str(eid))
    out: dict[int, set[str]] = {}
    ids = sorted(hits)
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        for num, cid in conn.execute(
                f"SELECT num, id FROM customers WHERE removed = 0 AND id IN ({marks})", chunk):
            out[int(num)] = hits[str(cid)]
    return out


def _grouped_pairs(conn: Connection, screener: ScreenerLike,
                   by_customer: dict[int, set[str]], *, workers: int | None = None,
                   chunk: int = 400) -> Iterator[tuple[ScreenResult, Customer]]:
    """Screen each candidate against the entities it could match only, customers with the same
    set of entities together, on several processes when there are many."""
    groups: dict[frozenset[str], list[int]] = {}
    for num, eids in by_customer.items():
        groups.setdefault(frozenset(eids), []).append(num)
    thr = _threshold(screener, None)
    tasks: list[tuple[frozenset[str], list[int]]] = []
    for group, nums in sorted(groups.items(), key=lambda g: min(g[1])):
        nums.sort()
        tasks.extend((group, nums[i:i + chunk]) for i in range(0, len(nums), chunk))
    workers = workers or os.cpu_count() or 1
    if workers <= 1 or len(by_customer) < 1000:
        for group, nums in tasks:
            custs = customers_by_num(conn, nums)
            subset = screen_subset(screener, (c.query() for c in custs), set(group),
                                   threshold=thr)
            yield from zip(subset, custs, strict=True)
        return
    import multiprocessing as mp

    global _POOL_SCREENER
    _POOL_SCREENER = (screener, thr)
    batches = ((group, customers_by_num(conn, nums)) for group, nums in tasks)
    pending: deque[list[Customer]] = deque()

    def work() -> Iterator[tuple[frozenset[str], list[Query]]]:
        for group, custs in batches:
            pending.append(custs)
            yield group, [c.query() for c in custs]

    try:
        with mp.get_context("fork").Pool(workers) as pool:
            for results in pool.imap(_pool_subset, work()):
                yield from zip(results, pending.popleft(), strict=True)
    finally:
        _POOL_SCREENER = None


_POOL_SCREENER: tuple[ScreenerLike, float] | None = None


def _pool_subset(task: tuple[frozenset[str], list[Query]]) -> list[ScreenResult]:
    assert _POOL_SCREENER is not None
    screener, thr = _POOL_SCREENER
    group, queries = task
    return list(screen_subset(screener, queries, set(group), threshold=thr))


def rescreen_list(registry: Registry, list_id: str, *, old: str | int | None = None,
                  new: str | int | None = None,
                  screener_factory: ScreenerFactory | None = None,
                  actor: str | None = None, notify: bool | None = None) -> RescreenReport:
    """Rescreen for the last change of a list (or between two of its versions), as if it had
    just been loaded: for a change that was loaded without monitoring."""
    diff = registry.diff(list_id, old, new)
    result = LoadResult(list_id=list_id, status="loaded", version=diff.new, previous=diff.old)
    return on_list_change(registry, result, screener_factory, actor=actor, notify=notify)


def after_load(registry: Registry, results: Iterable[LoadResult], console: Any = None, *,
               actor: str | None = None, workers: int | None = None,
               screener_factory: ScreenerFactory | None = None) -> list[RescreenReport]:
    """The hook to run after ``sanctio load``/``update`` (and the service's reload): write each
    load to the audit trail and rescreen the portfolio for each list that changed. The screener
    is built once, on the registry's new state, and only if something needs screening."""
    cache: list[ScreenerLike] = []

    def factory() -> ScreenerLike:
        if not cache:
            cache.append((screener_factory or _default_factory(registry))())
        return cache[0]

    reports = []
    for result in results:
        record_load(registry.conn, result, actor=actor)
        if result.status not in ("loaded", "reactivated"):
            continue
        report = on_list_change(registry, result, factory, actor=actor, workers=workers)
        reports.append(report)
        if console is not None and report.status != "skipped":
            console.print(
                f"monitoring {report.list_id}: {report.added} added, {report.changed} changed, "
                f"{report.removed} removed; {report.candidates} customer(s) rescreened, "
                f"{report.opened} alert(s) opened, {report.reopened} reopened, "
                f"{report.closed} closed ({report.seconds:.1f} s)")
    return reports


# ------------------------------------------------------------- the registry's list events


def watch(registry: Registry, console: Any = None, *, actor: str | None = None,
          background: bool = False,
          screener_factory: ScreenerFactory | None = None) -> Callable[[], None]:
    """Subscribe monitoring to the registry's list events: each load's outcome goes to the
    audit trail and each list that changed is rescreened (:func:`after_load`, with a screener
    of ``screener_factory``, else one built in memory), once per batch of loads. With
    ``background``, that work runs in a process of its own (the service: the answers are
    never slowed down by a rescreen). Returns the function that unsubscribes."""

    def on_change(events: list[ListsChanged]) -> None:
        results = [e.result for e in events]
        if background:
            start_after_load(registry, results, actor or default_actor())
        else:
            after_load(registry, results, console, actor=actor,
                       screener_factory=screener_factory)

    return registry.events.subscribe(on_change)


def start_after_load(registry: Registry, results: list[LoadResult], actor: str) -> None:
    """Run :func:`after_load` in a process of its own (spawned, not waited for)."""
    if not results:
        return
    ctx = multiprocessing.get_context("spawn")
    ctx.Process(target=run_after_load, args=(str(registry.home), registry.url, results, actor),
                name="sanctio-after-load", daemon=False).start()


def run_after_load(home: str, db: str, results: list[LoadResult], actor: str) -> None:
    """The background process of :func:`start_after_load`."""
    registry = Registry(Path(home), auto_sample=False, db=db)
    try:
        after_load(registry, results, None, actor=actor)
    except Exception:
        log.exception("the monitoring hook after a list reload failed")
    finally:
        registry.close()
