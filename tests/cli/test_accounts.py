"""`mutuals user create` and `mutuals token create|list|revoke`."""

from __future__ import annotations

from django.contrib.auth import authenticate

from mutuals.accounts import selectors as account_selectors
from mutuals.accounts.services import authenticate_token
from mutuals.cli.errors import ExitCode
from tests.cli.conftest import failed, parsed

GOOD_PASSWORD = "a-long-pass-phrase-9"


def test_user_create_reads_the_password_from_stdin(mutuals):
    result = mutuals("user", "create", "dana", "--password-stdin", input=GOOD_PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert authenticate(username="dana", password=GOOD_PASSWORD) is not None


def test_the_first_user_owns_the_install(mutuals):
    result = mutuals("user", "create", "dana", "--password-stdin", input=GOOD_PASSWORD)
    assert account_selectors.local_user("dana").is_superuser
    assert "the owner of this install" in result.stderr


def test_a_later_user_is_not_an_owner(mutuals, jordan):
    result = mutuals("user", "create", "sam", "--password-stdin", input=GOOD_PASSWORD)
    assert result.exit_code == 0, result.output
    assert not account_selectors.local_user("sam").is_superuser


def test_user_create_asks_for_a_missing_name(mutuals):
    # At a terminal the password is asked twice (tests/cli/test_passwords.py); here it is piped.
    answers = f"dana\n{GOOD_PASSWORD}\n{GOOD_PASSWORD}\n"
    result = mutuals("user", "create", input=answers)
    assert result.exit_code == 0, result.output
    assert "User name" in result.output
    assert authenticate(username="dana", password=GOOD_PASSWORD) is not None


def test_user_create_rejects_a_weak_password_naming_it(mutuals):
    message = failed(
        mutuals("user", "create", "dana", "--password-stdin", input="short"), ExitCode.INVALID
    )
    assert message.startswith("password:")
    assert not account_selectors.has_any_user()


def test_user_create_refuses_a_taken_name(mutuals, jordan):
    result = mutuals("user", "create", "Jordan", "--password-stdin", input=GOOD_PASSWORD)
    assert "USERNAME:" in failed(result, ExitCode.INVALID)


def test_token_create_prints_a_working_secret_once(mutuals, jordan):
    result = mutuals("token", "create", "--label", "scripts")
    assert result.exit_code == 0, result.output
    secret = result.stdout.strip()
    assert authenticate_token(secret) == jordan
    assert "shown only once" in result.stderr


def test_token_list_json_never_shows_secrets(mutuals, jordan):
    secret = mutuals("token", "create", "--label", "scripts").stdout.strip()
    data = parsed(mutuals("token", "list", "--json"))
    [token] = data["tokens"]
    assert set(token) == {"id", "label", "prefix", "created_at", "last_used_at"}
    assert token["label"] == "scripts"
    assert secret not in mutuals("token", "list", "--json").stdout
    assert "scripts" in mutuals("token", "list").stdout


def test_token_revoke_stops_the_token_working(mutuals, jordan):
    made = parsed(mutuals("token", "create", "--json"))
    assert mutuals("token", "revoke", str(made["id"])).exit_code == 0
    assert authenticate_token(made["token"]) is None


def test_riley_can_neither_list_nor_revoke_jordans_tokens(mutuals, jordan, riley):
    made = parsed(mutuals("--user", "jordan", "token", "create", "--json"))
    assert parsed(mutuals("--user", "riley", "token", "list", "--json"))["tokens"] == []
    failed(mutuals("--user", "riley", "token", "revoke", str(made["id"])), ExitCode.NOT_FOUND)
    assert authenticate_token(made["token"]) == jordan
