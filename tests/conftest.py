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


@pytest.fixture(scope="session")
def jsg():
    from kgqa.report import parse_report
    return parse_report(JSG)


@pytest.fixture(scope="session")
def shell():
    from kgqa.report import parse_report
    return parse_report(SHELL)


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


@pytest.fixture(scope="session")
def server(kb_dir):
    """`kgqa serve` on a free loopback port, with a short SPARQL time limit for the tests."""
    port = _free_port()
    env = dict(os.environ, KGQA_SPARQL_TIMEOUT="3", KGQA_SPARQL_MAX_ROWS="5000")
    proc = subprocess.Popen([sys.executable, "-m", "kgqa", "serve", "--data-dir", str(kb_dir), "--port", str(port)],
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.time() + 120
    while time.time() < deadline:
        if proc.poll() is not None:
            pytest.fail("kgqa serve exited:\n" + proc.stdout.read())
        try:
            if httpx.get(url + "/healthz", timeout=1).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.5)
    else:
        proc.kill()
        pytest.fail("kgqa serve did not answer /healthz within 120 s")
    yield url
    proc.terminate()
    proc.wait(10)
