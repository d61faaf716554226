"""An undated article's day for clustering comes from the document itself, never from what an
earlier corpus phase anchored on it, so a rerun groups exactly like a fresh run."""
from __future__ import annotations

from newsprism.events.features import article_day
from newsprism.records import Article, TimeExpr


def _undated(*timexes: TimeExpr) -> Article:
    return Article(id="a", source="s", text="The council met on Monday.", timexes=list(timexes))


def test_a_date_anchored_by_an_earlier_analysis_is_not_a_publication_day():
    monday = TimeExpr(text="Monday", start=19, end=25, type="DATE", value="2026-03-02",
                      anchor="2026-03-03", relative=True)
    assert article_day(_undated(monday)) == (None, 0.0)


def test_an_absolute_date_in_the_text_still_dates_an_undated_article():
    absolute = TimeExpr(text="2 March 2026", start=0, end=12, type="DATE", value="2026-03-02")
    day, trust = article_day(_undated(absolute))
    assert day is not None and trust == 0.5
