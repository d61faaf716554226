"""Background ingest jobs: an upload becomes a temp folder, then one `newsprism.analyze` run.

Jobs run one at a time on a single worker thread: the corpus phase swaps the whole analysis in the
store, so two concurrent runs would only race each other. Readers are never blocked (the store is
in WAL mode). The queue is bounded so a client cannot pile up work faster than it drains; job
state lives in memory (the last `keep` jobs) because the documents themselves are in the store.
"""
from __future__ import annotations

import logging
import shutil
import tempfile
import threading
import traceback
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


class QueueFull(Exception):
    pass


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Jobs:
    def __init__(self, db: str, max_pending: int = 4, keep: int = 200):
        self.db, self.max_pending, self.keep = db, max_pending, keep
        self.jobs: OrderedDict[str, dict[str, Any]] = OrderedDict()
        self.lock = threading.Lock()
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsprism-ingest")

    def submit(self, write: Callable[[Path], int], kind: str = "upload") -> dict[str, Any]:
        """Queue a job; `write(folder)` puts the input files in a fresh temp folder and says how many
        documents they hold (best guess, for progress)."""
        with self.lock:
            pending = sum(j["status"] in ("queued", "running") for j in self.jobs.values())
            if pending >= self.max_pending:
                raise QueueFull
        job_id = uuid.uuid4().hex
        # the folder name ends up in each document's `source`: it says which job brought it in
        folder = Path(tempfile.mkdtemp(prefix=f"newsprism-job-{job_id}-"))
        try:
            expected = write(folder)
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        job = {"id": job_id, "kind": kind, "status": "queued", "stage": None,
               "documents_expected": expected, "documents_done": 0, "created_at": _now(),
               "started_at": None, "finished_at": None, "error": None, "result": None}
        with self.lock:
            self.jobs[job["id"]] = job
            while len(self.jobs) > self.keep:
                self.jobs.popitem(last=False)
        self.pool.submit(self._run, job, folder)
        return dict(job)

    def get(self, job_id: str) -> dict[str, Any] | None:
        with self.lock:
            job = self.jobs.get(job_id)
            return dict(job) if job else None

    def _run(self, job: dict[str, Any], folder: Path) -> None:
        import newsprism
        from newsprism.config import Options

        def progress(stage: str, n: int) -> None:
            with self.lock:
                job["stage"] = stage
                if stage == "documents":
                    job["documents_done"] += n

        with self.lock:
            job.update(status="running", started_at=_now(), stage="documents")
        try:
            report = newsprism.analyze([folder], db=self.db, options=Options(progress=False), progress=progress)
            result = {"events": len(report.events), "articles": len(report.articles),
                      "errors": len(report.errors), "ingest": {k: v for k, v in report.stats.get("ingest", {}).items()
                                                               if k != "timings"}}
            with self.lock:
                job.update(status="done", stage=None, result=result)
        except Exception as exc:  # the job fails, the server goes on; the reason is pollable
            log.error("ingest job %s failed: %s", job["id"], traceback.format_exc())
            with self.lock:
                job.update(status="failed", error=f"{type(exc).__name__}: {exc}")
        finally:
            with self.lock:
                job["finished_at"] = _now()
            shutil.rmtree(folder, ignore_errors=True)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
