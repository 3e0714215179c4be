"""Passage index: sentence-transformers + FAISS, fused with BM25."""
from .embed import load_model, resolve_model_name
from .hybrid import PassageIndex

__all__ = ["PassageIndex", "load_model", "resolve_model_name"]
