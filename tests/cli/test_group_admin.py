"""`mutuals group report`, `mutuals group admin` and e-mail invitations from the CLI: words on
screen, numbers in JSON, the same rules as the page and the API."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from mutuals.cli.errors import ExitCode
from mutuals.groups import services
from mutuals.groups.models import GroupInvitation, InvitationBatch, Membership
from tests.cli.conftest import failed, parsed
from tests.factories import make_user
from tests.smtp import (  # noqa: F401 (fixtures)
    free_port,
    smtp_down_fixture,
    smtp_server_fixture,
)


@pytest.fixture
def ada(db):
    return get_user_model().objects.create_superuser(username="ada", password="x" * 20)


@pytest.fixture
def group(ada):
    return services.create_group(by=ada, name="Northfield alumni")


def _join(group, ada, name):
    user = make_user(name)
    services.join(user=user, code=services.new_link_code(by=ada, group_id=group.pk))
    return user


def test_the_report_in_json_is_numbers_for_twelve_months(mutuals, group, ada):
    _join(group, ada, "bea")
    data = parsed(mutuals("--user", "ada", "group", "report", "Northfield alumni", "--json"))
    assert data["group"] == {"id": group.pk, "name": "Northfield alumni"}
    assert (data["members"], data["pooling"], data["pooling_rate"]) == (2, 0, 0)
    assert len(data["months"]) == 12
    assert data["totals"]["joined"] == 2
    assert set(data["months"][0]) == {
        "month",
        "joined",
        "left",
        "members",
        "pooling",
        "pooling_rate",
        "searches",
        "requested",
        "accepted",
        "made",
        "thanked",
    }


def test_the_report_on_screen_is_a_table_of_months(mutuals, group):
    result = mutuals("--user", "ada", "group", "report", "#" + str(group.pk))
    assert result.exit_code == 0, result.output
    assert "Northfield alumni: 1 member; none pools yet." in result.output
    assert "Thanked" in result.output
    assert "12 months" in result.output
    assert "Members at its end" in result.output


def test_a_member_is_refused_the_report(mutuals, group, ada):
    _join(group, ada, "bea")
    message = failed(
        mutuals("--user", "bea", "group", "report", "Northfield alumni"), ExitCode.ERROR
    )
    assert "Only an administrator of this group" in message


def test_a_stranger_finds_no_such_group(mutuals, group, jordan):
    message = failed(
        mutuals("--user", "jordan", "group", "report", "Northfield alumni"), ExitCode.NOT_FOUND
    )
    assert "You administer no group called 'Northfield alumni'" in message


def test_an_install_administrator_reports_on_a_group_they_do_not_belong_to(mutuals, group, ada):
    other = get_user_model().objects.create_superuser(username="otto", password="x" * 20)
    assert not Membership.objects.filter(user=other).exists()
    data = parsed(mutuals("--user", "otto", "group", "report", "Northfield alumni", "--json"))
    assert data["members"] == 1


def test_naming_and_removing_an_administrator(mutuals, group, ada):
    bea = _join(group, ada, "bea")
    named = mutuals("--user", "ada", "group", "admin", "Northfield alumni", "bea")
    assert "bea is now an administrator of Northfield alumni." in named.output
    assert Membership.objects.get(user=bea).role == Membership.ADMIN
    data = parsed(
        mutuals("--user", "bea", "group", "admin", "Northfield alumni", "ada", "--remove", "--json")
    )
    assert data == {**data, "username": "ada", "role": "member"}


def test_the_last_administrator_is_not_removed(mutuals, group):
    message = failed(
        mutuals("--user", "ada", "group", "admin", "Northfield alumni", "ada", "--remove"),
        ExitCode.INVALID,
    )
    assert "only administrator" in message


def test_without_a_mail_server_invitations_are_codes_to_hand_out(
    mutuals, group, tmp_path, settings
):
    settings.MUTUALS_SMTP_HOST = ""
    path = tmp_path / "emails.csv"
    path.write_text("rosa@example.org\n")
    result = mutuals("--user", "ada", "group", "invite", "Northfield alumni", "--emails", str(path))
    assert result.exit_code == 0, result.output
    assert "no mail server set" in result.output
    assert "rosa@example.org" in result.output


def _invite(mutuals, tmp_path, text, *more):
    path = tmp_path / "emails.csv"
    path.write_text(text)
    return mutuals(
        "--user", "ada", "group", "invite", "Northfield alumni", "--emails", str(path), *more
    )


def test_with_a_mail_server_the_list_is_sent_here_each_address_once(
    mutuals, group, tmp_path, smtp_server
):
    data = parsed(_invite(mutuals, tmp_path, "rosa@example.org\nmilo@example.org\n", "--json"))
    assert (data["total"], data["sent"], data["failed"], data["done"]) == (2, 2, 0, True)
    assert data["items"] == []  # only the failed ones are listed
    assert smtp_server.recipients == [["rosa@example.org"], ["milo@example.org"]]
    assert InvitationBatch.objects.get().pk == data["id"]


def test_no_mail_only_makes_the_codes(mutuals, group, tmp_path, smtp_server):
    data = parsed(_invite(mutuals, tmp_path, "rosa@example.org\n", "--no-mail", "--json"))
    assert set(data["items"][0]) == {"email", "code"}
    assert smtp_server.messages == []
    assert GroupInvitation.objects.count() == 1


def test_a_server_that_is_down_is_reported_per_address_with_how_to_retry(
    mutuals, group, tmp_path, smtp_down
):
    result = _invite(mutuals, tmp_path, "rosa@example.org\n")
    assert result.exit_code == 0, result.output
    assert "rosa@example.org" in result.output
    assert "0 of 1 sent, 1 failed: Could not reach the mail server" in result.output
    assert "--retry" in result.output


def test_the_lists_and_a_retry_that_sends_only_the_failed(
    mutuals, group, tmp_path, smtp_server, settings
):
    port = settings.EMAIL_PORT
    settings.EMAIL_PORT = free_port()  # down for the first try
    first = parsed(_invite(mutuals, tmp_path, "rosa@example.org\n", "--json"))
    assert first["failed"] == 1
    settings.EMAIL_PORT = port
    listed = parsed(mutuals("--user", "ada", "group", "invitations", "Northfield alumni", "--json"))
    assert [item["id"] for item in listed["items"]] == [first["id"]]
    again = mutuals(
        "--user", "ada", "group", "invitations", "Northfield alumni", str(first["id"]), "--retry"
    )
    assert again.exit_code == 0, again.output
    assert "1 of 1 sent." in again.output
    assert smtp_server.recipients == [["rosa@example.org"]]
    twice = mutuals(
        "--user", "ada", "group", "invitations", "Northfield alumni", str(first["id"]), "--retry"
    )
    assert "none to retry" in twice.output
    assert len(smtp_server.messages) == 1


def test_an_unknown_list_is_not_found(mutuals, group):
    result = mutuals("--user", "ada", "group", "invitations", "Northfield alumni", "999")
    assert "has no invitation list 999" in failed(result, ExitCode.NOT_FOUND)
