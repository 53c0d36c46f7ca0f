"""The import's promises as properties (issue 11): importing a file twice is importing it once,
our own export imports into the same account as nothing new, and two people whose names
disagree are never merged without a review."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from mutuals.backup.selectors import backup, dumps
from mutuals.core.formats.dedupe import names_agree
from mutuals.core.formats.records import Contact, Labelled
from mutuals.core.formats.vcard import write_vcards
from mutuals.exports.selectors import vcard_export
from mutuals.imports.services import import_file
from mutuals.people.models import Organization, Person
from tests.factories import make_user

pytestmark = pytest.mark.django_db

_users = itertools.count()
FIRST = ("Ana", "Bob", "Robert", "Mei", "Ngozi", "Sean", "José", "Liz", "Elizabeth", "")
LAST = ("Lima", "Stone", "Chen", "Okafor", "O'Neill", "García", "")
EMAILS = ("shared@example.com", "info@acme.example", "a@example.com", "b@example.com")
PHONES = ("+1 212 555 0100", "+44 7700 900123", "+44 7700 900456")
ORGS = ("", "Acme", "Brightline")

contacts = st.builds(
    lambda first, last, emails, phones, org: Contact(
        line=0,
        full_name=f"{first} {last}".strip(),
        first_name=first,
        last_name=last,
        emails=tuple(Labelled(e) for e in emails),
        phones=tuple(Labelled(p) for p in phones),
        organization=org,
    ),
    st.sampled_from(FIRST),
    st.sampled_from(LAST),
    st.lists(st.sampled_from(EMAILS), max_size=2, unique=True),
    st.lists(st.sampled_from(PHONES), max_size=2, unique=True),
    st.sampled_from(ORGS),
).filter(lambda c: c.full_name or c.emails or c.phones or c.organization)

files = st.lists(contacts, min_size=1, max_size=8).map(lambda cs: write_vcards(cs).encode())
SETTINGS = settings(
    max_examples=25,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


def fresh_owner():
    return make_user(f"owner{next(_users)}")


@SETTINGS
@given(data=files)
def test_importing_a_file_twice_is_importing_it_once(db, data):
    owner = fresh_owner()
    import_file(owner=owner, kind="vcard", data=data)
    once = dumps(backup(owner=owner))
    again = import_file(owner=owner, kind="vcard", data=data)
    assert again["created"] == 0
    assert dumps(backup(owner=owner)) == once


@SETTINGS
@given(data=files)
def test_our_own_export_imports_into_the_same_account_as_nothing_new(db, data):
    owner = fresh_owner()
    import_file(owner=owner, kind="vcard", data=data)
    before = dumps(backup(owner=owner))
    report = import_file(owner=owner, kind="vcard", data=vcard_export(owner=owner).encode())
    assert report["created"] == 0
    assert dumps(backup(owner=owner)) == before


@SETTINGS
@given(data=files)
def test_no_row_joins_someone_whose_name_disagrees(db, data):
    owner = fresh_owner()
    report = import_file(owner=owner, kind="vcard", data=data)
    names = dict(Person.objects.filter(owner=owner).values_list("pk", "full_name"))
    for row in report["rows"]:
        if row["outcome"] in ("updated", "merged", "unchanged"):
            assert names_agree(row["name"], names[row["person_id"]]), row


def _fill_in_rows(contacts):
    """The same people with an extra phone and a title each: rows that fill them in."""
    from dataclasses import replace

    return [
        replace(c, phones=(*c.phones, Labelled(f"+44 7700 900{n:03d}")), title="Buyer")
        for n, c in enumerate(contacts)
    ]


@SETTINGS
@given(people=st.lists(contacts, min_size=1, max_size=6))
def test_undoing_every_merge_of_an_import_restores_the_records_exactly(db, people):
    from mutuals.imports.merge import undo_merge
    from mutuals.people.services import delete_person

    note(repr(people))
    owner = fresh_owner()
    import_file(owner=owner, kind="vcard", data=write_vcards(people).encode())
    before = dumps(backup(owner=owner))
    organizations = set(Organization.objects.filter(owner=owner).values_list("pk", flat=True))
    # The same people again from another source (no UID, new phones): rows join them.
    report = import_file(owner=owner, kind="google", data=_google_csv(_fill_in_rows(people)))
    for row in report["rows"]:
        if row["merge_id"] is not None:
            split = undo_merge(owner=owner, merge_id=row["merge_id"])
            delete_person(owner=owner, person_id=split.pk)
    for row in report["rows"]:
        if row["outcome"] in ("created", "to review"):
            delete_person(owner=owner, person_id=row["person_id"])
    # Organisations the second file named for the people just deleted stay with no one.
    Organization.objects.filter(owner=owner).exclude(pk__in=organizations).delete()
    assert dumps(backup(owner=owner)) == before


def _google_csv(contacts) -> bytes:
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        ["Name", "Given Name", "Family Name", "Organization 1 - Name",
         "Organization 1 - Title", "E-mail 1 - Value", "Phone 1 - Value"]
    )  # fmt: skip
    for c in contacts:
        writer.writerow(
            [
                c.full_name,
                c.first_name,
                c.last_name,
                c.organization,
                c.title,
                " ::: ".join(e.value for e in c.emails),
                " ::: ".join(p.value for p in c.phones),
            ]
        )
    return out.getvalue().encode()
