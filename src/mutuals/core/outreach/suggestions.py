"""Suggestions that fix what they flag, and an honest account of what applying one does.

A finding's `replacement` replaces `text[start:end]`. Three shapes, told apart by
`change_of`:

- **removed**: the replacement is empty (the sentence, with the space after it, goes);
- **added**: the replacement is the original span with new words before it, or the span is
  empty (new words go in at `start`); a sentence that shows interest in them is always added
  *before* the first request, never after it;
- **replaced**: anything else.

`compose` makes the findings of one review agree: a sentence added in front of a span another
finding removes is added on its own (zero-width) so applying it never brings back words another
finding says to remove.
"""

from __future__ import annotations

from dataclasses import replace

from mutuals.core.outreach.model import Finding

REMOVED, ADDED, REPLACED = "removed", "added", "replaced"


def change_of(text: str, finding: Finding) -> str | None:
    """ "removed", "added" or "replaced": what applying `finding` does; None without one."""
    if finding.replacement is None:
        return None
    span = text[finding.start : finding.end]
    if finding.replacement == "" and span:
        return REMOVED
    if not span.strip() or (
        finding.replacement.endswith(span) and len(finding.replacement) > len(span)
    ):
        return ADDED
    return REPLACED


def added_words(text: str, finding: Finding) -> str:
    """The new words an "added" finding puts in."""
    span = text[finding.start : finding.end]
    assert finding.replacement is not None
    return finding.replacement[: len(finding.replacement) - len(span)].strip()


def describe_change(text: str, finding: Finding) -> str:
    """One sentence saying truthfully what applying `finding` did, for a status line."""
    change = change_of(text, finding)
    span = _short(text[finding.start : finding.end])
    if change == REMOVED:
        return f"Removed \u201c{span}\u201d."
    if change == ADDED:
        return f"Added \u201c{_short(added_words(text, finding))}\u201d."
    if change == REPLACED:
        return f"Replaced \u201c{span}\u201d with \u201c{_short(finding.replacement or '')}\u201d."
    return "Nothing to apply."


def insert_before(text: str, start: int, end: int, words: str) -> str:
    """`text[start:end]` with `words` and a space in front of it."""
    return f"{words} {text[start:end]}"


def then(sentence: str, question: str) -> str:
    stop = "" if sentence.rstrip("\"')\u201d").endswith((".", "!", "?", "\u2026")) else "."
    return f"{sentence}{stop} {question}"


def with_space(text: str, end: int) -> int:
    while end < len(text) and text[end] in " \t":
        end += 1
    return end


def compose(text: str, findings: list[Finding]) -> list[Finding]:
    """Findings whose additions never repeat a span another finding removes."""
    removed = [f for f in findings if f.replacement == "" and f.end > f.start]
    composed = []
    for finding in findings:
        overlaps = any(r.start < finding.end and finding.start < r.end for r in removed)
        if change_of(text, finding) == ADDED and finding.end > finding.start and overlaps:
            words = added_words(text, finding)
            finding = replace(finding, end=finding.start, replacement=f"{words} ")
        composed.append(finding)
    return composed


def _short(quote: str, limit: int = 60) -> str:
    quote = " ".join(quote.split())
    return quote if len(quote) <= limit else quote[: limit - 1].rstrip() + "\u2026"
