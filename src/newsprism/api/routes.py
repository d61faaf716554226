"""JSON endpoints under /api. Reads are open; writes (ingest, fetch) pass the token check and the
per-client rate limit. Every list is paginated with limit/offset and returns its total."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from . import data
from .guard import BodyTooLarge
from .jobs import QueueFull

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
Limit = Annotated[int, Query(ge=1, le=500, description="page size")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="items to skip")]
JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/x-jsonlines", "application/json-lines")


class Page(BaseModel):
    total: int
    limit: int
    offset: int
    items: list[dict[str, Any]]


class Job(BaseModel):
    id: str
    kind: str
    status: str = Field(description="queued | running | done | failed")
    stage: str | None
    documents_expected: int
    documents_done: int
    created_at: str
    started_at: str | None
    finished_at: str | None
    error: str | None
    result: dict[str, Any] | None


class FetchRequest(BaseModel):
    urls: list[str] = Field(min_length=1, max_length=50)


class Detail(BaseModel):
    detail: Any


def _errors(*codes: int) -> dict[int | str, dict[str, Any]]:
    return {c: {"model": Detail} for c in codes}


INGEST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/x-ndjson": {"schema": {"type": "string", "minLength": 1, "description":
                                                'one JSON object per line: {"url", "html"} or {"url", "text"}, '
                                                'optional "title", "published", "author", "outlet"'}},
            "multipart/form-data": {"schema": {"type": "object", "required": ["files"], "properties": {
                "files": {"type": "array", "minItems": 1, "items": {"type": "string", "format": "binary"}}}}},
        },
    }
}


def router(app_state) -> APIRouter:
    r = APIRouter(prefix="/api", tags=["api"])
    write = [Depends(app_state.auth), Depends(app_state.rate_limit)]

    @r.get("/events", response_model=Page, responses=_errors(422))
    def events(q: Annotated[str | None, Query(max_length=500, description="full-text search")] = None,
               date_from: Annotated[str | None, Query(pattern=DATE)] = None,
               date_to: Annotated[str | None, Query(pattern=DATE)] = None,
               language: Annotated[str | None, Query(max_length=16)] = None,
               entity: Annotated[str | None, Query(max_length=200, description="entity id")] = None,
               outlet: Annotated[str | None, Query(max_length=300)] = None,
               limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
        """Events, newest first, matching a full-text query and filters."""
        return _json(data.event_list(app_state.store(), q=q, date_from=date_from, date_to=date_to, language=language,
                                     entity=entity, outlet=outlet, limit=limit, offset=offset))

    @r.get("/events/{event_id}", response_model=dict[str, Any], responses=_errors(404))
    def event(event_id: str) -> JSONResponse:
        """One event: articles, claims with labels and evidence, entities, timeline."""
        return _json(found(data.event_detail(app_state.store(), event_id), "event"))

    @r.get("/entities/{entity_id}", response_model=dict[str, Any], responses=_errors(404, 422))
    def entity(entity_id: str, limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
        """One canonical entity: its variants, the evidence for merging them, and its events."""
        return _json(found(data.entity_detail(app_state.store(), entity_id, limit, offset), "entity"))

    @r.get("/articles/{article_id}", response_model=dict[str, Any], responses=_errors(404))
    def article(article_id: str) -> JSONResponse:
        """One article: clean text, removed lines with reasons, metadata, mentions, claims."""
        return _json(found(data.article_detail(app_state.store(), article_id), "article"))

    @r.get("/errors", response_model=Page, responses=_errors(422))
    def errors(limit: Limit = 50, offset: Offset = 0) -> JSONResponse:
        """Documents that could not be analysed, with the reason."""
        return _json(data.error_list(app_state.store(), limit, offset))

    @r.get("/filters")
    def filters() -> dict[str, Any]:
        """Languages and outlets present in the store, with counts (for filter menus)."""
        return data.filter_values(app_state.store())

    @r.post("/ingest", status_code=202, response_model=Job, dependencies=write, openapi_extra=INGEST_BODY,
            responses=_errors(400, 401, 413, 415, 422, 429))
    async def ingest(request: Request) -> dict[str, Any]:
        """Queue documents (JSONL body or multipart files) for analysis; poll the returned job."""
        ctype = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
        if ctype == "multipart/form-data":
            files = await _uploaded(request)
            return _submit(app_state, lambda folder: _write_files(folder, files), "upload")
        if ctype in JSONL_TYPES:
            body = await request.body()
            n = _count_jsonl_documents(body)
            return _submit(app_state, lambda folder: _write_jsonl(folder, body, n), "jsonl")
        raise HTTPException(415, f"send JSONL ({JSONL_TYPES[0]}) or multipart/form-data files")

    @r.post("/fetch", status_code=202, response_model=Job, dependencies=write,
            responses=_errors(400, 401, 403, 413, 422, 429))
    def fetch(body: FetchRequest) -> dict[str, Any]:
        """Fetch public web pages and analyse them (disabled unless the server enables fetching)."""
        if not app_state.allow_fetch:
            raise HTTPException(403, "URL fetching is disabled on this server")
        from .fetch import fetch_to_jsonl, refused

        bad = refused(body.urls)
        if bad:
            raise HTTPException(400, {"refused": bad})
        return _submit(app_state, lambda folder: fetch_to_jsonl(body.urls, folder, app_state.max_body), "fetch")

    @r.get("/jobs/{job_id}", response_model=Job, responses=_errors(404))
    def job(job_id: str) -> dict[str, Any]:
        """Status and progress of an ingest job."""
        return found(app_state.jobs.get(job_id), "job")

    return r


def _json(value: dict[str, Any]) -> JSONResponse:
    """Send a dict built by `data` as is: it is plain JSON already, so the per-field validation of a
    response model would only cost time (a third of an event read). The models stay in the spec."""
    return JSONResponse(value)


def found(value: dict[str, Any] | None, what: str) -> dict[str, Any]:
    if value is None:
        raise HTTPException(404, f"no such {what}")
    return value


def _submit(app_state, write, kind: str) -> dict[str, Any]:
    try:
        return app_state.jobs.submit(write, kind)
    except QueueFull:
        raise HTTPException(429, "too many ingest jobs pending, retry later", headers={"Retry-After": "30"})


def _count_jsonl_documents(body: bytes) -> int:
    """Lines that may hold a document. Broken lines are not refused here: ingest stores each as an
    error record with its reason, visible at /api/errors, like any other bad input."""
    n = sum(1 for line in body.splitlines() if line.strip())
    if not body:
        raise HTTPException(400, 'empty body: send one JSON object per line with "html" or "text"')
    return n


def _write_jsonl(folder: Path, body: bytes, n: int) -> int:
    (folder / "upload.jsonl").write_bytes(body)
    return n


async def _uploaded(request: Request) -> list[tuple[str, bytes]]:
    try:
        form = await request.form(max_files=1000, max_fields=1000)
    except BodyTooLarge:  # the size guard's own signal: it answers 413
        raise
    except Exception as exc:  # malformed multipart is the client's error, not ours
        raise HTTPException(400, f"unreadable multipart body: {exc}") from None
    files = [(f.filename or "upload", await f.read()) for f in form.getlist("files") if hasattr(f, "read")]
    if not files:
        raise HTTPException(400, 'no file in the "files" field')
    return files


_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def _write_files(folder: Path, files: list[tuple[str, bytes]]) -> int:
    """Each upload under a sanitised name (no path from the client is ever used), keeping its suffix
    because ingest reads the format from it."""
    for i, (name, content) in enumerate(files):
        base = _UNSAFE.sub("_", Path(name.replace("\\", "/")).name).lstrip(".") or "upload"
        (folder / f"{i:05d}-{base[-120:]}").write_bytes(content)
    return len(files)
