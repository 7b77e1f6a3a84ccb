"""Evaluation on the lists' real names: `sanctio evaluate native` and `make-pairs`, on the UN
and EU lists."""

from __future__ import annotations

import base64
import csv
import json
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sanctio.entity import Entity
from sanctio.evaluate import cli as evaluate_cli
from sanctio.evaluate.listpairs import build_pairs, describe, split_of, write_pairs
from sanctio.evaluate.native import (
    LatinOnlyRegistry,
    NativeConfig,
    build_cases,
    evaluate_native,
    is_latin,
    native_script,
)
from sanctio.evaluate.pairs import (
    LabelledPair,
    PairsFileError,
    ScoredPair,
    filter_split,
    read_pairs,
    reliability,
)
from sanctio.model import Schema
from sanctio.registry import Registry

from .conftest import DATA, expect

UN = DATA / "un-2026" / "consolidated.xml"
EU = DATA / "eu-2026" / "sanctions.xml"

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    for path in (UN, EU):
        if not path.exists():
            pytest.skip(f"list file missing: {path}")
    home = tmp_path_factory.mktemp("evaluate-real-registry")
    reg = Registry(home, auto_sample=False)
    for path in (UN, EU):
        result = reg.load(path)
        assert result.status == "loaded", result.error
    reg.close()
    return home


@pytest.fixture(scope="module")
def registry(home: Path) -> Registry:
    return Registry(home, auto_sample=False)


@pytest.fixture(scope="module")
def by_id(registry: Registry) -> dict[str, Entity]:
    return {e.id: e for e in registry.entities()}


def _names(entity: Entity) -> set[str]:
    return {" ".join(n.full.split()) for n, _ in entity.names}


# ------------------------------------------------------------------------------ scripts


@pytest.mark.parametrize(("text", "script"), [
    ("Владимир ПУТИН", "Cyrillic"), ("صدام حسين التكريتي", "Arabic"), ("金正恩", "Han"),
    ("김정은", "Hangul"), ("Αλ Κάιντα", "Greek"), ("משה שרביט", "Hebrew"),
    ("ბიძინა ივანიშვილი", "Georgian"), ("Արմեն Սարգսյան", "Armenian"),
    ("ομάδα Vagner", "Greek"), ("Muñoz Nº 5", None), ("Şirket Ltd", None), ("12345", None),
])
def test_native_script(text: str, script: str | None) -> None:
    assert native_script(text) == script
    assert is_latin(text) == (script is None and any(c.isalpha() for c in text))


# --------------------------------------------------------------------------- the view


def test_latin_only_view_keeps_only_latin_names(registry: Registry) -> None:
    base = registry.entities()
    view = LatinOnlyRegistry(registry)
    entities = view.entities()
    assert [e.id for e in entities] == [e.id for e in base]
    assert view.active_versions().keys() == registry.active_versions().keys()
    removed = 0
    for b, v in zip(base, entities, strict=True):
        assert all(native_script(n.full) is None for n, _ in v.names)
        kept = [n.full for n, _ in b.names if native_script(n.full) is None]
        assert [n.full for n, _ in v.names] == kept
        removed += len(b.names) - len(v.names)
        assert v.schema == b.schema and len(v.members) == len(b.members)
    # the EU list alone gives thousands of Cyrillic names (hundreds in the excerpts)
    assert removed > expect(1000, 200)
    # the base registry is untouched
    assert any(native_script(n.full) == "Cyrillic" for e in registry.entities()
               for n, _ in e.names)
    with pytest.raises(TypeError):
        view.load(UN)


def test_native_names_the_index_reaches_weakly_are_still_scored(registry: Registry) -> None:
    """Candidates keep up with the scoring: a ta marbuta read as the t it is before the next
    word (عصبة الأنصار: ASBAT AL-ANSAR), and a name in another script whose words the lists
    write translated or spelt their own way, which the index reaches with less evidence than
    a Latin name needs (ООО Судоходная Компания Азиа: Azia Shipping Company LLC), are scored
    (``top`` shows them below the threshold too)."""
    from sanctio.contract import Query
    from sanctio.screen import Screener

    screener = Screener(LatinOnlyRegistry(registry))
    for query, entity in [("عصبة الأنصار", "un-113461"),
                          ("ООО Судоходная Компания Азиа", "eu-163120")]:
        found = screener.screen(Query(name=query), top=5)
        assert entity in [m.entity_id for m in found.matches], (query, found.matches)


# -------------------------------------------------------------------------- the cases


def test_native_cases_and_their_expected_entities(registry: Registry,
                                                  by_id: dict[str, Entity]) -> None:
    cases, skipped = build_cases(registry.entities())
    scripts = {c.script for c in cases}
    assert {"Cyrillic", "Arabic"} <= scripts
    assert all(isinstance(v, int) and v > 0 for v in skipped.values())
    keys = set()
    for c in cases:
        entity = by_id[c.entity_id]
        assert c.query in _names(entity)  # the name is the expected entity's own
        assert native_script(c.query) == c.script
        assert c.latin_names and all(n in _names(entity) for n in c.latin_names)
        assert all(is_latin(n) for n in c.latin_names)
        assert set(c.lists) <= {m.version.list_id for m in entity.members}
        keys.add((c.entity_id, c.query))
    assert len(keys) == len(cases)  # one case per entity and distinct name

    # independently of the parser: every UN NAME_ORIGINAL_SCRIPT is a case of the entity
    # holding that UN record (DATAID)
    expected: dict[str, set[str]] = defaultdict(set)
    for party in ET.parse(UN).getroot().iter():
        if party.tag in ("INDIVIDUAL", "ENTITY"):
            original = party.findtext("NAME_ORIGINAL_SCRIPT")
            dataid = party.findtext("DATAID")
            if original and original.strip() and dataid and native_script(original):
                expected[f"un:{dataid.strip()}"].add(" ".join(original.split()))
    assert len(expected) > 100
    found = defaultdict(set)
    for c in cases:
        for m in by_id[c.entity_id].members:
            found[m.key].add(c.query)
    for key, originals in expected.items():
        assert originals <= found[key], key


def test_native_sample_is_seeded_and_capped(registry: Registry) -> None:
    entities = registry.entities()
    a, _ = build_cases(entities, sample=5, seed=1)
    b, _ = build_cases(entities, sample=5, seed=1)
    c, _ = build_cases(entities, sample=5, seed=2)
    assert [(x.entity_id, x.query) for x in a] == [(x.entity_id, x.query) for x in b]
    assert [(x.entity_id, x.query) for x in a] != [(x.entity_id, x.query) for x in c]
    per: dict[str, int] = defaultdict(int)
    for x in a:
        per[x.script] += 1
    assert max(per.values()) == 5 and {"Cyrillic", "Arabic"} <= set(per)


def test_native_screening_outcomes(registry: Registry) -> None:
    cfg = NativeConfig(sample=12, seed=5, threshold=0.8, workers=1)
    s = evaluate_native(registry, cfg)
    rows = s.pop("_rows")
    o = s["overall"]
    assert o["n"] == len(rows) > 30
    assert o["found"] + o["scored_low"] + o["no_candidate"] == o["n"]
    assert o["recall"] == pytest.approx(o["found"] / o["n"], abs=1e-4)
    assert {"Cyrillic", "Arabic"} <= set(s["per_script"])
    assert sum(v["n"] for v in s["per_script"].values()) == o["n"]
    for r in rows:
        if r["outcome"] == "found":
            assert r["score"] >= 0.8 and r["rank"] is not None
            # the index holds the party only through its Latin-script names
            assert native_script(r["matched_name"]) is None
        elif r["outcome"] == "scored low":
            assert r["score"] < 0.8 and r["rank"] is not None
            assert native_script(r["matched_name"]) is None
        else:
            assert r["outcome"] == "no candidate"
            assert r["score"] == 0.0 and r["rank"] is None
        if r["outcome"] != "found":
            assert 0.0 <= r["name_score"] <= 1.0
    assert o["found"] > 0 and o["scored_low"] + o["no_candidate"] > 0
    assert all(m["outcome"] != "found" for m in s["worst_misses"])


# ------------------------------------------------------------------------------ pairs


def test_list_pairs(registry: Registry, by_id: dict[str, Entity]) -> None:
    pairs = build_pairs(registry.entities(), seed=3, per_category=250)
    assert len(pairs) > expect(1000, 500)
    assert pairs == build_pairs(registry.entities(), seed=3, per_category=250)
    d = describe(pairs)
    assert set(d["per_split"]) == {"train", "heldout"}
    ents: dict[str, set[str]] = {"train": set(), "heldout": set()}
    for p in pairs:
        ents[p.split].update((p.entity1, p.entity2))
        assert split_of(p.entity1, 3) == split_of(p.entity2, 3) == p.split
        a, b = by_id[p.entity1], by_id[p.entity2]
        assert p.name1 in _names(a) and p.name2 in _names(b)
        assert p.name1 != p.name2
        if p.is_match:
            assert p.entity1 == p.entity2
        else:  # two different parties that a common list gives separately
            assert p.entity1 != p.entity2
            assert {m.version.list_id for m in a.members} & {
                m.version.list_id for m in b.members}
            # and not one party listed twice (same exact date of birth)
            assert not ({d.value for d in a.birth_dates if len(d.value) == 10}
                        & {d.value for d in b.birth_dates if len(d.value) == 10})
        assert a.schema == b.schema == p.schema
    assert not ents["train"] & ents["heldout"]
    share = len(ents["heldout"]) / (len(ents["train"]) + len(ents["heldout"]))
    assert 0.2 < share < 0.4
    cats = {p.category for p in pairs}
    assert {"cross-script", "spelling", "alias", "hard-negative", "same-family-name",
            "cross-script-negative"} <= cats
    assert {p.schema for p in pairs} == {Schema.PERSON, Schema.ORGANIZATION}
    assert {"Cyrillic", "Arabic"} <= {p.group for p in pairs if p.category == "cross-script"}
    for p in pairs:
        if p.category == "cross-script":
            assert native_script(p.name1) == p.group and is_latin(p.name2)
    assert max(sum(p.category == c for p in pairs) for c in cats) <= 250


def test_reliability_bins() -> None:
    def sp(score: float, match: bool) -> ScoredPair:
        return ScoredPair(LabelledPair("a", "b", None, match), score, score >= 0.8, "")

    bins = reliability([sp(0.0, False), sp(0.05, True), sp(0.3, False), sp(0.85, True),
                        sp(0.95, True), sp(1.0, False)])
    assert len(bins) == 10 and [b["low"] for b in bins][:2] == [0.0, 0.1]
    assert bins[0]["count"] == 2 and bins[0]["share_match"] == 0.5
    assert bins[3]["count"] == 1 and bins[3]["share_match"] == 0.0
    assert bins[8]["count"] == 1 and bins[9]["count"] == 2  # 1.0 is in the last bin
    assert bins[9]["share_match"] == 0.5 and bins[5]["share_match"] is None


# --------------------------------------------------------------------------- commands


def test_commands_end_to_end(home: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "native"
    res = runner.invoke(evaluate_cli.app, [
        "native", "--home", str(home), "--sample", "8", "--seed", "3", "--output", str(out),
        "--workers", "1"])
    assert res.exit_code == 0, res.output
    assert "Cyrillic" in res.stdout and "no candidate" in res.stdout
    s = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert s["seed"] == 3 and s["sample_per_script"] == 8 and s["threshold"] == 0.8
    with (out / "native.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == s["overall"]["n"]
    assert {r["outcome"] for r in rows} <= {"found", "scored low", "no candidate"}
    assert sum(r["outcome"] == "no candidate" for r in rows) == s["overall"]["no_candidate"]
    html = (out / "report.html").read_text(encoding="utf-8")
    images = re.findall(r'src="data:image/png;base64,([A-Za-z0-9+/=]+)"', html)
    assert len(images) >= 2 and base64.b64decode(images[0])[:8] == b"\x89PNG\r\n\x1a\n"
    assert "Worst misses" in html and "Cyrillic" in html

    pairs_csv = tmp_path / "pairs.csv"
    res = runner.invoke(evaluate_cli.app, [
        "make-pairs", "--home", str(home), "--output", str(pairs_csv), "--per-category", "60"])
    assert res.exit_code == 0, res.output
    pairs = read_pairs(pairs_csv)
    assert {p.split for p in pairs} == {"train", "heldout"}
    held = filter_split(pairs, "heldout")
    assert 0 < len(held) < len(pairs) and all(p.split == "heldout" for p in held)

    report = tmp_path / "pairs.html"
    res = runner.invoke(evaluate_cli.app, [
        "pairs", str(pairs_csv), "--home", str(home), "--split", "heldout", "--json",
        "--html", str(report)])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["split"] == "heldout" and data["overall"]["pairs"] == len(held)
    assert len(data["reliability"]) == 10
    assert sum(b["count"] for b in data["reliability"]) == len(held)
    assert sum(b["matches"] for b in data["reliability"]) == sum(p.is_match for p in held)
    assert "Reliability" in report.read_text(encoding="utf-8")
    res = runner.invoke(evaluate_cli.app, ["pairs", str(pairs_csv), "--home", str(home),
                                           "--split", "train"])
    assert res.exit_code == 0, res.output
    assert "reliability" in res.stdout and "split train" in res.stdout

    # a file without a split column cannot be filtered
    plain = tmp_path / "plain.csv"
    plain.write_text("name1,name2,schema,is_match\nA B,A B,Person,1\n", encoding="utf-8")
    res = runner.invoke(evaluate_cli.app, ["pairs", str(plain), "--home", str(home),
                                           "--split", "heldout"])
    assert res.exit_code == 2
    with pytest.raises(PairsFileError):
        filter_split(read_pairs(plain), "heldout")


def test_write_pairs_round_trip(registry: Registry, tmp_path: Path) -> None:
    pairs = build_pairs(registry.entities(), seed=9, per_category=40)
    path = write_pairs(pairs, tmp_path / "p.csv")
    back = read_pairs(path)
    assert [(p.name1, p.name2, p.is_match, p.category, p.group, p.split) for p in back] == \
        [(p.name1, p.name2, p.is_match, p.category, p.group, p.split) for p in pairs]
    assert {p.schema for p in back} == {Schema.PERSON, Schema.ORGANIZATION}
