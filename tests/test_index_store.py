"""The screening index kept on disk (sanctio.index_store): a stored screener finds and scores
exactly as the one built in memory, and a stale or damaged file is never read."""

from __future__ import annotations

import csv
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sanctio import index_store
from sanctio.cli import app
from sanctio.contract import Query
from sanctio.registry import Registry
from sanctio.screen import Screener

from .conftest import EXCERPT_LISTS, GOLDEN


@pytest.fixture(scope="module")
def registry(excerpt_home: Path) -> Iterator[Registry]:
    reg = Registry(excerpt_home)
    yield reg
    reg.close()


@pytest.fixture(scope="module")
def built(registry: Registry) -> Screener:
    return Screener(registry)


@pytest.fixture(scope="module")
def stored(registry: Registry, built: Screener) -> Screener:
    key = index_store.cache_key(registry)
    path = index_store.index_path(registry, key)
    index_store.save(built, path, key)
    return index_store.load(registry, path, key)


def _typos(word: str) -> list[str]:
    """A dropped letter, two letters swapped, and two letters changed (a two-edit typo)."""
    out = []
    if len(word) >= 5:
        out.append(word[:2] + word[3:])
        out.append(word[:1] + word[2] + word[1] + word[3:])
    if len(word) >= 8:
        out.append(word[:2] + "x" + word[3:5] + "q" + word[6:])
    return out


def _queries() -> list[Query]:
    rows = list(csv.DictReader((GOLDEN / "seed_cases.csv").open(encoding="utf-8")))
    queries = []
    for row in rows:
        queries.append(Query.build(row["query"], schema=row["schema"] or None,
                                   dob=row["dob"] or None, country=row["country"] or None))
        words = row["query"].split()
        longest = max(range(len(words)), key=lambda i: len(words[i]))
        for typo in _typos(words[longest]):
            queries.append(Query.build(" ".join([*words[:longest], typo,
                                                 *words[longest + 1:]])))
    for text in ("Kaniyat militia", "al-Kana", "محمد الكاني", "Мухаммад аль-Кани",
                 "Havin Bank", "Mohamed", "K", "Islamic Revolutionary Guard Corps"):
        queries.append(Query.build(text))
    return queries


def test_stored_screener_screens_as_the_built_one(built: Screener, stored: Screener) -> None:
    assert index_store.stored_path(stored) is not None
    assert index_store.stored_path(built) is None
    queries = _queries()
    assert len(queries) > 50
    alerts = 0
    for q in queries:
        a = stored.screen(q, threshold=0.5, top=5).to_dict()
        b = built.screen(q, threshold=0.5, top=5).to_dict()
        assert a == b, q.name
        alerts += a["status"] == "alert"
    assert alerts > 20  # the comparison is not of empty results


def test_the_arabic_script_table_is_stored_not_rebuilt(registry: Registry,
                                                       stored: Screener) -> None:
    """The list words by consonant keys (what an Arabic-script query is read against) are
    built with the index and stored with it, read in place from the file, not built again by
    every process that reads it."""
    table = stored.index._by_consonants
    assert table is not None and not isinstance(table, dict)  # the file's own mapping
    fresh = Screener(registry).index
    assert isinstance(fresh._by_consonants, dict)  # built with the index in memory
    for word in ("الكاني", "محمد", "كانيات"):
        assert stored.index.arabic_vocab(word) == fresh.arabic_vocab(word) != []


def test_stored_search_and_lookups(built: Screener, stored: Screener) -> None:
    for text in ("al-Kan", "Kaniy", "Mohamed al"):
        assert ([m.to_dict() for m in stored.search(text)]
                == [m.to_dict() for m in built.search(text)])
    assert stored.entity_dict("us-ofac:29119") == built.entity_dict("us-ofac:29119")
    pos = index_store.entity_by_ref(stored, "us-ofac:29119")
    assert pos is not None and pos == index_store.entity_by_ref(built, "us-ofac:29119")
    assert stored.entities[pos].entity.id == "us-ofac-29119"
    by_name = index_store.entities_by_name(stored, "  al-kani,   MOHAMED ")
    assert by_name == index_store.entities_by_name(built, "AL-KANI, Mohamed") == [pos]
    assert index_store.entity_by_ref(stored, "us-ofac:0") is None


def test_stable_hashes_agree() -> None:
    words = ["", "a", "kani", "محمد", "x" * 70, "t:mohamed"]
    assert index_store.stable_hashes(words).tolist() == [
        index_store.stable_hash(w) for w in words]


def test_a_load_makes_another_index(tmp_path: Path) -> None:
    reg = Registry(tmp_path)
    assert reg.load(EXCERPT_LISTS[1]).status == "loaded"
    first = index_store.stored_screener(reg)
    first_path = index_store.index_path(reg)
    assert first_path.is_file()
    assert index_store.stored_path(index_store.stored_screener(reg)) == first_path
    assert "us-ofac-29119" not in first.by_id
    assert reg.load(EXCERPT_LISTS[0]).status == "loaded"
    # the file of the earlier lists is never read for the new ones
    assert index_store.open_screener(reg) is None
    again = index_store.stored_screener(reg)
    assert index_store.stored_path(again) is None  # built, then stored
    assert index_store.index_path(reg) != first_path
    reread = index_store.open_screener(reg)
    assert reread is not None and "us-ofac-29119" in reread.by_id
    reg.close()


@pytest.mark.parametrize("damage", ["flip", "truncate", "garbage", "empty"])
def test_a_damaged_file_is_rebuilt(tmp_path: Path, damage: str) -> None:
    reg = Registry(tmp_path)
    assert reg.load(EXCERPT_LISTS[1]).status == "loaded"
    expected = index_store.stored_screener(reg).screen(Query.build("Mohamed al-Kani"),
                                                       top=3).to_dict()
    path = index_store.index_path(reg)
    data = bytearray(path.read_bytes())
    if damage == "flip":
        data[len(data) // 2] ^= 0x40
    elif damage == "truncate":
        data = data[:len(data) - 100]
    elif damage == "garbage":
        data[:64] = b"\xff" * 64
    else:
        data = bytearray()
    path.write_bytes(bytes(data))
    assert index_store.open_screener(reg) is None
    rebuilt = index_store.stored_screener(reg)
    assert index_store.stored_path(rebuilt) is None
    assert rebuilt.screen(Query.build("Mohamed al-Kani"), top=3).to_dict() == expected
    reread = index_store.open_screener(reg)
    assert reread is not None
    assert reread.screen(Query.build("Mohamed al-Kani"), top=3).to_dict() == expected
    reg.close()


def test_concurrent_writers_leave_one_whole_file(registry: Registry, built: Screener) -> None:
    key = index_store.cache_key(registry)
    path = index_store.index_path(registry, key).with_name("concurrent.idx")
    errors: list[BaseException] = []

    def write() -> None:
        try:
            index_store.save(built, path, key)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert index_store.load(registry, path, key).screen(
        Query.build("Mohamed al-Kani")).status == "alert"
    assert not list(path.parent.glob("*.tmp"))


def test_cli_screen_and_show_use_the_stored_index(excerpt_home: Path) -> None:
    runner = CliRunner()
    env = {"SANCTIO_HOME": str(excerpt_home), "COLUMNS": "200"}
    first = runner.invoke(app, ["screen", "Mohamed al-Kani", "--json"], env=env)
    assert first.exit_code == 0, first.output
    reg = Registry(excerpt_home)
    path = index_store.index_path(reg)
    assert path.is_file()
    stamp = path.stat().st_mtime_ns
    second = runner.invoke(app, ["screen", "Mohamed al-Kani", "--json"], env=env)
    assert second.exit_code == 0
    assert path.stat().st_mtime_ns == stamp  # read, not written again
    assert '"us-ofac-29119"' in second.stdout
    shown = runner.invoke(app, ["show", "us-ofac:29119"], env=env)
    assert shown.exit_code == 0 and "AL-KANI" in shown.stdout
    reg.close()


def test_show_lists_al_kani_among_the_closest_to_al_kana(excerpt_home: Path) -> None:
    result = CliRunner().invoke(app, ["show", "al-Kana"],
                                env={"SANCTIO_HOME": str(excerpt_home), "COLUMNS": "200"})
    assert result.exit_code == 1
    assert "no entity has the id or name 'al-Kana'" in result.output
    closest = result.output.split("the closest", 1)[1]
    assert "us-ofac-29119" in closest.splitlines()[1]  # the first of the closest


def test_load_builds_the_index_with_index_flag(tmp_path: Path) -> None:
    env = {"SANCTIO_HOME": str(tmp_path)}
    result = CliRunner().invoke(app, ["load", str(EXCERPT_LISTS[1]), "--index"], env=env)
    assert result.exit_code == 0, result.output
    reg = Registry(tmp_path)
    assert index_store.open_screener(reg) is not None
    reg.close()


def test_the_store_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(index_store.STORE_ENV, "off")
    reg = Registry(tmp_path)
    assert reg.load(EXCERPT_LISTS[1]).status == "loaded"
    screener = index_store.stored_screener(reg)
    assert index_store.stored_path(screener) is None
    assert not index_store.index_dir(reg).exists()
    reg.close()


def test_stored_list_words_need_no_tagger(registry: Registry, stored: Screener) -> None:
    """The symbols of the list words come with the index (the shared cache may lack them)."""
    from sanctio.text import normalize

    words = {t.text for n in stored.names for t in n.form.tokens
             if t.role == normalize.Role.NAME}
    assert words and all(w in normalize._SYMBOLS for w in words)


def test_one_entitys_names_are_found_without_reading_the_others(registry: Registry,
                                                                built: Screener) -> None:
    """A stored screener finds the names of one entity (an initial's evidence, a rescreen
    of the entities a list change touched) from its file's offsets, without reading every
    name stored: a first query that needs them does not wait for the whole file."""
    key = index_store.cache_key(registry)
    path = index_store.index_path(registry, key)
    index_store.save(built, path, key)
    fresh = index_store.load(registry, path, key)  # nothing read yet
    kani = built.by_id["us-ofac-29119"]
    expected = [i for i, n in enumerate(built.names) if n.entity == kani]
    assert len(expected) > 1
    assert list(fresh.entity_names(kani)) == expected
    assert list(fresh.entity_names(len(fresh.entities))) == []
    results = list(fresh.screen_entities([Query.build("Mohamed al-Kani")], {"us-ofac-29119"}))
    assert results[0].status == "alert"
    assert results[0].matches[0].entity_id == "us-ofac-29119"
    read = len(fresh.names._memo)  # type: ignore[attr-defined]
    assert 0 < read <= 2 * len(expected), read
