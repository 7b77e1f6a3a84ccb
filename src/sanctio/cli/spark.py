"""``sanctio spark-index`` and ``spark-screen``: batch screening on Apache Spark, over
:mod:`sanctio.spark` (``pyspark`` is imported when a command runs)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from sanctio.batch import FIELDS
from sanctio.cli.common import _exit_on_alert, _parse_map, err
from sanctio.spark import (
    INSTALL_HINT,
    _output_kind,
    auto_partitions,
    read_table,
    save_index,
    screen,
    spark_session,
)


def register(app: typer.Typer) -> None:
    @app.command("spark-index")
    def spark_index_cmd(
        output: Annotated[Path, typer.Argument(metavar="OUT.index",
                                               help="Where to write the index file.")],
        home: Annotated[Path | None, typer.Option("--home", envvar="SANCTIO_HOME",
                                                  help="Registry folder.")] = None,
    ) -> None:
        """Write the index of the active list versions to a file, for `spark-screen --index`
        (put it where every executor can read it: HDFS, S3, a shared mount)."""
        started = time.perf_counter()
        versions = save_index(output, home=home)
        err.print(f"index of {', '.join(sorted(versions.values()))} -> {output} "
                  f"({output.stat().st_size / 1e6:,.0f} MB, "
                  f"{time.perf_counter() - started:.1f} s)")

    @app.command("spark-screen")
    def spark_screen_cmd(
        input_path: Annotated[str, typer.Argument(
            metavar="INPUT", help="A path or URI Spark reads: CSV (with a header), Parquet, "
                                  "JSON Lines or ORC (by suffix, or --input-format).")],
        output: Annotated[str, typer.Option(
            "--output", "-o", help="Output folder (Spark writes part files): .parquet "
                                   "(the contract as columns, input columns kept), .csv "
                                   "(screen-file's CSV columns) or .jsonl (screen-file's "
                                   "JSON lines).")],
        mapping: Annotated[list[str] | None, typer.Option(
            "--map", help="field=Column, e.g. --map name=FullName --map ref=CustomerId")
        ] = None,
        threshold: Annotated[float | None, typer.Option(help="Alert threshold.")] = None,
        index: Annotated[str | None, typer.Option(
            "--index", help="An index file from `sanctio spark-index` (local path, hdfs://, "
                            "s3a://...); default: build it from the registry and broadcast "
                            "it.")] = None,
        master: Annotated[str | None, typer.Option(
            "--master", help="Spark master (default: spark-submit's, else local[*]).")
        ] = None,
        partitions: Annotated[int | None, typer.Option(
            "--partitions", help="Repartition the input into this many partitions (default: "
                                 "four per core when it has fewer than two).")] = None,
        input_format: Annotated[str | None, typer.Option("--input-format")] = None,
        output_format: Annotated[str | None, typer.Option(
            "--output-format", help="parquet, csv or json (default: by suffix).")] = None,
        conf: Annotated[list[str] | None, typer.Option(
            "--conf", help="Spark setting key=value (repeatable).")] = None,
        overwrite: Annotated[bool, typer.Option(help="Replace an existing output.")] = False,
        fail_on_alert: Annotated[bool, typer.Option(
            "--fail-on-alert", help="Exit with code 3 when any row is an alert.")] = False,
        home: Annotated[Path | None, typer.Option("--home", envvar="SANCTIO_HOME",
                                                  help="Registry folder.")] = None,
    ) -> None:
        """Screen a table on Apache Spark (local mode or a cluster), with the same results
        as screen-file; the index is built once and shipped to the executors."""
        try:
            import pyspark  # noqa: F401
        except ImportError as exc:
            err.print(f"[red]{INSTALL_HINT}[/red]")
            raise typer.Exit(2) from exc
        kind = _output_kind(output, output_format)
        if kind not in ("parquet", "csv", "json"):
            err.print(f"[red]--output-format: parquet, csv or json, not {kind}[/red]")
            raise typer.Exit(2)
        try:
            fields = _parse_map(mapping or [])
            unknown = [k for k in fields if k not in FIELDS]
            if unknown:
                raise ValueError(f"--map: unknown field(s) {', '.join(unknown)}; fields "
                                 f"are {', '.join(FIELDS)}")
            spark = spark_session(master, "sanctio spark-screen", conf or [])
        except ValueError as exc:
            err.print(f"[red]{exc}[/red]")
            raise typer.Exit(2) from exc
        started = time.perf_counter()
        screener = None
        if index is None:
            from sanctio.screen import Screener  # the screener's imports: once it is used

            screener = Screener.from_home(home)
        df = read_table(spark, input_path, input_format)
        sc = spark.sparkContext
        counters = (sc.accumulator(0), sc.accumulator(0), sc.accumulator(0))
        try:
            result = screen(
                df, fields.get("name", "name"), schema_col=fields.get("schema"),
                dob_col=fields.get("dob"), country_col=fields.get("country"),
                gender_col=fields.get("gender"), id_col=fields.get("id"),
                ref_col=fields.get("ref"), screener=screener, index=index,
                threshold=threshold, partitions=partitions or auto_partitions(df),
                output={"parquet": "contract", "csv": "flat", "json": "json"}[kind],
                counters=counters)
        except ValueError as exc:
            err.print(f"[red]{exc}[/red]")
            raise typer.Exit(2) from exc
        writer = result.write.mode("overwrite" if overwrite else "errorifexists")
        if kind == "csv":
            writer.option("header", True).option("escape", '"').csv(output)
        elif kind == "json":
            writer.text(output)
        else:
            writer.parquet(output)
        seconds = time.perf_counter() - started
        rows, alerts, errors = (c.value for c in counters)
        rate = rows / seconds if seconds > 0 else 0.0
        err.print(f"rows: {rows:,}  alerts: {alerts:,}  errors: {errors:,}  time: "
                  f"{seconds:.1f} s  rows/s: {rate:,.0f}  -> {output}")
        if screener is not None:
            from sanctio.monitor.audit import record_screening

            record_screening(
                screener.registry.conn, "screening.batch", queries=rows, alerts=alerts,
                errors=errors, threshold=threshold if threshold is not None
                else screener.threshold, list_versions=dict(screener.list_versions),
                command="spark-screen", status="completed", input=input_path, output=output,
                master=sc.master, seconds=round(seconds, 3))
        _exit_on_alert(fail_on_alert, alerts > 0)
