"""The scorer processes: what runs in them.

A generation's first process (:func:`scorer_main`) reads the
:class:`~sanctio.screen.Screener` of the registry's active lists stored on disk (or builds and
stores it, see :mod:`sanctio.index_store`), warms it up, then forks the others,
which share the built index copy-on-write; each serves the tasks the front sends on its pipe
(:func:`_serve`), a group at a time, with the operations of :data:`OPS`. The front side, which
starts the processes and feeds them, is :mod:`sanctio.service.pool`.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
import pickle
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

import orjson

from sanctio.contract import Query, QueryError
from sanctio.index_store import stored_path, stored_screener
from sanctio.payments.screen import screen_payload
from sanctio.registry import Registry
from sanctio.scan import text_scanner
from sanctio.screen import Screener
from sanctio.service.audit import now_iso

log = logging.getLogger("sanctio.service")

WARMUP_NAMES = ["John Smith", "Mohammed Ali Hassan", "Vladimir Ivanov", "Maria Garcia Lopez",
                "Bank Melli", "Ocean Star Shipping", "Kim Jong", "Osama"]


def index_size(screener: Screener) -> int:
    """The number of entities the screener holds."""
    entities = getattr(screener, "entities", None)
    if entities is not None and not callable(entities):
        with contextlib.suppress(TypeError):
            return len(entities)
    try:
        return len(screener.registry.entities())
    except Exception:  # pragma: no cover - informative only
        return 0


def warm_up(screener: Screener) -> None:
    """Run a few queries so the first real requests do not pay for lazy initialisation."""
    for name in WARMUP_NAMES:
        screener.screen(Query.build(name))
    screener.screen(Query.build("John Smith", schema="person", dob="1970", country="RU"))
    with contextlib.suppress(Exception):
        screener.search("al", limit=5)
    with contextlib.suppress(Exception):
        screener.entity_dict("warm-up")


def op_screen(screener: Screener, queries: list[Any], threshold: float | None,
              limit: int) -> tuple[list[bytes], int, int]:
    """Screen queries; each result serialised as ``sanctio screen --json`` prints it."""
    out: list[bytes] = []
    alerts = errors = 0
    dumps = orjson.dumps
    for q in queries:
        result = screener.screen(q, threshold=threshold, limit=limit)
        if result.status == "alert":
            alerts += 1
        elif result.status == "error":
            errors += 1
        out.append(dumps(result.to_dict()))
    return out, alerts, errors


def op_search(screener: Screener, text: str, limit: int, offset: int,
              schema: Any) -> tuple[list[bytes], bool]:
    found = screener.search(text, limit=limit + 1, offset=offset, schema=schema)
    return [orjson.dumps(m.to_dict()) for m in found[:limit]], len(found) > limit


def op_entity(screener: Screener, entity_id: str) -> bytes | None:
    data = screener.entity_dict(entity_id)
    return None if data is None else orjson.dumps(data)


def op_scan(screener: Screener, text: str, threshold: float | None,
            is_html: bool | None) -> tuple[bytes, int, float]:
    """Scan free text (``POST /scan``), as ``sanctio scan --json`` prints a document."""
    result = text_scanner(screener).scan(text, threshold=threshold, is_html=is_html)
    return orjson.dumps(result.to_dict()), len(result.mentions), result.threshold


OPS: dict[str, Callable[..., Any]] = {"screen": op_screen, "search": op_search,
                                      "entity": op_entity, "scan": op_scan}


def op_payments(screener: Screener, data: bytes, fmt: str | None, threshold: float | None,
                ) -> tuple[bytes, dict[str, int]]:
    """Screen payment messages (``POST /payments/screen``), see :mod:`sanctio.payments`."""
    return screen_payload(screener, data, fmt, threshold)


OPS["payments"] = op_payments
_KEEP: list[Any] = []  # what a forked scorer must never close: its parent's database connection


def _serve(screener: Screener, conn: Connection, info: dict[str, Any]) -> None:
    try:
        conn.send_bytes(pickle.dumps(("ready", os.getpid(), info)))
    except OSError:
        return  # the front stopped while the index was being built
    while True:
        try:
            batch = pickle.loads(conn.recv_bytes())
        except (EOFError, OSError):
            return  # the front is gone
        # a message is a group of tasks; each answer goes back as soon as it is ready
        for task_id, op, args in batch:
            if op == "exit":
                return
            try:
                reply: tuple[Any, ...] = (task_id, True, OPS[op](screener, *args))
            except QueryError as exc:
                reply = (task_id, False, ("query", exc.field, str(exc)))
            except Exception as exc:
                log.exception("scorer task %s failed", op)
                reply = (task_id, False, ("error", type(exc).__name__, str(exc)))
            try:
                conn.send_bytes(pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL))
            except (EOFError, OSError):
                return


def scorer_main(home: str, threshold: float | None, warmup: bool,
                conns: list[Connection]) -> None:
    """A generation's first process: build the index, fork the others, serve."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    started = time.perf_counter()
    try:
        registry = Registry(Path(home), auto_sample=False)
        # the index stored on disk for the active lists when there is one (a restart reads it
        # in a fraction of a second), else built now and stored for the next generation
        screener = stored_screener(registry)
        if threshold is not None:
            screener.threshold = threshold
        if warmup:
            warm_up(screener)
        info = {"state_key": str(screener.state_key),
                "list_versions": dict(screener.list_versions),
                "size": index_size(screener), "built_at": now_iso(),
                "build_seconds": round(time.perf_counter() - started, 3),
                "index": "read" if stored_path(screener) is not None else "built"}
    except BaseException as exc:
        log.exception("index build failed")
        for c in conns:
            with contextlib.suppress(OSError):
                c.send_bytes(pickle.dumps(("failed", f"{type(exc).__name__}: {exc}")))
        return
    # the index is built once; the other scorers are forked from here and share it
    gc.collect()
    gc.freeze()
    children = []
    for i in range(1, len(conns)):
        pid = os.fork()
        if pid == 0:  # a forked scorer: its own database connection, never the parent's
            try:
                _KEEP.append(registry.conn)
                registry.conn = registry.connect()
                # hold no other scorer's pipe: the front must see a dead scorer's pipe close
                for j, c in enumerate(conns):
                    if j != i and not c.closed:
                        c.close()
                _serve(screener, conns[i], info)
            finally:
                os._exit(0)
        children.append(pid)
    for c in conns[1:]:
        c.close()
    _serve(screener, conns[0], info)
    for pid in children:  # reap the forked scorers
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)
