"""rigour's name symbols of a word without rigour's tagger (sanctio.text.symbols): the table
built from the tagger's own data gives exactly the tagger's answer, a cold screen of words
never seen before does not load the tagger, and the on-disk cache of the tagger's answers
keeps what other processes wrote."""

from __future__ import annotations

import json
import os
import pickle
import random
import re
import sqlite3
import subprocess
import sys
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest

from sanctio.registry import Registry
from sanctio.text import normalize, symbols

from .conftest import EXCERPTS

SCRIPTS = ("LATIN", "CYRILLIC", "ARABIC", "CJK", "HANGUL")
# words of several parts for rigour, and words of no symbol
SPECIAL = ["jean-claude", "o'brien", "Ahmad-Shah", "金正恩", "김정은", "習近平", "박근혜",
           "Владимир", "ВЛАДИМИР", "محمد", "مُحَمَّد", "عبد-الله", "Muḥammad", "Ĳssel", "Straße",
           "ab", "al", "bin", "k", "12", "007", "1st", "ⅸ", "", " ", "--", "x-y", "mohamed1",
           "ZYXWERT", "qplmnb", "Zyxwert Qplmnb", "कुमार", "สมชาย", "ゆうき", "Ελένη"]


def _script(word: str) -> str | None:
    for ch in word:
        if ch.isalpha():
            name = unicodedata.name(ch, "")
            return next((s for s in SCRIPTS if name.startswith(s)), None)
    return None


@pytest.fixture(scope="module")
def table() -> Iterator[sqlite3.Connection]:
    assert symbols._table() is not None, "the table could not be built from rigour's data"
    db = sqlite3.connect(symbols._table_file())
    yield db
    db.close()


def _vocabulary(db: sqlite3.Connection) -> list[str]:
    """List words of the shipped excerpts (as written and folded), aliases of the tagger in
    five scripts, the same misspelt (no symbols, mostly), and the special cases."""
    rnd = random.Random(11)
    words: set[str] = set()
    for path in sorted(EXCERPTS.rglob("*")):
        if path.is_file() and path.suffix in (".xml", ".csv", ".txt", ".json", ""):
            text = path.read_text(encoding="utf-8", errors="ignore")
            words.update(re.findall(r"[^\W\d_]{2,}", text))
    excerpt = sorted(words)
    chosen = rnd.sample(excerpt, min(1500, len(excerpt)))
    chosen += [w.lower() for w in chosen[:700]]
    by_script: dict[str, list[str]] = {s: [] for s in SCRIPTS}
    for (word,) in db.execute("SELECT word FROM alias"):
        script = _script(word)
        if script is not None:
            by_script[script].append(word)
    for script, aliases in by_script.items():
        assert len(aliases) > 50, script
        sample = rnd.sample(aliases, min(300, len(aliases)))
        chosen += sample
        chosen += [w + w[-1] for w in sample[:100]] + [w[:-1] for w in sample[100:160]]
    chosen += [w.title() for w in by_script["LATIN"][:100]]
    return list(dict.fromkeys(chosen + SPECIAL))


def test_table_gives_the_taggers_symbols(table: sqlite3.Connection) -> None:
    words = _vocabulary(table)
    assert len(words) > 3000
    expected = symbols.tagger_symbols(words)
    got = {w: symbols.table_symbols(w) for w in words}
    wrong = {w: (sorted(got[w] or ()), sorted(expected[w])) for w in words
             if got[w] != expected[w]}
    assert not wrong, list(wrong.items())[:10]
    # not a trivial agreement: most sampled aliases have symbols, in every script
    with_symbols = [w for w in words if expected[w]]
    assert len(with_symbols) > 1500
    assert {_script(w) for w in with_symbols} >= set(SCRIPTS)
    assert "[NAME:Q5837762]" in expected["محمد"]  # Muhammad


def test_bulk_and_single_lookups_agree(table: sqlite3.Connection,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    words = ["mohamed", "muhammad", "kim", "김", "zyxwertq", "al", "12", "jean-claude"]
    single = {w: symbols.table_symbols(w) or frozenset() for w in words}
    monkeypatch.setattr(symbols, "_SYMBOLS", {})
    assert symbols.ensure_symbols(words) == 0  # none tagged
    assert {w: symbols._SYMBOLS[w] for w in words} == single
    assert single["mohamed"] & single["muhammad"]


def test_symbols_of_uses_the_table_not_the_tagger(table: sqlite3.Connection,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(*args: object, **kwargs: object) -> None:
        raise AssertionError("rigour's tagger was loaded")

    monkeypatch.setattr(symbols, "tagger_symbols", boom)
    monkeypatch.setattr(symbols, "_first_tag", boom)
    for word in ("zyxwertunseen", "qplmnbunseen", "mohammedunseen"):
        assert word not in symbols._SYMBOLS
        assert normalize.symbols_of(word) == frozenset()
    assert normalize.symbols_of("muhammad")
    form = normalize.analyze("Zyxwertu Qplmnbo", org=False)
    assert all(t.symbols == frozenset() for t in form.tokens)


_COLD = """
import os, sys
from importlib.metadata import entry_points

import sanctio.text.symbols as symbols

def boom(*args, **kwargs):
    sys.stderr.write("rigour's tagger was loaded\\n")
    sys.stderr.flush()
    os._exit(97)

symbols.tagger_symbols = boom
symbols._first_tag = boom
sys.argv = ["sanctio", "screen", sys.argv[1], "--json", "--home", sys.argv[2]]
entry_points(group="console_scripts")["sanctio"].load()()
"""


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory, table: sqlite3.Connection) -> Path:
    home = tmp_path_factory.mktemp("cold-symbols")
    reg = Registry(home)
    assert reg.load(EXCERPTS / "un-2026" / "consolidated.xml").status == "loaded"
    reg.close()
    # the first screen after the load builds the index and stores it
    exe = Path(sys.executable).with_name("sanctio")
    done = subprocess.run([str(exe), "screen", "Mohamed", "--json", "--home", str(home)],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode in (0, 1), done.stderr
    return home


def test_cold_screen_of_unseen_words_does_not_load_the_tagger(home: Path) -> None:
    env = {**os.environ}
    done = subprocess.run([sys.executable, "-c", _COLD, "Zyxwert Qplmnb", str(home)],
                          capture_output=True, text=True, env=env, timeout=300, check=False)
    assert done.returncode != 97, done.stderr
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["status"] == "clear"


# ---------------------------------------------------------------- the tagger's answers cache


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("SANCTIO_CACHE", str(tmp_path))
    monkeypatch.setattr(symbols, "_SYMBOLS", {})
    monkeypatch.setattr(symbols, "_DIRTY", [0])
    yield symbols._cache_file()


def test_saving_keeps_what_another_process_wrote(cache: Path) -> None:
    cache.write_bytes(pickle.dumps({"theirs": frozenset({"[NAME:Q1]"})}))
    symbols._SYMBOLS["mine"] = frozenset({"[NAME:Q2]"})
    symbols._DIRTY[0] = 1
    symbols._save_symbol_cache()
    saved = pickle.loads(cache.read_bytes())
    assert saved == {"theirs": frozenset({"[NAME:Q1]"}), "mine": frozenset({"[NAME:Q2]"})}
    assert [p.name for p in cache.parent.iterdir() if p.suffix == ".tmp"] == []


def _writer(args: tuple[str, int]) -> None:
    cache_dir, n = args
    os.environ["SANCTIO_CACHE"] = cache_dir
    for i in range(40):
        symbols._SYMBOLS[f"w{n}-{i}"] = frozenset({f"[NAME:Q{n}]"})
    symbols._DIRTY[0] = 40
    symbols._save_symbol_cache()


def test_concurrent_writers_lose_nothing(cache: Path) -> None:
    import multiprocessing as mp

    with mp.get_context("fork").Pool(4) as pool:
        pool.map(_writer, [(str(cache.parent), n) for n in range(8)])
    saved = pickle.loads(cache.read_bytes())
    assert len([k for k in saved if k.startswith("w")]) == 8 * 40


def test_rigours_version_without_importlib_metadata() -> None:
    from importlib.metadata import version

    assert symbols.rigour_version() == version("rigour")
    assert symbols._cache_file().name == f"name-symbols-v2-rigour-{version('rigour')}.pickle"
