"""The Python rules of clean/rules.py select exactly what trafilatura's XPath rules select.

Markup is generated from class/id/style/role values built out of the rules' own vocabulary
(and near misses: other case, other position, both attributes in either order), so a change of
trafilatura's XPaths in an upgrade shows up here as a mismatch.
"""
from __future__ import annotations

import itertools
import random

import lxml.html
import pytest
import trafilatura
from selectolax.lexbor import LexborHTMLParser
from trafilatura.htmlprocessing import prune_unwanted_nodes

from newsprism.clean import rules

_WORDS = [
    "post", "entry", "content", "main", "Main-Content", "main-content", "page-content", "Page-content", "article",
    "article ", "articleBody", "article-body", "article__body", "story", "story-body", "primary", "fullText", "FULLTEXT",
    "text", "cell", "nav", "Nav", "navbar", "post-nav", "menu", "footer", "Footer", "share", "shares", "share-bar",
    "social", "cookie", "cookie-banner", "CookieConsent", "consent-manager", "onetrust", "comment", "comments",
    "Comment-list", "commentary", "comol", "disqus_thread", "dsq-comments", "article-comments", "post-comments",
    "teaser", "Teaser", "TEASER", "caption", "reply-", "reply-box", "hidden", "hide-me", "x hide", "message", "ad",
    " ad ", "ad-slot", "x ad-", "dfpAd", "widget", "meta", "byline", "related", "infinite-scroll", "infinitescroll",
    "mvp-post-add-box", "elementor-share-buttons", "akismet", "premium", "tags", "tag-list", "bar", "content-main",
    "content__body", "wpb_text_column", "single-post", "entry-content", "body-text", "ArticleContent", "plain",
]
_TAGS = ["div", "p", "section", "span", "article", "main", "ul", "ol", "li", "details", "aside", "list", "item", "header"]
_STYLES = ["display:none", "display: none", "color: red", "visibility:hidden", None]


def _attrs(rnd: random.Random) -> str:
    pairs = []
    for name in rnd.sample(["class", "id", "style", "role", "itemprop", "aria-hidden", "data-component"], rnd.randint(0, 3)):
        if name == "style":
            value = rnd.choice(_STYLES) or "margin:0"
        elif name == "role":
            value = rnd.choice(["navigation", "Navigation", "main", "article", "banner"])
        elif name == "itemprop":
            value = rnd.choice(["articleBody", "headline"])
        elif name == "aria-hidden":
            value = rnd.choice(["true", "false"])
        elif name == "data-component":
            value = rnd.choice(["MostPopularStories", "Figure"])
        else:
            value = rnd.choice(_WORDS) if rnd.random() < 0.6 else f"{rnd.choice(_WORDS)} {rnd.choice(_WORDS)}"
        pairs.append(f'{name}="{value}"')
    return " ".join(pairs)


def _page(seed: int, head: str = "", tags: list[str] = _TAGS) -> str:
    rnd = random.Random(seed)
    count = itertools.count()

    def block(depth: int) -> str:
        tag = rnd.choice(tags)
        inner = "".join(block(depth + 1) for _ in range(rnd.randint(0, 3))) if depth < 5 else ""
        if rnd.random() < 0.1:
            inner += "<h1>Headline</h1>"
        return f"<{tag} data-n='{next(count)}' {_attrs(rnd)}>Some words {inner}</{tag}>"

    return f"<html><head>{head}</head><body>{''.join(block(0) for _ in range(8))}</body></html>"


PAIRS = [(module.__name__ + "." + name, i)
         for module, name, replacement in rules._SWAPS
         for i in range(len(replacement) if isinstance(replacement, list) else 1)]


@pytest.mark.parametrize("rule", PAIRS, ids=[f"{name}[{i}]" for name, i in PAIRS])
def test_rule_selects_what_the_xpath_selects(rule):
    name, index = rule
    slot = next(k for k, (module, attr, _) in enumerate(rules._SWAPS) if module.__name__ + "." + attr == name)
    original, replacement = rules._ORIGINALS[slot], rules._SWAPS[slot][2]
    if isinstance(replacement, list):
        original, replacement = original[index], replacement[index]
    # trafilatura reads only the first element a BODY_XPATH rule finds
    keep = 1 if name.endswith("BODY_XPATH") else None
    matched = 0
    for seed in range(60):
        tree = lxml.html.fromstring(_page(seed))
        expected = original(tree)[:keep]
        assert replacement(tree)[:keep] == expected, f"seed {seed}"
        matched += len(expected)
    assert matched, "the generated markup never exercises this rule"


def test_rules_are_swapped_only_inside_the_block():
    main_extractor = rules.main_extractor
    before = main_extractor.OVERALL_DISCARD_XPATH
    with pytest.raises(RuntimeError), rules.faster_rules():
        assert main_extractor.OVERALL_DISCARD_XPATH is rules.OVERALL_DISCARD
        raise RuntimeError
    assert main_extractor.OVERALL_DISCARD_XPATH is before


def test_extraction_is_the_same_with_either_rule_set():
    paras = "".join(f"<p>Paragraph {i} of the report on the harbour bridge, with enough words to count as text.</p>"
                    for i in range(6))
    page = (f"<html><body><nav class='menu'>Home News Sport</nav><div class='share-bar'>Share this</div>"
            f"<article><div class='article-body'>{paras}<div class='related'>Related: other story</div></div></article>"
            f"<div id='comments'><p>First comment here, quite long to look like text.</p></div></body></html>")
    plain = trafilatura.extract(page, fast=True, include_comments=False)
    with rules.faster_rules():
        fast = trafilatura.extract(page, fast=True, include_comments=False)
    assert fast == plain and "Paragraph 5" in fast and "Share this" not in fast


@pytest.mark.parametrize("forum", [False, True], ids=["article", "forum"])
def test_lexbor_raw_prune_leaves_what_trafilatura_leaves(forum):
    head = '<script type="application/ld+json">{"@type": "DiscussionForumPosting"}</script>' if forum else ""
    pruned = 0
    for seed in range(60):
        # no p/li: HTML5 and libxml2 close them differently around blocks, whatever the prune
        page = _page(seed, head, [tag for tag in _TAGS if tag not in ("p", "li")])
        tree = lxml.html.fromstring(page)
        before = {el.get("data-n") for el in tree.iter() if el.get("data-n")}
        xpaths = rules._ORIGINALS[[name for _, name, _ in rules._SWAPS].index("RAW_TREE_PRUNE_XPATH")]
        if not forum:
            xpaths = xpaths + rules._ORIGINALS[[name for _, name, _ in rules._SWAPS].index("REMOVE_COMMENTS_AND_LISTS_XPATH")]
        expected = {el.get("data-n") for el in prune_unwanted_nodes(tree, xpaths).iter() if el.get("data-n")}
        lexbor = LexborHTMLParser(page)
        rules.prune_raw(lexbor)
        kept = {el.get("data-n") for el in lxml.html.fromstring(lexbor.html).iter() if el.get("data-n")}
        assert kept == expected, f"seed {seed}"
        pruned += len(before - kept)
    assert pruned, "the generated markup never exercises the prunes"
