"""Metric observations (RDF Data Cube) from tables with year columns, highlight tables and
"Key Performance" sentences, each derived from the passage that holds it."""
from __future__ import annotations

import re
from collections import Counter

from rdflib import RDF, SKOS, XSD, Graph, Literal, URIRef

from kgqa.report.model import Block, Report
from kgqa.report.text import clean_inline, slugify

from .base import derived_from
from ..iris import org_iri
from ..namespace import DATA, ESG, QB
from ..units import FOOTNOTE, LABEL_NOTES, NUMBER, merge_units, normalise, parse_value, unit_from_label

PROSE_FIGURE = re.compile(r"\*\*\s*([-+]?\d[\d,]*(?:\.\d+)?)\s*\*\*\s*(%|[A-Za-z'’³²₂/ ,.]{0,40})")
UNIT_WORDS = re.compile(r"^(%|person-times|man-hours|percent|million|billion|thousand|cny|rmb|usd|\$|kwh|mwh|gwh|tons?|tonnes?|t|m³|m3|litres?|"
                        r"liters?|hours?|persons?|people|person-times|pcs|pieces|times|days|years?|km|kg|gj|tco2e?)\b", re.I)
STOP = re.compile(r"\b(and|which|while|including|of which|among|in|at|for|by|to|during|as|representing|accounting)\b|[,.;:()]", re.I)
VERB_PHRASE = re.compile(r"^(in|on|for|to)\s+(.+)$", re.I)


class ObservationWriter:
    def __init__(self, g: Graph, report: Report):
        self.g, self.report = g, report
        self.company = org_iri(report.slug, "company")
        self.skipped: Counter = Counter()
        self.count = 0
        self.subsidiaries = sorted(((k.lower(), org_iri(report.slug, k)) for k in report.aliases),
                                   key=lambda kv: -len(kv[0]))

    def entity_for(self, text: str) -> URIRef:
        low = text.lower()
        for alias, node in self.subsidiaries:
            if alias in low:
                return node
        return self.company

    def metric(self, label: str, framework: dict[str, str] | None = None) -> URIRef:
        node = DATA[f"metric/{slugify(label)}"]
        g = self.g
        g.add((node, RDF.type, ESG.Metric))
        g.add((node, RDF.type, SKOS.Concept))
        g.add((node, SKOS.inScheme, DATA["metric"]))
        if (node, SKOS.prefLabel, None) not in g:
            g.add((node, SKOS.prefLabel, Literal(label)))
        for scheme, code in (framework or {}).items():
            g.add((node, SKOS.notation, Literal(f"{scheme} {code}")))
        return node

    def topic(self, metric: URIRef, label: str) -> None:
        """The table heading a metric is listed under ("Employee diversity") as a SKOS topic concept."""
        node = DATA[f"topic/{slugify(label)}"]
        self.g.add((node, RDF.type, ESG.Topic))
        self.g.add((node, RDF.type, SKOS.Concept))
        self.g.add((node, SKOS.inScheme, DATA["topic"]))
        self.g.add((node, SKOS.prefLabel, Literal(label)))
        self.g.add((metric, ESG.topic, node))
        self.g.add((metric, SKOS.broader, node))

    def add(self, label: str, value: float, reported: str, unit: str, year: int, line: int, kind: str,
            qualifier: str | None = None, note: str | None = None, entity_text: str = "",
            framework: dict[str, str] | None = None, is_percent: bool = False,
            topic: str | None = None, passage=None) -> URIRef | None:
        passage = passage or self.report.passage_at(line)
        if passage is None:
            self.skipped["figure outside any passage"] += 1
            return None
        g = self.g
        metric = self.metric(label, framework)
        if topic:
            self.topic(metric, topic)
        qslug = f"/{slugify(qualifier)}" if qualifier else ""
        norm_value, norm_unit = normalise(value, unit, is_percent)
        base = f"{self.report.slug}/obs/{slugify(label)}{qslug}/{year}/L{line}"
        obs, n = DATA[base], 1
        while (obs, RDF.type, QB.Observation) in g:      # two figures with one label on one line
            if g.value(obs, ESG.value) == Literal(_dec(norm_value), datatype=XSD.decimal):
                return obs                                # the same figure read twice: one observation
            n += 1
            obs = DATA[f"{base}-{n}"]
        g.add((obs, RDF.type, QB.Observation))
        g.add((obs, QB.dataSet, DATA[f"{self.report.slug}/dataset"]))
        g.add((obs, ESG.metric, metric))
        g.add((obs, ESG.entity, self.entity_for(entity_text or label)))
        g.add((obs, ESG.period, Literal(str(year), datatype=XSD.gYear)))
        g.add((obs, ESG.value, Literal(_dec(norm_value), datatype=XSD.decimal)))
        g.add((obs, ESG.reportedValue, Literal(reported)))
        g.add((obs, ESG.reportedUnit, Literal(unit)))
        g.add((obs, ESG.unit, Literal(norm_unit)))
        g.add((obs, ESG.extractedFrom, Literal(kind)))
        if qualifier:
            g.add((obs, ESG.qualifier, Literal(qualifier)))
        if note:
            g.add((obs, ESG.note, Literal(note)))
        derived_from(g, obs, self.report, passage)
        self.count += 1
        return obs


def _dec(x: float) -> str:
    s = f"{x:.10f}".rstrip("0").rstrip(".")
    return s if s not in ("", "-0") else "0"


SUB_ROW = re.compile(r"^(?:[–—-]\s+|of which\s+|incl(?:\.|uding)\s+)(\S.*)$", re.I)
STOPWORD_LABELS = {"about", "are", "is", "was", "were", "company", "company added", "consecutive years", "and"}
FRAMEWORK_HEADERS = {"gri", "sasb", "ipieca", "tcfd", "hkex"}


def table_observations(w: ObservationWriter, b: Block) -> None:
    t = b.table
    if not t or not t.years:
        return
    header_keys = [h.lower().strip() for h in t.header]
    fw_cols = {i: h.upper() for i, h in enumerate(header_keys) if h in FRAMEWORK_HEADERS}
    labels = [LABEL_NOTES.sub("", FOOTNOTE.sub("", r.cells[0])).strip() if r.cells else "" for r in t.rows]
    repeated = {l for l, c in Counter(labels).items() if c > 1 and l}
    group: str | None = None      # a row with no figures heads the rows below it
    parent: str | None = None     # the last row whose label is not a repeated breakdown
    title_label, title_unit = unit_from_label(LABEL_NOTES.sub("", FOOTNOTE.sub("", t.title or b.title or "")).strip())
    # a short parenthesised scope closing the title: "(operational control)", "(equity boundary)";
    # a list in brackets ("(waste water, waste gas, solid waste)") explains the title instead
    scope = re.search(r"\(([^(),;]{3,40})\)\s*$", title_label)
    scope = scope.group(1) if scope else None
    last_label = ""
    for row, label in zip(t.rows, labels):
        values = {y: row.cells[i] if i < len(row.cells) else "" for i, y in t.years.items()}
        if not label and row.cells and not any(c for c in row.cells[1:]):
            continue
        if not label:
            label = last_label  # a continuation row of a multi-line cell
        if not label:
            w.skipped["row without a label"] += 1
            continue
        if not any(v.strip() for v in values.values()):
            group = label
            parent = None
            continue
        if all(v.strip() == str(y) for y, v in values.items()):
            continue      # the header repeated at the top of a sub-table ("Data item | Unit | 2024 | 2023")
        last_label = label
        qualifier = None
        inherited = ""     # the unit a sub-row shares with the row it breaks down
        sub = SUB_ROW.match(label)
        if sub and (parent or group):
            # an indented sub-row ("– Upstream" under "Scope 1"): the metric is "Scope 1 – Upstream"
            label = sub.group(1)
            head, inherited = unit_from_label(parent or group)
            qualifier, metric_label = label, f"{head} – {label}"
        elif label in repeated and (parent or group):
            # a breakdown row ("Employees" under "Fatalities"): the metric is "Fatalities – Employees"
            head, inherited = unit_from_label(parent or group)
            qualifier, metric_label = label, f"{head} – {label}"
        else:
            parent = label
            metric_label = label
        if scope:
            qualifier = f"{scope}; {qualifier}" if qualifier else scope
        unit = row.cells[t.unit_col] if t.unit_col is not None and t.unit_col < len(row.cells) else ""
        name, label_unit = unit_from_label(metric_label)
        if not unit and label_unit:
            metric_label, unit = name, label_unit
        if not unit and inherited:
            unit = inherited
        if not unit and title_unit:
            unit = title_unit
        framework = {fw_cols[i]: row.cells[i] for i in fw_cols if i < len(row.cells)
                     and row.cells[i] not in ("", "–", "-")}
        for year, cell in values.items():
            read = parse_value(cell)
            if read.value is None:
                w.skipped[read.reason] += 1
                continue
            w.add(metric_label, read.value, read.printed, merge_units(unit, read.unit), year, row.line, "table",
                  qualifier=qualifier, note=(f"{read.note} (printed: {cell.strip()})" if read.note else None),
                  entity_text=label, framework=framework, is_percent=read.percent, topic=group)


def highlight_observations(w: ObservationWriter, b: Block, year: int | None) -> None:
    """A label row followed by a value row ("Revenue" / "1,757,661 CNY 10,000")."""
    t = b.table
    if not t or t.years or not year:
        return
    rows = [t.header] + [r.cells for r in t.rows]
    lines = [t.header_line or b.start] + [r.line for r in t.rows]
    # a key-figure strip prints each figure's unit under it: labels / figures / units
    units = rows[2] if len(rows) == 3 and not any(re.search(r"\d", c) for c in rows[2]) \
        and all(len(c.split()) <= 3 for c in rows[2]) else []
    for (labels, _), (values, line) in zip(zip(rows, lines), list(zip(rows, lines))[1:]):
        for k, (label, cell) in enumerate(zip(labels, values)):
            m = re.fullmatch(r"([-+]?\d[\d,]*(?:\.\d+)?)\s*(%|[^\d].*)?", cell.strip())
            if not m or not label or NUMBER.fullmatch(label.strip()) or re.match(r"^\d", label):
                continue
            value = parse_value(m.group(1)).value
            if value is None:
                continue
            unit = (m.group(2) or "").strip() or (units[k].strip() if values is rows[1] and k < len(units) else "")
            w.add(label, value, m.group(1), unit, year, line, "highlight", entity_text=label,
                  is_percent=unit == "%")


def prose_observations(w: ObservationWriter, b: Block, year: int | None) -> None:
    """Bold figures in "Key Performance" sentences: "invested CNY **13.85** million in safety production"."""
    if not year:
        return
    for offset, raw in enumerate(b.text.splitlines()):
        line = b.start + offset
        while line <= b.end and raw.strip() and raw.strip() not in w.report.lines[line - 1]:
            line += 1
        ys = [int(y) for y in re.findall(r"\b(20\d{2})\b", raw)]
        obs_year = ys[0] if ys and not re.search(r"as of|since|by 20", raw, re.I) else year
        for m in PROSE_FIGURE.finditer(raw):
            reported = m.group(1)
            value = parse_value(reported).value
            if value is None:
                continue
            after = clean_inline(raw[m.end(1) + 2:])
            before = clean_inline(raw[: m.start()])
            unit = ""
            um = UNIT_WORDS.match(after.strip())
            if um:
                unit = um.group(0)
                after = after.strip()[um.end():]
                if unit.lower() in ("million", "billion", "thousand"):
                    um2 = UNIT_WORDS.match(after.strip())
                    if um2:
                        unit += " " + um2.group(0)
                        after = after.strip()[um2.end():]
            cur = re.search(r"(CNY|RMB|USD|US\$|\$|€|£)\s*$", before)
            if cur:
                unit = f"{cur.group(1)} {unit}".strip()
                before = before[: cur.start()]
            after = re.sub(r"^(of which|of them|are|were|is|was|being)\s+", "", after.strip(), flags=re.I)
            label = STOP.split(after.strip(), maxsplit=1)[0].strip()
            vp = VERB_PHRASE.match(after.strip())
            verb = re.search(r"\b(invested|spent|donated|paid|generated|consumed|saved|reduced|raised)\s*$", before)
            if vp and verb:     # "invested CNY 13.85 million in safety production"
                label = f"{verb.group(1)} {vp.group(1)} " + STOP.split(vp.group(2), maxsplit=1)[0].strip()
            elif len(label.split()) < 2 or label[:1].isdigit():
                tail = re.split(r"[,.;:]", before)[-1]
                tail = re.sub(r"^.*\b(20\d{2}|had|has|have|was|were|reached|of|is|are)\b", "", tail).strip()
                label = " ".join(tail.split()[-6:]) or label
            label = re.sub(r"^(the|a|an|total of|total)\s+", "", label.strip(), flags=re.I)
            label = re.sub(r"\^\{[^}]*\}", "", label).strip(" -")
            if not label or not any(ch.isalpha() for ch in label) or label.lower() in STOPWORD_LABELS:
                w.skipped["prose figure without a label"] += 1
                continue
            w.add(label[:1].upper() + label[1:], value, reported, unit, obs_year, line, "prose",
                  entity_text=raw, is_percent=unit == "%")


def extract(g: Graph, report: Report, w: ObservationWriter | None = None) -> Counter:
    w = w or ObservationWriter(g, report)
    g.add((DATA["metric"], RDF.type, SKOS.ConceptScheme))
    g.add((DATA[f"{report.slug}/dataset"], RDF.type, QB.DataSet))
    for b in report.blocks:
        if b.kind == "table":
            table_observations(w, b)
            highlight_observations(w, b, report.year)
        elif b.kind == "key_performance":
            prose_observations(w, b, report.year)
    return w.skipped


def flag_conflicts(g: Graph, report: Report) -> int:
    """The same metric, entity, qualifier and year reported twice (tables and highlight blocks) with
    different values: both
    observations are kept, linked by esg:conflictsWith, and an esg:Conflict node says so."""
    seen: dict[tuple, list] = {}
    for obs in g.subjects(RDF.type, QB.Observation):
        if str(g.value(obs, ESG.extractedFrom)) == "prose":
            continue          # a prose label is too loose to claim two figures measure the same thing
        key = (g.value(obs, ESG.metric), g.value(obs, ESG.entity), g.value(obs, ESG.qualifier),
               g.value(obs, ESG.period), g.value(obs, ESG.unit))
        seen.setdefault(key, []).append(obs)
    count = 0
    for (metric, _, _, period, _), group in seen.items():
        values = {float(g.value(o, ESG.value)) for o in group}
        if len(group) < 2 or len(values) < 2:
            continue
        node = DATA[f"{report.slug}/conflict/{slugify(str(metric).rsplit('/', 1)[-1])}/{period}"]
        g.add((node, RDF.type, ESG.Conflict))
        g.add((node, ESG.metric, metric))
        g.add((node, ESG.period, period))
        for o in group:
            g.add((node, ESG.observation, o))
            for other in group:
                if other != o and float(g.value(other, ESG.value)) != float(g.value(o, ESG.value)):
                    g.add((o, ESG.conflictsWith, other))
        count += 1
    return count
