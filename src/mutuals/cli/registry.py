"""What `mutuals` knows before it imports Typer: a command's entry in the registry (cli/main.py's
COMMANDS), the program's own help and options in words, and the garbage collector's pause.

Nothing here imports Typer, Rich or Django, so `mutuals --help` (cli/top_help.py) can list the
commands from the registry alone; running one imports Typer and the command's module then
(`Command.load`).
"""

from __future__ import annotations

import gc
from typing import Any, NamedTuple

from mutuals.cli.setup import FULL_SETTINGS, ORM_SETTINGS

# The program's help (the first lines of `mutuals --help`) and its one option, `--user`.
APP_HELP = "mutuals: keep in touch with the people you know, and see who to reach out to today."
USER_OPTION = "--user"
USER_METAVAR = "NAME"
USER_ENVVAR = "MUTUALS_USER"
USER_HELP = "Act as this user; needed only when the install has more than one."
HELP_OPTIONS = ("--help", "-h")

_collection_paused = False


def pause_collection_for_start_up() -> None:
    """Start-up (Typer, Django, the models) allocates much and frees almost nothing, so the
    garbage collector's passes over it are a tenth of a command's start for nothing. The
    console script pauses it; loading the command resumes it, with what start-up made set
    aside (gc.freeze), so the command's own work is collected as usual."""
    global _collection_paused
    gc.disable()
    _collection_paused = True


def resume_collection() -> None:
    global _collection_paused
    if _collection_paused:
        gc.freeze()
        gc.enable()
        _collection_paused = False


class Command(NamedTuple):
    """A command in the registry.

    `target` is "module:attribute": a function (one command) or a Typer app (a group of
    commands, such as `mutuals user`). `help` is the line `mutuals --help` shows: the first
    paragraph of the function's docstring, or the Typer app's help (a test keeps them equal).
    `web` is True for the commands that need the whole web app's settings (the admin, URLs,
    sessions): `mutuals serve`, and commands that delete users or print the app's addresses.

    A named tuple, not a dataclass: making a dataclass compiles its methods, a cost that
    `mutuals --help`, which needs nothing else from this module, would pay first.
    """

    target: str
    help: str
    web: bool = False

    @property
    def settings(self) -> str:
        return FULL_SETTINGS if self.web else ORM_SETTINGS

    def load(self, name: str) -> Any:
        """The click command or group, after Django is configured for it."""
        from mutuals.cli.dispatch import load_command

        return load_command(self, name)
