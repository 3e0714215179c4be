"""The `kgqa` command: each subcommand is one KnowledgeBase call."""
from __future__ import annotations

import csv
import io
import json
import logging
import sys
from pathlib import Path

import click

from .errors import KgqaError

DATA_DIR = click.option("--data-dir", type=click.Path(path_type=Path), default=None,
                        help="Knowledge base folder (default: $KGQA_DATA_DIR or .kgqa).")


def _kb(data_dir):
    from .api import KnowledgeBase
    return KnowledgeBase.open(data_dir)


class _progress_bars:
    """One tqdm bar per ingest stage, on stderr; closed before an error is printed."""
    live: list["_progress_bars"] = []

    def __init__(self):
        self.bars = {}
        _progress_bars.live.append(self)

    def __call__(self, stage: str, done: int, total: int) -> None:
        from tqdm import tqdm
        bar = self.bars.get(stage)
        if bar is None:
            bar = self.bars[stage] = tqdm(total=total, desc=f"{stage:8s}", unit="item", file=sys.stderr)
        bar.n = done
        bar.refresh()

    def close(self) -> None:
        for bar in self.bars.values():
            bar.close()
        self.bars = {}


class _Cli(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except KgqaError as exc:
            for bars in _progress_bars.live:
                bars.close()
            click.echo(f"Error: {exc}", err=True)
            sys.exit(1)


@click.group(cls=_Cli)
@click.option("-v", "--verbose", is_flag=True, help="Log progress details.")
def main(verbose: bool) -> None:
    """Question answering over ESG reports: exact, cited figures and a queryable graph."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(message)s")


def _report_change(kb, progress=None) -> None:
    if progress:
        progress.close()
    for w in kb.warnings:
        click.echo(f"Warning: {w}", err=True)
    click.echo(f"{kb.changes}.")
    s = kb.stats()
    click.echo(f"{len(s['reports'])} report(s), {s['passages']} passages, {s['triples']} triples in {s['data_dir']}")


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@DATA_DIR
@click.option("--model", default=None, help="Embedding model name or local path.")
def ingest(paths, data_dir, model):
    """Make the knowledge base exactly these report files or folders (default: corpus/); says what it replaces."""
    from .api import KnowledgeBase

    progress = _progress_bars()
    _report_change(KnowledgeBase.build(list(paths) or None, data_dir=data_dir, progress=progress, model=model),
                   progress)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@DATA_DIR
def add(paths, data_dir):
    """Add report files (or update the report of the same name); identical content is a no-op."""
    from .api import KnowledgeBase
    from .errors import KnowledgeBaseNotFound

    progress = _progress_bars()
    try:
        kb = KnowledgeBase.open(data_dir)
    except KnowledgeBaseNotFound:
        kb = None
    kb = kb.add(list(paths), progress=progress) if kb else \
        KnowledgeBase.build(list(paths), data_dir=data_dir, progress=progress)
    _report_change(kb, progress)


@main.command()
@click.argument("report")
@DATA_DIR
def remove(report, data_dir):
    """Remove one report (by its slug, as `kgqa reports` lists it)."""
    _report_change(_kb(data_dir).remove(report))


@main.command()
@DATA_DIR
@click.option("--json", "as_json", is_flag=True, help="Print the reports as JSON.")
def reports(data_dir, as_json):
    """List the reports: company, title, year, pages, passages, figures and warnings."""
    infos = _kb(data_dir).reports()
    if as_json:
        click.echo(json.dumps([r.to_dict() for r in infos], ensure_ascii=False, indent=2))
        return
    cols = ("slug", "company", "year", "pages", "passages", "figures", "warnings")
    rows = [[r.slug, r.company or "?", r.year or "?", r.pages or "?", r.passages,
             "?" if r.figures is None else r.figures, "; ".join(r.warnings)] for r in infos]
    rows = [[str(c) for c in row] for row in rows]
    widths = [min(40, max([len(c)] + [len(r[i]) for r in rows])) for i, c in enumerate(cols)]
    click.echo("  ".join(c.ljust(w) for c, w in zip(cols, widths)).rstrip())
    for r in rows:
        click.echo("  ".join(c[:40].ljust(w) for c, w in zip(r, widths)).rstrip())


@main.command()
@click.argument("question")
@DATA_DIR
@click.option("--json", "as_json", is_flag=True, help="Print the answer object as JSON.")
def ask(question, data_dir, as_json):
    """Answer a question with cited passages."""
    ans = _kb(data_dir).ask(question)
    if as_json:
        click.echo(json.dumps(ans.to_dict(), ensure_ascii=False, indent=2))
        return
    click.echo(ans.text)
    if ans.citations:
        click.echo("\nSources:")
        for c in ans.citations:
            click.echo(f"  [{c.number}] {c.report}, {c.section}, p. {c.page if c.page is not None else '?'} ({c.passage_id})")
    if ans.sparql:
        click.echo("\nSPARQL:\n" + ans.sparql)


@main.command()
@click.argument("query")
@click.option("-k", default=5, show_default=True, help="Number of passages.")
@DATA_DIR
@click.option("--json", "as_json", is_flag=True)
def search(query, k, data_dir, as_json):
    """Search passages (hybrid dense + BM25)."""
    hits = _kb(data_dir).search(query, k=k)
    if as_json:
        click.echo(json.dumps([dict(h.to_dict(), section=h.section) for h in hits], ensure_ascii=False, indent=2))
        return
    for i, h in enumerate(hits, 1):
        click.echo(f"[{i}] {h.score:.4f} {h.report} p.{h.page} {h.section} ({h.passage_id})")
        click.echo("    " + h.text[:300].replace("\n", "\n    "))


@main.command()
@click.argument("query", required=False)
@click.option("--file", "file_", type=click.File("r"), help="Read the query from a file.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table")
@DATA_DIR
def sparql(query, file_, fmt, data_dir):
    """Run a read-only SPARQL query."""
    if file_:
        query = file_.read()
    if not query:
        raise click.UsageError("give a QUERY or --file")
    res = _kb(data_dir).sparql(query)
    if res.type in ("CONSTRUCT", "DESCRIBE"):
        click.echo(res.serialize(format="turtle").decode() if isinstance(res.serialize(format="turtle"), bytes)
                   else res.serialize(format="turtle"))
        return
    if res.type == "ASK":
        click.echo(json.dumps({"boolean": bool(res.askAnswer)}) if fmt == "json" else str(bool(res.askAnswer)).lower())
        return
    vars_ = [str(v) for v in res.vars]
    rows = [[("" if r[v] is None else str(r[v])) for v in res.vars] for r in res]
    if fmt == "json":
        click.echo(json.dumps([dict(zip(vars_, r)) for r in rows], ensure_ascii=False, indent=2))
    elif fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf)
        w.writerow(vars_)
        w.writerows(rows)
        click.echo(buf.getvalue(), nl=False)
    else:
        widths = [min(60, max([len(v)] + [len(r[i]) for r in rows])) for i, v in enumerate(vars_)]
        click.echo("  ".join(v.ljust(w) for v, w in zip(vars_, widths)))
        for r in rows:
            click.echo("  ".join(c[:60].ljust(w) for c, w in zip(r, widths)))
        click.echo(f"({len(rows)} rows)", err=True)


@main.command()
@DATA_DIR
@click.option("--json", "as_json", is_flag=True)
def facts(data_dir, as_json):
    """List every metric observation."""
    for f in _kb(data_dir).facts():
        if as_json:
            click.echo(json.dumps(f, ensure_ascii=False))
        else:
            click.echo(f"{f['report']}\t{f['year']}\t{f['metric']}\t{f['reported_value']}\t{f['reported_unit']}\t{f['entity'] or ''}")


@main.command()
@click.option("--format", "fmt", type=click.Choice(["turtle", "trig", "nquads", "jsonld"]), default="turtle")
@DATA_DIR
def export(fmt, data_dir):
    """Export the knowledge graph."""
    click.echo(_kb(data_dir).export(fmt))


@main.command()
@DATA_DIR
def stats(data_dir):
    """Show what the knowledge base holds."""
    click.echo(json.dumps(_kb(data_dir).stats(), ensure_ascii=False, indent=2))


@main.command()
@DATA_DIR
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to bind; anything but loopback exposes the server to the network.")
@click.option("--port", default=7860, show_default=True, type=click.IntRange(0, 65535))
@click.option("--corpus", "corpus", type=click.Path(path_type=Path), default=None,
              help="Reports to ingest on first start when the knowledge base does not exist yet.")
@click.option("--token", default=None, help="Token for adding and removing reports (default: $KGQA_TOKEN); "
              "needed for writes when the server listens beyond loopback.")
@click.option("--cors", is_flag=False, flag_value="*", default=None, metavar="[ORIGINS]",
              help="Let browser pages from other origins call /sparql and the API: `--cors` allows any, "
                   "`--cors ORIGIN,...` those [default: $KGQA_CORS, empty: off].")
def serve(data_dir, host, port, corpus, token, cors):
    """Serve the chat UI at /, the SPARQL endpoint at /sparql and a JSON API, in one process."""
    import uvicorn
    from .api import KnowledgeBase
    from .errors import KnowledgeBaseNotFound
    from ui.app import create_app

    logging.getLogger("kgqa").setLevel(logging.INFO)
    try:
        kb = KnowledgeBase.open(data_dir)
    except KnowledgeBaseNotFound:
        click.echo("No knowledge base yet: ingesting the corpus first.", err=True)
        kb = KnowledgeBase.build([corpus] if corpus else None, data_dir=data_dir, progress=_progress_bars())
    if host not in ("127.0.0.1", "localhost", "::1"):
        click.echo(f"Warning: binding to {host}: the server is reachable from other machines; adding and "
                   "removing reports needs --token (or KGQA_TOKEN).", err=True)
    app = create_app(kb, host=host, token=token, cors=cors)
    message = f"kgqa: {len(kb.reports)} report(s); open http://{host}:{port}/  (SPARQL: /sparql)"

    class Server(uvicorn.Server):
        async def startup(self, sockets=None):
            await super().startup(sockets=sockets)
            if not self.should_exit:                 # listening now: say where
                click.echo(message, err=True)

    Server(uvicorn.Config(app, host=host, port=port, log_level="info", access_log=True)).run()
