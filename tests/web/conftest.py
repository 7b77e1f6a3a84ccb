"""Fixtures of the web console tests: one registry with the four main lists, a portfolio
screened into alerts (four-eyes rule on), a real ``sanctio serve`` on loopback, API keys, and
a headless Chromium driven by Selenium (skipped only when Chromium is not installed)."""

from __future__ import annotations

import contextlib
import re
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from sanctio import index_store
from sanctio.registry import Registry
from sanctio.service.cli import ServerProcess

from ..conftest import DATA, MAIN_LISTS, _built_once, copy_of, main_built

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
XSS = "<script>window.__xss=1</script>"

# customers of the test portfolio: two that the lists name, one whose name carries a script
PORTFOLIO = ("customer_id,name,schema,country\n"
             "C-100,Mohamed al-Kani,person,LY\n"
             "C-200,Kaniyat militia,organization,LY\n"
             f"C-300,\"Kaniyat militia {XSS}\",organization,\n"
             "C-400,Jane Ordinary,person,GB\n")

pytestmark = pytest.mark.skipif(not all(p.exists() for p in MAIN_LISTS),
                                reason="list data not available")


def cli(home: Path, *args: str, timeout: float = 300) -> str:
    return subprocess.run([sys.executable, "-m", "sanctio.cli", *args, "--home", str(home)],
                          capture_output=True, text=True, timeout=timeout, check=True).stdout


def create_key(home: Path, role: str, label: str) -> str:
    out = subprocess.run([sys.executable, "-m", "sanctio.service.cli", "keys", "create",
                          "--role", role, "--label", label, "--json", "--home", str(home)],
                         capture_output=True, text=True, timeout=60, check=True).stdout
    key = re.search(r'"key":\s*"([^"]+)"', out)
    assert key is not None
    return key.group(1)


def _build_web(main: Path) -> Callable[[Path], None]:
    def build(home: Path) -> None:
        src = sqlite3.connect(main / "sanctio.db")
        dst = sqlite3.connect(home / "sanctio.db")
        src.backup(dst)
        src.close()
        dst.close()
        # a second UK version in which the Kaniyat militia's entry changed (its "Last Updated"
        # date), so the entity page has a change to draw on its timeline
        uk = (DATA / "uk-2026" / "ConList.csv").read_bytes().split(b"\r\n")
        changed = home / "uk-2026-changed.csv"
        changed.write_bytes(b"\r\n".join(
            ln.replace(b",09/04/2025,14107", b",01/06/2026,14107") for ln in uk))
        reg = Registry(home, auto_sample=False)
        assert reg.load(changed, list_id="uk").status == "loaded"
        # the index of these lists, stored as the CLI stores it: the server and the
        # portfolio's screening read it instead of building it
        index_store.stored_screener(reg)
        reg.close()
        portfolio = home / "portfolio.csv"
        portfolio.write_text(PORTFOLIO, encoding="utf-8")
        cli(home, "portfolio", "import", str(portfolio))
        cli(home, "alerts", "configure", "--four-eyes")

    return build


@pytest.fixture(scope="session")
def web_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the four-list registry, with a second UK version, an imported portfolio and
    the four-eyes rule (built once for the run; each worker has its own copy)."""
    built = _built_once(tmp_path_factory, "web-home-built",
                        _build_web(main_built(tmp_path_factory)))
    return copy_of(built, tmp_path_factory, "web-home")


@pytest.fixture(scope="session")
def web_server(web_home: Path, tmp_path_factory: pytest.TempPathFactory
               ) -> Iterator[ServerProcess]:
    # the portfolio is screened (its own index, in a child process) while the server builds
    screen = subprocess.Popen([sys.executable, "-m", "sanctio.cli", "portfolio", "screen",
                               "--workers", "1", "--home", str(web_home)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc = ServerProcess(web_home, workers=1, args=["--data-dir", str(DATA)])
    try:
        proc.start(timeout=240)
        _, err = screen.communicate(timeout=300)
        assert screen.returncode == 0, err.decode()
        yield proc
    finally:
        if screen.poll() is None:
            screen.kill()
        proc.stop()


@pytest.fixture(scope="session")
def web_keys(web_home: Path) -> dict[str, str]:
    return {"admin": create_key(web_home, "admin", "ops"),
            "screen": create_key(web_home, "screen", "analyst-a"),
            "screen2": create_key(web_home, "screen", "analyst-b")}


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html)
    assert found is not None, html[:500]
    return found.group(1)


@contextlib.contextmanager
def signed_in(url: str, key: str) -> Iterator[httpx.Client]:
    """An HTTP client signed in to the console with ``key`` (cookies kept)."""
    with httpx.Client(base_url=url, timeout=60, follow_redirects=False) as client:
        page = client.get("/console/sign-in")
        r = client.post("/console/sign-in", data={"csrf": csrf_of(page.text), "key": key})
        assert r.status_code == 303, r.text
        yield client


# ------------------------------------------------------------------------------- browser

BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,800"]


@pytest.fixture(scope="session")
def downloads(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="session")
def browser(tmp_path_factory: pytest.TempPathFactory, downloads: Path) -> Iterator[object]:
    if not CHROMIUM.exists() or not CHROMEDRIVER.exists():
        pytest.skip("chromium and chromium-driver are not installed (run .ci/browser)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in BROWSER_ARGS:
        options.add_argument(arg)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.add_experimental_option("prefs", {
        "download.default_directory": str(downloads), "download.prompt_for_download": False})
    driver = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    driver.execute_cdp_cmd("Page.setDownloadBehavior",
                           {"behavior": "allow", "downloadPath": str(downloads)})
    driver.implicitly_wait(0)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(str(tmp_path_factory.getbasetemp() / "chromium-profile0"),
                      ignore_errors=True)
