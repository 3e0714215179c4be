"""A knowledge base you can trust with your documents: a build killed at any point, two writers at
once, a full disk or a slug collision never leave a data dir that does not open."""
from __future__ import annotations

import os
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kgqa import KnowledgeBase, KnowledgeBaseBusy
from kgqa.store import STAGES

REPORT = """# {company} Sustainability Report 2023

{company} planted trees and reduced its water use across all plants during the year. The company
also trained its staff on safety and published its first climate targets for the decade ahead.

## Environment

| Indicator | 2022 | 2023 |
| --- | --- | --- |
| Electricity consumption (MWh) | 1,100 | {value} |
"""


def write_report(folder: Path, name: str, company: str, value: str = "1,250") -> Path:
    path = folder / name
    path.write_text(REPORT.format(company=company, value=value), encoding="utf-8")
    return path


def cli(*args, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kgqa", *map(str, args)], capture_output=True, text=True,
                          timeout=timeout, env=dict(os.environ, **(env or {})))


@pytest.fixture(scope="module")
def tiny_kb(tmp_path_factory):
    """A knowledge base of one small report (Acme), built once; tests copy it."""
    folder = tmp_path_factory.mktemp("tiny")
    KnowledgeBase.build([write_report(folder, "acme.md", "Acme Widgets Inc.")], data_dir=folder / "kb")
    return folder / "kb"


@pytest.fixture
def data_dir(tiny_kb, tmp_path):
    d = tmp_path / "kb"
    shutil.copytree(tiny_kb, d)
    return d


def error_lines(stderr: str) -> list[str]:
    """What the CLI said besides its progress bars; a known error is one line and no traceback."""
    assert "Traceback" not in stderr, stderr
    return [line for line in stderr.splitlines() if line.strip() and "item" not in line]


def leftovers(d: Path) -> list[str]:
    return sorted(p.name for p in d.iterdir() if p.name.startswith(".build-") or p.name.endswith(".tmp"))


def test_a_slug_collision_never_leaves_a_data_dir_that_does_not_open(data_dir, tmp_path):
    """The old bug: x.md uploaded twice, then another x.md, left the passage index out of step."""
    (tmp_path / "one").mkdir()
    (tmp_path / "two").mkdir()
    first = write_report(tmp_path / "one", "x.md", "Xeno Corp")
    kb = KnowledgeBase.open(data_dir).add([first])
    assert kb.changes.added == ["x"]
    kb = kb.add([first])                                     # the same content again: a no-op that says so
    assert not kb.changes.changed and "already in the knowledge base as x" in str(kb.changes)
    other = write_report(tmp_path / "two", "x.md", "Xylo Ltd", value="9,999")
    kb = kb.add([other])                                     # same name, new content: that report is updated
    assert kb.changes.updated == ["x"]
    reopened = KnowledgeBase.open(data_dir)
    assert sorted(reopened.reports) == ["acme", "x"]
    assert [r.company for r in reopened.reports() if r.slug == "x"] == ["Xylo Ltd"]
    assert len(reopened.passages) == len({p.passage_id for p in reopened.passages})


def test_two_files_with_one_name_in_one_add_get_two_slugs(data_dir, tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    kb = KnowledgeBase.open(data_dir).add([write_report(tmp_path / "a", "r.md", "Alpha Co"),
                                           write_report(tmp_path / "b", "r.md", "Beta Co")])
    assert kb.changes.added == ["r", "r-2"]
    assert {r.slug: r.company for r in KnowledgeBase.open(data_dir).reports()} == {
        "acme": "Acme Widgets Inc.", "r": "Alpha Co", "r-2": "Beta Co"}


def test_adding_a_report_embeds_only_that_report_and_reuses_the_others_files(data_dir, tmp_path):
    before = KnowledgeBase.open(data_dir)
    kb = before.add([write_report(tmp_path, "beta.md", "Beta Widgets Inc.")])
    old_gen, new_gen = data_dir / before.generation, data_dir / kb.generation
    import json
    config = json.loads((new_gen / "index" / "config.json").read_text())
    assert config["embedded_now"] == len(kb.passages) - len(before.passages)
    assert os.path.samefile(old_gen / "graph" / "acme.nt", new_gen / "graph" / "acme.nt")      # linked, not rebuilt
    assert kb.remove("beta").changes.removed == ["beta"]
    assert sorted(KnowledgeBase.open(data_dir).reports) == ["acme"]


@pytest.mark.parametrize("stage", STAGES)
def test_an_add_killed_at_each_stage_leaves_the_old_or_the_new_knowledge_base(data_dir, tmp_path, stage):
    beta = write_report(tmp_path, "beta.md", "Beta Widgets Inc.")
    r = cli("add", beta, "--data-dir", data_dir, env={"KGQA_TEST_FAULT": stage})
    assert r.returncode == -9, r.stderr                      # killed (SIGKILL) at that stage
    reports = sorted(KnowledgeBase.open(data_dir).reports)
    assert reports == (["acme", "beta"] if stage == "switched" else ["acme"])
    r = cli("add", beta, "--data-dir", data_dir)             # the next run finishes the job and tidies up
    assert r.returncode == 0, r.stderr
    assert sorted(KnowledgeBase.open(data_dir).reports) == ["acme", "beta"]
    assert leftovers(data_dir) == []
    assert len([p for p in data_dir.iterdir() if p.name.startswith("gen-")]) <= 2


def test_an_ingest_killed_at_random_moments_always_leaves_a_knowledge_base(data_dir, tmp_path):
    reports = [write_report(tmp_path, f"r{i}.md", f"Company {i} Ltd", value=f"{i},000") for i in range(3)]
    rng = random.Random(13)
    for delay in sorted(rng.uniform(0.5, 9.0) for _ in range(6)):
        proc = subprocess.Popen([sys.executable, "-m", "kgqa", "ingest", *map(str, reports), "--data-dir",
                                 str(data_dir)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.kill()
        proc.wait()
        held = sorted(KnowledgeBase.open(data_dir).reports)
        assert held in (["acme"], ["r0", "r1", "r2"]), (delay, held)


def test_a_second_writer_waits_for_the_first_or_fails_clearly(data_dir, tmp_path):
    beta = write_report(tmp_path, "beta.md", "Beta Widgets Inc.")
    gamma = write_report(tmp_path, "gamma.md", "Gamma Widgets Inc.")
    slow = subprocess.Popen([sys.executable, "-m", "kgqa", "add", str(beta), "--data-dir", str(data_dir)],
                            env=dict(os.environ, KGQA_TEST_FAULT="index:sleep=25"), stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.time() + 120
        while not any(p.name.startswith(".build-") for p in data_dir.iterdir()):
            assert time.time() < deadline and slow.poll() is None
            time.sleep(0.2)
        impatient = cli("add", gamma, "--data-dir", data_dir, env={"KGQA_LOCK_TIMEOUT": "1"})
        assert impatient.returncode == 1
        [line] = error_lines(impatient.stderr)
        assert "being changed by another process" in line
        patient = cli("add", gamma, "--data-dir", data_dir)        # waits for the lock, then adds on top
        assert patient.returncode == 0, patient.stderr
    finally:
        slow.wait(120)
    assert slow.returncode == 0, slow.stderr
    assert sorted(KnowledgeBase.open(data_dir).reports) == ["acme", "beta", "gamma"]   # neither write was lost


def test_the_lock_timeout_is_a_named_error_in_the_api(data_dir, tmp_path, monkeypatch):
    from filelock import FileLock
    monkeypatch.setenv("KGQA_LOCK_TIMEOUT", "0.5")
    with FileLock(str(data_dir / ".lock")):
        with pytest.raises(KnowledgeBaseBusy, match="another process"):
            KnowledgeBase.open(data_dir).remove("acme")


def test_a_full_disk_is_one_line_and_the_knowledge_base_is_unchanged(tiny_kb, tmp_path):
    mount = tmp_path / "small"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", str(mount)]).returncode != 0:
        pytest.skip("needs root to mount a small tmpfs")
    try:
        d = mount / "kb"
        shutil.copytree(tiny_kb, d)
        from tests.conftest import JSG
        r = cli("add", JSG, "--data-dir", d)
        assert r.returncode == 1
        [line] = error_lines(r.stderr)
        assert line.startswith("Error: cannot write the knowledge base") and "disk is full" in line
        assert sorted(KnowledgeBase.open(d).reports) == ["acme"]
        assert leftovers(d) == []
    finally:
        subprocess.run(["umount", str(mount)])


def test_a_disk_full_at_the_switch_is_one_line_too(data_dir, tmp_path):
    r = cli("add", write_report(tmp_path, "beta.md", "Beta Widgets Inc."), "--data-dir", data_dir,
            env={"KGQA_TEST_FAULT": "switch:enospc"})
    assert r.returncode == 1
    [line] = error_lines(r.stderr)
    assert "disk is full" in line
    assert sorted(KnowledgeBase.open(data_dir).reports) == ["acme"]


def test_a_data_dir_of_the_single_folder_layout_still_opens_and_is_upgraded(data_dir, tmp_path):
    gen = data_dir / (data_dir / "CURRENT").read_text().strip()
    for item in gen.iterdir():
        item.rename(data_dir / item.name)
    gen.rmdir()
    (data_dir / "CURRENT").unlink()
    assert sorted(KnowledgeBase.open(data_dir).reports) == ["acme"]
    kb = KnowledgeBase.open(data_dir).add([write_report(tmp_path, "beta.md", "Beta Widgets Inc.")])
    assert sorted(kb.reports) == ["acme", "beta"] and (data_dir / "CURRENT").exists()
    assert not (data_dir / "manifest.json").exists()


def repetitive_table(path: Path, megabytes: float) -> Path:
    rows = [f"| Electricity consumption (MWh) | 1,{i % 1000:03d} | 2,{i % 1000:03d} |"
            for i in range(int(megabytes * 1e6 / 52))]
    path.write_text("# Table Co Sustainability Report 2023\n\nWe report our energy use in the table below.\n\n"
                    "| Indicator | 2022 | 2023 |\n| --- | --- | --- |\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_a_report_over_its_time_budget_is_refused_quickly(data_dir, tmp_path, monkeypatch):
    from kgqa import ReportError
    monkeypatch.setenv("KGQA_REPORT_TIME_LIMIT", "5")
    big = repetitive_table(tmp_path / "table.md", 19)
    start = time.time()
    with pytest.raises(ReportError, match=r"table.md: reading it took over the 5 s limit"):
        KnowledgeBase.open(data_dir).add([big])
    assert time.time() - start < 60
    assert sorted(KnowledgeBase.open(data_dir).reports) == ["acme"] and leftovers(data_dir) == []


def test_a_report_with_too_many_passages_is_refused_before_extraction(data_dir, tmp_path):
    from kgqa import ReportError
    big = repetitive_table(tmp_path / "table.md", 19)
    start = time.time()
    with pytest.raises(ReportError, match=r"table.md: [\d,]+ passages, over the limit of 4,000"):
        KnowledgeBase.open(data_dir).add([big])
    assert time.time() - start < 120
    assert sorted(KnowledgeBase.open(data_dir).reports) == ["acme"]


def test_a_report_over_its_memory_budget_is_refused(data_dir, tmp_path, monkeypatch):
    from kgqa import ReportError
    monkeypatch.setenv("KGQA_REPORT_MEMORY_LIMIT", "400")
    monkeypatch.setenv("KGQA_REPORT_MAX_PASSAGES", "1000000")
    big = repetitive_table(tmp_path / "table.md", 19)
    with pytest.raises(ReportError, match=r"table.md: reading it needed over the 400 MB memory limit"):
        KnowledgeBase.open(data_dir).add([big])
    assert sorted(KnowledgeBase.open(data_dir).reports) == ["acme"]
    small = write_report(tmp_path, "beta.md", "Beta Widgets Inc.")      # the same budget holds a normal report
    assert KnowledgeBase.open(data_dir).add([small]).changes.added == ["beta"]
