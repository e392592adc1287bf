"""Every example in the README and docs runs, and prints what the docs say it prints.

How a doc states what a command prints (see also "Examples are tests" in README.md):

* In a ```console block, a ``$ armslength …`` line is a command; the lines after it, up to the
  next ``$`` line or the end of the block, are its expected output (stdout and stderr, as a
  terminal shows them). A command with no lines after it must print nothing. A trailing
  ``# exit N`` announces a non-zero exit code; other trailing ``# …`` comments are ignored.
* Commands run in order with Typer's ``CliRunner``, in a fresh temporary folder per doc, with an
  empty config and data directory, ``COLUMNS=100`` and ``NO_COLOR=1``. Blocks whose first line is
  ``# file: NAME`` (or ``# policy: NAME``) are written to that folder first, without that line
  (yaml blocks keep it: it is a comment).
* Comparison is line by line after normalisation: colour codes and box-drawing characters are
  removed, runs of whitespace become one space, blank lines are dropped. In an expected line
  ``<N>`` matches a number, ``<DATE>`` a date or timestamp, ``<HASH>`` a hex digest, ``<PATH>``
  any run of non-blank characters, and ``...`` (or ``…``) inside a line any text. A line that
  is only ``...`` (or ``…``) matches any run of lines, including none. A line with a
  placeholder may match two output lines, for when a long temporary path wraps.
* When the expected output parses as JSON, the command's stdout is parsed too and compared as a
  subset: every key given must be present with a matching value, lists match item by item (a
  last item ``"..."`` allows more items), strings may use the placeholders above, and the string
  ``"..."`` matches any value. An expected line that is a JSON object is compared the same way
  with its output line (JSON Lines).
* ```python blocks run in document order, between the console blocks, each in a fresh namespace
  in the same folder. A block whose first line is ``# not run: REASON`` is skipped (keep rare).
* A doc whose examples start Spark (``OWN_PROCESS``) runs in a child Python, as scripts/test.sh
  runs the Spark tests; it is skipped without pyspark or Java.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import textwrap
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from armslength.cli import app
from armslength.config import settings_from_dict

ROOT = Path(__file__).resolve().parent.parent
DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"```(\w+)\n(.*?)```", re.DOTALL)
SKIP_DOCS = {"benchmarks.md"}
OWN_PROCESS = {"spark.md"}
FAILED = "\n--- example failed ---\n"
ENV = {"COLUMNS": "100", "NO_COLOR": "1", "TERMINAL_WIDTH": "100"}

EXIT = re.compile(r"\s+#\s*exit\s+(\d+)\s*$")
NOT_RUN = re.compile(r"#\s*not run:\s*\S")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
BOX = re.compile(r"[\u2500-\u257f]")
ELLIPSIS = ("...", "…")
PLACEHOLDERS = {
    "<N>": r"-?\d[\d,]*(?:\.\d+)?",
    "<DATE>": r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?",
    "<HASH>": r"[0-9a-f]{7,}",
    "<PATH>": r"\S+",
    "...": r".*",
    "…": r".*",
}
TOKEN = re.compile("|".join(re.escape(p) for p in PLACEHOLDERS))


@dataclass
class Command:
    """One ``$ armslength …`` line of a console block and what the doc says it prints."""

    line: str
    exit_code: int
    expected: list[str] = field(default_factory=list)

    @property
    def args(self) -> list[str]:
        return shlex.split(self.line, comments=True)


@dataclass
class Python:
    """One ```python block."""

    source: str

    @property
    def skipped(self) -> bool:
        return NOT_RUN.match(self.source) is not None


Example = Command | Python


def blocks(path: Path, language: str) -> list[str]:
    return [body for lang, body in fenced(path) if lang == language]


def fenced(path: Path) -> list[tuple[str, str]]:
    return FENCE.findall(path.read_text(encoding="utf-8"))


def console_commands(body: str) -> list[Command]:
    found: list[Command] = []
    for line in body.splitlines():
        if line.startswith("$ armslength "):
            command = line.removeprefix("$ armslength ").strip()
            match = EXIT.search(command)
            code = int(match.group(1)) if match else 0
            found.append(Command(EXIT.sub("", command), code))
        elif line.startswith("$"):
            raise AssertionError(f"a console line that is not an armslength command: {line}")
        elif found:
            found[-1].expected.append(line)
    return found


def examples(path: Path) -> list[Example]:
    """The doc's console commands and Python blocks, in document order."""
    found: list[Example] = []
    for language, body in fenced(path):
        if language == "console":
            found.extend(console_commands(body))
        elif language == "python":
            found.append(Python(textwrap.dedent(body)))
    return found


def commands(path: Path) -> list[Command]:
    return [e for e in examples(path) if isinstance(e, Command)]


def named_files(path: Path) -> dict[str, str]:
    """Blocks whose first line is ``# file: NAME`` (or ``# policy: NAME``), without that line."""
    files = {}
    for language in ("yaml", "csv", "json", "text"):
        for body in blocks(path, language):
            first, _, rest = body.partition("\n")
            if match := re.match(r"#\s*(?:file|policy):\s*(\S+)", first):
                files[match.group(1)] = body if language == "yaml" else rest
    return files


# --- comparing output -------------------------------------------------------------------------


def normalise(text: str) -> list[str]:
    """Lines without colour, box drawing, repeated or surrounding blanks, or empty lines."""
    lines = (" ".join(BOX.sub(" ", ANSI.sub("", line)).split()) for line in text.splitlines())
    return [line for line in lines if line]


def line_pattern(expected: str) -> re.Pattern[str]:
    parts, last = [], 0
    for match in TOKEN.finditer(expected):
        parts += [re.escape(expected[last : match.start()]), PLACEHOLDERS[match.group()]]
        last = match.end()
    parts.append(re.escape(expected[last:]))
    return re.compile("".join(parts))


def as_json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None


def json_matches(expected: Any, actual: Any) -> bool:
    """``expected`` is a subset of ``actual`` (see the module docstring)."""
    if isinstance(expected, str):
        if expected in ELLIPSIS:
            return True
        if not isinstance(actual, str):
            actual = json.dumps(actual)
        return line_pattern(expected).fullmatch(actual) is not None
    if isinstance(expected, dict):
        return isinstance(actual, dict) and all(
            key in actual and json_matches(value, actual[key]) for key, value in expected.items()
        )
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return False
        more = bool(expected) and expected[-1] in ELLIPSIS
        items = expected[:-1] if more else expected
        if len(actual) < len(items) or (not more and len(actual) != len(items)):
            return False
        return all(json_matches(e, a) for e, a in zip(items, actual, strict=False))
    return bool(expected == actual and type(expected) is type(actual))


def line_matches(expected: str, actual: str) -> bool:
    if expected.startswith("{") and isinstance(wanted := as_json(expected), dict):
        return json_matches(wanted, as_json(actual))
    return line_pattern(expected).fullmatch(actual) is not None


def lines_match(expected: list[str], actual: list[str]) -> bool:
    """Line-by-line match, where an expected ``...`` line stands for any run of lines, and a line
    with a placeholder may match two output lines (the terminal wrapped a long path or hash)."""
    # reachable[j]: the expected lines so far can match the first j actual lines
    reachable = [True] + [False] * len(actual)
    for pattern in expected:
        if pattern in ELLIPSIS:
            for j in range(1, len(actual) + 1):
                reachable[j] = reachable[j] or reachable[j - 1]
            continue
        after = [False] * (len(actual) + 1)
        for j in range(len(actual)):
            if not reachable[j]:
                continue
            if line_matches(pattern, actual[j]):
                after[j + 1] = True
            if (
                j + 1 < len(actual)
                and TOKEN.search(pattern)
                and wrapped_matches(pattern, actual, j)
            ):
                after[j + 2] = True
        reachable = after
    return reachable[-1]


def wrapped_matches(pattern: str, actual: list[str], j: int) -> bool:
    """The pattern matches lines j and j+1 joined (Rich wraps at a space or inside a word)."""
    return any(line_matches(pattern, actual[j] + sep + actual[j + 1]) for sep in (" ", ""))


def output_mismatch(command: Command, stdout: str, output: str) -> str | None:
    """None when the output is what the doc says, else a readable diff."""
    expected = normalise("\n".join(command.expected))
    wanted = as_json("\n".join(expected)) if expected else None
    if isinstance(wanted, dict | list):
        got = as_json(stdout)
        if json_matches(wanted, got):
            return None
        actual = json.dumps(got, indent=2, ensure_ascii=False).splitlines() if got else []
        expected = json.dumps(wanted, indent=2, ensure_ascii=False).splitlines()
        note = "expected JSON (a subset) vs stdout parsed as JSON"
    else:
        actual = normalise(output)
        if lines_match(expected, actual):
            return None
        note = "expected (normalised) vs actual (normalised)"
    diff = difflib.unified_diff(expected, actual, "doc", "actual", lineterm="")
    return f"{note}:\n" + "\n".join(diff)


# --- running ----------------------------------------------------------------------------------


def run_command(runner: CliRunner, command: Command) -> tuple[int, str, str]:
    result = runner.invoke(app, command.args, env=ENV)
    return result.exit_code, result.stdout, result.output


def run_python(example: Python, doc: Path, index: int) -> None:
    code = compile(example.source, f"{doc.name}: python block {index}", "exec")
    exec(code, {"__name__": f"docs_example_{index}"})


DOCS_WITH_EXAMPLES = [p for p in DOCS if p.name not in SKIP_DOCS and examples(p)]


def test_docs_have_examples() -> None:
    assert ROOT / "README.md" in DOCS_WITH_EXAMPLES
    assert len([p for p in DOCS_WITH_EXAMPLES if commands(p)]) >= 3
    assert any(isinstance(e, Python) for p in DOCS_WITH_EXAMPLES for e in examples(p))


def test_few_python_blocks_are_skipped() -> None:
    skipped = [
        f"{doc.name}: {e.source.splitlines()[0]}"
        for doc in DOCS_WITH_EXAMPLES
        for e in examples(doc)
        if isinstance(e, Python) and e.skipped
    ]
    assert len(skipped) <= 3, "\n".join(skipped)


def run_examples(doc: Path) -> None:
    """Run the doc's examples in the current folder; AssertionError at the first mismatch."""
    for name, body in named_files(doc).items():
        Path(name).write_text(body, encoding="utf-8")
    runner = CliRunner()
    for index, example in enumerate(examples(doc), start=1):
        if isinstance(example, Python):
            if not example.skipped:
                run_python(example, doc, index)
            continue
        code, stdout, output = run_command(runner, example)
        where = f"{doc.name}: armslength {example.line}"
        assert code == example.exit_code, f"{where}\nexit code {code}\n{output}"
        mismatch = output_mismatch(example, stdout, output)
        assert mismatch is None, f"{where}\n{mismatch}"


def run_in_own_process(doc: Path) -> None:
    """A doc whose examples start Spark runs in a child Python (see scripts/test.sh: a JVM left
    in the process of the SQLAlchemy-backed CLI tests made those fail now and then)."""
    pytest.importorskip("pyspark")
    if shutil.which("java") is None:
        pytest.skip("Java is not installed (spark.md's examples run Spark)")
    child = subprocess.run(
        [sys.executable, __file__, str(doc)],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, **ENV},
    )
    _, marker, message = child.stderr.partition(FAILED)
    assert child.returncode == 0, message if marker else child.stderr[-4000:]


def follow_columns(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rich fixes a console's width when it is created with $COLUMNS set (a developer's shell may
    export it): let the consoles already made by armslength's modules follow ``ENV`` instead."""
    for name, module in list(sys.modules.items()):
        if name.startswith("armslength.") and module is not None:
            for value in vars(module).values():
                if isinstance(value, Console):
                    monkeypatch.setattr(value, "_width", None)


@pytest.mark.parametrize("doc", DOCS_WITH_EXAMPLES, ids=lambda p: p.name)
def test_examples_run_as_documented(
    doc: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    follow_columns(monkeypatch)
    if doc.name in OWN_PROCESS:
        run_in_own_process(doc)
    else:
        run_examples(doc)


def test_toml_examples_are_valid_settings() -> None:
    found = 0
    for doc in DOCS:
        for body in blocks(doc, "toml"):
            settings_from_dict(tomllib.loads(body), source=doc.name)
            found += 1
    assert found >= 1


# --- the comparison itself ---------------------------------------------------------------------


def test_normalise_drops_colour_boxes_and_blank_lines() -> None:
    text = "\x1b[1m┏━━━━┓\x1b[0m\n┃ risk   high ┃\n\n   \n"
    assert normalise(text) == ["risk high"]


@pytest.mark.parametrize(
    ("expected", "actual", "ok"),
    [
        (["a", "...", "z"], ["a", "b", "c", "z"], True),
        (["a", "...", "z"], ["a", "z"], True),
        (["a", "z"], ["a", "b", "z"], False),
        (["a"], ["a", "b"], False),
        (["a", "…"], ["a", "b"], True),
        (["events: <N>, last <HASH> at <DATE>"], ["events: 3, last 9f2c1ab0 at 2026-01-02"], True),
        (["events: <N>"], ["events: three"], False),
        (["wrote <PATH>/report.html"], ["wrote /tmp/x/out/report.html"], True),
        (["risk: high ..."], ["risk: high (3 findings)"], True),
        (["at <PATH> is up"], ["at /a/very/long/path", "is up"], True),
        (["at <PATH>/db is up"], ["at /a/very/long/pa", "th/db is up"], True),
        (["at /a/b is up"], ["at /a/b", "is up"], False),
        (['{"id": "d1", "risk": "none"}'], ['{"id": "d1", "risk": "none", "findings": []}'], True),
        (['{"id": "d1", "risk": "low"}'], ['{"id": "d1", "risk": "none", "findings": []}'], False),
    ],
)
def test_lines_match(expected: list[str], actual: list[str], ok: bool) -> None:
    assert lines_match(expected, actual) is ok


@pytest.mark.parametrize(
    ("expected", "actual", "ok"),
    [
        ({"a": 1}, {"a": 1, "b": 2}, True),
        ({"a": 1}, {"a": True}, False),
        ({"a": [1, "..."]}, {"a": [1, 2, 3]}, True),
        ({"a": [1]}, {"a": [1, 2]}, False),
        ({"a": "..."}, {"a": {"deep": 1}}, True),
        ({"n": "<N>", "when": "<DATE>"}, {"n": 12, "when": "2026-03-01T10:00:00Z"}, True),
        ({"missing": None}, {}, False),
    ],
)
def test_json_matches(expected: Any, actual: Any, ok: bool) -> None:
    assert json_matches(expected, actual) is ok


def test_a_mismatch_names_the_difference() -> None:
    command = Command("screen draft.txt", 1, ["risk: high"])
    message = output_mismatch(command, "risk: low\n", "risk: low\n")
    assert message is not None
    assert "-risk: high" in message
    assert "+risk: low" in message


if __name__ == "__main__":  # run_in_own_process: python tests/test_docs.py DOC
    try:
        run_examples(Path(sys.argv[1]))
    except AssertionError as failure:
        sys.exit(f"{FAILED}{failure}")
