"""/api/addressbook/devices: list, add (the password answered once), revoke; only one's own."""

from __future__ import annotations

from mutuals.addressbook import services
from tests.api.conftest import field_errors

URL = "/api/addressbook/devices"


def test_adding_a_device_answers_its_password_server_and_user_name(jordan_api, jordan):
    response = jordan_api.post(URL, {"name": "My phone"}, content_type="application/json")

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["server"] == "http://testserver/dav/"
    assert body["username"] == "jordan"
    assert services.check_app_password(username="jordan", password=body["password"]) == jordan


def test_the_list_never_shows_a_password(jordan_api):
    created = jordan_api.post(URL, {"name": "My phone"}, content_type="application/json").json()

    response = jordan_api.get(URL)

    assert response.status_code == 200
    assert [d["name"] for d in response.json()["devices"]] == ["My phone"]
    assert created["password"] not in response.content.decode()
    assert "password" not in response.json()["devices"][0]


def test_a_device_needs_a_name(jordan_api):
    response = jordan_api.post(URL, {"name": " "}, content_type="application/json")

    assert "name" in field_errors(response)


def test_revoking_a_device_stops_its_password(jordan_api, jordan):
    created = jordan_api.post(URL, {"name": "My phone"}, content_type="application/json").json()

    response = jordan_api.delete(f"{URL}/{created['id']}")

    assert response.status_code == 200
    assert services.check_app_password(username="jordan", password=created["password"]) is None


def test_another_users_devices_are_neither_listed_nor_revoked(jordan_api, riley_api, jordan):
    created = jordan_api.post(URL, {"name": "My phone"}, content_type="application/json").json()

    assert riley_api.get(URL).json() == {"devices": []}
    assert riley_api.delete(f"{URL}/{created['id']}").status_code == 404
    assert services.check_app_password(username="jordan", password=created["password"]) == jordan
