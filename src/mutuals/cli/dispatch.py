"""Load only the command being run.

`mutuals` knows its commands by name from a registry (cli/main.py, entries of
cli/registry.py): where each one lives and its one-line help. Listing them (`mutuals --help`)
reads the registry and imports no command, no Django and not even Typer (cli/top_help.py);
running one configures Django for what that command needs, then imports its module alone.
Importing every command module, the admin and the URL machinery before reading argv used to
be most of every command's time.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from difflib import get_close_matches
from typing import Any, ClassVar

import typer
import typer.main
from typer.core import TyperCommand

from mutuals.cli.errors import CliError, ExitCode, MutualsGroup
from mutuals.cli.registry import Command, pause_collection_for_start_up, resume_collection
from mutuals.cli.setup import SetupFailed, setup_django

__all__ = ["Command", "LazyGroup", "PlainCommand", "load_command", "pause_collection_for_start_up"]


class _AsTyped:
    """A flag's or a text's value as given (Typer's runtime coercion protocol: `coerce`)."""

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        return value if value is None or isinstance(value, bool) else str(value)


_AS_TYPED = _AsTyped()


class _AsWholeNumber:
    """A whole number given as digits, within the option's min and max, taken without pydantic;
    anything else (a word, out of range, clamping) goes through Typer's own check, which says
    what is wrong the usual way."""

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        info = param.type_descriptor.parameter_info
        written = value.strip().lstrip("-") if isinstance(value, str) else ""
        digits = written.isascii() and written.isdigit()  # not "²": a digit int() refuses
        if (isinstance(value, int) and not isinstance(value, bool)) or digits:
            number = int(value)
            low, high = getattr(info, "min", None), getattr(info, "max", None)
            if (low is None or number >= low) and (high is None or number <= high):
                return number
        from typer._coercion import build_runtime_param

        return build_runtime_param(param.type_descriptor).coerce(value, param, ctx)


_AS_WHOLE_NUMBER = _AsWholeNumber()


def _take_as_typed(params: list[Any]) -> list[Any]:
    """Typer (0.2x) checks each option's value, even one not given (--help's), with a pydantic
    TypeAdapter built on first use; importing pydantic is a tenth of a command's start. Flags
    and text need no checking, and a whole number given as digits within its bounds only a
    comparison, so `mutuals today --json --more 2` never loads pydantic; other numbers, dates and
    choices are checked as before."""
    for param in params:
        descriptor = getattr(param, "type_descriptor", None)
        info = getattr(descriptor, "parameter_info", None)
        annotation = getattr(descriptor, "annotation", None)
        simple = (
            not getattr(descriptor, "is_choice", False)
            and getattr(info, "parser", None) is None
            and getattr(info, "click_type", None) is None
        )
        if not simple or getattr(param, "_runtime_param", False) is not None:
            continue
        if annotation in (bool, str):
            param._runtime_param = _AS_TYPED
        elif annotation is int and not getattr(info, "clamp", False):
            param._runtime_param = _AS_WHOLE_NUMBER
    return params


class PlainCommand(TyperCommand):
    """A registered command (a function): its flags and text are taken as given."""

    def get_params(self, ctx: Any) -> list[Any]:
        return _take_as_typed(super().get_params(ctx))


def load_command(entry: Command, name: str) -> Any:
    """The click command or group of a registry entry, after Django is configured for it."""
    try:
        setup_django(entry.settings)
    except SetupFailed as error:
        raise CliError(str(error), ExitCode.ERROR) from None
    module_name, _, attribute = entry.target.partition(":")
    found = getattr(importlib.import_module(module_name), attribute)
    resume_collection()
    if isinstance(found, typer.Typer):
        group = typer.main.get_group(found)
        group.name = name
        return group
    single = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    single.command(name, cls=PlainCommand)(found)
    return typer.main.get_command(single)


def changed_owner(ctx: Any) -> int:
    """Whose records the command that just ran may have changed (cli/acting.py)."""
    from mutuals.cli.acting import changed_owner as owner
    from mutuals.cli.resolve import CliState

    state = ctx.find_object(CliState)
    return owner(ctx.invoked_subcommand, state.username if state is not None else None)


class LazyGroup(MutualsGroup):
    """The top-level group: its commands come from `registry`, each imported when run."""

    registry: ClassVar[Mapping[str, Command]] = {}
    _describing = False

    def get_params(self, ctx: Any) -> list[Any]:
        return _take_as_typed(super().get_params(ctx))

    def list_commands(self, ctx: Any) -> list[str]:
        return [*self.registry, *(name for name in self.commands if name not in self.registry)]

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name in self.commands:
            return self.commands[cmd_name]
        entry = self.registry.get(cmd_name)
        if entry is None:
            return None
        if self._describing:
            return TyperCommand(name=cmd_name, help=entry.help)
        command = entry.load(cmd_name)
        self.commands[cmd_name] = command
        return command

    def format_help(self, ctx: Any, formatter: Any) -> None:
        # The list of commands needs only their names and help lines: no module is imported.
        self._describing = True
        try:
            super().format_help(ctx, formatter)
        finally:
            self._describing = False

    def invoke(self, ctx: Any) -> Any:
        # A command that changed records renews the version of the user it acted for, as a
        # request does in the web app (changes/tracking.py): their cached results (today's
        # plan in a running server) and their pooled rows in groups go stale, nobody else's.
        # A command that acts on others renews everyone's (`changed_owner`).
        from mutuals.changes.tracking import bump_quietly, scope

        with scope() as state:
            try:
                return super().invoke(ctx)
            finally:
                if state["wrote"]:
                    bump_quietly(changed_owner(ctx))

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        # Typer suggests close names from the commands loaded so far, which is none of them.
        name = args[0] if args else ""
        known = self.list_commands(ctx)
        if name and not name.startswith("-") and name not in known:
            matches = get_close_matches(name, known)
            hint = (
                f" Did you mean {', '.join(repr(match) for match in matches)}?" if matches else ""
            )
            ctx.fail(f"No such command {name!r}.{hint}")
        return super().resolve_command(ctx, args)
