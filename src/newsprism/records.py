"""Typed records that flow one way through the stages.

ingest yields `RawDocument`s; clean turns each into an `Article`; language, entities, time and
claims add `Mention`s, `TimeExpr`s and `Claim`s to it; corpus-level stages build `Entity`s,
`Event`s and `ClaimGroup`s; report renders a `Report`. Every record keeps where it came from
(article id, character offsets) so any statement in a report can be traced back to its sentence.

Records are plain dataclasses: cheap to create, picklable for Ray, and `to_dict` gives the JSON
shape the CLI and API promise.
"""
from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

DocStatus = Literal["ok", "error", "skipped"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
ClaimStatus = Literal["agreed", "partial", "contradicted", "likely_translation_error"]


def content_id(content: bytes | str) -> str:
    """Article id: sha256 of the raw content, so re-ingesting the same document is a no-op."""
    data = content.encode("utf-8", "surrogatepass") if isinstance(content, str) else content
    return hashlib.sha256(data).hexdigest()


def to_dict(record: Any) -> Any:
    """JSON-ready form of a record (or list of records); drops nothing, converts nested records."""
    if dataclasses.is_dataclass(record):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, (list, tuple)):
        return [to_dict(r) for r in record]
    if isinstance(record, dict):
        return {k: to_dict(v) for k, v in record.items()}
    return record


@dataclass
class RawDocument:
    """One input document as found by ingest, before any cleaning.

    `content` is bytes for files (charset unknown) or str when the container already decoded it
    (JSONL, feeds). `kind` is a hint: "html", "text", or "" when ingest could not tell.
    """

    source: str  # file path, path#line, warc-record id or feed item link
    content: bytes | str
    kind: str = ""
    url: str | None = None
    fetched_at: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)  # title/date/author given by the container
    error: str | None = None  # set by ingest when the container itself was unreadable


@dataclass
class RemovedLine:
    text: str
    reason: str  # e.g. "ad", "navigation", "comment-form", "foreign-language", "page-date"


@dataclass
class Mention:
    text: str
    start: int  # character offsets into Article.text
    end: int
    type: str  # PERSON, ORG, GPE, LOC, EVENT, PRODUCT, NORP, MISC
    article_id: str = ""
    sentence: int = -1
    entity_id: str | None = None
    confidence: float = 1.0


@dataclass
class Variant:
    text: str
    source: str  # article id (or outlet) where it was seen
    count: int = 1


@dataclass
class Entity:
    id: str
    name: str
    type: str
    variants: list[Variant] = field(default_factory=list)
    confidence: float = 1.0
    evidence: list[dict[str, Any]] = field(default_factory=list)  # why variants were merged


@dataclass
class TimeExpr:
    text: str
    start: int
    end: int
    type: TimexType
    value: str | None  # TimeML value: 2021-01-26, 2021-W04, P5Y, XXXX-02-05, PRESENT_REF ...
    anchor: str | None = None  # reference date used to resolve a relative expression
    relative: bool = False
    confidence: float = 1.0
    article_id: str = ""


@dataclass
class Quantity:
    value: float
    text: str
    unit: str | None = None


@dataclass
class Claim:
    id: str
    article_id: str
    text: str  # the claim as stated (a sentence or a clause of one)
    sentence: str  # the whole source sentence
    start: int  # offsets of `sentence` in Article.text
    end: int
    subject: str | None = None
    action: str | None = None
    object: str | None = None
    numbers: list[Quantity] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)  # resolved TimeML values
    places: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)  # entity ids (after canonicalisation)
    status: str = "reported"  # done, planned, agreed, proposed, denied, reported, alleged
    negated: bool = False
    attribution: str | None = None
    lang: str | None = None


@dataclass
class Article:
    id: str  # sha256 of the raw content: re-ingesting the same document is a no-op
    source: str
    status: DocStatus = "ok"
    error: str | None = None
    url: str | None = None
    outlet: str | None = None
    title: str | None = None
    author: list[str] = field(default_factory=list)
    published: str | None = None  # ISO date of publication, or None
    published_confidence: float = 0.0
    published_source: str | None = None  # which cue gave it: meta, url, text, anchor ...
    modified: str | None = None
    page_date: str | None = None  # a date printed on the page that is not the publication date
    page_date_flag: str | None = None  # why page_date was not taken as the publication date
    language: str | None = None
    language_confidence: float = 0.0
    mt_likelihood: float = 0.0  # how much the text reads like machine translation (English)
    text: str = ""
    captions: list[str] = field(default_factory=list)
    removed: list[RemovedLine] = field(default_factory=list)
    kind: str = ""
    fetched_at: str | None = None
    mentions: list[Mention] = field(default_factory=list)
    timexes: list[TimeExpr] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    event_id: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def label(self) -> str:
        """Short human name for the article in reports: outlet, else the file name."""
        return self.outlet or self.source.rsplit("/", 1)[-1]


@dataclass
class Evidence:
    source: str  # article id
    sentence: str
    outlet: str | None = None
    start: int = -1
    end: int = -1
    claim_id: str | None = None


@dataclass
class Conflict:
    type: str  # number, date, status, actor, negation, attribution
    explanation: str
    values: dict[str, Any] = field(default_factory=dict)  # article id -> the differing value


@dataclass
class ClaimGroup:
    """One statement aligned across the articles of an event, with its label."""

    text: str
    status: ClaimStatus
    sources: list[str]  # article ids that carry the statement
    evidence: list[Evidence] = field(default_factory=list)
    silent: list[str] = field(default_factory=list)  # article ids of the event that omit it
    conflict: Conflict | None = None
    date: str | None = None
    confidence: float = 1.0


@dataclass
class TimelineEntry:
    date: str  # TimeML value
    text: str
    article_id: str
    sentence: str = ""
    confidence: float = 1.0


@dataclass
class Event:
    id: str
    title: str
    date: str | None = None
    articles: list[str] = field(default_factory=list)  # article ids
    entities: list[str] = field(default_factory=list)  # entity ids
    places: list[str] = field(default_factory=list)
    timeline: list[TimelineEntry] = field(default_factory=list)
    claims: list[ClaimGroup] = field(default_factory=list)
    related: list[dict[str, Any]] = field(default_factory=list)  # {"event": id, "score", "why"}
    confidence: float = 1.0


@dataclass
class Report:
    events: list[Event] = field(default_factory=list)
    articles: dict[str, Article] = field(default_factory=dict)
    entities: dict[str, Entity] = field(default_factory=dict)
    errors: list[Article] = field(default_factory=list)  # documents that failed, with reasons
    stats: dict[str, Any] = field(default_factory=dict)
