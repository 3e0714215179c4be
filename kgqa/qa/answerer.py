"""Answer composition."""
from __future__ import annotations

import re

from kgqa.answer import Answer, Citation
from kgqa.errors import QueryError
from kgqa.report.text import clean_inline
from index.tokenize import tokenize

MAX_QUESTION_CHARS = 2000
SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


def best_sentences(text: str, question: str, n: int = 2) -> list[str]:
    """The sentences or table rows of a passage that share the most terms with the question."""
    q = set(tokenize(question))
    scored = []
    for i, s in enumerate(SENTENCE.split(text)):
        s = s.strip()
        if len(s) < 3:
            continue
        overlap = len(q & set(tokenize(s)))
        scored.append((overlap, -i, s))
    scored.sort(reverse=True)
    chosen = [s for o, _, s in scored[:n] if o > 0]
    return chosen


class QuestionAnswerer:
    def __init__(self, kb):
        self.kb = kb

    def ask(self, question: str) -> Answer:
        if not isinstance(question, str) or not question.strip():
            raise QueryError("empty question: ask something about the loaded reports")
        question = question.strip()[:MAX_QUESTION_CHARS]
        return self.passage_answer(question)

    def passage_answer(self, question: str, k: int = 3) -> Answer:
        hits = self.kb.search(question, k=k)
        citations, parts = [], []
        q_terms = set(tokenize(question))
        for p in hits:
            sentences = best_sentences(p.text, question)
            if not sentences:
                continue
            n = len(citations) + 1
            citations.append(Citation(n, p.passage_id, p.report, p.section, p.page, p.text, p.score))
            parts.append(" ".join(clean_inline(s) for s in sentences) + f" [{n}]")
            if len(parts) >= 2:
                break
        if not citations or not q_terms:
            return Answer(question, "The report does not say: no passage matches the question.", [],
                          route="none", answerable=False)
        return Answer(question, "\n".join(parts), citations, route="passage")
