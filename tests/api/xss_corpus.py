"""A store whose every scraped field is an attack: the UI must show these as text, never run them.

Written straight through `Store` (no pipeline), because the cleaner would strip real tags: what
is tested here is the rendering side. Each payload sets `window.__xss` if it ever runs.
"""
from __future__ import annotations

from newsprism.records import (Article, ClaimGroup, Conflict, Entity, Event, Evidence, RemovedLine,
                               TimelineEntry, Variant)
from newsprism.store import Store

PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=2">',
    '"><svg onload="window.__xss=3">',
    "</title><script>window.__xss=4</script>",
    "<a href=\"javascript:window.__xss=5\">click me</a>",
    "<iframe srcdoc=\"<script>parent.__xss=6</script>\"></iframe>",
    "<style>body{display:none}</style>",
    "{{ 7*7 }} ${7*7}",
]
ALL = " ".join(PAYLOADS)


def build(path: str) -> dict[str, str]:
    """Write the hostile store at `path`; returns the ids of its event, articles, entity."""
    a = Article(id="x" * 64, source="<script>window.__xss=7</script>.html", outlet=PAYLOADS[1],
                title=PAYLOADS[0] + " Harbour council vote", url="javascript:window.__xss=8",
                published="2025-05-01", language="en", text=f"Harbour council vote. {ALL}\n\nSecond paragraph {PAYLOADS[2]}",
                removed=[RemovedLine(PAYLOADS[5], "ad"), RemovedLine("Share", PAYLOADS[1])],
                captions=[PAYLOADS[3]], author=[PAYLOADS[4]], page_date="2025-06-01",
                page_date_flag=PAYLOADS[1], event_id="ev-xss")
    b = Article(id="y" * 64, source="b.txt", outlet="Plain Outlet", title="Harbour council vote",
                url="https://example.org/a?x=\"><script>window.__xss=9</script>", published="2025-05-01",
                language="en", text="Harbour council vote. The council voted 7 to 2.", event_id="ev-xss")
    bad = Article(id="z" * 64, source=PAYLOADS[0], status="error", error=PAYLOADS[1])
    ent = Entity(id="ent-xss", name=PAYLOADS[2], type="ORG",
                 variants=[Variant(PAYLOADS[0], a.id, 2), Variant(PAYLOADS[4], b.id)], evidence=[{"why": PAYLOADS[1]}])
    conflict = ClaimGroup(text=PAYLOADS[0], status="contradicted", sources=[a.id, b.id],
                          evidence=[Evidence(a.id, "The council voted 7 to 2 " + PAYLOADS[1], PAYLOADS[1]),
                                    Evidence(b.id, "The council voted 5 to 4 " + PAYLOADS[0], "Plain Outlet")],
                          conflict=Conflict("number", PAYLOADS[2], {a.id: "7", b.id: "5"}))
    partial = ClaimGroup(text=PAYLOADS[3], status="partial", sources=[a.id], silent=[b.id],
                         evidence=[Evidence(a.id, PAYLOADS[4], PAYLOADS[1])])
    ev = Event(id="ev-xss", title=PAYLOADS[0] + " vote", date="2025-05-01", articles=[a.id, b.id],
               entities=[ent.id], places=[PAYLOADS[2]], claims=[conflict, partial],
               timeline=[TimelineEntry("2025-05-01", PAYLOADS[0], a.id, PAYLOADS[1]),
                         TimelineEntry("2025-05-03", PAYLOADS[5], b.id)],
               related=[{"event": PAYLOADS[2], "score": 0.5, "why": PAYLOADS[1]}])
    with Store(path) as store:
        store.put_articles([a, b, bad])
        store.replace_analysis([ev], [ent], {a.id: a, b.id: b})
    return {"event": ev.id, "article": a.id, "other": b.id, "error": bad.id, "entity": ent.id}
