"""Webhook delivery against a real HTTP receiver on loopback: HMAC signature, retries with
back-off, nothing lost while the receiver is down or failing."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import orjson
import pytest

from sanctio.monitor import transaction, webhook

from .conftest import both_back_ends, connect_db

SECRET = "s3cret-for-tests"


class Receiver:
    """A webhook receiver that answers with the statuses it is told to, then 200."""

    def __init__(self, port: int, statuses: list[int] | None = None) -> None:
        self.port = port
        self.statuses = list(statuses or [])
        self.received: list[dict[str, Any]] = []
        self.attempts = 0
        self.bad_signatures = 0
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.attempts += 1
                ok = webhook.verify_signature(
                    SECRET, body, self.headers[webhook.TIMESTAMP_HEADER],
                    self.headers[webhook.SIGNATURE_HEADER])
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                if not ok:
                    receiver.bad_signatures += 1
                    status = 401
                if status == 200:
                    receiver.received.append({
                        "delivery": self.headers["X-Sanctio-Delivery"],
                        "event": self.headers["X-Sanctio-Event"],
                        "body": orjson.loads(body)})
                self.send_response(status)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


pytestmark = both_back_ends


@pytest.fixture()
def conn(tmp_path: Path) -> Iterator[Any]:
    c = connect_db(tmp_path / "sanctio.db")
    yield c
    c.close()


def _queue(conn: Any, n: int) -> list[int]:
    ids = []
    with transaction(conn):
        for i in range(n):
            ids.append(webhook.enqueue(conn, "alert.opened", {
                "event": "alert.opened", "alert_id": i + 1,
                "customer": {"id": f"C{i}", "name": "Mohamed Alkani"},
                "entity": {"id": "us-ofac-29119", "name": "AL-KANI, Mohamed"}}, i + 1))
    return ids


def test_signature_roundtrip() -> None:
    body = b'{"a":1}'
    ts = str(int(time.time()))
    sig = webhook.sign(SECRET, ts, body)
    assert sig.startswith("sha256=") and len(sig) == 71
    assert webhook.verify_signature(SECRET, body, ts, sig)
    assert not webhook.verify_signature("other", body, ts, sig)
    assert not webhook.verify_signature(SECRET, b'{"a":2}', ts, sig)
    assert not webhook.verify_signature(SECRET, body, str(int(ts) - 3600),
                                        webhook.sign(SECRET, str(int(ts) - 3600), body))


def test_failing_receiver_gets_everything_after_retries(conn: Any) -> None:
    port = free_port()
    receiver = Receiver(port, statuses=[500, 503])
    try:
        # (a backoff of a second: the checks below that nothing is due yet run well inside it
        # on a loaded machine; 0.2 s was once missed there)
        webhook.configure(conn, f"http://127.0.0.1:{port}/hook", SECRET, backoff=1.0)
        ids = _queue(conn, 3)
        first = webhook.deliver_pending(conn)
        # the first two attempts fail (500, 503), the third notification goes through
        assert (first.attempted, first.delivered, first.failed) == (3, 1, 2)
        assert first.pending == 2 and "HTTP 500" in first.errors[0]
        rows = webhook.outbox(conn)
        assert {r["attempts"] for r in rows} == {1}
        assert all(r["next_attempt_in"] > 0 for r in rows)
        # nothing is due yet: a second pass right away attempts nothing
        assert webhook.deliver_pending(conn).attempted == 0
        final = webhook.deliver(conn, wait=5.0)
        assert final.pending == 0 and final.delivered == 2
        assert receiver.bad_signatures == 0
        assert sorted(int(r["delivery"]) for r in receiver.received) == ids
        assert all(r["event"] == "alert.opened" for r in receiver.received)
        assert receiver.received[0]["body"]["entity"]["id"] == "us-ofac-29119"
        assert receiver.attempts == 5
    finally:
        receiver.stop()


def test_receiver_down_then_up_loses_nothing(conn: Any) -> None:
    port = free_port()  # nothing listens there yet
    webhook.configure(conn, f"http://127.0.0.1:{port}/hook", SECRET, backoff=0.5)
    ids = _queue(conn, 4)
    down = webhook.deliver_pending(conn)
    assert down.delivered == 0 and down.failed == 4 and down.pending == 4
    assert "ConnectError" in down.errors[0]
    assert webhook.deliver_pending(conn).attempted == 0  # not due before the back-off
    time.sleep(0.55)
    again = webhook.deliver_pending(conn)  # still down: the back-off doubles
    assert again.failed == 4
    attempts = {r["attempts"] for r in webhook.outbox(conn)}
    assert attempts == {2}
    assert all(0.5 < r["next_attempt_in"] <= 1.0 for r in webhook.outbox(conn))
    # a receiver that is down is not sent the rest of a batch
    assert webhook.flush(conn) is not None
    receiver = Receiver(port)
    try:
        final = webhook.deliver(conn, wait=5.0)
        assert final.pending == 0 and final.delivered == 4
        assert sorted(int(r["delivery"]) for r in receiver.received) == ids
        assert webhook.outbox(conn) == []
    finally:
        receiver.stop()


def test_wrong_secret_is_refused_and_kept(conn: Any) -> None:
    port = free_port()
    receiver = Receiver(port)
    try:
        webhook.configure(conn, f"http://127.0.0.1:{port}/hook", "not-the-secret", backoff=0.1)
        _queue(conn, 1)
        report = webhook.deliver_pending(conn)
        assert report.failed == 1 and "HTTP 401" in report.errors[0]
        assert receiver.bad_signatures == 1 and webhook.pending(conn) == 1
        webhook.configure(conn, f"http://127.0.0.1:{port}/hook", SECRET, backoff=0.1)
        assert webhook.deliver(conn, wait=3.0).pending == 0
        assert len(receiver.received) == 1
    finally:
        receiver.stop()


def test_unconfigured_webhook_does_nothing(conn: Any) -> None:
    assert not webhook.configured(conn)
    report = webhook.deliver_pending(conn)
    assert report.attempted == 0
    with pytest.raises(ValueError):
        webhook.configure(conn, "ftp://example.org", SECRET)
