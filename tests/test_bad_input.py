"""Issue 11: bad input gets a clear error, and everything else is still done.

Each test is a run a user (or an attacker) made: real list files in a real SQLite registry,
the `sanctio` command line, and the HTTP service (``sanctio serve``) on loopback.
"""

from __future__ import annotations

import csv
import datetime
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from typer.testing import CliRunner

from sanctio.cli import app
from sanctio.contract import Query, QueryError
from sanctio.registry import Registry
from sanctio.service.cli import ServerProcess

from .conftest import DATA, EXCERPTS, loaded_home, role_keys

UK = DATA / "uk-2026" / "ConList.csv"
UN = DATA / "un-2026" / "consolidated.xml"
EU = DATA / "eu-2026" / "sanctions.xml"
AU = DATA / "au-2024" / "regulation8_consolidated.xlsx"

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """The installed command, in a process of its own (as a user runs it)."""
    return subprocess.run([sys.executable, "-m", "sanctio.cli", *args], capture_output=True,
                          text=True, timeout=timeout)


@pytest.fixture(scope="module")
def uk_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A registry holding the UK list (it lists Mohamed al-Kani and the Kaniyat militia)."""
    return loaded_home(tmp_path_factory, "uk-home", [UK], auto_sample=False)


def write_csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


# ------------------------------------------------------------ 1. bad secondary fields


def test_query_build_ignores_bad_secondary_fields_with_warnings() -> None:
    q = Query.build("Mohamed al-Kani", dob="1979-13-45", country="XX", schema="dragon",
                    gender="x", identifiers=["P123", "A\x01B"])
    assert (q.name, q.dob, q.country, q.schema, q.gender) == ("Mohamed al-Kani", None, None,
                                                              None, None)
    assert q.identifiers == ["P123"]
    assert "dob '1979-13-45' is not a valid date: ignored" in q.warnings
    assert "country 'XX' is not a known country: ignored" in q.warnings
    assert [w.split(" ", 1)[0] for w in q.warnings] == ["schema", "dob", "country", "gender",
                                                         "identifier"]
    assert Query.build("Someone", dob="2030-01").warnings == [
        "dob '2030-01' is not a plausible date of birth: ignored"]
    with pytest.raises(QueryError) as err:
        Query.build("Someone", country="XX", strict=True)
    assert err.value.field == "country"


def test_cli_screen_with_a_bad_date_and_country_screens_the_name(uk_home: Path) -> None:
    code, out, err = run("screen", "Mohamed al-Kani", "--dob", "1979-13-45", "--country", "XX",
                         "--json", "--home", str(uk_home))
    assert code == 0, err
    data = json.loads(out)
    assert data["status"] == "alert"
    assert data["matches"][0]["designations"][0]["source_id"] == "14105"
    assert data["query"]["dob"] is None and data["query"]["country"] is None
    assert "dob '1979-13-45' is not a valid date: ignored" in data["warnings"]
    assert "country 'XX' is not a known country: ignored" in data["warnings"]
    assert "dob '1979-13-45'" in err  # also on stderr for a person


def test_screen_file_screens_rows_with_bad_fields_and_reports_unclosed_quotes(
        uk_home: Path, tmp_path: Path) -> None:
    src = write_csv(tmp_path / "in.csv",
                    "name,dob,country,ref\n"
                    "Mohamed al-Kani,1979-13-45,XX,c1\n"
                    '"Kaniyat militia,,,c2\n'  # the quote is never closed
                    "Jane Doe,1980-01-01,GB,c3\n"
                    "!!!,,,c4\n"
                    "\u200b\u200b,,,c5\n"
                    "al-Kaniyat,,,c6\n")
    out = tmp_path / "out.jsonl"
    code, _, err = run("screen-file", str(src), "--output", str(out), "--home", str(uk_home))
    assert code == 0, err
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert [x["row"] for x in lines] == [1, 2, 3, 4, 5, 6]
    assert [x["status"] for x in lines] == ["alert", "error", "clear", "error", "error",
                                             "alert"]
    assert lines[0]["warnings"] == ["dob '1979-13-45' is not a valid date: ignored",
                                    "country 'XX' is not a known country: ignored"]
    # the unclosed quote names its line; the rows after it are still screened
    assert "line 3" in lines[1]["error"] and "unclosed quote" in lines[1]["error"]
    assert lines[2]["ref"] == "c3" and lines[2]["warnings"] == []
    assert "no letters" in lines[3]["error"] and "no letters" in lines[4]["error"]
    assert lines[5]["matches"][0]["designations"][0]["source_id"] == "14107"
    assert "errors: 3" in err


def test_portfolio_import_and_screen_keep_customers_with_bad_fields(
        uk_home: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    reg = Registry(home, auto_sample=False)
    assert reg.load(UK).status == "loaded"
    reg.close()
    src = write_csv(tmp_path / "customers.csv",
                    "ref,name,dob,country\n"
                    "C1,Mohamed al-Kani,1979-13-45,XX\n"
                    'C2,"Kaniyat militia,,\n'
                    "C3,Jane Doe,1980-01-01,GB\n"
                    "C4,!!!,,\n")
    code, out, err = run("portfolio", "import", str(src), "--json", "--home", str(home))
    assert code == 0, err
    report = json.loads(out)
    assert report["added_ids"] == ["C1", "C3"]
    assert {(b["line"], b["field"]) for b in report["bad_rows"]} == {(3, "line"), (5, "name")}
    assert "unclosed quote" in report["bad_rows"][0]["message"]
    assert [(w["line"], w["ref"], w["field"]) for w in report["warning_rows"]] == [
        (2, "C1", "dob"), (2, "C1", "country")]
    code, out, err = run("portfolio", "screen", "--workers", "1", "--json", "--home",
                         str(home))
    assert code == 0, err
    assert json.loads(out)["opened"] == 1
    code, out, _ = run("alerts", "list", "--json", "--home", str(home))
    (alert,) = json.loads(out)
    assert alert["customer_id"] == "C1" and alert["entity_id"] == "uk-14105"


# ------------------------------------------------------------ 5. names with no letters


@pytest.mark.parametrize("name", ["!!!", "\u200b\u200c\u200d", "123 456", "- . -", "\u00a0\u200b"])
def test_names_without_letters_are_errors(name: str, uk_home: Path) -> None:
    with pytest.raises(QueryError) as err:
        Query.build(name)
    assert err.value.field == "name"
    if name.strip():
        code, _, err_text = run("screen", "--home", str(uk_home), "--", name)
        assert code == 2 and "no letters" in err_text


# ---------------------------------------------------------------- 6. --fail-on-alert


def test_fail_on_alert_exit_code(uk_home: Path, tmp_path: Path) -> None:
    home = str(uk_home)
    assert run("screen", "Mohamed al-Kani", "--fail-on-alert", "--home", home)[0] == 3
    code, out, _ = run("screen", "Mohamed al-Kani", "--fail-on-alert", "--json", "--home", home)
    assert code == 3 and json.loads(out)["status"] == "alert"  # the output is still written
    assert run("screen", "Jane Doe", "--fail-on-alert", "--home", home)[0] == 0
    assert run("screen", "Mohamed al-Kani", "--home", home)[0] == 0
    hits = write_csv(tmp_path / "hits.csv", "name\nJane Doe\nMohamed al-Kani\n")
    none = write_csv(tmp_path / "none.csv", "name\nJane Doe\n")
    code, _, err = run("screen-file", str(hits), "-o", str(tmp_path / "a.jsonl"),
                       "--fail-on-alert", "--home", home)
    assert code == 3 and "alerts: 1" in err
    assert len((tmp_path / "a.jsonl").read_text().splitlines()) == 2
    code, _, _ = run("screen-file", str(none), "-o", str(tmp_path / "b.jsonl"),
                     "--fail-on-alert", "--home", home)
    assert code == 0
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    assert "--fail-on-alert" in readme and "exit code 3" in readme


# ------------------------------------------------------- 3. tracebacks become failed loads


def _with_duplicate(src: Path, dest: Path, pattern: str) -> Path:
    text = src.read_text(encoding="utf-8")
    first = re.search(pattern, text, re.S)
    assert first is not None
    dest.write_text(text.replace(first.group(0), first.group(0) * 2, 1), encoding="utf-8")
    return dest


def test_duplicate_ids_are_failed_loads_and_later_files_still_load(tmp_path: Path) -> None:
    un = _with_duplicate(UN, tmp_path / "un-dup.xml", r"<INDIVIDUAL>.*?</INDIVIDUAL>")
    eu = _with_duplicate(EU, tmp_path / "eu-dup.xml", r"<sanctionEntity .*?</sanctionEntity>")
    home = str(tmp_path / "home")
    proc = cli("load", str(un), str(eu), str(UK), "--home", home)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == 1
    assert proc.stderr.count("duplicate record identifier") == 2
    versions = json.loads(cli("lists", "--json", "--home", home).stdout)
    status = {v["list"]: v["status"] for v in versions if v["list"] != "sample"}
    assert status == {"un": "failed", "eu": "failed", "uk": "active"}
    failed = [v for v in versions if v["status"] == "failed"]
    assert all("duplicate record identifier" in v["error"] for v in failed)


def _xlsx_members(src: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(src) as zf:
        return {n: zf.read(n) for n in zf.namelist()}


def test_xlsx_whose_xml_declares_a_doctype_is_refused(tmp_path: Path) -> None:
    members = _xlsx_members(AU)
    sheet = next(n for n in members if n.startswith("xl/worksheets/"))
    hostile = tmp_path / "doctype.xlsx"
    with zipfile.ZipFile(hostile, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            if name == sheet:
                data = (b'<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                        + data)
            zf.writestr(name, data)
    home = tmp_path / "home"
    proc = cli("load", str(hostile), "--home", str(home))
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "refused" in proc.stderr and ("DOCTYPE" in proc.stderr or "entities" in proc.stderr)
    reg = Registry(home, auto_sample=False)
    assert [v.status for v in reg.versions("au-dfat")] == ["failed"]
    reg.close()


def test_xlsx_zip_bomb_is_refused_before_it_is_unpacked(tmp_path: Path) -> None:
    """A workbook of under 1 MB whose sheet unpacks to 600 MiB of blanks: refused from its
    declared sizes, in well under the time it would take to unpack."""
    members = _xlsx_members(AU)
    sheet = next(n for n in members if n.startswith("xl/worksheets/"))
    data = members[sheet]
    cut = data.index(b"<sheetData>") + len(b"<sheetData>")
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, content in members.items():
            if name != sheet:
                zf.writestr(name, content)
                continue
            with zf.open(name, "w", force_zip64=True) as part:
                part.write(data[:cut])
                blanks = b" " * (1 << 20)
                for _ in range(600):
                    part.write(blanks)
                part.write(data[cut:])
    assert bomb.stat().st_size < 2 * 1024 * 1024
    started = time.monotonic()
    proc = cli("load", str(bomb), "--format", "au-dfat", "--home", str(tmp_path / "home"))
    assert time.monotonic() - started < 60
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "refused" in proc.stderr and "unpack" in proc.stderr and "512 MiB" in proc.stderr


def test_cli_load_of_a_fifo_is_refused_instead_of_hanging(tmp_path: Path) -> None:
    fifo = tmp_path / "consolidated.xml"
    os.mkfifo(fifo)
    proc = cli("load", str(fifo), str(UK), "--home",
               str(tmp_path / "home"), timeout=120)
    assert proc.returncode == 1 and "not a regular file" in proc.stderr
    assert "loaded uk" in proc.stdout


def test_any_parser_exception_is_a_failed_load(tmp_path: Path) -> None:
    """A text file read as a workbook (openpyxl raised InvalidFileException: a traceback)."""
    not_a_workbook = tmp_path / "list.txt"
    not_a_workbook.write_text("name\nJohn Smith\n")
    home = str(tmp_path / "home")
    proc = cli("load", str(not_a_workbook), "--format", "au-dfat", "--home", home)
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "list.txt" in proc.stderr
    versions = json.loads(cli("lists", "--json", "--home", home).stdout)
    assert [(v["list"], v["status"]) for v in versions if v["list"] != "sample"] == [
        ("au-dfat", "failed")]


# --------------------------------------------------------------------- the service


SECRET = "root:$6$SECRETHASH0123456789:19000:0:99999:7:::"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The server's data folder (list files, a FIFO, a secret, a link out) and a folder
    outside it holding a secret."""
    root = tmp_path_factory.mktemp("site")
    data, outside = root / "data", root / "outside"
    data.mkdir()
    outside.mkdir()
    (outside / "shadow").write_text(SECRET + "\n")
    (data / "secret.csv").write_text(SECRET + "\nbin:*:19000:0:99999:7:::\n")
    (data / "link-out").symlink_to(outside / "shadow")
    os.mkfifo(data / "pipe.csv")
    (data / "ConList.csv").write_bytes(UK.read_bytes())
    return {"data": data, "outside": outside}


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory,
            site: dict[str, Path]) -> Iterator[dict[str, Any]]:
    home = loaded_home(tmp_path_factory, "bad-input-service", [UK], auto_sample=False)
    keys = role_keys(home)
    proc = ServerProcess(home, workers=1, args=["--poll-interval", "0.5", "--data-dir",
                                                str(site["data"])])
    proc.start(timeout=180)
    try:
        with httpx.Client(base_url=proc.url, timeout=120,
                          headers={"X-API-Key": keys["screen"]}) as api, \
                httpx.Client(base_url=proc.url, timeout=120,
                             headers={"X-API-Key": keys["admin"]}) as admin:
            yield {"proc": proc, "api": api, "admin": admin, "home": home}
    finally:
        proc.stop()


def test_match_answers_every_query_of_a_batch(service: dict[str, Any]) -> None:
    queries = [
        {"name": "Mohamed al-Kani", "dob": "1979-13-45", "country": "XX", "ref": "q0"},
        {"name": "!!!", "ref": "q1"},
        {"name": "", "ref": "q2"},
        {"name": "\u200b\u200b", "ref": "q3"},
        {"name": "John\x00Smith", "ref": "q4"},
        {"name": "x" * 501, "ref": "q5"},
        {"name": "Kaniyat militia", "schema": "dragon", "gender": "x", "ref": "q6"},
        {"name": "Jane Doe", "dob": "2999", "identifiers": ["A\x01B"], "ref": "q7"},
    ]
    r = service["api"].post("/match", json={"queries": queries})
    assert r.status_code == 200, r.text
    data = r.json()
    results = data["results"]
    assert [x["ref"] for x in results] == [f"q{i}" for i in range(8)]
    assert [x["status"] for x in results] == ["alert", "error", "error", "error", "error",
                                               "error", "alert", "clear"]
    assert data["summary"] == {"queries": 8, "alerts": 2, "errors": 5}
    assert results[0]["warnings"] == ["dob '1979-13-45' is not a valid date: ignored",
                                      "country 'XX' is not a known country: ignored"]
    assert results[0]["matches"][0]["designations"][0]["source_id"] == "14105"
    assert [w.split(" ", 1)[0] for w in results[6]["warnings"]] == ["schema", "gender"]
    assert [w.split(" ", 1)[0] for w in results[7]["warnings"]] == ["dob", "identifier"]
    errors = {x["ref"]: x["error"] for x in results if x["status"] == "error"}
    assert "queries[1]: name" in errors["q1"] and "no letters" in errors["q1"]
    assert "required" in errors["q2"] and "no letters" in errors["q3"]
    assert "control characters" in errors["q4"] and "500" in errors["q5"]
    for entry in results[1:6]:
        assert entry["matches"] == [] and entry["query"]["name"] is None
        assert entry["list_versions"] == data["list_versions"]
    assert "John" not in r.text and "x" * 501 not in r.text  # unusable names are not echoed


NEXT_YEAR = str(datetime.date.today().year + 1)
# odd queries: (name, options of `sanctio screen`); the JSON body of the same query is built
# from the options
ODD_QUERIES: list[tuple[str, dict[str, str]]] = [
    ("Mohamed al-Kani", {"dob": NEXT_YEAR + "-01-01"}),  # a date of birth in the future
    ("Mohamed al-Kani", {"dob": "2999-01-01"}),
    ("Mohamed al-Kani", {"dob": "1979-02-30"}),  # no such day
    ("Mohamed al-Kani", {"country": "Atlantis"}),  # no such country
    ("Mohamed al-Kani", {"country": "XX", "schema": "dragon", "gender": "x"}),
    ("Mohamed al-Kani", {"country": "United Kingdom", "dob": "1979"}),  # fine
    ("x" * 501, {}),  # an overlong name
    ("", {}),  # an empty name
    ("   ", {}),
    ("!!!", {}),  # no letters
]


def test_cli_and_api_accept_and_refuse_the_same_queries(service: dict[str, Any],
                                                         uk_home: Path) -> None:
    """Both surfaces validate with Query.build: the same odd inputs are screened with the
    same warnings, or refused with the same message (the API as the query's error entry,
    the command line as a bad parameter, exit code 2)."""
    queries = [{"name": name, **options, "ref": f"q{i}"}
               for i, (name, options) in enumerate(ODD_QUERIES)]
    r = service["api"].post("/match", json={"queries": queries})
    assert r.status_code == 200, r.text
    api = r.json()["results"]
    refused = 0
    for i, ((name, options), answer) in enumerate(zip(ODD_QUERIES, api, strict=True)):
        args = [arg for k, v in options.items() for arg in (f"--{k}", v)]
        code, out, err = run("screen", name, *args, "--json", "--home", str(uk_home))
        if answer["status"] == "error":
            refused += 1
            message = answer["error"].removeprefix(f"queries[{i}]: ")
            assert answer["error"] == f"queries[{i}]: {message}"
            shown = " ".join(re.sub(r"[\u2500-\u257f]", " ", err).split())
            assert code == 2 and message in shown, (name, message, err)
            continue
        assert code == 0, (name, options, err)
        data = json.loads(out)
        fields = ("schema ", "dob ", "country ", "gender ", "identifier ")
        assert [w for w in data["warnings"] if w.startswith(fields)] == answer["warnings"]
        assert data["query"] == {**answer["query"], "ref": None}
        assert data["status"] == answer["status"]
    assert refused == 4
    assert api[0]["warnings"] == [f"dob '{NEXT_YEAR}-01-01' is not a plausible date of birth: "
                                  "ignored"]
    assert api[3]["warnings"] == ["country 'Atlantis' is not a known country: ignored"]
    assert api[5]["warnings"] == [] and api[5]["query"]["country"] == "GB"


@pytest.mark.parametrize(("option", "value", "field"), [
    ("dob", "1979-01-01" + " " * 10 + "x" * 30, "dob"),
    ("country", "C" * 65, "country"),
    ("gender", "female" * 3, "gender"),
    ("schema", "Person" * 6, "schema"),
    ("identifiers", "P" * 101, "identifiers"),
])
def test_overlong_fields_are_refused_alike(service: dict[str, Any], uk_home: Path,
                                           option: str, value: str, field: str) -> None:
    """A secondary field longer than its limit (Query.build's FIELD_LIMITS) is a mistake, not
    a value: the command line refuses it (exit 2, naming the field and the limit), and the
    service's request model, which declares the same limits, refuses the body (422)."""
    from sanctio.contract import FIELD_LIMITS

    limit = FIELD_LIMITS["identifier" if field == "identifiers" else field]
    body = {"name": "Mohamed al-Kani", field: [value] if field == "identifiers" else value}
    r = service["api"].post("/match", json={"queries": [body]})
    assert r.status_code == 422, r.text
    (error,) = r.json()["detail"]
    assert error["loc"][:4] == ["body", "queries", 0, field]
    assert f"at most {limit} " in error["msg"], error
    flag = "--id" if field == "identifiers" else f"--{option}"
    code, _out, err = run("screen", "Mohamed al-Kani", flag, value, "--home", str(uk_home))
    shown = " ".join(re.sub(r"[\u2500-\u257f]", " ", err).split())
    assert code == 2 and f"longer than {limit} characters" in shown, err


@pytest.mark.parametrize(("raw", "status"), [
    (b'{"queries": [{"name": "a"}', 422),  # not JSON
    (json.dumps({"queries": [{"name": "a b"}] * 1001}).encode(), 422),  # too many queries
    (b'{"queries": [{"name": "a b"}], "colour": "red"}', 422),  # unknown top-level field
    (b'{"queries": [{"name": "a b", "nickname": "x"}]}', 422),  # a query of the wrong shape
])
def test_a_malformed_body_is_still_refused_as_a_whole(service: dict[str, Any], raw: bytes,
                                                      status: int) -> None:
    r = service["api"].post("/match", content=raw, headers={"content-type": "application/json"})
    assert r.status_code == status, r.text


def _reload(client: httpx.Client, path: str, **extra: Any) -> httpx.Response:
    return client.post("/lists/reload", json={"paths": [{"path": path, **extra}]})


def test_reload_reads_only_inside_the_data_folders(service: dict[str, Any],
                                                   site: dict[str, Path]) -> None:
    admin, api = service["admin"], service["api"]
    answers = []
    for path in (site["outside"] / "shadow", site["outside"] / "missing.csv", "/etc/shadow",
                 "/etc/passwd", "/proc/self/environ", site["data"] / "link-out",
                 "../outside/shadow", site["data"] / "nothing-here.csv"):
        r = _reload(admin, str(path), format="uk-conlist")
        assert r.status_code == 422, (path, r.text)
        (error,) = r.json()["detail"]
        assert error["loc"] == ["body", "paths", 0, "path"]
        answers.append(error["msg"])
        assert SECRET not in r.text and "root:" not in r.text
    # missing and forbidden files get the same answer: nothing tells what exists elsewhere
    assert len(set(answers)) == 1 and "data folders" in answers[0]
    lists = api.get("/lists")
    assert lists.status_code == 200 and "SECRETHASH" not in lists.text


def test_reload_errors_never_quote_the_file(service: dict[str, Any],
                                            site: dict[str, Path]) -> None:
    admin, api = service["admin"], service["api"]
    secret = str(site["data"] / "secret.csv")
    for fmt in ("uk-conlist", "us-csl", "ofac-csv", "au-dfat", None):
        r = _reload(admin, secret, **({"format": fmt} if fmt else {}))
        assert r.status_code == 200, r.text
        (result,) = r.json()["results"]
        assert result["status"] == "failed" and result["error"], fmt
        assert "secret.csv" in result["error"]  # the file is named, its content is not
        assert "SECRETHASH" not in r.text and "bin:*" not in r.text, (fmt, r.text)
    lists = api.get("/lists")
    assert "SECRETHASH" not in lists.text and "secret.csv" in lists.text


def test_reload_refuses_a_fifo_and_keeps_working(service: dict[str, Any],
                                                 site: dict[str, Path]) -> None:
    admin = service["admin"]
    r = admin.post("/lists/reload", json={"paths": [{"path": str(site["data"] / "pipe.csv")}]},
                   timeout=20)
    assert r.status_code == 422 and "regular file" in r.json()["detail"][0]["msg"]
    r = admin.post("/lists/reload", json={"paths": [{"path": str(site["outside"])}]},
                   timeout=20)
    assert r.status_code == 422  # a folder outside: the same answer as a missing file
    r = _reload(admin, "ConList.csv")  # the same content as the active version
    assert r.status_code == 200 and r.json()["results"][0]["status"] == "unchanged"


def _children(pid: int) -> dict[int, str]:
    """Descendant processes of ``pid`` (from /proc), with their command lines."""
    parents: dict[int, int] = {}
    cmdlines: dict[int, str] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdlines[int(entry.name)] = (entry / "cmdline").read_bytes().replace(
                b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    out: dict[int, str] = {}
    frontier = [pid]
    while frontier:
        p = frontier.pop()
        for child, parent in parents.items():
            if parent == p and child not in out:
                out[child] = cmdlines.get(child, "")
                frontier.append(child)
    return out


def test_a_loader_killed_during_a_reload_is_recorded_as_failed(
        service: dict[str, Any], site: dict[str, Path]) -> None:
    admin, proc = service["admin"], service["proc"]
    assert proc.proc is not None
    (site["data"] / "un.xml").write_bytes(UN.read_bytes())
    before = set(_children(proc.proc.pid))
    answer: dict[str, httpx.Response] = {}

    def post() -> None:
        answer["r"] = _reload(admin, "un.xml")

    thread = threading.Thread(target=post)
    thread.start()
    killed = None
    deadline = time.monotonic() + 60
    while killed is None and time.monotonic() < deadline and thread.is_alive():
        for pid, cmd in _children(proc.proc.pid).items():
            if pid not in before and "multiprocessing" in cmd and "resource_tracker" not in cmd:
                os.kill(pid, signal.SIGKILL)  # the loader process of the server we started
                killed = pid
                break
        time.sleep(0.01)
    thread.join(120)
    assert killed is not None, "no loader process appeared"
    r = answer["r"]
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["ok"] is False
    (result,) = body["results"]
    assert result["status"] == "failed" and "loader process stopped" in result["error"]
    un = [x for x in admin.get("/lists").json()["lists"] if x["list"] == "un"]
    assert un and un[0]["active"] is None and un[0]["last_failure"]["status"] == "failed"
    assert "un.xml" in un[0]["last_failure"]["file"]
    # the service goes on: the next reload of the same file loads it
    r = _reload(admin, "un.xml")
    assert r.status_code == 200 and r.json()["results"][0]["status"] == "loaded"


def test_a_server_without_data_folders_loads_no_file(uk_home: Path, tmp_path: Path) -> None:
    with ServerProcess(uk_home, workers=1, dev=True, log_path=tmp_path / "serve.log") as dev:
        r = httpx.post(f"{dev.url}/lists/reload", json={"paths": [{"path": str(UK)}]},
                       timeout=60)
        assert r.status_code == 422 and "data folders" in r.text


# --------------------------------------------------------------------- 7. show and diff


def test_show_an_unknown_name_lists_the_closest_instead_of_guessing(main_home: Path) -> None:
    proc = cli("show", "al-Kana", "--home", str(main_home))
    assert proc.returncode == 1
    assert "no entity has the id or name 'al-Kana'" in proc.stderr
    closest = re.findall(r"^\s+\d\.\d\d\s+(\S+)\s", proc.stderr, re.M)
    assert 1 <= len(closest) <= 5
    # al-Kani, one letter from what was typed, among the two closest (on the full lists the
    # militia that bears his name, as Miliția Al-Kani, may come first)
    assert "us-ofac-29119" in closest[:2]
    assert "Designations" not in proc.stdout  # no entity is displayed
    exact = cli("show", "Kaniyat Militia", "--home", str(main_home))
    assert exact.returncode == 0 and "us-ofac-29368" in exact.stdout


def test_show_groups_names_by_script_and_language(main_home: Path) -> None:
    data = json.loads(cli("show", "us-ofac:29368", "--json", "--home", str(main_home)).stdout)
    total = len(data["names"])
    assert total > 60  # every name of the EU's language versions
    out = cli("show", "us-ofac:29368", "--home", str(main_home)).stdout
    name_lines = [ln for ln in out.splitlines() if "more" in ln or ln.startswith("  Greek")]
    assert f"names: {total}" in out and "+" in out and "more" in out
    assert re.search(r"^  Greek, el \(\d+\): ", out, re.M)
    assert re.search(r"^  Cyrillic, bg \(\d+\): ", out, re.M)
    assert name_lines and len(out.splitlines()) < total / 2
    full = cli("show", "us-ofac:29368", "--all-names", "--home", str(main_home)).stdout
    for n in data["names"]:
        if n["type"] != "primary":
            assert n["name"] in full


def _ofac_without(src: Path, dest: Path, drop: set[str]) -> Path:
    dest.mkdir()
    for f in src.iterdir():
        raw = f.read_bytes().decode("latin-1")
        lines = [ln for ln in raw.splitlines(keepends=True)
                 if ln.split(",", 1)[0].strip() not in drop]
        (dest / f.name).write_bytes("".join(lines).encode("latin-1"))
    return dest


def test_diff_prints_a_summary_first_limits_and_sorts_ids_as_numbers(tmp_path: Path) -> None:
    src = EXCERPTS / "ofac-sdn-2021"
    with (src / "sdn.csv").open(encoding="latin-1", newline="") as f:
        ids = [int(r[0]) for r in csv.reader(f) if r and r[0].strip().isdigit()]
    drop = ([i for i in ids if i < 1000][:20] + [i for i in ids if 1000 <= i < 10000][:20]
            + [i for i in ids if i >= 10000][:30])
    old = _ofac_without(src, tmp_path / "old", {str(i) for i in drop})
    home = str(tmp_path / "home")
    assert cli("load", str(old), "--home", home).returncode == 0
    assert cli("load", str(src), "--home", home).returncode == 0
    out = cli("diff", "us-ofac", "--home", home).stdout.splitlines()
    assert out[1].strip().startswith(f"{len(drop)} added, 0 removed")
    listed = [int(m.group(1)) for ln in out if (m := re.match(r"\s+\+ (\d+) ", ln))]
    assert listed == sorted(drop)[:50]  # numeric order, --limit 50 by default
    assert any(f"and {len(drop) - 50} more" in ln for ln in out)
    out = cli("diff", "us-ofac", "--limit", "0", "--home", home).stdout.splitlines()
    listed = [int(m.group(1)) for ln in out if (m := re.match(r"\s+\+ (\d+) ", ln))]
    assert listed == sorted(drop)
    data = json.loads(cli("diff", "us-ofac", "--json", "--home", home).stdout)
    assert [int(x["source_id"]) for x in data["added"]] == sorted(drop)
