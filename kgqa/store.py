"""The on-disk layout of a knowledge base, written to a temporary folder and swapped in whole.

    data_dir/
      manifest.json          version, reports (slug -> source, sha256, company, year, ...), model
      reports/<slug>.json    report metadata and passages
      sources/<slug>.txt     the ingested text, so a rebuild needs no original file
      graph/<slug>.nq        the report's named graph (N-Quads)
      index/                 embeddings, FAISS index and its config
"""
from __future__ import annotations

import json
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path

from .errors import KnowledgeBaseNotFound

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
ROOT = Path(__file__).resolve().parents[1]
# the code that turns a report into passages, facts and index entries: when it changes, an
# unchanged corpus is still re-ingested (the embedding cache keeps that cheap)
BUILDER_SOURCES = ("kgqa/report", "kg", "index")


def builder_fingerprint() -> str:
    """A hash of the parser, extractor and indexer source, recorded in the manifest."""
    import hashlib
    h = hashlib.sha256()
    for folder in BUILDER_SOURCES:
        for f in sorted((ROOT / folder).rglob("*")):
            if f.suffix in (".py", ".json", ".ttl") and f.is_file():
                h.update(str(f.relative_to(ROOT)).encode())
                h.update(f.read_bytes())
    return h.hexdigest()[:16]


def read_manifest(data_dir: Path) -> dict:
    path = Path(data_dir) / MANIFEST
    if not path.exists():
        raise KnowledgeBaseNotFound(f"no knowledge base in {data_dir}: run `kgqa ingest` first")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise KnowledgeBaseNotFound(f"{path} is unreadable ({exc}): run `kgqa ingest` to rebuild") from None
    if manifest.get("version") != FORMAT_VERSION:
        raise KnowledgeBaseNotFound(f"{data_dir} was built by another kgqa version: run `kgqa ingest` to rebuild")
    return manifest


def write_json(path: Path, obj) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(obj, ensure_ascii=False, indent=1), encoding="utf-8")


@contextmanager
def staged(data_dir: Path):
    """Yield a temporary folder beside data_dir; on success it replaces data_dir, on error it vanishes."""
    data_dir = Path(data_dir)
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{data_dir.name}-build-", dir=data_dir.parent))
    try:
        yield tmp
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    old = data_dir.with_name(f".{data_dir.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if data_dir.exists():
        data_dir.rename(old)
    tmp.rename(data_dir)
    shutil.rmtree(old, ignore_errors=True)
