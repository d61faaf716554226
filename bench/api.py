"""HTTP API and web UI benchmark: requests/s and p50/p99 latency for the event list, an event page
(HTML and JSON) and full-text search, on a synthetic store of >= 10k articles.

The store is written straight through `Store.put_articles` / `Store.replace_analysis` (no pipeline
run: this measures serving, not analysis), with article records as heavy as real ones (mentions,
claims, removed lines). The app runs in its own process under uvicorn on 127.0.0.1 (one worker),
so the client's threads do not share its interpreter; the client is httpx with a fixed pool of
threads and a fixed number of requests per endpoint. The peer is a bare FastAPI app under the same
uvicorn returning a constant JSON body: the framework's own ceiling on this machine, so the ratio
shows what newsprism's reads cost on top of it. No real data needed (synthetic, invented words).

    .venv/bin/python bench/api.py [--limit 1500] [--articles 10000] [--threads 8]
"""
from __future__ import annotations

import argparse
import itertools
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "results" / "api.md"
TARGET_RPS, TARGET_P99_MS = 200, 100

SERVER = r"""
import sys, uvicorn
if sys.argv[1] == "peer":
    from fastapi import FastAPI
    app = FastAPI()
    @app.get("/hello")
    def hello():
        return {"total": 1, "items": [{"id": "x", "title": "hello"}]}
else:
    from newsprism.api import create_app
    app = create_app(sys.argv[1])
uvicorn.run(app, host="127.0.0.1", port=int(sys.argv[2]), log_level="warning", access_log=False)
"""


# -- synthetic store ------------------------------------------------------------------------------
def _words(rng: random.Random, n: int) -> list[str]:
    consonants, vowels = "bcdfghklmnprstvz", "aeiou"
    return ["".join(rng.choice(consonants) + rng.choice(vowels) for _ in range(rng.randint(2, 4))) for _ in range(n)]


def build_store(path: str, n_articles: int, seed: int = 7) -> dict:
    """Events of 2-6 articles each, with claims, entities and timelines; returns ids to query."""
    from newsprism.records import (Article, Claim, ClaimGroup, Conflict, Entity, Event, Evidence, Mention,
                                   RemovedLine, TimelineEntry, Variant, content_id)
    from newsprism.store import Store

    rng = random.Random(seed)
    vocab = _words(rng, 3000)
    zipf = list(itertools.accumulate(1 / (i + 1) for i in range(len(vocab))))  # word frequencies as in prose
    outlets = [w.capitalize() + " " + rng.choice(["Times", "Post", "Herald", "Daily", "Wire"]) for w in vocab[:60]]
    langs = ["en", "fr", "es", "de"]
    names = [f"{a.capitalize()} {b.capitalize()}" for a, b in zip(vocab[100:1100], vocab[1100:2100])]
    entities = [Entity(id=f"ent-{i:05d}", name=n, type=rng.choice(["PERSON", "ORG", "GPE"]),
                       variants=[Variant(n, "x", 3), Variant(n.upper(), "y", 1)]) for i, n in enumerate(names)]
    start = date(2024, 1, 1)
    articles: dict[str, Article] = {}
    events: list[Event] = []
    while len(articles) < n_articles:
        topic = rng.sample(vocab, 6)
        day = (start + timedelta(days=rng.randrange(700))).isoformat()
        ents = rng.sample(entities, 5)
        members = []
        for _ in range(rng.randint(2, 6)):
            sents = [" ".join(rng.choice(topic) if rng.random() < 0.2 else w
                              for w in rng.choices(vocab, cum_weights=zipf, k=18)).capitalize() + "." for _ in range(14)]
            text = "\n\n".join(" ".join(sents[i:i + 2]) for i in range(0, 14, 2))
            a = Article(id=content_id(text), source=f"synthetic/{len(articles)}.html", outlet=rng.choice(outlets),
                        title=" ".join(topic[:4]).capitalize(), published=day, language=rng.choice(langs),
                        text=text, url=f"https://example.org/{len(articles)}",
                        removed=[RemovedLine("Subscribe to our newsletter", "newsletter"), RemovedLine("Home | World", "navigation")],
                        mentions=[Mention(e.name, 0, len(e.name), e.type, entity_id=e.id) for e in ents for _ in range(4)])
            pos = 0
            for i, s in enumerate(sents):
                a.claims.append(Claim(id=f"{a.id[:12]}-{i}", article_id=a.id, text=s, sentence=s, start=pos, end=pos + len(s)))
                pos += len(s) + 1
            articles[a.id] = a
            members.append(a)
        groups = []
        for i in range(12):
            cited = members[:2] if i % 4 == 0 else members[:1] if i % 4 == 1 else members
            status = "contradicted" if i % 4 == 0 else "partial" if i % 4 == 1 else "agreed"
            groups.append(ClaimGroup(text=cited[0].claims[i].text, status=status, sources=[m.id for m in cited],
                                     evidence=[Evidence(m.id, m.claims[i].sentence, m.outlet) for m in cited],
                                     silent=[m.id for m in members if m not in cited],
                                     conflict=Conflict("number", "12 vs 21") if status == "contradicted" else None))
        ev = Event(id=f"ev-{members[0].id[:12]}", title=members[0].title, date=day, articles=[m.id for m in members],
                   entities=[e.id for e in ents], claims=groups,
                   timeline=[TimelineEntry(day, members[0].claims[0].text, members[0].id)])
        for m in members:
            m.event_id = ev.id
        events.append(ev)
    arts = list(articles.values())
    with Store(path) as store:
        for i in range(0, len(arts), 500):
            store.put_articles(arts[i:i + 500])
        store.replace_analysis(events, entities, articles)
    return {"events": [e.id for e in events], "topics": [e.title.lower().split() for e in events], "articles": len(arts)}


# -- load -------------------------------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(target: str) -> tuple[subprocess.Popen, str]:
    import httpx

    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-c", SERVER, target, str(port)], cwd=ROOT)
    url = f"http://127.0.0.1:{port}"
    for _ in range(300):
        try:
            httpx.get(url + "/openapi.json", timeout=1)
            return proc, url
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("server did not start")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load(url: str, paths: list[str], threads: int, pid: int) -> dict:
    """Fire every path once through `threads` workers; latency per request, throughput overall, and
    the server's own CPU time per request (what throughput would be on an idle core)."""
    import httpx

    limits = httpx.Limits(max_connections=threads, max_keepalive_connections=threads)
    with httpx.Client(base_url=url, limits=limits, timeout=30) as client:
        for p in paths[:20]:  # warm-up: connections, page cache, per-thread store connections
            client.get(p)

        def one(p: str) -> tuple[float, int]:
            t0 = time.perf_counter()
            r = client.get(p)
            return time.perf_counter() - t0, r.status_code

        cpu0, t0 = cpu_seconds(pid), time.perf_counter()
        with ThreadPoolExecutor(threads) as pool:
            results = list(pool.map(one, paths))
        wall, cpu = time.perf_counter() - t0, cpu_seconds(pid) - cpu0
    lat = sorted(r[0] * 1000 for r in results)
    return {"n": len(paths), "rps": len(paths) / wall, "p50": statistics.median(lat),
            "p99": lat[min(len(lat) - 1, int(len(lat) * 0.99))], "errors": sum(r[1] != 200 for r in results),
            "cpu_ms": cpu * 1000 / len(paths)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--limit", type=int, default=1500, help="requests per endpoint")
    ap.add_argument("--articles", type=int, default=10_000)
    ap.add_argument("--threads", type=int, default=8)
    args = ap.parse_args()
    rng = random.Random(1)
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "bench.db")
        t0 = time.perf_counter()
        ids = build_store(db, args.articles)
        built = time.perf_counter() - t0
        print(f"store: {ids['articles']} articles, {len(ids['events'])} events, built in {built:.0f}s", flush=True)
        n = args.limit
        cases = {
            "event list (JSON, /api/events)": ["/api/events?limit=50&offset=" + str(rng.randrange(0, 500)) for _ in range(n)],
            "event list (HTML, /)": ["/?limit=50&offset=" + str(rng.randrange(0, 500)) for _ in range(n)],
            "event page (JSON, /api/events/{id})": ["/api/events/" + rng.choice(ids["events"]) for _ in range(n)],
            "event page (HTML, /events/{id})": ["/events/" + rng.choice(ids["events"]) for _ in range(n)],
            "search (JSON, /api/events?q=)": ["/api/events?q=" + "+".join(rng.sample(rng.choice(ids["topics"]), 2)) for _ in range(n)],
            "search (HTML, /?q=)": ["/?q=" + "+".join(rng.sample(rng.choice(ids["topics"]), 2)) for _ in range(n)],
        }
        rows = {}
        proc, url = start_server(db)
        try:
            for name, paths in cases.items():
                rows[name] = load(url, paths, args.threads, proc.pid)
                r = rows[name]
                print(f"{name}: {r['rps']:.0f} req/s, p50 {r['p50']:.1f} ms, p99 {r['p99']:.1f} ms, "
                      f"server CPU {r['cpu_ms']:.2f} ms/req, {r['errors']} errors", flush=True)
        finally:
            proc.terminate()
            proc.wait(10)
        proc, url = start_server("peer")
        try:
            peer = load(url, ["/hello"] * n, args.threads, proc.pid)
        finally:
            proc.terminate()
            proc.wait(10)
        print(f"peer (bare FastAPI): {peer['rps']:.0f} req/s, p50 {peer['p50']:.1f} ms, p99 {peer['p99']:.1f} ms", flush=True)
    write(rows, peer, ids, built, args)


def write(rows: dict, peer: dict, ids: dict, built: float, args) -> None:
    cmd = "cd /work/main && .venv/bin/python bench/api.py" + "".join(
        f" --{k} {v}" for k, v in (("limit", args.limit), ("articles", args.articles), ("threads", args.threads)))
    out = ["# HTTP API and web UI benchmark", "", f"Command: `{cmd}`  ", f"Date: {date.today().isoformat()} · 2-core CPU "
           f"(load average {os.getloadavg()[0]:.1f} at the end) · uvicorn, 1 worker, 127.0.0.1 · httpx client, "
           f"{args.threads} threads, {args.limit} requests per endpoint", "",
           f"Synthetic store: {ids['articles']} articles in {len(ids['events'])} events (12 aligned claims, 5 entities, "
           f"a timeline each; invented words, Zipf-distributed, plus 6 topic words per event), built through "
           f"`Store` in {built:.0f} s. Searches are two topic words of a random event.", "",
           f"Target (issue 9): >= {TARGET_RPS} req/s with p99 < {TARGET_P99_MS} ms for event reads.", "",
           "| endpoint | req/s | p50 ms | p99 ms | errors | server CPU ms/req | req/s per idle core | "
           "req/s vs bare FastAPI | target met |", "|---|---:|---:|---:|---:|---:|---:|---:|---|"]
    for name, r in [*rows.items(), ("peer: bare FastAPI, constant JSON", peer)]:
        ok = "" if r is peer else "yes" if r["rps"] >= TARGET_RPS and r["p99"] < TARGET_P99_MS else "no"
        out.append(f"| {name} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} | {r['errors']} | {r['cpu_ms']:.2f} | "
                   f"{1000 / max(r['cpu_ms'], 1e-3):.0f} | {r['rps'] / peer['rps']:.2f} | {ok} |")
    out += ["", "Latency is per request as the client saw it, with all threads busy (so it includes queueing); "
            "req/s is requests over wall time for the fixed batch. Server CPU ms/req is the uvicorn process's "
            "own CPU time divided by the requests it served, so `req/s per idle core` (1000 / that) is the "
            "capacity of one uvicorn worker when the machine is not shared."]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(out) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
