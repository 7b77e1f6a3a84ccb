"""The registry in PostgreSQL: the DB layer's translations, the list-changed event, and two
real ``sanctio serve`` instances sharing one database (a list loaded through one is screened
by the other once it has heard the notification)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import psycopg
import pytest

from sanctio import db, sources
from sanctio.db import Listener, placeholders, translate
from sanctio.registry import ListsChanged, Registry
from sanctio.service.process import ServerProcess

from .conftest import DATA

UN = DATA / "un-2026" / "consolidated.xml"
UK_SAMPLE = DATA / "uk-2020-sample" / "ConList.csv"


# ------------------------------------------------------------------- the translations


def test_placeholders_outside_strings() -> None:
    assert placeholders("SELECT * FROM t WHERE a=? AND b LIKE '%?%' AND c LIKE ?") == \
        "SELECT * FROM t WHERE a=%s AND b LIKE '%%?%%' AND c LIKE %s"
    assert placeholders("SELECT 'it''s ?', ?") == "SELECT 'it''s ?', %s"


def test_insert_or_ignore_and_serial_ids() -> None:
    assert translate("INSERT OR IGNORE INTO keys_t (k, v) SELECT k, v FROM s") == \
        "INSERT INTO keys_t (k, v) SELECT k, v FROM s ON CONFLICT DO NOTHING"
    assert translate("INSERT INTO things (x) VALUES (?)", {"things"}) == \
        "INSERT INTO things (x) VALUES (%s) RETURNING id"
    assert translate("INSERT INTO other (x) VALUES (?)", {"things"}) == \
        "INSERT INTO other (x) VALUES (%s)"
    assert db.pg_ddl("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, r REAL)") == \
        "CREATE TABLE t (id BIGSERIAL PRIMARY KEY, r DOUBLE PRECISION)"
    assert db.pg_ddl("CREATE TABLE k (key TEXT, num INTEGER, b BLOB, PRIMARY KEY (key)) "
                     "WITHOUT ROWID") == \
        "CREATE TABLE k (key TEXT, num BIGINT, b BYTEA, PRIMARY KEY (key))"


def test_database_url_choice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SANCTIO_DB", raising=False)
    assert db.database_url(tmp_path) == f"sqlite:///{tmp_path / 'sanctio.db'}"
    assert db.database_url(tmp_path, "postgresql://u@h/d") == "postgresql://u@h/d"
    monkeypatch.setenv("SANCTIO_DB", str(tmp_path / "other.db"))
    assert db.location(tmp_path) == tmp_path / "other.db"
    assert db.display("postgresql://u:secret@h:5/d") == "postgresql://u:***@h:5/d"


# ------------------------------------------------------------------ events, both back ends


@pytest.mark.usefixtures("db_url")
def test_load_publishes_every_outcome_after_commit(tmp_path: Path) -> None:
    reg = Registry(tmp_path / "home", auto_sample=False)
    heard: list[list[ListsChanged]] = []
    seen_active: list[str | None] = []

    def subscriber(events: list[ListsChanged]) -> None:
        heard.append(events)
        # published after the commit: another connection already sees the new version
        other = Registry(tmp_path / "home", auto_sample=False)
        v = other.active_versions().get("un")
        seen_active.append(v.label if v else None)
        other.close()

    unsubscribe = reg.events.subscribe(subscriber)
    loaded = reg.load(UN)
    assert [[e.result.status for e in b] for b in heard] == [["loaded"]]
    assert seen_active == [loaded.version.label if loaded.version else None]
    with reg.events.batch():
        assert reg.load(UN).status == "unchanged"
        assert reg.load(tmp_path / "missing.xml", "un-xml").status == "failed"
        assert len(heard) == 1  # held until the batch ends
    assert [e.result.status for e in heard[-1]] == ["unchanged", "failed"]
    unsubscribe()
    reg.load(UK_SAMPLE)
    assert len(heard) == 2
    reg.close()


def test_notify_reaches_a_listener(pg_url: str, tmp_path: Path) -> None:
    heard: list[str] = []
    got = threading.Event()

    def on_message(payload: str) -> None:
        heard.append(payload)
        got.set()

    listener = Listener(pg_url, on_message).start()
    try:
        assert listener.ready.wait(30)
        reg = Registry(tmp_path / "home", auto_sample=False, db=pg_url)
        result = reg.load(UN)
        assert result.version is not None
        assert got.wait(30), "no notification"
        assert heard == [f"un@{result.version.id}"]
        assert reg.load(UN).status == "unchanged"  # no new version: no notification
        reg.close()
    finally:
        listener.stop()
    assert heard == [f"un@{result.version.id}"]


# ------------------------------------------------------ two service instances, one database


def _key(pg_url: str, home: Path, role: str) -> str:
    out = subprocess.run([sys.executable, "-m", "sanctio.cli", "--db", pg_url, "keys",
                          "create", "--role", role, "--json", "--home", str(home)],
                         capture_output=True, text=True, timeout=120, check=True)
    return str(json.loads(out.stdout)["key"])


@pytest.fixture
def two_instances(pg_url: str, tmp_path: Path,
                  monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[ServerProcess, ...]]:
    # one audit key for both (each instance has its own home: its index cache)
    monkeypatch.setenv("SANCTIO_AUDIT_KEY_FILE", str(tmp_path / "audit.key"))
    monkeypatch.delenv("SANCTIO_DB", raising=False)
    reg = Registry(tmp_path / "a", auto_sample=False, db=pg_url)
    assert reg.load(UN).status == "loaded"
    reg.close()
    servers = []
    try:
        for name in ("a", "b"):
            (tmp_path / name).mkdir(exist_ok=True)
            # a long poll interval: instance b can only learn of the load by the notification
            servers.append(ServerProcess(tmp_path / name, workers=1, args=[
                "--db", pg_url, "--poll-interval", "600", "--data-dir", str(DATA)]))
            servers[-1].start(timeout=180)
        yield tuple(servers)
    finally:
        for s in servers:
            s.stop()


def test_two_instances_share_lists_keys_and_audit(two_instances: tuple[ServerProcess, ...],
                                                   pg_url: str, tmp_path: Path) -> None:
    a, b = two_instances
    admin = _key(pg_url, tmp_path / "a", "admin")  # a key made once works on both
    headers = {"X-API-Key": admin}
    name = _uk_name()
    # a customer the new list names, in the shared portfolio
    portfolio = tmp_path / "customers.csv"
    portfolio.write_text(f"ref,name\nC1,{name}\nC2,Peter Lindqvist\n", encoding="utf-8")
    subprocess.run([sys.executable, "-m", "sanctio.cli", "--db", pg_url, "portfolio", "import",
                    str(portfolio), "--home", str(tmp_path / "a")], capture_output=True,
                   text=True, timeout=120, check=True, env=_env(tmp_path))
    with httpx.Client(base_url=a.url, headers=headers, timeout=120) as ca, \
            httpx.Client(base_url=b.url, headers=headers, timeout=60) as cb:
        assert _status(cb, name) == "clear"
        r = ca.post("/lists/reload", json={"paths": [{"path": str(UK_SAMPLE)}]})
        assert r.status_code == 200, r.text
        assert r.json()["results"][0]["status"] == "loaded"
        deadline = time.monotonic() + 120
        versions: dict[str, Any] = {}
        while time.monotonic() < deadline:
            body = cb.post("/match", json={"queries": [{"name": name}]}).json()
            versions = body["list_versions"]
            if "uk" in versions:
                break
            time.sleep(0.2)
        assert "uk" in versions, f"instance b never served the new list:\n{b.log_tail()}"
        assert _status(cb, name) == "alert"
        lists = cb.get("/lists").json()
        assert {x["list"] for x in lists["lists"] if x["active"]} == {"un", "uk"}
    # monitoring heard of the load once, in the instance that made it: the customer's alert
    # opens (rescreened in the background), one rescreen, one audit entry of the load
    conn = db.connect(pg_url)
    try:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and conn.execute(
                "SELECT COUNT(*) FROM alerts WHERE customer_id='C1'").fetchone()[0] == 0:
            time.sleep(0.2)
        assert conn.execute("SELECT COUNT(*) FROM alerts WHERE customer_id='C1'"
                            ).fetchone()[0] == 1, a.log_tail()
        runs = conn.execute("SELECT kind FROM screening_runs").fetchall()
        assert [r[0] for r in runs if r[0].startswith("rescreen")] != [] and len(runs) == 1
        loads = conn.execute("SELECT payload FROM audit_log WHERE action='list.load'"
                             ).fetchall()
        assert [json.loads(p[0])["list"] for p in loads] == ["uk"]
    finally:
        conn.close()
    # the audit chain is one: both instances wrote to it, and it verifies
    out = subprocess.run([sys.executable, "-m", "sanctio.cli", "--db", pg_url, "audit",
                          "verify", "--home", str(tmp_path / "a")],
                         capture_output=True, text=True, timeout=120,
                         env=_env(tmp_path))
    assert out.returncode == 0, out.stdout + out.stderr


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "SANCTIO_AUDIT_KEY_FILE": str(tmp_path / "audit.key")}


def _status(client: httpx.Client, name: str) -> str:
    r = client.post("/match", json={"queries": [{"name": name}]})
    assert r.status_code == 200, r.text
    return str(r.json()["results"][0]["status"])


def _uk_name() -> str:
    """A person's name from the UK sample (not on the UN list)."""
    parsed = sources.parse(UK_SAMPLE, sources.detect(UK_SAMPLE))
    return next(r.primary_name for r in parsed.records
                if r.schema.value == "Person" and len(r.primary_name.split()) >= 3)


def test_listener_reconnects_after_losing_its_connection(pg_url: str, tmp_path: Path) -> None:
    heard: list[str] = []
    got, reconnected = threading.Event(), threading.Event()

    def on_message(payload: str) -> None:
        heard.append(payload)
        got.set()

    listener = Listener(pg_url, on_message, on_reconnect=reconnected.set).start()
    try:
        assert listener.ready.wait(30)
        with psycopg.connect(pg_url, autocommit=True) as admin:  # the server drops it
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                          "WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()")
        assert reconnected.wait(30), "the listener did not come back"
        reg = Registry(tmp_path / "home", auto_sample=False, db=pg_url)
        result = reg.load(UN)
        reg.close()
        assert got.wait(30) and result.version is not None
        assert heard == [f"un@{result.version.id}"]
    finally:
        listener.stop()
