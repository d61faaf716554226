"""The bundled sample corpus, analysed end to end, matches what examples/corpus/gold.json states."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from anyascii import anyascii

import newsprism
from newsprism.report import render, to_json


@pytest.fixture(scope="module")
def gold(sample_corpus: Path) -> dict:
    return json.loads((sample_corpus / "gold.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def analysed(sample_corpus: Path, tmp_path_factory):
    db = tmp_path_factory.mktemp("db") / "sample.db"
    report = newsprism.analyze([str(sample_corpus)], db=str(db))
    return report, db


def _name(source: str) -> str:
    return Path(source).name


def _by_file(report) -> dict:
    return {_name(a.source): a for a in report.articles.values()}


def test_articles_grouped_into_gold_events(gold, analysed):
    report, _ = analysed
    got = sorted(sorted(_name(report.articles[i].source) for i in ev.articles) for ev in report.events)
    want = sorted(sorted(ev["articles"]) for ev in gold["events"])
    assert got == want


def test_every_event_on_its_gold_date(gold, analysed):
    report, _ = analysed
    files = _by_file(report)
    for g in gold["events"]:
        ev = next(e for e in report.events if files[g["articles"][0]].id in e.articles)
        assert ev.date == g["date"], g["title"]


def test_publication_dates_and_stale_page_dates(gold, analysed):
    report, _ = analysed
    files = _by_file(report)
    for name, g in gold["articles"].items():
        a = files[name]
        assert a.published == g["published"], name
        if g["page_date"]:
            assert a.published != g["page_date"] and a.page_date == g["page_date"] and a.page_date_flag, name


def test_language_and_outlet(gold, analysed):
    report, _ = analysed
    files = _by_file(report)
    for name, g in gold["articles"].items():
        assert files[name].language == g["language"], name
        assert files[name].outlet == g["outlet"], name


def test_boilerplate_gone(gold, analysed):
    report, _ = analysed
    for a in report.articles.values():
        leaked = [c for c in gold["chrome"] if c in a.text]
        assert not leaked, (a.source, leaked)


def _overlaps(text: str, phrase: str, t) -> bool:
    """The timex covers (part of) an occurrence of the gold phrase: TimeML spans leave out "on"."""
    low, start = text.lower(), 0
    while (i := low.find(phrase.lower(), start)) >= 0:
        if t.start < i + len(phrase) and i < t.end:
            return True
        start = i + 1
    return False


def test_relative_dates_resolved_against_publication_date(gold, analysed):
    report, _ = analysed
    files = _by_file(report)
    misses = []
    for ev in gold["events"]:
        for rd in ev["relative_dates"]:
            a = files[rd["article"]]
            values = [t.value for t in a.timexes if _overlaps(a.text, rd["text"], t)]
            if rd["value"] not in values:
                misses.append((rd["article"], rd["text"], rd["value"], values))
    assert not misses


def fold(name: str) -> str:
    return anyascii(name).lower()


def _entity_of(report, article_ids: set[str], variant: str) -> set[str]:
    return {m.entity_id for i in article_ids for m in report.articles[i].mentions
            if m.text.lower() == variant.lower() and m.entity_id}


GOLD_EVENTS = [e["id"] for e in json.loads((Path(__file__).resolve().parents[2] / "examples" / "corpus" / "gold.json")
                                           .read_text(encoding="utf-8"))["events"]]


@pytest.mark.parametrize("event_id", GOLD_EVENTS)
def test_name_variants_merged(gold, analysed, event_id):
    report, _ = analysed
    files = _by_file(report)
    ev = next(e for e in gold["events"] if e["id"] == event_id)
    ids = {files[f].id for f in ev["articles"]}
    for ent in ev["entities"]:
        found = set().union(*(_entity_of(report, ids, v) for v in ent["variants"]))
        assert len(found) == 1, (ent["name"], found)
        assert fold(report.entities[found.pop()].name) == fold(ent["name"])


def test_different_people_sharing_a_surname_kept_apart(gold, analysed):
    report, _ = analysed
    ids = set(report.articles)
    for a, b in gold.get("negative_entities", []):
        ea, eb = _entity_of(report, ids, a), _entity_of(report, ids, b)
        assert ea and eb and not (ea & eb), (a, b)


def _event_json(report, gold_event, files) -> dict:
    data = to_json(report)
    first = files[gold_event["articles"][0]].source
    return next(e for e in data["events"] if first in {a["source"] for a in e["articles"]})


def _carries(claim: dict, keywords: list[str]) -> bool:
    text = " ".join(e["sentence"] for e in claim["evidence"]).lower()
    return any(k.lower() in text for k in keywords)


def test_planted_conflicts_found_with_their_type(gold, analysed):
    report, _ = analysed
    files = _by_file(report)
    missing = []
    for ev in gold["events"]:
        got = _event_json(report, ev, files)["claims"]
        for c in ev["claims"]:
            if c["label"] not in ("contradicted", "likely_translation_error"):
                continue
            hit = [g for g in got if g["status"] == c["label"] and g["conflict"]
                   and g["conflict"]["type"] == c["conflict"] and _carries(g, c["keywords"])]
            if not hit:
                missing.append((ev["id"], c["label"], c["conflict"]))
    assert not missing, missing


def test_single_source_facts_listed_with_silent_sources(gold, analysed):
    report, _ = analysed
    files = _by_file(report)
    missing = []
    for ev in gold["events"]:
        got = _event_json(report, ev, files)["claims"]
        for c in (c for c in ev["claims"] if c["label"] == "partial"):
            carrier = {files[f].source for f in c["articles"]}
            hit = [g for g in got if g["status"] == "partial" and set(g["sources"]) == carrier
                   and _carries(g, c["keywords"])]
            if not hit:
                missing.append((ev["id"], "partial", len(carrier)))
                continue
            assert len(hit[0]["silent"]) == len(ev["articles"]) - len(carrier)
    assert not missing, missing


def test_report_formats(analysed):
    report, _ = analysed
    html, md = render(report, "html"), render(report, "md")
    data = json.loads(render(report, "json"))
    assert len(data["events"]) == len(report.events)
    for ev in report.events:
        assert ev.title in md
    assert "<mark>" in html and "Contradictions" in html


def test_rerun_is_a_no_op(sample_corpus, analysed):
    report, db = analysed
    again = newsprism.analyze([str(sample_corpus)], db=str(db))
    assert again.stats["ingest"]["new"] == 0
    assert sorted(e.id for e in again.events) == sorted(e.id for e in report.events)


def test_bad_documents_are_reported_and_the_batch_completes(sample_corpus, tmp_path):
    folder = tmp_path / "mixed"
    shutil.copytree(sample_corpus, folder)
    (folder / "empty.html").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 40)
    (folder / "broken.html").write_bytes(b"<html><body><div><p>Unclosed \xff\xfe <<<<")
    report = newsprism.analyze([str(folder)], db=str(tmp_path / "m.db"))
    bad = {Path(a.source).name: a.error for a in report.errors}
    assert {"empty.html", "binary.txt"} <= set(bad) and all(bad.values())
    assert len(report.events) >= 3
