"""Targets from the graph: the target of a target table with its yearly achievement and whether it
was met."""
from __future__ import annotations

from rdflib import Literal


from .analysis import Question
from .base import Topic, cite
from .catalog import best_match, label_tokens
from .metric_answers import YES_NO
from .records import TargetProgress
from .templates import PREFIXES, TARGETS

# the targets of target tables (a target stated in prose has no achievement to report)
TABLE_TARGET_LABELS = PREFIXES + """SELECT DISTINCT ?slug ?label WHERE { GRAPH ?graph {
  ?t a esg:Target ; esg:extractedFrom "table" ; rdfs:label ?label ; prov:wasDerivedFrom/esg:report/esg:slug ?slug .
} }"""


class TargetAnswerer(Topic):
    def __init__(self, ctx):
        super().__init__(ctx)
        self.labels = {(str(r.slug), str(r.label), None): label_tokens(str(r.label))
                       for r in self.kb.sparql(TABLE_TARGET_LABELS)}

    def answer(self, q: Question):
        """Target vs achievement: "Target ≥ 80%; achieved 85% in 2024 (met)"."""
        if q.operation != "target":
            return None
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


