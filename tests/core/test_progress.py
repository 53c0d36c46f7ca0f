"""core.progress: weeks, targets over a goal's history, week states, the forgiving streak and
the summary sentence."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.progress import (
    DEFAULT_CHOSEN,
    DEFAULT_TARGETS,
    GOAL_KINDS,
    WEEKS,
    GoalSetting,
    GoalWeek,
    build_progress,
    check_target,
    current_goals,
    is_meaningful_conversation,
    streak,
    summary,
    target_in_week,
    targets_by_week,
    week_of,
    week_state,
    weeks_until,
)

WEDNESDAY = dt.date(2026, 12, 2)
MONDAY = dt.date(2026, 11, 30)
states = st.lists(st.sampled_from(["kept", "missed", "none"]), max_size=30)


def test_weeks_start_on_monday():
    assert week_of(WEDNESDAY) == MONDAY
    assert week_of(MONDAY) == MONDAY
    assert week_of(dt.date(2026, 12, 6)) == MONDAY  # Sunday


def test_weeks_until_ends_with_this_week_oldest_first():
    weeks = weeks_until(WEDNESDAY)
    assert len(weeks) == WEEKS
    assert weeks[-1] == MONDAY
    assert weeks[0] == MONDAY - dt.timedelta(weeks=11)


def test_gives_and_conversations_come_before_applications():
    assert GOAL_KINDS.index("gives") < GOAL_KINDS.index("applications")
    assert GOAL_KINDS.index("conversations") < GOAL_KINDS.index("applications")


def test_every_kind_has_a_default_and_applications_is_not_chosen_at_first():
    assert set(DEFAULT_TARGETS) == set(GOAL_KINDS)
    assert "applications" not in DEFAULT_CHOSEN


@pytest.mark.parametrize(
    ("kind", "imported", "counts"),
    [
        ("coffee", False, True),
        ("call", True, True),
        ("meeting", True, True),
        ("email", False, True),
        ("message", False, True),
        ("email", True, False),
        ("message", True, False),
    ],
)
def test_a_meaningful_conversation_is_live_or_written_by_hand(kind, imported, counts):
    assert is_meaningful_conversation(kind, imported=imported) is counts


@pytest.mark.parametrize("target", [0, -1, 51])
def test_check_target_refuses_targets_out_of_range_naming_the_goal(target):
    with pytest.raises(ValueError, match="Gives"):
        check_target("gives", target)


def test_check_target_refuses_an_unknown_kind():
    with pytest.raises(ValueError, match="no goal called"):
        check_target("likes", 3)


def test_a_target_holds_from_its_monday_until_the_next_setting():
    history = [
        GoalSetting("gives", 2, True, MONDAY - dt.timedelta(weeks=4)),
        GoalSetting("gives", 5, True, MONDAY - dt.timedelta(weeks=1)),
        GoalSetting("gives", 5, False, MONDAY),
    ]
    assert target_in_week(history, "gives", MONDAY - dt.timedelta(weeks=5)) is None
    assert target_in_week(history, "gives", MONDAY - dt.timedelta(weeks=4)) == 2
    assert target_in_week(history, "gives", MONDAY - dt.timedelta(weeks=2)) == 2
    assert target_in_week(history, "gives", MONDAY - dt.timedelta(weeks=1)) == 5
    assert target_in_week(history, "gives", MONDAY) is None
    assert current_goals(history)["gives"].active is False


def _weeks(*pairs):
    return [GoalWeek(week=MONDAY, count=count, target=target) for count, target in pairs]


def test_a_week_is_kept_when_at_least_half_its_goals_are_met():
    assert week_state(_weeks((2, 2), (0, 3)), is_this_week=False) == "kept"
    assert week_state(_weeks((2, 2), (0, 3), (0, 1)), is_this_week=False) == "missed"
    assert week_state(_weeks((5, None)), is_this_week=False) == "none"


def test_this_week_is_open_not_missed_until_it_ends():
    assert week_state(_weeks((0, 2)), is_this_week=True) == "open"
    assert week_state(_weeks((2, 2)), is_this_week=True) == "kept"


@pytest.mark.parametrize(
    ("weeks", "expected"),
    [
        ("kkkk", 4),
        ("kkkmk", 4),  # one missed week is forgiven
        ("kkmmk", 1),  # two in a row end it
        ("kmkkmk", 3),  # a second miss anywhere ends it
        ("kkko", 3),  # this week still open: neither kept nor missed
        ("kkkm", 3),
        ("nkkk", 3),  # a week without goals ends the run
        ("kknmk", 1),
        ("mm", 0),
        ("", 0),
    ],
)
def test_the_streak_forgives_one_missed_week(weeks, expected):
    names = {"k": "kept", "m": "missed", "n": "none", "o": "open"}
    assert streak([names[w] for w in weeks]) == expected


@given(states)
def test_the_streak_never_counts_more_than_the_kept_weeks(weeks):
    assert 0 <= streak(weeks) <= weeks.count("kept")


@given(states)
def test_a_kept_week_adds_one_to_the_streak(weeks):
    assert streak([*weeks, "kept"]) == streak(weeks) + 1


@given(st.lists(st.just("kept"), max_size=20), st.lists(st.just("kept"), max_size=20))
def test_one_missed_week_among_kept_ones_is_forgiven(before, after):
    assert streak([*before, "missed", *after]) == len(before) + len(after)


@given(states)
def test_two_missed_weeks_in_a_row_end_the_streak(weeks):
    assert streak([*weeks, "missed", "missed"]) == 0


@given(states)
def test_the_counted_run_holds_at_most_one_missed_week(weeks):
    """The streak is exactly the kept weeks of the longest tail with at most one miss and no
    week without goals: checked against a plain search over every tail."""
    best = 0
    for start in range(len(weeks) + 1):
        tail = weeks[start:]
        if tail.count("missed") <= 1 and "none" not in tail:
            best = max(best, tail.count("kept"))
    assert streak(weeks) == best


@pytest.mark.parametrize(
    ("gave", "asked", "words"),
    [
        (3, 1, "you gave more than you asked"),
        (1, 1, "you gave as much as you asked"),
        (0, 2, "you asked more than you gave"),
        (0, 0, "you neither gave nor asked"),
    ],
)
def test_the_summary_says_goals_met_and_give_and_ask(gave, asked, words):
    sentence = summary(met=3, goals=4, gave=gave, asked=asked, has_activity=True)
    assert sentence.startswith("3 of 4 goals this week; ")
    assert words in sentence


def test_the_summary_of_a_new_user_says_nothing_is_chosen_or_logged():
    assert "No goals chosen yet" in summary(met=0, goals=0, gave=0, asked=0, has_activity=False)


def _settings(since=MONDAY - dt.timedelta(weeks=20), **targets):
    return [GoalSetting(kind, target, True, since) for kind, target in targets.items()]


def test_build_progress_judges_this_week_and_the_streak():
    weeks = weeks_until(WEDNESDAY, 20)
    counts = {
        "gives": dict.fromkeys(weeks, 2),
        "conversations": {MONDAY: 3, weeks[-2]: 1},
    }
    result = build_progress(
        today=WEDNESDAY,
        settings=_settings(gives=2, conversations=3, follow_ups=1),
        counts=counts,
        asked={MONDAY: 1},
    )
    assert [g.kind for g in result.goals] == list(GOAL_KINDS)
    assert all(len(g.weeks) == WEEKS for g in result.goals)
    assert (result.met_this_week, result.goals_this_week) == (2, 3)
    assert result.week_states[-1] == "kept"
    # every week before had 1 of 3 goals met: missed, except none (before the goals began)
    assert result.streak == 1
    assert result.summary == "2 of 3 goals this week; you gave more than you asked."


def test_build_progress_without_goals_counts_but_judges_nothing():
    result = build_progress(today=WEDNESDAY, settings=[], counts={"gives": {MONDAY: 1}}, asked={})
    assert not result.has_goals
    assert result.has_activity
    assert all(w.met is None for g in result.goals for w in g.weeks)
    assert result.streak == 0
    assert set(result.week_states) == {"none"}


def test_a_run_reaching_past_the_charts_to_earlier_goals_is_or_more():
    all_kept = {"gives": dict.fromkeys(weeks_until(WEDNESDAY), 1)}
    old = build_progress(today=WEDNESDAY, settings=_settings(gives=1), counts=all_kept, asked={})
    assert (old.streak, old.streak_or_more) == (12, True)
    new = build_progress(
        today=WEDNESDAY,
        settings=_settings(since=weeks_until(WEDNESDAY)[0], gives=1),
        counts=all_kept,
        asked={},
    )
    assert (new.streak, new.streak_or_more) == (12, False)


settings_lists = st.lists(
    st.builds(
        GoalSetting,
        kind=st.sampled_from(["gives", "conversations"]),
        target=st.integers(1, 50),
        active=st.booleans(),
        since=st.dates(MONDAY - dt.timedelta(weeks=20), MONDAY + dt.timedelta(weeks=1)),
    ),
    max_size=6,
)


@given(settings_lists, st.sampled_from(["gives", "conversations", "new_people"]))
def test_targets_by_week_are_target_in_week_for_each_week(settings, kind):
    mondays = weeks_until(WEDNESDAY, 16)
    expected = [target_in_week(settings, kind, monday) for monday in mondays]
    assert targets_by_week(settings, kind, mondays) == expected


def test_of_two_settings_from_the_same_day_the_first_holds_as_target_in_week_says():
    both = [
        GoalSetting("gives", 3, True, MONDAY),
        GoalSetting("gives", 7, True, MONDAY),
    ]
    assert targets_by_week(both, "gives", [MONDAY]) == [target_in_week(both, "gives", MONDAY)]
