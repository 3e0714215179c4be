"""Benchmark: the fusion settings behind `index/hybrid.py` — recall@5 on the dev questions for
lexical/dense weights, the RRF constant, and synonym expansion on either side (no graph list).

    python bench/bench_fusion.py [--data-dir .kgqa] [--questions ../shared/eval/dev_qa.jsonl]
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
EVAL = ROOT.parent / "shared" / "eval"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", default=".kgqa", help="a knowledge base built by `kgqa ingest`")
    ap.add_argument("--questions", default=str(EVAL / "dev_qa.jsonl"))
    args = ap.parse_args()
    spec = importlib.util.spec_from_file_location("kgqa_eval_score", EVAL / "score.py")
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    from kgqa import KnowledgeBase
    from kgqa.qa.analysis import expand

    kb = KnowledgeBase.open(args.data_dir)
    idx = kb.index
    items = [json.loads(line) for line in open(args.questions, encoding="utf-8") if line.strip()]
    items = [it for it in items if it.get("quotes")]
    cache = {}

    def scores(q, exp_lex, exp_den):
        key = (q, exp_lex, exp_den)
        if key not in cache:
            cache[key] = (idx.lexical.scores(expand(q) if exp_lex else q), idx.dense_scores(expand(q) if exp_den else q))
        return cache[key]

    def recall(exp_lex, exp_den, wl, wd, k):
        hit = 0
        for it in items:
            lex, den = scores(it["question"], exp_lex, exp_den)
            fused = np.zeros(len(idx.passages))
            for s, w, floor in ((lex, wl, 0.0), (den, wd, -1.0)):
                for r, i in enumerate([i for i in np.argsort(-s, kind="stable") if s[i] > floor][:200]):
                    fused[i] += w / (k + r + 1)
            top = np.argsort(-fused, kind="stable")[:5]
            hit += any(score.quote_found_any(it["quotes"], idx.passages[i].text) for i in top)
        return hit / len(items)

    print(f"{len(items)} questions, {len(idx.passages)} passages in {args.data_dir}")
    print("expand lexical | expand dense | w lexical | w dense | RRF k | recall@5")
    for el, ed in ((0, 0), (1, 0), (1, 1)):
        for wl, wd in ((1, 1), (1.5, 1), (2, 1), (1, 0), (0, 1)):
            for k in (10, 60):
                print(f"{el:14d} | {ed:12d} | {wl:9g} | {wd:7g} | {k:5d} | {recall(el, ed, wl, wd, k):.1%}")


if __name__ == "__main__":
    main()
