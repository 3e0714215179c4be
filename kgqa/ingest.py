"""One report's files in a generation: parsed, extracted and written, or reused from the previous one.

    reports/<slug>.json    metadata and passages
    graph/<slug>.nt        the report's graph
    sources/<slug>.txt     the text as read; a PDF also keeps its original as sources/<slug>.pdf

A new report is parsed and extracted in a worker process with a time and memory budget
(settings `report_time_limit`, `report_memory_limit`), so a pathological file is refused with a
message instead of holding the build (or a server) for minutes.
"""
from __future__ import annotations

import dataclasses
import json
import multiprocessing
import resource
from pathlib import Path

from .errors import ReportError
from .report import Passage, Source, load_source, parse_source
from .settings import setting
from .store import reuse_file, write_json

QB_OBSERVATION = "http://purl.org/linked-data/cube#Observation"


def write_source(out: Path, slug: str, src: Source) -> None:
    """The one place a report's source is kept: its text, and for a PDF the original file."""
    folder = out / "sources"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{slug}.txt").write_text(src.text, encoding="utf-8")
    if src.kind == "pdf":
        reuse_file(src.path, folder / f"{slug}.pdf")


def stored_source(gen: Path, slug: str, meta: dict) -> Source:
    """Read back a report kept by an earlier generation (to rebuild it after the builder changed)."""
    pdf, txt = gen / "sources" / f"{slug}.pdf", gen / "sources" / f"{slug}.txt"
    src = load_source(pdf if pdf.exists() else txt)
    return dataclasses.replace(src, sha256=meta["sha256"])


def reuse_report(old: Path, out: Path, slug: str) -> tuple[dict, list[Passage]]:
    """Link an unchanged report's files into the new generation; returns (meta, passages)."""
    for sub, pattern in (("reports", f"{slug}.json"), ("graph", f"{slug}.nt"), ("sources", f"{slug}.*")):
        for f in (old / sub).glob(pattern):
            reuse_file(f, out / sub / f.name)
    rec = json.loads((out / "reports" / f"{slug}.json").read_text(encoding="utf-8"))
    return rec["meta"], [Passage.from_dict(p) for p in rec["passages"]]


def build_report(src: Source, slug: str, out: Path) -> tuple[dict, list[Passage]]:
    """Parse and extract one report within its budget, writing its files into `out`."""
    seconds = float(setting("report_time_limit"))
    megabytes = int(setting("report_memory_limit"))
    ctx = _worker_context()
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_worker, args=(child, src, slug, str(out), megabytes,
                                             int(setting("report_max_passages"))), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(seconds):
            raise ReportError(src.path, f"reading it took over the {seconds:g} s limit for one report "
                                        "(KGQA_REPORT_TIME_LIMIT); split the file or check its layout")
        try:
            status, payload = parent.recv()
        except EOFError:
            raise ReportError(src.path, f"reading it needed over the {megabytes} MB memory limit for one report "
                                        "(KGQA_REPORT_MEMORY_LIMIT) or crashed the reader") from None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join(5)
        parent.close()
    if status == "error":
        kind, message = payload
        if kind == "report":
            raise ReportError(src.path, message)
        if kind == "memory":
            raise ReportError(src.path, f"reading it needed over the {megabytes} MB memory limit for one report "
                                        "(KGQA_REPORT_MEMORY_LIMIT)")
        raise OSError(*message) if kind == "os" else RuntimeError(message)
    meta = payload
    rec = json.loads((out / "reports" / f"{slug}.json").read_text(encoding="utf-8"))
    return meta, [Passage.from_dict(p) for p in rec["passages"]]


def _worker_context():
    """Each report is read in a fresh process forked from a server process that has the reader and
    extractor imported already (multiprocessing's forkserver): a new process per report, as the
    budget needs, without a new interpreter importing them per report.  Settings are passed to the
    worker, never read there (the server keeps the environment it started with)."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["kgqa.ingest", "kg", "rdflib"])
    return ctx


def _worker(conn, src: Source, slug: str, out: str, megabytes: int, max_passages: int) -> None:
    try:
        if megabytes > 0:
            limit = megabytes * 1024 * 1024
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        conn.send(("ok", write_report(src, slug, Path(out), max_passages)))
    except ReportError as exc:
        conn.send(("error", ("report", exc.reason)))
    except MemoryError:
        conn.send(("error", ("memory", "")))
    except OSError as exc:
        conn.send(("error", ("os", (exc.errno, exc.strerror or str(exc)))))
    except Exception as exc:  # reported to the parent, which raises it
        conn.send(("error", ("other", f"{type(exc).__name__}: {exc}")))
    finally:
        conn.close()


def write_report(src: Source, slug: str, out: Path, max_passages: int | None = None) -> dict:
    """Parse, extract and write one report's files; returns its manifest metadata."""
    from kg import build_report_graph, write_graph
    from rdflib import RDF, URIRef

    report = parse_source(src, slug=slug)
    if not report.passages:
        raise ReportError(src.path, "no readable passages found in the report")
    limit = int(setting("report_max_passages")) if max_passages is None else max_passages
    if len(report.passages) > limit:
        raise ReportError(src.path, f"{len(report.passages):,} passages, over the limit of {limit:,} for one report "
                                    "(KGQA_REPORT_MAX_PASSAGES); is it one report?")
    graph, skipped = build_report_graph(report)
    write_graph(graph, out / "graph" / f"{slug}.nt")
    write_source(out, slug, src)
    pages = src.page_count or max((p.page for p in report.passages if isinstance(p.page, int)), default=None)
    meta = {"source": str(src.path), "sha256": src.sha256, "kind": src.kind, "company": report.company,
            "short_name": report.short_name, "title": report.title, "year": report.year,
            "stock_code": report.stock_code, "pages": pages, "sections": len(report.sections),
            "blocks": len(report.blocks), "passages": len(report.passages), "triples": len(graph),
            "figures": sum(1 for _ in graph.triples((None, RDF.type, URIRef(QB_OBSERVATION)))),
            "warnings": list(src.warnings), "image_table_pages": list(src.image_table_pages),
            "skipped": skipped}
    write_json(out / "reports" / f"{slug}.json", {"meta": meta, "passages": [p.to_dict() for p in report.passages]})
    return meta
