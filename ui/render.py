"""Answers as chat messages: text, numbered sources with the cited figure highlighted, the SPARQL run."""
from __future__ import annotations

import ast
import html
import re
from urllib.parse import quote, urlencode

from rdflib import Literal

from kgqa.answer import Answer, Citation

# characters markdown would read as syntax (images, links, emphasis, code, tables, headings) and the
# "://" and "www." that autolinks start from: written as HTML entities they show the same but do nothing
_INERT = str.maketrans({c: f"&#{ord(c)};" for c in "[]()!*_`|#~\\:"})
_BOUND = re.compile(r"^# bound: (.*)$", re.M)
_PAIR = re.compile(r"\?(\w+) = ('(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\")")


def inert(text: str) -> str:
    """Report text for the chat: HTML-escaped and with markdown syntax neutralised, so a report can
    make no image load, no link, no formatting."""
    return html.escape(text, quote=False).translate(_INERT).replace("www.", "www&#46;")


def runnable_sparql(sparql: str) -> str:
    """The query an answer ran, with its bound values written in as a VALUES block of escaped
    literals (rdflib's `.n3()`), so it runs as shown and returns the rows the answer read."""
    m = _BOUND.search(sparql or "")
    if not m:
        return sparql or ""
    pairs = [(name, ast.literal_eval(value)) for name, value in _PAIR.findall(m.group(1))]
    query = _BOUND.sub("", sparql).rstrip()
    if not pairs or "WHERE {" not in query:
        return sparql
    values = (f"  VALUES ({' '.join('?' + n for n, _ in pairs)}) "
              f"{{ ({' '.join(Literal(v).n3() for _, v in pairs)}) }}")
    return query.replace("WHERE {", "WHERE {\n" + values, 1)


def highlight(text: str, phrases: list[str]) -> str:
    """HTML-escaped `text` with each phrase wrapped in <mark> (longest first, no overlaps)."""
    spans: list[tuple[int, int]] = []
    for ph in sorted({p.strip() for p in phrases if p and p.strip()}, key=len, reverse=True):
        pattern = re.escape(ph) if not re.fullmatch(r"[\d.,]+", ph) else rf"(?<![\d.,]){re.escape(ph)}(?![\d])"
        for m in re.finditer(pattern, text):
            if not any(a < m.end() and m.start() < b for a, b in spans):
                spans.append((m.start(), m.end()))
    out, last = [], 0
    for a, b in sorted(spans):
        out.append(inert(text[last:a]))
        out.append(f"<mark>{inert(text[a:b])}</mark>")
        last = b
    out.append(inert(text[last:]))
    return "".join(out)


def _table_html(lines: list[str], phrases: list[str]) -> str:
    rows = [[c.strip() for c in line.strip().strip("|").split("|")] for line in lines
            if not re.fullmatch(r"\|?[\s:|-]+\|?", line.strip())]
    head, *body = rows
    cells = lambda row, tag: "".join(f"<{tag}>{highlight(c, phrases)}</{tag}>" for c in row)   # noqa: E731
    return (f"<table><thead><tr>{cells(head, 'th')}</tr></thead><tbody>"
            + "".join(f"<tr>{cells(r, 'td')}</tr>" for r in body) + "</tbody></table>")


def passage_html(text: str, phrases: list[str]) -> str:
    """A cited passage: its pipe-table lines as an HTML table, the rest as text, the cited figures marked."""
    lines = text.split("\n")
    out, i = [], 0
    while i < len(lines):
        j = i
        while j < len(lines) and lines[j].count("|") >= 2:
            j += 1
        if j - i >= 2:
            out.append(_table_html(lines[i:j], phrases))
            i = j
        else:
            out.append(highlight(lines[i], phrases) + "<br>")
            i += 1
    return "".join(out)


def source_html(c: Citation) -> str:
    label = c.page_label or (str(c.page) if c.page is not None else None)
    page = f"p. {inert(label)}" if label else "page unknown"
    body = passage_html(c.text, c.highlights)
    on_page = ""
    if c.page_index is not None:       # a PDF passage: its page region, served by this app, and the PDF
        figures = [h for h in c.highlights if len(h) <= 40][:5]
        query = urlencode([("passage", c.passage_id)] + [("h", f) for f in figures])
        on_page = (f"<p><img class='kgqa-page' loading='lazy' alt='the passage on its page' "
                   f"src='/api/page.png?{html.escape(query)}'><br>"
                   f"<a href='/reports/{quote(c.report)}.pdf#page={c.page_index + 1}' target='_blank' "
                   f"rel='noopener'>open {page} of the PDF</a></p>")
    return (f"<details class='kgqa-source'><summary>[{c.number}] {inert(c.report)} · "
            f"{inert(c.section)} · {page}</summary><blockquote>{body}</blockquote>{on_page}"
            f"<small>passage {inert(c.passage_id)}</small></details>")


def answer_markdown(ans: Answer) -> str:
    """The chat message for an answer (markdown with a little HTML the chat allows)."""
    if not ans.answerable:
        parts = ["> ℹ️ **Not disclosed.** " + inert(ans.text).replace("\n", "\n> ")]
    else:
        parts = [inert(ans.text).replace("\n", "  \n")]
    if ans.citations:
        parts.append("**Sources**\n\n" + "\n".join(source_html(c) for c in ans.citations))
    if ans.sparql:
        parts.append("<details class='kgqa-how'><summary>How this was found</summary>"
                     f"<pre><code>{html.escape(runnable_sparql(ans.sparql))}</code></pre></details>")
    return "\n\n".join(parts)


def chart_rows(ans: Answer) -> list[dict]:
    """Year/value rows for a small chart when the answer spans two or more years of one metric."""
    rows = [{"year": str(f["year"]), "value": f["value"], "metric": _with_unit(f)} for f in ans.facts
            if f.get("year") is not None and f.get("value") is not None]
    return rows if len({r["year"] for r in rows}) >= 2 else []


def _with_unit(fact: dict) -> str:
    """The chart's series label: the metric with the unit of its plotted (normalised) value."""
    unit = fact.get("base") or fact.get("unit") or ""
    metric = fact.get("metric", "")
    return f"{metric} ({unit})" if unit else metric
