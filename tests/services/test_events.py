"""events.services and events.selectors with the database: events and communities, who was
there and whom you met, the events page, a community's page, "met at", the demo's events and
calendar imports."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from mutuals.demo.services import clear_demo, load_demo
from mutuals.events import selectors, services
from mutuals.events.models import Community, Event, EventPerson
from mutuals.imports.services import import_file
from mutuals.interactions.models import Interaction
from tests.factories import make_person, make_user
from tests.shared_db import shared_transaction

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 11, 20)


def test_an_event_in_a_new_community_adds_the_community(jordan):
    ana, bo = make_person(jordan, "Ana Ruiz"), make_person(jordan, "Bo Li")
    event = services.create_event(
        owner=jordan,
        name="  Product   meetup ",
        day=DAY,
        community="Product Circle",
        people=[(ana.pk, True), (bo.pk, False)],
    )
    assert event.name == "Product meetup"
    assert event.community.name == "Product Circle"
    links = {link.person_id: link.met_here for link in event.people.all()}
    assert links == {ana.pk: True, bo.pk: False}


def test_a_community_is_found_again_by_its_name_in_any_case(jordan):
    first = services.create_event(owner=jordan, name="A", day=DAY, community="Product Circle")
    second = services.create_event(owner=jordan, name="B", day=DAY, community="product circle")
    assert first.community_id == second.community_id
    assert Community.objects.filter(owner=jordan).count() == 1


def test_riley_never_gets_jordans_community(jordan, riley):
    mine = services.create_event(owner=jordan, name="A", day=DAY, community="Product Circle")
    theirs = services.create_event(owner=riley, name="B", day=DAY, community="Product Circle")
    assert mine.community_id != theirs.community_id


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"name": "  "}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"kind": "party"}, "kind"),
        ({"place": "x" * 201}, "place"),
        ({"notes": "x" * 20_001}, "notes"),
        ({"day": None}, "day"),
    ],
)
def test_bad_input_names_the_field_and_adds_nothing(jordan, fields, field):
    values = {"name": "Meetup", "day": DAY, "community": "Guild", **fields}
    with pytest.raises(ValidationError) as excinfo:
        services.create_event(owner=jordan, **values)
    assert field in excinfo.value.message_dict
    assert not Event.objects.exists()
    assert not Community.objects.exists()


def test_riley_cannot_put_jordans_people_on_an_event(jordan, riley):
    rosa = make_person(jordan)
    with pytest.raises(ValidationError) as excinfo:
        services.create_event(owner=riley, name="Meetup", day=DAY, people=[(rosa.pk, True)])
    assert "people" in excinfo.value.message_dict
    assert not Event.objects.exists()


def test_adding_someone_from_the_event_marks_them_met_there_and_again_changes_it(jordan):
    event = services.create_event(owner=jordan, name="Meetup", day=DAY)
    rosa = make_person(jordan)
    assert services.add_person(owner=jordan, event_id=event.pk, person_id=rosa.pk).met_here
    services.add_person(owner=jordan, event_id=event.pk, person_id=rosa.pk, met_here=False)
    assert list(EventPerson.objects.values_list("met_here", flat=True)) == [False]


def test_removing_someone_keeps_the_person_and_someone_not_there_is_an_error(jordan):
    rosa = make_person(jordan)
    event = services.create_event(owner=jordan, name="Meetup", day=DAY, people=[(rosa.pk, True)])
    services.remove_person(owner=jordan, event_id=event.pk, person_id=rosa.pk)
    assert not EventPerson.objects.exists()
    with pytest.raises(ValidationError):
        services.remove_person(owner=jordan, event_id=event.pk, person_id=rosa.pk)
    rosa.refresh_from_db()


def test_riley_cannot_reach_jordans_event(jordan, riley):
    event = services.create_event(owner=jordan, name="Meetup", day=DAY)
    own = make_person(riley, "Riley's friend")
    with pytest.raises(Event.DoesNotExist):
        services.add_person(owner=riley, event_id=event.pk, person_id=own.pk)
    with pytest.raises(Event.DoesNotExist):
        services.update_event(owner=riley, event_id=event.pk, name="Mine")
    with pytest.raises(Event.DoesNotExist):
        services.delete_event(owner=riley, event_id=event.pk)
    with pytest.raises(Event.DoesNotExist):
        selectors.get_event(owner=riley, event_id=event.pk)


def test_changing_an_event_can_take_it_out_of_its_community(jordan):
    event = services.create_event(owner=jordan, name="Meetup", day=DAY, community="Guild")
    changed = services.update_event(
        owner=jordan, event_id=event.pk, community="", place="Library", day=DAY.replace(day=21)
    )
    assert (changed.community, changed.place, changed.day) == (
        None,
        "Library",
        dt.date(2026, 11, 21),
    )
    assert Community.objects.filter(owner=jordan).count() == 1  # the community stays


def test_deleting_a_community_keeps_its_events(jordan):
    event = services.create_event(owner=jordan, name="Meetup", day=DAY, community="Guild")
    services.delete_community(owner=jordan, community_id=event.community_id)
    event.refresh_from_db()
    assert event.community is None


def test_two_communities_cannot_share_a_name(jordan):
    services.create_community(owner=jordan, name="Guild")
    other = services.create_community(owner=jordan, name="Runners", kind="club")
    with pytest.raises(ValidationError) as excinfo:
        services.update_community(owner=jordan, community_id=other.pk, name="GUILD")
    assert "name" in excinfo.value.message_dict
    with pytest.raises(ValidationError):
        services.create_community(owner=jordan, name="guild")


def test_the_events_page_splits_upcoming_from_past(jordan):
    soon = services.create_event(owner=jordan, name="Soon", day=DAY + dt.timedelta(3))
    today = services.create_event(owner=jordan, name="Today", day=DAY)
    before = services.create_event(owner=jordan, name="Before", day=DAY - dt.timedelta(3))
    page = selectors.events_page(owner=jordan, today=DAY)
    assert page.upcoming == [today, soon]
    assert page.past == [before]
    assert page.past_count == 1


def test_a_community_page_shows_who_you_know_there_and_when_you_last_went(jordan):
    ana, bo, cy = (make_person(jordan, n) for n in ("Ana Ruiz", "Bo Li", "Cy Young"))
    services.create_event(
        owner=jordan,
        name="May",
        day=DAY - dt.timedelta(30),
        community="Guild",
        people=[(ana.pk, True), (bo.pk, True)],
    )
    services.create_event(
        owner=jordan,
        name="June",
        day=DAY - dt.timedelta(2),
        community="Guild",
        people=[(ana.pk, False), (cy.pk, True)],
    )
    services.create_event(owner=jordan, name="July", day=DAY + dt.timedelta(20), community="Guild")
    services.create_event(owner=jordan, name="Elsewhere", day=DAY, people=[(bo.pk, False)])
    guild = Community.objects.get(owner=jordan)
    page = selectors.community_page(owner=jordan, community_id=guild.pk, today=DAY)
    assert page.last_went == DAY - dt.timedelta(2)
    assert [(r.person.full_name, r.times) for r in page.people] == [
        ("Ana Ruiz", 2),
        ("Bo Li", 1),
        ("Cy Young", 1),
    ]
    assert [e.name for e in page.upcoming] == ["July"]
    assert [e.name for e in page.past] == ["June", "May"]
    [listed] = selectors.communities(owner=jordan, today=DAY)
    assert (listed.events_count, listed.people_count, listed.last_went) == (
        3,
        3,
        DAY - dt.timedelta(2),
    )


def test_met_at_is_the_earliest_event_marked_so(jordan):
    rosa = make_person(jordan)
    assert selectors.met_at(owner=jordan, person_id=rosa.pk) is None
    services.create_event(owner=jordan, name="Later", day=DAY, people=[(rosa.pk, True)])
    first = services.create_event(
        owner=jordan, name="First", day=DAY - dt.timedelta(9), people=[(rosa.pk, True)]
    )
    services.create_event(
        owner=jordan, name="Not met", day=DAY - dt.timedelta(20), people=[(rosa.pk, False)]
    )
    assert selectors.met_at(owner=jordan, person_id=rosa.pk) == first


# ---- the demo --------------------------------------------------------------------------------


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """Jordan with the demo loaded on DAY, once for the class that asks (tests/shared_db.py)."""
    with shared_transaction(django_db_blocker) as making:
        with making():
            jordan = make_user("jordan")
            load_demo(owner=jordan, today=DAY)
        yield jordan


@pytest.mark.django_db
class TestTheDemo:
    """One load of the demo for both; what each writes is rolled back."""

    def test_the_demo_brings_two_communities_and_events_with_people_met(self, demo):
        jordan = demo
        assert Community.objects.filter(owner=jordan, is_demo=True).count() == 2
        assert EventPerson.objects.filter(owner=jordan, met_here=True).exists()
        assert not Event.objects.filter(owner=jordan, is_demo=False).exists()

    def test_clearing_the_demo_removes_its_events_and_keeps_the_users_own(self, demo):
        jordan = demo
        rosa = make_person(jordan, "Rosa Mine")
        mine = services.create_event(
            owner=jordan, name="Mine", day=DAY, community="Riverside Product Guild"
        )
        touched = Event.objects.filter(owner=jordan, is_demo=True).order_by("pk").first()
        services.add_person(owner=jordan, event_id=touched.pk, person_id=rosa.pk)
        clear_demo(owner=jordan)
        assert set(Event.objects.filter(owner=jordan).values_list("pk", flat=True)) == {
            mine.pk,
            touched.pk,
        }
        assert list(
            EventPerson.objects.filter(owner=jordan).values_list("person_id", flat=True)
        ) == [rosa.pk]
        assert list(Community.objects.filter(owner=jordan).values_list("name", "is_demo")) == [
            ("Riverside Product Guild", False)
        ]


# ---- calendar imports ------------------------------------------------------------------------


def ics(*events: tuple[str, str, str, list[str]]) -> bytes:
    """A calendar of (uid, start, summary, attendee emails) events."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//test//EN"]
    for uid, start, summary, emails in events:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{uid}",
            f"DTSTART:{start}",
            f"SUMMARY:{summary}",
            "LOCATION:Riverside Library",
            *(f"ATTENDEE:mailto:{email}" for email in emails),
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines).encode()


CALENDAR = ics(
    ("one@x", "20250301T180000Z", "Product meetup", ["ana@example.org", "bo@example.org"]),
    ("two@x", "20250302T180000Z", "Coffee with Ana", ["ana@example.org", "zed@example.org"]),
)


def test_a_past_meeting_with_two_of_your_people_is_also_an_event(jordan):
    ana = make_person(jordan, "Ana Ruiz", emails=["ana@example.org"])
    bo = make_person(jordan, "Bo Li", emails=["bo@example.org"])
    report = import_file(owner=jordan, kind="ics", data=CALENDAR)
    [event] = selectors.events_for(owner=jordan)
    assert (event.name, event.kind, event.day, event.place) == (
        "Product meetup",
        "meetup",
        dt.date(2025, 3, 1),
        "Riverside Library",
    )
    assert event.community is None
    assert sorted((p.person_id, p.met_here) for p in event.people.all()) == [
        (ana.pk, False),
        (bo.pk, False),
    ]
    assert Interaction.objects.filter(owner=jordan).count() == 2
    assert "1 past meeting with several of your people became an event." in report["notes"]


def test_importing_the_calendar_again_adds_no_event(jordan):
    make_person(jordan, "Ana Ruiz", emails=["ana@example.org"])
    make_person(jordan, "Bo Li", emails=["bo@example.org"])
    import_file(owner=jordan, kind="ics", data=CALENDAR)
    import_file(owner=jordan, kind="ics", data=CALENDAR)
    assert Event.objects.filter(owner=jordan).count() == 1
    assert EventPerson.objects.count() == 2


def test_a_dry_run_adds_no_event(jordan):
    make_person(jordan, "Ana Ruiz", emails=["ana@example.org"])
    make_person(jordan, "Bo Li", emails=["bo@example.org"])
    report = import_file(owner=jordan, kind="ics", data=CALENDAR, dry_run=True)
    assert not Event.objects.exists()
    assert "1 past meeting with several of your people would become an event." in report["notes"]


def test_riley_importing_the_same_calendar_gets_events_of_his_own(jordan, riley):
    for owner in (jordan, riley):
        make_person(owner, "Ana Ruiz", emails=["ana@example.org"])
        make_person(owner, "Bo Li", emails=["bo@example.org"])
        import_file(owner=owner, kind="ics", data=CALENDAR)
    assert Event.objects.filter(owner=riley).count() == 1
    assert Event.objects.filter(owner=jordan).count() == 1
    for link in EventPerson.objects.select_related("person", "event"):
        assert link.person.owner_id == link.event.owner_id == link.owner_id
