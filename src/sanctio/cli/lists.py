"""``sanctio load``, ``lists``, ``diff`` and ``show``: the registry's lists and entities."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import orjson
import typer
from rich.markup import escape
from rich.table import Table

from sanctio.cli.common import (
    HomeOpt,
    IndexOpt,
    LateStatus,
    MaxAgeOpt,
    _date_text,
    _parse_map,
    _print_load,
    app,
    cli_screener,
    console,
    err,
    monitored,
    open_registry,
    prepare_index,
)


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
    with monitored(reg):
        for path in paths:
            result = reg.load(path, fmt=fmt, list_id=list_id, allow_shrink=allow_shrink,
                              allow_older=allow_older, allow_incomplete=allow_incomplete,
                              max_shrink=None if max_shrink is None else max_shrink / 100,
                              **options)
            _print_load(result)
            results.append(result)
            failed |= result.status == "failed"
    prepare_index(reg, results, index)
    if failed:
        raise typer.Exit(1)


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
    table = Table(title=f"Lists in {reg.where}")
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
    from sanctio.entity_view import closest_matches, name_groups
    from sanctio.index_store import entities_by_name, entity_by_ref

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
    data = screener.entity_view(entity)
    # each record's history across the stored versions of its list (first seen, changed,
    # removed, relisted): one key look-up per version
    data["history"] = {f"{r['list']}:{r['source_id']}": [
        e.to_dict() for e in reg.record_history(r["list"], r["source_id"])]
        for r in data["records"]}
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
        target = r.get("target_entity_id")
        console.print(f"  {r['type']}: {escape(r['target_name'] or r['target_id'] or '')}"
                      + (f" [dim]({target})[/dim]" if target else ""))
    for r in data.get("linked_from", []):
        console.print(f"  {r['type']} from: {escape(r['caption'])} [dim]({r['entity_id']})[/dim]")
    table = Table(title="Designations (timeline)")
    for col in ("listed on", "authority", "id", "programme", "measures", "list version"):
        table.add_column(col)
    for d in data["designations"]:
        table.add_row(d["listed_on"] or "", d["authority"], f"{d['source']}:{d['source_id']}",
                      escape(d["program"] or ""), ", ".join(d["measures"]), d["list_version"])
    console.print(table)
    if data["not_listed_by"]:
        console.print(f"  [bold]Not listed by[/bold]: {', '.join(data['not_listed_by'])}")
