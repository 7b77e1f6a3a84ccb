"""`sanctio update` against a real HTTP server on 127.0.0.1 serving the real list files.

No test leaves the loopback interface: every source is fetched from the local server
through ``base`` / ``$SANCTIO_UPDATE_BASE`` or ``--url-override``.
"""

from __future__ import annotations

import hashlib
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sanctio.cli import app
from sanctio.download import SOURCES, UpdateResult, set_digest, update
from sanctio.registry import Registry

from .conftest import DATA, SDN_RECORDS, UN_RECORDS, both_back_ends

pytestmark = [pytest.mark.timeout(120), both_back_ends]

OFAC_DIR = DATA / "ofac-sdn-2021"
UN_XML = DATA / "un-2026" / "consolidated.xml"
UK_2026 = DATA / "uk-2026" / "ConList.csv"
UK_2020 = DATA / "uk-2020-sample" / "ConList.csv"

# counts measured on the files (see ../shared/data/README.md, or the excerpts' counts.json)
OFAC_RECORDS = SDN_RECORDS
UK_2020_ROWS = 77


@dataclass
class Route:
    body: bytes
    statuses: list[int] = field(default_factory=list)  # served first, in order, then 200
    delay: float = 0.0  # seconds to wait before answering


class Server(ThreadingHTTPServer):
    daemon_threads = True
    routes: dict[str, Route]
    hits: dict[str, int]
    lock: threading.Lock

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}"

    def serve(self, path: str, body: bytes | Path, statuses: list[int] | None = None,
              delay: float = 0.0) -> None:
        data = body.read_bytes() if isinstance(body, Path) else body
        self.routes[path] = Route(data, list(statuses or []), delay)


class Handler(BaseHTTPRequestHandler):
    server: Server

    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        with self.server.lock:
            self.server.hits[path] = self.server.hits.get(path, 0) + 1
            route = self.server.routes.get(path)
            status = route.statuses.pop(0) if route and route.statuses else 200
        if route is None:
            status = 404
        if route is not None and route.delay:
            time.sleep(route.delay)
        body = route.body if route is not None and status == 200 else b"error\n"
        try:
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up (timeout)

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    srv = Server(("127.0.0.1", 0), Handler)
    srv.lock = threading.Lock()
    srv.routes, srv.hits = {}, {}
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def http(server: Server) -> Server:
    """The server with no routes and no hits (every path 404 until served)."""
    server.routes.clear()
    server.hits.clear()
    return server


@pytest.fixture(scope="module")
def seeded_home(tmp_path_factory: pytest.TempPathFactory, server: Server) -> Path:
    """A registry whose UN (2026) and UK (2020 sample) lists were loaded by an update."""
    home = tmp_path_factory.mktemp("seeded")
    server.routes.clear()
    server.serve("/consolidated.xml", UN_XML)
    server.serve("/ConList.csv", UK_2020)
    _seed(Registry(home, db=home / "sanctio.db"), server)  # a SQLite file, copied per test
    return home


def _seed(reg: Registry, server: Server) -> None:
    results = update(reg, ["un", "uk"], base=server.base, timeout=10, retries=0)
    assert [r.status for r in results] == ["loaded", "loaded"], [r.error for r in results]
    reg.close()


@pytest.fixture
def reg(seeded_home: Path, tmp_path: Path, db_url: str | None,
        server: Server) -> Iterator[Registry]:
    """A copy of the seeded registry, for one test (on PostgreSQL, the same update made
    into the test's fresh database)."""
    home = tmp_path / "home"
    shutil.copytree(seeded_home, home)
    if db_url is not None:
        (home / "sanctio.db").unlink()
        server.serve("/consolidated.xml", UN_XML)
        server.serve("/ConList.csv", UK_2020)
        _seed(Registry(home), server)
        server.routes.clear()
        server.hits.clear()
    registry = Registry(home)
    yield registry
    registry.close()


def active_labels(reg: Registry) -> dict[str, str]:
    return {k: v.label for k, v in reg.active_versions().items()}


def no_partial_files(reg: Registry) -> bool:
    root = reg.home / "downloads"
    return not [p for p in root.rglob("*") if p.name.endswith(".part")
                or p.name.startswith(".staging-")]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --------------------------------------------------------------------------------- tests


def test_cli_update_loads_then_reports_unchanged(http: Server, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    for f in OFAC_DIR.iterdir():
        http.serve(f"/{f.name}", f)
    http.serve("/consolidated.xml", UN_XML)
    monkeypatch.setenv("SANCTIO_UPDATE_BASE", http.base)
    home = tmp_path / "home"
    runner = CliRunner()
    args = ["update", "--source", "us-ofac", "--source", "un", "--home", str(home),
            "--timeout", "10", "--retries", "0"]

    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    assert f"loaded us-ofac: {OFAC_RECORDS} records" in first.output
    assert f"loaded un: {UN_RECORDS} records" in first.output
    assert sha256(OFAC_DIR / "sdn.csv") in first.output  # the SHA-256 is printed
    reg = Registry(home)
    active = reg.active_versions()
    assert set(active) == {"us-ofac", "un"}  # the built-in sample stepped aside
    assert active["us-ofac"].record_count == OFAC_RECORDS
    assert active["un"].record_count == UN_RECORDS
    assert active["un"].source == "un" and active["us-ofac"].format == "ofac-csv"
    # recorded: the registry's SHA-256 is the downloaded file's (or the CSV set's)
    assert active["un"].sha256 == sha256(UN_XML)
    assert active["us-ofac"].sha256 == set_digest(
        {f.name: sha256(f) for f in OFAC_DIR.iterdir()})
    assert Path(active["un"].file_name or "").read_bytes() == UN_XML.read_bytes()
    assert all(http.hits[f"/{f.name}"] == 1 for f in OFAC_DIR.iterdir())

    second = runner.invoke(app, args)
    assert second.exit_code == 0, second.output
    assert "unchanged (same SHA-256) us-ofac" in second.output
    assert "unchanged (same SHA-256) un" in second.output
    assert {k: v.id for k, v in reg.active_versions().items()} == {
        k: v.id for k, v in active.items()}
    assert no_partial_files(reg)
    reg.close()


def test_retries_server_errors_then_succeeds(http: Server, tmp_path: Path) -> None:
    http.serve("/ConList.csv", UK_2020, statuses=[500, 503])
    messages: list[str] = []
    reg = Registry(tmp_path / "home")
    [result] = update(reg, ["uk"], base=http.base, timeout=5, retries=3, backoff=0.01,
                      log=messages.append)
    assert result.status == "loaded", result.error
    assert http.hits["/ConList.csv"] == 3
    assert result.files[0].attempts == 3
    assert len(messages) == 2 and "HTTP 500" in messages[0] and "HTTP 503" in messages[1]
    assert reg.active_versions()["uk"].record_count > 0
    reg.close()


def test_server_errors_exhaust_retries(http: Server, reg: Registry) -> None:
    before = active_labels(reg)
    http.serve("/consolidated.xml", UN_XML, statuses=[502] * 5)
    [result] = update(reg, ["un"], base=http.base, timeout=5, retries=2, backoff=0.01)
    assert result.status == "failed" and result.stage == "download"
    assert "HTTP 502" in (result.error or "") and "3 attempts" in (result.error or "")
    assert http.hits["/consolidated.xml"] == 3
    assert active_labels(reg) == before


def test_404_fails_at_once_and_keeps_previous(http: Server, reg: Registry) -> None:
    before = active_labels(reg)
    versions = len(reg.versions())
    [result] = update(reg, ["un"], base=http.base, timeout=5, retries=3, backoff=0.01)
    assert result.status == "failed" and result.stage == "download"
    assert "HTTP 404" in (result.error or "")
    assert http.hits["/consolidated.xml"] == 1  # no retry on 4xx
    assert result.previous is not None and result.version == result.previous
    assert active_labels(reg) == before
    assert len(reg.versions()) == versions  # nothing was loaded
    assert no_partial_files(reg)


def test_timeout_fails_cleanly_and_keeps_previous(http: Server, reg: Registry) -> None:
    before = active_labels(reg)
    http.serve("/consolidated.xml", UN_XML, delay=3.0)
    started = time.monotonic()
    [result] = update(reg, ["un"], base=http.base, timeout=0.3, retries=1, backoff=0.01)
    assert time.monotonic() - started < 2.5
    assert result.status == "failed" and result.stage == "download"
    assert "timeout" in (result.error or "")
    assert http.hits["/consolidated.xml"] == 2  # a timeout is a network error: retried
    assert active_labels(reg) == before
    assert no_partial_files(reg)


def test_checksum_mismatch_fails_and_keeps_previous(http: Server, reg: Registry) -> None:
    before = active_labels(reg)
    versions = len(reg.versions())
    http.serve("/consolidated.xml", UN_XML)
    [result] = update(reg, ["un"], base=http.base, timeout=5, retries=0,
                      checksums={"un": "0" * 64})
    assert result.status == "failed" and result.stage == "checksum"
    assert sha256(UN_XML) in (result.error or "")
    assert result.sha256 == sha256(UN_XML)
    assert active_labels(reg) == before
    assert len(reg.versions()) == versions
    # the right checksum passes (and the file is the one already active)
    [ok] = update(reg, ["un"], base=http.base, timeout=5, retries=0,
                  checksums={"un": sha256(UN_XML).upper()})
    assert ok.status == "unchanged"


def test_truncated_file_fails_at_parse_and_keeps_previous(http: Server, reg: Registry) -> None:
    before = active_labels(reg)
    data = UK_2026.read_bytes()
    http.serve("/ConList.csv", data[: len(data) // 2])
    [result] = update(reg, ["uk"], base=http.base, timeout=10, retries=0)
    assert result.status == "failed" and result.stage == "load"
    assert "truncated" in (result.error or "")
    assert result.load is not None and result.load.status == "failed"
    assert active_labels(reg) == before
    assert reg.active_versions()["uk"].record_count <= UK_2020_ROWS
    assert reg.versions("uk")[-1].status == "failed"  # the registry recorded the failure


def test_size_cap(http: Server, reg: Registry) -> None:
    before = active_labels(reg)
    http.serve("/consolidated.xml", UN_XML)
    [result] = update(reg, ["un"], base=http.base, timeout=5, retries=2, backoff=0.01,
                      max_bytes=100_000)
    assert result.status == "failed" and "cap" in (result.error or "")
    assert http.hits["/consolidated.xml"] == 1
    assert active_labels(reg) == before
    assert no_partial_files(reg)


def test_cli_one_failure_others_load_exit_1(http: Server, reg: Registry) -> None:
    """--url-override per source; UN 404s, UK is still updated; exit code 1."""
    before = active_labels(reg)
    http.serve("/mirror/uk.csv", UK_2020)
    result = CliRunner().invoke(app, [
        "update", "--source", "un", "--source", "uk", "--home", str(reg.home),
        "--url-override", f"un={http.base}/missing.xml",
        "--url-override", f"uk={http.base}/mirror/uk.csv", "--retries", "2", "--timeout", "5"])
    assert result.exit_code == 1, result.output
    assert "FAILED un (download)" in result.output and "HTTP 404" in result.output
    assert f"the previous version {before['un']} stays active" in result.output
    assert "unchanged (same SHA-256) uk" in result.output  # the other source still ran
    assert http.hits == {"/missing.xml": 1, "/mirror/uk.csv": 1}
    assert active_labels(reg) == before


def test_bad_arguments(tmp_path: Path) -> None:
    runner = CliRunner()
    bad = runner.invoke(app, ["update", "--source", "mars"])
    assert bad.exit_code == 2 and "unknown source" in bad.output
    bad = runner.invoke(app, ["update", "--source", "un", "--sha256", "un=abc"])
    assert bad.exit_code == 2 and "64 hex" in bad.output
    reg = Registry(tmp_path, auto_sample=False)
    with pytest.raises(ValueError, match="unknown source"):
        update(reg, ["mars"])
    with pytest.raises(ValueError, match="not a source or file"):
        update(reg, ["un"], checksums={"uk": "0" * 64})
    reg.close()


def test_published_addresses() -> None:
    assert set(SOURCES) == {"us-ofac", "un", "eu", "uk", "us-csl"}
    assert all(url.startswith("https://") for s in SOURCES.values() for _, url in s.files)
    assert SOURCES["us-ofac"].names == ["sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"]


def test_result_shape(http: Server, reg: Registry) -> None:
    http.serve("/consolidated.xml", UN_XML)
    [result] = update(reg, ["un"], base=http.base, timeout=5, retries=0)
    assert isinstance(result, UpdateResult) and result.status == "unchanged"
    data = result.to_dict()
    assert data["files"][0]["sha256"] == sha256(UN_XML)
    assert data["files"][0]["url"] == f"{http.base}/consolidated.xml"
    assert data["record_count"] == UN_RECORDS
