"""Reply templates (Jinja2, one per situation) and their rendering.

Templates never receive the other person's message, so a reply can never echo it,
and none mentions anything clinical or confirms that someone is a patient.

A reply is a function of the templates and the clinician's own settings only (tone, channels,
practice, spelling, emergency number), so the rendered text is kept in the user cache
(:mod:`armslength._prebuilt`, keyed by every template's text and those settings): a command
that gives the same reply again neither imports Jinja2 nor compiles a template.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from armslength import _prebuilt
from armslength.config import Channels
from armslength.model import Tone

if TYPE_CHECKING:
    import jinja2

_SPELLING_US = {
    "organisation": "organization",
    "organise": "organize",
    "apologise": "apologize",
    "recognise": "recognize",
    "centre": "center",
    "behaviour": "behavior",
    "colour": "color",
    "favour": "favor",
    "honour": "honor",
}
_CHANNEL_LABELS = (
    ("portal", "the patient portal at"),
    ("website", "our website at"),
    ("email", "e-mail at"),
    ("phone", "phone on"),
)


@cache
def _environment() -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("armslength.replies", "templates"),
        autoescape=False,  # noqa: S701 - plain-text replies, never HTML
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=False,
    )


def template_names() -> frozenset[str]:
    folder = resources.files("armslength.replies").joinpath("templates")
    return frozenset(
        entry.name.removesuffix(".j2")
        for entry in folder.iterdir()
        if entry.name.endswith(".j2") and not entry.name.startswith("_")
    )


@dataclass(frozen=True)
class ReplyContext:
    """What a template may know: never the message, never anything clinical."""

    tone: Tone
    channels: Channels
    practice_name: str | None
    spelling: str
    emergency: str


def _channel_list(channels: Channels) -> list[tuple[str, str]]:
    return [(label, value) for key, label in _CHANNEL_LABELS if (value := getattr(channels, key))]


def _americanise(text: str) -> str:
    def swap(match: re.Match[str]) -> str:
        word = match.group(0)
        replacement = _SPELLING_US[word.lower()]
        return replacement.capitalize() if word[0].isupper() else replacement

    pattern = r"\b(" + "|".join(_SPELLING_US) + r")\b"
    return re.sub(pattern, swap, text, flags=re.IGNORECASE)


@cache
def _templates() -> bytes:
    """Every template's name and text: a reply can include any of them."""
    folder = resources.files("armslength.replies").joinpath("templates")
    entries = sorted((e.name, e.read_bytes()) for e in folder.iterdir() if e.name.endswith(".j2"))
    return b"".join(f"{n}\n{len(text)}\n".encode() + text for n, text in entries)


def render(name: str, context: ReplyContext) -> str:
    """Render reply template *name* for *context* as one paragraph of plain text."""
    settings = [
        name, context.tone.value, [getattr(context.channels, f) for f in Channels.model_fields],
        context.practice_name, context.spelling, context.emergency,
    ]  # fmt: skip
    key = b"reply-1\n" + json.dumps(settings, sort_keys=True).encode() + b"\n" + _templates()
    return _prebuilt.cached(
        "reply-" + re.sub(r"[^a-z0-9]+", "-", name.lower()),
        key,
        lambda: _render(name, context),
        lambda text: [text.encode("utf-8")],
        lambda sections: b"".join(sections).decode("utf-8"),
    )


def _render(name: str, context: ReplyContext) -> str:
    template = _environment().get_template(f"{name}.j2")
    practice = context.practice_name or "practice"
    text = template.render(
        tone=context.tone.value,
        channels=_channel_list(context.channels),
        professional_page=context.channels.professional_page,
        practice=practice if context.practice_name is None else f"team at {practice}",
        emergency=context.emergency,
        secure_channel=context.channels.email or "our secure work e-mail",
    )
    text = " ".join(text.split())
    return _americanise(text) if context.spelling == "en-US" else text


__all__ = ["ReplyContext", "render", "template_names"]
