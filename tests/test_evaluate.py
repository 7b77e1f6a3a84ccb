"""`sanctio evaluate`: labelled pairs, and a small `variants` run on the real lists."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import sanctio
from sanctio.evaluate import cli as evaluate_cli
from sanctio.evaluate import run
from sanctio.evaluate.pairs import (
    Confusion,
    PairsFileError,
    evaluate_pairs,
    read_cross_script,
    read_pairs,
)
from sanctio.evaluate.unlisted import Unlisted
from sanctio.evaluate.variants import ALL_CATEGORIES
from sanctio.model import Schema
from sanctio.registry import Registry
from sanctio.screen import Screener

from .conftest import DATA, loaded_home

PAIRS = Path(__file__).parent / "data" / "pairs.csv"
CROSS_SCRIPT = DATA / "pairs" / "cross_script_pairs.csv"
# two of the real lists: the UN list and the OFAC SDN CSV set (its "FAMILY, Given" names)
LISTS = [DATA / "un-2026" / "consolidated.xml", DATA / "ofac-sdn-2021"]

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    for path in LISTS:
        if not path.exists():
            pytest.skip(f"list file missing: {path}")
    return loaded_home(tmp_path_factory, "evaluate-registry", LISTS, auto_sample=False)


@pytest.fixture(scope="module")
def screener(home: Path) -> Screener:
    return Screener(Registry(home))


# ------------------------------------------------------------------------------ pairs


def test_own_pairs_file_layout() -> None:
    pairs = read_pairs(PAIRS)
    assert len(pairs) >= 80
    assert {p.is_match for p in pairs} == {True, False}
    assert sum(not p.is_match for p in pairs) >= 25
    categories = {p.category for p in pairs}
    assert set(ALL_CATEGORIES) <= categories
    assert {p.schema for p in pairs} == {Schema.PERSON, Schema.ORGANIZATION}
    assert all(p.group for p in pairs)
    haftar = [p for p in pairs if p.name1 == "Khalifa Haftar"
              and p.name2 == "Mohamed Khalifa al-Kani"]
    assert len(haftar) == 1 and not haftar[0].is_match


def test_pairs_on_own_file(screener: Screener) -> None:
    pairs = read_pairs(PAIRS)
    report = evaluate_pairs(pairs, screener.compare, 0.8)
    o = report.overall
    assert o.total == len(pairs)
    assert o.tp + o.fn == sum(p.is_match for p in pairs)
    for value in (o.precision, o.recall, o.f1, o.accuracy):
        assert value is not None and 0.0 <= value <= 1.0
    assert sum(c.total for c in report.by_category.values()) == len(pairs)
    assert sum(c.total for c in report.by_group.values()) == len(pairs)
    # the comparison is the screener's: exact names are matches, Haftar is not al-Kani
    scored = {(s.pair.name1, s.pair.name2): s for s in report.scored}
    for s in report.scored:
        if s.pair.category == "exact":
            assert s.score >= 0.99 and s.predicted
    assert not scored[("Khalifa Haftar", "Mohamed Khalifa al-Kani")].predicted
    assert scored[("Vladimir Putin", "Vladimir Vladimirovich Putin")].predicted
    # an acronym of six letters is a match, of four a possible match at the threshold
    # (text.acronyms)
    assert scored[("NIORDC", "NATIONAL IRANIAN OIL REFINING AND DISTRIBUTION COMPANY")].predicted
    nitc = scored[("NITC", "National Iranian Tanker Company")]
    assert nitc.predicted and nitc.score < scored[(
        "NIORDC", "NATIONAL IRANIAN OIL REFINING AND DISTRIBUTION COMPANY")].score
    # disagreements are exactly the pairs where prediction and label differ
    assert {id(s) for s in report.disagreements} == {
        id(s) for s in report.scored if s.predicted != s.pair.is_match}
    assert o.f1 is not None and o.f1 >= 0.75
    data = report.to_dict()
    json.dumps(data)
    assert data["overall"]["pairs"] == len(pairs)


def test_cross_script_pairs_file(screener: Screener) -> None:
    pairs = read_pairs(CROSS_SCRIPT)
    assert pairs == read_cross_script(CROSS_SCRIPT)
    assert len(pairs) == 22
    assert all(p.is_match and p.min_score is not None for p in pairs)
    groups = {p.group for p in pairs}
    assert {"Arabic to Latin", "Cyrillic to Latin", "Chinese to Latin"} <= groups
    assert any(g.startswith("Korean") for g in groups)
    putin = next(p for p in pairs if p.name1 == "Владимир Путин")
    assert putin.name2 == "Vladimir Putin" and putin.min_score == 0.95
    report = evaluate_pairs(pairs, screener.compare, 0.8)
    assert report.overall.fp == report.overall.tn == 0  # every pair is a match
    cyrillic = [s for s in report.scored if s.pair.group == "Cyrillic to Latin"]
    assert len(cyrillic) == 4 and all(not s.below_min for s in cyrillic)
    assert report.by_group["Cyrillic to Latin"].recall == 1.0
    assert {id(s) for s in report.below_min} == {
        id(s) for s in report.scored if s.score < (s.pair.min_score or 0)}


def test_pairs_file_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("name1,name2,schema,is_match\nA,B,Person,maybe\n", encoding="utf-8")
    with pytest.raises(PairsFileError, match="line 2"):
        read_pairs(bad)
    bad.write_text("name1,name2\nA,B\n", encoding="utf-8")
    with pytest.raises(PairsFileError, match="is_match"):
        read_pairs(bad)


def test_confusion_figures() -> None:
    c = Confusion(tp=8, fp=2, fn=2, tn=8)
    assert c.precision == 0.8 and c.recall == 0.8 and c.f1 == pytest.approx(0.8)
    assert Confusion(tn=3).precision is None and Confusion(tn=3).recall is None


def test_pairs_command(screener: Screener, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(evaluate_cli, "_screener", lambda home: screener)
    runner = CliRunner()
    res = runner.invoke(evaluate_cli.app, ["pairs", str(PAIRS), "--json", "--threshold", "0.85"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["threshold"] == 0.85
    assert set(data) >= {"overall", "by_category", "by_group", "disagreements", "pairs"}
    assert data["overall"]["pairs"] == len(read_pairs(PAIRS))
    res = runner.invoke(evaluate_cli.app, ["pairs", str(CROSS_SCRIPT)])
    assert res.exit_code == 0, res.output
    assert "per group" in res.stdout and "Cyrillic to Latin" in res.stdout


# --------------------------------------------------------------------------- variants


def test_natural_order_and_sampling(screener: Screener) -> None:
    assert run.natural_order("BIN LADIN, Usama", Schema.PERSON) == "Usama BIN LADIN"
    assert run.natural_order("BANK MELLI IRAN", Schema.ORGANIZATION) == "BANK MELLI IRAN"
    entities = [e.entity for e in screener.entities]
    order = run.sample_entities(entities, seed=3)
    assert order == run.sample_entities(entities, seed=3)
    assert order != run.sample_entities(entities, seed=4)
    # every loaded list is drawn from, in turn
    assert {run._home_list(e) for e in order[:4]} == {"un", "us-ofac"}
    assert all(e.schema in (Schema.PERSON, Schema.ORGANIZATION, Schema.UNKNOWN) for e in order)


def test_collisions_are_set_aside(screener: Screener, monkeypatch: pytest.MonkeyPatch) -> None:
    entities = [e.entity for e in screener.entities]
    listed = next(e for e in entities if e.schema == Schema.PERSON).caption
    same = " ".join(reversed(listed.lower().split()))  # case and order ignored
    parties = [Unlisted(same, Schema.PERSON, "test", "en_US", False, "1970-01-01", "US"),
               Unlisted("Zebulon Quartermaine", Schema.PERSON, "test", "en_US", False)]
    monkeypatch.setattr(run, "generate_unlisted", lambda n, seed, **kw: parties)
    cases = run.build_unlisted(2, 1, run.collision_index(entities))
    assert cases[0].collision is not None and cases[1].collision is None


def test_a_listed_name_written_in_arabic_script_is_a_collision(
        screener: Screener, monkeypatch: pytest.MonkeyPatch) -> None:
    """محمد الكاني reads letter by letter as AL-KANI, Mohamed (OFAC): a listed name written
    in the script, not an unlisted one; حامد الكاني (Hamid, not Mohamed) reads as no listed
    name, and neither does a name in Latin letters that only the matcher finds alike."""
    entities = [e.entity for e in screener.entities]
    script = run.ScriptCollisions(entities)
    parties = [Unlisted("محمد الكاني", Schema.PERSON, "arabic", "ar_AA", True),
               Unlisted("حامد الكاني", Schema.PERSON, "arabic", "ar_AA", True),
               Unlisted("Mohamad Alkany", Schema.PERSON, "arabic", "en_PK", False)]
    monkeypatch.setattr(run, "generate_unlisted", lambda n, seed, **kw: parties)
    cases = run.build_unlisted(3, 1, run.collision_index(entities), script=script)
    assert cases[0].collision is not None and "kani" in cases[0].collision.lower()
    assert cases[1].collision is None and cases[2].collision is None
    # without the script index, only equal names are collisions (as fit.py asks)
    assert run.build_unlisted(3, 1, run.collision_index(entities))[0].collision is None


def test_queries_of_unknown_kind(screener: Screener) -> None:
    """``--unknown-kind`` sends every query without its kind, as a payment message gives a
    name; the figures say so, and an exact name is found all the same."""
    entities = [e.entity for e in screener.entities]
    kinds = {c.query.schema for c in run.build_variants(entities, ["exact", "typo1"], 3, 5)}
    assert kinds and None not in kinds
    cases = run.build_variants(entities, ["exact", "typo1"], 3, 5, unknown_kind=True)
    assert cases and {c.query.schema for c in cases} == {None}
    assert {c.query.schema for c in run.build_unlisted(
        5, 5, {}, unknown_kind=True)} == {None}
    cfg = run.Config(sample=3, unlisted=10, seed=5, workers=1, categories=["exact"],
                     unknown_kind=True)
    summary = run.evaluate(screener, cfg)
    assert summary["unknown_kind"] is True
    assert summary["sanctio"]["recall_per_category"]["exact"] == 1.0


def test_baseline_scores(screener: Screener) -> None:
    entities = [e.entity for e in screener.entities]
    baseline = run.Baseline(entities)
    target = entities[10]
    best, expected, _ids, seconds = baseline.run(
        [target.caption, "Qwzx Vbnmkj"], [target.id, None])
    assert expected[0] == 1.0 and best[0] == 1.0
    assert best[1] < 0.8 and expected[1] == 0.0
    assert seconds > 0


def _check_system(fig: dict[str, Any], categories: list[str]) -> None:
    assert 0.0 <= fig["recall"] <= 1.0
    assert set(fig["recall_per_category"]) == set(categories)
    assert all(0.0 <= r <= 1.0 for r in fig["recall_per_category"].values())
    assert 0.0 <= fig["false_alerts_per_1000"] <= 1000.0
    assert fig["queries_per_second"] > 0
    assert fig["false_alerts_per_1000_by_culture"]


def test_variants_command_end_to_end(home: Path, tmp_path: Path) -> None:
    out = tmp_path / "report"
    res = CliRunner().invoke(evaluate_cli.app, [
        "variants", "--home", str(home), "--sample", "3", "--unlisted", "80", "--seed", "7",
        "--output", str(out), "--workers", "1"])
    assert res.exit_code == 0, res.output
    assert "false alerts per 1,000" in res.stdout
    for name in ("report.html", "summary.json", "variants.csv", "unlisted.csv"):
        assert (out / name).is_file(), name
    s = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    for key in ("sanctio_version", "seed", "threshold", "list_versions", "counts", "sanctio",
                "baseline", "curves", "worst_misses", "worst_false_alerts", "collisions",
                "examples", "timings"):
        assert key in s, key
    assert s["seed"] == 7 and s["sanctio_version"] == sanctio.__version__
    assert s["threshold"] == 0.8
    reg = Registry(home)
    assert s["list_versions"] == {lid: v.label for lid, v in reg.active_versions().items()}
    cats = s["categories"]
    assert set(cats) <= set(ALL_CATEGORIES) and len(cats) >= 15
    assert s["counts"]["variants"] == sum(s["counts"]["variants_per_category"].values())
    assert s["counts"]["variants"] >= 3 * 15
    assert set(s["counts"]["variants_per_list"]) == {"un", "us-ofac"}
    assert s["counts"]["unlisted"] == 80
    _check_system(s["sanctio"], cats)
    _check_system(s["baseline"], cats)
    assert "token_sort_ratio" in s["baseline"]["method"]
    n = len(s["curves"]["thresholds"])
    for system in ("sanctio", "baseline"):
        curve = s["curves"][system]
        assert len(curve["recall"]) == len(curve["false_alerts_per_1000"]) == n
        assert curve["recall"] == sorted(curve["recall"], reverse=True)  # falls as t rises
        assert all(0 <= r <= 1 for r in curve["recall"])
    html = (out / "report.html").read_text(encoding="utf-8")
    images = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', html)
    assert len(images) >= 4
    assert base64.b64decode(images[0])[:8] == b"\x89PNG\r\n\x1a\n"
    assert "baseline" in html and "Worst misses" in html
    assert "misses:" in res.stdout and "the candidate stage" in html


def test_evaluate_figures_are_consistent_and_reproducible(screener: Screener) -> None:
    cfg = run.Config(sample=4, unlisted=40, seed=11, workers=1,
                     categories=["exact", "typo1", "initials", "script", "legal_form"])
    a = run.evaluate(screener, cfg)
    b = run.evaluate(screener, cfg)
    assert a["_rows"]["variants"] == b["_rows"]["variants"]
    assert a["_rows"]["unlisted"] == b["_rows"]["unlisted"]
    rows = a["_rows"]["variants"]
    assert {r["category"] for r in rows} == set(cfg.categories)
    assert a["sanctio"]["recall_per_category"]["exact"] == 1.0
    # found = the expected entity at or above the threshold
    for cat in cfg.categories:
        cat_rows = [r for r in rows if r["category"] == cat]
        found = sum(r["score"] >= cfg.threshold for r in cat_rows) / len(cat_rows)
        assert a["sanctio"]["recall_per_category"][cat] == pytest.approx(found, abs=1e-4)
        base = sum(r["baseline_score"] >= cfg.threshold for r in cat_rows) / len(cat_rows)
        assert a["baseline"]["recall_per_category"][cat] == pytest.approx(base, abs=1e-4)
    # a false alert = an unlisted name (not a collision) with any match at the threshold
    kept = [r for r in a["_rows"]["unlisted"] if r["collision"] is None]
    alerts = sum(r["score"] >= cfg.threshold for r in kept)
    assert a["sanctio"]["false_alerts"] == alerts
    assert a["sanctio"]["false_alerts_per_1000"] == pytest.approx(1000 * alerts / len(kept),
                                                                  abs=0.01)
    for miss in a["worst_misses"]:
        assert miss["expected_score"] < cfg.threshold and miss["reason"]
    # every miss is counted once, by where it was lost
    lost = a["sanctio"]["misses"]
    assert lost["missed"] == sum(r["score"] < cfg.threshold for r in rows)
    assert lost["missed"] == (lost["scored_below_threshold"] + lost["name_comparison_low"]
                              + lost["candidate_stage"])
    with pytest.raises(ValueError, match="unknown categories"):
        run.parse_categories("typo1,nonsense")
