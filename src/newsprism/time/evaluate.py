"""TempEval-3 Task A scoring (time expressions), re-implemented for the benchmark and the
quality gate: one-to-one overlap matching in text order, preferring identical spans; strict and
relaxed span P/R/F1; value and type F1 = attribute accuracy over relaxed matches x relaxed F1.
Counts are summed over all documents before dividing (micro-average), as the official toolkit does.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable


@dataclass
class Span:
    start: int
    end: int
    type: str
    value: str | None


@dataclass
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value_ok: int = 0
    type_ok: int = 0
    errors: list[dict] = field(default_factory=list)

    def add(self, gold: list[Span], system: list[Span], text: str = "", doc: str = "") -> None:
        self.gold += len(gold)
        self.system += len(system)
        used: set[int] = set()
        matched_sys: set[int] = set()
        for g in sorted(gold, key=lambda s: s.start):
            overlapping = [
                (si, s) for si, s in enumerate(system)
                if si not in used and s.start < g.end and g.start < s.end
            ]
            if not overlapping:
                self.errors.append({"doc": doc, "kind": "missed", "gold": text[g.start:g.end], "value": g.value})
                continue
            si, s = min(overlapping, key=lambda x: (not (x[1].start == g.start and x[1].end == g.end), x[1].start))
            used.add(si)
            matched_sys.add(si)
            self.relaxed += 1
            exact = s.start == g.start and s.end == g.end
            self.strict += exact
            self.value_ok += s.value == g.value
            self.type_ok += s.type == g.type
            if not exact or s.value != g.value:
                self.errors.append({
                    "doc": doc, "kind": "span" if not exact else "value", "gold": text[g.start:g.end],
                    "system": text[s.start:s.end], "gold_value": g.value, "value": s.value,
                })
        for si, s in enumerate(system):
            if si not in matched_sys:
                self.errors.append({"doc": doc, "kind": "spurious", "system": text[s.start:s.end], "value": s.value})

    def scores(self) -> dict[str, float]:
        def f1(count: int) -> tuple[float, float, float]:
            p = count / self.system if self.system else 0.0
            r = count / self.gold if self.gold else 0.0
            return p, r, (2 * p * r / (p + r) if p + r else 0.0)

        sp, sr, sf = f1(self.strict)
        rp, rr, rf = f1(self.relaxed)
        value_acc = self.value_ok / self.relaxed if self.relaxed else 0.0
        type_acc = self.type_ok / self.relaxed if self.relaxed else 0.0
        return {
            "strict_p": sp, "strict_r": sr, "strict_f1": sf,
            "relaxed_p": rp, "relaxed_r": rr, "relaxed_f1": rf,
            "value_f1": value_acc * rf, "type_f1": type_acc * rf,
            "value_acc": value_acc, "type_acc": type_acc,
        }


def score(docs: Iterable[tuple[str, list[Span], list[Span]]]) -> Counts:
    """Counts over (text, gold, system) triples."""
    counts = Counts()
    for text, gold, system in docs:
        counts.add(gold, system, text)
    return counts
