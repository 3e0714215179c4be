"""Subsidiary facts from the text: recognitions ("recognized as ... 'Little Giant' enterprises",
"selected as a smart factory") and the year a subsidiary was established or acquired (company
history), each on the subsidiary's node and traced to its passage."""
from __future__ import annotations

import re

from rdflib import RDF, RDFS, XSD, Graph, Literal

from kgqa.report.model import Report
from kgqa.report.text import clean_inline, slugify

from .base import derived_from
from ..iris import org_iri
from ..namespace import DATA, ESG
from .events import timeline_events

RECOGNITION = re.compile(r"\b(?:recogni[sz]ed|selected|listed|named|honou?red|certified|awarded)\s+as\s+(?:an?\s+|the\s+)?"
                         r"(?P<what>[^.;:()]{4,160}?)(?=\s*(?:[.;:(]|$|\bin\s+(?:19|20)\d{2}\b))", re.I)
FOUNDED = re.compile(r"^\s*(?:jointly\s+)?(?:established|founded|set up|acquired|incorporated)\b", re.I)
SENTENCE = re.compile(r"(?<=[.!?;])\s+|\n+")


def extract(g: Graph, report: Report) -> int:
    aliases = sorted(report.aliases, key=len, reverse=True)
    if not aliases:
        return 0
    lows = {a: re.compile(rf"\b{re.escape(a.lower())}s?\b") for a in aliases}
    count = 0
    for n, raw in enumerate(report.lines, start=1):
        if not RECOGNITION.search(raw):
            continue
        passage = report.passage_at(n)
        if passage is None:
            continue
        for sentence in SENTENCE.split(clean_inline(raw)):
            start = 0
            for m in RECOGNITION.finditer(sentence):
                # the subsidiaries named between the previous recognition and this one received it
                named = [a for a in aliases if lows[a].search(sentence[start: m.start()].lower())]
                start = m.end()
                what = m.group("what").strip(" \"“”'")
                for a in named:
                    # the recognition is a node of its own, so its passage is its provenance, not the org's
                    honour = DATA[f"{report.slug}/recognition/{slugify(a)}/{slugify(what)[:60]}"]
                    g.add((honour, RDF.type, ESG.Honour))
                    g.add((honour, RDFS.label, Literal(what)))
                    g.add((honour, ESG.subsidiary, org_iri(report.slug, a)))
                    derived_from(g, honour, report, passage)
                    g.add((org_iri(report.slug, a), ESG.recognition, honour))
                    count += 1
    for n, date, text in timeline_events(report):
        if not FOUNDED.match(text):
            continue
        for a in aliases:
            if lows[a].search(text.lower()):
                g.add((org_iri(report.slug, a), ESG.established, Literal(date[:4], datatype=XSD.gYear)))
                count += 1
                break
    return count
