"""The HTTP screening service (``sanctio serve``).

- :mod:`sanctio.service.app`: the FastAPI app (``create_app``), assembled from the routers
  (one module per resource: ``match_routes``, ``search_routes``, ``entity_routes``,
  ``lists_routes``, ``health_routes``, ``scan_routes``, ``payments_routes``,
  ``reconcile_routes``) and the middleware (:mod:`sanctio.service.middleware`).
- :mod:`sanctio.service.context`: :class:`Service`, what the process holds;
  :mod:`sanctio.service.config`: its settings; :mod:`sanctio.service.validation`: request
  checks (queries through ``Query.build``); :mod:`sanctio.service.responses`: JSON answers;
  :mod:`sanctio.service.loads`: list loads through the service.
- :mod:`sanctio.service.pool`: the scorer pool (the index each worker serves, hot reloads);
  :mod:`sanctio.service.scorer`: what runs in the scorer processes;
  :mod:`sanctio.service.dispatch`: the scheduling of tasks over them;
  :mod:`sanctio.service.scored_route`: what the routes answered by the scorers share;
  :mod:`sanctio.service.audit`: the audit log of requests.
- :mod:`sanctio.service.keys`: API keys, stored hashed in the registry database.
- :mod:`sanctio.service.metrics`: Prometheus metrics.
- :mod:`sanctio.service.schemas`: request and response models.
- :mod:`sanctio.service.process`: ``sanctio serve`` in a child process (tests, benchmarks);
  the commands ``sanctio serve`` and ``sanctio keys`` are in :mod:`sanctio.cli.serve`.

Nothing is imported here, so that ``sanctio serve`` can set up prometheus_client's
multiprocess mode before any metric exists.
"""
