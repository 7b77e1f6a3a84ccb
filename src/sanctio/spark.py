"""Batch screening on Apache Spark: ``sanctio.spark.screen(df)`` and ``sanctio spark-screen``.

The index is built once, on the driver (from the registry, or read from an index file that
``sanctio spark-index`` wrote), and shipped to the executors: as a Spark broadcast, or as a
file that Spark hands to every executor (``SparkContext.addFile``: HDFS, S3, a shared mount).
Each Python worker process loads it once and keeps it for every later task and run; each
partition screens its rows with that same :class:`~sanctio.screen.Screener` (``mapPartitions``),
so a row gets exactly the result that ``sanctio screen-file`` gives it.

Output (``output=``):

- ``"contract"`` (default): the input columns, then the output contract of ``screen-file``
  as columns: ``ref``, ``query`` (struct), ``status``, ``error``, ``threshold``, ``matches``
  (array of structs; an explanation's ``data`` is a JSON string), ``list_versions`` (map),
  ``warnings``. :func:`contract_dict` turns such a row back into the contract's JSON object.
- ``"flat"``: the columns of ``screen-file``'s CSV output (the best match flattened), without
  ``row``.
- ``"json"``: one column ``result``, the JSON line ``screen-file`` writes, without ``row``.

A DataFrame has no row numbers: results carry no ``row``, and an error says ``name: a name is
required`` where ``screen-file`` says ``row 4: name: a name is required``.

``pyspark`` is an optional dependency (``pip install 'sanctio[spark]'``); it needs Java 17+.
"""

from __future__ import annotations

import copy
import gc
import hashlib
import os
import pickle
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from sanctio.batch import CSV_COLUMNS, FIELDS, build_query, csv_row
from sanctio.contract import Query, QueryError, ScreenResult

if TYPE_CHECKING:
    from pyspark import Broadcast
    from pyspark.sql import DataFrame, Row, SparkSession
    from pyspark.sql.types import StructType

    from sanctio.index import NameIndex
    from sanctio.screen import Screener

FORMAT = "sanctio-index/1"
CONTRACT_COLUMNS = ("ref", "query", "status", "error", "threshold", "matches", "list_versions",
                    "warnings")
FLAT_COLUMNS = tuple(c for c in CSV_COLUMNS if c != "row")
OUTPUTS = ("contract", "flat", "json")
INSTALL_HINT = "Spark screening needs pyspark (and Java 17+): pip install 'sanctio[spark]'"


class IndexFileError(ValueError):
    """An index file that is not one, or was written for another rigour version."""


# ------------------------------------------------------------------------- the index file


def _rigour_version() -> str:
    from importlib.metadata import version

    return version("rigour")


def portable_index(index: NameIndex) -> NameIndex:
    """The index as another process can use it. Its two-edit table holds Python's own
    ``hash`` of strings, which differs between processes (Spark's Python workers run with
    ``PYTHONHASHSEED=0``, the driver with a random seed): the copy holds the stable hash of
    the stored index instead, and hashes its probes with it, as ``index_store`` does."""
    from sanctio.index import two_edit_table
    from sanctio.index_store import stable_hash, stable_hashes

    if index.probe_hash is not hash:
        return index
    out = copy.copy(index)
    out.two_edit_hashes, out.two_edit_offsets, out.two_edit_owners = two_edit_table(
        index.two_edit_words, stable_hashes)
    out.probe_hash = stable_hash
    return out


def dump_index(screener: Screener) -> bytes:
    """The screener's index as bytes (a pickle with a header): the list versions, every
    indexed name and its analysis, the inverted index and the name symbols known so far.
    Only load such bytes from where you load code: unpickling runs what they say."""
    from sanctio import __version__
    from sanctio.text.normalize import _SYMBOLS

    shipped = copy.copy(screener)  # the same index, without the database and process pool
    shipped.registry = None  # type: ignore[assignment]
    shipped._workers = None
    shipped.index = portable_index(screener.index)
    payload = {"format": FORMAT, "sanctio": __version__, "rigour": _rigour_version(),
               "list_versions": dict(screener.list_versions), "screener": shipped,
               "symbols": dict(_SYMBOLS)}
    return pickle.dumps(payload, protocol=pickle.HIGHEST_PROTOCOL)


def save_index(path: Path, *, home: Path | None = None,
               screener: Screener | None = None) -> dict[str, str]:
    """Build the index of a registry (or take ``screener``'s) and write it to ``path``
    atomically; returns the list versions it holds."""
    if screener is None:
        from sanctio.screen import Screener

        screener = Screener.from_home(home)
    data = dump_index(screener)
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
    return dict(screener.list_versions)


def load_index(data: bytes) -> Screener:
    """A screener from :func:`dump_index` bytes (seconds, against tens for a build)."""
    from sanctio.text.normalize import _SYMBOLS

    gc_was_enabled = gc.isenabled()
    gc.disable()  # millions of long-lived objects, as in Screener.__init__
    try:
        try:
            payload = pickle.loads(data)
        except (pickle.UnpicklingError, EOFError, AttributeError, ImportError,
                IndexError, TypeError, ValueError) as exc:
            raise IndexFileError(f"not a Sanctio index file: {exc}") from exc
        if not isinstance(payload, dict) or payload.get("format") != FORMAT:
            raise IndexFileError("not a Sanctio index file (write one with "
                                 "`sanctio spark-index`)")
        if payload["rigour"] != _rigour_version():
            raise IndexFileError(
                f"the index was written with rigour {payload['rigour']}, this process has "
                f"{_rigour_version()}: install the same versions on the driver and the "
                "executors, or write the index again")
        for tok, symbols in payload["symbols"].items():
            _SYMBOLS.setdefault(tok, symbols)
        screener: Screener = payload["screener"]
    finally:
        if gc_was_enabled:
            gc.enable()
    gc.collect()
    gc.freeze()  # keep the index out of the collector's full passes (see Screener)
    return screener


def read_index(path: Path) -> Screener:
    return load_index(path.read_bytes())


# ---------------------------------------------------------------------------- schemas


def contract_schema() -> StructType:
    """The Spark columns of the output contract (``output="contract"``)."""
    from pyspark.sql.types import (
        ArrayType,
        BooleanType,
        DoubleType,
        MapType,
        StringType,
        StructField,
        StructType,
    )

    def s(name: str) -> StructField:
        return StructField(name, StringType())

    strings = ArrayType(StringType())
    query = StructType([s("name"), s("schema"), s("dob"), s("country"), s("gender"),
                        StructField("identifiers", strings), s("ref")])
    designation = StructType([s("source"), s("source_id"), s("authority"), s("program"),
                              s("listed_on"), s("list_version"), s("reference"),
                              StructField("measures", strings)])
    evidence = StructType([s("feature"), StructField("effect", DoubleType()), s("detail"),
                           s("data")])
    match = StructType([
        s("entity_id"), s("schema"), StructField("score", DoubleType()), s("name"),
        s("matched_name"), s("name_type"), StructField("designations", ArrayType(designation)),
        StructField("explanation", ArrayType(evidence)), StructField("not_listed_by", strings),
        StructField("below_threshold", BooleanType()),
    ])
    return StructType([
        s("ref"), StructField("query", query), s("status"), s("error"),
        StructField("threshold", DoubleType()), StructField("matches", ArrayType(match)),
        StructField("list_versions", MapType(StringType(), StringType())),
        StructField("warnings", strings),
    ])


def flat_schema() -> StructType:
    """The columns of ``screen-file``'s CSV output, without ``row`` (``output="flat"``)."""
    from pyspark.sql.types import LongType, StringType, StructField, StructType

    return StructType([StructField(c, LongType() if c == "match_count" else StringType())
                       for c in FLAT_COLUMNS])


def json_schema() -> StructType:
    from pyspark.sql.types import StringType, StructField, StructType

    return StructType([StructField("result", StringType())])


# ----------------------------------------------------------- results as Spark values


def _contract_values(d: dict[str, Any]) -> tuple[Any, ...]:
    """A result's ``to_dict()`` as a tuple of :func:`contract_schema`."""
    q = d["query"]
    ids = q.get("identifiers")
    if ids is None:  # an error row: the query is the row's fields as read
        raw = q.get("id")
        ids = [raw] if raw else []
    query = (q.get("name"), q.get("schema"), q.get("dob"), q.get("country"), q.get("gender"),
             list(ids), q.get("ref"))
    matches = [(
        m["entity_id"], m["schema"], m["score"], m["name"], m["matched_name"], m["name_type"],
        [(x["source"], x["source_id"], x["authority"], x["program"], x["listed_on"],
          x["list_version"], x.get("reference"), x.get("measures", []))
         for x in m["designations"]],
        [(e["feature"], e["effect"], e["detail"],
          orjson.dumps(e["data"]).decode() if "data" in e else None)
         for e in m["explanation"]],
        m["not_listed_by"], bool(m.get("below_threshold", False)),
    ) for m in d["matches"]]
    return (d["ref"], query, d["status"], d["error"], d["threshold"], matches,
            d["list_versions"], d["warnings"])


def contract_dict(row: Row | dict[str, Any]) -> dict[str, Any]:
    """A row of ``output="contract"`` as the JSON object ``screen-file`` writes for it
    (without ``row``; an error row's query holds the fields the contract's query has)."""
    r = row if isinstance(row, dict) else row.asDict(recursive=True)
    matches = []
    for m in r["matches"] or []:
        out: dict[str, Any] = {
            "entity_id": m["entity_id"], "schema": m["schema"], "score": m["score"],
            "name": m["name"], "matched_name": m["matched_name"], "name_type": m["name_type"],
            "designations": [
                {k: x[k] for k in ("source", "source_id", "authority", "program", "listed_on",
                                   "list_version")}
                | ({"reference": x["reference"]} if x["reference"] else {})
                | ({"measures": list(x["measures"])} if x["measures"] else {})
                for x in m["designations"]],
            "explanation": [
                {"feature": e["feature"], "effect": e["effect"], "detail": e["detail"]}
                | ({"data": orjson.loads(e["data"])} if e["data"] is not None else {})
                for e in m["explanation"]],
            "not_listed_by": list(m["not_listed_by"]),
        }
        if m["below_threshold"]:
            out["below_threshold"] = True
        matches.append(out)
    return {"ref": r["ref"], "query": dict(r["query"]), "status": r["status"],
            "error": r["error"], "threshold": r["threshold"], "matches": matches,
            "list_versions": dict(r["list_versions"]), "warnings": list(r["warnings"])}


# ----------------------------------------------------------------------- on executors

# the index each Python worker loaded, kept for its later tasks (Spark reuses workers)
_LOADED: dict[str, Screener] = {}


def _executor_screener(source: tuple[str, Any], key: str) -> Screener:
    screener = _LOADED.get(key)
    if screener is None:
        from sanctio.text.normalize import warm_tagger

        warm_tagger()  # rigour's tagger loads in the background meanwhile (see Screener)
        kind, ref = source
        if kind == "broadcast":
            data = ref.value
        else:
            from pyspark import SparkFiles

            data = Path(SparkFiles.get(ref)).read_bytes()
        _LOADED.clear()  # one index per process: a new list version replaces the old one
        screener = load_index(data)
        del data
        _LOADED[key] = screener
    return screener


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return ";".join(str(v) for v in value if v is not None)
    return str(value)


@dataclass
class _Partition:
    """What each partition runs: read the mapped columns, screen, yield the output rows."""

    source: tuple[str, Any]
    key: str
    columns: dict[str, int]  # field -> position in the input row
    keep: list[int]  # input columns passed through (output="contract")
    output: str
    threshold: float | None
    limit: int
    counters: tuple[Any, Any, Any] | None = None  # accumulators: rows, alerts, errors

    def __call__(self, rows: Iterable[Any]) -> Iterator[tuple[Any, ...]]:
        screener = _executor_screener(self.source, self.key)
        threshold = screener.threshold if self.threshold is None else self.threshold
        versions = dict(screener.list_versions)
        counts = [0, 0, 0]
        try:
            for row in rows:
                fields = {f: _text(row[i]) for f, i in self.columns.items()}
                res = screen_fields(screener, fields, threshold, self.limit, versions)
                counts[0] += 1
                if res.status == "alert":
                    counts[1] += 1
                elif res.status == "error":
                    counts[2] += 1
                if self.output == "flat":
                    yield tuple(csv_row(res)[1:])
                elif self.output == "json":
                    yield (orjson.dumps(res.to_dict()).decode(),)
                else:
                    yield tuple(row[i] for i in self.keep) + _contract_values(res.to_dict())
        finally:
            if self.counters is not None:
                for acc, n in zip(self.counters, counts, strict=True):
                    acc.add(n)


def screen_fields(screener: Screener, fields: dict[str, str], threshold: float, limit: int,
                  versions: dict[str, str]) -> ScreenResult:
    """One row's result, as ``screen-file`` computes it (less the row number)."""
    try:
        query: Query = build_query(fields)
    except QueryError as exc:
        return ScreenResult(query=dict(fields), status="error", matches=[],
                            list_versions=versions, threshold=threshold,
                            ref=fields.get("ref") or None, error=str(exc))
    return screener.screen(query, threshold=threshold, limit=limit)


# --------------------------------------------------------------------------- the API


@dataclass
class Shipped:
    """An index shipped to the executors of one Spark application."""

    source: tuple[str, Any]
    key: str
    list_versions: dict[str, str]
    threshold: float | None = None


def ship_index(spark: SparkSession, *, screener: Screener | None = None,
               home: Path | None = None, index: str | None = None) -> Shipped:
    """Ship an index to the executors: ``index`` (a path or URI Spark can read: a local
    file, ``hdfs://``, ``s3a://``) as a file every executor fetches once; else the index of
    ``screener`` (built from the registry at ``home`` if not given) as a broadcast."""
    sc = spark.sparkContext
    if index is not None:
        sc.addFile(index)
        name = index.rstrip("/").rsplit("/", 1)[-1]
        # Spark adds a file name once per application: the same name is the same index
        return Shipped(("file", name), f"file:{name}", {})
    if screener is None:
        from sanctio.screen import Screener

        screener = Screener.from_home(home)
    data = dump_index(screener)
    key = "broadcast:" + hashlib.sha256(data).hexdigest()
    bc: Broadcast[bytes] = sc.broadcast(data)
    return Shipped(("broadcast", bc), key, dict(screener.list_versions), screener.threshold)


def _column(df: DataFrame, name: str | None, fld: str) -> int | None:
    """Position of the column for ``fld``: the one named, else a column named like the
    field, if any (case-insensitive, as Spark and ``screen-file`` read column names)."""
    lookup: dict[str, int] = {}
    for i, c in enumerate(df.columns):
        lookup.setdefault(c.lower(), i)
    pos = lookup.get((name or fld).lower())
    if pos is None and name is not None:
        raise ValueError(f"no column {name!r} for the query's {fld} in the DataFrame "
                         f"({', '.join(df.columns)})")
    return pos


def screen(
    df: DataFrame, name_col: str = "name", *, schema_col: str | None = None,
    dob_col: str | None = None, country_col: str | None = None,
    gender_col: str | None = None, id_col: str | None = None, ref_col: str | None = None,
    home: Path | str | None = None, screener: Screener | None = None,
    index: str | Shipped | None = None, threshold: float | None = None, limit: int = 10,
    output: str = "contract", partitions: int | None = None,
    counters: tuple[Any, Any, Any] | None = None,
) -> DataFrame:
    """Screen every row of ``df`` on Spark; returns a DataFrame (lazy, like any other).

    Columns: ``name_col`` (required), and, when given or present under the field's own name
    (``schema``, ``dob``, ``country``, ``gender``, ``id``, ``ref``), the other query fields;
    ``id`` may be an array or a ``;``-separated string. The index: ``index`` (an index file
    from ``sanctio spark-index``, a path or URI the cluster can read, or what
    :func:`ship_index` returned), else ``screener``'s, else built from the registry at
    ``home``. ``partitions`` repartitions the input first (rows are screened in parallel
    per partition). ``output`` is ``contract``, ``flat`` or ``json`` (see the module)."""
    if output not in OUTPUTS:
        raise ValueError(f"output must be one of {', '.join(OUTPUTS)}, not {output!r}")
    given = {"name": name_col, "schema": schema_col, "dob": dob_col, "country": country_col,
             "gender": gender_col, "id": id_col, "ref": ref_col}
    columns: dict[str, int] = {}
    for fld in FIELDS:
        pos = _column(df, given[fld], fld)
        if pos is not None:
            columns[fld] = pos
    keep = list(range(len(df.columns)))
    if output == "contract":
        ref_pos = columns.get("ref")
        # Spark's column names are case-insensitive
        clash = [c for i, c in enumerate(df.columns)
                 if c.lower() in CONTRACT_COLUMNS and i != ref_pos]
        if clash:
            raise ValueError(f"input column(s) {', '.join(clash)} would clash with the "
                             "output's; rename them (withColumnRenamed)")
        # the contract's ref (the same value, as the query read it) replaces the input's
        keep = [i for i in keep if i != ref_pos or df.columns[i].lower() != "ref"]
    spark = df.sparkSession
    shipped = index if isinstance(index, Shipped) else ship_index(
        spark, screener=screener, home=Path(home) if home is not None else None,
        index=index)
    if threshold is None and shipped.threshold is not None:
        threshold = shipped.threshold
    if partitions:
        df = df.repartition(partitions)
    fn = _Partition(shipped.source, shipped.key, columns, keep, output, threshold, limit,
                    counters)
    if output == "flat":
        schema = flat_schema()
    elif output == "json":
        schema = json_schema()
    else:
        from pyspark.sql.types import StructType

        schema = StructType([df.schema[i] for i in keep] + contract_schema().fields)
    rdd = df.rdd.mapPartitions(fn)
    return spark.createDataFrame(rdd, schema, verifySchema=False)


# ------------------------------------------------------------------------------ CLI


def spark_session(master: str | None = None, app_name: str = "sanctio",
                  conf: Iterable[str] = ()) -> SparkSession:
    """A SparkSession: the one spark-submit configured, else local mode on every core.
    In local mode the Python workers run this interpreter (where sanctio is installed),
    unless $PYSPARK_PYTHON says otherwise."""
    from pyspark.sql import SparkSession

    launched = "PYSPARK_GATEWAY_PORT" in os.environ  # by spark-submit, which set the master
    local = master.startswith("local") if master else not launched
    if local and "PYSPARK_PYTHON" not in os.environ:
        os.environ["PYSPARK_PYTHON"] = sys.executable
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    for item in conf:
        key, sep, value = item.partition("=")
        if not sep:
            raise ValueError(f"--conf {item!r}: expected key=value")
        builder = builder.config(key.strip(), value.strip())
    return builder.getOrCreate()


def _input_format(path: str, given: str | None) -> str:
    if given:
        return given
    low = path.lower().rstrip("/")
    for suffix, fmt in ((".csv", "csv"), (".jsonl", "json"), (".json", "json"),
                        (".parquet", "parquet"), (".orc", "orc")):
        if low.endswith(suffix):
            return fmt
    return "parquet"


def _output_kind(path: str, given: str | None) -> str:
    if given:
        return given
    low = path.lower().rstrip("/")
    if low.endswith(".csv"):
        return "csv"
    if low.endswith((".jsonl", ".json")):
        return "json"
    return "parquet"


def read_table(spark: SparkSession, path: str, fmt: str | None = None) -> DataFrame:
    """A table as ``spark-screen`` reads it: CSV with a header (RFC 4180 quoting, as
    ``screen-file`` reads it; Spark's own default escape is a backslash), Parquet, JSON Lines
    or ORC, by suffix unless ``fmt`` says."""
    fmt = _input_format(path, fmt)
    reader = spark.read.format(fmt)
    if fmt == "csv":
        reader = (reader.option("header", True).option("encoding", "UTF-8")
                  .option("escape", '"'))
    return reader.load(path)


def auto_partitions(df: DataFrame) -> int | None:
    """Partitions to screen ``df`` in, when it has too few to keep every core busy (a CSV
    file under 128 MB is read as one partition): four per core; None when it has enough."""
    cores = df.sparkSession.sparkContext.defaultParallelism
    return 4 * cores if df.rdd.getNumPartitions() < 2 * cores else None


__all__ = ["CONTRACT_COLUMNS", "FLAT_COLUMNS", "FORMAT", "IndexFileError", "Shipped",
           "auto_partitions", "contract_dict", "contract_schema", "dump_index", "load_index",
           "read_index", "read_table", "save_index", "screen", "ship_index", "spark_session"]

