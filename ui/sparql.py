"""The SPARQL 1.1 Protocol endpoint (`/sparql`): GET and POST, content negotiation, read-only,
time and row limits enforced in a killable worker."""
from __future__ import annotations

import asyncio
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response

from kgqa.errors import SparqlError

from .negotiate import GRAPHS, RESULTS, SHORT, NotAcceptable, choose

MAX_QUERY_BYTES = 100_000
UPDATE_PARAMS = ("update", "using-graph-uri", "using-named-graph-uri")


def _error(status: int, message: str) -> Response:
    return JSONResponse({"error": message, "status": status}, status_code=status)


def router(state) -> APIRouter:
    """`state.kb` is the live KnowledgeBase; `state.settings` carries the limits."""
    api = APIRouter()

    async def handle(request: Request, params: dict[str, list[str]], body_query: str | None) -> Response:
        for p in UPDATE_PARAMS:
            if p in params:
                return _error(403, "SPARQL Update is refused: this endpoint is read-only")
        if "default-graph-uri" in params or "named-graph-uri" in params:
            return _error(403, "default-graph-uri / named-graph-uri are refused: query the store's own graphs")
        queries = params.get("query", [])
        if body_query is not None:
            queries = [body_query]
        if len(queries) != 1:
            return _error(400, "give exactly one SPARQL query: GET ?query=..., or POST it form-encoded as "
                               "query=... or as the body with Content-Type: application/sparql-query")
        query = queries[0]
        if len(query.encode("utf-8", "replace")) > MAX_QUERY_BYTES:
            return _error(413, f"query is over {MAX_QUERY_BYTES:,} bytes")
        accept = request.headers.get("accept")
        if "format" in params:
            fmt = params["format"][0].lower()
            accept = SHORT.get(fmt, fmt)
        store = state.kb.graph
        try:
            kind = store.query_type(query)
            table = GRAPHS if kind in ("CONSTRUCT", "DESCRIBE") else RESULTS
            fmt, content_type = choose(accept, table)
        except SparqlError as exc:
            return _error(exc.status, str(exc))
        except NotAcceptable as exc:
            return _error(406, str(exc))
        s = state.settings
        try:
            _, data = await asyncio.to_thread(
                store.run_isolated, query, result_format=fmt, graph_format=fmt,
                timeout=s["sparql_timeout"], max_rows=s["sparql_max_rows"])
        except SparqlError as exc:
            return _error(exc.status, str(exc))
        return Response(data, media_type=content_type)

    @api.get("/sparql")
    async def sparql_get(request: Request) -> Response:
        params = parse_qs(request.url.query, keep_blank_values=True)
        if not params:
            return _error(400, "no query: this is a SPARQL 1.1 endpoint, send ?query=SELECT ...")
        return await handle(request, params, None)

    @api.post("/sparql")
    async def sparql_post(request: Request) -> Response:
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        body = await request.body()
        if len(body) > MAX_QUERY_BYTES + 1000:
            return _error(413, f"request body is over {MAX_QUERY_BYTES:,} bytes")
        params = parse_qs(request.url.query, keep_blank_values=True)
        try:
            text = body.decode("utf-8")
        except UnicodeDecodeError:
            return _error(400, "the request body is not UTF-8")
        if ctype == "application/x-www-form-urlencoded":
            params.update(parse_qs(text, keep_blank_values=True))
            return await handle(request, params, None)
        if ctype == "application/sparql-query":
            return await handle(request, params, text)
        if ctype == "application/sparql-update":
            return _error(403, "SPARQL Update is refused: this endpoint is read-only")
        return _error(415, f"unsupported Content-Type {ctype!r}: use application/x-www-form-urlencoded "
                           "or application/sparql-query")

    return api
