"""In Chromium: Settings, "Your people on your phone": add a device, read its password once
with how to set up each platform, then revoke it after confirming; axe-core finds no
violation on the page in either state, nor on the confirmation, at both widths."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from mutuals.addressbook import services
from tests.browser.signing import sign_in
from tests.browser.test_accessibility import AUDIT_WIDTHS, _check, _new_context
from tests.factories import make_user

pytestmark = pytest.mark.browser


def test_adding_and_revoking_a_device(live_server, transactional_db, page):
    jordan = make_user("jordan")
    sign_in(page, live_server.url)

    page.goto(live_server.url + "/settings/devices/")
    page.get_by_label("Device name").fill("My iPhone")
    page.get_by_role("button", name="Add a device").click()

    password = page.get_by_label("Password").input_value()
    assert services.check_app_password(username="jordan", password=password) == jordan
    expect(page.get_by_text(live_server.url + "/dav/").first).to_be_visible()
    expect(page.get_by_role("heading", name="iPhone or iPad")).to_be_visible()

    page.get_by_role("link", name="Revoke My iPhone").click()
    expect(page.get_by_role("heading", name="Revoke My iPhone?")).to_be_visible()
    page.get_by_role("button", name="Revoke My iPhone").click()

    expect(page.get_by_text("No devices yet.")).to_be_visible()
    assert services.check_app_password(username="jordan", password=password) is None


def test_axe_finds_no_violation_on_the_devices_pages(live_server, transactional_db, browser):
    jordan = make_user("jordan")
    found: list[str] = []
    for width in AUDIT_WIDTHS:
        context = _new_context(browser, width)
        page = context.new_page()
        sign_in(page, live_server.url)
        page.goto(live_server.url + "/settings/devices/")
        _check(page, "/settings/devices/", found)
        page.get_by_label("Device name").fill(f"Phone {width}")
        with page.expect_navigation():  # the page _check reads is the answer
            page.get_by_role("button", name="Add a device").click()
        _check(page, "/settings/devices/add", found)
        device = services.AppPassword.objects.get(owner=jordan, name=f"Phone {width}")
        page.goto(live_server.url + f"/settings/devices/{device.pk}/revoke")
        _check(page, "/settings/devices/…/revoke", found)
        context.close()

    assert found == []
