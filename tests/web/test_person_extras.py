"""The person page's dates and photo, and the photo's address (the owner's only)."""

from __future__ import annotations

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pytest_django.asserts import assertContains

from mutuals.people.important_dates import add_important_date
from mutuals.people.models import ImportantDate, Photo
from mutuals.people.photos import set_photo
from tests.factories import make_person


def png(size=(64, 64)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(out, format="PNG")
    return out.getvalue()


def test_the_page_adds_a_birthday_and_shows_it_in_words(jordan_client, jordan):
    person = make_person(jordan)
    data = {"date-kind": "birthday", "date-month": "4", "date-day": "15", "date-year": "1985"}
    jordan_client.post(f"/people/{person.pk}/dates", data)
    assertContains(jordan_client.get(f"/people/{person.pk}/"), "Birthday: 15 April 1985")


def test_an_impossible_day_is_refused_with_a_sentence(jordan_client, jordan):
    person = make_person(jordan)
    data = {"date-kind": "other", "date-month": "4", "date-day": "31"}
    response = jordan_client.post(f"/people/{person.pk}/dates", data, follow=True)
    assertContains(response, "That day is not on the calendar")
    assert not ImportantDate.objects.exists()


def test_removing_a_date_asks_first_then_removes_it(jordan_client, jordan):
    person = make_person(jordan)
    date = add_important_date(owner=jordan, person_id=person.pk, kind="birthday", month=1, day=2)
    assertContains(jordan_client.get(f"/dates/{date.pk}/remove"), "Remove the date")
    assert ImportantDate.objects.exists()
    jordan_client.post(f"/dates/{date.pk}/remove")
    assert not ImportantDate.objects.exists()


def test_riley_cannot_add_or_remove_jordans_dates(riley_client, jordan):
    person = make_person(jordan)
    date = add_important_date(owner=jordan, person_id=person.pk, kind="birthday", month=1, day=2)
    data = {"date-kind": "other", "date-month": "4", "date-day": "1"}
    assert riley_client.post(f"/people/{person.pk}/dates", data).status_code == 404
    assert riley_client.post(f"/dates/{date.pk}/remove").status_code == 404
    assert ImportantDate.objects.count() == 1


def test_an_uploaded_photo_is_served_as_a_safe_private_jpeg(jordan_client, jordan):
    person = make_person(jordan)
    upload = SimpleUploadedFile("me.png", png(), content_type="image/png")
    jordan_client.post(f"/people/{person.pk}/photo/upload", {"photo-photo": upload})
    response = jordan_client.get(f"/people/{person.pk}/photo")
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert response["Cache-Control"].startswith("private")
    assert Image.open(io.BytesIO(response.content)).format == "JPEG"


def test_an_svg_upload_is_refused_with_a_sentence(jordan_client, jordan):
    person = make_person(jordan)
    upload = SimpleUploadedFile("x.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    response = jordan_client.post(
        f"/people/{person.pk}/photo/upload", {"photo-photo": upload}, follow=True
    )
    assertContains(response, "not a picture mutuals can show")
    assert not Photo.objects.exists()


def test_riley_gets_not_found_for_jordans_photo(riley_client, jordan):
    person = make_person(jordan)
    set_photo(owner=jordan, person_id=person.pk, data=png())
    assert riley_client.get(f"/people/{person.pk}/photo").status_code == 404
    upload = SimpleUploadedFile("me.png", png(), content_type="image/png")
    assert (
        riley_client.post(f"/people/{person.pk}/photo/upload", {"photo-photo": upload}).status_code
        == 404
    )
    assert riley_client.post(f"/people/{person.pk}/photo/remove").status_code == 404
    assert Photo.objects.count() == 1


def test_the_page_and_list_show_the_photo_or_initials_with_the_name_as_alt(jordan_client, jordan):
    rosa, ray = make_person(jordan), make_person(jordan, "Ray Chen")
    set_photo(owner=jordan, person_id=rosa.pk, data=png())
    listing = jordan_client.get("/people/")
    assertContains(listing, f'src="/people/{rosa.pk}/photo" alt="Rosa Núñez" width="32"')
    assertContains(listing, 'aria-label="Ray Chen">RC</span>')
    assertContains(jordan_client.get(f"/people/{ray.pk}/"), "Upload a photo")


def test_removing_the_photo_asks_first(jordan_client, jordan):
    person = make_person(jordan)
    set_photo(owner=jordan, person_id=person.pk, data=png())
    assertContains(jordan_client.get(f"/people/{person.pk}/photo/remove"), "Remove the photo")
    jordan_client.post(f"/people/{person.pk}/photo/remove")
    assert not Photo.objects.exists()
