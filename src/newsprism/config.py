"""One options object per run, like trafilatura's `Extractor`: every stage reads what it needs
from here instead of long parameter lists."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Options:
    db: str = "newsprism.db"
    # Per-document budgets: scraped input is hostile, one page must not stall a batch.
    max_bytes: int = 20_000_000  # raw bytes kept per document; larger ones are rejected
    max_decompressed: int = 200_000_000  # gzip bomb guard for one input file
    doc_timeout_s: float = 30.0
    batch_size: int = 32
    engine: str = "local"  # local | ray
    ray_address: str | None = None
    ray_workers: int = 2
    # Same-event probability above which an article joins an existing event.
    event_threshold: float = 0.5
    progress: bool = True
    json_log: bool = False
