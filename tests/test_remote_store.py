"""A SPARQL 1.1 server as the graph store (KGQA_SPARQL_STORE): a real `oxigraph serve` process on a
loopback port takes each report's graph by the Graph Store Protocol and answers the knowledge
base's queries over the SPARQL Protocol."""
from __future__ import annotations

import base64
import shutil
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from kg import GraphStore
from kg.build import report_iri
from kgqa import KnowledgeBase, StorageError, StoreUnavailable
from kgqa.qa import templates
from tests.conftest import _free_port, wait_until_up
from tests.test_store import rows


def oxigraph_binary() -> str:
    found = Path(sys.executable).with_name("oxigraph")
    return str(found) if found.exists() else (shutil.which("oxigraph") or pytest.fail(
        "the `oxigraph` server binary is missing: pip install oxigraph"))


@pytest.fixture(scope="module")
def oxigraph_server():
    port = _free_port()
    proc = subprocess.Popen([oxigraph_binary(), "serve", "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    wait_until_up(proc, url + "/query", "oxigraph serve", seconds=30, params={"query": "ASK {}"})
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.fixture
def remote(oxigraph_server, monkeypatch):
    monkeypatch.setenv("KGQA_SPARQL_STORE", oxigraph_server + "/query")
    return oxigraph_server


def test_ingest_puts_each_report_graph_and_the_answers_stay_the_same(remote, kb_dir, kb):
    GraphStore.publish(kb.folder / "graph", list(kb.reports))         # what ingest does with the store set
    graphs = httpx.get(remote + "/query", headers={"Accept": "text/csv"},
                       params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g {} }"}).text.split()[1:]
    assert set(graphs) == {str(report_iri(s)) for s in kb.reports}

    on_server = KnowledgeBase.open(kb_dir)
    assert type(on_server.graph).__name__ == "RemoteStore"
    assert len(on_server.graph) == len(kb.graph)
    for name in ("SUBSIDIARIES", "EVENTS", "TARGET_LABELS"):
        query = getattr(templates, name)
        assert rows(on_server.sparql(query)) == rows(kb.sparql(query))
    question = "How did JSG's gasoline consumption change from 2023 to 2024?"
    here, there = kb.ask(question), on_server.ask(question)
    assert there.route == "graph" and there.text == here.text
    kind, data = on_server.graph.run_isolated("SELECT ?slug WHERE { ?r <https://kgqa.dev/ontology#slug> ?slug }",
                                              "csv", timeout=10)
    assert kind == "SELECT" and sorted(data.decode().split()[1:]) == sorted(kb.reports)
    assert on_server.export("nquads").count("\n") == len(kb.graph)


def test_queries_see_only_this_knowledge_base_graphs(remote, kb_dir, kb):
    GraphStore.publish(kb.folder / "graph", list(kb.reports))
    httpx.put(remote + "/store", params={"graph": "urn:someone-else"}, content=b"<urn:a> <urn:b> <urn:c> .",
              headers={"Content-Type": "application/n-triples"}).raise_for_status()
    on_server = KnowledgeBase.open(kb_dir)
    assert not on_server.sparql("ASK { <urn:a> ?p ?o }").askAnswer
    assert on_server.sparql("ASK { ?s ?p ?o }").askAnswer


def test_a_store_that_is_down_is_named_in_one_line(monkeypatch, kb_dir, kb, tmp_path):
    down = f"http://127.0.0.1:{_free_port()}/query"
    monkeypatch.setenv("KGQA_SPARQL_STORE", down)
    with pytest.raises(StoreUnavailable) as err:
        GraphStore.create(kb.folder / "graph", list(kb.reports))
    assert down in str(err.value) and "\n" not in str(err.value)
    with pytest.raises(StoreUnavailable, match="unreachable"):
        KnowledgeBase.open(kb_dir).sparql("ASK {}")
    r = subprocess.run([sys.executable, "-m", "kgqa", "sparql", "ASK {}", "--data-dir", str(kb_dir)],
                       capture_output=True, text=True, env={**__import__("os").environ, "KGQA_SPARQL_STORE": down})
    assert r.returncode == 1 and down in r.stderr and len(r.stderr.strip().splitlines()) == 1


def test_another_server_needs_its_graph_store_endpoint(monkeypatch):
    monkeypatch.setenv("KGQA_SPARQL_STORE", "http://127.0.0.1:3030/ds/sparql")
    with pytest.raises(StoreUnavailable, match="KGQA_SPARQL_STORE_GRAPHS"):
        GraphStore.load(Path("."), [])


def graphs_on(server: str) -> set[str]:
    return set(httpx.get(server + "/query", headers={"Accept": "text/csv"},
                         params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g {} }"}).text.split()[1:])


def test_the_remote_store_is_written_only_after_the_local_build_succeeded(remote, tmp_path, monkeypatch):
    from tests.test_generations import write_report
    report = write_report(tmp_path, "remote-probe.md", "Probe Widgets Inc.")
    iri = str(report_iri("remote-probe"))
    monkeypatch.setenv("KGQA_TEST_FAULT", "manifest:enospc")          # the local build fails at its last step
    with pytest.raises(StorageError, match="disk is full|No space"):
        KnowledgeBase.build([report], data_dir=tmp_path / "kb")
    assert iri not in graphs_on(remote)                                 # the server was not written ahead
    monkeypatch.delenv("KGQA_TEST_FAULT")
    kb = KnowledgeBase.build([report], data_dir=tmp_path / "kb")
    assert iri in graphs_on(remote)
    assert type(kb.graph).__name__ == "RemoteStore" and kb.sparql("ASK { ?s ?p ?o }").askAnswer


@pytest.fixture
def guarded(oxigraph_server):
    """A loopback proxy in front of the real server that lets a request through only with the
    Authorization header the test expects (oxigraph serve has no authentication of its own)."""
    expected: set[str] = set()

    class Proxy(BaseHTTPRequestHandler):
        def forward(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.headers.get("Authorization") not in expected:
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="graphs"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            r = httpx.request(self.command, oxigraph_server + self.path, content=body,
                              headers={k: v for k, v in self.headers.items() if k.lower() in ("content-type", "accept")})
            self.send_response(r.status_code)
            self.send_header("Content-Type", r.headers.get("content-type", "text/plain"))
            self.send_header("Content-Length", str(len(r.content)))
            self.end_headers()
            self.wfile.write(r.content)

        do_GET = do_POST = do_PUT = forward

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}", expected
    server.shutdown()


@pytest.mark.parametrize("settings, header", [
    ({"KGQA_SPARQL_STORE_TOKEN": "t0ken"}, "Bearer t0ken"),
    ({"KGQA_SPARQL_STORE_USER": "kgqa", "KGQA_SPARQL_STORE_PASSWORD": "pa:ss"},
     "Basic " + base64.b64encode(b"kgqa:pa:ss").decode())], ids=["bearer", "basic"])
def test_a_store_that_needs_credentials_gets_them_from_the_settings(guarded, kb, monkeypatch, settings, header):
    url, expected = guarded
    expected.add(header)
    monkeypatch.setenv("KGQA_SPARQL_STORE", url + "/query")
    monkeypatch.setenv("KGQA_SPARQL_STORE_GRAPHS", url + "/store")
    with pytest.raises(StoreUnavailable, match="refused kgqa's credentials") as err:
        GraphStore.create(kb.folder / "graph", list(kb.reports))
    assert "KGQA_SPARQL_STORE_TOKEN" in str(err.value) and "\n" not in str(err.value)
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    GraphStore.create(kb.folder / "graph", list(kb.reports))
    GraphStore.publish(kb.folder / "graph", list(kb.reports))
    store = GraphStore.load(kb.folder / "graph", list(kb.reports))
    assert len(store) == len(kb.graph)
    assert {str(g) for g in store.graph_names()} >= {str(report_iri(s)) for s in kb.reports}
