"""Reading the store through the JSON API and its HTML twins."""
from __future__ import annotations

STATUSES = {"agreed", "partial", "contradicted", "likely_translation_error"}


def test_lists_both_events_with_total(client):
    body = client.get("/api/events").json()
    assert body["total"] == 2 and len(body["items"]) == 2
    titles = " ".join(e["title"] for e in body["items"])
    assert "Oslo" in titles and ("Lisbon" in titles or "Tagus" in titles)
    assert body["items"][0]["date"] >= body["items"][1]["date"]  # newest first


def test_full_text_search_finds_only_the_matching_event(client):
    body = client.get("/api/events", params={"q": "floating library"}).json()
    assert body["total"] == 1 and "Oslo" in body["items"][0]["title"]
    assert client.get("/api/events", params={"q": "zeppelin"}).json()["total"] == 0


def test_search_text_is_never_query_syntax(client):
    for q in ['"', "' OR 1=1 --", "NEAR(", "library*", "a AND", "%", "\\", "\x00", "library\x00'"]:
        r = client.get("/api/events", params={"q": q})
        assert r.status_code == 200, q
    for key in ("language", "outlet", "entity"):  # filters are bound parameters, never SQL text
        r = client.get("/api/events", params={key: "x' OR '1'='1"})
        assert r.status_code == 200 and r.json()["total"] == 0, key


def test_filters_by_language_outlet_and_date(client):
    fr = client.get("/api/events", params={"language": "fr"}).json()
    assert fr["total"] == 1 and "Oslo" in fr["items"][0]["title"]
    coast = client.get("/api/events", params={"outlet": "Coastline Daily"}).json()
    assert coast["total"] == 1 and "Coastline Daily" in coast["items"][0]["outlets"]
    march = client.get("/api/events", params={"date_from": "2025-03-01", "date_to": "2025-03-31"}).json()
    assert march["total"] == 1 and march["items"][0]["date"].startswith("2025-03")
    assert client.get("/api/events", params={"date_from": "yesterday"}).status_code == 422


def test_filters_by_entity(client, find_event):
    ev = client.get(f"/api/events/{find_event('library')}").json()
    oslo = next(e for e in ev["entities"] if "Oslo" in e["name"])
    hits = client.get("/api/events", params={"entity": oslo["id"]}).json()
    assert [e["id"] for e in hits["items"]] == [ev["id"]]


def test_pagination_pages_are_disjoint_and_keep_the_total(client):
    first = client.get("/api/events", params={"limit": 1}).json()
    second = client.get("/api/events", params={"limit": 1, "offset": 1}).json()
    assert first["total"] == second["total"] == 2
    assert first["items"][0]["id"] != second["items"][0]["id"]
    assert client.get("/api/events", params={"limit": 1, "offset": 5}).json()["items"] == []
    assert client.get("/api/events", params={"limit": 0}).status_code == 422
    assert client.get("/api/events", params={"limit": 100000}).status_code == 422


def test_event_has_claims_with_labels_and_traceable_evidence(client, find_event):
    ev = client.get(f"/api/events/{find_event('ferry')}").json()
    assert len(ev["articles"]) == 2
    assert ev["claims"] and {c["status"] for c in ev["claims"]} <= STATUSES
    conflicts = [c for c in ev["claims"] if c["status"] == "contradicted"]
    assert conflicts, "the 96 vs 69 million contract must come out as a contradiction"
    article_ids = {a["id"] for a in ev["articles"]}
    for c in ev["claims"]:
        for e in c["evidence"]:
            assert e["article_id"] in article_ids
            text = client.get(f"/api/articles/{e['article_id']}").json()["text"]
            assert e["sentence"] in text  # every statement traced to its sentence
    assert ev["timeline"] and all("date" in t for t in ev["timeline"])


def test_article_has_clean_text_metadata_and_removed_lines(client, find_event):
    ev = client.get(f"/api/events/{find_event('library')}").json()
    fr = next(a for a in ev["articles"] if a["language"] == "fr")
    art = client.get(f"/api/articles/{fr['id']}").json()
    assert "bibliothèque flottante" in art["text"]
    assert art["outlet"] == "La Gazette du Port" and art["published"].startswith("2025-06-10")
    assert isinstance(art["removed"], list)


def test_entity_lists_variants_and_events(client, find_event):
    ev = client.get(f"/api/events/{find_event('library')}").json()
    ent = next(e for e in ev["entities"] if "Solvang" in e["name"])
    body = client.get(f"/api/entities/{ent['id']}").json()
    assert body["variants"] and body["events"]["total"] == 1
    assert body["events"]["items"][0]["id"] == ev["id"]


def test_errors_list_the_failed_document_with_its_reason(client):
    body = client.get("/api/errors").json()
    assert body["total"] == 1
    assert body["items"][0]["source"].endswith("empty.txt") and body["items"][0]["error"]


def test_unknown_ids_are_404_in_json_and_html(client):
    for path in ("/api/events/nope", "/api/articles/nope", "/api/entities/nope", "/api/jobs/nope"):
        r = client.get(path)
        assert r.status_code == 404 and r.json()["detail"].startswith("no such")
    for path in ("/events/nope", "/articles/nope", "/entities/nope", "/no-such-page"):
        r = client.get(path)
        assert r.status_code == 404 and r.headers["content-type"].startswith("text/html")


def test_every_page_has_a_json_twin(client, find_event):
    eid = find_event("ferry")
    ev = client.get(f"/api/events/{eid}").json()
    pages = ["/", "/?q=ferry", f"/events/{eid}", f"/articles/{ev['articles'][0]['id']}",
             f"/entities/{ev['entities'][0]['id']}", "/errors", "/docs"]
    for page in pages:
        html = client.get(page)
        assert html.status_code == 200, page
        twin = html.text.split('rel="alternate" type="application/json" href="', 1)[1].split('"', 1)[0]
        assert client.get(twin.replace("&amp;", "&")).status_code == 200, twin


def test_event_page_shows_sources_side_by_side_and_marks_the_difference(client, find_event):
    html = client.get(f"/events/{find_event('ferry')}").text
    assert html.count('class="source"') == 2
    assert "<mark>" in html and 'class="badge contradicted' in html
    assert "<svg" in html and "<circle" in html  # the timeline chart
    assert 'class="chip' in html


def test_search_page_keeps_the_query_and_shows_matches(client):
    html = client.get("/", params={"q": "floating library"}).text
    assert 'value="floating library"' in html and "Oslo opens a floating library" in html
    assert "Tagus" not in html


def test_list_counts_match_the_event_claims(client):
    for row in client.get("/api/events").json()["items"]:
        ev = client.get(f"/api/events/{row['id']}").json()
        assert sum(row["claims"].values()) == len(ev["claims"])
        for status, n in row["claims"].items():
            assert n == sum(c["status"] == status for c in ev["claims"]), (row["id"], status)
        assert row["n_articles"] == len(ev["articles"])


def test_outlet_filter_takes_like_wildcards_literally(client):
    assert client.get("/api/events", params={"outlet": "%"}).json()["total"] == 0
    assert client.get("/api/events", params={"outlet": "Coastline_Daily"}).json()["total"] == 0
