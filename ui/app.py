"""One ASGI app: the Gradio UI at `/`, the SPARQL endpoint at `/sparql`, `/healthz`, and a JSON API."""
from __future__ import annotations

import asyncio
import logging
import socket
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Query, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse, Response
from starlette.middleware.trustedhost import TrustedHostMiddleware

from kgqa import KnowledgeBase
from kgqa.errors import KgqaError
from kgqa.settings import setting

from . import sparql
from .state import LOOPBACK, ServerState

log = logging.getLogger("kgqa.server")


def allowed_hosts(host: str) -> list[str]:
    """The Host names the server answers to: loopback names, the bound address, and for a server bound
    to every interface this machine's names and addresses; plus the `allowed_hosts` setting."""
    names = {*LOOPBACK, "[::1]", host}
    if host in ("0.0.0.0", "::"):
        hostname = socket.gethostname()
        names |= {hostname, socket.getfqdn()}
        try:
            names |= set(socket.gethostbyname_ex(hostname)[2])
        except OSError:
            pass
    names |= {h.strip() for h in setting("allowed_hosts").split(",") if h.strip()}
    return sorted(names)


def create_app(kb: KnowledgeBase | str | Path | None = None, *, sparql_timeout: float | None = None,
               sparql_max_rows: int | None = None, ui: bool = True, host: str = "127.0.0.1",
               token: str | None = None, cors: str | None = None, answer_workers: int | None = None) -> FastAPI:
    """Build the app around an open KnowledgeBase (or the data_dir of one).

    Reads are open; adding and removing reports needs `token` (or KGQA_TOKEN) when `host` is not
    loopback.  Requests whose Host header is not one of `allowed_hosts(host)` are refused (400).
    `cors` (default: the `cors` setting, empty) lists the origins, or `*`, whose browser pages may
    call the SPARQL endpoint and the JSON API; empty keeps cross-origin calls off.  `answer_workers`
    (default: the setting) processes answer questions and searches; 0 answers in this process."""
    if not isinstance(kb, KnowledgeBase):
        kb = KnowledgeBase.open(kb)
    state = ServerState(kb, sparql_timeout, sparql_max_rows, token=token, writes_need_token=host not in LOOPBACK,
                        answer_workers=int(setting("answer_workers")) if answer_workers is None else answer_workers)
    state.ready()

    @asynccontextmanager
    async def lifespan(app):
        yield
        state.close()                             # the answering workers end with the server

    app = FastAPI(title="kgqa", description="Question answering over ESG reports: SPARQL endpoint and JSON API.",
                  lifespan=lifespan)
    app.state.kgqa = state
    origins = [o.strip() for o in (setting("cors") if cors is None else cors).split(",") if o.strip()]
    # always installed, even with no origin allowed: Gradio's own CORS layer, which answers any
    # http://localhost:* page with credentials allowed, stands aside when the parent app has this one
    app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST", "HEAD", "OPTIONS"],
                       allow_headers=["*"])

    @app.exception_handler(KgqaError)
    async def kgqa_error(request, exc: KgqaError):
        return JSONResponse({"error": str(exc)}, status_code=getattr(exc, "status", 400))

    triples: dict[str | None, int] = {}          # per generation: counting the graph is not free

    @app.get("/healthz")
    async def healthz() -> dict:
        kb = state.kb
        if kb.generation not in triples:
            triples[kb.generation] = await asyncio.to_thread(len, kb.graph)
        return {"status": "ok", "reports": sorted(kb.reports), "generation": kb.generation,
                "passages": len(kb.passages), "triples": triples[kb.generation], "answer_cache": state.cache.stats()}

    @app.get("/api/ask")
    async def api_ask(q: str = Query(..., max_length=2000, description="The question")) -> dict:
        return (await state.ask(q)).to_dict()

    @app.get("/api/search")
    async def api_search(q: str = Query(..., max_length=2000), k: int = Query(5, ge=1, le=100)) -> list[dict]:
        return [dict(h.to_dict(), section=h.section, score=h.score) for h in await state.search(q, k)]

    @app.get("/api/reports")
    def api_reports() -> list[dict]:
        return [r.to_dict() for r in state.kb.reports()]

    @app.post("/api/reports")
    async def api_add_report(request: Request, name: str = Query(..., max_length=255)) -> dict:
        """Add a report: the request body is the file's bytes, `name` its file name."""
        token = request.headers.get("x-kgqa-token")
        state.check_token(token)
        limit = state.settings["upload_max_bytes"]
        body = bytearray()
        async for chunk in request.stream():
            body += chunk
            if len(body) > limit:
                return JSONResponse({"error": f"{name}: the upload is over the {limit / 1e6:.1f} MB limit"},
                                    status_code=413)
        kb = await asyncio.to_thread(state.add_upload, bytes(body), name, token)
        return {"changes": str(kb.changes), "reports": sorted(kb.reports)}

    @app.delete("/api/reports/{slug}")
    async def api_remove_report(request: Request, slug: str) -> dict:
        kb = await asyncio.to_thread(state.remove, slug, request.headers.get("x-kgqa-token"))
        return {"changes": str(kb.changes), "reports": sorted(kb.reports)}

    @app.get("/reports/{slug}.pdf")
    def report_pdf(slug: str):
        """The original PDF of a report, so a citation's "p. 57" opens that page (#page=N)."""
        pdf = state.kb.source_pdf(slug)
        if pdf is None:
            return JSONResponse({"error": f"{slug} is a text report: there is no PDF"}, status_code=404)
        return FileResponse(pdf, media_type="application/pdf", filename=f"{slug}.pdf",
                            content_disposition_type="inline", headers={"X-Content-Type-Options": "nosniff"})

    @app.get("/api/page.png")
    def page_png(passage: str = Query(..., max_length=300),
                 h: list[str] = Query([], max_length=5, description="text to highlight")) -> Response:
        """The page region a PDF passage came from, with the cited figures highlighted."""
        png = state.kb.page_image(passage, [t[:200] for t in h])
        return Response(png, media_type="image/png", headers={"Cache-Control": "max-age=3600"})

    app.include_router(sparql.router(lambda: state.kb.graph, state.settings))
    if ui:
        import gradio as gr

        from .chat import CSS, build_blocks
        blocks = build_blocks(state)
        app = gr.mount_gradio_app(app, blocks, path="/", css=CSS, footer_links=[],
                                  max_file_size=state.settings["upload_max_bytes"])
        # Gradio checks that a file sent to an event was uploaded by the user (not a path on the server)
        # only once it counts the app as launched, which mounting alone never does
        blocks.has_launched = True
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts(host))
    return app
