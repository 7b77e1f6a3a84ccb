"""``sanctio update``: download the official lists (:mod:`sanctio.download`) and load them."""

from __future__ import annotations

import sys
from typing import Annotated

import orjson
import typer

from sanctio.cli.common import (
    HomeOpt,
    IndexOpt,
    _print_load,
    app,
    console,
    err,
    monitored,
    open_registry,
    prepare_index,
)
from sanctio.download import (
    BASE_ENV,
    DEFAULT_MAX_BYTES,
    DEFAULT_RETRIES,
    DEFAULT_TIMEOUT,
    OPTIONAL_SOURCES,
    SOURCES,
    resolve_sources,
    update,
)

# ------------------------------------------------------------------------------------ CLI


def _pairs(items: list[str] | None, option: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in items or []:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise typer.BadParameter(f"{item!r}: use SOURCE=VALUE", param_hint=option)
        out[key.strip()] = value.strip()
    return out


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n / 1e3:.1f} kB"



@app.command("update")
def update_cmd(
    source: Annotated[list[str] | None, typer.Option(
        "--source", help=f"A list to update ({', '.join(SOURCES)}; also "
                         f"{', '.join(OPTIONAL_SOURCES)} when named); repeat for several. "
                         "Default: all but the optional ones.")] = None,
    url_override: Annotated[list[str] | None, typer.Option(
        "--url-override", help="SOURCE=URL: fetch this source from URL (for the OFAC "
                               "CSV set, a folder address).")] = None,
    sha256: Annotated[list[str] | None, typer.Option(
        "--sha256", help="SOURCE=HEX or FILE=HEX: the expected SHA-256; a mismatch "
                         "fails the source.")] = None,
    base: Annotated[str | None, typer.Option(
        "--base", envvar=BASE_ENV, show_default=False,
        help="Mirror: fetch every file from BASE/<file name>.")] = None,
    ofac_format: Annotated[str, typer.Option(
        "--ofac-format", help="OFAC SDN list as the CSV set (csv) or SDN.XML (xml).")
    ] = "csv",
    timeout: Annotated[float, typer.Option(
        help="Connect and read timeout, seconds.", min=0.1)] = DEFAULT_TIMEOUT,
    retries: Annotated[int, typer.Option(
        help="Retries on network errors and HTTP 5xx.", min=0)] = DEFAULT_RETRIES,
    max_size: Annotated[int, typer.Option(
        "--max-size", help="Largest file accepted, MB.", min=1)
    ] = DEFAULT_MAX_BYTES // (1024 * 1024),
    allow_shrink: Annotated[bool, typer.Option(
        "--allow-shrink", help="Load a download even if it removes more than 10% "
                               "($SANCTIO_MAX_SHRINK) of a list's records.")] = False,
    allow_older: Annotated[bool, typer.Option(
        "--allow-older", help="Load a download even if its publisher dates it before "
                              "the active version.")] = False,
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    index: IndexOpt = None,
    home: HomeOpt = None,
) -> None:
    """Download the official lists from the authorities and load them (atomic per list;
    a list that fails, or whose download would shrink it or go back in time, keeps its
    previous version)."""


    if ofac_format not in ("csv", "xml"):
        raise typer.BadParameter("use csv or xml", param_hint="--ofac-format")
    overrides = _pairs(url_override, "--url-override")
    checksums = _pairs(sha256, "--sha256")
    try:
        chosen = resolve_sources(source, ofac_format)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--source") from exc
    for key in overrides:
        if key not in SOURCES and key not in OPTIONAL_SOURCES:
            raise typer.BadParameter(f"unknown source {key!r}", param_hint="--url-override")
    reg = open_registry(home)

    def log(message: str) -> None:
        err.print(f"[yellow]retry[/yellow] {message}")

    # monitoring hears of each load (every outcome) once the downloads are printed
    with monitored(reg):
        try:
            results = update(reg, [s.key for s in chosen], base=base, overrides=overrides,
                             timeout=timeout, retries=retries, checksums=checksums,
                             max_bytes=max_size * 1024 * 1024, ofac_format=ofac_format,
                             log=log, allow_shrink=allow_shrink, allow_older=allow_older)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--sha256") from exc
        if json_out:
            sys.stdout.write(orjson.dumps([r.to_dict() for r in results],
                                          option=orjson.OPT_INDENT_2).decode() + "\n")
        else:
            for r in results:
                for f in r.files:
                    console.print(f"{r.source}: downloaded {f.name} ({_size(f.size)}, "
                                  f"{f.seconds:.1f} s) from {f.url}\n  sha256 {f.sha256}")
                if r.load is not None:
                    _print_load(r.load)
                else:
                    err.print(f"[red]FAILED[/red] {r.source} ({r.stage}): {r.error}")
                    if r.previous:
                        err.print(f"  the previous version {r.previous.label} stays active")
        loads = [r.load for r in results
                 if r.load is not None and r.status in ("loaded", "reactivated")]
    prepare_index(reg, loads, index)
    failed = [r.source for r in results if not r.ok]
    if failed:
        if not json_out:
            err.print(f"[red]{len(failed)} of {len(results)} source(s) failed:[/red] "
                      f"{', '.join(failed)}")
        raise typer.Exit(1)
