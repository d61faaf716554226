"""Scale benchmark: how cost and memory grow with the corpus, the Ray engine, cold start.

Inputs are real article texts from ../shared/data (basil-triplets, allsides-roundups, wikiref220,
semeval2022-task8: about 2,600 distinct texts in 8 languages), written as JSONL. Larger corpora
re-use them: copy k of a text is perturbed (its publication date moves k × 97 days, one
paragraph is dropped or an edition line added) so content hashes differ and copies land in
other events, like a multi-year archive, instead of inflating a few giant events.

Every measurement runs in a fresh subprocess and reports its own peak RSS (getrusage in the
child), CPU seconds and wall seconds. The machine is shared: the load average is printed beside
every number, and CPU seconds per article, which contention barely changes, are reported with
the wall-clock rates. Sizes run smallest first inside a time budget; a size whose projected time
does not fit is not run but extrapolated from the measured curve, and marked so.

Stored-corpus sizes past what the document phase can process here (1k-100k) are made of the
largest measured run's articles, copied with new ids and moved dates, and analysed by the
streamed corpus phase in a fresh process whose RSS is sampled per step; beside it, the memory of
loading every article at once (how the corpus phase started before it streamed).

Peers: the local engine is the reference for the Ray engine (overhead, 1 vs 2 workers), and
trafilatura alone (extraction only, the floor any full pipeline sits under) gives the cost of
the cheapest stage for scale.

    .venv/bin/python bench/scale.py [--sizes 10,25,100,1000,10000,100000] [--budget-min 14] [--ray-n 24]
                                    [--store-sizes 1000,10000,100000]
    .venv/bin/python bench/scale.py --ray-only [--ray-n 24] [--ray-repeats 2]   # the Ray section alone
"""
from __future__ import annotations

import argparse
import json
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "bench" / "results" / "scale.md"
# The store section for sizes past the whole run's budget (`--store-only`), kept in its own file
# so a whole run does not overwrite it; scale.md embeds it (bench/collect.py skips `<name>-*.md`).
APART = ROOT / "bench" / "results" / "scale-100k.md"
APART_TITLE = "### Store at scale, run apart"
RAY_TITLE = "### Ray engine vs local engine"
PLOT = ROOT / "docs" / "cost-vs-size.png"
SHIFT_DAYS = 97  # per copy: beyond any same-event time window, and not a round number of weeks
COLD_RUNS = 3  # cold starts vary by a few tenths of a second with the page cache and stray daemons

CHILD = r"""
import json, os, resource, sys, time
args = json.loads(sys.argv[1])
t0 = time.perf_counter()
from newsprism import pipeline
from newsprism.config import Options
from newsprism.store import Store
t_import = time.perf_counter() - t0

def usage():
    me = resource.getrusage(resource.RUSAGE_SELF)
    return {"cpu": me.ru_utime + me.ru_stime, "rss_mb": me.ru_maxrss / 1024}

opts = Options(db=args["db"], engine=args["engine"], ray_workers=args["workers"], progress=False,
               batch_size=args.get("batch", 32))
out = {"import": t_import}
with Store(opts.db) as store:
    if args.get("warm"):  # model loads (and Ray start-up) paid here, outside the timed phase
        t = time.perf_counter()
        if args["engine"] == "ray":
            from newsprism.scale import start
            start(opts)
            out["ray_start"] = time.perf_counter() - t
        pipeline.ingest([args["warm"]], store, opts)
        out["warm"] = time.perf_counter() - t
    c0, t = usage()["cpu"], time.perf_counter()
    stats = pipeline.ingest(args["paths"], store, opts)
    out.update(doc_wall=time.perf_counter() - t, doc_cpu=usage()["cpu"] - c0,
               doc_rss_mb=usage()["rss_mb"], ingest=stats)
    if args.get("corpus", True):
        c0, t = usage()["cpu"], time.perf_counter()
        rep = pipeline.analyze_corpus(store, opts)
        out.update(corpus_wall=time.perf_counter() - t, corpus_cpu=usage()["cpu"] - c0,
                   corpus_timings=rep.stats["corpus_timings"], events=len(rep.events))
if args["engine"] == "ray":
    from newsprism.scale import shutdown
    shutdown()
out.update(wall=time.perf_counter() - t0, **usage())
print(json.dumps(out))
"""

INDEX_CHILD = r"""
import json, resource, sys, time
import numpy as np
from newsprism.events.index import EventIndex
from newsprism.events.features import Profile
n, path, mode = int(sys.argv[1]), sys.argv[2], sys.argv[3]
if mode == "build":
    rng = np.random.default_rng(0)
    index, empty = EventIndex(), Profile(lang="en", day=None, names=(), places=(), numbers=())
    t = time.perf_counter()
    for s in range(0, n, 10000):
        v = rng.standard_normal((min(10000, n - s), index.ndim)).astype(np.float32)
        v /= np.linalg.norm(v, axis=1, keepdims=True)
        index.add_many(v, [empty] * len(v), [f"a{s + i}" for i in range(len(v))])
    build = time.perf_counter() - t
    index.save(path)
    print(json.dumps({"build": build}))
elif mode == "parts":  # what a load costs when each file is read once
    from pathlib import Path
    from usearch.index import Index
    t = time.perf_counter()
    ann = Index(ndim=384, metric="cos", dtype="f16")
    ann.load(path)
    t_ann = time.perf_counter() - t
    t = time.perf_counter()
    meta = json.loads(Path(path + ".events.json").read_text(encoding="utf-8"))
    t_json = time.perf_counter() - t
    t = time.perf_counter()
    for f in Path(path).parent.glob(Path(path).name + ".vectors.*"):  # npy, or npz of several arrays
        data = np.load(f)
        arrays = [data[k] for k in data.files] if f.suffix == ".npz" else [data]
    t_npz = time.perf_counter() - t
    q = np.random.default_rng(1).standard_normal((200, 384)).astype(np.float32)
    t = time.perf_counter()
    for v in q:
        ann.search(v / np.linalg.norm(v), 8)
    print(json.dumps({"ann": t_ann, "json": t_json, "npz": t_npz,
                      "search_ms": (time.perf_counter() - t) / len(q) * 1000}))
else:
    t = time.perf_counter()
    index = EventIndex.load(path)
    print(json.dumps({"load": time.perf_counter() - t,
                      "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

STORE_CHILD = r"""
import json, re, resource, sys, time
from datetime import date, timedelta
from pathlib import Path
from newsprism.records import content_id, to_dict
from newsprism.scale import merge_shards, shard_paths, write_shard
from newsprism.store import Store, article_from_dict
src, n, folder, db, mode, shift = sys.argv[1], int(sys.argv[2]), Path(sys.argv[3]), sys.argv[4], sys.argv[5], int(sys.argv[6])

def usage():
    me = resource.getrusage(resource.RUSAGE_SELF)
    return me.ru_utime + me.ru_stime, me.ru_maxrss / 1024

def moved(day, k):
    m = re.match(r"\d{4}-\d\d-\d\d", day or "")
    return (date.fromisoformat(m[0]) + timedelta(days=shift * k)).isoformat() + day[10:] if m else day

if mode == "shard":  # n stored articles made from the measured ones, via shards
    with Store(src, readonly=True) as store:
        base = [(a.id, json.dumps(to_dict(a), ensure_ascii=False)) for a in store.articles(status="ok")]
        vectors = dict(store.vectors(r[0] for r in store.db.execute("SELECT key FROM vectors")))
    t, batch = time.perf_counter(), []
    for i in range(n):
        k, j = divmod(i, len(base))
        aid, rec = base[j]
        new = content_id(f"{aid}/{i}")  # every reference to the article (mentions, claims) follows
        a = article_from_dict(json.loads(rec.replace(aid, new)))
        a.source, a.published = f"{a.source}/{i}", moved(a.published, k)
        batch.append(a)
        if len(batch) == 1000 or i == n - 1:
            write_shard(batch, folder / f"{i:08d}.parquet")
            batch = []
    t_write = time.perf_counter() - t
    t = time.perf_counter()
    with Store(db) as store:
        stats = merge_shards(shard_paths(folder), store)
        store.put_vectors(vectors)  # copies share the texts, so their vectors: nothing to embed
    print(json.dumps({"write": t_write, "merge": time.perf_counter() - t, "new": stats["new"],
                      "shard_mb": sum(f.stat().st_size for f in folder.glob("*.parquet")) / 2**20,
                      "db_mb": Path(db).stat().st_size / 2**20}))
elif mode == "load":  # how the corpus phase started before it streamed: every article in memory
    t = time.perf_counter()
    with Store(db, readonly=True) as store:
        arts = {a.id: a for a in store.articles(status="ok")}
    print(json.dumps({"load": time.perf_counter() - t, "n": len(arts), "rss_mb": usage()[1]}))
else:  # the corpus phase as it runs now
    from newsprism import pipeline
    from newsprism.config import Options
    c0, t = usage()[0], time.perf_counter()
    step = lambda name: print("step", json.dumps(name), flush=True)  # the parent times each step's memory
    with Store(db) as store:
        rep = pipeline.analyze_corpus(store, Options(db=db, progress=False), step=step, keep=False)
    cpu, rss = usage()
    print(json.dumps({"analyze": time.perf_counter() - t, "analyze_cpu": cpu - c0, "analyze_rss_mb": rss,
                      "events": rep.stats["events"], "timings": rep.stats["corpus_timings"]}))
"""


def load_avg() -> float:
    return os.getloadavg()[0]


def child(args: dict, timeout: float | None = None) -> dict:
    out = subprocess.run([sys.executable, "-c", CHILD, json.dumps(args)], capture_output=True, text=True,
                         timeout=timeout, cwd=ROOT)
    if out.returncode != 0:
        raise RuntimeError(out.stderr[-2000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


# -- corpus ------------------------------------------------------------------------------------
def real_texts() -> list[dict]:
    """Distinct real articles: text plus the publication date when the data set gives one."""
    rows: list[dict] = []
    for name in ("basil-triplets", "allsides-roundups"):
        for line in (DATA / name / "clusters.jsonl").read_text(encoding="utf-8").splitlines():
            c = json.loads(line)
            for a in c["articles"]:
                rows.append({"text": a["text"], "date": (a.get("date") or c.get("date") or "")[:10]})
    for line in (DATA / "wikiref220" / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        rows.append({"text": json.loads(line)["text"], "date": ""})
    seen = set()
    for line in (DATA / "semeval2022-task8" / "pairs.jsonl").read_text(encoding="utf-8").splitlines():
        p = json.loads(line)
        for side in ("a", "b"):
            if p[side]["id"] not in seen:
                seen.add(p[side]["id"])
                rows.append({"text": p[side]["text"], "date": ""})
    rows = [r for r in rows if len(r["text"].strip()) >= 200]
    base = date(2019, 1, 1)
    for i, r in enumerate(rows):  # undated sets get a spread of plausible dates
        if not re.fullmatch(r"\d{4}-\d\d-\d\d", r["date"]):
            r["date"] = (base + timedelta(days=i % 730)).isoformat()
    return rows


def perturb(row: dict, k: int) -> dict:
    """Copy k of a real article: another date, and a text that hashes differently."""
    day = date.fromisoformat(row["date"]) + timedelta(days=SHIFT_DAYS * k)
    text = row["text"]
    if k:
        paras = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
        if len(paras) >= 4:
            del paras[1 + k % (len(paras) - 1)]
            text = "\n\n".join(paras)
        else:
            text = f"{text}\n\nEdition {k}, {day.isoformat()}."
    return {"text": text, "date": day.isoformat()}


def write_corpus(rows: list[dict], n: int, path: Path, offset: int = 0) -> Path:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(offset, offset + n):
            k, j = divmod(i, len(rows))
            doc = perturb(rows[j], k)
            fh.write(json.dumps({"url": f"https://bench.example/{i}", **doc}, ensure_ascii=False) + "\n")
    return path


# -- measurements ------------------------------------------------------------------------------
def run_size(rows: list[dict], n: int, tmp: Path) -> dict:
    """One size end to end, then the same command again on the unchanged corpus in a fresh
    process: the rerun skips every document and reads its vectors from the store."""
    src = write_corpus(rows, n, tmp / f"c{n}.jsonl")
    load = load_avg()
    args = {"db": str(tmp / f"s{n}.db"), "engine": "local", "workers": 1, "paths": [str(src)]}
    r = child(args)
    again = child(args)
    r.update(n=n, load=load, measured=True, rerun_wall=again["wall"], rerun_cpu=again["cpu"])
    return r


def project(points: list[dict], n: int) -> dict:
    """Cost at size n from the measured points: document phase linear, corpus phase a power law
    fitted on the two largest sizes. Memory is filled in later from the store section (small runs
    mostly measure model loads, which differ with the languages met, not corpus growth)."""
    points = [p for p in points if p["measured"]]
    a, b = points[-2:] if len(points) > 1 else (None, points[-1])
    doc = b["doc_wall"] / b["n"] * n
    if a and a["corpus_wall"] > 0 and b["corpus_wall"] > 0:
        p = math.log(b["corpus_wall"] / a["corpus_wall"]) / math.log(b["n"] / a["n"])
    else:
        p = 1.0
    p = max(p, 1.0)
    corpus = b["corpus_wall"] * (n / b["n"]) ** p
    return {"n": n, "doc_wall": doc, "corpus_wall": corpus, "wall": doc + corpus + b["import"],
            "rss_mb": b["rss_mb"], "doc_rss_mb": b["doc_rss_mb"], "exponent": p, "measured": False}


def project_memory(points: list[dict], stored: list[dict]) -> None:
    """Peak RSS of extrapolated sizes: the corpus phase's peak measured on a store of that size
    (store section), or the document phase's when that is higher; none without a measurement."""
    at = {r["n"]: r for r in stored if not r.get("skipped")}
    for p in points:
        if not p["measured"] and p["n"] in at:
            p["rss_mb"] = max(p["doc_rss_mb"], at[p["n"]]["analyze_rss_mb"])
            p["rss_from_store"] = True


def ray_runs(rows: list[dict], n: int, tmp: Path, repeats: int) -> list[tuple[str, dict]]:
    """Same input, document phase only (the corpus phase runs in the driver for both engines);
    model loads and Ray start-up happen on a warm-up file first and are reported apart. The
    configurations alternate `repeats` times and each keeps its fastest run, the usual way to
    read through the load of a shared machine."""
    warm = write_corpus(rows, 8, tmp / "warm.jsonl", offset=len(rows) * 50)
    src = write_corpus(rows, n, tmp / "ray.jsonl", offset=len(rows) * 60)
    configs = (("local engine", "local", 1), ("Ray, 1 worker", "ray", 1), ("Ray, 2 workers", "ray", 2))
    best: dict[str, dict] = {}
    for rep in range(repeats):
        for name, engine, workers in configs:
            load = load_avg()
            r = child({"db": str(tmp / f"ray-{engine}-{workers}-{rep}.db"), "engine": engine, "workers": workers,
                       "paths": [str(src)], "warm": str(warm), "corpus": False, "batch": 16 * workers})
            r.update(load=load, engine=engine, workers=workers, runs=[r["doc_wall"]] + best.get(name, {}).get("runs", []))
            if name not in best or r["doc_wall"] < best[name]["doc_wall"]:
                best[name] = r
            else:
                best[name]["runs"] = r["runs"]
    return [(name, best[name]) for name, *_ in configs]


def _burn(seconds: float) -> float:
    t, w = time.process_time(), time.perf_counter()
    while time.process_time() - t < seconds:
        pass
    return time.perf_counter() - w


def machine_ceiling(seconds: float = 2.0) -> float:
    """What 2 processes buy over 1 on this machine right now: the same CPU-bound loop in one
    process, then in two at once. On an idle 2-core machine this is ~2.0; it bounds any
    2-worker speed-up measured here."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(2) as pool:
        one = pool.submit(_burn, seconds).result()
        two = max(pool.map(_burn, [seconds, seconds]))
    return 2 * one / two


def cold_start(rows: list[dict], tmp: Path) -> dict:
    folder = tmp / "cold"
    folder.mkdir()
    for i in range(10):
        (folder / f"a{i}.txt").write_text(perturb(rows[i * 37 % len(rows)], 0)["text"], encoding="utf-8")
    load = load_avg()
    walls = []
    for k in range(COLD_RUNS):  # each run a fresh process and a fresh store: every run is a cold start
        t = time.perf_counter()
        subprocess.run([str(ROOT / ".venv" / "bin" / "newsprism"), "analyze", str(folder), "--db",
                        str(tmp / f"cold{k}.db"), "--report", str(tmp / "cold.html"), "--quiet"],
                       cwd=ROOT, capture_output=True, check=False)
        walls.append(time.perf_counter() - t)
    wall = statistics.median(walls)
    # the same in-process, to split imports, first-document model loads and the corpus phase
    r = child({"db": str(tmp / "cold-split.db"), "engine": "local", "workers": 1, "paths": [str(folder)]})
    return {"wall": wall, "walls": walls, "load": load,
            **{k: r[k] for k in ("import", "doc_wall", "corpus_wall", "ingest")}}


def trafilatura_floor(rows: list[dict], n: int) -> float:
    """Articles/s of trafilatura's extraction alone on the same texts wrapped as minimal pages."""
    import html

    import trafilatura

    pages = [f"<html><body><article>{''.join(f'<p>{html.escape(p)}</p>' for p in r['text'].split(chr(10)) if p.strip())}"
             f"</article></body></html>" for r in rows[:n]]
    t = time.perf_counter()
    for p in pages:
        trafilatura.extract(p)
    return len(pages) / (time.perf_counter() - t)


def index_load(n: int, tmp: Path, timeout: float, skip_full: bool = False) -> dict:
    """Build a persisted EventIndex of n events (random centroids), then load it in fresh
    processes: once through `EventIndex.load`, once file by file (ANN graph, JSON, vectors)."""
    path = tmp / f"idx{n}.usearch"

    def run(mode: str) -> dict:
        try:
            out = subprocess.run([sys.executable, "-c", INDEX_CHILD, str(n), str(path), mode], capture_output=True,
                                 text=True, cwd=ROOT, timeout=timeout)
        except subprocess.TimeoutExpired:
            return {"timeout": timeout}
        if out.returncode != 0:
            return {"error": (out.stderr.strip().splitlines() or ["failed"])[-1]}
        return json.loads(out.stdout.strip().splitlines()[-1])

    r = {"n": n, **run("build")}
    if "build" not in r:
        return r
    r["mb"] = sum(f.stat().st_size for f in tmp.glob(f"idx{n}.usearch*")) / 2**20
    r["parts"] = run("parts")
    r["full"] = run("load") if not skip_full else {"skipped": True}
    return r


def store_scale(src_db: Path, sizes: list[int], tmp: Path, deadline: float, load_max: int) -> list[dict]:
    """Stored-corpus sizes past what the document phase can process here: the articles measured
    above, copied with new ids (copy k dated k × SHIFT_DAYS later, so copies form events of their
    own) through Parquet shards into a store, then analysed by `pipeline.analyze_corpus` in a fresh
    process. Up to `load_max` articles, also the memory of loading them all, as the corpus phase
    did before it streamed."""
    out: list[dict] = []
    for n in sizes:
        if out:
            last = out[-1]
            # the store must be filled and its light records clustered for the peak to show
            light = sum(v for k, v in last["timings"].items() if k not in ("time", "claims")) or last["analyze"]
            guess = (last["write"] + last["merge"] + light + last.get("load", 0)) * n / last["n"] * 1.3
            if time.perf_counter() + guess > deadline:
                out.append({"n": n, "skipped": True})
                continue
        folder, db = tmp / f"shards{n}", tmp / f"store{n}.db"
        folder.mkdir()
        args = [sys.executable, "-c", STORE_CHILD, str(src_db), str(n), str(folder), str(db)]

        def run(mode: str) -> dict:
            done = subprocess.run(args + [mode, str(SHIFT_DAYS)], capture_output=True, text=True, cwd=ROOT)
            if done.returncode != 0:
                raise RuntimeError(done.stderr[-2000:])
            return json.loads(done.stdout.strip().splitlines()[-1])

        row = {"n": n, "load_avg": load_avg(), **run("shard")}
        if n <= load_max:
            row.update(run("load"))
        row.update(watch(args + ["analyze", str(SHIFT_DAYS)], deadline))
        out.append(row)
        print("store", out[-1], flush=True)
        db.unlink()
        for f in folder.iterdir():
            f.unlink()
    return out


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def watch(cmd: list[str], deadline: float) -> dict:
    """Run the corpus-phase child, sampling its RSS twice a second, per step it announces. Past
    the deadline it is stopped: memory peaks once entities and events hold the light records
    and then only adds one event at a time, so a run stopped during the per-event loop has
    already shown its peak (the row says where it stopped)."""
    t0, peak, steps, step = time.perf_counter(), 0.0, {}, "start"
    with tempfile.TemporaryFile("w+") as out:
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.DEVNULL, text=True, cwd=ROOT)
        while proc.poll() is None:
            try:
                rss = _rss_mb(proc.pid)
            except OSError:
                break
            out.seek(0)
            lines = [json.loads(x[5:]) for x in out.read().splitlines() if x.startswith("step ")]
            step = lines[-1] if lines else step
            steps[step] = max(steps.get(step, 0.0), rss)
            peak = max(peak, rss)
            if time.perf_counter() > deadline:
                proc.kill()
                proc.wait()
                return {"analyze": time.perf_counter() - t0, "analyze_rss_mb": peak, "stopped_in": step,
                        "step_rss_mb": steps, "events": 0, "analyze_cpu": float("nan"), "timings": {}}
            time.sleep(0.5)
        out.seek(0)
        lines = out.read().strip().splitlines()
    if proc.returncode != 0 or not lines:
        raise RuntimeError(f"corpus phase child failed ({proc.returncode})")
    return {**json.loads(lines[-1]), "step_rss_mb": steps}


def _store_section(rows: list[dict]) -> list[str]:
    md = ["### Store at scale: Parquet shards → SQLite, and the corpus phase's memory\n",
          "Processed articles from the largest measured run, copied with new ids to reach each size (copy k "
          f"dated k × {SHIFT_DAYS} days later, so copies form events of their own; copies share the "
          "originals' texts, so their vectors are copied too and nothing is embedded), written as Parquet "
          "shards of 1,000 (`newsprism.scale.write_shard`), merged into a fresh store (`merge_shards`), "
          "then analysed in a fresh process by `pipeline.analyze_corpus` (models loaded on first use, "
          "their memory included). \"all loaded\" is how the corpus phase started before it streamed: "
          "every stored article in one dict.\n",
          "| stored articles | load avg | shards MB | write shards articles/s | merge into SQLite articles/s | "
          "SQLite MB | events | corpus phase wall s (CPU s) | corpus phase peak RSS MB (target ≤ 1536, flat) | "
          "before: RSS with all loaded MB |", "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        if r.get("skipped"):
            md.append(f"| {r['n']:,} | not run (time budget) | | | | | | | | |")
            continue
        before = f"{r['rss_mb']:.0f}" if "rss_mb" in r else "not run"
        events = f"{r['events']:,}" if r["events"] else ""
        cost = (f"stopped after {r['analyze']:.0f} (time budget), in \"{r['stopped_in']}\"" if "stopped_in" in r
                else f"{r['analyze']:.0f} ({r['analyze_cpu']:.0f})")
        md.append(f"| {r['n']:,} | {r['load_avg']:.0f} | {r['shard_mb']:.0f} | {r['n'] / r['write']:.0f} | "
                  f"{r['n'] / r['merge']:.0f} | {r['db_mb']:.0f} | {events} | {cost} | "
                  f"**{r['analyze_rss_mb']:.0f}** | {before} |")
    measured = [r for r in rows if not r.get("skipped")]
    md += ["", "Peak RSS (sampled every 0.5 s) while each corpus step ran, MB:", ""]
    for r in measured:
        md.append(f"* {r['n']:,} stored: " + ", ".join(f"{k} {v:.0f}" for k, v in r["step_rss_mb"].items()))
    done = [r for r in measured if r["timings"]]
    if done:
        big = done[-1]
        md += ["", f"Corpus phase per step at {big['n']:,} stored articles (wall s): "
               + ", ".join(f"{k} {v:.1f}" for k, v in big["timings"].items()) + "."]
    return md + [""]


# -- report ------------------------------------------------------------------------------------
def plot(points: list[dict], stored: list[dict]) -> None:
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    measured = [p for p in points if p["measured"]]
    projected = measured[-1:] + [p for p in points if not p["measured"]]
    fig, (ax, bx) = plt.subplots(1, 2, figsize=(10, 4))
    for key, label, colour in (("doc_wall", "document phase", "tab:blue"),
                               ("corpus_wall", "corpus phase", "tab:orange"), ("wall", "total", "k")):
        ax.plot([p["n"] for p in measured], [p[key] / p["n"] for p in measured], "o-", color=colour, label=label)
        if len(projected) > 1:
            ax.plot([p["n"] for p in projected], [p[key] / p["n"] for p in projected], "x--", color=colour)
    ax.axhline(1 / 20, color="grey", linestyle=":", label="target 20 articles/s")
    ax.set(xscale="log", yscale="log", xlabel="articles in corpus", ylabel="wall seconds per article",
           title="Cost per article (dashed: extrapolated)")
    ax.legend(fontsize=7)
    bx.plot([p["n"] for p in measured], [p["rss_mb"] for p in measured], "o-", color="k", label="peak RSS")
    bx.plot([p["n"] for p in measured], [p["doc_rss_mb"] for p in measured], "o-", color="tab:blue",
            label="peak RSS after the document phase")
    rows = [r for r in stored if not r.get("skipped")]
    bx.plot([r["n"] for r in rows], [r["analyze_rss_mb"] for r in rows], "s-", color="tab:orange",
            label="corpus phase, streamed (store of n articles)")
    before = [r for r in rows if "rss_mb" in r]
    bx.plot([r["n"] for r in before], [r["rss_mb"] for r in before], "s:", color="tab:red",
            label="before: every stored article loaded")
    bx.axhline(1536, color="grey", linestyle=":", label="target 1.5 GB")
    bx.set(xscale="log", xlabel="articles in corpus", ylabel="MB", title="Peak RSS, local engine")
    bx.legend(fontsize=7)
    fig.suptitle("newsprism on a 2-core CPU shared with other jobs (bench/results/scale.md)", fontsize=9)
    fig.tight_layout()
    PLOT.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(PLOT, dpi=90)


def _last(points: list[dict], measured: bool):
    pts = [p for p in points if p["measured"] == measured]
    return pts[-1] if pts else None


def stage_table(r: dict) -> list[str]:
    n = max(r["ingest"]["new"], 1)
    rows = ["| stage | phase | seconds | articles/s | share |", "|---|---|---|---|---|"]
    parts = [(k, "document", v) for k, v in r["ingest"]["timings"].items()]
    parts += [(k, "corpus", v) for k, v in r.get("corpus_timings", {}).items()]
    total = sum(v for *_, v in parts) or 1
    for k, phase, v in sorted(parts, key=lambda x: -x[2]):
        rows.append(f"| {k} | {phase} | {v:.1f} | {n / v if v else float('inf'):.1f} | {v / total:.0%} |")
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", default="10,25,100,1000,10000,100000")
    ap.add_argument("--limit", type=int, default=None, help="largest size to try")
    ap.add_argument("--budget-min", type=float, default=14.0, help="whole run; sizes that do not fit are extrapolated")
    ap.add_argument("--ray-n", type=int, default=24, help="articles for the Ray 1 vs 2 workers runs")
    ap.add_argument("--ray-repeats", type=int, default=2, help="alternating runs per configuration; the fastest counts")
    ap.add_argument("--index-sizes", default="10000,100000")
    ap.add_argument("--store-sizes", default="1000,10000,100000", help="stored-corpus sizes for the corpus phase's memory")
    ap.add_argument("--load-max", type=int, default=10000, help="largest store also loaded whole (the old corpus phase)")
    ap.add_argument("--index-timeout", type=float, default=240.0, help="seconds per index build or load")
    ap.add_argument("--ray-only", action="store_true",
                    help="only the Ray section (machine ceiling, then local vs Ray 1 vs 2 workers); it replaces "
                         "the Ray section of the existing results file")
    ap.add_argument("--store-only", metavar="DB", default=None,
                    help="only the store section, copying the articles of this processed store; its rows "
                         "replace the store section of the existing results file")
    args = ap.parse_args()
    if not DATA.is_dir():
        print(f"skipped: {DATA} is absent (real corpora needed)")
        return
    if args.store_only:
        store_only(args)
        return
    if args.ray_only:
        ray_only(args)
        return
    t_start = time.perf_counter()
    end = t_start + args.budget_min * 60
    deadline = end - 8 * 60  # Ray runs, cold start, store and index sections need about 8 minutes
    sizes = sorted(int(s) for s in args.sizes.split(",") if s and (args.limit is None or int(s) <= args.limit))
    rows = real_texts()
    cmd = ".venv/bin/python bench/scale.py " + " ".join(sys.argv[1:])
    md = ["## Scale: cost vs corpus size, Ray engine, cold start\n",
          f"`{cmd.strip()}` · {date.today()} · 2-core CPU, shared with other jobs (load average shown "
          f"per run; CPU seconds are less sensitive to it than wall seconds)\n",
          f"Input: {len(rows)} distinct real articles (basil-triplets, allsides-roundups, wikiref220, "
          f"semeval2022-task8), re-used with perturbations past that count (date moved {SHIFT_DAYS} days per "
          "copy, one paragraph dropped or an edition line added).\n"]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        points: list[dict] = []
        for n in sizes:
            if points:
                guess = project(points, n)["wall"] * 1.2
                if time.perf_counter() + guess > deadline:
                    points.append(project(points, n))
                    continue
            points.append(run_size(rows, n, tmp))
            print("size", n, {k: points[-1][k] for k in ("wall", "doc_wall", "corpus_wall", "rss_mb")}, flush=True)
        cold = cold_start(rows, tmp)  # before Ray: its daemons outlive ray.shutdown() a while, taking CPU
        print("cold", cold, flush=True)
        ceiling = [machine_ceiling()]
        ray = ray_runs(rows, args.ray_n, tmp, args.ray_repeats)
        ceiling.append(machine_ceiling())
        print("ray", [(n, r["runs"]) for n, r in ray], flush=True)
        stored = store_scale(tmp / f"s{_last(points, True)['n']}.db", [int(n) for n in args.store_sizes.split(",") if n],
                             tmp, end - 3 * 60, args.load_max)
        project_memory(points, stored)
        index: list[dict] = []
        for n in (int(n) for n in args.index_sizes.split(",") if n):  # a timed-out load only gets slower
            index.append(index_load(n, tmp, args.index_timeout,
                                    skip_full=any("timeout" in r.get("full", {}) for r in index)))
        print("index", index, flush=True)
        floor = trafilatura_floor(rows, 300)
    md += (_size_section(points) + _ray_section(ray, ceiling) + _cold_section(cold) + _store_section(stored)
           + [_apart()] + _index_section(index))
    md += [f"\nPeer floor: trafilatura's extraction alone runs at {floor:.0f} articles/s on these texts "
           f"(newsprism's `clean` stage wraps it, then adds language, dates and the other stages).\n",
           f"\nTotal benchmark time {(time.perf_counter() - t_start) / 60:.1f} min.\n"]
    plot(points, stored)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(md) + "\n", encoding="utf-8")
    print("\n".join(md))


def store_only(args) -> None:
    """The store section alone, for sizes the whole run's budget leaves out (100k stored): written
    to its own file, and put in place of the previous run-apart section of scale.md."""
    t0 = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        rows = store_scale(Path(args.store_only), [int(n) for n in args.store_sizes.split(",") if n], Path(tmp),
                           t0 + args.budget_min * 60, args.load_max)
    cmd = ".venv/bin/python bench/scale.py " + " ".join(sys.argv[1:])
    section = _store_section(rows)
    section[0] = (f"{APART_TITLE} (sizes past the whole run's budget)\n\n`{cmd}` · {date.today()} · 2-core CPU, "
                  f"load average {load_avg():.0f} at the end\n")
    APART.parent.mkdir(parents=True, exist_ok=True)
    APART.write_text("\n".join(section) + "\n", encoding="utf-8")
    text = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
    if APART_TITLE in text:  # drop the previous run-apart section
        head, _, rest = text.partition(APART_TITLE)
        text = head + rest[rest.find("\n### ") + 1:] if "\n### " in rest else head
    head, mark, rest = text.partition("### Event index")
    OUT.write_text(head + _apart() + mark + rest, encoding="utf-8")
    print("\n".join(section))


def ray_only(args) -> None:
    """The Ray section alone, put in place of the one in scale.md (the rest of the run is long)."""
    with tempfile.TemporaryDirectory() as tmp:
        ceiling = [machine_ceiling()]
        ray = ray_runs(real_texts(), args.ray_n, Path(tmp), args.ray_repeats)
        ceiling.append(machine_ceiling())
    section = _ray_section(ray, ceiling)
    cmd = ".venv/bin/python bench/scale.py " + " ".join(sys.argv[1:])
    section[0] += f"\n`{cmd}` · {date.today()} · run apart from the rest of this file\n"
    text = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
    head, mark, rest = text.partition(RAY_TITLE)
    rest = rest[rest.find("\n### ") + 1:] if mark and "\n### " in rest else ""
    OUT.write_text(head + "\n".join(section) + "\n" + rest, encoding="utf-8")
    print("\n".join(section))


def _apart() -> str:
    """The last run-apart store section, to embed after the whole run's store section."""
    return APART.read_text(encoding="utf-8") + "\n" if APART.exists() else ""


def _size_section(points: list[dict]) -> list[str]:
    md = ["### Local engine, end to end, by corpus size\n",
          "| articles | run | load avg | events | wall s | articles/s (target ≥ 20) | CPU s/article | "
          "document phase s | corpus phase s | rerun, unchanged corpus: wall s (CPU s) | "
          "peak RSS MB after documents | peak RSS MB (target ≤ 1536) |",
          "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for p in points:
        if p["measured"]:
            cpu = (p["doc_cpu"] + p["corpus_cpu"]) / p["n"]
            md.append(f"| {p['n']:,} | measured | {p['load']:.0f} | {p['events']} | {p['wall']:.0f} | "
                      f"{p['n'] / p['wall']:.2f} | {cpu:.2f} | {p['doc_wall']:.0f} | {p['corpus_wall']:.0f} | "
                      f"{p['rerun_wall']:.1f} ({p['rerun_cpu']:.1f}) | {p['doc_rss_mb']:.0f} | {p['rss_mb']:.0f} |")
        else:
            rss = (f"~{p['rss_mb']:.0f} (corpus phase measured on a store of this size, below)"
                   if p.get("rss_from_store") else "not measured")
            md.append(f"| {p['n']:,} | extrapolated (corpus phase ∝ n^{p['exponent']:.2f}) | | | {p['wall']:.0f} | "
                      f"{p['n'] / p['wall']:.3f} | | {p['doc_wall']:.0f} | {p['corpus_wall']:.0f} | | "
                      f"{p['doc_rss_mb']:.0f} | {rss} |")
    big = _last(points, True)
    if big:
        md += ["", f"Per stage at {big['n']:,} articles (document stages summed over documents):", ""]
        md += stage_table(big)
    return md + [""]


def _ray_section(ray: list[tuple[str, dict]], ceiling: list[float]) -> list[str]:
    local = ray[0][1]
    one = next(r for n, r in ray if n == "Ray, 1 worker")
    md = [f"{RAY_TITLE} (document phase, same input, models already loaded)\n",
          "| engine | load avg | articles | start-up s (Ray + actors) | warm-up s (8 docs, model loads) | "
          "document phase s (all runs) | articles/s | vs local | speed-up vs 1 worker | workers busy |",
          "|---|---|---|---|---|---|---|---|---|---|"]
    for name, r in ray:
        n = r["ingest"]["new"]
        # the workers' stage seconds over the pool's wall time: what scheduling and the driver leave idle
        busy = (f"{sum(r['ingest']['timings'].values()) / (r['workers'] * r['doc_wall']):.0%}"
                if r["engine"] == "ray" else "")
        md.append(f"| {name} | {r['load']:.0f} | {n} | {r.get('ray_start', 0):.1f} | {r['warm']:.1f} | "
                  f"{r['doc_wall']:.2f} ({', '.join(f'{x:.1f}' for x in sorted(r['runs']))}) | {n / r['doc_wall']:.2f} | "
                  f"{local['doc_wall'] / r['doc_wall']:.2f}× | {one['doc_wall'] / r['doc_wall']:.2f}× | {busy} |")
    return md + ["", "Target: 2 workers ≥ 1.8× one worker. The corpus phase runs in the driver for both "
                     "engines and is not part of these numbers. Workers busy: the workers' summed stage seconds "
                     "over workers × document-phase seconds of the fastest run (what the driver and the "
                     "scheduling leave idle, not what the machine's other jobs take).",
                 "", f"Machine ceiling: the same CPU-bound loop in 2 processes at once did "
                     f"{' and '.join(f'{c:.2f}×' for c in ceiling)} the work of 1 process per second (measured just "
                     "before and after the Ray runs; 2.0× on an idle 2-core machine). No 2-worker engine can "
                     "exceed that here.", ""]


def _cold_section(c: dict) -> list[str]:
    return ["### Cold start\n",
            f"`newsprism analyze` on 10 real articles in a fresh process, report written: **{c['wall']:.1f} s** "
            f"wall, median of {len(c['walls'])} cold runs ({', '.join(f'{w:.2f}' for w in c['walls'])} s; "
            f"target ≤ 5 s; load average {c['load']:.0f}). In-process split: imports {c['import']:.1f} s, "
            f"document phase (includes every model load) {c['doc_wall']:.1f} s, corpus phase {c['corpus_wall']:.1f} s; "
            f"first-run stage seconds: " + ", ".join(f"{k} {v:.1f}" for k, v in c["ingest"]["timings"].items()) + ".",
            ""]


def _index_section(index: list[dict]) -> list[str]:
    md = ["### Event index (usearch HNSW, persisted): load time in a fresh process\n",
          "| events | files MB | build s | `EventIndex.load` s | RSS after load MB | ANN graph load s | "
          "JSON sidecar s | vectors file s | ANN search ms (8 nearest) |",
          "|---|---|---|---|---|---|---|---|---|"]
    for r in index:
        if "build" not in r:
            md.append(f"| {r['n']:,} | not built: {r.get('error') or 'timeout'} | | | | | | | |")
            continue
        full, parts = r["full"], r["parts"]
        load = (f"{full['load']:.2f}" if "load" in full else
                f"> {full['timeout']:.0f} (stopped)" if "timeout" in full else
                "not run (smaller size timed out)" if "skipped" in full else full.get("error", "?"))
        rss = f"{full['rss_mb']:.0f}" if "rss_mb" in full else ""
        if "ann" in parts:
            md.append(f"| {r['n']:,} | {r['mb']:.0f} | {r['build']:.1f} | {load} | {rss} | {parts['ann']:.2f} | "
                      f"{parts['json']:.2f} | {parts['npz']:.2f} | {parts['search_ms']:.2f} |")
        else:
            md.append(f"| {r['n']:,} | {r['mb']:.0f} | {r['build']:.1f} | {load} | {rss} | | | | |")
    return md + ["", "The three right-hand load columns read each file once by itself: what a load costs "
                     "before the per-event Python objects are rebuilt.", ""]


if __name__ == "__main__":
    main()
