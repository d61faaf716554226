"""clean: one raw document in, one `Article` out (text, metadata, dates, language, removed lines).

The stage is total: whatever the input (empty, binary, a 50 MB page, 10,000 nested tags,
undecodable bytes), `extract` returns an Article, with `status="error"` and a reason when there
is nothing to read. HTML pages go through html.py (main text) and metadata.py (title, authors,
dates, site); flattened text dumps through lines.py (content vs chrome, line by line). Dates
from every cue are weighed in `_dates`, where a page date the text contradicts is set aside as
`page_date` with the reason.
"""
from __future__ import annotations

import logging
import time

from newsprism.clean.dates import parse_date, stale_reason, url_date
from newsprism.clean.decode import decode, looks_like_html
from newsprism.clean.lines import Cleaned, clean_lines
from newsprism.clean.metadata import clean_authors
from newsprism.config import Options
from newsprism.records import Article, RawDocument, content_id

__all__ = ["extract", "clean_lines", "Cleaned"]

log = logging.getLogger(__name__)

# Confidence of each publication-date cue, from how often it was right on the htmldate DEV set.
_CONFIDENCE = {"container": 0.9, "json-ld": 0.9, "meta": 0.85, "time-element": 0.75, "url": 0.8,
               "htmldate": 0.7, "byline": 0.65, "page-top": 0.45}


def _error(raw: RawDocument, art_id: str, reason: str) -> Article:
    return Article(id=art_id, source=raw.source, status="error", error=reason, url=raw.url,
                   kind=raw.kind, fetched_at=raw.fetched_at)


def extract(raw: RawDocument, opts: Options | None = None) -> Article:
    """Clean `raw` into an Article; never raises (bad input gives status="error" and a reason)."""
    opts = opts or Options()
    try:
        art_id = content_id(raw.content)
    except Exception as exc:  # content of a type ingest should never produce
        return Article(id="", source=str(raw.source), status="error", error=f"unreadable content: {exc}")
    if raw.error:
        return _error(raw, art_id, raw.error)
    try:
        return _extract(raw, art_id, opts)
    except Exception as exc:  # one hostile page must not stop a batch
        log.warning("clean failed on %s: %r", raw.source, exc)
        return _error(raw, art_id, f"extraction failed: {type(exc).__name__}: {exc}")


def _extract(raw: RawDocument, art_id: str, opts: Options) -> Article:
    deadline = time.monotonic() + opts.doc_timeout_s
    decoded = decode(raw.content, opts.max_bytes)
    if decoded.error:
        return _error(raw, art_id, decoded.error)
    kind = raw.kind if raw.kind in ("html", "text") else ("html" if looks_like_html(decoded.text) else "text")
    art = Article(id=art_id, source=raw.source, url=raw.url, kind=kind, fetched_at=raw.fetched_at)
    art.extra["encoding"] = decoded.encoding
    if kind == "html":
        from newsprism.clean.html import extract_html

        page = extract_html(decoded.text, raw.url, deadline)
        if page.error:
            return _error(raw, art_id, page.error)
        meta = page.meta
        art.text, art.captions = page.text, page.captions
        art.title, art.author, art.outlet, art.url = meta.title, meta.authors, meta.site, meta.url or raw.url
        art.modified = meta.modified
        top_date = page.top_date
        cues = [(meta.published, meta.published_source)] if meta.published else []
        if page.removed:
            art.removed = page.removed
        if not art.text.strip():
            return _error(raw, art_id, "no main text found in HTML page")
    else:
        top_date = None  # a dump's dated lines are weighed by `_dates` itself
        cleaned = clean_lines(decoded.text, _page_language(decoded.text))
        art.text, art.title, art.captions, art.removed = cleaned.text, cleaned.title, cleaned.captions, cleaned.removed
        art.author = clean_authors(cleaned.bylines)
        art.outlet = cleaned.site
        cues = [(d, "byline") for d in map(parse_date, cleaned.bylines + cleaned.datelines) if d]
        cues += [(d, "page-top") for d in map(parse_date, cleaned.page_dates[:1]) if d]
        if not art.text.strip():
            return _error(raw, art_id, "no article text left after removing page chrome")
    _container_meta(art, raw, cues)
    _dates(art, cues, raw.url or art.url)
    _header_date(art, top_date)
    _language(art)
    return art


def _header_date(art: Article, top: str | None) -> None:
    """A date in a page's header bar later than the publication date is the day the page was
    rendered or scraped: kept as `page_date`, never as the news day."""
    if top and art.published and top > art.published and not art.page_date:
        art.page_date = top
        art.page_date_flag = f"header date {top} is later than the publication date {art.published}: likely the render or scrape day"


def _container_meta(art: Article, raw: RawDocument, cues: list[tuple[str, str]]) -> None:
    """Title/author/date given by the container (JSONL, feed item) fill what the page lacks."""
    meta = raw.meta or {}
    art.title = art.title or (meta.get("title") if isinstance(meta.get("title"), str) else None)
    if not art.author and meta.get("author"):
        values = meta["author"] if isinstance(meta["author"], list) else [meta["author"]]
        art.author = clean_authors([str(v) for v in values])
    date = parse_date(str(meta.get("date") or meta.get("published") or ""))
    if date:
        cues.insert(0, (date, "container"))
    if meta.get("outlet") and not art.outlet:
        art.outlet = str(meta["outlet"])


def _dates(art: Article, cues: list[tuple[str, str]], url: str | None) -> None:
    """Pick the publication date among the cues; set aside a printed date the text contradicts."""
    in_url = url_date(url)
    if in_url:
        cues.append((in_url, "url"))
    for value, source in cues:
        # Markup dates are stated by the publisher; only dates printed in a text dump can be a
        # scrape or render date.
        if source in ("page-top", "byline"):
            reason = stale_reason(value, art.text)
            if reason:
                art.page_date, art.page_date_flag = art.page_date or value, art.page_date_flag or reason
                continue
        confidence = _CONFIDENCE.get(source, 0.5)
        agreeing = sum(1 for v, s in cues if v == value and s != source)
        art.published = value
        art.published_source = source
        art.published_confidence = round(min(1.0, confidence + 0.1 * agreeing), 2)
        # A date printed alone at the top of a dump that the byline contradicts is the day the
        # page was scraped or rendered, not the news day.
        top = next((v for v, s in cues if s == "page-top"), None)
        if top and top != value and not art.page_date:
            art.page_date = top
            art.page_date_flag = f"page-top date {top} differs from the {source} date {value}: likely the scrape or render day"
        return


def _language_module():
    try:
        from newsprism import language
    except ImportError:
        return None
    return language if hasattr(language, "detect") else None


def _page_language(text: str) -> str | None:
    """Rough language of a whole dump, chrome included, to spot lines in another language."""
    language = _language_module()
    if language is None:
        return None
    lang, _ = language.detect(text[:5000])
    return lang


def _language(art: Article) -> None:
    language = _language_module()
    if language is None:
        return
    lang, confidence = language.detect(art.text)
    art.language, art.language_confidence = lang, float(confidence or 0.0)
    if lang:
        art.mt_likelihood = float(language.mt_likelihood(art.text, lang))
