"""The web console in a real browser (headless Chromium through Selenium) against the real
server on loopback. Each scenario leaves a screenshot in test-artifacts/screenshots."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from sanctio.service.cli import ServerProcess

from .conftest import SCREENSHOTS, XSS

WAIT = 30.0


def wait_for(check: Callable[[], Any], timeout: float = WAIT, what: str = "") -> Any:
    deadline = time.monotonic() + timeout
    last: Any = None
    while time.monotonic() < deadline:
        try:
            last = check()
            if last:
                return last
        except Exception as exc:  # the page is being replaced
            last = exc
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what or check}: {last!r}")


class Console:
    """The browser on the console: sign in, fill forms, find text."""

    def __init__(self, driver: Any, url: str) -> None:
        self.d = driver
        self.url = url

    def go(self, path: str) -> None:
        self.d.get(self.url + path)

    def css(self, selector: str) -> Any:
        from selenium.webdriver.common.by import By

        return self.d.find_element(By.CSS_SELECTOR, selector)

    def all(self, selector: str) -> list[Any]:
        from selenium.webdriver.common.by import By

        return list(self.d.find_elements(By.CSS_SELECTOR, selector))

    def text(self) -> str:
        return str(self.css("body").text)

    def submit(self, form: str = "main form") -> None:
        self.css(f"{form} button[type=submit]").click()

    def sign_in(self, key: str) -> None:
        self.go("/console/sign-out-first")  # any page: drops a previous session below
        for cookie in self.d.get_cookies():
            self.d.delete_cookie(cookie["name"])
        self.go("/console/sign-in")
        self.css("#key").send_keys(key)
        self.submit("main form")
        wait_for(lambda: "/console/screen" in self.d.current_url, what="sign-in")

    def shot(self, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        height = self.d.execute_script("return document.body.scrollHeight")
        width = self.d.get_window_size()["width"]
        self.d.set_window_size(width, min(max(800, int(height) + 120), 2400))
        self.d.save_screenshot(str(path))
        self.d.set_window_size(width, 800)
        return path


@pytest.fixture(scope="module")
def ui(browser: Any, web_server: ServerProcess) -> Iterator[Console]:
    yield Console(browser, web_server.url)


def test_sign_in_and_screen_a_name(ui: Console, web_keys: dict[str, str]) -> None:
    ui.go("/")
    wait_for(lambda: "/console/sign-in" in ui.d.current_url, what="redirect to sign-in")
    ui.shot("01-sign-in")
    ui.sign_in(web_keys["screen"])
    ui.css("#name").send_keys("Mohamed al-Kana")
    ui.submit("form.screen-form")
    wait_for(lambda: ui.all("article.match"), what="results")
    first = ui.all("article.match")[0]
    text = first.text
    assert "29119" in text and "AL-KANI, Mohamed" in text
    # the explanation: aligned tokens highlighted and each piece of evidence
    marks = [m.text for m in first.find_elements("css selector", ".listname mark")]
    assert "KANI" in marks and "Mohamed" in marks
    assert "kana" in text and "spelling" in text
    assert "matched the primary name" in text
    assert "Alert" in ui.text() and "List versions used" in ui.text()
    ui.shot("02-screen-result")


def test_empty_result_says_so_with_the_threshold(ui: Console) -> None:
    ui.go("/console/screen")
    ui.css("#name").send_keys("Zebulon Quaxworthy")
    ui.css("#threshold").send_keys("0.9")
    ui.submit("form.screen-form")
    wait_for(lambda: "No listed party scores" in ui.text(), what="empty result")
    assert "threshold 0.90" in ui.text()


def test_names_with_a_script_are_text_in_the_page(ui: Console) -> None:
    ui.go("/console/screen")
    ui.css("#name").send_keys(f"Mohamed al-Kana {XSS}")
    ui.submit("form.screen-form")
    wait_for(lambda: ui.all("section.result"), what="result")
    assert XSS in ui.text()
    assert ui.d.execute_script("return window.__xss === undefined")


def test_entity_page_timeline(ui: Console) -> None:
    ui.go("/console/screen")
    ui.css("#name").send_keys("Kaniyat militia")
    ui.css("#schema option[value=organization]").click()
    ui.submit("form.screen-form")
    wait_for(lambda: ui.all("article.match h3 a"), what="results")
    ui.css("article.match h3 a").click()
    wait_for(lambda: ui.all("svg.timeline"), what="timeline")
    labels = [t.text for t in ui.all("svg.timeline text.row-label")]
    assert {"US OFAC", "EU", "UK"} <= set(labels), labels
    chart = ui.css("svg.timeline").text
    assert "not listed by UN" in chart
    assert "2021-05-07" in chart and "2022-12-06" in chart
    # the second UK version changed the militia's entry: a change marker with its text on
    # the UK row, and the same event in the table under the chart
    marks = ui.all("svg.timeline g.event.changed")
    assert marks and "changed 2026-02-20: properties" in marks[0].text, chart
    history = ui.css("table.history").text
    assert "changed" in history and "14107" in history, history
    # names are grouped by script, only the first group open
    groups = ui.all("section[aria-labelledby=names-h] details")
    assert groups and groups[0].get_attribute("open") is not None
    assert all(g.get_attribute("open") is None for g in groups[1:])
    # the militia and its leader link to each other (OFAC: al-Kani "Linked To" the militia)
    relations = ui.css("section[aria-labelledby=rel-h]").text
    assert "AL-KANI, Mohamed" in relations, relations
    ui.shot("03-entity-timeline")


def _open_alert(ui: Console, customer: str) -> None:
    ui.go("/console/alerts")
    rows = [r for r in ui.all("table.alerts tbody tr") if customer in r.text]
    assert rows, ui.text()
    rows[0].find_element("css selector", "a").click()
    wait_for(lambda: ui.all("section.decide"), what="alert page")


def test_search_page(ui: Console) -> None:
    ui.go("/console/screen")
    ui.css("nav a[href='/console/search']").click()
    wait_for(lambda: ui.all("form.search-form"), what="search page")
    ui.css("#name").send_keys("kaniyat")
    ui.submit("form.search-form")
    wait_for(lambda: ui.all("table.search-results tbody tr"), what="search results")
    assert "KANIYAT" in ui.css("table.search-results").text.upper()
    assert "kaniyat" not in ui.d.current_url.lower()  # the name travels in the form post
    ui.shot("03b-search")


def test_decide_an_alert_under_four_eyes(ui: Console, web_keys: dict[str, str]) -> None:
    ui.go("/console/alerts")
    assert "four-eyes rule: on" in ui.text()
    ui.shot("04-alert-queue")
    _open_alert(ui, "C-100")
    assert "Mohamed al-Kani" in ui.text()
    ui.css("#decision option[value=true_match]").click()
    ui.css("#measure option[value=freeze]").click()
    ui.css("#reason").send_keys("same person: name, country and date")
    ui.submit("section.decide form")
    wait_for(lambda: "proposed by" in ui.text(), what="proposal")
    assert "you cannot confirm your own proposal" in ui.text()
    # the same reviewer cannot confirm it: the rule is enforced, not only shown
    ui.css("#decision option[value=true_match]").click()
    ui.submit("section.decide form")
    wait_for(lambda: "four-eyes rule" in ui.css("p.problem").text, what="refusal")
    ui.shot("05-alert-four-eyes")
    # a second reviewer confirms it
    url = ui.d.current_url
    alert_path = url[len(ui.url):].replace("/decide", "")
    ui.sign_in(web_keys["screen2"])
    ui.go(alert_path)
    ui.css("#decision option[value=true_match]").click()
    ui.submit("section.decide form")
    wait_for(lambda: "now escalated" in ui.text(), what="confirmation")
    assert "Confirmed by" in ui.text() and "analyst-b" in ui.text()
    ui.shot("06-alert-escalated")


def test_batch_upload_and_download(ui: Console, web_keys: dict[str, str], tmp_path: Path,
                                   downloads: Path) -> None:
    ui.sign_in(web_keys["screen"])
    upload = tmp_path / "customers.csv"
    upload.write_text("CustNo,FullName,Country\n"
                      "A1,Jane Ordinary,GB\n"
                      "A2,Mohamed al-Kana,LY\n"
                      f"A3,Peter {XSS} Smith,\n"
                      "A4,Kaniyat militia,\n", encoding="utf-8")
    ui.go("/console/batch")
    ui.css("#file").send_keys(str(upload))
    ui.css("#map_name").send_keys("FullName")
    ui.css("#map_ref").send_keys("CustNo")
    ui.css("#map_country").send_keys("Country")
    ui.submit("main form")
    wait_for(lambda: ui.all("table.results tbody tr"), timeout=60, what="batch results")
    rows = ui.all("table.results tbody tr")
    assert len(rows) == 4
    statuses = [r.find_elements("css selector", "td")[1].text for r in rows]
    assert statuses[0] == "alert" and statuses[-1] == "clear"  # alerts first
    assert XSS in ui.text() and ui.d.execute_script("return window.__xss === undefined")
    # sortable: by row number
    ui.all("table.results thead button.sort")[0].click()
    assert [r.find_elements("css selector", "td")[0].text
            for r in ui.all("table.results tbody tr")] == ["1", "2", "3", "4"]
    ui.shot("07-batch-results")
    for link in ("CSV", "JSON Lines"):
        ui.d.find_element("link text", link).click()
    csv_file = wait_for(lambda: [p for p in downloads.glob("*.csv")], what="CSV download")[0]
    jsonl = wait_for(lambda: [p for p in downloads.glob("*.jsonl")], what="JSONL download")[0]
    text = wait_for(lambda: csv_file.read_text("utf-8"), what="CSV content")
    assert text.startswith("row,ref,name,status")
    assert "A2,Mohamed al-Kana,alert" in text and "29119" in text
    assert len(wait_for(lambda: jsonl.read_text("utf-8")).splitlines()) == 4


def test_screen_key_gets_a_403_page_on_lists(ui: Console, web_keys: dict[str, str]) -> None:
    ui.sign_in(web_keys["screen"])
    ui.go("/console/lists")
    assert "403" in ui.css("h1").text
    assert "needs the role 'admin'" in ui.text()
    assert "Lists" not in [a.text for a in ui.all("nav a")]
    ui.shot("08-forbidden")


def test_a_post_without_csrf_token_is_refused(ui: Console) -> None:
    ui.go("/console/screen")
    ui.d.execute_script(
        "document.querySelector('form.screen-form input[name=csrf]').remove()")
    ui.css("#name").send_keys("Mohamed al-Kana")
    ui.submit("form.screen-form")
    wait_for(lambda: "403" in ui.css("h1").text, what="refusal")
    assert "CSRF" in ui.text() and "29119" not in ui.text()


def test_admin_pages(ui: Console, web_keys: dict[str, str]) -> None:
    ui.sign_in(web_keys["admin"])
    ui.go("/console/lists")
    text = ui.text()
    assert "stale" in text and "us-ofac" in text
    assert len(ui.all("table.lists tr.stale")) >= 1
    ui.shot("09-lists")
    ui.go("/console/lists/un/diff")
    assert "added" in ui.text()
    ui.go("/console/audit")
    ui.submit("main form")  # the first form: verify the chain
    wait_for(lambda: "Verified: the chain holds" in ui.text(), what="verification")
    assert "screening.batch" in ui.text() and "alert.decision" in ui.text()
    ui.shot("10-audit")


def test_narrow_screen(ui: Console) -> None:
    ui.d.set_window_size(390, 844)
    try:
        ui.go("/console/screen")
        ui.css("#name").send_keys("Mohamed al-Kana")
        ui.submit("form.screen-form")
        wait_for(lambda: ui.all("article.match"), what="results")
        width, inner = ui.d.execute_script(
            "return [document.documentElement.scrollWidth, window.innerWidth]")
        assert width <= inner, (width, inner)  # no sideways scrolling of the page
        ui.d.save_screenshot(str(SCREENSHOTS / "11-narrow-screen.png"))
    finally:
        ui.d.set_window_size(1280, 800)
