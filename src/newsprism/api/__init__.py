"""HTTP API and web UI over a newsprism store, like datasette: one command serves the database
with browsable pages and a JSON API, the same dicts behind both.

`create_app(db)` builds the FastAPI app (JSON under /api, HTML pages from `newsprism.web`, the
OpenAPI spec at /openapi.json and a static docs page at /docs); `serve` runs it with uvicorn.
Reads use one read-only SQLite connection per worker thread; ingest jobs write through
`newsprism.analyze` on their own thread. Writes need the bearer token when one is set, and `serve`
refuses to listen beyond loopback without one.
"""
from __future__ import annotations

import contextlib
import os
import threading

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from .guard import BodyLimit, RateLimit, SecurityHeaders, is_loopback, require_token
from .jobs import Jobs

__all__ = ["create_app", "serve"]

MAX_BODY = 20_000_000


class AppState:
    """What the routes share: the store connections, jobs, and the write guards."""

    def __init__(self, db: str, token: str | None, allow_fetch: bool, max_body: int, writes_per_minute: float,
                 max_jobs: int):
        from ..store import Store

        Store(db).close()  # create and migrate the file once, so readers can open it read-only
        self.db, self.allow_fetch, self.max_body = db, allow_fetch, max_body
        self.auth = require_token(token)
        self.rate_limit = RateLimit(writes_per_minute)
        self.jobs = Jobs(db, max_pending=max_jobs)
        self.local = threading.local()

    def store(self):
        """This thread's read-only connection (sqlite3 connections are not shared across threads)."""
        from ..store import Store

        s = getattr(self.local, "store", None)
        if s is None:
            s = self.local.store = Store(self.db, readonly=True)
        return s


def create_app(db: str, token: str | None = None, allow_fetch: bool = False, *,
               max_body: int = MAX_BODY, writes_per_minute: float = 30, max_jobs: int = 4) -> FastAPI:
    """The app over the store at `db`. Writes need `token` when given; `allow_fetch` enables
    POST /api/fetch; bodies over `max_body` bytes get 413, a client's writes beyond
    `writes_per_minute` get 429, and so do ingests beyond `max_jobs` queued or running."""
    from .. import __version__, web
    from . import routes

    state = AppState(db, token or None, allow_fetch, max_body, writes_per_minute, max_jobs)

    @contextlib.asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        state.jobs.close()  # let a running ingest finish its batch; drop queued ones

    app = FastAPI(title="newsprism", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="What sources agree on, omit and contradict, per event, each statement "
                              "traced to its sentence.")
    app.state.newsprism = state
    app.include_router(routes.router(state))
    web.mount(app, state)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException):
        if _wants_html(request):
            return web.error_page(request, exc.status_code, str(exc.detail), exc.headers)
        return JSONResponse({"detail": exc.detail}, exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        if _wants_html(request):
            return web.error_page(request, 422, "invalid parameters: " + "; ".join(
                f"{'.'.join(map(str, e['loc'][1:]))}: {e['msg']}" for e in exc.errors()))
        return JSONResponse({"detail": _plain(exc.errors())}, 422)

    app.add_middleware(SecurityHeaders)
    app.add_middleware(BodyLimit, max_bytes=max_body)
    return app


def _wants_html(request: Request) -> bool:
    return not request.url.path.startswith(("/api/", "/openapi.json"))


def _plain(errors: list[dict]) -> list[dict]:
    """Validation errors without the echoed input (it may be binary or huge)."""
    return [{k: v for k, v in e.items() if k in ("loc", "msg", "type")} for e in errors]


def serve(db: str, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
          allow_fetch: bool | None = None) -> None:
    """Run the app with uvicorn. Off loopback a token is mandatory; fetching URLs stays off unless
    `allow_fetch` (or NEWSPRISM_ALLOW_FETCH=1) turns it on."""
    import uvicorn

    if not token and not is_loopback(host):
        raise SystemExit(f"refusing to listen on {host} without a token: pass --token or set NEWSPRISM_TOKEN")
    if allow_fetch is None:
        allow_fetch = os.environ.get("NEWSPRISM_ALLOW_FETCH", "") == "1"
    uvicorn.run(create_app(db, token=token, allow_fetch=allow_fetch), host=host, port=port,
                proxy_headers=False, server_header=False, log_level="info")
