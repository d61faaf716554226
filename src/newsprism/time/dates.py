"""Calendar arithmetic and TimeML value formatting/parsing for the time stage.

Kept apart from the grammar so the normalisers, event dating and the cleaner's page-date check
share one definition of "a week", "last Friday" and "what interval does `1998-W07` cover".
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

MIN_YEAR, MAX_YEAR = 1000, 2999  # outside this a "year" is a number, not a date


def parse_reference(reference: str | None) -> date | None:
    """The calendar day of an ISO reference date or datetime; None when absent or unreadable."""
    if not reference:
        return None
    m = re.match(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})", str(reference))
    if not m:
        return None
    return make_date(int(m[1]), int(m[2]), int(m[3]))


def make_date(year: int, month: int, day: int) -> date | None:
    """A real date or None (February 31, month 13, year 0)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def shift(d: date, n: float, unit: str) -> date:
    """`d` moved by n units (Y M W D Q DE CE); month ends clamp (Mar 31 - 1 month = Feb 28)."""
    if unit == "D":
        return d + timedelta(days=round(n))
    if unit == "W":
        return d + timedelta(weeks=round(n))
    months = {"M": 1, "Q": 3, "Y": 12, "DE": 120, "CE": 1200}.get(unit)
    if months is None:
        return d
    total = d.year * 12 + d.month - 1 + round(n * months)
    year, month = divmod(total, 12)
    year = min(max(year, 1), 9999)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def fmt(d: date, granularity: str) -> str:
    """TimeML value of the unit of `granularity` containing `d`."""
    if granularity == "Y":
        return f"{d.year:04d}"
    if granularity == "M":
        return f"{d.year:04d}-{d.month:02d}"
    if granularity in ("W", "WE"):
        y, w, _ = d.isocalendar()
        return f"{y:04d}-W{w:02d}" + ("-WE" if granularity == "WE" else "")
    if granularity == "Q":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if granularity == "DE":
        return f"{d.year // 10:03d}"
    if granularity == "CE":
        return f"{d.year // 100:02d}"
    return d.isoformat()


_SMALLER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("MIN", 60), "MIN": ("S", 60)}


def duration(n: float | None, unit: str) -> str:
    """TimeML duration: P5Y, PT3H, P2Y6M for 2 1/2 years, PXY when the count is unknown;
    decades and centuries in years, quarters in months."""
    scale = {"DE": ("Y", 10), "CE": ("Y", 100), "Q": ("M", 3), "WE": ("D", 2)}
    letter, factor = scale.get(unit, (unit, 1))
    if n is None:
        parts = [("X", letter)]
    else:
        total = n * factor
        whole = int(total)
        parts = [(str(whole), letter)] if whole else []
        rest = total - whole
        if rest and letter in _SMALLER:
            small, per = _SMALLER[letter]
            parts.append((f"{rest * per:g}", small))
        elif rest:
            parts = [(f"{total:g}", letter)]
    date_part = "".join(c + u for c, u in parts if u in ("Y", "M", "W", "D"))
    time_part = "".join(c + ("M" if u == "MIN" else u) for c, u in parts if u in ("H", "MIN", "S"))
    return "P" + date_part + ("T" + time_part if time_part else "")


def weekday_near(ref: date, weekday: int, direction: int, strict: bool = False) -> date:
    """The `weekday` (0 = Monday) nearest `ref` going back (-1) or forward (+1), within 7 days;
    `strict` excludes `ref` itself ("last Friday" said on a Friday is a week ago)."""
    delta = (weekday - ref.weekday()) % 7 if direction > 0 else -((ref.weekday() - weekday) % 7)
    if strict and delta == 0:
        delta = 7 * direction
    return ref + timedelta(days=delta)


def year_for(ref: date, month: int, day: int | None, tense: int) -> int:
    """Year of a "February 5" / "February" said on `ref`. A bare month follows the clause's tense
    strictly; a day is the occurrence closest to the reference, where going against the tense
    costs triple ("was extended to Nov. 16" can still be ahead) and going ahead in an unmarked
    clause costs 1.5x (news mostly reports the past); a date a past verb governs ("ended
    March 31", tense -2) is never ahead."""
    if day is None and tense < 0:  # "visited in March": a month that has begun
        return ref.year if month <= ref.month else ref.year - 1
    if day is None and tense > 0:  # "will open in March": a month not yet over
        return ref.year if month >= ref.month else ref.year + 1
    best, best_cost = ref.year, float("inf")
    for year in (ref.year - 1, ref.year, ref.year + 1):
        start = make_date(year, month, day or 1) or make_date(year, month, 28)
        end = make_date(year, month, day) if day else shift(date(year, month, 1), 1, "M") - timedelta(days=1)
        if start is None or end is None:
            continue
        if start <= ref <= end:
            return year
        gap = (start - ref).days if start > ref else (ref - end).days
        ahead = start > ref
        factor = 1.0
        if tense <= -2 and ahead:
            continue
        if (tense < 0 and ahead) or (tense > 0 and not ahead):
            factor = 3.0
        elif tense == 0 and ahead:
            factor = 1.5
        if gap * factor < best_cost:
            best, best_cost = year, gap * factor
    return best


def interval(value: str | None) -> tuple[date, date] | None:
    """First and last day covered by a resolved DATE/TIME value; None for durations, refs or
    values with X placeholders."""
    try:
        return _interval(value)
    except (ValueError, OverflowError):  # year 0 or 10000, from a reference at the edge of the calendar
        return None


def _interval(value: str | None) -> tuple[date, date] | None:
    if not value or "X" in value or value.startswith("P") or value.endswith("_REF"):
        return None
    value = value.split("T")[0]
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value)
    if m:
        d = make_date(int(m[1]), int(m[2]), int(m[3]))
        return (d, d) if d else None
    m = re.fullmatch(r"(\d{4})-W(\d{1,2})(-WE)?", value)
    if m:
        try:
            start = date.fromisocalendar(int(m[1]), int(m[2]), 6 if m[3] else 1)
        except ValueError:
            return None
        return start, start + timedelta(days=1 if m[3] else 6)
    m = re.fullmatch(r"(\d{4})-(\d{2})", value)
    if m and 1 <= int(m[2]) <= 12:
        y, mo = int(m[1]), int(m[2])
        return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
    m = re.fullmatch(r"(\d{4})-Q([1-4])", value)
    if m:
        y, q = int(m[1]), int(m[2])
        end_month = q * 3
        return date(y, end_month - 2, 1), date(y, end_month, calendar.monthrange(y, end_month)[1])
    m = re.fullmatch(r"(\d{4})-H([12])", value)
    if m:
        y, first = int(m[1]), 1 + 6 * (int(m[2]) - 1)
        start, end = make_date(y, first, 1), make_date(y, first + 5, 30 if first == 1 else 31)
        return (start, end) if start and end else None
    m = re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value)
    if m:
        y, start_month = int(m[1]), {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[m[2]]
        return date(y, start_month, 1), shift(date(y, start_month, 1), 3, "M") - timedelta(days=1)
    m = re.fullmatch(r"(\d{2,4})", value)
    if m:
        digits = len(value)
        span = 10 ** (4 - digits)
        start = int(value) * span
        if start < 1:
            return None
        return date(start, 1, 1), date(min(start + span - 1, 9999), 12, 31)
    return None


def is_quarter(value: str | None) -> bool:
    """A calendar quarter such as 1989-Q3 (the reporting period of results news)."""
    return bool(value and re.fullmatch(r"\d{4}-Q[1-4]", value))


def granularity_days(value: str | None) -> int | None:
    """Length in days of the interval a value covers (1 for a day); None when not a date."""
    span = interval(value)
    return None if span is None else (span[1] - span[0]).days + 1
