"""The metric labels grouped across reports (kgqa/qa/label_index.py): each check compares the grouped
answer with scoring every report's metric one by one, in catalog order, as the catalog did before."""
from __future__ import annotations

import random

import pytest

from kgqa import KnowledgeBase
from kgqa.qa.analysis import analyse
from kgqa.qa.catalog import agree, metric_catalog
from kgqa.qa.label_index import LabelIndex

REPORTS = [f"r{i}" for i in range(12)]


def synthetic(rng: random.Random):
    """Keys of a catalog: each report prints some of 15 labels; `kind` (a label's signature) is
    shared across reports except where a report prints it under another table title."""
    keys, kind = [], {}
    for r in REPORTS:
        for label in rng.sample(range(15), rng.randint(0, 8)):
            k = (r, f"label {label}", None)
            keys.append(k)
            kind[k] = (label, rng.random() < 0.2 and r)         # a fifth of them a class of their own
    rng.shuffle(keys)
    return keys, kind


def case(seed: int, most_reports: int, some_reports: float):
    """A random catalog, its index, and the reports asked about (None: every report, otherwise)."""
    rng = random.Random(seed)
    keys, kind = synthetic(rng)
    index = LabelIndex(keys, kind.__getitem__, lambda k: {k[1].split()[1]}, REPORTS)
    reports = rng.sample(REPORTS, rng.randint(1, most_reports)) if rng.random() < some_reports else None
    return rng, keys, kind, index, reports


@pytest.mark.parametrize("seed", range(40))
def test_each_report_gets_its_first_metric_of_the_best_score(seed):
    rng, keys, kind, index, reports = case(seed, len(REPORTS), 0.5)
    score_of = {sig: float(rng.randint(0, 3)) for sig in set(kind.values()) if rng.random() < 0.7}   # ties
    plain: dict[str, tuple] = {}
    for k in keys:                      # catalog order; a later key wins only with a higher score
        if kind[k] in score_of and (reports is None or k[0] in reports):
            if k[0] not in plain or score_of[kind[k]] > score_of[kind[plain[k[0]]]]:
                plain[k[0]] = k
    scored = {k: score_of[kind[k]] for k in index.representatives({str(i) for i in range(15)}, reports)
              if kind[k] in score_of}
    got = index.best_per_report(scored, reports)
    assert {r: key for r, (key, _) in got.items()} == plain
    assert all(kind[key] == kind[rep] for key, rep in got.values())


@pytest.mark.parametrize("seed", range(40))
def test_representatives_are_each_labels_first_metric_among_the_reports(seed):
    rng, keys, kind, index, reports = case(seed, 4, 0.7)
    words = {str(i) for i in rng.sample(range(15), 4)}
    first: dict = {}
    for k in keys:
        if k[1].split()[1] in words and (reports is None or k[0] in reports):
            first.setdefault(kind[k], k)
    assert index.representatives(words, reports) == sorted(first.values(), key=keys.index)


@pytest.mark.parametrize("seed", range(40))
def test_the_closest_metrics_are_a_stable_sort_of_every_metric(seed):
    rng, keys, kind, index, reports = case(seed, 6, 0.5)
    limit = rng.randint(1, 12)
    score_of = {c: float(rng.randint(0, 4)) for c in range(len(index)) if rng.random() < 0.6}
    cls = {k: int(index.class_of[i]) for i, k in enumerate(keys)}
    plain = sorted(((-score_of[cls[k]], i) for i, k in enumerate(keys)
                    if cls[k] in score_of and (reports is None or k[0] in reports)))[:limit]
    assert index.top(score_of, reports, limit) == [(keys[i], -s) for s, i in plain]


COPY = """# {company} Sustainability Report 2023

{company} reduced its water use across all plants and trained its staff on safety during the year.

## Environment

| Indicator | 2022 | 2023 |
| --- | --- | --- |
| Electricity consumption (MWh) | 1,100 | {a} |
| Water withdrawal (m3) | 5,000 | {b} |
| Scope 1 GHG emissions (tCO2e) | 300 | {c} |
{extra}"""


@pytest.fixture(scope="module")
def copies(tmp_path_factory):
    """Six reports printing the same table (two with one more row): real parse, graph, model and index."""
    folder = tmp_path_factory.mktemp("copies")
    paths = []
    for i, name in enumerate(["Acme", "Beta", "Gamma", "Delta", "Epsilon", "Zeta"]):
        extra = "| Scope 2 GHG emissions (tCO2e) | 700 | 650 |\n" if i % 3 == 1 else ""
        path = folder / f"{name.lower()}.md"
        path.write_text(COPY.format(company=f"{name} Widgets Inc.", a=f"1,{200 + i}", b=f"4,{900 + i}",
                                    c=f"{280 + i}", extra=extra), encoding="utf-8")
        paths.append(path)
    return KnowledgeBase.build(paths, data_dir=folder / "kb")


QUESTIONS = ["What was the electricity consumption in 2023?", "How much water was withdrawn in 2022?",
             "What were the Scope 1 GHG emissions?", "What were the Scope 2 emissions in 2023?",
             "How did greenhouse gas emissions change from 2022 to 2023?", "How much power was used?"]


def test_copies_share_one_label_each(copies):
    catalog = metric_catalog(copies)
    assert len(catalog.groups) == 6 * 3 + 2
    assert len(catalog.labels) == 4


@pytest.mark.parametrize("text", QUESTIONS)
def test_a_question_naming_no_company_matches_as_each_report_one_by_one(copies, text):
    catalog = metric_catalog(copies)
    q = analyse(text, None)
    slugs = list(copies.reports)
    one_by_one = [m for m in (catalog.match(q, [s]) for s in slugs) if m]
    assert catalog.match_each(q, slugs) == one_by_one
    top = max((m.score for m in one_by_one), default=None)       # the first of the best, in catalog order
    best = min((m for m in one_by_one if m.score == top), default=None,
               key=lambda m: catalog.position[(m.report, m.label, m.qualifier)])
    assert catalog.match(q) == best


@pytest.mark.parametrize("text", QUESTIONS)
def test_the_closest_labels_are_those_of_every_report_scored_one_by_one(copies, text):
    import numpy as np

    from index.embed import embed_query
    catalog = metric_catalog(copies)
    q = analyse(text, None)
    keys, rows, vectors, _ = catalog.label_vectors()
    sims = (vectors @ embed_query(copies.index.model_name, text))[rows]
    plain = sorted((-float(sims[i]), i) for i, k in enumerate(keys)
                   if sims[i] >= 0.45 and agree(text, f"{k[1]} {k[2] or ''}", catalog.context[k]))
    got = catalog.semantic_candidates(q, None, limit=4)
    assert [(m.report, m.label) for m in got] == [keys[i][:2] for _, i in plain[:4]]
    assert np.allclose([m.score for m in got], [-s for s, _ in plain[:4]])
