"""Deterministic synthetic data: a patient roster and real-shaped platform exports.

Used for the bundled demo (small) and the audit benchmark (large). Every person is
invented: names are drawn at random from common first names and surnames.
"""

from __future__ import annotations

import csv
import io
import json
import random
import zipfile
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

GIVEN = [
    "Olivia",
    "Amelia",
    "Isla",
    "Ava",
    "Mia",
    "Ivy",
    "Lily",
    "Sophia",
    "Grace",
    "Freya",
    "Ella",
    "Emily",
    "Poppy",
    "Evie",
    "Ruby",
    "Chloe",
    "Oliver",
    "George",
    "Noah",
    "Arthur",
    "Leo",
    "Harry",
    "Oscar",
    "Jack",
    "Charlie",
    "Henry",
    "Thomas",
    "William",
    "James",
    "Alfie",
    "Joshua",
    "Daniel",
    "Samuel",
    "Lucas",
    "Ethan",
    "Mason",
    "Logan",
    "Aaron",
    "Nathan",
    "Caleb",
    "Maria",
    "Ana",
    "Priya",
    "Aisha",
    "Fatima",
    "Zara",
    "Hannah",
    "Sarah",
    "Rachel",
    "Laura",
    "Megan",
    "Bethany",
    "Kieran",
    "Rhys",
    "Dylan",
    "Owen",
    "Callum",
    "Finlay",
    "Margaret",
    "Dorothy",
    "Irene",
    "Harold",
    "Walter",
    "Stanley",
    "Eileen",
    "Doreen",
    "Kenneth",
    "Ronald",
    "Renee",
    "Zoe",
    "Andre",
]
FAMILY = [
    "Smith",
    "Jones",
    "Taylor",
    "Brown",
    "Williams",
    "Wilson",
    "Johnson",
    "Davies",
    "Patel",
    "Wright",
    "Robinson",
    "Thompson",
    "Evans",
    "Walker",
    "White",
    "Roberts",
    "Green",
    "Hall",
    "Wood",
    "Jackson",
    "Clarke",
    "Hughes",
    "Edwards",
    "Turner",
    "Hill",
    "Cooper",
    "Ward",
    "Morris",
    "Moore",
    "King",
    "Harris",
    "Lewis",
    "Baker",
    "Lee",
    "Allen",
    "Khan",
    "Scott",
    "Young",
    "Mitchell",
    "Campbell",
    "Anderson",
    "Bell",
    "Murphy",
    "Kelly",
    "Price",
    "Bennett",
    "Griffiths",
    "Lloyd",
    "Pearce",
    "Okafor",
    "Nowak",
    "Kowalski",
    "Haddad",
    "Osei",
    "Fernandes",
    "Silva",
    "Rossi",
    "Moreau",
    "Lindqvist",
    "Fitzgerald",
    "Abernethy",
    "Quennell",
    "Marchetti",
    "Oyelaran",
]
# Surname endings widen the pool of full names so a large roster is not mostly namesakes.
ENDINGS = ("", "", "", "", "s", "son", "ley", "ford", "wood", "ton", "well", "man", "by", "field")
CITIES = [
    "Riverside",
    "Millbrook",
    "Ashford",
    "Kingsbridge",
    "Elmstead",
    "Harbourne",
    "Westfield",
    "Oakham",
]
CONDITIONS = (
    "diabetes",
    "COPD",
    "heart failure",
    "a broken hip",
    "pneumonia",
    "sepsis",
    "a stroke",
    "appendicitis",
    "asthma",
    "a DVT",
)
BENIGN = (
    "Lovely walk along the river this morning.",
    "Anyone know a good bakery near the station?",
    "Finished my first half marathon today!",
    "Great evening at the quiz with friends.",
    "Reading a fantastic novel this week, recommendations welcome.",
    "The garden is finally coming together.",
    "Happy birthday to my wonderful sister!",
    "Rainy Sunday, perfect for baking bread.",
)
RISKY = (
    "Long night on call. {name}, {age}, came into the ED with {condition} — pulled through. Proud of the team.",
    "Can't stop thinking about my patient in bed {bed} on ward {ward}, {age} years old from {city}. Tough day.",
    "Saw {name} in clinic today, {condition} finally under control!",
    "Crazy shift: a {age} year old from {city} with {condition}. You couldn't make it up.",
    "Happy to see {first} doing so well after surgery last Tuesday.",
)
SEPARATION = (
    "As a doctor I see this every week: please get your flu jab.",
    "Back at the surgery tomorrow after a lovely week off.",
)


class SampleRandom(random.Random):
    """Deterministic randomness, plus whether full names should be drawn from a wider pool."""

    def __init__(self, seed: int, *, varied: bool = False) -> None:
        super().__init__(seed)
        self.varied = varied


def _family(rng: random.Random) -> str:
    varied = getattr(rng, "varied", False)
    return rng.choice(FAMILY) + (rng.choice(ENDINGS) if varied else "")


@dataclass(frozen=True)
class Person:
    patient_id: str
    given: str
    family: str
    birth_date: date
    city: str

    @property
    def name(self) -> str:
        return f"{self.given} {self.family}"


def people(count: int, rng: random.Random) -> list[Person]:
    return [
        Person(
            patient_id=f"P{index:07d}",
            given=rng.choice(GIVEN),
            family=_family(rng),
            birth_date=date(1930, 1, 1) + timedelta(days=rng.randrange(0, 33000)),
            city=rng.choice(CITIES),
        )
        for index in range(1, count + 1)
    ]


def roster_csv(patients: list[Person]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["patient_id", "given", "family", "birth_date", "city"])
    for p in patients:
        writer.writerow([p.patient_id, p.given, p.family, p.birth_date.isoformat(), p.city])
    return out.getvalue()


def _mojibake(text: str) -> str:
    """Meta's encoding: UTF-8 bytes written as if each were a Latin-1 character."""
    return text.encode("utf-8").decode("latin-1")


def _stamp(rng: random.Random, start: int = 1_609_459_200, span: int = 150_000_000) -> int:
    return start + rng.randrange(span)


def _post_text(rng: random.Random, patients: list[Person], risky: float) -> str:
    roll = rng.random()
    if roll < risky and patients:
        p = rng.choice(patients)
        return rng.choice(RISKY).format(
            name=p.name,
            first=p.given,
            age=rng.randrange(18, 96),
            condition=rng.choice(CONDITIONS),
            bed=rng.randrange(1, 30),
            ward=rng.choice("ABCDEFG") + str(rng.randrange(1, 9)),
            city=p.city,
        )
    if roll < risky + 0.02:
        return rng.choice(SEPARATION)
    return rng.choice(BENIGN)


def _others(count: int, rng: random.Random) -> list[str]:
    return [f"{rng.choice(GIVEN)} {_family(rng)}" for _ in range(count)]


def facebook_files(
    patients: list[Person], rng: random.Random, *, friends: int, posts: int, risky: float
) -> dict[str, bytes]:
    """A ~2024-25 layout Facebook export: friends, requests, followers, posts, comments."""
    chosen = rng.sample(patients, min(len(patients), max(1, friends // 10)))
    names = [p.name for p in chosen[: len(chosen) // 2]] + _others(friends, rng)
    requests = [p.name for p in chosen[len(chosen) // 2 :]] + _others(max(1, friends // 50), rng)
    root = "facebook-drsample-2025-11-01/"

    def entries(values: list[str]) -> list[dict[str, object]]:
        return [{"name": _mojibake(n), "timestamp": _stamp(rng)} for n in values]

    post_items = [
        {
            "timestamp": _stamp(rng),
            "data": [{"post": _mojibake(_post_text(rng, patients, risky))}],
            "title": "Dr Sample updated their status.",
        }
        for _ in range(posts)
    ]
    comments = [
        {
            "timestamp": _stamp(rng),
            "data": [
                {
                    "comment": {
                        "timestamp": _stamp(rng),
                        "comment": _mojibake(_post_text(rng, patients, risky)),
                        "author": "Dr Sample",
                    }
                }
            ],
            "title": "Dr Sample commented on a post.",
        }
        for _ in range(max(1, posts // 4))
    ]
    thread = chosen[0]
    exchange = [
        (thread.name, f"Hi doctor, is my biopsy back yet? It's {thread.given}"),
        (
            "Dr Sample",
            f"Hi {thread.given}, yes your biopsy came back clear, see you at the clinic on Tuesday",
        ),
        (thread.name, "Thank you so much!"),
    ]
    messages = [
        {
            "sender_name": _mojibake(sender),
            "timestamp_ms": (_stamp(rng) * 1000),
            "content": _mojibake(text),
        }
        for sender, text in exchange
    ]
    friendly = [
        {"sender_name": sender, "timestamp_ms": (_stamp(rng) * 1000), "content": text}
        for sender, text in (
            ("Dr Sample", "Are we still on for Saturday?"),
            ("Sam Friend", "Yes! See you at 7"),
        )
    ]
    docs: dict[str, object] = {
        "your_facebook_activity/messages/inbox/patient_1/message_1.json": {
            "participants": [{"name": _mojibake(thread.name)}, {"name": "Dr Sample"}],
            "messages": messages,
            "title": _mojibake(thread.name),
            "thread_path": "inbox/patient_1",
        },
        "your_facebook_activity/messages/inbox/friend_2/message_1.json": {
            "participants": [{"name": "Sam Friend"}, {"name": "Dr Sample"}],
            "messages": friendly,
            "title": "Sam Friend",
            "thread_path": "inbox/friend_2",
        },
        "connections/friends/your_friends.json": {"friends_v2": entries(names)},
        "connections/friends/received_friend_requests.json": {
            "received_requests_v2": entries(requests)
        },
        "connections/friends/sent_friend_requests.json": {
            "sent_requests_v2": entries(_others(2, rng))
        },
        "connections/followers/people_who_followed_you.json": {
            "followers_v3": [{"name": _mojibake(n)} for n in _others(max(1, friends // 20), rng)]
        },
        "your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.json": post_items,
        "your_facebook_activity/comments_and_reactions/comments.json": {"comments_v2": comments},
    }
    return {root + path: json.dumps(doc, indent=1).encode() for path, doc in docs.items()}


def _handle(name: str, rng: random.Random) -> str:
    given, family = name.lower().split(" ", 1)
    return rng.choice(
        (f"{given}.{family}", f"{given}_{family}{rng.randrange(10, 99)}", f"{given}{family}")
    )


def instagram_files(
    patients: list[Person], rng: random.Random, *, followers: int, posts: int, risky: float
) -> dict[str, bytes]:
    """A ~2022-24 layout Instagram export: followers, following, requests, posts."""
    chosen = rng.sample(patients, min(len(patients), max(1, followers // 12)))

    def record(name: str) -> dict[str, object]:
        handle = _handle(name, rng)
        return {
            "title": "",
            "media_list_data": [],
            "string_list_data": [
                {
                    "href": f"https://www.instagram.com/{handle}",
                    "value": handle,
                    "timestamp": _stamp(rng),
                }
            ],
        }

    follower_names = [p.name for p in chosen] + _others(followers, rng)
    posts_doc = [
        {
            "media": [
                {
                    "uri": f"media/posts/{i}.jpg",
                    "creation_timestamp": _stamp(rng),
                    "title": _mojibake(_post_text(rng, patients, risky)),
                }
            ]
        }
        for i in range(posts)
    ]
    root = "connections/followers_and_following/"
    docs: dict[str, object] = {
        root + "followers_1.json": [record(n) for n in follower_names],
        root + "following.json": {
            "relationships_following": [record(n) for n in _others(max(1, followers // 5), rng)]
        },
        root + "follow_requests_you've_received.json": {
            "relationships_follow_requests_received": [record(p.name) for p in chosen[:2]]
        },
        "your_instagram_activity/content/posts_1.json": posts_doc,
    }
    return {path: json.dumps(doc, indent=1).encode() for path, doc in docs.items()}


def linkedin_files(
    patients: list[Person], rng: random.Random, *, connections: int
) -> dict[str, bytes]:
    """A 2023+ LinkedIn export: Connections.csv with the Notes preamble and URL column."""
    chosen = rng.sample(patients, min(len(patients), max(1, connections // 15)))
    out = io.StringIO()
    out.write(
        'Notes:\n"When exporting your connection data, some e-mail addresses may be missing."\n\n'
    )
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        ["First Name", "Last Name", "URL", "Email Address", "Company", "Position", "Connected On"]
    )
    names = [(p.given, p.family) for p in chosen] + [
        tuple(n.split(" ", 1)) for n in _others(connections, rng)
    ]
    for given, family in names:
        moment = datetime.fromtimestamp(_stamp(rng), tz=UTC)
        writer.writerow(
            [
                given,
                family,
                f"https://www.linkedin.com/in/{given.lower()}-{family.lower()}",
                "",
                "Example Ltd",
                "Manager",
                moment.strftime("%d %b %Y"),
            ]
        )
    return {"Connections.csv": out.getvalue().encode()}


def x_files(
    patients: list[Person], rng: random.Random, *, followers: int, posts: int, risky: float
) -> dict[str, bytes]:
    """An X archive: manifest.js, tweets and followers (ids only, as X exports them)."""
    tweets = []
    for index in range(posts):
        moment = datetime.fromtimestamp(_stamp(rng), tz=UTC)
        tweets.append(
            {
                "tweet": {
                    "id_str": str(10**17 + index),
                    "full_text": _post_text(rng, patients, risky),
                    "created_at": moment.strftime("%a %b %d %H:%M:%S +0000 %Y"),
                }
            }
        )
    ids = [
        {
            "follower": {
                "accountId": str(10**9 + i),
                "userLink": f"https://twitter.com/intent/user?user_id={10**9 + i}",
            }
        }
        for i in range(followers)
    ]
    manifest = {
        "dataTypes": {
            "tweets": {
                "files": [
                    {
                        "fileName": "data/tweets.js",
                        "globalName": "YTD.tweets.part0",
                        "count": str(posts),
                    }
                ]
            },
            "follower": {
                "files": [
                    {
                        "fileName": "data/follower.js",
                        "globalName": "YTD.follower.part0",
                        "count": str(followers),
                    }
                ]
            },
        }
    }
    return {
        "data/manifest.js": ("window.__THAR_CONFIG = " + json.dumps(manifest, indent=1)).encode(),
        "data/tweets.js": ("window.YTD.tweets.part0 = " + json.dumps(tweets, indent=1)).encode(),
        "data/follower.js": ("window.YTD.follower.part0 = " + json.dumps(ids, indent=1)).encode(),
    }


def mastodon_files(
    patients: list[Person], rng: random.Random, *, posts: int, risky: float
) -> dict[str, bytes]:
    """A Mastodon account archive: outbox.json (visibility from to/cc) and actor.json."""
    public = "https://www.w3.org/ns/activitystreams#Public"
    actor = "https://social.example/users/drsample"
    items = []
    for index in range(posts):
        moment = datetime.fromtimestamp(_stamp(rng), tz=UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        to, cc = rng.choice(([[public], [actor + "/followers"]], [[actor + "/followers"], []]))
        items.append(
            {
                "id": f"{actor}/statuses/{index}/activity",
                "type": "Create",
                "actor": actor,
                "published": moment,
                "to": to,
                "cc": cc,
                "object": {
                    "id": f"{actor}/statuses/{index}",
                    "type": "Note",
                    "published": moment,
                    "to": to,
                    "cc": cc,
                    "content": f"<p>{_post_text(rng, patients, risky)}</p>",
                },
            }
        )
    outbox = {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": "outbox.json",
        "type": "OrderedCollection",
        "totalItems": len(items),
        "orderedItems": items,
    }
    actor_doc = {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": actor,
        "type": "Person",
        "preferredUsername": "drsample",
        "name": "Sam Ple",
        "outbox": "outbox.json",
    }
    return {
        "outbox.json": json.dumps(outbox, indent=1).encode(),
        "actor.json": json.dumps(actor_doc, indent=1).encode(),
    }


def zip_bytes(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=(2025, 11, 1, 12, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, files[name])
    return buffer.getvalue()


@dataclass(frozen=True)
class Scale:
    patients: int = 400
    friends: int = 120
    followers: int = 80
    connections: int = 60
    posts: int = 40
    risky: float = 0.2
    x_followers: int = 0
    x_posts: int = 0
    mastodon_posts: int = 0


def write_sample(folder: Path, scale: Scale = Scale(), seed: int = 20261125) -> dict[str, Path]:
    """Write roster.csv, facebook.zip, instagram.zip, linkedin/ (and x.zip, mastodon.zip) into *folder*."""
    rng = SampleRandom(seed, varied=scale.patients > 1000)
    patients = people(scale.patients, rng)
    folder.mkdir(parents=True, exist_ok=True)
    paths = {
        "roster": folder / "roster.csv",
        "facebook": folder / "facebook.zip",
        "instagram": folder / "instagram.zip",
        "linkedin": folder / "linkedin",
    }
    paths["roster"].write_text(roster_csv(patients), encoding="utf-8")
    paths["facebook"].write_bytes(
        zip_bytes(
            facebook_files(
                patients, rng, friends=scale.friends, posts=scale.posts, risky=scale.risky
            )
        )
    )
    paths["instagram"].write_bytes(
        zip_bytes(
            instagram_files(
                patients, rng, followers=scale.followers, posts=scale.posts, risky=scale.risky
            )
        )
    )
    paths["linkedin"].mkdir(exist_ok=True)
    for name, data in linkedin_files(patients, rng, connections=scale.connections).items():
        (paths["linkedin"] / name).write_bytes(data)
    if scale.x_posts or scale.x_followers:
        paths["x"] = folder / "x.zip"
        paths["x"].write_bytes(
            zip_bytes(
                x_files(
                    patients,
                    rng,
                    followers=scale.x_followers,
                    posts=scale.x_posts,
                    risky=scale.risky,
                )
            )
        )
    if scale.mastodon_posts:
        paths["mastodon"] = folder / "mastodon.zip"
        paths["mastodon"].write_bytes(
            zip_bytes(mastodon_files(patients, rng, posts=scale.mastodon_posts, risky=scale.risky))
        )
    return paths


_POST_FIRST = [
    "Jane",
    "Robert",
    "Amelia",
    "Tomasz",
    "Priya",
    "Oluwaseun",
    "Zoë",
    "Liam",
    "Mei",
    "Ana",
]
_POST_LAST = ["Quill", "Smyth", "Okafor", "Nowak", "Patel", "García", "Brown", "Lindqvist", "Chen"]
_POST_TEMPLATES = [
    "Lovely to see {name} in clinic today, she is 87 and doing well after her {cond}.",
    "Great shift on ward {ward} tonight. Bed {bed} kept us busy!",
    "Happy birthday to my patient {name} ({age}) — born {date}, still going strong.",
    "Thanks for the review, {first}! Glad your {cond} treatment at St Mary's went well.",
    "Call me on 0207 946 0{bed:03d} or email {first}.{last}@example.com about the results.",
    "Conference in {city} next week, who else is going? #MedTwitter",
    "MRN 12345{bed:03d} was admitted yesterday with {cond}; family visiting from {city}.",
    "Just a reminder to get your flu jab this autumn. Clinics run every weekday morning.",
    "Drunk patient in A&E tried to fight security lol, what a night",
    "Our team ran the {city} half marathon for the hospital charity, thank you all!",
    "@{first}{last} you were so brave during your {cond} surgery!",
    "New paper out today on {cond} outcomes in rural practice — link in bio.",
]
_POST_CONDITIONS = ["hip replacement", "diabetes", "depression", "chemo", "HIV", "broken arm"]
_POST_CITIES = ["Leeds", "Boston", "Toronto", "Kraków", "Auckland"]


def social_post(rng: random.Random) -> str:
    """One short social-media post, often with a patient's name, age, date, contact, ID or a
    professionalism risk (for the screening benchmarks and the Spark tests)."""
    first, last = rng.choice(_POST_FIRST), rng.choice(_POST_LAST)
    return rng.choice(_POST_TEMPLATES).format(
        name=f"{first} {last}",
        first=first,
        last=last,
        cond=rng.choice(_POST_CONDITIONS),
        ward=rng.choice("ABCDE") + str(rng.randrange(1, 9)),
        bed=rng.randrange(1, 999),
        age=rng.randrange(18, 101),
        date=f"{rng.randrange(1, 29)}/0{rng.randrange(1, 10)}/19{rng.randrange(30, 99)}",
        city=rng.choice(_POST_CITIES),
    )
