"""The service's official download (``POST /lists/reload {"download": true}``), over loopback.

On SQLite only: what it tests is the download, the load and the swap of the served index,
whose storage on PostgreSQL ``tests/test_service.py`` covers (the reload that swaps the index
with no failed request, on both back ends); the download itself is no storage."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import httpx
import pytest

from sanctio.registry import Registry
from sanctio.service.cli import ServerProcess

from .test_service import UK_SAMPLE, UN, create_key, metric, wait_all_workers

pytestmark = pytest.mark.skipif(not UN.exists(), reason="shared list data not available")


def test_reload_runs_the_official_download(tmp_path: Path) -> None:
    """POST /lists/reload {"download": true} fetches the official files (here from a real
    server on loopback, through $SANCTIO_UPDATE_BASE), loads them and swaps the index; a
    failed download keeps the previous version serving and is reported."""
    from .test_update import Handler, Server

    files = Server(("127.0.0.1", 0), Handler)
    files.lock = threading.Lock()
    files.routes, files.hits = {}, {}
    threading.Thread(target=files.serve_forever, daemon=True).start()
    files.serve("/ConList.csv", UK_SAMPLE)
    files.serve("/consolidated.xml", UN.read_bytes()[:50_000])  # a truncated download

    home = tmp_path / "home"
    reg = Registry(home, auto_sample=False)
    assert reg.load(UN).status == "loaded"
    un_version = reg.active_versions()["un"].label
    reg.close()
    admin_key, screen_key = create_key(home, "admin"), create_key(home, "screen")
    proc = ServerProcess(home, workers=1, args=["--poll-interval", "0.5"],
                         env={"SANCTIO_UPDATE_BASE": files.base})
    proc.start(timeout=120)
    try:
        with httpx.Client(base_url=proc.url, timeout=120,
                          headers={"X-API-Key": admin_key}) as admin:
            refused = admin.post("/lists/reload", json={"download": True},
                                 headers={"X-API-Key": screen_key})
            assert refused.status_code == 403

            def download(name: str, ok: bool) -> tuple[dict[str, Any], dict[str, Any]]:
                """Reload one list by download: the answer and the list's result."""
                r = admin.post("/lists/reload", json={"download": True, "lists": [name]})
                assert r.status_code == 200, r.text
                body: dict[str, Any] = r.json()
                assert body["ok"] is ok
                (result,) = body["results"]
                assert result["list"] == name
                assert result["status"] == ("loaded" if ok else "failed")
                return body, result

            body, result = download("uk", ok=True)
            uk_version = result["version"]["version"]
            assert files.hits.get("/ConList.csv") == 1
            wait_all_workers(admin, body["registry_state_key"])
            active = {x["list"]: x["active"] for x in admin.get("/lists").json()["lists"]}
            assert active["uk"]["version"] == uk_version
            assert active["un"]["version"] == un_version
            serving = {"un": un_version, "uk": uk_version}

            def screened_versions() -> dict[str, str]:
                found = admin.post("/match", json={"queries": [{"name": "Jane Doe"}]},
                                   headers={"X-API-Key": screen_key})
                assert found.status_code == 200, found.text
                versions: dict[str, str] = found.json()["results"][0]["list_versions"]
                return versions

            assert screened_versions() == serving

            _, result = download("un", ok=False)
            assert result["error"]
            un = next(x for x in admin.get("/lists").json()["lists"] if x["list"] == "un")
            assert un["active"]["version"] == un_version and un["last_failure"]
            assert un["last_failure"]["status"] == "failed" and un["last_failure"]["error"]
            text = admin.get("/metrics").text
            assert metric(text, "sanctio_list_last_load_failed", list="un") == 1
            assert metric(text, "sanctio_list_last_load_failed", list="uk") == 0
            assert screened_versions() == serving

            # the server answers 404: a failure at the download stage itself
            del files.routes["/consolidated.xml"]
            _, result = download("un", ok=False)
            assert result["error"].startswith("download: ") and "404" in result["error"]
            un = next(x for x in admin.get("/lists").json()["lists"] if x["list"] == "un")
            assert un["active"]["version"] == un_version
            text = admin.get("/metrics").text
            assert metric(text, "sanctio_list_reloads_total", list="un", status="failed") == 2
            assert screened_versions() == serving
    finally:
        proc.stop()
        files.shutdown()
        files.server_close()
