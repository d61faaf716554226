"""Web UI: server-rendered pages over the same dicts as the JSON API (`newsprism.api.data`).

Server-side Jinja2 with autoescape keeps it simple and safe: no front-end build, no JavaScript at
all, no CDN, so it works offline and under a CSP that forbids inline scripts and styles. The
stylesheet is the report's own (`report/templates/style.css`, served as a file) plus a small
`static/web.css` for the navigation; contradictions are highlighted with the report's
`mark_difference`; the timeline chart is SVG drawn on the server (`timeline.py`). Scraped URLs are
only ever linked when they are http(s), since autoescape does not stop `javascript:` links.
"""
from __future__ import annotations

import functools
from importlib import resources
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles

from ..api import data
from ..api.routes import DATE, Limit, Offset, found
from ..report import conflict_values, mark_difference, safe_url
from .timeline import chart

STATIC = Path(__file__).parent / "static"


@functools.cache
def _env():
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("newsprism", "web/templates"), auto_reload=False,
                             autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["safe_url"] = safe_url
    env.filters["short"] = short_source
    env.filters["spellings"] = spellings
    env.globals["diff"] = mark_difference
    env.globals["conflict_values"] = conflict_values
    return env


def short_source(source: str | None) -> str:
    """A source path as its file name, like `Article.label` (full paths are noise on a page)."""
    return (source or "").replace("\\", "/").rsplit("/", 1)[-1]


def spellings(variants: list[dict[str, Any]]) -> list[tuple[str, int]]:
    """An entity's distinct spellings with their total count over all sources, commonest first."""
    totals: dict[str, int] = {}
    for v in variants:
        totals[v["text"]] = totals.get(v["text"], 0) + int(v.get("count") or 1)
    return sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))


def render(request: Request, template: str, code: int = 200, headers: dict | None = None, **ctx: Any) -> HTMLResponse:
    html = _env().get_template(template).render(request=request, path=request.url.path, **ctx)
    return HTMLResponse(html, code, headers=headers)


def error_page(request: Request, status: int, message: str, headers: dict | None = None) -> HTMLResponse:
    return render(request, "error.html", status, headers, status=status, message=message)


def mount(app: FastAPI, state) -> None:
    """Register the HTML pages and static files on `app`."""
    page = dict(response_class=HTMLResponse, include_in_schema=False)

    @app.get("/", **page)
    def events(request: Request, q: Annotated[str | None, Query(max_length=500)] = None,
               date_from: Annotated[str | None, Query(pattern=DATE)] = None,
               date_to: Annotated[str | None, Query(pattern=DATE)] = None,
               language: Annotated[str | None, Query(max_length=16)] = None,
               entity: Annotated[str | None, Query(max_length=200)] = None,
               outlet: Annotated[str | None, Query(max_length=300)] = None,
               limit: Limit = 50, offset: Offset = 0):
        store = state.store()
        filters = {k: v for k, v in dict(q=q, date_from=date_from, date_to=date_to, language=language,
                                         entity=entity, outlet=outlet).items() if v}
        result = data.event_list(store, limit=limit, offset=offset, **filters)
        ent = store.entity(entity) if entity else None
        return render(request, "events.html", result=result, filters=filters, entity=ent,
                      choices=data.filter_values(store), pages=_pages(result, filters),
                      twin="/api/events" + _qs(filters, limit, offset))

    @app.get("/events/{event_id}", **page)
    def event(request: Request, event_id: str):
        ev = found(data.event_detail(state.store(), event_id), "event")
        return render(request, "event.html", ev=ev, chart=chart(ev["timeline"]), twin=f"/api/events/{event_id}")

    @app.get("/entities/{entity_id}", **page)
    def entity(request: Request, entity_id: str, limit: Limit = 50, offset: Offset = 0):
        ent = found(data.entity_detail(state.store(), entity_id, limit, offset), "entity")
        return render(request, "entity.html", ent=ent, pages=_pages(ent["events"], {}),
                      twin=f"/api/entities/{entity_id}" + _qs({}, limit, offset))

    @app.get("/articles/{article_id}", **page)
    def article(request: Request, article_id: str):
        art = found(data.article_detail(state.store(), article_id), "article")
        return render(request, "article.html", a=art, twin=f"/api/articles/{article_id}")

    @app.get("/errors", **page)
    def errors(request: Request, limit: Limit = 50, offset: Offset = 0):
        result = data.error_list(state.store(), limit, offset)
        return render(request, "errors.html", result=result, pages=_pages(result, {}),
                      twin="/api/errors" + _qs({}, limit, offset))

    @app.get("/docs", **page)
    def docs(request: Request):
        return render(request, "docs.html", spec=app.openapi(), twin="/openapi.json")

    @app.get("/static/report.css", include_in_schema=False)
    def report_css():
        css = resources.files("newsprism").joinpath("report/templates/style.css").read_text("utf-8")
        return Response(css, media_type="text/css", headers={"Cache-Control": "public, max-age=3600"})

    app.mount("/static", StaticFiles(directory=STATIC), name="static")


def _qs(filters: dict[str, str], limit: int, offset: int) -> str:
    return "?" + urlencode({**filters, "limit": limit, "offset": offset})


def _pages(result: dict[str, Any], filters: dict[str, str]) -> dict[str, str | None]:
    """Links to the previous and next page, keeping the filters."""
    limit, offset, total = result["limit"], result["offset"], result["total"]
    prev = _qs(filters, limit, max(0, offset - limit)) if offset > 0 else None
    nxt = _qs(filters, limit, offset + limit) if offset + limit < total else None
    return {"prev": prev, "next": nxt}
