"""Relationship, professionalism, context, story, allow list, known patients, redaction."""

from __future__ import annotations

import pytest

from armslength.errors import InputError
from armslength.model import Category, Patient, Severity
from armslength.policy import load_policy
from armslength.screen import RedactStyle, Screener, redact, screen
from armslength.screen.rules import load_rules

RELATIONSHIP = [
    ("Glad your crown is holding up!", "rel-your-care"),
    ("As your dentist I have to say thanks", "rel-as-your-clinician"),
    ("Sorry your insurance didn't cover the filling", "rel-your-billing"),
    ("Thank you for choosing our practice", "rel-our-patient"),
    ("During your visit we noticed a delay", "rel-your-care"),
    ("We treated you with care", "rel-your-care"),
    ("Since your procedure things have improved", "rel-your-care"),
    ("Hope your daughter's braces feel better", "rel-your-care"),
    ("See you at your next cleaning!", "rel-your-care"),
    ("Hope the new inhaler is helping", "rel-your-care"),
    ("I remember your visit well", "rel-your-care"),
]


@pytest.mark.parametrize(("text", "rule"), RELATIONSHIP)
def test_relationship_rules_fire_high_in_replies(text: str, rule: str) -> None:
    found = [f for f in screen(text, "reply").findings if f.category is Category.RELATIONSHIP]
    assert rule in {f.rule for f in found}
    assert all(f.severity is Severity.HIGH for f in found)


def test_relationship_is_medium_in_a_post() -> None:
    found = screen("As your dentist, floss daily", "post").findings
    assert {f.severity for f in found if f.category is Category.RELATIONSHIP} == {Severity.MEDIUM}


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for the kind words about the clinic's new website",
        "Dentists recommend flossing daily",
        "Our practice is open on Saturdays",
        "See you at the next practice meeting",
        "Hope the new website is helping you find us",
    ],
)
def test_relationship_near_misses(text: str) -> None:
    assert not [f for f in screen(text, "reply").findings if f.category is Category.RELATIONSHIP]


PROFESSIONALISM = [
    ("Another frequent flyer in the ED tonight", "prof-derogatory", Severity.HIGH),
    ("these stupid patients never listen", "prof-derogatory", Severity.HIGH),
    ("You won't believe what this patient said lol", "prof-mocking", Severity.MEDIUM),
    ("Still drunk at work after last night", "prof-intoxication", Severity.HIGH),
    ("You should double your dose of insulin", "prof-public-advice", Severity.MEDIUM),
    ("Use my code SMILE20 for 20% off whitening", "prof-undisclosed-promotion", Severity.MEDIUM),
    ("Selfie with my patient after surgery!", "prof-patient-image", Severity.HIGH),
]


@pytest.mark.parametrize(("text", "rule", "severity"), PROFESSIONALISM)
def test_professionalism_rules(text: str, rule: str, severity: Severity) -> None:
    found = {f.rule: f for f in screen(text).findings if f.category is Category.PROFESSIONALISM}
    assert rule in found
    assert found[rule].severity is severity
    assert found[rule].sources and "[sources:" not in found[rule].why


@pytest.mark.parametrize(
    "text",
    [
        "Use my code SMILE20 for 20% off whitening #ad",
        "Proud of our nurses working nights",
        "Flu jabs are available at the clinic",
        "You should talk to your own doctor about your dose",
    ],
)
def test_professionalism_near_misses(text: str) -> None:
    assert not [f for f in screen(text).findings if f.category is Category.PROFESSIONALISM]


def test_every_rule_cites_known_guideline_ids() -> None:
    known = set(load_policy().sources)
    for name in ("relationship", "professionalism"):
        for rule in load_rules(name):
            assert rule.sources
            assert set(rule.sources) <= known, rule.id


def test_care_context_raises_severity_and_says_why() -> None:
    plain = screen("Lunch with Jennifer Smith").findings
    care = screen("My patient Jennifer Smith was admitted").findings
    assert plain[0].severity is Severity.MEDIUM
    name = next(f for f in care if f.label == "NAME")
    assert name.severity is Severity.HIGH
    assert "tied to the patient" in name.why


def test_patient_story_combines_low_pieces() -> None:
    text = "Had a 45-year-old from Chicago with a rare lymphoma in clinic on March 3rd"
    result = screen(text)
    assert result.risk is Severity.HIGH
    story = [f for f in result.findings if "patient story" in f.why]
    assert {f.label for f in story} >= {"AGE", "LOCATION", "DATE"}
    assert "lymphoma" in story[0].why


def test_no_story_without_enough_pieces() -> None:
    result = screen("Lovely walk around Chicago on March 3rd")
    assert result.risk is not Severity.HIGH
    assert not [f for f in result.findings if "patient story" in f.why]


def test_allow_terms_suppress_findings() -> None:
    text = "Saw Mrs Jane Foster at Riverside Clinic today"
    assert any(f.text == "Jane Foster" for f in screen(text).findings)
    allowed = screen(text, allow_terms=["Jane Foster"]).findings
    assert not any(f.text == "Jane Foster" for f in allowed)
    assert any(f.label == "LOCATION" for f in allowed)


def test_known_patient_from_roster_is_high_with_nicknames_and_accents() -> None:
    patients = [Patient(patient_id="1", given="Robert", family="Núñez")]
    result = screen("Bumped into bob nunez at the shops", roster=patients)
    known = [f for f in result.findings if f.rule == "phi-known-patient"]
    assert [f.text for f in known] == ["bob nunez"]
    assert known[0].severity is Severity.HIGH
    titled = screen("Mr Núñez says hi", roster=patients).findings
    assert any(f.rule == "phi-known-patient" for f in titled)


def test_roster_object_with_patients_attribute() -> None:
    class Roster:
        def __init__(self) -> None:
            self.patients = [Patient(patient_id="9", given="Aoife", family="Brennan")]

    result = Screener(roster=Roster()).screen("aoife brennan said hello")
    assert any(f.rule == "phi-known-patient" for f in result.findings)
    assert not any(f.rule == "phi-known-patient" for f in screen("aoife said hello").findings)


def test_bad_roster_is_rejected() -> None:
    with pytest.raises(InputError, match="field 'roster'"):
        Screener(roster=42)


@pytest.mark.parametrize("style", list(RedactStyle))
def test_redaction_styles(style: RedactStyle) -> None:
    text = "Call Jennifer Smith on 312-555-1234"
    result = screen(text, redact=style)
    assert result.redacted is not None
    assert "Jennifer Smith" not in result.redacted
    assert "312-555-1234" not in result.redacted
    again = screen(text, redact=style)
    assert again.redacted == result.redacted


def test_tag_redaction_and_detection_are_separate() -> None:
    text = "Call Jennifer Smith on 312-555-1234"
    result = screen(text)
    assert result.redacted is None
    assert redact(text, result.findings) == "Call [NAME] on [CONTACT]"


def test_fake_surrogates_are_consistent() -> None:
    text = "Jennifer Smith met Jennifer Smith"
    out = screen(text, redact="fake").redacted
    assert out is not None
    first, second = out.split(" met ")
    assert first == second
    assert first != "Jennifer Smith"


@pytest.mark.parametrize(
    ("text", "raised"),
    [
        ("Brought to the ED by ambulance: John Smith", True),
        ("Fancy tea or coffee, Ed and John Smith?", False),
        ("A&E was heaving, Mrs Patel again", True),
        ("Going to bed early, said John Smith", False),
    ],
)
def test_care_acronyms_count_only_in_capitals(text: str, raised: bool) -> None:
    name = next(f for f in screen(text).findings if f.text in ("John Smith", "Patel"))
    assert ("care context" in name.why) is raised
