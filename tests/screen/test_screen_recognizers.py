"""Each recognizer with a table of positives and near-miss negatives."""

from __future__ import annotations

import pytest

from armslength.model import ContentKind
from armslength.screen import screen
from armslength.screen._doc import Doc
from armslength.screen.engine import resolve_overlaps
from armslength.screen.recognizers import default_recognizers


def _found(text: str, kind: str = "post") -> list[tuple[str, str | None, str]]:
    return [(f.text, f.label, f.rule) for f in screen(text, kind).findings]


def _texts(text: str, label: str) -> list[str]:
    return [t for t, lab, _ in _found(text) if lab == label]


def _recognized(text: str, label: str) -> list[str]:
    """What the recognizers alone find (before the disclosure layer judges the text)."""
    doc = Doc(text, ContentKind.POST)
    spans = resolve_overlaps(s for r in default_recognizers() for s in r.find(doc))
    return [text[s.start : s.end] for s in spans if s.label == label]


POSITIVES = [
    # (text, expected span text, label)
    ("Saw Mrs Patel today in clinic", "Patel", "NAME"),
    ("Dr. Sarah P. from the team", "Sarah P.", "NAME"),
    ("My patient Anna S. was discharged", "Anna S.", "NAME"),
    ("treated Jane A. Doe for asthma", "Jane A. Doe", "NAME"),
    ("JOHN SMITH SEEN IN CLINIC WITH COPD", "JOHN SMITH", "NAME"),
    ("pt jennifer was admitted", "jennifer", "NAME"),
    ("My name is Rubija", "Rubija", "NAME"),
    ("thanks @drjane_smith for the tips", "@drjane_smith", "NAME"),
    ("Email me at jo.bloggs@example.com", "jo.bloggs@example.com", "CONTACT"),
    ("Call 312-555-1234 tomorrow", "312-555-1234", "CONTACT"),
    ("Ring 07700 900123 please", "07700 900123", "CONTACT"),
    ("Our number is +44 20 7946 0958", "+44 20 7946 0958", "CONTACT"),
    ("Fax 0161 496 0000 for records", "0161 496 0000", "CONTACT"),
    ("see https://example.org/patients/42", "https://example.org/patients/42", "CONTACT"),
    ("logged from 192.168.10.25 again", "192.168.10.25", "CONTACT"),
    ("SSN 123-45-6789 on file", "123-45-6789", "ID"),
    ("NHS number 943 476 5919", "943 476 5919", "ID"),
    ("MRN: ST-998877 was wrong", "ST-998877", "ID"),
    ("insurance number HP-678901 expired", "HP-678901", "ID"),
    ("member ID 12345 on the card", "12345", "ID"),
    ("card 4111 1111 1111 1111 declined", "4111 1111 1111 1111", "ID"),
    ("record #CS123456 updated", "#CS123456", "ID"),
    ("IBAN GB82WEST12345698765432 please", "GB82WEST12345698765432", "ID"),
    ("NPI 1234567893 for billing", "1234567893", "ID"),
    ("lives at 123 Maple Street, Chicago, IL", "123 Maple Street, Chicago, IL", "LOCATION"),
    ("Springfield, IL 62704 is home", "62704", "LOCATION"),
    ("postcode SW1A 1AA nearby", "SW1A 1AA", "LOCATION"),
    ("admitted to Methodist Hospital yesterday", "Methodist Hospital", "LOCATION"),
    ("seen at Cleveland Clinic last year", "Cleveland Clinic", "LOCATION"),
    ("the lady in bed 4 on ward 7", "bed 4", "LOCATION"),
    ("she lives in Chicago now", "Chicago", "LOCATION"),
    ("visit on April 12, 2023 went well", "April 12, 2023", "DATE"),
    ("seen 04/10/22 in clinic", "04/10/22", "DATE"),
    ("born 2023-04-25 early", "2023-04-25", "DATE"),
    ("my patient came in last Tuesday on nights", "last Tuesday", "DATE"),
    ("a 92-year-old with pneumonia", "92-year-old", "AGE"),
    ("Great night #RayWilkins", "#RayWilkins", "NAME"),
    ("so proud #dianeabbott", "#dianeabbott", "NAME"),
    ("She moved to Edenbridge last year", "Edenbridge", "LOCATION"),
    ("Saw Anna S. who flew in from Texas", "Texas", "LOCATION"),
    ("Thanks to Josh and Amber for the cake", "Josh", "NAME"),
    ("met kevin rudd at the match", "kevin rudd", "NAME"),
    ("dinner with lydia tonight", "lydia", "NAME"),
    ("Asya wrote to Asya Godina", "Asya", "NAME"),
    ("patient J.S. in bed 3", "J.S.", "NAME"),
    ("pt JD seen today", "JD", "NAME"),
    ("Ubul: what a day\nNicole: indeed", "Ubul", "NAME"),
    ("Founders: Kónya, Becker and Vasquez", "Becker", "NAME"),
    ("ZIP: 3520", "3520", "LOCATION"),
    ("we flew back to Mill Village by helicopter", "Mill Village", "LOCATION"),
    (
        "Billing address: 28245 Puruntie 82 Apt. 595\n LAPPEENRANTA\n 53650",
        "LAPPEENRANTA",
        "LOCATION",
    ),
    (
        "Billing address: 28245 Puruntie 82 Apt. 595\n LAPPEENRANTA",
        "28245 Puruntie 82 Apt. 595",
        "LOCATION",
    ),
    ("William Hughes\n\n20789 Allika 46\n Suite 501\n Riisa", "Riisa", "LOCATION"),
    ("my nonagenarian patient", "nonagenarian", "AGE"),
    # a world gazetteer of towns (GeoNames), any case the text uses
    ("She moved back home to Zalakaros", "Zalakaros", "LOCATION"),
    ("We drove to SEINÄJOKI today", "SEINÄJOKI", "LOCATION"),
    ("Seinäjoki is cold", "Seinäjoki", "LOCATION"),
    # a name after a word of travel, origin or residence, in any script or capitals
    ("Mr. Leiva flew to QWERTOWN on Tuesday", "QWERTOWN", "LOCATION"),
    ("originally from ΕΓΚΩΜΗ, and proud", "ΕΓΚΩΜΗ", "LOCATION"),
    ("my friend lives in zorbaville", "zorbaville", "LOCATION"),
    # postcodes named as such, foreign streets, quoted and inline address blocks
    ("my zip code is 35350", "35350", "LOCATION"),
    ("The bus drops you off at 07576 Magasinsgatan 7 St.", "07576 Magasinsgatan 7 St.", "LOCATION"),
    ("Write to Hersnapvej 18 please", "Hersnapvej 18", "LOCATION"),
    ("> Jo Bloggs\n> 228 Ringvej 144\n> Apt. 902\n> Qzorbak", "Qzorbak", "LOCATION"),
    ("Tosh lives at 172 Maneezi 75, Saarezorb", "Saarezorb", "LOCATION"),
    ("Mrs. Yudina Apt. 675 62314 Mellemvej 32\nZorbaborg NO 9100", "Zorbaborg NO 9100", "LOCATION"),
    # names introduced as names, in any case and whatever the word lists say
    ("my name is vitoria", "vitoria", "NAME"),
    ("sometimes people call me višeslav", "višeslav", "NAME"),
    ("Her maiden name is Key", "Key", "NAME"),
    ("What's your last name? Matthíasson", "Matthíasson", "NAME"),
    # speakers, people addressed, subjects of verbs, lists of names
    ('Zuzana:"Who are you?"', "Zuzana", "NAME"),
    ("Destiny: Remember me?", "Destiny", "NAME"),
    ("Aloisia, can I please speak to your boss?", "Aloisia", "NAME"),
    ("Zorbek spent a year at the firm", "Zorbek", "NAME"),
    ("we met Anna ten Zorbak there", "Anna ten Zorbak", "NAME"),
    ("They had 6: Gaetane, Hannah, Anthony and Derek", "Gaetane", "NAME"),
    ("our founders: Zorbek, Becker and Vasquez", "Zorbek", "NAME"),
    # ages stated about a particular person; countries someone lives in or comes from
    ("My brother just turned 60", "turned 60", "AGE"),
    ("I'll turn 23 on Sunday", "turn 23", "AGE"),
    ("my father retired at the age of 61", "age of 61", "AGE"),
    ("She moved here from Czech Republic", "Czech Republic", "LOCATION"),
    # a town with its postcode, a street corner, a block under a 'number name St' line
    ("Looking to support them in Costazorba 43015 this year", "Costazorba 43015", "LOCATION"),
    ("meet at the corner of Via Nuova 85 and Zorbak Mill.", "Zorbak Mill", "LOCATION"),
    ("Debra\n3536 1659 Hoog St\n Apt. 839\n Zorbapan\n", "Zorbapan", "LOCATION"),
    # a year beside an identifier dates the story
    ("Anna Kowalska published her first story in 2004", "2004", "DATE"),
]


@pytest.mark.parametrize(("text", "expected", "label"), POSITIVES)
def test_recognizer_finds(text: str, expected: str, label: str) -> None:
    assert expected in _recognized(text, label)


NEGATIVES = [
    # (text, label that must not fire)
    ("A Wells score of 4 suggests low probability", "NAME"),
    ("Early Parkinson's disease in a retired teacher", "NAME"),
    ("Screening for Cushing syndrome", "NAME"),
    ("Framingham Risk Score of 20%", "NAME"),
    ("Positive Chaddock reflex noted", "NAME"),
    ("Wilson's disease diagnosed in 2021", "NAME"),
    ("Stevens-Johnson syndrome after lamotrigine", "NAME"),
    ("Switched from warfarin to Eliquis", "NAME"),
    ("Started Lexapro and Zoloft", "NAME"),
    ("Guidelines for a 55-year-old with COPD", "AGE"),
    ("Diagnosed back in 2021, doing well", "DATE"),
    ("We moved last year", "DATE"),
    ("BMI of 35 and MELD score of 25", "ID"),
    ("Took 500 mg of it", "ID"),
    ("The community clinic and a university hospital", "LOCATION"),
    ("Grace under pressure. Mark my words.", "NAME"),
    ("Going to the park today", "DATE"),
    ("COVID-19 and ICD-10 codes", "ID"),
    ("#tbt #blessed #nursesrock", "NAME"),
    ("I love Texas in spring", "LOCATION"),
    ("version 999.1.1.1 released", "CONTACT"),
    ("Treating MRSA and PTSD, see the NYHA and AAOS guidance", "NAME"),
    ("Started Spiriva for Pseudomonas colonisation", "NAME"),
    ("history of von Willebrand disease", "NAME"),
    ("Note: bring the forms", "NAME"),
    ("patient MRI showed a bleed", "NAME"),
    ("pt CT head done", "NAME"),
    ("Graves' disease and a Baker's cyst", "NAME"),
    ("Take 2 tablets 3 times a day", "LOCATION"),
    ("we went to Evening Prayer", "LOCATION"),
    ("I flew to LONDON... no, I flew ON time", "NAME"),
    ("He is based in ICU now", "LOCATION"),
    ("she lives in hope of a cure", "LOCATION"),
    ("my zip code is secret", "LOCATION"),
    ("took 2 tablets with 500 ml water", "LOCATION"),
    ("she came at 9 and left at 10", "LOCATION"),
    ("my name is not important", "NAME"),
    ("call me tomorrow", "NAME"),
    ("Note: bring the forms", "NAME"),
    ("Also, can I ask a question?", "NAME"),
    ("History of COPD, HTN and CHF", "NAME"),
    ("Apples, Oranges and Pears", "NAME"),
    ("Fever, Cough and Headache", "NAME"),
    ("Quiz: a 55-year-old man with COPD asked about inhalers. Your diagnosis?", "AGE"),
    ("the clinic is 45 minutes away and I'm 10 min late", "AGE"),
    ("I love Canada in spring", "LOCATION"),
    ("took it in March 2023 and in Q3 2024", "LOCATION"),
    ("the corner of {street} and {street}", "LOCATION"),
    ("He was diagnosed with lupus in 2021 and is stable", "DATE"),
    ("Anna Kowalska takes 2000 mg in 2 doses", "DATE"),
]


@pytest.mark.parametrize(("text", "label"), NEGATIVES)
def test_recognizer_ignores(text: str, label: str) -> None:
    assert _texts(text, label) == []


def test_age_under_90_only_reported_in_a_story() -> None:
    assert _texts("a 34-year-old with asthma", "AGE") == []
    assert _texts("Anna S., a 34-year-old with asthma", "AGE") == ["34-year-old"]


def test_age_90_and_over_is_high() -> None:
    result = screen("Mrs Patel, 93, was lovely")
    ages = [f for f in result.findings if f.label == "AGE"]
    assert [f.text for f in ages] == ["93"]
    assert ages[0].severity.value == "high"


def test_phone_number_is_not_taken_for_an_nhs_number() -> None:
    assert [r for _, _, r in _found("Call me on 312-555-1234", "message")] == ["phi-phone"]


def test_relative_dates_need_care_context() -> None:
    assert _texts("see you last Tuesday at the pub", "DATE") == []
    assert "last Tuesday" in _texts("the patient I saw last Tuesday", "DATE")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kuyt has been terrible this year", "Kuyt"),
        ("Liam is an absolute dream", "Liam"),
        ("Hello from Siobhan and Aoife", "Siobhan"),
    ],
)
def test_social_media_names(text: str, expected: str) -> None:
    assert expected in _texts(text, "NAME")


@pytest.mark.parametrize(
    "text",
    [
        "You will be responsible for the care of animals",
        "How can I request a new card?",
        "WHAT ??? I DON'T KNOW WHAT TO PRESS NEXT",
        "He was diagnosed back in 2021.",
    ],
)
def test_function_words_are_not_names(text: str) -> None:
    assert _texts(text, "NAME") == []


@pytest.mark.parametrize(
    "text",
    [
        "Happy #royalwedding everyone",
        "Ebola outbreak spreads in the region",
        "My Gemini horoscope says rest",
        "Merry Christmas from all of us",
    ],
)
def test_words_capitalised_in_posts_are_not_names(text: str) -> None:
    assert _texts(text, "NAME") == []


def test_title_keeps_a_weak_given_name() -> None:
    assert "Bob L." in _texts("Referred by Dr. Bob L. last week", "NAME")


@pytest.mark.parametrize(
    ("text", "severity"),
    [
        ("DOB 03/04/1957", "high"),
        ("d.o.b. 12 March 1961", "high"),
        ("date of birth: 1957-04-03", "high"),
        ("born on 3 April 1957", "high"),
        # near misses: a date with no birth label stays low in a text about no one
        ("Updated 03/04/2025", None),
        ("Clinic reopens 3 April 2027", None),
    ],
)
def test_a_labelled_date_of_birth_is_high(text: str, severity: str | None) -> None:
    dates = [f for f in screen(text, "post").findings if f.label == "DATE"]
    if severity is None:
        assert all(f.severity.value != "high" for f in dates)
    else:
        assert [f.severity.value for f in dates] == [severity]
        assert dates[0].why == "a date of birth"


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("Marcus from the Kingsmead estate came in for his check today", "Kingsmead"),
        (
            "a year after his cardiac arrest at the Westfield gym, Liam came to thank us",
            "Westfield",
        ),
        (
            "Home visit on Calle Mayor today: Señora Ruiz, 91, is managing her insulin",
            "Calle Mayor",
        ),
        (
            "An 88-year-old man on Rue Saint-Denis had been on the floor since Tuesday",
            "Rue Saint-Denis",
        ),
        ("Sexual health nurse, Hope, BC. A man in his 50s came in for a test today", "Hope"),
    ],
)
def test_a_name_the_words_around_make_a_place(text: str, place: str) -> None:
    assert place in _texts(text, "LOCATION")
    assert place not in _texts(text, "NAME")


@pytest.mark.parametrize(
    "text",
    [
        # near misses: a possessive owns the place, a family's farm or home is named for them,
        # a street word is not followed by a name, a credential is not a state
        "Saw Mrs Patel today in clinic: her blood pressure was high at Friday's home visit",
        "Drove out to the Patel farm today because the old man wouldn't come in with his cough",
        "Thanks, Jane, MD for covering the clinic today after my patient's fall",
    ],
)
def test_places_by_context_have_near_misses(text: str) -> None:
    locations = _texts(text, "LOCATION")
    assert "Friday's" not in locations and "Patel" not in locations and "Jane" not in locations


@pytest.mark.parametrize(
    "text",
    [
        "Free medical outreach this Saturday at the Town Hall, Ikorodu: BP and eye checks.",
        "For anything urgent call Health Link 811. Bring your health card.",
        "Our adapted kitchen at the Wellbeing Hub is open to the public every Saturday.",
        "Our neonatal follow-up clinic now uses the Bayley-4 at 2 years corrected age.",
        "STOP THE PRESSURE DAY IS 19 NOVEMBER. REMEMBER SSKIN. ASK FOR WATERLOW TRAINING.",
        "Band 5 and 6 posts at the Calder Eye Centre. Apply by 15 January 2027.",
    ],
)
def test_names_of_things_are_not_people(text: str) -> None:
    assert _texts(text, "NAME") == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # near misses: a title, a greeting or a known name keeps the name
        ("SHOUTOUT TO MRS OKONKWO ON WARD 7 WHO TURNED 95 TODAY!!!", "OKONKWO"),
        ("Saw Grace Hall in clinic today with her new hip.", "Grace Hall"),
        ("Lovely to see Mr Link and his daughter in clinic today.", "Link"),
        ("Happy Birthday Jay, from all of us on the ward", "Jay"),
    ],
)
def test_names_of_people_beside_things_stay_names(text: str, name: str) -> None:
    assert name in _texts(text, "NAME")


def test_a_numbered_road_is_a_place_only_in_a_story() -> None:
    assert "A470" in _texts(
        "A 22yo lad came off a scooter on the A470 last night, GCS 7.", "LOCATION"
    )
    assert _texts("Print the leaflet on A4 and bring it to the M25 conference.", "LOCATION") == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Mrs Evans, in her late 90s, was admitted on Monday.", True),
        ("A gent in his 90s came in with a fall.", True),
        # near miss: a decade as an era, not an age
        ("Who else remembers A&E on a Saturday night in the 90s?", False),
    ],
)
def test_a_decade_of_ninety_is_an_age_only_as_someone_s(text: str, found: bool) -> None:
    assert bool([t for t in _texts(text, "AGE") if "90s" in t]) is found
