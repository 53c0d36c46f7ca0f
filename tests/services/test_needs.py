import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from mutuals.needs import selectors, services
from mutuals.needs.models import Need
from tests.factories import make_person


def add(owner, person=None, text="An intro to a data team lead", **fields):
    return services.add_need(
        owner=owner, person_id=person.pk if person else None, text=text, **fields
    )


def test_a_need_belongs_to_a_person_or_to_you(jordan):
    rosa = make_person(jordan)
    theirs, mine = add(jordan, rosa), add(jordan, text="Advice on negotiating an offer")
    assert (theirs.is_mine, mine.is_mine) == (False, True)
    assert list(selectors.needs_for(owner=jordan, mine=True)) == [mine]
    assert list(selectors.needs_for(owner=jordan, person_id=rosa.pk)) == [theirs]


def test_kinds_are_forgiving_about_spelling(jordan):
    assert add(jordan, kind="Job lead").kind == "job_lead"
    assert add(jordan, kind="job-lead").kind == "job_lead"


@pytest.mark.parametrize(
    ("field", "kwargs"),
    [
        ("text", {"text": "  "}),
        ("kind", {"kind": "miracle"}),
        ("noted_on", {"noted_on": dt.date.today() + dt.timedelta(days=2)}),
    ],
)
def test_it_rejects_bad_input_naming_the_field_and_saves_nothing(jordan, field, kwargs):
    with pytest.raises(ValidationError) as error:
        add(jordan, **kwargs)
    assert field in error.value.message_dict
    assert Need.objects.count() == 0


def test_a_need_cannot_belong_to_someone_outside_your_network(jordan, riley):
    with pytest.raises(ValidationError) as error:
        add(jordan, make_person(riley))
    assert "person" in error.value.message_dict


def test_helped_done_and_dropped_leave_the_open_list_and_reopen_brings_it_back(jordan):
    rosa = make_person(jordan)
    helped, done, dropped = add(jordan, rosa), add(jordan, rosa), add(jordan, rosa)
    services.mark_helped(owner=jordan, need_id=helped.pk, note="Sent two leads")
    services.close_need(owner=jordan, need_id=done.pk)
    services.close_need(owner=jordan, need_id=dropped.pk, status="dropped")
    assert list(selectors.needs_for(owner=jordan)) == []
    services.reopen_need(owner=jordan, need_id=dropped.pk)
    assert list(selectors.needs_for(owner=jordan)) == [dropped]


def test_your_own_need_can_be_helped_by_one_of_your_people(jordan):
    rosa = make_person(jordan)
    mine = add(jordan, text="Intro to someone at Orion")
    need = services.mark_helped(owner=jordan, need_id=mine.pk, helped_by_id=rosa.pk)
    assert (need.status, need.helped_by) == ("helped", rosa)


def test_closing_as_anything_but_done_or_dropped_is_refused(jordan):
    with pytest.raises(ValidationError):
        services.close_need(owner=jordan, need_id=add(jordan).pk, status="helped")


def test_open_needs_of_a_person_come_oldest_first_for_give_first(jordan):
    rosa = make_person(jordan)
    new = add(jordan, rosa, text="New", noted_on=dt.date.today())
    old = add(jordan, rosa, text="Old", noted_on=dt.date.today() - dt.timedelta(days=40))
    ids = [need.id for need in selectors.open_needs_of(owner=jordan, person_id=rosa.pk)]
    assert sorted(ids) == sorted([new.pk, old.pk])


def test_riley_never_sees_or_closes_jordans_needs(jordan, riley):
    need = add(jordan, make_person(jordan))
    assert list(selectors.needs_for(owner=riley, status="all")) == []
    with pytest.raises(Need.DoesNotExist):
        services.close_need(owner=riley, need_id=need.pk)
    assert services.mark_reviewed(owner=riley, need_ids=[need.pk]) == 0


def test_matching_a_text_finds_open_needs_with_the_needs_own_text(jordan):
    rosa = make_person(jordan)
    need = add(jordan, rosa, text="Looking for a user experience design role", kind="job_lead")
    add(jordan, rosa, text="A good accountant")
    [(match, text)] = selectors.match_needs(owner=jordan, text="Hiring a UX designer")
    assert (match.need_id, text) == (need.pk, need.text)


def test_a_need_without_a_direction_takes_the_one_its_words_say(jordan):
    rosa = make_person(jordan)
    assert add(jordan, rosa, "Hiring a backend engineer for her team").direction == "offering"
    assert add(jordan, rosa, "Looking for a backend role").direction == "looking"
    assert add(jordan, rosa, "A data engineer", kind="hire").direction == "offering"


def test_a_direction_given_wins_over_the_words(jordan):
    need = add(jordan, make_person(jordan), "Hiring a backend engineer", direction="looking")
    assert need.direction == "looking"
    assert add(jordan, text="A mentor", direction=" Offering ").direction == "offering"


def test_an_unknown_direction_is_refused_naming_the_field(jordan):
    with pytest.raises(ValidationError) as error:
        add(jordan, direction="sideways")
    assert "direction" in error.value.message_dict
    assert not Need.objects.exists()


def test_changing_a_need_keeps_its_direction_unless_given(jordan):
    need = add(jordan, make_person(jordan), "Hiring a backend engineer")
    kept = services.update_need(owner=jordan, need_id=need.pk, text="Looking for a backend role")
    assert kept.direction == "offering"
    changed = services.update_need(owner=jordan, need_id=need.pk, direction="looking")
    assert Need.objects.get(pk=changed.pk).direction == "looking"
