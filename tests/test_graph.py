"""The knowledge graph: exact figures with their year, unit and source passage."""
from __future__ import annotations

import pytest
from rdflib.compare import isomorphic

from kg import build_report_graph


def facts_of(kb, report_prefix):
    return [f for f in kb.facts() if f["report"].startswith(report_prefix)]


def find(facts, metric, year, qualifier=None):
    hits = [f for f in facts if f["metric"] == metric and f["year"] == year
            and (qualifier is None or (f["qualifier"] or "").startswith(qualifier))]
    assert hits, f"no fact {metric} {year} {qualifier}"
    return hits[0]


@pytest.mark.parametrize("metric, year, reported, unit, qualifier", [
    ("Fatalities", 2021, "8", "Number", None),
    ("Fatalities – Employees", 2021, "0", "Number", "Employees"),
    ("Fatalities – Contractors", 2019, "4", "Number", "Contractors"),
    ("Total recordable case frequency (TRCF)", 2021, "0.9", "Number per million hours", None),
    ("Direct GHG emissions (Scope 1)", 2021, "60", "million tonnes CO2e", "operational control"),
    ("Direct GHG emissions (Scope 1)", 2021, "91", "million tonnes CO2e", "equity boundary"),
    ("Methane (CH4)", 2021, "55", "thousand tonnes", None),
    ("Fresh water withdrawn", 2021, "166", "Million cubic metres", None),
    ("Fresh water consumed", 2020, "127", "Million cubic metres", None),
    ("Employees", 2021, "82", "thousand", None),
    ("Employees", 2020, "87", "thousand", None),
    ("Total energy use", 2017, "269", "million MWh", None),
])
def test_shell_hsse_and_ghg_tables_become_observations(kb, metric, year, reported, unit, qualifier):
    f = find(facts_of(kb, "shell"), metric, year, qualifier)
    assert f["reported_value"] == reported and f["reported_unit"].replace("  ", " ") == unit
    assert reported in f["source_text"].replace("**", "")


def test_units_are_normalised_so_equal_amounts_compare(kb):
    jsg = facts_of(kb, "jsg")
    rd = find(jsg, "R&D investment", 2024)
    assert rd["reported_value"] == "111,919" and rd["reported_unit"] == "CNY 10,000"
    assert rd["value"] == pytest.approx(1_119_190_000) and rd["unit"] == "CNY"
    ghg = find(facts_of(kb, "shell"), "Direct GHG emissions (Scope 1)", 2021, "operational control")
    assert ghg["value"] == pytest.approx(60e6) and ghg["unit"].startswith("t")


def test_every_fact_cites_a_passage_holding_its_figure(kb):
    facts = list(kb.facts())
    assert len(facts) > 1000
    for f in facts:
        assert f["reported_value"].replace(",", "") in f["source_text"].replace("**", "").replace(",", ""), f


def test_key_performance_prose_figures_are_facts(kb):
    jsg = facts_of(kb, "jsg")
    prose = [f for f in jsg if f["extracted_from"] == "prose"]
    assert len(prose) > 50
    assert any(f["reported_value"] == "6,111" and f["year"] == 2024 for f in prose)


def test_subsidiaries_have_their_alias_spellings(kb):
    rows = kb.sparql("""
        PREFIX org: <http://www.w3.org/ns/org#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?alt WHERE { ?s org:subOrganizationOf ?c ; skos:prefLabel ?full ; skos:altLabel ?alt }""",
        bindings={"full": __import__("rdflib").Literal("Zhejiang Jinghong Precision Machinery Manufacturing Co., Ltd.")})
    alts = {str(r.alt) for r in rows}
    assert {"Jinghong Precision", "JingHong Precision"} <= alts


def test_extraction_is_deterministic(jsg):
    g1, _ = build_report_graph(jsg)
    g2, _ = build_report_graph(jsg)
    assert isomorphic(g1, g2)


def test_facts_list_every_observation_once(kb):
    listed = [f["observation"] for f in kb.facts()]
    every = {str(r.o) for r in kb.sparql("PREFIX qb: <http://purl.org/linked-data/cube#> "
                                         "SELECT ?o WHERE { ?o a qb:Observation }")}
    assert len(listed) == len(set(listed)) and set(listed) == every and len(every) > 1000


def test_the_graph_conforms_to_the_shapes(kb):
    """Every observation has exactly one metric, value, unit, period, entity and source passage (kg/shapes.ttl)."""
    from pathlib import Path

    import pyshacl
    from rdflib import Graph

    data = Graph()
    for t in kb.graph.to_dataset().triples((None, None, None)):
        data.add(t)
    shapes = Graph().parse(Path("kg/shapes.ttl"))
    conforms, _, report = pyshacl.validate(data, shacl_graph=shapes, advanced=True)
    assert conforms, report[:3000]


def test_the_ontology_declares_exactly_the_terms_the_code_uses():
    from pathlib import Path

    from rdflib import Graph, URIRef

    from kg.namespace import ESG

    onto = Graph().parse(Path("kg/ontology.ttl"))
    declared = {s for s in onto.subjects() if isinstance(s, URIRef) and str(s).startswith(str(ESG._NS)) and str(s) != str(ESG._NS)}
    in_code = {ESG[name] for name in ESG.__annotations__}
    assert declared == in_code


CONFLICTING_REPORT = """# Acme Corp 2024 ESG Report

## Environment

Acme Corp reports its environmental performance for the year 2024. This section covers energy and
water used at all plants and offices of the group, measured with calibrated meters and reviewed by
the internal audit team.

Energy use

Data item	Unit	2024	2023
Electricity consumption	MWh	1,200	1,100
Water withdrawal	m³	500	450

## Performance data

Environmental indicators

Data item	Unit	2024	2023
Electricity consumption	MWh	1,250	1,100
Water withdrawal	m³	500	450
"""


def test_two_different_figures_for_one_year_are_flagged_and_both_shown(tmp_path):
    from kgqa import KnowledgeBase

    report = tmp_path / "acme-2024.md"
    report.write_text(CONFLICTING_REPORT, encoding="utf-8")
    kb = KnowledgeBase.build([report], data_dir=tmp_path / "kb")
    rows = list(kb.sparql("PREFIX esg: <https://kgqa.dev/ontology#> "
                          "SELECT ?v WHERE { ?c a esg:Conflict ; esg:observation/esg:reportedValue ?v }"))
    assert sorted(str(r.v) for r in rows) == ["1,200", "1,250"]          # water agrees: no conflict
    ans = kb.ask("What was the electricity consumption in 2024?")
    assert "1,200" in ans.text and "1,250" in ans.text and "disagree" in ans.text and len(ans.citations) == 2
    from kg.examples import example_queries
    documented = dict(example_queries())["Conflicting observations"]
    assert sorted(str(r.value) for r in kb.sparql(documented)) == ["1,200", "1,250"]


def test_subsidiaries_carry_recognitions_and_founding_years_from_the_text(kb):
    rows = kb.sparql("""PREFIX esg: <https://kgqa.dev/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?name ?what WHERE { ?s esg:shortName ?name ; esg:recognition ?r .
                                  ?r rdfs:label ?what ; prov:wasDerivedFrom ?passage }""")
    high_tech = {str(r.name) for r in rows if "High-Tech" in str(r.what)}
    assert {"Qiushi Chuangxin", "Jingyu New Materials", "Ningxia Jingchuang"} <= high_tech
    founded = {str(r.name): str(r.year) for r in kb.sparql("""PREFIX esg: <https://kgqa.dev/ontology#>
        SELECT ?name ?year WHERE { ?s esg:shortName ?name ; esg:established ?year }""")}
    assert founded["Jingrui Electronic"] == "2014" and founded["JingHuan Electronic"] == "2013"
    one_source = kb.sparql("""PREFIX esg: <https://kgqa.dev/ontology#> PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?s (COUNT(?p) AS ?n) WHERE { ?s a esg:Subsidiary ; prov:wasDerivedFrom ?p } GROUP BY ?s""")
    assert all(int(r.n) == 1 for r in one_source)        # a subsidiary's node cites where it is defined


def test_governance_lists_become_committees_standards_and_honours(kb):
    chairs = {str(r.c): str(r.chair) for r in kb.sparql("""PREFIX esg: <https://kgqa.dev/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?c ?chair WHERE { ?x a esg:Committee ; rdfs:label ?c ; esg:chair/rdfs:label ?chair }""")}
    assert chairs["Audit Committee"] == "Fu Qi" and chairs["Strategy and Investment Committee"] == "Cao Jianwei"
    standards = {str(r.no): str(r.type) for r in kb.sparql("""PREFIX esg: <https://kgqa.dev/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?no ?type WHERE { ?s a esg:Standard ; skos:notation ?no ; esg:standardType ?type }""")}
    assert standards["GB/T 40577-2021"] == "National" and standards["SJ/T 11854-2022"] == "Industry"
    levels = {str(r.h): str(r.level) for r in kb.sparql("""PREFIX esg: <https://kgqa.dev/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?h ?level WHERE { ?x a esg:Honour ; rdfs:label ?h ; esg:level ?level }""")}
    assert levels["MSCI ESG rating upgraded to BB"] == "ESG Honors"
    assert levels["Top 500 Chinese Private Enterprises 2024"] == "National Level"
