"""Coming meetings on the agenda (agenda.meetings): Today, `mutuals today` and GET /api/today
carry the same item, with the last conversation's line."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from mutuals.agenda.meetings import upcoming_meetings
from mutuals.connections import calendar_sync, services
from mutuals.interactions.models import Interaction
from tests.calendars.ics import calendar, event
from tests.factories import log, make_person

UTC = dt.UTC
NOW = dt.datetime(2026, 11, 20, 12, tzinfo=UTC)


def synced(owner, ics_server, *events, now=NOW):
    ics_server.serve(calendar(*events))
    connection, _ = calendar_sync.connect_ics_url(owner=owner, name="cal", address=ics_server.url())
    outcome = services.sync(owner=owner, connection=connection, now=now)
    assert outcome.ok, outcome.message
    return connection


def test_a_coming_meeting_reads_with_the_last_conversation(jordan, rosa, ics_server, settings):
    settings.TIME_ZONE = "UTC"
    talk = log(jordan, rosa, "Coffee")
    Interaction.objects.filter(pk=talk.pk).update(
        occurred_on=dt.date(2026, 11, 1), notes="Talked about the Orion role"
    )
    rosa.refresh_from_db()
    rosa.last_contact_on = dt.date(2026, 11, 1)
    rosa.save(update_fields=["last_contact_on"])
    synced(jordan, ics_server, event("c", dt.datetime(2026, 11, 21, 10, tzinfo=UTC)))

    (meeting,) = upcoming_meetings(owner=jordan, now=NOW)

    assert meeting.words == "Coffee with Rosa — tomorrow, 10:00"
    assert meeting.last_time == "Talked about the Orion role"
    assert meeting.people == ((rosa.pk, "Rosa Núñez"),)


def test_only_the_next_days_meetings_are_listed(jordan, rosa, ics_server, settings):
    settings.TIME_ZONE = "UTC"
    synced(
        jordan,
        ics_server,
        event("past", NOW - dt.timedelta(hours=2), "Earlier"),
        event("soon", NOW + dt.timedelta(hours=2), "Soon"),
        event("day", dt.date(2026, 11, 22), "Rosa's day"),
        event("far", NOW + dt.timedelta(days=5), "Far"),
    )

    titles = [m.title for m in upcoming_meetings(owner=jordan, now=NOW)]

    assert titles == ["Soon", "Rosa's day"]


def test_someone_elses_meetings_never_show(jordan, riley, rosa, ics_server):
    make_person(riley, "Rosa Núñez", emails=["rosa@example.com"])
    synced(
        riley, ics_server, event("c", timezone.now() + dt.timedelta(hours=3)), now=timezone.now()
    )

    assert upcoming_meetings(owner=jordan) == []
    assert len(upcoming_meetings(owner=riley)) == 1


def test_api_today_and_cli_today_carry_the_meeting(jordan, rosa, ics_server, jordan_client):
    # The API and the command read the clock: the meeting is three hours from now, so it is on
    # whatever day that is; the words are not compared, only that both carry the same item.
    now = timezone.now()
    synced(jordan, ics_server, event("c", now + dt.timedelta(hours=3)), now=now)
    from mutuals.agenda.selectors import today_plan
    from mutuals.agenda.serialize import plan_to_dict

    expected = plan_to_dict(today_plan(jordan), meetings=upcoming_meetings(owner=jordan))
    assert expected["meetings"][0]["title"] == "Coffee with Rosa"

    response = jordan_client.get("/")
    assert "Coming up" in response.content.decode()
    assert "Coffee with Rosa — " in response.content.decode()
