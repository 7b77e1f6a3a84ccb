"""The command line, as a user runs it: the installed `sanctio` script and typer's runner."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from sanctio.cli import app

from .conftest import DATA, UN_RECORDS, both_back_ends, sqlite_only

pytestmark = both_back_ends
runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_quick_start_screens_offline_on_the_sample(tmp_path: Path) -> None:
    exe = Path(sys.executable).parent / "sanctio"
    proc = subprocess.run([str(exe), "screen", "Mohamed al-Kani", "--home", str(tmp_path)],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "ALERT" in proc.stdout and "29119" in proc.stdout
    assert "SAMPLE" in proc.stderr
    code, out, _ = run("screen", "محمد الكاني", "--json", "--home", str(tmp_path))
    data = json.loads(out)
    assert code == 0 and data["status"] == "alert"
    assert {d["source_id"] for d in data["matches"][0]["designations"]} >= {"29119", "14105"}
    assert list(data["list_versions"]) == ["sample"]


def test_bad_query_fields_are_ignored_with_a_warning_naming_them(tmp_path: Path) -> None:
    """The name is still screened; the field that cannot be read is left out and named."""
    code, _, err = run("screen", "Someone", "--dob", "yesterday", "--home", str(tmp_path))
    assert code == 0 and "warning" in err and "dob 'yesterday'" in err
    code, _, err = run("screen", "Someone", "--country", "Atlantis", "--home", str(tmp_path))
    assert code == 0 and "country 'Atlantis'" in err
    for impossible in ("1979-13-45", "1979-02-30", "31/02/1979", "1979-13"):
        code, out, err = run("screen", "Someone", "--dob", impossible, "--json", "--home",
                             str(tmp_path))
        data = json.loads(out)
        assert code == 0 and data["query"]["dob"] is None, (impossible, err)
        assert f"dob '{impossible}' is not a valid date: ignored" in data["warnings"]
    code, out, _ = run("screen", "Someone", "--dob", "1979-02", "--json", "--home", str(tmp_path))
    assert code == 0 and json.loads(out)["query"]["dob"] == "1979-02"
    code, _, err = run("screen", "!!!", "--home", str(tmp_path))
    assert code == 2 and "no letters" in err


def test_load_lists_diff_show(tmp_path: Path) -> None:
    home = str(tmp_path / "home")
    code, out, _ = run("load", str(DATA / "un-2026" / "consolidated.xml"), "--home", home)
    assert code == 0 and f"{UN_RECORDS} records" in out
    code, out, _ = run("load", str(DATA / "un-2026" / "consolidated.xml"), "--home", home)
    assert "unchanged" in out
    bad = tmp_path / "broken.xml"
    bad.write_bytes((DATA / "un-2026" / "consolidated.xml").read_bytes()[:50_000])
    code, _, err = run("load", str(bad), "--format", "un-xml", "--list", "un", "--home", home)
    assert code == 1 and "broken.xml" in err and "line" in err and "stays active" in err
    code, out, _ = run("lists", "--json", "--home", home)
    versions = json.loads(out)
    assert [v["status"] for v in versions if v["list"] == "un"] == ["active", "failed"]
    code, out, _ = run("diff", "un", "--json", "--home", home)
    assert code == 0 and len(json.loads(out)["added"]) == UN_RECORDS
    code, out, _ = run("show", "un:6908704", "--json", "--home", home)
    entity = json.loads(out)
    assert entity["designations"][0]["source"] == "un"
    assert any(n["type"] == "original" for n in entity["names"])


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    return path


def test_screen_file_jsonl_keeps_order_and_reports_bad_rows(tmp_path: Path) -> None:
    home = str(tmp_path / "home")
    src = _write(tmp_path / "in.csv", [
        ["FullName", "schema", "dob", "country", "ref"],
        ["Mohamed al-Kani", "Person", "1979", "LY", "c1"],
        ["John Smith", "Person", "", "", "c2"],
        ["", "Person", "", "", "c3"],
        ["Kaniyat militia", "Organization", "", "", "c4"],
        ["Someone", "Person", "1979-13-45", "", "c5"],
        ["Too", "many", "", "", "c6", "extra"],
        ["Abdurrahim Alkani", "", "", "", "c7"],
    ])
    out = tmp_path / "out.jsonl"
    code, _, err = run("screen-file", str(src), "--output", str(out), "--map", "name=FullName",
                       "--home", home)
    assert code == 0, err
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert [x["row"] for x in lines] == [1, 2, 3, 4, 5, 6, 7]
    assert [x["status"] for x in lines] == ["alert", "clear", "error", "alert", "clear", "error",
                                             "alert"]
    assert "row 3" in lines[2]["error"] and "name" in lines[2]["error"]
    # an impossible date is ignored with a warning; the name is screened
    assert lines[4]["warnings"] == ["dob '1979-13-45' is not a valid date: ignored"]
    assert "row 6" in lines[5]["error"] and "fields" in lines[5]["error"]
    assert lines[0]["ref"] == "c1" and lines[0]["list_versions"]
    assert "rows: 7" in err and "alerts: 3" in err and "errors: 2" in err
    # the output exists: refused without --resume or --overwrite
    code, _, err = run("screen-file", str(src), "--output", str(out), "--map", "name=FullName",
                       "--home", home)
    assert code == 2 and "--resume" in err


def test_screen_file_csv_output(tmp_path: Path) -> None:
    src = _write(tmp_path / "in.csv", [["name", "ref"], ["KANIYAT", "a"], ["Jane Doe", "b"]])
    out = tmp_path / "out.csv"
    code, _, err = run("screen-file", str(src), "-o", str(out), "--home", str(tmp_path / "h"))
    assert code == 0, err
    rows = list(csv.DictReader(out.open()))
    assert [r["status"] for r in rows] == ["alert", "clear"]
    assert "us-ofac:29368" in rows[0]["sources"] and float(rows[0]["score"]) >= 0.9


def test_screen_file_resume_does_not_redo_rows(tmp_path: Path) -> None:
    home = str(tmp_path / "home")
    names = ["Mohamed al-Kani", "Jane Doe", "Kaniyat", "Abdul Rahim al-Kani", "John Smith"]
    src = _write(tmp_path / "in.csv", [["name", "ref"]] + [[n, f"r{i}"] for i, n in
                                                          enumerate(names)])
    full = tmp_path / "full.jsonl"
    assert run("screen-file", str(src), "-o", str(full), "--home", home)[0] == 0
    # the index of the active lists is stored for the next command, which reads it
    stored = list((tmp_path / "home" / "index").glob("screen-*.idx"))
    assert len(stored) == 1
    lines = full.read_text().splitlines(keepends=True)
    partial = tmp_path / "partial.jsonl"
    # an interrupted run: two finished lines and a torn third one
    partial.write_text("".join(lines[:2]) + lines[2][:25])
    code, _, err = run("screen-file", str(src), "-o", str(partial), "--resume", "--home", home)
    assert code == 0, err
    assert "resumed after: 2" in err and "rows: 3" in err
    assert [json.loads(x)["row"] for x in partial.read_text().splitlines()] == [1, 2, 3, 4, 5]
    assert [json.loads(x)["status"] for x in partial.read_text().splitlines()] == [
        json.loads(x)["status"] for x in lines]
    assert list((tmp_path / "home" / "index").glob("screen-*.idx")) == stored


def test_screen_file_with_workers_matches_one_core(tmp_path: Path) -> None:
    home = str(tmp_path / "home")
    rows = [["name"]] + [[n] for n in ["Mohamed al-Kani", "Jane Doe", "KANIYAT"] * 30]
    src = _write(tmp_path / "in.csv", rows)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert run("screen-file", str(src), "-o", str(one), "--home", home)[0] == 0
    assert run("screen-file", str(src), "-o", str(two), "--workers", "2", "--home", home)[0] == 0
    assert one.read_text() == two.read_text()


@sqlite_only  # (the rescreen a load triggers, on PostgreSQL: tests/test_monitor_lists.py)
def test_load_rescreens_the_portfolio_and_audits(tmp_path: Path) -> None:
    """`sanctio load` of a new list version raises the alert the change causes, at once."""
    from .test_registry import make_earlier_sdn

    home = str(tmp_path / "home")
    old = make_earlier_sdn(tmp_path / "sdn-2020")
    assert run("load", str(old), "--home", home)[0] == 0
    customers = _write(tmp_path / "customers.csv", [
        ["ref", "name", "schema"], ["C1", "Mohamed Alkani", "Person"],
        ["C2", "Jane Doe", "Person"]])
    assert run("portfolio", "import", str(customers), "--home", home)[0] == 0
    assert run("portfolio", "screen", "--home", home)[0] == 0
    code, out, _ = run("alerts", "list", "--json", "--home", home)
    assert code == 0 and json.loads(out) == []
    stored = set((tmp_path / "home" / "index").glob("screen-*.idx"))
    code, out, err = run("load", str(DATA / "ofac-sdn-2021"), "--home", home)
    assert code == 0, err
    # the rescreen's index of the new lists is stored for the next commands (not built in
    # memory and again by the next screen)
    assert len(set((tmp_path / "home" / "index").glob("screen-*.idx")) - stored) == 1
    code, out, _ = run("alerts", "list", "--json", "--home", home)
    alerts = json.loads(out)
    assert len(alerts) == 1
    text = json.dumps(alerts[0])
    assert "C1" in text and "29119" in text and "GLOMAG" in text
    code, out, _ = run("audit", "verify", "--home", home)
    assert code == 0


@sqlite_only  # (relations stored and read on PostgreSQL: tests/test_registry.py)
def test_show_links_the_militia_and_its_leader_both_ways(tmp_path: Path) -> None:
    home = str(tmp_path / "home")
    code, _, _ = run("load", str(DATA / "ofac-sdn-2021"), "--home", home)
    assert code == 0
    code, out, _ = run("show", "us-ofac:29119", "--json", "--home", home)
    leader = json.loads(out)
    assert [r["target_entity_id"] for r in leader["relations"]] == ["us-ofac-29368"]
    code, out, _ = run("show", "us-ofac:29368", "--json", "--home", home)
    militia = json.loads(out)
    assert [r["entity_id"] for r in militia["linked_from"]] == ["us-ofac-29119"]
    code, out, _ = run("show", "us-ofac:29368", "--home", home)
    assert code == 0 and "linked_to from: AL-KANI, Mohamed" in out
