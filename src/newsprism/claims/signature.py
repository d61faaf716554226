"""What two claims share besides meaning: entities, numbers, dates and keywords.

Embedding cosine alone cannot tell "the same statement in another language" from "another
statement about the same event" — e5 puts both high. Shared names, amounts and dates are the
cheap, language-independent evidence that separates them, so the alignment score adds a small
bonus for each. Names are compared on a folded skeleton (accents and doubled letters removed,
first five letters) so "Russia", "Rusia" and "Russie" meet without a transliteration table;
entity ids from the entities stage are used when present.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsprism.claims import lexicon
from newsprism.claims.extract import actor_spans, actors, fold
from newsprism.records import Claim

_TOKEN = re.compile(r"[^\W\d_]{3,}")


def skeleton(name: str) -> str:
    """Cross-language key of a name: folded, doubled letters collapsed, first five letters."""
    s = re.sub(r"(.)\1+", r"\1", fold(name))
    s = re.sub(r"[^a-z0-9 ]", "", s)
    words = [w for w in s.split() if w not in lexicon.STOPWORDS]
    return " ".join(w[:5] for w in words)


@dataclass
class Signature:
    keywords: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    numbers: set[tuple[str | None, float]] = field(default_factory=set)
    dates: set[str] = field(default_factory=set)


def signature(claim: Claim) -> Signature:
    words = {fold(w)[:6] for w in _TOKEN.findall(claim.text) if fold(w) not in lexicon.STOPWORDS}
    names = {skeleton(a) for a in actors(claim.text)} | {f"id:{e}" for e in claim.entities}
    return Signature(
        keywords=words,
        names={n for n in names if n},
        numbers={(q.unit, q.value) for q in claim.numbers},
        dates=set(claim.dates),
    )


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def bonus(a: Signature, b: Signature) -> float:
    """Score added to the cosine: shared names, keywords, amounts and dates raise confidence
    that two claims state the same thing."""
    score = 0.04 * jaccard(a.names, b.names) + 0.06 * jaccard(a.keywords, b.keywords)
    # Small counts ("two countries") are everywhere; only a telling amount is evidence.
    if {v for _, v in a.numbers if v >= 10} & {v for _, v in b.numbers if v >= 10}:
        score += 0.02
    if a.dates & b.dates:
        score += 0.02
    return score


_CALENDAR = {fold(w) for w in list(lexicon.WEEKDAYS) + list(lexicon.MONTHS)}


def known_names(sentences: list[str], mentions: list[str] = ()) -> set[str]:
    """Skeletons of words that are names in this event: capitalised somewhere other than at the
    start of a sentence, or found by the entities stage."""
    known = {skeleton(m) for m in mentions}
    for sentence in sentences:
        known |= {skeleton(name) for name, at in actor_spans(sentence) if at > 0}
    return {k for k in known if k}


def names(text: str, known: set[str]) -> list[tuple[str, str, int]]:
    """(skeleton, name, offset) of the names in `text` in order; a sentence-initial single word
    counts only when the event uses it as a name elsewhere ("Floodwaters killed" is no actor)."""
    out = []
    for name, at in actor_spans(text):
        key = skeleton(name)
        if fold(name) in _CALENDAR:
            continue
        if key and (at > 0 or " " in key or key in known):
            out.append((key, name, at))
    return out
