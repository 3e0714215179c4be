"""The W3C SPARQL 1.1 Protocol tests, run against our `/sparql` on a real server over a store that
holds the suite's three data graphs.  Every query and bad-request test passes; the update tests are
refused with a 4xx that says the endpoint is read-only."""
from __future__ import annotations

import json

import httpx
import pytest
from rdflib import Graph, Namespace
from rdflib.collection import Collection

from tests.conftest import PROTOCOL_DATA as HERE

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
D = "http://kasei.us/2009/09/sparql/data/"
D1, D2, D3 = D + "data1.rdf", D + "data2.rdf", D + "data3.rdf"
RESULTS = ("application/sparql-results+xml", "application/sparql-results+json")
SELECT_TYPES = RESULTS + ("text/csv", "text/tab-separated-values")
RDF_TYPES = ("application/rdf+xml", "text/turtle", "application/n-triples", "text/html")
FORM = {"Content-Type": "application/x-www-form-urlencoded"}
DIRECT = {"Content-Type": "application/sparql-query"}
UPDATE = {"Content-Type": "application/sparql-update"}
ASK_BOTH = f"ASK {{ <{D1}> ?p ?o . <{D2}> ?p ?o }}"
UPD = "PREFIX dc: <http://purl.org/dc/terms/> DROP ALL ; INSERT DATA { <http://example.org/s> a dc:BibliographicResource }"


def _true(r):
    return json.loads(r.text)["boolean"] is True if "json" in r.headers["content-type"] else "true" in r.text


def _full(r):
    rows = {(b["g"]["value"], b["x"]["value"], b["s"]["value"]) for b in json.loads(r.text)["results"]["bindings"]}
    return rows == {(D1, D3, D1), (D2, D3, D2)}


# name -> (method, url params, headers, body, expected: "ok" / "4xx" / "read-only", content types, check)
CASES = {
    "query_post_form": ("POST", {}, FORM, {"query": "ASK {}"}, "ok", RESULTS, _true),
    "query_dataset_default_graphs_get": ("GET", {"query": ASK_BOTH, "default-graph-uri": [D1, D2]}, {}, None,
                                         "ok", RESULTS, _true),
    "query_dataset_default_graphs_post": ("POST", {"default-graph-uri": [D1, D2]}, DIRECT, ASK_BOTH, "ok", RESULTS,
                                          _true),
    "query_dataset_named_graphs_post": ("POST", {}, FORM, {"query": "ASK { GRAPH ?g { ?s ?p ?o } }",
                                                           "named-graph-uri": [D1, D2]}, "ok", RESULTS, _true),
    "query_dataset_named_graphs_get": ("GET", {"query": "ASK { GRAPH ?g { ?s ?p ?o } }", "named-graph-uri": [D1, D2]},
                                       {}, None, "ok", RESULTS, _true),
    "query_dataset_full": ("GET", {"query": "SELECT ?g ?x ?s { ?x ?y ?o  GRAPH ?g { ?s ?p ?o } }",
                                   "default-graph-uri": D3, "named-graph-uri": [D1, D2]},
                           {"Accept": "application/sparql-results+json"}, None, "ok", RESULTS, _full),
    "query_multiple_dataset": ("GET", {"query": f"ASK FROM <{D2}> {{ <{D1}> ?p ?o }}", "default-graph-uri": D1},
                               {}, None, "ok", RESULTS, _true),
    "query_get": ("GET", {"query": "ASK {}"}, {}, None, "ok", RESULTS, _true),
    "query_content_type_select": ("GET", {"query": "SELECT (1 AS ?value) {}"}, {}, None, "ok", SELECT_TYPES, None),
    "query_content_type_ask": ("GET", {"query": "ASK {}"}, {}, None, "ok", RESULTS, None),
    "query_content_type_describe": ("GET", {"query": "DESCRIBE <http://example.org/>"}, {}, None, "ok", RDF_TYPES,
                                    None),
    "query_content_type_construct": ("GET", {"query": "CONSTRUCT { <http://example.org/s> <http://example.org/p> 1 }"
                                                      " WHERE {}"}, {}, None, "ok", RDF_TYPES, None),
    "update_dataset_default_graph": ("POST", {}, FORM, {"using-named-graph-uri": D1, "update": UPD}, "read-only",
                                     None, None),
    "update_dataset_default_graphs": ("POST", {"using-graph-uri": [D1, D2]}, UPDATE, UPD, "read-only", None, None),
    "update_dataset_named_graphs": ("POST", {"using-named-graph-uri": [D1, D2]}, UPDATE, UPD, "read-only", None,
                                    None),
    "update_dataset_full": ("POST", {"using-graph-uri": D1, "using-named-graph-uri": D2}, UPDATE, UPD, "read-only",
                            None, None),
    "update_post_form": ("POST", {}, FORM, {"update": "CLEAR ALL"}, "read-only", None, None),
    "update_post_direct": ("POST", {}, UPDATE, "CLEAR ALL", "read-only", None, None),
    "update_base_uri": ("POST", {}, UPDATE, "CLEAR SILENT GRAPH <http://example.org/protocol-base-test/> ; INSERT DATA "
                        "{ GRAPH <http://example.org/protocol-base-test/> { <http://example.org/s> "
                        "<http://example.org/p> <test> } }", "read-only", None, None),
    "query_post_direct": ("POST", {}, DIRECT, "ASK {}", "ok", RESULTS, _true),
    "bad_query_method": ("PUT", {"query": "ASK {}"}, {}, None, "4xx", None, None),
    "bad_multiple_queries": ("GET", {"query": ["ASK {}", "SELECT * {}"]}, {}, None, "4xx", None, None),
    "bad_query_wrong_media_type": ("POST", {}, {"Content-Type": "text/plain"}, "ASK {}", "4xx", None, None),
    "bad_query_missing_form_type": ("POST", {}, {}, "query=ASK%20%7B%7D", "4xx", None, None),
    "bad_query_missing_direct_type": ("POST", {}, {}, "ASK {}", "4xx", None, None),
    "bad_query_non_utf8": ("POST", {}, {"Content-Type": "application/sparql-query; charset=UTF-16"},
                           "ASK {}".encode("utf-16"), "4xx", None, None),
    "bad_query_syntax": ("GET", {"query": "ASK {"}, {}, None, "4xx", None, None),
    "bad_update_get": ("GET", {"update": "CLEAR ALL"}, {}, None, "4xx", None, None),
    "bad_multiple_updates": ("POST", {}, FORM, {"update": ["CLEAR NAMED", "CLEAR DEFAULT"]}, "4xx", None, None),
    "bad_update_wrong_media_type": ("POST", {}, {"Content-Type": "text/plain"}, "CLEAR NAMED", "4xx", None, None),
    "bad_update_missing_form_type": ("POST", {}, {}, "update=CLEAR%20NAMED", "4xx", None, None),
    "bad_update_non_utf8": ("POST", {}, {"Content-Type": "application/sparql-update; charset=UTF-16"},
                            "CLEAR NAMED".encode("utf-16"), "4xx", None, None),
    "bad_update_syntax": ("POST", {}, FORM, {"update": "CLEAR XYZ"}, "4xx", None, None),
    "bad_update_dataset_conflict": ("POST", {}, FORM, {
        "using-named-graph-uri": "http://example/people",
        "update": "PREFIX foaf: <http://xmlns.com/foaf/0.1/> DELETE { ?person foaf:name ?name } "
                  "USING <http://example/addresses> WHERE { ?person foaf:name ?name }"}, "4xx", None, None),
}


def manifest_tests() -> list[str]:
    g = Graph().parse(HERE / "manifest.ttl")
    head = next(g.objects(None, MF.entries))
    return [str(t).rsplit("#", 1)[1] for t in Collection(g, head)]


def test_the_runner_covers_the_whole_manifest():
    names = manifest_tests()
    assert len(names) == 34 and set(names) == set(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_w3c_protocol(protocol_endpoint, name):
    method, params, headers, body, expected, types, check = CASES[name]
    kw = {"data": body} if isinstance(body, dict) else {"content": body} if body is not None else {}
    r = httpx.request(method, protocol_endpoint, params=params, headers=headers, timeout=20, **kw)
    if expected == "ok":
        assert r.status_code < 400, r.text
        assert r.headers["content-type"].split(";")[0] in types
        assert check is None or check(r), r.text
    else:
        assert 400 <= r.status_code < 500, (r.status_code, r.text)
        if expected == "read-only":
            assert "read-only" in r.json()["error"]
