"""Pipeline: wires the stages, in two phases.

Document phase (per article, independent, so it batches and runs on Ray): ingest → clean (with
language) → registered document stages (entities' mentions, time expressions, claims) → the
batch's sentence vectors (`vectorise`). Each batch, vectors included, is written to the store in
one transaction; documents already stored (same content hash) are skipped before any work, so a
rerun after a crash resumes where it stopped.

Corpus phase (over every stored article, streamed in slices so memory does not grow with the
corpus' mentions; see `analyze_corpus`): canonical entities → events → event dates and anchors →
claim alignment → one atomic swap of the analysis in the store. Embedding is most of
the cost of events and claims, so every vector is computed once, in big model calls, and kept in
the store: the document phase embeds each article's lead (in one call per batch, on every Ray
worker); the corpus phase, once clustering has told which articles are compared, embeds the
claims alignment will compare (`claims.texts_to_embed`, events of two articles or more only),
then primes `embed`'s cache from the store, so a rerun embeds nothing.

Document stages are registered by name, like spaCy components, so the Ray engine and the
benchmarks run exactly the same list. A stage that fails on one article is recorded on that
article (`extra["stage_errors"]`) and the batch goes on.
"""
from __future__ import annotations

import functools
import logging
import time as clock
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from .config import Options
from .records import Article, RawDocument, Report, content_id

log = logging.getLogger(__name__)

DocStage = Callable[[Article], None]
DOC_STAGES: dict[str, DocStage] = {}


def doc_stage(name: str) -> Callable[[DocStage], DocStage]:
    def register(fn: DocStage) -> DocStage:
        DOC_STAGES[name] = fn
        return fn
    return register


@doc_stage("entities")
def _mentions(a: Article) -> None:
    from . import entities
    a.mentions = entities.find_mentions(a)


@doc_stage("time")
def _timexes(a: Article) -> None:
    from . import time
    a.timexes = time.find_timexes(a.text, a.published, a.language)
    for t in a.timexes:
        t.article_id = a.id


@doc_stage("claims")
def _claims(a: Article) -> None:
    from . import claims
    a.claims = claims.extract_claims(a)


def raw_id(raw: RawDocument) -> str:
    """Content hash; a container failure is keyed by where and why, so it is stored once too."""
    if raw.error:
        return content_id(f"{raw.source}\0{raw.error}")
    return content_id(raw.content)


def error_article(raw: RawDocument, reason: str) -> Article:
    return Article(id=raw_id(raw), source=raw.source, url=raw.url, status="error", error=reason,
                   fetched_at=raw.fetched_at)


def process(raw: RawDocument, opts: Options, timings: dict[str, float] | None = None) -> Article:
    """One document through every document stage; never raises."""
    from . import clean

    if raw.error:
        return error_article(raw, raw.error)
    t0 = clock.perf_counter()
    try:
        a = clean.extract(raw, opts)
    except Exception as exc:  # a bug in clean must not stop the batch: record it on the document
        log.exception("clean failed on %s", raw.source)
        return error_article(raw, f"extraction failed: {exc!r}")
    _tick(timings, "clean", t0)
    if a.status != "ok":
        return a
    for name, stage in DOC_STAGES.items():
        t0 = clock.perf_counter()
        try:
            stage(a)
        except Exception as exc:
            log.exception("stage %s failed on %s", name, a.source)
            a.extra.setdefault("stage_errors", {})[name] = repr(exc)
        _tick(timings, name, t0)
    return a


def vectorise(articles: list[Article], timings: dict[str, float] | None = None) -> dict[bytes, bytes]:
    """Store rows of the per-article vectors the corpus phase will ask `embed` for; never raises
    (a miss is only embedded later)."""
    from . import embed

    t0 = clock.perf_counter()
    ok = [a for a in articles if a.status == "ok"]
    try:
        rows = embed.vectors(_leads(ok))
    except Exception:
        log.exception("embedding failed on a batch of %d documents", len(ok))
        rows = {}
    _tick(timings, "embed", t0)
    return rows


def _leads(articles: Iterable[Article]) -> list[str]:
    """Every text the document phase embeds per article (as passages): what events.cluster
    compares for every article, as the events stage lists it. Claims are not here: only events of
    two articles or more compare them, so the corpus phase embeds those (`_claim_vectors`)."""
    from .events import texts_to_embed

    return [t for a in articles for t in texts_to_embed(a)]


def _prime(store, texts: list[str], query: bool) -> None:
    """Load the stored vectors of these texts that the process does not hold yet."""
    from . import embed

    keys = {embed.key(t, query) for t in texts}
    embed.prime(store.vectors(keys - embed.cached(keys)))


def _tick(timings: dict[str, float] | None, name: str, t0: float) -> None:
    if timings is not None:
        timings[name] = timings.get(name, 0.0) + clock.perf_counter() - t0


def batches(raws: Iterable[RawDocument], size: int) -> Iterator[list[RawDocument]]:
    batch: list[RawDocument] = []
    for raw in raws:
        batch.append(raw)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest(paths: Iterable[str | Path], store, opts: Options, progress=None) -> dict[str, int]:
    """Document phase: new documents processed and stored batch by batch.

    The runner hands back a batch's result as a future, so one batch may be in flight behind
    the one being stored: locally its vectors are still being computed (numpy's products
    release the GIL) while the next batch goes through the Python stages; on Ray the workers
    process it while the driver stores the previous batch and reads the next. A batch is stored,
    vectors included, only once it is complete."""
    from .ingest import iter_documents

    stats = {"seen": 0, "new": 0, "skipped_known": 0, "errors": 0}
    timings: dict[str, float] = {}
    runner = _runner(opts)
    pending: list[tuple[set[str], Future, int]] = []  # (ids in flight, result, documents seen)

    def flush() -> None:
        _, result, seen = pending.pop(0)
        done, vectors = result.result()
        store.put_articles(done, vectors)
        stats["new"] += len(done)
        stats["errors"] += sum(a.status != "ok" for a in done)
        if progress:
            progress(seen)

    for batch in batches(iter_documents(paths, opts), opts.batch_size):
        stats["seen"] += len(batch)
        ids = [raw_id(r) for r in batch]
        todo, seen_ids = [], store.has_articles(ids) | {i for p in pending for i in p[0]}
        todo_ids: set[str] = set()
        for r, rid in zip(batch, ids):
            if rid in seen_ids:  # stored before, in flight, or a duplicate inside this batch
                stats["skipped_known"] += 1
                continue
            seen_ids.add(rid)
            todo_ids.add(rid)
            todo.append(r)
        pending.append((todo_ids, runner(todo, opts, timings), len(batch)))
        while len(pending) > 1:
            flush()
    while pending:
        flush()
    stats["timings"] = timings  # type: ignore[assignment]
    return stats


Runner = Callable[[list[RawDocument], Options, dict], "Future[tuple[list[Article], dict[bytes, bytes]]]"]


def process_batch(raws: list[RawDocument], opts: Options, timings: dict[str, float]) -> list[Article]:
    """Every document of a batch through the document stages (vectors aside)."""
    return [process(r, opts, timings) for r in raws]


def run_batch(raws: list[RawDocument], opts: Options,
              timings: dict[str, float]) -> tuple[list[Article], dict[bytes, bytes]]:
    """A batch through the document phase: its articles and their sentence vectors."""
    done = process_batch(raws, opts, timings)
    return done, vectorise(done, timings)


def _runner(opts: Options) -> Runner:
    if opts.engine == "ray":
        from .scale import ray_runner
        return ray_runner(opts)

    def run(raws: list[RawDocument], o: Options, timings: dict[str, float]):
        done = process_batch(raws, o, timings)
        return _embedder().submit(lambda: (done, vectorise(done, timings)))
    return run


@functools.cache
def _embedder() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(1, thread_name_prefix="newsprism-embed")


CLAIM_BATCH = 64  # articles whose claims are embedded in one model call and one committed write
LIGHT_SLICE = 2000  # light records canonicalised together before clustering (a run of news by date)
EVENT_SLICE = 500  # articles of whole events loaded, canonicalised, dated and aligned together


def analyze_corpus(store, opts: Options, step=None, keep: bool = True) -> Report:
    """Corpus phase over every stored article, streamed; replaces the stored analysis atomically.

    Memory holds one slice of articles plus a compact record per article, never every mention
    of the corpus:

    1. light records (`Store.light_articles`: no claims, no removed lines) are read oldest first,
       `LIGHT_SLICE` at a time; each slice is canonicalised, its entity ids made corpus-wide by
       name key (`entities.EntityIds`), and each article read into the record clustering
       compares (`events.member`: its profile and its lead vector, read from the store as
       float16, no text);
    2. `events.cluster_members` runs over those records, then the claims of multi-article
       events are embedded;
    3. events are taken `EVENT_SLICE` articles at a time (whole events): their full articles are
       loaded, canonicalised with the events as groups (ids made corpus-wide again), dated,
       aligned and written, then dropped; the slices' entity records are pooled by id at the end.

    A corpus that fits in one slice is canonicalised exactly as one `canonicalize` call would.
    `keep=False` returns a Report with the counts only (the analysis is in the store); the
    default also returns every event, article and entity, which a caller rendering one report of
    the whole store needs."""
    from . import embed, entities, events

    timings: dict[str, float] = {}

    def run(name: str, fn: Callable[[], object]):
        if step:
            step(name)
        return _timed(timings, name, fn)

    members: list = []
    rest: list[str] = []  # ok articles clustering cannot place (no text) or could not embed
    first_ids = entities.EntityIds()
    if step:
        step("entities")
    n_articles = 0
    for light in batches(store.light_articles(), LIGHT_SLICE):
        n_articles += len(light)
        ents = _timed(timings, "entities", lambda: entities.canonicalize(light))
        first_ids.assign(ents, light)
        placed = [a for a in light if events.usable(a)]
        rest += [a.id for a in light if not events.usable(a)]
        try:
            vecs = _timed(timings, "vectors", lambda: _lead_vectors(store, placed))
        except Exception:  # a broken model must not take the whole corpus down with it
            log.exception("events: embedding failed; articles left without events")
            rest += [a.id for a in placed]
            continue
        members += [events.member(a, v) for a, v in zip(placed, vecs)]
    del first_ids
    evs = run("events", lambda: events.cluster_members(members))
    store.put_vectors(embed.take_fresh())
    del members
    run("claim vectors", lambda: _claim_vectors(store, evs, opts))
    report = Report()
    ids = entities.EntityIds()
    if step:
        step("time and claims")
    with store.analysis() as out:
        for part, loose in _event_slices(evs, rest, EVENT_SLICE):
            _event_slice(store, part, loose, ids, out, timings, report if keep else None)
        for parts in out.pooled_entities():
            ent = entities.merge_parts(parts)
            out.entities([ent])
            if keep:
                report.entities[ent.id] = ent
    report.entities = dict(sorted(report.entities.items(),
                                  key=lambda kv: (-sum(v.count for v in kv[1].variants), kv[1].name)))
    report.stats = {"corpus_timings": timings, "events": len(evs), "articles": n_articles}
    if keep:
        report.errors = list(store.articles(status="error"))
    return report


def _lead_vectors(store, articles: list[Article]):
    """The lead vectors clustering compares, as float16 rows: read from the store, where the
    document phase put them, rather than through `embed`'s cache, which would then hold every
    lead of the corpus; leads the store lacks are embedded (and stored once clustering ran)."""
    import numpy as np

    from . import embed, events

    keys = [embed.key(events.lead(a)) for a in articles]
    stored = dict(store.vectors(set(keys)))
    out = np.empty((len(articles), embed.DIM), dtype=embed.STORED)
    missing = []
    for i, k in enumerate(keys):
        if k in stored:
            out[i] = np.frombuffer(stored[k], dtype=embed.STORED)
        else:
            missing.append(i)
    if missing:  # exact: embed's vectors are float16 values
        out[missing] = events.embed_leads([articles[i] for i in missing])
    return out


def _event_slices(evs, loose: list[str], size: int) -> Iterator[tuple[list, list[str]]]:
    """Whole events packed in order until a slice holds `size` articles, then the articles no
    event took (filling the last slice first, so a small corpus is one slice)."""
    part, n = [], 0
    for ev in evs:
        part.append(ev)
        n += len(ev.articles)
        if n >= size:
            yield part, []
            part, n = [], 0
    room = size - n
    if part or loose:
        yield part, loose[:room]
    for i in range(room, len(loose), size):
        yield [], loose[i:i + size]


def _event_slice(store, evs, loose: list[str], ids, out, timings: dict[str, float],
                 report: Report | None) -> None:
    """Full articles of these events (and of `loose` articles no event took) loaded together:
    canonicalised with the events as groups, entity ids made corpus-wide, then each event dated,
    aligned and written; the slice's entity records are parked for pooling."""
    from . import embed, entities, time

    event_of = {i: ev.id for ev in evs for i in ev.articles}
    arts = {a.id: a for a in sorted(store.articles(ids=[*event_of, *loose]),
                                    key=lambda a: (a.published or "9999", a.id))}  # as clustering orders them
    for a in arts.values():
        a.event_id = event_of.get(a.id)
    ents = _timed(timings, "entities (by event)",
                  lambda: entities.canonicalize(list(arts.values()), groups=[ev.articles for ev in evs]))
    ids.assign(ents, arts.values())
    out.entity_parts(ents)
    for ev in evs:
        mine = {i: arts[i] for i in ev.articles if i in arts}
        _timed(timings, "time", lambda: time.date_events([ev], mine))
        ev.claims = _timed(timings, "claims", lambda: _align(store, ev, mine))
        out.event(ev, list(mine.values()))
        if report is not None:
            report.events.append(ev)
        else:
            ev.claims, ev.timeline = [], []
    out.articles(arts.values())
    out.vectors(embed.take_fresh())
    if report is not None:
        report.articles.update(arts)


def _align(store, ev, arts: dict[str, Article]):
    """Claim groups of one event, on the stored vectors of the claims it compares (none for a
    one-article event)."""
    from . import claims

    _prime(store, claims.texts_to_embed(arts.values()), query=True)
    return claims.align(ev, arts)


def _claim_vectors(store, evs, opts: Options) -> None:
    """Embed the claims alignment will compare (`claims.texts_to_embed` of every event of two
    articles or more) that the store lacks, in big batches (on the Ray workers with `--engine
    ray`), each batch committed: a killed run keeps what it embedded and a rerun embeds nothing."""
    from . import claims, embed

    multi = [ev for ev in evs if len(ev.articles) > 1]

    def missing() -> Iterator[list[str]]:
        for part, _ in _event_slices(multi, [], CLAIM_BATCH):
            keys = {t: embed.key(t, True) for ev in part
                    for t in claims.texts_to_embed(store.articles(ids=ev.articles))}
            stored = store.stored_vectors(keys.values())
            todo = [t for t, k in keys.items() if k not in stored]
            if todo:
                yield todo

    if opts.engine == "ray":
        from .scale import ray_embedder
        rows = ray_embedder(opts)(missing())
    else:
        # nothing else runs beside it here: BLAS may use every core
        rows = (embed.vectors(texts, query=True, cores=embed.CORES) for texts in missing())
    for batch in rows:
        store.put_vectors(batch)


def _timed(timings: dict[str, float], name: str, fn: Callable[[], object]):
    t0 = clock.perf_counter()
    try:
        return fn()
    finally:
        _tick(timings, name, t0)
