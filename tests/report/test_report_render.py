"""The static report escapes scraped text and never links a non-http URL."""
from __future__ import annotations

from newsprism.records import Article, ClaimGroup, Conflict, Event, Evidence, Report
from newsprism.report import mark_difference, render


def _report(url: str, title: str) -> Report:
    a = Article(id="a1", source="a.html", url=url, title=title, outlet="<b>Bay</b> Times", language="en",
                text="Dock workers ended the strike on Monday after nine days of talks with port operators.")
    b = Article(id="b1", source="b.html", title="Strike over", outlet="Harbor Daily", language="en",
                text="Dock workers ended the strike on Tuesday after nine days of talks with port operators.")
    g = ClaimGroup(text="strike ended", status="contradicted", sources=["a1", "b1"],
                   evidence=[Evidence(source="a1", sentence="The strike ended on Monday.", outlet="Bay Times"),
                             Evidence(source="b1", sentence="The strike ended on Tuesday.", outlet="Harbor Daily")],
                   conflict=Conflict(type="date", explanation="Monday vs Tuesday"))
    ev = Event(id="ev-1", title="Strike ends", date="2026-03-02", articles=["a1", "b1"], claims=[g])
    return Report(events=[ev], articles={"a1": a, "b1": b})


def test_scripts_in_scraped_fields_are_escaped_and_javascript_urls_not_linked():
    html = render(_report("javascript:alert(1)", "<script>alert(1)</script>"), "html")
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript:' not in html
    assert "&lt;b&gt;Bay&lt;/b&gt;" in html


def test_http_urls_are_linked_and_the_differing_word_is_marked():
    html = render(_report("https://bay.example/strike", "Strike ends"), "html")
    assert 'href="https://bay.example/strike"' in html
    assert "<mark>Monday</mark>" in html and "<mark>Tuesday</mark>" in html


def test_cross_language_pairs_mark_only_the_conflicting_numbers():
    a, _ = mark_difference("Quelque 1 860 conteneurs sont restés bloqués.", "Some 1,680 containers were stranded.",
                           ["1 860", "1,680"])
    assert [t for t, differs in a if differs] == ["1 860"]
