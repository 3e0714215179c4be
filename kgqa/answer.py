"""What `ask` returns."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Citation:
    number: int
    passage_id: str
    report: str
    section: str
    page: int | None
    text: str
    score: float = 0.0
    highlights: list[str] = field(default_factory=list)   # the figures or sentences the answer rests on
    page_label: str | None = None   # the printed page ("55", "A") of a PDF passage
    page_index: int | None = None   # its 0-based page in the PDF file (None for a text report)

    @classmethod
    def of(cls, number: int, passage, score: float = 0.0, highlights: list[str] | None = None) -> "Citation":
        """The citation of a passage: where it stands (report, section, printed page) and its text."""
        return cls(number, passage.passage_id, passage.report, passage.section, passage.page, passage.text, score,
                   highlights=list(highlights or []), page_label=getattr(passage, "page_label", None),
                   page_index=getattr(passage, "page_index", None))


@dataclass
class Answer:
    question: str
    text: str
    citations: list[Citation] = field(default_factory=list)
    facts: list[dict[str, Any]] = field(default_factory=list)
    sparql: str | None = None
    route: str = "passage"          # "graph", "passage" or "none"
    answerable: bool = True
    phrased_by: str | None = None   # the LLM that rephrased the text, when the optional phrasing is on

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
