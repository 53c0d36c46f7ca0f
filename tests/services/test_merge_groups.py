"""imports.merge_groups: a merge moves what the owner's groups say about the merged person (a
pool request's target, pooling by chosen people, the pooled rows) to the kept person, and the
undo puts it back."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mutuals.groups import requests, services
from mutuals.groups.models import Membership, PooledPerson
from mutuals.imports import merge
from mutuals.people.models import Person
from tests.factories import make_person, make_user

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture
def admin(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser(username="ada", password="x" * 20)


@pytest.fixture
def group(admin):
    return services.create_group(by=admin, name="Northfield alumni")


def _join(group, admin, user):
    code = services.new_link_code(by=admin, group_id=group.pk)
    return services.join(user=user, code=code, now=NOW)


def _two_rosas(owner):
    """The same Rosa twice: a close friend with no organisation, and a record from an
    address book with her organisation and title."""
    rosa = make_person(owner, "Rosa Núñez", tier="friend", circles=["Work"])
    copy = make_person(
        owner, "Rosa Nunez", tier="acquaintance", organization="Copperleaf", title="Data lead"
    )
    return rosa, copy


def _pool(membership):
    """What a search can count of this member, once rebuilt if stale (as a search does before
    it counts): each pooled row's copied values."""
    services.rebuild_members([membership.pk])
    return sorted(
        PooledPerson.objects.filter(member=membership).values_list(
            "name", "organisation", "title", "closeness"
        )
    )


def _chosen(membership):
    return sorted(membership.people.values_list("full_name", flat=True))


def _undo(owner, merged):
    return merge.undo_merge(owner=owner, merge_id=merged.pk)


def test_a_request_about_the_merged_person_is_about_the_kept_one_and_undo_puts_it_back(
    admin, group
):
    sam, bea = make_user("sam"), make_user("bea")
    _join(group, admin, sam)
    _join(group, admin, bea)
    rosa, copy = _two_rosas(bea)
    services.set_pooling(user=bea, group_id=group.pk, scope=Membership.PEOPLE, people=[copy.pk])
    services.search(user=sam, group_id=group.pk, organisation="Copperleaf", now=NOW)
    asked = requests.request_introduction(
        user=sam, group_id=group.pk, organisation="Copperleaf", now=NOW
    )
    assert asked.target_id == copy.pk

    merged = merge.merge_people(owner=bea, keep_id=rosa.pk, merge_id=copy.pk)
    asked.refresh_from_db()
    assert asked.target_id == rosa.pk
    assert asked.status == "open"

    back = _undo(bea, merged)
    asked.refresh_from_db()
    assert asked.target_id == back.pk


def test_a_request_about_the_kept_person_stays_with_them_on_undo(admin, group):
    sam, bea = make_user("sam"), make_user("bea")
    _join(group, admin, sam)
    _join(group, admin, bea)
    rosa, copy = _two_rosas(bea)
    services.set_pooling(user=bea, group_id=group.pk, scope=Membership.PEOPLE, people=[rosa.pk])
    services.search(user=sam, group_id=group.pk, person="Rosa Núñez", now=NOW)
    asked = requests.request_introduction(user=sam, group_id=group.pk, person="Rosa Núñez", now=NOW)
    merged = merge.merge_people(owner=bea, keep_id=rosa.pk, merge_id=copy.pk)
    _undo(bea, merged)
    asked.refresh_from_db()
    assert asked.target_id == rosa.pk


def test_pooling_the_merged_person_by_choice_pools_the_kept_one_and_undo_chooses_again(
    admin, group, jordan
):
    membership = _join(group, admin, jordan)
    rosa, copy = _two_rosas(jordan)
    services.set_pooling(user=jordan, group_id=group.pk, scope=Membership.PEOPLE, people=[copy.pk])
    assert _pool(membership) == [("Rosa Nunez", "Copperleaf", "Data lead", 2)]

    merged = merge.merge_people(owner=jordan, keep_id=rosa.pk, merge_id=copy.pk)
    # The kept Rosa, with the organisation and title the merge filled in, at her closeness.
    assert _chosen(membership) == ["Rosa Núñez"]
    assert _pool(membership) == [("Rosa Núñez", "Copperleaf", "Data lead", 1)]

    _undo(jordan, merged)
    assert _chosen(membership) == ["Rosa Nunez"]
    assert _pool(membership) == [("Rosa Nunez", "Copperleaf", "Data lead", 2)]


def test_choosing_both_keeps_the_kept_person_once_and_undo_chooses_both_again(admin, group, jordan):
    membership = _join(group, admin, jordan)
    rosa, copy = _two_rosas(jordan)
    both = [rosa.pk, copy.pk]
    services.set_pooling(user=jordan, group_id=group.pk, scope=Membership.PEOPLE, people=both)
    before = _pool(membership)

    merged = merge.merge_people(owner=jordan, keep_id=rosa.pk, merge_id=copy.pk)
    assert _chosen(membership) == ["Rosa Núñez"]
    assert len(_pool(membership)) == 1

    _undo(jordan, merged)
    assert _chosen(membership) == ["Rosa Nunez", "Rosa Núñez"]
    assert _pool(membership) == before


def test_pooling_everyone_counts_the_merged_person_once_at_once(admin, group, jordan):
    membership = _join(group, admin, jordan)
    rosa, copy = _two_rosas(jordan)
    services.set_pooling(user=jordan, group_id=group.pk, scope=Membership.ALL)
    before = _pool(membership)
    assert len(before) == 2

    merged = merge.merge_people(owner=jordan, keep_id=rosa.pk, merge_id=copy.pk)
    assert _pool(membership) == [("Rosa Núñez", "Copperleaf", "Data lead", 1)]

    _undo(jordan, merged)
    assert _pool(membership) == before


def test_the_members_pool_is_not_counted_until_rebuilt_then_counts_the_kept_person(
    admin, group, jordan, riley
):
    _join(group, admin, riley)
    membership = _join(group, admin, jordan)
    rosa, copy = _two_rosas(jordan)
    services.set_pooling(user=jordan, group_id=group.pk, scope=Membership.ALL)
    merge.merge_people(owner=jordan, keep_id=rosa.pk, merge_id=copy.pk)
    membership.refresh_from_db()
    assert membership.stale
    answer, _ = services.search(user=riley, group_id=group.pk, organisation="Copperleaf", now=NOW)
    assert (answer.members, answer.well, answer.close) == (1, 1, 0)  # Rosa, a friend now
    assert PooledPerson.objects.filter(member=membership).count() == 1


def test_a_merge_leaves_other_members_pools_and_choices_alone(admin, group, jordan, riley):
    mine = _join(group, admin, jordan)
    theirs = _join(group, admin, riley)
    rosa, copy = _two_rosas(jordan)
    services.set_pooling(user=jordan, group_id=group.pk, scope=Membership.ALL)
    ann = make_person(riley, "Ann Lee", organization="Acme")
    services.set_pooling(user=riley, group_id=group.pk, scope=Membership.PEOPLE, people=[ann.pk])
    rows = list(PooledPerson.objects.filter(member=theirs).values_list("pk", flat=True))

    merged = merge.merge_people(owner=jordan, keep_id=rosa.pk, merge_id=copy.pk)
    _undo(jordan, merged)
    theirs.refresh_from_db()
    assert not theirs.stale
    assert list(PooledPerson.objects.filter(member=theirs).values_list("pk", flat=True)) == rows
    assert _chosen(theirs) == ["Ann Lee"]
    assert len(_pool(mine)) == 2


def test_an_undo_after_leaving_the_group_still_brings_the_person_back(admin, group, jordan):
    _join(group, admin, jordan)
    services.create_group(by=admin, name="Other")  # jordan is not an administrator of it
    rosa, copy = _two_rosas(jordan)
    services.set_pooling(user=jordan, group_id=group.pk, scope=Membership.PEOPLE, people=[copy.pk])
    merged = merge.merge_people(owner=jordan, keep_id=rosa.pk, merge_id=copy.pk)
    services.leave(user=jordan, group_id=group.pk)
    back = _undo(jordan, merged)
    assert Person.objects.filter(pk=back.pk, full_name="Rosa Nunez").exists()
    assert not Membership.objects.filter(user=jordan).exists()


EXAMPLES = itertools.count()
SCOPES = st.sampled_from([Membership.NONE, Membership.ALL, Membership.CIRCLES, Membership.PEOPLE])


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=25)
@given(
    scope=SCOPES,
    chosen=st.sets(st.sampled_from(["kept", "merged", "other"]), min_size=1),
    keep_first=st.booleans(),
)
def test_merge_then_undo_leaves_every_pool_and_choice_as_it_was(db, scope, chosen, keep_first):
    """Whatever the member pools, and whichever of the two is kept: after merge and undo the
    choices (by name) and the pooled rows are what they were."""
    from django.contrib.auth import get_user_model

    n = next(EXAMPLES)
    admin = get_user_model().objects.create_superuser(username=f"ada{n}", password="x" * 20)
    group = services.create_group(by=admin, name=f"Group {n}")
    owner = make_user(f"owner{n}")
    membership = _join(group, admin, owner)
    rosa, copy = _two_rosas(owner)
    other = make_person(owner, "Ann Lee", tier="close", circles=["Work"])
    kept, gone = (rosa, copy) if keep_first else (copy, rosa)
    by_role = {"kept": kept, "merged": gone, "other": other}
    services.set_pooling(
        user=owner,
        group_id=group.pk,
        scope=scope,
        circles=["Work"] if scope == Membership.CIRCLES else (),
        people=[by_role[role].pk for role in chosen] if scope == Membership.PEOPLE else (),
    )
    before = (_chosen(membership), _pool(membership))

    merged = merge.merge_people(owner=owner, keep_id=kept.pk, merge_id=gone.pk)
    if scope != Membership.NONE:
        # Never a row for someone no longer in the records; the kept person is never twice.
        names = [row[0] for row in _pool(membership)]
        assert gone.full_name not in names or gone.full_name == kept.full_name
        assert names.count(kept.full_name) <= 1
    _undo(owner, merged)
    assert (_chosen(membership), _pool(membership)) == before


def test_every_many_to_many_link_to_a_person_is_moved_by_a_merge():
    """A new many-to-many to people must be moved by merges, or the merged person's links go
    with them (the companion of test_merge's check of plain references)."""
    from django.apps import apps

    from mutuals.calendars.models import Occurrence
    from mutuals.interactions.models import Interaction

    # merge_moves.LINKED, merge_groups
    handled = {(Interaction, "people"), (Occurrence, "people"), (Membership, "people")}
    linking = {
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.many_to_many and field.concrete and field.related_model is Person
    }
    assert linking - handled == set()
