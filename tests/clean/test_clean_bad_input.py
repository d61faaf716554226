"""Hostile input gives an error record with a reason, quickly, and never an exception."""
from __future__ import annotations

import time

import pytest

from newsprism.clean import extract
from newsprism.config import Options
from newsprism.records import RawDocument, content_id


def _run(content, kind="", opts=None):
    return extract(RawDocument(source="bad", content=content, kind=kind), opts)


@pytest.mark.parametrize(
    "content, reason",
    [
        (b"", "empty"),
        ("", "empty"),
        (b"   \n\t  \r\n", "whitespace"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >>", "PDF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (bytes(range(256)) * 20, "NUL"),
    ],
    ids=["empty-bytes", "empty-str", "whitespace", "pdf", "png", "binary"],
)
def test_unreadable_input_is_an_error_with_reason(content, reason):
    art = _run(content)
    assert art.status == "error"
    assert reason.lower() in art.error.lower()
    assert art.id == content_id(content)


def test_oversize_html_is_refused_fast():
    big = b"<html><body>" + b"<p>Filler paragraph of an oversized page.</p>" * 1_200_000 + b"</body></html>"
    assert len(big) > 50_000_000
    start = time.monotonic()
    art = _run(big, "html")
    assert time.monotonic() - start < 2.0
    assert art.status == "error" and "too large" in art.error


def test_size_limit_follows_options():
    art = _run(b"<html><body><p>" + b"x" * 5000 + b"</p></body></html>", opts=Options(max_bytes=1000))
    assert art.status == "error" and "too large" in art.error


def test_ten_thousand_nested_elements_do_not_hang_or_crash():
    deep = "<html><body>" + "<div>" * 10_000 + "Lost text" + "</div>" * 10_000 + "</body></html>"
    start = time.monotonic()
    art = _run(deep.encode())
    assert time.monotonic() - start < 5.0
    assert art.status == "error" and "nested" in art.error


def test_html_without_any_text_is_an_error():
    art = _run(b"<html><head><script>var a = 1;</script></head><body><div></div></body></html>")
    assert art.status == "error"


def test_ingest_error_is_passed_through():
    art = extract(RawDocument(source="x.gz", content=b"", error="gzip bomb: over 200,000,000 bytes"))
    assert art.status == "error" and "gzip bomb" in art.error
