"""Scale: the document phase on Ray, and Parquet shards for the store in cluster mode.

`ray_runner(opts)` is what `pipeline.ingest` calls for `--engine ray`: the same document stages,
run by a pool of Ray actors that each hold the models. `shards` writes processed articles as
Parquet files that many workers can produce independently, and merges them into one store, so
the single SQLite writer is no longer on the critical path of a cluster run. See
docs/scaling.md for the measured costs and the multi-node plan.
"""
from __future__ import annotations

from .ray_engine import ray_runner, shutdown

__all__ = ["ray_runner", "shutdown"]
