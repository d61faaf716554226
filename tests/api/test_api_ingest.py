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
        r = c.post("/api/ingest", content=body, headers={"content-type": "application/x-ndjson"})
        assert r.status_code == 202
        job = wait(c, r.json()["id"])
        assert job["status"] == "done", job["error"]
        assert job["documents_expected"] == 2 and job["documents_done"] == 2
        assert job["result"]["ingest"]["new"] == 2 and job["result"]["ingest"]["errors"] == 1
        hits = c.get("/api/events", params={"q": "Reykjavik tram"}).json()
        assert hits["total"] == 1
        errors = c.get("/api/errors").json()
        assert errors["total"] == 2  # the empty file of the fixture and the broken JSONL line


def test_multipart_upload_keeps_only_a_safe_file_name(db_copy):
    text = "Reykjavik approves a tram line to the old harbour.\n\nThe council voted on Monday."
    with TestClient(create_app(db_copy)) as c:
        files = [("files", ("../../etc/evil name.txt", text.encode(), "text/plain"))]
        r = c.post("/api/ingest", files=files)
        assert r.status_code == 202
        assert wait(c, r.json()["id"])["status"] == "done"
        hits = c.get("/api/events", params={"q": "Reykjavik"}).json()["items"]
        article = c.get(f"/api/events/{hits[0]['id']}").json()["articles"][0]
        assert "/etc/" not in article["source"] and article["source"].endswith("-evil_name.txt")
        assert f"newsprism-job-{r.json()['id']}" in article["source"]  # provenance: which job


def test_ingest_refuses_what_it_cannot_read(client):
    assert client.post("/api/ingest", content=b"", headers={"content-type": "application/x-ndjson"}).status_code == 400
    assert client.post("/api/ingest", content=b"{}", headers={"content-type": "text/html"}).status_code == 415
    assert client.post("/api/ingest", files={"other": ("a.txt", b"x")}).status_code == 400
