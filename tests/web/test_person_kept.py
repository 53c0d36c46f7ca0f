"""A person's page is kept until the owner's records change (web/views/person.py through
changes.kept): never older than the last change, from this process or another, and never
anyone else's."""

from __future__ import annotations

from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from mutuals.changes.tracking import bump, scope
from mutuals.interactions.models import Interaction
from mutuals.promises.models import Promise
from tests.factories import log, make_person, make_promise


def test_a_conversation_logged_on_the_page_shows_on_the_next_visit(jordan_client, jordan):
    rosa = make_person(jordan)
    assertContains(jordan_client.get(f"/people/{rosa.pk}/"), "No conversations logged yet")
    data = {"log-summary": "Coffee about her new team", "log-occurred_on": timezone.localdate()}
    jordan_client.post(f"/people/{rosa.pk}/log", data)
    response = jordan_client.get(f"/people/{rosa.pk}/")
    assertContains(response, "Coffee about her new team")
    assertNotContains(response, "No conversations logged yet")


def test_a_change_on_another_page_shows_on_the_next_visit(jordan_client, jordan):
    rosa = make_person(jordan)
    promise = make_promise(jordan, rosa, "Send Rosa the article")
    assertContains(jordan_client.get(f"/people/{rosa.pk}/"), "Send Rosa the article")
    jordan_client.post(f"/promises/{promise.pk}/done")
    response = jordan_client.get(f"/people/{rosa.pk}/")
    assert response.context["promises"] == []
    assertContains(response, "Nothing owed.")


def test_a_change_from_another_process_is_seen_once_its_version_moves(jordan_client, jordan):
    rosa = make_person(jordan)
    promise = make_promise(jordan, rosa, "Send Rosa the article")
    assertContains(jordan_client.get(f"/people/{rosa.pk}/"), "Send Rosa the article")
    with scope():  # another process: this one's generation does not move
        Promise.objects.filter(pk=promise.pk).update(text="Send Rosa the book")
    # kept: nothing said it changed yet (this proves the page was kept)
    assertContains(jordan_client.get(f"/people/{rosa.pk}/"), "Send Rosa the article")
    bump(jordan.pk)  # what that process does when its request ends
    response = jordan_client.get(f"/people/{rosa.pk}/")
    assertContains(response, "Send Rosa the book")
    assertNotContains(response, "Send Rosa the article")


def test_a_kept_page_is_never_anyone_elses(jordan_client, riley_client, jordan, riley):
    rosa = make_person(jordan, organization="Acme")
    assertContains(jordan_client.get(f"/people/{rosa.pk}/"), "Acme")
    assert riley_client.get(f"/people/{rosa.pk}/").status_code == 404
    # and riley's answer (nobody) is not jordan's either
    assertContains(jordan_client.get(f"/people/{rosa.pk}/"), "Acme")


def test_a_missing_person_is_missing_until_they_exist(jordan_client, jordan):
    assert jordan_client.get("/people/999999/").status_code == 404
    assert jordan_client.get("/people/999999/").status_code == 404


def test_the_whole_timeline_is_kept_apart_from_its_first_page(jordan_client, jordan):
    rosa = make_person(jordan)
    for i in range(22):
        log(jordan, [rosa], f"Talk {i}", days=i)
    first = jordan_client.get(f"/people/{rosa.pk}/")
    assert len(first.context["timeline"]) == 20
    assertContains(first, "Show 2 earlier conversations")
    whole = jordan_client.get(f"/people/{rosa.pk}/", {"timeline": "all"})
    assert len(whole.context["timeline"]) == 22
    assert len(jordan_client.get(f"/people/{rosa.pk}/").context["timeline"]) == 20


def test_a_form_sent_back_with_errors_shows_the_records_as_they_are(jordan_client, jordan):
    rosa = make_person(jordan)
    assertContains(jordan_client.get(f"/people/{rosa.pk}/"), "No conversations logged yet")
    with scope():  # written by another process, not yet announced
        Interaction.objects.create(
            owner=jordan, occurred_on=timezone.localdate(), summary="Lunch at the market"
        ).people.add(rosa)
    response = jordan_client.post(f"/people/{rosa.pk}/log", {"log-summary": ""})
    assert response.status_code == 200
    assertContains(response, "Lunch at the market")  # read afresh, not the kept page
