"""Dated events of the reports' timelines: "When did X happen?", "What happened in March 2024?"."""
from __future__ import annotations

import re

from index.tokenize import tokenize
from kg.extract.events import MONTHS

from . import thresholds as T
from .analysis import GENERIC, Question, coverage, weight
from .base import Topic, cite
from .records import Event
from .templates import EVENTS

MONTH_NAMES = [m.capitalize() for m in MONTHS]


def event_date(date: str) -> str:
    return f"{MONTH_NAMES[int(date[5:7]) - 1]} {date[:4]}" if len(date) >= 7 else date


class EventAnswerer(Topic):
    def __init__(self, ctx):
        super().__init__(ctx)
        self.events = [Event(str(r.label), str(r.date), str(r.pid), str(r.slug)) for r in self.kb.sparql(EVENTS)]
        self.tokens = [set(tokenize(e.label)) - GENERIC for e in self.events]

    def answer(self, q: Question):
        if q.operation == "when":
            return self.answer_when(q)
        if q.operation == "events":
            return self.answer_month(q)
        return None

    def answer_when(self, q: Question):
        """When something happened, from the dated events."""
        concepts, content = self.concepts(q)
        if not content:
            return None
        reports = self.ctx.reports_for(q)
        scored = []
        for ev, tokens in zip(self.events, self.tokens):
            common = tokens & content
            if ev.report not in reports or not common:
                continue
            q_cov = coverage(concepts, tokens, self.ctx.idf)
            l_cov = weight(common, self.ctx.idf) / weight(tokens, self.ctx.idf)
            scored.append((q_cov + T.EVENT_LABEL_WEIGHT * l_cov, q_cov, ev))
        if not scored:
            return None
        _, q_cov, ev = max(scored, key=lambda x: x[0])
        if q_cov < T.MIN_QUESTION_COVERAGE:
            return None
        citations = []
        cite(self.kb, citations, ev.pid, ev.label)
        return self.graph_answer(q, f"{event_date(ev.date)}: {ev.label} [1]", citations, [ev], EVENTS)

    def answer_month(self, q: Question):
        """Every event dated in a month the question names."""
        m = re.search(rf"\b({'|'.join(MONTH_NAMES)})\b", q.text, re.I)
        if not m:
            return None
        month = MONTH_NAMES.index(m.group(1).capitalize()) + 1
        reports = self.ctx.reports_for(q)
        hits = [ev for ev in self.events if ev.report in reports and len(ev.date) >= 7
                and int(ev.date[5:7]) == month and (not q.years or int(ev.date[:4]) in q.years)]
        if not hits:
            return None
        citations, lines = [], []
        for ev in hits:
            lines.append(f"- {ev.label} [{cite(self.kb, citations, ev.pid, ev.label).number}]")
        return self.graph_answer(q, f"{event_date(hits[0].date)}:\n" + "\n".join(lines), citations, hits, EVENTS)
