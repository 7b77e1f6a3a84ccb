"""The audit trail: one append-only log in the registry database, each entry chained to the one
before it by a hash and signed with a secret key kept outside the database.

An entry is ``(seq, ts, actor, action, payload)``; its hash is
``sha256(prev_hash + canonical JSON of {seq, ts, actor, action, payload})`` where the canonical
JSON has sorted keys and no whitespace, and ``prev_hash`` of the first entry is 64 zeros. Its
``mac`` is ``HMAC-SHA256(key, "sanctio-audit-v1:" + hash)`` with the registry's audit key: a
random secret in a file (``audit.key``, mode 0600) in the registry folder's parent, or
``$SANCTIO_AUDIT_KEY_FILE``; never in the database. So:

- editing any field of an entry changes its hash (the stored hash no longer matches);
- removing an entry leaves a gap in ``seq`` and breaks the next entry's ``prev_hash``;
- reordering entries (moving content between sequence numbers) changes their hashes;
- recomputing the hashes after an edit, or appending an entry, needs the key: without it the
  entry's HMAC does not match;
- removing the newest entries (and rewriting the anchor, ``audit_anchor``) is caught by the
  *published head*: after every committed change the newest entry's seq and HMAC are written
  to a head file outside the database (``audit.head`` next to the key, or
  ``$SANCTIO_AUDIT_HEAD_FILE``; one line per registry), and optionally posted to the webhook.
  :func:`verify` reports a chain shorter than its published head as truncated;
- the alerts and decisions tables are checked against the chain: each alert's current state
  must be the state its last chained event gave it, and its decisions those of the chain.

Entries written before the chain was keyed (registries of earlier versions) have no HMAC; they
are allowed only before the first keyed entry, whose HMAC covers their hashes.

:func:`record_audit` is the one way to write an entry; it joins the caller's transaction when
one is open (so a list load and its audit entry commit together) and opens its own otherwise.
"""

from __future__ import annotations

import atexit
import contextlib
import csv
import hashlib
import hmac
import logging
import os
import secrets
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import IO, Any

import orjson

from sanctio.db import ERRORS as DB_ERRORS
from sanctio.db import Connection
from sanctio.monitor import AFTER_COMMIT, default_actor, ensure_schema, now_iso, transaction

log = logging.getLogger("sanctio.audit")

GENESIS = "0" * 64
KEY_FILE_ENV = "SANCTIO_AUDIT_KEY_FILE"
HEAD_FILE_ENV = "SANCTIO_AUDIT_HEAD_FILE"
HEAD_WEBHOOK_ENV = "SANCTIO_AUDIT_HEAD_WEBHOOK"
KEY_NAME = "audit.key"
HEAD_NAME = "audit.head"
MAC_PREFIX = b"sanctio-audit-v1:"

# the actions Sanctio writes (others may be added by callers; the chain does not care)
ACTIONS = (
    "list.load", "list.rescreen", "portfolio.import", "screening.run", "screening.cli",
    "screening.batch", "screening.api", "alert.opened", "alert.reopened", "alert.updated",
    "alert.closed", "alert.decision", "audit.export", "audit.sealed", "settings.changed",
)


def canonical(data: Any) -> bytes:
    """Canonical JSON: sorted keys, no whitespace, UTF-8 (non-JSON values as strings)."""
    return orjson.dumps(data, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS,
                        default=str)


def query_hash(query: dict[str, Any]) -> str:
    """SHA-256 of a normalised query (``Query.to_dict()``) as JSON with sorted keys: what the
    chain keeps of a screened name unless the queries are stored."""
    return hashlib.sha256(orjson.dumps(query, option=orjson.OPT_SORT_KEYS)).hexdigest()


def entry_hash(prev_hash: str, seq: int, ts: str, actor: str, action: str,
               payload: Any) -> str:
    body = canonical({"seq": seq, "ts": ts, "actor": actor, "action": action,
                      "payload": payload})
    return hashlib.sha256(prev_hash.encode("ascii") + body).hexdigest()


def entry_mac(key: bytes, digest: str) -> str:
    """The entry's HMAC-SHA256 under the audit key (over its hash, which covers its content
    and, through ``prev_hash``, every entry before it)."""
    return hmac.new(key, MAC_PREFIX + digest.encode("ascii"), hashlib.sha256).hexdigest()


# ------------------------------------------------------------------ key and published head


class AuditKeyError(RuntimeError):
    """The audit key (or the published head) is missing where it must be, or unusable."""


# what publishing the head may fail with (the entry itself is committed)
PUBLISH_ERRORS: tuple[type[Exception], ...] = (OSError, AuditKeyError, *DB_ERRORS)
# what makes a stored entry unreadable for verification
_ENTRY_ERRORS: tuple[type[Exception], ...] = (KeyError, TypeError, ValueError, *DB_ERRORS)


def database_file(conn: Connection) -> Path | None:
    """The registry database's file (None for an in-memory database)."""
    for row in conn.execute("PRAGMA database_list"):
        if row[1] == "main":
            return Path(row[2]).resolve() if row[2] else None
    return None


def key_file(conn: Connection) -> Path | None:
    """Where the audit key lives: ``$SANCTIO_AUDIT_KEY_FILE``, else ``audit.key`` in the
    parent of the registry folder (never in the database or the registry folder itself)."""
    env = os.environ.get(KEY_FILE_ENV)
    if env:
        return Path(env).expanduser().resolve()
    db = database_file(conn)
    return db.parent.parent / KEY_NAME if db is not None else None


def head_file(conn: Connection) -> Path | None:
    """Where the published heads live: ``$SANCTIO_AUDIT_HEAD_FILE``, else ``audit.head`` next
    to the key."""
    env = os.environ.get(HEAD_FILE_ENV)
    if env:
        return Path(env).expanduser().resolve()
    key = key_file(conn)
    return key.parent / HEAD_NAME if key is not None else None


_KEYS: dict[str, bytes] = {}
_EPHEMERAL_KEY = secrets.token_bytes(32)  # in-memory databases: lives as long as the process


def _read_key(path: Path) -> bytes | None:
    cached = _KEYS.get(str(path))
    if cached is not None:
        return cached
    try:
        text = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None
    except (OSError, UnicodeDecodeError) as exc:
        raise AuditKeyError(f"cannot read the audit key {path}: {exc}") from exc
    try:
        key = bytes.fromhex(text)
    except ValueError as exc:
        raise AuditKeyError(f"the audit key {path} is not hexadecimal") from exc
    if len(key) < 16:
        raise AuditKeyError(f"the audit key {path} is too short ({len(key)} bytes)")
    _KEYS[str(path)] = key
    return key


def load_key(conn: Connection, *, create: bool = False) -> bytes | None:
    """The audit key of this registry; with ``create``, a new random key is written (mode
    0600, atomically: concurrent processes end up with the same key) when there is none."""
    path = key_file(conn)
    if path is None:
        return _EPHEMERAL_KEY
    key = _read_key(path)
    if key is not None or not create:
        return key
    ensure_schema(conn)
    if conn.execute("SELECT 1 FROM audit_log WHERE mac IS NOT NULL LIMIT 1").fetchone():
        # a new key would leave every entry signed so far unverifiable
        raise AuditKeyError(f"the audit key {path} is missing, but the audit log's entries are "
                            "signed with it: restore the key file (or point "
                            f"${KEY_FILE_ENV} at it) before anything is recorded")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "w", encoding="ascii") as f:
            f.write(secrets.token_hex(32) + "\n")
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o600)
        with contextlib.suppress(FileExistsError):  # another process was first: use theirs
            os.link(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    return _read_key(path)


@contextlib.contextmanager
def _head_lock(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a") as f:
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not POSIX
            yield
            return
        fcntl.flock(f.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f.fileno(), fcntl.LOCK_UN)


def read_heads(path: Path | None) -> dict[str, dict[str, Any]]:
    """The published heads of a head file: ``{database file: {seq, hmac, ts}}``."""
    if path is None:
        return {}
    try:
        data = orjson.loads(path.read_bytes())
    except FileNotFoundError:
        return {}
    except (OSError, orjson.JSONDecodeError) as exc:
        raise AuditKeyError(f"cannot read the published audit head {path}: {exc}") from exc
    return data if isinstance(data, dict) else {}


def published_head(conn: Connection) -> dict[str, Any] | None:
    """This registry's published head (``{seq, hmac, ts}``), if any."""
    db = database_file(conn)
    if db is None:
        return None
    return read_heads(head_file(conn)).get(str(db))


_PENDING: dict[int, Connection] = {}
_PENDING_LOCK = threading.Lock()


def publish_head(conn: Connection) -> dict[str, Any] | None:
    """Write the newest *committed* entry's seq and HMAC to the head file (only ever forward)
    and, with ``$SANCTIO_AUDIT_HEAD_WEBHOOK`` set, queue it for the webhook. Inside an open
    transaction this only notes that the head is owed: it is published after the commit."""
    if conn.in_transaction:
        with _PENDING_LOCK:
            _PENDING[id(conn)] = conn
        return None
    with _PENDING_LOCK:
        _PENDING.pop(id(conn), None)
    db, path = database_file(conn), head_file(conn)
    if db is None or path is None:
        return None
    row = conn.execute("SELECT seq, mac FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    if row is None or row[1] is None:
        return None
    seq = int(row[0])
    entry: dict[str, Any] = {"seq": seq, "hmac": str(row[1]), "ts": now_iso()}
    with _head_lock(path):
        heads = read_heads(path)
        current = heads.get(str(db))
        if current is not None and int(current.get("seq", 0)) >= seq:
            return current
        heads[str(db)] = entry
        tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
        tmp.write_bytes(orjson.dumps(heads, option=orjson.OPT_INDENT_2 | orjson.OPT_SORT_KEYS))
        os.replace(tmp, path)
    if os.environ.get(HEAD_WEBHOOK_ENV, "").lower() in ("1", "true", "yes", "on"):
        from sanctio.monitor import webhook

        if webhook.configured(conn):
            with transaction(conn):
                webhook.enqueue(conn, "audit.head", {"event": "audit.head",
                                                     "registry": str(db), **entry})
    return entry


def _publish_quietly(conn: Connection) -> None:
    """Publish the head; a failure (the head file cannot be written) is logged, not raised:
    the entry is committed, and the next change publishes again."""
    try:
        publish_head(conn)
    except PUBLISH_ERRORS as exc:
        log.warning("could not publish the audit head: %s", exc)


def _publish_after_commit(conn: Connection) -> None:
    with _PENDING_LOCK:
        owed = id(conn) in _PENDING
    if owed:
        _publish_quietly(conn)


def publish_pending() -> None:
    """Publish the heads owed by connections whose transaction has ended (also at exit)."""
    with _PENDING_LOCK:
        conns = list(_PENDING.values())
    for conn in conns:
        with contextlib.suppress(Exception):
            if not conn.in_transaction:
                publish_head(conn)


AFTER_COMMIT.append(_publish_after_commit)
atexit.register(publish_pending)


# ------------------------------------------------------------------------------- writing


@dataclass(slots=True)
class AuditEntry:
    seq: int
    ts: str
    actor: str
    action: str
    payload: Any
    prev_hash: str
    hash: str
    mac: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "ts": self.ts, "actor": self.actor, "action": self.action,
                "payload": self.payload, "prev_hash": self.prev_hash, "hash": self.hash,
                "hmac": self.mac}


def record_audit(conn: Connection, actor: str | None, action: str,
                 payload: Any = None) -> AuditEntry:
    """Append one entry to the audit log and return it.

    ``payload`` is any JSON-serialisable value (dicts are stored with sorted keys). Joins the
    transaction open on ``conn``, if any; otherwise writes in its own ``BEGIN IMMEDIATE``
    transaction, which serialises concurrent writers so the chain never forks. The new head
    is published once the transaction commits."""
    ensure_schema(conn)
    actor = actor or default_actor()
    key = load_key(conn, create=True)
    assert key is not None
    # normalise the payload to what JSON gives back, so verification recomputes the same bytes
    data = orjson.loads(canonical(payload))
    with transaction(conn):
        row = conn.execute(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev = (int(row[0]) + 1, str(row[1])) if row is not None else (1, GENESIS)
        ts = now_iso()
        digest = entry_hash(prev, seq, ts, actor, action, data)
        mac = entry_mac(key, digest)
        conn.execute(
            "INSERT INTO audit_log (seq, ts, actor, action, payload, prev_hash, hash, mac) "
            "VALUES (?,?,?,?,?,?,?,?)",
            (seq, ts, actor, action, canonical(data).decode(), prev, digest, mac))
        conn.execute("INSERT INTO audit_anchor (id, seq, hash) VALUES (1, ?, ?) "
                     "ON CONFLICT (id) DO UPDATE SET seq=excluded.seq, hash=excluded.hash",
                     (seq, digest))
    _publish_quietly(conn)  # now, or after the caller's commit
    return AuditEntry(seq, ts, actor, action, data, prev, digest, mac)


def record_many(conn: Connection,
                items: Iterable[tuple[str | None, str, Any]]) -> list[AuditEntry]:
    """Append several entries ``(actor, action, payload)`` in one transaction (one head
    publication for all of them)."""
    with transaction(conn):
        out = [record_audit(conn, actor, action, payload) for actor, action, payload in items]
    _publish_quietly(conn)
    return out


def record_screening(conn: Connection, action: str, *, queries: int, alerts: int,
                     list_versions: dict[str, str], threshold: float | None = None,
                     query_hashes: list[str] | None = None,
                     query_data: list[dict[str, Any]] | None = None, errors: int = 0,
                     actor: str | None = None, **extra: Any) -> AuditEntry:
    """One screening (a CLI ``screen``, a ``screen-file`` run, an API request) as one entry:
    who, when, how many queries and alerts, the list versions, the queries' hashes (the
    queries themselves only in ``query_data``, when the caller stores them)."""
    payload: dict[str, Any] = {"queries": queries, "alerts": alerts, "errors": errors,
                               "threshold": threshold, "list_versions": list_versions,
                               **extra}
    if query_hashes is not None:
        payload["query_hashes"] = query_hashes
    if query_data is not None:
        payload["query_data"] = query_data
    return record_audit(conn, actor, action, payload)


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(1 << 20):
            h.update(block)
    return h.hexdigest()


# --------------------------------------------------------------------------- reading


def _entry(row: Any) -> AuditEntry:
    seq, ts, actor, action, payload, prev_hash, digest, mac = tuple(row)
    try:
        data = orjson.loads(payload)
    except orjson.JSONDecodeError:
        data = {"__unreadable__": str(payload)}
    return AuditEntry(int(seq), str(ts), str(actor), str(action), data, str(prev_hash),
                      str(digest), str(mac) if mac is not None else None)


def _bounds(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """``until`` given as a date includes the whole day."""
    end = until
    if until is not None and len(until) == 10:
        end = (date.fromisoformat(until) + timedelta(days=1)).isoformat()
        return since, end
    return since, (until + "\uffff") if until else None


def entries(conn: Connection, *, since: str | None = None, until: str | None = None,
            action: str | None = None) -> Iterator[AuditEntry]:
    """Entries in sequence order, optionally those of a period (ISO dates or timestamps)."""
    ensure_schema(conn)
    lo, hi = _bounds(since, until)
    sql = ("SELECT seq, ts, actor, action, payload, prev_hash, hash, mac FROM audit_log "
           "WHERE 1=1")
    args: list[Any] = []
    if lo:
        sql += " AND ts >= ?"
        args.append(lo)
    if hi:
        sql += " AND ts < ?"
        args.append(hi)
    if action:
        sql += " AND action = ?"
        args.append(action)
    sql += " ORDER BY seq"
    for row in conn.execute(sql, args):
        yield _entry(row)


def head(conn: Connection) -> tuple[int, str]:
    """The newest entry's (seq, hash), (0, GENESIS) for an empty log."""
    ensure_schema(conn)
    row = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return (int(row[0]), str(row[1])) if row is not None else (0, GENESIS)


def head_mac(conn: Connection) -> tuple[int, str | None]:
    """The newest entry's (seq, HMAC): what ``sanctio audit head`` prints and what is
    published; (0, None) for an empty log."""
    ensure_schema(conn)
    row = conn.execute("SELECT seq, mac FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return (int(row[0]), str(row[1]) if row[1] is not None else None) if row else (0, None)


# ------------------------------------------------------------------------- sealed tables

SEALABLE_TABLES = ("service_audit",)


def table_digest(conn: Connection, table: str, first_id: int, last_id: int) -> str:
    """SHA-256 of a table's rows ``first_id..last_id`` (each row as canonical JSON, in id
    order): how a table kept outside the chain is sealed into it."""
    if table not in SEALABLE_TABLES:
        raise ValueError(f"{table!r} cannot be sealed")
    h = hashlib.sha256()
    for row in conn.execute(f"SELECT * FROM {table} WHERE id BETWEEN ? AND ? ORDER BY id",
                            (first_id, last_id)):
        h.update(canonical(list(row)) + b"\n")
    return h.hexdigest()


# -------------------------------------------------------------------------- verifying


@dataclass(slots=True)
class AuditVerification:
    ok: bool
    entries: int
    first_bad_seq: int | None = None
    problem: str | None = None
    head_seq: int = 0
    head_hash: str = GENESIS
    head_mac: str | None = None
    keyed: int = 0  # entries with an HMAC
    published: dict[str, Any] | None = None
    alerts_checked: int = 0
    problems: list[str] = field(default_factory=list)  # every problem found, the first first
    warnings: list[str] = field(default_factory=list)

    def fail(self, seq: int | None, problem: str) -> AuditVerification:
        if self.ok:
            self.ok, self.first_bad_seq, self.problem = False, seq, problem
        self.problems.append(problem)
        return self

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "entries": self.entries, "first_bad_seq": self.first_bad_seq,
                "problem": self.problem, "problems": self.problems,
                "head": f"{self.head_seq}:{self.head_hash}",
                "head_hmac": f"{self.head_seq}:{self.head_mac}" if self.head_mac else None,
                "keyed_entries": self.keyed, "published_head": self.published,
                "alerts_checked": self.alerts_checked, "warnings": self.warnings}


_NO_KEY = object()


def verify_entries(items: Iterable[AuditEntry], *, start_seq: int = 1,
                   start_hash: str = GENESIS, key: bytes | object | None = _NO_KEY,
                   key_path: Path | None = None,
                   observe: Callable[[AuditEntry], None] | None = None) -> AuditVerification:
    """Recompute a chain of entries (and, given the key, their HMACs); stop at the first one
    that does not hold. ``observe`` sees each entry that holds."""
    expected_seq, prev, prev_mac = start_seq, start_hash, None
    count = keyed = 0
    check_macs = key is not _NO_KEY
    first_keyed: int | None = None

    def bad(seq: int, problem: str) -> AuditVerification:
        return AuditVerification(False, count, seq, problem, expected_seq - 1, prev, prev_mac,
                                 keyed, problems=[problem])

    for e in items:
        if e.seq != expected_seq:
            if e.seq > expected_seq:
                missing = (f"entry {expected_seq} is missing" if e.seq == expected_seq + 1
                           else f"entries {expected_seq} to {e.seq - 1} are missing")
                return bad(expected_seq, f"{missing} (removed)")
            return bad(e.seq, f"entry {e.seq} is out of order (expected {expected_seq})")
        if e.prev_hash != prev:
            return bad(e.seq, f"entry {e.seq} does not follow entry {e.seq - 1}: the chain is "
                              "broken (an entry was removed, replaced or reordered)")
        digest = entry_hash(e.prev_hash, e.seq, e.ts, e.actor, e.action, e.payload)
        if digest != e.hash:
            return bad(e.seq, f"entry {e.seq} ({e.action}) was altered: its content does not "
                              "give its hash")
        if check_macs:
            if e.mac is None:
                if first_keyed is not None:
                    return bad(e.seq, f"entry {e.seq} ({e.action}) has no HMAC although the "
                                      f"chain is keyed from entry {first_keyed}: it was not "
                                      "written by Sanctio (forged or appended)")
            elif key is None:
                return bad(e.seq, f"entry {e.seq} is signed but the audit key "
                                  f"({key_path or 'audit.key'}) is missing: the HMACs cannot "
                                  "be checked (restore the key file)")
            else:
                assert isinstance(key, bytes)
                if not hmac.compare_digest(entry_mac(key, digest), e.mac):
                    return bad(e.seq, f"entry {e.seq} ({e.action}) fails its HMAC check: it "
                                      "was rewritten (content edited and the chain "
                                      "recomputed) or forged without the audit key")
                keyed += 1
                if first_keyed is None:
                    first_keyed = e.seq
        if observe is not None:
            observe(e)
        count += 1
        expected_seq, prev, prev_mac = e.seq + 1, e.hash, e.mac
    return AuditVerification(True, count, None, None, expected_seq - 1, prev, prev_mac, keyed)


class _AlertStates:
    """Each alert's state (and decisions) as the chain says, from its events in order."""

    def __init__(self) -> None:
        self.state: dict[int, tuple[str, int, str]] = {}  # alert id -> (state, seq, action)
        self.decisions: dict[int, list[tuple[str, str, str]]] = {}

    def __call__(self, e: AuditEntry) -> None:
        p = e.payload
        if not isinstance(p, dict) or not e.action.startswith("alert."):
            return
        try:
            aid = int(p["alert_id"])
        except (KeyError, TypeError, ValueError):
            return
        state: str | None
        if e.action in ("alert.opened", "alert.reopened"):
            state = p.get("state") or "open"
        elif e.action == "alert.closed":
            state = p.get("state") or ("closed_delisted" if "removed" in p
                                       else "closed_customer_removed")
        elif e.action == "alert.decision":
            state = p.get("to")
            if not state:  # not a decision Sanctio wrote (those say the state they lead to)
                return
            self.decisions.setdefault(aid, []).append(
                (str(p.get("decision")), str(p.get("status")), e.actor))
        else:
            state = p.get("state")
        if state:
            self.state[aid] = (str(state), e.seq, e.action)

    def check(self, conn: Connection, result: AuditVerification) -> None:
        table = {int(r[0]): str(r[1]) for r in conn.execute("SELECT id, state FROM alerts")}
        result.alerts_checked = len(table)
        for aid in sorted(table):
            chained = self.state.get(aid)
            if chained is None:
                result.fail(None, f"alert {aid} ({table[aid]}) has no entry in the audit "
                                  "chain: it was written into the alerts table directly")
            elif chained[0] != table[aid]:
                result.fail(chained[1], f"alert {aid} is {table[aid]} in the alerts table but "
                                        f"its last audit entry (entry {chained[1]}, "
                                        f"{chained[2]}) made it {chained[0]}: the alerts "
                                        "table was edited")
        for aid in sorted(set(self.state) - set(table)):
            result.fail(self.state[aid][1], f"alert {aid} was deleted from the alerts table "
                                            f"(its last audit entry is {self.state[aid][1]})")
        rows: dict[int, list[tuple[str, str, str]]] = {}
        for aid, decision, status, actor in conn.execute(
                "SELECT alert_id, decision, status, actor FROM decisions ORDER BY id"):
            rows.setdefault(int(aid), []).append((str(decision), str(status), str(actor)))
        for aid in sorted(set(rows) | set(self.decisions)):
            have, want = rows.get(aid, []), self.decisions.get(aid, [])
            if have != want:
                diff = next((i for i, (a, b) in enumerate(zip(have, want, strict=False))
                             if a != b), min(len(have), len(want)))
                got = "/".join(have[diff]) if diff < len(have) else "nothing"
                chained_d = "/".join(want[diff]) if diff < len(want) else "nothing"
                result.fail(None, f"the decisions of alert {aid} differ from the audit chain: "
                                  f"decision {diff + 1} is {got} in the decisions table, "
                                  f"{chained_d} in the chain: the decisions table was edited")


def _check_head(conn: Connection, result: AuditVerification, want_seq: int,
                want: str, what: str) -> None:
    row = conn.execute("SELECT hash, mac FROM audit_log WHERE seq=?", (want_seq,)).fetchone()
    if row is None:
        if result.head_seq < want_seq:
            have = ("0 entries" if result.head_seq == 0
                    else f"entries up to {result.head_seq} only")
            result.fail(result.head_seq + 1,
                        f"the chain is truncated: it has {have} but {what} is entry "
                        f"{want_seq}: the newest entries were removed (and the anchor "
                        "rewritten)")
        else:
            result.fail(want_seq, f"entry {want_seq} of {what} is missing")
        return
    if want not in (str(row[0]), str(row[1])):
        result.fail(want_seq, f"entry {want_seq} differs from {what}: the log was rewritten "
                              "up to it")


def verify(conn: Connection, *, expected_head: str | None = None,
           check_published: bool = True, check_alerts: bool = True) -> AuditVerification:
    """Verify the whole log: the hash chain, each entry's HMAC under the audit key, the
    anchor, the published head (``check_published``), the current state of the alerts and
    decisions against the chain (``check_alerts``), and ``expected_head`` (``SEQ:HASH`` or
    ``SEQ:HMAC`` kept from an earlier verify or ``audit head``).

    The published head is read first, then everything in the database in one read
    transaction (one snapshot), so that changes committed meanwhile by other processes are
    never mistaken for tampering."""
    ensure_schema(conn)
    published = published_head(conn) if check_published else None
    own = not conn.in_transaction
    if own:
        conn.execute("BEGIN")
    try:
        return _verify(conn, expected_head, check_published, check_alerts, published)
    finally:
        if own and conn.in_transaction:
            conn.execute("COMMIT")


def _verify(conn: Connection, expected_head: str | None, check_published: bool,
            check_alerts: bool, published: dict[str, Any] | None) -> AuditVerification:
    path = key_file(conn)
    key = load_key(conn)
    states = _AlertStates() if check_alerts else None
    sealed: list[AuditEntry] = []

    def observe(e: AuditEntry) -> None:
        if states is not None:
            states(e)
        if e.action == "audit.sealed":
            sealed.append(e)

    result = verify_entries(entries(conn), key=key, key_path=path, observe=observe)
    if not result.ok:
        return result
    anchor = conn.execute("SELECT seq, hash FROM audit_anchor WHERE id=1").fetchone()
    if anchor is not None and (int(anchor[0]), str(anchor[1])) != (result.head_seq,
                                                                    result.head_hash):
        if int(anchor[0]) > result.head_seq:
            return result.fail(result.head_seq + 1,
                               f"the newest entries were removed: the log ends at "
                               f"{result.head_seq} but entry {anchor[0]} was written")
        return result.fail(int(anchor[0]), "the log's head does not match its anchor")
    if anchor is None and result.entries:
        return result.fail(result.head_seq, "the log's anchor was removed")
    if check_published:
        hpath = head_file(conn)
        result.published = published
        if result.published is not None:
            pseq = int(result.published.get("seq", 0))
            if pseq > 0:
                _check_head(conn, result, pseq, str(result.published.get("hmac")),
                            f"the published head ({hpath})")
        elif result.keyed:
            result.warnings.append(
                f"no published head for this registry in {hpath}: a removed tail could not "
                "be detected")
    if expected_head:
        seq_text, _, want = expected_head.partition(":")
        try:
            want_seq = int(seq_text)
        except ValueError as exc:
            raise ValueError("expected head must be SEQ:HASH or SEQ:HMAC") from exc
        _check_head(conn, result, want_seq, want, "the expected head")
    if result.entries and not result.keyed:
        result.warnings.append("no entry is keyed (written before this version of Sanctio): "
                               "the chain is only hash-linked")
    elif result.keyed < result.entries:
        result.warnings.append(f"entries 1 to {result.entries - result.keyed} were written "
                               "before the chain was keyed; the first keyed entry's HMAC "
                               "covers them")
    for e in sealed:
        p = e.payload if isinstance(e.payload, dict) else {}
        table = str(p.get("table"))
        if table not in SEALABLE_TABLES:
            continue
        try:
            digest = table_digest(conn, table, int(p["first_id"]), int(p["last_id"]))
        except _ENTRY_ERRORS:
            digest = None
        if digest != p.get("sha256"):
            result.fail(e.seq, f"rows {p.get('first_id')} to {p.get('last_id')} of {table} "
                               f"differ from their seal (entry {e.seq}): the table was edited")
    if states is not None:
        states.check(conn, result)
    return result


# -------------------------------------------------------------------------- exporting


def export(conn: Connection, out: IO[str], *, since: str | None = None,
           until: str | None = None, fmt: str = "jsonl") -> int:
    """Write the entries of a period to ``out`` (``jsonl``: one entry per line with its
    hashes, so an exported segment can be verified on its own; ``csv``). Returns the count."""
    count = 0
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(["seq", "ts", "actor", "action", "payload", "prev_hash", "hash",
                         "hmac"])
        for e in entries(conn, since=since, until=until):
            writer.writerow([e.seq, e.ts, e.actor, e.action, canonical(e.payload).decode(),
                             e.prev_hash, e.hash, e.mac or ""])
            count += 1
    elif fmt == "jsonl":
        for e in entries(conn, since=since, until=until):
            out.write(orjson.dumps(e.to_dict(), option=orjson.OPT_SORT_KEYS).decode() + "\n")
            count += 1
    else:
        raise ValueError(f"unknown export format {fmt!r}; use jsonl or csv")
    return count


def read_export(path: Path) -> list[AuditEntry]:
    """Entries from a JSONL export (for verifying an exported segment)."""
    out = []
    with path.open("rb") as f:
        for line in f:
            if line.strip():
                d = orjson.loads(line)
                out.append(AuditEntry(int(d["seq"]), d["ts"], d["actor"], d["action"],
                                      d["payload"], d["prev_hash"], d["hash"], d.get("hmac")))
    return out


def verify_export(path: Path, key: bytes | object | None = _NO_KEY) -> AuditVerification:
    """Verify an exported segment: its entries must chain from the first one's prev_hash
    (and, given the audit key, carry their HMACs)."""
    items = read_export(path)
    if not items:
        return AuditVerification(True, 0)
    return verify_entries(items, start_seq=items[0].seq, start_hash=items[0].prev_hash,
                          key=key)


def record_load(conn: Connection, result: Any, actor: str | None = None) -> AuditEntry:
    """Write a list load (a :class:`sanctio.registry.LoadResult`, any status) to the trail."""
    v, prev = result.version, result.previous
    return record_audit(conn, actor, "list.load", {
        "list": result.list_id, "status": result.status,
        "version": v.label if v else None, "version_id": v.id if v else None,
        "sha256": v.sha256 if v else None, "records": v.record_count if v else None,
        "file": v.file_name if v else None, "previous": prev.label if prev else None,
        "error": result.error,
    })
