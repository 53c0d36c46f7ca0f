"""A mail account, in a real browser against a real IMAP server (dovecot): add it on the
Connections page, sync it, and Rosa's e-mail shows on her timeline, "last contact" moves to
today and she leaves Today's plan."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from mutuals.digest.worker import run_waiting_tasks
from tests.browser.signing import sign_in
from tests.connections.conftest import imap_server, mailbox  # noqa: F401 (fixtures)
from tests.connections.dovecot import message
from tests.factories import log, make_person, make_user

pytestmark = pytest.mark.browser


def test_an_imap_account_logs_the_conversation_and_rosa_leaves_today(
    live_server,
    transactional_db,
    page,
    mailbox,  # noqa: F811
):
    jordan = make_user("jordan")
    rosa = make_person(jordan, "Rosa Núñez", tier="close", emails=["rosa@example.com"])
    log(jordan, rosa, "Lunch near her office", days=60)
    mailbox.append(
        "INBOX",
        message(
            sender="Rosa Núñez <rosa@example.com>",
            to=mailbox.user,
            subject="The article you sent",
            when=timezone.now(),
            message_id="rosa-article@example.com",
        ),
    )
    sign_in(page, live_server.url)
    plan = page.get_by_role("region", name="Today's plan")
    expect(plan).to_contain_text("Rosa Núñez")

    page.get_by_role("link", name="Connections", exact=True).click()
    expect(page.get_by_text("No account yet")).to_be_visible()
    form = page.get_by_role("region", name="Add a mail account (IMAP)")
    form.get_by_label("Name", exact=True).fill("Work")
    form.get_by_label("IMAP server").fill("127.0.0.1")
    form.get_by_label("Encryption").select_option("plain")
    form.get_by_label("Port").fill(str(mailbox.port))
    form.get_by_label("User name").fill(mailbox.user)
    form.get_by_label("Password").fill(mailbox.password)
    form.get_by_role("button", name="Add the account").click()
    expect(page.get_by_text("Added Work.")).to_be_visible()

    page.get_by_role("button", name="Sync now Work").click()
    queued = "Syncing Work in the background: this page follows along."
    expect(page.get_by_text(queued)).to_be_visible()
    card = page.locator(".connection", has=page.get_by_role("heading", name="Work"))
    expect(card).to_contain_text("Syncing…")
    run_waiting_tasks("test-worker")  # the worker, meanwhile
    expect(card).to_contain_text("1 new message, 1 new conversation")  # htmx followed it
    expect(card).not_to_contain_text("Syncing…")

    page.get_by_role("link", name="People", exact=True).click()
    page.get_by_role("link", name="Rosa Núñez").click()
    timeline = page.get_by_role("region", name="Timeline")
    expect(timeline).to_contain_text("The article you sent")
    expect(page.locator("dt", has_text="Last contact").locator("+ dd")).to_have_text(
        re.compile("today", re.IGNORECASE)
    )

    page.get_by_role("link", name="Today", exact=True).click()
    expect(page.get_by_role("region", name="Today's plan")).not_to_contain_text("Rosa Núñez")


def test_the_connections_page_with_accounts_passes_axe_and_fits_a_phone(
    live_server, transactional_db, browser
):
    from mutuals.connections import services
    from mutuals.connections.models import Connection
    from tests.browser.test_accessibility import AUDIT_WIDTHS, WIDTHS, _check, _new_context

    jordan = make_user("jordan")
    for name, paused in (("Work", False), ("Personal", True)):
        connection, _ = services.connect_imap(
            owner=jordan,
            name=name,
            host="127.0.0.1",
            port=9,
            username="jordan",
            password="pw",
            security="plain",
        )
        services.set_paused(owner=jordan, connection=connection, paused=paused)
    work = Connection.objects.get(name="Work")
    services.sync(owner=jordan, connection=work)  # fails: nothing listens on port 9
    found: list[str] = []
    for width in AUDIT_WIDTHS:
        context = _new_context(browser, width)
        page = context.new_page()
        sign_in(page, live_server.url)
        for address in ("/connections/", f"/connections/{work.pk}/remove"):
            page.goto(live_server.url + address)
            _check(page, f"{address} [{width}]", found)
            assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[width][0]
        context.close()
    assert found == []
