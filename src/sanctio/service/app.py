"""The HTTP screening service: a FastAPI app over the same :class:`~sanctio.screen.Screener`
as the command line. :func:`create_app` assembles it from the pieces below.

- One router per resource: ``POST /match`` (:mod:`~sanctio.service.match_routes`), ``POST
  /search``, ``GET /entities/{id}``, ``GET /lists`` and ``POST /lists/reload``, ``GET
  /healthz``, ``/readyz`` and ``/metrics`` (``health_routes``), ``POST /scan``, ``POST
  /payments/screen``, the reconciliation API, and the web console's pages.
- Authentication, the body size limit and request metrics are one plain ASGI middleware
  (:mod:`~sanctio.service.middleware`), so a request without a valid key is refused before its
  body is read.
- The event loop never scores: screening runs in ``--workers`` scorer processes that share
  one built index (:class:`~sanctio.service.pool.ScorerPool`), each taking the next task as
  soon as it is idle. Large batches are cut in chunks that the scorers take in parallel.
- Queries are validated by :meth:`sanctio.contract.Query.build` only
  (:mod:`~sanctio.service.validation`); settings in :mod:`~sanctio.service.config`; what the
  process holds in :class:`~sanctio.service.context.Service`.
- Responses are serialised with orjson straight from the result types; the response models in
  :mod:`sanctio.service.schemas` describe them in the OpenAPI schema.
"""

from __future__ import annotations

import contextlib
import logging
import threading
from collections.abc import AsyncIterator
from importlib.metadata import version
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from sanctio import web
from sanctio.db import location
from sanctio.registry import default_home
from sanctio.service import (
    entity_routes,
    health_routes,
    lists_routes,
    match_routes,
    payments_routes,
    reconcile_routes,
    scan_routes,
    search_routes,
)
from sanctio.service.audit import AuditLog
from sanctio.service.config import ServiceConfig
from sanctio.service.context import Service
from sanctio.service.keys import KeyStore
from sanctio.service.metrics import ServiceMetrics
from sanctio.service.middleware import ServiceMiddleware
from sanctio.service.pool import NotReady, ScorerPool
from sanctio.service.responses import NOT_READY_DETAIL, error_list, json_response

log = logging.getLogger("sanctio.service")

DESCRIPTION = (
    "Sanctions screening over HTTP. Authenticate with an API key "
    "(`sanctio keys create`): `Authorization: Bearer <key>` or `X-API-Key: <key>`. "
    "Names and personal data travel only in request bodies.")
SECURITY_SCHEMES = {
    "bearerAuth": {"type": "http", "scheme": "bearer",
                   "description": "An API key: `Authorization: Bearer <key>`."},
    "apiKeyHeader": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
}


def create_app(home: Path | str | None = None, dev: bool = False, *,
               config: ServiceConfig | None = None, **options: Any) -> FastAPI:
    """The service app. Options are the fields of :class:`ServiceConfig`."""
    if config is None:
        config = ServiceConfig(home=Path(default_home() if home is None else home), dev=dev,
                               **options)
    service = make_service(config)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await service.start()
        try:
            yield
        finally:
            await service.stop()

    app = FastAPI(title="Sanctio screening service", version=_version(),
                  description=DESCRIPTION, lifespan=lifespan,
                  separate_input_output_schemas=False)
    app.state.service = service
    app.add_middleware(ServiceMiddleware, service=service, console_path=web.is_console_path)
    for routes in (payments_routes, scan_routes, reconcile_routes, web, match_routes,
                   search_routes, entity_routes, lists_routes, health_routes):
        app.include_router(routes.router(service))
    add_error_handlers(app)
    app.openapi = lambda: openapi(app)  # type: ignore[method-assign]
    return app


def make_service(config: ServiceConfig) -> Service:
    """The scorer pool, audit log, keys and metrics of one service process."""
    db_path = location(config.home)
    db_lock = threading.Lock()
    holder: list[Service] = []
    pool = ScorerPool(
        config.home, processes=config.workers, threshold=config.threshold,
        poll_interval=config.poll_interval, warmup=config.warmup,
        on_swap=lambda served: holder[0].on_swap(served),
        on_failure=lambda error: holder[0].on_failure(error))
    service = Service(
        config=config, pool=pool, keys=KeyStore(db_path), db_lock=db_lock,
        metrics=ServiceMetrics(lambda: holder[0].reader(), db_lock),
        audit=AuditLog(db_path, store_queries=config.store_queries,
                       flush_interval=config.audit_flush_interval, home=config.home))
    holder.append(service)
    return service


def add_error_handlers(app: FastAPI) -> None:
    """Every error as JSON: ``{"detail": ...}``, a list of ``{loc, msg, type}`` for 422."""

    @app.exception_handler(RequestValidationError)
    async def validation_failed(request: Request, exc: RequestValidationError) -> Response:
        return json_response(422, {"detail": error_list(exc.errors())})

    @app.exception_handler(NotReady)
    async def not_ready(request: Request, exc: NotReady) -> Response:
        return json_response(503, {"detail": NOT_READY_DETAIL}, {"retry-after": "2"})

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return json_response(exc.status_code, {"detail": exc.detail},
                             dict(exc.headers) if exc.headers else None)

    @app.exception_handler(Exception)
    async def internal_error(request: Request, exc: Exception) -> Response:
        log.exception("internal error on %s", request.url.path)
        return json_response(500, {"detail": "internal error"})


def openapi(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI schema, with the two ways to send an API key."""
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version,
                             description=app.description, routes=app.routes,
                             separate_input_output_schemas=False)
        schema.setdefault("components", {})["securitySchemes"] = SECURITY_SCHEMES
        app.openapi_schema = schema
    return app.openapi_schema


def _version() -> str:
    try:
        return version("sanctio")
    except Exception:
        return "0"
