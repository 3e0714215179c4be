"""Report metadata: company, short name, title, reporting year, stock code, name aliases."""
from __future__ import annotations

import re
from collections import Counter

from .text import clean_inline

ORG_SUFFIX = r"(?:Co\.,?\s*Ltd\.?|Company Limited|Limited|plc|PLC|Inc\.|Inc\b|Corporation|Corp\.|Corp\b|AG\b|SE\b|S\.A\.|N\.V\.|LLC\b)"
_WORD = r"(?:[A-Z][\w'.\-]*|&|and|of)"
_NAME = rf"[A-Z][\w'.\-]*(?:\s+{_WORD}){{0,8}}?,?\s+{ORG_SUFFIX}"
ORG_NAME = re.compile(rf"\b({_NAME})")
HEREINAFTER = re.compile(
    rf"({_NAME})\s*\(\s*(?i:hereinafter\s+(?:referred\s+to\s+as\s+)?|the\s+)?[\"“']([^\"”']+)[\"”']")
REFERS_TO = re.compile(rf"^\s*(?:[-*•]\s*)?(.{{2,60}}?)\s+(?:refers to|means|stands for)\s+(.+?{ORG_SUFFIX})\s*[.;]?\s*$")
REPORT_KIND = re.compile(r"(sustainability|environmental,?\s+social,?\s+and\s+governance|esg|corporate\s+social\s+responsibility|csr|annual|impact|integrated|climate(?:\s+change)?|tcfd|responsibility)\s+(?:report|action\s+plan)", re.I)
YEAR = re.compile(r"\b(20\d{2}|19\d{2})\b")
STOCK = re.compile(r"stock\s+code\s*[:：]?\s*([A-Z0-9.]{3,12})", re.I)


def extract_meta(text: str, lines: list[str], hints: dict | None = None) -> dict:
    """Company, short name, title, year, stock code and aliases from the report's own words;
    `hints` are what the file states about itself (a PDF's author and title).  The year is the
    reporting year: a report titled 2021 that reports on 2020 has the year 2020."""
    hints = hints or {}
    head = "\n".join(lines[:400])
    flat_head = clean_inline(head.replace("\n", " "))
    company = short = None
    m = HEREINAFTER.search(flat_head)
    if m:
        company, short = clean_inline(m.group(1)), clean_inline(m.group(2))
    author = clean_inline(hints.get("author") or "")
    if not company and author and len(author.split()) <= 6 and author[:1].isupper() and \
            len(re.findall(rf"\b{re.escape(author.split()[0])}\b", text[:200000])) >= 3:
        company = author        # the publisher named as the PDF's author, and named in the report
    if not company:
        names: Counter = Counter()
        for found in ORG_NAME.findall(clean_inline(text[:60000].replace("\n", " "))):
            words = found.split()
            for k in range(len(words) - 1):  # every tail of the match: "COVER TITLE Shell plc" -> "Shell plc"
                names[" ".join(words[k:])] += 1
        if names:
            company = max(names.items(), key=lambda kv: (kv[1], len(kv[0])))[0]
    if not company:
        # a title such as "Acme Industries 2024 ESG Report": the words before the year or the kind
        for line in lines[:40]:
            t = clean_inline(line).lstrip("# ").strip()
            k = REPORT_KIND.search(t)
            if k:
                name = re.sub(rf"\s*\b(?:{YEAR.pattern})\b.*$", "", t[:k.start()]).strip(" -–:,")
                name = re.sub(r"[’']s$", "", name)          # "Acme's Integrated Report"
                if name and name[0].isupper() and len(name.split()) <= 6:
                    company = name
                break
    if company and not short:
        short = company.split()[0]
    kind = REPORT_KIND.search(flat_head)
    year = None
    # a year printed against the report's kind ("Climate Change Report 2020", "2021 Integrated Report")
    titled = Counter(int(m.group(1) or m.group(2)) for m in re.finditer(
        rf"\b(20\d{{2}})\s+(?:{REPORT_KIND.pattern})|(?:{REPORT_KIND.pattern})\s+(20\d{{2}})\b".replace(
            "(sustainability", "(?:sustainability").replace("(?:report|action", "(?:report|action"),
        flat_head, re.I))
    if titled:
        year = titled.most_common(1)[0][0]
    elif kind:
        window = flat_head[max(0, kind.start() - 200):kind.end() + 60]
        years = [int(y) for y in YEAR.findall(window)]
        year = years[-1] if years else None
    if year is None:
        years = Counter(int(y) for y in YEAR.findall(flat_head))
        year = years.most_common(1)[0][0] if years else None
    title_year = year
    if year:
        # a report titled 2021 that reports on 2020 talks about 2020 far more than about 2021
        mentions = Counter(int(y) if len(y) == 4 else 2000 + int(y) for y in re.findall(
            r"(?<![\d/])(?:(?:19|20)(\d{2})|FY\s?(\d{2}))(?!\d)", text) for y in [y[0] and "20" + y[0] or y[1]])
        if mentions[year - 1] > 1.5 * mentions[year]:
            year -= 1
    title = None
    if kind:
        title = " ".join(w.lower() if w.lower() == "and" else w.capitalize() for w in kind.group(0).split())
        title = re.sub(r"\bEsg\b", "ESG", re.sub(r"\bCsr\b", "CSR", title))
        if title_year:
            title = f"{title} {title_year}"
    hint_title = clean_inline(hints.get("title") or "")
    if hint_title and REPORT_KIND.search(hint_title):
        title = re.sub(r"^[\w.]{1,4}\.\s+", "", hint_title)     # "5a. Climate Action Plan 2024 - …"
    stock = STOCK.search(flat_head)
    aliases: dict[str, str] = {}
    for line in lines:
        r = REFERS_TO.match(clean_inline(line))
        if r:
            aliases[r.group(1).strip(" \"“”")] = r.group(2).strip()
    return {"company": company, "short_name": short, "title": title, "year": year,
            "stock_code": stock.group(1) if stock else None, "aliases": aliases}
