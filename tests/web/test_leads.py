"""The leads pages: the board, a lead's page, adding one by hand, from a posting or from a
conversation, moving it, its people, deleting it; and Riley never reaches Jordan's leads."""

from __future__ import annotations

import datetime as dt

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from mutuals.leads import selectors
from mutuals.leads import services as leads
from mutuals.leads.models import Lead
from mutuals.people.models import Person
from tests.factories import log, make_orion, make_person

POSTING = """Senior Data Engineer
Orion · Portland, OR (Hybrid)

About the job
Orion is hiring a Senior Data Engineer to build our data platform with the analytics team.
"""


@pytest.fixture
def lead(jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    return leads.create_lead(
        owner=jordan,
        title="Data Engineer",
        organization="Orion",
        people=[(rosa.pk, "mentioned")],
    )


def test_the_board_shows_each_stage_and_the_lead_in_its_column(jordan_client, lead):
    response = jordan_client.get("/leads/")
    assertContains(response, "Introduction asked")
    assertContains(response, "Data Engineer")
    assertContains(response, "Rosa Núñez")
    assert response.context["columns"][0].leads == [lead]


def test_an_empty_board_says_what_to_do(jordan_client):
    assertContains(jordan_client.get("/leads/"), "add it as a lead")


def test_a_card_moves_with_its_select_and_button(jordan_client, lead):
    response = jordan_client.post(
        f"/leads/{lead.pk}/move", {"stage": "exploring", "next": "/leads/"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/leads/"
    assert Lead.objects.get(pk=lead.pk).stage == "exploring"


def test_closing_without_a_reason_changes_nothing_and_goes_to_the_lead(jordan_client, lead):
    response = jordan_client.post(f"/leads/{lead.pk}/move", {"stage": "closed", "next": "/leads/"})
    assert response["Location"] == f"/leads/{lead.pk}/"
    assert Lead.objects.get(pk=lead.pk).stage == "heard"
    assertContains(jordan_client.get(response["Location"]), "Say why you are closing it")


def test_the_lead_page_shows_its_timeline_people_and_organisation(jordan_client, lead):
    leads.move_lead(owner=lead.owner, lead_id=lead.pk, stage="applied")
    response = jordan_client.get(f"/leads/{lead.pk}/")
    assertContains(response, "Rosa Núñez: mentioned it")
    assertContains(response, "Applied")
    assertContains(response, f'href="/orgs/{lead.organization_id}/"')


def test_adding_a_lead_by_hand_with_who_mentioned_it(jordan_client, jordan):
    make_person(jordan, "Bruce Wayne")
    data = {
        "title": "Designer",
        "organization": "Acme",
        "stage": "heard",
        "person": "Bruce",
        "role": "mentioned",
    }
    response = jordan_client.post("/leads/new", data)
    lead = Lead.objects.get(owner=jordan)
    assert response["Location"] == f"/leads/{lead.pk}/"
    assert [link.person.full_name for link in lead.people.all()] == ["Bruce Wayne"]


def test_a_lead_with_neither_role_nor_organisation_is_refused_by_its_field(jordan_client, jordan):
    response = jordan_client.post("/leads/new", {"stage": "heard", "role": "mentioned"})
    assertContains(response, "Say what the lead is")
    assert not Lead.objects.exists()


def test_an_unknown_person_is_named_and_nothing_is_saved(jordan_client, jordan):
    data = {"title": "Designer", "stage": "heard", "person": "Nobody Here", "role": "mentioned"}
    assertContains(jordan_client.post("/leads/new", data), "Nobody called")
    assert not Lead.objects.exists()


def test_a_conversation_prefills_the_lead(jordan_client, jordan):
    rosa = make_person(jordan, "Rosa Núñez")
    talk = log(jordan, rosa, "She said Orion is hiring")
    response = jordan_client.get(f"/leads/new?interaction={talk.pk}")
    assertContains(response, 'value="Rosa Núñez"')
    assertContains(response, "She said Orion is hiring")
    data = {
        "organization": "Orion",
        "stage": "heard",
        "person": "Rosa",
        "role": "mentioned",
        "interaction": talk.pk,
    }
    jordan_client.post("/leads/new", data)
    lead = Lead.objects.get(owner=jordan)
    assert (lead.source, lead.conversation_id) == ("conversation", talk.pk)


def test_pasting_a_posting_shows_the_people_there_and_a_warm_path(jordan_client, jordan):
    make_orion(jordan)
    response = jordan_client.post("/leads/posting", {"posting": POSTING})
    assertContains(response, 'value="Senior Data Engineer"')
    assertContains(response, 'value="Orion"')
    assertContains(response, 'value="Portland, OR"')
    assertContains(response, "Alice Oduya")
    assertContains(response, "Bruce Wayne")  # the warm path: you → Bruce → Alice
    assert not Lead.objects.exists()


def test_confirming_a_posting_saves_the_lead_with_its_text(jordan_client, jordan):
    make_orion(jordan)
    data = {
        "title": "Senior Data Engineer",
        "organization": "Orion",
        "location": "Portland, OR",
        "stage": "heard",
        "role": "can_help",
        "posting": POSTING,
    }
    response = jordan_client.post("/leads/posting", data)
    lead = Lead.objects.get(owner=jordan)
    assert response["Location"] == f"/leads/{lead.pk}/"
    assert (lead.source, lead.organization.name) == ("posting", "Orion")
    assert "Orion is hiring" in lead.source_text


def test_adding_and_removing_a_person_on_the_lead_page(jordan_client, jordan, lead):
    bruce = make_person(jordan, "Bruce Wayne")
    jordan_client.post(f"/leads/{lead.pk}/people", {"person": "Bruce", "role": "referrer"})
    assert {link.person_id: link.role for link in lead.people.all()}[bruce.pk] == "referrer"
    jordan_client.post(f"/leads/{lead.pk}/people/{bruce.pk}/remove")
    assert bruce.pk not in [link.person_id for link in lead.people.all()]


def test_deleting_asks_first_then_deletes(jordan_client, lead):
    assertContains(jordan_client.get(f"/leads/{lead.pk}/delete"), "Delete this lead?")
    assert Lead.objects.filter(pk=lead.pk).exists()
    assert jordan_client.post(f"/leads/{lead.pk}/delete")["Location"] == "/leads/"
    assert not Lead.objects.filter(pk=lead.pk).exists()


def test_a_stage_page_lists_every_lead_there(jordan_client, lead):
    assertContains(jordan_client.get("/leads/stage/heard/"), "Data Engineer")


@pytest.mark.parametrize("count", [3, 30])
def test_the_board_reads_a_fixed_number_of_queries(
    jordan_client, jordan, count, django_assert_num_queries
):
    rosa, sam = make_person(jordan, "Rosa Núñez"), make_person(jordan, "Sam Ortiz")
    for n in range(count):
        leads.create_lead(
            owner=jordan,
            title=f"Role {n}",
            organization=f"Org {n}",
            stage=("heard", "exploring", "applied")[n % 3],
            people=[(rosa.pk, "mentioned"), (sam.pk, "can_help")],
        )
    jordan_client.get("/leads/")  # the first request of a client also checks for a first run
    # session, user, how many leads at each stage, the most recent of each stage (with their
    # organisation), the names of their people
    with django_assert_num_queries(5):
        response = jordan_client.get("/leads/")
    assert sum(len(column.leads) for column in response.context["columns"]) == min(count, 30)
    assertContains(response, '<p class="lead-people">Rosa Núñez, Sam Ortiz</p>', count=count)


def test_each_column_shows_its_twelve_most_recent_leads(jordan_client, jordan):
    day = dt.date(2026, 3, 1)
    made = [
        leads.create_lead(owner=jordan, title=f"Role {n}", today=day + dt.timedelta(days=n % 5))
        for n in range(15)
    ]
    leads.create_lead(owner=jordan, title="Applied one", stage="applied", today=day)
    [heard] = [c for c in jordan_client.get("/leads/").context["columns"] if c.stage == "heard"]
    newest = sorted(made, key=lambda lead: (lead.stage_on, lead.pk), reverse=True)[:12]
    assert [lead.pk for lead in heard.leads] == [lead.pk for lead in newest]
    assert (heard.count, heard.more) == (15, 3)


def test_the_board_and_a_stage_page_show_none_of_rileys_leads(jordan_client, jordan, riley):
    leads.create_lead(owner=jordan, title="Jordan's role")
    leads.create_lead(owner=riley, title="Riley's role", organization="Riley Org")
    for address in ("/leads/", "/leads/stage/heard/"):
        response = jordan_client.get(address)
        assertContains(response, "Jordan&#x27;s role")
        assertNotContains(response, "Riley")


def test_a_card_moves_its_lead_through_its_own_form(jordan_client, lead):
    response = jordan_client.get("/leads/?stage=x")
    move = f'action="/leads/{lead.pk}/move" class="lead-move"'
    assertContains(response, move, count=1)
    assertContains(response, '<input type="hidden" name="next" value="/leads/?stage=x">')
    assertContains(response, '<option value="warm_path">', count=1)
    token = response.context["csrf_token"]
    assertContains(response, f'name="csrfmiddlewaretoken" value="{token}"')
    moved = jordan_client.post(
        f"/leads/{lead.pk}/move", {"stage": "warm_path", "next": "/leads/?stage=x"}
    )
    assert moved["Location"] == "/leads/?stage=x"
    assert Lead.objects.get(pk=lead.pk).stage == "warm_path"


def test_a_stage_page_counts_its_leads(jordan_client, jordan, django_assert_num_queries):
    for n in range(3):
        leads.create_lead(owner=jordan, title=f"Role {n}")
    jordan_client.get("/leads/stage/heard/")
    # session, user, the leads (with their organisation), their people: fewer than 1,000
    # leads are counted as they are shown
    with django_assert_num_queries(4):
        response = jordan_client.get("/leads/stage/heard/")
    assertContains(response, "3 leads.")
    assert len(response.context["cards"]) == 3


@pytest.mark.parametrize(
    ("method", "address"),
    [
        ("get", "/leads/{lead}/"),
        ("get", "/leads/{lead}/delete"),
        ("post", "/leads/{lead}/delete"),
        ("post", "/leads/{lead}/move"),
        ("post", "/leads/{lead}/people"),
        ("post", "/leads/{lead}/people/{person}/remove"),
        ("post", "/leads/{lead}/interview"),
        ("post", "/leads/{lead}/followed-up"),
        ("post", "/leads/{lead}/thanked/{person}"),
    ],
)
def test_riley_gets_404_on_jordans_lead(riley_client, lead, method, address):
    person = lead.people.first().person_id
    url = address.format(lead=lead.pk, person=person)
    response = getattr(riley_client, method)(
        url, {"stage": "applied", "person": "Rosa", "role": "referrer"}
    )
    assert response.status_code == 404
    assert Lead.objects.get(pk=lead.pk).stage == "heard"
    assert lead.people.count() == 1


def test_riley_sees_none_of_jordans_leads_or_conversations(riley_client, jordan, lead):
    talk = log(jordan, make_person(jordan, "Cleo Park"), "Orion news")
    assertNotContains(riley_client.get("/leads/"), "Data Engineer")
    assertNotContains(riley_client.get("/leads/stage/heard/"), "Data Engineer")
    assert riley_client.get(f"/leads/new?interaction={talk.pk}").status_code == 404


def test_riley_cannot_attach_jordans_conversation(riley_client, riley, jordan):
    talk = log(jordan, make_person(jordan, "Cleo Park"), "Orion news")
    data = {"title": "X", "stage": "heard", "role": "mentioned", "interaction": talk.pk}
    response = riley_client.post("/leads/new", data)
    assertContains(response, "not in your log")
    assert not Lead.objects.exists()


def test_leads_for_person_lists_what_they_stand_behind(jordan, lead):
    rosa = lead.people.first().person
    found = selectors.leads_for_person(owner=jordan, person_id=rosa.pk)
    assert [(f.lead, f.role, f.latest.text) for f in found] == [
        (lead, "mentioned", found[0].latest.text)
    ]
    assert found[0].latest.stage == "heard"


def test_the_person_page_lists_their_leads_and_offers_a_lead_from_each_conversation(
    jordan_client, jordan, lead
):
    rosa = Person.objects.get(owner=jordan, first_name="Rosa")
    talk = log(jordan, rosa, "Coffee: Orion is hiring")
    page = jordan_client.get(f"/people/{rosa.pk}/")

    assertContains(page, f'href="/leads/{lead.pk}/"')
    assertContains(page, "Rosa: mentioned it")
    assertContains(page, f'href="/leads/new?interaction={talk.pk}"')
