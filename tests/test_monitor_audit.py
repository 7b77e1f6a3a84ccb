"""The audit trail: hash chain, tamper detection on the real SQLite file, export."""

from __future__ import annotations

import io
import itertools
from pathlib import Path
from typing import Any

import orjson
import pytest

from sanctio.monitor import transaction
from sanctio.monitor.audit import (
    GENESIS,
    entries,
    export,
    head,
    record_audit,
    verify,
    verify_export,
)

from .conftest import both_back_ends, connect_db

pytestmark = both_back_ends


def _connect(path: Path) -> Any:
    return connect_db(path, wal=True)


@pytest.fixture()
def db(tmp_path: Path) -> Path:
    path = tmp_path / "sanctio.db"
    conn = _connect(path)
    for i in range(10):
        record_audit(conn, "alice" if i % 2 else "bob", "alert.decision",
                     {"alert_id": i, "decision": "false_positive", "reason": f"reason {i}",
                      "nested": {"b": [1, 2], "a": "x"}})
    conn.close()
    return path


def test_chain_links_every_entry(db: Path) -> None:
    conn = _connect(db)
    items = list(entries(conn))
    assert [e.seq for e in items] == list(range(1, 11))
    assert items[0].prev_hash == GENESIS
    for a, b in itertools.pairwise(items):
        assert b.prev_hash == a.hash
    result = verify(conn)
    assert result.ok and result.entries == 10 and result.first_bad_seq is None
    assert (result.head_seq, result.head_hash) == head(conn) == (10, items[-1].hash)


def test_edited_entry_is_detected(db: Path) -> None:
    conn = _connect(db)
    payload = conn.execute("SELECT payload FROM audit_log WHERE seq=4").fetchone()[0]
    forged = payload.replace("false_positive", "true_match")
    assert forged != payload
    conn.execute("UPDATE audit_log SET payload=? WHERE seq=4", (forged,))
    result = verify(conn)
    assert not result.ok
    assert result.first_bad_seq == 4
    assert "altered" in (result.problem or "")
    assert result.entries == 3


def test_edited_actor_or_time_is_detected(db: Path) -> None:
    conn = _connect(db)
    actor = conn.execute("SELECT actor FROM audit_log WHERE seq=7").fetchone()[0]
    conn.execute("UPDATE audit_log SET actor='mallory' WHERE seq=7")
    assert verify(conn).first_bad_seq == 7
    conn.execute("UPDATE audit_log SET actor=? WHERE seq=7", (actor,))
    assert verify(conn).ok
    conn.execute("UPDATE audit_log SET ts='2020-01-01T00:00:00.000000+00:00' WHERE seq=2")
    assert verify(conn).first_bad_seq == 2


def test_removed_entry_is_detected(db: Path) -> None:
    conn = _connect(db)
    conn.execute("DELETE FROM audit_log WHERE seq=5")
    result = verify(conn)
    assert not result.ok and result.first_bad_seq == 5
    assert "missing" in (result.problem or "")


def test_removed_entry_with_renumbering_is_detected(db: Path) -> None:
    # a careful forger closes the gap by renumbering the later entries
    conn = _connect(db)
    conn.execute("DELETE FROM audit_log WHERE seq=5")
    conn.execute("UPDATE audit_log SET seq = seq + 1000 WHERE seq > 5")
    conn.execute("UPDATE audit_log SET seq = seq - 1001 WHERE seq > 1000")
    result = verify(conn)
    assert not result.ok and result.first_bad_seq == 5
    assert "chain is broken" in (result.problem or "")


def test_reordered_entries_are_detected(db: Path) -> None:
    conn = _connect(db)
    rows = {r[0]: r[1:] for r in conn.execute(
        "SELECT seq, ts, actor, action, payload, prev_hash, hash FROM audit_log "
        "WHERE seq IN (3, 6)")}
    for seq, other in ((3, 6), (6, 3)):
        conn.execute("UPDATE audit_log SET ts=?, actor=?, action=?, payload=?, prev_hash=?, "
                     "hash=? WHERE seq=?", (*rows[other], seq))
    result = verify(conn)
    assert not result.ok and result.first_bad_seq == 3


def test_truncated_tail_is_detected(db: Path) -> None:
    conn = _connect(db)
    conn.execute("DELETE FROM audit_log WHERE seq >= 9")
    result = verify(conn)
    assert not result.ok and result.first_bad_seq == 9
    assert "newest entries were removed" in (result.problem or "")


def test_rewritten_log_is_caught_by_a_head_kept_elsewhere(db: Path) -> None:
    conn = _connect(db)
    kept = verify(conn)
    kept_head = f"{kept.head_seq}:{kept.head_hash}"
    # a forger rebuilds the whole chain (and the anchor) with an edited entry
    conn.execute("DELETE FROM audit_log")
    conn.execute("DELETE FROM audit_anchor")
    for i in range(10):
        record_audit(conn, "alice" if i % 2 else "bob", "alert.decision",
                     {"alert_id": i, "decision": "true_match"})
    # the chain itself holds (the forger used the key here) ...
    assert verify(conn, check_published=False).ok
    result = verify(conn, expected_head=kept_head, check_published=False)
    assert not result.ok and result.first_bad_seq == 10  # ... but not against the kept head
    assert verify(_connect(db), expected_head="10:" + verify(conn).head_hash,
                  check_published=False).ok
    # nor against the head published outside the database at every change
    published = verify(conn)
    assert not published.ok and published.first_bad_seq == 10
    assert "published head" in (published.problem or "")


def test_audit_joins_the_callers_transaction(tmp_path: Path) -> None:
    conn = _connect(tmp_path / "db.sqlite")
    record_audit(conn, "alice", "list.load", {"list": "us-ofac"})
    with pytest.raises(RuntimeError), transaction(conn):
        record_audit(conn, "alice", "list.load", {"list": "un"})
        raise RuntimeError("load failed")
    assert [e.payload["list"] for e in entries(conn)] == ["us-ofac"]
    entry = record_audit(conn, None, "list.load", {"list": "eu"})
    assert entry.seq == 2 and verify(conn).ok


def test_two_connections_append_one_chain(tmp_path: Path) -> None:
    a, b = _connect(tmp_path / "db.sqlite"), _connect(tmp_path / "db.sqlite")
    for i in range(20):
        record_audit(a if i % 3 else b, "svc", "screening.run", {"i": i})
    assert verify(a).ok and verify(a).entries == 20


def test_export_period_and_verify_segment(db: Path, tmp_path: Path) -> None:
    conn = _connect(db)
    ts = [e.ts for e in entries(conn)]
    buf = io.StringIO()
    n = export(conn, buf, since=ts[3], until=ts[7])
    assert n == 5
    lines = [orjson.loads(x) for x in buf.getvalue().splitlines()]
    assert [x["seq"] for x in lines] == [4, 5, 6, 7, 8]
    seg = tmp_path / "segment.jsonl"
    seg.write_text(buf.getvalue())
    assert verify_export(seg).ok
    lines[2]["payload"]["reason"] = "edited after export"
    seg.write_text("\n".join(orjson.dumps(x).decode() for x in lines) + "\n")
    bad = verify_export(seg)
    assert not bad.ok and bad.first_bad_seq == 6
    day = ts[0][:10]
    assert export(conn, io.StringIO(), since=day, until=day) == 10
    csv_buf = io.StringIO()
    assert export(conn, csv_buf, fmt="csv") == 10
    assert csv_buf.getvalue().splitlines()[0] == (
        "seq,ts,actor,action,payload,prev_hash,hash,hmac")
