"""Quality gate, as trafilatura's own CI does: main-text F1 on a fixed slice of the
trafilatura evaluation pages must not fall below the number recorded in quality_baseline.json."""
from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

from newsprism.clean import extract
from newsprism.records import RawDocument

BASELINE = json.loads((Path(__file__).parent / "quality_baseline.json").read_text())
_WS = re.compile(r"\s+")


def _norm(text: str) -> str:
    return _WS.sub(" ", text).strip()


def test_main_text_f1_does_not_drop(shared_data):
    folder = shared_data / "trafilatura-eval"
    records = json.loads((folder / "expectations.json").read_text(encoding="utf-8"))
    start, size = BASELINE["slice"]
    tp = fp = fn = 0
    for rec in records[start:start + size]:
        raw = gzip.decompress((folder / rec["file"]).read_bytes())
        text = _norm(extract(RawDocument(source=rec["file"], content=raw, kind="html", url=rec["url"])).text)
        hits = sum(_norm(s) in text for s in rec["with"])
        tp, fn = tp + hits, fn + len(rec["with"]) - hits
        fp += sum(_norm(s) in text for s in rec["without"])
    f1 = 2 * tp / (2 * tp + fp + fn)
    assert f1 >= BASELINE["f1"] - 0.0005, f"main-text F1 {f1:.4f} fell below the baseline {BASELINE['f1']}"
