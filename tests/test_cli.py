"""The CLI mirrors the API; known errors are one line and a non-zero exit."""
from __future__ import annotations

import json
import subprocess
import sys


def run(*args):
    return subprocess.run([sys.executable, "-m", "kgqa", *args], capture_output=True, text=True, timeout=300)


def test_search_and_ask_json(kb_dir):
    r = run("search", "total greenhouse gas emissions", "-k", "2", "--json", "--data-dir", str(kb_dir))
    assert r.returncode == 0, r.stderr
    hits = json.loads(r.stdout)
    assert len(hits) == 2 and {"passage_id", "section", "page", "score", "text"} <= set(hits[0])
    r = run("ask", "How much municipal water did JSG purchase in 2024?", "--json", "--data-dir", str(kb_dir))
    assert r.returncode == 0, r.stderr
    ans = json.loads(r.stdout)
    assert ans["citations"] and "answerable" in ans


def test_sparql_csv(kb_dir):
    r = run("sparql", "PREFIX esg: <https://kgqa.dev/ontology#> SELECT ?slug WHERE { ?r esg:slug ?slug } ORDER BY ?slug",
            "--format", "csv", "--data-dir", str(kb_dir))
    assert r.returncode == 0, r.stderr
    assert r.stdout.splitlines() == ["slug", "jsg-2024-esg-report", "shell-2021-sustainability-report"]


def test_known_errors_are_one_line_without_traceback(tmp_path, kb_dir):
    r = run("ask", "anything", "--data-dir", str(tmp_path / "none"))
    assert r.returncode == 1 and "kgqa ingest" in r.stderr and "Traceback" not in r.stderr
    r = run("ingest", str(tmp_path / "missing.md"), "--data-dir", str(tmp_path / "kb"))
    assert r.returncode == 1 and "missing.md: no such file" in r.stderr and "Traceback" not in r.stderr
    r = run("sparql", "DELETE WHERE { ?s ?p ?o }", "--data-dir", str(kb_dir))
    assert r.returncode == 1 and "read-only" in r.stderr
