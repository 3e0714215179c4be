"""The graph store: one named graph per report, queried read-only.

    GraphStore                  the interface callers use: query (rdflib Result), run_isolated (bytes), len
    ├── OxigraphStore           embedded Oxigraph on disk in graph_dir/oxigraph (the default)
    └── RemoteStore (remote.py) any SPARQL 1.1 server, when KGQA_SPARQL_STORE is set

The build writes each report's graph as `graph/<slug>.nt` (the portable record) and then calls
`GraphStore.create`, which loads them into the store once; `GraphStore.load` opens it without
parsing anything.
"""
from __future__ import annotations

import logging
import re
import shutil
import threading
import weakref
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, URIRef
from rdflib.query import Result

from kgqa.errors import SparqlError

from .build import bind_prefixes, report_iri
from .sparql_text import query_form, with_values
from .terms import as_result

log = logging.getLogger("kgqa")
OXIGRAPH_DIR = "oxigraph"


def _remote_url() -> str:
    from kgqa.settings import setting
    return setting("sparql_store").strip()


class GraphStore:
    """A read-only graph store of report graphs.  `load` and `create` pick the backend."""

    name = "graph store"

    @classmethod
    def load(cls, graph_dir: Path, slugs) -> "GraphStore":
        """Open the store of a knowledge base whose per-report graphs are in `graph_dir`."""
        if _remote_url():
            from .remote import RemoteStore
            return RemoteStore.from_settings(slugs)
        return OxigraphStore.open(graph_dir, slugs)

    @classmethod
    def create(cls, graph_dir: Path, slugs) -> None:
        """Load the per-report `graph_dir/<slug>.nt` files into the store: the embedded store is written
        beside them; a remote store is only checked to answer (the build calls this once, and
        `publish` when everything local has succeeded)."""
        if _remote_url():
            from .remote import RemoteStore
            RemoteStore.from_settings(slugs).check()
        else:
            OxigraphStore.create(graph_dir, slugs)

    @classmethod
    def publish(cls, graph_dir: Path, slugs) -> None:
        """Write the report graphs where readers outside this data dir see them: a remote store gets
        each report's graph (the build calls this last, right before it switches generations); the
        embedded store needs nothing."""
        if _remote_url():
            from .remote import RemoteStore
            RemoteStore.from_settings(slugs).put_graphs(graph_dir)

    # ---- what a backend provides ----------------------------------------------------------
    def execute(self, query: str, form: str, default_graph=None, named_graphs=None, timeout: float | None = None):
        """Run `query`; an Oxigraph QueryBoolean, QuerySolutions or iterator of triples."""
        raise NotImplementedError

    def graph_names(self) -> set[URIRef]:
        raise NotImplementedError

    def nquads(self) -> bytes:
        raise NotImplementedError

    # ---- shared -----------------------------------------------------------------------------
    def query_type(self, query: str) -> str:
        """SELECT, ASK, CONSTRUCT or DESCRIBE (after the read-only checks)."""
        return query_form(query)

    def query(self, query: str, bindings: dict | None = None, timeout: float | None = None) -> Result:
        """Run a read-only query with values bound (escaped into a VALUES block, never pasted)."""
        form = query_form(query)
        text = with_values(query, form, bindings) if bindings else query
        if timeout is None:
            return as_result(form, self.execute(text, form))
        box: dict = {}

        def run():
            try:
                box["result"] = as_result(form, self.execute(text, form, timeout=timeout))
            except Exception as exc:  # handed to the caller below
                box["error"] = exc

        t = threading.Thread(target=run, daemon=True)
        t.start()
        t.join(timeout)
        if t.is_alive():
            raise SparqlError(f"query stopped: over the {timeout:g} s time limit", status=503)
        if "error" in box:
            err = box["error"]
            raise err if isinstance(err, SparqlError) else SparqlError(f"query failed: {err}")
        return box["result"]

    def run_isolated(self, query: str, result_format: str = "json", graph_format: str = "turtle",
                     timeout: float = 10.0, max_rows: int = 10000, default_graph=None,
                     named_graphs=None) -> tuple[str, bytes]:
        """(query form, serialised bytes) for the endpoint, within `timeout` seconds and `max_rows`.

        SELECT/ASK results use `result_format` (json, xml, csv, tsv); CONSTRUCT/DESCRIBE graphs use
        `graph_format` (turtle, nt, json-ld, xml).  More than `max_rows` rows or triples is refused
        (413) rather than cut short silently.
        """
        from .results import serialize
        form = query_form(query)
        fmt = graph_format if form in ("CONSTRUCT", "DESCRIBE") else result_format
        raw = self.execute(query, form, default_graph, named_graphs, timeout=timeout)
        return form, serialize(form, raw, fmt, max_rows)

    def to_dataset(self) -> Dataset:
        """The whole store as an rdflib Dataset (for serialisation and SHACL; not for queries)."""
        ds = Dataset(default_union=True)
        bind_prefixes(ds)
        ds.parse(data=self.nquads(), format="nquads")
        return ds

    def close(self) -> None:
        pass


def _engine_error(exc: Exception) -> SparqlError:
    if isinstance(exc, SyntaxError):
        where = re.match(r"error at (\d+):(\d+): ?(.*)", str(exc), re.S)
        if where:
            return SparqlError(f"SPARQL syntax error at line {where[1]}, column {where[2]}: {where[3]}")
        return SparqlError(f"SPARQL syntax error: {exc}")
    return SparqlError(f"query failed: {exc}")


class OxigraphStore(GraphStore):
    """Embedded Oxigraph: on disk in graph_dir/oxigraph, opened read-only."""

    name = "embedded Oxigraph store"

    def __init__(self, store: ox.Store, spec: tuple):
        self.ox = store
        self.spec = spec            # how a query worker process opens the same store
        self._pool = None
        self._lock = threading.Lock()

    @staticmethod
    def report_files(graph_dir: Path, slugs) -> dict[str, str]:
        """Graph IRI -> N-Triples file of each report."""
        return {str(report_iri(slug)): str(Path(graph_dir) / f"{slug}.nt") for slug in slugs}

    @staticmethod
    def _load(store: ox.Store, graphs: dict[str, str]) -> None:
        for iri, path in graphs.items():
            store.bulk_load(path=path, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(iri))

    @classmethod
    def write(cls, path: Path, graphs: dict[str, str]) -> None:
        """A new on-disk store at `path` holding each N-Triples file as the named graph of its IRI."""
        path = Path(path)
        if path.exists():
            shutil.rmtree(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        store = ox.Store(str(path))
        cls._load(store, graphs)
        store.flush()
        del store   # closes the database so it can be moved and opened read-only

    @classmethod
    def create(cls, graph_dir: Path, slugs) -> None:
        cls.write(Path(graph_dir) / OXIGRAPH_DIR, cls.report_files(graph_dir, slugs))

    @classmethod
    def open(cls, graph_dir: Path, slugs) -> "OxigraphStore":
        path = Path(graph_dir) / OXIGRAPH_DIR
        if path.is_dir():
            return cls(ox.Store.read_only(str(path)), ("disk", str(path)))
        log.info("no Oxigraph store in %s: loading the per-report graphs into memory", graph_dir)
        return cls.in_memory(cls.report_files(graph_dir, slugs))

    @classmethod
    def in_memory(cls, graphs: dict[str, str]) -> "OxigraphStore":
        store = ox.Store()
        cls._load(store, graphs)
        return cls(store, ("memory", graphs))

    def execute(self, query, form, default_graph=None, named_graphs=None, timeout=None):
        kw = {"use_default_graph_as_union": default_graph is None}
        if default_graph is not None:
            kw["default_graph"] = [ox.NamedNode(str(g)) for g in default_graph] or [ox.DefaultGraph()]
        if named_graphs is not None:
            kw["named_graphs"] = [ox.NamedNode(str(g)) for g in named_graphs]
        try:
            return self.ox.query(query, **kw)
        except (SyntaxError, OSError, RuntimeError, ValueError) as exc:
            raise _engine_error(exc) from None

    def run_isolated(self, query, result_format="json", graph_format="turtle", timeout=10.0, max_rows=10000,
                     default_graph=None, named_graphs=None):
        """As GraphStore.run_isolated, in a worker process that is killed at the time limit."""
        form = query_form(query)
        with self._lock:
            if self._pool is None:
                from .workers import QueryPool
                self._pool = QueryPool(self.spec)
                weakref.finalize(self, self._pool.close)
        return self._pool.run(query, form, result_format, graph_format, timeout, max_rows,
                              default_graph, named_graphs)

    def __len__(self) -> int:
        return len(self.ox)

    def graph_names(self) -> set[URIRef]:
        return {URIRef(g.value) for g in self.ox.named_graphs()}

    def nquads(self) -> bytes:
        return self.ox.dump(format=ox.RdfFormat.N_QUADS)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()
