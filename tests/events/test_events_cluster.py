"""Clustering: cross-language grouping, follow-ups linked not merged, stable ids, persistence."""
from __future__ import annotations

from fixtures_events import flood, flood_wire, summit_later, treaty_en, treaty_es, treaty_fr

from newsprism.events import EventIndex, cluster
from newsprism.records import Article


def corpus() -> list[Article]:
    return [summit_later(), treaty_fr(), flood(), treaty_en(), flood_wire(), treaty_es()]


def groups(events) -> set[frozenset[str]]:
    return {frozenset(e.articles) for e in events}


def test_groups_the_same_event_across_languages_and_keeps_others_apart():
    events = cluster(corpus())
    assert groups(events) == {
        frozenset({"treaty-en", "treaty-fr", "treaty-es"}),
        frozenset({"flood-en", "flood-wire"}),
        frozenset({"summit-en"}),
    }


def test_event_record_fields_and_article_event_ids():
    arts = corpus()
    events = cluster(arts)
    treaty = next(e for e in events if "treaty-en" in e.articles)
    assert treaty.title == treaty_en().title  # the English headline is preferred
    assert treaty.id.startswith("ev-") and 0.5 <= treaty.confidence <= 1.0
    assert {a.event_id for a in arts if a.id.startswith("treaty")} == {treaty.id}


def test_follow_up_a_month_later_is_linked_not_merged():
    events = cluster(corpus())
    treaty = next(e for e in events if "treaty-en" in e.articles)
    summit = next(e for e in events if "summit-en" in e.articles)
    assert treaty.id != summit.id
    assert summit.id in {r["event"] for r in treaty.related}
    assert treaty.id in {r["event"] for r in summit.related}
    link = next(r for r in treaty.related if r["event"] == summit.id)
    assert 0.0 < link["score"] < 0.5 and "days apart" in link["why"]
    flood_event = next(e for e in events if "flood-en" in e.articles)
    assert flood_event.id not in {r["event"] for r in treaty.related}


def test_ids_are_stable_across_runs_and_input_order():
    first = {e.id: sorted(e.articles) for e in cluster(corpus())}
    second = {e.id: sorted(e.articles) for e in cluster(list(reversed(corpus())))}
    assert first == second


def test_saved_index_continues_events(tmp_path):
    index = EventIndex()
    before = {e.id for e in cluster([treaty_en(), flood()], index=index)}
    index.save(tmp_path / "events.usearch")
    loaded = EventIndex.load(tmp_path / "events.usearch")
    after = cluster([treaty_fr(), flood_wire()], index=loaded)
    assert {e.id for e in after} == before
    assert {len(e.articles) for e in after} == {2}


def test_bad_input_gives_no_events():
    broken = Article(id="x", source="x", status="error", error="unreadable")
    assert cluster([broken]) == [] and broken.event_id is None
    assert cluster([]) == []
