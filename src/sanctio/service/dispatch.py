"""The scheduling of the front's tasks over the scorer processes (event-loop side).

The front keeps one queue of tasks per :class:`Generation` of scorers and hands the next
task to whichever scorer is idle (:func:`pump`), so every core stays busy and no client
waits behind a busy process while another idles. A batch is cut in chunks that the scorers
take in parallel; a single query's task is ordered before the later chunks of a batch already
queued. The generations themselves, and the swap from one to the next, are
:mod:`sanctio.service.pool`'s.
"""

from __future__ import annotations

import asyncio
import heapq
import pickle
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from typing import Any

PREFETCH_BYTES = 32 * 1024  # a second group waits in a scorer's pipe only if this small
GROUP_MAX = 8  # tasks sent to a scorer in one message, at most


@dataclass(frozen=True, slots=True)
class Served:
    """What a generation of scorers serves."""

    state_key: str
    list_versions: dict[str, str]
    built_at: str
    build_seconds: float
    size: int  # entities in the index
    index: str = "built"  # "read": the index stored on disk for these lists was read


@dataclass(eq=False)
class Task:
    id: int
    op: str
    args: tuple[Any, ...]
    future: asyncio.Future[Any]
    priority: tuple[int, int]
    attempts: int = 0


@dataclass(eq=False)
class Worker:
    conn: Connection
    gen: Generation
    pid: int | None = None
    ready: bool = False
    alive: bool = True
    # the tasks sent to it, in order (answers come back in order): the group it is scoring
    # and at most one more group waiting in its pipe, so that it never idles while the front
    # is busy; a group is several queued tasks in one message (fewer wake-ups per task)
    tasks: deque[Task] = field(default_factory=deque)
    groups: deque[int] = field(default_factory=deque)  # the size of each group sent


@dataclass(eq=False)
class Generation:
    id: int
    process: Any  # the multiprocessing process that builds and forks
    workers: list[Worker] = field(default_factory=list)
    served: Served | None = None
    state: str = "building"  # building, serving, draining, failed, retired
    started: float = field(default_factory=time.monotonic)
    pending: list[tuple[tuple[int, int], int, Task]] = field(default_factory=list)


def push(gen: Generation, task: Task) -> None:
    """Queue ``task`` on ``gen``, in its order."""
    heapq.heappush(gen.pending, (task.priority, task.priority[1], task))


def pump(gen: Generation) -> Worker | None:
    """Hand ``gen``'s queued tasks to its idle scorers. The scorer whose pipe broke, if one
    did (it has the tasks sent to it: the caller hands them on)."""
    while gen.pending:
        # the least busy scorer: an idle one, else one with a single group running
        live = [w for w in gen.workers if w.alive and w.ready and len(w.groups) < 2]
        if not live:
            break
        worker = min(live, key=lambda w: len(w.groups))
        idle = sum(1 for w in live if not w.groups) or len(live)
        # share the queue among the scorers that can take work now
        size = max(1, min(GROUP_MAX, len(gen.pending) // idle))
        group: list[Task] = []
        while gen.pending and len(group) < size:
            if group and (group[0].priority[0] > 0 or gen.pending[0][0][0] > 0):
                break  # later chunks of big batches go one by one (fairness)
            _, _, task = heapq.heappop(gen.pending)
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
                push(gen, task)
            break
        worker.tasks.extend(group)
        worker.groups.append(len(group))
        try:
            worker.conn.send_bytes(data)
        except (OSError, EOFError):
            return worker
    return None
