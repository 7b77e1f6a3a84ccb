"""The OpenRefine reconciliation API (W3C Reconciliation Service API 0.2) on a real server
over loopback, with the OFAC SDN 2021 list loaded.

Every response is validated against the specification's JSON schemas, vendored in
``tests/data/reconcile-schemas`` (see its README for their source)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from sanctio.registry import Registry
from sanctio.service.cli import ServerProcess

from .conftest import DATA, TESTS, role_keys, sdn_home

jsonschema = pytest.importorskip("jsonschema")
referencing = pytest.importorskip("referencing")

SDN = DATA / "ofac-sdn-2021"
SCHEMAS = TESTS / "data" / "reconcile-schemas"
SEEDS = TESTS / "data" / "golden" / "seed_cases.csv"

pytestmark = pytest.mark.skipif(not SDN.exists(), reason="OFAC SDN list data not available")


def _validator(name: str) -> Any:
    from referencing.jsonschema import DRAFT7

    resources = []
    for path in SCHEMAS.glob("*.json"):
        contents = json.loads(path.read_text(encoding="utf-8"))
        resources.append((contents["$id"], DRAFT7.create_resource(contents)))
    registry = referencing.Registry().with_resources(resources)
    schema = json.loads((SCHEMAS / f"{name}.json").read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema, registry=registry)


VALIDATORS = {name: _validator(name) for name in (
    "manifest", "reconciliation-query-batch", "reconciliation-result-batch",
    "suggest-entities-response")}


def valid(name: str, data: Any) -> Any:
    errors = sorted(VALIDATORS[name].iter_errors(data), key=str)
    assert not errors, f"{name}: " + "; ".join(e.message for e in errors[:5])
    return data


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return sdn_home(tmp_path_factory, "reconcile-home")


@pytest.fixture(scope="module")
def keys(home: Path) -> dict[str, str]:
    return role_keys(home)


@pytest.fixture(scope="module")
def server(home: Path, keys: dict[str, str]) -> Iterator[ServerProcess]:
    proc = ServerProcess(home, workers=1, args=["--poll-interval", "0.5"])
    proc.start(timeout=120)
    yield proc
    assert proc.stop() in (0, -15)


@pytest.fixture(scope="module")
def api(server: ServerProcess, keys: dict[str, str]) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=60,
                      headers={"Authorization": f"Bearer {keys['screen']}"}) as client:
        yield client


def reconcile(client: httpx.Client, queries: dict[str, Any]) -> dict[str, Any]:
    valid("reconciliation-query-batch", queries)
    resp = client.post("/reconcile", data={"queries": json.dumps(queries)})
    assert resp.status_code == 200, resp.text
    assert resp.headers["access-control-allow-origin"] == "*"
    result: dict[str, Any] = valid("reconciliation-result-batch", resp.json())
    assert set(result) == set(queries)
    return result


def test_manifest_is_public_and_valid(server: ServerProcess) -> None:
    resp = httpx.get(f"{server.url}/reconcile", timeout=30)  # no key: OpenRefine asks later
    assert resp.status_code == 200
    assert resp.headers["access-control-allow-origin"] == "*"
    manifest = valid("manifest", resp.json())
    assert manifest["versions"] == ["0.2"]
    assert [t["id"] for t in manifest["defaultTypes"]] == ["Person", "Organization", "Vessel"]
    assert manifest["authentication"]["type"] == "apiKey"
    assert manifest["authentication"]["in"] == "header"
    assert "{{id}}" in manifest["view"]["url"] and "{{id}}" in manifest["preview"]["url"]
    assert manifest["suggest"]["entity"]["service_path"] == "/reconcile/suggest/entity"


def test_queries_need_a_screen_key(server: ServerProcess, keys: dict[str, str]) -> None:
    queries = json.dumps({"q0": {"query": "Mohamed al-Kani"}})
    for method in ("get", "post"):
        if method == "get":
            resp = httpx.get(f"{server.url}/reconcile", params={"queries": queries}, timeout=30)
        else:
            resp = httpx.post(f"{server.url}/reconcile", data={"queries": queries}, timeout=30)
        assert resp.status_code == 401, resp.text
        assert resp.headers["access-control-allow-origin"] == "*"
    for path in ("/reconcile/suggest/entity?prefix=kani", "/reconcile/preview?id=x"):
        assert httpx.get(f"{server.url}{path}", timeout=30).status_code == 401
    # an X-API-Key header works as for the rest of the API
    resp = httpx.post(f"{server.url}/reconcile", data={"queries": queries}, timeout=30,
                      headers={"X-API-Key": keys["screen"]})
    assert resp.status_code == 200
    # a CORS preflight never carries the key, and gets through
    resp = httpx.options(f"{server.url}/reconcile", timeout=30, headers={
        "Origin": "http://localhost:3333", "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization"})
    assert resp.status_code == 204
    assert "authorization" in resp.headers["access-control-allow-headers"].lower()


def test_seed_table_reconciles(api: httpx.Client, home: Path) -> None:
    """The names of the golden seed cases, reconciled as OpenRefine sends them (batches of
    10, type and properties from the table)."""
    reg = Registry(home, auto_sample=False)
    kani = reg.entity("us-ofac:29119")
    reg.close()
    assert kani is not None
    with SEEDS.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    results: dict[str, dict[str, Any]] = {}
    for start in range(0, len(rows), 10):
        batch: dict[str, Any] = {}
        for i, row in enumerate(rows[start:start + 10], start):
            q: dict[str, Any] = {"query": row["query"], "type": row["schema"], "limit": 3}
            props = [{"pid": "dob", "v": row["dob"]}] if row["dob"] else []
            props += [{"pid": "country", "v": row["country"]}] if row["country"] else []
            if props:
                q["properties"] = props
            batch[f"q{i}"] = q
        results.update(reconcile(api, batch))
    by_query = {row["query"] + row["dob"]: results[f"q{i}"]["result"]
                for i, row in enumerate(rows)}
    for key in ("Mohamed al-Kani", "Mohamed al-Kani1979-05-03"):
        top = by_query[key][0]
        assert top["id"] == kani.id and top["match"] is True, by_query[key]
        assert 80 <= top["score"] <= 100
        assert top["type"] == [{"id": "Person", "name": "Person"}]
        assert "GLOMAG" in top["description"]
    assert not any(c["match"] for c in by_query["Steven Mnuchin"])
    for candidates in by_query.values():
        assert all(0 <= c["score"] <= 100 for c in candidates)
        assert sum(c["match"] for c in candidates) <= 1
        assert candidates == sorted(candidates, key=lambda c: -c["score"])


def test_get_queries_and_properties(api: httpx.Client) -> None:
    queries = {"q0": {"query": "Mohamed al-Kani", "type": "Person", "limit": 2,
                      "properties": [{"pid": "country", "v": "LY"},
                                     {"pid": "dob", "v": ["1979-05-03"]}]},
               "q1": {"query": "!!!"},  # not a name: no candidates, not an error
               "q2": {"query": "Kaniyat militia", "type": ["Organization", "Person"]},
               # the listed passport number, as a property: into the screening query
               "q3": {"query": "Mohamed al-Kana", "type": "Person",
                      "properties": [{"pid": "identifier", "v": "F86JKFJF"}]},
               "q4": {"query": "Mohamed al-Kana", "type": "Person"}}
    valid("reconciliation-query-batch", queries)
    resp = api.get("/reconcile", params={"queries": json.dumps(queries)})
    assert resp.status_code == 200, resp.text
    data = valid("reconciliation-result-batch", resp.json())
    assert data["q0"]["result"][0]["match"] is True
    assert len(data["q0"]["result"]) <= 2
    assert data["q1"] == {"result": []}
    assert data["q2"]["result"][0]["type"][0]["id"] == "Organization"
    with_id, without = data["q3"]["result"][0], data["q4"]["result"][0]
    assert with_id["id"] == without["id"] == data["q0"]["result"][0]["id"]
    assert with_id["score"] > without["score"], (with_id, without)


@pytest.mark.parametrize("body", [b"queries=not-json", b"queries=%5B1%2C2%5D", b"other=1"])
def test_bad_batches_get_400(api: httpx.Client, body: bytes) -> None:
    resp = api.post("/reconcile", content=body,
                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    assert resp.status_code == 400, resp.text
    assert resp.json()["detail"]


def test_suggest_and_preview(api: httpx.Client, home: Path) -> None:
    resp = api.get("/reconcile/suggest/entity", params={"prefix": "Mohamed al-Kan"})
    assert resp.status_code == 200, resp.text
    data = valid("suggest-entities-response", resp.json())
    reg = Registry(home, auto_sample=False)
    kani = reg.entity("us-ofac:29119")
    reg.close()
    assert kani is not None
    assert kani.id in [r["id"] for r in data["result"]]
    assert valid("suggest-entities-response",
                 api.get("/reconcile/suggest/entity", params={"prefix": ""}).json()) == {
        "result": []}
    page = api.get("/reconcile/preview", params={"id": kani.id})
    assert page.status_code == 200
    assert page.headers["content-type"].startswith("text/html")
    assert "AL-KANI" in page.text and "GLOMAG" in page.text
    assert api.get("/reconcile/preview", params={"id": "no-such-entity"}).status_code == 404
