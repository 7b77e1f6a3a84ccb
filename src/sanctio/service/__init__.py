"""The HTTP screening service (``sanctio serve``).

- :mod:`sanctio.service.app`: the FastAPI app (``create_app``).
- :mod:`sanctio.service.state`: the index each worker serves, hot reloads, the audit log.
- :mod:`sanctio.service.keys`: API keys, stored hashed in the registry database.
- :mod:`sanctio.service.metrics`: Prometheus metrics.
- :mod:`sanctio.service.schemas`: request and response models.
- :mod:`sanctio.service.process`: ``sanctio serve`` in a child process (tests, benchmarks);
  the commands ``sanctio serve`` and ``sanctio keys`` are in :mod:`sanctio.cli.serve`.

Nothing is imported here, so that ``sanctio serve`` can set up prometheus_client's
multiprocess mode before any metric exists.
"""
