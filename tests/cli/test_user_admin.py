"""`mutuals user passwd|list|delete` and `mutuals token revoke --all`."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import authenticate, get_user_model

from mutuals.accounts import throttle
from mutuals.accounts.models import ApiToken
from mutuals.accounts.services import authenticate_token, create_token, create_user
from mutuals.cli.errors import ExitCode
from tests.cli.conftest import failed, parsed
from tests.factories import PASSWORD, make_person

NEW_PASSWORD = "a-long-pass-phrase-9"
T0 = dt.datetime(2025, 3, 1, 12, 0, tzinfo=dt.UTC)


def make_owner(name: str = "dana"):
    return create_user(username=name, password=PASSWORD, is_owner=True)


def test_passwd_sets_a_new_password_from_stdin(mutuals, jordan):
    result = mutuals("user", "passwd", "jordan", "--password-stdin", input=NEW_PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert authenticate(username="jordan", password=NEW_PASSWORD) is not None
    assert authenticate(username="jordan", password=PASSWORD) is None


def test_passwd_keeps_tokens_unless_asked(mutuals, jordan):
    _, raw = create_token(user=jordan, label="laptop")
    mutuals("user", "passwd", "jordan", "--password-stdin", input=NEW_PASSWORD)
    assert authenticate_token(raw) == jordan


def test_passwd_revokes_tokens_when_told(mutuals, jordan):
    create_token(user=jordan, label="laptop")
    args = ("user", "passwd", "jordan", "--password-stdin", "--revoke-tokens")
    result = mutuals(*args, input=NEW_PASSWORD)
    assert "revoked 1 API token" in result.stderr
    assert not ApiToken.objects.filter(user=jordan).exists()


def test_passwd_lifts_sign_in_waits_on_the_name(mutuals, jordan):
    for _ in range(5):
        throttle.record_sign_in_failure(username="jordan", address="203.0.113.6", now=T0)
    mutuals("user", "passwd", "jordan", "--password-stdin", input=NEW_PASSWORD)
    assert throttle.sign_in_wait(username="jordan", address="203.0.113.6", now=T0) is None


def test_passwd_refuses_a_weak_password(mutuals, jordan):
    result = mutuals("user", "passwd", "jordan", "--password-stdin", input="short")
    assert failed(result, ExitCode.INVALID).startswith("password:")
    assert authenticate(username="jordan", password=PASSWORD) is not None


def test_passwd_of_nobody_says_who_there_is(mutuals, jordan):
    result = mutuals("user", "passwd", "nobody", "--password-stdin", input=NEW_PASSWORD)
    assert "mutuals user list" in failed(result, ExitCode.NOT_FOUND)


def test_list_shows_owners_first_with_their_status(mutuals, jordan):
    make_owner()
    jordan.is_active = False
    jordan.save()
    items = parsed(mutuals("user", "list", "--json"))["items"]
    assert [(u["username"], u["is_owner"], u["is_active"]) for u in items] == [
        ("dana", True, True),
        ("jordan", False, False),
    ]


def test_list_never_shows_passwords_or_tokens(mutuals, jordan):
    _, raw = create_token(user=jordan, label="laptop")
    result = mutuals("user", "list")
    assert result.exit_code == 0, result.output
    assert "jordan" in result.stdout
    assert raw not in result.stdout
    assert jordan.password not in result.stdout


def test_delete_with_yes_removes_the_user_and_their_records(mutuals, jordan, riley):
    make_owner()
    make_person(jordan, "Rosa Núñez")
    result = mutuals("user", "delete", "jordan", "--yes")
    assert result.exit_code == 0, result.output
    assert not get_user_model().objects.filter(username="jordan").exists()
    assert get_user_model().objects.filter(username="riley").exists()


def test_delete_asks_first_and_a_no_keeps_them(mutuals, jordan):
    result = mutuals("user", "delete", "jordan", input="n\n")
    assert result.exit_code == ExitCode.ERROR
    assert get_user_model().objects.filter(username="jordan").exists()


def test_delete_refuses_the_last_owner(mutuals, jordan):
    make_owner()
    message = failed(mutuals("user", "delete", "dana", "--yes"), ExitCode.INVALID)
    assert "last owner" in message
    assert get_user_model().objects.filter(username="dana").exists()


def test_delete_of_an_owner_works_when_another_remains(mutuals):
    make_owner("dana")
    make_owner("sam")
    assert mutuals("user", "delete", "sam", "--yes").exit_code == 0


def test_token_revoke_all_revokes_only_your_tokens(mutuals, jordan, riley):
    create_token(user=jordan, label="one")
    create_token(user=jordan, label="two")
    _, rileys = create_token(user=riley, label="riley's")
    result = mutuals("--user", "jordan", "token", "revoke", "--all")
    assert result.exit_code == 0, result.output
    assert "(2)" in result.stderr
    assert not ApiToken.objects.filter(user=jordan).exists()
    assert authenticate_token(rileys) == riley


def test_token_revoke_without_an_id_or_all_says_what_to_type(mutuals, jordan):
    assert "--all" in failed(mutuals("token", "revoke"), ExitCode.USAGE)
