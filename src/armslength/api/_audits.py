"""Audits as background jobs: uploads in a private temp folder, progress, then the report."""

from __future__ import annotations

import json
import secrets
import shutil
import tempfile
import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from armslength.audit import run_audit
from armslength.config import Settings
from armslength.errors import ArmslengthError
from armslength.store import Store
from armslength.store.adapters import audit_event
from armslength.store.events import file_hash, utcnow

CHUNK = 1024 * 1024


def safe_name(name: str | None, fallback: str) -> str:
    """A file name without any folder part (uploads never choose where they land)."""
    base = Path((name or "").replace("\\", "/")).name.strip()
    cleaned = "".join(ch for ch in base if ch.isalnum() or ch in "._-")[:100].lstrip(".")
    return cleaned or fallback


@dataclass
class Job:
    id: str
    actor: str
    folder: Path
    created: datetime = field(default_factory=utcnow)
    status: str = "queued"
    stage: str | None = None
    total: int | None = None
    done: int = 0
    error: str | None = None
    finished: datetime | None = None
    summary: dict[str, Any] | None = None

    @property
    def inputs(self) -> Path:
        return self.folder / "in"

    @property
    def out(self) -> Path:
        return self.folder / "out"

    def progress(self) -> float | None:
        if self.status == "done":
            return 1.0
        if self.total:
            return min(1.0, self.done / self.total)
        return None

    def report(self) -> dict[str, Any] | None:
        path = self.out / "report.json"
        if self.status != "done" or not path.is_file():
            return None
        data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return data


class _Progress:
    """The audit's Reporter: stage names and counts, kept on the job."""

    def __init__(self, job: Job) -> None:
        self.job = job

    def start(self, stage: str, total: int | None) -> None:
        self.job.stage, self.job.total, self.job.done = stage, total, 0

    def advance(self, amount: int = 1) -> None:
        self.job.done += amount


class AuditJobs:
    """Runs audits one (or a few) at a time; results live until the server stops."""

    def __init__(
        self, store: Store, settings: Settings, workers: int = 1, max_jobs: int = 50
    ) -> None:
        self.store = store
        self.max_jobs = max_jobs
        self.settings = settings
        self.workers = workers
        self.root = Path(tempfile.mkdtemp(prefix="armslength-audits-"))
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None

    def new_job(self, actor: str) -> Job:
        self.root.mkdir(parents=True, exist_ok=True)
        job = Job(id=secrets.token_hex(8), actor=actor, folder=self.root / secrets.token_hex(8))
        job.inputs.mkdir(parents=True)
        with self._lock:
            self._jobs[job.id] = job
            self._forget_oldest()
        return job

    def _forget_oldest(self) -> None:
        """Keep at most ``max_jobs`` finished audits (and their reports) on disk."""
        finished = [job for job in self._jobs.values() if job.finished is not None]
        for job in finished[: max(0, len(self._jobs) - self.max_jobs)]:
            del self._jobs[job.id]
            shutil.rmtree(job.folder, ignore_errors=True)

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def start(self, job: Job, exports: list[Path], roster: Path) -> None:
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="audit")
            self._pool.submit(self._run, job, exports, roster)

    def _run(self, job: Job, exports: list[Path], roster: Path) -> None:
        job.status = "running"
        hashes = [file_hash(path) for path in exports]
        roster_hash = file_hash(roster)
        status, error = self._audit(job, exports, roster)
        event = audit_event(
            job.summary or {}, export_hashes=hashes, roster_hash=roster_hash, actor=job.actor,
            source="api", audit_id=job.id, status=status,
        )  # fmt: skip
        try:
            self.store.append(event)
        except ArmslengthError:
            error = (error or "") + " (not recorded in the audit log)"
        job.error, job.finished, job.status = error, utcnow(), status  # status last: pollers

    def _audit(self, job: Job, exports: list[Path], roster: Path) -> tuple[str, str | None]:
        try:
            report = run_audit(
                exports, roster, job.out, settings=self.settings, reporter=_Progress(job)
            )
            job.summary = report.summary.model_dump(mode="json")
            return "done", None
        except ArmslengthError as exc:
            return "failed", str(exc)
        except Exception as exc:  # a bug must not kill the worker or leak text
            return "failed", f"internal error ({type(exc).__name__})"
        finally:
            shutil.rmtree(job.inputs, ignore_errors=True)  # the roster is never kept

    def close(self) -> None:
        """Stop the workers and delete every upload and report of this server."""
        with self._lock:
            pool, self._pool = self._pool, None
            self._jobs.clear()
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
        shutil.rmtree(self.root, ignore_errors=True)
