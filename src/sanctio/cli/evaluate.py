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

from sanctio.contract import DEFAULT_THRESHOLD

if TYPE_CHECKING:
    from sanctio.evaluate.pairs import Confusion
    from sanctio.registry import Registry
    from sanctio.screen import Screener

app = typer.Typer(
    help="Model validation: recall on generated name variants, false alerts on generated "
         "unlisted names, recall on the lists' own native-script names, and precision/recall "
         "on labelled name pairs (your own, or built from the lists with make-pairs).",
    no_args_is_help=True, add_completion=False,
)
console = Console()
err = Console(stderr=True)

EXTRA_MODULES = ("faker", "matplotlib")  # the `[evaluate]` extra; not in the core install


def missing_extra() -> list[str]:
    """The modules of the ``[evaluate]`` extra that are not installed."""
    import importlib.util

    missing = []
    for name in EXTRA_MODULES:
        try:
            found = importlib.util.find_spec(name) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            missing.append(name)
    return missing


@app.callback()
def _require_extra() -> None:
    # runs before every `sanctio evaluate` command (no docstring: the group keeps its help)
    missing = missing_extra()
    if missing:
        err.print(f"[red]sanctio evaluate needs {' and '.join(missing)}, which the core "
                  "install leaves out.[/red] Install them with: pip install "
                  "'sanctio\\[evaluate]'", highlight=False, soft_wrap=True)
        raise typer.Exit(2)

HomeOpt = Annotated[Path | None, typer.Option(
    "--home", help="Registry folder (default: $SANCTIO_HOME or the user data directory).",
    envvar="SANCTIO_HOME", show_default=False)]


def _registry(home: Path | None) -> Registry:
    from sanctio.registry import Registry, default_home

    reg = Registry(home or default_home())
    if any(v.is_sample for v in reg.active_versions().values()):
        err.print("[yellow]The registry holds only the built-in SAMPLE list: load the official "
                  "lists (`sanctio load`) for a meaningful evaluation.[/yellow]")
    return reg


def _screener(home: Path | None) -> Screener:
    from sanctio.screen import Screener

    return Screener(_registry(home))


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
    unknown_kind: Annotated[bool, typer.Option(
        "--unknown-kind", help="Send the queries without their kind (person or "
        "organisation), as a payment message or a line of text gives a name.")] = False,
    unlisted_shape: Annotated[str, typer.Option(
        "--unlisted-shape", help="customers: people and companies as customer files hold "
        "them; fixtures: people as a screening test file holds them (a second given name "
        "three times in five, the given name first, each locale's own script).")
    ] = "customers",
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
    from sanctio.evaluate.unlisted import SHAPES

    if unlisted_shape not in SHAPES:
        err.print(f"[red]--unlisted-shape: {unlisted_shape} (known: {', '.join(SHAPES)})[/red]")
        raise typer.Exit(2)
    cfg = Config(sample=sample, unlisted=unlisted, seed=seed, categories=cats,
                 threshold=threshold, workers=workers, names_only=names_only,
                 unknown_kind=unknown_kind, unlisted_shape=unlisted_shape)
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
    if "misses" in sf:
        m = sf["misses"]
        console.print(
            f"misses: {m['missed']} ({m['scored_below_threshold'] + m['name_comparison_low']}"
            f" scoring decisions, {m['candidate_stage']} at the candidate stage: never scored,"
            " the name comparison alone reaching the threshold)")
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
    split: Annotated[str | None, typer.Option(
        "--split", help="Only the pairs of this split (train or heldout; the file needs a "
                        "split column, as make-pairs writes it).")] = None,
    html_out: Annotated[Path | None, typer.Option(
        "--html", dir_okay=False, help="Also write an HTML report (reliability diagram, "
                                       "per category and group, disagreements).")] = None,
) -> None:
    """Score labelled name pairs with the screener's own name comparison: precision, recall,
    F1 and confusion counts overall, per category and per group, a reliability table (share
    of true matches per score bin) and the disagreements."""
    from sanctio.evaluate.pairs import PairsFileError, evaluate_pairs, filter_split, read_pairs

    try:
        pairs = read_pairs(file)
        if split:
            pairs = filter_split(pairs, split)
    except PairsFileError as exc:
        err.print(f"[red]{exc}[/red]")
        raise typer.Exit(2) from exc
    screener = _screener(home)
    report = evaluate_pairs(pairs, screener.compare, threshold)
    data = report.to_dict()
    data["file"] = str(file)
    data["split"] = split
    if html_out is not None:
        from sanctio.evaluate.report import render_pairs_html

        html_out.parent.mkdir(parents=True, exist_ok=True)
        html_out.write_text(render_pairs_html(data, f"Labelled pairs: {file.name}"),
                            encoding="utf-8")
        err.print(f"report: {html_out}")
    if as_json:
        sys.stdout.write(orjson.dumps(data, option=orjson.OPT_INDENT_2).decode() + "\n")
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

    console.print(conf_table(f"{file.name} at threshold {threshold}"
                             + (f", split {split}" if split else ""),
                             {"overall": report.overall}))
    console.print(reliability_table(report.reliability))
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


def reliability_table(bins: list[dict[str, Any]]) -> Table:
    t = Table(title="reliability: share of true matches per score bin")
    for col in ("score", "pairs", "true matches", "share"):
        t.add_column(col, justify="right")
    for b in bins:
        t.add_row(f"{b['low']:.1f}-{b['high']:.1f}", str(b["count"]), str(b["matches"]),
                  _pct(b["share_match"]))
    return t


@app.command("native")
def native_cmd(
    home: HomeOpt = None,
    output: Annotated[Path, typer.Option(
        "--output", help="Folder for summary.json, native.csv and report.html.")
    ] = Path("evaluation-native"),
    sample: Annotated[int | None, typer.Option(
        "--sample", min=1, help="At most this many names per script (seeded draw; default: "
                                "every native-script name).")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the per-script draw.")] = 42,
    threshold: Annotated[float, typer.Option(
        "--threshold", min=0.5, max=1.0, help="Alert threshold the figures are given at.")
    ] = DEFAULT_THRESHOLD,
    workers: Annotated[int, typer.Option(
        "--workers", min=0, help="Screening processes (0: one per CPU).")] = 0,
) -> None:
    """Screen every native-script name of the loaded lists (Cyrillic, Arabic, Han, Hangul,
    Greek ...) against an index holding the parties only through their Latin-script names:
    recall per script and per list, and for each miss whether the party was no candidate
    or scored low."""
    from sanctio.evaluate.native import NativeConfig, evaluate_native, write_native_outputs

    started = time.perf_counter()
    reg = _registry(home)
    cfg = NativeConfig(sample=sample, seed=seed, threshold=threshold, workers=workers)
    summary = evaluate_native(reg, cfg, progress=lambda m: err.print(f"[dim]{m}[/dim]"))
    summary["timings"]["total_seconds"] = round(time.perf_counter() - started, 2)
    paths = write_native_outputs(summary, output)
    print_native(summary)
    console.print(f"report: {paths['report']}\nsummary: {paths['summary']}\n"
                  f"queries: {paths['queries']}")


def print_native(s: dict[str, Any]) -> None:
    def table(title: str, groups: dict[str, Any]) -> Table:
        t = Table(title=title)
        for col in ("", "names", "recall", "scored low", "no candidate",
                    "no cand., name ≥ t", "other alerts"):
            t.add_column(col, justify="right" if col else "left")
        for k, v in groups.items():
            t.add_row(k, str(v["n"]), _pct(v["recall"]), str(v["scored_low"]),
                      str(v["no_candidate"]), str(v["no_candidate_name_score_above"]),
                      str(v["other_entity_on_top"]))
        return t

    console.print(table(f"Native-script names at threshold {s['threshold']}",
                        {**s["per_script"], "[b]all[/b]": s["overall"]}))
    console.print(table("per script and schema", s["per_script_and_schema"]))
    console.print(table("per script, schema and split (learned tables learn from train only)",
                        s["per_script_schema_and_split"]))
    console.print(table("per list (a name several lists give counts for each)",
                        s["per_list"]))
    if s["skipped_no_latin_name"]:
        console.print("skipped, the party has no Latin-script name: " + ", ".join(
            f"{k} {v}" for k, v in s["skipped_no_latin_name"].items()))


@app.command("learn-names")
def learn_names_cmd(
    home: HomeOpt = None,
    output: Annotated[Path, typer.Option(
        "--output", dir_okay=False,
        help="The table to write (ship it as src/sanctio/data/name_variants.json).")
    ] = Path("name_variants.json"),
    part: Annotated[str, typer.Option(
        "--part", help="Learn from all persons, or only those of the 'learn' part (to "
                       "measure on the 'heldout' ones).")] = "all",
    share: Annotated[float, typer.Option(
        "--share", min=0.05, max=0.95, help="Share of persons in the learn part.")] = 0.8,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the split.")] = 0,
    parts_file: Annotated[Path | None, typer.Option(
        "--parts", dir_okay=False, help="Also write entity id -> part (learn, heldout) of "
                                        "every East Slavic person, as JSON.")] = None,
) -> None:
    """Learn classes of name variants (Mykola, Nikolai, Mikalai; Mykolayovych, Nikolaevich)
    from the names the lists give one East Slavic person, kept when at least two persons
    give them."""
    from sanctio.evaluate.learn_names import learn_from_registry, write_table

    if part not in ("all", "learn", "heldout"):
        err.print("[red]--part is all, learn or heldout[/red]")
        raise typer.Exit(2)
    reg = _registry(home)
    doc, parts = learn_from_registry(reg, None if part == "all" else part, share, seed,
                                     progress=lambda m: err.print(f"[dim]{m}[/dim]"))
    write_table(doc, output)
    if parts_file is not None:
        parts_file.write_bytes(orjson.dumps(parts, option=orjson.OPT_SORT_KEYS))
    console.print(f"{doc['persons']} persons ({doc['entities']} entities), "
                  f"{doc['candidate_pairs']} candidate pairs, {doc['pairs']} kept, "
                  f"{len(doc['classes'])} classes written to {output}")


@app.command("learn-org-words")
def learn_org_words_cmd(
    home: HomeOpt = None,
    output: Annotated[Path, typer.Option(
        "--output", dir_okay=False,
        help="The table to write (ship it as src/sanctio/data/org_words.json).")
    ] = Path("org_words.json"),
    split: Annotated[str, typer.Option(
        "--split", help="Learn from the organisations of the train split (the split of "
                        "make-pairs, so that evaluate native measures on the heldout ones), "
                        "or from all.")] = "train",
) -> None:
    """Learn the English words of Cyrillic and Greek organisation names (завод: plant,
    научно: research, Υπουργείο: ministry) from the organisations the lists give in those
    scripts and in English."""
    from sanctio.evaluate.learn_org_words import learn_from_registry, write_table

    if split not in ("all", "train"):
        err.print("[red]--split is train or all[/red]")
        raise typer.Exit(2)
    doc = learn_from_registry(_registry(home), None if split == "all" else split,
                              progress=lambda m: err.print(f"[dim]{m}[/dim]"))
    write_table(doc, output)
    console.print(f"{doc['organisations']} organisation names in Cyrillic or Greek with an "
                  f"English one, {len(doc['words'])} words written to {output}")


@app.command("learn-japanese-names")
def learn_japanese_names_cmd(
    home: HomeOpt = None,
    output: Annotated[Path, typer.Option(
        "--output", dir_okay=False,
        help="The table to write (ship it as src/sanctio/data/japanese_names.json).")
    ] = Path("japanese_names.json"),
    enamdict: Annotated[Path, typer.Option(
        "--enamdict", exists=True, dir_okay=False,
        help="The EDRDG's ENAMDICT file, EUC-JP (Debian package enamdict).")
    ] = Path("/usr/share/edict/enamdict"),
    kanjidic: Annotated[Path, typer.Option(
        "--kanjidic", exists=True, dir_okay=False,
        help="The EDRDG's KANJIDIC file, EUC-JP (Debian package kanjidic).")
    ] = Path("/usr/share/edict/kanjidic"),
) -> None:
    """Learn the readings of Japanese family and given names in kanji (篠田建市: Shinoda
    Kenichi) that the lists' names have, from the EDRDG's name and character dictionaries."""
    from sanctio.evaluate.learn_japanese import learn_from_registry, write_table

    doc = learn_from_registry(_registry(home), enamdict, kanjidic,
                              progress=lambda m: err.print(f"[dim]{m}[/dim]"))
    write_table(doc, output)
    console.print(f"{len(doc['family'])} family names, {len(doc['given'])} given names and "
                  f"{len(doc['chars'])} characters written to {output}")


@app.command("make-pairs")
def make_pairs_cmd(
    home: HomeOpt = None,
    output: Annotated[Path, typer.Option(
        "--output", dir_okay=False, help="The pairs CSV to write.")] = Path("pairs.csv"),
    seed: Annotated[int, typer.Option("--seed", help="Seed of the split and samples.")] = 42,
    per_category: Annotated[int, typer.Option(
        "--per-category", min=1, help="At most this many pairs per category.")] = 1500,
    heldout: Annotated[float, typer.Option(
        "--heldout", min=0.05, max=0.95, help="Share of entities in the heldout split.")
    ] = 0.3,
) -> None:
    """Write a labelled pair set built from the loaded lists: two names of one party
    (cross-script, spelling, alias, translation) and look-alike names of different parties
    (hard-negative, same-family-name, cross-script-negative), split by entity into train and
    heldout. Score it with `sanctio evaluate pairs FILE --split heldout`."""
    from sanctio.evaluate.listpairs import build_pairs, describe, write_pairs

    reg = _registry(home)
    pairs = build_pairs(reg.entities(), seed=seed, per_category=per_category,
                        heldout=heldout)
    if not pairs:
        err.print("[red]no pairs: the loaded lists give no party two names[/red]")
        raise typer.Exit(1)
    write_pairs(pairs, output)
    d = describe(pairs)
    t = Table(title=f"{d['pairs']} pairs ({d['matches']} matches) written to {output}")
    t.add_column("category")
    splits = list(d["per_split"])
    for sp in splits:
        t.add_column(f"{sp} ({d['entities_per_split'][sp]} entities)", justify="right")
    cats = sorted({c for v in d["per_split"].values() for c in v})
    for c in cats:
        t.add_row(c, *(str(d["per_split"][sp].get(c, 0)) for sp in splits))
    console.print(t)
    console.print("groups: " + ", ".join(f"{k} {v}" for k, v in d["per_group"].items()))


@app.command("fit")
def fit_cmd(
    home: HomeOpt = None,
    output: Annotated[Path, typer.Option(
        "--output", dir_okay=False,
        help="Where to write the model table (ship it as src/sanctio/data/name_model.json)."
    )] = Path("name_model.json"),
    seed: Annotated[int, typer.Option("--seed", help="Seed of the training samples.")] = 2027,
    per_category: Annotated[int, typer.Option(
        "--per-category", min=10, help="Generated variants per category.")] = 400,
    unlisted: Annotated[int, typer.Option(
        "--unlisted", min=100, help="Unlisted names whose candidates are negatives.")] = 6000,
    negative_weight: Annotated[float, typer.Option(
        "--negative-weight", min=0.01,
        help="Total weight of the negatives against the positives.")] = 1.0,
    c: Annotated[float, typer.Option("--C", min=0.0001, help="Inverse regularisation.")] = 1.0,
) -> None:
    """Fit the name model's feature weights (a logistic regression, scikit-learn) on
    comparisons from the loaded lists: generated variants and list pairs of the train part
    as positives, unlisted names against their candidates and look-alike list pairs as
    negatives. Prints recall and alert rate per source on a 20% validation share and a
    reliability table, and writes the table."""
    from sanctio.evaluate.fit import fit, shuffle_split, summarise, training_examples, write_table

    screener = _screener(home)
    entities = [info.entity for info in screener.entities]
    started = time.perf_counter()
    examples = training_examples(screener, entities, seed=seed, per_category=per_category,
                                 unlisted=unlisted)
    train, valid = shuffle_split(examples, seed)
    table = fit(train, negative_weight=negative_weight, c=c)
    table["trained_on"].update({"seed": seed, "per_category": per_category,
                                "unlisted": unlisted, "lists": screener.list_versions})
    summary = summarise(valid, table)
    table["validation"] = summary
    write_table(table, output)
    t = Table(title=f"validation ({len(valid)} comparisons; fitted on {len(train)} in "
                    f"{time.perf_counter() - started:.0f} s)")
    t.add_column("source")
    t.add_column("n", justify="right")
    t.add_column("recall / alert rate at 0.80", justify="right")
    for src, row in summary["sources"].items():
        if "alerts_per_1000" in row:
            t.add_row(src, str(row["n"]), f"{row['alerts_per_1000']:.1f} per 1,000")
        else:
            t.add_row(src, str(row["n"]), _pct(row.get("recall", row.get("alert_rate"))))
    console.print(t)
    console.print("reliability: " + ", ".join(
        f"{r['bin']} {_pct(r['share'])} (n={r['n']})" for r in summary["reliability"]))
    console.print("weights: " + ", ".join(f"{k} {v:+.2f}" for k, v in table["weights"].items())
                  + f"; intercept {table['intercept']:+.2f}")
    console.print(f"model table: {output}")
