"""The passage index: exact FAISS search for small corpora, HNSW above `flat_max`, switched by size."""
from __future__ import annotations

import json

import pytest

from index import PassageIndex
from kgqa import IndexCorrupted, ModelMismatch


def test_above_flat_max_the_index_is_hnsw_and_finds_what_flat_finds(kb, kb_dir, tmp_path):
    PassageIndex.build(kb.passages, tmp_path / "hnsw", model_name=kb.manifest["model"],
                              cache_dir=kb.folder / "index", flat_max=100)
    config = json.loads((tmp_path / "hnsw" / "config.json").read_text())
    assert config["kind"] == "hnsw" and config["embedded_now"] == 0      # cached vectors, no re-embedding
    assert json.loads((kb.folder / "index" / "config.json").read_text())["kind"] == "flat"
    reopened = PassageIndex.open(tmp_path / "hnsw", kb.passages, model_name=kb.manifest["model"])
    queries = ["total greenhouse gas emissions", "water consumption", "women in senior leadership",
               "safety production investment", "reclaimed water system"]
    for q in queries:
        flat_top = [p.passage_id for p in kb.index.search(q, 5)]
        hnsw_top = [p.passage_id for p in reopened.search(q, 5)]
        assert len(set(flat_top) & set(hnsw_top)) >= 4, q


def test_an_index_from_another_model_is_refused(kb, kb_dir):
    with pytest.raises(ModelMismatch, match="kgqa ingest"):
        PassageIndex.open(kb.folder / "index", kb.passages, model_name="some-other-model")


def test_a_damaged_index_says_to_rebuild(kb, kb_dir, tmp_path):
    import shutil
    broken = tmp_path / "index"
    shutil.copytree(kb.folder / "index", broken)
    (broken / "vectors.faiss").write_bytes(b"not a faiss index")
    with pytest.raises(IndexCorrupted, match="kgqa ingest"):
        PassageIndex.open(broken, kb.passages, model_name=kb.manifest["model"])
