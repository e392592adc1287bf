"""The command line as a user runs it: outputs, files written, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from armslength.cli import app

runner = CliRunner()


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def test_done_when_uk_current_patient_friend(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    code, _, _ = run(
        "init",
        "--config",
        str(config),
        "--no-interactive",
        "--practice-name",
        "Riverside Surgery",
        "--website",
        "https://riverside.example",
        "--portal",
        "https://portal.riverside.example",
        "--email",
        "reception@riverside.example",
    )
    assert code == 0
    code, out, _ = run(
        "advise",
        "--relationship",
        "current-patient",
        "--kind",
        "friend",
        "--account",
        "personal",
        "--jurisdiction",
        "uk",
        "--json",
        "--config",
        str(config),
    )
    assert code == 0
    data = json.loads(out)
    assert data["verdict"] == "decline"
    ids = {s["id"] for reason in data["reasons"] for s in reason["sources"]}
    assert {"bma_2011", "gmc_2024"} <= ids  # GMC 2013 only as the history of GMC 2024
    assert "https://portal.riverside.example" in data["reply"]
    assert "reception@riverside.example" in data["reply"]
    assert set(data) >= {"verdict", "reasons", "reply", "alternatives", "policy_version"}
    reason = data["reasons"][0]
    assert set(reason) >= {"rule", "summary", "strength", "sources"}
    assert set(reason["sources"][0]) >= {"id", "title", "year", "url"}


def test_config_from_environment_variable(tmp_path: Path) -> None:
    config = tmp_path / "env.toml"
    config.write_text('[profile]\njurisdiction = "us"\nrole = "nurse"\n', encoding="utf-8")
    code, out, _ = run(
        "advise",
        "--relationship",
        "current-patient",
        "--json",
        env={"ARMSLENGTH_CONFIG": str(config)},
    )
    assert code == 0
    ids = {s["id"] for reason in json.loads(out)["reasons"] for s in reason["sources"]}
    assert "ncsbn" in ids


def test_readable_output_shows_verdict_reply_and_unverified(tmp_path: Path) -> None:
    code, out, _ = run(
        "advise", "--relationship", "former-patient", "--jurisdiction", "us", "--details"
    )
    assert code == 0
    assert "Don't connect — send this reply" in out and "Reply to send" in out
    assert "What to weigh" in out and "partly confirmed" in out


def test_invalid_config_names_the_key(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text('[profile]\njurisdiction = "mars"\n', encoding="utf-8")
    code, _, err = run("advise", "--config", str(config))
    assert code == 2
    assert "profile.jurisdiction" in err and str(config) in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("[profile\n", "not valid TOML"),
        ('[profile.channels]\nwebsite = "riverside.example"\n', "profile.channels.website"),
        ('[profile.channels]\nemail = "not-an-address"\n', "profile.channels.email"),
        ('[profile]\ncolour = "blue"\n', "profile.colour"),
    ],
)
def test_bad_config_files(tmp_path: Path, content: str, message: str) -> None:
    config = tmp_path / "c.toml"
    config.write_text(content, encoding="utf-8")
    code, _, err = run("config", "show", "--config", str(config))
    assert code == 2 and message in err


def test_missing_explicit_config_is_an_error(tmp_path: Path) -> None:
    code, _, err = run("advise", "--config", str(tmp_path / "none.toml"))
    assert code == 2 and "config file not found" in err


def test_init_writes_toml_to_user_config_dir(_isolated_config: Path) -> None:
    code, out, _ = run(
        "init",
        "--no-interactive",
        "--role",
        "nurse",
        "--jurisdiction",
        "ca",
        "--phone",
        "+1 416 555 0100",
        "--tone",
        "formal",
    )
    assert code == 0
    code, path_out, _ = run("config", "path")
    path = Path(path_out.strip())
    assert path.is_relative_to(_isolated_config)
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert data["profile"]["role"] == "nurse"
    assert data["profile"]["channels"]["phone"] == "+1 416 555 0100"
    code, _, err = run("init", "--no-interactive")
    assert code == 2 and "--force" in err
    code, shown, _ = run("config", "show")
    assert json.loads(shown)["profile"]["tone"] == "formal"


def test_init_interactive_prompts(tmp_path: Path) -> None:
    config = tmp_path / "c.toml"
    answers = (
        "\n".join(
            ["psychiatrist", "ie", "Harbour Clinic", "https://harbour.example", "", "", "", ""]
        )
        + "\n"
    )
    result = runner.invoke(app, ["init", "--config", str(config), "--interactive"], input=answers)
    assert result.exit_code == 0, result.output
    data = tomllib.loads(config.read_text(encoding="utf-8"))
    assert data["profile"]["role"] == "psychiatrist"
    assert data["profile"]["practice_name"] == "Harbour Clinic"
    assert data["profile"]["channels"] == {"website": "https://harbour.example"}


def test_init_rejects_bad_channel(tmp_path: Path) -> None:
    code, _, err = run(
        "init", "--config", str(tmp_path / "c.toml"), "--no-interactive", "--website", "ftp://x"
    )
    assert code == 2 and "profile.channels.website" in err


def test_policy_commands(tmp_path: Path) -> None:
    code, out, _ = run("policy", "list", "--json")
    assert code == 0
    rules = json.loads(out)["rules"]
    assert any(rule["id"] == "current-patient-connection-personal" for rule in rules)
    code, out, _ = run("policy", "list")
    assert code == 0 and "rulebook" in out
    code, out, _ = run("policy", "show", "review-no-confirmation")
    assert code == 0 and "hipaa" in out.lower()
    code, out, _ = run("policy", "show", "former-patient-connection-personal", "--json")
    assert json.loads(out)["verdict"] == "decline"
    code, _, err = run("policy", "show", "no-such-rule")
    assert code == 2 and "no-such-rule" in err
    code, out, _ = run("policy", "sources", "--json")
    assert any(s["id"] == "gmc_2024" for s in json.loads(out))
    code, out, _ = run("policy", "sources")
    assert code == 0 and "partially_confirmed" in out


def test_policy_check(tmp_path: Path) -> None:
    good = tmp_path / "good.yaml"
    good.write_text("version: v1\nrules:\n  disable: [student-placement]\n", encoding="utf-8")
    code, out, _ = run("policy", "check", str(good))
    assert code == 0 and "OK" in out
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "rules:\n  add:\n    - id: x1\n      strength: sometimes\n      summary: a b c d e f g\n"
        "      sources: [gmc_2024]\n",
        encoding="utf-8",
    )
    code, _, err = run("policy", "check", str(bad))
    assert code == 2
    assert f"{bad}:4" in err and "rule 'x1'" in err


def test_advise_with_policy_override(tmp_path: Path) -> None:
    override = tmp_path / "org.yaml"
    override.write_text(
        "version: org-1\nchannels:\n  portal: https://org-portal.example\n", encoding="utf-8"
    )
    code, out, _ = run(
        "advise",
        "--relationship",
        "current-patient",
        "--kind",
        "message",
        "--policy",
        str(override),
        "--json",
    )
    data = json.loads(out)
    assert code == 0 and "https://org-portal.example" in data["reply"]
    assert data["policy_version"].endswith("+org-1")


def test_version_and_help() -> None:
    code, out, _ = run("--version")
    assert code == 0 and out.startswith("armslength ")
    code, out, _ = run("advise", "--help")
    assert code == 0 and "--relationship" in out


def test_console_script_maps_errors_to_exit_2_without_traceback(tmp_path: Path) -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "from armslength.cli import main; main()",
            "advise",
            "--config",
            str(tmp_path / "missing.toml"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "Traceback" not in proc.stderr
