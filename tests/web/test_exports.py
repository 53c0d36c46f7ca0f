"""Export downloads, and the calendar feed: made and revoked in settings, read without sign-in."""

from __future__ import annotations

import logging

import icalendar
import pytest
from django.test import Client
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from mutuals.core.formats.vcard import parse_vcards
from mutuals.exports import selectors, services
from tests.factories import make_person, make_promise


def feed_url_of(response) -> str:
    """The feed address a page shows once, without the host."""
    url = response.context["feed_url"]
    assert url.startswith("http://testserver/feed/")
    return url.removeprefix("http://testserver")


# ---- downloads ----------------------------------------------------------------------------------


def test_the_settings_page_links_to_the_downloads_and_the_exports_page(jordan_client):
    response = jordan_client.get("/settings/")
    for url in ("/export/vcard", "/export/csv", "/export/ics", "/export/"):
        assertContains(response, f'href="{url}"')


def test_the_exports_page_offers_your_circles_and_not_rileys(jordan_client, jordan, riley):
    make_person(jordan, "Rosa Núñez", circles=["Work"])
    make_person(riley, "Sam Stone", circles=["Secret club"])
    response = jordan_client.get("/export/")
    assertContains(response, '<option value="Work">Work</option>', html=True)
    assertNotContains(response, "Secret club")


def test_the_vcard_download_is_an_attachment_of_your_people(jordan_client, jordan):
    make_person(jordan, "Rosa Núñez")
    response = jordan_client.get("/export/vcard")
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="mutuals-contacts.vcf"'
    assert [c.full_name for c in parse_vcards(response.content).records] == ["Rosa Núñez"]


def test_the_csv_download_keeps_only_the_chosen_circle(jordan_client, jordan):
    make_person(jordan, "Rosa Núñez", circles=["Work"])
    make_person(jordan, "Jin Park")
    response = jordan_client.get("/export/csv", {"circle": "Work"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="mutuals-contacts-work.csv"'
    assert "Rosa" in response.content.decode()
    assert "Jin" not in response.content.decode()


def test_an_unknown_circle_goes_back_to_the_page_saying_so(jordan_client, jordan):
    response = jordan_client.get("/export/vcard", {"circle": "Family"}, follow=True)
    assertRedirects(response, "/export/")
    assertContains(response, "You have no circle called &#x27;Family&#x27;")


def test_the_calendar_download_validates(jordan_client, jordan):
    make_promise(jordan, text="Send the article", due_in=1)
    response = jordan_client.get("/export/ics")
    assert response["Content-Disposition"] == 'attachment; filename="mutuals-calendar.ics"'
    icalendar.Calendar.from_ical(response.content).validate()


@pytest.mark.parametrize("url", ["/export/", "/export/vcard", "/export/csv", "/export/ics"])
def test_downloads_need_a_signed_in_user(client, jordan, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith("/login/")


@pytest.mark.parametrize("url", ["/export/vcard", "/export/csv", "/export/ics"])
def test_riley_downloads_none_of_jordans_people(riley_client, jordan, riley, url):
    make_person(jordan, "Rosa Núñez")
    make_promise(jordan, text="Send Rosa the article")
    make_person(riley, "Sam Stone")
    body = riley_client.get(url).content.decode()
    assert "Rosa" not in body
    assert "Sam" in body


# ---- the calendar feed --------------------------------------------------------------------------


def test_settings_offers_to_create_a_feed_when_there_is_none(jordan_client):
    response = jordan_client.get("/settings/")
    assertContains(response, "Create a feed address")
    assertNotContains(response, "Turn the feed off")


def test_creating_a_feed_shows_its_full_address_once(jordan_client, jordan):
    response = jordan_client.post("/export/feed")
    path = feed_url_of(response)
    assertContains(response, f'value="http://testserver{path}"')
    assert selectors.feed_owner(path.removeprefix("/feed/").removesuffix(".ics")) == jordan
    later = jordan_client.get("/settings/")
    assertContains(later, "Turn the feed off")
    assertNotContains(later, path)


def test_creating_a_feed_is_a_post(jordan_client, jordan):
    assert jordan_client.get("/export/feed").status_code == 405
    assert selectors.active_feed(owner=jordan) is None


def test_the_feed_opens_without_sign_in_as_a_private_calendar(jordan):
    make_person(jordan, "Rosa Núñez", tier="close")
    make_promise(jordan, text="Send the article", due_in=2)
    path = selectors.feed_path(services.create_feed(owner=jordan))
    response = Client().get(path)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Cache-Control"] == "private, max-age=900"
    calendar = icalendar.Calendar.from_ical(response.content)
    calendar.validate()
    assert sorted(str(e["SUMMARY"]) for e in calendar.walk("VEVENT")) == [
        "Keep in touch: Rosa N.",
        "Promise due: Send the article",
    ]


def test_unknown_and_revoked_addresses_are_the_same_404(jordan, client):
    token = services.create_feed(owner=jordan)
    services.revoke_feed(owner=jordan)
    revoked = client.get(selectors.feed_path(token))
    unknown = client.get("/feed/AAAAAAAAAAAAAAAAAAAAAA.ics")
    assert (revoked.status_code, unknown.status_code) == (404, 404)
    assert revoked.content == unknown.content


def test_a_new_address_turns_the_old_one_off(jordan_client, client):
    old = feed_url_of(jordan_client.post("/export/feed"))
    new = feed_url_of(jordan_client.post("/export/feed"))
    assert client.get(old).status_code == 404
    assert client.get(new).status_code == 200


def test_revoking_from_settings_turns_the_feed_off(jordan_client, jordan, client):
    path = feed_url_of(jordan_client.post("/export/feed"))
    response = jordan_client.post("/export/feed/revoke", {"next": "/settings/"})
    assertRedirects(response, "/settings/", fetch_redirect_response=False)
    assert client.get(path).status_code == 404
    assertContains(jordan_client.get("/settings/"), "Your feed is off")


def test_turning_the_feed_off_from_the_new_address_goes_back_to_the_exports_page(jordan_client):
    response = jordan_client.post("/export/feed")
    assertContains(response, '<input type="hidden" name="next" value="/export/">', html=True)


def test_rileys_feed_shows_only_rileys_dates(jordan, riley, client):
    make_person(jordan, "Rosa Núñez")
    make_person(riley, "Sam Stone")
    services.create_feed(owner=jordan)
    body = client.get(selectors.feed_path(services.create_feed(owner=riley))).content.decode()
    assert "Sam S." in body
    assert "Rosa" not in body


def test_riley_cannot_revoke_jordans_feed(riley_client, jordan, client):
    path = selectors.feed_path(services.create_feed(owner=jordan))
    riley_client.post("/export/feed/revoke")
    assert client.get(path).status_code == 200


def test_reading_the_feed_logs_nothing_personal(jordan, client, caplog):
    make_person(jordan, "Rosa Núñez")
    path = selectors.feed_path(services.create_feed(owner=jordan))
    with caplog.at_level(logging.DEBUG):
        client.get(path)
        client.get("/feed/unknown.ics")
    assert "Rosa" not in caplog.text
    assert "jordan" not in caplog.text
