"""Targets stated in prose become graph facts: what is targeted, the amount and its direction, the
target and base year, the scopes, net zero; an achievement, a scenario or someone else's aim does not."""
from __future__ import annotations

import re

import pytest
from rdflib import RDF

from kg.build import build_report_graph
from kg.namespace import ESG
from kgqa.report import parse_text

from .conftest import report_kb

PROSE_TARGETS = """PREFIX esg: <https://kgqa.dev/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?slug ?label ?amount ?value ?year ?base ?netZero ?statement ?passage
       (GROUP_CONCAT(?scope; separator="|") AS ?scopes) WHERE {
  ?t a esg:Target ; esg:extractedFrom "prose" ; rdfs:label ?label ; esg:targetValue ?amount ;
     esg:targetYear ?year ; esg:netZero ?netZero ; esg:statement ?statement ; prov:wasDerivedFrom ?p .
  ?p esg:passageText ?passage ; esg:report/esg:slug ?slug .
  OPTIONAL { ?t esg:value ?value } OPTIONAL { ?t esg:baseYear ?base } OPTIONAL { ?t esg:scope ?scope }
} GROUP BY ?slug ?label ?amount ?value ?year ?base ?netZero ?statement ?passage"""

# a user's own report, in words no corpus report uses
REPORT = """# Acme Widgets Sustainability Report 2023

## About this report

This report covers Acme Widgets Inc. and its plants for the 2023 financial year.

## Climate

Our long-term ambition is to reach net-zero greenhouse gas emissions across our value chain by 2045.

We have set an interim target to cut absolute Scope 1 and 2 emissions from our plants by 42% by FY2030
against a 2021 baseline.

In 2023 we reduced our Scope 1 emissions by 12% compared with 2021, and by the end of 2023 we had cut
water withdrawal at our plants by 8%. We achieved our target of a 5% reduction in energy use per widget
by 2023.

Our goals for our plants are to:

- cut water withdrawal per widget by 20% by 2028 compared with 2022
- send no waste to landfill

If carbon prices doubled, we could reduce our emissions by 60% by 2035.

The national government aims to cut the country's emissions by 55% by 2030.
"""


def targets(graph) -> list[dict]:
    return [{k: (None if v is None else str(v)) for k, v in r.asdict().items()} for r in graph.query(PROSE_TARGETS)]


@pytest.fixture(scope="module")
def acme(tmp_path_factory):
    report = parse_text(REPORT, "acme-2023.md")
    return report, targets(build_report_graph(report))


def test_a_net_zero_commitment_is_a_target_with_its_year_and_scope(acme):
    _, found = acme
    [net_zero] = [t for t in found if t["netZero"] == "true"]
    assert net_zero["year"] == "2045"
    assert "greenhouse gas emissions" in net_zero["label"]
    assert net_zero["scopes"] == "value chain"
    assert "net-zero greenhouse gas emissions" in net_zero["passage"]      # derived from its passage


def test_a_percentage_target_has_its_amount_base_and_target_year_and_scopes(acme):
    report, found = acme
    [cut] = [t for t in found if t["amount"] == "42%"]
    assert (cut["amount"], float(cut["value"]), cut["year"], cut["base"]) == ("42%", 42.0, "2030", "2021")
    assert set(cut["scopes"].split("|")) == {"Scope 1", "Scope 2"}
    assert cut["label"].startswith("absolute Scope 1 and 2 emissions")
    g = build_report_graph(report)
    [node] = [t for t in g.subjects(ESG.extractedFrom, None) if str(g.value(t, ESG.targetValue)) == "42%"]
    assert (node, RDF.type, ESG.Target) in g
    assert (str(g.value(node, ESG.direction)), g.value(node, ESG.fiscalYear).toPython(),
            str(g.value(node, ESG.horizon))) == ("reduce", True, "interim")


def test_a_list_item_is_read_with_the_sentence_that_leads_into_it(acme):
    _, found = acme
    [water] = [t for t in found if "water" in t["label"]]
    assert (water["label"], water["amount"], water["year"], water["base"]) == ("water withdrawal per widget", "20%",
                                                                              "2028", "2022")


def test_an_achievement_a_scenario_and_a_government_aim_are_not_targets(acme):
    _, found = acme
    assert len(found) == 3, found
    amounts = {t["amount"] for t in found}
    assert not amounts & {"12%", "8%", "5%", "60%", "55%"}


def test_the_bundled_reports_state_their_climate_targets_in_prose(jsg, shell):
    jsg, shell = targets(build_report_graph(jsg)), targets(build_report_graph(shell))
    found = jsg + shell
    [neutral] = [t for t in jsg if t["netZero"] == "true"]
    assert (neutral["label"], neutral["year"], neutral["base"]) == ("carbon neutrality", "2055", "2022")
    assert any(t["netZero"] == "true" and t["year"] == "2050" and "energy business" in t["label"] for t in shell)
    [absolute] = [t for t in shell if t["amount"] == "50%" and t["year"] == "2030"]
    assert absolute["base"] == "2016" and {"Scope 1", "Scope 2"} <= set(absolute["scopes"].split("|"))
    [water] = [t for t in shell if "fresh-water" in t["label"]]
    assert (water["amount"], water["year"], water["base"]) == ("15%", "2025", "2018")
    # "we achieved our first short-term target of a 2-3% reduction in NCI by the end of 2021" was done, not set
    assert not [t for t in shell if t["amount"].startswith("2-3")]
    for t in found:             # each derived from the passage that says it
        assert all(w in t["passage"].lower() for w in re.findall(r"\w+", t["label"].lower())), t


@pytest.fixture(scope="module")
def acme_kb(tmp_path_factory):
    return report_kb(tmp_path_factory, "acme-2023.md", REPORT)


def test_a_net_zero_question_is_answered_from_the_stated_commitment(acme_kb):
    ans = acme_kb.ask("Does Acme have a net-zero commitment, and by which year?")
    assert ans.route == "graph" and ans.text.startswith("Yes.") and "2045" in ans.text
    assert "esg:netZero" in ans.sparql
    assert "net-zero greenhouse gas emissions" in ans.citations[0].text


def test_a_question_about_progress_is_not_answered_with_the_target(acme_kb):
    ans = acme_kb.ask("How did Acme perform against its target for absolute Scope 1 and 2 emissions from its plants?")
    assert "esg:Target" not in (ans.sparql or "")
