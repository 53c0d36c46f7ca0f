"""core.postings: the organisation, title and location a pasted posting names."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.postings import MAX_FIELD, Posting, read_posting

MINE = [(1, "Copperleaf Systems"), (2, "Orion Robotics")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Senior Data Engineer\nOrion Robotics · Portland, OR (Hybrid)\n\nAbout the job\n"
            "Orion Robotics is hiring a Senior Data Engineer.",
            Posting("Orion Robotics", 2, "Senior Data Engineer", "Portland, OR"),
        ),
        (
            "Company: Copperleaf Systems Ltd\nJob title: Staff Product Designer\n"
            "Location: Remote (US)\n\nWe are looking for a designer.",
            Posting("Copperleaf Systems", 1, "Staff Product Designer", "Remote (US)"),
        ),
        (
            "Driftwood Labs is hiring! We're looking for a Backend Developer based in "
            "Seattle, WA to join the platform team.",
            Posting("Driftwood Labs", None, "Backend Developer", "Seattle, WA"),
        ),
        (
            "About us\nWe build tools for nurses. Join Meadowlark Health as our next Product "
            "Manager in Austin, TX.",
            Posting("Meadowlark Health", None, "Product Manager", "Austin, TX"),
        ),
        ("nothing to see here", Posting()),
        ("", Posting()),
    ],
)
def test_it_reads_postings_of_several_shapes(text, expected):
    assert read_posting(text, MINE) == expected


def test_an_organisation_of_yours_is_read_by_your_spelling():
    found = read_posting("We are copperleaf. COPPERLEAF SYSTEMS is hiring a Data Analyst.", MINE)
    assert (found.organisation, found.organisation_id) == ("Copperleaf Systems", 1)


def _collapsed(text: str) -> str:
    return " ".join(text.split())


@given(st.text(max_size=400))
def test_any_text_reads_without_failing_into_pieces_of_itself(text):
    found = read_posting(text)
    for value in (found.organisation, found.title, found.location):
        assert len(value) <= MAX_FIELD
        assert value == value.strip()
        assert value in _collapsed(text)
    assert found.organisation_id is None


POSTING_WORDS = ["Engineer", "Senior", "at", "Orion", "·", "\n", ":", "Location", "Remote", ","]
POSTING_WORDS += ["OR", "Portland", "hiring", "a", " ", "Company", "Join", "based", "in"]


@given(st.lists(st.sampled_from(POSTING_WORDS), max_size=80))
def test_posting_shaped_noise_reads_into_pieces_of_itself(words):
    text = " ".join(words)
    found = read_posting(text, MINE)
    for value in (found.title, found.location):
        assert value in _collapsed(text)
