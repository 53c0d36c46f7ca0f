"""The `mutuals` Typer app: the top-level group over cli/main.py's COMMANDS, and `--user`.

Imported only when a command runs (or its help is asked for): `mutuals --help` alone prints
the list of commands without Typer (cli/top_help.py).
"""

from __future__ import annotations

from typing import Annotated

import typer

from mutuals.cli.dispatch import LazyGroup
from mutuals.cli.main import COMMANDS
from mutuals.cli.registry import APP_HELP, USER_ENVVAR, USER_HELP, USER_METAVAR, USER_OPTION


class MutualsCommands(LazyGroup):
    registry = COMMANDS


app = typer.Typer(
    name="mutuals",
    cls=MutualsCommands,
    help=APP_HELP,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


@app.callback()
def main(
    ctx: typer.Context,
    user: Annotated[
        str | None,
        typer.Option(USER_OPTION, envvar=USER_ENVVAR, metavar=USER_METAVAR, help=USER_HELP),
    ] = None,
) -> None:
    """mutuals: keep in touch with the people you know, and see who to reach out to today."""
    from mutuals.cli.resolve import CliState  # the command's module configured Django

    ctx.obj = CliState(username=user)
