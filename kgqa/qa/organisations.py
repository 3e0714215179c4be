"""Organisations: a subsidiary's legal name from any spelling; the list of subsidiaries."""
from __future__ import annotations

import re

from index.tokenize import tokenize

from . import thresholds as T
from .analysis import Question
from .base import Topic, cite
from .records import Organisation
from .templates import SUBSIDIARIES

ORG_NAME_Q = re.compile(r"\b(full|legal|registered|complete) name\b|\blegal entity\b|\bstands? for\b|\brefers? to\b|"
                        r"\bshort for\b|\bwhich company is\b|\bwhat company is\b", re.I)
LIST_SUBSIDIARIES = re.compile(r"^\s*(which|what|list|name)\b.*\bsubsidiar(y|ies)\b", re.I)
SUBSIDIARY_WORDS = frozenset(tokenize("subsidiary subsidiaries company companies have own"))


class OrganisationAnswerer(Topic):
    def __init__(self, ctx):
        super().__init__(ctx)
        self.subsidiaries = [
            Organisation(str(r.short), str(r.full), str(r.slug), str(r.pid) if r.pid else None,
                         sorted({str(r.short), *str(r.aliases).split("|")} - {""}, key=len, reverse=True))
            for r in self.kb.sparql(SUBSIDIARIES)]

    def named(self, text: str) -> Organisation | None:
        """The subsidiary a text names by any of its spellings (case and spacing ignored, small typos allowed)."""
        from rapidfuzz import fuzz

        low = re.sub(r"\s+", " ", text.lower())
        best, best_score = None, 0.0
        for sub in self.subsidiaries:
            for alias in sub.aliases:
                a = alias.lower()
                score = 100.0 if re.search(rf"\b{re.escape(a)}\b", low) else fuzz.partial_ratio(a, low)
                score += len(a) / 100          # the longest spelling wins a tie
                if score > best_score:
                    best, best_score = sub, score
        return best if best_score >= T.MIN_ALIAS_SIMILARITY else None

    def answer(self, q: Question):
        if ORG_NAME_Q.search(q.text):
            sub = self.named(q.text)
            if sub is None:
                return None
            citations = []
            if sub.pid:
                cite(self.kb, citations, sub.pid, sub.full)
            others = [a for a in sub.aliases if a != sub.short]
            also = f" (also written {', '.join(others)})" if others else ""
            return self.graph_answer(q, f"{sub.short}{also} is {sub.full}" + (" [1]" if citations else ""),
                                     citations, [sub], SUBSIDIARIES)
        rest = q.content - self.ctx.company_tokens - SUBSIDIARY_WORDS
        if LIST_SUBSIDIARIES.search(q.text) and not rest:
            reports = self.ctx.reports_for(q)
            subs = [s for s in self.subsidiaries if s.report in reports]
            if not subs:
                return None
            citations, lines = [], []
            for sub in subs:
                mark = f" [{cite(self.kb, citations, sub.pid, sub.full).number}]" if sub.pid else ""
                lines.append(f"- {sub.short}: {sub.full}{mark}")
            return self.graph_answer(q, f"{len(subs)} subsidiaries:\n" + "\n".join(lines), citations, subs,
                                     SUBSIDIARIES)
        return None
