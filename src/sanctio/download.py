"""The downloader (the library of `sanctio update`): the official list files fetched from the
authorities and loaded.

For each source the files are fetched from the address the authority publishes (the
:data:`SOURCES` table), streamed with httpx into a staging folder inside the registry home,
hashed (SHA-256) while they are written, checked against an expected checksum when one is
given, and then loaded with :meth:`Registry.load` (atomic: a file that fails to download,
to match its checksum or to parse leaves the previous version of its list active).

Downloads keep to these rules:

* a connect / read / write timeout (``timeout`` seconds, each);
* retries with exponential back-off (``backoff * 2**attempt`` seconds) on network errors
  (connection refused or reset, timeouts, a body cut short) and on HTTP 5xx; never on 4xx;
* a size cap (``max_bytes``, checked against ``Content-Length`` and while streaming);
* a file is written under a temporary name and renamed once complete, so a half-written
  file is never left where a list file is expected. Completed downloads are kept under
  ``<home>/downloads/<source>/<sha256[:16]>/`` (the registry records that path); for each
  source only the active version's folder and the latest download are kept.

Addresses: ``overrides`` (``--url-override SOURCE=URL``) first, then ``base``
(``--base`` or ``$SANCTIO_UPDATE_BASE``: every file is fetched from ``BASE/<file name>``, for
mirrors and tests), then the published address. For a source of several files (the OFAC CSV
set) an override URL is a folder address to which the file names are appended.

Checksums (``--sha256 KEY=HEX``): KEY is a source (the SHA-256 of its file; for the OFAC CSV
set, the SHA-256 of the set as ``sanctio lists`` shows it: sha256 over the sorted lines
``<name>\\0<sha256 of the file>``) or a file name (``sdn.csv``) for one file of a set.
"""

import hashlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from sanctio import __version__
from sanctio.registry import ListVersion, LoadResult, Registry

OFAC_EXPORTS = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/"


@dataclass(frozen=True, slots=True)
class Source:
    """One downloadable list: where the authority publishes it and how it is loaded."""

    key: str  # --source value, also the list id it is loaded into
    fmt: str  # registry format (sanctio.sources)
    title: str
    files: tuple[tuple[str, str], ...]  # (local file name, published URL), in order
    directory: bool = False  # load the folder holding the files (the OFAC CSV set)

    @property
    def names(self) -> list[str]:
        return [name for name, _ in self.files]


#: The published addresses. The local file name is also the name looked up under a mirror
#: (``$SANCTIO_UPDATE_BASE/<file name>``).
SOURCES: dict[str, Source] = {
    "us-ofac": Source(
        "us-ofac", "ofac-csv", "US Treasury OFAC, SDN list (CSV set)",
        tuple((name, OFAC_EXPORTS + name)
              for name in ("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv")),
        directory=True),
    "un": Source(
        "un", "un-xml", "UN Security Council consolidated list (XML)",
        (("consolidated.xml", "https://scsanctions.un.org/resources/xml/en/consolidated.xml"),)),
    "eu": Source(
        "eu", "eu-fsf", "EU Financial Sanctions Files, full list (XML 1.1)",
        (("xmlFullSanctionsList_1_1.xml",
          "https://webgate.ec.europa.eu/fsd/fsf/public/files/xmlFullSanctionsList_1_1/"
          "content?token=dG9rZW4tMjAxNw"),)),
    "uk": Source(
        "uk", "uk-conlist", "UK OFSI consolidated list (CSV, 2022 format)",
        (("ConList.csv",
          "https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.csv"),)),
    "us-csl": Source(
        "us-csl", "us-csl", "US Consolidated Screening List (CSV)",
        (("consolidated.csv", "https://data.trade.gov/downloaded_files/consolidated.csv"),)),
}

#: Lists fetched only when named (``--source us-ofac-cons``): OFAC's consolidated non-SDN
#: list (SSI, NS-PLC, FSE, Part 561, NS-MBS...), a list of its own next to the SDN list.
OPTIONAL_SOURCES: dict[str, Source] = {
    "us-ofac-cons": Source(
        "us-ofac-cons", "ofac-cons-xml", "US Treasury OFAC, consolidated non-SDN list (XML)",
        (("CONSOLIDATED.XML", OFAC_EXPORTS + "CONSOLIDATED.XML"),)),
}

#: The OFAC SDN list as one XML file (``--ofac-format xml``), loaded into the same list.
OFAC_XML = Source("us-ofac", "ofac-xml", "US Treasury OFAC, SDN list (XML)",
                  (("SDN.XML", OFAC_EXPORTS + "SDN.XML"),))

DEFAULT_TIMEOUT = 60.0
DEFAULT_RETRIES = 3
DEFAULT_BACKOFF = 1.0
DEFAULT_MAX_BYTES = 512 * 1024 * 1024
BASE_ENV = "SANCTIO_UPDATE_BASE"
USER_AGENT = f"sanctio/{__version__} (sanctions list update)"
CHUNK = 1 << 16


class DownloadError(RuntimeError):
    """A download that failed (after its retries, where retrying made sense)."""


class _Retryable(Exception):
    """A server error worth retrying (HTTP 5xx)."""


@dataclass(slots=True)
class Download:
    """One downloaded file."""

    name: str
    url: str
    path: Path
    size: int
    sha256: str
    attempts: int
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "url": self.url, "path": str(self.path), "bytes": self.size,
                "sha256": self.sha256, "attempts": self.attempts,
                "seconds": round(self.seconds, 3)}


@dataclass(slots=True)
class UpdateResult:
    """What happened to one source: downloaded and loaded, unchanged, or failed (and where)."""

    source: str
    status: str  # loaded, unchanged, reactivated, failed
    stage: str | None = None  # where it failed: download, checksum, load
    error: str | None = None
    files: list[Download] = field(default_factory=list)
    sha256: str | None = None  # of what was loaded: the file, or the OFAC CSV set
    load: LoadResult | None = None
    previous: ListVersion | None = None
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.status != "failed"

    @property
    def version(self) -> ListVersion | None:
        return self.load.version if self.load and self.ok else self.previous

    def to_dict(self) -> dict[str, Any]:
        active = self.version
        return {
            "source": self.source, "status": self.status, "stage": self.stage,
            "error": self.error, "sha256": self.sha256,
            "refused": self.load.refused if self.load else None,
            "files": [f.to_dict() for f in self.files],
            "active_version": active.label if active else None,
            "record_count": active.record_count if active else None,
            "previous": self.previous.label if self.previous else None,
            "seconds": round(self.seconds, 3),
        }


def resolve_sources(keys: Iterable[str] | None, ofac_format: str = "csv") -> list[Source]:
    """The sources to update (all of :data:`SOURCES` when none is named; those of
    :data:`OPTIONAL_SOURCES` only when named), in the given order."""
    if ofac_format not in ("csv", "xml"):
        raise ValueError(f"unknown OFAC format {ofac_format!r}; use csv or xml")
    known = {**SOURCES, **OPTIONAL_SOURCES}
    chosen = list(dict.fromkeys(keys)) if keys else list(SOURCES)
    unknown = [k for k in chosen if k not in known]
    if unknown:
        raise ValueError(f"unknown source {', '.join(map(repr, unknown))}; "
                         f"known sources: {', '.join(known)}")
    return [OFAC_XML if k == "us-ofac" and ofac_format == "xml" else known[k]
            for k in chosen]


def source_urls(src: Source, base: str | None = None,
                overrides: Mapping[str, str] | None = None) -> list[tuple[str, str]]:
    """(local name, URL) of each file of a source, after overrides and the mirror base."""
    override = (overrides or {}).get(src.key)
    if override:
        if len(src.files) == 1:
            return [(src.files[0][0], override)]
        return [(name, _join(override, name)) for name in src.names]
    if base:
        return [(name, _join(base, name)) for name in src.names]
    return list(src.files)


def _join(base: str, name: str) -> str:
    return base.rstrip("/") + "/" + name


def set_digest(files: Mapping[str, str]) -> str:
    """SHA-256 of a set of files, as the registry computes it for a folder."""
    h = hashlib.sha256()
    for name in sorted(files):
        h.update(name.encode() + b"\0" + files[name].encode())
    return h.hexdigest()


# ------------------------------------------------------------------------------- download


def fetch(client: httpx.Client, url: str, dest: Path, *, retries: int = DEFAULT_RETRIES,
          backoff: float = DEFAULT_BACKOFF, max_bytes: int = DEFAULT_MAX_BYTES,
          log: Callable[[str], None] | None = None) -> Download:
    """Download ``url`` to ``dest`` (written under a temporary name, renamed when complete).

    Retries network errors and HTTP 5xx up to ``retries`` times with exponential back-off;
    raises :class:`DownloadError` at once on HTTP 4xx, an oversized body or a local error."""
    started = time.perf_counter()
    last: str = "no attempt"
    attempts = 0
    for attempt in range(retries + 1):
        attempts = attempt + 1
        try:
            size, digest = _fetch_once(client, url, dest, max_bytes)
        except httpx.UnsupportedProtocol as exc:
            raise DownloadError(f"{url}: {exc}") from exc
        except (httpx.TransportError, _Retryable) as exc:
            last = _describe(exc)
        else:
            return Download(dest.name, url, dest, size, digest, attempts,
                            time.perf_counter() - started)
        if attempt < retries:
            delay = backoff * 2 ** attempt
            if log:
                log(f"{url}: {last}; retrying in {delay:.1f} s "
                    f"(attempt {attempt + 2} of {retries + 1})")
            time.sleep(delay)
    raise DownloadError(f"{url}: {last} (after {attempts} attempt{'s' * (attempts > 1)})")


def _fetch_once(client: httpx.Client, url: str, dest: Path, max_bytes: int) -> tuple[int, str]:
    fd, tmp_name = tempfile.mkstemp(dir=dest.parent, prefix=f".{dest.name}.", suffix=".part")
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            try:
                with client.stream("GET", url) as resp:
                    if resp.status_code >= 500:
                        raise _Retryable(f"HTTP {resp.status_code} {resp.reason_phrase}")
                    if resp.status_code >= 400 or resp.status_code < 200:
                        raise DownloadError(
                            f"{url}: HTTP {resp.status_code} {resp.reason_phrase}")
                    declared = resp.headers.get("content-length")
                    if declared and declared.isdigit() and int(declared) > max_bytes:
                        raise DownloadError(f"{url}: the file is {int(declared):,} bytes, "
                                            f"over the {max_bytes:,}-byte cap")
                    h = hashlib.sha256()
                    size = 0
                    for chunk in resp.iter_bytes(CHUNK):
                        size += len(chunk)
                        if size > max_bytes:
                            raise DownloadError(f"{url}: the file is over the "
                                                f"{max_bytes:,}-byte cap")
                        h.update(chunk)
                        out.write(chunk)
            except httpx.HTTPError as exc:
                if isinstance(exc, httpx.TransportError):
                    raise
                raise DownloadError(f"{url}: {_describe(exc)}") from exc
            if size == 0:
                raise DownloadError(f"{url}: the server sent an empty file")
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, dest)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise DownloadError(f"{url}: cannot write {dest}: {exc}") from exc
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return size, h.hexdigest()


def _describe(exc: BaseException) -> str:
    if isinstance(exc, httpx.TimeoutException):
        kind = type(exc).__name__.replace("Timeout", " timeout").strip().lower()
        return f"{kind} ({exc})" if str(exc) else kind
    text = str(exc) or type(exc).__name__
    return text if isinstance(exc, _Retryable) else f"{type(exc).__name__}: {text}"


# --------------------------------------------------------------------------------- update


def update(registry: Registry, sources: Iterable[str] | None = None, *,
           base: str | None = None, overrides: Mapping[str, str] | None = None,
           timeout: float = DEFAULT_TIMEOUT, retries: int = DEFAULT_RETRIES,
           checksums: Mapping[str, str] | None = None, backoff: float = DEFAULT_BACKOFF,
           max_bytes: int = DEFAULT_MAX_BYTES, ofac_format: str = "csv",
           log: Callable[[str], None] | None = None,
           client: httpx.Client | None = None, allow_shrink: bool = False,
           allow_older: bool = False) -> list[UpdateResult]:
    """Download and load each source; one result per source, in order.

    ``base`` defaults to ``$SANCTIO_UPDATE_BASE``. A source that fails (download, checksum or
    parse) keeps its previous version active and does not stop the others. Loads have the
    protection of :meth:`Registry.load`: a download that would remove more than 10% of a
    list's records, or that its publisher dates before the active version, is refused unless
    ``allow_shrink`` / ``allow_older``; an incomplete download is always refused."""
    chosen = resolve_sources(sources, ofac_format)
    if base is None:
        base = os.environ.get(BASE_ENV) or None
    expected = _normalise_checksums(checksums or {}, chosen)
    own_client = client is None
    http = client or httpx.Client(
        timeout=httpx.Timeout(timeout), follow_redirects=True,
        headers={"User-Agent": USER_AGENT})
    try:
        return [_update_one(registry, src, http, base=base, overrides=overrides,
                            expected=expected, retries=retries, backoff=backoff,
                            max_bytes=max_bytes, log=log, allow_shrink=allow_shrink,
                            allow_older=allow_older)
                for src in chosen]
    finally:
        if own_client:
            http.close()


def _normalise_checksums(checksums: Mapping[str, str], chosen: list[Source]) -> dict[str, str]:
    known = {s.key for s in chosen} | {n for s in chosen for n in s.names}
    out = {}
    for key, value in checksums.items():
        hex_ = value.strip().lower()
        if len(hex_) != 64 or any(c not in "0123456789abcdef" for c in hex_):
            raise ValueError(f"checksum for {key!r} is not a SHA-256 (64 hex digits)")
        if key not in known:
            raise ValueError(f"checksum for {key!r}: not a source or file being updated")
        out[key] = hex_
    return out


def _update_one(registry: Registry, src: Source, client: httpx.Client, *, base: str | None,
                overrides: Mapping[str, str] | None, expected: Mapping[str, str],
                retries: int, backoff: float, max_bytes: int,
                log: Callable[[str], None] | None, allow_shrink: bool = False,
                allow_older: bool = False) -> UpdateResult:
    started = time.perf_counter()
    result = UpdateResult(src.key, "failed", previous=registry.active_versions().get(src.key))
    root = registry.home / "downloads" / src.key
    root.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=root, prefix=".staging-"))
    final: Path | None = None
    try:
        try:
            for name, url in source_urls(src, base, overrides):
                result.files.append(fetch(client, url, staging / name, retries=retries,
                                          backoff=backoff, max_bytes=max_bytes, log=log))
        except DownloadError as exc:
            result.stage, result.error = "download", str(exc)
            return result
        shas = {f.name: f.sha256 for f in result.files}
        digest = set_digest(shas) if src.directory else result.files[0].sha256
        result.sha256 = digest
        mismatch = _checksum_mismatch(src, digest, shas, expected)
        if mismatch:
            result.stage, result.error = "checksum", mismatch
            return result
        final = _settle(staging, root / digest[:16])
        for f in result.files:
            f.path = final / f.name
        target = final if src.directory else final / src.files[0][0]
        try:
            loaded = registry.load(target, fmt=src.fmt, list_id=src.key,
                                   allow_shrink=allow_shrink, allow_older=allow_older)
        except Exception as exc:  # a parser bug must not stop the other sources
            result.stage, result.error = "load", f"{target}: {type(exc).__name__}: {exc}"
            return result
        result.load = loaded
        result.status = loaded.status
        if loaded.status == "failed":
            result.stage, result.error = "load", loaded.error
        return result
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        _prune(registry, src, root, final)
        result.seconds = time.perf_counter() - started


def _checksum_mismatch(src: Source, digest: str, shas: Mapping[str, str],
                       expected: Mapping[str, str]) -> str | None:
    want = expected.get(src.key)
    if want and want != digest:
        what = "the file set" if src.directory else next(iter(shas))
        return f"SHA-256 mismatch for {what}: expected {want}, downloaded {digest}"
    for name, sha in shas.items():
        want = expected.get(name)
        if want and want != sha:
            return f"SHA-256 mismatch for {name}: expected {want}, downloaded {sha}"
    return None


def _settle(staging: Path, final: Path) -> Path:
    """Move a complete download into its content-addressed folder (kept if already there)."""
    if final.exists():
        return final
    try:
        os.replace(staging, final)
    except OSError:
        if not final.exists():  # not a concurrent update that got there first
            raise
    return final


def _prune(registry: Registry, src: Source, root: Path, current: Path | None) -> None:
    """Keep the active version's download and the latest one; remove older downloads."""
    active = registry.active_versions().get(src.key)
    keep = {current.name} if current else set()
    if active is not None:
        keep.add(active.sha256[:16])
    for child in root.iterdir():
        if child.is_dir() and not child.name.startswith(".") and child.name not in keep:
            shutil.rmtree(child, ignore_errors=True)
