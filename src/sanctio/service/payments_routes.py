"""``POST /payments/screen``: payment messages (pacs.008 XML or MT103 text) over HTTP.

Same authentication as ``/match`` (an API key with the ``screen`` role, checked by the
service middleware before the body is read, and its body size limit); the messages are read
and screened in the scorer processes, with the index they serve, by
:mod:`sanctio.payments.screen`."""

from __future__ import annotations

import hashlib
import time
from typing import Any, Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import Response

from sanctio.service import scored_route

MAX_PAYMENT_CHARS = 1_000_000  # characters of messages per request


class PaymentsRequest(BaseModel):
    """One file's worth of payment messages, as text."""

    model_config = ConfigDict(extra="forbid", strict=True)

    messages: str = Field(min_length=1, max_length=MAX_PAYMENT_CHARS,
                          description="pacs.008 XML (one Document or an envelope of several, "
                                      "with or without AppHdr) or MT103 messages in FIN "
                                      "format, as a file holds them.")
    format: Literal["pacs008", "mt103"] | None = Field(
        default=None, description="Default: told from the content (XML or FIN).")
    threshold: float | None = Field(default=None, ge=0.0, le=1.0,
                                    description="Name alert threshold (default 0.80).")


def router(service: Any) -> APIRouter:
    """The ``/payments/screen`` route of a service (registered by ``create_app``)."""
    api = APIRouter()

    @scored_route.post(api, "/payments/screen", "Screen payment messages (pacs.008, MT103)")
    async def payments_screen(body: PaymentsRequest, request: Request) -> Response:
        """Each message's decision (`pass`, `hold`, `block` or `error`), the fields that
        caused it, the matches with their explanations, the list versions, as
        `sanctio payments screen --output` writes them; a malformed message gets an `error`
        naming it and the field, and the others are screened."""
        started = time.perf_counter()
        gen, served = service.pool.snapshot()
        content, counts = await service.scored(
            gen, "payments", body.messages.encode("utf-8"), body.format, body.threshold)
        return scored_route.answer(
            service, request, "/payments/screen", started, served, content,
            queries=[{"messages_sha256": hashlib.sha256(body.messages.encode()).hexdigest(),
                      "messages": sum(counts.values())}],
            alerts=counts.get("hold", 0) + counts.get("block", 0),
            errors=counts.get("error", 0), threshold=body.threshold)

    return api
