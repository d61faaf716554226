"""Coverage-guided fuzzing of extraction (clean + ingest containers) with atheris, bounded in time.

    .venv/bin/python bench/fuzz_extract.py -atheris_runs=1000000      # the recorded run
    .venv/bin/python bench/fuzz_extract.py -max_total_time=60          # a quick one

Any exception escaping `newsprism.clean.extract` is a crash (the stage promises to be total).
The result (iterations, crashes, seconds) is appended to bench/results/reliability-fuzz.md.
Run it without `--child`: the parent starts the fuzzer in a child process and records its count.
"""
from __future__ import annotations

import re
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from newsprism.clean import extract
    from newsprism.config import Options
    from newsprism.records import RawDocument

OPTS = Options(max_bytes=200_000)
KINDS = ("html", "text", "")


def one_input(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    kind = KINDS[fdp.ConsumeIntInRange(0, 2)]
    body = fdp.ConsumeBytes(fdp.remaining_bytes())
    if body[:1] == b"<":
        body = b"<html><head><title>t</title></head><body>" + body + b"</body></html>"
    a = extract(RawDocument(source="fuzz", content=body, kind=kind), OPTS)
    if a.status != "ok" and not a.error:
        raise AssertionError("error record without a reason")


def fuzz() -> None:
    atheris.Setup([a for a in sys.argv if a != "--child"], one_input)
    atheris.Fuzz()


def main() -> None:
    """libFuzzer ends the process itself, so the harness runs in a child and this parent records
    what it printed: the iteration count and any crash."""
    t0 = time.perf_counter()
    proc = subprocess.run([sys.executable, __file__, "--child", *sys.argv[1:]], capture_output=True, text=True)
    log = proc.stderr
    done = re.findall(r"Done (\d+) (?:runs )?in (\d+) second", log)
    runs = int(done[-1][0]) if done else max((int(n) for n in re.findall(r"^#(\d+)", log, re.M)), default=0)
    crashed = "none" if proc.returncode == 0 else (re.findall(r"(Uncaught Python exception: .*|==\d+== ERROR.*)", log) or [f"exit {proc.returncode}"])[0][:160]
    out = Path(__file__).resolve().parent / "results" / "reliability-fuzz.md"
    if not out.exists():
        out.write_text("### Fuzzing extraction (atheris)\n\n"
                       "| date | command | iterations | seconds | crashes |\n|---|---|---|---|---|\n")
    with out.open("a") as fh:
        fh.write(f"| {date.today()} | `.venv/bin/python bench/fuzz_extract.py {' '.join(sys.argv[1:])}` | "
                 f"{runs:,} | {time.perf_counter() - t0:.0f} | {crashed} |\n")
    print(f"{runs} iterations, crashes: {crashed}")
    sys.exit(proc.returncode)


if __name__ == "__main__":
    fuzz() if "--child" in sys.argv else main()
