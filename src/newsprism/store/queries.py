"""Read-only queries the API and exports need beyond `Store`'s record getters.

The event list shows each event's outlets, languages and size; those are plain columns of the
`events` table, so reading them here costs one indexed lookup instead of decoding every article
record of the page. Filter menus need the distinct languages and outlets. Only parameterised SQL.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any


def event_facets(store, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Per event id: number of articles, languages and outlets, as stored with the analysis."""
    ids = list(ids)
    out: dict[str, dict[str, Any]] = {}
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        q = f"SELECT id, n_articles, languages, outlets FROM events WHERE id IN ({','.join('?' * len(chunk))})"
        for eid, n, langs, outlets in store.db.execute(q, chunk):
            out[eid] = {"n_articles": n or 0, "languages": [x for x in (langs or "").split(",") if x],
                        "outlets": [x for x in (outlets or "").split(",") if x]}
    return out


def filter_values(store, limit: int = 200) -> dict[str, list[tuple[str, int]]]:
    """Languages and outlets of the stored articles with their counts, most frequent first."""
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

