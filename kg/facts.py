"""Observations as plain dicts, for `kb.facts()` and `kgqa facts`, and as lean rows for the question answerer.

`FACTS_QUERY` is the listing as SPARQL (documented); `iter_facts` runs it on the store.  `figure_rows`
reads the same observations without their passage text, page and section, straight from the store's
rows (the answerer's metric catalog holds every observation: at 1,000 reports, close to a million).

Both match inside each report's graph (`GRAPH ?report`): a metric concept is shared by every report
that prints it, and the store's union default graph repeats its label once per report graph, so an
unscoped join would grow with the number of reports that share the metric (bench/bench_scale.py).
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

PREFIXES = """
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX esg: <https://kgqa.dev/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
# what an observation is: its figure, metric, period, entity and the passage (of a report) it comes from
OBSERVATION = """
  ?obs a qb:Observation ; esg:metric ?metric ; esg:value ?value ; esg:reportedValue ?reported ;
       esg:unit ?unit ; esg:reportedUnit ?reportedUnit ; esg:period ?period ; esg:entity ?entity ;
       prov:wasDerivedFrom ?passage .
  ?metric skos:prefLabel ?metricLabel .
  ?passage dcterms:identifier ?pid ; esg:passageText ?text ; esg:sectionPath ?section ; esg:report ?rep .
  ?rep esg:slug ?slug .
  OPTIONAL { ?obs esg:qualifier ?qualifier }
  OPTIONAL { ?obs esg:extractedFrom ?kind }"""

FACTS_QUERY = PREFIXES + """SELECT ?obs ?metricLabel ?value ?reported ?unit ?reportedUnit ?period ?entityLabel
       ?qualifier ?slug ?pid ?text ?page ?section ?kind
WHERE { GRAPH ?report {""" + OBSERVATION + """
  OPTIONAL { ?passage esg:page ?page }
  OPTIONAL { ?entity esg:shortName ?short }
  OPTIONAL { ?entity skos:prefLabel ?entityPref }
  BIND(COALESCE(?short, ?entityPref) AS ?entityLabel)
} }
ORDER BY ?slug ?metricLabel ?period
"""


def iter_facts(store) -> Iterator[dict[str, Any]]:
    """Every observation, ordered by report, metric and year (one dict per observation)."""
    out, seen = [], set()
    for r in store.query(FACTS_QUERY):
        obs = str(r.obs)
        if obs in seen:
            continue
        seen.add(obs)
        out.append({
            "metric": str(r.metricLabel), "value": float(r.value), "reported_value": str(r.reported),
            "unit": str(r.unit), "reported_unit": str(r.reportedUnit), "year": int(str(r.period)[:4]),
            "entity": str(r.entityLabel) if r.entityLabel is not None else None,
            "qualifier": str(r.qualifier) if r.qualifier is not None else None, "report": str(r.slug),
            "passage_id": str(r.pid), "source_text": str(r.text),
            "page": int(r.page) if r.page is not None else None, "section": str(r.section),
            "extracted_from": str(r.kind) if r.kind is not None else None, "observation": obs,
        })
    out.sort(key=lambda f: (f["report"], f["metric"], f["year"], f["observation"]))
    yield from out


FIGURES_QUERY = PREFIXES + """SELECT ?obs ?metricLabel ?value ?reported ?unit ?reportedUnit ?period ?qualifier
       ?slug ?pid ?kind
WHERE { GRAPH ?report {""" + OBSERVATION + """
} }
"""
FIGURE_FIELDS = ("report", "metric", "qualifier", "year", "reported_value", "reported_unit", "value", "unit",
                 "passage_id", "extracted_from")


def figure_rows(store) -> list[tuple]:
    """Every observation as a tuple of FIGURE_FIELDS, in `iter_facts` order (report, metric, year);
    repeated strings (labels, units, slugs) shared."""
    shared: dict[str, str] = {}
    keep = shared.setdefault

    def text(term) -> str | None:
        return None if term is None else keep(term.value, term.value)

    rows, seen = [], set()
    for s in store.execute(FIGURES_QUERY, "SELECT"):
        obs = s["obs"].value
        if obs in seen:
            continue
        seen.add(obs)
        rows.append(((text(s["slug"]), text(s["metricLabel"]), int(s["period"].value[:4]), obs),
                     (text(s["slug"]), text(s["metricLabel"]), text(s["qualifier"]), int(s["period"].value[:4]),
                      s["reported"].value, text(s["reportedUnit"]), float(s["value"].value), text(s["unit"]),
                      text(s["pid"]), text(s["kind"]))))
    rows.sort(key=lambda r: r[0])
    return [r[1] for r in rows]
