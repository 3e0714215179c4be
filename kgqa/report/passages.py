"""Blocks -> passages for retrieval and citation.

A passage never crosses a section boundary.  A table is cut into row groups and every
group repeats the table's title and header, so a row never loses its years and unit.
"""
from __future__ import annotations

import re

from .model import Block, Passage
from .text import flatten_cell_html

MAX_CHARS = 900
MAX_TABLE_CHARS = 1400
MAX_TABLE_ROWS = 14
SENTENCE_END = re.compile(r"(?<=[.!?。])\s+(?=[A-Z\"“(])")


def _split_long(text: str, limit: int) -> list[str]:
    if len(text) <= limit * 1.5:
        return [text]
    parts, buf = [], ""
    for sentence in SENTENCE_END.split(text):
        if buf and len(buf) + len(sentence) + 1 > limit:
            parts.append(buf)
            buf = sentence
        else:
            buf = f"{buf} {sentence}".strip()
    if buf:
        parts.append(buf)
    return parts


def _table_passages(b: Block, report: str) -> list[Passage]:
    t = b.table
    assert t is not None
    head = []
    if b.title and (not t.header_lines or b.title not in t.header_lines[0]):
        head.append(b.title)
    head += [flatten_cell_html(h) for h in t.header_lines]
    out: list[Passage] = []
    group: list = []

    def flush():
        if not group:
            return
        start = b.start if not out else group[0].line
        end = group[-1].line if len(out) or group[-1] is not t.rows[-1] else b.end
        text = "\n".join(head + [flatten_cell_html(r.raw) for r in group])
        out.append(Passage(f"{report}:L{start}-{end}", report, text, b.section, b.page, start, end,
                           kind="table", title=t.title or b.title))
        group.clear()

    size = sum(len(h) for h in head)
    for row in t.rows:
        row_len = len(row.raw)
        if group and (len(group) >= MAX_TABLE_ROWS or size + row_len > MAX_TABLE_CHARS):
            flush()
            size = sum(len(h) for h in head)
        group.append(row)
        size += row_len
    flush()
    if not out:  # header-only table
        text = "\n".join(head)
        out.append(Passage(f"{report}:L{b.start}-{b.end}", report, text, b.section, b.page, b.start, b.end,
                           kind="table", title=b.title))
    if b.captions:
        last = out[-1]
        last.text += "\n" + "\n".join(b.captions)
        last.end = b.end
        last.passage_id = f"{report}:L{last.start}-{last.end}"
    return out


def build_passages(blocks: list[Block], report: str) -> list[Passage]:
    passages: list[Passage] = []
    buf: list[Block] = []

    def emit(kind: str, members: list[Block]):
        text = "\n".join(((m.title + "\n") if m.title else "") + flatten_cell_html(m.text) for m in members)
        first = members[0]
        start, end = first.start, members[-1].end
        pieces = _split_long(text, MAX_CHARS) if kind == "text" else [text]
        for piece in pieces:
            passages.append(Passage(f"{report}:L{start}-{end}" + (f"#{len(passages)}" if len(pieces) > 1 else ""),
                                    report, piece, first.section, first.page, start, end, kind=kind,
                                    title=first.title))

    def flush():
        if buf:
            emit("text", list(buf))
            buf.clear()

    for b in blocks:
        if b.kind == "contents":
            continue
        if buf and (b.section != buf[0].section or b.kind not in ("paragraph", "list", "caption")
                    or sum(len(x.text) for x in buf) + len(b.text) > MAX_CHARS):
            # a list stays with the sentence that leads into it ("… goals for 2030 to:")
            lead = [buf.pop()] if (b.kind == "list" and len(buf) > 1 and buf[-1].kind == "paragraph"
                                   and buf[-1].section == b.section and buf[-1].text.rstrip().endswith(":")) else []
            flush()
            buf.extend(lead)
        if b.kind == "table":
            passages.extend(_table_passages(b, report))
        elif b.kind in ("key_performance", "case"):
            emit(b.kind, [b])
        else:
            buf.append(b)
    flush()
    return passages
