"""The scorer pool: the index in scorer processes, and hot reloads.

The HTTP front (one event loop) never scores. It sends screening work to a *generation* of
scorer processes that hold the index:

- one process builds the :class:`~sanctio.screen.Screener` from the registry, warms it up,
  then forks the others, which share the built index copy-on-write (one build per reload,
  whatever the number of processes);
- the front keeps one queue of tasks and hands the next task to whichever scorer is idle, so
  every core stays busy and no client waits behind a busy process while another idles. A
  batch is cut in chunks that the scorers take in parallel; a single query's task is ordered
  before the later chunks of a batch already queued;
- a watcher polls the registry's ``state_key``; when the active lists change it starts a new
  generation in the background. The old generation keeps answering until the new one is
  ready, then the front switches to it in one step: requests in flight finish on the old
  processes, which exit once idle. A build that fails leaves the old generation serving;
- a scorer that dies has its tasks handed to another scorer, and a new generation is built.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import heapq
import itertools
import logging
import multiprocessing
import os
import pickle
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

import orjson

from sanctio.payments.screen import screen_payload
from sanctio.registry import Registry
from sanctio.scan import text_scanner
from sanctio.service.audit import now_iso
from sanctio.types import Query, QueryError

if TYPE_CHECKING:
    from sanctio.registry import Registry
    from sanctio.screen import Screener

log = logging.getLogger("sanctio.service")

PREFETCH_BYTES = 32 * 1024  # a second group waits in a scorer's pipe only if this small
GROUP_MAX = 8  # tasks sent to a scorer in one message, at most
WARMUP_NAMES = ["John Smith", "Mohammed Ali Hassan", "Vladimir Ivanov", "Maria Garcia Lopez",
                "Bank Melli", "Ocean Star Shipping", "Kim Jong", "Osama"]


class NotReady(RuntimeError):
    """No index is being served yet (the first one is being built)."""


class ScorerError(RuntimeError):
    """A task failed inside a scorer process."""

    def __init__(self, kind: str, name: str, message: str) -> None:
        self.kind, self.name, self.message = kind, name, message
        super().__init__(f"{name}: {message}")


# ------------------------------------------------------------------- the scorer processes


def index_size(screener: Screener) -> int:
    """The number of entities the screener holds."""
    entities = getattr(screener, "entities", None)
    if entities is not None and not callable(entities):
        with contextlib.suppress(TypeError):
            return len(entities)
    try:
        return len(screener.registry.entities())
    except Exception:  # pragma: no cover - informative only
        return 0


def warm_up(screener: Screener) -> None:
    """Run a few queries so the first real requests do not pay for lazy initialisation."""
    for name in WARMUP_NAMES:
        screener.screen(Query.build(name))
    screener.screen(Query.build("John Smith", schema="person", dob="1970", country="RU"))
    with contextlib.suppress(Exception):
        screener.search("al", limit=5)
    with contextlib.suppress(Exception):
        screener.entity_dict("warm-up")


def op_screen(screener: Screener, queries: list[Any], threshold: float | None,
              limit: int) -> tuple[list[bytes], int, int]:
    """Screen queries; each result serialised as ``sanctio screen --json`` prints it."""
    out: list[bytes] = []
    alerts = errors = 0
    dumps = orjson.dumps
    for q in queries:
        result = screener.screen(q, threshold=threshold, limit=limit)
        if result.status == "alert":
            alerts += 1
        elif result.status == "error":
            errors += 1
        out.append(dumps(result.to_dict()))
    return out, alerts, errors


def op_search(screener: Screener, text: str, limit: int, offset: int,
              schema: Any) -> tuple[list[bytes], bool]:
    found = screener.search(text, limit=limit + 1, offset=offset, schema=schema)
    return [orjson.dumps(m.to_dict()) for m in found[:limit]], len(found) > limit


def op_entity(screener: Screener, entity_id: str) -> bytes | None:
    data = screener.entity_dict(entity_id)
    return None if data is None else orjson.dumps(data)


def op_scan(screener: Screener, text: str, threshold: float | None,
            is_html: bool | None) -> tuple[bytes, int, float]:
    """Scan free text (``POST /scan``), as ``sanctio scan --json`` prints a document."""
    result = text_scanner(screener).scan(text, threshold=threshold, is_html=is_html)
    return orjson.dumps(result.to_dict()), len(result.mentions), result.threshold


OPS: dict[str, Callable[..., Any]] = {"screen": op_screen, "search": op_search,
                                      "entity": op_entity, "scan": op_scan}


def op_payments(screener: Screener, data: bytes, fmt: str | None, threshold: float | None,
                ) -> tuple[bytes, dict[str, int]]:
    """Screen payment messages (``POST /payments/screen``), see :mod:`sanctio.payments`."""
    return screen_payload(screener, data, fmt, threshold)


OPS["payments"] = op_payments
_KEEP: list[Any] = []  # what a forked scorer must never close: its parent's database connection


def _serve(screener: Screener, conn: Connection, info: dict[str, Any]) -> None:
    try:
        conn.send_bytes(pickle.dumps(("ready", os.getpid(), info)))
    except OSError:
        return  # the front stopped while the index was being built
    while True:
        try:
            batch = pickle.loads(conn.recv_bytes())
        except (EOFError, OSError):
            return  # the front is gone
        # a message is a group of tasks; each answer goes back as soon as it is ready
        for task_id, op, args in batch:
            if op == "exit":
                return
            try:
                reply: tuple[Any, ...] = (task_id, True, OPS[op](screener, *args))
            except QueryError as exc:
                reply = (task_id, False, ("query", exc.field, str(exc)))
            except Exception as exc:
                log.exception("scorer task %s failed", op)
                reply = (task_id, False, ("error", type(exc).__name__, str(exc)))
            try:
                conn.send_bytes(pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL))
            except (EOFError, OSError):
                return


def scorer_main(home: str, threshold: float | None, warmup: bool,
                conns: list[Connection]) -> None:
    """A generation's first process: build the index, fork the others, serve."""
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    started = time.perf_counter()
    try:
        from sanctio.registry import Registry
        from sanctio.screen import Screener

        registry = Registry(Path(home), auto_sample=False)
        screener = (Screener(registry) if threshold is None
                    else Screener(registry, threshold=threshold))
        if warmup:
            warm_up(screener)
        info = {"state_key": str(screener.state_key),
                "list_versions": dict(screener.list_versions),
                "size": index_size(screener), "built_at": now_iso(),
                "build_seconds": round(time.perf_counter() - started, 3)}
    except BaseException as exc:
        log.exception("index build failed")
        for c in conns:
            with contextlib.suppress(OSError):
                c.send_bytes(pickle.dumps(("failed", f"{type(exc).__name__}: {exc}")))
        return
    # the index is built once; the other scorers are forked from here and share it
    gc.collect()
    gc.freeze()
    children = []
    for i in range(1, len(conns)):
        pid = os.fork()
        if pid == 0:  # a forked scorer: its own database connection, never the parent's
            try:
                _KEEP.append(registry.conn)
                registry.conn = registry.connect()
                # hold no other scorer's pipe: the front must see a dead scorer's pipe close
                for j, c in enumerate(conns):
                    if j != i and not c.closed:
                        c.close()
                _serve(screener, conns[i], info)
            finally:
                os._exit(0)
        children.append(pid)
    for c in conns[1:]:
        c.close()
    _serve(screener, conns[0], info)
    for pid in children:  # reap the forked scorers
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)


# ------------------------------------------------------------------------------ the front


@dataclass(frozen=True, slots=True)
class Served:
    """What a generation of scorers serves."""

    state_key: str
    list_versions: dict[str, str]
    built_at: str
    build_seconds: float
    size: int  # entities in the index


@dataclass(eq=False)
class _Task:
    id: int
    op: str
    args: tuple[Any, ...]
    future: asyncio.Future[Any]
    priority: tuple[int, int]
    attempts: int = 0


@dataclass(eq=False)
class _Worker:
    conn: Connection
    gen: _Generation
    pid: int | None = None
    ready: bool = False
    alive: bool = True
    # the tasks sent to it, in order (answers come back in order): the group it is scoring
    # and at most one more group waiting in its pipe, so that it never idles while the front
    # is busy; a group is several queued tasks in one message (fewer wake-ups per task)
    tasks: deque[_Task] = field(default_factory=deque)
    groups: deque[int] = field(default_factory=deque)  # the size of each group sent


@dataclass(eq=False)
class _Generation:
    id: int
    process: Any  # the multiprocessing process that builds and forks
    workers: list[_Worker] = field(default_factory=list)
    served: Served | None = None
    state: str = "building"  # building, serving, draining, failed, retired
    started: float = field(default_factory=time.monotonic)
    pending: list[tuple[tuple[int, int], int, _Task]] = field(default_factory=list)


class ScorerPool:
    """The scorer processes of the service and the queue that feeds them (event-loop side)."""

    def __init__(self, home: Path, *, processes: int = 2, threshold: float | None = None,
                 poll_interval: float = 2.0, warmup: bool = True,
                 on_swap: Callable[[Served], None] | None = None,
                 on_failure: Callable[[str], None] | None = None) -> None:
        self.home = Path(home)
        self.processes = max(1, processes)
        self.threshold = threshold
        self.poll_interval = poll_interval
        self.warmup = warmup
        self.on_swap = on_swap
        self.on_failure = on_failure
        self.current: _Generation | None = None
        self.building: _Generation | None = None
        self.draining: list[_Generation] = []
        self.last_error: str | None = None
        self.builds = 0
        self.failures = 0
        self._gen_ids = itertools.count(1)
        self._task_ids = itertools.count(1)
        self._seq = itertools.count()
        self._orphans: list[_Task] = []  # tasks whose scorers all died, for the next index
        self._failed_key: str | None = None
        self._retry_at = 0.0
        self._building_key: str | None = None
        self._wake: asyncio.Event | None = None
        self._watcher: asyncio.Task[None] | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._registry: Registry | None = None
        self._ctx = multiprocessing.get_context("spawn")

    # ----------------------------------------------------------------------------- state

    @property
    def served(self) -> Served | None:
        return self.current.served if self.current is not None else None

    @property
    def ready(self) -> bool:
        return self.current is not None

    def worker_states(self) -> dict[int, str]:
        """The state key each live scorer process serves (current and draining ones)."""
        out: dict[int, str] = {}
        for gen in [*self.draining, *([self.current] if self.current else [])]:
            for w in gen.workers:
                if w.alive and w.pid is not None and gen.served is not None:
                    out[w.pid] = gen.served.state_key
        return out

    def live_workers(self) -> int:
        if self.current is None:
            return 0
        return sum(1 for w in self.current.workers if w.alive)

    @property
    def pending(self) -> int:
        gens = [g for g in (self.current, *self.draining) if g is not None]
        return sum(len(g.pending) for g in gens) + len(self._orphans)

    # ------------------------------------------------------------------------- lifecycle

    async def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._wake = asyncio.Event()
        self._watcher = asyncio.create_task(self._watch(), name="sanctio-index-watcher")

    async def stop(self) -> None:
        if self._watcher is not None:
            self._watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._watcher
        gens = [g for g in (self.current, self.building, *self.draining) if g is not None]
        for gen in gens:
            self._retire(gen)
        for gen in gens:
            await asyncio.to_thread(gen.process.join, 5)
            if gen.process.is_alive():
                gen.process.kill()
        tasks = [t for g in gens for _, _, t in g.pending] + self._orphans
        for task in tasks:
            if not task.future.done():
                task.future.set_exception(NotReady("the service is stopping"))
        self._orphans.clear()

    def check_now(self) -> None:
        """Look at the registry now rather than at the next poll."""
        if self._wake is not None:
            self._wake.set()

    async def wait_for(self, state_key: str, timeout: float) -> bool:
        """Wait until the scorers serve ``state_key`` (False on time-out or failed build)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            served = self.served
            if served is not None and served.state_key == state_key:
                return True
            if self._failed_key == state_key and self.building is None:
                return False
            await asyncio.sleep(0.1)
        return False

    # --------------------------------------------------------------------------- watching

    def _state_key(self) -> str:
        if self._registry is None:
            self._registry = Registry(self.home, auto_sample=False)
        return self._registry.state_key()

    async def _watch(self) -> None:
        assert self._wake is not None
        while True:
            try:
                key = await asyncio.to_thread(self._state_key)
                served = self.served
                due = (served is None or served.state_key != key) and self.building is None
                if due and key == self._failed_key and time.monotonic() < self._retry_at:
                    due = False
                if due:
                    self._start_generation(key)
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # keep watching whatever happens
                log.exception("index watcher: %s", exc)
                self.last_error = f"{type(exc).__name__}: {exc}"
                self._registry = None
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.poll_interval)
            self._wake.clear()

    def _start_generation(self, key: str) -> None:
        assert self._loop is not None
        pipes = [self._ctx.Pipe(duplex=True) for _ in range(self.processes)]
        process = self._ctx.Process(
            target=scorer_main, name="sanctio-scorer", daemon=True,
            args=(str(self.home), self.threshold, self.warmup, [b for _, b in pipes]))
        gen = _Generation(id=next(self._gen_ids), process=process)
        process.start()
        for a, b in pipes:
            b.close()
            worker = _Worker(conn=a, gen=gen)
            gen.workers.append(worker)
            self._loop.add_reader(a.fileno(), self._on_readable, worker)
            # uvloop makes a watched descriptor non-blocking; messages are read and written
            # whole (a large answer arrives in parts), so keep it blocking
            os.set_blocking(a.fileno(), True)
        self.building = gen
        self._building_key = key
        log.info("building a new index (generation %d) for state %s", gen.id, key)

    # ------------------------------------------------------------------------ messages

    def _on_readable(self, worker: _Worker) -> None:
        try:
            msg = pickle.loads(worker.conn.recv_bytes())
        except (EOFError, OSError, pickle.UnpicklingError):
            self._worker_died(worker)
            return
        kind = msg[0]
        if kind == "ready":
            worker.pid, worker.ready = msg[1], True
            gen = worker.gen
            if gen.served is None:
                gen.served = Served(**msg[2])
            if gen.state == "building" and all(w.ready for w in gen.workers):
                self._swap(gen)
        elif kind == "failed":
            self._build_failed(worker.gen, str(msg[1]))
        else:
            task_id, ok, payload = msg
            task = worker.tasks.popleft() if worker.tasks else None
            if worker.groups:
                worker.groups[0] -= 1
                if worker.groups[0] <= 0:
                    worker.groups.popleft()
            if task is not None and task.id == task_id and not task.future.done():
                if ok:
                    task.future.set_result(payload)
                else:
                    task.future.set_exception(ScorerError(*payload))
            self._pump(worker.gen)
            if worker.gen.state == "draining" and not worker.tasks:
                self._exit_worker(worker)

    def _swap(self, gen: _Generation) -> None:
        assert gen.served is not None
        old = self.current
        gen.state = "serving"
        self.current = gen
        self.building = None
        self._failed_key = None
        self.builds += 1
        self.last_error = None
        for task in self._orphans:
            self._push(gen, task)
        self._orphans.clear()
        if old is not None:
            old.state = "draining"
            self.draining.append(old)
            if not old.pending:
                for w in old.workers:
                    if not w.tasks:
                        self._exit_worker(w)
        log.info("serving index generation %d: %d entities, %s (built in %.1f s)", gen.id,
                 gen.served.size, ", ".join(gen.served.list_versions.values()),
                 gen.served.build_seconds)
        if self.on_swap is not None:
            self.on_swap(gen.served)
        self._pump(gen)

    def _build_failed(self, gen: _Generation, error: str) -> None:
        if gen.state != "building":
            return
        gen.state = "failed"
        self.building = None
        self.failures += 1
        self._failed_key = self._building_key
        self._retry_at = time.monotonic() + max(30.0, self.poll_interval)
        self.last_error = f"index build failed: {error}"
        log.error("%s; the previous index keeps serving", self.last_error)
        self._retire(gen)
        if self.on_failure is not None:
            self.on_failure(self.last_error)

    def _worker_died(self, worker: _Worker) -> None:
        if not worker.alive:
            return
        worker.alive = False
        assert self._loop is not None
        with contextlib.suppress(Exception):
            self._loop.remove_reader(worker.conn.fileno())
        with contextlib.suppress(OSError):
            worker.conn.close()
        gen = worker.gen
        worker.groups.clear()
        while worker.tasks:
            task = worker.tasks.popleft()
            if task.future.done():
                continue
            task.attempts += 1
            if task.attempts > 2:
                task.future.set_exception(ScorerError("error", "ScorerDied",
                                                      "the scorer process exited"))
            else:
                self._push(gen, task)
        if gen.state == "building":
            self._build_failed(gen, "a scorer process exited while building the index")
            return
        if any(w.alive for w in gen.workers):
            if gen.state == "serving":
                log.error("scorer process %s exited; its tasks go to the others", worker.pid)
        else:
            # no scorer left in this generation: its queue waits for the next index
            self._orphans.extend(t for _, _, t in gen.pending)
            gen.pending.clear()
            if gen is self.current:
                self.current = None
            if gen.state == "draining":
                self._finish_draining(gen)
            else:
                gen.state = "retired"
        if gen.state == "serving" and self.building is None and gen.served is not None:
            # replace the damaged generation; it keeps serving with what is left meanwhile
            log.error("rebuilding the scorers after a scorer process exited")
            self._start_generation(gen.served.state_key)
        elif self.current is None and self.building is None:
            self.check_now()
        self._pump(gen)

    def _exit_worker(self, worker: _Worker) -> None:
        if worker.alive:
            with contextlib.suppress(OSError):
                worker.conn.send_bytes(pickle.dumps([(0, "exit", ())]))
            self._worker_died_quietly(worker)
        gen = worker.gen
        if gen.state == "draining" and not any(w.alive for w in gen.workers):
            self._finish_draining(gen)

    def _worker_died_quietly(self, worker: _Worker) -> None:
        worker.alive = False
        assert self._loop is not None
        with contextlib.suppress(Exception):
            self._loop.remove_reader(worker.conn.fileno())
        with contextlib.suppress(OSError):
            worker.conn.close()

    def _finish_draining(self, gen: _Generation) -> None:
        gen.state = "retired"
        with contextlib.suppress(ValueError):
            self.draining.remove(gen)
        threading.Thread(target=gen.process.join, args=(30,), daemon=True).start()

    def _retire(self, gen: _Generation) -> None:
        for w in gen.workers:
            if w.alive:
                with contextlib.suppress(OSError):
                    w.conn.send_bytes(pickle.dumps([(0, "exit", ())]))
                self._worker_died_quietly(w)
        gen.state = "retired"

    # ------------------------------------------------------------------------- dispatch

    def _push(self, gen: _Generation, task: _Task) -> None:
        heapq.heappush(gen.pending, (task.priority, task.priority[1], task))

    def _pump(self, gen: _Generation | None = None) -> None:
        """Hand queued tasks to idle scorers (of one generation, or of every live one)."""
        gens = [gen] if gen is not None else [g for g in (self.current, *self.draining) if g]
        for g in gens:
            while g.pending:
                # the least busy scorer: an idle one, else one with a single group running
                live = [w for w in g.workers if w.alive and w.ready and len(w.groups) < 2]
                if not live:
                    break
                worker = min(live, key=lambda w: len(w.groups))
                idle = sum(1 for w in live if not w.groups) or len(live)
                # share the queue among the scorers that can take work now
                size = max(1, min(GROUP_MAX, len(g.pending) // idle))
                group: list[_Task] = []
                while g.pending and len(group) < size:
                    if group and (group[0].priority[0] > 0 or g.pending[0][0][0] > 0):
                        break  # later chunks of big batches go one by one (fairness)
                    _, _, task = heapq.heappop(g.pending)
                    if task.future.done():  # timed out meanwhile
                        continue
                    group.append(task)
                if not group:
                    continue
                data = pickle.dumps([(t.id, t.op, t.args) for t in group],
                                    protocol=pickle.HIGHEST_PROTOCOL)
                if worker.groups and len(data) > PREFETCH_BYTES:
                    # too big to wait in the pipe (the write could block): wait for idle
                    for task in group:
                        self._push(g, task)
                    break
                worker.tasks.extend(group)
                worker.groups.append(len(group))
                try:
                    worker.conn.send_bytes(data)
                except (OSError, EOFError):
                    self._worker_died(worker)
                    return

    def snapshot(self) -> tuple[Any, Served]:
        """The generation to run a request on, and what it serves (NotReady when none).

        Every task of a request goes to the same generation, so a batch is screened against
        one set of list versions even when a reload completes in the middle of it."""
        gen = self.current
        if gen is None or gen.served is None:
            raise NotReady("the index is being built")
        return gen, gen.served

    async def run(self, gen: Any, op: str, *args: Any, order: int = 0,
                  timeout: float = 300) -> Any:
        """Run ``op`` on a scorer of ``gen``; ``order`` places chunk N of a batch after the
        earlier chunks of other requests (0 for a request's first task)."""
        assert self._loop is not None
        future: asyncio.Future[Any] = self._loop.create_future()
        task = _Task(id=next(self._task_ids), op=op, args=args, future=future,
                     priority=(order, next(self._seq)))
        if gen.state in ("serving", "draining") and any(w.alive for w in gen.workers):
            self._push(gen, task)
            self._pump(gen)
        elif self.current is not None:
            self._push(self.current, task)
            self._pump(self.current)
        else:
            self._orphans.append(task)
        try:
            return await asyncio.wait_for(future, timeout)
        except TimeoutError as exc:
            raise NotReady("no scorer answered in time") from exc
