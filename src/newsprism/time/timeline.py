"""Event dating: when each event happened, a dated timeline with provenance, anchors for undated
articles and flags on page dates that the text contradicts.

The date of an event is voted, not read off the publication date: every resolved DATE/TIME in the
event's articles votes with its confidence, weighted up near the lead (where news says when the
reported thing happened) and down when it is coarse (a year says little about the day) or lies
after the reference (plans, deadlines). A date on a line of its own is a dateline or a page date,
not a statement about the event, and does not vote. An article without a publication date is
anchored on the day that makes its relative expressions ("yesterday", "on Saturday") land where
its siblings say the event happened; so is one whose only publication date is weak (a date atop a
text dump) and months after the event its own relative expressions point to: that date was the
day the page was captured, and becomes the flagged page date.
"""
from __future__ import annotations

import logging
import re
from collections import defaultdict
from datetime import date, timedelta

from newsprism.records import Article, Event, TimeExpr, TimelineEntry
from newsprism.time import dates
from newsprism.time.timex import find_timexes

log = logging.getLogger(__name__)

_SENTENCE = re.compile(r"[^\n.!?。！？]+(?:[.!?。！？]+[\"'”»)]*|\n|$)")
_LEAD_SENTENCES = 3
STALE_DAYS = 45  # a page date this far from the event the text describes is not its publication date
WEAK_PUBLISHED = 0.5  # publication-date confidence below which siblings may overrule it


def _sentences(text: str) -> list[tuple[int, int]]:
    out = []
    for m in _SENTENCE.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end > start:
            out.append((start, end))
    return out


_QUOTES = re.compile(r'["“”«»„]')


def _quoted(text: str, offset: int) -> bool:
    """Inside a quotation: an odd number of quote marks since the paragraph began."""
    paragraph = text.rfind("\n", 0, offset) + 1
    return len(_QUOTES.findall(text, paragraph, offset)) % 2 == 1


# Words of page stamps and bylines ("Updated 10:35 GMT", "Publié le ... à 07h30 | Par ...").
_STAMP_WORDS = re.compile(
    r"updated?|published|posted|modified|last|am|pm|gmt|utc|[ecmp][sd]t|by|publi[ée]e?|mis|jour|le|[àa]|par|"
    r"publicado|actualizado|el|a\s+las|por|ver[öo]ffentlicht|aktualisiert|am|um|von|опубликовано|обновлено|"
    r"发布|更新", re.I)


def _is_dateline(text: str, timex: TimeExpr) -> bool:
    """A line that is little more than the date itself ("Thursday, September 28, 2023",
    "Updated 10:35 GMT, Jan 27"): a byline or page stamp, not a statement about the event."""
    line_start = text.rfind("\n", 0, timex.start) + 1
    line_end = text.find("\n", timex.end)
    line = text[line_start:line_end if line_end >= 0 else len(text)].strip()
    rest = (text[line_start:timex.start] + " " + text[timex.end:line_end if line_end >= 0 else len(text)])
    words = [w for w in re.findall(r"[^\W\d_]+", rest) if not _STAMP_WORDS.fullmatch(w)]
    return not re.search(r"[.!?…\"”»]$", line) and len(words) <= 4


def _granularity_weight(value: str) -> float:
    days = dates.granularity_days(value) or 365
    if days <= 1:
        return 1.0
    if days <= 7:
        return 0.5
    if days <= 31:
        return 0.3
    return 0.1


def _reference(article: Article) -> date | None:
    return dates.parse_reference(article.published) or dates.parse_reference(
        (article.extra.get("anchor") or {}).get("date"))


def _timexes(article: Article) -> list[TimeExpr]:
    """The article's timexes (computed here when an earlier stage did not), each carrying the
    article id for provenance."""
    if not article.timexes and article.text:
        article.timexes = find_timexes(article.text, article.published, article.language)
    for t in article.timexes:
        t.article_id = t.article_id or article.id
    return article.timexes


def _dated_mentions(article: Article) -> list[tuple[TimeExpr, int, tuple[int, int]]]:
    """(timex, sentence index, sentence span) for every dated, non-dateline timex."""
    spans = _sentences(article.text)
    out = []
    index = 0
    for t in sorted(_timexes(article), key=lambda t: t.start):
        if t.type not in ("DATE", "TIME") or dates.interval(t.value) is None:
            continue
        while index < len(spans) - 1 and spans[index][1] <= t.start:
            index += 1
        if not spans or _is_dateline(article.text, t):
            continue
        out.append((t, index, spans[index]))
    return out


def _weight(t: TimeExpr, sentence: int, ref: date | None) -> float:
    weight = t.confidence * _granularity_weight(t.value or "")
    weight *= 1.0 if sentence < _LEAD_SENTENCES else 1.0 / (1 + 0.25 * (sentence - _LEAD_SENTENCES + 1))
    span = dates.interval(t.value)
    if ref and span and span[0] > ref:
        weight *= 0.3  # announced for later: a plan, not the reported happening
    return weight


def _vote(articles: list[Article]) -> str | None:
    """Most supported date over the articles: day values score directly, coarser values lend
    part of their weight to the days they contain."""
    day_votes: dict[str, float] = defaultdict(float)
    coarse: list[tuple[tuple[date, date], float, str]] = []
    for article in articles:
        ref = _reference(article)
        for t, sentence, _ in _dated_mentions(article):
            w = _weight(t, sentence, ref)
            day = (t.value or "").split("T")[0]
            if dates.granularity_days(day) == 1:
                day_votes[day] += w
            else:
                coarse.append((dates.interval(day), w, day))  # type: ignore[arg-type]
    if not day_votes and not coarse:
        return None
    if day_votes:
        scored = {d: v + sum(0.3 * w for (s, e), w, _ in coarse if s <= date.fromisoformat(d) <= e)
                  for d, v in day_votes.items()}
        return max(scored, key=lambda d: (scored[d], d))
    by_value: dict[str, float] = defaultdict(float)
    for _, w, value in coarse:
        by_value[value] += w
    return max(by_value, key=lambda v: (by_value[v], v))


def _best_anchor(article: Article, siblings: list[Article], event_date: str | None) -> tuple[date, float, str] | None:
    """The day, among the days around the siblings' publication and the event date, on which the
    article's own relative expressions agree best with the event date: (day, score, sibling id)."""
    dated = [(s, dates.parse_reference(s.published)) for s in siblings if s.published and s is not article]
    dated = [(s, d) for s, d in dated if d]
    if not dated:
        return None
    target = dates.interval(event_date)
    candidates: dict[date, str] = {}
    for sibling, d in dated:
        candidates.setdefault(d, sibling.id)
    if target:
        nearest = min(dated, key=lambda sd: abs((sd[1] - target[0]).days))[0].id
        for k in range(0, 4):
            candidates.setdefault(target[0] + timedelta(days=k), nearest)
    published = {d for _, d in dated}
    best: tuple[date, float, str] | None = None
    for candidate, source in sorted(candidates.items()):
        score = 0.0
        for t in find_timexes(article.text, candidate.isoformat(), article.language):
            span = dates.interval(t.value)
            if _quoted(article.text, t.start):
                continue  # "today" in a quote counts from when it was said, not from the page
            if t.relative and span and target and span[0] <= target[0] <= span[1]:
                score += t.confidence * _granularity_weight(t.value or "")
        score += 0.05 if candidate in published else 0.0  # a sibling really appeared that day
        if best is None or score > best[1]:
            best = (candidate, score, source)
    return best


def _anchor(article: Article, found: tuple[date, float, str]) -> None:
    """Re-resolve the article's timexes against the anchor; their confidence shrinks with it."""
    day, score, source = found
    confidence = 0.4 + min(0.5, score / 2) if score > 0.05 else 0.3
    article.extra["anchor"] = {"date": day.isoformat(), "confidence": round(confidence, 3), "from": source}
    article.timexes = find_timexes(article.text, day.isoformat(), article.language)
    for t in article.timexes:
        t.article_id = article.id
        if t.relative:
            t.confidence = round(t.confidence * confidence, 3)


def _weakly_dated(article: Article) -> bool:
    """A publication date the cleaner itself doubted (e.g. a date at the top of a text dump)."""
    return bool(article.published) and 0 < article.published_confidence < WEAK_PUBLISHED


def _dateline_days(article: Article) -> list[date]:
    """Full dates the article prints on lines of their own (bylines, page stamps), including the
    date lines the cleaner removed from the text."""
    stamps = [t for t in _timexes(article) if _is_dateline(article.text, t)]
    for line in article.removed:
        if line.reason in ("page-date", "byline", "date", "dateline"):
            stamps += find_timexes(line.text, None, article.language)
    out = []
    for t in stamps:
        span = dates.interval(t.value)
        if t.type in ("DATE", "TIME") and not t.relative and span and span[0] == span[1]:
            out.append(span[0])
    return out


def _drop_stale_published(article: Article, siblings: list[Article], event_date: str | None) -> None:
    """A weak publication date far after the event, in an article whose relative expressions
    ("the day before yesterday") only fit a day near the event or that prints another date near
    the event on a byline, is the day the page was captured: keep it as the flagged page date;
    the byline date, if any, becomes the publication date, else the article is anchored like an
    undated one."""
    published, span = dates.parse_reference(article.published), dates.interval(event_date)
    if published is None or span is None or published <= span[1] + timedelta(days=STALE_DAYS):
        return
    bylines = [d for d in _dateline_days(article)
               if span[0] - timedelta(days=2) <= d <= span[1] + timedelta(days=STALE_DAYS)]
    found = _best_anchor(article, siblings, event_date)
    if not bylines and (found is None or found[1] <= 0.05):
        return
    article.page_date = article.page_date or article.published
    article.page_date_flag = article.page_date_flag or (
        f"stale: {article.published} (from {article.published_source or 'page'}) is "
        f"{(published - span[1]).days} days after the event date {event_date} that the text's own "
        f"dates point to")
    article.published, article.published_source, article.published_confidence = None, None, 0.0
    if bylines:
        article.published = min(bylines).isoformat()
        article.published_source, article.published_confidence = "byline", 0.6
        article.timexes = find_timexes(article.text, article.published, article.language)
        for t in article.timexes:
            t.article_id = article.id


def _flag_page_date(article: Article, event_date: str | None) -> None:
    if not article.page_date or article.page_date_flag:
        return
    page = dates.parse_reference(article.page_date)
    span = dates.interval(event_date)
    if page is None or span is None:
        return
    if page > span[1] + timedelta(days=STALE_DAYS):
        gap = (page - span[1]).days
        article.page_date_flag = (
            f"stale: page date {page.isoformat()} is {gap} days after the event date {event_date} "
            "implied by the text")
    elif page < span[0] - timedelta(days=2):
        article.page_date_flag = (
            f"implausible: page date {page.isoformat()} is before the event date {event_date} "
            "the text reports")


def _timeline(articles: list[Article]) -> list[TimelineEntry]:
    entries, seen = [], set()
    for article in articles:
        for t, _, (start, end) in _dated_mentions(article):
            sentence = article.text[start:end]
            key = (t.value, sentence)
            if key in seen:
                continue
            seen.add(key)
            entries.append(TimelineEntry(
                date=t.value or "", text=t.text, article_id=article.id, sentence=sentence,
                confidence=t.confidence))
    entries.sort(key=lambda e: (dates.interval(e.date)[0], -(dates.granularity_days(e.date) or 0)))  # type: ignore[index]
    return entries


def date_events(events: list[Event], articles: dict[str, Article]) -> None:
    """Set `Event.date` and `Event.timeline` for every event; anchor undated articles
    (`article.extra["anchor"]`) and flag stale page dates. Never raises on bad input."""
    for event in events or []:
        try:
            _date_event(event, articles)
        except Exception as exc:  # one malformed event must not stop the corpus
            log.warning("could not date event %s: %s", getattr(event, "id", "?"), exc)


def _date_event(event: Event, articles: dict[str, Article]) -> None:
    members = [articles[a] for a in event.articles if a in articles and articles[a].text]
    if not members:
        return
    trusted = [a for a in members if a.published and not _weakly_dated(a)]
    first_date = _vote(trusted or [a for a in members if a.published] or members)
    if trusted:
        for article in members:
            if _weakly_dated(article):
                _drop_stale_published(article, trusted, first_date)
    dated = [a for a in members if a.published]
    for article in members:
        if not article.published:
            found = _best_anchor(article, dated, first_date)
            if found:
                _anchor(article, found)
    event.date = _vote(members)
    event.timeline = _timeline(members)
    for article in members:
        _flag_page_date(article, event.date)
