"""`mutuals` loads only the command being run, on settings without the web when it can, and a
configuration it cannot start with is one sentence, never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps

from mutuals.cli import settings as cli_settings
from mutuals.cli.errors import ExitCode
from mutuals.cli.main import COMMANDS
from mutuals.cli.setup import POSTGRES_DRIVER_MISSING
from tests.homes import copy_home, user_environment

MUTUALS = str(Path(sys.executable).with_name("mutuals"))
# Runs `mutuals ARGS` as the console script does, then prints on stderr, as JSON, every module
# the run imported and whether the garbage collector was on at the end.
MODULES_AFTER = """
import gc, json, sys
from mutuals.cli.main import run
try:
    run()
finally:
    sys.stderr.write("\\nCOLLECTING " + json.dumps(gc.isenabled()) + "\\n")
    sys.stderr.write("\\nMODULES " + json.dumps(sorted(sys.modules)) + "\\n")
"""
# Hides the PostgreSQL drivers as if they were not installed (a sitecustomize on PYTHONPATH).
NO_POSTGRES_DRIVER = """
import sys

class NoPostgresDriver:
    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] in {"psycopg", "psycopg2", "psycopg_binary", "psycopg_c"}:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, NoPostgresDriver())
"""
COMMAND_MODULES = {entry.target.partition(":")[0] for entry in COMMANDS.values()}


def one_line(text: str) -> str:
    return " ".join(text.split())


def first_paragraph(help_text: str) -> str:
    return one_line(help_text.strip().split("\n\n")[0])


def modules_after(env: dict[str, str], *args: str) -> tuple[subprocess.CompletedProcess, set]:
    done = subprocess.run(
        [sys.executable, "-c", MODULES_AFTER, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    listed = done.stderr.rpartition("MODULES ")[2]
    return done, set(json.loads(listed))


@pytest.fixture(scope="module")
def home_with_a_user(tmp_path_factory, migrated_home_template) -> Path:
    """A new SQLite install (its database already migrated) with one user, made through the
    CLI itself."""
    home = copy_home(migrated_home_template, tmp_path_factory.mktemp("cli-home") / "home")
    created = subprocess.run(
        [MUTUALS, "user", "create", "jordan", "--password-stdin"],
        env=user_environment(home),
        input="a long enough password\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert created.returncode == 0, created.stderr
    return home


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_the_registered_help_line_is_the_commands_own(name):
    command = COMMANDS[name].load(name)
    assert one_line(COMMANDS[name].help) == first_paragraph(command.help or "")


def test_help_lists_every_command_without_importing_one_or_django(tmp_path):
    done, modules = modules_after(user_environment(tmp_path), "--help")
    assert done.returncode == 0, done.stderr
    for name, entry in COMMANDS.items():
        assert name in done.stdout
        assert one_line(entry.help)[:30] in one_line(done.stdout.replace("│", " "))
    assert not modules & COMMAND_MODULES
    assert "django" not in modules


def test_today_as_json_loads_neither_numpy_rich_nor_the_web(home_with_a_user):
    done, modules = modules_after(user_environment(home_with_a_user), "today", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["items"] == []
    assert not {"numpy", "rich", "django.contrib.admin", "mutuals.urls", "mutuals.web"} & modules
    # The JSON read runs without Typer and without the command's module (cli/fast_path.py);
    # tests/cli/test_fast_path.py holds it to Typer's answers.
    assert not modules & COMMAND_MODULES
    # What only `mutuals thanked` and commands naming a person use: the people's, the ledger's
    # and the needs' services, the matching modules they bring, and the file formats' records.
    assert (
        not {
            "mutuals.ledger.services",
            "mutuals.needs.services",
            "mutuals.people.services",
            "mutuals.core.matching",
            "mutuals.core.formats.records",
        }
        & modules
    )


def test_the_garbage_collector_is_back_on_when_the_command_runs(home_with_a_user):
    done, _ = modules_after(user_environment(home_with_a_user), "today", "--json")
    assert done.returncode == 0, done.stderr
    assert "COLLECTING true" in done.stderr


def test_flags_and_text_options_are_taken_without_loading_pydantic(home_with_a_user):
    env = user_environment(home_with_a_user)
    # Without --json: through Typer (`today --json` runs without it, cli/fast_path.py).
    done, modules = modules_after(env, "--user", "jordan", "today", "--all")
    assert done.returncode == 0, done.stderr
    assert "typer" in modules
    assert "pydantic" not in modules


def test_a_number_option_is_still_checked(mutuals):
    result = mutuals("thanked", "seven")
    assert result.exit_code == ExitCode.USAGE
    assert "EXCHANGE_ID" in result.output
    assert "integer" in result.output


def test_an_unknown_command_suggests_the_closest_one(mutuals):
    result = mutuals("tody")
    assert result.exit_code == ExitCode.USAGE
    assert "Did you mean 'today'?" in result.output


def test_the_cli_settings_keep_every_app_with_models_but_the_webs_own():
    # Deletes cascade through every model that points at a record; only the admin's log and
    # the sessions (web=True commands keep them) may be left out, and the task queue, whose
    # rows point at no record (`mutuals worker` and `serve` are web=True).
    with_models = {config.name for config in apps.get_app_configs() if config.models_module}
    left_out = with_models - set(cli_settings.INSTALLED_APPS)
    assert left_out <= {"django.contrib.admin", "django.contrib.sessions", "django_tasks_db"}
    assert "django.contrib.admin" not in cli_settings.INSTALLED_APPS
    assert cli_settings.TEMPLATES == []
    assert cli_settings.MIDDLEWARE == []


@pytest.mark.parametrize(
    "args",
    [("today", "--json"), ("people",), ("serve", "--no-migrate"), ("user", "list")],
    ids=["today", "people", "serve", "user list"],
)
def test_postgresql_without_its_driver_says_how_to_install_it_in_one_line(tmp_path, args):
    (tmp_path / "sitecustomize.py").write_text(NO_POSTGRES_DRIVER)
    env = user_environment(tmp_path / "home")
    env["PYTHONPATH"] = str(tmp_path)
    env["MUTUALS_DATABASE_URL"] = "postgres://mutuals@127.0.0.1:9/mutuals"
    done = subprocess.run(
        [MUTUALS, *args], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == ExitCode.ERROR
    assert done.stdout == ""
    assert done.stderr.strip() == POSTGRES_DRIVER_MISSING
    assert "pip install 'mutuals[postgres]'" in POSTGRES_DRIVER_MISSING


def test_a_mistyped_setting_is_one_sentence_not_a_traceback(tmp_path):
    env = user_environment(tmp_path / "home")
    env["MUTUALS_DB_BUSY_TIMEOUT"] = "five"
    done = subprocess.run(
        [MUTUALS, "today"], env=env, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == ExitCode.ERROR
    assert "Traceback" not in done.stderr
    assert done.stderr.strip() == (
        "MUTUALS_DB_BUSY_TIMEOUT must be a number of seconds above 0, such as 5."
    )


def test_a_whole_number_in_range_is_taken_without_loading_pydantic(home_with_a_user):
    env = user_environment(home_with_a_user)
    done, modules = modules_after(env, "--user", "jordan", "today", "--more", "2")
    assert done.returncode == 0, done.stderr
    assert "typer" in modules
    assert "pydantic" not in modules


@pytest.mark.parametrize("given", ["500", "-1", "two", "1.5", "²"])
def test_a_whole_number_out_of_range_or_not_a_number_is_still_refused(mutuals, given):
    result = mutuals("today", "--more", given)
    assert result.exit_code == ExitCode.USAGE
    assert "--more" in result.output
