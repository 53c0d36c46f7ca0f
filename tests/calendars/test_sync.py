"""Syncing calendars: a CalDAV account on a real Radicale server and an iCalendar address on a
loopback HTTP server. Past meetings with your people become conversations once, future ones are
kept for the agenda, recurring events are expanded, and every failure is said in words with
nothing half-written."""

from __future__ import annotations

import datetime as dt

import pytest

from mutuals.calendars.models import Occurrence
from mutuals.connections import calendar_sync, services
from mutuals.connections.models import Connection
from mutuals.interactions.models import Interaction
from tests.calendars.ics import calendar, event
from tests.calendars.radicale import PASSWORD

UTC = dt.UTC
NOW = dt.datetime(2026, 11, 20, 12, tzinfo=UTC)
PAST = dt.datetime(2026, 11, 10, 10, tzinfo=UTC)
SOON = dt.datetime(2026, 11, 21, 10, tzinfo=UTC)


def connect_caldav(owner, account, name="calendar", **fields) -> Connection:
    connection, _ = calendar_sync.connect_caldav(
        owner=owner,
        name=name,
        url=account.url,
        username=account.user,
        password=fields.pop("password", account.password),
        **fields,
    )
    return connection


def connect_ics(owner, server, name="google") -> Connection:
    connection, _ = calendar_sync.connect_ics_url(owner=owner, name=name, address=server.url())
    return connection


def sync(owner, connection, now=NOW) -> services.SyncOutcome:
    connection.refresh_from_db()
    return services.sync(owner=owner, connection=connection, now=now)


def test_a_caldav_calendars_past_meeting_becomes_a_conversation(jordan, rosa, caldav_account):
    caldav_account.put(calendar(event("coffee-1", PAST)))
    caldav_account.put(calendar(event("coffee-2", SOON, "Lunch")))

    outcome = sync(jordan, connect_caldav(jordan, caldav_account))

    assert outcome.ok, outcome.message
    talk = Interaction.objects.get(owner=jordan)
    assert (talk.kind, talk.summary) == ("meeting", "Coffee with Rosa")
    assert talk.occurred_on == PAST.date()
    assert list(talk.people.all()) == [rosa]
    assert Occurrence.objects.filter(owner=jordan).count() == 2
    assert outcome.added["upcoming"] == 1
    assert outcome.message == (
        "Synced calendar: 2 new meetings with your people, 1 new conversation, 1 coming up."
    )


def test_only_meetings_with_your_people_are_kept(jordan, rosa, caldav_account):
    caldav_account.put(calendar(event("stranger", PAST, attendees=("who@else.org",))))
    caldav_account.put(calendar(event("rosa", PAST, organizer="ROSA@example.com", attendees=())))

    sync(jordan, connect_caldav(jordan, caldav_account))

    assert list(Occurrence.objects.values_list("uid", flat=True)) == ["rosa"]


def test_a_weekly_meeting_is_expanded_inside_the_window(jordan, rosa, caldav_account):
    # Weekly since long before the window: only the occurrences of the last 400 days count.
    first = NOW - dt.timedelta(days=800)
    caldav_account.put(calendar(event("weekly", first, "Standup", rrule="FREQ=WEEKLY")))

    sync(jordan, connect_caldav(jordan, caldav_account))

    starts = list(Occurrence.objects.values_list("start", flat=True))
    assert min(starts) >= NOW - dt.timedelta(days=400)
    assert max(starts) < NOW + dt.timedelta(days=60)
    past = [s for s in starts if s < NOW]
    assert Interaction.objects.filter(owner=jordan).count() == len(past)
    assert 56 <= len(past) <= 58


def test_syncing_again_adds_nothing_and_a_moved_meeting_is_updated(jordan, rosa, caldav_account):
    caldav_account.put(calendar(event("lunch", SOON, "Lunch")))
    connection = connect_caldav(jordan, caldav_account)
    sync(jordan, connection)
    first = list(Occurrence.objects.values_list("id", "start"))

    again = sync(jordan, connection)
    assert (again.added["meetings"], again.added["conversations"]) == (0, 0)
    assert list(Occurrence.objects.values_list("id", "start")) == first

    later = SOON + dt.timedelta(days=1)
    caldav_account.put(calendar(event("lunch", later, "Lunch")))  # the same UID, moved
    moved = sync(jordan, connection)
    assert moved.added["changed"] == 1
    assert list(Occurrence.objects.values_list("id", "start")) == [(first[0][0], later)]


def test_a_cancelled_meeting_is_removed(jordan, rosa, caldav_account):
    caldav_account.put(calendar(event("lunch", SOON, "Lunch")))
    connection = connect_caldav(jordan, caldav_account)
    sync(jordan, connection)

    caldav_account.put(calendar(event("lunch", SOON, "Lunch", status="CANCELLED")))
    outcome = sync(jordan, connection)

    assert outcome.added["removed"] == 1
    assert not Occurrence.objects.exists()


def test_a_moved_occurrence_of_a_series_keeps_its_key(jordan, rosa, caldav_account):
    first = dt.datetime(2026, 11, 2, 10, tzinfo=UTC)
    moved_from = first + dt.timedelta(days=7)
    caldav_account.put(
        calendar(
            event("series", first, "1:1", rrule="FREQ=WEEKLY;COUNT=3"),
            event(
                "series", moved_from + dt.timedelta(hours=3), "1:1 moved", recurrence_id=moved_from
            ),
        )
    )

    sync(jordan, connect_caldav(jordan, caldav_account))

    rows = list(Occurrence.objects.values_list("recurrence_id", "title", "start"))
    assert rows[1] == (moved_from.isoformat(), "1:1 moved", moved_from + dt.timedelta(hours=3))
    assert len(rows) == 3


def test_your_words_in_a_conversation_are_never_overwritten(jordan, rosa, caldav_account):
    caldav_account.put(calendar(event("coffee", PAST)))
    connection = connect_caldav(jordan, caldav_account)
    sync(jordan, connection)
    Interaction.objects.filter(owner=jordan).update(summary="Talked about Orion", notes="Mine")

    caldav_account.put(calendar(event("coffee", PAST, "Renamed on the server")))
    sync(jordan, connection)

    talk = Interaction.objects.get(owner=jordan)
    assert (talk.summary, talk.notes) == ("Talked about Orion", "Mine")


def test_chosen_calendars_only(jordan, rosa, caldav_account):
    caldav_account.put(calendar(event("work", PAST)), calendar="work")
    caldav_account.put(calendar(event("home", PAST)), calendar="home")

    sync(jordan, connect_caldav(jordan, caldav_account, calendars=["Home"]))

    assert list(Occurrence.objects.values_list("uid", flat=True)) == ["home"]


def test_a_wrong_password_is_said_in_words_and_changes_nothing(jordan, rosa, caldav_account):
    caldav_account.put(calendar(event("coffee", PAST)))
    connection = connect_caldav(jordan, caldav_account, password="not " + PASSWORD)

    outcome = sync(jordan, connection)

    assert outcome.status == services.FAILED
    assert "refused the user name or app password" in outcome.message
    assert caldav_account.password not in outcome.message
    connection.refresh_from_db()
    assert connection.last_error == outcome.message
    assert not connection.sync_claim
    assert not Occurrence.objects.exists()
    assert not Interaction.objects.exists()


def test_a_server_that_is_down_is_said_in_words(jordan, rosa, caldav_server):
    account = caldav_server.add_user("nobody")
    connection = connect_caldav(jordan, account)
    Connection.objects.filter(pk=connection.pk).update(url="http://127.0.0.1:9/nobody/", port=9)

    outcome = sync(jordan, connection)

    assert outcome.status == services.FAILED
    assert outcome.message.startswith("Could not reach the calendar server at 127.0.0.1:9")


def test_an_ics_address_is_read_and_its_secret_never_shown(jordan, rosa, ics_server):
    ics_server.serve(calendar(event("coffee", PAST), event("later", SOON)))
    connection = connect_ics(jordan, ics_server)

    outcome = sync(jordan, connection)

    assert outcome.ok, outcome.message
    assert Interaction.objects.get(owner=jordan).summary == "Coffee with Rosa"
    assert "s3cr3t" not in connection.secret
    assert "s3cr3t" not in calendar_sync.shown_address(connection)
    assert calendar_sync.shown_address(connection) == f"http://127.0.0.1:{ics_server.port}/…"


def test_a_broken_event_is_left_out_and_the_rest_is_read(jordan, rosa, ics_server):
    ics_server.serve(
        calendar(event("broken", PAST, extra="RRULE:FREQ=NEVERLY"), event("fine", PAST))
    )

    outcome = sync(jordan, connect_ics(jordan, ics_server))

    assert outcome.ok, outcome.message
    assert outcome.added["unreadable"] == 1
    assert "1 event could not be read and was left out" in outcome.message
    assert list(Occurrence.objects.values_list("uid", flat=True)) == ["fine"]


@pytest.mark.parametrize(
    ("status", "words"),
    [
        (401, "refused the address: it may have been reset"),
        (404, "has no calendar at this address any more"),
        (503, "answered with an error (it is busy or down)"),
    ],
)
def test_an_ics_address_refused_is_said_in_words(jordan, rosa, ics_server, status, words):
    ics_server.serve("", status=status)

    outcome = sync(jordan, connect_ics(jordan, ics_server))

    assert outcome.status == services.FAILED
    assert words in outcome.message
    assert "s3cr3t" not in outcome.message


def test_a_server_gone_mid_sync_writes_nothing_and_the_next_sync_resumes(jordan, rosa, ics_server):
    body = calendar(*(event(f"e{n}", PAST - dt.timedelta(days=n)) for n in range(50)))
    ics_server.serve(body, cut_after=len(body) // 2)
    connection = connect_ics(jordan, ics_server)

    failed = sync(jordan, connection)

    assert failed.status == services.FAILED
    assert "closed the connection during the sync" in failed.message
    assert not Occurrence.objects.exists()
    assert not Interaction.objects.exists()

    ics_server.serve(body)
    resumed = sync(jordan, connection)
    assert resumed.ok
    assert Interaction.objects.filter(owner=jordan).count() == 50


def test_what_is_not_a_calendar_is_said_in_words(jordan, rosa, ics_server):
    ics_server.serve("<html>Sign in</html>")

    outcome = sync(jordan, connect_ics(jordan, ics_server))

    assert outcome.status == services.FAILED
    assert "is not a calendar: check the address" in outcome.message


def test_a_calendar_too_large_is_refused_in_words(jordan, rosa, ics_server):
    one = event("e", PAST, extra="DESCRIPTION:" + "x" * 70)
    ics_server.serve(calendar(*[one] * (21 * 1024 * 1024 // len(one))))  # past 20 MB

    outcome = sync(jordan, connect_ics(jordan, ics_server))

    assert outcome.status == services.FAILED
    assert "is larger than 20 MB" in outcome.message
    assert not Occurrence.objects.exists()


def test_removing_with_what_it_added_removes_only_its_conversations(jordan, rosa, ics_server):
    from tests.factories import log

    ics_server.serve(calendar(event("coffee", PAST)))
    connection = connect_ics(jordan, ics_server)
    sync(jordan, connection)
    mine = log(jordan, rosa, "Phone call")

    removed = services.remove(owner=jordan, connection=connection, forget_added=True)

    assert removed == 1
    assert list(Interaction.objects.filter(owner=jordan)) == [mine]
    assert not Occurrence.objects.exists()


def test_removing_and_keeping_what_it_added(jordan, rosa, ics_server):
    ics_server.serve(calendar(event("coffee", PAST)))
    connection = connect_ics(jordan, ics_server)
    sync(jordan, connection)

    services.remove(owner=jordan, connection=connection, forget_added=False)

    assert Interaction.objects.filter(owner=jordan).count() == 1
    assert not Connection.objects.exists()


def test_the_schedule_syncs_calendars_and_one_sync_runs_at_a_time(jordan, rosa, ics_server):
    ics_server.serve(calendar(event("coffee", PAST)))
    connection = connect_ics(jordan, ics_server)
    token = services.claim(connection, now=NOW)  # another sync holds it

    busy = sync(jordan, connection)
    services.release(connection, token)
    scheduled = services.sync_due(now=NOW)

    assert busy.status == services.BUSY
    assert [outcome.status for outcome in scheduled] == [services.SYNCED]
    assert Interaction.objects.filter(owner=jordan).count() == 1


def test_nothing_personal_is_logged(jordan, rosa, caldav_account, caplog):
    caldav_account.put(calendar(event("coffee", PAST)))
    caplog.set_level("DEBUG")

    sync(jordan, connect_caldav(jordan, caldav_account, password="pw-wrong-123"))
    sync(jordan, connect_caldav(jordan, caldav_account, name="right"))

    logged = "\n".join(record.getMessage() for record in caplog.records if record.levelno >= 20)
    secrets = ("pw-wrong-123", caldav_account.password, caldav_account.user, "rosa@example.com")
    for secret in secrets:
        assert secret not in logged
