import datetime as dt

from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from mutuals.promises.models import Promise
from tests.factories import make_person, make_promise

HTMX = {"HTTP_HX_REQUEST": "true"}


def in_days(days):
    return (timezone.localdate() + dt.timedelta(days=days)).isoformat()


def test_open_promises_are_listed_with_their_person(jordan_client, jordan):
    rosa = make_person(jordan)
    make_promise(jordan, rosa, "Send Rosa the article", due_in=2)
    response = jordan_client.get("/promises/")
    assertContains(response, "Send Rosa the article")
    assertContains(response, f'href="/people/{rosa.pk}/"')
    assertContains(response, "in 2 days")


def test_an_empty_list_says_what_promises_are_for(jordan_client):
    assertContains(jordan_client.get("/promises/"), "No open promises")


def test_done_promises_are_under_the_done_tab(jordan_client, jordan):
    promise = make_promise(jordan, text="Send the article")
    jordan_client.post(f"/promises/{promise.pk}/done")
    assert list(jordan_client.get("/promises/").context["promises"]) == []
    assertContains(jordan_client.get("/promises/", {"show": "done"}), "Send the article")


def test_adding_a_promise_for_someone_by_name(jordan_client, jordan):
    rosa = make_person(jordan)
    data = {"text": "Send the article", "due_on": in_days(5), "person": "rosa"}
    response = jordan_client.post("/promises/", data)
    assertRedirects(response, "/promises/", fetch_redirect_response=False)
    promise = Promise.objects.get()
    assert (promise.person, promise.due_on.isoformat()) == (rosa, in_days(5))


def test_the_person_is_optional(jordan_client, jordan):
    jordan_client.post("/promises/", {"text": "Update my CV", "due_on": in_days(1)})
    assert Promise.objects.get().person is None


def test_a_promise_without_text_or_date_is_refused_next_to_the_fields(jordan_client):
    response = jordan_client.post("/promises/", {"text": "", "due_on": ""})
    assertContains(response, 'id="id_text_error"')
    assertContains(response, 'id="id_due_on_error"')
    assert not Promise.objects.exists()


def test_an_unknown_person_is_refused_next_to_the_person(jordan_client, jordan):
    response = jordan_client.post(
        "/promises/", {"text": "Intro", "due_on": in_days(1), "person": "Nobody Atall"}
    )
    assertContains(response, 'id="id_person_error"')
    assert not Promise.objects.exists()


def test_snooze_and_unsnooze(jordan_client, jordan):
    promise = make_promise(jordan)
    jordan_client.post(f"/promises/{promise.pk}/snooze", {"days": "30"})
    promise.refresh_from_db()
    assert promise.snoozed_until == timezone.localdate() + dt.timedelta(days=30)
    jordan_client.post(f"/promises/{promise.pk}/unsnooze")
    promise.refresh_from_db()
    assert (promise.snoozed_until, promise.due_on) == (None, timezone.localdate())


def test_delete_needs_a_post_and_swaps_the_item_out(jordan_client, jordan):
    promise = make_promise(jordan, text="Send the article")
    assert jordan_client.get(f"/promises/{promise.pk}/delete").status_code == 405
    response = jordan_client.post(f"/promises/{promise.pk}/delete", **HTMX)
    assertContains(response, "Deleted: Send the article")
    assert not Promise.objects.exists()


def test_riley_does_not_see_jordans_promises(riley_client, jordan):
    make_promise(jordan, text="Send the article")
    assertNotContains(riley_client.get("/promises/"), "Send the article")


def test_riley_cannot_name_jordans_people(riley_client, jordan):
    make_person(jordan)
    response = riley_client.post(
        "/promises/", {"text": "Intro", "due_on": in_days(1), "person": "Rosa"}
    )
    assertContains(response, "Nobody called")
    assert not Promise.objects.exists()


def test_riley_cannot_touch_jordans_promises(riley_client, jordan):
    promise = make_promise(jordan)
    for action in ("done", "reopen", "snooze", "unsnooze", "delete"):
        response = riley_client.post(f"/promises/{promise.pk}/{action}", {"days": "7"})
        assert response.status_code == 404, action
    promise.refresh_from_db()
    assert (promise.done_at, promise.snoozed_until) == (None, None)
