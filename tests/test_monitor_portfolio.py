"""Portfolio import (streaming, re-import, bad rows) and the customers' name index."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sanctio.db import has_table
from sanctio.monitor import ensure_schema
from sanctio.monitor.audit import entries, verify
from sanctio.monitor.names import CustomerIndex, clear_cache, customer_index
from sanctio.monitor.portfolio import (
    PortfolioError,
    count_customers,
    get_customer,
    import_portfolio,
    list_customers,
    parse_mapping,
)
from sanctio.text.normalize import analyze

from .conftest import both_back_ends, connect_db

HEADER = "CustomerNo;FullName;Kind;Born;Nation;Passport\n"
ROWS = [
    "C1;Mohamed Alkani;person;1980-02-01;Libya;",
    "C2;Jorge Nasser Arana;person;1990-01-01;CO;P123",
    "C3;Acme Trading LLC;organization;;US;",
    "C4;;person;;;",  # no name
    "C5;Anna Müller;person;1985-05-05;DE;X1;X2",  # extra field ignored
    "C2;Jorge Nasser Arana;person;1990-01-01;CO;P123",  # identical duplicate
    "C3;Acme Trading Ltd;organization;;US;",  # duplicate id, different data
    "C6;Someone;person;not a date;;",  # bad dob
    "C7;Other;alien;;;",  # bad schema
    ";No Id;person;;;",  # no customer id
]
MAP = ["ref=CustomerNo", "name=FullName", "schema=Kind", "dob=Born", "country=Nation",
       "id=Passport"]


pytestmark = both_back_ends


def _conn(tmp_path: Path) -> Any:
    return connect_db(tmp_path / "sanctio.db", rows=True)


def _write(path: Path, rows: list[str], header: str = HEADER, encoding: str = "utf-8") -> Path:
    path.write_text(header + "\n".join(rows) + "\n", encoding=encoding)
    return path


def test_import_reports_bad_rows_with_their_line(tmp_path: Path) -> None:
    conn = _conn(tmp_path)
    path = _write(tmp_path / "customers.csv", ROWS)
    report = import_portfolio(conn, path, mapping=parse_mapping(MAP), actor="alice")
    assert report.rows == 10
    assert report.added == 6 and report.changed == report.removed == 0
    assert report.duplicates == 1
    bad = {(b.line, b.field) for b in report.bad}
    assert bad == {(5, "name"), (8, "ref"), (11, "ref")}
    # a field that cannot be read is left out with a warning; the customer is imported
    assert {(w.line, w.field) for w in report.warnings} == {(9, "dob"), (10, "schema")}
    c6 = get_customer(conn, "C6")
    assert c6 is not None and c6.name == "Someone" and c6.dob is None
    dup = next(b for b in report.bad if b.line == 8)
    assert "first at line 4" in dup.message and dup.ref == "C3"
    assert "line 11" in str(next(b for b in report.bad if b.line == 11))
    c1 = get_customer(conn, "C1")
    assert c1 is not None
    assert (c1.name, c1.schema, c1.dob, c1.country) == ("Mohamed Alkani", "Person",
                                                         "1980-02-01", "LY")
    c3 = get_customer(conn, "C3")
    assert c3 is not None and c3.name == "Acme Trading LLC"  # the first row is kept
    c5 = get_customer(conn, "C5")
    assert c5 is not None and c5.identifiers == ["X1"]
    audit = [e for e in entries(conn) if e.action == "portfolio.import"]
    assert audit and audit[-1].payload["added"] == 6 and audit[-1].actor == "alice"


def test_reimport_updates_changed_and_reports_added_removed(tmp_path: Path) -> None:
    conn = _conn(tmp_path)
    mapping = parse_mapping(MAP)
    import_portfolio(conn, _write(tmp_path / "v1.csv", ROWS[:3]), mapping=mapping)
    c2_before = get_customer(conn, "C2")
    v2 = [
        "C1;Mohamed Alkani;person;1980-02-01;LY;",  # same data (Libya = LY)
        "C2;Jorge Nasser Arana;person;1991-01-01;CO;P123",  # dob changed
        "C8;New Customer;person;;;",  # added
    ]  # C3 missing: removed
    report = import_portfolio(conn, _write(tmp_path / "v2.csv", v2), mapping=mapping)
    assert (report.added, report.changed, report.unchanged, report.removed) == (1, 1, 1, 1)
    assert report.added_ids == ["C8"] and report.removed_ids == ["C3"]
    assert report.changed_ids[0].id == "C2" and report.changed_ids[0].fields == ["dob"]
    c2 = get_customer(conn, "C2")
    assert c2 is not None and c2_before is not None
    assert c2.dob == "1991-01-01" and c2.num == c2_before.num
    c3 = get_customer(conn, "C3")
    assert c3 is not None and c3.removed
    assert count_customers(conn) == 3
    assert {c.id for c in list_customers(conn, include_removed=True)} == {"C1", "C2", "C3",
                                                                         "C8"}
    # the removed customer left the name index (rebuilt: the portfolio changed)
    index = customer_index(conn)
    assert c3.num not in index.nums.tolist() and c2.num in index.nums.tolist()
    # a partial file with --keep-missing removes nothing; C3 coming back counts as added
    report = import_portfolio(conn, _write(tmp_path / "v3.csv", [ROWS[2]]), mapping=mapping,
                              keep_missing=True)
    assert (report.added, report.removed, report.unchanged) == (1, 0, 0)
    assert count_customers(conn) == 4
    assert verify(conn).ok


def test_import_without_name_or_id_column_is_refused(tmp_path: Path) -> None:
    conn = _conn(tmp_path)
    path = _write(tmp_path / "c.csv", ["1;x"], header="Id;Label\n")
    with pytest.raises(PortfolioError, match="no name column"):
        import_portfolio(conn, path)
    with pytest.raises(PortfolioError, match="no customer id column"):
        import_portfolio(conn, path, mapping={"name": "Label"})
    with pytest.raises(PortfolioError, match="not in the file"):
        import_portfolio(conn, path, mapping={"name": "FullName"})
    with pytest.raises(PortfolioError, match="unknown field"):
        parse_mapping(["nom=Label"])
    report = import_portfolio(conn, path, mapping={"name": "Label", "ref": "Id"})
    assert report.added == 1


def test_windows_1252_file_and_default_columns(tmp_path: Path) -> None:
    conn = _conn(tmp_path)
    path = _write(tmp_path / "c.csv", ["1,José Müller,1970", "2,Zoë,"],
                  header="ref,name,dob\n", encoding="cp1252")
    report = import_portfolio(conn, path)
    assert report.encoding == "cp1252" and report.added == 2
    c = get_customer(conn, "1")
    assert c is not None and c.name == "José Müller" and c.dob == "1970"


def test_streaming_import_of_many_rows(tmp_path: Path) -> None:
    conn = _conn(tmp_path)
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8") as f:
        f.write("ref,name,country\n")
        for i in range(20_000):
            f.write(f"K{i},Customer Number{i % 977} Family{i % 1013},FR\n")
    report = import_portfolio(conn, path)
    assert report.added == 20_000 and not report.bad
    assert count_customers(conn) == 20_000
    # re-importing the same file changes nothing
    again = import_portfolio(conn, path)
    assert (again.added, again.changed, again.removed, again.unchanged) == (0, 0, 0, 20_000)


def _found(conn: Any, index: CustomerIndex, name: str) -> set[str]:
    nums = index.name_candidates(analyze(name))
    return {str(r[0]) for r in conn.execute(
        f"SELECT id FROM customers WHERE num IN ({','.join(map(str, nums)) or '0'})")}


def test_name_index_finds_spellings_scripts_and_typos(tmp_path: Path) -> None:
    conn = _conn(tmp_path)
    names = {
        "V1": "Mohamed Alkani", "V2": "Muhammad Al Kani", "V3": "mohammed al-kani",
        "V4": "محمد الكاني", "V5": "Mohamed Alkami", "V7": "KANI, Muhamad",
        "V8": "Мухаммад Алкани",  # Cyrillic: the old normaliser's keys missed it
        "N2": "Peter Brown", "N3": "Kanitz Werner", "N5": "Hans Peterson",
        "V6": "Kani",  # the whole of the customer's name (CUSTOMER_COVERAGE)
        "V9": "Mohamed Ali Hassan al-Kani",  # the list name is a part of the customer's
        "K1": "Kim Cholnam",  # the given name written as one word
        "O1": "Volga Shiping Grup",  # a typo in a generic word (Grup)
        "O2": "ВОЛГА ШИППИНГ ГРУП",
        "V10": "Ibrahim Baghdadi",
    }
    path = _write(tmp_path / "c.csv", [f'{k},"{v}"' for k, v in names.items()],
                  header="ref,name\n")
    import_portfolio(conn, path)
    clear_cache()
    index = customer_index(conn)
    assert index.size == len(names) and index.build_seconds > 0
    assert customer_index(conn) is index  # kept while the portfolio does not change
    found = _found(conn, index, "AL-KANI, Mohamed")
    assert {"V1", "V2", "V3", "V4", "V5", "V6", "V7", "V8", "V9"} <= found
    assert not found & {"N2", "N3", "N5", "K1", "O1", "O2"}
    # a shortened form of a longer listed name: under half of its evidence, all of the
    # customer's (screening, the customer as query, scores it)
    assert _found(conn, index, "ABU BAKR AL BAGHDADI, Ibrahim Awad Ibrahim") >= {"V10"}
    assert _found(conn, index, "KIM Chol Nam") == {"K1"}
    assert _found(conn, index, "VOLGA SHIPPING GROUP") == {"O1", "O2"}


def test_customer_keys_table_of_earlier_versions_is_dropped(tmp_path: Path) -> None:
    conn = _conn(tmp_path)
    conn.execute("CREATE TABLE customer_keys (key TEXT NOT NULL, num INTEGER NOT NULL, "
                 "PRIMARY KEY (key, num))")
    conn.execute("INSERT INTO customer_keys VALUES ('kani', 1)")
    conn.execute("CREATE TABLE monitor_settings (key TEXT PRIMARY KEY, value TEXT)")
    conn.execute("INSERT INTO monitor_settings VALUES ('customer_keys_version', '4')")
    ensure_schema(conn)
    assert not has_table(conn, "customer_keys")
    assert conn.execute("SELECT COUNT(*) FROM monitor_settings").fetchone()[0] == 0
    report = import_portfolio(conn, _write(tmp_path / "c.csv", ROWS[:2]),
                              mapping=parse_mapping(MAP))
    assert report.added == 2 and not has_table(conn, "customer_keys")
