"""Observations as plain dicts, for `kb.facts()`, `kgqa facts` and the question answerer.

`FACTS_QUERY` is the same listing as SPARQL (documented, and run by the tests to check that the
two agree); `iter_facts` walks the graph directly, which rdflib does about twenty times faster.
"""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from rdflib import RDF, SKOS
from rdflib.namespace import DCTERMS, PROV

from .namespace import ESG, QB

FACTS_QUERY = """
PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX esg: <https://kgqa.dev/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?obs ?metricLabel ?value ?reported ?unit ?reportedUnit ?period ?entityLabel ?qualifier ?slug ?pid ?text ?page ?section ?kind
WHERE {
  ?obs a qb:Observation ; esg:metric ?metric ; esg:value ?value ; esg:reportedValue ?reported ;
       esg:unit ?unit ; esg:reportedUnit ?reportedUnit ; esg:period ?period ; esg:entity ?entity ;
       prov:wasDerivedFrom ?passage .
  ?metric skos:prefLabel ?metricLabel .
  OPTIONAL { ?entity esg:shortName ?short }
  OPTIONAL { ?entity skos:prefLabel ?entityPref }
  BIND(COALESCE(?short, ?entityPref) AS ?entityLabel)
  OPTIONAL { ?obs esg:qualifier ?qualifier }
  OPTIONAL { ?obs esg:extractedFrom ?kind }
  ?passage dcterms:identifier ?pid ; esg:passageText ?text ; esg:sectionPath ?section ; esg:report ?rep .
  OPTIONAL { ?passage esg:page ?page }
  ?rep esg:slug ?slug .
}
ORDER BY ?slug ?metricLabel ?period
"""


def iter_facts(store) -> Iterator[dict[str, Any]]:
    """Every observation, ordered by report, metric and year."""
    g = store.ds
    out = []
    for obs in set(g.subjects(RDF.type, QB.Observation)):
        def one(p, node=obs):
            return g.value(node, p)
        metric, entity, passage = one(ESG.metric), one(ESG.entity), one(PROV.wasDerivedFrom)
        label = g.value(metric, SKOS.prefLabel)
        if None in (metric, label, passage) or one(ESG.value) is None:
            continue
        entity_label = (g.value(entity, ESG.shortName) or g.value(entity, SKOS.prefLabel)) if entity else None
        report = g.value(passage, ESG.report)
        page = g.value(passage, ESG.page)
        qualifier, kind = one(ESG.qualifier), one(ESG.extractedFrom)
        out.append({
            "metric": str(label), "value": float(one(ESG.value)), "reported_value": str(one(ESG.reportedValue)),
            "unit": str(one(ESG.unit)), "reported_unit": str(one(ESG.reportedUnit)),
            "year": int(str(one(ESG.period))[:4]), "entity": str(entity_label) if entity_label else None,
            "qualifier": str(qualifier) if qualifier else None, "report": str(g.value(report, ESG.slug)),
            "passage_id": str(g.value(passage, DCTERMS.identifier)), "source_text": str(g.value(passage, ESG.passageText)),
            "page": int(page) if page is not None else None, "section": str(g.value(passage, ESG.sectionPath)),
            "extracted_from": str(kind) if kind else None, "observation": str(obs),
        })
    out.sort(key=lambda f: (f["report"], f["metric"], f["year"], f["observation"]))
    yield from out
