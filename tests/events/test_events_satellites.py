"""A lone opinion piece joins the one event it clearly discusses; a lone story stays alone."""
from __future__ import annotations

import importlib

from fixtures_events import art, flood, flood_wire, summit_later, treaty_en, treaty_es, treaty_fr

from newsprism.events import cluster, texts_to_embed
from newsprism.events.features import lead

clustering = importlib.import_module("newsprism.events.cluster")


def treaty_column():
    return art(
        "treaty-column",
        "Opinion: sharing a river is harder than signing a paper",
        "Anyone who has watched two neighbours argue over a fence knows that the paper is the "
        "easy part. Okafor deserves credit for getting a signature at all, but the real test "
        "comes in the first dry summer, when the Seyla runs low and every farmer upstream wants "
        "his share first. Treaties like this one live or die by the patience of the people who "
        "never read them.",
        "2025-06-10",
    )


def corpus():
    return [treaty_en(), treaty_fr(), treaty_es(), flood(), flood_wire(), summit_later(),
            treaty_column()]


def event_of(events, aid):
    return next(frozenset(e.articles) for e in events if aid in e.articles)


def test_opinion_piece_joins_the_event_it_discusses(monkeypatch):
    assert "treaty-column" in event_of(cluster(corpus()), "treaty-en")
    monkeypatch.setattr(clustering, "SATELLITE", 10.0)  # the pass off: the column stands alone
    assert event_of(cluster(corpus()), "treaty-column") == {"treaty-column"}


def test_unrelated_lone_story_stays_alone():
    events = cluster(corpus())
    assert event_of(events, "summit-en") == {"summit-en"}
    assert event_of(events, "flood-en") == {"flood-en", "flood-wire"}


def test_texts_to_embed_lists_the_lead_the_score_compares():
    assert texts_to_embed(treaty_en()) == [lead(treaty_en())]
