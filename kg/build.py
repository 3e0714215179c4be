"""A parsed report -> its named graph: report, company, subsidiaries, passages and extracted facts."""
from __future__ import annotations

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal
from rdflib.namespace import DCTERMS, ORG, PROV

from kgqa.report.model import Report

from .iris import bind_prefixes, org_iri, passage_iri, report_iri
from .namespace import ESG


def build_report_graph(report: Report) -> Graph:
    g = Graph()
    bind_prefixes(g)
    rep = report_iri(report.slug)
    g.add((rep, RDF.type, ESG.Report))
    g.add((rep, RDF.type, PROV.Entity))
    g.add((rep, ESG.slug, Literal(report.slug)))
    g.add((rep, DCTERMS.source, Literal(report.source)))
    g.add((rep, ESG.sha256, Literal(report.sha256)))
    if report.title:
        g.add((rep, DCTERMS.title, Literal(report.title)))
    if report.year:
        g.add((rep, ESG.reportingYear, Literal(str(report.year), datatype=XSD.gYear)))
    company = org_iri(report.slug, "company")
    if report.company:
        g.add((company, RDF.type, ORG.FormalOrganization))
        g.add((company, SKOS.prefLabel, Literal(report.company)))
        g.add((company, RDFS.label, Literal(report.company)))
        if report.short_name:
            g.add((company, ESG.shortName, Literal(report.short_name)))
            g.add((company, SKOS.altLabel, Literal(report.short_name)))
        if report.stock_code:
            g.add((company, ESG.stockCode, Literal(report.stock_code)))
        g.add((rep, DCTERMS.publisher, company))
    for p in report.passages:
        node = passage_iri(report.slug, p.passage_id)
        g.add((node, RDF.type, ESG.Passage))
        g.add((node, RDF.type, PROV.Entity))
        g.add((node, DCTERMS.identifier, Literal(p.passage_id)))
        g.add((node, ESG.report, rep))
        g.add((node, DCTERMS.isPartOf, rep))
        g.add((node, ESG.passageText, Literal(p.text)))
        g.add((node, ESG.sectionPath, Literal(p.section)))
        if p.page is not None:
            g.add((node, ESG.page, Literal(p.page)))
        g.add((node, ESG.lineStart, Literal(p.start)))
        g.add((node, ESG.lineEnd, Literal(p.end)))
    from .extract import extract_all
    g._kgqa_skipped = extract_all(g, report)
    return g
