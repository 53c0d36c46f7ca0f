"""people.positions and the one rule in people.services: work histories, yours and your
people's, and LinkedIn's Positions.csv as your own."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from mutuals.demo.services import clear_demo, load_demo
from mutuals.imports.merge import merge_people, undo_merge
from mutuals.imports.services import import_file
from mutuals.orgs.selectors import organization_page
from mutuals.people.models import Organization, Person, Position
from mutuals.people.positions import add_position, remove_position
from mutuals.people.selectors import positions_at, positions_of
from mutuals.people.services import archive_person, create_person, update_person
from tests.factories import make_person

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).resolve().parents[1] / "core" / "formats" / "samples"
POSITIONS = (SAMPLES / "linkedin_positions.csv").read_bytes()


def zipped(**files: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in files.items():
            archive.writestr(name.replace("_", " ") + ".csv", content)
    return buffer.getvalue()


# The one rule: a change of organisation keeps the old one


def test_changing_someones_organisation_keeps_the_old_one_as_a_past_position(jordan):
    rosa = create_person(owner=jordan, name="Rosa Núñez", organization="Acme", title="Designer")
    update_person(owner=jordan, person_id=rosa.pk, organization="Orion Labs", title="Lead")
    [before] = positions_of(owner=jordan, person_id=rosa.pk)
    assert before.organization.name == "Acme"
    assert before.title == "Designer"  # the title they had there
    assert before.ended_on == timezone.localdate()
    assert before.source == Position.CHANGED
    assert Person.objects.get(pk=rosa.pk).organization.name == "Orion Labs"


def test_the_same_organisation_typed_again_differently_keeps_no_history(jordan):
    rosa = create_person(owner=jordan, name="Rosa Núñez", organization="Acme")
    update_person(owner=jordan, person_id=rosa.pk, organization="ACME")
    update_person(owner=jordan, person_id=rosa.pk, notes="Likes jazz")
    assert not Position.objects.exists()


def test_clearing_the_organisation_keeps_it_as_a_past_position(jordan):
    rosa = create_person(owner=jordan, name="Rosa Núñez", organization="Acme")
    update_person(owner=jordan, person_id=rosa.pk, organization="")
    assert [p.organization.name for p in positions_of(owner=jordan, person_id=rosa.pk)] == ["Acme"]


def test_an_organisation_set_where_there_was_none_keeps_no_history(jordan):
    rosa = create_person(owner=jordan, name="Rosa Núñez")
    update_person(owner=jordan, person_id=rosa.pk, organization="Acme")
    assert not Position.objects.exists()


def test_an_import_filling_in_a_blank_organisation_keeps_no_history(jordan):
    create_person(owner=jordan, name="Ada Quill", linkedin_url="https://linkedin.com/in/adaquill")
    csv = (
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        b"Ada,Quill,https://www.linkedin.com/in/adaquill,,Orion Labs,PM,14 Feb 2023\n"
    )
    import_file(owner=jordan, kind="linkedin", data=csv)
    assert Person.objects.get(full_name="Ada Quill").organization.name == "Orion Labs"
    assert not Position.objects.exists()


def test_a_merge_carries_the_merged_persons_history_and_its_undo_takes_it_back(jordan):
    kept = make_person(jordan, "Rosa Núñez")
    gone = create_person(owner=jordan, name="Rosa Nunez", organization="Acme")
    update_person(owner=jordan, person_id=gone.pk, organization="Orion")
    merge = merge_people(owner=jordan, keep_id=kept.pk, merge_id=gone.pk)
    assert positions_of(owner=jordan, person_id=kept.pk).count() == 1
    back = undo_merge(owner=jordan, merge_id=merge.pk)
    assert positions_of(owner=jordan, person_id=back.pk).count() == 1
    assert positions_of(owner=jordan, person_id=kept.pk).count() == 0


# Adding and removing by hand


def test_a_past_position_is_added_with_typed_months(jordan):
    rosa = make_person(jordan)
    position = add_position(
        owner=jordan,
        person_id=rosa.pk,
        organization="Fabrikam",
        title="Analyst",
        started_on="Mar 2019",
        ended_on="2023",
    )
    assert (position.started_on, position.ended_on) == (dt.date(2019, 3, 1), dt.date(2023, 1, 1))
    assert position.years == "2019\u20132023"
    assert Organization.objects.get(owner=jordan, name="Fabrikam")


def test_your_own_position_has_no_person(jordan):
    add_position(owner=jordan, person_id=None, organization="Orion Labs", started_on="2020")
    [mine] = positions_of(owner=jordan, person_id=None)
    assert mine.person is None
    assert mine.is_current


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"organization": " "}, "organization"),
        ({"organization": "x" * 201}, "organization"),
        ({"title": "x" * 201}, "title"),
        ({"started_on": "sometime"}, "started_on"),
        ({"started_on": "2020", "ended_on": "2019"}, "ended_on"),
        ({"started_on": "9000"}, "started_on"),
    ],
)
def test_bad_input_names_its_field_and_adds_nothing(jordan, fields, field):
    with pytest.raises(ValidationError) as error:
        add_position(owner=jordan, person_id=None, **{"organization": "Orion", **fields})
    assert field in error.value.message_dict
    assert not Position.objects.exists()


def test_nobody_adds_to_or_removes_from_someone_elses_history(jordan, riley):
    rosa = make_person(jordan)
    with pytest.raises(ValidationError):
        add_position(owner=riley, person_id=rosa.pk, organization="Orion")
    position = add_position(owner=jordan, person_id=rosa.pk, organization="Orion")
    with pytest.raises(Position.DoesNotExist):
        remove_position(owner=riley, position_id=position.pk)
    assert Position.objects.filter(pk=position.pk).exists()
    assert not positions_of(owner=riley, person_id=rosa.pk).exists()
    assert not positions_at(owner=riley, organization_id=position.organization_id).exists()


def test_a_removed_position_is_gone(jordan):
    position = add_position(owner=jordan, person_id=None, organization="Orion")
    removed = remove_position(owner=jordan, position_id=position.pk)
    assert removed.organization.name == "Orion"
    assert not Position.objects.exists()


# LinkedIn's Positions.csv becomes your own history


def test_positions_csv_becomes_your_own_positions_listed_in_the_report(jordan):
    report = import_file(owner=jordan, kind="linkedin", data=zipped(Positions=POSITIONS))
    mine = list(positions_of(owner=jordan, person_id=None))
    # 7 rows: one written twice, one without a company, one with an unreadable end
    assert report["positions"] == 4
    assert {p.organization.name for p in mine} == {
        "Copperleaf Systems",
        "Orion Labs",
        "Fabrikam",
        "Tailspin Toys",
    }
    assert all(p.source == Position.LINKEDIN and p.person is None for p in mine)
    assert {s["line"] for s in report["skipped"]} == {7, 8, 9}
    copperleaf = next(p for p in mine if p.organization.name == "Copperleaf Systems")
    assert copperleaf.is_current
    assert copperleaf.location == "Amsterdam, Netherlands"
    assert "checkout" in copperleaf.notes


def test_importing_the_positions_again_adds_nothing(jordan):
    import_file(owner=jordan, kind="linkedin", data=POSITIONS)
    again = import_file(owner=jordan, kind="linkedin", data=POSITIONS)
    assert again["positions"] == 0
    assert Position.objects.filter(owner=jordan).count() == 4


def test_a_later_export_ends_the_job_you_left_without_a_second_position(jordan):
    import_file(owner=jordan, kind="linkedin", data=POSITIONS)
    left = POSITIONS.replace(
        b'Amsterdam, Netherlands",Mar 2023,', b'Amsterdam, Netherlands",Mar 2023,Nov 2026'
    )
    report = import_file(owner=jordan, kind="linkedin", data=left)
    copperleaf = Position.objects.get(owner=jordan, organization__name="Copperleaf Systems")
    assert copperleaf.ended_on == dt.date(2026, 11, 1)
    assert report["positions"] == 0
    assert "gained the end date" in " ".join(report["notes"])


def test_a_dry_run_adds_no_position_and_a_bad_zip_changes_nothing(jordan):
    report = import_file(owner=jordan, kind="linkedin", data=POSITIONS, dry_run=True)
    assert report["positions"] == 4
    assert not Position.objects.exists()
    broken = zipped(Positions=b"Company Name,Title\n")
    assert import_file(owner=jordan, kind="linkedin", data=broken)["errors"]
    assert not Position.objects.exists()


def test_imported_positions_are_only_the_importers(jordan, riley):
    import_file(owner=jordan, kind="linkedin", data=POSITIONS)
    assert not positions_of(owner=riley, person_id=None).exists()
    assert import_file(owner=riley, kind="linkedin", data=POSITIONS)["positions"] == 4


# The demo network


def test_the_demo_has_histories_for_some_people_and_for_you_and_clears_them(jordan):
    load_demo(owner=jordan, today=dt.date(2026, 11, 20))
    mine = list(positions_of(owner=jordan, person_id=None))
    assert len(mine) == 2
    assert all(p.ended_on for p in mine)
    assert mine[0].ended_on == dt.date(2026, 9, 1)  # laid off two months ago
    theirs = Position.objects.filter(owner=jordan, person__isnull=False)
    assert theirs.count() >= 5
    assert all(p.organization_id != p.person.organization_id for p in theirs)
    kept = add_position(owner=jordan, person_id=None, organization=mine[0].organization.name)
    clear_demo(owner=jordan)
    assert list(Position.objects.filter(owner=jordan)) == [kept]
    assert Organization.objects.get(pk=kept.organization_id).name


# The organisation page's now and before


def test_someone_still_there_on_the_side_counts_as_now_and_the_archived_are_left_out(jordan):
    side = create_person(owner=jordan, name="Sid Side", organization="Fabrikam")
    add_position(owner=jordan, person_id=side.pk, organization="Orion", started_on="2024")
    gone = create_person(owner=jordan, name="Ann Archived", organization="Orion")
    update_person(owner=jordan, person_id=gone.pk, organization="Fabrikam")
    archive_person(owner=jordan, person_id=gone.pk)
    orion = Organization.objects.get(owner=jordan, name="Orion")
    page = organization_page(
        owner=jordan, organization_id=orion.pk, today=dt.date(2026, 11, 20), paths=False
    )
    assert [p.pk for p in page.people] == [side.pk]
    assert page.before == []


def test_someone_who_left_twice_is_listed_once_with_their_latest_time(jordan):
    ben = make_person(jordan, "Ben Before")
    add_position(owner=jordan, person_id=ben.pk, organization="Orion", ended_on="2015")
    add_position(owner=jordan, person_id=ben.pk, organization="Orion", ended_on="2021")
    orion = Organization.objects.get(owner=jordan, name="Orion")
    page = organization_page(
        owner=jordan, organization_id=orion.pk, today=dt.date(2026, 11, 20), paths=False
    )
    [former] = page.before
    assert former.position.ended_on == dt.date(2021, 1, 1)
