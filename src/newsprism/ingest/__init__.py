"""Ingest: find documents in files, folders, stdin and containers, and yield `RawDocument`s.

Containers are opened by content, not only by name, because scraped collections are often
misnamed: gzip (any inner format), WARC (fastwarc, streamed record by record so a multi-GB
archive keeps memory flat), RSS/Atom feeds (feedparser; each item is a document), JSONL
(`{"url", "html"}` or `{"url", "text"}` per line). Everything else is one document, decoded later
by `clean`. A container that cannot be read yields one `RawDocument` with `error` set, so the
batch goes on and the failure is stored and reported. Nothing is fetched from the network.
"""
from __future__ import annotations

import io
import json
import logging
import sys
import zlib
from collections.abc import Iterable, Iterator
from datetime import datetime, timezone
from pathlib import Path

from ..config import Options
from ..records import RawDocument

log = logging.getLogger(__name__)

HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
TEXT_SUFFIXES = {".txt", ".text", ".md"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
WARC_SUFFIXES = {".warc", ".arc"}
# Files that sit beside a corpus but are not news pages (gold files, manifests).
SKIP_SUFFIXES = {".json", ".py", ".csv", ".tsv", ".yaml", ".yml", ".toml"}


def iter_documents(paths: Iterable[str | Path], opts: Options | None = None) -> Iterator[RawDocument]:
    """Every document under `paths` ("-" is stdin), in a stable order."""
    opts = opts or Options()
    for path in paths:
        if str(path) == "-":
            yield from _from_bytes("-", sys.stdin.buffer.read(opts.max_bytes + 1), "", opts)
            continue
        p = Path(path)
        if p.is_dir():
            for f in sorted(x for x in p.rglob("*") if x.is_file() and not _hidden(x, p)):
                if f.suffix.lower() in SKIP_SUFFIXES:
                    log.info("skipped %s: not a document format", f)
                    continue
                yield from _from_file(f, opts)
        elif p.is_file():
            yield from _from_file(p, opts)
        else:
            yield RawDocument(source=str(p), content=b"", error=f"no such file or folder: {p}")


def _hidden(f: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in f.relative_to(root).parts)


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _from_file(path: Path, opts: Options) -> Iterator[RawDocument]:
    name = path.name.lower()
    try:
        with path.open("rb") as fh:
            head = fh.read(8)
            if head.startswith(b"WARC/") or (head.startswith(b"\x1f\x8b") and _stem_suffix(name) in WARC_SUFFIXES):
                yield from _from_warc(path, opts)
                return
            size = path.stat().st_size
            if size > opts.max_bytes and not head.startswith(b"\x1f\x8b"):
                yield RawDocument(source=str(path), content=b"", fetched_at=_now(),
                                  error=f"too large: {size} bytes (limit {opts.max_bytes})")
                return
            data = head + fh.read()
    except OSError as exc:
        yield RawDocument(source=str(path), content=b"", error=f"unreadable: {exc}")
        return
    yield from _from_bytes(str(path), data, name, opts)


def _stem_suffix(name: str) -> str:
    """Suffix under a compression suffix: page.warc.gz -> .warc."""
    return Path(name[:-3] if name.endswith(".gz") else name).suffix


def _from_bytes(source: str, data: bytes, name: str, opts: Options) -> Iterator[RawDocument]:
    if data.startswith(b"\x1f\x8b"):
        try:
            data = _gunzip(data, opts.max_decompressed)
        except ValueError as exc:
            yield RawDocument(source=source, content=b"", fetched_at=_now(), error=str(exc))
            return
        name = name[:-3] if name.endswith(".gz") else name
        if data.startswith(b"WARC/"):
            yield from _from_warc(io.BytesIO(data), opts, source)
            return
    if len(data) > opts.max_bytes:
        yield RawDocument(source=source, content=b"", fetched_at=_now(),
                          error=f"too large: {len(data)} bytes (limit {opts.max_bytes})")
        return
    suffix = Path(name).suffix
    if suffix in JSONL_SUFFIXES:
        yield from _from_jsonl(source, data)
    elif suffix in FEED_SUFFIXES or _looks_like_feed(data):
        yield from _from_feed(source, data)
    else:
        kind = "html" if suffix in HTML_SUFFIXES else "text" if suffix in TEXT_SUFFIXES else ""
        yield RawDocument(source=source, content=data, kind=kind, fetched_at=_now())


def _gunzip(data: bytes, limit: int) -> bytes:
    """Decompress in bounded steps so a gzip bomb is refused, not expanded."""
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out = bytearray()
    buf = data
    try:
        while buf:
            out += d.decompress(buf, 1 << 20)
            if len(out) > limit:
                raise ValueError(f"gzip expands past {limit} bytes (possible gzip bomb)")
            buf = d.unconsumed_tail
            if d.eof and d.unused_data:  # concatenated gzip members
                rest = d.unused_data
                d = zlib.decompressobj(16 + zlib.MAX_WBITS)
                buf = rest
    except zlib.error as exc:
        raise ValueError(f"broken gzip: {exc}") from exc
    return bytes(out)


def _looks_like_feed(data: bytes) -> bool:
    head = data[:512].lstrip().lower()
    return head.startswith(b"<?xml") and (b"<rss" in data[:2048].lower() or b"<feed" in data[:2048].lower())


def _from_jsonl(source: str, data: bytes) -> Iterator[RawDocument]:
    for n, line in enumerate(data.decode("utf-8", "replace").splitlines(), 1):
        if not line.strip():
            continue
        where = f"{source}#{n}"
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise ValueError("not a JSON object")
        except ValueError as exc:
            yield RawDocument(source=where, content=b"", error=f"broken JSONL line: {exc}")
            continue
        html, text = obj.get("html"), obj.get("text")
        if not isinstance(html or text, str):
            yield RawDocument(source=where, content=b"", error='JSONL line has no "html" or "text" string')
            continue
        meta = {k: obj[k] for k in ("title", "date", "published", "author", "outlet") if k in obj}
        yield RawDocument(source=obj.get("url") or where, url=obj.get("url"), content=html or text,
                          kind="html" if html else "text", fetched_at=_now(), meta=meta)


def _from_feed(source: str, data: bytes) -> Iterator[RawDocument]:
    import feedparser

    feed = feedparser.parse(data)
    if feed.bozo and not feed.entries:
        yield RawDocument(source=source, content=b"", error=f"unreadable feed: {feed.bozo_exception}")
        return
    site = feed.feed.get("title")
    for n, item in enumerate(feed.entries, 1):
        body = item.get("content", [{}])[0].get("value") if item.get("content") else item.get("summary", "")
        link = item.get("link")
        meta = {"title": item.get("title"), "published": item.get("published") or item.get("updated"),
                "author": item.get("author"), "outlet": site}
        html = f"<html><head><title>{_escape(item.get('title', ''))}</title></head><body><article>{body}</article></body></html>"
        yield RawDocument(source=link or f"{source}#{n}", url=link, content=html, kind="html",
                          fetched_at=_now(), meta={k: v for k, v in meta.items() if v})


def _escape(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _from_warc(stream, opts: Options, source: str | None = None) -> Iterator[RawDocument]:
    """Response and resource records, HTML or text only. HTTP headers are split here rather than
    by fastwarc so a record cut short (a truncated download) is detected by its length."""
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    name = source or str(stream)
    try:
        for rec in ArchiveIterator(str(stream) if isinstance(stream, Path) else stream, parse_http=False,
                                   record_types=WarcRecordType.response | WarcRecordType.resource):
            url = rec.headers.get("WARC-Target-URI")
            where = url or f"{name}#{rec.record_id}"
            if rec.content_length > opts.max_bytes:
                yield RawDocument(source=where, url=url, content=b"",
                                  error=f"too large: {rec.content_length} bytes (limit {opts.max_bytes})")
                continue
            block = rec.reader.read()
            if len(block) < rec.content_length:
                yield RawDocument(source=where, url=url, content=b"",
                                  error=f"truncated WARC record: {len(block)} of {rec.content_length} bytes")
                continue
            ctype, body = rec.headers.get("Content-Type", ""), block
            if rec.record_type == WarcRecordType.response and block.startswith(b"HTTP/"):
                head, _, body = block.partition(b"\r\n\r\n")
                ctype = next((ln.split(b":", 1)[1].decode("latin-1").strip() for ln in head.split(b"\r\n")
                              if ln.lower().startswith(b"content-type:")), "")
            if ctype and not any(t in ctype for t in ("html", "text", "xml")):
                continue
            yield RawDocument(source=where, url=url, content=body, kind="html" if "html" in ctype else "",
                              fetched_at=rec.headers.get("WARC-Date"))
    except (OSError, ValueError) as exc:
        yield RawDocument(source=f"{name}#broken", content=b"", error=f"broken WARC: {exc}")
