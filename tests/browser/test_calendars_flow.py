"""A calendar in a real browser: subscribe to an iCalendar address (a loopback HTTP server) on
the Connections page, sync it, and the past meeting shows on Rosa's timeline while the coming
one shows on Today with what you last talked about."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mutuals.digest.worker import run_waiting_tasks
from tests.browser.signing import sign_in
from tests.calendars.conftest import ics_server  # noqa: F401 (fixture)
from tests.calendars.ics import calendar, event
from tests.factories import log, make_person, make_user

pytestmark = pytest.mark.browser


def test_a_calendar_address_logs_the_meeting_and_shows_the_next_one(
    live_server,
    transactional_db,
    page,
    ics_server,  # noqa: F811
):
    jordan = make_user("jordan")
    rosa = make_person(jordan, "Rosa Núñez", tier="close", emails=["rosa@example.com"])
    log(jordan, rosa, "Lunch: she is moving to Orion", days=60)
    now = timezone.now()
    ics_server.serve(
        calendar(
            event("past", now - dt.timedelta(days=2), "Portfolio review with Rosa"),
            event("next", now + dt.timedelta(hours=3), "Coffee with Rosa"),
        )
    )
    sign_in(page, live_server.url)

    page.get_by_role("link", name="Connections", exact=True).click()
    form = page.get_by_role("region", name="Subscribe to a calendar's address (iCalendar)")
    form.get_by_label("Name", exact=True).fill("Google")
    form.get_by_label("Secret address").fill(ics_server.url("private-abc"))
    form.get_by_role("button", name="Subscribe").click()
    expect(page.get_by_text("Added Google.")).to_be_visible()
    expect(page.locator("body")).not_to_contain_text("private-abc")

    page.get_by_role("button", name="Sync now Google").click()
    card = page.locator(".connection", has=page.get_by_role("heading", name="Google"))
    run_waiting_tasks("test-worker")  # the worker, meanwhile
    expect(card).to_contain_text("1 new conversation")  # htmx followed it

    page.get_by_role("link", name="People", exact=True).click()
    page.get_by_role("link", name="Rosa Núñez").click()
    expect(page.get_by_role("region", name="Timeline")).to_contain_text(
        "Portfolio review with Rosa"
    )

    page.get_by_role("link", name="Today", exact=True).click()
    coming = page.get_by_role("region", name="Coming up")
    expect(coming).to_contain_text("Coffee with Rosa — ")
    expect(coming).to_contain_text("last time: Portfolio review with Rosa")
