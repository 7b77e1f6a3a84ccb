"""What the routes answered by the scorer processes share: the ``POST`` route of a body
screened with the ``screen`` role (the middleware checks the role before it reads the body),
and its answer, the scorer's JSON with the request's id, recorded in the audit log."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable
from typing import Any

from fastapi import APIRouter, Request
from starlette.responses import Response

from sanctio.service.audit import AuditEntry, now_iso
from sanctio.service.dispatch import Served
from sanctio.service.middleware import ROUTE_POLICY
from sanctio.service.responses import (
    BODY_RESPONSES,
    NOT_READY,
    SECURITY,
    client_of,
    principal_of,
)


def post(api: APIRouter, path: str, summary: str) -> Callable[[Any], Any]:
    """Declare ``POST path`` on ``api`` for a body screened with the ``screen`` role."""
    ROUTE_POLICY.setdefault(path, (path, "screen"))
    return api.post(path, tags=["screening"], openapi_extra={"security": SECURITY},
                    responses={**BODY_RESPONSES, **NOT_READY}, summary=summary)


def answer(service: Any, request: Request, route: str, started: float, served: Served,
           content: bytes, *, queries: list[dict[str, Any]], alerts: int, errors: int,
           threshold: float | None) -> Response:
    """The JSON ``content`` with a new request id, recorded in the audit log under ``route``
    (who asked, what, the list versions served, how long it took since ``started``)."""
    principal = principal_of(request)
    request_id = uuid.uuid4().hex
    service.audit.record(AuditEntry(
        at=now_iso(), request_id=request_id, route=route, principal=principal.name,
        key_id=principal.key_id, client=client_of(request), status=200, queries=queries,
        alerts=alerts, errors=errors, threshold=threshold,
        list_versions=served.list_versions, state_key=served.state_key,
        duration_ms=(time.perf_counter() - started) * 1000))
    return Response(content=content, media_type="application/json",
                    headers={"x-request-id": request_id})
