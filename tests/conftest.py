"""Shared fixtures: the real list files of ../shared/data loaded into real registries."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from sanctio.registry import Registry

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
GOLDEN = Path(__file__).resolve().parents[1].parent / "shared" / "golden"

# the four lists the golden cases are written against
MAIN_LISTS = [
    DATA / "ofac-sdn-2021",
    DATA / "un-2026" / "consolidated.xml",
    DATA / "eu-2026" / "sanctions.xml",
    DATA / "uk-2026" / "ConList.csv",
]


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory: pytest.TempPathFactory,
                   monkeypatch: pytest.MonkeyPatch) -> None:
    """No test touches the user's real registry."""
    if "SANCTIO_HOME" not in os.environ:
        monkeypatch.setenv("SANCTIO_HOME", str(tmp_path_factory.mktemp("home")))


@pytest.fixture(scope="session")
def main_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A registry folder with OFAC SDN 2021, UN 2026, EU 2026 and UK 2026 loaded."""
    home = tmp_path_factory.mktemp("main-registry")
    reg = Registry(home)
    for path in MAIN_LISTS:
        result = reg.load(path)
        assert result.status == "loaded", result.error
    reg.close()
    return home


@pytest.fixture(scope="session")
def main_registry(main_home: Path) -> Iterator[Registry]:
    reg = Registry(main_home)
    yield reg
    reg.close()


@pytest.fixture(scope="session")
def screener(main_registry: Registry):  # type: ignore[no-untyped-def]
    from sanctio.screen import Screener

    return Screener(main_registry)
