"""Claim alignment across the articles of one event, and the label of each aligned statement.

Claims are scored pairwise as embedding cosine (multilingual e5, so a French and a Spanish
sentence meet) plus a signature bonus (shared names, keywords, amounts, dates), and linked only
as *mutual* best matches above a threshold: a statement can have at most one counterpart per
source, which keeps a long article from swallowing everything. Links are merged greedily,
strongest first, into groups that never hold two claims of one article.

Only candidate pairs are scored (`candidates`): two claims of different articles in different
languages, or in one language when they share content words or a telling amount. Two sentences
of one language that state the same thing repeat its names, nouns or figures, while e5 rates
any two sentences about the same event alike ("the summit should be cancelled" against "we
will not back down"). On a hand-checked sample of links made between English news articles,
the lexical test kept 31 of 33 true links and removed two thirds of the spurious ones.
Embedding is the stage's cost, and a claim with no candidate partner needs no vector:
`texts_to_embed` lists exactly the claims `align` will embed, so the pipeline can embed them
ahead in big batches; a one-article event has none.

A group is then labelled: `contradicted` with a typed `Conflict` when its claims disagree,
`likely_translation_error` when the odd one out is machine-translated or is an actor swap that
the other sources contradict unanimously, `agreed` when every source of the event carries it
without conflict, and `partial` when some carry it and the rest are silent; every group lists the
event's other articles as `silent` (the omission list). A majority is not consensus: a statement
three of four outlets make is one the fourth left out, and the reader is told who.
"""
from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace

import numpy as np

from newsprism.claims.conflict import TYPES, compare
from newsprism.claims.extract import ANCHOR_CONFIDENCE, clause_span, extract_claims, refresh_links
from newsprism.claims.signature import (affiliations, bonus, bonuses, jaccards, keywords, known_names, overlap,
                                        signature)
from newsprism.embed import embed
from newsprism.records import Article, Claim, ClaimGroup, Conflict, Event, Evidence

log = logging.getLogger(__name__)

THRESHOLD = 0.86  # cosine + bonus above which two mutual best claims may state the same thing
MARGIN = 0.015  # ... if they also beat the runner-up by this much
CERTAIN = 0.93  # ... or score this high
CHAIN_SLACK = 0.05  # how far below THRESHOLD an indirect link inside one group may fall
NEAR = 0.80  # below this, two claims are about different things and cannot contradict each other
FOREIGN = 0.08  # penalty for a claim naming only entities (or amounts) the other source never gives
MT_LIKELY = 0.5  # Article.mt_likelihood above which a lone deviation is blamed on translation
SAME_LANGUAGE = 0.15  # keyword Jaccard below which two claims of one language are not one statement
UNRELATED = 0.0  # score of a pair that is no candidate: below every threshold
TELLING = 10  # amounts from here up are evidence of one statement ("two countries" is everywhere)
SEPARATE = ("number", "status", "actor")  # conflict aspects reported as groups of their own
ORDER = {"agreed": 0, "contradicted": 1, "likely_translation_error": 1, "partial": 2}


def align(event: Event, articles: dict[str, Article]) -> list[ClaimGroup]:
    """Aligned, labelled statements of `event`: consensus, then conflicts, then single-source."""
    try:
        ids = [a for a in event.articles if a in articles and articles[a].status == "ok"]
        flat = _claims([articles[aid] for aid in ids])
        for aid in ids:
            refresh_links(articles[aid])
        if not flat:
            return []
        known = known_names([c.sentence for c in flat], [m.text for aid in ids for m in articles[aid].mentions])
        groups = _group(flat, similarity(flat) - FOREIGN * _foreign(flat, articles))
        context = Context(
            known=known,
            published={aid: articles[aid].published for aid in ids
                       if articles[aid].published and articles[aid].published_confidence >= ANCHOR_CONFIDENCE},
            every=flat,
            parties=affiliations(list(dict.fromkeys(c.sentence for c in flat))),
        )
        labelled = [x for g, sims in groups for x in _label(g, ids, articles, sims, context)]
        position = {aid: i for i, aid in enumerate(ids)}
        labelled.sort(key=lambda x: (ORDER[x[0].status], -len(x[0].sources) if x[0].status == "agreed" else 0,
                                     position.get(x[0].sources[0], 0) if x[0].status == "partial" else 0, x[1]))
        return [g for g, _ in labelled]
    except Exception:  # the report must still render the rest of the event
        log.exception("claim alignment failed for event %s", event.id)
        return []


def texts_to_embed(articles: Iterable[Article]) -> list[str]:
    """Exactly the claim texts `align` will ask `embed` for (as queries) about an event made of
    these articles: those of claims with a candidate partner in another article."""
    try:
        flat = _claims([a for a in articles if a.status == "ok"])
        needed = candidates(flat).any(axis=1)
        return list(dict.fromkeys(c.text for c, n in zip(flat, needed) if n))
    except Exception:  # alignment embeds what it lacks itself
        log.exception("listing claim texts to embed failed")
        return []


def _claims(articles: list[Article]) -> list[Claim]:
    """The claims of these articles in order, extracted for an article that has none yet."""
    for art in articles:
        art.claims = art.claims or extract_claims(art)
    return [c for art in articles for c in art.claims]


def candidates(claims: list[Claim]) -> np.ndarray:
    """Symmetric matrix, True where two claims of different articles may state the same thing:
    always across languages (only the embedding can tell), and in one language when they share
    enough keywords or a telling amount. Reads only what the claim's text gives (its keywords,
    amounts and language), so it answers the same before and after the corpus phase refreshes
    entity ids and dates. Built from inverted indexes, so a big event costs array operations, not
    a Python call per pair."""
    lang = _codes([c.lang or "" for c in claims])
    unknown = np.array([not c.lang for c in claims], dtype=bool)
    out = (lang[:, None] != lang[None, :]) | unknown[:, None] | unknown[None, :]
    out |= overlap([{q.value for q in c.numbers if q.value >= TELLING} for c in claims]) > 0
    words = [keywords(c.text) for c in claims]
    out |= jaccards(overlap(words), words) >= SAME_LANGUAGE
    art = _codes([c.article_id for c in claims])
    return out & (art[:, None] != art[None, :])


def _codes(values: list) -> np.ndarray:
    index: dict = {}
    return np.array([index.setdefault(v, len(index)) for v in values], dtype=np.int64)


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
    """Pairwise alignment score of candidate pairs (`candidates`): embedding cosine plus the
    shared-signature bonus; every other pair scores `UNRELATED`. Only claims with a candidate
    partner are embedded."""
    pairs = candidates(claims)
    sims = np.full((len(claims), len(claims)), UNRELATED, dtype=np.float32)
    rows = np.flatnonzero(pairs.any(axis=1))
    if not rows.size:
        return sims
    vecs = embed([claims[i].text for i in rows], query=True)
    cos = vecs @ vecs.T
    wanted = pairs[np.ix_(rows, rows)]
    for lo, extra in bonuses([signature(claims[i]) for i in rows]):
        part = slice(lo, lo + len(extra))
        sims[np.ix_(rows[part], rows)] = np.where(wanted[part], cos[part] + extra.astype(np.float32), UNRELATED)
    # one value per pair, as computed above the diagonal
    below = np.tril_indices(len(claims), -1)
    sims[below] = sims.T[below]
    return sims


def _foreign(claims: list[Claim], articles: dict[str, Article]) -> np.ndarray:
    """1 where one claim of the pair names canonical entities (entities stage) that the other
    claim's article never mentions: "Brazil offered to mediate" is not the statement of a source
    that never speaks of Brazil, however alike the two diplomatic sentences read. Entity ids are
    already joined across languages, so "Brésil" and "Brasil" are one entity."""
    mentioned = {aid: {m.entity_id for m in articles[aid].mentions if m.entity_id}
                 for aid in {c.article_id for c in claims}}
    named = []
    for c in claims:
        start, end = clause_span(c)
        named.append({m.entity_id for m in articles[c.article_id].mentions
                      if m.entity_id and start <= m.start < end})
    # The same holds for a telling amount ("cost traders $11 million") against a claim without
    # any, from a source that never gives that amount.
    amounts = [{q.value for q in c.numbers if q.value >= 10} for c in claims]
    given = {aid: set() for aid in mentioned}
    for c in claims:
        given[c.article_id] |= {q.value for q in c.numbers}
    # Claim i is foreign to claim j when it names what j's article never mentions, or gives an
    # amount j's article never gives while j has none: per (claim, article), then spread out.
    aids = list(dict.fromkeys(c.article_id for c in claims))  # the order `_codes` numbers them in
    col = _codes([c.article_id for c in claims])
    names_unmet = np.array([[bool(named[i] and not named[i] & mentioned[aid]) for aid in aids]
                            for i in range(len(claims))])
    amount_unmet = np.array([[bool(amounts[i] and not amounts[i] & given[aid]) for aid in aids]
                             for i in range(len(claims))])
    bare = np.array([not c.numbers for c in claims])
    foreign = names_unmet[:, col] | amount_unmet[:, col] & bare[None, :]
    return ((foreign | foreign.T) & (col[:, None] != col[None, :])).astype(np.float32)


def _group(claims: list[Claim], sims: np.ndarray) -> list[tuple[list[Claim], list[float]]]:
    if not claims:
        return []
    art = _codes([c.article_id for c in claims])
    of = [np.flatnonzero(art == a) for a in range(art.max() + 1)]
    # best[i, a]: the claim of article a that claim i resembles most (first on a tie)
    best = np.stack([js[np.argmax(sims[:, js], axis=1)] for js in of], axis=1)
    edges = []
    for i in range(len(claims)):
        for a, js in enumerate(of):
            j = best[i, a]
            if a != art[i] and i < j and best[j, art[i]] == i and _distinct(sims, i, j, js, of[art[i]]):
                edges.append((float(sims[i, j]), i, j))
    parent = list(range(len(claims)))
    members = {i: {art[i]} for i in range(len(claims))}
    scores: dict[int, list[float]] = {i: [] for i in range(len(claims))}
    comp = {i: [i] for i in range(len(claims))}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for score, i, j in sorted(edges, reverse=True):
        ri, rj = root(i), root(j)
        if ri == rj or members[ri] & members[rj]:
            continue  # one claim per article and group
        # No chaining: every claim of the merged group must still resemble every other.
        if sims[np.ix_(comp[ri], comp[rj])].min() < THRESHOLD - CHAIN_SLACK:
            continue
        parent[rj] = ri
        members[ri] |= members.pop(rj)
        scores[ri] += scores.pop(rj) + [score]
        comp[ri] += comp.pop(rj)
    comps: dict[int, list[Claim]] = {}
    for i, c in enumerate(claims):
        comps.setdefault(root(i), []).append(c)
    return [(cs, scores[r]) for r, cs in comps.items()]


def _confirmed(minority: list[Claim], majority: list[Claim], articles: dict[str, Article], every: list[Claim]) -> bool:
    """An amount of the suspect side that a human-written source of the event also gives
    elsewhere: then the disagreement is real, not the translation's."""
    theirs = {q.value for c in minority for q in c.numbers} - {q.value for c in majority for q in c.numbers}
    group = {c.id for c in minority + majority}
    return any(q.value in theirs for c in every if c.id not in group
               and articles[c.article_id].mt_likelihood < MT_LIKELY for q in c.numbers)


def _distinct(sims: np.ndarray, i: int, j: int, js: np.ndarray, own: np.ndarray) -> bool:
    """A link must clear the threshold and, unless it is near-certain, stand out from the
    runner-up on both sides: a statement one source alone makes resembles every sentence of
    another source a little, and then no single one by a margin."""
    score = sims[i, j]
    if score < THRESHOLD:
        return False
    if score >= CERTAIN:
        return True
    runner_up = max(np.partition(sims[i, js], -2)[-2] if len(js) > 1 else 0.0,
                    np.partition(sims[j, own], -2)[-2] if len(own) > 1 else 0.0)
    return score - runner_up >= MARGIN


@dataclass
class Context:
    """What labelling a group needs to know about the whole event."""

    known: set[str]  # name skeletons (signature.known_names)
    published: dict[str, str]  # article id -> trusted publication date
    every: list[Claim]  # all claims of the event
    parties: dict[str, str]  # person skeleton -> country skeleton (signature.affiliations)


def _label(group: list[Claim], ids: list[str], articles: dict[str, Article], sims: list[float],
           context: Context) -> list[tuple[ClaimGroup, int]]:
    """The labelled group, one copy per separate conflict aspect (see `_conflicts`)."""
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
        # Consensus means every source of the event; anything less is an omission by the rest.
        status="agreed" if len(group) >= 2 and not silent else "partial",
        sources=sources,
        evidence=evidence,
        silent=silent,
        date=next((d for c in group for d in c.dates), None),
        confidence=float(np.mean(sims)) if sims else 1.0,
    )
    if len(group) == 1:
        return [(result, order)]
    out = []
    for conflict, sides in _conflicts(group, context):
        typed = replace(result, evidence=list(evidence), silent=list(silent), conflict=conflict)
        typed.status = _conflict_status(conflict, sides, articles, context.every)
        who = "; ".join(f"{articles[aid].label}: {v}" for aid, v in conflict.values.items() if aid in articles)
        conflict.explanation += f" ({who})"
        out.append((typed, order))
    return out or [(result, order)]


def _conflicts(group: list[Claim], context: Context) -> list[tuple[Conflict, list[list[Claim]]]]:
    """The group's conflicts with their sides (claims that agree on that point, largest side
    first): the most frequent type, plus a conflict of its own for an amount, a stage of the
    happening or an actor disagreeing besides it — "248 km signed" vs "284 km agreed" are two
    disagreements with different camps, and merging them would blame the wrong sources; an
    actor swap is typically one translation's camp inside a group whose dates disagree elsewhere,
    and only on its own sides can it be told to be the translation's. Other types found are
    named in the explanation, so a second disagreement is not lost."""
    found, extra = [], []
    for i, a in enumerate(group):
        for b in group[i + 1 :]:
            for n, c in enumerate(_all_conflicts(a, b, context)):
                (extra if n else found).append((c, a, b))
    if not found:
        return []
    kinds = Counter(c.type for c, _, _ in found)
    first = min(kinds, key=lambda t: (-kinds[t], TYPES.index(t)))
    found += extra
    split = [first] + [t for t in SEPARATE if t != first and any(c.type == t for c, _, _ in found)]
    out = []
    for kind in split:
        pairs = [(c, a, b) for c, a, b in found if c.type == kind]
        conflict = replace(pairs[0][0], values=dict(pairs[0][0].values))
        for other in (t for t in kinds if t not in split):
            conflict.explanation += f"; also {other}: {next(c for c, _, _ in found if c.type == other).explanation}"
        for c, _, _ in pairs[1:]:
            for aid, v in c.values.items():
                conflict.values.setdefault(aid, v)
        out.append((conflict, _sides(group, pairs)))
    return out


def _all_conflicts(a: Claim, b: Claim, context: Context) -> list[Conflict]:
    """The pair's first conflict, and also its `SEPARATE` conflicts when another type came first:
    a translation may change both the amount and the stage of one statement."""
    first = compare(a, b, context.known, context.published, parties=context.parties)
    if not first:
        return []
    more = [compare(a, b, context.known, context.published, only=(t,), parties=context.parties)
            for t in SEPARATE if t != first.type]
    return [first] + [c for c in more if c]


def _sides(group: list[Claim], pairs: list[tuple[Conflict, Claim, Claim]]) -> list[list[Claim]]:
    against = {(a.id, b.id) for _, a, b in pairs} | {(b.id, a.id) for _, a, b in pairs}
    sides: list[list[Claim]] = []
    for claim in group:  # greedy partition into mutually consistent sides
        side = next((s for s in sides if all((claim.id, o.id) not in against for o in s)), None)
        if side is None:
            sides.append([claim])
        else:
            side.append(claim)
    sides.sort(key=len, reverse=True)
    return sides


def _conflict_status(conflict: Conflict, sides: list[list[Claim]], articles: dict[str, Article],
                     every: list[Claim]) -> str:
    """Blame machine translation when every claim outside the majority side comes from a
    machine-translated source (and no other source independently gives its amount), or when a
    lone actor swap faces a unanimous majority."""
    if len(sides) < 2:
        return "contradicted"
    mt = [c for c in (x for s in sides for x in s) if articles[c.article_id].mt_likelihood >= MT_LIKELY]
    if len(sides[0]) > len(sides[1]):
        minority = [c for s in sides[1:] for c in s]
    elif len(mt) == 1:
        # An even split: the machine-translated side is the suspect one, unless a human source
        # stands with it (the translation then only repeats its original).
        minority = next(s for s in sides if mt[0] in s)
    else:
        return "contradicted"
    if all(articles[c.article_id].mt_likelihood >= MT_LIKELY for c in minority) and not (
            conflict.type == "number" and _confirmed(minority, sides[0], articles, every)):
        names = ", ".join(sorted({articles[c.article_id].label for c in minority}))
        conflict.explanation += f" — {names} reads as machine translation"
        return "likely_translation_error"
    if conflict.type == "actor" and len(minority) == 1 and len(sides[0]) >= 2:
        conflict.explanation += " — every other source names the same actor"
        return "likely_translation_error"
    return "contradicted"
