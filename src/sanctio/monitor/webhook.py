"""Webhook notifications of new alerts: an outbox in the registry database, delivered by HTTP
POST with an HMAC-SHA256 signature, retried with exponential back-off until the receiver takes
them.

A notification is written to ``webhook_outbox`` in the same transaction as the alert it
announces, so nothing is lost if the receiver is down, or if Sanctio stops before delivering:
undelivered notifications stay in the outbox and are retried by the next delivery (after each
screening run, ``sanctio alerts deliver``, or the service's background loop).

Each request carries::

    Content-Type: application/json
    X-Sanctio-Event: alert.opened | alert.reopened | alert.closed | alert.delisted
    X-Sanctio-Delivery: <outbox id>       (the same on every retry: receivers de-duplicate)
    X-Sanctio-Timestamp: <unix seconds>
    X-Sanctio-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>

and a receiver checks it with :func:`verify_signature`. Any 2xx answer is a delivery;
anything else (an error status, a refused connection, a timeout) schedules a retry after
``base * 2^(attempts-1)`` seconds, at most ``max_backoff``.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import time
from dataclasses import dataclass, field
from typing import Any

import httpx
import orjson

from sanctio.db import Connection
from sanctio.monitor import ensure_schema, get_setting, now_iso, set_setting, transaction

URL_SETTING = "webhook_url"
SECRET_SETTING = "webhook_secret"
BACKOFF_SETTING = "webhook_backoff"
MAX_BACKOFF_SETTING = "webhook_max_backoff"
DEFAULT_BACKOFF = 30.0
DEFAULT_MAX_BACKOFF = 3600.0
CLAIM_SECONDS = 60.0
SIGNATURE_HEADER = "X-Sanctio-Signature"
TIMESTAMP_HEADER = "X-Sanctio-Timestamp"


@dataclass(slots=True)
class WebhookConfig:
    url: str
    secret: str
    backoff: float = DEFAULT_BACKOFF
    max_backoff: float = DEFAULT_MAX_BACKOFF
    timeout: float = 10.0


def config(conn: Connection) -> WebhookConfig | None:
    """The webhook configuration: environment (``SANCTIO_WEBHOOK_URL``,
    ``SANCTIO_WEBHOOK_SECRET``) over the settings stored in the registry."""
    url = os.environ.get("SANCTIO_WEBHOOK_URL") or get_setting(conn, URL_SETTING)
    if not url:
        return None
    secret = os.environ.get("SANCTIO_WEBHOOK_SECRET") or get_setting(conn, SECRET_SETTING) or ""
    backoff = float(get_setting(conn, BACKOFF_SETTING, str(DEFAULT_BACKOFF)) or DEFAULT_BACKOFF)
    max_backoff = float(get_setting(conn, MAX_BACKOFF_SETTING, str(DEFAULT_MAX_BACKOFF))
                        or DEFAULT_MAX_BACKOFF)
    return WebhookConfig(url, secret, backoff, max_backoff)


def configured(conn: Connection) -> bool:
    return config(conn) is not None


def configure(conn: Connection, url: str | None, secret: str | None = None, *,
              backoff: float | None = None, max_backoff: float | None = None,
              actor: str | None = None) -> None:
    """Store the webhook URL and secret (``url=None`` turns notifications off)."""
    from sanctio.monitor.audit import record_audit

    if url is not None and not url.startswith(("http://", "https://")):
        raise ValueError("the webhook URL must start with http:// or https://")
    with transaction(conn):
        set_setting(conn, URL_SETTING, url)
        if secret is not None or url is None:
            set_setting(conn, SECRET_SETTING, secret)
        if backoff is not None:
            set_setting(conn, BACKOFF_SETTING, str(backoff))
        if max_backoff is not None:
            set_setting(conn, MAX_BACKOFF_SETTING, str(max_backoff))
        record_audit(conn, actor, "settings.changed", {
            "webhook_url": url, "webhook_secret_set": bool(secret), "backoff": backoff,
            "max_backoff": max_backoff})


def sign(secret: str, timestamp: str, body: bytes) -> str:
    mac = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256)
    return "sha256=" + mac.hexdigest()


def verify_signature(secret: str, body: bytes, timestamp: str, signature: str, *,
                     tolerance: float | None = 300.0) -> bool:
    """For receivers: check a request's signature (and that it is recent)."""
    if tolerance is not None:
        try:
            if abs(time.time() - float(timestamp)) > tolerance:
                return False
        except ValueError:
            return False
    return hmac.compare_digest(sign(secret, timestamp, body), signature)


def enqueue(conn: Connection, event: str, payload: dict[str, Any],
            alert_id: int | None = None) -> int:
    """Queue a notification (call inside the transaction that makes the change)."""
    ensure_schema(conn)
    cur = conn.execute(
        "INSERT INTO webhook_outbox (event, alert_id, payload, created_at, next_attempt_at) "
        "VALUES (?,?,?,?,0)",
        (event, alert_id, orjson.dumps(payload, default=str).decode(), now_iso()))
    return int(cur.lastrowid or 0)


@dataclass(slots=True)
class DeliveryReport:
    attempted: int = 0
    delivered: int = 0
    failed: int = 0
    pending: int = 0
    next_attempt_in: float | None = None
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"attempted": self.attempted, "delivered": self.delivered,
                "failed": self.failed, "pending": self.pending,
                "next_attempt_in": self.next_attempt_in, "errors": self.errors[:10]}


def pending(conn: Connection) -> int:
    ensure_schema(conn)
    return int(conn.execute(
        "SELECT COUNT(*) FROM webhook_outbox WHERE delivered_at IS NULL").fetchone()[0])


def _status(conn: Connection, report: DeliveryReport) -> DeliveryReport:
    row = conn.execute("SELECT COUNT(*), MIN(next_attempt_at) FROM webhook_outbox "
                       "WHERE delivered_at IS NULL").fetchone()
    report.pending = int(row[0])
    report.next_attempt_in = max(0.0, float(row[1]) - time.time()) if row[1] is not None \
        else None
    return report


def deliver_pending(conn: Connection, *, cfg: WebhookConfig | None = None,
                    client: httpx.Client | None = None, limit: int = 500,
                    stop_on_error: bool = False) -> DeliveryReport:
    """One delivery pass: POST every notification that is due (up to ``limit``); reschedule
    failures. ``stop_on_error``: end the pass at the first failure (a receiver that is down
    is not sent the rest of the batch; it stays due for the next pass)."""
    ensure_schema(conn)
    report = DeliveryReport()
    cfg = cfg or config(conn)
    if cfg is None:
        return _status(conn, report)
    now = time.time()
    due = conn.execute(
        "SELECT id, event, payload, attempts FROM webhook_outbox WHERE delivered_at IS NULL "
        "AND next_attempt_at <= ? AND claimed_until < ? ORDER BY id LIMIT ?",
        (now, now, limit)).fetchall()
    own = client is None
    http = client or httpx.Client(timeout=cfg.timeout)
    try:
        for oid, event, payload, attempts in due:
            claimed = conn.execute(
                "UPDATE webhook_outbox SET claimed_until=? WHERE id=? AND delivered_at IS NULL "
                "AND claimed_until < ?", (time.time() + CLAIM_SECONDS, oid, time.time()))
            if claimed.rowcount != 1:
                continue  # another process is delivering it
            report.attempted += 1
            body = payload.encode() if isinstance(payload, str) else bytes(payload)
            ts = str(int(time.time()))
            error: str | None = None
            try:
                resp = http.post(cfg.url, content=body, headers={
                    "Content-Type": "application/json", "X-Sanctio-Event": str(event),
                    "X-Sanctio-Delivery": str(oid), TIMESTAMP_HEADER: ts,
                    SIGNATURE_HEADER: sign(cfg.secret, ts, body),
                    "User-Agent": "sanctio-webhook/1",
                })
                if not 200 <= resp.status_code < 300:
                    error = f"HTTP {resp.status_code}"
            except httpx.HTTPError as exc:
                error = f"{type(exc).__name__}: {exc}"
            n = int(attempts) + 1
            if error is None:
                conn.execute("UPDATE webhook_outbox SET attempts=?, delivered_at=?, "
                             "last_error=NULL, claimed_until=0 WHERE id=?", (n, now_iso(), oid))
                report.delivered += 1
            else:
                delay = min(cfg.backoff * (2 ** (n - 1)), cfg.max_backoff)
                conn.execute("UPDATE webhook_outbox SET attempts=?, next_attempt_at=?, "
                             "last_error=?, claimed_until=0 WHERE id=?",
                             (n, time.time() + delay, error[:500], oid))
                report.failed += 1
                report.errors.append(f"notification {oid}: {error}")
                if stop_on_error:
                    break
    finally:
        if own:
            http.close()
    return _status(conn, report)


def deliver(conn: Connection, *, wait: float = 0.0,
            cfg: WebhookConfig | None = None) -> DeliveryReport:
    """Deliver what is due, then keep retrying (sleeping until the next retry is due) for up to
    ``wait`` seconds while notifications remain."""
    deadline = time.monotonic() + wait
    total = DeliveryReport()
    cfg = cfg or config(conn)
    with httpx.Client(timeout=cfg.timeout if cfg else 10.0) as client:
        while True:
            r = deliver_pending(conn, cfg=cfg, client=client)
            total.attempted += r.attempted
            total.delivered += r.delivered
            total.failed += r.failed
            total.errors += r.errors
            total.pending, total.next_attempt_in = r.pending, r.next_attempt_in
            if cfg is None or not r.pending or r.next_attempt_in is None:
                return total
            left = deadline - time.monotonic()
            if left <= 0 or r.next_attempt_in > left:
                return total
            time.sleep(max(0.01, r.next_attempt_in))


def flush(conn: Connection) -> DeliveryReport | None:
    """Deliver everything that is due, pass after pass, until the outbox is empty or the
    receiver fails (what is left is retried later with back-off). None if no webhook."""
    cfg = config(conn)
    if cfg is None:
        return None
    total = DeliveryReport()
    with httpx.Client(timeout=cfg.timeout) as client:
        while True:
            r = deliver_pending(conn, cfg=cfg, client=client, stop_on_error=True)
            total.attempted += r.attempted
            total.delivered += r.delivered
            total.failed += r.failed
            total.errors += r.errors
            total.pending, total.next_attempt_in = r.pending, r.next_attempt_in
            if r.failed or not r.delivered or not r.pending:
                return total


def outbox(conn: Connection, *, undelivered_only: bool = True,
           limit: int = 100) -> list[dict[str, Any]]:
    ensure_schema(conn)
    sql = ("SELECT id, event, alert_id, created_at, attempts, next_attempt_at, delivered_at, "
           "last_error FROM webhook_outbox")
    if undelivered_only:
        sql += " WHERE delivered_at IS NULL"
    sql += " ORDER BY id LIMIT ?"
    return [
        {"id": r[0], "event": r[1], "alert_id": r[2], "created_at": r[3], "attempts": r[4],
         "next_attempt_in": max(0.0, r[5] - time.time()) if r[6] is None else None,
         "delivered_at": r[6], "last_error": r[7]}
        for r in conn.execute(sql, (limit,))
    ]
