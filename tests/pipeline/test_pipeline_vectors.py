"""Sentence vectors are computed once, in the document phase, and a rerun embeds nothing.

Three short invented reports (two on one event, one on another). The model is wrapped so the test
sees every text it is asked to embed; the process cache is emptied between runs so the rerun can
only get its vectors from the store.
"""
from __future__ import annotations

import numpy as np
import pytest

import newsprism
from newsprism import embed
from newsprism.config import Options
from newsprism.store import Store

TEXTS = {
    "dam-valley.txt": (
        "Orlen Valley dam gates opened after week of rain\n\nPublished 4 May 2025\n\n"
        "Engineers opened all six gates of the Orlen Valley dam on Thursday after a week of rain. "
        "The water board said 1,200 residents downstream were told to stay away from the river. "
        "Board chair Tomas Vrell said the reservoir was at 97 percent."),
    "dam-herald.txt": (
        "Dam gates opened in Orlen Valley as reservoir fills\n\nPublished 4 May 2025\n\n"
        "The water board opened six gates of the Orlen Valley dam on Thursday. About 1,200 people "
        "living downstream were warned to keep clear of the river, board chair Tomas Vrell said. "
        "The reservoir had reached 97 percent after days of rain."),
    "rail-times.txt": (
        "New tram line opens in Kessford\n\nPublished 9 June 2025\n\n"
        "Kessford opened its first tram line on Monday, linking the station with the university. "
        "The city said 40 trams a day will run on the 6-kilometre route."),
}


@pytest.fixture
def counted(monkeypatch):
    """Every text the model embeds, in order."""
    seen: list[str] = []
    model = embed._model()

    class Counting:
        def encode(self, texts, query=False):
            seen.extend(texts)
            return model.encode(texts, query)

    monkeypatch.setattr(embed, "_model", lambda: Counting())
    monkeypatch.setattr(embed, "_cache", embed.OrderedDict())
    monkeypatch.setattr(embed, "_fresh", {})
    return seen


def _corpus(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in TEXTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_rerun_embeds_nothing_and_reports_the_same(tmp_path, counted):
    folder, db = _corpus(tmp_path), str(tmp_path / "v.db")
    first = newsprism.analyze([str(folder)], options=Options(db=db, progress=False))
    assert len(counted) > len(first.articles)  # every lead and the claims
    with Store(db) as store:  # each text embedded once, and all of them kept
        assert store.count_vectors() == len(counted)

    counted.clear()
    embed._cache.clear()
    second = newsprism.analyze([str(folder)], options=Options(db=db, progress=False))
    assert counted == []
    assert {e.id: sorted(e.articles) for e in first.events} == {e.id: sorted(e.articles) for e in second.events}
    assert {e.id: [(g.status, g.text) for g in e.claims] for e in first.events} == \
           {e.id: [(g.status, g.text) for g in e.claims] for e in second.events}


def test_cached_and_fresh_vectors_are_identical(counted):
    texts = ["The dam gates were opened on Thursday.", "Trams will run 40 times a day."]
    fresh = embed.embed(texts, query=True)
    rows = embed.take_fresh()
    assert set(rows) == {embed.key(t, query=True) for t in texts}
    embed._cache.clear()
    embed.prime(rows.items())
    again = embed.embed(texts + texts[:1], query=True)
    assert len(counted) == 2  # the second call was served from the primed cache
    assert np.array_equal(again[:2], fresh) and np.array_equal(again[2], fresh[0])
    assert embed.key(texts[0], query=True) != embed.key(texts[0], query=False)


def test_claims_are_embedded_only_where_they_can_align(tmp_path, counted):
    """The document phase embeds one lead per article; the corpus phase embeds the claims of the
    two-article event that alignment compares (`claims.texts_to_embed`), and none of the
    one-article event, which still lists its statements."""
    from pathlib import Path

    from newsprism import claims, pipeline

    folder, db = _corpus(tmp_path), str(tmp_path / "v.db")
    with Store(db) as store:
        pipeline.ingest([str(folder)], store, Options(db=db, progress=False))
    assert len(counted) == len(TEXTS)  # leads only

    report = newsprism.analyze([str(folder)], options=Options(db=db, progress=False))
    by_file = {Path(a.source).name: a for a in report.articles.values()}
    rail = {c.text for c in by_file["rail-times.txt"].claims}
    dam = set(claims.texts_to_embed([by_file["dam-valley.txt"], by_file["dam-herald.txt"]]))
    assert rail and dam
    assert set(counted) - set(pipeline._leads(report.articles.values())) == dam
    rail_event = next(e for e in report.events if by_file["rail-times.txt"].id in e.articles)
    assert rail_event.claims and all(g.status == "partial" for g in rail_event.claims)
