"""Which claims alignment compares, and so embeds: across languages always, in one language only
when the two claims share content, never inside one article; `texts_to_embed` lists exactly what
`align` embeds."""
from __future__ import annotations

import sys

import numpy as np
import pytest

from newsprism.claims import align, extract_claims, texts_to_embed
from newsprism.records import Article, Event


def _article(aid: str, lang: str, text: str) -> Article:
    art = Article(id=aid, source=aid, outlet=f"Outlet {aid}", language=lang, text=text)
    art.claims = extract_claims(art)
    return art


def _event(*articles: Article) -> tuple[Event, dict[str, Article]]:
    return Event(id="ev", title="test", articles=[a.id for a in articles]), {a.id: a for a in articles}


@pytest.fixture
def embedded(monkeypatch):
    """Every text alignment embeds; every text gets one and the same vector (cosine 1), so only
    the candidate test keeps two claims apart."""
    seen: list[str] = []

    def fake(texts, query=False):
        seen.extend(texts)
        return np.tile(np.eye(1, 384, dtype=np.float32), (len(texts), 1))

    monkeypatch.setattr(sys.modules["newsprism.claims.align"], "embed", fake)
    return seen


def _harbour() -> Article:
    return _article("h", "en", "Heavy rain flooded the old harbour of Telmar on Sunday. "
                               "Officials expect the ferry service to resume within a week.")


def _valley() -> Article:
    return _article("v", "en", "Floodwater flooded the ancient harbour of Telmar over the weekend. "
                               "A local choir cancelled its spring concert at the cathedral.")


def _french() -> Article:
    return _article("f", "fr", "Une chorale locale a annulé son concert de printemps à la cathédrale.")


def test_same_language_claims_sharing_nothing_are_never_aligned(embedded):
    harbour, valley = _harbour(), _valley()
    ev, arts = _event(harbour, valley)
    groups = align(ev, arts)
    ferry, choir = harbour.claims[1], valley.claims[1]
    # Identical vectors would link the ferry and the choir; they share no content word.
    assert not any({e.claim_id for e in g.evidence} == {ferry.id, choir.id} for g in groups)
    assert ferry.text not in embedded and choir.text not in embedded
    flood = next(g for g in groups if len(g.sources) == 2)  # "Telmar", "harbour"/"port": shared content
    assert {e.source for e in flood.evidence} == {"h", "v"}


def test_other_languages_are_always_compared_and_embedded(embedded):
    valley, french = _valley(), _french()
    ev, arts = _event(valley, french)
    groups = align(ev, arts)
    assert french.claims[0].text in embedded and valley.claims[1].text in embedded
    assert any({e.source for e in g.evidence} == {"v", "f"} for g in groups)


def test_texts_to_embed_is_exactly_what_align_embeds(embedded):
    ev, arts = _event(_harbour(), _valley(), _french())
    listed = texts_to_embed(arts.values())
    align(ev, arts)
    assert listed and sorted(listed) == sorted(set(embedded))


def test_a_one_article_event_embeds_nothing_and_lists_its_statements(embedded):
    harbour = _harbour()
    ev, arts = _event(harbour)
    assert texts_to_embed(arts.values()) == []
    groups = align(ev, arts)
    assert embedded == []
    assert len(groups) == len(harbour.claims) and all(g.status == "partial" for g in groups)


def test_a_shared_amount_makes_a_candidate_without_shared_words(embedded):
    a = _article("a", "en", "Exports rose to 4,200 tonnes last year.")
    b = _article("b", "en", "Shipments abroad climbed, reaching 4,200 t in 2024.")
    ev, arts = _event(a, b)
    assert sorted(texts_to_embed(arts.values())) == sorted(c.text for c in a.claims + b.claims)
