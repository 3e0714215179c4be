"""Key-figure strips: a row of figures set large, each under its label and over its unit.

    Iron ore          Copper        Natural gas
    248               1,724         360
    million tonnes    kilotonnes    bcf

Read line by line such a strip is a list of labels followed by a list of numbers, and no reader
can tell which figure is whose.  Here it becomes a table: the labels are its header, the figures
its first row and the units, where printed, its second; the graph reads it as it reads a
"Revenue / 1,757,661" highlight table.
"""
from __future__ import annotations

import re

from .pdf_layout import Piece, Table

FIGURE = re.compile(r"^[<>~≈]?[+−-]?[$€£¥]?\s?\d[\d,.]*\s?%?\+?$")
MIN_FIGURES = 3
ALIGN = 6.0                   # points: a label and its figure start at the same x


def _wordy(p: Piece) -> bool:
    return any(ch.isalpha() for ch in p.text) and not FIGURE.match(p.text)


def find_key_figures(pieces: list[Piece], body: float) -> list[Table]:
    figures = [p for p in pieces if FIGURE.match(p.text.strip()) and not p.superscript and p.size >= body * 1.3]
    rows: list[list[Piece]] = []
    for f in sorted(figures, key=lambda p: (p.yc, p.bbox[0])):
        if rows and abs(f.yc - rows[-1][0].yc) <= 0.4 * f.size:
            rows[-1].append(f)
        else:
            rows.append([f])
    words = [p for p in pieces if _wordy(p)]
    tables: list[Table] = []
    for row in rows:
        if len(row) < MIN_FIGURES:
            continue
        row.sort(key=lambda p: p.bbox[0])
        labels, units = [], []
        for f in row:
            top = f.bbox[1]
            column = sorted((w for w in words if abs(w.bbox[0] - f.bbox[0]) < ALIGN and w.yc < top + 1),
                            key=lambda w: -w.bbox[3])
            above: list[Piece] = []
            edge = top
            for w in column:                 # the label's lines, nearest first, set close together
                if edge - w.bbox[3] > (0.6 * w.size if above else 1.2 * f.size):
                    break
                above.insert(0, w)
                edge = w.bbox[1]
            below = sorted((w for w in words if abs(w.bbox[0] - f.bbox[0]) < ALIGN and w.bbox[1] >= f.yc
                            and w.bbox[1] - f.bbox[3] < 0.8 * f.size), key=lambda w: w.bbox[1])
            labels.append(above)
            units.append(below[:1])
        if not all(labels) or len({round(f.bbox[0] / ALIGN) for f in row}) < len(row):
            continue
        used = [p for f, la, un in zip(row, labels, units) for p in [f, *la, *un]]
        x0 = min(p.bbox[0] for p in used)
        y0 = min(p.bbox[1] for p in used)
        x1 = max(p.bbox[2] for p in used)
        y1 = max(p.bbox[3] for p in used)
        body_rows = [("", [f.text.strip() for f in row])]
        if any(units):
            body_rows.append(("", [" ".join(p.text for p in un) for un in units]))
        tables.append(Table(None, [" ".join(p.text for p in la) for la in labels], body_rows, used, (x0, y0, x1, y1)))
    return tables
