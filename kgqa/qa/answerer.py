"""Answer composition: graph facts first, cited passages second, honest 'not disclosed' last."""
from __future__ import annotations

import math
import re
from collections import Counter

from index.tokenize import tokenize
from kgqa.answer import Answer, Citation
from kgqa.errors import QueryError
from kgqa.report.text import clean_inline

from .analysis import GENERIC, QUESTION_WORDS, analyse, merge_follow_up
from .graph_route import GraphRoute

MAX_QUESTION_CHARS = 2000
SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
MIN_SUPPORT = 0.6


def best_sentences(text: str, question: str, n: int = 2) -> list[str]:
    """The sentences or table rows of a passage that share the most terms with the question."""
    q = set(tokenize(question)) - GENERIC
    scored = []
    for i, s in enumerate(SENTENCE.split(text)):
        s = s.strip()
        if len(s) < 3:
            continue
        overlap = len(q & set(tokenize(s)))
        scored.append((overlap, -i, s))
    scored.sort(reverse=True)
    return [s for o, _, s in scored[:n] if o > 0]


class QuestionAnswerer:
    def __init__(self, kb):
        self.kb = kb
        self.report_year = max((m.get("year") or 0 for m in kb.reports.values()), default=None) or None
        names = " ".join(f"{m.get('company') or ''} {m.get('short_name') or ''}" for m in kb.reports.values())
        self.company_tokens = set(tokenize(names))
        df = Counter(t for p in kb.passages for t in set(tokenize(p.index_text())))
        n = max(1, len(kb.passages))
        self.idf = lambda t: math.log((n + 1) / (df.get(t, 0) + 0.5))
        self.graph = GraphRoute(kb, self.idf)

    def ask(self, question: str, previous: str | None = None) -> Answer:
        if not isinstance(question, str) or not question.strip():
            raise QueryError("empty question: ask something about the loaded reports")
        question = merge_follow_up(question.strip()[:MAX_QUESTION_CHARS], previous, self.company_tokens)
        q = analyse(question, self.report_year)
        route = {"target": self.graph.answer_target, "when": self.graph.answer_event,
                 "events": self.graph.answer_month}.get(q.operation)
        got = route(q) if route else None
        if got is None:
            got = self.graph.answer(q)
        if isinstance(got, Answer):
            return got
        if isinstance(got, tuple):
            _, m, years = got
            return Answer(question, f"The report does not disclose {m.label} for "
                          f"{', '.join(map(str, q.years))}; it gives it for {years[0]}–{years[-1]}.",
                          route="none", answerable=False)
        named = self.graph.reports_named(q)
        return self.passage_answer(question, report=named[0] if len(named) == 1 else None)

    def passage_answer(self, question: str, k: int = 4, report: str | None = None) -> Answer:
        hits = self.kb.search(question, k=k, **({"report": report} if report else {}))
        content = set(tokenize(question)) - QUESTION_WORDS - GENERIC - self.company_tokens
        content = {t for t in content if not re.fullmatch(r"(19|20)\d{2}", t)}
        citations, parts = [], []
        for p in hits:
            ptoks = set(tokenize(p.index_text()))
            total = sum(self.idf(t) for t in content)
            support = sum(self.idf(t) for t in content & ptoks) / total if total else 0.0
            if support < MIN_SUPPORT:
                continue
            sentences = best_sentences(p.text, question)
            if not sentences:
                continue
            n = len(citations) + 1
            citations.append(Citation(n, p.passage_id, p.report, p.section, p.page, p.text, p.score,
                                      highlights=sentences))
            parts.append(" ".join(clean_inline(s) for s in sentences) + f" [{n}]")
            if len(parts) >= 2:
                break
        if not citations:
            near = hits[0] if hits else None
            where = f" The closest passage is in {near.section} (p. {near.page})." if near else ""
            return Answer(question, "The report does not disclose this: no passage mentions "
                          f"{', '.join(sorted(content)) or 'what was asked'}.{where}", [], route="none",
                          answerable=False)
        return Answer(question, "\n".join(parts), citations, route="passage")
