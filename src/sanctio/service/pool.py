"""The scorer pool: the index in scorer processes, and hot reloads (event-loop side).

The HTTP front (one event loop) never scores. It sends screening work to a *generation* of
scorer processes that hold the index:

- one process builds the :class:`~sanctio.screen.Screener` from the registry, warms it up,
  then forks the others, which share the built index copy-on-write (one build per reload,
  whatever the number of processes): :mod:`sanctio.service.scorer`;
- the front keeps one queue of tasks and hands the next task to whichever scorer is idle:
  :mod:`sanctio.service.dispatch`;
- here, the generations: a watcher polls the registry's ``state_key``; when the active lists
  change it starts a new generation in the background. The old generation keeps answering
  until the new one is ready, then the front switches to it in one step: requests in flight
  finish on the old processes, which exit once idle. A build that fails leaves the old
  generation serving;
- a scorer that dies has its tasks handed to another scorer, and a new generation is built.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import multiprocessing
import os
import pickle
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sanctio.registry import Registry
from sanctio.service.dispatch import Generation, Served, Task, Worker, pump, push
from sanctio.service.scorer import scorer_main

log = logging.getLogger("sanctio.service")


class NotReady(RuntimeError):
    """No index is being served yet (the first one is being built)."""


class ScorerError(RuntimeError):
    """A task failed inside a scorer process."""

    def __init__(self, kind: str, name: str, message: str) -> None:
        self.kind, self.name, self.message = kind, name, message
        super().__init__(f"{name}: {message}")


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
        self.current: Generation | None = None
        self.building: Generation | None = None
        self.draining: list[Generation] = []
        self.last_error: str | None = None
        self.builds = 0
        self.failures = 0
        self._gen_ids = itertools.count(1)
        self._task_ids = itertools.count(1)
        self._seq = itertools.count()
        self._orphans: list[Task] = []  # tasks whose scorers all died, for the next index
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
        gen = Generation(id=next(self._gen_ids), process=process)
        process.start()
        for a, b in pipes:
            b.close()
            worker = Worker(conn=a, gen=gen)
            gen.workers.append(worker)
            self._loop.add_reader(a.fileno(), self._on_readable, worker)
            # uvloop makes a watched descriptor non-blocking; messages are read and written
            # whole (a large answer arrives in parts), so keep it blocking
            os.set_blocking(a.fileno(), True)
        self.building = gen
        self._building_key = key
        log.info("building a new index (generation %d) for state %s", gen.id, key)

    # ------------------------------------------------------------------------ messages

    def _on_readable(self, worker: Worker) -> None:
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

    def _swap(self, gen: Generation) -> None:
        assert gen.served is not None
        old = self.current
        gen.state = "serving"
        self.current = gen
        self.building = None
        self._failed_key = None
        self.builds += 1
        self.last_error = None
        for task in self._orphans:
            push(gen, task)
        self._orphans.clear()
        if old is not None:
            old.state = "draining"
            self.draining.append(old)
            if not old.pending:
                for w in old.workers:
                    if not w.tasks:
                        self._exit_worker(w)
        log.info("serving index generation %d: %d entities, %s (%s in %.1f s)", gen.id,
                 gen.served.size, ", ".join(gen.served.list_versions.values()),
                 gen.served.index, gen.served.build_seconds)
        if self.on_swap is not None:
            self.on_swap(gen.served)
        self._pump(gen)

    def _build_failed(self, gen: Generation, error: str) -> None:
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

    def _worker_died(self, worker: Worker) -> None:
        if not worker.alive:
            return
        self._worker_died_quietly(worker)
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
                push(gen, task)
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

    def _exit_worker(self, worker: Worker) -> None:
        if worker.alive:
            with contextlib.suppress(OSError):
                worker.conn.send_bytes(pickle.dumps([(0, "exit", ())]))
            self._worker_died_quietly(worker)
        gen = worker.gen
        if gen.state == "draining" and not any(w.alive for w in gen.workers):
            self._finish_draining(gen)

    def _worker_died_quietly(self, worker: Worker) -> None:
        worker.alive = False
        assert self._loop is not None
        with contextlib.suppress(Exception):
            self._loop.remove_reader(worker.conn.fileno())
        with contextlib.suppress(OSError):
            worker.conn.close()

    def _finish_draining(self, gen: Generation) -> None:
        gen.state = "retired"
        with contextlib.suppress(ValueError):
            self.draining.remove(gen)
        threading.Thread(target=gen.process.join, args=(30,), daemon=True).start()

    def _retire(self, gen: Generation) -> None:
        for w in gen.workers:
            if w.alive:
                with contextlib.suppress(OSError):
                    w.conn.send_bytes(pickle.dumps([(0, "exit", ())]))
                self._worker_died_quietly(w)
        gen.state = "retired"

    # ------------------------------------------------------------------------- dispatch

    def _pump(self, gen: Generation | None = None) -> None:
        """Hand queued tasks to idle scorers (of one generation, or of every live one)."""
        gens = [gen] if gen is not None else [g for g in (self.current, *self.draining) if g]
        for g in gens:
            broken = pump(g)
            if broken is not None:
                self._worker_died(broken)
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
        task = Task(id=next(self._task_ids), op=op, args=args, future=future,
                     priority=(order, next(self._seq)))
        if gen.state in ("serving", "draining") and any(w.alive for w in gen.workers):
            push(gen, task)
            self._pump(gen)
        elif self.current is not None:
            push(self.current, task)
            self._pump(self.current)
        else:
            self._orphans.append(task)
        try:
            return await asyncio.wait_for(future, timeout)
        except TimeoutError as exc:
            raise NotReady("no scorer answered in time") from exc
