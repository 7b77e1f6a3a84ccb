"""The audit trail: an append-only log in the registry database, each entry chained to the one
before it by a hash.

An entry is ``(seq, ts, actor, action, payload)``; its hash is
``sha256(prev_hash + canonical JSON of {seq, ts, actor, action, payload})`` where the canonical
JSON has sorted keys and no whitespace, and ``prev_hash`` of the first entry is 64 zeros. So:

- editing any field of an entry changes its hash (the stored hash no longer matches);
- removing an entry leaves a gap in ``seq`` and breaks the next entry's ``prev_hash``;
- reordering entries (moving content between sequence numbers) changes their hashes;
- removing the newest entries is caught by the anchor (``audit_anchor``: the head's seq and
  hash, written in the same transaction as each entry) and, against someone who rewrites the
  anchor too, by comparing with a head kept elsewhere (``sanctio audit verify --head SEQ:HASH``;
  ``audit verify`` prints the current head for that purpose).

:func:`record_audit` is the one way to write an entry; it joins the caller's transaction when
one is open (so a list load and its audit entry commit together) and opens its own otherwise.
"""

from __future__ import annotations

import csv
import hashlib
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import IO, Any

import orjson

from sanctio.monitor import default_actor, ensure_schema, now_iso, transaction

GENESIS = "0" * 64

# the actions Sanctio writes (others may be added by callers; the chain does not care)
ACTIONS = (
    "list.load", "list.rescreen", "portfolio.import", "screening.run", "alert.opened",
    "alert.reopened", "alert.updated", "alert.closed", "alert.decision", "audit.export",
    "settings.changed",
)


def canonical(data: Any) -> bytes:
    """Canonical JSON: sorted keys, no whitespace, UTF-8 (non-JSON values as strings)."""
    return orjson.dumps(data, option=orjson.OPT_SORT_KEYS | orjson.OPT_NON_STR_KEYS,
                        default=str)


def entry_hash(prev_hash: str, seq: int, ts: str, actor: str, action: str,
               payload: Any) -> str:
    body = canonical({"seq": seq, "ts": ts, "actor": actor, "action": action,
                      "payload": payload})
    return hashlib.sha256(prev_hash.encode("ascii") + body).hexdigest()


@dataclass(slots=True)
class AuditEntry:
    seq: int
    ts: str
    actor: str
    action: str
    payload: Any
    prev_hash: str
    hash: str

    def to_dict(self) -> dict[str, Any]:
        return {"seq": self.seq, "ts": self.ts, "actor": self.actor, "action": self.action,
                "payload": self.payload, "prev_hash": self.prev_hash, "hash": self.hash}


def record_audit(conn: sqlite3.Connection, actor: str | None, action: str,
                 payload: Any = None) -> AuditEntry:
    """Append one entry to the audit log and return it.

    ``payload`` is any JSON-serialisable value (dicts are stored with sorted keys). Joins the
    transaction open on ``conn``, if any; otherwise writes in its own ``BEGIN IMMEDIATE``
    transaction, which serialises concurrent writers so the chain never forks."""
    ensure_schema(conn)
    actor = actor or default_actor()
    # normalise the payload to what JSON gives back, so verification recomputes the same bytes
    data = orjson.loads(canonical(payload))
    with transaction(conn):
        row = conn.execute(
            "SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
        seq, prev = (int(row[0]) + 1, str(row[1])) if row is not None else (1, GENESIS)
        ts = now_iso()
        digest = entry_hash(prev, seq, ts, actor, action, data)
        conn.execute(
            "INSERT INTO audit_log (seq, ts, actor, action, payload, prev_hash, hash) "
            "VALUES (?,?,?,?,?,?,?)",
            (seq, ts, actor, action, canonical(data).decode(), prev, digest))
        conn.execute("INSERT OR REPLACE INTO audit_anchor (id, seq, hash) VALUES (1, ?, ?)",
                     (seq, digest))
    return AuditEntry(seq, ts, actor, action, data, prev, digest)


# --------------------------------------------------------------------------- reading


def _entry(row: sqlite3.Row | tuple[Any, ...]) -> AuditEntry:
    seq, ts, actor, action, payload, prev_hash, digest = tuple(row)
    try:
        data = orjson.loads(payload)
    except orjson.JSONDecodeError:
        data = {"__unreadable__": str(payload)}
    return AuditEntry(int(seq), str(ts), str(actor), str(action), data, str(prev_hash),
                      str(digest))


def _bounds(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """``until`` given as a date includes the whole day."""
    end = until
    if until is not None and len(until) == 10:
        end = (date.fromisoformat(until) + timedelta(days=1)).isoformat()
        return since, end
    return since, (until + "\uffff") if until else None


def entries(conn: sqlite3.Connection, *, since: str | None = None, until: str | None = None,
            action: str | None = None) -> Iterator[AuditEntry]:
    """Entries in sequence order, optionally those of a period (ISO dates or timestamps)."""
    ensure_schema(conn)
    lo, hi = _bounds(since, until)
    sql = "SELECT seq, ts, actor, action, payload, prev_hash, hash FROM audit_log WHERE 1=1"
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


def head(conn: sqlite3.Connection) -> tuple[int, str]:
    """The newest entry's (seq, hash), (0, GENESIS) for an empty log."""
    ensure_schema(conn)
    row = conn.execute("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1").fetchone()
    return (int(row[0]), str(row[1])) if row is not None else (0, GENESIS)


# -------------------------------------------------------------------------- verifying


@dataclass(slots=True)
class AuditVerification:
    ok: bool
    entries: int
    first_bad_seq: int | None = None
    problem: str | None = None
    head_seq: int = 0
    head_hash: str = GENESIS

    def to_dict(self) -> dict[str, Any]:
        return {"ok": self.ok, "entries": self.entries, "first_bad_seq": self.first_bad_seq,
                "problem": self.problem, "head": f"{self.head_seq}:{self.head_hash}"}


def verify_entries(items: Iterable[AuditEntry], *, start_seq: int = 1,
                   start_hash: str = GENESIS) -> AuditVerification:
    """Recompute a chain of entries; stop at the first one that does not hold."""
    expected_seq, prev = start_seq, start_hash
    count = 0
    for e in items:
        if e.seq != expected_seq:
            if e.seq > expected_seq:
                missing = (f"entry {expected_seq} is missing" if e.seq == expected_seq + 1
                           else f"entries {expected_seq} to {e.seq - 1} are missing")
                return AuditVerification(False, count, expected_seq,
                                         f"{missing} (removed)", expected_seq - 1, prev)
            return AuditVerification(False, count, e.seq,
                                     f"entry {e.seq} is out of order (expected {expected_seq})",
                                     expected_seq - 1, prev)
        if e.prev_hash != prev:
            return AuditVerification(
                False, count, e.seq,
                f"entry {e.seq} does not follow entry {e.seq - 1}: the chain is broken "
                "(an entry was removed, replaced or reordered)", expected_seq - 1, prev)
        digest = entry_hash(e.prev_hash, e.seq, e.ts, e.actor, e.action, e.payload)
        if digest != e.hash:
            return AuditVerification(
                False, count, e.seq,
                f"entry {e.seq} ({e.action}) was altered: its content does not give its hash",
                expected_seq - 1, prev)
        count += 1
        expected_seq, prev = e.seq + 1, e.hash
    return AuditVerification(True, count, None, None, expected_seq - 1, prev)


def verify(conn: sqlite3.Connection, *, expected_head: str | None = None) -> AuditVerification:
    """Verify the whole log. ``expected_head`` (``SEQ:HASH`` kept from an earlier verify) also
    proves that nothing up to that entry was rewritten or cut off."""
    ensure_schema(conn)
    result = verify_entries(entries(conn))
    if not result.ok:
        return result
    anchor = conn.execute("SELECT seq, hash FROM audit_anchor WHERE id=1").fetchone()
    if anchor is not None and (int(anchor[0]), str(anchor[1])) != (result.head_seq,
                                                                    result.head_hash):
        if int(anchor[0]) > result.head_seq:
            return AuditVerification(
                False, result.entries, result.head_seq + 1,
                f"the newest entries were removed: the log ends at {result.head_seq} but "
                f"entry {anchor[0]} was written", result.head_seq, result.head_hash)
        return AuditVerification(False, result.entries, int(anchor[0]),
                                 "the log's head does not match its anchor",
                                 result.head_seq, result.head_hash)
    if anchor is None and result.entries:
        return AuditVerification(False, result.entries, result.head_seq,
                                 "the log's anchor was removed", result.head_seq,
                                 result.head_hash)
    if expected_head:
        seq_text, _, want = expected_head.partition(":")
        try:
            want_seq = int(seq_text)
        except ValueError as exc:
            raise ValueError("expected head must be SEQ:HASH") from exc
        row = conn.execute("SELECT hash FROM audit_log WHERE seq=?", (want_seq,)).fetchone()
        if row is None:
            return AuditVerification(False, result.entries, want_seq,
                                     f"entry {want_seq} of the expected head is missing",
                                     result.head_seq, result.head_hash)
        if str(row[0]) != want:
            return AuditVerification(False, result.entries, want_seq,
                                     f"entry {want_seq} differs from the expected head: the "
                                     "log was rewritten up to it", result.head_seq,
                                     result.head_hash)
    return result


# -------------------------------------------------------------------------- exporting


def export(conn: sqlite3.Connection, out: IO[str], *, since: str | None = None,
           until: str | None = None, fmt: str = "jsonl") -> int:
    """Write the entries of a period to ``out`` (``jsonl``: one entry per line with its
    hashes, so an exported segment can be verified on its own; ``csv``). Returns the count."""
    count = 0
    if fmt == "csv":
        writer = csv.writer(out)
        writer.writerow(["seq", "ts", "actor", "action", "payload", "prev_hash", "hash"])
        for e in entries(conn, since=since, until=until):
            writer.writerow([e.seq, e.ts, e.actor, e.action, canonical(e.payload).decode(),
                             e.prev_hash, e.hash])
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
                                      d["payload"], d["prev_hash"], d["hash"]))
    return out


def verify_export(path: Path) -> AuditVerification:
    """Verify an exported segment: its entries must chain from the first one's prev_hash."""
    items = read_export(path)
    if not items:
        return AuditVerification(True, 0)
    return verify_entries(items, start_seq=items[0].seq, start_hash=items[0].prev_hash)


def record_load(conn: sqlite3.Connection, result: Any, actor: str | None = None) -> AuditEntry:
    """Write a list load (a :class:`sanctio.registry.LoadResult`, any status) to the trail."""
    v, prev = result.version, result.previous
    return record_audit(conn, actor, "list.load", {
        "list": result.list_id, "status": result.status,
        "version": v.label if v else None, "version_id": v.id if v else None,
        "sha256": v.sha256 if v else None, "records": v.record_count if v else None,
        "file": v.file_name if v else None, "previous": prev.label if prev else None,
        "error": result.error,
    })
