"""Properties of the advisor that must hold for every input."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from armslength import advise
from armslength.cli import app
from armslength.config import Channels, Profile
from armslength.model import (
    Account,
    Interaction,
    Jurisdiction,
    Kind,
    Platform,
    Relationship,
    Role,
    Tone,
    Verdict,
)

# A marker no template could contain: letters and digits with a fixed odd prefix.
markers = st.from_regex(r"Qz[A-Za-z0-9]{6,20}", fullmatch=True)
clinical_or_not = st.sampled_from(["", "my rash is worse ", "see you Friday ", "what dose of "])

interactions = st.builds(
    Interaction,
    relationship=st.sampled_from(Relationship),
    kind=st.sampled_from(Kind),
    account=st.sampled_from(Account),
    platform=st.sampled_from(Platform),
    role=st.sampled_from(Role),
    jurisdiction=st.sampled_from(Jurisdiction),
    preexisting=st.booleans(),
    message=st.one_of(st.none(), st.text(max_size=200)),
)
profiles = st.builds(
    Profile,
    role=st.sampled_from(Role),
    jurisdiction=st.sampled_from(Jurisdiction),
    tone=st.sampled_from(Tone),
    practice_name=st.one_of(st.none(), st.sampled_from(["Elm Clinic", "St Anne's Practice"])),
    channels=st.sampled_from(
        [
            Channels(),
            Channels(website="https://a.example", email="x@a.example", phone="0100 000000"),
        ]
    ),
)


@settings(max_examples=300, deadline=None)
@given(
    interaction=interactions.filter(
        lambda i: (
            i.relationship in (Relationship.CURRENT_PATIENT, Relationship.FORMER_PATIENT)
            and i.kind == Kind.FRIEND
            and i.account == Account.PERSONAL
        )
    ),
    profile=profiles,
)
def test_never_accept_a_patients_friend_request_on_a_personal_account(
    interaction: Interaction, profile: Profile
) -> None:
    assert advise(interaction, profile=profile).verdict != Verdict.ACCEPT


@settings(max_examples=300, deadline=None)
@given(interaction=interactions, profile=profiles)
def test_every_decline_or_review_has_a_sourced_reason(
    interaction: Interaction, profile: Profile
) -> None:
    advice = advise(interaction, profile=profile)
    if advice.verdict != Verdict.ACCEPT:
        assert advice.reasons
        assert any(reason.sources for reason in advice.reasons)
    assert all(reason.sources for reason in advice.reasons)


@settings(max_examples=300, deadline=None)
@given(interaction=interactions, profile=profiles, prefix=clinical_or_not, marker=markers)
def test_reply_never_echoes_the_message(
    interaction: Interaction, profile: Profile, prefix: str, marker: str
) -> None:
    advice = advise(interaction.model_copy(update={"message": prefix + marker}), profile=profile)
    assert marker not in (advice.reply or "")
    assert marker not in json.dumps(advice.to_json_dict())


runner = CliRunner()


@settings(max_examples=60, deadline=None)
@given(
    relationship=st.sampled_from(Relationship),
    kind=st.sampled_from(Kind),
    account=st.sampled_from(Account),
    platform=st.sampled_from(Platform),
    role=st.sampled_from(Role),
    jurisdiction=st.sampled_from(Jurisdiction),
    preexisting=st.booleans(),
    as_json=st.booleans(),
    tone=st.sampled_from(Tone),
)
def test_cli_never_crashes_on_valid_options(
    relationship: Relationship,
    kind: Kind,
    account: Account,
    platform: Platform,
    role: Role,
    jurisdiction: Jurisdiction,
    preexisting: bool,
    as_json: bool,
    tone: Tone,
) -> None:
    args = [
        "advise",
        "--relationship",
        relationship.value,
        "--kind",
        kind.value,
        "--account",
        account.value,
        "--platform",
        platform.value,
        "--role",
        role.value,
        "--jurisdiction",
        jurisdiction.value,
        "--tone",
        tone.value,
    ]
    args += ["--preexisting"] if preexisting else []
    args += ["--json"] if as_json else []
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    if as_json:
        assert json.loads(result.stdout)["verdict"] in {"decline", "accept", "review"}


OPTIONS = {
    "--relationship": Relationship,
    "--kind": Kind,
    "--account": Account,
    "--platform": Platform,
    "--role": Role,
    "--jurisdiction": Jurisdiction,
    "--tone": Tone,
}


@settings(max_examples=60, deadline=None)
@given(option=st.sampled_from(sorted(OPTIONS)), value=st.from_regex(r"[a-z]{3,12}", fullmatch=True))
def test_invalid_values_exit_2_listing_valid_ones(option: str, value: str) -> None:
    valid = [member.value for member in OPTIONS[option]]
    if value in valid:
        return
    result = runner.invoke(app, ["advise", option, value])
    assert result.exit_code == 2
    for choice in valid:
        assert choice in result.output
