"""emails.report.counted: a count and its noun, singular for exactly one."""

from __future__ import annotations

import pytest

from mutuals.emails.report import counted


@pytest.mark.parametrize(
    ("count", "one", "many", "said"),
    [
        (0, "conversation", "", "0 conversations"),
        (1, "conversation", "", "1 conversation"),
        (2, "new message", "", "2 new messages"),
        (12_345, "message", "", "12,345 messages"),
        (1, "person", "people", "1 person"),
        (3, "person", "people", "3 people"),
    ],
)
def test_one_is_singular_and_every_other_count_plural(count, one, many, said):
    assert counted(count, one, many) == said
