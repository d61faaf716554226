"""date_events: event date over publication date, timeline provenance, anchors, page-date flags.

Fixtures are invented reports of one invented event (a ferry strike settled on Tuesday
2021-03-16), written for these tests.
"""
from __future__ import annotations

from newsprism.records import Article, Event
from newsprism.time import date_events


def _article(aid: str, text: str, published: str | None, lang: str = "en", **kw) -> Article:
    return Article(id=aid, source=f"{aid}.html", text=text, published=published, language=lang, **kw)


def _event(*articles: Article) -> tuple[Event, dict[str, Article]]:
    return Event(id="e1", title="ferry strike", articles=[a.id for a in articles]), {a.id: a for a in articles}


def test_event_date_is_when_it_happened_not_when_published():
    a = _article("a", "Ferry workers ended their strike on Tuesday after a deal with the operator. "
                      "The walkout had lasted nine days.", "2021-03-18")
    b = _article("b", "The ferry strike ended yesterday, the union said. Boats will sail again on Friday.",
                 "2021-03-17")
    event, articles = _event(a, b)
    date_events([event], articles)
    assert event.date == "2021-03-16"
    assert event.date not in (a.published, b.published)


def test_timeline_has_provenance_and_is_sorted():
    a = _article("a", "Ferry workers ended their strike on Tuesday. The walkout began on March 7, 2021. "
                      "Talks resume on March 30.", "2021-03-18")
    event, articles = _event(a)
    date_events([event], articles)
    dates = [e.date for e in event.timeline]
    assert dates == sorted(dates)
    assert dates[:2] == ["2021-03-07", "2021-03-16"]
    first = event.timeline[0]
    assert first.article_id == "a" and "began" in first.sentence and first.text == "March 7, 2021"
    assert 0 < first.confidence <= 1


def test_dateline_is_not_the_event_date():
    a = _article("a", "Thursday, September 28, 2023\n\nFerry workers ended their strike on Tuesday, "
                      "the union said.", "2021-03-18")
    event, articles = _event(a)
    date_events([event], articles)
    assert event.date == "2021-03-16"


def test_undated_article_is_anchored_on_its_siblings():
    dated = _article("d", "The ferry strike ended on Tuesday, March 16, the union said.", "2021-03-17")
    undated = _article("u", "La grève des ferries a pris fin hier, selon le syndicat.", None, lang="fr")
    event, articles = _event(dated, undated)
    date_events([event], articles)
    anchor = undated.extra["anchor"]
    assert anchor["date"] == "2021-03-17" and anchor["from"] == "d"
    assert 0 < anchor["confidence"] < 1
    (hier,) = [t for t in undated.timexes if t.text == "hier"]
    assert hier.value == "2021-03-16" and hier.anchor == "2021-03-17"


def test_stale_page_date_is_flagged_with_reason():
    a = _article("a", "Ferry workers ended their strike on Tuesday, March 16, 2021.", "2021-03-17",
                 page_date="2023-09-28")
    event, articles = _event(a)
    date_events([event], articles)
    assert a.page_date_flag and "2023-09-28" in a.page_date_flag and "stale" in a.page_date_flag


def test_existing_page_date_flag_is_kept():
    a = _article("a", "The strike ended on March 16, 2021.", "2021-03-17", page_date="2023-09-28",
                 page_date_flag="footer date")
    event, articles = _event(a)
    date_events([event], articles)
    assert a.page_date_flag == "footer date"


def test_bad_events_do_not_raise():
    event = Event(id="e", title="x", articles=["missing", "empty"])
    date_events([event], {"empty": _article("empty", "", None)})
    assert event.date is None and event.timeline == []
    date_events([], {})


def test_short_lead_sentence_is_not_a_dateline():
    a = _article("a", "On Tuesday, ferries stopped.\nUpdated 10:35 GMT, March 18, 2021\n"
                      "Workers said talks would resume.", "2021-03-18")
    event, articles = _event(a)
    date_events([event], articles)
    assert event.date == "2021-03-16"
    assert all(t.article_id == "a" for t in a.timexes)


def test_weak_page_top_date_gives_way_to_the_byline_date():
    from newsprism.records import RemovedLine

    trusted = _article("t", "Ferry workers ended their strike on Tuesday, the union said.", "2021-03-17",
                       published_confidence=0.85)
    dump = _article("d", "Ferry workers ended their nine-day strike yesterday, both sides said.", "2021-09-30",
                    published_confidence=0.45, published_source="page-top",
                    removed=[RemovedLine("17 March 2021", "page-date")])
    event, articles = _event(trusted, dump)
    date_events([event], articles)
    assert dump.published == "2021-03-17" and dump.page_date == "2021-09-30"
    assert "stale" in dump.page_date_flag
    (yesterday,) = [t for t in dump.timexes if t.text == "yesterday"]
    assert yesterday.value == "2021-03-16"
    assert event.date == "2021-03-16"
