"""Calibrated same-event probability from pair features.

A logistic model over `features.FEATURES`, trained by `newsprism.events.train` on the
SemEval-2022 Task 8 dev pairs and shipped as `weights.json`, applied here with numpy alone so
no learning library is needed at run time. Those pairs carry no publication dates, so time
proximity is a fixed prior on top of the learnt logit (written in the same JSON): articles more
than a few days apart lose log-odds in proportion to the log of the gap, which separates a
follow-up from the event itself unless the texts match strongly.

The raw cosine weighs all 384 embedding dimensions alike, though some carry topic and others
style or language. A learnt weighted cosine (`metric`: one weight per dimension, a ridge fit of
the gold on the element-wise product of the two embeddings) reads the dimensions that tell
events apart; it enters the logistic model as one more feature.
"""
from __future__ import annotations

import functools
import json
import math
from pathlib import Path

import numpy as np

from newsprism.events.features import FEATURES, Profile, cross_language

WEIGHTS = Path(__file__).with_name("weights.json")


@functools.cache
def _model() -> dict:
    model = json.loads(WEIGHTS.read_text(encoding="utf-8"))
    if model["features"] != FEATURES:
        raise RuntimeError(f"{WEIGHTS} is for features {model['features']}, not {FEATURES}")
    model["_mean"] = np.asarray(model["mean"], dtype=np.float64)
    model["_scale"] = np.asarray(model["scale"], dtype=np.float64)
    model["_coef"] = np.asarray(model["coef"], dtype=np.float64)
    model["_metric"] = np.asarray(model["metric"]["weights"], dtype=np.float32)
    return model


def metric_scores(vec: np.ndarray, vectors: np.ndarray, metric: dict | None = None) -> np.ndarray:
    """Learnt weighted cosine of one embedding against rows of others."""
    if metric is None:
        m = _model()
        weights, bias = m["_metric"], m["metric"]["bias"]
    else:
        weights, bias = np.asarray(metric["weights"], dtype=np.float32), metric["bias"]
    return np.asarray(vectors, dtype=np.float32) @ (weights * np.asarray(vec, np.float32)) + bias


def baseline(a: Profile, b: Profile, table: dict[str, float] | None = None) -> float:
    """Mean cosine between unrelated articles of this language pair (measured in training)."""
    table = _model()["cos_baseline"] if table is None else table
    if cross_language(a, b):
        return table["_cross"]
    return table.get(a.lang or b.lang or "", table["_same"])


def time_penalty(days: float | None, trust: float = 1.0) -> float:
    """Log-odds removed for articles `days` apart (0 when either date is unknown), scaled by how
    far the two dates can be trusted."""
    if days is None or trust <= 0:
        return 0.0
    prior = _model()["time_prior"]
    grace = prior["grace_days"]
    if days <= grace:
        return 0.0
    return trust * min(prior["max_penalty"], prior["per_log_day"] * math.log(days / grace))


def logits(x: np.ndarray) -> np.ndarray:
    """Learnt log-odds for rows of pair features."""
    m = _model()
    x = np.atleast_2d(np.asarray(x, dtype=np.float64))
    return ((x - m["_mean"]) / m["_scale"]) @ m["_coef"] + m["intercept"]


def probability(x: np.ndarray, days: list[float | None] | None = None,
                trust: list[float] | None = None) -> np.ndarray:
    """Same-event probabilities in [0, 1] for rows of pair features, their day gaps and how far
    each gap's dates are trusted."""
    z = logits(x)
    if days is not None:
        trust = [1.0] * len(days) if trust is None else trust
        z = z - np.array([time_penalty(d, t) for d, t in zip(days, trust)], dtype=np.float64)
    return 1.0 / (1.0 + np.exp(-np.clip(z, -30, 30)))
