"""The progress page and the goals form; Riley never sees Jordan's progress or goals."""

from __future__ import annotations

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from mutuals.progress import services
from mutuals.progress.models import Goal
from tests.progress_data import week_of_everything

pytestmark = pytest.mark.django_db


def _goals(owner, **targets):
    services.choose_goals(owner=owner, targets=targets, today=timezone.localdate())


def test_a_new_user_sees_what_to_do_next(jordan_client):
    response = jordan_client.get("/progress/")
    assertContains(response, "Nothing to show yet")
    assertContains(response, 'href="/progress/goals"')
    assertNotContains(response, "<svg")


def test_the_page_says_this_week_against_each_goal_in_one_sentence(jordan, jordan_client):
    week_of_everything(jordan, today=timezone.localdate())
    _goals(jordan, gives=2, conversations=4)
    response = jordan_client.get("/progress/")
    assertContains(response, "1 of 2 goals this week; you gave more than you asked.")
    assertContains(response, "One missed week is forgiven")


def test_each_goal_has_a_named_chart_and_its_figures_as_a_table(jordan, jordan_client):
    week_of_everything(jordan, today=timezone.localdate())
    _goals(jordan, gives=2)
    response = jordan_client.get("/progress/")
    assertContains(response, 'role="img"', count=5)
    assertContains(response, 'aria-labelledby="chart-gives-title chart-gives-desc"')
    assertContains(response, '<title id="chart-gives-title">Gives, the last 12 weeks</title>')
    assertContains(response, '<details class="chart-figures">', count=5)
    assertContains(response, '<th scope="col">Week of</th>', count=5)


def test_charts_put_gives_and_conversations_before_applications(jordan, jordan_client):
    _goals(jordan, applications=1, gives=1)
    html = jordan_client.get("/progress/").content.decode()
    assert html.index('id="goal-gives"') < html.index('id="goal-conversations"')
    assert html.index('id="goal-conversations"') < html.index('id="goal-applications"')


def test_the_page_reads_in_a_fixed_number_of_queries(
    jordan, jordan_client, django_assert_max_num_queries
):
    week_of_everything(jordan, today=timezone.localdate())
    _goals(jordan, gives=2)
    with django_assert_max_num_queries(12):
        jordan_client.get("/progress/")


def test_the_goals_form_offers_the_suggested_goals_at_first(jordan_client):
    response = jordan_client.get("/progress/goals")
    form = response.context["form"]
    assert form.initial["gives_chosen"] is True
    assert form.initial["conversations_target"] == 3
    assert form.initial["applications_chosen"] is False
    assertContains(response, "Suggested goals are ticked")


def test_saving_the_goals_form_chooses_them_and_goes_to_progress(jordan, jordan_client):
    data = {"gives_chosen": "on", "gives_target": "3", "conversations_target": "2"}
    response = jordan_client.post("/progress/goals", data, follow=True)
    assertContains(response, "Saved: 1 weekly goal, from this week.")
    assert list(Goal.objects.filter(owner=jordan).values_list("kind", "weekly_target")) == [
        ("gives", 3)
    ]


def test_the_form_shows_the_goals_chosen_before(jordan, jordan_client):
    _goals(jordan, applications=2)
    form = jordan_client.get("/progress/goals").context["form"]
    assert form.initial["applications_chosen"] is True
    assert form.initial["applications_target"] == 2
    assert form.initial["gives_chosen"] is False


@pytest.mark.parametrize(
    ("data", "field", "words"),
    [
        ({"gives_chosen": "on", "gives_target": "0"}, "gives_target", "greater than or equal to 1"),
        ({"gives_chosen": "on", "gives_target": ""}, "gives_target", "Gives: say how many a week."),
        ({"gives_chosen": "on", "gives_target": "lots"}, "gives_target", "Enter a whole number."),
    ],
)
def test_a_bad_target_is_refused_naming_the_goal_and_changes_nothing(
    jordan, jordan_client, data, field, words
):
    response = jordan_client.post("/progress/goals", data)
    assert response.status_code == 200
    assert words in " ".join(response.context["form"].errors[field])
    assert not Goal.objects.filter(owner=jordan).exists()


def test_today_links_to_progress(jordan_client):
    assertContains(jordan_client.get("/"), 'href="/progress/"')


def test_riley_sees_none_of_jordans_progress_or_goals(jordan, riley, riley_client):
    week_of_everything(jordan, today=timezone.localdate())
    _goals(jordan, gives=7)
    assertContains(riley_client.get("/progress/"), "Nothing to show yet")
    assert riley_client.get("/progress/goals").context["form"].initial["gives_target"] == 2
    riley_client.post("/progress/goals", {"gives_chosen": "on", "gives_target": "1"})
    assert list(Goal.objects.filter(owner=jordan).values_list("weekly_target", flat=True)) == [7]
    assert Goal.objects.filter(owner=riley).count() == 1


@pytest.mark.parametrize("address", ["/progress/", "/progress/goals"])
def test_signed_out_visitors_are_sent_to_sign_in(jordan, client, address):
    response = client.get(address)
    assert response.status_code == 302
    assert "/login/" in response["Location"]
