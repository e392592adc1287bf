"""The application core: every face (CLI, REST API, web page) calls this for its work.

A :class:`Core` holds the :class:`~armslength.config.Settings` (which carry the organisation
policy file), the audit log it records into and who is calling. Each method does the work
through the public library, records one typed event through :mod:`armslength.store.adapters`
and returns the typed result beside whether the event was recorded. Faces only parse input
and render output, so the same interaction gives the same verdict and the same event
whichever face asked.
"""

from armslength.service._core import Core, EventQuery, LineTally, Recorded, ScreenItem
from armslength.service._log import Caller, EventLog, OneShotLog, StoreLog
from armslength.service._requests import AdviseRequest
from armslength.service._reviews import ReviewDecision, ReviewOutcome, ReviewRequest
from armslength.service._threads import off_loop

__all__ = [
    "AdviseRequest",
    "Caller",
    "Core",
    "EventLog",
    "EventQuery",
    "LineTally",
    "OneShotLog",
    "Recorded",
    "ReviewDecision",
    "ReviewOutcome",
    "ReviewRequest",
    "ScreenItem",
    "StoreLog",
    "off_loop",
]
