"""Chromium reports no Content-Security-Policy violation on any page, the API docs included."""

from __future__ import annotations

from django.test import Client

from mutuals.demo import services as demo_services
from tests.deploy.pages import html_pages
from tests.factories import PASSWORD, make_user

# Chromium logs each refused script or style to the console; the event catches the rest
# (a violation in a frame or worker), so either way it reaches the test through the console.
REPORT_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI}`);
});
"""


def test_no_page_and_not_the_api_docs_breaks_the_content_security_policy(
    live_server, transactional_db, page
):
    jordan = make_user("jordan")
    demo_services.load_demo(owner=jordan)
    client = Client()
    client.force_login(jordan)
    addresses = ["/login/", *html_pages(client, jordan), "/api/docs"]
    violations: list[str] = []

    def note_violation(message) -> None:
        if "Content Security Policy" in message.text or "CSP violation" in message.text:
            violations.append(f"{page.url}: {message.text}")

    page.add_init_script(REPORT_VIOLATIONS)
    page.on("console", note_violation)
    page.goto(live_server.url + "/login/")
    page.get_by_label("User name").fill("jordan")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_server.url + "/")

    for address in addresses:
        page.goto(live_server.url + address, wait_until="load")
    page.goto(live_server.url + "/api/docs")
    page.get_by_text("mutuals API").first.wait_for()

    assert violations == []
    assert len(addresses) > 20
