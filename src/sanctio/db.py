"""The database under the registry: SQLite (the embedded default) or PostgreSQL.

:func:`connect` opens either from a URL: ``sqlite:///path/to/sanctio.db`` (or a plain path)
gives a :class:`sqlite3.Connection` exactly as the registry always opened it;
``postgresql://user@host/db`` gives a :class:`PgConnection`, a thin wrapper over psycopg 3
with the small part of the :mod:`sqlite3` interface the code uses (``execute``,
``executemany``, ``executescript``, ``in_transaction``, rows readable by position and by
column name, ``cursor.lastrowid``). Where to find the database: :func:`database_url`
(``--db``, then ``$SANCTIO_DB``, then ``sanctio.db`` in the registry home).

The modules write portable SQL where both dialects accept the same text (``ON CONFLICT``
upserts, ``CREATE TEMP TABLE``). The differences left are translated here, each explicitly:

- ``?`` placeholders become ``%s`` (literal ``%`` doubled), outside quoted strings;
- ``INSERT OR IGNORE INTO t …`` becomes ``INSERT INTO t … ON CONFLICT DO NOTHING``;
- ``temp.t`` (SQLite's schema of temporary tables) becomes ``pg_temp.t``;
- ``BEGIN IMMEDIATE`` (SQLite's one writer at a time) becomes ``BEGIN`` followed by a
  transaction-scoped advisory lock (:data:`WRITE_LOCK`), so writers serialise the same way:
  two loads of one list never interleave, the audit chain never forks; a plain ``BEGIN``
  (a reader wanting one snapshot, as SQLite's WAL gives) is ``REPEATABLE READ``;
- an ``INSERT`` into a table whose ``id`` is numbered by a sequence (SQLite's
  ``AUTOINCREMENT`` keys; looked up once per table and connection) gets ``RETURNING id``,
  so ``cursor.lastrowid`` works;
- DDL: a one-column ``INTEGER PRIMARY KEY`` (SQLite's rowid, numbered when an insert
  leaves it out; with or without ``AUTOINCREMENT``) → ``BIGSERIAL PRIMARY KEY``,
  ``INTEGER`` → ``BIGINT``, ``REAL`` → ``DOUBLE PRECISION`` (8 bytes, as SQLite's),
  ``BLOB`` → ``BYTEA``, ``WITHOUT ROWID`` dropped (:func:`pg_ddl`);
- ``PRAGMA table_info(t)`` answers the columns from ``information_schema``, ``PRAGMA
  database_list`` a nominal file in the registry home (the audit key and its published head
  stay next to it), other PRAGMAs do nothing.

The connection also carries the change notifications: :func:`notify` (``NOTIFY`` on
PostgreSQL, nothing on SQLite) and :class:`Listener` (``LISTEN`` on a connection of its own).
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
import threading
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol, cast

log = logging.getLogger(__name__)

DB_ENV = "SANCTIO_DB"
DB_FILE = "sanctio.db"
CHANNEL = "sanctio_lists"  # NOTIFY channel: a list's new active version, '<list>@<version>'
WRITE_LOCK = 0x5A4E_C710  # pg_advisory_xact_lock key standing for SQLite's write lock

PG_ERRORS: tuple[type[Exception], ...]
try:  # the PostgreSQL driver is the optional extra [postgres]
    import psycopg

    PG_ERRORS = (psycopg.Error,)
except ImportError:  # pragma: no cover - SQLite only
    psycopg = None  # type: ignore[assignment]
    PG_ERRORS = ()

# errors a database call may raise, whichever the back end (for ``except`` clauses)
ERRORS: tuple[type[Exception], ...] = (sqlite3.Error, *PG_ERRORS)
# a constraint refused the change (unique, check, foreign key)
INTEGRITY_ERRORS: tuple[type[Exception], ...] = (
    sqlite3.IntegrityError, *((psycopg.IntegrityError,) if PG_ERRORS else ()))


class Connection(Protocol):
    """What the code uses of a database connection (a sqlite3.Connection has it all)."""

    @property
    def in_transaction(self) -> bool: ...

    def execute(self, sql: str, parameters: Any = ..., /) -> Any: ...

    def executemany(self, sql: str, seq_of_parameters: Iterable[Any], /) -> Any: ...

    def executescript(self, sql_script: str, /) -> Any: ...

    def close(self) -> None: ...


def is_url(text: str) -> bool:
    return text.startswith(("postgresql://", "postgres://", "sqlite://"))


def is_postgres(url: str | Path | None) -> bool:
    return isinstance(url, str) and url.startswith(("postgresql://", "postgres://"))


def database_url(home: Path, db: str | Path | None = None) -> str:
    """The database to use: ``db`` (``--db``), else ``$SANCTIO_DB``, else ``sanctio.db`` in
    the registry home. A plain path is a SQLite file."""
    chosen = str(db) if db else os.environ.get(DB_ENV, "").strip()
    if not chosen:
        return f"sqlite:///{home / DB_FILE}"
    if is_url(chosen):
        return chosen
    return f"sqlite:///{Path(chosen).expanduser()}"


def location(home: Path, db: str | Path | None = None) -> Path | str:
    """The registry database as the key store and the service's audit writer open it: a
    SQLite file's path, or a PostgreSQL URL (see :func:`database_url`)."""
    url = database_url(home, db)
    return url if is_postgres(url) else sqlite_path(url)


def sqlite_path(url: str) -> Path:
    """The file of a ``sqlite:///`` URL (or a plain path)."""
    return Path(url[len("sqlite:///"):]) if url.startswith("sqlite:///") else Path(url)


def display(url: str) -> str:
    """The URL without its password (for messages and listings)."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)


def connect(url: str, *, home: Path | None = None, timeout: float = 60) -> Any:
    """A new connection in autocommit mode (transactions are opened explicitly with
    ``BEGIN``/``BEGIN IMMEDIATE``), its rows readable by position and column name."""
    if is_postgres(url):
        return PgConnection(url, home=home)
    path = sqlite_path(url)
    conn = sqlite3.connect(path, timeout=timeout, check_same_thread=False,
                           isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.row_factory = sqlite3.Row
    return conn


@contextmanager
def write_transaction(conn: Any) -> Iterator[Any]:
    """``BEGIN IMMEDIATE`` … ``COMMIT`` (``ROLLBACK`` on error): one writer at a time, on
    either back end."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def columns(conn: Any, table: str) -> set[str]:
    """The column names of a table (empty when it does not exist)."""
    return {str(r[1]) for r in conn.execute(f"PRAGMA table_info({table})")}


def has_table(conn: Any, name: str) -> bool:
    if isinstance(conn, PgConnection):
        sql = "SELECT 1 FROM pg_tables WHERE schemaname = current_schema() AND tablename = ?"
    else:
        sql = "SELECT 1 FROM sqlite_master WHERE type='table' AND name=?"
    return conn.execute(sql, (name,)).fetchone() is not None


def has_index(conn: Any, name: str) -> bool:
    if isinstance(conn, PgConnection):
        sql = "SELECT 1 FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ?"
    else:
        sql = "SELECT 1 FROM sqlite_master WHERE type='index' AND name=?"
    return conn.execute(sql, (name,)).fetchone() is not None


def notify(conn: Any, payload: str, channel: str = CHANNEL) -> None:
    """Tell the other processes sharing the database (PostgreSQL ``NOTIFY``, delivered with
    the commit). SQLite has no such channel: a service notices another process's load from
    its poll of the registry (``sanctio serve --poll-interval``)."""
    if isinstance(conn, PgConnection):
        conn.execute("SELECT pg_notify(?, ?)", (channel, payload))


# ------------------------------------------------------------------------ translation

_TOKEN = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"])*\"|--[^\n]*|\?|%")
_TEMP_SCHEMA = re.compile(r"\btemp\.(?=[A-Za-z_])", re.I)
_OR_IGNORE = re.compile(r"^\s*INSERT\s+OR\s+IGNORE\s+INTO\s", re.I)
_INSERT_INTO = re.compile(r"^\s*INSERT\s+INTO\s+([A-Za-z_][A-Za-z0-9_]*)", re.I)
_PRAGMA = re.compile(r"^\s*PRAGMA\s+([a-z_]+)\s*(?:\(\s*([A-Za-z0-9_]+)\s*\)|=.*)?\s*;?\s*$",
                     re.I)


def placeholders(sql: str) -> str:
    """``?`` → ``%s`` outside quoted strings and comments; every ``%`` doubled (psycopg reads
    ``%`` everywhere in the text, strings included)."""
    def swap(m: re.Match[str]) -> str:
        token = m.group(0)
        return "%s" if token == "?" else token.replace("%", "%%")
    return _TOKEN.sub(swap, sql)


def pg_ddl(sql: str) -> str:
    """SQLite DDL as PostgreSQL DDL."""
    # SQLite numbers a one-column INTEGER key (its rowid) when an insert leaves it out
    sql = re.sub(r"\bINTEGER\s+PRIMARY\s+KEY(\s+AUTOINCREMENT)?\b", "BIGSERIAL PRIMARY KEY",
                 sql, flags=re.I)
    sql = re.sub(r"\bINTEGER\b", "BIGINT", sql, flags=re.I)
    sql = re.sub(r"\bREAL\b", "DOUBLE PRECISION", sql, flags=re.I)  # SQLite's REAL: 8 bytes
    sql = re.sub(r"\bBLOB\b", "BYTEA", sql, flags=re.I)
    return re.sub(r"\)\s*WITHOUT\s+ROWID", ")", sql, flags=re.I)


def translate(sql: str, serial_tables: Collection[str] = ()) -> str:
    """One SQLite statement as PostgreSQL (see the module's notes); an INSERT into one of
    ``serial_tables`` (numbered ``id``) returns the id."""
    head = sql.lstrip()[:12].upper()
    if head.startswith("CREATE") or head.startswith("ALTER"):
        sql = pg_ddl(sql)
    if _OR_IGNORE.match(sql):
        sql = _OR_IGNORE.sub("INSERT INTO ", sql, count=1).rstrip().rstrip(";")
        sql += " ON CONFLICT DO NOTHING"
    # SQLite's schema of temporary tables is "temp", PostgreSQL's "pg_temp"
    sql = _TEMP_SCHEMA.sub("pg_temp.", sql)
    m = _INSERT_INTO.match(sql)
    if m and m.group(1).lower() in serial_tables and not re.search(r"\bRETURNING\b", sql, re.I):
        sql = sql.rstrip().rstrip(";") + " RETURNING id"
    return placeholders(sql)


def split_script(script: str) -> list[str]:
    """The statements of a script (no ``;`` inside the strings of our schemas)."""
    return [s.strip() for s in script.split(";") if s.strip()]


# ------------------------------------------------------------------------- PostgreSQL


def _known_table(conn: Any, table: str) -> bool:
    return conn.execute("SELECT 1 FROM pg_tables WHERE schemaname = current_schema() "
                        "AND tablename = %s", (table,)).fetchone() is not None


class Row(tuple[Any, ...]):
    """A row readable by position and by column name, as sqlite3.Row."""

    _names: tuple[str, ...] = ()

    def __getitem__(self, key: Any) -> Any:
        if isinstance(key, str):
            try:
                return tuple.__getitem__(self, self._names.index(key))
            except ValueError:
                raise IndexError(f"no such column: {key}") from None
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        return list(self._names)


def _row_factory(cursor: Any) -> Callable[[Sequence[Any]], Row]:
    names = tuple(c.name for c in cursor.description or ())
    cls = type("Row", (Row,), {"_names": names, "__slots__": ()})
    return lambda values: cast(Row, cls(values))


class PgCursor:
    """The rows of one statement (fetched eagerly: a cursor stays usable after the next
    statement on the same connection, as SQLite's do)."""

    def __init__(self, rows: list[Row], rowcount: int, lastrowid: int | None) -> None:
        self._rows = rows
        self._pos = 0
        self.rowcount = rowcount
        self.lastrowid = lastrowid

    def fetchone(self) -> Row | None:
        if self._pos >= len(self._rows):
            return None
        self._pos += 1
        return self._rows[self._pos - 1]

    def fetchall(self) -> list[Row]:
        rows = self._rows[self._pos:]
        self._pos = len(self._rows)
        return rows

    def fetchmany(self, size: int = 1) -> list[Row]:
        rows = self._rows[self._pos:self._pos + size]
        self._pos += len(rows)
        return rows

    def __iter__(self) -> Iterator[Row]:
        while (row := self.fetchone()) is not None:
            yield row


class PgConnection:
    """A psycopg 3 connection behind the part of the sqlite3 interface the code uses."""

    def __init__(self, url: str, *, home: Path | None = None) -> None:
        if psycopg is None:
            raise RuntimeError("PostgreSQL needs the psycopg package: "
                               "pip install 'sanctio[postgres]'")
        self.url = url
        self.home = home
        self._lock = threading.RLock()
        self._conn = psycopg.connect(url, autocommit=True, cursor_factory=psycopg.ClientCursor)
        self._conn.execute("SET client_min_messages TO warning")
        self._serial: dict[str, bool] = {}  # table -> has a numbered id column

    def _serial_tables(self, sql: str) -> Collection[str]:
        """The table an INSERT writes to, if its ``id`` is numbered by a sequence (as SQLite's
        AUTOINCREMENT / rowid keys), so that the INSERT returns it (``lastrowid``)."""
        m = _INSERT_INTO.match(sql)
        if m is None:
            return ()
        table = m.group(1).lower()
        if table not in self._serial:
            row = self._conn.execute(
                "SELECT 1 FROM information_schema.columns WHERE table_schema = "
                "current_schema() AND table_name = %s AND column_name = 'id' "
                "AND column_default LIKE 'nextval(%%'", (table,)).fetchone()
            if row is None and not _known_table(self._conn, table):
                return ()  # not created yet: look again next time
            self._serial[table] = row is not None
        return (table,) if self._serial[table] else ()

    @property
    def raw(self) -> Any:
        """The psycopg connection itself."""
        return self._conn

    @property
    def in_transaction(self) -> bool:
        return bool(self._conn.info.transaction_status != psycopg.pq.TransactionStatus.IDLE)

    def _pragma(self, name: str, arg: str | None) -> PgCursor:
        name = name.lower()
        if name == "table_info" and arg:
            cur = self._conn.cursor(row_factory=_row_factory)
            cur.execute("SELECT ordinal_position - 1 AS cid, column_name AS name, "
                        "data_type AS type FROM information_schema.columns "
                        "WHERE table_schema = current_schema() AND table_name = %s "
                        "ORDER BY ordinal_position", (arg.lower(),))
            return PgCursor(cur.fetchall(), cur.rowcount, None)
        if name == "database_list":
            file = str((self.home / DB_FILE).resolve()) if self.home is not None else ""
            cls = type("Row", (Row,), {"_names": ("seq", "name", "file"), "__slots__": ()})
            return PgCursor([cls((0, "main", file))], 1, None)
        return PgCursor([], 0, None)

    def execute(self, sql: str, parameters: Any = ()) -> PgCursor:
        head = sql.strip().upper()
        if head.startswith("PRAGMA"):
            m = _PRAGMA.match(sql)
            return self._pragma(m.group(1), m.group(2)) if m else PgCursor([], 0, None)
        with self._lock:
            if head.startswith("BEGIN"):
                if "IMMEDIATE" in head:  # the writers, one at a time
                    self._conn.execute("BEGIN")
                    self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
                else:  # a reader: one snapshot for the whole transaction, as SQLite's WAL
                    self._conn.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
                return PgCursor([], 0, None)
            statement = translate(sql, self._serial_tables(sql))
            returning = statement.endswith(" RETURNING id") and "RETURNING" not in sql.upper()
            cur = self._conn.cursor(row_factory=_row_factory)
            cur.execute(statement, tuple(parameters) if parameters else None)
            rows = cur.fetchall() if cur.description is not None else []
            lastrowid = None
            if returning:
                lastrowid = int(rows[0][0]) if rows else None
                rows = []
            return PgCursor(rows, cur.rowcount, lastrowid)

    def executemany(self, sql: str, seq_of_parameters: Iterable[Any]) -> PgCursor:
        with self._lock:
            statement = translate(sql)
            cur = self._conn.cursor()
            cur.executemany(statement, [tuple(p) for p in seq_of_parameters])
            return PgCursor([], cur.rowcount, None)

    def executescript(self, script: str) -> None:
        with self._lock:
            for statement in split_script(script):
                self.execute(statement)

    def commit(self) -> None:
        if self.in_transaction:
            self._conn.execute("COMMIT")

    def rollback(self) -> None:
        if self.in_transaction:
            self._conn.execute("ROLLBACK")

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> PgConnection:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Listener:
    """Calls ``on_message(payload)`` for each notification on ``channel``, from a daemon
    thread with a connection of its own (PostgreSQL ``LISTEN``); reconnects after a lost
    connection. ``stop()`` ends it."""

    def __init__(self, url: str, on_message: Callable[[str], None], *,
                 channel: str = CHANNEL, on_reconnect: Callable[[], None] | None = None
                 ) -> None:
        if psycopg is None:
            raise RuntimeError("PostgreSQL needs the psycopg package")
        self.url, self.channel = url, channel
        self.on_message, self.on_reconnect = on_message, on_reconnect
        self._stop = threading.Event()
        self.ready = threading.Event()
        self._thread = threading.Thread(target=self._run, name="sanctio-listen", daemon=True)

    def start(self) -> Listener:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _run(self) -> None:
        first = True
        while not self._stop.is_set():
            try:
                with psycopg.connect(self.url, autocommit=True) as conn:
                    conn.execute(f"LISTEN {self.channel}")
                    if not first and self.on_reconnect is not None:
                        self.on_reconnect()  # notifications may have been missed meanwhile
                    first = False
                    self.ready.set()
                    self._poll(conn)
            except psycopg.Error:
                self._stop.wait(1.0)

    def _poll(self, conn: Any) -> None:
        while not self._stop.is_set():
            # waits half a second at most, so that stop() is heard
            for note in conn.notifies(timeout=0.5):
                try:
                    self.on_message(note.payload)
                except Exception:  # a failing handler must not end the listener
                    log.exception("notification handler failed")
