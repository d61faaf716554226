"""newsprism: what actually happened, across outlets and languages.

The six public functions below are the stable interface; `newsprism.cli` and `newsprism.api`
are thin shells over them.

>>> import newsprism
>>> report = newsprism.analyze(["examples/corpus"], db=":memory:")      # doctest: +SKIP
>>> [(e.title, e.date, len(e.claims)) for e in report.events]            # doctest: +SKIP
"""
from __future__ import annotations

import types
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .config import Options
from .records import Article, ClaimGroup, Entity, Event, Report, TimeExpr

__version__ = "0.1.0"
__all__ = ["analyze", "extract", "timex", "similarity", "entities", "langid", "Options",
           "Report", "Article", "Event", "Entity", "ClaimGroup", "TimeExpr"]


def analyze(paths: Iterable[str | Path], db: str | None = None, report: str | Path | None = None,
            fmt: str = "html", options: Options | None = None,
            progress: Callable[[str, int], None] | None = None) -> Report:
    """Ingest `paths` into the store, analyse the whole store, optionally write the report.

    `progress(stage, n)` is called as documents are processed (`stage="documents"`) and as each
    corpus stage starts (`n=0`).
    """
    from . import pipeline, report as reporting
    from .store import Store

    opts = options or Options()
    if db is not None:
        opts.db = db
    with Store(opts.db) as store:
        stats = pipeline.ingest(paths, store, opts,
                                progress=(lambda n: progress("documents", n)) if progress else None)
        result = pipeline.analyze_corpus(store, opts, step=(lambda s: progress(s, 0)) if progress else None)
    result.stats.update(ingest=stats)
    if report is not None:
        Path(report).parent.mkdir(parents=True, exist_ok=True)
        Path(report).write_text(reporting.render(result, fmt), encoding="utf-8")
    return result


def extract(paths: Iterable[str | Path], options: Options | None = None) -> list[Article]:
    """Clean text, metadata, publication date and language for each input document."""
    from .clean import extract as clean_one
    from .ingest import iter_documents
    from .pipeline import error_article

    opts = options or Options()
    return [error_article(r, r.error) if r.error else clean_one(r, opts) for r in iter_documents(paths, opts)]


def timex(text: str, reference: str | None, lang: str | None = None) -> list[TimeExpr]:
    """Time expressions in `text`, normalised to TimeML and resolved against `reference`."""
    from .time import find_timexes

    return find_timexes(text, reference, lang)


def similarity(pairs: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Same-event probability for pairs `{"id", "a": {"title","text","lang"}, "b": {...}}`."""
    from .events import similarity_pairs

    pairs = list(pairs)
    built = [(_bare_article(p.get("a") or {}), _bare_article(p.get("b") or {})) for p in pairs]
    scores = similarity_pairs(built)
    return [{"id": p.get("id"), "score": round(float(s), 4)} for p, s in zip(pairs, scores)]


def _bare_article(d: dict[str, Any]) -> Article:
    """An Article from already-clean text, with the document stages that similarity reads."""
    from .pipeline import DOC_STAGES
    from .records import content_id

    text = str(d.get("text") or "")
    title = str(d.get("title") or "")
    a = Article(id=content_id(title + "\0" + text), source=str(d.get("id") or "pair"), title=title or None,
                text=text, language=d.get("lang"), published=d.get("published"))
    if not a.language:
        from .language import detect
        a.language, a.language_confidence = detect(text)
    for name in ("entities", "time"):
        DOC_STAGES[name](a)
    return a


def _entities(paths: Iterable[str | Path], options: Options | None = None) -> list[Entity]:
    """Canonical entities over the documents in `paths`, with their variants and evidence."""
    from .entities import canonicalize
    from .events import cluster
    from .ingest import iter_documents
    from .pipeline import process

    opts = options or Options()
    arts = [a for a in (process(r, opts) for r in iter_documents(paths, opts)) if a.status == "ok"]
    events = cluster(arts)
    return canonicalize(arts, groups=[e.articles for e in events])


class _CallableStage(types.ModuleType):
    """`newsprism.entities` is both the stage package and the public function: Python binds a
    subpackage over a same-named attribute of its parent, so the package itself is made callable."""

    def __call__(self, paths: Iterable[str | Path], options: Options | None = None) -> list[Entity]:
        return _entities(paths, options)


from . import entities  # noqa: E402  (the stage package, made callable below)

entities.__class__ = _CallableStage


def langid(lines: Iterable[str]) -> list[dict[str, Any]]:
    """Language (ISO 639-1) and confidence for each line."""
    from .language import detect_lines

    lines = list(lines)
    return [{"text": t, "lang": lang, "confidence": round(float(c), 4)}
            for t, (lang, c) in zip(lines, detect_lines(lines))]
