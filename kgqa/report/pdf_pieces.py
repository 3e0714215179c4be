"""Pieces of text with their boxes, the cells a table's pieces form, and the tables found from them:
the types the table finders (`pdf_layout`, `pdf_tall`, `pdf_figures`, `pdf_pairs`) share."""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

FOOTNOTE_MARK = re.compile(r"[\[(][A-Za-z0-9]{1,2}[\])]|\*+")
VALUE_CELL = re.compile(r"^[\[(]?[-+−–~<>≥≤]?\s?[$€£¥]?\s?\d[\d,.\s]*%?[)\]]?(?:\s*[-–]\s*\d[\d,.]*%?)?"
                        r"(?:\s*\[[A-Z]\])?\s*[a-zA-Z%]{0,4}$|^(?:–|—|-|n/?a|N/?A|nil|none|\*+|x)$")


@dataclass
class Piece:
    """A run of text in one font on one line (a PyMuPDF span)."""
    text: str
    bbox: tuple[float, float, float, float]
    size: float
    bold: bool
    superscript: bool
    block: int
    line: int
    line_text: str
    line_x0: float = 0.0           # where the printed line starts (markers set in a symbol font included)
    spaced: bool = False           # the PDF prints a space between this piece and the one before

    @property
    def xc(self) -> float:
        return (self.bbox[0] + self.bbox[2]) / 2

    @property
    def yc(self) -> float:
        return (self.bbox[1] + self.bbox[3]) / 2


def glue(pieces: list[Piece]) -> str:
    """Pieces of one line as text: a small piece set tight against its neighbour (the 2 of CO2,
    the e of CO2-e) joins it without a space, unless the PDF prints one before a word ("284 GWh" + " of …")."""
    out = ""
    prev: Piece | None = None
    for p in pieces:
        # a small piece against the word before it (CO2, levels(5)) or punctuation after one ((5), …)
        printed_space = p.spaced and not (p.superscript or FOOTNOTE_MARK.fullmatch(p.text))
        tight = prev is not None and not printed_space and p.bbox[0] - prev.bbox[2] < 1.0 and (
            p.size < prev.size * 0.85 or (prev.size < p.size * 0.85 and not p.text[:1].isalnum()))
        out = out + p.text if (tight or not out) else f"{out} {p.text}"
        prev = p
    return out


def printed_lines(pieces: list[Piece]) -> list[list[Piece]]:
    """Pieces grouped into printed lines by their vertical centres, top to bottom, each left to right."""
    lines: list[list[Piece]] = []
    for p in sorted(pieces, key=lambda p: (p.yc, p.bbox[0])):
        if lines and abs(p.yc - statistics.fmean(q.yc for q in lines[-1])) <= max(2.0, 0.4 * p.size):
            lines[-1].append(p)
        else:
            lines.append([p])
    return [sorted(line, key=lambda p: p.bbox[0]) for line in lines]


@dataclass
class Pieces:
    """Pieces taken together (a cell, a row, a label's lines), with the box around them."""
    pieces: list[Piece]

    @property
    def x0(self) -> float:
        return min(p.bbox[0] for p in self.pieces)

    @property
    def x1(self) -> float:
        return max(p.bbox[2] for p in self.pieces)

    @property
    def y0(self) -> float:
        return min(p.bbox[1] for p in self.pieces)

    @property
    def y1(self) -> float:
        return max(p.bbox[3] for p in self.pieces)


@dataclass
class Cell(Pieces):
    @property
    def text(self) -> str:
        return glue(self.pieces)

    def value_text(self) -> tuple[str, str]:
        """The figure without footnote marks, and the marks."""
        main = [p.text.strip("✔✓✗✘•* ") for p in self.pieces if not p.superscript]
        main = [t for t in main if t]
        marks = [p.text for p in self.pieces if p.superscript]
        text = " ".join(main) or " ".join(marks)
        m = re.match(r"^(.*?\d)\s*(\[[A-Z]\]|\([a-z]\))$", text)
        if m:
            text, marks = m.group(1), marks + [m.group(2)]
        return text, " ".join(marks if main else [])


@dataclass
class Table:
    title: str | None
    header: list[str]
    rows: list[tuple[str, list[str]]]       # (label, one cell per column)
    pieces: list[Piece]
    bbox: tuple[float, float, float, float]
    notes: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = ["\t".join([""] + self.header)] if self.header else []   # a label/value table has none
        for label, cells in self.rows:
            # a row heading the rows below it keeps one tab, so it stays a row of the table
            out.append("\t".join([label] + cells).rstrip("\t") + ("" if any(cells) else "\t"))
        return out
