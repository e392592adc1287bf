"""The ``--roster-columns`` option of the commands that read a roster."""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Annotated

import typer

from armslength.roster.columns import parse_column_mapping, roster_columns

RosterColumnsOption = Annotated[
    str | None,
    typer.Option(
        "--roster-columns",
        metavar="FIELD=HEADER,...",
        help=(
            "Roster columns with unusual headers, e.g. 'id=Chart No, given=Given, family=Family' "
            "(fields: id, given, family, name, nickname, other_names, dob, city, postcode, "
            "email, phone)."
        ),
    ),
]


def columns_in_effect(text: str | None) -> AbstractContextManager[None]:
    """Rosters read inside the block use the mapping given on the command line."""
    return roster_columns(parse_column_mapping(text) if text else None)
