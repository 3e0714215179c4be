"""Targets and their achievement, from tables with an objective/target column ("Index", "Target",
"Goal", "Objectives 2030") next to achievement columns ("2024 Achievement", "2019 Results", or
"Achievement" for the report year).  A target whose column names its year ("Objectives 2030") is
for that year: an earlier year's achievement is progress, not met or missed."""
from __future__ import annotations

import re

from rdflib import RDF, RDFS, XSD, Graph, Literal

from kgqa.report.model import Block, Report
from kgqa.report.tables import TARGET_HEADER, cell_year
from kgqa.report.text import slugify

from .base import derived_from
from ..namespace import DATA, ESG
from ..units import FOOTNOTE, parse_value, unit_from_label
from .metrics import ObservationWriter

NOT_AVAILABLE = {"", "na", "n/a", "nd", "n.d."}          # no achievement that year
ACHIEVED_HEADER = re.compile(r"\b(achievement|achieved|actual|performance|results?)\b", re.I)


def met(target: str, achieved: str) -> bool | None:
    """Whether a printed achievement meets a printed target ("≥ 80%" vs "85%"); None when unclear."""
    t, a = parse_value(target), parse_value(achieved)
    if t.value is None or a.value is None or (t.unit and a.unit and t.unit != a.unit):
        return None
    t_val, t_bound, a_val, a_bound = t.value, t.note, a.value, a.note
    bound = (t_bound or "").strip()
    if bound in ("≥", ">=", "not less than", "at least"):
        return a_val >= t_val
    if bound in ("≤", "<=", "not more than", "at most", "<"):
        return a_val <= t_val if bound != "<" else a_val < t_val
    if bound in (">",):
        return a_val > t_val
    if a_bound and a_bound.strip() == bound:
        return True                         # "≥ 60%" reported against "≥ 60%"
    return a_val == t_val


def table_targets(g: Graph, w: ObservationWriter, report: Report, b: Block) -> int:
    t = b.table
    if not t or not t.header:
        return 0
    header = [FOOTNOTE.sub("", h).strip() for h in t.header]
    target_cols = [i for i, h in enumerate(header) if i > 0 and TARGET_HEADER.search(h)]
    achieved_cols = {i: cell_year(h) or report.year
                     for i, h in enumerate(header) if i > 0 and ACHIEVED_HEADER.search(h) and i not in target_cols}
    if not target_cols or not achieved_cols or not report.year:
        return 0
    tc = target_cols[0]
    own_year = cell_year(header[tc])             # "Objectives 2030"; an "Index" is each year's
    count = 0
    for row in t.rows:
        cells = [c.strip() for c in row.cells]
        if len(cells) <= tc or not cells[0] or not cells[tc]:
            continue
        label = FOOTNOTE.sub("", cells[0]).strip()
        passage = report.passage_at(row.line)
        if passage is None:
            continue
        node = DATA[f"{report.slug}/target/{slugify(label)}"]
        g.add((node, RDF.type, ESG.Target))
        g.add((node, RDFS.label, Literal(label)))
        g.add((node, ESG.metric, w.metric(unit_from_label(label)[0])))   # its observations' metric
        g.add((node, ESG.entity, w.company))
        g.add((node, ESG.targetValue, Literal(cells[tc])))
        g.add((node, ESG.extractedFrom, Literal("table")))
        g.add((node, ESG.targetYear, Literal(str(own_year or max(achieved_cols.values())), datatype=XSD.gYear)))
        derived_from(g, node, report, passage)
        for col, year in achieved_cols.items():
            if col >= len(cells) or cells[col].lower() in NOT_AVAILABLE:
                continue
            ach = DATA[f"{report.slug}/target/{slugify(label)}/{year}"]
            g.add((node, ESG.achievement, ach))
            g.add((ach, ESG.year, Literal(str(year), datatype=XSD.gYear)))
            g.add((ach, ESG.achievedValue, Literal(cells[col])))
            ok = met(cells[tc], cells[col]) if not own_year or year >= own_year else None
            if ok is not None:
                g.add((ach, ESG.met, Literal(ok)))
        count += 1
    return count


def extract(g: Graph, report: Report, w: ObservationWriter) -> int:
    return sum(table_targets(g, w, report, b) for b in report.blocks if b.kind == "table")
