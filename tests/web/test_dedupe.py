"""The duplicates page: find, merge either way, keep apart, undo; Riley sees none of Jordan's."""

from __future__ import annotations

from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from mutuals.imports import duplicates, merge
from mutuals.imports.models import PossibleDuplicate
from mutuals.interactions.models import Interaction
from mutuals.people.models import Person
from tests.factories import log, make_person


def two_rosas(owner):
    rosa = make_person(owner, "Rosa Núñez", emails=["rosa@example.com"], organization="Orion")
    copy = make_person(owner, "Rosa Nunez", emails=["ROSA@example.com"], phones=["+44 7700 900123"])
    return rosa, copy


def scanned(owner):
    rosa, copy = two_rosas(owner)
    merge.scan_for_duplicates(owner=owner)
    return rosa, copy, PossibleDuplicate.objects.get(owner=owner)


def test_the_people_list_links_to_the_duplicates_page(jordan_client):
    assertContains(jordan_client.get("/people/"), 'href="/people/duplicates/"')


def test_find_duplicates_records_pairs_without_merging(jordan_client, jordan):
    two_rosas(jordan)
    response = jordan_client.post("/people/duplicates/scan")
    assertRedirects(response, "/people/duplicates/", fetch_redirect_response=False)
    assert [p.certainty for p in duplicates.possible_duplicates(owner=jordan)] == ["certain"]
    assert Person.objects.filter(owner=jordan).count() == 2
    assertContains(jordan_client.get("/people/duplicates/"), "1 possible pair to review below.")


def test_pairs_are_shown_side_by_side_with_buttons_naming_both(jordan_client, jordan):
    _, copy, pair = scanned(jordan)
    log(jordan, copy)
    response = jordan_client.get("/people/duplicates/")
    assertContains(response, "<h3", count=1)
    assertContains(response, "same email and name")
    assertContains(response, "+44 7700 900123")
    assertContains(response, "Orion")
    assertContains(response, "<dt>Conversations</dt><dd>1</dd>", html=True)
    assertContains(response, "Keep Rosa Núñez, merge Rosa Nunez into it")
    assertContains(response, "Keep Rosa Nunez, merge Rosa Núñez into it")
    assertContains(response, f'action="/people/duplicates/{pair.pk}/apart"')


def test_merging_keeps_the_chosen_side_and_offers_undo(jordan_client, jordan):
    rosa, copy, pair = scanned(jordan)
    log(jordan, copy, "Call with Rosa")
    response = jordan_client.post(f"/people/duplicates/{pair.pk}/merge", {"keep": rosa.pk})
    [done] = duplicates.merges(owner=jordan)
    assert response["Location"] == f"/people/duplicates/?merged={done.pk}#merged"
    assert not Person.objects.filter(pk=copy.pk).exists()
    assert Interaction.objects.get().people.get() == rosa
    page = jordan_client.get(response["Location"])
    assertContains(page, "Merged Rosa Nunez into")
    assertContains(page, f'action="/merges/{done.pk}/undo"')


def test_undo_brings_the_merged_person_back(jordan_client, jordan):
    rosa, copy = two_rosas(jordan)
    done = merge.merge_people(owner=jordan, keep_id=rosa.pk, merge_id=copy.pk)
    assertContains(jordan_client.get("/people/duplicates/"), "Recent merges")
    response = jordan_client.post(f"/merges/{done.pk}/undo", follow=True)
    assertContains(response, "Undone: Rosa Nunez is back as a separate person.")
    assert Person.objects.filter(owner=jordan, full_name="Rosa Nunez").exists()
    again = jordan_client.post(f"/merges/{done.pk}/undo", follow=True)
    assertContains(again, "This merge was already undone.")


def test_not_the_same_person_is_remembered_across_scans(jordan_client, jordan):
    _, _, pair = scanned(jordan)
    response = jordan_client.post(f"/people/duplicates/{pair.pk}/apart", follow=True)
    assertContains(response, "Kept apart: Rosa Núñez and Rosa Nunez are two people.")
    jordan_client.post("/people/duplicates/scan")
    assertNotContains(jordan_client.get("/people/duplicates/"), "Keep Rosa")


def test_merging_without_saying_whom_to_keep_changes_nothing(jordan_client, jordan):
    _, _, pair = scanned(jordan)
    response = jordan_client.post(f"/people/duplicates/{pair.pk}/merge", {}, follow=True)
    assertContains(response, "Choose which of the two people to keep.")
    assert Person.objects.filter(owner=jordan).count() == 2


def test_riley_cannot_see_or_act_on_jordans_pairs(riley_client, jordan):
    rosa, copy, pair = scanned(jordan)
    assertNotContains(riley_client.get("/people/duplicates/"), "Rosa")
    assert (
        riley_client.post(f"/people/duplicates/{pair.pk}/merge", {"keep": rosa.pk}).status_code
        == 404
    )
    assert riley_client.post(f"/people/duplicates/{pair.pk}/apart").status_code == 404
    done = merge.merge_people(owner=jordan, keep_id=rosa.pk, merge_id=copy.pk)
    assert riley_client.post(f"/merges/{done.pk}/undo").status_code == 404
    assert duplicates.merges(owner=jordan)[0].undone_at is None


def test_the_page_needs_a_sign_in(client, jordan):
    response = client.get("/people/duplicates/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_the_page_reads_the_same_number_of_queries_for_more_pairs(jordan_client, jordan):
    scanned(jordan)
    jordan_client.get("/people/duplicates/")  # the first request also checks the set-up
    with CaptureQueriesContext(connection) as one:
        jordan_client.get("/people/duplicates/")
    make_person(jordan, "Bruce Lee", emails=["bruce@example.com"])
    make_person(jordan, "Bruce Li", emails=["bruce@example.com"])
    merge.scan_for_duplicates(owner=jordan)
    with CaptureQueriesContext(connection) as two:
        response = jordan_client.get("/people/duplicates/")
    assert len(response.context["pairs"]) == 2
    assert len(two) == len(one)
