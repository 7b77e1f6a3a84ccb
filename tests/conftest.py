"""Shared fixtures: the official list files loaded into real registries.

Where the list files come from (``DATA``):

1. ``$SANCTIO_TEST_DATA``, if set: a folder laid out like ``../shared/data``;
2. else ``../shared/data`` next to this repository, if it exists (as in CI);
3. else the compact excerpts shipped in ``tests/data/lists`` (a few hundred real records per
   list, in the official formats; ``tests/data/lists/make_excerpts.py`` cuts them).

``FULL_DATA`` says whether the full official lists are present. Tests that assert figures of a
whole list (its exact record count, a timing of the whole file) are marked
``@requires_full_lists`` and skipped on the excerpts; tests that count records use
``expect(full, excerpt)`` or ``EXCERPT_COUNTS`` (the excerpts' raw figures, written by
``make_excerpts.py``).
"""

from __future__ import annotations

import atexit
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

import pytest
from filelock import FileLock

# ------------------------------------------------- the name-symbol cache: never ~/.cache
# set at import time, before any test (or child process of one) computes a name symbol;
# an explicit $SANCTIO_CACHE is the caller's choice and is kept
if not os.environ.get("SANCTIO_CACHE"):
    _CACHE = tempfile.mkdtemp(prefix="sanctio-test-cache-")
    os.environ["SANCTIO_CACHE"] = _CACHE
    atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)

# the command-line output the tests read is as wide as it needs: a console is 80 columns
# where no terminal says otherwise (a test worker of pytest-xdist), and long temporary paths
# would wrap inside the words a test looks for
os.environ["COLUMNS"] = "250"

from sanctio import db as sanctio_db
from sanctio.registry import Registry

TESTS = Path(__file__).resolve().parent
SHARED = TESTS.parent.parent / "shared"
EXCERPTS = TESTS / "data" / "lists"


def _data_dir() -> Path:
    env = os.environ.get("SANCTIO_TEST_DATA")
    if env:
        return Path(env).expanduser().resolve()
    if (SHARED / "data").is_dir():
        return SHARED / "data"
    return EXCERPTS


DATA = _data_dir()
FULL_DATA: bool = DATA.resolve() != EXCERPTS.resolve()
GOLDEN = SHARED / "golden" if (SHARED / "golden" / "seed_cases.csv").is_file() \
    else TESTS / "data" / "golden"

FULL_LISTS_REASON = ("full official lists not present: set SANCTIO_TEST_DATA or place "
                     "../shared/data (running on the excerpts of tests/data/lists)")
# a test (or parameter) of whole-list figures: skipped, with FULL_LISTS_REASON, on the excerpts
requires_full_lists = pytest.mark.requires_full_lists

EXCERPT_COUNTS: dict[str, dict[str, Any]] = json.loads(
    (EXCERPTS / "counts.json").read_text(encoding="utf-8"))

T = TypeVar("T")


def expect(full: T, excerpt: T) -> T:
    """The figure a test expects: ``full`` on the full official lists, else ``excerpt``."""
    return full if FULL_DATA else excerpt


# records of the OFAC SDN 2021 set and of the UN 2026 list, as tests load them
SDN_RECORDS = expect(8976, int(EXCERPT_COUNTS["ofac-sdn"]["records"]))
UN_RECORDS = expect(1003, int(EXCERPT_COUNTS["un"]["records"]))


# the four lists the golden cases are written against
MAIN_LISTS = [
    DATA / "ofac-sdn-2021",
    DATA / "un-2026" / "consolidated.xml",
    DATA / "eu-2026" / "sanctions.xml",
    DATA / "uk-2026" / "ConList.csv",
]
# the same four lists, as the shipped excerpts (small: their index builds in seconds)
EXCERPT_LISTS = [
    EXCERPTS / "ofac-sdn-2021",
    EXCERPTS / "un-2026" / "consolidated.xml",
    EXCERPTS / "eu-2026" / "sanctions.xml",
    EXCERPTS / "uk-2026" / "ConList.csv",
]


def loaded_home(factory: pytest.TempPathFactory, name: str, paths: list[Path], *,
                auto_sample: bool = True) -> Path:
    """A new registry folder (``name``, numbered) with the list files ``paths`` loaded."""
    home = factory.mktemp(name)
    _load_into(home, paths, auto_sample=auto_sample)
    return home


def _load_into(home: Path, paths: list[Path], *, auto_sample: bool = True,
               store_index: bool = False) -> None:
    """Load the list files ``paths`` into the registry folder ``home``; with ``store_index``,
    store its screening index too, as the CLI stores it (commands and servers on the folder,
    or on a copy of it, read it instead of building it)."""
    reg = Registry(home, auto_sample=auto_sample)
    for path in paths:
        result = reg.load(path)
        assert result.status == "loaded", result.error
    if store_index:
        from sanctio import index_store

        index_store.stored_screener(reg)
    reg.close()


def create_key(home: Path, role: str) -> str:
    """A new API key with ``role`` in ``home``'s registry, by the command a user runs."""
    out = subprocess.run([sys.executable, "-m", "sanctio.service.cli", "keys", "create",
                          "--role", role, "--json", "--home", str(home)],
                         capture_output=True, text=True, timeout=60, check=True)
    return str(json.loads(out.stdout)["key"])


def role_keys(home: Path) -> dict[str, str]:
    """An API key of each role, ``screen`` and ``admin``, in ``home``'s registry."""
    return {"screen": create_key(home, "screen"), "admin": create_key(home, "admin")}


def pytest_configure(config: pytest.Config) -> None:
    # not the database of $SANCTIO_DB either: the tests choose theirs (the `db_url` fixture).
    # Here, not at import: a test's child process imports this module with the test's choice
    os.environ.pop("SANCTIO_DB", None)


def pytest_report_header(config: pytest.Config) -> str:
    kind = "full official lists" if FULL_DATA else "excerpts (full-list tests skipped)"
    return f"sanctio test data: {DATA} ({kind})"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if FULL_DATA:
        return
    skip = pytest.mark.skip(reason=FULL_LISTS_REASON)
    for item in items:
        if item.get_closest_marker("requires_full_lists") is not None:
            item.add_marker(skip)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory,
                   monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches the user's real registry."""
    if "SANCTIO_HOME" not in os.environ:
        monkeypatch.setenv("SANCTIO_HOME", str(tmp_path_factory.mktemp("home")))


def _built_once(tmp_path_factory: pytest.TempPathFactory, name: str,
                build: Callable[[Path], None]) -> Path:
    """The registry folder made by ``build`` once for the whole run: the first worker of
    pytest-xdist that asks builds it under a file lock, the others wait for it and find it
    built. It is ``home`` in a folder ``name`` of its own, which also holds what a registry
    keeps in its parent folder (the audit key). Without xdist, in this run's temporary
    folder."""
    base = tmp_path_factory.getbasetemp()
    # the xdist workers' temporary folders are in one folder of this run; without xdist the
    # parent is shared by every run of pytest, so the folder stays in this run's own
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder = shared / name
    with FileLock(str(shared / f"{name}.lock")):
        if not (folder / ".built").is_file():
            shutil.rmtree(folder, ignore_errors=True)  # a worker that failed half-way
            (folder / "home").mkdir(parents=True)
            build(folder / "home")
            (folder / ".built").touch()
    return folder / "home"


def main_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The four-list registry folder built once for the run (never written to by a test:
    tests use copies of it)."""
    return _built_once(tmp_path_factory, "main-registry-built",
                       partial(_load_into, paths=MAIN_LISTS, store_index=True))


def copy_of(built: Path, tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    """A copy of the registry folder ``built`` (by :func:`_built_once`), with its audit key,
    in a new folder (``name``, numbered)."""
    folder = tmp_path_factory.mktemp(name)
    shutil.copytree(built.parent, folder, dirs_exist_ok=True)
    (folder / ".built").unlink()
    return folder / "home"


def sdn_home(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    """A registry folder with the OFAC SDN list alone and its screening index stored (a copy
    of one built once for the run): what a service over that list starts from."""
    build = partial(_load_into, paths=[DATA / "ofac-sdn-2021"], auto_sample=False,
                    store_index=True)
    return copy_of(_built_once(tmp_path_factory, "sdn-registry-built", build),
                   tmp_path_factory, name)


@pytest.fixture(scope="session")
def main_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A registry folder with OFAC SDN 2021, UN 2026, EU 2026 and UK 2026 loaded, and its
    screening index stored: each worker's own copy of one built once for the run."""
    return copy_of(main_built(tmp_path_factory), tmp_path_factory, "main-registry")


@pytest.fixture(scope="module")
def excerpt_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A registry folder with the excerpts of the four main lists loaded (one a module)."""
    return loaded_home(tmp_path_factory, "excerpt-registry", EXCERPT_LISTS)


@pytest.fixture(scope="module")
def latin_only(excerpt_home: Path) -> Iterator[Any]:
    """A screener of the excerpts' Latin names only (the EU gives Χαμάς itself), as `evaluate
    native` screens: built once for the module."""
    from sanctio.evaluate.native import LatinOnlyRegistry
    from sanctio.registry import Registry
    from sanctio.screen import Screener

    reg = Registry(excerpt_home)
    try:
        yield Screener(LatinOnlyRegistry(reg))
    finally:
        reg.close()


@pytest.fixture(scope="session")
def main_registry(main_home: Path) -> Iterator[Registry]:
    reg = Registry(main_home)
    yield reg
    reg.close()


@pytest.fixture(scope="session")
def screener(main_registry: Registry):  # type: ignore[no-untyped-def]
    """The screener of the four lists, read from the index stored in ``main_home`` (it
    screens exactly as one built in memory: tests/test_index_store.py)."""
    from sanctio import index_store

    return index_store.stored_screener(main_registry)


# ---------------------------------------------------------------- the database back ends

PG_BINARIES = None
try:
    from tests import pg as _pg

    PG_BINARIES = _pg.binaries()
    PG_SKIP = "" if PG_BINARIES is not None else (
        "no PostgreSQL server programs (initdb, pg_ctl): install Debian's postgresql package")
except ImportError:  # psycopg missing
    PG_SKIP = "psycopg is not installed: pip install -e '.[postgres]'"


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Any]:
    """A PostgreSQL server on loopback for the session (skipped where PostgreSQL is absent)."""
    if PG_SKIP:
        pytest.skip(PG_SKIP)
    assert PG_BINARIES is not None
    server = _pg.Server(PG_BINARIES).start()
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server: Any) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test (dropped afterwards)."""
    name = pg_server.create_database()
    yield pg_server.url(name)
    pg_server.drop_database(name)


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str | None:
    """Runs a test on each back end: SQLite (the registry home's ``sanctio.db``, None) or a
    fresh PostgreSQL database, chosen through ``$SANCTIO_DB`` so that every registry, key
    store and process the test starts uses it."""
    if request.param == "sqlite":
        monkeypatch.delenv("SANCTIO_DB", raising=False)
        return None
    url = str(request.getfixturevalue("pg_url"))
    monkeypatch.setenv("SANCTIO_DB", url)
    return url


def connect_db(path: Path, *, rows: bool = False, wal: bool = False) -> Any:
    """A test's own connection to its database: the SQLite file ``path`` (autocommit, rows by
    name with ``rows``, WAL with ``wal``), or on the PostgreSQL run (``$SANCTIO_DB``) that
    database, as if it were the file (files kept next to it, such as the audit key, are found
    in the same place)."""
    url = os.environ.get("SANCTIO_DB", "")
    if sanctio_db.is_postgres(url):
        return sanctio_db.connect(url, home=path.parent)
    conn = sqlite3.connect(path, isolation_level=None)
    if rows:
        conn.row_factory = sqlite3.Row
    if wal:
        conn.execute("PRAGMA journal_mode=WAL")
    return conn


# every test of a module on both back ends: ``pytestmark = both_back_ends``
both_back_ends = pytest.mark.usefixtures("db_url")
# one test of such a module on SQLite alone: a slow one whose subject is no storage, where
# what it stores is tested on PostgreSQL by another (the command line's output, a download)
sqlite_only = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def module_db_url(request: pytest.FixtureRequest) -> Iterator[str | None]:
    """As ``db_url``, for a module whose fixtures (a registry, a running server) are built
    once per module: the module's tests run on SQLite, then on one PostgreSQL database."""
    with pytest.MonkeyPatch.context() as mp:
        if request.param == "sqlite":
            mp.delenv("SANCTIO_DB", raising=False)
            yield None
            return
        server = request.getfixturevalue("pg_server")
        name = server.create_database()
        mp.setenv("SANCTIO_DB", server.url(name))
        try:
            yield server.url(name)
        finally:
            server.drop_database(name)


@pytest.fixture
def own_db(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> None:
    """A test that makes a registry of its own, in a module whose tests share one: on the
    PostgreSQL run, a fresh database of its own too (on SQLite its home has its own file)."""
    if sanctio_db.is_postgres(os.environ.get("SANCTIO_DB", "")):
        monkeypatch.setenv("SANCTIO_DB", str(request.getfixturevalue("pg_url")))
