"""Comments on spans of a draft, and what applying one suggestion does to every other span.

A comment is about `text[start:end]` (character offsets, 0 <= start <= end <= len(text)).
Applying a suggestion replaces the passage `text[start:end]` by its replacement; every other
comment's span must still name the same characters afterwards:

- a span that ends at or before the change keeps its offsets;
- a span that starts at or after the change's end moves by the change in length
  (len(replacement) - (end - start));
- a span that overlaps the change no longer names the words it was written about: it is
  *outdated*, and points at the new words instead (the change's place in the new text).

So the text outside the changed passage is unchanged, and every kept span quotes exactly what
it quoted before. Plain Python, no Django.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

OUT_OF_RANGE = "That passage is outside the draft, which has {length} characters."
BACKWARDS = "A passage starts before it ends: {start} is after {end}."


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Applied:
    """The text after one change, every span in it, and which spans overlapped the change."""

    text: str
    spans: tuple[Span, ...]
    outdated: frozenset[int]  # indexes into `spans` whose passage the change touched


def span_error(length: int, start: int, end: int) -> str | None:
    """Why (start, end) cannot be a passage of a text of `length` characters, or None."""
    if start > end:
        return BACKWARDS.format(start=start, end=end)
    if start < 0 or end > length:
        return OUT_OF_RANGE.format(start=start, end=end, length=length)
    return None


def find_passage(text: str, passage: str) -> Span | None:
    """Where `passage` first appears in `text` (exactly; else ignoring runs of white space and
    case), or None. What a coach types instead of selecting, and what the CLI's --on reads."""
    if not passage.strip():
        return None
    at = text.find(passage)
    if at >= 0:
        return Span(at, at + len(passage))
    wanted = " ".join(passage.split()).casefold()
    # Compare on a white-space-collapsed copy, keeping each kept character's original offset.
    kept: list[int] = []
    folded: list[str] = []
    previous_space = True
    for index, char in enumerate(text):
        if char.isspace():
            if previous_space:
                continue
            char, previous_space = " ", True
        else:
            previous_space = False
        kept.append(index)
        folded.append(char.casefold() if len(char.casefold()) == 1 else char)
    found = "".join(folded).find(wanted)
    if found < 0:
        return None
    return Span(kept[found], kept[found + len(wanted) - 1] + 1)


def move(span: Span, change: Span, replacement_length: int) -> Span | None:
    """Where `span` is after `change` is replaced by `replacement_length` characters, or None
    when the two overlap (the span no longer names what it named)."""
    if span.end <= change.start:
        return span
    if span.start >= change.end:
        shift = replacement_length - (change.end - change.start)
        return Span(span.start + shift, span.end + shift)
    return None


def apply_change(text: str, change: Span, replacement: str, spans: Sequence[Span]) -> Applied:
    """`text` with `text[change.start:change.end]` replaced, and every span moved (see the
    module's docstring). Raises ValueError when `change` or a span is not a passage of `text`."""
    for span in (change, *spans):
        error = span_error(len(text), span.start, span.end)
        if error:
            raise ValueError(error)
    new_text = text[: change.start] + replacement + text[change.end :]
    changed = Span(change.start, change.start + len(replacement))
    moved: list[Span] = []
    outdated: set[int] = set()
    for index, span in enumerate(spans):
        where = move(span, change, len(replacement))
        if where is None:
            outdated.add(index)
            where = changed
        moved.append(where)
    return Applied(text=new_text, spans=tuple(moved), outdated=frozenset(outdated))
