"""Hybrid retrieval: dense (FAISS) and lexical (BM25) rankings fused by weighted reciprocal rank.

A saved index describes itself (config.json: model, dimension, index kind, passage ids),
so it reloads without guessing and refuses vectors from another model.
"""
from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import numpy as np

from kgqa.errors import IndexCorrupted, ModelMismatch
from kgqa.report.model import Passage
from kgqa.settings import setting

from . import dense
from .embed import embed, embed_query, text_key
from .lexical import LexicalIndex

# Measured on the dev questions (see bench/ and the #4 note): BM25 over stemmed, synonym-expanded
# queries is the stronger ranker for report questions full of figures and names; the dense ranking
# adds paraphrase recall.  Lexical weight 2 (split between whole passages and their best sentence,
# below), dense 1, and a small RRF constant (10) so the top ranks of each list count most.
RRF_K = 10
W_LEXICAL = 1.0
W_DENSE = 1.0
W_GRAPH = 1.0      # the passages holding the figures of the metric the graph matched
# A table passage is a set of rows: scored as a whole it loses to prose on the same subject (its
# figures, codes and years dilute every word).  A third list ranks table passages by their best
# row (the row's label with the table's title and header), so "Scope 1 GHG emissions" in a row
# meets a question about Scope 1 emissions as a sentence would.
W_ROWS = 1.0
# Prose has the same trouble: BM25 over a whole passage averages its sentences, so the one sentence
# that answers, in a long passage on neighbouring matters, loses to short passages that only touch
# the question.  A fourth list ranks prose passages by their best sentence (BM25 over sentences, no
# extra embedding).  It takes half of the lexical weight: measured on the dev sets (recall@5), a
# sentence list added on top of the passage list (2 + 1) lost questions whose answer is a table,
# while 1 + 1 lost none and found two more.
W_SENTENCES = 1.0
CANDIDATES = 200


class PassageIndex:
    def __init__(self, passages: list[Passage], vectors: np.ndarray, faiss_index, model_name: str):
        self.passages = passages
        self.vectors = vectors
        self.faiss = faiss_index
        self.model_name = model_name
        self.lexical = LexicalIndex([p.index_text() for p in passages])
        self.row_owner, row_texts = _table_rows(passages)
        self.rows = LexicalIndex(row_texts)
        self.sentence_owner, sentence_texts = _sentences(passages)
        self.sentences = LexicalIndex(sentence_texts)

    # ---- persistence ----------------------------------------------------------------------
    @classmethod
    def build(cls, passages: list[Passage], out_dir: Path, model_name: str, cache_dir: Path | None = None,
              progress=None, flat_max: int | None = None) -> "PassageIndex":
        out_dir = Path(out_dir)
        out_dir.mkdir(parents=True, exist_ok=True)
        texts = [p.index_text() for p in passages]
        keys = [text_key(t) for t in texts]
        cached = _read_cache(cache_dir, model_name) if cache_dir else {}
        todo = [i for i, k in enumerate(keys) if k not in cached]
        fresh = embed(model_name, [texts[i] for i in todo], progress=progress) if todo else None
        dim = fresh.shape[1] if fresh is not None and len(fresh) else (
            next(iter(cached.values())).shape[0] if cached else embed(model_name, ["x"]).shape[1])
        vectors = np.zeros((len(texts), dim), dtype=np.float32)
        for j, i in enumerate(todo):
            vectors[i] = fresh[j]
        for i, k in enumerate(keys):
            if k in cached:
                vectors[i] = cached[k]
        flat_max = int(setting("flat_max")) if flat_max is None else flat_max
        fi = dense.make_index(vectors, flat_max)
        np.save(out_dir / "embeddings.npy", vectors)
        dense.save(fi, out_dir / "vectors.faiss")
        (out_dir / "config.json").write_text(json.dumps({
            "model": model_name, "dim": int(dim), "kind": dense.index_kind(fi), "count": len(passages),
            "passage_ids": [p.passage_id for p in passages], "text_keys": keys,
            "fusion": {"method": "weighted_rrf", "k": RRF_K, "w_lexical": W_LEXICAL, "w_dense": W_DENSE,
                       "w_rows": W_ROWS, "w_sentences": W_SENTENCES},
            "embedded_now": len(todo)}), encoding="utf-8")
        return cls(passages, vectors, fi, model_name)

    @classmethod
    def open(cls, index_dir: Path, passages: list[Passage], model_name: str) -> "PassageIndex":
        index_dir = Path(index_dir)
        try:
            config = json.loads((index_dir / "config.json").read_text(encoding="utf-8"))
            vectors = np.load(index_dir / "embeddings.npy")
            fi = dense.load(index_dir / "vectors.faiss")
        except Exception as exc:
            raise IndexCorrupted(f"the passage index in {index_dir} is missing or damaged ({type(exc).__name__}): "
                                 "run `kgqa ingest` to rebuild it") from None
        if config.get("model") != model_name:
            raise ModelMismatch(f"the index was built with model {config.get('model')!r}, not {model_name!r}: "
                                "run `kgqa ingest` to rebuild it")
        if config.get("passage_ids") != [p.passage_id for p in passages] or fi.ntotal != len(passages) \
                or vectors.shape[0] != len(passages):
            raise IndexCorrupted(f"the passage index in {index_dir} does not match the stored passages: "
                                 "run `kgqa ingest` to rebuild it")
        return cls(passages, vectors, fi, model_name)

    # ---- search ---------------------------------------------------------------------------
    def mask(self, report=None, company=None, year=None, section=None) -> np.ndarray:
        """The passages the filters allow: a filter is tested once per distinct value, not per passage."""
        m = np.ones(len(self.passages), dtype=bool)
        for name, wanted in (("report", report), ("company", company), ("year", year), ("section", section)):
            if wanted:
                codes, values = self._column(name)
                ok = np.fromiter((_allowed(name, wanted, v) for v in values), dtype=bool, count=len(values))
                m &= ok[codes]
        return m

    def _column(self, name: str) -> tuple[np.ndarray, list]:
        """Each passage's `name` as a number into the list of its distinct values (computed once)."""
        cache = self.__dict__.setdefault("_columns", {})
        if name not in cache:
            number: dict = {}
            codes = np.fromiter((number.setdefault(getattr(p, name), len(number)) for p in self.passages),
                                dtype=np.int64, count=len(self.passages))
            cache[name] = (codes, list(number))
        return cache[name]

    def dense_scores(self, query: str) -> np.ndarray:
        q = embed_query(self.model_name, query)[None, :].copy()
        n = len(self.passages)
        scores = np.full(n, -1.0, dtype=np.float32)
        if not n:
            return scores
        if dense.index_kind(self.faiss) == "flat":
            return self.vectors @ q[0]
        sims, ids = self.faiss.search(q, min(n, CANDIDATES))
        for s, i in zip(sims[0], ids[0]):
            if i >= 0:
                scores[i] = s
        return scores

    def rank(self, query: str, lexical_query: str | None = None, boost: list[str] | None = None,
             **filters) -> list[tuple[int, float]]:
        """Fused ranking; `lexical_query` (e.g. the query plus synonyms) is what BM25 sees, and
        `boost` is a third ranked list of passage ids (e.g. the sources of the metric the
        knowledge graph matched)."""
        lexical_query = lexical_query or query
        lex = self.lexical.scores(lexical_query)
        den = self.dense_scores(query)
        allowed = self.mask(**filters)
        fused = np.zeros(len(self.passages), dtype=np.float64)
        rows = _best_part(len(self.passages), self.row_owner, self.rows, lexical_query)
        sentences = _best_part(len(self.passages), self.sentence_owner, self.sentences, lexical_query)
        for scores, weight, floor in ((lex, W_LEXICAL, 0.0), (den, W_DENSE, -1.0), (rows, W_ROWS, 0.0),
                                      (sentences, W_SENTENCES, 0.0)):
            order = _top(scores, allowed & (scores > floor), CANDIDATES)
            fused[order] += weight / (RRF_K + np.arange(len(order)) + 1)
        if boost:
            position = self._position()
            order = [position[pid] for pid in boost if pid in position and allowed[position[pid]]]
            for r, i in enumerate(order):
                fused[i] += W_GRAPH / (RRF_K + r + 1)
        hits = np.flatnonzero(allowed & (fused > 0))
        order = hits[np.argsort(-fused[hits], kind="stable")]
        return [(int(i), float(fused[i])) for i in order]

    def _position(self) -> dict[str, int]:
        if getattr(self, "_positions", None) is None:
            self._positions = {p.passage_id: i for i, p in enumerate(self.passages)}
        return self._positions

    def neighbours(self, passage_id: str, span: int = 2) -> list[Passage]:
        """The passages printed just before and after one on its page (of its report)."""
        i = self._position().get(passage_id)
        if i is None:
            return []
        me = self.passages[i]
        return [p for p in self.passages[max(0, i - span):i + span + 1]
                if p.passage_id != passage_id and p.report == me.report and p.page == me.page]

    def search(self, query: str, k: int = 5, lexical_query: str | None = None, boost: list[str] | None = None,
               **filters) -> list[Passage]:
        out = []
        for i, s in self.rank(query, lexical_query, boost, **filters)[:k]:
            p = copy.copy(self.passages[i])
            p.score = round(s, 6)
            out.append(p)
        return out


def _allowed(name: str, wanted, value) -> bool:
    """Whether a passage's report, company, year or section passes a filter (names match as substrings)."""
    if name == "year":
        return value == int(wanted)
    if name == "report":
        return wanted == value or wanted.lower() in value.lower()
    return bool(value) and wanted.lower() in value.lower()


def _top(scores: np.ndarray, ok: np.ndarray, limit: int) -> np.ndarray:
    """The indices of the `limit` highest scores where `ok`, highest first, ties in index order: what
    a stable sort of every score, filtered, gives, without sorting them all."""
    idx = np.flatnonzero(ok)
    if len(idx) > limit:
        cut = np.partition(scores[idx], len(idx) - limit)[len(idx) - limit]
        idx = idx[scores[idx] >= cut]
    return idx[np.argsort(-scores[idx], kind="stable")][:limit]


def _table_rows(passages: list[Passage]) -> tuple[np.ndarray, list[str]]:
    """Every row of every table passage as its own text (title and header kept), with its passage."""
    owners: list[int] = []
    texts: list[str] = []
    for i, p in enumerate(passages):
        if p.kind != "table":
            continue
        lines = [l for l in p.text.splitlines() if l.strip()]
        rows = [l for l in lines if "\t" in l or l.lstrip().startswith("|")]
        head = " ".join(l for l in lines[: lines.index(rows[0])]) if rows else " ".join(lines[:1])
        header = rows[0] if rows else ""
        context = f"{p.title or ''} {head} {header}"
        for line in rows[1:]:
            owners.append(i)
            texts.append(f"{context}\n{line}")
    return np.asarray(owners, dtype=np.int64), texts


def _best_part(n: int, owner: np.ndarray, parts: LexicalIndex, query: str) -> np.ndarray:
    """Each passage's best BM25 score among its parts (rows or sentences); 0 for a passage with none."""
    best = np.zeros(n, dtype=np.float32)
    if parts.size:
        np.maximum.at(best, owner, parts.scores(query))
    return best


# a sentence ends at . ! ? ; or : before a capital, a figure or an opening quote or bracket, and at a
# line break (a list item, a heading, a line of a box)
SENTENCE_BREAK = re.compile(r"(?<=[.!?;:])\s+(?=[A-Z0-9\"“(])|\n+")


def _sentences(passages: list[Passage]) -> tuple[np.ndarray, list[str]]:
    """Every sentence (or line) of every passage that is not a table, as its own text, with its passage."""
    owners: list[int] = []
    texts: list[str] = []
    for i, p in enumerate(passages):
        if p.kind == "table":
            continue
        for sentence in SENTENCE_BREAK.split(p.text):
            if sentence.strip():
                owners.append(i)
                texts.append(sentence.strip())
    return np.asarray(owners, dtype=np.int64), texts


def _read_cache(cache_dir: Path, model_name: str) -> dict[str, np.ndarray]:
    try:
        config = json.loads((Path(cache_dir) / "config.json").read_text(encoding="utf-8"))
        if config.get("model") != model_name:
            return {}
        vectors = np.load(Path(cache_dir) / "embeddings.npy")
        return dict(zip(config["text_keys"], vectors))
    except Exception:  # no usable cache: embed everything
        return {}
