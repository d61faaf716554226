"""cascade.fast_text returns what trafilatura.extract(fast=True) returns, on every branch of
the cascade: main extractor, baseline rescue, recall retry, forum threads, unparseable input."""
from __future__ import annotations

import pytest
import trafilatura

from newsprism.clean.cascade import fast_text

_PARA = "<p>The ferry company said on Tuesday that the {n} crossing of the northern route would resume next week.</p>"
_ARTICLE = ("<html><body><nav class='menu'><a href='/'>Home</a> <a href='/n'>News</a></nav>"
            "<div class='share-buttons'>Share on Fooface</div><article><h1>Ferries return</h1>"
            + "".join(_PARA.format(n=n) for n in ("first", "second", "third", "fourth", "fifth"))
            + "<div class='related'><a href='/x'>Related: harbour fees rise</a></div></article>"
            "<div id='comments'><p>Reader one wrote a long comment about the timetable and the fares.</p></div>"
            "<footer>Copyright Harbour Daily</footer></body></html>")
# A short article among a lot of list text: the recall retry's branch.
_SHORT = ("<html><body><div class='main-content'><p>Port reopens.</p></div><div>"
          + "".join(f"<div class='card'><span>Card {i}: a listing of boats, berths and the prices asked for them</span></div>"
                    for i in range(40)) + "</div></body></html>")
# Text outside any paragraph: the baseline rescue's branch.
_BARE = "<html><body><div>Only a short line</div><div>and another short line here</div></body></html>"
_FORUM = ("<html><head><script type='application/ld+json'>{\"@type\": \"DiscussionForumPosting\"}</script></head><body>"
          "<div class='comment-list'>" + "".join(f"<div class='comment'><p>Post {i}: the night ferry was late again and "
                                                  "nobody announced the delay on board.</p></div>" for i in range(5))
          + "</div></body></html>")


@pytest.mark.parametrize("page", [_ARTICLE, _SHORT, _BARE, _FORUM, "", "<html></html>", "plain words, no markup"],
                         ids=["article", "short", "bare", "forum", "empty", "no-body", "not-html"])
def test_same_text_as_trafilatura(page):
    expected = trafilatura.extract(page, fast=True, include_comments=False, include_tables=True) or ""
    assert fast_text(page, page_chars=10 ** 6) == expected


def test_article_text_without_the_chrome():
    text = fast_text(_ARTICLE, page_chars=10 ** 6)
    assert "fifth crossing" in text and "Share on" not in text and "Reader one" not in text


def test_page_measure_skipped_only_when_the_retry_cannot_fire():
    # the article's text is most of the page: the retry cannot fire, whatever the page measure says
    assert fast_text(_ARTICLE, page_chars=100) == fast_text(_ARTICLE, page_chars=10 ** 6)
