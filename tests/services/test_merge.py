"""imports.merge and imports.duplicates: finding, merging and un-merging the same person."""

from __future__ import annotations

import datetime as dt
import io
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from mutuals.events import services as events
from mutuals.events.models import EventPerson
from mutuals.imports import duplicates, merge
from mutuals.imports.models import Merge, PossibleDuplicate
from mutuals.interactions.models import Interaction
from mutuals.leads import services as leads
from mutuals.leads.models import LeadEvent, LeadPerson
from mutuals.ledger import services as ledger
from mutuals.ledger.models import Ask, Exchange
from mutuals.needs import services as needs
from mutuals.needs.models import Need
from mutuals.network import introductions
from mutuals.network.models import Introduction, Knows
from mutuals.network.services import record_knows
from mutuals.people.important_dates import add_important_date
from mutuals.people.models import ImportantDate, Person, Photo
from mutuals.people.photos import set_photo
from mutuals.people.selectors import photo_of
from mutuals.promises.models import Promise
from tests.factories import days_ago, log, make_person, make_promise, make_user

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
    add_date(owner, rosa, "birthday", 4, 15)
    add_date(owner, copy, "birthday", 4, 15, year=1985)  # a second birthday: the kept one stays
    add_date(owner, copy, "anniversary", 6, 1, year=2010)
    add_date(owner, rosa, "other", 9, 9, label="Name day")
    add_date(owner, copy, "other", 9, 9, label="Name day")  # the same day twice: kept once
    set_photo(owner=owner, person_id=rosa.pk, data=picture((10, 10, 10)))
    set_photo(owner=owner, person_id=copy.pk, data=picture((10, 200, 10)))
    leads.create_lead(
        owner=owner, title="Data lead", organization="Orion", people=[(copy.pk, "referrer")]
    )
    events.create_event(
        owner=owner,
        name="Data meetup",
        day=days_ago(60),
        people=[(copy.pk, True), (bruce.pk, False)],
    )
    events.create_event(  # both were there; only the copy was first met there
        owner=owner,
        name="Climbing night",
        day=days_ago(20),
        people=[(rosa.pk, False), (copy.pk, True)],
    )
    return bruce, cleo, need


def add_date(owner, person, kind, month, day, year=None, label=""):
    return add_important_date(
        owner=owner, person_id=person.pk, kind=kind, month=month, day=day, year=year, label=label
    )


def picture(colour=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(out, format="PNG")
    return out.getvalue()


def dates_of(person):
    return sorted(
        (
            (d.kind, d.label, d.year, d.month, d.day, d.is_demo, d.created_at)
            for d in ImportantDate.objects.filter(person_id=person.pk)
        ),
        key=repr,
    )


def photos_of(person):
    """The person's photos, the shown one first, by content."""
    return [
        (x.sha256, bytes(x.image), x.width, x.height, x.created_at)
        for x in Photo.objects.filter(person_id=person.pk).order_by("-created_at", "-id")
    ]


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
            "dates": dates_of(p),
            "photos": photos_of(p),
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
        "lead_people": named(LeadPerson.objects, "person_id", "lead__title", "role"),
        "lead_timeline": named(LeadEvent.objects, "person_id", "kind", "text"),
        "events": named(EventPerson.objects, "person_id", "event__name", "met_here"),
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
    assert LeadPerson.objects.get().person_id == rosa.pk
    assert set(LeadEvent.objects.exclude(person=None).values_list("person_id", flat=True)) == {
        rosa.pk
    }
    attended = EventPerson.objects.filter(person=rosa).order_by("event__day")
    assert [(a.event.name, a.met_here) for a in attended] == [
        ("Data meetup", True),
        ("Climbing night", True),  # once, first met there as the copy was
    ]


def test_every_reference_to_a_person_is_moved_by_a_merge():
    """A new model pointing at people must be moved by merges, or merging loses its rows."""
    handled = {(model, field) for model, field in merge.REPOINTED} | {
        (EventPerson, "person"),  # merge_events
        (Knows, "person"),
        (Knows, "knows"),  # pairs
        (PossibleDuplicate, "person"),
        (PossibleDuplicate, "other"),
    }
    # A group's pooled copy of a person: the merged one's row goes with them (a cascade) and
    # the kept one's is rebuilt at once; a pool request's target moves (merge_groups).
    from mutuals.groups.models import PooledPerson, PoolRequest

    handled |= {(PooledPerson, "person"), (PoolRequest, "target")}
    from django.apps import apps

    pointing = {
        (model, field.name)
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if field.many_to_one and field.concrete and field.related_model is Person
    }
    # The person's own parts (emails, phones, dates, photos) move in merge and merge_extras.
    own_parts = {(m, "person") for m in apps.get_models() if m._meta.app_label == "people"}
    assert pointing - handled - own_parts == set()


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


def dates_of_kept(person):
    return ImportantDate.objects.filter(person_id=person.pk).order_by("month", "day")


def test_the_merged_persons_dates_move_to_the_kept_person(jordan):
    rosa, copy = two_rosas(jordan)
    add_date(jordan, copy, "birthday", 4, 15, year=1985)
    add_date(jordan, copy, "anniversary", 6, 1)
    merge.merge_people(owner=jordan, keep_id=rosa.pk, merge_id=copy.pk)
    assert [(d.kind, d.year, d.month, d.day) for d in dates_of_kept(rosa)] == [
        ("birthday", 1985, 4, 15),
        ("anniversary", None, 6, 1),
    ]


def test_when_both_have_a_birthday_the_kept_persons_stays(jordan):
    rosa, copy = two_rosas(jordan)
    add_date(jordan, rosa, "birthday", 4, 15)
    add_date(jordan, copy, "birthday", 5, 20, year=1985)
    merge.merge_people(owner=jordan, keep_id=rosa.pk, merge_id=copy.pk)
    [kept] = ImportantDate.objects.filter(person_id=rosa.pk)
    assert (kept.kind, kept.year, kept.month, kept.day) == ("birthday", None, 4, 15)


def test_the_same_date_on_both_people_is_kept_once(jordan):
    rosa, copy = two_rosas(jordan)
    add_date(jordan, rosa, "anniversary", 6, 1, year=2010)
    add_date(jordan, copy, "anniversary", 6, 1, year=2010)
    add_date(jordan, copy, "anniversary", 6, 1, year=2010, label="Joined Orion")
    merge.merge_people(owner=jordan, keep_id=rosa.pk, merge_id=copy.pk)
    labels = sorted(d.label for d in ImportantDate.objects.filter(person_id=rosa.pk))
    assert labels == ["", "Joined Orion"]


def test_every_photo_moves_and_the_newest_is_shown(jordan):
    rosa, copy = two_rosas(jordan)
    set_photo(owner=jordan, person_id=rosa.pk, data=picture((10, 10, 10)))
    newest = set_photo(owner=jordan, person_id=copy.pk, data=picture((10, 200, 10)))
    Photo.objects.filter(person_id=rosa.pk).update(created_at=timezone.now() - dt.timedelta(1))
    merge.merge_people(owner=jordan, keep_id=rosa.pk, merge_id=copy.pk)
    assert Photo.objects.filter(person_id=rosa.pk).count() == 2
    assert photo_of(owner=jordan, person_id=rosa.pk).pk == newest.pk


def test_undo_gives_the_merged_person_their_own_birthday_back_exactly(jordan):
    rosa, copy = two_rosas(jordan)
    add_date(jordan, rosa, "birthday", 4, 15)
    add_date(jordan, copy, "birthday", 5, 20, year=1985, label="Her real one")
    before = dates_of(copy)
    done = merge.merge_people(owner=jordan, keep_id=rosa.pk, merge_id=copy.pk)
    back = merge.undo_merge(owner=jordan, merge_id=done.pk)
    assert dates_of(back) == before
    assert [d.month for d in ImportantDate.objects.filter(person_id=rosa.pk)] == [4]


def test_undo_moves_the_photos_back(jordan):
    rosa, copy = two_rosas(jordan)
    mine = set_photo(owner=jordan, person_id=rosa.pk, data=picture((10, 10, 10)))
    theirs = set_photo(owner=jordan, person_id=copy.pk, data=picture((10, 200, 10)))
    done = merge.merge_people(owner=jordan, keep_id=rosa.pk, merge_id=copy.pk)
    back = merge.undo_merge(owner=jordan, merge_id=done.pk)
    assert list(Photo.objects.filter(person_id=back.pk).values_list("pk", flat=True)) == [theirs.pk]
    assert photo_of(owner=jordan, person_id=rosa.pk).pk == mine.pk


def test_undo_keeps_a_date_added_to_the_kept_person_since(jordan):
    rosa, copy = two_rosas(jordan)
    add_date(jordan, copy, "anniversary", 6, 1)
    done = merge.merge_people(owner=jordan, keep_id=rosa.pk, merge_id=copy.pk)
    add_date(jordan, rosa, "other", 2, 2, label="Started climbing")
    back = merge.undo_merge(owner=jordan, merge_id=done.pk)
    assert [d.label for d in ImportantDate.objects.filter(person_id=rosa.pk)] == [
        "Started climbing"
    ]
    assert [d.kind for d in ImportantDate.objects.filter(person_id=back.pk)] == ["anniversary"]


def test_merging_leaves_rileys_dates_and_photos_alone(jordan, riley):
    rosa, copy = two_rosas(jordan)
    sam = make_person(riley, "Sam Stone")
    add_date(riley, sam, "birthday", 4, 15)
    set_photo(owner=riley, person_id=sam.pk, data=picture())
    before = (dates_of(sam), photos_of(sam))
    done = merge.merge_people(owner=jordan, keep_id=rosa.pk, merge_id=copy.pk)
    merge.undo_merge(owner=jordan, merge_id=done.pk)
    assert (dates_of(sam), photos_of(sam)) == before


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


# ---- merge then undo, as a property -----------------------------------------------------------

_owners = itertools.count()
KINDS = ("birthday", "anniversary", "other")
dates = st.lists(
    st.tuples(
        st.sampled_from(KINDS),
        st.sampled_from(["", "Wedding"]),
        st.sampled_from([None, 1985]),
        st.sampled_from([(4, 15), (2, 29), (6, 1)]),
    ),
    max_size=4,
)
sides = st.tuples(dates, st.integers(0, 2))


def give(owner, person, side, colour):
    """The person's dates (one birthday at most, as the services allow) and photos."""
    given_dates, photos = side
    birthdays = 0
    for kind, label, year, (month, day) in given_dates:
        if kind == "birthday":
            birthdays += 1
            if birthdays > 1:
                continue
        if year is None or (month, day) != (2, 29):  # 1985 had no 29 February
            add_date(owner, person, kind, month, day, year=year, label=label)
    for shade in range(photos):
        data = picture((colour, shade * 100, 0))
        photo = Photo.objects.create(owner=owner, person=person, **photo_fields(data))
        Photo.objects.filter(pk=photo.pk).update(created_at=timezone.now() - dt.timedelta(shade))


def photo_fields(data):
    from mutuals.people.photos import prepare_photo

    prepared = prepare_photo(data)
    return {
        "image": prepared.image,
        "width": prepared.width,
        "height": prepared.height,
        "sha256": prepared.sha256,
    }


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(kept_side=sides, merged_side=sides)
def test_merge_then_undo_leaves_every_date_and_photo_as_it_was(db, kept_side, merged_side):
    owner = make_user(f"merger{next(_owners)}")
    rosa, copy = two_rosas(owner)
    give(owner, rosa, kept_side, 10)
    give(owner, copy, merged_side, 200)
    before = dump(owner)
    done = merge.merge_people(owner=owner, keep_id=rosa.pk, merge_id=copy.pk)
    kept_dates = ImportantDate.objects.filter(person_id=rosa.pk)
    assert kept_dates.filter(kind="birthday").count() <= 1
    assert Photo.objects.filter(person_id=rosa.pk).count() == kept_side[1] + merged_side[1]
    merge.undo_merge(owner=owner, merge_id=done.pk)
    assert dump(owner) == before


# ---- pairs and scans --------------------------------------------------------------------------


def test_a_scan_finds_an_email_sharing_pair_as_certain(jordan):
    rosa, copy = two_rosas(jordan)
    counts = merge.scan_for_duplicates(owner=jordan)
    assert counts == {"found": 1, "merged": 0, "to_review": 1}
    [pair] = duplicates.possible_duplicates(owner=jordan)
    assert (pair.person_id, pair.other_id, pair.certainty) == (rosa.pk, copy.pk, "certain")
    assert pair.reasons == "same email and name"


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
