"""Figures stated in ordinary prose sentences become observations (esg:extractedFrom "prose"): a
measured thing, a figure with a unit, the year the sentence gives it (or the report's); not a change,
a target, a cumulative figure, nor a figure of something the sentence does not name."""
from __future__ import annotations

import pytest

from kg.extract.prose_figures import read_figures

from .conftest import report_kb


def one(sentence: str, year: int = 2022, names=("Eastwind",)):
    """The figure a sentence states (a sentence gives at most one: the others are comparisons)."""
    got = read_figures(sentence, year, names)
    return got[0] if got else None


@pytest.mark.parametrize("sentence, label, value, unit, year", [
    ("Our Scope 3 emissions from the use of our sold fuels were 1,310 million tonnes CO2e.",
     "Scope 3 emissions", 1310, "million tonnes CO2e", 2022),
    ("Our indirect emissions from bought electricity (Scope 2) were 9 million tonnes in 2021 (market-based), "
     "against 10 million tonnes in 2020.",
     "Indirect emissions (Scope 2)", 9, "million tonnes", 2021),
    ("Our whole carbon footprint for FY21 came to 95M MT CO2e.",
     "Whole carbon footprint", 95, "million MT CO2e", 2021),
    ("In 2022, Eastwind's total methane emissions were 41 thousand tonnes compared with 48 thousand tonnes in 2021.",
     "Total methane emissions", 41, "thousand tonnes", 2022),
    ("We produced 512 tonnes of green hydrogen in 2022.", "Green hydrogen production", 512, "tonnes", 2022),
    ("In 2022, Eastwind generated revenues of €12.5 billion.", "Revenues", 12.5, "€ billion", 2022),
])
def test_a_stated_figure_is_read(sentence, label, value, unit, year):
    f = one(sentence)
    assert f is not None, sentence
    assert (f.label, f.value, f.unit, f.year) == (label, value, unit, year)


def test_what_follows_the_head_is_the_qualifier():
    f = one("Our indirect emissions from bought electricity (Scope 2) were 9 million tonnes in 2021 (market-based).")
    assert "bought electricity" in f.qualifier and "market-based" in f.qualifier


@pytest.mark.parametrize("sentence", [
    "Our Scope 1 emissions fell by 4% to 390 thousand tonnes in 2022.",                 # a change
    "Scope 2 emissions were 12 thousand tonnes lower than in 2021.",                     # a difference
    # the sentence states the change too: a question about the change is the passage's to answer
    "Our whole carbon footprint for FY21 came to 95M MT CO2e, up 6% from FY20.",
    "Our Scope 1 and 2 emissions were 30% below 2016 levels.",                           # a percentage
    "We aim to reduce our Scope 1 emissions to 200 thousand tonnes by 2030.",            # a target
    "Our Scope 1 emissions will be 200 thousand tonnes by 2030.",                        # a target
    "Our tree planting scheme has absorbed 5.5 million tonnes of CO2 since 2015.",       # cumulative
    "Our water consumption was 22 million cubic metres in 2019, the year we opened the plant, and 2021.",
    "In 2022, water use at these sites was 12 million cubic metres.",                   # which sites?
    "Our spending on and investment in battery trains amounted to around $95 million.",  # two things at once
    "The company employed 12,000 people in 2022.",                                       # no unit
    "Our largest Scope 3 category, purchased goods, was 1,200 thousand tonnes CO2e in 2022.",  # no subject clause
    "Emissions were 5 to 6 million tonnes in 2022.",                                     # a range
    "Our customers consumed 40 TWh of gas in 2022.",                                     # not the company's action
    "Emissions intensity was 12 kg CO2e per tonne of product in 2022.",                 # an intensity: "per" is its unit
    "Scope 1 emissions were 5 million tonnes CO2e in 2022, excluding joint ventures.",  # a boundary the label lacks
    "Our revenue was $3.2 billion last year.",                                           # which year is "last year"?
])
def test_what_is_not_a_plain_stated_figure_is_not_read(sentence):
    assert one(sentence) is None, read_figures(sentence, 2022, ["Eastwind"])


EASTWIND = """# Eastwind Energy Sustainability Report 2022

## Our emissions

| GHG emissions (million tonnes CO2e) | 2021 | 2022 |
|---|---|---|
| Scope 1 GHG emissions | 41 | 39 |
| Scope 2 GHG emissions | 10 | 9 |

Our Scope 3 emissions from the use of our sold fuels were 1,310 million tonnes CO2e. Our Scope 1 emissions
fell by 5% in 2022 as two plants closed. In 2021, our methane emissions were 52 thousand tonnes.

## Renewable gas

We produced 512 GWh of green hydrogen in 2022 at our eleven electrolysers. We aim to produce 2 TWh of green
hydrogen by 2030.
"""


@pytest.fixture(scope="module")
def eastwind(tmp_path_factory):
    return report_kb(tmp_path_factory, "eastwind-2022.md", EASTWIND)


def test_prose_figures_are_observations_derived_from_their_passage(eastwind):
    prose = [f for f in eastwind.facts() if f["extracted_from"] == "prose"]
    got = {(f["metric"], f["value"], f["unit"], f["year"]) for f in prose}
    assert ("Scope 3 emissions", 1310e6, "t CO2e", 2022) in got
    assert ("Green hydrogen production", 512, "GWh", 2022) in got
    assert len(prose) == 2, prose          # not the change, not the target, not the earlier year's figure
    for f in prose:
        assert f["passage_id"] and str(f["value"] / (1e6 if "million" in f["reported_unit"] else 1)).rstrip("0") \
            .rstrip(".") in f["source_text"].replace(",", "")


def test_a_question_about_a_prose_figure_is_answered_with_it(eastwind):
    ans = eastwind.ask("What were Eastwind's Scope 3 emissions in 2022?")
    assert ans.answerable and "1,310" in ans.text, ans.text
    ans = eastwind.ask("How much green hydrogen did Eastwind produce in 2022?")
    assert ans.answerable and "512" in ans.text, ans.text


def test_a_table_figure_keeps_its_question(eastwind):
    ans = eastwind.ask("What were Eastwind's Scope 1 GHG emissions in 2022?")
    assert ans.answerable and "39" in ans.text and "1,310" not in ans.text, ans.text


def test_a_prose_figure_does_not_answer_for_another_year_or_a_change(eastwind):
    # the sentence gives 2022 only: a change since 2021 is not that one figure
    ans = eastwind.ask("How did Eastwind's Scope 3 emissions change from 2021 to 2022?")
    assert ans.route != "graph", ans.text
