"""Coverage must never shrink silently (issue 11): each official list is a list of its own,
loads that would shrink a list, go back in time or read an incomplete input are refused
unless asked for, loads of one list are serialised across processes, and every list
version carries the date of its data and its age.

Real list files of ../shared/data, real SQLite registries in tmp_path, real processes.
"""

from __future__ import annotations

import csv
import io
import json
import multiprocessing
import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from sanctio.cli import app
from sanctio.contract import Query
from sanctio.db import INTEGRITY_ERRORS
from sanctio.registry import Registry
from sanctio.screen import Screener

from .conftest import DATA, EXCERPT_COUNTS, SDN_RECORDS, connect_db, expect

SDN = DATA / "ofac-sdn-2021"
CONS = DATA / "ofac-cons-2020" / "consolidated.xml"
UN = DATA / "un-2026" / "consolidated.xml"
UK_2020 = DATA / "uk-2020-sample" / "ConList.csv"
# records of the consolidated file (376), or of its excerpt in tests/data/lists
CONS_RECORDS = expect(376, EXCERPT_COUNTS["ofac-cons"]["records"])
# designations a "normal update" drops from the SDN list: 50 of 8,976 (0.6%); 3 of the excerpt's
DROP = expect(50, 3)

pytestmark = pytest.mark.skipif(not (SDN.exists() and CONS.exists() and UN.exists()
                                     and UK_2020.exists()),
                                reason="the full official list files are not available")

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def statuses(reg: Registry, list_id: str) -> list[str]:
    return [v.status for v in reg.versions(list_id)]


@pytest.fixture(scope="module")
def sdn_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A registry holding the OFAC SDN list (2021 CSV set) only: copied by the tests."""
    home = tmp_path_factory.mktemp("sdn-home")
    reg = Registry(home, auto_sample=False)
    result = reg.load(SDN)
    assert result.status == "loaded", result.error
    reg.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    reg.close()
    return home


def sdn_registry(sdn_home: Path, tmp_path: Path) -> Registry:
    home = tmp_path / "home"
    home.mkdir()
    shutil.copy(sdn_home / "sanctio.db", home / "sanctio.db")
    return Registry(home, auto_sample=False)


def sdn_without(target: Path, drop: int) -> Path:
    """The SDN CSV set less its first ``drop`` designations (in every file of the set)."""
    target.mkdir(parents=True)
    rows = (SDN / "sdn.csv").read_bytes().split(b"\n")
    gone = {r.split(b",", 1)[0] for r in rows[:drop]}
    for f in SDN.iterdir():
        lines = f.read_bytes().split(b"\n")
        (target / f.name).write_bytes(
            b"\n".join(ln for ln in lines if ln.split(b",", 1)[0] not in gone))
    return target


def sdn_records_not_in_cons() -> int:
    """SDN records whose ent_num the consolidated file does not hold (8,970 of 8,976)."""
    sdn = {ln.split(b",", 1)[0] for ln in (SDN / "sdn.csv").read_bytes().split(b"\r\n")
           if ln[:1].isdigit()}
    cons = set(re.findall(rb"<sdnEntry>\s*<uid>(\d+)</uid>", CONS.read_bytes()))
    return len(sdn - cons)


def un_dated(target: Path, generated: str) -> Path:
    """The UN file as its publisher would have dated it ``generated``."""
    text = UN.read_text("utf-8")
    text, n = re.subn(r'dateGenerated="[^"]+"', f'dateGenerated="{generated}T00:00:00.000Z"',
                      text, count=1)
    assert n == 1
    target.write_text(text, "utf-8")
    return target


def un_without_individuals(target: Path, share: float) -> Path:
    """The UN file less the first ``share`` of its INDIVIDUAL entries (same date)."""
    text = UN.read_text("utf-8")
    drop = int(text.count("<INDIVIDUAL>") * share)
    seen = 0

    def cut(m: re.Match[str]) -> str:
        nonlocal seen
        seen += 1
        return "" if seen <= drop else m.group(0)

    target.write_text(re.sub(r"\s*<INDIVIDUAL>.*?</INDIVIDUAL>", cut, text, flags=re.S),
                      "utf-8")
    return target


def uk_without(target: Path, column: str) -> Path:
    """The real pre-2022 ConList extract less one column (header and every row)."""
    text = UK_2020.read_bytes().decode("cp1252")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    i = rows[0].index(column)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    for row in rows:
        writer.writerow(row[:i] + row[i + 1:] if len(row) > i else row)
    target.write_bytes(out.getvalue().encode("cp1252"))
    return target


# ------------------------------------------------ 1. the consolidated non-SDN list is its own


def test_consolidated_non_sdn_list_does_not_replace_the_sdn_list(sdn_home: Path,
                                                                 tmp_path: Path) -> None:
    reg = sdn_registry(sdn_home, tmp_path)
    sdn = reg.active_versions()["us-ofac"]
    result = reg.load(CONS)
    # before: loaded as us-ofac, replacing the SDN list (8,970 designations removed)
    assert result.status == "loaded", result.error
    assert result.list_id == "us-ofac-cons" and result.previous is None
    active = reg.active_versions()
    assert set(active) == {"us-ofac", "us-ofac-cons"}
    assert active["us-ofac"].id == sdn.id and active["us-ofac"].record_count == SDN_RECORDS
    assert active["us-ofac-cons"].record_count == CONS_RECORDS
    assert active["us-ofac-cons"].label.startswith("us-ofac-cons@2020-12-14#")
    assert active["us-ofac-cons"].title == "OFAC Consolidated (non-SDN) Sanctions List"
    # the output contract's record keys keep working
    assert reg.record("us-ofac:29119") is not None
    assert reg.record("us-ofac-cons:9639") is not None  # HANIYA, NS-PLC
    assert reg.diff("us-ofac").removed == []
    # screening covers both lists
    screener = Screener(reg)
    assert set(screener.list_versions) == {"us-ofac", "us-ofac-cons"}
    kani = screener.screen(Query.build("Mohamed al-Kani", schema="Person"))
    assert any(d.source == "us-ofac" and d.source_id == "29119"
               for m in kani.matches for d in m.designations)
    rosneft = screener.screen(Query.build("Rosneft Oil Company", schema="Organization"))
    cons = [d for m in rosneft.matches for d in m.designations if d.source == "us-ofac-cons"]
    assert cons and cons[0].list_version == active["us-ofac-cons"].label
    assert {d.program for d in cons} >= {"UKRAINE-EO13662"}


def test_alerts_on_sdn_designations_stay_open_when_the_non_sdn_list_loads(
        sdn_home: Path, tmp_path: Path) -> None:
    reg = sdn_registry(sdn_home, tmp_path)
    home = str(reg.home)
    reg.close()
    customers = tmp_path / "customers.csv"
    customers.write_text("ref,name,schema\nC1,Mohamed al-Kani,Person\nC2,Jane Doe,Person\n")
    assert run("portfolio", "import", str(customers), "--home", home)[0] == 0
    assert run("portfolio", "screen", "--home", home)[0] == 0
    code, out, _ = run("alerts", "list", "--state", "open", "--json", "--home", home)
    opened = json.loads(out)
    assert code == 0 and [a["customer_id"] for a in opened] == ["C1"]
    code, out, err = run("load", str(CONS), "--home", home)
    assert code == 0, err
    assert "us-ofac-cons" in out and "0 removed" in out
    code, out, _ = run("alerts", "list", "--state", "open", "--json", "--home", home)
    assert [a["id"] for a in json.loads(out)] == [a["id"] for a in opened]  # none auto-closed


def test_update_fetches_the_non_sdn_list_into_its_own_list(sdn_home: Path,
                                                           tmp_path: Path) -> None:
    from sanctio.download import update

    reg = sdn_registry(sdn_home, tmp_path)
    sdn = reg.active_versions()["us-ofac"]
    urls: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        urls.append(str(request.url))
        return httpx.Response(200, content=CONS.read_bytes())

    client = httpx.Client(transport=httpx.MockTransport(handler))
    [result] = update(reg, ["us-ofac-cons"], client=client, retries=0)
    assert result.status == "loaded", result.error
    assert urls == ["https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/"
                    "exports/CONSOLIDATED.XML"]
    active = reg.active_versions()
    assert active["us-ofac"].id == sdn.id
    assert active["us-ofac-cons"].record_count == CONS_RECORDS


def test_list_of_an_ofac_xml_file_can_be_named(tmp_path: Path) -> None:
    reg = Registry(tmp_path / "home", auto_sample=False)
    forced = reg.load(CONS, fmt="ofac-cons-xml")
    assert forced.status == "loaded" and forced.list_id == "us-ofac-cons"
    home = str(tmp_path / "named")
    code, _, err = run("load", str(CONS), "--name", "ofac-non-sdn", "--home", home)
    assert code == 0, err
    named = Registry(home, auto_sample=False)
    v = named.active_versions()["ofac-non-sdn"]
    assert v.source == "ofac-non-sdn" and v.record_count == CONS_RECORDS
    assert named.record("ofac-non-sdn:9639") is not None


# ------------------------------------------------------- 2. shrinking and older loads refused


def test_load_that_would_empty_the_sdn_list_is_refused(sdn_home: Path, tmp_path: Path) -> None:
    reg = sdn_registry(sdn_home, tmp_path)
    sdn = reg.active_versions()["us-ofac"]
    # the consolidated file forced into the SDN list: 8,970 of 8,976 records would go
    refused = reg.load(CONS, list_id="us-ofac")
    assert refused.status == "failed" and refused.refused == "shrink"
    assert refused.error is not None
    gone = sdn_records_not_in_cons()
    assert f"{gone:,} of the {SDN_RECORDS:,}" in refused.error
    assert "--allow-shrink" in refused.error
    assert "consolidated.xml" in refused.error
    assert reg.active_versions()["us-ofac"].id == sdn.id
    assert statuses(reg, "us-ofac") == ["active", "failed"]
    assert reg.record("us-ofac:29119") is not None
    # the same from the command line: refused, exit 1, and visible in `sanctio lists`
    home = str(reg.home)
    code, _, err = run("load", str(CONS), "--list", "us-ofac", "--home", home)
    assert code == 1 and "REFUSED" in err and "stays active" in err
    code, out, _ = run("lists", "--json", "--home", home)
    failed = [v for v in json.loads(out) if v["list"] == "us-ofac" and v["status"] == "failed"]
    assert len(failed) == 2 and "--allow-shrink" in failed[-1]["error"]
    # asked for: loaded
    code, out, err = run("load", str(CONS), "--list", "us-ofac", "--allow-shrink", "--home", home)
    assert code == 0, err
    reg = Registry(home, auto_sample=False)
    assert reg.active_versions()["us-ofac"].record_count == CONS_RECORDS


def test_shrink_limit_is_configurable(sdn_home: Path, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    reg = sdn_registry(sdn_home, tmp_path)
    fewer = sdn_without(tmp_path / "sdn-fewer", DROP)  # 50 of 8,976: 0.6%, a normal update
    limited = reg.load(fewer, max_shrink=0.001)
    assert limited.status == "failed" and limited.refused == "shrink"
    assert limited.error is not None and f"{DROP} of the {SDN_RECORDS:,}" in limited.error
    monkeypatch.setenv("SANCTIO_MAX_SHRINK", "0.5")  # percent
    assert reg.load(fewer).refused == "shrink"
    code, _, err = run("load", str(fewer), "--max-shrink", "1", "--home", str(reg.home))
    assert code == 0, err
    monkeypatch.delenv("SANCTIO_MAX_SHRINK")
    back = reg.load(SDN)  # adds the 50 back: nothing removed
    assert back.status == "reactivated"
    default = reg.load(fewer)  # the default limit (10%) lets 0.6% through
    assert default.status == "reactivated"


def test_file_older_than_the_active_version_is_refused(tmp_path: Path) -> None:
    reg = Registry(tmp_path / "home", auto_sample=False)
    assert reg.load(UN).status == "loaded"
    active = reg.active_versions()["un"]
    old = reg.load(un_dated(tmp_path / "consolidated.xml", "2025-06-30"))
    assert old.status == "failed" and old.refused == "older"
    assert old.error is not None
    assert "2025-06-30" in old.error and "2026-02-27" in old.error
    assert "--allow-older" in old.error
    assert reg.active_versions()["un"].id == active.id
    code, _, err = run("load", str(tmp_path / "consolidated.xml"), "--allow-older",
                       "--home", str(reg.home))
    assert code == 0, err
    assert reg.active_versions()["un"].publisher_date == "2025-06-30"


def test_update_gets_the_same_protection(tmp_path: Path) -> None:
    from sanctio.download import update

    reg = Registry(tmp_path / "home", auto_sample=False)
    assert reg.load(UN).status == "loaded"
    active = reg.active_versions()["un"]
    smaller = un_without_individuals(tmp_path / "smaller.xml", 0.5).read_bytes()
    older = un_dated(tmp_path / "older.xml", "2025-01-02").read_bytes()
    served = {"body": smaller}

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=served["body"])

    def fetch(**kwargs: Any) -> Any:
        client = httpx.Client(transport=httpx.MockTransport(handler))
        [result] = update(reg, ["un"], client=client, retries=0, **kwargs)
        return result

    shrunk = fetch()
    assert shrunk.status == "failed" and shrunk.stage == "load"
    assert shrunk.to_dict()["refused"] == "shrink" and "--allow-shrink" in shrunk.error
    served["body"] = older
    dated = fetch()
    assert dated.status == "failed" and dated.to_dict()["refused"] == "older"
    assert reg.active_versions()["un"].id == active.id
    assert fetch(allow_older=True).status == "loaded"
    assert reg.active_versions()["un"].publisher_date == "2025-01-02"


def test_service_reload_gets_the_same_protection(tmp_path: Path) -> None:
    from sanctio.service.loads import load_lists
    from sanctio.service.schemas import ReloadRequest

    home = tmp_path / "home"
    reg = Registry(home, auto_sample=False)
    assert reg.load(UN).status == "loaded"
    smaller = str(un_without_individuals(tmp_path / "smaller.xml", 0.5))
    [(_, result)] = load_lists(str(home), [(smaller, None, None)], False, None)
    assert result.status == "failed" and result.refused == "shrink"
    body = ReloadRequest.model_validate({"paths": [{"path": smaller, "allow_shrink": True}]})
    item = body.paths[0]
    [(_, result)] = load_lists(str(home), [(item.path, item.format, item.list_id,
                                            {"allow_shrink": item.allow_shrink})], False, None)
    assert result.status == "loaded"
    assert statuses(reg, "un") == ["superseded", "failed", "active"]


# --------------------------------------------------------------- 3. incomplete inputs refused


@pytest.mark.parametrize(("missing", "how"), [("alt.csv", "missing"), ("add.csv", "missing"),
                                             ("alt.csv", "empty")])
def test_ofac_csv_set_missing_a_file_is_refused(sdn_home: Path, tmp_path: Path,
                                                missing: str, how: str) -> None:
    reg = sdn_registry(sdn_home, tmp_path)
    sdn = reg.active_versions()["us-ofac"]
    partial = tmp_path / "sdn-partial"
    shutil.copytree(SDN, partial)
    if how == "missing":
        (partial / missing).unlink()
    else:
        (partial / missing).write_bytes(b"")
    result = reg.load(partial)
    assert result.status == "failed" and result.refused == "incomplete"
    assert result.error is not None
    assert str(partial / missing) in result.error and "--allow-incomplete" in result.error
    assert how in result.error
    assert ("aliases" if missing == "alt.csv" else "addresses") in result.error
    assert reg.active_versions()["us-ofac"].id == sdn.id
    code, _, err = run("load", str(partial), "--allow-incomplete", "--home", str(reg.home))
    assert code == 0, err
    loaded = reg.active_versions()["us-ofac"]
    assert loaded.id != sdn.id and loaded.record_count == SDN_RECORDS
    assert any(w.startswith("incomplete input accepted") and missing in w
               for w in loaded.warnings)


@pytest.mark.parametrize("column", ["Group Type", "DOB", "Nationality", "Regime"])
def test_uk_conlist_missing_a_column_is_refused(tmp_path: Path, column: str) -> None:
    reg = Registry(tmp_path / "home", auto_sample=False)
    assert reg.load(UK_2020).status == "loaded"  # the real extract with every column
    path = uk_without(tmp_path / "ConList.csv", column)
    result = reg.load(path)
    assert result.status == "failed" and result.refused == "incomplete"
    assert result.error is not None
    assert str(path) in result.error and f"no {column!r} column" in result.error
    assert statuses(reg, "uk") == ["active", "failed"]
    accepted = reg.load(path, allow_incomplete=True)
    assert accepted.status == "loaded", accepted.error
    assert accepted.version is not None
    assert any(column in w for w in accepted.version.warnings)


# ---------------------------------------------------------------- 4. one load of a list at once


def _load_in_process(home: str, path: str, barrier: Any, out: Any) -> None:
    reg = Registry(home, auto_sample=False)
    barrier.wait()
    result = reg.load(path)
    out.put((path, result.status, result.error))
    reg.close()


def _concurrent_loads(home: Path, paths: list[Path]) -> list[tuple[str, str, str | None]]:
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(len(paths))
    out = ctx.Queue()
    procs = [ctx.Process(target=_load_in_process, args=(str(home), str(p), barrier, out))
             for p in paths]
    for p in procs:
        p.start()
    results = [out.get(timeout=300) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    return results


@pytest.mark.usefixtures("db_url")
def test_two_processes_loading_one_list_leave_one_active_version(tmp_path: Path) -> None:
    home = tmp_path / "home"
    Registry(home, auto_sample=False).close()
    other = sdn_without(tmp_path / "sdn-other", 3)  # another version of the same list
    results = _concurrent_loads(home, [SDN, other])
    assert sorted(r[1] for r in results) == ["loaded", "loaded"], results
    reg = Registry(home, auto_sample=False)
    active = [v for v in reg.versions("us-ofac") if v.status == "active"]
    assert len(active) == 1, [(v.id, v.list_id, v.status, v.error) for v in reg.versions()]
    assert sorted(v.status for v in reg.versions("us-ofac")) == ["active", "superseded"]
    # the same file twice at once: loaded once, the other load finds it unchanged
    home2 = tmp_path / "home2"
    Registry(home2, auto_sample=False).close()
    results = _concurrent_loads(home2, [UN, UN])
    assert sorted(r[1] for r in results) == ["loaded", "unchanged"], results
    assert statuses(Registry(home2, auto_sample=False), "un") == ["active"]


@pytest.mark.usefixtures("db_url")
def test_old_registry_with_two_active_versions_is_repaired(tmp_path: Path) -> None:
    home = tmp_path / "home"
    reg = Registry(home, auto_sample=False)
    assert reg.load(UN).status == "loaded"
    assert reg.load(un_dated(tmp_path / "un-next.xml", "2026-03-01")).status == "loaded"
    reg.close()
    # as an earlier release left it: no unique index, no date columns, both versions active
    conn = connect_db(home / "sanctio.db")
    conn.execute("DROP INDEX ux_versions_one_active")
    conn.execute("UPDATE list_versions SET status='active'")
    for column in ("data_date", "date_kind", "date_note"):
        conn.execute(f"ALTER TABLE list_versions DROP COLUMN {column}")
    conn.commit()
    conn.close()
    reg = Registry(home, auto_sample=False)
    assert [v.status for v in reg.versions("un")] == ["superseded", "active"]
    assert reg.active_versions()["un"].publisher_date == "2026-03-01"
    assert reg.active_versions()["un"].date_kind == "publisher"  # from the old columns
    with pytest.raises(INTEGRITY_ERRORS):
        reg.conn.execute("UPDATE list_versions SET status='active'")


# ------------------------------------------------------------------ 5. the date and age of lists


def test_versions_are_dated_by_their_data(sdn_home: Path, tmp_path: Path) -> None:
    reg = sdn_registry(sdn_home, tmp_path)
    sdn = reg.active_versions()["us-ofac"]
    # before: us-ofac@<the day it was loaded>; the CSV set states no date of its own
    assert sdn.label.startswith("us-ofac@2021-01#") and sdn.label.endswith(sdn.sha256[:8])
    assert sdn.publisher_date is None
    assert (sdn.data_date, sdn.date_kind) == ("2021-01", "derived")
    assert sdn.date_note is not None and "Organization Established Date Jan 2021" in sdn.date_note
    assert sdn.age_days(date(2026, 11, 29)) == (date(2026, 11, 29) - date(2021, 1, 1)).days
    assert reg.load(UN).status == "loaded"
    un = reg.active_versions()["un"]
    assert un.label.startswith("un@2026-02-27#") and un.date_kind == "publisher"
    assert un.age_days(date(2026, 3, 1)) == 2
    warnings = reg.age_warnings(30, today=date(2026, 3, 1))
    assert len(warnings) == 1 and "us-ofac" in warnings[0] and "derived" in warnings[0]
    assert reg.age_warnings(100_000) == []


def test_lists_and_screen_show_the_age(sdn_home: Path, tmp_path: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    reg = sdn_registry(sdn_home, tmp_path)
    home = str(reg.home)
    monkeypatch.setenv("COLUMNS", "250")
    code, out, err = run("lists", "--home", home)
    assert code == 0 and "2021-01 (derived)" in out
    age = reg.active_versions()["us-ofac"].age_days()
    assert age is not None and age > 30 and f"{age:,}" in out
    assert "us-ofac is" in err and "days old" in err
    code, out, _ = run("lists", "--json", "--home", home)
    [v] = json.loads(out)
    assert v["date_kind"] == "derived" and v["data_date"] == "2021-01" and v["age_days"] == age
    # screen --json: the warning in a top-level field, the JSON alone on stdout
    code, out, err = run("screen", "Mohamed al-Kani", "--json", "--home", home)
    data = json.loads(out)
    assert code == 0 and data["status"] == "alert"
    assert len(data["warnings"]) == 1 and "us-ofac" in data["warnings"][0]
    assert "days old" in err
    code, out, err = run("screen", "Mohamed al-Kani", "--home", home)
    assert code == 0 and "days old" in err and "days old" not in out
    code, out, err = run("screen", "Mohamed al-Kani", "--json", "--max-age", "100000",
                         "--home", home)
    assert json.loads(out)["warnings"] == [] and "days old" not in err
    monkeypatch.setenv("SANCTIO_MAX_LIST_AGE_DAYS", "100000")
    code, out, err = run("screen", "Mohamed al-Kani", "--json", "--home", home)
    assert json.loads(out)["warnings"] == []


def _metric(text: str, name: str, **labels: str) -> float | None:
    want = ",".join(f'{k}="{v}"' for k, v in labels.items())
    for line in text.splitlines():
        if line.startswith(f"{name}{{{want}}} "):
            return float(line.rsplit(" ", 1)[1])
    return None


def test_service_shows_list_age_in_readyz_lists_and_metrics(tmp_path: Path) -> None:
    from sanctio.service.cli import ServerProcess

    home = tmp_path / "home"
    reg = Registry(home, auto_sample=False)
    assert reg.load(UN).status == "loaded"
    un_age = reg.active_versions()["un"].age_days()
    assert un_age is not None and un_age > 30
    reg.close()
    with ServerProcess(home, workers=1, dev=True, log_path=tmp_path / "serve.log",
                       args=["--data-dir", str(tmp_path)]) as server:
        def get(route: str) -> httpx.Response:
            return httpx.get(f"{server.url}{route}", timeout=60)

        ready = get("/readyz").json()
        assert ready["ready"] is True  # a stale list does not make the service unready
        assert ready["list_age_days"] == {"un": un_age}
        assert len(ready["warnings"]) == 1 and "list un is" in ready["warnings"][0]
        lists = get("/lists").json()
        assert lists["warnings"] == ready["warnings"] and lists["max_age_days"] == 30
        [un] = lists["lists"]
        assert un["age_days"] == un_age and un["stale"] is True
        assert un["active"]["date_kind"] == "publisher"
        assert un["active"]["data_date"] == "2026-02-27"
        text = get("/metrics").text
        assert _metric(text, "sanctio_list_data_age_days", list="un") == un_age
        assert _metric(text, "sanctio_list_stale", list="un") == 1
        # a reload that would shrink the list is refused there too, unless asked for
        smaller = str(un_without_individuals(tmp_path / "smaller.xml", 0.5))
        r = httpx.post(f"{server.url}/lists/reload", json={"paths": [{"path": smaller}]},
                       timeout=120)
        assert r.status_code == 200, r.text
        [result] = r.json()["results"]
        assert result["status"] == "failed" and result["refused"] == "shrink"
        r = httpx.post(f"{server.url}/lists/reload",
                       json={"paths": [{"path": smaller, "allow_shrink": True}]}, timeout=120)
        assert r.json()["results"][0]["status"] == "loaded"
