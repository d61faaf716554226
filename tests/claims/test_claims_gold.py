"""Quality gate: labels and alignment on the claims gold set must not fall below the recorded F1."""
from __future__ import annotations

import json

from newsprism.claims.evaluate import evaluate


def test_gold_set_f1_does_not_drop_below_baseline(repo):
    gold = repo / "tests" / "gold" / "claims"
    baseline = json.loads((gold / "baseline.json").read_text())
    metrics, _ = evaluate(gold / "events.jsonl")
    assert metrics["n_pairs"] >= 60 and metrics["n_single"] >= 20 and len(metrics["languages"]) >= 3
    low = {lab: round(metrics["labels"][lab]["f1"], 3) for lab, floor in baseline["labels"].items()
           if metrics["labels"][lab]["f1"] < floor}
    assert not low, f"F1 below baseline {baseline['labels']}: {low}"
    assert metrics["alignment"]["f1"] >= baseline["alignment"], metrics["alignment"]
    # the targets
    assert metrics["labels"]["contradicted"]["f1"] >= 0.80 and metrics["labels"]["partial"]["f1"] >= 0.80
