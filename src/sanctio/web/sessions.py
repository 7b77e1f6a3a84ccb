"""Console sessions: a random id in an HttpOnly, SameSite=Strict cookie, the state on the
server (in the front process's memory; a restart signs everyone out).

- Before sign-in a visitor holds an anonymous session, only for the sign-in form's CSRF token.
- Signing in issues a *new* session id (the anonymous one is dropped): a session id planted in
  a browser before sign-in is worth nothing after it (session fixation).
- The API key itself stays on the server, in the session: every request re-checks it with the
  service's own key check, so a revoked key ends its console sessions within a second.
- Sessions end after ``IDLE_SECONDS`` without a request or ``MAX_SECONDS`` after sign-in.
"""

from __future__ import annotations

import hmac
import secrets
import threading
import time
from dataclasses import dataclass, field

COOKIE = "sanctio_console"
IDLE_SECONDS = 30 * 60
MAX_SECONDS = 12 * 3600
MAX_SESSIONS = 10_000


@dataclass
class Session:
    id: str
    csrf: str
    token: str | None = None  # the API key signed in with (None: anonymous, or --dev)
    dev: bool = False
    created: float = field(default_factory=time.monotonic)
    seen: float = field(default_factory=time.monotonic)

    @property
    def signed_in(self) -> bool:
        return self.token is not None or self.dev

    def csrf_ok(self, value: str | None) -> bool:
        return bool(value) and hmac.compare_digest(self.csrf, str(value))


class SessionStore:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._sessions: dict[str, Session] = {}

    def _new(self, token: str | None, dev: bool) -> Session:
        s = Session(id=secrets.token_urlsafe(32), csrf=secrets.token_urlsafe(32), token=token,
                    dev=dev)
        with self._lock:
            if len(self._sessions) >= MAX_SESSIONS:
                self._expire()
                if len(self._sessions) >= MAX_SESSIONS:  # drop the oldest anonymous ones
                    for sid in sorted(self._sessions, key=lambda k: self._sessions[k].seen):
                        if not self._sessions[sid].signed_in:
                            del self._sessions[sid]
                        if len(self._sessions) < MAX_SESSIONS:
                            break
            self._sessions[s.id] = s
        return s

    def anonymous(self) -> Session:
        return self._new(None, False)

    def sign_in(self, old: Session | None, token: str | None, dev: bool = False) -> Session:
        """A new session (new id, new CSRF token) for a signed-in user; the old one ends."""
        if old is not None:
            self.end(old.id)
        return self._new(token, dev)

    def get(self, sid: str | None) -> Session | None:
        if not sid:
            return None
        now = time.monotonic()
        with self._lock:
            s = self._sessions.get(sid)
            if s is None:
                return None
            if now - s.seen > IDLE_SECONDS or now - s.created > MAX_SECONDS:
                del self._sessions[sid]
                return None
            s.seen = now
            return s

    def end(self, sid: str) -> None:
        with self._lock:
            self._sessions.pop(sid, None)

    def _expire(self) -> None:
        now = time.monotonic()
        for sid in [k for k, s in self._sessions.items()
                    if now - s.seen > IDLE_SECONDS or now - s.created > MAX_SECONDS]:
            del self._sessions[sid]
