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
local instance with one CPU per worker. A batch is cut into chunks, longest documents first,
big ones first and single documents last (`_chunks`), and a dispatcher thread gives each chunk
to whichever worker is free (`_Dispatcher`): a worker is never held up behind another one's long
document, as it is when results are collected in submission order (`ActorPool.get_next` hands
a worker its next chunk only once every earlier chunk is back). The runner returns a future at
once, so the driver stores batch k and reads batch k + 2 while the workers process batch k + 1,
and a worker done with its part of one batch goes on with the next. Results are put back in
input order. A chunk whose worker fails for good (after Ray's own restarts and retries) becomes
error articles with the reason, so one bad node never stops the run.
"""
from __future__ import annotations

import logging
import math
import queue
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, InvalidStateError
from pathlib import Path

from ..config import Options
from ..pipeline import Runner
from ..records import Article, RawDocument

log = logging.getLogger(__name__)

CHUNK_SHARE = 4  # a chunk is a quarter of a worker's share of what is left; a round trip costs milliseconds
POLL_S = 0.02  # how soon an idle actor is given a chunk queued while the other actors were busy
LOCAL_OBJECT_STORE = 256 * 1024 * 1024  # batches are small; Ray's default (30% of RAM) is not needed

# One Ray connection and one set of worker actors per process, reused by every batch and every run.
_state: dict = {"local_cpus": 0, "actors": [], "actors_key": None, "dispatcher": None}


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
    """The batch runner `pipeline.ingest` calls when `opts.engine == "ray"`: it queues the
    batch's chunks on the dispatcher and returns at once, with a future of the batch's result."""
    dispatcher = _dispatcher(opts)

    def run(raws: list[RawDocument], o: Options, timings: dict[str, float]) -> Future:
        batch = _Batch(raws, o, timings, max(1, o.ray_workers))
        if not raws:
            batch.future.set_result(([], {}))
        else:
            dispatcher.submit(batch)
        return batch.future

    return run


class _Batch:
    """One batch's chunks and what has come back of them; its future resolves with the articles
    in input order and their vectors once the last chunk is back."""

    def __init__(self, raws: list[RawDocument], opts: Options, timings: dict[str, float], workers: int):
        self.raws, self.opts, self.timings = raws, opts, timings
        self.chunks = _chunks(raws, workers)
        self.left = len(self.chunks)
        self.done: dict[int, Article] = {}
        self.vectors: dict[bytes, bytes] = {}
        self.future: Future = Future()

    def finish(self, chunk: list[int], got) -> None:
        if isinstance(got, Exception):  # a worker lost for good: record it on its documents
            log.error("ray worker failed on %d documents: %r", len(chunk), got)
            self.done.update((i, _failed(self.raws[i], got)) for i in chunk)
        else:
            arts, v, t = got
            self.done.update(zip(chunk, arts))
            self.vectors.update(v)
            for k, secs in t.items():
                self.timings[k] = self.timings.get(k, 0.0) + secs
        self.left -= 1
        if not self.left:
            self.future.set_result(([self.done[i] for i in range(len(self.raws))], self.vectors))


def _chunks(raws: list[RawDocument], workers: int) -> list[list[int]]:
    """Indices of `raws` in chunks, longest documents first, each chunk a `CHUNK_SHARE`th of a
    worker's share of what is left: big chunks while there is much to do (fewer round trips),
    single documents at the end, so the workers finish a batch within about one short document
    of each other."""
    order = sorted(range(len(raws)), key=lambda i: -len(raws[i].content or ""))
    chunks: list[list[int]] = []
    start = 0
    while start < len(order):
        size = max(1, math.ceil((len(order) - start) / (CHUNK_SHARE * workers)))
        chunks.append(order[start:start + size])
        start += size
    return chunks


class _Dispatcher:
    """Hands the chunks of every submitted batch, in submission order, to whichever actor is
    free, from a thread of its own. The driver's main thread meanwhile stores the previous
    batch and reads the next one, so the actors never wait for it, and an actor done with its
    last chunk of one batch starts on the next batch instead of idling behind the other actors'
    last chunks."""

    def __init__(self, actors: list):
        self.actors = actors
        self.todo: queue.SimpleQueue = queue.SimpleQueue()  # (batch, chunk); None stops the thread
        self.open = True
        self.failed: Exception | None = None
        self.thread = threading.Thread(target=self._run, name="newsprism-ray-dispatch", daemon=True)
        self.thread.start()

    def submit(self, batch: _Batch) -> None:
        for chunk in batch.chunks:
            self.todo.put((batch, chunk))
        if self.failed is not None:  # checked after queueing: the thread drains the queue once it has failed
            _fail(batch, self.failed)

    def _run(self) -> None:
        pending: dict = {}  # object ref -> (actor, batch, chunk)
        try:
            self._loop(pending)
        except Exception as exc:  # Ray itself gone: no batch may wait forever on this thread
            log.exception("ray dispatcher stopped")
            self.failed = exc
            for _, batch, _ in list(pending.values()):
                _fail(batch, exc)
            while True:
                try:
                    item = self.todo.get_nowait()
                except queue.Empty:
                    break
                if item is not None:
                    _fail(item[0], exc)

    def _loop(self, pending: dict) -> None:
        import ray

        idle = list(self.actors)
        while self._feed(idle, pending, wait=not pending) or pending:
            # an idle actor must notice newly queued chunks soon; a busy pool has nothing to pick up
            ready, _ = ray.wait(list(pending), num_returns=1, timeout=POLL_S if idle and self.open else None)
            done = [(ref, *pending.pop(ref)) for ref in ready]
            idle += [actor for _, actor, _, _ in done]
            self._feed(idle, pending, wait=False)  # before unpickling the results: the actors start on their next chunk now
            for ref, _, batch, chunk in done:
                try:
                    got = ray.get(ref)
                except Exception as exc:
                    got = exc
                batch.finish(chunk, got)

    def _feed(self, idle: list, pending: dict, wait: bool) -> bool:
        """Give queued chunks to idle actors, waiting for the first one if `wait`; False once
        stopped."""
        while idle and self.open:
            try:
                item = self.todo.get(block=wait)
                wait = False
            except queue.Empty:
                break
            if item is None:
                self.open = False
                break
            batch, chunk = item
            actor = idle.pop()
            pending[actor.run.remote([batch.raws[i] for i in chunk], batch.opts)] = (actor, batch, chunk)
        return self.open


def _fail(batch: _Batch, exc: Exception) -> None:
    try:
        batch.future.set_exception(exc)
    except InvalidStateError:  # the thread and `submit` may both get to it
        pass


def ray_embedder(opts: Options) -> Callable[[Iterable[list[str]]], Iterator[dict[bytes, bytes]]]:
    """`pipeline`'s claim embedder on the worker actors: batches of texts in, store rows out,
    two batches per worker in flight (the next one queued while the driver reads texts for the
    one after), so the driver never holds the whole corpus' texts."""
    actors = _actors(opts)

    def run(batches: Iterable[list[str]]) -> Iterator[dict[bytes, bytes]]:
        for _, rows in _scatter(actors, batches, lambda actor, t: actor.vectors.remote(t, True), depth=2):
            if isinstance(rows, Exception):  # a lost batch is only cost: the corpus phase embeds what it misses
                log.error("ray worker failed to embed a batch: %r", rows)
                continue
            yield rows
    return run


def _scatter(actors: list, items: Iterable, call: Callable, depth: int = 1) -> Iterator[tuple[object, object]]:
    """(item, result) pairs in the order they finish, each worker given its next item the moment
    one of its own is done, with `depth` items queued on it; a failed call yields its exception.
    Items are drawn lazily, so a stream is never read ahead of the workers."""
    import ray

    source = iter(items)
    pending: dict = {}  # object ref -> (actor, item)

    def feed(actor) -> None:
        item = next(source, _END)
        if item is not _END:
            pending[call(actor, item)] = (actor, item)

    for actor in actors:
        for _ in range(depth):
            feed(actor)
    while pending:
        [ref], _ = ray.wait(list(pending), num_returns=1)
        actor, item = pending.pop(ref)
        feed(actor)  # before unpickling the result: the worker starts on its next item now
        try:
            yield item, ray.get(ref)
        except Exception as exc:
            yield item, exc


_END = object()


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
    stats: dict = {"seen": 0, "new": 0, "errors": 0, "skipped_shards": 0, "failed_shards": 0, "timings": {}}

    def todo() -> Iterator[tuple[list[RawDocument], str]]:
        for chunk in batches(iter_documents(paths, opts), shard_size):
            stats["seen"] += len(chunk)
            path = folder / f"{content_id(chr(0).join(raw_id(r) for r in chunk))[:24]}.parquet"
            if path.exists():
                stats["skipped_shards"] += 1
                continue
            yield chunk, str(path)

    calls = _scatter(_actors(opts), todo(), lambda actor, c: actor.run_to_shard.remote(c[0], opts, c[1]))
    for _, got in calls:
        if isinstance(got, Exception):  # the shard is simply missing; a rerun redoes that chunk
            log.error("ray worker failed on a shard: %r", got)
            stats["failed_shards"] += 1
            continue
        stats["new"] += got["new"]
        stats["errors"] += got["errors"]
        for k, v in got["timings"].items():
            stats["timings"][k] = stats["timings"].get(k, 0.0) + v
    return stats


def start(opts: Options) -> None:
    """Connect to Ray and start the workers now, instead of on the first batch."""
    _actors(opts)


def _failed(raw: RawDocument, exc: Exception) -> Article:
    from ..pipeline import error_article

    return error_article(raw, f"ray worker failed: {type(exc).__name__}")


def _actors(opts: Options) -> list:
    import ray

    workers = max(1, opts.ray_workers)
    _connect(opts.ray_address, workers)
    key = (opts.ray_address, workers)
    if _state["actors_key"] != key:
        _kill_actors()
        remote = ray.remote(num_cpus=1, max_restarts=2, max_task_retries=2)(DocWorker)
        actors = [remote.remote() for _ in range(workers)]
        ray.get([a.warm.remote() for a in actors])  # fail here, not mid-batch, if none can start
        _state.update(actors=actors, actors_key=key)
    return _state["actors"]


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


def _dispatcher(opts: Options) -> _Dispatcher:
    actors = _actors(opts)
    if _state["dispatcher"] is None or _state["dispatcher"].actors is not actors:
        _state["dispatcher"] = _Dispatcher(actors)
    return _state["dispatcher"]


def _kill_actors() -> None:
    import ray

    dispatcher = _state["dispatcher"]
    if dispatcher is not None:
        dispatcher.todo.put(None)  # it hands out nothing more; what runs fails with its actor
    for actor in _state["actors"]:
        ray.kill(actor, no_restart=True)
    if dispatcher is not None:
        dispatcher.thread.join()
    _state.update(actors=[], actors_key=None, dispatcher=None)


def shutdown() -> None:
    """Stop the worker actors and disconnect (a local Ray started here stops; a cluster stays)."""
    import ray

    if not ray.is_initialized():
        return
    _kill_actors()
    ray.shutdown()
    _state["local_cpus"] = 0
