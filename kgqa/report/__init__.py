"""Report parsing: a text or markdown report file -> a `Report` with sections, blocks and passages."""
from __future__ import annotations

from pathlib import Path

from .blocks import segment
from .contents import parse_contents
from .furniture import Furniture, detect_furniture
from .meta import extract_meta
from .model import Block, Passage, Report, Section, Table, TableRow
from .passages import build_passages
from .reading import discover_reports, read_report_text
from .source import PageRef, Source, load_source
from .text import slugify

__all__ = ["parse_report", "parse_text", "Report", "Block", "Passage", "Section", "Table", "TableRow",
           "discover_reports", "read_report_text", "load_source", "parse_source", "Source", "PageRef"]


def parse_text(text: str, source: str, sha256: str = "", slug: str | None = None,
               line_pages: list[PageRef | None] | None = None, hints: dict | None = None) -> Report:
    """Lines -> a Report.  `line_pages` (from a PDF) gives every line its page; a text report's
    pages come from the page numbers printed in it."""
    lines = text.splitlines()
    slug = slug or slugify(Path(source).stem)
    if line_pages is not None:
        furniture = Furniture(set(), [r.number if r else None for r in line_pages])
    else:
        furniture = detect_furniture(lines)
    contents = parse_contents(lines)
    sections, blocks = segment(lines, furniture, contents, slug)
    meta = extract_meta(text, lines, hints or {})
    passages = build_passages(blocks, slug)
    for p in passages:
        p.company = meta["company"]
        p.year = meta["year"]
        if line_pages is not None:
            _place(p, line_pages)
    return Report(slug=slug, source=str(source), sha256=sha256, company=meta["company"],
                  short_name=meta["short_name"], title=meta["title"], year=meta["year"],
                  stock_code=meta["stock_code"], sections=sections, blocks=blocks, passages=passages,
                  lines=lines, furniture=furniture.lines, aliases=meta["aliases"])


def _place(p: Passage, line_pages: list[PageRef | None]) -> None:
    """A PDF passage's printed page, page index and the boxes it covers on its pages."""
    refs = [r for r in line_pages[p.start:p.end + 1] if r is not None]
    if not refs:
        return
    first = refs[0]
    p.page_label, p.page_index = first.label, first.index
    if p.page is None:
        p.page = first.number
    boxes: list[list[float]] = []
    for r in refs:
        if r.bbox and [r.index, *r.bbox] not in boxes:
            boxes.append([r.index, *r.bbox])
    p.bboxes = boxes


def parse_source(src: Source, slug: str | None = None) -> Report:
    """A loaded report file (text or PDF) -> its `Report`."""
    return parse_text(src.text, str(src.path), src.sha256, slug=slug, line_pages=src.line_pages, hints=src.hints)


def parse_report(path: str | Path) -> Report:
    """Parse one report file; raises ReportError when the file cannot be used."""
    return parse_source(load_source(path))
