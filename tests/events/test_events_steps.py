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
    """Lead vectors with a known geometry: each day's articles are close (cosine ~0.96, distinct
    reports, not copies), the two days share most of their direction (cosine ~0.89), so every
    pair reads as the same event and only the relative closeness tells the steps apart."""
    rng = np.random.default_rng(7)
    common, vote, veto = (rng.standard_normal(384) for _ in range(3))
    out = []
    for a in articles:
        v = common + 0.30 * (vote if a.id.startswith("vote") else veto)
        v = v + 0.20 * rng.standard_normal(384)
        out.append(v / np.linalg.norm(v))
    return np.vstack(out).astype(np.float32)


def groups(events):
    return sorted(sorted(e.articles) for e in events)


def test_next_day_step_is_its_own_event_linked_to_the_first(monkeypatch):
    monkeypatch.setattr(clustering, "embed_leads", leads)
    monkeypatch.setattr(clustering, "CUT", 0.0)  # the cuts off: the chain is one event
    monkeypatch.setattr(clustering, "CUT_ANY", 0.0)
    assert groups(cluster(story())) == [["veto-0", "veto-1", "vote-0", "vote-1"]]
    monkeypatch.setattr(clustering, "CUT", 0.9)  # the day cut alone splits it
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


def _distinct(n: int) -> np.ndarray:
    return np.eye(n, 384, dtype=np.float32)  # leads of n different reports


def test_steps_needs_two_articles_a_side_and_a_weaker_link():
    days = [1, 1, 2, 2]
    four = _distinct(4)
    tight = np.array([[1, .9, .6, .6], [.9, 1, .6, .6], [.6, .6, 1, .9], [.6, .6, .9, 1]])
    assert clustering._steps(days, tight, four, 0.5) == 2
    even = np.full((4, 4), 0.8)
    assert clustering._steps(days, even, four, 0.5) is None  # across as close as within: one event
    assert clustering._steps([1, 2, 2, 2], tight, four, 0.5) is None  # one article is not a step
    assert clustering._steps([1, 1, 1, 1], tight, four, 0.5) is None  # same day: no step to cut at
    loose = tight.copy()
    loose[2, 3] = loose[3, 2] = 0.3  # the later pair are two side pieces, not one event
    assert clustering._steps(days, loose, four, 0.5) is None
    copies = four.copy()
    copies[3] = copies[2]  # the later "step" is one report and its reprint: no step
    assert clustering._steps(days, tight, copies, 0.5) is None


def test_index_split_moves_members_and_uncompared_articles():
    rng = np.random.default_rng(1)
    vecs = [v / np.linalg.norm(v) for v in rng.standard_normal((10, 384)).astype(np.float32)]
    prof = clustering.profile(story()[0])
    index = EventIndex()
    key = index.add("a0", vecs[0], prof)
    for i in range(1, 10):  # the last two are past MAX_MEMBERS: counted, not compared
        index.join(key, f"a{i}", vecs[i], prof)
    other = index.split(key, [("a7", vecs[7], prof), ("a9", vecs[9], prof)])
    old, new = index.events[key], index.events[other]
    assert "a7" not in old.members and "a7" not in old.articles and "a9" not in old.articles
    assert new.articles == new.members == ["a7", "a9"]
    assert index.by_article["a9"] == other and index.by_article["a0"] == key
    assert index.search(new.centroid, 1)[0][0] == other


def test_halves_splits_two_dense_groups_only_when_clearly_apart():
    two = np.array([[1, .9, .5, .5, .5], [.9, 1, .5, .5, .5], [.5, .5, 1, .9, .9],
                    [.5, .5, .9, 1, .9], [.5, .5, .9, .9, 1]])
    assert clustering._halves(two, _distinct(5), 0.5) == [2, 3, 4]  # the group without the first member moves
    assert clustering._halves(np.full((5, 5), 0.8), _distinct(5), 0.5) is None
    lone = np.full((5, 5), 0.9)
    lone[0, 1:] = lone[1:, 0] = 0.5  # only the first member stands apart: no group of two
    assert clustering._halves(lone, _distinct(5), 0.5) is None


def test_undated_steps_split_into_two_events(monkeypatch):
    monkeypatch.setattr(clustering, "embed_leads", leads)
    undated = story()
    for a in undated:
        a.published = None
    assert groups(cluster(undated)) == [["veto-0", "veto-1"], ["vote-0", "vote-1"]]
    monkeypatch.setattr(clustering, "CUT_ANY", 0.0)
    assert groups(cluster(undated)) == [["veto-0", "veto-1", "vote-0", "vote-1"]]
