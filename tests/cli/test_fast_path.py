"""`mutuals today --json` runs without Typer (cli/fast_path.py): for every option of `today` it
prints the same bytes on stdout and stderr and exits with the same code as Typer's command, and
whatever it does not know (help, usage mistakes, other commands) still goes through Typer."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from django.db import transaction

from mutuals.cli import fast_path
from mutuals.cli.errors import ExitCode
from mutuals.cli.main import COMMANDS
from mutuals.core.agenda import COMING_DAYS
from tests.cli.test_dispatch import COMMAND_MODULES, MUTUALS, modules_after
from tests.factories import days_ago, log, make_person, make_promise, make_user
from tests.homes import copy_home, user_environment
from tests.shared_db import shared_transaction

THROUGH_RUN = "import sys; sys.argv[0] = 'mutuals'; from mutuals.cli.main import run; run()"
THROUGH_TYPER = "import sys; sys.argv[0] = 'mutuals'; from mutuals.cli.main import app; app()"
# Typer, click, Rich and pydantic: none of them is needed to print the plan as JSON.
TYPER_AND_ITS_PARTS = {"typer", "click", "rich", "pydantic"}


def fast(capsys, *args: str) -> tuple[int | None, str, str]:
    """The fast path's exit code (None: not its to answer), stdout and stderr."""
    code = fast_path.run(COMMANDS, list(args))
    out, err = capsys.readouterr()
    return code, out, err


def typers(mutuals, *args: str) -> tuple[int, str, str]:
    result = mutuals(*args)
    return result.exit_code, result.stdout, result.stderr


def rolled_back(run, *args):
    """What `run` gives, with whatever it wrote (a first owner) rolled back."""
    with transaction.atomic():
        answer = run(*args)
        transaction.set_rollback(True)
    return answer


@pytest.fixture(scope="class")
def agendas(django_db_setup, django_db_blocker):
    """Jordan with more due than a week of plans holds, a promise among it; Riley with one.
    Made once for the class's tests, each of which only reads them (tests/shared_db.py)."""
    with shared_transaction(django_db_blocker) as making:
        with making():
            jordan, riley = make_user("jordan"), make_user("riley")
            for n in range(45):
                person = make_person(
                    jordan, f"Contact {n:02}", tier="close", known_since=days_ago(400)
                )
                log(jordan, person, days=60 + n)
            rosa = make_person(jordan, "Rosa Núñez")
            make_promise(jordan, rosa, "Send Rosa the article", due_in=-2)
            make_promise(riley, None, "Update my CV", due_in=0)
        yield


SAME_ANSWERS = [
    ("today", "--json"),
    ("today", "--json", "--all"),
    ("today", "--all", "--json"),
    ("today", "--json", "--more", "2"),
    ("today", "--more=3", "--json"),
    ("today", "--json", "--more", "0"),
    ("today", "--json", "--more", "100"),
    ("today", "--json", "--more", "007"),
    ("today", "--json", "--more", "1", "--more", "4"),
    ("today", "--json", "--json", "--all", "--all"),
    ("--user", "jordan", "today", "--json"),
    ("--user=riley", "today", "--json", "--all"),
    ("--user", "riley", "--user", "jordan", "today", "--json"),
    ("--user", "nobody", "today", "--json"),
    ("--user", "Jordan", "today", "--json"),
]


# MUTUALS_USER only decides whose plan it is, so every way of writing the options is checked
# without it, and each value of it with the three ways of naming a user (none, a good one, an
# unknown one), instead of every pair of the two (60 tests, each with 47 people to make).
USER_VARIABLE_ARGS = [("today", "--json"), ("--user", "jordan", "today", "--json")]
USER_VARIABLE_ARGS += [("--user", "nobody", "today", "--json")]
CASES = [(args, None) for args in SAME_ANSWERS] + [
    (args, variable) for args in USER_VARIABLE_ARGS for variable in ("jordan", "riley", "")
]


@pytest.mark.django_db
class TestWithTwoUsersPlans:
    @pytest.mark.parametrize(
        ("args", "user_variable"),
        CASES,
        ids=[f"{variable}-{' '.join(args)}" for args, variable in CASES],
    )
    def test_the_fast_path_answers_as_typer_does(
        self, capsys, mutuals, agendas, monkeypatch, args, user_variable
    ):
        if user_variable is not None:
            monkeypatch.setenv("MUTUALS_USER", user_variable)
        ours = fast(capsys, *args)
        assert ours[0] is not None, "the fast path left it to Typer"
        assert ours == typers(mutuals, *args)

    def test_the_fast_path_prints_the_plan_and_says_which_user_is_unknown(self, capsys, agendas):
        code, out, err = fast(capsys, "--user", "jordan", "today", "--json", "--more", "1")
        assert (code, err) == (0, "")
        plan = json.loads(out)
        assert len(plan["items"]) == 6
        assert plan["later_days"] == COMING_DAYS
        assert plan["items"][0]["text"] == "Send Rosa the article"
        code, out, err = fast(capsys, "--user", "nobody", "today", "--json")
        assert (code, out) == (ExitCode.NO_USER, "")
        assert "There is no active user called 'nobody'" in err

    def test_with_two_users_and_none_named_both_paths_ask_which(self, capsys, mutuals, agendas):
        ours = fast(capsys, "today", "--json")
        assert ours == typers(mutuals, "today", "--json")
        assert ours[0] == ExitCode.NO_USER
        assert "more than one user" in ours[2]


@pytest.mark.parametrize("args", [("today", "--json"), ("--user", "sam", "today", "--json")])
def test_on_a_fresh_install_both_paths_make_the_owner_and_say_so(capsys, mutuals, db, args):
    ours = rolled_back(fast, capsys, *args)
    assert ours == rolled_back(typers, mutuals, *args)
    assert ours[0] == ExitCode.OK
    assert "Created your account" in ours[2]
    assert json.loads(ours[1])["items"] == []


def renewed_versions(run, *args) -> tuple[tuple, list[str]]:
    """What `run` gives and whose versions it renewed ("everyone", or "the owner" it made),
    with everything it wrote rolled back."""
    from django.contrib.auth import get_user_model

    from mutuals.changes.models import Version
    from mutuals.changes.tracking import EVERYONE

    with transaction.atomic():
        answer = run(*args)
        owner = get_user_model().objects.get()
        renewed = sorted(
            "everyone" if owner_id == EVERYONE else "the owner" if owner_id == owner.pk else "?"
            for owner_id in Version.objects.values_list("owner_id", flat=True)
        )
        transaction.set_rollback(True)
    return answer, renewed


def test_on_a_fresh_install_both_paths_renew_the_same_version(capsys, mutuals, db):
    ours = renewed_versions(fast, capsys, "today", "--json")
    theirs = renewed_versions(typers, mutuals, "today", "--json")
    assert ours == theirs
    assert ours[1]


LEFT_TO_TYPER = [
    ("today",),
    ("today", "--all"),
    ("today", "--more", "2"),
    ("today", "--json", "--help"),
    ("today", "--json", "-h"),
    ("--help",),
    ("--user", "jordan", "--help", "today", "--json"),
    ("today", "--json", "--more", "-1"),
    ("today", "--json", "--more", "101"),
    ("today", "--json", "--more", "two"),
    ("today", "--json", "--more", "1.5"),
    ("today", "--json", "--more", "²"),
    ("today", "--json", "--more="),
    ("today", "--json", "--more"),
    ("today", "--json", "--all=yes"),
    ("today", "--json", "extra"),
    ("today", "--json", "--"),
    ("today", "--json", "--user", "jordan"),
    ("--json", "today"),
    ("--user", "today", "--json"),
    ("--user=", "today", "--json"),
    ("--user", "-x", "today", "--json"),
    ("--user",),
    ("Today", "--json"),
    ("people", "--json"),
    (),
]


@pytest.mark.parametrize("args", LEFT_TO_TYPER, ids=lambda args: " ".join(args) or "nothing")
def test_anything_else_is_left_to_typer(args):
    assert fast_path.parse(args, {}) is None


@pytest.mark.parametrize("variable", ["MUTUALS_DEBUG", "_MUTUALS_COMPLETE"])
def test_debugging_and_shell_completion_are_left_to_typer(variable):
    assert fast_path.parse(["today", "--json"], {}) is not None
    assert fast_path.parse(["today", "--json"], {variable: "1"}) is None


def test_the_user_comes_from_the_option_then_the_environment():
    assert fast_path.parse(["today", "--json"], {"MUTUALS_USER": "riley"}).username == "riley"
    assert fast_path.parse(["today", "--json"], {"MUTUALS_USER": ""}).username is None
    both = fast_path.parse(["--user", "jordan", "today", "--json"], {"MUTUALS_USER": "riley"})
    assert both == fast_path.TodayJson("jordan", show_all=False, more=0)


def test_typers_today_has_exactly_the_options_the_fast_path_knows():
    command = COMMANDS["today"].load("today")
    options = {param.name: param for param in command.params if param.name != "help"}
    assert {name: param.opts for name, param in options.items()} == {
        "as_json": [fast_path.JSON.name],
        "show_all": [fast_path.ALL.name],
        "more": [fast_path.MORE.name],
    }
    assert options["as_json"].help == fast_path.JSON.help
    assert options["show_all"].help == fast_path.ALL.help
    more = options["more"]
    assert (more.help, more.metavar, more.default) == (
        fast_path.MORE.help,
        fast_path.MORE.metavar,
        0,
    )
    bounds = more.type_descriptor.parameter_info
    assert (bounds.min, bounds.max) == (fast_path.MORE.low, fast_path.MORE.high)


def test_the_fast_path_runs_only_the_command_it_knows():
    moved = {**COMMANDS, "today": COMMANDS["today"]._replace(target="mutuals.cli.people:add")}
    assert fast_path.run(moved, ["today", "--json"]) is None


@pytest.fixture(scope="module")
def home_with_a_user(tmp_path_factory, migrated_home_template):
    """A new SQLite install (its database already migrated) with one user, Jordan."""
    home = copy_home(migrated_home_template, tmp_path_factory.mktemp("fast-path") / "home")
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


def run_in_a_process(code: str, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_today_json_imports_no_typer_click_rich_pydantic_nor_command_module(home_with_a_user):
    env = user_environment(home_with_a_user)
    done, modules = modules_after(env, "--user", "jordan", "today", "--json", "--more", "2")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["items"] == []
    assert not {module.partition(".")[0] for module in modules} & TYPER_AND_ITS_PARTS
    assert not modules & COMMAND_MODULES
    assert "COLLECTING true" in done.stderr


@pytest.mark.parametrize(
    ("args", "variables"),
    [
        (("today", "--json"), {}),
        (("--user", "nobody", "today", "--json"), {}),
        (("today", "--json"), {"MUTUALS_DB_BUSY_TIMEOUT": "five"}),
        (("today", "--json", "--more", "-1"), {}),
    ],
    ids=["the plan", "an unknown user", "a mistyped setting", "a usage mistake"],
)
def test_a_process_answers_as_typers_byte_for_byte(home_with_a_user, args, variables):
    env = {**user_environment(home_with_a_user), **variables}
    ours = run_in_a_process(THROUGH_RUN, env, *args)
    theirs = run_in_a_process(THROUGH_TYPER, env, *args)
    assert (ours.stdout, ours.stderr, ours.returncode) == (
        theirs.stdout,
        theirs.stderr,
        theirs.returncode,
    )
    assert "Traceback" not in ours.stderr
