"""The weekly needs review: open needs oldest first, grouped by age, with what to do."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from mutuals.core.agenda import NeedState
from mutuals.core.review import (
    GROUPS,
    MY_NEED_ACTION,
    OVER_A_MONTH,
    THIS_MONTH,
    THIS_WEEK,
    age_group,
    review,
)

TODAY = date(2026, 3, 1)


def ago(n: int) -> date:
    return TODAY - timedelta(days=n)


def need(id=1, *, noted=10, reviewed=None, person_id=1, name="Rosa Núñez", kind="introduction"):
    reviewed_on = None if reviewed is None else ago(reviewed)
    return NeedState(id, person_id, name, "an intro to a UX lead", ago(noted), reviewed_on, kind)


def test_needs_come_oldest_first_with_their_age() -> None:
    entries = review([need(1, noted=3), need(2, noted=40), need(3, noted=12)], TODAY)
    assert [(e.need_id, e.age_days) for e in entries] == [(2, 40), (3, 12), (1, 3)]


def test_ages_fall_into_this_week_this_month_and_over_30_days() -> None:
    assert [age_group(d) for d in (0, 7, 8, 30, 31, 400)] == [
        THIS_WEEK,
        THIS_WEEK,
        THIS_MONTH,
        THIS_MONTH,
        OVER_A_MONTH,
        OVER_A_MONTH,
    ]


@given(st.integers(0, 1000), st.integers(0, 1000))
def test_an_older_need_is_never_in_a_later_group(a: int, b: int) -> None:
    older, newer = max(a, b), min(a, b)
    assert GROUPS.index(age_group(older)) <= GROUPS.index(age_group(newer))


def test_a_contacts_need_says_what_to_do_when_something_fits() -> None:
    (entry,) = review([need(kind="introduction")], TODAY)
    assert entry.action == "when something fits, offer Rosa an introduction"
    assert entry.whose == "Rosa Núñez"


def test_a_job_lead_need_is_to_be_shared() -> None:
    (entry,) = review([need(kind="job_lead")], TODAY)
    assert entry.action == "when something fits, share with Rosa"


def test_your_own_need_says_to_ask_and_give_first() -> None:
    (entry,) = review([need(person_id=None, name=None)], TODAY)
    assert (entry.whose, entry.action) == ("you", MY_NEED_ACTION)


def test_a_need_is_due_when_not_reviewed_for_30_days() -> None:
    due, fresh, never = review(
        [need(1, noted=90, reviewed=30), need(2, noted=60, reviewed=29), need(3, noted=31)],
        TODAY,
    )
    assert (due.need_id, due.due) == (1, True)
    assert (fresh.need_id, fresh.due) == (2, False)
    assert (never.need_id, never.due, never.reviewed_on) == (3, True, None)
