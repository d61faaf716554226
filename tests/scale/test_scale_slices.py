"""The corpus phase in small slices: what one slice at a time gives on the sample corpus.

Large stores are canonicalised a slice of articles at a time and events are processed a slice
of whole events at a time (`pipeline.LIGHT_SLICE`, `pipeline.EVENT_SLICE`). Shrinking both to
a few articles makes the sample corpus cross every slice border: events, the gold entities and
the ids shared across events must survive it.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsprism
from newsprism import pipeline
from newsprism.store import Store


@pytest.fixture(scope="module")
def sliced(sample_corpus: Path, tmp_path_factory):
    patch = pytest.MonkeyPatch()
    patch.setattr(pipeline, "LIGHT_SLICE", 3)
    patch.setattr(pipeline, "EVENT_SLICE", 3)
    try:
        db = tmp_path_factory.mktemp("sliced") / "s.db"
        yield newsprism.analyze([str(sample_corpus)], db=str(db)), db
    finally:
        patch.undo()


def _files(report) -> dict:
    return {Path(a.source).name: a for a in report.articles.values()}


def test_events_match_gold_across_slices(sample_corpus, sliced):
    report, _ = sliced
    gold = json.loads((sample_corpus / "gold.json").read_text(encoding="utf-8"))
    got = sorted(sorted(Path(report.articles[i].source).name for i in ev.articles) for ev in report.events)
    assert got == sorted(sorted(ev["articles"]) for ev in gold["events"])


def test_gold_entities_have_one_id_per_event(sample_corpus, sliced):
    report, _ = sliced
    gold = json.loads((sample_corpus / "gold.json").read_text(encoding="utf-8"))
    files = _files(report)
    for ev in gold["events"]:
        arts = [files[f] for f in ev["articles"]]
        for ent in ev["entities"]:
            variants = {v.lower() for v in ent["variants"]}
            found = {m.entity_id for a in arts for m in a.mentions if m.text.lower() in variants and m.entity_id}
            assert len(found) == 1, (ent["name"], found)


def test_an_entity_seen_in_several_slices_is_one_record(sliced):
    report, db = sliced
    slices_of: dict[str, set[str]] = {}
    for a in report.articles.values():
        for m in a.mentions:
            if m.entity_id:
                slices_of.setdefault(m.entity_id, set()).add(a.event_id or a.id)
    shared = [e for e, evs in slices_of.items() if len(evs) > 1]
    assert shared, "the sample corpus names some things in more than one event"
    for eid in shared:
        ent = report.entities[eid]
        assert {v.source for v in ent.variants} >= {a.id for a in report.articles.values()
                                                       if any(m.entity_id == eid for m in a.mentions)}
    with Store(str(db), readonly=True) as store:
        stored = store.entities(ids=shared)
    assert sorted(e.id for e in stored) == sorted(shared)  # one row each, pooled from its slices
