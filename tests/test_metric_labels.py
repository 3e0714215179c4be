"""How a table row's label is read: the unit it carries, and the table title that gives it context."""
from __future__ import annotations

import pytest

from kg.units import unit_from_label
from kgqa.qa.catalog import agree


@pytest.mark.parametrize("label, name, unit", [
    ("Electricity production (TWh)", "Electricity production", "TWh"),
    ("Total GHG emissions – Scope 1 (mt CO2 eq)", "Total GHG emissions – Scope 1", "mt CO2 eq"),
    ("Environment-related complaints (no.)", "Environment-related complaints", "no."),
    ("Gross investment (€ bn)", "Gross investment", "€ bn"),
    ("Employees (thousand)", "Employees", "thousand"),
    # brackets of other words are part of the metric, not its unit
    ("Scope 2 GHG emissions (location based)", "Scope 2 GHG emissions (location based)", ""),
    ("Number of fatal accidents (employees)", "Number of fatal accidents (employees)", ""),
    ("Revenue (2020)", "Revenue (2020)", ""),
])
def test_a_unit_in_a_row_label_is_the_unit(label, name, unit):
    assert unit_from_label(label) == (name, unit)


def test_a_scope_named_only_in_the_table_title_is_the_rows_scope():
    question = "How much did Scope 3 emissions from the use of sold energy coal change?"
    assert not agree(question, "Use of sold products – Energy coal")
    assert agree(question, "Use of sold products – Energy coal", "Table 2: Scope 3 GHG emissions by category")
    # the label's own scope wins over the title's
    assert not agree(question, "Scope 1 – Energy coal", "Scope 1, 2 and 3 emissions")


def test_a_qualifier_set_aside_does_not_count_as_asked():
    question = "What is the Scope 2 figure on a location-based rather than a market-based method?"
    assert agree(question, "Scope 2 GHG emissions (location based)")
    assert not agree(question, "Scope 2 GHG emissions (market based)")
