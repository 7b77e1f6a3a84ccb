"""``sanctio evaluate``: measure the screener on generated variants and labelled pairs."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import orjson
import typer
from rich.console import Console
from rich.table import Table

from sanctio.types import DEFAULT_THRESHOLD

if TYPE_CHECKING:
    from sanctio.evaluate.pairs import Confusion
    from sanctio.screen import Screener

app = typer.Typer(
    help="Model validation: recall on generated name variants, false alerts on generated "
         "unlisted names, and precision/recall on labelled name pairs, each beside a simple "
         "baseline.",
    no_args_is_help=True, add_completion=False,
)
console = Console()
err = Console(stderr=True)

HomeOpt = Annotated[Path | None, typer.Option(
    "--home", help="Registry folder (default: $SANCTIO_HOME or the user data directory).",
    envvar="SANCTIO_HOME", show_default=False)]


def _screener(home: Path | None) -> Screener:
    from sanctio.registry import Registry, default_home
    from sanctio.screen import Screener

    reg = Registry(home or default_home())
    if any(v.is_sample for v in reg.active_versions().values()):
        err.print("[yellow]The registry holds only the built-in SAMPLE list: load the official "
                  "lists (`sanctio load`) for a meaningful evaluation.[/yellow]")
    return Screener(reg)


def _pct(x: float | None) -> str:
    return "–" if x is None else f"{100 * x:.1f}%"


@app.command("variants")
def variants_cmd(
    home: HomeOpt = None,
    sample: Annotated[int, typer.Option(
        "--sample", min=1, help="Variants per category (entities drawn in a seeded order "
                                "that takes every loaded list in turn).")] = 125,
    unlisted: Annotated[int, typer.Option(
        "--unlisted", min=0, help="Generated unlisted names (people and companies).")] = 5000,
    seed: Annotated[int, typer.Option("--seed", help="Seed of every random draw.")] = 42,
    categories: Annotated[str | None, typer.Option(
        "--categories", help="Comma-separated categories (default: all). Known: exact, "
                             "case_punct, typo1, typo2, transposition, reorder, family_given, "
                             "drop_middle, initials, titles, translit, particles, script, "
                             "legal_form, ordinal, homoglyph, combo.")] = None,
    threshold: Annotated[float, typer.Option(
        "--threshold", min=0.5, max=1.0, help="Alert threshold the figures are given at.")
    ] = DEFAULT_THRESHOLD,
    output: Annotated[Path, typer.Option(
        "--output", help="Folder for report.html, summary.json and the per-query CSVs.")
    ] = Path("evaluation"),
    workers: Annotated[int, typer.Option(
        "--workers", min=0, help="Screening processes (0: one per CPU).")] = 0,
    names_only: Annotated[bool, typer.Option(
        "--names-only", help="Leave dates of birth and nationalities out of the queries.")
    ] = False,
) -> None:
    """Screen generated variants of listed names and generated unlisted names; write recall
    per category, false alerts per 1,000, curves over thresholds, the worst misses and false
    alerts, and the same figures for a rapidfuzz token_sort_ratio baseline."""
    from sanctio.evaluate.run import Config, evaluate, parse_categories, write_outputs

    started = time.perf_counter()
    try:
        cats = parse_categories(categories)
    except ValueError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    err.print("building the screener index…")
    screener = _screener(home)
    cfg = Config(sample=sample, unlisted=unlisted, seed=seed, categories=cats,
                 threshold=threshold, workers=workers, names_only=names_only)
    summary = evaluate(screener, cfg, progress=lambda m: err.print(f"[dim]{m}[/dim]"))
    summary["timings"]["total_seconds"] = round(time.perf_counter() - started, 2)
    paths = write_outputs(summary, output)
    print_summary(summary)
    console.print(f"report: {paths['report']}\nsummary: {paths['summary']}")


def print_summary(s: dict[str, Any]) -> None:
    sf = s["sanctio"]
    bf = s["baseline"]
    table = Table(title=f"Recall at threshold {s['threshold']}")
    table.add_column("category")
    table.add_column("n", justify="right")
    table.add_column("Sanctio", justify="right")
    table.add_column("baseline", justify="right")
    counts = s["counts"]
    for c, r in sf["recall_per_category"].items():
        table.add_row(c, str(counts["variants_per_category"][c]), _pct(r),
                      _pct(bf["recall_per_category"].get(c)))
    table.add_row("[b]all[/b]", str(counts["variants"]), f"[b]{_pct(sf['recall'])}[/b]",
                  f"[b]{_pct(bf['recall'])}[/b]")
    console.print(table)
    console.print(
        f"false alerts per 1,000 unlisted: Sanctio {sf['false_alerts_per_1000']:.1f}, "
        f"baseline {bf['false_alerts_per_1000']:.1f} ({counts['unlisted_scored']} names, "
        f"{counts['collisions']} collisions set aside)")
    timings = s["timings"]
    console.print(
        f"queries/second: Sanctio {sf['queries_per_second']:.1f}, baseline "
        f"{bf['queries_per_second']:.1f}; total {timings.get('total_seconds', 0):.1f} s")


@app.command("pairs")
def pairs_cmd(
    file: Annotated[Path, typer.Argument(
        exists=True, dir_okay=False, help="Labelled pairs CSV (name1,name2,schema,is_match"
                                          "[,category][,group]) or the cross-script layout.")],
    home: HomeOpt = None,
    threshold: Annotated[float, typer.Option(
        "--threshold", min=0.0, max=1.0, help="A pair is predicted a match at this score.")
    ] = DEFAULT_THRESHOLD,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
) -> None:
    """Score labelled name pairs with the screener's own name comparison: precision, recall,
    F1 and confusion counts overall, per category and per group, and the disagreements."""
    from sanctio.evaluate.pairs import PairsFileError, evaluate_pairs, read_pairs

    try:
        pairs = read_pairs(file)
    except PairsFileError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    screener = _screener(home)
    report = evaluate_pairs(pairs, screener.compare, threshold)
    if as_json:
        sys.stdout.write(orjson.dumps(report.to_dict(), option=orjson.OPT_INDENT_2).decode()
                         + "\n")
        return

    def conf_table(title: str, rows: dict[str, Confusion]) -> Table:
        t = Table(title=title)
        for col in ("", "pairs", "TP", "FP", "FN", "TN", "precision", "recall", "F1"):
            t.add_column(col, justify="right" if col else "left")
        for key, c in rows.items():
            d = c.to_dict()
            t.add_row(key, str(d["pairs"]), str(d["tp"]), str(d["fp"]), str(d["fn"]),
                      str(d["tn"]), _pct(d["precision"]), _pct(d["recall"]), _pct(d["f1"]))
        return t

    console.print(conf_table(f"{file.name} at threshold {threshold}",
                             {"overall": report.overall}))
    console.print(conf_table("per category", dict(sorted(report.by_category.items()))))
    console.print(conf_table("per group", dict(sorted(report.by_group.items()))))
    dis = report.disagreements
    if dis:
        t = Table(title=f"disagreements ({len(dis)})")
        for col in ("line", "name1", "name2", "label", "score", "category", "explanation"):
            t.add_column(col)
        for s in dis:
            t.add_row(str(s.pair.line), s.pair.name1, s.pair.name2,
                      "match" if s.pair.is_match else "no match", f"{s.score:.2f}",
                      s.pair.category, s.explanation)
        console.print(t)
    below = report.below_min
    if below:
        t = Table(title=f"below their own minimum score ({len(below)})")
        for col in ("line", "name1", "name2", "min", "score", "group"):
            t.add_column(col)
        for s in below:
            t.add_row(str(s.pair.line), s.pair.name1, s.pair.name2,
                      f"{s.pair.min_score:.2f}", f"{s.score:.2f}", s.pair.group)
        console.print(t)
