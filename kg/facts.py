"""Observations as plain dicts, for `kb.facts()` and `kgqa facts`."""
from __future__ import annotations

from collections.abc import Iterator
from typing import Any

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
    for row in store.query(FACTS_QUERY):
        yield {
            "metric": str(row.metricLabel), "value": float(row.value), "reported_value": str(row.reported),
            "unit": str(row.unit), "reported_unit": str(row.reportedUnit), "year": int(str(row.period)[:4]),
            "entity": str(row.entityLabel) if row.entityLabel else None,
            "qualifier": str(row.qualifier) if row.qualifier else None,
            "report": str(row.slug), "passage_id": str(row.pid), "source_text": str(row.text),
            "page": int(row.page) if row.page is not None else None, "section": str(row.section),
            "extracted_from": str(row.kind) if row.kind else None, "observation": str(row.obs),
        }
