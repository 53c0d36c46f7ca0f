"""The job search on the web: the agenda's search items and their buttons on Today, the
interview day on the board and the lead page, landing (keep-in-touch mode) with everyone who
helped and "I sent it", and going back to searching from Settings."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from mutuals.accounts.selectors import preferences_of
from mutuals.interactions.models import Interaction
from mutuals.leads import services as leads
from mutuals.leads.landed import CHECK_IN_TEXT
from mutuals.leads.models import Lead, LeadEvent
from mutuals.ledger.models import Exchange
from mutuals.promises.models import Promise
from tests.factories import make_person


def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def lead(jordan):
    ana = make_person(jordan, "Ana Ruiz", organization="Orion")
    return leads.create_lead(
        owner=jordan,
        title="Product Designer",
        organization="Orion",
        people=[(ana.pk, "referrer")],
        today=today() - dt.timedelta(days=20),
    )


def ana(lead):
    return lead.people.get().person


def test_a_referral_thank_you_is_on_today_and_thanked_from_there(jordan_client, jordan, lead):
    leads.move_lead(owner=jordan, lead_id=lead.pk, stage="referred")
    page = jordan_client.get("/")
    assertContains(page, "Thank for a referral")
    assertContains(page, "Ana referred you for Product Designer at Orion today.")
    assertContains(page, f'action="/leads/{lead.pk}/thanked/{ana(lead).pk}"')
    assertContains(page, "purpose=thanks")
    response = jordan_client.post(f"/leads/{lead.pk}/thanked/{ana(lead).pk}", {"next": "/"})
    assert response.status_code == 302
    exchange = Exchange.objects.get(owner=jordan)
    assert (exchange.kind, exchange.thanked_on) == ("referral", today())
    assertNotContains(jordan_client.get("/"), "Thank for a referral")


def test_an_application_follow_up_is_noted_from_today(jordan_client, jordan, lead):
    leads.move_lead(
        owner=jordan, lead_id=lead.pk, stage="applied", today=today() - dt.timedelta(days=8)
    )
    page = jordan_client.get("/")
    assertContains(page, "Application follow-up")
    assertContains(page, "You applied for Product Designer at Orion 8 days ago")
    jordan_client.post(f"/leads/{lead.pk}/followed-up", {"next": "/"})
    assert LeadEvent.objects.filter(lead=lead, kind="note", occurred_on=today()).exists()
    assertNotContains(jordan_client.get("/"), "Application follow-up")


def test_moving_to_interviewing_with_a_day_puts_prep_on_today(jordan_client, jordan, lead):
    tomorrow = today() + dt.timedelta(days=1)
    response = jordan_client.post(
        f"/leads/{lead.pk}/move", {"stage": "interviewing", "interview_on": tomorrow.isoformat()}
    )
    assert response.status_code == 302
    assert Lead.objects.get(pk=lead.pk).interview_on == tomorrow
    page = jordan_client.get("/")
    assertContains(page, "Interview prep")
    assertContains(page, "Your interview for Product Designer at Orion is tomorrow.")
    assertContains(page, "Behind this lead: Ana Ruiz (referrer).")
    detail = jordan_client.get(f"/leads/{lead.pk}/")
    assertContains(detail, "Today prepares you the day before")
    assertContains(detail, f"{tomorrow.day} {tomorrow:%b %Y}")


def test_the_lead_page_sets_and_refuses_an_interview_day(jordan_client, jordan, lead):
    leads.move_lead(owner=jordan, lead_id=lead.pk, stage="interviewing")
    day = today() + dt.timedelta(days=5)
    jordan_client.post(f"/leads/{lead.pk}/interview", {"interview_on": day.isoformat()})
    assert Lead.objects.get(pk=lead.pk).interview_on == day
    response = jordan_client.post(
        f"/leads/{lead.pk}/interview", {"interview_on": "soon"}, follow=True
    )
    assertContains(response, "Give the interview&#x27;s day as a date")
    assert Lead.objects.get(pk=lead.pk).interview_on == day


def test_the_board_offers_an_interview_day_on_applied_cards(jordan_client, jordan, lead):
    leads.move_lead(owner=jordan, lead_id=lead.pk, stage="applied")
    assertContains(jordan_client.get("/leads/"), f'id="interview-{lead.pk}"')


def test_accepting_an_offer_lands_and_shows_everyone_who_helped(jordan_client, jordan, lead):
    leads.move_lead(owner=jordan, lead_id=lead.pk, stage="offer")
    response = jordan_client.post(f"/leads/{lead.pk}/move", {"stage": "accepted"}, follow=True)
    assertContains(response, "Keep-in-touch mode is on")
    assert response.redirect_chain[-1][0] == "/leads/thanks/"
    assertContains(response, "Everyone who helped")
    assertContains(response, "referred you for Product Designer at Orion")
    assertContains(response, "I have accepted an offer: Product Designer at Orion")
    assert preferences_of(jordan).landed_on == today()
    assert Promise.objects.filter(owner=jordan, text=CHECK_IN_TEXT).count() == 1
    home = jordan_client.get("/")
    assertContains(home, "Tell everyone who helped")
    assertContains(home, "Ana Ruiz")
    person = ana(lead)
    sent = jordan_client.post(
        f"/leads/thanks/{person.pk}/sent", {"text": "Thank you, Ana!", "next": "/leads/thanks/"}
    )
    assert sent.status_code == 302
    assert Interaction.objects.get(owner=jordan).notes == "Thank you, Ana!"
    assertNotContains(jordan_client.get("/"), "Tell everyone who helped")
    assertContains(jordan_client.get("/leads/thanks/"), "· thanked")


def test_settings_shows_landed_and_goes_back_to_searching_after_confirming(
    jordan_client, jordan, lead
):
    assertNotContains(jordan_client.get("/settings/"), "keep-in-touch mode")
    assert jordan_client.get("/settings/searching").status_code == 302  # not landed
    leads.move_lead(owner=jordan, lead_id=lead.pk, stage="offer")
    leads.move_lead(owner=jordan, lead_id=lead.pk, stage="accepted")
    day = today()
    assertContains(jordan_client.get("/settings/"), f"You landed ({day.day} {day:%b %Y})")
    confirm = jordan_client.get("/settings/searching")
    assertContains(confirm, "Go back to searching?")
    assert preferences_of(jordan).landed_on == day  # asking changes nothing
    jordan_client.post("/settings/searching")
    assert preferences_of(jordan).landed_on is None
    assert not Promise.objects.filter(owner=jordan).exists()


def test_the_thanks_page_without_a_search_says_what_to_do(jordan_client):
    assertContains(jordan_client.get("/leads/thanks/"), "Nobody to thank yet")


def test_riley_sees_none_of_jordans_helpers_and_cannot_log_a_thanks_to_them(
    riley_client, jordan, lead
):
    leads.move_lead(owner=jordan, lead_id=lead.pk, stage="offer")
    leads.move_lead(owner=jordan, lead_id=lead.pk, stage="accepted")
    assertNotContains(riley_client.get("/leads/thanks/"), "Ana Ruiz")
    assertNotContains(riley_client.get("/"), "Ana Ruiz")
    riley_client.post(f"/leads/thanks/{ana(lead).pk}/sent", {"text": "Hi"})
    assert not Interaction.objects.exists()
    assert riley_client.post("/settings/searching").status_code == 302
    assert preferences_of(jordan).landed_on == today()
