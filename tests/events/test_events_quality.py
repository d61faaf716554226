"""Quality gate: the shipped same-event score on a fixed slice of real SemEval-2022 Task 8 pairs.

The slice is part of what the weights were fitted on, so this guards against regressions (a
broken feature, a bad weights file, a changed embedder), not an honest estimate: that is the
cross-validated number in bench/results/events.md.
"""
from __future__ import annotations

import json

import numpy as np

from newsprism.events import similarity_pairs
from newsprism.records import Article

BASELINE = 0.78  # Pearson measured on this slice when the weights were trained
MARGIN = 0.05


def test_semeval_slice_pearson_holds(shared_data):
    rows = [json.loads(line) for line in
            (shared_data / "semeval2022-task8" / "pairs.jsonl").read_text().splitlines()]
    rows = sorted(rows, key=lambda r: r["pair_id"])[::20]
    pairs = [tuple(Article(id=r[s]["id"], source=r[s]["id"], text=r[s]["text"],
                           language=r[s]["lang"]) for s in "ab") for r in rows]
    scores = similarity_pairs(pairs)
    gold = [-r["scores"]["Overall"] for r in rows]
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert np.corrcoef(scores, gold)[0, 1] >= BASELINE - MARGIN
