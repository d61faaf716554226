"""canonicalize: variants merged with evidence, different people kept apart, types voted."""
from newsprism.entities import canonicalize
from newsprism.records import Article, Mention


def _art(aid, text, names, mt=0.0, lang="en"):
    """Article whose mentions are the given (name, type) pairs, located in text."""
    mentions = []
    for name, etype in names:
        start = text.index(name)
        mentions.append(Mention(name, start, start + len(name), etype, aid))
    return Article(id=aid, source=aid, language=lang, text=text, mentions=mentions, mt_likelihood=mt)


def _entity_of(entities, article, text):
    ids = {m.entity_id for m in article.mentions if m.text == text}
    assert len(ids) == 1, f"{text!r} has entity ids {ids}"
    return next(e for e in entities if e.id in ids)


def test_cyrillic_spelling_joins_the_latin_name():
    a = _art("a", "Dmitri Sorokatov spoke in Melgrave.", [("Dmitri Sorokatov", "PERSON")])
    b = _art("b", "Дмитрий Сорокатов выступил.", [("Дмитрий Сорокатов", "PERSON")], lang="ru")
    entities = canonicalize([a, b], [["a", "b"]])
    e = _entity_of(entities, a, "Dmitri Sorokatov")
    assert _entity_of(entities, b, "Дмитрий Сорокатов") is e
    assert e.name == "Dmitri Sorokatov"
    assert {v.source for v in e.variants} == {"a", "b"}


def test_mt_lowercase_name_with_changed_syllable_joins_in_its_event_group():
    a = _art("a", "Talks with Velmorin Freight stalled.", [("Velmorin Freight", "ORG")])
    b = Article(id="b", source="b", language="en", mt_likelihood=0.9,
                text="the talk with velmarin freight is stall , said the source .")
    b.mentions = [Mention("velmarin freight", 14, 30, "MISC", "b", confidence=0.3)]
    entities = canonicalize([a, b], [["a", "b"]])
    e = _entity_of(entities, a, "Velmorin Freight")
    assert _entity_of(entities, b, "velmarin freight") is e
    assert e.name == "Velmorin Freight"
    assert any(ev["rule"] == "fuzzy" and ev["signals"] for ev in e.evidence)
    assert 0 < e.confidence < 1


def test_split_lowercase_company_name_in_mt_text_is_found_and_merged():
    a = _art("a", "Quantelix reported a breach.", [("Quantelix", "ORG")])
    b = Article(id="b", source="b", language="en", mt_likelihood=0.9, text="the attack on quant elix was big .")
    entities = canonicalize([a, b], [["a", "b"]])
    e = _entity_of(entities, a, "Quantelix")
    assert _entity_of(entities, b, "quant elix") is e


def test_acronym_joins_the_full_name_across_articles():
    a = _art("a", "The Northern Maritime Defence Alliance met.", [("Northern Maritime Defence Alliance", "ORG")])
    b = _art("b", "NMDA ministers met in Melgrave.", [("NMDA", "ORG")])
    entities = canonicalize([a, b])
    assert _entity_of(entities, a, "Northern Maritime Defence Alliance") is _entity_of(entities, b, "NMDA")


def test_two_people_sharing_a_surname_are_not_merged():
    a = _art("a", "Anna Halvorsen and Erik Halvorsen both spoke.", [("Anna Halvorsen", "PERSON"),
                                                                      ("Erik Halvorsen", "PERSON")])
    b = _art("b", "Erik Halvorsen left early; Halvorsen said nothing.", [("Erik Halvorsen", "PERSON"),
                                                                          ("Halvorsen", "PERSON")])
    entities = canonicalize([a, b], [["a", "b"]])
    anna, erik = _entity_of(entities, a, "Anna Halvorsen"), _entity_of(entities, a, "Erik Halvorsen")
    assert anna is not erik
    assert _entity_of(entities, b, "Halvorsen") is erik  # the one named in the same article


def test_bare_surname_between_two_full_names_stays_unresolved():
    a = _art("a", "Anna Halvorsen met Erik Halvorsen. Halvorsen smiled.",
             [("Anna Halvorsen", "PERSON"), ("Erik Halvorsen", "PERSON"), ("Halvorsen", "PERSON")])
    entities = canonicalize([a])
    bare = _entity_of(entities, a, "Halvorsen")
    assert bare.name == "Halvorsen"
    assert bare is not _entity_of(entities, a, "Anna Halvorsen")
    assert bare is not _entity_of(entities, a, "Erik Halvorsen")


def test_similar_full_names_with_different_first_names_are_not_merged_by_fuzzy_match():
    a = _art("a", "Radu Pelinescu spoke.", [("Radu Pelinescu", "PERSON")])
    b = _art("b", "Dana Pelinescu spoke.", [("Dana Pelinescu", "PERSON")])
    entities = canonicalize([a, b], [["a", "b"]])
    assert _entity_of(entities, a, "Radu Pelinescu") is not _entity_of(entities, b, "Dana Pelinescu")


def test_person_mislabelled_as_place_is_fixed_by_cross_document_vote():
    arts = [_art(f"p{i}", "Tobias Wrenfield spoke.", [("Tobias Wrenfield", "PERSON")]) for i in range(3)]
    arts.append(_art("g", "Tobias Wrenfield spoke.", [("Tobias Wrenfield", "GPE")]))
    entities = canonicalize(arts)
    e = _entity_of(entities, arts[-1], "Tobias Wrenfield")
    assert e.type == "PERSON"
    assert any(ev["rule"] == "type_vote" for ev in e.evidence)


def test_unmatched_mt_candidates_are_dropped_and_numbers_must_agree():
    a = _art("a", "The Orbitrax 300 and the Orbitrax 500 flew.", [("Orbitrax 300", "PRODUCT"),
                                                                  ("Orbitrax 500", "PRODUCT")])
    b = Article(id="b", source="b", language="en", mt_likelihood=0.9, text="the zorblat was seen .")
    b.mentions = [Mention("zorblat", 4, 11, "MISC", "b", confidence=0.3)]
    entities = canonicalize([a, b])
    assert _entity_of(entities, a, "Orbitrax 300") is not _entity_of(entities, a, "Orbitrax 500")
    assert b.mentions == [] and b.extra["entity_candidates"][0]["text"] == "zorblat"


def test_empty_and_failed_input_does_not_raise():
    assert canonicalize([]) == []
    assert canonicalize([Article(id="x", source="x", status="error", error="boom")]) == []


def test_full_name_in_cyrillic_joins_through_the_transliteration_model():
    a = _art("a", "Jane Wexford arrived.", [("Jane Wexford", "PERSON")])
    b = _art("b", "Прибыла Джейн Уэксфорд.", [("Джейн Уэксфорд", "MISC")], lang="ru")
    entities = canonicalize([a, b], [["a", "b"]])
    e = _entity_of(entities, a, "Jane Wexford")
    assert _entity_of(entities, b, "Джейн Уэксфорд") is e
    assert e.type == "PERSON"
    assert any("transliteration" in ev.get("signals", {}) for ev in e.evidence)


def test_candidates_set_aside_without_groups_are_matched_once_groups_are_known():
    a = _art("a", "Talks with Velmorin Freight stalled.", [("Velmorin Freight", "ORG")])
    b = Article(id="b", source="b", language="en", mt_likelihood=0.9,
                text="the talk with velmarin is stall , said the source .")
    b.mentions = [Mention("velmarin", 14, 22, "MISC", "b", confidence=0.3)]
    canonicalize([a, b])
    canonicalize([a, b], [["a", "b"]])
    assert [m.text for m in b.mentions] == ["velmarin"]
    assert b.mentions[0].entity_id == a.mentions[0].entity_id
