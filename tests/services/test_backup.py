"""Backing up an account to JSON and restoring it into an empty one."""

from __future__ import annotations

import io
import itertools
import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from mutuals.accounts.selectors import preferences_of
from mutuals.agenda.selectors import today_agenda
from mutuals.backup import selectors as backup_selectors
from mutuals.backup.services import backup, dumps, restore
from mutuals.demo.services import load_demo
from mutuals.imports.services import import_file
from mutuals.leads.models import Lead
from mutuals.leads.postings import link_needs
from mutuals.leads.services import create_lead, move, set_interview
from mutuals.ledger import services as ledger
from mutuals.needs import fulltext
from mutuals.needs import services as needs
from mutuals.network import introductions
from mutuals.network.services import record_knows
from mutuals.people import services as people
from mutuals.people.important_dates import add_important_date
from mutuals.people.models import Person
from mutuals.people.photos import set_photo
from mutuals.promises import services as promises
from tests.coach_data import coached
from tests.factories import days_ago, log, make_person, make_promise, make_user
from tests.shared_db import making_shared_rows, shared_transaction

DERIVED = (
    "full_name",
    "search_name",
    "cadence_days",
    "first_contact_on",
    "last_contact_on",
    "interaction_count",
    "intensity",
    "peak_intensity",
    "keep_in_touch_due_on",
    "strength",
    "balance",
    "balance_label",
)


POSITIONS_CSV = (
    b"Company Name,Title,Description,Location,Started On,Finished On\n"
    b'Orion,Analyst,"Two lines\nof description",Madrid,Mar 2019,\n'
    b"Fabrikam,Intern,,,2016,2017\n"
)


def hand_made(owner) -> None:
    """A few records of every kind, with every optional field filled in somewhere."""
    bruce = make_person(owner, "Bruce Wayne", tier="close", circles=["Work"])
    ana = make_person(
        owner,
        "Ana María López",
        nickname="Ani",
        emails=["ana@example.org", "ana.lopez@example.com"],
        phones=["+34 600 000 000"],
        organization="Orion",
        title="Data lead",
        location="Madrid",
        circles=["Work", "Community"],
        linkedin_url="https://linkedin.com/in/ana",
        interests="Climbing, open data",
        how_met="A meetup",
        notes="Line one\nLine two ✓",
        tier="friend",
        cadence_override_days=45,
        known_since=days_ago(400),
        introduced_by_id=bruce.pk,
    )
    people.snooze_person(owner=owner, person_id=ana.pk, until=days_ago(-10))
    cleo = make_person(owner, "Cleo", tier=None)
    people.archive_person(owner=owner, person_id=cleo.pk)
    log(owner, [ana, bruce], "Lunch", days=3, kind="meeting", initiated_by="them", notes="Good")
    promise = make_promise(owner, ana, "Send the paper", due_in=2)
    promises.complete_promise(owner=owner, promise_id=promise.pk)
    make_promise(owner, None, "Update my CV")
    need = needs.add_need(owner=owner, text="An intro to a data team", kind="introduction")
    theirs = needs.add_need(owner=owner, text="A flat in Madrid", person_id=ana.pk)
    got = ledger.record_exchange(
        owner=owner,
        person_id=bruce.pk,
        direction="received",
        kind="introduction",
        text="Introduced me to Ana",
        need_id=need.pk,
    )
    ledger.mark_thanked(owner=owner, exchange_id=got.pk)
    ledger.record_introduction(owner=owner, person_id=ana.pk, other_id=cleo.pk, need_id=theirs.pk)
    ask = ledger.record_ask(
        owner=owner, person_id=bruce.pk, text="A reference", asked_on=days_ago(5)
    )
    ledger.answer_ask(owner=owner, ask_id=ask.pk, note="Yes")
    record_knows(owner=owner, person_id=cleo.pk, knows_id=ana.pk, strength=0.3, note="School")
    asked = introductions.request_introduction(
        owner=owner, introducer_id=bruce.pk, target_id=cleo.pk, reason="Design"
    )
    introductions.move_introduction(owner=owner, introduction_id=asked.pk, status="asked")
    introductions.offer_introduction(owner=owner, seeker_id=cleo.pk, target_id=bruce.pk)
    wang = make_person(
        owner,
        "王小明",
        first_name="小明",
        last_name="王",
        name_prefix="Dr.",
        name_suffix="PhD",
        phonetic_name="Wang Xiaoming",
    )
    add_important_date(owner=owner, person_id=wang.pk, kind="birthday", month=2, day=29)
    add_important_date(
        owner=owner,
        person_id=ana.pk,
        kind="anniversary",
        label="Work anniversary",
        year=2015,
        month=9,
        day=1,
    )
    set_photo(owner=owner, person_id=wang.pk, data=_png())
    # Work histories (an organisation changed, yours from LinkedIn) and a lead serving a need
    people.update_person(owner=owner, person_id=ana.pk, organization="Copperleaf")
    import_file(owner=owner, kind="linkedin", data=POSITIONS_CSV)
    lead = create_lead(owner=owner, title="Data lead", organization="Orion")
    link_needs(owner=owner, lead_id=lead.pk, need_ids=[need.pk, theirs.pk])


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (700, 300), (30, 60, 90)).save(out, format="PNG")
    return out.getvalue()


@pytest.fixture(scope="class")
def full_account(django_db_setup, django_db_blocker):
    """The demo, every kind by hand, and drafts and assignments from Casey, a coach here; made
    once for the class that asks (tests/shared_db.py)."""
    with shared_transaction(django_db_blocker) as making:
        with making():
            jordan, casey = make_user("jordan"), make_user("casey")
            load_demo(owner=jordan)
            hand_made(jordan)
            coached(jordan, casey)
            people.refresh_scores(owner=jordan, today=timezone.localdate())
        yield jordan


@dataclass(frozen=True)
class Restored:
    file: str  # the full account's backup
    owner: Any  # the fresh account it was restored into
    counts: dict[str, int]  # what the restore said it made


@pytest.fixture(scope="class")
def restored(full_account, django_db_blocker) -> Restored:
    """The full account backed up and restored into a fresh account, once for the class (in
    full_account's transaction, so rolled back with it)."""
    with making_shared_rows(django_db_blocker):
        file = dumps(backup(owner=full_account))
        fresh = make_user("fresh")
        counts = restore(owner=fresh, data=file)
    return Restored(file=file, owner=fresh, counts=counts)


def derived_fields(owner) -> list[tuple]:
    return list(Person.objects.filter(owner=owner).order_by("pk").values_list(*DERIVED))


def test_a_backup_refers_by_number_not_by_database_id(jordan, riley):
    make_person(jordan), make_person(jordan, "Someone Else")
    bruce = make_person(riley, "Bruce Lee")
    make_person(riley, introduced_by_id=bruce.pk)
    rosa = backup(owner=riley)["people"][1]
    assert (rosa["id"], rosa["introduced_by"]) == (2, 1)
    assert bruce.pk != 1


def test_a_backup_writes_times_in_utc(jordan):
    make_person(jordan)
    created = backup(owner=jordan)["people"][0]["created_at"]
    assert created.endswith("+00:00")


def test_a_restored_demo_has_an_agenda(jordan):
    load_demo(owner=jordan)
    fresh = make_user("fresh")
    restore(owner=fresh, data=backup(owner=jordan))
    assert today_agenda(owner=fresh).items


def test_restored_needs_are_found_by_matching(jordan):
    needs.add_need(owner=jordan, text="An intro to a data team lead in Madrid")
    fresh = make_user("fresh")
    restore(owner=fresh, data=backup(owner=jordan))
    found = fulltext.search(owner=fresh, text="I know a data team lead")
    assert [text for _, text in found] == ["An intro to a data team lead in Madrid"]


def test_restore_refuses_an_account_with_records_and_changes_nothing(jordan, riley):
    make_person(jordan)
    make_person(riley, "Riley's Friend")
    before = dumps(backup(owner=riley))
    with pytest.raises(ValidationError) as error:
        restore(owner=riley, data=backup(owner=jordan))
    assert error.value.message_dict["account"][0].startswith("Restore goes into an empty account")
    assert dumps(backup(owner=riley)) == before


def test_organisations_and_circles_left_in_the_account_are_reused(jordan, riley):
    make_person(jordan, organization="Orion", circles=["Work"])
    left = make_person(riley, "Gone Soon", organization="orion", circles=["work"])
    people.delete_person(owner=riley, person_id=left.pk)
    restore(owner=riley, data=backup(owner=jordan))
    data = backup(owner=riley)
    assert [o["name"] for o in data["organizations"]] == ["orion"]
    assert data["people"][0]["organization"] == 1


def test_two_organisations_of_the_same_name_are_refused(jordan):
    data = {
        "format": "mutuals-backup",
        "version": 1,
        "organizations": [{"id": 1, "name": "Orion"}, {"id": 2, "name": "ORION "}],
    }
    with pytest.raises(ValidationError) as error:
        restore(owner=jordan, data=data)
    assert error.value.message_dict == {
        "organizations[1].name": ["The same name as organizations[0]."]
    }


def test_a_reference_to_a_missing_record_is_named(jordan):
    make_person(jordan)
    data = backup(owner=jordan)
    data["people"][0]["introduced_by"] = 7
    with pytest.raises(ValidationError) as error:
        restore(owner=make_user("fresh"), data=data)
    assert error.value.message_dict == {
        "people[0].introduced_by": ['There is no record 7 in "people".']
    }


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"known_since": "last spring"}, "people[0].known_since"),
        ({"created_at": "2026-01-02T03:04:05"}, "people[0].created_at"),
        ({"first_name": 7}, "people[0].first_name"),
        ({"cadence_override_days": 0}, "people[0].cadence_override_days"),
        ({"circles": [1, 1]}, "people[0].circles"),
        ({"emails": ["a@b.c"]}, "people[0].emails"),
        ({"shoe_size": 42}, "people[0].shoe_size"),
        ({"id": "one"}, "people[0].id"),
    ],
)
def test_each_bad_value_is_named_by_its_place(jordan, change, field):
    make_person(jordan, circles=["Work"])
    data = backup(owner=jordan)
    data["people"][0].update(change)
    with pytest.raises(ValidationError) as error:
        restore(owner=make_user("fresh"), data=data)
    assert list(error.value.message_dict) == [field]


def test_a_pair_that_knows_itself_twice_is_refused(jordan):
    bruce, rosa = make_person(jordan, "Bruce Lee"), make_person(jordan)
    record_knows(owner=jordan, person_id=bruce.pk, knows_id=rosa.pk)
    data = backup(owner=jordan)
    data["knows"].append({**data["knows"][0], "id": 2, "person": 2, "knows": 1})
    with pytest.raises(ValidationError) as error:
        restore(owner=make_user("fresh"), data=data)
    assert list(error.value.message_dict) == ["knows[1].knows"]


@pytest.mark.parametrize(
    ("data", "field"),
    [
        (b"\x89PNG not json", "backup"),
        ("[1, 2]", "backup"),
        ('{"format": "something-else", "version": 1}', "backup"),
        ('{"format": "mutuals-backup", "version": 9}', "version"),
        ('{"format": "mutuals-backup", "version": 1, "friends": []}', "friends"),
        ('{"format": "mutuals-backup", "version": 1, "people": {}}', "people"),
    ],
)
def test_a_file_that_is_not_a_backup_is_refused_clearly(jordan, data, field):
    with pytest.raises(ValidationError) as error:
        restore(owner=jordan, data=data)
    assert list(error.value.message_dict) == [field]


def test_a_minimal_backup_fills_in_the_defaults(jordan):
    data = {
        "format": "mutuals-backup",
        "version": 1,
        "people": [{"id": 1, "first_name": "Rosa", "tier": "friend"}],
        "interactions": [{"id": 1, "people": [1], "occurred_on": "2026-01-05", "summary": "Tea"}],
    }
    assert restore(owner=jordan, data=json.dumps(data))["interactions"] == 1
    rosa = Person.objects.get(owner=jordan)
    assert (rosa.full_name, rosa.cadence_days, rosa.interaction_count) == ("Rosa", 90, 1)


def test_riley_backup_never_holds_jordans_records(jordan, riley):
    load_demo(owner=jordan)
    make_person(riley, "Riley's Friend")
    data = backup(owner=riley)
    assert [p["first_name"] for p in data["people"]] == ["Riley's"]
    assert all(not data[name] for name in backup_selectors.KINDS if name != "people")


_owners = itertools.count()
printable = st.characters(blacklist_categories=("Cs", "Cc"))
small_people = st.lists(
    st.tuples(
        st.text(alphabet="abcdeñé ", min_size=1, max_size=12).filter(str.strip),
        st.sampled_from([None, "inner", "close", "acquaintance"]),
    ),
    min_size=1,
    max_size=4,
)


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    people_=small_people,
    talks=st.lists(st.tuples(st.integers(0, 3), st.integers(0, 400)), max_size=4),
    need_texts=st.lists(st.text(printable, min_size=1, max_size=30).filter(str.strip), max_size=3),
)
def test_any_small_account_round_trips(db, people_, talks, need_texts):
    owner = make_user(f"owner{next(_owners)}")
    made = [make_person(owner, name, tier=tier) for name, tier in people_]
    for who, ago in talks:
        log(owner, made[who % len(made)], days=ago)
    for text in need_texts:
        needs.add_need(owner=owner, text=text, person_id=made[0].pk)
    first = dumps(backup(owner=owner))
    fresh = make_user(f"{owner.username}-restored")
    restore(owner=fresh, data=first)
    assert dumps(backup(owner=fresh)) == first
    assert derived_fields(fresh) == derived_fields(owner)


def test_a_version_one_backup_without_the_new_fields_still_restores(jordan):
    counts = restore(
        owner=jordan,
        data={"format": "mutuals-backup", "version": 1, "people": [{"id": 1, "first_name": "Ann"}]},
    )
    assert counts["people"] == 1
    assert Person.objects.get(owner=jordan).display_name == ""


def test_a_photo_that_is_not_a_picture_is_refused_by_its_place(jordan):
    import base64

    data = {
        "format": "mutuals-backup",
        "version": 1,
        "people": [{"id": 1, "first_name": "Ann"}],
        "photos": [{"id": 1, "person": 1, "image": base64.b64encode(b"<svg/>").decode()}],
    }
    with pytest.raises(ValidationError) as error:
        restore(owner=jordan, data=data)
    assert "photos[0].image" in error.value.message_dict


def test_two_birthdays_for_one_person_are_refused(jordan):
    data = {
        "format": "mutuals-backup",
        "version": 1,
        "people": [{"id": 1, "first_name": "Ann"}],
        "important_dates": [
            {"id": 1, "person": 1, "kind": "birthday", "month": 1, "day": 2},
            {"id": 2, "person": 1, "kind": "birthday", "month": 3, "day": 4},
        ],
    }
    with pytest.raises(ValidationError) as error:
        restore(owner=jordan, data=data)
    assert "important_dates[1].kind" in error.value.message_dict


def test_a_position_key_twice_is_refused(jordan):
    record = {"id": 1, "organization": 1, "source_key": "position:abc"}
    document = {
        "format": "mutuals-backup",
        "version": 1,
        "organizations": [{"id": 1, "name": "Orion"}],
        "positions": [record, {**record, "id": 2}],
    }
    with pytest.raises(ValidationError) as error:
        restore(owner=jordan, data=document)
    assert list(error.value.message_dict) == ["positions[1].source_key"]


def test_an_interview_day_and_keep_in_touch_mode_come_back(jordan):
    interviewing = create_lead(owner=jordan, title="Analyst", stage="interviewing")
    set_interview(owner=jordan, lead_id=interviewing.pk, interview_on=days_ago(-3))
    offer = create_lead(owner=jordan, title="Data lead", organization="Orion", stage="offer")
    move(owner=jordan, lead_id=offer.pk, stage="accepted", today=days_ago(10))
    fresh = make_user("fresh")
    restore(owner=fresh, data=dumps(backup(owner=jordan)))
    restored = {lead.title: lead for lead in Lead.objects.filter(owner=fresh)}
    assert restored["Analyst"].interview_on == days_ago(-3)
    assert preferences_of(fresh).landed_on == days_ago(10)


def test_an_account_still_searching_stays_searching_after_a_restore(jordan):
    create_lead(owner=jordan, title="Data lead", organization="Orion", stage="offer")
    fresh = make_user("fresh")
    restore(owner=fresh, data=dumps(backup(owner=jordan)))
    assert preferences_of(fresh).landed_on is None


@pytest.mark.django_db
class TestOneFullAccount:
    """Tests that back up the full account share one; what each writes is rolled back."""

    def test_a_backup_of_a_restored_account_is_the_same_file(self, restored):
        assert dumps(backup(owner=restored.owner)) == restored.file

    def test_a_backup_keeps_every_kind_of_record(self, full_account):
        data = backup(owner=full_account)
        assert all(data[name] for name in backup_selectors.KINDS)
        ana = next(p for p in data["people"] if p["nickname"] == "Ani")
        assert ana["emails"][0] == {"address": "ana@example.org", "label": ""}
        assert data["people"][ana["introduced_by"] - 1]["first_name"] == "Bruce"

    def test_restore_counts_each_kind(self, full_account, restored):
        data = backup(owner=full_account)
        # No group here: no pooling choice comes back (test_group_backup).
        assert restored.counts == {name: len(data[name]) for name in backup_selectors.KINDS} | {
            "group_memberships": 0
        }

    def test_restore_recomputes_what_derives_from_the_records(self, full_account, restored):
        assert derived_fields(restored.owner) == derived_fields(full_account)

    def test_one_bad_record_is_named_and_nothing_is_written(self, full_account):
        data = backup(owner=full_account)
        data["people"][12]["tier"] = "bestie"
        fresh = make_user("another")
        with pytest.raises(ValidationError) as error:
            restore(owner=fresh, data=data)
        message = error.value.message_dict["people[12].tier"][0]
        assert message.startswith("Unknown closeness 'bestie'.")
        assert backup_selectors.counts(owner=fresh) == dict.fromkeys(backup_selectors.KINDS, 0)

    def test_names_dates_and_photos_come_back_from_a_backup(self, restored):
        wang = Person.objects.get(owner=restored.owner, display_name="王小明")
        assert (wang.full_name, wang.name_prefix, wang.phonetic_name) == (
            "王小明",
            "Dr.",
            "Wang Xiaoming",
        )
        assert [(d.kind, d.month, d.day) for d in wang.important_dates.all()] == [
            ("birthday", 2, 29)
        ]
        photo = wang.photos.get()
        assert (photo.width, photo.height, len(photo.sha256)) == (512, 219, 64)

    def test_work_histories_and_the_needs_a_lead_serves_come_back(self, full_account, restored):
        data = backup(owner=full_account)
        fresh = restored.owner
        mine = backup(owner=fresh)
        assert mine["positions"] == data["positions"]
        assert mine["lead_needs"] == data["lead_needs"]
        orion = next(
            p for p in mine["positions"] if p["source"] == "linkedin" and p["title"] == "Analyst"
        )
        assert (orion["person"], orion["started_on"], orion["ended_on"]) == (
            None,
            "2019-03-01",
            None,
        )
        assert orion["source_key"].startswith("position:")
        assert any(p["source"] == "changed" for p in mine["positions"])
        # and importing the same Positions.csv again into the restored account adds nothing
        assert import_file(owner=fresh, kind="linkedin", data=POSITIONS_CSV)["positions"] == 0
