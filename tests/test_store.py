"""The graph store as the answerer and a SPARQL user meet it: Oxigraph on disk, rows like rdflib's."""
from __future__ import annotations

import shutil

import pytest
from rdflib import Dataset, Literal, URIRef, Variable

from kg import GraphStore
from kg.build import report_iri
from kgqa import SparqlError
from kgqa.qa import templates

BOUND = {"OBSERVATIONS": "SELECT DISTINCT ?label ?slug WHERE { ?o a <http://purl.org/linked-data/cube#Observation> ; "
                         "esg:metric/skos:prefLabel ?label ; "
                         "prov:wasDerivedFrom/esg:report/esg:slug ?slug }",
         "TARGETS": "SELECT DISTINCT ?label ?slug WHERE { ?t a esg:Target ; rdfs:label ?label ; "
                    "prov:wasDerivedFrom/esg:report/esg:slug ?slug }"}


@pytest.fixture(scope="module")
def rdflib_dataset(kb_dir, kb):
    """The same per-report N-Triples files the build wrote, in rdflib's in-memory store."""
    ds = Dataset(default_union=True)
    for slug in kb.reports:
        ds.graph(report_iri(slug)).parse(kb.folder / "graph" / f"{slug}.nt", format="nt")
    return ds


def rows(result) -> list[tuple]:
    """Rows as comparable tuples; GROUP_CONCAT lists compared as sets (their order is unspecified)."""
    out = []
    for r in result:
        cells = []
        for v in result.vars:
            t = r[v]
            if v == Variable("aliases") and t is not None:
                t = "|".join(sorted(str(t).split("|")))
            cells.append(None if t is None else (t if isinstance(t, str) and not hasattr(t, "n3") else t.n3()))
        out.append(tuple(cells))
    return sorted(out, key=repr)


@pytest.mark.parametrize("name", ["SUBSIDIARIES", "PEOPLE", "COMMITTEES", "EVENTS", "TARGET_LABELS"])
def test_each_answer_template_returns_the_same_rows_as_rdflib(kb, rdflib_dataset, name):
    query = getattr(templates, name)
    ours, theirs = rows(kb.sparql(query)), rows(rdflib_dataset.query(query))
    assert ours == theirs and ours


@pytest.mark.parametrize("name", ["OBSERVATIONS", "TARGETS"])
def test_bound_templates_return_the_same_rows_as_rdflib_initbindings(kb, rdflib_dataset, name):
    query = getattr(templates, name)
    pairs = [(r.label, r.slug) for r in kb.sparql(templates.PREFIXES + BOUND[name])]
    sample = pairs[::max(1, len(pairs) // 40)]
    assert len(sample) >= 5
    for label, slug in sample:
        bindings = {"label": label, "slug": slug}
        ours = rows(kb.sparql(query, bindings=bindings))
        assert ours == rows(rdflib_dataset.query(query, initBindings=bindings)), (label, slug)
        assert ours


def test_results_look_like_rdflib_results(kb):
    res = kb.sparql(templates.PREFIXES + "SELECT ?slug ?year WHERE { ?r a esg:Report ; esg:slug ?slug . "
                    "OPTIONAL { ?r esg:reportingYear ?year } } ORDER BY ?slug")
    assert res.vars == [Variable("slug"), Variable("year")]
    first = list(res)[0]
    assert first.slug == first["slug"] == first[0] == Literal("jsg-2024-esg-report")
    assert kb.sparql("ASK { ?s ?p ?o }").askAnswer is True
    graph = kb.sparql(templates.PREFIXES + "CONSTRUCT { ?r a esg:Report } WHERE { ?r a esg:Report }").graph
    assert set(graph.subjects()) == {report_iri(s) for s in kb.reports}


def test_a_bound_value_is_data_never_query_text(kb):
    """A label full of SPARQL syntax matches nothing instead of changing the query."""
    evil = '" } ?s ?p ?o . FILTER("1"="1'
    got = kb.sparql(templates.OBSERVATIONS, bindings={"label": Literal(evil), "slug": Literal("x\" . } #")})
    assert list(got) == []
    with pytest.raises(SparqlError, match="variable"):
        kb.sparql(templates.OBSERVATIONS, bindings={"label } ?x": Literal("a")})


def test_keywords_inside_strings_and_iris_are_not_refused(kb):
    res = kb.sparql('SELECT ?x WHERE { BIND("INSERT DATA SERVICE" AS ?x) FILTER(?x != "<urn:x>") } # LOAD')
    assert str(list(res)[0].x) == "INSERT DATA SERVICE"
    with pytest.raises(SparqlError, match="SERVICE"):
        kb.sparql("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")


def test_a_syntax_error_names_line_and_column(kb):
    with pytest.raises(SparqlError, match=r"line 2, column \d+"):
        kb.sparql("SELECT ?s\nWHERE { ?s ?p }")


def test_the_store_opens_without_parsing_the_per_report_files(kb_dir, kb, tmp_path):
    """The build loaded the N-Triples into graph/oxigraph once; opening needs only that."""
    copy = tmp_path / "graph"
    shutil.copytree(kb.folder / "graph" / "oxigraph", copy / "oxigraph")
    store = GraphStore.load(copy, list(kb.reports))
    assert len(store) == len(kb.graph) > 10_000
    assert store.graph_names() == {report_iri(s) for s in kb.reports}


def test_without_the_store_folder_the_per_report_files_are_loaded(kb_dir, kb, tmp_path):
    for slug in kb.reports:
        shutil.copy(kb.folder / "graph" / f"{slug}.nt", tmp_path)
    store = GraphStore.load(tmp_path, list(kb.reports))
    assert len(store) == len(kb.graph)


def test_len_counts_every_report_triple(kb, rdflib_dataset):
    assert len(kb.graph) == sum(len(rdflib_dataset.graph(report_iri(s))) for s in kb.reports)
    assert kb.stats()["triples"] == len(kb.graph)


def test_the_endpoint_worker_is_stopped_at_the_time_limit_and_replaced(kb):
    with pytest.raises(SparqlError) as err:
        kb.graph.run_isolated("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }", timeout=1)
    assert err.value.status == 503 and "time limit" in str(err.value)
    kind, data = kb.graph.run_isolated("ASK { ?s ?p ?o }", "json", timeout=5)
    assert kind == "ASK" and b"true" in data


def test_graph_results_are_capped_like_rows(kb):
    with pytest.raises(SparqlError) as err:
        kb.graph.run_isolated("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", graph_format="nt", max_rows=100)
    assert err.value.status == 413 and "LIMIT" in str(err.value)


def test_dataset_parameters_choose_the_graphs(kb):
    jsg = [report_iri("jsg-2024-esg-report")]
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    _, only_jsg = kb.graph.run_isolated(count, "csv", default_graph=jsg, named_graphs=[])
    _, everything = kb.graph.run_isolated(count, "csv")
    assert 0 < int(only_jsg.split()[1]) < int(everything.split()[1]) == len(kb.graph)
    _, named = kb.graph.run_isolated("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }", "tsv",
                                     default_graph=[], named_graphs=jsg + [URIRef("urn:not-there")])
    assert named.decode().split() == ["?g", f"<{jsg[0]}>"]
