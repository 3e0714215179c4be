"""Adding a report through the server: a good file joins the knowledge base (only its passages are
embedded); an empty or binary file is refused and the knowledge base stays as it was."""
from __future__ import annotations

import json
import shutil

import pytest

from kgqa import KnowledgeBase, ReportError
from tests.test_graph import CONFLICTING_REPORT
from ui.state import ServerState


@pytest.fixture
def state(kb_dir, tmp_path):
    copy = tmp_path / "kb"
    shutil.copytree(kb_dir, copy)
    return ServerState(KnowledgeBase.open(copy))


def test_an_uploaded_report_joins_the_knowledge_base(state, tmp_path):
    upload = tmp_path / "upload-1234"              # Gradio keeps uploads under temporary names
    upload.write_text(CONFLICTING_REPORT, encoding="utf-8")
    seen = []
    kb = state.add_report(upload, name="acme-2024.md", progress=lambda stage, done, total: seen.append(stage))
    assert set(kb.reports) == {"jsg-2024-esg-report", "shell-2021-sustainability-report", "acme-2024"}
    assert state.kb is kb and "embed" in seen
    config = json.loads((kb.data_dir / "index" / "config.json").read_text())
    assert 0 < config["embedded_now"] < 20                   # only the new report's passages were embedded
    assert "1,250" in kb.ask("What was Acme Corp's electricity consumption in 2024?").text


@pytest.mark.parametrize("content", [b"", bytes(range(256)) * 64])
def test_an_empty_or_binary_upload_is_refused_and_nothing_changes(state, tmp_path, content):
    before = dict(state.kb.reports)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    with pytest.raises(ReportError):
        state.add_report(bad)
    assert state.kb.reports == before
    assert KnowledgeBase.open(state.kb.data_dir).reports == before


def test_only_text_reports_are_accepted(state, tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    with pytest.raises(ReportError, match="text reports"):
        state.add_report(pdf)
