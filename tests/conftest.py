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
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

# ------------------------------------------------- the name-symbol cache: never ~/.cache
# set at import time, before any test (or child process of one) computes a name symbol;
# an explicit $SANCTIO_CACHE is the caller's choice and is kept
if not os.environ.get("SANCTIO_CACHE"):
    _CACHE = tempfile.mkdtemp(prefix="sanctio-test-cache-")
    os.environ["SANCTIO_CACHE"] = _CACHE
    atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)

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
    reg = Registry(home, auto_sample=auto_sample)
    for path in paths:
        result = reg.load(path)
        assert result.status == "loaded", result.error
    reg.close()
    return home


def create_key(home: Path, role: str) -> str:
    """A new API key with ``role`` in ``home``'s registry, by the command a user runs."""
    out = subprocess.run([sys.executable, "-m", "sanctio.service.cli", "keys", "create",
                          "--role", role, "--json", "--home", str(home)],
                         capture_output=True, text=True, timeout=60, check=True)
    return str(json.loads(out.stdout)["key"])


def role_keys(home: Path) -> dict[str, str]:
    """An API key of each role, ``screen`` and ``admin``, in ``home``'s registry."""
    return {"screen": create_key(home, "screen"), "admin": create_key(home, "admin")}


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


@pytest.fixture(scope="session")
def main_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A registry folder with OFAC SDN 2021, UN 2026, EU 2026 and UK 2026 loaded."""
    return loaded_home(tmp_path_factory, "main-registry", MAIN_LISTS)


@pytest.fixture(scope="module")
def excerpt_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A registry folder with the excerpts of the four main lists loaded (one a module)."""
    return loaded_home(tmp_path_factory, "excerpt-registry", EXCERPT_LISTS)


@pytest.fixture(scope="session")
def main_registry(main_home: Path) -> Iterator[Registry]:
    reg = Registry(main_home)
    yield reg
    reg.close()


@pytest.fixture(scope="session")
def screener(main_registry: Registry):  # type: ignore[no-untyped-def]
    from sanctio.screen import Screener

    return Screener(main_registry)
