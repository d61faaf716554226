"""The JSON the API returns, built from the store; the HTML pages render these same dicts.

One function per resource, so a page and its JSON twin can never disagree. The event shape is the
report's (`report.to_json`), plus the article id behind every evidence sentence and source
(timeline entries already carry theirs) so clients can follow a statement back to its article.
"""
from __future__ import annotations

from typing import Any

from ..records import Report, to_dict
from ..report import STATUS_ORDER, to_json
from ..store import queries


def page(items: list[Any], total: int, limit: int, offset: int) -> dict[str, Any]:
    return {"total": total, "limit": limit, "offset": offset, "items": items}


def event_list(store, limit: int = 50, offset: int = 0, q: str | None = None, **filters: str | None) -> dict[str, Any]:
    """One page of event summaries; `q` is full-text, the other filters are `Store.events`' own."""
    rows, total = queries.event_rows(store, query=q, **filters, limit=limit, offset=offset)
    return page(rows, total, limit, offset)


def event_detail(store, event_id: str) -> dict[str, Any] | None:
    ev = store.event(event_id)
    if ev is None:
        return None
    articles = {a.id: a for a in store.articles(status=None, ids=ev.articles)}
    entities = {e.id: e for e in store.entities(ids=ev.entities)}
    out = to_json(Report(events=[ev], articles=articles, entities=entities))["events"][0]
    # to_json labels sources by file name; keep the ids too, in the same (status) order it uses.
    groups = sorted(ev.claims, key=lambda g: STATUS_ORDER.get(g.status, 9))
    for g, c in zip(groups, out["claims"]):
        c["source_ids"], c["silent_ids"] = list(g.sources), list(g.silent)
        for rec, e in zip(g.evidence, c["evidence"]):
            e["article_id"] = rec.source
    return out


def entity_detail(store, entity_id: str, limit: int = 50, offset: int = 0) -> dict[str, Any] | None:
    ent = store.entity(entity_id)
    if ent is None:
        return None
    return {**to_dict(ent), "events": event_list(store, limit=limit, offset=offset, entity=entity_id)}


def article_detail(store, article_id: str) -> dict[str, Any] | None:
    a = store.article(article_id)
    if a is None:
        return None
    return {**to_dict(a), "label": a.label}


def error_list(store, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    rows, total = queries.error_rows(store, limit, offset)
    return page(rows, total, limit, offset)


def filter_values(store) -> dict[str, Any]:
    values = queries.filter_values(store)
    return {k: [{"value": v, "count": n} for v, n in rows] for k, rows in values.items()}
