"""Removing the demo network from Settings: a confirmation page saying what goes, then the
same removal as `mutuals demo --clear`; only ever your own demo."""

from __future__ import annotations

import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from mutuals.demo.selectors import demo_to_clear
from mutuals.demo.services import clear_demo, has_demo, load_demo
from mutuals.interactions.models import Interaction
from mutuals.people.models import Person
from tests.factories import log, make_person, make_user
from tests.shared_db import shared_transaction


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """Jordan and his demo, loaded once for the class that asks (tests/shared_db.py)."""
    with shared_transaction(django_db_blocker) as making:
        with making():
            jordan = make_user("jordan")
            summary = load_demo(owner=jordan, seed=3)
        yield jordan, summary


def test_settings_offers_the_removal_only_when_the_demo_is_there(jordan_client, jordan):
    assertNotContains(jordan_client.get("/settings/"), "Remove the demo network")
    load_demo(owner=jordan, seed=3)
    assertContains(jordan_client.get("/settings/"), 'href="/settings/demo"')


@pytest.mark.django_db
class TestJordansDemo:
    """Jordan with his demo loaded, once for these; what each writes is rolled back."""

    @pytest.fixture
    def jordan(self, demo):
        """jordan_client signs in as the demo's owner."""
        return demo[0]

    @pytest.fixture
    def jordans_demo(self, demo):
        return demo[1]

    def test_the_confirmation_says_how_many_people_and_conversations_go(
        self, jordan_client, jordans_demo
    ):
        response = jordan_client.get("/settings/demo")
        assertContains(response, f"<li>{jordans_demo.people} people</li>")
        assertContains(response, f"<li>{jordans_demo.interactions} conversations</li>")
        assert has_demo(owner=response.wsgi_request.user)

    def test_removing_keeps_what_you_entered(self, jordan_client, jordan, jordans_demo):
        mine = make_person(jordan, "My Own Friend")
        demo_person = Person.objects.filter(owner=jordan, is_demo=True).first()
        log(jordan, [mine, demo_person], "Lunch with both")
        response = jordan_client.post("/settings/demo")
        assertRedirects(response, "/settings/", fetch_redirect_response=False)
        assert not has_demo(owner=jordan)
        assert list(Person.objects.filter(owner=jordan)) == [mine]
        assert Interaction.objects.get(owner=jordan).summary == "Lunch with both"

    def test_the_count_is_what_removing_removes(self, jordan, jordans_demo):
        mine = make_person(jordan, "My Own Friend")
        demo_person = Person.objects.filter(owner=jordan, is_demo=True).first()
        log(jordan, [mine, demo_person], "Lunch with both")
        log(jordan, [demo_person], "Coffee with a demo person only")
        before = Interaction.objects.filter(owner=jordan).count()
        going = demo_to_clear(owner=jordan)
        assert clear_demo(owner=jordan) == going.people
        assert before - Interaction.objects.filter(owner=jordan).count() == going.interactions

    def test_riley_neither_sees_nor_removes_jordans_demo(self, riley_client, jordan, jordans_demo):
        assertNotContains(riley_client.get("/settings/"), "Remove the demo network")
        assertContains(riley_client.get("/settings/demo"), "nothing to remove")
        riley_client.post("/settings/demo")
        assert Person.objects.filter(owner=jordan, is_demo=True).count() == jordans_demo.people

    def test_signed_out_visitors_are_sent_to_sign_in(self, client, jordans_demo):
        response = client.post("/settings/demo")
        assert response.status_code == 302
        assert "/login" in response["Location"] or "/setup" in response["Location"]
        assert Person.objects.filter(is_demo=True).count() == jordans_demo.people

    def test_other_methods_are_refused(self, jordan_client, jordans_demo):
        assert jordan_client.put("/settings/demo").status_code == 405


def test_without_a_demo_the_page_says_there_is_nothing_to_remove(jordan_client):
    assertContains(jordan_client.get("/settings/demo"), "nothing to remove")
    response = jordan_client.post("/settings/demo", follow=True)
    assertContains(response, "There is no demo network to remove.")
