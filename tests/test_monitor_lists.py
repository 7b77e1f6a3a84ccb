"""Ongoing monitoring against the real OFAC SDN 2021 files: rescreening on list change in the
reverse direction, decisions that stick, delisting, the four-eyes rule, history, export,
webhook and audit trail, all on a real SQLite registry."""

from __future__ import annotations

import csv
import io
import os
import shutil
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import orjson
import pytest

from sanctio.monitor import webhook
from sanctio.monitor.alerts import (
    DecisionError,
    customer_history,
    decide,
    export_alerts,
    get_alert,
    list_alerts,
    set_four_eyes,
)
from sanctio.monitor.audit import entries, verify
from sanctio.monitor.portfolio import customers_by_num, get_customer, import_portfolio
from sanctio.monitor.rescreen import on_list_change, screen_customers, screen_portfolio
from sanctio.registry import Registry
from sanctio.screen import Screener

from .conftest import DATA, both_back_ends

SDN = DATA / "ofac-sdn-2021"
pytestmark = [pytest.mark.skipif(not (SDN / "sdn.csv").exists(),
                                 reason="OFAC SDN test data not available"), both_back_ends]
SECRET = "monitor-test-secret"

FIRST = ["Peter", "Maria", "Hans", "Chloe", "Luca", "Sofia", "Pierre", "Ingrid", "Tomasz",
         "Elena", "George", "Yuki", "Olga", "Daniel", "Fatima", "Kofi", "Aiko", "Lars"]
LAST = ["Lindqvist", "Okonkwo", "Brennan", "Moreau", "Bianchi", "Novak", "Schneider",
        "Fairweather", "Castellanos", "Haugen", "Whitfield", "Tanaka", "Kowalczyk", "Ashby"]
PLANTED = [
    ("C1", "Mohamed Alkani", "person", "1980-02-01", "LY"),
    ("C2", "Jorge Nasser Arana", "person", "1990-01-01", "CO"),
    ("C3", "Ivan Urdinola Grajales", "person", "1955-03-03", "CO"),
    ("C4", "John Smith", "person", "1970-01-01", "US"),
]


def _old_sdn(target: Path) -> Path:
    """The 2021 SDN without al-Kani (29119) and Kaniyat (29368), with one record's remarks
    altered: an 'earlier version' whose change to the real file is 2 added, 1 changed."""
    shutil.copytree(SDN, target)
    for name in ("sdn.csv", "alt.csv", "add.csv"):
        lines = (target / name).read_bytes().split(b"\n")
        kept = [ln for ln in lines if not ln.startswith((b"29119,", b"29368,"))]
        assert len(kept) < len(lines)
        (target / name).write_bytes(b"\n".join(kept))
    sdn = (target / "sdn.csv").read_bytes()
    row = b'6335,"NASSER ARANA, Jorge","individual","SDNT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,' \
          b'"DOB 06 Nov 1966;'
    assert row in sdn
    (target / "sdn.csv").write_bytes(sdn.replace(row, row.replace(b"1966", b"1965")))
    return target


@pytest.fixture(scope="module")
def old_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _old_sdn(tmp_path_factory.mktemp("lists") / "sdn-earlier")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory, old_dir: Path) -> Path:
    home = tmp_path_factory.mktemp("template")
    reg = Registry(home, auto_sample=False)
    result = reg.load(old_dir)
    assert result.status == "loaded", result.error
    reg.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    reg.close()
    (home / "loaded-from").write_text(str(old_dir))
    return home


@pytest.fixture(scope="module")
def old_screener(template: Path) -> Screener:
    return Screener(Registry(template, auto_sample=False))


def fresh(template: Path, tmp_path: Path) -> Registry:
    """A registry as the template: its SQLite file copied, or on PostgreSQL the same list
    loaded into the test's fresh database."""
    home = tmp_path / "home"
    home.mkdir()
    if os.environ.get("SANCTIO_DB"):
        reg = Registry(home, auto_sample=False)
        assert reg.load(Path((template / "loaded-from").read_text())).status == "loaded"
        return reg
    shutil.copy(template / "sanctio.db", home / "sanctio.db")
    return Registry(home, auto_sample=False)


def portfolio_csv(path: Path, planted: list[tuple[str, ...]], n: int = 240) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["CustomerNo", "FullName", "Type", "BirthDate", "Country"])
        for row in planted:
            w.writerow(row)
        for i in range(n):
            w.writerow([f"G{i}", f"{FIRST[i % len(FIRST)]} {LAST[(i * 7) % len(LAST)]}",
                        "person", f"{1950 + i % 50}-0{1 + i % 9}-1{i % 10}", "FR"])
    return path


MAPPING = {"ref": "CustomerNo", "name": "FullName", "schema": "Type", "dob": "BirthDate",
           "country": "Country"}


class Receiver:
    def __init__(self) -> None:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = int(s.getsockname()[1])
        self.received: list[dict[str, Any]] = []
        self.fail_first = 1
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                assert webhook.verify_signature(SECRET, body,
                                                self.headers[webhook.TIMESTAMP_HEADER],
                                                self.headers[webhook.SIGNATURE_HEADER])
                if outer.fail_first:
                    outer.fail_first -= 1
                    self.send_response(500)
                else:
                    outer.received.append(orjson.loads(body))
                    self.send_response(200)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/sanctio"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def _alerts_of(conn: Any, customer_id: str) -> list[Any]:
    return list_alerts(conn, customer_id=customer_id, limit=None)


def test_list_change_rescreens_the_portfolio(template: Path, old_dir: Path,
                                             old_screener: Screener, tmp_path: Path) -> None:
    reg = fresh(template, tmp_path)
    conn = reg.conn
    report = import_portfolio(conn, portfolio_csv(tmp_path / "customers.csv", PLANTED),
                              mapping=MAPPING, actor="ops")
    assert report.added == len(PLANTED) + 240 and not report.bad

    # 1. the earlier SDN: nothing for Mohamed Alkani, name matches for C2 and C3
    first = screen_portfolio(reg, old_screener, workers=1, actor="ops")
    assert first.stats.customers == len(PLANTED) + 240
    assert _alerts_of(conn, "C1") == []
    (c2,) = _alerts_of(conn, "C2")
    (c3,) = _alerts_of(conn, "C3")
    assert c2.entity_id == "us-ofac-6335" and c3.entity_id == "us-ofac-6659"
    before = {a.id for a in list_alerts(conn, limit=None)}
    decide(conn, c2.id, "false_positive", actor="alice", reason="born 1990, listed 1965")
    decide(conn, c3.id, "false-positive", actor="alice", reason="different person")

    receiver = Receiver()
    webhook.configure(conn, receiver.url, SECRET, backoff=0.05)
    try:
        # 2. the real 2021 file: al-Kani and Kaniyat added, Nasser Arana's DOB changed
        screeners: list[Screener] = []

        def factory() -> Screener:
            screeners.append(Screener(reg))
            return screeners[-1]

        result = reg.load(SDN)
        assert result.status == "loaded"
        change = on_list_change(reg, result, factory, actor="sanctio")
        assert (change.added, change.changed, change.removed) == (2, 1, 0)
        assert change.entities == 3 and change.status == "rescreened"
        assert 0 < change.candidates < 30  # a handful of the 244 customers
        assert change.run is not None and change.run.stats.opened == 1
        (kani,) = _alerts_of(conn, "C1")
        assert kani.state == "open" and kani.entity_id == "us-ofac-29119"
        assert [(d["source"], d["source_id"], d["program"]) for d in kani.designations] == [
            ("us-ofac", "29119", "GLOMAG")]
        assert kani.list_versions == {"us-ofac": result.version.label}  # type: ignore[union-attr]
        new_ids = {a.id for a in list_alerts(conn, limit=None)} - before
        assert new_ids == {kani.id}
        # the decision on C2 does not stick: the entity's record changed, and it says how
        c2 = get_alert(conn, c2.id)
        assert c2.state == "open"
        assert c2.reason is not None
        assert "us-ofac:6335" in c2.reason and "birth_dates" in c2.reason
        assert c2.events[-1]["event"] == "reopened"
        # the decision on C3 sticks (nothing changed for it)
        assert get_alert(conn, c3.id).state == "closed_false_positive"

        # the reverse pre-filter misses nothing a screen against the changed entities finds
        new_screener = screeners[0]
        changed = {"us-ofac-29119", "us-ofac-29368", "us-ofac-6335"}
        everyone = customers_by_num(conn, range(1, 1000))
        truth = {r.ref for r in new_screener.screen_entities(
            (c.query() for c in everyone), changed) if r.matches}
        rescreened = {c.customer_id for c in list_alerts(conn, limit=None)
                      if c.entity_id in changed}
        assert truth == rescreened == {"C1", "C2"}

        # the webhook receiver failed once, then got both notifications, signed
        delivery = webhook.deliver(conn, wait=5.0)
        assert delivery.pending == 0
        events = {(n["event"], n["customer"]["id"], n["entity"]["id"])
                  for n in receiver.received}
        assert ("alert.opened", "C1", "us-ofac-29119") in events
        assert ("alert.reopened", "C2", "us-ofac-6335") in events

        # a full screen afterwards applies the C3 decision again and opens nothing new
        full = screen_portfolio(reg, new_screener, workers=2, actor="ops")
        assert full.stats.opened == 0 and full.stats.reopened == 0
        assert full.stats.reapplied >= 1
        c3 = get_alert(conn, c3.id)
        assert c3.state == "closed_false_positive" and c3.reapplied >= 1

        # 3. the earlier version again: 29119 and 29368 removed -> the al-Kani alert closes
        back = reg.load(old_dir)
        assert back.status == "reactivated"
        gone = on_list_change(reg, back, lambda: old_screener, actor="sanctio")
        assert gone.removed == 2 and gone.closed == 1
        kani = get_alert(conn, kani.id)
        assert kani.state == "closed_delisted"
        assert kani.reason is not None and "us-ofac:29119 removed" in kani.reason

        # 4. and the real file once more: designated again -> reopened
        again = reg.load(SDN)
        assert again.status == "reactivated"
        on_list_change(reg, again, lambda: new_screener, actor="sanctio")
        kani = get_alert(conn, kani.id)
        assert kani.state == "open" and "designated again" in (kani.reason or "")
        webhook.deliver(conn, wait=5.0)
        assert any(n["event"] == "alert.closed" and n["customer_id"] == "C1"
                   for n in receiver.received)
    finally:
        receiver.stop()

    # history and audit trail
    history = customer_history(conn, "C1")
    kinds = [(h["kind"], h["status"]) for h in history["screenings"]]
    assert kinds[0] == ("full", "clear") and ("rescreen", "alert") in kinds
    assert [a["state"] for a in history["alerts"]] == ["open"]
    check = verify(conn)
    assert check.ok, check.problem
    actions = {e.action for e in entries(conn)}
    assert {"portfolio.import", "screening.run", "alert.opened", "alert.reopened",
            "alert.closed", "alert.decision", "list.rescreen"} <= actions


def test_decisions_four_eyes_and_customer_changes(template: Path, old_screener: Screener,
                                                  tmp_path: Path) -> None:
    reg = fresh(template, tmp_path)
    conn = reg.conn
    planted = PLANTED[1:3]
    import_portfolio(conn, portfolio_csv(tmp_path / "p.csv", planted, n=0), mapping=MAPPING)
    run = screen_portfolio(reg, old_screener, workers=1, actor="ops")
    assert run.stats.opened == 2
    a2 = _alerts_of(conn, "C2")[0]
    a3 = _alerts_of(conn, "C3")[0]

    with pytest.raises(DecisionError, match="needs a reason"):
        decide(conn, a2.id, "false_positive", actor="alice")
    assert decide(conn, a2.id, "review", actor="alice").state == "in_review"
    with pytest.raises(DecisionError, match="only an open alert"):
        decide(conn, a2.id, "review", actor="alice")
    with pytest.raises(DecisionError, match="unknown measure"):
        decide(conn, a2.id, "true_match", actor="alice", measure="confiscate")

    # four eyes: alice proposes, alice cannot confirm, bob confirms
    set_four_eyes(conn, True, actor="admin")
    proposed = decide(conn, a2.id, "true-match", actor="alice", measure="block",
                      reason="same person per KYC documents")
    assert proposed.state == "in_review" and proposed.proposed_by == "alice"
    with pytest.raises(DecisionError, match="four-eyes"):
        decide(conn, a2.id, "true_match", actor="alice")
    escalated = decide(conn, a2.id, "true_match", actor="bob")
    assert escalated.state == "escalated" and escalated.measure == "block"
    assert (escalated.decided_by, escalated.approved_by) == ("alice", "bob")
    assert [d["status"] for d in escalated.decisions] == ["applied", "proposed", "approved"]
    # a rejected proposal goes back to review
    decide(conn, a3.id, "true_match", actor="alice")
    with pytest.raises(DecisionError, match="needs a reason"):
        decide(conn, a3.id, "reject", actor="bob")
    rejected = decide(conn, a3.id, "reject", actor="bob", reason="DOB differs by 5 years")
    assert rejected.state == "in_review" and rejected.proposed_by is None
    set_four_eyes(conn, False, actor="admin")

    with pytest.raises(DecisionError, match="only an open alert"):
        decide(conn, a2.id, "review", actor="alice")
    with pytest.raises(DecisionError, match="needs a reason"):
        decide(conn, a2.id, "reopen", actor="alice")
    assert decide(conn, a2.id, "reopen", actor="alice", reason="new KYC").state == "open"
    decide(conn, a2.id, "false_positive", actor="alice", reason="passport differs")
    with pytest.raises(DecisionError, match="reopen it first"):
        decide(conn, a2.id, "false_positive", actor="alice", reason="again")
    decide(conn, a3.id, "false_positive", actor="alice", reason="different person")

    # screening again with nothing changed: both decisions are applied again
    again = screen_portfolio(reg, old_screener, workers=1, actor="ops")
    assert (again.stats.opened, again.stats.reopened, again.stats.reapplied) == (0, 0, 2)

    # C2's date of birth changes on re-import (and C3 leaves the portfolio): C2 reopens
    changed = [("C2", "Jorge Nasser Arana", "person", "1966-11-06", "CO")]
    rep = import_portfolio(conn, portfolio_csv(tmp_path / "p2.csv", changed, n=0),
                           mapping=MAPPING)
    assert (rep.changed, rep.removed) == (1, 1)
    assert rep.changed_ids[0].fields == ["dob"]
    run = screen_customers(reg, old_screener, customers_by_num(conn, rep.screen_nums),
                           kind="import", workers=1)
    assert run.stats.reopened == 1
    a2 = get_alert(conn, a2.id)
    assert a2.state == "open"
    assert a2.reason == "reopened: customer dob: '1990-01-01' -> '1966-11-06'"
    assert a2.score > 0.9  # the DOB now agrees
    # the removed customer's closed alert stays closed; an open one would have been closed
    assert get_alert(conn, a3.id).state == "closed_false_positive"
    customer = get_customer(conn, "C3")
    assert customer is not None and customer.removed

    out = io.StringIO()
    assert export_alerts(conn, out) == 2
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert {r["customer_id"] for r in rows} == {"C2", "C3"}
    assert next(r for r in rows if r["customer_id"] == "C3")["reason"] == "different person"
    assert next(r for r in rows if r["customer_id"] == "C2")["programs"] == "SDNT"
    decisions = [e for e in entries(conn) if e.action == "alert.decision"]
    assert len(decisions) == 8
    assert verify(conn).ok


def test_removed_customer_closes_open_alerts(template: Path, old_screener: Screener,
                                            tmp_path: Path) -> None:
    reg = fresh(template, tmp_path)
    conn = reg.conn
    import_portfolio(conn, portfolio_csv(tmp_path / "p.csv", PLANTED[1:3], n=0),
                     mapping=MAPPING)
    screen_portfolio(reg, old_screener, workers=1)
    rep = import_portfolio(conn, portfolio_csv(tmp_path / "p2.csv", PLANTED[1:2], n=0),
                           mapping=MAPPING)
    assert rep.removed == 1 and rep.alerts_closed == 1
    (a3,) = _alerts_of(conn, "C3")
    assert a3.state == "closed_customer_removed"
    # the customer comes back: the next screening reopens the alert
    rep = import_portfolio(conn, portfolio_csv(tmp_path / "p3.csv", PLANTED[1:3], n=0),
                           mapping=MAPPING)
    assert rep.added == 1
    run = screen_customers(reg, old_screener, customers_by_num(conn, rep.screen_nums),
                           workers=1)
    assert run.stats.reopened == 1
    assert get_alert(conn, a3.id).state == "open"
