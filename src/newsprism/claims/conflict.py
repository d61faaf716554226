"""Typed conflicts between two aligned claims.

Two sources carrying "the same" statement disagree in a handful of ways a reader must tell apart,
checked here from the most specific to the most general: a party's statement leaving the point
out (attribution), a negation or denial, a different amount of the same kind of thing (number),
a different date for the same happening, a different stage of the happening (done vs agreed or
planned: status), and a different actor in the same role (actor). Each check compares the
structured fields `extract` filled, never the wording, so it works across languages.
"""
from __future__ import annotations

from newsprism.claims.extract import CANON_UNITS, no_mention
from newsprism.claims.signature import known_names, names
from newsprism.records import Claim, Conflict

PENDING = {"planned", "agreed", "proposed"}
REL_TOLERANCE = 0.005  # 1,550 vs 1550.4 after rounding is the same number


def compare(a: Claim, b: Claim, known: set[str] | None = None) -> Conflict | None:
    """The conflict between two claims already aligned as the same statement, or None.
    `known` holds the name skeletons of the event (see `signature.known_names`); without it the
    two sentences themselves are the evidence of what is a name."""
    if known is None:
        known = known_names([a.sentence, b.sentence])
    for check in (_attribution, _negation, _number, _date, _status):
        conflict = check(a, b)
        if conflict:
            return conflict
    return _actor(a, b, known)


def _who(c: Claim) -> str:
    return c.attribution or "the source"


def _attribution(a: Claim, b: Claim) -> Conflict | None:
    na, nb = no_mention(a.text.lower()), no_mention(b.text.lower())
    if na == nb:
        return None
    silent, asserting = (a, b) if na else (b, a)
    return Conflict(
        type="attribution",
        explanation=f"{_who(asserting)} states it, while {_who(silent)}'s account does not mention it",
        values={asserting.article_id: _who(asserting), silent.article_id: f"{_who(silent)}: not mentioned"},
    )


def _negation(a: Claim, b: Claim) -> Conflict | None:
    deny_a = a.negated or a.status == "denied"
    deny_b = b.negated or b.status == "denied"
    if deny_a == deny_b:
        return None
    neg, pos = (a, b) if deny_a else (b, a)
    return Conflict(
        type="negation",
        explanation=f"{_who(pos)} affirms it; {_who(neg)} negates or denies it",
        values={pos.article_id: "affirmed", neg.article_id: "denied" if neg.status == "denied" else "negated"},
    )


def _number(a: Claim, b: Claim) -> Conflict | None:
    units_a = {q.unit for q in a.numbers}
    for qa in a.numbers:
        same = [qb for qb in b.numbers if qb.unit == qa.unit and qa.unit]
        if same and not any(_close(qa.value, qb.value) for qb in same):
            return _number_conflict(a, b, qa, same[0])
    # Units in different languages ("warheads"/"ojivas") that no table joins: one amount left on
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


def _date(a: Claim, b: Claim) -> Conflict | None:
    da = [d for d in a.dates if d[:1].isdigit() or d.startswith("X")]
    db = [d for d in b.dates if d[:1].isdigit() or d.startswith("X")]
    if not da or not db or any(_date_match(x, y) for x in da for y in db):
        return None
    return Conflict(
        type="date",
        explanation=f"different dates for the same happening: {da[0]} vs {db[0]}",
        values={a.article_id: da[0], b.article_id: db[0]},
    )


def _status(a: Claim, b: Claim) -> Conflict | None:
    pair = {a.status, b.status}
    if "done" not in pair or not pair & PENDING:
        return None
    done, pending = (a, b) if a.status == "done" else (b, a)
    return Conflict(
        type="status",
        explanation=f"one source says it happened; the other says it is only {pending.status}",
        values={done.article_id: "done", pending.article_id: pending.status},
    )


def _actor(a: Claim, b: Claim, known: set[str]) -> Conflict | None:
    names_a, names_b = names(a.text, known), names(b.text, known)
    if not names_a or not names_b:
        return None
    (sa, shown_a), (sb, shown_b) = names_a[0], names_b[0]
    keys_a, keys_b = {k for k, _ in names_a}, {k for k, _ in names_b}
    if sa == sb:
        return None
    # A swap: both actors appear on both sides with their roles exchanged. A displacement: one
    # side's actor is only a bystander on the other ("troops in Afghanistan") and the other
    # side's actor is missing there.
    swap = sa in keys_b and sb in keys_a
    displaced = (sb in keys_a) != (sa in keys_b)
    if not (swap or displaced):
        return None
    return Conflict(
        type="actor",
        explanation=f"different actor in the same role: {shown_a} vs {shown_b}",
        values={a.article_id: shown_a, b.article_id: shown_b},
    )
