"""Publication dates from text cues, and stale page dates set aside with a reason."""
from __future__ import annotations

from newsprism.clean import extract
from newsprism.clean.dates import parse_date, stale_reason, url_date
from newsprism.records import RawDocument

PARAS = (
    "The regional court of Ostrava Nova ruled on Wednesday that the 2021 tender for the ring road "
    "had been lawful, rejecting a complaint by two losing bidders.\n\n"
    "The judges said the ministry had published every criterion in advance and that the winning "
    "consortium had met all of them, according to the written ruling seen by reporters.\n\n"
    "Construction of the ring road began last year and is expected to finish in 2025."
)


def test_parse_date_shapes():
    assert parse_date("Published March 3, 2026") == "2026-03-03"
    assert parse_date("3 mars 2026, 14:05") == "2026-03-03"
    assert parse_date("Stand: 03.03.2026") == "2026-03-03"
    assert parse_date("2026-03-03T08:00:00Z") == "2026-03-03"
    assert parse_date("2026年3月3日") == "2026-03-03"
    assert parse_date("1,550 warheads and 399 votes") is None
    assert url_date("https://news.example/2021/01/26/story") == "2021-01-26"
    assert url_date("https://news.example/story-1550") is None


def test_stale_reason():
    assert stale_reason("2029-05-01", PARAS)  # latest year 2025, "last year": years apart
    assert stale_reason("2020-05-01", PARAS)  # the text reports the 2021 tender as past
    assert stale_reason("2020-05-01", "Plans for 2026: the bridge will open in 2026.") is None
    assert stale_reason("2024-05-01", PARAS) is None


def test_a_rounded_count_is_not_a_year_that_makes_the_page_date_stale():
    text = "The ferry returned to service on Monday. About 2000 cars will use it daily."
    assert stale_reason("2026-03-04", text) is None
    assert stale_reason("2026-03-04", "The ferry returned to service on Monday, as in 2000.")


def test_byline_date_becomes_publication_date():
    dump = "Ring road tender was lawful, court rules\nPublished March 3, 2024\n" + PARAS
    art = extract(RawDocument(source="a.txt", content=dump.encode()))
    assert art.published == "2024-03-03"
    assert art.published_source == "byline"
    assert 0 < art.published_confidence < 0.9
    assert art.page_date is None


def test_stale_top_date_goes_to_page_date_not_published():
    dump = "Tuesday, October 2, 2029\nRing road tender was lawful, court rules\n" + PARAS
    art = extract(RawDocument(source="a.txt", content=dump.encode()))
    assert art.published is None
    assert art.page_date == "2029-10-02"
    assert "2025" in art.page_date_flag
    assert any(r.reason == "page-date" for r in art.removed)


def test_header_bar_date_later_than_publication_is_a_page_date():
    html = ("<html><head><title>Ferry strike ends</title>"
            "<meta property='article:published_time' content='2026-03-01T08:00:00Z'></head><body>"
            "<header><span>Lundi 5 octobre 2026</span><nav><a href='/'>Accueil</a></nav></header><article>"
            + "<p>Les marins du ferry ont repris le travail lundi après une grève de neuf jours, a indiqué le syndicat.</p>" * 6
            + "</article></body></html>")
    art = extract(RawDocument(source="a.html", content=html.encode(), kind="html"))
    assert art.published == "2026-03-01"
    assert art.page_date == "2026-10-05" and "later than the publication date" in art.page_date_flag


def _page(head: str, body_extra: str = "") -> bytes:
    paragraph = "<p>The harbour authority of Port Velmar reopened the northern quay on Monday after a two-week repair of its cranes.</p>"
    return (f"<html><head><title>Quay reopens</title>{head}</head><body><article>{body_extra}"
            + paragraph * 5 + "</article></body></html>").encode()


def test_meta_tag_date_outranks_jsonld_creation_date():
    # CMSs often stamp JSON-LD datePublished with the day the draft was created.
    head = ("<meta property='article:published_time' content='2026-02-10T07:00:00+01:00'>"
            '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2026-02-06"}</script>')
    art = extract(RawDocument(source="q.html", content=_page(head), kind="html"))
    assert art.published == "2026-02-10" and art.published_source == "meta"


def test_time_element_then_jsonld_when_no_meta_tag():
    jsonld = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2026-02-06"}</script>'
    art = extract(RawDocument(source="q.html", content=_page(jsonld, "<time datetime='2026-02-09'>9 Feb</time>"), kind="html"))
    assert art.published == "2026-02-09" and art.published_source == "time-element"
    art = extract(RawDocument(source="q.html", content=_page(jsonld), kind="html"))
    assert art.published == "2026-02-06" and art.published_source in ("json-ld", "htmldate")
