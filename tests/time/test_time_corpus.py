"""End to end on the sample corpus: ingest + clean + find_timexes + date_events with the gold
event grouping; every event lands on its gold date and the gold relative dates resolve."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.clean import extract
from newsprism.ingest import iter_documents
from newsprism.records import Event
from newsprism.time import date_events, find_timexes


@pytest.fixture(scope="module")
def dated_corpus(sample_corpus: Path):
    gold_path = sample_corpus / "gold.json"
    if not gold_path.exists():
        pytest.skip("sample corpus gold not available")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    articles = {}
    for raw in iter_documents([str(sample_corpus)], None):
        article = extract(raw)
        name = Path(article.source).name
        if name in gold["articles"]:
            article.id = name
            article.timexes = find_timexes(article.text, article.published, article.language)
            articles[name] = article
    events = [Event(id=e["id"], title=e["title"], articles=list(e["articles"])) for e in gold["events"]]
    date_events(events, articles)
    return gold, events, articles


def test_every_event_on_its_gold_date(dated_corpus):
    gold, events, _ = dated_corpus
    assert {e.id: e.date for e in events} == {e["id"]: e["date"] for e in gold["events"]}


def test_gold_relative_dates_resolve(dated_corpus):
    gold, _, articles = dated_corpus
    wrong, total = [], 0
    for event in gold["events"]:
        for rd in event.get("relative_dates", []):
            article = articles[rd["article"]]
            at = article.text.lower().find(rd["text"].lower())
            hits = [t for t in article.timexes if at >= 0 and t.start < at + len(rd["text"]) and at < t.end]
            value = hits[0].value if hits else None
            total += 1
            if not value or value.split("T")[0] != rd["value"]:
                wrong.append((rd, value))
    assert total and len(wrong) <= total * 0.1, wrong


def test_undated_and_stale_pages_are_anchored_on_siblings(dated_corpus):
    gold, _, articles = dated_corpus
    for name, meta in gold["articles"].items():
        article = articles[name]
        if meta["page_date"] and not article.published:
            assert article.page_date_flag, name
            assert article.extra["anchor"]["from"] in gold["articles"], name
