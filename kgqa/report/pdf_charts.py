"""Bar charts that print their values: a table of category -> value.

    Water withdrawn (megalitres)
    12.0
    ▇▇▇     10.5
    ▇▇▇     ▇▇▇     9.8      8.1      7.7
    2019    2020    2021     2022     2023

Read as text, such a chart is a title followed by numbers without meaning, so the reader drops it
as chart text, and with it the only place the report gives the figures. The categories stand on one
line (years or short words, three or more); each value stands above its category, centred on it,
with nothing but the bar between. A chart whose categories hold several numbers each (stacked
bars, several series) is left alone: which number belongs to which series is not in the text.
"""
from __future__ import annotations

import re

from .pdf_pieces import Piece, Table, printed_lines

MIN_BARS = 3
SHORT = 24                  # characters: a category label is short
REACH = 40                  # font sizes: how far above its category a value may stand
CATEGORY = re.compile(r"^(?:(?:FY|CY)\s?\d{2,4}|'\d{2}|(?:19|20)\d{2}(?:[/-]\d{2,4})?|.*[A-Za-z]{2,}.*)$")
VALUE = re.compile(r"^[-+−]?[$€£¥]?\s?\d[\d,.]*\s?(?:%|[A-Za-z]{1,3})?$")


def find_bar_charts(pieces: list[Piece]) -> list[Table]:
    rows = [r for line in printed_lines(pieces) for r in _category_runs(line)]
    in_rows = {id(p) for r in rows for p in r}
    tables = []
    for run in rows:
        values = [_value_above(c, pieces, in_rows) for c in run]
        if any(v is False for v in values):
            continue                    # stacked bars or several series: not one value per category
        found = [(c, v) for c, v in zip(run, values) if v is not None]
        if len(found) < max(MIN_BARS, 0.75 * len(run)):
            continue
        if any(v.size > 1.3 * c.size for c, v in found):
            continue                    # a large figure over its caption is a call-out, not a bar's label
        title = _title(run, [v for _, v in found], pieces, in_rows)
        if not title:
            continue                    # no words say what the bars measure
        used = list(run) + [v for _, v in found] + title
        header = [c.text.strip() for c, _ in found]
        label = " ".join(p.text.strip() for p in title)
        x0, y0 = min(p.bbox[0] for p in used), min(p.bbox[1] for p in used)
        x1, y1 = max(p.bbox[2] for p in used), max(p.bbox[3] for p in used)
        tables.append(Table(label, header, [(label, [v.text.strip() for _, v in found])], used, (x0, y0, x1, y1)))
    return tables


def _category_runs(line: list[Piece]) -> list[list[Piece]]:
    """Three or more short labels side by side on one printed line, apart from each other."""
    runs, cur = [], []
    for p in line:
        text = p.text.strip()
        short = 0 < len(text) <= SHORT and len(text.split()) <= 3 and CATEGORY.match(text) \
            and not text.endswith((".", ",", ";", ":"))
        if short and (not cur or p.bbox[0] - cur[-1].bbox[2] > p.size):
            cur.append(p)
            continue
        if len(cur) >= MIN_BARS:
            runs.append(cur)
        cur = [p] if short else []
    if len(cur) >= MIN_BARS:
        runs.append(cur)
    return runs


def _value_above(cat: Piece, pieces: list[Piece], in_rows: set[int]) -> Piece | None | bool:
    """The one number centred above a category, below anything else printed above it; False when
    there are several (stacked bars, several series)."""
    tol = max(cat.size, (cat.bbox[2] - cat.bbox[0]) / 2)
    def over(p: Piece) -> bool:
        return p.bbox[0] - 1 <= cat.xc <= p.bbox[2] + 1 or abs(p.xc - cat.xc) <= tol
    above = sorted((p for p in pieces if p.bbox[3] <= cat.bbox[1] + 1 and cat.bbox[1] - p.bbox[3] < REACH * cat.size
                    and over(p)), key=lambda p: -p.bbox[3])
    found = []
    for p in above:
        if id(p) in in_rows or not VALUE.match(p.text.strip()):
            break                       # the chart's title, another chart's axis, prose: the chart ends
        found.append(p)
    if len(found) > 1:
        return False
    return found[0] if found and abs(found[0].xc - cat.xc) <= tol else None


def _title(run: list[Piece], values: list[Piece], pieces: list[Piece], in_rows: set[int]) -> list[Piece]:
    """The line or two with words just above the chart's highest value, over the chart."""
    x0, x1 = run[0].bbox[0], run[-1].bbox[2]
    top = min(v.bbox[1] for v in values)
    size = run[0].size
    title: list[Piece] = []
    for line in reversed(printed_lines([p for p in pieces if p.bbox[3] <= top + 1 and p.bbox[0] < x1
                                         and p.bbox[2] > x0 and any(ch.isalpha() for ch in p.text)])):
        edge = title[0].bbox[1] if title else top
        if edge - max(p.bbox[3] for p in line) > 2.5 * size or len({p.yc for p in title}) >= 2 \
                or any(id(p) in in_rows for p in line):
            break
        title = line + title
    return title
