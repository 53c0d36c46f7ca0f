import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from mutuals.interactions import selectors, services
from mutuals.interactions.models import Interaction
from tests.factories import days_ago, log, make_person


def test_logging_defaults_to_today(jordan):
    person = make_person(jordan)
    interaction = services.log_interaction(owner=jordan, person_ids=[person.pk], summary="Call")
    assert interaction.occurred_on == dt.date.today()


def test_logging_updates_the_persons_contact_statistics(jordan):
    person = make_person(jordan, tier="close")
    log(jordan, person, days=20, kind="coffee")
    log(jordan, person, days=5, kind="call", initiated_by="them")
    person.refresh_from_db()
    assert person.first_contact_on == days_ago(20)
    assert person.last_contact_on == days_ago(5)
    assert person.interaction_count == 2
    assert person.initiated_by_them == 1
    assert person.keep_in_touch_due_on == days_ago(5) + dt.timedelta(days=30)
    assert person.strength > 0


def test_a_conversation_can_include_several_people(jordan):
    rosa, jin = make_person(jordan, "Rosa"), make_person(jordan, "Jin")
    interaction = log(jordan, [rosa, jin], "Lunch")
    assert set(interaction.people.all()) == {rosa, jin}
    rosa.refresh_from_db()
    assert rosa.last_contact_on == dt.date.today()


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("summary", {"summary": "  "}),
        ("kind", {"kind": "carrier pigeon"}),
        ("initiated_by", {"initiated_by": "somebody"}),
        ("occurred_on", {"occurred_on": dt.date.today() + dt.timedelta(days=30)}),
    ],
)
def test_it_rejects_bad_input_naming_the_field_and_saves_nothing(jordan, field, kwargs):
    person = make_person(jordan)
    arguments = {"summary": "Coffee", **kwargs}
    with pytest.raises(ValidationError) as error:
        services.log_interaction(owner=jordan, person_ids=[person.pk], **arguments)
    assert field in error.value.message_dict
    assert Interaction.objects.count() == 0


def test_it_refuses_people_from_another_users_network(jordan, riley):
    stranger = make_person(riley)
    with pytest.raises(ValidationError) as error:
        services.log_interaction(owner=jordan, person_ids=[stranger.pk], summary="Hi")
    assert "people" in error.value.message_dict


def test_editing_the_date_moves_the_last_contact(jordan):
    person = make_person(jordan)
    interaction = log(jordan, person, days=2)
    services.update_interaction(
        owner=jordan, interaction_id=interaction.pk, occurred_on=days_ago(40)
    )
    person.refresh_from_db()
    assert person.last_contact_on == days_ago(40)


def test_removing_someone_from_a_conversation_refreshes_them_too(jordan):
    rosa, jin = make_person(jordan, "Rosa"), make_person(jordan, "Jin")
    interaction = log(jordan, [rosa, jin])
    services.update_interaction(owner=jordan, interaction_id=interaction.pk, person_ids=[jin.pk])
    rosa.refresh_from_db()
    assert (rosa.last_contact_on, rosa.interaction_count) == (None, 0)


def test_deleting_resets_the_statistics(jordan):
    person = make_person(jordan)
    interaction = log(jordan, person)
    services.delete_interaction(owner=jordan, interaction_id=interaction.pk)
    person.refresh_from_db()
    assert person.interaction_count == 0
    assert person.last_contact_on is None


def test_the_timeline_is_newest_first(jordan):
    person = make_person(jordan)
    old, new = log(jordan, person, "Old", days=30), log(jordan, person, "New", days=1)
    assert list(selectors.timeline(owner=jordan, person_id=person.pk)) == [new, old]


def test_riley_cannot_see_or_delete_jordans_conversations(jordan, riley):
    person = make_person(jordan)
    interaction = log(jordan, person)
    assert list(selectors.timeline(owner=riley, person_id=person.pk)) == []
    with pytest.raises(Interaction.DoesNotExist):
        services.delete_interaction(owner=riley, interaction_id=interaction.pk)
