"""Flattened text dumps: chrome lines are removed with a reason, the article is kept whole."""
from __future__ import annotations

from newsprism.clean import clean_lines, extract
from newsprism.records import RawDocument

DUMP = """Monday, June 2, 2025
Home
World
Business
Sport
Harbour authority of Port Velan approves dredging plan after two-year dispute
Share on Facebook
By Mara Quellen
The Port Velan harbour authority on Tuesday approved a plan to dredge the eastern channel, ending a dispute with fishing cooperatives that began after the 2019 storm season.
- Advertisement -
The plan, which will cost 41 million crowns, deepens the channel to eleven metres and moves the spoil to a disposal site twelve kilometres offshore, the authority said in a statement.
Fishing cooperatives had argued last year that the original route crossed their spawning grounds. The revised route bends north of the grounds and adds two monitoring buoys.
Dredging boats in the eastern channel of Port Velan. Photo: Tessa Orlen / Velan Daily
What happens next
Work is due to start in the autumn and to last about fourteen months, according to the authority's chief engineer, Ilse Danner, who said the channel had not been dredged since 2012.
"We listened, and the route is better for it," Danner said.
Related articles
Velan ferry fares to rise in spring
New lighthouse opens on Cape Arro
Leave a Reply
Your email address will not be published.
We use cookies to improve your experience on our site.
您的电子邮箱地址不会被公开。必填项已用星号标注
"""


def _reasons(cleaned) -> dict[str, str]:
    return {r.text: r.reason for r in cleaned.removed}


def test_article_paragraphs_are_kept_in_order():
    cleaned = clean_lines(DUMP, "en")
    paras = cleaned.text.split("\n\n")
    assert paras[0].startswith("The Port Velan harbour authority on Tuesday")
    assert paras[-1] == '"We listened, and the route is better for it," Danner said.'
    assert "What happens next" in paras  # a subheading between paragraphs is content
    assert any(p.startswith("Fishing cooperatives had argued") for p in paras)


def test_title_is_the_headline_line():
    assert clean_lines(DUMP).title == "Harbour authority of Port Velan approves dredging plan after two-year dispute"


def test_chrome_lines_are_removed_with_reasons():
    cleaned = clean_lines(DUMP, "en")
    reasons = _reasons(cleaned)
    assert reasons["- Advertisement -"] == "ad"
    assert reasons["Share on Facebook"] == "share"
    assert reasons["Monday, June 2, 2025"] == "page-date"
    assert reasons["By Mara Quellen"] == "byline"
    assert reasons["Leave a Reply"] == "comment-form"
    assert reasons["We use cookies to improve your experience on our site."] == "cookie"
    assert reasons["您的电子邮箱地址不会被公开。必填项已用星号标注"] == "foreign-language"
    for menu in ("Home", "World", "Business", "Sport"):
        assert menu in reasons
    for teaser in ("Velan ferry fares to rise in spring", "New lighthouse opens on Cape Arro"):
        assert teaser in reasons and teaser not in cleaned.text
    for line in reasons:
        assert line not in cleaned.text.split("\n\n")


def test_photo_credit_goes_to_captions_not_text():
    cleaned = clean_lines(DUMP)
    caption = "Dredging boats in the eastern channel of Port Velan. Photo: Tessa Orlen / Velan Daily"
    assert caption in cleaned.captions
    assert caption not in cleaned.text


def test_text_dump_document_gets_metadata_and_flagged_page_date():
    art = extract(RawDocument(source="dump.txt", content=DUMP.encode()))
    assert art.status == "ok" and art.kind == "text"
    assert art.author == ["Mara Quellen"]
    assert art.language == "en"
    # The printed date is six years after the latest year the text names while it speaks of
    # "last year": a scrape date, not the publication date.
    assert art.page_date == "2025-06-02"
    assert art.page_date_flag and "2019" in art.page_date_flag
    assert art.published is None
    assert any(r.reason == "foreign-language" for r in art.removed)
