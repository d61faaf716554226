"""Read-only queries for the API's list pages, which must stay fast on large stores.

`Store.events` decodes every event record of a page (claims, evidence, timeline: ~15 KB of JSON
each), which caps a list page at a few dozen requests per second. A list row needs none of that:
`event_rows` reads the plain columns (title, date, size, languages, outlets) and counts the claim
labels in the stored JSON text with one regex pass (a `"status": "..."` pair cannot occur unescaped
inside a JSON string), once per event until the store changes, so no record is decoded. It takes `Store.events`' filters
(`event_filter`) and ordering. Filter menus need the distinct languages and
outlets, cached until an article is added. Only parameterised SQL.
"""
from __future__ import annotations

import re
import weakref
from typing import Any

from . import event_filter

STATUSES = ("agreed", "contradicted", "likely_translation_error", "partial")
# A claim label as `Store` serialises it (json.dumps defaults); test_api_read checks the counts agree.
_LABEL = re.compile(r'"status": "(\w+)"')


def event_rows(store, query: str | None = None, date_from: str | None = None, date_to: str | None = None,
               language: str | None = None, entity: str | None = None, outlet: str | None = None,
               limit: int = 50, offset: int = 0) -> tuple[list[dict[str, Any]], int]:
    """One page of event summaries, newest first, and the total before paging."""
    clause, args = event_filter(query, date_from, date_to, language, entity, outlet)
    total = store.db.execute(f"SELECT count(*) FROM events e{clause}", args).fetchone()[0]
    rows = store.db.execute(
        f"SELECT e.id, e.title, e.date, e.n_articles, e.languages, e.outlets FROM events e{clause} "
        "ORDER BY e.date DESC, e.n_articles DESC, e.id LIMIT ? OFFSET ?", [*args, limit, offset]).fetchall()
    counts = _claim_counts(store, [r[0] for r in rows])
    out = []
    for eid, title, day, n, langs, outlets in rows:
        out.append({"id": eid, "title": title, "date": day, "n_articles": n or 0,
                    "languages": [x for x in (langs or "").split(",") if x],
                    "outlets": [x for x in (outlets or "").split(",") if x],
                    "claims": counts[eid]})
    return out, total


# store -> (PRAGMA data_version when filled, {event id: label counts})
_counts: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _claim_counts(store, ids: list[str]) -> dict[str, dict[str, int]]:
    """Label counts per event, read from its record once per connection until the data changes.

    `PRAGMA data_version` moves whenever another connection commits (an ingest job swapping in
    a new analysis), so a cached count is never served after the events it came from are gone."""
    version = store.db.execute("PRAGMA data_version").fetchone()[0]
    seen = _counts.get(store)
    if seen is None or seen[0] != version:
        seen = _counts[store] = (version, {})
    cache = seen[1]
    todo = [i for i in ids if i not in cache]
    if todo:
        q = f"SELECT id, record FROM events WHERE id IN ({','.join('?' * len(todo))})"
        for eid, record in store.db.execute(q, todo):
            cache[eid] = _label_counts(record)
    return {i: cache.get(i) or dict.fromkeys(STATUSES, 0) for i in ids}


def _label_counts(record: str) -> dict[str, int]:
    counts = dict.fromkeys(STATUSES, 0)
    for label in _LABEL.findall(record):
        if label in counts:
            counts[label] += 1
    return counts


_filter_cache: dict[tuple[str, int], dict[str, list[tuple[str, int]]]] = {}


def filter_values(store, limit: int = 200) -> dict[str, list[tuple[str, int]]]:
    """Languages and outlets of the stored articles with their counts, most frequent first.

    A full scan of the articles, so it is cached; articles are only ever added, so the highest
    rowid tells whether the cached answer is still right."""
    version = store.db.execute("SELECT max(rowid) FROM articles").fetchone()[0] or 0
    key = (store.path, version)
    if key not in _filter_cache:
        _filter_cache.clear()
        _filter_cache[key] = _filter_values(store, limit)
    return _filter_cache[key]


def _filter_values(store, limit: int) -> dict[str, list[tuple[str, int]]]:
    langs = store.db.execute(
        "SELECT language, count(*) FROM articles WHERE status='ok' AND language IS NOT NULL "
        "GROUP BY language ORDER BY count(*) DESC, language LIMIT ?", (limit,)).fetchall()
    outlets = store.db.execute(
        "SELECT outlet, count(*) FROM articles WHERE status='ok' AND outlet IS NOT NULL "
        "GROUP BY outlet ORDER BY count(*) DESC, outlet LIMIT ?", (limit,)).fetchall()
    return {"languages": langs, "outlets": outlets}


def error_rows(store, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
    """Failed documents, one page of them, and how many there are in all."""
    total = store.db.execute("SELECT count(*) FROM articles WHERE status!='ok'").fetchone()[0]
    rows = store.db.execute(
        "SELECT id, source, status, error, url, ingested_at FROM articles WHERE status!='ok' "
        "ORDER BY source, id LIMIT ? OFFSET ?", (limit, offset))
    keys = ("id", "source", "status", "error", "url", "ingested_at")
    return [dict(zip(keys, r)) for r in rows], total

