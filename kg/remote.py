"""A SPARQL 1.1 server as the graph store (KGQA_SPARQL_STORE): Oxigraph, Fuseki, GraphDB, Virtuoso...

Ingest writes each report's named graph with the Graph Store Protocol (`PUT ?graph=<iri>`); queries
go over the SPARQL Protocol with the knowledge base's report graphs as the dataset
(`default-graph-uri` and `named-graph-uri`), so other graphs on the server are never seen.
Credentials, when the server needs them: a bearer token (KGQA_SPARQL_STORE_TOKEN) or HTTP basic
(KGQA_SPARQL_STORE_USER, KGQA_SPARQL_STORE_PASSWORD), sent with every request.
"""
from __future__ import annotations

from pathlib import Path

import httpx
import pyoxigraph as ox
from rdflib import URIRef

from kgqa.errors import SparqlError, StoreUnavailable

from .build import report_iri
from .store import GraphStore

RESULTS_ACCEPT = "application/sparql-results+json"
GRAPH_ACCEPT = "application/n-triples"


class RemoteStore(GraphStore):
    def __init__(self, query_url: str, graphs_url: str, slugs, timeout: float = 30.0,
                 auth: httpx.Auth | None = None, token: str | None = None):
        self.url = query_url
        self.graphs_url = graphs_url
        self.graphs = [str(report_iri(s)) for s in slugs]
        self.timeout = timeout
        self.name = f"SPARQL store at {query_url}"
        headers = {"Authorization": f"Bearer {token}"} if token else None
        self.http = httpx.Client(timeout=timeout, auth=auth, headers=headers)

    @classmethod
    def from_settings(cls, slugs) -> "RemoteStore":
        from kgqa.settings import setting
        url = setting("sparql_store").strip()
        graphs = setting("sparql_store_graphs").strip()
        if not graphs:
            if not url.rstrip("/").endswith("/query"):
                raise StoreUnavailable(f"KGQA_SPARQL_STORE={url}: set KGQA_SPARQL_STORE_GRAPHS to the server's "
                                       "Graph Store Protocol endpoint (see docs/stores.md)")
            graphs = url.rstrip("/")[:-len("/query")] + "/store"
        user, password, token = (setting(n) for n in ("sparql_store_user", "sparql_store_password",
                                                      "sparql_store_token"))
        if token and user:
            raise StoreUnavailable("set either KGQA_SPARQL_STORE_TOKEN or KGQA_SPARQL_STORE_USER (with "
                                   "KGQA_SPARQL_STORE_PASSWORD) for the SPARQL store, not both")
        return cls(url, graphs, list(slugs), float(setting("sparql_store_timeout")),
                   auth=httpx.BasicAuth(user, password) if user else None, token=token or None)

    def _request(self, method: str, url: str, timeout: float | None = None, **kw) -> httpx.Response:
        try:
            resp = self.http.request(method, url, timeout=timeout or self.timeout, **kw)
        except httpx.TimeoutException:
            raise SparqlError(f"the {self.name} did not answer within {timeout or self.timeout:g} s",
                              status=503) from None
        except httpx.HTTPError as exc:
            raise StoreUnavailable(f"the {self.name} is unreachable ({exc}): start it, or unset "
                                   "KGQA_SPARQL_STORE to use the embedded store") from None
        if resp.status_code >= 500:
            raise StoreUnavailable(f"the {self.name} failed with HTTP {resp.status_code}: {resp.text[:300]}")
        if resp.status_code in (401, 403):
            raise StoreUnavailable(f"the {self.name} refused kgqa's credentials (HTTP {resp.status_code}): set "
                                   "KGQA_SPARQL_STORE_TOKEN, or KGQA_SPARQL_STORE_USER and KGQA_SPARQL_STORE_PASSWORD, "
                                   "to an account that may read and write its graphs")
        if resp.status_code >= 400:
            raise SparqlError(f"the {self.name} refused the request (HTTP {resp.status_code}): {resp.text[:300]}")
        return resp

    def execute(self, query, form, default_graph=None, named_graphs=None, timeout=None):
        data = {"query": query,
                "default-graph-uri": self.graphs if default_graph is None else [str(g) for g in default_graph],
                "named-graph-uri": self.graphs if named_graphs is None else [str(g) for g in named_graphs]}
        accept = GRAPH_ACCEPT if form in ("CONSTRUCT", "DESCRIBE") else RESULTS_ACCEPT
        resp = self._request("POST", self.url, timeout, data=data, headers={"Accept": accept})
        try:
            if accept == GRAPH_ACCEPT:
                return [ox.Triple(q.subject, q.predicate, q.object)
                        for q in ox.parse(resp.content, format=ox.RdfFormat.N_TRIPLES)]
            return ox.parse_query_results(resp.content, format=ox.QueryResultsFormat.JSON)
        except SyntaxError as exc:
            raise StoreUnavailable(f"the {self.name} sent a result that cannot be read: {exc}") from None

    def check(self) -> None:
        """Fail now, naming the server, when it does not answer a query."""
        self.execute("ASK {}", "ASK")

    def put_graphs(self, graph_dir: Path) -> None:
        """PUT each report's N-Triples as its named graph (after checking the server answers at all)."""
        self.check()
        for iri in self.graphs:
            slug = iri.rsplit("/", 1)[1]
            body = (Path(graph_dir) / f"{slug}.nt").read_bytes()
            self._request("PUT", self.graphs_url, params={"graph": iri}, content=body,
                          headers={"Content-Type": GRAPH_ACCEPT})

    def __len__(self) -> int:
        rows = list(self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))
        return int(rows[0].n) if rows else 0

    def graph_names(self) -> set[URIRef]:
        return {URIRef(str(r.g)) for r in self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { } }")}

    def nquads(self) -> bytes:
        out = []
        for iri in self.graphs:
            resp = self._request("GET", self.graphs_url, params={"graph": iri}, headers={"Accept": GRAPH_ACCEPT})
            g = ox.NamedNode(iri)
            out.extend(ox.Quad(q.subject, q.predicate, q.object, g)
                       for q in ox.parse(resp.content, format=ox.RdfFormat.N_TRIPLES))
        return ox.serialize(out, format=ox.RdfFormat.N_QUADS) or b""

    def close(self) -> None:
        self.http.close()
