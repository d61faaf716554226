"""Entities canonicalised a slice at a time join by name key into corpus-wide ids."""
from __future__ import annotations

from newsprism.entities import EntityIds, canonicalize, merge_parts
from newsprism.records import Article, Mention


def _article(aid: str, text: str, names: list[tuple[str, str]]) -> Article:
    mentions = []
    for name, kind in names:
        start = text.index(name)
        mentions.append(Mention(name, start, start + len(name), kind, aid))
    return Article(id=aid, source=f"{aid}.txt", text=text, language="en", mentions=mentions)


def _slice(aid: str, text: str, names):
    arts = [_article(aid, text, names)]
    return canonicalize(arts), arts


def test_same_person_in_two_slices_gets_one_id_and_one_record():
    ids = EntityIds()
    one, arts1 = _slice("a1", "Ilse Brandvold opened the Corvane bridge. Brandvold spoke.",
                        [("Ilse Brandvold", "PERSON"), ("Corvane", "GPE"), ("Brandvold", "PERSON")])
    two, arts2 = _slice("a2", "Minister Ilse Brandvold visited Tessaly.",
                        [("Minister Ilse Brandvold", "PERSON"), ("Tessaly", "GPE")])
    ids.assign(one, arts1)
    ids.assign(two, arts2)
    person = {m.entity_id for a in arts1 + arts2 for m in a.mentions if "Brandvold" in m.text}
    assert len(person) == 1
    pid = person.pop()
    pooled = merge_parts([e for e in one + two if e.id == pid])
    assert pooled.name == "Ilse Brandvold" and {v.source for v in pooled.variants} == {"a1", "a2"}
    places = {m.entity_id for a in arts1 + arts2 for m in a.mentions if m.type == "GPE"}
    assert len(places) == 2  # different names stay different things


def test_initialled_forms_do_not_join_two_people_across_slices():
    ids = EntityIds()
    one, arts1 = _slice("b1", "Jane Roe and J. Roe met.", [("Jane Roe", "PERSON"), ("J. Roe", "PERSON")])
    two, arts2 = _slice("b2", "John Roe and J. Roe met.", [("John Roe", "PERSON"), ("J. Roe", "PERSON")])
    ids.assign(one, arts1)
    ids.assign(two, arts2)
    jane = next(m.entity_id for m in arts1[0].mentions if m.text == "Jane Roe")
    john = next(m.entity_id for m in arts2[0].mentions if m.text == "John Roe")
    assert jane != john


def test_two_entities_of_one_slice_are_never_joined():
    ids = EntityIds()
    first, arts = _slice("c1", "Harrowgate beat Lindqvist.", [("Harrowgate", "ORG"), ("Lindqvist", "ORG")])
    ids.assign(first, arts)
    again, arts2 = _slice("c2", "Harrowgate and Lindqvist merged.", [("Harrowgate", "ORG"), ("Lindqvist", "ORG")])
    ids.assign(again, arts2)
    got = {m.text: m.entity_id for m in arts2[0].mentions}
    want = {m.text: m.entity_id for m in arts[0].mentions}
    assert got == want and got["Harrowgate"] != got["Lindqvist"]
