"""/api/people/{id}/dates, /api/dates/{id} and /api/people/{id}/photo; Riley never sees them."""

from __future__ import annotations

import io

from PIL import Image

from mutuals.people.models import ImportantDate, Photo
from tests.api.conftest import field_errors
from tests.factories import make_person

JSON = "application/json"


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (600, 300), (1, 2, 3)).save(out, format="PNG")
    return out.getvalue()


def test_dates_are_added_and_listed_as_count_and_items(jordan_api, jordan):
    person = make_person(jordan)
    body = {"kind": "birthday", "month": 4, "day": 15, "year": 1985}
    added = jordan_api.post(f"/api/people/{person.pk}/dates", body, content_type=JSON)
    assert added.status_code == 201
    listed = jordan_api.get(f"/api/people/{person.pk}/dates").json()
    assert listed["count"] == 1
    assert listed["items"][0]["when"] == "15 April 1985"


def test_a_second_birthday_answers_with_a_sentence(jordan_api, jordan):
    person = make_person(jordan)
    body = {"kind": "birthday", "month": 4, "day": 15}
    jordan_api.post(f"/api/people/{person.pk}/dates", body, content_type=JSON)
    again = jordan_api.post(f"/api/people/{person.pk}/dates", body, content_type=JSON)
    assert "already has a birthday" in field_errors(again)["kind"][0]


def test_a_date_is_deleted(jordan_api, jordan):
    person = make_person(jordan)
    body = {"kind": "other", "month": 1, "day": 1, "label": "Name day"}
    date_id = jordan_api.post(f"/api/people/{person.pk}/dates", body, content_type=JSON).json()[
        "id"
    ]
    assert jordan_api.delete(f"/api/dates/{date_id}").status_code == 204
    assert not ImportantDate.objects.exists()


def test_riley_cannot_list_add_or_delete_jordans_dates(riley_api, jordan_api, jordan):
    person = make_person(jordan)
    body = {"kind": "other", "month": 1, "day": 1}
    date_id = jordan_api.post(f"/api/people/{person.pk}/dates", body, content_type=JSON).json()[
        "id"
    ]
    assert riley_api.get(f"/api/people/{person.pk}/dates").status_code == 404
    assert (
        riley_api.post(f"/api/people/{person.pk}/dates", body, content_type=JSON).status_code == 404
    )
    assert riley_api.delete(f"/api/dates/{date_id}").status_code == 404
    assert ImportantDate.objects.count() == 1


def test_a_photo_put_as_the_body_is_served_back_as_jpeg(jordan_api, jordan):
    person = make_person(jordan)
    put = jordan_api.put(f"/api/people/{person.pk}/photo", png(), content_type="image/png")
    assert put.json() == {"width": 512, "height": 256, "content_type": "image/jpeg"}
    got = jordan_api.get(f"/api/people/{person.pk}/photo")
    assert got["Content-Type"] == "image/jpeg"
    assert got["X-Content-Type-Options"] == "nosniff"
    assert Image.open(io.BytesIO(got.content)).format == "JPEG"


def test_an_svg_photo_is_refused_with_a_sentence(jordan_api, jordan):
    person = make_person(jordan)
    svg = b"<svg xmlns='http://www.w3.org/2000/svg'/>"
    response = jordan_api.put(f"/api/people/{person.pk}/photo", svg, content_type="image/svg+xml")
    assert "not a picture mutuals can show" in field_errors(response)["photo"][0]


def test_riley_cannot_read_set_or_delete_jordans_photo(riley_api, jordan_api, jordan):
    person = make_person(jordan)
    jordan_api.put(f"/api/people/{person.pk}/photo", png(), content_type="image/png")
    assert riley_api.get(f"/api/people/{person.pk}/photo").status_code == 404
    assert (
        riley_api.put(f"/api/people/{person.pk}/photo", png(), content_type="image/png").status_code
        == 404
    )
    assert riley_api.delete(f"/api/people/{person.pk}/photo").status_code == 404
    assert Photo.objects.count() == 1


def test_a_photo_is_deleted(jordan_api, jordan):
    person = make_person(jordan)
    jordan_api.put(f"/api/people/{person.pk}/photo", png(), content_type="image/png")
    assert jordan_api.delete(f"/api/people/{person.pk}/photo").status_code == 204
    assert jordan_api.get(f"/api/people/{person.pk}/photo").status_code == 404
