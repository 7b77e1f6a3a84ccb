"""The settings of the service (:class:`ServiceConfig`), passed to worker processes as JSON."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path

import orjson

DEV_WARNING = ("DEV MODE: authentication is OFF. Every request is treated as an admin. "
               "Use this only on your own machine, never on a network.")


@dataclass
class ServiceConfig:
    """Settings of the service; passed to worker processes as JSON in an environment variable."""

    home: Path
    dev: bool = False
    threshold: float | None = None  # the default alert threshold (None: the screener's)
    store_queries: bool = False  # audit: store the queries themselves, not only their hashes
    max_body_bytes: int = 2 * 1024 * 1024
    poll_interval: float = 2.0  # seconds between looks at the registry for new lists
    workers: int = 2  # scorer processes (they share one built index)
    # the folders POST /lists/reload may load files from (`sanctio serve --data-dir`);
    # none: the service loads no file by path (the official download still works)
    data_dirs: list[Path] = field(default_factory=list)
    chunk_size: int = 10  # queries per task of a batch (the scorers take chunks in parallel)
    warmup: bool = True
    reload_timeout: float = 300.0
    audit_flush_interval: float = 0.2

    def to_json(self) -> str:
        data = asdict(self)
        data["home"] = str(self.home)
        data["data_dirs"] = [str(p) for p in self.data_dirs]
        return orjson.dumps(data).decode()

    @classmethod
    def from_json(cls, text: str) -> ServiceConfig:
        data = orjson.loads(text)
        data["home"] = Path(data["home"])
        data["data_dirs"] = [Path(p) for p in data.get("data_dirs") or []]
        return cls(**data)

