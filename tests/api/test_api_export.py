"""Exports of events, claims, entities and articles in every format."""
from __future__ import annotations

import csv
import json

import pytest

from newsprism.export import FORMATS, WHATS, export


@pytest.mark.parametrize("what", WHATS)
def test_every_kind_exports_in_every_format(small_db, tmp_path, what):
    counts = {}
    for fmt in FORMATS:
        out = tmp_path / f"{what}.{fmt}"
        counts[fmt] = export(small_db, what, fmt, str(out))
        assert out.stat().st_size > 0, fmt
    rows = [json.loads(line) for line in (tmp_path / f"{what}.jsonl").read_text().splitlines()]
    assert len(rows) == counts["jsonl"] == counts["csv"] > 0
    with open(tmp_path / f"{what}.csv", newline="") as f:
        assert len(list(csv.DictReader(f))) == len(rows)
    import pyarrow.parquet as pq
    assert pq.read_table(tmp_path / f"{what}.parquet").num_rows == len(rows)


def test_event_jsonl_is_the_api_shape_and_claims_carry_their_event(small_db, tmp_path, client):
    export(small_db, "events", "jsonl", str(tmp_path / "e.jsonl"))
    ev = json.loads((tmp_path / "e.jsonl").read_text().splitlines()[0])
    assert ev == client.get(f"/api/events/{ev['id']}").json()
    export(small_db, "claims", "csv", str(tmp_path / "c.csv"))
    with open(tmp_path / "c.csv", newline="") as f:
        claims = list(csv.DictReader(f))
    assert any(c["status"] == "contradicted" for c in claims) and all(c["event_id"] for c in claims)


def test_markdown_and_html_event_exports_are_the_report(small_db, tmp_path):
    export(small_db, "events", "md", str(tmp_path / "r.md"))
    md = (tmp_path / "r.md").read_text()
    assert md.startswith("# newsprism report") and "### Contradictions" in md
    export(small_db, "events", "html", str(tmp_path / "r.html"))
    assert "<mark>" in (tmp_path / "r.html").read_text()


def test_text_formats_go_to_stdout_and_parquet_needs_a_file(small_db, capsys):
    export(small_db, "entities", "jsonl", None)
    assert all(json.loads(line)["id"] for line in capsys.readouterr().out.splitlines())
    with pytest.raises(SystemExit, match="--out"):
        export(small_db, "entities", "parquet", None)
    with pytest.raises(SystemExit, match="format"):
        export(small_db, "entities", "xml", "x.xml")
