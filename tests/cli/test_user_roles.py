"""`mutuals user create --role … --admin`, `user disable|enable|role|invite`, and roles in
`user list`."""

from __future__ import annotations

from django.contrib.auth import authenticate, get_user_model

from mutuals.accounts import invitations, roles
from mutuals.accounts.models import Invitation
from mutuals.accounts.services import authenticate_token, create_token, create_user
from mutuals.cli.errors import ExitCode
from tests.cli.conftest import failed, parsed
from tests.factories import PASSWORD

GOOD = "a-long-pass-phrase-9"


def _user(name: str):
    return get_user_model().objects.get(username=name)


def test_create_a_coach_and_an_admin(mutuals, jordan):
    result = mutuals("user", "create", "casey", "--role", "coach", "--password-stdin", input=GOOD)
    assert result.exit_code == 0, result.output
    assert "a coach" in result.stderr
    assert roles.is_coach(_user("casey"))
    mutuals("user", "create", "alex", "--admin", "--password-stdin", input=GOOD)
    alex = _user("alex")
    assert roles.is_admin(alex)
    assert not roles.is_coach(alex)


def test_create_refuses_an_unknown_role(mutuals, jordan):
    result = mutuals("user", "create", "sam", "--role", "boss", "--password-stdin", input=GOOD)
    assert "member or coach" in failed(result, ExitCode.INVALID)
    assert not get_user_model().objects.filter(username="sam").exists()


def test_disable_stops_sign_in_and_tokens_and_enable_lets_them_back(mutuals, jordan):
    _, raw = create_token(user=jordan, label="laptop")
    result = mutuals("user", "disable", "jordan")
    assert result.exit_code == 0, result.output
    assert "their records stay" in result.stderr
    assert authenticate(username="jordan", password=PASSWORD) is None
    assert authenticate_token(raw) is None
    assert mutuals("user", "enable", "Jordan").exit_code == 0
    assert authenticate_token(raw) == jordan


def test_disable_nobody_says_who_there_is(mutuals, jordan):
    assert "mutuals user list" in failed(mutuals("user", "disable", "nobody"), ExitCode.NOT_FOUND)


def test_the_last_owner_stays_enabled(mutuals):
    create_user(username="dana", password=PASSWORD, is_owner=True)
    result = mutuals("user", "disable", "dana")
    assert "last owner" in failed(result, ExitCode.INVALID)
    assert _user("dana").is_active


def test_role_changes_and_says_what_they_are_now(mutuals, jordan):
    result = mutuals("user", "role", "jordan", "--role", "coach", "--admin")
    assert result.exit_code == 0, result.output
    assert "coach, administrator" in result.stderr
    mutuals("user", "role", "jordan", "--no-admin")
    jordan = _user("jordan")
    assert roles.is_coach(jordan)
    assert not roles.is_admin(jordan)


def test_role_without_a_change_says_what_to_give(mutuals, jordan):
    assert "--role" in failed(mutuals("user", "role", "jordan"), ExitCode.USAGE)


def test_list_shows_roles(mutuals, jordan, riley):
    create_user(username="dana", password=PASSWORD, is_owner=True)
    roles.set_role(by=None, user_id=jordan.pk, role="coach")
    roles.set_role(by=None, user_id=riley.pk, admin=True)
    items = parsed(mutuals("user", "list", "--json"))["items"]
    assert [(u["username"], u["role"], u["is_admin"]) for u in items] == [
        ("dana", "member", True),
        ("jordan", "coach", False),
        ("riley", "member", True),
    ]
    table = mutuals("user", "list").stdout
    assert "coach" in table
    assert "member, administrator" in table


def test_invite_prints_a_link_that_works_once(mutuals, jordan, settings):
    settings.MUTUALS_BASE_URL = "https://mutuals.example.org"
    result = mutuals("user", "invite", "--role", "coach", "--days", "3")
    assert result.exit_code == 0, result.output
    link = result.stdout.strip()
    assert link.startswith("https://mutuals.example.org/invite/")
    assert "shown only once" in result.stderr
    code = link.rstrip("/").rsplit("/", 1)[1]
    sam = invitations.accept_invitation(code=code, username="sam", password=GOOD)
    assert roles.is_coach(sam)
    stored = Invitation.objects.get()
    assert (stored.expires_at - stored.created_at).days == 3


def test_invite_without_a_base_url_says_how_to_complete_it(mutuals, jordan, settings):
    settings.MUTUALS_BASE_URL = ""
    result = mutuals("user", "invite", "--name", "sam")
    assert result.stdout.startswith("/invite/")
    assert "MUTUALS_BASE_URL" in result.stderr
    assert Invitation.objects.get().username == "sam"


def test_invite_json(mutuals, jordan):
    made = parsed(mutuals("user", "invite", "--json"))
    assert made["role"] == "member"
    assert made["username"] is None
    assert "/invite/" in made["link"]


def test_invite_refuses_days_out_of_range(mutuals, jordan):
    failed(mutuals("user", "invite", "--days", "400"), ExitCode.INVALID)
    assert not Invitation.objects.exists()
