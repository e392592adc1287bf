"""Table-driven: each rule decides the situations it was written for."""

from __future__ import annotations

import pytest

from armslength import advise
from armslength.config import Channels, Profile
from armslength.model import (
    Account,
    Interaction,
    Jurisdiction,
    Kind,
    Relationship,
    Role,
    Tone,
    Verdict,
)
from armslength.policy import builtin_policy

R, K, A = Relationship, Kind, Account

CASES = [
    # relationship, kind, account, preexisting, message, deciding rule, verdict
    (
        R.CURRENT_PATIENT,
        K.FRIEND,
        A.PERSONAL,
        False,
        None,
        "current-patient-connection-personal",
        Verdict.DECLINE,
    ),
    (
        R.CURRENT_PATIENT,
        K.FOLLOW,
        A.PERSONAL,
        False,
        None,
        "current-patient-connection-personal",
        Verdict.DECLINE,
    ),
    (
        R.FORMER_PATIENT,
        K.FRIEND,
        A.PERSONAL,
        False,
        None,
        "former-patient-connection-personal",
        Verdict.DECLINE,
    ),
    (
        R.PATIENT_FAMILY,
        K.FOLLOW,
        A.PERSONAL,
        False,
        None,
        "patient-family-connection-personal",
        Verdict.DECLINE,
    ),
    (
        R.CURRENT_PATIENT,
        K.FRIEND,
        A.PERSONAL,
        True,
        None,
        "preexisting-personal-relationship",
        Verdict.REVIEW,
    ),
    (
        R.PATIENT_FAMILY,
        K.TAG,
        A.PERSONAL,
        True,
        None,
        "preexisting-personal-relationship",
        Verdict.REVIEW,
    ),
    (R.UNKNOWN, K.FRIEND, A.PERSONAL, False, None, "unknown-connection-personal", Verdict.REVIEW),
    (R.PUBLIC, K.FOLLOW, A.PERSONAL, False, None, "public-connection-personal", Verdict.ACCEPT),
    (R.COLLEAGUE, K.FRIEND, A.PERSONAL, False, None, "colleague-connection", Verdict.ACCEPT),
    (R.COLLEAGUE, K.FOLLOW, A.PROFESSIONAL, False, None, "colleague-connection", Verdict.ACCEPT),
    (
        R.CURRENT_PATIENT,
        K.FOLLOW,
        A.PROFESSIONAL,
        False,
        None,
        "follow-professional-page",
        Verdict.ACCEPT,
    ),
    (
        R.FORMER_PATIENT,
        K.FRIEND,
        A.PROFESSIONAL,
        False,
        None,
        "patient-mutual-connection-professional",
        Verdict.REVIEW,
    ),
    (
        R.PUBLIC,
        K.FRIEND,
        A.PROFESSIONAL,
        False,
        None,
        "public-connection-professional",
        Verdict.ACCEPT,
    ),
    (
        R.CURRENT_PATIENT,
        K.MESSAGE,
        A.PERSONAL,
        False,
        "see you at the match",
        "patient-message",
        Verdict.DECLINE,
    ),
    (R.CURRENT_PATIENT, K.MESSAGE, A.PROFESSIONAL, True, None, "patient-message", Verdict.DECLINE),
    (
        R.PUBLIC,
        K.MESSAGE,
        A.PERSONAL,
        False,
        "Is this rash normal?",
        "clinical-advice-request",
        Verdict.DECLINE,
    ),
    (
        R.UNKNOWN,
        K.MESSAGE,
        A.PROFESSIONAL,
        False,
        "what dose should I take",
        "clinical-advice-request",
        Verdict.DECLINE,
    ),
    (
        R.COLLEAGUE,
        K.MESSAGE,
        A.PERSONAL,
        False,
        "the pt in bed 4",
        "colleague-clinical-message",
        Verdict.DECLINE,
    ),
    (
        R.COLLEAGUE,
        K.MESSAGE,
        A.PERSONAL,
        False,
        "drinks on Friday?",
        "general-message",
        Verdict.ACCEPT,
    ),
    (R.PUBLIC, K.MESSAGE, A.PERSONAL, False, None, "general-message", Verdict.ACCEPT),
    (R.UNKNOWN, K.MESSAGE, A.PERSONAL, False, "hello there", "unknown-message", Verdict.REVIEW),
    (R.CURRENT_PATIENT, K.TAG, A.PROFESSIONAL, False, None, "patient-tag", Verdict.DECLINE),
    (R.PUBLIC, K.TAG, A.PERSONAL, False, None, "public-tag", Verdict.ACCEPT),
    (R.UNKNOWN, K.TAG, A.PERSONAL, False, None, "unknown-tag", Verdict.REVIEW),
    (R.PUBLIC, K.REVIEW, A.PROFESSIONAL, False, None, "review-no-confirmation", Verdict.REVIEW),
    (R.CURRENT_PATIENT, K.REVIEW, A.PERSONAL, True, None, "review-no-confirmation", Verdict.REVIEW),
]


@pytest.mark.parametrize(
    ("relationship", "kind", "account", "preexisting", "message", "rule", "verdict"), CASES
)
def test_rule_decides(
    relationship: Relationship,
    kind: Kind,
    account: Account,
    preexisting: bool,
    message: str | None,
    rule: str,
    verdict: Verdict,
) -> None:
    interaction = Interaction(
        relationship=relationship,
        kind=kind,
        account=account,
        preexisting=preexisting,
        message=message,
    )
    advice = advise(interaction)
    assert advice.verdict == verdict
    assert advice.reasons[0].rule == rule


def test_every_verdict_rule_is_in_the_table() -> None:
    tabled = {case[5] for case in CASES}
    verdict_rules = {r.id for r in builtin_policy().rules if r.verdict is not None}
    assert verdict_rules == tabled


REASON_ONLY = [
    ("confidentiality-online", Interaction(relationship=R.CURRENT_PATIENT, kind=K.REVIEW)),
    ("separate-professional-presence", Interaction(relationship=R.UNKNOWN, kind=K.FOLLOW)),
    (
        "therapeutic-frame",
        Interaction(relationship=R.FORMER_PATIENT, kind=K.MESSAGE, role=Role.PSYCHIATRIST),
    ),
    (
        "student-placement",
        Interaction(relationship=R.CURRENT_PATIENT, kind=K.FRIEND, role=Role.STUDENT),
    ),
]


@pytest.mark.parametrize(("rule", "interaction"), REASON_ONLY)
def test_reason_only_rules_add_a_reason(rule: str, interaction: Interaction) -> None:
    assert rule in [r.rule for r in advise(interaction).reasons]


def test_therapeutic_frame_only_for_mental_health_roles() -> None:
    nurse = Interaction(relationship=R.CURRENT_PATIENT, kind=K.FRIEND, role=Role.NURSE)
    assert "therapeutic-frame" not in [r.rule for r in advise(nurse).reasons]


def _cited(interaction: Interaction) -> set[str]:
    return {s.id for s in advise(interaction).reasons[0].sources}


# jurisdiction x role combinations that have a body with a connection-request position
SOURCES_BY_PROFILE = [
    # GMC 2013 is superseded; GMC 2024 sets no explicit rule, so it is a softer position
    (Jurisdiction.UK, Role.DOCTOR, {"bma_2011"}, "GMC 2024"),
    (Jurisdiction.UK, Role.STUDENT, {"bma_2011"}, None),
    (Jurisdiction.UK, Role.NURSE, {"nmc_uk"}, None),
    (Jurisdiction.US, Role.DOCTOR, {"acp_fsmb_2013", "fsmb_2019", "guseh_2009"}, "AMA"),
    (
        Jurisdiction.US,
        Role.PSYCHIATRIST,
        {"acp_fsmb_2013", "fsmb_2019", "guseh_2009", "apa_psychiatry"},
        "AMA",
    ),
    (Jurisdiction.US, Role.NURSE, {"ncsbn"}, None),
    (Jurisdiction.US, Role.STUDENT, {"acp_fsmb_2013"}, "AMA"),
    (Jurisdiction.CA, Role.NURSE, {"cno_2018"}, None),
    (Jurisdiction.IE, Role.DOCTOR, {"mci_2016_2024"}, None),
    (Jurisdiction.INTL, Role.DOCTOR, {"bma_2011", "acp_fsmb_2013"}, "AMA"),
    (Jurisdiction.INTL, Role.NURSE, {"nmc_uk", "ncsbn", "cno_2018"}, None),
]


@pytest.mark.parametrize(("jurisdiction", "role", "expected", "dissenter"), SOURCES_BY_PROFILE)
def test_current_patient_request_cites_the_profile_bodies(
    jurisdiction: Jurisdiction, role: Role, expected: set[str], dissenter: str | None
) -> None:
    interaction = Interaction(
        relationship=R.CURRENT_PATIENT,
        kind=K.FRIEND,
        account=A.PERSONAL,
        jurisdiction=jurisdiction,
        role=role,
    )
    advice = advise(interaction)
    assert advice.verdict == Verdict.DECLINE
    cited = _cited(interaction)
    assert cited == expected if jurisdiction != Jurisdiction.INTL else expected <= cited
    active = builtin_policy().active_sources(jurisdiction, role)
    assert cited <= active
    disagreement = advice.reasons[0].disagreement or ""
    if dissenter:
        assert dissenter in disagreement
    assert not any(note.startswith("Rule 'current-patient") for note in advice.notes)


@pytest.mark.parametrize(
    ("jurisdiction", "role"),
    [
        (Jurisdiction.AU, Role.DOCTOR),
        (Jurisdiction.NZ, Role.DOCTOR),
        (Jurisdiction.CA, Role.DOCTOR),
        (Jurisdiction.UK, Role.DENTIST),
        (Jurisdiction.US, Role.PSYCHOLOGIST),
    ],
)
def test_no_explicit_body_falls_back_to_strictest_and_says_so(
    jurisdiction: Jurisdiction, role: Role
) -> None:
    interaction = Interaction(
        relationship=R.CURRENT_PATIENT,
        kind=K.FRIEND,
        account=A.PERSONAL,
        jurisdiction=jurisdiction,
        role=role,
    )
    advice = advise(interaction)
    assert advice.verdict == Verdict.DECLINE
    assert any(
        "current-patient-connection-personal" in n and "strictest" in n for n in advice.notes
    )
    assert {"bma_2011", "acp_fsmb_2013"} <= _cited(interaction)


def test_us_psychologist_sees_apa_dissent() -> None:
    advice = advise(
        Interaction(
            relationship=R.CURRENT_PATIENT,
            kind=K.FRIEND,
            jurisdiction=Jurisdiction.US,
            role=Role.PSYCHOLOGIST,
        )
    )
    assert "American Psychological Association" in (advice.reasons[0].disagreement or "")


def test_reply_redirects_to_configured_channels_and_tone() -> None:
    profile = Profile(
        practice_name="Elm Street Clinic",
        tone=Tone.FORMAL,
        channels=Channels(portal="https://portal.elm.example", email="desk@elm.example"),
    )
    advice = advise(Interaction(relationship=R.CURRENT_PATIENT, kind=K.FRIEND), profile=profile)
    assert advice.reply is not None
    assert "https://portal.elm.example" in advice.reply and "desk@elm.example" in advice.reply
    assert "Thank you for your request" in advice.reply
    assert not any("armslength init" in note for note in advice.notes)


def test_no_channels_tells_the_user_to_run_init() -> None:
    advice = advise(Interaction(relationship=R.CURRENT_PATIENT, kind=K.MESSAGE))
    assert advice.reply is not None and "usual contact details" in advice.reply
    assert any("armslength init" in note for note in advice.notes)


def test_clinical_message_reply_has_emergency_line_per_jurisdiction() -> None:
    for jurisdiction, number in [
        (Jurisdiction.UK, "999"),
        (Jurisdiction.US, "911"),
        (Jurisdiction.AU, "000"),
    ]:
        advice = advise(
            Interaction(
                relationship=R.PUBLIC,
                kind=K.MESSAGE,
                message="my chest hurts",
                jurisdiction=jurisdiction,
            )
        )
        assert advice.reply is not None and "emergency" in advice.reply and number in advice.reply


def test_american_spelling_for_us() -> None:
    profile = Profile(practice_name="Oak Organisation")
    review = Interaction(relationship=R.PUBLIC, kind=K.REVIEW, account=A.PROFESSIONAL)
    assert advise(
        review.model_copy(update={"jurisdiction": Jurisdiction.US}), profile=profile
    ).reply
    from armslength.replies import _americanise

    assert _americanise("We apologise; the Organisation will recognise it.") == (
        "We apologize; the Organization will recognize it."
    )


def test_review_reply_never_confirms_a_patient() -> None:
    advice = advise(
        Interaction(relationship=R.CURRENT_PATIENT, kind=K.REVIEW, account=A.PROFESSIONAL)
    )
    assert advice.reply is not None
    lowered = advice.reply.lower()
    for word in ("your care", "your treatment", "your visit", "as your", "patient", "appointment"):
        assert word not in lowered


@pytest.mark.parametrize("jurisdiction", list(Jurisdiction))
@pytest.mark.parametrize("role", list(Role))
def test_every_rule_in_every_jurisdiction_and_role(jurisdiction: Jurisdiction, role: Role) -> None:
    """Each verdict rule decides its situation for every profile, citing that profile's bodies
    (or, where none of them speaks to it, the strictest common position with a note)."""
    policy = builtin_policy()
    active = policy.active_sources(jurisdiction, role)
    for relationship, kind, account, preexisting, message, rule, verdict in CASES:
        interaction = Interaction(
            relationship=relationship,
            kind=kind,
            account=account,
            preexisting=preexisting,
            message=message,
            role=role,
            jurisdiction=jurisdiction,
        )
        advice = advise(interaction, policy=policy)
        assert advice.verdict == verdict, (rule, role, jurisdiction)
        deciding = advice.reasons[0]
        assert deciding.rule == rule
        cited = {s.id for s in deciding.sources}
        fell_back = any(note.startswith(f"Rule '{rule}'") for note in advice.notes)
        assert cited <= active or fell_back, (rule, role, jurisdiction, cited - active)
        assert fell_back == (not cited & active), (rule, role, jurisdiction)
