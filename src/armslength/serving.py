"""HTTP pieces shared by the REST API and the web page (both are faces of one server)."""

from __future__ import annotations

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse

from armslength.auth import Principal
from armslength.jobs import AuditJobs, Job

REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"
"""The report pages are self-contained: no script, nothing fetched, never framed."""


def job_or_404(request: Request, audit_id: str, principal: Principal) -> Job:
    """The audit, if it exists and *principal* may see it (clinicians: only their own)."""
    jobs: AuditJobs = request.app.state.audits
    job = jobs.find(audit_id, principal)
    if job is None:
        raise HTTPException(404, "no audit with this id on this server")
    return job


def report_response(job: Job, name: str) -> FileResponse:
    """One file of a finished audit's report, under the report's content policy."""
    path = job.report_file(name)
    if path is None:
        raise HTTPException(404, "the report is not ready")
    headers = {"content-security-policy": REPORT_CSP}
    return FileResponse(path, headers=headers, filename=name if name != "report.html" else None)
