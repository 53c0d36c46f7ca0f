"""/api/people: list, add, show, change, archive, snooze, delete, timeline; Riley never sees
Jordan's people."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from mutuals.people import selectors as people_selectors
from mutuals.people.serialize import person_to_dict
from tests.api.conftest import field_errors
from tests.factories import days_ago, log, make_person

JSON = "application/json"


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [person["name"] for person in response.json()["items"]]


def tomorrow() -> str:
    return (timezone.localdate() + dt.timedelta(days=1)).isoformat()


# Listing --------------------------------------------------------------------------------------


def test_the_list_is_a_count_and_a_page_of_items(jordan_api, jordan):
    for name in ("Ann Lee", "Bo Chen", "Cy Diaz", "Di Evans", "Ed Ford"):
        make_person(jordan, name)
    body = jordan_api.get("/api/people?limit=2&offset=2").json()
    assert body["count"] == 5
    assert [p["name"] for p in body["items"]] == ["Cy Diaz", "Di Evans"]


def test_paging_past_the_end_gives_an_empty_page_with_the_count(jordan_api, jordan):
    make_person(jordan, "Ann Lee")
    assert jordan_api.get("/api/people?offset=10").json() == {"count": 1, "items": []}


def test_a_page_is_at_most_two_hundred_people(jordan_api):
    assert set(field_errors(jordan_api.get("/api/people?limit=201"))) == {"limit"}


def test_search_finds_people_by_organisation(jordan_api, jordan):
    make_person(jordan, "Ann Lee", organization="Acme")
    make_person(jordan, "Bo Chen", organization="Globex")
    assert names(jordan_api.get("/api/people?search=acme")) == ["Ann Lee"]


def test_filters_by_circle_tier_and_organisation(jordan_api, jordan):
    make_person(jordan, "Ann Lee", circles=["school"], tier="close", organization="Acme")
    make_person(jordan, "Bo Chen", circles=["work"], tier="close", organization="Acme")
    make_person(jordan, "Cy Diaz", circles=["school"], tier="acquaintance", organization="Acme")
    response = jordan_api.get("/api/people?circle=School&tier=close&organization=acme")
    assert names(response) == ["Ann Lee"]


def test_overdue_lists_only_people_due_for_keep_in_touch(jordan_api, jordan):
    due = make_person(jordan, "Ann Lee", tier="close", known_since=days_ago(400))
    log(jordan, due, days=60)
    make_person(jordan, "Bo Chen", tier="close")
    assert names(jordan_api.get("/api/people?overdue=true")) == ["Ann Lee"]


def test_archived_people_are_listed_only_when_asked_for(jordan_api, jordan):
    make_person(jordan, "Ann Lee")
    gone = make_person(jordan, "Bo Chen")
    jordan_api.post(f"/api/people/{gone.pk}/archive")
    assert names(jordan_api.get("/api/people")) == ["Ann Lee"]
    assert names(jordan_api.get("/api/people?archived=true")) == ["Bo Chen"]


def test_it_sorts_by_strength_and_by_last_contact(jordan_api, jordan):
    old = make_person(jordan, "Ann Lee", tier="acquaintance")
    close = make_person(jordan, "Bo Chen", tier="inner")
    log(jordan, old, days=3)
    log(jordan, close, days=30)
    assert names(jordan_api.get("/api/people?sort=strength")) == ["Bo Chen", "Ann Lee"]
    assert names(jordan_api.get("/api/people?sort=last_contact")) == ["Ann Lee", "Bo Chen"]


# Adding ---------------------------------------------------------------------------------------


def test_it_adds_a_person_with_everything_given(jordan_api, jordan):
    response = jordan_api.post(
        "/api/people",
        {
            "name": "Rosa María Núñez",
            "emails": ["rosa@example.org"],
            "phones": ["+1 555 0100"],
            "organization": "Acme",
            "title": "Engineering manager",
            "circles": ["work", "community"],
            "tier": "close",
            "cadence_override_days": 21,
            "known_since": "2020-05-01",
        },
        content_type=JSON,
    )
    assert response.status_code == 201
    person = response.json()
    assert (person["first_name"], person["middle_name"], person["last_name"]) == (
        "Rosa",
        "María",
        "Núñez",
    )
    assert person["emails"] == ["rosa@example.org"]
    assert person["organization"] == "Acme"
    assert sorted(person["circles"]) == ["community", "work"]
    assert (person["tier"], person["cadence_days"]) == ("close", 21)
    assert person["known_since"] == "2020-05-01"
    assert people_selectors.count_people(owner=jordan) == 1


def test_it_says_which_field_needs_a_name(jordan_api, jordan):
    response = jordan_api.post("/api/people", {"title": "Recruiter"}, content_type=JSON)
    assert field_errors(response) == {"name": ["Give at least a first or last name."]}
    assert people_selectors.count_people(owner=jordan) == 0


def test_it_names_a_bad_email_and_an_unknown_tier(jordan_api, jordan):
    response = jordan_api.post(
        "/api/people", {"name": "Ann Lee", "tier": "bestie"}, content_type=JSON
    )
    assert set(field_errors(response)) == {"tier"}
    response = jordan_api.post(
        "/api/people", {"name": "Ann Lee", "emails": ["ann-at-example"]}, content_type=JSON
    )
    assert set(field_errors(response)) == {"emails"}
    assert people_selectors.count_people(owner=jordan) == 0


def test_it_refuses_an_introducer_from_someone_elses_network(jordan_api, riley):
    stranger = make_person(riley, "Sam Stone")
    response = jordan_api.post(
        "/api/people", {"name": "Ann Lee", "introduced_by": stranger.pk}, content_type=JSON
    )
    assert set(field_errors(response)) == {"introduced_by"}


# Reading --------------------------------------------------------------------------------------


def test_a_person_shows_their_details_and_strength_with_reasons(jordan_api, jordan):
    rosa = make_person(jordan, "Rosa Núñez", tier="close", emails=["rosa@example.org"])
    log(jordan, rosa, days=5, kind="coffee")
    person = jordan_api.get(f"/api/people/{rosa.pk}").json()
    assert person["last_contact_on"] == days_ago(5).isoformat()
    assert person["keep_in_touch_due_on"] == (days_ago(5) + dt.timedelta(days=30)).isoformat()
    assert set(person["strength"]) == {"score", "label", "reasons", "explanation"}
    assert 0 < person["strength"]["score"] <= 1
    assert person["strength"]["reasons"]


def test_the_answer_has_exactly_the_keys_the_cli_prints(jordan_api, jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    today = timezone.localdate()
    expected = person_to_dict(rosa, people_selectors.strength_of(rosa, today))
    person = jordan_api.get(f"/api/people/{rosa.pk}").json()
    assert person == expected


def test_the_timeline_lists_conversations_newest_first(jordan_api, jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    log(jordan, rosa, "First coffee", days=20)
    log(jordan, rosa, "Follow-up call", days=2)
    body = jordan_api.get(f"/api/people/{rosa.pk}/interactions").json()
    assert body["count"] == 2
    assert [i["summary"] for i in body["items"]] == ["Follow-up call", "First coffee"]


# Changing -------------------------------------------------------------------------------------


def test_patch_changes_only_what_is_sent(jordan_api, jordan):
    rosa = make_person(jordan, "Rosa Núñez", organization="Acme", emails=["r@example.org"])
    response = jordan_api.patch(f"/api/people/{rosa.pk}", {"title": "Director"}, content_type=JSON)
    assert response.status_code == 200
    person = response.json()
    assert (person["title"], person["organization"]) == ("Director", "Acme")
    assert person["emails"] == ["r@example.org"]


def test_patch_with_null_empties_a_field_and_replaces_lists(jordan_api, jordan):
    rosa = make_person(jordan, "Rosa Núñez", organization="Acme", emails=["r@example.org"])
    response = jordan_api.patch(
        f"/api/people/{rosa.pk}",
        {"organization": None, "emails": ["rosa@new.example"], "tier": None},
        content_type=JSON,
    )
    person = response.json()
    assert person["organization"] is None
    assert person["emails"] == ["rosa@new.example"]
    assert (person["tier"], person["cadence_days"]) == (None, None)


def test_patch_with_a_name_replaces_the_name_parts(jordan_api, jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    response = jordan_api.patch(
        f"/api/people/{rosa.pk}", {"name": "Rosa Núñez Vega"}, content_type=JSON
    )
    assert response.json()["last_name"] == "Vega"


def test_patch_refuses_an_empty_name_and_keeps_the_old_one(jordan_api, jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    response = jordan_api.patch(
        f"/api/people/{rosa.pk}",
        {"first_name": "", "last_name": None, "title": "Director"},
        content_type=JSON,
    )
    assert set(field_errors(response)) == {"name"}
    unchanged = people_selectors.get_person(owner=jordan, person_id=rosa.pk)
    assert (unchanged.full_name, unchanged.title) == ("Rosa Núñez", "")


def test_archive_and_unarchive_flip_the_archived_flag(jordan_api, jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    assert jordan_api.post(f"/api/people/{rosa.pk}/archive").json()["archived"] is True
    assert jordan_api.post(f"/api/people/{rosa.pk}/unarchive").json()["archived"] is False


def test_snooze_sets_the_date_until_which_they_stay_off_the_agenda(jordan_api, jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    response = jordan_api.post(
        f"/api/people/{rosa.pk}/snooze", {"until": tomorrow()}, content_type=JSON
    )
    assert response.json()["snoozed_until"] == tomorrow()


def test_snooze_refuses_today_and_names_the_until_field(jordan_api, jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    today = timezone.localdate().isoformat()
    response = jordan_api.post(f"/api/people/{rosa.pk}/snooze", {"until": today}, content_type=JSON)
    assert set(field_errors(response)) == {"until"}


def test_delete_removes_the_person(jordan_api, jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    response = jordan_api.delete(f"/api/people/{rosa.pk}")
    assert response.status_code == 204
    assert jordan_api.get(f"/api/people/{rosa.pk}").status_code == 404


# Isolation ------------------------------------------------------------------------------------


def test_riley_does_not_see_jordans_people_in_the_list(riley_api, jordan):
    make_person(jordan, "Rosa Núñez")
    assert riley_api.get("/api/people").json() == {"count": 0, "items": []}


@pytest.mark.parametrize(
    ("method", "suffix", "body"),
    [
        ("get", "", None),
        ("patch", "", {"title": "Spy"}),
        ("delete", "", None),
        ("post", "/archive", None),
        ("post", "/unarchive", None),
        ("post", "/snooze", {"until": "2999-01-01"}),
        ("get", "/interactions", None),
    ],
)
def test_riley_cannot_read_or_change_jordans_person(riley_api, jordan, method, suffix, body):
    rosa = make_person(jordan, "Rosa Núñez")
    kwargs = {"data": body, "content_type": JSON} if body else {}
    response = getattr(riley_api, method)(f"/api/people/{rosa.pk}{suffix}", **kwargs)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    unchanged = people_selectors.get_person(owner=jordan, person_id=rosa.pk)
    assert (unchanged.title, unchanged.archived_at, unchanged.snoozed_until) == ("", None, None)


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("emails", ["a" * 64 + "@" + ".".join(["b" * 60] * 3) + ".example.org"]),
        ("linkedin_url", "https://www.linkedin.com/in/" + "a" * 290),
        ("known_since", "9999-12-31"),
        ("known_since", "1850-01-01"),
    ],
)
def test_it_refuses_values_too_long_or_out_of_range(jordan_api, jordan, field, value):
    response = jordan_api.post("/api/people", {"name": "Ann Lee", field: value}, content_type=JSON)
    assert set(field_errors(response)) == {field}
    assert people_selectors.count_people(owner=jordan) == 0


def test_names_that_grow_when_folded_still_fit(jordan_api, jordan):
    long_ligatures = "ﷺ" * 60
    response = jordan_api.post(
        "/api/people",
        {"name": "Ann " + "ﷺ" * 99, "circles": [long_ligatures], "organization": "ﷺ" * 200},
        content_type=JSON,
    )
    assert response.status_code == 201
    assert response.json()["circles"] == [long_ligatures]


def test_a_longer_list_costs_no_more_queries(jordan_api, jordan):
    def listed(count):
        for n in range(count):
            make_person(jordan, f"Person {n}{count}", emails=["p@example.org"], circles=["work"])
        with CaptureQueriesContext(connection) as queries:
            assert jordan_api.get("/api/people?limit=200").status_code == 200
        return len(queries)

    jordan_api.get("/api/people")  # the first request also checks the install is set up
    assert listed(2) == listed(6)
