"""The docs' examples run: every SPARQL query in docs/ontology.md returns rows on the bundled corpus."""
import pytest

from kg.examples import example_queries

EXAMPLES = example_queries()


def test_the_ontology_doc_has_example_queries():
    assert len(EXAMPLES) >= 5


@pytest.mark.parametrize("title, query", EXAMPLES, ids=[t for t, _ in EXAMPLES])
def test_each_documented_query_returns_rows(kb, title, query):
    rows = list(kb.sparql(query))
    assert rows, f"'{title}' returned nothing"
