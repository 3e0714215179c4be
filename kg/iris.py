"""Every IRI the graph mints, in one place: reports, passages, organisations; and the prefixes."""
from __future__ import annotations

from rdflib import SKOS, Graph, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV

from kgqa.report.text import slugify

from .namespace import DATA, ESG


def report_iri(slug: str) -> URIRef:
    return DATA[f"{slug}"]


def passage_iri(slug: str, passage_id: str) -> URIRef:
    return DATA[f"{slug}/passage/{passage_id.split(':', 1)[1]}"]


def org_iri(slug: str, key: str) -> URIRef:
    return DATA[f"{slug}/org/{slugify(key)}"]


def bind_prefixes(g: Graph) -> None:
    g.bind("esg", ESG._NS)
    g.bind("kgd", DATA)
    g.bind("qb", "http://purl.org/linked-data/cube#")
    for p, ns in (("prov", PROV), ("org", ORG), ("skos", SKOS), ("dcterms", DCTERMS)):
        g.bind(p, ns)
