"""Exports: events, claims, entities or articles from the store as jsonl, csv, parquet, md or html.

JSONL keeps the nested JSON the API serves (an event is exactly `GET /api/events/{id}`), so
an export can be loaded by the same client code. CSV and Parquet get flat rows, one per item, with
list fields joined (CSV) or kept as lists (Parquet), for spreadsheets and dataframes. Markdown and
HTML of events are the report itself (`report.render`); the other kinds become one table.
Articles and events are streamed page by page, so exporting a large store stays in bounded memory
(except the event report, which needs every article at once, like `analyze --report`).
"""
from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .records import Report, to_dict

WHATS = ("events", "claims", "entities", "articles")
FORMATS = ("jsonl", "csv", "parquet", "md", "html")


def export(db: str, what: str, fmt: str, out: str | None = None) -> int:
    """Write the export to `out` (stdout when None, text formats only); returns the row count."""
    from .store import Store

    if what not in WHATS:
        raise SystemExit(f"unknown export {what!r}: choose one of {', '.join(WHATS)}")
    if fmt not in FORMATS:
        raise SystemExit(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if fmt == "parquet" and not out:
        raise SystemExit("parquet is binary: give --out FILE")
    if not Path(db).exists():
        raise SystemExit(f"no store at {db}: run `newsprism analyze` first")
    with Store(db, readonly=True) as store:
        if fmt in ("md", "html") and what == "events":
            from .report import render
            text = render(whole_report(store), fmt)
            with _output(out) as f:
                f.write(text)
            return text.count("\n## ") if fmt == "md" else text.count('class="event"')
        if fmt == "jsonl":
            with _output(out) as f:
                n = 0
                for n, row in enumerate(nested(store, what), 1):
                    f.write(json.dumps(row, ensure_ascii=False) + "\n")
            return n
        rows = list(flat(store, what))
        if fmt == "parquet":
            _parquet(rows, out)
        else:
            with _output(out) as f:
                f.write(_csv(rows) if fmt == "csv" else _md_table(rows) if fmt == "md" else _html_table(what, rows))
        return len(rows)


@contextmanager
def _output(out: str | None) -> Iterator[Any]:
    if not out:
        yield sys.stdout
        sys.stdout.flush()
        return
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    with open(out, "w", encoding="utf-8", newline="") as f:
        yield f


# -- what is exported -------------------------------------------------------------------------------
def all_events(store, page: int = 500) -> Iterator:
    offset = 0
    while True:
        events, _ = store.events(limit=page, offset=offset)
        yield from events
        if len(events) < page:
            return
        offset += page


def all_entities(store, page: int = 1000) -> Iterator:
    offset = 0
    while True:
        ents = store.entities(limit=page, offset=offset)
        yield from ents
        if len(ents) < page:
            return
        offset += page


def whole_report(store) -> Report:
    articles = {a.id: a for a in store.articles(status="ok")}
    return Report(events=list(all_events(store)), articles=articles,
                  entities={e.id: e for e in all_entities(store)}, errors=list(store.articles(status="error")))


def nested(store, what: str) -> Iterator[dict[str, Any]]:
    """The API's JSON for each item."""
    from .api import data

    if what == "events":
        for ev in all_events(store):
            yield data.event_detail(store, ev.id)
    elif what == "claims":
        for ev in all_events(store):
            for c in data.event_detail(store, ev.id)["claims"]:
                yield {"event_id": ev.id, "event_title": ev.title, **c}
    elif what == "entities":
        for e in all_entities(store):
            yield {**to_dict(e), "events": store.events_of_entity(e.id)}
    else:
        for a in store.articles(status=None):
            yield to_dict(a)


def flat(store, what: str) -> Iterator[dict[str, Any]]:
    """One flat row per item (lists stay lists; CSV joins them)."""
    for row in nested(store, what):
        if what == "events":
            counts = {s: sum(c["status"] == s for c in row["claims"])
                      for s in ("agreed", "partial", "contradicted", "likely_translation_error")}
            yield {"id": row["id"], "title": row["title"], "date": row["date"], "confidence": row["confidence"],
                   "n_articles": len(row["articles"]), **{f"n_{k}": v for k, v in counts.items()},
                   "outlets": [a["outlet"] or a["source"] for a in row["articles"]],
                   "languages": sorted({a["language"] or "" for a in row["articles"]}),
                   "entities": [e["name"] for e in row["entities"]], "article_ids": [a["id"] for a in row["articles"]]}
        elif what == "claims":
            conflict = row.get("conflict") or {}
            yield {"event_id": row["event_id"], "event_title": row["event_title"], "status": row["status"],
                   "text": row["text"], "date": row["date"], "confidence": row["confidence"],
                   "conflict_type": conflict.get("type"), "conflict_explanation": conflict.get("explanation"),
                   "sources": [e["outlet"] or e["source"] for e in row["evidence"]],
                   "sentences": [e["sentence"] for e in row["evidence"]], "silent": row["silent"],
                   "article_ids": row["source_ids"]}
        elif what == "entities":
            yield {"id": row["id"], "name": row["name"], "type": row["type"], "confidence": row["confidence"],
                   "variants": [f"{v['text']} ×{v['count']}" for v in row["variants"]], "events": row["events"]}
        else:
            yield {k: row[k] for k in ("id", "source", "status", "error", "url", "outlet", "title", "published",
                                       "language", "event_id", "mt_likelihood", "text")} | {
                   "author": row["author"], "removed": len(row["removed"])}


# -- formats --------------------------------------------------------------------------------------
def _cell(v: Any) -> Any:
    return "; ".join(map(str, v)) if isinstance(v, list) else v


def _csv(rows: list[dict[str, Any]]) -> str:
    buf = io.StringIO()
    if rows:
        w = csv.DictWriter(buf, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows({k: _cell(v) for k, v in r.items()} for r in rows)
    return buf.getvalue()


def _parquet(rows: list[dict[str, Any]], out: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    Path(out).parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows), out)


def _md_table(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return ""
    cols = [c for c in rows[0] if c != "text"]  # full article text does not fit a table cell

    def md(v: Any) -> str:
        return str(_cell(v) if v is not None else "").replace("|", "\\|").replace("\n", " ")

    lines = ["| " + " | ".join(cols) + " |", "|" + "---|" * len(cols)]
    lines += ["| " + " | ".join(md(r[c]) for c in cols) + " |" for r in rows]
    return "\n".join(lines) + "\n"


def _html_table(what: str, rows: list[dict[str, Any]]) -> str:
    import jinja2
    from importlib import resources

    css = resources.files("newsprism").joinpath("report/templates/style.css").read_text("utf-8")
    env = jinja2.Environment(loader=jinja2.PackageLoader("newsprism", "web/templates"), autoescape=True)
    cols = [c for c in rows[0] if c != "text"] if rows else []
    return env.get_template("export.html").render(what=what, cols=cols, css=css,
                                                  rows=[[_cell(r[c]) for c in cols] for r in rows])
