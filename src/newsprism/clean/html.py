"""Main text, captions and publication date of an HTML page.

Measured on the trafilatura evaluation pages (bench/extraction.py), trafilatura's rule set is
still the most accurate body extractor (resiliparse is 10x faster but lets far more boilerplate
through); what makes trafilatura slow is walking every node of the page in Python/lxml. So the
page is parsed once with lexbor (C, ~1 ms), metadata is read from that tree (metadata.py), and
everything no reader ever sees (scripts, styles, SVG, form controls, iframes, navigation,
footers, asides, hidden elements; <noscript> stays, some pages keep their only text there) is
cut in C before trafilatura gets a smaller page. trafilatura drops the standfirst (the lead
paragraph, styled as a "teaser"); the page's own description finds it again (`with_standfirst`).
The few chrome lines that still slip through (bare dates, lone chrome words, photo credits,
"Read also:" teasers, subscription calls at the end) are dropped by the same line rules as text
dumps (lines.py).

Dates: the URL, the publisher's meta tags and <time> elements are read from the same lexbor
tree and settle ~70% of pages; htmldate's extensive search (an lxml parse and a text scan) runs
only on the rest, and JSON-LD's datePublished, often the CMS's creation day, comes last.
Pages nested deeper than any real layout are refused before any tree walk, so recursion in a
parser can never blow up.
"""
from __future__ import annotations

import itertools
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser

from newsprism.clean.dates import url_date
from newsprism.clean.lines import drop_chrome
from newsprism.clean.metadata import Metadata, read_metadata
from newsprism.records import RemovedLine

# Parsers and tree walkers get slow (lexbor is quadratic in depth) or recurse on deep trees:
# beyond DEEP a page is read by the flat C extractor only, beyond MAX_DEPTH it is refused.
# Real pages measured stay under ~1,500 (unclosed tags), layouts under ~100.
DEEP = 400
MAX_DEPTH = 2500
_TAG = re.compile(r"<(/?[a-zA-Z][a-zA-Z0-9]*)")
_WS = re.compile(r"\s+")
# A description shorter than this is a tagline, not a lead; its first this many characters
# identify the lead block.
_LEAD_MIN = 40
_LEAD_TAGS = ("p", "div", "section", "h2", "h3", "span")
# resiliparse's main text was at most 1.12x the length of the page's visible text (lexbor's,
# whitespace kept) on the evaluation pages: beyond half of that, it cannot be twice the text.
_REFERENCE_MARGIN = 1.25
# trafilatura's full mode (its readability and jusText comparisons, ~27 ms a page) runs when
# the fast result is under this share of resiliparse's main text: a failed extraction, not a
# short one. Measured on the evaluation pages (F1 / retried pages / CPU per page): 0.5 gives
# 0.943 / 6% / +1.3 ms, 0.1 gives 0.941 / 1.6% / +0.6 ms, never retrying 0.937.
_RETRY_SHARE = 0.1
_VOID = frozenset("area base br col embed hr img input link meta source track wbr p li td tr th option dt dd".split())
# Never part of an article: cut before the expensive extractor walks them. JSON-LD stays:
# trafilatura falls back on its articleBody when a page renders its text with JavaScript.
_JUNK = (
    "script:not([type='application/ld+json']), style, svg, iframe, link, template, canvas, video, "
    "audio, object, embed, input, select, textarea, button, nav, footer, aside, [hidden], [aria-hidden=true]"
)


@dataclass
class HtmlResult:
    text: str = ""
    meta: Metadata = field(default_factory=Metadata)
    captions: list[str] = field(default_factory=list)
    removed: list[RemovedLine] = field(default_factory=list)
    error: str | None = None
    top_date: str | None = None  # a date printed alone near the top of the page (header bar)


class _Steps(dict):
    """Depth step of a tag token ("div" +1, "/div" -1, void or optional-end tags 0), worked
    out once per distinct token so that the scan of a page runs in C."""

    def __missing__(self, token: str) -> int:
        if len(self) > 4096:  # a page inventing tag names must not grow the table forever
            self.clear()
        close = token.startswith("/")
        step = 0 if token.lstrip("/").lower() in _VOID else -1 if close else 1
        self[token] = step
        return step


_STEPS = _Steps()


def nesting_depth(html: str) -> int:
    """Approximate deepest element nesting, from the tags alone (~0.3 ms for a 150 kB page).

    Elements whose end tag is optional (p, li, td...) and void ones are not counted, so the
    estimate errs low on sloppy pages and high only on truly nested ones.
    """
    return max(itertools.accumulate(map(_STEPS.__getitem__, _TAG.findall(html)), initial=0))


def main_text(tree: LexborHTMLParser) -> tuple[str, str]:
    """(body text, paragraphs separated by a blank line; the page's visible text, whitespace
    collapsed) of a parsed page, pruned in place.

    trafilatura's fallback comparisons (readability, jusText) cost ~40% of its time and only
    matter when its own pass fails, so its fast mode runs first (cascade.py) and the full mode
    only when the result is a small share of what resiliparse's quick main-content pass finds;
    that reference is not computed when the page has too little other text for it.
    """
    import trafilatura
    from resiliparse.extract.html2text import extract_plain_text

    from newsprism.clean.cascade import fast_text
    from newsprism.clean.rules import faster_rules, prune_raw

    for node in tree.css(_JUNK):
        node.decompose()
    prune_raw(tree)
    html = tree.html or ""
    shown = tree.body.text() if tree.body is not None else ""
    visible = " ".join(shown.split())
    text = fast_text(html, len(visible), pruned=True)
    if len(text) < _RETRY_SHARE * _REFERENCE_MARGIN * len(shown):
        reference = extract_plain_text(html, main_content=True, comments=False, alt_texts=False, list_bullets=False)
        if len(text) < _RETRY_SHARE * len(reference):
            with faster_rules():
                text = trafilatura.extract(html, include_comments=False, include_tables=True) or ""
    return "\n\n".join(line.strip() for line in text.split("\n") if line.strip()), visible


def with_standfirst(tree: LexborHTMLParser, description: str | None, text: str, visible: str) -> str:
    """`text` with the page's standfirst (lead paragraph) put back in front when the extractor
    dropped it.

    Publishers style the lead as a "teaser" or "intro" block, which trafilatura discards as a
    link teaser; but the same sentences are what the page declares as its description
    (og:description / description). A body block that starts with that description, and is not
    much longer, is the standfirst. Measured on the trafilatura evaluation pages it restores the
    lead on ~5% of pages and almost never adds boilerplate. `visible` is the page's visible text,
    whitespace collapsed (`main_text` gives it).
    """
    if not description or len(description) < _LEAD_MIN:
        return text
    desc = _WS.sub(" ", description).strip()
    key = desc[:_LEAD_MIN]
    if key in _WS.sub(" ", text) or tree.body is None or key not in visible:
        return text
    # Blocks holding the key's longest word in one text node first; all blocks when none of
    # them is the lead (an inline tag may split that word).
    longest = 3 * len(desc) + 50
    best = _shortest_block(_blocks_with(tree.body, max(key.split(), key=len)), key, longest)
    if best is None:
        best = _shortest_block(tree.body.css(", ".join(_LEAD_TAGS)), key, longest)
    return f"{best}\n\n{text}" if best else text


def _shortest_block(nodes, key: str, longest: int) -> str | None:
    best = None
    for node in nodes:
        block = _WS.sub(" ", node.text()).strip()
        if _LEAD_MIN <= len(block) <= longest and block.startswith(key) and (best is None or len(block) < len(best)):
            best = block
    return best


def _blocks_with(body, word: str) -> list:
    """The p/div/section/h2/h3/span blocks holding `word` in one of their text nodes: the
    elements lexbor finds holding it in their own text, and their ancestors. Building every
    block's text in Python instead costs ~3 ms on a large page."""
    if '"' in word or "\\" in word:
        return []
    found: dict[int, object] = {}
    for node in body.css(f'*:lexbor-contains("{word}")'):
        while node is not None and node.mem_id not in found and node.mem_id != body.mem_id:
            if node.tag in _LEAD_TAGS:
                found[node.mem_id] = node
            node = node.parent
    return list(found.values())


def flat_text(html: str) -> str:
    """Main text of a pathologically nested page, without any Python tree walk."""
    from resiliparse.extract.html2text import extract_plain_text

    text = extract_plain_text(html, main_content=True, comments=False, alt_texts=False, list_bullets=False)
    return "\n\n".join(line.strip() for line in text.split("\n") if line.strip())


def publication_date(html: str, meta: Metadata) -> tuple[str | None, str | None]:
    """(date, source): the page's cheapest trustworthy cue, htmldate's extensive search only
    when there is none.

    Measured on the htmldate DEV set, a date in the URL, then the publisher's meta tags, then a
    <time> element are right as often as htmldate (which reads the same cues, slower); JSON-LD
    datePublished is often a day or more off (the CMS's creation or feed time) and is the last
    resort, after htmldate's search of the page.
    """
    in_url = url_date(meta.url)
    if in_url:
        return in_url, "url"
    for source in ("meta", "time-element"):
        if source in meta.published_by:
            return meta.published_by[source], source
    from htmldate import find_date

    try:
        found = find_date(html, url=meta.url, original_date=True, extensive_search=True)
    except Exception:  # htmldate on hostile markup: fall back to what metadata said
        found = None
    if found:
        return found, ("json-ld" if found == meta.published_by.get("json-ld") else "htmldate")
    return meta.published, meta.published_source


def extract_html(html: str, url: str | None = None, deadline: float | None = None,
                 with_date: bool = True) -> HtmlResult:
    """Text, metadata, captions and publication date of one HTML page; never raises on markup."""
    depth = nesting_depth(html)
    if depth > MAX_DEPTH:
        return HtmlResult(error=f"HTML nested {depth} levels deep (limit {MAX_DEPTH}): not a real page layout")
    tree = LexborHTMLParser(html)
    meta = read_metadata(tree, url)
    captions = [c for c in (n.text(strip=True) for n in tree.css("figcaption")) if c]
    if with_date and depth <= DEEP:
        meta.published, meta.published_source = publication_date(html, meta)
    if deadline is not None and time.monotonic() > deadline:
        return HtmlResult(meta=meta, error="time budget exceeded before main-text extraction")
    top = top_date(tree) if depth <= DEEP else None
    if depth <= DEEP:
        text = with_standfirst(tree, meta.description, *main_text(tree))
    else:
        text = flat_text(html)
    text, removed = drop_chrome(text)
    return HtmlResult(text=text, meta=meta, captions=captions, removed=removed, top_date=top)


def top_date(tree: LexborHTMLParser, lines: int = 12) -> str | None:
    """First short date line among the page's first visible lines: headers often print today's
    date, which a scraper then mistakes for the publication date."""
    from newsprism.clean.dates import parse_date

    body = tree.body
    if body is None:
        return None
    for ln in itertools.islice(_shown_lines(body), lines):
        if len(ln.split()) <= 10:
            found = parse_date(ln)
            if found:
                return found
    return None


def _shown_lines(body) -> Iterator[str]:
    """The body's non-empty text lines in page order, read lazily: only the first few are
    wanted, and the whole body's text costs ~0.3 ms."""
    for node in body.traverse(include_text=True):
        if node.tag == "-text":
            for ln in (node.text_content or "").splitlines():
                if ln.strip():
                    yield ln.strip()


def find_published(html: str, url: str | None = None) -> tuple[str | None, str | None]:
    """(publication date, source) of a page without extracting its text."""
    if nesting_depth(html) > MAX_DEPTH:
        return None, None
    in_url = url_date(url)
    if in_url:
        return in_url, "url"
    return publication_date(html, read_metadata(LexborHTMLParser(html), url))
