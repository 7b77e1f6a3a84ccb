"""Ongoing monitoring: a customer portfolio screened on every list change, alerts with
decisions that stick, webhook notifications and a tamper-evident audit trail.

Everything lives in the registry database (``sanctio.db``) next to the lists:

- ``customers``: the portfolio (:mod:`sanctio.monitor.portfolio`; its name index is built in
  memory when a rescreen needs it, :mod:`sanctio.monitor.names`);
- ``alerts`` / ``alert_events`` / ``decisions``: alerts, their timeline and the analysts'
  decisions (:mod:`sanctio.monitor.alerts`);
- ``screening_runs`` / ``screening_history``: every screening run and each customer's result
  in it;
- ``webhook_outbox``: notifications waiting for delivery (:mod:`sanctio.monitor.webhook`);
- ``audit_log`` / ``audit_anchor``: the hash-chained, keyed audit trail
  (:mod:`sanctio.monitor.audit`; its key and published head live outside the database);
- ``monitor_settings``: the four-eyes rule and the webhook configuration.

This module holds the shared plumbing (schema, transactions, settings); it imports none of the
submodules so that any of them can be imported alone.
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sanctio.db import Connection, has_table, write_transaction

SCHEMA_STATEMENTS: tuple[str, ...] = (
    # ---------------------------------------------------------------- portfolio
    """CREATE TABLE IF NOT EXISTS customers (
        num INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        schema TEXT,
        dob TEXT,
        country TEXT,
        gender TEXT,
        identifiers TEXT,
        data_hash TEXT NOT NULL,
        line INTEGER,
        imported_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        removed INTEGER NOT NULL DEFAULT 0,
        removed_at TEXT
    )""",
    """CREATE TABLE IF NOT EXISTS portfolio_imports (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        file TEXT, started_at TEXT NOT NULL, finished_at TEXT, actor TEXT,
        rows INTEGER, added INTEGER, changed INTEGER, unchanged INTEGER, removed INTEGER,
        bad INTEGER, report TEXT
    )""",
    # ---------------------------------------------------------------- alerts
    """CREATE TABLE IF NOT EXISTS alerts (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        customer_id TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        entity_name TEXT,
        entity_schema TEXT,
        state TEXT NOT NULL,
        score REAL NOT NULL,
        matched_name TEXT,
        explanation TEXT,
        designations TEXT,
        designation_keys TEXT,
        list_versions TEXT,
        customer_hash TEXT,
        customer_snapshot TEXT,
        entity_fingerprint TEXT,
        entity_records TEXT,
        opened_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        last_screened_at TEXT,
        run_id INTEGER,
        reason TEXT,
        measure TEXT,
        decided_by TEXT,
        decided_at TEXT,
        approved_by TEXT,
        proposed_by TEXT,
        proposed_at TEXT,
        proposed_measure TEXT,
        proposed_reason TEXT,
        decision_customer_hash TEXT,
        decision_customer_snapshot TEXT,
        decision_entity_fingerprint TEXT,
        decision_entity_records TEXT,
        reapplied INTEGER NOT NULL DEFAULT 0,
        UNIQUE (customer_id, entity_id)
    )""",
    "CREATE INDEX IF NOT EXISTS ix_alerts_state ON alerts(state)",
    """CREATE TABLE IF NOT EXISTS alert_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        alert_id INTEGER NOT NULL,
        ts TEXT NOT NULL,
        actor TEXT NOT NULL,
        event TEXT NOT NULL,
        from_state TEXT,
        to_state TEXT,
        reason TEXT,
        details TEXT
    )""",
    "CREATE INDEX IF NOT EXISTS ix_alert_events_alert ON alert_events(alert_id)",
    """CREATE TABLE IF NOT EXISTS decisions (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        alert_id INTEGER NOT NULL,
        ts TEXT NOT NULL,
        actor TEXT NOT NULL,
        decision TEXT NOT NULL,
        status TEXT NOT NULL,
        reason TEXT,
        measure TEXT,
        customer_id TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        customer_hash TEXT,
        entity_fingerprint TEXT
    )""",
    "CREATE INDEX IF NOT EXISTS ix_decisions_alert ON decisions(alert_id)",
    # ---------------------------------------------------------------- screening history
    """CREATE TABLE IF NOT EXISTS screening_runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        actor TEXT,
        list_versions TEXT,
        threshold REAL,
        trigger TEXT,
        customers INTEGER NOT NULL DEFAULT 0,
        alerting INTEGER NOT NULL DEFAULT 0,
        opened INTEGER NOT NULL DEFAULT 0,
        reopened INTEGER NOT NULL DEFAULT 0,
        reapplied INTEGER NOT NULL DEFAULT 0,
        closed INTEGER NOT NULL DEFAULT 0,
        errors INTEGER NOT NULL DEFAULT 0,
        seconds REAL
    )""",
    """CREATE TABLE IF NOT EXISTS screening_history (
        customer_id TEXT NOT NULL,
        run_id INTEGER NOT NULL,
        status TEXT NOT NULL,
        top_score REAL,
        matches TEXT,
        PRIMARY KEY (customer_id, run_id)
    ) WITHOUT ROWID""",
    # ---------------------------------------------------------------- webhook
    """CREATE TABLE IF NOT EXISTS webhook_outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        event TEXT NOT NULL,
        alert_id INTEGER,
        payload TEXT NOT NULL,
        created_at TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at REAL NOT NULL DEFAULT 0,
        claimed_until REAL NOT NULL DEFAULT 0,
        delivered_at TEXT,
        last_error TEXT
    )""",
    "CREATE INDEX IF NOT EXISTS ix_outbox_pending ON webhook_outbox(delivered_at, next_attempt_at)",
    # ---------------------------------------------------------------- audit
    """CREATE TABLE IF NOT EXISTS audit_log (
        seq INTEGER PRIMARY KEY,
        ts TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        payload TEXT NOT NULL,
        prev_hash TEXT NOT NULL,
        hash TEXT NOT NULL,
        mac TEXT
    )""",
    """CREATE TABLE IF NOT EXISTS audit_anchor (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL
    )""",
    # ---------------------------------------------------------------- settings
    "CREATE TABLE IF NOT EXISTS monitor_settings (key TEXT PRIMARY KEY, value TEXT)",
)

_READY: set[tuple[int, str]] = set()

# called with the connection after each COMMIT of :func:`transaction` (the audit trail
# publishes its new head there); a hook must not raise
AFTER_COMMIT: list[Callable[[Connection], None]] = []


def database_name(conn: Connection) -> str:
    """The database a connection is on (the SQLite file; on PostgreSQL, as ``sanctio.db``
    names it)."""
    row = conn.execute("PRAGMA database_list").fetchone()
    return str(row[2]) if row else ""


def ensure_schema(conn: Connection) -> None:
    """Create the monitoring tables if they are missing (safe inside a transaction)."""
    key = (id(conn), database_name(conn))
    if key in _READY:
        return
    for stmt in SCHEMA_STATEMENTS:
        conn.execute(stmt)
    # registries of earlier versions: the audit log gains its HMAC column (entries written
    # before it stay unkeyed; the first keyed entry covers them)
    if "mac" not in {str(r[1]) for r in conn.execute("PRAGMA table_info(audit_log)")}:
        conn.execute("ALTER TABLE audit_log ADD COLUMN mac TEXT")
    # registries of earlier versions: the reverse name index table of the portfolio's own
    # name normaliser is gone (the name index is now built in memory, sanctio.monitor.names)
    if has_table(conn, "customer_keys"):
        conn.execute("DROP TABLE customer_keys")
        conn.execute("DELETE FROM monitor_settings WHERE key='customer_keys_version'")
    _READY.add(key)


@contextmanager
def transaction(conn: Connection) -> Iterator[Connection]:
    """``BEGIN IMMEDIATE`` … ``COMMIT`` (``ROLLBACK`` on error) on an autocommit connection.

    Nested use joins the transaction already open on the connection (so a caller may wrap
    several monitoring calls, or a list load, in one transaction)."""
    if conn.in_transaction:
        yield conn
        return
    with write_transaction(conn):
        yield conn
    for hook in AFTER_COMMIT:
        hook(conn)


def now_iso() -> str:
    """UTC time to the microsecond, ISO 8601 (sortable as text)."""
    return datetime.now(UTC).isoformat(timespec="microseconds")


def default_actor() -> str:
    """The person or system acting: ``SANCTIO_USER``, else the login name."""
    env = os.environ.get("SANCTIO_USER")
    if env:
        return env
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # pragma: no cover - no passwd entry
        return "unknown"


def get_setting(conn: Connection, key: str, default: str | None = None) -> str | None:
    ensure_schema(conn)
    row = conn.execute("SELECT value FROM monitor_settings WHERE key=?", (key,)).fetchone()
    return str(row[0]) if row is not None and row[0] is not None else default


def set_setting(conn: Connection, key: str, value: str | None) -> None:
    ensure_schema(conn)
    if value is None:
        conn.execute("DELETE FROM monitor_settings WHERE key=?", (key,))
    else:
        conn.execute("INSERT INTO monitor_settings (key, value) VALUES (?, ?) "
                     "ON CONFLICT (key) DO UPDATE SET value=excluded.value", (key, value))


__all__ = [
    "AFTER_COMMIT", "SCHEMA_STATEMENTS", "database_name", "default_actor", "ensure_schema",
    "get_setting", "now_iso", "set_setting", "transaction",
]
