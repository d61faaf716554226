"""The store keeps each document once, writes batches atomically and searches text."""
from __future__ import annotations

import sqlite3

import pytest

from newsprism.records import Article, ClaimGroup, Conflict, Event, Evidence
from newsprism.store import MIGRATIONS, Store


def _article(i: int, text: str = "Harbor workers ended the strike.") -> Article:
    return Article(id=f"id{i}", source=f"doc{i}.html", title=f"Title {i}", text=text, language="en",
                   outlet="Harbor Daily", published="2026-03-03")


def test_same_id_stored_once(tmp_path):
    with Store(str(tmp_path / "n.db")) as s:
        s.put_articles([_article(1)])
        s.put_articles([_article(1), _article(2)])
        assert s.count_articles() == {"ok": 2}
        assert s.has_articles(["id1", "id3"]) == {"id1"}


def test_failed_batch_leaves_nothing(tmp_path):
    s = Store(str(tmp_path / "n.db"))
    bad = _article(2)
    bad.extra["unserialisable"] = object()
    with pytest.raises(TypeError):
        s.put_articles([_article(1), bad])
    assert s.count_articles() == {}


def test_roundtrip_and_search(tmp_path):
    s = Store(str(tmp_path / "n.db"))
    arts = {a.id: a for a in (_article(1), _article(2, "A ferry sank near the coast."))}
    s.put_articles(list(arts.values()))
    g = ClaimGroup(text="2,400 workers", status="contradicted", sources=["id1", "id2"],
                   evidence=[Evidence(source="id1", sentence="2,400 workers.")],
                   conflict=Conflict(type="number", explanation="2,400 vs 2,040"))
    ev = Event(id="ev-1", title="Strike ends", date="2026-03-02", articles=["id1"], claims=[g])
    s.replace_analysis([ev, Event(id="ev-2", title="Ferry sinks", date="2026-03-01", articles=["id2"])], [], arts)
    back = s.event("ev-1")
    assert back.claims[0].conflict.type == "number" and back.claims[0].evidence[0].sentence == "2,400 workers."
    found, total = s.events(query="ferry")
    assert total == 1 and found[0].id == "ev-2"
    # FTS syntax in user input is treated as words, never as a query language
    assert s.events(query='ferry" OR "strike')[1] == 0
    assert [e.id for e in s.events(query="(ferry*")[0]] == ["ev-2"]


def test_migrations_recorded(tmp_path):
    path = str(tmp_path / "n.db")
    Store(path).close()
    Store(path).close()  # reopening applies nothing twice
    rows = sqlite3.connect(path).execute("SELECT id FROM migrations").fetchall()
    assert rows == [(n,) for n in range(1, len(MIGRATIONS) + 1)]
