"""Benchmark: `kgqa serve` under load. N clients on loopback for D seconds, each looping over a mix
of `/api/ask`, `/api/search`, `/sparql` and the chat (through gradio_client), with `/healthz` polled
throughout. Prints requests/s, errors and p50/p95/p99 per kind, and the server's RSS before/after.

    python bench/bench_load.py --data-dir .kgqa [--clients 50] [--seconds 60]
"""
from __future__ import annotations

import argparse
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
QUESTIONS = ["What was JSG's total water consumption in 2024?", "What were Shell's scope 1 emissions in 2021?",
             "How did JSG's gasoline consumption change from 2023 to 2024?", "Which subsidiaries does JSG have?",
             "What were JSG's Scope 3 emissions?", "When was JingRui Electronic established?"]
SEARCHES = ["total greenhouse gas emissions", "water consumption", "board independence", "safety training"]
SPARQL = ("PREFIX esg: <https://kgqa.dev/ontology#> SELECT ?slug (COUNT(?p) AS ?n) WHERE { ?p esg:report ?r . "
          "?r esg:slug ?slug } GROUP BY ?slug")


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


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
    args = ap.parse_args()

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "kgqa", "serve", "--data-dir", str(args.data_dir),
                               "--port", str(port)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(600):
            try:
                if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        rss_before = rss_mb(server.pid)
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
                        ok = http.get("/api/ask", params={"q": rng.choice(QUESTIONS)}).status_code == 200
                    elif kind == "search":
                        ok = http.get("/api/search", params={"q": rng.choice(SEARCHES)}).status_code == 200
                    elif kind == "sparql":
                        ok = http.get("/sparql", params={"query": SPARQL},
                                      headers={"Accept": "application/sparql-results+json"}).status_code == 200
                    else:
                        chat = chat or Client(url, verbose=False)
                        start = time.time()
                        out = chat.predict(rng.choice(QUESTIONS), api_name="/respond")
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
    print(f"server RSS: {rss_before:.0f} MB before, {rss_after:.0f} MB after")


if __name__ == "__main__":
    main()
