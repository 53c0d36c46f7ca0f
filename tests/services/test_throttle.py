"""The sign-in and token throttling rule (accounts.throttle), with the clock passed in."""

from __future__ import annotations

import datetime as dt
import logging

from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from mutuals.accounts import throttle
from mutuals.accounts.models import FailedAttempts

T0 = dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.UTC)
OWNER_HOME = "198.51.100.7"
ATTACKER = "203.0.113.66"


def fail(times: int, username: str = "jordan", address: str = ATTACKER, now=T0):
    wait = None
    for _ in range(times):
        wait = throttle.record_sign_in_failure(username=username, address=address, now=now)
    return wait


@given(st.integers(min_value=0, max_value=10_000), st.sampled_from(list(throttle.RULES)))
def test_waits_never_shrink_with_more_failures_and_never_pass_the_cap(failures, kind):
    rule = throttle.RULES[kind]
    assert throttle.wait_after(failures, rule) <= throttle.wait_after(failures + 1, rule)
    assert throttle.wait_after(failures + 1, rule) <= rule.cap


def test_the_first_failures_are_free_then_waits_double():
    rule = throttle.RULES[throttle.Kind.SIGN_IN]
    waits = [throttle.wait_after(n, rule).total_seconds() for n in range(1, 7)]
    assert waits == [0, 0, 15, 30, 60, 120]


def test_two_wrong_passwords_cost_nothing(db):
    assert fail(2) is None
    assert throttle.sign_in_wait(username="jordan", address=ATTACKER, now=T0) is None


def test_the_third_wrong_password_makes_the_pair_wait(db):
    wait = fail(3)
    assert wait.seconds == 15
    assert throttle.sign_in_wait(username="jordan", address=ATTACKER, now=T0).seconds == 15


def test_the_wait_ends_on_time(db):
    fail(3)
    later = T0 + dt.timedelta(seconds=15)
    assert throttle.sign_in_wait(username="jordan", address=ATTACKER, now=later) is None


def test_a_wait_is_said_in_words_rounded_up(db):
    wait = fail(6)
    assert wait.in_words == "2 minutes"
    almost = throttle.sign_in_wait(
        username="jordan", address=ATTACKER, now=T0 + dt.timedelta(seconds=61)
    )
    assert almost.in_words == "59 seconds"


def test_an_attacker_cannot_lock_the_owner_out_from_elsewhere(db):
    fail(50)
    assert throttle.sign_in_wait(username="jordan", address=OWNER_HOME, now=T0) is None


def test_a_spray_over_many_names_makes_the_address_wait(db):
    for number in range(11):
        throttle.record_sign_in_failure(username=f"user{number}", address=ATTACKER, now=T0)
    assert throttle.sign_in_wait(username="someone-new", address=ATTACKER, now=T0) is not None
    assert throttle.sign_in_wait(username="someone-new", address=OWNER_HOME, now=T0) is None


def test_a_right_password_forgets_the_pairs_failures(db):
    fail(2)
    throttle.record_sign_in_success(username="jordan", address=ATTACKER)
    assert fail(1) is None


def test_a_right_password_does_not_forget_the_addresss_failures(db):
    for number in range(10):
        throttle.record_sign_in_failure(username=f"user{number}", address=ATTACKER, now=T0)
    throttle.record_sign_in_success(username="mallory", address=ATTACKER)
    assert fail(1, username="user99") is not None


def test_failures_a_day_old_are_forgotten(db):
    fail(2)
    assert fail(1, now=T0 + dt.timedelta(days=1, seconds=1)) is None


def test_a_new_password_lifts_every_wait_on_the_name(db):
    fail(5)
    fail(5, address=OWNER_HOME)
    throttle.forget_user(username="Jordan")
    assert throttle.sign_in_wait(username="jordan", address=ATTACKER, now=T0) is None
    assert throttle.sign_in_wait(username="jordan", address=OWNER_HOME, now=T0) is None


def test_sources_are_stored_without_names_or_addresses(db):
    fail(3)
    for row in FailedAttempts.objects.all():
        stored = f"{row.key} {row.user_key}"
        assert "jordan" not in stored
        assert ATTACKER not in stored


def test_failures_are_logged_without_names_or_addresses(db, caplog):
    with caplog.at_level(logging.WARNING, logger="mutuals.accounts"):
        fail(4)
    assert "sign-in failure" in caplog.text
    assert "jordan" not in caplog.text
    assert ATTACKER not in caplog.text


def test_ten_bad_tokens_are_free_and_the_eleventh_waits(db):
    waits = [throttle.record_token_failure(address=ATTACKER, now=T0) for _ in range(11)]
    assert waits[:10] == [None] * 10
    assert waits[10].seconds == 15
    assert throttle.token_wait(address=OWNER_HOME, now=T0) is None


def test_the_clock_defaults_to_now(db):
    fail(3, now=timezone.now())
    assert throttle.sign_in_wait(username="jordan", address=ATTACKER) is not None
