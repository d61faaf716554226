"""Reliability numbers in one run: hostile inputs and their outcomes, crash safety under SIGKILL,
property tests, schemathesis against the API, and the recorded atheris runs.

    .venv/bin/python bench/reliability.py

The checks themselves live in the test suite (tests/reliability, tests/api/test_api_schema.py), so
this script runs exactly what `make test` asserts and records the counts; the hostile corpus is
the one tests/reliability/hostile_inputs.py writes. Needs no external data.
"""
from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results"
sys.path.insert(0, str(ROOT / "tests" / "reliability"))

from hostile_inputs import MUST_FAIL, write_hostile  # noqa: E402


def hostile_table() -> list[str]:
    with tempfile.TemporaryDirectory() as tmp:
        corpus = write_hostile(Path(tmp) / "hostile")
        db = Path(tmp) / "h.db"
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "newsprism.cli", "analyze", str(corpus), "--db", str(db),
                               "--report", str(Path(tmp) / "r.html"), "--quiet"], capture_output=True, text=True)
        wall = time.perf_counter() - t0
        rows = sqlite3.connect(db).execute("SELECT source, status, error FROM articles ORDER BY source").fetchall()
    sizes = {p.name: p.stat().st_size for p in corpus.iterdir()} if corpus.exists() else {}
    out = [f"`newsprism analyze` on the hostile folder ({len(sizes) or len(rows)} files): exit code "
           f"**{proc.returncode}** (3 = completed with errors), {wall:.1f} s wall, last line: "
           f"`{(proc.stdout.strip().splitlines() or [''])[-1][:120]}`", "",
           "| input | stored status | reason | expected |", "|---|---|---|---|"]
    for source, status, error in rows:
        name = source.rsplit("/", 1)[-1]
        expected = "error" if name in MUST_FAIL else "either"
        out.append(f"| {name} | {status} | {(error or '').replace('|', '/')[:90]} | {expected} |")
    lost = MUST_FAIL - {s.rsplit('/', 1)[-1] for s, st, _ in rows if st != "ok"}
    out += ["", f"Unusable inputs without an error record: **{len(lost)}**; crashes of the batch: "
            f"**{0 if proc.returncode in (0, 3) else 1}**."]
    return out


def pytest_run(target: str) -> tuple[bool, str, float]:
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "pytest", target, "-q", "-s", "-p", "no:cacheprovider"],
                          cwd=ROOT, capture_output=True, text=True, env={**os.environ, "PYTHONHASHSEED": "0"})
    return proc.returncode == 0, proc.stdout, time.perf_counter() - t0


def main() -> None:
    lines = ["# Reliability", "", "Command: `cd /work/main && .venv/bin/python bench/reliability.py`  ",
             f"Date: {date.today()}, 2-core CPU, load average at start {os.getloadavg()[0]:.1f}", "",
             "## Hostile inputs", ""]
    lines += hostile_table()

    ok, out, wall = pytest_run("tests/reliability/test_crash_safety.py")
    kills = re.search(r"KILLS = (\d+)", (ROOT / "tests/reliability/test_crash_safety.py").read_text())
    lines += ["", "## Crash safety", "",
              f"`tests/reliability/test_crash_safety.py`: {kills.group(1) if kills else '?'} SIGKILLs at random points "
              "of a 30-document ingest, then a rerun, compared with a clean run (documents stored exactly once, "
              "no partial record, identical events and claims).", "",
              f"Result: **{'passed: 0 documents lost, 0 duplicated, 0 partial' if ok else 'FAILED'}** ({wall:.0f} s)."]

    ok, out, wall = pytest_run("tests/reliability/test_fuzz_properties.py")
    n = re.search(r"(\d+) passed", out)
    lines += ["", "## Property tests (hypothesis)", "",
              f"`tests/reliability/test_fuzz_properties.py` (cleaner, time parser, name matcher; 80 examples each): "
              f"{n.group(1) if n else 0} properties passed, **{'0 failures' if ok else 'FAILED'}** ({wall:.0f} s)."]

    ok, out, wall = pytest_run("tests/api/test_api_schema.py")
    m = re.search(r"schemathesis ([\d.]+): (\d+) cases, (\d+) failures", out)
    lines += ["", "## API conformance (schemathesis)", "",
              (f"schemathesis {m.group(1)} against `/openapi.json`, every operation, valid and invalid requests: "
               f"**{m.group(2)} cases, {m.group(3)} failures**" if m else "schemathesis did not run")
              + f" ({wall:.0f} s; {'passed' if ok else 'FAILED'})."]

    fuzz = RESULTS / "reliability-fuzz.md"
    lines += ["", "## Fuzzing extraction (atheris)", "",
              "Coverage-guided fuzzing of `newsprism.clean.extract` (HTML, text and sniffed inputs) by "
              "`bench/fuzz_extract.py`; every run it has made is a row below (counts as libFuzzer last "
              "printed them). `make test` runs a bounded 3,000-input pass of the same harness "
              "(tests/reliability/test_fuzz_atheris.py) and the properties above.", ""]
    rows = [ln for ln in fuzz.read_text().splitlines() if ln.startswith("|")] if fuzz.exists() else []
    lines += rows or ["No atheris run recorded yet: `.venv/bin/python bench/fuzz_extract.py -atheris_runs=1000000`."]
    (RESULTS / "reliability.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
