"""`mutuals group …` and `mutuals pool search`: words on screen, numbers (or "a few") in JSON."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from mutuals.cli.errors import ExitCode
from mutuals.core import pool
from mutuals.groups.models import PooledPerson
from tests.cli.conftest import failed, parsed
from tests.factories import make_person


@pytest.fixture
def ada(db):
    return get_user_model().objects.create_superuser(username="ada", password="x" * 20)


def as_user(mutuals, name):
    return lambda *args, **kwargs: mutuals("--user", name, *args, **kwargs)


@pytest.fixture
def group(mutuals, ada):
    return parsed(mutuals("--user", "ada", "group", "create", "Northfield alumni", "--json"))


def _join(mutuals, name):
    code = parsed(mutuals("--user", "ada", "group", "invite", "Northfield alumni", "--json"))[
        "code"
    ]
    result = mutuals("--user", name, "group", "join", code)
    assert result.exit_code == 0, result.output
    return result


def test_an_administrator_creates_a_group_and_lists_it(mutuals, group):
    assert group["role"] == "admin"
    listed = parsed(mutuals("--user", "ada", "group", "list", "--json"))
    assert [item["name"] for item in listed["items"]] == ["Northfield alumni"]
    shown = mutuals("--user", "ada", "group", "list")
    assert "Northfield alumni" in shown.output
    assert "group administrator" in shown.output


def test_a_member_cannot_create_a_group(mutuals, ada, jordan):
    message = failed(mutuals("--user", "jordan", "group", "create", "Mine"), ExitCode.ERROR)
    assert "Only an administrator of this install" in message


def test_joining_says_nothing_is_pooled_yet(mutuals, group, jordan):
    result = _join(mutuals, "jordan")
    assert "You pool nothing yet" in result.output


def test_pooling_then_withdrawing(mutuals, group, jordan):
    _join(mutuals, "jordan")
    make_person(jordan, "Rosa Núñez", organization="Copperleaf")
    data = parsed(
        mutuals("--user", "jordan", "group", "pool", "Northfield alumni", "--all", "--json")
    )
    assert data["pooled_people"] == 1
    said = mutuals("--user", "jordan", "group", "pool", "Northfield alumni", "--all")
    assert " ".join(said.output.split()).endswith(pool.POOLING_WORDS)
    result = mutuals("--user", "jordan", "group", "pool", "#" + str(group["id"]), "--withdraw")
    assert "every row of yours is gone" in result.output
    assert not PooledPerson.objects.exists()


def test_pool_needs_exactly_one_choice(mutuals, group, jordan):
    _join(mutuals, "jordan")
    failed(mutuals("--user", "jordan", "group", "pool", "Northfield alumni"), ExitCode.USAGE)


def test_a_search_on_screen_says_a_few_and_json_never_a_small_number(mutuals, group, jordan):
    _join(mutuals, "jordan")
    make_person(jordan, "Rosa Núñez", organization="Copperleaf", tier="inner")
    mutuals("--user", "jordan", "group", "pool", "Northfield alumni", "--all")
    shown = mutuals("--user", "ada", "pool", "search", "Northfield alumni", "--org", "Copperleaf")
    assert "A few members know someone at Copperleaf, a few of them well." in shown.output
    data = parsed(
        mutuals(
            "--user", "ada", "pool", "search", "Northfield alumni", "--org", "Copperleaf", "--json"
        )
    )
    assert data["members"] == "a few"
    assert "Rosa" not in shown.output + str(data)


def test_a_words_search_with_one_word_names_the_option(mutuals, group):
    message = failed(
        mutuals("--user", "ada", "pool", "search", "Northfield alumni", "--words", "manager"),
        ExitCode.INVALID,
    )
    assert "at least 2 words" in message


def test_a_group_you_do_not_belong_to_is_not_found(mutuals, group, jordan):
    message = failed(
        mutuals("--user", "jordan", "pool", "search", "Northfield alumni", "--org", "X"),
        ExitCode.NOT_FOUND,
    )
    assert "no group called 'Northfield alumni'" in message


def test_members_lists_who_pools_for_the_groups_administrator(mutuals, group, jordan):
    _join(mutuals, "jordan")
    data = parsed(mutuals("--user", "ada", "group", "members", "Northfield alumni", "--json"))
    assert {item["username"] for item in data["items"]} == {"ada", "jordan"}
    failed(mutuals("--user", "jordan", "group", "members", "Northfield alumni"), ExitCode.ERROR)


def test_invitations_from_a_csv_file(mutuals, group, tmp_path):
    path = tmp_path / "emails.csv"
    path.write_text("email\nrosa@example.org\nben@example.org\n")
    data = parsed(
        mutuals(
            "--user", "ada", "group", "invite", "Northfield alumni", "--emails", str(path), "--json"
        )
    )
    assert [item["email"] for item in data["items"]] == ["rosa@example.org", "ben@example.org"]


def test_leaving_a_group(mutuals, group, jordan):
    _join(mutuals, "jordan")
    result = mutuals("--user", "jordan", "group", "leave", "Northfield alumni")
    assert "You left Northfield alumni" in result.output
    assert parsed(mutuals("--user", "jordan", "group", "list", "--json"))["count"] == 0
