"""`/sparql` as SPARQL clients meet it: SPARQLWrapper in every combination, the formats it asks for,
a Service Description, HEAD/OPTIONS, TSV that rdflib reads back, and CORS only when asked for."""
from __future__ import annotations

import io
import itertools
import warnings

import httpx
import pytest
from rdflib import Graph, Literal
from rdflib.plugins.sparql.results.tsvresults import TSVResultParser
from SPARQLWrapper import CSV, JSON, JSONLD, N3, POST, POSTDIRECTLY, RDF, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

from tests.conftest import _free_port, serve_in_thread

D1 = "http://kasei.us/2009/09/sparql/data/data1.rdf"
FORMS = {"SELECT": "SELECT ?s ?title WHERE { ?s <http://purl.org/dc/elements/1.1/title> ?title }",
         "ASK": "ASK { ?s ?p ?o }",
         "CONSTRUCT": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
         "DESCRIBE": f"DESCRIBE <{D1}>"}
FORMATS = [JSON, XML, TURTLE, N3, RDF, RDFXML, CSV, TSV, JSONLD]
METHODS = ["GET", "POST", "POSTDIRECTLY"]
MATRIX = list(itertools.product(FORMS, FORMATS, METHODS))       # 4 x 9 x 3 = 108 combinations


def test_the_matrix_has_108_combinations():
    assert len(MATRIX) == 108


@pytest.mark.parametrize("form, fmt, method", MATRIX)
def test_sparqlwrapper_works_in_every_combination(protocol_endpoint, form, fmt, method):
    sw = SPARQLWrapper(protocol_endpoint)
    sw.setQuery(FORMS[form])
    sw.setReturnFormat(fmt)
    if method != "GET":
        sw.setMethod(POST)
    if method == "POSTDIRECTLY":
        sw.setRequestMethod(POSTDIRECTLY)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)     # SPARQLWrapper warns when it sends Accept: */*
        result = sw.query()
        got = result.convert()
    ctype = result.info()["content-type"]
    if isinstance(got, Graph):
        assert len(got) >= 2
    elif isinstance(got, dict):
        assert got.get("boolean") is True or got["results"]["bindings"]
    elif isinstance(got, (bytes, str)):
        text = got.decode() if isinstance(got, bytes) else got
        assert "data1" in text or "true" in text, text
    else:                                                      # an XML DOM document
        assert got.getElementsByTagName("result") or got.getElementsByTagName("boolean")
    if form in ("CONSTRUCT", "DESCRIBE"):
        assert not ctype.startswith("application/sparql-results")


@pytest.mark.parametrize("form, fmt, ctype", [
    ("SELECT", "xml", "application/sparql-results+xml"), ("SELECT", "json", "application/sparql-results+json"),
    ("CONSTRUCT", "xml", "application/rdf+xml"), ("CONSTRUCT", "json", "application/ld+json"),
    ("CONSTRUCT", "nt", "application/n-triples")])
def test_format_names_map_per_query_form_when_accept_names_nothing_usable(protocol_endpoint, form, fmt, ctype):
    for accept in ("*/*", "text/html, */*;q=0.8", None):
        r = httpx.get(protocol_endpoint, params={"query": FORMS[form], "format": fmt},
                      headers={"Accept": accept} if accept else {})
        assert r.status_code == 200 and r.headers["content-type"].startswith(ctype)


def test_format_never_overrides_a_usable_accept(protocol_endpoint):
    r = httpx.get(protocol_endpoint, params={"query": FORMS["SELECT"], "format": "json", "output": "xml"},
                  headers={"Accept": "text/csv"})
    assert r.headers["content-type"].startswith("text/csv")
    r = httpx.get(protocol_endpoint, params={"query": FORMS["CONSTRUCT"], "format": "xml"},
                  headers={"Accept": "text/turtle"})
    assert r.headers["content-type"].startswith("text/turtle")


def test_tsv_escapes_newlines_and_tabs_and_rdflib_reads_it_back(protocol_endpoint):
    query = 'SELECT ?text ?n WHERE { BIND("line one\\n\\tline \\"two\\"" AS ?text) BIND(2 AS ?n) }'
    r = httpx.get(protocol_endpoint, params={"query": query}, headers={"Accept": "text/tab-separated-values"})
    assert r.status_code == 200 and r.text.count("\n") == 2          # header and one row, nothing split
    parsed = TSVResultParser().parse(io.StringIO(r.text))
    row = list(parsed)[0]
    assert row.text == Literal('line one\n\tline "two"') and int(row.n) == 2


def test_get_without_a_query_describes_the_service(protocol_endpoint):
    r = httpx.get(protocol_endpoint, headers={"Accept": "text/turtle"})
    assert r.status_code == 200
    g = Graph().parse(data=r.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    names = {str(o) for o in g.objects(None, __import__("rdflib").URIRef(sd + "name"))}
    assert D1 in names and len(names) == 3
    assert (None, None, __import__("rdflib").URIRef(sd + "SPARQL11Query")) in g


def test_head_options_and_other_methods(protocol_endpoint):
    head = httpx.head(protocol_endpoint, params={"query": "ASK {}"})
    assert head.status_code == 200 and head.content == b"" and "sparql-results" in head.headers["content-type"]
    options = httpx.options(protocol_endpoint)
    assert options.status_code in (200, 204) and "POST" in options.headers["allow"]
    for method in ("PUT", "DELETE", "PATCH"):
        r = httpx.request(method, protocol_endpoint, params={"query": "ASK {}"})
        assert r.status_code == 405 and "GET" in r.headers["allow"]


def test_a_trailing_slash_redirects_and_keeps_the_query(protocol_endpoint):
    r = httpx.get(protocol_endpoint + "/", params={"query": "ASK {}"}, follow_redirects=False)
    assert r.status_code in (301, 307, 308) and r.headers["location"].endswith("/sparql?query=ASK+%7B%7D")
    assert httpx.get(protocol_endpoint + "/", params={"query": "ASK {}"}, follow_redirects=True).status_code == 200
    r = httpx.post(protocol_endpoint + "/", data={"query": "ASK {}"}, follow_redirects=True)
    assert r.status_code == 200 and "true" in r.text


def test_a_refused_dataset_or_update_is_never_403_for_a_query(protocol_endpoint):
    r = httpx.get(protocol_endpoint, params={"query": "ASK { ?s ?p ?o }", "default-graph-uri": "urn:not-here"})
    assert r.status_code == 200 and "false" in r.text


def test_cors_is_off_by_default(server):
    r = httpx.get(server + "/sparql", params={"query": "ASK {}"}, headers={"Origin": "https://elsewhere.example"})
    assert r.status_code == 200 and "access-control-allow-origin" not in r.headers


def test_cors_when_asked_for_lets_a_browser_app_query(kb):
    from ui.app import create_app
    port = _free_port()
    server, thread = serve_in_thread(create_app(kb, ui=False, cors="https://app.example", answer_workers=0), port)
    url = f"http://127.0.0.1:{port}/sparql"
    try:
        pre = httpx.options(url, headers={"Origin": "https://app.example", "Access-Control-Request-Method": "POST",
                                          "Access-Control-Request-Headers": "content-type"})
        assert pre.status_code == 200 and pre.headers["access-control-allow-origin"] == "https://app.example"
        r = httpx.get(url, params={"query": "ASK {}"}, headers={"Origin": "https://app.example"})
        assert r.headers["access-control-allow-origin"] == "https://app.example"
        other = httpx.get(url, params={"query": "ASK {}"}, headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in other.headers
    finally:
        server.should_exit = True
        thread.join(10)
