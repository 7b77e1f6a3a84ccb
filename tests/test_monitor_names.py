"""Rescreening after a list change finds its candidates as screening does: the customers'
names analysed by the text layer (every script, legal forms, typos) in a NameIndex, queried
with the changed list names. Each customer below was missed by the portfolio's former name
normaliser (its own keys and look-up), and is alerted now."""

from __future__ import annotations

import csv
from pathlib import Path

from sanctio.monitor.alerts import list_alerts
from sanctio.monitor.names import clear_cache
from sanctio.monitor.portfolio import import_portfolio
from sanctio.monitor.rescreen import on_list_change, screen_portfolio
from sanctio.registry import Registry
from sanctio.screen import Screener

from .conftest import both_back_ends

pytestmark = both_back_ends

BEFORE = [("F1", "Peter Brown", "person"), ("F2", "Maria Rossi", "person"),
          ("F3", "Acme Logistics Ltd", "company")]
ADDED = [("W1", "AL-KANI, Mohamed", "person"), ("W2", "KIM Chol Nam", "person"),
         ("W5", "VOLGA SHIPPING GROUP", "company")]
CUSTOMERS = [
    # found before too
    ("A1", "محمد الكاني", "person", "watch-W1"),
    ("K1", "Kim Chol-nam", "person", "watch-W2"),
    # missed before
    ("A2", "Мухаммад Алкани", "person", "watch-W1"),  # Cyrillic, article glued
    ("K3", "Kim Cholnam", "person", "watch-W2"),  # Korean given name as one word
    ("O4", "Volga Shiping Grup", "company", "watch-W5"),  # typo in a generic word
    ("O5", "Volga Shipping Grop", "company", "watch-W5"),
    ("O6", "ВОЛГА ШИППИНГ ГРУП", "company", "watch-W5"),  # Cyrillic organisation
    # no match
    ("N1", "Peter Smith", "person", None),
    ("N2", "Anna Kanitz", "person", None),
]


def _list(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "type"])
        w.writerows(rows)
    return path


def test_list_change_alerts_customers_the_text_layer_finds(tmp_path: Path) -> None:
    reg = Registry(tmp_path / "home", auto_sample=False)
    try:
        v1 = _list(tmp_path / "v1.csv", BEFORE)
        assert reg.load(v1, fmt="custom-csv", name="watch").status == "loaded"
        portfolio = tmp_path / "customers.csv"
        with portfolio.open("w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["ref", "name", "schema"])
            w.writerows(c[:3] for c in CUSTOMERS)
        import_portfolio(reg.conn, portfolio, actor="ops")
        first = screen_portfolio(reg, Screener(reg), workers=1, actor="ops")
        assert first.stats.alerting == 0
        clear_cache()

        v2 = _list(tmp_path / "v2.csv", BEFORE + ADDED)
        result = reg.load(v2, fmt="custom-csv", name="watch")
        assert result.status == "loaded", result.error
        change = on_list_change(reg, result, lambda: Screener(reg), actor="sanctio",
                                workers=1)
        assert change.status == "rescreened" and change.entities == 3
        assert change.index_build_seconds > 0
        alerts = {(a.customer_id, a.entity_id) for a in list_alerts(reg.conn, limit=None)}
        assert alerts == {(c[0], c[3]) for c in CUSTOMERS if c[3]}

        # the index is kept in the process while the portfolio does not change
        again = on_list_change(reg, result, lambda: Screener(reg), actor="sanctio",
                               workers=1)
        assert again.index_build_seconds == 0 and again.candidates == change.candidates
    finally:
        reg.close()
