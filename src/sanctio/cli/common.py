"""What the command modules share: the `sanctio` Typer app, its consoles and options, the
registry, the screener of the CLI, load output and the audit entry of a screening."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from sanctio import __version__
from sanctio.db import DB_ENV
from sanctio.registry import LoadResult, Registry, default_home

app = typer.Typer(
    help="Sanctio: sanctions screening against the official US, UN, EU and UK lists.",
    no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False,
)
console = Console()
err = Console(stderr=True)

HomeOpt = Annotated[Path | None, typer.Option(
    "--home", help="Registry folder (default: $SANCTIO_HOME or the user data directory).",
    envvar="SANCTIO_HOME", show_default=False)]


def open_registry(home: Path | None) -> Registry:
    reg = Registry(home or default_home())
    return reg


def _sample_notice(reg: Registry) -> None:
    if any(v.is_sample for v in reg.active_versions().values()):
        err.print("[yellow]Using the built-in SAMPLE list (a few real designations written by "
                  "hand). Load the official lists with `sanctio load` or `sanctio update` for "
                  "real screening.[/yellow]")


class LateStatus:
    """A spinner on stderr (on a terminal) that appears only when the work inside takes more
    than ``delay`` seconds: a screen from the stored index answers before it would show."""

    def __init__(self, message: str, delay: float = 1.0) -> None:
        import threading

        self._status = err.status(message, spinner="dots")
        self._lock = threading.Lock()
        self._started = self._done = False
        self._timer = threading.Timer(delay, self._start)
        self._timer.daemon = True

    def _start(self) -> None:
        with self._lock:
            if not self._done:
                self._status.start()
                self._started = True

    def __enter__(self) -> LateStatus:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._done = True
            self._timer.cancel()
            if self._started:
                self._status.stop()

    def phase(self, message: str) -> Any:
        """Show ``message`` for a step (a context manager)."""
        from contextlib import nullcontext

        self._status.update(message)
        return nullcontext()


BUILDING = ("building the screening index of the active lists (once per set of list "
            "versions; it is kept on disk for the next commands)…")


def cli_screener(reg: Registry, status: LateStatus) -> Any:
    """The screener of the registry's active lists: the index stored on disk for them (read
    in a fraction of a second), else built now and stored (see sanctio.index_store)."""
    from sanctio.index_store import stored_screener

    return stored_screener(reg, building=lambda: status.phase(BUILDING))


DbOpt = Annotated[str | None, typer.Option(
    "--db", help="The registry database: postgresql://user@host/db (several service "
                 "instances share it) or a SQLite file (default: sanctio.db in the registry "
                 "folder; $SANCTIO_DB).", show_default=False)]


def use_db(db: str | None) -> None:
    """Make ``--db`` the database of this process and of the processes it starts."""
    if db:
        os.environ[DB_ENV] = db


@app.callback(invoke_without_command=True)
def main(version: Annotated[bool, typer.Option("--version", help="Show the version.")] = False,
         db: DbOpt = None) -> None:
    use_db(db)
    if version:
        console.print(f"sanctio {__version__}")
        raise typer.Exit()


# --------------------------------------------------------------------------- registry


FailOnAlertOpt = Annotated[bool, typer.Option(
    "--fail-on-alert", help="Exit with code 3 when any result is an alert (for scripts and "
                            "CI; 0 otherwise, 1 or 2 on errors).")]
MaxAgeOpt = Annotated[float | None, typer.Option(
    "--max-age", min=0, show_default=False, envvar="SANCTIO_MAX_LIST_AGE_DAYS",
    help="Warn about lists whose data is older than this many days (default 30; "
         "$SANCTIO_MAX_LIST_AGE_DAYS).")]


def _date_text(v: Any) -> str:
    """``2021-01 (derived)``: the date of a version's data and what kind of date it is."""
    if v.date_kind == "loaded" or not v.data_date:
        return f"{v.loaded_at[:10]} (loaded; no date in the file)"
    return f"{v.data_date} ({'publisher' if v.date_kind == 'publisher' else 'derived'})"


def _print_load(result: LoadResult) -> None:
    v = result.version
    if result.status == "failed":
        word = "REFUSED" if result.refused else "FAILED"
        err.print(f"[red]{word}[/red] {result.list_id}: {result.error}")
        if result.previous:
            err.print(f"  the previous version {result.previous.label} stays active")
        return
    assert v is not None
    word = {"loaded": "[green]loaded[/green]", "unchanged": "unchanged (same SHA-256)",
            "reactivated": "[green]reactivated[/green] an earlier version"}[result.status]
    console.print(f"{word} {v.list_id}: {v.record_count} records, version {v.label} "
                  f"({result.seconds:.1f} s)")
    if v.date_kind != "publisher":
        console.print(f"  data date {_date_text(v)}: {v.date_note}")
    for w in result.warnings[:5]:
        console.print(f"  [yellow]warning[/yellow]: {w}")
    if len(result.warnings) > 5:
        console.print(f"  ... and {len(result.warnings) - 5} more warnings")


IndexOpt = Annotated[bool | None, typer.Option(
    "--index/--no-index", show_default=False,
    help="Build the screening index of the new lists now and keep it on disk, so that the "
         "next screen answers at once (default: when run at a terminal).")]


def prepare_index(reg: Registry, results: list[LoadResult], index: bool | None) -> None:
    """After a load that changed the active lists: build and store their screening index
    (with --index, or by default at a terminal; otherwise the next screen builds it)."""
    if index is None:
        index = err.is_terminal
    if not index or not any(r.status in ("loaded", "reactivated") for r in results):
        return
    from sanctio.index_store import prepare

    with LateStatus(BUILDING) as status:
        built = prepare(reg, building=lambda: status.phase(BUILDING))
    if built:
        console.print("screening index built and stored for the active lists")


@contextmanager
def monitored(reg: Registry) -> Iterator[None]:
    """Loads inside are watched by monitoring (audit trail, portfolio rescreening): it hears
    of them through the registry's events, all together when the block ends."""
    from sanctio.index_store import stored_screener
    from sanctio.monitor.rescreen import watch

    # the rescreen's screener is the index of the new lists, stored for the next commands
    # (and for prepare_index, which then finds it built)
    unsubscribe = watch(reg, console, screener_factory=lambda: stored_screener(reg))
    try:
        with reg.events.batch():
            yield
    finally:
        unsubscribe()




def _parse_map(items: list[str]) -> dict[str, str]:
    out = {}
    for item in items:
        if "=" not in item:
            raise typer.BadParameter(f"{item!r}: use field=Header", param_hint="--map")
        k, v = item.split("=", 1)
        out[k.strip()] = v.strip()
    return out












# -------------------------------------------------------------------------- screening




ALERT_EXIT_CODE = 3


def _exit_on_alert(fail_on_alert: bool, alerted: bool) -> None:
    """With --fail-on-alert, exit code 3 when anything alerted (after all output is written)."""
    if fail_on_alert and alerted:
        raise typer.Exit(ALERT_EXIT_CODE)


def audit_screening(reg: Registry, action: str, queries: list[dict[str, Any]], alerts: int,
                    threshold: float | None, list_versions: dict[str, str],
                    store_queries: bool = False, **extra: Any) -> None:
    """Write a screening to the audit chain (one entry); exit 1 when it cannot be written."""
    import sqlite3

    from sanctio.monitor.audit import AuditKeyError, query_hash, record_screening

    try:
        record_screening(reg.conn, action, queries=len(queries), alerts=alerts,
                         threshold=threshold, list_versions=list_versions,
                         query_hashes=[query_hash(q) for q in queries],
                         query_data=queries if store_queries else None, **extra)
    except (sqlite3.Error, OSError, AuditKeyError) as exc:
        err.print(f"[red]the screening could not be written to the audit chain: {exc}[/red]")
        raise typer.Exit(1) from exc
