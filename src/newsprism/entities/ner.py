"""Named-entity mentions of one article, with offsets into `Article.text`.

spaCy 3.8 models that ship on PyPI and install offline exist for English and French only (other
`*_core_news_sm` names on PyPI are placeholders or built for older spaCy), so:

- en / fr: the spaCy model (`newsprism.nlp`, shared with the claims parser and loaded once per
  process), running only its NER and a rule sentencizer: the tagger, parser and the shared
  embedding layer cost time and give nothing here;
- any other language written with letter case (de, es, it, nl, pt, ru, pl, ...): runs of
  capitalised words that are not merely sentence-initial, typed MISC; `canonical` then gives them
  the type their entity carries in other documents (cross-document vote);
- caseless scripts without a model (zh, ja, ar, ...): only embedded Latin-script names.

In machine-translated English (`Article.mt_likelihood` high) names often come out lower-cased and
mangled ("blue harbor" for BlueHarbor, a surname with a changed syllable). Lower-case words that are not English
dictionary words become low-confidence MISC candidates; `canonical` keeps only those that match a
well-formed name of the corpus and drops the rest.
"""
from __future__ import annotations

import functools
import logging
import re

from newsprism import nlp
from newsprism.entities.keys import CONNECTORS
from newsprism.records import Article, Mention

log = logging.getLogger(__name__)

MAX_CHARS = 200_000  # one hostile page must not stall a batch; news text is far shorter
MT_THRESHOLD = 0.5  # mt_likelihood above which lower-case non-words are name candidates
CANDIDATE_CONFIDENCE = 0.3
MT_CONFIDENCE = 0.5  # a model's lower-case mention in MT text: its span and type are guesses
LABELS = {
    "PERSON": "PERSON", "PER": "PERSON", "ORG": "ORG", "GPE": "GPE", "LOC": "LOC", "FAC": "LOC",
    "EVENT": "EVENT", "PRODUCT": "PRODUCT", "WORK_OF_ART": "PRODUCT", "NORP": "NORP",
    "LAW": "MISC", "MISC": "MISC", "LANGUAGE": "NORP",
}
# French LOC covers countries and cities, which English models call GPE.
LANG_LABELS = {"fr": {"LOC": "GPE"}}

_WORD = re.compile(r"[^\W\d_][\w'’\-\.]*", re.UNICODE)
_SENTENCE_END = re.compile(r"[.!?。！？]\s+|\n\s*\n")
_LOWER_WORD = re.compile(r"\b[a-z]{4,}\b")


@functools.cache
def english_words() -> frozenset[str]:
    """English dictionary: WordNet lemma lists shipped inside the English spaCy model, its
    irregular forms, and spaCy's stop words (function words are not in WordNet)."""
    import spacy
    from spacy.lookups import Lookups

    words: set[str] = set(stop_words())
    root = spacy.util.get_package_path(nlp.MODELS["en"])
    for folder in root.glob("*/lemmatizer/lookups"):
        lookups = Lookups().from_disk(folder)
        for name in ("lemma_index", "lemma_exc"):
            if lookups.has_table(name):
                for entries in lookups.get_table(name).values():
                    words.update(w.lower() for w in entries)  # lists of lemmas, or dicts of forms
    return frozenset(words)


@functools.cache
def stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def is_english_word(word: str) -> bool:
    """Dictionary word, trying the usual inflection suffixes ("winds", "poisoned")."""
    words = english_words()
    w = word.lower()
    if w in words:
        return True
    for suffix, repl in (("s", ""), ("es", ""), ("ies", "y"), ("ed", ""), ("ed", "e"), ("ing", ""),
                         ("ing", "e"), ("er", ""), ("est", ""), ("ly", ""), ("'s", "")):
        if w.endswith(suffix) and len(w) - len(suffix) >= 3 and w[: -len(suffix)] + repl in words:
            return True
    return False


def find_mentions(article: Article) -> list[Mention]:
    """Mentions of people, organisations, places, events and products in `article.text`."""
    if article.status != "ok" or not article.text:
        return []
    text = article.text[:MAX_CHARS]
    lang = (article.language or "en").lower()[:2]
    try:
        if lang in nlp.MODELS:
            mentions = _spacy_mentions(text, lang)
        else:
            mentions = capitalised_mentions(text)
        if lang == "en" and article.mt_likelihood >= MT_THRESHOLD:
            for m in mentions:
                if m.text.islower():
                    m.confidence = MT_CONFIDENCE
            mentions += _mt_candidates(text, mentions)
    except Exception as exc:  # a model failure on one page must not stop the batch
        log.warning("find_mentions failed on %s: %s", article.id[:12], exc)
        return []
    for m in mentions:
        m.article_id = article.id
    return sorted(mentions, key=lambda m: m.start)


def _spacy_mentions(text: str, lang: str) -> list[Mention]:
    doc = next(nlp.pipe(lang, [text], nlp.ENTITIES))
    labels = {**LABELS, **LANG_LABELS.get(lang, {})}
    sentence_of = {}
    for i, sent in enumerate(doc.sents):
        sentence_of[sent.start] = i
    out = []
    for ent in doc.ents:
        label = labels.get(ent.label_)
        if label is None or not any(ch.isalpha() for ch in ent.text):
            continue
        out.append(Mention(ent.text, ent.start_char, ent.end_char, label,
                           sentence=sentence_of.get(ent.sent.start, -1)))
    return out


def capitalised_mentions(text: str) -> list[Mention]:
    """Runs of capitalised words, for languages without a model; typed MISC.

    A sentence-initial word counts only if it also appears capitalised mid-sentence, and a word
    that the text also writes in lower case is a common word, not a name.
    """
    tokens = [(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]
    starts = {0} | {m.end() for m in _SENTENCE_END.finditer(text)}
    lower_seen = {t for t, _, _ in tokens if t[0].islower()}
    mid_caps = {t for t, s, _ in tokens if t[0].isupper() and s not in starts}
    sentence = 0
    boundaries = sorted(starts)
    out: list[Mention] = []
    run: list[tuple[str, int, int]] = []

    def flush() -> None:
        while run and run[-1][0].lower() in CONNECTORS:
            run.pop()
        if run:
            out.append(Mention(text[run[0][1]:run[-1][2]], run[0][1], run[-1][2], "MISC",
                               sentence=sentence, confidence=0.6))
        run.clear()

    b = 0
    for tok, start, end in tokens:
        while b < len(boundaries) and boundaries[b] <= start:
            if run and b > 0:
                flush()
            b += 1
            sentence = b - 1
        tok = tok.rstrip(".")
        is_name = tok[:1].isupper() and len(tok) > 1 and tok.lower() not in lower_seen and (
            start not in starts or tok in mid_caps)
        if is_name:
            if run and text[run[-1][2]:start].strip() not in ("", "-"):
                flush()
            run.append((tok, start, start + len(tok)))
        elif run and tok.lower() in CONNECTORS:
            run.append((tok, start, end))
        else:
            flush()
    flush()
    return out


def _mt_candidates(text: str, found: list[Mention]) -> list[Mention]:
    taken = [(m.start, m.end) for m in found]
    out = []
    for m in _LOWER_WORD.finditer(text):
        if any(s <= m.start() < e for s, e in taken) or is_english_word(m.group()):
            continue
        out.append(Mention(m.group(), m.start(), m.end(), "MISC", confidence=CANDIDATE_CONFIDENCE))
    return out
