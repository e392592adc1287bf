"""``armslength token``: API tokens for a server bound beyond loopback."""

from __future__ import annotations

from typing import Annotated

import typer

from armslength.cli._app import app
from armslength.cli._common import ConfigOption, JsonOption, console, print_json
from armslength.cli._store_common import DbOption, cli_actor, store_from
from armslength.store import TokenRole

token_app = typer.Typer(help="API tokens: create, revoke, list.", no_args_is_help=True)
app.add_typer(token_app, name="token")


@token_app.command()
def create(
    role: Annotated[TokenRole, typer.Option(help="What the token may do.")],
    label: Annotated[str | None, typer.Option(help="A note to tell tokens apart.")] = None,
    db: DbOption = None,
    config: ConfigOption = None,
    json_output: JsonOption = False,
) -> None:
    """Create a token; it is printed once and stored only as a hash."""
    info, token = store_from(db, config).create_token(role, label=label, actor=cli_actor())
    if json_output:
        print_json({"id": info.id, "role": info.role.value, "token": token})
        return
    console.print(f"Token {info.id} ({info.role.value}). Keep it secret; it is shown only once:")
    typer.echo(token)


@token_app.command()
def revoke(
    token_id: Annotated[str, typer.Argument(metavar="ID", help="The token's id.")],
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Revoke a token: it stops working at once."""
    info = store_from(db, config).revoke_token(token_id, actor=cli_actor())
    console.print(f"Token {info.id} revoked.")


@token_app.command("list")
def list_tokens(
    db: DbOption = None, config: ConfigOption = None, json_output: JsonOption = False
) -> None:
    """List tokens (ids, roles, labels; never secrets)."""
    tokens = store_from(db, config).tokens()
    if json_output:
        print_json([token.model_dump(mode="json") for token in tokens])
        return
    if not tokens:
        console.print("No tokens.")
    for token in tokens:
        state = "revoked" if token.revoked else "active"
        label = f"  {token.label}" if token.label else ""
        console.print(f"{token.id}  {token.role.value:<16} {state}{label}", highlight=False)
