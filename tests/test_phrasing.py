"""Optional LLM phrasing against a stand-in OpenAI-compatible server on loopback: a faithful
rephrasing is used; one that invents a number, or a server that fails, leaves the deterministic answer."""
from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

QUESTION = "How many litres of gasoline did JSG consume in 2023?"


class StandIn(BaseHTTPRequestHandler):
    reply = ""
    requests: list = []

    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        StandIn.requests.append((self.path, body))
        if StandIn.reply is None:
            self.send_error(500)
            return
        data = json.dumps({"choices": [{"message": {"role": "assistant", "content": StandIn.reply}}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass


@pytest.fixture
def llm(monkeypatch):
    server = ThreadingHTTPServer(("127.0.0.1", 0), StandIn)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    monkeypatch.setenv("KGQA_LLM_URL", f"http://127.0.0.1:{server.server_port}/v1")
    monkeypatch.setenv("KGQA_LLM_MODEL", "stand-in")
    StandIn.requests.clear()
    yield StandIn
    server.shutdown()


def test_off_by_default(kb, monkeypatch):
    monkeypatch.delenv("KGQA_LLM_URL", raising=False)
    assert kb.ask(QUESTION).phrased_by is None


def test_a_faithful_rephrasing_is_used(kb, llm):
    llm.reply = "JSG used 15,080 litres of gasoline in 2023 [1]."
    ans = kb.ask(QUESTION)
    assert ans.text == llm.reply and ans.phrased_by == "stand-in"
    path, body = llm.requests[0]
    assert path == "/v1/chat/completions" and "15,080" in body["messages"][1]["content"]


def test_an_invented_number_keeps_the_deterministic_answer(kb, llm):
    llm.reply = "JSG used about 16,000 litres of gasoline in 2023 [1]."
    ans = kb.ask(QUESTION)
    assert ans.phrased_by is None and "15,080" in ans.text and "16,000" not in ans.text


def test_a_made_up_citation_keeps_the_deterministic_answer(kb, llm):
    llm.reply = "JSG used 15,080 litres of gasoline in 2023 [4]."
    assert kb.ask(QUESTION).phrased_by is None


def test_a_failing_server_keeps_the_deterministic_answer(kb, llm):
    llm.reply = None
    ans = kb.ask(QUESTION)
    assert ans.phrased_by is None and "15,080" in ans.text
