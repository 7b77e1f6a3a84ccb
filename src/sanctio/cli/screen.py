"""``sanctio screen`` and ``screen-file``: one name, or every row of a CSV file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import orjson
import typer
from rich.markup import escape
from rich.table import Table

from sanctio.cli.common import (
    FailOnAlertOpt,
    HomeOpt,
    LateStatus,
    MaxAgeOpt,
    _exit_on_alert,
    _parse_map,
    _sample_notice,
    app,
    audit_screening,
    cli_screener,
    console,
    err,
    open_registry,
)


@app.command()
def screen(
    name: Annotated[str, typer.Argument(help="The name to screen.")],
    schema: Annotated[str | None, typer.Option(help="Person, Organization, Vessel, Aircraft "
                                                    "or any.")] = None,
    dob: Annotated[str | None, typer.Option(help="Date of birth (YYYY-MM-DD, YYYY-MM, "
                                                 "YYYY).")] = None,
    country: Annotated[str | None, typer.Option(help="Nationality or country (ISO code or "
                                                     "name).")] = None,
    gender: Annotated[str | None, typer.Option(help="male or female.")] = None,
    ident: Annotated[list[str] | None, typer.Option("--id", help="An identifier (passport, "
                                                                 "IMO...).")] = None,
    store_queries: Annotated[bool, typer.Option(
        "--store-queries", help="Keep the query itself in the audit chain (by default only "
                                "its SHA-256).")] = False,
    threshold: Annotated[float | None, typer.Option(help="Alert threshold (default "
                                                         "0.80).")] = None,
    top: Annotated[int, typer.Option(help="Also show the best K below the threshold.")] = 0,
    json_out: Annotated[bool, typer.Option("--json", help="One JSON object.")] = False,
    fail_on_alert: FailOnAlertOpt = False,
    max_age: MaxAgeOpt = None,
    home: HomeOpt = None,
) -> None:
    """Screen one name against every loaded list.

    A date of birth, country, schema or gender that cannot be read is ignored with a warning;
    the name is still screened. Exit code 3 with --fail-on-alert when it alerts."""
    from sanctio.contract import Query, QueryError

    try:
        query = Query.build(name, schema=schema, dob=dob, country=country, gender=gender,
                            identifiers=ident or [])
    except QueryError as exc:
        raise typer.BadParameter(str(exc), param_hint="NAME" if exc.field == "name"
                                 else f"--{exc.field}") from exc
    reg = open_registry(home)
    if not json_out:
        _sample_notice(reg)
    # (on a terminal only: rich shows no spinner when stderr is redirected)
    with LateStatus("screening…") as status:
        screener = cli_screener(reg, status)
        # a word no list contains may wait for rigour's name tagger (seconds, once)
        result = screener.screen(query, threshold=threshold, top=top)
    audit_screening(reg, "screening.cli", [query.to_dict()], int(result.status == "alert"),
                    result.threshold, result.list_versions, store_queries, command="screen")
    # ignored query fields, then stale lists: on stderr, and in the JSON object
    warnings = [*result.warnings, *reg.age_warnings(max_age)]
    for w in warnings:
        err.print(f"[yellow]warning[/yellow]: {escape(w)}", highlight=False)
    if json_out:
        sys.stdout.write(orjson.dumps({**result.to_dict(), "warnings": warnings}).decode()
                         + "\n")
        _exit_on_alert(fail_on_alert, result.status == "alert")
        return
    color = "red" if result.status == "alert" else "green"
    console.print(f"[bold {color}]{result.status.upper()}[/bold {color}] {name!r}: "
                  f"{sum(1 for m in result.matches if not m.below_threshold)} match(es) at "
                  f"threshold {result.threshold:.2f}")
    if result.matches:
        table = Table(show_lines=True)
        for col in ("score", "entity", "matched name", "lists and programmes", "why"):
            table.add_column(col)
        for m in result.matches:
            desig = "\n".join(
                f"{d.source}:{d.source_id} {d.program or ''} ({d.listed_on or '?'})"
                for d in m.designations)
            if m.not_listed_by:
                desig += "\nnot on: " + ", ".join(m.not_listed_by)
            score = f"{m.score:.2f}" + (" (below)" if m.below_threshold else "")
            table.add_row(score, f"{m.name}\n[dim]{m.entity_id} {m.schema}[/dim]",
                          f"{m.matched_name}\n[dim]{m.name_type}[/dim]", desig,
                          "\n".join(e.detail for e in m.explanation))
        console.print(table)
    console.print(f"[dim]lists: {', '.join(result.list_versions.values())}[/dim]")
    _exit_on_alert(fail_on_alert, result.status == "alert")


@app.command("screen-file")
def screen_file_cmd(
    input_path: Annotated[Path, typer.Argument(metavar="INPUT.csv", exists=True,
                                               dir_okay=False, help="CSV with a header.")],
    output: Annotated[Path, typer.Option("--output", "-o", help="OUT.jsonl or OUT.csv")],
    mapping: Annotated[list[str] | None, typer.Option(
        "--map", help="field=Header, e.g. --map name=FullName --map ref=CustomerId")] = None,
    threshold: Annotated[float | None, typer.Option(help="Alert threshold.")] = None,
    workers: Annotated[int, typer.Option(help="Processes to use.")] = 1,
    resume: Annotated[bool, typer.Option(help="Continue an interrupted run.")] = False,
    overwrite: Annotated[bool, typer.Option(help="Replace an existing output.")] = False,
    fail_on_alert: Annotated[bool, typer.Option(
        "--fail-on-alert", help="Exit with code 3 when any row is an alert (after the "
                                "whole file is screened and written).")] = False,
    home: Annotated[Path | None, typer.Option("--home", envvar="SANCTIO_HOME",
                                              help="Registry folder.")] = None,
) -> None:
    """Screen every row of a CSV file (streaming; JSON Lines or CSV output).

    A row that cannot be read (an unclosed quote, no name) is an error line naming it;
    a bad date of birth, country, schema or gender is ignored with a warning."""
    from sanctio.batch import check_output, screen_file

    if overwrite and output.exists():
        output.unlink()
    try:
        check_output(output, resume)
        reg = open_registry(home)
        # the index stored for the active lists (read in a fraction of a second), not a new
        # build of it for every file
        with LateStatus("reading the screening index…") as status:
            screener = cli_screener(reg, status)
        summary = screen_file(
            input_path, output, home=reg.home, mapping=_parse_map(mapping or []),
            threshold=threshold, workers=workers, resume=resume,
            progress=sys.stderr.isatty(), audit=True, screener=screener)
    except (FileExistsError, ValueError) as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    err.print(
        f"rows: {summary.rows:,}  alerts: {summary.alerts:,}  errors: {summary.errors:,}"
        + (f"  resumed after: {summary.skipped:,}" if summary.skipped else "")
        + f"  time: {summary.seconds:.1f} s  rows/s: {summary.rate:,.0f}  -> {output}")
    _exit_on_alert(fail_on_alert, summary.alerts > 0)
