"""The home page's plan: numbered, "n of 5 done", done with "Do one more", the coming days to
browse; and the plan size in Settings."""

from __future__ import annotations

from pytest_django.asserts import assertContains, assertNotContains

from mutuals.accounts.selectors import preferences_of
from mutuals.people.models import Person
from tests.factories import days_ago, log, make_person


def overdue(owner, count):
    for n in range(count):
        person = make_person(owner, f"Contact {n:02}", tier="close", known_since=days_ago(400))
        log(owner, person, days=60)


def plan_part(response) -> str:
    return response.content.decode().split('<details class="coming-days"')[0]


def test_the_plan_is_a_numbered_list_with_progress(jordan_client, jordan):
    overdue(jordan, 3)
    response = jordan_client.get("/")
    assertContains(response, '<ol class="items plan-items" start="1">')
    assertContains(response, "0 of 5 done")
    assertContains(response, '<progress max="5" value="0" aria-labelledby="plan-progress">')


def test_acting_on_an_item_counts_it_done_and_the_list_shrinks(jordan_client, jordan):
    overdue(jordan, 7)
    rosa = Person.objects.get(owner=jordan, full_name="Contact 00")
    jordan_client.post(f"/people/{rosa.pk}/reached-out", {"next": "/"})
    response = jordan_client.get("/")
    assertContains(response, "1 of 5 done")
    assertContains(response, '<ol class="items plan-items" start="2">')
    assert plan_part(response).count('<li class="item ') == 4


def test_a_finished_plan_says_so_and_offers_one_more(jordan_client, jordan):
    overdue(jordan, 7)
    for person in Person.objects.filter(owner=jordan).order_by("full_name")[:5]:
        jordan_client.post(f"/people/{person.pk}/reached-out")
    response = jordan_client.get("/")
    assertContains(response, "5 of 5 done")
    assertContains(response, "Plan done for today.")
    assertContains(response, 'href="/?more=1"')
    more = jordan_client.get("/?more=1")
    assertContains(more, "5 of 6 done")
    assert plan_part(more).count('<li class="item ') == 1
    assertContains(more, 'href="/?more=2"', count=0)


def test_a_nonsense_more_is_ignored(jordan_client, jordan):
    overdue(jordan, 7)
    assert plan_part(jordan_client.get("/?more=abc")).count('<li class="item ') == 5


def test_the_coming_days_are_collapsed_with_each_day_headed(jordan_client, jordan):
    overdue(jordan, 12)
    response = jordan_client.get("/")
    assertContains(response, '<details class="coming-days" id="coming-days">')
    assertContains(response, "<h2>Coming days</h2>", html=False)
    tomorrow = days_ago(-1)
    assertContains(response, f'id="day-{tomorrow.isoformat()}"')


def test_settings_sets_the_plan_size_used_by_today(jordan_client, jordan):
    overdue(jordan, 12)
    response = jordan_client.post("/settings/plan", {"plan_size": "8"}, follow=True)
    assertContains(response, "Saved: your daily plan holds 8 actions.")
    assert preferences_of(jordan).plan_size == 8
    assert plan_part(jordan_client.get("/")).count('<li class="item ') == 8


def test_a_plan_size_out_of_range_is_refused_naming_the_field(jordan_client, jordan):
    response = jordan_client.post("/settings/plan", {"plan_size": "50"})
    assertContains(response, "The daily plan holds 1 to 20 actions.")
    assert preferences_of(jordan).plan_size == 5


def test_the_settings_page_shows_the_current_plan_size(jordan_client):
    response = jordan_client.get("/settings/")
    assertContains(response, "Daily plan")
    assertContains(response, 'name="plan_size" value="5"')


def test_riley_changing_the_plan_size_leaves_jordans_alone(riley_client, jordan, riley):
    riley_client.post("/settings/plan", {"plan_size": "3"})
    assert (preferences_of(riley).plan_size, preferences_of(jordan).plan_size) == (3, 5)
    assertNotContains(riley_client.get("/"), "Contact")


def test_a_long_backlog_shows_a_week_of_coming_days_and_the_rest_on_request(jordan_client, jordan):
    from mutuals.accounts.services import update_preferences

    update_preferences(user=jordan, plan_size=1)
    overdue(jordan, 12)  # 1 today, then 1 a day: 11 coming days

    week = jordan_client.get("/")
    days = [f'id="day-{days_ago(-n).isoformat()}"' for n in range(1, 12)]
    for shown in days[:7]:
        assertContains(week, shown)
    for hidden in days[7:]:
        assertNotContains(week, hidden)
    assertContains(week, "Show the other 4 items, day by day")

    everything = jordan_client.get("/?coming=all")
    assertContains(everything, '<details class="coming-days" id="coming-days" open>')
    for shown in days:
        assertContains(everything, shown)
    assertNotContains(everything, "Show the other")
