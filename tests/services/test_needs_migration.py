"""The migration that gives needs a direction reads it from their words and keeps the
full-text index working (on SQLite, rebuilding the table drops its triggers)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from mutuals.needs import services
from mutuals.needs.fulltext import search_terms
from mutuals.needs.match import match_text
from mutuals.needs.models import Need
from tests.factories import make_person, make_user

BEFORE = [("needs", "0002_full_text_search")]
AFTER = [("needs", "0003_need_direction")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.fixture
def before(transactional_db):
    apps = migrate(BEFORE)
    yield apps
    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())


def old_need(apps, owner, person, text, kind="other"):
    Need = apps.get_model("needs", "Need")
    return Need.objects.create(
        owner_id=owner.pk,
        person_id=person.pk,
        text=text,
        kind=kind,
        noted_on="2026-01-05",
        search_terms=search_terms(owner.pk, text),
    ).pk


def test_existing_needs_get_the_direction_their_words_say(before):
    jordan = make_user("jordan")
    sam = make_person(jordan, "Sam Okafor")
    hiring = old_need(before, jordan, sam, "Hiring a backend engineer")
    hire = old_need(before, jordan, sam, "A data engineer", kind="hire")
    looking = old_need(before, jordan, sam, "Looking for a backend role")
    migrate(AFTER)
    directions = dict(Need.objects.values_list("id", "direction"))
    assert directions == {hiring: "offering", hire: "offering", looking: "looking"}


def test_matching_still_finds_old_and_new_needs_after_the_migration(before):
    jordan = make_user("jordan")
    sam = make_person(jordan, "Sam Okafor")
    old = old_need(before, jordan, sam, "Hiring a backend engineer")
    migrate(AFTER)
    new = services.add_need(owner=jordan, person_id=sam.pk, text="Looking for a backend role")
    found = match_text(owner=jordan, text="A backend engineer role in Leeds").needs
    assert sorted(n.match.need_id for n in found) == sorted([old, new.pk])
    services.close_need(owner=jordan, need_id=new.pk)
    found = match_text(owner=jordan, text="A backend engineer role in Leeds").needs
    assert [n.match.need_id for n in found] == [old]
