"""Synthetic export builders for the tests: fictional people, the platforms' real formats.

Each builder returns ``{path inside the export: bytes}``; ``write_*`` package it as a folder,
a zip or a tar.gz. Meta files are written the way Meta writes them: every UTF-8 byte of a
string as its own ``\\u00XX`` escape.
"""

from __future__ import annotations

import io
import json
import tarfile
import zipfile
from pathlib import Path
from typing import Any

Files = dict[str, bytes]

# 2024-03-01T10:00:00Z and onwards
T0 = 1_709_287_200


def mojibake(text: str) -> str:
    return text.encode("utf-8").decode("latin-1")


def _meta_tree(value: Any) -> Any:
    if isinstance(value, str):
        return mojibake(value)
    if isinstance(value, list):
        return [_meta_tree(v) for v in value]
    if isinstance(value, dict):
        return {mojibake(k): _meta_tree(v) for k, v in value.items()}
    return value


def meta_json(value: Any) -> bytes:
    """JSON as Meta writes it: mojibake escapes, 2-space indent, no trailing newline."""
    return json.dumps(_meta_tree(value), indent=2, ensure_ascii=True).encode("ascii")


def write_folder(root: Path, files: Files) -> Path:
    for name, data in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return root


def write_zip(path: Path, files: Files) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def zip_bytes(files: Files) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def write_targz(path: Path, files: Files) -> Path:
    with tarfile.open(path, "w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


# --------------------------------------------------------------------------- Facebook

FB_ERAS = ("2018-19", "2020-22", "2022-24", "2024-25", "2026")
FB_COUNTS = {
    "connections": {
        "friend": 2,
        "follower": 2,
        "following": 1,
        "request_received": 1,
        "request_sent": 1,
        "request_rejected": 1,
        "removed": 1,
    },
    "content": {"post": 2, "comment": 2, "message": 2, "reply": 0},
}


def _people(*names: str, step: int = 0) -> list[dict[str, Any]]:
    return [{"name": n, "timestamp": T0 + step + i} for i, n in enumerate(names)]


def _fb_posts() -> list[dict[str, Any]]:
    return [
        {"timestamp": T0, "data": [{"post": "Flu clinic open on Saturday 👍"}], "title": "x"},
        {"timestamp": T0 + 60, "data": [{"update_timestamp": T0 + 60}], "attachments": []},
        {
            "timestamp": T0 + 120,
            "attachments": [{"data": [{"media": {"uri": "p.jpg", "description": "Café day"}}]}],
            "title": "Dr Ana Ruiz added a new photo.",
        },
    ]


def _fb_comments() -> list[dict[str, Any]]:
    return [
        {
            "timestamp": T0,
            "data": [{"comment": {"timestamp": T0, "comment": "Get well soon", "author": "A"}}],
            "title": "Ana Ruiz commented on Lena Holm's post.",
        },
        {"timestamp": T0 + 5, "title": "Ana Ruiz commented on a post."},
        {
            "timestamp": T0 + 9,
            "data": [{"comment": {"timestamp": T0 + 9, "comment": "Merci, à bientôt"}}],
        },
    ]


def _fb_thread(numbered: bool = True) -> dict[str, Any]:
    return {
        "participants": [{"name": "Ana Ruiz"}, {"name": "Renée Laurent"}],
        "messages": [
            {"sender_name": "Renée Laurent", "timestamp_ms": T0 * 1000 + 5, "content": "café?"},
            {"sender_name": "Ana Ruiz", "timestamp_ms": T0 * 1000, "content": "Hello"},
            {"sender_name": "Ana Ruiz", "timestamp_ms": T0 * 1000 - 9, "sticker": {"uri": "s"}},
            {
                "sender_name": "Renée Laurent",
                "timestamp_ms": T0 * 1000 - 20,
                "content": "Renée Laurent left the group.",
                "type": "Unsubscribe",
            },
        ],
        "title": "Renée Laurent",
        "thread_path": "inbox/reneelaurent_AB12",
    }


def facebook_files(era: str, prefix: str = "facebook-ana-2024-abc123/") -> Files:
    """One synthetic Facebook export of the given era, with the same records in each era."""
    v = "" if era == "2018-19" else "_v2"
    fv = {"2018-19": "", "2020-22": "_v2"}.get(era, "_v3")
    friends, received = _people("Renée Laurent", "Tomás Ibarra"), _people("Olu Ade", step=9)
    keys = {
        "friends": {f"friends{v}": friends},
        "received": {f"received_requests{v}": received},
        "sent": {f"sent_requests{v}": _people("Kai Moana")},
        "rejected": {f"rejected_requests{v}": _people("Ivy Chen")},
        "removed": {f"deleted_friends{v}": _people("Sam Price")},
        "followers": {f"followers{fv}": [{"name": "Zoë Kruger"}, {"name": "Lee Park"}]},
        "following": {f"following{fv}": _people("Mo Farouk")},
    }
    paths = _fb_paths(era)
    files = {prefix + paths[k]: meta_json(v2) for k, v2 in keys.items()}
    posts: Any = {"status_updates": _fb_posts()} if era == "2018-19" else _fb_posts()
    comments_key = "comments" if era == "2018-19" else "comments_v2"
    files[prefix + paths["posts"]] = meta_json(posts)
    files[prefix + paths["comments"]] = meta_json({comments_key: _fb_comments()})
    files[prefix + paths["messages"]] = meta_json(_fb_thread())
    files[prefix + paths["messages"].rsplit("/", 1)[0] + "/photos/1.jpg"] = b"\xff\xd8\xff"
    return files


def _fb_paths(era: str) -> dict[str, str]:
    if era == "2018-19":
        return {
            "friends": "friends/friends.json",
            "received": "friends/received_friend_requests.json",
            "sent": "friends/sent_friend_requests.json",
            "rejected": "friends/rejected_friend_requests.json",
            "removed": "friends/removed_friends.json",
            "followers": "following_and_followers/followers.json",
            "following": "following_and_followers/following.json",
            "posts": "posts/your_posts.json",
            "comments": "comments/comments.json",
            "messages": "messages/inbox/reneelaurent_ab12/message.json",
        }
    if era == "2020-22":
        return {
            "friends": "friends_and_followers/friends.json",
            "received": "friends_and_followers/friend_requests_received.json",
            "sent": "friends_and_followers/friend_requests_sent.json",
            "rejected": "friends_and_followers/rejected_friend_requests.json",
            "removed": "friends_and_followers/removed_friends.json",
            "followers": "friends_and_followers/people_who_follow_you.json",
            "following": "friends_and_followers/who_you_follow.json",
            "posts": "posts/your_posts_1.json",
            "comments": "comments_and_reactions/comments.json",
            "messages": "messages/inbox/reneelaurent_ab12/message_1.json",
        }
    activity, posts = {
        "2022-24": ("your_activity_across_facebook", "your_posts_1.json"),
        "2024-25": ("your_facebook_activity", "your_posts__check_ins__photos_and_videos_1.json"),
        "2026": ("this_profile's_activity_across_facebook", "profile_posts_1.json"),
    }[era]
    return {
        "friends": "connections/friends/your_friends.json",
        "received": "connections/friends/received_friend_requests.json",
        "sent": "connections/friends/sent_friend_requests.json",
        "rejected": "connections/friends/rejected_friend_requests.json",
        "removed": "connections/friends/removed_friends.json",
        "followers": "connections/followers/people_who_followed_you.json",
        "following": "connections/followers/who_you've_followed.json",
        "posts": f"{activity}/posts/{posts}",
        "comments": f"{activity}/comments_and_reactions/comments.json",
        "messages": f"{activity}/messages/inbox/reneelaurent_ab12/message_1.json",
    }


def messenger_backup() -> bytes:
    return meta_json(
        {
            "participants": ["Ana Ruiz", "Renée Laurent"],
            "threadName": "Renée Laurent",
            "messages": [
                {"senderName": "Ana Ruiz", "text": "Hello", "timestamp": T0 * 1000},
                {"senderName": "Renée Laurent", "text": "merci ❤", "timestamp": T0 * 1000 + 1},
                {"senderName": "Ana Ruiz", "text": "gone", "timestamp": 1, "isUnsent": True},
                {"senderName": "Ana Ruiz", "text": "", "timestamp": T0 * 1000, "media": []},
            ],
        }
    )


# --------------------------------------------------------------------------- Instagram


def ig_record(user: str, ts: int, shape: str = "value", host: str = "instagram") -> dict[str, Any]:
    if shape == "title":
        return {
            "title": user,
            "string_list_data": [{"href": f"https://www.{host}.com/_u/{user}", "timestamp": ts}],
        }
    return {
        "title": "",
        "media_list_data": [],
        "string_list_data": [
            {"href": f"https://www.{host}.com/{user}", "value": user, "timestamp": ts}
        ],
    }


IG_COUNTS = {
    "connections": {
        "friend": 0,
        "follower": 3,
        "following": 2,
        "request_received": 1,
        "request_sent": 1,
        "request_rejected": 0,
        "removed": 0,
    },
    "content": {"post": 2, "comment": 2, "message": 2, "reply": 0},
}


def _ig_posts() -> list[dict[str, Any]]:
    return [
        {"media": [{"uri": "m/1.jpg", "creation_timestamp": T0, "title": "Clinic garden 🌷"}]},
        {
            "title": "Two photos, one caption",
            "creation_timestamp": T0 + 9,
            "media": [{"uri": "m/2.jpg", "creation_timestamp": T0 + 9, "title": ""}] * 2,
        },
        {"media": [{"uri": "m/3.jpg", "creation_timestamp": T0 + 20, "title": ""}]},
    ]


def _ig_comments(era: str) -> tuple[str, bytes]:
    if era == "2020-22":
        entries = [
            {"title": "x", "string_list_data": [{"value": "Lovely 😍", "timestamp": T0}]},
            {"title": "y", "string_list_data": [{"value": "Thanks!", "timestamp": T0 + 1}]},
        ]
        return "comments/post_comments.json", meta_json({"comments_media_comments": entries})
    english = {
        "Comment": {"value": "Lovely 😍"},
        "Media Owner": {"value": "lena"},
        "Time": {"timestamp": T0},
    }
    dutch = {
        "Opmerking": {"value": "Dank je wel"},
        "Media-eigenaar": {"value": "lena"},
        "Tijd": {"timestamp": T0 + 1},
    }
    entries = [{"media_list_data": [{"uri": ""}], "string_map_data": m} for m in (english, dutch)]
    return "your_instagram_activity/comments/post_comments_1.json", meta_json(entries)


def instagram_files(era: str, prefix: str = "export/") -> Files:
    """A synthetic Instagram export of era ``2020-22``, ``2022-24`` or ``2025+``."""
    shape = "title" if era == "2025+" else "value"
    followers = [ig_record(u, T0 + i) for i, u in enumerate(["zoe.k", "renée.l", "lee.park"])]
    following = [ig_record(u, T0 + i, shape) for i, u in enumerate(["mo.farouk", "café.owner"])]
    files: Files = {}
    if era == "2020-22":
        folder = "followers_and_following/"
        files[folder + "followers.json"] = meta_json({"relationships_followers": followers})
        files["content/posts_1.json"] = meta_json(_ig_posts())
        thread = "messages/inbox/renee_1234/message_1.json"
    else:
        folder = "connections/followers_and_following/"
        files[folder + "followers_1.json"] = meta_json(followers[:2])
        files[folder + "followers_2.json"] = meta_json(followers[2:])
        sub = "media" if era == "2025+" else "content"
        files[f"your_instagram_activity/{sub}/posts_1.json"] = meta_json(_ig_posts())
        thread = "your_instagram_activity/messages/inbox/renee_1234/message_1.json"
    files[folder + "following.json"] = meta_json({"relationships_following": following})
    received = [ig_record("olu.ade", T0)]
    files[folder + "follow_requests_you've_received.json"] = meta_json(
        {"relationships_follow_requests_received": received}
    )
    files[folder + "pending_follow_requests.json"] = meta_json(
        {"relationships_follow_requests_sent": [ig_record("kai.m", T0)]}
    )
    files[folder + "recent_follow_requests.json"] = meta_json(
        {"relationships_permanent_follow_requests": [ig_record("ivy.c", T0)]}
    )
    comments_path, comments = _ig_comments(era)
    files[comments_path] = comments
    files[thread] = meta_json(_fb_thread())
    return {prefix + k: v for k, v in files.items()}


def threads_files(prefix: str = "export/your_instagram_activity/threads/") -> Files:
    def key(k: str) -> str:
        return "text_post_app_text_post_app_" + k

    return {
        prefix + "followers.json": meta_json(
            {key("followers"): [ig_record("pine.m", T0, host="threads")]}
        ),
        prefix + "following.json": meta_json(
            {key("following"): [ig_record("café.owner", T0, host="threads")]}
        ),
        prefix + "follow_requests_you've_received.json": meta_json(
            {key("follow_requests_received"): [ig_record("river.o", T0, host="threads")]}
        ),
        prefix + "threads_and_replies.json": meta_json(
            {
                "text_post_app_text_posts": [
                    {"media": [{"creation_timestamp": T0, "title": "Flu shots — walk-ins welcome"}]}
                ]
            }
        ),
    }


# --------------------------------------------------------------------------- LinkedIn

LI_PREAMBLE = (
    "Notes:\n"
    '"When exporting your connection data, you may notice that some of the email addresses '
    'are missing. You will only see email addresses for connections who have allowed it."\n'
    "\n"
)


def linkedin_connections(era: str) -> bytes:
    if era == "2020-21":
        rows = [
            "First Name,Last Name,Email Address,Company,Position,Connected On",
            "Anneke,Holloway,,Ridgeback Labs,Analyst,19 Apr 2021",
            'Rafe,Obi,rafe@example.com,"Kestrel & Finch, Ltd.",Manager,06 Dec 2019',
        ]
        return "\n".join(rows).encode()
    if era == "2021-23":
        rows = [
            "First Name,Last Name,Email Address,Company,Position,Connected On",
            "Anneke,Holloway,,Ridgeback Labs,Analyst,19 Apr 2022",
            'Rafe,Obi,,"Kestrel & Finch, Ltd.",Manager,06 Dec 2022',
        ]
        return (LI_PREAMBLE + "\n".join(rows)).encode()
    rows = [
        "First Name,Last Name,URL,Email Address,Company,Position,Connected On",
        "Anneke,Holloway,https://www.linkedin.com/in/anneke-h,,Ridgeback Labs,Analyst,19 Jan 2026",
        ",,,,,,23 Apr 2025",
    ]
    return (LI_PREAMBLE + "\n".join(rows)).encode()


LI_INVITATIONS = (
    b"From,To,Sent At,Message,Direction,inviterProfileUrl,inviteeProfileUrl\n"
    b'Olu Ade,Ana Ruiz,"3/9/23, 4:52 PM",,INCOMING,https://www.linkedin.com/in/olu,\n'
    b'Ana Ruiz,Kai Moana,"11/20/24, 9:05 AM","Good to meet you, Kai",OUTGOING,,https://www.linkedin.com/in/kai\n'
)

LI_MESSAGES_2023 = (
    b"CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,DATE,SUBJECT,CONTENT,FOLDER,"
    b"RECIPIENT PROFILE URLS\n"
    b"2-abc,,Olu Ade,https://www.linkedin.com/in/olu,Ana Ruiz,2023-06-12 09:47:31 UTC,,Hi Ana,"
    b"INBOX,https://www.linkedin.com/in/ana\n"
    b'2-abc,,Ana Ruiz,https://www.linkedin.com/in/ana,Olu Ade,2023-06-12 10:00:00 UTC,,"Hi, Olu",'
    b"INBOX,https://www.linkedin.com/in/olu\n"
)

LI_MESSAGES_2026 = (
    b'"CONVERSATION ID","CONVERSATION TITLE","FROM","SENDER PROFILE URL","TO","DATE","SUBJECT",'
    b'"CONTENT","FOLDER","RECIPIENT PROFILE URLS","ATTACHMENTS"\r\n'
    b'"2-xyz","","Olu Ade","https://www.linkedin.com/in/olu","Ana Ruiz, Ph.D.",'
    b'"2026-02-01 08:00:00 UTC","","Line one\nline ""two""\r\nline three","INBOX","",""\r\n'
    b'"2-xyz","","Ana Ruiz","","Olu Ade","2026-02-01 08:05:00 UTC","","Thanks","INBOX","",""'
)

LI_SHARES = (
    b"Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n"
    b'2026-02-09 01:21:47,https://www.linkedin.com/feed/update/1,"Proud of our team.\n""New clinic"" opens",,,'
    b"MEMBER_NETWORK\n"
)

LI_COMMENTS = b"Date,Link,Message\n2026-01-02 03:04:05,https://www.linkedin.com/feed/update/2,Congratulations!\n"


# --------------------------------------------------------------------------- X


def ytd(kind: str, entries: list[Any], part: int = 0) -> bytes:
    """A ``window.YTD`` data file, Jackson style (``"key" : value``)."""
    body = json.dumps(entries, indent=2, separators=(",", " : "), ensure_ascii=False)
    return f"window.YTD.{kind}.part{part} = {body}".encode()


def _tweet(tweet_id: str, text: str, reply_to: str | None = None) -> dict[str, Any]:
    tweet: dict[str, Any] = {
        "id_str": tweet_id,
        "id": tweet_id,
        "created_at": "Tue Oct 04 17:12:09 +0000 2022",
        "full_text": text,
        "favorite_count": "0",
    }
    if reply_to:
        tweet["in_reply_to_status_id_str"] = reply_to
    return tweet


def x_files(era: str) -> Files:
    """An X archive of era ``2019-20`` (root, unwrapped), ``2020-22`` or ``2022+``."""
    wrap = era != "2019-20"
    base = "" if era == "2019-20" else "data/"

    def entry(key: str, value: dict[str, Any]) -> dict[str, Any]:
        return {key: value} if wrap else value

    followers = [entry("follower", {"accountId": str(10**17 + i)}) for i in range(3)]
    followers[0] = entry(
        "follower", {"accountId": "42", "userLink": "https://twitter.com/intent/user?user_id=42"}
    )
    tweets = [
        entry("tweet", _tweet("1", "Clinic closed Monday &amp; Tuesday")),
        entry("tweet", _tweet("2", "@lena thanks!", reply_to="9")),
    ]
    files = {
        base + "follower.js": ytd("follower", followers),
        base + "following.js": ytd("following", [entry("following", {"accountId": "7"})]),
        base + "account.js": ytd("account", [entry("account", {"username": "dr_ana"})]),
    }
    tweet_type = "tweets" if era == "2022+" else "tweet"
    files[base + f"{tweet_type}.js"] = ytd(tweet_type, tweets[:1])
    files[base + f"{tweet_type}-part1.js"] = ytd(tweet_type, tweets[1:], part=1)
    dms = [
        {
            "dmConversation": {
                "conversationId": "42-99",
                "messages": [
                    {
                        "messageCreate": {
                            "text": "See you &lt;3",
                            "createdAt": "2021-03-15T10:42:51.617Z",
                        }
                    },
                    {"messageCreate": {"text": "ok", "createdAt": "2021-03-15T10:40:00.000Z"}},
                    {"joinConversation": {"initiatingUserId": "1"}},
                ],
            }
        }
    ]
    files[base + "direct-messages.js"] = ytd("direct_messages", dms)
    if era != "2019-20":
        tweet_files = [f"{base}{tweet_type}.js", f"{base}{tweet_type}-part1.js"]
        manifest = {
            "archiveInfo": {"isPartialArchive": False},
            "dataTypes": {
                "follower": {"files": [{"fileName": "data/follower.js", "count": "3"}]},
                "directMessages": {"files": [{"fileName": "data/direct-messages.js"}]},
                tweet_type: {"files": [{"fileName": name} for name in tweet_files]},
                "like": {"files": [{"fileName": "data/like.js"}]},
                "adImpressions": {"files": []},
            },
        }
        body = json.dumps(manifest, indent=2, separators=(",", " : "))
        files[base + "manifest.js"] = f"window.__THAR_CONFIG = {body}".encode()
        files[base + "deleted-tweets.js"] = ytd("deleted_tweets", [])
        files["tweets_media/1-abc.jpg"] = b"\xff\xd8"
    if era == "2022+":
        note = {
            "noteTweet": {"createdAt": "2023-01-01T00:00:00.000Z", "core": {"text": "Long note"}}
        }
        files[base + "note-tweet.js"] = ytd("note_tweet", [note])
    return files


# --------------------------------------------------------------------------- Mastodon

AS_PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
ME = "https://social.example/users/ana"


def _note(n: int, to: list[str], cc: list[str], content: str, **extra: Any) -> dict[str, Any]:
    note = {
        "id": f"{ME}/statuses/{n}",
        "type": "Note",
        "published": f"2024-05-0{n}T08:00:00Z",
        "url": f"https://social.example/@ana/{n}",
        "to": to,
        "cc": cc,
        "content": content,
    }
    return {"id": f"{ME}/statuses/{n}/activity", "type": "Create", "object": note | extra}


def mastodon_outbox() -> bytes:
    items = [
        _note(1, [AS_PUBLIC], [f"{ME}/followers"], "<p>Flu clinic <b>open</b></p><p>Walk in</p>"),
        _note(2, [f"{ME}/followers"], [AS_PUBLIC], "<p>Reply</p>", inReplyTo="https://x/1"),
        _note(3, [f"{ME}/followers"], [], "<p>Followers only &amp; more</p>"),
        _note(4, ["https://other.example/users/lena"], [], "<p>Private note<br>line 2</p>"),
        _note(5, [AS_PUBLIC], [], "<p>Body</p>", summary="CW: health"),
        {"type": "Announce", "object": "https://other.example/statuses/1"},
        _note(6, [AS_PUBLIC], [], ""),
    ]
    doc = {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": "outbox.json",
        "type": "OrderedCollection",
        "totalItems": 8,
        "orderedItems": items,
    }
    return json.dumps(doc, indent=1).encode()


def mastodon_files() -> Files:
    actor = {"id": ME, "type": "Person", "preferredUsername": "ana", "outbox": "outbox.json"}
    return {
        "outbox.json": mastodon_outbox(),
        "actor.json": json.dumps(actor).encode(),
        "likes.json": b'{"type": "OrderedCollection", "orderedItems": ["https://x/1"]}',
        "media_attachments/files/000/001/original/a.png": b"\x89PNG",
        "following_accounts.csv": (
            b"Account address,Show boosts,Notify on new posts,Languages\n"
            b'lena@other.example,true,false,\n\n@mo@social.example,true,true,"en,fr"\n'
        ),
    }


# --------------------------------------------------------------------------- Bluesky


class Link:
    """A CID link inside a DAG-CBOR value."""

    def __init__(self, cid: bytes) -> None:
        self.cid = cid


def dag_cbor(value: Any) -> bytes:
    """DAG-CBOR of *value*, with :class:`Link` values written as tag-42 CIDs."""
    import libipld

    links: list[bytes] = []

    def swap(v: Any) -> Any:
        if isinstance(v, Link):
            links.append(v.cid)
            return b"\x00" + v.cid
        if isinstance(v, dict):
            return {k: swap(x) for k, x in v.items()}
        if isinstance(v, list):
            return [swap(x) for x in v]
        return v

    raw = libipld.encode_dag_cbor(swap(value))
    for cid in links:
        raw = raw.replace(b"\x58\x25\x00" + cid, b"\xd8\x2a\x58\x25\x00" + cid)
    return raw


def cid_of(block: bytes) -> bytes:
    import hashlib

    return b"\x01\x71\x12\x20" + hashlib.sha256(block).digest()


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def bluesky_car(version: int = 3, drop_follow: bool = False) -> bytes:
    """A small repository: a profile, two posts (one a reply), three follows, a like."""
    blocks: dict[bytes, bytes] = {}

    def put(value: Any) -> bytes:
        block = dag_cbor(value)
        cid = cid_of(block)
        blocks[cid] = block
        return cid

    def record(value: dict[str, Any]) -> Link:
        return Link(put(value))

    profile = record({"$type": "app.bsky.actor.profile", "displayName": "Ana"})
    post1 = record(
        {
            "$type": "app.bsky.feed.post",
            "text": "Clinic news 🩺",
            "createdAt": "2024-01-02T03:04:05.678Z",
        }
    )
    reply = {"root": {"uri": "at://x", "cid": "y"}, "parent": {"uri": "at://x", "cid": "y"}}
    post2 = record(
        {
            "$type": "app.bsky.feed.post",
            "text": "Thanks!",
            "createdAt": "2024-01-03T00:00:00-07:00",
            "reply": reply,
        }
    )
    follows = [
        record(
            {
                "$type": "app.bsky.graph.follow",
                "subject": f"did:plc:friend{i}",
                "createdAt": "2023-08-25T08:25:39.961Z",
            }
        )
        for i in range(3)
    ]
    like = record({"$type": "app.bsky.feed.like", "subject": {"uri": "at://x", "cid": "y"}})
    if drop_follow:
        del blocks[follows[2].cid]
    left = put(
        {"l": None, "e": [{"p": 0, "k": b"app.bsky.actor.profile/self", "v": profile, "t": None}]}
    )
    follow_keys = [f"app.bsky.graph.follow/3k{i}" for i in range(3)]
    right = put(
        {
            "l": None,
            "e": [
                {
                    "p": 0 if i == 0 else 22,
                    "k": (k if i == 0 else k[22:]).encode(),
                    "v": f,
                    "t": None,
                }
                for i, (k, f) in enumerate(zip(follow_keys, follows, strict=True))
            ],
        }
    )
    root = put(
        {
            "l": Link(left),
            "e": [
                {"p": 0, "k": b"app.bsky.feed.like/3a", "v": like, "t": None},
                {"p": 14, "k": b"post/3k1", "v": post1, "t": None},
                {"p": 21, "k": b"2", "v": post2, "t": Link(right)},
            ],
        }
    )
    commit = put(
        {
            "did": "did:plc:ana",
            "version": version,
            "data": Link(root),
            "rev": "3k",
            "prev": None,
            "sig": b"s",
        }
    )
    header = dag_cbor({"roots": [Link(commit)], "version": 1})
    out = bytearray(_varint(len(header)) + header)
    for cid, block in blocks.items():
        out += _varint(len(cid) + len(block)) + cid + block
    return bytes(out)


# --------------------------------------------------------------------------- TikTok


def tiktok_user_data(era: str) -> bytes:
    fans = [
        {"Date": "2025-01-09 21:44:10", "UserName": "lena_h"},
        {"date": "2024-12-30 08:01:55", "username": "mo_f"},
    ]
    following = [{"Date": "2024-12-30 08:02:13", "UserName": "mo_f"}]
    videos = [
        {
            "Date": "2025-01-05 20:11:09",
            "Link": "https://www.tiktokv.com/share/video/1/",
            "WhoCanView": "Everyone",
            "Title": "5 stretches #physio",
        },
        {
            "Date": "2025-01-06 20:11:09",
            "Link": "https://www.tiktokv.com/share/video/2/",
            "Title": "",
        },
    ]
    comments = [
        {"date": "2025-01-12 18:03:44", "comment": "thank you 🙏", "photo": "N/A", "url": ""}
    ]
    chats = {
        "Chat History with lena_h:": [
            {"Date": "2025-01-10 09:15:02", "From": "lena_h", "Content": "open saturday?"},
            {"Date": "2025-01-10 09:20:41", "From": "dr_ana", "Content": "yes 9-12"},
        ]
    }
    if era == "2024":
        doc = {
            "Activity": {
                "Follower List": {"FansList": fans},
                "Following List": {"Following": following},
            },
            "Video": {"Videos": {"VideoList": videos}},
            "Comment": {"Comments": {"CommentsList": comments}},
            "Direct Messages": {"Chat History": {"ChatHistory": chats}},
            "Profile": {"Profile Information": {"ProfileMap": {"userName": "dr_ana"}}},
        }
    else:
        doc = {
            "Comment": {"Comments": {"App": 1, "CommentsList": comments}},
            "Direct Message": {"Direct Messages": {"ChatHistory": chats}},
            "Post": {"Posts": {"VideoList": videos}, "Recently Deleted Posts": {"PostList": None}},
            "Profile": {"Profile Info": {"ProfileMap": {"userName": "dr_ana"}}},
            "Your Activity": {
                "Follower": {"App": 1, "FansList": fans},
                "Following": {"Following": following},
            },
        }
    return json.dumps(doc, indent=2, ensure_ascii=False).encode()
