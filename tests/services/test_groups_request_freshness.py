"""A request for an introduction after a command marked everyone stale (groups.requests):
it rebuilds at most `services.REBUILT_PER_SEARCH` stale members, those it would ask first,
as a search does (`services.refresh_pool`), and never asks a member still stale."""

from __future__ import annotations

import datetime as dt

import pytest

from mutuals.changes.tracking import EVERYONE, bump
from mutuals.groups import requests, services
from mutuals.groups.models import Membership
from tests.factories import make_person, make_user

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
BOUND = services.REBUILT_PER_SEARCH


@pytest.fixture
def admin(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser(username="ada", password="x" * 20)


@pytest.fixture
def group(admin):
    return services.create_group(by=admin, name="Northfield alumni", daily_searches=1000)


def _member(group, admin, name: str, *people: tuple[str, str, str]):
    user = make_user(name)
    services.join(user=user, code=services.new_link_code(by=admin, group_id=group.pk), now=NOW)
    for person, organisation, tier in people:
        make_person(user, person, organization=organisation, tier=tier)
    if people:  # the searcher pools nothing: never stale
        services.set_pooling(user=user, group_id=group.pk, scope=Membership.ALL)
    return user


def _stale(group) -> list[int]:
    found = Membership.objects.filter(group=group, stale=True).order_by("pk")
    return list(found.values_list("pk", flat=True))


def test_a_request_rebuilds_at_most_the_bound_and_never_asks_a_member_still_stale(admin, group):
    """More members know Rosa than a request rebuilds; the last two know her closely. After a
    command marked everyone stale, the request rebuilds the first `BOUND` and asks one of
    them: never one of the two still stale, however close."""
    sam = _member(group, admin, "sam")
    knowing = [
        _member(group, admin, f"m{n:02d}", ("Rosa Núñez", "Copperleaf", "acquaintance"))
        for n in range(BOUND)
    ]
    close = [
        _member(group, admin, f"z{n}", ("Rosa Núñez", "Copperleaf", "inner")) for n in range(2)
    ]
    services.search(user=sam, group_id=group.pk, person="Rosa Núñez", now=NOW)
    bump(EVERYONE)  # a command acting on others: every pooling member is stale
    assert len(_stale(group)) == BOUND + 2  # Sam pools nothing
    made = requests.request_introduction(user=sam, group_id=group.pk, person="Rosa Núñez", now=NOW)
    still = _stale(group)
    closest = Membership.objects.filter(user__in=close).values_list("pk", flat=True)
    assert sorted(still) == sorted(closest)
    assert made.member_id not in still
    assert made.member.user in knowing


def test_a_request_rebuilds_the_stale_members_it_would_ask_first(admin, group):
    """More stale members than the bound, most of them not knowing the target: the ones who do
    are rebuilt (and can be asked), whatever their place among the stale."""
    sam = _member(group, admin, "sam")
    for n in range(BOUND + 3):
        _member(group, admin, f"m{n:02d}", (f"Person {n}", "Lumenvale", "friend"))
    bea = _member(group, admin, "bea", ("Rosa Núñez", "Copperleaf", "close"))
    services.search(user=sam, group_id=group.pk, organisation="Copperleaf", now=NOW)
    bump(EVERYONE)
    made = requests.request_introduction(
        user=sam, group_id=group.pk, organisation="Copperleaf", now=NOW
    )
    assert made.member.user == bea
    assert len(_stale(group)) == BOUND + 3 + 1 - BOUND  # the bound rebuilt, Bea among them
    assert Membership.objects.get(user=bea).stale is False
