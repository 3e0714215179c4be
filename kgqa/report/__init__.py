"""Report parsing: a text or markdown report file -> a `Report` with sections, blocks and passages."""
from __future__ import annotations

from pathlib import Path

from .blocks import segment
from .contents import parse_contents
from .furniture import detect_furniture
from .meta import extract_meta
from .model import Block, Passage, Report, Section, Table, TableRow
from .passages import build_passages
from .reading import discover_reports, read_report_text
from .source import PageRef, Source, load_source
from .text import slugify

__all__ = ["parse_report", "parse_text", "Report", "Block", "Passage", "Section", "Table", "TableRow",
           "discover_reports", "read_report_text", "load_source", "parse_source", "Source", "PageRef"]


def parse_text(text: str, source: str, sha256: str = "", slug: str | None = None) -> Report:
    lines = text.splitlines()
    slug = slug or slugify(Path(source).stem)
    furniture = detect_furniture(lines)
    contents = parse_contents(lines)
    sections, blocks = segment(lines, furniture, contents, slug)
    meta = extract_meta(text, lines)
    passages = build_passages(blocks, slug)
    for p in passages:
        p.company = meta["company"]
        p.year = meta["year"]
    return Report(slug=slug, source=str(source), sha256=sha256, company=meta["company"],
                  short_name=meta["short_name"], title=meta["title"], year=meta["year"],
                  stock_code=meta["stock_code"], sections=sections, blocks=blocks, passages=passages,
                  lines=lines, furniture=furniture.lines, aliases=meta["aliases"])


def parse_source(src: Source, slug: str | None = None) -> Report:
    """A loaded report file (text or PDF) -> its `Report`."""
    return parse_text(src.text, str(src.path), src.sha256, slug=slug)


def parse_report(path: str | Path) -> Report:
    """Parse one report file; raises ReportError when the file cannot be used."""
    return parse_source(load_source(path))
