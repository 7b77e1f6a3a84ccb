"""``sanctio native``: build, show and clean the compiled screening modules (sanctio.native)."""

from __future__ import annotations

import time
from typing import Annotated

import orjson
import typer

from sanctio import native
from sanctio.cli.common import console, err

app = typer.Typer(help="The screening hot path compiled to C with mypyc: build it, see whether "
                  "it is used, remove old builds.", no_args_is_help=True)


@app.command("build")
def build_cmd(
    force: Annotated[bool, typer.Option("--force", help="Build again even if built.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", help="Show mypyc's output.")] = False,
    optional: Annotated[bool, typer.Option(
        "--optional", help="Exit 0 even when it cannot build (no C compiler): screening "
        "then runs as pure Python.")] = False,
) -> None:
    """Compile the screening modules for this exact source and Python (about two minutes;
    needs a C compiler). Screening uses them from the next process on; without them it
    runs as pure Python, with the same results."""
    started = time.perf_counter()
    if native.is_built() and not force:
        console.print(f"already built for this source: {native.build_dir()}")
        return
    try:
        dest = native.build(force=force, quiet=not verbose)
    except native.NativeError as exc:
        err.print(f"[red]native build failed[/red]: {exc}\n(screening keeps running as pure "
                  "Python, with the same results)")
        raise typer.Exit(0 if optional else 1) from None
    removed = native.clean(keep=dest)
    console.print(f"built {len(native.MODULES)} modules in {time.perf_counter() - started:.0f} s: "
                  f"{dest}" + (f" (removed {len(removed)} older builds)" if removed else ""))


@app.command("status")
def status_cmd(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Whether the compiled modules are built for this source and used by this process."""
    info = native.status()
    if as_json:
        print(orjson.dumps(info).decode())
        return
    state = ("compiled (mypyc)" if info["compiled_in_use"] else
             "pure Python" + ("" if info["built"] else ": not built for this source "
                              "(sanctio native build)"))
    console.print(f"screening runs {state}; build folder {info['folder']}")


@app.command("clean")
def clean_cmd(
    everything: Annotated[bool, typer.Option("--all", help="The current build too.")] = False,
) -> None:
    """Remove the builds of older sources (``--all``: every build)."""
    removed = native.clean(keep_current=not everything)
    console.print(f"removed {len(removed)} builds")
