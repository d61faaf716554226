"""The two real pages the project started from: one event, debris gone, names merged."""
from __future__ import annotations

import newsprism


def test_seed_pages_form_one_event_without_debris(seeds, tmp_path):
    report = newsprism.analyze([str(seeds)], db=str(tmp_path / "s.db"))
    assert len(report.articles) == 2
    assert len(report.events) == 1
    for a in report.articles.values():
        assert "spot_img" not in a.text and "Please enter your comment" not in a.text
        assert "必填项" not in a.text
        assert a.language == "en"
    stale = [a for a in report.articles.values() if a.page_date == "2023-09-28"]
    assert stale and stale[0].published != "2023-09-28" and stale[0].page_date_flag


def test_seed_pages_mangled_names_merged(seeds, tmp_path):
    report = newsprism.analyze([str(seeds)], db=str(tmp_path / "s.db"))
    by_text = {}
    for a in report.articles.values():
        for m in a.mentions:
            by_text.setdefault(m.text.lower(), set()).add(m.entity_id)
    navalny = by_text.get("navalny", set()) | by_text.get("alexey navalny", set())
    assert navalny and navalny & (by_text.get("navani", set()) | by_text.get("navarni", set()))
