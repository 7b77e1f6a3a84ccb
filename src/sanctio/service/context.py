"""What the service process holds (:class:`Service`): its settings, the scorer pool, the audit
log, the API keys and the metrics, shared by the middleware, the routes and the web console;
with the jobs several of them do (screen a batch, load lists, describe the lists)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import os
import threading
import time
import uuid
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import orjson
from fastapi.exceptions import RequestValidationError
from starlette.concurrency import run_in_threadpool

from sanctio import sources
from sanctio.contract import DEFAULT_THRESHOLD
from sanctio.db import Listener, database_url, display, is_postgres
from sanctio.monitor.rescreen import watch
from sanctio.registry import (
    DEFAULT_MAX_LIST_AGE_DAYS,
    LoadResult,
    Registry,
    max_list_age_days,
)
from sanctio.service import schemas as S
from sanctio.service.audit import AuditEntry, AuditLog, now_iso
from sanctio.service.config import DEV_WARNING, ServiceConfig
from sanctio.service.dispatch import Served
from sanctio.service.keys import DEV_PRINCIPAL, KeyStore, Principal
from sanctio.service.loads import load_lists
from sanctio.service.metrics import ServiceMetrics
from sanctio.service.pool import ScorerError, ScorerPool
from sanctio.service.validation import build_queries, error_entry, warm_validation

log = logging.getLogger("sanctio.service")


@dataclass
class Service:
    """Everything the service process holds, shared by the middleware and the routes."""

    config: ServiceConfig
    pool: ScorerPool
    audit: AuditLog
    keys: KeyStore
    metrics: ServiceMetrics
    db_lock: threading.Lock = field(default_factory=threading.Lock)
    _reader: Registry | None = None
    reload_lock: asyncio.Lock | None = None
    listener: Listener | None = None

    def reader(self) -> Registry:
        """A registry connection for reads (use under ``db_lock``)."""
        if self._reader is None:
            self._reader = Registry(self.config.home, auto_sample=False)
        return self._reader

    def authenticate(self, headers: Iterable[tuple[bytes, bytes]]) -> Principal | None:
        if self.config.dev:
            return DEV_PRINCIPAL
        token = None
        for name, value in headers:
            if name == b"authorization":
                scheme, _, rest = value.decode("latin-1").partition(" ")
                if scheme.lower() == "bearer":
                    token = rest.strip()
                    break
            elif name == b"x-api-key":
                token = value.decode("latin-1").strip()
        return self.keys.authenticate(token)

    def on_swap(self, served: Served) -> None:
        m = self.metrics
        m.index_builds.labels("ok").inc()
        m.index_build_seconds.observe(served.build_seconds)
        m.index_entities.set(served.size)
        m.index_built.set(time.time())

    def on_failure(self, error: str) -> None:
        self.metrics.index_builds.labels("failed").inc()

    def serving(self) -> dict[str, Any]:
        served = self.pool.served
        return {
            "ready": served is not None,
            "state_key": served.state_key if served else None,
            "list_versions": served.list_versions if served else {},
            "built_at": served.built_at if served else None,
            "build_seconds": served.build_seconds if served else None,
            "index": served.index if served else None,
            "last_error": self.pool.last_error,
            "pid": os.getpid(),
        }

    def list_ages(self) -> tuple[dict[str, int | None], list[str]]:
        """Days since the date of each active list's data, and a warning per list older than
        the age limit (``$SANCTIO_MAX_LIST_AGE_DAYS``)."""
        with self.db_lock:
            reg = self.reader()
            active = reg.active_versions()
            warnings = reg.age_warnings(self.max_age_days())
        return {lid: v.age_days() for lid, v in active.items()}, warnings

    @staticmethod
    def max_age_days() -> float:
        try:
            return max_list_age_days()
        except ValueError:
            return DEFAULT_MAX_LIST_AGE_DAYS

    def lists_payload(self) -> dict[str, Any]:
        now = time.time()
        limit = self.max_age_days()
        with self.db_lock:
            reg = self.reader()
            history = reg.versions()
            state_key = reg.state_key()
            warnings = reg.age_warnings(limit)
        by_list: dict[str, list[Any]] = {}
        for v in history:
            by_list.setdefault(v.list_id, []).append(v)
        lists = []
        for list_id in sorted(by_list):
            versions = by_list[list_id]
            active = next((v for v in versions if v.status == "active"), None)
            failed = [v for v in versions if v.status == "failed"
                      and (active is None or v.id > active.id)]
            age = None
            if active is not None:
                with contextlib.suppress(ValueError):
                    age = round(now - datetime.fromisoformat(active.loaded_at).timestamp(), 1)
            days = active.age_days() if active is not None else None
            lists.append({
                "list": list_id,
                "active": active.to_dict() if active else None,
                "age_seconds": age,
                "age_days": days,
                "stale": bool(days is not None and days > limit and active is not None
                              and not active.is_sample),
                "last_failure": failed[-1].to_dict() if failed else None,
                "history": [v.to_dict() for v in reversed(versions[-50:])],
            })
        return {"lists": lists, "max_age_days": limit, "warnings": warnings,
                "registry_state_key": state_key, "serving": self.serving()}

    async def run_loads(self, items: list[S.ReloadPath], download: bool,
                        lists: list[str] | None, actor: str,
                        download_guards: dict[str, bool] | None = None
                        ) -> list[dict[str, Any]]:
        """Load list files (or run the official download) into the registry; monitoring
        hears of the loads through the registry's events and works on the side (audit trail,
        portfolio rescreening in a process of its own).

        Parsing and merging take seconds of CPU: they run in a process of their own, so the
        event loop keeps answering at full speed meanwhile."""
        executor = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
        since = await run_in_threadpool(self.last_version_id)
        try:
            pairs = await asyncio.get_running_loop().run_in_executor(
                executor, load_lists, str(self.config.home),
                [(i.path, i.format, i.list_id,
                  {"allow_shrink": i.allow_shrink, "allow_older": i.allow_older,
                   "allow_incomplete": i.allow_incomplete}) for i in items],
                download, lists, download_guards, actor)
        except BrokenProcessPool:
            # the loader died (killed, out of memory) before it answered: what it committed
            # stays; every file it did not get to is recorded as a failed load
            log.error("the list loader process died during a reload")
            pairs = await run_in_threadpool(self.record_loader_death, items, download, since,
                                            actor)
        finally:
            executor.shutdown(wait=False)
        return [self._load_dict(path, result) for path, result in pairs]

    def last_version_id(self) -> int:
        with self.db_lock:
            row = self.reader().conn.execute("SELECT MAX(id) FROM list_versions").fetchone()
        return int(row[0] or 0)

    def record_loader_death(self, items: list[S.ReloadPath], download: bool, since: int,
                            actor: str | None = None) -> list[tuple[str | None, LoadResult]]:
        """After the loader process died: each requested file's outcome as the registry
        recorded it, and a failed load recorded for each file (and the download) it never
        finished."""
        error = ("the loader process stopped before it finished (killed or out of memory); "
                 "nothing of this file was loaded, the previous version stays active")
        out: list[tuple[str | None, LoadResult]] = []
        with self.db_lock:
            reg = self.reader()
            for item in items:
                row = reg.conn.execute(
                    "SELECT id FROM list_versions WHERE id > ? AND file_name = ? "
                    "AND status != 'loading' ORDER BY id DESC LIMIT 1",
                    (since, item.path)).fetchone()
                if row is not None:
                    v = reg.version(int(row[0]))
                    out.append((item.path, LoadResult(
                        list_id=v.list_id, status="failed" if v.status == "failed" else "loaded",
                        version=v, previous=None, error=v.error)))
                    continue
                fmt = item.format
                if fmt is None:  # the list it was meant for, as far as the file tells
                    with contextlib.suppress(Exception):
                        fmt = sources.detect(Path(item.path))
                out.append((item.path, reg._record_failure(
                    Path(item.path), fmt, item.list_id, f"{item.path}: {error}",
                    publish=False)))
            if download:
                out.append((None, reg._record_failure(
                    Path("official-download"), None, "unknown", f"download: {error}",
                    publish=False)))
            # the dead loader told monitoring nothing: what it committed and what it never
            # finished go to the audit trail and the rescreen from here
            if actor is not None:
                unsubscribe = watch(reg, actor=actor, background=True)
                try:
                    with reg.events.batch():
                        for _, result in out:
                            reg.publish(result)
                finally:
                    unsubscribe()
        return out

    def _load_dict(self, path: str | None, result: LoadResult) -> dict[str, Any]:
        self.metrics.reloads.labels(result.list_id, result.status).inc()
        return {"path": path, "list": result.list_id, "status": result.status,
                "version": result.version.to_dict() if result.version else None,
                "error": result.error, "refused": result.refused,
                "seconds": round(result.seconds, 3)}

    async def scored(self, gen: Any, op: str, *args: Any, order: int = 0) -> Any:
        try:
            return await self.pool.run(gen, op, *args, order=order)
        except ScorerError as exc:
            if exc.kind == "query":
                raise RequestValidationError([{"loc": ["body", exc.name], "msg": exc.message,
                                               "type": "value_error"}]) from exc
            raise

    async def match(self, body: S.MatchRequest, principal: Principal,
                    client: str | None) -> tuple[bytes, str]:
        """Screen a batch: the response body (serialised) and the request id."""
        started = time.perf_counter()
        if len(body.queries) > 20:  # keep the event loop free while a big batch is checked
            built = await asyncio.to_thread(build_queries, body.queries)
        else:
            built = build_queries(body.queries)
        queries = [q for q in built if not isinstance(q, str)]
        gen, served = self.pool.snapshot()
        size = self.config.chunk_size
        parts = await asyncio.gather(*(
            self.scored(gen, "screen", queries[i:i + size], body.threshold, body.limit,
                        order=k) for k, i in enumerate(range(0, len(queries), size))))
        screened: list[bytes] = []
        alerts = errors = 0
        for part, a, e in parts:
            screened.extend(part)
            alerts += a
            errors += e
        fragments = screened
        if len(queries) < len(built):  # entries of the queries that could not be screened

            threshold = body.threshold if body.threshold is not None else (
                self.config.threshold if self.config.threshold is not None
                else DEFAULT_THRESHOLD)
            done = iter(screened)
            fragments = [next(done) if not isinstance(q, str) else
                         error_entry(item, q, threshold, served.list_versions)
                         for q, item in zip(built, body.queries, strict=True)]
            errors += len(built) - len(queries)
        request_id = uuid.uuid4().hex
        content = b"".join((
            b'{"request_id":"', request_id.encode(), b'","results":[', b",".join(fragments),
            b'],"summary":',
            orjson.dumps({"queries": len(built), "alerts": alerts, "errors": errors}),
            b',"list_versions":', orjson.dumps(served.list_versions), b"}"))
        m = self.metrics
        m.screen_requests.inc()
        m.screened.inc(len(queries))
        if alerts:
            m.alerts.inc(alerts)
        self.audit.record(AuditEntry(
            at=now_iso(), request_id=request_id, route="/match", principal=principal.name,
            key_id=principal.key_id, client=client, status=200,
            queries=[q.to_dict() for q in queries], alerts=alerts, errors=errors,
            threshold=body.threshold, list_versions=served.list_versions,
            state_key=served.state_key, duration_ms=(time.perf_counter() - started) * 1000))
        return content, request_id

    def registry_state_key(self) -> str:
        with self.db_lock:
            return self.reader().state_key()

    async def start(self) -> None:
        if self.config.dev:
            log.warning(DEV_WARNING)
        self.reload_lock = asyncio.Lock()
        self.audit.start()
        await self.pool.start()
        self.listen()
        threading.Thread(target=warm_validation, name="sanctio-warm", daemon=True).start()

    def listen(self) -> None:
        """On PostgreSQL, hear the loads of the other instances sharing the database
        (``LISTEN sanctio_lists``): the scorer pool looks at the registry at once and builds
        and swaps in the new index, as after ``POST /lists/reload``. (On SQLite the pool's
        poll of the registry, every ``poll_interval`` seconds, does the same.)"""
        url = database_url(self.config.home)
        if not is_postgres(url):
            return
        loop = asyncio.get_running_loop()

        def heard(payload: str) -> None:
            log.info("list changed in the shared registry: %s", payload)
            loop.call_soon_threadsafe(self.pool.check_now)

        def reconnected() -> None:  # notifications may have been missed meanwhile
            loop.call_soon_threadsafe(self.pool.check_now)

        self.listener = Listener(url, heard, on_reconnect=reconnected).start()
        log.info("listening for list changes in %s", display(url))

    async def stop(self) -> None:
        if self.listener is not None:
            await asyncio.to_thread(self.listener.stop)
        await self.pool.stop()
        self.audit.stop()
