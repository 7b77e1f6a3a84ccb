"""``POST /match``: screen a batch of up to 1,000 queries.

One path for every request: :func:`answer` parses, screens and answers (or says why not). The
middleware calls it straight for ``application/json`` bodies (without the framework's routing
and dependency layers, a good part of the per-request cost); the route below, which gives the
OpenAPI schema, calls it for the other JSON media types."""

from __future__ import annotations

import logging

from fastapi import APIRouter, Request
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.responses import Response

from sanctio.service import schemas as S
from sanctio.service.context import Service
from sanctio.service.keys import Principal
from sanctio.service.pool import NotReady
from sanctio.service.responses import (
    BODY_RESPONSES,
    NOT_READY,
    NOT_READY_DETAIL,
    SECURITY,
    client_of,
    error_list,
    json_bytes,
    principal_of,
)

log = logging.getLogger("sanctio.service")

Headers = list[tuple[bytes, bytes]]
JSON: Headers = [(b"content-type", b"application/json")]


async def answer(service: Service, body: bytes | S.MatchRequest, principal: Principal,
                 client: str | None) -> tuple[int, bytes, Headers]:
    """The answer to ``POST /match`` with this body (raw JSON, or the framework's model of
    it): status, JSON content and headers (``content-type``, ``x-request-id`` and, on 503,
    ``retry-after``)."""
    try:
        request = body if isinstance(body, S.MatchRequest) else (
            S.MatchRequest.model_validate_json(body))
        content, request_id = await service.match(request, principal, client)
    except ValidationError as exc:
        return 422, json_bytes({"detail": error_list(
            {**e, "loc": ("body", *e["loc"])} for e in exc.errors())}), JSON
    except RequestValidationError as exc:
        return 422, json_bytes({"detail": error_list(exc.errors())}), JSON
    except NotReady:
        return 503, json_bytes({"detail": NOT_READY_DETAIL}), [*JSON, (b"retry-after", b"2")]
    except Exception:
        log.exception("internal error on /match")
        return 500, json_bytes({"detail": "internal error"}), JSON
    return 200, content, [*JSON, (b"x-request-id", request_id.encode())]


def router(service: Service) -> APIRouter:
    api = APIRouter()

    @api.post("/match", response_model=S.MatchResponse, tags=["screening"],
              responses={**BODY_RESPONSES, **NOT_READY}, openapi_extra={"security": SECURITY},
              summary="Screen a batch of up to 1,000 queries")
    async def match(body: S.MatchRequest, request: Request) -> Response:
        """Screens each query against every active list. Each result is the result contract
        of `sanctio screen --json`: status (`alert` or `clear`), matches with their
        designations and the evidence behind each score, and the list versions used."""
        status, content, headers = await answer(service, body, principal_of(request),
                                                client_of(request))
        response = Response(content=content, status_code=status)
        response.raw_headers.extend(headers)
        return response

    return api
