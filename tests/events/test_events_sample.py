"""The sample corpus (examples/corpus, invented events in three languages) groups as its gold says."""
from __future__ import annotations

import json
from pathlib import Path

from newsprism.clean import extract
from newsprism.config import Options
from newsprism.events import cluster
from newsprism.ingest import iter_documents


def test_sample_corpus_groups_as_gold(sample_corpus):
    gold = json.loads((sample_corpus / "gold.json").read_text(encoding="utf-8"))["articles"]
    arts = [extract(raw) for raw in iter_documents([str(sample_corpus)], Options())]
    arts = [a for a in arts if Path(a.source).name in gold]
    events = cluster(arts)
    name = {a.id: Path(a.source).name for a in arts}
    found = {frozenset(name[i] for i in e.articles) for e in events}
    expected = {}
    for file, meta in gold.items():
        expected.setdefault(meta["event"], set()).add(file)
    assert found == {frozenset(v) for v in expected.values()}
    for e in events:  # a real headline, not an outlet's masthead
        assert any(a.title == e.title and a.language == "en" for a in arts)
