"""Query worker processes for the endpoint: each holds its own read-only handle on the store, runs
one query at a time, and is killed (and later replaced) when a query runs over its time limit.

Oxigraph cannot cancel a running query, so a thread would keep burning a core after the client was
told 503; a process can be killed.  Workers live across queries, so a query costs a pipe round
trip, not a fork.  At most `size` queries run at once; a query that finds every worker busy waits
for one within its own time limit and is refused with 503 if none frees up.

A query that has used `SLOW` seconds of CPU has its worker's CPU priority lowered (nice 19), so
queries that run long share the cores without slowing the quick ones; that worker is retired
afterwards rather than reused at low priority.  CPU time, not time waited: on a busy machine a
quick query can wait longer than `SLOW` for a core, and retiring its worker would make the next
query pay for a new process and a new store handle.
"""
from __future__ import annotations

import multiprocessing
import os
import threading
import time
from pathlib import Path

from kgqa.errors import SparqlError

_CTX = None
SLOW = 0.1
_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _context():
    global _CTX
    if _CTX is None:
        _CTX = multiprocessing.get_context("forkserver")
        _CTX.set_forkserver_preload(["kg.workers", "kg.store"])     # a new worker forks with these imported
    return _CTX


def _open(spec: tuple):
    import pyoxigraph as ox

    from .store import OxigraphStore
    if spec[0] == "disk":
        return OxigraphStore(ox.Store.read_only(spec[1]), spec)
    return OxigraphStore.in_memory(spec[1])


def _serve(conn, spec: tuple) -> None:
    """Body of a worker process: open the store, then answer requests until the pipe closes."""
    from .store import GraphStore
    store = _open(spec)
    while True:
        try:
            args = conn.recv()
        except (EOFError, OSError):
            return
        try:
            form, data = GraphStore.run_isolated(store, *args)
            conn.send(("ok", form, data))
        except SparqlError as exc:
            conn.send(("error", exc.status, str(exc)))
        except Exception as exc:  # reported to the parent as a failed query, never raised here
            conn.send(("error", 400, f"query failed: {exc}"))


def _cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) a process has used, or None where /proc cannot tell."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_bytes().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICKS
    except (OSError, IndexError, ValueError):
        return None


def _lower_priority(pid: int) -> bool:
    try:
        os.setpriority(os.PRIO_PROCESS, pid, 19)
        return True
    except (OSError, AttributeError):      # not permitted, or not a POSIX system: keep its priority
        return False


class _Worker:
    def __init__(self, spec: tuple):
        ctx = _context()
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, spec), daemon=True, name="kgqa-sparql")
        self.proc.start()
        child.close()

    def kill(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join(1)
        self.conn.close()


class QueryPool:
    def __init__(self, spec: tuple, size: int | None = None):
        from kgqa.settings import setting
        self.spec = spec
        self.size = size or max(1, int(setting("sparql_workers")))
        self._idle: list[_Worker] = []
        self._live = 0
        self._cond = threading.Condition()
        self._closed = False

    def _take(self, deadline: float) -> _Worker:
        with self._cond:
            while not self._idle and self._live >= self.size:
                left = deadline - time.monotonic()
                if left <= 0 or not self._cond.wait(left):
                    raise SparqlError(f"all {self.size} query workers are busy with other queries: "
                                      "try again shortly", status=503)
            if self._idle:
                return self._idle.pop()
            self._live += 1
        try:
            return _Worker(self.spec)
        except Exception:
            self._give(None, False)
            raise

    def _give(self, worker: _Worker | None, healthy: bool) -> None:
        with self._cond:
            if healthy and not self._closed:
                self._idle.append(worker)
            else:
                self._live -= 1
                if worker is not None:
                    worker.kill()
            self._cond.notify()

    def run(self, query: str, form: str, result_format: str, graph_format: str, timeout: float, max_rows: int,
            default_graph=None, named_graphs=None) -> tuple[str, bytes]:
        deadline = time.monotonic() + timeout
        worker = self._take(deadline)
        healthy = False
        try:
            worker.conn.send((query, result_format, graph_format, timeout, max_rows,
                              None if default_graph is None else [str(g) for g in default_graph],
                              None if named_graphs is None else [str(g) for g in named_graphs]))
            reniced = False
            start_cpu = _cpu_seconds(worker.proc.pid)
            while not worker.conn.poll(min(SLOW, max(0.0, deadline - time.monotonic()))):
                if time.monotonic() >= deadline:
                    raise SparqlError(f"query stopped: over the {timeout:g} s time limit; add LIMIT or narrow "
                                      "the pattern", status=503)
                if not reniced:
                    used = _cpu_seconds(worker.proc.pid)
                    if start_cpu is None or used is None or used - start_cpu >= SLOW:
                        reniced = _lower_priority(worker.proc.pid)
            status, kind, payload = worker.conn.recv()
            healthy = not reniced
        except (EOFError, OSError, BrokenPipeError):
            raise SparqlError("query failed: the query worker exited without a result", status=500) from None
        finally:
            self._give(worker, healthy)
        if status == "error":
            raise SparqlError(payload, status=kind)
        return kind, payload

    def close(self) -> None:
        with self._cond:
            self._closed = True
            idle, self._idle = self._idle, []
            self._live -= len(idle)
        for w in idle:
            w.kill()
