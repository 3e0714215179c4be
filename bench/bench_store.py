"""Benchmark: the graph store.  rdflib's in-memory Dataset (kgqa's store before Oxigraph) against the
embedded Oxigraph store, on the same N-Triples grown to --scale triples, and the `/sparql` endpoint.

    python bench/bench_store.py [--data-dir .kgqa] [--scale 100000] [--repeat 5]

Prints, with medians of --repeat runs and the rdflib/Oxigraph ratio:
  - load time (rdflib parse vs Oxigraph bulk load to disk) and open time (Oxigraph read-only);
  - the answerer's templates (bound ones with initBindings on rdflib, a VALUES block on Oxigraph) and a
    FILTER scan over every observation;
  - `ASK {}` through the endpoint's execution path: fork per query on rdflib (the old worker) vs the
    long-lived worker processes, and over HTTP;
  - a cheap query's p50/p95 over HTTP alone and while 10 over-limit queries run.
"""
from __future__ import annotations

import argparse
import multiprocessing
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FILTER_SCAN = """PREFIX esg: <https://kgqa.dev/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?m ?v WHERE { ?o esg:metric/skos:prefLabel ?m ; esg:reportedValue ?v .
  FILTER(CONTAINS(LCASE(?m), "emission")) }"""
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
CHEAP = "PREFIX esg: <https://kgqa.dev/ontology#> SELECT ?slug WHERE { ?r a esg:Report ; esg:slug ?slug }"


def grown_ntriples(graph_dir: Path, target: int, out_dir: Path) -> dict[str, str]:
    """The corpus graphs copied with renamed data IRIs until about `target` triples: {graph IRI: file}."""
    files = sorted(graph_dir.glob("*.nt"))
    lines = {f: [x for x in f.read_text(encoding="utf-8").splitlines() if x.strip()] for f in files}
    total = sum(map(len, lines.values()))
    copies = max(1, -(-target // total))
    out_dir.mkdir(parents=True, exist_ok=True)
    graphs = {}
    for c in range(copies):
        for f, body in lines.items():
            prefix = "https://kgqa.dev/data/" if c == 0 else f"https://kgqa.dev/data/copy{c}/"
            path = out_dir / f"{f.stem}-{c}.nt"
            path.write_text("\n".join(x.replace("https://kgqa.dev/data/", prefix) for x in body) + "\n",
                            encoding="utf-8")
            graphs[f"{prefix}{f.stem}"] = str(path)
    return graphs


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times) * 1000


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def _fork_child(conn, ds, query):
    conn.send(bool(ds.query(query).askAnswer))
    conn.close()


def fork_per_query(ds, query: str) -> bool:
    """The endpoint's old execution path: a forked process per query over the rdflib Dataset."""
    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_fork_child, args=(child, ds, query), daemon=True)
    proc.start()
    child.close()
    answer = parent.recv()
    proc.join()
    return answer


def row(name: str, a: float, b: float, unit: str = "ms", extra: str = "") -> None:
    print(f"| {name} | {a:,.1f} {unit} | {b:,.2f} {unit} | {a / b:,.0f}x | {extra} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data-dir", type=Path, help="an existing knowledge base (default: build the corpus)")
    ap.add_argument("--scale", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    import httpx
    from fastapi import FastAPI
    from rdflib import Dataset, Literal

    from kg import GraphStore, OxigraphStore
    from kg.sparql_text import with_values
    from kgqa import KnowledgeBase
    from kgqa.qa import templates
    from tests.conftest import _free_port, serve_in_thread
    from ui import sparql

    tmp = Path(tempfile.mkdtemp(prefix="kgqa-bench-store-"))
    data_dir = args.data_dir
    if data_dir is None:
        data_dir = tmp / "kb"
        KnowledgeBase.build([ROOT / "corpus"], data_dir=data_dir)
    graphs = grown_ntriples(KnowledgeBase.open(data_dir).folder / "graph", args.scale, tmp / "nt")

    t = time.perf_counter()
    ds = Dataset(default_union=True)
    for iri, path in graphs.items():
        ds.graph(iri).parse(path, format="nt")
    rdflib_load = time.perf_counter() - t
    t = time.perf_counter()
    OxigraphStore.write(tmp / "graph" / "oxigraph", graphs)
    ox_load = time.perf_counter() - t
    t = time.perf_counter()
    store = GraphStore.load(tmp / "graph", [])
    ox_open = time.perf_counter() - t
    n = len(store)

    label = {"label": Literal("Gasoline consumption"), "slug": Literal("jsg-2024-esg-report")}
    pairs = [(r.label, r.slug) for r in store.query(templates.PREFIXES + """SELECT DISTINCT ?label ?slug WHERE {
        ?t a esg:Target ; rdfs:label ?label ; prov:wasDerivedFrom/esg:report/esg:slug ?slug } LIMIT 1""")]
    target = {"label": pairs[0][0], "slug": pairs[0][1]} if pairs else label
    queries = {"OBSERVATIONS (bound)": (templates.OBSERVATIONS, label),
               "TARGETS (bound)": (templates.TARGETS, target),
               "SUBSIDIARIES": (templates.SUBSIDIARIES, None), "EVENTS": (templates.EVENTS, None),
               "PEOPLE": (templates.PEOPLE, None), "FILTER scan": (FILTER_SCAN, None)}

    print(f"\n{n:,} triples in {len(graphs)} named graphs (the corpus graph x {len(graphs) // 2})\n")
    print("| what | rdflib | Oxigraph (as rdflib rows) | ratio | Oxigraph engine only |\n| --- | --- | --- | --- | --- |")
    row("load the N-Triples", rdflib_load, ox_load, "s")
    print(f"| open (Oxigraph read-only, nothing parsed) | — | {ox_open * 1000:,.1f} ms | | |")
    for name, (q, b) in queries.items():
        a = median_ms(lambda: list(ds.query(q, initBindings=b or {})), args.repeat)
        o = median_ms(lambda: list(store.query(q, bindings=b)), args.repeat)
        text = with_values(q, "SELECT", b) if b else q
        raw = median_ms(lambda: list(store.execute(text, "SELECT")), args.repeat)
        row(name, a, o, extra=f"{raw:,.2f} ms")

    store.run_isolated("ASK {}")                                   # start one worker
    fork = [median_ms(lambda: fork_per_query(ds, "ASK {}"), 1) for _ in range(20)]
    pool = [median_ms(lambda: store.run_isolated("ASK {}"), 1) for _ in range(200)]
    row("`ASK {}` p50: fork per query vs worker process", statistics.median(fork), statistics.median(pool))

    app = FastAPI()
    app.include_router(sparql.router(lambda: store, {"sparql_timeout": 10.0, "sparql_max_rows": 10_000}))
    port = _free_port()
    server, thread = serve_in_thread(app, port)
    url = f"http://127.0.0.1:{port}/sparql"
    client = httpx.Client(timeout=60)

    def cheap_ms(count: int) -> list[float]:
        out = []
        for _ in range(count):
            t = time.perf_counter()
            client.get(url, params={"query": CHEAP}).raise_for_status()
            out.append((time.perf_counter() - t) * 1000)
        return out

    ask = []
    for _ in range(200):
        t = time.perf_counter()
        client.get(url, params={"query": "ASK {}"})
        ask.append((time.perf_counter() - t) * 1000)
    alone = cheap_ms(100)
    codes = []
    heavy = [threading.Thread(target=lambda: codes.append(httpx.get(url, params={"query": HEAVY}, timeout=60)
                                                          .status_code)) for _ in range(10)]
    for h in heavy:
        h.start()
    time.sleep(0.5)
    loaded = cheap_ms(100)
    for h in heavy:
        h.join()
    print(f"| `ASK {{}}` over HTTP p50 / p95 | | {statistics.median(ask):.1f} / {pct(ask, 95):.1f} ms | | |")
    print(f"| cheap query over HTTP alone p50 / p95 | | {statistics.median(alone):.1f} / {pct(alone, 95):.1f} ms | | |")
    print(f"| same while 10 over-limit queries run: p50 / p95 / max | | {statistics.median(loaded):.1f} / "
          f"{pct(loaded, 95):.1f} / {max(loaded):.1f} ms | | the 10 got HTTP {sorted(set(codes))} |")
    server.should_exit = True
    thread.join(10)
    store.close()


if __name__ == "__main__":
    main()
