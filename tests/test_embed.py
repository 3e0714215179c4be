"""Embeddings in bfloat16 (the default on CPUs that have it) find the same passages as float32."""
from __future__ import annotations

from pathlib import Path

from bench.bench_embed import questions, top5
from index.embed import embed

DEV = str(Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev" / "*.jsonl")


def test_bf16_embeddings_keep_every_hybrid_top5_of_a_dev_sample(kb):
    qs = questions(DEV)[::4]
    assert len(qs) >= 20
    model = kb.index.model_name
    texts = [p.index_text() for p in kb.passages]
    tops = {}
    for precision in ("fp32", "bf16"):
        vectors = embed(model, texts, precision_=precision)
        tops[precision] = top5(kb, vectors, lambda q: embed(model, [q])[0], qs)
    changed = [q for q, a, b in zip(qs, tops["fp32"], tops["bf16"]) if a != b]
    assert changed == []


def test_embeddings_come_back_in_input_order_and_unit_length(kb):
    model = kb.index.model_name
    texts = ["a short one", "a much longer passage about greenhouse gas emissions in 2024 " * 5, "water"]
    vecs = embed(model, texts)
    single = [embed(model, [t])[0] for t in texts]
    assert vecs.shape[0] == 3 and all(abs((v * v).sum() - 1) < 1e-4 for v in vecs)
    assert all(float(v @ s) > 0.999 for v, s in zip(vecs, single))
