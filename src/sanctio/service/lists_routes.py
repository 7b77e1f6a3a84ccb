"""``GET /lists`` (each list's active version and history) and ``POST /lists/reload`` (load
new list files or run the official download; admin role)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.exceptions import RequestValidationError
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from sanctio import sources
from sanctio.service import schemas as S
from sanctio.service.context import Service
from sanctio.service.loads import NOT_IN_DATA_DIRS, official_download, resolve_list_path
from sanctio.service.responses import (
    AUTH_RESPONSES,
    BODY_RESPONSES,
    SECURITY,
    json_response,
    principal_of,
)
from sanctio.service.validation import check_texts, list_id_ok


async def reload_errors(service: Service, body: S.ReloadRequest) -> list[dict[str, Any]]:
    """What makes a reload request unusable (each path resolved inside the data folders)."""
    errors: list[dict[str, Any]] = []
    for i, item in enumerate(body.paths):
        loc: list[str | int] = ["body", "paths", i]
        check_texts(tuple(loc), {"path": item.path, "format": item.format,
                                 "list_id": item.list_id}, errors)
        if errors:
            continue
        real, problem = await run_in_threadpool(resolve_list_path, item.path,
                                                service.config.data_dirs)
        if real is None:
            errors.append({"loc": [*loc, "path"], "type": "value_error",
                           "msg": problem or NOT_IN_DATA_DIRS})
        else:
            item.path = str(real)
        if item.format is not None and item.format not in sources.formats():
            errors.append({"loc": [*loc, "format"], "type": "value_error",
                           "msg": f"unknown format; use one of: "
                                  f"{', '.join(sources.formats())}"})
        if item.list_id is not None and not list_id_ok(item.list_id):
            errors.append({"loc": [*loc, "list_id"], "type": "value_error",
                           "msg": "use letters, digits, '.', '_' or '-'"})
    if body.download and official_download() is None:
        errors.append({"loc": ["body", "download"], "type": "value_error",
                       "msg": "the official download is not available in this "
                              "installation; load files by path"})
    return errors


def router(service: Service) -> APIRouter:
    api = APIRouter()

    @api.get("/lists", response_model=S.ListsResponse, tags=["lists"],
             responses=AUTH_RESPONSES, openapi_extra={"security": SECURITY},
             summary="Each list's active version and history")
    async def lists() -> Response:
        return json_response(200, await run_in_threadpool(service.lists_payload))

    @api.post("/lists/reload", response_model=S.ReloadResponse, tags=["lists"],
              responses=BODY_RESPONSES, openapi_extra={"security": SECURITY},
              summary="Load new list files (or run the official download); admin role")
    async def reload(request: Request, body: S.ReloadRequest | None = None) -> Response:
        """Loads each file as the new version of its list. Every worker then builds a new
        index in the background and swaps it in; requests keep being answered by the old
        index meanwhile. A file that fails to load leaves its list's previous version
        active; the failure shows in `GET /lists` and `/metrics`. With no files and no
        download, this only makes the workers look at the registry now."""
        body = body or S.ReloadRequest()
        errors = await reload_errors(service, body)
        if errors:
            raise RequestValidationError(errors)
        assert service.reload_lock is not None
        async with service.reload_lock:
            results = await service.run_loads(
                body.paths, body.download, body.lists, f"api:{principal_of(request).name}",
                {"allow_shrink": body.allow_shrink, "allow_older": body.allow_older})
            key = await run_in_threadpool(service.registry_state_key)
        service.pool.check_now()
        if body.wait:
            await service.pool.wait_for(key, service.config.reload_timeout)
        return json_response(200, {
            "ok": all(r["status"] != "failed" for r in results), "results": results,
            "registry_state_key": key, "serving": service.serving()})

    return api
