"""HTML pages: main text with paragraphs, and the metadata a reader expects."""
from __future__ import annotations

from newsprism.clean import extract
from newsprism.clean.metadata import clean_authors
from newsprism.records import RawDocument

BODY = [
    "The city of Lorvik opened its first night tram line on Friday, linking the university quarter "
    "with the airport in twenty-two minutes, the transport board said.",
    "Trams will run every fifteen minutes between midnight and five in the morning, with a flat fare "
    "of two crowns, and the board expects about four thousand riders per night.",
    "The line was funded by a regional grant after a two-year trial with night buses showed that "
    "demand had doubled since the airport extended its opening hours.",
]

PAGE = f"""<!doctype html>
<html lang="en-GB"><head>
<meta charset="utf-8">
<title>Lorvik opens night tram line | Lorvik Courier</title>
<meta property="og:title" content="Lorvik opens its first night tram line">
<meta property="og:site_name" content="Lorvik Courier">
<meta name="author" content="By Staff | Updated 3 hours ago">
<meta property="article:published_time" content="2024-03-08T09:30:00+01:00">
<meta property="article:modified_time" content="2024-03-09T11:00:00+01:00">
<link rel="canonical" href="https://courier.example/transport/night-tram">
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
 "headline": "Lorvik opens its first night tram line", "datePublished": "2024-03-08T09:30:00+01:00",
 "author": [{{"@type": "Person", "name": "Jana Holm"}}, {{"@type": "Person", "name": "Per Ekdal"}}]}}</script>
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article>
<h1>Lorvik opens its first night tram line</h1>
<p class="byline">By Jana Holm and Per Ekdal</p>
<p>{BODY[0]}</p>
<figure><img src="tram.jpg"><figcaption>A night tram at the university stop. Photo: Lorvik Courier</figcaption></figure>
<p>{BODY[1]}</p>
<p>{BODY[2]}</p>
</article>
<aside><h3>Most read</h3><ul><li><a href="/a">Harbour fees rise</a></li><li><a href="/b">New mayor sworn in</a></li></ul></aside>
<footer>© 2024 Lorvik Courier. All rights reserved.</footer>
</body></html>"""


def _article():
    return extract(RawDocument(source="night-tram.html", content=PAGE.encode(), url=None))


def test_main_text_keeps_paragraphs_and_drops_page_chrome():
    art = _article()
    assert art.status == "ok", art.error
    paras = art.text.split("\n\n")
    for para in BODY:
        assert para in paras
    for chrome in ("Most read", "Harbour fees rise", "All rights reserved", "Sport"):
        assert chrome not in art.text


def test_caption_is_metadata_not_body():
    art = _article()
    assert "A night tram at the university stop. Photo: Lorvik Courier" in art.captions
    assert "night tram at the university stop" not in art.text


def test_metadata_fields():
    art = _article()
    assert art.kind == "html"
    assert art.title == "Lorvik opens its first night tram line"
    assert art.author == ["Jana Holm", "Per Ekdal"]
    assert art.outlet == "Lorvik Courier"
    assert art.url == "https://courier.example/transport/night-tram"
    assert art.published == "2024-03-08"
    assert art.published_confidence >= 0.7
    assert art.published_source in ("meta", "json-ld", "htmldate")
    assert art.modified == "2024-03-09"
    assert art.language == "en"


def test_date_in_url_is_used_when_page_has_none():
    page = PAGE.replace("2024-03-08T09:30:00+01:00", "").replace("2024-03-09T11:00:00+01:00", "")
    page = page.replace("https://courier.example/transport/night-tram", "https://courier.example/2023/11/02/night-tram")
    art = extract(RawDocument(source="x.html", content=page.encode()))
    assert art.published == "2023-11-02" and art.published_source == "url"


def test_junk_author_strings_are_cleaned():
    assert clean_authors(["By Staff | Updated 3 hours ago"]) == []
    assert clean_authors(["By Jana Holm, Lorvik Courier staff"]) == ["Jana Holm"]
    assert clean_authors(["Per Ekdal (per@courier.example)", "per ekdal"]) == ["Per Ekdal"]
    assert clean_authors(["https://courier.example/authors/jh", "Jana Holm and Per Ekdal"]) == ["Jana Holm", "Per Ekdal"]
