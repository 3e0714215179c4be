"""The example SPARQL queries documented in docs/ontology.md (each `### title` followed by a sparql block)."""
from __future__ import annotations

import re
from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "ontology.md"
BLOCK = re.compile(r"^###[ \t]+(?P<title>[^\n]+?)[ \t]*\n(?:(?!###)[^\n]*\n)*?```sparql\n(?P<query>.*?)```", re.M | re.S)


def example_queries(doc: Path = DOC) -> list[tuple[str, str]]:
    """(title, query) pairs, in document order; empty when the docs are not installed."""
    try:
        text = doc.read_text(encoding="utf-8")
    except OSError:
        return []
    return [(m["title"], m["query"].strip()) for m in BLOCK.finditer(text)]
