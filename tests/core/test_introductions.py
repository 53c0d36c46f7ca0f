"""core.introductions: the double opt-in steps."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.introductions import (
    STATUS_ORDER,
    Status,
    can_move,
    describe_status,
    draft_purpose,
    next_statuses,
)

statuses = st.sampled_from(list(Status))


@given(current=statuses, wanted=statuses)
def test_a_step_never_goes_back_except_asking_again_after_a_no(current, wanted):
    if can_move(current, wanted):
        back = STATUS_ORDER.index(wanted) < STATUS_ORDER.index(current)
        assert not back or (current, wanted) == (Status.DECLINED, Status.REQUESTED)


@given(status=statuses)
def test_no_status_moves_to_itself(status):
    assert status not in next_statuses(status)


def test_thanked_is_the_end():
    assert next_statuses("thanked") == ()


def test_an_introducer_may_simply_make_it():
    assert can_move("requested", "made")


@pytest.mark.parametrize("yours", [True, False])
def test_every_status_is_described(yours):
    for status in Status:
        assert describe_status(status, yours_to_make=yours)


def test_asking_drafts_the_request_and_a_made_one_drafts_thanks():
    assert draft_purpose("requested", yours_to_make=False) == "intro-request"
    assert draft_purpose("made", yours_to_make=False) == "thanks"
    assert draft_purpose("requested", yours_to_make=True) == "intro-offer"
    assert draft_purpose("accepted", yours_to_make=True) == "introduce"
