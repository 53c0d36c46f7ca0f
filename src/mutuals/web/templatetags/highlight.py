"""Matching words shown in <mark>: a text and (start, end) spans into it become safe HTML.

Everything outside the <mark> tags is escaped, so a need or a pasted posting containing HTML is
shown as the characters it is. Spans may overlap, touch, repeat or fall outside the text; they
are clamped and merged first.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

Span = tuple[int, int]
EXCERPT_CONTEXT = 60  # characters shown either side of a matching word
EXCERPT_PARTS = 3  # at most this many passages of a long pasted text
ELLIPSIS = "…"


def merged_spans(spans: Iterable[Sequence[int]], length: int) -> list[Span]:
    """The spans clamped to [0, length], empty ones dropped, overlapping or touching ones joined."""
    clamped = sorted(
        (max(0, start), min(length, end))
        for start, end in spans
        if min(length, end) > max(0, start)
    )
    merged: list[Span] = []
    for start, end in clamped:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _marked(text: str, spans: list[Span]) -> str:
    parts, position = [], 0
    for start, end in spans:
        parts.append(escape(text[position:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        position = end
    parts.append(escape(text[position:]))
    return "".join(parts)


@register.filter
def highlight(text: str, spans: Iterable[Sequence[int]]) -> SafeString:
    """`text` escaped, with every span in <mark>."""
    text = str(text)
    html = _marked(text, merged_spans(spans or (), len(text)))
    return mark_safe(html)  # every piece was escaped by _marked


def excerpt_windows(text: str, spans: list[Span], context: int = EXCERPT_CONTEXT) -> list[Span]:
    """The passages around merged `spans`, cut at spaces where possible, joined where they meet.
    Each span lies wholly inside one passage."""
    windows: list[Span] = []
    for start, end in spans:
        begin, finish = max(0, start - context), min(len(text), end + context)
        if begin > 0 and (space := _first_space(text, begin, start)) is not None:
            begin = space + 1
        if finish < len(text) and (space := _last_space(text, end, finish)) is not None:
            finish = space
        if windows and begin <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], finish))
        else:
            windows.append((begin, finish))
    return windows


def _first_space(text: str, begin: int, end: int) -> int | None:
    return next((i for i in range(begin, end) if text[i].isspace()), None)


def _last_space(text: str, begin: int, end: int) -> int | None:
    return next((i for i in range(end - 1, begin - 1, -1) if text[i].isspace()), None)


@register.filter
def highlight_excerpt(text: str, spans: Iterable[Sequence[int]]) -> SafeString:
    """A few passages of a long `text` around its spans, highlighted, with "…" where text was
    left out; the start of the text when there are no spans."""
    text = str(text)
    merged = merged_spans(spans or (), len(text))
    windows = excerpt_windows(text, merged)[:EXCERPT_PARTS]
    if not windows:
        windows = [(0, min(len(text), 2 * EXCERPT_CONTEXT))]
    parts = []
    for begin, finish in windows:
        inside = [(s - begin, e - begin) for s, e in merged if begin <= s and e <= finish]
        parts.append(ELLIPSIS if begin > 0 else "")
        parts.append(_marked(text[begin:finish], inside))
        parts.append(" ")
    parts[-1] = ELLIPSIS if windows[-1][1] < len(text) else ""
    return mark_safe("".join(parts))  # every piece was escaped by _marked
