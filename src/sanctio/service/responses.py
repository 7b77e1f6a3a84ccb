"""What every route shares: JSON answers, validation errors as ``{loc, msg, type}``, the
caller of a request, and the OpenAPI descriptions of the error answers."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import Response

from sanctio.service import schemas as S
from sanctio.service.keys import DEV_PRINCIPAL, Principal

# the OpenAPI security requirement of every route that needs an API key
SECURITY: list[dict[str, list[str]]] = [{"bearerAuth": []}, {"apiKeyHeader": []}]

AUTH_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": S.ErrorMessage, "description": "No valid API key."},
    403: {"model": S.ErrorMessage, "description": "The key lacks the role."},
}
BODY_RESPONSES: dict[int | str, dict[str, Any]] = {
    **AUTH_RESPONSES,
    400: {"model": S.ErrorMessage, "description": "Unreadable request."},
    413: {"model": S.ErrorList, "description": "The body is too large."},
    422: {"model": S.ErrorList, "description": "A field is invalid; `loc` names it."},
}
NOT_READY: dict[int | str, dict[str, Any]] = {
    503: {"model": S.ErrorMessage, "description": "The index is being built."}}
NOT_READY_DETAIL = "the index is being built; retry shortly"


def json_bytes(data: Any) -> bytes:
    try:
        return orjson.dumps(data)
    except TypeError:
        return orjson.dumps(_sanitise(data))


def _sanitise(data: Any) -> Any:
    """Make echoed input serialisable: lone surrogates replaced, unknown types as text."""
    if isinstance(data, str):
        return data.encode("utf-8", "replace").decode("utf-8")
    if isinstance(data, list | tuple):
        return [_sanitise(x) for x in data]
    if isinstance(data, dict):
        return {_sanitise(str(k)): _sanitise(v) for k, v in data.items()}
    if data is None or isinstance(data, bool | int | float):
        return data
    return _sanitise(str(data))


def json_response(status: int, data: Any, headers: dict[str, str] | None = None) -> Response:
    return Response(content=json_bytes(data), status_code=status,
                    media_type="application/json", headers=headers)


def error_list(errors: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Validation errors as ``{loc, msg, type}``: never the input itself (it may be a name)."""
    out = []
    for e in errors:
        loc = [x if isinstance(x, int) else str(x) for x in e.get("loc", ())]
        out.append({"loc": loc, "msg": str(e.get("msg", "invalid")),
                    "type": str(e.get("type", "value_error"))})
    return out


def principal_of(request: Request) -> Principal:
    """The API key's owner (the middleware put it in the request's scope)."""
    p = request.scope.get("state", {}).get("principal")
    return p if isinstance(p, Principal) else DEV_PRINCIPAL


def client_of(request: Request) -> str | None:
    client = request.scope.get("client")
    return str(client[0]) if client else None
