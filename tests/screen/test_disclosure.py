"""The disclosure layer: every example of the issue behaves as described, with near misses."""

from __future__ import annotations

import pytest

from armslength.model import Category, ContentKind, Severity
from armslength.policy import topics
from armslength.screen import screen
from armslength.screen._doc import Doc
from armslength.screen.disclosure import analyse

CONFIRMS = [
    # (kind, text, the phrase the relationship finding must cover)
    (
        "reply",
        "I'm sorry you feel our sessions didn't help with your anxiety. As you know, we only met twice",
        "anxiety",
    ),
    ("reply", "So glad to hear your colonoscopy results were normal", "colonoscopy"),
    ("reply", "Thank you! The wisdom tooth we took out on Friday was a tricky one", "wisdom tooth"),
    ("reply", "Congratulations on the positive test after your second IVF round", "IVF"),
    ("reply", "Hi Dana, your smear came back with HPV, so we asked you back", "smear"),
    ("comment", "Lovely to see you walking again after your hip replacement!", "hip replacement"),
    ("reply", "Aetna denied the claim for the sleep study, and we've appealed for you", "Aetna"),
    ("reply", "It was a pleasure looking after your mum during her stay", "stay"),
    ("message", "Hi Sam, your TSH from Monday was 7.8 so let's increase the levothyroxine", "TSH"),
    # encounters in other words than "we met"
    ("reply", "As we discussed at your review, a top-up is included in the price.", "discussed"),
    ("reply", "It was a privilege to care for your grandmother in her last days.", "care for your"),
    (
        "reply",
        "Thanks for the 5 stars! Great to hear the new varifocals are working out.",
        "varifocals",
    ),
    (
        "message",
        "Your calcium is low, so we'll start a supplement and see you in six weeks.",
        "calcium",
    ),
    ("reply", "We're delighted the treatment worked and your skin has cleared up.", "worked"),
    ("reply", "We understand your frustration about the referral, it is now booked.", "referral"),
    # a relative's care, a named person's body healing, a plan "as discussed"
    ("reply", "So pleased your brother is enjoying the day centre and the new hoist.", "brother"),
    ("reply", "We're glad Liam's ankle has settled and he's back training.", "ankle"),
    ("reply", "Your brother's medication was reviewed by the GP last week.", "medication"),
    ("reply", "As discussed, we'll review you again before the end of the month.", "discussed"),
    ("message", "Your neutrophils on Monday were 0.8, so we're delaying cycle 3.", "neutrophils"),
    # the writer acting on the reader, the next visit, a plan they shared
    (
        "comment",
        "That's normal after the glue we put on your forehead, keep it dry.",
        "put on your",
    ),
    ("reply", "The new domes will be ready to fit when you pop in on Thursday.", "when you pop in"),
    (
        "message",
        "Hi Jade, just confirming Tuesday 4.15 with you, same room as before.",
        "same room",
    ),
    ("message", "Hi Jade, just confirming your appointment on Tuesday.", "appointment"),
    ("reply", "Next time we'll use the hand instruments and a numbing gel.", "Next time we'll use"),
    ("reply", "Thank you Isla! See you at your annual review in the spring.", "annual review"),
    ("reply", "Thanks for the shout out, glad the blister plasters worked!", "plasters worked"),
    ("reply", "We're so sorry the wait was long on the night you brought your son in.", "brought"),
    ("reply", "The extra charge was for the out-of-hours call-out fee.", "charge was for"),
    ("reply", "Congratulations on finishing your last round, we're all cheering!", "finishing"),
    ("comment", "Remember her from the ward? Lovely to see her walking again.", "Remember her"),
    ("comment", "I think I scanned this guy on Monday, tiny world", "scanned"),
]


@pytest.mark.parametrize(("kind", "text", "phrase"), CONFIRMS)
def test_a_reply_that_discloses_care_is_a_relationship_finding(
    kind: str, text: str, phrase: str
) -> None:
    result = screen(text, kind)
    found = [f for f in result.findings if f.category is Category.RELATIONSHIP]
    assert found, text
    assert any(phrase.lower() in f.text.lower() for f in found), [f.text for f in found]
    expected = Severity.MEDIUM if kind == "message" else Severity.HIGH
    assert all(f.severity.rank >= expected.rank for f in found)
    assert all(f.sources and f.why for f in found)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # near misses of the service and conditional rules: the reader is the service's patient
        (
            "Your GP has sent the referral and the pain clinic will write to you with a date.",
            "message",
        ),
        ("Hello, it's the stroke unit. Your dad had a settled night.", "message"),
        ("When you came in, your scan showed the fracture had healed.", "reply"),
    ],
)
def test_a_service_that_writes_to_the_reader_confirms_them(text: str, kind: str) -> None:
    assert any(f.category.value == "relationship" for f in screen(text, kind).findings)


SAFE_REPLIES = [
    "Thank you for taking the time to leave a review. We can't discuss any individual's care here.",
    "Privacy rules mean we can't respond to specifics online. Please call our practice manager.",
    "Thanks for the five stars! We love hearing from our community.",
    "To protect everyone's privacy, we never confirm or deny whether someone has been seen here.",
    "Hope the new website is helping you find us",
    "Thank you for your suggestion about evening appointments. We're looking at our rota.",
    "You are welcome to use our formal complaints procedure.",
    "Patient confidentiality matters to us, so we won't discuss your treatment online.",
    "Thanks for the chocolate cookies, you're too kind!",
    "We're sorry your parking experience was poor.",
    "For your own privacy, please don't post health details here. The right person will get back to you.",
    "Kia ora, thanks for the review. All our nurses train in cultural safety.",
    "We'd love to see you at our charity fun run on Saturday!",
    "Your feedback about the waiting room is noted, and we've ordered new chairs.",
    "If you have concerns about the referral process, please call us.",
    "We offer the treatment to everyone over 50 who asks.",
    "Thank you so much for your kind words about the transplant unit.",
    "Hi, thanks for getting in touch about the school vaccination session.",
    "We hope your mum enjoys the open day on Saturday.",
    "Thanks for the idea. We've passed it to the diabetes education team for an evening group.",
    "If you'd like to talk about a concern, our physiotherapy lead is happy to help.",
    "We can't discuss any patient's care online. Please contact our clinic manager on 01632 960519.",
    "Please call our patient advocate at 555-0132 during business hours.",
    "Please ring the practice manager, Monday to Thursday mornings, and she'll listen.",
    "Thank you for your kind words. Cards can be left at the ward 9 desk.",
    "Our patient liaison team would be glad to hear from you on 01632 960588, Monday to Friday.",
    "We cannot discuss anyone's health here. Please ring the surgery and ask for the manager.",
]


@pytest.mark.parametrize(
    "text",
    [
        "Great thread! I always tell students: if the patient looks sick, they are sick.",
        "Agree with this thread. The Centor criteria are over-used for sore throats in adults.",
        "Anyone else see the Wells score misapplied in pregnancy all the time?",
    ],
)
def test_a_comment_about_practice_confirms_no_one(text: str) -> None:
    result = screen(text, "comment")
    assert result.risk is Severity.NONE, [(f.text, f.rule) for f in result.findings]


@pytest.mark.parametrize("text", SAFE_REPLIES)
def test_a_reply_that_confirms_nothing_has_no_finding(text: str) -> None:
    result = screen(text, "reply")
    assert result.risk is Severity.NONE, [(f.text, f.rule) for f in result.findings]


NOT_ABOUT_A_PATIENT = [
    "World Kidney Day, 14 March. Get your blood pressure checked if you have diabetes.",
    "We're hiring! Band 5 staff nurses wanted at St Aldhelm's Hospital, Westbury. Apply by 30 June.",
    "Poison control: 1-800-222-1222. Save it in your phone today.",
    "Night shift rota for December is up on the staff board. Swap requests by Friday.",
    "Tip: the 9-12 month review is a good time to ask about sleep. Book through your surgery.",
    "Questions about the HPV vaccine? Email the immunisation team at imms@trust.example.org",
    "Staff reminder: book interpreters on the staff line 01632 960990. Amharic and Tigrinya too.",
    "Case for the genetics students: a 32-year-old woman whose mother had breast cancer at 40.",
    "Flu vaccine drive this Saturday at the church hall. Over-65s welcome, no booking needed.",
    "Grand rounds tomorrow at 8am in the Lister lecture theatre: sepsis bundles.",
    "Our clinic offers walk-ins every Tuesday and Thursday from 9 to 12.",
    "Movember is here! The whole team is growing a moustache for men's health.",
    "Santa visited the children's ward this afternoon. Thank you to everyone who donated toys!",
    "Teaching point: the Ottawa ankle rules tell you when an X-ray is needed.",
    "A sore throat with a McIsaac score of 4: treat or swab? Discuss.",
    "Now recruiting for NCT05219383, a phase 3 trial. Ask your specialist.",
    "After-hours? Call our practice line on 555-0142 and the on-call doctor will ring you back.",
    "Accutane needs monthly pregnancy tests. Cigna and Walgreens now cover the generic.",
    "Case of the week: a 55-year-old man with a rash on his shins. Your diagnosis?",
    # case questions phrased as reference requests, population statements, adverts
    "Updated guidelines for managing heart failure in a 70-year-old male diagnosed last year?",
    "Interesting how often a patient of 80 with Parkinson's is on six or more medicines generally.",
    "Anti-wrinkle treatments from £180 by nurse prescribers. Book on 07700 900765.",
    "The surgery's appointment line is 01632 960900 and opens at 8am.",
    "Our clinic is closed on Friday for the Matariki public holiday. Happy Māori New Year!",
    "Generally a heartbeat shows on a scan by 7 weeks. If you have pain or bleeding, go to A&E.",
    "Free outreach this Saturday at the Town Hall, Ikorodu: blood sugar and eye checks.",
    "Our neonatal follow-up clinic now uses the Bayley-4 at 2 years corrected age.",
    "Recruiting adults aged 18-75 with sleep apnoea. Ask your consultant or email trial@example.org.",
    "Our Mother and Baby Unit has 8 beds. Partners can stay overnight. Visiting 10am-8pm.",
    "Twelve hours of telehealth calls and not one patient noticed the cat on my lap.",
    "Heads up, the Mepilex stock is low on level 2, could you order more before the weekend?",
    "Free TB screening camp at the Basic Health Unit this Friday. Chest X-ray van on site.",
    "Happy Eid Mubarak to all our patients and staff celebrating today!",
    "Happy International Nurses Day to the whole team at St Luke's!",
    "Thank you to the Friends of St Aidan's for funding the new tea trolley.",
    "Breast screening is offered to women aged 50 to 71. Our Wear It Pink bake sale is on 16 October.",
    "World Ostomy Day: the stoma reps will be in the outpatients foyer with samples.",
    "Child welfare clinic is on Wednesdays from 8am. Please come early.",
    "Screening packages at our clinic: RM180 for bloods and lipids, open daily.",
    "Flu vaccine at our clinic. Walk-in Mon–Sat 9am–1pm. Closed on Sundays.",
    "Oh for Pete's sake, folks, it's deer season. Wear a harness.",
    "Back pain with numbness in the saddle area? Go to A&E straight away, don't wait for Monday.",
    "Yes, the Fontaine and Rutherford classifications still matter for claudication.",
]


@pytest.mark.parametrize("text", NOT_ABOUT_A_PATIENT)
def test_a_text_about_no_patient_is_screened_none(text: str) -> None:
    result = screen(text, "post")
    assert result.risk is Severity.NONE, [(f.text, f.label, f.rule) for f in result.findings]


def test_drug_insurer_and_brand_names_are_no_one() -> None:
    for text in ("Started Accutane in May", "Cigna said no", "Picked it up at Walgreens"):
        names = [f.text for f in screen(text, "message").findings if f.label == "NAME"]
        assert names == [], text


def test_see_you_at_your_check_is_not_a_name() -> None:
    findings = screen("See you at your check next week", "reply").findings
    assert not any(f.label == "NAME" for f in findings)
    assert any(f.category is Category.RELATIONSHIP for f in findings)


STORIES = [
    # (text, an identifier the story must report, its label)
    ("Mia Hughes, 57, came into the ED last night with chest pain.", "57", "AGE"),
    ("Saw Mrs Patel (72) in clinic this morning.", "72", "AGE"),
    ("A gentleman in his 80s in bed 12 asked me to read him the scores.", "in his 80s", "AGE"),
    (
        "Little one in cot 5 smiled at me tonight for the first time since surgery.",
        "cot 5",
        "LOCATION",
    ),
    ("Kwame, 12, asked the anaesthetist to count backwards in French.", "Kwame", "NAME"),
    ("shoutout to jose in room 311 who finally got off the high-flow today", "jose", "NAME"),
    ("A farmer from Hollins Close came in with a chainsaw cut.", "Hollins Close", "LOCATION"),
    ("omg bren from the Larchfield home is back with us, same room", "Larchfield home", "LOCATION"),
    # stories in other frames: a person, what happened, their care in one sentence
    ("Nursed a teen, 16, through DKA on Boxing Day. Scary night.", "Boxing Day", "DATE"),
    ("Lovely chat with a 7yo on the children's ward who wants to be a surgeon.", "7yo", "AGE"),
    ("Looked after a lad of 19 from Penrith after his motorbike crash.", "19", "AGE"),
    ("Adjusted a 60-something retired mail carrier on 3/14 who brought me a pie.", "3/14", "DATE"),
    ("Kwame in chair 6 has been coming to our dialysis unit for years.", "Kwame", "NAME"),
    ("Aroha from Whanganui walked into clinic this arvo in heels.", "this arvo", "DATE"),
    ("Our nonagenarian from Rosewood Lodge celebrated going home.", "Rosewood Lodge", "LOCATION"),
    ("Crew 14: called to a lady who'd fallen at 02:40, she insisted on tea.", "02:40", "DATE"),
    ("a stockman in his 50s flew in on Wednesday with a broken collarbone", "in his 50s", "AGE"),
    # a place written like a name is a place; a given name after "from" stays a name
    ("A farmer from Clapham came in with chest pain.", "Clapham", "LOCATION"),
    ("Treated a guy from Maple Ave who set a firework off on his hat.", "Maple Ave", "LOCATION"),
    ("Got a lovely card from Kwame, who we discharged last week.", "Kwame", "NAME"),
    # bare ages in more frames: "who's 83", ", only 17,", "in her thirties", "101 today"
    ("Mr Ahmadi, who's 83, came to clinic with his grandson.", "83", "AGE"),
    ("Lad from Tipton, only 17, came in after a moped crash on Friday night.", "17", "AGE"),
    ("Saw a woman in her thirties with a migraine on the ward today.", "thirties", "AGE"),
    ("101 today! Happy birthday to our oldest patient on Ward 7.", "101", "AGE"),
    ("i looked after his nan rose on ward 23 in june", "rose", "NAME"),
    ("Long night shift: a lady of 90 came in at 3am with a hip fracture.", "at 3am", "DATE"),
    ("Translated a diagnosis to a grandmother in her 70s this afternoon.", "in her 70s", "AGE"),
    ("Our practice nurse Shona spotted a melanoma on Mr Dunleavy's back today.", "Shona", "NAME"),
    # a role's story: a person named and spoken of, with their care, in one sentence
    (
        "Radiographer tweet: Tevita nearly fainted before his contrast CT this arvo.",
        "Tevita",
        "NAME",
    ),
    ("Transplant coordinator here. Grace got her new liver at 4.20am.", "4.20am", "DATE"),
    ("Last shift before annual leave: Mrs Yilmaz in Bay C ate a full breakfast.", "Yilmaz", "NAME"),
    (
        "Met Priyanka and her mum last Wednesday to go through a Lynch syndrome result.",
        "Priyanka",
        "NAME",
    ),
    ("Ship's nurse log: a crew member sliced his thumb at 0530, four sutures.", "0530", "DATE"),
    ("Home visit: a 4 yo big sister answered the door, baby's jaundice is better.", "4 yo", "AGE"),
    (
        "Refugee clinic: Amani and her twins aged 3 arrived a fortnight ago, vaccines all done.",
        "fortnight ago",
        "DATE",
    ),
    ("District nurse rounds, Thurs: a gent in his 80s with a leg ulcer.", "Thurs", "DATE"),
    ("Day unit: Ruth's next chemo is Tues 14th, chair 5.", "Tues 14th", "DATE"),
    (
        "Sat with Albert in the Lavender Room for an hour after his diagnosis.",
        "Lavender Room",
        "LOCATION",
    ),
    ("Mr K. on C Wing finished his hep C tablets last week.", "C Wing", "LOCATION"),
    ("Lovely having little Kai in for his 18-month jabs today.", "18-month", "AGE"),
    ("Participant 014 came for her final study visit with scones.", "014", "ID"),
    ("The patient's car, reg YX21 KHB, was still parked after he was taken in.", "YX21 KHB", "ID"),
    (
        "Shift recap: an 88-year-old man who'd been on the floor since Tuesday. Warm now.",
        "88-year-old",
        "AGE",
    ),
    ("DOB 03/04/1957 on the label of a sample left in the staff room", "03/04/1957", "DATE"),
    # near misses of the public-contact rule: the number is in another sentence, or a patient's
    (
        "A lady left her phone in our clinic today, please ring us. It says ICE: 07700 900642.",
        "07700 900642",
        "CONTACT",
    ),
    ("Mrs Lee was moved to Oak Ward on Tuesday after her fall.", "Oak Ward", "LOCATION"),
    (
        "Rowan Ward, 3am: a lady in her 80s asked for a cup of tea and a hand to hold.",
        "in her 80s",
        "AGE",
    ),
    ("When the patient in bay 2 asked for his wife, we rang her at once.", "bay 2", "LOCATION"),
    ("Mr Lee, admitted to St. Luke's on 10/11/23, is home now.", "St. Luke's", "LOCATION"),
    ("Nana Ama is 101 today and still asks for her jollof at lunch.", "101", "AGE"),
    (
        "Beach first aid: Tāne, 8, from the surf school got a weever fish spine in his heel.",
        "8",
        "AGE",
    ),
    (
        "Hemi from Ōtaki who we pulled out last Saturday came back to say thanks.",
        "Saturday",
        "DATE",
    ),
    (
        "Mr Leung, in his late 60s, from Tai Po, came in this morning for his jab.",
        "Tai Po",
        "LOCATION",
    ),
    (
        "Night shift: a 22yo lad off a scooter on the A470 around midnight, GCS 7.",
        "A470",
        "LOCATION",
    ),
    (
        "Podiatry at Ty Coch Nursing Home: a resident's heel sore nobody had spotted.",
        "Ty Coch",
        "LOCATION",
    ),
    ("The notes say John's email is john_doe@example.com, seen at St. Jude's.", "John", "NAME"),
    (
        "CAMHS. A 14 y/o I've been seeing for months told me today she feels better.",
        "14 y/o",
        "AGE",
    ),
    ("Perinatal team. Mum of twins, 26, from the Gorbals, rang today laughing.", "26", "AGE"),
    (
        "Hearing centre, Ilford. Harbans, who turned 91 in October, heard his wife today.",
        "91",
        "AGE",
    ),
    ("Walk-in clinic in Byron this morning: bloke got stung by a bluebottle.", "Byron", "LOCATION"),
    (
        "Laser clinic. Client in her 30s, managed last Saturday, fully resolved.",
        "in her 30s",
        "AGE",
    ),
    ("LD nursing: visit to Larchwood House today. Kev showed me his new book.", "Kev", "NAME"),
    ("Had the pleasure of delivering baby Zara at 3.42am on Christmas Eve.", "Zara", "NAME"),
    ("Had the pleasure of delivering baby Zara at 3.42am on Christmas Eve.", "3.42am", "DATE"),
    ("Had the pleasure of delivering baby Zara at 3.42am on Christmas Eve.", "Christmas", "DATE"),
    (
        "Thanks to the team on 5 North: he went home yesterday after his sepsis.",
        "5 North",
        "LOCATION",
    ),
    ("Mrs Adams had her op on 12/09 and is back at work already.", "12/09", "DATE"),
]


@pytest.mark.parametrize(("text", "expected", "label"), STORIES)
def test_a_story_reports_the_patient_details(text: str, expected: str, label: str) -> None:
    findings = screen(text, "post").findings
    assert any(expected in f.text and f.label == label for f in findings), [
        (f.text, f.label) for f in findings
    ]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # near misses: the same shapes with no patient in them
        ("Speaking at the conference in Manchester, 57, no, 58 slides to go", "AGE"),
        ("Our clinic phone line is open today from 9.", "DATE"),
        ("The staff library has moved to St Mary's Hospital, open to all.", "LOCATION"),
        ("Lovely chat with a 7yo about her school play.", "AGE"),
        ("We reopen on Boxing Day at 10am for repeat prescriptions.", "DATE"),
        ("Kwame Nkrumah Day is a public holiday in Ghana.", "NAME"),
        ("A lad of 19 can join the cadets; applications from Penrith welcome.", "AGE"),
        ("Our clinic turns 101 today! Thank you to every patient over the years.", "AGE"),
        ("She's 37 weeks and the midwife-led unit is open to all.", "AGE"),
        ("A 45-year-old man was found collapsed: what is your diagnosis?", "AGE"),
        ("The surgery is closed on Christmas Eve and Boxing Day.", "DATE"),
        ("Talked the dad through it and we heard a crying baby. Best call ever.", "NAME"),
    ],
)
def test_patient_details_need_a_patient(text: str, label: str) -> None:
    assert not [f for f in screen(text, "post").findings if f.label == label]


@pytest.mark.parametrize(
    "text",
    [
        "Travelling for Hajj or Umrah? The meningitis ACWY vaccine is required by Saudi Arabia.",
        "Aww, thank you! Comments like this are why our audiology team does what they do.",
        "Leaflets on the vaccine now in Tagalog, Amharic and Kurdish Sorani.",
        "New in the day unit: scalp cooling caps, free Wi-Fi and a tea trolley on Thursdays.",
        "In Lagos State our outreach teams gave the measles vaccine to 48,000 children.",
        "Free pneumococcal jab for Singaporeans aged 65 and over at our polyclinics.",
        # a capitalised word in no list beside a clinical word is a brand, not a patient
        "Hepatitis C is now curable with 8-12 weeks of tablets like Epclusa or Maviret.",
        "Travel clinic Tuesdays: rabies, typhoid and yellow fever jabs, no booking needed.",
        "New in the day unit: a volunteer tea trolley on Tuesdays and Thursdays for everyone.",
        "Re: rota. I'm on nights 12th-15th, so I can cover the 18th if someone takes my 30th.",
        "can someone cover my district nursing visits Thurs pm? I'll swap you for Saturday",
        "For non-urgent advice visit 111.nhs.uk or ring 111. Save 999 for emergencies.",
        "ENT teaching, Wednesday 12.30, Education Centre room 3: the Epley manoeuvre.",
    ],
)
def test_languages_observances_and_interjections_are_no_one(text: str) -> None:
    assert screen(text, "post").risk.value == "none"


def test_a_kinship_word_is_no_name() -> None:
    findings = screen("omg i looked after his nan on ward 23 in june!!", "comment").findings
    assert not [f for f in findings if f.label == "NAME"], [(f.text, f.rule) for f in findings]


def test_redaction_never_leaves_a_patient_age() -> None:
    for text in ("Mia Hughes, 57, came into the ED", "Saw Mrs Patel (72) in clinic"):
        redacted = screen(text, "post", redact=True).redacted
        assert redacted is not None
        assert "57" not in redacted and "72" not in redacted, redacted


def test_relationship_redaction_reads_naturally_and_labels_are_upper_case() -> None:
    result = screen("Thanks Jo! Yes, your biopsy came back clear. Take care.", "reply", redact=True)
    assert result.redacted is not None
    assert "biopsy" not in result.redacted and "came back clear" not in result.redacted
    assert result.redacted.startswith("Thanks [NAME]!")
    assert result.redacted.endswith("[CARE DETAILS REMOVED] Take care.")
    tags = [part.split("]")[0] for part in result.redacted.split("[")[1:]]
    assert tags and all(tag == tag.upper() for tag in tags)


def test_identifiers_in_a_text_about_no_one_drop() -> None:
    doc = Doc("Happy International Nurses Day, 12 May, to every nurse on shift today.")
    assert not analyse(doc).about_patient
    assert screen(doc.text).findings == []


def test_a_story_keeps_severity_and_a_patient_name_is_high() -> None:
    result = screen("Sofia Marchetti from Clapham came in tonight with a placental abruption.")
    name = next(f for f in result.findings if f.label == "NAME")
    assert name.severity is Severity.HIGH
    assert result.risk is Severity.HIGH


def test_a_private_message_is_at_least_medium_and_a_post_story_too() -> None:
    message = screen("Your bloods are fine except your iron, which is low.", "message")
    assert message.risk.rank >= Severity.MEDIUM.rank
    assert any(f.category is Category.RELATIONSHIP for f in message.findings)


@pytest.mark.parametrize(
    ("message", "topic"),
    [
        ("should I try Botox or topiramate for my migraines?", topics.Topic.CLINICAL),
        ("Is it normal to still have headaches after the accident?", topics.Topic.CLINICAL),
        ("Can I take ibuprofen with sertraline?", topics.Topic.CLINICAL),
        ("Do you fancy a coffee next week?", topics.Topic.GENERAL),
        ("Congratulations on the new job!", topics.Topic.GENERAL),
    ],
)
def test_advise_and_screen_share_one_vocabulary(message: str, topic: topics.Topic) -> None:
    assert topics.classify(message) is topic


def test_a_clinical_question_from_the_public_gets_the_clinical_advice_verdict() -> None:
    from armslength.advise import advise
    from armslength.model import Interaction

    advice = advise(
        Interaction(
            relationship="public",
            kind="message",
            account="professional",
            message="should I try Botox or topiramate for my migraines?",
        )
    )
    assert advice.reasons[0].rule == "clinical-advice-request"
    assert advice.reply


def test_the_kind_of_text_matters() -> None:
    text = "Your colonoscopy results were normal."
    post = screen(text, ContentKind.POST)
    reply = screen(text, ContentKind.REPLY)
    assert not [f for f in post.findings if f.rule == "rel-discloses-care"]
    assert [f for f in reply.findings if f.category is Category.RELATIONSHIP]
