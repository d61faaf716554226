"""What the same-event score looks at in one article, and how two articles are compared.

An article is reduced once to a `Profile` (language, day, names, places, numbers) plus one
embedding of its title and lead, so clustering thousands of articles compares small sets instead
of re-reading texts. Names come from canonical entities when the entities stage ran
(`Mention.entity_id`), else from normalised mention strings, else from capitalised tokens
transliterated with anyascii so "Zelensky" and "Зеленский" can still meet.
"""
from __future__ import annotations

import datetime as dt
import re
import sys
from collections import Counter
from dataclasses import dataclass

import numpy as np
from anyascii import anyascii

from newsprism.records import Article, TimeExpr

# The lead carries the event (who, what, where, when); the measured best length for the
# SemEval pairs is recorded in bench/results/events.md.
LEAD_CHARS = 1000
PLACE_TYPES = {"GPE", "LOC"}
FEATURES = ["cos", "cos_sq", "cross", "cos_cross", "cos_lang", "names", "places", "numbers",
            "cos_metric"]

_NUMBER = re.compile(r"\d[\d.,]*\d|\d")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE_END = re.compile(r"[.!?:\n\"“”«»]\s*$")
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


# A publication date below this confidence (a date printed at the top of a text dump, say) is
# often the day of the page, not of the article: it barely counts; from the upper bound on it
# counts fully. Clean sets the confidence; 0.0 means nobody rated the date.
DATE_DOUBTFUL, DATE_TRUSTED = 0.4, 0.8


@dataclass(frozen=True)
class Profile:
    """Names, places and numbers are sorted tuples of interned strings (`keys`): clustering
    holds one profile per article of the corpus, and on the scale benchmark's articles these
    take ~0.4 KB an article where frozensets of per-article strings took ~4 KB."""

    lang: str | None
    day: int | None  # proleptic ordinal of the article's date, for time proximity
    names: tuple[str, ...]
    places: tuple[str, ...]
    numbers: tuple[str, ...]
    day_trust: float = 1.0  # how far the day can be believed, 0..1


def keys(values) -> tuple[str, ...]:
    """Distinct strings as a `Profile` keeps them: sorted and interned, so the same name
    or number is one object across every profile of a corpus."""
    return tuple(sorted({sys.intern(v) for v in values}))


def lead(article: Article, chars: int = LEAD_CHARS) -> str:
    """Title plus the first `chars` characters of the body, without repeating the title."""
    title = (article.title or "").strip()
    body = (article.text or "").strip()
    if title and body.startswith(title):
        body = body[len(title):].lstrip()
    return f"{title}\n{body}"[: chars + len(title) + 1].strip() or " "


def _norm(text: str) -> str:
    return " ".join(anyascii(text).lower().split())


def normalised_words(text: str) -> set[str]:
    """Words of three letters or more, transliterated and lower-cased."""
    return {_norm(m.group()) for m in _WORD.finditer(text) if len(m.group()) >= 3}


def _capitalised(text: str) -> set[str]:
    """Capitalised words that do not open a sentence: a cheap stand-in for names."""
    found = set()
    for m in _WORD.finditer(text):
        word = m.group()
        if len(word) < 3 or not word[0].isupper() or word.isupper() and len(word) > 5:
            continue
        if m.start() == 0 or _SENTENCE_END.search(text[max(0, m.start() - 3): m.start()]):
            continue
        found.add(_norm(word))
    return found


def _numbers(text: str) -> set[str]:
    """Numbers of two digits or more, separators dropped so "1,200" and "1.200" agree."""
    out = set()
    for m in _NUMBER.finditer(text):
        digits = re.sub(r"\D", "", m.group())
        if len(digits) >= 2:
            out.add(digits.lstrip("0") or "0")
    return out


def _day(value: str | None) -> int | None:
    m = _DATE.match(value or "")
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3])).toordinal()
    except ValueError:
        return None


def date_cues(article: Article) -> list[TimeExpr]:
    """The time expressions `article_day` reads: none when the publication date gives the day,
    else the absolute dates the article mentions. Relative dates count only once an anchor
    resolved them, and without a publication date that anchor is the event date of an earlier
    analysis: reading them would make clustering depend on its own previous output (a rerun
    would group differently from a fresh run)."""
    if _day(article.published) is not None:
        return []
    return [t for t in article.timexes if t.type == "DATE" and not t.relative and _day(t.value)]


def article_day(article: Article) -> tuple[int | None, float]:
    """Publication day and how far to trust it, else the absolute date mentioned most."""
    day = _day(article.published)
    if day is not None:
        conf = article.published_confidence or 1.0
        trust = (conf - DATE_DOUBTFUL) / (DATE_TRUSTED - DATE_DOUBTFUL)
        return day, float(min(1.0, max(0.0, trust)))
    days = Counter(_day(t.value) for t in date_cues(article))
    # the date an article mentions most is usually its event's, but not always
    return (days.most_common(1)[0][0], 0.5) if days else (None, 0.0)


def profile(article: Article) -> Profile:
    text = lead(article, 2 * LEAD_CHARS)
    names: set[str] = set()
    places: set[str] = set()
    for m in article.mentions:
        key = m.entity_id or _norm(m.text)
        if not key:
            continue
        (places if m.type in PLACE_TYPES else names).add(key)
    if not article.mentions:
        names = _capitalised(text)
    day, trust = article_day(article)
    return Profile(
        lang=(article.language or None),
        day=day,
        names=keys(names | places),
        places=keys(places),
        numbers=keys(_numbers(text)),
        day_trust=trust,
    )


def _overlap(a: tuple[str, ...], b: tuple[str, ...]) -> float:
    """Shared over all distinct keys of two profiles' fields (each without repeats)."""
    if not (a and b):
        return 0.0
    shared = len(set(a).intersection(b))
    # +1 in the denominator so two one-word sets sharing their word do not look certain
    return shared / (len(a) + len(b) - shared + 1.0)


def cross_language(a: Profile, b: Profile) -> bool:
    return bool(a.lang and b.lang and a.lang != b.lang)


def pair_features(cos: float, a: Profile, b: Profile, baseline: float, metric: float = 0.0
                  ) -> np.ndarray:
    """Feature vector in the order of FEATURES; `baseline` is the language pair's usual cosine
    between unrelated articles (each language sits at its own level in the embedding space),
    `metric` the learnt weighted cosine (`score.metric_scores`)."""
    cross = float(cross_language(a, b))
    return np.array(
        [
            cos,
            cos * cos,
            cross,
            cos * cross,
            cos - baseline,
            _overlap(a.names, b.names),
            _overlap(a.places, b.places),
            _overlap(a.numbers, b.numbers),
            metric,
        ],
        dtype=np.float64,
    )


def days_apart(a: Profile, b: Profile) -> float | None:
    if a.day is None or b.day is None:
        return None
    return float(abs(a.day - b.day))


def date_trust(a: Profile, b: Profile) -> float:
    return min(a.day_trust, b.day_trust)
