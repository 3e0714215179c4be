"""The graph store: one named graph per report in an rdflib Dataset, queried read-only."""
from __future__ import annotations

import threading
from pathlib import Path

from rdflib import Dataset, Graph, URIRef
from rdflib.plugins.sparql import prepareQuery
from rdflib.plugins.sparql.parser import parseUpdate
from rdflib.query import Result

from kgqa.errors import SparqlError

from .build import bind_prefixes, report_iri


def _walk(node):
    yield node
    if isinstance(node, dict):
        for v in node.values():
            yield from _walk(v)
    elif isinstance(node, (list, tuple)):
        for v in node:
            yield from _walk(v)


class GraphStore:
    def __init__(self, dataset: Dataset | None = None):
        self.ds = dataset or Dataset(default_union=True)
        bind_prefixes(self.ds)

    @classmethod
    def load(cls, graph_dir: Path, slugs) -> "GraphStore":
        store = cls()
        for slug in slugs:
            path = Path(graph_dir) / f"{slug}.nt"
            g = store.ds.graph(report_iri(slug))
            g.parse(path, format="nt")
        return store

    def add_report_graph(self, slug: str, graph: Graph) -> None:
        g = self.ds.graph(report_iri(slug))
        for t in graph:
            g.add(t)

    def __len__(self) -> int:
        return sum(len(g) for g in self.ds.graphs() if g.identifier != self.ds.default_graph.identifier) \
            + len(self.ds.default_graph)

    def graph_names(self) -> set[URIRef]:
        return {g.identifier for g in self.ds.graphs()}

    def prepare(self, query: str):
        if not isinstance(query, str) or not query.strip():
            raise SparqlError("empty SPARQL query")
        try:
            q = prepareQuery(query)
        except Exception as exc:
            try:
                parseUpdate(query)
            except Exception:
                raise SparqlError(f"SPARQL syntax error: {exc}") from None
            raise SparqlError("SPARQL updates are refused: this store is read-only", status=403) from None
        for node in _walk(q.algebra):
            name = getattr(node, "name", None)
            if name == "ServiceGraphPattern":
                raise SparqlError("SERVICE is refused: queries may not reach other endpoints", status=403)
        datasets = q.algebra.get("datasetClause") if hasattr(q.algebra, "get") else None
        if datasets:
            raise SparqlError("FROM / FROM NAMED are refused: query the store's own graphs with GRAPH", status=403)
        return q

    def query(self, query: str, bindings: dict | None = None, timeout: float | None = None) -> Result:
        """Run a read-only query with values bound (never pasted into the text)."""
        q = self.prepare(query)
        if timeout is None:
            return self.ds.query(q, initBindings=bindings or {})
        box: dict = {}

        def run():
            try:
                res = self.ds.query(q, initBindings=bindings or {})
                if res.type == "SELECT":
                    res.bindings  # materialise inside the time limit
                box["result"] = res
            except Exception as exc:  # handed to the caller below
                box["error"] = exc

        t = threading.Thread(target=run, daemon=True)
        t.start()
        t.join(timeout)
        if t.is_alive():
            raise SparqlError(f"query stopped: over the {timeout:g} s time limit", status=503)
        if "error" in box:
            raise SparqlError(f"query failed: {box['error']}")
        return box["result"]
