"""``sanctio serve`` in a child process on loopback (:class:`ServerProcess`), for the tests
and the benchmarks."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import IO, Any


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


class ServerProcess:
    """``sanctio serve`` in a child process on loopback, for tests and benchmarks."""

    def __init__(self, home: Path, *, workers: int = 1, dev: bool = False,
                 port: int | None = None, args: list[str] | None = None,
                 log_path: Path | None = None, env: dict[str, str] | None = None) -> None:
        self.home = Path(home)
        self.workers = workers
        self.dev = dev
        self.port = port or free_port()
        self.args = args or []
        self.log_path = log_path or (self.home / f"serve-{self.port}.log")
        self.env = env
        self.proc: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 180.0) -> ServerProcess:
        cmd = [sys.executable, "-m", "sanctio.cli.serve", "serve", "--home", str(self.home),
               "--host", "127.0.0.1", "--port", str(self.port), "--workers",
               str(self.workers), "--log-level", "warning", *self.args]
        if self.dev:
            cmd.append("--dev")
        env = {**os.environ, **(self.env or {})}
        self._log = self.log_path.open("ab")
        self.proc = subprocess.Popen(cmd, stdout=self._log, stderr=subprocess.STDOUT, env=env,
                                     start_new_session=True)
        self.wait_ready(timeout)
        return self

    def log_tail(self, n: int = 40) -> str:
        try:
            lines = self.log_path.read_text("utf-8", "replace").splitlines()
        except OSError:
            return ""
        return "\n".join(lines[-n:])

    def wait_ready(self, timeout: float = 180.0) -> dict[str, Any]:
        import httpx

        deadline = time.monotonic() + timeout
        with httpx.Client(base_url=self.url, timeout=5) as client:
            while time.monotonic() < deadline:
                if self.proc is not None and self.proc.poll() is not None:
                    raise RuntimeError(f"the server exited ({self.proc.returncode}):\n"
                                       f"{self.log_tail()}")
                with contextlib.suppress(httpx.HTTPError):
                    r = client.get("/readyz")
                    if r.status_code == 200:
                        data: dict[str, Any] = r.json()
                        return data
                time.sleep(0.1)
        raise TimeoutError(f"the server was not ready in {timeout:.0f} s:\n{self.log_tail()}")

    def stop(self, timeout: float = 20.0) -> int | None:
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(5)
        if self._log is not None:
            self._log.close()
        return self.proc.returncode

    def __enter__(self) -> ServerProcess:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
