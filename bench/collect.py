"""Assemble BENCHMARKS.md from the per-benchmark results each bench/<name>.py writes."""
from __future__ import annotations

from pathlib import Path

ORDER = ["pipeline", "extraction", "langid", "time", "entities", "events", "claims", "api", "scale", "reliability"]
HEADER = """# newsprism benchmarks

Every number below was produced on this project's reference machine (2-core CPU, 24 GB RAM, no
GPU) by the command quoted in its section; `make bench` reruns them all and rebuilds this file
(`bench/collect.py` joins `bench/results/*.md`). Peers run in the same process and the same run
as newsprism, so ratios compare like with like. Data: `../shared/data/` (see its README).
"""


def main() -> None:
    root = Path(__file__).resolve().parent
    results = root / "results"
    names = [n for n in ORDER if (results / f"{n}.md").exists()]
    names += sorted(p.stem for p in results.glob("*.md") if p.stem not in ORDER)
    parts = [HEADER] + [(results / f"{n}.md").read_text(encoding="utf-8").strip() + "\n" for n in names]
    (root.parent / "BENCHMARKS.md").write_text("\n".join(parts), encoding="utf-8")
    print(f"BENCHMARKS.md: {', '.join(names)}")


if __name__ == "__main__":
    main()
