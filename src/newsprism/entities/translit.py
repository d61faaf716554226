"""Cross-script name similarity: is this Cyrillic / Chinese / Arabic name that English name?

anyascii gives one fixed romanisation ("Валтонен" -> "Valtonen", "王伟" -> "WangWei"), while
English spellings follow other conventions. A small learned model closes the gap: for each
foreign character (for alphabets: and whether it starts, ends or sits inside the name), the
probabilities of the English letter strings it is written as, estimated by EM on Wikidata name
pairs (`translit_train.py`) and shipped as JSON, with the reverse model (English letter to
foreign characters). A candidate English spelling is scored in both directions; text in a script
the model does not cover falls back to anyascii + edit distance.
"""
from __future__ import annotations

import functools
import json
import math
import unicodedata
from pathlib import Path

from rapidfuzz import fuzz

from newsprism.entities import keys

MODEL_PATH = Path(__file__).with_name("translit.json")
LANGS = ("ru", "ar", "he", "zh", "ja", "ko")
MAX_EMIT = {"ru": 3, "ar": 3, "he": 3, "ko": 4, "zh": 5, "ja": 4}  # letters one character may give
REVERSE_EMIT = 2  # foreign characters one English letter may give
POSITIONAL = {"ru", "ar", "he", "en"}  # alphabets: position matters ("е" opening a name is often "ye")
FLOOR = 1e-4  # per letter, for an emission the model never saw (pruned or new)
LENGTH_BONUS = 2.0  # log-probability per English letter, against the bias to short candidates


_FLOORS = [FLOOR ** max(d, 1) for d in range(max(MAX_EMIT.values()) + 1)]


@functools.cache
def _model() -> dict[str, dict[str, dict[str, dict[str, float]]]]:
    if not MODEL_PATH.is_file():
        return {}
    return json.loads(MODEL_PATH.read_text(encoding="utf-8"))


def script_lang(text: str) -> str | None:
    """Which table reads this name: by script (Han without kana is read as Chinese)."""
    names = [unicodedata.name(ch, "") for ch in text if ch.isalpha()]
    if not names:
        return None
    if any(n.startswith(("HIRAGANA", "KATAKANA")) for n in names):
        return "ja"
    first = names[0].split()[0]
    return {"CYRILLIC": "ru", "ARABIC": "ar", "HEBREW": "he", "HANGUL": "ko", "CJK": "zh"}.get(first)


def context_keys(foreign: str, lang: str = "ru") -> list[str]:
    chars = [c for c in foreign.lower() if c.isalpha()]
    if lang not in POSITIONAL:
        return chars
    last = len(chars) - 1
    return [("^" if i == 0 else "$" if i == last else "") + c for i, c in enumerate(chars)]


def log_prob(foreign: str, english: str, lang: str | None = None, both: bool = True) -> float | None:
    """Score of `english` (folded Latin) as a spelling of `foreign`; None when no model reads it.

    Sum of both directions, log P(english | foreign) + log P(foreign | english), each over all
    monotone alignments: one direction alone favours candidates that drop letters. `both=False`
    gives the cheaper first direction only, to prune long candidate lists.
    """
    lang = lang or script_lang(foreign)
    model = _model()
    table = model.get("emissions", {}).get(lang or "", {})
    ctxs = context_keys(foreign, lang or "")
    if not table or not ctxs or not english:
        return None
    score = _forward(ctxs, english, table, MAX_EMIT[lang])
    reverse = model.get("reverse", {}).get(lang, {}) if both else {}
    if reverse:
        score += _forward(context_keys(english, "en"), "".join(c[-1] for c in ctxs), reverse, REVERSE_EMIT)
    return score + LENGTH_BONUS * len(english)


def _forward(ctxs: list[str], target: str, table: dict[str, dict[str, float]], k: int) -> float:
    n = len(target)
    alpha = [0.0] * (n + 1)
    alpha[0] = 1.0
    for ctx in ctxs:
        emit = table.get(ctx, {})
        nxt = [0.0] * (n + 1)
        for j in range(n + 1):
            if alpha[j]:
                for d in range(min(k, n - j) + 1):
                    nxt[j + d] += alpha[j] * emit.get(target[j: j + d], _FLOORS[d])
        alpha = nxt
    return math.log(alpha[n]) if alpha[n] > 0 else -1e9


def best_latin(text: str) -> str:
    """Most likely English letters, character by character (a blocking key, not a spelling)."""
    lang = script_lang(text)
    table = _model().get("emissions", {}).get(lang or "", {})
    if not table:
        return keys.squash(text)
    out = []
    for ctx in context_keys(text, lang):
        emit = table.get(ctx)
        out.append(max(emit, key=emit.get) if emit else keys.squash(ctx[-1]))
    return "".join(out)


def similarity(foreign: str, english: str) -> float:
    """0..1: how well the folded Latin `english` reads as a spelling of the non-Latin `foreign`.

    The model score per character of both names is squashed by a logistic calibrated on held-out
    pairs: true pairs sit around +0.5 (5th percentile -1.7), random pairs below -4.
    """
    english = keys.squash(english)
    lp = log_prob(foreign, english)
    if lp is None:
        return fuzz.ratio(keys.squash(foreign), english) / 100
    per_char = lp / (len(english) + len(context_keys(foreign)))
    return 1 / (1 + math.exp(-2.0 * (per_char + 2.5)))
