"""The registry: one database holding every list version and its records (SQLite, embedded,
by default; PostgreSQL for several service instances sharing one registry: :mod:`sanctio.db`).

- ``list_versions``: each load of a list file (source, SHA-256, publisher date, loaded at,
  record count, status ``active`` / ``superseded`` / ``failed`` with the error).
- ``records``: the parsed records of each version as JSON, with the source record itself.
- ``entity_members``: how the active records are merged into entities, with the evidence.

Loads are atomic: a file is parsed completely before anything is written, and written in one
transaction; a file that fails leaves the previous version active. Loading a file whose
SHA-256 equals the active version's changes nothing.

Coverage never shrinks silently: a load that would remove more than a share of the active
records (10% by default), a file dated by its publisher before the active version, and an
incomplete input (a file of a set or a column missing) are refused and recorded as failed
loads unless the caller allows it. Loads of one list are serialised across processes (the
write lock is taken before the active version is read) and a unique index keeps one active
version per list. Each version carries the date of its data: the publisher's, else one
derived from the file's own date fields, else none (the load date labels it).

Each load's outcome is published to :attr:`Registry.events` (a :class:`ListsChanged`), after
its commit; monitoring subscribes there. On PostgreSQL a load that changes a list's active
version also sends ``NOTIFY sanctio_lists, '<list>@<version id>'`` with its commit (a merge
judgement, ``'merge-judgement'``), so other processes sharing the database learn of it.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import orjson
from platformdirs import user_data_dir

from sanctio import db as database
from sanctio import sources
from sanctio.entity import Entity, merge_records
from sanctio.events import Topic
from sanctio.model import ListVersion, ParsedList, ParseError, Record, period_start
from sanctio.sources.common import sha256_file
from sanctio.sources.sample import SAMPLE_PATH

SCHEMA_SQL = """
CREATE TABLE IF NOT EXISTS list_versions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    list_id TEXT NOT NULL,
    source TEXT NOT NULL,
    authority TEXT,
    title TEXT,
    format TEXT NOT NULL,
    file_name TEXT,
    sha256 TEXT NOT NULL,
    publisher_date TEXT,
    loaded_at TEXT NOT NULL,
    record_count INTEGER NOT NULL DEFAULT 0,
    status TEXT NOT NULL,
    error TEXT,
    warnings TEXT,
    is_sample INTEGER NOT NULL DEFAULT 0,
    label TEXT,
    data_date TEXT,
    date_kind TEXT,
    date_note TEXT
);
CREATE INDEX IF NOT EXISTS ix_versions_list ON list_versions(list_id, status);
CREATE TABLE IF NOT EXISTS records (
    version_id INTEGER NOT NULL REFERENCES list_versions(id),
    source_id TEXT NOT NULL,
    schema TEXT NOT NULL,
    name TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    data BLOB NOT NULL,
    raw BLOB,
    PRIMARY KEY (version_id, source_id)
);
CREATE TABLE IF NOT EXISTS entity_members (
    entity_id TEXT NOT NULL,
    record_key TEXT NOT NULL,
    version_id INTEGER NOT NULL,
    source_id TEXT NOT NULL,
    evidence TEXT,
    PRIMARY KEY (record_key)
);
CREATE INDEX IF NOT EXISTS ix_members_entity ON entity_members(entity_id);
CREATE TABLE IF NOT EXISTS merge_judgements (
    left_key TEXT NOT NULL,
    right_key TEXT NOT NULL,
    judgement TEXT NOT NULL CHECK (judgement IN ('same', 'different')),
    reason TEXT,
    author TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (left_key, right_key)
);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""


# columns added after the first release (added to older registries when opened)
_ADDED_COLUMNS = ("data_date", "date_kind", "date_note")
ONE_ACTIVE_INDEX = "ux_versions_one_active"

DEFAULT_MAX_SHRINK = 0.10  # share of a list's active records a load may remove
MAX_SHRINK_ENV = "SANCTIO_MAX_SHRINK"  # a percentage, e.g. 10
DEFAULT_MAX_LIST_AGE_DAYS = 30.0
MAX_LIST_AGE_ENV = "SANCTIO_MAX_LIST_AGE_DAYS"

DATE_KINDS = {
    "publisher": "the publisher's date",
    "derived": "derived from the data",
    "loaded": "no date in the file: the load date",
}


def _env_number(name: str, default: float) -> float:
    text = os.environ.get(name, "").strip().rstrip("%")
    if not text:
        return default
    try:
        value = float(text)
    except ValueError as exc:
        raise ValueError(f"${name} must be a number, not {text!r}") from exc
    if value < 0:
        raise ValueError(f"${name} must not be negative")
    return value


def default_max_shrink() -> float:
    """The share of a list's records a load may remove (``$SANCTIO_MAX_SHRINK`` percent)."""
    return _env_number(MAX_SHRINK_ENV, DEFAULT_MAX_SHRINK * 100) / 100


def max_list_age_days() -> float:
    """Lists older than this many days are flagged (``$SANCTIO_MAX_LIST_AGE_DAYS``)."""
    return _env_number(MAX_LIST_AGE_ENV, DEFAULT_MAX_LIST_AGE_DAYS)


def data_date_of(parsed: ParsedList, today: date | None = None
                 ) -> tuple[str | None, str, str]:
    """(date, kind, how) of a parsed file's data: the publisher's date; else the date the
    parser derived from the file's own date fields; else the latest listing date of its
    records; else none (kind ``loaded``)."""
    if parsed.publisher_date:
        return parsed.publisher_date, "publisher", "the publisher's date in the file"
    if parsed.derived_date:
        return (parsed.derived_date, "derived",
                parsed.derived_from or "derived from the file's date fields")
    limit = (today or datetime.now(UTC).date()).isoformat()
    listed = [d.listed_on for r in parsed.records for d in r.designations
              if d.listed_on and d.listed_on[:10] <= limit and period_start(d.listed_on)]
    if listed:
        return (max(listed)[:10], "derived",
                "the latest listing date in the records; the file states no date")
    return None, "loaded", "the file states no date of its own, nor its records"


def default_home() -> Path:
    env = os.environ.get("SANCTIO_HOME")
    if env:
        return Path(env).expanduser()

    return Path(user_data_dir("sanctio", appauthor=False))


def now_iso() -> str:
    return datetime.now(UTC).replace(microsecond=0).isoformat()


@dataclass(slots=True)
class LoadResult:
    list_id: str
    status: str  # loaded, unchanged, reactivated, failed
    version: ListVersion | None
    previous: ListVersion | None = None
    error: str | None = None
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0
    # why a readable file was refused: shrink, older, incomplete (None otherwise)
    refused: str | None = None


@dataclass(slots=True)
class RecordChange:
    source_id: str
    name: str
    change: str  # added, removed, changed
    fields: list[str] = field(default_factory=list)  # the fields that changed


@dataclass(slots=True)
class ListDiff:
    list_id: str
    old: ListVersion | None
    new: ListVersion
    added: list[RecordChange]
    removed: list[RecordChange]
    changed: list[RecordChange]

    def to_dict(self) -> dict[str, Any]:
        def rows(items: list[RecordChange]) -> list[dict[str, Any]]:
            return [{"source_id": c.source_id, "name": c.name, "fields": c.fields} for c in items]

        return {
            "list": self.list_id, "old": self.old.label if self.old else None,
            "new": self.new.label, "added": rows(self.added), "removed": rows(self.removed),
            "changed": rows(self.changed),
        }


@dataclass(slots=True)
class HistoryEvent:
    """One step in the history of a record across the stored versions of its list.

    ``event``: ``first_seen`` (in the list's first stored version: listed then or before),
    ``added`` (new in this version), ``changed`` (``fields`` as :meth:`Registry.diff`
    reports them), ``removed`` (absent from this version) or ``relisted`` (back after a
    removal)."""
    event: str
    version_id: int
    version: str  # the version's label
    publisher_date: str | None
    loaded_at: str
    fields: list[str] = field(default_factory=list)

    @property
    def date(self) -> str:
        """The day the event is placed on: the publisher's date, else the load day."""
        return (self.publisher_date or self.loaded_at)[:10]

    def to_dict(self) -> dict[str, Any]:
        return {"event": self.event, "version_id": self.version_id, "version": self.version,
                "publisher_date": self.publisher_date, "loaded_at": self.loaded_at,
                "date": self.date, "fields": self.fields}


def record_fingerprint(data: dict[str, Any]) -> str:
    """Content hash of a parsed record (raw source text excluded), for diffs and rescreening."""
    return hashlib.sha256(orjson.dumps(data, option=orjson.OPT_SORT_KEYS)).hexdigest()[:32]


def check_unique_ids(parsed: ParsedList, path: Path) -> None:
    """Refuse a file that lists one identifier twice (a UN DATAID, an EU logicalId...), before
    anything is written: a ParseError naming the identifier."""
    seen: set[str] = set()
    for rec in parsed.records:
        if rec.source_id in seen:
            raise ParseError(str(path), f"record {rec.source_id}",
                             "duplicate record identifier in the file")
        seen.add(rec.source_id)


def default_list_id(parsed: ParsedList) -> str:
    return parsed.source


@dataclass(slots=True)
class ListsChanged:
    """A load's outcome, published by :meth:`Registry.load` once it is committed."""

    registry: Registry
    result: LoadResult


class Registry:
    """The registry database. Thread-safe for readers; writes are serialised.

    ``home`` holds the files that go with it (index cache, audit key); the database is
    ``db`` (a URL or a path), else ``$SANCTIO_DB``, else ``sanctio.db`` in ``home``."""

    def __init__(self, home: Path | str | None = None, *, auto_sample: bool = True,
                 db: str | Path | None = None) -> None:
        self.home = Path(home) if home is not None else default_home()
        self.home.mkdir(parents=True, exist_ok=True)
        self.url = database.database_url(self.home, db)
        self.postgres = database.is_postgres(self.url)
        # the SQLite file; on PostgreSQL a nominal path in the home (messages, file names)
        self.path = (self.home / database.DB_FILE if self.postgres
                     else database.sqlite_path(self.url))
        self._lock = threading.RLock()
        self.events: Topic[ListsChanged] = Topic()
        self.conn = self.connect()
        self._create_schema()
        self._migrate()
        self._entities: list[Entity] | None = None
        self._entities_state: str | None = None
        # decoded records per list version (versions never change once written)
        self._records: dict[int, list[Record]] = {}
        if auto_sample:
            self.ensure_sample()

    def connect(self) -> database.Connection:
        """A new connection to the registry database (one per thread or process)."""
        return database.connect(self.url, home=self.home)

    @property
    def where(self) -> str:
        """The database, for messages (a PostgreSQL URL without its password)."""
        return database.display(self.url) if self.postgres else str(self.path)

    def _create_schema(self) -> None:
        if not self.postgres:
            self.conn.executescript(SCHEMA_SQL)
            return
        # PostgreSQL: one process at a time creates the tables (concurrent CREATE TABLE IF
        # NOT EXISTS can collide); records get an insertion-order column for SQLite's rowid.
        # An existing registry is opened without waiting for the write lock.
        if database.has_table(self.conn, "meta") and "seq" in database.columns(self.conn,
                                                                               "records"):
            return
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            self.conn.executescript(SCHEMA_SQL)
            self.conn.execute("ALTER TABLE records ADD COLUMN IF NOT EXISTS seq BIGSERIAL")
            self.conn.execute("COMMIT")
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise

    @property
    def _rowid(self) -> str:
        """The column that keeps the records in load order."""
        return "seq" if self.postgres else "rowid"

    def close(self) -> None:
        self.conn.close()

    def _migrate(self) -> None:
        """Bring a registry written by an earlier release up to date: the data-date columns,
        and the unique index that allows one active version per list (where two loads at once
        had left two versions active, the latest stays active)."""
        conn = self.conn
        has_index = database.has_index(conn, ONE_ACTIVE_INDEX)
        columns = database.columns(conn, "list_versions")
        if has_index and all(c in columns for c in _ADDED_COLUMNS):
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            columns = database.columns(conn, "list_versions")
            for column in _ADDED_COLUMNS:
                if column not in columns:
                    conn.execute(f"ALTER TABLE list_versions ADD COLUMN {column} TEXT")
            doubles = conn.execute(
                "SELECT list_id, MAX(id) FROM list_versions WHERE status='active' "
                "GROUP BY list_id HAVING COUNT(*) > 1").fetchall()
            for list_id, keep in doubles:
                conn.execute(
                    "UPDATE list_versions SET status='superseded', error=? "
                    "WHERE list_id=? AND status='active' AND id<>?",
                    ("superseded when the registry was upgraded: two versions were active "
                     f"at once; version {keep} stays active", list_id, keep))
            conn.execute(f"CREATE UNIQUE INDEX IF NOT EXISTS {ONE_ACTIVE_INDEX} "
                         "ON list_versions(list_id) WHERE status='active'")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    # ------------------------------------------------------------------------ versions

    def _version(self, row: Any) -> ListVersion:
        return ListVersion(
            id=row["id"], list_id=row["list_id"], source=row["source"],
            authority=row["authority"], title=row["title"], format=row["format"],
            file_name=row["file_name"], sha256=row["sha256"],
            publisher_date=row["publisher_date"], loaded_at=row["loaded_at"],
            record_count=row["record_count"], status=row["status"], error=row["error"],
            warnings=orjson.loads(row["warnings"]) if row["warnings"] else [],
            is_sample=bool(row["is_sample"]), label=row["label"] or "",
            data_date=row["data_date"] or row["publisher_date"],
            date_kind=row["date_kind"] or ("publisher" if row["publisher_date"] else "loaded"),
            date_note=row["date_note"],
        )

    def age_warnings(self, max_age_days: float | None = None,
                     today: date | None = None) -> list[str]:
        """One message per active list whose data is older than ``max_age_days`` (default
        :func:`max_list_age_days`)."""
        limit = max_list_age_days() if max_age_days is None else max_age_days
        out = []
        for v in self.active_versions().values():
            age = v.age_days(today)
            if age is None or v.is_sample or age <= limit:
                continue
            how = "publisher's date" if v.date_kind == "publisher" else "date derived from the data"
            out.append(f"list {v.list_id} is {age:,} days old ({how} {v.data_date}; limit "
                       f"{limit:g} days): designations made since are missing; update it "
                       "with `sanctio update` or `sanctio load`")
        return out

    def active_versions(self) -> dict[str, ListVersion]:
        rows = self.conn.execute(
            "SELECT * FROM list_versions WHERE status='active' ORDER BY list_id").fetchall()
        return {r["list_id"]: self._version(r) for r in rows}

    def versions(self, list_id: str | None = None) -> list[ListVersion]:
        if list_id is None:
            rows = self.conn.execute("SELECT * FROM list_versions ORDER BY list_id, id")
        else:
            rows = self.conn.execute(
                "SELECT * FROM list_versions WHERE list_id=? ORDER BY id", (list_id,))
        return [self._version(r) for r in rows.fetchall()]

    def version(self, ref: str | int, list_id: str | None = None) -> ListVersion:
        """A version by id, label, or SHA-256 prefix."""
        if isinstance(ref, int) or str(ref).isdigit():
            row = self.conn.execute("SELECT * FROM list_versions WHERE id=?",
                                    (int(ref),)).fetchone()
        else:
            row = self.conn.execute(
                "SELECT * FROM list_versions WHERE (label=? OR sha256 LIKE ?) "
                "AND (? IS NULL OR list_id=?) ORDER BY id DESC",
                (ref, f"{ref}%", list_id, list_id)).fetchone()
        if row is None:
            raise KeyError(f"no list version {ref!r}")
        return self._version(row)

    def state_key(self) -> str:
        """Identifies the set of active versions and merge judgements (for index caches)."""
        ids = [str(v.id) for v in self.active_versions().values()]
        j = self.conn.execute("SELECT COUNT(*), MAX(created_at) FROM merge_judgements").fetchone()
        return hashlib.sha256(("|".join(ids) + f"|{j[0]}|{j[1]}").encode()).hexdigest()[:16]

    # --------------------------------------------------------------------------- loading

    def load(self, path: Path | str, fmt: str | None = None, list_id: str | None = None, *,
             allow_shrink: bool = False, allow_older: bool = False,
             allow_incomplete: bool = False, max_shrink: float | None = None,
             scrub: Callable[[str], str] | None = None, **options: Any) -> LoadResult:
        """Parse a list file and make it the active version of its list, atomically.

        Refused (a failed load, the previous version stays active) unless allowed: a load
        that would remove more than ``max_shrink`` of the list's active records (default
        :func:`default_max_shrink`, 10%) unless ``allow_shrink``; a file whose publisher date
        is older than the active version's unless ``allow_older``; an incomplete input (a
        file of a set or a column missing) unless ``allow_incomplete`` (then loaded with a
        warning).

        A file that cannot be read is recorded as a failed load, whatever the parser raised;
        ``scrub`` rewrites its error message first (the service removes the file's content
        from what it records)."""
        started = time.perf_counter()
        path = Path(path)
        share = default_max_shrink() if max_shrink is None else max_shrink
        try:
            if path.exists() and not (path.is_file() or path.is_dir()):
                # a FIFO, socket or device would block the reader (or never end)
                raise ParseError(str(path), None, "not a regular file or folder: refused")
            if fmt is None:
                fmt = sources.detect(path)
            digest = self._digest(path)
            parsed = sources.parse(path, fmt, **options)
            if not parsed.records:
                raise ParseError(str(path), None, "the file holds no records")
            check_unique_ids(parsed, path)
        except Exception as exc:  # any parser failure is a failed load, never a traceback
            error = str(exc) if isinstance(exc, ParseError) else (
                f"{path}: cannot read the file: {type(exc).__name__}: {exc}")
            result = self._record_failure(path, fmt, list_id,
                                          scrub(error) if scrub is not None else error,
                                          publish=False)
            result.seconds = time.perf_counter() - started
            self.publish(result)
            return result
        list_id = list_id or default_list_id(parsed)
        if parsed.incomplete:
            if not allow_incomplete:
                result = self._record_failure(
                    path, fmt, list_id,
                    f"{path}: incomplete input refused: {'; '.join(parsed.incomplete)}. "
                    "Pass --allow-incomplete (allow_incomplete=True) to load it anyway.",
                    refused="incomplete", publish=False)
                result.seconds = time.perf_counter() - started
                self.publish(result)
                return result
            parsed.warnings = [*(f"incomplete input accepted: {x}" for x in parsed.incomplete),
                               *parsed.warnings]
        with self._lock:
            result = self._store(path, parsed, list_id, digest, share=share,
                                 allow_shrink=allow_shrink, allow_older=allow_older)
        result.seconds = time.perf_counter() - started
        self.publish(result)
        return result

    def publish(self, result: LoadResult) -> None:
        """Tell this process's subscribers (monitoring) of a load's outcome (each load
        publishes its own; also for an outcome that never reached :meth:`load`, such as a
        download that failed)."""
        self.events.publish(ListsChanged(self, result))

    def _digest(self, path: Path) -> str:
        if path.is_dir():
            h = hashlib.sha256()
            for f in sorted(p for p in path.iterdir() if p.is_file()):
                h.update(f.name.encode() + b"\0" + sha256_file(f).encode())
            return h.hexdigest()
        return sha256_file(path)

    def _record_failure(self, path: Path, fmt: str | None, list_id: str | None,
                        error: str, refused: str | None = None, *,
                        publish: bool = True) -> LoadResult:
        """Record a failed load (published to :attr:`events` unless ``publish`` is false)."""
        if list_id is None:
            try:
                list_id = sources.source_of(path, fmt)
            except ValueError:
                list_id = "unknown"
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                previous = self._active(list_id)
                version_id = self._insert_failure(path, fmt, list_id, error)
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            version = self.version(version_id)
        result = LoadResult(list_id=list_id, status="failed", version=version,
                            previous=previous, error=error, refused=refused)
        if publish:
            self.publish(result)
        return result

    def _insert_failure(self, path: Path, fmt: str | None, list_id: str, error: str,
                        digest: str | None = None) -> int:
        if digest is None:
            digest = ""
            with contextlib.suppress(OSError):
                digest = self._digest(path) if path.is_file() or path.is_dir() else ""
        cur = self.conn.execute(
            "INSERT INTO list_versions (list_id, source, format, file_name, sha256, "
            "loaded_at, record_count, status, error, label) "
            "VALUES (?,?,?,?,?,?,0,'failed',?,?)",
            (list_id, list_id, fmt or "unknown", str(path), digest, now_iso(), error,
             f"{list_id}@failed"))
        return int(cur.lastrowid or 0)

    def _active(self, list_id: str) -> ListVersion | None:
        row = self.conn.execute(
            "SELECT * FROM list_versions WHERE list_id=? AND status='active'",
            (list_id,)).fetchone()
        return self._version(row) if row is not None else None

    def _refusal(self, path: Path, parsed: ParsedList, list_id: str,
                 previous: ListVersion, *, share: float, allow_shrink: bool,
                 allow_older: bool) -> tuple[str, str] | None:
        """Why this load must not replace ``previous`` (kind, message), or None."""
        if previous.is_sample:
            return None
        if not allow_older and previous.publisher_date and parsed.publisher_date \
                and parsed.publisher_date < previous.publisher_date:
            return "older", (
                f"{path}: refused: the publisher dates this file {parsed.publisher_date}, "
                f"before the active version {previous.label} ({previous.publisher_date}). "
                "Pass --allow-older (allow_older=True) to go back to it.")
        if not allow_shrink:
            active = {r[0] for r in self.conn.execute(
                "SELECT source_id FROM records WHERE version_id=?", (previous.id,))}
            if active:
                new_ids = {r.source_id for r in parsed.records}
                removed = len(active - new_ids)
                if removed > share * len(active):
                    return "shrink", (
                        f"{path}: refused: loading it would remove {removed:,} of the "
                        f"{len(active):,} records of list {list_id!r} (active version "
                        f"{previous.label}), {removed / len(active):.1%}, more than the "
                        f"{share:.0%} allowed; is this the right file for this list? "
                        "Pass --allow-shrink (allow_shrink=True) if the removals are real.")
        return None

    def _store(self, path: Path, parsed: ParsedList, list_id: str, digest: str, *,
               share: float = DEFAULT_MAX_SHRINK, allow_shrink: bool = False,
               allow_older: bool = False) -> LoadResult:
        conn = self.conn
        # the write lock first, then the active version: two loads of one list (two
        # processes) are serialised and the second sees what the first made active
        conn.execute("BEGIN IMMEDIATE")
        try:
            previous = self._active(list_id)
            if previous is not None and previous.sha256 == digest:
                conn.execute("COMMIT")
                return LoadResult(list_id=list_id, status="unchanged", version=previous,
                                  previous=previous, warnings=parsed.warnings)
            refusal = None if previous is None else self._refusal(
                path, parsed, list_id, previous, share=share, allow_shrink=allow_shrink,
                allow_older=allow_older)
            if refusal is not None:
                kind, error = refusal
                failed_id = self._insert_failure(path, parsed.format, list_id, error, digest)
                conn.execute("COMMIT")
                return LoadResult(list_id=list_id, status="failed",
                                  version=self.version(failed_id), previous=previous,
                                  error=error, warnings=parsed.warnings, refused=kind)
            older = conn.execute(
                "SELECT * FROM list_versions WHERE list_id=? AND sha256=? "
                "AND status='superseded' ORDER BY id DESC", (list_id, digest)).fetchone()
            if older is not None:
                version_id = older["id"]
                status = "reactivated"
            else:
                loaded_at = now_iso()
                data_date, kind, note = data_date_of(parsed)
                label = f"{list_id}@{data_date or loaded_at[:10]}#{digest[:8]}"
                cur = conn.execute(
                    "INSERT INTO list_versions (list_id, source, authority, title, format, "
                    "file_name, sha256, publisher_date, loaded_at, record_count, status, "
                    "warnings, is_sample, label, data_date, date_kind, date_note) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,'loading',?,?,?,?,?,?)",
                    (list_id, parsed.source, parsed.authority, parsed.title, parsed.format,
                     str(path), digest, parsed.publisher_date, loaded_at, len(parsed.records),
                     orjson.dumps(parsed.warnings).decode(), int(parsed.is_sample), label,
                     data_date, kind, note))
                version_id = int(cur.lastrowid or 0)
                self._insert_records(version_id, parsed.records, path)
                status = "loaded"
            if previous is not None:
                conn.execute("UPDATE list_versions SET status='superseded' WHERE id=?",
                             (previous.id,))
            conn.execute("UPDATE list_versions SET status='active' WHERE id=?", (version_id,))
            if not parsed.is_sample:
                # the built-in sample steps aside as soon as a real list is loaded
                conn.execute("UPDATE list_versions SET status='superseded' "
                             "WHERE is_sample=1 AND status='active'")
            self._remerge()
            # other processes sharing a PostgreSQL database hear of it with the commit
            database.notify(conn, f"{list_id}@{version_id}")
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        self._entities = None
        return LoadResult(list_id=list_id, status=status, version=self.version(version_id),
                          previous=previous, warnings=parsed.warnings)

    def _insert_records(self, version_id: int, records: list[Record], path: Path) -> None:
        seen: set[str] = set()
        rows = []
        for rec in records:
            if rec.source_id in seen:
                raise ParseError(str(path), f"record {rec.source_id}",
                                 "duplicate record identifier in the file")
            seen.add(rec.source_id)
            raw = rec.raw
            rec.raw = None
            data = rec.to_dict()
            rec.raw = raw
            rows.append((version_id, rec.source_id, rec.schema.value, rec.primary_name,
                         record_fingerprint(data), orjson.dumps(data),
                         orjson.dumps(raw, default=str) if raw is not None else None))
        for rec in records:
            rec.raw = None  # stored above; the in-memory copy does not need it
        self._records[version_id] = list(records)
        self.conn.executemany(
            "INSERT INTO records (version_id, source_id, schema, name, fingerprint, data, raw) "
            "VALUES (?,?,?,?,?,?,?)", rows)

    # --------------------------------------------------------------------------- records

    def iter_records(self, version_id: int | None = None) -> Iterator[tuple[int, Record]]:
        """Records of one version, or of every active version, as (version_id, Record)."""
        if version_id is None:
            cur = self.conn.execute(
                "SELECT r.version_id, r.data FROM records r JOIN list_versions v "
                f"ON v.id = r.version_id WHERE v.status='active' "
                f"ORDER BY r.version_id, r.{self._rowid}")
        else:
            cur = self.conn.execute(
                f"SELECT version_id, data FROM records WHERE version_id=? "
                f"ORDER BY {self._rowid}",
                (version_id,))
        for row in cur:
            yield row[0], Record.from_dict(orjson.loads(row[1]))

    def record(self, key: str, version_id: int | None = None) -> Record | None:
        """An active record by ``source:source_id`` (or within one version)."""
        source, _, source_id = key.partition(":")
        if version_id is None:
            row = self.conn.execute(
                "SELECT r.data, r.raw FROM records r JOIN list_versions v ON v.id=r.version_id "
                "WHERE v.status='active' AND r.source_id=? AND (v.source=? OR v.list_id=?)",
                (source_id, source, source)).fetchone()
        else:
            row = self.conn.execute(
                "SELECT data, raw FROM records WHERE version_id=? AND source_id=?",
                (version_id, source_id)).fetchone()
        if row is None:
            return None
        rec = Record.from_dict(orjson.loads(row[0]))
        rec.raw = orjson.loads(row[1]) if row[1] else None
        return rec

    def record_count(self) -> int:
        row = self.conn.execute(
            "SELECT COUNT(*) FROM records r JOIN list_versions v ON v.id=r.version_id "
            "WHERE v.status='active'").fetchone()
        return int(row[0])

    # -------------------------------------------------------------------------- entities

    def _active_records(self) -> list[tuple[ListVersion, Record]]:
        out: list[tuple[ListVersion, Record]] = []
        for v in self.active_versions().values():
            if v.id not in self._records:
                self._records[v.id] = [rec for _, rec in self.iter_records(v.id)]
            out.extend((v, rec) for rec in self._records[v.id])
        return out

    def _remerge(self) -> None:
        judgements = [
            (r["left_key"], r["right_key"], r["judgement"], r["reason"])
            for r in self.conn.execute("SELECT * FROM merge_judgements")
        ]
        entities = merge_records(self._active_records(), judgements)
        self.conn.execute("DELETE FROM entity_members")
        self.conn.executemany(
            "INSERT INTO entity_members (entity_id, record_key, version_id, source_id, evidence) "
            "VALUES (?,?,?,?,?)",
            [(e.id, m.key, m.version.id, m.record.source_id,
              orjson.dumps(e.evidence_for(m.key)).decode())
             for e in entities for m in e.members])

    def entities(self) -> list[Entity]:
        """All entities of the active lists, merged across lists (cached per state)."""
        state = self.state_key()
        if self._entities is None or self._entities_state != state:
            judgements = [
                (r["left_key"], r["right_key"], r["judgement"], r["reason"])
                for r in self.conn.execute("SELECT * FROM merge_judgements")
            ]
            self._entities = merge_records(self._active_records(), judgements)
            self._entities_state = state
        return self._entities

    def entity(self, ref: str) -> Entity | None:
        """An entity by its id or by any member record key (``us-ofac:29119``)."""
        ref = ref.strip()
        for e in self.entities():
            if e.id == ref or any(m.key == ref or m.designation_key == ref for m in e.members):
                return e
        return None

    def judge(self, left: str, right: str, judgement: str, reason: str | None = None,
              author: str | None = None) -> None:
        """Record an analyst's merge judgement (``same`` or ``different``) and re-merge."""
        if judgement not in ("same", "different"):
            raise ValueError("judgement must be 'same' or 'different'")
        a, b = sorted((left, right))
        with self._lock:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                self.conn.execute(
                    "INSERT INTO merge_judgements "
                    "(left_key, right_key, judgement, reason, author, created_at) "
                    "VALUES (?,?,?,?,?,?) ON CONFLICT (left_key, right_key) DO UPDATE SET "
                    "judgement=excluded.judgement, reason=excluded.reason, "
                    "author=excluded.author, created_at=excluded.created_at",
                    (a, b, judgement, reason, author, now_iso()))
                self._remerge()
                # the entities changed: other processes on PostgreSQL rebuild their index
                database.notify(self.conn, "merge-judgement")
                self.conn.execute("COMMIT")
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self._entities = None

    # ------------------------------------------------------------------------------ diff

    def diff(self, list_id: str, old: str | int | None = None,
             new: str | int | None = None) -> ListDiff:
        """Designations added, removed and changed between two versions of a list.

        Defaults: NEW is the active version, OLD the version before it."""
        history = [v for v in self.versions(list_id) if v.status != "failed"]
        if not history:
            raise KeyError(f"no versions of list {list_id!r}")
        new_v = self.version(new, list_id) if new is not None else next(
            (v for v in history if v.status == "active"), history[-1])
        if old is not None:
            old_v: ListVersion | None = self.version(old, list_id)
        else:
            earlier = [v for v in history if v.id < new_v.id]
            old_v = earlier[-1] if earlier else None
        old_rows = self._fingerprints(old_v.id) if old_v else {}
        new_rows = self._fingerprints(new_v.id)
        added = [RecordChange(sid, new_rows[sid][1], "added")
                 for sid in new_rows if sid not in old_rows]
        removed = [RecordChange(sid, old_rows[sid][1], "removed")
                   for sid in old_rows if sid not in new_rows]
        changed = []
        for sid, (fp, name) in new_rows.items():
            if sid in old_rows and old_rows[sid][0] != fp:
                assert old_v is not None
                a = self.record(f"{list_id}:{sid}", old_v.id)
                b = self.record(f"{list_id}:{sid}", new_v.id)
                fields = changed_fields(a, b) if a and b else []
                changed.append(RecordChange(sid, name, "changed", fields))
        return ListDiff(list_id, old_v, new_v, added, removed, changed)

    def record_history(self, list_id: str, source_id: str) -> list[HistoryEvent]:
        """What the stored versions of ``list_id`` (in load order, failed loads left out) say
        about one record: first seen, added, changed (with the fields, as in :meth:`diff`),
        removed and relisted.

        One primary-key look-up per version (records are keyed by version and source id),
        so it stays fast with the full lists and many versions; the fields of a change are
        read from the two versions' records only where the content hash differs."""
        rows = self.conn.execute(
            "SELECT v.id, v.label, COALESCE(v.publisher_date, v.data_date), v.loaded_at, "
            "r.fingerprint "
            "FROM list_versions v LEFT JOIN records r "
            "ON r.version_id = v.id AND r.source_id = ? "
            "WHERE v.list_id = ? AND v.status != 'failed' ORDER BY v.id",
            (source_id, list_id)).fetchall()
        events: list[HistoryEvent] = []
        before: tuple[int, str] | None = None  # the last version holding it, its hash
        present = False
        for i, (vid, label, published, loaded, fp) in enumerate(rows):
            label = label or str(vid)
            if fp is None:
                if present:
                    events.append(HistoryEvent("removed", vid, label, published, loaded))
                present = False
                continue
            if before is None:
                kind = "first_seen" if i == 0 else "added"
                events.append(HistoryEvent(kind, vid, label, published, loaded))
            elif not present:
                fields = self._fields_changed(list_id, source_id, before[0], vid) \
                    if before[1] != fp else []
                events.append(HistoryEvent("relisted", vid, label, published, loaded, fields))
            elif before[1] != fp:
                events.append(HistoryEvent(
                    "changed", vid, label, published, loaded,
                    self._fields_changed(list_id, source_id, before[0], vid)))
            before, present = (vid, fp), True
        return events

    def _fields_changed(self, list_id: str, source_id: str, old_id: int,
                        new_id: int) -> list[str]:
        a = self.record(f"{list_id}:{source_id}", old_id)
        b = self.record(f"{list_id}:{source_id}", new_id)
        return changed_fields(a, b) if a and b else []

    def _fingerprints(self, version_id: int) -> dict[str, tuple[str, str]]:
        return {
            r[0]: (r[1], r[2])
            for r in self.conn.execute(
                "SELECT source_id, fingerprint, name FROM records WHERE version_id=?",
                (version_id,))
        }

    # ---------------------------------------------------------------------------- sample

    def is_empty(self) -> bool:
        row = self.conn.execute(
            "SELECT COUNT(*) FROM list_versions WHERE status='active'").fetchone()
        return int(row[0]) == 0

    def ensure_sample(self) -> LoadResult | None:
        """Load the built-in sample list when no list is loaded, so Sanctio works offline."""
        if not self.is_empty():
            return None

        return self.load(SAMPLE_PATH, "sample")


def changed_fields(a: Record, b: Record) -> list[str]:
    """Names of the record fields whose content differs between two versions."""
    da, db = a.to_dict(), b.to_dict()
    return sorted(k for k in set(da) | set(db) if da.get(k) != db.get(k))
