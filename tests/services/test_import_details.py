"""Nothing the file carries is dropped when mutuals has a place for it (issue 11): names as
written, birthdays with or without a year, anniversaries, photos, dates as Excel writes them,
and a report of what has no place yet."""

from __future__ import annotations

import base64
import io

import pytest

from mutuals.imports.merge import undo_merge
from mutuals.imports.services import import_file
from mutuals.people.models import ImportantDate, Person, Photo
from tests.factories import make_person

pytestmark = pytest.mark.django_db


def card(*lines: str) -> bytes:
    body = "".join(f"{line}\r\n" for line in lines)
    return f"BEGIN:VCARD\r\nVERSION:3.0\r\n{body}END:VCARD\r\n".encode()


def png(colour: str = "red") -> str:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), colour).save(buffer, "PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def run(owner, kind, data, **options):
    return import_file(owner=owner, kind=kind, data=data, **options)


def test_the_display_name_is_kept_as_written(jordan):
    data = (
        card("FN:王小明", "N:王;小明;;;")
        + card("FN:Sean O'Neill", "N:O'Neill;sean;;;")
        + card("FN:Dr. Ngozi Okafor PhD", "N:Okafor;Ngozi;;Dr.;PhD")
    )
    run(jordan, "vcard", data)
    names = set(Person.objects.filter(owner=jordan).values_list("full_name", flat=True))
    assert names == {"王小明", "Sean O'Neill", "Dr. Ngozi Okafor PhD"}
    ngozi = Person.objects.get(owner=jordan, last_name="Okafor")
    assert (ngozi.name_prefix, ngozi.name_suffix) == ("Dr.", "PhD")


def test_birthdays_with_and_without_a_year_and_anniversaries_are_kept(jordan):
    data = card("FN:Ngozi Okafor", "BDAY:--0415") + card(
        "FN:Ray Adeyemi", "BDAY:1985-04-12", "item1.X-ABDATE:2015-06-20",
        "item1.X-ABLabel:_$!<Anniversary>!$_",
    )  # fmt: skip
    report = run(jordan, "vcard", data)
    dates = {
        (d.person.full_name, d.kind, d.year, d.month, d.day)
        for d in ImportantDate.objects.filter(owner=jordan).select_related("person")
    }
    assert dates == {
        ("Ngozi Okafor", "birthday", None, 4, 15),
        ("Ray Adeyemi", "birthday", 1985, 4, 12),
        ("Ray Adeyemi", "anniversary", 2015, 6, 20),
    }
    assert report["important_dates"] == 3


def test_a_photo_is_stored_re_encoded_as_jpeg(jordan):
    report = run(jordan, "vcard", card("FN:Ngozi Okafor", f"PHOTO;ENCODING=b;TYPE=PNG:{png()}"))
    photo = Photo.objects.get(owner=jordan)
    assert photo.image[:3] == b"\xff\xd8\xff"  # JPEG, whatever came in
    assert report["photos"] == 1


def test_an_svg_photo_is_left_out_with_its_line(jordan):
    svg = base64.b64encode(b"<svg xmlns='http://www.w3.org/2000/svg'><script/></svg>").decode()
    report = run(jordan, "vcard", card("FN:Ngozi Okafor", f"PHOTO:data:image/svg+xml;base64,{svg}"))
    assert not Photo.objects.filter(owner=jordan).exists()
    assert any("photo left out" in s["reason"] for s in report["skipped"])
    assert Person.objects.filter(owner=jordan).count() == 1


def test_a_re_import_adds_no_second_birthday_or_photo(jordan):
    data = card("FN:Ngozi Okafor", "BDAY:--0415", f"PHOTO;ENCODING=b;TYPE=PNG:{png()}")
    run(jordan, "vcard", data)
    report = run(jordan, "vcard", data)
    assert (report["created"], report["unchanged"]) == (0, 1)
    assert ImportantDate.objects.filter(owner=jordan).count() == 1
    assert Photo.objects.filter(owner=jordan).count() == 1


def test_a_matched_row_gives_its_birthday_and_photo_and_undo_takes_them_along(jordan):
    ngozi = make_person(jordan, "Ngozi Okafor", emails=["ngozi@example.com"])
    data = card(
        "FN:Ngozi Okafor", "EMAIL:ngozi@example.com", "BDAY:--0415",
        f"PHOTO;ENCODING=b;TYPE=PNG:{png()}",
    )  # fmt: skip
    report = run(jordan, "vcard", data)
    assert ImportantDate.objects.get(owner=jordan).person_id == ngozi.pk
    split = undo_merge(owner=jordan, merge_id=report["rows"][0]["merge_id"])
    assert ImportantDate.objects.get(owner=jordan).person_id == split.pk
    assert Photo.objects.get(owner=jordan).person_id == split.pk


def test_excel_re_saved_connections_keep_their_dates_and_say_the_order(jordan):
    data = (
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\r\n"
        b"Ngozi,Okafor,,,,,9-Sep-22\r\n"
        b"Ray,Adeyemi,,,,,25/04/2023\r\n"
        b"Mei,Chen,,,,,1/9/2022\r\n"
    )
    report = run(jordan, "linkedin", data)
    since = dict(Person.objects.filter(owner=jordan).values_list("first_name", "known_since"))
    assert str(since["Ngozi"]) == "2022-09-09"
    assert str(since["Mei"]) == "2022-09-01"  # day first, as the 25/04 row shows
    assert any("day first" in note.lower() for note in report["notes"])


def test_fields_with_no_place_are_listed_as_not_imported(jordan):
    data = card("FN:Ngozi Okafor", "IMPP:xmpp:ngozi@example.com", "ADR:;;1 High St;Leeds;;;UK")
    report = run(jordan, "vcard", data)
    assert report["not_imported"]
    assert Person.objects.get(owner=jordan).location


def test_a_huge_note_is_cut_and_nul_characters_are_removed(jordan):
    data = card("FN:Ngo\x00zi Okafor", "NOTE:" + "x" * 50_000)
    report = run(jordan, "vcard", data)
    ngozi = Person.objects.get(owner=jordan)
    assert ngozi.full_name == "Ngozi Okafor"
    assert len(ngozi.notes) <= 20_000
    assert any("notes cut" in s["reason"] for s in report["skipped"])


def test_another_spelling_of_a_name_never_renames_someone(jordan):
    ada = make_person(jordan, "Ada Quist", emails=["ada@example.com"])
    Person.objects.filter(pk=ada.pk).update(display_name="")  # shown by her name parts
    report = run(jordan, "vcard", card("FN:A. Quist", "EMAIL:ada@example.com"))
    ada.refresh_from_db()
    assert ada.full_name == "Ada Quist"
    assert report["unchanged"] == 1


def test_our_own_export_of_people_shown_by_their_parts_is_already_up_to_date(jordan):
    from mutuals.exports.selectors import vcard_export

    ada = make_person(jordan, "Ada Quist")
    Person.objects.filter(pk=ada.pk).update(display_name="")
    report = run(jordan, "vcard", vcard_export(owner=jordan).encode())
    assert (report["updated"], report["unchanged"]) == (0, 1)
