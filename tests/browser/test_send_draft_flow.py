"""A draft acted on in a real browser: Copy puts it on the clipboard and says so, "I sent it"
logs it on the person's timeline, and Undo takes it back."""

import pytest
from playwright.sync_api import expect

from mutuals.interactions.models import Interaction
from tests.browser.signing import sign_in
from tests.browser.test_accessibility import AUDIT_WIDTHS, WIDTHS, _check
from tests.factories import log, make_person, make_user
from tests.give_and_take import received

pytestmark = pytest.mark.browser


def test_copy_a_draft_say_you_sent_it_see_it_on_the_timeline_and_undo_it(
    live_server, transactional_db, page
):
    jordan = make_user("jordan")
    priya = make_person(jordan, "Priya Raman", emails=["priya@example.com"])
    log(jordan, priya, "Coffee about her move to Bergen", days=200)
    received(jordan, priya, "Intro to Tom at Orion", days=20)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    sign_in(page, live_server.url)

    page.goto(f"{live_server.url}/compose/?person={priya.pk}&purpose=thanks")
    message = page.get_by_label("Your message")
    expect(message).to_contain_text("Intro to Tom at Orion")
    page.get_by_role("button", name="Copy the message to Priya Raman").click()
    expect(page.locator("#id_text-copy-status")).to_have_text("Copied")
    assert page.evaluate("navigator.clipboard.readText()") == message.input_value()
    href = page.get_by_role("link", name="E-mail it to Priya Raman").get_attribute("href")
    assert href.startswith("mailto:priya@example.com?subject=Thank%20you&body=")

    page.get_by_role("button", name="I sent it").click()
    expect(page).to_have_url(f"{live_server.url}/people/{priya.pk}/")
    expect(page.locator(".messages")).to_contain_text(
        "Logged the thank-you note you sent Priya Raman today"
    )
    timeline = page.get_by_role("region", name="Timeline")
    expect(timeline).to_contain_text("Thank-you note: ")
    assert Interaction.objects.filter(kind="email", initiated_by="me").count() == 1

    page.locator(".messages").get_by_role("link", name="Undo").click()
    page.get_by_role("button", name="Undo: delete the conversation").click()
    expect(page).to_have_url(f"{live_server.url}/people/{priya.pk}/")
    expect(page.locator(".messages")).to_contain_text("Undone")
    expect(page.get_by_role("region", name="Timeline")).not_to_contain_text("Thank-you note: ")
    assert not Interaction.objects.filter(kind="email").exists()


def test_a_logged_conversation_offers_to_record_its_promise(live_server, transactional_db, page):
    from mutuals.promises.models import Promise

    jordan = make_user("jordan")
    priya = make_person(jordan, "Priya Raman")
    sign_in(page, live_server.url)

    page.goto(f"{live_server.url}/log/?person={priya.pk}")
    page.get_by_label("What did you talk about?").fill(
        "Coffee at Fika. I'll send you the deck tomorrow."
    )
    page.get_by_role("button", name="Log it").last.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Record this?")
    assert not Promise.objects.exists()
    expect(page.get_by_label("Promise")).to_have_value("Send Priya the deck tomorrow")
    page.get_by_role("button", name="Add promise: Send Priya the deck tomorrow").click()
    expect(page).to_have_url(f"{live_server.url}/people/{priya.pk}/")
    expect(page.locator(".messages")).to_contain_text("Added: Send Priya the deck tomorrow")
    assert Promise.objects.get().person_id == priya.pk


@pytest.mark.parametrize("width", [WIDTHS[name][0] for name in AUDIT_WIDTHS])
def test_the_send_actions_and_record_this_pages_are_accessible(
    live_server, transactional_db, browser, width
):
    jordan = make_user("jordan")
    priya = make_person(
        jordan,
        "Priya Raman",
        emails=["priya@example.com"],
        linkedin_url="https://www.linkedin.com/in/priya-raman",
    )
    tom = make_person(jordan, "Tom Baker")
    conversation = log(jordan, [priya, tom], "Tom is hiring. I'll send you the deck.")
    context = browser.new_context(viewport={"width": width, "height": 800}, bypass_csp=True)
    page = context.new_page()
    sign_in(page, live_server.url)
    found: list[str] = []
    for address in (
        f"/compose/?person={priya.pk}&purpose=reconnect",
        f"/log/{conversation.pk}/record",
        f"/sent/{conversation.pk}/undo",
    ):
        page.goto(live_server.url + address)
        _check(page, address, found)
        width_of_page = page.evaluate("document.documentElement.scrollWidth")
        assert width_of_page <= width, f"{address} scrolls sideways at {width} px"
    context.close()
    assert found == [], "\n".join(found)
