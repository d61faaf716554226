"""Parquet shards: how processed articles leave the workers in cluster mode.

SQLite has one writer. On one machine that is fine (a batch commits in milliseconds while the
stages take seconds), but a hundred workers funnelling rows through one driver make the writer and
the driver's network link the bottleneck. So in cluster mode each worker writes the articles it
processed to its own Parquet file (append-only, compressed, readable by DuckDB/Spark/Polars as a
dataset), and a merge step streams the shards into the store in batches, with the store's own
idempotent `put_articles`: merging a shard twice, or a shard that overlaps the store, adds nothing.

A shard keeps the few columns that are filtered on (id, status, language, published, outlet)
beside the full record as JSON, the same shape as the store's `record` column, so a shard round
trip is lossless and needs no second schema.
"""
from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..records import Article, to_dict

log = logging.getLogger(__name__)

COLUMNS = ("id", "source", "status", "language", "published", "outlet", "record")
MERGE_BATCH = 500  # articles per store transaction when merging: bounded memory, few commits


def write_shard(articles: Iterable[Article], path: str | Path) -> int:
    """Write articles to one Parquet file (atomically: a partial shard is never visible)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    rows = {c: [] for c in COLUMNS}
    for a in articles:
        for c in COLUMNS[:-1]:
            rows[c].append(getattr(a, c))
        rows["record"].append(json.dumps(to_dict(a), ensure_ascii=False))
    table = pa.table({c: pa.array(v, type=pa.string()) for c, v in rows.items()})
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".part")
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)
    return table.num_rows


def read_shard(path: str | Path, batch: int = MERGE_BATCH) -> Iterator[list[Article]]:
    """Articles of one shard, `batch` at a time, without loading the whole file."""
    import pyarrow.parquet as pq

    from ..store import article_from_dict

    for rb in pq.ParquetFile(path).iter_batches(batch_size=batch, columns=["record"]):
        yield [article_from_dict(json.loads(r)) for r in rb.column(0).to_pylist()]


def merge_shards(paths: Iterable[str | Path], store) -> dict[str, int]:
    """Load shards into a `Store`; unreadable shards are skipped with a log line and counted."""
    stats = {"shards": 0, "articles": 0, "new": 0, "bad_shards": 0}
    for path in sorted(Path(p) for p in paths):
        try:
            for arts in read_shard(path):
                known = store.has_articles(a.id for a in arts)
                store.put_articles(arts)
                stats["articles"] += len(arts)
                stats["new"] += len({a.id for a in arts} - known)
        except Exception as exc:  # a truncated or foreign file must not stop the merge
            log.error("shard %s skipped: %r", path, exc)
            stats["bad_shards"] += 1
            continue
        stats["shards"] += 1
    return stats


def shard_paths(folder: str | Path) -> list[Path]:
    """Finished shards in a folder (in-progress `.part` files are not shards yet)."""
    return sorted(Path(folder).glob("*.parquet"))
