"""Page furniture: running footers with page numbers, navigation bars and running headers.

Nothing here knows a particular report: furniture is what *repeats* next to page numbers.
A footer is a line repeated many times that sits beside a bare page number (or carries one);
the lines repeated right after a footer form the navigation zone of the next page.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .text import clean_inline, norm_key

PAGE_NO = re.compile(r"^\d{1,3}$")
INLINE_PAGE = re.compile(r"^(?:(\d{1,3})\s+(.+?)|(.+?)\s+(\d{1,3}))$")
MIN_FOOTER_REPEATS = 5
MIN_NAV_REPEATS = 3


@dataclass
class Furniture:
    lines: set[int]                 # 1-based line numbers to keep out of passages
    page_of_line: list[int | None]  # index 0 unused; page printed on the page holding the line


def _is_structural(line: str) -> bool:
    s = line.lstrip()
    return s.startswith("#") or s.startswith("|") or "\t" in line


def detect_furniture(lines: list[str]) -> Furniture:
    keys = [norm_key(l) for l in lines]
    counts = Counter(k for k, l in zip(keys, lines) if k and not _is_structural(l))
    n = len(lines)

    def neighbour(i: int, step: int) -> int | None:
        j = i + step
        while 0 <= j < n and not keys[j]:
            j += step
        return j if 0 <= j < n else None

    # 1. footers: (footer line index, page-number line index or None, page)
    breaks: list[tuple[int, int | None, int]] = []
    for i, k in enumerate(keys):
        if not k or _is_structural(lines[i]):
            continue
        if PAGE_NO.match(k):
            for step in (-1, 1):
                j = neighbour(i, step)
                if j is not None and counts.get(keys[j], 0) >= MIN_FOOTER_REPEATS and not PAGE_NO.match(keys[j]) \
                        and not _is_structural(lines[j]):
                    breaks.append((j, i, int(k)))
                    break
            continue
    footer_texts = {t for t, c in Counter(keys[j] for j, _, _ in breaks).items() if c >= 3}
    breaks = [b for b in breaks if keys[b[0]] in footer_texts]
    for i, k in enumerate(keys):  # footers that carry their page number inline ("72 Report 2021")
        m = INLINE_PAGE.match(k) if k and not _is_structural(lines[i]) else None
        if m and not any(b[0] == i for b in breaks):
            num, rest = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
            if rest in footer_texts:
                breaks.append((i, None, int(num)))
    breaks.sort()

    furniture: set[int] = set()
    page_of_line: list[int | None] = [None] * (n + 1)
    prev_end = 0
    last_page = None
    for j, num_i, page in breaks:
        end = max(j, num_i if num_i is not None else j)
        if end < prev_end:
            continue
        for idx in range(prev_end, end + 1):
            page_of_line[idx + 1] = page
        furniture.add(j + 1)
        if num_i is not None:
            furniture.add(num_i + 1)
        # running lines just before the footer ("More in this report" bars)
        b = neighbour(min(j, num_i if num_i is not None else j), -1)
        while b is not None and b >= prev_end and counts.get(keys[b], 0) >= MIN_FOOTER_REPEATS \
                and not _is_structural(lines[b]):
            furniture.add(b + 1)
            b = neighbour(b, -1)
        # navigation zone right after the footer
        a = neighbour(end, 1)
        while a is not None and not _is_structural(lines[a]) and (
                counts.get(keys[a], 0) >= MIN_NAV_REPEATS
                or (clean_inline(lines[a]).isupper() and len(keys[a]) <= 100)):
            furniture.add(a + 1)
            a = neighbour(a, 1)
        prev_end = end + 1
        last_page = page
    # the same navigation lines wherever else they stand (e.g. above the first footer)
    nav_texts = {keys[i - 1] for i in furniture if not PAGE_NO.match(keys[i - 1])}
    for i, k in enumerate(keys):
        if k in nav_texts and not _is_structural(lines[i]):
            furniture.add(i + 1)
    if last_page is not None:
        for idx in range(prev_end, n):
            page_of_line[idx + 1] = last_page + 1
    return Furniture(furniture, page_of_line)
