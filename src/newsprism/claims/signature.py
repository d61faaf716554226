"""What two claims share besides meaning: entities, numbers, dates and keywords.

Embedding cosine alone cannot tell "the same statement in another language" from "another
statement about the same event" — e5 puts both high. Shared names, amounts and dates are the
cheap, language-independent evidence that separates them, so the alignment score adds a small
bonus for each. Names are compared on a folded skeleton (accents and doubled letters removed,
first five letters) so "Russia", "Rusia" and "Russie" meet without a transliteration table;
entity ids from the entities stage are used when present. The event's names also say which
country a named official speaks for (`affiliations`), so the actor check can hold "the Uruguayan
minister X accused Paraguay" against a translation's "Paraguay accused Uruguay".
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

import numpy as np

from newsprism.claims import lexicon
from newsprism.claims.extract import actor_spans, actors, fold
from newsprism.entities.keys import fold as name_fold
from newsprism.entities.keys import territory
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


def keywords(text: str) -> set[str]:
    """Content words of a text, folded and cut to their first six letters: a crude stem that
    needs no language model ("negotiated" and "negotiations" meet)."""
    return {f[:6] for f in map(fold, _TOKEN.findall(text)) if f not in lexicon.STOPWORDS}


def signature(claim: Claim) -> Signature:
    names = {skeleton(a) for a in actors(claim.text)} | {f"id:{e}" for e in claim.entities}
    return Signature(
        keywords=keywords(claim.text),
        names={n for n in names if n},
        numbers={(q.unit, q.value) for q in claim.numbers},
        dates=set(claim.dates),
    )


def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0


def bonus(a: Signature, b: Signature) -> float:
    """Score added to the cosine: shared names, keywords, amounts and dates raise confidence
    that two claims state the same thing."""
    return _bonus(jaccard(a.names, b.names), jaccard(a.keywords, b.keywords),
                  bool(_telling(a) & _telling(b)), bool(a.dates & b.dates))


def _bonus(names, words, amount, date):
    """The bonus from its parts, for one pair (floats) or many (arrays) alike."""
    return 0.04 * names + 0.06 * words + 0.02 * amount + 0.02 * date


def _telling(s: Signature) -> set[float]:
    # Small counts ("two countries") are everywhere; only a telling amount is evidence.
    return {v for _, v in s.numbers if v >= 10}


def bonuses(sigs: list[Signature], block: int = 512) -> Iterator[tuple[int, np.ndarray]]:
    """`bonus` of every pair of `sigs`, `block` rows at a time: (first row, float64 rows), so a
    big event costs array operations and a few bytes per pair, not a Python call per pair."""
    names, words = [s.names for s in sigs], [s.keywords for s in sigs]
    shared = [overlap(names), overlap(words), overlap([_telling(s) for s in sigs]), overlap([s.dates for s in sigs])]
    for lo in range(0, len(sigs), block):
        rows = slice(lo, lo + block)
        yield lo, _bonus(jaccards(shared[0][rows], names, rows), jaccards(shared[1][rows], words, rows),
                         shared[2][rows] > 0, shared[3][rows] > 0)


def overlap(sets: list[set]) -> np.ndarray:
    """How many items each pair of sets shares, counted through an inverted index."""
    posting: dict = {}
    for i, items in enumerate(sets):
        for item in items:
            posting.setdefault(item, []).append(i)
    out = np.zeros((len(sets), len(sets)), dtype=np.uint16)
    for rows in posting.values():
        if len(rows) > 1:
            out[np.ix_(rows, rows)] += 1
    return out


def jaccards(shared: np.ndarray, sets: list[set], rows: slice = slice(None)) -> np.ndarray:
    """`jaccard` of sets[rows] against every set, from their `overlap` rows (the same float64
    division, so the same values)."""
    size = np.array([len(x) for x in sets], dtype=np.float64)
    inter = shared.astype(np.float64)
    union = size[rows, None] + size[None, :] - inter
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where((size[rows, None] > 0) & (size[None, :] > 0), inter / union, 0.0)


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


# The descriptor in front of an apposed name ("Uruguay's foreign minister, <name>,") and the one
# after it ("<name>, the Uruguayan envoy,"): the comma-free stretch next to the name.
_BEFORE = re.compile(r"([^,;:()\u2014\u2013]{3,}),\s*$")
_AFTER = re.compile(r"^,\s*([^,;:()\u2014\u2013]{3,})")
_WORDS = re.compile(r"[^\W\d_]{4,}")
NEAR_WORDS = 4  # a descriptor is short; a country further off belongs to another clause


def affiliations(sentences: list[str]) -> dict[str, str]:
    """Skeleton of a person's name (full name and surname) -> skeleton of the country the event's
    sources attach to them in an apposition: "Uruguay's foreign minister, Ana Ruiz", "el
    canciller uruguayo, Ana Ruiz", "Ana Ruiz, la ministre uruguayenne". News reports a minister's
    act as the country's ("Uruguay accused ..."), and a translation that swaps the countries
    contradicts the sentence naming the minister; the actor check must see one party in both.
    Country words are CLDR country names (`entities.keys.territory`) named in the event; a
    demonym starts with its country's stem (uruguayo, Uruguayan; peruana, péruvien). A person gets
    the country most of their appositions give, and only when no other country ties with it."""
    found = [(s, actor_spans(s)) for s in sentences]
    stems = {_stem(n): skeleton(n) for _, spans in found for n, _ in spans
             if " " not in n and territory(name_fold(n))}
    if not stems:
        return {}

    def country_of(word: str) -> str | None:
        folded = re.sub(r"(.)\1+", r"\1", fold(word))
        return next((stems[s] for s in sorted(stems, key=len, reverse=True) if folded.startswith(s)), None)

    votes: dict[str, Counter] = defaultdict(Counter)
    for sentence, spans in found:
        for name, _ in spans:
            at = sentence.find(name)
            if " " not in name or at < 0:
                continue  # a person is named in full where an apposition introduces them
            before, after = _BEFORE.search(sentence[:at]), _AFTER.search(sentence[at + len(name):])
            near = (_WORDS.findall(before.group(1))[::-1][:NEAR_WORDS] if before else []) + \
                (_WORDS.findall(after.group(1))[:NEAR_WORDS] if after else [])
            country = next((c for c in map(country_of, near) if c), None)
            if country:
                for key in {skeleton(name), skeleton(name.split()[-1])} - {country}:
                    votes[key][country] += 1
    out = {}
    for key, count in votes.items():
        (best, n), *rest = count.most_common(2) + [(None, 0)]
        if n > rest[0][1]:
            out[key] = best
    return out


def _stem(country: str) -> str:
    """What a country's demonyms start with: "Peru" -> "peru" (peruano), "Chile" -> "chil"
    (chilienne), "Uruguay" -> "urugu"."""
    folded = re.sub(r"(.)\1+", r"\1", fold(country))
    return re.sub(r"(?<=..)[aeiou]$", "", folded)[:5]
