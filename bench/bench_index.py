"""Benchmark: ingest stages, retrieval quality and latency of the hybrid index against two naive
baselines measured in the same run (BM25 alone and dense alone over 800-character paragraph
chunks), `ask` latency, and a synthetic scale run of the flat and HNSW FAISS indexes.
Prints medians, 95th percentiles and ratios; machines are shared, so compare ratios.

    python bench/bench_index.py                      # bundled corpus + 100k synthetic
    python bench/bench_index.py --scale 100000,500000
    python bench/bench_index.py --scale 0            # skip the synthetic run
"""
from __future__ import annotations

import argparse
import gc
import importlib.util
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
EVAL = ROOT.parent / "shared" / "eval"
CHUNK_CHARS = 800


def pct(xs, q):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * (len(xs) - 1)))]


def ms(xs) -> str:
    return f"p50 {statistics.median(xs) * 1000:7.2f} ms, p95 {pct(xs, 0.95) * 1000:7.2f} ms"


def rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(fn, queries):
    out = []
    for q in queries:
        t = time.perf_counter()
        fn(q)
        out.append(time.perf_counter() - t)
    return out


def naive_chunks(paths: list[Path]) -> list[str]:
    """The baseline's passages: paragraphs packed into chunks of about 800 characters."""
    chunks = []
    for path in paths:
        buf = ""
        for para in path.read_text(encoding="utf-8").split("\n\n"):
            para = para.strip()
            if not para:
                continue
            if buf and len(buf) + len(para) > CHUNK_CHARS:
                chunks.append(buf)
                buf = ""
            buf = f"{buf}\n\n{para}" if buf else para
        if buf:
            chunks.append(buf)
    return chunks


def load_scorer():
    spec = importlib.util.spec_from_file_location("kgqa_eval_score", EVAL / "score.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def recall_at_5(rank_fn, items, texts_of, quote_found) -> float:
    hit = 0
    for it in items:
        top = texts_of(rank_fn(it["question"]))
        hit += any(quote_found(q, [t]) for q in it["quotes"] for t in top)
    return hit / max(1, len(items))


def corpus_run(args) -> None:
    from index.embed import embed
    from index.lexical import LexicalIndex
    from kg import build_report_graph
    from kgqa import KnowledgeBase
    from kgqa.report import parse_report

    from kgqa.report import discover_reports
    files, _ = discover_reports([ROOT / "corpus"])
    t = time.perf_counter()
    reports = [parse_report(p) for p in files]
    t_parse = time.perf_counter() - t
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
    model = kb.manifest["model"]
    t = time.perf_counter()
    embed(model, [p.index_text() for p in kb.passages[:128]])
    rate = 128 / (time.perf_counter() - t)
    print(f"corpus: {len(files)} reports, {len(kb.passages)} passages, {len(kb.graph):,} triples")
    print(f"ingest: parse {t_parse:.2f} s, extract {t_extract:.2f} s, embed+index ≈ {t_total - t_parse - t_extract:.1f} s, "
          f"full build {t_total:.1f} s; unchanged re-ingest {t_noop:.2f} s")
    print(f"embedding: {rate:.1f} passages/s")

    # ---- baselines on naive chunks, built in this run --------------------------------------------
    chunks = naive_chunks(files)
    lex = LexicalIndex(chunks)
    t = time.perf_counter()
    vecs = embed(model, chunks)
    t_chunk_embed = time.perf_counter() - t

    def bm25_rank(q):
        return np.argsort(-lex.scores(q))[:5]

    def dense_rank(q):
        return np.argsort(-(vecs @ embed(model, [q])[0]))[:5]

    def ours(q):
        return kb.search(q, k=5)

    score = load_scorer()
    print(f"baseline chunks: {len(chunks)} of ≤{CHUNK_CHARS} characters (embedded in {t_chunk_embed:.1f} s)")
    for name, qfile, corpus_note in (("JSG", "dev_qa.jsonl", "whole corpus loaded"),
                                     ("Shell", "dev_shell_qa.jsonl", "whole corpus loaded")):
        path = EVAL / qfile
        if not path.exists():
            continue
        items = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
        items = [it for it in items if it.get("quotes")]
        r_bm25 = recall_at_5(bm25_rank, items, lambda ids: [chunks[i] for i in ids], score.quote_found)
        r_dense = recall_at_5(dense_rank, items, lambda ids: [chunks[i] for i in ids], score.quote_found)
        r_ours = recall_at_5(ours, items, lambda ps: [p.text for p in ps], score.quote_found)
        print(f"recall@5 {name} ({len(items)} questions, {corpus_note}): kgqa hybrid {r_ours:.1%} | "
              f"naive BM25 {r_bm25:.1%} | naive dense {r_dense:.1%} | "
              f"gain vs best baseline {r_ours - max(r_bm25, r_dense):+.1%}")

    questions = [json.loads(line)["question"] for line in open(EVAL / "dev_qa.jsonl", encoding="utf-8")]
    queries = (questions * (args.queries // len(questions) + 1))[: args.queries]
    kb.warm_up()
    lat = {"kgqa hybrid": timed(ours, queries), "naive BM25": timed(bm25_rank, queries),
           "naive dense": timed(dense_rank, queries), "kgqa ask": timed(kb.ask, queries)}
    base = statistics.median(lat["naive dense"])
    for name, xs in lat.items():
        print(f"latency {name:12s}: {ms(xs)}; p50 ratio vs naive dense {statistics.median(xs) / base:.2f}x")


def scale_run(sizes: list[int], n_queries: int = 200) -> None:
    """Synthetic vectors shaped like real ones (each a corpus passage embedding plus noise, so
    neighbourhoods exist as in real data): flat (exact) vs HNSW (approximate) build time, search
    latency, memory and HNSW recall@10 against exact search; BM25 over replicated text."""
    import faiss

    from index import dense
    from index.embed import embed
    from index.lexical import LexicalIndex
    from kgqa.report import discover_reports, parse_report
    from kgqa.settings import setting

    rng = np.random.default_rng(0)
    files, _ = discover_reports([ROOT / "corpus"])
    passages = [p for f in files for p in parse_report(f).passages]
    seeds = embed(setting("model"), [p.index_text() for p in passages])
    dim = seeds.shape[1]
    words = " ".join(p.text for p in passages).split()

    def sample(count):
        v = seeds[rng.integers(0, len(seeds), count)] + 0.06 * rng.standard_normal((count, dim), dtype=np.float32)
        return (v / np.linalg.norm(v, axis=1, keepdims=True)).astype(np.float32)

    for n in sizes:
        x = sample(n)
        q = sample(n_queries)
        results = {}
        for kind, flat_max in (("flat", n), ("hnsw", 0)):
            gc.collect()
            before = rss_mb()
            t = time.perf_counter()
            index = dense.make_index(x, flat_max)
            build = time.perf_counter() - t
            size_mb = faiss.serialize_index(index).nbytes / 2**20
            lat, found = [], []
            for v in q:
                t = time.perf_counter()
                _, ids = index.search(v[None, :], 10)
                lat.append(time.perf_counter() - t)
                found.append(ids[0])
            results[kind] = found
            print(f"scale {n:>7,} × {dim}-d {kind:4s}: build {build:6.1f} s, search {ms(lat)}, "
                  f"index {size_mb:6.0f} MB, RSS +{rss_mb() - before:6.0f} MB")
            del index
        recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(results["flat"], results["hnsw"])])
        print(f"scale {n:>7,}: HNSW recall@10 vs exact {recall:.1%}")
        # BM25 over the corpus words replicated into n passages of 60 words
        docs = [" ".join(words[(i * 60) % (len(words) - 60):(i * 60) % (len(words) - 60) + 60]) for i in range(n)]
        gc.collect()
        before = rss_mb()
        t = time.perf_counter()
        lex = LexicalIndex(docs)
        build = time.perf_counter() - t
        qs = [" ".join(words[i * 7:i * 7 + 5]) for i in range(n_queries)]
        print(f"scale {n:>7,} BM25: build {build:6.1f} s, search {ms(timed(lex.scores, qs))}, "
              f"RSS +{rss_mb() - before:6.0f} MB")
        del lex, docs, x


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--queries", type=int, default=200, help="queries per latency measurement")
    ap.add_argument("--scale", default="100000", help="comma-separated synthetic index sizes (0 to skip)")
    ap.add_argument("--no-corpus", action="store_true", help="only the synthetic scale run")
    args = ap.parse_args()
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    if not args.no_corpus:
        corpus_run(args)
    sizes = [int(s) for s in args.scale.split(",") if int(s) > 0]
    if sizes:
        scale_run(sizes)


if __name__ == "__main__":
    main()
