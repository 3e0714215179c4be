"""Benchmark: `kgqa serve` under load. N clients on loopback for D seconds, each looping over a mix
of `/api/ask`, `/api/search`, `/sparql` and the chat (through gradio_client), with `/healthz` polled
throughout. Prints requests/s, errors and p50/p95/p99 per kind, the answer cache's hit rate, the
machine's load averages (the clients share its cores with the server, and other work may too) and
the RSS of the server and its worker processes before/after.

Questions are drawn from every `*_qa.jsonl` of the dev suite (`--questions`; 189 distinct questions
over five reports, so load a knowledge base holding them: `python ../shared/eval/suite.py --data-dir D`),
and searched for, so answers are not all cache hits; `--no-cache` turns the server's answer cache off.

    python bench/bench_load.py --data-dir .kgqa [--clients 50] [--seconds 60] [--no-cache] [--workers N]
"""
from __future__ import annotations

import argparse
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
DEV_QUESTIONS = ROOT.parent / "shared" / "eval" / "dev"
BUNDLED = ["What was JSG's total water consumption in 2024?", "What were Shell's scope 1 emissions in 2021?",
           "How did JSG's gasoline consumption change from 2023 to 2024?", "Which subsidiaries does JSG have?",
           "What were JSG's Scope 3 emissions?", "When was JingRui Electronic established?"]
SPARQL = ("PREFIX esg: <https://kgqa.dev/ontology#> SELECT ?slug (COUNT(?p) AS ?n) WHERE { ?p esg:report ?r . "
          "?r esg:slug ?slug } GROUP BY ?slug")


def rss_mb(pid: int) -> tuple[float, float]:
    """RSS in MB of the server process, and of it with every descendant (answer and query workers)."""
    import psutil
    proc = psutil.Process(pid)
    own = proc.memory_info().rss
    kids = 0
    for child in proc.children(recursive=True):
        try:
            kids += child.memory_info().rss
        except psutil.Error:
            pass
    return own / 2**20, (own + kids) / 2**20


def cpu_seconds(pid: int) -> float:
    """CPU time of a process and its live descendants (a worker that exited meanwhile is not counted)."""
    import psutil
    total = 0.0
    proc = psutil.Process(pid)
    for p in [proc, *proc.children(recursive=True)]:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            pass
    return total


def questions(folder: Path) -> list[str]:
    out = []
    for f in sorted(folder.glob("*_qa.jsonl")):
        out += [json.loads(line)["question"] for line in f.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out or BUNDLED


def load_averages() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))] if xs else float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data-dir", required=True, type=Path)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60)
    ap.add_argument("--questions", type=Path, default=DEV_QUESTIONS,
                    help="folder of *_qa.jsonl question sets (default: the dev suite's)")
    ap.add_argument("--no-cache", action="store_true", help="turn the server's answer cache off")
    ap.add_argument("--workers", type=int, default=None, help="the server's answer worker processes")
    args = ap.parse_args()
    pool = questions(args.questions)
    env = dict(os.environ)
    if args.no_cache:
        env["KGQA_ANSWER_CACHE"] = "0"
    if args.workers is not None:
        env["KGQA_ANSWER_WORKERS"] = str(args.workers)

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "kgqa", "serve", "--data-dir", str(args.data_dir),
                               "--port", str(port)], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            try:
                if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        rss_before = rss_mb(server.pid)
        cpu_before = time.process_time(), cpu_seconds(server.pid)
        cache_before = httpx.get(url + "/healthz").json().get("answer_cache")
        load_before = load_averages()
        times: dict[str, list[float]] = defaultdict(list)
        errors: dict[str, int] = defaultdict(int)
        stop = time.time() + args.seconds
        lock = threading.Lock()

        def record(kind: str, start: float, ok: bool) -> None:
            with lock:
                times[kind].append(time.time() - start)
                if not ok:
                    errors[kind] += 1

        def client(seed: int) -> None:
            from gradio_client import Client
            rng = random.Random(seed)
            http = httpx.Client(base_url=url, timeout=120)
            chat = None
            while time.time() < stop:
                kind = rng.choice(["ask", "ask", "search", "sparql", "chat"])
                start = time.time()
                try:
                    if kind == "ask":
                        ok = http.get("/api/ask", params={"q": rng.choice(pool)}).status_code == 200
                    elif kind == "search":
                        ok = http.get("/api/search", params={"q": rng.choice(pool)}).status_code == 200
                    elif kind == "sparql":
                        ok = http.get("/sparql", params={"query": SPARQL},
                                      headers={"Accept": "application/sparql-results+json"}).status_code == 200
                    else:
                        chat = chat or Client(url, verbose=False)
                        start = time.time()
                        out = chat.predict(rng.choice(pool), api_name="/respond")
                        ok = bool(out and out[0])
                except Exception:  # counted as an error of that kind
                    ok = False
                record(kind, start, ok)

        def health() -> None:
            with httpx.Client(base_url=url, timeout=30) as http:
                while time.time() < stop:
                    start = time.time()
                    try:
                        ok = http.get("/healthz").status_code == 200
                    except httpx.HTTPError:
                        ok = False
                    record("healthz", start, ok)
                    time.sleep(0.2)

        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
        threads.append(threading.Thread(target=health))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        rss_after = rss_mb(server.pid)
        client_cpu, server_cpu = time.process_time() - cpu_before[0], cpu_seconds(server.pid) - cpu_before[1]
        load_after = load_averages()
        cache_after = httpx.get(url + "/healthz").json().get("answer_cache")
    finally:
        server.terminate()
        server.wait(30)

    total = sum(len(v) for k, v in times.items() if k != "healthz")
    print(f"{args.clients} clients, {args.seconds:g} s: {total} requests ({total / args.seconds:.1f}/s), "
          f"errors {dict(errors) or 0}")
    print(f"{'kind':8s} {'n':>6s} {'p50 ms':>8s} {'p95 ms':>8s} {'p99 ms':>8s}")
    for kind in ("ask", "search", "sparql", "chat", "healthz"):
        xs = times.get(kind, [])
        print(f"{kind:8s} {len(xs):6d} {statistics.median(xs) * 1000 if xs else float('nan'):8.0f} "
              f"{percentile(xs, 0.95) * 1000:8.0f} {percentile(xs, 0.99) * 1000:8.0f}")
    print(f"questions: {len(pool)} distinct (asked and searched for); answer and search cache: ", end="")
    if cache_after and cache_before:
        hits, misses = (cache_after[k] - cache_before[k] for k in ("hits", "misses"))
        print(f"{hits} hits, {misses} misses ({hits / max(1, hits + misses):.0%} hit rate)")
    else:
        print("none (this server has no answer cache)")
    print(f"load averages (1, 5, 15 min): {load_before} before, {load_after} after; the clients used "
          f"{client_cpu:.0f} CPU-s, the server with its workers {server_cpu:.0f} CPU-s in {args.seconds:g} s")
    print(f"server RSS: {rss_before[0]:.0f} MB before, {rss_after[0]:.0f} MB after; with its worker processes "
          f"{rss_before[1]:.0f} MB before, {rss_after[1]:.0f} MB after")


if __name__ == "__main__":
    main()
