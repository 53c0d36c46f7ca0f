"""Settings, "Your people on your phone": add a device (its password shown once, with how to
set up iOS, macOS and DAVx5), see when each was last used, revoke one after confirming."""

from __future__ import annotations

from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from mutuals.addressbook import selectors, services

PAGE = "/settings/devices/"


def test_the_page_lists_only_ones_own_devices(jordan_client, jordan, riley):
    services.add_device(owner=jordan, name="Jordan's phone")
    services.add_device(owner=riley, name="Riley's tablet")

    response = jordan_client.get(PAGE)

    assertContains(response, "Jordan&#x27;s phone")
    assertNotContains(response, "Riley")
    assertContains(response, "not used yet")


def test_adding_a_device_shows_the_server_user_name_and_password_once(jordan_client, jordan):
    response = jordan_client.post(PAGE + "add", {"name": "My phone"})

    assert response.status_code == 200
    password = response.context["new_password"]
    assert services.check_app_password(username="jordan", password=password) == jordan
    assertContains(response, password)
    assertContains(response, "http://testserver/dav/")
    for platform in ("iPhone or iPad", "Mac", "DAVx"):
        assertContains(response, platform)
    assertNotContains(jordan_client.get(PAGE), password)


def test_a_nameless_device_is_refused_on_the_form(jordan_client, jordan):
    response = jordan_client.post(PAGE + "add", {"name": ""})

    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert selectors.devices(owner=jordan) == []


def test_revoking_asks_first_then_revokes(jordan_client, jordan):
    new = services.add_device(owner=jordan, name="My phone")
    url = f"/settings/devices/{new.device.pk}/revoke"

    assertContains(jordan_client.get(url), "Revoke My phone?")
    assert services.check_app_password(username="jordan", password=new.password) == jordan

    assertRedirects(jordan_client.post(url), PAGE)
    assert services.check_app_password(username="jordan", password=new.password) is None


def test_another_users_device_cannot_be_revoked(riley_client, jordan):
    new = services.add_device(owner=jordan, name="My phone")
    url = f"/settings/devices/{new.device.pk}/revoke"

    assert riley_client.get(url).status_code == 404
    assert riley_client.post(url).status_code == 404
    assert services.check_app_password(username="jordan", password=new.password) == jordan


def test_the_page_needs_a_sign_in(client, db):
    response = client.get(PAGE)

    assert response.status_code == 302


def test_settings_links_to_the_devices_page(jordan_client):
    response = jordan_client.get("/settings/")

    assertContains(response, f'<a href="{PAGE}">Your people on your phone</a>', html=True)
