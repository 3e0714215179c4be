"""Companies a question names that have no loaded report ("What were ACME's emissions?")."""
from __future__ import annotations

import re

from index.tokenize import FISCAL, tokenize

# a possessive or "at/of/for <Name>" naming an organisation: capitalised or all-capitals words
_NAME = r"([A-Z][A-Za-z0-9&.-]*(?:\s+[A-Z][A-Za-z0-9&.-]*){0,3})"
NAMED = re.compile(rf"\b{_NAME}(?:'s|’s)\s|"                                     # ACME's emissions
                   r"\b(?:at|of|for|by|from)\s+([A-Z]{2,}[A-Za-z0-9&-]*)\b|"      # emissions of ACME
                   rf"\b(?:has|have|had|did|does|do|is|was|were|are|will)\s+{_NAME}\s+[a-z]")   # has ACME installed
MAX_LISTED = 20      # companies named in the answer; the rest are counted


def mention(text: str, company_tokens: set[str]) -> str:
    """The words of a text that name a company ("BHP's"), to carry into a question that names none."""
    return " ".join(w for w in text.split() if set(tokenize(w)) & company_tokens)


def corpus_words(ctx) -> set[str]:
    """Every word of every passage and report name, lower-cased (computed once per knowledge base)."""
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
    name whose longest word no loaded report contains anywhere; else None."""
    words = corpus_words(ctx)
    for m in NAMED.finditer(question):
        name = next(g for g in m.groups() if g).strip()
        if FISCAL.fullmatch(name.lower()):
            continue            # "from FY21 to FY22": a period, not a company
        longest = max(re.findall(r"[A-Za-z0-9&-]+", name), key=len, default="").lower()
        if len(longest) >= 3 and longest not in words:
            names = sorted({ctx.company_name(s) for s in ctx.kb.reports})
            loaded = ", ".join(names[:MAX_LISTED]) + (f" and {len(names) - MAX_LISTED:,} more"
                                                      if len(names) > MAX_LISTED else "")
            return f"No report of {name} is loaded; loaded: {loaded}."
    return None
