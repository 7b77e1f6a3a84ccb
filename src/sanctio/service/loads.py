"""List loads through the service (``POST /lists/reload`` and the console's load page): the
file a request names, resolved inside the server's data folders; the load itself, in a process
of its own, with errors that never show the file's content. Monitoring hears of each load
through the registry's events (:func:`sanctio.monitor.rescreen.watch`) and rescreens in a
process of its own."""

from __future__ import annotations

import contextlib
import logging
import re
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sanctio.monitor.rescreen import watch
from sanctio.registry import LoadResult, Registry

log = logging.getLogger("sanctio.service")


def official_download() -> Callable[..., list[LoadResult]] | None:
    """The official-download entry point: :func:`sanctio.download.update`, one LoadResult per
    list (a download or checksum failure becomes a failed LoadResult naming the stage)."""
    try:
        from sanctio.download import update
    except ImportError:  # pragma: no cover
        return None

    def download(registry: Any, lists: list[str] | None = None, *, allow_shrink: bool = False,
                 allow_older: bool = False) -> list[LoadResult]:
        out = []
        for r in update(registry, lists, allow_shrink=allow_shrink, allow_older=allow_older):
            if r.load is not None:
                out.append(r.load)
            else:
                out.append(LoadResult(list_id=r.source, status="failed", version=None,
                                      previous=r.previous, error=f"{r.stage}: {r.error}"))
        return out

    return download


NOT_IN_DATA_DIRS = ("no such list file or folder in the server's data folders (sanctio "
                    "serve --data-dir)")


def resolve_list_path(text: str, data_dirs: list[Path]) -> tuple[Path | None, str | None]:
    """The list file (or OFAC CSV folder) that ``POST /lists/reload`` names, inside one of the
    server's data folders, or why not.

    A relative path is looked up in each data folder in turn. Symbolic links are followed
    before the check, so a link inside a data folder cannot reach out of it. A missing file
    and a file outside the data folders get the same answer (the API never tells what
    exists elsewhere on the server). Only regular files are read (a FIFO would block the
    loader), and in a folder only regular files inside the data folders."""
    roots = []
    for d in data_dirs:
        with contextlib.suppress(OSError, RuntimeError):
            roots.append(d.expanduser().resolve(strict=True))
    path = Path(text).expanduser()
    candidates = [path] if path.is_absolute() else [r / path for r in roots]

    def inside(p: Path) -> bool:
        return any(p == r or p.is_relative_to(r) for r in roots)

    for candidate in candidates:
        try:
            real = candidate.resolve(strict=True)
        except (OSError, RuntimeError):
            continue
        if not inside(real):
            continue
        try:
            mode = real.stat().st_mode
            if stat.S_ISDIR(mode):
                for entry in real.iterdir():
                    target = entry.resolve(strict=True)
                    kind = target.stat().st_mode
                    if not inside(target) or not (stat.S_ISREG(kind) or stat.S_ISDIR(kind)):
                        return None, (f"the folder holds {entry.name!r}, which is not a "
                                      "regular file inside the data folders")
            elif not stat.S_ISREG(mode):
                return None, "not a regular file (a FIFO, socket or device is never read)"
        except (OSError, RuntimeError):
            return None, NOT_IN_DATA_DIRS
        return real, None
    return None, NOT_IN_DATA_DIRS


_QUOTED = re.compile(r"'[^'\n]*'|\"[^\"\n]*\"")


def scrub_error(message: str, path: Path) -> str:
    """A load error as the API may show it: without any of the file's content.

    Parsers quote what they could not read (a header line, a value); through the API that
    would let an admin key read files of the server and every screen key read them back in
    ``GET /lists``. Quoted text is replaced by ``'…'``, and so is any piece of the message
    (a line, a field, a word of four characters or more) found in the file's first 256 KB.
    The file's path and the location (line, element) stay."""
    prefix = ""
    name = str(path)
    if message.startswith(name):
        prefix, message = name, message[len(name):]
        # "PATH, line 12: ..." (a ParseError): the location stays as it is
        end = message.find(": ") if message.startswith(", ") else -1
        if end > 0:
            prefix, message = prefix + message[:end + 2], message[end + 2:]
    head = b""
    with contextlib.suppress(OSError):
        files = [path] if path.is_file() else sorted(
            p for p in path.iterdir() if p.is_file()) if path.is_dir() else []
        for f in files[:20]:
            with f.open("rb") as fh:
                head += fh.read(1 << 18) + b"\n"
    text = head.decode("utf-8", "replace")
    message = _QUOTED.sub("'…'", message)
    pieces: set[str] = set()
    for line in text.splitlines():
        line = line.strip()
        if len(line) >= 4:
            pieces.add(line)
        for piece in re.split(r"[\s,;|\t\x00\"'<>=]+", line):
            if len(piece) >= 4:
                pieces.add(piece)
    for piece in sorted(pieces, key=len, reverse=True):
        if piece in message:
            message = message.replace(piece, "…")
    return prefix + message


def load_lists(home: str, items: list[tuple[Any, ...]], download: bool,
               lists: list[str] | None, download_guards: dict[str, bool] | None = None,
               actor: str | None = None) -> list[tuple[str | None, LoadResult]]:
    """Load list files into the registry, one by one (run in a process of its own).

    Each item is ``(path, format, list_id)`` and optionally a dict of the load guards to lift
    (``allow_shrink``, ``allow_older``, ``allow_incomplete``); the registry's protections
    apply otherwise, as to ``sanctio load``.

    With ``actor``, monitoring watches the loads (audit trail, then the portfolio rescreened
    in a process of its own once they are all done)."""
    reg = Registry(Path(home), auto_sample=False)
    if actor is not None:
        watch(reg, actor=actor, background=True)
    out: list[tuple[str | None, LoadResult]] = []
    try:
        with reg.events.batch():
            _load_items(reg, items, download, lists, download_guards, out)
    finally:
        reg.close()
    return out


def _load_items(reg: Registry, items: list[tuple[Any, ...]], download: bool,
                lists: list[str] | None, download_guards: dict[str, bool] | None,
                out: list[tuple[str | None, LoadResult]]) -> None:
    for item in items:
        path, fmt, list_id = item[:3]
        guards: dict[str, bool] = dict(item[3]) if len(item) > 3 and item[3] else {}
        file = Path(path)

        def scrub(message: str, file: Path = file) -> str:
            return scrub_error(message, file)

        try:
            # errors are recorded without the file's content (GET /lists shows them)
            result = reg.load(file, fmt, list_id, scrub=scrub, **guards)
        except Exception as exc:  # the registry itself failed
            log.exception("loading %s failed", path)
            result = reg._record_failure(file, fmt, list_id, scrub_error(
                f"{file}: cannot load the file: {type(exc).__name__}: {exc}", file))
        out.append((path, result))
    if download:
        fn = official_download()
        if fn is not None:
            for r in fn(reg, lists=lists, **(download_guards or {})):
                if r.version is None:  # failed before a load: monitoring hears of it too
                    reg.publish(r)
                out.append((None, r))
