"""The public entry point: `KnowledgeBase`."""
from __future__ import annotations

import json
import logging
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from .answer import Answer
from .errors import IngestError, KnowledgeBaseNotFound, QueryError, ReportError, StoreUnavailable
from .report import Passage, Source, discover_reports, load_source, parse_source
from .report.text import slugify
from .settings import default_corpus, default_data_dir
from .store import FORMAT_VERSION, builder_fingerprint, read_manifest, staged, write_json

log = logging.getLogger("kgqa")
Progress = Callable[[str, int, int], None]
MAX_K = 100
MAX_QUERY_CHARS = 2000


def _noop(stage: str, done: int, total: int) -> None:
    pass


class KnowledgeBase:
    """A knowledge base of one or more reports: passages, a graph and a search index.

    >>> kb = KnowledgeBase.build(["corpus"], data_dir=tmp)          # doctest: +SKIP
    >>> kb.search("total greenhouse gas emissions", k=3)[0].page   # doctest: +SKIP
    """

    def __init__(self, data_dir: Path, manifest: dict, passages: list[Passage], graph, index):
        self.data_dir = Path(data_dir)
        self.manifest = manifest
        self.passages = passages
        self.graph = graph
        self.index = index
        self._by_id = {p.passage_id: p for p in passages}
        self._qa = None

    # ---- building and opening -------------------------------------------------------------
    @classmethod
    def build(cls, paths: Iterable[str | Path] | None = None, data_dir: str | Path | None = None,
              progress: Progress | None = None, model: str | None = None) -> "KnowledgeBase":
        """Ingest report files or folders (default `corpus/`) into data_dir, replacing what was there.

        The new knowledge base is built in a temporary folder and swapped in only when the
        build succeeds, so a failed ingest leaves the previous one intact.  An unchanged
        corpus (same files by content hash, same model) is a no-op.
        """
        progress = progress or _noop
        data_dir = Path(data_dir) if data_dir else default_data_dir()
        paths = list(paths) if paths else [default_corpus()]
        explicit = {Path(p).resolve() for p in paths if Path(p).is_file()}
        files, warnings = discover_reports(paths)
        sources: list[Source] = []
        for f in files:
            try:
                src = load_source(f)
            except ReportError as exc:
                if f.resolve() in explicit:
                    raise
                warnings.append(str(exc))
                continue
            warnings.extend(f"{f}: {w}" for w in src.warnings)
            sources.append(src)
        for w in warnings:
            log.warning("skipped %s", w)
        if not sources:
            raise IngestError("no usable report to ingest" + (": " + "; ".join(warnings) if warnings else
                                                              f" in {', '.join(map(str, paths))}"))
        from index import resolve_model_name
        model_name = resolve_model_name(model)
        try:
            old = read_manifest(data_dir)
        except KnowledgeBaseNotFound:
            old = None
        slugs = _unique_slugs([s.path for s in sources])
        wanted = {slug: s.sha256 for slug, s in zip(slugs, sources)}
        if old and old.get("model") == model_name and old.get("builder") == builder_fingerprint() and \
                {s: r["sha256"] for s, r in old["reports"].items()} == wanted:
            log.info("knowledge base in %s is up to date", data_dir)
            return cls.open(data_dir)
        with staged(data_dir) as tmp:
            cls._build_into(tmp, sources, slugs, old, data_dir, model_name, progress)
        kb = cls.open(data_dir)
        kb.warnings = warnings
        return kb

    @staticmethod
    def _build_into(tmp: Path, sources: list[Source], slugs, old: dict | None, old_dir: Path, model_name: str,
                    progress: Progress) -> None:
        from kg import GraphStore, build_report_graph, write_graph
        from index import PassageIndex

        reports: dict[str, Any] = {}
        all_passages: list[Passage] = []
        stats: dict[str, Any] = {}
        total = len(sources)
        for i, (src, slug) in enumerate(zip(sources, slugs)):
            progress("parse", i, total)
            report = parse_source(src, slug=slug)
            path, sha = src.path, src.sha256
            if not report.passages:
                raise ReportError(path, "no readable passages found in the report")
            progress("extract", i, total)
            graph, skipped = build_report_graph(report)
            write_graph(graph, tmp / "graph" / f"{slug}.nt")
            (tmp / "sources").mkdir(parents=True, exist_ok=True)
            (tmp / "sources" / f"{slug}.txt").write_text(src.text, encoding="utf-8")
            meta = {"source": str(path), "sha256": sha, "company": report.company, "short_name": report.short_name,
                    "title": report.title, "year": report.year, "stock_code": report.stock_code,
                    "sections": len(report.sections), "blocks": len(report.blocks),
                    "passages": len(report.passages), "triples": len(graph), "skipped": skipped}
            write_json(tmp / "reports" / f"{slug}.json",
                       {"meta": meta, "passages": [p.to_dict() for p in report.passages]})
            reports[slug] = meta
            all_passages.extend(report.passages)
        progress("parse", total, total)
        progress("extract", total, total)
        GraphStore.create(tmp / "graph", slugs)
        cache_dir = (old_dir / "index") if old else None
        PassageIndex.build(all_passages, tmp / "index", model_name=model_name, cache_dir=cache_dir,
                           progress=progress)
        write_json(tmp / "manifest.json", {"version": FORMAT_VERSION, "builder": builder_fingerprint(),
                                           "reports": reports, "model": model_name,
                                           "stats": stats})

    @classmethod
    def open(cls, data_dir: str | Path | None = None) -> "KnowledgeBase":
        """Open a knowledge base built earlier by `build` (or `kgqa ingest`)."""
        from kg import GraphStore
        from index import PassageIndex

        data_dir = Path(data_dir) if data_dir else default_data_dir()
        manifest = read_manifest(data_dir)
        passages: list[Passage] = []
        for slug in manifest["reports"]:
            path = data_dir / "reports" / f"{slug}.json"
            try:
                rec = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                raise KnowledgeBaseNotFound(f"{path} is missing or damaged ({exc}): run `kgqa ingest`") from None
            passages.extend(Passage.from_dict(p) for p in rec["passages"])
        try:
            graph = GraphStore.load(data_dir / "graph", manifest["reports"])
        except StoreUnavailable:
            raise
        except Exception as exc:
            raise KnowledgeBaseNotFound(f"the graph in {data_dir / 'graph'} is missing or damaged ({exc}): "
                                        "run `kgqa ingest`") from None
        index = PassageIndex.open(data_dir / "index", passages, model_name=manifest["model"])
        return cls(data_dir, manifest, passages, graph, index)

    # ---- reading --------------------------------------------------------------------------
    @property
    def reports(self) -> dict[str, dict]:
        return self.manifest["reports"]

    def passage(self, passage_id: str) -> Passage:
        return self._by_id[passage_id]

    def search(self, query: str, k: int = 5, **filters: Any) -> list[Passage]:
        """Hybrid search over passages; filters: report, company, year, section."""
        if not isinstance(query, str) or not query.strip():
            raise QueryError("empty query: type some words to search for")
        if not isinstance(k, int) or k <= 0:
            raise QueryError(f"k must be a positive integer, got {k!r}")
        unknown = set(filters) - {"report", "company", "year", "section"}
        if unknown:
            raise QueryError(f"unknown filter(s) {sorted(unknown)}: use report, company, year or section")
        from .qa.analysis import expand, reports_named
        query = query[:MAX_QUERY_CHARS]
        if not filters:
            named = reports_named(query, self)
            if len(named) == 1 and len(self.reports) > 1:
                filters = {"report": named[0]}     # a question naming one company searches its reports
        return self.index.search(query, min(k, MAX_K), lexical_query=expand(query),
                                 boost=self._answerer().graph.source_passages(query), **filters)

    def _answerer(self):
        if self._qa is None:
            from .qa import QuestionAnswerer
            self._qa = QuestionAnswerer(self)
        return self._qa

    def warm_up(self) -> None:
        """Load the embedding model and the question answerer now rather than on the first question."""
        self.index.search("warm up", 1)
        self._answerer()

    def ask(self, question: str, previous: str | None = None) -> Answer:
        """Answer a question with exact figures from the graph and cited passages.

        `previous` is the last question of a conversation: a follow-up such as "and in 2022?"
        reuses its metric and company.
        """
        return self._answerer().ask(question, previous=previous)

    def sparql(self, query: str, bindings: dict | None = None, timeout: float | None = None):
        """Run a read-only SPARQL query; returns an rdflib Result (rdflib terms, rows by name)."""
        return self.graph.query(query, bindings=bindings, timeout=timeout)

    def facts(self) -> Iterator[dict[str, Any]]:
        """Every metric observation as a dict (metric, value, unit, year, entity, report, source_text, ...)."""
        from kg.facts import iter_facts
        yield from iter_facts(self.graph)

    def export(self, fmt: str = "turtle") -> str:
        from kg import export_graph
        return export_graph(self.graph, fmt)

    def stats(self) -> dict[str, Any]:
        return {"data_dir": str(self.data_dir), "model": self.manifest["model"], "passages": len(self.passages),
                "triples": len(self.graph), "reports": self.reports}


def _unique_slugs(files: list[Path]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for f in files:
        s = slugify(f.stem)
        seen[s] = seen.get(s, 0) + 1
        out.append(s if seen[s] == 1 else f"{s}-{seen[s]}")
    return out
