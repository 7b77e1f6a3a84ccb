"""``POST /search``: names for a user interface (prefix and fuzzy), paginated."""

from __future__ import annotations

import time
import uuid

import orjson
from fastapi import APIRouter, Request
from starlette.responses import Response

from sanctio.service import schemas as S
from sanctio.service.audit import AuditEntry, now_iso
from sanctio.service.context import Service
from sanctio.service.responses import (
    BODY_RESPONSES,
    NOT_READY,
    SECURITY,
    client_of,
    principal_of,
)
from sanctio.service.validation import search_terms


def router(service: Service) -> APIRouter:
    api = APIRouter()

    @api.post("/search", response_model=S.SearchResponse, tags=["screening"],
              responses={**BODY_RESPONSES, **NOT_READY}, openapi_extra={"security": SECURITY},
              summary="Look up names for a user interface (prefix and fuzzy), paginated")
    async def search(body: S.SearchRequest, request: Request) -> Response:
        started = time.perf_counter()
        text, schema = search_terms(body)
        gen, served = service.pool.snapshot()
        found, more = await service.scored(gen, "search", text, body.limit, body.offset, schema)
        content = b"".join((
            b'{"results":[', b",".join(found), b'],"offset":', str(body.offset).encode(),
            b',"limit":', str(body.limit).encode(), b',"next_offset":',
            str(body.offset + body.limit).encode() if more else b"null",
            b',"list_versions":', orjson.dumps(served.list_versions), b"}"))
        principal = principal_of(request)
        request_id = uuid.uuid4().hex
        service.audit.record(AuditEntry(
            at=now_iso(), request_id=request_id, route="/search", principal=principal.name,
            key_id=principal.key_id, client=client_of(request), status=200,
            queries=[{"text": text, "schema": schema.value if schema else None}], alerts=0,
            errors=0, threshold=None, list_versions=served.list_versions,
            state_key=served.state_key, duration_ms=(time.perf_counter() - started) * 1000))
        return Response(content=content, media_type="application/json",
                        headers={"x-request-id": request_id})

    return api
