"""/api/review and marking needs reviewed: POST /api/needs/{id}/reviewed, /api/review/reviewed."""

from __future__ import annotations

from django.utils import timezone

from mutuals.agenda.serialize import review_to_dict
from mutuals.needs.models import Need
from mutuals.needs.selectors import needs_for_review
from tests.api.conftest import field_errors
from tests.factories import make_person
from tests.give_and_take import noted

JSON = "application/json"
ENTRY_KEYS = {
    "need",
    "text",
    "kind",
    "person",
    "whose",
    "noted_on",
    "age_days",
    "group",
    "reviewed_on",
    "due",
    "action",
}


def test_an_empty_review_still_has_every_key(jordan_api):
    assert jordan_api.get("/api/review").json() == {
        "date": timezone.localdate().isoformat(),
        "count": 0,
        "due": 0,
        "needs": [],
    }


def test_the_review_lists_open_needs_oldest_first_with_what_to_do(jordan_api, jordan):
    rosa = make_person(jordan)
    old = noted(jordan, rosa, days=45)
    mine = noted(jordan, None, "Advice on a pay offer", days=3)
    body = jordan_api.get("/api/review").json()
    assert (body["count"], body["due"]) == (2, 1)
    first, second = body["needs"]
    assert all(set(entry) == ENTRY_KEYS for entry in body["needs"])
    assert (first["need"], first["group"], first["age_days"]) == (old.pk, "over 30 days", 45)
    assert first["person"] == {"id": rosa.pk, "name": "Rosa Núñez"}
    assert first["action"] == "when something fits, offer Rosa an introduction"
    assert (second["need"], second["whose"], second["person"]) == (mine.pk, "you", None)


def test_it_answers_exactly_what_the_cli_prints(jordan_api, jordan):
    noted(jordan, make_person(jordan), days=45)
    today = timezone.localdate()
    expected = review_to_dict(needs_for_review(owner=jordan, today=today), today)
    assert jordan_api.get("/api/review").json() == expected


def test_marking_one_need_reviewed_answers_the_need(jordan_api, jordan):
    need = noted(jordan, days=45)
    response = jordan_api.post(f"/api/needs/{need.pk}/reviewed")
    assert response.status_code == 200, response.content
    assert response.json()["reviewed_on"] == timezone.localdate().isoformat()
    assert jordan_api.get("/api/review").json()["due"] == 0


def test_marking_several_or_all_reviewed_says_how_many(jordan_api, jordan):
    first, second, third = (noted(jordan, None, f"Need {n}", days=40) for n in range(3))
    body = {"needs": [first.pk, second.pk]}
    response = jordan_api.post("/api/review/reviewed", body, content_type=JSON)
    assert response.json() == {"marked": 2}
    third.refresh_from_db()
    assert third.reviewed_on is None
    response = jordan_api.post("/api/review/reviewed", {"all": True}, content_type=JSON)
    assert response.json() == {"marked": 3}


def test_marking_reviewed_needs_a_list_or_all_but_not_both(jordan_api, jordan):
    need = noted(jordan, days=40)
    for body in ({}, {"needs": [need.pk], "all": True}):
        errors = field_errors(jordan_api.post("/api/review/reviewed", body, content_type=JSON))
        assert "needs" in errors
    assert Need.objects.get().reviewed_on is None


def test_riley_does_not_see_jordans_review(riley_api, jordan):
    noted(jordan, make_person(jordan), days=45)
    assert riley_api.get("/api/review").json()["needs"] == []


def test_riley_cannot_mark_jordans_needs_reviewed(riley_api, jordan):
    need = noted(jordan, days=45)
    assert riley_api.post(f"/api/needs/{need.pk}/reviewed").status_code == 404
    response = riley_api.post("/api/review/reviewed", {"needs": [need.pk]}, content_type=JSON)
    assert response.status_code == 404
    assert riley_api.post("/api/review/reviewed", {"all": True}, content_type=JSON).json() == {
        "marked": 0
    }
    assert Need.objects.get().reviewed_on is None
