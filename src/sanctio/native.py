"""The screening hot path compiled to C with mypyc, used when built for the exact source.

Screening spends its time in plain Python: name analysis (:mod:`sanctio.text.normalize`),
candidate lookup (:mod:`sanctio.index`), the name comparison (:mod:`sanctio.scoring`) and the
screener around them. The code is fully typed (``mypy`` clean), so mypyc, mypy's own
compiler, turns these modules into C extensions with the same behaviour and about 1.4x the
speed (``benchmarks/screen.py``; same scores, digit for digit).

``sanctio native build`` compiles them (a C compiler and ``mypy`` are needed; about two
minutes) into ``_native/<key>/`` beside the package, where ``<key>`` is a hash of the
Python version and of the source of every compiled module. :func:`activate`, run when
``sanctio`` is imported, loads the compiled modules only when a build of the exact source
on disk exists: a module edited since is never shadowed by an old build (its key changes,
and the pure Python runs until the next build). ``SANCTIO_NATIVE=0`` turns it off;
``SANCTIO_NATIVE_DIR`` moves the build folder (for a read-only install).
"""

from __future__ import annotations

import hashlib
import importlib.abc
import importlib.machinery
import importlib.util
import os
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from collections.abc import Sequence
from pathlib import Path
from types import ModuleType

# the modules compiled: where screening spends its time (their calls of each other become
# direct C calls); the rest of the package stays Python. (The screener's class stays a
# Python class, weakly referenced and stored attribute by attribute by sanctio.index_store;
# mypyc cannot compile closures in the methods of such a class, so its methods have none.)
MODULES = (
    "sanctio.scoring",
    "sanctio.screen",
    "sanctio.index",
    "sanctio.text.normalize",
    "sanctio.text.slavic",
    "sanctio.text.symbols",
    "sanctio.text.abjad",
)
PACKAGE = Path(__file__).resolve().parent
_SUFFIX = importlib.machinery.EXTENSION_SUFFIXES[0]  # .cpython-311-x86_64-linux-gnu.so


class NativeError(RuntimeError):
    """The compiled modules could not be built."""


def _source(module: str) -> Path:
    return PACKAGE.parent.joinpath(*module.split(".")).with_suffix(".py")


def build_key() -> str:
    """The hash of what a build depends on: the Python version and ABI, and the source of
    each compiled module."""
    h = hashlib.sha256(f"{sys.version}\x00{_SUFFIX}".encode())
    for module in MODULES:
        h.update(module.encode() + b"\x00")
        h.update(_source(module).read_bytes())
    return h.hexdigest()[:20]


def native_root() -> Path:
    env = os.environ.get("SANCTIO_NATIVE_DIR")
    return Path(env) if env else PACKAGE / "_native"


def build_dir(key: str | None = None) -> Path:
    return native_root() / (key or build_key())


def _built(folder: Path) -> dict[str, Path]:
    """Each compiled module's file (and mypyc's shared library of the group, a top-level
    module) in a complete build folder, else nothing."""
    files = {m: folder.joinpath(*m.split(".")).with_name(m.rsplit(".", 1)[1] + _SUFFIX)
             for m in MODULES}
    libs = list(folder.glob(f"*__mypyc{_SUFFIX}"))
    if len(libs) != 1 or not all(p.is_file() for p in files.values()):
        return {}
    files[libs[0].name[: -len(_SUFFIX)]] = libs[0]
    return files


def is_built() -> bool:
    """Whether a complete build of the present source exists."""
    return bool(_built(build_dir()))


class _Finder(importlib.abc.MetaPathFinder):
    """Finds the compiled modules of one build (only those: every other module of the
    package is found as always)."""

    def __init__(self, files: dict[str, Path]) -> None:
        self.files = files

    def find_spec(self, fullname: str, path: Sequence[str] | None = None,
                  target: ModuleType | None = None) -> importlib.machinery.ModuleSpec | None:
        file = self.files.get(fullname)
        if file is None:
            return None
        loader = importlib.machinery.ExtensionFileLoader(fullname, str(file))
        return importlib.util.spec_from_file_location(fullname, file, loader=loader)


def activate() -> bool:
    """Load the compiled modules from now on, if a build of the present source exists (and
    ``SANCTIO_NATIVE`` is not ``0``). Run by ``import sanctio``, before any of them is
    imported; says whether they are used."""
    if _active():
        return True
    if os.environ.get("SANCTIO_NATIVE", "1").strip().lower() in ("0", "no", "false", "off"):
        return False
    if any(m in sys.modules for m in MODULES):
        return False  # (too late: a module already runs as Python)
    try:
        files = _built(build_dir())
    except OSError:
        return False
    if not files:
        return False
    sys.meta_path.insert(0, _Finder(files))
    return True


def _active() -> bool:
    return any(isinstance(finder, _Finder) for finder in sys.meta_path)


def status() -> dict[str, object]:
    """Whether the compiled modules run, and where they are (for ``sanctio native status``,
    the service's health and the benchmarks)."""
    running = {m: getattr(importlib.import_module(m), "__file__", None) for m in MODULES}
    compiled = all((f or "").endswith(_SUFFIX) for f in running.values())
    return {"active": _active(), "compiled_in_use": compiled, "key": build_key(),
            "folder": str(build_dir()), "built": is_built(),
            "modules": list(MODULES)}


def build(*, force: bool = False, quiet: bool = True) -> Path:
    """Compile :data:`MODULES` with mypyc into :func:`build_dir` (nothing to do if built
    already). The package's source is copied to a temporary folder and compiled there; the
    build folder is filled atomically, so a failed build leaves nothing behind and the pure
    Python in use. Raises :class:`NativeError` saying what is missing."""
    key = build_key()
    dest = build_dir(key)
    if _built(dest) and not force:
        return dest
    if importlib.util.find_spec("mypyc") is None:
        raise NativeError("mypyc is not installed: pip install 'sanctio[native]' (or mypy)")
    compiler = str(sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None and shutil.which("cc") is None:
        raise NativeError("no C compiler found (install gcc or clang)")
    with tempfile.TemporaryDirectory(prefix="sanctio-native-") as tmp:
        work = Path(tmp)
        shutil.copytree(PACKAGE, work / "sanctio", ignore=shutil.ignore_patterns(
            "_native", "__pycache__", "*.so", "data"))
        sources = [str(Path(*m.split(".")).with_suffix(".py")) for m in MODULES]
        env = {**os.environ, "MYPYC_OPT_LEVEL": os.environ.get("MYPYC_OPT_LEVEL", "3")}
        done = subprocess.run(
            [sys.executable, "-m", "mypyc", "--ignore-missing-imports", *sources],
            cwd=work, env=env, capture_output=quiet, text=True, check=False)
        if done.returncode != 0:
            tail = ((done.stdout or "") + (done.stderr or ""))[-2000:]
            raise NativeError(f"mypyc failed (exit {done.returncode}): {tail}")
        staged = native_root() / f".{key}.{os.getpid()}.tmp"
        shutil.rmtree(staged, ignore_errors=True)
        for so in work.rglob(f"*{_SUFFIX}"):
            if "build" in so.relative_to(work).parts:
                continue
            target = staged / so.relative_to(work)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(so, target)
        if not _built(staged):
            shutil.rmtree(staged, ignore_errors=True)
            raise NativeError("mypyc ran but did not produce every module")
        shutil.rmtree(dest, ignore_errors=True)
        os.replace(staged, dest)
    return dest


def clean(keep_current: bool = True, keep: Path | None = None) -> list[Path]:
    """Remove the builds of older sources (all of them, unless ``keep_current``), but for
    ``keep`` (a build just made: the source may have changed while it compiled, and the
    build is of the source it copied)."""
    root = native_root()
    current = build_key() if keep_current else None
    removed = []
    if root.is_dir():
        for folder in root.iterdir():
            if folder.name != current and (keep is None or folder != keep):
                shutil.rmtree(folder, ignore_errors=True)
                removed.append(folder)
    return removed
