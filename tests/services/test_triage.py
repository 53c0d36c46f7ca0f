"""people.triage and people.bulk_changes: who is next to sort, what is known, bulk changes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from mutuals.core.cadence import Tier
from mutuals.network.services import record_knows
from mutuals.people import bulk_changes, triage
from mutuals.people.models import Person
from mutuals.people.services import DEFAULT_CLOSENESS
from tests.factories import log, make_person

TODAY = dt.date(2025, 6, 1)


def unsorted(owner, name, **fields):
    return make_person(owner, name, tier=None, **fields)


def test_the_default_closeness_for_someone_added_by_hand_comes_back_on_today():
    assert Tier(DEFAULT_CLOSENESS) is Tier.ACQUAINTANCE


def test_the_next_person_is_the_one_with_the_most_conversations(jordan):
    unsorted(jordan, "Quiet One")
    talker = unsorted(jordan, "Big Talker")
    log(jordan, talker, days=3)
    log(jordan, talker, days=2)
    assert triage.next_person(owner=jordan) == talker


def test_people_with_a_closeness_or_archived_are_not_to_sort(jordan):
    make_person(jordan, "Has Tier", tier="close")
    gone = unsorted(jordan, "Archived One")
    bulk_changes.change_people(owner=jordan, person_ids=[gone.pk], archive=True)
    assert triage.next_person(owner=jordan) is None
    assert triage.remaining(owner=jordan) == 0


def test_skipped_people_come_after_the_others_then_again_when_only_they_are_left(jordan):
    first = unsorted(jordan, "Ana First")
    second = unsorted(jordan, "Bo Second")
    assert triage.next_person(owner=jordan, skipped=[first.pk]) == second
    assert triage.next_person(owner=jordan, skipped=[first.pk, second.pk]) == first


def test_a_chosen_person_is_shown_while_still_unsorted(jordan):
    unsorted(jordan, "Ana First")
    chosen = unsorted(jordan, "Zed Chosen")
    assert triage.next_person(owner=jordan, person_id=chosen.pk) == chosen


def test_someone_elses_person_is_never_next(jordan, riley):
    theirs = unsorted(riley, "Riley Contact")
    assert triage.next_person(owner=jordan, person_id=theirs.pk) is None


def test_the_card_gathers_what_is_known(jordan):
    bruce = make_person(jordan, "Bruce Wayne", tier="close", organization="Orion")
    alice = unsorted(jordan, "Alice Oduya", organization="Orion", introduced_by_id=bruce.pk)
    record_knows(owner=jordan, person_id=bruce.pk, knows_id=alice.pk, strength=0.8)
    log(jordan, alice, "Intro call", days=40, initiated_by="them")
    log(jordan, alice, "Coffee about her move to Bergen", days=5, initiated_by="me")
    card = triage.card_for(owner=jordan, person=Person.objects.get(pk=alice.pk), today=TODAY)
    assert card.evidence.conversations == 2
    assert card.first_started_by == "them"
    assert card.last_summary == "Coffee about her move to Bergen"
    assert (card.evidence.mutuals, card.evidence.close_mutuals) == (1, 1)
    assert card.mutual_names == ["Bruce Wayne"]
    assert card.evidence.introduced
    assert card.evidence.colleagues == 1


def test_setting_closeness_makes_a_contact_with_a_cadence_and_its_undo_restores(jordan):
    rosa = unsorted(jordan, "Rosa Núñez")
    step = triage.set_closeness(owner=jordan, person_id=rosa.pk, tier="friend")
    rosa.refresh_from_db()
    assert (rosa.tier, rosa.cadence_days) == ("friend", 90)
    assert rosa.keep_in_touch_due_on is not None
    assert triage.undo(owner=jordan, step=step) == rosa.pk
    rosa.refresh_from_db()
    assert (rosa.tier, rosa.cadence_days, rosa.keep_in_touch_due_on) == (None, None, None)


def test_archiving_and_its_undo(jordan):
    rosa = unsorted(jordan, "Rosa Núñez")
    step = triage.archive(owner=jordan, person_id=rosa.pk)
    assert Person.objects.get(pk=rosa.pk).archived_at is not None
    triage.undo(owner=jordan, step=step)
    assert Person.objects.get(pk=rosa.pk).archived_at is None


def test_undoing_a_circle_takes_them_out_only_if_it_added_them(jordan):
    rosa = unsorted(jordan, "Rosa Núñez", circles=["Work"])
    again = triage.add_circle(owner=jordan, person_id=rosa.pk, circle="work")
    new = triage.add_circle(owner=jordan, person_id=rosa.pk, circle="Former colleagues")
    triage.undo(owner=jordan, step=new)
    triage.undo(owner=jordan, step=again)
    assert list(rosa.circles.values_list("name", flat=True)) == ["Work"]


def test_a_step_on_someone_elses_person_is_refused(jordan, riley):
    theirs = unsorted(riley, "Riley Contact")
    with pytest.raises(ValidationError):
        triage.set_closeness(owner=jordan, person_id=theirs.pk, tier="close")
    assert triage.undo(owner=jordan, step={"action": "archive", "person": theirs.pk}) is None
    assert Person.objects.get(pk=theirs.pk).tier is None


def test_a_malformed_undo_step_changes_nothing(jordan):
    assert triage.undo(owner=jordan, step={"action": "closeness"}) is None
    assert triage.undo(owner=jordan, step={"person": "x"}) is None


# ---- bulk changes ----------------------------------------------------------------------------


def test_bulk_closeness_circle_and_cadence_apply_to_everyone_chosen(jordan):
    people = [unsorted(jordan, f"Person {n}") for n in range(3)]
    result = bulk_changes.change_people(
        owner=jordan,
        person_ids=[p.pk for p in people],
        tier="acquaintance",
        circle="Former colleagues",
        cadence_days=60,
    )
    assert result.count == 3
    for person in Person.objects.filter(owner=jordan):
        assert (person.tier, person.cadence_override_days, person.cadence_days) == (
            "acquaintance",
            60,
            60,
        )
        assert list(person.circles.values_list("name", flat=True)) == ["Former colleagues"]


def test_bulk_keeps_what_was_not_asked_for(jordan):
    rosa = make_person(jordan, "Rosa Núñez", tier="close", cadence_override_days=10)
    bulk_changes.change_people(owner=jordan, person_ids=[rosa.pk], circle="Climbing")
    rosa.refresh_from_db()
    assert (rosa.tier, rosa.cadence_override_days) == ("close", 10)


def test_bulk_matches_what_updating_one_person_computes(jordan):
    from mutuals.people.services import update_person

    one, other = unsorted(jordan, "One Person"), unsorted(jordan, "Other Person")
    log(jordan, [one, other], days=30)
    update_person(owner=jordan, person_id=one.pk, tier="meaningful")
    bulk_changes.change_people(owner=jordan, person_ids=[other.pk], tier="meaningful")
    one, other = Person.objects.get(pk=one.pk), Person.objects.get(pk=other.pk)
    fields = ("cadence_days", "keep_in_touch_due_on", "strength")
    assert [getattr(one, f) for f in fields] == [getattr(other, f) for f in fields]


def test_bulk_with_someone_elses_id_changes_no_one_and_names_ids(jordan, riley):
    mine = unsorted(jordan, "Mine")
    theirs = unsorted(riley, "Theirs")
    with pytest.raises(ValidationError) as error:
        bulk_changes.change_people(owner=jordan, person_ids=[mine.pk, theirs.pk], tier="close")
    assert "ids" in error.value.message_dict
    assert Person.objects.get(pk=mine.pk).tier is None
    assert Person.objects.get(pk=theirs.pk).tier is None


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"tier": "bestie"}, "closeness"),
        ({"cadence_days": 0}, "cadence_days"),
        ({"circle": "x" * 61}, "circle"),
        ({}, "change"),
    ],
)
def test_bulk_refuses_bad_input_naming_the_field(jordan, changes, field):
    rosa = unsorted(jordan, "Rosa Núñez")
    with pytest.raises(ValidationError) as error:
        bulk_changes.change_people(owner=jordan, person_ids=[rosa.pk], **changes)
    assert field in error.value.message_dict


def test_bulk_archive_can_be_undone_as_one_batch(jordan):
    kept = unsorted(jordan, "Already Archived")
    bulk_changes.change_people(owner=jordan, person_ids=[kept.pk], archive=True)
    people = [unsorted(jordan, f"Person {n}") for n in range(3)]
    result = bulk_changes.change_people(
        owner=jordan, person_ids=[p.pk for p in people] + [kept.pk], archive=True
    )
    assert result.archived == 3
    assert bulk_changes.unarchive_batch(owner=jordan, archived_at=result.archived_at) == 3
    assert Person.objects.get(pk=kept.pk).archived_at is not None


def test_bulk_handles_more_ids_than_one_statement_binds(jordan, settings):
    people = [unsorted(jordan, f"Person {n}") for n in range(5)]
    original = bulk_changes.CHUNK
    bulk_changes.CHUNK = 2
    try:
        bulk_changes.change_people(
            owner=jordan, person_ids=[p.pk for p in people], tier="dormant", circle="Old"
        )
    finally:
        bulk_changes.CHUNK = original
    assert Person.objects.filter(owner=jordan, tier="dormant").count() == 5


def test_bulk_closeness_refreshes_the_warm_path_graph(jordan):
    from mutuals.network.paths import graph_for

    rosa = unsorted(jordan, "Rosa Núñez")
    before = graph_for(owner=jordan)
    bulk_changes.change_people(owner=jordan, person_ids=[rosa.pk], tier="close")
    assert graph_for(owner=jordan) is not before


def test_the_change_is_described_in_words(jordan):
    rosa = unsorted(jordan, "Rosa Núñez")
    result = bulk_changes.change_people(owner=jordan, person_ids=[rosa.pk], tier="friend")
    said = bulk_changes.describe_change(result, tier="friend", cadence_days=bulk_changes.KEEP)
    assert said == "1 person: set closeness to good friend."


def test_archived_at_is_the_same_moment_for_the_whole_batch(jordan):
    people = [unsorted(jordan, f"Person {n}") for n in range(2)]
    before = timezone.now()
    bulk_changes.change_people(owner=jordan, person_ids=[p.pk for p in people], archive=True)
    moments = set(Person.objects.filter(owner=jordan).values_list("archived_at", flat=True))
    assert len(moments) == 1
    assert moments.pop() >= before
