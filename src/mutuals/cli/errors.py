"""How the CLI fails: exit codes, and one sentence on stderr instead of a traceback.

Every command runs inside `MutualsGroup.invoke`, which turns the errors services raise into a
message and an exit code (cli/failures.py says which; `mutuals today --json`, which runs without
Typer, says it the same way). A database busy with another write (a large import in the server)
exits with BUSY and says to try again. Set MUTUALS_DEBUG=1 to see the traceback of an
unexpected error.

Django is imported only once a command fails, so listing the commands (`mutuals --help`)
does not load it.
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperGroup

from mutuals.cli.failures import (
    FIELD_NAMES,
    CliError,
    ExitCode,
    describe_validation_error,
    explain,
)
from mutuals.cli.output import say

__all__ = [
    "FIELD_NAMES",
    "CliError",
    "ExitCode",
    "MutualsGroup",
    "describe_validation_error",
]


def _fail(message: str, code: ExitCode) -> typer.Exit:
    say(message, style="red")
    return typer.Exit(int(code))


class MutualsGroup(TyperGroup):
    """The top-level command group: every command's errors end here as a sentence."""

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException, KeyboardInterrupt):
            raise  # Typer reports usage errors and exits itself
        except Exception as error:
            raise _exit_for(error) from None


def _exit_for(error: Exception) -> typer.Exit:
    """The message and exit code for an error a service raised (or an unexpected one)."""
    return _fail(*explain(error))
