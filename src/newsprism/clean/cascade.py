"""trafilatura's fast extraction cascade, run step by step on a page newsprism has already pruned.

`trafilatura.extract(html, fast=True)` is the body extractor (html.py says why). Called whole,
it also copies the cleaned tree for the external comparisons that fast mode never runs, builds
a metadata container, and on every short result measures the whole page's text (a second
cleaning pass and text dump, ~0.8 ms a page) to decide whether a recall-mode retry is due.
Here the same steps run in the same order, with two shortcuts: that page measure is skipped
when the page's visible text, which lexbor hands over for free, is too short for the retry to
fire; and trafilatura's XPath rules run as their Python equivalents (rules.py). Over the 990
trafilatura evaluation pages the output is identical to `trafilatura.extract`'s.

Written against trafilatura 2.3 (`core.trafilatura_sequence` with comments off, balanced focus,
fast mode; `core.bare_extraction`; `core.determine_returnstring` for plain text).
"""
from __future__ import annotations

import functools
from copy import copy

from lxml.etree import Element
from trafilatura.baseline import baseline, html2txt
from trafilatura.htmlprocessing import convert_tags, prune_unwanted_nodes, tree_cleaning
from trafilatura.main_extractor import extract_content
from trafilatura.settings import Extractor
from trafilatura.utils import load_html, normalize_unicode
from trafilatura.xml import xmltotxt

from newsprism.clean.rules import RAW_TREE_PRUNE, REMOVE_COMMENTS_AND_LISTS, core, faster_rules

# trafilatura's page measure puts a space between blocks that lexbor's text joins directly:
# measured at most 1.07x lexbor's whitespace-collapsed text on the evaluation pages.
_SEPARATORS = 1.25


@functools.cache
def _options() -> Extractor:
    return Extractor(fast=True, comments=False, tables=True, output_format="txt")


def fast_text(html: str, page_chars: int, pruned: bool = False) -> str:
    """What `trafilatura.extract(html, fast=True, include_comments=False, include_tables=True)`
    returns ("" for None); `page_chars` is the length of the page's visible text, whitespace
    collapsed; `pruned`: the raw-tree prunes are done already (`rules.prune_raw`)."""
    options = _options()
    tree = load_html(html)
    if tree is None:
        return ""
    with faster_rules():
        body, text = _cascade(tree, options, page_chars, pruned)
    if len(text) < options.min_output_size:
        return ""
    # an empty comments section is still appended, which is why the result is stripped
    return normalize_unicode(f"{xmltotxt(body, options.formatting)}\n{xmltotxt(Element('body'), options.formatting)}".strip())


def _cascade(tree, options: Extractor, page_chars: int, pruned: bool):
    """(body element, its text): main extractor, baseline rescue, recall retry."""
    if not pruned:
        is_forum = core._forum_thread_page(tree)
        tree = prune_unwanted_nodes(tree, RAW_TREE_PRUNE)
        # comments are not wanted, except on a forum thread where they are the posts
        if not is_forum:
            tree = prune_unwanted_nodes(tree, REMOVE_COMMENTS_AND_LISTS)
    cleaned = convert_tags(tree_cleaning(copy(tree), options), options)
    body, text = extract_content(cleaned, options)
    if len(text) < options.min_extracted_size:
        b_body, b_text, b_len = baseline(tree)
        if b_len > len(text):
            body, text = b_body, b_text
    share = core.ESCALATION_PAGE_SHARE
    if (0 < len(text) < core.ESCALATION_MAX_LENGTH and len(text) < share * _SEPARATORS * page_chars
            and len(text) < share * len(html2txt(tree))):
        recall = copy(options)
        recall.focus = "recall"
        r_body, r_text = core._recall_retry(tree, recall, None)
        if len(r_text) >= options.min_extracted_size and len(r_text) > core.ESCALATION_ACCEPT_RATIO * len(text):
            body, text = r_body, r_text
    return body, text
