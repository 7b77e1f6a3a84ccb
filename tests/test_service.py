"""The HTTP screening service, tested as a client sees it: the real server (``sanctio serve``
with two worker processes) on loopback, called over HTTP.

The registry holds the real UN list (1,003 records; on a clone without the full lists, its
excerpt in tests/data/lists). The tests that change the lists (reloads) come last in this file.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from sanctio.contract import Query
from sanctio.registry import Registry
from sanctio.service.audit import query_hash
from sanctio.service.cli import ServerProcess

from .conftest import DATA, UN_RECORDS, connect_db

UN = DATA / "un-2026" / "consolidated.xml"
UK_SAMPLE = DATA / "uk-2020-sample" / "ConList.csv"

pytestmark = [pytest.mark.skipif(not UN.exists(), reason="shared list data not available"),
              pytest.mark.usefixtures("module_db_url")]  # on SQLite, then on PostgreSQL


def cli(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sanctio.service.cli", *args,
                           "--home", str(home)], capture_output=True, text=True, timeout=60,
                          check=True)


def create_key(home: Path, role: str, label: str | None = None) -> str:
    args = ["keys", "create", "--role", role, "--json"] + (["--label", label] if label else [])
    out = json.loads(cli(home, *args).stdout)
    assert out["role"] == role and out["key"].startswith("sanctio_")
    return str(out["key"])


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory, module_db_url: str | None) -> Path:
    home = tmp_path_factory.mktemp("service-home")
    reg = Registry(home, auto_sample=False)
    assert reg.load(UN).status == "loaded"
    reg.close()
    return home


@pytest.fixture(scope="module")
def keys(home: Path) -> dict[str, str]:
    return {"screen": create_key(home, "screen", "onboarding"),
            "admin": create_key(home, "admin", "ops")}


@pytest.fixture(scope="module")
def server(home: Path, keys: dict[str, str],
           tmp_path_factory: pytest.TempPathFactory) -> Iterator[ServerProcess]:
    # reloads read the list data and the tests' own temporary files
    proc = ServerProcess(home, workers=2, args=[
        "--poll-interval", "0.5", "--data-dir", str(DATA),
        "--data-dir", str(tmp_path_factory.getbasetemp())])
    proc.start(timeout=120)
    yield proc
    assert proc.stop() in (0, -15)  # uvicorn exits by re-raising the SIGTERM it handled


@pytest.fixture(scope="module")
def api(server: ServerProcess, keys: dict[str, str]) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=60,
                      headers={"Authorization": f"Bearer {keys['screen']}"}) as client:
        yield client


@pytest.fixture(scope="module")
def admin(server: ServerProcess, keys: dict[str, str]) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=120,
                      headers={"X-API-Key": keys["admin"]}) as client:
        yield client


@pytest.fixture(scope="module")
def listed(home: Path) -> dict[str, Any]:
    """A listed individual of the UN file, and what `sanctio screen --json` says of it."""
    reg = Registry(home, auto_sample=False)
    row = reg.conn.execute(
        "SELECT name FROM records WHERE schema='Person' AND name LIKE '% % %' "
        "ORDER BY source_id LIMIT 1").fetchone()
    reg.close()
    out = subprocess.run([sys.executable, "-m", "sanctio.cli", "screen", row[0], "--schema",
                          "person", "--json", "--home", str(home)],
                         capture_output=True, text=True, timeout=120, check=True)
    expected = json.loads(out.stdout)
    assert expected["status"] == "alert"
    return {"name": row[0], "expected": expected}


def match(client: httpx.Client, *queries: dict[str, Any], **extra: Any) -> httpx.Response:
    return client.post("/match", json={"queries": list(queries), **extra})


def errors_of(resp: httpx.Response) -> list[dict[str, Any]]:
    assert resp.status_code == 422, resp.text
    detail: list[dict[str, Any]] = resp.json()["detail"]
    return detail


# --------------------------------------------------------------------------- operations


def test_health_and_readiness(server: ServerProcess) -> None:
    with httpx.Client(base_url=server.url) as client:
        assert client.get("/healthz").json()["status"] == "ok"
        ready = client.get("/readyz").json()
        assert ready["ready"] is True and ready["workers_ready"] == ready["workers"] == 2
        assert set(ready["list_versions"]) == {"un"}
        assert len(set(ready["worker_state_keys"].values())) == 1


def test_openapi_schema_served(server: ServerProcess) -> None:
    schema = httpx.get(f"{server.url}/openapi.json").json()
    assert {"/match", "/search", "/entities/{entity_id}", "/lists", "/lists/reload",
            "/healthz", "/readyz", "/metrics"} <= set(schema["paths"])
    body = schema["components"]["schemas"]["MatchRequest"]
    assert body["additionalProperties"] is False
    assert body["properties"]["queries"]["maxItems"] == 1000
    assert set(schema["components"]["securitySchemes"]) == {"bearerAuth", "apiKeyHeader"}
    # names travel in bodies only: no operation takes a query parameter
    for path in schema["paths"].values():
        for op in path.values():
            assert all(p["in"] != "query" for p in op.get("parameters", []))


# ------------------------------------------------------------------------------- auth


def test_requests_without_a_valid_key_get_401(server: ServerProcess) -> None:
    body = {"queries": [{"name": "John Smith"}]}
    with httpx.Client(base_url=server.url) as client:
        r = client.post("/match", json=body)
        assert r.status_code == 401
        assert r.headers["www-authenticate"].startswith("Bearer")
        assert client.post("/match", json=body,
                           headers={"Authorization": "Bearer sanctio_nope"}).status_code == 401
        assert client.post("/match", json=body,
                           headers={"Authorization": "Basic abc"}).status_code == 401
        assert client.get("/lists", headers={"X-API-Key": "wrong"}).status_code == 401
        assert client.get("/entities/un-1").status_code == 401
        # operations endpoints are open
        assert client.get("/healthz").status_code == 200


def test_role_is_enforced_with_403(server: ServerProcess, keys: dict[str, str]) -> None:
    with httpx.Client(base_url=server.url) as client:
        r = client.post("/lists/reload", json={},
                        headers={"Authorization": f"Bearer {keys['screen']}"})
        assert r.status_code == 403
        assert "admin" in r.json()["detail"]
        # an admin may also screen, with either header
        assert client.post("/match", json={"queries": [{"name": "x y"}]},
                           headers={"X-API-Key": keys["admin"]}).status_code == 200


def test_revoked_key_is_refused(server: ServerProcess, home: Path) -> None:
    key = create_key(home, "screen", "temporary")
    headers = {"Authorization": f"Bearer {key}"}
    with httpx.Client(base_url=server.url, headers=headers) as client:
        deadline = time.monotonic() + 5  # a new key is known within a fraction of a second
        while client.get("/lists").status_code != 200:
            assert time.monotonic() < deadline, "the new key was never accepted"
            time.sleep(0.1)
        listed = json.loads(cli(home, "keys", "list", "--json").stdout)
        mine = next(k for k in listed if k["label"] == "temporary")
        assert key.startswith(mine["prefix"]) and "key" not in mine
        cli(home, "keys", "revoke", mine["prefix"])
        deadline = time.monotonic() + 10
        statuses = set()
        while time.monotonic() < deadline:  # every worker must refuse it
            statuses = {client.get("/lists").status_code for _ in range(10)}
            if statuses == {401}:
                break
            time.sleep(0.2)
        assert statuses == {401}


def test_keys_are_stored_hashed(home: Path, keys: dict[str, str]) -> None:
    conn = connect_db(home / "sanctio.db")
    rows = conn.execute("SELECT prefix, key_hash, role FROM api_keys").fetchall()
    conn.close()
    stored = " ".join(str(x) for row in rows for x in row)
    assert keys["screen"] not in stored and keys["admin"] not in stored
    assert ("screen" in stored) and ("admin" in stored)


# ------------------------------------------------------------------------------ /match


def test_match_returns_the_cli_result_contract(api: httpx.Client,
                                               listed: dict[str, Any]) -> None:
    r = match(api, {"name": listed["name"], "schema": "person", "ref": "cust-1"},
              {"name": "Zebulon Quayle-Nightingale", "ref": "cust-2"})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/json"
    data = r.json()
    assert data["request_id"] == r.headers["x-request-id"]
    assert data["summary"] == {"queries": 2, "alerts": 1, "errors": 0}
    hit, clear = data["results"]
    expected = dict(listed["expected"], ref="cust-1")
    # the CLI's stale-list warnings (added to the `warnings` of `sanctio screen --json`) are
    # not part of a per-query result: the service shows them in /readyz and /lists
    expected["warnings"] = []
    expected["query"] = dict(expected["query"], ref="cust-1")
    assert hit == expected  # exactly what `sanctio screen --json` gives for the same query
    assert hit["status"] == "alert"
    top = hit["matches"][0]
    assert top["designations"][0]["list_version"].startswith("un@")
    assert top["explanation"][0]["feature"] == "name"
    assert clear["status"] == "clear" and clear["matches"] == [] and clear["ref"] == "cust-2"
    assert data["list_versions"] == hit["list_versions"] == clear["list_versions"]


def test_match_answers_the_same_through_the_framework_route(api: httpx.Client,
                                                            listed: dict[str, Any]) -> None:
    # JSON bodies take a fast path; other JSON media types go through the FastAPI route
    body = json.dumps({"queries": [{"name": listed["name"], "schema": "person"}]})
    fast = api.post("/match", content=body, headers={"content-type": "application/json"})
    routed = api.post("/match", content=body,
                      headers={"content-type": "application/vnd.sanctio+json"})
    assert fast.status_code == routed.status_code == 200
    assert fast.json()["results"] == routed.json()["results"]
    bad = json.dumps({"queries": [{"name": "A", "dob": 1979}]})
    for ct in ("application/json", "application/vnd.sanctio+json"):
        errs = errors_of(api.post("/match", content=bad, headers={"content-type": ct}))
        assert errs[0]["loc"] == ["body", "queries", 0, "dob"]
    # a field that cannot be read is ignored with the same warning on both paths
    odd = json.dumps({"queries": [{"name": "A", "dob": "1979-13-01"}, {"name": "!!!"}]})
    answers = [api.post("/match", content=odd, headers={"content-type": ct}).json()["results"]
               for ct in ("application/json", "application/vnd.sanctio+json")]
    assert answers[0] == answers[1]
    assert answers[0][0]["warnings"] and answers[0][1]["status"] == "error"


def test_match_threshold_and_limit(api: httpx.Client, listed: dict[str, Any]) -> None:
    r = match(api, {"name": listed["name"]}, threshold=1.0, limit=1)
    assert r.status_code == 200
    res = r.json()["results"][0]
    assert res["threshold"] == 1.0
    assert len(res["matches"]) <= 1
    low = match(api, {"name": listed["name"]}, threshold=0.0, limit=3).json()["results"][0]
    assert low["threshold"] == 0.0 and 1 <= len(low["matches"]) <= 3


def test_batch_of_1000_is_screened(api: httpx.Client) -> None:
    queries = [{"name": f"Person Number {i}", "ref": str(i)} for i in range(1000)]
    r = match(api, *queries)
    assert r.status_code == 200
    results = r.json()["results"]
    assert len(results) == 1000
    assert [x["ref"] for x in results] == [str(i) for i in range(1000)]


def test_batch_over_1000_is_refused(api: httpx.Client) -> None:
    r = match(api, *[{"name": "a b"}] * 1001)
    (err,) = errors_of(r)
    assert err["loc"] == ["body", "queries"] and err["type"] == "too_long"


def test_oversized_body_gets_413(api: httpx.Client) -> None:
    big = {"queries": [{"name": "x" * 400, "ref": "y" * 200}] * 1000, "pad": "z" * 2_500_000}
    r = api.post("/match", content=json.dumps(big),
                 headers={"content-type": "application/json"})
    assert r.status_code == 413
    assert r.json()["detail"][0]["loc"] == ["body"]


def test_oversized_chunked_body_gets_413(api: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"queries": [{"name": "'
        for _ in range(300):
            yield b"a" * 10_000
        yield b'"}]}'

    r = api.post("/match", content=chunks(), headers={"content-type": "application/json"})
    assert r.status_code == 413


@pytest.mark.parametrize(("query", "field", "words"), [
    ({"name": "John Smith", "nickname": "Jo"}, "nickname", "extra"),
    ({"name": 42}, "name", "string"),
    ({"name": "John Smith", "identifiers": "AB123"}, "identifiers", "array"),
    ({"name": "John Smith", "dob": "1" * 33}, "dob", "at most 32"),
    ({}, "name", "required"),
])
def test_malformed_queries_name_the_field(api: httpx.Client, query: dict[str, Any],
                                          field: str, words: str) -> None:
    """A query of the wrong shape makes the body invalid (422). What Query.build refuses or
    ignores (an empty name, an impossible date...) is answered per query: see
    tests/test_bad_input.py."""
    r = match(api, {"name": "Good Name"}, query)
    errs = errors_of(r)
    assert any(e["loc"][:4] == ["body", "queries", 1, field] for e in errs), errs
    assert any(words in e["msg"].lower() for e in errs), errs
    # the error names the field; it never echoes personal data back
    if isinstance(query.get("name"), str) and len(query["name"]) > 3:
        assert query["name"] not in r.text


@pytest.mark.parametrize(("body", "loc"), [
    ({"queries": [{"name": "a b"}], "threshold": 2}, ["body", "threshold"]),
    ({"queries": [{"name": "a b"}], "threshold": "0.8"}, ["body", "threshold"]),
    ({"queries": [{"name": "a b"}], "limit": 0}, ["body", "limit"]),
    ({"queries": [{"name": "a b"}], "limt": 5}, ["body", "limt"]),
    ({"queries": []}, ["body", "queries"]),
    ({"queries": "John"}, ["body", "queries"]),
    ({"name": "John"}, ["body", "queries"]),
])
def test_bad_request_fields(api: httpx.Client, body: dict[str, Any], loc: list[Any]) -> None:
    errs = errors_of(api.post("/match", json=body))
    assert any(e["loc"] == loc for e in errs), errs


@pytest.mark.parametrize("raw", [
    b'{"queries": [{"name": "a"}',  # truncated
    b'{"queries": [{"name": "a"}], "threshold": NaN}',
    b'{"queries": [{"name": "\\ud800 x"}]}',  # a lone surrogate
    b"\xff\xfe not json",
    b"[]",
    b"null",
])
def test_malformed_bodies_get_4xx(api: httpx.Client, raw: bytes) -> None:
    r = api.post("/match", content=raw, headers={"content-type": "application/json"})
    assert 400 <= r.status_code < 500, r.text
    assert isinstance(r.json()["detail"], list | str)


# ----------------------------------------------------------------- /search, /entities


def test_search_is_paginated(api: httpx.Client) -> None:
    first = api.post("/search", json={"text": "mohammed", "limit": 5})
    assert first.status_code == 200, first.text
    page1 = first.json()
    assert len(page1["results"]) == 5 and page1["next_offset"] == 5
    page2 = api.post("/search", json={"text": "mohammed", "limit": 5, "offset": 5}).json()
    ids1 = {m["entity_id"] for m in page1["results"]}
    ids2 = {m["entity_id"] for m in page2["results"]}
    assert ids2 and not ids1 & ids2
    both = api.post("/search", json={"text": "mohammed", "limit": 10}).json()
    assert [m["entity_id"] for m in both["results"]] == (
        [m["entity_id"] for m in page1["results"]] + [m["entity_id"] for m in page2["results"]])
    orgs = api.post("/search", json={"text": "al-qaid", "schema": "organization"}).json()
    assert orgs["results"][0]["schema"] == "Organization"  # the schema ranks, not filters
    far = api.post("/search", json={"text": "mohammed", "offset": 10_000}).json()
    assert far["results"] == [] and far["next_offset"] is None


def test_search_validation(api: httpx.Client) -> None:
    assert errors_of(api.post("/search", json={"text": ""}))[0]["loc"] == ["body", "text"]
    assert errors_of(api.post("/search", json={"text": "a\x1bb"}))[0]["loc"] == ["body", "text"]
    assert errors_of(api.post("/search", json={"text": "al", "schema": "x"}))[0]["loc"] == [
        "body", "schema"]
    assert errors_of(api.post("/search", json={"text": "al", "limit": 101}))[0]["loc"] == [
        "body", "limit"]


def test_entity_lookup(api: httpx.Client, listed: dict[str, Any]) -> None:
    entity_id = listed["expected"]["matches"][0]["entity_id"]
    r = api.get(f"/entities/{entity_id}")
    assert r.status_code == 200, r.text
    data = r.json()
    assert data["entity_id"] == entity_id
    assert data["names"] and data["designations"]
    assert api.get("/entities/no-such-entity").status_code == 404
    assert api.get("/entities/" + "x" * 201).status_code == 422


def test_a_restart_reads_the_stored_index_and_screens_alike(
        api: httpx.Client, home: Path, keys: dict[str, str], listed: dict[str, Any]) -> None:
    """A server started on a registry whose index is stored on disk (by the first server or
    a command) reads it instead of building it, and screens as the first; with no stored
    index it builds one (and stores it)."""
    import shutil

    serving = api.get("/lists").json()["serving"]
    query = {"name": listed["name"], "schema": "Person"}
    first = match(api, query).json()["results"]
    for removed in (False, True):
        if removed:  # no index on disk: the next server builds it
            shutil.rmtree(home / "index")
        proc = ServerProcess(home, workers=1)
        proc.start(timeout=120)
        try:
            with httpx.Client(base_url=proc.url, timeout=60,
                              headers={"Authorization": f"Bearer {keys['screen']}"}) as c:
                again = c.get("/lists").json()["serving"]
                assert again["index"] == ("built" if removed else "read")
                assert again["state_key"] == serving["state_key"]
                assert match(c, query).json()["results"] == first
        finally:
            proc.stop()
    assert list((home / "index").glob("screen-*.idx"))  # the build was stored again


# -------------------------------------------------------------------- lists & metrics


def test_lists_show_active_versions_and_history(api: httpx.Client, home: Path) -> None:
    data = api.get("/lists").json()
    (un,) = [x for x in data["lists"] if x["list"] == "un"]
    active = un["active"]
    assert active["status"] == "active" and active["record_count"] == UN_RECORDS
    assert len(active["sha256"]) == 64 and active["publisher_date"] == "2026-02-27"
    assert active["loaded_at"] and un["age_seconds"] >= 0
    assert un["history"][0]["version"] == active["version"]
    assert un["last_failure"] is None
    assert data["serving"]["list_versions"] == {"un": active["version"]}
    assert data["registry_state_key"] == data["serving"]["state_key"]


def metric(text: str, name: str, **labels: str) -> float | None:
    for line in text.splitlines():
        if line.startswith("#") or not line.startswith(name):
            continue
        head, _, value = line.rpartition(" ")
        if head.split("{")[0] != name:
            continue
        if all(f'{k}="{v}"' in head for k, v in labels.items()):
            return float(value)
    return None


def test_metrics_count_requests_and_screening(server: ServerProcess,
                                              api: httpx.Client) -> None:
    before = httpx.get(f"{server.url}/metrics").text
    screened0 = metric(before, "sanctio_screened_queries_total") or 0
    for _ in range(6):
        assert match(api, {"name": "a b"}, {"name": "c d"}).status_code == 200
    text = httpx.get(f"{server.url}/metrics").text
    assert metric(text, "sanctio_screened_queries_total") == screened0 + 12
    assert (metric(text, "sanctio_http_requests_total", route="/match", status="200") or 0) >= 6
    assert metric(text, "sanctio_http_request_duration_seconds_count", route="/match") >= 6
    assert metric(text, "sanctio_http_request_duration_seconds_bucket", route="/match",
                  le="0.05") is not None
    assert metric(text, "sanctio_alerts_total") is not None
    assert metric(text, "sanctio_auth_failures_total", status="401") >= 1
    assert metric(text, "sanctio_list_records", list="un") == UN_RECORDS
    assert metric(text, "sanctio_list_age_seconds", list="un") >= 0
    assert metric(text, "sanctio_index_entities") > 0.9 * UN_RECORDS
    assert metric(text, "sanctio_index_scorers") == 2
    assert metric(text, "sanctio_index_builds_total", result="ok") == 1


def chained_request(home: Path, request_id: str) -> tuple[str, dict[str, Any]] | None:
    """The audit-chain entry (actor, payload) of an API screening request, waiting for the
    service's audit writer (it writes off the request path)."""
    deadline = time.monotonic() + 10
    conn = connect_db(home / "sanctio.db")
    try:
        while time.monotonic() < deadline:
            for actor, payload in conn.execute(
                    "SELECT actor, payload FROM audit_log WHERE action='screening.api' "
                    "AND payload LIKE ?", (f'%"{request_id}"%',)).fetchall():
                data = json.loads(payload)
                if data.get("request_id") == request_id:
                    return str(actor), data
            time.sleep(0.1)
    finally:
        conn.close()
    return None


def test_screening_is_audited_with_hashed_queries(api: httpx.Client, home: Path) -> None:
    r = match(api, {"name": "Audit Person One", "dob": "1970"}, {"name": "Audit Person Two"})
    request_id = r.json()["request_id"]
    found = chained_request(home, request_id)  # an entry of the one audit chain
    assert found is not None
    principal, row = found
    assert row["route"] == "/match" and row["status"] == 200
    assert row["queries"] == 2 and row["alerts"] == 0
    assert "onboarding" in principal and row["key_id"] is not None
    assert row["list_versions"] == r.json()["list_versions"]
    assert "query_data" not in row  # only hashes by default
    expected = [query_hash(Query.build("Audit Person One", dob="1970").to_dict()),
                query_hash(Query.build("Audit Person Two").to_dict())]
    assert row["query_hashes"] == expected
    assert "Audit Person" not in json.dumps(row)


def test_dev_mode_without_keys_and_stored_queries(home: Path, tmp_path: Path) -> None:
    with ServerProcess(home, workers=1, dev=True, args=["--store-queries"],
                       log_path=tmp_path / "dev.log") as dev:
        r = httpx.post(f"{dev.url}/match", json={"queries": [{"name": "Dev Mode Person"}]})
        assert r.status_code == 200
        assert r.headers["x-sanctio-dev-mode"] == "no-authentication"
        request_id = r.json()["request_id"]
        assert "DEV MODE" in dev.log_tail(200)
        found = chained_request(home, request_id)
        assert found is not None and found[0].startswith("dev")
        assert found[1]["query_data"][0]["name"] == "Dev Mode Person"


# --------------------------------------------------------------------- hot reloads


class Hammer:
    """A client screening in a loop (bounded) while the lists change under it."""

    def __init__(self, url: str, key: str, max_requests: int = 20_000,
                 max_seconds: float = 90) -> None:
        self.url, self.key = url, key
        self.max_requests, self.max_seconds = max_requests, max_seconds
        self.stop = threading.Event()
        self.ok = 0
        self.failures: list[str] = []
        self.versions: list[tuple[float, frozenset[str]]] = []
        self.thread = threading.Thread(target=self.run, daemon=True)

    def run(self) -> None:
        started = time.monotonic()
        with httpx.Client(base_url=self.url, timeout=30,
                          headers={"Authorization": f"Bearer {self.key}"}) as client:
            for i in range(self.max_requests):
                if self.stop.is_set() or time.monotonic() - started > self.max_seconds:
                    break
                try:
                    r = client.post("/match", json={"queries": [{"name": f"Jane Doe {i}"}]})
                except httpx.HTTPError as exc:
                    self.failures.append(repr(exc))
                    continue
                if r.status_code != 200:
                    self.failures.append(f"{r.status_code} {r.text[:200]}")
                    continue
                self.ok += 1
                self.versions.append((time.monotonic(),
                                      frozenset(r.json()["list_versions"])))

    def __enter__(self) -> Hammer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join(60)


def wait_all_workers(admin: httpx.Client, state_key: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        states = set(admin.get("/readyz").json()["worker_state_keys"].values())
        if states == {state_key}:
            return
        time.sleep(0.1)
    raise AssertionError(f"workers still serve {states}, not {state_key}")


def test_reload_validation(admin: httpx.Client, tmp_path: Path) -> None:
    errs = errors_of(admin.post("/lists/reload", json={"paths": [
        {"path": str(tmp_path / "missing.xml")}]}))
    assert errs[0]["loc"] == ["body", "paths", 0, "path"]
    errs = errors_of(admin.post("/lists/reload", json={"paths": [
        {"path": str(UN), "format": "klingon"}]}))
    assert errs[0]["loc"] == ["body", "paths", 0, "format"]
    errs = errors_of(admin.post("/lists/reload", json={"paths": [{"path": str(UN)}],
                                                       "force": True}))
    assert errs[0]["loc"] == ["body", "force"]


def test_reload_swaps_the_index_with_no_failed_request(
        server: ServerProcess, admin: httpx.Client, keys: dict[str, str]) -> None:
    with Hammer(server.url, keys["screen"]) as hammer:
        time.sleep(1.0)
        r = admin.post("/lists/reload", json={"paths": [{"path": str(UK_SAMPLE)}]})
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["ok"] is True
        (result,) = body["results"]
        assert result["status"] == "loaded" and result["list"] == "uk"
        reloaded_at = time.monotonic()
        wait_all_workers(admin, body["registry_state_key"])
        swapped_at = time.monotonic()
        time.sleep(1.0)
    assert hammer.failures == []
    assert hammer.ok > 50
    before = [v for t, v in hammer.versions if t < reloaded_at]
    after = [v for t, v in hammer.versions if t > swapped_at + 0.5]
    assert before and all(v == {"un"} for v in before)
    assert after and all(v == {"un", "uk"} for v in after)
    lists = admin.get("/lists").json()
    assert {x["list"] for x in lists["lists"] if x["active"]} == {"un", "uk"}


def test_failed_reload_keeps_serving_and_is_reported(
        server: ServerProcess, admin: httpx.Client, api: httpx.Client, tmp_path: Path) -> None:
    before = match(api, {"name": "Jane Doe"}).json()["list_versions"]
    corrupt = tmp_path / "consolidated.xml"
    corrupt.write_bytes(UN.read_bytes()[:50_000])  # a truncated download
    with Hammer(server.url, api.headers["authorization"].split()[1], max_seconds=30) as hammer:
        r = admin.post("/lists/reload", json={"paths": [{"path": str(corrupt),
                                                         "format": "un-xml"}],
                                              "wait": True})
        time.sleep(1.5)
    assert r.status_code == 200
    body = r.json()
    assert body["ok"] is False
    (result,) = body["results"]
    assert result["status"] == "failed" and result["list"] == "un" and result["error"]
    assert hammer.failures == [] and hammer.ok > 0
    assert match(api, {"name": "Jane Doe"}).json()["list_versions"] == before
    un = next(x for x in api.get("/lists").json()["lists"] if x["list"] == "un")
    assert un["active"]["version"] == before["un"]
    assert un["last_failure"]["status"] == "failed"
    assert "consolidated.xml" in un["last_failure"]["file"]
    text = httpx.get(f"{server.url}/metrics").text
    assert metric(text, "sanctio_list_last_load_failed", list="un") == 1
    assert metric(text, "sanctio_list_load_failures_total", list="un") == 1
    assert metric(text, "sanctio_list_reloads_total", list="un", status="failed") == 1
    assert metric(text, "sanctio_list_last_load_failed", list="uk") == 0


def test_a_scorer_that_dies_is_replaced_without_failed_requests(
        server: ServerProcess, admin: httpx.Client, keys: dict[str, str]) -> None:
    import os
    import signal

    ready = admin.get("/readyz").json()
    state_key = ready["state_key"]
    victim = int(next(iter(ready["worker_state_keys"])))
    with Hammer(server.url, keys["screen"], max_seconds=60) as hammer:
        time.sleep(0.5)
        os.kill(victim, signal.SIGKILL)  # a scorer process of the server this test started
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            states = admin.get("/readyz").json()["worker_state_keys"]
            if len(states) == 2 and str(victim) not in states:
                break
            time.sleep(0.1)
        time.sleep(0.5)
    assert hammer.failures == [] and hammer.ok > 0
    ready = admin.get("/readyz").json()
    assert ready["ready"] and ready["workers_ready"] == 2 and str(victim) not in ready[
        "worker_state_keys"]
    assert ready["state_key"] == state_key


