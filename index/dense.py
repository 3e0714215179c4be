"""FAISS vectors: exact inner product for small corpora, HNSW above a configurable size."""
from __future__ import annotations

from pathlib import Path

import numpy as np


def make_index(vectors: np.ndarray, flat_max: int):
    import faiss

    dim = vectors.shape[1]
    if len(vectors) <= flat_max:
        index = faiss.IndexFlatIP(dim)
    else:
        index = faiss.IndexHNSWFlat(dim, 32, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 80
        index.hnsw.efSearch = 128
    if len(vectors):
        index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


def index_kind(index) -> str:
    return "hnsw" if "HNSW" in type(index).__name__ else "flat"


def save(index, path: Path) -> None:
    import faiss
    faiss.write_index(index, str(path))


def load(path: Path):
    import faiss
    return faiss.read_index(str(path))
