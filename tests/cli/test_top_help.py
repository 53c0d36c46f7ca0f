"""`mutuals` and `mutuals --help` print the list of commands without Typer (cli/top_help.py),
exactly as Typer prints it: the same bytes, exit code and stderr at any width, with colours or
without; and anything else still goes through Typer."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from mutuals.cli.main import COMMANDS
from mutuals.cli.top_help import asks_for_the_list
from tests.cli.test_dispatch import user_environment

# `mutuals ARGS` through the console script's entry point (the list printed without Typer)...
THROUGH_RUN = "import sys; sys.argv[0] = 'mutuals'; from mutuals.cli.main import run; run()"
# ...and through the Typer app itself, as every version before this one did.
THROUGH_TYPER = "import sys; sys.argv[0] = 'mutuals'; from mutuals.cli.main import app; app()"
MODULES_AFTER = """
import json, sys
sys.argv[0] = "mutuals"
from mutuals.cli.main import run
try:
    run()
finally:
    sys.stderr.write("\\nMODULES " + json.dumps(sorted(sys.modules)) + "\\n")
"""


def mutuals(code: str, env: dict[str, str], *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", code, *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def terminal(tmp_path, **variables: str) -> dict[str, str]:
    env = user_environment(tmp_path)
    for name in ("COLUMNS", "LINES", "FORCE_COLOR", "NO_COLOR", "TERMINAL_WIDTH", "PY_COLORS"):
        env.pop(name, None)
    for name in ("TYPER_USE_RICH", "GITHUB_ACTIONS", "_TYPER_FORCE_DISABLE_TERMINAL"):
        env.pop(name, None)
    return {**env, **variables}


@pytest.mark.parametrize("args", [("--help",), ("-h",), ()], ids=["--help", "-h", "no args"])
@pytest.mark.parametrize(
    "terminal_settings",
    [
        {"COLUMNS": "80"},
        {"COLUMNS": "44"},
        {"COLUMNS": "200", "FORCE_COLOR": "1"},
        {"TERMINAL_WIDTH": "61", "FORCE_COLOR": "1", "NO_COLOR": "1"},
    ],
    ids=["80 columns", "44 columns", "200 columns in colour", "61 columns, no colour"],
)
def test_the_list_is_typers_own_byte_for_byte(tmp_path, args, terminal_settings):
    env = terminal(tmp_path, **terminal_settings)
    ours = mutuals(THROUGH_RUN, env, *args)
    typers = mutuals(THROUGH_TYPER, env, *args)
    assert ours.stdout == typers.stdout
    assert ours.stderr == typers.stderr
    assert ours.returncode == typers.returncode
    assert ours.returncode == (2 if not args else 0)
    for name in COMMANDS:
        assert name in ours.stdout


def test_the_list_names_the_program_as_it_was_run(tmp_path):
    env = terminal(tmp_path, COLUMNS="100")
    done = subprocess.run(
        [sys.executable, "-m", "mutuals", "--help"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "Usage: python -m mutuals [OPTIONS] COMMAND [ARGS]..." in done.stdout


def test_the_list_imports_neither_typer_nor_django(tmp_path):
    done = mutuals(MODULES_AFTER, terminal(tmp_path), "--help")
    assert done.returncode == 0, done.stderr
    modules = set(json.loads(done.stderr.rpartition("MODULES ")[2]))
    loaded = {name.partition(".")[0] for name in modules}
    assert not {"typer", "click", "django", "pydantic", "markdown_it", "pygments"} & loaded
    assert {name for name in modules if name.startswith("mutuals.")} <= {
        "mutuals.cli",
        "mutuals.cli.main",
        "mutuals.cli.registry",
        "mutuals.cli.setup",
        "mutuals.cli.top_help",
    }


@pytest.fixture
def as_the_console_script(monkeypatch):
    """This process looks like the `mutuals` script, however pytest was started."""
    monkeypatch.setattr(sys, "argv", ["mutuals"])
    monkeypatch.setattr(sys.modules["__main__"], "__package__", None, raising=False)
    monkeypatch.delenv("TYPER_USE_RICH", raising=False)


@pytest.mark.usefixtures("as_the_console_script")
@pytest.mark.parametrize(
    ("args", "expected"),
    [
        ([], True),
        (["--help"], True),
        (["-h"], True),
        (["--user", "jordan", "--help"], False),
        (["today", "--help"], False),
        (["--help", "today"], False),
        (["today"], False),
        (["--json"], False),
    ],
)
def test_only_the_bare_list_skips_typer(args, expected):
    assert asks_for_the_list(args) is expected


@pytest.mark.usefixtures("as_the_console_script")
def test_a_help_setting_typer_reads_sends_the_list_through_typer(tmp_path, monkeypatch):
    monkeypatch.setenv("TYPER_USE_RICH", "0")
    assert not asks_for_the_list(["--help"])
    env = terminal(tmp_path, TYPER_USE_RICH="0")
    ours = mutuals(THROUGH_RUN, env, "--help")
    assert ours.returncode == 0, ours.stderr
    assert ours.stdout == mutuals(THROUGH_TYPER, env, "--help").stdout
    assert "╭" not in ours.stdout  # click's plain help, not Rich's boxes


def test_options_before_help_still_go_through_typer(tmp_path):
    env = terminal(tmp_path, COLUMNS="80")
    ours = mutuals(THROUGH_RUN, env, "--user", "jordan", "--help")
    assert ours.returncode == 0, ours.stderr
    assert ours.stdout == mutuals(THROUGH_TYPER, env, "--user", "jordan", "--help").stdout


@pytest.mark.usefixtures("as_the_console_script")
def test_a_usage_line_click_would_wrap_goes_through_typer(monkeypatch):
    assert asks_for_the_list(["--help"])
    monkeypatch.setattr(sys, "argv", ["a-very-long-name-for-the-mutuals-program", "--help"])
    assert not asks_for_the_list(["--help"])
