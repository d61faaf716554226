"""trafilatura's boilerplate and body-finding XPath rules, evaluated in Python at a fraction of
the cost, selecting exactly the same elements.

trafilatura (pinned 2.3.*) finds the article container and prunes navigation, share bars,
comment threads, teasers and cookie banners with XPath expressions whose class/id tests are
EXSLT `re:test` calls: libxml2 calls back into Python for every element and every test, and
each call runs a regex of 50-80 alternatives. Measured on the trafilatura evaluation pages that
is ~30% of its extraction time, spent re-testing the same few hundred class strings. Here each
rule is a plain walk over the tree (lxml's C iterator, filtered by tag) whose attribute tests go
through one cached regex per attribute: a class string is tested once per process, not once per
element. The regexes are trafilatura's own token lists (imported where they are named, copied
where they are inline in its XPath strings); XPath semantics are kept, including `@id|@class`
meaning "whichever of the two comes first in the tag".

trafilatura reads these rules from module globals and takes no parameter for them, so
`faster_rules()` swaps the globals for the length of one extraction and puts them back. The
replacements select the same elements in the same order (tests/clean/test_clean_rules.py checks
every rule against trafilatura's XPath on generated markup), so a concurrent caller of
trafilatura in another thread gets the same result either way. `prune_raw` does the raw-tree
prunes once more as lexbor CSS, in C, before newsprism serialises the page for lxml.
"""
from __future__ import annotations

import functools
import importlib
import re
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from lxml.etree import Element, XPath
from trafilatura import xpaths as tx
from trafilatura.settings import _COOKIE_CONSENT_RE

# by module path: the package namespace shadows `trafilatura.baseline` with the function
baseline, core, external, main_extractor = (
    importlib.import_module(f"trafilatura.{name}") for name in ("baseline", "core", "external", "main_extractor"))


def _searcher(pattern: str, flags: int = 0) -> Callable[[str], bool]:
    """Cached `re.search` test: pages repeat the same class strings on hundreds of elements."""
    search = re.compile(pattern, flags).search

    @functools.lru_cache(maxsize=8192)
    def test(value: str) -> bool:
        return search(value) is not None

    return test


def _first(el, a: str, b: str) -> str | None:
    """XPath string value of `@a|@b`: whichever attribute comes first in the tag."""
    va, vb = el.get(a), el.get(b)
    if va is None or vb is None:
        return vb if va is None else va
    keys = el.keys()
    return va if keys.index(a) < keys.index(b) else vb


class _Select:
    """Drop-in for one XPath `.//*[self::t1 or ...][test]` (or its first match only): called on an
    element, returns the matching descendants in document order."""

    def __init__(self, tags: tuple[str, ...], test: Callable, first: bool = False):
        self.tags, self.test, self.first = tags, test, first

    def __call__(self, tree) -> list:
        found = []
        for el in tree.iterdescendants(*self.tags) if self.tags else tree.iterdescendants(Element):
            if self.test(el):
                found.append(el)
                if self.first:
                    break
        return found


_BLOCKS = ("div", "item", "list", "p", "section", "span")
_CONTAINERS = ("article", "div", "main", "section")

# OVERALL_DISCARD_XPATH: share bars, navigation, ads, bylines, widgets, hidden blocks
_discard_id = _searcher(tx._alt(tx._OVERALL_DISCARD_BOTH_TOKENS + tx._OVERALL_DISCARD_ID_TOKENS))
_discard_class = _searcher(tx._alt(tx._OVERALL_DISCARD_BOTH_TOKENS + tx._OVERALL_DISCARD_CLASS_TOKENS))
_consent = _searcher(tx._alt(tx._CONSENT_ID_CLASS_TOKENS))
_hidden_id = _searcher("reader-comments|akismet")
_hidden_class = _searcher(
    "^hide-|comments-title|nocomments|-reply-|message|akismet|suggest-links|-hide-|hide-print| hidden| hide|noprint|notloaded")


def _discarded(el) -> bool:
    get = el.get
    if get("data-lp-replacement-content") is not None:
        return True
    role, component, ident, cls = get("role"), get("data-component"), get("id"), get("class")
    if role is not None and "nav" in role.replace("N", "n"):
        return True
    if component is not None and "MostPopularStories" in component:
        return True
    first = _first(el, "id", "class")
    return ((first is not None and _consent(first)) or (ident is not None and _discard_id(ident))
            or (cls is not None and _discard_class(cls)))


def _hidden(el) -> bool:
    get = el.get
    ident, cls, style = get("id"), get("class"), get("style")
    if ident is None and cls is None and style is None:
        return get("aria-hidden") == "true"
    first = _first(el, "id", "class")
    shown = _first(el, "id", "style")
    return bool(cls == "comments-title" or (first is not None and first.startswith("reply-"))
                or (shown is not None and "hidden" in shown)
                or (style is not None and ("display:none" in style or "display: none" in style))
                or (ident is not None and _hidden_id(ident)) or (cls is not None and _hidden_class(cls))
                or get("aria-hidden") == "true")


def _teaser(el) -> bool:
    ident, cls = el.get("id"), el.get("class")
    return ((ident is not None and "teaser" in ident.replace("T", "t"))
            or (cls is not None and "teaser" in cls.replace("T", "t")))


def _caption(el) -> bool:
    ident, cls = el.get("id"), el.get("class")
    return (ident is not None and "caption" in ident) or (cls is not None and "caption" in cls)


# BODY_XPATH: the article container, most specific class/id vocabulary first
_article_id = _searcher(tx._alt(tx._ARTICLE_CONTENT_ID_TOKENS))
_article_class = _searcher(tx._alt(tx._ARTICLE_CONTENT_CLASS_TOKENS))
_story_id = _searcher(tx._alt(tx._STORY_ID_TOKENS))
_story_class = _searcher(tx._alt(tx._STORY_CLASS_TOKENS))
_fulltext = _searcher("fulltext", re.I)
_main_id = _searcher(tx._alt(tx._MAIN_CONTENT_ID_TOKENS))
_main_class = _searcher(tx._alt(tx._MAIN_CONTENT_CLASS_TOKENS))


def _article_body(el) -> bool:
    ident, cls = el.get("id"), el.get("class")
    return (cls in ("post", "entry") or el.get("itemprop") == "articleBody" or ident == "articleContent"
            or (ident is not None and _article_id(ident)) or (cls is not None and _article_class(cls)))


def _story(el) -> bool:
    ident, cls = el.get("id"), el.get("class")
    return (el.get("role") == "article" or ident in ("article", "story")
            or cls in ("postarea", "art-postcontent", "text", "cell", "story")
            or (ident is not None and _story_id(ident))
            or (cls is not None and (_fulltext(cls) or _story_class(cls))))


def _main_content(el) -> bool:
    ident, cls = el.get("id"), el.get("class")
    return (ident == "content" or cls == "content"
            or (ident is not None and (_main_id(ident) or "main-content" in ident.replace("C", "c").replace("M", "m")))
            or (cls is not None and (_main_class(cls) or "main-content" in cls.replace("C", "c").replace("M", "m")
                                     or "page-content" in cls.replace("C", "c").replace("P", "p"))))


def _main_start(tree) -> list:
    """`(.//*[self::article or self::div or self::section][starts-with(@class|@id|@role, 'main')])[1]
    | (.//main)[1]`: the earlier of the two first."""
    found = []
    for el in tree.iterdescendants("article", "div", "section", "main"):
        if el.tag == "main":
            if not any(f.tag == "main" for f in found):
                found.append(el)
        elif not any(f.tag != "main" for f in found) and any(
                (v := el.get(a)) is not None and v.startswith("main") for a in ("class", "id", "role")):
            found.append(el)
        if len(found) == 2:
            break
    return found


# core.py's raw-tree prunes: comment threads (comments are not wanted) and appended articles
_comment_id = _searcher(f"^(?:{tx._COMMENTS_ID})")
_comment_or_disqus_id = _searcher(f"^(?:{tx._COMMENTS_ID}|disqus_thread|dsq-comments)")
_comment_class = _searcher(tx._COMMENTS_CLASS)


def _comments(el) -> bool:
    ident, cls = el.get("id"), el.get("class")
    own = (ident is not None and _comment_id(ident)) or (cls is not None and _comment_class(cls))
    return bool(own or (el.tag not in ("ol", "ul") and ident is not None and _comment_or_disqus_id(ident)))


_appended_mvp = _searcher("mvp-post-add-(?:box|wrap)")
_appended_scroll = _searcher("mvp-post-add-(?:box|wrap)|infinite-?scroll")


def _appended(el) -> bool:
    ident, cls = el.get("id"), el.get("class")
    if not ((ident is not None and _appended_scroll(ident)) or (cls is not None and _appended_scroll(cls))):
        return False
    return (el.find(".//h1") is None or (ident is not None and _appended_mvp(ident))
            or (cls is not None and _appended_mvp(cls)))


def _share_buttons(el) -> bool:
    cls = el.get("class")
    return cls is not None and "elementor-share-buttons" in cls


# The same raw-tree prunes as CSS, for lexbor: done in C before the page is serialised for lxml.
_RAW_CSS = ", ".join((
    ':is(div, section, aside):is([id*="mvp-post-add-box"], [id*="mvp-post-add-wrap"], [class*="mvp-post-add-box"], '
    '[class*="mvp-post-add-wrap"])',
    ':is(div, section, aside):is([id*="infinite-scroll"], [id*="infinitescroll"], [class*="infinite-scroll"], '
    '[class*="infinitescroll"]):not(:has(h1))',
    ':is(div, section, aside)[class*="elementor-share-buttons"]',
))
_COMMENTS_CSS = ", ".join((
    ':is(div, list, section, details, ol, ul):is([id^="comment"]:not([id^="commentary"]), '
    '[id^="Comment"]:not([id^="Commentary"]), [id^="comol"], [class^="comment"]:not([class^="commentary"]), '
    '[class^="Comment"]:not([class^="Commentary"]), [class*="article-comments"], [class*="post-comments"])',
    ':is(div, list, section, details):is([id^="disqus_thread"], [id^="dsq-comments"])',
))


def prune_raw(tree) -> None:
    """trafilatura's raw-tree prunes on a lexbor tree: appended articles, share buttons, and
    comment threads unless the page is a forum thread (JSON-LD DiscussionForumPosting), where
    the comments are the posts."""
    forum = any(core._DISCUSSION_FORUM_POSTING_RE.search(script.text() or "")
                for script in tree.css('script[type="application/ld+json"]'))
    for node in tree.css(_RAW_CSS if forum else f"{_RAW_CSS}, {_COMMENTS_CSS}"):
        node.decompose()


# baseline.py's BASIC_CLEAN_XPATH (html2txt, which also sizes the page for the recall retry)
_BASIC_TAGS = frozenset(("aside", "fencedframe", "footer", "script", "style", "svg", "template"))
_cookie_banner = _searcher(_COOKIE_CONSENT_RE, re.I)


def _basic_clean(el) -> bool:
    tag = el.tag
    if tag in _BASIC_TAGS:
        return True
    if tag == "div":
        first = _first(el, "class", "id")
        if first is not None and "footer" in first:
            return True
    cls, ident = el.get("class"), el.get("id")
    return (cls is not None and _cookie_banner(cls)) or (ident is not None and _cookie_banner(ident))


OVERALL_DISCARD = [_Select(_BLOCKS, _discarded), _Select((), _hidden)]
BODY = [
    _Select(_CONTAINERS, _article_body, first=True),
    XPath("(.//article)[1]"),
    _Select(_CONTAINERS, _story, first=True),
    _Select(_CONTAINERS, _main_content, first=True),
    _main_start,
]
TEASER_DISCARD = [_Select(_BLOCKS, _teaser)]
DISCARD_IMAGES = [_Select(_BLOCKS, _caption)]
REMOVE_COMMENTS_AND_LISTS = [_Select(("div", "list", "section", "details", "ol", "ul"), _comments)]
RAW_TREE_PRUNE = [_Select(("div", "section", "aside"), _appended), _Select(("div", "section", "aside"), _share_buttons)]
BASIC_CLEAN = _Select((), _basic_clean)

_SWAPS = (
    (main_extractor, "BODY_XPATH", BODY),
    (main_extractor, "OVERALL_DISCARD_XPATH", OVERALL_DISCARD),
    (main_extractor, "TEASER_DISCARD_XPATH", TEASER_DISCARD),
    (main_extractor, "DISCARD_IMAGE_ELEMENTS", DISCARD_IMAGES),
    (external, "OVERALL_DISCARD_XPATH", OVERALL_DISCARD),
    (core, "RAW_TREE_PRUNE_XPATH", RAW_TREE_PRUNE),
    (core, "REMOVE_COMMENTS_AND_LISTS_XPATH", REMOVE_COMMENTS_AND_LISTS),
    (baseline, "BASIC_CLEAN_XPATH", BASIC_CLEAN),
)
_ORIGINALS = tuple(getattr(module, name) for module, name, _ in _SWAPS)
_LOCK = threading.Lock()
_active = 0


@contextmanager
def faster_rules() -> Iterator[None]:
    """Run the enclosed trafilatura calls with the Python rules above (re-entrant, thread-safe:
    the originals come back when the last caller leaves)."""
    global _active
    with _LOCK:
        if _active == 0:
            for module, name, rules in _SWAPS:
                setattr(module, name, rules)
        _active += 1
    try:
        yield
    finally:
        with _LOCK:
            _active -= 1
            if _active == 0:
                for (module, name, _), original in zip(_SWAPS, _ORIGINALS):
                    setattr(module, name, original)
