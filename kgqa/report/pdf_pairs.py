"""Label/value tables: a column of bold labels and, to their right, a column of values.

    Population in 2050          Based on UN forecast
                                9.8 billion
    Uptake of EVs in light duty 75% of sales in 2050
    vehicle segment

Such a table has no period header, so `find_tables` does not see it, and read line by line its
labels and values interleave ("Uptake of EVs in light duty / 75% of sales in 2050 / vehicle
segment").  Each entry starts with a bold label and a plain value on one line, the value a short
line starting a text block of its own or sharing its label's (beside a column of prose a label
meets a long line, often in the middle of a paragraph); the lines below them, down to the next
entry, continue them.  At least three entries, their labels starting at one
x and their values at another, make a table of rows "label <tab> value".
"""
from __future__ import annotations

from .pdf_layout import Piece, Table

MIN_ENTRIES = 3
ALIGN = 3.0                  # points: the labels start at one x, the values at another
WIDE = 30                    # font sizes: a line this wide is prose, not a cell
GAP = 20                     # font sizes: a value further right of its label is the next column's text


def find_label_value_tables(pieces: list[Piece]) -> list[Table]:
    starts = []                  # (label piece, value piece) printed on one line
    for lab in pieces:
        if not lab.bold or not any(ch.isalpha() for ch in lab.text):
            continue
        val = min((v for v in pieces if not v.bold and abs(v.bbox[1] - lab.bbox[1]) < 2.0
                   and lab.bbox[2] + 4 < v.bbox[0] < lab.bbox[0] + GAP * lab.size), key=lambda v: v.bbox[0], default=None)
        if val is not None and ((val.line > 0 and val.block != lab.block) or val.bbox[2] - val.bbox[0] > WIDE * val.size):
            continue                # a line of a paragraph beside the label, not a cell
        two_columns = val is not None and not any(
            abs(p.bbox[1] - lab.bbox[1]) < 2.0 and p.bbox[0] > val.bbox[2] + 4 for p in pieces)
        if two_columns:
            starts.append((lab, val))
    groups: dict[tuple[int, int], list[tuple[Piece, Piece]]] = {}
    for lab, val in starts:
        groups.setdefault((round(lab.bbox[0] / ALIGN), round(val.bbox[0] / ALIGN)), []).append((lab, val))
    tables = []
    for entries in groups.values():
        entries.sort(key=lambda e: e[0].bbox[1])
        run = [entries[0]]
        for e in entries[1:]:           # entries stand close under one another
            if e[1].block == run[-1][1].block:
                continue                # the second line of the entry above, label and value wrapped
            if e[0].bbox[1] - run[-1][0].bbox[1] < 6 * e[0].size:
                run.append(e)
            else:
                tables += _table(run, pieces)
                run = [e]
        tables += _table(run, pieces)
    return tables


def _table(run: list[tuple[Piece, Piece]], pieces: list[Piece]) -> list[Table]:
    if len(run) < MIN_ENTRIES or len({val.block for _, val in run}) < len(run):
        return []               # values that run on in one text block are a column of prose
    rows, used = [], []
    for k, (lab, val) in enumerate(run):
        bottom = run[k + 1][0].bbox[1] - 1 if k + 1 < len(run) else lab.bbox[1] + 4 * lab.size

        def column(first: Piece, bold: bool) -> list[Piece]:
            return [first] + sorted((p for p in pieces if p is not first and p.bold == bold
                                     and abs(p.bbox[0] - first.bbox[0]) < ALIGN
                                     and first.bbox[1] < p.bbox[1] < bottom), key=lambda p: p.bbox[1])
        label, value = column(lab, True), column(val, False)
        rows.append((" ".join(p.text for p in label), [" ".join(p.text for p in value)]))
        used += label + value
    x0 = min(p.bbox[0] for p in used)
    y0 = min(p.bbox[1] for p in used)
    x1 = max(p.bbox[2] for p in used)
    y1 = max(p.bbox[3] for p in used)
    return [Table(None, [], rows, used, (x0, y0, x1, y1))]
