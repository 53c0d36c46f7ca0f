"""Rows made once for a whole class or module of tests, instead of once per test.

Loading the demo network costs a test about half a CPU second on SQLite (the coaching demo, three
networks, or the backup tests' full account about two), and more on PostgreSQL, where every row
is a round trip; a file whose tests each load it and then only look spent most of its time
loading. A class- or module-scoped fixture can make those rows once inside
`shared_transaction`:

    @pytest.fixture(scope="class")
    def demo(django_db_setup, django_db_blocker):
        with shared_transaction(django_db_blocker) as making:
            with making():
                owner = make_user("jordan")
                load_demo(owner=owner)
            yield owner

It opens a transaction around the scope. Each test's own transaction (pytest-django's `db`)
then becomes a savepoint inside it, so whatever a test writes, deletes included, is rolled back
before the next test, which sees the shared rows exactly as they were made. At the end of the
scope the transaction itself is rolled back, so the database is empty again for the tests that
follow: pytest tears a class's fixtures down as soon as the next test is outside the class,
which is why a fixture whose file also has tests that must not see its rows is class-scoped
and used by the tests of one class.

The tests themselves still ask for `db` (`@pytest.mark.django_db` on the class or module).
Only for tests on pytest-django's `db` (a test in a transaction): `transactional_db` and
`live_server` empty the tables and would see nothing, so the fixture must not be used there.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Any

from django.db import connection, transaction
from django.test import override_settings

# Creating users hashes passwords; the slow, safe hasher adds a second each (tests/conftest.py).
FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@contextmanager
def making_shared_rows(django_db_blocker: Any) -> Iterator[None]:
    """The context in which to make shared rows: the database unblocked and, as in every test,
    the fast password hasher. A fixture that adds rows to an enclosing scope's shared ones
    (inside its shared_transaction) makes them here too."""
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=FAST_HASHERS):
        yield
        # Check the shared rows' foreign keys now, once, in the scope's own transaction. Left
        # deferred, PostgreSQL checks them at every test's end (Django's TestCase does, inside
        # the test's savepoint), and the savepoint's rollback hands them back unchecked to the
        # next test: a coaching demo cost three seconds a test that way.
        connection.check_constraints()


@contextmanager
def shared_transaction(
    django_db_blocker: Any,
) -> Iterator[Callable[[], AbstractContextManager[Any]]]:
    """A transaction for the scope, rolled back at its end. Yields the context in which to make
    the rows (making_shared_rows)."""

    def making() -> AbstractContextManager[None]:
        return making_shared_rows(django_db_blocker)

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
    try:
        yield making
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
