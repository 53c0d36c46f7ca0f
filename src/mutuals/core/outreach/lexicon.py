"""The outreach review's word lists, read once from the data files in `lexicon/`.

Each file holds one entry a line; `#` starts a comment line. A pattern file's lines are regular
expressions, any of which may match (case-insensitive); a word file's lines are words. Editing
the lists changes what is recognised without touching the rules that use them.
"""

from __future__ import annotations

import re
from functools import cache
from importlib.resources import files


def lines(name: str) -> tuple[str, ...]:
    """The entries of `lexicon/<name>.txt`, comments and blank lines left out."""
    text = files(__package__).joinpath("lexicon", f"{name}.txt").read_text(encoding="utf-8")
    entries = (line.strip() for line in text.splitlines())
    return tuple(entry for entry in entries if entry and not entry.startswith("#"))


@cache
def pattern(name: str) -> re.Pattern[str]:
    """Any of the file's regular expressions, case-insensitive."""
    return re.compile("|".join(f"(?:{entry})" for entry in lines(name)), re.IGNORECASE)


@cache
def lowered(name: str) -> re.Pattern[str]:
    """The same as `pattern`, for text already lower-cased (`Sentence.low`): about twice as
    fast, since the regular-expression engine need not fold case."""
    return re.compile("|".join(f"(?:{entry})" for entry in lines(name)))


@cache
def words(name: str) -> frozenset[str]:
    """The file's words, lower-cased."""
    return frozenset(entry.lower() for entry in lines(name))
