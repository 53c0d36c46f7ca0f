"""Sentences and words of a draft, with spans into the original text.

A sentence ends at `.`, `!`, `?` or `…` (not after an abbreviation such as "Dr."), and at a line
break unless the line only wraps: a long line with no closing punctuation followed by a line
starting with a letter or digit ("...refer me\\nfor it?"). Greetings, sign-offs and names are
lines of their own. Curly apostrophes are made straight, keeping every offset.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence (or a line: greetings and sign-offs are lines) as `text[start:end]`."""

    start: int
    end: int
    text: str  # the slice with curly apostrophes made straight (same length)
    words: tuple[str, ...]  # lower-cased words, contractions kept whole ("i'm")


STRAIGHTEN = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_FLAT = str.maketrans({"\n": " ", "\r": " ", "\t": " "})
_LINE = re.compile(r"[^\n\r]+")
_LINE_ENDS = (".", "!", "?", "\u2026", ":", ",", ";")
_END = re.compile(r"[.!?\u2026]+[\"'\u201d)\]]*(?=\s|$)")
WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
_ABBREVIATION = re.compile(
    r"(?<!\w)(?:mr|mrs|ms|dr|prof|st|jr|sr|vs|etc|e\.g|i\.e|approx|no)$", re.I
)


def tokenize(text: str) -> tuple[Sentence, ...]:
    """Split `text` into sentences and words; every span lies inside `text`."""
    straight = text.translate(STRAIGHTEN)
    found: list[Sentence] = []
    for start, end in _blocks(straight):
        piece_start = start
        for stop in _END.finditer(straight, start, end):
            if _ABBREVIATION.search(straight, piece_start, stop.start()):
                continue
            _add(found, straight, piece_start, stop.end())
            piece_start = stop.end()
        _add(found, straight, piece_start, end)
    return tuple(found)


def _blocks(straight: str) -> list[tuple[int, int]]:
    blocks: list[tuple[int, int]] = []
    for line in _LINE.finditer(straight):
        if blocks and _wraps(straight, blocks[-1], line.start()):
            blocks[-1] = (blocks[-1][0], line.end())
        else:
            blocks.append((line.start(), line.end()))
    return blocks


def _wraps(straight: str, block: tuple[int, int], next_start: int) -> bool:
    between = straight[block[1] : next_start]
    if between.count("\n") + between.count("\r") - between.count("\r\n") > 1:
        return False  # a blank line: a new paragraph
    previous = straight[block[0] : block[1]].rstrip()
    following = straight[next_start : next_start + 1]
    return (
        len(WORD.findall(previous)) > 5
        and not previous.endswith(_LINE_ENDS)
        and following.isalnum()
    )


def _add(found: list[Sentence], straight: str, start: int, end: int) -> None:
    while start < end and straight[start].isspace():
        start += 1
    while end > start and straight[end - 1].isspace():
        end -= 1
    piece = straight[start:end].translate(_FLAT)
    words = tuple(word.lower() for word in WORD.findall(piece))
    if words:
        found.append(Sentence(start, end, piece, words))
