"""Train the transliteration model shipped as `translit.json` (offline, a few minutes on 2 cores).

The model: each foreign character, according to where it stands in the name (start, middle,
end), is written in English as a string of 0..K letters; P(string | character, position) is
estimated by EM over all monotone alignments of Wikidata name pairs (Merhav & Ash 2018, CC0),
initialised towards anyascii's romanisation so EM starts from sensible alignments. Only the
training part is used: `is_heldout` keeps a fifth of English names (by a stable hash) for the
benchmark, so no English name scored there was seen here.

Usage: .venv/bin/python -m newsprism.entities.translit_train [pairs.tsv] [--per-lang N] [--langs ru,zh]
The shipped tables: `--langs ru --per-lang 110000` (all Russian training pairs) and
`--langs ar,zh,he,ko,ja --per-lang 40000`; about 30 CPU-minutes in all.
"""
from __future__ import annotations

import argparse
import json
import random
import zlib
from collections import defaultdict
from pathlib import Path

from anyascii import anyascii

from newsprism.entities import keys
from newsprism.entities.translit import LANGS, MAX_EMIT, MODEL_PATH, REVERSE_EMIT, context_keys

DEFAULT_PAIRS = Path(__file__).resolve().parents[4] / "shared" / "data" / "name-transliteration" / "pairs.tsv"
ITERATIONS = 6
KEEP = 10  # emissions kept per context: the long tail is alignment noise
MIN_PROB = 0.005


def is_heldout(english: str) -> bool:
    """One fifth of English names, chosen by a stable hash, is never seen in training."""
    return zlib.crc32(english.encode("utf-8")) % 5 == 0


def load_pairs(path: Path) -> dict[str, list[tuple[str, str]]]:
    by_lang: dict[str, list[tuple[str, str]]] = defaultdict(list)
    with path.open(encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            lang, foreign, english = line.rstrip("\n").split("\t")
            by_lang[lang].append((foreign, english))
    return by_lang


def _init(pairs: list[tuple[str, str]], k: int, lang: str) -> dict[str, dict[str, float]]:
    """Emission tables biased towards anyascii: EM then only has to refine them."""
    table: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for source, target in pairs:
        for ctx in context_keys(source, lang):
            guess = keys.squash(anyascii(ctx[-1]))
            for n in range(k + 1):
                for j in range(len(target) - n + 1):
                    s = target[j: j + n]
                    t = keys.squash(anyascii(s))
                    table[ctx][s] += 1.0 + (5.0 if s and guess and t and (guess.startswith(t) or t.startswith(guess)) else 0.0)
    return _normalise(table)


def _normalise(table) -> dict[str, dict[str, float]]:
    out = {}
    for ctx, em in table.items():
        total = sum(em.values())
        out[ctx] = {s: c / total for s, c in em.items()}
    return out


def _em_step(pairs, table, k: int, lang: str):
    counts: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    for foreign, english in pairs:
        ctxs = context_keys(foreign, lang)
        n, m = len(ctxs), len(english)
        fwd = [[0.0] * (m + 1) for _ in range(n + 1)]
        fwd[0][0] = 1.0
        for i, ctx in enumerate(ctxs):
            em = table.get(ctx, {})
            row, nxt = fwd[i], fwd[i + 1]
            for j in range(m + 1):
                if row[j]:
                    for d in range(min(k, m - j) + 1):
                        p = em.get(english[j: j + d])
                        if p:
                            nxt[j + d] += row[j] * p
        total = fwd[n][m]
        if total <= 0:
            continue
        bwd = [[0.0] * (m + 1) for _ in range(n + 1)]
        bwd[n][m] = 1.0
        for i in range(n - 1, -1, -1):
            em = table.get(ctxs[i], {})
            row, nxt = bwd[i], bwd[i + 1]
            for j in range(m + 1):
                acc = 0.0
                for d in range(min(k, m - j) + 1):
                    if nxt[j + d]:
                        p = em.get(english[j: j + d])
                        if p:
                            acc += p * nxt[j + d]
                            counts[ctxs[i]][english[j: j + d]] += fwd[i][j] * p * nxt[j + d] / total
                row[j] = acc
    return _normalise(counts)


def train(pairs: list[tuple[str, str]], lang: str, reverse: bool = False,
          iterations: int = ITERATIONS) -> dict[str, dict[str, float]]:
    """Forward table (foreign character -> English letters) or, with `reverse`, the other way."""
    pairs = [(f.lower(), keys.squash(e)) for f, e in pairs]
    pairs = [(f, e) for f, e in pairs if context_keys(f, lang) and e and len(f) <= 20 and len(e) <= 25]
    k = MAX_EMIT[lang]
    if reverse:
        pairs = [(e, "".join(c[-1] for c in context_keys(f, lang))) for f, e in pairs]
        lang, k = "en", REVERSE_EMIT
    table = _init(pairs, k, lang)
    for _ in range(iterations):
        table = _em_step(pairs, table, k, lang)
    pruned = {}
    for ctx, em in table.items():
        best = sorted(em.items(), key=lambda kv: -kv[1])[:KEEP]
        best = [(s, round(p, 4)) for s, p in best if p >= MIN_PROB]
        if best:
            pruned[ctx] = dict(best)
    return pruned


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", nargs="?", default=str(DEFAULT_PAIRS))
    parser.add_argument("--per-lang", type=int, default=40000, help="training pairs per language")
    parser.add_argument("--langs", default=",".join(LANGS))
    parser.add_argument("--out", default=str(MODEL_PATH))
    args = parser.parse_args()
    by_lang = load_pairs(Path(args.pairs))
    out = Path(args.out)
    rng = random.Random(13)
    for lang in args.langs.split(","):
        train_pairs = [p for p in by_lang.get(lang, []) if not is_heldout(p[1])]
        rng.shuffle(train_pairs)
        tables = {direction: train(train_pairs[: args.per_lang], lang, reverse)
                  for direction, reverse in (("emissions", False), ("reverse", True))}
        # Re-read before writing: several languages may be trained by parallel runs.
        model = json.loads(out.read_text(encoding="utf-8")) if out.is_file() else {}
        model["source"] = "Merhav & Ash 2018 Wikidata name pairs (CC0), train part only"
        for direction, table in tables.items():
            model.setdefault(direction, {})[lang] = table
        out.write_text(json.dumps(model, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
        print(lang, len(train_pairs), "training pairs; wrote", out, out.stat().st_size // 1024, "KB", flush=True)


if __name__ == "__main__":
    main()
