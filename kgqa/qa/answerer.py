"""Answer composition: graph facts first, cited passages second, honest 'not disclosed' last."""
from __future__ import annotations

import math
from collections import Counter

from index.tokenize import tokenize
from kgqa.answer import Answer
from kgqa.errors import QueryError

from .analysis import analyse, company_words, merge_follow_up
from .graph_route import GraphRoute
from .passage_route import PassageRoute
from .phrasing import rephrase

MAX_QUESTION_CHARS = 2000


class QuestionAnswerer:
    def __init__(self, kb):
        self.kb = kb
        self.report_year = max((m.get("year") or 0 for m in kb.reports.values()), default=None) or None
        self.company_tokens = set().union(*company_words(kb).values()) if kb.reports else set()
        df = Counter(t for p in kb.passages for t in set(tokenize(p.index_text())))
        n = max(1, len(kb.passages))
        self.idf = lambda t: math.log((n + 1) / (df.get(t, 0) + 0.5))
        self.graph = GraphRoute(kb, self.idf)
        self.passages = PassageRoute(kb, self.idf, self.company_tokens)

    def ask(self, question: str, previous: str | None = None) -> Answer:
        return rephrase(self.compose(question, previous))

    def compose(self, question: str, previous: str | None = None) -> Answer:
        """The deterministic answer: graph first, cited passages second, 'not disclosed' last."""
        if not isinstance(question, str) or not question.strip():
            raise QueryError("empty question: ask something about the loaded reports")
        question = merge_follow_up(question.strip()[:MAX_QUESTION_CHARS], previous, self.company_tokens)
        q = analyse(question, self.report_year)
        route = {"target": self.graph.answer_target, "when": self.graph.answer_event,
                 "events": self.graph.answer_month}.get(q.operation)
        got = route(q) if route else None
        if got is None:
            got = self.graph.answer_person(q)
        if got is None:
            got = self.graph.answer_org(q)
        if got is None:
            got = self.graph.answer_ratio(q)
        if got is None:
            got = self.graph.answer(q)
        if isinstance(got, Answer):
            return got
        named = self.graph.reports_named(q)
        if isinstance(got, tuple):
            _, m, years = got
            if not named and len(self.kb.reports) > 1:      # another company's report may have that year
                other = self.passages.answer(q)
                if other.answerable:
                    return other
            return Answer(question, f"The report does not disclose {m.label} for "
                          f"{', '.join(map(str, q.years))}; it gives it for {years[0]}–{years[-1]}.",
                          route="none", answerable=False)
        return self.passages.answer(q, report=named[0] if len(named) == 1 else None)

