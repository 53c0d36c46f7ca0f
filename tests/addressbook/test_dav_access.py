"""Who may read what over CardDAV, on a real server on loopback (tests/addressbook/conftest.py):
only a device's app password opens an address book, only its owner's, and nothing can be
written. Wrong passwords count as failed sign-ins (accounts.throttle)."""

from __future__ import annotations

import logging

import pytest
import requests
from django.test import Client

from mutuals.accounts.models import FailedAttempts
from mutuals.addressbook import services
from mutuals.addressbook.selectors import href_for
from mutuals.people import services as people_services
from tests.factories import PASSWORD, make_person, make_user

CARD = "BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Someone\r\nUID:x-1\r\nEND:VCARD\r\n"
SYNC = """<?xml version="1.0" encoding="utf-8"?>
<sync-collection xmlns="DAV:"><sync-token>{token}</sync-token><sync-level>1</sync-level>
<prop><getetag/></prop></sync-collection>"""


@pytest.fixture
def accounts(dav_server):
    jordan, riley = make_user("jordan"), make_user("riley")
    rosa = make_person(jordan, "Rosa Núñez")
    make_person(riley, "Riley's contact")
    return {
        "url": dav_server.url,
        "jordan": jordan,
        "riley": riley,
        "rosa": rosa,
        "jordan_password": services.add_device(owner=jordan, name="phone").password,
        "riley_password": services.add_device(owner=riley, name="phone").password,
    }


def _book(accounts, who: str) -> str:
    return f"{accounts['url']}/dav/u{accounts[who].pk}/people/"


def _dav(method: str, url: str, auth=None, **kwargs) -> requests.Response:
    return requests.request(method, url, auth=auth, timeout=30, **kwargs)


def test_the_well_known_address_redirects_to_the_address_books(accounts):
    answer = _dav("PROPFIND", accounts["url"] + "/.well-known/carddav", allow_redirects=False)

    assert answer.status_code == 301
    assert answer.headers["Location"] == "/dav/"


@pytest.mark.parametrize("method", ["GET", "PROPFIND", "OPTIONS", "REPORT"])
@pytest.mark.parametrize("path", ["/dav/", "/dav", "/dav/u{id}/", "/dav/u{id}/people/"])
def test_nothing_is_served_without_a_password(accounts, method, path):
    url = accounts["url"] + path.format(id=accounts["jordan"].pk)

    answer = _dav(method, url, headers={"Depth": "1"}, allow_redirects=False)

    assert answer.status_code == 401
    assert answer.headers["WWW-Authenticate"].startswith("Basic")
    assert answer.content == b""


def test_a_signed_in_browser_session_does_not_open_the_address_book(accounts):
    browser = Client()
    browser.login(username="jordan", password=PASSWORD)
    cookie = browser.cookies["sessionid"].value

    answer = _dav("GET", _book(accounts, "jordan"), cookies={"sessionid": cookie})

    assert answer.status_code == 401


def test_the_account_password_is_not_an_app_password(accounts):
    answer = _dav("GET", _book(accounts, "jordan"), auth=("jordan", PASSWORD))

    assert answer.status_code == 401


def test_a_wrong_password_is_refused_and_counted_as_a_failed_sign_in(accounts):
    answer = _dav("GET", _book(accounts, "jordan"), auth=("jordan", "AAAA-BBBB-CCCC-DDDD"))

    assert answer.status_code == 401
    assert FailedAttempts.objects.filter(kind=FailedAttempts.Kind.SIGN_IN).count() == 1


def test_after_a_few_wrong_passwords_even_the_right_one_waits(accounts):
    for _ in range(3):
        _dav("GET", _book(accounts, "jordan"), auth=("jordan", "AAAA-BBBB-CCCC-DDDD"))

    answer = _dav("GET", _book(accounts, "jordan"), auth=("jordan", accounts["jordan_password"]))

    assert answer.status_code == 401


def test_the_password_is_read_whatever_the_case_and_dashes(accounts):
    typed = accounts["jordan_password"].replace("-", "").lower()

    answer = _dav(
        "GET", _book(accounts, "jordan") + href_for(accounts["rosa"].pk), auth=("jordan", typed)
    )

    assert answer.status_code == 200
    assert "FN:Rosa Núñez" in answer.text


def test_a_revoked_device_is_refused(accounts):
    services.revoke_device(owner=accounts["jordan"], name="phone")

    answer = _dav("GET", _book(accounts, "jordan"), auth=("jordan", accounts["jordan_password"]))

    assert answer.status_code == 401


def test_a_password_works_only_with_its_owners_user_name(accounts):
    answer = _dav("GET", _book(accounts, "jordan"), auth=("riley", accounts["jordan_password"]))

    assert answer.status_code == 401


@pytest.mark.parametrize("path", ["", "{href}"])
def test_another_users_address_book_and_cards_are_unreachable(accounts, path):
    url = _book(accounts, "jordan") + path.format(href=href_for(accounts["rosa"].pk))

    for method in ("GET", "PROPFIND"):
        answer = _dav(method, url, auth=("riley", accounts["riley_password"]))

        assert answer.status_code in {403, 404}
        assert "Rosa" not in answer.text


def test_the_root_lists_only_ones_own_principal(accounts):
    answer = _dav(
        "PROPFIND",
        accounts["url"] + "/dav/",
        auth=("riley", accounts["riley_password"]),
        headers={"Depth": "1"},
    )

    assert answer.status_code == 207
    assert f"/dav/u{accounts['riley'].pk}/" in answer.text
    assert f"/dav/u{accounts['jordan'].pk}/" not in answer.text


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("PUT", "new.vcf", CARD),
        ("PUT", "{href}", CARD),
        ("DELETE", "{href}", None),
        ("DELETE", "", None),
        ("MKCOL", "other/", None),
        ("PROPPATCH", "", "<propertyupdate xmlns='DAV:'/>"),
    ],
)
def test_nothing_can_be_written(accounts, method, path, body):
    url = _book(accounts, "jordan") + path.format(href=href_for(accounts["rosa"].pk))

    answer = _dav(method, url, auth=("jordan", accounts["jordan_password"]), data=body)

    assert answer.status_code == 403
    assert [p.full_name for p in people_services_list(accounts["jordan"])] == ["Rosa Núñez"]


def people_services_list(owner):
    from mutuals.people.models import Person

    return Person.objects.filter(owner=owner, archived_at__isnull=True)


def _sync(accounts, token: str = "") -> requests.Response:
    return _dav(
        "REPORT",
        _book(accounts, "jordan"),
        auth=("jordan", accounts["jordan_password"]),
        headers={"Depth": "1", "Content-Type": "application/xml"},
        data=SYNC.format(token=token).encode(),
    )


def _token(answer: requests.Response) -> str:
    return answer.text.split("<sync-token>")[1].split("</sync-token>")[0]


def test_a_sync_token_brings_only_what_changed(accounts):
    sam = make_person(accounts["jordan"], "Sam Lee")
    first = _sync(accounts)
    assert first.status_code == 207
    assert href_for(accounts["rosa"].pk) in first.text
    assert href_for(sam.pk) in first.text

    people_services.update_person(
        owner=accounts["jordan"], person_id=accounts["rosa"].pk, title="Head of data"
    )
    second = _sync(accounts, _token(first))

    assert second.status_code == 207
    assert href_for(accounts["rosa"].pk) in second.text
    assert href_for(sam.pk) not in second.text


def test_a_person_archived_since_the_last_sync_is_reported_gone(accounts):
    first = _sync(accounts)

    people_services.archive_person(owner=accounts["jordan"], person_id=accounts["rosa"].pk)
    second = _sync(accounts, _token(first))

    assert href_for(accounts["rosa"].pk) in second.text
    assert "404" in second.text


def test_an_unknown_sync_token_asks_the_client_to_list_again(accounts):
    answer = _sync(accounts, "http://mutuals.invalid/ns/sync/unknown")

    assert answer.status_code == 403
    assert "valid-sync-token" in answer.text


def test_a_device_is_marked_used(accounts):
    _dav("GET", _book(accounts, "jordan"), auth=("jordan", accounts["jordan_password"]))

    (device,) = services.AppPassword.objects.filter(owner=accounts["jordan"])
    assert device.last_used_at is not None


def test_a_request_body_over_the_limit_is_refused(accounts):
    answer = _dav(
        "REPORT",
        _book(accounts, "jordan"),
        auth=("jordan", accounts["jordan_password"]),
        data=b"x" * 1_000_001,
    )

    assert answer.status_code == 413


def test_the_web_app_is_still_served_beside_the_address_book(accounts):
    answer = _dav("GET", accounts["url"] + "/login/", allow_redirects=False)

    assert answer.status_code in {200, 302}
    assert "Radicale" not in answer.text


def test_no_log_line_carries_a_password_or_a_user_name(accounts, caplog):
    password = accounts["jordan_password"]
    with caplog.at_level(logging.DEBUG):
        _dav("GET", _book(accounts, "jordan"), auth=("jordan", "WRONG-WRONG-WRONG"))
        _dav("PROPFIND", _book(accounts, "jordan"), auth=("jordan", password))
        _dav("PUT", _book(accounts, "jordan") + "x.vcf", auth=("jordan", password), data=CARD)

    logged = caplog.text
    for secret in (password, "WRONG-WRONG-WRONG", "jordan", "Rosa"):
        assert secret not in logged
