"""One ASGI app: the Gradio UI at `/`, the SPARQL endpoint at `/sparql`, `/healthz`, and a JSON API."""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Query
from fastapi.responses import JSONResponse

from kgqa import KnowledgeBase
from kgqa.errors import KgqaError
from kgqa.settings import setting

from . import sparql
from .state import ServerState


def create_app(kb: KnowledgeBase | str | Path | None = None, *, sparql_timeout: float | None = None,
               sparql_max_rows: int | None = None, ui: bool = True, cors: str | None = None) -> FastAPI:
    """Build the app around an open KnowledgeBase (or the data_dir of one).

    `cors` (default: the `cors` setting, empty) lists the origins, or `*`, whose browser pages may
    call the SPARQL endpoint and the JSON API; empty keeps cross-origin calls off.
    """
    if not isinstance(kb, KnowledgeBase):
        kb = KnowledgeBase.open(kb)
    kb.warm_up()
    state = ServerState(kb, sparql_timeout, sparql_max_rows)
    app = FastAPI(title="kgqa", description="Question answering over ESG reports: SPARQL endpoint and JSON API.")
    app.state.kgqa = state
    origins = [o.strip() for o in (setting("cors") if cors is None else cors).split(",") if o.strip()]
    if origins:
        from fastapi.middleware.cors import CORSMiddleware
        app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST", "HEAD", "OPTIONS"],
                           allow_headers=["*"])

    @app.exception_handler(KgqaError)
    async def kgqa_error(request, exc: KgqaError):
        return JSONResponse({"error": str(exc)}, status_code=getattr(exc, "status", 400))

    @app.get("/healthz")
    def healthz() -> dict:
        s = state.kb.stats()
        return {"status": "ok", "reports": sorted(s["reports"]), "passages": s["passages"], "triples": s["triples"]}

    @app.get("/api/ask")
    def api_ask(q: str = Query(..., max_length=2000, description="The question")) -> dict:
        return state.ask(q).to_dict()

    @app.get("/api/search")
    def api_search(q: str = Query(..., max_length=2000), k: int = Query(5, ge=1, le=100)) -> list[dict]:
        return [dict(h.to_dict(), section=h.section, score=h.score) for h in state.search(q, k)]

    app.include_router(sparql.router(lambda: state.kb.graph, state.settings))
    if ui:
        import gradio as gr

        from .chat import CSS, build_blocks
        app = gr.mount_gradio_app(app, build_blocks(state), path="/", css=CSS, footer_links=[])
    return app
