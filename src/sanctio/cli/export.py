"""``sanctio export``: the active lists as FollowTheMoney entities (:mod:`sanctio.ftm`)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sanctio.cli.common import (
    app,
    console,
    err,
    open_registry,
)
from sanctio.ftm import FORMAT, export


@app.command("export")
def export_cmd(
    output: Annotated[Path, typer.Argument(help="The file to write (JSON Lines).")],
    fmt: Annotated[str, typer.Option("--format", help="Output format: ftm "
                                                      "(FollowTheMoney entities).")] = "ftm",
    force: Annotated[bool, typer.Option("--force", help="Replace an existing file.")
                     ] = False,
    home: Annotated[Path | None, typer.Option(
        "--home", help="Registry folder (default: $SANCTIO_HOME or the user data "
                       "directory).", envvar="SANCTIO_HOME", show_default=False)] = None,
) -> None:
    """Write the registry's active lists as FollowTheMoney entities (as OpenSanctions
    publishes them): parties, sanctions, documents and links, one JSON object a line."""

    if fmt != FORMAT:
        raise typer.BadParameter("the only export format is ftm", param_hint="--format")
    if output.exists() and not force:
        err.print(f"{output} exists: pass --force to replace it")
        raise typer.Exit(2)
    reg = open_registry(home)
    counts = export(reg, output)
    total = sum(counts.values())
    detail = ", ".join(f"{n} {s}" for s, n in sorted(counts.items(), key=lambda x: -x[1]))
    console.print(f"wrote {total} FtM entities to {output} ({detail})")
