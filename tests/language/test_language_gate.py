"""Quality gate: accuracy on a fixed slice of lingua's test sentences must not drop.

The slice is the first 40 sentences of each of the 25 languages in
`../shared/data/lingua-testdata/sentences.tsv` (1,000 lines). GATE is the macro accuracy
newsprism reached when this test was written (99.4 %) minus a small margin, so a change that
costs a few lines fails here before it shows in `bench/langid.py`.
"""
from __future__ import annotations

from collections import defaultdict

from newsprism.language import detect_lines

PER_LANGUAGE = 40
GATE = 0.99
FLOOR = 0.9  # no single language may fall below this (Czech without diacritics is hardest)


def _slice(shared_data):
    rows, seen = [], defaultdict(int)
    with open(shared_data / "lingua-testdata" / "sentences.tsv", encoding="utf-8") as fh:
        for line in fh:
            lang, text = line.rstrip("\n").split("\t", 1)
            if seen[lang] < PER_LANGUAGE:
                seen[lang] += 1
                rows.append((lang, text))
    return rows


def test_accuracy_on_fixed_lingua_slice_stays_above_gate(shared_data):
    rows = _slice(shared_data)
    predicted = detect_lines([text for _, text in rows])
    hits, totals = defaultdict(int), defaultdict(int)
    for (gold, _), (lang, _) in zip(rows, predicted):
        totals[gold] += 1
        hits[gold] += gold == lang
    per = {lang: hits[lang] / totals[lang] for lang in totals}
    assert len(per) == 25
    assert sum(per.values()) / len(per) >= GATE, per
    assert min(per.values()) >= FLOOR, per
