"""Hardening: body size, rate limits, token auth, SSRF guard, headers, and escaped scraped text."""
from __future__ import annotations

from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from newsprism.api import create_app, serve
from newsprism.api.guard import CSP, check_fetch_url, is_loopback

JSONL = {"content-type": "application/x-ndjson"}
DOC = b'{"url": "https://example.org/x", "text": "A short note."}\n'


def test_oversized_body_is_413_declared_or_streamed(small_db):
    with TestClient(create_app(small_db, max_body=1000)) as c:
        assert c.post("/api/ingest", content=b"x" * 5000, headers=JSONL).status_code == 413

        def chunks():  # no Content-Length: the limit must hold on the streamed bytes too
            for _ in range(10):
                yield b"y" * 500
        r = c.post("/api/ingest", content=chunks(), headers=JSONL)
        assert r.status_code == 413 and "too large" in r.json()["detail"]

        def multipart():
            yield b'--b\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\n'
            for _ in range(10):
                yield b"z" * 500
        r = c.post("/api/ingest", content=multipart(), headers={"content-type": "multipart/form-data; boundary=b"})
        assert r.status_code == 413


def test_write_rate_limit_is_429_with_retry_after(small_db):
    with TestClient(create_app(small_db, writes_per_minute=2)) as c:
        codes = [c.post("/api/ingest", content=b"", headers=JSONL).status_code for _ in range(4)]
        assert codes[:2] == [400, 400] and codes[2:] == [429, 429]
        r = c.post("/api/ingest", content=b"", headers=JSONL)
        assert int(r.headers["retry-after"]) >= 1
        assert c.get("/api/events").status_code == 200  # reads are not limited


def test_token_guards_writes_but_not_reads(small_db):
    with TestClient(create_app(small_db, token="s3cret")) as c:
        assert c.post("/api/ingest", content=b"", headers=JSONL).status_code == 401
        wrong = c.post("/api/ingest", content=b"", headers={**JSONL, "authorization": "Bearer nope"})
        assert wrong.status_code == 401 and wrong.headers["www-authenticate"] == "Bearer"
        right = c.post("/api/ingest", content=b"", headers={**JSONL, "authorization": "Bearer s3cret"})
        assert right.status_code == 400  # past the guard: the empty body itself is refused
        assert c.get("/api/events").status_code == 200
        spec = c.get("/openapi.json").json()
        assert spec["paths"]["/api/ingest"]["post"]["security"]


def test_serve_refuses_a_public_bind_without_token(small_db):
    assert is_loopback("127.0.0.1") and is_loopback("::1") and is_loopback("localhost")
    assert not is_loopback("0.0.0.0") and not is_loopback("192.168.1.10")
    with pytest.raises(SystemExit, match="token"):
        serve(small_db, host="0.0.0.0", port=8999, token=None)


def test_url_fetching_is_off_by_default(client):
    r = client.post("/api/fetch", json={"urls": ["https://example.org/"]})
    assert r.status_code == 403


@pytest.mark.parametrize("url", ["http://127.0.0.1:8000/api/events", "http://localhost/", "http://10.1.2.3/",
                                 "http://169.254.169.254/latest/meta-data/", "http://[::1]/", "http://0.0.0.0/",
                                 "http://192.168.0.1/", "file:///etc/passwd", "gopher://example.org/",
                                 "http://user:pw@example.org/", "http://2130706433/"])
def test_fetch_refuses_private_and_odd_targets(url):
    assert check_fetch_url(url), url


def test_enabled_fetch_still_refuses_loopback(small_db):
    with TestClient(create_app(small_db, allow_fetch=True)) as c:
        r = c.post("/api/fetch", json={"urls": ["http://127.0.0.1:9/", "http://169.254.169.254/"]})
        assert r.status_code == 400 and len(r.json()["detail"]["refused"]) == 2


def test_security_headers_on_every_kind_of_response(client):
    for path in ("/", "/api/events", "/static/web.css", "/static/report.css", "/api/events/nope", "/nope", "/docs"):
        r = client.get(path)
        assert r.headers["content-security-policy"] == CSP, path
        assert r.headers["x-content-type-options"] == "nosniff", path
        assert r.headers["x-frame-options"] == "DENY", path


def test_pages_have_no_inline_script_or_style(client):
    html = client.get("/").text + client.get("/docs").text
    assert "<script" not in html and "<style" not in html and " style=" not in html


class Elements(HTMLParser):
    """Every element the browser would build from a page, with its attributes."""

    def __init__(self, html: str):
        super().__init__()
        self.found: list[tuple[str, dict[str, str]]] = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, {k: v or "" for k, v in attrs}))


def attacks(html: str) -> list[str]:
    """Elements or attributes that could run code (our pages use none of them)."""
    bad = []
    for tag, attrs in Elements(html).found:
        if tag in ("script", "iframe", "style", "img", "object", "embed", "base"):
            bad.append(f"<{tag}>")
        bad += [f"<{tag} {k}>" for k in attrs if k.startswith("on") or k in ("srcdoc", "style")]
        bad += [f"<{tag} {k}={v}>" for k, v in attrs.items() if v.strip().lower().startswith(("javascript:", "data:"))]
    return bad


def test_xss_corpus_is_escaped_on_every_page(xss_store):
    db, ids = xss_store
    with TestClient(create_app(db)) as c:
        pages = ["/", f"/events/{ids['event']}", f"/articles/{ids['article']}", f"/articles/{ids['other']}",
                 f"/entities/{ids['entity']}", "/errors", f"/articles/{ids['error']}", "/?q=harbour"]
        for page in pages:
            r = c.get(page)
            assert r.status_code == 200, page
            assert attacks(r.text) == [], page
            assert [t for t, _ in Elements(r.text).found].count("svg") <= 1, page  # only our timeline chart
        event = c.get(f"/events/{ids['event']}").text
        assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in event  # shown as text, not dropped
        assert "{{ 7*7 }}" in event and "49" not in event  # scraped text is never a template
        assert 'href="javascript:' not in c.get(f"/articles/{ids['article']}").text
