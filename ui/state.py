"""What the server holds: the live knowledge base, its limits, and one lock around it."""
from __future__ import annotations

import shutil
import tempfile
import threading
from pathlib import Path

from kgqa import KnowledgeBase
from kgqa.errors import ReportError
from kgqa.settings import setting


class ServerState:
    def __init__(self, kb: KnowledgeBase, sparql_timeout: float | None = None, sparql_max_rows: int | None = None):
        self.kb = kb
        self.lock = threading.Lock()
        self.settings = {
            "sparql_timeout": float(sparql_timeout if sparql_timeout is not None else setting("sparql_timeout")),
            "sparql_max_rows": int(sparql_max_rows if sparql_max_rows is not None else setting("sparql_max_rows")),
        }

    def ask(self, question: str, previous: str | None = None):
        with self.lock:
            return self.kb.ask(question, previous=previous)

    def search(self, query: str, k: int = 5):
        with self.lock:
            return self.kb.search(query, k=k)

    def add_report(self, upload: str | Path, name: str | None = None, progress=None) -> KnowledgeBase:
        """Rebuild the knowledge base with one more report; on any error the old one stays live."""
        upload = Path(upload)
        name = Path(name or upload.name).name
        if Path(name).suffix.lower() not in (".md", ".markdown", ".txt"):
            raise ReportError(name, "only text reports (.md, .markdown, .txt) can be added")
        with self.lock:
            kb = self.kb
            sources = kb.data_dir / "sources"
            with tempfile.TemporaryDirectory(prefix="kgqa-upload-") as tmp:
                target = Path(tmp) / name
                shutil.copyfile(upload, target)
                paths = [sources / f"{slug}.txt" for slug in kb.reports] + [target]
                new = KnowledgeBase.build(paths, data_dir=kb.data_dir, progress=progress, model=kb.manifest["model"])
            self.kb = new
            return new
