"""Targets stated in prose become esg:Target nodes: "Our long-term goal is to achieve net-zero
operational GHG emissions by 2050", "reduce operational GHG emissions by at least 30 per cent from
FY2020 levels by FY2030". Each sentence of a passage is read by `commitment_sentences`; a list item
is read with the sentence that leads into it ("Our 2030 goals are to:"). Restatements of one target
become one node, from its fullest statement, derived from the passage that holds it.
"""
from __future__ import annotations

import re

from rdflib import RDF, RDFS, XSD, Graph, Literal

from kgqa.report.model import Passage, Report
from kgqa.report.text import sentences, slugify

from ..iris import org_iri
from ..namespace import DATA, ESG
from .base import derived_from
from .commitment_sentences import Commitment, read_commitments


def report_commitments(report: Report) -> list[tuple[Commitment, Passage]]:
    """(commitment, passage) for every distinct target the report's prose states, each from its
    fullest statement."""
    names = [report.short_name, report.company, *report.aliases]
    best: dict[tuple, tuple[Commitment, Passage]] = {}
    for p in report.passages:
        if p.kind == "table":
            continue
        lead = ""
        for s in sentences(p.text):
            text = f"{lead} {s}" if lead and not s.endswith(":") else s
            if s.endswith(":"):
                lead = s
            elif s.endswith((".", "!", "?")):
                lead = ""               # the list it led into has ended
            for c in read_commitments(text, report.year, names):
                old = best.get(c.key())
                if old is None or c.fullness() > old[0].fullness():
                    best[c.key()] = (c, p)
    scoped = {(k[:-1], _norm(c.label)) for k, (c, _) in best.items() if c.scopes}
    return [(c, p) for k, (c, p) in best.items() if c.scopes or (k[:-1], _norm(c.label)) not in scoped]


def _norm(label: str) -> str:
    return re.sub(r"[\W_]+", " ", label.lower()).strip()


def extract(g: Graph, report: Report) -> int:
    company = org_iri(report.slug, "company")
    seen: set = set()
    for c, passage in report_commitments(report):
        key = f"{c.year}-{slugify(c.amount)}-{slugify(c.label)[:60]}"
        while key in seen:
            key += "-"
        seen.add(key)
        node = DATA[f"{report.slug}/commitment/{key}"]
        g.add((node, RDF.type, ESG.Target))
        g.add((node, RDFS.label, Literal(c.label)))
        g.add((node, ESG.entity, company))
        g.add((node, ESG.targetValue, Literal(c.amount)))
        g.add((node, ESG.targetYear, Literal(str(c.year), datatype=XSD.gYear)))
        g.add((node, ESG.fiscalYear, Literal(c.fiscal)))
        g.add((node, ESG.direction, Literal(c.direction)))
        g.add((node, ESG.netZero, Literal(c.net_zero)))
        g.add((node, ESG.statement, Literal(c.sentence)))
        g.add((node, ESG.extractedFrom, Literal("prose")))
        if c.value is not None:
            g.add((node, ESG.value, Literal(str(c.value), datatype=XSD.decimal)))
            g.add((node, ESG.unit, Literal(c.unit)))
        if c.base_year:
            g.add((node, ESG.baseYear, Literal(str(c.base_year), datatype=XSD.gYear)))
        for scope in c.scopes:
            g.add((node, ESG.scope, Literal(scope)))
        if c.horizon:
            g.add((node, ESG.horizon, Literal(c.horizon)))
        derived_from(g, node, report, passage)
    return len(seen)
