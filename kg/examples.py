"""The example SPARQL queries documented in docs/ontology.md (each `### title` followed by a sparql block).

The package carries that document as `kg/ontology.md` (a link to docs/ontology.md in the source tree,
a copy in the wheel), read through importlib.resources so an installed kgqa has its examples."""
from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

BLOCK = re.compile(r"^###[ \t]+(?P<title>[^\n]+?)[ \t]*\n(?:(?!###)[^\n]*\n)*?```sparql\n(?P<query>.*?)```", re.M | re.S)


def example_queries(doc: Path | None = None) -> list[tuple[str, str]]:
    """(title, query) pairs, in document order (the packaged ontology document unless `doc` is given)."""
    source = doc if doc is not None else files("kg") / "ontology.md"
    text = source.read_text(encoding="utf-8")
    return [(m["title"], m["query"].strip()) for m in BLOCK.finditer(text)]
