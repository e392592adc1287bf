"""The ``armslength screen`` command: output shapes and exit codes 0/1/2."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from armslength.cli import app

runner = CliRunner()


def _run(args: list[str], stdin: str | bytes | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, ["screen", *args], input=stdin)
    return result.exit_code, result.stdout, result.stderr + repr(result.exception)


def test_clean_text_exits_0() -> None:
    code, out, _ = _run(["--json"], "Lovely sunny day for a walk")
    assert code == 0
    assert json.loads(out) == {"id": None, "risk": "none", "findings": []}


def test_findings_at_fail_on_exit_1_with_contract_fields() -> None:
    code, out, _ = _run(["--json", "--kind", "reply"], "Glad your crown is holding up, Jennifer!")
    assert code == 1
    data = json.loads(out)
    assert data["risk"] == "high"
    assert "redacted" not in data
    keys = {"start", "end", "text", "label", "category", "severity", "score", "rule", "why"}
    assert all(set(f) == keys | {"sources"} for f in data["findings"])
    cited = [f for f in data["findings"] if f["category"] == "relationship"]
    assert cited and all(f["sources"] and "[sources" not in f["why"] for f in cited)


@pytest.mark.parametrize(("fail_on", "code"), [("none", 0), ("low", 1), ("medium", 0), ("high", 0)])
def test_fail_on_levels(fail_on: str, code: int) -> None:
    # a lone city is a low finding
    assert _run(["--fail-on", fail_on], "My brother is moving to Chicago")[0] == code


def test_redact_flag_adds_redacted_text() -> None:
    code, out, _ = _run(["--json", "--redact", "--fail-on", "none"], "Call Jennifer Smith")
    assert code == 0
    assert json.loads(out)["redacted"] == "Call [NAME]"


def test_allow_option_and_config_allow_list(tmp_path: Path) -> None:
    text = "Thanks Jennifer Smith"
    assert _run(["--json", "--allow", "Jennifer Smith"], text)[0] == 0
    config = tmp_path / "config.toml"
    config.write_text('[screen]\nallow_terms = ["Jennifer Smith"]\n', encoding="utf-8")
    assert _run(["--json", "--config", str(config)], text)[0] == 0


def test_readable_output_shows_table(tmp_path: Path) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("My patient Jennifer Smith, 93, was admitted", encoding="utf-8")
    code, out, _ = _run([str(draft), "--redact"])
    assert code == 1
    assert "Risk: high" in out and "Don't post this as written" in out
    assert "a name" in out and "phi-name" not in out  # rule ids only with --details
    assert "Redacted:" in out and "--details" in out
    assert "phi-name" in _run([str(draft), "--details"])[1]
    assert "gmc_2024)" in _run(["--details"], "As your dentist I say floss")[1]
    assert "No findings" in _run([], "hello there")[1]


def test_missing_file_and_bad_utf8_exit_2(tmp_path: Path) -> None:
    code, _, err = _run([str(tmp_path / "nope.txt")])
    assert code == 2
    assert "not found" in err
    for typed in ("Saw Mrs Patel in clinic today", "Patel"):
        code, _, err = _run([typed])
        assert code == 2 and "--text" in err and "Patel" not in err
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"caf\xe9 Jennifer")
    code, _, err = _run([str(bad)])
    assert code == 2
    assert "UTF-8" in err
    assert "Jennifer" not in err
    assert _run([str(tmp_path)])[0] == 2


def test_jsonl_one_line_per_input_in_order_with_errors() -> None:
    lines = [
        json.dumps({"id": "a", "text": "Saw Mrs Patel today"}),
        "not json",
        json.dumps([1, 2]),
        json.dumps({"id": 7}),
        json.dumps({"id": "k", "text": "hi", "kind": "tweet"}),
        "",
        json.dumps({"id": "b", "text": "Sunny day", "kind": "reply"}),
    ]
    data = ("\n".join(lines) + "\n").encode() + b'{"id": "u", "text": "\xff"}\n'
    code, out, err = _run(["--jsonl", "--redact"], data)
    rows = [json.loads(line) for line in out.splitlines()]
    assert code == 1
    assert [r.get("id") for r in rows] == ["a", None, None, 7, "k", "b", None]
    assert [r.get("line") for r in rows if "error" in r] == [2, 3, 4, 5, 8]
    assert rows[0]["redacted"] == "Saw Mrs [NAME] [DATE]"  # the day she was seen
    assert rows[5]["risk"] == "none"
    assert "-:2:" in err
    assert "Patel" not in err


def test_jsonl_nothing_processable_exits_2() -> None:
    code, out, err = _run(["--jsonl"], "nope\n[]\n")
    assert code == 2
    assert len(out.splitlines()) == 2
    assert "no line could be screened" in err


def test_jsonl_with_workers_keeps_order(tmp_path: Path) -> None:
    rows = [
        {"id": str(i), "text": f"Note {i} about Mrs Patel" if i % 2 else "fine"} for i in range(150)
    ]
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    code, out, err = _run([str(path), "--jsonl", "--workers", "2", "--fail-on", "high"])
    results = [json.loads(line) for line in out.splitlines()]
    assert code == 0, err
    assert [r["id"] for r in results] == [str(i) for i in range(150)]
    assert [r["risk"] != "none" for r in results] == [bool(i % 2) for i in range(150)]


def test_roster_option_uses_load_roster(tmp_path: Path) -> None:
    roster = tmp_path / "roster.csv"
    roster.write_text("id,given,family\n1,Aoife,Brennan\n", encoding="utf-8")
    code, out, _ = _run(["--json", "--roster", str(roster)], "ran into aoife brennan")
    assert code == 1
    assert any(f["rule"] == "phi-known-patient" for f in json.loads(out)["findings"])
    code, out, _ = _run(["--jsonl", "--roster", str(roster)], '{"id": 1, "text": "aoife brennan"}')
    assert json.loads(out)["findings"][0]["rule"] == "phi-known-patient"


def test_json_of_a_long_text_matches_the_library_result() -> None:
    # several pieces of CHUNK characters, each with findings: --json streams them
    from armslength.screen import screen
    from armslength.screen.engine import CHUNK

    line = "My patient Anna Kowalska, 94, from Zalakaros, MRN: ST-998877. "
    text = line * (3 * CHUNK // len(line))
    code, out, _ = _run(["--json", "--fail-on", "high"], text)
    expected = screen(text).model_dump(mode="json", exclude={"redacted"})
    assert code == 1
    assert json.loads(out) == expected
    assert len(expected["findings"]) > 3 * 4
