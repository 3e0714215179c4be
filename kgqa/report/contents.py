"""The report's own contents table: section titles with their printed page numbers."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .text import clean_inline, has_letters, norm_key

CONTENTS_KEYS = {"contents", "table of contents", "content"}
NUM = re.compile(r"^\d{1,3}$")
LEADING_NUM = re.compile(r"^(?:[-*]\s*)?(\d{1,3})\s+(\S.*)$")


@dataclass
class TocEntry:
    title: str
    page: int
    level: int
    parent: str | None = None


@dataclass
class Contents:
    entries: list[TocEntry]
    start: int  # 1-based first line of the contents zone (the "CONTENTS" line)
    end: int    # 1-based last line of the zone


def _pairs_from_cells(cells: list[str]) -> list[tuple[str, int]]:
    out = []
    cells = [clean_inline(c) for c in cells]
    for a, b in zip(cells, cells[1:]):
        if has_letters(a) and NUM.match(b):
            out.append((a, int(b)))
    return out


def parse_contents(lines: list[str], search_lines: int = 400) -> Contents | None:
    start = None
    for i, line in enumerate(lines[:search_lines]):
        if norm_key(line.lstrip("# ")) in CONTENTS_KEYS:
            start = i
            break
    if start is None:
        return None
    entries: list[TocEntry] = []
    chapter: TocEntry | None = None
    i = start + 1
    end = start
    titles: set[str] = set()
    n = len(lines)
    while i < n and i < start + 300:
        raw = lines[i]
        key = norm_key(raw)
        if not key:
            i += 1
            continue
        if "\t" in raw:
            for title, page in _pairs_from_cells(raw.split("\t")):
                level = 2 if chapter else 1
                entries.append(TocEntry(title, page, level, chapter.title if chapter else None))
                titles.add(norm_key(title))
            end = i
            i += 1
            continue
        if raw.lstrip().startswith("#") and entries:
            break
        if NUM.match(key):
            # a numbered chapter: "01" / title lines / page number
            j, parts = i + 1, []
            while j < n and j < i + 8:
                k = norm_key(lines[j])
                if NUM.match(k) and parts:
                    chapter = TocEntry(" ".join(parts), int(k), 1)
                    entries.append(chapter)
                    titles.add(norm_key(chapter.title))
                    end = j
                    break
                if k:
                    if "\t" in lines[j] or len(k) > 80:
                        break
                    parts.append(clean_inline(lines[j]))
                j += 1
            i = max(i + 1, end + 1)
            continue
        if key in titles or len(key) > 150:
            break  # the body has begun
        i += 1
    if not entries:
        return None
    return Contents(entries, start + 1, end + 1)
