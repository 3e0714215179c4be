"""The reporting company and its subsidiaries, with every alias spelling the report uses."""
from __future__ import annotations

import re

from rdflib import RDF, RDFS, SKOS, Graph, Literal
from rdflib.namespace import ORG

from kgqa.report.model import Report

from .base import derived_from
from ..iris import org_iri
from ..namespace import ESG


def _variants(short: str, text: str) -> set[str]:
    """Spellings of a short name found in the text: case variants and Electronic/Electronics."""
    stem = short.split()[0]
    rest = short.split()[1:]
    pat = re.compile(r"\b(" + re.escape(stem) + r")\s+(" + (re.escape(rest[0][:-1]) + r"\w{0,3}" if rest else "") + r")",
                     re.I) if rest else None
    found = {short}
    if pat:
        for m in pat.finditer(text):
            found.add(f"{m.group(1)} {m.group(2)}")
    return found


def extract(g: Graph, report: Report) -> None:
    company = org_iri(report.slug, "company")
    text = "\n".join(report.lines)
    for short, full in report.aliases.items():
        node = org_iri(report.slug, short)
        g.add((node, RDF.type, ORG.Organization))
        g.add((node, RDF.type, ESG.Subsidiary))
        g.add((node, SKOS.prefLabel, Literal(full)))
        g.add((node, RDFS.label, Literal(short)))
        g.add((node, ESG.shortName, Literal(short)))
        g.add((node, ORG.subOrganizationOf, company))
        for v in sorted(_variants(short, text)):
            g.add((node, SKOS.altLabel, Literal(v)))
        # the passage that defines the short name ("X refers to ...") first, else the first naming it in full
        src = next((p for p in report.passages if f"{short} refers to" in p.text), None) or \
            next((p for p in report.passages if full in p.text), None)
        if src:
            derived_from(g, node, report, src)
