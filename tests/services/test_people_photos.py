"""Photos: what is stored is always a small JPEG mutuals wrote, never the uploaded bytes."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from PIL import Image

from mutuals.people import bulk, selectors
from mutuals.people.models import Person, Photo
from mutuals.people.photos import MAX_BYTES, prepare_photo, remove_photo, set_photo
from tests.factories import make_person


def picture(fmt: str = "PNG", size=(800, 400), mode="RGB", exif=None) -> bytes:
    out = io.BytesIO()
    image = Image.new(mode, size, (200, 30, 30) if mode == "RGB" else None)
    kwargs = {"exif": exif} if exif is not None else {}
    image.save(out, format=fmt, **kwargs)
    return out.getvalue()


def opened(data: bytes) -> Image.Image:
    return Image.open(io.BytesIO(data))


@pytest.mark.parametrize("fmt", ["PNG", "JPEG", "GIF", "WEBP"])
def test_each_raster_format_becomes_a_jpeg_within_512(fmt):
    prepared = prepare_photo(picture(fmt))
    image = opened(prepared.image)
    assert (image.format, image.size) == ("JPEG", (512, 256))
    assert (prepared.width, prepared.height) == (512, 256)


def test_an_svg_is_refused_as_not_a_picture():
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    with pytest.raises(ValidationError) as error:
        prepare_photo(svg)
    assert "not a picture mutuals can show" in error.value.message_dict["photo"][0]


def test_a_file_over_ten_megabytes_is_refused_before_opening():
    with pytest.raises(ValidationError) as error:
        prepare_photo(b"\xff\xd8" + b"0" * MAX_BYTES)
    assert error.value.message_dict["photo"] == ["Choose a picture under 10 MB."]


def test_a_decompression_bomb_is_refused():
    bomb = picture("PNG", size=(10_000, 10_000), mode="1")
    assert len(bomb) < MAX_BYTES
    with pytest.raises(ValidationError) as error:
        prepare_photo(bomb)
    assert error.value.message_dict["photo"] == ["This picture is too large to open."]


def test_exif_orientation_is_applied_and_metadata_dropped():
    exif = Image.Exif()
    exif[0x0112] = 6  # rotate 90°
    exif[0x010F] = "Camera maker"
    image = opened(prepare_photo(picture("JPEG", size=(600, 300), exif=exif)).image)
    assert image.size == (256, 512)
    assert not image.getexif()


def test_a_transparent_png_is_flattened_to_rgb():
    image = opened(prepare_photo(picture("PNG", size=(10, 10), mode="RGBA")).image)
    assert image.mode == "RGB"


def test_setting_a_photo_replaces_the_older_one(jordan):
    person = make_person(jordan)
    set_photo(owner=jordan, person_id=person.pk, data=picture())
    newest = set_photo(owner=jordan, person_id=person.pk, data=picture(size=(100, 100)))
    assert list(Photo.objects.values_list("pk", flat=True)) == [newest.pk]
    assert selectors.photo_of(owner=jordan, person_id=person.pk).width == 100


def test_riley_cannot_set_or_see_a_photo_of_jordans_person(jordan, riley):
    person = make_person(jordan)
    with pytest.raises(ValidationError):
        set_photo(owner=riley, person_id=person.pk, data=picture())
    set_photo(owner=jordan, person_id=person.pk, data=picture())
    assert selectors.photo_of(owner=riley, person_id=person.pk) is None


def test_removing_the_photo_forgets_it(jordan):
    person = make_person(jordan)
    set_photo(owner=jordan, person_id=person.pk, data=picture())
    assert remove_photo(owner=jordan, person_id=person.pk) == 1
    assert not Photo.objects.exists()


def test_the_bulk_writer_skips_people_who_have_a_photo_and_other_owners(jordan, riley):
    rosa, ray, theirs = make_person(jordan), make_person(jordan, "Ray Chen"), make_person(riley)
    set_photo(owner=jordan, person_id=rosa.pk, data=picture())
    prepared = prepare_photo(picture(size=(50, 50)))
    rows = [(rosa.pk, prepared), (ray.pk, prepared), (ray.pk, prepared), (theirs.pk, prepared)]
    assert bulk.add_photos(owner=jordan, rows=rows) == 1
    assert Photo.objects.filter(person=ray).count() == 1
    assert not Photo.objects.filter(person=theirs).exists()


def test_the_person_page_read_says_whether_there_is_a_photo(jordan, riley):
    rosa, jin = make_person(jordan), make_person(jordan, "Jin Park")
    set_photo(owner=jordan, person_id=rosa.pk, data=picture())
    read = selectors.get_person(owner=jordan, person_id=rosa.pk, photo_flag=True)
    assert read.has_photo is True
    assert selectors.get_person(owner=jordan, person_id=jin.pk, photo_flag=True).has_photo is False
    assert not hasattr(selectors.get_person(owner=jordan, person_id=rosa.pk), "has_photo")
    with pytest.raises(Person.DoesNotExist):
        selectors.get_person(owner=riley, person_id=rosa.pk, photo_flag=True)
