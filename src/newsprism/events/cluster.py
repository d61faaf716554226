"""Group articles into events: online assignment, then a batch pass that merges and splits.

Articles arrive in publication order. Each one asks the ANN index (`EventIndex`) for the few
nearest event centroids and is compared, with the calibrated same-event probability, to the
compared members of each; it joins the best event when the mean probability reaches
`Options().event_threshold`, else it opens a new event. Arrival order makes early decisions
blind to later articles, so a batch pass then splits members that no longer fit their event and
merges events whose members are, on average, the same event (average linkage, so one bridging
article cannot chain two stories together); a lone article left over (an opinion piece or side
angle worded unlike the reports) then joins the one event it clearly leans to. Last, an event
that holds successive steps of a running story (its articles fall into groups of days, each
closer within than across; or, undated, into two clearly denser groups) is cut into one event
per step; the score alone cannot do this, since the next day's step shares the actors and
wording and scores as the same event. Events
that share actors or wording but fall short of the threshold, typically the same people a few
weeks later, and the steps cut apart are linked in `Event.related`.
"""
from __future__ import annotations

import datetime as dt
import logging
import sys
from collections import Counter
from dataclasses import dataclass

import numpy as np

from newsprism.config import Options
from newsprism.embed import embed
from newsprism.events.features import (PLACE_TYPES, Profile, date_trust, days_apart, lead,
                                       pair_features, profile)
from newsprism.events.features import normalised_words as _words
from newsprism.events.index import EventIndex
from newsprism.events.score import baseline, metric_scores, probability
from newsprism.records import Article, Event

log = logging.getLogger(__name__)

CANDIDATES = 8  # nearest centroids scored per article; the true event is almost always among them
# Below this centroid cosine the calibrated probability is under 0.05 whatever else is shared
# (see weights.json), so such neighbours are not scored at all.
MIN_COS = 0.72
RELATED = 0.2  # below the join threshold, events sharing names and scoring above this are linked
SPLIT_RATIO = 0.7  # a member is split off when its mean probability falls below this × threshold
# A lone article joins the event it leans to at this fraction of the threshold when that event
# beats the runner-up by MARGIN × threshold (see _satellites).
SATELLITE, MARGIN = 0.4, 0.1
# Two groups of an event, each of two or more articles on days of their own, are two steps of a
# running story when the pairs across them score below CUT times the pairs inside the groups
# (see _steps); without days apart to back it, a split into two groups needs the stricter
# CUT_ANY (see _halves). Larger events than CUT_MAX are left whole (every pair is scored).
CUT, CUT_ANY, CUT_MAX = 0.9, 0.8, 64
# Leads closer than this are copies of one report (a syndicated reprint, a page scraped twice):
# they count once when a step is asked for two reports, or a copied article would be a step.
DUPLICATE = 0.98


def embed_leads(articles: list[Article]) -> np.ndarray:
    """Embeddings of the articles' title + lead, (n, DIM); `embed` caches and stores them, so a
    lead is embedded once however often similarity and clustering see it."""
    return embed([lead(a) for a in articles])


def pair_probabilities(vec: np.ndarray, prof: Profile, vectors: np.ndarray,
                       profiles: list[Profile], with_time: bool = True) -> np.ndarray:
    """Same-event probability of one article against several (vectors as rows)."""
    cos = np.asarray(vectors, dtype=np.float32) @ np.asarray(vec, dtype=np.float32)
    metric = metric_scores(vec, vectors)
    feats = np.vstack([pair_features(float(c), prof, p, baseline(prof, p), float(m))
                       for c, m, p in zip(cos, metric, profiles)])
    if not with_time:
        return probability(feats)
    return probability(feats, [days_apart(prof, p) for p in profiles],
                       [date_trust(prof, p) for p in profiles])


def _to_event(index: EventIndex, key: int, vec: np.ndarray, prof: Profile) -> float:
    ev = index.events[key]
    return float(pair_probabilities(vec, prof, ev.vectors, ev.profiles).mean())


def _linkage(index: EventIndex, a: int, b: int, with_time: bool = True) -> float:
    """Average-linkage probability between the compared members of two events."""
    ea, eb = index.events[a], index.events[b]
    return float(np.mean([pair_probabilities(v.astype(np.float32), p, eb.vectors, eb.profiles,
                                             with_time).mean()
                          for v, p in zip(ea.vectors, ea.profiles)]))


def _assign(index: EventIndex, aid: str, vec: np.ndarray, prof: Profile, threshold: float) -> int:
    best, best_p = -1, -1.0
    for key, cos in index.search(vec, CANDIDATES):
        if cos < MIN_COS:
            continue
        p = _to_event(index, key, vec, prof)
        if p > best_p:
            best, best_p = key, p
    if best >= 0 and best_p >= threshold:
        index.join(best, aid, vec, prof)
        return best
    return index.add(aid, vec, prof)


def _split(index: EventIndex, touched: set[int], new: set[str], threshold: float) -> None:
    """Detach members of this run whose mean probability to the rest of their event is weak."""
    for key in sorted(touched):
        ev = index.events[key]
        while ev.alive and len(ev.profiles) >= 3:
            vecs = ev.vectors.astype(np.float32)
            probs = np.vstack([pair_probabilities(v, p, vecs, ev.profiles)
                               for v, p in zip(vecs, ev.profiles)])
            fit = (probs.sum(axis=1) - probs.diagonal()) / (len(ev.profiles) - 1)
            fit[0] = np.inf  # the founding member names the event; the others leave instead
            weakest = int(np.argmin(fit))
            if fit[weakest] >= SPLIT_RATIO * threshold or ev.members[weakest] not in new:
                break
            touched.add(index.add(*index.detach(key, weakest)))


def _merge(index: EventIndex, touched: set[int], threshold: float) -> None:
    """Merge touched events with neighbours whose members are, on average, the same event."""
    for _ in range(3):
        pairs = set()
        for key in touched:
            if index.events[key].alive:
                pairs.update((min(key, other), max(key, other))
                             for other, cos in index.search(index.events[key].centroid, CANDIDATES)
                             if other != key and cos >= MIN_COS)
        scored = sorted(((_linkage(index, a, b), a, b) for a, b in pairs), reverse=True)
        merged = False
        for p, a, b in scored:
            if p < threshold:
                break
            if not (index.events[a].alive and index.events[b].alive):
                continue
            link = _linkage(index, a, b)
            if link >= threshold and not _apart(index, a, b, link, threshold):
                index.merge(a, b)  # the older event (lower key) keeps its id
                touched.add(a)
                merged = True
        if not merged:
            return


def _matrix(vectors: np.ndarray, profiles: list[Profile]) -> np.ndarray:
    """Same-event probability of every pair of the given members (diagonal included)."""
    vecs = vectors.astype(np.float32)
    return np.vstack([pair_probabilities(v, p, vecs, profiles) for v, p in zip(vecs, profiles)])


def _cohesion(probs: np.ndarray) -> float:
    n = len(probs)
    return float((probs.sum() - probs.trace()) / (n * (n - 1)))


def _reports(vectors: np.ndarray, group: list[int]) -> int:
    """Distinct reports among these members: copies of one text count once."""
    sims = vectors[group] @ vectors[group].T
    return sum(1 for i in range(len(group)) if not (sims[i, :i] >= DUPLICATE).any())


def _ratio(probs: np.ndarray, vectors: np.ndarray, left: list[int], right: list[int],
           threshold: float) -> float:
    """Mean probability across two groups over the mean cohesion inside them; infinite unless
    each group holds two distinct reports or more and is itself one event by the score (a loose
    pair of side pieces is no step)."""
    if min(_reports(vectors, left), _reports(vectors, right)) < 2:
        return np.inf
    inner = [_cohesion(probs[np.ix_(g, g)]) for g in (left, right)]
    if min(inner) < threshold:
        return np.inf
    return float(probs[np.ix_(left, right)].mean()) / (sum(inner) / 2)


def _steps(days: list[int], probs: np.ndarray, vectors: np.ndarray, threshold: float) -> int | None:
    """Where to cut members (ordered by day) into two steps of a story, if anywhere.

    A running story is reported as a chain of steps (a ruling, the appeal the next day, a vote
    two days later) whose articles share actors and wording, so each one's articles score as the
    same event against the next step's, and joining or average linkage lets the chain through.
    What tells the steps apart is relative: articles of one day resemble each other more than
    they resemble the next day's. A cut between two days is taken when both sides hold two
    distinct reports or more (one report, reprinted or not, is an outlier for `_split`, not a
    step), each side is one
    event by the score (its cohesion reaches the threshold) and the pairs across score below
    `CUT` times the mean cohesion of the two sides.
    """
    n = len(days)
    best, best_ratio = None, CUT
    for i in range(2, n - 1):
        if days[i] == days[i - 1]:
            continue
        ratio = _ratio(probs, vectors, list(range(i)), list(range(i, n)), threshold)
        if ratio < best_ratio:
            best, best_ratio = i, ratio
    return best


def _halves(probs: np.ndarray, vectors: np.ndarray, threshold: float) -> list[int] | None:
    """The members of the group without the first member, when the members clearly fall into
    two dense groups.

    Undated steps of a story, or two happenings of one day about the same people, chain like
    dated steps but offer no day to cut at; average-linkage agglomeration down to two groups
    finds the split, taken on the terms of `_steps` with the stricter bar `CUT_ANY`.
    """
    groups = [[i] for i in range(len(probs))]
    sums = probs.astype(np.float64).copy()  # summed probability between current groups
    while len(groups) > 2:
        sizes = np.array([len(g) for g in groups], dtype=np.float64)
        mean = sums / np.outer(sizes, sizes)
        np.fill_diagonal(mean, -np.inf)
        a, b = sorted(np.unravel_index(int(np.argmax(mean)), mean.shape))
        groups[a] += groups.pop(b)
        sums[a] += sums[b]
        sums[:, a] += sums[:, b]
        sums = np.delete(np.delete(sums, b, axis=0), b, axis=1)
    left, right = groups
    if _ratio(probs, vectors, left, right, threshold) >= CUT_ANY:
        return None
    return sorted(right if 0 in left else left)


def _dated(profiles: list[Profile]) -> bool:
    return all(p.day is not None and p.day_trust >= 0.5 for p in profiles)


def _apart(index: EventIndex, a: int, b: int, linkage: float, threshold: float) -> bool:
    """Whether two events are successive steps of one story (the test `_cut` applies), so that
    merging must not undo a cut made in an earlier run."""
    ea, eb = index.events[a], index.events[b]
    if not _dated(ea.profiles + eb.profiles) or min(
            _reports(e.vectors.astype(np.float32), list(range(len(e.profiles)))) for e in (ea, eb)) < 2:
        return False
    days_a, days_b = [p.day for p in ea.profiles], [p.day for p in eb.profiles]
    if not (max(days_a) < min(days_b) or max(days_b) < min(days_a)):
        return False
    inner = [_cohesion(_matrix(e.vectors, e.profiles)) for e in (ea, eb)]
    return min(inner) >= threshold and linkage < CUT * sum(inner) / 2


def _cut(index: EventIndex, touched: set[int], fresh: _Fresh, threshold: float) -> None:
    """Split events that hold successive steps of a running story into one event per step.

    Every article of the event is compared here, not only its first `MAX_MEMBERS`, so an event
    is cut only when each of its articles is at hand (a compared member, or one of this run's:
    `fresh`). When all are dated with trust the cut falls between days (`_steps`), else between
    two dense groups (`_halves`). The group without the founding article moves out, so the event
    keeps its id; an earlier run's article may move with its group, since a step is
    recognisable only once its second article has arrived.
    """
    queue = sorted(touched)
    while queue:
        key = queue.pop()
        ev = index.events[key]
        if not ev.alive or not 4 <= len(ev.articles) <= CUT_MAX:
            continue
        stored = {aid: (v.astype(np.float32), p)
                  for aid, v, p in zip(ev.members, ev.vectors, ev.profiles)}
        data = [(aid, *(fresh.get(aid) or stored.get(aid) or (None, None)))
                for aid in ev.articles]
        if any(p is None for _, _, p in data):
            continue
        dated = _dated([p for _, _, p in data])
        if dated:
            data.sort(key=lambda d: d[2].day)  # stable: arrival order within a day
        vectors = np.vstack([v for _, v, _ in data])
        probs = _matrix(vectors, [p for _, _, p in data])
        at = _steps([p.day for _, _, p in data], probs, vectors, threshold) if dated else None
        moving = list(range(at, len(data))) if at is not None else _halves(probs, vectors, threshold)
        if not moving or any(data[i][0] == ev.members[0] for i in moving):
            continue
        touched.add(other := index.split(key, [data[i] for i in moving]))
        queue += [key, other]


def _satellites(index: EventIndex, touched: set[int], new: set[str], threshold: float) -> None:
    """Attach lone articles of this run to the one event they clearly lean to.

    An opinion piece, an explainer or a side angle on an event shares its actors and days but
    not its wording, so it scores below the join threshold against every report of it; yet an
    angle on a covered event is likelier than an event nobody else reported. So a singleton
    joins its best event at a lower bar, provided that event beats the runner-up by a clear
    margin (a piece equally close to two stories belongs to neither).
    """
    for key in sorted(touched):
        ev = index.events[key]
        if not ev.alive or len(ev.articles) != 1 or ev.members[0] not in new:
            continue
        vec, prof = ev.vectors[0].astype(np.float32), ev.profiles[0]
        scored = sorted(((_to_event(index, other, vec, prof), other)
                         for other, cos in index.search(vec, CANDIDATES)
                         if other != key and cos >= MIN_COS and index.events[other].alive),
                        reverse=True) + [(0.0, -1), (0.0, -1)]
        (best_p, best), (second_p, _) = scored[0], scored[1]
        clear = best_p - second_p >= MARGIN * threshold
        if best >= 0 and best_p >= SATELLITE * threshold and clear:
            index.merge(min(best, key), max(best, key))
            touched.add(min(best, key))


def _related(index: EventIndex, key: int, threshold: float) -> list[dict]:
    """Neighbouring events that are the same story at another time, or share actors."""
    ev, out = index.events[key], []
    for other, cos in index.search(ev.centroid, CANDIDATES):
        if other == key or cos < MIN_COS or not index.events[other].alive:
            continue
        p = _linkage(index, key, other)
        if p >= threshold and not _apart(index, key, other, p, threshold):
            continue
        p_untimed = _linkage(index, key, other, with_time=False)
        shared = _names(ev.profiles) & _names(index.events[other].profiles)
        if p_untimed < threshold and not (p >= RELATED and shared):
            continue
        out.append({"event": index.events[other].id, "score": round(p, 3),
                    "why": _why(ev.profiles, index.events[other].profiles, shared,
                                p_untimed >= threshold)})
    return sorted(out, key=lambda r: -r["score"])


def _names(profiles: list[Profile]) -> set[str]:
    return set().union(*(p.names for p in profiles))


def _why(a: list[Profile], b: list[Profile], shared: set[str], same_story: bool) -> str:
    days = [d for x in a for y in b
            if (d := days_apart(x, y)) is not None and date_trust(x, y) >= 0.5]
    parts = ["shares " + ", ".join(sorted(shared)[:4])] if shared else []
    if days and same_story:
        parts.append(f"same story {int(min(days))} days apart: likely a follow-up")
    elif days:
        parts.append(f"{int(min(days))} days apart")
    return "; ".join(parts) or "similar coverage"


def _headline(art: Article) -> bool:
    """A real headline, not a missing one or the outlet's name standing in for it."""
    title = (art.title or "").strip().lower()
    return bool(title) and title != (art.outlet or "").strip().lower()


def _support(title: str, names: set[str]) -> bool:
    return len(_words(title) & names) >= 2


def _title(index: EventIndex, key: int, by_id: dict[str, Member], vector) -> str:
    """Most central real headline, preferring English; a stored English title is kept."""
    ev = index.events[key]
    new = [by_id[a] for a in ev.articles if a in by_id]
    new = [m for m in new if m.headline] or new
    # a machine translation's headline reads badly ("sign in tui the treaty of"): human text first
    english = [m for m in new if m.language == "en" and m.human] or \
        [m for m in new if m.language == "en"]
    if ev.title and (ev.title_lang == "en" or not english):
        return ev.title
    pool = english or new
    if not pool:
        return ev.title
    centre = ev.centroid

    def others(aid: str) -> set[str]:
        return _names([p for m, p in zip(ev.members, ev.profiles) if m != aid])

    # a headline that names what the other articles name beats a masthead taken for a title
    best = max(pool, key=lambda m: (_support(m.title, others(m.id)), float(vector(m.id) @ centre), m.id))
    ev.title = best.label
    ev.title_lang = best.language
    return ev.title


def _count_names(index: EventIndex, key: int, members: list[Member]) -> None:
    ev = index.events[key]
    ev.entities = ev.entities or Counter()
    ev.places = ev.places or Counter()
    for m in members:
        ev.entities.update(m.entities)
        ev.places.update(m.places)


def _event(index: EventIndex, key: int, title: str, related: list[dict]) -> Event:
    ev = index.events[key]
    min_count = 2 if len(ev.articles) > 1 else 1
    days = [p.day for p in ev.profiles if p.day is not None and p.day_trust >= 0.5]
    if len(ev.profiles) > 1:
        vecs = ev.vectors.astype(np.float32)
        probs = np.vstack([pair_probabilities(v, p, vecs, ev.profiles)
                           for v, p in zip(vecs, ev.profiles)])
        n = len(ev.profiles)
        confidence = float((probs.sum() - probs.trace()) / (n * (n - 1)))
    else:
        confidence = 1.0
    return Event(
        id=ev.id,
        title=title,
        date=dt.date.fromordinal(min(days)).isoformat() if days else None,
        articles=list(ev.articles),
        entities=[e for e, c in (ev.entities or Counter()).most_common() if c >= min_count],
        places=[p for p, _ in (ev.places or Counter()).most_common(10)],
        related=related,
        confidence=round(confidence, 3),
    )


@dataclass(slots=True)
class Member:
    """What clustering reads of one article, taken once (`member`): its lead vector, its
    `Profile`, and what names and counts its event. No text is kept: ~2 KB an article on the
    scale benchmark's store (a third of it the float16 lead vector), where the light article
    clustering used to read was cut to ~4 KB and the full one is ~29 KB."""

    id: str
    published: str | None  # the arrival order, with the id
    vector: np.ndarray | None  # title + lead embedding; None for an article the index holds
    profile: Profile
    title: str
    label: str  # what the event is called if this article gives its title
    headline: bool  # the title is a real headline (`_headline`)
    language: str | None
    human: bool  # not a likely machine translation
    entities: tuple[str, ...]  # canonical entity ids, each once
    places: tuple[str, ...]  # place labels, one per place


def arrival(x: Article | Member) -> tuple[str, str]:
    """The order clustering takes articles in: by publication date (undated last), then id."""
    return x.published or "9999", x.id


def usable(article: Article) -> bool:
    """Whether clustering can place this article at all (an ok article with some text)."""
    return article.status == "ok" and bool(article.text or article.title)


def member(article: Article, vector: np.ndarray | None) -> Member:
    """The clustering record of a `usable` article with its lead embedding (`embed_leads`)."""
    labels: dict[str, str] = {}
    for m in article.mentions:
        if m.type in PLACE_TYPES:
            labels.setdefault(m.entity_id or m.text.strip().lower(), m.text.strip())
    headline = _headline(article)
    return Member(
        id=article.id, published=article.published, vector=vector, profile=profile(article),
        title=article.title or "",
        label=(article.title if headline else article.text[:120]).strip(), headline=headline,
        language=article.language and sys.intern(article.language),
        human=article.mt_likelihood < 0.5,
        entities=tuple({m.entity_id for m in article.mentions if m.entity_id}),
        places=tuple(sys.intern(p) for p in set(labels.values())))


def cluster(articles: list[Article], index: EventIndex | None = None,
            threshold: float | None = None) -> list[Event]:
    """Events for the given articles (sets `Article.event_id`); `index` carries earlier runs."""
    index = EventIndex() if index is None else index
    by_id = {a.id: a for a in sorted(filter(usable, articles), key=arrival)}
    fresh = [a for a in by_id.values() if a.id not in index.by_article]
    try:
        matrix = embed_leads(fresh)
    except Exception:  # a broken model must not take the whole corpus down with it
        log.exception("events: embedding failed; articles left without events")
        return []
    vectors = dict(zip((a.id for a in fresh), matrix))
    events = cluster_members([member(a, vectors.get(a.id)) for a in by_id.values()], index, threshold)
    for ev in events:
        for aid in ev.articles:
            if aid in by_id:
                by_id[aid].event_id = ev.id
    return events


def cluster_members(members: list[Member], index: EventIndex | None = None,
                    threshold: float | None = None) -> list[Event]:
    """Events for articles already read into `Member`s (what `cluster` does once it has them):
    a large corpus is read a slice at a time, and only these records are held together."""
    threshold = Options().event_threshold if threshold is None else threshold
    index = EventIndex() if index is None else index
    by_id = {m.id: m for m in sorted(members, key=arrival)}
    fresh = [m for m in by_id.values() if m.id not in index.by_article]
    touched = {index.by_article[m.id] for m in by_id.values() if m.id in index.by_article}
    for m in fresh:
        touched.add(_assign(index, m.id, m.vector, m.profile, threshold))
    new = {m.id for m in fresh}
    _split(index, touched, new, threshold)
    _merge(index, touched, threshold)
    _satellites(index, touched, new, threshold)
    _cut(index, touched, _Fresh(by_id, new), threshold)
    keys = sorted({index.by_article[a] for a in by_id})
    for key in keys:
        _count_names(index, key, [by_id[a] for a in index.events[key].articles if a in new])

    def vector(aid: str) -> np.ndarray:
        if aid in new:
            return _f32(by_id[aid].vector)
        return index.events[index.by_article[aid]].centroid

    events = []
    for key in keys:
        events.append(_event(index, key, _title(index, key, by_id, vector),
                             _related(index, key, threshold)))
    return sorted(events, key=lambda e: (e.date or "9999", e.id))


def _f32(vector: np.ndarray) -> np.ndarray:
    """A lead vector as the score computes with it (exact: stored vectors are float16)."""
    return np.asarray(vector, dtype=np.float32)


class _Fresh:
    """(vector, profile) of this run's articles by id, for `_cut`, without a second copy."""

    def __init__(self, by_id: dict[str, Member], new: set[str]):
        self.by_id, self.new = by_id, new

    def get(self, aid: str) -> tuple[np.ndarray, Profile] | None:
        if aid not in self.new:
            return None
        m = self.by_id[aid]
        return _f32(m.vector), m.profile
