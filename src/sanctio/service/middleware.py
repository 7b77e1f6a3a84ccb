"""The service's one ASGI middleware: authentication (the role a route needs is checked before
the body is read), the body size limit, request metrics and the fast path of ``POST /match``."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from sanctio.service import match_routes
from sanctio.service.context import Service
from sanctio.service.keys import DEV_PRINCIPAL
from sanctio.service.responses import json_bytes

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

# path -> (route label for metrics, role required); the role is checked before the body is
# read. A router with routes of its own adds them here (ROUTE_POLICY.setdefault).
ROUTE_POLICY: dict[str, tuple[str, str | None]] = {
    "/match": ("/match", "screen"),
    "/search": ("/search", "screen"),
    "/lists": ("/lists", "screen"),
    "/lists/reload": ("/lists/reload", "admin"),
    "/healthz": ("/healthz", None),
    "/readyz": ("/readyz", None),
    "/metrics": ("/metrics", None),
    "/openapi.json": ("/openapi.json", None),
    "/docs": ("/docs", None),
    "/docs/oauth2-redirect": ("/docs", None),
    "/redoc": ("/redoc", None),
}
_ENTITY_ROUTE = ("/entities/{entity_id}", "screen")


def _is_json(scope: Scope) -> bool:
    for name, value in scope["headers"]:
        if name == b"content-type":
            media = value.split(b";", 1)[0].strip().lower()
            return media == b"application/json"
    return False


def classify(path: str, console_path: Callable[[str], bool] = lambda path: False
             ) -> tuple[str, str | None]:
    """The route label (for metrics) and the role a path needs (None: no key needed)."""
    route = ROUTE_POLICY.get(path)
    if route is not None:
        return route
    if path.startswith("/entities/"):
        return _ENTITY_ROUTE
    if console_path(path):  # the web console checks its own session cookie and roles
        return ("/console", None)
    return ("other", None)


class ServiceMiddleware:
    """Authentication, body size limit and request metrics, in one pure ASGI layer."""

    def __init__(self, app: ASGIApp, service: Service,
                 console_path: Callable[[str], bool] = lambda path: False) -> None:
        self.app = app
        self.service = service
        self.console_path = console_path  # the web console's pages (their own sign-in)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        route, role = classify(scope["path"], self.console_path)
        status = 500
        dev = self.service.config.dev

        async def send_wrapper(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                if dev:
                    message.setdefault("headers", [])
                    message["headers"] = [*message["headers"], (b"x-sanctio-dev-mode",
                                                                 b"no-authentication")]
            await send(message)

        try:
            if role is not None:
                principal = self.service.authenticate(scope["headers"])
                if principal is None:
                    self.service.metrics.auth_failures.labels("401").inc()
                    await self._reply(send_wrapper, 401, {
                        "detail": "a valid API key is required: send 'Authorization: Bearer "
                                  "<key>' or 'X-API-Key: <key>'"},
                        [(b"www-authenticate", b'Bearer realm="sanctio"')])
                    return
                if not principal.has_role(role):
                    self.service.metrics.auth_failures.labels("403").inc()
                    await self._reply(send_wrapper, 403, {
                        "detail": f"this key has the role {principal.role!r}; "
                                  f"this needs the role {role!r}"})
                    return
                scope.setdefault("state", {})["principal"] = principal
            if scope["method"] in ("POST", "PUT", "PATCH"):
                body = await self._read_body(scope, receive, send_wrapper)
                if body is None:
                    return
                sent = False

                async def replay() -> Message:
                    nonlocal sent
                    if not sent:
                        sent = True
                        return {"type": "http.request", "body": body, "more_body": False}
                    return await receive()

                if route == "/match" and scope["method"] == "POST" and _is_json(scope):
                    await self._fast_match(scope, body, send_wrapper)
                    return
                await self.app(scope, replay, send_wrapper)
            else:
                await self.app(scope, receive, send_wrapper)
        finally:
            self.service.metrics.observe_request(route, scope["method"], status,
                                                 time.perf_counter() - started)

    async def _fast_match(self, scope: Scope, body: bytes, send: Send) -> None:
        """``POST /match`` of a JSON body without the framework's routing and dependency
        layers (a good part of the per-request cost): the answer of the route itself
        (:func:`sanctio.service.match_routes.answer`)."""
        client = scope.get("client")
        status, content, headers = await match_routes.answer(
            self.service, body, scope.get("state", {}).get("principal") or DEV_PRINCIPAL,
            str(client[0]) if client else None)
        await send({"type": "http.response.start", "status": status, "headers": [
            *headers, (b"content-length", str(len(content)).encode())]})
        await send({"type": "http.response.body", "body": content})

    async def _read_body(self, scope: Scope, receive: Receive, send: Send) -> bytes | None:
        limit = self.service.config.max_body_bytes
        for name, value in scope["headers"]:
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    await self._reply(send, 400, {"detail": "invalid Content-Length"})
                    return None
                if declared > limit:
                    await self._too_large(send, limit)
                    return None
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return None
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await self._too_large(send, limit)
                return None
            chunks.append(chunk)
            if not message.get("more_body", False):
                return b"".join(chunks)

    async def _too_large(self, send: Send, limit: int) -> None:
        await self._reply(send, 413, {"detail": [{
            "loc": ["body"], "msg": f"the request body is larger than {limit} bytes",
            "type": "too_large"}]}, [(b"connection", b"close")])

    @staticmethod
    async def _reply(send: Send, status: int, data: Any,
                     headers: list[tuple[bytes, bytes]] | None = None) -> None:
        body = json_bytes(data)
        await send({"type": "http.response.start", "status": status, "headers": [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()), *(headers or [])]})
        await send({"type": "http.response.body", "body": body})
