import datetime as dt

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from mutuals.changes import kept
from mutuals.interactions.models import Interaction
from mutuals.needs.services import add_need
from mutuals.network.services import knows_someone
from mutuals.people.important_dates import add_important_date
from mutuals.promises.models import Promise
from tests.factories import days_ago, log, make_person, make_promise


def test_the_page_shows_the_strength_in_words(jordan_client, jordan):
    rosa = make_person(jordan, tier="close", known_since=days_ago(800))
    log(jordan, rosa, days=12, kind="coffee")
    response = jordan_client.get(f"/people/{rosa.pk}/")
    strength = response.context["strength"]
    assert strength.label == "steady"
    assertContains(response, '<span class="mark-word">steady</span></span> tie:')
    assertContains(response, "you have talked once; last talked 12 days ago.")
    assertContains(response, "Why: you count them as close; you have known each other 2 years")


def test_the_strength_number_is_only_in_the_marks_title(jordan_client, jordan):
    rosa = make_person(jordan, tier="close", known_since=days_ago(800))
    log(jordan, rosa, days=12, kind="coffee")
    response = jordan_client.get(f"/people/{rosa.pk}/")
    score = f"{response.context['strength'].score:.2f}"
    assertContains(response, f'title="Tie strength {score} on a scale from 0 to 1"')
    assertContains(response, score, count=1)


def test_a_cooling_tie_says_so(jordan_client, jordan):
    rosa = make_person(jordan, tier="close", known_since=days_ago(800))
    for days in (70, 100, 130):
        log(jordan, rosa, days=days)
    response = jordan_client.get(f"/people/{rosa.pk}/")
    assertContains(response, "tie, cooling: you have talked about every month; last talked")


def test_the_relationship_comes_before_the_timeline_and_the_forms_after_it(jordan_client, jordan):
    rosa = make_person(jordan, tier="close")
    log(jordan, rosa, "Coffee about her move to Bergen", days=5)
    html = jordan_client.get(f"/people/{rosa.pk}/").content.decode()
    order = [
        html.index('id="tie-heading"'),
        html.index("Last time"),
        html.index('id="add-heading"'),
        html.index('id="timeline-heading"'),
        html.index('id="needs-heading"'),
    ]
    assert order == sorted(order)


def test_the_last_conversation_is_summed_up_at_the_top(jordan_client, jordan):
    rosa = make_person(jordan, tier="close")
    log(jordan, rosa, "An old chat", days=40)
    log(jordan, rosa, "Coffee about her move to Bergen", days=5, kind="coffee")
    response = jordan_client.get(f"/people/{rosa.pk}/")
    assert response.context["last_conversation"].summary == "Coffee about her move to Bergen"
    html = response.content.decode()
    top = html[html.index('id="tie-heading"') : html.index('id="add-heading"')]
    assert "Coffee about her move to Bergen" in top
    assert "An old chat" not in top


def test_open_needs_and_promises_show_at_the_top(jordan_client, jordan):
    rosa = make_person(jordan)
    make_promise(jordan, rosa, "Send Rosa the article", due_in=3)
    add_need(owner=jordan, person_id=rosa.pk, text="A UX role in healthcare", kind="job_lead")
    html = jordan_client.get(f"/people/{rosa.pk}/").content.decode()
    top = html[html.index('id="tie-heading"') : html.index('id="add-heading"')]
    assert "They need</a>: A UX role in healthcare" in top
    assert "You promised</a>: Send Rosa the article" in top


@pytest.mark.parametrize(
    ("fragment", "action"),
    [
        ("log", "log"),
        ("need", "need"),
        ("give", "exchange"),
        ("ask", "ask"),
        ("promise", "promise"),
        ("introduce", "introduce"),
        ("knows", "knows"),
        ("date", "dates"),
        ("photo", "photo/upload"),
    ],
)
def test_each_form_sits_closed_in_the_add_row_under_its_fragment(
    jordan_client, jordan, fragment, action
):
    rosa = make_person(jordan)
    html = jordan_client.get(f"/people/{rosa.pk}/").content.decode()
    panel = html.index(f'<div class="add-panel card" id="{fragment}">')
    details = html.rindex("<details", 0, panel)
    assert html[details : html.index(">", details)] == '<details class="add-item" name="add"'
    assert f'action="/people/{rosa.pk}/{action}"' in html[panel : html.index("</details>", panel)]


def test_a_form_sent_back_with_errors_comes_back_open(jordan_client, jordan):
    rosa = make_person(jordan)
    response = jordan_client.post(f"/people/{rosa.pk}/log", {"log-summary": ""})
    assertContains(response, '<details class="add-item" name="add" open>', count=1)
    html = response.content.decode()
    opened = html.index('<details class="add-item" name="add" open>')
    assert html.index('id="log"') > opened


def test_the_page_shows_the_cadence_and_the_next_due_date(jordan_client, jordan):
    rosa = make_person(jordan, tier="close", known_since=days_ago(800))
    log(jordan, rosa, days=10)
    response = jordan_client.get(f"/people/{rosa.pk}/")
    assertContains(response, "Keep in touch every 30 days")
    assertContains(response, "Next catch-up due <time")
    assertContains(response, "in 20 days")


def test_the_timeline_lists_conversations_with_the_others_present(jordan_client, jordan):
    rosa, jin = make_person(jordan), make_person(jordan, "Jin Park")
    log(jordan, [rosa, jin], "Lunch at the conference", days=5)
    response = jordan_client.get(f"/people/{rosa.pk}/")
    assertContains(response, "Lunch at the conference")
    assertContains(response, f'<a href="/people/{jin.pk}/">Jin Park</a>', html=True)


def test_a_long_timeline_shows_the_recent_conversations_and_offers_the_rest(jordan_client, jordan):
    rosa = make_person(jordan)
    for days in range(25):
        log(jordan, rosa, f"Chat number {days}", days=days)
    response = jordan_client.get(f"/people/{rosa.pk}/")
    assertContains(response, "Chat number 19")
    assertNotContains(response, "Chat number 20")
    assertContains(response, "Show 5 earlier conversations")
    assertContains(jordan_client.get(f"/people/{rosa.pk}/?timeline=all"), "Chat number 24")


def test_the_page_lists_open_promises(jordan_client, jordan):
    rosa = make_person(jordan)
    make_promise(jordan, rosa, "Send Rosa the article", due_in=3)
    assertContains(jordan_client.get(f"/people/{rosa.pk}/"), "Send Rosa the article")


def test_the_quick_form_logs_a_conversation_for_today(jordan_client, jordan):
    rosa = make_person(jordan)
    data = {"log-summary": "Coffee about her new team", "log-occurred_on": timezone.localdate()}
    response = jordan_client.post(f"/people/{rosa.pk}/log", data)
    assertRedirects(response, f"/people/{rosa.pk}/", fetch_redirect_response=False)
    interaction = Interaction.objects.get()
    assert list(interaction.people.all()) == [rosa]
    assertContains(jordan_client.get(f"/people/{rosa.pk}/"), "Coffee about her new team")


def test_the_quick_form_shows_errors_next_to_the_fields(jordan_client, jordan):
    rosa = make_person(jordan)
    future = timezone.localdate() + dt.timedelta(days=10)
    response = jordan_client.post(
        f"/people/{rosa.pk}/log", {"log-summary": "Coffee", "log-occurred_on": future}
    )
    assertContains(response, 'id="id_log-occurred_on_error"')
    assertContains(response, "A conversation cannot be in the future")
    assert not Interaction.objects.exists()


def test_adding_a_promise_from_the_page(jordan_client, jordan):
    rosa = make_person(jordan)
    due = timezone.localdate() + dt.timedelta(days=4)
    jordan_client.post(
        f"/people/{rosa.pk}/promise", {"promise-text": "Intro to Sam", "promise-due_on": due}
    )
    promise = Promise.objects.get()
    assert (promise.person, promise.text, promise.due_on) == (rosa, "Intro to Sam", due)


def test_an_empty_promise_is_refused_next_to_the_text(jordan_client, jordan):
    rosa = make_person(jordan)
    response = jordan_client.post(
        f"/people/{rosa.pk}/promise", {"promise-text": "  ", "promise-due_on": "2030-01-01"}
    )
    assertContains(response, 'id="id_promise-text_error"')
    assert not Promise.objects.exists()


def test_logging_and_promising_need_a_post(jordan_client, jordan):
    rosa = make_person(jordan)
    assert jordan_client.get(f"/people/{rosa.pk}/log").status_code == 405
    assert jordan_client.get(f"/people/{rosa.pk}/promise").status_code == 405


def test_riley_gets_404_on_jordans_person(riley_client, jordan):
    rosa = make_person(jordan)
    assert riley_client.get(f"/people/{rosa.pk}/").status_code == 404


def test_riley_cannot_log_or_promise_on_jordans_person(riley_client, jordan):
    rosa = make_person(jordan)
    today = timezone.localdate()
    log_data = {"log-summary": "Coffee", "log-occurred_on": today}
    promise_data = {"promise-text": "Intro", "promise-due_on": today}
    assert riley_client.post(f"/people/{rosa.pk}/log", log_data).status_code == 404
    assert riley_client.post(f"/people/{rosa.pk}/promise", promise_data).status_code == 404
    assert not Interaction.objects.exists()
    assert not Promise.objects.exists()


def test_someone_you_only_know_of_is_offered_a_closeness(jordan_client, jordan):
    sam = make_person(jordan, "Sam Ortiz", tier=None)
    response = jordan_client.get(f"/people/{sam.pk}/")
    assertContains(response, "Someone you know of")
    assertNotContains(response, "Next catch-up due")


@pytest.mark.parametrize("count", [2, 12])
def test_the_person_page_costs_the_same_queries_however_many_conversations_dates_and_ties(
    jordan_client, jordan, count, django_assert_num_queries
):
    rosa = make_person(jordan, tier="close", emails=["rosa@example.org"], circles=["Work"])
    for i in range(count):
        other = make_person(jordan, f"Other Person {i}")
        log(jordan, [rosa, other], days=i)
        knows_someone(owner=jordan, person_id=rosa.pk, name=other.full_name, strength=0.5)
        add_important_date(owner=jordan, person_id=rosa.pk, kind="other", month=1 + i % 12, day=1)
        make_promise(jordan, rosa, f"Promise {i}", due_in=i)
    jordan_client.get(f"/people/{rosa.pk}/")  # the first request also checks for a first run
    kept.forget()  # to count the page's own reads, not the ones kept from that request
    # session, user, the records' version, person and whether they have a photo, which kinds
    # of records they have (one query; she has no needs, positions, leads, events or phones:
    # not read), circles, emails, exchanges, asks, promises, timeline (+ who else took part),
    # who they know, dates, people names
    with django_assert_num_queries(15):
        response = jordan_client.get(f"/people/{rosa.pk}/")
    # the same page again, nothing changed: session, user, the records' version
    with django_assert_num_queries(3):
        again = jordan_client.get(f"/people/{rosa.pk}/")
    assert again.content.count(b"Promise ") == response.content.count(b"Promise ")
    assert len(response.context["timeline"]) == count
    assert len(response.context["they_know_known"]) == count
