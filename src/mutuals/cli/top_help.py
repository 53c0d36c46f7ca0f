"""`mutuals` and `mutuals --help`: the list of commands, printed without Typer.

Typer's help (typer.rich_utils) imports Rich's Markdown, its syntax highlighting and
tracebacks, and Typer itself, before drawing three boxes: more than half of `mutuals --help`'s
time. The list needs only cli/main.py's COMMANDS and the program's option (cli/registry.py),
so it is drawn here with the few parts of Rich it uses, the way typer.rich_utils draws it
(same styles, same console settings, same layout): tests/cli/test_top_help.py holds the two
equal, byte for byte, at several widths, with colours and without. Any other arguments, or a
setting that changes how Typer draws help (TYPER_USE_RICH), go through Typer as before.
"""

from __future__ import annotations

import inspect
import os
import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from mutuals.cli.registry import (
    APP_HELP,
    HELP_OPTIONS,
    USER_ENVVAR,
    USER_HELP,
    USER_METAVAR,
    USER_OPTION,
)

if TYPE_CHECKING:
    from rich.console import Console
    from rich.highlighter import RegexHighlighter
    from rich.table import Table

    from mutuals.cli.registry import Command

# typer.rich_utils' styles and words for what this list shows.
STYLE_OPTION = "bold cyan"
STYLE_SWITCH = "bold green"
STYLE_NEGATIVE_OPTION = "bold magenta"
STYLE_NEGATIVE_SWITCH = "bold red"
STYLE_TYPES = "bold yellow"
STYLE_TYPES_SEPARATOR = "dim"
STYLE_USAGE = "yellow"
STYLE_USAGE_COMMAND = "bold"
STYLE_OPTION_ENVVAR = "dim yellow"
STYLE_PANEL_BORDER = "dim"
STYLE_COMMANDS_FIRST_COLUMN = "bold cyan"
ENVVAR_STRING = "[env var: {}]"
OPTIONS_PANEL_TITLE = "Options"
COMMANDS_PANEL_TITLE = "Commands"
HELP_HELP = "Show this message and exit."
HELP_TYPE = "<bool>"  # how Typer names the type of its help flag
USAGE_ARGUMENTS = "[OPTIONS] COMMAND [ARGS]..."
# Click wraps a usage line longer than its narrowest help width (50); this list never does.
NARROWEST_USAGE = 50


def asks_for_the_list(arguments: Sequence[str]) -> bool:
    """Whether the arguments ask only for the list of commands (none, `--help` or `-h`), and
    nothing asks Typer to draw its help another way."""
    if list(arguments) not in ([], *([option] for option in HELP_OPTIONS)):
        return False
    if "TYPER_USE_RICH" in os.environ:
        return False
    return len(_usage()) <= NARROWEST_USAGE


def print_the_list(commands: Mapping[str, Command], arguments: Sequence[str]) -> int:
    """Print the list as Typer does and return Typer's exit code: 0 for `--help`, 2 (a usage
    error, as click says) when no command was given."""
    try:
        _print(_console(), commands)
        if arguments and sys.stdout is not None:
            sys.stdout.write("\n")  # click writes its own (empty) help text after Rich's
            sys.stdout.flush()
    except BrokenPipeError:
        # The reader went away (`mutuals --help | head -1`): like click, say nothing more and
        # exit 1; what is still buffered goes nowhere instead of to a closed pipe.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 1
    return 0 if arguments else 2


def program_name() -> str:
    """The program's name as click finds it (click.utils._detect_program_name): the script's
    name, or `python -m PACKAGE` when run as a module."""
    main = sys.modules["__main__"]
    path = sys.argv[0]
    package = getattr(main, "__package__", None)
    if package in {None, ""} or (
        os.name == "nt"
        and package == ""
        and not os.path.exists(path)
        and os.path.exists(f"{path}.exe")
    ):
        return os.path.basename(path)
    name = os.path.splitext(os.path.basename(path))[0]
    module = package if name == "__main__" else f"{package}.{name}"
    return f"python -m {str(module).lstrip('.')}"


def _usage() -> str:
    return f"Usage: {program_name()} {USAGE_ARGUMENTS}"


def _console() -> Console:
    from rich.console import Console
    from rich.theme import Theme

    force_terminal = (
        True
        if os.getenv("GITHUB_ACTIONS") or os.getenv("FORCE_COLOR") or os.getenv("PY_COLORS")
        else None
    )
    if os.getenv("_TYPER_FORCE_DISABLE_TERMINAL"):
        force_terminal = False
    width = os.getenv("TERMINAL_WIDTH")
    return Console(
        theme=Theme(
            {
                "option": STYLE_OPTION,
                "switch": STYLE_SWITCH,
                "negative_option": STYLE_NEGATIVE_OPTION,
                "negative_switch": STYLE_NEGATIVE_SWITCH,
                "types": STYLE_TYPES,
                "types_sep": STYLE_TYPES_SEPARATOR,
                "usage": STYLE_USAGE,
            }
        ),
        highlighter=_highlighters()[0],
        color_system="auto",
        force_terminal=force_terminal,
        width=int(width) if width else None,
    )


def _highlighters() -> tuple[RegexHighlighter, RegexHighlighter, RegexHighlighter]:
    """typer.rich_utils' highlighters: options, negative options, and types."""
    from rich.highlighter import RegexHighlighter

    class OptionHighlighter(RegexHighlighter):
        highlights = [
            r"(^|\W)(?P<switch>\-\w+)(?![a-zA-Z0-9])",
            r"(^|\W)(?P<option>\-\-[\w\-]+)(?![a-zA-Z0-9])",
            r"(?P<types>\<[^\>]+\>)",
            r"(?P<usage>Usage: )",
        ]

    class NegativeOptionHighlighter(RegexHighlighter):
        highlights = [
            r"(^|\W)(?P<negative_switch>\-\w+)(?![a-zA-Z0-9])",
            r"(^|\W)(?P<negative_option>\-\-[\w\-]+)(?![a-zA-Z0-9])",
        ]

    class TypesHighlighter(RegexHighlighter):
        highlights = [
            r"^(?P<types_sep>(\[|<))",
            r"(?P<types_sep>\|)",
            r"(?P<types_sep>(\]|>))(\.\.\.)?$",
        ]

    return OptionHighlighter(), NegativeOptionHighlighter(), TypesHighlighter()


def _print(console: Console, commands: Mapping[str, Command]) -> None:
    from rich.align import Align
    from rich.columns import Columns
    from rich.console import Group
    from rich.padding import Padding
    from rich.panel import Panel
    from rich.text import Text

    highlighter, negative, types = _highlighters()

    def text(words: str) -> Text:
        # typer.rich_utils._make_rich_text, in its "rich" markup mode (Typer's default)
        return highlighter(Text.from_markup(inspect.cleandoc(words.strip()), style=""))

    console.print(Padding(highlighter(_usage()), 1), style=STYLE_USAGE_COMMAND)
    first_paragraph = inspect.cleandoc(APP_HELP).split("\n\n")[0].replace("\n", " ")
    console.print(Padding(Align(Group(text(first_paragraph)), pad=False), (0, 1, 1, 1)))

    def option_row(long: str, short: str, type_name: str, help_items: list[Text]) -> list[object]:
        type_text = Text(style=STYLE_TYPES, overflow="fold")
        type_text.append(type_name)
        return [
            highlighter(long),
            highlighter(short),
            negative(""),
            negative(""),
            types(type_text),
            Columns(help_items),
        ]

    options = _panel_table(highlight=True)
    user_help = [
        text(USER_HELP),
        Text(ENVVAR_STRING.format(USER_ENVVAR), style=STYLE_OPTION_ENVVAR),
    ]
    options.add_row(*option_row(USER_OPTION, "", USER_METAVAR, user_help))
    options.add_row(*option_row(HELP_OPTIONS[0], HELP_OPTIONS[1], HELP_TYPE, [text(HELP_HELP)]))
    console.print(
        Panel(
            options, border_style=STYLE_PANEL_BORDER, title=OPTIONS_PANEL_TITLE, title_align="left"
        )
    )

    listed = _panel_table(highlight=False)
    listed.add_column(
        style=STYLE_COMMANDS_FIRST_COLUMN,
        no_wrap=True,
        width=max((len(name) for name in commands), default=0),
    )
    listed.add_column("Description", justify="left", no_wrap=False, ratio=10)
    for name, entry in commands.items():
        listed.add_row(Text(name), text(inspect.cleandoc(entry.help).split("\n\n")[0]))
    if listed.row_count:
        console.print(
            Panel(
                listed,
                border_style=STYLE_PANEL_BORDER,
                title=COMMANDS_PANEL_TITLE,
                title_align="left",
            )
        )


def _panel_table(*, highlight: bool) -> Table:
    """A borderless, full-width table for one of the help's panels, as Typer draws it."""
    from rich.table import Table

    return Table(
        highlight=highlight,
        show_header=False,
        expand=True,
        box=None,
        show_lines=False,
        leading=0,
        border_style=None,
        row_styles=None,
        pad_edge=False,
        padding=(0, 1),
    )
