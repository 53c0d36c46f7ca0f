"""Assignments' services and selectors: a coach sets and cancels (only while linked, at any
level), the client marks done; each sees only their own; Today shows them."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from mutuals.agenda import cache
from mutuals.agenda.done import done_today
from mutuals.agenda.selectors import today_agenda
from mutuals.assignments import selectors, services
from mutuals.assignments.models import Assignment
from mutuals.changes.tracking import scope
from mutuals.coaching.models import AccessRecord, CoachLink
from mutuals.core.agenda import ItemKind
from tests.coach_data import make_coach

TODAY = dt.date(2026, 3, 16)


def link(coach, client, level="progress", state="active"):
    make_coach(coach)
    return CoachLink.objects.create(
        coach=coach, client=client, level=level, state=state, invited_by="coach"
    )


def assign(coach, *clients, **fields):
    fields.setdefault("template_key", "thank-three")
    fields.setdefault("today", TODAY)
    return services.assign(coach=coach, client_ids=[c.pk for c in clients], **fields)


@pytest.fixture
def linked(casey, jordan):
    return link(casey, jordan)


def test_a_template_fills_title_details_and_due_date(casey, jordan, linked):
    (made,) = assign(casey, jordan)
    assert made.title == "Thank three people who helped you"
    assert made.details.startswith("Think of three people")
    assert made.due_on == TODAY + dt.timedelta(days=7)
    assert (made.client, made.coach, made.template_key) == (jordan, casey, "thank-three")


def test_a_coach_writes_their_own(casey, jordan, linked):
    (made,) = assign(
        casey, jordan, template_key="", title="  Call   Ana\n", details="About the fair"
    )
    assert (made.title, made.details, made.due_on, made.template_key) == (
        "Call Ana",
        "About the fair",
        None,
        "",
    )


def test_a_coach_sets_one_assignment_to_several_clients(casey, jordan, riley, linked):
    link(casey, riley, level="network")
    made = assign(casey, jordan, riley)
    assert {a.client for a in made} == {jordan, riley}


def test_any_level_is_enough_to_assign_and_the_client_can_read_it(casey, jordan, linked):
    assign(casey, jordan)
    assert AccessRecord.objects.filter(client=jordan, coach=casey, what="assignment").exists()


@pytest.mark.parametrize("state", ["ended", "invited"])
def test_without_an_active_link_a_coach_cannot_assign(casey, jordan, state):
    link(casey, jordan, state=state)
    with pytest.raises(CoachLink.DoesNotExist):
        assign(casey, jordan)
    assert not Assignment.objects.exists()


def test_one_unlinked_client_among_several_writes_nothing(casey, jordan, riley, linked):
    with pytest.raises(CoachLink.DoesNotExist):
        assign(casey, jordan, riley)
    assert not Assignment.objects.exists()


@pytest.mark.parametrize(
    ("fields", "field"),
    [
        ({"template_key": "", "title": "   "}, "title"),
        ({"template_key": "unknown"}, "template"),
        ({"due_on": TODAY - dt.timedelta(days=1)}, "due_on"),
        ({"details": "x" * 3000}, "details"),
    ],
)
def test_bad_input_names_its_field_and_writes_nothing(casey, jordan, linked, fields, field):
    with pytest.raises(ValidationError) as error:
        assign(casey, jordan, **fields)
    assert field in error.value.message_dict
    assert not Assignment.objects.exists()


def test_no_client_chosen_is_an_error(casey):
    with pytest.raises(ValidationError) as error:
        services.assign(coach=casey, client_ids=[], template_key="thank-three")
    assert "clients" in error.value.message_dict


def test_the_client_marks_it_done_with_a_note_and_can_undo(casey, jordan, linked):
    (made,) = assign(casey, jordan)
    done = services.mark_done(owner=jordan, assignment_id=made.pk, note=" Thanked Ana ")
    assert done.done_at is not None
    assert done.done_note == "Thanked Ana"
    again = services.mark_done(owner=jordan, assignment_id=made.pk)
    assert again.done_at == done.done_at
    assert again.done_note == "Thanked Ana"
    undone = services.undo_done(owner=jordan, assignment_id=made.pk)
    assert undone.done_at is None
    assert undone.done_note == ""


def test_a_long_note_is_refused(casey, jordan, linked):
    (made,) = assign(casey, jordan)
    with pytest.raises(ValidationError):
        services.mark_done(owner=jordan, assignment_id=made.pk, note="x" * 1001)
    made.refresh_from_db()
    assert made.done_at is None


def test_another_user_can_neither_mark_nor_see_it(casey, jordan, riley, linked):
    (made,) = assign(casey, jordan)
    with pytest.raises(Assignment.DoesNotExist):
        services.mark_done(owner=riley, assignment_id=made.pk)
    with pytest.raises(Assignment.DoesNotExist):
        services.mark_done(owner=casey, assignment_id=made.pk)
    assert list(selectors.of_client(owner=riley)) == []
    assert selectors.set_by(coach=riley) == []


def test_the_coach_cancels_an_open_one_and_can_restore_it(casey, jordan, linked):
    (made,) = assign(casey, jordan)
    services.cancel(coach=casey, assignment_id=made.pk)
    assert list(selectors.of_client(owner=jordan)) == []
    services.restore(coach=casey, assignment_id=made.pk)
    assert list(selectors.of_client(owner=jordan)) == [made]


def test_a_done_assignment_cannot_be_cancelled(casey, jordan, linked):
    (made,) = assign(casey, jordan)
    services.mark_done(owner=jordan, assignment_id=made.pk)
    with pytest.raises(ValidationError):
        services.cancel(coach=casey, assignment_id=made.pk)


def test_the_client_cannot_cancel_and_another_coach_cannot_either(casey, jordan, riley, linked):
    (made,) = assign(casey, jordan)
    link(riley, jordan)
    for who in (jordan, riley):
        with pytest.raises(Assignment.DoesNotExist):
            services.cancel(coach=who, assignment_id=made.pk)


def test_once_the_link_ends_the_coach_can_neither_cancel_nor_see_it(casey, jordan, linked):
    (made,) = assign(casey, jordan)
    CoachLink.objects.filter(pk=linked.pk).update(state="ended", ended_at=timezone.now())
    with pytest.raises(CoachLink.DoesNotExist):
        services.cancel(coach=casey, assignment_id=made.pk)
    assert selectors.set_by(coach=casey) == []
    with pytest.raises(CoachLink.DoesNotExist):
        selectors.set_by(coach=casey, client_id=jordan.pk)
    with pytest.raises(CoachLink.DoesNotExist):
        selectors.coach_assignment(coach=casey, assignment_id=made.pk)


def test_once_the_link_ends_the_client_keeps_it_from_a_former_coach(casey, jordan, linked):
    (made,) = assign(casey, jordan)
    CoachLink.objects.filter(pk=linked.pk).update(state="ended")
    (kept,) = selectors.of_client(owner=jordan)
    assert kept == made
    assert kept.linked is False
    (item,) = today_agenda(owner=jordan, today=TODAY).items
    assert item.reason.startswith("Casey, your former coach, set this")


def test_the_coach_sees_when_it_is_done_and_the_look_is_recorded(casey, jordan, linked):
    (made,) = assign(casey, jordan)
    services.mark_done(owner=jordan, assignment_id=made.pk, note="Done on Monday")
    AccessRecord.objects.all().delete()
    (seen,) = selectors.set_by(coach=casey)
    assert seen.done_at is not None
    assert seen.done_note == "Done on Monday"
    assert list(AccessRecord.objects.values_list("client", "what")) == [(jordan.pk, "assignments")]


def test_open_assignments_are_on_today_until_done(casey, jordan, linked):
    (made,) = assign(casey, jordan, due_on=TODAY + dt.timedelta(days=2))
    (item,) = today_agenda(owner=jordan, today=TODAY).items
    assert item.kind == ItemKind.ASSIGNMENT
    assert item.assignment_id == made.pk
    assert item.reason == "Your coach casey set this today; due in 2 days."
    assert today_agenda(owner=casey, today=TODAY).items == ()  # not on the coach's own
    services.mark_done(owner=jordan, assignment_id=made.pk)
    assert today_agenda(owner=jordan, today=TODAY).items == ()


def test_marking_done_counts_in_the_plan_and_a_cancelled_one_leaves_today(casey, jordan, linked):
    (first,) = assign(casey, jordan)
    (second,) = assign(casey, jordan, template_key="ask-for-advice")
    services.mark_done(owner=jordan, assignment_id=first.pk)
    assert done_today(owner=jordan, today=timezone.localdate()) == 1
    services.cancel(coach=casey, assignment_id=second.pk)
    assert today_agenda(owner=jordan, today=TODAY).items == ()


def test_a_coach_assigning_renews_the_clients_kept_plan(
    casey, jordan, linked, django_capture_on_commit_callbacks
):
    day = timezone.localdate()
    assert cache.cached_plan(jordan, day).items == ()
    # as inside the coach's request, where only an explicit renewal tells the client's plan
    with scope(), django_capture_on_commit_callbacks(execute=True):
        assign(casey, jordan, today=day)
    assert [i.kind for i in cache.cached_plan(jordan, day).items] == [ItemKind.ASSIGNMENT]
