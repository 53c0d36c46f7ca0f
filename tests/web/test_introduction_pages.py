"""Introduction pages: dates as the rest of the site writes them, buttons that say who did
what, a preview that never puts the CSRF token in an address, and the step's message sendable."""

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from mutuals.interactions.models import Interaction
from mutuals.network import introductions as intro_services
from mutuals.network.models import Introduction
from tests.factories import make_orion, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def orion(jordan):
    bruce, _, alice = make_orion(jordan, cleo_knows_alice=None)
    return bruce, alice


def requested(owner, bruce, alice):
    return intro_services.request_introduction(
        owner=owner, introducer_id=bruce.pk, target_id=alice.pk, reason="hiring"
    )


def test_steps_show_dates_like_the_rest_of_the_site(jordan_client, jordan, orion):
    intro = requested(jordan, *orion)
    page = jordan_client.get(f"/introductions/{intro.pk}/")
    today = timezone.localdate()
    assertContains(page, f'<time datetime="{today.isoformat()}">today')
    assertContains(page, today.strftime("%-d %b %Y"))
    assertNotContains(page, today.strftime("%b. %-d, %Y"))


def test_the_list_shows_dates_like_the_rest_of_the_site(jordan_client, jordan, orion):
    requested(jordan, *orion)
    page = jordan_client.get("/introductions/")
    assertContains(page, f'since <time datetime="{timezone.localdate().isoformat()}">')


def test_buttons_name_who_did_what_for_an_introduction_you_asked_for(jordan_client, jordan, orion):
    intro = requested(jordan, *orion)
    page = jordan_client.get(f"/introductions/{intro.pk}/")
    for label in (
        "Bruce asked Alice",
        "Alice said yes",
        "Alice said no",
        "Bruce introduced me to Alice",
    ):
        assertContains(page, f">{label}</button>")
    assertNotContains(page, "They asked them")
    assertNotContains(page, "They said yes")


def test_buttons_name_who_for_an_introduction_you_make(jordan_client, jordan):
    sam, tom = make_person(jordan, "Sam Lee"), make_person(jordan, "Tom Baker")
    intro = intro_services.offer_introduction(
        owner=jordan, seeker_id=sam.pk, target_id=tom.pk, reason=""
    )
    page = jordan_client.get(f"/introductions/{intro.pk}/")
    assertContains(page, ">I asked Sam</button>")
    assertContains(page, ">Sam said yes</button>")
    assertContains(page, ">I introduced Sam to Tom</button>")


def test_moving_it_on_says_who_did_what(jordan_client, jordan, orion):
    intro = requested(jordan, *orion)
    response = jordan_client.post(
        f"/introductions/{intro.pk}/move", {"status": "asked"}, follow=True
    )
    assertContains(response, "Noted: Bruce asked Alice.")


def test_update_the_message_posts_and_records_nothing(jordan_client, jordan, orion):
    bruce, alice = orion
    page = jordan_client.get("/introductions/new", {"introducer": bruce.pk, "target": alice.pk})
    assertNotContains(page, 'formmethod="get"')
    assertContains(page, '<button type="submit" name="preview" value="1" class="button">')
    response = jordan_client.post(
        "/introductions/new",
        {"introducer": bruce.pk, "target": alice.pk, "reason": "the data team", "preview": "1"},
    )
    assert response.status_code == 200
    assertContains(response, "to hear about the data team")
    assert not Introduction.objects.exists()


def test_the_preview_can_be_copied_but_not_logged_as_sent(jordan_client, jordan, orion):
    bruce, alice = orion
    page = jordan_client.get("/introductions/new", {"introducer": bruce.pk, "target": alice.pk})
    assertContains(page, 'data-copy="draft-text"')
    assertNotContains(page, "I sent it")


def test_the_steps_message_can_be_sent_and_logged_from_its_page(jordan_client, jordan, orion):
    bruce, alice = orion
    intro = requested(jordan, bruce, alice)
    page = jordan_client.get(f"/introductions/{intro.pk}/")
    assertContains(page, 'data-copy="draft-text"')
    assertContains(page, '<input type="hidden" name="purpose" value="intro-request">', html=True)
    text = page.context["step"].draft.text
    response = jordan_client.post(
        "/compose/sent",
        {
            "to": bruce.full_name,
            "person": bruce.pk,
            "text": text,
            "purpose": "intro-request",
            "channel": "linkedin",
            "next": f"/introductions/{intro.pk}/",
        },
        follow=True,
    )
    assert response.redirect_chain[-1][0] == f"/introductions/{intro.pk}/"
    interaction = Interaction.objects.latest("id")
    assert (interaction.kind, interaction.occurred_on) == ("message", timezone.localdate())
    assert interaction.summary.startswith("Introduction request: ")
