"""The screening index kept on disk, so that a one-shot ``sanctio screen`` or ``sanctio show``
answers in a fraction of a second instead of rebuilding the index (10-14 s on the four lists).

What is stored is the built :class:`~sanctio.screen.Screener` itself, attribute by attribute.
This is generic on purpose: the index structures and the analysed names are saved as they
are, never derived again, so that the stored screener finds and scores exactly as the one
built in memory, whatever the scoring and the index do (their code is part of the cache key):

* numpy arrays (postings, their offsets, length penalties, first letters): raw bytes,
  memory-mapped;
* large dicts and sets keyed by strings (index keys, the deletion dictionary, token
  frequencies, entity ids): a sorted table of stable 64-bit hashes, memory-mapped and looked
  up one key at a time (only the pages a query touches are read);
* large lists of strings (the vocabulary): offsets into one UTF-8 blob;
* lists of other objects (each indexed name with its analysed form and rarity weights, each
  entity with its facts and designations): one pickle per item, read when a query reaches it;
* anything small: pickled whole.

Python's own ``hash`` differs between processes, so the two-edit table of the index is stored
with a stable hash instead (:func:`stable_hash`, the index's ``probe_hash``).

The file (``<registry>/index/screen-<key>.idx``): a fixed preamble (magic, where the JSON
header is, its CRC-32), 64-byte aligned sections, then the header (format, key, section table,
the object tree, the payload's CRC-32). It is written to a temporary file and renamed into
place, so concurrent writers never mix (the last rename wins; a reader keeps the file it
opened). A file whose preamble, header, key or checksum is wrong is ignored and rebuilt. The
key covers the registry's state (its active versions, their SHA-256 and merge judgements), the
source of the modules that build the index (``sanctio/*.py``, ``sanctio/text``), the package
data (the name model among them) and the installed rigour and PyICU: other lists or other code
never read a file written for another.

Pickles are read with an unpickler that only builds Sanctio's own classes and a few plain
types (the file lives in the registry folder, which only its owner should be able to write).
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import importlib
import io
import json
import mmap
import os
import pickle
import struct
import time
import weakref
import zlib
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping, Sequence, Set
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, TypeVar, cast, overload

import numpy as np

if TYPE_CHECKING:
    from sanctio.registry import Registry
    from sanctio.screen import Screener

FORMAT = 1
MAGIC = b"SANCTIX\x01"
_PREAMBLE = struct.Struct("<8sQQI")  # magic, header offset, header length, header CRC-32
_ALIGN = 64
SMALL = 256  # containers with fewer items are pickled whole
MEMO_LIMIT = 200_000  # lookups remembered per table (a one-shot command makes a few thousand)
V = TypeVar("V")
KEEP_FILES = 2  # index files kept per registry (the newest)


class StoreError(Exception):
    """The file is not a usable index (missing, another key, truncated, corrupt)."""


# ------------------------------------------------------------------------- cache key


_FNV_OFFSET = 0xCBF29CE484222325
_FNV_PRIME = 0x100000001B3
_MASK = (1 << 64) - 1


def stable_hash(text: str) -> int:
    """A 64-bit hash of a string that is the same in every process (unlike ``hash``):
    FNV-1a over its UTF-8 bytes, as a signed integer. Lookups check the string itself, so a
    collision costs a comparison, never a wrong answer."""
    return _hash_bytes(text.encode("utf-8", "surrogatepass"))


def _hash_bytes(data: bytes) -> int:
    h = _FNV_OFFSET
    for b in data:
        h = ((h ^ b) * _FNV_PRIME) & _MASK
    return h - (1 << 64) if h >= 1 << 63 else h


def _encode_all(strings: Sequence[str]) -> tuple[bytes, np.ndarray]:
    """The UTF-8 bytes of many strings, one after another, and where each starts (n + 1)."""
    joined = "".join(strings)
    blob = joined.encode("utf-8", "surrogatepass")
    offsets = np.zeros(len(strings) + 1, dtype=np.int64)
    if len(blob) == len(joined):  # all ASCII: a character is a byte
        np.cumsum(np.fromiter(map(len, strings), dtype=np.int64, count=len(strings)),
                  out=offsets[1:])
    else:
        parts = [x.encode("utf-8", "surrogatepass") for x in strings]
        np.cumsum(np.fromiter(map(len, parts), dtype=np.int64, count=len(parts)),
                  out=offsets[1:])
    return blob, offsets


def stable_hashes(strings: Sequence[str]) -> np.ndarray:
    """:func:`stable_hash` of many strings at once (vectorised: byte column by column)."""
    blob, offsets = _encode_all(strings)
    return _hashes_of(np.frombuffer(blob, dtype=np.uint8), offsets)


def _hashes_of(data: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    n = len(offsets) - 1
    lengths = np.diff(offsets)
    order = np.argsort(-lengths, kind="stable")  # longest first: the active rows are a prefix
    starts = offsets[:-1][order]
    sorted_len = lengths[order]
    h = np.full(n, _FNV_OFFSET, dtype=np.uint64)
    prime = np.uint64(_FNV_PRIME)
    longest = int(sorted_len[0]) if n else 0
    for j in range(longest):
        k = int(np.count_nonzero(sorted_len > j))
        h[:k] = (h[:k] ^ data[starts[:k] + j].astype(np.uint64)) * prime
    out = np.empty(n, dtype=np.uint64)
    out[order] = h
    return out.view(np.int64)


# modules of commands and output only: the screener is built without them
_COMMANDS = frozenset({"cli.py", "download.py", "entity_view.py", "batch.py", "scan_cli.py",
                       "ftm.py", "csvrows.py", "__main__.py"})


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The source of the modules that build a screener, the package data, and the installed
    rigour and PyICU (their files' sizes and dates): a change to any makes another key."""
    import sanctio

    root = Path(sanctio.__file__).resolve().parent
    h = hashlib.sha256(f"format {FORMAT}".encode())
    files = sorted([*(p for p in root.glob("*.py") if p.name not in _COMMANDS),
                    *root.glob("text/**/*.py"),
                    *(p for p in root.glob("data/**/*") if p.is_file())])
    for path in files:
        h.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    import importlib.util

    for package in ("rigour", "icu"):
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.origin:
            h.update(f"{package}: none".encode())
            continue
        with os.scandir(Path(spec.origin).parent) as it:
            for entry in sorted(it, key=lambda e: e.name):
                if entry.is_file():
                    st = entry.stat()
                    h.update(f"{package}/{entry.name}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()


def cache_key(registry: Registry) -> str:
    """The key of the index of this registry's current state, with this code."""
    versions = registry.active_versions()
    parts = [registry.state_key(), code_fingerprint()]
    parts += [f"{lid}={v.id}:{v.sha256}" for lid, v in sorted(versions.items())]
    return hashlib.sha256("|".join(parts).encode()).hexdigest()[:24]


def index_dir(registry: Registry) -> Path:
    return registry.home / "index"


def index_path(registry: Registry, key: str | None = None) -> Path:
    return index_dir(registry) / f"screen-{key or cache_key(registry)}.idx"


# ---------------------------------------------------------------------------- pickles

_PLAIN = {
    ("builtins", n) for n in ("set", "frozenset", "list", "dict", "tuple", "bytearray",
                              "complex", "slice", "range", "object")
} | {("copyreg", "_reconstructor"), ("collections", "OrderedDict"),
     ("collections", "defaultdict"), ("datetime", "date"), ("datetime", "datetime"),
     ("datetime", "timedelta"), ("datetime", "timezone"), ("decimal", "Decimal"),
     ("numpy", "dtype"), ("numpy", "ndarray"), ("numpy.core.multiarray", "_reconstruct"),
     ("numpy._core.multiarray", "_reconstruct"), ("numpy.core.multiarray", "scalar"),
     ("numpy._core.multiarray", "scalar"), ("numpy._core.numeric", "_frombuffer"),
     ("numpy.core.numeric", "_frombuffer")}


class _Unpickler(pickle.Unpickler):
    """Builds Sanctio's own classes and a few plain types, nothing else."""

    def find_class(self, module: str, name: str) -> Any:
        if module == "sanctio" or module.startswith("sanctio.") or (module, name) in _PLAIN:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not allowed in an index file")


def _loads(data: bytes) -> Any:
    return _Unpickler(io.BytesIO(data)).load()


def _dumps(obj: Any) -> bytes:
    return pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)


# ----------------------------------------------------------------------- lazy readers


class _Strings(Sequence[str]):
    """Strings stored as one UTF-8 blob and their offsets."""

    def __init__(self, mm: mmap.mmap, base: int, offsets: memoryview) -> None:
        self._mm = mm
        self._base = base
        self._off = offsets
        self._n = len(offsets) - 1

    def __len__(self) -> int:
        return self._n

    def raw(self, i: int) -> bytes:
        return self._mm[self._base + self._off[i]:self._base + self._off[i + 1]]

    @overload
    def __getitem__(self, i: int) -> str: ...

    @overload
    def __getitem__(self, i: slice) -> list[str]: ...

    def __getitem__(self, i: int | slice) -> str | list[str]:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._n))]
        if i < 0:
            i += self._n
        if not 0 <= i < self._n:
            raise IndexError(i)
        return self.raw(i).decode("utf-8", "surrogatepass")

    def __iter__(self) -> Iterator[str]:
        for i in range(self._n):
            yield self.raw(i).decode("utf-8", "surrogatepass")


class _Ints(Sequence[int]):
    """A list of integers (int64), read in place."""

    def __init__(self, values: memoryview) -> None:
        self._v = values

    def __len__(self) -> int:
        return len(self._v)

    @overload
    def __getitem__(self, i: int) -> int: ...

    @overload
    def __getitem__(self, i: slice) -> list[int]: ...

    def __getitem__(self, i: int | slice) -> int | list[int]:
        if isinstance(i, slice):
            return self._v[i].tolist()
        return int(self._v[i])


class _Table:
    """Slots of strings by a sorted table of their stable hashes."""

    def __init__(self, strings: _Strings, hashes: memoryview, slots: memoryview) -> None:
        self.strings = strings
        self._hashes = hashes
        self._slots = slots
        self._memo: dict[str, int] = {}

    def slot(self, key: str) -> int:
        """The slot of ``key``, or -1."""
        hit = self._memo.get(key)
        if hit is not None:
            return hit
        data = key.encode("utf-8", "surrogatepass")
        h = _hash_bytes(data)
        hashes = self._hashes
        i = bisect_left(hashes, h)
        found = -1
        while i < len(hashes) and hashes[i] == h:
            s = self._slots[i]
            if self.strings.raw(s) == data:
                found = s
                break
            i += 1
        if len(self._memo) >= MEMO_LIMIT:
            self._memo.clear()
        self._memo[key] = found
        return found


class _Keyed:
    """The keys of a hashed table (a dict's or a set's): membership, iteration, size."""

    def __init__(self, table: _Table) -> None:
        self._t = table

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._t.slot(key) >= 0

    def __iter__(self) -> Iterator[str]:
        return iter(self._t.strings)

    def __len__(self) -> int:
        return len(self._t.strings)


class _StrMap(_Keyed, Mapping[str, V]):
    """A dict by a hashed table of its keys: the value of a key is ``_at(its slot)``."""

    def _at(self, s: int) -> V:
        raise NotImplementedError

    def get(self, key: object, default: Any = None) -> Any:
        s = self._t.slot(key) if isinstance(key, str) else -1
        return default if s < 0 else self._at(s)

    def __getitem__(self, key: str) -> V:
        s = self._t.slot(key) if isinstance(key, str) else -1
        if s < 0:
            raise KeyError(key)
        return self._at(s)


class _StrIntMap(_StrMap[int]):
    def __init__(self, table: _Table, values: memoryview) -> None:
        super().__init__(table)
        self._v = values

    def _at(self, s: int) -> int:
        return cast(int, self._v[s])


class _StrListMap(_StrMap[list[str]]):
    def __init__(self, table: _Table, offsets: memoryview, ids: memoryview,
                 words: _Strings) -> None:
        super().__init__(table)
        self._off = offsets
        self._ids = ids
        self._words = words

    def _at(self, s: int) -> list[str]:
        words = self._words
        return [words[i] for i in self._ids[self._off[s]:self._off[s + 1]]]


class _StrSet(_Keyed, Set[str]):
    pass


class _Objects(Sequence[Any]):
    """A list of objects, one pickle each, unpickled (once) when first read."""

    def __init__(self, mm: mmap.mmap, base: int, offsets: memoryview) -> None:
        self._mm = mm
        self._base = base
        self._off = offsets
        self._n = len(offsets) - 1
        self._memo: dict[int, Any] = {}

    def __len__(self) -> int:
        return self._n

    def __getitem__(self, i: Any) -> Any:
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(self._n))]
        if i < 0:
            i += self._n
        hit = self._memo.get(i)
        if hit is None:
            if not 0 <= i < self._n:
                raise IndexError(i)
            hit = _loads(self._mm[self._base + self._off[i]:self._base + self._off[i + 1]])
            self._memo[i] = hit
        return hit

    def __iter__(self) -> Iterator[Any]:
        for i in range(self._n):
            yield self[i]


# ---------------------------------------------------------------------------- writing


class _Writer:
    """Appends aligned sections to the file and keeps the payload's CRC-32."""

    def __init__(self, f: IO[bytes]) -> None:
        self.f = f
        self.pos = _ALIGN  # the preamble's place
        f.write(b"\0" * _ALIGN)
        self.crc = 0
        self.sections: list[list[Any]] = []  # [offset, nbytes, dtype, shape]

    def _write(self, data: bytes | memoryview) -> None:
        self.f.write(data)
        self.crc = zlib.crc32(data, self.crc)
        self.pos += len(data)

    def add(self, data: bytes | np.ndarray) -> int:
        pad = -self.pos % _ALIGN
        if pad:
            self._write(b"\0" * pad)
        if isinstance(data, np.ndarray):
            arr = np.ascontiguousarray(data)
            meta = [self.pos, arr.nbytes, arr.dtype.str, list(arr.shape)]
            self._write(memoryview(arr.reshape(-1).view(np.uint8)))  # type: ignore[arg-type]
        else:
            meta = [self.pos, len(data), None, None]
            self._write(data)
        self.sections.append(meta)
        return len(self.sections) - 1

    def ints(self, values: np.ndarray | Sequence[int]) -> int:
        """Integers, as int32 when they fit (the reader sees them as Python ints)."""
        arr = np.asarray(values, dtype=np.int64)
        if not len(arr) or (arr.min() >= -(2**31) and arr.max() < 2**31):
            arr = arr.astype(np.int32)
        return self.add(arr)

    def strings(self, items: Sequence[str]) -> dict[str, int]:
        blob, offsets = _encode_all(items)
        return {"blob": self.add(blob), "off": self.ints(offsets)}

    def table(self, keys: Sequence[str]) -> dict[str, Any]:
        """Keys in slot order, with their hashes sorted."""
        blob, offsets = _encode_all(keys)
        hashes = _hashes_of(np.frombuffer(blob, dtype=np.uint8), offsets)
        order = np.argsort(hashes, kind="stable")
        return {"strings": {"blob": self.add(blob), "off": self.ints(offsets)},
                "hash": self.add(hashes[order]), "slot": self.ints(order)}


def _all_of(values: Any, kind: type) -> bool:
    return set(map(type, values)) <= {kind}


class _Encoder:
    def __init__(self, writer: _Writer) -> None:
        self.w = writer

    def pickled(self, value: Any) -> dict[str, Any]:
        return {"k": "pickle", "s": self.w.add(_dumps(value))}

    def encode(self, value: Any) -> dict[str, Any]:
        from sanctio.registry import Registry

        w = self.w
        if value is None or type(value) in (bool, int, float, str):
            return {"k": "v", "v": value}
        if value is hash:
            return {"k": "stable_hash"}
        if isinstance(value, Registry):
            return {"k": "registry"}
        if isinstance(value, np.ndarray) and value.dtype != object:
            return {"k": "array", "s": w.add(value)}
        if type(value) in (dict, set, frozenset, list) and len(value) < SMALL:
            return self.pickled(value)
        if type(value) is dict:
            if _all_of(value, str):
                vals = list(value.values())
                if _all_of(vals, int):
                    return {"k": "strmap", "t": w.table(list(value)), "v": w.ints(vals)}
                if _all_of(vals, list) and _all_of(chain.from_iterable(vals), str):
                    return self._str_lists(value)
            return self.pickled(value)
        if type(value) in (set, frozenset):
            if _all_of(value, str):
                return {"k": "strset", "t": w.table(sorted(value))}
            return self.pickled(value)
        if type(value) is list:
            if _all_of(value, str):
                return {"k": "strlist", "l": w.strings(value)}
            if _all_of(value, int):
                return {"k": "ints", "s": w.ints(value)}
            return self._objects(value)
        cls = type(value)
        if (cls.__module__.startswith("sanctio.") and hasattr(value, "__dict__")
                and not dataclasses.is_dataclass(value)):
            return self._object(value)
        return self.pickled(value)

    def _str_lists(self, value: dict[str, list[str]]) -> dict[str, Any]:
        lists = list(value.values())
        flat = list(chain.from_iterable(lists))
        words = {x: i for i, x in enumerate(dict.fromkeys(flat))}
        offsets = np.zeros(len(lists) + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, lists), dtype=np.int64, count=len(lists)),
                  out=offsets[1:])
        return {"k": "strlists", "t": self.w.table(list(value)), "off": self.w.ints(offsets),
                "ids": self.w.ints(np.fromiter(map(words.__getitem__, flat), dtype=np.int64,
                                               count=len(flat))),
                "words": self.w.strings(list(words))}

    def _objects(self, items: list[Any]) -> dict[str, Any]:
        parts = [_dumps(x) for x in items]
        offsets = np.zeros(len(parts) + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, parts), dtype=np.int64, count=len(parts)),
                  out=offsets[1:])
        return {"k": "objects", "blob": self.w.add(b"".join(parts)),
                "off": self.w.ints(offsets)}

    def _object(self, value: Any) -> dict[str, Any]:
        from sanctio.index import NameIndex, two_edit_table

        attrs = dict(vars(value))
        if isinstance(value, NameIndex) and attrs.get("probe_hash") is hash:
            # (NameIndex.two_edit_vocab hashes its probes with probe_hash)
            # the two-edit table again, with a hash that every process computes alike
            (attrs["two_edit_hashes"], attrs["two_edit_offsets"],
             attrs["two_edit_owners"]) = two_edit_table(value.two_edit_words, stable_hashes)
        cls = type(value)
        return {"k": "object", "cls": f"{cls.__module__}:{cls.__qualname__}",
                "attrs": {name: self.encode(v) for name, v in attrs.items()}}


def save(screener: Screener, path: Path, key: str) -> None:
    """Write a built screener to ``path`` (atomically: a temporary file renamed into place).
    Raises :class:`StoreError` when something in it cannot be stored."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{time.monotonic_ns()}.tmp")
    try:
        with tmp.open("wb") as f:
            w = _Writer(f)
            try:
                enc = _Encoder(w)
                refs, names = _lookups_of(screener)
                tree = {"screener": enc.encode(screener), "refs": enc.encode(refs),
                        "names": enc.encode(names),
                        "symbols": enc.pickled(_list_symbols(screener))}
            except (pickle.PicklingError, TypeError, AttributeError, RecursionError) as exc:
                raise StoreError(f"the screener cannot be stored: {exc}") from exc
            header = json.dumps({
                "format": FORMAT, "key": key, "created": time.time(),
                "sections": w.sections, "tree": tree, "crc": w.crc,
                "payload_end": w.pos,
            }).encode()
            f.write(header)
            f.seek(0)
            f.write(_PREAMBLE.pack(MAGIC, w.pos, len(header), zlib.crc32(header)))
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    finally:
        with contextlib.suppress(OSError):
            tmp.unlink()


# ---------------------------------------------------------------------------- reading


class _Reader:
    def __init__(self, path: Path, key: str) -> None:
        try:
            with path.open("rb") as f:
                size = os.fstat(f.fileno()).st_size
                if size < _ALIGN:
                    raise StoreError("truncated")
                self.mm = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        except OSError as exc:
            raise StoreError(str(exc)) from exc
        magic, hoff, hlen, hcrc = _PREAMBLE.unpack_from(self.mm, 0)
        if magic != MAGIC or hoff + hlen != size:
            raise StoreError("not an index file of this format, or truncated")
        raw = self.mm[hoff:hoff + hlen]
        if zlib.crc32(raw) != hcrc:
            raise StoreError("header checksum")
        try:
            header = json.loads(raw)
        except ValueError as exc:
            raise StoreError("header") from exc
        if header.get("format") != FORMAT or header.get("key") != key:
            raise StoreError("another key")
        if header["payload_end"] != hoff:
            raise StoreError("header")
        # the whole payload is checked once (CRC-32 runs at several GB/s)
        if zlib.crc32(memoryview(self.mm)[_ALIGN:hoff]) != header["crc"]:
            raise StoreError("payload checksum")
        self.sections: list[list[Any]] = header["sections"]
        self.tree: dict[str, Any] = header["tree"]
        self.created: float = header["created"]
        self._view = memoryview(self.mm)

    def array(self, i: int) -> np.ndarray:
        off, nbytes, dtype, shape = self.sections[i]
        dt = np.dtype(dtype)
        if not nbytes:
            return np.zeros(shape, dtype=dt)
        return np.frombuffer(self.mm, dtype=dt, count=nbytes // dt.itemsize,
                             offset=off).reshape(shape)

    def ints(self, i: int) -> memoryview:
        """An int32 or int64 section as a sequence of Python ints."""
        off, nbytes, dtype, _ = self.sections[i]
        return self._view[off:off + nbytes].cast("i" if dtype == "<i4" else "q")

    def bytes(self, i: int) -> bytes:
        off, nbytes, _, _ = self.sections[i]
        return self.mm[off:off + nbytes]

    def strings(self, node: dict[str, int]) -> _Strings:
        return _Strings(self.mm, self.sections[node["blob"]][0], self.ints(node["off"]))

    def table(self, node: dict[str, Any]) -> _Table:
        return _Table(self.strings(node["strings"]), self.ints(node["hash"]),
                      self.ints(node["slot"]))


def _class(qualified: str) -> Any:
    module, _, name = qualified.partition(":")
    if not (module == "sanctio" or module.startswith("sanctio.")):
        raise StoreError(f"class {qualified} is not Sanctio's")
    obj: Any = importlib.import_module(module)
    for part in name.split("."):
        obj = getattr(obj, part)
    if not isinstance(obj, type):
        raise StoreError(f"{qualified} is not a class")
    return obj


class _Decoder:
    def __init__(self, reader: _Reader, registry: Registry) -> None:
        self.r = reader
        self.registry = registry

    def decode(self, node: dict[str, Any]) -> Any:
        r = self.r
        k = node["k"]
        if k == "v":
            return node["v"]
        if k == "stable_hash":
            return stable_hash
        if k == "registry":
            return self.registry
        if k == "array":
            return r.array(node["s"])
        if k == "pickle":
            return _loads(r.bytes(node["s"]))
        if k == "strmap":
            return _StrIntMap(r.table(node["t"]), r.ints(node["v"]))
        if k == "strlists":
            return _StrListMap(r.table(node["t"]), r.ints(node["off"]), r.ints(node["ids"]),
                               r.strings(node["words"]))
        if k == "strset":
            return _StrSet(r.table(node["t"]))
        if k == "strlist":
            return r.strings(node["l"])
        if k == "ints":
            return _Ints(r.ints(node["s"]))
        if k == "objects":
            return _Objects(r.mm, r.sections[node["blob"]][0], r.ints(node["off"]))
        if k == "object":
            cls = _class(node["cls"])
            obj = cls.__new__(cls)
            for name, sub in node["attrs"].items():
                object.__setattr__(obj, name, self.decode(sub))
            return obj
        raise StoreError(f"unknown node {k!r}")


def load(registry: Registry, path: Path, key: str) -> Screener:
    """The screener stored at ``path`` for ``key``; :class:`StoreError` if there is none
    usable (missing, written for another key, truncated or corrupt)."""
    from sanctio.screen import Screener

    reader = _Reader(path, key)
    dec = _Decoder(reader, registry)
    try:
        screener = dec.decode(reader.tree["screener"])
        if not isinstance(screener, Screener):
            raise StoreError("not a screener")
        _STORED[screener] = _Stored(path, dec.decode(reader.tree["refs"]),
                                    dec.decode(reader.tree["names"]))
        _seed_symbols(dec.decode(reader.tree["symbols"]))
    except (pickle.UnpicklingError, KeyError, IndexError, ValueError, TypeError, EOFError,
            AttributeError, ImportError) as exc:
        raise StoreError(f"unreadable: {exc}") from exc
    return screener


# ------------------------------------------------------------------------ the one call


def _tidy(directory: Path, keep: Path) -> None:
    """Remove older index files (keep the newest few) and abandoned temporary files."""
    now = time.time()
    try:
        files = sorted(directory.glob("screen-*.idx"), key=lambda p: p.stat().st_mtime,
                       reverse=True)
        for p in files[KEEP_FILES:]:
            if p != keep:
                p.unlink(missing_ok=True)
        for p in directory.glob(".screen-*.tmp"):
            if now - p.stat().st_mtime > 3600:
                p.unlink(missing_ok=True)
    except OSError:
        pass


STORE_ENV = "SANCTIO_INDEX_STORE"


def enabled() -> bool:
    """False when ``$SANCTIO_INDEX_STORE`` is 0, off, no or false: every command builds the
    index in memory, as before (a read-only registry folder, or to measure a rebuild)."""
    return os.environ.get(STORE_ENV, "").strip().lower() not in ("0", "off", "no", "false")


def open_screener(registry: Registry) -> Screener | None:
    """The stored screener of the registry's current state, or None."""
    key = cache_key(registry)
    try:
        return load(registry, index_path(registry, key), key)
    except StoreError:
        return None


def stored_screener(registry: Registry,
                    building: Callable[[], contextlib.AbstractContextManager[Any]] | None = None,
                    ) -> Screener:
    """A screener of the registry's current state: the stored one when there is one, else
    one built now (inside ``building()``, a progress display) and stored for the next call.
    The result screens exactly alike either way."""
    from sanctio.screen import Screener

    if not enabled():
        with building() if building is not None else contextlib.nullcontext():
            return Screener(registry)
    key = cache_key(registry)
    path = index_path(registry, key)
    try:
        return load(registry, path, key)
    except StoreError:
        pass
    with building() if building is not None else contextlib.nullcontext():
        screener = Screener(registry)
        # a list loaded while this one was built: what was built is not this key's
        if cache_key(registry) == key:
            try:
                save(screener, path, key)
                _tidy(path.parent, path)
            except (StoreError, OSError):
                pass  # screening goes on from memory; the next call tries again
    return screener


def prepare(registry: Registry,
            building: Callable[[], contextlib.AbstractContextManager[Any]] | None = None,
            ) -> bool:
    """Build and store the index of the registry's current state unless it is stored
    already (after a load). Returns whether it was built."""
    if not enabled():
        return False
    key = cache_key(registry)
    path = index_path(registry, key)
    try:
        _Reader(path, key)
        return False
    except StoreError:
        pass
    stored_screener(registry, building)
    return True


def stored_path(screener: Screener) -> Path | None:
    """The index file a screener was read from (None: built in this process)."""
    info = _STORED.get(screener)
    return info.path if info is not None else None


# ------------------------------------------------------------------ name symbols


def _list_symbols(screener: Screener) -> dict[str, frozenset[str]]:
    """rigour's name symbols of every word of the list names (as the build tagged them)."""
    from sanctio.text.normalize import Role, symbols_of

    words: set[str] = set()
    for n in screener.names:
        for t in n.form.tokens:
            if t.role == Role.NAME:
                words.add(t.text)
                if t.orig:
                    words.add(t.orig)
    return {w: symbols_of(w) for w in words}


def _seed_symbols(table: dict[str, frozenset[str]]) -> None:
    """Give the name-symbol table of :mod:`sanctio.text.normalize` the symbols of the list
    words, so that a stored screener never waits for rigour's tagger (4 s to load) over a
    list word: the shared symbol cache on disk may lack them (several processes write it,
    the last one wins). ``symbols_of`` is a pure function of the word (and rigour's version,
    part of the key): these are the values it gave when the index was built."""
    from sanctio.text import normalize

    known = getattr(normalize, "_SYMBOLS", None)
    if isinstance(known, dict) and isinstance(table, dict):
        for word, symbols in table.items():
            known.setdefault(word, symbols)


# ------------------------------------------------------------- entities by id or name


@dataclasses.dataclass
class _Stored:
    path: Path | None
    refs: Mapping[str, int]  # entity id or member record key -> the first entity's position
    names: Mapping[str, list[str]]  # a name (spacing and case aside) -> ids of its entities


_STORED: weakref.WeakKeyDictionary[Screener, _Stored] = weakref.WeakKeyDictionary()


def name_key(text: str) -> str:
    """A name as `sanctio show` finds it: spacing and case aside."""
    return " ".join(text.split()).casefold()


def _lookups_of(screener: Screener) -> tuple[dict[str, int], dict[str, list[str]]]:
    info = _STORED.get(screener)
    if info is not None:
        return dict(info.refs), dict(info.names)
    refs: dict[str, int] = {}
    names: dict[str, list[str]] = {}
    for pos, item in enumerate(screener.entities):
        e = item.entity
        refs.setdefault(e.id, pos)
        for m in e.members:
            refs.setdefault(m.key, pos)
            refs.setdefault(m.designation_key, pos)
        for n, _ in e.names:
            ids = names.setdefault(name_key(n.full), [])
            if not ids or ids[-1] != e.id:
                ids.append(e.id)
    _STORED[screener] = _Stored(None, refs, names)
    return refs, names


def entity_by_ref(screener: Screener, ref: str) -> int | None:
    """The position (in ``screener.entities``) of the entity with this id or member record
    key (``us-ofac:29119``), as :meth:`Registry.entity` finds it."""
    info = _STORED.get(screener)
    refs = info.refs if info is not None else _lookups_of(screener)[0]
    return refs.get(ref.strip())


def entities_by_name(screener: Screener, text: str) -> list[int]:
    """Positions of the entities that have ``text`` as one of their names (spacing and case
    aside), in registry order."""
    key = name_key(text)
    if not key:
        return []
    info = _STORED.get(screener)
    names = info.names if info is not None else _lookups_of(screener)[1]
    return [screener.by_id[eid] for eid in names.get(key, [])]
