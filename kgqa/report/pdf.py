"""PDF reports -> a `Source`: the page's text laid out as the markdown-like lines the parser reads.

The PDF library is PyMuPDF (chosen by measurement: docs/pdf.md, `bench/bench_pdf.py`); this module
and `pdf_layout.py` are the only ones that touch it.  For each page:

- running headers, footers, page numbers and navigation bars are dropped (lines in the page's top
  and bottom bands that repeat across pages, and lines repeated on many pages anywhere);
- tables are read from the positions of the text (`pdf_layout.find_tables`): a row of year
  columns heads the rows whose figures line up under it; each becomes a tab-separated table with
  its title, indented sub-rows marked "– ", superscript footnote marks dropped from figures;
- the remaining text blocks are put in reading order (bands split by full-width blocks, then
  columns left to right), lines are re-flowed into paragraphs (hyphenation undone, a paragraph
  continued on the next column or page joined), bullets become list items (an item ends where the
  page ends it: a line back left of its hanging indent or after a wider gap is not the item's, full
  stop or not), headings come from the PDF outline or from font size and weight, and chart text
  (tick labels, numbers without words) is kept out;
- every emitted line remembers its page index, printed page label and bounding box.

Reports are untrusted: nothing in a PDF is executed or fetched (JavaScript, links, attachments
and embedded files are never read).
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from kgqa.errors import ReportError

from .pdf_figures import find_key_figures
from .pdf_pairs import find_label_value_tables
from .pdf_charts import find_bar_charts
from .pdf_layout import Piece, find_tables, glue, image_regions, ocr_available, text_pieces
from .source import PageRef, Source

MAX_PDF_BYTES = 300 * 1024 * 1024
MIN_LETTERS = 200
BAND = 0.075                  # top and bottom share of the page where running headers/footers stand
BULLET = re.compile(r"^\s*([•●▪■◦‣∙·○►▶➤✓✔]|[-–—](?=\s))\s*")
PAGE_NUMBER = re.compile(r"^\s*(?:page\s+)?(\d{1,3})\s*$|^\s*(\d{1,3})\s*[|/·•]?\s+\D.*$|^.*\D\s+[|/·•]?\s*(\d{1,3})\s*$", re.I)  # "08 I …", "… I 19"
BAND_GAP = 36.0             # points of empty page across every column: a new band of the layout
SENTENCE_END = re.compile(r"[.!?:;)\"”’]\s*$")


@dataclass
class Line:
    """One visual line of prose: its text, where it stands, and how it is set."""
    text: str
    bbox: tuple[float, float, float, float]
    size: float
    bold: bool
    block: int


@dataclass
class Para:
    kind: str                     # heading | paragraph | item | table | label
    text: str
    page: int
    bbox: tuple[float, float, float, float]
    level: int = 0
    size: float = 0.0
    lines: list[str] = field(default_factory=list)   # a table's emitted lines
    indent: float | None = None   # an item's text hanging under its bullet: where its wrapped lines start
    leading: float | None = None  # the gap between the last two of its lines


def read_pdf(path: Path, max_bytes: int = MAX_PDF_BYTES) -> Source:
    """Read a PDF report; raises ReportError saying why a file cannot be used."""
    import pymupdf

    p = Path(path)
    size = p.stat().st_size
    if size > max_bytes:
        raise ReportError(p, f"the PDF is {size / 1e6:.0f} MB, over the {max_bytes / 1e6:.0f} MB limit for one report")
    data = p.read_bytes()
    sha = hashlib.sha256(data).hexdigest()
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # PyMuPDF raises its own types for every kind of damage
        raise ReportError(p, f"not a readable PDF (damaged or truncated: {exc})") from None
    if doc.needs_pass:
        raise ReportError(p, "the PDF is encrypted (password-protected): save an unprotected copy first")
    truncated = b"%%EOF" not in data[-4096:]
    if doc.page_count == 0:
        raise ReportError(p, "not a readable PDF (damaged or truncated: no page could be read)" if truncated
                          else "the PDF has no pages")
    warnings: list[str] = []
    if truncated or getattr(doc, "is_repaired", False):
        warnings.append("the PDF is damaged or truncated and was repaired: pages may be missing")
    pages: list[list[Para]] = []
    page_lines = _page_lines(doc)
    furniture_keys = _furniture(page_lines)
    labels = _page_labels(doc, page_lines)
    outline = _outline(doc)
    body = _body_size(doc)
    image_tables: list[int] = []
    damaged: list[int] = []
    for i in range(doc.page_count):
        try:
            page = doc[i]
            paras, img_tables = _read_page(page, i, furniture_keys, body, outline.get(i, []))
        except Exception:  # one damaged page must not lose the report
            damaged.append(i + 1)
            paras, img_tables = [], 0
        if img_tables:
            image_tables.append(i)
        pages.append(paras)
    letters = sum(sum(ch.isalpha() for ch in para.text) for paras in pages for para in paras)
    if letters < MIN_LETTERS:
        raise ReportError(p, "no text layer on any page: the report is scanned; OCR it first")
    if damaged:
        warnings.append(f"{len(damaged)} page(s) could not be read: {', '.join(map(str, damaged[:10]))}")
    if image_tables:
        where = ", ".join(labels[i] or str(i + 1) for i in image_tables)
        how = ("read with OCR: check their figures against the page" if ocr_available() else
               "their figures are not in the text layer (install tesseract-ocr to read them)")
        warnings.append(f"{len(image_tables)} table(s) on page(s) {where} are images; {how}")
    _join_continued(pages)
    text, line_pages = _emit(pages, labels)
    meta = {k: v for k, v in (doc.metadata or {}).items() if v and k in ("title", "author", "subject", "keywords")}
    return Source(p, "pdf", sha, text, line_pages=line_pages, hints=meta, warnings=warnings,
                  page_count=doc.page_count, image_table_pages=[labels[i] or str(i + 1) for i in image_tables])


# ---- document-wide facts ----------------------------------------------------------------------

def _key(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text.strip().casefold()))


def _in_margin(block, height: float) -> bool:
    """A text block in the page's top or bottom band, where running headers, footers and page numbers stand."""
    return block[1] < height * BAND * 1.6 or block[3] > height * (1 - BAND * 1.6)


def _page_lines(doc) -> list[list[tuple[str, bool]]]:
    """Every page's text lines, each with whether it stands in the margin bands: read once, used by
    the furniture and the page-number passes."""
    out = []
    for page in doc:
        h = page.rect.height
        out.append([(line, _in_margin(b, h)) for b in page.get_text("blocks") if b[6] == 0
                    for line in b[4].splitlines()])
    return out


def _furniture(page_lines: list[list[tuple[str, bool]]]) -> set[str]:
    """Keys of lines that repeat across pages in the top/bottom bands, or anywhere on many pages."""
    band_counts: Counter = Counter()
    any_counts: Counter = Counter()
    n = len(page_lines)
    for lines in page_lines:
        seen_band, seen_any = set(), set()
        for line, in_margin in lines:
            k = _key(line)
            if not k:
                continue
            seen_any.add(k)
            if in_margin:
                seen_band.add(k)
        band_counts.update(seen_band)
        any_counts.update(seen_any)
    keys = {k for k, c in band_counts.items() if c >= max(2, n * 0.2)}
    keys |= {k for k, c in any_counts.items() if c >= max(4, n * 0.3) and len(k.split()) <= 12}
    return {k for k in keys if sum(ch.isalpha() for ch in k) >= 3}   # figures repeat by chance


def _page_labels(doc, page_lines: list[list[tuple[str, bool]]]) -> list[str | None]:
    """The printed page of every page: the PDF's page labels, else the number printed in its margin."""
    labels = [doc[i].get_label() or None for i in range(doc.page_count)]
    if sum(1 for l in labels if l) >= doc.page_count * 0.5:
        return labels
    found: dict[int, int] = {}
    for i, lines in enumerate(page_lines):
        for line, in_margin in lines:
            m = PAGE_NUMBER.match(line.strip()) if in_margin else None
            if m and len(line) < 80:
                num = int(next(g for g in m.groups() if g))
                if 0 < num <= doc.page_count * 2 + 10:
                    found.setdefault(i, num)
    offsets = Counter(num - i for i, num in found.items())
    if not offsets:     # no page number printed anywhere: no page is a cover, each is named by its place
        return [_unnumbered(i, cover=False) for i in range(doc.page_count)]
    offset, votes = offsets.most_common(1)[0]
    if votes < max(2, len(found) * 0.4):
        return [str(found[i]) if i in found else _unnumbered(i) for i in range(doc.page_count)]
    return [str(i + offset) if i + offset > 0 else _unnumbered(i) for i in range(doc.page_count)]


def _unnumbered(index: int, cover: bool = True) -> str:
    """A page printed without a number (the cover, front matter): named by its place in the file,
    never by a number the reader would look for in vain.  The first page is the cover only in a
    report whose other pages are numbered."""
    return "cover" if index == 0 and cover else f"PDF page {index + 1}"


def _outline(doc) -> dict[int, list[tuple[int, str]]]:
    out: dict[int, list[tuple[int, str]]] = {}
    try:
        toc = doc.get_toc(simple=True)
    except Exception:
        return out
    for level, title, page in toc:
        if page and page > 0 and title.strip():
            out.setdefault(page - 1, []).append((level, title.strip()))
    return out


def _body_size(doc) -> float:
    sizes: Counter = Counter()
    for i in range(0, doc.page_count, max(1, doc.page_count // 25)):
        for piece in text_pieces(doc[i]):
            sizes[round(piece.size, 1)] += len(piece.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


# ---- one page -----------------------------------------------------------------------------------

def _read_page(page, index: int, furniture: set[str], body: float,
               outline: list[tuple[int, str]]) -> tuple[list[Para], int]:
    h = page.rect.height
    pieces = [pc for pc in text_pieces(page) if not _is_furniture(pc, h, furniture)]
    tables = find_tables(pieces, page.rect.width)
    in_table = {id(pc) for t in tables for pc in t.pieces}
    # each finder reads what the ones before it left: key figures, label/value tables, bar charts
    for finder in (lambda rest: find_key_figures(rest, body), find_label_value_tables, find_bar_charts):
        tables += finder([pc for pc in pieces if id(pc) not in in_table])
        in_table = {id(pc) for t in tables for pc in t.pieces}
    paras: list[Para] = []
    for t in tables:
        paras.append(Para("table", t.title or "", index, t.bbox, lines=t.lines()))
    lines = _lines([pc for pc in pieces if id(pc) not in in_table])
    paras.extend(_paragraphs(lines, index, body, outline))
    # a bookmark whose title is not printed as such on its page still opens a section there
    printed = {_key(p.text) for p in paras if p.kind == "heading"}
    for n, (level, title) in enumerate(outline):
        if _key(title) not in printed:
            paras.append(Para("heading", title, index, (0.0, -10.0 + n, page.rect.width, -9.0 + n), level=level))
    img, img_tables = image_regions(page, pieces)
    for t in img_tables:
        paras.append(Para("table", t.title or "", index, t.bbox, lines=t.lines()))
    paras = _join_columns(_demote_heading_runs(_reading_order(paras, page.rect.width)))
    return paras, img


def _join_columns(paras: list[Para]) -> list[Para]:
    """A sentence that runs on from the foot of one column to the top of the next is one paragraph
    ("... of which €2 m has already" / "been spent on new depots")."""
    out: list[Para] = []
    for p in paras:
        prev = out[-1] if out else None
        if prev is not None and prev.kind in ("paragraph", "item") and p.kind == "paragraph" \
                and p.text[:1].islower() and _continues(prev.text, p.text) \
                and p.bbox[0] >= prev.bbox[2] - 10 and p.bbox[1] <= prev.bbox[3]:
            prev.text = _join(prev.text, p.text)
            prev.bbox = _union(prev.bbox, p.bbox)
            continue
        out.append(p)
    return out


def _demote_heading_runs(paras: list[Para]) -> list[Para]:
    """Three or more headings of one level in a row with nothing between them, or side by side on
    one line, are the labels of an infographic ("Copper", "Iron ore", "Nickel"; a timeline's years'
    titles), not sections."""
    tops: dict[int, list[Para]] = {}
    for p in paras:
        if p.kind == "heading" and p.bbox[1] >= 0:
            tops.setdefault(round(p.bbox[1] / 3), []).append(p)
    for row in tops.values():
        if len(row) >= 3:
            for p in row:
                p.kind = "label"
    i = 0
    while i < len(paras):
        j = i
        while j < len(paras) and paras[j].kind == "heading" and paras[j].level == paras[i].level:
            j += 1
        if j - i >= 3:
            for p in paras[i:j]:
                p.kind = "label"
        i = max(j, i + 1)
    return paras


def _is_furniture(pc: Piece, h: float, furniture: set[str]) -> bool:
    k = _key(pc.line_text)
    if k in furniture:
        return True
    in_band = pc.bbox[1] < h * BAND or pc.bbox[3] > h * (1 - BAND)
    return in_band and (PAGE_NUMBER.match(pc.line_text.strip()) is not None and len(pc.line_text) < 60)


def _lines(pieces: list[Piece]) -> list[Line]:
    """Pieces of one PyMuPDF line back into a line (a table's cells were taken out before)."""
    by_line: dict[tuple[int, int], list[Piece]] = {}
    for pc in pieces:
        by_line.setdefault((pc.block, pc.line), []).append(pc)
    out = []
    for (block, _), group in by_line.items():
        group.sort(key=lambda pc: pc.bbox[0])
        text = re.sub(r"\s+", " ", glue(group)).strip()     # footnote marks stay where printed: "(10)"
        if not text:
            continue
        x0 = min(pc.bbox[0] for pc in group)
        y0 = min(pc.bbox[1] for pc in group)
        x1 = max(pc.bbox[2] for pc in group)
        y1 = max(pc.bbox[3] for pc in group)
        chars = sum(len(pc.text) for pc in group) or 1
        size = sum(pc.size * len(pc.text) for pc in group) / chars
        bold = sum(len(pc.text) for pc in group if pc.bold) > chars * 0.6
        out.append(Line(text, (x0, y0, x1, y1), size, bold, block))
    return out


def _is_chart_text(text: str) -> bool:
    """Axis ticks, legend numbers, years in a row: text with too few words to be prose."""
    visible = text.replace(" ", "")
    letters = sum(ch.isalpha() for ch in visible)
    return letters < 0.3 * max(1, len(visible)) and len(visible) < 80


def _paragraphs(lines: list[Line], index: int, body: float, outline: list[tuple[int, str]]) -> list[Para]:
    outline_keys = {_key(t): lvl for lvl, t in outline}
    max_outline = max((lvl for lvl, _ in outline), default=0)
    paras: list[Para] = []
    cur: Para | None = None
    prev: Line | None = None
    for ln in sorted(lines, key=lambda l: (l.block, l.bbox[1], l.bbox[0])):
        text = ln.text
        heading_level = _heading_level(ln, body, outline_keys, max_outline)
        bullet = BULLET.match(text)
        new_block = prev is None or ln.block != prev.block
        gap = (ln.bbox[1] - prev.bbox[3]) if prev else 0
        if heading_level:
            if cur is not None and cur.kind == "heading" and prev is not None and cur.level == heading_level \
                    and (abs(prev.size - ln.size) < 0.5 or ln.block == prev.block) \
                    and abs(ln.bbox[0] - cur.bbox[0]) < 20 and -ln.size * 0.5 <= gap < ln.size * 0.7 \
                    and len(cur.text) + len(text) <= 120 and len(f"{cur.text} {text}".split()) <= 16:
                # a heading set on several lines: tight display type overlaps the line above, and
                # its last word may be set larger ("ETHICS, ENVIRONMENT / … / COMMITTEE")
                cur.text += " " + text
                cur.bbox = _union(cur.bbox, ln.bbox)
                cur.level = outline_keys.get(_key(cur.text), cur.level)
            else:
                cur = Para("heading", text, index, ln.bbox, level=heading_level, size=ln.size)
                paras.append(cur)
        elif _is_chart_text(text) and not bullet:
            cur = None
            if _callout(text, ln, body):
                cur = Para("paragraph", f"**{text}**", index, ln.bbox, size=ln.size)
                paras.append(cur)
        elif bullet:
            cur = Para("item", text[bullet.end():], index, ln.bbox, size=ln.size)
            paras.append(cur)
        elif ((cur is not None and cur.kind in ("paragraph", "item") and not new_block
               and gap < ln.size * 0.9 and abs(cur.size - ln.size) < 1.0) or (
                cur is not None and cur.kind in ("paragraph", "item") and new_block and prev is not None
                and _continues(cur.text, text) and abs(cur.size - ln.size) < 1.0 and 0 <= gap < ln.size * 1.2
                and abs(ln.bbox[0] - cur.bbox[0]) < 30)) \
                and not (cur.kind == "item" and _ends_item(cur, ln, gap)):
            if cur.kind == "item" and not cur.text:
                cur.indent = ln.bbox[0]       # the bullet set apart on a line of its own: the text starts here
            else:
                if cur.kind == "item" and cur.indent is None and ln.bbox[0] > cur.bbox[0] + 2:
                    cur.indent = ln.bbox[0]
                cur.leading = gap
            cur.text = _join(cur.text, text)
            cur.bbox = _union(cur.bbox, ln.bbox)
        elif cur is not None and cur.kind == "label" and cur.text.endswith(",") and ln.bold and not new_block \
                and abs(cur.size - ln.size) < 0.5 and gap < ln.size * 0.9 and abs(ln.bbox[0] - cur.bbox[0]) < 2:
            cur.text = _join(cur.text, text)  # a bold lead-in broken after a comma onto a second line
            cur.bbox = _union(cur.bbox, ln.bbox)
            if len(cur.text) >= 90:
                cur.kind = "paragraph"
        else:
            cur = Para("label" if ln.bold and len(text) < 90 else "paragraph", text, index, ln.bbox, size=ln.size)
            paras.append(cur)
        prev = ln
    return _merge_callouts(paras)


def _ends_item(item: Para, ln: Line, gap: float) -> bool:
    """The line after a list item, without a bullet of its own, is not the item's when the page shows
    the item has ended: the item's wrapped lines hang indented under its bullet and this line starts
    back left of them, or a wider gap than between the item's own lines stands above it."""
    if item.indent is not None and ln.bbox[0] < item.indent - 2:
        return True
    return item.leading is not None and gap > item.leading + ln.size * 0.3


def _callout(text: str, ln: Line, body: float) -> bool:
    """A figure set large ("68 Mt", "82,000", ">70") is a call-out, not a chart tick."""
    return ln.size >= body * 1.4 and bool(re.search(r"\d", text)) and len(text) <= 20


def _merge_callouts(paras: list[Para]) -> list[Para]:
    """A call-out figure followed by its caption becomes one line: "**82,000** employees at …"."""
    out: list[Para] = []
    i = 0
    while i < len(paras):
        p = paras[i]
        nxt = paras[i + 1] if i + 1 < len(paras) else None
        if p.text.startswith("**") and p.kind == "paragraph" and nxt and nxt.kind in ("paragraph", "label") \
                and abs(nxt.bbox[1] - p.bbox[3]) < 30 and abs(nxt.bbox[0] - p.bbox[0]) < 60:
            out.append(Para("callout", f"{p.text} {nxt.text}", p.page, _union(p.bbox, nxt.bbox)))
            i += 2
            continue
        if p.text.startswith("**") and p.kind == "paragraph":
            i += 1                              # a lone large number: a chart's figure without its words
            continue
        out.append(p)
        i += 1
    return out


def _heading_level(ln: Line, body: float, outline_keys: dict[str, int], max_outline: int) -> int:
    k = _key(ln.text)
    if k in outline_keys:
        return outline_keys[k]
    if len(ln.text) > 120 or len(ln.text.split()) > 16 or not any(ch.isalpha() for ch in ln.text):
        return 0
    if ln.text.rstrip().endswith((".", ";")) or (ln.text.rstrip().endswith(",") and not ln.text.isupper()):
        return 0                        # a sentence; a title set in capitals may break after a comma
    base = max_outline if outline_keys or max_outline else 0
    if ln.size >= body * 1.8:
        return base + 1
    if ln.size >= body * 1.3:
        return base + 2
    if ln.size >= body * 1.12 and ln.bold:
        return base + 3
    return 0


def _continues(prev_text: str, text: str) -> bool:
    """The sentence runs on: no closing punctuation, and the next line starts in lower case or
    the last word is a lower-case word (mid-sentence)."""
    if SENTENCE_END.search(prev_text):
        return False
    last = prev_text.rsplit(" ", 1)[-1]
    return text[:1].islower() or prev_text.endswith(("-", ",")) or (last.isalpha() and last.islower())


def _join(a: str, b: str) -> str:
    if re.search(r"[A-Za-z]-$", a) and b[:1].islower():
        return a[:-1] + b                     # hyphenation undone
    return f"{a} {b}"


def _union(a, b):
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def _reading_order(paras: list[Para], width: float) -> list[Para]:
    """Bands split by full-width items; within a band, columns left to right, each top to bottom."""
    if not paras:
        return paras
    full = width * 0.55
    items = sorted(paras, key=lambda p: (p.bbox[1], p.bbox[0]))
    bands: list[list[Para]] = [[]]
    for p in items:
        if p.bbox[2] - p.bbox[0] >= full and p.kind != "item":
            bands.append([p])
            bands.append([])
        else:
            bands[-1].append(p)
    bands = [part for band in bands for part in _cut_at_gaps(band)]
    out: list[Para] = []
    for band in bands:
        # columns are drawn by the text; a heading wider than its column (a display title running
        # over a side panel) then joins the column it starts in, without bridging the two
        cols: list[list[Para]] = []
        spans: list[list[float]] = []
        text = sorted((p for p in band if p.kind != "heading"), key=lambda p: p.bbox[0])
        for p in text + sorted((p for p in band if p.kind == "heading"), key=lambda p: p.bbox[0]):
            hits = [c for c, (x0, x1) in enumerate(spans) if p.bbox[0] < x1 - 5 and p.bbox[2] > x0 + 5]
            if not hits:
                cols.append([p])
                spans.append([p.bbox[0], p.bbox[2]])
                continue
            c = min(hits, key=lambda c: abs(spans[c][0] - p.bbox[0]))
            cols[c].append(p)
            if p.kind != "heading":
                spans[c] = [min(spans[c][0], p.bbox[0]), max(spans[c][1], p.bbox[2])]
        for col in sorted(cols, key=lambda c: min(q.bbox[0] for q in c)):
            out.extend(sorted(col, key=lambda p: p.bbox[1]))
    return out


def _cut_at_gaps(band: list[Para]) -> list[list[Para]]:
    """A band cut where a wide empty strip crosses the whole page: two columns of text above a
    timeline or a row of figures are read column by column down to the strip, then what is below
    (else a heading or label of the timeline spanning both columns would merge them into one)."""
    parts: list[list[Para]] = [[]]
    bottom = None
    for p in sorted(band, key=lambda p: p.bbox[1]):
        if bottom is not None and p.bbox[1] - bottom >= BAND_GAP and parts[-1]:
            parts.append([])
        parts[-1].append(p)
        bottom = p.bbox[3] if bottom is None else max(bottom, p.bbox[3])
    return parts


# ---- the whole document -------------------------------------------------------------------------

def _join_continued(pages: list[list[Para]]) -> None:
    """A paragraph that runs on past the end of a page continues the first paragraph of the next."""
    for i in range(len(pages) - 1):
        if not pages[i] or not pages[i + 1]:
            continue
        last = pages[i][-1]
        first = next((p for p in pages[i + 1] if p.kind in ("paragraph", "item", "heading", "label")), None)
        if first is None or first.kind != "paragraph" or last.kind not in ("paragraph", "item"):
            continue
        if _continues(last.text, first.text) and first.text[:1].islower():
            last.text = _join(last.text, first.text)
            pages[i + 1].remove(first)


def _emit(pages: list[list[Para]], labels: list[str | None]) -> tuple[str, list[PageRef | None]]:
    out: list[str] = []
    refs: list[PageRef | None] = [None]           # 1-based

    def put(line: str, ref: PageRef | None):
        out.append(line)
        refs.append(ref)

    for i, paras in enumerate(pages):
        for p in paras:
            ref = PageRef(i, labels[i], tuple(round(v, 1) for v in p.bbox))
            if out and out[-1] != "":
                put("", ref)
            if p.kind == "heading":
                put("#" * min(6, max(1, p.level)) + " " + p.text, ref)
            elif p.kind == "item":
                put("- " + p.text, ref)
            elif p.kind == "table":
                if p.text:
                    put(p.text, ref)
                for line in p.lines:
                    put(line, ref)
            else:
                put(p.text, ref)
    return "\n".join(out) + "\n", refs
