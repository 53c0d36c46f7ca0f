"""/review: the weekly needs review, its per-need actions and "Mark all reviewed"."""

from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from mutuals.needs.models import Need
from tests.factories import days_ago, make_person
from tests.give_and_take import noted

HTMX = {"HTTP_HX_REQUEST": "true"}


def test_the_nav_links_to_the_review(jordan_client):
    assertContains(jordan_client.get("/"), 'href="/review/"')


def test_an_empty_review_says_how_to_fill_it(jordan_client):
    response = jordan_client.get("/review/")
    assertContains(response, "No open needs to review")
    assertNotContains(response, "Mark all reviewed")


def test_needs_are_grouped_by_age_oldest_first_with_whose_and_what_to_do(jordan_client, jordan):
    rosa = make_person(jordan)
    noted(jordan, rosa, "Intro to a UX lead", days=45)
    noted(jordan, None, "Advice on a pay offer", days=12)
    noted(jordan, rosa, "Job leads in fintech", days=2, kind="job_lead")
    response = jordan_client.get("/review/")
    html = response.content.decode()
    order = ["Noted over 30 days", "Intro to a UX lead", "Noted this month", "Advice on a pay"]
    order += ["Noted this week", "Job leads in fintech"]
    positions = [html.index(text) for text in order]
    assert positions == sorted(positions)
    assertContains(response, "when something fits, offer Rosa an introduction")
    assertContains(response, "when something fits, share with Rosa")
    assertContains(response, "ask someone who could help")
    assertContains(response, f'href="/people/{rosa.pk}/"')
    assertContains(response, "never reviewed")
    assertContains(response, "3 open needs, 1 not reviewed for a month or more")


def test_each_need_has_reviewed_helped_done_and_dropped(jordan_client, jordan):
    theirs = noted(jordan, make_person(jordan), days=45)
    mine = noted(jordan, None, "Advice on a pay offer", days=3)
    response = jordan_client.get("/review/")
    for action in ("reviewed", "helped", "done", "dropped"):
        assertContains(response, f'action="/needs/{theirs.pk}/{action}"')
    assertNotContains(response, f'action="/needs/{mine.pk}/helped"')


def test_the_last_review_date_is_shown(jordan_client, jordan):
    need = noted(jordan, days=45)
    Need.objects.filter(pk=need.pk).update(reviewed_on=days_ago(3))
    assertContains(jordan_client.get("/review/"), "last reviewed <time")


def test_reviewed_on_the_review_swaps_the_need_for_a_message(jordan_client, jordan):
    need = noted(jordan, days=45)
    response = jordan_client.post(f"/needs/{need.pk}/reviewed", {"next": "/review/"}, **HTMX)
    assertContains(response, "Reviewed: Intro to a UX lead")
    assert Need.objects.get().reviewed_on == timezone.localdate()


def test_mark_all_reviewed_asks_first_listing_the_needs(jordan_client, jordan):
    first, second = noted(jordan, days=45), noted(jordan, None, "Advice", days=3)
    response = jordan_client.get("/review/all-reviewed")
    assertContains(response, "Mark 2 needs reviewed?")
    assertContains(response, f'name="need" value="{first.pk}"')
    assertContains(response, f'name="need" value="{second.pk}"')
    assert not Need.objects.filter(reviewed_on__isnull=False).exists()


def test_confirming_marks_exactly_the_listed_needs(jordan_client, jordan):
    listed, later = noted(jordan, days=45), noted(jordan, None, "Noted since", days=3)
    response = jordan_client.post("/review/all-reviewed", {"need": [listed.pk]}, follow=True)
    assertRedirects(response, "/review/")
    assertContains(response, "Marked 1 need reviewed today.")
    listed.refresh_from_db()
    later.refresh_from_db()
    assert (listed.reviewed_on, later.reviewed_on) == (timezone.localdate(), None)


def test_nonsense_ids_mark_nothing(jordan_client, jordan):
    noted(jordan, days=45)
    response = jordan_client.post(
        "/review/all-reviewed", {"need": ["x", "-1", "9" * 40]}, follow=True
    )
    assertContains(response, "Marked 0 needs reviewed today.")
    assert Need.objects.get().reviewed_on is None


def test_riley_does_not_see_jordans_review(riley_client, jordan):
    noted(jordan, make_person(jordan), "Intro to a UX lead", days=45)
    response = riley_client.get("/review/")
    assertNotContains(response, "Intro to a UX lead")
    assertContains(response, "No open needs to review")
    assertNotContains(riley_client.get("/review/all-reviewed"), "Intro to a UX lead")


def test_riley_cannot_mark_jordans_needs_reviewed(riley_client, jordan):
    need = noted(jordan, days=45)
    riley_client.post("/review/all-reviewed", {"need": [need.pk]})
    assert riley_client.post(f"/needs/{need.pk}/reviewed").status_code == 404
    assert Need.objects.get().reviewed_on is None


def test_the_review_costs_the_same_queries_however_many_needs(
    jordan_client, jordan, django_assert_num_queries
):
    for n in range(12):
        noted(jordan, make_person(jordan, f"Person {n:02d}"), f"Need {n}", days=n * 5)
    jordan_client.get("/review/")
    with django_assert_num_queries(3):  # session, user, the needs
        response = jordan_client.get("/review/")
    assertContains(response, "Need 11")
