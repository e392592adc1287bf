"""Every example in the README and docs runs (typer's docs-as-tests practice)."""

from __future__ import annotations

import re
import shlex
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from armslength.cli import app
from armslength.config import settings_from_dict

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"```(\w+)\n(.*?)```", re.DOTALL)
SKIP_DOCS = {"benchmarks.md"}


def blocks(path: Path, language: str) -> list[str]:
    return [
        body for lang, body in FENCE.findall(path.read_text(encoding="utf-8")) if lang == language
    ]


EXIT = re.compile(r"\s+#\s*exit\s+(\d+)\s*$")


def commands(path: Path) -> list[tuple[str, int]]:
    """``$ armslength …`` lines, with the exit code a trailing ``# exit N`` announces."""
    found = []
    for body in blocks(path, "console"):
        for line in body.splitlines():
            if line.startswith("$ armslength "):
                command = line.removeprefix("$ armslength ").strip()
                match = EXIT.search(command)
                found.append((EXIT.sub("", command), int(match.group(1)) if match else 0))
    return found


def named_files(path: Path) -> dict[str, str]:
    """Blocks whose first line is ``# file: NAME`` (or ``# policy: NAME``), without that line."""
    files = {}
    for language in ("yaml", "csv", "json", "text"):
        for body in blocks(path, language):
            first, _, rest = body.partition("\n")
            if match := re.match(r"#\s*(?:file|policy):\s*(\S+)", first):
                files[match.group(1)] = body if language == "yaml" else rest
    return files


DOCS_WITH_COMMANDS = [p for p in DOCS if p.name not in SKIP_DOCS and commands(p)]


def test_docs_have_examples() -> None:
    assert ROOT / "README.md" in DOCS_WITH_COMMANDS
    assert len(DOCS_WITH_COMMANDS) >= 3


@pytest.mark.parametrize("doc", DOCS_WITH_COMMANDS, ids=lambda p: p.name)
def test_console_examples_run(doc: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for name, body in named_files(doc).items():
        (tmp_path / name).write_text(body, encoding="utf-8")
    runner = CliRunner()
    for command, expected in commands(doc):
        result = runner.invoke(app, shlex.split(command, comments=True))
        assert result.exit_code == expected, f"{doc.name}: armslength {command}\n{result.output}"


def test_toml_examples_are_valid_settings() -> None:
    found = 0
    for doc in DOCS:
        for body in blocks(doc, "toml"):
            settings_from_dict(tomllib.loads(body), source=doc.name)
            found += 1
    assert found >= 1
