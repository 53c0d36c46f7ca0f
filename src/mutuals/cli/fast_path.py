"""`mutuals today --json` without Typer, click, Rich or pydantic: the JSON read that scripts and
the morning routine run most.

Typer and click cost this command about 70 M instructions of 1,900 M (what they load beyond
what Django loads anyway, and the parsing and checks they build per option); the JSON read
needs none of it. When the arguments are exactly `[--user NAME]... today` with `--json` and
any of `--all` and `--more N` (N a whole number written in ASCII digits, within the option's
bounds), `run` does what Typer's path does, in the same order: Django configured for the
command (cli/registry.py), the acting user (`--user`, else MUTUALS_USER, else the only user),
the plan, the JSON; errors said in the same sentence with the same exit code
(cli/failures.py); records changed by the command (the first owner made on a fresh install)
renew the acting user's version, as Typer's path does. Anything else (`--help`, a usage
error, an option it does not know, MUTUALS_DEBUG, shell completion) goes through Typer as
before. The options are defined once, here, and `cli/agenda.py` builds Typer's from them;
tests/cli/test_fast_path.py holds the two paths equal, byte for byte, for every option.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, NamedTuple

from mutuals.cli.registry import USER_ENVVAR, USER_OPTION, resume_collection

if TYPE_CHECKING:
    from mutuals.cli.registry import Command

TODAY = "today"
TODAY_TARGET = "mutuals.cli.agenda:today"


class Flag(NamedTuple):
    """An on/off option, as Typer's `typer.Option(name, help=…)` of a bool."""

    name: str
    help: str


class WholeNumber(NamedTuple):
    """A whole-number option with bounds, as Typer's `typer.Option(name, min=, max=, …)`."""

    name: str
    metavar: str
    low: int
    high: int
    help: str


# `mutuals today`'s options (cli/agenda.py makes Typer's from these).
JSON = Flag("--json", "Print JSON on stdout instead.")
ALL = Flag("--all", "List everything due, not only today's plan and the next few days.")
MORE = WholeNumber("--more", "N", 0, 100, "Pull N more items into today's plan.")


class TodayJson(NamedTuple):
    """What `mutuals [--user NAME] today --json [--all] [--more N]` asks for."""

    username: str | None
    show_all: bool
    more: int


def parse(arguments: Sequence[str], environ: Mapping[str, str]) -> TodayJson | None:
    """The JSON read the arguments ask for, or None for anything else (Typer's to answer)."""
    if _typer_must_answer(environ):
        return None
    username: str | None = None
    rest = list(arguments)
    while rest and rest[0] != TODAY:
        value, rest = _value_of(USER_OPTION, rest)
        if value is None:
            return None
        username = value
    if not rest:
        return None
    rest = rest[1:]
    as_json, show_all, more = False, False, 0
    while rest:
        if rest[0] == JSON.name:
            as_json, rest = True, rest[1:]
        elif rest[0] == ALL.name:
            show_all, rest = True, rest[1:]
        else:
            value, rest = _value_of(MORE.name, rest)
            if value is None or not (value.isascii() and value.isdigit()):
                return None
            more = int(value)
            if not MORE.low <= more <= MORE.high:
                return None
    if not as_json:
        return None
    if username is None:
        username = environ.get(USER_ENVVAR) or None  # as click: an empty variable is unset
    return TodayJson(username, show_all, more)


def _value_of(option: str, arguments: list[str]) -> tuple[str | None, list[str]]:
    """`option VALUE` or `option=VALUE` at the start of the arguments: the value and what
    follows; None for anything else, or a value that is empty or looks like an option."""
    first = arguments[0]
    if first == option and len(arguments) > 1:
        value, rest = arguments[1], arguments[2:]
    elif first.startswith(option + "="):
        value, rest = first.partition("=")[2], arguments[1:]
    else:
        return None, arguments
    if not value or value.startswith("-"):
        return None, arguments
    return value, rest


def _typer_must_answer(environ: Mapping[str, str]) -> bool:
    """Shell completion (click's _PROG_COMPLETE variables) and MUTUALS_DEBUG (a traceback as
    Typer shows it) are Typer's."""
    from mutuals.cli.failures import debugging

    completing = any(name.startswith("_") and name.endswith("_COMPLETE") for name in environ)
    return completing or debugging(environ)


def run(commands: Mapping[str, Command], arguments: Sequence[str]) -> int | None:
    """Print the JSON read the arguments ask for and give the exit code; None when they ask
    for something else (or `today` is not the command this module knows)."""
    entry = commands.get(TODAY)
    asked = parse(arguments, os.environ)
    if asked is None or entry is None or entry.target != TODAY_TARGET:
        return None
    from mutuals.changes.tracking import bump_quietly, scope
    from mutuals.cli.acting import changed_owner
    from mutuals.cli.failures import report

    with scope() as state:
        try:
            _today_json(entry, asked)
        except KeyboardInterrupt:
            return 130  # as Typer
        except Exception as error:
            return report(error)
        finally:
            if state["wrote"]:
                bump_quietly(changed_owner(TODAY, asked.username))
    return 0


def _today_json(entry: Command, asked: TodayJson) -> None:
    from mutuals.cli.failures import CliError, ExitCode
    from mutuals.cli.setup import SetupFailed, setup_django

    try:
        setup_django(entry.settings)
    except SetupFailed as error:
        raise CliError(str(error), ExitCode.ERROR) from None
    from mutuals.cli.resolve import user_named
    from mutuals.cli.today_json import print_today_json

    resume_collection()
    print_today_json(user_named(asked.username), show_all=asked.show_all, more=asked.more)
