"""Tables whose rows are taller than a line, under period headers in words.

    Indicator                         2019 Results  2020 Results  Objectives
                                                                   2030
    GHG emissions (scopes 1 and 3)
    related to energy production          75*           68           43
    In line with commitments

Such a table has no bare year row for `pdf_layout.find_tables` to start from, and read line by line
its figures stand alone between the lines of their label.  Here a header cell holds a period inside a
few header words ("2019 Results", "Objectives" over "2030", "FY21 target"); two or more such cells
side by side anchor the columns.  Below them, the figures standing in the period columns make the
rows (lines set tight in one column are one cell: "France: 72" over "Rest of world: 72"), and each
row takes as its label the block of lines in the label column (the text column just left of the
periods) that holds the row's vertical centre, else the nearest block starting above it, else the
nearest one below; the blocks no row takes ("In line with commitments", an action plan) stay prose.
Footnote marks leave the figures as notes ("75*" is 75); "NA" and "nd" are kept as printed.
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

from .pdf_pieces import VALUE_CELL, Cell, Piece, Table, glue, printed_lines

PERIOD = re.compile(r"(?<![\w/])(?:(?:FY|CY)\s?'?\d{2}(?:\d{2})?|(?:19|20)\d{2}(?:\s?[/–-]\s?\d{2,4})?)(?![\w/])",
                    re.I)
# the words a period column's header may carry beside its year
HEADER_WORDS = frozenset("""result results actual actuals target targets objective objectives goal goals ambition
    baseline base year forecast outlook budget plan estimate restated reported achieved achievement performance
    value status progress""".split())
MISSING = re.compile(r"^(?:nd|n\.d\.|n\.a\.|na)$", re.I)
GUTTER = 1.5        # points of empty space between the label column and the column left of it
STACK = 0.6         # font sizes: a header word this close above or below a year is the same header cell
TIGHT = 0.25        # font sizes: lines this close in a period column are one cell
ROW_GAP = 8.0       # font sizes of empty space that ends the table


class _Box(Cell):
    """Pieces on one or more lines: a header cell, a row's figures, a label's lines."""

    @property
    def yc(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def text(self) -> str:
        return " ".join(glue(line) for line in printed_lines(self.pieces))

    def distance(self, y: float) -> float:
        return max(0.0, self.y0 - y, y - self.y1)


def is_period_header(text: str) -> bool:
    """A period column's header: a period alone or with a few header words ("2019 Results",
    "Objectives 2030", "FY21 target"), not a period inside a phrase ("Climate 2020")."""
    m = PERIOD.search(text)
    if not m:
        return False
    words = re.findall(r"[^\W\d_]+", text[:m.start()] + " " + text[m.end():])
    return len(words) <= 2 and all(w.lower() in HEADER_WORDS for w in words)


def _header_cells(pieces: list[Piece]) -> list[_Box]:
    """Every period header cell of the page: a piece holding a period, with the header words set
    above or below it in its column ("Objectives" over "2030", "2019" over "Results")."""
    words = sorted((q for q in pieces if q.text.strip().isalpha() and len(q.text) <= 16), key=lambda q: q.yc)
    cells = []
    for p in pieces:
        if not PERIOD.search(p.text) or len(p.text) > 24:
            continue
        stack = [p]
        for q in words:
            overlap = min(p.bbox[2], q.bbox[2]) - max(p.bbox[0], q.bbox[0])
            near = -1.0 < p.bbox[1] - q.bbox[3] < STACK * p.size or -1.0 < q.bbox[1] - p.bbox[3] < STACK * p.size
            if near and overlap > 0.5 * min(p.bbox[2] - p.bbox[0], q.bbox[2] - q.bbox[0]):
                stack.append(q)
        cell = _Box(stack)
        if is_period_header(cell.text):
            cells.append(cell)
    return cells


def _header_rows(cells: list[_Box]) -> list[list[_Box]]:
    """Period header cells side by side (their extents overlap vertically), at least two, and at
    least one in words: bare year rows are `find_tables`'s."""
    rows: list[list[_Box]] = []
    for c in sorted(cells, key=lambda c: c.y0):
        row = next((r for r in rows if any(c.y0 < o.y1 and o.y0 < c.y1 for o in r)), None)
        if row is None:
            rows.append([c])
        elif not any(c.x0 < o.x1 and o.x0 < c.x1 for o in row):
            row.append(c)
    return [sorted(r, key=lambda c: c.x0) for r in rows
            if len(r) >= 2 and any(re.search(r"[^\W\d_]{2}", c.text) for c in r)]


def find_tall_tables(pieces: list[Piece]) -> list[Table]:
    tables: list[Table] = []
    used: set[int] = set()
    for periods in _header_rows(_header_cells(pieces)):
        if any(id(p) in used for c in periods for p in c.pieces):
            continue
        t = _table(periods, [p for p in pieces if id(p) not in used])
        if t is not None:
            tables.append(t)
            used.update(id(p) for p in t.pieces)
    return tables


@dataclass
class _Grid:
    """The columns from the first period rightwards, each reaching halfway to its neighbours."""
    cols: list[_Box]
    periods: list[int]
    lefts: list[float]
    rights: list[float]

    @classmethod
    def of(cls, periods: list[_Box], others: list[_Box]) -> _Grid:
        cols = sorted(periods + [c for c in others if c.x0 >= periods[0].x0 - 2], key=lambda c: c.x0)
        mids = [(a.x1 + b.x0) / 2 for a, b in zip(cols, cols[1:])]
        return cls(cols, [k for k, c in enumerate(cols) if c in periods],
                   [cols[0].x0 - (mids[0] - cols[0].x1)] + mids, mids + [cols[-1].x1 + (cols[-1].x0 - mids[-1])])

    def column_of(self, p: Piece) -> int | None:
        """The column a piece stands in; None left of the columns and for text running across them."""
        k = next((k for k in range(len(self.cols)) if self.lefts[k] <= p.xc <= self.rights[k]), None)
        return k if k is not None and p.bbox[2] - p.bbox[0] <= self.rights[k] - self.lefts[k] + 4 else None


def _table(periods: list[_Box], pieces: list[Piece]) -> Table | None:
    in_period = {id(p) for c in periods for p in c.pieces}
    top, bottom = min(c.y0 for c in periods) - 1, max(c.y1 for c in periods) + 1
    others = [c for c in _header_words([p for p in pieces if id(p) not in in_period and top <= p.yc <= bottom])
              if len(c.text.split()) <= 4]
    grid = _Grid.of(periods, others)
    size = statistics.median(p.size for c in periods for p in c.pieces)
    below = sorted((p for p in pieces if p.bbox[1] > bottom - 1 and id(p) not in in_period), key=lambda p: p.yc)
    rows = _figure_rows(grid, below, bottom, size, min(c.x0 for c in periods + others))
    if len(rows) < 2:
        return None
    end = max(p.bbox[3] for r in rows for c in r for p in c)
    boxes = [_Box([p for c in r for p in c]) for r in rows]
    for p in below:             # the other columns' text on a row's lines ("2021-2023" under "Deadline")
        k = grid.column_of(p)
        if k is None or k in grid.periods or p.yc > end + size:
            continue
        i = min(range(len(rows)), key=lambda i: boxes[i].distance(p.yc))
        if boxes[i].distance(p.yc) <= 0.8 * size:
            rows[i][k].append(p)
    labels = _labels(boxes, [p for p in below if grid.column_of(p) is None and p.bbox[2] < grid.cols[0].x0
                             and p.yc < end + 2 * size])
    out_rows: list[tuple[str, list[str]]] = []
    notes: list[str] = []
    used = [p for c in periods + others for p in c.pieces]          # the header
    for row, label in zip(rows, labels):
        if label is None:
            continue
        name = _label_text(label)
        values = [_value(Cell(sorted(c, key=lambda p: (p.yc, p.bbox[0]))) if c else None) for c in row]
        figures = [values[k][0] for k in grid.periods if values[k][0]]
        if not any(VALUE_CELL.match(t) or MISSING.match(t) for t in figures):
            continue            # words under the periods ("France: 72 / Rest of world: 72") stay prose
        out_rows.append((name, [text for text, _ in values]))
        notes += [f"{name}: {marks}" for _, marks in values if marks]
        used += label.pieces + [p for c in row for p in c]
    if len(out_rows) < 2:
        return None
    bbox = (min(p.bbox[0] for p in used), min(p.bbox[1] for p in used),
            max(p.bbox[2] for p in used), max(p.bbox[3] for p in used))
    return Table(None, [c.text for c in grid.cols], out_rows, used, bbox, notes)


def _figure_rows(grid: _Grid, below: list[Piece], bottom: float, size: float,
                 left: float) -> list[list[list[Piece]]]:
    """The rows under the header, each its pieces per column: lines with text in the period
    columns, those set tight over one another one row.  The table ends at a wide empty gap, a
    heading (larger type), text running from left of the header into the periods (a paragraph or
    a legend under the table), or another header."""
    rows: list[list[list[Piece]]] = []
    last_y = bottom
    reach = grid.lefts[grid.periods[0]]
    for line in printed_lines(below):
        y0 = min(p.bbox[1] for p in line)
        if y0 - last_y > ROW_GAP * size or any(p.size > 1.3 * size for p in line) or \
                any(p.bbox[0] < left - 1 and p.bbox[2] > reach for p in line):
            break
        last_y = max(last_y, max(p.bbox[3] for p in line))
        placed = [(k, p) for k, p in ((grid.column_of(p), p) for p in line) if k in grid.periods]
        if sum(1 for _, p in placed if is_period_header(p.text)) >= 2:
            break                                           # the next table's header
        if not placed:
            continue
        prev = rows[-1] if rows else None
        over = [k for k, _ in placed if prev and prev[k]]  # the columns this line continues
        if not over or any(y0 - max(q.bbox[3] for q in prev[k]) >= TIGHT * size for k in over):
            prev = [[] for _ in grid.cols]
            rows.append(prev)
        for k, p in placed:
            prev[k].append(p)
    return rows


def _header_words(band: list[Piece]) -> list[_Box]:
    """The other header cells in the period headers' band ("Indicator", "SDGs", "Financial
    outlook"): pieces side by side on a line, or set over one another."""
    cells: list[list[Piece]] = []
    for p in sorted(band, key=lambda p: p.bbox[0]):
        for c in cells:
            box = _Box(c)
            if (p.bbox[0] < box.x1 and box.x0 < p.bbox[2]) or \
                    (abs(p.yc - c[-1].yc) < 2 and p.bbox[0] - box.x1 < 0.6 * p.size):
                c.append(p)
                break
        else:
            cells.append([p])
    return [_Box(c) for c in cells]


def _value(cell: Cell | None) -> tuple[str, str]:
    """A figure without its footnote marks ("75*" is 75, the mark a note), as `Cell.value_text`."""
    if cell is None:
        return "", ""
    text, marks = cell.value_text()
    m = re.fullmatch(r"(.*\d%?)\s*(\*+)", " ".join(p.text for p in cell.pieces if not p.superscript))
    return text, " ".join(x for x in (marks, m.group(2) if m else "") if x)


def _labels(rows: list[_Box], pieces: list[Piece]) -> list[_Box | None]:
    """Each row's label: a block of lines in the label column (the text column nearest the
    periods, past the last empty gutter) holding the row's centre, else the nearest block starting
    above it, else the nearest below.  Lines set close are one block unless each holds the centre
    of a row of its own (a table whose rows are one line each)."""
    if not pieces:
        return [None] * len(rows)
    left = _label_column_left(pieces)
    lines = [_Box(line) for line in printed_lines([p for p in pieces if p.bbox[0] >= left - 0.5])]
    blocks: list[_Box] = []
    held: list[int | None] = []                     # the row whose centre each block holds

    def holds(box: _Box) -> int | None:
        return next((i for i, r in enumerate(rows) if box.distance(r.yc) == 0), None)

    for line in lines:
        row = holds(line)
        if blocks and line.y0 - blocks[-1].y1 < 0.45 * line.pieces[0].size + 0.5 and \
                (row is None or held[-1] in (None, row)):
            blocks[-1].pieces.extend(line.pieces)
            held[-1] = held[-1] if row is None else row
        else:
            blocks.append(_Box(list(line.pieces)))
            held.append(row)
    mine: list[list[_Box]] = [[] for _ in rows]
    for b in blocks:
        mine[min(range(len(rows)), key=lambda i: b.distance(rows[i].yc))].append(b)
    out: list[_Box | None] = []
    for row, candidates in zip(rows, mine):
        holding = [b for b in candidates if b.distance(row.yc) == 0]
        above = [b for b in candidates if b.y0 < row.yc]
        out.append(holding[0] if holding else max(above, key=lambda b: b.y1) if above else
                   min(candidates, key=lambda b: b.y0, default=None))
    return out


def _label_column_left(pieces: list[Piece]) -> float:
    """Where the label column starts: the right end of the last empty gutter in the text left of
    the periods (a centred theme column or a left-aligned impact column stands beyond it)."""
    spans = sorted((p.bbox[0], p.bbox[2]) for p in pieces)
    left, reach = spans[0][0], spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= GUTTER:
            left = x0
        reach = max(reach, x1)
    return left


def _label_text(block: _Box) -> str:
    """The label's lines joined, a word hyphenated over two lines made whole, bullets dropped."""
    out = ""
    for line in printed_lines(block.pieces):
        text = re.sub(r"[\x00-\x1f•●▪■]", "", glue(line)).strip()
        out = out[:-1] + text if re.search(r"[A-Za-z]-$", out) and text[:1].islower() else f"{out} {text}".strip()
    return out
