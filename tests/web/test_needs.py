import pytest
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from mutuals.needs import services
from mutuals.needs.models import Need
from tests.factories import days_ago, make_person

HTMX = {"HTTP_HX_REQUEST": "true"}


def add_need(owner, person=None, text="An intro to a data team lead", days=0, kind="introduction"):
    return services.add_need(
        owner=owner,
        person_id=person.pk if person else None,
        text=text,
        kind=kind,
        noted_on=days_ago(days),
    )


def test_open_needs_are_grouped_by_person_oldest_first(jordan_client, jordan):
    rosa, jin = make_person(jordan), make_person(jordan, "Jin Park")
    add_need(jordan, jin, "Jin wants a referral at Acme", days=5)
    add_need(jordan, rosa, "Rosa needs a designer", days=20)
    add_need(jordan, rosa, "Rosa wants advice on pricing", days=1)
    response = jordan_client.get("/needs/")
    groups = [(p.full_name, [n.text for n in ns]) for p, ns in response.context["by_person"]]
    assert groups == [
        ("Rosa Núñez", ["Rosa needs a designer", "Rosa wants advice on pricing"]),
        ("Jin Park", ["Jin wants a referral at Acme"]),
    ]
    assertContains(response, f'<a href="/people/{rosa.pk}/">Rosa Núñez</a>', html=True)


def test_your_own_needs_are_listed_apart(jordan_client, jordan):
    add_need(jordan, None, "An intro to someone at Globex")
    response = jordan_client.get("/needs/")
    assert [n.text for n in response.context["mine"]] == ["An intro to someone at Globex"]
    assert response.context["by_person"] == []


def test_an_empty_page_explains_what_a_need_is(jordan_client):
    response = jordan_client.get("/needs/")
    assertContains(response, "ideally\n    while talking to them")
    assertContains(response, "Nothing written down yet")


def test_adding_your_own_need_without_a_kind(jordan_client, jordan):
    response = jordan_client.post("/needs/", {"text": "A referral at Acme", "kind": ""})
    assertRedirects(response, "/needs/", fetch_redirect_response=False)
    need = Need.objects.get()
    assert (need.person, need.text, need.kind, need.status) == (
        None,
        "A referral at Acme",
        "other",
        "open",
    )


def test_an_empty_need_is_refused_next_to_the_text(jordan_client):
    response = jordan_client.post("/needs/", {"text": "   ", "kind": "advice"})
    assertContains(response, 'id="id_text_error"')
    assertContains(response, "Say in one line what is needed")
    assert not Need.objects.exists()


def test_an_unknown_kind_is_refused_next_to_the_kind(jordan_client):
    response = jordan_client.post("/needs/", {"text": "A referral", "kind": "bribe"})
    assertContains(response, 'id="id_kind_error"')
    assert not Need.objects.exists()


def test_helped_marks_it_helped_by_you_and_offers_undo(jordan_client, jordan):
    need = add_need(jordan, make_person(jordan))
    response = jordan_client.post(f"/needs/{need.pk}/helped", **HTMX)
    assertContains(response, "You helped: An intro to a data team lead")
    assertContains(response, f'action="/needs/{need.pk}/reopen"')
    need.refresh_from_db()
    assert (need.status, need.helped_by) == ("helped", None)


@pytest.mark.parametrize("action", ["done", "dropped"])
def test_done_and_dropped_close_the_need(jordan_client, jordan, action):
    need = add_need(jordan, make_person(jordan))
    response = jordan_client.post(f"/needs/{need.pk}/{action}", {"next": "/needs/"})
    assertRedirects(response, "/needs/", fetch_redirect_response=False)
    need.refresh_from_db()
    assert need.status == action
    assert need.closed_on is not None


def test_reopen_brings_a_need_back(jordan_client, jordan):
    need = add_need(jordan, make_person(jordan))
    services.close_need(owner=jordan, need_id=need.pk)
    jordan_client.post(f"/needs/{need.pk}/reopen")
    need.refresh_from_db()
    assert (need.status, need.closed_on) == ("open", None)


def test_the_status_filter_shows_only_that_status(jordan_client, jordan):
    rosa = make_person(jordan)
    add_need(jordan, rosa, "Still open")
    done = add_need(jordan, rosa, "Already met")
    services.close_need(owner=jordan, need_id=done.pk)
    open_page = jordan_client.get("/needs/")
    assertContains(open_page, "Still open")
    assertNotContains(open_page, "Already met")
    done_page = jordan_client.get("/needs/", {"status": "done"})
    assertContains(done_page, "Already met")
    assertNotContains(done_page, "Still open")
    all_page = jordan_client.get("/needs/", {"status": "all"})
    assertContains(all_page, "Already met")
    assertContains(all_page, "Still open")


def test_an_unknown_status_falls_back_to_open(jordan_client, jordan):
    add_need(jordan, make_person(jordan), "Still open")
    response = jordan_client.get("/needs/", {"status": "nonsense"})
    assert response.context["status"] == "open"
    assertContains(response, "Still open")


def test_destructive_actions_need_a_post(jordan_client, jordan):
    need = add_need(jordan, make_person(jordan))
    for action in ("helped", "done", "dropped", "reopen", "delete"):
        assert jordan_client.get(f"/needs/{need.pk}/{action}").status_code == 405, action
    need.refresh_from_db()
    assert need.status == "open"


def test_delete_swaps_the_item_out(jordan_client, jordan):
    need = add_need(jordan, make_person(jordan))
    response = jordan_client.post(f"/needs/{need.pk}/delete", **HTMX)
    assertContains(response, "Deleted: An intro to a data team lead")
    assert not Need.objects.exists()


def test_the_nav_offers_needs(jordan_client):
    response = jordan_client.get("/needs/")
    assertContains(response, '<a href="/needs/" aria-current="page">Needs</a>', html=True)


def test_riley_does_not_see_jordans_needs(riley_client, jordan):
    add_need(jordan, make_person(jordan), "Rosa needs a designer")
    add_need(jordan, None, "Jordan wants a referral")
    response = riley_client.get("/needs/", {"status": "all"})
    assertNotContains(response, "Rosa needs a designer")
    assertNotContains(response, "Jordan wants a referral")


def test_riley_gets_404_on_jordans_needs(riley_client, jordan):
    need = add_need(jordan, make_person(jordan))
    for action in ("helped", "done", "dropped", "reopen", "delete"):
        assert riley_client.post(f"/needs/{need.pk}/{action}").status_code == 404, action
    need.refresh_from_db()
    assert need.status == "open"


@pytest.mark.parametrize("count", [3, 30])
def test_the_page_costs_the_same_queries_however_many_needs(
    jordan_client, jordan, count, django_assert_num_queries
):
    for i in range(count):
        person = make_person(jordan, f"Person {i:02d}")
        need = add_need(jordan, person, f"Need {i}", days=i)
        services.mark_helped(owner=jordan, need_id=need.pk, helped_by_id=person.pk)
        add_need(jordan, None, f"Mine {i}")
    jordan_client.get("/needs/")  # the first request of a client also checks for a first run
    # session, user, the needs (with their people and helpers)
    with django_assert_num_queries(3):
        response = jordan_client.get("/needs/", {"status": "all"})
    assert len(response.context["by_person"]) == count
    assert len(response.context["mine"]) == count


def test_a_need_says_in_words_whether_they_look_for_it_or_offer_it(jordan_client, jordan):
    rosa = make_person(jordan)
    add_need(jordan, rosa, "Hiring a backend engineer", kind="hire")
    add_need(jordan, rosa, "A backend role", kind="job_lead")
    response = jordan_client.get("/needs/")
    assertContains(response, "Hiring or offering · Hire · noted")
    assertContains(response, "Looking for · Job lead · noted")


def test_adding_a_need_offers_the_direction_and_reads_it_from_the_words_by_default(
    jordan_client, jordan
):
    assertContains(jordan_client.get("/needs/"), '<option value="" selected>Tell from the words')
    jordan_client.post("/needs/", {"text": "Hiring a designer for my studio", "kind": ""})
    assert Need.objects.get().direction == "offering"


def test_the_direction_chosen_on_the_form_wins(jordan_client, jordan):
    form = {"text": "Hiring a designer", "kind": "", "direction": "looking"}
    jordan_client.post("/needs/", form)
    assert Need.objects.get().direction == "looking"


def test_a_persons_need_takes_the_direction_chosen(jordan_client, jordan):
    rosa = make_person(jordan)
    form = {"need-text": "A designer for her studio", "need-direction": "offering"}
    jordan_client.post(f"/people/{rosa.pk}/need", form)
    assert Need.objects.get(person=rosa).direction == "offering"


def test_an_unknown_direction_is_refused_and_nothing_is_saved(jordan_client, jordan):
    response = jordan_client.post("/needs/", {"text": "A designer", "direction": "sideways"})
    assertContains(response, 'id="id_direction_error"')
    assert not Need.objects.exists()
