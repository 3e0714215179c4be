"""What keeps kgqa fast with many reports (bench/bench_scale.py measures it): each check here compares
the scalable path with the plain one it replaced, on the real reports and model."""
from __future__ import annotations

import numpy as np
import pytest

from kg.facts import FACTS_QUERY, FIGURE_FIELDS, figure_rows
from kgqa import KnowledgeBase
from kgqa.qa.analysis import analyse
from kgqa.qa.catalog import metric_catalog
from tests.test_generations import write_report


def test_top_candidates_are_a_stable_sort_of_every_allowed_score():
    from index.hybrid import _top
    rng = np.random.default_rng(7)
    for _ in range(200):
        scores = rng.integers(0, 6, size=rng.integers(1, 400)).astype(np.float32)    # many ties
        ok = rng.random(len(scores)) < 0.7
        limit = int(rng.integers(1, 50))
        plain = [i for i in np.argsort(-scores, kind="stable") if ok[i]][:limit]
        assert _top(scores, ok, limit).tolist() == plain


def test_search_filters_pick_the_same_passages_as_a_per_passage_test(kb):
    index = kb.index
    slug = next(iter(kb.reports))
    for filters in ({"report": slug}, {"report": slug[:3].upper()}, {"company": "shell"}, {"year": 2024},
                    {"section": "environment"}, {"report": slug, "year": 2023}):
        plain = np.array([all(_passes(p, name, value) for name, value in filters.items()) for p in kb.passages])
        assert (index.mask(**filters) == plain).all(), filters


def _passes(p, name, value) -> bool:
    if name == "year":
        return p.year == int(value)
    if name == "report":
        return value == p.report or value.lower() in p.report.lower()
    field = p.company if name == "company" else p.section
    return bool(field) and value.lower() in field.lower()


def test_the_metric_in_each_report_in_one_pass_is_the_metric_asked_of_each_report(kb):
    catalog = metric_catalog(kb)
    slugs = list(kb.reports)
    for text in ("What was the total water consumption in 2021?", "How many employees were there?",
                 "What were the Scope 1 emissions?", "What was the energy consumption in 2023?"):
        q = analyse(text, None)
        one_by_one = [m for m in (catalog.match(q, [s]) for s in slugs) if m]
        assert catalog.match_each(q, slugs) == one_by_one, text


def test_the_catalog_reads_every_observation_as_the_facts_listing_does(kb):
    assert figure_rows(kb.graph) == [tuple(f[k] for k in FIGURE_FIELDS) for f in kb.facts()]


@pytest.fixture(scope="module")
def two_reports(tmp_path_factory):
    """Two reports printing the same metric: its concept (and label) is shared by both graphs."""
    folder = tmp_path_factory.mktemp("shared")
    paths = [write_report(folder, "acme.md", "Acme Widgets Inc."),
             write_report(folder, "beta.md", "Beta Widgets Inc.", value="2,500")]
    return KnowledgeBase.build(paths, data_dir=folder / "kb")


def test_a_metric_shared_by_reports_does_not_multiply_the_facts_rows(two_reports):
    observations = int(next(iter(two_reports.sparql(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?o a <http://purl.org/linked-data/cube#Observation> } }")))[0])
    shared = two_reports.sparql("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { "
                                "?m a <https://kgqa.dev/ontology#Metric> } }")
    assert int(next(iter(shared))[0]) == 2
    assert len(list(two_reports.graph.execute(FACTS_QUERY, "SELECT"))) == observations     # one row each
    assert len(list(two_reports.facts())) == observations


def test_a_question_naming_no_company_answers_for_each_company_that_reports_it(two_reports):
    answer = two_reports.ask("What was the electricity consumption in 2023?")
    assert answer.route == "graph"
    assert "1,250" in answer.text and "2,500" in answer.text


def test_each_distinct_text_is_encoded_once_and_a_question_leaves_the_thread_count_alone(kb):
    import torch

    from index.embed import embed
    model = kb.manifest["model"]
    threads = torch.get_num_threads()
    one = embed(model, ["Scope 1 emissions"])
    assert torch.get_num_threads() == threads
    many = embed(model, ["water use", "Scope 1 emissions", "water use"])
    assert (many[0] == many[2]).all()
    assert np.allclose(many[1], one[0], atol=1e-5)
