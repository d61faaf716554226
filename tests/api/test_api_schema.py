"""Schemathesis against /openapi.json: generated valid and invalid requests for every operation,
every built-in check (no server error; status codes, content types, headers and bodies as
documented; auth enforced). Driven through hypothesis directly: schemathesis' pytest plugin does
not support pytest 9 yet."""
from __future__ import annotations

import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable

schemathesis = pytest.importorskip("schemathesis", reason="schemathesis is not installed")

TOKEN = "schema-token"
EXAMPLES = 10


def test_openapi_conformance(small_db, tmp_path):
    from newsprism.api import create_app

    db = tmp_path / "schema.db"
    shutil.copy(small_db, db)  # ingest jobs write: keep the shared store untouched
    app = create_app(str(db), token=TOKEN, writes_per_minute=10_000, max_jobs=1)  # one real ingest, then 429
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    cases, failures = 0, {}
    for result in schema.get_all_operations():
        op = result.ok()
        for mode in schemathesis.GenerationMode:
            @given(case=op.as_strategy(mode))
            @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
            def run(case):
                nonlocal cases
                cases += 1
                case.call_and_validate(headers={"Authorization": f"Bearer {TOKEN}"})
            try:
                run()
            except Unsatisfiable:  # no invalid input exists for this operation (e.g. a free-text path id)
                continue
            except Exception as exc:  # collect every operation's failure, then report them all
                failures[f"{op.label} [{mode.value}]"] = str(exc)[:2000]
    app.state.newsprism.jobs.close()
    print(f"\nschemathesis {schemathesis.__version__}: {cases} cases, {len(failures)} failures")
    assert cases >= 50
    assert not failures, "\n\n".join(f"{k}:\n{v}" for k, v in failures.items())
