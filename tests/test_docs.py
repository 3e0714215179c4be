"""The docs' examples run: every SPARQL query in docs/ontology.md returns rows on the bundled corpus
(except one marked "# may be empty", which the graph tests check on a report that has such rows)."""
import pytest

from kg.examples import example_queries

EXAMPLES = example_queries()


def test_the_ontology_doc_has_example_queries():
    assert len(EXAMPLES) >= 10
    assert len({q for _, q in EXAMPLES}) == len(EXAMPLES)       # each title read with its own query


@pytest.mark.parametrize("title, query", EXAMPLES, ids=[t for t, _ in EXAMPLES])
def test_each_documented_query_returns_rows(kb, title, query):
    rows = list(kb.sparql(query))
    assert rows or query.startswith("# may be empty"), f"'{title}' returned nothing"
