"""End-to-end pipeline benchmark: articles/s per stage and overall, peak RSS, cold start.

Inputs: (1) the bundled sample corpus, scaled up by copying each document with a unique
perturbation (one extra line naming the copy) so that content hashes differ; (2) real articles
from ../shared/data/basil-triplets and allsides-roundups (JSONL `{"url","text"}`). Each run is a
fresh subprocess with a fresh store, so the peak RSS is that run's own.

Wall seconds move with whatever else the shared machine runs, so each input is also run once
more for CPU seconds per stage: the lead embeddings run inline instead of in their thread and
every stage is timed with the process CPU clock (models loaded before the clock starts), which
stays put under load and adds up to the run's CPU time.

    .venv/bin/python bench/pipeline.py [--scale 4] [--real 150]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
CORPUS = ROOT / "examples" / "corpus"

CHILD = r"""
import json, resource, sys, time
t0 = time.perf_counter()
import newsprism
from newsprism.config import Options
t_import = time.perf_counter() - t0
if sys.argv[2] == "cpu":  # stages one after the other, each on the process CPU clock
    import types
    from concurrent.futures import Future
    from newsprism import embed, nlp, pipeline

    class Inline:
        def submit(self, fn, *args):
            done = Future()
            done.set_result(fn(*args))
            return done

    pipeline._embedder = Inline
    pipeline.clock = types.SimpleNamespace(perf_counter=time.process_time)
    nlp.pipeline("en"), nlp.pipeline("fr"), embed._model(), newsprism.langid(["A line to load the models."])
rep = newsprism.analyze(sys.argv[3:], options=Options(db=sys.argv[1], progress=False))
wall = time.perf_counter() - t0
print(json.dumps({"wall": wall, "import": t_import, "events": len(rep.events),
                  "articles": rep.stats["ingest"]["new"], "errors": rep.stats["ingest"]["errors"],
                  "doc_timings": rep.stats["ingest"]["timings"], "corpus_timings": rep.stats["corpus_timings"],
                  "cpu": time.process_time(),
                  "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def run(paths: list[str], db: Path, mode: str = "wall") -> dict:
    load = os.getloadavg()[0]
    out = subprocess.run([sys.executable, "-c", CHILD, str(db), mode, *paths], capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"analyze failed ({out.returncode}): {out.stderr[-3000:]}")
    return {**json.loads(out.stdout.strip().splitlines()[-1]), "load": load}


def run_twice(paths: list[str], db: Path) -> dict:
    """A fresh store, then the same input again on it; then a fresh store timed stage by stage
    on the CPU clock."""
    first = run(paths, db)
    again = run(paths, db)
    cpu = run(paths, db.with_suffix(".cpu.db"), "cpu")
    return {**first, "rerun_wall": again["wall"], "rerun_cpu": again["cpu"],
            "stage_cpu": {**cpu["doc_timings"], **{f"{k} (corpus)": v for k, v in cpu["corpus_timings"].items()}}}


def scaled_corpus(dest: Path, copies: int) -> int:
    n = 0
    for k in range(copies):
        for f in sorted(CORPUS.iterdir()):
            if f.suffix not in (".html", ".txt"):
                continue
            data = f.read_bytes()
            marker = f"\n<!-- copy {k} -->\n" if f.suffix == ".html" else f"\ncopy {k}\n"
            (dest / f"{k:03d}-{f.name}").write_bytes(data + marker.encode())
            n += 1
    return n


def real_corpus(dest: Path, limit: int) -> int:
    rows = []
    for name in ("basil-triplets", "allsides-roundups"):
        path = DATA / name / "clusters.jsonl"
        for line in path.read_text(encoding="utf-8").splitlines():
            c = json.loads(line)
            for a in c.get("articles", []):
                text = a.get("text") or ""
                if len(text) > 200:
                    rows.append({"url": f"{name}/{c['cluster_id']}/{a.get('id', len(rows))}", "text": text})
    rows = rows[:limit]
    (dest / "real.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    return len(rows)


def table(name: str, n: int, r: dict) -> list[str]:
    return [f"| {name} | {n} | {r['articles']} | {r['events']} | {r['load']:.1f} | {r['wall']:.1f} | {r['cpu']:.1f} | "
            f"{r['articles'] / r['wall']:.2f} | {r['articles'] / r['cpu']:.2f} | {r['rss_mb']:.0f} | "
            f"{r['rerun_wall']:.1f} ({r['rerun_cpu']:.1f}) |"]


def stage_rows(r: dict) -> list[str]:
    n = max(r["articles"], 1)
    wall = {**{f"{k} (per document)": v for k, v in r["doc_timings"].items()},
            **{f"{k} (corpus)": v for k, v in r["corpus_timings"].items()}}
    cpu = {k if k in wall else f"{k} (per document)": v for k, v in r["stage_cpu"].items()}
    rows = [f"| {k} | {v:.2f} | {cpu.get(k, 0.0):.2f} | {1000 * cpu.get(k, 0.0) / n:.0f} |" for k, v in wall.items()]
    total = sum(cpu.values())
    rows.append(f"| **all stages** | | **{total:.2f}** | **{1000 * total / n:.0f}** |")
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--scale", type=int, default=4, help="copies of the sample corpus")
    ap.add_argument("--real", type=int, default=150, help="real articles from ../shared/data")
    args = ap.parse_args()
    cmd = "bench/pipeline.py " + " ".join(sys.argv[1:])
    md = [f"## Pipeline end to end\n", f"`.venv/bin/python {cmd.strip()}` · {date.today()} · 2-core CPU "
          f"(load average {os.getloadavg()[0]:.1f} when the run started)\n",
          "Where the time goes: multilingual-e5-small embeddings (newsprism's numpy engine, `embed.runtime`), computed once and kept in the store (each article's "
          "lead in the document phase, `embed`; in the corpus phase, `claim vectors`, the claims that "
          "alignment compares, `claims.texts_to_embed`: those with a partner in another article of the "
          "event that is in another language or shares keywords or an amount; a rerun reads them back), "
          "then spaCy (NER, claim parsing; one pipeline per language), lingua and trafilatura; "
          "`docs/scaling.md` has the profile.\n"]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        ten = tmp / "ten"
        ten.mkdir()
        for f in sorted(p for p in CORPUS.iterdir() if p.suffix in (".html", ".txt"))[:10]:
            (ten / f.name).write_bytes(f.read_bytes())
        t0 = time.perf_counter()
        cold = run([str(ten)], tmp / "cold.db")
        cold_wall = time.perf_counter() - t0
        scaled = tmp / "scaled"
        scaled.mkdir()
        n_scaled = scaled_corpus(scaled, args.scale)
        r_scaled = run_twice([str(scaled)], tmp / "scaled.db")
        results = [("sample corpus ×%d (perturbed copies)" % args.scale, n_scaled, r_scaled)]
        if DATA.is_dir():
            real = tmp / "real"
            real.mkdir()
            n_real = real_corpus(real, args.real)
            results.append(("real articles (basil + allsides)", n_real, run_twice([str(real)], tmp / "real.db")))
        else:
            md.append(f"Real corpora skipped: {DATA} is absent.\n")
    md += [f"Cold start, `analyze` on 10 sample documents in a fresh process (imports and model loads "
           f"included): **{cold_wall:.1f} s** wall, {cold['cpu']:.1f} CPU s (target ≤ 5 s; load average "
           f"{cold['load']:.1f}), of which {cold['import']:.1f} s importing; stage seconds: "
           + ", ".join([f"{k} {v:.1f}" for k, v in cold["doc_timings"].items()]
                       + [f"{k} (corpus) {v:.1f}" for k, v in cold["corpus_timings"].items()]) + ".\n",
           "| input | documents | articles stored | events | load avg | wall s | CPU s | articles/s (wall) | "
           "articles per CPU s | peak RSS MB | rerun, unchanged: wall s (CPU s) |",
           "|---|---|---|---|---|---|---|---|---|---|---|"]
    for name, n, r in results:
        md += table(name, n, r)
    for name, _, r in results:
        cpu = sum(r["stage_cpu"].values()) / max(r["articles"], 1)
        md += ["", f"Per stage, {name}: wall seconds of the run above (`embed` runs in a thread beside the "
                   "next batch's other stages, so document-stage seconds add up to more than the wall time), "
                   "and CPU seconds of the stage-by-stage run. "
                   f"All stages take **{cpu:.2f} CPU s per article**, so 2 fully used cores could do at most "
                   f"**{2 / cpu:.1f} articles/s** (target 20).", "",
               "| stage | wall s | CPU s | CPU ms per article |", "|---|---|---|---|"] + stage_rows(r)
    out = ROOT / "bench" / "results" / "pipeline.md"
    out.write_text("\n".join(md) + "\n", encoding="utf-8")
    print("\n".join(md))


if __name__ == "__main__":
    main()
