"""Today's items open their draft on Compose ("Draft…"), and "I sent it" there comes back to
Today with the item done."""

from __future__ import annotations

import html
import re

from pytest_django.asserts import assertContains, assertNotContains

from mutuals.interactions.models import Interaction
from tests.factories import days_ago, log, make_person, make_promise
from tests.give_and_take import received

DRAFT_LINK = re.compile(r'<a class="button small" href="(/compose/\?[^"]+)">Draft…')


def draft_links(response) -> list[str]:
    return [html.unescape(href) for href in DRAFT_LINK.findall(response.content.decode())]


def test_a_keep_in_touch_item_links_to_a_catch_up_draft_that_comes_back_to_today(
    jordan_client, jordan
):
    rosa = make_person(jordan, "Rosa Núñez", tier="close", known_since=days_ago(400))
    log(jordan, rosa, "Coffee about her move to Bergen", days=60)
    response = jordan_client.get("/")
    assert draft_links(response) == [f"/compose/?person={rosa.pk}&purpose=reconnect&next=%2F"]
    assertContains(response, 'Draft…<span class="visually-hidden"> a message to Rosa Núñez')

    compose = jordan_client.get(draft_links(response)[0])
    assertContains(compose, "Hello Rosa,")
    assertContains(compose, '<input type="hidden" name="next" value="/">')


def test_i_sent_it_from_the_draft_clears_the_item_and_counts_it_done(jordan_client, jordan):
    rosa = make_person(jordan, "Rosa Núñez", tier="close", known_since=days_ago(400))
    log(jordan, rosa, "Coffee about her move to Bergen", days=60)
    sent = jordan_client.post(
        "/compose/sent",
        {
            "to": "Rosa Núñez",
            "person": rosa.pk,
            "purpose": "reconnect",
            "text": "Hi Rosa, how is Bergen treating you?",
            "channel": "email",
            "next": "/",
        },
    )
    assert sent.status_code == 302
    assert sent.url == "/"
    today = jordan_client.get("/")
    assertContains(today, "1 of 5 done")
    assert draft_links(today) == []
    [logged] = Interaction.objects.filter(people=rosa, initiated_by="me")
    assert logged.summary.startswith("Catch-up note: Hi Rosa")


def test_a_thank_you_item_drafts_the_thanks_for_what_they_did(jordan_client, jordan):
    priya = make_person(jordan, "Priya Raman", tier="friend")
    log(jordan, priya, "Lunch", days=3)
    exchange = received(jordan, priya, "Intro to Tom at Orion", days=20)
    links = draft_links(jordan_client.get("/"))
    assert f"/compose/?person={priya.pk}&purpose=thanks&exchange={exchange.pk}&next=%2F" in links


def test_after_one_more_the_draft_comes_back_to_the_same_plan(jordan_client, jordan):
    rosa = make_person(jordan, "Rosa Núñez", tier="close", known_since=days_ago(400))
    log(jordan, rosa, days=60)
    assert draft_links(jordan_client.get("/?more=1")) == [
        f"/compose/?person={rosa.pk}&purpose=reconnect&next=%2F%3Fmore%3D1"
    ]


def test_a_promise_has_no_draft(jordan_client, jordan):
    make_promise(jordan, make_person(jordan, "Rosa Núñez"), "Send Rosa the article")
    response = jordan_client.get("/")
    assertContains(response, "Send Rosa the article")
    assertNotContains(response, "Draft…")


def test_another_draft_started_on_compose_still_comes_back_to_today(jordan_client, jordan):
    rosa = make_person(jordan, "Rosa Núñez", tier="close")
    compose = jordan_client.get(f"/compose/?person={rosa.pk}&purpose=reconnect&next=%2F%3Fmore%3D1")
    assertContains(compose, '<input type="hidden" name="next" value="/?more=1">', count=2)
    elsewhere = jordan_client.get(f"/compose/?person={rosa.pk}&next=https%3A%2F%2Fevil.example%2F")
    assertNotContains(elsewhere, "evil.example")
