"""The event page's timeline chart, laid out on the server as plain numbers for an SVG template.

No chart library: one row per dated statement, a dot at its date on a shared axis, the label
beside it. TimeML values that name no calendar day (durations, `XXXX-` dates, `PRESENT_REF`) stay
in the list under the chart but are not plotted, since they have no place on the axis.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Any

WIDTH, LEFT, RIGHT, TOP, ROW = 760, 20, 20, 34, 22
MAX_ROWS = 40
_DAY = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:$|T)")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


def to_date(value: str | None) -> date | None:
    """First day named by a TimeML value (2025-10-14, 2025-10, 2025, 2025-W42), else None."""
    if not value:
        return None
    try:
        if m := _WEEK.match(value):
            return date.fromisocalendar(int(m[1]), int(m[2]), 1)
        if m := _DAY.match(value):
            return date(int(m[1]), int(m[2] or 1), int(m[3] or 1))
    except ValueError:
        return None
    return None


def chart(timeline: list[dict[str, Any]]) -> dict[str, Any] | None:
    """Positions for the SVG: rows (x, y, label, anchor), axis ticks, size; None when nothing dates."""
    dated = sorted(((d, t) for t in timeline if (d := to_date(t.get("date")))), key=lambda p: p[0])[:MAX_ROWS]
    if not dated:
        return None
    first, last = dated[0][0], dated[-1][0]
    span = max(1, (last - first).days)
    usable = WIDTH - LEFT - RIGHT

    def x(d: date) -> float:
        return round(LEFT + usable * ((d - first).days / span if last != first else 0.5), 1)

    rows = []
    for i, (d, t) in enumerate(dated):
        px = x(d)
        label = f"{t['date']} · {_short(t.get('text') or '')}"
        right_half = px > LEFT + usable / 2
        rows.append({"x": px, "y": TOP + i * ROW, "label": label, "anchor": "end" if right_half else "start",
                     "tx": px - 8 if right_half else px + 8, "source": t.get("source"), "date": t["date"]})
    ticks = [{"x": x(first), "label": first.isoformat(), "anchor": "start"}]
    if last != first:
        ticks.append({"x": x(last), "label": last.isoformat(), "anchor": "end"})
    return {"width": WIDTH, "height": TOP + len(rows) * ROW, "rows": rows, "ticks": ticks,
            "axis_y": TOP - 16, "left": LEFT, "right": WIDTH - RIGHT}


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"
