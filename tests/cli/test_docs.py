"""Every command has help text and is documented, with each of its options, in docs/cli.md."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import typer

from mutuals.cli.main import app

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"
MUTUALS = str(Path(sys.executable).with_name("mutuals"))


def commands(group=None, prefix: str = "mutuals"):
    """(full name, command) for every command, nested ones included (each one loaded)."""
    group = group or typer.main.get_command(app)
    context = typer.Context(group)
    for name in sorted(group.list_commands(context)):
        command = group.get_command(context, name)
        path = f"{prefix} {name}"
        if hasattr(command, "list_commands"):
            yield from commands(command, path)
        else:
            yield path, command


COMMANDS = list(commands())


def user_params(command):
    return [p for p in command.params if p.name != "help"]


def test_the_command_tree_is_what_the_docs_describe():
    assert {path for path, _ in COMMANDS} >= {
        "mutuals serve",
        "mutuals demo",
        "mutuals add",
        "mutuals log",
        "mutuals show",
        "mutuals people",
        "mutuals today",
        "mutuals promise",
        "mutuals promises",
        "mutuals done",
        "mutuals snooze",
        "mutuals user create",
        "mutuals token create",
        "mutuals token list",
        "mutuals token revoke",
    }


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[p for p, _ in COMMANDS])
def test_every_command_and_parameter_has_help(path, command):
    assert (command.help or "").strip(), f"{path} has no help text"
    for param in user_params(command):
        assert (getattr(param, "help", "") or "").strip(), f"{path} {param.name} has no help"


@pytest.mark.parametrize(("path", "command"), COMMANDS, ids=[p for p, _ in COMMANDS])
def test_every_command_and_option_is_in_the_docs_with_an_example(path, command):
    docs = DOCS.read_text()
    assert f"### `{path}`" in docs, f"docs/cli.md has no section for {path}"
    section = docs.split(f"### `{path}`", 1)[1].split("\n### ", 1)[0]
    assert f"$ {path}" in section, f"the {path} section has no example"
    for param in user_params(command):
        for option in param.opts:
            if option.startswith("--"):
                assert f"`{option}" in section, f"{path} {option} is not documented"


def test_the_global_user_option_is_documented():
    assert "`--user NAME`" in DOCS.read_text()
    assert "MUTUALS_USER" in DOCS.read_text()


def test_the_installed_command_prints_its_help(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("MUTUALS_")}
    env["MUTUALS_HOME"] = str(tmp_path)
    result = subprocess.run(
        [MUTUALS, "--help"], env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert result.returncode == 0, result.stderr
    for path, _ in COMMANDS:
        assert path.split()[1] in result.stdout
    assert "\x1b[" not in result.stdout  # not a terminal: no colour codes
