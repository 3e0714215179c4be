"""Benchmark: embedding throughput of a knowledge base's passages, and whether search results change.

    python bench/bench_embed.py [--data-dir .kgqa] [--questions '../shared/eval/dev/*.jsonl']

Variants, on the same passages in the same run:
  - before: fp32, `encode` called per chunk of 32 passages in passage order (padding to each chunk's longest);
  - fp32 in one length-sorted pass;
  - bf16 autocast in one length-sorted pass (what `auto` picks on CPUs with native bfloat16).
For each: seconds, passages/s, speed-up over `before`, and on how many dev questions the hybrid
top-5 passage set differs from `before` (queries embedded as search embeds them: fp32).

Measured (2 shared cores with AVX512-BF16, heavily loaded by other jobs, so absolute times are slow;
the ratios come from one run): 666 passages, 189 dev questions

| variant | seconds | speed-up | top-5 sets changed | min cosine to before |
| --- | --- | --- | --- | --- |
| before: fp32, chunks of 32 in passage order | 229.4 | 1.00x | 0 of 189 | 1.0000 |
| fp32, one length-sorted pass | 192.8 | 1.19x | 0 of 189 | 1.0000 |
| bf16 autocast, one length-sorted pass (adopted) | 122.9 | 1.87x | 0 of 189 | 1.0000 |
"""
from __future__ import annotations

import argparse
import glob
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def embed_before(model_name: str, texts: list[str], batch_size: int = 32) -> np.ndarray:
    """The embedding loop before this change: fp32, one `encode` call per 32 passages in passage order."""
    from index.embed import load_model
    model = load_model(model_name)
    out = [model.encode(texts[i:i + batch_size], batch_size=batch_size, normalize_embeddings=True,
                        convert_to_numpy=True, show_progress_bar=False) for i in range(0, len(texts), batch_size)]
    return np.vstack(out).astype(np.float32)


def questions(pattern: str) -> list[str]:
    out = []
    for f in sorted(glob.glob(pattern)):
        out += [json.loads(line)["question"] for line in open(f, encoding="utf-8") if line.strip()]
    return out


def top5(kb, vectors: np.ndarray, embed_query, qs: list[str]) -> list[set[str]]:
    """Hybrid top-5 passage ids per question with these passage vectors and this query embedding."""
    from index import dense
    from index.hybrid import PassageIndex
    from kgqa.qa.analysis import expand
    index = PassageIndex(kb.passages, vectors, dense.make_index(vectors, 50_000), kb.index.model_name)
    index.dense_scores = lambda q: index.vectors @ embed_query(q)
    return [{p.passage_id for p in index.search(q, 5, lexical_query=expand(q))} for q in qs]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", type=Path, default=None, help="a built knowledge base (default: build corpus/)")
    ap.add_argument("--questions", default=str(ROOT.parent / "shared" / "eval" / "dev" / "*.jsonl"))
    args = ap.parse_args()
    import tempfile

    from index.embed import cpu_has_bf16, embed
    from kgqa import KnowledgeBase
    if args.data_dir is None:
        args.data_dir = Path(tempfile.mkdtemp()) / "kb"
        KnowledgeBase.build([ROOT / "corpus"], data_dir=args.data_dir)
    kb = KnowledgeBase.open(args.data_dir)
    model = kb.index.model_name
    texts = [p.index_text() for p in kb.passages]
    qs = questions(args.questions)
    embed(model, texts[:64])                                          # load the model, warm up
    variants = {"before: fp32, chunks of 32 in passage order": (lambda t: embed_before(model, t), "fp32-chunks"),
                "fp32, one length-sorted pass": (lambda t: embed(model, t, precision_="fp32"), "fp32"),
                "bf16 autocast, one length-sorted pass": (lambda t: embed(model, t, precision_="bf16"), "bf16")}
    results = {}
    for name, (fn, tag) in variants.items():
        t = time.perf_counter()
        vectors = fn(texts)
        results[name] = (time.perf_counter() - t, vectors, tag)
    base_s, base_v, _ = results[next(iter(results))]
    base_top = top5(kb, base_v, lambda q: embed_before(model, [q])[0], qs)
    print(f"\n{len(texts):,} passages, {len(qs)} dev questions, CPU bf16: {cpu_has_bf16()}\n")
    print("| variant | seconds | passages/s | speed-up | top-5 sets changed | min cosine to before |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, (secs, vectors, tag) in results.items():
        if tag == "fp32-chunks":
            changed = 0
        else:
            got = top5(kb, vectors, lambda q: embed(model, [q])[0], qs)      # a query is embedded in fp32
            changed = sum(a != b for a, b in zip(base_top, got))
        cos = float(np.min(np.sum(vectors * base_v, axis=1)))
        print(f"| {name} | {secs:.1f} | {len(texts) / secs:,.0f} | {base_s / secs:.2f}x | {changed} of {len(qs)} "
              f"| {cos:.4f} |")


if __name__ == "__main__":
    main()
