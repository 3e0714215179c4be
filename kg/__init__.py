"""The knowledge graph: ESG ontology, extraction from parsed reports, and the store."""
from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from .build import build_report_graph as _build
from .store import GraphStore, OxigraphStore

EXPORT_FORMATS = {"turtle": "turtle", "ttl": "turtle", "trig": "trig", "nquads": "nquads", "nq": "nquads",
                  "jsonld": "json-ld", "json-ld": "json-ld", "ntriples": "nt", "nt": "nt"}


def build_report_graph(report) -> tuple[Graph, dict]:
    g = _build(report)
    return g, getattr(g, "_kgqa_skipped", {})


def write_graph(graph: Graph, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    graph.serialize(destination=str(path), format="nt", encoding="utf-8")


def export_graph(store: GraphStore, fmt: str = "turtle") -> str:
    """The whole graph in `fmt`: N-Quads straight from the store, the rest through rdflib's serialisers."""
    from kgqa.errors import QueryError
    f = EXPORT_FORMATS.get(fmt.lower())
    if f is None:
        raise QueryError(f"unknown export format {fmt!r}: use one of turtle, trig, nquads, jsonld")
    if f == "nquads":
        return store.nquads().decode("utf-8")
    ds = store.to_dataset()
    if f in ("turtle", "nt"):
        g = Graph()
        for t in ds.triples((None, None, None)):
            g.add(t)
        for p, ns in ds.namespaces():
            g.bind(p, ns)
        return g.serialize(format=f)
    return ds.serialize(format=f)


__all__ = ["GraphStore", "OxigraphStore", "build_report_graph", "write_graph", "export_graph"]
