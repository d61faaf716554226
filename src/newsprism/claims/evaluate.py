"""Scoring of claim alignment and labels against a gold file (tests/gold/claims/*.jsonl).

One gold event per line: its articles (id, outlet, language, published, mt_likelihood, text) and
every statement as a gold claim — label, conflict type and, per carrying article, a substring
that locates the clause. A predicted group counts for a gold claim when its claims cover exactly
that claim's articles and clauses; labels and conflict types are then scored with precision,
recall and F1. Shared by the test gate and bench/claims.py so both measure the same thing.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

from newsprism.claims.align import align
from newsprism.claims.extract import clause_span, extract_claims
from newsprism.records import Article, Claim, ClaimGroup, Event

LABELS = ("agreed", "partial", "contradicted", "likely_translation_error")
CONFLICTS = ("number", "date", "status", "actor", "negation", "attribution")


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def articles_of(event: dict) -> dict[str, Article]:
    return {
        a["id"]: Article(id=a["id"], source=a["id"], outlet=a["outlet"], language=a["language"],
                         published=a.get("published"), mt_likelihood=a.get("mt_likelihood", 0.0), text=a["text"])
        for a in event["articles"]
    }


def run(event: dict) -> tuple[dict[str, Article], list[ClaimGroup]]:
    articles = articles_of(event)
    for art in articles.values():
        art.claims = extract_claims(art)
    ev = Event(id=event["id"], title=event.get("title", ""), articles=list(articles))
    return articles, align(ev, articles)


def _member_of(claim: Claim, spans: dict[tuple[str, int], tuple[int, int]]) -> tuple[str, int] | None:
    """The gold (article, claim index) whose located substring lies in this claim's clause."""
    a, b = clause_span(claim)
    best, overlap = None, 0
    for (aid, k), (s, e) in spans.items():
        if aid == claim.article_id and min(b, e) - max(a, s) > overlap:
            best, overlap = (aid, k), min(b, e) - max(a, s)
    return best


def score_event(event: dict, articles: dict[str, Article], groups: list[ClaimGroup]) -> dict:
    """Per gold claim: (gold label, gold conflict, predicted label, predicted conflict) or a miss,
    plus predicted groups that match no gold claim, and pairwise alignment counts."""
    spans = {}
    for k, gc in enumerate(event["claims"]):
        for aid, sub in gc["members"].items():
            at = articles[aid].text.find(sub)
            spans[(aid, k)] = (at, at + len(sub))
    claims = {c.id: c for a in articles.values() for c in a.claims}
    rows, spurious = [], []
    matched = set()
    pred_links, gold_links = set(), set()
    for g in groups:
        members = {_member_of(claims[e.claim_id], spans) for e in g.evidence if e.claim_id in claims}
        ks = {m[1] for m in members if m}
        keys = sorted(m for m in members if m)
        pred_links |= {(x, y) for i, x in enumerate(keys) for y in keys[i + 1 :]}
        if len(ks) == 1 and None not in members:
            k = ks.pop()
            gold = set(event["claims"][k]["members"])
            if {m[0] for m in members} == gold and k not in matched:
                matched.add(k)
                rows.append((k, g.status, g.conflict.type if g.conflict else None))
                continue
        if keys:
            spurious.append((g.status, g.conflict.type if g.conflict else None))
    for k, gc in enumerate(event["claims"]):
        keys = sorted((aid, k) for aid in gc["members"])
        gold_links |= {(x, y) for i, x in enumerate(keys) for y in keys[i + 1 :]}
    by_k = {k: (status, ctype) for k, status, ctype in rows}
    out = []
    for k, gc in enumerate(event["claims"]):
        pred = by_k.get(k)
        out.append({"event": event["id"], "gold": gc["label"], "gold_conflict": gc.get("conflict"),
                    "pred": pred[0] if pred else None, "pred_conflict": pred[1] if pred else None,
                    "members": gc["members"]})
    return {"claims": out, "spurious": spurious,
            "links": (len(pred_links & gold_links), len(pred_links), len(gold_links))}


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "n": tp + fn}


def metrics(scored: list[dict]) -> dict:
    """P/R/F1 per label and per conflict type over all events, plus pairwise alignment."""
    rows = [r for s in scored for r in s["claims"]]
    spurious = [x for s in scored for x in s["spurious"]]
    out: dict = {"labels": {}, "conflicts": {}}
    for lab in LABELS:
        tp = sum(r["gold"] == lab and r["pred"] == lab for r in rows)
        fp = sum(r["pred"] == lab and r["gold"] != lab for r in rows) + sum(s[0] == lab for s in spurious)
        fn = sum(r["gold"] == lab and r["pred"] != lab for r in rows)
        out["labels"][lab] = prf(tp, fp, fn)
    for ct in CONFLICTS:
        tp = sum(r["gold_conflict"] == ct and r["pred_conflict"] == ct for r in rows)
        fp = sum(r["pred_conflict"] == ct and r["gold_conflict"] != ct for r in rows) + sum(s[1] == ct for s in spurious)
        fn = sum(r["gold_conflict"] == ct and r["pred_conflict"] != ct for r in rows)
        out["conflicts"][ct] = prf(tp, fp, fn)
    hit, pred, gold = (sum(s["links"][i] for s in scored) for i in range(3))
    out["alignment"] = prf(hit, pred - hit, gold - hit)
    out["confusion"] = Counter((r["gold"], r["pred"]) for r in rows)
    return out


def evaluate(path: Path) -> tuple[dict, list[dict]]:
    """Metrics over every event of a gold file, plus the per-event scoring rows."""
    scored, events, n_claims = [], load(path), 0
    for event in events:
        articles, groups = run(event)
        n_claims += sum(len(a.claims) for a in articles.values())
        scored.append(score_event(event, articles, groups))
    out = metrics(scored)
    sizes = [len(gc["members"]) for ev in events for gc in ev["claims"]]
    out.update(
        n_events=len(events), n_articles=sum(len(ev["articles"]) for ev in events),
        languages=sorted({a["language"] for ev in events for a in ev["articles"]}),
        n_gold=len(sizes), n_pairs=sum(n * (n - 1) // 2 for n in sizes), n_single=sizes.count(1),
        n_claims=n_claims,
    )
    return out, scored
