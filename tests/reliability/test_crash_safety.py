"""SIGKILL `newsprism analyze` at 20 random points of a long ingest, restart, and compare with a
clean run: every document stored exactly once, no partial record, the same events and claims."""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

KILLS = 20
TOWNS = ["Arvika", "Brenno", "Calder", "Dunmore", "Elsfjord", "Farrow"]


def _corpus(folder: Path) -> None:
    """Six invented events, five short reports each, with differing numbers."""
    folder.mkdir()
    for e, town in enumerate(TOWNS):
        for k in range(5):
            (folder / f"{town.lower()}-{k}.txt").write_text(
                f"{town} bridge reopens after repairs\n\n"
                f"Published March {e + 3}, 2026\n\n"
                f"The bridge in {town} reopened to traffic on Monday after {10 + e} weeks of repairs, "
                f"the regional roads agency said.\n\n"
                f"Mayor Ilse {town}sen said about {1000 * (e + 1) + 100 * k} vehicles would use it every day. "
                f"The repairs cost {2 + e} million euros, according to the agency.\n\n"
                f"Report {k} from the {town} desk.\n", encoding="utf-8")


def _run(corpus: Path, db: Path) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "newsprism.cli", "analyze", str(corpus), "--db", str(db),
           "--report", str(db.with_suffix(".html")), "--quiet", "--batch-size", "4"]
    return subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, "PYTHONHASHSEED": "0"})


def _state(db: Path) -> dict:
    con = sqlite3.connect(db)
    rows = con.execute("SELECT id, source, record FROM articles").fetchall()
    events = {}
    for (rec,) in con.execute("SELECT record FROM events"):
        ev = json.loads(rec)
        events[ev["id"]] = (sorted(ev["articles"]), sorted((c["status"], c["text"]) for c in ev["claims"]))
    return {"ids": sorted(r[0] for r in rows), "sources": sorted(r[1] for r in rows),
            "records": [json.loads(r[2]) for r in rows], "events": events}


@pytest.mark.slow
def test_killed_runs_lose_nothing_and_match_a_clean_run(tmp_path):
    corpus = tmp_path / "corpus"
    _corpus(corpus)
    t0 = time.monotonic()
    assert _run(corpus, tmp_path / "clean.db").wait(timeout=600) == 0
    full = time.monotonic() - t0
    clean = _state(tmp_path / "clean.db")
    assert len(clean["ids"]) == 30

    rng = random.Random(7)
    crash_db = tmp_path / "crash.db"
    for _ in range(KILLS):
        proc = _run(corpus, crash_db)
        time.sleep(rng.uniform(0.2, full))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=60)
    assert _run(corpus, crash_db).wait(timeout=600) == 0
    crashed = _state(crash_db)

    assert crashed["ids"] == clean["ids"]  # each document exactly once (ids are the primary key)
    assert len(set(crashed["sources"])) == len(crashed["sources"])
    assert all(r["status"] == "ok" and r["text"] for r in crashed["records"])  # no partial article
    assert crashed["events"] == clean["events"]
