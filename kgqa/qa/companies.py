"""Companies a question names that have no loaded report ("What were ACME's emissions?")."""
from __future__ import annotations

import re

from .analysis import reports_named

# a possessive or "at/of/for <Name>" naming an organisation: capitalised or all-capitals words
NAMED = re.compile(r"\b([A-Z][A-Za-z0-9&.-]*(?:\s+[A-Z][A-Za-z0-9&.-]*){0,2})(?:'s|’s)\b|"
                   r"\b(?:at|of|for|by|from)\s+([A-Z]{2,}[A-Za-z0-9&-]*)\b")


def _corpus_words(ctx) -> set[str]:
    words = getattr(ctx, "_corpus_words", None)
    if words is None:
        words = {w.lower() for p in ctx.kb.passages for w in re.findall(r"[A-Za-z0-9&-]+", p.text)}
        words |= {w.lower() for meta in ctx.kb.reports.values()
                  for w in re.findall(r"[A-Za-z0-9&-]+", " ".join(str(meta.get(k) or "") for k in
                                                                  ("company", "short_name", "stock_code", "title")))}
        ctx._corpus_words = words
    return words


def unknown_company(question: str, ctx) -> str | None:
    """'no report of ACME is loaded; loaded: …' when the question names, as an organisation, a
    name that no loaded report contains anywhere and names no loaded company; else None."""
    if reports_named(question, ctx.kb):
        return None
    words = _corpus_words(ctx)
    for m in NAMED.finditer(question):
        name = (m.group(1) or m.group(2)).strip()
        parts = [w.lower() for w in re.findall(r"[A-Za-z0-9&-]+", name)]
        if parts and not any(p in words for p in parts):
            loaded = ", ".join(sorted({ctx.company_name(s) for s in ctx.kb.reports}))
            return f"No report of {name} is loaded; loaded: {loaded}."
    return None
