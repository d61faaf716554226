"""Claim alignment across the articles of one event, and the label of each aligned statement.

Claims of every article are embedded once (multilingual e5, so a French and a Spanish sentence
meet), scored pairwise as cosine plus a signature bonus (shared names, keywords, amounts, dates),
and linked only as *mutual* best matches above a threshold: a statement can have at most one
counterpart per source, which keeps a long article from swallowing everything. Links are merged
greedily, strongest first, into groups that never hold two claims of one article.

A group is then labelled: `contradicted` with a typed `Conflict` when its claims disagree,
`likely_translation_error` when the odd one out is machine-translated or is an actor swap that
the other sources contradict unanimously, `agreed` when two or more sources — a majority of the
event's articles — carry it without conflict, and `partial` for a statement fewer sources make;
every group lists the event's other articles as `silent` (the omission list).
"""
from __future__ import annotations

import logging
from collections import Counter

import numpy as np

from newsprism.claims.conflict import compare
from newsprism.claims.extract import extract_claims
from newsprism.claims.signature import bonus, known_names, signature
from newsprism.embed import embed
from newsprism.records import Article, Claim, ClaimGroup, Conflict, Event, Evidence

log = logging.getLogger(__name__)

THRESHOLD = 0.87  # cosine + bonus above which two mutual best claims state the same thing
NEAR = 0.80  # below this, two claims are about different things and cannot contradict each other
MT_LIKELY = 0.5  # Article.mt_likelihood above which a lone deviation is blamed on translation
ORDER = {"agreed": 0, "contradicted": 1, "likely_translation_error": 1, "partial": 2}


def align(event: Event, articles: dict[str, Article]) -> list[ClaimGroup]:
    """Aligned, labelled statements of `event`: consensus, then conflicts, then single-source."""
    try:
        ids = [a for a in event.articles if a in articles and articles[a].status == "ok"]
        claims = {aid: articles[aid].claims or extract_claims(articles[aid]) for aid in ids}
        flat = [c for aid in ids for c in claims[aid]]
        if not flat:
            return []
        groups = _group(flat, similarity(flat))
        known = known_names([c.sentence for c in flat], [m.text for aid in ids for m in articles[aid].mentions])
        labelled = [_label(g, ids, articles, sims, known) for g, sims in groups]
        position = {aid: i for i, aid in enumerate(ids)}
        labelled.sort(key=lambda x: (ORDER[x[0].status], -len(x[0].sources) if x[0].status == "agreed" else 0,
                                     position.get(x[0].sources[0], 0) if x[0].status == "partial" else 0, x[1]))
        return [g for g, _ in labelled]
    except Exception:  # the report must still render the rest of the event
        log.exception("claim alignment failed for event %s", event.id)
        return []


def judge(a: Claim, b: Claim, score: float) -> tuple[str, Conflict | None]:
    """Pairwise step on two claims and their alignment score: "contradict" when a typed conflict
    separates them, "agree" when they state the same thing, else "neutral"."""
    conflict = compare(a, b)
    if conflict and score >= NEAR:
        return "contradict", conflict
    return ("agree" if score >= THRESHOLD else "neutral"), None


def pair_scores(left: list[Claim], right: list[Claim]) -> np.ndarray:
    """Alignment score of left[i] with right[i] (same scale as `similarity`)."""
    if not left:
        return np.zeros(0, dtype=np.float32)
    vecs = embed([c.text for c in left] + [c.text for c in right], query=True)
    cos = np.sum(vecs[: len(left)] * vecs[len(left) :], axis=1)
    return cos + np.array([bonus(signature(a), signature(b)) for a, b in zip(left, right)])


def similarity(claims: list[Claim]) -> np.ndarray:
    """Pairwise alignment score: embedding cosine plus the shared-signature bonus."""
    vecs = embed([c.text for c in claims], query=True)
    sims = vecs @ vecs.T
    sigs = [signature(c) for c in claims]
    for i in range(len(claims)):
        for j in range(i + 1, len(claims)):
            if claims[i].article_id != claims[j].article_id:
                sims[i, j] = sims[j, i] = sims[i, j] + bonus(sigs[i], sigs[j])
    return sims


def _group(claims: list[Claim], sims: np.ndarray) -> list[tuple[list[Claim], list[float]]]:
    art = np.array([c.article_id for c in claims])
    edges = []
    for i in range(len(claims)):
        for aid in set(art) - {art[i]}:
            js = np.flatnonzero(art == aid)
            j = js[np.argmax(sims[i, js])]
            own = np.flatnonzero(art == art[i])
            if i < j and own[np.argmax(sims[j, own])] == i and sims[i, j] >= THRESHOLD:
                edges.append((float(sims[i, j]), i, j))
    parent = list(range(len(claims)))
    members = {i: {art[i]} for i in range(len(claims))}
    scores: dict[int, list[float]] = {i: [] for i in range(len(claims))}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for score, i, j in sorted(edges, reverse=True):
        ri, rj = root(i), root(j)
        if ri == rj or members[ri] & members[rj]:
            continue  # one claim per article and group
        parent[rj] = ri
        members[ri] |= members.pop(rj)
        scores[ri] += scores.pop(rj) + [score]
    comps: dict[int, list[Claim]] = {}
    for i, c in enumerate(claims):
        comps.setdefault(root(i), []).append(c)
    return [(cs, scores[r]) for r, cs in comps.items()]


def _label(group: list[Claim], ids: list[str], articles: dict[str, Article], sims: list[float],
           known: set[str]) -> tuple[ClaimGroup, int]:
    sources = [c.article_id for c in group]
    order = min(ids.index(c.article_id) * 10_000 + c.start for c in group)
    evidence = [
        Evidence(source=c.article_id, sentence=c.sentence, outlet=articles[c.article_id].label,
                 start=c.start, end=c.end, claim_id=c.id)
        for c in group
    ]
    silent = [aid for aid in ids if aid not in sources]
    ref = min(group, key=lambda c: (articles[c.article_id].mt_likelihood, ids.index(c.article_id)))
    result = ClaimGroup(
        text=ref.text,
        # Consensus needs a majority of the event's sources; fewer is an omission by the rest.
        status="agreed" if len(group) >= 2 and len(sources) > len(silent) else "partial",
        sources=sources,
        evidence=evidence,
        silent=silent,
        date=next((d for c in group for d in c.dates), None),
        confidence=float(np.mean(sims)) if sims else 1.0,
    )
    if len(group) > 1:
        conflict, odd = _conflict(group, known)
        if conflict:
            result.conflict = conflict
            result.status = _conflict_status(conflict, odd, group, articles, known)
    return result, order


def _conflict(group: list[Claim], known: set[str]) -> tuple[Conflict | None, Claim | None]:
    """The group's conflict and the claim that deviates from the others (the minority side)."""
    found = []
    for i, a in enumerate(group):
        for b in group[i + 1 :]:
            c = compare(a, b, known)
            if c:
                found.append((c, a, b))
    if not found:
        return None, None
    against = Counter(x for _, a, b in found for x in (a.id, b.id))
    conflict = found[0][0]
    for c, a, b in found[1:]:
        for aid, v in c.values.items():
            conflict.values.setdefault(aid, v)
    odd = max(group, key=lambda c: (against[c.id], c.article_id))
    return conflict, odd if against[odd.id] > 1 or len(group) == 2 else None


def _conflict_status(conflict: Conflict, odd: Claim | None, group: list[Claim], articles: dict[str, Article],
                     known: set[str]) -> str:
    if odd is None:
        return "contradicted"
    if articles[odd.article_id].mt_likelihood >= MT_LIKELY:
        conflict.explanation += f" — {articles[odd.article_id].label} reads as machine translation"
        return "likely_translation_error"
    others = [c for c in group if c is not odd]
    if conflict.type == "actor" and len(others) >= 2 and all(compare(x, y, known) is None for x in others for y in others if x is not y):
        conflict.explanation += " — every other source names the same actor"
        return "likely_translation_error"
    return "contradicted"
