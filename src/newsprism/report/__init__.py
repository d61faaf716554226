"""Report: one cross-source account per event, as JSON, Markdown or a self-contained HTML page.

The JSON shape is the stable interface (`analyze --format json`); Markdown and HTML are rendered
from that same dict, so the three can never disagree. Per event: consensus first, then
contradictions with both sentences and the differing words marked, then statements only some
sources carry, grouped by source with the silent ones named; every line cites its sentence.
"""
from __future__ import annotations

import difflib
import functools
import re
from typing import Any
from urllib.parse import urlsplit

from ..records import Article, Report, to_dict

STATUS_ORDER = {"agreed": 0, "contradicted": 1, "likely_translation_error": 2, "partial": 3}


def article_summary(a: Article) -> dict[str, Any]:
    return {"id": a.id, "source": a.source, "outlet": a.outlet, "title": a.title, "url": a.url,
            "language": a.language, "published": a.published, "published_confidence": a.published_confidence,
            "page_date": a.page_date, "page_date_flag": a.page_date_flag,
            "mt_likelihood": round(a.mt_likelihood, 3), "anchor": a.extra.get("anchor"),
            "lead": lead(a.text, a.title)}


def lead(text: str, title: str | None = None, limit: int = 400) -> str:
    """The first real paragraph: extracted text often starts with the headline again or a
    section kicker ("Americas"), which say nothing a reader of the title does not know."""
    paras = [p.strip() for p in text.split("\n\n") if p.strip()]
    para = next((p for p in paras if len(p) >= 60 and p != (title or "").strip()), paras[0] if paras else "")
    return para if len(para) <= limit else para[:limit].rsplit(" ", 1)[0] + " …"


def to_json(report: Report) -> dict[str, Any]:
    """The documented JSON shape of `analyze --format json`."""
    arts, ents = report.articles, report.entities
    events = []
    for ev in report.events:
        label = {i: arts[i].source for i in ev.articles if i in arts}
        claims = []
        for g in sorted(ev.claims, key=lambda g: STATUS_ORDER.get(g.status, 9)):
            claims.append({
                "text": g.text, "status": g.status, "date": g.date, "confidence": g.confidence,
                "sources": [label.get(s, s) for s in g.sources],
                "silent": [label.get(s, s) for s in g.silent],
                "evidence": [{"source": label.get(e.source, e.source), "outlet": e.outlet,
                              "sentence": e.sentence, "start": e.start, "end": e.end} for e in g.evidence],
                "conflict": to_dict(g.conflict) if g.conflict else None,
            })
        events.append({
            "id": ev.id, "title": ev.title, "date": ev.date, "confidence": ev.confidence,
            "articles": [article_summary(arts[i]) for i in ev.articles if i in arts],
            "entities": [_entity(ents[i]) for i in ev.entities if i in ents],
            "places": ev.places,
            "timeline": [{**to_dict(t), "source": label.get(t.article_id, t.article_id)} for t in ev.timeline],
            "claims": claims,
            "related": ev.related,
        })
    return {"events": events,
            "errors": [{"source": a.source, "error": a.error} for a in report.errors],
            "stats": report.stats}


def _entity(e) -> dict[str, Any]:
    return {"id": e.id, "name": e.name, "type": e.type, "confidence": e.confidence,
            "variants": [to_dict(v) for v in e.variants]}


def render(report: Report, fmt: str = "html") -> str:
    import json

    data = to_json(report)
    if fmt == "json":
        return json.dumps(data, ensure_ascii=False, indent=2)
    if fmt == "md":
        return render_markdown(data)
    if fmt == "html":
        return _env().get_template("report.html").render(data=data, diff=mark_difference, conflict_values=conflict_values)
    raise ValueError(f"unknown report format {fmt!r}: use html, md or json")


@functools.cache
def _env():
    import jinja2

    env = jinja2.Environment(loader=jinja2.PackageLoader("newsprism", "report/templates"),
                             autoescape=True, trim_blocks=True, lstrip_blocks=True)
    env.filters["safe_url"] = safe_url
    return env


def safe_url(url: str | None) -> str | None:
    """The URL if it is plain http(s), else None: autoescaping does not stop a scraped
    `javascript:` link, so anything else is shown as text, never linked."""
    try:
        return url if url and urlsplit(url.strip()).scheme.lower() in ("http", "https") else None
    except ValueError:
        return None


_WORD = re.compile(r"\d+(?:[.,' ]\d{3})+|\w+|\S", re.UNICODE)


def mark_difference(a: str, b: str, values: list[str] | None = None) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """Both sentences cut into (text, differs) runs, whitespace kept, for highlighting.

    Same-language sentences: the words of `a` that `b` lacks. Sentences sharing almost no words
    (different languages) would light up entirely, so there only the conflicting values are marked.
    """
    return _marked(a, b, values), _marked(b, a, values)


def _marked(a: str, b: str, values: list[str] | None) -> list[tuple[str, bool]]:
    spans = [(m.start(), m.end()) for m in _WORD.finditer(a)]
    ta = [a[i:j].lower() for i, j in spans]
    tb = [t.lower() for t in _WORD.findall(b)]
    sm = difflib.SequenceMatcher(a=ta, b=tb, autojunk=False)
    same = {i for blk in sm.get_matching_blocks() for i in range(blk.a, blk.a + blk.size)}
    words = [i for i, t in enumerate(ta) if t[:1].isalnum()]
    if words and sum(i in same for i in words) / len(words) < 0.3:
        keys = {_digits(v) or v.lower() for v in values or [] if v}
        differs = {i for i, t in enumerate(ta) if (_digits(t) or t) in keys}
    else:
        differs = {i for i in words if i not in same}
    out, pos = [], 0
    for k, (i, j) in enumerate(spans):
        if i > pos:
            out.append((a[pos:i], False))
        out.append((a[i:j], k in differs))
        pos = j
    if pos < len(a):
        out.append((a[pos:], False))
    return out


def _digits(s: str) -> str:
    """Number tokens compared by their digits: "1,860", "1.860" and "1 860" are one value."""
    d = re.sub(r"\D", "", s)
    return d if d and len(d) * 2 >= len(s.replace(" ", "")) else ""


def conflict_values(conflict: dict[str, Any] | None) -> list[str]:
    """The differing values a conflict names, flattened to strings for highlighting."""
    out: list[str] = []
    for v in ((conflict or {}).get("values") or {}).values():
        out += [str(x) for x in v] if isinstance(v, (list, tuple)) else [str(v)]
    return out


def render_markdown(data: dict[str, Any]) -> str:
    out = ["# newsprism report", ""]
    for ev in data["events"]:
        out += [f"## {ev['title']}", "", f"*Event date:* {ev['date'] or 'unknown'} · "
                f"*{len(ev['articles'])} sources* · id `{ev['id']}`", "", "| outlet | language | published | title |",
                "|---|---|---|---|"]
        for a in ev["articles"]:
            pub = a["published"] or (f"~{a['anchor']['date']} (inferred)" if a.get("anchor") else "unknown")
            out.append(f"| {_md(a['outlet'] or a['source'])} | {a['language']} | {pub} | {_md(a['title'] or '')} |")
        out.append("")
        for title, statuses in (("Agreed", ("agreed",)), ("Contradictions", ("contradicted", "likely_translation_error")),
                                ("Reported by some", ("partial",))):
            rows = [c for c in ev["claims"] if c["status"] in statuses]
            if not rows:
                continue
            out += [f"### {title}", ""]
            for c in rows:
                tag = ""
                if c["conflict"]:
                    tag = f" **[{c['status']}: {c['conflict']['type']}]** {c['conflict']['explanation']}"
                out.append(f"- {_md(c['text'])}{tag}")
                for e in c["evidence"]:
                    out.append(f"  - {_md(e['outlet'] or e['source'])}: “{_md(e['sentence'])}”")
                if c["silent"]:
                    out.append(f"  - silent: {', '.join(_md(s) for s in c['silent'])}")
            out.append("")
        if ev["entities"]:
            out += ["### Entities", ""]
            for e in ev["entities"]:
                variants = ", ".join(f"{v['text']} ×{v['count']}" for v in e["variants"])
                out.append(f"- **{_md(e['name'])}** ({e['type']}): {_md(variants)}")
            out.append("")
        if ev["timeline"]:
            out += ["### Timeline", ""]
            for t in ev["timeline"]:
                out.append(f"- {t['date']}: {_md(t['text'])} ({_md(t['source'])})")
            out.append("")
    if data["errors"]:
        out += ["## Skipped documents", ""] + [f"- {_md(e['source'])}: {_md(e['error'] or '')}" for e in data["errors"]]
    return "\n".join(out) + "\n"


def _md(s: str) -> str:
    return s.replace("|", "\\|").replace("\n", " ")
