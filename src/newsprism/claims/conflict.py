"""Typed conflicts between two aligned claims.

Two sources carrying "the same" statement disagree in a handful of ways a reader must tell apart,
checked here from the most specific to the most general: a party's statement leaving the point
out (attribution), a negation or denial, a different amount of the same kind of thing (number),
a different date for the same happening, a different stage of the happening (done vs agreed or
planned: status), and a different actor in the same role (actor). Each check compares the
structured fields `extract` filled, never the wording, so it works across languages.
"""
from __future__ import annotations

import re

from newsprism.claims.extract import CANON_UNITS, no_mention
from newsprism.claims.signature import known_names, names
from newsprism.records import Claim, Conflict

# A proposal is a speech act, not a stage of the happening: "proposed" never contradicts "done".
PENDING = {"planned", "agreed"}
TYPES = ("attribution", "negation", "number", "date", "status", "actor")  # in CHECKS order
REL_TOLERANCE = 0.005  # 1,200 vs 1200.4 after rounding is the same number


def compare(a: Claim, b: Claim, known: set[str] | None = None,
            published: dict[str, str] | None = None, only: tuple[str, ...] = TYPES,
            parties: dict[str, str] | None = None) -> Conflict | None:
    """The conflict between two claims already aligned as the same statement, or None; `only`
    restricts the checks to those conflict types.
    `known` holds the name skeletons of the event (see `signature.known_names`); without it the
    two sentences themselves are the evidence of what is a name. `published` (article id ->
    trusted publication date) lets a plan reported earlier agree with its later completion.
    `parties` maps a person's name skeleton to their country's (`signature.affiliations`)."""
    if known is None:
        known = known_names([a.sentence, b.sentence])
    for check in (c for c, t in zip(CHECKS, TYPES) if t in only):
        if check is _actor:
            conflict = _actor(a, b, known, parties or {})
        elif check is _status:
            conflict = _status(a, b, published or {})
        else:
            conflict = check(a, b)
        if conflict:
            return conflict
    return None


def _who(c: Claim) -> str:
    return c.attribution or "one source"


Name = tuple[str, str, int, bool]  # (party skeleton, name as written, offset, stands for its country)


def _bystander(found: list[Name], acting: Name, other: Name, text: str, place: bool = False) -> bool:
    """The other side's actor occurs here after this side's actor, as itself (same skeleton,
    nearly the same length: "Uruguayan investigators" are not "Uruguay"; or a person standing
    for that country) and separated from it by at least one ordinary word (an apposition — "the
    minister, Ana Ruiz" — is the same actor)."""
    key, name = other[0], other[1]
    end = acting[2] + len(acting[1])
    return any(k == key and (party or other[3] or abs(len(n) - len(name)) <= 1) and at >= end
               and re.search(r"\b[a-zà-ÿ]{2,}", text[end:at]) and (not place or _PLACE_PREP.search(text[:at]))
               for k, n, at, party in found)


def _attribution(a: Claim, b: Claim) -> Conflict | None:
    na, nb = no_mention(a.text.lower()), no_mention(b.text.lower())
    if na == nb:
        return None
    silent, asserting = (a, b) if na else (b, a)
    if asserting.negated:
        return None  # both sides leave the point open ("did not say", "no arrest was announced")
    return Conflict(
        type="attribution",
        explanation=f"{_who(asserting)} states it, while "
                    f"{_who(silent) + chr(39) + 's account' if silent.attribution else 'another account'} does not mention it",
        values={asserting.article_id: _who(asserting), silent.article_id: f"{_who(silent)}: not mentioned"},
    )


def _negation(a: Claim, b: Claim) -> Conflict | None:
    deny_a = a.negated or a.status == "denied"
    deny_b = b.negated or b.status == "denied"
    if deny_a == deny_b or quoted(a) or quoted(b):
        return None  # direct quotes are rhetoric, split differently by every outlet
    neg, pos = (a, b) if deny_a else (b, a)
    return Conflict(
        type="negation",
        explanation=f"{_who(pos)} affirms it; {_who(neg) if neg.attribution else 'another source'} negates or denies it",
        values={pos.article_id: "affirmed", neg.article_id: "denied" if neg.status == "denied" else "negated"},
    )


QUOTES = "\"“”«»„'‘’"


def quoted(c: Claim) -> bool:
    """A direct quote: the clause opens with a quotation mark or one closes right after it."""
    at = c.sentence.find(c.text)
    after = c.sentence[at + len(c.text) : at + len(c.text) + 2] if at >= 0 else ""
    return c.text[:1] in QUOTES or any(ch in QUOTES for ch in after)


def _number(a: Claim, b: Claim) -> Conflict | None:
    units_a = {q.unit for q in a.numbers}
    for qa in a.numbers:
        same = [qb for qb in b.numbers if qb.unit == qa.unit and qa.unit]
        if same and not any(_close(qa.value, qb.value) for qb in same):
            return _number_conflict(a, b, qa, same[0])
    # Units in different languages ("trawlers"/"pesqueros") that no table joins: one amount left on
    # each side, of a similar size, is the same quantity told differently.
    rest_a = [q for q in a.numbers if not any(_close(q.value, r.value) for r in b.numbers)]
    rest_b = [q for q in b.numbers if not any(_close(q.value, r.value) for r in a.numbers)]
    rest_b = [q for q in rest_b if q.unit not in units_a or q.unit is None]
    if len(rest_a) == 1 and len(rest_b) == 1 and len(a.numbers) == len(b.numbers):
        qa, qb = rest_a[0], rest_b[0]
        if qa.unit != qb.unit and (qa.unit in CANON_UNITS or qb.unit in CANON_UNITS) and qa.unit and qb.unit:
            return None  # "5 years" vs "1,500 soldiers": two different quantities
        if 0.2 <= qa.value / qb.value <= 5 if qb.value else False:
            return _number_conflict(a, b, qa, qb)
    return None


def _close(x: float, y: float) -> bool:
    return abs(x - y) <= REL_TOLERANCE * max(abs(x), abs(y), 1e-9)


def _number_conflict(a: Claim, b: Claim, qa, qb) -> Conflict:
    return Conflict(
        type="number",
        explanation=f"different amounts: {qa.text} vs {qb.text}",
        values={a.article_id: qa.text, b.article_id: qb.text},
    )


def _date_match(x: str, y: str) -> bool:
    """TimeML values agree where both are specific ("XXXX-02-05" matches "2021-02-05")."""
    n = min(len(x), len(y))
    return all(p == q or "X" in (p, q) for p, q in zip(x[:n], y[:n]))


_GRAIN = [("day", re.compile(r"^(?:\d{4}|XXXX)-\d{2}-\d{2}")), ("weekday", re.compile(r"^XXXX-WXX-\d")),
          ("week", re.compile(r"^\d{4}-W\d{2}")), ("month", re.compile(r"^\d{4}-\d{2}$"))]


def _later_completion(done: Claim, pending: Claim, published: dict[str, str]) -> bool:
    """"Will resume on Friday" written on Thursday and "resumed on Friday" written on Saturday
    agree: the completion is dated (or, undated, reported) after the plan was published."""
    when_planned = (published.get(pending.article_id) or "")[:10]
    if not when_planned:
        return False
    days = [d[:10] for d in done.dates if _grain(d) == "day" and d[:1].isdigit()]
    if days:
        return min(days) > when_planned
    when_done = (published.get(done.article_id) or "")[:10]
    if not when_done:  # an undated report of completion vs a plan for after its own publication
        return any(d[:10] > when_planned for d in pending.dates if _grain(d) == "day" and d[:1].isdigit())
    return when_done > when_planned


def _grain(value: str) -> str | None:
    return next((name for name, pat in _GRAIN if pat.match(value)), None)


def _date(a: Claim, b: Claim) -> Conflict | None:
    """Dates conflict only at the same grain: "on Tuesday 14" vs "last week" may name two
    happenings of one sentence, "Tuesday 14" vs "Monday 13" cannot both be the call."""
    if any(_date_match(x, y) for x in a.dates for y in b.dates):
        return None
    for grain in ("day", "weekday", "week", "month"):
        da = [d for d in a.dates if _grain(d) == grain]
        db = [d for d in b.dates if _grain(d) == grain]
        if da and db:
            return Conflict(
                type="date",
                explanation=f"different dates for the same happening: {da[0]} vs {db[0]}",
                values={a.article_id: da[0], b.article_id: db[0]},
            )
    return None


def _status(a: Claim, b: Claim, published: dict[str, str]) -> Conflict | None:
    pair = {a.status, b.status}
    if "done" not in pair or not pair & PENDING or quoted(a) or quoted(b):
        return None
    done, pending = (a, b) if a.status == "done" else (b, a)
    if _later_completion(done, pending, published):
        return None
    return Conflict(
        type="status",
        explanation=f"one source says it happened; the other says it is only {pending.status}",
        values={done.article_id: "done", pending.article_id: pending.status},
    )


_PLACE_PREP = re.compile(r"(?:\b(?:in|into|to|at|from|near|en|dans|à|vers|hacia|desde|cerca|nach|im|bei|aus)\s+(?:the\s+|la\s+|le\s+|l'|el\s+)?)$", re.I)


def _acting(found: list[Name], text: str) -> Name | None:
    """The name that acts: the first one in the first half of the clause that is not the object
    of a place preposition ("in Dravia", "en Méditerranée")."""
    for name in found:
        if name[2] > len(text) / 2:
            return None
        if not _PLACE_PREP.search(text[: name[2]]):
            return name
    return None


def _parties(text: str, known: set[str], parties: dict[str, str]) -> list[Name]:
    """The names of `text`, a person affiliated with a country standing for that country: "the
    Uruguayan minister, Ana Ruiz, accused Belmora" and "Belmora accused Uruguay" swap parties."""
    return [(parties.get(key, key), name, at, key in parties) for key, name, at in names(text, known)]


def _actor(a: Claim, b: Claim, known: set[str], parties: dict[str, str]) -> Conflict | None:
    names_a, names_b = _parties(a.text, known, parties), _parties(b.text, known, parties)
    if quoted(a) or quoted(b):
        return None
    acting_a, acting_b = _acting(names_a, a.text), _acting(names_b, b.text)
    if not acting_a or not acting_b:
        return None
    (sa, shown_a, _, _), (sb, shown_b, _, _) = acting_a, acting_b
    if sa == sb:
        return None
    # A swap: both actors appear on both sides with their roles exchanged. A displacement: one
    # side's actor is only a place on the other ("sailors held in Dravia") and the other side's
    # actor is missing there.
    b_in_a = _bystander(names_a, acting_a, acting_b, a.text)
    a_in_b = _bystander(names_b, acting_b, acting_a, b.text)
    if not (b_in_a and a_in_b):
        placed = _bystander(names_a, acting_a, acting_b, a.text, place=True) and not a_in_b or \
            _bystander(names_b, acting_b, acting_a, b.text, place=True) and not b_in_a
        if not placed:
            return None
    return Conflict(
        type="actor",
        explanation=f"different actor in the same role: {shown_a} vs {shown_b}",
        values={a.article_id: shown_a, b.article_id: shown_b},
    )


CHECKS = (_attribution, _negation, _number, _date, _status, _actor)
