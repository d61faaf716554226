"""Document phase on Ray: a pool of actors, each a long-lived process that holds the models.

The document stages are independent per article and CPU-bound (embedding, NER), so they scale
by processes, not threads. A Ray actor is such a process: it loads the stage models once (lazily,
by the stages' own cached loaders) and then serves chunk after chunk, so model loading is paid
once per worker, not per document or per batch. Each actor runs exactly `pipeline.run_batch`
(every document stage, then the chunk's sentence vectors), so the Ray engine produces the same
articles and vectors as the local one. A worker's embedding engine runs one OpenMP thread (Ray sets
OMP_NUM_THREADS to the actor's one CPU): the pool is the parallelism.

Ray is started once per process and reused across batches and runs: against `opts.ray_address`
when given (an existing cluster, where newsprism must be installed on every node), otherwise as a
local instance with one CPU per worker. A batch is cut into small chunks so the pool balances
long and short documents; results come back in input order. A chunk whose worker fails for good
(after Ray's own restarts and retries) becomes error articles with the reason, so one bad node
never stops the run.
"""
from __future__ import annotations

import logging
import math
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..config import Options
from ..pipeline import Runner
from ..records import Article, RawDocument

log = logging.getLogger(__name__)

CHUNKS_PER_WORKER = 4  # per batch: small enough to balance uneven documents, few enough round trips
LOCAL_OBJECT_STORE = 256 * 1024 * 1024  # batches are small; Ray's default (30% of RAM) is not needed

# One Ray connection and one actor pool per process, reused by every batch and every run.
_state: dict = {"local_cpus": 0, "pool": None, "pool_key": None, "actors": []}


class DocWorker:
    """One worker process: runs every document stage on a chunk and reports its stage timings."""

    def run(self, raws: list[RawDocument], opts: Options
            ) -> tuple[list[Article], dict[bytes, bytes], dict[str, float]]:
        from .. import pipeline

        timings: dict[str, float] = {}
        arts, vectors = pipeline.run_batch(raws, opts, timings)
        return arts, vectors, timings

    def run_to_shard(self, raws: list[RawDocument], opts: Options, path: str) -> dict:
        """Process a chunk and write it as one Parquet shard; only counts travel back. Shards
        carry no vectors: the corpus phase embeds what it needs and stores it."""
        from .. import pipeline
        from .shards import write_shard

        timings: dict[str, float] = {}
        arts = pipeline.process_batch(raws, opts, timings)
        write_shard(arts, path)
        return {"new": len(arts), "errors": sum(a.status != "ok" for a in arts), "timings": timings}

    def vectors(self, texts: list[str], query: bool) -> dict[bytes, bytes]:
        """Store rows of these texts' vectors (the corpus phase's claims, embedded on workers)."""
        from .. import embed

        return embed.vectors(texts, query)

    def warm(self) -> bool:
        """Answers once the actor process is up, so a pool that cannot start fails early."""
        return True


def ray_runner(opts: Options) -> Runner:
    """The batch runner `pipeline.ingest` calls when `opts.engine == "ray"`."""
    pool = _pool(opts)

    def run(raws: list[RawDocument], o: Options,
            timings: dict[str, float]) -> tuple[list[Article], dict[bytes, bytes]]:
        if not raws:
            return [], {}
        size = max(1, math.ceil(len(raws) / (max(1, o.ray_workers) * CHUNKS_PER_WORKER)))
        chunks = [raws[i:i + size] for i in range(0, len(raws), size)]
        for chunk in chunks:
            pool.submit(lambda actor, c: actor.run.remote(c, o), chunk)
        out: list[Article] = []
        vectors: dict[bytes, bytes] = {}
        for chunk in chunks:  # ActorPool returns results in submission order
            try:
                arts, v, t = pool.get_next()
            except Exception as exc:  # a worker lost for good: record it on its documents
                log.error("ray worker failed on %d documents: %r", len(chunk), exc)
                out += [_failed(r, exc) for r in chunk]
                continue
            out += arts
            vectors.update(v)
            for k, secs in t.items():
                timings[k] = timings.get(k, 0.0) + secs
        return out, vectors

    return run


def ray_embedder(opts: Options) -> Callable[[Iterable[list[str]]], Iterator[dict[bytes, bytes]]]:
    """`pipeline`'s claim embedder on the actor pool: batches of texts in, store rows out, with at
    most two batches per worker in flight so the driver never holds the whole corpus' texts."""
    pool = _pool(opts)
    depth = 2 * max(1, opts.ray_workers)

    def run(batches: Iterable[list[str]]) -> Iterator[dict[bytes, bytes]]:
        queued = 0
        for texts in batches:
            pool.submit(lambda actor, t: actor.vectors.remote(t, True), texts)
            queued += 1
            while queued >= depth:
                queued -= 1
                yield _rows(pool)
        for _ in range(queued):
            yield _rows(pool)
    return run


def _rows(pool) -> dict[bytes, bytes]:
    try:
        return pool.get_next()
    except Exception as exc:  # a lost batch is only cost: the corpus phase embeds what it misses
        log.error("ray worker failed to embed a batch: %r", exc)
        return {}


def ingest_shards(paths, folder: str | Path, opts: Options, shard_size: int = 256) -> dict:
    """Cluster-mode document phase: workers write Parquet shards instead of returning articles.

    The driver only reads inputs and hands out chunks; each shard is named by the hash of its
    documents' ids, so a rerun skips chunks whose shard already exists (resumable without a
    database). Merge the shards into a store with `shards.merge_shards`.
    """
    from ..ingest import iter_documents
    from ..pipeline import batches, raw_id
    from ..records import content_id

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    pool = _pool(opts)
    stats: dict = {"seen": 0, "new": 0, "errors": 0, "skipped_shards": 0, "failed_shards": 0, "timings": {}}
    pending = 0
    for chunk in batches(iter_documents(paths, opts), shard_size):
        stats["seen"] += len(chunk)
        path = folder / f"{content_id(chr(0).join(raw_id(r) for r in chunk))[:24]}.parquet"
        if path.exists():
            stats["skipped_shards"] += 1
            continue
        pool.submit(lambda actor, c: actor.run_to_shard.remote(c[0], opts, c[1]), (chunk, str(path)))
        pending += 1
        while pending and not pool.has_free():  # bounded in flight: one chunk per worker
            pending -= _collect(pool, stats)
    while pending:
        pending -= _collect(pool, stats)
    return stats


def _collect(pool, stats: dict) -> int:
    try:
        got = pool.get_next_unordered()
    except Exception as exc:  # the shard is simply missing; a rerun redoes that chunk
        log.error("ray worker failed on a shard: %r", exc)
        stats["failed_shards"] += 1
        return 1
    stats["new"] += got["new"]
    stats["errors"] += got["errors"]
    for k, v in got["timings"].items():
        stats["timings"][k] = stats["timings"].get(k, 0.0) + v
    return 1


def start(opts: Options) -> None:
    """Connect to Ray and start the worker pool now, instead of on the first batch."""
    _pool(opts)


def _failed(raw: RawDocument, exc: Exception) -> Article:
    from ..pipeline import error_article

    return error_article(raw, f"ray worker failed: {type(exc).__name__}")


def _pool(opts: Options):
    from ray.util import ActorPool
    import ray

    workers = max(1, opts.ray_workers)
    _connect(opts.ray_address, workers)
    key = (opts.ray_address, workers)
    if _state["pool"] is None or _state["pool_key"] != key:
        _kill_actors()
        remote = ray.remote(num_cpus=1, max_restarts=2, max_task_retries=2)(DocWorker)
        actors = [remote.remote() for _ in range(workers)]
        ray.get([a.warm.remote() for a in actors])  # fail here, not mid-batch, if none can start
        _state.update(pool=ActorPool(actors), pool_key=key, actors=actors)
    return _state["pool"]


def _connect(address: str | None, workers: int) -> None:
    import ray

    if ray.is_initialized():
        # A local instance we started with fewer CPUs cannot place more actors: restart it.
        if not (_state["local_cpus"] and workers > _state["local_cpus"]):
            return
        shutdown()
    quiet = {"log_to_driver": False, "logging_level": logging.WARNING}
    if address:
        ray.init(address=address, **quiet)
        _state["local_cpus"] = 0
    else:
        ray.init(num_cpus=workers, include_dashboard=False, object_store_memory=LOCAL_OBJECT_STORE, **quiet)
        _state["local_cpus"] = workers


def _kill_actors() -> None:
    import ray

    for actor in _state["actors"]:
        ray.kill(actor, no_restart=True)
    _state.update(pool=None, pool_key=None, actors=[])


def shutdown() -> None:
    """Stop the worker actors and disconnect (a local Ray started here stops; a cluster stays)."""
    import ray

    if not ray.is_initialized():
        return
    _kill_actors()
    ray.shutdown()
    _state["local_cpus"] = 0
