"""core.coach_flags: the dashboard's flags, each rule at its threshold and as a property."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.coach_flags import (
    APPLIED_WAIT_DAYS,
    APPLIED_WAITING,
    ASKING_NOT_GIVING,
    ASKS_WITHOUT_GIVES,
    FLAG_CODES,
    GIVE_AND_ASK_DAYS,
    GOALS_MISSED,
    NO_CONVERSATION_DAYS,
    QUIET,
    Activity,
    flags,
    missed_running,
)

TODAY = dt.date(2026, 12, 2)


def activity(**fields) -> Activity:
    values = {
        "today": TODAY,
        "conversation_days": {TODAY: 1},
        "give_days": {},
        "ask_days": {},
        "week_states": ["kept", "kept", "open"],
        "applied_since": [],
    }
    values.update(fields)
    return Activity(**values)


def codes(found) -> list[str]:
    return [flag.code for flag in found]


def test_a_busy_client_has_no_flags():
    assert flags(activity()) == []


def test_a_conversation_on_the_fourteenth_day_back_still_counts():
    last = TODAY - dt.timedelta(days=NO_CONVERSATION_DAYS - 1)
    assert QUIET not in codes(flags(activity(conversation_days={last: 1})))


def test_no_conversation_in_fourteen_days_is_flagged_in_words():
    last = TODAY - dt.timedelta(days=NO_CONVERSATION_DAYS)
    found = flags(activity(conversation_days={last: 2}))
    assert codes(found) == [QUIET]
    assert found[0].words == "No conversation in 14 days"


def test_three_asks_and_no_gives_is_flagged():
    asks = {TODAY - dt.timedelta(days=n): 1 for n in range(ASKS_WITHOUT_GIVES)}
    found = flags(activity(ask_days=asks))
    assert codes(found) == [ASKING_NOT_GIVING]
    assert found[0].words == "3 asks and no gives in 30 days"


def test_one_give_clears_the_asking_flag():
    asks = {TODAY: ASKS_WITHOUT_GIVES + 2}
    gives = {TODAY - dt.timedelta(days=GIVE_AND_ASK_DAYS - 1): 1}
    assert flags(activity(ask_days=asks, give_days=gives)) == []


def test_asks_older_than_the_window_do_not_count():
    asks = {TODAY - dt.timedelta(days=GIVE_AND_ASK_DAYS): 5}
    assert flags(activity(ask_days=asks)) == []


def test_two_missed_weeks_running_are_flagged_while_this_week_is_open():
    assert codes(flags(activity(week_states=["kept", "missed", "missed", "open"]))) == [
        GOALS_MISSED
    ]


def test_keeping_this_week_clears_the_missed_flag():
    assert not missed_running(["missed", "missed", "kept"])


def test_one_missed_week_is_not_flagged():
    assert not missed_running(["missed", "kept", "missed", "open"])


def test_a_lead_waiting_three_weeks_at_applied_is_flagged_by_count_only():
    waited = TODAY - dt.timedelta(days=APPLIED_WAIT_DAYS)
    found = flags(activity(applied_since=[waited, waited, TODAY]))
    assert codes(found) == [APPLIED_WAITING]
    assert found[0].words == "2 leads have waited at “applied” for 3 weeks"


def test_a_lead_applied_for_twenty_days_is_not_flagged():
    assert flags(activity(applied_since=[TODAY - dt.timedelta(days=APPLIED_WAIT_DAYS - 1)])) == []


days = st.dictionaries(
    st.integers(min_value=0, max_value=90).map(lambda n: TODAY - dt.timedelta(days=n)),
    st.integers(min_value=1, max_value=5),
    max_size=20,
)
states = st.lists(st.sampled_from(["kept", "missed", "none"]), max_size=11).flatmap(
    lambda weeks: st.sampled_from(["kept", "open", "none"]).map(lambda now: [*weeks, now])
)


@given(talked=days, gave=days, asked=days, week_states=states)
def test_flags_come_in_the_fixed_order_each_once(talked, gave, asked, week_states):
    found = codes(
        flags(
            activity(
                conversation_days=talked, give_days=gave, ask_days=asked, week_states=week_states
            )
        )
    )
    assert found == [code for code in FLAG_CODES if code in found]


@given(talked=days)
def test_quiet_exactly_when_no_conversation_day_falls_in_the_last_fourteen(talked):
    recent = any((TODAY - day).days < NO_CONVERSATION_DAYS for day in talked)
    assert (QUIET in codes(flags(activity(conversation_days=talked)))) is not recent


@given(gave=days, asked=days)
def test_a_give_in_the_window_always_clears_the_asking_flag(gave, asked):
    gave = {**gave, TODAY: 1}
    assert ASKING_NOT_GIVING not in codes(flags(activity(give_days=gave, ask_days=asked)))


@given(asked=days)
def test_more_asks_never_clear_the_asking_flag(asked):
    before = ASKING_NOT_GIVING in codes(flags(activity(ask_days=asked)))
    more = {**asked, TODAY: asked.get(TODAY, 0) + 1}
    assert before <= (ASKING_NOT_GIVING in codes(flags(activity(ask_days=more))))


@given(week_states=states)
def test_a_kept_week_this_week_never_shows_goals_missed(week_states):
    week_states = [*week_states[:-1], "kept"]
    assert not missed_running(week_states)
