"""Importing in a real browser: upload a LinkedIn export, read the report, and resolve the one
possible duplicate it found by merging it into the person you already had."""

import io
import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from mutuals.people.models import Person
from tests.browser.signing import sign_in
from tests.factories import log, make_person, make_user

pytestmark = pytest.mark.browser

SAMPLES = Path(__file__).resolve().parents[1] / "core" / "formats" / "samples"


def linkedin_zip(folder: Path) -> Path:
    path = folder / "Basic_LinkedInDataExport_11-24-2026.zip"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in ("Connections.csv", "messages.csv", "Invitations.csv"):
            sample = SAMPLES / f"linkedin_{name.split('.')[0].lower()}.csv"
            archive.writestr(f"Basic_LinkedInDataExport/{name}", sample.read_bytes())
    path.write_bytes(buffer.getvalue())
    return path


def test_upload_a_linkedin_export_read_the_report_and_merge_a_duplicate(
    live_server, transactional_db, page, tmp_path
):
    jordan = make_user("jordan")
    ada = make_person(jordan, "Ada Quill", organization="Northwind Analytics", tier="friend")
    log(jordan, ada, days=10)
    sign_in(page, live_server.url)

    page.get_by_role("link", name="People", exact=True).click()
    page.get_by_role("link", name="Import…").click()
    page.get_by_label("What it is").select_option(label="LinkedIn export")
    page.get_by_label("File", exact=True).set_input_files(str(linkedin_zip(tmp_path)))
    page.get_by_role("button", name="Import", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Imported")
    summary = page.get_by_role("region", name="Summary")
    expect(summary).to_contain_text("Possible duplicates to review")
    expect(page.get_by_role("region", name="Left out")).to_contain_text("hidden member")

    page.get_by_role("link", name="Review possible duplicates").click()
    pair = page.get_by_role("article", name="Ada Quill and Ada Quill")
    pair.get_by_role("button", name="Keep Ada Quill, merge Ada Quill into it").first.click()
    expect(page.get_by_role("button", name="Undo")).to_be_visible()

    [kept] = Person.objects.filter(owner=jordan, first_name="Ada")
    assert kept.pk == ada.pk
    assert kept.linkedin_url == "https://www.linkedin.com/in/ada-quill-4b2a1c"
    assert kept.interactions.count() >= 1


SWITCHBOARD = (
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Alice Hart\r\nN:Hart;Alice;;;\r\n"
    "EMAIL:alice.hart@acme.example\r\nTEL;TYPE=WORK:+1 212 555 0100\r\nEND:VCARD\r\n"
    "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Bob Stone\r\nN:Stone;Bob;;;\r\n"
    "EMAIL:bob.stone@acme.example\r\nTEL;TYPE=WORK:+1 212 555 0100\r\nEND:VCARD\r\n"
)


def test_a_shared_switchboard_gives_two_people_and_a_pair_merged_then_undone_from_the_report(
    live_server, transactional_db, page, tmp_path
):
    jordan = make_user("jordan")
    office = tmp_path / "office.vcf"
    office.write_text(SWITCHBOARD)
    sign_in(page, live_server.url)

    page.goto(live_server.url + "/import/")
    page.get_by_label("What it is").select_option(label="vCard")
    page.get_by_label("File", exact=True).set_input_files(str(office))
    page.get_by_role("button", name="Import", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Imported")
    summary = page.get_by_role("region", name="Summary")
    expect(summary.locator("dd").first).to_have_text("2")
    rows = page.get_by_role("region", name="Where each row went")
    expect(rows).to_contain_text("same phone (+12125550100) but different names")
    assert Person.objects.filter(owner=jordan).count() == 2

    rows.get_by_role("button", name="Merge with Alice Hart").click()
    expect(page.get_by_role("status")).to_contain_text("Merged Bob Stone into Alice Hart")
    assert Person.objects.filter(owner=jordan).count() == 1

    page.get_by_role("region", name="Where each row went").get_by_role(
        "button", name="Undo the merge of Bob Stone"
    ).click()
    expect(page.get_by_role("status")).to_contain_text("Bob Stone is back as a separate person")
    names = set(Person.objects.filter(owner=jordan).values_list("full_name", flat=True))
    assert names == {"Alice Hart", "Bob Stone"}
