"""The Ray engine gives the same analysis as the local engine on the same input.

Four short articles written for this test (invented outlets and events): two on a ferry strike in
an invented port town, two on a fire at an invented research station. Each engine analyses them
into its own store; event ids, which articles form each event and the claim labels must match.
"""
from __future__ import annotations

from pathlib import Path

import pytest

import newsprism
from newsprism.config import Options

ray = pytest.importorskip("ray")

ARTICLES = {
    "ferry-tidewater.txt": (
        "Ferry crews in Port Calder strike over night shifts\n\n"
        "Published 12 March 2025\n\n"
        "Ferry crews in Port Calder walked off the job on Tuesday, halting all 14 crossings to "
        "Marrow Island. The Calder Seafarers Union said 230 workers joined the strike after the "
        "operator, Bluewake Lines, refused to cap night shifts at four a week. Bluewake Lines said "
        "talks would resume on Friday. Islanders queued for hours at the harbour."),
    "ferry-northstar.txt": (
        "Port Calder ferry strike strands Marrow Island commuters\n\n"
        "Published 12 March 2025\n\n"
        "A strike by ferry crews stopped every crossing between Port Calder and Marrow Island on "
        "Tuesday. The Calder Seafarers Union said 180 workers took part, while Bluewake Lines "
        "called the walkout illegal. The union wants night shifts capped at four a week. Talks are "
        "planned for Friday, the company said."),
    "fire-ledger.txt": (
        "Fire destroys laboratory at Kessel Ridge research station\n\n"
        "Published 3 June 2025\n\n"
        "A fire destroyed the main laboratory of the Kessel Ridge research station on Sunday night. "
        "Station director Ilse Marten said nobody was injured and that 40 staff were evacuated. "
        "The cause of the fire is not yet known. Firefighters from Vanholt needed six hours to put "
        "it out."),
    "fire-courier.txt": (
        "Kessel Ridge station lab burns, staff safe\n\n"
        "Published 3 June 2025\n\n"
        "The laboratory of the Kessel Ridge research station burned down on Sunday night, director "
        "Ilse Marten said. All 40 staff members were evacuated and no one was hurt. Firefighters "
        "from Vanholt fought the blaze for six hours. Investigators have not yet found the cause."),
}


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("scale-corpus")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def reports(corpus, tmp_path_factory):
    """The same folder analysed by the local engine and by a local Ray with two workers, in
    batches of two so that a batch is in flight on the workers while the driver stores the one
    before, and run through the cluster-mode document phase (workers write Parquet shards,
    merged into a store)."""
    from newsprism.scale import ingest_shards, merge_shards, shard_paths, shutdown
    from newsprism.store import Store

    db = tmp_path_factory.mktemp("scale-db")
    local = newsprism.analyze([str(corpus)], options=Options(db=str(db / "local.db"), progress=False))
    opts = Options(db=str(db / "sharded.db"), engine="ray", ray_workers=2, progress=False)
    try:
        on_ray = newsprism.analyze([str(corpus)], options=Options(
            db=str(db / "ray.db"), engine="ray", ray_workers=2, batch_size=2, progress=False))
        shard_stats = [ingest_shards([str(corpus)], db / "shards", opts, shard_size=2) for _ in range(2)]
    finally:
        shutdown()
    with Store(opts.db) as store:
        merge_shards(shard_paths(db / "shards"), store)
        sharded = {a.id: a for a in store.articles()}
    return local, on_ray, sharded, shard_stats


def _summary(report) -> dict:
    """What a reader of the report sees: events by id, their articles by file, claim labels."""
    name = {a.id: Path(a.source).name for a in report.articles.values()}
    return {ev.id: {"articles": sorted(name[i] for i in ev.articles),
                    "claims": sorted((g.text, g.status, tuple(sorted(name[s] for s in g.sources)))
                                     for g in ev.claims)}
            for ev in report.events}


def test_ray_stores_every_document_with_the_same_ids(reports):
    local, on_ray, *_ = reports
    assert on_ray.stats["ingest"]["new"] == len(ARTICLES) and on_ray.stats["ingest"]["errors"] == 0
    assert sorted(on_ray.articles) == sorted(local.articles)


def test_ray_gives_the_same_events_and_claim_labels(reports):
    local, on_ray, *_ = reports
    assert len(on_ray.events) >= 2  # two invented events: a merge of everything would be a bug
    assert _summary(on_ray) == _summary(local)


def test_ray_workers_report_stage_timings(reports):
    _, on_ray, *_ = reports
    timings = on_ray.stats["ingest"]["timings"]
    assert {"clean", "entities", "time", "claims"} <= set(timings) and all(v > 0 for v in timings.values())


def test_sharded_cluster_path_stores_the_same_articles(reports):
    local, _, sharded, _ = reports
    assert sorted(sharded) == sorted(local.articles)
    for aid, a in sharded.items():  # what the corpus phase reads: mentions, time expressions, claims
        want = local.articles[aid]
        assert (a.text, a.language, a.published) == (want.text, want.language, want.published)
        assert [(m.text, m.start, m.type) for m in a.mentions] == [(m.text, m.start, m.type) for m in want.mentions]
        assert [(t.text, t.value) for t in a.timexes] == [(t.text, t.value) for t in want.timexes]
        assert [c.text for c in a.claims] == [c.text for c in want.claims]


def test_sharded_rerun_skips_finished_shards(reports):
    *_, (first, again) = reports
    assert first["new"] == len(ARTICLES) and first["failed_shards"] == 0
    assert again["new"] == 0 and again["skipped_shards"] == 2
