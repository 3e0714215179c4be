"""Session fixtures: the real reports, parsed once; one real knowledge base (real model, FAISS, graph)."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
JSG = CORPUS / "jsg-2024-esg-report.md"
SHELL = CORPUS / "shell-2021-sustainability-report.md"


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
