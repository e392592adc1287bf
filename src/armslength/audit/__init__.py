"""The audit: downloaded archives + a patient roster → an action list and a report.

>>> report = run_audit(["facebook.zip"], "roster.csv", "out")   # doctest: +SKIP
>>> report.files["html"]                                          # doctest: +SKIP
"""

from armslength.audit._accounts import ConnectedAccount, distinct_accounts
from armslength.audit._connections import Thresholds
from armslength.audit._history import Reviewable, ReviewBook, ReviewPair, find_pair, reviewable
from armslength.audit._model import Action, ActionVerb, ReportDocument
from armslength.audit._photos import DEFAULT_BUDGET, PhotoOptions
from armslength.audit._run import STAGES, AuditOptions, AuditReport, Reporter, run_audit
from armslength.audit._runner import Stage
from armslength.audit._schema import report_schema

__all__ = [
    "DEFAULT_BUDGET",
    "STAGES",
    "Action",
    "ActionVerb",
    "AuditOptions",
    "AuditReport",
    "ConnectedAccount",
    "PhotoOptions",
    "ReportDocument",
    "Reporter",
    "ReviewBook",
    "ReviewPair",
    "Reviewable",
    "Stage",
    "Thresholds",
    "distinct_accounts",
    "find_pair",
    "report_schema",
    "reviewable",
    "run_audit",
]
