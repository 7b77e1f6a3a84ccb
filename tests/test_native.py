"""The screening modules compiled with mypyc (`sanctio native build`, sanctio.native): used only
when built for the exact source, and scoring exactly as the pure Python does."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from sanctio import native

# names of every kind screening reads: Latin with typos, reordered and cut, titles, companies
# with legal forms, and names in Cyrillic, Arabic, Chinese and Korean script
QUERIES = [
    "Mohamed al-Kani", "AL KANI MOHAMED MR", "Kaniyat militia", "Mohammed Al Kani",
    "Arkady Rotenberg", "Аркадий Романович Ротенберг", "Юрий Валентинович Ковальчук",
    "حسن نصر الله", "محمد الكاني", "金正恩", "김정은", "KIM Jong Un", "Vladimir Putin",
    "ROSNEFT", "Rosneft Oil Company PJSC", "HAVIN BANK COMPNAY LIMITED", "Bank Rossiya",
    "Sberbank of Russia", "Islamic Revolutionary Guard Corps", "IRGC", "Hezbollah",
    "Ali Saidi", "Wei Zhang", "Maria Garcia", "John Smith", "Sally Jones", "Wood Group",
    "Qassem Soleimani", "Kasem Suleimani", "Alisher Usmanov", "Usmanov, Alisher Burhanovich",
    "Viktor Yanukovych", "Віктор Янукович", "Bashar al-Assad", "بشار الأسد",
    "Ramzan Kadyrov", "Рамзан Кадыров", "Wagner Group", "ЧВК Вагнер", "M o h a m e d  A l K a n i",
]

SCRIPT = """
import json, sys
from sanctio import native
from sanctio.contract import Query
from sanctio.registry import Registry
from sanctio.screen import Screener
from sanctio import index_store
reg = Registry(sys.argv[1], auto_sample=False)
# built here, or read from the index the registry stores (pickled by another process)
s = Screener(reg) if sys.argv[3] == "build" else index_store.stored_screener(reg)
out = []
for q in json.loads(sys.argv[2]):
    r = s.screen(Query(name=q), top=3)
    out.append([q, r.status, [[m.entity_id, repr(m.score), m.matched_name,
                               [e.detail for e in m.explanation]] for m in r.matches]])
print(json.dumps({"native": native.status()["compiled_in_use"], "results": out}))
"""


def _screen(home: Path, env_native: str, index: str) -> dict[str, object]:
    env = {**os.environ, "SANCTIO_NATIVE": env_native}
    done = subprocess.run([sys.executable, "-c", SCRIPT, str(home), json.dumps(QUERIES), index],
                          env=env, capture_output=True, text=True, timeout=600, check=True)
    result: dict[str, object] = json.loads(done.stdout)
    return result


needs_build = pytest.mark.skipif(
    not native.is_built(),
    reason="the compiled modules are not built for this source (`sanctio native build`; "
           ".ci/run builds them): the pure Python runs, and is what the other tests test")


@needs_build
def test_compiled_modules_score_exactly_as_the_pure_python(main_home: Path) -> None:
    # the compiled modules build the index; the pure Python reads the one stored (the same
    # names, keys and weights whichever built it: the index is compiled code too)
    compiled = _screen(main_home, "1", "build")
    pure = _screen(main_home, "0", "stored")
    assert compiled["native"] is True and pure["native"] is False
    # the same matches, scores to the last digit, and explanations, query for query
    assert compiled["results"] == pure["results"]
    results = compiled["results"]
    assert isinstance(results, list)
    # (on the full lists 20 and more of them alert; on the excerpts of a fresh clone, 19)
    assert sum(status == "alert" for _q, status, _m in results) >= 12
    kani = next(matches for q, _s, matches in results if q == "Mohamed al-Kani")
    assert kani[0][1] == "1.0" and kani[0][0].startswith(("us-ofac-", "un-", "eu-", "uk-"))


@needs_build
def test_a_build_of_other_source_is_never_loaded(tmp_path: Path) -> None:
    """The build folder is named after a hash of the compiled modules' source: a build of
    an edited module (another key) is ignored, the one of this source is used."""
    built = native.build_dir()
    probe = "from sanctio import native; print(native.status()['compiled_in_use'])"
    for key, expected in (("0" * 20, "False"), (built.name, "True")):
        root = tmp_path / key
        shutil.copytree(built, root / key)
        env = {**os.environ, "SANCTIO_NATIVE_DIR": str(root), "SANCTIO_NATIVE": "1"}
        done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                              text=True, timeout=120, check=True)
        assert done.stdout.strip() == expected, key


def test_an_incomplete_build_is_not_a_build(tmp_path: Path) -> None:
    """A folder missing one compiled module (a build cut short) is not used."""
    folder = tmp_path / native.build_key()
    suffix = native._SUFFIX
    (folder / "sanctio" / "text").mkdir(parents=True)
    (folder / f"0123abcd__mypyc{suffix}").write_bytes(b"")
    for module in native.MODULES[:-1]:
        folder.joinpath(*module.split(".")).with_name(
            module.rsplit(".", 1)[1] + suffix).write_bytes(b"")
    assert native._built(folder) == {}
    last = native.MODULES[-1]
    folder.joinpath(*last.split(".")).with_name(last.rsplit(".", 1)[1] + suffix).write_bytes(b"")
    assert set(native._built(folder)) == {*native.MODULES, "0123abcd__mypyc"}


def test_the_key_follows_the_source_of_every_compiled_module() -> None:
    key = native.build_key()
    assert len(key) == 20 and key == native.build_key()
    sources = {m: native._source(m) for m in native.MODULES}
    assert all(p.is_file() for p in sources.values()), sources


def test_native_off_runs_the_pure_python() -> None:
    probe = ("from sanctio import native; import sanctio.scoring as s; "
             "print(native.status()['active'], s.__file__.endswith('.py'))")
    env = {**os.environ, "SANCTIO_NATIVE": "0"}
    done = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True,
                          text=True, timeout=120, check=True)
    assert done.stdout.split() == ["False", "True"]


def test_clean_keeps_the_build_just_made(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build is of the source it copied when it began: when the source changed while it
    compiled, the clean after it keeps it all the same (and the current source's, if any);
    the other folders go."""
    monkeypatch.setenv("SANCTIO_NATIVE_DIR", str(tmp_path))
    just_made, current, old = (tmp_path / ("1" * 20), tmp_path / native.build_key(),
                               tmp_path / ("0" * 20))
    for folder in (just_made, current, old):
        folder.mkdir()
    removed = native.clean(keep=just_made)
    assert removed == [old] and just_made.is_dir() and current.is_dir() and not old.exists()
    assert set(native.clean(keep_current=False)) == {just_made, current}
