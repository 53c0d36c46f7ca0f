"""The agenda's candidate contacts (agenda.selectors.contact_states) are read on SQLite through
person_owner_agenda, the index that carries every column of their filter: SQLite tests each
current person in the index and reads only the rows that pass. PostgreSQL's planner does not
use it, so people migration 0008 builds it on SQLite only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from mutuals.agenda.selectors import contact_states
from tests.factories import make_person, make_user

TODAY = dt.date(2026, 11, 2)


def _index_columns(name: str) -> list[str]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT a.attname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                "JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) "
                "WHERE c.relname = %s ORDER BY array_position(i.indkey, a.attnum)",
                [name],
            )
        else:
            cursor.execute("SELECT name FROM pragma_index_info(%s) ORDER BY seqno", [name])
        return [row[0] for row in cursor.fetchall()]


def test_the_agenda_index_carries_every_column_of_the_filter_on_sqlite_only(db):
    if connection.vendor == "postgresql":
        assert _index_columns("person_owner_agenda") == []
        return
    assert _index_columns("person_owner_agenda") == [
        "owner_id",
        "archived_at",
        "tier",
        "snoozed_until",
        "keep_in_touch_due_on",
        "first_contact_on",
        "created_at",
        "known_since",
        "last_contact_on",
        "peak_intensity",
    ]


def _contacts_query(owner) -> str:
    with CaptureQueriesContext(connection) as captured:
        contact_states(owner, TODAY)
    found = [
        query["sql"]
        for query in captured.captured_queries
        if '"people_person"' in query["sql"] and "keep_in_touch_due_on" in query["sql"]
    ]
    assert len(found) == 1
    return found[0]


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's plan; PostgreSQL's depends on its statistics"
)
def test_sqlite_reads_the_candidate_contacts_through_the_agenda_index(db):
    owner = make_user("ana")
    for number in range(30):
        make_person(owner, f"Person {number}", tier="friend" if number % 2 else "acquaintance")
    make_person(owner, "Only known of", tier=None)
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + _contacts_query(owner))
        plan = " / ".join(row[-1] for row in cursor.fetchall())
    assert "USING INDEX person_owner_agenda" in plan, plan
