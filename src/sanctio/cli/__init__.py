"""The `sanctio` command line: one module per command group, each a thin layer over the library."""

from __future__ import annotations

# Commands are added in the order `sanctio --help` lists them: importing lists, screen,
# update and export adds theirs; the other modules add theirs with register().
from sanctio.cli import (  # noqa: F401
    evaluate,
    lists,
    monitor,
    payments,
    scan,
    screen,
    serve,
    update,
)
from sanctio.cli.common import (  # noqa: F401 (the names the command modules share)
    HomeOpt,
    IndexOpt,
    _exit_on_alert,
    _parse_map,
    app,
    audit_screening,
    console,
    err,
    open_registry,
)

serve.register(app)  # serve, keys
monitor.register(app)  # portfolio, alerts, audit
app.add_typer(evaluate.app, name="evaluate")
scan.register(app)
from sanctio.cli import export  # noqa: E402, F401

app.add_typer(payments.app, name="payments")

from sanctio.cli import native  # noqa: E402

app.add_typer(native.app, name="native")

from sanctio.cli import spark  # noqa: E402 (spark-index, spark-screen; pyspark is imported on use)

spark.register(app)
