"""Scale: the document phase on Ray, and Parquet shards for the store in cluster mode.

`ray_runner(opts)` is what `pipeline.ingest` calls for `--engine ray`: the same document stages,
run by a pool of Ray actors that each hold the models; `ray_embedder(opts)` embeds the corpus
phase's claims on the same pool. `shards` writes processed articles as
Parquet files that many workers can produce independently, and merges them into one store, so
the single SQLite writer is no longer on the critical path of a cluster run. See
docs/scaling.md for the measured costs and the multi-node plan.
"""
from __future__ import annotations

from .ray_engine import ingest_shards, ray_embedder, ray_runner, shutdown, start
from .shards import merge_shards, read_shard, shard_paths, write_shard

__all__ = ["ray_runner", "ray_embedder", "start", "shutdown", "ingest_shards", "write_shard", "read_shard", "merge_shards", "shard_paths"]
