"""The server-side timeline chart: which TimeML values get a place on the axis, and where."""
from __future__ import annotations

from datetime import date

from newsprism.web.timeline import chart, to_date


def test_calendar_values_are_dated_and_vague_ones_are_not():
    assert to_date("2025-10-14") == date(2025, 10, 14)
    assert to_date("2025-10-14T21:10") == date(2025, 10, 14)
    assert to_date("2025-10") == date(2025, 10, 1)
    assert to_date("2025-W41") == date(2025, 10, 6)
    for vague in ("XXXX-10-14", "P3D", "PRESENT_REF", "", None, "2025-13-40", "2025-W60"):
        assert to_date(vague) is None, vague


def test_rows_follow_the_dates_left_to_right():
    timeline = [{"date": "2025-10-17", "text": "Friday", "source": "b"},
                {"date": "P2W", "text": "two weeks", "source": "a"},
                {"date": "2025-10-13", "text": "Monday", "source": "a"}]
    c = chart(timeline)
    assert [r["date"] for r in c["rows"]] == ["2025-10-13", "2025-10-17"]
    assert c["rows"][0]["x"] == c["left"] and c["rows"][1]["x"] == c["right"]
    assert c["rows"][1]["anchor"] == "end"  # a label near the right edge grows leftwards
    assert [t["label"] for t in c["ticks"]] == ["2025-10-13", "2025-10-17"]


def test_no_chart_without_a_calendar_date():
    assert chart([{"date": "P1D", "text": "a day", "source": "a"}]) is None
    assert chart([]) is None
