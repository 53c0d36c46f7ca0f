import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from mutuals.promises import selectors, services
from mutuals.promises.models import Promise
from tests.factories import make_person, make_promise


def test_a_promise_needs_text(jordan):
    with pytest.raises(ValidationError) as error:
        services.create_promise(owner=jordan, text=" ", due_on=dt.date.today())
    assert "text" in error.value.message_dict


def test_a_promise_can_be_about_someone_in_your_network_only(jordan, riley):
    stranger = make_person(riley)
    with pytest.raises(ValidationError) as error:
        make_promise(jordan, stranger)
    assert "person" in error.value.message_dict


def test_done_promises_leave_the_open_list_and_can_be_reopened(jordan):
    promise = make_promise(jordan, make_person(jordan))
    services.complete_promise(owner=jordan, promise_id=promise.pk)
    assert list(selectors.promises_for(owner=jordan)) == []
    services.reopen_promise(owner=jordan, promise_id=promise.pk)
    assert list(selectors.promises_for(owner=jordan)) == [promise]


def test_snoozing_requires_a_future_date(jordan):
    promise = make_promise(jordan)
    with pytest.raises(ValidationError):
        services.snooze_promise(owner=jordan, promise_id=promise.pk, until=dt.date.today())


def test_moving_the_due_date_clears_a_snooze(jordan):
    promise = make_promise(jordan)
    services.snooze_promise(
        owner=jordan, promise_id=promise.pk, until=dt.date.today() + dt.timedelta(days=3)
    )
    services.update_promise(
        owner=jordan, promise_id=promise.pk, due_on=dt.date.today() + dt.timedelta(days=9)
    )
    promise.refresh_from_db()
    assert promise.snoozed_until is None


def test_riley_cannot_complete_jordans_promise(jordan, riley):
    promise = make_promise(jordan)
    with pytest.raises(Promise.DoesNotExist):
        services.complete_promise(owner=riley, promise_id=promise.pk)
    assert list(selectors.promises_for(owner=riley)) == []


def test_unsnoozing_puts_a_promise_back_on_the_agenda(jordan):
    promise = make_promise(jordan)
    services.snooze_promise(
        owner=jordan, promise_id=promise.pk, until=dt.date.today() + dt.timedelta(days=7)
    )
    services.unsnooze_promise(owner=jordan, promise_id=promise.pk)
    promise.refresh_from_db()
    assert promise.snoozed_until is None
