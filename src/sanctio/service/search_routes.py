"""``POST /search``: names for a user interface (prefix and fuzzy), paginated."""

from __future__ import annotations

import time

import orjson
from fastapi import APIRouter, Request
from starlette.responses import Response

from sanctio.service import schemas as S
from sanctio.service import scored_route
from sanctio.service.context import Service
from sanctio.service.responses import BODY_RESPONSES, NOT_READY, SECURITY
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
        return scored_route.answer(
            service, request, "/search", started, served, content,
            queries=[{"text": text, "schema": schema.value if schema else None}], alerts=0,
            errors=0, threshold=None)

    return api
