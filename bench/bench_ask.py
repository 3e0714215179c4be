"""Benchmark: `kb.ask` latency, warm, with the development suite's reports loaded in one knowledge
base — p50/p95 over every dev question (three rounds), against `kb.search` on the same questions
in the same run (the retrieval floor every passage answer pays), and the first (cold) ask.

    python bench/bench_ask.py --data-dir /tmp/kb-suite       # a knowledge base of the suite's reports
    python bench/bench_ask.py --data-dir /tmp/kb-suite --build   # build it first from ../shared/eval/suite.json

Goal (issue 11): ask p50 <= 50 ms, p95 <= 250 ms.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
EVAL = ROOT.parent / "shared" / "eval"


def percentile(values: list[float], p: float) -> float:
    v = sorted(values)
    return v[int(p * (len(v) - 1))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", required=True, help="a knowledge base holding the suite's reports")
    ap.add_argument("--suite", default=str(EVAL / "suite.json"))
    ap.add_argument("--build", action="store_true", help="build the knowledge base from the suite's reports first")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    from kgqa import KnowledgeBase

    suite_path = Path(args.suite)
    spec = json.loads(suite_path.read_text(encoding="utf-8"))
    questions = []
    corpus = []
    for s in spec["sets"]:
        qpath = (suite_path.parent / s["questions"]).resolve()
        questions += [json.loads(line)["question"] for line in open(qpath, encoding="utf-8") if line.strip()]
        corpus += [str((suite_path.parent / c).resolve()) if c.startswith("./") else c for c in s["corpus"]]
    kb = KnowledgeBase.build(corpus, data_dir=args.data_dir) if args.build else KnowledgeBase.open(args.data_dir)

    t = time.perf_counter()
    kb.ask(questions[0])
    cold = time.perf_counter() - t
    ask, search = [], []
    for _ in range(args.rounds):
        for q in questions:
            t = time.perf_counter()
            kb.ask(q)
            ask.append(time.perf_counter() - t)
            t = time.perf_counter()
            kb.search(q, k=5)
            search.append(time.perf_counter() - t)
    ms = 1000
    print(f"{len(kb.reports)} reports, {len(questions)} questions x {args.rounds} rounds")
    print(f"cold first ask: {cold * ms:.0f} ms")
    print(f"ask    p50 {statistics.median(ask) * ms:7.1f} ms   p95 {percentile(ask, 0.95) * ms:7.1f} ms")
    print(f"search p50 {statistics.median(search) * ms:7.1f} ms   p95 {percentile(search, 0.95) * ms:7.1f} ms")
    print(f"ask / search (p50): {statistics.median(ask) / statistics.median(search):.2f}x")


if __name__ == "__main__":
    main()
