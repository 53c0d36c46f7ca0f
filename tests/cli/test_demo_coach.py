"""`mutuals demo --coach`: a coach with three demo clients, and `--coach --clear`."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from typer.testing import CliRunner

from mutuals.cli.errors import ExitCode
from mutuals.cli.main import app
from mutuals.coaching.models import CoachLink
from mutuals.demo.coach import demo_accounts
from mutuals.people.models import Person
from tests.cli.conftest import failed
from tests.factories import make_user
from tests.shared_db import shared_transaction


@pytest.fixture(scope="class")
def loaded(django_db_setup, django_db_blocker):
    """Jordan ran `mutuals demo --coach` once, for the class's tests (tests/shared_db.py): its
    result. Each test's own commands and changes are rolled back after it."""
    with shared_transaction(django_db_blocker) as making:
        with making():
            make_user("jordan")
            unset = {"MUTUALS_USER": None, "MUTUALS_DEBUG": None}  # as conftest.py's autouse
            result = CliRunner().invoke(app, ["demo", "--coach"], env=unset)
        yield result


@pytest.mark.django_db
class TestOnceLoaded:
    def test_it_adds_the_coach_and_clients_and_says_how_to_sign_in(self, loaded):
        assert loaded.exit_code == 0, loaded.output
        assert "coaching dana (progress), sam (plan) and lee (network)" in loaded.stderr
        for name in ("coach", "dana", "sam", "lee"):
            assert f"mutuals user passwd {name}" in loaded.stderr
        assert CoachLink.objects.filter(coach__username="coach", state="active").count() == 3

    def test_it_leaves_the_acting_users_records_alone(self, loaded):
        assert not Person.objects.filter(owner__username="jordan").exists()
        assert Person.objects.filter(owner__username="dana").exists()

    def test_running_it_twice_adds_nothing_and_says_so(self, loaded, mutuals):
        people = Person.objects.count()
        result = mutuals("demo", "--coach")
        assert result.exit_code == 0, result.output
        assert "Nothing added" in result.stderr
        assert Person.objects.count() == people

    def test_it_says_nothing_of_passwords_once_they_are_set(self, loaded, mutuals):
        for account in demo_accounts():
            account.set_password("a-long-enough-password")
            account.save()
        result = mutuals("demo", "--coach")
        assert "passwd" not in result.stderr

    def test_clear_removes_the_demo_accounts_and_keeps_the_others(self, loaded, mutuals):
        result = mutuals("demo", "--coach", "--clear")
        assert result.exit_code == 0, result.output
        assert "Removed the coaching demo (4 accounts" in result.stderr
        assert list(get_user_model().objects.values_list("username", flat=True)) == ["jordan"]


def test_clear_with_no_demo_says_there_is_none(mutuals, jordan):
    result = mutuals("demo", "--coach", "--clear")
    assert result.exit_code == 0, result.output
    assert "There is no coaching demo to remove." in result.stderr


def test_a_user_with_a_demo_name_stops_it_with_a_sentence(mutuals, jordan):
    get_user_model().objects.create_user(username="lee", password="a-long-enough-password")
    message = failed(mutuals("demo", "--coach"), ExitCode.INVALID)
    assert "already has a user called 'lee'" in message
    assert not demo_accounts().exists()


def test_seed_does_not_go_with_coach(mutuals, jordan):
    message = failed(mutuals("demo", "--coach", "--seed", "3"), ExitCode.ERROR)
    assert "--seed" in message
    assert not demo_accounts().exists()
