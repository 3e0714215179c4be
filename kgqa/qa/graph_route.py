"""The graph route: match a metric in the graph, fetch its observations with a bound SPARQL
template, and compute changes, trends and extremes in code."""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from rdflib import Literal

from index.tokenize import tokenize

from .analysis import GENERIC, Question, company_tokens, reports_named

OBSERVATIONS = """PREFIX esg: <https://kgqa.dev/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?period ?reported ?unit ?value ?baseUnit ?pid ?qualifier WHERE {
  ?obs esg:metric ?metric ; esg:period ?period ; esg:reportedValue ?reported ; esg:reportedUnit ?unit ;
       esg:value ?value ; esg:unit ?baseUnit ; prov:wasDerivedFrom ?passage .
  ?metric skos:prefLabel ?label .
  ?passage dcterms:identifier ?pid ; esg:report ?report .
  ?report esg:slug ?slug .
  OPTIONAL { ?obs esg:qualifier ?qualifier }
} ORDER BY ?period"""
MIN_LABEL_COVERAGE = 0.7     # share (IDF-weighted) of the metric label's words found in the question
MIN_QUESTION_COVERAGE = 0.6  # share (IDF-weighted) of the question's content words found in label/qualifier/unit
KIND_BONUS = {"table": 0.1, "highlight": 0.05, "prose": -0.1}


@dataclass
class MetricMatch:
    report: str
    label: str
    qualifier: str | None
    score: float
    question_coverage: float = 1.0


def readable(value: float, unit: str) -> str:
    a = abs(value)
    for scale, word in ((1e9, "billion"), (1e6, "million"), (1e3, "thousand")):
        if a >= scale * 10 if word == "thousand" else a >= scale:
            return f"{unit} {value / scale:,.2f} {word}" if unit in ("CNY", "USD", "$") else f"{value / scale:,.2f} {word} {unit}"
    return f"{value:,.10g} {unit}".strip()


class GraphRoute:
    def __init__(self, kb, idf):
        self.kb = kb
        self.idf = idf
        groups: dict[tuple, list[dict]] = defaultdict(list)
        for f in kb.facts():
            groups[(f["report"], f["metric"], f["qualifier"])].append(f)
        self.groups = groups
        self.tokens = {k: set(tokenize(k[1])) - GENERIC for k in groups}
        self.extra = {k: set(tokenize(f"{k[2] or ''} {v[0]['reported_unit']}")) - GENERIC for k, v in groups.items()}
        self.companies = {slug: company_tokens(meta) for slug, meta in kb.reports.items()}
        self.company_tokens = set().union(*self.companies.values()) if self.companies else set()

    def reports_named(self, q: Question) -> list[str]:
        return reports_named(q.text, self.kb.reports)

    def _weight(self, tokens) -> float:
        return sum(max(self.idf(t), 0.1) for t in tokens)

    def match(self, q: Question) -> MetricMatch | None:
        """The metric the question asks about, by IDF-weighted word coverage in both directions."""
        content = q.content - self.company_tokens
        if not content:
            return None
        reports = self.reports_named(q) or list(self.kb.reports)
        best = None
        total_q = self._weight(content)
        for key, mt in self.tokens.items():
            report, label, qualifier = key
            if report not in reports or not mt:
                continue
            common = mt & content
            if not common:
                continue
            label_cov = self._weight(common) / self._weight(mt)
            if label_cov < MIN_LABEL_COVERAGE:
                continue
            q_cov = self._weight(content & (mt | self.extra[key])) / total_q
            facts = self.groups[key]
            years_bonus = 0.1 if q.years and any(f["year"] in q.years for f in facts) else 0.0
            unmentioned = set(tokenize(qualifier or "")) - content - GENERIC
            score = (label_cov + q_cov + KIND_BONUS.get(facts[0]["extracted_from"], 0) + years_bonus
                     - 0.1 * min(len(unmentioned), 3))
            if best is None or score > best.score:
                best = MetricMatch(report, label, qualifier, score, q_cov)
        if best is None or best.question_coverage < MIN_QUESTION_COVERAGE:
            return None
        return best

    def answer(self, q: Question):
        from kgqa.answer import Answer, Citation

        m = self.match(q)
        if m is None:
            return None
        rows = self.kb.sparql(OBSERVATIONS, bindings={"label": Literal(m.label), "slug": Literal(m.report)})
        by_year: dict[int, dict] = {}
        for r in rows:
            if (str(r.qualifier) if r.qualifier else None) != m.qualifier:
                continue
            y = int(str(r.period)[:4])
            by_year.setdefault(y, {"year": y, "reported": str(r.reported), "unit": str(r.unit),
                                   "value": float(r.value), "base": str(r.baseUnit), "pid": str(r.pid)})
        if not by_year:
            return None
        years = [y for y in q.years if y in by_year]
        if q.years and not years:
            return "out_of_range", m, sorted(by_year)
        if not years:
            years = sorted(by_year) if q.operation in ("trend", "extreme") else [max(by_year)]
        if q.operation in ("trend", "extreme") and len(years) < 2:
            years = sorted(by_year)
        used = [by_year[y] for y in sorted(years)]
        label = m.label + (f" ({m.qualifier})" if m.qualifier else "")
        citations, cite_no = [], {}
        for f in used:
            if f["pid"] not in cite_no:
                p = self.kb.passage(f["pid"])
                cite_no[f["pid"]] = len(citations) + 1
                citations.append(Citation(len(citations) + 1, p.passage_id, p.report, p.section, p.page, p.text, 1.0))
            citations[cite_no[f["pid"]] - 1].highlights.append(f["reported"])

        def fmt(f):
            unit = f["unit"]
            s = f"{f['reported']} {unit}".strip()
            if f["base"] not in (unit, "percent", "number") and f["base"] and f["value"] >= 1000:
                s += f" (= {readable(f['value'], f['base'])})"
            return s + f" [{cite_no[f['pid']]}]"

        if q.operation == "change" and len(used) >= 2:
            a, b = used[0], used[-1]
            raw_a = float(a["reported"].replace(",", ""))
            raw_b = float(b["reported"].replace(",", ""))
            pct = (raw_b - raw_a) / raw_a * 100 if raw_a else float("nan")
            text = (f"{label}: {a['reported']} in {a['year']} vs {b['reported']} in {b['year']} {b['unit']}: "
                    f"{raw_b - raw_a:+,.10g} ({pct:+.1f}%) [{cite_no[b['pid']]}]")
        elif q.operation == "extreme" and len(used) >= 2:
            lowest = re.search(r"\b(lowest|smallest|least|minimum|lower)\b", q.text, re.I)
            pick = (min if lowest else max)(used, key=lambda f: f["value"])
            others = "; ".join(f"{f['year']}: {fmt(f)}" for f in used if f is not pick)
            text = f"{label} was {'lowest' if lowest else 'highest'} in {pick['year']}: {fmt(pick)} (vs {others})."
        elif len(used) > 1:
            text = f"{label}: " + "; ".join(f"{f['year']}: {fmt(f)}" for f in used) + "."
        else:
            f = used[0]
            text = f"{label} in {f['year']}: {fmt(f)}."
        facts = [dict(f, metric=m.label, qualifier=m.qualifier, report=m.report) for f in used]
        return Answer(q.text, text, citations, facts=facts,
                      sparql=OBSERVATIONS + f"\n# bound: ?label = {m.label!r}, ?slug = {m.report!r}",
                      route="graph", answerable=True)
