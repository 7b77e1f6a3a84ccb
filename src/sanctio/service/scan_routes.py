"""``POST /scan``: mentions of listed parties in free text, over HTTP.

Same authentication as ``/match`` (an API key with the ``screen`` role, checked by the
service middleware before the body is read, and its body size limit); the text is scanned in
the scorer processes, with the index they serve, by :mod:`sanctio.scan`."""

from __future__ import annotations

import hashlib
import time
from typing import Any

from fastapi import APIRouter, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import Response

from sanctio.contract import bad_text
from sanctio.service import scored_route

MAX_SCAN_CHARS = 200_000  # characters of text per request


class ScanRequest(BaseModel):
    """A text to scan: a news article, remittance information, a document's text or HTML."""

    model_config = ConfigDict(extra="forbid", strict=True)

    text: str = Field(min_length=1, max_length=MAX_SCAN_CHARS,
                      description="Plain text or HTML (tags are stripped; offsets are into "
                                  "this text as sent).")
    threshold: float | None = Field(default=None, ge=0.0, le=1.0,
                                    description="Mention threshold (default 0.85).")
    html: bool | None = Field(default=None, description="Read the text as HTML (true) or "
                                                        "plain text (false); default: told "
                                                        "from the content.")


def router(service: Any) -> APIRouter:
    """The ``/scan`` route of a service (registered by ``create_app``)."""
    api = APIRouter()

    @scored_route.post(api, "/scan", "Find mentions of listed parties in free text")
    async def scan(body: ScanRequest, request: Request) -> Response:
        """Every mention of a listed party in the text: character offsets into the text,
        the span, the matched entity with score, explanation and designations (the match
        contract of `/match`), the sentence around it, and a summary (mentions, parties)."""
        started = time.perf_counter()
        bad = bad_text(body.text.replace("\n", " ").replace("\r", " ").replace("\t", " "))
        if bad:
            raise RequestValidationError([{"loc": ["body", "text"], "msg": bad,
                                           "type": "value_error"}])
        gen, served = service.pool.snapshot()
        content, mentions, threshold = await service.scored(
            gen, "scan", body.text, body.threshold, body.html)
        return scored_route.answer(
            service, request, "/scan", started, served, content,
            queries=[{"text_sha256": hashlib.sha256(body.text.encode()).hexdigest(),
                      "chars": len(body.text)}],
            alerts=int(mentions > 0), errors=0, threshold=threshold)

    return api
