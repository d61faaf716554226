"""A folder of hostile inputs: every document gets a stored record, the batch completes, and the
exit code says how many failed."""
from __future__ import annotations

import sqlite3

import pytest
from typer.testing import CliRunner

from newsprism.cli import EXIT_WITH_ERRORS, app

from hostile_inputs import MUST_FAIL, write_hostile


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return write_hostile(tmp_path_factory.mktemp("hostile"))


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
