"""`sanctio portfolio`, `sanctio alerts` and `sanctio audit`: ongoing monitoring commands."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import orjson
import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table

if TYPE_CHECKING:
    from sanctio.registry import Registry

console = Console()
err = Console(stderr=True)
T = TypeVar("T")

HomeOpt = Annotated[Path | None, typer.Option(
    "--home", help="Registry folder (default: $SANCTIO_HOME or the user data directory).",
    envvar="SANCTIO_HOME", show_default=False)]
ByOpt = Annotated[str | None, typer.Option(
    "--by", help="Who acts (default: $SANCTIO_USER or the login name).", show_default=False)]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]

portfolio_app = typer.Typer(help="The customer portfolio: import it, screen it, see a "
                                 "customer's screening history.", no_args_is_help=True)
alerts_app = typer.Typer(help="Alerts raised on the portfolio: list, show, decide, export; "
                              "four-eyes rule and webhook settings.", no_args_is_help=True)
audit_app = typer.Typer(help="The keyed audit chain: verify it, print its head, export it.",
                        no_args_is_help=True)


def _registry(home: Path | None) -> Registry:
    from sanctio.registry import Registry, default_home

    return Registry(home or default_home())


def _run(home: Path | None, call: Callable[[Registry], T],
         *fails: tuple[type[Exception], int]) -> tuple[Registry, T]:
    """Open the registry and run the library ``call`` on it. An error of a type in ``fails``
    is printed in red (a KeyError's message without its quotes) and ends the command with
    the exit code paired with it."""
    reg = _registry(home)
    try:
        return reg, call(reg)
    except tuple(kind for kind, _ in fails) as exc:
        err.print(f"[red]{exc.args[0] if isinstance(exc, KeyError) else exc}[/red]")
        raise typer.Exit(next(code for kind, code in fails if isinstance(exc, kind))) from exc


def _print_json(data: Any) -> None:
    sys.stdout.write(orjson.dumps(data, option=orjson.OPT_INDENT_2, default=str).decode()
                     + "\n")


def _json(json_out: bool, data: Any) -> bool:
    """With ``--json``, print ``data`` as JSON: the command's whole answer. Whether it did."""
    if json_out:
        _print_json(data)
    return json_out


def _screener(reg: Registry) -> Any:
    """The screener of the active lists: the index stored on disk for them, else built now
    and stored for the next command (see sanctio.index_store)."""
    import time

    from sanctio.index_store import stored_path, stored_screener

    started = time.perf_counter()
    screener = stored_screener(reg)
    if any(v.is_sample for v in reg.active_versions().values()):
        err.print("[yellow]Using the built-in SAMPLE list; load the official lists with "
                  "`sanctio load` for real screening.[/yellow]")
    how = "read" if stored_path(screener) is not None else "built"
    err.print(f"[dim]index {how} in {time.perf_counter() - started:.1f} s "
              f"({', '.join(screener.list_versions.values())})[/dim]")
    return screener


def _run_summary(data: dict[str, Any]) -> str:
    return (f"{data['customers']:,} customer(s) screened, {data['alerting']:,} with matches: "
            f"{data['opened']:,} alert(s) opened, {data['reopened']:,} reopened, "
            f"{data['decisions_reapplied']:,} false-positive decision(s) applied again "
            f"({data['seconds']:.1f} s)")


# ------------------------------------------------------------------------------ portfolio


@portfolio_app.command("import")
def portfolio_import(
    path: Annotated[Path, typer.Argument(metavar="CUSTOMERS.csv", exists=True, dir_okay=False,
                                         help="CSV with a header row.")],
    mapping: Annotated[list[str] | None, typer.Option(
        "--map", help="field=Header (fields: name, schema, dob, country, gender, id, ref), "
                      "e.g. --map name=FullName --map ref=CustomerNo")] = None,
    keep_missing: Annotated[bool, typer.Option(
        help="Keep customers missing from the file (a partial file) instead of marking them "
             "removed.")] = False,
    delimiter: Annotated[str | None, typer.Option(help="Field delimiter (default: "
                                                       "detected).")] = None,
    screen: Annotated[bool, typer.Option(
        "--screen", help="Screen the added and changed customers right away.")] = False,
    workers: Annotated[int | None, typer.Option(help="Processes for --screen (default: every "
                                                     "core).")] = None,
    json_out: JsonOpt = False,
    by: ByOpt = None,
    home: HomeOpt = None,
) -> None:
    """Import or re-import the portfolio (streaming; reports added, changed, removed and bad
    rows with their line)."""
    from sanctio.monitor.portfolio import PortfolioError, import_portfolio, parse_mapping

    reg, report = _run(home, lambda reg: import_portfolio(
        reg.conn, path, mapping=parse_mapping(mapping), keep_missing=keep_missing,
        delimiter=delimiter, actor=by), (PortfolioError, 2))
    run = None
    if screen and report.screen_nums:
        from sanctio.monitor.portfolio import customers_by_num
        from sanctio.monitor.rescreen import screen_customers

        nums = report.screen_nums

        def customers() -> Any:
            for i in range(0, len(nums), 5000):
                yield from customers_by_num(reader, nums[i:i + 5000])

        reader = reg.connect()
        try:
            run = screen_customers(reg, _screener(reg), customers(), kind="import",
                                   workers=workers, actor=by,
                                   trigger={"import_id": report.import_id})
        finally:
            reader.close()
    if _json(json_out, report.to_dict() | ({"screening": run.to_dict()} if run else {})):
        return
    console.print(
        f"{report.rows:,} row(s) read ({report.encoding}): [green]{report.added:,} added[/green], "
        f"[yellow]{report.changed:,} changed[/yellow], {report.unchanged:,} unchanged, "
        f"[red]{report.removed:,} removed[/red], {report.duplicates:,} identical duplicate(s), "
        f"{report.bad_count:,} bad row(s), {report.warning_count:,} field(s) ignored "
        f"({report.seconds:.1f} s)")
    for c in report.changed_ids[:10]:
        console.print(f"  [yellow]~[/yellow] {c.id}: {', '.join(c.fields)}")
    if report.changed > 10:
        console.print(f"  ... and {report.changed - 10:,} more changed")
    for cid in report.removed_ids[:10]:
        console.print(f"  [red]-[/red] {cid}")
    if report.removed > 10:
        console.print(f"  ... and {report.removed - 10:,} more removed")
    if report.alerts_closed:
        console.print(f"  {report.alerts_closed} alert(s) of removed customers closed")
    for bad in report.bad[:20]:
        err.print(f"  [red]bad row[/red] {bad}")
    if report.bad_count > 20:
        err.print(f"  ... and {report.bad_count - 20:,} more bad rows (see --json)")
    for w in report.warnings[:20]:
        err.print(f"  [yellow]warning[/yellow] line {w.line} (customer {w.ref}): "
                  f"{escape(w.message)}", highlight=False)
    if report.warning_count > 20:
        err.print(f"  ... and {report.warning_count - 20:,} more warnings (see --json)")
    if run:
        console.print(_run_summary(run.to_dict()))


@portfolio_app.command("screen")
def portfolio_screen(
    workers: Annotated[int | None, typer.Option(help="Processes (default: every "
                                                     "core).")] = None,
    threshold: Annotated[float | None, typer.Option(help="Alert threshold (default "
                                                         "0.80).")] = None,
    notify: Annotated[bool, typer.Option(help="Queue webhook notifications for new alerts "
                                              "(when a webhook is configured).")] = True,
    json_out: JsonOpt = False,
    by: ByOpt = None,
    home: HomeOpt = None,
) -> None:
    """Screen the whole portfolio against every loaded list and open alerts."""
    from sanctio.monitor.portfolio import count_customers
    from sanctio.monitor.rescreen import screen_portfolio

    reg = _registry(home)
    total = count_customers(reg.conn)
    if total == 0:
        err.print("[yellow]the portfolio is empty: import it with `sanctio portfolio import`"
                  "[/yellow]")
        raise typer.Exit(1)
    screener = _screener(reg)
    workers = workers or os.cpu_count() or 1

    def progress(n: int) -> None:
        if not json_out and sys.stderr.isatty():
            err.print(f"  {n:,} / {total:,}", end="\r")

    report = screen_portfolio(reg, screener, workers=workers, threshold=threshold, actor=by,
                              notify=None if notify else False, progress=progress)
    if _json(json_out, report.to_dict()):
        return
    console.print(_run_summary(report.to_dict()) + f" — run {report.run_id}")
    if report.delivery:
        console.print(f"  webhook: {report.delivery['delivered']} delivered, "
                      f"{report.delivery['pending']} pending")


@portfolio_app.command("rescreen")
def portfolio_rescreen(
    list_id: Annotated[str, typer.Argument(metavar="LIST", help="The list that changed "
                                                                "(e.g. us-ofac).")],
    old: Annotated[str | None, typer.Option(help="Old version (default: the one before "
                                                 "NEW).")] = None,
    new: Annotated[str | None, typer.Option(help="New version (default: active).")] = None,
    json_out: JsonOpt = False,
    by: ByOpt = None,
    home: HomeOpt = None,
) -> None:
    """Rescreen for a list change (runs by itself after `sanctio load`/`update`)."""
    from sanctio.monitor.rescreen import rescreen_list

    _, report = _run(home, lambda reg: rescreen_list(reg, list_id, old=old, new=new, actor=by),
                     (KeyError, 1))
    if _json(json_out, report.to_dict()):
        return
    console.print(
        f"{list_id}: {report.old_version} -> {report.new_version}: {report.added} added, "
        f"{report.changed} changed, {report.removed} removed; {report.entities} entities, "
        f"{report.candidates:,} candidate customer(s); {report.opened} alert(s) opened, "
        f"{report.reopened} reopened, {report.closed} closed ({report.seconds:.1f} s)")


@portfolio_app.command("list")
def portfolio_list(
    search: Annotated[str | None, typer.Option(help="Part of a name, or a customer "
                                                    "id.")] = None,
    limit: Annotated[int, typer.Option(help="How many to show.")] = 50,
    offset: Annotated[int, typer.Option(help="Skip this many.")] = 0,
    removed: Annotated[bool, typer.Option(help="Include removed customers.")] = False,
    json_out: JsonOpt = False,
    home: HomeOpt = None,
) -> None:
    """List customers of the portfolio."""
    from sanctio.monitor.portfolio import count_customers, list_customers

    reg, rows = _run(home, lambda reg: list_customers(
        reg.conn, search=search, limit=limit, offset=offset, include_removed=removed))
    if _json(json_out, [c.to_dict() for c in rows]):
        return
    table = Table(title=f"Portfolio: {count_customers(reg.conn):,} active customer(s)")
    for col in ("id", "name", "schema", "dob", "country", "identifiers", "updated"):
        table.add_column(col)
    for c in rows:
        name = f"[strike]{c.name}[/strike] (removed)" if c.removed else c.name
        table.add_row(c.id, name, c.schema or "", c.dob or "", c.country or "",
                      "; ".join(c.identifiers), (c.updated_at or "")[:19])
    console.print(table)


@portfolio_app.command("history")
def portfolio_history(
    customer_id: Annotated[str, typer.Argument(metavar="CUSTOMER_ID")],
    json_out: JsonOpt = False,
    home: HomeOpt = None,
) -> None:
    """A customer's screening history: every run that covered them, their alerts and
    decisions."""
    from sanctio.monitor.alerts import customer_history

    _, data = _run(home, lambda reg: customer_history(reg.conn, customer_id), (KeyError, 1))
    if _json(json_out, data):
        return
    c = data["customer"]
    console.print(f"[bold]{c['name']}[/bold] ({c['id']}{', removed' if c['removed'] else ''})"
                  f"  {c['schema'] or ''} {c['dob'] or ''} {c['country'] or ''}")
    table = Table(title="Screenings")
    for col in ("run", "kind", "when", "result", "top score", "matches", "lists"):
        table.add_column(col)
    for r in data["screenings"]:
        table.add_row(str(r["run_id"]), r["kind"], r["started_at"][:19], r["status"],
                      f"{r['top_score']:.2f}" if r["top_score"] is not None else "",
                      ", ".join(f"{m['entity_id']} ({m['score']:.2f}, alert {m['alert_id']})"
                                for m in r["matches"]),
                      ", ".join(r["list_versions"].values()))
    console.print(table)
    for a in data["alerts"]:
        console.print(f"alert {a['id']}: {a['entity_name']} ({a['entity_id']}) "
                      f"[bold]{a['state']}[/bold] score {a['score']:.2f}")
        for e in a["events"]:
            console.print(f"  {e['ts'][:19]} {e['actor']}: {e['event']}"
                          + (f" — {e['reason']}" if e["reason"] else ""))


# --------------------------------------------------------------------------------- alerts


@alerts_app.command("list")
def alerts_list(
    state: Annotated[list[str] | None, typer.Option(
        help="open, in_review, escalated, closed_false_positive, closed_delisted, "
             "closed_customer_removed; or active / closed. Repeatable.")] = None,
    customer: Annotated[str | None, typer.Option(help="Only this customer id.")] = None,
    entity: Annotated[str | None, typer.Option(help="Only this entity id.")] = None,
    limit: Annotated[int, typer.Option(help="How many to show.")] = 100,
    offset: Annotated[int, typer.Option(help="Skip this many.")] = 0,
    json_out: JsonOpt = False,
    home: HomeOpt = None,
) -> None:
    """List alerts, most recent activity first."""
    from sanctio.monitor.alerts import count_alerts, list_alerts

    reg = _registry(home)
    try:
        alerts = list_alerts(reg.conn, state=state, customer_id=customer, entity_id=entity,
                             limit=limit, offset=offset)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--state") from exc
    if _json(json_out, [a.to_dict(full=False) for a in alerts]):
        return
    counts = count_alerts(reg.conn)
    table = Table(title="Alerts (" + ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()))
                  + ")")
    for col in ("id", "state", "customer", "entity", "score", "designations", "updated"):
        table.add_column(col)
    for a in alerts:
        table.add_row(str(a.id), a.state,
                      f"{a.customer_snapshot.get('name', '')}\n[dim]{a.customer_id}[/dim]",
                      f"{a.entity_name}\n[dim]{a.entity_id}[/dim]", f"{a.score:.2f}",
                      "\n".join(f"{d.get('source')}:{d.get('source_id')} "
                                f"{d.get('program') or ''}" for d in a.designations),
                      a.updated_at[:19])
    console.print(table)


@alerts_app.command("show")
def alerts_show(
    alert_id: Annotated[int, typer.Argument(metavar="ALERT_ID")],
    json_out: JsonOpt = False,
    home: HomeOpt = None,
) -> None:
    """Show an alert: customer, entity, designations, explanation, history."""
    from sanctio.monitor.alerts import AlertNotFound, get_alert

    _, a = _run(home, lambda reg: get_alert(reg.conn, alert_id), (AlertNotFound, 1))
    if _json(json_out, a.to_dict()):
        return
    c = a.customer_snapshot
    console.print(f"[bold]Alert {a.id}[/bold]  state: [bold]{a.state}[/bold]  score "
                  f"{a.score:.2f}" + (f"  measure: {a.measure}" if a.measure else ""))
    console.print(f"  customer: {c.get('name')} ({a.customer_id}) {c.get('schema') or ''} "
                  f"{c.get('dob') or ''} {c.get('country') or ''}")
    console.print(f"  entity:   {a.entity_name} ({a.entity_id}, {a.entity_schema}); matched "
                  f"'{a.matched_name}'")
    for d in a.designations:
        console.print(f"  designation: {d.get('source')}:{d.get('source_id')} "
                      f"{d.get('program') or ''} listed {d.get('listed_on') or '?'} "
                      f"[dim]{d.get('list_version')}[/dim]")
    for e in a.explanation:
        console.print(f"  why: {e.get('detail')}"
                      + (f" ({e['effect']:+.2f})" if e.get("effect") else ""))
    if a.reason:
        console.print(f"  reason: {a.reason}")
    if a.proposed_by:
        console.print(f"  [yellow]true match proposed by {a.proposed_by} "
                      f"({a.proposed_measure}); awaiting a second reviewer[/yellow]")
    console.print(f"  lists: {', '.join(a.list_versions.values())}")
    for e in a.events:
        console.print(f"  {e['ts'][:19]} {e['actor']}: {e['event']}"
                      + (f" {e['from']} -> {e['to']}" if e["from"] != e["to"] else "")
                      + (f" — {e['reason']}" if e["reason"] else ""))


@alerts_app.command("decide")
def alerts_decide(
    alert_id: Annotated[int, typer.Argument(metavar="ALERT_ID")],
    decision: Annotated[str, typer.Argument(
        help="review, true-match, false-positive, reopen, or reject (a pending true-match "
             "proposal under the four-eyes rule).")],
    reason: Annotated[str | None, typer.Option(help="Why (required for false-positive, "
                                                    "reopen and reject).")] = None,
    measure: Annotated[str | None, typer.Option(help="For true-match: block or freeze "
                                                     "(default freeze).")] = None,
    json_out: JsonOpt = False,
    by: ByOpt = None,
    home: HomeOpt = None,
) -> None:
    """Decide on an alert."""
    from sanctio.monitor.alerts import AlertNotFound, DecisionError, decide

    _, a = _run(home, lambda reg: decide(reg.conn, alert_id, decision, actor=by, reason=reason,
                                         measure=measure), (AlertNotFound, 1), (DecisionError, 2))
    if _json(json_out, a.to_dict(full=False)):
        return
    if a.proposed_by and a.state == "in_review":
        console.print(f"alert {a.id}: true match ({a.proposed_measure}) proposed by "
                      f"{a.proposed_by}; a second reviewer must confirm it (four-eyes rule)")
    else:
        console.print(f"alert {a.id}: now [bold]{a.state}[/bold]"
                      + (f" ({a.measure})" if a.measure else ""))


@alerts_app.command("export")
def alerts_export(
    path: Annotated[Path | None, typer.Argument(metavar="[OUT.csv]", help="CSV file to write "
                                                "('-' for standard output).")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Same as "
                                                                       "OUT.csv.")] = None,
    state: Annotated[list[str] | None, typer.Option(help="Only these states (or active / "
                                                         "closed).")] = None,
    home: HomeOpt = None,
) -> None:
    """Export alerts to CSV."""
    from sanctio.monitor.alerts import export_alerts

    output = output or path
    if output is None:
        raise typer.BadParameter("give the file to write (OUT.csv or --output)")
    reg = _registry(home)
    if str(output) == "-":
        n = export_alerts(reg.conn, sys.stdout, state=state)
    else:
        with output.open("w", encoding="utf-8", newline="") as f:
            n = export_alerts(reg.conn, f, state=state)
        err.print(f"{n:,} alert(s) written to {output}")


@alerts_app.command("configure")
def alerts_configure(
    four_eyes: Annotated[bool | None, typer.Option(
        "--four-eyes/--no-four-eyes", help="A true-match decision needs a second "
                                           "reviewer.")] = None,
    webhook_url: Annotated[str | None, typer.Option(help="POST new alerts to this URL.")] = None,
    webhook_secret: Annotated[str | None, typer.Option(help="HMAC-SHA256 signing "
                                                            "secret.")] = None,
    no_webhook: Annotated[bool, typer.Option("--no-webhook", help="Stop webhook "
                                                                  "notifications.")] = False,
    backoff: Annotated[float | None, typer.Option(help="First retry delay in seconds "
                                                       "(doubles each time).")] = None,
    json_out: JsonOpt = False,
    by: ByOpt = None,
    home: HomeOpt = None,
) -> None:
    """Show or change the alert settings: four-eyes rule and webhook."""
    from sanctio.monitor import webhook
    from sanctio.monitor.alerts import four_eyes_enabled, set_four_eyes

    reg = _registry(home)
    if four_eyes is not None:
        set_four_eyes(reg.conn, four_eyes, actor=by)
    if no_webhook:
        webhook.configure(reg.conn, None, actor=by)
    elif webhook_url or webhook_secret or backoff is not None:
        cfg = webhook.config(reg.conn)
        url = webhook_url or (cfg.url if cfg else None)
        if not url:
            raise typer.BadParameter("give --webhook-url", param_hint="--webhook-url")
        try:
            webhook.configure(reg.conn, url, webhook_secret, backoff=backoff, actor=by)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="--webhook-url") from exc
    cfg = webhook.config(reg.conn)
    data = {"four_eyes": four_eyes_enabled(reg.conn),
            "webhook_url": cfg.url if cfg else None,
            "webhook_secret_set": bool(cfg and cfg.secret),
            "webhook_backoff": cfg.backoff if cfg else None,
            "webhook_pending": webhook.pending(reg.conn)}
    if _json(json_out, data):
        return
    for k, v in data.items():
        console.print(f"{k}: {v}")


@alerts_app.command("deliver")
def alerts_deliver(
    wait: Annotated[float, typer.Option(help="Keep retrying for up to this many "
                                             "seconds.")] = 0.0,
    json_out: JsonOpt = False,
    home: HomeOpt = None,
) -> None:
    """Deliver the webhook notifications waiting in the outbox (retries with back-off)."""
    from sanctio.monitor import webhook

    reg = _registry(home)
    if not webhook.configured(reg.conn):
        err.print("[yellow]no webhook configured: see `sanctio alerts configure "
                  "--webhook-url`[/yellow]")
        raise typer.Exit(1)
    report = webhook.deliver(reg.conn, wait=wait)
    if json_out:
        _print_json(report.to_dict() | {"outbox": webhook.outbox(reg.conn)})
        return
    console.print(f"{report.delivered} delivered, {report.failed} failed attempt(s), "
                  f"{report.pending} pending"
                  + (f" (next retry in {report.next_attempt_in:.0f} s)"
                     if report.pending and report.next_attempt_in is not None else ""))
    for e in report.errors[:5]:
        err.print(f"  [red]{e}[/red]")
    if report.pending:
        raise typer.Exit(3)


# ---------------------------------------------------------------------------------- audit


@audit_app.command("verify")
def audit_verify(
    head: Annotated[str | None, typer.Option(
        help="SEQ:HASH or SEQ:HMAC printed by an earlier verify or `audit head` and kept "
             "elsewhere: also proves nothing up to it was rewritten.")] = None,
    file: Annotated[Path | None, typer.Option(
        "--file", help="Verify an exported JSONL segment instead of the database.")] = None,
    json_out: JsonOpt = False,
    home: HomeOpt = None,
) -> None:
    """Check the audit chain: every entry's hash and HMAC (the key outside the database),
    the published head (a cut-off or deleted log), and the current state of the alerts and
    decisions against their last chained events. Names the first entry or alert that does
    not hold (exit code 1)."""
    from sanctio.monitor.audit import AuditKeyError, load_key, verify, verify_export

    try:
        if file is not None:
            reg = _registry(home)
            key = load_key(reg.conn)
            result = verify_export(file, key) if key is not None else verify_export(file)
            if key is None:
                result.warnings.append("no audit key here: the segment's hash chain was "
                                       "checked, not its HMACs")
        else:
            reg = _registry(home)
            try:
                result = verify(reg.conn, expected_head=head)
            except ValueError as exc:
                raise typer.BadParameter(str(exc), param_hint="--head") from exc
    except AuditKeyError as exc:
        err.print(f"[red]TAMPERED[/red]: {escape(str(exc))}", soft_wrap=True)
        raise typer.Exit(1) from exc
    if json_out:
        _print_json(result.to_dict())
    elif result.ok:
        head_text = (f"{result.head_seq}:{result.head_mac}" if result.head_mac
                     else f"{result.head_seq}:{result.head_hash}")
        console.print(f"[green]OK[/green]: {result.entries:,} entries, the chain holds "
                      f"({result.keyed:,} keyed), {result.alerts_checked:,} alerts match it. "
                      f"Head: {head_text}", soft_wrap=True)
    else:
        err.print(f"[red]TAMPERED[/red]: {escape(result.problem or '')}"
                  + (f" (first bad entry {result.first_bad_seq}; " if result.first_bad_seq
                     else " (") + f"{result.entries:,} entries verified)", soft_wrap=True)
        for problem in result.problems[1:20]:
            err.print(f"  also: {escape(problem)}", soft_wrap=True)
        if len(result.problems) > 20:
            err.print(f"  ... and {len(result.problems) - 20} more")
    if not json_out:
        for w in result.warnings:
            err.print(f"[yellow]warning[/yellow]: {escape(w)}", soft_wrap=True)
    if not result.ok:
        raise typer.Exit(1)


@audit_app.command("head")
def audit_head(
    json_out: JsonOpt = False,
    home: HomeOpt = None,
) -> None:
    """Print the chain's head (SEQ:HMAC of the newest entry) and where it is published; keep
    it elsewhere and pass it to `audit verify --head` later."""
    from sanctio.monitor.audit import head_file, head_mac, key_file, published_head

    reg = _registry(home)
    seq, mac = head_mac(reg.conn)
    published = published_head(reg.conn)
    if json_out:
        _print_json({"seq": seq, "hmac": mac, "head": f"{seq}:{mac}" if mac else None,
                     "key_file": str(key_file(reg.conn)),
                     "head_file": str(head_file(reg.conn)), "published": published})
        return
    # plain stdout: the head is meant to be copied (or piped) whole
    sys.stdout.write((f"{seq}:{mac}" if mac else f"{seq}:" + (
        "(unkeyed entry)" if seq else "(empty log)")) + "\n")
    err.print(f"published in {head_file(reg.conn)}: "
              + (f"{published['seq']}:{published['hmac']}" if published else "nothing yet"))


@audit_app.command("export")
def audit_export(
    output: Annotated[Path, typer.Argument(metavar="OUT", help="File to write (.jsonl or "
                                                               ".csv; '-' for standard "
                                                               "output).")],
    since: Annotated[str | None, typer.Option(help="From this date or time (ISO).")] = None,
    until: Annotated[str | None, typer.Option(help="Up to this date (inclusive) or "
                                                   "time.")] = None,
    fmt: Annotated[str | None, typer.Option("--format", help="jsonl or csv (default: from "
                                                             "the file name).")] = None,
    by: ByOpt = None,
    home: HomeOpt = None,
) -> None:
    """Export the audit log of a period (with the hashes, so it can be verified)."""
    from sanctio.monitor.audit import export, record_audit

    reg = _registry(home)
    fmt = fmt or ("csv" if output.suffix.lower() == ".csv" else "jsonl")
    try:
        if str(output) == "-":
            n = export(reg.conn, sys.stdout, since=since, until=until, fmt=fmt)
        else:
            with output.open("w", encoding="utf-8", newline="") as f:
                n = export(reg.conn, f, since=since, until=until, fmt=fmt)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc
    record_audit(reg.conn, by, "audit.export", {"since": since, "until": until, "entries": n,
                                                "format": fmt, "file": str(output)})
    if str(output) != "-":
        err.print(f"{n:,} entries written to {output}")


def register(app: typer.Typer) -> None:
    """Mount the monitoring commands on the main `sanctio` app."""
    app.add_typer(portfolio_app, name="portfolio")
    app.add_typer(alerts_app, name="alerts")
    app.add_typer(audit_app, name="audit")
