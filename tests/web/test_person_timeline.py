"""A person's timeline: who else took part in each conversation (read as names, in name order,
never anyone else's records) and the actions' addresses, made once per page."""

from __future__ import annotations

from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from mutuals.people.selectors import others_in
from mutuals.web.views.leads import url_for_each
from tests.factories import log, make_person


def test_others_in_gives_everyone_else_by_conversation_in_name_order(jordan):
    rosa, sam, ana = (make_person(jordan, name) for name in ("Rosa Núñez", "Sam Ortiz", "Ana Li"))
    alone = log(jordan, rosa, days=3)
    together = log(jordan, [rosa, sam, ana], days=1)
    found = others_in(owner=jordan, person_id=rosa.pk, interaction_ids=[alone.pk, together.pk])
    assert found == {together.pk: [(ana.pk, "Ana Li"), (sam.pk, "Sam Ortiz")]}


def test_others_in_reads_nothing_of_another_owner(jordan, riley):
    rosa, sam = make_person(jordan), make_person(jordan, "Sam Ortiz")
    together = log(jordan, [rosa, sam])
    assert others_in(owner=riley, person_id=rosa.pk, interaction_ids=[together.pk]) == {}


def test_the_timeline_names_the_others_without_a_trailing_comma(jordan_client, jordan):
    # Rosa's name sorts last: the page used to end the list with ", " after Sam.
    rosa, sam = make_person(jordan, "Zoe Rosa"), make_person(jordan, "Sam Ortiz")
    ana = make_person(jordan, "Ana Li")
    log(jordan, [rosa, sam, ana], days=2)
    response = jordan_client.get(f"/people/{rosa.pk}/")
    assertContains(
        response,
        f'<p class="muted">With <a href="/people/{ana.pk}/">Ana Li</a>, '
        f'<a href="/people/{sam.pk}/">Sam Ortiz</a></p>',
        html=False,
    )
    assertNotContains(response, f'<a href="/people/{rosa.pk}/">Zoe Rosa</a>')


def test_a_conversation_alone_names_nobody_else(jordan_client, jordan):
    rosa = make_person(jordan)
    log(jordan, rosa, days=2)
    assertNotContains(jordan_client.get(f"/people/{rosa.pk}/"), "With ")


def test_each_conversation_offers_its_own_edit_delete_and_lead_links(jordan_client, jordan):
    rosa = make_person(jordan)
    first, second = log(jordan, rosa, days=5), log(jordan, rosa, days=1)
    response = jordan_client.get(f"/people/{rosa.pk}/")
    here = f"?next=/people/{rosa.pk}/"
    for interaction in (first, second):
        edit = reverse("interaction_edit", args=[interaction.pk])
        delete = reverse("interaction_delete", args=[interaction.pk])
        assertContains(response, f'<a href="{edit}{here}">Edit', count=1)
        assertContains(response, f'<a href="{delete}{here}">Delete', count=1)
        assertContains(response, f"?interaction={interaction.pk}", count=1)
    entry = response.context["timeline"][0]
    assert entry.interaction == second
    assert entry.day == f"{second.occurred_on.day} {second.occurred_on:%b %Y}"


def test_url_for_each_makes_the_same_addresses_as_reverse():
    for name in ("person_detail", "interaction_edit", "lead_move"):
        make = url_for_each(name)
        for pk in (1, 42, 987654321):
            assert make(pk) == reverse(name, args=[pk])
