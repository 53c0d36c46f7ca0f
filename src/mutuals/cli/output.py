"""Where the CLI writes: results on stdout, messages on stderr.

JSON goes to stdout only, as plain text. Rich output is styled on a terminal and plain in a
pipe (Rich detects it; NO_COLOR is honoured too). Anything a user typed is printed as `Text`,
never parsed as Rich markup, so a name like "[bold]" stays a name.

Rich is imported when something is shown, not before: JSON output never loads it.
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console, RenderableType
    from rich.progress import Progress
    from rich.table import Table
    from rich.text import Text


def stdout() -> Console:
    from rich.console import Console

    return Console(highlight=False)


def stderr() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def progress_bar(label: str = "{task.description}", *, hidden: bool) -> Progress:
    """A bar that counts done of total on stderr, gone when the work ends and hidden under
    `--json`; `label` is its first column (each task's own description by default)."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    return Progress(
        TextColumn(label),
        BarColumn(),
        MofNCompleteColumn(),
        transient=True,
        disable=hidden,
        console=stderr(),
    )


def emit_json(data: Any) -> None:
    """Print data as JSON on stdout: UTF-8, indented, keys in the order given."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")
    sys.stdout.flush()


def say(message: str | Text, style: str = "") -> None:
    """A message for the person at the terminal (stderr, so pipes carry only results)."""
    from rich.text import Text

    text = message if isinstance(message, Text) else Text(message, style=style)
    stderr().print(text, soft_wrap=True)


def show(*renderables: RenderableType) -> None:
    """Human-readable results on stdout."""
    from rich.text import Text

    console = stdout()
    for renderable in renderables:
        # Lines of text are left for the terminal to wrap; tables fit its width.
        console.print(renderable, soft_wrap=isinstance(renderable, Text))


def table(*columns: str, title: str = "") -> Table:
    from rich.table import Table

    grid = Table(title=title or None, title_justify="left", header_style="bold", box=None)
    for column in columns:
        grid.add_column(column, justify="right" if column == "#" else "left")
    return grid


def plain(value: object) -> Text:
    """A user's text, shown as is."""
    from rich.text import Text

    return Text("" if value is None else str(value))


def strength_words(score: float, *, bar: bool = True) -> str:
    """A tie strength in words after a five-step bar, "■■■□□ steady" (`core.words`), or the
    word alone for a narrow column; the number is in --json."""
    from mutuals.core.words import STEPS, strength_level

    level = strength_level(score)
    return ("■" * level.step + "□" * (STEPS - level.step) + " ") * bar + level.word


def balance_words(score: float | None) -> str:
    """The give and take in a table's few words, "they gave more"; "—" when nothing was
    exchanged (None). The score is in --json."""
    from mutuals.core.words import balance_level

    return "—" if score is None else balance_level(score).short


def person_label(name: str | None, person_id: int | None) -> str:
    """ "Rosa Núñez (#12)": the form suggestions and confirmations use."""
    if person_id is None:
        return name or ""
    return f"{name} (#{person_id})"


def day(value: dt.date | None, today: dt.date | None = None) -> str:
    """A date for people: ISO, with how far it is from today when that is given."""
    if value is None:
        return "—"
    if today is None:
        return value.isoformat()
    delta = (value - today).days
    if delta == 0:
        when = "today"
    elif delta == 1:
        when = "tomorrow"
    elif delta == -1:
        when = "yesterday"
    elif delta > 0:
        when = f"in {delta} days"
    else:
        when = f"{-delta} days ago"
    return f"{value.isoformat()} ({when})"
