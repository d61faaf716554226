"""The hostile-input corpus: one file per kind of bad input newsprism must survive. Shared by
tests/reliability/test_bad_inputs.py and bench/reliability.py, so the benchmark reports exactly
what the tests check."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

GOOD = ("<html><head><title>Ferry service resumes on the northern route</title>"
        "<meta property='article:published_time' content='2026-03-04'></head><body><article>"
        + "".join(f"<p>The ferry operator Nordlys Lines said on Tuesday that service on the northern route "
                  f"resumed after a two-week suspension, paragraph {i}.</p>" for i in range(6))
        + "</article></body></html>")

MUST_FAIL = {"empty.html", "blank.txt", "binary.bin", "doc.pdf", "image.png", "huge.html", "bomb.html.gz"}


def _warc(url: str, body: bytes) -> bytes:
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + body
    return (f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:{url}>\r\nWARC-Target-URI: {url}\r\n"
            f"Content-Length: {len(http)}\r\n\r\n").encode() + http + b"\r\n\r\n"


def write_hostile(d: Path) -> Path:
    """Write every hostile input (and one good page) into the folder `d`."""
    d.mkdir(parents=True, exist_ok=True)
    (d / "good.html").write_text(GOOD)
    (d / "empty.html").write_bytes(b"")
    (d / "blank.txt").write_text("   \n\t\n  ")
    (d / "binary.bin").write_bytes(bytes(range(256)) * 64)
    (d / "doc.pdf").write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n" + b"\x00\x01" * 500)
    (d / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00IHDR" + bytes(300))
    (d / "huge.html").write_bytes(b"<html><body>" + b"<p>filler text</p>" * (50_000_000 // 18) + b"</body></html>")
    (d / "deep.html").write_text("<html><body>" + "<div>" * 10_000 + "deep" + "</div>" * 10_000 + "</body></html>")
    (d / "invalid-utf8.html").write_bytes(GOOD.replace("two-week", "two\xffweek").encode("latin-1", "replace")
                                          .replace(b"resumed", b"resum\xc3\x28ed"))
    (d / "wrong-charset.html").write_bytes(
        ("<html><head><meta charset='utf-8'><title>Паромная линия</title></head><body>"
         + "<p>Паромное сообщение на северном маршруте возобновлено после двухнедельного перерыва.</p>" * 5
         + "</body></html>").encode("cp1251"))
    (d / "bomb.html.gz").write_bytes(gzip.compress(b"<p>" + b"a" * 250_000_000))
    (d / "cut.warc").write_bytes(_warc("http://x.test/ok", GOOD.replace("Tuesday", "Wednesday").encode()) + _warc("http://x.test/cut", GOOD.encode())[:300])
    (d / "lines.jsonl").write_text(json.dumps({"url": "http://x.test/j", "html": GOOD.replace("Tuesday", "Monday")})
                                   + "\n{not json\n")
    (d / "emoji.txt").write_text("🙂🙃🎉🔥💯 " * 40)
    (d / "unknown-language.txt").write_text("Toki pona li pona mute. Jan li moku e kili lon tomo. " * 12)
    return d
