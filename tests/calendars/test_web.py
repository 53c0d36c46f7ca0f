"""The Connections page with calendars: add a CalDAV account or an iCalendar address, sync it,
its card in words, remove it; the secret address is never shown back."""

from __future__ import annotations

import datetime as dt

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mutuals.calendars.models import Occurrence
from mutuals.connections import calendar_sync, services
from mutuals.connections.models import Connection
from mutuals.digest.worker import run_waiting_tasks
from mutuals.interactions.models import Interaction
from tests.calendars.ics import calendar, event
from tests.factories import make_person, make_user


def signed_in(with_rosa: bool = True):
    """Jordan signed in, for the tests whose sync the worker's code runs (on PostgreSQL those
    need real transactions: `transactional_db`)."""
    jordan = make_user("jordan")
    if with_rosa:
        make_person(jordan, "Rosa Núñez", emails=["rosa@example.com"])
    client = Client()
    client.force_login(jordan)
    return jordan, client


def test_the_page_offers_both_kinds_of_calendar(jordan_client):
    page = jordan_client.get(reverse("connections")).content.decode()

    assert "Add a calendar account (CalDAV)" in page
    assert "Subscribe to a calendar's address (iCalendar)" in page


def test_subscribe_sync_and_see_the_card(transactional_db, ics_server):
    jordan, jordan_client = signed_in()
    ics_server.serve(calendar(event("past", timezone.now() - dt.timedelta(days=4))))
    address = ics_server.url("hush-hush-42")

    added = jordan_client.post(
        reverse("connections"), {"kind": "ics-url", "ics-name": "Google", "ics-address": address}
    )
    assert added.status_code == 302, added.content.decode()
    connection = Connection.objects.get(owner=jordan)
    jordan_client.post(reverse("connection_sync", args=[connection.pk]))
    run_waiting_tasks("test-worker")
    page = jordan_client.get(reverse("connections")).content.decode()

    assert "hush-hush-42" not in page
    assert f"Calendar address at http://127.0.0.1:{ics_server.port}/…" in page
    assert "1 new meeting with your people, 1 new conversation" in page
    assert Interaction.objects.get(owner=jordan).kind == "meeting"


def test_a_caldav_account_with_a_wrong_address_says_what_to_do(jordan_client, jordan):
    answer = jordan_client.post(
        reverse("connections"),
        {
            "kind": "caldav",
            "caldav-name": "Nextcloud",
            "caldav-url": "cloud.example.org",
            "caldav-username": "jordan",
            "caldav-password": "pw",
            "caldav-calendars": "",
        },
    )

    assert answer.status_code == 400
    assert "Enter the calendar&#39;s whole address" in answer.content.decode()
    assert not Connection.objects.exists()


def test_a_failed_sync_shows_why_in_words(transactional_db, caldav_account):
    jordan, jordan_client = signed_in(with_rosa=False)
    jordan_client.post(
        reverse("connections"),
        {
            "kind": "caldav",
            "caldav-name": "Nextcloud",
            "caldav-url": caldav_account.url,
            "caldav-username": caldav_account.user,
            "caldav-password": "wrong",
            "caldav-calendars": "",
        },
    )
    connection = Connection.objects.get(owner=jordan)
    jordan_client.post(reverse("connection_sync", args=[connection.pk]))
    run_waiting_tasks("test-worker")

    page = jordan_client.get(reverse("connections")).content.decode()

    assert "The last sync failed: The calendar server at 127.0.0.1" in page
    assert "refused the user name or app password" in page


def test_remove_keeps_or_removes_what_it_added(transactional_db, ics_server):
    jordan, jordan_client = signed_in()
    ics_server.serve(calendar(event("past", timezone.now() - dt.timedelta(days=4))))
    address = ics_server.url()
    jordan_client.post(
        reverse("connections"), {"kind": "ics-url", "ics-name": "Google", "ics-address": address}
    )
    connection = Connection.objects.get(owner=jordan)
    jordan_client.post(reverse("connection_sync", args=[connection.pk]))
    run_waiting_tasks("test-worker")

    asked = jordan_client.get(reverse("connection_remove", args=[connection.pk]))
    removed = jordan_client.post(
        reverse("connection_remove", args=[connection.pk]), {"added": "remove"}, follow=True
    )

    assert "the conversations its past meetings became" in asked.content.decode()
    assert "Removed Google and 1 conversation its meetings became." in removed.content.decode()
    assert not Interaction.objects.filter(owner=jordan).exists()


def test_someone_elses_calendar_and_meetings_are_not_found_on_the_web(
    jordan, riley_client, ics_server
):
    """Riley can neither see, sync, pause nor remove Jordan's calendar, and Jordan's coming
    meeting is not on Riley's Today."""
    make_person(jordan, "Rosa Núñez", emails=["rosa@example.com"])
    now = dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC)
    soon = now + dt.timedelta(days=1)
    ics_server.serve(calendar(event("soon", soon, "Coffee with Rosa about Orion")))
    connection, _ = calendar_sync.connect_ics_url(
        owner=jordan, name="Jordan's work calendar", address=ics_server.url()
    )
    assert services.sync(owner=jordan, connection=connection, now=now).ok

    for name in ("connection_sync", "connection_pause", "connection_remove"):
        answer = riley_client.post(reverse(name, args=[connection.pk]), {"confirm": "yes"})
        assert answer.status_code == 404, name
    assert riley_client.get(reverse("connection_remove", args=[connection.pk])).status_code == 404
    connections_page = riley_client.get(reverse("connections")).content.decode()
    today_page = riley_client.get(reverse("today")).content.decode()

    assert "Jordan&#x27;s work calendar" not in connections_page
    assert "Jordan's work calendar" not in connections_page
    assert "about Orion" not in today_page
    assert Connection.objects.get(pk=connection.pk).paused is False
    assert Occurrence.objects.filter(owner=jordan).count() == 1
