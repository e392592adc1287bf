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
