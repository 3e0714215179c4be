"""Answers: exact figures from the graph with their passage, computed changes, honest 'not disclosed'."""
from __future__ import annotations

import pytest

from kgqa import QueryError


def test_a_table_figure_comes_from_the_graph_with_its_sparql_and_citation(kb):
    ans = kb.ask("How many litres of gasoline did JSG consume in 2023?")
    assert ans.route == "graph" and ans.answerable
    assert "15,080" in ans.text and "[1]" in ans.text
    assert ans.sparql and "SELECT" in ans.sparql
    assert "Gasoline consumption" in ans.citations[0].text
    assert ans.facts and ans.facts[0]["reported"] == "15,080"


def test_a_change_is_computed_in_code_and_shown(kb):
    ans = kb.ask("How did JSG's gasoline consumption change from 2023 to 2024?")
    assert ans.route == "graph"
    assert "15,080" in ans.text and "20,625" in ans.text and "+5,545" in ans.text and "+36.8%" in ans.text


def test_a_year_outside_the_report_is_not_disclosed(kb):
    ans = kb.ask("How many litres of gasoline did JSG consume in 1990?")
    assert not ans.answerable and "does not disclose" in ans.text


def test_something_the_report_never_mentions_is_not_disclosed(kb):
    ans = kb.ask("Does JSG use an internal carbon price, and at what level?")
    assert not ans.answerable and not ans.citations


def test_injected_sparql_in_a_question_is_just_text(kb):
    ans = kb.ask('Gasoline consumption 2023" } ; DROP ALL ; SELECT * WHERE { ?s ?p ?o')
    assert ans is not None
    assert len(kb.sparql("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }").bindings) == 1


def test_empty_question_is_a_clear_error(kb):
    with pytest.raises(QueryError):
        kb.ask("   ")
