"""Lines -> sections and typed blocks.

Sections come from markdown headings, or, in a plain-text report, from the lines that
match its own contents table.  Short orphan lines are labels: "Key Performance" and
"Case" labels open highlight and case blocks, a label followed by content titles it,
and any other label is a figure caption attached to its neighbour.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .contents import Contents
from .furniture import Furniture
from .model import Block, Section
from .tables import is_table_line, parse_table
from .text import clean_inline, has_letters, norm_key

MD_HEADING = re.compile(r"^\s*(#{1,6})\s+(.*?)\s*#*\s*$")
LIST_ITEM = re.compile(r"^\s*(?:[-*•◆►➤▪●]|\d{1,2}[.)])\s+\S")
# Generic ESG-report conventions, kept as data: labels that open a highlight or a case block.
HIGHLIGHT_LABELS = re.compile(r"^(key (performance|figures|data|achievements?)|highlights?|performance highlights)$", re.I)
CASE_LABELS = re.compile(r"^(case( study)?|case \d+|case study \d+)[:.]?$", re.I)
VALUE_HEADING = re.compile(r"^[\d$€£¥+\-~<>≥≤.,%]")
MAX_LABEL_CHARS = 90
SOFT_WRAP = re.compile(r"[\w,()–-]$")       # a line ending inside a sentence
MAX_LABEL_WORDS = 14


@dataclass
class _Group:
    kind: str            # table | list | text | label
    lines: list[tuple[int, str]] = field(default_factory=list)
    section: tuple[str, ...] = ()
    lead: str | None = None  # the heading right above the group, when nothing stands between

    @property
    def start(self) -> int:
        return self.lines[0][0]

    @property
    def end(self) -> int:
        return self.lines[-1][0]

    def text(self) -> str:
        if self.kind != "text":
            return "\n".join(l for _, l in self.lines)
        # a paragraph hard-wrapped in the file: a line that stops mid-sentence continues on the next
        out = ""
        for _, line in self.lines:
            if out and SOFT_WRAP.search(out) and (line[:1].islower() or line[:1].isdigit()):
                out += " " + line.strip()
            else:
                out += ("\n" if out else "") + line
        return out


def _is_label(text: str) -> bool:
    t = clean_inline(text)
    return (0 < len(t) <= MAX_LABEL_CHARS and len(t.split()) <= MAX_LABEL_WORDS and has_letters(t)
            and not t.endswith((".", ";", ",", ":", "。")) and not t[0].islower())


class _Sections:
    def __init__(self, page_of):
        self.stack: list[tuple[int, str]] = []
        self.sections: list[Section] = []
        self.page_of = page_of

    def push(self, level: int, title: str, line: int, page: int | None):
        while self.stack and self.stack[-1][0] >= level:
            self.stack.pop()
        self.stack.append((level, title))
        self.sections.append(Section(title, level, self.path, line, page if page is not None else self.page_of(line)))

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(t for _, t in self.stack)


def segment(lines: list[str], furniture: Furniture, contents: Contents | None, slug: str):
    """Return (sections, blocks) for the report's lines."""
    n = len(lines)
    skip = set(furniture.lines)
    if contents:
        skip.update(range(contents.start, contents.end + 1))
    heading_counts: dict[str, int] = {}
    md_headings = 0
    for l in lines:
        m = MD_HEADING.match(l)
        if m:
            md_headings += 1
            k = norm_key(m.group(2))
            heading_counts[k] = heading_counts.get(k, 0) + 1
    toc_mode = contents is not None and md_headings < 5
    toc = sorted(contents.entries, key=lambda e: e.page) if toc_mode else []
    toc_keys = [norm_key(e.title) for e in toc]
    toc_cursor = 0

    sec_page: dict[tuple[str, ...], int] = {}

    def page_of(line: int) -> int | None:
        p = furniture.page_of_line[line] if line < len(furniture.page_of_line) else None
        return p

    secs = _Sections(page_of)
    groups: list[_Group] = []
    cur: _Group | None = None
    last_heading: str | None = None

    def close():
        nonlocal cur
        if cur and cur.lines:
            groups.append(cur)
        cur = None

    for idx in range(n):
        lineno = idx + 1
        raw = lines[idx]
        if lineno in skip:
            continue
        if "<!--" in raw:
            visible = clean_inline(re.sub(r"<!--.*?-->", " ", raw))
            if sum(ch.isalpha() for ch in visible) < 0.3 * max(1, len(visible.replace(" ", ""))):
                continue  # text read off a chart's axes: numbers without meaning
            raw = re.sub(r"<!--.*?-->", " ", raw)
        if not raw.strip():
            if cur and cur.kind != "list":
                close()
            continue
        m = MD_HEADING.match(raw)
        if m:
            title = clean_inline(m.group(2))
            key = norm_key(title)
            if has_letters(title) and not VALUE_HEADING.match(title) and heading_counts.get(key, 0) < 3:
                close()
                secs.push(len(m.group(1)), title, lineno, None)
                last_heading = title
                continue
            raw = title  # a figure or a repeated box label set as a heading: plain text
        elif toc_mode and not is_table_line(raw) and not LIST_ITEM.match(raw):
            key = norm_key(raw)
            if key in toc_keys[toc_cursor:]:
                j = toc_keys.index(key, toc_cursor)
                entry = toc[j]
                toc_cursor = j + 1
                close()
                level = entry.level
                if level == 2 and entry.parent and (not secs.stack or secs.stack[0][1] != entry.parent):
                    secs.stack = [(1, entry.parent)]
                secs.push(level, entry.title, lineno, entry.page)
                sec_page[secs.path] = entry.page
                continue
        if is_table_line(raw):
            cells = [norm_key(c) for c in raw.split("\t")]
            if toc_mode and cells[0] in toc_keys and len(cells) >= 2 and cells[1].isdigit():
                continue  # a chapter's own mini contents: navigation, not content
            kind = "table"
        elif LIST_ITEM.match(raw):
            kind = "list"
        elif cur and cur.kind == "list" and raw.startswith((" ", "\t")):
            kind = "list"
        else:
            kind = "text"
        if cur is None or cur.kind != kind or cur.section != secs.path:
            close()
            cur = _Group(kind, section=secs.path, lead=last_heading)
            last_heading = None
        cur.lines.append((lineno, raw))
    close()

    for g in groups:
        if g.kind == "text" and len(g.lines) == 1 and _is_label(g.lines[0][1]):
            g.kind = "label"

    def block_page(g_start: int, section: tuple[str, ...]) -> int | None:
        p = page_of(g_start)
        if p is not None:
            return p
        for k in range(len(section), 0, -1):
            if section[:k] in sec_page:
                return sec_page[section[:k]]
        return None

    blocks: list[Block] = []

    def make(kind: str, members: list[_Group], title: str | None = None, title_line: int | None = None) -> Block:
        start = title_line if title_line and (not members or title_line < members[0].start) else members[0].start
        end = members[-1].end if members else title_line
        text = "\n".join(g.text() for g in members)
        table = None
        if kind == "table":
            tl = [l for g in members for l in g.lines]
            table = parse_table(tl, title, "pipe" if tl[0][1].strip().startswith("|") else "tab")
        section = members[0].section if members else ()
        b = Block(f"{slug}:L{start}-{end}", kind, text, start, end, section, block_page(start, section),
                  title=title, table=table)
        blocks.append(b)
        return b

    i = 0
    while i < len(groups):
        g = groups[i]
        nxt = groups[i + 1] if i + 1 < len(groups) and groups[i + 1].section == g.section else None
        label = clean_inline(g.lines[0][1]) if g.kind == "label" else None
        if label and HIGHLIGHT_LABELS.match(label):
            j = i + 1
            members = []
            while j < len(groups) and groups[j].section == g.section and groups[j].kind in ("text", "list"):
                members.append(groups[j])
                j += 1
            if members:
                make("key_performance", members, title=label, title_line=g.start)
                i = j
                continue
        if label and CASE_LABELS.match(label) and nxt is not None and nxt.kind in ("label", "text"):
            title = clean_inline(nxt.lines[0][1])
            members = [nxt] if len(nxt.lines) > 1 else []
            j = i + 2
            while j < len(groups) and groups[j].section == g.section:
                h = groups[j]
                if h.kind == "label":
                    lab = clean_inline(h.lines[0][1])
                    after = groups[j + 1] if j + 1 < len(groups) and groups[j + 1].section == g.section else None
                    if HIGHLIGHT_LABELS.match(lab) or CASE_LABELS.match(lab) or (after and after.kind != "label"):
                        break
                members.append(h)
                j += 1
            if not members:
                members = [nxt]
            make("case", members, title=title, title_line=g.start)
            i = j
            continue
        if label:
            if nxt is not None and nxt.kind in ("text", "list", "table"):
                make(nxt.kind if nxt.kind != "text" else "paragraph", [nxt], title=label, title_line=g.start)
                i += 2
                continue
            prev = blocks[-1] if blocks and blocks[-1].section == g.section else None
            if prev is not None and prev.kind != "contents":
                prev.captions.append(label)
                prev.end = g.end
                prev.text += "\n" + g.lines[0][1]
                prev.block_id = f"{slug}:L{prev.start}-{prev.end}"
            else:
                make("caption", [g])
            i += 1
            continue
        make({"text": "paragraph"}.get(g.kind, g.kind), [g], title=g.lead if g.kind == "table" else None)
        i += 1
    if contents:
        blocks.insert(0, Block(f"{slug}:L{contents.start}-{contents.end}", "contents",
                               "\n".join(lines[contents.start - 1:contents.end]), contents.start, contents.end,
                               (), None))
    # merge a table continued after a page break (same header repeated)
    merged: list[Block] = []
    for b in blocks:
        p = merged[-1] if merged else None
        if (p and p.kind == "table" and b.kind == "table" and b.section == p.section and b.title is None
                and p.table and b.table and p.table.header == b.table.header and p.table.years == b.table.years):
            p.table.rows.extend(b.table.rows)
            p.captions.extend(b.captions)
            p.text += "\n" + b.text
            p.end = b.end
            p.block_id = f"{slug}:L{p.start}-{p.end}"
            continue
        merged.append(b)
    return secs.sections, merged
