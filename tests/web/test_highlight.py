"""The <mark> filters of the Match page: the text comes back whole and escaped, each span marked."""

import html
import itertools
import re

from hypothesis import given
from hypothesis import strategies as st

from mutuals.web.templatetags.highlight import (
    EXCERPT_CONTEXT,
    EXCERPT_PARTS,
    highlight,
    highlight_excerpt,
    merged_spans,
)

TAG = re.compile(r"(</?mark>)")
TRICKY = st.sampled_from([*"<>&\"' /mark;#x", "<mark>", "</mark>", "&amp;", "\n"])
TEXTS = st.lists(st.one_of(TRICKY, st.characters()), max_size=80).map("".join)


@st.composite
def text_and_spans(draw, texts=TEXTS):
    text = draw(texts)
    bound = st.integers(-3, len(text) + 3)
    spans = draw(st.lists(st.tuples(bound, bound), max_size=8))
    return text, spans


def read_marks(markup: str) -> tuple[str, set[int]]:
    """The plain text of `markup` and the positions inside <mark>, as a browser would see them."""
    plain, marked, inside = [], set(), False
    for piece in TAG.split(markup):
        if piece in ("<mark>", "</mark>"):
            assert inside == (piece == "</mark>"), "marks are never nested or left open"
            inside = not inside
            continue
        assert "<" not in piece, "everything else is escaped"
        assert ">" not in piece, "everything else is escaped"
        text = html.unescape(piece)
        if inside:
            marked.update(range(len("".join(plain)), len("".join(plain)) + len(text)))
        plain.append(text)
    assert not inside
    return "".join(plain), marked


def positions(spans) -> set[int]:
    return {i for start, end in spans for i in range(start, end)}


@given(text_and_spans())
def test_the_text_comes_back_whole_once_tags_are_stripped_and_unescaped(case):
    text, spans = case
    plain, _ = read_marks(str(highlight(text, spans)))
    assert plain == text


@given(text_and_spans())
def test_every_span_is_marked_and_nothing_else(case):
    text, spans = case
    _, marked = read_marks(str(highlight(text, spans)))
    clamped = [(max(0, s), min(len(text), e)) for s, e in spans]
    assert marked == positions(clamped)


@given(text_and_spans())
def test_merged_spans_are_sorted_apart_and_cover_the_same_characters(case):
    text, spans = case
    merged = merged_spans(spans, len(text))
    assert all(0 <= s < e <= len(text) for s, e in merged)
    assert all(a[1] < b[0] for a, b in itertools.pairwise(merged))
    assert positions(merged) == positions((max(0, s), min(len(text), e)) for s, e in spans)


@given(text_and_spans(st.text(max_size=EXCERPT_CONTEXT)))
def test_the_excerpt_of_a_short_text_is_the_whole_text_highlighted(case):
    text, spans = case
    assert highlight_excerpt(text, spans) == highlight(text, spans)


@given(text_and_spans(st.text(alphabet="ab <&\n", min_size=200, max_size=600)))
def test_every_mark_in_an_excerpt_holds_a_whole_span_of_the_text(case):
    text, spans = case
    merged = merged_spans(spans, len(text))
    marks = re.findall(r"<mark>(.*?)</mark>", str(highlight_excerpt(text, spans)), re.S)
    assert {html.unescape(m) for m in marks} <= {text[s:e] for s, e in merged}
    assert len(marks) >= min(len(merged), EXCERPT_PARTS)


def test_a_need_with_html_in_it_is_shown_as_characters():
    assert str(highlight("<script>alert(1)</script> UX", [(26, 28)])) == (
        "&lt;script&gt;alert(1)&lt;/script&gt; <mark>UX</mark>"
    )


def test_a_long_text_is_cut_to_passages_around_the_matches():
    words = ["filler"] * 200
    words[100] = "designer"
    text = " ".join(words)
    start = text.index("designer")
    excerpt = str(highlight_excerpt(text, [(start, start + len("designer"))]))
    assert excerpt.startswith("…filler")
    assert excerpt.endswith("filler…")
    assert "<mark>designer</mark>" in excerpt
    assert len(excerpt) < 2 * EXCERPT_CONTEXT + 40


def test_without_spans_the_excerpt_is_the_start_of_the_text():
    text = "word " * 100
    excerpt = str(highlight_excerpt(text, []))
    assert text.startswith(excerpt.removesuffix("…"))
    assert excerpt.endswith("…")
