"""Initiatives from case blocks: each case is an esg:Initiative with its title, the subsidiary it
names, the month it happened in, and its outcome sentences (the ones with figures)."""
from __future__ import annotations

import re

from rdflib import RDF, RDFS, XSD, Graph, Literal
from rdflib.namespace import DCTERMS

from kgqa.report.model import Report
from kgqa.report.text import clean_inline, slugify

from .base import derived_from
from ..iris import org_iri
from ..namespace import DATA, ESG
from .events import MONTHS

WHEN = re.compile(rf"\b(?:in|on|during|from)\s+(?:early\s+|late\s+|mid-)?({'|'.join(MONTHS)})\s+((?:19|20)\d{{2}})\b",
                  re.I)
YEAR_ONLY = re.compile(r"\b(?:in|during)\s+((?:19|20)\d{2})\b", re.I)
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
FIGURE = re.compile(r"\d[\d,]*(?:\.\d+)?")
MAX_OUTCOMES = 4


def extract(g: Graph, report: Report) -> int:
    aliases = sorted(report.aliases, key=len, reverse=True)
    count = 0
    for b in report.blocks:
        if b.kind != "case" or not b.title:
            continue
        passage = report.passage_at(b.start)
        if passage is None:
            continue
        text = clean_inline(b.text.replace("\n", " "))
        node = DATA[f"{report.slug}/initiative/{slugify(b.title)[:80]}"]
        g.add((node, RDF.type, ESG.Initiative))
        g.add((node, RDFS.label, Literal(clean_inline(b.title))))
        g.add((node, DCTERMS.description, Literal(text)))
        low = f"{b.title} {text}".lower()
        for short in aliases:
            if short.lower() in low:
                g.add((node, ESG.subsidiary, org_iri(report.slug, short)))
                break
        m = WHEN.search(text)
        if m:
            g.add((node, DCTERMS.date, Literal(f"{m.group(2)}-{MONTHS.index(m.group(1).lower()) + 1:02d}",
                                               datatype=XSD.gYearMonth)))
        elif YEAR_ONLY.search(text):
            g.add((node, DCTERMS.date, Literal(YEAR_ONLY.search(text).group(1), datatype=XSD.gYear)))
        outcomes = [s for s in SENTENCE.split(text) if FIGURE.search(re.sub(r"\b(19|20)\d{2}\b", "", s))]
        for s in outcomes[:MAX_OUTCOMES]:
            g.add((node, ESG.outcome, Literal(s.strip())))
        derived_from(g, node, report, passage)
        count += 1
    return count
