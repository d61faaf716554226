"""Parquet shards carry articles losslessly from workers to the store, and merging is idempotent."""
from __future__ import annotations

from newsprism.records import Article, Claim, Mention, Quantity, RemovedLine, TimeExpr, content_id
from newsprism.scale import merge_shards, read_shard, shard_paths, write_shard
from newsprism.store import Store


def _article(n: int, status: str = "ok") -> Article:
    text = f"Harbour pilots in Lorwick ended a {n}-day strike on Monday, the Lorwick Pilots Guild said."
    aid = content_id(text)
    return Article(
        id=aid, source=f"feed.jsonl#{n}", status=status, error=None if status == "ok" else "empty page",
        url=f"https://lorwick-gazette.example/{n}", outlet="Lorwick Gazette", title="Pilots end strike",
        published="2025-04-07", language="en", language_confidence=0.98, text=text,
        removed=[RemovedLine("Subscribe now", "ad")],
        mentions=[Mention("Lorwick", 18, 25, "GPE", article_id=aid, sentence=0)],
        timexes=[TimeExpr("Monday", 50, 56, "DATE", "2025-04-07", anchor="2025-04-07", relative=True,
                          article_id=aid)],
        claims=[Claim(id=f"{aid}:0", article_id=aid, text=text, sentence=text, start=0, end=len(text),
                      numbers=[Quantity(float(n), f"{n}-day", "day")], dates=["2025-04-07"], status="done")],
        extra={"stage_errors": {}, "note": "é ü 中"})


def test_shard_round_trip_is_lossless(tmp_path):
    arts = [_article(n) for n in range(1, 8)] + [_article(99, status="error")]
    assert write_shard(arts, tmp_path / "a.parquet") == len(arts)
    back = [a for chunk in read_shard(tmp_path / "a.parquet", batch=3) for a in chunk]
    assert back == arts


def test_merge_loads_every_shard_once(tmp_path):
    write_shard([_article(n) for n in range(1, 5)], tmp_path / "shards" / "s1.parquet")
    write_shard([_article(n) for n in range(4, 9)], tmp_path / "shards" / "s2.parquet")  # overlaps s1 on 4
    with Store(str(tmp_path / "m.db")) as store:
        first = merge_shards(shard_paths(tmp_path / "shards"), store)
        again = merge_shards(shard_paths(tmp_path / "shards"), store)
        stored = {a.id: a for a in store.articles()}
    assert first["new"] == 8 and first["shards"] == 2
    assert again["new"] == 0
    assert stored[_article(3).id] == _article(3)


def test_unreadable_shard_is_skipped_not_fatal(tmp_path):
    folder = tmp_path / "shards"
    write_shard([_article(1)], folder / "good.parquet")
    (folder / "broken.parquet").write_bytes(b"PAR1 truncated")
    (folder / "inflight.parquet.part").write_bytes(b"")
    with Store(str(tmp_path / "m.db")) as store:
        stats = merge_shards(shard_paths(folder), store)
        assert [a.id for a in store.articles()] == [_article(1).id]
    assert stats["bad_shards"] == 1 and stats["shards"] == 1
