"""Which statements change records, and the versions that keep Today's plan fresh
(changes/tracking.py, changes/middleware.py, changes/kept.py, agenda/cache.py)."""

from __future__ import annotations

import json

import pytest
from django.http import HttpResponse
from django.test import Client, RequestFactory
from hypothesis import given
from hypothesis import strategies as st

from mutuals.changes import kept, tracking
from mutuals.changes.middleware import ChangesMiddleware
from mutuals.changes.models import Version
from mutuals.changes.tracking import EVERYONE, bump, scope, stamp, writes_records
from mutuals.promises.models import Promise
from tests.api.conftest import token_client
from tests.factories import make_person, make_promise


@pytest.mark.parametrize(
    "sql",
    [
        'INSERT INTO "people_person" ("name") VALUES (%s)',
        'INSERT INTO "people_person" ("name") VALUES (%s), (%s), (%s)',  # bulk_create
        'UPDATE "promises_promise" SET "done_at" = %s WHERE "id" IN (1, 2)',  # queryset.update
        'DELETE FROM "interactions_interaction" WHERE "owner_id" = %s',
        "insert or replace into people_person (name) values (?)",
        "  REPLACE INTO `people_person` (name) VALUES (?)",
        "WITH gone AS (SELECT 1) DELETE FROM people_person",  # a table we cannot read: counted
        'UPDATE "accounts_preferences" SET "landed_on" = %s',
    ],
)
def test_writes_to_records_count(sql):
    assert writes_records(sql)


@pytest.mark.parametrize(
    "sql",
    [
        'SELECT "people_person"."id" FROM "people_person"',
        'SAVEPOINT "s1_x1"',
        'UPDATE "django_session" SET "expire_date" = %s',
        'INSERT INTO "django_q_ormq" ("key") VALUES (%s)',
        'UPDATE "changes_version" SET "token" = %s WHERE "owner_id" = %s',
        'INSERT INTO "accounts_failedattempts" ("key") VALUES (%s)',
        'UPDATE "accounts_apitoken" SET "last_used_at" = %s',
        'INSERT INTO "digest_sent" ("day") VALUES (%s)',
        'UPDATE "connections_connection" SET "sync_claim" = %s WHERE "id" = %s',
    ],
)
def test_reads_and_bookkeeping_do_not_count(sql):
    assert not writes_records(sql)


@given(st.from_regex(r"[a-z][a-z_]{0,30}", fullmatch=True), st.sampled_from(["", '"', "`"]))
def test_any_write_to_a_records_table_counts(table, quote):
    statement = f"UPDATE {quote}{table}{quote} SET x = 1"
    ignored = table.startswith(tracking.IGNORED_PREFIXES)
    assert writes_records(statement) is not ignored
    assert not writes_records(f"SELECT * FROM {quote}{table}{quote}")


def test_a_write_outside_a_request_moves_this_processs_generation(jordan):
    before = tracking.generation()
    make_person(jordan, "Rosa Núñez")
    assert tracking.generation() > before


def test_a_write_inside_a_scope_is_remembered_not_counted(jordan):
    before = tracking.generation()
    with scope() as state:
        make_person(jordan, "Rosa Núñez")
    assert state["wrote"]
    assert tracking.generation() == before


def test_a_read_inside_a_scope_is_not_a_write(jordan):
    make_person(jordan, "Rosa Núñez")
    with scope() as state:
        list(Promise.objects.all())
    assert not state["wrote"]


def test_an_owners_bump_changes_their_stamp_and_nobody_elses(jordan, riley):
    jordans, rileys = stamp(jordan.pk), stamp(riley.pk)
    bump(jordan.pk)
    assert stamp(jordan.pk) != jordans
    assert stamp(riley.pk) == rileys


def test_everyones_bump_changes_every_stamp(jordan, riley):
    jordans, rileys = stamp(jordan.pk), stamp(riley.pk)
    bump(EVERYONE)
    assert stamp(jordan.pk) != jordans
    assert stamp(riley.pk) != rileys


# Today's plan, kept until records change -------------------------------------------------


def test_a_second_visit_with_nothing_changed_reuses_the_plan(
    jordan_client, jordan, django_assert_max_num_queries
):
    make_promise(jordan, make_person(jordan), "Send Rosa the article")
    kept.forget()
    jordan_client.get("/")
    # session, user, the version, and the page's own (preferences, nav counts): no plan queries
    with django_assert_max_num_queries(6):
        response = jordan_client.get("/")
    assert "Send Rosa the article" in response.text


def test_a_change_through_the_web_shows_on_the_next_visit(jordan_client, jordan):
    promise = make_promise(jordan, make_person(jordan), "Send Rosa the article")
    assert "Done: Send Rosa the article" not in jordan_client.get("/").text
    jordan_client.post(f"/promises/{promise.pk}/done")
    assert "Done: Send Rosa the article" in jordan_client.get("/").text


def test_a_change_through_the_api_shows_in_the_web_and_the_api(jordan_client, jordan):
    api = token_client(jordan)
    promise = make_promise(jordan, make_person(jordan), "Send Rosa the article")
    assert "Send Rosa the article" in jordan_client.get("/").text
    assert "Send Rosa the article" in api.get("/api/today").text
    assert api.post(f"/api/promises/{promise.pk}/done").status_code == 200
    assert "Send Rosa the article" not in jordan_client.get("/").text
    assert "Send Rosa the article" not in json.dumps(api.get("/api/today").json()["items"])


def test_a_change_by_another_process_shows_once_it_bumps(jordan_client, jordan):
    promise = make_promise(jordan, make_person(jordan), "Send Rosa the article")
    assert "Send Rosa the article" in jordan_client.get("/").text
    with scope():  # as another process would: this one's generation does not move
        Promise.objects.filter(pk=promise.pk).update(text="Send Rosa the book")
    bump(jordan.pk)
    page = jordan_client.get("/").text
    assert "Send Rosa the book" in page
    assert "Send Rosa the article" not in page


def test_a_cli_command_that_writes_bumps_its_acting_user(jordan):
    """As a request bumps its signed-in owner; everyone's version stays (cli/dispatch.py)."""
    from typer.testing import CliRunner

    from mutuals.cli.main import app

    make_person(jordan, "Rosa Núñez")
    runner = CliRunner()
    assert runner.invoke(app, ["today", "--json"]).exit_code == 0
    before = stamp(jordan.pk)
    assert runner.invoke(app, ["today", "--json"]).exit_code == 0
    assert stamp(jordan.pk) == before
    assert runner.invoke(app, ["log", "rosa", "Coffee"]).exit_code == 0
    after_write = stamp(jordan.pk)
    assert after_write[0] != before[0]
    assert after_write[1] == before[1]  # everyone's token: unchanged


def test_a_cli_command_that_acts_on_others_bumps_everyone(jordan):
    from typer.testing import CliRunner

    from mutuals.cli.main import app

    before = Version.objects.filter(owner_id=EVERYONE).values_list("token", flat=True).first()
    created = CliRunner().invoke(
        app, ["user", "create", "dana", "--password-stdin"], input="correct-horse-battery\n"
    )
    assert created.exit_code == 0, created.output
    assert Version.objects.get(owner_id=EVERYONE).token != before


def test_a_request_bumps_its_signed_in_owner(jordan, riley):
    client = Client()
    client.force_login(jordan)
    promise = make_promise(jordan, make_person(jordan), "Send Rosa the article")
    jordans, rileys = stamp(jordan.pk), stamp(riley.pk)
    client.post(f"/promises/{promise.pk}/done")
    assert stamp(jordan.pk)[0] != jordans[0]
    assert stamp(riley.pk) == rileys


@pytest.mark.parametrize(("path", "signed_in"), [("/admin/people/person/", True), ("/", False)])
def test_the_admin_site_and_anonymous_writes_bump_everyone(jordan, path, signed_in):
    request = RequestFactory().post(path)
    request.user = jordan if signed_in else _Anonymous()

    def writes(request):
        make_person(jordan, "Rosa Núñez")
        return HttpResponse(json.dumps({}))

    everyones = stamp(jordan.pk)[1]
    ChangesMiddleware(writes)(request)
    assert stamp(jordan.pk)[1] != everyones


class _Anonymous:
    is_authenticated = False
    pk = None
