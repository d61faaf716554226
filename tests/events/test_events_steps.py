"""Successive steps of a running story become linked events, not one merged event."""
from __future__ import annotations

import importlib

import numpy as np
from fixtures_events import art

from newsprism.events import EventIndex, cluster

clustering = importlib.import_module("newsprism.events.cluster")


def story():
    """Two days of one invented story: the vote, then the veto of the law voted."""
    vote = [art(f"vote-{i}", f"Dunmark parliament passes water tax bill ({outlet})",
                "Members of the Dunmark parliament voted 71 to 40 on Monday for a tax on "
                "bottled water.", "2025-03-03") for i, outlet in enumerate(("wire", "daily"))]
    veto = [art(f"veto-{i}", f"Dunmark president vetoes water tax bill ({outlet})",
                "President Ilse Varga of Dunmark vetoed the bottled water tax on Tuesday, a day "
                "after parliament voted for it.", "2025-03-04")
            for i, outlet in enumerate(("wire", "daily"))]
    return vote + veto


def leads(articles):
    """Lead vectors with a known geometry: each day's articles nearly coincide (cosine ~0.99),
    the two days share most of their direction (cosine ~0.93), so every pair reads as the same
    event and only the relative closeness tells the steps apart."""
    rng = np.random.default_rng(7)
    common, vote, veto = (rng.standard_normal(384) for _ in range(3))
    out = []
    for a in articles:
        v = common + 0.38 * (vote if a.id.startswith("vote") else veto)
        v = v + 0.05 * rng.standard_normal(384)
        out.append(v / np.linalg.norm(v))
    return np.vstack(out).astype(np.float32)


def groups(events):
    return sorted(sorted(e.articles) for e in events)


def test_next_day_step_is_its_own_event_linked_to_the_first(monkeypatch):
    monkeypatch.setattr(clustering, "embed_leads", leads)
    monkeypatch.setattr(clustering, "CUT", 0.0)  # the pass off: the chain is one event
    assert groups(cluster(story())) == [["veto-0", "veto-1", "vote-0", "vote-1"]]
    monkeypatch.setattr(clustering, "CUT", 0.9)
    events = cluster(story())
    assert groups(events) == [["veto-0", "veto-1"], ["vote-0", "vote-1"]]
    vote, veto = sorted(events, key=lambda e: e.articles[0], reverse=True)
    assert veto.id in [r["event"] for r in vote.related]


def test_cut_keeps_the_first_step_id_and_holds_on_a_rerun(monkeypatch):
    monkeypatch.setattr(clustering, "embed_leads", leads)
    index = EventIndex()
    first = cluster(story()[:3], index)  # the vote and one veto article: no two-article step yet
    vote_id = next(e.id for e in first if "vote-0" in e.articles)
    again = cluster(story(), index)
    assert next(e.id for e in again if "vote-0" in e.articles) == vote_id
    assert groups(again) == [["veto-0", "veto-1"], ["vote-0", "vote-1"]]


def test_steps_needs_two_articles_a_side_and_a_weaker_link():
    days = [1, 1, 2, 2]
    tight = np.array([[1, .9, .6, .6], [.9, 1, .6, .6], [.6, .6, 1, .9], [.6, .6, .9, 1]])
    assert clustering._steps(days, tight) == 2
    even = np.full((4, 4), 0.8)
    assert clustering._steps(days, even) is None  # across as close as within: one event
    assert clustering._steps([1, 2, 2, 2], tight) is None  # one article is not a step
    assert clustering._steps([1, 1, 1, 1], tight) is None  # same day: no step to cut at
