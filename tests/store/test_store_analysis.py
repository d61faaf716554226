"""The corpus phase reads light records and writes its analysis piece by piece, atomically."""
from __future__ import annotations

import pytest

from newsprism.records import Article, Claim, Event, Mention, RemovedLine, TimeExpr
from newsprism.store import Store


def _article(i: int) -> Article:
    text = "Harbor workers in Dunmore ended the strike on Monday after nine days."
    aid = f"id{i}"
    return Article(id=aid, source=f"doc{i}.html", title=f"Strike ends {i}", text=text, language="en",
                   published="2026-03-03", removed=[RemovedLine("Subscribe now", "ad")],
                   mentions=[Mention("Dunmore", 17, 24, "GPE", aid, entity_id="ent-old")],
                   timexes=[TimeExpr("Monday", 48, 54, "DATE", "2026-03-02", article_id=aid),
                            TimeExpr("nine days", 61, 70, "DURATION", "P9D", article_id=aid)],
                   claims=[Claim(f"c{i}", aid, "workers ended the strike", text, 0, len(text))])


def test_light_records_keep_what_clustering_reads(tmp_path):
    with Store(str(tmp_path / "n.db")) as s:
        s.put_articles([_article(1), _article(2)])
        light = {a.id: a for a in s.light_articles()}
        assert sorted(light) == ["id1", "id2"]
        a = light["id1"]
        assert a.text.startswith("Harbor") and a.title == "Strike ends 1" and a.published == "2026-03-03"
        assert [m.text for m in a.mentions] == ["Dunmore"] and a.mentions[0].article_id is a.id
        assert a.mentions[0].entity_id is None  # set anew by canonicalisation
        assert [t.value for t in a.timexes] == ["2026-03-02"]  # dates only
        assert a.claims == [] and a.removed == []


def test_analysis_is_swapped_in_whole_or_not_at_all(tmp_path):
    with Store(str(tmp_path / "n.db")) as s:
        arts = {a.id: a for a in (_article(1), _article(2))}
        s.put_articles(list(arts.values()))
        s.replace_analysis([Event(id="ev-old", title="Old", articles=["id1", "id2"])], [], arts)
        with pytest.raises(RuntimeError):
            with s.analysis() as out:
                out.event(Event(id="ev-new", title="New", articles=["id1"]), [arts["id1"]])
                out.vectors({b"k" * 20: b"\0" * 768})
                raise RuntimeError("killed half way")
        assert [e.id for e in s.events()[0]] == ["ev-old"] and s.count_vectors() == 0
        with s.analysis() as out:
            for i in arts:
                arts[i].event_id = f"ev-{i}"
                out.event(Event(id=f"ev-{i}", title="New", articles=[i]), [arts[i]])
            out.articles(arts.values())
        assert sorted(e.id for e in s.events()[0]) == ["ev-id1", "ev-id2"]
        assert s.article("id2").event_id == "ev-id2"
