"""The on-disk layout of a knowledge base: generations side by side, one pointer, one writer at a time.

    data_dir/
      CURRENT                 the name of the live generation; replaced in one atomic step (os.replace)
      gen-000007/             one complete knowledge base, never changed once CURRENT names it:
        manifest.json           version, builder, model, reports (slug -> source, sha256, company, ...)
        reports/<slug>.json     report metadata and passages
        sources/<slug>.txt      the ingested text, so a rebuild needs no original file
        graph/<slug>.nt         the report's graph
        index/                  embeddings, FAISS index and its config
      .lock                   held by the one process that writes (filelock); others wait or fail clearly
      .build-*                a generation being written; the next writer removes it if its builder died

At every instant the data dir opens to the old or the new knowledge base: a build writes a new
`gen-*` folder, then replaces CURRENT.  The live generation and the one before it are kept (a
server may still be reading it); older ones and leftovers of killed builds are removed by the
next writer, under the lock.

A data dir of the earlier single-folder layout (manifest.json at the top) still opens; the next
build moves it into generations.

`KGQA_TEST_FAULT=<stage>[:enospc|:sleep=<seconds>]` makes a build kill itself (SIGKILL), fail as
if the disk were full, or pause, at a named stage (see `STAGES`); the crash tests use it.
"""
from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from .errors import KnowledgeBaseBusy, KnowledgeBaseNotFound, StorageError

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
POINTER = "CURRENT"
LOCK = ".lock"
BUILD_PREFIX = ".build-"
GEN_PREFIX = "gen-"
LEGACY_ITEMS = (MANIFEST, "reports", "sources", "graph", "index")
STAGES = ("report", "index", "manifest", "built", "published", "renamed", "switch", "switched")
# the code that turns a report into passages, facts and index entries: when it changes, an
# unchanged corpus is still re-ingested (the embedding cache keeps that cheap)
BUILDER_SOURCES = ("kgqa.report", "kg", "index")


def builder_fingerprint() -> str:
    """A hash of the parser, extractor and indexer source (read as package resources), recorded in the manifest."""
    import hashlib
    from importlib.resources import files
    h = hashlib.sha256()

    def walk(folder, name: str):
        for f in sorted(folder.iterdir(), key=lambda t: t.name):
            if f.is_dir():
                if f.name != "__pycache__":
                    yield from walk(f, f"{name}/{f.name}")
            elif Path(f.name).suffix in (".py", ".json", ".ttl"):
                yield f"{name}/{f.name}", f
    for package in BUILDER_SOURCES:
        for rel, f in walk(files(package), package.replace(".", "/")):
            h.update(rel.encode())
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


def checkpoint(stage: str) -> None:
    """The crash tests' hook: die or fail at a named build stage when KGQA_TEST_FAULT says so."""
    fault = os.environ.get("KGQA_TEST_FAULT", "")
    name, _, action = fault.partition(":")
    if not fault or name != stage:
        return
    if action == "enospc":
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), f"<{stage}>")
    if action.startswith("sleep="):
        time.sleep(float(action.removeprefix("sleep=")))
        return
    os.kill(os.getpid(), signal.SIGKILL)


# ---- reading ---------------------------------------------------------------------------------
def generation_name(data_dir: Path) -> str | None:
    """The live generation's name (cheap: one small read), "." for the old layout, None when empty."""
    data_dir = Path(data_dir)
    try:
        return (data_dir / POINTER).read_text(encoding="utf-8").strip() or None
    except FileNotFoundError:
        return "." if (data_dir / MANIFEST).exists() else None
    except OSError as exc:
        raise KnowledgeBaseNotFound(f"cannot read {data_dir / POINTER} ({exc.strerror})") from None


def generation_dir(data_dir: Path, name: str) -> Path:
    """The folder of generation `name` (as `generation_name` gave it)."""
    gen = Path(data_dir) if name == "." else Path(data_dir) / name
    if not gen.is_dir():
        raise KnowledgeBaseNotFound(f"{data_dir}/{POINTER} names {name}, which is missing: run `kgqa ingest`")
    return gen


def read_manifest(gen_dir: Path) -> dict:
    path = Path(gen_dir) / MANIFEST
    if not path.exists():
        raise KnowledgeBaseNotFound(f"no knowledge base in {gen_dir}: run `kgqa ingest` first")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise KnowledgeBaseNotFound(f"{path} is unreadable ({exc}): run `kgqa ingest` to rebuild") from None
    if manifest.get("version") != FORMAT_VERSION:
        raise KnowledgeBaseNotFound(f"{gen_dir} was built by another kgqa version: run `kgqa ingest` to rebuild")
    return manifest


def write_json(path: Path, obj) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=1), encoding="utf-8")


def reuse_file(src: Path, dst: Path) -> None:
    """Put an unchanged file of the previous generation into the new one (a hard link when possible)."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(src, dst)
    except OSError:
        shutil.copyfile(src, dst)


# ---- writing ---------------------------------------------------------------------------------
@contextmanager
def storage_errors(data_dir: Path):
    """Turn a full disk or a permission problem into one line that says what to do."""
    try:
        yield
    except (KnowledgeBaseNotFound, KnowledgeBaseBusy, StorageError):
        raise
    except OSError as exc:
        what = {errno.ENOSPC: "the disk is full", errno.EDQUOT: "the disk quota is exceeded",
                errno.EACCES: "permission denied", errno.EPERM: "permission denied",
                errno.EROFS: "the file system is read-only"}.get(exc.errno, exc.strerror or str(exc))
        raise StorageError(f"cannot write the knowledge base in {data_dir}: {what}; free space or fix "
                           "permissions and run again (the previous knowledge base is unchanged)") from None


@contextmanager
def writer_lock(data_dir: Path, timeout: float):
    """Hold the data dir's write lock (waiting up to `timeout` seconds), then clear killed builds' leftovers."""
    from filelock import FileLock, Timeout

    data_dir = Path(data_dir)
    with storage_errors(data_dir):
        data_dir.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(data_dir / LOCK))
        try:
            lock.acquire(timeout=timeout)
        except Timeout:
            raise KnowledgeBaseBusy(f"{data_dir} is being changed by another process (waited {timeout:g} s for "
                                    f"{data_dir / LOCK}); try again when it has finished") from None
    try:
        remove_leftovers(data_dir)
        yield
    finally:
        lock.release()


def _generations(data_dir: Path) -> list[tuple[int, Path]]:
    out = []
    for p in data_dir.iterdir():
        if p.name.startswith(GEN_PREFIX) and p.name[len(GEN_PREFIX):].isdigit() and p.is_dir():
            out.append((int(p.name[len(GEN_PREFIX):]), p))
    return sorted(out)


def remove_leftovers(data_dir: Path) -> None:
    """Remove what killed builds left (call only under the write lock): unfinished builds, generations
    older than the one before the live one, generations never switched to, the old layout's files."""
    data_dir = Path(data_dir)
    for p in data_dir.iterdir():
        if p.name.startswith(BUILD_PREFIX) or p.name == POINTER + ".tmp":
            _remove(p)
    for p in data_dir.parent.glob(f".{data_dir.name}-build-*"):      # the single-folder layout's builds
        _remove(p)
    _remove(data_dir.parent / f".{data_dir.name}-old")
    live = generation_name(data_dir)
    if live is None or live == ".":
        return
    gens = _generations(data_dir)
    live_n = next((n for n, p in gens if p.name == live), None)
    if live_n is None:
        return
    older = [n for n, _ in gens if n < live_n]
    keep = {live_n, max(older)} if older else {live_n}
    for n, p in gens:
        if n not in keep:
            _remove(p)
    for name in LEGACY_ITEMS:
        _remove(data_dir / name)


def _remove(p: Path) -> None:
    if p.is_dir() and not p.is_symlink():
        shutil.rmtree(p, ignore_errors=True)
    elif p.exists() or p.is_symlink():
        p.unlink(missing_ok=True)


@contextmanager
def new_generation(data_dir: Path, before_switch=None):
    """Yield an empty folder inside data_dir (hold `writer_lock`); when the block succeeds it becomes the
    live generation in one atomic step; when it fails it vanishes and the live one stays.
    `before_switch(folder)` runs after the block succeeded, as the last step before the switch (a
    remote graph store is written there, so a failed build never leaves it ahead of the data dir)."""
    data_dir = Path(data_dir)
    tmp = Path(tempfile.mkdtemp(prefix=BUILD_PREFIX, dir=data_dir))
    try:
        yield tmp
        checkpoint("built")
        if before_switch is not None:
            before_switch(tmp)
            checkpoint("published")
        gens = _generations(data_dir)
        name = f"{GEN_PREFIX}{(gens[-1][0] + 1) if gens else 1:06d}"
        os.rename(tmp, data_dir / name)
        _fsync_dir(data_dir)
        checkpoint("renamed")
        switch(data_dir, name)
    except BaseException:
        _remove(tmp)
        raise
    remove_leftovers(data_dir)


def switch(data_dir: Path, name: str) -> None:
    """Point CURRENT at generation `name` in one atomic step."""
    tmp = Path(data_dir) / (POINTER + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        fh.write(name + "\n")
        fh.flush()
        os.fsync(fh.fileno())
    checkpoint("switch")
    os.replace(tmp, Path(data_dir) / POINTER)
    _fsync_dir(data_dir)
    checkpoint("switched")


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
