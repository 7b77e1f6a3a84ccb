"""The `sanctio` command line keeps its commands: the set of commands and groups of the Typer
app (built from the modules of sanctio.cli), walked recursively."""

from __future__ import annotations

from typing import Any

from typer.main import get_command

from sanctio.cli import app

COMMANDS = {
    "load", "lists", "diff", "show", "screen", "screen-file", "update", "serve", "scan",
    "export", "spark-index", "spark-screen",
    "keys", "keys create", "keys list", "keys revoke",
    "portfolio", "portfolio history", "portfolio import", "portfolio list",
    "portfolio rescreen", "portfolio screen",
    "alerts", "alerts configure", "alerts decide", "alerts deliver", "alerts export",
    "alerts list", "alerts show",
    "audit", "audit export", "audit head", "audit verify",
    "evaluate", "evaluate fit", "evaluate learn-japanese-names", "evaluate learn-names",
    "evaluate learn-org-words",
    "evaluate make-pairs", "evaluate native",
    "evaluate pairs", "evaluate variants",
    "payments", "payments screen",
    "native", "native build", "native clean", "native status",
}


def _walk(cmd: Any, path: tuple[str, ...] = ()) -> set[str]:
    out = {" ".join(path)} if path else set()
    for name, sub in getattr(cmd, "commands", {}).items():
        out |= _walk(sub, (*path, name))
    return out


def test_the_app_has_every_command() -> None:
    assert _walk(get_command(app)) == COMMANDS


def test_commands_are_listed_in_the_same_order() -> None:
    names = list(get_command(app).commands)  # type: ignore[attr-defined]
    assert names[:12] == ["load", "lists", "diff", "show", "screen", "screen-file", "update",
                          "serve", "scan", "export", "spark-index", "spark-screen"]
