"""Benchmark: the graph store. rdflib's in-memory store (what kgqa uses) against Oxigraph through
oxrdflib (same rdflib API), on the bundled corpus's graph and on a copy grown to --scale triples.
Prints load time and query medians for each, and the ratio.

    pip install oxrdflib              # only for this benchmark
    python bench/bench_store.py [--scale 100000] [--repeat 5]
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUERIES = {
    "FILTER scan": """PREFIX esg: <https://kgqa.dev/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
SELECT ?m ?v WHERE { ?o esg:metric/skos:prefLabel ?m ; esg:reportedValue ?v .
  FILTER(CONTAINS(LCASE(?m), "emission")) }""",
    "bound lookup (answer template)": """PREFIX esg: <https://kgqa.dev/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?period ?reported ?pid WHERE {
  ?obs esg:metric ?metric ; esg:period ?period ; esg:reportedValue ?reported ; prov:wasDerivedFrom ?p .
  ?metric skos:prefLabel "Total greenhouse gas emissions" . ?p dcterms:identifier ?pid }""",
    "aggregate": """PREFIX qb: <http://purl.org/linked-data/cube#>
PREFIX esg: <https://kgqa.dev/ontology#>
SELECT ?from (COUNT(*) AS ?n) WHERE { ?o a qb:Observation ; esg:extractedFrom ?from } GROUP BY ?from""",
}


def grown_ntriples(graph_dir: Path, target: int, out: Path) -> int:
    """The corpus graph's N-Triples repeated with renamed data IRIs until about `target` triples."""
    lines = [line for f in sorted(graph_dir.glob("*.nt")) for line in f.read_text(encoding="utf-8").splitlines()
             if line.strip()]
    copies = max(1, -(-target // len(lines)))
    with out.open("w", encoding="utf-8") as fh:
        for c in range(copies):
            prefix = "https://kgqa.dev/data/" if c == 0 else f"https://kgqa.dev/data/copy{c}/"
            for line in lines:
                fh.write(line.replace("https://kgqa.dev/data/", prefix) + "\n")
    return copies * len(lines)


def measure(store: str, nt: Path, repeat: int) -> dict:
    from rdflib import Dataset, Graph
    t = time.perf_counter()
    if store == "rdflib":
        g = Dataset(default_union=True).graph("urn:x:g")
    else:
        g = Graph(store="Oxigraph")
    g.parse(nt, format="nt")
    load = time.perf_counter() - t
    out = {"load": load}
    for name, q in QUERIES.items():
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            list(g.query(q))
            times.append(time.perf_counter() - t)
        out[name] = statistics.median(times)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    try:
        import oxrdflib  # noqa: F401
    except ImportError:
        sys.exit("oxrdflib is not installed: pip install oxrdflib")
    from kgqa import KnowledgeBase

    d = Path(tempfile.mkdtemp()) / "kb"
    folder = KnowledgeBase.build([ROOT / "corpus"], data_dir=d).folder
    for target in (0, args.scale):
        nt = d.parent / f"graph-{target}.nt"
        n = grown_ntriples(folder / "graph", target, nt)
        a, b = measure("rdflib", nt, args.repeat), measure("oxigraph", nt, args.repeat)
        print(f"{n:,} triples")
        for k in a:
            print(f"  {k:32s} rdflib {a[k] * 1000:9.1f} ms | oxrdflib {b[k] * 1000:9.1f} ms | "
                  f"rdflib/oxrdflib {a[k] / b[k]:6.1f}x")


if __name__ == "__main__":
    main()
