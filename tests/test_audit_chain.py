"""One audit chain that cannot be rewritten quietly (issue 11).

Every screening (CLI `screen`, `screen-file`, the API's /match and /search, portfolio runs) is
an entry of the one chain; the chain is keyed (an HMAC secret outside the database), its head
is published outside the database, and `audit verify` checks the alerts and decisions tables
against it. Each tampering case is done on the real SQLite file and caught by the real CLI in
a subprocess. Runs on the built-in sample list (no list files needed) except the service test.
"""

from __future__ import annotations

import csv
import json
import os
import secrets
import stat
import subprocess
import sys
import time
import tomllib
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from sanctio.cli import app
from sanctio.contract import Query
from sanctio.monitor.audit import GENESIS, entry_hash, query_hash

from .conftest import both_back_ends, connect_db

pytestmark = both_back_ends
ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()


def sanctio(home: Path, *args: str, env: dict[str, str] | None = None,
            check: bool = False) -> subprocess.CompletedProcess[str]:
    """The real `sanctio` command in its own process."""
    full_env = {**os.environ, "SANCTIO_HOME": str(home), "SANCTIO_USER": "alice",
                "COLUMNS": "200", **(env or {})}
    proc = subprocess.run([sys.executable, "-m", "sanctio.cli", *args], capture_output=True,
                          text=True, timeout=180, env=full_env)
    if check:
        assert proc.returncode == 0, proc.stdout + proc.stderr
    return proc


def invoke(*args: str) -> str:
    """A quick in-process call of the same CLI (for setting up a registry)."""
    result = runner.invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code == 0, result.stdout
    return result.stdout


def chain(home: Path) -> list[dict[str, Any]]:
    conn = connect_db(home / "sanctio.db")
    try:
        return [{"seq": r[0], "actor": r[1], "action": r[2], "payload": json.loads(r[3]),
                 "mac": r[4]} for r in conn.execute(
            "SELECT seq, actor, action, payload, mac FROM audit_log ORDER BY seq")]
    finally:
        conn.close()


def verify(home: Path, *args: str, env: dict[str, str] | None = None
           ) -> subprocess.CompletedProcess[str]:
    return sanctio(home, "audit", "verify", *args, env=env)


def recompute(conn: Any, start: int) -> None:
    """What a forger with database access (but not the key) does after an edit: recompute the
    hash chain from ``start`` and rewrite the anchor, so that the plain hash chain holds."""
    row = conn.execute("SELECT hash FROM audit_log WHERE seq=?", (start - 1,)).fetchone()
    prev = row[0] if row else GENESIS
    for seq, ts, actor, action, payload in conn.execute(
            "SELECT seq, ts, actor, action, payload FROM audit_log WHERE seq >= ? ORDER BY seq",
            (start,)).fetchall():
        digest = entry_hash(prev, seq, ts, actor, action, json.loads(payload))
        conn.execute("UPDATE audit_log SET prev_hash=?, hash=? WHERE seq=?", (prev, digest, seq))
        prev = digest
    last = conn.execute("SELECT MAX(seq) FROM audit_log").fetchone()[0]
    conn.execute("DELETE FROM audit_anchor")
    if last is not None:
        conn.execute("INSERT INTO audit_anchor (id, seq, hash) VALUES (1, ?, ?)", (last, prev))


@pytest.fixture()
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    h = tmp_path / "registry"
    monkeypatch.setenv("SANCTIO_HOME", str(h))
    monkeypatch.setenv("SANCTIO_USER", "alice")
    monkeypatch.delenv("SANCTIO_AUDIT_KEY_FILE", raising=False)
    monkeypatch.delenv("SANCTIO_AUDIT_HEAD_FILE", raising=False)
    return h


@pytest.fixture()
def monitored(home: Path, tmp_path: Path) -> tuple[Path, int]:
    """A registry (built-in sample list) with a portfolio, a screening run, and an alert that
    bob escalated as a true match (freeze)."""
    customers = tmp_path / "customers.csv"
    with customers.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows([["ref", "name", "dob"], ["K1", "Mohamed Alkani", "1979-05-03"],
                                 ["K2", "Peter Lindqvist", "1980"]])
    invoke("portfolio", "import", str(customers))
    invoke("portfolio", "screen", "--workers", "1")
    alerts = json.loads(invoke("alerts", "list", "--json"))
    aid = next(a["id"] for a in alerts if a["customer_id"] == "K1")
    invoke("alerts", "decide", str(aid), "true-match", "--measure", "freeze", "--by", "bob",
           "--reason", "same person: passport")
    return home, int(aid)


# ------------------------------------------------------------------ every screening, one chain


def test_cli_screen_and_screen_file_are_entries_of_the_chain(home: Path,
                                                            tmp_path: Path) -> None:
    proc = sanctio(home, "screen", "Mohamed al-Kani", "--json", check=True)
    result = json.loads(proc.stdout)
    entry = chain(home)[-1]
    assert entry["action"] == "screening.cli" and entry["actor"] == "alice"
    p = entry["payload"]
    assert (p["command"], p["queries"], p["alerts"]) == ("screen", 1, 1)
    assert p["list_versions"] == result["list_versions"]
    assert p["query_hashes"] == [query_hash(Query.build("Mohamed al-Kani").to_dict())]
    assert "al-Kani" not in json.dumps(p) and "query_data" not in p  # only its hash
    assert entry["mac"]  # keyed

    invoke("screen", "Jane Roe", "--store-queries")
    p = chain(home)[-1]["payload"]
    assert p["alerts"] == 0 and p["query_data"][0]["name"] == "Jane Roe"

    rows = [["name", "ref"]] + [[f"Person Number {i}", f"r{i}"] for i in range(300)]
    rows.append(["Mohamed al-Kani", "hit"])
    src = tmp_path / "in.csv"
    with src.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    before = len(chain(home))
    sanctio(home, "screen-file", str(src), "--output", str(tmp_path / "out.jsonl"), check=True)
    added = chain(home)[before:]
    assert len(added) == 1  # one entry per run, never one per row
    p = added[0]["payload"]
    assert added[0]["action"] == "screening.batch" and added[0]["actor"] == "alice"
    assert (p["command"], p["status"], p["queries"], p["alerts"], p["errors"]) == (
        "screen-file", "completed", 301, 1, 0)
    assert p["input"] == str(src.resolve()) and len(p["input_sha256"]) == 64
    assert "Person Number" not in json.dumps(p)
    assert set(p["list_versions"]) == set(result["list_versions"])
    ok = verify(home)
    assert ok.returncode == 0 and "OK" in ok.stdout, ok.stdout + ok.stderr


def test_portfolio_runs_and_decisions_are_entries_with_counts(monitored: tuple[Path, int]
                                                              ) -> None:
    home, aid = monitored
    entries = chain(home)
    run = next(e for e in entries if e["action"] == "screening.run")
    assert (run["payload"]["queries"], run["payload"]["alerts"]) == (2, 1)
    assert run["payload"]["list_versions"]
    opened = next(e for e in entries if e["action"] == "alert.opened")
    assert opened["payload"]["alert_id"] == aid and opened["payload"]["state"] == "open"
    decision = entries[-1]
    assert decision["action"] == "alert.decision" and decision["actor"] == "bob"
    assert decision["payload"]["to"] == "escalated"
    assert all(e["mac"] for e in entries)
    proc = verify(home)
    assert proc.returncode == 0, proc.stderr
    assert "1 alerts match it" in proc.stdout


# ----------------------------------------------------------------- the key and the head


def test_key_outside_the_database_and_the_published_head(monitored: tuple[Path, int]) -> None:
    home, _ = monitored
    key, head_file = home.parent / "audit.key", home.parent / "audit.head"
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    secret = key.read_text().strip()
    assert len(bytes.fromhex(secret)) == 32
    if not os.environ.get("SANCTIO_DB"):  # on PostgreSQL there is no file to look into
        assert secret.encode() not in (home / "sanctio.db").read_bytes()
    last = chain(home)[-1]
    published = json.loads(head_file.read_text())[str((home / "sanctio.db").resolve())]
    assert (published["seq"], published["hmac"]) == (last["seq"], last["mac"])
    proc = sanctio(home, "audit", "head", check=True)
    assert proc.stdout.strip() == f"{last['seq']}:{last['mac']}"
    data = json.loads(sanctio(home, "audit", "head", "--json", check=True).stdout)
    assert data["published"]["seq"] == last["seq"] and data["key_file"] == str(key)
    # the printed head, kept elsewhere, is accepted by verify --head
    assert verify(home, "--head", proc.stdout.strip()).returncode == 0
    # every change publishes the new head
    invoke("screen", "Someone Else")
    published = json.loads(head_file.read_text())[str((home / "sanctio.db").resolve())]
    assert published["seq"] == last["seq"] + 1


def test_key_and_head_files_from_the_environment(home: Path, tmp_path: Path) -> None:
    env = {"SANCTIO_AUDIT_KEY_FILE": str(tmp_path / "secrets" / "k"),
           "SANCTIO_AUDIT_HEAD_FILE": str(tmp_path / "heads" / "h.json")}
    sanctio(home, "screen", "Mohamed al-Kani", env=env, check=True)
    assert stat.S_IMODE((tmp_path / "secrets" / "k").stat().st_mode) == 0o600
    assert not (home.parent / "audit.key").exists()
    heads = json.loads((tmp_path / "heads" / "h.json").read_text())
    assert next(iter(heads.values()))["seq"] == chain(home)[-1]["seq"]
    assert verify(home, env=env).returncode == 0
    # without the key the signed entries cannot be checked: a failure, not an OK
    bad = verify(home)
    assert bad.returncode == 1 and "audit key" in bad.stderr and "missing" in bad.stderr
    # nor is a new key made up for them: nothing is recorded (or screened) until it is back
    refused = sanctio(home, "screen", "Mohamed al-Kani")
    assert refused.returncode == 1 and "audit key" in refused.stderr
    assert "restore the key file" in refused.stderr and not (home.parent / "audit.key").exists()


def test_each_new_head_can_be_posted_to_the_webhook(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from sanctio.monitor import webhook
    from sanctio.monitor.audit import head_mac, record_audit

    monkeypatch.setenv("SANCTIO_AUDIT_HEAD_WEBHOOK", "1")
    (tmp_path / "reg").mkdir()
    conn = connect_db(tmp_path / "reg" / "sanctio.db")
    webhook.configure(conn, "http://127.0.0.1:9/hook", "s3cret", actor="ops")
    record_audit(conn, "alice", "settings.changed", {"x": 1})
    seq, mac = head_mac(conn)
    posted = [json.loads(r[0]) for r in conn.execute(
        "SELECT payload FROM webhook_outbox WHERE event='audit.head' ORDER BY id")]
    assert [p["seq"] for p in posted] == [1, 2]  # one per change, in order
    assert posted[-1]["hmac"] == mac and seq == 2
    assert posted[-1]["registry"] == str((tmp_path / "reg" / "sanctio.db").resolve())


def test_verify_while_another_process_writes(monitored: tuple[Path, int]) -> None:
    """Entries committed (and their heads published) during a verify are not tampering."""
    home, aid = monitored
    code = ("import sys\n"
            "from sanctio.registry import Registry\n"
            "from sanctio.monitor.alerts import decide\n"
            "reg = Registry(sys.argv[1])\n"
            "for i in range(30):\n"
            "    decide(reg.conn, int(sys.argv[2]), 'reopen' if i % 2 == 0 else 'true_match',\n"
            "           actor='carol' if i % 2 else 'dave', reason=f'round {i}')\n")
    writer = subprocess.Popen([sys.executable, "-c", code, str(home), str(aid)],
                              env={**os.environ, "SANCTIO_USER": "carol"})
    from sanctio.monitor.audit import verify as verify_now

    conn = connect_db(home / "sanctio.db")
    checks = 0
    try:
        while writer.poll() is None or checks == 0:
            result = verify_now(conn)
            assert result.ok, result.problems
            checks += 1
    finally:
        writer.wait(timeout=120)
    assert writer.returncode == 0
    assert verify_now(conn).ok and chain(home)[-1]["actor"] == "carol"


# ----------------------------------------------------------------- tampering, each caught


def test_deleting_the_whole_log_and_its_anchor_is_caught(monitored: tuple[Path, int]) -> None:
    home, _ = monitored
    n = len(chain(home))
    with connect_db(home / "sanctio.db") as conn:
        conn.execute("DELETE FROM audit_log")
        conn.execute("DELETE FROM audit_anchor")
    proc = verify(home)
    assert proc.returncode == 1, proc.stdout  # was "OK: 0 entries"
    assert "TAMPERED" in proc.stderr and "truncated" in proc.stderr
    assert "0 entries" in proc.stderr and f"entry {n}" in proc.stderr


def test_deleting_the_tail_and_rewriting_the_anchor_is_caught(monitored: tuple[Path, int]
                                                              ) -> None:
    home, _ = monitored
    n = len(chain(home))
    with connect_db(home / "sanctio.db") as conn:
        conn.execute("DELETE FROM audit_log WHERE seq > ?", (n - 2,))
        recompute(conn, n - 1)  # the anchor now names entry n-2
    proc = verify(home)
    assert proc.returncode == 1
    assert "truncated" in proc.stderr and f"entries up to {n - 2}" in proc.stderr
    assert f"entry {n}" in proc.stderr


def test_an_edited_payload_with_the_chain_recomputed_is_caught(monitored: tuple[Path, int]
                                                               ) -> None:
    home, _ = monitored
    seq = next(e["seq"] for e in chain(home) if e["action"] == "screening.run")
    with connect_db(home / "sanctio.db") as conn:
        payload = conn.execute("SELECT payload FROM audit_log WHERE seq=?", (seq,)).fetchone()[0]
        data = json.loads(payload)
        data["alerting"] = data["alerts"] = 0
        conn.execute("UPDATE audit_log SET payload=? WHERE seq=?",
                     (json.dumps(data, sort_keys=True, separators=(",", ":")), seq))
        recompute(conn, seq)
    proc = verify(home)
    assert proc.returncode == 1
    assert f"entry {seq} (screening.run)" in proc.stderr and "HMAC" in proc.stderr


def test_a_forged_entry_appended_is_caught(monitored: tuple[Path, int]) -> None:
    home, aid = monitored
    n = len(chain(home))
    with connect_db(home / "sanctio.db") as conn:
        ts, prev = conn.execute("SELECT ts, hash FROM audit_log WHERE seq=?", (n,)).fetchone()
        payload = {"alert_id": aid, "decision": "reopen", "status": "applied",
                   "from": "escalated", "to": "open", "reason": "forged"}
        digest = entry_hash(prev, n + 1, ts, "mallory", "alert.decision", payload)
        for mac in (secrets.token_hex(32), None):  # a made-up HMAC, or none at all
            conn.execute("DELETE FROM audit_log WHERE seq=?", (n + 1,))
            conn.execute(
                "INSERT INTO audit_log (seq, ts, actor, action, payload, prev_hash, hash, mac) "
                "VALUES (?,?,?,?,?,?,?,?)",
                (n + 1, ts, "mallory", "alert.decision",
                 json.dumps(payload, sort_keys=True, separators=(",", ":")), prev, digest, mac))
            conn.execute("UPDATE audit_anchor SET seq=?, hash=?", (n + 1, digest))
            conn.commit()
            proc = verify(home)
            assert proc.returncode == 1
            assert f"entry {n + 1} (alert.decision)" in proc.stderr
            assert ("HMAC" in proc.stderr) and ("forged" in proc.stderr)


def test_an_alert_edited_in_its_table_is_caught(monitored: tuple[Path, int]) -> None:
    home, aid = monitored
    last = chain(home)[-1]["seq"]
    with connect_db(home / "sanctio.db") as conn:
        conn.execute("UPDATE alerts SET state='closed_false_positive', measure=NULL, "
                     "reason='not him' WHERE id=?", (aid,))
    proc = verify(home)
    assert proc.returncode == 1
    assert (f"alert {aid} is closed_false_positive in the alerts table but its last audit "
            f"entry (entry {last}, alert.decision) made it escalated") in proc.stderr
    # put back, verify holds again; then the decision itself is rewritten
    with connect_db(home / "sanctio.db") as conn:
        conn.execute("UPDATE alerts SET state='escalated' WHERE id=?", (aid,))
    assert verify(home).returncode == 0
    with connect_db(home / "sanctio.db") as conn:
        conn.execute("UPDATE decisions SET decision='false_positive', actor='mallory' "
                     "WHERE alert_id=?", (aid,))
    proc = verify(home, "--json")
    result = json.loads(proc.stdout)
    assert proc.returncode == 1 and not result["ok"]
    assert f"the decisions of alert {aid} differ from the audit chain" in result["problem"]
    # an alert written into the table directly has no chained event
    with connect_db(home / "sanctio.db") as conn:
        conn.execute("UPDATE decisions SET decision='true_match', actor='bob'")
        conn.execute("INSERT INTO alerts (customer_id, entity_id, state, score, opened_at, "
                     "updated_at) VALUES ('K2', 'x', 'closed_false_positive', 0.9, 'a', 'a')")
    proc = verify(home)
    assert proc.returncode == 1 and "has no entry in the audit chain" in proc.stderr


def test_an_exported_segment_carries_its_hmacs(monitored: tuple[Path, int],
                                              tmp_path: Path) -> None:
    home, _ = monitored
    out = tmp_path / "audit.jsonl"
    sanctio(home, "audit", "export", str(out), check=True)
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert all(len(x["hmac"]) == 64 for x in lines)
    assert verify(home, "--file", str(out)).returncode == 0
    # edited after export, hashes recomputed: the HMAC gives it away
    run = next(x for x in lines if x["action"] == "screening.run")
    run["payload"]["alerts"] = 0
    prev = run["prev_hash"]
    for x in lines[lines.index(run):]:
        x["prev_hash"] = prev
        x["hash"] = prev = entry_hash(prev, x["seq"], x["ts"], x["actor"], x["action"],
                                      x["payload"])
    out.write_text("".join(json.dumps(x) + "\n" for x in lines))
    proc = verify(home, "--file", str(out))
    assert proc.returncode == 1
    assert f"entry {run['seq']} (screening.run) fails its HMAC check" in proc.stderr


def test_entries_written_before_the_chain_was_keyed(home: Path) -> None:
    """A registry of an earlier version: its entries have no HMAC; the first keyed entry
    covers them, and an unkeyed entry after it is refused."""
    from sanctio.monitor import ensure_schema

    home.mkdir(parents=True)
    with connect_db(home / "sanctio.db") as conn:
        ensure_schema(conn)
        prev = GENESIS
        for seq in (1, 2):
            payload = {"list": f"old-{seq}"}
            digest = entry_hash(prev, seq, f"2025-01-0{seq}T00:00:00", "old", "list.load",
                                payload)
            conn.execute("INSERT INTO audit_log (seq, ts, actor, action, payload, prev_hash, "
                         "hash) VALUES (?,?,?,?,?,?,?)",
                         (seq, f"2025-01-0{seq}T00:00:00", "old", "list.load",
                          json.dumps(payload), prev, digest))
            prev = digest
        conn.execute("INSERT INTO audit_anchor (id, seq, hash) VALUES (1, 2, ?)", (prev,))
    sanctio(home, "screen", "Jane Roe", check=True)
    proc = verify(home)
    assert proc.returncode == 0, proc.stderr
    assert "entries 1 to 2 were written before the chain was keyed" in proc.stderr
    with connect_db(home / "sanctio.db") as conn:
        conn.execute("UPDATE audit_log SET payload=? WHERE seq=1",
                     (json.dumps({"list": "edited"}),))
        recompute(conn, 1)
    proc = verify(home)
    assert proc.returncode == 1 and "entry 3 (screening.cli)" in proc.stderr


# ----------------------------------------------------------------- the service


def test_api_screening_is_chained_and_old_service_audit_rows_are_sealed(home: Path) -> None:
    from sanctio.registry import Registry
    from sanctio.service.cli import ServerProcess

    Registry(home).close()  # the built-in sample list
    with connect_db(home / "sanctio.db") as conn:  # what an earlier version wrote
        conn.execute("CREATE TABLE service_audit (id INTEGER PRIMARY KEY AUTOINCREMENT, "
                     "at TEXT NOT NULL, request_id TEXT NOT NULL, route TEXT NOT NULL, "
                     "principal TEXT NOT NULL, queries INTEGER NOT NULL, "
                     "alerts INTEGER NOT NULL)")
        conn.executemany("INSERT INTO service_audit (at, request_id, route, principal, "
                         "queries, alerts) VALUES (?,?,?,?,?,?)",
                         [("2026-01-01T00:00:00", "r1", "/match", "ab12 (ops)", 3, 1),
                          ("2026-01-02T00:00:00", "r2", "/match", "ab12 (ops)", 1, 0)])
    with ServerProcess(home, workers=1, dev=True) as server:
        r = httpx.post(f"{server.url}/match", timeout=60, json={"queries": [
            {"name": "Mohamed al-Kani"}, {"name": "Jane Roe", "dob": "1970"}]})
        assert r.status_code == 200
        request_id = r.json()["request_id"]
        s = httpx.post(f"{server.url}/search", timeout=60, json={"text": "Kani"})
        assert s.status_code == 200
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            api = [e for e in chain(home) if e["action"] == "screening.api"]
            if len(api) >= 2:
                break
            time.sleep(0.2)
    entries = chain(home)
    sealed = [e for e in entries if e["action"] == "audit.sealed"]
    assert len(sealed) == 1 and sealed[0]["payload"]["rows"] == 2
    api = {e["payload"]["route"]: e for e in entries if e["action"] == "screening.api"}
    match = api["/match"]
    assert match["actor"].startswith("dev") and match["mac"]
    assert match["payload"]["request_id"] == request_id
    assert (match["payload"]["queries"], match["payload"]["alerts"]) == (2, 1)
    assert match["payload"]["query_hashes"] == [
        query_hash(Query.build("Mohamed al-Kani").to_dict()),
        query_hash(Query.build("Jane Roe", dob="1970").to_dict())]
    assert "Jane Roe" not in json.dumps(match["payload"])
    assert api["/search"]["payload"]["queries"] == 1
    assert verify(home).returncode == 0
    # the old rows stay readable where they were, and an edit of them is caught
    with connect_db(home / "sanctio.db") as conn:
        assert conn.execute("SELECT COUNT(*) FROM service_audit").fetchone()[0] == 2
        conn.execute("UPDATE service_audit SET alerts=0 WHERE request_id='r1'")
    proc = verify(home)
    assert proc.returncode == 1
    assert (f"rows 1 to 2 of service_audit differ from their seal (entry "
            f"{sealed[0]['seq']})") in proc.stderr


# ----------------------------------------------------------------- packaging


def test_faker_and_matplotlib_are_an_extra_not_the_core_install() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    core = " ".join(project["dependencies"]).lower()
    assert "faker" not in core and "matplotlib" not in core and "numpy" in core
    extra = " ".join(project["optional-dependencies"]["evaluate"]).lower()
    assert "faker" in extra and "matplotlib" in extra
    assert "sanctio[evaluate]" in project["optional-dependencies"]["dev"]


def test_evaluate_without_the_extra_says_how_to_install_it(tmp_path: Path) -> None:
    code = ("import sys; sys.modules['faker'] = None; sys.modules['matplotlib'] = None; "
            "from sanctio.cli import app; app()")
    proc = subprocess.run(
        [sys.executable, "-c", code, "evaluate", "pairs", str(tmp_path / "pairs.csv")],
        capture_output=True, text=True, timeout=120,
        env={**os.environ, "SANCTIO_HOME": str(tmp_path / "h"), "COLUMNS": "200"})
    assert proc.returncode == 2
    assert "pip install 'sanctio[evaluate]'" in proc.stderr
    assert "faker and matplotlib" in proc.stderr and "Traceback" not in proc.stderr
