"""`mutuals share …` (the client) and `mutuals coach invite|accept|end` (the coach)."""

from __future__ import annotations

import pytest

from mutuals.coaching import services
from mutuals.coaching.access import client_for
from mutuals.coaching.models import CoachLink
from mutuals.core.coaching import Level
from tests.cli.conftest import failed, parsed
from tests.coach_data import make_coach


@pytest.fixture(autouse=True)
def jordan_coaches(jordan):
    """Jordan holds the coach role: the coach side of the links here."""
    make_coach(jordan)


@pytest.fixture
def as_user(mutuals):
    def run(user, *args: str):
        return mutuals("--user", user.username, *args)

    return run


def test_coach_invites_and_client_accepts_at_a_level(as_user, jordan, riley):
    invitation = parsed(as_user(jordan, "coach", "invite", "--json", "--days", "3"))
    assert invitation["path"] == f"/coaching/join/{invitation['code']}"
    with pytest.raises(CoachLink.DoesNotExist):
        client_for(coach=jordan, client_id=riley.pk, needs=Level.PROGRESS, what="progress")
    result = as_user(riley, "share", "accept", invitation["code"], "--level", "plan")
    assert result.exit_code == 0, result.output
    assert "jordan is now your coach and sees Plan" in result.stderr
    link = CoachLink.objects.get()
    assert (link.client, link.level, link.state) == (riley, "plan", "active")
    message = failed(as_user(riley, "share", "accept", invitation["code"]), 5)
    assert "already been used" in message


def test_coach_invite_prints_the_code_for_people(as_user, jordan):
    result = as_user(jordan, "coach", "invite")
    assert result.exit_code == 0, result.output
    code = result.stdout.split()[0]
    assert CoachLink.objects.get().code_hash == services.hash_code(code)
    assert f"/coaching/join/{code}" in result.stderr


def test_accept_defaults_to_progress(as_user, jordan, riley):
    _link, code = services.invite_client(coach=jordan)
    assert as_user(riley, "share", "accept", code).exit_code == 0
    assert CoachLink.objects.get().level == "progress"


def test_client_invites_a_coach_who_accepts_with_the_code(as_user, jordan, riley):
    data = parsed(as_user(riley, "share", "invite-coach", "jordan", "--level", "network", "--json"))
    assert (data["coach"], data["waiting_for"], data["level"]) == ("jordan", "coach", "network")
    result = as_user(jordan, "coach", "accept", data["code"])
    assert result.exit_code == 0, result.output
    assert "You now coach riley" in result.stderr
    assert CoachLink.objects.get().state == "active"


def test_share_list_and_level(as_user, jordan, riley):
    _link, code = services.invite_client(coach=jordan)
    link = services.accept(user=riley, code=code)
    listed = parsed(as_user(riley, "share", "list", "--json"))["items"]
    assert [(i["id"], i["coach"], i["level"], i["role"]) for i in listed] == [
        (link.pk, "jordan", "progress", "client")
    ]
    result = as_user(riley, "share", "level", "jordan", "network")
    assert result.exit_code == 0, result.output
    assert "jordan now sees Network" in result.stderr
    message = failed(as_user(riley, "share", "level", "jordan", "everything"), 5)
    assert "not a level" in message
    link.refresh_from_db()
    assert link.level == "network"
    table = as_user(riley, "share", "list")
    assert "jordan" in table.stdout
    assert "Network" in table.stdout


def test_the_coach_cannot_change_the_level_from_share(as_user, jordan, riley):
    _link, code = services.invite_client(coach=jordan)
    services.accept(user=riley, code=code)
    message = failed(as_user(jordan, "share", "level", "riley", "network"), 3)
    assert "no coach called 'riley'" in message
    assert CoachLink.objects.get().level == "progress"


@pytest.mark.parametrize("side", ["client", "coach"])
def test_ending_from_either_side(as_user, jordan, riley, side):
    _link, code = services.invite_client(coach=jordan)
    services.accept(user=riley, code=code)
    if side == "client":
        result = as_user(riley, "share", "end", "jordan")
    else:
        result = as_user(jordan, "coach", "end", "riley")
    assert result.exit_code == 0, result.output
    with pytest.raises(CoachLink.DoesNotExist):
        client_for(coach=jordan, client_id=riley.pk, needs=Level.PROGRESS, what="progress")
    assert "no coach called" in failed(as_user(riley, "share", "end", "jordan"), 3)


def test_the_coach_cancels_an_invitation_by_its_number(as_user, jordan, riley):
    link, code = services.invite_client(coach=jordan)
    result = as_user(jordan, "coach", "end", f"#{link.pk}")
    assert result.exit_code == 0
    assert "cancelled" in result.stderr
    assert "not one we know" in failed(as_user(riley, "share", "accept", code), 5)


def test_activity_shows_only_my_records(as_user, jordan, riley, casey):
    for client in (riley, casey):
        _link, code = services.invite_client(coach=jordan)
        services.accept(user=client, code=code)
    client_for(coach=jordan, client_id=riley.pk, needs=Level.PROGRESS, what="goals")
    client_for(coach=jordan, client_id=casey.pk, needs=Level.PROGRESS, what="casey-only")
    data = parsed(as_user(riley, "share", "activity", "--json"))
    assert data["count"] == 1
    assert [(i["coach"], i["what"]) for i in data["items"]] == [("jordan", "goals")]
    shown = as_user(riley, "share", "activity")
    assert "goals" in shown.stdout
    assert "casey-only" not in shown.stdout
    empty = as_user(jordan, "share", "activity")
    assert empty.exit_code == 0
    assert "No coach has opened your data" in empty.stderr


def test_only_a_coach_invites_clients_and_members_are_named(as_user, riley, casey):
    message = failed(as_user(riley, "coach", "invite"), 5)
    assert "ask the owner to make riley a coach." in message
    message = failed(as_user(riley, "share", "invite-coach", "casey"), 5)
    assert "casey is not a coach on this install: ask the owner to make casey a coach." in message
    assert not CoachLink.objects.exists()
