"""The console's routes: server-rendered pages over the service's own calls.

Every page depends on :meth:`Console.needs` (session, role, render time: a :class:`Visit`; for
a form post the CSRF token too); a refusal (the sign-in redirect, a 403 or 404 page) is a
:class:`Refused`, answered by :class:`ConsoleRoute`. Screening goes through
:meth:`Service.match` (the ``POST /match`` path), entities and look-ups through the scorer
pool, lists through :meth:`Service.lists_payload`, :meth:`Service.run_loads` and
:meth:`Registry.diff`, alerts through :mod:`sanctio.monitor.alerts`, the audit trail through
:mod:`sanctio.monitor.audit`, batches through :func:`sanctio.batch.screen_file`.
"""

from __future__ import annotations

import asyncio
import collections
import functools
import io
import re
import threading
import time
import uuid
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import orjson
from fastapi import APIRouter, Depends, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from jinja2 import Environment, FileSystemLoader, select_autoescape
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData, UploadFile
from starlette.responses import FileResponse, RedirectResponse, Response

from sanctio import sources
from sanctio.contract import DEFAULT_THRESHOLD
from sanctio.entity_view import name_groups
from sanctio.monitor.alerts import (
    AlertNotFound,
    DecisionError,
    count_alerts,
    customer_history,
    decide,
    four_eyes_enabled,
    get_alert,
    list_alerts,
)
from sanctio.monitor.audit import ACTIONS, AuditKeyError, entries, export, record_audit, verify
from sanctio.service import schemas as S
from sanctio.service.audit import AuditEntry, now_iso
from sanctio.service.keys import DEV_PRINCIPAL, ROLES, Principal, UnknownKey
from sanctio.service.loads import NOT_IN_DATA_DIRS, official_download, resolve_list_path
from sanctio.service.pool import NotReady
from sanctio.service.validation import search_terms
from sanctio.web import charts
from sanctio.web.jobs import Job, Jobs, new_folder, run_batch
from sanctio.web.sessions import COOKIE, Session, SessionStore

HERE = Path(__file__).resolve().parent
PREFIX = "/console"
STATIC = {"style.css": "text/css", "console.js": "text/javascript"}
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
NAV = [("screen", "Screen", "screen"), ("search", "Search", "screen"),
       ("alerts", "Alerts", "screen"),
       ("batch", "Batch", "screen"), ("lists", "Lists", "admin"), ("audit", "Audit", "admin"),
       ("keys", "Keys", "admin")]
MAPPED = ("name", "ref", "schema", "dob", "country", "gender", "id")

Handler = Callable[..., Awaitable[Response]]


@dataclass
class Visit:
    """A signed-in request: its session, principal, the time it started (the page's render
    time) and, for a form post, the form."""
    session: Session
    me: Principal
    started: float
    form: FormData = field(default_factory=FormData)


class Refused(Exception):
    """Answer ``response`` instead of the page (raised by the role dependencies)."""

    def __init__(self, response: Response) -> None:
        super().__init__(response.status_code)
        self.response = response


class ConsoleRoute(APIRoute):
    """A console route: a :class:`Refused` raised by its page, or returned by its role
    dependency (:meth:`Console.needs`), is answered with the refusal's response. The
    dependency's refusal is answered once FastAPI has checked the route's parameters, so a
    malformed request gets its 422 first, signed in or not."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        @functools.wraps(endpoint)
        async def page(**values: Any) -> Any:
            for value in values.values():
                if isinstance(value, Refused):
                    return value.response
            return await endpoint(**values)

        super().__init__(path, page, **kwargs)

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()

        async def refusing(request: Request) -> Response:
            try:
                return await handler(request)
            except Refused as refused:
                return refused.response

        return refusing


def is_console_path(path: str) -> bool:
    return path == "/" or path == PREFIX or path.startswith(PREFIX + "/")


class Console:
    def __init__(self, service: Any) -> None:
        self.service = service
        self.sessions = SessionStore()
        self.jobs = Jobs()
        self.env = Environment(loader=FileSystemLoader(HERE / "templates"),
                               autoescape=select_autoescape(["html"]), auto_reload=False)
        self.env.globals.update(prefix=PREFIX, score_bar=charts.score_bar, nav=NAV,
                                list_label=charts.list_label)
        self.env.filters["pct"] = lambda v: f"{float(v) * 100:.0f}%"
        self.diffs: dict[tuple[str, int | None, int], Any] = {}

    # ------------------------------------------------------------------ sessions and roles

    def session_of(self, request: Request) -> Session | None:
        return self.sessions.get(request.cookies.get(COOKIE))

    def principal_of(self, session: Session | None) -> Principal | None:
        if session is None or not session.signed_in:
            return None
        if session.dev:
            return DEV_PRINCIPAL if self.service.config.dev else None
        return self.service.keys.authenticate(session.token)

    @staticmethod
    def set_cookie(request: Request, response: Response, session: Session) -> None:
        response.set_cookie(COOKIE, session.id, httponly=True, samesite="strict",
                            secure=request.url.scheme == "https", path="/")

    @staticmethod
    def headers(response: Response, started: float | None = None) -> Response:
        h = response.headers
        h["content-security-policy"] = CSP
        h["x-frame-options"] = "DENY"
        h["x-content-type-options"] = "nosniff"
        h["referrer-policy"] = "same-origin"
        h.setdefault("cache-control", "no-store")
        if started is not None:
            h["server-timing"] = f"render;dur={(time.perf_counter() - started) * 1000:.1f}"
        return response

    def render(self, request: Request, template: str, status: int = 200,
               session: Session | None = None, principal: Principal | None = None,
               started: float | None = None, **data: Any) -> Response:
        html = self.env.get_template(template).render(
            request=request, session=session, me=principal, csrf=session.csrf if session
            else "", dev=self.service.config.dev, **data)
        return self.headers(Response(html, status_code=status,
                                     media_type="text/html; charset=utf-8"), started)

    def error(self, request: Request, status: int, title: str, message: str,
              session: Session | None = None, principal: Principal | None = None,
              started: float | None = None) -> Response:
        return self.render(request, "error.html", status, session, principal, started,
                           title=title, message=message, code=status)

    def page(self, request: Request, v: Visit, template: str, status: int = 200,
             **data: Any) -> Response:
        """A page for a signed-in visit."""
        return self.render(request, template, status, v.session, v.me, v.started, **data)

    def refuse(self, request: Request, v: Visit, status: int, title: str, message: str
               ) -> Response:
        """An error page for a signed-in visit."""
        return self.error(request, status, title, message, v.session, v.me, v.started)

    def guard(self, request: Request, role: str) -> Visit:
        """The signed-in visit of a principal with ``role``; else :class:`Refused` with the
        sign-in redirect or a 403 page."""
        started = time.perf_counter()
        session = self.session_of(request)
        principal = self.principal_of(session)
        if session is None or principal is None:
            if session is not None:
                self.sessions.end(session.id)
            raise Refused(self.headers(RedirectResponse(f"{PREFIX}/sign-in", status_code=303)))
        if not principal.has_role(role):
            raise Refused(self.error(request, 403, "Not allowed",
                                     f"You are signed in as {principal.name} with the role "
                                     f"'{principal.role}'; this page needs the role '{role}'.",
                                     session, principal, started))
        return Visit(session, principal, started)

    async def form(self, request: Request, role: str) -> Visit:
        """:meth:`guard`, then the form of a same-origin post with its CSRF token."""
        v = self.guard(request, role)
        if not self.same_origin(request):
            raise Refused(self.refuse(request, v, 403, "Refused",
                                      "The form came from another site."))
        v.form = await request.form()
        token = v.form.get("csrf")
        if not v.session.csrf_ok(token if isinstance(token, str) else None):
            raise Refused(self.refuse(request, v, 403, "Refused",
                                      "The form's CSRF token is missing or wrong: reload the "
                                      "page and send the form again."))
        return v

    def needs(self, role: str, post: bool = False
              ) -> Callable[[Request], Awaitable[Visit | Refused]]:
        """The dependency of a page for ``role`` (of a form post if ``post``): the visit, or
        the refusal for :class:`ConsoleRoute` to answer."""
        async def visit(request: Request) -> Visit | Refused:
            try:
                return await self.form(request, role) if post else self.guard(request, role)
            except Refused as refused:
                return refused

        return visit

    @staticmethod
    def same_origin(request: Request) -> bool:
        origin = request.headers.get("origin")
        if not origin or origin == "null":
            return origin is None
        host = request.headers.get("host", "")
        return re.sub(r"^https?://", "", origin) == host

    async def db(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        """Run ``fn(conn, ...)`` on the service's registry connection (in a thread)."""
        def call() -> Any:
            with self.service.db_lock:
                return fn(self.service.reader().conn, *args, **kwargs)

        return await run_in_threadpool(call)

    def client(self, request: Request) -> str | None:
        return str(request.client.host) if request.client else None


def _text(form: FormData, name: str, limit: int = 500) -> str:
    value = form.get(name)
    return value.strip()[:limit] if isinstance(value, str) else ""


def _float(value: str | None, default: float | None = None) -> float | None:
    try:
        return float(value) if value not in (None, "") else default
    except ValueError:
        return default


def router(service: Any) -> APIRouter:
    c = Console(service)
    r = APIRouter(include_in_schema=False, route_class=ConsoleRoute)
    # the session, role (and for a form post CSRF token) checks, before each page
    SCREEN, ADMIN = Depends(c.needs("screen")), Depends(c.needs("admin"))
    SCREEN_FORM = Depends(c.needs("screen", post=True))
    ADMIN_FORM = Depends(c.needs("admin", post=True))

    async def job_owner(request: Request, kind: str) -> Visit | Refused:
        return await c.needs("admin" if kind == "load" else "screen")(request)

    JOB_OWNER = Depends(job_owner)

    def own_job(request: Request, v: Visit, kind: str, job_id: str, title: str, message: str
                ) -> Job:
        """The principal's job of ``kind``; else a 404 page (:class:`Refused`)."""
        job = c.jobs.get(job_id, v.me.key_id, kind)
        if job is None:
            raise Refused(c.refuse(request, v, 404, title, message))
        return job

    # -------------------------------------------------------------------- static, home

    @r.get("/")
    async def root() -> Response:
        return RedirectResponse(f"{PREFIX}/", status_code=303)

    @r.get(PREFIX)
    @r.get(PREFIX + "/")
    async def home(request: Request) -> Response:
        principal = c.principal_of(c.session_of(request))
        return RedirectResponse(f"{PREFIX}/screen" if principal else f"{PREFIX}/sign-in",
                                status_code=303)

    @r.get(PREFIX + "/static/{name}")
    async def static(name: str) -> Response:
        if name not in STATIC:
            return Response("not found", status_code=404)
        return FileResponse(HERE / "static" / name, media_type=STATIC[name],
                            headers={"cache-control": "max-age=3600",
                                     "x-content-type-options": "nosniff"})

    # ---------------------------------------------------------------------- sign in/out

    @r.get(PREFIX + "/sign-in")
    async def sign_in_page(request: Request) -> Response:
        started = time.perf_counter()
        session = c.session_of(request)
        if c.principal_of(session) is not None:
            return RedirectResponse(f"{PREFIX}/screen", status_code=303)
        if session is None:
            session = c.sessions.anonymous()
        response = c.render(request, "signin.html", session=session, started=started)
        c.set_cookie(request, response, session)
        return response

    @r.post(PREFIX + "/sign-in")
    async def sign_in(request: Request) -> Response:
        started = time.perf_counter()
        session = c.session_of(request)
        form = await request.form()
        token = form.get("csrf")
        if session is None or not session.csrf_ok(token if isinstance(token, str) else None) \
                or not c.same_origin(request):
            fresh = c.sessions.anonymous()
            response = c.render(request, "signin.html", 403, fresh, started=started,
                                problem="The sign-in form expired or did not come from this "
                                        "site; try again.")
            c.set_cookie(request, response, fresh)
            return response
        key = _text(form, "key", 300)
        if service.config.dev:
            new = c.sessions.sign_in(session, None, dev=True)
        else:
            principal = service.keys.authenticate(key)
            if principal is None:
                service.metrics.auth_failures.labels("401").inc()
                response = c.render(request, "signin.html", 401, session, started=started,
                                    problem="This API key is not valid (unknown or revoked).")
                return response
            new = c.sessions.sign_in(session, key)
        response = RedirectResponse(f"{PREFIX}/screen", status_code=303)
        c.set_cookie(request, response, new)
        return c.headers(response)

    @r.post(PREFIX + "/sign-out")
    async def sign_out(request: Request, v: Visit = SCREEN_FORM) -> Response:
        c.sessions.end(v.session.id)
        response = RedirectResponse(f"{PREFIX}/sign-in", status_code=303)
        response.delete_cookie(COOKIE, path="/", httponly=True, samesite="strict")
        return c.headers(response)

    # ------------------------------------------------------------------------- screening

    def screen_form(form: FormData | None = None) -> dict[str, str]:
        fields = ("name", "schema", "dob", "country", "threshold")
        return {f: _text(form, f) if form is not None else "" for f in fields}

    @r.get(PREFIX + "/screen")
    async def screen_page(request: Request, v: Visit = SCREEN) -> Response:
        return c.page(request, v, "screen.html", q=screen_form(), result=None)

    @r.post(PREFIX + "/screen")
    async def screen(request: Request, v: Visit = SCREEN_FORM) -> Response:
        q = screen_form(v.form)
        problem = None
        result = None
        versions: dict[str, str] = {}
        try:
            threshold = _float(q["threshold"])
            if q["threshold"] and threshold is None:
                raise ValueError("the threshold is a number between 0 and 1")
            body = S.MatchRequest(queries=[S.QueryIn(
                name=q["name"], schema=q["schema"] or None, dob=q["dob"] or None,
                country=q["country"] or None)], threshold=threshold)
            content, _ = await service.match(body, v.me, c.client(request))
            data = orjson.loads(content)
            result = data["results"][0]
            versions = data["list_versions"]
            for m in result["matches"]:
                m["highlight"] = highlight(m)
        except ValidationError as exc:
            problem = "; ".join(f"{'.'.join(str(x) for x in e['loc'][-1:])}: {e['msg']}"
                                for e in exc.errors())
        except ValueError as exc:
            problem = str(exc)
        except NotReady:
            problem = "The index is being built; try again in a few seconds."
        status = 200 if problem is None else 422
        return c.page(request, v, "screen.html", status, q=q,
                      result=result, problem=problem, versions=versions)

    # ---------------------------------------------------------------------------- search

    search_page_size = 20

    @r.get(PREFIX + "/search")
    async def search_page(request: Request, v: Visit = SCREEN) -> Response:
        return c.page(request, v, "search.html", q={"name": "", "schema": ""}, result=None)

    @r.post(PREFIX + "/search")
    async def search(request: Request, v: Visit = SCREEN_FORM) -> Response:
        """The API's ``POST /search`` look-up (the scorer pool's ``search``, prefix and
        fuzzy), a page of 20 at a time; the page asked for is a form field, like the name."""
        q = {"name": _text(v.form, "name"), "schema": _text(v.form, "schema", 32)}
        try:
            offset = max(0, min(int(_text(v.form, "offset") or 0), 10_000))
        except ValueError:
            offset = 0
        problem = None
        result: dict[str, Any] | None = None
        try:
            body = S.SearchRequest.model_validate({
                "text": q["name"], "schema": q["schema"] or None,
                "limit": search_page_size, "offset": offset})
            text, schema = search_terms(body)
            gen, served = service.pool.snapshot()
            found, more = await service.scored(gen, "search", text, body.limit, body.offset,
                                               schema)
            result = {"matches": [orjson.loads(m) for m in found], "offset": body.offset,
                      "next_offset": body.offset + body.limit if more else None,
                      "prev_offset": max(0, body.offset - body.limit) if body.offset
                      else None, "versions": served.list_versions}
            service.audit.record(AuditEntry(
                at=now_iso(), request_id=uuid.uuid4().hex, route="/console/search",
                principal=v.me.name, key_id=v.me.key_id, client=c.client(request), status=200,
                queries=[{"text": text, "schema": schema.value if schema else None}],
                alerts=0, errors=0, threshold=None, list_versions=served.list_versions,
                state_key=served.state_key,
                duration_ms=(time.perf_counter() - v.started) * 1000))
        except ValidationError as exc:
            problem = "; ".join(f"{'.'.join(str(x) for x in e['loc'][-1:])}: {e['msg']}"
                                for e in exc.errors())
        except RequestValidationError as exc:
            problem = "; ".join(f"{e['loc'][-1]}: {e['msg']}" for e in exc.errors())
        except NotReady:
            problem = "The index is being built; try again in a few seconds."
        return c.page(request, v, "search.html", 200 if problem is None else 422, q=q,
                      result=result, problem=problem)

    # -------------------------------------------------------------------------- entities

    @r.get(PREFIX + "/entity/{entity_id}")
    async def entity(request: Request, entity_id: str, v: Visit = SCREEN) -> Response:
        if not 0 < len(entity_id) <= 200:
            return c.refuse(request, v, 404, "No such entity", "No entity has this id.")
        gen, served = service.pool.snapshot()
        content = await service.scored(gen, "entity", entity_id)
        if content is None:
            return c.refuse(request, v, 404, "No such entity", "No entity has this id.")
        data = orjson.loads(content)
        groups = name_groups(data["names"])

        def record_events() -> list[dict[str, Any]]:
            # each record's history across the stored versions of its list: one key
            # look-up per version, a fraction of a millisecond per record
            with service.db_lock:
                reg = service.reader()
                return [{"list": rec["list"], "source_id": rec["source_id"], **ev.to_dict()}
                        for rec in data["records"]
                        for ev in reg.record_history(rec["list"], rec["source_id"])]

        events = sorted(await run_in_threadpool(record_events),
                        key=lambda ev: (ev["date"], ev["version_id"]))
        for ev in events:
            ev["text"] = charts.event_text(ev)
        chart = charts.timeline_svg(data["designations"], data["listed_by"],
                                    data["not_listed_by"], events=events)
        return c.page(request, v, "entity.html", e=data, groups=groups, chart=chart,
                      versions=served.list_versions, events=events)

    # ----------------------------------------------------------------------------- lists

    @r.get(PREFIX + "/lists")
    async def lists(request: Request, v: Visit = ADMIN) -> Response:
        payload = await run_in_threadpool(service.lists_payload)
        return c.page(request, v, "lists.html", p=payload, jobs=c.jobs.of(v.me.key_id, "load")[:5],
                      data_dirs=[str(d) for d in service.config.data_dirs])

    @r.get(PREFIX + "/lists/{list_id}/diff")
    async def diff(request: Request, list_id: str, old: int | None = None,
                   new: int | None = None, v: Visit = ADMIN) -> Response:

        def compute() -> tuple[Any, list[Any]]:
            with service.db_lock:
                reg = service.reader()
                history = [v for v in reg.versions(list_id) if v.status != "failed"]
                if not history:
                    raise KeyError(f"no versions of list {list_id!r}")
                # the versions compared, as Registry.diff picks them by default
                new_id = new if new is not None else next(
                    (v.id for v in history if v.status == "active"), history[-1].id)
                old_id = old if old is not None else next(
                    (v.id for v in reversed(history) if v.id < new_id), None)
                key = (list_id, old_id, new_id)
                # a version never changes once written: the diff of two is kept
                found = c.diffs.get(key)
                if found is None:
                    found = reg.diff(list_id, old_id, new_id)
                    c.diffs[key] = found
                    while len(c.diffs) > 16:
                        c.diffs.pop(next(iter(c.diffs)))
                return found, history

        try:
            d, history = await run_in_threadpool(compute)
        except (KeyError, ValueError, LookupError) as exc:
            return c.refuse(request, v, 404, "No such list version", str(exc).strip("'\""))
        return c.page(request, v, "diff.html", d=d, list_id=list_id, history=history, limit=200)

    @r.post(PREFIX + "/lists/load")
    async def load(request: Request, v: Visit = ADMIN_FORM) -> Response:
        path = _text(v.form, "path", 1000)
        fmt = _text(v.form, "format") or None
        download = v.form.get("download") == "on"
        problem = None
        items: list[S.ReloadPath] = []
        if path:
            real, why = await run_in_threadpool(resolve_list_path, path,
                                                service.config.data_dirs)
            if real is None:
                problem = why or NOT_IN_DATA_DIRS
            elif fmt is not None and fmt not in sources.formats():
                problem = f"unknown format; use one of: {', '.join(sources.formats())}"
            else:
                items.append(S.ReloadPath(path=str(real), format=fmt))
        if download and official_download() is None:
            problem = "the official download is not available in this installation"
        if not items and not download and problem is None:
            problem = "name a list file (or folder) in the data folders, or tick the download"
        if problem is not None:
            payload = await run_in_threadpool(service.lists_payload)
            return c.page(request, v, "lists.html", 422, p=payload,
                          problem=problem, jobs=c.jobs.of(v.me.key_id, "load")[:5],
                          data_dirs=[str(d) for d in service.config.data_dirs])
        job = c.jobs.new("load", v.me.key_id, v.me.name,
                         path or "official download")
        asyncio.get_running_loop().create_task(run_load(job, items, download, v.me))
        return c.headers(RedirectResponse(f"{PREFIX}/lists/jobs/{job.id}", status_code=303))

    async def run_load(job: Any, items: list[Any], download: bool, me: Principal) -> None:
        try:
            job.stage = "waiting for another reload" if service.reload_lock.locked() \
                else "loading"
            async with service.reload_lock:
                job.stage = "loading the file" if items else "downloading the official lists"
                results = await service.run_loads(items, download, None,
                                                  f"console:{me.name}")
                key = await run_in_threadpool(service.registry_state_key)
            job.summary = {"results": results}
            job.stage = "building the new index"
            service.pool.check_now()
            await service.pool.wait_for(key, service.config.reload_timeout)
            job.state = "done"
            job.stage = "serving" if all(x["status"] != "failed" for x in results) \
                else "failed (the previous version stays active)"
        except Exception as exc:
            job.state, job.stage, job.error = "failed", "failed", str(exc)
        finally:
            job.finished = time.monotonic()

    @r.get(PREFIX + "/lists/jobs/{job_id}")
    async def load_job(request: Request, job_id: str, v: Visit = ADMIN) -> Response:
        job = own_job(request, v, "load", job_id, "No such job", "No load of yours has this id.")
        return c.page(request, v, "load_job.html", job=job)

    @r.get(PREFIX + "/jobs/{kind}/{job_id}/status")
    async def job_status(kind: str, job_id: str, v: Visit = JOB_OWNER) -> Response:
        job = c.jobs.get(job_id, v.me.key_id, kind)
        if job is None:
            return c.headers(Response(b'{"detail":"no such job"}', 404,
                                      media_type="application/json"))
        return c.headers(Response(orjson.dumps(job.status()), media_type="application/json"))

    # ---------------------------------------------------------------------------- alerts

    async def alert_list(request: Request, v: Visit, filters: dict[str, str],
                         status: int = 200, **extra: Any) -> Response:
        state = filters.get("state") or "active"
        try:
            found = await c.db(list_alerts, state=None if state == "all" else state,
                               customer_id=filters.get("customer") or None, limit=1000)
        except ValueError as exc:
            found, extra["problem"] = [], str(exc)
        low = _float(filters.get("min_score"))
        source = filters.get("list") or ""
        if low is not None:
            found = [a for a in found if a.score >= low]
        if source:
            found = [a for a in found if any(d.get("source") == source
                                             for d in a.designations)]
        counts = await c.db(count_alerts)
        four_eyes = await c.db(four_eyes_enabled)
        return c.page(request, v, "alerts.html", status,
                      alerts=found[:500], more=len(found) > 500, counts=counts, f=filters,
                      four_eyes=four_eyes, lists=sorted(service.pool.served.list_versions)
                      if service.pool.served else [], **extra)

    @r.get(PREFIX + "/alerts")
    async def alerts(request: Request, state: str = "active", min_score: str = "",
                     list_id: str = Query("", alias="list"), v: Visit = SCREEN) -> Response:
        return await alert_list(request, v, {"state": state, "min_score": min_score,
                                             "list": list_id})

    @r.post(PREFIX + "/alerts")
    async def alerts_filtered(request: Request, v: Visit = SCREEN_FORM) -> Response:
        filters = {k: _text(v.form, k) for k in ("state", "min_score", "list", "customer")}
        return await alert_list(request, v, filters)

    @r.post(PREFIX + "/alerts/bulk-close")
    async def bulk_close(request: Request, v: Visit = SCREEN_FORM) -> Response:
        ids = [int(v) for v in v.form.getlist("ids") if isinstance(v, str) and v.isdigit()]
        reason = _text(v.form, "reason")
        if not ids or not reason:
            return await alert_list(request, v, {"state": "active"}, 422,
                                    problem="Tick the alerts to close and give one reason.")
        closed, failed = 0, []
        for alert_id in ids:
            try:
                await c.db(decide, alert_id, "false_positive", actor=v.me.name, reason=reason)
                closed += 1
            except (DecisionError, AlertNotFound) as exc:
                failed.append(str(exc).strip("'\""))
        return await alert_list(request, v, {"state": "active"},
                                notice=f"{closed} alert(s) closed as false positives.",
                                failures=failed)

    @r.get(PREFIX + "/alerts/{alert_id}")
    async def alert(request: Request, alert_id: int, v: Visit = SCREEN) -> Response:
        return await alert_page(request, v, alert_id)

    async def alert_page(request: Request, v: Visit, alert_id: int, status: int = 200,
                         **extra: Any) -> Response:
        try:
            a = await c.db(get_alert, alert_id)
        except AlertNotFound:
            return c.refuse(request, v, 404, "No such alert", f"There is no alert {alert_id}.")
        four_eyes = await c.db(four_eyes_enabled)
        return c.page(request, v, "alert.html", status, a=a, four_eyes=four_eyes, **extra)

    @r.post(PREFIX + "/alerts/{alert_id}/decide")
    async def decide_alert(request: Request, alert_id: int, v: Visit = SCREEN_FORM) -> Response:
        decision = _text(v.form, "decision")
        try:
            a = await c.db(decide, alert_id, decision, actor=v.me.name,
                           reason=_text(v.form, "reason") or None,
                           measure=_text(v.form, "measure") or None)
        except AlertNotFound:
            return c.refuse(request, v, 404, "No such alert", f"There is no alert {alert_id}.")
        except DecisionError as exc:
            return await alert_page(request, v, alert_id, 409, problem=str(exc))
        return await alert_page(request, v, alert_id,
                                notice=f"Recorded: {decision.replace('_', ' ')}; the alert is "
                                       f"now {a.state.replace('_', ' ')}.")

    @r.post(PREFIX + "/customers")
    async def customer(request: Request, v: Visit = SCREEN_FORM) -> Response:
        cid = _text(v.form, "customer_id", 200)
        try:
            history = await c.db(customer_history, cid)
        except KeyError:
            return c.refuse(request, v, 404, "No such customer",
                            "No customer in the portfolio has this id.")
        return c.page(request, v, "customer.html", h=history)

    # ----------------------------------------------------------------------------- batch

    @r.get(PREFIX + "/batch")
    async def batch_page(request: Request, v: Visit = SCREEN) -> Response:
        return c.page(request, v, "batch.html", jobs=c.jobs.of(v.me.key_id, "batch")[:10],
                      fields=MAPPED, limit=service.config.max_body_bytes)

    @r.post(PREFIX + "/batch")
    async def batch_start(request: Request, v: Visit = SCREEN_FORM) -> Response:
        upload = v.form.get("file")
        mapping = {f: val for f in MAPPED if (val := _text(v.form, f"map_{f}", 200))}
        threshold = _float(_text(v.form, "threshold"))
        if threshold is None:
            threshold = service.config.threshold if service.config.threshold is not None \
                else DEFAULT_THRESHOLD
        problem = None
        if not isinstance(upload, UploadFile) or not upload.filename:
            problem = "Choose a CSV file to upload."
        elif not 0 <= threshold <= 1:
            problem = "The threshold is a number between 0 and 1."
        if problem is not None or not isinstance(upload, UploadFile):
            return c.page(request, v, "batch.html", 422,
                          jobs=c.jobs.of(v.me.key_id, "batch")[:10], fields=MAPPED,
                          problem=problem, limit=service.config.max_body_bytes)
        name = re.sub(r"[^\w.\- ]", "_", Path(upload.filename or "upload.csv").name)[:100]
        job = c.jobs.new("batch", v.me.key_id, v.me.name, name)
        job.folder = await run_in_threadpool(new_folder, service.config.home)
        data = await upload.read()
        path = job.folder / "input.csv"
        await run_in_threadpool(path.write_bytes, data)
        loop = asyncio.get_running_loop()
        threading.Thread(target=run_batch, name=f"console-batch-{job.id}", daemon=True,
                         args=(service, loop, job, path, mapping, threshold, v.me.name)).start()
        return c.headers(RedirectResponse(f"{PREFIX}/batch/{job.id}", status_code=303))

    @r.get(PREFIX + "/batch/{job_id}")
    async def batch_job(request: Request, job_id: str, v: Visit = SCREEN) -> Response:
        job = own_job(request, v, "batch", job_id, "No such batch",
                      "No batch of yours has this id.")
        return c.page(request, v, "batch_job.html", job=job, rows=job.results[:1000])

    @r.get(PREFIX + "/batch/{job_id}/results.{ext}")
    async def batch_download(request: Request, job_id: str, ext: str, v: Visit = SCREEN
                             ) -> Response:
        gone = ("No such result", "No finished batch of yours has this id.")
        job = own_job(request, v, "batch", job_id, *gone)
        if job.state != "done" or ext not in ("csv", "jsonl") or job.folder is None:
            return c.refuse(request, v, 404, *gone)
        stem = Path(job.title).stem or "batch"
        return c.headers(FileResponse(
            job.folder / f"results.{ext}", filename=f"{stem}-results.{ext}",
            media_type="text/csv" if ext == "csv" else "application/x-ndjson"))

    # ----------------------------------------------------------------------------- audit

    def audit_filters(values: dict[str, str]) -> dict[str, str]:
        out = {}
        for k in ("action", "actor", "since", "until"):
            v = (values.get(k) or "").strip()[:100]
            if v:
                out[k] = v
        return out

    async def audit_page(request: Request, v: Visit, filters: dict[str, str],
                         status: int = 200, **extra: Any) -> Response:
        def recent(conn: Any) -> tuple[list[Any], int]:
            kept: collections.deque[Any] = collections.deque(maxlen=200)
            n = 0
            for e in entries(conn, since=filters.get("since"), until=filters.get("until"),
                             action=filters.get("action")):
                if filters.get("actor") and filters["actor"] not in e.actor:
                    continue
                kept.append(e)
                n += 1
            return list(reversed(kept)), n

        try:
            shown, total = await c.db(recent)
        except ValueError as exc:
            shown, total, status = [], 0, 422
            extra["problem"] = f"A date is not valid: {exc}"
        return c.page(request, v, "audit.html", status, entries=shown, total=total, f=filters,
                      actions=ACTIONS, **extra)

    @r.get(PREFIX + "/audit")
    async def audit(request: Request, action: str = "", actor: str = "", since: str = "",
                    until: str = "", v: Visit = ADMIN) -> Response:
        if not (action or actor or since or until):  # the last 7 days unless asked
            since = last_week()
        return await audit_page(request, v, audit_filters(
            {"action": action, "actor": actor, "since": since, "until": until}))

    @r.post(PREFIX + "/audit/verify")
    async def audit_verify(request: Request, v: Visit = ADMIN_FORM) -> Response:
        try:
            result = (await c.db(verify)).to_dict()
        except AuditKeyError as exc:
            result = {"ok": False, "problem": str(exc)}
        return await audit_page(request, v, {"since": last_week()}, verification=result)

    @r.post(PREFIX + "/audit/export")
    async def audit_export(request: Request, v: Visit = ADMIN_FORM) -> Response:
        since, until = _text(v.form, "since", 40) or None, _text(v.form, "until", 40) or None
        fmt = "csv" if _text(v.form, "format") == "csv" else "jsonl"

        def run(conn: Any) -> tuple[str, int]:
            out = io.StringIO()
            n = export(conn, out, since=since, until=until, fmt=fmt)
            record_audit(conn, v.me.name, "audit.export", {
                "since": since, "until": until, "entries": n, "format": fmt,
                "file": "console download"})
            return out.getvalue(), n

        try:
            text, _ = await c.db(run)
        except ValueError as exc:
            return await audit_page(request, v, {"since": last_week()}, 422,
                                    problem=f"A date is not valid: {exc}")
        name = f"sanctio-audit-{since or 'start'}-{until or 'now'}.{fmt}"
        return c.headers(Response(text.encode(), media_type="text/csv" if fmt == "csv"
                                  else "application/x-ndjson", headers={
                                      "content-disposition": f'attachment; filename="{name}"'}))

    # ------------------------------------------------------------------------------ keys

    @r.get(PREFIX + "/keys")
    async def keys(request: Request, v: Visit = ADMIN) -> Response:
        found = await run_in_threadpool(service.keys.list)
        return c.page(request, v, "keys.html", keys=found)

    @r.post(PREFIX + "/keys")
    async def keys_change(request: Request, v: Visit = ADMIN_FORM) -> Response:
        extra: dict[str, Any] = {}
        status = 200
        if _text(v.form, "action") == "create":
            role = _text(v.form, "role")
            if role not in ROLES:
                extra["problem"], status = f"unknown role {role!r}", 422
            else:
                token, key = await run_in_threadpool(service.keys.create, role,
                                                     _text(v.form, "label", 100) or None)
                extra["created"] = {"token": token, "key": key}
        elif _text(v.form, "action") == "revoke":
            try:
                key = await run_in_threadpool(service.keys.revoke, _text(v.form, "id"))
                extra["notice"] = f"Key {key.prefix} revoked."
            except UnknownKey as exc:
                extra["problem"], status = str(exc).strip("'\""), 404
        found = await run_in_threadpool(service.keys.list)
        return c.page(request, v, "keys.html", status, keys=found, **extra)

    @r.get(PREFIX + "/{rest:path}")
    async def not_found(request: Request, rest: str, v: Visit = SCREEN) -> Response:
        return c.refuse(request, v, 404, "Not found", "There is no such page.")

    return r


def last_week() -> str:
    return (datetime.now(UTC).date() - timedelta(days=7)).isoformat()


# ------------------------------------------------------------------------ name highlighting

_WORD = re.compile(r"\w+", re.UNICODE)


def highlight(match: dict[str, Any]) -> dict[str, Any]:
    """The matched list name and the query cut in pieces, the pieces the name score aligned
    marked, with how (same, spelling, ...)."""
    name_ev = next((e for e in match["explanation"] if e["feature"] == "name"), None)
    data = (name_ev or {}).get("data") or {}
    aligned = data.get("aligned") or []
    on_list = {str(a.get("list", "")).casefold(): a for a in aligned}

    def pieces(text: str, lookup: dict[str, Any]) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        pos = 0
        for m in _WORD.finditer(text):
            if m.start() > pos:
                out.append({"text": text[pos:m.start()]})
            a = lookup.get(m.group().casefold())
            out.append({"text": m.group(), "how": a.get("how") if a else None,
                        "sim": a.get("similarity") if a else None})
            pos = m.end()
        if pos < len(text):
            out.append({"text": text[pos:]})
        return out

    return {"list": pieces(str(match.get("matched_name") or ""), on_list), "aligned": aligned,
            "ignored": data.get("ignored") or [], "query_only": data.get("query_only") or [],
            "list_only": data.get("list_only") or []}
