"""/api/duplicates and /api/merges: review, merge, keep apart and undo; Riley sees none of
Jordan's."""

from __future__ import annotations

from mutuals.imports import duplicates, merge
from mutuals.imports.models import PossibleDuplicate
from mutuals.people.models import Person
from tests.api.conftest import field_errors
from tests.factories import log, make_person

JSON = "application/json"


def two_rosas(owner):
    rosa = make_person(owner, "Rosa Núñez", emails=["rosa@example.com"], organization="Orion")
    copy = make_person(owner, "Rosa Nunez", emails=["ROSA@example.com"])
    return rosa, copy


def scanned(owner):
    rosa, copy = two_rosas(owner)
    merge.scan_for_duplicates(owner=owner)
    return rosa, copy, PossibleDuplicate.objects.get(owner=owner)


def test_a_scan_finds_an_email_sharing_pair_as_certain(jordan_api, jordan):
    two_rosas(jordan)
    response = jordan_api.post("/api/duplicates/scan")
    assert response.status_code == 200, response.content
    assert response.json() == {"found": 1, "merged": 0, "to_review": 1}
    [pair] = jordan_api.get("/api/duplicates").json()["items"]
    assert (pair["certainty"], pair["reasons"]) == ("certain", ["same email and name"])
    assert pair["person"]["organization"] == "Orion"
    assert pair["other"]["emails"] == ["ROSA@example.com"]


def test_an_automatic_scan_merges_certain_pairs(jordan_api, jordan):
    _, copy = two_rosas(jordan)
    log(jordan, copy)
    response = jordan_api.post("/api/duplicates/scan?auto=true")
    assert response.json()["merged"] == 1
    [done] = jordan_api.get("/api/merges").json()["items"]
    assert (done["kept"]["id"], done["merged_name"]) == (copy.pk, "Rosa Núñez")


def test_merging_a_pair_keeps_the_chosen_person(jordan_api, jordan):
    rosa, copy, pair = scanned(jordan)
    response = jordan_api.post(
        f"/api/duplicates/{pair.pk}/merge", {"keep": copy.pk}, content_type=JSON
    )
    assert response.status_code == 201, response.content
    assert response.json()["kept"] == {"id": copy.pk, "name": "Rosa Nunez"}
    assert not Person.objects.filter(pk=rosa.pk).exists()


def test_merging_must_keep_one_of_the_two(jordan_api, jordan):
    _, _, pair = scanned(jordan)
    other = make_person(jordan, "Bruce Lee")
    response = jordan_api.post(
        f"/api/duplicates/{pair.pk}/merge", {"keep": other.pk}, content_type=JSON
    )
    assert field_errors(response) == {"keep": ["Keep one of the two people of this pair."]}
    assert Person.objects.filter(owner=jordan).count() == 3


def test_merging_needs_to_know_whom_to_keep(jordan_api, jordan):
    _, _, pair = scanned(jordan)
    response = jordan_api.post(f"/api/duplicates/{pair.pk}/merge", {}, content_type=JSON)
    assert set(field_errors(response)) == {"keep"}


def test_keeping_apart_leaves_the_review_for_good(jordan_api, jordan):
    _, _, pair = scanned(jordan)
    response = jordan_api.post(f"/api/duplicates/{pair.pk}/apart")
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "apart"
    jordan_api.post("/api/duplicates/scan")
    assert jordan_api.get("/api/duplicates").json() == {"count": 0, "items": []}


def test_undo_brings_the_merged_person_back_once(jordan_api, jordan):
    rosa, copy = two_rosas(jordan)
    done = merge.merge_people(owner=jordan, keep_id=rosa.pk, merge_id=copy.pk)
    response = jordan_api.post(f"/api/merges/{done.pk}/undo")
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["person"]["name"] == "Rosa Nunez"
    assert body["merge"]["undone_at"] is not None
    assert duplicates.merges(owner=jordan) == []
    again = jordan_api.post(f"/api/merges/{done.pk}/undo")
    assert field_errors(again) == {"merge": ["This merge was already undone."]}


def test_riley_never_sees_or_touches_jordans(riley_api, jordan):
    rosa, copy, pair = scanned(jordan)
    assert riley_api.get("/api/duplicates").json() == {"count": 0, "items": []}
    assert riley_api.post(f"/api/duplicates/{pair.pk}/apart").status_code == 404
    response = riley_api.post(
        f"/api/duplicates/{pair.pk}/merge", {"keep": rosa.pk}, content_type=JSON
    )
    assert response.status_code == 404
    done = merge.merge_people(owner=jordan, keep_id=rosa.pk, merge_id=copy.pk)
    assert riley_api.get("/api/merges").json() == {"count": 0, "items": []}
    assert riley_api.post(f"/api/merges/{done.pk}/undo").status_code == 404
    assert duplicates.merges(owner=jordan)[0].undone_at is None
