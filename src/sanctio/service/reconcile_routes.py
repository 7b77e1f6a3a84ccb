"""The W3C Reconciliation Service API 0.2 (OpenRefine) on the service.

- ``GET /reconcile``: the service manifest (public: OpenRefine reads it before it asks for
  a key; its ``authentication`` block says how to send one);
- ``POST /reconcile`` (form field ``queries``) and ``GET /reconcile?queries=``: a batch of
  queries ``{"q0": {"query": ..., "type": ..., "limit": ..., "properties": [{"pid":
  "dob", "v": ...}]}}``, each answered with candidates ``{id, name, score (0-100), match,
  type, description}``; properties ``dob``, ``country`` and ``identifier`` go into the
  screening query;
- ``GET /reconcile/suggest/entity?prefix=``: names as you type (the screener's search);
- ``GET /reconcile/preview?id=``: a small HTML page of an entity.

Every route but the manifest needs an API key with the ``screen`` role, as ``/match`` does
(``Authorization: Bearer <key>`` or ``X-API-Key``). The key is checked here rather than by
the service middleware, so that a browser's CORS preflight (``OPTIONS``, which never carries
the key) and the public manifest get through; every response carries CORS headers.
"""

from __future__ import annotations

import html
import time
import uuid
from typing import Any
from urllib.parse import parse_qs

import orjson
from fastapi import APIRouter, Request
from starlette.responses import Response

from sanctio import __version__
from sanctio.contract import DEFAULT_THRESHOLD, Query, QueryError
from sanctio.model import Schema
from sanctio.service.audit import AuditEntry, now_iso
from sanctio.service.middleware import ROUTE_POLICY

PATHS = ("/reconcile", "/reconcile/suggest/entity", "/reconcile/preview")
MAX_QUERIES = 100  # queries per batch (OpenRefine sends 10 by default)
MAX_LIMIT = 25  # candidates per query
CANDIDATE_FLOOR = 0.5  # candidates below this score are not returned
CORS_HEADERS = {
    "access-control-allow-origin": "*",
    "access-control-allow-methods": "GET, POST, OPTIONS",
    "access-control-allow-headers": "Authorization, X-API-Key, Content-Type",
    "access-control-max-age": "600",
}
TYPES: dict[str, str] = {"Person": "Person", "Organization": "Organization",
                         "Vessel": "Vessel", "Aircraft": "Aircraft"}
ANY_TYPE = {"id": "any", "name": "Any listed party"}
PROPERTIES = {
    "dob": "Date of birth (1979-05-03, 1979-05 or 1979)",
    "country": "Country (ISO code or name): nationality, citizenship, address",
    "identifier": "Identifier: passport, national ID, IMO, registration number ...",
}


class ReconcileError(Exception):
    def __init__(self, status: int, detail: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.headers = headers or {}


def _json(status: int, data: Any, headers: dict[str, str] | None = None) -> Response:
    return Response(content=orjson.dumps(data), status_code=status,
                    media_type="application/json", headers={**CORS_HEADERS, **(headers or {})})


def manifest(base: str) -> dict[str, Any]:
    """The service manifest (``base``: the service's address, no trailing slash)."""
    return {
        "versions": ["0.2"],
        "name": "Sanctio sanctions screening",
        "identifierSpace": f"{base}/entities/",
        "schemaSpace": f"{base}/reconcile/types/",
        "serviceVersion": __version__,
        "defaultTypes": [{"id": t, "name": n} for t, n in
                         (("Person", "Person"), ("Organization", "Organization"),
                          ("Vessel", "Vessel"))],
        "view": {"url": f"{base}/reconcile/preview?id={{{{id}}}}"},
        "preview": {"url": f"{base}/reconcile/preview?id={{{{id}}}}", "width": 420,
                    "height": 320},
        "suggest": {"entity": {"service_url": base,
                               "service_path": "/reconcile/suggest/entity"}},
        "authentication": {
            "type": "apiKey", "name": "Authorization", "in": "header",
            "description": "A Sanctio API key with the screen role (`sanctio keys create "
                           "--role screen`), sent as 'Bearer <key>' (or in an X-API-Key "
                           "header)."},
    }


def _values(v: Any) -> list[str]:
    items = v if isinstance(v, list) else [v]
    out = []
    for item in items:
        if isinstance(item, dict):
            item = item.get("name") or item.get("id")
        if isinstance(item, str | int | float) and not isinstance(item, bool) \
                and str(item).strip():
            out.append(str(item).strip())
    return out


def parse_batch(text: str) -> dict[str, dict[str, Any]]:
    """The ``queries`` parameter: a JSON object of queries, checked."""
    try:
        batch = orjson.loads(text)
    except orjson.JSONDecodeError as exc:
        raise ReconcileError(400, f"queries is not JSON: {exc}") from exc
    if not isinstance(batch, dict) or not all(isinstance(q, dict) for q in batch.values()):
        raise ReconcileError(400, "queries must be a JSON object of query objects")
    if len(batch) > MAX_QUERIES:
        raise ReconcileError(413, f"at most {MAX_QUERIES} queries in one batch")
    for key, q in batch.items():
        if not isinstance(q.get("query", ""), str):
            raise ReconcileError(400, f"{key}: query must be a string")
        if not isinstance(q.get("properties", []), list):
            raise ReconcileError(400, f"{key}: properties must be a list")
    return batch


def build_query(q: dict[str, Any]) -> tuple[Any, int, str | None]:
    """(a screening Query or None, the candidate limit, the type asked for)."""
    kinds = [t for t in _values(q.get("type")) if t]
    kind = kinds[0] if len(kinds) == 1 and kinds[0] in TYPES else None
    limit = q.get("limit")
    limit = max(1, min(MAX_LIMIT, int(limit))) if isinstance(limit, int | float) \
        and not isinstance(limit, bool) else 5
    dob = country = None
    identifiers: list[str] = []
    for prop in q.get("properties") or []:
        if not isinstance(prop, dict):
            continue
        pid = str(prop.get("pid", "")).lower()
        values = _values(prop.get("v"))
        if pid in ("dob", "birthdate", "date_of_birth") and values:
            dob = values[0]
        elif pid in ("country", "nationality") and values:
            country = values[0]
        elif pid in ("identifier", "id", "passport") and values:
            identifiers.extend(values)
    try:
        query = Query.build(q.get("query") or "", schema=kind, dob=dob, country=country,
                            identifiers=identifiers)
    except QueryError:
        return None, limit, kind
    return query, limit, kind


def _type_of(schema: str | None) -> dict[str, str]:
    if schema in TYPES:
        return {"id": schema, "name": TYPES[schema]}
    return dict(ANY_TYPE)


def _description(designations: list[dict[str, Any]]) -> str:
    parts: list[str] = []
    for d in designations:
        text = str(d.get("authority") or d.get("source") or "")
        if d.get("program"):
            text += f": {d['program']}"
        if text and text not in parts:
            parts.append(text)
    return "; ".join(parts)


def candidates(result: dict[str, Any], limit: int, threshold: float) -> list[dict[str, Any]]:
    """Candidates of one screening result (``sanctio screen --json``), best first."""
    out = []
    for i, m in enumerate(result.get("matches", [])[:limit]):
        score = float(m["score"])
        out.append({
            "id": m["entity_id"], "name": m["name"], "score": round(score * 100, 1),
            "match": i == 0 and score >= threshold, "type": [_type_of(m.get("schema"))],
            "description": _description(m.get("designations") or []),
        })
    return out


def preview_html(data: dict[str, Any]) -> str:
    """A small page of an entity (``/entities/{id}`` data), for OpenRefine's preview."""
    e = html.escape

    def row(label: str, values: list[str]) -> str:
        return f"<tr><th>{e(label)}</th><td>{e(', '.join(values))}</td></tr>" if values else ""

    names = [n["name"] for n in data.get("names", []) if n["name"] != data.get("caption")][:8]
    designations = "".join(
        f"<li>{e(str(d.get('authority') or ''))}: {e(str(d.get('program') or '-'))}"
        f"{' (listed ' + e(str(d['listed_on'])) + ')' if d.get('listed_on') else ''}</li>"
        for d in data.get("designations", []))
    ids = [f"{i['type']} {i['number']}" for i in data.get("identifiers", [])][:6]
    return (
        "<!doctype html><html><head><meta charset='utf-8'><title>"
        f"{e(str(data.get('caption')))}</title><style>body{{font:13px sans-serif;margin:8px}}"
        "th{text-align:left;vertical-align:top;padding-right:8px}h1{font-size:16px;margin:0}"
        "ul{margin:4px 0;padding-left:18px}</style></head><body>"
        f"<h1>{e(str(data.get('caption')))}</h1><p>{e(str(data.get('schema')))} · "
        f"{e(str(data.get('entity_id')))}</p><table>"
        + row("Other names", names) + row("Born", data.get("birth_dates", []))
        + row("Nationality", data.get("nationalities", []))
        + row("Identifiers", ids) + row("Listed by", data.get("listed_by", []))
        + f"</table><ul>{designations}</ul></body></html>")


def router(service: Any) -> APIRouter:
    """The reconciliation routes of a service (registered by ``create_app``)."""
    # the middleware lets these through (its label for metrics, no role): the key is
    # checked below, after CORS preflights and the public manifest
    for path in PATHS:
        ROUTE_POLICY.setdefault(path, (path, None))
    # described by their own specification and manifest, not the OpenAPI schema (whose
    # contract, names in bodies only and JSON answers, the reconciliation API does not keep:
    # it takes queries in the URL and answers previews in HTML)
    api = APIRouter(tags=["reconciliation"], include_in_schema=False)

    def authorize(request: Request) -> Any:
        principal = service.authenticate(request.scope["headers"])
        if principal is None:
            service.metrics.auth_failures.labels("401").inc()
            raise ReconcileError(401, "a valid API key is required: send 'Authorization: "
                                      "Bearer <key>' or 'X-API-Key: <key>'",
                                 {"www-authenticate": 'Bearer realm="sanctio"'})
        if not principal.has_role("screen"):
            service.metrics.auth_failures.labels("403").inc()
            raise ReconcileError(403, f"this key has the role {principal.role!r}; this needs "
                                      "the role 'screen'")
        return principal

    def base_of(request: Request) -> str:
        return str(request.base_url).rstrip("/")

    def threshold() -> float:
        t = service.config.threshold
        return float(t) if t is not None else DEFAULT_THRESHOLD

    async def answer(request: Request, text: str) -> Response:
        started = time.perf_counter()
        principal = authorize(request)
        batch = parse_batch(text)
        built = {key: build_query(q) for key, q in batch.items()}
        queries = [(key, q, limit) for key, (q, limit, _) in built.items() if q is not None]
        gen, served = service.pool.snapshot()
        out: dict[str, dict[str, Any]] = {key: {"result": []} for key in batch}
        cut = threshold()
        matched = 0
        if queries:
            limit = max(limit for _, _, limit in queries)
            results, _, _ = await service.scored(
                gen, "screen", [q for _, q, _ in queries], min(CANDIDATE_FLOOR, cut), limit)
            for (key, _, n), raw in zip(queries, results, strict=True):
                found = candidates(orjson.loads(raw), n, cut)
                matched += bool(found and found[0]["match"])
                out[key] = {"result": found}
        request_id = uuid.uuid4().hex
        service.metrics.screened.inc(len(queries))
        service.audit.record(AuditEntry(
            at=now_iso(), request_id=request_id, route="/reconcile", principal=principal.name,
            key_id=principal.key_id, client=request.client.host if request.client else None,
            status=200, queries=[q.to_dict() for _, q, _ in queries], alerts=matched,
            errors=len(batch) - len(queries), threshold=cut,
            list_versions=served.list_versions, state_key=served.state_key,
            duration_ms=(time.perf_counter() - started) * 1000))
        return _json(200, out, {"x-request-id": request_id})

    def guarded(fn: Any) -> Any:
        async def wrapper(request: Request) -> Response:
            try:
                result: Response = await fn(request)
                return result
            except ReconcileError as exc:
                return _json(exc.status, {"detail": exc.detail}, exc.headers)
        wrapper.__name__ = fn.__name__
        wrapper.__doc__ = fn.__doc__
        return wrapper

    @api.get("/reconcile", summary="Reconciliation manifest, or a batch of queries (?queries=)")
    @guarded
    async def reconcile_get(request: Request) -> Response:
        """Without `queries`: the service manifest (no key needed). With `queries`: the
        candidates of each query (W3C Reconciliation Service API 0.2)."""
        text = request.query_params.get("queries")
        if text is None:
            return _json(200, manifest(base_of(request)))
        return await answer(request, text)

    @api.post("/reconcile", summary="Reconcile a batch of queries (form field queries)")
    @guarded
    async def reconcile_post(request: Request) -> Response:
        """A batch of queries in the form field `queries` (urlencoded, as OpenRefine sends
        it; a JSON body of queries is accepted too)."""
        body = await request.body()
        ctype = request.headers.get("content-type", "")
        if ctype.startswith("application/json"):
            text: str | None = body.decode("utf-8", "replace")
        else:
            form = parse_qs(body.decode("utf-8", "replace"))
            text = form["queries"][0] if form.get("queries") else None
        if text is None:
            raise ReconcileError(400, "the form field queries is required")
        return await answer(request, text)

    @api.get("/reconcile/suggest/entity", summary="Entity names as you type")
    @guarded
    async def suggest(request: Request) -> Response:
        """Entities whose names start with or resemble `prefix` (the suggest protocol)."""
        authorize(request)
        prefix = " ".join((request.query_params.get("prefix") or "").split())
        if not prefix or len(prefix) > 200:
            return _json(200, {"result": []})
        try:
            cursor = max(0, int(request.query_params.get("cursor") or 0))
        except ValueError:
            cursor = 0
        kind = request.query_params.get("type")
        schema = Schema.parse(kind) if kind in TYPES else None
        gen, _ = service.pool.snapshot()
        found, _more = await service.scored(gen, "search", prefix, 10, cursor, schema)
        result = []
        for raw in found:
            m = orjson.loads(raw)
            result.append({"id": m["entity_id"], "name": m["name"],
                           "description": _description(m.get("designations") or []),
                           "notable": [_type_of(m.get("schema"))]})
        return _json(200, {"result": result})

    @api.get("/reconcile/preview", summary="A small HTML page of an entity")
    @guarded
    async def preview(request: Request) -> Response:
        """The entity's names, dates, identifiers and designations, for a preview pane."""
        authorize(request)
        eid = (request.query_params.get("id") or "").strip()
        if not eid or len(eid) > 200:
            raise ReconcileError(400, "the parameter id is required")
        gen, _ = service.pool.snapshot()
        content = await service.scored(gen, "entity", eid)
        if content is None:
            raise ReconcileError(404, "no such entity")
        return Response(content=preview_html(orjson.loads(content)),
                        media_type="text/html; charset=utf-8", headers=CORS_HEADERS)

    @api.options("/reconcile")
    @api.options("/reconcile/suggest/entity")
    @api.options("/reconcile/preview")
    async def preflight() -> Response:
        return Response(status_code=204, headers=CORS_HEADERS)

    return api
