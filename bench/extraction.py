"""Extraction benchmark: newsprism's clean stage against the usual extractors, in one run.

1. Main text on ../shared/data/trafilatura-eval (snippet scoring of its SOURCE.txt: whitespace
   normalised, case-sensitive substring test, micro totals over all pages): precision, recall,
   F1 and pages/s for newsprism, trafilatura (default, favor_precision, favor_recall),
   newspaper4k, readability-lxml, goose3, resiliparse and jusText.
2. Publication date on ../shared/data/htmldate-eval: accuracy (exact YYYY-MM-DD, the 5 records
   without a gold date count as wrong, as upstream) and pages/s for newsprism, htmldate fast and
   extensive, newspaper4k.
3. Flattened text: every trafilatura-eval page rendered as its whole visible text, one block per
   line, chrome included (resiliparse, no main-content filter); newsprism's line cleaner vs
   trafilatura run on the same lines wrapped as <p> paragraphs, same snippet scoring.

Speed is CPU time of this process (time.process_time), which is steadier than wall time on a
shared 2-core machine; every tool gets the same already-decoded page, and every tool of a
section is warmed up on the same first pages before any is timed (lazy imports and parser
set-up would otherwise be charged to whichever tool runs first). newsprism swaps in its faster
equivalents of trafilatura's XPath rules only for the length of its own calls
(newsprism.clean.rules.faster_rules), so the trafilatura rows time trafilatura as shipped.
The main-text table also gives F1 on each half of the pages (split by a hash of the file name).

Usage: .venv/bin/python bench/extraction.py [--limit N]
"""
from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import html as htmlmod
import json
import logging
import re
import sys
import time
import warnings
from pathlib import Path

from newsprism.clean import clean_lines, extract
from newsprism.clean.decode import decode
from newsprism.clean.html import extract_html, find_published
from newsprism.records import RawDocument

DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
OUT = Path(__file__).resolve().parent / "results" / "extraction.md"
_WS = re.compile(r"\s+")
WARM_UP = 100


def _norm(text: str) -> str:
    return _WS.sub(" ", text).strip()


def _load(folder: str, index: str, limit: int | None) -> list[tuple[dict, bytes, str]]:
    records = json.loads((DATA / folder / index).read_text(encoding="utf-8"))[:limit]
    pages = []
    for rec in records:
        raw = gzip.decompress((DATA / folder / rec["file"]).read_bytes())
        pages.append((rec, raw, decode(raw, 10**9).text))
    return pages


def _timed(fn, items) -> tuple[list, float]:
    """Outputs of `fn` on every item and the CPU seconds taken (tools are warmed up first)."""
    from trafilatura.meta import reset_caches  # also resets htmldate's: no tool inherits another's

    reset_caches()
    outputs = []
    start = time.process_time()
    for item in items:
        try:
            outputs.append(fn(*item))
        except Exception:  # a peer crashing on a page scores that page as empty, as upstream
            outputs.append(None)
    return outputs, time.process_time() - start


def _warm_up(tools, items) -> None:
    """Run every tool of a section on the first WARM_UP items before any is timed, so that model
    loading, imports and lazily built parsers (htmldate's date parsers take ~100 pages to settle,
    and newsprism's date path calls htmldate) are charged to no tool, whatever the order."""
    for _, fn in tools:
        for item in items[:WARM_UP]:
            try:
                fn(*item)
            except Exception:
                pass


def snippet_scores(records: list[dict], outputs: list) -> dict[str, float]:
    tp = fp = fn = 0
    for rec, out in zip(records, outputs):
        text = _norm(out) if isinstance(out, str) else None
        found = [text is not None and _norm(s) in text for s in rec["with"]]
        tp += sum(found)
        fn += len(found) - sum(found)
        fp += sum(1 for s in rec["without"] if text is not None and _norm(s) in text)
    return {"P": tp / (tp + fp) if tp + fp else 0.0, "R": tp / (tp + fn) if tp + fn else 0.0,
            "F1": 2 * tp / (2 * tp + fp + fn) if tp else 0.0}


# --- peers ----------------------------------------------------------------------------------

def _trafilatura(**kw):
    import trafilatura

    return lambda raw, text, url: trafilatura.extract(text, include_comments=False, include_tables=True, **kw)


def _newspaper(raw, text, url):
    import newspaper

    art = newspaper.Article(url or "http://example.com/", fetch_images=False)
    art.download(input_html=text)
    art.parse()
    return art.text


def _newspaper_date(raw, text, url):
    import newspaper

    art = newspaper.Article(url or "http://example.com/", fetch_images=False)
    art.download(input_html=text)
    art.parse()
    return art.publish_date.strftime("%Y-%m-%d") if art.publish_date else None


def _readability(raw, text, url):
    import lxml.html
    from readability import Document

    return lxml.html.fromstring(Document(text).summary()).text_content()


_GOOSE = None


def _goose(raw, text, url):
    global _GOOSE
    if _GOOSE is None:
        from goose3 import Goose

        _GOOSE = Goose()
    return _GOOSE.extract(raw_html=text).cleaned_text


def _resiliparse(raw, text, url):
    from resiliparse.extract.html2text import extract_plain_text

    return extract_plain_text(text, main_content=True)


def _justext(raw, text, url):
    import justext

    # German stoplist, as trafilatura's evaluation script does for this mostly German set
    paras = justext.justext(text.encode("utf-8"), justext.get_stoplist("German"))
    return "\n".join(p.text for p in paras if not p.is_boilerplate)


def _newsprism(raw, text, url):
    return extract(RawDocument(source=url or "page", content=raw, kind="html", url=url)).text


def _newsprism_text_only(raw, text, url):
    return extract_html(text, url, with_date=False).text


def _htmldate(extensive: bool):
    from htmldate import find_date

    return lambda raw, text, url: find_date(text, url=url, original_date=True, extensive_search=extensive)


# --- sections -------------------------------------------------------------------------------

def _table(rows: list[tuple[str, dict, float]], n: int, ref: str, cols: tuple[str, ...]) -> list[str]:
    """Markdown table; a score given as a string (e.g. the F1 of each half) is printed as is."""
    ref_speed = next(n / s for name, _, s in rows if name == ref)
    lines = ["| tool | " + " | ".join(cols) + " | pages/s (CPU) | ms/page (CPU) | speed vs " + ref + " |",
             "|---|" + "---|" * (len(cols) + 3)]
    for name, score, secs in rows:
        speed = n / secs if secs else float("inf")
        cells = " | ".join(score[c] if isinstance(score[c], str) else f"{score[c]:.3f}" for c in cols)
        lines.append(f"| {name} | {cells} | {speed:.1f} | {1000 * secs / n:.2f} | {speed / ref_speed:.2f}x |")
    return lines


def _half(rec: dict) -> int:
    """Which half of the set a page falls in (sha1 of its file name, mod 2): scores on both
    halves tell a general gain from one fitted to some pages."""
    return int(hashlib.sha1(rec["file"].encode()).hexdigest(), 16) % 2


def _by_half(records: list[dict], outputs: list) -> str:
    halves = [snippet_scores([r for r in records if _half(r) == h], [o for r, o in zip(records, outputs) if _half(r) == h])
              for h in (0, 1)]
    return " / ".join(f"{half['F1']:.3f}" for half in halves)


def bench_text(limit: int | None) -> list[str]:
    pages = _load("trafilatura-eval", "expectations.json", limit)
    records = [p[0] for p in pages]
    items = [(raw, text, rec.get("url")) for rec, raw, text in pages]
    tools = [
        ("newsprism extract (full: decode, text, metadata, date, language)", _newsprism),
        ("newsprism main text only", _newsprism_text_only),
        ("trafilatura 2.3 (default)", _trafilatura()),
        ("trafilatura favor_precision", _trafilatura(favor_precision=True)),
        ("trafilatura favor_recall", _trafilatura(favor_recall=True)),
        ("newspaper4k", _newspaper),
        ("readability-lxml", _readability),
        ("goose3", _goose),
        ("resiliparse (main_content)", _resiliparse),
        ("jusText", _justext),
    ]
    _warm_up(tools, items)
    rows = []
    for name, fn in tools:
        outputs, secs = _timed(fn, items)
        rows.append((name, {**snippet_scores(records, outputs), "F1 by half": _by_half(records, outputs)}, secs))
        print(f"  text  {name}: {rows[-1][1]} {len(items) / secs:.1f} pages/s", flush=True)
    return [f"### Main text: trafilatura-eval ({len(pages)} pages)", "",
            *_table(rows, len(pages), "trafilatura 2.3 (default)", ("P", "R", "F1", "F1 by half"))]


def bench_dates(limit: int | None) -> list[str]:
    pages = _load("htmldate-eval", "expected-dates.json", limit)
    items = [(raw, text, rec["url"]) for rec, raw, text in pages]
    tools = [
        ("newsprism date (find_published)", lambda raw, text, url: find_published(text, url)[0]),
        ("newsprism extract (full)", lambda raw, text, url: extract(
            RawDocument(source=url, content=raw, kind="html", url=url)).published),
        ("htmldate extensive", _htmldate(True)),
        ("htmldate fast", _htmldate(False)),
        ("newspaper4k", _newspaper_date),
    ]
    _warm_up(tools, items)
    rows = []
    for name, fn in tools:
        outputs, secs = _timed(fn, items)
        acc = sum(1 for (rec, _, _), out in zip(pages, outputs) if out and out == rec["date"]) / len(pages)
        rows.append((name, {"accuracy": acc}, secs))
        print(f"  date  {name}: {acc:.3f} {len(items) / secs:.1f} pages/s", flush=True)
    return [f"### Publication date: htmldate-eval ({len(pages)} records)", "",
            *_table(rows, len(pages), "htmldate extensive", ("accuracy",))]


def text_dump(text: str) -> str:
    """The page as a flattening scraper leaves it: all visible text, one block per line."""
    from resiliparse.extract.html2text import extract_plain_text

    return extract_plain_text(text, main_content=False, list_bullets=False, alt_texts=False)


def bench_dumps(limit: int | None) -> list[str]:
    import trafilatura

    pages = _load("trafilatura-eval", "expectations.json", limit)
    records = [p[0] for p in pages]
    dumps = [(text_dump(text),) for _, _, text in pages]

    def wrapped(dump: str) -> str:
        paras = "".join(f"<p>{htmlmod.escape(line)}</p>" for line in dump.splitlines() if line.strip())
        return f"<html><body>{paras}</body></html>"

    tools = [
        ("newsprism clean_lines", lambda dump: clean_lines(dump).text),
        ("trafilatura on <p>-wrapped lines", lambda dump: trafilatura.extract(
            wrapped(dump), include_comments=False, include_tables=True)),
        ("everything (dump as is)", lambda dump: dump),
    ]
    _warm_up(tools, dumps)
    rows = []
    for name, fn in tools:
        outputs, secs = _timed(fn, dumps)
        rows.append((name, snippet_scores(records, outputs), secs))
        print(f"  dump  {name}: {rows[-1][1]} {len(dumps) / secs:.1f} pages/s", flush=True)
    return [f"### Flattened text dumps of trafilatura-eval ({len(pages)} pages)", "",
            *_table(rows, len(pages), "trafilatura on <p>-wrapped lines", ("P", "R", "F1"))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages of each set")
    parser.add_argument("--sections", default="text,dates,dumps", help="comma-separated subset to run")
    args = parser.parse_args()
    if not (DATA / "trafilatura-eval").exists():
        print(f"skipped: evaluation data not found at {DATA}")
        return
    warnings.filterwarnings("ignore")
    logging.disable(logging.WARNING)
    command = "cd /work/main && .venv/bin/python bench/extraction.py" + " ".join(
        [""] + [f"--limit {args.limit}"] * bool(args.limit) + [f"--sections {args.sections}"] * (args.sections != "text,dates,dumps"))
    parts = [
        "## Extraction (clean stage)", "",
        f"Command: `{command}`  ", f"Date: {dt.date.today().isoformat()}, 2-core CPU, speed = CPU time of one process.", "",
        "Snippet scoring as in trafilatura-eval/SOURCE.txt (micro P/R/F1 over all snippets).", "",
    ]
    sections = {"text": bench_text, "dates": bench_dates, "dumps": bench_dumps}
    for name in args.sections.split(","):
        parts += sections[name.strip()](args.limit) + [""]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(parts), encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    sys.exit(main())
