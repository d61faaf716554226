"""The web UI in a real browser: search, open an event, see the contradiction highlighted, and
the XSS corpus rendered without a single script running."""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_event_list_search_and_screenshot(page, site, screenshots):
    requests = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(site + "/")
    rows = page.locator(".event-row")
    assert rows.count() >= 3
    page.screenshot(path=str(screenshots / "events.png"))
    page.fill("input[name=q]", "pipeline hydrogen")
    page.click(".search button")
    page.wait_for_url("**/?q=*")
    titles = page.locator(".event-title").all_inner_texts()
    assert any("pipeline" in t.lower() for t in titles), titles
    assert not any("strike" in t.lower() or "dockworkers" in t.lower() for t in titles), titles
    assert all(u.startswith(site) for u in requests), "the UI must not load anything from elsewhere (offline)"


def test_event_page_highlights_a_contradiction(page, site, screenshots):
    page.goto(site + "/?q=" + "Montevideo")
    page.locator(".event-row:has(.count.contradicted) .event-title").first.click()
    page.wait_for_url("**/events/*")
    sources = page.locator(".source")
    assert sources.count() >= 3
    first, second = sources.nth(0).bounding_box(), sources.nth(1).bounding_box()
    assert abs(first["y"] - second["y"]) < 5 and second["x"] > first["x"] + first["width"] - 1  # side by side
    marks = page.locator("ul.conflicts mark")
    assert marks.count() > 0 and marks.first.is_visible()
    bg = marks.first.evaluate("m => getComputedStyle(m).backgroundColor")
    assert bg not in ("rgba(0, 0, 0, 0)", "transparent"), "the highlight must be styled (CSS served under CSP)"
    assert page.locator("svg.timeline-chart circle").count() > 0
    assert page.locator("a.chip").count() > 0
    page.screenshot(path=str(screenshots / "event.png"))  # sources side by side, then the contradictions
    page.locator("ul.conflicts > li:has(mark)").first.screenshot(path=str(screenshots / "contradiction.png"))
    page.locator("#timeline").scroll_into_view_if_needed()
    page.locator("svg.timeline-chart").screenshot(path=str(screenshots / "timeline.png"))
    links = [a.get_attribute("href") for a in page.locator(".source h3 a").all()]
    removed = 0
    for href in links:  # the event mixes HTML pages and flattened dumps whose chrome was removed
        page.goto(site.rstrip("/") + href if href.startswith("/") else href)
        assert page.locator(".text p").count() > 0
        removed += page.locator("table.removed .reason").count()
    assert removed > 0  # removed chrome shown with its reason


def test_xss_corpus_runs_no_script(page, xss_site):
    url, ids = xss_site
    dialogs, violations = [], []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    pages = ["/", f"/events/{ids['event']}", f"/articles/{ids['article']}", f"/articles/{ids['other']}",
             f"/entities/{ids['entity']}", "/errors", "/?q=harbour"]
    for path in pages:
        page.goto(url + path)
        page.wait_for_load_state("load")
        assert page.evaluate("() => window.__xss") is None, path
        assert page.evaluate("() => document.querySelectorAll('script, iframe, img, object, embed').length") == 0, path
    page.goto(url + f"/events/{ids['event']}")
    assert page.get_by_text("<script>window.__xss=1</script>", exact=False).count() > 0  # shown as text
    assert page.locator("a[href^='javascript']").count() == 0
    assert not dialogs and not violations, (dialogs, violations)
