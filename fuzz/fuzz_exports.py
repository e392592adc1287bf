"""Fuzz targets for the export readers (atheris; not run in CI).

    pip install atheris
    python fuzz/fuzz_exports.py reader  [atheris options]   # every file reader, on raw bytes
    python fuzz/fuzz_exports.py archive [atheris options]   # the archive walker, zip / tar.gz

Without atheris the same targets run under hypothesis for a while (``--hypothesis``).
The tests in ``tests/exports/test_exports_properties.py`` drive the same entry functions.
A target fails only when an exception escapes: every reader must turn bad input into a
skipped entry (``read_file(...).problem``) and the walker into :class:`Skipped` entries.
"""

from __future__ import annotations

import sys

from armslength.config import ExportLimits
from armslength.errors import UnsupportedExportError
from armslength.exports import READERS, read_export_bytes, read_file
from armslength.exports._reading import INTERNAL

_NAMES = (
    "your_friends.json",
    "your_posts_1.json",
    "message_1.json",
    "following.json",
    "followers_1.json",
    "posts_1.json",
    "post_comments_1.json",
    "Connections.csv",
    "messages.csv",
    "Invitations.csv",
    "Shares_1.csv",
    "tweets.js",
    "manifest.js",
    "outbox.json",
    "following_accounts.csv",
    "repo.car",
    "user_data_tiktok.json",
)
_ARCHIVES = ("export.zip", "archive.tar.gz", "export.json")
SMALL_LIMITS = ExportLimits(
    max_total_uncompressed=8 * 1024**2, max_member_size=4 * 1024**2, max_members=2000
)


def reader_target(data: bytes) -> None:
    """One reader (chosen by the first byte) on the rest of the bytes, under a fitting name."""
    if len(data) < 2:
        return
    reader = READERS[data[0] % len(READERS)]
    name = _NAMES[data[1] % len(_NAMES)]
    outcome = read_file(reader, name, data[2:])
    if outcome.problem is not None and outcome.problem.startswith(INTERNAL):
        raise AssertionError(f"{type(reader).__name__}: {outcome.problem}")


def archive_target(data: bytes) -> None:
    """The walker and every reader behind it, on bytes taken as a zip, tar.gz or file."""
    if not data:
        return
    name = _ARCHIVES[data[0] % len(_ARCHIVES)]
    try:
        results = read_export_bytes(name, data[1:], limits=SMALL_LIMITS)
    except UnsupportedExportError:
        return
    for result in results:
        for skipped in result.skipped:
            if skipped.reason.startswith(INTERNAL):
                raise AssertionError(f"{skipped.path}: {skipped.reason}")


TARGETS = {"reader": reader_target, "archive": archive_target}


def _hypothesis(target_name: str) -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    target = TARGETS[target_name]

    @settings(max_examples=20_000, deadline=None)
    @given(st.binary(max_size=4096))
    def run(data: bytes) -> None:
        target(data)

    run()


def main(argv: list[str]) -> None:
    target_name = argv[1] if len(argv) > 1 else "reader"
    if "--hypothesis" in argv:
        _hypothesis(target_name)
        return
    import atheris  # type: ignore[import-not-found]

    atheris.Setup([argv[0], *argv[2:]], TARGETS[target_name])
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
