"""``GET /entities/{entity_id}``: one entity with its designations timeline and relations."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi import Path as PathParam
from starlette.responses import Response

from sanctio.service import schemas as S
from sanctio.service.context import Service
from sanctio.service.responses import AUTH_RESPONSES, NOT_READY, SECURITY, json_response


def router(service: Service) -> APIRouter:
    api = APIRouter()

    @api.get("/entities/{entity_id}", response_model=S.EntityOut, tags=["screening"],
             responses={**AUTH_RESPONSES, **NOT_READY,
                        404: {"model": S.ErrorMessage, "description": "No such entity."},
                        422: {"model": S.ErrorList, "description": "Invalid id."}},
             openapi_extra={"security": SECURITY},
             summary="An entity with its designations timeline and relations")
    async def entity(entity_id: str = PathParam(min_length=1, max_length=200,
                                               description="An entity id or a member "
                                                           "record key (us-ofac:29119).")
                     ) -> Response:
        gen, _ = service.pool.snapshot()
        content = await service.scored(gen, "entity", entity_id)
        if content is None:
            return json_response(404, {"detail": "no such entity"})
        return Response(content=content, media_type="application/json")

    return api
