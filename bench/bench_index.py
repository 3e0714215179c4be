"""Benchmark: ingest stages and search latency of the hybrid index against BM25 alone and dense alone,
measured in the same run on the bundled corpus.  Prints medians and ratios.

    python bench/bench_index.py [--queries N]
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def pct(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * (len(xs) - 1)))]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--queries", type=int, default=200)
    args = ap.parse_args()
    from index.embed import embed
    from kgqa import KnowledgeBase
    from kgqa.report import parse_report

    t = time.perf_counter()
    reports = [parse_report(p) for p in sorted((ROOT / "corpus").glob("*.md"))]
    t_parse = time.perf_counter() - t
    from kg import build_report_graph
    t = time.perf_counter()
    for r in reports:
        build_report_graph(r)
    t_extract = time.perf_counter() - t
    d = Path(tempfile.mkdtemp()) / "kb"
    t = time.perf_counter()
    kb = KnowledgeBase.build([ROOT / "corpus"], data_dir=d)
    t_total = time.perf_counter() - t
    t = time.perf_counter()
    KnowledgeBase.build([ROOT / "corpus"], data_dir=d)
    t_noop = time.perf_counter() - t
    n = len(kb.passages)
    questions = [json.loads(l)["question"] for l in open(ROOT.parent / "shared/eval/dev_qa.jsonl")]
    queries = (questions * (args.queries // len(questions) + 1))[: args.queries]
    idx = kb.index
    timings = {"hybrid": [], "bm25": [], "dense": []}
    for q in queries:
        for name, fn in (("hybrid", lambda: idx.search(q, 5)), ("bm25", lambda: idx.lexical.scores(q)),
                         ("dense", lambda: idx.dense_scores(q))):
            t = time.perf_counter()
            fn()
            timings[name].append(time.perf_counter() - t)
    t = time.perf_counter()
    embed(kb.manifest["model"], [p.index_text() for p in kb.passages[:128]])
    rate = 128 / (time.perf_counter() - t)
    print(f"passages: {n}")
    print(f"ingest: parse {t_parse:.2f} s, extract {t_extract:.2f} s, full build {t_total:.1f} s, "
          f"unchanged re-ingest {t_noop:.2f} s")
    print(f"embedding: {rate:.1f} passages/s")
    base = statistics.median(timings["bm25"])
    for name, xs in timings.items():
        print(f"search {name:6s}: p50 {statistics.median(xs) * 1000:.1f} ms, p95 {pct(xs, 0.95) * 1000:.1f} ms, "
              f"p50 ratio vs bm25 {statistics.median(xs) / base:.1f}x")


if __name__ == "__main__":
    main()
