"""Routes of the web page (not in the OpenAPI document)."""

from __future__ import annotations

from datetime import datetime
from importlib import resources
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from pydantic import ValidationError
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.responses import RedirectResponse, Response
from starlette.templating import Jinja2Templates

from armslength._plain import lead, short_why, what
from armslength.auth import LAUNCH_PARAM, Principal, gate, visible_actor, web_principal
from armslength.errors import InputError, LoginRequiredError
from armslength.jobs import AuditJobs
from armslength.model import (
    Account,
    ContentKind,
    Jurisdiction,
    Kind,
    Platform,
    Relationship,
    Role,
    Tone,
)
from armslength.service import (
    AdviseRequest,
    Core,
    EventQuery,
    ReviewDecision,
    ReviewRequest,
    off_loop,
)
from armslength.serving import job_or_404, report_response
from armslength.store import EVENT_TYPES
from armslength.web._csrf import CSRF_FIELD, check_csrf, csrf_token, set_csrf_cookie
from armslength.web._details import event_details
from armslength.web._highlight import ordered, pieces

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(str(resources.files("armslength.web") / "templates")))


templates.env.filters["details"] = event_details
templates.env.filters["short_why"] = short_why
templates.env.filters["plain_what"] = what
templates.env.filters["lead"] = lead
CHOICES = {
    "relationship": list(Relationship),
    "kind": list(Kind),
    "account": list(Account),
    "platform": list(Platform),
    "role": list(Role),
    "jurisdiction": list(Jurisdiction),
    "tone": list(Tone),
    "content_kind": list(ContentKind),
    "event_types": EVENT_TYPES,
}


def _page(request: Request, name: str, status: int = 200, **context: Any) -> Response:
    context.update(request=request, csrf=csrf_token(request), csrf_field=CSRF_FIELD, **CHOICES)
    context.setdefault("needs_login", not gate(request).access.open)
    context.setdefault("launch", gate(request).access.secret is not None)
    response = templates.TemplateResponse(request, name, context, status_code=status)
    set_csrf_cookie(request, response)
    return response


def _core(request: Request, who: Principal) -> Core:
    """The server's application core acting for *who* through the web page."""
    core: Core = request.app.state.core
    return core.as_caller(who.actor, "web")


def _who(request: Request) -> Principal:
    principal = web_principal(request)
    if principal is None:
        raise LoginRequiredError
    return principal


async def _form(request: Request, *, files: int = 0) -> FormData:
    form = await request.form(max_files=files, max_fields=50, max_part_size=1024 * 1024)
    check_csrf(request, form)
    return form


def _text(form: FormData, name: str) -> str | None:
    value = form.get(name)
    return value if isinstance(value, str) and value != "" else None


@router.get("/")
async def home(request: Request) -> Response:
    _who(request)
    return _page(request, "home.html")


@router.get("/advise")
async def advise_form(request: Request) -> Response:
    _who(request)
    return _page(request, "advise.html", values={})


@router.post("/advise")
async def advise_submit(request: Request) -> Response:
    who = _who(request)
    form = await _form(request)
    fields = (
        "relationship",
        "kind",
        "account",
        "platform",
        "role",
        "jurisdiction",
        "message",
        "tone",
    )
    values: dict[str, Any] = {key: _text(form, key) for key in fields}
    values = {key: value for key, value in values.items() if value is not None}
    values["preexisting"] = form.get("preexisting") == "on"
    try:
        body = AdviseRequest(**values)
    except ValidationError:
        return _page(request, "advise.html", 422, values=values, error="Please check the choices.")
    core = _core(request, who)
    outcome = await off_loop(lambda: core.advise(body))
    return _page(request, "advise.html", values=values, advice=outcome.value)


@router.get("/screen")
async def screen_form(request: Request) -> Response:
    _who(request)
    return _page(request, "screen.html", text="", kind="post")


@router.post("/screen")
async def screen_submit(request: Request) -> Response:
    who = _who(request)
    form = await _form(request)
    text = _text(form, "text") or ""
    kind_value = _text(form, "kind") or "post"
    if not text.strip() or kind_value not in ContentKind.__members__.values():
        return _page(
            request,
            "screen.html",
            422,
            text=text,
            kind=kind_value,
            error="Paste some text to screen.",
        )
    if len(text) > request.app.state.limits.max_text_chars:
        return _page(
            request, "screen.html", 413, text="", kind=kind_value, error="The text is too long."
        )
    kind = ContentKind(kind_value)
    core = _core(request, who)
    outcome = await off_loop(lambda: core.screen(text, kind, redact=True))
    result = outcome.value
    findings = ordered(result.findings)
    return _page(
        request, "screen.html", text=text, kind=kind_value, result=result, findings=findings,
        pieces=pieces(text, findings),
    )  # fmt: skip


PHOTO_PREVIEW = 640
"""The longest side (pixels) of the blurred preview the screen page shows of a photo."""


def _photo_page(request: Request, status: int, error: str) -> Response:
    return _page(request, "screen.html", status, text="", kind="post", error=error)


@router.post("/screen/photo")
async def screen_photo_submit(request: Request) -> Response:
    """A photo uploaded on the screen page: its findings and a blurred, metadata-free preview."""
    from armslength.photos import sniff

    who = _who(request)
    form = await _form(request, files=1)
    upload = form.get("photo")
    if not isinstance(upload, UploadFile) or not upload.filename:
        return _photo_page(request, 422, "Choose a photo to screen.")
    limit = request.app.state.limits.max_photo_bytes
    data = await upload.read(limit + 1)
    if len(data) > limit:
        return _photo_page(request, 413, f"The photo is larger than {limit // 1024**2} MB.")
    if sniff(data) is None:
        return _photo_page(
            request, 415, "That file is not an image: choose a JPEG, PNG, WebP, GIF or HEIC photo."
        )
    core = _core(request, who)
    name = upload.filename
    try:
        outcome = await off_loop(lambda: core.screen_photo(data, name, preview=PHOTO_PREVIEW))
    except InputError as exc:
        return _photo_page(request, 422, f"The photo cannot be screened: {exc.detail}.")
    result = outcome.value
    findings = sorted(result.findings, key=lambda f: (-f.severity.rank, f.source.value))
    return _page(
        request, "screen.html", text="", kind="post", photo_result=result, findings=findings
    )


@router.get("/audit")
async def audit_form(request: Request) -> Response:
    _who(request)
    return _page(request, "audit.html")


@router.post("/audit")
async def audit_submit(request: Request) -> Response:
    who = _who(request)
    form = await _form(request, files=51)
    exports = [f for f in form.getlist("exports") if isinstance(f, UploadFile) and f.filename]
    given = form.get("roster")
    roster = given if isinstance(given, UploadFile) and given.filename else None
    if not exports:
        return _page(request, "audit.html", 422, error="Choose at least one export.")
    jobs: AuditJobs = request.app.state.audits
    job = await jobs.start_upload(who, exports, roster)
    return RedirectResponse(f"/audit/{job.id}", status_code=303)


VERDICT_RANK = {"decline": 0, "review": 1}


def _risk_order(connection: dict[str, Any]) -> tuple[int, float, str]:
    verdict = (connection.get("advice") or {}).get("verdict", "")
    return (VERDICT_RANK.get(verdict, 2), -connection["match"]["score"], connection["platform"])


def may_be_patients(report: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The report's connections at or above its review threshold, highest risk first:
    declines before reviews, then by match score."""
    if report is None:
        return []
    floor = report["summary"]["thresholds"].get("review", 0.0)
    matched = [c for c in report["connections"] if c["match"] and c["match"]["score"] >= floor]
    return sorted(matched, key=_risk_order)


@router.get("/audit/{audit_id}")
async def audit_job(request: Request, audit_id: str) -> Response:
    job = job_or_404(request, audit_id, _who(request))
    report = job.report()
    if report is None and job.status == "done":  # it finished between the two reads
        report = job.report()
    return _page(request, "audit_job.html", job=job, report=report, matched=may_be_patients(report))


@router.post("/audit/{audit_id}/review")
async def audit_review(request: Request, audit_id: str) -> Response:
    """Confirm or reject one possible patient of the audit (the buttons of its page)."""
    who = _who(request)
    job = job_or_404(request, audit_id, who)
    form = await _form(request)
    review_id, decision = _text(form, "review_id"), _text(form, "decision")
    report = job.report()
    if report is None or review_id is None or decision not in set(ReviewDecision):
        raise HTTPException(422, "choose a possible patient and confirm or reject")
    core = _core(request, who)
    wanted = [ReviewRequest(review_id, ReviewDecision(decision))]
    try:
        outcomes = await off_loop(lambda: core.review(report, wanted))
    except InputError:
        raise HTTPException(404, "no possible patient with this review id") from None
    job.reviews.update({o.review_id: o.decision.value for o in outcomes})
    return RedirectResponse(f"/audit/{job.id}#review-{review_id}", status_code=303)


REPORT_FILES = ("report.html", "report.json", "actions.csv")


@router.get("/audit/{audit_id}/{name}")
async def audit_report(request: Request, audit_id: str, name: str) -> Response:
    job = job_or_404(request, audit_id, _who(request))
    if name not in REPORT_FILES:
        raise HTTPException(404, "no such report file")
    return report_response(job, name)


def _when(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None


@router.get("/history")
async def history(request: Request) -> Response:
    who = _who(request)
    params = request.query_params
    kind = params.get("type") or None
    kind = kind if kind in EVENT_TYPES else None
    actor = visible_actor(who, params.get("actor") or None)
    since, until = _when(params.get("since")), _when(params.get("until"))
    query = EventQuery(type=kind, since=since, until=until, actor=actor, limit=200)
    core = _core(request, who)
    rows = await off_loop(lambda: core.events(query))
    verified = await off_loop(core.verify_log) if params.get("verify") else None
    filters = {
        "type": kind or "",
        "since": params.get("since", ""),
        "until": params.get("until", ""),
        "actor": actor or "",
    }
    return _page(request, "history.html", events=rows, filters=filters, verified=verified)


async def _log_in(request: Request, secret_or_token: str) -> Response:
    """A session (launch secret) or log-in (API token) cookie and on to the home page."""
    response = RedirectResponse("/", status_code=303)
    if await off_loop(lambda: gate(request).log_in(request, response, secret_or_token)):
        return response
    return _page(request, "login.html", 401, error="That token is not valid.")


@router.get("/login")
async def login_form(request: Request) -> Response:
    """The log-in form; with ``?token=<launch secret>`` (the printed link) a session at once."""
    secret = request.query_params.get(LAUNCH_PARAM)
    if secret is not None:
        return await _log_in(request, secret)
    return _page(request, "login.html")


@router.post("/login")
async def login(request: Request) -> Response:
    form = await _form(request)
    return await _log_in(request, _text(form, "token") or "")


@router.post("/logout")
async def logout(request: Request) -> Response:
    await _form(request)
    response = RedirectResponse("/login", status_code=303)
    gate(request).log_out(request, response)
    return response
