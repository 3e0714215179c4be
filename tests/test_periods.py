"""Periods in a question, in every spelling an analyst uses, read relative to the report's year."""
from __future__ import annotations

import pytest

from kgqa.qa.periods import parse_periods


@pytest.mark.parametrize("text, years", [
    ("What were Scope 1 emissions in FY2020?", [2020]),
    ("Compare FY21 with FY22", [2021, 2022]),
    ("Revenue in fiscal 2024", [2024]),
    ("Water use in the 2020 financial year", [2020]),
    ("Water withdrawal 2021/22", [2022]),
    ("Intensity over FY2017-FY2020", [2017, 2018, 2019, 2020]),
    ("between 2018 and 2020", [2018, 2019, 2020]),
    ("from 2022 to 2024", [2022, 2023, 2024]),
    ("Was revenue higher in 2023 or 2024?", [2023, 2024]),
    ("What were emissions last year?", [2020]),
    ("What were emissions this year?", [2021]),
    ("over the past three years", [2019, 2020, 2021]),
    ("How did waste change year on year?", [2020, 2021]),
    ("How much have emissions fallen since 2019?", [2019, 2021]),
])
def test_a_period_in_any_spelling_is_the_right_years(text, years):
    assert parse_periods(text, report_year=2021).years == years


def test_period_words_do_not_name_the_metric():
    p = parse_periods("Scope 1 emissions in the last fiscal year, FY21 vs FY22", report_year=2022)
    assert "FY" not in p.text and "fiscal" not in p.text and "last" not in p.text


def test_a_relative_year_without_a_report_year_is_no_year():
    assert parse_periods("What were emissions last year?").years == []
