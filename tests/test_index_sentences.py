"""The fused ranking's best-sentence list: a long prose passage whose one sentence answers the question
is found ahead of short passages that only touch it (index mechanics only: a stand-in embedder points
every passage away from the question, so the dense list is empty and BM25 alone decides)."""
from __future__ import annotations

import numpy as np
import pytest

from index import hybrid
from kgqa.report.model import Passage

QUESTION = "When did the board approve the quartz plan?"
FILLER = ("Water drawn at the mill fell again after the new pumps were fitted. Training hours per worker "
          "grew across every site. The fleet moved to electric forklifts at two depots. Waste sent to "
          "landfill was halved since the baseline year. Suppliers signed the revised code of conduct. "
          "Community grants supported local schools and clinics. ")
TEXTS = [
    "The quartz plan is reviewed by management every year.",
    "The board meets four times a year to review the plan.",
    "Quartz output rose as the plan foresaw.",
    FILLER + "In March the board approved the quartz plan after two years of study. " + FILLER,
]


@pytest.fixture
def index(monkeypatch):
    import faiss
    question = np.array([1, 0, 0, 0], dtype=np.float32)
    monkeypatch.setattr(hybrid, "embed_query", lambda model, text: question)
    passages = [Passage(f"toy:L{i}-{i}", "toy", t, ("Governance",), 1, i, i) for i, t in enumerate(TEXTS)]
    vectors = np.tile(-question, (len(passages), 1))          # similarity -1: below the dense list's floor
    flat = faiss.IndexFlatIP(4)
    flat.add(vectors)
    return hybrid.PassageIndex(passages, vectors, flat, "stand-in")


def test_each_prose_sentence_is_its_own_text_and_tables_have_none(index):
    assert (index.sentence_owner == 3).sum() == 13 and set(index.sentence_owner.tolist()) == {0, 1, 2, 3}
    table = Passage("toy:L9-9", "toy", "Figure\t2023\nQuartz plan\t4", (), 1, 9, 9, kind="table")
    owners, texts = hybrid._sentences([table])
    assert len(owners) == 0 and texts == []


def test_the_passage_holding_the_answering_sentence_ranks_first(index):
    assert not (index.dense_scores(QUESTION) > -1).any()
    assert index.search(QUESTION, k=1)[0].passage_id == "toy:L3-3"


def test_without_the_sentence_list_the_long_passage_loses(index, monkeypatch):
    monkeypatch.setattr(hybrid, "W_SENTENCES", 0.0)
    monkeypatch.setattr(hybrid, "W_LEXICAL", 2.0)       # the weights before the sentence list
    assert index.search(QUESTION, k=1)[0].passage_id != "toy:L3-3"
