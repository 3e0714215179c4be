"""Answers as chat messages: text, numbered sources with the cited figure highlighted, the SPARQL run."""
from __future__ import annotations

import html
import re

from kgqa.answer import Answer, Citation


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
        out.append(html.escape(text[last:a]))
        out.append(f"<mark>{html.escape(text[a:b])}</mark>")
        last = b
    out.append(html.escape(text[last:]))
    return "".join(out)


def source_html(c: Citation) -> str:
    page = f"p. {c.page}" if c.page is not None else "page unknown"
    body = highlight(c.text, c.highlights).replace("\n", "<br>")
    return (f"<details class='kgqa-source'><summary>[{c.number}] {html.escape(c.report)} · "
            f"{html.escape(c.section)} · {page}</summary><blockquote>{body}</blockquote>"
            f"<small>passage {html.escape(c.passage_id)}</small></details>")


def answer_markdown(ans: Answer) -> str:
    """The chat message for an answer (markdown with a little HTML the chat allows)."""
    if not ans.answerable:
        parts = ["> ℹ️ **Not disclosed.** " + html.escape(ans.text).replace("\n", "\n> ")]
    else:
        parts = [html.escape(ans.text)]
    if ans.citations:
        parts.append("**Sources**\n\n" + "\n".join(source_html(c) for c in ans.citations))
    if ans.sparql:
        parts.append("<details class='kgqa-how'><summary>How this was found</summary>"
                     f"<pre><code>{html.escape(ans.sparql)}</code></pre></details>")
    return "\n\n".join(parts)


def chart_rows(ans: Answer) -> list[dict]:
    """Year/value rows for a small chart when the answer spans two or more years of one metric."""
    rows = [{"year": str(f["year"]), "value": f["value"], "metric": f.get("metric", "")} for f in ans.facts
            if f.get("year") is not None and f.get("value") is not None]
    return rows if len({r["year"] for r in rows}) >= 2 else []
