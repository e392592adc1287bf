"""Audits as background jobs on the server: uploads in a private temp folder, progress, then
the report; shared by the REST API and the web page. Each run goes through the core, so its
event is the CLI's (timings included).

Only the principal that started a job (or a privacy officer) finds it; a finished job and its
report are deleted once they are older than the jobs' time to live (checked on every access and
by :meth:`AuditJobs.sweep`, which the server also runs periodically).
"""

from __future__ import annotations

import json
import secrets
import shutil
import tempfile
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from starlette.datastructures import UploadFile

from armslength.auth import Principal, may_read
from armslength.errors import ArmslengthError
from armslength.service import Core
from armslength.store.events import utcnow

CHUNK = 1024 * 1024


def safe_name(name: str | None, fallback: str) -> str:
    """A file name without any folder part (uploads never choose where they land)."""
    base = Path((name or "").replace("\\", "/")).name.strip()
    cleaned = "".join(ch for ch in base if ch.isalnum() or ch in "._-")[:100].lstrip(".")
    return cleaned or fallback


async def _save(upload: UploadFile, folder: Path, fallback: str) -> Path:
    target = folder / safe_name(upload.filename, fallback)
    if target.exists():
        target = folder / f"{len(list(folder.iterdir()))}-{target.name}"
    with target.open("wb") as handle:
        while chunk := await upload.read(CHUNK):
            handle.write(chunk)
    return target


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
    reviews: dict[str, str] = field(default_factory=dict)
    """Review id → the decision made on this audit's possible patients (web page, API)."""

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

    def report_file(self, name: str) -> Path | None:
        """One of the finished report's files, or None (not done, or no such file)."""
        path = self.out / name
        return path if self.status == "done" and path.is_file() else None

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


DEFAULT_TTL = timedelta(hours=8)


class AuditJobs:
    """Runs audits one (or a few) at a time; a finished job lives for *ttl*, then is deleted.

    The folder is private to the server's user (``mkdtemp``: mode 0700). *clock* is for tests.
    """

    def __init__(
        self,
        core: Core,
        workers: int = 1,
        max_jobs: int = 50,
        ttl: timedelta = DEFAULT_TTL,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self.core = core
        self.max_jobs = max_jobs
        self.workers = workers
        self.ttl = ttl
        self.clock = clock
        self.root = Path(tempfile.mkdtemp(prefix="armslength-audits-"))
        self._jobs: dict[str, Job] = {}
        self._lock = threading.Lock()
        self._pool: ThreadPoolExecutor | None = None

    def new_job(self, actor: str) -> Job:
        self.root.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder = self.root / secrets.token_hex(8)
        job = Job(id=secrets.token_hex(8), actor=actor, folder=folder, created=self.clock())
        job.inputs.mkdir(parents=True)
        with self._lock:
            self._jobs[job.id] = job
            self._sweep()
            self._forget_oldest()
        return job

    def _forget_oldest(self) -> None:
        """Keep at most ``max_jobs`` finished audits (and their reports) on disk."""
        finished = [job for job in self._jobs.values() if job.finished is not None]
        for job in finished[: max(0, len(self._jobs) - self.max_jobs)]:
            self._delete(job)

    def _delete(self, job: Job) -> None:
        del self._jobs[job.id]
        shutil.rmtree(job.folder, ignore_errors=True)

    def _sweep(self) -> list[str]:
        cutoff = self.clock() - self.ttl
        expired = [
            j for j in self._jobs.values() if j.finished is not None and j.finished <= cutoff
        ]
        for job in expired:
            self._delete(job)
        return [job.id for job in expired]

    def sweep(self) -> list[str]:
        """Delete every finished job older than the time to live; their ids."""
        with self._lock:
            return self._sweep()

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            self._sweep()
            return self._jobs.get(job_id)

    def start(self, job: Job, exports: list[Path], roster: Path | None) -> None:
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self.workers, thread_name_prefix="audit")
            self._pool.submit(self._run, job, exports, roster)

    def _run(self, job: Job, exports: list[Path], roster: Path | None) -> None:
        job.status = "running"
        status, error = self._audit(job, exports, roster)
        job.error, job.finished, job.status = error, self.clock(), status  # status last: pollers

    def _audit(self, job: Job, exports: list[Path], roster: Path | None) -> tuple[str, str | None]:
        core = self.core.as_caller(job.actor, "api")
        try:
            outcome = core.audit(exports, roster, job.out, reporter=_Progress(job), audit_id=job.id)
            job.summary = outcome.value.summary.model_dump(mode="json")
            note = " (not recorded in the audit log)" if outcome.warning else None
            return "done", note
        except ArmslengthError as exc:
            return "failed", str(exc)
        except Exception as exc:  # a bug must not kill the worker or leak text
            return "failed", f"internal error ({type(exc).__name__})"
        finally:
            shutil.rmtree(job.inputs, ignore_errors=True)  # the roster is never kept

    def find(self, job_id: str, principal: Principal) -> Job | None:
        """The job, if it exists and *principal* may see it."""
        job = self.get(job_id)
        return job if job is not None and may_read(principal, job.actor) else None

    async def start_upload(
        self, principal: Principal, exports: Sequence[UploadFile], roster: UploadFile | None
    ) -> Job:
        """Save the uploads in a fresh private folder and queue the audit (no roster: no
        patient matching)."""
        job = self.new_job(principal.actor)
        saved = [await _save(up, job.inputs, f"export-{n}") for n, up in enumerate(exports)]
        roster_path = None
        if roster is not None:
            roster_dir = job.inputs / "roster"
            roster_dir.mkdir()
            roster_path = await _save(roster, roster_dir, "roster.csv")
        self.start(job, saved, roster_path)
        return job

    def close(self) -> None:
        """Stop the workers and delete every upload and report of this server."""
        with self._lock:
            pool, self._pool = self._pool, None
            self._jobs.clear()
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
        shutil.rmtree(self.root, ignore_errors=True)
