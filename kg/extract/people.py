"""People from governance tables: a table with a "Name" column (and a role or type column, and
gender where given) — board members with role, gender and independence — as esg:Person nodes."""
from __future__ import annotations

import re

from rdflib import RDF, RDFS, Graph, Literal
from rdflib.namespace import ORG

from kgqa.report.model import Report
from kgqa.report.text import clean_inline, slugify

from .base import derived_from
from ..iris import org_iri
from ..namespace import DATA, ESG

ROLE_HEADERS = ("type", "role", "position", "title", "post", "duty", "office")
GENDERS = {"male": "male", "female": "female", "m": "male", "f": "female", "man": "male", "woman": "female"}


def person_node(g: Graph, report: Report, name: str):
    """The node of a person of the report (one per name), a member of the reporting company."""
    node = DATA[f"{report.slug}/person/{slugify(name)}"]
    g.add((node, RDF.type, ESG.Person))
    g.add((node, RDFS.label, Literal(name)))
    g.add((node, ORG.memberOf, org_iri(report.slug, "company")))
    return node


def extract(g: Graph, report: Report) -> int:
    count = 0
    for b in report.blocks:
        t = b.table
        if b.kind != "table" or not t or not t.header:
            continue
        header = [clean_inline(h).lower() for h in t.header]
        if "name" not in header:
            continue
        name_col = header.index("name")
        role_col = next((i for i, h in enumerate(header) if h in ROLE_HEADERS), None)
        gender_col = next((i for i, h in enumerate(header) if h in ("gender", "sex")), None)
        body = clean_inline(t.title or b.title or "")
        for row in t.rows:
            cells = [clean_inline(c) for c in row.cells]
            if len(cells) <= name_col or not re.fullmatch(r"[A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,3}", cells[name_col]):
                continue
            passage = report.passage_at(row.line)
            if passage is None:
                continue
            node = person_node(g, report, cells[name_col])
            if body:
                g.add((node, ESG.body, Literal(body)))
            if role_col is not None and role_col < len(cells) and cells[role_col]:
                role = cells[role_col]
                g.add((node, ESG.role, Literal(role)))
                low = role.lower()
                if "independent" in low:
                    g.add((node, ESG.independent, Literal(not re.search(r"\bnon-?\s*independent", low))))
            if gender_col is not None and gender_col < len(cells):
                gender = GENDERS.get(cells[gender_col].strip().lower())
                if gender:
                    g.add((node, ESG.gender, Literal(gender)))
            derived_from(g, node, report, passage)
            count += 1
    return count
