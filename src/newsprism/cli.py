"""Command line: a thin shell over the public functions in `newsprism`.

Line-oriented commands print JSONL on stdout (one record per input), logs and progress go to
stderr, so `newsprism extract pages/ > out.jsonl` stays clean. Exit codes: 0 done, 1 bad usage or
an unreadable input, 3 completed with per-document errors (the errors are stored and listed).
"""
from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console

from .config import Options
from .records import to_dict

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="newsprism: which articles report the same event, what every source agrees on, "
                       "what only some report, and where they contradict.")
err = Console(stderr=True)
EXIT_WITH_ERRORS = 3


def _logging(quiet: bool, json_log: bool) -> None:
    level = logging.WARNING if quiet else logging.INFO
    if json_log:
        fmt = '{"time": "%(asctime)s", "level": "%(levelname)s", "logger": "%(name)s", "message": %(message)r}'
        logging.basicConfig(level=level, format=fmt, stream=sys.stderr)
    else:
        from rich.logging import RichHandler
        logging.basicConfig(level=level, format="%(message)s", handlers=[RichHandler(console=err, show_path=False)])
    for noisy in ("trafilatura", "htmldate", "urllib3", "charset_normalizer", "filelock"):
        logging.getLogger(noisy).setLevel(logging.ERROR)


def _jsonl(obj) -> None:
    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")


@app.command()
def analyze(paths: list[Path] = typer.Argument(..., help="files or folders of news pages (HTML, text, JSONL, WARC, feeds, .gz)"),
            db: Path = typer.Option(Path("newsprism.db"), help="SQLite store (created if missing)"),
            report: Optional[Path] = typer.Option(None, help="write the report here (default report/report.<format>)"),
            format: str = typer.Option("html", "--format", "-f", help="html | md | json"),
            engine: str = typer.Option("local", help="local | ray"),
            address: Optional[str] = typer.Option(None, help="Ray cluster address (with --engine ray)"),
            workers: int = typer.Option(2, help="Ray workers (with --engine ray)"),
            batch_size: int = typer.Option(32, help="documents per stored batch (one transaction each)"),
            quiet: bool = typer.Option(False, "--quiet", "-q", help="no progress, warnings only"),
            json_log: bool = typer.Option(False, "--json-log", help="logs as JSON lines on stderr")) -> None:
    """Ingest documents, group them into events and write the cross-source report."""
    import newsprism
    from .report import render

    if format not in ("html", "md", "json"):
        raise typer.BadParameter("format must be html, md or json")
    _logging(quiet, json_log)
    opts = Options(db=str(db), engine=engine, ray_address=address, ray_workers=workers,
                   batch_size=batch_size, progress=not quiet)
    out = report or Path("report") / f"report.{format}"
    t0 = time.perf_counter()
    if quiet:
        result = newsprism.analyze([str(p) for p in paths], options=opts)
    else:
        result = _with_progress(paths, opts)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(result, format), encoding="utf-8")
    if format == "html":  # the Markdown twin beside the page, for diffs and terminals
        out.with_suffix(".md").write_text(render(result, "md"), encoding="utf-8")
    _summary(result, out, time.perf_counter() - t0, quiet)
    n_err = result.stats.get("ingest", {}).get("errors", 0)
    if n_err:
        err.print(f"[yellow]completed with {n_err} errors[/] (see the report's skipped documents)")
        raise typer.Exit(EXIT_WITH_ERRORS)


def _with_progress(paths: list[Path], opts: Options):
    import newsprism
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[rate]}"), TimeElapsedColumn(), TimeRemainingColumn(),
                  console=err, transient=False) as bar:
        total = _count_files(paths)
        docs = bar.add_task("documents", total=total, rate="")
        t0 = time.perf_counter()
        state = {"stage": None}

        def progress(stage: str, n: int) -> None:
            if stage == "documents":
                bar.advance(docs, n)
                done = bar.tasks[docs].completed
                if done > (bar.tasks[docs].total or 0):
                    bar.update(docs, total=done)
                bar.update(docs, rate=f"{done / max(time.perf_counter() - t0, 1e-6):.1f} doc/s")
                return
            if state["stage"] is not None:
                bar.update(state["stage"], completed=1)
            bar.update(docs, completed=bar.tasks[docs].completed, total=bar.tasks[docs].completed)
            state["stage"] = bar.add_task(stage, total=1, rate="")

        result = newsprism.analyze([str(p) for p in paths], options=opts, progress=progress)
        if state["stage"] is not None:
            bar.update(state["stage"], completed=1)
    return result


def _count_files(paths: list[Path]) -> int:
    n = 0
    for p in paths:
        n += sum(1 for f in p.rglob("*") if f.is_file()) if p.is_dir() else 1
    return n


def _summary(result, out: Path, seconds: float, quiet: bool) -> None:
    from rich.table import Table

    if quiet:
        return
    table = Table(title=f"newsprism: {len(result.events)} events in {seconds:.1f}s → {out}")
    # the title gives way to the numbers when the terminal is narrow
    table.add_column("event", no_wrap=True, overflow="ellipsis", max_width=max(16, err.size.width - 68))
    for col in ("date", "sources", "langs", "agreed", "conflicts", "partial"):
        table.add_column(col, no_wrap=True, min_width=max(len(col), 10 if col == "date" else 0))
    for ev in result.events:
        arts = [result.articles[i] for i in ev.articles if i in result.articles]
        count = lambda *s: str(sum(g.status in s for g in ev.claims))  # noqa: E731
        table.add_row(ev.title, ev.date or "?", str(len(arts)),
                      ",".join(sorted({a.language or "?" for a in arts})),
                      count("agreed"), count("contradicted", "likely_translation_error"), count("partial"))
    err.print(table)
    ing = result.stats.get("ingest", {})
    err.print(f"documents: {ing.get('seen', 0)} seen, {ing.get('new', 0)} new, "
              f"{ing.get('skipped_known', 0)} already stored, {ing.get('errors', 0)} errors")


EXTRACT_FIELDS = ("source", "url", "status", "error", "title", "author", "published", "published_confidence",
                  "published_source", "modified", "page_date", "page_date_flag", "outlet", "language",
                  "language_confidence", "mt_likelihood", "captions", "text")


@app.command()
def extract(paths: list[str] = typer.Argument(..., help="files, folders, or - for stdin"),
            format: str = typer.Option("jsonl", "--format", "-f", help="jsonl"),
            explain: bool = typer.Option(False, "--explain", help="also list every removed line with its reason")) -> None:
    """Clean text, title, author, real publication date and language, one JSON object per document."""
    import newsprism

    _logging(True, False)
    n_err = 0
    for a in newsprism.extract(paths):
        d = to_dict(a)
        row = {k: d[k] for k in EXTRACT_FIELDS}
        if explain:
            row["removed"] = d["removed"]
        n_err += a.status != "ok"
        _jsonl(row)
    if n_err:
        err.print(f"completed with {n_err} errors")
        raise typer.Exit(EXIT_WITH_ERRORS)


@app.command()
def timex(file: str = typer.Argument("-", help="text file, or - for stdin"),
          reference: Optional[str] = typer.Option(None, help="reference date YYYY-MM-DD (the publication date)"),
          lang: Optional[str] = typer.Option(None, help="ISO 639-1 language; detected when omitted")) -> None:
    """Time expressions as TimeML values, one JSON object per expression."""
    import newsprism

    text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8", errors="replace")
    if lang is None:
        from .language import detect
        lang = detect(text)[0]
    for t in newsprism.timex(text, reference, lang):
        _jsonl({"text": t.text, "start": t.start, "end": t.end, "type": t.type, "value": t.value,
                "relative": t.relative, "anchor": t.anchor, "confidence": t.confidence})


@app.command()
def similarity(pairs: str = typer.Argument(..., help='JSONL of {"id", "a": {"title","text","lang"}, "b": {...}}, or -')) -> None:
    """Probability that each pair of articles reports the same event."""
    import newsprism

    _logging(True, False)
    fh = sys.stdin if pairs == "-" else open(pairs, encoding="utf-8")
    rows, bad = [], 0
    with fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except ValueError as exc:
                bad += 1
                err.print(f"line {n}: not JSON ({exc}); skipped")
    for out in newsprism.similarity(rows):
        _jsonl(out)
    if bad:
        raise typer.Exit(EXIT_WITH_ERRORS)


@app.command()
def entities(paths: list[str] = typer.Argument(..., help="files or folders of news pages")) -> None:
    """Canonical entities across the documents, with variants, counts and sources."""
    import newsprism

    _logging(True, False)
    for e in newsprism.entities(paths):
        _jsonl({"id": e.id, "name": e.name, "type": e.type, "variants": to_dict(e.variants),
                "confidence": e.confidence, "evidence": e.evidence})


@app.command()
def langid(file: str = typer.Argument("-", help="text file (one text per line), or - for stdin")) -> None:
    """Language of each input line (ISO 639-1) with a confidence."""
    import newsprism

    text = sys.stdin.read() if file == "-" else Path(file).read_text(encoding="utf-8", errors="replace")
    for row in newsprism.langid(text.splitlines()):
        _jsonl(row)


@app.command()
def serve(db: Path = typer.Option(Path("newsprism.db"), help="SQLite store to serve"),
          host: str = typer.Option("127.0.0.1", help="bind address (a token is required off loopback)"),
          port: int = typer.Option(8000, help="port"),
          token: Optional[str] = typer.Option(None, envvar="NEWSPRISM_TOKEN", help="token for write endpoints"),
          allow_fetch: bool = typer.Option(False, "--allow-fetch", help="let POST /api/fetch download public URLs")) -> None:
    """Serve the store: web UI at /, JSON API under /api, OpenAPI docs at /docs."""
    from .api import serve as run_server

    _logging(False, False)
    run_server(str(db), host=host, port=port, token=token, allow_fetch=allow_fetch or None)


@app.command()
def export(what: str = typer.Argument(..., help="events | claims | entities | articles"),
           db: Path = typer.Option(Path("newsprism.db"), help="SQLite store"),
           format: str = typer.Option("jsonl", "--format", "-f", help="jsonl | csv | parquet | md | html"),
           out: Optional[Path] = typer.Option(None, "--out", "-o", help="output file (default: stdout for text formats)")) -> None:
    """Export events, claims, entities or articles from the store."""
    from .export import export as run_export

    run_export(str(db), what, format, str(out) if out else None)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
