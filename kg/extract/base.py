"""What every extractor shares: a fact is derived from the passage that holds it."""
from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import PROV

from kgqa.report.model import Passage, Report

from ..iris import passage_iri


def derived_from(g: Graph, node: URIRef, report: Report, passage: Passage) -> None:
    """`node prov:wasDerivedFrom` the passage's IRI."""
    g.add((node, PROV.wasDerivedFrom, passage_iri(report.slug, passage.passage_id)))
