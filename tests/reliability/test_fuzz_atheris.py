"""A bounded run of the coverage-guided extraction fuzzer (bench/fuzz_extract.py): any exception
escaping `clean.extract`, or an error record without a reason, fails it. The long run (1M+
iterations) is recorded in BENCHMARKS.md's Reliability section."""
from __future__ import annotations

import re
import subprocess
import sys

import pytest

pytest.importorskip("atheris", reason="atheris is not installed")

RUNS = 3000


def test_extraction_survives_a_bounded_fuzz_run(repo, tmp_path):
    # libFuzzer's memory check reads the peak RSS, which a child inherits from the pytest process
    # that forked it (models of earlier tests loaded): judge growth under a roomier ceiling.
    # Its crash and slow-unit files go to tmp_path, not into the checkout (a loaded CI machine
    # makes slow units).
    proc = subprocess.run([sys.executable, str(repo / "bench" / "fuzz_extract.py"), "--child",
                           f"-atheris_runs={RUNS}", "-seed=1", "-rss_limit_mb=6144",
                           f"-artifact_prefix={tmp_path}/"],
                          capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr[-3000:]
    done = re.search(r"Done (\d+) (?:runs )?in", proc.stderr)
    assert done and int(done.group(1)) >= RUNS - 10, proc.stderr[-2000:]
