"""Same-event probability: range, ordering, language pairs, time."""
from __future__ import annotations

import dataclasses

from fixtures_events import flood, summit_later, treaty_en, treaty_fr, treaty_ratified

from newsprism.events import similarity, similarity_pairs
from newsprism.records import Article


def test_same_event_scores_clearly_above_different_events():
    same, other, follow_up = similarity_pairs(
        [(treaty_en(), treaty_fr()), (treaty_en(), flood()), (treaty_en(), summit_later())]
    )
    for p in (same, other, follow_up):
        assert 0.0 <= p <= 1.0
    assert same >= 0.5
    assert other < 0.5 and follow_up < 0.5
    assert same - max(other, follow_up) >= 0.3


def test_pairs_match_single_calls():
    a, b = treaty_en(), treaty_fr()
    assert abs(similarity(a, b) - similarity_pairs([(a, b)])[0]) < 1e-6


def test_dates_far_apart_lower_the_probability():
    a, b = treaty_en(), treaty_fr()
    later = dataclasses.replace(b, published="2025-08-20")
    assert similarity(a, later) < similarity(a, b) - 0.1


def test_next_step_a_week_later_loses_most_of_its_probability():
    # a ratification a week after the signing, in nearly the same words: a separate happening
    a, later = treaty_en(), treaty_ratified()
    same_day = dataclasses.replace(later, published=a.published)
    assert similarity(a, later) < similarity(a, same_day) - 0.3


def test_empty_articles_do_not_raise():
    empty = Article(id="e", source="e")
    p = similarity(empty, treaty_en())
    assert 0.0 <= p < 0.5
    assert similarity_pairs([]) == []


def test_doubtful_dates_do_not_split_an_event():
    a, b = treaty_en(), treaty_fr()
    page_top = dataclasses.replace(b, published="2025-10-02", published_confidence=0.45)
    assert similarity(a, page_top) >= 0.5
