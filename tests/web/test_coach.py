"""The coach's pages: /coach/ (every client, sort, filter, empty state), /coach/clients/<id>/
(exactly what the client shares; 404 when not linked) and the client's own "view as my coach"
page, which is the same page with nothing recorded."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from mutuals.coaching.models import AccessRecord, CoachLink
from mutuals.web.templatetags import coach_nav  # noqa: F401  (signs in with its receiver)
from tests.coach_data import NETWORK_SECRETS, NEVER, PERSON, PLAN_SECRETS, link, planted
from tests.factories import PASSWORD, make_person
from tests.progress_data import talk

pytestmark = pytest.mark.django_db


@pytest.fixture
def casey_client(casey) -> Client:
    client = Client()
    client.login(username="casey", password=PASSWORD)
    return client


def visible(response) -> str:
    return re.sub(r"<[^>]+>", " ", response.content.decode())


def test_the_empty_dashboard_says_how_to_invite_a_client(casey_client):
    response = casey_client.get("/coach/")
    assertContains(response, "No clients yet.")
    assertContains(response, 'href="/coaching/"')


def test_the_dashboard_shows_each_client_with_counts_charts_and_flags(casey_client, casey, jordan):
    link(casey, jordan, level="network")
    planted(jordan, timezone.localdate())
    response = casey_client.get("/coach/")
    assertContains(response, ">jordan</a>")
    assertContains(response, f'href="/coach/clients/{jordan.pk}/"')
    assertContains(response, "3 asks and no gives in 30 days")
    assertContains(response, "Applied: 1")
    assertContains(response, 'class="goal-chart"', count=2)
    for secret in (*PLAN_SECRETS, *NETWORK_SECRETS, *NEVER):
        assertNotContains(response, secret)


def test_the_dashboard_filters_flagged_clients(casey_client, casey, jordan, riley):
    link(casey, jordan)
    link(casey, riley)
    planted(jordan, timezone.localdate())
    talk(riley, [make_person(riley)], timezone.localdate())
    response = casey_client.get("/coach/", {"flagged": "1"})
    assertContains(response, ">jordan</a>")
    assertNotContains(response, ">riley</a>")


def test_no_flagged_client_says_so_and_links_back(casey_client, casey, jordan):
    link(casey, jordan)
    talk(jordan, [make_person(jordan)], timezone.localdate())
    response = casey_client.get("/coach/", {"flagged": "1"})
    assertContains(response, "No client is flagged")


def test_an_unknown_sort_falls_back_to_names(casey_client, casey, jordan):
    link(casey, jordan)
    assert casey_client.get("/coach/", {"sort": "salary"}).status_code == 200


def test_the_nav_offers_clients_to_a_coach_from_sign_in(casey, jordan, jordan_client):
    link(casey, jordan)
    coach = Client()
    coach.login(username="casey", password=PASSWORD)
    assertContains(coach.get("/progress/"), 'href="/coach/"')
    assertNotContains(jordan_client.get("/progress/"), 'href="/coach/"')


def test_opening_the_clients_page_shows_the_nav_link_at_once(casey_client, casey, jordan):
    assertNotContains(casey_client.get("/progress/"), 'href="/coach/"')
    link(casey, jordan)
    casey_client.get("/coach/")
    assertContains(casey_client.get("/progress/"), 'href="/coach/"')


def test_the_nav_link_costs_no_query_on_a_page(jordan_client, django_assert_num_queries):
    jordan_client.get("/coach/")
    with django_assert_num_queries(3):  # the session, the user and the links: none for the nav
        jordan_client.get("/coach/")


@pytest.mark.parametrize("level", ["progress", "plan", "network"])
def test_a_clients_page_shows_exactly_their_level(casey_client, casey, jordan, level):
    link(casey, jordan, level=level)
    planted(jordan, timezone.localdate())
    response = casey_client.get(f"/coach/clients/{jordan.pk}/")
    assert response.status_code == 200
    text = visible(response)
    for secret in NEVER:
        assert secret not in text
    for secret in PLAN_SECRETS:
        assert (secret in text) is (level != "progress"), secret
    for secret in NETWORK_SECRETS:
        assert (secret in text) is (level == "network"), secret


def test_opening_a_client_is_recorded_for_them(casey_client, casey, jordan):
    link(casey, jordan, level="plan")
    casey_client.get(f"/coach/clients/{jordan.pk}/")
    assert set(AccessRecord.objects.values_list("client_id", "what")) == {
        (jordan.pk, "progress"),
        (jordan.pk, "today's plan and leads"),
        (jordan.pk, "assignments"),  # the assignments section the coach set
    }


def test_a_client_not_linked_is_404_like_no_such_user(casey_client, casey, jordan, riley):
    link(casey, jordan, state=CoachLink.ENDED)
    assert casey_client.get(f"/coach/clients/{jordan.pk}/").status_code == 404
    assert casey_client.get(f"/coach/clients/{riley.pk}/").status_code == 404
    assert casey_client.get("/coach/clients/999999/").status_code == 404
    assert not AccessRecord.objects.exists()


def test_riley_gets_404_on_jordans_coach_link_and_client_page(riley_client, casey, jordan):
    mine = link(casey, jordan, level="network")
    assert riley_client.get(f"/coaching/as-coach/{mine.pk}/").status_code == 404
    assert riley_client.get(f"/coach/clients/{jordan.pk}/").status_code == 404


def test_view_as_my_coach_is_the_same_page_and_records_nothing(
    casey_client, casey, jordan, jordan_client
):
    mine = link(casey, jordan, level="plan")
    planted(jordan, timezone.localdate())
    as_client = jordan_client.get(f"/coaching/as-coach/{mine.pk}/")
    assertContains(as_client, "What casey sees")
    assert not AccessRecord.objects.exists()
    as_coach = casey_client.get(f"/coach/clients/{jordan.pk}/")
    assertContains(as_client, PERSON)
    shared = _main(as_client).split("Shared at", 1)[1]
    # The coach's page adds the assignments they set, below what the client shares.
    seen = _main(as_coach).split("Shared at", 1)[1].split('<section class="card assignments-coach"')
    assert shared.strip() == seen[0].strip()


def test_view_as_my_coach_of_an_ended_link_is_404(jordan_client, casey, jordan):
    ended = link(casey, jordan, state=CoachLink.ENDED)
    assert jordan_client.get(f"/coaching/as-coach/{ended.pk}/").status_code == 404


def test_a_coach_cannot_open_the_clients_view_as_coach_page(casey_client, casey, jordan):
    mine = link(casey, jordan)
    assert casey_client.get(f"/coaching/as-coach/{mine.pk}/").status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, casey, jordan):
    link(casey, jordan)
    for address in ("/coach/", f"/coach/clients/{jordan.pk}/"):
        response = client.get(address)
        assert response.status_code == 302
        assert "/login" in response["Location"]


def _main(response) -> str:
    html = response.content.decode()
    return html[html.index("<main") : html.index("</main>")]


def _many_clients(coach, count):
    from tests.factories import make_user

    return [link(coach, make_user(f"client{n:02d}")).client for n in range(count)]


def test_the_dashboard_shows_25_clients_a_page_with_links_between_pages(casey_client, casey):
    _many_clients(casey, 27)
    first = casey_client.get("/coach/", {"sort": "activity"})
    assertContains(first, 'class="card coach-client"', count=25)
    assertContains(first, "Clients 1 to 25 of 27, page 1 of 2")
    assertContains(first, 'href="?sort=activity&amp;page=2"')
    assertNotContains(first, 'rel="prev"')
    second = casey_client.get("/coach/", {"sort": "activity", "page": "2"})
    assertContains(second, 'class="card coach-client"', count=2)
    assertContains(second, 'href="?sort=activity&amp;page=1"')
    assertContains(second, '<span class="visually-hidden"> clients</span>')


def test_a_page_that_is_not_a_number_is_the_first_and_one_too_far_the_last(casey_client, casey):
    _many_clients(casey, 26)
    assertContains(casey_client.get("/coach/", {"page": "x"}), "page 1 of 2")
    assertContains(casey_client.get("/coach/", {"page": "99"}), "page 2 of 2")
    assertContains(casey_client.get("/coach/", {"page": "-1"}), "page 1 of 2")


def test_only_the_clients_on_the_page_shown_are_recorded(casey_client, casey):
    clients = _many_clients(casey, 26)
    casey_client.get("/coach/", {"page": "2"})
    assert list(AccessRecord.objects.values_list("client_id", flat=True)) == [clients[-1].pk]


def test_one_page_of_clients_shows_no_page_links(casey_client, casey, jordan):
    link(casey, jordan)
    response = casey_client.get("/coach/")
    assertNotContains(response, 'aria-label="Pages of clients"')
    assertNotContains(response, "page 1 of 1")


def test_riley_sees_none_of_caseys_clients_on_any_page(riley_client, casey):
    _many_clients(casey, 26)
    for page in ("1", "2"):
        response = riley_client.get("/coach/", {"page": page, "sort": "flags"})
        assertContains(response, "No clients yet.")
        assertNotContains(response, "client0")
    assert not AccessRecord.objects.exists()
