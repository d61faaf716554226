"""Ingest finds every document in each container format and reports broken containers."""
from __future__ import annotations

import gzip
import json

from newsprism.config import Options
from newsprism.ingest import iter_documents

PAGE = b"<html><head><title>Dock strike ends</title></head><body><p>Workers returned on Monday.</p></body></html>"


def _warc_record(url: str, body: bytes) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + body
    head = (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{abs(hash(url))}>\r\n"
            f"WARC-Target-URI: {url}\r\nWARC-Date: 2026-02-01T10:00:00Z\r\n"
            f"Content-Type: application/http; msgtype=response\r\nContent-Length: {len(http)}\r\n\r\n").encode()
    return head + http + b"\r\n\r\n"


def test_folder_recurses_and_skips_gold_files(tmp_path):
    (tmp_path / "a.html").write_bytes(PAGE)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("A text dump.\nSecond line.")
    (tmp_path / "gold.json").write_text("{}")
    docs = list(iter_documents([tmp_path]))
    assert [d.source.rsplit("/", 1)[-1] for d in docs] == ["a.html", "b.txt"]
    assert [d.kind for d in docs] == ["html", "text"]


def test_gzip_and_jsonl_with_broken_line(tmp_path):
    lines = [json.dumps({"url": "http://x.test/1", "html": PAGE.decode()}), "{broken",
             json.dumps({"url": "http://x.test/2", "text": "Plain text body."})]
    (tmp_path / "docs.jsonl.gz").write_bytes(gzip.compress("\n".join(lines).encode()))
    docs = list(iter_documents([tmp_path / "docs.jsonl.gz"]))
    assert [d.url for d in docs if not d.error] == ["http://x.test/1", "http://x.test/2"]
    assert [d.kind for d in docs if not d.error] == ["html", "text"]
    broken = [d for d in docs if d.error]
    assert len(broken) == 1 and "broken JSONL line" in broken[0].error and broken[0].source.endswith("#2")


def test_gzip_bomb_is_refused(tmp_path):
    (tmp_path / "bomb.html.gz").write_bytes(gzip.compress(b"\0" * 5_000_000))
    [doc] = list(iter_documents([tmp_path / "bomb.html.gz"], Options(max_decompressed=1_000_000)))
    assert doc.error and "gzip bomb" in doc.error


def test_warc_records_streamed(tmp_path):
    data = _warc_record("http://x.test/a", PAGE) + _warc_record("http://x.test/b", PAGE.replace(b"Monday", b"Friday"))
    (tmp_path / "crawl.warc.gz").write_bytes(gzip.compress(data))
    docs = list(iter_documents([tmp_path / "crawl.warc.gz"]))
    assert [d.url for d in docs] == ["http://x.test/a", "http://x.test/b"]
    assert b"Friday" in docs[1].content and docs[0].kind == "html"


def test_feed_items_become_documents(tmp_path):
    feed = """<?xml version="1.0"?><rss version="2.0"><channel><title>Harbor Daily</title>
    <item><title>Ferry line reopens</title><link>http://x.test/ferry</link>
    <pubDate>Tue, 03 Mar 2026 09:00:00 GMT</pubDate><description>&lt;p&gt;The ferry line reopened.&lt;/p&gt;</description></item>
    </channel></rss>"""
    (tmp_path / "news.rss").write_text(feed)
    [doc] = list(iter_documents([tmp_path / "news.rss"]))
    assert doc.url == "http://x.test/ferry" and doc.meta["outlet"] == "Harbor Daily"
    assert "The ferry line reopened." in doc.content


def test_missing_and_oversize_files_are_error_records(tmp_path):
    big = tmp_path / "big.html"
    big.write_bytes(b"<p>" + b"x" * 2000 + b"</p>")
    docs = list(iter_documents([tmp_path / "nope.html", big], Options(max_bytes=1000)))
    assert "no such file" in docs[0].error
    assert "too large" in docs[1].error
