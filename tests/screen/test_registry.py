"""The recognizer registry: list, add and disable recognizers by rule id (no CLI here)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from armslength import InputError, Screener, screen
from armslength.config import load_settings
from armslength.model import Category, Severity
from armslength.screen._doc import Doc, Span
from armslength.screen.batch import BatchOptions, screen_texts
from armslength.screen.recognizers import REGISTRY, Recognizer, Registry, screen_rules
from armslength.screen.recognizers.email import EmailRecognizer

STORY = "Saw Mrs Patel in clinic today, email her at jo.patel@example.org"


def _fresh() -> tuple[Registry, type[Recognizer], type[Recognizer]]:
    registry = Registry()

    @registry.add
    class Hello(Recognizer):
        """Finds the word hello (a test recognizer)."""

        rule = "test-hello"
        label = "GREETING"

        def find(self, doc: Doc) -> Iterator[Span]:
            start = doc.folded.find("hello")
            if start >= 0:
                yield Span(start, start + 5, "GREETING", Category.PHI, Severity.LOW, 0.5,
                           self.rule, "a greeting")  # fmt: skip

    class Later(EmailRecognizer):
        """Built by its user."""

        rule = "test-later"

    registry.add(Later, default=False)
    return registry, Hello, Later


def test_a_decorated_recognizer_is_listed_with_its_label_and_description() -> None:
    registry, hello, _ = _fresh()
    listed = {info.rule: info for info in registry.rules()}
    assert set(listed) == {"test-hello", "test-later"} == registry.ids()
    info = listed["test-hello"]
    assert (info.label, info.category, info.recognizer) == ("GREETING", "phi", "Hello")
    assert info.description == "Finds the word hello (a test recognizer)."
    assert listed["test-later"].description == "Built by its user."
    assert len(registry) == 2 and hello.rule == "test-hello"


@pytest.mark.parametrize(
    ("disable", "built"),
    [((), ["Hello"]), (["test-hello"], []), (["test-later"], ["Hello"])],
)
def test_build_skips_disabled_and_user_built_recognizers(
    disable: list[str], built: list[str]
) -> None:
    registry, _, _ = _fresh()
    assert [type(r).__name__ for r in registry.build(disable)] == built


@pytest.mark.parametrize("bad", [["test-nope"], ["test-hello", "phi-email"]])
def test_build_refuses_an_unknown_id_and_names_it(bad: list[str]) -> None:
    registry, _, _ = _fresh()
    with pytest.raises(InputError) as caught:
        registry.build(bad)
    assert bad[-1] in str(caught.value) and caught.value.field == "disable"


def test_builtin_listing_covers_every_reported_rule_once() -> None:
    rules = screen_rules()
    ids = [r.rule for r in rules]
    assert len(ids) == len(set(ids)) == len(REGISTRY.ids())
    assert all(r.description and "\n" not in r.description for r in rules)
    by_id = {r.rule: r for r in rules}
    assert by_id["phi-email"].label == "CONTACT" and by_id["prof-derogatory"].category == (
        "professionalism"
    )
    found = {f.rule for f in screen(STORY).findings}
    assert found <= set(ids)


@pytest.mark.parametrize(
    "make",
    [
        lambda: Screener(disable=["phi-nope"]),
        lambda: screen(STORY, disable=["phi-nope"]),
        lambda: BatchOptions(disable=("phi-nope",)),
    ],
)
def test_every_entry_point_refuses_an_unknown_rule_id(make: object) -> None:
    with pytest.raises(InputError, match="phi-nope"):
        make()  # type: ignore[operator]


@pytest.mark.parametrize(
    "make",
    [lambda: screen(STORY, disable="phi-email"), lambda: BatchOptions(disable="phi-email")],  # type: ignore[arg-type]
)
def test_a_lone_string_is_refused_not_split_into_letters(make: object) -> None:
    with pytest.raises(InputError, match="iterable of str"):
        make()  # type: ignore[operator]


def test_batch_options_disable_rules_in_every_worker() -> None:
    items = [(STORY, "post")] * 3
    options = BatchOptions(disable=["phi-email"])
    for workers in (1, 2):
        results = list(screen_texts(items, options, workers=workers))
        rules = {f.rule for r in results for f in r.findings}  # type: ignore[union-attr]
        assert "phi-email" not in rules and "phi-name" in rules, workers


def test_settings_disable_is_read_from_the_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[screen]\ndisable = ["phi-email", "prof-mocking"]\n', encoding="utf-8")
    settings = load_settings(path)
    assert settings.screen.disable == ["phi-email", "prof-mocking"]
    rules = {f.rule for f in Screener(disable=settings.screen.disable).screen(STORY).findings}
    assert "phi-email" not in rules and "phi-name" in rules
