"""Fuzzing the HTTP service: bad input must get a 4xx naming the field, never a 5xx.

- schemathesis generates requests from the live OpenAPI schema, valid and invalid, and checks
  every response: no server error, a documented status code and content type, a body that
  matches the documented response schema, and invalid data rejected;
- hypothesis sends arbitrary JSON bodies, arbitrary text in every field, and raw bytes.

Both run against the real server (``sanctio serve``) on loopback, bounded to a small number of
examples per operation so the whole file runs in well under a minute.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from sanctio.registry import Registry
from sanctio.service.cli import ServerProcess

from .conftest import DATA

UN = DATA / "un-2026" / "consolidated.xml"

pytestmark = pytest.mark.skipif(not UN.exists(), reason="shared list data not available")

# per operation and generation mode; raise it for a longer hunt (SANCTIO_FUZZ_EXAMPLES=500)
EXAMPLES = int(os.environ.get("SANCTIO_FUZZ_EXAMPLES", "25"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
                    suppress_health_check=list(HealthCheck))


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ServerProcess, str]]:
    home = tmp_path_factory.mktemp("fuzz-home")
    reg = Registry(home, auto_sample=False)
    assert reg.load(UN).status == "loaded"
    reg.close()
    out = subprocess.run([sys.executable, "-m", "sanctio.service.cli", "keys", "create",
                          "--role", "admin", "--json", "--home", str(home)],
                         capture_output=True, text=True, check=True, timeout=60)
    key = json.loads(out.stdout)["key"]
    proc = ServerProcess(home, workers=1)
    proc.start(timeout=120)
    yield proc, key
    proc.stop()


@pytest.fixture(scope="module")
def client(server: tuple[ServerProcess, str]) -> Iterator[httpx.Client]:
    proc, key = server
    with httpx.Client(base_url=proc.url, timeout=60,
                      headers={"Authorization": f"Bearer {key}"}) as c:
        yield c


# ---------------------------------------------------------------------------- schemathesis

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance,
          response_schema_conformance]


def operations(url: str) -> list[Any]:
    schema = schemathesis.openapi.from_url(f"{url}/openapi.json")
    ops = []
    for result in schema.get_all_operations():
        op = result.ok()
        # reloading loads files from the server's disk: tested by hand in test_service.py
        if op.path != "/lists/reload":
            ops.append(op)
    return ops


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
def test_schemathesis(server: tuple[ServerProcess, str], mode: GenerationMode) -> None:
    proc, key = server
    headers = {"Authorization": f"Bearer {key}"}
    ops = operations(proc.url)
    assert {op.path for op in ops} >= {"/match", "/search", "/entities/{entity_id}", "/lists"}
    checks = [*CHECKS, negative_data_rejection] if mode == GenerationMode.NEGATIVE else CHECKS
    seen: dict[str, set[int]] = {}

    def make_test(op: Any) -> Any:
        @SETTINGS
        @given(case=op.as_strategy(generation_mode=mode))
        def run(case: Any) -> None:
            response = case.call(base_url=proc.url, headers=headers, timeout=60)
            seen.setdefault(op.label, set()).add(response.status_code)
            case.validate_response(response, checks=checks, headers=headers)

        return run

    for op in ops:
        try:
            make_test(op)()
        except Unsatisfiable:  # no invalid request exists (an operation without input)
            assert mode == GenerationMode.NEGATIVE
        except Exception as exc:  # name the operation in the failure
            raise AssertionError(f"{op.label} ({mode.value}): {exc}") from exc
    statuses = set().union(*seen.values())
    assert not any(s >= 500 for s in statuses)
    if mode == GenerationMode.POSITIVE:
        assert 200 in seen["POST /match"]
    else:
        assert statuses & {400, 413, 422}


# ---------------------------------------------------------------------------- hypothesis

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False)
    | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12)

any_text = st.text(max_size=80) | st.text(alphabet=st.characters(max_codepoint=0x10FFFF),
                                          max_size=600)

query_like = st.fixed_dictionaries({}, optional={
    "name": any_text | json_values,
    "schema": any_text | json_values,
    "dob": any_text | st.dates().map(str) | json_values,
    "country": any_text | json_values,
    "gender": any_text,
    "identifiers": st.lists(any_text, max_size=3) | json_values,
    "ref": any_text | json_values,
    "extra": json_values,
})

match_body = st.one_of(
    json_values,
    st.fixed_dictionaries({"queries": st.lists(query_like, max_size=4)}, optional={
        "threshold": json_values | st.floats(), "limit": json_values,
        "other": json_values}),
)
search_body = st.one_of(json_values, st.fixed_dictionaries({"text": any_text}, optional={
    "schema": any_text | json_values, "limit": json_values, "offset": json_values,
    "q": json_values}))


def assert_not_5xx(resp: httpx.Response) -> None:
    assert resp.status_code < 500, resp.text[:500]
    if resp.status_code == 422:
        for err in resp.json()["detail"]:
            assert err["loc"] and err["loc"][0] == "body" and err["msg"]


@SETTINGS
@given(body=match_body)
def test_random_match_bodies_never_fail_the_server(client: httpx.Client, body: Any) -> None:
    raw = json.dumps(body, allow_nan=True).encode()  # NaN and Infinity included, on purpose
    resp = client.post("/match", content=raw, headers={"content-type": "application/json"})
    assert_not_5xx(resp)
    if resp.status_code == 200:
        data = resp.json()
        assert len(data["results"]) == len(body["queries"])
        # (a query that cannot be screened, such as a name with no letters, is its own error)
        assert all(r["status"] in ("alert", "clear", "error") for r in data["results"])


@SETTINGS
@given(body=search_body)
def test_random_search_bodies_never_fail_the_server(client: httpx.Client, body: Any) -> None:
    raw = json.dumps(body, allow_nan=True).encode()
    assert_not_5xx(client.post("/search", content=raw,
                               headers={"content-type": "application/json"}))


@SETTINGS
@given(raw=st.binary(max_size=300), content_type=st.sampled_from(
    ["application/json", "text/plain", "application/x-www-form-urlencoded", ""]))
def test_random_bytes_never_fail_the_server(client: httpx.Client, raw: bytes,
                                            content_type: str) -> None:
    for path in ("/match", "/search", "/lists/reload"):
        resp = client.post(path, content=raw, headers={"content-type": content_type})
        assert resp.status_code < 500, (path, resp.status_code, resp.text[:300])
        if path != "/lists/reload":  # an empty reload request is valid: "look now"
            assert resp.status_code >= 400, (path, raw, resp.text[:300])


@SETTINGS
@given(entity_id=st.text(min_size=1, max_size=250))
def test_random_entity_ids_never_fail_the_server(client: httpx.Client, entity_id: str) -> None:
    resp = client.get("/entities/" + quote(entity_id, safe=""))
    assert resp.status_code in (200, 404, 422), (entity_id, resp.status_code, resp.text[:300])
