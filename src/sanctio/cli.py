"""The `sanctio` command line."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import orjson
import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from sanctio import __version__
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


@app.callback(invoke_without_command=True)
def main(version: Annotated[bool, typer.Option("--version", help="Show the version.")] = False
         ) -> None:
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


def _after_load(reg: Registry, results: list[LoadResult]) -> None:
    """Hooks after a successful load: audit log and portfolio rescreening, when present."""
    try:
        from sanctio.monitor.rescreen import after_load
    except ImportError:
        return
    after_load(reg, results, console)


@app.command()
def load(
    paths: Annotated[list[Path], typer.Argument(help="List files, or a folder holding an OFAC "
                                                     "CSV set (sdn.csv, alt.csv, add.csv...).")],
    fmt: Annotated[str | None, typer.Option("--format", help="Format, if not detected.")] = None,
    list_id: Annotated[str | None, typer.Option("--list", help="List name to load into.")] = None,
    name: Annotated[str | None, typer.Option(help="List name: a custom list's (with --format "
                                                  "custom-csv, required), or the source key "
                                                  "of an official file (e.g. us-ofac-cons).")
                    ] = None,
    mapping: Annotated[list[str] | None, typer.Option(
        "--map", help="Custom CSV columns: field=Header (name, aliases, type, dob, "
                      "nationality, identifiers, program, listed_on, id).")] = None,
    allow_shrink: Annotated[bool, typer.Option(
        "--allow-shrink", help="Load even if it removes more than --max-shrink of the "
                               "list's active records.")] = False,
    max_shrink: Annotated[float | None, typer.Option(
        "--max-shrink", min=0, max=100, show_default=False,
        help="Largest share of a list's records a load may remove, percent (default 10; "
             "$SANCTIO_MAX_SHRINK).")] = None,
    allow_older: Annotated[bool, typer.Option(
        "--allow-older", help="Load even if the publisher dates the file before the active "
                              "version.")] = False,
    allow_incomplete: Annotated[bool, typer.Option(
        "--allow-incomplete", help="Load an incomplete input (an OFAC CSV set without "
                                   "alt.csv or add.csv, a ConList missing columns) with a "
                                   "warning.")] = False,
    index: IndexOpt = None,
    home: HomeOpt = None,
) -> None:
    """Load official list files into the registry (atomic; a failed file changes nothing).

    A load that would remove more than 10% of a list's records, a file older than the
    active version, or an incomplete input is refused unless allowed."""
    reg = open_registry(home)
    options: dict[str, Any] = {}
    if fmt == "custom-csv":
        if not name:
            raise typer.BadParameter("a custom list needs --name", param_hint="--name")
        options["name"] = name
        options["mapping"] = _parse_map(mapping or [])
        list_id = list_id or name
    elif name:
        options["source"] = name
        list_id = list_id or name
    if fmt is not None:
        from sanctio import sources

        if fmt not in sources.formats():
            raise typer.BadParameter(f"unknown format; use one of: "
                                     f"{', '.join(sources.formats())}", param_hint="--format")
    results = []
    failed = False
    for path in paths:
        result = reg.load(path, fmt=fmt, list_id=list_id, allow_shrink=allow_shrink,
                          allow_older=allow_older, allow_incomplete=allow_incomplete,
                          max_shrink=None if max_shrink is None else max_shrink / 100,
                          **options)
        _print_load(result)
        results.append(result)
        failed |= result.status == "failed"
    _after_load(reg, results)
    prepare_index(reg, results, index)
    if failed:
        raise typer.Exit(1)


def _parse_map(items: list[str]) -> dict[str, str]:
    out = {}
    for item in items:
        if "=" not in item:
            raise typer.BadParameter(f"{item!r}: use field=Header", param_hint="--map")
        k, v = item.split("=", 1)
        out[k.strip()] = v.strip()
    return out


@app.command("lists")
def lists_cmd(
    json_out: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
    max_age: MaxAgeOpt = None,
    home: HomeOpt = None,
) -> None:
    """Show each list's active version and its history: the date of its data (the
    publisher's, or derived from the data), its age in days, and failed or refused loads."""
    reg = open_registry(home)
    versions = reg.versions()
    warnings = reg.age_warnings(max_age)
    for w in warnings:
        err.print(f"[yellow]warning[/yellow]: {w}")
    if json_out:
        sys.stdout.write(orjson.dumps([v.to_dict() for v in versions],
                                      option=orjson.OPT_INDENT_2).decode() + "\n")
        return
    table = Table(title=f"Lists in {reg.path}")
    for col in ("list", "status", "version", "data date", "age (days)", "loaded at",
                "records", "sha256", "file / error"):
        table.add_column(col)
    for v in versions:
        style = {"active": "green", "failed": "red"}.get(v.status, "dim")
        age = v.age_days()
        failed = v.status == "failed"
        table.add_row(v.list_id, f"[{style}]{v.status}[/{style}]", v.label,
                      "" if failed else _date_text(v),
                      "" if failed or age is None else f"{age:,}", v.loaded_at,
                      str(v.record_count), v.sha256[:12],
                      (v.error or v.file_name or "")[:200 if failed else 80])
    console.print(table)


def id_order(source_id: str) -> tuple[Any, ...]:
    """Sort key of list identifiers in numeric order (``9`` before ``10``; ``EU.27.28``
    before ``EU.123.1``), text parts as text."""
    import re

    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part)
                 for part in re.split(r"(\d+)", source_id) if part)


@app.command()
def diff(
    list_id: Annotated[str, typer.Argument(metavar="LIST", help="The list (e.g. us-ofac).")],
    old: Annotated[str | None, typer.Argument(help="Old version (id, label or sha256).")] = None,
    new: Annotated[str | None, typer.Argument(help="New version (default: active).")] = None,
    limit: Annotated[int, typer.Option(
        "--limit", min=0, help="Designations listed per section (added, removed, changed); "
                               "0 lists all. The summary counts all.")] = 50,
    json_out: Annotated[bool, typer.Option("--json", help="Every change, as JSON (no "
                                                          "limit).")] = False,
    home: HomeOpt = None,
) -> None:
    """Designations added, removed and changed between two versions of a list: a summary,
    then each section in numeric id order."""
    reg = open_registry(home)
    try:
        d = reg.diff(list_id, old, new)
    except KeyError as exc:
        err.print(f"[red]{exc.args[0]}[/red]")
        raise typer.Exit(1) from exc
    for items in (d.added, d.removed, d.changed):
        items.sort(key=lambda c: id_order(c.source_id))
    if json_out:
        sys.stdout.write(orjson.dumps(d.to_dict(), option=orjson.OPT_INDENT_2).decode() + "\n")
        return
    from collections import Counter

    console.print(f"{list_id}: {d.old.label if d.old else '(nothing)'} -> {d.new.label}")
    console.print(f"  {len(d.added):,} added, {len(d.removed):,} removed, "
                  f"{len(d.changed):,} changed")
    fields = Counter(f for c in d.changed for f in c.fields)
    if fields:
        console.print("  changed fields: " + ", ".join(f"{f} {n:,}"
                                                      for f, n in fields.most_common()))
    sections = (("added", "green", "+", d.added), ("removed", "red", "-", d.removed),
                ("changed", "yellow", "~", d.changed))
    for title, color, mark, items in sections:
        if not items:
            continue
        shown = items if limit == 0 else items[:limit]
        console.print(f"[bold]{title}[/bold] ({len(items):,})")
        for c in shown:
            extra = f" ({', '.join(c.fields)})" if title == "changed" else ""
            console.print(f"  [{color}]{mark} {c.source_id}[/{color}] {escape(c.name or '')}"
                          f"{extra}")
        if len(items) > len(shown):
            console.print(f"  [dim]... and {len(items) - len(shown):,} more (--limit 0 lists "
                          f"all, --json prints every change)[/dim]")


NAMES_PER_GROUP = 3


@app.command()
def show(
    query: Annotated[str, typer.Argument(help="An entity id, a record key (us-ofac:29119) "
                                              "or a name as listed.")],
    json_out: Annotated[bool, typer.Option("--json")] = False,
    all_names: Annotated[bool, typer.Option(
        "--all-names", help="List every name (by default names are grouped by script and "
                            "language, the first 3 of each group shown).")] = False,
    home: HomeOpt = None,
) -> None:
    """Print an entity: names, facts, relations and its designations by authority.

    An id, a record key or a name exactly as listed shows that entity; anything else is
    not guessed: the closest entities are listed instead (exit code 1)."""
    from sanctio.index_store import entities_by_name, entity_by_ref
    from sanctio.show import closest_matches, entity_to_dict, name_groups

    reg = open_registry(home)
    with LateStatus("looking up…") as status:
        # the entities as the stored index of the active lists holds them (the same as
        # `screen` finds them), without merging every list again
        screener = cli_screener(reg, status)
        pos = entity_by_ref(screener, query)
        found = [pos] if pos is not None else entities_by_name(screener, query)
        closest = closest_matches(screener, query) if not found else []
    entity = screener.entities[found[0]].entity if len(found) == 1 else None
    if len(found) > 1:
        err.print(f"{len(found)} entities have the name {query!r}; show one by its id:")
        for p in found[:20]:
            e = screener.entities[p].entity
            err.print(f"  {e.id}  {e.caption}  ({e.schema.value})", markup=False)
        raise typer.Exit(1)
    if entity is None:
        err.print(f"[red]no entity has the id or name {escape(repr(query))}[/red]")
        if closest:
            err.print("the closest (show one with `sanctio show ID`):")
            for m in closest:
                err.print(f"  {m.score:.2f}  {m.entity_id}  {m.name}"
                          + (f"  (as {m.matched_name})" if m.matched_name != m.name else ""),
                          markup=False, highlight=False)
        raise typer.Exit(1)
    lists = list(screener.lists)
    data = entity_to_dict(entity, lists)
    if json_out:
        sys.stdout.write(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n")
        return
    console.print(f"[bold]{escape(data['caption'])}[/bold]  ({data['schema']}, "
                  f"{data['entity_id']})")
    names = data["names"]
    primaries = [n for n in names if n["type"] == "primary"]
    others = [n for n in names if n["type"] != "primary"]
    groups = name_groups(others)
    console.print(f"  names: {len(names)}"
                  + (f", {len(groups)} group(s) by script and language"
                     + ("" if all_names else "; --all-names lists each") if groups else ""))
    console.print("  primary: " + "; ".join(f"{escape(n['name'])} [dim]({n['list']})[/dim]"
                                            for n in primaries))
    for g in groups:
        members = g["names"]
        if all_names:
            console.print(f"  [bold]{g['label']}[/bold] ({len(members)})")
            for n in members:
                console.print(f"    {n['type']:<9} {escape(n['name'])}  [dim]{n['list']}[/dim]")
            continue
        shown = "; ".join(escape(n["name"]) for n in members[:NAMES_PER_GROUP])
        more = len(members) - NAMES_PER_GROUP
        console.print(f"  [bold]{g['label']}[/bold] ({len(members)}): {shown}"
                      + (f" [dim]+{more} more[/dim]" if more > 0 else ""))
    for key in ("birth_dates", "birth_places", "nationalities", "gender"):
        if data[key]:
            console.print(f"  {key.replace('_', ' ')}: {escape(', '.join(data[key]))}")
    for i in data["identifiers"]:
        console.print(f"  {i['type']}: {escape(i['number'])} {i['country'] or ''}")
    for r in data["relations"]:
        console.print(f"  {r['type']}: {escape(r['target_name'] or r['target_id'] or '')}")
    table = Table(title="Designations (timeline)")
    for col in ("listed on", "authority", "id", "programme", "measures", "list version"):
        table.add_column(col)
    for d in data["designations"]:
        table.add_row(d["listed_on"] or "", d["authority"], f"{d['source']}:{d['source_id']}",
                      escape(d["program"] or ""), ", ".join(d["measures"]), d["list_version"])
    console.print(table)
    if data["not_listed_by"]:
        console.print(f"  [bold]Not listed by[/bold]: {', '.join(data['not_listed_by'])}")


# -------------------------------------------------------------------------- screening


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
    from sanctio.types import Query, QueryError

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


def _mount(module: str) -> None:
    """Mount a sub-command module (service, monitoring, evaluation) when it is installed."""
    try:
        mod = importlib.import_module(module)
    except ImportError as exc:
        if os.environ.get("SANCTIO_DEBUG"):
            err.print(f"cannot load {module}: {exc}")
        return
    if hasattr(mod, "register"):
        mod.register(app)
    elif hasattr(mod, "app"):
        app.add_typer(mod.app, name=module.split(".")[-2])


for _module in ("sanctio.batch", "sanctio.update", "sanctio.service.cli", "sanctio.monitor.cli",
                "sanctio.evaluate.cli", "sanctio.scan_cli", "sanctio.ftm"):
    _mount(_module)
_mount("sanctio.payments.cli")  # sanctio payments screen
_mount("sanctio.spark")  # sanctio spark-screen, spark-index (pyspark itself is imported on use)


if __name__ == "__main__":
    app()
