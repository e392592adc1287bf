"""Keep the user's own messages: exports hold both sides of every thread.

The account holder is in every thread, so the author seen in the most threads (then with
the most messages) is taken to be them; messages by anyone else are set aside unscreened.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence

from armslength.model import Content, ContentKind, Platform


def owner_of(messages: Sequence[Content]) -> str | None:
    """The account holder's name in *messages*, or None when it cannot be told apart."""
    authors = {m.author for m in messages if m.author}
    if len(authors) < 2:
        return None
    threads: dict[str, set[str]] = defaultdict(set)
    counts: Counter[str] = Counter()
    for message in messages:
        if message.author:
            threads[message.author].add(message.source or "")
            counts[message.author] += 1
    return max(sorted(authors), key=lambda a: (len(threads[a]), counts[a]))


def own_content(content: Sequence[Content]) -> tuple[list[Content], int]:
    """*content* without messages other people sent, and how many were set aside."""
    messages: dict[Platform, list[Content]] = defaultdict(list)
    for item in content:
        if item.kind == ContentKind.MESSAGE:
            messages[item.platform].append(item)
    owners = {platform: owner_of(items) for platform, items in messages.items()}
    kept = [
        item
        for item in content
        if item.kind != ContentKind.MESSAGE
        or item.author is None
        or owners.get(item.platform) in (None, item.author)
    ]
    return kept, len(content) - len(kept)
