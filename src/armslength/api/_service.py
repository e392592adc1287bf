"""The work behind each endpoint and web form: call the library, then log the event."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TypeVar

import anyio.to_thread

from armslength.advise import advise
from armslength.api._schemas import AdviseRequest
from armslength.config import Settings
from armslength.errors import ArmslengthError
from armslength.model import Advice, ContentKind, Interaction, ScreenResult
from armslength.policy import load_policy
from armslength.screen import screen
from armslength.store import Event, Store
from armslength.store.adapters import advice_event, screen_event

log = logging.getLogger("armslength.api")
T = TypeVar("T")


async def off_loop(fn: Callable[[], T]) -> T:
    """Run blocking work in a thread; a timed-out request abandons it instead of waiting."""
    return await anyio.to_thread.run_sync(fn, abandon_on_cancel=True)


def log_event(store: Store, event: Event) -> bool:
    """Append *event*; a failed append is logged (type only) and reported, never raised."""
    try:
        store.append(event)
    except ArmslengthError as exc:
        log.warning("event %s not recorded: %s", event.type, exc)
        return False
    return True


def interaction_of(request: AdviseRequest, settings: Settings) -> Interaction:
    return Interaction(
        relationship=request.relationship,
        kind=request.kind,
        account=request.account,
        platform=request.platform,
        role=request.role or settings.profile.role,
        jurisdiction=request.jurisdiction or settings.profile.jurisdiction,
        preexisting=request.preexisting,
        message=request.message,
    )


def give_advice(
    request: AdviseRequest, settings: Settings, store: Store, *, actor: str, source: str
) -> tuple[Advice, bool]:
    """Advice for *request* and whether its event was recorded."""
    profile = settings.profile
    if request.tone is not None:
        profile = profile.model_copy(update={"tone": request.tone})
    interaction = interaction_of(request, settings)
    result = advise(interaction, policy=load_policy(None), profile=profile)
    event = advice_event(interaction, result, actor=actor, source=source)
    return result, log_event(store, event)


def screen_text(
    text: str,
    kind: ContentKind,
    settings: Settings,
    store: Store,
    *,
    actor: str,
    source: str,
    redact: bool = False,
    id: str | None = None,
) -> tuple[ScreenResult, bool]:
    """Findings for *text* and whether its event was recorded."""
    allow = tuple(settings.screen.allow_terms)
    result = screen(text, kind, allow_terms=allow, redact=redact, id=id)
    event = screen_event(text, kind.value, result, actor=actor, source=source, redacted=redact)
    return result, log_event(store, event)


def screen_json(result: ScreenResult, redact: bool) -> dict[str, object]:
    """The CLI's ``--json`` shape: ``redacted`` only when asked for."""
    out = result.model_dump(mode="json")
    if not redact:
        out.pop("redacted", None)
    return out
