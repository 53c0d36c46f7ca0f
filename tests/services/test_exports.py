"""Exports (vCard, CSV, iCalendar) and the calendar feed's secret address."""

from __future__ import annotations

import csv
import datetime as dt
import io

import icalendar
import pytest
import vobject
from django.core.exceptions import ValidationError
from django.utils import timezone

from mutuals.accounts.models import CalendarFeed
from mutuals.core.formats.records import Labelled
from mutuals.core.formats.vcard import parse_vcards
from mutuals.exports import selectors, services
from mutuals.people import services as people_services
from mutuals.people.models import EmailAddress, PhoneNumber
from mutuals.promises import services as promise_services
from tests.factories import days_ago, log, make_person, make_promise

DANGEROUS = ("=", "+", "-", "@", "\t")


def today() -> dt.date:
    return timezone.localdate()


def make_rosa(owner):
    rosa = make_person(
        owner,
        "Rosa María Núñez",
        organization="Orion; Labs",
        title="Engineering Manager",
        emails=["rosa@example.org", "rosa@home.example"],
        phones=["+44 20 7946 0000"],
        circles=["Work", "Climbing, indoor"],
        linkedin_url="https://www.linkedin.com/in/rosa",
        location="Lisbon",
        notes="Met at the meetup.\nLikes long walks; and commas, too.",
    )
    EmailAddress.objects.filter(person=rosa, address="rosa@example.org").update(label="work")
    PhoneNumber.objects.filter(person=rosa).update(label="mobile")
    return rosa


def csv_rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def calendar_of(text: str) -> icalendar.Calendar:
    """The parsed calendar, after checking it passes icalendar's validation."""
    calendar = icalendar.Calendar.from_ical(text)
    calendar.validate()
    assert [c.errors for c in calendar.walk() if c.errors] == []
    return calendar


def summaries(owner, day: dt.date | None = None) -> dict[str, tuple[dt.date, str]]:
    events = selectors.calendar_events(owner=owner, today=day or today())
    return {event.uid: (event.day, event.summary) for event in events}


# ---- vCard --------------------------------------------------------------------------------------


def test_exported_vcards_read_back_as_the_same_people(jordan):
    make_rosa(jordan)
    make_person(jordan, "Jin Park")
    [jin, rosa] = parse_vcards(selectors.vcard_export(owner=jordan).encode()).records
    assert jin.full_name == "Jin Park"
    assert (rosa.full_name, rosa.first_name, rosa.middle_name, rosa.last_name) == (
        "Rosa María Núñez",
        "Rosa",
        "María",
        "Núñez",
    )
    assert rosa.emails == (Labelled("rosa@example.org", "work"), Labelled("rosa@home.example"))
    assert rosa.phones == (Labelled("+44 20 7946 0000", "mobile"),)
    assert (rosa.organization, rosa.title, rosa.location) == (
        "Orion; Labs",
        "Engineering Manager",
        "Lisbon",
    )
    assert rosa.notes == "Met at the meetup.\nLikes long walks; and commas, too."
    assert rosa.circles == ("Climbing, indoor", "Work")
    assert rosa.linkedin_url == "https://www.linkedin.com/in/rosa"


def test_exported_vcards_parse_with_vobject(jordan):
    make_rosa(jordan)
    make_person(jordan, "Jin Park")
    cards = list(vobject.readComponents(selectors.vcard_export(owner=jordan)))
    assert sorted(card.fn.value for card in cards) == ["Jin Park", "Rosa María Núñez"]


def test_each_person_keeps_one_uid_that_names_neither_them_nor_you(jordan, riley):
    rosa = make_person(jordan, "Rosa Núñez")
    first = vobject.readOne(selectors.vcard_export(owner=jordan)).uid.value
    people_services.update_person(owner=jordan, person_id=rosa.pk, title="Director")
    assert vobject.readOne(selectors.vcard_export(owner=jordan)).uid.value == first
    assert first.startswith("urn:uuid:")
    assert selectors.person_uid(riley, rosa.pk) != first


def test_archived_people_are_left_out_unless_asked_for(jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    make_person(jordan, "Jin Park")
    people_services.archive_person(owner=jordan, person_id=rosa.pk)
    assert [c.full_name for c in selectors.contacts_for_export(owner=jordan)] == ["Jin Park"]
    everyone = selectors.contacts_for_export(owner=jordan, include_archived=True)
    assert [c.full_name for c in everyone] == ["Jin Park", "Rosa Núñez"]
    assert "Rosa" not in selectors.vcard_export(owner=jordan)


def test_a_circle_keeps_only_its_people(jordan):
    make_person(jordan, "Rosa Núñez", circles=["Work"])
    make_person(jordan, "Jin Park", circles=["Climbing"])
    contacts = selectors.contacts_for_export(owner=jordan, circle="work")
    assert [c.full_name for c in contacts] == ["Rosa Núñez"]
    assert "Jin" not in selectors.csv_export(owner=jordan, circle="Work")


def test_an_unknown_circle_is_an_error_on_circle(jordan):
    make_person(jordan, "Rosa Núñez", circles=["Work"])
    with pytest.raises(ValidationError) as error:
        selectors.vcard_export(owner=jordan, circle="Family")
    assert "Family" in error.value.message_dict["circle"][0]


def test_someone_elses_circle_is_unknown_to_you(jordan, riley):
    make_person(riley, "Sam Stone", circles=["Secret"])
    with pytest.raises(ValidationError):
        selectors.csv_export(owner=jordan, circle="Secret")


def test_rileys_exports_never_contain_jordans_people(jordan, riley):
    make_rosa(jordan)
    make_promise(jordan, text="Send Rosa the article")
    make_person(riley, "Sam Stone")
    exported = [
        selectors.vcard_export(owner=riley),
        selectors.csv_export(owner=riley),
        selectors.ics_export(owner=riley, now=timezone.now()),
    ]
    assert not any("Rosa" in text for text in exported)
    assert all("Sam" in text for text in exported)


# ---- CSV ----------------------------------------------------------------------------------------


def test_the_csv_has_a_header_and_one_row_per_person(jordan):
    rosa = make_rosa(jordan)
    log(jordan, rosa, days=3)
    [header, row] = csv_rows(selectors.csv_export(owner=jordan))
    assert header == list(selectors.CSV_HEADER)
    cells = dict(zip(header, row, strict=True))
    assert cells["Emails"] == "rosa@example.org; rosa@home.example"
    assert cells["Circles"] == "Climbing, indoor; Work"
    assert (cells["Closeness"], cells["Last contact"]) == ("Good friend", days_ago(3).isoformat())
    assert cells["Notes"] == "Met at the meetup.\nLikes long walks; and commas, too."


def test_formula_like_names_and_notes_come_out_neutralised(jordan):
    make_person(jordan, first_name='=HYPERLINK("http://x")', notes="+cmd")
    make_person(jordan, "Ann Lee", notes="@SUM(1)", phones=["-1 555 0100"])
    cells = [cell for row in csv_rows(selectors.csv_export(owner=jordan)) for cell in row]
    assert [cell for cell in cells if cell.startswith(DANGEROUS)] == []
    assert {'\'=HYPERLINK("http://x")', "'+cmd", "'@SUM(1)", "'-1 555 0100"} <= set(cells)


# ---- calendar -----------------------------------------------------------------------------------


def test_open_promises_are_events_on_their_due_day_with_a_short_title(jordan):
    promise = make_promise(
        jordan, text="Send Rosa the article about climbing gyms in Lisbon and Porto", due_in=3
    )
    day, summary = summaries(jordan)[f"promise-{promise.pk}@mutuals"]
    assert day == days_ago(-3)
    assert summary == "Promise due: Send Rosa the article about climbing…"


def test_done_promises_are_left_out(jordan):
    promise = make_promise(jordan, due_in=2)
    promise_services.complete_promise(owner=jordan, promise_id=promise.pk)
    assert f"promise-{promise.pk}@mutuals" not in summaries(jordan)


def test_an_overdue_promise_is_shown_today(jordan):
    promise = make_promise(jordan, due_in=-4)
    assert summaries(jordan)[f"promise-{promise.pk}@mutuals"][0] == today()


def test_keep_in_touch_titles_show_a_first_name_and_last_initial(jordan):
    rosa = make_person(jordan, "Rosa María Núñez", tier="close")
    day, summary = summaries(jordan)[f"keep-in-touch-{rosa.pk}@mutuals"]
    assert (day, summary) == (days_ago(-30), "Keep in touch: Rosa N.")


def test_an_overdue_keep_in_touch_date_is_shown_today(jordan):
    rosa = make_person(jordan, "Rosa Núñez", tier="close")
    log(jordan, rosa, days=45)
    assert summaries(jordan)[f"keep-in-touch-{rosa.pk}@mutuals"][0] == today()


def test_a_snoozed_contact_is_shown_when_the_snooze_ends(jordan):
    rosa = make_person(jordan, "Rosa Núñez", tier="close")
    log(jordan, rosa, days=45)
    people_services.snooze_person(owner=jordan, person_id=rosa.pk, until=days_ago(-10))
    assert summaries(jordan)[f"keep-in-touch-{rosa.pk}@mutuals"][0] == days_ago(-10)


def test_dates_more_than_a_year_away_are_left_out(jordan):
    far = make_person(jordan, "Rosa Núñez", cadence_override_days=400)
    near = make_person(jordan, "Jin Park", cadence_override_days=365)
    shown = summaries(jordan)
    assert f"keep-in-touch-{far.pk}@mutuals" not in shown
    assert f"keep-in-touch-{near.pk}@mutuals" in shown


def test_archived_people_and_people_you_only_know_of_have_no_dates(jordan):
    archived = make_person(jordan, "Rosa Núñez")
    people_services.archive_person(owner=jordan, person_id=archived.pk)
    make_person(jordan, "Alice Oduya", tier=None)
    assert summaries(jordan) == {}


def test_events_link_to_the_person_when_a_site_address_is_given(jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    [event] = selectors.calendar_events(
        owner=jordan, today=today(), base_url="https://mutuals.example/"
    )
    assert event.url == f"https://mutuals.example/people/{rosa.pk}/"


def test_the_ics_export_parses_and_validates_with_icalendar(jordan):
    rosa = make_person(jordan, "Rosa Núñez", tier="close")
    make_promise(jordan, rosa, text="Send Rosa, the; article\nsoon", due_in=1)
    calendar = calendar_of(selectors.ics_export(owner=jordan, now=timezone.now()))
    assert sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT")) == [
        "Keep in touch: Rosa N.",
        "Promise due: Send Rosa, the; article soon",
    ]


# ---- the feed's address -------------------------------------------------------------------------


def test_a_feed_address_opens_its_owners_calendar(jordan):
    token = services.create_feed(owner=jordan)
    assert selectors.feed_owner(token) == jordan
    assert selectors.feed_path(token) == f"/feed/{token}.ics"


def test_the_secret_has_128_bits_and_only_its_hash_is_stored(jordan):
    token = services.create_feed(owner=jordan)
    assert len(token) >= 22  # 16 bytes in URL-safe base64
    stored = CalendarFeed.objects.get(owner=jordan)
    assert token not in stored.token_hash
    assert len(stored.token_hash) == 64


def test_a_new_address_turns_the_old_one_off(jordan):
    old = services.create_feed(owner=jordan)
    new = services.create_feed(owner=jordan)
    assert selectors.feed_owner(old) is None
    assert selectors.feed_owner(new) == jordan


def test_a_revoked_address_opens_nothing(jordan):
    token = services.create_feed(owner=jordan)
    assert services.revoke_feed(owner=jordan) is True
    assert selectors.feed_owner(token) is None
    assert selectors.active_feed(owner=jordan) is None


def test_revoking_without_a_feed_says_there_was_none(jordan):
    assert services.revoke_feed(owner=jordan) is False


@pytest.mark.parametrize("token", ["", "nope", "x" * 500, "../../etc/passwd"])
def test_unknown_addresses_open_nothing(jordan, token):
    services.create_feed(owner=jordan)
    assert selectors.feed_owner(token) is None


def test_an_inactive_users_feed_opens_nothing(jordan):
    token = services.create_feed(owner=jordan)
    jordan.is_active = False
    jordan.save()
    assert selectors.feed_owner(token) is None
