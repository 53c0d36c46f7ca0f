"""Applying a suggestion to a draft keeps every other comment's passage right."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.draft_edits import Span, apply_change, find_passage, move, span_error

TEXT = "Hi Ana, I need a job at Acme. Could you refer me?"


@st.composite
def spans_in(draw: st.DrawFn, text: str) -> Span:
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    return Span(start, end)


@st.composite
def edits(draw: st.DrawFn) -> tuple[str, Span, str, list[Span]]:
    text = draw(st.text(alphabet="ab cd.\n", max_size=40))
    change = draw(spans_in(text))
    replacement = draw(st.text(alphabet="xyz ", max_size=12))
    spans = draw(st.lists(spans_in(text), max_size=6))
    return text, change, replacement, spans


def test_a_span_before_the_change_keeps_its_offsets():
    assert move(Span(0, 6), Span(8, 20), 3) == Span(0, 6)


def test_a_span_after_the_change_moves_by_the_change_in_length():
    assert move(Span(30, 49), Span(8, 28), 5) == Span(15, 34)


def test_a_span_overlapping_the_change_is_outdated():
    assert move(Span(5, 12), Span(8, 28), 5) is None


def test_a_span_touching_the_change_on_either_side_is_kept():
    assert move(Span(0, 8), Span(8, 28), 0) == Span(0, 8)
    assert move(Span(28, 30), Span(8, 28), 0) == Span(8, 10)


def test_applying_a_suggestion_replaces_its_passage_and_moves_the_rest():
    change = Span(8, 28)  # "I need a job at Acme"
    later = Span(30, 49)  # "Could you refer me?"
    applied = apply_change(TEXT, change, "I admire Acme's work", [later, Span(10, 14)])
    assert applied.text == "Hi Ana, I admire Acme's work. Could you refer me?"
    assert applied.text[applied.spans[0].start : applied.spans[0].end] == "Could you refer me?"
    assert applied.outdated == frozenset({1})


def test_an_outdated_span_points_at_the_new_words():
    applied = apply_change(TEXT, Span(8, 28), "Hello", [Span(10, 14)])
    assert applied.spans == (Span(8, 13),)


@pytest.mark.parametrize(
    ("start", "end", "error"),
    [(-1, 3, "outside"), (0, 999, "outside"), (5, 2, "starts before it ends"), (0, 0, None)],
)
def test_span_errors_say_what_is_wrong(start, end, error):
    found = span_error(10, start, end)
    assert (found is None) if error is None else (error in found)


def test_a_change_outside_the_text_is_refused():
    with pytest.raises(ValueError, match="outside"):
        apply_change("short", Span(2, 40), "x", [])


def test_a_passage_is_found_exactly():
    assert find_passage(TEXT, "Could you refer me?") == Span(30, 49)


def test_a_passage_is_found_ignoring_case_and_spacing():
    span = find_passage("Hi Ana,\n\nI need   a job.", "i need a JOB")
    assert span == Span(9, 23)


def test_a_passage_not_in_the_text_is_not_found():
    assert find_passage(TEXT, "a house") is None
    assert find_passage(TEXT, "   ") is None


@given(edits())
def test_text_outside_the_change_is_unchanged(edit):
    text, change, replacement, spans = edit
    applied = apply_change(text, change, replacement, spans)
    assert applied.text.startswith(text[: change.start])
    assert applied.text.endswith(text[change.end :])
    assert len(applied.text) == len(text) - (change.end - change.start) + len(replacement)


@given(edits())
def test_every_kept_span_quotes_what_it_quoted_before(edit):
    text, change, replacement, spans = edit
    applied = apply_change(text, change, replacement, spans)
    for index, (before, after) in enumerate(zip(spans, applied.spans, strict=True)):
        assert span_error(len(applied.text), after.start, after.end) is None
        if index not in applied.outdated:
            assert applied.text[after.start : after.end] == text[before.start : before.end]


@given(edits())
def test_only_spans_overlapping_the_change_are_outdated(edit):
    text, change, replacement, spans = edit
    applied = apply_change(text, change, replacement, spans)
    for index, span in enumerate(spans):
        apart = span.end <= change.start or span.start >= change.end
        assert (index in applied.outdated) == (not apart)


@given(st.text(max_size=60), st.data())
def test_a_passage_cut_from_the_text_is_found_where_it_quotes_the_same(text, data):
    span = data.draw(spans_in(text))
    passage = text[span.start : span.end]
    found = find_passage(text, passage)
    if passage.strip():
        assert found is not None
        assert text[found.start : found.end] == passage
