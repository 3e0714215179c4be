"""People and committees: who holds a role, who of a body fits, who chairs or sits on a committee."""
from __future__ import annotations

import re

from index.tokenize import tokenize

from . import thresholds as T
from .analysis import Question, coverage
from .base import Topic, cite
from .events import EventAnswerer
from .records import Committee, Person
from .templates import COMMITTEES, PEOPLE

WHO_Q = re.compile(r"^\s*(who|whom)\b|^\s*(which|what)\s+(people|persons|directors|members|women|men)\b", re.I)
GENDER_WORDS = {"female": {"women", "woman", "female", "females"}, "male": {"men", "man", "male", "males"}}


class PersonAnswerer(Topic):
    def __init__(self, ctx, events: EventAnswerer):
        super().__init__(ctx)
        self.events = events.events
        self.people = [Person(str(r.name), str(r.role or ""), str(r.gender or "") or None,
                              None if r.independent is None else r.independent.toPython(),
                              str(r.body or ""), str(r.pid), str(r.slug)) for r in self.kb.sparql(PEOPLE)]
        committees: dict[tuple, Committee] = {}
        for r in self.kb.sparql(COMMITTEES):
            c = committees.setdefault((str(r.slug), str(r.committee)), Committee(
                str(r.committee), str(r.chair) if r.chair else None, [], str(r.pid), str(r.slug)))
            c.members.append(str(r.member))
        self.committees = list(committees.values())
        self.committee_words = [set(tokenize(c.name)) - {"committe"} for c in self.committees]

    def answer(self, q: Question):
        """Who holds a role ("Who is the chairman?"), or who of a body fits ("the women on the board")."""
        if not WHO_Q.search(q.text) and not re.search(r"\bmembers?\b|\bchair", q.text, re.I):
            return None
        committee = self.answer_committee(q)
        if committee or not self.people or not WHO_Q.search(q.text):
            return committee
        words = set(re.findall(r"[a-z]+", q.text.lower()))
        gender = next((g for g, ws in GENDER_WORDS.items() if ws & words), None)
        reports = self.ctx.reports_for(q)
        concepts, _ = self.concepts(q)
        independent = (False if re.search(r"\bnon-?\s*independent", q.text, re.I) else
                       True if re.search(r"\bindependent\b", q.text, re.I) else None)
        pool = [p for p in self.people if p.report in reports and (not gender or p.gender == gender)
                and (independent is None or p.independent is independent)]
        scored = []
        for p in pool:
            role_words = set(tokenize(p.role)) - {"non", "independ"}
            about = set(tokenize(f"{p.role} {p.body}"))
            role_hit = bool(role_words & set().union(*concepts)) if concepts else False
            scored.append((coverage(concepts, about, self.ctx.idf) if concepts else 0.0, role_hit, p))
        if not scored:
            return None
        best = max(s for s, _, _ in scored)
        if best < T.MIN_QUESTION_COVERAGE and not gender:
            return None
        chosen = [p for s, hit, p in scored if s >= best - 1e-9 and (hit or gender or independent is not None)]
        if not chosen:
            return None
        citations, parts = [], []
        for p in chosen:
            cite(self.kb, citations, p.pid, p.name)
            if len(chosen) <= 2:      # where else the report names them in that role (events, news)
                for ev in self.events:
                    if p.name in ev.label and p.role and p.role.split()[0].lower() in ev.label.lower():
                        cite(self.kb, citations, ev.pid, ev.label)
            parts.append(f"{p.name} ({p.role})" if p.role else p.name)
        mk = " ".join(f"[{c.number}]" for c in citations)
        return self.graph_answer(q, "; ".join(parts) + f" {mk}", citations, chosen, PEOPLE)

    def answer_committee(self, q: Question):
        """"Who chairs the Audit Committee?", "Who are the members of the Nominating Committee?"."""
        words = set(tokenize(q.text))
        reports = self.ctx.reports_for(q)
        named = [(c, w) for c, w in zip(self.committees, self.committee_words) if c.report in reports and w <= words]
        if not named:
            return None
        c = max(named, key=lambda cw: len(cw[1]))[0]
        citations = []
        mark = cite(self.kb, citations, c.pid, c.chair or c.members[0]).number
        if re.search(r"\bchair", q.text, re.I) and c.chair:
            text = f"{c.chair} chairs the {c.name} [{mark}]"
        else:
            text = f"{c.name}: " + ", ".join(m + (" (chair)" if m == c.chair else "") for m in c.members) + f" [{mark}]"
        return self.graph_answer(q, text, citations, [c], COMMITTEES)
