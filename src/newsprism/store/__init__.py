"""Store: the one place that touches the database.

One embedded SQLite file (WAL, so readers such as `newsprism serve` never block a running
ingest). Articles are keyed by the sha256 of their raw content, so re-ingesting a document is a
no-op; each batch of articles is written in one transaction, so a killed run leaves whole
documents or none. Records are kept as JSON beside the few columns that are queried, and FTS5
indexes article text and event titles. Schema changes are numbered migrations recorded in the
`migrations` table, never "delete the file". Only parameterised SQL.
"""
from __future__ import annotations

import itertools
import json
import re
import sqlite3
import sys
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any

from ..records import (Article, Claim, ClaimGroup, Conflict, Entity, Event, Evidence, Mention,
                       Quantity, RemovedLine, TimeExpr, TimelineEntry, Variant, to_dict)

MIGRATIONS: list[str] = [
    # 1: articles, events, entities, full-text search
    """
    CREATE TABLE articles (
        id TEXT PRIMARY KEY, source TEXT NOT NULL, status TEXT NOT NULL, error TEXT,
        url TEXT, outlet TEXT, title TEXT, published TEXT, language TEXT, event_id TEXT,
        ingested_at TEXT NOT NULL, record TEXT NOT NULL);
    CREATE INDEX articles_status ON articles(status);
    CREATE INDEX articles_event ON articles(event_id);
    CREATE VIRTUAL TABLE articles_fts USING fts5(title, text, article_id UNINDEXED);
    CREATE TABLE events (
        id TEXT PRIMARY KEY, title TEXT, date TEXT, n_articles INTEGER, languages TEXT,
        outlets TEXT, record TEXT NOT NULL);
    CREATE INDEX events_date ON events(date);
    CREATE VIRTUAL TABLE events_fts USING fts5(title, body, event_id UNINDEXED);
    CREATE TABLE entities (id TEXT PRIMARY KEY, name TEXT, type TEXT, record TEXT NOT NULL);
    CREATE TABLE event_entities (event_id TEXT, entity_id TEXT, PRIMARY KEY (event_id, entity_id));
    """,
    # 2: the event list's ordering
    """
    CREATE INDEX events_order ON events(date DESC, n_articles DESC, id);
    """,
    # 3: sentence vectors, computed once (document phase) and read back by the corpus phase
    """
    CREATE TABLE vectors (key BLOB PRIMARY KEY, vec BLOB NOT NULL) WITHOUT ROWID;
    """,
]


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Store:
    def __init__(self, path: str, readonly: bool = False):
        self.path = path
        uri = f"file:{path}?mode=ro" if readonly else f"file:{path}"
        # check_same_thread=False: the API serves reads from a thread pool; writes are serialised
        # by the lock below.
        self.db = sqlite3.connect(uri, uri=True, check_same_thread=False, timeout=30)
        self.lock = threading.RLock()
        self.db.execute("PRAGMA busy_timeout=30000")
        if not readonly:
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self._migrate()

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self.lock:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")

    def _migrate(self) -> None:
        with self.lock:
            self.db.execute("CREATE TABLE IF NOT EXISTS migrations (id INTEGER PRIMARY KEY, applied_at TEXT)")
            done = {r[0] for r in self.db.execute("SELECT id FROM migrations")}
            for n, sql in enumerate(MIGRATIONS, 1):
                if n in done:
                    continue
                with self.transaction() as db:
                    for stmt in filter(str.strip, sql.split(";")):
                        db.execute(stmt)
                    db.execute("INSERT INTO migrations VALUES (?, ?)", (n, _now()))

    def _rows_in(self, sql: str, values: Iterable) -> Iterator[tuple]:
        """Rows of `sql` whose `IN ({marks})` takes `values`, 500 at a time (SQLite caps the
        number of bound parameters)."""
        values = list(values)
        for i in range(0, len(values), 500):
            chunk = values[i:i + 500]
            yield from self.db.execute(sql.format(marks=",".join("?" * len(chunk))), chunk)

    # -- articles -------------------------------------------------------------------------------
    def has_articles(self, ids: Iterable[str]) -> set[str]:
        return {r[0] for r in self._rows_in("SELECT id FROM articles WHERE id IN ({marks})", ids)}

    def put_articles(self, articles: list[Article], vectors: dict[bytes, bytes] | None = None) -> None:
        """Write a batch, and the sentence vectors computed for it, in one transaction: all of it
        lands, or none."""
        with self.transaction() as db:
            _insert_vectors(db, vectors or {})
            for a in articles:
                if db.execute("SELECT 1 FROM articles WHERE id=?", (a.id,)).fetchone():
                    continue
                db.execute(
                    "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (a.id, a.source, a.status, a.error, a.url, a.outlet, a.title, a.published,
                     a.language, a.event_id, _now(), json.dumps(to_dict(a), ensure_ascii=False)))
                if a.status == "ok":
                    db.execute("INSERT INTO articles_fts VALUES (?,?,?)", (a.title or "", a.text, a.id))

    def articles(self, status: str | None = "ok", ids: Iterable[str] | None = None) -> Iterator[Article]:
        if ids is not None:
            for (rec,) in self._rows_in("SELECT record FROM articles WHERE id IN ({marks}) ORDER BY id", ids):
                yield article_from_dict(json.loads(rec))
            return
        q, args = "SELECT record FROM articles", ()
        if status:
            q, args = q + " WHERE status=?", (status,)
        for (rec,) in self.db.execute(q + " ORDER BY id", args):
            yield article_from_dict(json.loads(rec))

    def article(self, article_id: str) -> Article | None:
        row = self.db.execute("SELECT record FROM articles WHERE id=?", (article_id,)).fetchone()
        return article_from_dict(json.loads(row[0])) if row else None

    def errors(self) -> list[dict[str, Any]]:
        return [{"id": r[0], "source": r[1], "error": r[2]} for r in self.db.execute(
            "SELECT id, source, error FROM articles WHERE status!='ok' ORDER BY source")]

    def count_articles(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT status, count(*) FROM articles GROUP BY status").fetchall())

    # -- sentence vectors (see newsprism.embed) --------------------------------------------------
    def put_vectors(self, vectors: dict[bytes, bytes]) -> None:
        if vectors:
            with self.transaction() as db:
                _insert_vectors(db, vectors)

    def vectors(self, keys: Iterable[bytes]) -> Iterator[tuple[bytes, bytes]]:
        """Stored (key, vector) rows among `keys`; unknown keys are simply absent."""
        return self._rows_in("SELECT key, vec FROM vectors WHERE key IN ({marks})", keys)

    def count_vectors(self) -> int:
        return self.db.execute("SELECT count(*) FROM vectors").fetchone()[0]

    # -- corpus-level results -------------------------------------------------------------------
    def light_articles(self) -> Iterator[Article]:
        """Every ok article without what only its own event reads (claims, removed lines,
        captions, time expressions other than dates), oldest first (undated last): what
        canonicalisation reads, a run of news at a time, before clustering. Mentions come
        without the entity ids of the previous analysis (canonicalisation sets them anew).
        SQLite drops the heavy fields before Python decodes anything; names and types are
        interned, since the same few thousand names recur across a corpus, and each mention
        shares its article's id string instead of holding a copy."""
        rows = self.db.execute("SELECT json_remove(record, '$.claims', '$.removed', '$.captions') FROM articles "
                               "WHERE status='ok' ORDER BY coalesce(json_extract(record, '$.published'), '9999'), id")
        for (rec,) in rows:
            a = article_from_dict(json.loads(rec))
            a.timexes = [t for t in a.timexes if t.type == "DATE"]
            for t in a.timexes:
                t.article_id = a.id if t.article_id == a.id else t.article_id
            for m in a.mentions:
                m.article_id = a.id if m.article_id == a.id else m.article_id
                m.text, m.type, m.entity_id = sys.intern(m.text), sys.intern(m.type), None
            yield a

    def stored_vectors(self, keys: Iterable[bytes]) -> set[bytes]:
        return {r[0] for r in self._rows_in("SELECT key FROM vectors WHERE key IN ({marks})", keys)}

    @contextmanager
    def analysis(self) -> Iterator[AnalysisWriter]:
        """Write a new analysis piece by piece, one event at a time, in place of the old one.

        It is one transaction: readers see the previous analysis until the new one is complete,
        and a killed run leaves the previous one. SQLite spills a large transaction to its WAL
        file, so the writer's memory does not grow with the corpus."""
        with self.transaction() as db:
            for table in ("events", "events_fts", "entities", "event_entities"):
                db.execute(f"DELETE FROM {table}")
            db.execute("CREATE TEMP TABLE IF NOT EXISTS entity_parts (id TEXT, record TEXT)")
            db.execute("DELETE FROM temp.entity_parts")
            yield AnalysisWriter(db)
            db.execute("DELETE FROM temp.entity_parts")

    def replace_analysis(self, events: list[Event], entities: list[Entity],
                         articles: dict[str, Article]) -> None:
        """Swap in a new set of events and entities atomically; article records get their links."""
        with self.analysis() as out:
            out.entities(entities)
            for ev in events:
                out.event(ev, [articles[i] for i in ev.articles if i in articles])
            out.articles(articles.values())

    def events(self, query: str | None = None, date_from: str | None = None, date_to: str | None = None,
               language: str | None = None, entity: str | None = None, outlet: str | None = None,
               limit: int = 50, offset: int = 0) -> tuple[list[Event], int]:
        """Events matching the filters, newest first, and the total count before paging."""
        clause, args = event_filter(query, date_from, date_to, language, entity, outlet)
        total = self.db.execute(f"SELECT count(*) FROM events e{clause}", args).fetchone()[0]
        rows = self.db.execute(
            f"SELECT record FROM events e{clause} ORDER BY e.date DESC, e.n_articles DESC, e.id LIMIT ? OFFSET ?",
            [*args, limit, offset])
        return [event_from_dict(json.loads(r[0])) for r in rows], total

    def event(self, event_id: str) -> Event | None:
        row = self.db.execute("SELECT record FROM events WHERE id=?", (event_id,)).fetchone()
        return event_from_dict(json.loads(row[0])) if row else None

    def entity(self, entity_id: str) -> Entity | None:
        row = self.db.execute("SELECT record FROM entities WHERE id=?", (entity_id,)).fetchone()
        return entity_from_dict(json.loads(row[0])) if row else None

    def entities(self, ids: Iterable[str] | None = None, limit: int = 1000, offset: int = 0) -> list[Entity]:
        if ids is not None:
            return [entity_from_dict(json.loads(r[0]))
                    for r in self._rows_in("SELECT record FROM entities WHERE id IN ({marks})", ids)]
        return [entity_from_dict(json.loads(r[0])) for r in self.db.execute(
            "SELECT record FROM entities ORDER BY name LIMIT ? OFFSET ?", (limit, offset))]

    def events_of_entity(self, entity_id: str) -> list[str]:
        return [r[0] for r in self.db.execute(
            "SELECT event_id FROM event_entities WHERE entity_id=? ORDER BY event_id", (entity_id,))]


class AnalysisWriter:
    """The pieces of one analysis, written inside `Store.analysis`'s transaction."""

    def __init__(self, db: sqlite3.Connection):
        self.db = db

    def entities(self, entities: Iterable[Entity]) -> None:
        self.db.executemany("INSERT INTO entities VALUES (?,?,?,?)", (
            (e.id, e.name, e.type, json.dumps(to_dict(e), ensure_ascii=False)) for e in entities))

    def entity_parts(self, entities: Iterable[Entity]) -> None:
        """Entities as one slice of the corpus saw them, to be pooled by id at the end
        (`pooled_entities`): parked in a temporary table, so memory holds one slice's."""
        self.db.executemany("INSERT INTO temp.entity_parts VALUES (?,?)", (
            (e.id, json.dumps(to_dict(e), ensure_ascii=False)) for e in entities))

    def pooled_entities(self) -> Iterator[list[Entity]]:
        """The parked records, one list per entity id, in the order they were parked."""
        rows = self.db.execute("SELECT id, record FROM temp.entity_parts ORDER BY id, rowid")
        for _, group in itertools.groupby(rows, key=lambda r: r[0]):
            yield [entity_from_dict(json.loads(rec)) for _, rec in group]

    def event(self, ev: Event, arts: list[Article]) -> None:
        """One event, with its articles (for the list's languages, outlets and search text)."""
        self.db.execute("INSERT INTO events VALUES (?,?,?,?,?,?,?)", (
            ev.id, ev.title, ev.date, len(arts),
            ",".join(sorted({a.language or "" for a in arts})),
            ",".join(sorted({a.label for a in arts})),
            json.dumps(to_dict(ev), ensure_ascii=False)))
        body = " ".join(f"{a.title or ''} {a.text[:2000]}" for a in arts)
        self.db.execute("INSERT INTO events_fts VALUES (?,?,?)", (ev.title, body, ev.id))
        self.db.executemany("INSERT OR IGNORE INTO event_entities VALUES (?,?)",
                            ((ev.id, ent) for ent in ev.entities))

    def articles(self, arts: Iterable[Article]) -> None:
        """Article records as the analysis left them (event link, canonical entity ids, anchors)."""
        self.db.executemany("UPDATE articles SET event_id=?, record=? WHERE id=?", (
            (a.event_id, json.dumps(to_dict(a), ensure_ascii=False), a.id) for a in arts))

    def vectors(self, vectors: dict[bytes, bytes]) -> None:
        _insert_vectors(self.db, vectors)


def _insert_vectors(db: sqlite3.Connection, vectors: dict[bytes, bytes]) -> None:
    db.executemany("INSERT OR IGNORE INTO vectors VALUES (?,?)", vectors.items())


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def event_filter(query: str | None, date_from: str | None, date_to: str | None, language: str | None,
                 entity: str | None, outlet: str | None) -> tuple[str, list[Any]]:
    """WHERE clause and arguments over `events e` for the list filters; LIKE wildcards in a filter
    value are literal, control characters in a search are spaces (FTS5 ends a string at NUL)."""
    where, args = [], []
    query = _CONTROL.sub(" ", query or "").strip()
    if query:
        where.append("e.id IN (SELECT event_id FROM events_fts WHERE events_fts MATCH ?)")
        args.append(fts_query(query))
    for column, op, value in (("e.date", ">=", date_from), ("e.date", "<=", date_to)):
        if value:
            where.append(f"{column} {op} ?")
            args.append(value)
    for column, value in (("e.languages", language), ("e.outlets", outlet)):
        if value:
            where.append(f"(',' || {column} || ',') LIKE ? ESCAPE '\\'")
            args.append("%," + value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + ",%")
    if entity:
        where.append("e.id IN (SELECT event_id FROM event_entities WHERE entity_id=?)")
        args.append(entity)
    return (" WHERE " + " AND ".join(where)) if where else "", args


def fts_query(text: str) -> str:
    """User text as an FTS5 query of quoted terms, so punctuation can never be FTS syntax."""
    terms = [t.replace('"', '""') for t in text.split() if t.strip()]
    return " ".join(f'"{t}"' for t in terms) or '""'


# -- JSON -> records ---------------------------------------------------------------------------
def article_from_dict(d: dict[str, Any]) -> Article:
    d = dict(d)
    d["removed"] = [RemovedLine(**r) for r in d.get("removed", [])]
    d["mentions"] = [Mention(**m) for m in d.get("mentions", [])]
    d["timexes"] = [TimeExpr(**t) for t in d.get("timexes", [])]
    d["claims"] = [claim_from_dict(c) for c in d.get("claims", [])]
    return Article(**d)


def claim_from_dict(d: dict[str, Any]) -> Claim:
    d = dict(d)
    d["numbers"] = [Quantity(**q) for q in d.get("numbers", [])]
    return Claim(**d)


def entity_from_dict(d: dict[str, Any]) -> Entity:
    d = dict(d)
    d["variants"] = [Variant(**v) for v in d.get("variants", [])]
    return Entity(**d)


def event_from_dict(d: dict[str, Any]) -> Event:
    d = dict(d)
    d["timeline"] = [TimelineEntry(**t) for t in d.get("timeline", [])]
    groups = []
    for g in d.get("claims", []):
        g = dict(g)
        g["evidence"] = [Evidence(**e) for e in g.get("evidence", [])]
        g["conflict"] = Conflict(**g["conflict"]) if g.get("conflict") else None
        groups.append(ClaimGroup(**g))
    d["claims"] = groups
    return Event(**d)
