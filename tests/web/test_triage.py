"""The sorting page (People, Sort), the People page's bulk changes, and the one default
closeness of the Add a person form."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from mutuals.imports.models import ImportRun
from mutuals.people.models import Person
from tests.factories import log, make_person

SORT = "/people/sort/"
SAMPLES = Path(__file__).resolve().parents[1] / "core" / "formats" / "samples"


def unsorted(owner, name, **fields):
    return make_person(owner, name, tier=None, **fields)


def step(client, person, action, **data):
    return client.post(f"/people/sort/{person.pk}/", {"action": action, **data})


def shown(response) -> str:
    return response.context["card"].person.full_name


# ---- the one default closeness -------------------------------------------------------------


def test_the_add_a_person_form_starts_at_acquaintance(jordan_client):
    response = jordan_client.get("/people/new")
    assertContains(response, '<option value="acquaintance" selected>', html=False)


def test_editing_someone_you_only_know_of_keeps_not_a_contact_selected(jordan_client, jordan):
    rosa = unsorted(jordan, "Rosa Núñez")
    response = jordan_client.get(f"/people/{rosa.pk}/edit")
    assertContains(response, '<option value="" selected>', html=False)


# ---- the sorting page -----------------------------------------------------------------------


def test_the_page_shows_one_person_with_what_is_known_and_a_suggestion(jordan_client, jordan):
    bruce = make_person(jordan, "Bruce Wayne", tier="close", organization="Orion")
    alice = unsorted(jordan, "Alice Oduya", organization="Orion", title="Engineer")
    log(jordan, alice, "Coffee about her move to Bergen", days=5, initiated_by="them")
    from mutuals.network.services import record_knows

    record_knows(owner=jordan, person_id=bruce.pk, knows_id=alice.pk, strength=0.8)
    response = jordan_client.get(SORT)
    assert shown(response) == "Alice Oduya"
    assertContains(response, "Engineer at Orion · you know 1 other there")
    assertContains(response, "they wrote first")
    assertContains(response, "Coffee about her move to Bergen")
    assertContains(response, "1: Bruce Wayne (1 close to you)")
    assertContains(response, "Suggested:")
    assertContains(response, "0 of 1 sorted")
    assertContains(response, "stop any time")


def test_each_closeness_button_shows_its_key(jordan_client, jordan):
    unsorted(jordan, "Rosa Núñez")
    response = jordan_client.get(SORT)
    for key, label in [("1", "Inner circle"), ("5", "Acquaintance"), ("6", "Dormant")]:
        assert re.search(
            rf'data-keys="{key}"[^>]*><kbd aria-hidden="true">{key}</kbd> {label}',
            response.content.decode(),
        )
    assertContains(response, 'data-keys="ArrowRight s"')
    assertContains(response, 'data-keys="a"')


def test_the_keys_script_is_loaded_with_the_pages_nonce(jordan_client, jordan):
    unsorted(jordan, "Rosa Núñez")
    response = jordan_client.get(SORT)
    nonce = response.wsgi_request.csp_nonce
    assertContains(response, f'src="/static/web/triage.js" nonce="{nonce}" defer')


def test_setting_closeness_moves_on_and_counts_progress(jordan_client, jordan):
    rosa, jin = unsorted(jordan, "Rosa Núñez"), unsorted(jordan, "Jin Park")
    log(jordan, rosa, days=3)
    response = step(jordan_client, rosa, "closeness", tier="friend")
    assertRedirects(response, SORT, fetch_redirect_response=False)
    assert Person.objects.get(pk=rosa.pk).tier == "friend"
    page = jordan_client.get(SORT)
    assert shown(page) == "Jin Park"
    assertContains(page, "1 of 2 sorted")
    assertContains(page, "Rosa Núñez: good friend.")
    assert jin.pk != rosa.pk


def test_archive_skip_and_circle(jordan_client, jordan):
    rosa, jin = unsorted(jordan, "Rosa Núñez"), unsorted(jordan, "Jin Park")
    log(jordan, rosa, days=3)
    step(jordan_client, rosa, "skip")
    assert shown(jordan_client.get(SORT)) == "Jin Park"
    response = step(jordan_client, jin, "circle", circle="Former colleagues")
    assertRedirects(response, f"{SORT}?person={jin.pk}")
    assert list(jin.circles.values_list("name", flat=True)) == ["Former colleagues"]
    step(jordan_client, jin, "archive")
    assert Person.objects.get(pk=jin.pk).archived_at is not None
    page = jordan_client.get(SORT)
    assert shown(page) == "Rosa Núñez"  # only the skipped one is left: shown again
    assertContains(page, "1 of 2 sorted")


def test_undo_brings_back_the_last_person_as_they_were(jordan_client, jordan):
    rosa = unsorted(jordan, "Rosa Núñez")
    step(jordan_client, rosa, "closeness", tier="close")
    assertContains(jordan_client.get(SORT), "Everyone is sorted.")
    response = jordan_client.post("/people/sort/undo")
    assertRedirects(response, f"{SORT}?person={rosa.pk}")
    assert Person.objects.get(pk=rosa.pk).tier is None
    page = jordan_client.get(f"{SORT}?person={rosa.pk}")
    assert shown(page) == "Rosa Núñez"
    assertContains(page, "0 of 1 sorted")


def test_undo_with_nothing_to_undo_says_so(jordan_client):
    response = jordan_client.post("/people/sort/undo", follow=True)
    assertContains(response, "Nothing to undo.")


def test_a_bad_closeness_changes_nothing_and_says_why(jordan_client, jordan):
    rosa = unsorted(jordan, "Rosa Núñez")
    response = step(jordan_client, rosa, "closeness", tier="bestie")
    page = jordan_client.get(response["Location"])
    assertContains(page, "Unknown closeness")
    assert Person.objects.get(pk=rosa.pk).tier is None


def test_an_unknown_action_changes_nothing(jordan_client, jordan):
    rosa = unsorted(jordan, "Rosa Núñez")
    step(jordan_client, rosa, "delete")
    assert Person.objects.filter(pk=rosa.pk, tier__isnull=True, archived_at=None).exists()


def test_the_empty_state_says_everyone_is_sorted_and_what_next(jordan_client, jordan):
    make_person(jordan, "Rosa Núñez", tier="close")
    response = jordan_client.get(SORT)
    assertContains(response, "Everyone is sorted.")
    assertContains(response, 'href="/"')


def test_riley_never_sees_jordans_unsorted_people(riley_client, jordan):
    unsorted(jordan, "Rosa Núñez")
    response = riley_client.get(SORT)
    assertNotContains(response, "Rosa Núñez")
    assertContains(response, "Everyone is sorted.")


@pytest.mark.parametrize("action", ["closeness", "archive", "circle", "skip"])
def test_riley_cannot_sort_jordans_people(riley_client, jordan, action):
    rosa = unsorted(jordan, "Rosa Núñez")
    response = step(riley_client, rosa, action, tier="close", circle="Mine")
    assert response.status_code == 404
    rosa = Person.objects.get(pk=rosa.pk)
    assert (rosa.tier, rosa.archived_at, rosa.circles.count()) == (None, None, 0)


def test_riley_cannot_show_jordans_person_by_address(riley_client, jordan):
    rosa = unsorted(jordan, "Rosa Núñez")
    assertNotContains(riley_client.get(f"{SORT}?person={rosa.pk}"), "Rosa Núñez")


@pytest.mark.parametrize("value", ["abc", "99999999999999999999999", "-1"])
def test_a_person_address_that_cannot_be_an_id_shows_the_next(jordan_client, jordan, value):
    unsorted(jordan, "Rosa Núñez")
    assert shown(jordan_client.get(SORT, {"person": value})) == "Rosa Núñez"


def test_sorting_costs_the_same_queries_however_much_is_known(
    jordan_client, jordan, django_assert_max_num_queries
):
    bruce = make_person(jordan, "Bruce Wayne", tier="close", organization="Orion")
    for n in range(12):
        person = unsorted(jordan, f"Person {n:02d}", organization="Orion")
        log(jordan, person, days=n + 1)
        from mutuals.network.services import record_knows

        record_knows(owner=jordan, person_id=bruce.pk, knows_id=person.pk, strength=0.5)
    jordan_client.get(SORT)
    with django_assert_max_num_queries(12):
        jordan_client.get(SORT)


# ---- the People page: bulk changes ----------------------------------------------------------


def test_the_people_page_offers_to_sort_those_without_closeness(jordan_client, jordan):
    unsorted(jordan, "Rosa Núñez")
    assertContains(jordan_client.get("/people/"), "Sort 1 person with no closeness")


def test_ticked_people_get_closeness_circle_and_cadence(jordan_client, jordan):
    rosa, jin = unsorted(jordan, "Rosa Núñez"), unsorted(jordan, "Jin Park")
    untouched = unsorted(jordan, "Ann Lee")
    response = jordan_client.post(
        "/people/bulk",
        {
            "ids": [rosa.pk, jin.pk],
            "closeness": "acquaintance",
            "circle": "Former colleagues",
            "cadence_days": "60",
        },
    )
    assertRedirects(response, "/people/", fetch_redirect_response=False)
    for person in (rosa, jin):
        person = Person.objects.get(pk=person.pk)
        assert (person.tier, person.cadence_days) == ("acquaintance", 60)
    assert Person.objects.get(pk=untouched.pk).tier is None
    page = jordan_client.get("/people/")
    assertContains(page, "2 people: set closeness to acquaintance")


def test_all_matching_the_filters_changes_only_those(jordan_client, jordan):
    unsorted(jordan, "Rosa Núñez", organization="Copperleaf")
    unsorted(jordan, "Jin Park", organization="Copperleaf")
    other = unsorted(jordan, "Ann Lee", organization="Orion")
    response = jordan_client.post(
        "/people/bulk",
        {"all_matching": "on", "filters": "organization=Copperleaf", "closeness": "meaningful"},
    )
    assertRedirects(response, "/people/?organization=Copperleaf")
    assert Person.objects.filter(owner=jordan, tier="meaningful").count() == 2
    assert Person.objects.get(pk=other.pk).tier is None


def test_archiving_many_asks_first_then_offers_undo(jordan_client, jordan):
    people = [unsorted(jordan, f"Person {n}") for n in range(3)]
    data = {"ids": [p.pk for p in people], "archive": "on"}
    confirm = jordan_client.post("/people/bulk", data)
    assertContains(confirm, "Archive 3 people?")
    assert not Person.objects.filter(owner=jordan, archived_at__isnull=False).exists()
    jordan_client.post("/people/bulk", {**data, "confirmed": "on"})
    assert Person.objects.filter(owner=jordan, archived_at__isnull=False).count() == 3
    page = jordan_client.get("/people/")
    assertContains(page, "Undo: bring all 3 back")
    at = page.context["undo_archive"]["at"]
    jordan_client.post("/people/bulk/unarchive", {"at": at})
    assert not Person.objects.filter(owner=jordan, archived_at__isnull=False).exists()


def test_archiving_one_needs_no_confirmation(jordan_client, jordan):
    rosa = unsorted(jordan, "Rosa Núñez")
    jordan_client.post("/people/bulk", {"ids": [rosa.pk], "archive": "on"})
    assert Person.objects.get(pk=rosa.pk).archived_at is not None


@pytest.mark.parametrize(
    ("data", "said"),
    [
        ({"cadence_days": "0"}, "Keep in touch every (days):"),
        ({"closeness": "acquaintance", "ids": ["x"]}, "Choose people from the list."),
        ({"closeness": "acquaintance", "ids": []}, "Choose at least one person."),
        ({}, "Choose what to change"),
    ],
)
def test_bad_bulk_input_changes_nothing_and_says_why(jordan_client, jordan, data, said):
    rosa = unsorted(jordan, "Rosa Núñez")
    data = {"ids": [rosa.pk], **data}
    response = jordan_client.post("/people/bulk", data, follow=True)
    assertContains(response, said)
    assert Person.objects.get(pk=rosa.pk).tier is None


def test_riley_cannot_change_jordans_people_in_bulk(riley_client, jordan, riley):
    rosa = unsorted(jordan, "Rosa Núñez")
    response = riley_client.post("/people/bulk", {"ids": [rosa.pk], "closeness": "close"})
    assert response.status_code == 302
    assert Person.objects.get(pk=rosa.pk).tier is None


def test_riley_cannot_unarchive_jordans_batch(jordan_client, riley_client, jordan):
    people = [unsorted(jordan, f"Person {n}") for n in range(2)]
    jordan_client.post(
        "/people/bulk", {"ids": [p.pk for p in people], "archive": "on", "confirmed": "on"}
    )
    at = jordan_client.get("/people/").context["undo_archive"]["at"]
    riley_client.post("/people/bulk/unarchive", {"at": at})
    assert Person.objects.filter(owner=jordan, archived_at__isnull=False).count() == 2


def test_a_garbled_undo_says_so(jordan_client):
    response = jordan_client.post("/people/bulk/unarchive", {"at": "yesterday"}, follow=True)
    assertContains(response, "That undo is no longer available")


# ---- the import report points to the sorting -------------------------------------------------


def test_the_import_report_links_to_sorting_the_new_people(jordan_client, jordan):
    data = (SAMPLES / "linkedin_connections.csv").read_bytes()
    jordan_client.post(
        "/import/",
        {"kind": "linkedin", "file": SimpleUploadedFile("linkedin_connections.csv", data)},
    )
    run = ImportRun.objects.get(owner=jordan)
    page = jordan_client.get(f"/import/{run.pk}/")
    count = Person.objects.filter(owner=jordan, tier__isnull=True).count()
    assertContains(page, f"Sort {count} people with no closeness")
    assertContains(page, 'href="/people/sort/"')
