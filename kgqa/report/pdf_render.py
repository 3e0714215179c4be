"""A cited passage shown on its page: the page region it came from, rendered to PNG with the cited
figure highlighted.  Rendering uses the original PDF kept in the knowledge base; nothing in the
PDF is executed or fetched (PyMuPDF renders page content only: no JavaScript, no links followed)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

MARGIN = 24.0          # points of page shown around the passage
DPI = 110
HIGHLIGHT = (1.0, 0.85, 0.0)


def render_region(pdf: Path, page_index: int, boxes: list[list[float]], highlights: tuple[str, ...] = (),
                  dpi: int = DPI) -> bytes:
    """PNG of the union of `boxes` ([page_index, x0, y0, x1, y1]) on one page, with every
    occurrence of each highlight string inside it marked."""
    return _render(str(pdf), Path(pdf).stat().st_mtime_ns, page_index,
                   tuple(tuple(b) for b in boxes), tuple(highlights), dpi)


@lru_cache(maxsize=256)
def _render(pdf: str, _mtime: int, page_index: int, boxes: tuple, highlights: tuple, dpi: int) -> bytes:
    import pymupdf

    with pymupdf.open(pdf) as doc:
        if not 0 <= page_index < doc.page_count:
            raise ValueError(f"{pdf} has no page {page_index + 1}")
        page = doc[page_index]
        mine = [pymupdf.Rect(b[1:]) for b in boxes if int(b[0]) == page_index] or [page.rect]
        clip = mine[0]
        for r in mine[1:]:
            clip |= r
        clip = (clip + (-MARGIN, -MARGIN, MARGIN, MARGIN)) & page.rect
        for text in highlights:
            if not text.strip():
                continue
            for hit in page.search_for(text, clip=clip):
                annot = page.add_highlight_annot(hit)
                annot.set_colors(stroke=HIGHLIGHT)
                annot.update()
        pix = page.get_pixmap(clip=clip, dpi=dpi, annots=True)
        return pix.tobytes("png")
