"""``sanctio serve`` and ``sanctio keys create|list|revoke``.

:func:`register` adds them to the main ``sanctio`` command; ``python -m sanctio.cli.serve``
(or ``python -m sanctio.service.cli``) runs them on their own.
"""

from __future__ import annotations

import ipaddress
import os
import socket
import sys
from pathlib import Path
from typing import Annotated, Any

import orjson
import typer
from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from sanctio.db import DB_ENV, display, location

console = Console()
err = Console(stderr=True)

HomeOpt = Annotated[Path | None, typer.Option(
    "--home", help="Registry folder (default: $SANCTIO_HOME or the user data directory).",
    envvar="SANCTIO_HOME", show_default=False)]


def _home(home: Path | None) -> Path:
    if home is not None:
        return home
    from sanctio.registry import default_home

    return default_home()


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


# ------------------------------------------------------------------------------- serve


def serve(
    home: HomeOpt = None,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    workers: Annotated[int | None, typer.Option(
        help="Scorer processes (they share one built index; default: one per core).",
        show_default=False)] = None,
    dev: Annotated[bool, typer.Option(
        "--dev", help="Local use without API keys: every request is an admin. Never on a "
                      "network.")] = False,
    threshold: Annotated[float | None, typer.Option(
        help="Default alert threshold (0 to 1).", min=0.0, max=1.0)] = None,
    store_queries: Annotated[bool, typer.Option(
        "--store-queries", help="Audit: store each query in full (default: only its "
                                "SHA-256).")] = False,
    max_body_mb: Annotated[float, typer.Option(help="Largest request body, in MiB.")] = 2.0,
    poll_interval: Annotated[float, typer.Option(
        help="Seconds between looks at the registry for new list versions.")] = 2.0,
    data_dir: Annotated[list[Path] | None, typer.Option(
        "--data-dir", help="A folder POST /lists/reload may load list files from "
                           "(repeatable). Default: none, so the API loads no file by path "
                           "(the official download still works).")] = None,
    allow_path: Annotated[list[Path] | None, typer.Option(
        "--allow-path", hidden=True, help="Former name of --data-dir.")] = None,
    log_level: Annotated[str, typer.Option(help="uvicorn log level.")] = "info",
    access_log: Annotated[bool, typer.Option(
        "--access-log", help="Log every request (off by default: it costs throughput and "
                             "the audit table already records screening).")] = False,
    db: Annotated[str | None, typer.Option(
        "--db", help="The registry database: postgresql://user@host/db to share list "
                     "versions, keys, alerts and the audit chain with other instances "
                     "(default: sanctio.db in the registry folder; $SANCTIO_DB).",
        show_default=False)] = None,
) -> None:
    """Run the HTTP screening service."""
    if db:
        os.environ[DB_ENV] = db  # this process and the scorers and loaders it starts
    from sanctio.registry import Registry
    from sanctio.service.config import DEV_WARNING, ServiceConfig
    from sanctio.service.keys import KeyStore

    home = _home(home)
    n_workers = workers if workers is not None else (os.cpu_count() or 1)
    if n_workers < 1:
        raise typer.BadParameter("at least one worker", param_hint="--workers")
    reg = Registry(home)  # creates the database; loads the built-in sample when empty
    active = reg.active_versions()
    if reg.postgres:
        err.print(f"registry database: {display(reg.url)} (shared; list loads of other "
                  "instances are heard through LISTEN/NOTIFY)")
    reg.close()
    keys = KeyStore(location(home))
    n_keys = len(keys.list(include_revoked=False))
    keys.close()
    if dev:
        msg = DEV_WARNING
        if not _is_loopback(host):
            msg += f"\nAND IT LISTENS ON {host}, NOT ONLY ON THIS MACHINE."
        err.print(Panel(f"[bold]{msg}[/bold]", title="SANCTIO DEV MODE", style="bold red"))
    elif n_keys == 0:
        err.print("[yellow]No API key exists yet: every request will get 401. Create one with "
                  "`sanctio keys create --role screen`.[/yellow]")
    if not active:
        err.print("[yellow]No list is loaded.[/yellow]")
    else:
        err.print("lists: " + ", ".join(v.label for v in active.values()))

    dirs = []
    for d in [*(data_dir or []), *(allow_path or [])]:
        d = d.expanduser().resolve()
        if not d.is_dir():
            raise typer.BadParameter(f"{d} is not a folder", param_hint="--data-dir")
        dirs.append(d)
    if dirs:
        err.print("POST /lists/reload loads files from: " + ", ".join(map(str, dirs)))
    config = ServiceConfig(
        home=home, dev=dev, threshold=threshold, store_queries=store_queries,
        max_body_bytes=int(max_body_mb * 1024 * 1024), poll_interval=poll_interval,
        workers=n_workers,
        data_dirs=dirs)
    err.print(f"serving on http://{host}:{port} with {n_workers} scorer process(es); "
              f"ready when GET /readyz answers 200")
    run_uvicorn(config, host, port, log_level=log_level, access_log=access_log)


def bind(host: str, port: int) -> socket.socket:
    """The listening socket, created as TCP explicitly.

    A socket made with protocol 0 (as uvicorn's own ``bind_socket`` does) never gets
    TCP_NODELAY from asyncio, and every keep-alive response would then wait ~40 ms for the
    client's delayed ACK (uvicorn issue #3149)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        err.print(f"[red]cannot listen on {host}:{port}: {exc.strerror}[/red]")
        raise typer.Exit(1) from exc
    sock.set_inheritable(True)
    return sock


def run_uvicorn(config: Any, host: str, port: int, *, log_level: str = "info",
                access_log: bool = False) -> None:
    """Serve the app on ``host:port`` (one process: it only parses, dispatches and answers;
    the scorer processes do the screening)."""
    import uvicorn

    from sanctio.service.app import create_app

    app = create_app(config=config)
    server = uvicorn.Server(uvicorn.Config(
        app, log_level=log_level, access_log=access_log, timeout_graceful_shutdown=15,
        timeout_keep_alive=65, backlog=4096))
    sock = bind(host, port)
    try:
        server.run(sockets=[sock])
    except KeyboardInterrupt:
        pass
    finally:
        sock.close()


# -------------------------------------------------------------------------------- keys

keys_app = typer.Typer(help="API keys of the HTTP service (stored hashed in the registry).",
                       no_args_is_help=True)


@keys_app.command("create")
def keys_create(
    home: HomeOpt = None,
    role: Annotated[str, typer.Option(help="screen (screening and lookups) or admin "
                                           "(also list reloads).")] = "screen",
    label: Annotated[str | None, typer.Option(help="Who or what the key is for.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Create an API key. The key is shown once: store it now."""
    from sanctio.service.keys import ROLES, KeyStore

    if role not in ROLES:
        raise typer.BadParameter(f"use one of: {', '.join(ROLES)}", param_hint="--role")
    store = KeyStore(location(_home(home)))
    token, key = store.create(role, label)
    store.close()
    if as_json:
        sys.stdout.write(orjson.dumps({"key": token, **key.to_dict()}).decode() + "\n")
        return
    console.print(f"[bold]{token}[/bold]")
    err.print(f"key {key.id} ({key.prefix}..., role {key.role}"
              + (f", {key.label}" if key.label else "")
              + "). It is shown only now: the registry keeps only its SHA-256.")


@keys_app.command("list")
def keys_list(
    home: HomeOpt = None,
    all_keys: Annotated[bool, typer.Option("--all", help="Include revoked keys.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """List API keys (their prefixes, never the keys)."""
    from sanctio.service.keys import KeyStore

    store = KeyStore(location(_home(home)))
    keys = store.list(include_revoked=all_keys)
    store.close()
    if as_json:
        sys.stdout.write(orjson.dumps([k.to_dict() for k in keys]).decode() + "\n")
        return
    table = Table("id", "prefix", "role", "label", "created", "revoked")
    for k in keys:
        table.add_row(str(k.id), k.prefix + "...", k.role, k.label or "", k.created_at,
                      k.revoked_at or "")
    console.print(table)


@keys_app.command("revoke")
def keys_revoke(
    ref: Annotated[str, typer.Argument(help="The key's id or prefix (or the key itself).")],
    home: HomeOpt = None,
) -> None:
    """Revoke an API key (the service refuses it within a second or two)."""
    from sanctio.service.keys import KeyStore, UnknownKey

    store = KeyStore(location(_home(home)))
    try:
        key = store.revoke(ref)
    except UnknownKey as exc:
        err.print(f"[red]{exc.args[0]}[/red]")
        raise typer.Exit(1) from exc
    finally:
        store.close()
    err.print(f"revoked key {key.id} ({key.prefix}..., role {key.role})")


def register(app: typer.Typer) -> None:
    """Add ``serve`` and ``keys`` to the main ``sanctio`` command."""
    app.command("serve")(serve)
    app.add_typer(keys_app, name="keys")


def main() -> None:
    app = typer.Typer(no_args_is_help=True, add_completion=False,
                      pretty_exceptions_enable=False)
    register(app)
    app()


if __name__ == "__main__":
    main()
