"""After a command marked every pooling member stale, a search that finds more stale members
than it rebuilds hands the rest to the task queue (groups/drain.py): one drain per group
waiting at a time, which rebuilds them all; the pool then counts what the records say."""

from __future__ import annotations

import pytest
from django_tasks_db.models import DBTaskResult

from mutuals.changes.tracking import EVERYONE, bump
from mutuals.groups import drain, services
from mutuals.groups.models import Membership
from mutuals.groups.tasks_drain import drain_stale
from tests.factories import make_person, make_user

BOUND = services.REBUILT_PER_SEARCH


@pytest.fixture
def admin(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser(username="ada", password="x" * 20)


def _group(admin, name: str, members: int):
    group = services.create_group(by=admin, name=name, daily_searches=1000)
    code = services.new_link_code(by=admin, group_id=group.pk)
    for number in range(members):
        user = make_user(f"{name[:3].lower()}{number}")
        services.join(user=user, code=code)
        make_person(user, f"Person {number}", organization="Copperleaf", tier="friend")
        services.set_pooling(user=user, group_id=group.pk, scope=Membership.ALL)
    return group


def _drains() -> list[list[int]]:
    waiting = DBTaskResult.objects.ready().filter(task_path=drain_stale.module_path)
    return [found["args"] for found in waiting.values_list("args_kwargs", flat=True)]


def _stale(group) -> int:
    return Membership.objects.filter(group=group, stale=True).count()


def test_a_search_past_the_bound_hands_the_rest_to_one_drain_which_rebuilds_them(admin):
    group = _group(admin, "Northfield", BOUND + 5)
    bump(EVERYONE)
    found, _ = services.search(user=admin, group_id=group.pk, organisation="Copperleaf")
    assert _stale(group) == 5
    assert found.members == BOUND  # the rebuilt ones only (and "many")
    assert _drains() == [[group.pk]]
    bump(EVERYONE)  # again, before the worker ran: still one drain waiting for the group
    services.search(user=admin, group_id=group.pk, organisation="Copperleaf")
    assert _drains() == [[group.pk]]
    assert drain_stale.call(group.pk) == {"rebuilt": 5}
    assert _stale(group) == 0
    assert services.search(user=admin, group_id=group.pk, person="Person 3")[0].members == 1


def test_a_search_within_the_bound_hands_nothing_over(admin):
    group = _group(admin, "Northfield", 3)
    bump(EVERYONE)
    services.search(user=admin, group_id=group.pk, organisation="Copperleaf")
    assert _stale(group) == 0
    assert _drains() == []


def test_one_drain_waits_per_group(admin):
    first, second = _group(admin, "Northfield", 0), _group(admin, "Southgate", 0)
    assert drain.hand_over(first.pk) is True
    assert drain.hand_over(first.pk) is False
    assert drain.hand_over(second.pk) is True
    assert sorted(_drains()) == sorted([[first.pk], [second.pk]])


def test_a_drain_skips_members_who_stopped_pooling_and_is_bounded(admin):
    group = _group(admin, "Northfield", 4)
    bump(EVERYONE)
    Membership.objects.filter(group=group).exclude(user=admin).filter(
        pk__in=Membership.objects.filter(group=group).order_by("pk").values("pk")[1:2]
    ).update(scope=Membership.NONE)
    assert services.drain_stale(group_id=group.pk) == 3  # the one pooling nothing: cleared
    assert _stale(group) == 0
    assert services.drain_stale(group_id=group.pk) == 0
