"""What the server holds: the live knowledge base (following its data dir), its limits, and who may write.

Questions are answered from the generation that was live when they arrived; a new generation
(made by an upload here or by `kgqa add`/`ingest` in another process) is opened in the
background and swapped in whole, so a question never waits for a build.  Questions and searches
are answered by worker processes (`answer_workers`; 0: threads of this process, one at a time),
and answers are cached per generation (`answer_cache`).
"""
from __future__ import annotations

import asyncio
import hmac
import logging
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

from kgqa import KnowledgeBase
from kgqa.answer import Answer
from kgqa.errors import KgqaError, QueryError, ReportError
from kgqa.report.reading import REPORT_SUFFIXES
from kgqa.settings import setting
from kgqa.store import generation_name

from .answering import AnswerCache, AnswerPool

log = logging.getLogger("kgqa.server")
LOOPBACK = ("127.0.0.1", "localhost", "::1")
DOWNLOADS = "kgqa-sparql-"   # + pid: the SPARQL tab's download folder in the temp dir
FOLLOW_EVERY = 1.0          # seconds between looks at the data dir's pointer


class WriteRefused(KgqaError, PermissionError):
    """A write (upload, removal) without the server's token."""
    status = 403


class ServerState:
    def __init__(self, kb: KnowledgeBase, sparql_timeout: float | None = None, sparql_max_rows: int | None = None,
                 *, token: str | None = None, writes_need_token: bool = False, answer_workers: int = 0):
        self._kb = kb
        self.lock = threading.Lock()              # without workers: one question at a time through the answerer
        self.pool = AnswerPool(kb.data_dir, answer_workers) if answer_workers > 0 else None
        self.cache = AnswerCache(int(setting("answer_cache")))
        self._downloads: Path | None = None
        _remove_orphan_downloads()
        self._swap = threading.Lock()
        self._loading: str | None = None
        self._checked = time.monotonic()
        self.token = token if token is not None else setting("token")
        self.writes_need_token = writes_need_token or bool(self.token)
        self.version = 0                          # bumped whenever the live knowledge base changes
        self.settings = {
            "sparql_timeout": float(sparql_timeout if sparql_timeout is not None else setting("sparql_timeout")),
            "sparql_max_rows": int(sparql_max_rows if sparql_max_rows is not None else setting("sparql_max_rows")),
            "upload_max_bytes": int(setting("upload_max_bytes")),
        }

    # ---- the live knowledge base -----------------------------------------------------------
    @property
    def kb(self) -> KnowledgeBase:
        """The live knowledge base; a newer generation in the data dir is loaded in the background."""
        now = time.monotonic()
        if now - self._checked >= FOLLOW_EVERY:
            self._checked = now
            try:
                name = generation_name(self._kb.data_dir)
            except KgqaError:
                name = None
            if name and name != self._kb.generation and self._loading is None:
                self._loading = name
                threading.Thread(target=self._load, args=(name,), daemon=True, name="kgqa-follow").start()
        return self._kb

    def _load(self, name: str) -> None:
        try:
            self._install(KnowledgeBase.open(self._kb.data_dir))
        except KgqaError as exc:
            log.warning("could not open the new generation %s: %s", name, exc)
        finally:
            self._loading = None

    def _install(self, kb: KnowledgeBase) -> None:
        if not self.pool:
            kb.warm_up()
        with self._swap:
            if (kb.generation or "") > (self._kb.generation or ""):      # never back to an older one
                self._kb = kb
                self.version += 1
                log.info("serving generation %s: %d report(s)", kb.generation, len(kb.reports))

    def ready(self) -> None:
        """Wait until whatever answers questions has loaded the knowledge base and the model."""
        if self.pool:
            self.pool.ready()
        else:
            self._kb.warm_up()

    async def ask(self, question: str, previous: str | None = None) -> Answer:
        if not isinstance(question, str) or not question.strip():
            raise QueryError("empty question: ask something about the loaded reports")
        return await self._answer(("ask", question.strip(), previous), question, previous)   # as the answerer reads them

    async def search(self, query: str, k: int = 5) -> list:
        if not isinstance(query, str) or not query.strip():
            raise QueryError("empty query: type some words to search for")
        return await self._answer(("search", query, k), query, k)

    async def _answer(self, what: tuple, *args):
        """`what` = (kind, ...): from the cache, else from a worker (or this process) for the generation served."""
        kb = self.kb
        got = self.cache.get(AnswerCache.key(kb.generation, *what))
        if got is None:
            if self.pool:
                used, got = await self.pool.call(what[0], kb.generation, *args)
            else:
                used, got = kb.generation, await asyncio.to_thread(self._here, getattr(kb, what[0]), *args)
            self.cache.put(AnswerCache.key(used, *what), got)
        return got

    def _here(self, fn, *args):
        with self.lock:
            return fn(*args)

    def downloads(self) -> Path:
        """This server's one folder for SPARQL-tab downloads (one file per format, overwritten by each
        run), made on first use and removed by `close()` when the server stops."""
        with self._swap:
            if self._downloads is None:
                self._downloads = Path(tempfile.mkdtemp(prefix=f"{DOWNLOADS}{os.getpid()}-"))
            return self._downloads

    def close(self) -> None:
        """Stop the answering workers and remove the server's temporary files (the app's shutdown)."""
        if self.pool:
            self.pool.close()
        if self._downloads is not None:
            shutil.rmtree(self._downloads, ignore_errors=True)

    # ---- writes ----------------------------------------------------------------------------
    def check_token(self, token: str | None) -> None:
        if not self.writes_need_token:
            return
        if not self.token:
            raise WriteRefused("adding and removing reports is off on a server reachable from other machines: "
                               "start it with --token (or KGQA_TOKEN) to allow it")
        if not token or not hmac.compare_digest(token.encode(), self.token.encode()):
            raise WriteRefused("adding and removing reports needs the server's token")

    def add_upload(self, data: bytes, name: str, token: str | None = None, progress=None) -> KnowledgeBase:
        """Add a report from the bytes of an upload (never a path on the server); the knowledge base
        in use keeps answering until the new one is ready."""
        self.check_token(token)
        name = Path(name or "").name
        if Path(name).suffix.lower() not in REPORT_SUFFIXES:
            raise ReportError(name or "upload", f"only reports ({', '.join(REPORT_SUFFIXES)}) can be added")
        limit = self.settings["upload_max_bytes"]
        if len(data) > limit:
            raise ReportError(name, f"the upload is {_size(len(data))}, over the {_size(limit)} limit")
        folder = Path(tempfile.mkdtemp(prefix="kgqa-upload-"))
        try:
            path = folder / name
            path.write_bytes(data)
            log.info("upload %s (%d bytes)", name, len(data))
            kb = self.kb.add([path], progress=progress, names=[name])
        except ReportError as exc:
            raise ReportError(name, exc.reason) from None        # the upload's name, not a server path
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        log.info("upload %s: %s", name, kb.changes)
        self._install(kb)
        return kb

    def remove(self, slug: str, token: str | None = None) -> KnowledgeBase:
        self.check_token(token)
        kb = self.kb.remove(slug)
        log.info("removed %s", slug)
        self._install(kb)
        return kb


def _remove_orphan_downloads() -> None:
    """Remove the download folders of servers that were killed before they could remove their own."""
    for folder in Path(tempfile.gettempdir()).glob(DOWNLOADS + "*-*"):      # <pid>-<random>
        pid = folder.name[len(DOWNLOADS):].split("-")[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:          # another user's process
        return True
    return True


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n:,} bytes"
