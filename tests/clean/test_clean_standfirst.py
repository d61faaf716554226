"""HTML main text: the lead paragraph a page styles as a teaser is kept, and the "Read also"
teasers, trailing labels and subscription calls that extractors leave in are not."""
from __future__ import annotations

from newsprism.clean import extract
from newsprism.clean.lines import drop_chrome
from newsprism.records import RawDocument

LEAD = ("The harbour authority of Vessmar will close the old ferry pier for eighteen months from "
        "April, moving all island crossings to the new north terminal.")
BODY = [
    "Engineers found that the pier's timber piles had lost a third of their strength since the last "
    "survey, the authority said in a statement on Tuesday, and repairs could not wait another winter.",
    "Ferries to the three outer islands will leave from the north terminal instead, which adds about "
    "ten minutes to the walk from the railway station for foot passengers.",
    "The town council asked the authority to run a free shuttle bus between the station and the "
    "terminal while the works last, and a decision is expected next month.",
]


def _page(description: str) -> bytes:
    paras = "".join(f"<p>{p}</p>" for p in BODY)
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Old ferry pier to close | Vessmar Post</title>
<meta property="og:description" content="{description}">
</head><body>
<article><h1>Old ferry pier to close for eighteen months</h1>
<div class="article-teaser"><p>{LEAD}</p></div>
<div class="article-body">{paras}</div></article>
</body></html>""".encode()


def _text(description: str) -> str:
    art = extract(RawDocument(source="pier.html", content=_page(description), kind="html"))
    assert art.status == "ok", art.error
    return art.text


def test_teaser_styled_lead_comes_back_first_when_the_page_describes_itself_with_it():
    paras = _text(LEAD).split("\n\n")
    assert paras[0] == LEAD
    assert all(p in paras for p in BODY)
    assert paras.count(LEAD) == 1


def test_a_description_that_is_not_on_the_page_adds_nothing():
    text = _text("Everything you need to know about ferries, piers and the sea this spring.")
    assert "Everything you need to know" not in text
    assert all(p in text for p in BODY)


def test_read_also_teaser_is_dropped_even_when_it_reads_like_a_sentence():
    text = "\n".join(BODY[:2] + ["Read also: Island ferry fares will rise by ten percent next year, the operator says.",
                                 BODY[2]])
    kept, removed = drop_chrome(text)
    assert "fares will rise" not in kept
    assert ("related" in {r.reason for r in removed})
    assert BODY[2] in kept


def test_trailing_labels_and_subscription_calls_are_dropped():
    tail = ["More on this topic:", "Never miss a story from Vessmar: subscribe to our morning newsletter today!"]
    kept, removed = drop_chrome("\n".join(BODY + tail))
    assert kept.split("\n\n") == BODY
    assert len(removed) == 2


def test_page_text_given_only_as_json_ld_article_body_is_still_found():
    body = " ".join(BODY)
    page = f"""<!doctype html><html><head><title>Pier closes</title>
<script type="application/ld+json">{{"@context": "https://schema.org", "@type": "NewsArticle",
"headline": "Old ferry pier to close", "articleBody": "{body}"}}</script>
<script>window.render()</script></head><body><div id="app"></div></body></html>"""
    art = extract(RawDocument(source="app.html", content=page.encode(), kind="html"))
    assert BODY[0][:60] in art.text


def test_one_word_teaser_labels_need_their_colon():
    kept, _ = drop_chrome("\n".join([BODY[0], "Mira Costa", BODY[1], "Mira: Island ferries resume after the storm", BODY[2]]))
    assert "Mira Costa" in kept
    assert "ferries resume" not in kept


def test_lead_comes_back_when_markup_splits_its_words():
    # "authority", the longest word of the lead's opening, is cut in two by an inline tag
    split_lead = LEAD.replace("authority", "author<i>ity</i>")
    page = _page(LEAD).decode().replace(f"<p>{LEAD}</p>", f"<p>{split_lead}</p>").encode()
    art = extract(RawDocument(source="pier.html", content=page, kind="html"))
    assert art.text.split("\n\n")[0] == LEAD
