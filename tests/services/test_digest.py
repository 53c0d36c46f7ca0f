"""The morning digest against a real SMTP server on loopback: what it says, that it goes once a
day, that a server that is down loses nothing, and who is due one."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from mutuals.accounts.services import set_email, update_preferences
from mutuals.digest import selectors, services
from mutuals.digest.models import DigestSent
from mutuals.people.important_dates import add_important_date
from mutuals.promises.services import create_promise
from tests.factories import make_person, make_user
from tests.smtp import (  # noqa: F401 (fixtures)
    html_of,
    serving_on,
    smtp_down_fixture,
    smtp_server_fixture,
    text_of,
)

DAY = dt.date(2026, 3, 10)  # a Tuesday
NOTE = "She told me about the divorce, keep it quiet"


def at(hour: int, day: dt.date = DAY) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 5)))


@pytest.fixture
def dana(db):
    """Dana wants the digest at 7, has one promise due and a note she would not want mailed."""
    user = make_user("dana")
    set_email(user=user, email="dana@example.org")
    update_preferences(user=user, digest_enabled=True, digest_hour=7)
    rosa = make_person(user, "Rosa Núñez", notes=NOTE)
    create_promise(owner=user, person_id=rosa.pk, text=NOTE, due_on=DAY - dt.timedelta(days=1))
    return user


def test_the_digest_goes_to_the_users_address_with_the_plan(dana, smtp_server):
    outcome = services.send_digest(owner=dana, today=DAY)

    assert outcome.sent, outcome.message
    [message] = smtp_server.messages
    assert message["To"] == "dana@example.org"
    assert smtp_server.recipients == [["dana@example.org"]]
    assert message["Subject"] == "Your plan for today, 10 Mar 2026"
    assert "1. Keep your promise to Rosa" in text_of(message)
    assert "<li>Keep your promise to Rosa</li>" in html_of(message)


def test_the_digest_carries_no_notes_and_no_last_names(dana, smtp_server):
    services.send_digest(owner=dana, today=DAY)

    [message] = smtp_server.messages
    for body in (text_of(message), html_of(message)):
        assert "divorce" not in body
        assert "Núñez" not in body


def test_it_says_where_to_turn_it_off(dana, smtp_server):
    services.send_digest(owner=dana, today=DAY)

    assert "Turn it off in mutuals' Settings, under Morning digest" in text_of(
        smtp_server.messages[0]
    )


def test_with_a_base_url_it_links_to_the_app_and_to_settings(dana, smtp_server, settings):
    settings.MUTUALS_BASE_URL = "https://mutuals.example.org"
    services.send_digest(owner=dana, today=DAY)

    message = smtp_server.messages[0]
    assert "Open mutuals: https://mutuals.example.org/" in text_of(message)
    assert 'href="https://mutuals.example.org/settings/"' in html_of(message)


def test_the_plan_holds_at_most_plan_size_items_and_counts_the_rest(dana, smtp_server):
    for n in range(4):
        person = make_person(dana, f"Person{n} Smith")
        create_promise(owner=dana, person_id=person.pk, text="Call", due_on=DAY)
    update_preferences(user=dana, plan_size=2)

    found = selectors.digest_for(owner=dana, today=DAY)

    assert len(found.actions) == 2
    assert found.more_due == 3


def test_a_birthday_in_two_days_is_coming_up(dana):
    rosa = make_person(dana, "Ana Lima")
    add_important_date(owner=dana, person_id=rosa.pk, kind="birthday", month=3, day=12)

    found = selectors.digest_for(owner=dana, today=DAY)

    assert "Ana's birthday, on Thursday 12 Mar 2026" in found.coming_up


def test_a_birthday_today_is_an_action_or_coming_up_but_said_once(dana):
    ana = make_person(dana, "Ana Lima")
    add_important_date(owner=dana, person_id=ana.pk, kind="birthday", month=3, day=10)

    found = selectors.digest_for(owner=dana, today=DAY)

    said = [line for line in (*found.actions, *found.coming_up) if "Ana" in line]
    assert len(said) == 1
    assert "birthday" in said[0]


def test_it_is_sent_once_a_day(dana, smtp_server):
    services.send_digest(owner=dana, today=DAY)
    again = services.send_digest(owner=dana, today=DAY)

    assert again.status == services.ALREADY_SENT
    assert len(smtp_server.messages) == 1


def test_force_sends_it_again(dana, smtp_server):
    services.send_digest(owner=dana, today=DAY)
    again = services.send_digest(owner=dana, today=DAY, force=True)

    assert again.sent
    assert len(smtp_server.messages) == 2


def test_a_server_that_is_down_gets_a_clear_error_and_the_digest_is_not_marked_sent(
    dana, smtp_down
):
    outcome = services.send_digest(owner=dana, today=DAY)

    assert outcome.status == services.FAILED
    assert outcome.message == (
        f"Could not reach the mail server at 127.0.0.1:{smtp_down} (connection refused); "
        "nothing was sent, it will be retried."
    )
    row = DigestSent.objects.get(owner=dana, day=DAY)
    assert row.status == DigestSent.FAILED
    assert row.error == outcome.message
    assert "dana" not in row.error


def test_the_next_run_sends_what_failed(dana, smtp_down):
    services.send_due_digests(now=at(8))

    with serving_on(smtp_down) as mailbox:  # the server is back
        summary = services.send_due_digests(now=at(9))

    assert summary.sent == 1
    assert len(mailbox.messages) == 1
    row = DigestSent.objects.get(owner=dana, day=DAY)
    assert (row.status, row.error, row.attempts) == (DigestSent.SENT, "", 2)


def test_nothing_is_sent_before_the_chosen_hour(dana, smtp_server):
    summary = services.send_due_digests(now=at(6))

    assert summary.sent == 0
    assert smtp_server.messages == []


def test_after_the_hour_each_due_user_gets_one_and_the_next_run_sends_nothing(dana, smtp_server):
    first = services.send_due_digests(now=at(7))
    second = services.send_due_digests(now=at(8))

    assert (first.sent, second.sent) == (1, 0)
    assert len(smtp_server.messages) == 1


def test_users_who_did_not_opt_in_get_nothing(dana, smtp_server):
    update_preferences(user=dana, digest_enabled=False)
    other = make_user("eli")
    set_email(user=other, email="eli@example.org")  # an address, but never turned on

    services.send_due_digests(now=at(12))

    assert smtp_server.messages == []


def test_a_user_without_an_address_gets_nothing(dana, smtp_server):
    set_email(user=dana, email="")
    services.send_due_digests(now=at(12))
    assert smtp_server.messages == []


def test_without_a_mail_server_nothing_is_claimed(dana, settings):
    settings.MUTUALS_SMTP_HOST = ""

    outcome = services.send_digest(owner=dana, today=DAY)

    assert outcome.status == services.NO_MAIL_SERVER
    assert "MUTUALS_SMTP_HOST" in outcome.message
    assert not DigestSent.objects.exists()


def test_a_claim_held_by_a_live_worker_is_not_taken(dana):
    first = services.claim(owner=dana, day=DAY, now=at(7))
    second = services.claim(owner=dana, day=DAY, now=at(7) + dt.timedelta(minutes=1))

    assert first is not None
    assert second is None


def test_a_claim_left_by_a_worker_that_stopped_is_taken_over(dana):
    services.claim(owner=dana, day=DAY, now=at(7))
    later = at(7) + selectors.STALE_CLAIM + dt.timedelta(minutes=1)

    assert services.claim(owner=dana, day=DAY, now=later) is not None


def test_a_disabled_user_gets_nothing(dana, smtp_server):
    dana.is_active = False
    dana.save()
    services.send_due_digests(now=at(12))
    assert smtp_server.messages == []


def test_the_digest_of_one_user_never_shows_anothers_people(dana, smtp_server):
    riley = make_user("riley")
    set_email(user=riley, email="riley@example.org")

    services.send_digest(owner=riley, today=DAY)

    assert "Rosa" not in text_of(smtp_server.messages[0])
