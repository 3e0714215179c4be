"""BM25 over passages (bm25s), scored against the whole corpus so filters and fusion can use it."""
from __future__ import annotations

import logging

import numpy as np

from .tokenize import tokenize


class LexicalIndex:
    def __init__(self, texts: list[str]):
        import bm25s

        logging.getLogger("bm25s").setLevel(logging.WARNING)
        self.size = len(texts)
        self._bm25 = bm25s.BM25()
        tokens = [tokenize(t) or ["∅"] for t in texts]
        if texts:
            self._bm25.index(tokens, show_progress=False)

    def scores(self, query: str) -> np.ndarray:
        toks = tokenize(query)
        if not toks or not self.size:
            return np.zeros(self.size, dtype=np.float32)
        return np.asarray(self._bm25.get_scores(toks), dtype=np.float32)
