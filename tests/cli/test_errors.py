"""Failures end as one sentence on stderr and an exit code, never as a traceback."""

from __future__ import annotations

import pytest
import typer
from django.core.exceptions import ValidationError
from django.db import OperationalError
from typer.testing import CliRunner

from mutuals.cli.errors import CliError, ExitCode, MutualsGroup


def app_raising(error: BaseException) -> typer.Typer:
    """A two-command app on the CLI's own error handling whose `boom` raises `error`."""
    app = typer.Typer(cls=MutualsGroup, pretty_exceptions_enable=False)

    @app.command()
    def boom() -> None:
        raise error

    @app.command()
    def fine() -> None:
        """Does nothing."""

    return app


def run(error: BaseException):
    return CliRunner().invoke(app_raising(error), ["boom"])


def test_an_unexpected_error_is_one_line_and_exit_1(monkeypatch):
    monkeypatch.delenv("MUTUALS_DEBUG", raising=False)
    result = run(RuntimeError("disk on fire\nsecond line"))
    assert result.exit_code == ExitCode.ERROR
    assert "Traceback" not in result.output
    assert result.stderr.count("\n") == 1
    assert "RuntimeError: disk on fire second line" in result.stderr
    assert "MUTUALS_DEBUG=1" in result.stderr


def test_with_debug_on_the_error_is_raised_for_its_traceback(monkeypatch):
    monkeypatch.setenv("MUTUALS_DEBUG", "1")
    result = run(RuntimeError("disk on fire"))
    assert isinstance(result.exception, RuntimeError)


def test_a_validation_error_names_each_field_as_the_option(monkeypatch):
    result = run(ValidationError({"emails": ["'x' is not an email address."], "tier": ["No."]}))
    assert result.exit_code == ExitCode.INVALID
    assert result.stderr.splitlines() == ["--email: 'x' is not an email address.", "--tier: No."]


def test_a_cli_error_keeps_its_code(monkeypatch):
    result = run(CliError("Nobody there.", ExitCode.NOT_FOUND))
    assert (result.exit_code, result.stderr) == (ExitCode.NOT_FOUND, "Nobody there.\n")


def test_a_database_without_tables_says_how_to_set_it_up(monkeypatch):
    monkeypatch.delenv("MUTUALS_DEBUG", raising=False)
    result = run(OperationalError("no such table: auth_user"))
    assert result.exit_code == ExitCode.ERROR
    assert "mutuals init" in result.stderr


@pytest.mark.parametrize("args", [["nope"], ["boom", "--what"]])
def test_usage_mistakes_exit_2_without_a_traceback(args):
    result = CliRunner().invoke(app_raising(RuntimeError()), args)
    assert result.exit_code == ExitCode.USAGE
    assert "Traceback" not in result.output


def test_exit_codes_are_stable():
    assert [(c.name, c.value) for c in ExitCode] == [
        ("OK", 0),
        ("ERROR", 1),
        ("USAGE", 2),
        ("NOT_FOUND", 3),
        ("AMBIGUOUS", 4),
        ("INVALID", 5),
        ("NO_USER", 6),
        ("BUSY", 7),
    ]
