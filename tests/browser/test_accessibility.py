"""axe-core finds no accessibility violation on any page, on a 375 px phone and at 1280 px.

A phone and a desktop are sent the same page: only mutuals.css's media queries lay it out
differently, and mostly by reflowing it (columns stack, rows become cards). Every page is audited
as the test's browser shows it (on a phone, here); where a page has a part laid out differently
at the other width (`DESKTOP_PARTS`: a table's header row, the leads board's columns, a draft
beside its review, the map's whole names), the same page is audited again at that width. The
menu, which a phone keeps closed, is audited open on a desktop (on Today). Auditing every page at
both widths audited the same page twice over: a fifth of all the browser tests' time.

axe-core comes from npm, pinned (`make axe`, run by the test targets, puts it in .venv/axe).
It is injected into each page with Playwright. The app's Content-Security-Policy allows only
its own scripts, so this test's browser context alone uses Playwright's `bypass_csp`: the page
is otherwise the one users get (test_content_security_policy.py checks the policy itself).

Pages are those the app's URL patterns answer with HTML for the demo's owner (found, not
listed, so a new page is checked too), plus what only a form or a state shows: the first-run
setup page, sign-in, password reset, a match with results, a reviewed draft, a warm-path
search, an import report, and the map filtered.
"""

from __future__ import annotations

import json
import re
import weakref
from pathlib import Path

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.test import Client
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from mutuals.demo import services as demo_services
from mutuals.imports.services import import_file
from mutuals.people.models import Person
from tests.deploy.pages import html_pages
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / ".venv/axe/node_modules/axe-core/axe.min.js"
AXE_VERSION = re.search(r"^AXE_VERSION := (\S+)$", (ROOT / "Makefile").read_text(), re.M)[1]
TAGS = ["wcag2a", "wcag2aa", "best-practice"]
WIDTHS = {"desktop": (1280, 900), "phone": (375, 800)}
# The flows audit their pages at this width, and `_check` at the other too where they differ.
AUDIT_WIDTHS = ("phone",)
PHONE_UP_TO = 600  # px: narrower is a phone (mutuals.css switches at 40rem, 640 px)

# The parts of a page that a desktop lays out differently from a phone, beyond reflowing them
# (test_every_part_laid_out_differently_on_a_desktop_is_audited_there reads mutuals.css).
DESKTOP_PARTS = {
    "people-table": "a table's header row, hidden on a phone (its cards carry the labels)",
    "board": "the leads board: stages side by side, not one under the other",
    "draft-review": "a draft beside its review, not above it",
    "map-names-wide": "the network map's whole names (initials on a phone)",
}
# Parts that a phone only reflows (the same words, colours and order, stacked or narrower),
# and the menu, audited open on a desktop on Today.
REFLOWED_ONLY = {
    "columns",
    "item",
    "item-main",
    "item-match",
    "finding",
    "facts",
    "map-names-phone",
    "draft-outreach",
    "menu-button",
    "site-nav",
    "link-button",
    "js",
}

# (address prefix, rule id) pairs still to fix, each with why. Empty when every page is clean.
ALLOWED: set[tuple[str, str]] = set()

CONTACTS_VCF = (
    b"BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Imani Achterberg\r\nN:Achterberg;Imani;;;\r\n"
    b"EMAIL:imani@example.org\r\nORG:Copperleaf Systems\r\nEND:VCARD\r\n"
)
POSTING = "Backend engineer, Python and PostgreSQL, at a payments start-up in Oslo."
DRAFT = "Hi Rosa, it has been a while! I would love to hear how the new job is going."


_AXE_CONTEXTS: weakref.WeakSet = weakref.WeakSet()


def _axe_script() -> Path:
    if not AXE.exists():
        pytest.fail("axe-core is not installed: run `make axe` (npm install of axe-core).")
    return AXE


def differs_on_a_desktop(page) -> bool:
    """Whether the page has a part that a desktop lays out differently from a phone."""
    parts = ", ".join(f".{name}" for name in DESKTOP_PARTS)
    return bool(page.evaluate("parts => document.querySelector(parts) !== null", parts))


def _check(page, address: str, found: list[str]) -> None:
    """Run axe on the page as it is now and, if it has a part laid out differently at the other
    width, on the same page at that width; add each violation as a line to `found`."""
    _audit(page, address, found)
    if not differs_on_a_desktop(page):
        return
    size = page.viewport_size
    other = "desktop" if size["width"] <= PHONE_UP_TO else "phone"
    width, height = WIDTHS[other]
    page.set_viewport_size({"width": width, "height": height})
    try:
        _audit(page, f"{address} [{other}]", found)
    finally:
        page.set_viewport_size(size)


def _audit(page, address: str, found: list[str]) -> None:
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(_axe_script()))
        # The context's later pages get axe as they load: its half a megabyte crosses from
        # the test to the browser once, not once a page (an eighth of a second each).
        if page.context not in _AXE_CONTEXTS:
            page.context.add_init_script(path=str(_axe_script()))
            _AXE_CONTEXTS.add(page.context)
    options = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
    results = page.evaluate("options => axe.run(document, options)", options)
    assert results["testEngine"]["version"] == AXE_VERSION
    for violation in results["violations"]:
        if any(address.startswith(p) and violation["id"] == r for p, r in ALLOWED):
            continue
        for node in violation["nodes"][:3]:
            found.append(
                f"{address}: {violation['id']} ({violation['impact']}) at "
                f"{json.dumps(node['target'])}: {node['html'][:160]}"
            )


def _new_context(browser, width_name: str):
    width, height = WIDTHS[width_name]
    context = browser.new_context(
        viewport={"width": width, "height": height},
        is_mobile=width <= PHONE_UP_TO,
        bypass_csp=True,  # only here: lets axe-core's script in; see the module docstring
    )
    context.set_default_timeout(15_000)
    return context


@pytest.fixture
def axe_context(browser, request):
    context = _new_context(browser, request.param)
    yield context
    context.close()


@pytest.fixture
def axe_pages(browser):
    """A page at each width, each in a context of its own (its own cookies)."""
    contexts = {name: _new_context(browser, name) for name in WIDTHS}
    yield {name: context.new_page() for name, context in contexts.items()}
    for context in contexts.values():
        context.close()


def test_every_part_laid_out_differently_on_a_desktop_is_audited_there():
    """Each class that mutuals.css lays out by screen width is named above: either audited at
    both widths, or reflowed only. A new one must be sorted into one or the other."""
    css = (ROOT / "src/mutuals/web/static/web/mutuals.css").read_text("utf-8")
    by_width = re.findall(r"@media \((?:max|min)-width[^{]*\{((?:[^{}]*\{[^{}]*\})+)", css)
    selectors = [re.sub(r"\{[^{}]*\}", ",", block) for block in by_width]
    classes = set(re.findall(r"\.([a-z][a-z0-9-]*)", " ".join(selectors)))
    assert classes, "no width-dependent rule found in mutuals.css: the pattern is out of date"
    assert classes - set(DESKTOP_PARTS) - REFLOWED_ONLY == set()
    assert set(DESKTOP_PARTS) <= classes, "a part no longer laid out by width: drop it"


def _whole_page(client: Client, address: str) -> bool:
    """A page, not a fragment that htmx swaps into one (those are checked where they land)."""
    return client.get(address).content.lstrip()[:15].lower() == b"<!doctype html>"


def _submit_first_form_with_textarea(page, text: str) -> None:
    area = page.locator("main form textarea").first
    area.fill(text)
    with page.expect_navigation():
        area.evaluate("area => area.form.requestSubmit()")


def _sign_in(page, url: str) -> None:
    page.goto(url + "/login/")
    page.get_by_label("User name").fill("jordan")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(url + "/")


def test_axe_finds_no_violation_on_any_page(live_server, transactional_db, settings, axe_pages):
    """Each page at both widths, the records made once (a demo network is most of the cost)."""
    settings.MUTUALS_SMTP_HOST = "smtp.example.org"  # so sign-in offers, and has, a reset page
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    found: list[str] = []
    url = live_server.url

    phone = axe_pages["phone"]

    def check(address: str) -> None:
        phone.goto(url + address, wait_until="load")
        _check(phone, address, found)

    check("/setup/")  # no user yet: the first-run page

    jordan = make_user("jordan")
    jordan.email = "jordan@example.org"
    jordan.save()
    demo_services.load_demo(owner=jordan)
    run = import_file(owner=jordan, kind="vcard", data=CONTACTS_VCF, filename="contacts.vcf")
    assert run["errors"] == []
    uid = urlsafe_base64_encode(force_bytes(jordan.pk))
    token = default_token_generator.make_token(jordan)
    for address in (
        "/login/",
        "/password-reset/",
        "/password-reset/sent",
        f"/password-reset/{uid}/{token}/",
        "/password-reset/done",
    ):
        check(address)

    client = Client()
    client.force_login(jordan)
    jordan_person = Person.objects.filter(owner=jordan, tier="inner").first()
    addresses = [a for a in html_pages(client, jordan) if _whole_page(client, a)]
    addresses += [
        "/network/?kind=company&q=Copperleaf&mode=intro&k=5",
        f"/network/map?around={jordan_person.pk}&zoom=2",
        "/network/map?links=on&zoom=3",
        "/network/map?organization=nowhere",
    ]
    for page in axe_pages.values():
        _sign_in(page, url)
    for address in addresses:
        check(address)
    desktop = axe_pages["desktop"]
    desktop.goto(url + "/", wait_until="load")
    _check(desktop, "/ (the menu open) [desktop]", found)

    phone.goto(url + "/match/")
    _submit_first_form_with_textarea(phone, POSTING)
    _check(phone, "/match/ (results)", found)
    phone.goto(url + "/compose/")
    _submit_first_form_with_textarea(phone, DRAFT)
    _check(phone, "/compose/ (reviewed)", found)

    assert len(addresses) > 25
    assert found == [], "\n".join(found)


@pytest.mark.parametrize("axe_context", ["phone"], indirect=True)
def test_axe_reports_a_real_violation(axe_context):
    page = axe_context.new_page()
    page.set_content('<html lang="en"><body><main><img src="x.png"></main></body></html>')
    found: list[str] = []
    _check(page, "/broken", found)
    assert any("image-alt" in line for line in found)


@pytest.mark.parametrize("axe_context", ["phone"], indirect=True)
def test_a_part_laid_out_differently_on_a_desktop_is_audited_at_desktop_width(axe_context):
    """The header row of a people table is hidden on a phone; pale on a desktop, it is found."""
    page = axe_context.new_page()
    page.set_content(
        '<html lang="en"><head><title>t</title>'
        '<meta name="viewport" content="width=device-width, initial-scale=1"><style>'
        "thead { display: none; } th { color: #ddd; background: #fff; }"
        "@media (min-width: 40rem) { thead { display: table-header-group; } }"
        '</style></head><body><main><h1>People</h1><table class="people-table">'
        "<thead><tr><th>Name</th></tr></thead><tbody><tr><td>Rosa</td></tr></tbody>"
        "</table></main></body></html>"
    )
    found: list[str] = []
    _check(page, "/pale-header", found)
    assert [line.split(":")[0] for line in found] == ["/pale-header [desktop]"]
    assert "color-contrast" in found[0]
    assert page.viewport_size["width"] == WIDTHS["phone"][0]


def test_the_phone_menu_reaches_import_and_export(live_server, transactional_db, phone):
    make_user("jordan")
    phone.goto(live_server.url + "/login/")
    phone.get_by_label("User name").fill("jordan")
    phone.get_by_label("Password").fill(PASSWORD)
    phone.get_by_role("button", name="Sign in").click()
    phone.wait_for_url(live_server.url + "/")
    phone.get_by_role("button", name="Menu").click()
    phone.get_by_role("link", name="Import", exact=True).click()
    phone.wait_for_url(live_server.url + "/import/")
    phone.get_by_role("button", name="Menu").click()
    current = phone.get_by_role("navigation", name="Main").locator('[aria-current="page"]')
    assert current.inner_text() == "Import"
    phone.get_by_role("link", name="Export", exact=True).click()
    phone.wait_for_url(live_server.url + "/export/")
