"""Exports (vCard, CSV, iCalendar) and the calendar feed's secret address."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools

import icalendar
import pytest
import vobject
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from mutuals.accounts.models import CalendarFeed
from mutuals.core.formats.csv_contacts import guess_mapping, read_headers
from mutuals.core.formats.records import Labelled, PartialDate
from mutuals.core.formats.safe_csv import restore
from mutuals.core.formats.vcard import parse_vcards
from mutuals.exports import selectors, services
from mutuals.imports.services import import_file
from mutuals.people import services as people_services
from mutuals.people.important_dates import add_important_date
from mutuals.people.models import EmailAddress, Person, PhoneNumber, Photo
from mutuals.people.photos import prepare_photo, set_photo
from mutuals.promises import services as promise_services
from tests.factories import days_ago, log, make_person, make_promise, make_user

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


def csv_cells(text: str) -> list[dict[str, str]]:
    """Each row of a CSV export by column name."""
    header, *rows = csv_rows(text)
    return [dict(zip(header, row, strict=True)) for row in rows]


def picture(colour: tuple[int, int, int] = (200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(out, format="PNG")
    return out.getvalue()


def exported(owner) -> dict[str, object]:
    """The owner's vCard export read back, by display name."""
    records = parse_vcards(selectors.vcard_export(owner=owner).encode()).records
    return {contact.full_name: contact for contact in records}


def birthday(owner, person, month: int, day: int, year: int | None = None):
    return add_important_date(
        owner=owner, person_id=person.pk, kind="birthday", month=month, day=day, year=year
    )


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


@pytest.mark.parametrize(
    ("name", "parts"),
    [
        ("王小明", {"first_name": "小明", "last_name": "王"}),
        ("Dr. Jane Smith PhD", {"first_name": "Jane", "last_name": "Smith"}),
        ("Sean O'Neill", {"first_name": "sean", "last_name": "O'Neill"}),
    ],
)
def test_the_display_name_goes_out_exactly_as_written(jordan, name, parts):
    make_person(jordan, name, **parts)
    [contact] = exported(jordan).values()
    assert contact.full_name == name
    assert (contact.first_name, contact.last_name) == (parts["first_name"], parts["last_name"])


def test_prefix_and_suffix_travel_in_the_structured_name(jordan):
    make_person(
        jordan,
        "Dr. Jane Smith PhD",
        first_name="Jane",
        last_name="Smith",
        name_prefix="Dr.",
        name_suffix="PhD",
    )
    card = vobject.readOne(selectors.vcard_export(owner=jordan))
    assert (card.n.value.prefix, card.n.value.suffix) == ("Dr.", "PhD")
    contact = exported(jordan)["Dr. Jane Smith PhD"]
    assert (contact.prefix, contact.suffix) == ("Dr.", "PhD")


def test_the_reading_of_a_name_reads_back(jordan):
    make_person(
        jordan, "山田太郎", first_name="太郎", last_name="山田", phonetic_name="やまだ たろう"
    )
    assert exported(jordan)["山田太郎"].phonetic_name == "やまだ たろう"


@pytest.mark.parametrize("year", [1985, None])
def test_a_birthday_reads_back_with_or_without_its_year(jordan, year):
    rosa = make_person(jordan, "Rosa Núñez")
    birthday(jordan, rosa, 4, 15, year)
    assert exported(jordan)["Rosa Núñez"].birthday == PartialDate(year, 4, 15)


def test_a_birthday_without_a_year_is_written_as_month_and_day(jordan):
    birthday(jordan, make_person(jordan, "Rosa Núñez"), 2, 29)
    assert "BDAY:--0229\r\n" in selectors.vcard_export(owner=jordan)


def test_an_anniversary_reads_back(jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    add_important_date(
        owner=jordan, person_id=rosa.pk, kind="anniversary", month=6, day=1, year=2010
    )
    assert exported(jordan)["Rosa Núñez"].anniversary == PartialDate(2010, 6, 1)


def test_an_unlabelled_anniversary_goes_out_before_a_labelled_one(jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    add_important_date(
        owner=jordan, person_id=rosa.pk, kind="anniversary", month=3, day=1, label="Joined Orion"
    )
    add_important_date(owner=jordan, person_id=rosa.pk, kind="anniversary", month=9, day=12)
    assert exported(jordan)["Rosa Núñez"].anniversary == PartialDate(None, 9, 12)


def test_other_dates_have_no_place_in_a_vcard(jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    add_important_date(
        owner=jordan, person_id=rosa.pk, kind="other", month=5, day=5, label="Name day"
    )
    contact = exported(jordan)["Rosa Núñez"]
    assert (contact.birthday, contact.anniversary) == (None, None)


def test_the_photo_reads_back_as_the_same_jpeg(jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    stored = set_photo(owner=jordan, person_id=rosa.pk, data=picture())
    contact = exported(jordan)["Rosa Núñez"]
    assert (contact.photo, contact.photo_type) == (bytes(stored.image), "image/jpeg")


def test_only_the_newest_photo_goes_out(jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    older = set_photo(owner=jordan, person_id=rosa.pk, data=picture((10, 10, 10)))
    newer = prepare_photo(picture((10, 200, 10)))
    Photo.objects.create(
        owner=jordan,
        person=rosa,
        image=newer.image,
        width=newer.width,
        height=newer.height,
        sha256=newer.sha256,
    )
    Photo.objects.filter(pk=older.pk).update(created_at=timezone.now() - dt.timedelta(days=1))
    assert exported(jordan)["Rosa Núñez"].photo == newer.image


def test_a_person_without_dates_or_photo_has_none_in_the_file(jordan):
    make_person(jordan, "Jin Park")
    text = selectors.vcard_export(owner=jordan)
    assert ("BDAY" in text, "ANNIVERSARY" in text, "PHOTO" in text) == (False, False, False)


def test_cards_with_dates_and_photos_parse_with_vobject(jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    birthday(jordan, rosa, 4, 15)
    set_photo(owner=jordan, person_id=rosa.pk, data=picture())
    card = vobject.readOne(selectors.vcard_export(owner=jordan))
    assert (card.fn.value, card.bday.value) == ("Rosa Núñez", "--0415")
    assert "photo" in card.contents  # vobject reads 4.0's data: URI as a 3.0 list; it is there


def test_the_vcard_export_reads_in_the_same_number_of_queries_for_more_people(jordan):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            selectors.vcard_export(owner=jordan)
        return len(captured)

    first = make_person(jordan, "Rosa Núñez", emails=["rosa@example.org"], circles=["Work"])
    birthday(jordan, first, 4, 15)
    set_photo(owner=jordan, person_id=first.pk, data=picture())
    one = queries()
    for name in ("Jin Park", "Ann Lee", "Bruce Lee"):
        person = make_person(jordan, name, emails=[f"{name[:3]}@example.org"], circles=["Work"])
        birthday(jordan, person, 1, 2, 1990)
        set_photo(owner=jordan, person_id=person.pk, data=picture())
    assert queries() == one


def test_our_own_vcard_export_imports_into_the_same_account_as_the_same_people(jordan):
    rosa = make_person(
        jordan, "Dr. Jane Smith PhD", first_name="Jane", last_name="Smith", name_prefix="Dr."
    )
    birthday(jordan, rosa, 4, 15)
    set_photo(owner=jordan, person_id=rosa.pk, data=picture())
    make_person(jordan, "王小明", first_name="小明", last_name="王")
    report = import_file(
        owner=jordan, kind="vcard", data=selectors.vcard_export(owner=jordan).encode()
    )
    assert report["created"] == 0
    assert Person.objects.filter(owner=jordan).count() == 2


_owners = itertools.count()
# Letters of several scripts and the characters vCard must escape (, ; \\ :) or fold around.
NAME_TEXT = st.text(
    alphabet=st.sampled_from("aZéøÑ王小明山田ﾀ'\u2019-., ;:\\ "), min_size=1, max_size=90
).filter(str.strip)
days = (
    st.tuples(
        st.sampled_from([None, 1950, 2000]), st.sampled_from([(1, 1), (2, 29), (12, 31), (4, 15)])
    )
    .filter(lambda d: d != (1950, (2, 29)))
    .map(lambda d: PartialDate(d[0], *d[1]))
)


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    shown=NAME_TEXT,
    prefix=st.sampled_from(["", "Dr.", "Prof. Dr.", "Sr.ª"]),
    suffix=st.sampled_from(["", "PhD", "Jr.", "III, MBA"]),
    born=st.none() | days,
    married=st.none() | days,
)
def test_a_vcard_export_reads_back_with_its_names_and_dates(
    db, shown, prefix, suffix, born, married
):
    owner = make_user(f"exporter{next(_owners)}")
    person = make_person(
        owner, shown, first_name="Ana", last_name="Lima", name_prefix=prefix, name_suffix=suffix
    )
    for kind, day in (("birthday", born), ("anniversary", married)):
        if day is not None:
            add_important_date(
                owner=owner,
                person_id=person.pk,
                kind=kind,
                month=day.month,
                day=day.day,
                year=day.year,
            )
    [contact] = parse_vcards(selectors.vcard_export(owner=owner).encode()).records
    assert (contact.full_name, contact.prefix, contact.suffix) == (
        person.full_name,
        prefix,
        suffix,
    )
    assert (contact.birthday, contact.anniversary) == (born, married)


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


def test_the_csv_keeps_its_columns_in_order_and_adds_id_and_birthday_at_the_end(jordan):
    make_person(jordan, "Rosa Núñez")
    [header, _] = csv_rows(selectors.csv_export(owner=jordan))
    assert header[:3] == ["Name", "First name", "Last name"]
    assert header[-4:] == ["LinkedIn", "Notes", "ID", "Birthday"]


def test_the_csv_id_is_the_persons_vcard_uid(jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    [cells] = csv_cells(selectors.csv_export(owner=jordan))
    uid = vobject.readOne(selectors.vcard_export(owner=jordan)).uid.value
    assert cells["ID"] == selectors.person_uid(jordan, rosa.pk) == uid


def test_the_csv_name_is_the_shown_name(jordan):
    make_person(jordan, "王小明", first_name="小明", last_name="王")
    [cells] = csv_cells(selectors.csv_export(owner=jordan))
    assert (cells["Name"], cells["First name"], cells["Last name"]) == ("王小明", "小明", "王")


def test_the_csv_birthday_is_iso_with_or_without_its_year(jordan):
    birthday(jordan, make_person(jordan, "Rosa Núñez"), 4, 15, 1985)
    birthday(jordan, make_person(jordan, "Jin Park"), 4, 15)
    make_person(jordan, "Ann Lee")
    rows = {r["Name"]: r["Birthday"] for r in csv_cells(selectors.csv_export(owner=jordan))}
    assert rows["Rosa Núñez"] == "1985-04-15"
    assert rows["Ann Lee"] == ""
    # "--04-15" starts like a formula, so it is neutralised like any other cell
    assert (rows["Jin Park"], restore(rows["Jin Park"])) == ("'--04-15", "--04-15")


def test_our_own_csv_export_imports_into_the_same_account_as_the_same_people(jordan):
    rosa = make_person(jordan, "Rosa Núñez", emails=["rosa@example.org"])
    birthday(jordan, rosa, 4, 15)
    make_person(jordan, "Rosa Núñez")  # a namesake: only the ID tells them apart
    data = selectors.csv_export(owner=jordan).encode()
    report = import_file(
        owner=jordan, kind="csv", data=data, mapping=guess_mapping(read_headers(data))
    )
    assert report["created"] == 0
    assert Person.objects.filter(owner=jordan).count() == 2


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
