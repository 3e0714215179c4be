"""The public entry point: `KnowledgeBase`."""
from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from .answer import Answer
from .collection import Changes, Plan, ReportInfo, ReportsView, plan_add, plan_exact
from .errors import (IndexCorrupted, IngestError, KnowledgeBaseBusy, KnowledgeBaseNotFound, QueryError, ReportError,
                     ReportNotFound, StoreUnavailable)
from .report import Passage, Source, discover_reports, load_source
from .settings import default_corpus, default_data_dir, setting
from .store import (FORMAT_VERSION, builder_fingerprint, checkpoint, generation_dir, generation_name, new_generation,
                    read_manifest, storage_errors, write_json, writer_lock)

log = logging.getLogger("kgqa")
Progress = Callable[[str, int, int], None]
MAX_K = 100
MAX_QUERY_CHARS = 2000


def _noop(stage: str, done: int, total: int) -> None:
    pass


class KnowledgeBase:
    """A knowledge base of one or more reports: passages, a graph and a search index.

    An open KnowledgeBase is a snapshot of one generation of its data dir: `add`, `remove` and
    `build` write a new generation and return it opened, while this object keeps answering from
    the one it opened; `refresh()` returns the data dir's newest.

    >>> kb = KnowledgeBase.build(["corpus"], data_dir=tmp)          # doctest: +SKIP
    >>> kb.search("total greenhouse gas emissions", k=3)[0].page   # doctest: +SKIP
    """

    def __init__(self, data_dir: Path, manifest: dict, passages: list[Passage], graph, index,
                 generation: str | None = None):
        self.data_dir = Path(data_dir)
        self.manifest = manifest
        self.passages = passages
        self.graph = graph
        self.index = index
        self.generation = generation
        self.folder = generation_dir(self.data_dir, generation) if generation else self.data_dir   # its files
        self.reports = ReportsView(manifest["reports"])
        self.changes = Changes(unchanged=list(self.reports))
        self.warnings: list[str] = []
        self._by_id = {p.passage_id: p for p in passages}
        self._qa = None

    # ---- building and changing --------------------------------------------------------------
    @classmethod
    def build(cls, paths: Iterable[str | Path] | None = None, data_dir: str | Path | None = None,
              progress: Progress | None = None, model: str | None = None) -> "KnowledgeBase":
        """Make the knowledge base in data_dir exactly these report files or folders (default `corpus/`).

        Reports already held with the same content are reused (not parsed or embedded again); the
        returned knowledge base's `changes` says what was added, updated and removed.  The new
        generation is switched in only when the build succeeds, so a failed or killed ingest
        leaves the previous one intact.  Unchanged files are a no-op.
        """
        sources, warnings = _load_sources(list(paths) if paths else [default_corpus()])
        kb = cls._change(data_dir, lambda old: plan_exact(old, sources), model, progress)
        kb.warnings = warnings
        return kb

    def add(self, paths: Iterable[str | Path], progress: Progress | None = None,
            names: list[str] | None = None) -> "KnowledgeBase":
        """Add report files, or update the report a file's name stands for; a file whose content is
        already held is a no-op that says so (in `changes.notes`).  Only the new reports are parsed,
        extracted and embedded.  `names` gives the file names to use (e.g. of uploads)."""
        sources, warnings = _load_sources(list(paths))
        kb = self._change(self.data_dir, lambda old: plan_add(old, sources, names), self.manifest["model"], progress)
        kb.warnings = warnings
        return kb

    def remove(self, report: str | ReportInfo, progress: Progress | None = None) -> "KnowledgeBase":
        """Remove one report (its slug or record); the others are kept as they are."""
        slug = report.slug if isinstance(report, ReportInfo) else str(report)

        def plan(old: dict) -> Plan:
            if slug not in old:
                raise ReportNotFound(f"no report {slug!r} in the knowledge base; it holds {', '.join(old) or 'none'}")
            if len(old) == 1:
                raise IngestError(f"{slug} is the only report: a knowledge base holds at least one "
                                  "(use `kgqa ingest` to replace it)")
            keep = [s for s in old if s != slug]
            return Plan(keep, {}, Changes(removed=[slug], unchanged=keep[:]), keep)
        return self._change(self.data_dir, plan, self.manifest["model"], progress)

    @classmethod
    def _change(cls, data_dir: str | Path | None, planner: Callable[[dict], Plan], model: str | None,
                progress: Progress | None) -> "KnowledgeBase":
        """Under the data dir's write lock: plan against the live generation, build the next one, switch."""
        from index import resolve_model_name

        progress = progress or _noop
        data_dir = Path(data_dir) if data_dir else default_data_dir()
        existed = data_dir.exists()
        try:
            with writer_lock(data_dir, float(setting("lock_timeout"))), storage_errors(data_dir):
                name = generation_name(data_dir)
                old_dir = generation_dir(data_dir, name) if name else None
                old = read_manifest(old_dir) if old_dir else None
                plan = planner(old["reports"] if old else {})
                model_name = resolve_model_name(model or (old or {}).get("model"))
                if old and old.get("builder") == builder_fingerprint() and old.get("model") == model_name \
                        and not plan.build and plan.order == list(old["reports"]):
                    log.info("knowledge base in %s is up to date", data_dir)
                else:
                    with new_generation(data_dir, before_switch=_publish_graphs) as tmp:
                        cls._build_into(tmp, plan, old, old_dir, model_name, progress)
        except BaseException as exc:
            if not existed and not isinstance(exc, KnowledgeBaseBusy) and generation_name(data_dir) is None:
                shutil.rmtree(data_dir, ignore_errors=True)
            raise
        kb = cls.open(data_dir)
        kb.changes = plan.changes
        return kb

    @staticmethod
    def _build_into(tmp: Path, plan: Plan, old: dict | None, old_dir: Path | None, model_name: str,
                    progress: Progress) -> None:
        """Write one generation: each report's files (new ones read within their budget, unchanged
        ones linked from the previous generation), then the index and the manifest."""
        from kg import GraphStore
        from index import PassageIndex

        from .ingest import build_report, reuse_report, stored_source

        reusable = old is not None and old.get("builder") == builder_fingerprint()
        reports: dict[str, Any] = {}
        all_passages: list[Passage] = []
        total = len(plan.order)
        for i, slug in enumerate(plan.order):
            progress("parse", i, total)
            if slug in plan.build:
                meta, passages = build_report(plan.build[slug], slug, tmp)
            elif reusable:
                meta, passages = reuse_report(old_dir, tmp, slug)
            else:                             # the parser changed: read the kept report again
                meta, passages = build_report(stored_source(old_dir, slug, old["reports"][slug]), slug, tmp)
            checkpoint("report")
            reports[slug] = meta
            all_passages.extend(passages)
        progress("parse", total, total)
        progress("extract", total, total)
        GraphStore.create(tmp / "graph", list(reports))     # the embedded store (a remote one: checked only)
        checkpoint("graph")
        cache_dir = (old_dir / "index") if old_dir else None
        PassageIndex.build(all_passages, tmp / "index", model_name=model_name, cache_dir=cache_dir,
                           progress=progress)
        checkpoint("index")
        write_json(tmp / "manifest.json", {"version": FORMAT_VERSION, "builder": builder_fingerprint(),
                                           "reports": reports, "model": model_name})
        checkpoint("manifest")

    # ---- opening ----------------------------------------------------------------------------
    @classmethod
    def open(cls, data_dir: str | Path | None = None) -> "KnowledgeBase":
        """Open the live generation of a knowledge base built by `build` (or `kgqa ingest`)."""
        data_dir = Path(data_dir) if data_dir else default_data_dir()
        for attempt in range(3):
            name = generation_name(data_dir)
            if name is None:
                raise KnowledgeBaseNotFound(f"no knowledge base in {data_dir}: run `kgqa ingest` first")
            try:
                return cls._open_generation(data_dir, name)
            except (KnowledgeBaseNotFound, IndexCorrupted):
                if attempt == 2 or generation_name(data_dir) == name:
                    raise                       # not a generation switched away while we read it
        raise AssertionError("unreachable")

    @classmethod
    def _open_generation(cls, data_dir: Path, name: str) -> "KnowledgeBase":
        from kg import GraphStore
        from index import PassageIndex

        gen = generation_dir(data_dir, name)
        manifest = read_manifest(gen)
        passages: list[Passage] = []
        for slug in manifest["reports"]:
            path = gen / "reports" / f"{slug}.json"
            try:
                rec = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, json.JSONDecodeError) as exc:
                raise KnowledgeBaseNotFound(f"{path} is missing or damaged ({exc}): run `kgqa ingest`") from None
            passages.extend(Passage.from_dict(p) for p in rec["passages"])
        try:
            graph = GraphStore.load(gen / "graph", manifest["reports"])
        except StoreUnavailable:
            raise
        except Exception as exc:
            raise KnowledgeBaseNotFound(f"the graph in {gen / 'graph'} is missing or damaged ({exc}): "
                                        "run `kgqa ingest`") from None
        index = PassageIndex.open(gen / "index", passages, model_name=manifest["model"])
        return cls(data_dir, manifest, passages, graph, index, generation=name)

    def refresh(self) -> "KnowledgeBase":
        """The data dir's newest generation: this object when it is still the live one."""
        return self if generation_name(self.data_dir) == self.generation else type(self).open(self.data_dir)

    # ---- reading --------------------------------------------------------------------------
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
        from index.tokenize import without_words

        from .qa.analysis import company_words, expand, reports_named
        from .qa.catalog import source_passages
        query = query[:MAX_QUERY_CHARS]
        if not filters:
            named = reports_named(query, self)
            if len(named) == 1 and len(self.reports) > 1:
                filters = {"report": named[0]}     # a question naming one company searches its reports
        # within one report its company's name says nothing: it would only favour the passages
        # that repeat it, so the rankers see the question without it (the graph still sees it all)
        wanted = str(filters.get("report") or "").lower()
        names = set().union(*(words for slug, words in company_words(self).items() if wanted and wanted in slug.lower()))
        text = without_words(query, names)
        return self.index.search(text, min(k, MAX_K), lexical_query=expand(text),
                                 boost=source_passages(self, query), **filters)

    def _answerer(self):
        if self._qa is None:
            from .qa import QuestionAnswerer
            self._qa = QuestionAnswerer(self)
        return self._qa

    def warm_up(self) -> None:
        """Load the embedding model and the question answerer (with what it computes once per knowledge
        base) now rather than on the first questions."""
        self.index.search("warm up", 1)
        self._answerer().warm_up()

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

    def source_pdf(self, report: str) -> Path | None:
        """The original PDF of a report, kept in the knowledge base (None for a text report)."""
        if report not in self.reports:
            raise QueryError(f"no report {report!r} in this knowledge base; loaded: {', '.join(self.reports)}")
        path = self.folder / "sources" / f"{report}.pdf"
        return path if path.exists() else None

    def page_image(self, passage_id: str, highlights: Iterable[str] = ()) -> bytes:
        """PNG of the page region a PDF passage came from, with each highlight string marked.

        >>> png = kb.page_image(answer.citations[0].passage_id, ["308,561"])   # doctest: +SKIP
        """
        from .report.pdf_render import render_region
        p = self._by_id.get(passage_id)
        if p is None:
            raise QueryError(f"no passage {passage_id!r} in this knowledge base")
        pdf = self.source_pdf(p.report)
        if pdf is None or p.page_index is None:
            raise QueryError(f"passage {passage_id} comes from a text report: there is no page to show")
        return render_region(pdf, p.page_index, p.bboxes, tuple(highlights))

    def stats(self) -> dict[str, Any]:
        return {"data_dir": str(self.data_dir), "generation": self.generation, "model": self.manifest["model"],
                "passages": len(self.passages), "triples": len(self.graph),
                "image_tables": sum(len(r.get("image_table_pages") or []) for r in self.reports.values()),
                "reports": self.reports}



def _publish_graphs(folder: Path) -> None:
    """A finished generation's report graphs to a remote graph store (nothing for the embedded one)."""
    from kg import GraphStore
    GraphStore.publish(folder / "graph", list(read_manifest(folder)["reports"]))


def _load_sources(paths: list) -> tuple[list[Source], list[str]]:
    """Read the report files of `paths` (files or folders): a bad file named explicitly is an error,
    one found in a folder is skipped with a warning."""
    explicit = {Path(p).resolve() for p in paths if Path(p).is_file()}
    files, warnings = discover_reports(paths)
    sources: list[Source] = []
    for f in files:
        try:
            src = load_source(f)
        except ReportError as exc:
            if f.resolve() in explicit:
                raise
            warnings.append(f"skipped {exc}")
            continue
        warnings.extend(f"{f}: {w}" for w in src.warnings)
        sources.append(src)
    for w in warnings:
        log.warning("%s", w)
    if not sources:
        raise IngestError("no usable report to ingest" + (": " + "; ".join(warnings) if warnings else
                                                          f" in {', '.join(map(str, paths))}"))
    return sources, warnings
