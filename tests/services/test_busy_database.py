"""A write that cannot get the database's lock is recognised as "busy", on the real lock.

The helpers here are shared by the web, API and CLI busy tests. On SQLite the test database
lives in memory, where a second connection cannot take the file lock a server contends for:
`waiting_briefly` moves the test onto a copy of it in a file and makes writes wait 0.1 s for
the lock; on PostgreSQL it sets lock_timeout to 0.1 s. `holding_the_lock(row)` is a second
connection holding what a write to `row` needs: SQLite's write lock, or PostgreSQL's row lock.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path

import pytest
from django.db import OperationalError, connection

from mutuals.busy import BUSY, busy_reason, is_busy
from mutuals.people import services as people_services
from mutuals.people.models import Person
from mutuals.promises import services as promise_services
from mutuals.promises.models import Promise
from tests.factories import make_person, make_promise

LOCK_WAIT_SECONDS = 0.1


@contextmanager
def waiting_briefly(folder: Path) -> Iterator[None]:
    """Writes wait LOCK_WAIT_SECONDS for a lock; on SQLite, in a database file in `folder`."""
    if connection.vendor == "sqlite":
        with _in_a_file(folder / "mutuals.sqlite3"):
            yield
        return
    with connection.cursor() as cursor:
        cursor.execute(f"SET lock_timeout = '{round(LOCK_WAIT_SECONDS * 1000)}ms'")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")


@contextmanager
def _in_a_file(path: Path) -> Iterator[None]:
    connection.ensure_connection()
    with closing(sqlite3.connect(path)) as copy:
        connection.connection.backup(copy)
    in_memory, settings_dict = connection.connection, connection.settings_dict
    options = {**settings_dict["OPTIONS"], "timeout": LOCK_WAIT_SECONDS}
    connection.settings_dict = {**settings_dict, "NAME": str(path), "OPTIONS": options}
    connection.connection = None
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict = settings_dict
        connection.connection = in_memory


@contextmanager
def holding_the_lock(row) -> Iterator[None]:
    """Another connection holds what a write to `row` needs until the block ends."""
    if connection.vendor == "sqlite":
        other = sqlite3.connect(connection.settings_dict["NAME"], isolation_level=None)
        with closing(other):
            other.execute("BEGIN IMMEDIATE")
            try:
                yield
            finally:
                other.execute("ROLLBACK")
        return
    import psycopg

    wanted = {"dbname", "user", "password", "host", "port", "sslmode"}
    params = {k: v for k, v in connection.get_connection_params().items() if k in wanted}
    with psycopg.connect(**params) as other:
        table = connection.ops.quote_name(row._meta.db_table)
        other.execute(f"SELECT 1 FROM {table} WHERE id = %s FOR UPDATE", [row.pk])
        try:
            yield
        finally:
            other.rollback()


@pytest.fixture
def brief_waits(transactional_db, tmp_path):
    with waiting_briefly(tmp_path):
        yield


@pytest.mark.django_db(transaction=True)
def test_a_write_that_cannot_get_the_lock_is_busy_and_changes_nothing(brief_waits, jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    with holding_the_lock(rosa), pytest.raises(OperationalError) as raised:
        people_services.update_person(owner=jordan, person_id=rosa.pk, notes="Met at the fair")
    assert is_busy(raised.value)
    assert Person.objects.get(pk=rosa.pk).notes == ""


@pytest.mark.django_db(transaction=True)
def test_the_same_write_goes_through_once_the_lock_is_released(brief_waits, jordan):
    promise = make_promise(jordan)
    with holding_the_lock(promise), pytest.raises(OperationalError):
        promise_services.complete_promise(owner=jordan, promise_id=promise.pk)
    promise_services.complete_promise(owner=jordan, promise_id=promise.pk)
    assert Promise.objects.get(pk=promise.pk).done_at is not None


def postgres_error(name: str):
    import psycopg.errors

    return getattr(psycopg.errors, name)("details the server sent")


def wrapped(cause: BaseException) -> OperationalError:
    """The error as Django raises it: its own class, the driver's error as the cause."""
    error = OperationalError(str(cause))
    error.__cause__ = cause
    return error


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("LockNotAvailable", "lock timeout"),
        ("SerializationFailure", "serialization failure"),
        ("DeadlockDetected", "deadlock"),
    ],
)
def test_postgresql_lock_timeouts_and_lost_races_are_busy(name, reason):
    assert busy_reason(wrapped(postgres_error(name))) == reason


@pytest.mark.parametrize("message", ["database is locked", "database table is locked"])
def test_sqlites_locked_messages_are_busy(message):
    assert is_busy(OperationalError(message))


@pytest.mark.parametrize(
    "error",
    [
        OperationalError("no such table: people_person"),
        OperationalError("disk I/O error"),
        RuntimeError("database is locked"),
        ValueError("nothing to do with databases"),
    ],
    ids=["missing table", "disk error", "not a database error", "value error"],
)
def test_other_errors_are_not_busy(error):
    assert not is_busy(error)


def test_a_postgresql_error_that_is_not_about_locks_is_not_busy():
    assert not is_busy(wrapped(postgres_error("UndefinedTable")))


def test_the_busy_sentence_says_to_try_again_and_that_nothing_was_lost():
    assert "Try again in a few seconds" in BUSY
    assert "nothing was lost" in BUSY


def settings_in_a_fresh_process(tmp_path, **env: str) -> str:
    """What mutuals.settings makes of `env`, from a new Python process (settings read the
    environment once, at start)."""
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'mutuals.settings'; "
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['OPTIONS'], s.MUTUALS_MAX_UPLOAD_BYTES, "
        "s.DATA_UPLOAD_MAX_MEMORY_SIZE)"
    )
    clean = {"PATH": "/usr/bin:/bin", "MUTUALS_HOME": str(tmp_path), **env}
    result = subprocess.run(
        [sys.executable, "-c", code], env=clean, capture_output=True, text=True, check=False
    )
    return result.stdout + result.stderr


def test_the_busy_timeout_and_the_upload_limit_come_from_the_environment(tmp_path):
    told = settings_in_a_fresh_process(
        tmp_path, MUTUALS_DB_BUSY_TIMEOUT="2.5", MUTUALS_MAX_UPLOAD_MB="30"
    )
    assert "'timeout': 2.5" in told
    assert f"{30 * 1024 * 1024} {30 * 1024 * 1024}" in told


def test_by_default_a_write_waits_five_seconds_and_uploads_reach_100_mb(tmp_path):
    told = settings_in_a_fresh_process(tmp_path)
    assert "'timeout': 5" in told
    assert f"{100 * 1024 * 1024} {100 * 1024 * 1024}" in told


def test_on_postgresql_the_busy_timeout_is_the_lock_timeout(tmp_path):
    told = settings_in_a_fresh_process(
        tmp_path,
        MUTUALS_DATABASE_URL="postgres://mutuals@127.0.0.1:5432/mutuals",
        MUTUALS_DB_BUSY_TIMEOUT="2",
    )
    assert "'options': '-c lock_timeout=2000'" in told


@pytest.mark.parametrize("value", ["soon", "0", "-3", "inf"])
def test_a_busy_timeout_that_is_not_a_positive_number_is_refused_in_words(tmp_path, value):
    told = settings_in_a_fresh_process(tmp_path, MUTUALS_DB_BUSY_TIMEOUT=value)
    assert "MUTUALS_DB_BUSY_TIMEOUT must be a number of seconds above 0, such as 5." in told
