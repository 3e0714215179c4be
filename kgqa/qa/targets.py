"""Targets from the graph: the target of a target table with its yearly achievement and whether it
was met; else a target the report states in prose ("net-zero operational emissions by 2050"),
answered with the sentence that states it."""
from __future__ import annotations

import re
from dataclasses import dataclass

from rdflib import Literal

from index.tokenize import tokenize
from kg.extract.commitment_sentences import CUE, NET_ZERO

from .analysis import GENERIC, Question, reports_named
from .base import Topic, cite
from .catalog import best_match, label_tokens
from .metric_answers import YES_NO
from .records import Record, TargetProgress
from .templates import PREFIXES, TARGET_LABELS, TARGETS

# a yes/no question a stated target answers: "Does X have a net-zero target?", "Has X set a goal ...?"
HAS_TARGET = re.compile(r"^\s*(?:does|do|has|have|is|are)\s+(?:[\w&'’.-]+\s+){1,3}?(?:have|has|set|made|got|"
                        r"committed)\b", re.I)
# a question about how a target went, not what it is
PROGRESS = re.compile(r"\b(?:perform(?:ed|ance)?|progress|met|meet|achieved?|reached|on track|aligned|consistent|"
                      r"validated|certified|approved?)\b", re.I)
STATED_TARGETS = PREFIXES + """SELECT ?label ?amount ?year ?base ?netZero ?statement ?pid
       (GROUP_CONCAT(?scope; separator=", ") AS ?scopes) WHERE { GRAPH ?graph {
  ?t a esg:Target ; esg:extractedFrom "prose" ; rdfs:label ?label ; esg:targetValue ?amount ; esg:targetYear ?year ;
     esg:netZero ?netZero ; esg:statement ?statement ; prov:wasDerivedFrom ?passage .
  ?passage dcterms:identifier ?pid ; esg:report/esg:slug ?slug .
  OPTIONAL { ?t esg:baseYear ?base }
  OPTIONAL { ?t esg:scope ?scope }
} } GROUP BY ?label ?amount ?year ?base ?netZero ?statement ?pid ORDER BY ?year"""


@dataclass
class StatedTarget(Record):
    """A target the report states in prose."""
    label: str
    amount: str
    year: int
    base_year: int | None
    scopes: str
    net_zero: bool
    statement: str
    pid: str
    report: str


class TargetAnswerer(Topic):
    def __init__(self, ctx):
        super().__init__(ctx)
        self.labels = {(str(r.slug), str(r.label), None): label_tokens(str(r.label))
                       for r in self.kb.sparql(TARGET_LABELS)}

    def answer(self, q: Question):
        got = self.from_table(q) if q.operation == "target" else None
        return got if got is not None else self.stated(q)

    def stated(self, q: Question):
        """The sentences that state the target asked about, for the one company the question names:
        its net-zero commitments when it asks about net zero, else the stated targets whose label it
        names (and, when it gives years, for those target or base years)."""
        net_zero = bool(NET_ZERO.search(q.text))
        named = reports_named(q.text, self.kb)
        worded = net_zero or CUE.search(q.text)        # "What is X targeting", "X's net-zero commitment"
        asks_target = q.operation == "target" or (worded and q.operation not in ("when", "events"))
        if not asks_target or len(named) != 1 or PROGRESS.search(q.text) \
                or (YES_NO.match(q.text) and not HAS_TARGET.match(q.text)):
            return None
        slug = named[0]
        rows = [StatedTarget(str(r.label), str(r.amount), int(str(r.year)[:4]),
                             int(str(r.base)[:4]) if r.base is not None else None, str(r.scopes or ""),
                             r.netZero.toPython(), str(r.statement), str(r.pid), slug)
                for r in self.kb.sparql(STATED_TARGETS, bindings={"slug": Literal(slug)})]
        if net_zero:
            chosen = sorted((t for t in rows if t.net_zero), key=lambda t: len(t.label.split()))
        else:
            dated = [t for t in rows if not q.years or t.year in q.years or t.base_year in q.years]
            candidates = {(slug, t.label, t.scopes or None): (label_tokens(t.label),
                                                             frozenset(tokenize(t.statement)) - GENERIC, 0.0)
                          for t in dated}
            m = best_match(self.ctx, q, candidates, reports=[slug])
            chosen = [t for t in dated if m and t.label == m.label and (t.scopes or None) == m.qualifier]
        if not chosen:
            return None
        citations, parts = [], {}
        for t in chosen:            # one sentence may state several targets ("35% by 2025 and 40% by 2030")
            c = cite(self.kb, citations, t.pid, t.amount)
            parts.setdefault(t.statement, f"{t.statement} [{c.number}]")
        text = ("Yes. " if YES_NO.match(q.text) else "") + " ".join(parts.values())
        return self.graph_answer(q, text, citations, chosen, STATED_TARGETS + f"\n# bound: ?slug = {slug!r}")

    def from_table(self, q: Question):
        """Target vs achievement: "Target ≥ 80%; achieved 85% in 2024 (met)"."""
        m = best_match(self.ctx, q, {k: (toks, set(), 0.0) for k, toks in self.labels.items()})
        if m is None:
            return None
        rows = list(self.kb.sparql(TARGETS, bindings={"label": Literal(m.label), "slug": Literal(m.report)}))
        if not rows:
            return None
        target, pid = str(rows[0].target), str(rows[0].pid)
        ach = {int(str(r.year)[:4]): (str(r.achieved), None if r.met is None else r.met.toPython())
               for r in rows if r.year is not None}
        citations = []
        citation = cite(self.kb, citations, pid, target)
        text = f"{m.label}: target {target} [1]"
        if ach:
            years = [y for y in q.years if y in ach] or [max(ach)]
            y = years[-1]
            value, ok = ach[y]
            citation.highlights.append(value)
            verdict = {True: "met", False: "not met", None: "met or not is not stated"}[ok]
            text += f"; achieved {value} in {y} ({verdict})"
            others = [f"{v} in {yy}" for yy, (v, _) in sorted(ach.items()) if yy != y]
            if others:
                text += f"; earlier: {', '.join(others)}"
            if YES_NO.match(q.text) and ok is not None:
                text = ("Yes. " if ok else "No. ") + text
        facts = [TargetProgress(m.label, target, y, v, ok, pid, m.report) for y, (v, ok) in sorted(ach.items())] or \
            [TargetProgress(m.label, target, None, None, None, pid, m.report)]
        return self.graph_answer(q, text + ".", citations, facts,
                                 TARGETS + f"\n# bound: ?label = {m.label!r}, ?slug = {m.report!r}")


