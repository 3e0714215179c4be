"""The fixed, parameterised SPARQL templates the graph route runs.

Values from a question are never pasted into these texts: the route binds them with
`initBindings` (?label, ?slug), and the answer shows the template with its bound values.

The templates read at start over every report match inside each report's graph (`GRAPH ?graph`):
Oxigraph evaluates a property path over the union of the report graphs far more slowly (the
committees listing: 12 s vs 0.25 s at 10 reports, bench/bench_scale.py).
"""

PREFIXES = """PREFIX esg: <https://kgqa.dev/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX org: <http://www.w3.org/ns/org#>
"""

OBSERVATIONS = PREFIXES + """SELECT ?period ?reported ?unit ?value ?baseUnit ?pid ?qualifier WHERE {
  ?obs esg:metric ?metric ; esg:period ?period ; esg:reportedValue ?reported ; esg:reportedUnit ?unit ;
       esg:value ?value ; esg:unit ?baseUnit ; prov:wasDerivedFrom ?passage .
  ?metric skos:prefLabel ?label .
  ?passage dcterms:identifier ?pid ; esg:report ?report .
  ?report esg:slug ?slug .
  OPTIONAL { ?obs esg:qualifier ?qualifier }
} ORDER BY ?period"""
TARGETS = PREFIXES + """SELECT ?target ?year ?achieved ?met ?pid WHERE {
  ?t a esg:Target ; rdfs:label ?label ; esg:targetValue ?target ; prov:wasDerivedFrom ?passage .
  ?passage dcterms:identifier ?pid ; esg:report ?report .
  ?report esg:slug ?slug .
  OPTIONAL { ?t esg:achievement ?a . ?a esg:year ?year ; esg:achievedValue ?achieved .
             OPTIONAL { ?a esg:met ?met } }
} ORDER BY ?year"""
# the targets of target tables (a target stated in prose has no achievement to report)
TARGET_LABELS = PREFIXES + """SELECT DISTINCT ?slug ?label WHERE { GRAPH ?graph {
  ?t a esg:Target ; esg:extractedFrom "table" ; rdfs:label ?label ; prov:wasDerivedFrom/esg:report/esg:slug ?slug .
} }"""
EVENTS = PREFIXES + """SELECT ?event ?label ?date ?pid ?slug WHERE { GRAPH ?graph {
  ?event a esg:Event ; rdfs:label ?label ; dcterms:date ?date ; prov:wasDerivedFrom ?passage .
  ?passage dcterms:identifier ?pid ; esg:report ?report .
  ?report esg:slug ?slug .
} } ORDER BY ?date"""
SUBSIDIARIES = PREFIXES + """SELECT ?org ?short ?full (GROUP_CONCAT(DISTINCT ?alt; separator="|") AS ?aliases) ?pid ?slug WHERE { GRAPH ?graph {
  ?org a esg:Subsidiary ; org:subOrganizationOf ?parent ; esg:shortName ?short ; skos:prefLabel ?full .
  OPTIONAL { ?org skos:altLabel ?alt }
  OPTIONAL { ?org prov:wasDerivedFrom/dcterms:identifier ?pid }
  ?report dcterms:publisher ?parent ; esg:slug ?slug .
} } GROUP BY ?org ?short ?full ?pid ?slug ORDER BY ?slug ?short"""
PEOPLE = PREFIXES + """SELECT ?person ?name ?role ?gender ?independent ?body ?pid ?slug WHERE { GRAPH ?graph {
  ?person a esg:Person ; rdfs:label ?name ; prov:wasDerivedFrom ?passage .
  OPTIONAL { ?person esg:independent ?independent }
  OPTIONAL { ?person esg:role ?role }
  OPTIONAL { ?person esg:gender ?gender }
  OPTIONAL { ?person esg:body ?body }
  ?passage dcterms:identifier ?pid ; esg:report ?report .
  ?report esg:slug ?slug .
} } ORDER BY ?slug ?pid ?name"""
COMMITTEES = PREFIXES + """SELECT ?committee ?member ?chair ?pid ?slug WHERE { GRAPH ?graph {
  ?c a esg:Committee ; rdfs:label ?committee ; esg:member/rdfs:label ?member ; prov:wasDerivedFrom ?passage .
  OPTIONAL { ?c esg:chair/rdfs:label ?chair }
  ?passage dcterms:identifier ?pid ; esg:report/esg:slug ?slug .
} } ORDER BY ?committee ?member"""
