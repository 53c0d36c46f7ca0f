"""Important dates: adding, removing, the bulk writer for imports, and the agenda's read."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from mutuals.agenda.selectors import today_agenda
from mutuals.core.agenda import ItemKind
from mutuals.people import bulk, selectors
from mutuals.people.important_dates import add_important_date, remove_important_date
from mutuals.people.models import ImportantDate
from tests.factories import make_person


def soon(days: int) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


def birthday(owner, person, on: dt.date, **fields):
    return add_important_date(
        owner=owner, person_id=person.pk, kind="birthday", month=on.month, day=on.day, **fields
    )


def test_a_birthday_is_kept_with_an_optional_year(jordan):
    person = make_person(jordan)
    added = birthday(jordan, person, dt.date(1985, 4, 15), year=1985)
    assert (added.kind, added.year, added.month, added.day) == ("birthday", 1985, 4, 15)


def test_a_second_birthday_is_refused(jordan):
    person = make_person(jordan)
    birthday(jordan, person, dt.date(2000, 4, 15))
    with pytest.raises(ValidationError) as error:
        birthday(jordan, person, dt.date(2000, 5, 1))
    assert "already has a birthday" in error.value.message_dict["kind"][0]


def test_the_29th_of_february_is_fine_without_a_year_but_not_in_a_common_year(jordan):
    person = make_person(jordan)
    assert birthday(jordan, person, dt.date(2000, 2, 29)).day == 29
    with pytest.raises(ValidationError) as error:
        add_important_date(
            owner=jordan, person_id=person.pk, kind="other", month=2, day=29, year=1987
        )
    assert "day" in error.value.message_dict


@pytest.mark.parametrize("year", [1899, "next year"])
def test_a_year_outside_1900_to_now_is_refused(jordan, year):
    if year == "next year":  # worked out as the test runs, which may be after New Year's midnight
        year = timezone.localdate().year + 1
    with pytest.raises(ValidationError) as error:
        birthday(jordan, make_person(jordan), dt.date(2000, 1, 1), year=year)
    assert "year" in error.value.message_dict


def test_riley_cannot_add_or_remove_dates_of_jordans_people(jordan, riley):
    person = make_person(jordan)
    with pytest.raises(ValidationError):
        birthday(riley, person, dt.date(2000, 1, 1))
    mine = birthday(jordan, person, dt.date(2000, 1, 1))
    with pytest.raises(ImportantDate.DoesNotExist):
        remove_important_date(owner=riley, date_id=mine.pk)
    assert ImportantDate.objects.count() == 1


def test_removing_a_date_forgets_it(jordan):
    added = birthday(jordan, make_person(jordan), dt.date(2000, 1, 1))
    remove_important_date(owner=jordan, date_id=added.pk)
    assert not ImportantDate.objects.exists()


def test_the_bulk_writer_skips_dates_already_there_and_other_owners_people(jordan, riley):
    rosa, theirs = make_person(jordan), make_person(riley, "Ray Chen")
    birthday(jordan, rosa, dt.date(2000, 4, 15))
    rows = [
        (rosa.pk, "birthday", "", None, 4, 15),
        (rosa.pk, "anniversary", "Work anniversary", 2015, 9, 1),
        (rosa.pk, "anniversary", "Work anniversary", 2015, 9, 1),
        (rosa.pk, "other", "", None, 2, 30),
        (theirs.pk, "birthday", "", None, 1, 1),
    ]
    assert bulk.add_important_dates(owner=jordan, rows=rows) == 1
    assert [d.kind for d in selectors.dates_for(owner=jordan, person_id=rosa.pk)] == [
        "birthday",
        "anniversary",
    ]
    assert not ImportantDate.objects.filter(person=theirs).exists()


def test_the_agenda_shows_a_contacts_birthday_two_days_ahead(jordan):
    birthday(jordan, make_person(jordan, "Ngozi Okafor", tier="close"), soon(2))
    items = [i for i in today_agenda(owner=jordan).items if i.kind == ItemKind.OCCASION]
    assert [i.reason.split(" is ")[0] for i in items] == ["Ngozi's birthday"]


def test_the_agenda_leaves_out_people_you_only_know_of_and_archived_people(jordan):
    from mutuals.people.services import archive_person

    birthday(jordan, make_person(jordan, "Known Of", tier=None), soon(0))
    archived = make_person(jordan, "Gone Away", tier="close")
    birthday(jordan, archived, soon(0))
    archive_person(owner=jordan, person_id=archived.pk)
    assert not selectors.upcoming_dates(owner=jordan, today=timezone.localdate())


def test_the_agenda_shows_no_date_four_days_ahead(jordan):
    birthday(jordan, make_person(jordan, tier="close"), soon(4))
    assert not selectors.upcoming_dates(owner=jordan, today=timezone.localdate())


def test_the_agenda_reads_a_leap_day_birthday_on_the_28th_of_a_common_year(jordan):
    birthday(jordan, make_person(jordan, tier="close"), dt.date(2000, 2, 29))
    found = selectors.upcoming_dates(owner=jordan, today=dt.date(2027, 2, 27))
    assert [(s.month, s.day) for s in found] == [(2, 29)]
