"""The monitoring commands end to end through the `sanctio` CLI (built-in sample list)."""

from __future__ import annotations

import csv
from pathlib import Path

import orjson
import pytest
from typer.testing import CliRunner

from sanctio import sources
from sanctio.cli import app

from .conftest import DATA, both_back_ends, connect_db

pytestmark = both_back_ends
runner = CliRunner()


@pytest.fixture()
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    h = tmp_path / "home"
    monkeypatch.setenv("SANCTIO_HOME", str(h))
    monkeypatch.setenv("SANCTIO_USER", "alice")
    return h


def run(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout


def test_portfolio_alerts_and_audit_from_the_cli(home: Path, tmp_path: Path) -> None:
    path = tmp_path / "customers.csv"
    with path.open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["CustNo", "FullName", "DOB"])
        w.writerow(["K1", "Mohamed Alkani", "1979-05-03"])
        w.writerow(["K2", "Peter Lindqvist", "1980"])
        w.writerow(["K3", "", ""])
    code, out = run("portfolio", "import", str(path), "--map", "name=FullName",
                    "--map", "ref=CustNo", "--map", "dob=DOB", "--json")
    assert code == 0, out
    report = orjson.loads(out)
    assert (report["added"], report["bad"]) == (2, 1)
    assert report["bad_rows"][0]["line"] == 4 and report["bad_rows"][0]["field"] == "name"

    code, out = run("portfolio", "screen", "--workers", "1", "--json")
    assert code == 0, out
    assert orjson.loads(out)["opened"] >= 1
    # the import stored the index of the active lists; the screening read it
    assert len(list((home / "index").glob("screen-*.idx"))) == 1

    code, out = run("alerts", "list", "--state", "open", "--json")
    alerts = orjson.loads(out)
    kani = [a for a in alerts if a["customer_id"] == "K1"]
    assert kani and all(a["state"] == "open" for a in kani)
    aid = str(kani[0]["id"])

    code, out = run("alerts", "show", aid)
    assert code == 0 and "Mohamed Alkani" in out and "AL-KANI" in out

    code, out = run("alerts", "decide", aid, "false-positive")
    assert code == 2  # a reason is required
    code, out = run("alerts", "decide", aid, "false-positive", "--reason", "customer is a "
                    "different person (KYC passport)", "--by", "bob")
    assert code == 0 and "closed_false_positive" in out
    code, out = run("alerts", "show", aid, "--json")
    shown = orjson.loads(out)
    assert shown["decided_by"] == "bob" and shown["events"][-1]["actor"] == "bob"

    export = tmp_path / "alerts.csv"
    code, _ = run("alerts", "export", "--output", str(export))
    rows = list(csv.DictReader(export.open(encoding="utf-8")))
    assert code == 0 and any(r["id"] == aid and r["state"] == "closed_false_positive"
                             for r in rows)

    code, out = run("alerts", "export", "-", "--state", "open")
    assert code == 0 and out.startswith("id,state,customer_id")
    code, out = run("portfolio", "history", "K1", "--json")
    hist = orjson.loads(out)
    assert hist["screenings"][0]["status"] == "alert"

    code, out = run("alerts", "configure", "--four-eyes", "--json")
    assert orjson.loads(out)["four_eyes"] is True

    code, out = run("audit", "verify")
    assert code == 0 and "OK" in out
    log = tmp_path / "audit.jsonl"
    code, _ = run("audit", "export", str(log))
    assert code == 0
    exported = [orjson.loads(x) for x in log.read_text().splitlines()]
    assert {"portfolio.import", "screening.run", "alert.opened", "alert.decision"} <= {
        e["action"] for e in exported}
    code, _ = run("audit", "verify", "--file", str(log))
    assert code == 0

    # tamper with the database: the decision's reason is rewritten
    conn = connect_db(home / "sanctio.db")
    seq = conn.execute("SELECT seq FROM audit_log WHERE action='alert.decision'").fetchone()[0]
    conn.execute("UPDATE audit_log SET payload=replace(payload, 'different person', "
                 "'true match') WHERE seq=?", (seq,))
    conn.commit()
    conn.close()
    code, out = run("audit", "verify", "--json")
    assert code == 1
    assert orjson.loads(out)["first_bad_seq"] == seq


def test_a_load_is_heard_by_monitoring_once(home: Path, tmp_path: Path) -> None:
    """`sanctio load` does not call monitoring itself: the registry's list-changed event does,
    once for the command, on the final state (one rescreen per changed list, one audit entry
    per load outcome)."""
    un = DATA / "un-2026" / "consolidated.xml"
    parsed = sources.parse(un, "un-xml")
    name = next(r.primary_name for r in parsed.records if r.schema.value == "Person")
    path = tmp_path / "customers.csv"
    path.write_text(f"ref,name\nC1,{name}\nC2,Peter Lindqvist\n", encoding="utf-8")
    code, out = run("portfolio", "import", str(path))
    assert code == 0, out
    code, out = run("load", str(un), str(un))  # loaded, then unchanged
    assert code == 0, out
    assert out.count("monitoring un:") == 1, out
    conn = connect_db(home / "sanctio.db")
    try:
        loads = [orjson.loads(r[0]) for r in conn.execute(
            "SELECT payload FROM audit_log WHERE action='list.load' ORDER BY seq")]
        assert [(x["list"], x["status"]) for x in loads] == [("un", "loaded"),
                                                             ("un", "unchanged")]
        assert conn.execute("SELECT COUNT(*) FROM alerts WHERE customer_id='C1'"
                            ).fetchone()[0] == 1
    finally:
        conn.close()
