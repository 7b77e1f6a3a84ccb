"""The service's audit log: one audit-chain entry (``screening.api``) per screening request,
written by a thread of its own, off the request path."""

from __future__ import annotations

import contextlib
import logging
import queue
import sqlite3
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import orjson

from sanctio.db import ERRORS as DB_ERRORS
from sanctio.db import Connection, connect, has_table, is_url
from sanctio.monitor import ensure_schema, transaction
from sanctio.monitor.audit import (
    AuditKeyError,
    load_key,
    record_audit,
    record_many,
    table_digest,
)
from sanctio.monitor.audit import query_hash as _query_hash

log = logging.getLogger("sanctio.service")

# what writing a batch of entries may fail with (the batch is kept and tried again)
WRITE_ERRORS: tuple[type[Exception], ...] = (*DB_ERRORS, OSError, AuditKeyError)


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


# the table earlier versions wrote screening requests to, outside the chain: no longer
# written; its rows stay readable and are sealed into the chain (see seal_service_audit)
LEGACY_AUDIT_TABLE = "service_audit"


def query_hash(query: dict[str, Any]) -> str:
    """SHA-256 of a normalised query (``Query.to_dict()``) as JSON with sorted keys."""
    return _query_hash(query)


@dataclass(slots=True)
class AuditEntry:
    at: str
    request_id: str
    route: str
    principal: str
    key_id: int | None
    client: str | None
    status: int
    queries: list[dict[str, Any]]
    alerts: int
    errors: int
    threshold: float | None
    list_versions: dict[str, str]
    state_key: str | None
    duration_ms: float


def seal_service_audit(conn: Connection) -> int:
    """Seal the rows of the legacy ``service_audit`` table not sealed yet into the audit
    chain: one ``audit.sealed`` entry with their count, id range and SHA-256, so that they
    stay readable where they are and ``audit verify`` detects any later edit of them.
    Returns the number of rows sealed."""
    if not has_table(conn, LEGACY_AUDIT_TABLE):
        return 0

    ensure_schema(conn)
    with transaction(conn):
        row = conn.execute("SELECT payload FROM audit_log WHERE action='audit.sealed' "
                           "ORDER BY seq DESC LIMIT 1").fetchone()
        done = int(orjson.loads(row[0]).get("last_id") or 0) if row is not None else 0
        bounds = conn.execute(
            f"SELECT COUNT(*), MIN(id), MAX(id), MIN(at), MAX(at) FROM {LEGACY_AUDIT_TABLE} "
            "WHERE id > ?", (done,)).fetchone()
        if not bounds[0]:
            return 0
        count, first, last, first_at, last_at = bounds
        record_audit(conn, "sanctio", "audit.sealed", {
            "table": LEGACY_AUDIT_TABLE, "rows": int(count), "first_id": int(first),
            "last_id": int(last), "first_at": first_at, "last_at": last_at,
            "sha256": table_digest(conn, LEGACY_AUDIT_TABLE, int(first), int(last)),
            "note": "screening requests recorded outside the chain by an earlier version; "
                    "kept readable in their table, sealed here"})
    return int(count)


class AuditLog:
    """Writes one audit-chain entry (``screening.api``) per screening request, off the
    request path.

    Requests only put an entry on a queue; a background thread writes the queue in batches,
    each batch in one transaction (one published head). A long list load holding the
    database's write lock therefore delays the audit entries, never the requests. The queries
    are kept as SHA-256 hashes of their normalised JSON, or in full when ``store_queries`` is
    set."""

    def __init__(self, db_path: Path | str, *, store_queries: bool = False,
                 flush_interval: float = 0.2, home: Path | None = None) -> None:
        """``db_path``: the registry database, a SQLite file or a URL; ``home``: the registry
        folder (on PostgreSQL, the audit key is found next to it as for a SQLite file)."""
        self.db_path = db_path
        self.home = home
        self.store_queries = store_queries
        self.flush_interval = flush_interval
        self._queue: queue.SimpleQueue[AuditEntry] = queue.SimpleQueue()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.written = 0
        self.write_errors = 0
        conn = self._connect()
        try:
            ensure_schema(conn)
            load_key(conn, create=True)  # a missing key stops the start, not the writer later
            seal_service_audit(conn)
        finally:
            conn.close()

    def _connect(self) -> Connection:
        if is_url(str(self.db_path)):
            return connect(str(self.db_path), home=self.home)
        conn = sqlite3.connect(self.db_path, timeout=120, isolation_level=None,
                               check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("PRAGMA synchronous=NORMAL")
        return conn

    @property
    def pending(self) -> int:
        return self._queue.qsize()

    def record(self, entry: AuditEntry) -> None:
        self._queue.put(entry)

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="sanctio-audit",
                                            daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
        else:
            self.flush()

    def _item(self, e: AuditEntry) -> tuple[str, str, dict[str, Any]]:
        payload: dict[str, Any] = {
            "route": e.route, "request_id": e.request_id, "at": e.at, "key_id": e.key_id,
            "client": e.client, "status": e.status, "queries": len(e.queries),
            "alerts": e.alerts, "errors": e.errors, "threshold": e.threshold,
            "list_versions": e.list_versions, "state_key": e.state_key,
            "query_hashes": [query_hash(q) for q in e.queries],
            "duration_ms": round(e.duration_ms, 3)}
        if self.store_queries:
            payload["query_data"] = e.queries
        return e.principal, "screening.api", payload

    def flush(self, conn: Connection | None = None) -> int:
        entries: list[AuditEntry] = []
        while True:
            try:
                entries.append(self._queue.get_nowait())
            except queue.Empty:
                break
        if not entries:
            return 0
        own = conn is None
        conn = conn or self._connect()
        try:
            record_many(conn, [self._item(e) for e in entries])
            self.written += len(entries)
        except WRITE_ERRORS:
            self.write_errors += 1
            for e in entries:  # try again next time rather than lose them
                self._queue.put(e)
            log.exception("audit write failed; %d entries kept for the next try", len(entries))
            raise
        finally:
            if own:
                conn.close()
        return len(entries)

    def _run(self) -> None:
        conn = self._connect()
        try:
            while not self._stop.wait(self.flush_interval):
                with contextlib.suppress(*WRITE_ERRORS):
                    self.flush(conn)
            for _ in range(3):  # last flush on shutdown
                try:
                    self.flush(conn)
                    break
                except WRITE_ERRORS:
                    time.sleep(0.5)
        finally:
            conn.close()
