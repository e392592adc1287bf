"""``/api/v1``: advise, screen, audits, events (thin adapters over the library)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Body, Depends, File, Form, Query, Request, Response, UploadFile
from starlette.exceptions import HTTPException
from starlette.responses import FileResponse

from armslength.api._limits import Limits, read_upload
from armslength.api._schemas import (
    AdviseRequest,
    AuditJob,
    EventOut,
    EventsResponse,
    PhotoScreenResponse,
    ReviewsRequest,
    ReviewsResponse,
    ScreenBatchRequest,
    ScreenRequest,
    ScreenResponse,
    VerifyResponse,
)
from armslength.auth import Principal, api_principal, require, visible_actor
from armslength.errors import InputError
from armslength.jobs import AuditJobs, Job
from armslength.model import Advice, ContentKind, ScreenResult
from armslength.service import Core, EventQuery, ReviewRequest, ScreenItem, off_loop
from armslength.serving import job_or_404, report_response
from armslength.store import EVENT_TYPES, TokenRole

router = APIRouter(prefix="/api/v1")
Caller = Annotated[Principal, Depends(api_principal)]
RECORD_HEADER = "Armslength-Audit-Log"
PREVIEW_SIDE = 480
"""The longest side (pixels) of the blurred preview the photo screen returns when asked."""
PROBLEM: dict[str, Any] = {"content": {"application/problem+json": {}}}
ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "The body cannot be parsed", **PROBLEM},
    401: {"description": "A token (or the launch link's session cookie) is required", **PROBLEM},
    403: {"description": "The token's role may not do this", **PROBLEM},
    413: {"description": "The request body is too large", **PROBLEM},
    422: {"description": "The request does not match the schema", **PROBLEM},
    503: {"description": "The audit log is unavailable or the request timed out", **PROBLEM},
}


AUDIT_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    404: {"description": "No such audit (or its report is not ready)", **PROBLEM},
}


def _recorded(response: Response, ok: bool) -> None:
    response.headers[RECORD_HEADER] = "recorded" if ok else "failed"


@router.post("/advise", response_model=Advice, responses=ERRORS, tags=["advise"])
async def advise_endpoint(
    body: AdviseRequest, request: Request, response: Response, caller: Caller
) -> Any:
    """Advise on a request, follow, message, tag or review: verdict, reasons, a reply.

    The same JSON as ``armslength advise --json``. The message is used to tell its topic and is
    never stored; the audit log gets the verdict, rule ids and options.
    """
    require(caller, TokenRole.CLINICIAN)
    core = _core(request, caller)
    outcome = await off_loop(lambda: core.advise(body))
    _recorded(response, outcome.recorded)
    return outcome.value.to_json_dict()


def _core(request: Request, caller: Principal) -> Core:
    """The server's application core acting for *caller* through the API."""
    core: Core = request.app.state.core
    return core.as_caller(caller.actor, "api")


def _screen_json(result: ScreenResult, redact: bool) -> dict[str, object]:
    """The CLI's ``--json`` shape: ``redacted`` only when asked for."""
    out = result.model_dump(mode="json")
    if not redact:
        out.pop("redacted", None)
    return out


@router.post(
    "/screen",
    response_model=None,
    responses={**ERRORS, 200: {"model": ScreenResponse, "description": "One result or a batch"}},
    tags=["screen"],
)
async def screen_endpoint(
    body: Annotated[ScreenRequest | ScreenBatchRequest, Body()],
    request: Request,
    response: Response,
    caller: Caller,
) -> Any:
    """Screen one text (``{"text", "kind"}``) or a batch (``{"items": [...]}`` → ``{"results"}``).

    Findings explain themselves (``why``) and index the input in code points. Only counts, rule
    ids and the text's SHA-256 go to the audit log.
    """
    require(caller, TokenRole.CLINICIAN)
    core = _core(request, caller)
    if isinstance(body, ScreenRequest):
        one = await off_loop(
            lambda: core.screen(body.text, body.kind, redact=body.redact, id=body.id)
        )
        _recorded(response, one.recorded)
        return _screen_json(one.value, body.redact)
    items = [ScreenItem(text=item.text, id=item.id, kind=item.kind) for item in body.items]
    many = await off_loop(lambda: core.screen_many(items, body.kind, redact=body.redact))
    _recorded(response, many.recorded)
    return {"results": [_screen_json(r, body.redact) for r in many.value]}


PHOTO_ERRORS: dict[int | str, dict[str, Any]] = {
    **ERRORS,
    413: {"description": "The photo is larger than the limit (20 MB unless configured)", **PROBLEM},
    415: {"description": "The upload is not an image (JPEG, PNG, WebP, GIF, HEIC)", **PROBLEM},
    422: {"description": "The image cannot be decoded (damaged, truncated, too many pixels)",
          **PROBLEM},
}  # fmt: skip


@router.post(
    "/screen/photo",
    response_model=PhotoScreenResponse,
    responses=PHOTO_ERRORS,
    tags=["screen"],
)
async def screen_photo_endpoint(
    request: Request,
    response: Response,
    caller: Caller,
    photo: Annotated[UploadFile, File(description="The photo: JPEG, PNG, WebP, GIF or HEIC")],
    kind: Annotated[ContentKind, Form()] = ContentKind.POST,
    preview: Annotated[
        bool, Form(description="Add a small copy blurred where the findings are (a data URI)")
    ] = False,
) -> Any:
    """Screen a photo as ``armslength screen PHOTO --json``: metadata, text read from the
    picture (OCR) and faces, each finding with its box in pixels; one risk.

    The type comes from the bytes, not the name. Only counts, rule ids, faces and the image's
    SHA-256 go to the audit log; the photo is not kept.
    """
    from armslength.photos import sniff

    require(caller, TokenRole.CLINICIAN)
    limits: Limits = request.app.state.limits
    data = await read_upload(photo, limits.max_photo_bytes)
    if data is None:
        raise HTTPException(413, f"the photo is larger than {limits.max_photo_bytes} bytes")
    if sniff(data) is None:
        raise HTTPException(415, "not an image (expected JPEG, PNG, WebP, GIF or HEIC)")
    core = _core(request, caller)
    side = PREVIEW_SIDE if preview else None
    name = photo.filename or "upload"
    outcome = await off_loop(lambda: core.screen_photo(data, name, kind, preview=side))
    _recorded(response, outcome.recorded)
    return outcome.value.model_dump(mode="json", exclude={"text", "redacted"})


def _job_out(job: Job, *, with_report: bool = True) -> AuditJob:
    return AuditJob(
        id=job.id, status=job.status, stage=job.stage, progress=job.progress(),
        error=job.error, created=job.created, finished=job.finished, summary=job.summary,
        report=job.report() if with_report else None,
    )  # fmt: skip


@router.post("/audits", response_model=AuditJob, status_code=202, responses=ERRORS, tags=["audits"])
async def create_audit(
    request: Request,
    caller: Caller,
    exports: Annotated[
        list[UploadFile], File(description="Downloaded archives (zip, tar.gz or files)")
    ],
    roster: Annotated[
        UploadFile | None,
        File(description="Patient roster: CSV or FHIR JSON/NDJSON (none: no patient matching)"),
    ] = None,
) -> Any:
    """Upload exports and a roster; the audit runs in the background.

    Without a roster everything but patient matching runs (``summary.roster_given`` false).

    Poll ``GET /api/v1/audits/{audit_id}`` for progress and, once ``done``, the report. The
    uploads are deleted when the run ends; the report is deleted after the server's time to
    live for audits (8 hours unless configured), or when the server stops. Only the caller that
    started it (or a privacy officer) can read it.
    """
    require(caller, TokenRole.CLINICIAN)
    if not exports:
        raise HTTPException(422, "upload at least one export")
    jobs: AuditJobs = request.app.state.audits
    job = await jobs.start_upload(caller, exports, roster)
    return _job_out(job, with_report=False)


@router.get("/audits/{audit_id}", response_model=AuditJob, responses=AUDIT_ERRORS, tags=["audits"])
async def get_audit(audit_id: str, request: Request, caller: Caller) -> Any:
    """The audit's status and stage; once done, its summary and ``report.json``."""
    require(caller, TokenRole.CLINICIAN)
    return _job_out(job_or_404(request, audit_id, caller))


@router.get(
    "/audits/{audit_id}/files/{name}",
    responses={
        **AUDIT_ERRORS,
        200: {"content": {"text/html": {}, "text/csv": {}, "application/json": {}}},
    },
    response_class=FileResponse,
    tags=["audits"],
)
async def get_audit_file(
    audit_id: str, name: Literal["report.html", "report.json", "actions.csv"], request: Request,
    caller: Caller,
) -> Any:  # fmt: skip
    """One of the report files of a finished audit."""
    require(caller, TokenRole.CLINICIAN)
    return report_response(job_or_404(request, audit_id, caller), name)


@router.post(
    "/audits/{audit_id}/reviews", response_model=ReviewsResponse, responses=AUDIT_ERRORS,
    tags=["audits"],
)  # fmt: skip
async def review_audit(
    audit_id: str, body: ReviewsRequest, request: Request, caller: Caller
) -> Any:
    """Confirm or reject possible patients of a finished audit by their review ids.

    As ``armslength review --confirm/--reject`` and the web page's buttons: each decision is
    kept as keyed hashes of the account and the patient id (never a name or an id) and logged
    as ``match.reviewed``; the next audit applies it. An unknown review id is a 404 and
    nothing is kept.
    """
    require(caller, TokenRole.CLINICIAN)
    job = job_or_404(request, audit_id, caller)
    report = job.report()
    if report is None:
        raise HTTPException(404, "the report is not ready")
    wanted = [ReviewRequest(d.review_id, d.decision) for d in body.decisions]
    core = _core(request, caller)
    try:
        outcomes = await off_loop(lambda: core.review(report, wanted))
    except InputError:
        raise HTTPException(404, "no possible patient with this review id") from None
    job.reviews.update({o.review_id: o.decision.value for o in outcomes})
    rows = [{"review_id": o.review_id, "decision": o.decision.value, "event_id": o.event_id}
            for o in outcomes]  # fmt: skip
    return ReviewsResponse(reviews=rows)


EventType = Literal[
    "advice.given", "text.screened", "photo.screened", "audit.run", "match.reviewed", "policy.changed",
    "retention.purged", "token.changed",
]  # fmt: skip
assert set(EventType.__args__) == set(EVENT_TYPES)  # type: ignore[attr-defined]


@router.get("/events", response_model=EventsResponse, responses=ERRORS, tags=["events"])
async def list_events(
    request: Request,
    caller: Caller,
    type: Annotated[EventType | None, Query(description="Only this event type")] = None,
    since: Annotated[datetime | None, Query(description="Created at or after (ISO 8601)")] = None,
    until: Annotated[datetime | None, Query(description="Created before (ISO 8601)")] = None,
    actor: Annotated[str | None, Query(max_length=200)] = None,
    before_id: Annotated[
        int | None, Query(ge=1, le=2**62, description="Page: older than this id")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> Any:
    """Audit-log events, newest first (privacy officers see all; clinicians their own)."""
    query = EventQuery(
        type=type, since=since, until=until, actor=visible_actor(caller, actor),
        before_id=before_id, limit=limit,
    )  # fmt: skip
    core = _core(request, caller)
    rows = await off_loop(lambda: core.events(query))
    events = [EventOut(**row.model_dump()) for row in rows]
    next_id = events[-1].id if len(events) == limit else None
    return EventsResponse(events=events, next_before_id=next_id)


@router.get("/events/verify", response_model=VerifyResponse, responses=ERRORS, tags=["events"])
async def verify_events(request: Request, caller: Caller) -> Any:
    """Check the hash chain (as ``armslength db verify``)."""
    require(caller, TokenRole.PRIVACY_OFFICER)
    ok, first_bad = await off_loop(_core(request, caller).verify_log)
    return VerifyResponse(ok=ok, first_bad_id=first_bad)
