"""Groups migration 0006: the members of a group before the history began count, in its
`MemberLog`, as joined on the day they joined, and as starting to pool that day when they pool
now. Run on the real migrations (migrate back to 0005, make members, migrate forward)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("groups", "0005_build_indexes_concurrently")]
AFTER = [("groups", "0006_invitation_batches_member_log")]


def migrate(targets) -> MigrationExecutor:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor


@pytest.fixture
def at_the_end(transactional_db):
    yield
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def test_0006_counts_the_members_there_are_as_joined_on_their_day(at_the_end):
    old = migrate(BEFORE).loader.project_state(BEFORE).apps
    User = old.get_model("auth", "User")
    Group = old.get_model("groups", "Group")
    Membership = old.get_model("groups", "Membership")
    group = Group.objects.create(name="Northfield alumni", search_name="northfield alumni")
    jan = dt.datetime(2026, 1, 20, 10, tzinfo=dt.UTC)
    for n, scope in enumerate(["none", "all", "circles"]):
        user = User.objects.create(username=f"member{n}")
        Membership.objects.create(group=group, user=user, scope=scope, joined_at=jan)
    new = migrate(AFTER).loader.project_state(AFTER).apps
    MemberLog = new.get_model("groups", "MemberLog")
    rows = list(
        MemberLog.objects.values_list("day", "joined", "left", "started_pooling", "stopped_pooling")
    )
    assert rows == [(dt.date(2026, 1, 20), 3, 0, 2, 0)]
