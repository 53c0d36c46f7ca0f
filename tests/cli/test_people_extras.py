"""`mutuals date add|list|remove` and `mutuals photo set|remove`."""

from __future__ import annotations

import io

from PIL import Image

from mutuals.cli.errors import ExitCode
from mutuals.people.models import ImportantDate, Photo
from tests.cli.conftest import failed, parsed
from tests.factories import make_person


def test_date_add_keeps_a_birthday_with_its_year(mutuals, jordan):
    make_person(jordan, "Ngozi Okafor")
    result = mutuals("date", "add", "ngozi", "birthday", "04-15", "--year", "1985")
    assert result.exit_code == 0, result.output
    assert "15 April 1985" in result.output
    assert ImportantDate.objects.get().year == 1985


def test_date_list_prints_count_and_items_as_json(mutuals, jordan):
    make_person(jordan, "Ray Chen")
    mutuals("date", "add", "ray", "anniversary", "09-01", "--label", "Work anniversary")
    body = parsed(mutuals("date", "list", "--json"))
    assert body["count"] == 1
    assert (body["items"][0]["label"], body["items"][0]["when"]) == (
        "Work anniversary",
        "1 September",
    )


def test_an_impossible_day_is_refused_with_a_sentence(mutuals, jordan):
    make_person(jordan, "Ray Chen")
    message = failed(mutuals("date", "add", "ray", "other", "02-30"), ExitCode.INVALID)
    assert "not on the calendar" in message


def test_date_remove_forgets_it_and_an_unknown_number_is_not_found(mutuals, jordan):
    make_person(jordan, "Ray Chen")
    mutuals("date", "add", "ray", "birthday", "01-02")
    date_id = ImportantDate.objects.get().pk
    assert mutuals("date", "remove", str(date_id)).exit_code == 0
    assert not ImportantDate.objects.exists()
    failed(mutuals("date", "remove", str(date_id)), ExitCode.NOT_FOUND)


def test_riley_cannot_remove_jordans_date(mutuals, jordan, riley):
    make_person(jordan, "Ray Chen")
    mutuals("--user", "jordan", "date", "add", "ray", "birthday", "01-02")
    date_id = ImportantDate.objects.get().pk
    failed(mutuals("--user", "riley", "date", "remove", str(date_id)), ExitCode.NOT_FOUND)
    assert ImportantDate.objects.exists()


def test_photo_set_and_remove(mutuals, jordan, tmp_path):
    make_person(jordan, "Ray Chen")
    path = tmp_path / "ray.png"
    out = io.BytesIO()
    Image.new("RGB", (40, 20)).save(out, format="PNG")
    path.write_bytes(out.getvalue())
    result = mutuals("photo", "set", "ray", str(path))
    assert result.exit_code == 0, result.output
    assert "40 x 20" in result.output
    assert mutuals("photo", "remove", "ray").exit_code == 0
    assert not Photo.objects.exists()


def test_photo_set_refuses_an_svg_with_a_sentence(mutuals, jordan, tmp_path):
    make_person(jordan, "Ray Chen")
    path = tmp_path / "x.svg"
    path.write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    message = failed(mutuals("photo", "set", "ray", str(path)), ExitCode.INVALID)
    assert "not a picture mutuals can show" in message
