import re

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Count, Max
from django.utils import timezone

from mutuals.agenda.selectors import today_agenda
from mutuals.core.agenda import ItemKind
from mutuals.core.demo_identity import OFFICE, OFFICE_LINE
from mutuals.demo.services import clear_demo, has_demo, load_demo
from mutuals.imports.merge import scan_for_duplicates
from mutuals.imports.models import PossibleDuplicate
from mutuals.interactions.models import Interaction
from mutuals.ledger.models import Ask, Exchange
from mutuals.ledger.selectors import ask_warning_for, balances
from mutuals.needs.models import Need
from mutuals.people import selectors as people_selectors
from mutuals.people.models import Circle, EmailAddress, Organization, Person, PhoneNumber
from mutuals.promises.models import Promise
from tests.factories import log, make_person, make_promise, make_user
from tests.shared_db import shared_transaction

DEMO_MODELS = (Person, Interaction, Promise, Organization, Circle, Need, Exchange, Ask)


def demo_rows(owner) -> int:
    return sum(model.objects.filter(owner=owner, is_demo=True).count() for model in DEMO_MODELS)


def test_the_same_seed_loads_the_same_people(jordan, riley):
    load_demo(owner=jordan, seed=3)
    load_demo(owner=riley, seed=3)
    names = [
        list(
            Person.objects.filter(owner=owner)
            .order_by("full_name")
            .values_list("full_name", "tier")
        )
        for owner in (jordan, riley)
    ]
    assert names[0] == names[1]


def test_has_demo_says_whether_demo_rows_are_there(jordan):
    assert not has_demo(owner=jordan)
    load_demo(owner=jordan)
    assert has_demo(owner=jordan)
    clear_demo(owner=jordan)
    assert not has_demo(owner=jordan)


def test_clearing_keeps_the_users_own_people_conversations_and_promises(jordan):
    rosa = make_person(jordan, "Rosa Own", circles=["Work"], organization="Copperleaf Systems")
    log(jordan, rosa, "Lunch", days=2)
    load_demo(owner=jordan)
    clear_demo(owner=jordan)
    assert list(Person.objects.filter(owner=jordan)) == [rosa]
    assert Interaction.objects.filter(owner=jordan).count() == 1
    assert Circle.objects.filter(owner=jordan).get().name == "Work"
    assert Organization.objects.filter(owner=jordan).get().name == "Copperleaf Systems"


def test_a_conversation_with_a_demo_person_survives_for_the_users_own_people(jordan):
    rosa = make_person(jordan, "Rosa Own")
    load_demo(owner=jordan)
    demo_person = Person.objects.filter(owner=jordan, is_demo=True).first()
    shared = log(jordan, [rosa, demo_person], "Coffee with both", days=1)
    only_demo = log(jordan, demo_person, "Call", days=1)
    promise = make_promise(jordan, demo_person, "Send the deck")
    clear_demo(owner=jordan)
    assert list(Interaction.objects.get(pk=shared.pk).people.all()) == [rosa]
    assert not Interaction.objects.filter(pk=only_demo.pk).exists()
    assert Promise.objects.get(pk=promise.pk).person is None
    rosa.refresh_from_db()
    assert rosa.interaction_count == 1


def test_loading_and_clearing_leave_another_users_data_untouched(jordan, riley):
    mine = make_person(riley, "Riley Friend")
    load_demo(owner=riley)
    before = demo_rows(riley)
    load_demo(owner=jordan)
    assert demo_rows(riley) == before
    clear_demo(owner=jordan)
    assert demo_rows(riley) == before
    assert Person.objects.filter(pk=mine.pk).exists()
    assert not Person.objects.filter(owner=jordan).exists()


def clinic_pair(owner) -> set[int]:
    return set(
        Person.objects.filter(owner=owner, organization__name=OFFICE).values_list("pk", flat=True)
    )


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """Jordan with the demo just loaded, once for the class that asks (tests/shared_db.py)."""
    with shared_transaction(django_db_blocker) as making:
        with making():
            jordan = make_user("jordan")
            summary = load_demo(owner=jordan)
        yield jordan, summary


@pytest.mark.django_db
class TestOneLoadedDemo:
    """Tests that start from Jordan with the demo just loaded share one load; what each writes
    is rolled back before the next."""

    def test_it_loads_about_250_people_and_two_years_of_conversations(self, demo):
        jordan, summary = demo
        assert 230 <= summary.people == Person.objects.filter(owner=jordan, is_demo=True).count()
        assert (
            summary.interactions == Interaction.objects.filter(owner=jordan, is_demo=True).count()
        )
        assert summary.interactions > 1000
        assert summary.promises == Promise.objects.filter(owner=jordan, is_demo=True).count() > 0

    def test_every_row_it_loads_is_marked_demo(self, demo):
        jordan, _ = demo
        assert demo_rows(jordan) > 0
        assert all(
            not model.objects.filter(owner=jordan, is_demo=False).exists() for model in DEMO_MODELS
        )

    def test_stored_contact_stats_match_the_conversations(self, demo):
        jordan, _ = demo
        people = Person.objects.filter(owner=jordan).annotate(
            last=Max("interactions__occurred_on"), count=Count("interactions")
        )
        assert all(p.last_contact_on == p.last and p.interaction_count == p.count for p in people)
        strong = Person.objects.filter(owner=jordan, tier="inner")
        assert all(
            p.strength == people_selectors.strength_of(p, p.strength_on).score and p.strength > 0.3
            for p in strong
        )

    def test_a_fresh_demo_agenda_has_items_of_every_kind(self, demo):
        jordan, _ = demo
        kinds = {item.kind for item in today_agenda(owner=jordan).items}
        assert kinds == set(ItemKind) - {
            ItemKind.ASSIGNMENT
        }  # a coach sets those; the demo has none

    def test_it_refuses_to_load_twice(self, demo):
        jordan, _ = demo
        with pytest.raises(ValidationError) as error:
            load_demo(owner=jordan)
        assert "demo" in error.value.message_dict

    def test_clearing_removes_every_demo_row(self, demo):
        jordan, summary = demo
        assert clear_demo(owner=jordan) == summary.people
        assert demo_rows(jordan) == 0
        assert Interaction.people.through.objects.filter(interaction__owner=jordan).count() == 0

    def test_the_demo_has_open_needs_of_yours_and_theirs_and_a_two_way_ledger(self, demo):
        jordan, _ = demo
        open_needs = Need.objects.filter(owner=jordan, status="open")
        assert open_needs.filter(person__isnull=True).count() >= 3
        assert open_needs.filter(person__isnull=False).count() >= 20
        assert {"gave", "received"} <= set(
            Exchange.objects.filter(owner=jordan).values_list("direction", flat=True)
        )
        assert Ask.objects.filter(owner=jordan, answered_on__isnull=True).exists()

    def test_the_demo_has_someone_you_should_give_to_before_asking_again(self, demo):
        jordan, _ = demo
        today = timezone.localdate()
        against = [pid for pid, b in balances(owner=jordan, today=today).items() if b.score < -0.3]
        assert against
        assert any(ask_warning_for(owner=jordan, person_id=pid, today=today) for pid in against)

    def test_no_two_demo_people_are_given_the_same_email_address(self, demo):
        jordan, _ = demo
        addresses = list(
            EmailAddress.objects.filter(person__owner=jordan).values_list("address", flat=True)
        )
        assert len(addresses) > 100
        assert len(set(addresses)) == len(addresses)

    def test_the_only_number_on_two_demo_people_is_the_clinic_front_desk_labelled_work(self, demo):
        jordan, _ = demo
        numbers = PhoneNumber.objects.filter(person__owner=jordan)
        repeated = numbers.values("number").annotate(people=Count("person")).filter(people__gt=1)
        assert [row["number"] for row in repeated] == [OFFICE_LINE.value]
        front_desk = numbers.filter(number=OFFICE_LINE.value)
        assert {(p.label, p.person.organization.name) for p in front_desk} == {("work", OFFICE)}

    def test_a_duplicate_scan_of_the_demo_offers_only_the_clinic_colleagues_to_review(self, demo):
        jordan, _ = demo
        assert scan_for_duplicates(owner=jordan)["to_review"] == 1
        pair = PossibleDuplicate.objects.get(owner=jordan)
        assert {pair.person_id, pair.other_id} == clinic_pair(jordan)

    def test_a_duplicate_scan_of_the_demo_merges_no_one_when_told_to_merge_certain_pairs(
        self, demo
    ):
        jordan, _ = demo
        before = Person.objects.filter(owner=jordan).count()
        assert scan_for_duplicates(owner=jordan, auto_merge=True)["merged"] == 0
        assert Person.objects.filter(owner=jordan).count() == before

    def test_the_demos_hiring_needs_are_on_the_hiring_side_and_read_well(self, demo):
        jordan, _ = demo

        hiring = Need.objects.filter(owner=jordan, kind="hire")
        assert hiring.exists()
        assert set(hiring.values_list("direction", flat=True)) == {"offering"}
        texts = list(Need.objects.filter(owner=jordan).values_list("text", flat=True))
        assert not [t for t in texts if re.search(r"\ba [aeio]", t)]  # "a engineering manager"
