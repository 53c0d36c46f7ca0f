import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from mutuals.people.models import Person
from tests.factories import days_ago, log, make_person, make_promise


def person_data(**overrides):
    data = {
        "first_name": "Rosa",
        "last_name": "Núñez",
        "tier": "close",
        "organization": "Acme",
        "title": "Engineering manager",
        "emails": "rosa@example.com\nrosa.n@example.org",
        "phones": "+1 555 0100",
        "circles": "work, community",
        "linkedin_url": "linkedin.com/in/rosa",
    }
    return {**data, **overrides}


def names_in(response):
    return [p.full_name for p in response.context["page"]]


def test_the_list_shows_each_persons_organisation_tier_and_last_contact(jordan_client, jordan):
    rosa = make_person(jordan, organization="Acme", title="Engineer", tier="close")
    log(jordan, rosa, days=3)
    response = jordan_client.get("/people/")
    assertContains(response, "Rosa Núñez")
    assertContains(response, "Acme · Engineer")
    assertContains(response, "Close")
    assertContains(response, "3 days ago")


def test_an_empty_list_says_how_to_add_someone(jordan_client):
    assertContains(jordan_client.get("/people/"), "No people yet")


def test_search_finds_by_name_without_accents(jordan_client, jordan):
    make_person(jordan, "Rosa Núñez")
    make_person(jordan, "Jin Park")
    assert names_in(jordan_client.get("/people/", {"q": "nunez"})) == ["Rosa Núñez"]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"circle": "community"}, ["Rosa Núñez"]),
        ({"tier": "acquaintance"}, ["Jin Park"]),
        ({"organization": "acme"}, ["Rosa Núñez"]),
        ({"overdue": "on"}, ["Jin Park"]),
    ],
)
def test_filters_narrow_the_list(jordan_client, jordan, params, expected):
    make_person(jordan, "Rosa Núñez", tier="close", circles=["community"], organization="Acme")
    make_person(jordan, "Jin Park", tier="acquaintance", known_since=days_ago(800))
    assert names_in(jordan_client.get("/people/", params)) == expected


def test_archived_people_show_only_under_the_archived_filter(jordan_client, jordan):
    rosa = make_person(jordan)
    jordan_client.post(f"/people/{rosa.pk}/archive")
    assert names_in(jordan_client.get("/people/")) == []
    assert names_in(jordan_client.get("/people/", {"archived": "on"})) == ["Rosa Núñez"]


def test_sorting_by_last_contact_puts_the_most_recent_first(jordan_client, jordan):
    ann, bob = make_person(jordan, "Ann Lee"), make_person(jordan, "Bob Ray")
    log(jordan, ann, days=30)
    log(jordan, bob, days=2)
    assert names_in(jordan_client.get("/people/", {"sort": "last_contact"})) == [
        "Bob Ray",
        "Ann Lee",
    ]


def test_the_list_is_paged_by_fifty(jordan_client, jordan):
    for i in range(51):
        make_person(jordan, f"Person {i:02d}")
    first = jordan_client.get("/people/")
    assert len(names_in(first)) == 50
    assertContains(first, "page 1 of 2")
    assert names_in(jordan_client.get("/people/", {"page": 2})) == ["Person 50"]


def test_riley_does_not_see_jordans_people(riley_client, jordan):
    make_person(jordan, "Rosa Núñez")
    assertNotContains(riley_client.get("/people/", {"q": "rosa"}), "Rosa Núñez")


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_costs_the_same_queries_however_many_people(
    jordan_client, jordan, count, django_assert_num_queries
):
    for i in range(count):
        person = make_person(jordan, f"Person {i:02d}", organization=f"Org {i}", circles=["work"])
        log(jordan, person, days=i)
    jordan_client.get("/people/")  # the first request of a client also checks for a first run
    # session, user, the owner's version, the count for these filters and the page of people:
    # circles, stale strengths, organisations and how many have no closeness were read by the
    # first request and kept while nothing changed (changes.kept)
    with django_assert_num_queries(5):
        response = jordan_client.get("/people/", {"sort": "strength", "circle": "work"})
    assert len(names_in(response)) == count
    # the same list again: its count is kept too
    with django_assert_num_queries(4):
        again = jordan_client.get("/people/", {"sort": "strength", "circle": "work"})
    assert names_in(again) == names_in(response)


def test_adding_a_person_saves_every_field_and_opens_their_page(jordan_client, jordan):
    response = jordan_client.post("/people/new", person_data())
    rosa = Person.objects.get(owner=jordan)
    assertRedirects(response, f"/people/{rosa.pk}/", fetch_redirect_response=False)
    assert (rosa.full_name, rosa.tier, rosa.organization.name) == ("Rosa Núñez", "close", "Acme")
    assert [e.address for e in rosa.emails.all()] == ["rosa@example.com", "rosa.n@example.org"]
    assert sorted(c.name for c in rosa.circles.all()) == ["community", "work"]
    assert rosa.linkedin_url == "https://linkedin.com/in/rosa"


def test_a_person_without_a_name_is_refused_next_to_the_name(jordan_client, jordan):
    response = jordan_client.post("/people/new", person_data(first_name="", last_name=""))
    assertContains(response, 'id="id_first_name_error"')
    assertContains(response, "Give at least a first or last name.")
    assert not Person.objects.exists()


def test_a_bad_email_is_refused_next_to_the_emails(jordan_client):
    response = jordan_client.post("/people/new", person_data(emails="not-an-email"))
    assertContains(response, 'id="id_emails_error"')
    assert not Person.objects.exists()


def test_introduced_by_takes_a_forgiving_name(jordan_client, jordan):
    ana = make_person(jordan, "Ana Souza")
    jordan_client.post("/people/new", person_data(introduced_by="ana"))
    assert Person.objects.get(first_name="Rosa").introduced_by == ana


def test_an_unknown_introducer_is_refused_with_a_hint(jordan_client, jordan):
    make_person(jordan, "Ana Souza")
    response = jordan_client.post("/people/new", person_data(introduced_by="Anna Sousa"))
    assertContains(response, "Nobody called &#39;Anna Sousa&#39; in your network")
    assertContains(response, "Did you mean Ana Souza?")


def test_riley_cannot_name_jordans_people_as_introducer(riley_client, jordan):
    make_person(jordan, "Ana Souza")
    response = riley_client.post("/people/new", person_data(introduced_by="Ana Souza"))
    assertContains(response, "Nobody called")
    assert not Person.objects.filter(first_name="Rosa").exists()


def test_the_edit_form_shows_the_current_values(jordan_client, jordan):
    rosa = make_person(jordan, emails=["rosa@example.com"], circles=["work"], organization="Acme")
    response = jordan_client.get(f"/people/{rosa.pk}/edit")
    assertContains(response, "rosa@example.com</textarea>")
    assertContains(response, 'value="Acme"')
    assertContains(response, 'value="work"')


def test_editing_changes_the_person_and_keeps_the_introducer(jordan_client, jordan):
    ana = make_person(jordan, "Ana Souza")
    rosa = make_person(jordan, introduced_by_id=ana.pk)
    data = person_data(title="Director", introduced_by="Ana Souza", emails="")
    response = jordan_client.post(f"/people/{rosa.pk}/edit", data)
    assertRedirects(response, f"/people/{rosa.pk}/", fetch_redirect_response=False)
    rosa.refresh_from_db()
    assert (rosa.title, rosa.introduced_by, rosa.emails.count()) == ("Director", ana, 0)


def test_clearing_the_introducer_removes_it(jordan_client, jordan):
    ana = make_person(jordan, "Ana Souza")
    rosa = make_person(jordan, introduced_by_id=ana.pk)
    jordan_client.post(f"/people/{rosa.pk}/edit", person_data(introduced_by=""))
    rosa.refresh_from_db()
    assert rosa.introduced_by is None


def test_edit_errors_show_next_to_the_field(jordan_client, jordan):
    rosa = make_person(jordan)
    response = jordan_client.post(f"/people/{rosa.pk}/edit", person_data(phones="x"))
    assertContains(response, 'id="id_phones_error"')


def test_archive_and_unarchive_need_a_post(jordan_client, jordan):
    rosa = make_person(jordan)
    assert jordan_client.get(f"/people/{rosa.pk}/archive").status_code == 405
    jordan_client.post(f"/people/{rosa.pk}/archive")
    rosa.refresh_from_db()
    assert rosa.archived_at is not None
    jordan_client.post(f"/people/{rosa.pk}/unarchive")
    rosa.refresh_from_db()
    assert rosa.archived_at is None


def test_delete_asks_first_and_deletes_only_on_post(jordan_client, jordan):
    rosa = make_person(jordan)
    make_promise(jordan, rosa)
    assertContains(jordan_client.get(f"/people/{rosa.pk}/delete"), "Delete Rosa Núñez?")
    assert Person.objects.exists()
    response = jordan_client.post(f"/people/{rosa.pk}/delete")
    assertRedirects(response, "/people/", fetch_redirect_response=False)
    assert not Person.objects.exists()


@pytest.mark.parametrize("url", ["/edit", "/delete"])
def test_riley_gets_404_on_jordans_person_pages(riley_client, jordan, url):
    rosa = make_person(jordan)
    assert riley_client.get(f"/people/{rosa.pk}{url}").status_code == 404


@pytest.mark.parametrize("url", ["/edit", "/delete", "/archive"])
def test_riley_cannot_change_jordans_person(riley_client, jordan, url):
    rosa = make_person(jordan)
    assert riley_client.post(f"/people/{rosa.pk}{url}", person_data()).status_code == 404
    rosa.refresh_from_db()
    assert (rosa.tier, rosa.archived_at) == ("friend", None)


def test_the_list_brings_stale_strengths_up_to_today(jordan_client, jordan):
    rosa = make_person(jordan, "Rosa Núñez", tier="inner")
    log(jordan, rosa, days=2, kind="coffee")
    Person.objects.filter(pk=rosa.pk).update(strength=0.0, strength_on=days_ago(30))
    jordan_client.get("/people/")
    rosa.refresh_from_db()
    assert (rosa.strength_on, rosa.strength > 0) == (timezone.localdate(), True)
