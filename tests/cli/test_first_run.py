"""Starting from the CLI: any command on a fresh data directory creates the database and, with
no user yet, the owner named after whoever is signed in to the computer; `mutuals init` does
the same explicitly and says where the data lives and what to do next."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

from mutuals.accounts.services import create_local_owner, local_owner_name
from mutuals.cli.errors import ExitCode
from mutuals.cli.setup import database_is_current
from tests.cli.conftest import failed, parsed
from tests.cli.test_dispatch import user_environment

MUTUALS = str(Path(sys.executable).with_name("mutuals"))


def run(
    home: Path, *args: str, login: str = "alex", stdin: str = ""
) -> subprocess.CompletedProcess:
    """`mutuals ARGS` as a user named `login` would run it, on the data directory `home`."""
    env = {**user_environment(home), "LOGNAME": login, "USER": login}
    return subprocess.run(
        [MUTUALS, *args],
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def users_in(home: Path) -> list[dict]:
    listed = run(home, "user", "list", "--json")
    assert listed.returncode == 0, listed.stderr
    return json.loads(listed.stdout)["items"]


@pytest.fixture
def home(tmp_path) -> Path:
    return tmp_path / "fresh"


# Each test on a fresh data directory migrates a new database (seconds of the suite's time), so
# the second command and the second `init` are checked after the first, in the same test.


def test_today_on_a_fresh_data_directory_creates_the_database_and_one_owner_once(home):
    done = run(home, "today", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["items"] == []
    assert done.stderr.strip().splitlines() == [
        "Created your account 'alex' on this computer. To use the web app too, set a password "
        "with `mutuals user passwd alex`."
    ]
    assert [(u["username"], u["is_owner"]) for u in users_in(home)] == [("alex", True)]

    again = run(home, "people", "--json", login="someone-else")

    assert again.returncode == 0, again.stderr
    assert again.stderr == "", "the second command says nothing"
    assert [u["username"] for u in users_in(home)] == ["alex"], "and makes no second owner"


def test_the_user_option_names_the_first_owner(home):
    done = run(home, "--user", "dana", "add", "Rosa Núñez")
    assert done.returncode == 0, done.stderr
    assert "'dana'" in done.stderr
    assert [u["username"] for u in users_in(home)] == ["dana"]


def test_init_sets_up_says_where_the_data_lives_and_what_to_do_next_then_changes_nothing(home):
    done = run(home, "init")
    assert done.returncode == 0, done.stderr
    assert "Created your account 'alex'" in done.stderr
    assert f"Your data lives in {home}" in done.stderr
    assert "mutuals import linkedin ~/Downloads/Basic_LinkedInDataExport.zip" in done.stderr
    assert "mutuals today" in done.stderr
    assert "mutuals serve" in done.stderr

    again = run(home, "init", "--json")

    assert again.returncode == 0, again.stderr
    report = json.loads(again.stdout)
    assert report["migrated"] is False
    assert report["account"] == {"username": "alex", "created": False, "has_password": False}
    assert report["home"] == str(home)
    assert [u["username"] for u in users_in(home)] == ["alex"]


def test_after_setting_a_password_the_owner_can_sign_in(migrated_home):
    run(migrated_home, "init")
    done = run(migrated_home, "user", "passwd", "alex", stdin="a long enough password\n")
    assert done.returncode == 0, done.stderr
    report = json.loads(run(migrated_home, "init", "--json").stdout)
    assert report["account"]["has_password"] is True


def test_the_database_counts_as_current_once_migrated(db):
    assert database_is_current()


def test_with_no_user_yet_a_command_creates_the_owner(mutuals):
    result = mutuals("people", "--json", env={"LOGNAME": "sam.o'neil", "USER": "sam.o'neil"})
    assert parsed(result)["count"] == 0
    owner = get_user_model().objects.get()
    assert (owner.username, owner.is_superuser) == ("sam.o-neil", True)
    assert not owner.has_usable_password()
    assert "mutuals user passwd sam.o-neil" in result.stderr


def test_with_users_already_nobody_is_created(mutuals, jordan, riley):
    failed(mutuals("today"), ExitCode.NO_USER)
    assert get_user_model().objects.count() == 2


def test_a_second_local_owner_is_never_made(jordan):
    assert create_local_owner(login="alex") is None
    assert list(get_user_model().objects.values_list("username", flat=True)) == ["jordan"]


@pytest.mark.parametrize(
    ("login", "name"),
    [
        ("alex", "alex"),
        ("Dana Smith", "Dana-Smith"),
        ("DOMAIN\\dana", "DOMAIN-dana"),
        ("zoë", "zoë"),
        ("  ", "owner"),
        ("!!!", "owner"),
        ("a" * 200, "a" * 150),
    ],
)
def test_the_owner_is_named_after_the_login_as_a_user_name_can_be(login, name):
    assert local_owner_name(login) == name


def test_serve_after_init_says_how_to_set_the_password(migrated_home):
    from tests.cli.test_serve import serve_then_stop

    run(migrated_home, "init")
    code, stderr = serve_then_stop({**user_environment(migrated_home), "LOGNAME": "alex"})
    assert code == 0, stderr
    assert "Sign in as alex, once you set a password with `mutuals user passwd alex`." in stderr
