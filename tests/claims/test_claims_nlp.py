"""The entities and claims stages share one spaCy pipeline per language and process."""
from __future__ import annotations

import spacy

from newsprism import nlp
from newsprism.claims import extract_claims
from newsprism.entities import find_mentions
from newsprism.records import Article

TEXT = ("Mayor Ilse Varga opened the new Kessford tram line on Monday. "
        "The city council said 40 trams a day will run on the route.")


def test_one_english_model_serves_mentions_and_claim_parses(monkeypatch):
    loads = []
    real = spacy.load

    def counting(name, *args, **kwargs):
        loads.append(name)
        return real(name, *args, **kwargs)

    monkeypatch.setattr(spacy, "load", counting)
    nlp.pipeline.cache_clear()
    try:
        art = Article(id="tram", source="tram.txt", language="en", text=TEXT)
        art.mentions = find_mentions(art)
        art.claims = extract_claims(art)
    finally:
        nlp.pipeline.cache_clear()  # later tests load the real, uncounted pipeline again
    assert loads == [nlp.MODELS["en"]]
    assert any(m.text == "Ilse Varga" and m.type == "PERSON" for m in art.mentions)
    assert any(c.subject and "Varga" in c.subject and c.action in ("open", "opened") for c in art.claims)


def test_a_language_without_model_gets_no_docs():
    assert nlp.pipeline("xx-none") is None
    assert list(nlp.pipe("xx-none", ["Some text here."], nlp.PARSE)) == []
