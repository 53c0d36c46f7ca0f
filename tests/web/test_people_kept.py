"""The People list keeps what stays the same until the owner's records change
(changes.kept): kept answers must never outlive a change, from this process or
another."""

from pytest_django.asserts import assertContains, assertNotContains

from mutuals.changes import kept
from mutuals.changes.tracking import bump, scope
from mutuals.people.models import Person
from tests.factories import make_person


def count_in(response) -> int:
    return response.context["page"].paginator.count


def test_a_person_added_through_the_site_is_counted_and_suggested_at_once(jordan_client, jordan):
    make_person(jordan, "Rosa Núñez", organization="Acme")
    assert count_in(jordan_client.get("/people/")) == 1
    jordan_client.post("/people/new", {"first_name": "Jin", "organization": "Orion"})
    response = jordan_client.get("/people/")
    assert count_in(response) == 2
    assertContains(response, '<option value="Orion">')
    # Jin has no closeness: the link to sort them counts them too
    assertContains(response, "Sort 1 person with no closeness")


def test_archiving_many_at_once_changes_the_count_of_the_next_list(jordan_client, jordan):
    rosa, jin = make_person(jordan, "Rosa Núñez"), make_person(jordan, "Jin Park")
    assert count_in(jordan_client.get("/people/")) == 2
    data = {"ids": [rosa.pk, jin.pk], "archive": "on", "confirmed": "on"}
    jordan_client.post("/people/bulk", data)
    assert Person.objects.filter(owner=jordan, archived_at__isnull=False).count() == 2
    assertContains(jordan_client.get("/people/"), "No people yet")
    assert count_in(jordan_client.get("/people/", {"archived": "on"})) == 2
    at = jordan_client.get("/people/").context["undo_archive"]
    assert at is None  # the undo was offered once, on the first list after archiving


def test_a_change_from_another_process_is_seen_once_its_version_moves(jordan_client, jordan):
    make_person(jordan, "Rosa Núñez")
    assert count_in(jordan_client.get("/people/")) == 1
    # Another process (a CLI command, the other server process) writes inside its own scope:
    # this process's generation does not move, only the owner's version in the database does.
    with scope():
        Person.objects.create(owner=jordan, first_name="Jin", full_name="Jin", search_name="jin")
    assert count_in(jordan_client.get("/people/")) == 1  # kept: nothing said it changed yet
    bump(jordan.pk)  # what that process does when its command or request ends
    assert count_in(jordan_client.get("/people/")) == 2


def test_each_filter_has_its_own_count(jordan_client, jordan):
    make_person(jordan, "Rosa Núñez", tier="close")
    make_person(jordan, "Jin Park", tier="acquaintance")
    assert count_in(jordan_client.get("/people/")) == 2
    assert count_in(jordan_client.get("/people/", {"tier": "close"})) == 1
    assert count_in(jordan_client.get("/people/", {"tier": "close", "sort": "strength"})) == 1
    assert count_in(jordan_client.get("/people/")) == 2


def test_kept_answers_are_the_owners_own(jordan_client, riley_client, jordan, riley):
    make_person(jordan, "Rosa Núñez", organization="Acme")
    assert count_in(jordan_client.get("/people/")) == 1
    response = riley_client.get("/people/")
    assertContains(response, "No people yet")
    assertNotContains(response, "Acme")


def test_forget_drops_every_kept_answer(jordan_client, jordan, django_assert_num_queries):
    make_person(jordan, "Rosa Núñez")
    jordan_client.get("/people/")
    with django_assert_num_queries(4):  # session, user, the owner's version, the page
        jordan_client.get("/people/")
    kept.forget()
    # and circles, stale strengths, the count, organisations, who has no closeness
    with django_assert_num_queries(9):
        jordan_client.get("/people/")
