"""Answer composition: graph facts first, cited passages second, honest 'not disclosed' last.

Each topic answerer (targets, events, people, organisations, ratios, metrics) is asked in turn;
the first `Answer` wins. An `OutOfRange` (the metric is there, not for those periods) becomes a
"not disclosed" answer naming the periods that are, unless another report answers it.
"""
from __future__ import annotations

import re

from index.tokenize import tokenize
from kgqa.answer import Answer
from kgqa.errors import QueryError

from . import rankings
from . import thresholds as T
from .analysis import analyse, merge_follow_up, reports_named
from .base import OutOfRange, shared_context
from .companies import corpus_words, mention, unknown_company
from .events import EventAnswerer
from .metric_answers import MetricAnswerer
from .organisations import OrganisationAnswerer
from .parts import Parts, clauses, split
from .passage_route import PassageRoute
from .people import PersonAnswerer
from .phrasing import rephrase
from .rankings import asks_ranking
from .sentences import cited, units
from .targets import TargetAnswerer


# a clause that refers back to what the first asked about: "and what drove it?", "why did this happen?"
REFERS_BACK = re.compile(r"\b(it|this|that|these|those|they|them)\b", re.I)


class QuestionAnswerer:
    def __init__(self, kb):
        self.kb = kb
        self.ctx = shared_context(kb)
        self.company_tokens = self.ctx.company_tokens
        events = EventAnswerer(self.ctx)
        self.metrics = MetricAnswerer(self.ctx)
        self.topics = [TargetAnswerer(self.ctx).answer, events.answer, PersonAnswerer(self.ctx, events).answer,
                       OrganisationAnswerer(self.ctx).answer, self.metrics.answer_ratio, self.metrics.answer]
        self.passages = PassageRoute(self.ctx)

    def warm_up(self) -> None:
        """Compute now what the first questions would otherwise compute: every word of the reports
        and the metric labels' vectors."""
        corpus_words(self.ctx)
        self.metrics.catalog.label_vectors()

    def ask(self, question: str, previous: str | None = None) -> Answer:
        return rephrase(self.compose(question, previous))

    def parts(self, question: str) -> Parts | None:
        """The question split into one question per figure it asks for ("Scope 1, 2 and 3"), unless
        it asks for a target or the report gives those codes as one figure ("Scope 1 and 2 emissions")."""
        parts = split(question, self.company_tokens)
        if parts and parts.codes and analyse(question, None).operation == "target":
            return None
        if parts and parts.codes and self.metrics.catalog.has_code_label(parts.codes,
                                                                          reports_named(question, self.kb) or None):
            return None
        return parts

    def compose(self, question: str, previous: str | None = None, by_parts: bool = True) -> Answer:
        """The deterministic answer: graph first, cited passages second, 'not disclosed' last; a
        question about several figures is answered part by part (`by_parts`)."""
        if not isinstance(question, str) or not question.strip():
            raise QueryError("empty question: ask something about the loaded reports")
        question = merge_follow_up(question.strip()[:T.MAX_QUESTION_CHARS], previous, self.company_tokens)
        missing = unknown_company(question, self.ctx)
        if missing:
            return Answer(question, missing, route="none", answerable=False)
        ranking = asks_ranking(question) if by_parts else None
        if ranking:
            ranked = self.ranked(question, *ranking)
            if ranked is not None:
                return ranked
        parts = self.parts(question) if by_parts else None
        if parts is not None and parts.codes:      # "Scope 1 and 2": one figure or sentence may give both
            whole = self.compose(question, by_parts=False)
            if whole.answerable and parts.named_in(whole.text):
                return whole        # "combined Scope 1 and 2" printed as one figure
            if parts.combine:       # ... or stated in a sentence, on the report's own boundary
                q = analyse(question, self.ctx.report_year(question))
                stated = self._from_passages(q, reports_named(question, self.kb))
                if stated.answerable and parts.named_in(stated.text):
                    return stated
        if parts is not None:
            answers = [self.compose(part, by_parts=False) for part in parts.questions]
            if any(a.answerable for a in answers):
                return self.metrics.side_by_side(analyse(question, None), parts, answers)
        if by_parts and parts is None:
            answered = self.by_clauses(question)
            if answered is not None:
                return answered
        q = analyse(question, self.ctx.report_year(question))
        got = None
        for topic in self.topics:
            got = topic(q)
            if got is not None:
                break
        if isinstance(got, Answer):
            return got
        named = reports_named(q.text, self.kb)
        if isinstance(got, OutOfRange):
            future = min(got.asked) > max(got.available)     # a target year: said in prose, not in a table
            if future or (not named and len(self.kb.reports) > 1):   # or another company's report has that year
                other = self._from_passages(q, named)
                if other.answerable:
                    return other
            return Answer(question, f"The report does not disclose {got.subject} for "
                          f"{', '.join(map(str, got.asked))}; it gives it for {got.available[0]}–{got.available[-1]}.",
                          route="none", answerable=False)
        ans = self._from_passages(q, named)
        if not ans.answerable and not ans.citations:
            ans.text += self.nearest_figures(q, named)
        return ans

    def by_clauses(self, question: str) -> Answer | None:
        """"How did X's Scope 2 emissions change from 2019 to 2020, and was the 2019 figure restated?":
        when the first question is a figure from the graph, each question is answered on its own (the
        company named once counts for all) and the answers are given one after the other."""
        asked = clauses(question)
        if not asked:
            return None
        first = self.compose(asked[0] + "?", by_parts=False)
        if first.route != "graph" or not first.answerable:
            return None         # the passages answer the question as a whole (a clause may refer back)
        company = mention(asked[0], self.company_tokens)
        rest = [self.compose(c + ("" if set(tokenize(c)) & self.company_tokens else f" ({company})") + "?",
                             by_parts=False) if not REFERS_BACK.search(c) else self._in_prose(question)
                for c in asked[1:]]
        answers = [first] + [a for a in rest if a.answerable]
        lines, citations = self.metrics.merged(answers)
        return Answer(question, "\n".join(lines), citations, facts=[f for a in answers for f in a.facts],
                      sparql=first.sparql, route="graph", answerable=True)

    def ranked(self, question: str, kind: str, way: str) -> Answer | None:
        """"Which scope rose the most?": the change each scope's sentence states, largest first."""
        named = reports_named(question, self.kb)
        hits = self.kb.search(question, k=T.RANKING_PASSAGES, **({"report": named[0]} if len(named) == 1 else {}))
        where = {s: p for p in hits for s in units(p.text)}
        changes = rankings.ranked(rankings.stated_changes(kind, list(where)), way)
        if len(changes) < 2:
            return None
        citations, numbers = cited((where[c.sentence], c.sentence) for c in changes)
        lines = [f"{c.sentence} [{n}]" for c, n in zip(changes, numbers)]
        verb = {"up": "rose the most", "down": "fell the most", "any": "changed the most"}[way]
        return Answer(question, f"{changes[0].member} {verb} ({changes[0].percent:+g}%).\n" + "\n".join(lines),
                      citations, route="passage")

    def _in_prose(self, question: str) -> Answer:
        """"..., and what drove it?": a clause about the figure asked first is answered by the
        passages, for the whole question (the clause alone does not say what "it" is)."""
        q = analyse(question, self.ctx.report_year(question))
        return self._from_passages(q, reports_named(q.text, self.kb))

    def _from_passages(self, q, named: list[str]) -> Answer:
        """The passage answer, from the one company's reports when the question names one."""
        return self.passages.answer(q, report=named[0] if len(named) == 1 else None)

    def nearest_figures(self, q, named: list[str]) -> str:
        """" The nearest figures it gives: Direct GHG emissions (Scope 1) 2021: 60 million tonnes." when the
        question's qualifier (Scope 3, market-based) is what no figure has."""
        m = self.metrics.catalog.nearest(q, named or None)
        if m is None:
            return ""
        figures = sorted(self.metrics.catalog.figures(m), key=lambda f: -f.year)[:1]
        if not figures:
            return ""
        f = figures[0]
        label = m.label + (f" ({m.qualifier})" if m.qualifier else "")
        return f" The nearest figure {self.ctx.company_name(m.report)} gives: {label} in {f.year}: {f.reported} {f.unit}".rstrip() + "."
