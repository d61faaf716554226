"""Page metadata from an HTML tree: title, authors, dates, site name, canonical URL, language.

Publishers state most of this explicitly for search engines and social cards: JSON-LD
(schema.org NewsArticle), OpenGraph / article:* meta tags, Dublin Core, <time> elements. Reading
those first is fast and more reliable than guessing from the visible text; the visible byline
and URL are fallbacks. Author strings on the web are noisy ("By Staff | Updated 3 hours ago",
"Reuters Staff", e-mail addresses, profile URLs), so they go through one normaliser.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

from newsprism.clean.dates import parse_date

# meta name/property -> which field it feeds, strongest first within each field
_META = {
    "title": ("og:title", "twitter:title", "dc.title", "dcterms.title", "headline", "sailthru.title"),
    "published": (
        "article:published_time", "datepublished", "og:published_time", "publishdate", "pubdate",
        "publish-date", "publish_date", "dc.date.issued", "dcterms.issued", "dc.date", "dcterms.date",
        "date", "sailthru.date", "parsely-pub-date", "article.published", "published_time",
        "originalpublicationdate", "cxenseparse:recs:publishtime", "citation_publication_date",
    ),
    "modified": ("article:modified_time", "og:updated_time", "datemodified", "dcterms.modified", "lastmod",
                 "last-modified", "dc.date.modified"),
    "author": ("author", "article:author", "dc.creator", "dcterms.creator", "sailthru.author",
               "parsely-author", "byl", "twitter:creator", "citation_author"),
    "site": ("og:site_name", "application-name", "twitter:site", "publisher", "dc.publisher"),
    "description": ("og:description", "description", "twitter:description"),
}
_FIELD_OF = {key: fld for fld, keys in _META.items() for key in keys}


@dataclass
class Metadata:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    published_source: str | None = None
    published_by: dict[str, str] = field(default_factory=dict)  # source -> date each cue gives
    modified: str | None = None
    site: str | None = None
    url: str | None = None
    lang: str | None = None
    description: str | None = None


_BY = re.compile(r"^\s*(?:by|von|par|por|di|door|av|przez|from)\s*:?\s+", re.I)
_AUTHOR_JUNK = re.compile(
    r"\b(?:staff|updated?|published|posted|editor(?:ial)?s?|team|desk|redaktion|rédaction|"
    r"redacción|admin|administrator|contributors?|correspondent|reporter|news service|"
    r"minutes? ago|hours? ago|min read)\b",
    re.I,
)
_SPLIT_AUTHORS = re.compile(r"\s*(?:,|;|\band\b|\bund\b|\bet\b|\by\b|\be\b|&|\|)\s*", re.I)


def clean_authors(values: list[str]) -> list[str]:
    """Person names from raw author strings: no 'By', no dates, no desks, no URLs, no duplicates."""
    names: list[str] = []
    for value in values:
        value = re.sub(r"https?://\S+|\S+@\S+|\(.*?\)", " ", value)
        value = parse_date(value) and re.split(r"\d", value, maxsplit=1)[0] or value
        for part in _SPLIT_AUTHORS.split(_BY.sub("", value.strip())):
            part = _BY.sub("", part).strip(" .:-–|·•\t\n")
            if not part or _AUTHOR_JUNK.search(part) or any(ch.isdigit() for ch in part):
                continue
            words = part.split()
            if not 1 <= len(words) <= 5 or part.startswith("@") or len(part) > 60:
                continue
            if part.lower() not in (n.lower() for n in names):
                names.append(part)
    return names


def _jsonld(tree, meta: dict[str, list[str]]) -> None:
    """Feed schema.org Article fields of JSON-LD blocks into `meta` (front of each list)."""
    for node in tree.css('script[type="application/ld+json"]'):
        try:
            data = json.loads(node.text(deep=True, strip=True) or "null")
        except (ValueError, RecursionError):
            continue
        for item in _items(data):
            kind = item.get("@type")
            kinds = kind if isinstance(kind, list) else [kind]
            if not any(isinstance(k, str) and ("Article" in k or k in ("BlogPosting", "Report", "WebPage"))
                       for k in kinds):
                continue
            # An Article's own fields outrank those of the WebPage that wraps it.
            is_page = all(k == "WebPage" for k in kinds)
            for key, fld in (("headline", "title"), ("datePublished", "published"),
                             ("dateCreated", "published"), ("dateModified", "modified")):
                if isinstance(item.get(key), str):
                    values = meta.setdefault("ld_" + fld, [])
                    values.insert(len(values) if is_page else 0, item[key])
            for person in _as_list(item.get("author")) + _as_list(item.get("creator")):
                name = person.get("name") if isinstance(person, dict) else person
                if isinstance(name, str):
                    meta.setdefault("ld_author", []).append(name)
            publisher = item.get("publisher")
            if isinstance(publisher, dict) and isinstance(publisher.get("name"), str):
                meta.setdefault("ld_site", []).append(publisher["name"])


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _items(data, depth: int = 0):
    if depth > 4:
        return
    if isinstance(data, list):
        for d in data:
            yield from _items(d, depth + 1)
    elif isinstance(data, dict):
        yield data
        for key in ("@graph", "mainEntity", "mainEntityOfPage"):
            if isinstance(data.get(key), (list, dict)):
                yield from _items(data[key], depth + 1)


def _first_date(values: list[str]) -> str | None:
    for v in values:
        d = parse_date(v)
        if d:
            return d
    return None


def read_metadata(tree, url: str | None = None) -> Metadata:
    """Metadata of a parsed page (selectolax tree); `url` is the fetch URL when known."""
    meta: dict[str, list[str]] = {}
    for node in tree.css("meta"):
        attrs = node.attributes
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").strip().lower()
        content = attrs.get("content")
        if key in _FIELD_OF and content and content.strip():
            meta.setdefault(_FIELD_OF[key], []).append(content.strip())
    _jsonld(tree, meta)
    out = Metadata()
    head_title = tree.css_first("title")
    titles = meta.get("ld_title", []) + meta.get("title", [])
    if head_title is not None and head_title.text(strip=True):
        titles.append(head_title.text(strip=True))
    out.title = titles[0].strip() if titles else None
    for values, source in ((meta.get("ld_published", []), "json-ld"), (meta.get("published", []), "meta")):
        found = _first_date(values)
        if found:
            out.published_by[source] = found
    for node in tree.css("time[datetime], [itemprop=datePublished]"):
        found = parse_date(node.attributes.get("datetime") or node.attributes.get("content") or "")
        if found:
            out.published_by["time-element"] = found
            break
    out.published_source = next(iter(out.published_by), None)
    out.published = out.published_by.get(out.published_source)
    out.modified = _first_date(meta.get("ld_modified", []) + meta.get("modified", []))
    authors = meta.get("ld_author", []) + meta.get("author", [])
    if not authors:
        authors = [n.text(strip=True) for n in tree.css('[rel="author"], [itemprop="author"], .byline, .author')[:3]]
    out.authors = clean_authors([a for a in authors if not a.startswith("http")])
    sites = [s for s in meta.get("site", []) + meta.get("ld_site", []) if not s.startswith("@")]
    canonical = tree.css_first('link[rel="canonical"]')
    href = canonical.attributes.get("href") if canonical is not None else None
    out.url = href if href and href.startswith("http") else url
    out.site = sites[0] if sites else _host(out.url)
    html = tree.css_first("html")
    lang = html.attributes.get("lang") if html is not None else None
    out.lang = lang.split("-")[0].lower() if lang else None
    desc = meta.get("description")
    out.description = desc[0] if desc else None
    return out


def _host(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname or ""
    return host.removeprefix("www.") or None
