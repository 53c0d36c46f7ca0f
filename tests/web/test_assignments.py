"""The client's /assignments/ and Today's assignment items; the coach's /coach/assignments/."""

from __future__ import annotations

import datetime as dt

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from mutuals.assignments import selectors, services
from mutuals.assignments.models import Assignment
from mutuals.coaching.models import CoachLink
from tests.coach_data import make_coach
from tests.factories import make_user

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def casey_client(casey) -> Client:
    client = Client()
    client.force_login(casey)
    return client


@pytest.fixture
def linked(casey, jordan):
    make_coach(casey)
    return CoachLink.objects.create(
        coach=casey, client=jordan, level="progress", state="active", invited_by="coach"
    )


def set_one(casey, jordan, key="thank-three", **fields):
    return services.assign(coach=casey, client_ids=[jordan.pk], template_key=key, **fields)[0]


def test_the_client_page_says_what_to_do_when_there_is_nothing(jordan_client):
    response = jordan_client.get("/assignments/")
    assertContains(response, "Nothing to do from a coach")


def test_the_client_sees_an_assignment_with_who_set_it_and_when(
    jordan_client, casey, jordan, linked
):
    due = timezone.localdate() + dt.timedelta(days=3)
    set_one(casey, jordan, due_on=due)
    response = jordan_client.get("/assignments/")
    assertContains(response, "Thank three people who helped you")
    assertContains(response, "Set by your coach casey")
    assertContains(response, f"due {due.day} {due:%b %Y}")


def test_an_assignment_is_on_today_with_a_done_button(jordan_client, casey, jordan, linked):
    made = set_one(casey, jordan)
    response = jordan_client.get("/")
    assertContains(response, "From your coach")
    assertContains(response, "Thank three people who helped you")
    assertContains(response, f'action="/assignments/{made.pk}/done"')


def test_done_from_today_swaps_the_item_with_an_undo(jordan_client, casey, jordan, linked):
    made = set_one(casey, jordan)
    response = jordan_client.post(f"/assignments/{made.pk}/done", **HTMX)
    assertContains(response, "Done: Thank three people who helped you")
    assertContains(response, f"/assignments/{made.pk}/undo")
    assertNotContains(jordan_client.get("/"), "Thank three people who helped you")
    jordan_client.post(f"/assignments/{made.pk}/undo")
    assertContains(jordan_client.get("/"), "Thank three people who helped you")


def test_done_with_a_note_from_the_list(jordan_client, casey, jordan, linked):
    made = set_one(casey, jordan)
    response = jordan_client.post(
        f"/assignments/{made.pk}/done", {"note": "Thanked Ana", "next": "/assignments/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/assignments/"
    made.refresh_from_db()
    assert made.done_note == "Thanked Ana"
    page = jordan_client.get("/assignments/")
    assertContains(page, "Your note: Thanked Ana")
    assertContains(page, "Not done after all")


def test_a_note_too_long_changes_nothing(jordan_client, casey, jordan, linked):
    made = set_one(casey, jordan)
    response = jordan_client.post(f"/assignments/{made.pk}/done", {"note": "x" * 1001}, **HTMX)
    assertContains(response, "1000")
    made.refresh_from_db()
    assert made.done_at is None


def test_other_users_cannot_mark_it(riley_client, casey_client, casey, jordan, linked):
    made = set_one(casey, jordan)
    assert riley_client.post(f"/assignments/{made.pk}/done").status_code == 404
    assert riley_client.post(f"/assignments/{made.pk}/undo").status_code == 404
    assert casey_client.post(f"/assignments/{made.pk}/done").status_code == 404
    assertNotContains(riley_client.get("/assignments/"), "Thank three")
    assertNotContains(riley_client.get("/"), "Thank three")
    made.refresh_from_db()
    assert made.done_at is None


def test_after_the_link_ends_the_client_keeps_it_from_a_former_coach(
    jordan_client, casey, jordan, linked
):
    set_one(casey, jordan)
    CoachLink.objects.update(state="ended")
    assertContains(jordan_client.get("/assignments/"), "your former coach")
    assertContains(jordan_client.get("/"), "your former coach")


def test_the_coach_page_offers_the_linked_clients_and_the_templates(
    casey_client, casey, jordan, riley, linked
):
    response = casey_client.get("/coach/assignments/")
    assertContains(response, "Set an assignment")
    assertContains(response, f'value="{jordan.pk}"')
    assertNotContains(response, f'value="{riley.pk}"')
    assertContains(response, "One give to a dormant tie this week")
    assertContains(response, "No assignments yet")


def test_a_coach_with_no_clients_is_told_how_to_get_some(riley_client):
    assertContains(riley_client.get("/coach/assignments/"), "No client is linked with you yet")


def test_the_coach_sets_one_for_several_clients(casey_client, casey, jordan, linked):
    other = make_user("sam")
    make_coach(casey)
    CoachLink.objects.create(
        coach=casey, client=other, level="plan", state="active", invited_by="client"
    )
    response = casey_client.post(
        "/coach/assignments/",
        {"clients": [jordan.pk, other.pk], "template": "give-to-dormant-tie"},
        follow=True,
    )
    assertContains(response, "Set “One give to a dormant tie this week” for")
    assert {a.client for a in Assignment.objects.all()} == {jordan, other}


def test_bad_input_names_the_field_and_changes_nothing(casey_client, jordan, linked):
    past = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    response = casey_client.post(
        "/coach/assignments/", {"clients": [jordan.pk], "title": "Call Ana", "due_on": past}
    )
    assertContains(response, "The due date is in the past")
    response = casey_client.post("/coach/assignments/", {"template": "thank-three"})
    assertContains(response, "Choose at least one client.")
    response = casey_client.post("/coach/assignments/", {"clients": [jordan.pk]})
    assertContains(response, "Give the assignment a title")
    assert not Assignment.objects.exists()


def test_a_client_not_linked_cannot_be_chosen(casey_client, riley):
    response = casey_client.post(
        "/coach/assignments/", {"clients": [riley.pk], "template": "thank-three"}
    )
    assert response.status_code == 200
    assert not Assignment.objects.exists()


def test_the_coach_sees_it_done_with_the_note(casey_client, casey, jordan, linked):
    made = set_one(casey, jordan)
    services.mark_done(owner=jordan, assignment_id=made.pk, note="Went well")
    response = casey_client.get("/coach/assignments/")
    assertContains(response, "Their note: Went well")
    assertContains(response, "for jordan")


def test_the_coach_cancels_with_undo(casey_client, casey, jordan, linked):
    made = set_one(casey, jordan)
    response = casey_client.post(f"/coach/assignments/{made.pk}/cancel", **HTMX)
    assertContains(response, f"/coach/assignments/{made.pk}/restore")
    assert list(selectors.of_client(owner=jordan)) == []
    casey_client.post(f"/coach/assignments/{made.pk}/restore")
    assert list(selectors.of_client(owner=jordan)) == [made]


def test_no_one_else_can_cancel_and_an_ended_link_stops_the_coach(
    casey_client, riley_client, jordan_client, casey, jordan, linked
):
    made = set_one(casey, jordan)
    assert riley_client.post(f"/coach/assignments/{made.pk}/cancel").status_code == 404
    assert jordan_client.post(f"/coach/assignments/{made.pk}/cancel").status_code == 404
    CoachLink.objects.update(state="ended")
    assert casey_client.post(f"/coach/assignments/{made.pk}/cancel").status_code == 404
    assertNotContains(casey_client.get("/coach/assignments/"), "Thank three")
    made.refresh_from_db()
    assert made.cancelled_at is None


def test_the_include_for_a_clients_page_links_to_the_form(casey, jordan, linked):
    set_one(casey, jordan)
    html = render_to_string(
        "web/_assignments_coach.html",
        {"assignments": selectors.set_by(coach=casey, client_id=jordan.pk), "client_id": jordan.pk},
    )
    assert "Thank three people who helped you" in html
    assert f"/coach/assignments/?client={jordan.pk}" in html


def test_coming_from_a_clients_page_ticks_that_client(casey_client, jordan, linked):
    response = casey_client.get(f"/coach/assignments/?client={jordan.pk}")
    assertContains(response, f'value="{jordan.pk}"')
    assert response.context["form"]["clients"].value() == [jordan.pk]
