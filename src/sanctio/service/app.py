"""The HTTP screening service: a FastAPI app over the same :class:`~sanctio.screen.Screener`
as the command line.

- ``POST /match``: screen a batch of up to 1,000 queries; ``POST /search``: name lookup for a
  user interface; ``GET /entities/{id}``: one entity; ``GET /lists``, ``POST /lists/reload``;
  ``GET /healthz``, ``GET /readyz``, ``GET /metrics``.
- Authentication, the body size limit and request metrics are one plain ASGI middleware, so a
  request without a valid key is refused before its body is read.
- The event loop never scores: screening runs in ``--workers`` scorer processes that share
  one built index (:class:`~sanctio.service.state.ScorerPool`), each taking the next task as
  soon as it is idle. Large batches are cut in chunks that the scorers take in parallel.
- Responses are serialised with orjson straight from the result types; the response models in
  :mod:`sanctio.service.schemas` describe them in the OpenAPI schema.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib.util
import logging
import os
import re
import stat
import threading
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, MutableMapping
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson
from fastapi import FastAPI, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import PlainTextResponse
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from sanctio import sources
from sanctio.model import Schema
from sanctio.registry import (
    DEFAULT_MAX_LIST_AGE_DAYS,
    LoadResult,
    Registry,
    default_home,
    max_list_age_days,
)
from sanctio.service import reconcile_routes, scan_routes
from sanctio.service import schemas as S
from sanctio.service.keys import DEV_PRINCIPAL, KeyStore, Principal
from sanctio.service.metrics import CONTENT_TYPE, ServiceMetrics
from sanctio.service.state import (
    AuditEntry,
    AuditLog,
    NotReady,
    ScorerError,
    ScorerPool,
    Served,
    now_iso,
)
from sanctio.types import DEFAULT_THRESHOLD, Query, bad_text
from sanctio.web import is_console_path

if TYPE_CHECKING:
    from sanctio.registry import LoadResult, Registry
    from sanctio.types import Query

log = logging.getLogger("sanctio.service")

DEV_WARNING = ("DEV MODE: authentication is OFF. Every request is treated as an admin. "
               "Use this only on your own machine, never on a network.")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


@dataclass
class ServiceConfig:
    """Settings of the service; passed to worker processes as JSON in an environment variable."""

    home: Path
    dev: bool = False
    threshold: float | None = None  # the default alert threshold (None: the screener's)
    store_queries: bool = False  # audit: store the queries themselves, not only their hashes
    max_body_bytes: int = 2 * 1024 * 1024
    poll_interval: float = 2.0  # seconds between looks at the registry for new lists
    workers: int = 2  # scorer processes (they share one built index)
    # the folders POST /lists/reload may load files from (`sanctio serve --data-dir`);
    # none: the service loads no file by path (the official download still works)
    data_dirs: list[Path] = field(default_factory=list)
    chunk_size: int = 10  # queries per task of a batch (the scorers take chunks in parallel)
    warmup: bool = True
    reload_timeout: float = 300.0
    audit_flush_interval: float = 0.2

    def to_json(self) -> str:
        data = asdict(self)
        data["home"] = str(self.home)
        data["data_dirs"] = [str(p) for p in self.data_dirs]
        return orjson.dumps(data).decode()

    @classmethod
    def from_json(cls, text: str) -> ServiceConfig:
        data = orjson.loads(text)
        data["home"] = Path(data["home"])
        data["data_dirs"] = [Path(p) for p in data.get("data_dirs") or []]
        return cls(**data)


# ------------------------------------------------------------------------- route policy

# path -> (route label for metrics, role required); the role is checked before the body is read
_EXACT_ROUTES: dict[str, tuple[str, str | None]] = {
    "/match": ("/match", "screen"),
    "/search": ("/search", "screen"),
    "/lists": ("/lists", "screen"),
    "/lists/reload": ("/lists/reload", "admin"),
    "/healthz": ("/healthz", None),
    "/readyz": ("/readyz", None),
    "/metrics": ("/metrics", None),
    "/openapi.json": ("/openapi.json", None),
    "/docs": ("/docs", None),
    "/docs/oauth2-redirect": ("/docs", None),
    "/redoc": ("/redoc", None),
}
_ENTITY_ROUTE = ("/entities/{entity_id}", "screen")
SECURITY: list[dict[str, list[str]]] = [{"bearerAuth": []}, {"apiKeyHeader": []}]


def _is_json(scope: Scope) -> bool:
    for name, value in scope["headers"]:
        if name == b"content-type":
            media = value.split(b";", 1)[0].strip().lower()
            return media == b"application/json"
    return False


def classify(path: str) -> tuple[str, str | None]:
    route = _EXACT_ROUTES.get(path)
    if route is not None:
        return route
    if path.startswith("/entities/"):
        return _ENTITY_ROUTE
    if is_console_path(path):  # the web console checks its own session cookie and roles
        return ("/console", None)
    return ("other", None)


def _json_bytes(data: Any) -> bytes:
    try:
        return orjson.dumps(data)
    except TypeError:
        return orjson.dumps(_sanitise(data))


def _sanitise(data: Any) -> Any:
    """Make echoed input serialisable: lone surrogates replaced, unknown types as text."""
    if isinstance(data, str):
        return data.encode("utf-8", "replace").decode("utf-8")
    if isinstance(data, list | tuple):
        return [_sanitise(x) for x in data]
    if isinstance(data, dict):
        return {_sanitise(str(k)): _sanitise(v) for k, v in data.items()}
    if data is None or isinstance(data, bool | int | float):
        return data
    return _sanitise(str(data))


def json_response(status: int, data: Any, headers: dict[str, str] | None = None) -> Response:
    return Response(content=_json_bytes(data), status_code=status,
                    media_type="application/json", headers=headers)


def error_list(errors: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Validation errors as ``{loc, msg, type}``: never the input itself (it may be a name)."""
    out = []
    for e in errors:
        loc = [x if isinstance(x, int) else str(x) for x in e.get("loc", ())]
        out.append({"loc": loc, "msg": str(e.get("msg", "invalid")),
                    "type": str(e.get("type", "value_error"))})
    return out


def _bad_chars(value: str) -> str | None:
    """Why a text of the request cannot be used (the rule of :class:`sanctio.types.Query`)."""
    return bad_text(value)


def _check_texts(prefix: tuple[str | int, ...], values: dict[str, Any],
                 errors: list[dict[str, Any]]) -> None:
    for key, value in values.items():
        if isinstance(value, str):
            problem = _bad_chars(value)
            if problem:
                errors.append({"loc": [*prefix, key], "msg": problem, "type": "value_error"})
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, str) and (problem := _bad_chars(item)):
                    errors.append({"loc": [*prefix, key, i], "msg": problem,
                                   "type": "value_error"})


def warm_validation() -> None:
    """Load the country tables before the first request needs them (seconds, once)."""
    Query.build("warm up", country="GB", dob="3 May 1979")
    Query.build("warm up", country="no such country")


def build_queries(items: list[S.QueryIn]) -> list[Query | str]:
    """Requests' queries as screening queries, validated by :meth:`Query.build` (the one
    place that validates: a field it cannot read is ignored with a warning in the result).
    A query that cannot be screened at all (no name, a name without letters, control
    characters in the name) is the error message of its own entry in the answer."""
    from sanctio.types import Query, QueryError

    out: list[Query | str] = []
    for i, item in enumerate(items):
        try:
            out.append(Query.build(item.name, schema=item.schema_, dob=item.dob,
                                   country=item.country, gender=item.gender,
                                   identifiers=item.identifiers, ref=item.ref))
        except QueryError as exc:
            out.append(f"queries[{i}]: {exc}")
    return out


def error_entry(item: S.QueryIn, error: str, threshold: float,
                list_versions: dict[str, str]) -> bytes:
    """The result of a query that cannot be screened: status ``error``, its message, and the
    query without its unusable name."""
    from sanctio.types import Query, ScreenResult

    ref = item.ref
    if ref is not None:  # the caller's reference, echoed back as Query.build would
        ref = Query.build("x", ref=ref).ref
    query: dict[str, Any] = {"name": None, "schema": None, "dob": None, "country": None,
                             "gender": None, "identifiers": [], "ref": ref}
    result = ScreenResult(query=query, status="error", matches=[], ref=ref, error=error,
                          list_versions=dict(list_versions), threshold=threshold)
    return _json_bytes(result.to_dict())


def _list_id_ok(value: str) -> bool:
    return re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}", value) is not None


def official_download() -> Callable[..., list[LoadResult]] | None:
    """The official-download entry point: :func:`sanctio.update.update`, one LoadResult per
    list (a download or checksum failure becomes a failed LoadResult naming the stage)."""
    try:
        from sanctio.update import update
    except ImportError:  # pragma: no cover
        return None

    def download(registry: Any, lists: list[str] | None = None, *, allow_shrink: bool = False,
                 allow_older: bool = False) -> list[LoadResult]:
        out = []
        for r in update(registry, lists, allow_shrink=allow_shrink, allow_older=allow_older):
            if r.load is not None:
                out.append(r.load)
            else:
                out.append(LoadResult(list_id=r.source, status="failed", version=None,
                                      previous=r.previous, error=f"{r.stage}: {r.error}"))
        return out

    return download


NOT_IN_DATA_DIRS = ("no such list file or folder in the server's data folders (sanctio "
                    "serve --data-dir)")


def resolve_list_path(text: str, data_dirs: list[Path]) -> tuple[Path | None, str | None]:
    """The list file (or OFAC CSV folder) that ``POST /lists/reload`` names, inside one of the
    server's data folders, or why not.

    A relative path is looked up in each data folder in turn. Symbolic links are followed
    before the check, so a link inside a data folder cannot reach out of it. A missing file
    and a file outside the data folders get the same answer (the API never tells what
    exists elsewhere on the server). Only regular files are read (a FIFO would block the
    loader), and in a folder only regular files inside the data folders."""
    roots = []
    for d in data_dirs:
        with contextlib.suppress(OSError, RuntimeError):
            roots.append(d.expanduser().resolve(strict=True))
    path = Path(text).expanduser()
    candidates = [path] if path.is_absolute() else [r / path for r in roots]

    def inside(p: Path) -> bool:
        return any(p == r or p.is_relative_to(r) for r in roots)

    for candidate in candidates:
        try:
            real = candidate.resolve(strict=True)
        except (OSError, RuntimeError):
            continue
        if not inside(real):
            continue
        try:
            mode = real.stat().st_mode
            if stat.S_ISDIR(mode):
                for entry in real.iterdir():
                    target = entry.resolve(strict=True)
                    kind = target.stat().st_mode
                    if not inside(target) or not (stat.S_ISREG(kind) or stat.S_ISDIR(kind)):
                        return None, (f"the folder holds {entry.name!r}, which is not a "
                                      "regular file inside the data folders")
            elif not stat.S_ISREG(mode):
                return None, "not a regular file (a FIFO, socket or device is never read)"
        except (OSError, RuntimeError):
            return None, NOT_IN_DATA_DIRS
        return real, None
    return None, NOT_IN_DATA_DIRS


_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"")


def scrub_error(message: str, path: Path) -> str:
    """A load error as the API may show it: without any of the file's content.

    Parsers quote what they could not read (a header line, a value); through the API that
    would let an admin key read files of the server and every screen key read them back in
    ``GET /lists``. Quoted text is replaced by ``'…'``, and so is any piece of the message
    (a line, a field, a word of four characters or more) found in the file's first 256 KB.
    The file's path and the location (line, element) stay."""
    prefix = ""
    name = str(path)
    if message.startswith(name):
        prefix, message = name, message[len(name):]
        # "PATH, line 12: ..." (a ParseError): the location stays as it is
        end = message.find(": ") if message.startswith(", ") else -1
        if end > 0:
            prefix, message = prefix + message[:end + 2], message[end + 2:]
    head = b""
    with contextlib.suppress(OSError):
        files = [path] if path.is_file() else sorted(
            p for p in path.iterdir() if p.is_file()) if path.is_dir() else []
        for f in files[:20]:
            with f.open("rb") as fh:
                head += fh.read(1 << 18) + b"\n"
    text = head.decode("utf-8", "replace")
    message = _QUOTED.sub("'…'", message)
    pieces: set[str] = set()
    for line in text.splitlines():
        line = line.strip()
        if len(line) >= 4:
            pieces.add(line)
        for piece in re.split(r"[\s,;|\t\x00\"'<>=]+", line):
            if len(piece) >= 4:
                pieces.add(piece)
    for piece in sorted(pieces, key=len, reverse=True):
        if piece in message:
            message = message.replace(piece, "…")
    return prefix + message


def load_lists(home: str, items: list[tuple[Any, ...]], download: bool,
               lists: list[str] | None, download_guards: dict[str, bool] | None = None
               ) -> list[tuple[str | None, LoadResult]]:
    """Load list files into the registry, one by one (run in a process of its own).

    Each item is ``(path, format, list_id)`` and optionally a dict of the load guards to lift
    (``allow_shrink``, ``allow_older``, ``allow_incomplete``); the registry's protections
    apply otherwise, as to ``sanctio load``."""
    reg = Registry(Path(home), auto_sample=False)
    out: list[tuple[str | None, LoadResult]] = []
    try:
        for item in items:
            path, fmt, list_id = item[:3]
            guards: dict[str, bool] = dict(item[3]) if len(item) > 3 and item[3] else {}
            file = Path(path)

            def scrub(message: str, file: Path = file) -> str:
                return scrub_error(message, file)

            try:
                # errors are recorded without the file's content (GET /lists shows them)
                result = reg.load(file, fmt, list_id, scrub=scrub, **guards)
            except Exception as exc:  # the registry itself failed
                log.exception("loading %s failed", path)
                result = reg._record_failure(file, fmt, list_id, scrub_error(
                    f"{file}: cannot load the file: {type(exc).__name__}: {exc}", file))
            out.append((path, result))
        if download:
            fn = official_download()
            if fn is not None:
                out.extend((None, r) for r in fn(reg, lists=lists, **(download_guards or {})))
    finally:
        reg.close()
    return out


def start_after_load_hooks(home: Path, results: list[LoadResult], actor: str) -> None:
    """Run the monitoring hook of ``sanctio load`` (audit trail, portfolio rescreening) in a
    process of its own, so that rescreening never slows the answers down."""
    import multiprocessing

    if not results or importlib.util.find_spec("sanctio.monitor.rescreen") is None:
        return
    ctx = multiprocessing.get_context("spawn")
    ctx.Process(target=run_after_load_hooks, args=(str(home), results, actor),
                name="sanctio-after-load", daemon=False).start()


def run_after_load_hooks(home: str, results: list[LoadResult], actor: str) -> None:
    try:
        from sanctio.monitor.rescreen import after_load
    except ImportError:
        return
    from sanctio.registry import Registry

    registry = Registry(Path(home), auto_sample=False)
    try:
        after_load(registry, results, None, actor=actor)
    except Exception:
        log.exception("the monitoring hook after a list reload failed")
    finally:
        registry.close()


# ------------------------------------------------------------------------------ the service


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

    def reader(self) -> Registry:
        """A registry connection for reads (use under ``db_lock``)."""
        if self._reader is None:
            from sanctio.registry import Registry

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
        """Load list files (or run the official download) into the registry, then run the
        monitoring hooks (audit trail, portfolio rescreening) on the side.

        Parsing and merging take seconds of CPU: they run in a process of their own, so the
        event loop keeps answering at full speed meanwhile."""
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor
        from concurrent.futures.process import BrokenProcessPool

        from starlette.concurrency import run_in_threadpool

        executor = ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
        since = await run_in_threadpool(self.last_version_id)
        try:
            pairs = await asyncio.get_running_loop().run_in_executor(
                executor, load_lists, str(self.config.home),
                [(i.path, i.format, i.list_id,
                  {"allow_shrink": i.allow_shrink, "allow_older": i.allow_older,
                   "allow_incomplete": i.allow_incomplete}) for i in items],
                download, lists, download_guards)
        except BrokenProcessPool:
            # the loader died (killed, out of memory) before it answered: what it committed
            # stays; every file it did not get to is recorded as a failed load
            log.error("the list loader process died during a reload")
            pairs = await run_in_threadpool(self.record_loader_death, items, download, since)
        finally:
            executor.shutdown(wait=False)
        start_after_load_hooks(self.config.home, [r for _, r in pairs], actor)
        return [self._load_dict(path, result) for path, result in pairs]

    def last_version_id(self) -> int:
        with self.db_lock:
            row = self.reader().conn.execute("SELECT MAX(id) FROM list_versions").fetchone()
        return int(row[0] or 0)

    def record_loader_death(self, items: list[S.ReloadPath], download: bool,
                            since: int) -> list[tuple[str | None, LoadResult]]:
        """After the loader process died: each requested file's outcome as the registry
        recorded it, and a failed load recorded for each file (and the download) it never
        finished."""
        from sanctio import sources
        from sanctio.registry import LoadResult

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
                    Path(item.path), fmt, item.list_id, f"{item.path}: {error}")))
            if download:
                out.append((None, reg._record_failure(
                    Path("official-download"), None, "unknown", f"download: {error}")))
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
        threading.Thread(target=warm_validation, name="sanctio-warm", daemon=True).start()

    async def stop(self) -> None:
        await self.pool.stop()
        self.audit.stop()


# --------------------------------------------------------------------------- middleware


class ServiceMiddleware:
    """Authentication, body size limit and request metrics, in one pure ASGI layer."""

    def __init__(self, app: ASGIApp, service: Service) -> None:
        self.app = app
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        route, role = classify(scope["path"])
        status = 500
        dev = self.service.config.dev

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                if dev:
                    message.setdefault("headers", [])
                    message["headers"] = [*message["headers"], (b"x-sanctio-dev-mode",
                                                                 b"no-authentication")]
            await send(message)

        try:
            if role is not None:
                principal = self.service.authenticate(scope["headers"])
                if principal is None:
                    self.service.metrics.auth_failures.labels("401").inc()
                    await self._reply(send_wrapper, 401, {
                        "detail": "a valid API key is required: send 'Authorization: Bearer "
                                  "<key>' or 'X-API-Key: <key>'"},
                        [(b"www-authenticate", b'Bearer realm="sanctio"')])
                    return
                if not principal.has_role(role):
                    self.service.metrics.auth_failures.labels("403").inc()
                    await self._reply(send_wrapper, 403, {
                        "detail": f"this key has the role {principal.role!r}; "
                                  f"this needs the role {role!r}"})
                    return
                scope.setdefault("state", {})["principal"] = principal
            if scope["method"] in ("POST", "PUT", "PATCH"):
                body = await self._read_body(scope, receive, send_wrapper)
                if body is None:
                    return
                sent = False

                async def replay() -> Message:
                    nonlocal sent
                    if not sent:
                        sent = True
                        return {"type": "http.request", "body": body, "more_body": False}
                    return await receive()

                if route == "/match" and scope["method"] == "POST" and _is_json(scope):
                    await self._fast_match(scope, body, send_wrapper)
                    return
                await self.app(scope, replay, send_wrapper)
            else:
                await self.app(scope, receive, send_wrapper)
        finally:
            self.service.metrics.observe_request(route, scope["method"], status,
                                                 time.perf_counter() - started)

    async def _fast_match(self, scope: Scope, body: bytes, send: Send) -> None:
        """``POST /match`` without the framework's routing and dependency layers (a good
        part of the per-request cost): the same model, checks, answers and errors as the
        route below, which stays for the OpenAPI schema and for non-JSON bodies."""
        principal = scope.get("state", {}).get("principal") or DEV_PRINCIPAL
        client = scope.get("client")
        try:
            request = S.MatchRequest.model_validate_json(body)
            content, request_id = await self.service.match(
                request, principal, str(client[0]) if client else None)
        except ValidationError as exc:
            await self._reply(send, 422, {"detail": error_list(
                {**e, "loc": ("body", *e["loc"])} for e in exc.errors())})
            return
        except RequestValidationError as exc:
            await self._reply(send, 422, {"detail": error_list(exc.errors())})
            return
        except NotReady:
            await self._reply(send, 503, {"detail": "the index is being built; retry shortly"},
                              [(b"retry-after", b"2")])
            return
        except Exception:
            log.exception("internal error on /match")
            await self._reply(send, 500, {"detail": "internal error"})
            return
        await send({"type": "http.response.start", "status": 200, "headers": [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(content)).encode()),
            (b"x-request-id", request_id.encode())]})
        await send({"type": "http.response.body", "body": content})

    async def _read_body(self, scope: Scope, receive: Receive, send: Send) -> bytes | None:
        limit = self.service.config.max_body_bytes
        for name, value in scope["headers"]:
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await self._reply(send, 400, {"detail": "invalid Content-Length"})
                    return None
                if declared > limit:
                    await self._too_large(send, limit)
                    return None
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await self._too_large(send, limit)
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    async def _too_large(self, send: Send, limit: int) -> None:
        await self._reply(send, 413, {"detail": [{
            "loc": ["body"], "msg": f"the request body is larger than {limit} bytes",
            "type": "too_large"}]}, [(b"connection", b"close")])

    @staticmethod
    async def _reply(send: Send, status: int, data: Any,
                     headers: list[tuple[bytes, bytes]] | None = None) -> None:
        body = _json_bytes(data)
        await send({"type": "http.response.start", "status": status, "headers": [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()), *(headers or [])]})
        await send({"type": "http.response.body", "body": body})


# ------------------------------------------------------------------------------- the app

_AUTH_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": S.ErrorMessage, "description": "No valid API key."},
    403: {"model": S.ErrorMessage, "description": "The key lacks the role."},
}
_BODY_RESPONSES: dict[int | str, dict[str, Any]] = {
    **_AUTH_RESPONSES,
    400: {"model": S.ErrorMessage, "description": "Unreadable request."},
    413: {"model": S.ErrorList, "description": "The body is too large."},
    422: {"model": S.ErrorList, "description": "A field is invalid; `loc` names it."},
}
_NOT_READY: dict[int | str, dict[str, Any]] = {
    503: {"model": S.ErrorMessage, "description": "The index is being built."}}


def create_app(home: Path | str | None = None, dev: bool = False, *,
               config: ServiceConfig | None = None, **options: Any) -> FastAPI:
    """The service app. Options are the fields of :class:`ServiceConfig`."""
    if config is None:
        if home is None:
            home = default_home()
        config = ServiceConfig(home=Path(home), dev=dev, **options)
    db_path = config.home / "sanctio.db"
    keys = KeyStore(db_path)
    service_ref: dict[str, Service] = {}
    db_lock = threading.Lock()
    metrics = ServiceMetrics(lambda: service_ref["s"].reader(), db_lock)
    pool = ScorerPool(
        config.home, processes=config.workers, threshold=config.threshold,
        poll_interval=config.poll_interval, warmup=config.warmup,
        on_swap=lambda served: service.on_swap(served),
        on_failure=lambda error: service.on_failure(error))
    service = Service(
        config=config, pool=pool, keys=keys, metrics=metrics, db_lock=db_lock,
        audit=AuditLog(db_path, store_queries=config.store_queries,
                       flush_interval=config.audit_flush_interval))
    service_ref["s"] = service

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await service.start()
        try:
            yield
        finally:
            await service.stop()

    app = FastAPI(
        title="Sanctio screening service",
        version=_version(),
        description=(
            "Sanctions screening over HTTP. Authenticate with an API key "
            "(`sanctio keys create`): `Authorization: Bearer <key>` or `X-API-Key: <key>`. "
            "Names and personal data travel only in request bodies."),
        lifespan=lifespan,
        separate_input_output_schemas=False,
    )
    app.state.service = service
    app.add_middleware(ServiceMiddleware, service=service)
    from sanctio.service import payments_routes
    app.include_router(payments_routes.router(service))
    app.include_router(scan_routes.router(service))
    app.include_router(reconcile_routes.router(service))
    from sanctio import web
    app.include_router(web.router(service))

    # -------------------------------------------------------------- error handlers

    @app.exception_handler(RequestValidationError)
    async def validation_failed(request: Request, exc: RequestValidationError) -> Response:
        return json_response(422, {"detail": error_list(exc.errors())})

    @app.exception_handler(NotReady)
    async def not_ready(request: Request, exc: NotReady) -> Response:
        return json_response(503, {"detail": "the index is being built; retry shortly"},
                             {"retry-after": "2"})

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return json_response(exc.status_code, {"detail": exc.detail},
                             dict(exc.headers) if exc.headers else None)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s", request.url.path)
        return json_response(500, {"detail": "internal error"})

    # ------------------------------------------------------------------------ helpers

    def principal_of(request: Request) -> Principal:
        p = request.scope.get("state", {}).get("principal")
        return p if isinstance(p, Principal) else DEV_PRINCIPAL

    def client_of(request: Request) -> str | None:
        client = request.scope.get("client")
        return str(client[0]) if client else None

    # ------------------------------------------------------------------------- routes

    @app.post("/match", response_model=S.MatchResponse, tags=["screening"],
              responses={**_BODY_RESPONSES, **_NOT_READY}, openapi_extra={"security": SECURITY},
              summary="Screen a batch of up to 1,000 queries")
    async def match(body: S.MatchRequest, request: Request) -> Response:
        """Screens each query against every active list. Each result is the result contract
        of `sanctio screen --json`: status (`alert` or `clear`), matches with their
        designations and the evidence behind each score, and the list versions used."""
        content, request_id = await service.match(body, principal_of(request),
                                                  client_of(request))
        return Response(content=content, media_type="application/json",
                        headers={"x-request-id": request_id})

    @app.post("/search", response_model=S.SearchResponse, tags=["screening"],
              responses={**_BODY_RESPONSES, **_NOT_READY}, openapi_extra={"security": SECURITY},
              summary="Look up names for a user interface (prefix and fuzzy), paginated")
    async def search(body: S.SearchRequest, request: Request) -> Response:
        started = time.perf_counter()

        errors: list[dict[str, Any]] = []
        _check_texts(("body",), {"text": body.text, "schema": body.schema_}, errors)
        text = " ".join(body.text.split())
        if not errors and not text:
            errors.append({"loc": ["body", "text"], "msg": "a name is required",
                           "type": "value_error"})
        schema = None
        if not errors:
            try:
                schema = Schema.parse(body.schema_)
            except ValueError as exc:
                errors.append({"loc": ["body", "schema"], "msg": str(exc),
                               "type": "value_error"})
        if errors:
            raise RequestValidationError(errors)
        if schema == Schema.UNKNOWN:
            schema = None
        gen, served = service.pool.snapshot()
        found, more = await service.scored(gen, "search", text, body.limit, body.offset, schema)
        content = b"".join((
            b'{"results":[', b",".join(found), b'],"offset":', str(body.offset).encode(),
            b',"limit":', str(body.limit).encode(), b',"next_offset":',
            str(body.offset + body.limit).encode() if more else b"null",
            b',"list_versions":', orjson.dumps(served.list_versions), b"}"))
        principal = principal_of(request)
        request_id = uuid.uuid4().hex
        service.audit.record(AuditEntry(
            at=now_iso(), request_id=request_id, route="/search", principal=principal.name,
            key_id=principal.key_id, client=client_of(request), status=200,
            queries=[{"text": text, "schema": schema.value if schema else None}], alerts=0,
            errors=0, threshold=None, list_versions=served.list_versions,
            state_key=served.state_key, duration_ms=(time.perf_counter() - started) * 1000))
        return Response(content=content, media_type="application/json",
                        headers={"x-request-id": request_id})

    @app.get("/entities/{entity_id}", response_model=S.EntityOut, tags=["screening"],
             responses={**_AUTH_RESPONSES, **_NOT_READY,
                        404: {"model": S.ErrorMessage, "description": "No such entity."},
                        422: {"model": S.ErrorList, "description": "Invalid id."}},
             openapi_extra={"security": SECURITY},
             summary="An entity with its designations timeline and relations")
    async def entity(entity_id: str = PathParam(min_length=1, max_length=200,
                                               description="An entity id or a member "
                                                           "record key (us-ofac:29119).")
                     ) -> Response:
        gen, _ = service.pool.snapshot()
        content = await service.scored(gen, "entity", entity_id)
        if content is None:
            return json_response(404, {"detail": "no such entity"})
        return Response(content=content, media_type="application/json")

    @app.get("/lists", response_model=S.ListsResponse, tags=["lists"],
             responses=_AUTH_RESPONSES, openapi_extra={"security": SECURITY},
             summary="Each list's active version and history")
    async def lists() -> Response:
        return json_response(200, await run_in_threadpool(service.lists_payload))

    @app.post("/lists/reload", response_model=S.ReloadResponse, tags=["lists"],
              responses=_BODY_RESPONSES, openapi_extra={"security": SECURITY},
              summary="Load new list files (or run the official download); admin role")
    async def reload(request: Request, body: S.ReloadRequest | None = None) -> Response:
        """Loads each file as the new version of its list. Every worker then builds a new
        index in the background and swaps it in; requests keep being answered by the old
        index meanwhile. A file that fails to load leaves its list's previous version
        active; the failure shows in `GET /lists` and `/metrics`. With no files and no
        download, this only makes the workers look at the registry now."""
        from starlette.concurrency import run_in_threadpool


        body = body or S.ReloadRequest()
        errors: list[dict[str, Any]] = []
        for i, item in enumerate(body.paths):
            loc: list[str | int] = ["body", "paths", i]
            _check_texts(tuple(loc), {"path": item.path, "format": item.format,
                                      "list_id": item.list_id}, errors)
            if errors:
                continue
            real, problem = await run_in_threadpool(resolve_list_path, item.path,
                                                    service.config.data_dirs)
            if real is None:
                errors.append({"loc": [*loc, "path"], "type": "value_error",
                               "msg": problem or NOT_IN_DATA_DIRS})
            else:
                item.path = str(real)
            if item.format is not None and item.format not in sources.formats():
                errors.append({"loc": [*loc, "format"], "type": "value_error",
                               "msg": f"unknown format; use one of: "
                                      f"{', '.join(sources.formats())}"})
            if item.list_id is not None and not _list_id_ok(item.list_id):
                errors.append({"loc": [*loc, "list_id"], "type": "value_error",
                               "msg": "use letters, digits, '.', '_' or '-'"})
        if body.download and official_download() is None:
            errors.append({"loc": ["body", "download"], "type": "value_error",
                           "msg": "the official download is not available in this "
                                  "installation; load files by path"})
        if errors:
            raise RequestValidationError(errors)
        assert service.reload_lock is not None
        async with service.reload_lock:
            results = await service.run_loads(
                body.paths, body.download, body.lists, f"api:{principal_of(request).name}",
                {"allow_shrink": body.allow_shrink, "allow_older": body.allow_older})
            key = await run_in_threadpool(service.registry_state_key)
        service.pool.check_now()
        if body.wait:
            await service.pool.wait_for(key, service.config.reload_timeout)
        return json_response(200, {
            "ok": all(r["status"] != "failed" for r in results), "results": results,
            "registry_state_key": key, "serving": service.serving()})

    @app.get("/healthz", response_model=S.HealthResponse, tags=["operations"],
             summary="The process is alive")
    async def healthz() -> Response:
        return json_response(200, {"status": "ok", "pid": os.getpid()})

    @app.get("/readyz", response_model=S.ReadyResponse, tags=["operations"],
             responses={503: {"model": S.ReadyResponse, "description": "Not ready yet."}},
             summary="Every worker has built and warmed up its index")
    async def readyz() -> Response:
        from starlette.concurrency import run_in_threadpool

        pool = service.pool
        served = pool.served
        live = pool.live_workers()
        ready = served is not None and live > 0
        ages, warnings = await run_in_threadpool(service.list_ages)
        return json_response(200 if ready else 503, {
            "ready": ready, "workers_ready": live, "workers": service.config.workers,
            "state_key": served.state_key if served else None,
            "list_versions": served.list_versions if served else {},
            "worker_state_keys": {str(pid): key
                                  for pid, key in sorted(pool.worker_states().items())},
            "list_age_days": ages, "warnings": warnings})

    @app.get("/metrics", response_class=PlainTextResponse, tags=["operations"],
             responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}},
                              "description": "Prometheus text format."}},
             summary="Prometheus metrics")
    async def metrics_route() -> Response:
        from starlette.concurrency import run_in_threadpool

        service.metrics.audit_pending.set(service.audit.pending)
        service.metrics.index_ready.set(service.pool.live_workers())
        service.metrics.queued_tasks.set(service.pool.pending)
        data = await run_in_threadpool(service.metrics.render)
        return Response(content=data, media_type=CONTENT_TYPE)

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version,
                                 description=app.description, routes=app.routes,
                                 separate_input_output_schemas=False)
            schema.setdefault("components", {})["securitySchemes"] = {
                "bearerAuth": {"type": "http", "scheme": "bearer",
                               "description": "An API key: `Authorization: Bearer <key>`."},
                "apiKeyHeader": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
            }
            app.openapi_schema = schema
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
    return app


def _version() -> str:
    try:
        from importlib.metadata import version

        return version("sanctio")
    except Exception:
        return "0"


