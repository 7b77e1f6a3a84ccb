"""rigour's name symbols of single words (Wikidata ids shared by the spellings of one given or
family name, in any script: Mohamed, Muhammad and محمد share Q5837762; Kim and 김).

rigour finds them with its person-name tagger, an Aho-Corasick automaton over ~550,000
aliases that takes 4-5 s to build in each process. For one word the tagger's answer is a
plain look-up: the word is cut into rigour's name parts, and each part that is itself an
alias of the tagger gets that alias's NAME and NICK symbols (a span of one part is an alias
equal to the whole part). So the table alias -> symbols, built once from the tagger's own
data (the name lists compiled into rigour, read with rigour's own normaliser, as the tagger
reads them), gives the same symbols without the tagger: it is kept as a small SQLite file in
the cache folder, with rigour's version in its name, and read in milliseconds.

To rigour's symbols :func:`symbols_of` adds the symbol of the word's class of name variants
learned from the lists (``data/name_variants.json``: Mykola, Nikolai and Mikalai share
``[VAR:n]``) and the key of an East Slavic family name in -ov/-ev (``[SLAV:...]``, see
:mod:`sanctio.text.slavic`: Dziamidau and Demidov), which the scoring and the candidate
index read as any name symbol.

Order of look-up in :func:`symbols_of`: the symbols known in memory (the list words come
with the stored index), the table, and only when the table cannot be had (rigour's data no
longer where this module finds it, or the table disagrees with answers the tagger gave
before) the on-disk cache of earlier tagger answers and the tagger itself.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from mypy_extensions import mypyc_attr

from sanctio.text.diminutives import DIMINUTIVE_PREFIX, entries_spelled, full_names
from sanctio.text.shipped import shipped_doc

__all__ = ["ensure_symbols", "rigour_version", "symbols_of", "table_symbols",
           "tagger_symbols", "variant_symbols", "wait_tagger", "warm_tagger"]

_EMPTY: frozenset[str] = frozenset()
_SYMBOLS: dict[str, frozenset[str]] = {}  # the symbols of every word seen in this process
_SYMBOLS_LOADED: set[str] = set()
_DIRTY: list[int] = [0]  # tokens tagged since the cache was last written

TABLE_FORMAT = 1  # of the table file (its name carries it)
_CATEGORIES = ("NAME", "NICK")  # the symbol categories kept (not SYMBOL, NUMERIC, INITIAL)


def _wanted(tok: str) -> bool:
    """Words whose symbols are looked for (digits and short Latin words have none)."""
    return not tok.isdigit() and (len(tok) >= 3 or not tok.isascii())


def symbols_of(tok: str) -> frozenset[str]:
    """rigour's name symbols of a token, and sanctio's own (the token's class of learned
    name variants, the key of an East Slavic family name: see :func:`_extra_symbols`). A
    pure function of the token (and of rigour's version and the shipped variant table):
    the same in any process and in any order of calls."""
    found = _ALL.get(tok)
    if found is not None:
        return found
    hit = _rigour_symbols(tok)
    extra = _extra_symbols(tok)
    found = _ALL[tok] = hit | extra if extra else hit
    return found


def _rigour_symbols(tok: str) -> frozenset[str]:
    hit = _SYMBOLS.get(tok)
    if hit is None:
        hit = table_symbols(tok)
        if hit is not None:
            _SYMBOLS[tok] = hit
        else:
            _load_symbol_cache()
            hit = _SYMBOLS.get(tok)
            if hit is None:
                _tag_symbols([tok])
                hit = _SYMBOLS[tok]
    return hit


# ------------------------------------------------------------------ sanctio's own symbols

# word -> the symbol of its class in data/name_variants.json (Mykola, Nikolai, Mikalai ...:
# learned from the lists by ``sanctio evaluate learn-names``); loaded on first use
_VARIANTS: dict[str, frozenset[str]] = {}
_ALL: dict[str, frozenset[str]] = {}  # word -> symbols_of(word): rigour's and sanctio's own
VARIANT_PREFIX = "[VAR:"
# symbols of sanctio's own, not rigour's
_OWN_PREFIXES = (VARIANT_PREFIX, "[SLAV:", DIMINUTIVE_PREFIX)


def _extra_symbols(tok: str) -> frozenset[str]:
    """The symbols sanctio adds to rigour's: the word's class of learned name variants, those
    of the full names it is a diminutive of (:mod:`sanctio.text.diminutives`: Sasha and
    Aleksandr), and the key of an East Slavic family name in -ov/-ev
    (:mod:`sanctio.text.slavic`: Dziamidau and Demidov, Husyev and Gusev)."""
    from sanctio.text.slavic import SLAVIC_PREFIX, slavic_key

    var = variant_symbols(tok)
    fulls = full_names(tok)
    if fulls:
        var = var | _diminutive_symbols(fulls)
    for spellings in entries_spelled(tok):
        var = var | _spelling_symbols(tok, spellings, var)
    key = slavic_key(tok)
    if key is None:
        return var
    return var | {f"{SLAVIC_PREFIX}{key}]"}


def _diminutive_symbols(fulls: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    """A diminutive's own symbol per full name (``[DIM:ALEKSANDR]``), with the name symbols
    of the full names' spellings (:func:`_name_symbols`)."""
    out: set[str] = set()
    for spellings in fulls:
        out.add(f"{DIMINUTIVE_PREFIX}{spellings[0].upper()}]")
        for full in spellings:
            out |= _name_symbols(full)
    return frozenset(out)


def _spelling_symbols(tok: str, spellings: tuple[str, ...], var: frozenset[str]
                      ) -> frozenset[str]:
    """The name symbols of the other spellings of a full name (:func:`_name_symbols`), for
    one that shares none with them (Ryhor, Grigory); none otherwise."""
    own = var | _name_symbols(tok)
    others: set[str] = set()
    for word in spellings:
        if word != tok:
            others |= _name_symbols(word)
    return frozenset(others) if own.isdisjoint(others) else _EMPTY


def _name_symbols(word: str) -> frozenset[str]:
    """A word's Wikidata name symbols and learned variant class: not its nicknames (Sasha
    is no Alex) nor its family-name key."""
    return frozenset(s for s in _rigour_symbols(word) if s.startswith("[NAME:")) | (
        variant_symbols(word))


def _load_variants() -> dict[str, frozenset[str]]:
    """The learned table, read once (in any thread: the folded look-up is filled before the
    table, which readers test)."""
    if _VARIANTS:
        return _VARIANTS
    with _VARIANTS_LOCK:
        if _VARIANTS:
            return _VARIANTS
        from sanctio.text.slavic import is_patronymic, slavic_fold

        try:
            classes = shipped_doc("name_variants.json")["classes"]
        except (KeyError, TypeError):
            classes = []
        table = {w: frozenset({f"{VARIANT_PREFIX}{i}]"}) for i, words in enumerate(classes)
                 for w in words}
        folded: dict[str, set[int]] = {}
        for i, words in enumerate(classes):
            for w in words:
                if len(w) >= _FOLD_MIN and is_patronymic(w):
                    folded.setdefault(w[0] + slavic_fold(w), set()).add(i)
        _FOLDED.update({k: frozenset({f"{VARIANT_PREFIX}{next(iter(v))}]"})
                        for k, v in folded.items() if len(v) == 1})
        _VARIANTS.update(table or {"": _EMPTY})  # (not empty: loaded once)
    return _VARIANTS


_VARIANTS_LOCK = threading.Lock()
# the first letter and folded spelling of a class's word -> its class
_FOLDED: dict[str, frozenset[str]] = {}
_FOLD_MIN = 7


def variant_symbols(tok: str) -> frozenset[str]:
    """The symbol of the learned class of name variants a word is in (``[VAR:n]``), or
    none. A patronymic the table lacks is in the class of a patronymic that begins with
    its letter and that it spells as the three languages' transliterations do
    (:func:`sanctio.text.slavic.slavic_fold`: Stanislavauna for Stanislavovna,
    Alexandrovych for Aleksandrovich), when one class only has such a word."""
    found = (_VARIANTS or _load_variants()).get(tok)
    if found is not None:
        return found
    if len(tok) < _FOLD_MIN or not tok.isascii() or not _FOLDED:
        return _EMPTY
    from sanctio.text.slavic import is_patronymic, slavic_fold

    if not is_patronymic(tok):
        return _EMPTY

    return _FOLDED.get(tok[0] + slavic_fold(tok), _EMPTY)


def _rigour_only(symbols: frozenset[str]) -> frozenset[str]:
    """rigour's symbols alone, without sanctio's own (the caches hold rigour's alone; a
    stored index gives the list words :func:`symbols_of` with both)."""
    if any(s.startswith(_OWN_PREFIXES) for s in symbols):
        return frozenset(s for s in symbols if not s.startswith(_OWN_PREFIXES))
    return symbols


def ensure_symbols(tokens: Iterable[str]) -> int:
    """Know the name symbols of these tokens (the list vocabulary, at index build): from the
    table, else from the on-disk cache, else from rigour's tagger (slow to start: seconds).
    Returns how many tokens had to be tagged."""
    missing = [t for t in set(tokens) if t not in _SYMBOLS]
    if not missing:
        return 0
    table = _table()
    if table is not None:
        wanted = {tok: _parts(tok) for tok in missing if _wanted(tok)}
        found = table.get(p for parts in wanted.values() for p in parts)
        for tok in missing:
            parts = wanted.get(tok)
            _SYMBOLS[tok] = _from_parts({p: found[p] for p in parts if p in found}) \
                if parts else _EMPTY
        return 0
    _load_symbol_cache()
    missing = [t for t in missing if t not in _SYMBOLS]
    if missing:
        _tag_symbols(missing)
        _save_symbol_cache()
    return len(missing)


# ------------------------------------------------------------------ rigour's version


@lru_cache(maxsize=1)
def rigour_version() -> str:
    """The installed rigour's version, without importlib.metadata's scan of every installed
    distribution (tens of milliseconds, on every cold start): rigour's ``__version__`` when
    it has one, else the name of its one ``rigour-X.dist-info`` folder beside the package."""
    import rigour

    version = getattr(rigour, "__version__", None)
    if isinstance(version, str) and version:
        return version
    try:
        site = Path(rigour.__file__).resolve().parent.parent
        found = [e.name[len("rigour-"):-len(".dist-info")] for e in os.scandir(site)
                 if e.name.startswith("rigour-") and e.name.endswith(".dist-info")]
    except (OSError, TypeError):
        found = []
    if len(found) == 1 and found[0]:
        return found[0]
    from importlib.metadata import version as dist_version

    return dist_version("rigour")


def _cache_dir() -> Path:
    return _cache_base(os.environ.get("SANCTIO_CACHE"))


def cache_dir() -> Path:
    """Sanctio's cache folder: ``SANCTIO_CACHE``, else the user's cache folder."""
    return _cache_dir()


def cached_json(name: str, build: Callable[[], Any]) -> Any:
    """A table kept as the JSON file ``name`` of the cache folder: read from it, or built
    by ``build`` and written there (atomically; a read-only cache is built again in the next
    process). For tables read out of a package that are slow to build or load (Cantonese
    and Korean readings of Chinese characters); name the file after the package's version."""
    path = cache_dir() / name
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    table = build()
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp.write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, path)
    except OSError:
        pass
    finally:
        tmp.unlink(missing_ok=True)
    return table


@lru_cache(maxsize=4)
def _cache_base(env_cache: str | None) -> Path:
    from platformdirs import user_cache_dir

    return Path(env_cache or user_cache_dir("sanctio", appauthor=False))


def _cache_file() -> Path:
    return _cache_dir() / f"name-symbols-v2-rigour-{rigour_version()}.pickle"


def _table_file() -> Path:
    return _cache_dir() / f"name-symbols-table-v{TABLE_FORMAT}-rigour-{rigour_version()}.sqlite"


# ------------------------------------------------------------------ the table


@mypyc_attr(native_class=False)  # (see sanctio.native)
class _Table:
    """The table file, read only; reopened in a forked child (a SQLite connection must not
    cross a fork)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.pid = -1
        self.db: sqlite3.Connection | None = None
        self.lock = threading.Lock()

    def get(self, words: Iterable[str]) -> dict[str, str]:
        with self.lock:
            if self.db is None or self.pid != os.getpid():
                self.db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True,
                                          check_same_thread=False)
                self.pid = os.getpid()
            todo = list(dict.fromkeys(words))
            out: dict[str, str] = {}
            for i in range(0, len(todo), 500):
                chunk = todo[i:i + 500]
                marks = ",".join("?" * len(chunk))
                out.update(self.db.execute(
                    f"SELECT word, symbols FROM alias WHERE word IN ({marks})", chunk))
            return out


@mypyc_attr(native_class=False)  # (see sanctio.native)
class _MemoryTable(_Table):
    """The table held in memory, when its file cannot be written (a read-only cache)."""

    def __init__(self, entries: dict[str, str]) -> None:
        super().__init__(Path())
        self.entries = entries

    def get(self, words: Iterable[str]) -> dict[str, str]:
        return {w: self.entries[w] for w in words if w in self.entries}


# the table (None when it cannot be had), for the cache folder it was opened from
_TABLE: list[_Table | None] = []
_TABLE_ENV: list[str | None] = [None]
_TABLE_LOCK = threading.Lock()


def _table() -> _Table | None:
    if _TABLE and os.environ.get("SANCTIO_CACHE") == _TABLE_ENV[0]:
        return _TABLE[0]
    with _TABLE_LOCK:
        env = os.environ.get("SANCTIO_CACHE")
        if not _TABLE or env != _TABLE_ENV[0]:
            _TABLE[:] = [_open_or_build()]
            _TABLE_ENV[0] = env
        return _TABLE[0]


def _open_or_build() -> _Table | None:
    path = _table_file()
    rejected = path.with_name(path.name + ".rejected")
    if not path.is_file():
        if rejected.exists():
            return None  # built once and found wrong for this rigour: the tagger is used
        try:
            entries = build_table()
        except Exception:  # rigour's data not where expected (or unreadable): the tagger
            return None
        if entries is None:
            return None
        if not _agrees_with_tagger(entries):
            try:
                rejected.parent.mkdir(parents=True, exist_ok=True)
                rejected.touch()
            except OSError:
                pass
            return None
        try:
            _write_table(path, entries)
        except (OSError, sqlite3.Error):
            return _MemoryTable(entries)
    try:
        table = _Table(path)
        table.get(["mohamed"])  # readable
        return table
    except sqlite3.Error:
        return None


def table_symbols(tok: str) -> frozenset[str] | None:
    """The symbols of a token from the table (None when there is no table)."""
    if not _wanted(tok):
        return _EMPTY
    table = _table()
    if table is None:
        return None
    return _from_parts(table.get(_parts(tok)))


def _parts(tok: str) -> list[str]:
    """rigour's name parts of a word, as its tagger sees them (casefolded, tokenised)."""
    from rigour.names import Name

    return [p.form for p in Name(tok, phonetics=False).parts]


def _from_parts(found: dict[str, str]) -> frozenset[str]:
    out: set[str] = set()
    for symbols in found.values():
        out.update(symbols.split("\n"))
    return frozenset(out) if out else _EMPTY


def _rigour_data() -> tuple[str, dict[str, Any]] | None:
    """The tagger's person-name data as compiled into rigour's extension module (zstd frames
    of ``person_names.txt`` and ``symbols.json``), or None when they are not found."""
    import rigour._core
    import zstandard

    blob = Path(rigour._core.__file__).read_bytes()
    view = memoryview(blob)
    names: str | None = None
    symbols: dict[str, Any] | None = None
    pos = blob.find(b"\x28\xb5\x2f\xfd")
    while pos >= 0 and (names is None or symbols is None):
        try:
            out = zstandard.ZstdDecompressor().decompressobj().decompress(view[pos:])
        except zstandard.ZstdError:
            out = b""
        head = out[:4096]
        if names is None and b" => " in head.split(b"\n", 1)[0]:
            names = out.decode("utf-8")
        elif symbols is None and head.lstrip().startswith(b"{") and b'"person_nick"' in out:
            try:
                data = json.loads(out)
            except ValueError:
                data = None
            if isinstance(data, dict) and "person_name_parts" in data:
                symbols = data
        pos = blob.find(b"\x28\xb5\x2f\xfd", pos + 4)
    if names is None or symbols is None:
        return None
    return names, symbols


def build_table() -> dict[str, str] | None:
    """alias -> its NAME and NICK symbols (sorted, one a line) for every one-word alias of
    rigour's person-name tagger, built from its data as the tagger builds its automaton
    (rigour's ``tagger.rs``: aliases normalised with CASEFOLD | NAME, the symbols of
    ``person_name_parts`` and ``person_nick`` keyed on their upper-cased group, the
    ``person_names`` groups of two or more distinct forms keyed on their Wikidata id)."""
    import gc

    enabled = gc.isenabled()
    gc.disable()  # millions of short strings: the collector's passes would double the time
    try:
        return _build_table()
    finally:
        if enabled:
            gc.enable()


def _build_table() -> dict[str, str] | None:
    from rigour.text.normalize import Cleanup, Normalize, normalize

    data = _rigour_data()
    if data is None:
        return None
    names, symbols = data
    flags, cleanup = Normalize.CASEFOLD | Normalize.NAME, Cleanup.Noop
    normed: dict[str, str | None] = {}

    def norm(alias: str) -> str | None:
        key = normed.get(alias, "")
        if key == "":
            key = normed[alias] = normalize(alias, flags, cleanup) or None
        return key

    table: dict[str, list[str]] = {}
    for category, field in zip(_CATEGORIES, ("person_name_parts", "person_nick"), strict=True):
        for group, aliases in symbols[field].items():
            symbol = f"[{category}:{group.upper()}]"
            for alias in aliases:
                key = norm(alias)
                if key is not None:
                    table.setdefault(key, []).append(symbol)
    groups = 0
    for line in names.splitlines():
        forms, sep, gid = line.strip().rpartition(" => ")
        if not sep:
            continue
        keys = {k for k in map(norm, forms.split(", ")) if k is not None}
        if len(keys) < 2:
            continue  # one form mapped to itself: rigour skips it too
        groups += 1
        symbol = f"[NAME:{gid}]"
        for key in keys:
            table.setdefault(key, []).append(symbol)
    if groups < 1000:
        return None
    return {k: v[0] if len(v) == 1 else "\n".join(sorted(set(v)))
            for k, v in table.items() if " " not in k}


def _agrees_with_tagger(entries: dict[str, str]) -> bool:
    """The table gives the symbols the tagger gave before, for every word whose answer this
    process or the on-disk cache holds (a guard against a rigour whose data or tagging has
    changed in a way the table does not follow: the tagger is used instead)."""
    import pickle

    known = dict(_SYMBOLS)
    try:
        with _cache_file().open("rb") as f:
            known.update(pickle.load(f))
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError):
        pass
    for word, symbols in known.items():
        if not _wanted(word):
            continue
        found = {p: entries[p] for p in _parts(word) if p in entries}
        if _from_parts(found) != _rigour_only(symbols):
            return False
    return True


def _write_table(path: Path, entries: dict[str, str]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        db = sqlite3.connect(tmp)
        try:
            db.execute("PRAGMA journal_mode = OFF")
            db.execute("CREATE TABLE alias (word TEXT PRIMARY KEY, symbols TEXT NOT NULL) "
                       "WITHOUT ROWID")
            db.executemany("INSERT INTO alias VALUES (?, ?)", sorted(entries.items()))
            db.commit()
        finally:
            db.close()
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


# ------------------------------------------------------------------ rigour's tagger


def tagger_symbols(tokens: Iterable[str]) -> dict[str, frozenset[str]]:
    """The symbols of these tokens as rigour's person-name tagger gives them (loads it: 4-5 s
    the first time in a process). The reference the table is tested against."""
    from rigour.names import NameTypeTag, analyze_names

    wait_tagger()
    out = {}
    for tok in tokens:
        found = set()
        if _wanted(tok):
            for name in analyze_names(NameTypeTag.PER, [tok], symbols=True, phonetics=False,
                                      numerics=False, consolidate=False, rewrite=False):
                for span in name.spans:
                    if span.symbol.category.value in _CATEGORIES and len(span.parts) == 1:
                        found.add(str(span.symbol))
        out[tok] = frozenset(found) if found else _EMPTY
    return out


def _tag_symbols(tokens: list[str]) -> None:
    _SYMBOLS.update(tagger_symbols(tokens))
    _DIRTY[0] += len(tokens)


_WARM: list[threading.Thread] = []


def _first_tag() -> None:
    from rigour.names import NameTypeTag, analyze_names

    list(analyze_names(NameTypeTag.PER, ["warm"], symbols=True, phonetics=False,
                       numerics=False, consolidate=False, rewrite=False))


def _warm() -> None:
    if _table() is None:
        _first_tag()  # no table: the tagger will be needed


def warm_tagger() -> None:
    """Make the symbol table ready (open it, or build it once: seconds) in a background
    thread; without a table, load rigour's tagger there (seconds of work, outside the GIL),
    so that either is ready by the time a query brings a word no list contains."""
    if not _WARM:
        thread = threading.Thread(target=_warm, name="sanctio-tagger", daemon=True)
        _WARM.append(thread)
        thread.start()


def wait_tagger() -> None:
    """Wait for :func:`warm_tagger` (before tagging, and before forking workers)."""
    for thread in _WARM:
        if thread is not threading.current_thread():
            thread.join()


# ------------------------------------------------------------------ the tagger's answers


def _load_symbol_cache() -> None:
    import pickle

    path = _cache_file()
    if str(path) in _SYMBOLS_LOADED:
        return
    _SYMBOLS_LOADED.add(str(path))
    try:
        with path.open("rb") as f:
            for k, v in pickle.load(f).items():
                _SYMBOLS.setdefault(k, v)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError):
        pass
    import atexit

    atexit.register(_save_symbol_cache)


def _save_symbol_cache() -> None:
    """Write the tagger's answers to the on-disk cache, merged with what other processes
    wrote there meanwhile (their entries are kept), through a temporary file renamed over
    the cache (a reader never sees half a file)."""
    if not _DIRTY[0]:
        return
    path = _cache_file()
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with _file_lock(path.with_name(path.name + ".lock")):
            _merge_into(path, tmp)
        _DIRTY[0] = 0
    except OSError:
        pass
    finally:
        tmp.unlink(missing_ok=True)


@contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    """An exclusive lock between processes (POSIX; elsewhere none: merging still narrows
    the window in which one writer's entries can be lost)."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    with path.open("a") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def _merge_into(path: Path, tmp: Path) -> None:
    import pickle

    merged: dict[str, frozenset[str]] = {}
    try:
        with path.open("rb") as f:
            on_disk = pickle.load(f)
        if isinstance(on_disk, dict):
            merged.update(on_disk)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError):
        pass
    merged.update(_SYMBOLS)  # the same word has the same symbols in any process
    merged = {k: _rigour_only(v) for k, v in merged.items()}
    with tmp.open("wb") as f:
        pickle.dump(merged, f, protocol=pickle.HIGHEST_PROTOCOL)
    tmp.replace(path)
