"""Answering and searching off the server's event loop: a small pool of worker processes.

Each worker opens the data dir's live generation read-only (its own passages, index, embedding
model and Oxigraph handle) and answers one question at a time, so the process that serves HTTP
keeps its interpreter for requests (`/healthz` stays fast) and every core answers.  A request names
the generation the server serves; a worker holding an older one opens the data dir's newest first.
Requests wait in the pool's queue in the order they came (bounded concurrency: one per worker).

Workers run at a lower CPU priority than the server process (nice +5): the event loop's work is
small and waited for (`/healthz`, cached answers, the SPARQL endpoint), the workers' is long.

Answers and searches are cached, bounded, by (generation, what was asked exactly as the answerer
reads it): the answerer and the index are deterministic for a given generation, so a cached answer
is the answer it would give again.  A new generation makes every older entry unreachable (and evicted).
"""
from __future__ import annotations

import asyncio
import logging
import multiprocessing
import threading
from collections import OrderedDict
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from kgqa.errors import KgqaError, QueryError

log = logging.getLogger("kgqa.server")

_kb = None      # in a worker process: its open KnowledgeBase


def _open(data_dir: str) -> None:
    """Worker initialiser: open the live generation and load the model before the first question."""
    global _kb
    import os

    from kgqa import KnowledgeBase
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        os.nice(5)
    except (OSError, AttributeError):
        pass
    import torch
    # one thread per worker: the pool is the parallelism.  With torch's default (a thread per core)
    # a one-question embedding spins its threads against the other worker's: measured on 2 busy
    # cores, 118 ms of CPU per embedding instead of 16 ms, and 481 ms per answer instead of 64 ms
    torch.set_num_threads(1)
    _kb = KnowledgeBase.open(data_dir)
    _kb.warm_up()


def _current(generation: str | None):
    global _kb
    if generation and _kb.generation != generation:
        newer = _kb.refresh()
        if newer is not _kb:
            newer.warm_up()
            _kb = newer
    return _kb


def _run(kind: str, generation: str | None, *args):
    """In a worker: ("ok", generation used, result) or ("error", message) for a KgqaError."""
    try:
        kb = _current(generation)
        if kind == "ask":
            return "ok", kb.generation, kb.ask(*args)
        if kind == "search":
            return "ok", kb.generation, kb.search(*args)
        return "ok", kb.generation, kb.generation           # "ping": warm and ready
    except KgqaError as exc:                    # its own class may not survive pickling: send the message
        return "error", str(exc)


class AnswerCache:
    """A bounded LRU of answers and search results keyed by (generation, what was asked)."""

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict[tuple, object] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    @staticmethod
    def key(generation: str | None, kind: str, text: str, *more) -> tuple:
        return generation, kind, text, *more

    def get(self, key: tuple):
        with self._lock:
            ans = self._items.get(key)
            if ans is None:
                self.misses += 1
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return ans

    def put(self, key: tuple, ans) -> None:
        if self.size <= 0:
            return
        with self._lock:
            self._items[key] = ans
            self._items.move_to_end(key)
            stale = [k for k in self._items if k[0] != key[0]] if len(self._items) > self.size else []
            for k in stale:                                   # answers of generations no longer served
                del self._items[k]
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def stats(self) -> dict:
        return {"entries": len(self._items), "size": self.size, "hits": self.hits, "misses": self.misses}


class AnswerPool:
    """`workers` processes answering questions and searches for the server."""

    def __init__(self, data_dir: str | Path, workers: int = 2):
        self.data_dir = str(data_dir)
        self.workers = max(1, workers)
        self._lock = threading.Lock()
        self._executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        ex = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                 initializer=_open, initargs=(self.data_dir,))
        self._pings = [ex.submit(_run, "ping", None) for _ in range(self.workers)]   # starts every worker
        return ex

    def ready(self) -> None:
        """Wait until the workers have opened the knowledge base and loaded the model."""
        for f in self._pings:
            self._result(f.result())

    def _submit(self, *call) -> Future:
        with self._lock:
            try:
                return self._executor.submit(_run, *call)
            except BrokenProcessPool:        # a worker died (killed, out of memory): start the pool again
                log.warning("an answering worker exited; starting the pool again")
                self._executor.shutdown(wait=False, cancel_futures=True)
                self._executor = self._start()
                return self._executor.submit(_run, *call)

    @staticmethod
    def _result(reply):
        if reply[0] == "error":
            raise QueryError(reply[1])
        return reply[1], reply[2]

    async def call(self, kind: str, generation: str | None, *args) -> tuple[str, object]:
        """Run `kb.ask(*args)` or `kb.search(*args)` (kind) in a worker holding `generation` or newer:
        (the generation that answered, the result)."""
        try:
            return self._result(await asyncio.wrap_future(self._submit(kind, generation, *args)))
        except BrokenProcessPool:
            raise KgqaError("the answering worker exited while answering: ask again") from None

    def close(self) -> None:
        with self._lock:
            self._executor.shutdown(wait=False, cancel_futures=True)
