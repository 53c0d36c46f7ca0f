"""Which kinds of records hold anything of a person, in one query (people.selectors.kinds_held):
the person page reads only those."""

from __future__ import annotations

from mutuals.network.models import Knows
from mutuals.network.services import knows_someone
from mutuals.people.important_dates import add_important_date
from mutuals.people.models import EmailAddress, ImportantDate, Person
from mutuals.people.selectors import kinds_held
from tests.factories import make_person

KINDS = {
    "dates": (ImportantDate, ("person",)),
    "knows": (Knows, ("person", "knows")),
    "emails": (EmailAddress, ("person",)),
    "circles": (Person.circles.through, ("person",)),
}


def test_someone_with_nothing_holds_nothing(jordan, django_assert_num_queries):
    rosa = make_person(jordan)
    with django_assert_num_queries(1):
        assert kinds_held(owner=jordan, person_id=rosa.pk, kinds=KINDS) == frozenset()


def test_each_kind_with_a_record_is_named_whichever_side_points_at_them(jordan):
    jin = make_person(jordan, "Jin Park")
    rosa = make_person(jordan, emails=["rosa@example.org"], circles=["Work"])
    knows_someone(owner=jordan, person_id=rosa.pk, name=jin.full_name, strength=0.5)
    add_important_date(owner=jordan, person_id=rosa.pk, kind="birthday", month=5, day=1)
    assert kinds_held(owner=jordan, person_id=rosa.pk, kinds=KINDS) == {
        "dates",
        "knows",
        "emails",
        "circles",
    }
    # Jin is on the other side of the same tie
    assert kinds_held(owner=jordan, person_id=jin.pk, kinds=KINDS) == {"knows"}


def test_another_owners_records_are_not_counted(jordan, riley):
    rosa = make_person(jordan)
    add_important_date(owner=jordan, person_id=rosa.pk, kind="birthday", month=5, day=1)
    assert kinds_held(owner=riley, person_id=rosa.pk, kinds=KINDS) == frozenset()


def test_no_kinds_ask_nothing(jordan, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert kinds_held(owner=jordan, person_id=1, kinds={}) == frozenset()
