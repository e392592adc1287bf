"""Export reading benchmark: a large text export and archives that are mostly media.

    .venv/bin/python benchmarks/bench_exports.py [--posts 1000000] [--media-gb 1 4] [--keep DIR]

Writes synthetic Facebook exports (2024-25 layout, Meta's escaping, zip):

* a text archive of ``--posts`` posts of ~900 characters (about 1 GB of JSON) in numbered
  ``your_posts__check_ins__photos_and_videos_N.json`` files;
* one archive per ``--media-gb`` size: a few hundred posts plus stored media files of
  that total size, to show that media are skipped unread and memory does not grow.

Each measurement runs ``read_exports`` in a fresh child process and reports wall time and
the child's peak RSS. Results go in docs/benchmarks.md ("Export reading").
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

POSTS_PER_FILE = 20_000
T0 = 1_709_287_200
WORDS = [
    "clinic",
    "appointment",
    "walk-in",
    "flu",
    "shot",
    "vaccine",
    "season",
    "weekend",
    "team",
    "thanks",
    "patients",
    "community",
    "health",
    "café",
    "évènement",
    "garden",
    "run",
    "charity",
    "fundraiser",
    "conference",
    "talk",
    "slides",
    "night",
    "shift",
    "coffee",
    "rota",
    "ward",
    "audit",
    "research",
    "paper",
    "journal",
    "review",
    "nurse",
    "doctor",
    "👍",
    "🌷",
]


def _post_text(rng: random.Random, chars: int) -> str:
    words: list[str] = []
    size = 0
    while size < chars:
        word = rng.choice(WORDS)
        words.append(word)
        size += len(word) + 1
    return " ".join(words)


def _meta(text: str) -> str:
    return text.encode("utf-8").decode("latin-1")


def _posts_file(rng: random.Random, start: int, count: int, chars: int) -> bytes:
    posts = [
        {"timestamp": T0 + start + i, "data": [{"post": _meta(_post_text(rng, chars))}]}
        for i in range(count)
    ]
    return json.dumps(posts, indent=2, ensure_ascii=True).encode("ascii")


def write_text_archive(path: Path, posts: int, chars: int) -> int:
    """The text export; returns the uncompressed size of its JSON."""
    rng = random.Random(7)
    total = 0
    activity = "facebook-bench/your_facebook_activity/posts/"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for number, start in enumerate(range(0, posts, POSTS_PER_FILE), start=1):
            data = _posts_file(rng, start, min(POSTS_PER_FILE, posts - start), chars)
            total += len(data)
            name = f"{activity}your_posts__check_ins__photos_and_videos_{number}.json"
            archive.writestr(name, data)
    return total


def write_media_archive(path: Path, gigabytes: float) -> None:
    rng = random.Random(11)
    chunk = os.urandom(8 * 1024**2)
    media_size = 64 * 1024**2
    count = max(1, int(gigabytes * 1024**3 / media_size))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr(
            "facebook-bench/your_facebook_activity/posts/your_posts_1.json",
            _posts_file(rng, 0, 300, 200),
        )
        for number in range(count):
            name = f"facebook-bench/your_facebook_activity/posts/media/{number}.mp4"
            with archive.open(name, "w", force_zip64=True) as media:
                for _ in range(media_size // len(chunk)):
                    media.write(chunk)


def measure(path: Path, keep: bool) -> dict[str, object]:
    """Child process: read the export and report time, peak RSS and counts."""
    from armslength.exports import read_exports

    started = time.perf_counter()
    results = read_exports(path, keep_records=keep)
    seconds = time.perf_counter() - started
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    counts = results[0].counts()
    return {
        "seconds": round(seconds, 1),
        "peak_rss_mb": round(peak_kb / 1024),
        "posts": counts["content"]["post"],
        "skipped": len(results[0].skipped),
    }


def _child(path: Path, keep: bool) -> dict[str, object]:
    args = [sys.executable, __file__, "--measure", str(path)] + (["--keep-records"] if keep else [])
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return dict(json.loads(out))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--posts", type=int, default=1_000_000)
    parser.add_argument("--post-chars", type=int, default=900)
    parser.add_argument("--media-gb", type=float, nargs="*", default=[1.0, 4.0])
    parser.add_argument("--keep", type=Path, help="write the archives here and keep them")
    parser.add_argument("--measure", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--keep-records", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(args.measure, args.keep_records)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"# {platform.processor() or platform.machine()}, Python {platform.python_version()}")
        text = folder / "facebook-text.zip"
        json_bytes = write_text_archive(text, args.posts, args.post_chars)
        size = text.stat().st_size
        print(
            f"text archive: {args.posts} posts, {json_bytes / 1e9:.2f} GB of JSON, "
            f"{size / 1e9:.2f} GB zipped"
        )
        for keep in (False, True):
            print(f"  keep_records={keep}: {_child(text, keep)}")
        text.unlink()
        for gigabytes in args.media_gb:
            media = folder / f"facebook-media-{gigabytes:g}gb.zip"
            write_media_archive(media, gigabytes)
            print(f"media archive {media.stat().st_size / 1e9:.2f} GB: {_child(media, False)}")
            media.unlink()


if __name__ == "__main__":
    main()
