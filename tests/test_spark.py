"""Batch screening on Spark (local[2]): the same results as screen-file, row by row.

Runs on the list excerpts of tests/data/lists (a fresh clone has them), with one SparkSession
for the module. Skipped, saying why, only where pyspark or Java cannot be had (`.ci/run`
installs both).
"""

from __future__ import annotations

import csv
import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest

from sanctio.batch import CSV_COLUMNS, screen_file
from sanctio.registry import Registry
from sanctio.screen import Screener
from tests.conftest import GOLDEN


def _java() -> str | None:
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").exists():
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


pyspark = pytest.importorskip(
    "pyspark", reason="pyspark is not installed: pip install -e '.[spark]' (.ci/run does)")
if _java() is None:
    pytest.skip("no Java runtime (java not on PATH, no $JAVA_HOME): Spark needs Java 17+; "
                "install Debian's openjdk-17-jre-headless (.ci/run does)",
                allow_module_level=True)

from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql.types import StringType, StructField, StructType  # noqa: E402

from sanctio import spark as sspark  # noqa: E402

HEADER = ["name", "schema", "dob", "country", "gender", "id", "ref"]


@pytest.fixture(scope="module")
def spark() -> Iterator[SparkSession]:
    session = sspark.spark_session("local[2]", "sanctio-tests", [
        "spark.ui.enabled=false", "spark.sql.shuffle.partitions=2",
        "spark.driver.bindAddress=127.0.0.1", "spark.driver.host=127.0.0.1"])
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.fixture(scope="module")
def excerpt_screener(excerpt_home: Path) -> Screener:
    return Screener(Registry(excerpt_home))


@pytest.fixture(scope="module")
def rows(excerpt_screener: Screener) -> list[list[str]]:
    """Golden seed cases, listed parties with their birth dates and identifiers, facts that
    are ignored with a warning, and rows that cannot be screened."""
    out: list[list[str]] = []
    with (GOLDEN / "seed_cases.csv").open(encoding="utf-8", newline="") as f:
        for rec in csv.DictReader(f):
            out.append([rec["query"], rec["schema"], rec["dob"], rec["country"], "", "", ""])
    with_dob = [e.entity for e in excerpt_screener.entities if e.entity.birth_dates][:25]
    for ent in with_dob:
        out.append([ent.caption, ent.schema.value, ent.birth_dates[0].value, "", "", "", ""])
    with_id = [e.entity for e in excerpt_screener.entities if e.entity.identifiers][:25]
    for ent in with_id:
        out.append([ent.caption.lower(), "", "", "", "", ent.identifiers[0].number, ""])
    for name in _two_typos(excerpt_screener, 20):  # found through the two-edit table
        out.append([name, "", "", "", "", "", ""])
    out += [
        ["Vladimir Vladimirovich Putin", "Person", "1952-10-07", "RU", "m", "", ""],
        ["Mohamed al-Kani", "Person", "1979-13-45", "XX", "other", "", ""],  # warnings
        ["Jane Q. Unlisted", "", "", "", "", "", ""],
        ["", "Person", "", "", "", "", ""],  # error: no name
        ["!!!", "", "", "", "", "", ""],  # error: no letters
        ["x" * 600, "", "", "", "", "", ""],  # error: too long
    ]
    for i, row in enumerate(out):
        row[6] = f"R{i:04d}"
    return out


def _typos(word: str) -> str:
    """Two letters of a word changed (a word the lists do not hold)."""
    chars = list(word)
    for k in (2, len(word) - 3):
        chars[k] = "q" if chars[k] != "q" else "z"
    return "".join(chars)


def _two_typos(screener: Screener, n: int) -> list[str]:
    """List names with one long word mistyped twice, the others as listed."""
    long_words = set(screener.index.two_edit_words)
    out = []
    for info in screener.entities:
        words = info.entity.caption.split()
        for i, w in enumerate(words):
            if w.lower() in long_words and w.isalpha() and w.isascii():
                words[i] = _typos(w.lower())
                out.append(" ".join(words))
                break
        if len(out) >= n:
            break
    return out


def _normalised(line: dict[str, Any]) -> dict[str, Any]:
    """A screen-file line as Spark gives it: no row number, none in the error either."""
    out = {k: v for k, v in line.items() if k != "row"}
    if out.get("error"):
        out["error"] = re.sub(r"^row \d+: ", "", out["error"])
    return out


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory, rows: list[list[str]],
              excerpt_screener: Screener) -> dict[str, Any]:
    """screen-file's JSON lines and CSV rows for the same rows, by ref."""
    work = tmp_path_factory.mktemp("spark-ref")
    src = work / "in.csv"
    with src.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        w.writerows(rows)
    screen_file(src, work / "out.jsonl", screener=excerpt_screener)
    screen_file(src, work / "out.csv", screener=excerpt_screener)
    lines = [orjson.loads(x) for x in (work / "out.jsonl").read_text("utf-8").splitlines()]
    with (work / "out.csv").open(encoding="utf-8", newline="") as f:
        flat = list(csv.DictReader(f))
    assert len(lines) == len(flat) == len(rows)
    return {"src": src, "json": {x["ref"] or x["query"]["ref"]: x for x in lines},
            "flat": {x["ref"]: x for x in flat}}


@pytest.fixture(scope="module")
def shipped(spark: SparkSession, excerpt_screener: Screener) -> sspark.Shipped:
    return sspark.ship_index(spark, screener=excerpt_screener)


def _frame(spark: SparkSession, rows: list[list[str]]) -> Any:
    schema = StructType([StructField(h, StringType()) for h in HEADER])
    return spark.createDataFrame(rows, schema).repartition(3)


def test_contract_columns_equal_screen_file(spark: SparkSession, rows: list[list[str]],
                                            reference: dict[str, Any],
                                            shipped: sspark.Shipped) -> None:
    df = _frame(spark, rows)
    out = sspark.screen(df, index=shipped)
    assert out.columns == [h for h in HEADER if h != "ref"] + list(sspark.CONTRACT_COLUMNS)
    got = out.collect()
    assert len(got) == len(rows)
    statuses = set()
    for row in got:
        d = sspark.contract_dict(row)
        want = _normalised(reference["json"][d["ref"] or d["query"]["ref"]])
        if want["status"] == "error":  # the query of an error row is the fields as read
            want["query"] = {**{k: want["query"].get(k) for k in HEADER if k != "id"},
                             "identifiers": [want["query"]["id"]] if want["query"]["id"]
                             else []}
            d["query"] = {k: d["query"][k] for k in want["query"]}
        assert d == want, d["ref"]
        assert row["name"] == want["query"]["name"] or want["status"] == "error"
        statuses.add(d["status"])
    assert statuses == {"alert", "clear", "error"}
    assert any(r["warnings"] for r in got)


def test_json_lines_equal_screen_file(spark: SparkSession, rows: list[list[str]],
                                      reference: dict[str, Any],
                                      shipped: sspark.Shipped) -> None:
    got = sspark.screen(_frame(spark, rows), index=shipped, output="json").collect()
    assert len(got) == len(rows)
    for row in got:
        d = orjson.loads(row["result"])
        assert d == _normalised(reference["json"][d["ref"] or d["query"]["ref"]])


def test_cli_csv_equals_screen_file_csv(spark: SparkSession, excerpt_home: Path,
                                        reference: dict[str, Any], tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from sanctio.cli import app

    out = tmp_path / "out.csv"
    res = CliRunner().invoke(app, ["spark-screen", str(reference["src"]), "-o", str(out),
                                   "--home", str(excerpt_home), "--partitions", "2"])
    assert res.exit_code == 0, res.output
    assert f"rows: {len(reference['flat'])}" in res.output
    got: list[dict[str, str]] = []
    for part in sorted(out.glob("part-*.csv")):
        with part.open(encoding="utf-8", newline="") as f:
            got.extend(csv.DictReader(f))
    assert len(got) == len(reference["flat"])
    assert list(got[0]) == [c for c in CSV_COLUMNS if c != "row"]
    for row in got:
        want = {k: v for k, v in reference["flat"][row["ref"]].items() if k != "row"}
        want["error"] = re.sub(r"^row \d+: ", "", want["error"])
        assert row == want, row["ref"]
    # an existing output is kept unless --overwrite
    again = CliRunner().invoke(app, ["spark-screen", str(reference["src"]), "-o", str(out),
                                     "--home", str(excerpt_home)])
    assert again.exit_code != 0


def test_index_file_on_shared_storage(spark: SparkSession, excerpt_screener: Screener,
                                      rows: list[list[str]], reference: dict[str, Any],
                                      tmp_path: Path) -> None:
    path = tmp_path / "lists.index"
    versions = sspark.save_index(path, screener=excerpt_screener)
    assert versions == excerpt_screener.list_versions
    got = sspark.screen(_frame(spark, rows[:40]), index=str(path), output="json").collect()
    assert len(got) == 40
    for row in got:
        d = orjson.loads(row["result"])
        assert d == _normalised(reference["json"][d["ref"]])


def test_bad_index_and_bad_columns(spark: SparkSession, shipped: sspark.Shipped,
                                   tmp_path: Path) -> None:
    with pytest.raises(sspark.IndexFileError, match="not a Sanctio index"):
        sspark.load_index(b"not a pickle")
    df = spark.createDataFrame([("Ali", "open")], ["FullName", "status"])
    with pytest.raises(ValueError, match="no column 'name' for the query's name"):
        sspark.screen(df, index=shipped)
    with pytest.raises(ValueError, match="status"):
        sspark.screen(df, "FullName", index=shipped)
    flat = sspark.screen(df, "fullname", index=shipped, output="flat").collect()
    assert flat[0]["name"] == "Ali" and flat[0]["status"] in ("alert", "clear")




def test_index_bytes_work_under_another_hash_seed(excerpt_screener: Screener,
                                                  tmp_path: Path) -> None:
    """Python's string hash differs between processes (Spark's workers run with
    PYTHONHASHSEED=0): the shipped index finds the same two-edit words in any of them."""
    import json
    import subprocess
    import sys

    index = excerpt_screener.index
    probes = [_typos(w) for w in index.two_edit_words[:40]]
    probes = [p for p in probes if p not in index.vocab]
    want = {p: sorted(index.two_edit_vocab(p)) for p in probes}
    assert sum(1 for v in want.values() if v) >= 10
    path = tmp_path / "lists.index"
    sspark.save_index(path, screener=excerpt_screener)
    code = ("import json, sys; from pathlib import Path; from sanctio.spark import read_index\n"
            "s = read_index(Path(sys.argv[1]))\n"
            "print(json.dumps({p: sorted(s.index.two_edit_vocab(p)) for p in sys.argv[2:]}))")
    for seed in ("0", "12345"):
        proc = subprocess.run([sys.executable, "-c", code, str(path), *probes],
                              capture_output=True, text=True, timeout=120,
                              env={**os.environ, "PYTHONHASHSEED": seed})
        assert proc.returncode == 0, proc.stderr
        assert json.loads(proc.stdout) == want, seed
