"""Session fixtures: the real reports, parsed once; one real knowledge base (real model, FAISS, graph)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
JSG = CORPUS / "jsg-2024-esg-report.md"
SHELL = CORPUS / "shell-2021-sustainability-report.pdf"
DEV = ROOT.parent / "shared" / "corpus" / "dev"      # the development PDFs (read-only, beside the project)
PROTOCOL_DATA = ROOT / "tests" / "data" / "sparql11-protocol"


@pytest.fixture(scope="session")
def jsg():
    from kgqa.report import parse_report
    return parse_report(JSG)


@pytest.fixture(scope="session")
def shell():
    from kgqa.report import parse_report
    return parse_report(SHELL)


def report_kb(tmp_path_factory, name: str, text: str):
    """A real knowledge base of one report a test writes (`name` is its file name, "acme-2023.md")."""
    from kgqa import KnowledgeBase
    folder = tmp_path_factory.mktemp(Path(name).stem)
    (folder / name).write_text(text, encoding="utf-8")
    return KnowledgeBase.build([folder / name], data_dir=folder / "kb")


@pytest.fixture(scope="session")
def kb_dir(tmp_path_factory):
    from kgqa import KnowledgeBase
    d = tmp_path_factory.mktemp("kb") / "kb"
    KnowledgeBase.build([CORPUS], data_dir=d)
    return d


@pytest.fixture(scope="session")
def kb(kb_dir):
    from kgqa import KnowledgeBase
    return KnowledgeBase.open(kb_dir)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_up(proc: subprocess.Popen, probe_url: str, what: str, seconds: float, params=None) -> None:
    """Wait until a server process we started answers `probe_url` with 200; fail the test if it exits
    or stays silent for `seconds`."""
    deadline = time.time() + seconds
    while time.time() < deadline:
        if proc.poll() is not None:
            out = proc.stdout.read() if proc.stdout else ""
            pytest.fail(f"{what} exited:\n{out if isinstance(out, str) else out.decode(errors='replace')}")
        try:
            if httpx.get(probe_url, params=params, timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    proc.kill()
    pytest.fail(f"{what} did not answer {probe_url} within {seconds:.0f} s")


@pytest.fixture(scope="session")
def server(kb_dir):
    """`kgqa serve` on a free loopback port, with a short SPARQL time limit for the tests."""
    port = _free_port()
    env = dict(os.environ, KGQA_SPARQL_TIMEOUT="3", KGQA_SPARQL_MAX_ROWS="5000")
    proc = subprocess.Popen([sys.executable, "-m", "kgqa", "serve", "--data-dir", str(kb_dir), "--port", str(port)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    wait_until_up(proc, url + "/healthz", "kgqa serve", seconds=120)
    yield url
    proc.terminate()
    proc.wait(10)


def serve_in_thread(app, port: int):
    """A real uvicorn server for `app` on a loopback port, in a thread; returns (server, thread)."""
    import threading

    import uvicorn
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not server.started and time.time() < deadline:
        time.sleep(0.05)
    return server, thread


@pytest.fixture(scope="session")
def protocol_endpoint(tmp_path_factory):
    """The real /sparql router over a throwaway store holding the W3C protocol suite's data1-3 as
    named graphs (loaded through our store API), served on a loopback port."""
    from fastapi import FastAPI

    from kg import GraphStore, OxigraphStore
    from ui import sparql
    graph_dir = tmp_path_factory.mktemp("protocol") / "graph"
    base = "http://kasei.us/2009/09/sparql/data/"
    OxigraphStore.write(graph_dir / "oxigraph",
                        {f"{base}data{i}.rdf": str(PROTOCOL_DATA / f"data{i}.nt") for i in (1, 2, 3)})
    store = GraphStore.load(graph_dir, [])
    app = FastAPI()
    app.include_router(sparql.router(lambda: store, {"sparql_timeout": 5.0, "sparql_max_rows": 1000}))
    port = _free_port()
    server, thread = serve_in_thread(app, port)
    yield f"http://127.0.0.1:{port}/sparql"
    server.should_exit = True
    thread.join(10)
    store.close()
