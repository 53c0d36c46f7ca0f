"""After logging a conversation, "Record this?" offers what its words suggest; nothing is
recorded until the user chooses Add."""

import datetime as dt

from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from mutuals.interactions.models import Interaction
from mutuals.ledger.models import Exchange
from mutuals.needs.models import Need
from mutuals.promises.models import Promise
from tests.factories import log, make_person

NOTES = (
    "Coffee with Priya. I'll send you the deck tomorrow. "
    "She's looking for a UX role in healthcare. Thanks for the referral to Copperleaf!"
)


def log_data(*people, **overrides):
    data = {
        "people": [p.pk for p in people],
        "summary": NOTES,
        "occurred_on": timezone.localdate().isoformat(),
        "kind": "coffee",
    }
    return {**data, **overrides}


def suggestions_page(interaction, **query):
    return f"/log/{interaction.pk}/record", query


def test_a_conversation_that_mentions_nothing_goes_straight_to_the_timeline(jordan_client, jordan):
    priya = make_person(jordan, "Priya Raman")
    response = jordan_client.post("/log/", log_data(priya, summary="Coffee and a chat"))
    assertRedirects(response, f"/people/{priya.pk}/", fetch_redirect_response=False)


def test_a_conversation_with_a_promise_a_need_and_help_asks_to_record_them(jordan_client, jordan):
    priya = make_person(jordan, "Priya Raman")
    response = jordan_client.post("/log/", log_data(priya), follow=True)
    interaction = Interaction.objects.get()
    assert response.redirect_chain[-1][0].startswith(f"/log/{interaction.pk}/record?next=")
    assertContains(response, "<h1>Record this?</h1>", html=True)
    assertContains(response, 'value="Send Priya the deck tomorrow"')
    assertContains(response, 'value="Looking for a UX role in healthcare"')
    assertContains(response, 'value="Referral to Copperleaf"')
    assertContains(response, "Help you received")


def test_nothing_is_recorded_without_the_users_word(jordan_client, jordan):
    priya = make_person(jordan, "Priya Raman")
    jordan_client.post("/log/", log_data(priya), follow=True)
    assert not Promise.objects.exists()
    assert not Need.objects.exists()
    assert not Exchange.objects.exists()


def test_add_records_the_promise_as_edited_and_comes_back_for_the_rest(jordan_client, jordan):
    priya = make_person(jordan, "Priya Raman")
    interaction = log(jordan, priya, NOTES)
    due = timezone.localdate() + dt.timedelta(days=3)
    response = jordan_client.post(
        f"/log/{interaction.pk}/record?next=/people/{priya.pk}/",
        {
            "number": 1,
            "next": f"/people/{priya.pk}/",
            "s1-text": "Send Priya the pitch deck",
            "s1-person": priya.pk,
            "s1-due_on": due.isoformat(),
        },
        follow=True,
    )
    promise = Promise.objects.get()
    assert (promise.text, promise.person, promise.due_on) == (
        "Send Priya the pitch deck",
        priya,
        due,
    )
    assertContains(response, "Added")
    assertContains(response, 'value="Looking for a UX role in healthcare"')
    assertNotContains(response, 'name="s1-text"')


def test_adding_a_need_and_a_receive_uses_their_kinds(jordan_client, jordan):
    priya = make_person(jordan, "Priya Raman")
    interaction = log(jordan, priya, NOTES)
    url = f"/log/{interaction.pk}/record"
    jordan_client.post(
        url, {"number": 2, "s2-text": "Looking for a UX role", "s2-person": priya.pk}
    )
    jordan_client.post(
        url, {"number": 3, "s3-text": "Referral to Copperleaf", "s3-person": priya.pk}
    )
    need = Need.objects.get()
    assert (need.person, need.kind, need.text) == (priya, "job_lead", "Looking for a UX role")
    exchange = Exchange.objects.get()
    assert (exchange.person, exchange.direction, exchange.kind) == (priya, "received", "referral")


def test_no_hides_a_suggestion_and_when_none_is_left_the_page_moves_on(jordan_client, jordan):
    priya = make_person(jordan, "Priya Raman")
    interaction = log(jordan, priya, "I'll send you the deck.")
    back = f"/people/{priya.pk}/"
    response = jordan_client.get(f"/log/{interaction.pk}/record", {"next": back, "skip": "1"})
    assertRedirects(response, back, fetch_redirect_response=False)
    assert not Promise.objects.exists()


def test_a_suggestion_cannot_be_recorded_about_someone_outside_the_conversation(
    jordan_client, jordan
):
    priya, tom = make_person(jordan, "Priya Raman"), make_person(jordan, "Tom Baker")
    interaction = log(jordan, priya, "I'll send you the deck.")
    response = jordan_client.post(
        f"/log/{interaction.pk}/record",
        {"number": 1, "s1-text": "Send the deck", "s1-person": tom.pk},
    )
    assertContains(response, "Choose one of the people in this conversation.")
    assert not Promise.objects.exists()


def test_an_empty_text_is_an_error_on_the_field_and_records_nothing(jordan_client, jordan):
    priya = make_person(jordan, "Priya Raman")
    interaction = log(jordan, priya, "I'll send you the deck.")
    response = jordan_client.post(
        f"/log/{interaction.pk}/record", {"number": 1, "s1-text": "  ", "s1-person": priya.pk}
    )
    assertContains(response, "This field is required.")
    assert not Promise.objects.exists()


def test_with_two_people_the_page_asks_whom_it_is_about(jordan_client, jordan):
    priya, tom = make_person(jordan, "Priya Raman"), make_person(jordan, "Tom Baker")
    interaction = log(jordan, [priya, tom], "Tom is hiring a backend engineer.")
    response = jordan_client.get(f"/log/{interaction.pk}/record")
    assertContains(response, '<label for="id_s1-person">About</label>', html=True)
    assertContains(response, f'<option value="{tom.pk}" selected>Tom Baker</option>', html=True)


def test_riley_cannot_see_or_use_jordans_suggestions(riley_client, jordan):
    priya = make_person(jordan, "Priya Raman")
    interaction = log(jordan, priya, NOTES)
    url = f"/log/{interaction.pk}/record"
    assert riley_client.get(url).status_code == 404
    response = riley_client.post(url, {"number": 1, "s1-text": "x", "s1-person": priya.pk})
    assert response.status_code == 404
    assert not Promise.objects.exists()


def test_the_person_pages_quick_log_offers_them_too_and_comes_back_to_the_person(
    jordan_client, jordan
):
    priya = make_person(jordan, "Priya Raman")
    data = {"log-summary": NOTES[:300], "log-occurred_on": timezone.localdate().isoformat()}
    response = jordan_client.post(f"/people/{priya.pk}/log", data, follow=True)

    interaction = Interaction.objects.get()
    assert response.redirect_chain[-1][0].startswith(f"/log/{interaction.pk}/record?next=")
    assert f"next=%2Fpeople%2F{priya.pk}%2F" in response.redirect_chain[-1][0]
    assertContains(response, 'value="Send Priya the deck tomorrow"')
    assert not Promise.objects.exists()
