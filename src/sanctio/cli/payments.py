"""``sanctio payments screen FILE…``: screen pacs.008 and MT103 payment messages."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import IO, Annotated

import typer

from sanctio.cli.common import audit_screening, open_registry

app = typer.Typer(help="Payment messages (ISO 20022 pacs.008, SWIFT MT103).",
                  no_args_is_help=True)


@app.command("screen")
def screen_cmd(
    files: Annotated[list[Path], typer.Argument(help="pacs.008 XML or MT103 files (told "
                                                     "apart by their content).")],
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Write one JSON line per message here ('-' for standard "
                               "output).")] = None,
    fmt: Annotated[str | None, typer.Option(
        "--format", help="pacs008 or mt103 (default: told from each file).")] = None,
    rules: Annotated[Path | None, typer.Option(
        "--rules", help="Country rules JSON (default: the built-in table).")] = None,
    threshold: Annotated[float | None, typer.Option(
        help="Name alert threshold (default 0.80).")] = None,
    workers: Annotated[int, typer.Option(help="Processes screening messages.")] = 1,
    open_alerts: Annotated[bool, typer.Option(
        "--open-alerts", help="Open alerts in the monitoring queue for held and blocked "
                              "messages (one per message and listed party).")] = False,
    fail_on_hold: Annotated[bool, typer.Option(
        "--fail-on-hold", help="Exit with code 3 when any message is held, blocked or in "
                               "error.")] = False,
    home: Annotated[Path | None, typer.Option(help="Registry folder.")] = None,
) -> None:
    """Screen every party, agent, BIC, IBAN, country and free-text field of each message;
    a decision per message (pass, hold, block, error) with the fields that caused it."""
    from rich.console import Console
    from rich.markup import escape

    from sanctio.monitor.audit import file_sha256
    from sanctio.payments.rules import CountryRules, RulesError
    from sanctio.payments.screen import PaymentResult, PaymentScreener
    from sanctio.screen import Screener

    err = Console(stderr=True)
    for f in files:
        if not f.is_file():
            err.print(f"[red]cannot read {escape(str(f))}: not a file[/red]")
            raise typer.Exit(2)
    try:
        table = CountryRules.load(rules)
    except RulesError as exc:
        err.print(f"[red]{escape(str(exc))}[/red]")
        raise typer.Exit(2) from exc
    out: IO[str] | None = None
    if output is not None:
        if str(output) == "-":
            out = sys.stdout
        elif output.exists() and output.stat().st_size > 0:
            err.print(f"[red]{escape(str(output))} exists[/red]")
            raise typer.Exit(2)
        else:
            out = output.open("w", encoding="utf-8")
    reg = open_registry(home)
    screener = Screener(reg)
    ps = PaymentScreener(screener, threshold=threshold, rules=table)
    started = time.perf_counter()
    counts = {"pass": 0, "hold": 0, "block": 0, "error": 0}
    flagged: list[PaymentResult] = []

    console = Console(stderr=out is sys.stdout)
    try:
        for decision, line, r in ps.screen_files(list(files), fmt=fmt, workers=workers):
            counts[decision] += 1
            if out is not None:
                out.write(line.decode() + "\n")
            if r is not None:
                if open_alerts:
                    flagged.append(r)
                label = f"{r.message.source}: {r.message.label}"
                colour = {"hold": "yellow", "block": "red", "error": "magenta"}[r.decision]
                console.print(f"[{colour}]{r.decision.upper()}[/{colour}] {escape(label)}")
                lines = list(r.message.errors) if r.message.errors else [
                    f"{h.path}: {h.reason}" for h in r.hits[:5]]
                for reason in lines:
                    console.print(f"    {escape(str(reason))}")
    finally:
        if out is not None and out is not sys.stdout:
            out.close()
    seconds = time.perf_counter() - started
    total = sum(counts.values())
    console.print(f"{total} message(s): {counts['pass']} pass, {counts['hold']} hold, "
                  f"{counts['block']} block, {counts['error']} error "
                  f"({total / seconds if seconds else 0:.0f} messages/s); country rules "
                  f"{escape(table.version)} ({escape(table.source)})")
    audit_screening(reg, "screening.payments",
                    [{"file": str(f), "sha256": file_sha256(f)} for f in files],
                    counts["hold"] + counts["block"], ps.threshold,
                    dict(screener.list_versions), command="payments screen",
                    messages=total, decisions=counts)
    if open_alerts:
        from sanctio.payments.screen import open_alerts as open_payment_alerts

        report = open_payment_alerts(reg, screener, flagged, threshold=ps.threshold)
        console.print(f"alerts: {report['opened']} opened, {report['reopened']} reopened, "
                      f"{report['updated']} updated (run {report['run_id']}); country-rule "
                      "holds have no listed party and open none")
    if fail_on_hold and (counts["hold"] or counts["block"] or counts["error"]):
        raise typer.Exit(3)
