"""kgqa's own terms, in one closed namespace: a misspelt term is an AttributeError, not a new IRI."""
from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

BASE = "https://kgqa.dev/"
DATA = Namespace(BASE + "data/")
QB = Namespace("http://purl.org/linked-data/cube#")


class ESG(DefinedNamespace):
    _NS = Namespace(BASE + "ontology#")
    _fail = True

    # classes
    Report: URIRef
    Passage: URIRef
    Metric: URIRef
    Topic: URIRef
    Subsidiary: URIRef
    Segment: URIRef
    Initiative: URIRef
    CaseStudy: URIRef
    Event: URIRef
    Milestone: URIRef
    Honour: URIRef
    Target: URIRef
    Person: URIRef
    Committee: URIRef
    Conflict: URIRef
    # dimensions / measures of observations
    metric: URIRef
    entity: URIRef
    period: URIRef
    qualifier: URIRef
    value: URIRef
    reportedValue: URIRef
    reportedUnit: URIRef
    unit: URIRef
    normalisedValue: URIRef
    normalisedUnit: URIRef
    extractedFrom: URIRef  # "table", "highlight" or "prose"
    note: URIRef
    # passages and reports
    report: URIRef
    slug: URIRef
    sha256: URIRef
    reportingYear: URIRef
    passageText: URIRef
    sectionPath: URIRef
    page: URIRef
    lineStart: URIRef
    lineEnd: URIRef
    # organisations, people, initiatives, targets
    alias: URIRef
    shortName: URIRef
    stockCode: URIRef
    establishedYear: URIRef
    recognition: URIRef
    role: URIRef
    gender: URIRef
    independent: URIRef
    subsidiary: URIRef
    date: URIRef
    month: URIRef
    year: URIRef
    outcome: URIRef
    targetValue: URIRef
    achievement: URIRef
    met: URIRef
    achievedValue: URIRef
    baseYear: URIRef
    targetYear: URIRef
    observation: URIRef
    conflictsWith: URIRef
    topic: URIRef
