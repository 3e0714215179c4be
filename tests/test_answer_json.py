"""Every answer route serialises: `kgqa ask --json` prints an answer a program can read."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from kgqa.cli import main

ROUTES = {
    "metric": "How many litres of gasoline did JSG consume in 2023?",
    "change": "How did JSG's gasoline consumption change from 2023 to 2024?",
    "target": "What is JSG's target for the three-waste emission compliance rate, and was it met?",
    "event": "When was Qiushi Semiconductor established?",
    "month": "What happened at JSG in March 2024?",
    "person": "Who are JSG's independent directors?",
    "committee": "Who chairs the Audit Committee?",
    "organisation": "What is the legal name of Meijing New Materials?",
    "subsidiaries": "Which subsidiaries does JSG have?",
    "ratio": "What is the ratio of female employees to total employees at JSG in 2024?",
    "companies": "How many employees were there?",
    "passage": "How can someone report misconduct at JSG?",
    "out of range": "How many litres of gasoline did JSG consume in 1990?",
    "not disclosed": "Does JSG use an internal carbon price, and at what level?",
    "unknown company": "What were ACME's Scope 1 emissions in 2021?",
}


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_every_route_answers_as_json(kb_dir, route):
    r = CliRunner().invoke(main, ["ask", ROUTES[route], "--json", "--data-dir", str(kb_dir)])
    assert r.exit_code == 0, r.output
    ans = json.loads(r.output)
    assert ans["question"] and ans["text"] and ans["route"] in ("graph", "passage", "none")
    assert all(isinstance(f, dict) for f in ans["facts"])
    assert ans["answerable"] == (route not in ("out of range", "not disclosed", "unknown company"))
