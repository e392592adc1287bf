"""One core behind every face: the CLI, the REST API and the web page give the same verdict and
write an equivalent event for the same interaction, with and without an organisation policy."""

from __future__ import annotations

import json
import warnings
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from _local import local_client
from armslength.cli import app as cli_app
from armslength.config import Settings
from armslength.server import create_app
from armslength.store import open_store

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

ORG_POLICY = """\
version: test-org-1
rules:
  replace:
    - id: public-connection-personal
      when: {relationship: [public], kind: [friend, follow], account: [personal]}
      verdict: review
      strength: case_by_case
      summary: The organisation asks staff to think before connecting with the public.
      sources: [wma_2011_2022]
"""
CASE = {"relationship": "public", "kind": "follow", "account": "personal", "platform": "x"}
SCREEN_TEXT = "Saw Mrs Patel in clinic today, she is 94 and lives on Elm Street."


def _policy_file(tmp_path: Path, with_policy: bool) -> str | None:
    if not with_policy:
        return None
    path = tmp_path / "org.yaml"
    path.write_text(ORG_POLICY, encoding="utf-8")
    return str(path)


def _comparable(event: Any) -> dict[str, Any]:
    data = dict(event.data)
    data.pop("source", None)
    return {"type": event.type, **data}


def _cli(tmp_path: Path, policy: str | None, args: list[str]) -> tuple[str, Any]:
    db = tmp_path / "cli.db"
    config = tmp_path / "config.toml"
    config.write_text(f'policy = "{policy}"\n' if policy else "", encoding="utf-8")
    env = {"ARMSLENGTH_DATABASE_URL": f"sqlite:///{db}", "ARMSLENGTH_CONFIG": str(config)}
    result = CliRunner().invoke(cli_app, args, env=env)
    store = open_store(f"sqlite:///{db}")
    try:
        (event,) = store.events()
    finally:
        store.close()
    return result.stdout, event


def _server(tmp_path: Path, policy: str | None, call: Callable[[TestClient], Any]) -> Any:
    store = open_store(f"sqlite:///{tmp_path / 'server.db'}")
    try:
        app = create_app(Settings(policy=policy), store)
        with local_client(app) as client:  # loopback, launch secret as Bearer
            client.get("/")
            answer = call(client)
        (event,) = store.events()
        return answer, event
    finally:
        store.close()


def _web_form(client: TestClient, path: str, fields: dict[str, str]) -> str:
    data = {"csrf_token": client.cookies["armslength_csrf"], **fields}
    page = client.post(path, data=data)
    assert page.status_code == 200, page.text[:500]
    return page.text


@pytest.mark.parametrize("with_policy", [False, True], ids=["builtin", "org-policy"])
def test_advise_same_verdict_and_event_from_every_face(tmp_path: Path, with_policy: bool) -> None:
    policy = _policy_file(tmp_path, with_policy)
    args = ["advise", *(f"--{k}={v}" for k, v in CASE.items()), "--json"]
    out, cli_event = _cli(_mk(tmp_path / "cli"), policy, args)
    verdict = json.loads(out)["verdict"]
    assert verdict == ("review" if with_policy else "accept")

    api_answer, api_event = _server(
        _mk(tmp_path / "api"), policy, lambda c: c.post("/api/v1/advise", json=CASE).json()
    )
    assert api_answer["verdict"] == verdict
    page, web_event = _server(
        _mk(tmp_path / "web"), policy, lambda c: _web_form(c, "/advise", CASE)
    )
    assert f'verdict-{verdict}"' in page
    assert _comparable(cli_event) == _comparable(api_event) == _comparable(web_event)
    assert cli_event.data["verdict"] == verdict
    assert [e.data["source"] for e in (cli_event, api_event, web_event)] == ["cli", "api", "web"]


def test_screen_same_risk_and_event_from_every_face(tmp_path: Path) -> None:
    text_file = tmp_path / "draft.txt"
    text_file.write_text(SCREEN_TEXT, encoding="utf-8")
    out, cli_event = _cli(_mk(tmp_path / "cli"), None, ["screen", str(text_file), "--json"])
    risk = json.loads(out)["risk"]
    assert risk == "high"
    body = {"text": SCREEN_TEXT, "kind": "post"}
    api_answer, api_event = _server(
        _mk(tmp_path / "api"), None, lambda c: c.post("/api/v1/screen", json=body).json()
    )
    assert api_answer["risk"] == risk
    _, web_event = _server(_mk(tmp_path / "web"), None, lambda c: _web_form(c, "/screen", body))
    cli_data, api_data, web_data = map(_comparable, (cli_event, api_event, web_event))
    web_data.pop("redacted")  # the page always shows a redacted copy
    cli_data.pop("redacted")
    api_data.pop("redacted")
    assert cli_data == api_data == web_data
    assert cli_data["risk"] == risk and cli_data["findings"] >= 3


def _mk(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path
