"""Security properties of the web console, over HTTP against the real server: session
fixation, cookie flags, CSRF, escaping of names, and the role of every route."""

from __future__ import annotations

import re

import httpx
import pytest
from starlette.requests import Request
from starlette.responses import Response

from sanctio.service.cli import ServerProcess
from sanctio.web.sessions import COOKIE, SessionStore

from .conftest import XSS, csrf_of, signed_in

# every console route, with the role it needs (None: open to anyone)
ROUTES: list[tuple[str, str, str | None]] = [
    ("GET", "/console/screen", "screen"),
    ("POST", "/console/screen", "screen"),
    ("GET", "/console/search", "screen"),
    ("POST", "/console/search", "screen"),
    ("GET", "/console/entity/us-ofac-29119", "screen"),
    ("GET", "/console/alerts", "screen"),
    ("POST", "/console/alerts", "screen"),
    ("POST", "/console/alerts/bulk-close", "screen"),
    ("GET", "/console/alerts/1", "screen"),
    ("POST", "/console/alerts/1/decide", "screen"),
    ("POST", "/console/customers", "screen"),
    ("GET", "/console/batch", "screen"),
    ("POST", "/console/batch", "screen"),
    ("GET", "/console/batch/nosuchjob", "screen"),
    ("GET", "/console/batch/nosuchjob/results.csv", "screen"),
    ("GET", "/console/jobs/batch/nosuchjob/status", "screen"),
    ("POST", "/console/sign-out", "screen"),
    ("GET", "/console/no-such-page", "screen"),
    ("GET", "/console/lists", "admin"),
    ("GET", "/console/lists/un/diff", "admin"),
    ("POST", "/console/lists/load", "admin"),
    ("GET", "/console/lists/jobs/nosuchjob", "admin"),
    ("GET", "/console/jobs/load/nosuchjob/status", "admin"),
    ("GET", "/console/audit", "admin"),
    ("POST", "/console/audit/verify", "admin"),
    ("POST", "/console/audit/export", "admin"),
    ("GET", "/console/keys", "admin"),
    ("POST", "/console/keys", "admin"),
]
OPEN = {"/", "/console", "/console/", "/console/sign-in", "/console/static/{name}"}


def test_every_console_route_is_in_the_role_table(web_home: object) -> None:
    """A route added later without a role in the table above fails here."""
    from sanctio.service.app import create_app

    app = create_app(home=web_home, warmup=False)
    paths = {(m, r.path) for r in app.routes for m in getattr(r, "methods", ())
             if getattr(r, "path", "").startswith("/console") or getattr(r, "path", "") == "/"}
    covered = {re.sub(r"/(us-ofac-29119|1|nosuchjob|un|no-such-page)(?=/|$)", "/{x}", p)
               for _, p, _ in ROUTES}
    for method, path in paths:
        if path in OPEN or method == "HEAD":
            continue
        generic = re.sub(r"\{[^}]+\}", "{x}", path).replace("results.{x}", "results.csv")
        assert generic.replace("{x}", "x") in {c.replace("{x}", "x") for c in covered} or \
            path == "/console/{rest:path}", (method, path)


def test_anonymous_requests_go_to_sign_in(web_server: ServerProcess) -> None:
    with httpx.Client(base_url=web_server.url, timeout=30) as client:
        for method, path, _ in ROUTES:
            r = client.request(method, path, data={"csrf": "x"})
            assert r.status_code == 303, (method, path, r.status_code)
            assert r.headers["location"].endswith("/console/sign-in")
        # the API keeps its own authentication: a console session is no API key
        assert client.get("/lists").status_code == 401


def test_a_screen_key_gets_403_on_every_admin_route(web_server: ServerProcess,
                                                    web_keys: dict[str, str]) -> None:
    with signed_in(web_server.url, web_keys["screen"]) as client:
        csrf = csrf_of(client.get("/console/screen").text)
        for method, path, role in ROUTES:
            if role != "admin":
                continue
            r = client.request(method, path, data={"csrf": csrf})
            assert r.status_code == 403, (method, path, r.status_code)
            assert "needs the role &#39;admin&#39;" in r.text
        # and it is still signed in (a refusal ends nothing)
        assert client.get("/console/screen").status_code == 200


def test_session_fixation_sign_in_issues_a_new_session(web_server: ServerProcess,
                                                       web_keys: dict[str, str]) -> None:
    with httpx.Client(base_url=web_server.url, timeout=30) as client:
        page = client.get("/console/sign-in")
        before = client.cookies[COOKIE]
        r = client.post("/console/sign-in", data={"csrf": csrf_of(page.text),
                                                  "key": web_keys["screen"]})
        assert r.status_code == 303
        after = client.cookies[COOKIE]
        assert after != before
    # the id planted before sign-in is worth nothing afterwards
    with httpx.Client(base_url=web_server.url, timeout=30,
                      cookies={COOKIE: before}) as attacker:
        r = attacker.get("/console/screen")
        assert r.status_code == 303 and r.headers["location"].endswith("/sign-in")
    with httpx.Client(base_url=web_server.url, timeout=30, cookies={COOKIE: after}) as owner:
        assert owner.get("/console/screen").status_code == 200


def test_wrong_key_and_sign_out(web_server: ServerProcess, web_keys: dict[str, str]) -> None:
    with httpx.Client(base_url=web_server.url, timeout=30) as client:
        page = client.get("/console/sign-in")
        r = client.post("/console/sign-in", data={"csrf": csrf_of(page.text),
                                                  "key": "sanctio_not-a-key"})
        assert r.status_code == 401 and "not valid" in r.text
    with signed_in(web_server.url, web_keys["screen"]) as client:
        sid = client.cookies[COOKIE]
        csrf = csrf_of(client.get("/console/screen").text)
        r = client.post("/console/sign-out", data={"csrf": csrf})
        assert r.status_code == 303
    with httpx.Client(base_url=web_server.url, timeout=30, cookies={COOKIE: sid}) as old:
        assert old.get("/console/screen").status_code == 303


def test_cookie_flags(web_server: ServerProcess, web_keys: dict[str, str]) -> None:
    with httpx.Client(base_url=web_server.url, timeout=30) as client:
        page = client.get("/console/sign-in")
        r = client.post("/console/sign-in", data={"csrf": csrf_of(page.text),
                                                  "key": web_keys["screen"]})
        cookie = r.headers["set-cookie"]
        flags = {f.strip().lower() for f in cookie.split(";")}
        assert "httponly" in flags and "samesite=strict" in flags and "path=/" in flags
        assert "secure" not in flags  # plain HTTP on loopback
        assert page.headers["cache-control"] == "no-store"
        assert "frame-ancestors 'none'" in page.headers["content-security-policy"]
        assert "unsafe-inline" not in page.headers["content-security-policy"]


def test_cookie_is_secure_over_tls() -> None:
    from sanctio.web.console import Console

    scope = {"type": "http", "scheme": "https", "method": "GET", "path": "/console/",
             "headers": [], "query_string": b"", "server": ("example.org", 443)}
    response = Response()
    Console.set_cookie(Request(scope), response, SessionStore().anonymous())
    flags = {f.strip().lower() for f in response.headers["set-cookie"].split(";")}
    assert {"secure", "httponly", "samesite=strict"} <= flags


@pytest.mark.parametrize("csrf", [None, "", "wrong-token"])
def test_posts_without_the_csrf_token_are_refused(web_server: ServerProcess,
                                                  web_keys: dict[str, str],
                                                  csrf: str | None) -> None:
    with signed_in(web_server.url, web_keys["admin"]) as client:
        data = {"name": "Mohamed al-Kana"} | ({"csrf": csrf} if csrf is not None else {})
        r = client.post("/console/screen", data=data)
        assert r.status_code == 403 and "CSRF" in r.text
        r = client.post("/console/keys", data={"action": "create", "role": "admin"} | (
            {"csrf": csrf} if csrf is not None else {}))
        assert r.status_code == 403
        assert "New admin key" not in r.text


def test_cross_site_origin_is_refused(web_server: ServerProcess,
                                      web_keys: dict[str, str]) -> None:
    with signed_in(web_server.url, web_keys["screen"]) as client:
        csrf = csrf_of(client.get("/console/screen").text)
        r = client.post("/console/screen", data={"csrf": csrf, "name": "x"},
                        headers={"origin": "https://evil.example"})
        assert r.status_code == 403
        r = client.post("/console/screen", data={"csrf": csrf, "name": "Mohamed al-Kana"},
                        headers={"origin": web_server.url})
        assert r.status_code == 200 and "29119" in r.text


def test_sign_in_without_csrf_is_refused(web_server: ServerProcess,
                                         web_keys: dict[str, str]) -> None:
    with httpx.Client(base_url=web_server.url, timeout=30) as client:
        client.get("/console/sign-in")
        r = client.post("/console/sign-in", data={"key": web_keys["admin"]})
        assert r.status_code == 403
        assert client.get("/console/screen").status_code == 303


def test_names_with_markup_are_shown_as_text(web_server: ServerProcess,
                                             web_keys: dict[str, str]) -> None:
    with signed_in(web_server.url, web_keys["screen"]) as client:
        csrf = csrf_of(client.get("/console/screen").text)
        r = client.post("/console/screen", data={"csrf": csrf,
                                                 "name": f"Mohamed al-Kana {XSS}"})
        assert r.status_code == 200
        assert XSS not in r.text and "&lt;script&gt;window.__xss=1&lt;/script&gt;" in r.text
        # a customer name with a script, in the alert queue
        r = client.post("/console/alerts", data={"csrf": csrf, "state": "all"})
        assert XSS not in r.text
        if "C-300" in r.text:
            assert "&lt;script&gt;" in r.text


def test_no_names_in_urls(web_server: ServerProcess, web_keys: dict[str, str]) -> None:
    """Screening and customer look-ups are posted; a GET with a name is not a screening."""
    with signed_in(web_server.url, web_keys["screen"]) as client:
        r = client.get("/console/screen", params={"name": "Mohamed al-Kana"})
        assert r.status_code == 200 and "29119" not in r.text
        html = client.get("/console/alerts").text
        for form in re.findall(r"<form[^>]*>", html):
            if "customers" in form or "bulk-close" in form:
                assert 'method="post"' in form
