"""Over HTTP: the console's search page (the API's /search look-up, paginated by form posts)
and the entity page's history of the stored list versions (a change the second UK version
made to the Kaniyat militia's entry)."""

from __future__ import annotations

import re

import httpx

from sanctio.service.cli import ServerProcess

from .conftest import XSS, csrf_of, signed_in


def _rows(html: str) -> list[str]:
    body = html.split('<table class="search-results">', 1)[-1].split("</table>", 1)[0]
    return re.findall(r'href="/console/entity/([^"]+)"', body)


def test_search_page_pages_through_the_api_lookup(web_server: ServerProcess,
                                                  web_keys: dict[str, str]) -> None:
    with signed_in(web_server.url, web_keys["screen"]) as client:
        page = client.get("/console/search")
        assert page.status_code == 200 and 'action="/console/search"' in page.text
        assert 'href="/console/search"' in page.text  # in the navigation
        csrf = csrf_of(page.text)
        r = client.post("/console/search", data={"csrf": csrf, "name": "mohamed"})
        assert r.status_code == 200, r.text
        first = _rows(r.text)
        assert len(first) == 20 and "Results 1–20" in r.text, r.text[-3000:]
        # the same look-up as the API's POST /search (an admin key may call the API)
        api = httpx.post(f"{web_server.url}/search", json={"text": "mohamed", "limit": 20},
                         headers={"authorization": f"Bearer {web_keys['admin']}"}, timeout=60)
        assert api.status_code == 200, api.text
        assert first == [m["entity_id"] for m in api.json()["results"]]
        assert api.json()["next_offset"] == 20
        # the next page is a form post too (no name in the URL), and does not overlap
        assert 'name="offset" value="20"' in r.text
        r2 = client.post("/console/search", data={"csrf": csrf, "name": "mohamed",
                                                  "offset": "20"})
        assert r2.status_code == 200 and "Results 21–" in r2.text
        assert not set(_rows(r2.text)) & set(first)
        assert 'name="offset" value="0"' in r2.text  # back to the first page
        # a name with a script is text; nothing found says so
        r3 = client.post("/console/search", data={"csrf": csrf, "name": XSS})
        assert r3.status_code == 200 and XSS not in r3.text
        assert "&lt;script&gt;" in r3.text
        # the form needs its CSRF token
        r4 = client.post("/console/search", data={"name": "mohamed"})
        assert r4.status_code == 403


def test_entity_page_shows_the_change_of_a_later_list_version(
        web_server: ServerProcess, web_keys: dict[str, str]) -> None:
    with signed_in(web_server.url, web_keys["screen"]) as client:
        r = client.get("/console/entity/us-ofac-29368")  # the Kaniyat militia
        assert r.status_code == 200
        table = r.text.split('<table class="history"', 1)[1].split("</table>", 1)[0]
        assert "first seen" in table and "changed" in table and "14107" in table
        assert re.search(r'<g class="event changed"><title>UK 14107: changed 2026-02-20: '
                         r"properties \(version uk@", r.text), r.text
        # the page says how long it took to render (a figure, not a timed test: the machine's
        # load decides it)
        assert float(re.search(r"render;dur=([\d.]+)", r.headers["server-timing"])
                     .group(1)) > 0  # type: ignore[union-attr]
