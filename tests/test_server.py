"""`kgqa serve` as a user and a SPARQL client meet it: a real server process on a loopback port."""
from __future__ import annotations

import socket
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.error import HTTPError

import httpx
import pytest
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

PREFIXES = """PREFIX esg: <https://kgqa.dev/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
"""
SUBSIDIARIES = PREFIXES + "SELECT ?name WHERE { ?s org:subOrganizationOf ?p ; skos:prefLabel ?name } ORDER BY ?name"
EXPENSIVE = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def endpoint(server, fmt) -> SPARQLWrapper:
    sw = SPARQLWrapper(server + "/sparql")
    sw.setReturnFormat(fmt)
    return sw


def test_health_reports_both_bundled_reports(server):
    health = httpx.get(server + "/healthz").json()
    assert health["status"] == "ok"
    assert len(health["reports"]) == 2 and health["triples"] > 10_000


def test_sparql_select_as_json_xml_and_csv_through_a_real_client(server):
    sw = endpoint(server, JSON)
    sw.setQuery(SUBSIDIARIES)
    names = [b["name"]["value"] for b in sw.query().convert()["results"]["bindings"]]
    assert any("Jingrui" in n for n in names)

    sw = endpoint(server, XML)
    sw.setQuery(SUBSIDIARIES)
    doc = sw.query().convert()          # an xml.dom Document
    assert len(doc.getElementsByTagName("result")) == len(names)

    sw = endpoint(server, CSV)
    sw.setQuery(SUBSIDIARIES)
    lines = sw.query().convert().decode().strip().splitlines()
    assert lines[0].strip() == "name" and len(lines) == len(names) + 1


def test_sparql_post_and_construct_as_turtle(server):
    sw = endpoint(server, TURTLE)
    sw.setMethod("POST")
    sw.setQuery(PREFIXES + "CONSTRUCT { ?s skos:prefLabel ?n } WHERE { ?s org:subOrganizationOf ?p ; skos:prefLabel ?n }")
    from rdflib import Graph
    g = Graph().parse(data=sw.query().convert(), format="turtle")
    assert len(g) > 5


@pytest.mark.parametrize("accept, ctype", [("text/tab-separated-values", "text/tab-separated-values"),
                                           ("application/sparql-results+json", "application/sparql-results+json")])
def test_content_negotiation(server, accept, ctype):
    r = httpx.post(server + "/sparql", content=SUBSIDIARIES, headers={"Content-Type": "application/sparql-query",
                                                                      "Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(ctype)


def test_an_unknown_content_type_is_refused_clearly(server):
    r = httpx.get(server + "/sparql", params={"query": SUBSIDIARIES}, headers={"Accept": "image/png"})
    assert r.status_code == 406 and "acceptable types" in r.json()["error"]
    r = httpx.post(server + "/sparql", content=SUBSIDIARIES, headers={"Content-Type": "text/plain"})
    assert r.status_code == 415


def test_updates_and_service_are_refused(server):
    sw = endpoint(server, JSON)
    sw.setMethod("POST")
    sw.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(HTTPError) as err:              # SPARQLWrapper passes a 403 through as urllib's error
        sw.query()
    assert err.value.code == 403
    r = httpx.post(server + "/sparql", data={"update": "DELETE WHERE { ?s ?p ?o }"})
    assert r.status_code == 403 and "read-only" in r.json()["error"]
    r = httpx.get(server + "/sparql", params={"query": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"})
    assert r.status_code == 403 and "SERVICE" in r.json()["error"]
    assert httpx.get(server + "/healthz").json()["triples"] > 10_000    # nothing was changed


def test_a_syntax_error_reports_the_position(server):
    sw = endpoint(server, JSON)
    sw.setQuery("SELECT ?s WHERE { ?s ?p }")
    with pytest.raises(QueryBadFormed) as err:
        sw.query()
    assert "col" in str(err.value)


def test_an_expensive_query_is_stopped_at_the_time_limit(server):
    sw = endpoint(server, JSON)
    sw.setQuery(EXPENSIVE)
    start = time.time()
    with pytest.raises(HTTPError) as err:
        sw.query()
    assert err.value.code == 503 and "time limit" in err.value.read().decode()
    assert time.time() - start < 15
    assert httpx.get(server + "/healthz", timeout=5).status_code == 200      # and the server is free again


def test_too_many_rows_and_huge_queries_are_refused(server):
    r = httpx.get(server + "/sparql", params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    assert r.status_code == 413 and "LIMIT" in r.json()["error"]
    huge = "SELECT * WHERE { ?s ?p ?o } #" + "x" * 1_000_000
    r = httpx.post(server + "/sparql", content=huge, headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 413


def test_json_api_answers_with_citations(server):
    ans = httpx.get(server + "/api/ask", params={"q": "What was the total water consumption of JSG in 2024?"},
                    timeout=30).json()
    assert ans["answerable"] and ans["citations"]
    hits = httpx.get(server + "/api/search", params={"q": "water consumption", "k": 3}).json()
    assert len(hits) == 3 and all(h["page"] for h in hits)
    assert httpx.get(server + "/api/ask", params={"q": ""}).status_code == 400


def test_fifty_concurrent_questions_are_all_answered(server):
    qs = [f"What was the total water consumption in {2022 + i % 3}?" for i in range(50)]
    with ThreadPoolExecutor(50) as pool:
        codes = list(pool.map(lambda q: httpx.get(server + "/api/ask", params={"q": q}, timeout=120).status_code, qs))
    assert codes == [200] * 50


def test_a_client_that_disconnects_mid_answer_does_no_harm(server):
    host, port = server.removeprefix("http://").split(":")
    for _ in range(5):
        with socket.create_connection((host, int(port))) as s:
            s.sendall(b"GET /api/ask?q=total+greenhouse+gas+emissions HTTP/1.1\r\nHost: x\r\n\r\n")
    assert httpx.get(server + "/healthz").status_code == 200
    assert httpx.get(server + "/api/ask", params={"q": "total greenhouse gas emissions"}, timeout=30).status_code == 200
