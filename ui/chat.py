"""The Gradio UI: chat with cited sources, SPARQL editor, explorer and upload."""
from __future__ import annotations

import asyncio
import json
import threading
from collections import OrderedDict
from pathlib import Path

import gradio as gr
import pandas as pd

from kg.examples import example_queries
from kgqa.errors import KgqaError, ReportError
from kgqa.report.reading import REPORT_SUFFIXES

from .render import answer_markdown, chart_rows, runnable_sparql
from .state import ServerState

DOCUMENT_COLUMNS = ["slug", "company", "title", "year", "pages", "passages", "figures", "warnings"]
FACT_COLUMNS = ["metric", "qualifier", "year", "value", "unit", "as reported", "entity", "page", "source passage"]
REFRESH_EVERY = 3.0          # seconds between a page's looks for a changed knowledge base

def example_questions(kb, limit: int = 6) -> list[str]:
    """Example questions drawn from what the loaded reports hold: a figure, its change, a trend,
    the subsidiaries, a month of events, and one the reports may not answer."""
    from collections import defaultdict

    series: dict[tuple, set] = defaultdict(set)
    for f in kb.facts():
        if f["extracted_from"] == "table" and not f["qualifier"]:
            series[(f["report"], f["metric"])].add(f["year"])
    out = []
    for slug, meta in kb.reports.items():
        name = meta.get("short_name") or meta.get("company") or "the company"
        best = sorted(((len(y), "total" in m.lower(), len(m) < 50, m, sorted(y)) for (r, m), y in series.items()
                       if r == slug and len(y) >= 2), reverse=True)
        if best:
            _, _, _, metric, years = best[0]
            out.append(f"What was {name}'s {metric[0].lower() + metric[1:]} in {years[-1]}?")
            out.append(f"How did {name}'s {metric[0].lower() + metric[1:]} change from {years[-2]} to {years[-1]}?")
    names = [meta.get("short_name") or meta.get("company") or slug for slug, meta in kb.reports.items()]
    with_subsidiaries = {str(r.slug) for r in kb.sparql(
        "PREFIX esg: <https://kgqa.dev/ontology#> PREFIX org: <http://www.w3.org/ns/org#> "
        "PREFIX dcterms: <http://purl.org/dc/terms/> SELECT DISTINCT ?slug WHERE { "
        "?s a esg:Subsidiary ; org:subOrganizationOf ?c . ?r dcterms:publisher ?c ; esg:slug ?slug }")}
    for (slug, meta), name in zip(kb.reports.items(), names):
        if slug in with_subsidiaries:
            out.insert(2, f"Which subsidiaries does {name} have?")
            break
    if names:
        out.append(f"What were {names[0]}'s Scope 3 emissions?")
    return out[:limit]
CSS = """
.kgqa-source summary, .kgqa-how summary { cursor: pointer; font-weight: 600; font-size: 0.9em; }
.kgqa-source blockquote { max-height: 16em; overflow: auto; font-size: 0.9em; }
mark { background: #ffe58a; padding: 0 2px; }
.kgqa-page { max-width: 100%; border: 1px solid #ddd; margin-top: 0.4em; }
"""
SUBSIDIARIES = """PREFIX org: <http://www.w3.org/ns/org#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX esg: <https://kgqa.dev/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT ?subsidiary (GROUP_CONCAT(DISTINCT ?alias; separator=" | ") AS ?aliases) ?parent ?report WHERE {
  ?s org:subOrganizationOf ?p ; skos:prefLabel ?subsidiary .
  ?p skos:prefLabel ?parent .
  ?r dcterms:publisher ?p ; esg:slug ?report .
  OPTIONAL { ?s skos:altLabel ?alias }
} GROUP BY ?subsidiary ?parent ?report ORDER BY ?parent ?subsidiary"""


INITIATIVES = """PREFIX esg: <https://kgqa.dev/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
SELECT ?initiative ?subsidiary ?date ?passage WHERE {
  ?i a esg:Initiative ; rdfs:label ?initiative ; prov:wasDerivedFrom/dcterms:identifier ?passage .
  OPTIONAL { ?i esg:subsidiary/esg:shortName ?subsidiary }
  OPTIONAL { ?i dcterms:date ?date }
} ORDER BY ?passage"""


def _rows_from_json(data: bytes) -> pd.DataFrame:
    doc = json.loads(data)
    if "boolean" in doc:
        return pd.DataFrame({"boolean": [doc["boolean"]]})
    cols = doc["head"]["vars"]
    return pd.DataFrame([{c: b.get(c, {}).get("value", "") for c in cols} for b in doc["results"]["bindings"]],
                        columns=cols)


def documents_frame(kb) -> pd.DataFrame:
    rows = [dict(r.to_dict(), warnings="; ".join(r.warnings)) for r in kb.reports()]
    return pd.DataFrame([{c: ("" if row[c] is None else row[c]) for c in DOCUMENT_COLUMNS} for row in rows],
                        columns=DOCUMENT_COLUMNS)


def take_upload(path: str) -> tuple[bytes, str]:
    """The bytes of a file this request uploaded (it must lie in Gradio's upload folder: a path naming
    any other file on the server is refused), removed from that folder once read."""
    from gradio.utils import get_upload_folder, is_in_or_equal

    p = Path(path)
    folder = Path(get_upload_folder())
    if not is_in_or_equal(p.resolve(), folder.resolve()) or not p.is_file():
        raise ReportError(p.name, "not a file uploaded with this request; choose the file to upload")
    try:
        return p.read_bytes(), p.name
    finally:
        p.unlink(missing_ok=True)
        if p.parent != folder and not any(p.parent.iterdir()):
            p.parent.rmdir()


class Conversation:
    def __init__(self):
        self.lock = asyncio.Lock()
        self.history: list[dict] = []
        self.previous: str | None = None      # the last answered question, for follow-ups


class Conversations:
    """Each browser session's chat, kept on the server (the most recent `keep` sessions), so a question
    sent while the previous one is being answered waits its turn and sees the earlier answer."""

    def __init__(self, keep: int = 1000):
        self._by_session: OrderedDict[str, Conversation] = OrderedDict()
        self._lock = threading.Lock()
        self.keep = keep

    def get(self, session: str) -> Conversation:
        with self._lock:
            conv = self._by_session.pop(session, None) or Conversation()
            self._by_session[session] = conv
            while len(self._by_session) > self.keep:
                self._by_session.popitem(last=False)
            return conv


def build_blocks(state: ServerState) -> gr.Blocks:
    examples = example_queries()
    conversations = Conversations()
    with gr.Blocks(title="kgqa: ESG report Q&A", delete_cache=(600, 1800)) as demo:
        gr.Markdown("## kgqa — questions over ESG reports, answered from the knowledge graph with cited sources")
        last_sparql = gr.State("")
        with gr.Tabs() as tabs:
            with gr.Tab("Chat", id="chat"):
                chat = gr.Chatbot(label="Answers", height=520, elem_id="chat", sanitize_html=True)
                with gr.Row():
                    box = gr.Textbox(placeholder="Ask about a figure, a subsidiary, an initiative…", show_label=False,
                                     scale=8, elem_id="question")
                    send = gr.Button("Ask", variant="primary", scale=1, elem_id="ask")
                examples_box = gr.Examples(example_questions(state.kb), inputs=box, label="Examples")
                chart = gr.LinePlot(x="year", y="value", color="metric", title="Across years", visible=False,
                                    height=260)
                open_sparql = gr.Button("Open this answer's SPARQL in the SPARQL tab", visible=False, size="sm")
            with gr.Tab("SPARQL", id="sparql"):
                pick = gr.Dropdown([t for t, _ in examples], label="Example queries (from docs/ontology.md)",
                                   value=examples[0][0] if examples else None, elem_id="example-pick")
                editor = gr.Code(value=examples[0][1] if examples else "SELECT * WHERE { ?s ?p ?o } LIMIT 10",
                                 language="sql", label="Query", lines=12, elem_id="sparql-editor")
                run = gr.Button("Run query", variant="primary", elem_id="run-sparql")
                status = gr.Markdown(elem_id="sparql-status")
                table = gr.Dataframe(label="Results", wrap=True, elem_id="sparql-results", interactive=False)
                with gr.Row():
                    dl_csv = gr.DownloadButton("Download CSV", visible=False)
                    dl_json = gr.DownloadButton("Download JSON", visible=False)
            with gr.Tab("Explorer", id="explorer"):
                report_pick = gr.Dropdown(label="Report", choices=sorted(state.kb.reports), elem_id="explorer-report")
                facts_table = gr.Dataframe(label="Metric observations (sort by a column from its header's ⋮ menu; "
                                           "passage id = source)", wrap=True, interactive=False, elem_id="explorer-facts",
                                           datatype=["str", "str", "number", "number", "str", "str", "str", "number",
                                                     "str"])
                subs_table = gr.Dataframe(label="Subsidiaries and the spellings the reports use", wrap=True,
                                          interactive=False)
                init_table = gr.Dataframe(label="Initiatives (cases) with subsidiary and date", wrap=True,
                                          interactive=False)
            with gr.Tab("Documents", id="documents"):
                documents = gr.Dataframe(documents_frame(state.kb), label="Reports in the knowledge base",
                                         wrap=True, interactive=False, elem_id="documents")
                gr.Markdown("Add a report (" + ", ".join(REPORT_SUFFIXES) + "). It is read and indexed in the "
                            "background; questions are answered from the current reports until it is ready. "
                            "A file that cannot be read changes nothing.")
                token = gr.Textbox(label="Token (needed on a server reachable from other machines)", type="password",
                                   visible=state.writes_need_token, elem_id="token")
                upload = gr.File(label="Report file", file_types=list(REPORT_SUFFIXES), type="filepath",
                                 elem_id="report-upload")
                add = gr.Button("Add to the knowledge base", variant="primary")
                with gr.Row():
                    remove_pick = gr.Dropdown(label="Report to remove", choices=sorted(state.kb.reports),
                                              elem_id="remove-pick", scale=4)
                    remove_btn = gr.Button("Remove", variant="stop", scale=1, elem_id="remove")
                upload_status = gr.Markdown(elem_id="documents-status")
        seen_version = gr.State(state.version)
        timer = gr.Timer(REFRESH_EVERY)

        # ---- chat --------------------------------------------------------------------------------
        async def respond(message: str, request: gr.Request):
            message = (message or "").strip()
            if not message:
                return gr.update(), gr.update(), gr.update(), gr.update()
            conv = conversations.get(request.session_hash or "")
            async with conv.lock:                # this session's questions are answered in the order sent
                conv.history.append({"role": "user", "content": message})
                try:
                    ans = await state.ask(message, previous=conv.previous)
                except KgqaError as exc:
                    conv.history.append({"role": "assistant", "content": f"⚠️ {exc}"})
                    return list(conv.history), gr.update(visible=False), gr.update(visible=False), ""
                conv.history.append({"role": "assistant", "content": answer_markdown(ans)})
                if ans.answerable:
                    conv.previous = ans.question
                rows = chart_rows(ans)
                plot = gr.update(value=pd.DataFrame(rows), visible=True) if rows else gr.update(visible=False)
                return list(conv.history), plot, gr.update(visible=bool(ans.sparql)), ans.sparql or ""

        outs = [chat, chart, open_sparql, last_sparql]
        for trigger in (box.submit, send.click):
            # a question sent while another is being answered queues behind it instead of being dropped;
            # the answering pool bounds how many are worked on at once
            trigger(respond, box, outs, trigger_mode="multiple", concurrency_id="answer", concurrency_limit=None)
            trigger(lambda: "", None, box, queue=False, trigger_mode="multiple")
        open_sparql.click(lambda q: (runnable_sparql(q), gr.Tabs(selected="sparql")), last_sparql, [editor, tabs])

        # ---- SPARQL ------------------------------------------------------------------------------
        def load_example(title):
            return next((q for t, q in examples if t == title), gr.update())

        def run_query(query: str):
            hidden = gr.update(visible=False)
            s = state.settings
            try:
                kind, data = state.kb.graph.run_isolated(query, "json", "turtle", s["sparql_timeout"],
                                                         s["sparql_max_rows"])
            except KgqaError as exc:
                return f"**Error:** {exc}", pd.DataFrame(), hidden, hidden
            out = state.downloads()
            if kind in ("CONSTRUCT", "DESCRIBE"):
                (out / "result.ttl").write_bytes(data)
                return (f"{kind}: graph below as Turtle.\n\n```turtle\n{data.decode()[:20000]}\n```", pd.DataFrame(),
                        gr.update(value=str(out / "result.ttl"), visible=True, label="Download Turtle"), hidden)
            df = _rows_from_json(data)
            (out / "results.json").write_bytes(data)
            df.to_csv(out / "results.csv", index=False)          # from the same run, not a second query
            return (f"{len(df)} row(s).", df, gr.update(value=str(out / "results.csv"), visible=True),
                    gr.update(value=str(out / "results.json"), visible=True))

        pick.change(load_example, pick, editor)
        run.click(run_query, editor, [status, table, dl_csv, dl_json])

        # ---- explorer ----------------------------------------------------------------------------
        def explore(report: str | None):
            facts = [f for f in state.kb.facts() if not report or f["report"] == report]
            # value and unit normalised (a number, so sorting by it sorts by size), then the figure as printed
            df = pd.DataFrame([{"metric": f["metric"], "qualifier": f["qualifier"] or "", "year": f["year"],
                                "value": f["value"], "unit": f["unit"],
                                "as reported": f"{f['reported_value']} {f['reported_unit'] or ''}".strip(),
                                "entity": f["entity"] or "", "page": f["page"], "source passage": f["passage_id"]}
                               for f in facts], columns=FACT_COLUMNS)
            subs = _rows_from_json(state.kb.graph.run_isolated(SUBSIDIARIES, "json")[1])
            inits = _rows_from_json(state.kb.graph.run_isolated(INITIATIVES, "json")[1])
            if report and len(subs):
                subs = subs[subs["report"] == report]
            if report and len(inits):
                inits = inits[inits["passage"].str.startswith(report + ":")]
            return df, subs, inits

        outs = [facts_table, subs_table, init_table]
        report_pick.change(explore, report_pick, outs)
        demo.load(explore, report_pick, outs)

        # ---- documents ---------------------------------------------------------------------------
        def changed_outputs(kb):
            choices = sorted(kb.reports)
            return (documents_frame(kb), gr.update(choices=choices), gr.update(choices=choices),
                    gr.Dataset(samples=[[q] for q in example_questions(kb)]), state.version)

        def add_report(path, secret, progress=gr.Progress()):
            if not path:
                return ("Choose a file first.", *[gr.update()] * 4, state.version)
            try:
                data, name = take_upload(path)
                kb = state.add_upload(data, name, secret, progress=lambda stage, done, total: progress(
                    (done, max(total, 1)), desc=stage))
            except KgqaError as exc:
                return (f"**Not added:** {exc}. The knowledge base is unchanged.", *[gr.update()] * 4, state.version)
            return (f"Done: {kb.changes}. The knowledge base holds {len(kb.reports)} report(s), "
                    f"{len(kb.passages)} passages.", *changed_outputs(kb))

        def remove_report(slug, secret):
            if not slug:
                return ("Choose a report to remove.", *[gr.update()] * 4, state.version)
            try:
                kb = state.remove(slug, secret)
            except KgqaError as exc:
                return (f"**Not removed:** {exc}.", *[gr.update()] * 4, state.version)
            return (f"Removed {slug}. The knowledge base holds {len(kb.reports)} report(s).", *changed_outputs(kb))

        def follow(version):
            """Refresh the documents, report lists and examples when the knowledge base changed."""
            kb = state.kb
            if version == state.version:
                return (*[gr.update()] * 4, version)
            return changed_outputs(kb)

        change_outs = [documents, report_pick, remove_pick, examples_box.dataset, seen_version]
        add.click(add_report, [upload, token], [upload_status, *change_outs])
        remove_btn.click(remove_report, [remove_pick, token], [upload_status, *change_outs])
        timer.tick(follow, seen_version, change_outs, show_progress="hidden")
    demo.queue(default_concurrency_limit=4)
    return demo
