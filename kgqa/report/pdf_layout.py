"""Where the text of a PDF page stands: pieces of text with their boxes, and tables found from them.

A table is found from positions, not ruling lines (most report tables have none): a row of period
headers ("2021", "FY2021", "FY21", "2021/22", "FY20 / CY20", "2020 restated") heads the rows below
it whose figures stand under its columns.  Rows with a label and no figures head the rows after
them; indented labels are sub-rows ("– Upstream"); a label wrapped onto two lines is one label;
superscript footnote marks are dropped from figures.  A header whose periods are in words ("2019
Results", "Target 2030") heads a table read by `pdf_tall` (rows taller than a line, labels beside
their figures' centre).
"""
from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field

from .pdf_tall import find_tall_tables
from .pdf_pieces import FOOTNOTE_MARK, VALUE_CELL, Cell, Piece, Pieces, Table, glue, printed_lines  # noqa: F401  (glue: re-exported)

PERIOD_CELL = re.compile(
    r"^(?:(?:FY|CY|H[12]\s?)\s?'?\d{2}(?:\d{2})?|(?:19|20)\d{2}(?:\s?[/–-]\s?\d{2,4})?)"
    r"(?:\s*(?:/|–)\s*(?:FY|CY)\s?\d{2,4})?(?:\s*\(?restated\)?|\s*\[[A-Z]\]|\s*[A-Z]{1,2}\b)?$", re.I)
UNIT_HEADER = re.compile(r"^(?:units?|unit of measure(?:ment)?|uom)$", re.I)
SYMBOL_FONT = re.compile(r"dingbat|wingding|symbol|webding", re.I)   # check marks and bullets set as letters


def text_pieces(page) -> list[Piece]:
    out = []
    d = page.get_text("dict", flags=0)       # no images, no ligature/whitespace games
    for bi, b in enumerate(d.get("blocks", [])):
        if b.get("type") != 0:
            continue
        for li, ln in enumerate(b.get("lines", [])):
            if ln.get("dir", (1, 0))[0] < 0.9:  # rotated text: margins, chart axes
                continue
            spans = [s for s in ln.get("spans", []) if s.get("text", "").strip()
                     and not SYMBOL_FONT.search(s.get("font", ""))]
            line_text = " ".join(s["text"].strip() for s in spans)
            top = max((s.get("size", 0.0) for s in spans), default=0.0)
            pieces: list[Piece] = []
            after_sub = False
            last_raw = ""
            for s in spans:
                flags = s.get("flags", 0)
                font = s.get("font", "").lower()
                bold = bool(flags & 16) or "bold" in font or "black" in font or "heavy" in font
                text = s["text"].strip()
                spaced = s["text"][:1].isspace() or last_raw[-1:].isspace()
                last_raw = s["text"]
                prev = pieces[-1] if pieces else None
                small = s.get("size", 0.0) < top * 0.8
                touching = prev is not None and s["bbox"][0] - prev.bbox[2] < 1.5
                if touching and ((small and re.fullmatch(r"[\d\-+]{1,2}|e", text)) or
                                 (after_sub and re.match(r"^(?:[)\],.;:]|-?e\b)", text))):
                    # a subscript of a formula (the 2 of CO2), and what closes it ("CO2e", "(CH4)")
                    prev.text += text
                    prev.bbox = (prev.bbox[0], prev.bbox[1], s["bbox"][2], prev.bbox[3])
                    after_sub = small
                    continue
                after_sub = False
                pieces.append(Piece(text, tuple(s["bbox"]), s.get("size", 0.0), bold,
                                    bool(flags & 1), bi, li, line_text, ln["bbox"][0], spaced))
            out.extend(pieces)
    return out


@dataclass
class _Row(Pieces):
    cells: list[Cell] = field(default_factory=list)

    @property
    def size(self) -> float:
        return statistics.median(p.size for p in self.pieces)


def _rows(pieces: list[Piece]) -> list[_Row]:
    rows = [_Row(line) for line in printed_lines(pieces)]
    for r in rows:
        cells: list[Cell] = []
        for p in r.pieces:
            if cells and p.bbox[0] - cells[-1].x1 < max(1.5, 0.4 * p.size) and p.block == cells[-1].pieces[-1].block:
                cells[-1].pieces.append(p)
            elif cells and p.superscript and p.bbox[0] - cells[-1].x1 < 2.0:
                cells[-1].pieces.append(p)
            else:
                cells.append(Cell([p]))
        r.cells = cells
    return rows


def _is_header(row: _Row) -> bool:
    periods = [c for c in row.cells if PERIOD_CELL.match(c.text.strip())]
    return len(periods) >= 2 and len(periods) >= len(row.cells) * 0.4


def find_tables(pieces: list[Piece], page_width: float) -> list[Table]:
    rows = _rows(pieces)
    tables: list[Table] = []
    used: set[int] = set()
    i = 0
    while i < len(rows):
        if i in used or not _is_header(rows[i]):
            i += 1
            continue
        t, consumed = _table_from(rows, i)
        if t is not None:
            tables.append(t)
            used.update(consumed)
            i = max(consumed) + 1
        else:
            i += 1
    taken = {id(p) for t in tables for p in t.pieces}
    return tables + find_tall_tables([p for p in pieces if id(p) not in taken])


def _table_from(rows: list[_Row], h: int) -> tuple[Table | None, list[int]]:
    header = rows[h]
    period_cells = [c for c in header.cells if PERIOD_CELL.match(c.text.strip())]
    first = min(c.x0 for c in period_cells)
    unit_header = [c for c in header.cells if UNIT_HEADER.match(c.text.strip()) and c.x1 <= first - 2]
    if unit_header and len(header.cells) > len(unit_header) + len(period_cells) - 1:
        first = unit_header[0].x0            # a "Unit" column stands left of the years
    elif unit_header:
        first = unit_header[0].x0
    cols = [c for c in header.cells if c.x1 > first - 2]
    periodic = [k for k, c in enumerate(cols) if PERIOD_CELL.match(c.text.strip())]
    header_label = " ".join(c.text for c in header.cells if c.x1 <= first - 2)
    spans = [(c.x0, c.x1) for c in cols]
    centers = [(a + b) / 2 for a, b in spans]
    pitch = min((b - a for a, b in zip(centers, centers[1:])), default=60.0)
    left_edge = first - max(8.0, pitch * 0.45)

    def column_of(cell: Cell) -> int | None:
        xc = (cell.x0 + cell.x1) / 2
        best = min(range(len(cols)), key=lambda k: abs(centers[k] - xc))
        a, b = spans[best]
        if (cell.x0 <= b + pitch * 0.35 and cell.x1 >= a - pitch * 0.35) or abs(centers[best] - xc) < pitch * 0.5:
            return best
        return None

    body: list[tuple[int, str, float, list[Cell | None], bool]] = []   # (row, label, label x0, cells, bold)
    consumed = [h]
    last_y = header.y1
    label_only_run = 0
    for j in range(h + 1, len(rows)):
        r = rows[j]
        gap = r.y0 - last_y
        if gap > max(3.2 * r.size, 26):
            break
        if _is_header(r):
            break
        label_cells = [c for c in r.cells if c.x0 < left_edge]
        value_cells = [c for c in r.cells if c.x0 >= left_edge]
        if any(c.x1 > spans[0][1] + 2 for c in label_cells):
            break                                 # text running across the columns: prose, not a row
        placed: list[Cell | None] = [None] * len(cols)
        ok = True
        for c in value_cells:
            k = column_of(c)
            if k is None or placed[k] is not None:
                ok = False
                break
            placed[k] = c
        if not ok:
            break
        label = " ".join(c.text for c in label_cells)
        if value_cells and not any(VALUE_CELL.match(c.value_text()[0].strip()) for c in value_cells):
            if len(value_cells) >= 2:
                break                             # words under the columns: another table's header or prose
        if not value_cells:
            label_only_run += 1
            if label_only_run > 3 or len(label.split()) > 20:
                break
        else:
            label_only_run = 0
        bold = bool(label_cells) and all(p.bold for c in label_cells for p in c.pieces)
        x0 = min((c.pieces[0].line_x0 or c.x0 for c in label_cells), default=first)
        body.append((j, label, x0, placed, bold))
        consumed.append(j)
        last_y = r.y1
    while body and not any(body[-1][3]):
        body.pop()
        consumed.pop()
    data_rows = [b for b in body if any(b[3])]
    if len(data_rows) < 2:
        return None, []
    # labels wrapped over two rows; figures set between the two lines of their label; a unit
    # wrapped over two lines ("Number per 100" / "million hours") above the row it belongs to
    merged: list[list] = []
    notes: list[str] = []
    for j, label, x0, placed, bold in body:
        texts = []
        for c in placed:
            text, marks = c.value_text() if c is not None else ("", "")
            texts.append(text)
            if marks:
                notes.append(f"{label}: {marks}")
        prev = merged[-1] if merged else None
        close = prev is not None and rows[j].y0 - rows[prev[0]].y1 < rows[j].size * 0.8
        if close and not any(texts) and any(prev[3]) and label[:1].islower():
            prev[1] = f"{prev[1]} {label}".strip()
            continue
        if close and any(texts) and not any(prev[3]) and not prev[4] and (
                not label or label[:1].islower() or FOOTNOTE_MARK.fullmatch(label)):
            prev[1], prev[3], prev[0] = f"{prev[1]} {label}".strip(), texts, j
            continue
        if close and not prev[1] and any(prev[3]) and not any(prev[3][k] for k in periodic) and \
                any(texts[k] for k in periodic):
            texts = [f"{a} {b}".strip() for a, b in zip(prev[3], texts)]
            merged[-1] = [j, label, x0, texts, bold]
            continue
        merged.append([j, label, x0, texts, bold])
    base_x = min((m[2] for m in merged if m[1]), default=first)
    out_rows: list[tuple[str, list[str]]] = []
    for j, label, x0, texts, bold in merged:
        if label and x0 - base_x > 5 and not label.startswith(("–", "-", "—")) and any(texts):
            label = f"– {label}"
        out_rows.append((label, texts))
    title, tpieces = _title(rows, h)
    if header_label and not title:
        title = header_label
    all_pieces = [p for k in consumed for p in rows[k].pieces] + tpieces
    bbox = (min(p.bbox[0] for p in all_pieces), min(p.bbox[1] for p in all_pieces),
            max(p.bbox[2] for p in all_pieces), max(p.bbox[3] for p in all_pieces))
    return Table(title, [c.text for c in cols], out_rows, all_pieces, bbox, notes), consumed


TABLE_CAPTION = re.compile(r"^(?:table|exhibit)\s*[\dA-Z]+\b", re.I)


def _title(rows: list[_Row], h: int) -> tuple[str | None, list[Piece]]:
    """The table's title: the closest short line above its header, preferring a "Table 2: …"
    caption or a bold line among the three lines above ("Year ended 30 June" is not a title)."""
    header = rows[h]
    found: list[_Row] = []
    bottom = header.y0
    for k in range(h - 1, max(-1, h - 4), -1):
        r = rows[k]
        text = " ".join(c.text for c in r.cells)
        if bottom - r.y1 > max(2.8 * header.size, 20) or len(r.cells) > 1 or len(text.split()) > 16 \
                or text.rstrip().endswith(".") or PERIOD_CELL.match(text):
            break
        found.append(r)
        bottom = r.y0
    if not found:
        return None, []
    best = next((r for r in found if TABLE_CAPTION.match(r.cells[0].text)), None) or \
        next((r for r in found if all(p.bold for p in r.pieces)), None) or found[0]
    used = found[:found.index(best) + 1]
    return best.cells[0].text, [p for r in used for p in r.pieces]


def image_regions(page, pieces: list[Piece]) -> tuple[int, list[Table]]:
    """Large images with no text over them that hold a table: counted, and read with OCR when
    Tesseract is installed (their tables are returned, marked as read from an image)."""
    area = page.rect.width * page.rect.height
    count = 0
    tables: list[Table] = []
    try:
        infos = page.get_image_info()
    except Exception:
        return 0
    for info in infos:
        x0, y0, x1, y1 = info["bbox"]
        w, h = x1 - x0, y1 - y0
        if w * h < area * 0.08 or w < page.rect.width * 0.4:
            continue
        over = sum(len(p.text) for p in pieces if x0 <= p.xc <= x1 and y0 <= p.yc <= y1)
        if over > 40 or not _looks_tabular(page, (x0, y0, x1, y1)):
            continue
        if ocr_available():
            found = find_tables(ocr_pieces(page, (x0, y0, x1, y1)), page.rect.width)
            if found:
                count += 1
                tables.extend(found)
        elif _caption_names_table(page, (x0, y0, x1, y1)):
            count += 1
    return count, tables


_OCR: bool | None = None


def ocr_available() -> bool:
    """Tesseract (Debian's tesseract-ocr) and pytesseract are both installed."""
    global _OCR
    if _OCR is None:
        try:
            import pytesseract
            pytesseract.get_tesseract_version()
            _OCR = True
        except Exception:
            _OCR = False
    return _OCR


OCR_DPI = 200


def ocr_pieces(page, bbox) -> list[Piece]:
    """Words read by Tesseract from a region of the page, as pieces in page coordinates."""
    import pymupdf
    import pytesseract
    from PIL import Image

    pix = page.get_pixmap(clip=pymupdf.Rect(bbox), dpi=OCR_DPI, colorspace=pymupdf.csGRAY)
    img = Image.frombytes("L", (pix.width, pix.height), pix.samples)
    data = pytesseract.image_to_data(img, output_type=pytesseract.Output.DICT, config="--psm 6")
    k = 72.0 / OCR_DPI
    out = []
    for n, word in enumerate(data["text"]):
        word = (word or "").strip()
        if not word or float(data["conf"][n]) < 30:
            continue
        x = bbox[0] + data["left"][n] * k
        y = bbox[1] + data["top"][n] * k
        w, h = data["width"][n] * k, data["height"][n] * k
        line = (data["block_num"][n], data["par_num"][n], data["line_num"][n])
        out.append(Piece(word, (x, y, x + w, y + h), max(h * 1.25, 6.0), False, False,
                         hash(line) & 0xFFFF, data["line_num"][n], word, x))
    # words of one line closer than a wide gap are one piece (a label, a figure with its unit)
    merged: list[Piece] = []
    for p in sorted(out, key=lambda p: (p.block, p.line, p.bbox[0])):
        last = merged[-1] if merged else None
        if last and last.block == p.block and last.line == p.line and p.bbox[0] - last.bbox[2] < p.size * 0.6:
            merged[-1] = Piece(f"{last.text} {p.text}", (last.bbox[0], min(last.bbox[1], p.bbox[1]), p.bbox[2],
                               max(last.bbox[3], p.bbox[3])), last.size, False, False, last.block, last.line,
                               last.line_text, last.line_x0)
        else:
            merged.append(p)
    return merged


def _caption_names_table(page, bbox) -> bool:
    import pymupdf
    x0, y0, x1, y1 = bbox
    around = page.get_textbox(pymupdf.Rect(x0, max(0, y0 - 40), x1, y0)) + " " + \
        page.get_textbox(pymupdf.Rect(x0, y1, x1, y1 + 30))
    return bool(re.search(r"\btables?\b", around, re.I))


def _looks_tabular(page, bbox) -> bool:
    """A table set as an image is mostly white page with dark text; a photo is not."""
    import pymupdf
    try:
        pix = page.get_pixmap(clip=pymupdf.Rect(bbox), dpi=40, colorspace=pymupdf.csGRAY)
    except Exception:
        return False
    # a table image is mostly white with dark text: few distinct grey levels, many light pixels
    samples = pix.samples
    light = sum(1 for b in samples if b > 220)
    return light > len(samples) * 0.75
