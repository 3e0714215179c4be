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
    Initiative: URIRef
    Event: URIRef
    Target: URIRef
    Conflict: URIRef
    Person: URIRef
    Committee: URIRef
    Standard: URIRef
    Honour: URIRef
    # observations (qb:Observation): dimensions, measures and attributes
    metric: URIRef
    entity: URIRef
    period: URIRef
    qualifier: URIRef
    value: URIRef
    unit: URIRef
    reportedValue: URIRef
    reportedUnit: URIRef
    extractedFrom: URIRef  # "table", "highlight" or "prose"
    note: URIRef
    topic: URIRef
    # reports and passages
    report: URIRef
    slug: URIRef
    sha256: URIRef
    reportingYear: URIRef
    passageText: URIRef
    sectionPath: URIRef
    page: URIRef
    lineStart: URIRef
    lineEnd: URIRef
    # organisations
    shortName: URIRef
    stockCode: URIRef
    recognition: URIRef
    established: URIRef
    # people
    role: URIRef
    gender: URIRef
    independent: URIRef
    body: URIRef
    chair: URIRef
    member: URIRef
    standardType: URIRef
    level: URIRef
    # initiatives, events, targets
    subsidiary: URIRef
    month: URIRef
    year: URIRef
    outcome: URIRef
    targetValue: URIRef
    targetYear: URIRef
    achievement: URIRef
    achievedValue: URIRef
    met: URIRef
    baseYear: URIRef
    fiscalYear: URIRef
    direction: URIRef
    scope: URIRef
    netZero: URIRef
    horizon: URIRef
    statement: URIRef
    # conflicts
    observation: URIRef
    conflictsWith: URIRef
