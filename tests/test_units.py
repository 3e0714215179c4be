"""How a table cell is read: its figure, the unit printed beside it, and how that unit meets the row's."""
from __future__ import annotations

import pytest

from kg.units import merge_units, normalise, parse_value
from kgqa.report.tables import figure_out_of_label


@pytest.mark.parametrize("cell, value, unit, printed", [
    ("21 Mt", 21, "Mt", "21"),
    ("€7.2 bn", 7.2, "€ bn", "7.2"),
    ("306 MW", 306, "MW", "306"),
    ("4 TWh", 4, "TWh", "4"),
    ("12.5 %", 12.5, "%", "12.5"),
    ("$1.2bn", 1.2, "$ bn", "1.2"),
    ("€330 m", 330, "€ m", "330"),
    ("US$ 3.4 million", 3.4, "US$ million", "3.4"),
    ("5 tCO2e", 5, "tCO2e", "5"),
    ("4,0x", 4.0, "x", "4,0"),                 # a decimal comma: never three digits after it
    ("1,234", 1234, "", "1,234"),
    ("(1,234)", -1234, "", "1,234"),
])
def test_a_figure_printed_with_its_unit_is_read_with_it(cell, value, unit, printed):
    read = parse_value(cell)
    assert (read.value, read.unit, read.printed, read.note) == (pytest.approx(value), unit, printed, None)


def test_a_range_or_bound_keeps_the_unit_printed_once_for_both_ends():
    read = parse_value("€9-10bn")
    assert (read.value, read.unit, read.note) == (9, "€ bn", "range 9–10")
    read = parse_value("€15 bn–€16 bn")
    assert (read.value, read.unit, read.printed) == (15, "€ bn", "15–16")
    assert parse_value("≤ 4,0x").note == "≤" and parse_value("65-75 %").percent


@pytest.mark.parametrize("cell", ["GB/T 34213-2023", "75% of sales in 2050", "~$10-40/t in 2030",
                                  "138,383 CNY 10,000", "nd", "NA", "€9.9 - 10.3 bn €10.3-10.7 bn", "12 people"])
def test_a_cell_that_is_not_one_figure_with_a_unit_gives_none(cell):
    assert parse_value(cell).value is None


def test_a_currency_magnitude_scales_the_figure_and_a_metre_does_not():
    assert normalise(7.2, "€ bn") == (pytest.approx(7.2e9), "€")
    assert normalise(330, "€ m") == (pytest.approx(330e6), "€")
    assert normalise(858, "€ m/year") == (pytest.approx(858e6), "€/year")
    assert normalise(306, "m") == (306, "m")


def test_the_unit_in_the_cell_wins_and_the_rows_is_kept_when_it_says_more():
    assert merge_units("", "€ bn") == "€ bn"
    assert merge_units("mt CO2 eq", "Mt") == "mt CO2 eq"
    assert merge_units("million tonnes CO2-e", "%") == "%"
    assert merge_units("Persons", "") == "Persons"


def test_a_figure_a_label_swallowed_goes_back_to_its_empty_column():
    years = {1: 2020, 2: 2019, 3: 2018}
    assert figure_out_of_label(["Iron ore processing(6) 205.6-322.6", "", "197.2-299.6", "201.2-317.4"], years) \
        == ["Iron ore processing(6)", "205.6-322.6", "197.2-299.6", "201.2-317.4"]
    # a number that names the thing stays in the label; so does a figure beside a filled column
    assert figure_out_of_label(["Scope 1", "", "5", "6"], years)[0] == "Scope 1"
    assert figure_out_of_label(["Employees aged 30-50", "", "1,200", "1,300"], years)[0] == "Employees aged 30-50"
    assert figure_out_of_label(["Female managers(2) 12.5", "11.0", "10.5", "9.5"], years)[1] == "11.0"
