"""Signing in through the sign-in page, as the browser tests' users do."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.factories import PASSWORD


def sign_in(page, url: str, username: str = "jordan") -> None:
    """Sign in as `username` (the factories' password) and wait until the app lets them in."""
    page.goto(url + "/login/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).not_to_have_url(re.compile(r"/login/"))
