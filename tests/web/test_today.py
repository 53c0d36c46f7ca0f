import datetime as dt

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from mutuals.changes import kept
from mutuals.interactions.models import Interaction
from mutuals.people.important_dates import add_important_date
from mutuals.people.models import Person
from mutuals.promises.models import Promise
from tests.factories import days_ago, log, make_person, make_promise
from tests.give_and_take import asked, noted, received

HTMX = {"HTTP_HX_REQUEST": "true"}


def overdue_person(owner, name="Rosa Núñez"):
    return make_person(owner, name, tier="close", known_since=days_ago(400))


def test_a_new_account_is_told_how_to_start(jordan_client):
    response = jordan_client.get("/")
    assertContains(response, "Start with the people you know")
    assertContains(response, 'href="/people/new"')


def test_with_nothing_due_it_says_you_are_caught_up(jordan_client, jordan):
    rosa = make_person(jordan, tier="friend", known_since=days_ago(400))
    log(jordan, rosa, days=10)
    assertContains(jordan_client.get("/"), "You are all caught up")


def test_a_due_promise_shows_with_its_reason_and_person(jordan_client, jordan):
    rosa = make_person(jordan, known_since=days_ago(400))
    make_promise(jordan, rosa, "Send Rosa the article", due_in=-2)
    response = jordan_client.get("/")
    assertContains(response, "Today's plan")
    assertContains(response, '<p class="item-kind muted">Promise</p>', html=True)
    assertContains(response, "Send Rosa the article")
    assertContains(response, "2 days overdue")
    assertContains(response, f'href="/people/{rosa.pk}/"')


def test_someone_met_this_week_is_a_new_acquaintance(jordan_client, jordan):
    jin = make_person(jordan, "Jin Park", tier="acquaintance")
    log(jordan, jin, "Met at the meetup", days=2, kind="event")
    response = jordan_client.get("/")
    assertContains(response, "New acquaintance")
    assertContains(response, "You met 2 days ago, with no follow-up yet.")
    assertContains(response, "When you met: met at the meetup.")


def test_an_overdue_contact_is_due_to_keep_in_touch(jordan_client, jordan):
    rosa = make_person(jordan, tier="close", known_since=days_ago(400))
    log(jordan, rosa, days=94)
    response = jordan_client.get("/")
    assertContains(response, "Keep in touch")
    assertContains(response, "Last talked 3 months ago; you aim to be in touch every 30 days.")
    assertContains(response, f'href="/log/?person={rosa.pk}"')


def test_more_due_than_the_plan_holds_waits_under_coming_days(jordan_client, jordan):
    for i in range(17):
        overdue_person(jordan, f"Person {i:02d}")
    response = jordan_client.get("/")
    plan = response.content.decode().split('<details class="coming-days"')[0]
    assert plan.count('<li class="item ') == 5
    assertContains(response, "0 of 5 done")
    assertContains(response, "12 more, 5 a day")
    assertContains(response, "Person 16")


def test_done_on_a_promise_swaps_it_for_an_undo(jordan_client, jordan):
    promise = make_promise(jordan, text="Send the article")
    response = jordan_client.post(f"/promises/{promise.pk}/done", {"next": "/"}, **HTMX)
    assertContains(response, "Done: Send the article")
    assertContains(response, f'action="/promises/{promise.pk}/reopen"')
    assertNotContains(response, "<html")
    promise.refresh_from_db()
    assert promise.done_at is not None


def test_done_without_htmx_goes_back_with_a_message(jordan_client, jordan):
    promise = make_promise(jordan)
    response = jordan_client.post(f"/promises/{promise.pk}/done", {"next": "/"}, follow=True)
    assertRedirects(response, "/")
    assertContains(response, "Done: Send the article")


def test_undo_reopens_the_promise(jordan_client, jordan):
    promise = make_promise(jordan)
    jordan_client.post(f"/promises/{promise.pk}/done")
    jordan_client.post(f"/promises/{promise.pk}/reopen", {"next": "/"})
    promise.refresh_from_db()
    assert promise.done_at is None


def test_snoozing_a_promise_for_a_week_takes_it_off_today(jordan_client, jordan):
    promise = make_promise(jordan, text="Send the article")
    response = jordan_client.post(f"/promises/{promise.pk}/snooze", {"days": "7"}, **HTMX)
    assertContains(response, "Snoozed until")
    promise.refresh_from_db()
    assert promise.snoozed_until == timezone.localdate() + dt.timedelta(days=7)
    assertNotContains(jordan_client.get("/"), "Send the article")


def test_reached_out_logs_a_message_you_started_today(jordan_client, jordan):
    rosa = overdue_person(jordan)
    response = jordan_client.post(f"/people/{rosa.pk}/reached-out", {"next": "/"}, **HTMX)
    assertContains(response, "Logged that you reached out to Rosa Núñez today")
    interaction = Interaction.objects.get(owner=jordan)
    assert (interaction.summary, interaction.kind, interaction.initiated_by) == (
        "Reached out",
        "message",
        "me",
    )
    assert interaction.occurred_on == timezone.localdate()
    assertNotContains(jordan_client.get("/"), "Keep in touch")


def test_undoing_reached_out_deletes_that_conversation(jordan_client, jordan):
    rosa = overdue_person(jordan)
    jordan_client.post(f"/people/{rosa.pk}/reached-out")
    interaction = Interaction.objects.get(owner=jordan)
    jordan_client.post(f"/interactions/{interaction.pk}/delete", {"next": "/"})
    assert not Interaction.objects.exists()


def test_snoozing_a_person_for_a_month_takes_them_off_today(jordan_client, jordan):
    rosa = overdue_person(jordan)
    response = jordan_client.post(f"/people/{rosa.pk}/snooze", {"days": "30"}, **HTMX)
    assertContains(response, "Rosa Núñez is snoozed until")
    rosa.refresh_from_db()
    assert rosa.snoozed_until == timezone.localdate() + dt.timedelta(days=30)
    assertNotContains(jordan_client.get("/"), "Rosa Núñez")


def test_undoing_a_person_snooze_puts_them_back(jordan_client, jordan):
    rosa = overdue_person(jordan)
    jordan_client.post(f"/people/{rosa.pk}/snooze", {"days": "7"})
    jordan_client.post(f"/people/{rosa.pk}/unsnooze", {"next": "/"})
    assertContains(jordan_client.get("/"), "Rosa Núñez")


def test_a_snooze_of_an_odd_length_is_refused(jordan_client, jordan):
    rosa = overdue_person(jordan)
    response = jordan_client.post(f"/people/{rosa.pk}/snooze", {"days": "9999"}, **HTMX)
    assertContains(response, "Choose to snooze for a week or a month.")
    rosa.refresh_from_db()
    assert rosa.snoozed_until is None


@pytest.mark.parametrize(
    "url", ["/promises/{promise}/done", "/promises/{promise}/snooze", "/people/{person}/snooze"]
)
def test_actions_need_a_post(jordan_client, jordan, url):
    rosa = overdue_person(jordan)
    promise = make_promise(jordan, rosa)
    assert jordan_client.get(url.format(promise=promise.pk, person=rosa.pk)).status_code == 405


def test_riley_does_not_see_jordans_agenda(riley_client, jordan):
    make_promise(jordan, overdue_person(jordan), "Send Rosa the article")
    response = riley_client.get("/")
    assertNotContains(response, "Send Rosa the article")
    assertContains(response, "Start with the people you know")


def test_riley_cannot_act_on_jordans_items(riley_client, jordan):
    rosa = overdue_person(jordan)
    promise = make_promise(jordan, rosa)
    assert riley_client.post(f"/promises/{promise.pk}/done").status_code == 404
    assert riley_client.post(f"/people/{rosa.pk}/reached-out").status_code == 404
    assert riley_client.post(f"/people/{rosa.pk}/snooze", {"days": "7"}).status_code == 404
    assert Promise.objects.get().done_at is None
    assert Person.objects.get().snoozed_until is None
    assert not Interaction.objects.exists()


@pytest.mark.parametrize("count", [3, 30])
def test_the_page_costs_the_same_queries_however_many_are_due(
    jordan_client, jordan, count, django_assert_num_queries
):
    for i in range(count):
        person = overdue_person(jordan, f"Person {i:02d}")
        make_promise(jordan, person, f"Promise {i}", due_in=-1)
        other = overdue_person(jordan, f"Other {i:02d}")
        received(jordan, other, f"Advice {i}", days=20)
        asked(jordan, other, f"Ask {i}", days=10)
        noted(jordan, other, f"Need {i}", days=40)
        soon = timezone.localdate() + dt.timedelta(days=i % 4)
        add_important_date(
            owner=jordan, person_id=other.pk, kind="birthday", month=soon.month, day=soon.day
        )
    jordan_client.get("/")  # the first request of a client also checks for a first run
    # session, user, promises, contacts, and one each for receives, asks, needs to review,
    # introductions and the occasions of the next few days; the plan's size (preferences),
    # what was done today, and the reasons' last conversations and open needs; the job
    # search's leads and the last two weeks' events; the open assignments from coaches;
    # whether you landed (preferences again, for the "tell everyone who helped" list); and
    # the records' version the plan is kept under (the plan kept from the first request is
    # dropped, to count its computing); and the coming meetings from your calendars
    kept.forget()
    with django_assert_num_queries(19):
        response = jordan_client.get("/?coming=all")
    assertContains(response, "Promise 0")
    assertContains(response, "Advice 0")
