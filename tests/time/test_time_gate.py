"""Quality gate: TE3 scores of find_timexes on a fixed TBAQ slice must not drop below the
numbers recorded in gate_baseline.json (raise them there when the grammar improves)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsprism.time import find_timexes
from newsprism.time.evaluate import Counts, Span

BASELINE = json.loads((Path(__file__).parent / "gate_baseline.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def tbaq_scores(shared_data: Path) -> dict[str, float]:
    path = shared_data / "tempeval3" / "gold.jsonl"
    if not path.exists():
        pytest.skip(f"TBAQ gold not available: {path}")
    docs = [json.loads(line) for line in path.open(encoding="utf-8")][::4]
    counts = Counts()
    for d in docs:
        gold = [Span(t["start"], t["end"], t["type"], t["value"]) for t in d["timexes"]]
        system = [Span(t.start, t.end, t.type, t.value) for t in find_timexes(d["text"], d["dct"], "en")]
        counts.add(gold, system, d["text"], d["doc"])
    assert counts.gold == 455, "the TBAQ slice changed: re-record the baseline"
    return counts.scores()


@pytest.mark.parametrize("measure", ["strict_f1", "relaxed_f1", "value_f1", "type_f1"])
def test_tbaq_slice_does_not_regress(tbaq_scores, measure):
    assert tbaq_scores[measure] >= BASELINE[measure] - BASELINE["tolerance"], (
        f"{measure} {tbaq_scores[measure]:.3f} < baseline {BASELINE[measure]:.3f}")
