"""A group's members over time (groups.history, MemberLog): a month's figures in the
administrators' report stay what they were when members leave or stop pooling later."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model

from mutuals.groups import selectors, services
from mutuals.groups.models import MemberLog, Membership
from tests.factories import make_person, make_user

TODAY = dt.date(2026, 3, 14)


def _at(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(10), tzinfo=dt.UTC)


@pytest.fixture
def ada(db):
    return get_user_model().objects.create_superuser(username="ada", password="x" * 20)


@pytest.fixture
def group(ada):
    made = services.create_group(by=ada, name="Northfield alumni")
    MemberLog.objects.filter(group=made).update(day=dt.date(2020, 1, 1))  # ada: long ago
    return made


def _join(group, ada, name: str, day: dt.date):
    user = make_user(name)
    code = services.new_link_code(by=ada, group_id=group.pk)
    services.join(user=user, code=code, now=_at(day))
    return user


def _months(group, today: dt.date = TODAY) -> dict[str, dict]:
    report = selectors.admin_report(group=group, today=today).as_dict()
    return {m["month"]: m for m in report["months"]}


def test_a_member_who_leaves_later_still_counts_as_joined_in_their_month(group, ada):
    sam = _join(group, ada, "sam", dt.date(2026, 1, 20))
    before = _months(group)["2026-01"]
    services.leave(user=sam, group_id=group.pk, now=_at(dt.date(2026, 3, 2)))
    after = _months(group)
    assert after["2026-01"]["joined"] == before["joined"] == 1
    assert after["2026-01"]["members"] == before["members"] == 2
    assert after["2026-03"]["left"] == 1
    assert after["2026-03"]["members"] == 1


def test_past_pooling_choices_stay_in_their_months(group, ada):
    bea = _join(group, ada, "bea", dt.date(2026, 1, 5))
    make_person(bea, "Rosa Núñez", tier="close")
    services.set_pooling(
        user=bea, group_id=group.pk, scope=Membership.ALL, now=_at(dt.date(2026, 1, 6))
    )
    services.withdraw(user=bea, group_id=group.pk, now=_at(dt.date(2026, 2, 10)))
    months = _months(group)
    assert [months[m]["pooling"] for m in ("2025-12", "2026-01", "2026-02", "2026-03")] == [
        0,
        1,
        0,
        0,
    ]
    assert months["2026-01"]["pooling_rate"] == 50  # ada and bea; bea pooled


def test_changing_how_one_pools_is_not_starting_again(group, ada):
    bea = _join(group, ada, "bea", dt.date(2026, 1, 5))
    make_person(bea, "Rosa Núñez", tier="close", circles=["Work"])
    services.set_pooling(user=bea, group_id=group.pk, scope=Membership.ALL)
    services.set_pooling(user=bea, group_id=group.pk, scope=Membership.CIRCLES, circles=["Work"])
    assert sum(MemberLog.objects.values_list("started_pooling", flat=True)) == 1


def test_a_pooling_member_who_leaves_stops_pooling_too(group, ada):
    bea = _join(group, ada, "bea", dt.date(2026, 1, 5))
    services.set_pooling(
        user=bea, group_id=group.pk, scope=Membership.ALL, now=_at(dt.date(2026, 1, 6))
    )
    services.leave(user=bea, group_id=group.pk, now=_at(dt.date(2026, 3, 1)))
    march = _months(group)["2026-03"]
    assert (march["left"], march["pooling"]) == (1, 0)
    assert _months(group)["2026-01"]["pooling"] == 1


def test_a_deleted_account_counts_as_having_left_once(group, ada):
    sam = _join(group, ada, "sam", dt.date(2026, 1, 20))
    sam.delete()
    assert sum(MemberLog.objects.values_list("left", flat=True)) == 1
    assert not Membership.objects.filter(user_id=sam.pk).exists()


def test_leaving_counts_one_left_not_two(group, ada):
    sam = _join(group, ada, "sam", dt.date(2026, 1, 20))
    services.leave(user=sam, group_id=group.pk, now=_at(dt.date(2026, 3, 2)))
    assert sum(MemberLog.objects.values_list("left", flat=True)) == 1


def test_deleting_a_group_counts_no_one_as_having_left(group, ada):
    _join(group, ada, "sam", dt.date(2026, 1, 20))
    group.delete()
    assert not MemberLog.objects.exists()


def test_the_history_is_per_group(group, ada):
    other = services.create_group(by=ada, name="Southbank cohort")
    _join(group, ada, "sam", dt.date(2026, 3, 3))
    assert _months(other)["2026-03"]["joined"] == 0
    assert _months(group)["2026-03"]["joined"] == 1
