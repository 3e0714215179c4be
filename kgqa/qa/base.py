"""What every per-topic answerer shares: the knowledge base's context (IDF weights, company
words, the report years), the result contract, and the citation helper.

The contract: `Topic.answer(q)` returns an `Answer`, an `OutOfRange` (the subject is in the graph
but not for the periods asked), or None (not this topic's question).
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

from index.tokenize import tokenize
from kgqa.answer import Answer, Citation

from .analysis import Question, company_words, reports_named


@dataclass
class OutOfRange:
    """The question's subject is disclosed, but not for the periods the question asks about."""
    subject: str
    asked: list[int]
    available: list[int]
    report: str


@dataclass
class Companies:
    """The companies a question names ("JSG or Shell" names two) and those it names that are not loaded."""
    named: list[str] = field(default_factory=list)       # report slugs
    unknown: list[str] = field(default_factory=list)     # names of companies with no loaded report


class Context:
    """Built once per knowledge base and shared by every answerer and by search."""

    def __init__(self, kb):
        self.kb = kb
        df = Counter(t for p in kb.passages for t in set(tokenize(p.index_text())))
        n = max(1, len(kb.passages))
        self._idf = {t: math.log((n + 1) / (c + 0.5)) for t, c in df.items()}
        self._idf_unseen = math.log((n + 1) / 0.5)
        self.companies = company_words(kb)
        self.company_tokens = set().union(*self.companies.values()) if self.companies else set()
        self.report_years = {slug: meta.get("year") for slug, meta in kb.reports.items()}
        self._names: dict[str, str] = {}

    def idf(self, token: str) -> float:
        return self._idf.get(token, self._idf_unseen)

    def reports_for(self, q: Question) -> list[str]:
        """The reports a question is about: those of the companies it names, else all."""
        return reports_named(q.text, self.kb) or list(self.kb.reports)

    def report_year(self, q_text: str) -> int | None:
        """The year of the report a question is about (the latest when it names none)."""
        slugs = reports_named(q_text, self.kb) or list(self.kb.reports)
        return max((self.report_years.get(s) or 0 for s in slugs), default=0) or None

    def company_name(self, slug: str) -> str:
        meta = self.kb.reports.get(slug) or {}
        return meta.get("short_name") or meta.get("company") or self._names.setdefault(slug, self._spelled(slug))

    def _spelled(self, slug: str) -> str:
        """A report without a company name in its metadata: the proper noun of its file name, spelt
        as its text spells it most often ("engie-2021-..." -> "ENGIE")."""
        text = " ".join(p.text for p in self.kb.passages if p.report == slug)
        for w in re.findall(r"[a-z]{3,}", slug):
            if set(tokenize(w)) & self.companies.get(slug, set()):
                spellings = Counter(re.findall(rf"\b{w}\b", text, re.I))
                return spellings.most_common(1)[0][0] if spellings else w
        return slug


def shared_context(kb) -> Context:
    """The knowledge base's one Context (computed on first use)."""
    ctx = getattr(kb, "_qa_context", None)
    if ctx is None:
        ctx = Context(kb)
        kb._qa_context = ctx
    return ctx


def cite(kb, citations: list[Citation], passage_id: str, highlight: str | None = None) -> Citation:
    """The citation of a passage in `citations`, added with the next number if it is new; the
    highlighted figure or phrase is recorded on it."""
    c = next((c for c in citations if c.passage_id == passage_id), None)
    if c is None:
        c = Citation.of(len(citations) + 1, kb.passage(passage_id), 1.0)
        citations.append(c)
    if highlight:
        c.highlights.append(highlight)
    return c


def marks(citations: list[Citation]) -> str:
    return " ".join(f"[{c.number}]" for c in citations)


class Topic:
    """A per-topic answerer over the shared context."""

    def __init__(self, ctx: Context):
        self.ctx = ctx
        self.kb = ctx.kb

    def answer(self, q: Question) -> Answer | OutOfRange | None:
        raise NotImplementedError

    def concepts(self, q: Question, drop: frozenset[str] = frozenset()):
        """The question's concepts without company words (and `drop`), and their union."""
        concepts = [c for c in (c - self.ctx.company_tokens - drop for c in q.concepts) if c]
        return concepts, (set().union(*concepts) if concepts else set())

    def graph_answer(self, q: Question, text: str, citations, facts, sparql: str) -> Answer:
        return Answer(q.text, text, citations, facts=list(facts), sparql=sparql, route="graph", answerable=True)
