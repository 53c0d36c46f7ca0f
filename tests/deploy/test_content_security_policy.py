"""Every response carries a strict Content-Security-Policy, and every page keeps to it: no
style attribute, and no inline script or style without the response's own nonce. (The
browser test in tests/browser/test_content_security_policy.py proves Chromium agrees.)"""

from __future__ import annotations

import re

import pytest
from django.test import Client

from mutuals.accounts import services as account_services
from mutuals.demo import services as demo_services
from tests.deploy.pages import html_answers
from tests.factories import PASSWORD, make_user
from tests.shared_db import shared_transaction

NONCE = re.compile(r"'nonce-([^']+)'")
TAG = re.compile(r"<(script|style)\b([^>]*)>", re.I)

pytestmark = pytest.mark.django_db


def policy(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return dict(part.strip().split(" ", 1) for part in header.split(";"))


@pytest.fixture(scope="class")
def demo_answers(django_db_setup, django_db_blocker):
    """The pages found for Jordan with the demo, with their answers, and the API docs' and the
    sign-in page's answers, made once for the class that asks (tests/shared_db.py)."""
    with shared_transaction(django_db_blocker) as making:
        with making():
            jordan = make_user("jordan")
            demo_services.load_demo(owner=jordan)
            client = Client()
            client.force_login(jordan)
            answers = html_answers(client, jordan)
            extras = {address: client.get(address) for address in ("/api/docs", "/login/")}
        yield answers, extras


def test_the_policy_allows_scripts_and_styles_only_from_the_site_or_with_the_nonce(client):
    directives = policy(client.get("/login/"))

    nonce = NONCE.search(directives["script-src"]).group(1)
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == f"'self' 'nonce-{nonce}'"
    assert directives["style-src"] == f"'self' 'nonce-{nonce}'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"


def test_each_response_gets_a_fresh_nonce(client):
    first = client.get("/login/")["Content-Security-Policy"]
    second = client.get("/login/")["Content-Security-Policy"]

    assert NONCE.search(first).group(1) != NONCE.search(second).group(1)


def test_the_api_and_static_files_carry_the_policy_too(client):
    for address in ("/api/openapi.json", "/static/web/mutuals.css"):
        assert "default-src 'self'" in client.get(address)["Content-Security-Policy"]


class TestTheDemoPages:
    """The demo's pages, found and answered once for these."""

    @pytest.fixture
    def demo_pages(self, demo_answers):
        return demo_answers[0]

    @pytest.fixture
    def answers(self, demo_answers):
        """Each page's answer, then the API docs' and the sign-in page's."""
        return demo_answers[0] | demo_answers[1]

    def test_the_walk_finds_the_pages_of_every_part_of_the_app(self, demo_pages):
        found = {address.split("/")[1] for address in demo_pages}

        assert {"", "people", "log", "promises", "needs", "network", "settings"} <= found
        assert any(re.fullmatch(r"/people/\d+/", address) for address in demo_pages)

    def test_no_page_has_a_style_attribute(self, demo_pages):
        offending = [a for a, answer in demo_pages.items() if " style=" in answer.text]

        assert offending == []

    def test_every_inline_script_or_style_on_every_page_carries_the_responses_nonce(self, answers):
        offending = []
        for address, response in answers.items():
            nonce = NONCE.search(response["Content-Security-Policy"]).group(1)
            for tag, attributes in TAG.findall(response.text):
                inline = tag.lower() == "style" or "src=" not in attributes
                data_only = 'type="application/json"' in attributes
                if inline and not data_only and f'nonce="{nonce}"' not in attributes:
                    offending.append((address, f"<{tag}{attributes}>"))

        assert offending == []


@pytest.fixture
def admin_pages(db):
    """The admin site's index, each registered model's list, one change form and the add form,
    as the owner (a superuser) sees them."""
    owner = account_services.create_owner(username="olive", password=PASSWORD)
    client = Client()
    client.force_login(owner)
    index = client.get("/admin/")
    lists = sorted(set(re.findall(r'href="(/admin/\w+/\w+/)"', index.text)))
    pages = ["/admin/", *lists]
    for address in lists:
        change = re.search(rf'href="({address}\d+/change/)"', client.get(address).text)
        pages.extend([change.group(1)] if change else [])
    pages.append("/admin/auth/user/add/")
    return client, pages


def test_the_admin_keeps_to_the_policy_too(admin_pages):
    client, pages = admin_pages
    offending = []
    for address in pages:
        response = client.get(address)
        assert response.status_code == 200, address
        nonce = NONCE.search(response["Content-Security-Policy"]).group(1)
        if " style=" in response.text:
            offending.append((address, "style attribute"))
        for tag, attributes in TAG.findall(response.text):
            inline = tag.lower() == "style" or "src=" not in attributes
            data_only = 'type="application/json"' in attributes
            if inline and not data_only and f'nonce="{nonce}"' not in attributes:
                offending.append((address, f"<{tag}{attributes}>"))

    assert "/admin/auth/user/" in pages
    assert any(address.endswith("/change/") for address in pages)
    assert offending == []
