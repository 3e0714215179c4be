"""The SPARQL 1.1 Protocol endpoint (`/sparql`): query by GET and POST, content negotiation, a
Service Description, read-only, with time and result limits enforced off the event loop."""
from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response

from kgqa.errors import KgqaError, SparqlError

from .negotiate import GRAPH_NAMES, GRAPHS, RESULT_NAMES, RESULTS, NotAcceptable, choose, negotiate

MAX_QUERY_BYTES = 100_000
UPDATE_PARAMS = ("update", "using-graph-uri", "using-named-graph-uri")
ALLOW = "GET, POST, HEAD, OPTIONS"
READ_ONLY = "SPARQL Update is refused: this endpoint is read-only"


def _error(status: int, message: str, headers: dict | None = None) -> Response:
    return JSONResponse({"error": message, "status": status}, status_code=status, headers=headers)


def service_description(url: str, graph_names) -> "Graph":  # noqa: F821
    """A SPARQL 1.1 Service Description of this endpoint and its dataset (one named graph per report)."""
    from rdflib import BNode, Graph, Namespace, URIRef
    from rdflib.namespace import RDF
    sd = Namespace("http://www.w3.org/ns/sparql-service-description#")
    fmt = Namespace("http://www.w3.org/ns/formats/")
    g = Graph()
    g.bind("sd", sd)
    g.bind("formats", fmt)
    me, dataset, default = URIRef(url), BNode(), BNode()
    g.add((me, RDF.type, sd.Service))
    g.add((me, sd.endpoint, me))
    g.add((me, sd.supportedLanguage, sd.SPARQL11Query))
    g.add((me, sd.feature, sd.UnionDefaultGraph))
    for f in ("SPARQL_Results_JSON", "SPARQL_Results_XML", "SPARQL_Results_CSV", "SPARQL_Results_TSV",
              "Turtle", "N-Triples", "JSON-LD", "RDF_XML"):
        g.add((me, sd.resultFormat, fmt[f]))
    g.add((me, sd.defaultDataset, dataset))
    g.add((dataset, RDF.type, sd.Dataset))
    g.add((dataset, sd.defaultGraph, default))
    g.add((default, RDF.type, sd.Graph))
    for name in sorted(graph_names):
        node = BNode()
        g.add((dataset, sd.namedGraph, node))
        g.add((node, RDF.type, sd.NamedGraph))
        g.add((node, sd.name, URIRef(name)))
    return g


def router(get_store: Callable, settings: dict) -> APIRouter:
    """`get_store()` is the live graph store (it changes when a report is added); `settings` has
    `sparql_timeout` (seconds) and `sparql_max_rows`."""
    api = APIRouter()
    # threads that wait on the store's worker processes; the workers bound what actually runs
    waiters = ThreadPoolExecutor(max_workers=64, thread_name_prefix="kgqa-sparql")

    async def run(request: Request, params: dict[str, list[str]], body_query: str | None) -> Response:
        for p in UPDATE_PARAMS:
            if p in params:
                return _error(403, READ_ONLY)
        queries = params.get("query", [])
        if body_query is not None:
            queries = [body_query] + queries
        if len(queries) != 1:
            return _error(400, "give exactly one SPARQL query: GET ?query=..., or POST it form-encoded as "
                               "query=... or as the body with Content-Type: application/sparql-query")
        query = queries[0]
        if len(query.encode("utf-8", "replace")) > MAX_QUERY_BYTES:
            return _error(413, f"query is over {MAX_QUERY_BYTES:,} bytes")
        store = get_store()
        try:
            kind = store.query_type(query)
            graphs = kind in ("CONSTRUCT", "DESCRIBE")
            fmt, content_type = negotiate(request.headers.get("accept"),
                                          params.get("format", []) + params.get("output", []),
                                          GRAPHS if graphs else RESULTS, GRAPH_NAMES if graphs else RESULT_NAMES)
        except SparqlError as exc:
            return _error(exc.status, str(exc))
        except NotAcceptable as exc:
            return _error(406, str(exc))
        default = params.get("default-graph-uri")
        named = params.get("named-graph-uri")
        try:
            _, data = await asyncio.get_running_loop().run_in_executor(
                waiters, lambda: store.run_isolated(
                    query, result_format=fmt, graph_format=fmt, timeout=settings["sparql_timeout"],
                    max_rows=settings["sparql_max_rows"],
                    default_graph=default, named_graphs=named if named is not None or default is None else []))
        except KgqaError as exc:
            return _error(getattr(exc, "status", 400), str(exc))
        return Response(data, media_type=content_type)

    def describe(request: Request) -> Response:
        try:
            fmt, content_type = choose(request.headers.get("accept"), GRAPHS)
        except NotAcceptable as exc:
            return _error(406, str(exc))
        url = str(request.url.replace(query=""))
        g = service_description(url, get_store().graph_names())
        return Response(g.serialize(format=fmt, encoding="utf-8"), media_type=content_type)

    @api.get("/sparql")
    async def sparql_get(request: Request) -> Response:
        params = parse_qs(request.url.query, keep_blank_values=True)
        if not params:
            return describe(request)
        return await run(request, params, None)

    @api.post("/sparql")
    async def sparql_post(request: Request) -> Response:
        ctype, _, rest = request.headers.get("content-type", "").partition(";")
        ctype = ctype.strip().lower()
        charset = rest.split("charset=", 1)[1].split(";")[0].strip().strip('"').lower() if "charset=" in rest else ""
        body = await request.body()
        if len(body) > MAX_QUERY_BYTES + 1000:
            return _error(413, f"request body is over {MAX_QUERY_BYTES:,} bytes")
        params = parse_qs(request.url.query, keep_blank_values=True)
        if ctype == "application/sparql-update" or (ctype == "application/x-www-form-urlencoded"
                                                    and b"update=" in body and b"query=" not in body):
            return _error(403, READ_ONLY)
        if ctype not in ("application/x-www-form-urlencoded", "application/sparql-query"):
            return _error(415, f"unsupported Content-Type {ctype or '(none)'!r}: use "
                               "application/x-www-form-urlencoded or application/sparql-query")
        if charset not in ("", "utf-8", "utf8"):
            return _error(415, f"unsupported charset {charset!r}: send the query in UTF-8")
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return _error(400, "the request body is not UTF-8")
        if ctype == "application/x-www-form-urlencoded":
            try:
                form = parse_qs(text, keep_blank_values=True, encoding="utf-8", errors="strict")
            except UnicodeDecodeError:
                return _error(400, "the form-encoded query is not UTF-8")
            for k, v in form.items():
                params.setdefault(k, []).extend(v)
            return await run(request, params, None)
        return await run(request, params, text)

    @api.head("/sparql")
    async def sparql_head(request: Request) -> Response:
        got = await sparql_get(request)
        return Response(status_code=got.status_code, headers={k: v for k, v in got.headers.items()
                                                               if k.lower() != "content-length"})

    @api.options("/sparql")
    async def sparql_options() -> Response:
        return Response(status_code=204, headers={"Allow": ALLOW})

    @api.api_route("/sparql", methods=["PUT", "DELETE", "PATCH"])
    async def sparql_other() -> Response:
        return _error(405, f"method not allowed: this read-only SPARQL endpoint answers {ALLOW}",
                      headers={"Allow": ALLOW})

    @api.api_route("/sparql/", methods=["GET", "POST", "HEAD"], include_in_schema=False)
    async def sparql_slash(request: Request) -> Response:
        url = request.url.replace(path=request.url.path.rstrip("/"))
        return RedirectResponse(str(url), status_code=308)

    return api
