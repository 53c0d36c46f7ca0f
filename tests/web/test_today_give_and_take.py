"""The home page's give-and-take items (thank-yous, unanswered asks, needs to review) with
their actions, and its "Note a need" form."""

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from mutuals.ledger.models import Ask, Exchange
from mutuals.needs.models import Need
from tests.factories import make_person
from tests.give_and_take import asked, gave, noted, received

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_a_thank_you_owed_shows_with_its_reason_and_actions(jordan_client, jordan):
    rosa = make_person(jordan)
    got = received(jordan, rosa, days=21)
    response = jordan_client.get("/")
    assertContains(response, 'class="item item-thank_you"')
    assertContains(response, "Rosa gave you an introduction 3 weeks ago")
    assertContains(response, f'action="/exchanges/{got.pk}/thanked"')
    assertContains(response, f'href="/people/{rosa.pk}/#give-heading"')


def test_thanked_swaps_the_item_for_an_undo_and_clears_it(jordan_client, jordan):
    got = received(jordan, make_person(jordan), days=21)
    response = jordan_client.post(f"/exchanges/{got.pk}/thanked", {"next": "/"}, **HTMX)
    assertContains(response, "Thanked Rosa Núñez for: Intro to Acme")
    assertContains(response, f'action="/exchanges/{got.pk}/unthanked"')
    assertNotContains(response, "<html")
    assert Exchange.objects.get().thanked_on == timezone.localdate()
    assertNotContains(jordan_client.get("/"), 'class="item item-thank_you"')


def test_undoing_thanked_puts_it_back(jordan_client, jordan):
    got = received(jordan, make_person(jordan), days=21)
    jordan_client.post(f"/exchanges/{got.pk}/thanked")
    response = jordan_client.post(f"/exchanges/{got.pk}/unthanked", {"next": "/"}, follow=True)
    assertRedirects(response, "/")
    assertContains(response, 'class="item item-thank_you"')


def test_thanking_for_something_you_gave_is_refused_with_a_sentence(jordan_client, jordan):
    given = gave(jordan, make_person(jordan), days=3)
    response = jordan_client.post(f"/exchanges/{given.pk}/thanked", **HTMX)
    assertContains(response, "Only something you received can be thanked for.")
    assert Exchange.objects.get().thanked_on is None


def test_giving_back_takes_the_thank_you_off_the_page(jordan_client, jordan):
    rosa = make_person(jordan)
    received(jordan, rosa, days=21)
    gave(jordan, rosa)
    assertNotContains(jordan_client.get("/"), 'class="item item-thank_you"')


def test_an_unanswered_ask_shows_with_answered(jordan_client, jordan):
    ask = asked(jordan, make_person(jordan), days=9)
    response = jordan_client.get("/")
    assertContains(response, 'class="item item-ask_unanswered"')
    assertContains(
        response,
        "You asked Rosa 9 days ago, “An intro to the hiring manager”, and have no answer yet.",
    )
    assertContains(response, f'action="/asks/{ask.pk}/answered"')
    jordan_client.post(f"/asks/{ask.pk}/answered", {"next": "/"}, **HTMX)
    assert Ask.objects.get().answered_on == timezone.localdate()
    assertNotContains(jordan_client.get("/"), 'class="item item-ask_unanswered"')


def test_a_need_to_review_shows_reviewed_helped_and_done(jordan_client, jordan):
    need = noted(jordan, make_person(jordan), days=42)
    response = jordan_client.get("/")
    assertContains(response, 'class="item item-need_review"')
    assertContains(
        response, "Rosa&#x27;s need “Intro to a UX lead” has waited 6 weeks for a review."
    )
    for action in ("reviewed", "helped", "done"):
        assertContains(response, f'action="/needs/{need.pk}/{action}"')


def test_your_own_need_to_review_has_no_helped_button(jordan_client, jordan):
    need = noted(jordan, None, "Advice on a pay offer", days=42)
    response = jordan_client.get("/")
    assertContains(response, "Your own need")
    assertContains(response, f'action="/needs/{need.pk}/reviewed"')
    assertNotContains(response, f'action="/needs/{need.pk}/helped"')


def test_reviewed_records_today_and_takes_it_off_the_agenda(jordan_client, jordan):
    need = noted(jordan, make_person(jordan), days=42)
    response = jordan_client.post(f"/needs/{need.pk}/reviewed", {"next": "/"}, **HTMX)
    assertContains(response, "Reviewed: Intro to a UX lead")
    assert Need.objects.get().reviewed_on == timezone.localdate()
    assertNotContains(jordan_client.get("/"), 'class="item item-need_review"')


def test_more_needs_than_the_plan_holds_wait_for_the_coming_days(jordan_client, jordan):
    for n in range(7):
        noted(jordan, None, f"Need {n}", days=40)
    response = jordan_client.get("/")
    assertContains(response, "2 more, 5 a day")
    assertContains(response, "Need 6")


# Note a need --------------------------------------------------------------------------------


def test_the_page_offers_a_note_a_need_form(jordan_client):
    response = jordan_client.get("/")
    assertContains(response, "Note a need")
    assertContains(response, 'action="/agenda/need"')
    assertContains(response, 'name="need-person"')


def test_noting_a_need_for_a_forgivingly_named_person(jordan_client, jordan):
    rosa = make_person(jordan)
    form = {
        "need-person": "rosa",
        "need-text": "An intro to a UX lead",
        "need-kind": "introduction",
    }
    response = jordan_client.post("/agenda/need", form, follow=True)
    assertRedirects(response, "/")
    assertContains(response, "Noted what Rosa Núñez needs: An intro to a UX lead")
    need = Need.objects.get()
    assert (need.person, need.kind, need.text) == (rosa, "introduction", "An intro to a UX lead")


def test_noting_a_need_without_a_name_makes_it_yours(jordan_client, jordan):
    form = {"need-person": "", "need-text": "Advice on a pay offer", "need-kind": ""}
    response = jordan_client.post("/agenda/need", form, follow=True)
    assertContains(response, "Noted what you need: Advice on a pay offer")
    need = Need.objects.get()
    assert (need.person, need.kind) == (None, "other")


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"need-person": "Nobody", "need-text": "x"}, "Nobody called &#39;Nobody&#39;"),
        ({"need-person": "", "need-text": ""}, "Say in one line what is needed."),
    ],
)
def test_a_bad_need_stays_on_the_page_with_a_sentence(jordan_client, jordan, form, message):
    response = jordan_client.post("/agenda/need", form)
    assert response.status_code == 200
    assertContains(response, message)
    assert not Need.objects.exists()


@pytest.mark.parametrize(
    "url", ["/agenda/need", "/exchanges/1/thanked", "/exchanges/1/unthanked", "/needs/1/reviewed"]
)
def test_actions_need_a_post(jordan_client, url):
    assert jordan_client.get(url).status_code == 405


def test_riley_sees_none_of_jordans_give_and_take(riley_client, jordan):
    rosa = make_person(jordan)
    received(jordan, rosa, days=21)
    asked(jordan, rosa, days=10)
    noted(jordan, rosa, days=60)
    response = riley_client.get("/")
    for heading in (
        'class="item item-thank_you"',
        'class="item item-ask_unanswered"',
        'class="item item-need_review"',
        "Rosa",
    ):
        assertNotContains(response, heading)


def test_riley_cannot_act_on_jordans_give_and_take(riley_client, jordan):
    rosa = make_person(jordan)
    got, need = received(jordan, rosa, days=21), noted(jordan, rosa, days=60)
    assert riley_client.post(f"/exchanges/{got.pk}/thanked").status_code == 404
    assert riley_client.post(f"/exchanges/{got.pk}/unthanked").status_code == 404
    assert riley_client.post(f"/needs/{need.pk}/reviewed").status_code == 404
    assert Exchange.objects.get().thanked_on is None
    assert Need.objects.get().reviewed_on is None


def test_riley_cannot_note_a_need_for_jordans_people(riley_client, jordan):
    make_person(jordan)
    response = riley_client.post("/agenda/need", {"need-person": "Rosa", "need-text": "x"})
    assertContains(response, "Nobody called")
    assert not Need.objects.exists()
