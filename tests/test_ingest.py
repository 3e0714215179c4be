"""Ingesting: the knowledge base is built whole or not at all, and bad files get a clear error."""
from __future__ import annotations

import shutil

import pytest

from kgqa import IngestError, KnowledgeBase, KnowledgeBaseNotFound, ReportError

from .conftest import CORPUS

MINIMAL = "Acme Widgets Inc. Sustainability Report 2023\n\n" + \
    "We planted trees and reduced our water use across all plants during the year. " * 8 + "\n"


def test_build_reports_what_it_holds(kb):
    stats = kb.stats()
    assert set(stats["reports"]) == {"jsg-2024-esg-report", "shell-2021-sustainability-report"}
    assert stats["passages"] == len(kb.passages) > 500
    assert stats["triples"] > 1000


def test_reingesting_an_unchanged_corpus_is_a_noop(kb_dir):
    before = (kb_dir / "CURRENT").read_text()
    kb = KnowledgeBase.build([CORPUS], data_dir=kb_dir)
    assert (kb_dir / "CURRENT").read_text() == before and not kb.changes.changed


def test_ingest_says_what_it_replaces(tmp_path, kb_dir):
    d = tmp_path / "kb"
    shutil.copytree(kb_dir, d)
    plain = tmp_path / "plain.txt"
    plain.write_text(MINIMAL)
    kb = KnowledgeBase.build([plain, CORPUS / "jsg-2024-esg-report.md"], data_dir=d)
    assert kb.changes.added == ["plain"] and kb.changes.removed == ["shell-2021-sustainability-report"]
    assert kb.changes.unchanged == ["jsg-2024-esg-report"]


@pytest.mark.parametrize("content, reason", [
    (b"", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 20, "binary"),
    ("Rapport de durabilit\xe9 ".encode("latin-1") * 40, "not UTF-8"),
    (b"   \n\n\t\n", "only whitespace"),
])
def test_bad_files_get_a_clear_error_naming_the_file(tmp_path, content, reason):
    bad = tmp_path / "bad.md"
    bad.write_bytes(content)
    with pytest.raises(ReportError) as err:
        KnowledgeBase.build([bad], data_dir=tmp_path / "kb")
    assert "bad.md" in str(err.value) and reason in str(err.value)
    assert not (tmp_path / "kb").exists()


def test_a_huge_file_is_refused(tmp_path):
    big = tmp_path / "huge.md"
    with open(big, "wb") as f:
        f.write(b"Sustainability report text line.\n" * (50 * 1024 * 1024 // 33))
    with pytest.raises(ReportError, match="huge.md.*MB limit"):
        KnowledgeBase.build([big], data_dir=tmp_path / "kb")


def test_missing_path_and_empty_folder(tmp_path):
    with pytest.raises(ReportError, match="no such file"):
        KnowledgeBase.build([tmp_path / "nope.md"], data_dir=tmp_path / "kb")
    (tmp_path / "empty").mkdir()
    with pytest.raises(IngestError, match="no usable report"):
        KnowledgeBase.build([tmp_path / "empty"], data_dir=tmp_path / "kb")


def test_a_failed_ingest_leaves_the_previous_knowledge_base_intact(tmp_path, kb_dir):
    d = tmp_path / "kb"
    shutil.copytree(kb_dir, d)
    before = sorted(d.iterdir())
    bad = tmp_path / "empty.md"
    bad.write_text("")
    with pytest.raises(ReportError):
        KnowledgeBase.build([bad], data_dir=d)
    assert sorted(d.iterdir()) == before
    assert len(KnowledgeBase.open(d).passages) > 500


def test_a_bad_file_in_a_folder_is_skipped_with_a_warning(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "good.md").write_text(MINIMAL)
    (folder / "broken.md").write_bytes(b"\x00\x01\x02binary")
    kb = KnowledgeBase.build([folder], data_dir=tmp_path / "kb")
    assert list(kb.reports) == ["good"]
    assert any("broken.md" in w for w in kb.warnings)


def test_a_report_with_no_headings_or_tables_still_ingests(tmp_path):
    f = tmp_path / "plain.txt"
    f.write_text(MINIMAL)
    kb = KnowledgeBase.build([f], data_dir=tmp_path / "kb")
    hits = kb.search("water use", k=1)
    assert hits and "water use" in hits[0].text


def test_open_without_a_knowledge_base_says_to_ingest(tmp_path):
    with pytest.raises(KnowledgeBaseNotFound, match="kgqa ingest"):
        KnowledgeBase.open(tmp_path / "nothing")
