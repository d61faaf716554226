"""Ingest through the API: a background job you can poll, and its documents become searchable."""
from __future__ import annotations

import json
import time

from fastapi.testclient import TestClient

from newsprism.api import create_app

DOCS = [
    {"url": "https://harbour-post.example/reykjavik-tram", "outlet": "Harbour Post", "published": "2025-09-02",
     "title": "Reykjavik approves a tram line to the old harbour",
     "text": "The Reykjavik city council approved a tram line to the old harbour on Monday, councillor Sif "
             "Arnadottir said. The line will cost 41 million euros and open in 2029."},
    {"url": "https://fjord-weekly.example/oslo-library", "outlet": "Fjord Weekly", "published": "2025-06-11",
     "title": "Oslo's floating library opens its doors",
     "text": "Oslo opened a floating library in its harbour on Tuesday, mayor Ingrid Solvang said. The library "
             "holds nine thousand books and cost 19 million crowns."},
    "this line is not JSON",
]


def wait(client, job_id: str, timeout: float = 90.0) -> dict:
    deadline = time.monotonic() + timeout
    seen = set()
    while time.monotonic() < deadline:
        job = client.get(f"/api/jobs/{job_id}").json()
        seen.add(job["status"])
        if job["status"] in ("done", "failed"):
            job["seen"] = seen
            return job
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} still {job['status']} after {timeout}s")


def test_jsonl_ingest_runs_as_a_pollable_job(db_copy):
    body = "\n".join(d if isinstance(d, str) else json.dumps(d) for d in DOCS).encode()
    with TestClient(create_app(db_copy)) as c:
        before = {e["id"]: e["claims"] for e in c.get("/api/events").json()["items"]}
        r = c.post("/api/ingest", content=body, headers={"content-type": "application/x-ndjson"})
        assert r.status_code == 202
        job = wait(c, r.json()["id"])
        assert job["status"] == "done", job["error"]
        assert job["documents_expected"] == 3 and job["documents_done"] == 3
        assert job["result"]["ingest"]["new"] == 3 and job["result"]["ingest"]["errors"] == 1
        hits = c.get("/api/events", params={"q": "Reykjavik tram"}).json()
        assert hits["total"] == 1
        errors = c.get("/api/errors").json()
        assert errors["total"] == 2  # the empty file of the fixture and the broken JSONL line
        # the list's claim counts follow the new analysis (a third Oslo source changed that event)
        after = c.get("/api/events").json()["items"]
        for row in after:
            ev = c.get(f"/api/events/{row['id']}").json()
            assert row["claims"] == {s: sum(x["status"] == s for x in ev["claims"]) for s in row["claims"]}
        assert any(row["id"] in before and row["claims"] != before[row["id"]] for row in after)


def test_multipart_upload_keeps_only_a_safe_file_name(db_copy):
    doc = json.dumps(DOCS[0]).encode()
    with TestClient(create_app(db_copy)) as c:
        r = c.post("/api/ingest", files=[("files", ("../../etc/evil name.jsonl", doc, "application/x-ndjson"))])
        assert r.status_code == 202
        assert wait(c, r.json()["id"])["status"] == "done"
        hits = c.get("/api/events", params={"q": "Reykjavik"}).json()["items"]
        article = c.get(f"/api/events/{hits[0]['id']}").json()["articles"][0]
        # the JSONL line's url names the document; the stored file name stays inside the job folder
        assert article["source"] == DOCS[0]["url"]
        errors = c.get("/api/errors").json()["items"]
        assert not any("/etc/" in e["source"] for e in errors)


def test_uploaded_file_names_cannot_leave_the_job_folder(tmp_path):
    from newsprism.api.routes import _write_files

    _write_files(tmp_path, [("../../etc/evil name.txt", b"a"), ("..\\..\\win.html", b"b"), (".hidden", b"c")])
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["00000-evil_name.txt", "00001-win.html", "00002-hidden"]
    assert not (tmp_path.parent / "etc").exists()


def test_ingest_refuses_what_it_cannot_read(client):
    assert client.post("/api/ingest", content=b"", headers={"content-type": "application/x-ndjson"}).status_code == 400
    assert client.post("/api/ingest", content=b"{}", headers={"content-type": "text/html"}).status_code == 415
    assert client.post("/api/ingest", files={"other": ("a.txt", b"x")}).status_code == 400
