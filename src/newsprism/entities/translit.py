"""Cross-script name similarity: is this Cyrillic / Chinese / Arabic name that English name?

anyascii gives one fixed romanisation ("Навальный" -> "Naval'nyy", "拜登" -> "BaiDeng"), while
English spellings follow other conventions ("Navalny", "Biden"). A small learned model closes the
gap: for each foreign character, the probabilities of the English letter strings it is written
as, estimated by EM on Wikidata name pairs (`translit_train.py`) and shipped as JSON. The score of
an English candidate is its length-normalised forward probability under that model; scripts the
model does not know fall back to anyascii + edit distance.
"""
from __future__ import annotations

import functools
import json
import math
from pathlib import Path

from rapidfuzz import fuzz

from newsprism.entities import keys

MODEL_PATH = Path(__file__).with_name("translit.json")
MAX_EMIT = 4  # longest English string one foreign character may produce
FLOOR = 1e-4  # probability of an emission the model never saw


@functools.cache
def _model() -> dict[str, dict[str, float]]:
    if not MODEL_PATH.is_file():
        return {}
    return json.loads(MODEL_PATH.read_text(encoding="utf-8"))["emissions"]


def best_latin(text: str) -> str:
    """Squashed Latin form used to block a foreign name beside English ones."""
    return keys.squash(text)


def log_prob(foreign: str, english: str) -> float | None:
    """log P(english | foreign) summed over monotone alignments; None if a char is unknown."""
    table = _model()
    chars = [c for c in foreign.lower() if not c.isspace()]
    if not chars or not table or any(c not in table for c in chars):
        return None
    n = len(english)
    alpha = [0.0] * (n + 1)
    alpha[0] = 1.0
    for c in chars:
        emit = table[c]
        nxt = [0.0] * (n + 1)
        for j in range(n + 1):
            if alpha[j] == 0.0:
                continue
            for k in range(0, min(MAX_EMIT, n - j) + 1):
                p = emit.get(english[j: j + k], FLOOR if k == 1 else 0.0)
                if p:
                    nxt[j + k] += alpha[j] * p
        alpha = nxt
    return math.log(alpha[n]) if alpha[n] > 0 else -1e9


def similarity(foreign: str, english: str) -> float:
    """0..1 score that `english` (folded Latin) is a spelling of the foreign-script `foreign`."""
    english = keys.squash(english)
    lp = log_prob(foreign, english)
    if lp is None:
        return fuzz.ratio(keys.squash(foreign), english) / 100
    return math.exp(lp / max(len(english), 1))
