"""Main text of an HTML page.

First version: trafilatura's extractor for the body text; metadata comes from our own fast
reader (metadata.py) on a selectolax tree. Pages nested deeper than any real layout are
flattened to text before any tree walk, so recursion in a parser can never blow up.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser

from newsprism.clean.metadata import Metadata, read_metadata
from newsprism.records import RemovedLine

MAX_DEPTH = 400  # real pages stay far below ~60 levels
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*?(/?)>")
_VOID = frozenset("area base br col embed hr img input link meta source track wbr p li td tr th option dt dd".split())


@dataclass
class HtmlResult:
    text: str = ""
    meta: Metadata = field(default_factory=Metadata)
    captions: list[str] = field(default_factory=list)
    removed: list[RemovedLine] = field(default_factory=list)
    error: str | None = None


def nesting_depth(html: str, limit: int = MAX_DEPTH) -> int:
    """Approximate open-element depth, stopping as soon as it passes `limit`.

    Elements whose end tag is optional (p, li, td...) and void ones are not counted, so the
    estimate errs low on sloppy pages and high only on truly nested ones.
    """
    depth = deepest = 0
    for m in _TAG.finditer(html):
        name = m.group(2).lower()
        if name in _VOID or m.group(3):
            continue
        depth = max(0, depth - 1) if m.group(1) else depth + 1
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                break
    return deepest


def extract_html(html: str, url: str | None = None, deadline: float | None = None) -> HtmlResult:
    if nesting_depth(html) > MAX_DEPTH:
        return HtmlResult(error=f"HTML nested deeper than {MAX_DEPTH} levels: not a real page layout")
    import trafilatura

    tree = LexborHTMLParser(html)
    meta = read_metadata(tree, url)
    text = trafilatura.extract(html, include_comments=False, include_tables=True) or ""
    captions = [n.text(strip=True) for n in tree.css("figcaption") if n.text(strip=True)]
    return HtmlResult(text=text.replace("\n", "\n\n"), meta=meta, captions=captions)
