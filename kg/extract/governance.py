"""Governance lists: committees with their chair and members (from a committee table), standards
the company helped write (title, number, type), and honours listed under an honours heading."""
from __future__ import annotations

import re

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal
from rdflib.namespace import ORG

from kgqa.report.model import Report
from kgqa.report.text import clean_inline, slugify

from .base import derived_from
from ..iris import org_iri
from ..namespace import DATA, ESG
from .people import person_node

PERSON = r"(?:Mr|Ms|Mrs|Dr|Prof)\.?\s+([A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})"
CHAIR = [re.compile(PERSON + r"\s+is\s+the\s+chair(?:person|man|woman)?"),
         re.compile(PERSON + r"\s*\(\s*chair(?:person|man|woman)?\s*\)")]
ANY_PERSON = re.compile(PERSON)
STANDARD_NO = re.compile(r"^(?:GB|GB/T|GB/Z|SJ/T|JB/T|YS/T|T/[A-Z]+|ISO|IEC|ISO/IEC|IEEE|ASTM|EN|DIN)\s*[\d.]+"
                         r"(?:[-—:]\d{2,4})?$")
HONOURS_HEADING = re.compile(r"\b(honou?rs|awards|recognitions)\b", re.I)
ITEM = re.compile(r"^\s*[-*•]\s*(?:◆\s*)?(.+)$")


def committees(g: Graph, report: Report) -> int:
    count = 0
    for b in report.blocks:
        if b.kind != "table" or not b.table:
            continue
        for row in b.table.rows:
            cells = [clean_inline(c) for c in row.cells]
            if not cells or not re.search(r"\bcommittee$", cells[0], re.I):
                continue
            text = " ".join(cells[1:])
            people = list(dict.fromkeys(ANY_PERSON.findall(text)))
            passage = report.passage_at(row.line)
            if not people or passage is None:
                continue
            node = DATA[f"{report.slug}/committee/{slugify(cells[0])}"]
            g.add((node, RDF.type, ESG.Committee))
            g.add((node, RDF.type, ORG.OrganizationalUnit))
            g.add((node, RDFS.label, Literal(cells[0])))
            g.add((node, ORG.unitOf, org_iri(report.slug, "company")))
            chair = next((m.group(1) for rx in CHAIR for m in [rx.search(text)] if m), None)
            for name in people:
                person = person_node(g, report, name)
                g.add((node, ESG.member, person))
                if name == chair:
                    g.add((node, ESG.chair, person))
            derived_from(g, node, report, passage)
            count += 1
    return count


def standards(g: Graph, report: Report) -> int:
    count = 0
    for b in report.blocks:
        if b.kind != "table" or not b.table:
            continue
        t = b.table
        # a table whose own header row was read as its title starts with a data row as "header"
        rows = [(t.header, t.header_line or b.start)] + [(r.cells, r.line) for r in t.rows]
        for raw_cells, line in rows:
            cells = [clean_inline(c) for c in raw_cells]
            code_col = next((i for i, c in enumerate(cells) if STANDARD_NO.match(c)), None)
            if code_col is None or code_col == 0 or not cells[0]:
                continue
            passage = report.passage_at(line)
            if passage is None:
                continue
            node = DATA[f"{report.slug}/standard/{slugify(cells[code_col])}"]
            g.add((node, RDF.type, ESG.Standard))
            g.add((node, RDFS.label, Literal(cells[0])))
            g.add((node, SKOS.notation, Literal(cells[code_col])))
            kind = next((c for c in cells[code_col + 1:] if c), None)
            if kind:
                g.add((node, ESG.standardType, Literal(kind)))
            derived_from(g, node, report, passage)
            count += 1
    return count


def honours(g: Graph, report: Report) -> int:
    """List items in a section whose title names honours or awards; the short line above a group
    of items ("National Level") is its level."""
    count, seen = 0, set()
    for b in report.blocks:
        if b.kind != "list" or not any(HONOURS_HEADING.search(s) for s in b.section):
            continue
        level = None
        for n in range(max(1, b.start - 8), b.end + 1):
            raw = report.lines[n - 1]
            m = ITEM.match(raw)
            if not m:
                line = clean_inline(raw)
                if line:
                    level = line if len(line.split()) <= 5 else None
                continue
            text = clean_inline(m.group(1)).strip(" ◆")
            passage = report.passage_at(n)
            if n < b.start or n in seen or passage is None or len(text) < 6:
                continue
            seen.add(n)
            node = DATA[f"{report.slug}/honour/L{n}"]
            g.add((node, RDF.type, ESG.Honour))
            g.add((node, RDFS.label, Literal(text)))
            if level:
                g.add((node, ESG.level, Literal(level)))
            if report.year:
                g.add((node, ESG.year, Literal(str(report.year), datatype=XSD.gYear)))
            derived_from(g, node, report, passage)
            count += 1
    return count


def extract(g: Graph, report: Report) -> int:
    return committees(g, report) + standards(g, report) + honours(g, report)
