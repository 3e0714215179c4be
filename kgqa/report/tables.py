"""Tables in either style: tab-separated rows or markdown pipe rows."""
from __future__ import annotations

import re

from .model import Table, TableRow
from .text import clean_inline, norm_key

YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
PIPE_SEPARATOR = re.compile(r"^\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
UNIT_HEADERS = {"unit", "units", "unit of measurement", "measurement unit"}


def is_table_line(line: str) -> bool:
    s = line.strip()
    return ("\t" in line and bool(s)) or (s.startswith("|") and s.count("|") >= 2)


def split_cells(line: str) -> list[str] | None:
    """Cells of one table line, or None for a pipe separator row."""
    s = line.rstrip("\n")
    if s.strip().startswith("|"):
        if PIPE_SEPARATOR.match(s.strip()):
            return None
        s = s.strip()
        s = s[1:] if s.startswith("|") else s
        s = s[:-1] if s.endswith("|") else s
        cells = s.split("|")
    else:
        cells = s.split("\t")
    cells = [clean_inline(re.sub(r"<br\s*/?>", " ", c)) for c in cells]
    while cells and not cells[-1]:
        cells.pop()
    return cells


# fiscal and short forms: "FY22", "FY 2022", "CY20", "FY2021/22", "2021/22" (the year it ends in)
SHORT_YEAR = re.compile(r"(?<![A-Za-z0-9])(?:FY|CY)\s?'?(\d{2}|\d{4})(?!\d)", re.I)
SPLIT_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})\s?[/–-]\s?(\d{2})(?!\d)")


def cell_year(cell: str) -> int | None:
    """The year a column header stands for: "2021", "FY2021", "FY21", "2021/22" (-> 2022), "CY20"."""
    m = SHORT_YEAR.search(cell)
    if m:
        y = int(m.group(1))
        return y if y > 100 else 2000 + y
    m = SPLIT_YEAR.search(cell)
    if m:
        return int(m.group(1)[:2] + m.group(2)) if int(m.group(2)) == (int(m.group(1)) + 1) % 100 else int(m.group(1))
    m = YEAR.search(cell)
    return int(m.group(1)) if m else None


# a target's column: "Index" beside yearly achievements, "Target", "Goal", "Objectives 2030", "FY30 target"
TARGET_HEADER = re.compile(r"^(?:index|target value|objective value)\b|\b(?:targets?|goals?|objectives?|ambitions?)\b",
                           re.I)


def header_years(cells: list[str]) -> dict[int, int]:
    """The columns of reported years; a target's column ("Objectives 2030") is not one of them."""
    years = {}
    for i, c in enumerate(cells):
        y = cell_year(c)
        # a year column header is short ("2024", "2022 Achievement", "2019 [A]", "FY20 / CY20")
        if y and i > 0 and len(c) <= 24 and not TARGET_HEADER.search(c):
            years[i] = y
    return years if len(years) >= 2 or (len(years) == 1 and len(cells) <= 4) else {}


# a figure or range closing a label cell, after a word or a footnote mark: "Iron ore processing(6) 205.6-322.6"
LABEL_FIGURE = re.compile(r"^(?P<label>.*?[^\W\d_)\]])\s*(?:\(\d{1,2}\)|\[[A-Z0-9]{1,2}\])?\s+"
                          r"(?P<figure>\d[\d,]*(?:\.\d+)?(?:\s?[-–]\s?\d[\d,]*(?:\.\d+)?)?)$")
FIGURE_SHAPE = re.compile(r"\d[\d,]*(\.\d+)?")


def _shape(cell: str) -> tuple[int, tuple[int, ...]]:
    """How a figure is printed: how many numbers (a range has two) and each one's decimals."""
    nums = FIGURE_SHAPE.findall(cell)
    return len(nums), tuple(len(d) for d in nums)


def figure_out_of_label(cells: list[str], years: dict[int, int]) -> list[str]:
    """A row whose label swallowed the figure of the first year column ("Iron ore processing(6) 205.6-322.6"
    beside an empty cell): the figure back in its column, when it is printed like another figure of the
    row and cannot be part of a name ("Scope 1", "Tier 2": a whole number straight after a word is)."""
    first = min(years, default=0)
    if first != 1 or len(cells) <= first or cells[first].strip() or not cells[0]:
        return cells
    m = LABEL_FIGURE.match(cells[0].strip())
    if not m:
        return cells
    figure = m.group("figure")
    marked = bool(re.search(r"[(\[]", m.group(0)[m.end("label"):m.start("figure")]))   # a footnote mark before it
    shape = _shape(figure)
    if not (marked or shape[0] == 2 or any(shape[1]) or "," in figure) \
            or not any(_shape(cells[i]) == shape for i in years if i != first and i < len(cells)):
        return cells
    return [cells[0].strip()[: m.start("figure")].rstrip(), figure] + cells[first + 1:]


def parse_table(lines: list[tuple[int, str]], title: str | None, style: str) -> Table:
    rows: list[TableRow] = []
    for lineno, raw in lines:
        cells = split_cells(raw)
        if cells is None:
            continue
        rows.append(TableRow(cells, lineno, raw))
    header_idx = 0
    years: dict[int, int] = {}
    for i, row in enumerate(rows[:4]):
        y = header_years(row.cells)
        if y:
            header_idx, years = i, y
            break
    pre = rows[:header_idx]
    header_row = rows[header_idx] if rows else TableRow([], 0, "")
    if pre:
        title = " ".join(c for r in pre for c in r.cells if c) or title
    unit_col = next((i for i, c in enumerate(header_row.cells) if norm_key(c) in UNIT_HEADERS), None)
    header_lines = [r.raw for r in pre] + [header_row.raw]
    body = [TableRow(figure_out_of_label(r.cells, years), r.line, r.raw) for r in rows[header_idx + 1:]]
    return Table(title=title, header=header_row.cells, header_lines=header_lines,
                 rows=body, years=years, unit_col=unit_col, style=style,
                 header_line=header_row.line or None)
