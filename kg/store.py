"""The graph store: one named graph per report in an rdflib Dataset, queried read-only."""
from __future__ import annotations

import json
import multiprocessing
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

    def query_type(self, query: str) -> str:
        """SELECT, ASK, CONSTRUCT or DESCRIBE (after the read-only checks of `prepare`)."""
        name = self.prepare(query).algebra.name
        return {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT",
                "DescribeQuery": "DESCRIBE"}.get(name, name)

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

    # ---- isolated execution for the HTTP endpoint ----------------------------------------------
    def run_isolated(self, query: str, result_format: str = "json", graph_format: str = "turtle",
                     timeout: float = 10.0, max_rows: int = 10000) -> tuple[str, bytes]:
        """Run a read-only query in a forked worker that is killed when it runs over `timeout`.

        Returns (query type, serialised bytes).  SELECT/ASK results use `result_format`
        (json, xml, csv, tsv); CONSTRUCT/DESCRIBE graphs use `graph_format` (turtle, nt, json-ld, xml).
        A SELECT with more than `max_rows` rows is refused rather than cut short silently.
        """
        q = self.prepare(query)
        ctx = multiprocessing.get_context("fork")
        parent, child = ctx.Pipe(duplex=False)
        proc = ctx.Process(target=_run_child, args=(child, self.ds, q, result_format, graph_format, max_rows),
                           daemon=True)
        proc.start()
        child.close()
        try:
            if not parent.poll(timeout):
                raise SparqlError(f"query stopped: over the {timeout:g} s time limit; add LIMIT or narrow the "
                                  "pattern", status=503)
            try:
                status, kind, payload = parent.recv()
            except EOFError:
                raise SparqlError("query failed: the query worker exited without a result", status=500) from None
        finally:
            if proc.is_alive():
                proc.kill()
            proc.join(1)
            parent.close()
        if status == "error":
            raise SparqlError(payload, status=kind)
        return kind, payload


def _ask_bytes(answer: bool, fmt: str) -> bytes:
    if fmt == "json":
        return json.dumps({"head": {}, "boolean": answer}).encode()
    if fmt == "xml":
        return (f'<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head/><boolean>{str(answer).lower()}</boolean></sparql>\n").encode()
    return f"boolean\n{str(answer).lower()}\n".encode()


def _tsv_bytes(res) -> bytes:
    """SPARQL 1.1 TSV results (rdflib parses TSV but has no serialiser): ?vars, then terms in N-Triples form."""
    def cell(term) -> str:
        if term is None:
            return ""
        return term.n3().replace("\t", "\\t").replace("\n", "\\n")
    lines = ["\t".join(f"?{v}" for v in res.vars)]
    lines += ["\t".join(cell(row[v]) for v in res.vars) for row in res]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _run_child(conn, ds, q, result_format: str, graph_format: str, max_rows: int) -> None:
    """Body of the forked query worker: run, check the row limit, serialise, send."""
    try:
        res = ds.query(q)
        if res.type == "SELECT":
            n = len(res.bindings)
            if n > max_rows:
                conn.send(("error", 413, f"query result has {n:,} rows, over the limit of {max_rows:,}: add LIMIT"))
                return
            data = _tsv_bytes(res) if result_format == "tsv" else res.serialize(format=result_format)
        elif res.type == "ASK":
            data = _ask_bytes(bool(res.askAnswer), result_format)
        else:
            data = res.graph.serialize(format=graph_format, encoding="utf-8")
        conn.send(("ok", res.type, data if isinstance(data, bytes) else data.encode()))
    except Exception as exc:  # reported to the parent, never raised in the worker
        conn.send(("error", 400, f"query failed: {exc}"))
    finally:
        conn.close()
