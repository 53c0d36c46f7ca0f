"""core.leads: a lead's stages and the moves between them."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.leads import (
    OPEN_STAGES,
    STAGE_WORDS,
    STAGES,
    allowed_moves,
    check_move,
    move_words,
    next_stage,
)

stages = st.sampled_from(STAGES)


def test_every_stage_has_words():
    assert set(STAGE_WORDS) == set(STAGES)


def test_the_usual_path_runs_from_heard_to_accepted():
    stage, seen = "heard", ["heard"]
    while (stage := next_stage(stage)) is not None:
        seen.append(stage)
    assert seen == [*OPEN_STAGES, "accepted"]


@given(stages, stages)
def test_a_move_is_allowed_exactly_when_it_is_listed(current, target):
    refused = check_move(current, target, reason="a reason")
    assert (refused is None) == (target in allowed_moves(current))


@given(st.sampled_from(OPEN_STAGES), st.text(max_size=20).filter(lambda t: not t.strip()))
def test_closing_without_a_reason_is_refused_on_the_reason(current, blank):
    refused = check_move(current, "closed", blank)
    assert refused is not None
    assert refused.field == "reason"


@given(stages)
def test_no_stage_moves_to_itself(stage):
    assert stage not in allowed_moves(stage)
    assert check_move(stage, stage) is not None


@given(st.sampled_from([s for s in STAGES if s not in ("offer", "accepted")]))
def test_only_an_offer_is_accepted(stage):
    refused = check_move(stage, "accepted")
    assert refused is not None
    assert "offer" in refused.message.lower()


def test_an_unknown_stage_is_named():
    refused = check_move("heard", "hired")
    assert refused is not None
    assert "hired" in refused.message


@given(stages)
def test_every_stage_can_reach_every_other_within_three_moves(start):
    reached, frontier = {start}, {start}
    for _ in range(3):
        frontier = {t for s in frontier for t in allowed_moves(s)} - reached
        reached |= frontier
    assert reached == set(STAGES)


def test_the_timeline_words():
    assert move_words("referred", "applied") == "Applied"
    assert move_words("applied", "closed", " no budget ") == "Closed: no budget"
    assert move_words("applied", "exploring") == "Moved back to “Exploring”"
    assert move_words("closed", "applied") == "Reopened at “Applied”"


def test_a_long_reason_is_refused():
    refused = check_move("heard", "closed", "x" * 301)
    assert refused is not None
    assert refused.field == "reason"
