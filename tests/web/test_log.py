from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from mutuals.interactions.models import Interaction
from tests.factories import log, make_person


def log_data(*people, **overrides):
    data = {
        "people": [p.pk for p in people],
        "summary": "Coffee about the new role",
        "occurred_on": timezone.localdate().isoformat(),
        "kind": "coffee",
        "initiated_by": "me",
    }
    return {**data, **overrides}


def checkbox(person, checked=False):
    mark = " checked" if checked else ""
    return f'<input type="checkbox" name="people" value="{person.pk}"{mark}>'


def test_the_page_offers_people_to_tick(jordan_client, jordan):
    rosa = make_person(jordan)
    assertContains(jordan_client.get("/log/"), checkbox(rosa), html=True)


def test_a_person_can_be_preselected(jordan_client, jordan):
    rosa = make_person(jordan)
    response = jordan_client.get("/log/", {"person": rosa.pk})
    assertContains(response, checkbox(rosa, checked=True), html=True)


def test_the_date_defaults_to_today(jordan_client, jordan):
    response = jordan_client.get("/log/")
    assertContains(response, f'value="{timezone.localdate().isoformat()}"')


def test_logging_with_two_people_records_both_and_returns_to_today(jordan_client, jordan):
    rosa, jin = make_person(jordan), make_person(jordan, "Jin Park")
    response = jordan_client.post("/log/", log_data(rosa, jin))
    assertRedirects(response, "/", fetch_redirect_response=False)
    interaction = Interaction.objects.get()
    assert set(interaction.people.all()) == {rosa, jin}
    assert (interaction.kind, interaction.initiated_by) == ("coffee", "me")


def test_logging_with_one_person_opens_their_timeline(jordan_client, jordan):
    rosa = make_person(jordan)
    response = jordan_client.post("/log/", log_data(rosa), follow=True)
    assertRedirects(response, f"/people/{rosa.pk}/")
    assertContains(response, "Coffee about the new role")


def test_kind_and_initiator_are_optional(jordan_client, jordan):
    rosa = make_person(jordan)
    jordan_client.post("/log/", log_data(rosa, kind="", initiated_by=""))
    assert Interaction.objects.get().kind == "other"


def test_nobody_ticked_is_refused_next_to_who(jordan_client, jordan):
    make_person(jordan)
    response = jordan_client.post("/log/", log_data())
    assertContains(response, "Choose who you talked with.")
    assert not Interaction.objects.exists()


def test_an_empty_summary_is_refused_next_to_what(jordan_client, jordan):
    rosa = make_person(jordan)
    response = jordan_client.post("/log/", log_data(rosa, summary=""))
    assertContains(response, 'id="id_summary_error"')
    assertContains(response, checkbox(rosa, checked=True), html=True)


def test_find_filters_the_people_and_keeps_what_was_typed(jordan_client, jordan):
    rosa, jin = make_person(jordan), make_person(jordan, "Jin Park")
    data = log_data(rosa, q="jin", find="1", summary="Half typed")
    response = jordan_client.post("/log/", data)
    assertContains(response, checkbox(rosa, checked=True), html=True)
    assertContains(response, checkbox(jin), html=True)
    assertContains(response, "Half typed")
    assert not Interaction.objects.exists()


def test_the_filter_fragment_keeps_ticked_people_first(jordan_client, jordan):
    rosa, jin = make_person(jordan), make_person(jordan, "Jin Park")
    make_person(jordan, "Ann Lee")
    response = jordan_client.get("/log/people", {"q": "park", "people": [rosa.pk]})
    assert [p.full_name for p in response.context["picker"]["selected"]] == ["Rosa Núñez"]
    assert [p.full_name for p in response.context["picker"]["matches"]] == ["Jin Park"]
    assertNotContains(response, "<html")
    assertContains(response, checkbox(jin), html=True)


def test_riley_cannot_log_with_jordans_people(riley_client, jordan):
    rosa = make_person(jordan)
    response = riley_client.post("/log/", log_data(rosa))
    assertContains(response, "Some of those people are not in your network.")
    assert not Interaction.objects.exists()


def test_riley_is_not_offered_jordans_people(riley_client, jordan):
    make_person(jordan)
    assertNotContains(riley_client.get("/log/people", {"q": "rosa"}), "Rosa")


def test_editing_a_conversation_changes_it(jordan_client, jordan):
    rosa, jin = make_person(jordan), make_person(jordan, "Jin Park")
    interaction = log(jordan, rosa, "Coffee")
    response = jordan_client.get(f"/interactions/{interaction.pk}/edit")
    assertContains(response, checkbox(rosa, checked=True), html=True)
    data = log_data(rosa, jin, summary="Coffee and a walk", next=f"/people/{rosa.pk}/")
    response = jordan_client.post(f"/interactions/{interaction.pk}/edit", data)
    assertRedirects(response, f"/people/{rosa.pk}/", fetch_redirect_response=False)
    interaction.refresh_from_db()
    assert interaction.summary == "Coffee and a walk"
    assert set(interaction.people.all()) == {rosa, jin}


def test_edit_errors_show_next_to_the_field(jordan_client, jordan):
    rosa = make_person(jordan)
    interaction = log(jordan, rosa, "Coffee")
    response = jordan_client.post(
        f"/interactions/{interaction.pk}/edit", log_data(rosa, occurred_on="not a date")
    )
    assertContains(response, 'id="id_occurred_on_error"')
    interaction.refresh_from_db()
    assert interaction.summary == "Coffee"


def test_a_redirect_off_the_site_is_ignored(jordan_client, jordan):
    rosa = make_person(jordan)
    interaction = log(jordan, rosa, "Coffee")
    data = log_data(rosa, next="https://example.com/")
    response = jordan_client.post(f"/interactions/{interaction.pk}/edit", data)
    assertRedirects(response, "/", fetch_redirect_response=False)


def test_delete_asks_first_and_deletes_only_on_post(jordan_client, jordan):
    rosa = make_person(jordan)
    interaction = log(jordan, rosa, "Coffee")
    assertContains(
        jordan_client.get(f"/interactions/{interaction.pk}/delete"), "Delete this conversation?"
    )
    assert Interaction.objects.exists()
    jordan_client.post(f"/interactions/{interaction.pk}/delete")
    assert not Interaction.objects.exists()
    rosa.refresh_from_db()
    assert rosa.last_contact_on is None


def test_riley_gets_404_on_jordans_conversation(riley_client, jordan):
    interaction = log(jordan, make_person(jordan), "Coffee")
    assert riley_client.get(f"/interactions/{interaction.pk}/edit").status_code == 404
    assert riley_client.get(f"/interactions/{interaction.pk}/delete").status_code == 404
    assert riley_client.post(f"/interactions/{interaction.pk}/delete").status_code == 404
    assert Interaction.objects.exists()
