"""Operations: ``GET /healthz`` (alive), ``GET /readyz`` (every worker serves an index) and
``GET /metrics`` (Prometheus); no API key needed."""

from __future__ import annotations

import os

from fastapi import APIRouter
from fastapi.responses import PlainTextResponse
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from sanctio.service import schemas as S
from sanctio.service.context import Service
from sanctio.service.metrics import CONTENT_TYPE
from sanctio.service.responses import json_response


def router(service: Service) -> APIRouter:
    api = APIRouter()

    @api.get("/healthz", response_model=S.HealthResponse, tags=["operations"],
             summary="The process is alive")
    async def healthz() -> Response:
        return json_response(200, {"status": "ok", "pid": os.getpid()})

    @api.get("/readyz", response_model=S.ReadyResponse, tags=["operations"],
             responses={503: {"model": S.ReadyResponse, "description": "Not ready yet."}},
             summary="Every worker has built and warmed up its index")
    async def readyz() -> Response:
        pool = service.pool
        served = pool.served
        live = pool.live_workers()
        ready = served is not None and live > 0
        ages, warnings = await run_in_threadpool(service.list_ages)
        return json_response(200 if ready else 503, {
            "ready": ready, "workers_ready": live, "workers": service.config.workers,
            "state_key": served.state_key if served else None,
            "list_versions": served.list_versions if served else {},
            "worker_state_keys": {str(pid): key
                                  for pid, key in sorted(pool.worker_states().items())},
            "list_age_days": ages, "warnings": warnings})

    @api.get("/metrics", response_class=PlainTextResponse, tags=["operations"],
             responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}},
                              "description": "Prometheus text format."}},
             summary="Prometheus metrics")
    async def metrics_route() -> Response:
        service.metrics.audit_pending.set(service.audit.pending)
        service.metrics.index_ready.set(service.pool.live_workers())
        service.metrics.queued_tasks.set(service.pool.pending)
        data = await run_in_threadpool(service.metrics.render)
        return Response(content=data, media_type=CONTENT_TYPE)

    return api
