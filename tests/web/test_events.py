"""The events pages: the list, adding an event with the people met there, an event's page
(people in and out, edit, delete with confirmation), a community's page; and Riley never
reaches Jordan's events or communities."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from mutuals.events import services
from mutuals.events.models import Community, Event, EventPerson
from tests.factories import make_person

DAY = dt.date(2025, 11, 20)


@pytest.fixture
def event(jordan):
    ana = make_person(jordan, "Ana Ruiz")
    bo = make_person(jordan, "Bo Li")
    return services.create_event(
        owner=jordan,
        name="Product meetup",
        day=DAY,
        place="Riverside Library",
        community="Product Circle",
        people=[(ana.pk, True), (bo.pk, False)],
    )


def test_an_empty_events_page_says_what_to_do(jordan_client):
    assertContains(jordan_client.get("/events/"), "Add the event")


def test_the_events_page_lists_past_and_upcoming_events_and_communities(
    jordan_client, jordan, event
):
    soon = timezone.localdate() + dt.timedelta(days=5)
    services.create_event(owner=jordan, name="Running club social", day=soon)
    response = jordan_client.get("/events/")
    assert [e.name for e in response.context["page"].upcoming] == ["Running club social"]
    assert [e.name for e in response.context["page"].past] == ["Product meetup"]
    assertContains(response, "Product Circle")
    assertContains(response, "20 Nov 2025")
    assertContains(response, "You know 2 people there")


def test_adding_an_event_with_the_people_met_there(jordan_client, jordan):
    ana = make_person(jordan, "Ana Ruiz")
    make_person(jordan, "Bo Li")
    data = {
        "name": "Product meetup",
        "day": "2025-11-20",
        "kind": "meetup",
        "place": "Library",
        "community": "Product Circle",
        "met": "ana ruiz\nBo",
        "notes": "",
    }
    response = jordan_client.post("/events/new", data)
    event = Event.objects.get(owner=jordan)
    assert response["Location"] == f"/events/{event.pk}/"
    assert event.community.name == "Product Circle"
    assert set(event.people.values_list("met_here", flat=True)) == {True}
    assert ana.pk in set(event.people.values_list("person_id", flat=True))


def test_an_unknown_name_adds_nothing_and_names_the_field(jordan_client, jordan):
    make_person(jordan, "Ana Ruiz")
    data = {"name": "Meetup", "day": "2025-11-20", "kind": "meetup", "met": "Ana Ruiz\nZed"}
    response = jordan_client.post("/events/new", data)
    assert response.status_code == 200
    assert response.context["form"].errors["met"] == [
        "Nobody called 'Zed' in your network. Add them first."
    ]
    assert not Event.objects.exists()
    assert not Community.objects.exists()


def test_a_missing_name_and_day_are_named(jordan_client):
    response = jordan_client.post("/events/new", {"kind": "meetup"})
    assert set(response.context["form"].errors) == {"name", "day"}


def test_the_new_event_form_takes_the_community_from_the_address(jordan_client):
    response = jordan_client.get("/events/new?community=Product+Circle")
    assert response.context["form"]["community"].value() == "Product Circle"


def test_an_event_page_shows_who_you_met_and_who_else_was_there(jordan_client, event):
    response = jordan_client.get(f"/events/{event.pk}/")
    assert [link.person.full_name for link in response.context["met"]] == ["Ana Ruiz"]
    assert [link.person.full_name for link in response.context["also"]] == ["Bo Li"]
    assertContains(response, 'Remove<span class="visually-hidden"> Ana Ruiz from this event')
    ana = event.people.get(met_here=True).person_id
    assertContains(
        response,
        f"/log/?people={ana}&amp;summary=Met+at+Product+meetup&amp;kind=event"
        "&amp;occurred_on=2025-11-20",
    )


def test_adding_someone_from_the_event_marks_them_met_there(jordan_client, jordan, event):
    cy = make_person(jordan, "Cy Young")
    response = jordan_client.post(f"/events/{event.pk}/people", {"person": "cy", "met_here": "on"})
    assert response["Location"] == f"/events/{event.pk}/"
    assert EventPerson.objects.get(person=cy).met_here


def test_adding_an_unknown_name_says_so_and_adds_nobody(jordan_client, event):
    response = jordan_client.post(f"/events/{event.pk}/people", {"person": "Zed"}, follow=True)
    assertContains(response, "Nobody called &#x27;Zed&#x27;")
    assert event.people.count() == 2


def test_removing_someone_keeps_them_in_your_network(jordan_client, event):
    bo = event.people.get(met_here=False).person
    jordan_client.post(f"/events/{event.pk}/people/{bo.pk}/remove")
    assert event.people.count() == 1
    bo.refresh_from_db()


def test_editing_an_event(jordan_client, event):
    data = {
        "name": "Product night",
        "day": "2025-11-21",
        "kind": "class",
        "place": "",
        "community": "",
    }
    response = jordan_client.post(f"/events/{event.pk}/edit", data)
    assert response["Location"] == f"/events/{event.pk}/"
    event.refresh_from_db()
    assert (event.name, event.day, event.kind, event.community) == (
        "Product night",
        dt.date(2025, 11, 21),
        "class",
        None,
    )


def test_deleting_asks_first_then_deletes(jordan_client, event):
    assertContains(jordan_client.get(f"/events/{event.pk}/delete"), "Delete this event?")
    assert Event.objects.filter(pk=event.pk).exists()
    response = jordan_client.post(f"/events/{event.pk}/delete")
    assert response["Location"] == "/events/"
    assert not Event.objects.filter(pk=event.pk).exists()


def test_a_community_page_shows_who_you_know_there_and_when_you_last_went(jordan_client, event):
    response = jordan_client.get(f"/communities/{event.community_id}/")
    assertContains(response, "Ana Ruiz")
    assertContains(response, "last went 20 Nov 2025")
    assertContains(response, "Product meetup")


def test_a_community_is_added_changed_and_deleted_with_confirmation(jordan_client, jordan):
    response = jordan_client.post("/communities/new", {"name": "Runners", "kind": "club"})
    community = Community.objects.get(owner=jordan)
    assert response["Location"] == f"/communities/{community.pk}/"
    jordan_client.post(
        f"/communities/{community.pk}/",
        {"name": "Eastside Runners", "kind": "club", "notes": "Saturdays"},
    )
    community.refresh_from_db()
    assert (community.name, community.notes) == ("Eastside Runners", "Saturdays")
    assertContains(
        jordan_client.get(f"/communities/{community.pk}/delete"), "Delete this community?"
    )
    jordan_client.post(f"/communities/{community.pk}/delete")
    assert not Community.objects.exists()


def test_a_second_community_of_the_same_name_is_refused_by_its_field(jordan_client, jordan):
    services.create_community(owner=jordan, name="Runners")
    response = jordan_client.post("/communities/new", {"name": "runners", "kind": "club"})
    assert "name" in response.context["form"].errors
    assert Community.objects.count() == 1


def test_the_person_page_says_where_you_met_them(jordan_client, event):
    ana = event.people.get(met_here=True).person
    assertContains(jordan_client.get(f"/people/{ana.pk}/"), "Met at")
    assertContains(jordan_client.get(f"/people/{ana.pk}/"), "Product meetup")


@pytest.mark.parametrize(
    ("method", "address"),
    [
        ("get", "/events/{event}/"),
        ("get", "/events/{event}/edit"),
        ("post", "/events/{event}/edit"),
        ("post", "/events/{event}/people"),
        ("post", "/events/{event}/people/{person}/remove"),
        ("get", "/events/{event}/delete"),
        ("post", "/events/{event}/delete"),
        ("get", "/communities/{community}/"),
        ("post", "/communities/{community}/"),
        ("get", "/communities/{community}/delete"),
        ("post", "/communities/{community}/delete"),
    ],
)
def test_riley_gets_404_on_jordans_event_and_community(riley_client, event, method, address):
    person = event.people.first().person_id
    url = address.format(event=event.pk, community=event.community_id, person=person)
    response = getattr(riley_client, method)(url, {"name": "Mine", "person": "Ana Ruiz"})
    assert response.status_code == 404
    assert Event.objects.get(pk=event.pk).name == "Product meetup"
    assert Community.objects.filter(pk=event.community_id).exists()


def test_riley_sees_none_of_jordans_events_or_people(riley_client, riley, event):
    assertNotContains(riley_client.get("/events/"), "Product meetup")
    assertNotContains(riley_client.get("/events/"), "Product Circle")
    mine = services.create_event(owner=riley, name="Riley's meetup", day=DAY)
    riley_client.post(f"/events/{mine.pk}/people", {"person": "Ana Ruiz"})
    assert not EventPerson.objects.filter(event=mine).exists()
    response = riley_client.post(
        "/events/new", {"name": "X", "day": "2025-11-20", "kind": "meetup", "met": "Ana Ruiz"}
    )
    assert response.status_code == 200
    assert Event.objects.filter(owner=riley).count() == 1


def test_signed_out_visitors_are_sent_to_sign_in(client, event):
    for address in (
        "/events/",
        "/events/new",
        f"/events/{event.pk}/",
        f"/communities/{event.community_id}/",
    ):
        assert client.get(address)["Location"].startswith("/login")


@pytest.mark.parametrize("count", [2, 12])
def test_the_events_pages_cost_the_same_queries_however_many_events_and_people(
    jordan_client, jordan, count, django_assert_num_queries
):
    people = [make_person(jordan, f"Person {i}") for i in range(count)]
    for i in range(count):
        event = services.create_event(
            owner=jordan,
            name=f"Meetup {i}",
            day=DAY - dt.timedelta(days=i),
            community="Guild" if i % 2 else "Runners",
            people=[(p.pk, i == 0) for p in people],
        )
    jordan_client.get("/events/")  # the first request also checks for a first run
    # session, user; upcoming (none here), past (+ their people), past count, communities
    with django_assert_num_queries(7):
        jordan_client.get("/events/")
    # session, user, the event (+ its people), people names
    with django_assert_num_queries(5):
        jordan_client.get(f"/events/{event.pk}/")
    # session, user, the community, its events (+ their people)
    with django_assert_num_queries(5):
        jordan_client.get(f"/communities/{event.community_id}/")
