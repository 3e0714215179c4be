"""Adding a report through the server's state: a good upload joins the knowledge base (only its passages
are embedded) while the old one keeps answering; an empty, binary or oversized upload is refused by
name and the knowledge base stays as it was."""
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


def test_an_uploaded_report_joins_the_knowledge_base(state):
    seen = []
    before = state.kb
    kb = state.add_upload(CONFLICTING_REPORT.encode(), "acme-2024.md",
                          progress=lambda stage, done, total: seen.append(stage))
    assert set(kb.reports) == {"jsg-2024-esg-report", "shell-2021-sustainability-report", "acme-2024"}
    assert state.kb is kb and "embed" in seen and state.version == 1
    assert "acme-2024" not in before.reports                     # the old snapshot was never changed
    config = json.loads((kb.data_dir / kb.generation / "index" / "config.json").read_text())
    assert 0 < config["embedded_now"] < 20                       # only the new report's passages were embedded
    assert "1,250" in kb.ask("What was Acme Corp's electricity consumption in 2024?").text


@pytest.mark.parametrize("name, content, reason", [
    ("bad.txt", b"", "empty"),
    ("bad.txt", bytes(range(256)) * 64, "binary"),
    ("report.exe", b"MZ" * 400, "can be added"),
])
def test_a_bad_upload_is_refused_by_name_and_nothing_changes(state, name, content, reason):
    before = dict(state.kb.reports)
    with pytest.raises(ReportError, match=reason) as err:
        state.add_upload(content, name)
    assert str(err.value).startswith(name) and "/tmp" not in str(err.value)
    assert state.kb.reports == before
    assert KnowledgeBase.open(state.kb.data_dir).reports == before


def test_an_upload_over_the_size_limit_is_refused(state, monkeypatch):
    monkeypatch.setitem(state.settings, "upload_max_bytes", 1000)
    with pytest.raises(ReportError, match="over the 1,000 bytes limit"):
        state.add_upload(CONFLICTING_REPORT.encode() * 10, "big.md")
