"""Text helpers shared by the readers: decoding, Meta's mojibake, HTML to text, names."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Any

from anyascii import anyascii

from armslength.errors import ExportError

_BOMS: tuple[tuple[bytes, str], ...] = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


class MalformedError(ExportError):
    """A file that a reader recognised cannot be parsed; the reason names no personal data."""


def decode(data: bytes) -> str:
    """Strict UTF-8 (or UTF-16 with a byte-order mark); :class:`MalformedError` otherwise."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError:
                raise MalformedError(f"not valid {encoding.upper()} text") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise MalformedError(f"not UTF-8 text (bad byte at offset {exc.start})") from None


def peek(head: bytes) -> str:
    """A lenient decoding of the first bytes of a file, for sniffing only."""
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, errors="ignore")
    return head.decode("utf-8", errors="ignore")


def meta_fix(text: str) -> str:
    """Undo Meta's mojibake: UTF-8 bytes written as Latin-1 code points. Idempotent."""
    if text.isascii():
        return text
    try:
        return text.encode("latin-1").decode("utf-8")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return text


def meta_fix_tree(value: Any) -> Any:
    """:func:`meta_fix` every string of a parsed JSON document, keys included."""
    if isinstance(value, str):
        return meta_fix(value)
    if isinstance(value, list):
        return [meta_fix_tree(item) for item in value]
    if isinstance(value, dict):
        return {meta_fix(str(k)): meta_fix_tree(v) for k, v in value.items()}
    return value


def normalise_name(name: str) -> str:
    """A comparison form of a display name: ASCII, lower case, single spaces."""
    folded = anyascii(name).casefold()
    return " ".join(re.sub(r"[^\w@.' -]+", " ", folded).split())


def normalise_file_name(name: str) -> str:
    """A file's base name in lower case with apostrophes and spaces made underscores."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].casefold()
    return re.sub(r"[\s'’`]", "_", base)


class _TextOf(HTMLParser):
    _BREAKS = frozenset({"br", "p", "div", "li"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._BREAKS and tag != "br":
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_to_text(markup: str) -> str:
    """Plain text of a small HTML fragment (Mastodon statuses)."""
    if "<" not in markup:
        return html.unescape(markup)
    parser = _TextOf()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts).strip()
