"""Portfolio import (streaming, re-import, bad rows) and the reverse name index keys."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sanctio.monitor.audit import entries, verify
from sanctio.monitor.portfolio import (
    PortfolioError,
    count_customers,
    customer_keys,
    get_customer,
    import_portfolio,
    list_customers,
    name_keys,
    name_tokens,
    parse_mapping,
)

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
    # the removed customer's keys left the reverse index, the changed one's stayed right
    keys = {r[0] for r in conn.execute("SELECT key FROM customer_keys WHERE num=?",
                                       (c3.num,))}
    assert keys == set()
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


def test_name_keys() -> None:
    assert name_keys("AL-KANI, Mohamed") == {"kani", "mohamed"}
    assert name_keys("Mohamed Alkani") == {"mohamed", "alkani", "kani"}
    assert "#9" in name_keys("9th Brigade") and "#9" in name_keys("Ninth Brigade")
    assert name_keys("Anna Müller") == {"anna", "muller"}
    assert name_keys("Acme Trading LLC") == {"acme"}  # legal forms, generic words left out
    assert name_keys("Trading Company LLC") == {"trading", "company", "llc"}
    assert len(name_tokens("Abu Bakr al Baghdadi")) == 3
    assert any(k.startswith("1:") for k in customer_keys("Kaniyat"))
    assert any(k.startswith("1:") for k in customer_keys("Kaniyat Militia Group"))
    assert not any(k.startswith("1:") for k in customer_keys("Kaniyat Tarhuna"))
    assert name_keys("Мухаммад Алкани") & {"mukhammad", "alkani", "kani"}


def test_reverse_index_finds_spellings_scripts_and_typos(tmp_path: Path) -> None:
    from sanctio.monitor.rescreen import PortfolioIndex

    conn = _conn(tmp_path)
    names = {
        "V1": "Mohamed Alkani", "V2": "Muhammad Al Kani", "V3": "mohammed al-kani",
        "V4": "محمد الكاني", "V5": "Mohamed Alkami", "V6": "Kani", "V7": "KANI, Muhamad",
        "N1": "Mohamed Smith", "N2": "Peter Brown", "N3": "Kanitz Werner",
        "N4": "Alkani Holdings Group", "N5": "Kani Peterson",
    }
    path = _write(tmp_path / "c.csv", [f'{k},"{v}"' for k, v in names.items()],
                  header="ref,name\n")
    import_portfolio(conn, path)
    index = PortfolioIndex(conn)
    nums = index.name_candidates("AL-KANI, Mohamed")
    found = {r[0] for r in conn.execute(
        f"SELECT id FROM customers WHERE num IN ({','.join(map(str, nums))})")}
    assert found == {"V1", "V2", "V3", "V4", "V5", "V6", "V7", "N4"}
    assert index.stats.vocabulary >= 12
    assert {"muhammad", "mohammed", "muhamad"} <= index._variants["mohamed"]
    assert "kami" in index._variants["kani"]  # Mohamed Alkami: one edit away
