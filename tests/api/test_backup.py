"""GET /api/backup and POST /api/restore; Riley never sees Jordan's records."""

from __future__ import annotations

import itertools
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mutuals.api.urls import api
from mutuals.backup import selectors as backup_selectors
from mutuals.backup.services import backup, dumps
from mutuals.people import selectors as people_selectors
from tests.api.conftest import field_errors, token_client
from tests.coach_data import coached
from tests.factories import log, make_person, make_user

JSON = "application/json"


def test_it_answers_the_backup_as_the_cli_writes_it(jordan_api, jordan):
    log(jordan, make_person(jordan))
    response = jordan_api.get("/api/backup")
    assert response.status_code == 200, response.content
    assert response["Content-Type"] == JSON
    assert response.content.decode() == dumps(backup(owner=jordan))


def test_riley_never_gets_jordans_records(riley_api, jordan):
    make_person(jordan)
    assert riley_api.get("/api/backup").json()["people"] == []


def test_it_restores_into_an_empty_account(riley_api, jordan, riley):
    log(jordan, make_person(jordan))
    body = dumps(backup(owner=jordan))
    response = riley_api.post("/api/restore", body, content_type=JSON)
    assert response.status_code == 201, response.content
    assert (response.json()["people"], response.json()["interactions"]) == (1, 1)
    assert dumps(backup(owner=riley)) == body


def test_it_refuses_an_account_with_records(jordan_api, jordan):
    make_person(jordan)
    response = jordan_api.post("/api/restore", dumps(backup(owner=jordan)), content_type=JSON)
    assert set(field_errors(response)) == {"account"}
    assert people_selectors.count_people(owner=jordan) == 1


def test_it_names_a_bad_record_and_writes_nothing(riley_api, jordan, riley):
    make_person(jordan)
    data = backup(owner=jordan)
    data["people"][0]["known_since"] = "spring"
    response = riley_api.post("/api/restore", dumps(data), content_type=JSON)
    assert field_errors(response) == {"people[0].known_since": ["Give a date as YYYY-MM-DD."]}
    assert people_selectors.count_people(owner=riley) == 0


def test_it_says_when_the_body_is_not_a_backup(jordan_api):
    response = jordan_api.post("/api/restore", "hello", content_type="text/plain")
    assert set(field_errors(response)) == {"backup"}


def test_a_backup_too_big_for_one_request_is_refused_with_a_way_out(jordan_api, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100
    person = {"id": 1, "first_name": "A" * 100}
    body = json.dumps({"format": "mutuals-backup", "version": 1, "people": [person]})
    response = jordan_api.post("/api/restore", body, content_type=JSON)
    assert response.status_code == 413
    assert "mutuals restore FILE" in response.json()["detail"]


def test_restoring_needs_a_token_not_a_session(jordan_client):
    empty = {"format": "mutuals-backup", "version": 1}
    response = jordan_client.post("/api/restore", empty, content_type=JSON)
    assert response.status_code == 401


likely = st.sampled_from(
    ["2026-01-02", "0001-01-01T00:00:00+05:00", "friend", "open", "gave", "told", 1, 2, 0.5, [1]]
)
scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12) | likely
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(st.text(), inner),
    max_leaves=4,
)
fields = st.sampled_from(
    [f for _, (_, names) in backup_selectors.KINDS.items() for f in names] + ["id", "scope"]
)
records = st.dictionaries(fields, values, max_size=6)
_owners = itertools.count()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(kind=st.sampled_from(backup_selectors.DOCUMENT_KINDS), record=records)
def test_any_record_answers_201_or_422_never_500(db, kind, record):
    owner = make_user(f"fuzz{next(_owners)}")
    body = {"format": "mutuals-backup", "version": 1, "people": [{"id": 1, "first_name": "A"}]}
    body.setdefault(kind, []).append(record)
    response = token_client(owner).post("/api/restore", json.dumps(body), content_type=JSON)
    assert response.status_code in (201, 422), response.content


def test_the_restore_answer_counts_every_kind_and_the_coaches_not_here(riley_api, riley):
    client, coach = make_user("client"), make_user("casey")
    coached(client, coach)
    data = backup(owner=client)
    for row in data["assignments"]:
        row["coach"] = "elsewhere"
    response = riley_api.post("/api/restore", dumps(data), content_type=JSON)
    assert response.status_code == 201, response.content
    answer = response.json()
    kinds = backup_selectors.DOCUMENT_KINDS
    assert list(answer) == [*kinds, "coaches_not_here", "groups_not_here"]
    assert (answer["draft_reviews"], answer["draft_comments"], answer["assignments"]) == (2, 5, 0)
    assert answer["people"] == len(data["people"])
    assert answer["coaches_not_here"] == ["elsewhere"]
    assert (answer["group_memberships"], answer["groups_not_here"]) == (0, [])


def test_the_restore_answer_is_documented_kind_by_kind_as_required_numbers():
    schema = api.get_openapi_schema()["components"]["schemas"]["Restored"]
    kinds = list(backup_selectors.DOCUMENT_KINDS)
    assert schema["required"] == [*kinds, "coaches_not_here", "groups_not_here"]
    assert {kind: schema["properties"][kind]["type"] for kind in kinds} == dict.fromkeys(
        kinds, "integer"
    )
    assert schema["properties"]["draft_reviews"]["description"] == (
        "How many drafts sent for review were restored."
    )
    assert schema["properties"]["coaches_not_here"]["items"] == {"type": "string"}
    assert schema["properties"]["groups_not_here"]["items"] == {"type": "string"}
    assert schema["properties"]["group_memberships"]["description"] == (
        "How many choices of what to pool in groups were restored."
    )
