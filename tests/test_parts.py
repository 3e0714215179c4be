"""A question about several figures at once is split into one question per figure."""
from __future__ import annotations

import pytest

from kgqa.qa.parts import split


def test_a_list_of_scopes_is_one_question_per_scope():
    parts = split("What are the company's scope 1, 2 and 3 emissions? Provide the values for each scope individually.")
    assert parts.labels == ["scope 1", "scope 2", "scope 3"]
    assert parts.questions[2] == "What are the company's scope 3 emissions? Provide the values for each scope individually."
    assert not parts.compare and not parts.combine


def test_more_a_or_b_asks_how_much_of_each_and_which_is_larger():
    parts = split("Did the group sell more gas or more electricity in 2020, in TWh terms?")
    assert parts.compare and parts.labels == ["gas", "electricity"]
    assert parts.questions == ["How much did the group sell gas in 2020, in TWh terms?",
                               "How much did the group sell electricity in 2020, in TWh terms?"]


def test_combined_codes_ask_for_the_sum():
    parts = split("What were the combined Scope 1 and 2 emissions in 2021?")
    assert parts.combine and parts.codes == ("Scope", ["1", "2"])
    assert parts.named_in("our total combined Scope 1 and 2 emissions were 68 million tonnes")
    assert not parts.named_in("our Scope 1 emissions were 60 million tonnes")


@pytest.mark.parametrize("question", [
    "Was revenue higher in 2023 or 2024?",                         # periods: a change, not two figures
    "Were operational emissions above or below the baseline?",     # a direction
    "Which company had higher total GHG emissions, JSG or Shell?",  # companies: answered per company
    "What were Scope 1 emissions in 2021?",
])
def test_one_figure_questions_are_not_split(question):
    assert split(question, {"jsg", "shell"}) is None
