"""The parsed shape of a report: sections, typed blocks, tables and passages.

Every block and passage carries its 1-based inclusive line span in the source file,
its section path and its (printed) page, so any fact can be traced back to the text.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SECTION_SEP = " > "


@dataclass
class TableRow:
    cells: list[str]
    line: int
    raw: str


@dataclass
class Table:
    title: str | None
    header: list[str]
    header_lines: list[str]
    rows: list[TableRow]
    years: dict[int, int]          # column index -> year
    unit_col: int | None
    style: str                     # "tab" or "pipe"
    header_line: int | None = None


@dataclass
class Block:
    block_id: str
    kind: str                      # paragraph | list | table | key_performance | case | caption | subheading | contents
    text: str
    start: int
    end: int
    section: tuple[str, ...]
    page: int | None
    title: str | None = None
    table: Table | None = None
    captions: list[str] = field(default_factory=list)


@dataclass
class Section:
    title: str
    level: int
    path: tuple[str, ...]
    start: int
    page: int | None


@dataclass
class Passage:
    passage_id: str
    report: str
    text: str
    section_path: tuple[str, ...]
    page: int | None
    start: int
    end: int
    kind: str = "text"
    title: str | None = None
    score: float = 0.0
    company: str | None = None
    year: int | None = None
    page_label: str | None = None          # the printed page ("57", "iv") when the source is a PDF
    page_index: int | None = None          # 0-based page of the PDF file
    bboxes: list[list[float]] = field(default_factory=list)   # [page_index, x0, y0, x1, y1] per region

    @property
    def section(self) -> str:
        return SECTION_SEP.join(self.section_path)

    @property
    def line_span(self) -> tuple[int, int]:
        return (self.start, self.end)

    def index_text(self) -> str:
        """What retrieval sees: the section path and title give a row its context."""
        head = " / ".join(p for p in (self.section, self.title) if p)
        return f"{head}\n{self.text}" if head else self.text

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["section_path"] = list(self.section_path)
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Passage":
        d = dict(d)
        d["section_path"] = tuple(d.get("section_path") or ())
        return cls(**d)


@dataclass
class Report:
    slug: str
    source: str
    sha256: str
    company: str | None
    short_name: str | None
    title: str | None
    year: int | None
    stock_code: str | None
    sections: list[Section]
    blocks: list[Block]
    passages: list[Passage]
    lines: list[str]
    furniture: set[int] = field(default_factory=set)
    aliases: dict[str, str] = field(default_factory=dict)   # short name -> full legal name
    _by_line: dict[int, Passage] | None = field(default=None, repr=False, compare=False)

    def passage_at(self, line: int) -> Passage | None:
        """The smallest passage whose line span holds `line` (a fact's source)."""
        if self._by_line is None:
            index: dict[int, Passage] = {}
            for p in sorted(self.passages, key=lambda p: p.start - p.end):   # widest first, narrowest wins
                for n in range(p.start, p.end + 1):
                    index[n] = p
            self._by_line = index
        return self._by_line.get(line)
