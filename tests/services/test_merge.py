"""imports.merge and imports.duplicates: finding, merging and un-merging the same person."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from mutuals.imports import duplicates, merge
from mutuals.imports.models import Merge, PossibleDuplicate
from mutuals.interactions.models import Interaction
from mutuals.ledger import services as ledger
from mutuals.ledger.models import Ask, Exchange
from mutuals.needs import services as needs
from mutuals.needs.models import Need
from mutuals.network import introductions
from mutuals.network.models import Introduction, Knows
from mutuals.network.services import record_knows
from mutuals.people.models import Person
from mutuals.promises.models import Promise
from tests.factories import days_ago, log, make_person, make_promise

pytestmark = pytest.mark.django_db


def two_rosas(owner):
    """The same Rosa twice: an older, busier record and a newer one from an address book."""
    rosa = make_person(
        owner,
        "Rosa Núñez",
        tier="friend",
        emails=["rosa@example.com"],
        circles=["Work"],
        notes="Met at the data meetup.",
        known_since=days_ago(400),
    )
    copy = make_person(
        owner,
        "Rosa Nunez",
        tier="close",
        emails=["ROSA@example.com", "rosa.n@home.example"],
        phones=["+44 20 7946 0000"],
        circles=["Community"],
        organization="Orion",
        title="Data lead",
        notes="Loves climbing.",
        known_since=days_ago(900),
    )
    return rosa, copy


def full_story(owner, rosa, copy):
    """Something of every kind on both records, with two third people."""
    bruce, cleo = make_person(owner, "Bruce Lee"), make_person(owner, "Cleo Park")
    log(owner, rosa, "Coffee with Rosa", days=30)
    log(owner, copy, "Call with Rosa", days=10)
    log(owner, [rosa, copy, bruce], "Group dinner", days=5)
    make_promise(owner, copy, "Send Rosa the article")
    need = needs.add_need(owner=owner, person_id=copy.pk, text="An intro to a climbing gym")
    mine = needs.add_need(owner=owner, text="Advice on pricing")
    needs.mark_helped(owner=owner, need_id=mine.pk, helped_by_id=copy.pk)
    ledger.record_exchange(
        owner=owner, person_id=copy.pk, direction="gave", kind="advice", text="CV tips"
    )
    ledger.record_introduction(owner=owner, person_id=copy.pk, other_id=cleo.pk)
    ledger.record_ask(owner=owner, person_id=copy.pk, text="A referral at Orion")
    record_knows(owner=owner, person_id=rosa.pk, knows_id=copy.pk, strength=0.9)
    record_knows(owner=owner, person_id=copy.pk, knows_id=bruce.pk, strength=0.8)
    record_knows(owner=owner, person_id=rosa.pk, knows_id=bruce.pk, strength=0.3)
    record_knows(owner=owner, person_id=copy.pk, knows_id=cleo.pk, strength=0.6)
    introductions.request_introduction(owner=owner, introducer_id=copy.pk, target_id=bruce.pk)
    make_person(owner, "Dana Wu", introduced_by_id=copy.pk)
    return bruce, cleo, need


def name_of(person_id, names):
    return names.get(person_id, person_id)


def dump(owner):
    """Everything about the owner's people by content, people named instead of numbered."""
    people = Person.objects.filter(owner=owner).order_by("full_name")
    names = {p.pk: p.full_name for p in people}
    skip = {"id", "owner", "updated_at", "strength_on", "intensity_on"}
    rows = {
        p.full_name: {
            f.attname: name_of(getattr(p, f.attname), names)
            if f.attname == "introduced_by_id"
            else getattr(p, f.attname)
            for f in Person._meta.concrete_fields
            if f.name not in skip
        }
        | {
            "emails": [(e.address, e.label) for e in p.emails.all()],
            "phones": [(x.number, x.label) for x in p.phones.all()],
            "circles": sorted(c.name for c in p.circles.all()),
            "interactions": sorted(i.summary for i in p.interactions.all()),
        }
        for p in people
    }

    def named(queryset, *fields):
        rows = queryset.filter(owner=owner).values_list(*fields)
        return sorted(
            (
                tuple(
                    name_of(v, names) if f.endswith("_id") else v
                    for f, v in zip(fields, row, strict=True)
                )
                for row in rows
            ),
            key=repr,
        )

    def pairs(rows):
        """Ordered pairs follow the ids, which a recreated person changes: compare sets."""
        return sorted(((*sorted(row[:2]), *row[2:]) for row in rows), key=repr)

    return {
        "people": rows,
        "promises": named(Promise.objects, "person_id", "text"),
        "needs": named(Need.objects, "person_id", "helped_by_id", "text", "status"),
        "exchanges": named(Exchange.objects, "person_id", "introduced_to_id", "text"),
        "asks": named(Ask.objects, "person_id", "text"),
        "knows": pairs(named(Knows.objects, "person_id", "knows_id", "strength", "source", "note")),
        "introductions": named(
            Introduction.objects, "introducer_id", "seeker_id", "target_id", "status"
        ),
        "pairs": pairs(
            named(PossibleDuplicate.objects, "person_id", "other_id", "status", "reasons")
        ),
        "interactions": Interaction.objects.filter(owner=owner).count(),
    }


# ---- merging ----------------------------------------------------------------------------------


def test_a_merge_keeps_every_record_of_both_people(jordan):
    rosa, copy = two_rosas(jordan)
    _, cleo, need = full_story(jordan, rosa, copy)
    merge.merge_people(owner=jordan, keep_id=rosa.pk, merge_id=copy.pk)
    assert not Person.objects.filter(pk=copy.pk).exists()
    summaries = sorted(i.summary for i in Interaction.objects.filter(people=rosa))
    assert summaries == ["Call with Rosa", "Coffee with Rosa", "Group dinner"]
    assert Promise.objects.get(text="Send Rosa the article").person_id == rosa.pk
    assert Need.objects.get(pk=need.pk).person_id == rosa.pk
    assert Need.objects.get(text="Advice on pricing").helped_by_id == rosa.pk
    assert Exchange.objects.filter(person=rosa).count() == 2
    assert Exchange.objects.get(person=cleo).introduced_to_id == rosa.pk
    assert Ask.objects.filter(person=rosa).count() == 2  # the ask and the introduction's ask
    assert Introduction.objects.get().introducer_id == rosa.pk
    assert Person.objects.get(full_name="Dana Wu").introduced_by_id == rosa.pk


def test_a_shared_conversation_lists_the_kept_person_once(jordan):
    rosa, copy = two_rosas(jordan)
    dinner = log(jordan, [rosa, copy], "Group dinner")
    merge.merge_people(owner=jordan, keep_id=rosa.pk, merge_id=copy.pk)
    assert list(dinner.people.values_list("pk", flat=True)) == [rosa.pk]


def test_edges_move_keeping_the_stronger_and_dropping_the_pair_itself(jordan):
    rosa, copy = two_rosas(jordan)
    bruce, cleo, _ = full_story(jordan, rosa, copy)
    merge.merge_people(owner=jordan, keep_id=rosa.pk, merge_id=copy.pk)
    edges = {
        frozenset((e.person_id, e.knows_id)): e.strength for e in Knows.objects.filter(owner=jordan)
    }
    assert edges[frozenset((rosa.pk, bruce.pk))] == 0.8  # the merged one's, stronger
    assert edges[frozenset((rosa.pk, cleo.pk))] == 0.6
    assert all(e.person_id < e.knows_id for e in Knows.objects.all())
    assert frozenset((rosa.pk,)) not in edges


def test_blank_fields_are_filled_and_notes_appended(jordan):
    rosa, copy = two_rosas(jordan)
    merge.merge_people(owner=jordan, keep_id=rosa.pk, merge_id=copy.pk)
    rosa.refresh_from_db()
    assert (rosa.organization.name, rosa.title) == ("Orion", "Data lead")
    assert rosa.tier == "close"  # the closer of friend and close
    assert rosa.cadence_days == 30
    assert rosa.known_since == days_ago(900)  # the earliest
    assert rosa.notes == "Met at the data meetup.\n\n---\nLoves climbing."
    assert rosa.full_name == "Rosa Núñez"


def test_emails_phones_and_circles_join_without_repeating_an_address(jordan):
    rosa, copy = two_rosas(jordan)
    merge.merge_people(owner=jordan, keep_id=rosa.pk, merge_id=copy.pk)
    rosa = Person.objects.get(pk=rosa.pk)
    assert [e.address for e in rosa.emails.all()] == ["rosa@example.com", "rosa.n@home.example"]
    assert [p.number for p in rosa.phones.all()] == ["+44 20 7946 0000"]
    assert sorted(c.name for c in rosa.circles.all()) == ["Community", "Work"]


def test_contact_statistics_and_balance_are_recomputed(jordan):
    rosa, copy = two_rosas(jordan)
    log(jordan, rosa, days=20)
    log(jordan, copy, days=2)
    ledger.record_exchange(
        owner=jordan, person_id=copy.pk, direction="received", kind="advice", text="Tips"
    )
    merge.merge_people(owner=jordan, keep_id=rosa.pk, merge_id=copy.pk)
    rosa.refresh_from_db()
    assert (rosa.interaction_count, rosa.last_contact_on) == (2, days_ago(2))
    assert rosa.balance < 0


def test_someone_else_cannot_be_merged(jordan, riley):
    rosa, _ = two_rosas(jordan)
    theirs = make_person(riley, "Rosa Núñez")
    with pytest.raises(ValidationError) as excinfo:
        merge.merge_people(owner=jordan, keep_id=rosa.pk, merge_id=theirs.pk)
    assert set(excinfo.value.message_dict) == {"merge"}
    with pytest.raises(ValidationError):
        merge.merge_people(owner=riley, keep_id=theirs.pk, merge_id=rosa.pk)
    assert Person.objects.filter(pk=rosa.pk).exists()


def test_a_person_cannot_be_merged_into_themselves(jordan):
    rosa, _ = two_rosas(jordan)
    with pytest.raises(ValidationError) as excinfo:
        merge.merge_people(owner=jordan, keep_id=rosa.pk, merge_id=rosa.pk)
    assert excinfo.value.message_dict == {"merge": ["Choose two different people to merge."]}


def test_a_failed_merge_changes_nothing(jordan, riley):
    rosa, copy = two_rosas(jordan)
    full_story(jordan, rosa, copy)
    before = dump(jordan)
    with pytest.raises(ValidationError):
        merge.merge_people(owner=jordan, keep_id=rosa.pk, merge_id=make_person(riley).pk)
    assert dump(jordan) == before
    assert not Merge.objects.exists()


# ---- undoing ----------------------------------------------------------------------------------


def test_undo_puts_everything_back_as_it_was(jordan):
    rosa, copy = two_rosas(jordan)
    full_story(jordan, rosa, copy)
    merge.record_possible_duplicate(
        owner=jordan,
        person_id=rosa.pk,
        other_id=copy.pk,
        certainty="certain",
        reasons=["same email rosa@example.com"],
        score=1.0,
    )
    before = dump(jordan)
    done = merge.merge_people(owner=jordan, keep_id=rosa.pk, merge_id=copy.pk)
    assert dump(jordan) != before
    back = merge.undo_merge(owner=jordan, merge_id=done.pk)
    assert dump(jordan) == before
    assert back.created_at == copy.created_at


def test_undo_marks_the_merge_undone_and_refuses_a_second_time(jordan):
    rosa, copy = two_rosas(jordan)
    done = merge.merge_people(owner=jordan, keep_id=rosa.pk, merge_id=copy.pk)
    merge.undo_merge(owner=jordan, merge_id=done.pk)
    assert Merge.objects.get(pk=done.pk).undone_at is not None
    with pytest.raises(ValidationError) as excinfo:
        merge.undo_merge(owner=jordan, merge_id=done.pk)
    assert excinfo.value.message_dict == {"merge": ["This merge was already undone."]}


def test_undo_keeps_what_was_added_to_the_kept_person_since(jordan):
    rosa, copy = two_rosas(jordan)
    done = merge.merge_people(owner=jordan, keep_id=rosa.pk, merge_id=copy.pk)
    log(jordan, rosa, "After the merge")
    back = merge.undo_merge(owner=jordan, merge_id=done.pk)
    assert Interaction.objects.get(summary="After the merge").people.get() == rosa
    assert back.interaction_count == 0


def test_riley_cannot_undo_jordans_merge(jordan, riley):
    rosa, copy = two_rosas(jordan)
    done = merge.merge_people(owner=jordan, keep_id=rosa.pk, merge_id=copy.pk)
    with pytest.raises(Merge.DoesNotExist):
        merge.undo_merge(owner=riley, merge_id=done.pk)
    assert duplicates.merges(owner=riley) == []


def test_an_earlier_merge_follows_the_person_it_was_merged_into(jordan):
    rosa, copy = two_rosas(jordan)
    third = make_person(jordan, "Rosa N.", emails=["rosa@example.com"])
    first = merge.merge_people(owner=jordan, keep_id=copy.pk, merge_id=third.pk)
    merge.merge_people(owner=jordan, keep_id=rosa.pk, merge_id=copy.pk)
    assert Merge.objects.get(pk=first.pk).kept_id == rosa.pk


# ---- pairs and scans --------------------------------------------------------------------------


def test_a_scan_finds_an_email_sharing_pair_as_certain(jordan):
    rosa, copy = two_rosas(jordan)
    counts = merge.scan_for_duplicates(owner=jordan)
    assert counts == {"found": 1, "merged": 0, "to_review": 1}
    [pair] = duplicates.possible_duplicates(owner=jordan)
    assert (pair.person_id, pair.other_id, pair.certainty) == (rosa.pk, copy.pk, "certain")
    assert pair.reasons == "same email rosa@example.com"


def test_a_scan_records_a_pair_once(jordan):
    two_rosas(jordan)
    merge.scan_for_duplicates(owner=jordan)
    merge.scan_for_duplicates(owner=jordan)
    assert PossibleDuplicate.objects.count() == 1


def test_an_automatic_scan_merges_certain_pairs_into_the_busier_person(jordan):
    _, copy = two_rosas(jordan)
    log(jordan, copy)
    counts = merge.scan_for_duplicates(owner=jordan, auto_merge=True)
    assert counts == {"found": 1, "merged": 1, "to_review": 0}
    assert list(Person.objects.filter(owner=jordan)) == [copy]


def test_an_automatic_scan_merges_three_records_of_one_person_into_one(jordan):
    two_rosas(jordan)
    make_person(jordan, "R. Núñez", phones=["+44 20 7946 0000"], emails=["rosa@example.com"])
    counts = merge.scan_for_duplicates(owner=jordan, auto_merge=True)
    assert counts["merged"] == 2
    assert Person.objects.filter(owner=jordan).count() == 1
    assert not PossibleDuplicate.objects.exists()


def test_an_automatic_scan_leaves_likely_pairs_for_review(jordan):
    make_person(jordan, "Robert Smith")
    make_person(jordan, "Bob Smith")
    counts = merge.scan_for_duplicates(owner=jordan, auto_merge=True)
    assert counts == {"found": 1, "merged": 0, "to_review": 1}
    assert duplicates.possible_duplicates(owner=jordan)[0].certainty == "likely"


def test_keeping_apart_is_remembered_across_scans(jordan):
    two_rosas(jordan)
    merge.scan_for_duplicates(owner=jordan)
    [pair] = duplicates.possible_duplicates(owner=jordan)
    merge.keep_apart(owner=jordan, duplicate_id=pair.pk)
    counts = merge.scan_for_duplicates(owner=jordan, auto_merge=True)
    assert counts == {"found": 1, "merged": 0, "to_review": 0}
    assert PossibleDuplicate.objects.get().status == "apart"
    assert Person.objects.filter(owner=jordan).count() == 2


def test_a_pair_kept_apart_is_never_recorded_again(jordan):
    rosa, copy = two_rosas(jordan)
    merge.scan_for_duplicates(owner=jordan)
    merge.keep_apart(owner=jordan, duplicate_id=PossibleDuplicate.objects.get().pk)
    again = merge.record_possible_duplicate(
        owner=jordan, person_id=copy.pk, other_id=rosa.pk, certainty="likely", reasons=[], score=1
    )
    assert again is None


def test_archived_people_are_not_scanned(jordan):
    rosa, copy = two_rosas(jordan)
    Person.objects.filter(pk=copy.pk).update(archived_at=rosa.created_at)
    assert merge.scan_for_duplicates(owner=jordan)["found"] == 0


def test_riley_cannot_see_keep_apart_or_merge_jordans_pairs(jordan, riley):
    rosa, _ = two_rosas(jordan)
    merge.scan_for_duplicates(owner=jordan)
    pair = PossibleDuplicate.objects.get()
    assert duplicates.possible_duplicates(owner=riley) == []
    assert merge.scan_for_duplicates(owner=riley)["found"] == 0
    with pytest.raises(PossibleDuplicate.DoesNotExist):
        merge.keep_apart(owner=riley, duplicate_id=pair.pk)
    with pytest.raises(PossibleDuplicate.DoesNotExist):
        merge.merge_duplicate(owner=riley, duplicate_id=pair.pk, keep_id=rosa.pk)
    assert PossibleDuplicate.objects.get().status == "open"


def test_recording_someone_elses_person_is_refused(jordan, riley):
    rosa, _ = two_rosas(jordan)
    with pytest.raises(ValidationError):
        merge.record_possible_duplicate(
            owner=riley,
            person_id=rosa.pk,
            other_id=make_person(riley).pk,
            certainty="likely",
            reasons=["same name"],
            score=0.9,
        )
    assert not PossibleDuplicate.objects.exists()


def test_merging_a_pair_keeps_the_chosen_side(jordan):
    rosa, copy = two_rosas(jordan)
    merge.scan_for_duplicates(owner=jordan)
    pair = PossibleDuplicate.objects.get()
    done = merge.merge_duplicate(owner=jordan, duplicate_id=pair.pk, keep_id=copy.pk)
    assert done.kept_id == copy.pk
    assert not Person.objects.filter(pk=rosa.pk).exists()
    assert not PossibleDuplicate.objects.exists()


def test_merging_a_pair_must_keep_one_of_its_two(jordan):
    two_rosas(jordan)
    merge.scan_for_duplicates(owner=jordan)
    pair = PossibleDuplicate.objects.get()
    with pytest.raises(ValidationError) as excinfo:
        merge.merge_duplicate(owner=jordan, duplicate_id=pair.pk, keep_id=make_person(jordan).pk)
    assert set(excinfo.value.message_dict) == {"keep"}
    assert Person.objects.filter(owner=jordan).count() == 3


def test_candidates_are_read_in_three_queries(jordan, django_assert_num_queries):
    two_rosas(jordan)
    make_person(jordan, "Bruce Lee", phones=["+1 555 0100 200"])
    with django_assert_num_queries(3):
        found = duplicates.candidates(owner=jordan)
    assert [c.emails for c in found][:2] == [
        ("rosa@example.com",),
        ("ROSA@example.com", "rosa.n@home.example"),
    ]
