"""A report file as read: its kind, content hash, text lines and (for PDFs) where each line stands.

`load_source` is the one place that turns a file into something the parser can read; the
parser (`parse_source`) never opens files.  The kind is detected from the content (`%PDF-`
magic), not the extension.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .reading import read_report_text


@dataclass(frozen=True)
class PageRef:
    """Where a line stands in a PDF: the 0-based page index, the printed label, a bounding box."""
    index: int
    label: str | None = None
    bbox: tuple[float, float, float, float] | None = None

    @property
    def number(self) -> int | None:
        """The printed page as a number when the label is one (\"57\" -> 57), else None."""
        return int(self.label) if self.label and self.label.isdigit() else None


@dataclass
class Source:
    path: Path
    kind: str                         # "text" or "pdf"
    sha256: str
    text: str                         # the report's lines; a PDF's are laid out as markdown-like text
    line_pages: list[PageRef | None] | None = None   # 1-based: line_pages[n] is line n's page (PDF only)
    hints: dict = field(default_factory=dict)         # metadata the file itself states (PDF title, author)
    warnings: list[str] = field(default_factory=list)
    page_count: int | None = None
    image_table_pages: list[str] = field(default_factory=list)   # printed pages of tables set as images


def is_pdf(path: str | Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(1024).lstrip().startswith(b"%PDF-")
    except OSError:
        return False


def load_source(path: str | Path) -> Source:
    """Read one report file; raises ReportError saying what is wrong with it."""
    p = Path(path)
    if is_pdf(p):
        from .pdf import read_pdf
        return read_pdf(p)
    text, sha = read_report_text(p)
    return Source(p, "text", sha, text)
