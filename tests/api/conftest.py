"""Stores the API tests run against: a small analysed corpus (two invented events, written here,
one contradiction, one empty document) and the hostile XSS store."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

import xss_corpus

NEWS = [
    {"url": "https://northgate-herald.example/2025/03/04/lisbon-ferry", "outlet": "Northgate Herald",
     "title": "Lisbon ferry operator orders twelve electric boats", "published": "2025-03-04",
     "text": "The Lisbon ferry operator Tagus Lines ordered twelve electric boats from a shipyard in Viana do "
             "Castelo on Monday, its chief executive Marta Quelhas said.\n\nThe contract is worth 96 million "
             "euros and the first boat will enter service in 2027, Quelhas told reporters in Lisbon.\n\n"
             "The boats will replace diesel ferries that cross the Tagus river every day."},
    {"url": "https://coastline-daily.example/news/tagus-lines-electric", "outlet": "Coastline Daily",
     "title": "Tagus Lines buys electric ferries for Lisbon crossings", "published": "2025-03-04",
     "text": "Tagus Lines, which runs the Lisbon ferries, ordered twelve electric boats from a shipyard in Viana "
             "do Castelo on Monday.\n\nThe contract is worth 69 million euros, chief executive Marta Quelhas "
             "said in Lisbon.\n\nThe operator said the first boat will enter service in 2028."},
    {"url": "https://northgate-herald.example/2025/06/10/oslo-library", "outlet": "Northgate Herald",
     "title": "Oslo opens a floating library in the harbour", "published": "2025-06-10",
     "text": "The city of Oslo opened a floating library in its harbour on Tuesday, mayor Ingrid Solvang said."
             "\n\nThe library holds eight thousand books and cost 14 million crowns.\n\nSolvang said the "
             "library would stay open until midnight in summer."},
    {"url": "https://la-gazette-du-port.example/oslo-bibliotheque", "outlet": "La Gazette du Port",
     "title": "Oslo inaugure une bibliothèque flottante dans son port", "published": "2025-06-10",
     "text": "La ville d'Oslo a inauguré mardi une bibliothèque flottante dans son port, a annoncé la maire "
             "Ingrid Solvang.\n\nLa bibliothèque contient huit mille livres et a coûté 14 millions de "
             "couronnes.\n\nElle restera ouverte jusqu'à minuit en été, selon la maire."},
]


@pytest.fixture(scope="session")
def small_db(tmp_path_factory) -> str:
    """The analysed small corpus; tests that write must copy it (`db_copy`)."""
    import newsprism
    from newsprism.config import Options

    corpus = tmp_path_factory.mktemp("corpus")
    (corpus / "news.jsonl").write_text("\n".join(json.dumps(n, ensure_ascii=False) for n in NEWS), "utf-8")
    (corpus / "empty.txt").write_text("")
    db = str(tmp_path_factory.mktemp("store") / "small.db")
    newsprism.analyze([corpus], db=db, options=Options(progress=False))
    return db


@pytest.fixture
def db_copy(small_db, tmp_path) -> str:
    path = tmp_path / "copy.db"
    shutil.copy(small_db, path)
    return str(path)


@pytest.fixture(scope="session")
def xss_store(tmp_path_factory) -> tuple[str, dict[str, str]]:
    db = str(tmp_path_factory.mktemp("xss") / "xss.db")
    return db, xss_corpus.build(db)


@pytest.fixture
def client(small_db):
    from fastapi.testclient import TestClient

    from newsprism.api import create_app

    with TestClient(create_app(small_db)) as c:
        yield c


@pytest.fixture
def find_event(client):
    """Id of the first event a full-text search for `text` returns."""
    def find(text: str) -> str:
        hits = client.get("/api/events", params={"q": text}).json()["items"]
        assert hits, f"no event found for {text!r}"
        return hits[0]["id"]
    return find
