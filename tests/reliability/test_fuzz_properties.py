"""Property tests: the cleaner, the time parser and the name matcher accept any text without
raising, and what they return points back into the input."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsprism.clean import clean_lines, extract
from newsprism.entities import canonicalize
from newsprism.records import Article, Mention, RawDocument
from newsprism.time import find_timexes

FAST = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
words = st.sampled_from(["the", "on", "Monday", "March", "5", "2026", "last", "next", "week", "year", "ago",
                         "yesterday", "31", "February", "für", "mardi", "ayer", "вчера", "昨天", "<p>", "</div>",
                         "&amp;", "\x00", "\u200b", "🙂", "1,550", "-", "/", ":", "\n"])
texty = st.one_of(st.text(max_size=300), st.lists(words, max_size=60).map(" ".join))


@FAST
@given(texty, st.sampled_from(["html", "text", ""]))
def test_extract_never_raises_and_returns_a_status(text, kind):
    a = extract(RawDocument(source="fuzz", content=text.encode("utf-8", "surrogatepass"), kind=kind))
    assert a.status in ("ok", "error", "skipped")
    assert a.status == "ok" or a.error


@FAST
@given(st.binary(max_size=400))
def test_extract_takes_arbitrary_bytes(data):
    a = extract(RawDocument(source="fuzz", content=data))
    assert a.status == "ok" or a.error


@FAST
@given(st.lists(texty, max_size=12).map("\n".join))
def test_cleaned_lines_come_from_the_input(text):
    cleaned = clean_lines(text)
    kept = getattr(cleaned, "text", "")
    lines = {ln.strip() for ln in text.splitlines()}
    for line in filter(None, (ln.strip() for ln in kept.splitlines())):
        assert line in lines or any(line in ln for ln in lines)


@FAST
@given(texty, st.sampled_from([None, "2026-03-04", "1999-12-31", "2024-02-29"]),
       st.sampled_from([None, "en", "fr", "es", "de", "ru", "zh"]))
def test_time_expressions_point_into_the_text(text, reference, lang):
    for t in find_timexes(text, reference, lang):
        assert 0 <= t.start < t.end <= len(text)
        assert text[t.start:t.end] == t.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET")


names = st.lists(st.text(alphabet=st.characters(categories=("Lu", "Ll", "Zs", "Pd")), min_size=1, max_size=25),
                 min_size=1, max_size=12)


@FAST
@given(names)
def test_name_matcher_assigns_every_mention_once(spellings):
    arts = []
    for i, name in enumerate(spellings):
        text = f"{name} spoke."
        arts.append(Article(id=f"a{i}", source=f"a{i}", text=text, language="en",
                            mentions=[Mention(text=name, start=0, end=len(name), type="PERSON", article_id=f"a{i}")]))
    ents = canonicalize(arts)
    ids = [m.entity_id for a in arts for m in a.mentions]
    assert len({e.id for e in ents}) == len(ents)
    assert all(i is None or i in {e.id for e in ents} for i in ids)
