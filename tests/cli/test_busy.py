"""A command whose write cannot get the database's lock says to try again and exits BUSY."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from mutuals.busy import BUSY
from mutuals.cli.errors import ExitCode
from mutuals.cli.main import app
from mutuals.promises.models import Promise
from tests.cli.conftest import failed
from tests.factories import make_promise, make_user
from tests.services.test_busy_database import holding_the_lock, waiting_briefly


@pytest.fixture
def busy_jordan(transactional_db, tmp_path):
    with waiting_briefly(tmp_path):
        yield make_user("jordan")


def mutuals(*args: str, env: dict[str, str] | None = None):
    return CliRunner().invoke(app, list(args), env=env)


@pytest.mark.django_db(transaction=True)
def test_a_write_while_the_database_is_busy_says_to_try_again(busy_jordan):
    promise = make_promise(busy_jordan)
    with holding_the_lock(promise):
        result = mutuals("done", str(promise.pk))
    assert failed(result, ExitCode.BUSY) == BUSY + "\n"
    assert Promise.objects.get(pk=promise.pk).done_at is None


@pytest.mark.django_db(transaction=True)
def test_busy_is_said_in_words_even_when_debugging(busy_jordan):
    promise = make_promise(busy_jordan)
    with holding_the_lock(promise):
        result = mutuals("done", str(promise.pk), env={"MUTUALS_DEBUG": "1"})
    assert failed(result, ExitCode.BUSY) == BUSY + "\n"


@pytest.mark.django_db(transaction=True)
def test_the_command_works_once_the_lock_is_released(busy_jordan):
    promise = make_promise(busy_jordan)
    with holding_the_lock(promise):
        mutuals("done", str(promise.pk))
    assert mutuals("done", str(promise.pk)).exit_code == ExitCode.OK
    assert Promise.objects.get(pk=promise.pk).done_at is not None


def test_busy_has_its_own_exit_code():
    assert ExitCode.BUSY == 7
    assert len({code.value for code in ExitCode}) == len(ExitCode)
