"""Run `mutuals` in-process against the test database, as Jordan unless told otherwise."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest
from typer.testing import CliRunner, Result

from mutuals.cli.main import app


@pytest.fixture(autouse=True)
def no_user_from_the_environment(monkeypatch):
    monkeypatch.delenv("MUTUALS_USER", raising=False)
    monkeypatch.delenv("MUTUALS_DEBUG", raising=False)


@pytest.fixture
def mutuals(db) -> Callable[..., Result]:
    """mutuals("today", "--json") runs the command and returns its result."""
    runner = CliRunner()

    def invoke(*args: str, input: str | None = None, env: dict[str, str] | None = None) -> Result:
        return runner.invoke(app, list(args), input=input, env=env)

    return invoke


def parsed(result: Result):
    """The JSON a command printed, after checking it succeeded and printed only JSON."""
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def failed(result: Result, code: int) -> str:
    """The message of a command that failed as expected, without a traceback."""
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert result.stdout == ""
    return result.stderr
