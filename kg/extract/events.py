"""Dated events from timelines: list items under a month or year heading ("March" / "- JSG relocated
its headquarters"; "2014" / "- Established JingRui Electronic"), each an esg:Event with its date."""
from __future__ import annotations

import re

from rdflib import RDF, RDFS, XSD, Graph, Literal
from rdflib.namespace import DCTERMS

from kgqa.report.model import Report
from kgqa.report.text import clean_inline

from .base import derived_from
from ..iris import org_iri
from ..namespace import DATA, ESG

MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
MONTH_HEADING = re.compile(rf"^({'|'.join(MONTHS)})(?:\s+((?:19|20)\d{{2}}))?$", re.I)
YEAR_HEADING = re.compile(r"^((?:19|20)\d{2})$")
ITEM = re.compile(r"^\s*[-*•◆]\s*(?:◆\s*)?(.+)$")


def _clean(line: str) -> str:
    return clean_inline(line).strip()


def timeline_events(report: Report):
    """(line number, date string, item text) for every list item under a date heading."""
    heading_year = None
    date = None
    for n, raw in enumerate(report.lines, start=1):
        line = _clean(raw)
        if not line:
            continue
        m = re.match(r"^((?:19|20)\d{2})\b.*\b(events|milestones|highlights|timeline)\b", line, re.I)
        if m:
            heading_year, date = int(m.group(1)), None
            continue
        mm = MONTH_HEADING.match(line)
        ym = YEAR_HEADING.match(line)
        if mm:
            year = int(mm.group(2)) if mm.group(2) else (heading_year or report.year)
            date = f"{year}-{MONTHS.index(mm.group(1).lower()) + 1:02d}" if year else None
            continue
        if ym:
            date = ym.group(1)
            continue
        item = ITEM.match(raw)
        if item and date:
            yield n, date, _clean(item.group(1))
        elif not item:
            date = None          # prose ends the timeline


def extract(g: Graph, report: Report) -> int:
    aliases = sorted(report.aliases, key=len, reverse=True)
    count = 0
    for n, date, text in timeline_events(report):
        passage = report.passage_at(n)
        if passage is None or len(text) < 8 or text.isupper():
            continue
        node = DATA[f"{report.slug}/event/L{n}"]
        g.add((node, RDF.type, ESG.Event))
        g.add((node, RDFS.label, Literal(text)))
        dtype = XSD.gYearMonth if len(date) == 7 else XSD.gYear
        g.add((node, DCTERMS.date, Literal(date, datatype=dtype)))
        g.add((node, ESG.year, Literal(date[:4], datatype=XSD.gYear)))
        if len(date) == 7:
            g.add((node, ESG.month, Literal(MONTHS[int(date[5:]) - 1].capitalize())))
        low = text.lower()
        for short in aliases:
            if short.lower() in low:
                g.add((node, ESG.subsidiary, org_iri(report.slug, short)))
                break
        derived_from(g, node, report, passage)
        count += 1
    return count
