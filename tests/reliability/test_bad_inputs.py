"""A folder of hostile inputs: every document gets a stored record, the batch completes, and the
exit code says how many failed."""
from __future__ import annotations

import gzip
import json
import sqlite3

import pytest
from typer.testing import CliRunner

from newsprism.cli import EXIT_WITH_ERRORS, app

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


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    d = tmp_path_factory.mktemp("hostile")
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


@pytest.fixture(scope="module")
def outcome(hostile, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    db = out / "h.db"
    result = CliRunner().invoke(app, ["analyze", str(hostile), "--db", str(db), "--report",
                                      str(out / "r.html"), "--quiet"])
    rows = sqlite3.connect(db).execute("SELECT source, status, error FROM articles").fetchall()
    return result, rows, out


def test_batch_completes_with_error_count_in_exit_code(outcome):
    result, rows, out = outcome
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == EXIT_WITH_ERRORS
    n_err = sum(status != "ok" for _, status, _ in rows)
    assert f"completed with {n_err} errors" in result.output
    assert (out / "r.html").exists()


def test_every_unusable_document_has_an_error_record_with_a_reason(outcome):
    _, rows, _ = outcome
    failed = {src.rsplit("/", 1)[-1]: err for src, status, err in rows if status != "ok"}
    assert MUST_FAIL <= set(failed), MUST_FAIL - set(failed)
    assert all(failed[name] for name in MUST_FAIL)
    assert any("truncated" in (err or "") for src, status, err in rows if "cut" in src)
    assert any("JSONL" in (err or "") for src, status, err in rows if "lines.jsonl" in src)


def test_good_and_recoverable_documents_are_kept(outcome):
    _, rows, _ = outcome
    ok = {src for src, status, _ in rows if status == "ok"}
    assert {"good.html", "invalid-utf8.html", "wrong-charset.html"} <= {s.rsplit("/", 1)[-1] for s in ok}
    assert {"http://x.test/j", "http://x.test/ok"} <= ok


def test_rerun_keeps_what_was_stored(outcome, hostile):
    _, rows, out = outcome
    result = CliRunner().invoke(app, ["analyze", str(hostile), "--db", str(out / "h.db"), "--report",
                                      str(out / "r2.html"), "--quiet"])
    again = sqlite3.connect(out / "h.db").execute("SELECT source, status, error FROM articles").fetchall()
    assert sorted(again) == sorted(rows)
    assert result.exit_code == 0  # nothing new failed in this run
