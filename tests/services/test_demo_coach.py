"""The coaching demo (`demo.coach`): a coach, three clients at the three levels, drafts,
comments and assignments; loading twice adds nothing, clearing removes exactly it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError

from mutuals.accounts import roles
from mutuals.assignments.models import Assignment
from mutuals.coaching.access import client_for
from mutuals.coaching.models import AccessRecord, CoachLink
from mutuals.core.coaching import Level
from mutuals.demo.coach import (
    PASSAGE,
    SUGGESTION,
    USERNAMES,
    clear_coach_demo,
    demo_accounts,
    has_coach_demo,
    load_coach_demo,
)
from mutuals.demo.services import load_demo
from mutuals.feedback.models import DraftComment, DraftReview
from mutuals.interactions.models import Interaction
from mutuals.people.models import Person
from mutuals.progress.models import Goal
from tests.factories import make_person
from tests.shared_db import shared_transaction

TODAY = dt.date(2026, 3, 4)
NOW = dt.datetime(2026, 3, 4, 9, 30, tzinfo=dt.UTC)
MODELS = (CoachLink, DraftReview, DraftComment, Assignment, Person, Interaction, Goal)


def load():
    return load_coach_demo(today=TODAY, now=NOW)


def user(name: str):
    return get_user_model().objects.get(username=name)


def counts() -> dict[str, int]:
    rows = {model.__name__: model.objects.count() for model in MODELS}
    rows["users"] = get_user_model().objects.count()
    return rows


def test_clear_keeps_every_other_users_records(jordan, riley):
    make_person(jordan, "My Own Friend")
    load_demo(owner=riley, today=TODAY)
    riley_people = Person.objects.filter(owner=riley).count()
    load()
    clear_coach_demo()
    assert list(Person.objects.filter(owner=jordan).values_list("full_name", flat=True)) == [
        "My Own Friend"
    ]
    assert Person.objects.filter(owner=riley).count() == riley_people
    assert get_user_model().objects.filter(username__in=["jordan", "riley"]).count() == 2


def test_clear_never_removes_a_real_user_with_a_demo_name(db):
    dana = get_user_model().objects.create_user(username="dana", password="x-long-password-1")
    assert clear_coach_demo() == 0
    assert get_user_model().objects.filter(pk=dana.pk).exists()


def test_a_real_user_with_a_demo_name_stops_it_with_nothing_written(db):
    get_user_model().objects.create_user(username="Sam", password="x-long-password-1")
    before = counts()
    with pytest.raises(ValidationError) as raised:
        load()
    assert "'Sam'" in raised.value.message_dict["username"][0]
    assert counts() == before


@pytest.fixture(scope="class")
def coach_demo(django_db_setup, django_db_blocker):
    """The coaching demo loaded once for the class that asks (tests/shared_db.py)."""
    with shared_transaction(django_db_blocker) as making:
        with making():
            summary = load()
        yield summary


@pytest.mark.django_db
class TestOneLoadedCoachDemo:
    """Tests that start from the coaching demo just loaded share one load; what each writes is
    rolled back before the next."""

    def test_it_makes_a_coach_and_three_clients_linked_at_each_level(self, coach_demo):
        summary = coach_demo
        coach = user("coach")
        assert roles.is_coach(coach)
        links = {
            link.client.get_username(): link.level
            for link in CoachLink.objects.filter(coach=coach, state=CoachLink.ACTIVE)
        }
        assert links == {"dana": "progress", "sam": "plan", "lee": "network"}
        assert summary.clients == (
            ("dana", Level.PROGRESS),
            ("sam", Level.PLAN),
            ("lee", Level.NETWORK),
        )

    def test_each_client_has_a_demo_network_with_goals_and_no_two_are_the_same(self, coach_demo):
        names = {}
        for name in ("dana", "sam", "lee"):
            client = user(name)
            assert Person.objects.filter(owner=client, is_demo=True).count() > 100
            assert Goal.objects.filter(owner=client).exists()
            names[name] = set(
                Person.objects.filter(owner=client).values_list("full_name", flat=True)
            )
        assert len({frozenset(found) for found in names.values()}) == 3
        assert not Person.objects.filter(owner=user("coach")).exists()

    def test_clients_at_plan_and_up_sent_a_draft_the_coach_commented_on_with_wording(
        self, coach_demo
    ):
        coach = user("coach")
        reviews = DraftReview.objects.filter(coach=coach)
        assert sorted(r.client.get_username() for r in reviews) == ["lee", "sam"]
        for review in reviews:
            assert review.recipient is not None
            assert review.recipient.owner_id == review.client_id
            assert review.text.startswith(f"Hi {review.recipient.first_name},")
            (comment,) = review.comments.all()
            assert comment.author == DraftComment.COACH
            assert review.text[comment.start : comment.end] == PASSAGE
            assert comment.suggestion == SUGGESTION

    def test_each_client_has_one_open_assignment_from_the_coach(self, coach_demo):
        per_client = {
            a.client.get_username(): a.is_open
            for a in Assignment.objects.filter(coach=user("coach"))
        }
        assert per_client == {"dana": True, "sam": True, "lee": True}

    def test_the_coach_reads_each_client_only_up_to_the_level_they_chose(self, coach_demo):
        coach = user("coach")
        client_for(coach=coach, client_id=user("dana").pk, needs=Level.PROGRESS, what="progress")
        with pytest.raises(CoachLink.DoesNotExist):
            client_for(coach=coach, client_id=user("dana").pk, needs=Level.PLAN, what="plan")
        client_for(coach=coach, client_id=user("lee").pk, needs=Level.NETWORK, what="people")

    def test_the_accounts_have_no_password_until_one_is_set(self, coach_demo):
        summary = coach_demo
        assert summary.without_password == USERNAMES
        assert not any(account.has_usable_password() for account in demo_accounts())

    def test_loading_it_again_adds_nothing(self, coach_demo):
        first = coach_demo
        before = counts()
        again = load()
        assert counts() == before
        assert (first.added > 0, again.added) == (True, 0)

    def test_loading_it_again_fills_in_what_is_missing(self, coach_demo):
        DraftReview.objects.filter(client=user("sam")).delete()
        again = load()
        assert again.added == 1
        assert DraftReview.objects.filter(client=user("sam")).count() == 1

    def test_a_client_who_lowered_their_coach_below_plan_gets_no_new_draft(self, coach_demo):
        DraftReview.objects.filter(client=user("sam")).delete()
        CoachLink.objects.filter(client=user("sam")).update(level="progress")
        assert load().added == 0
        assert not DraftReview.objects.filter(client=user("sam")).exists()

    def test_clear_removes_the_four_accounts_and_everything_of_theirs(self, coach_demo):
        removed = clear_coach_demo()
        assert removed == 4
        assert not has_coach_demo()
        assert not get_user_model().objects.filter(username__in=USERNAMES).exists()
        assert all(not model.objects.exists() for model in (*MODELS, AccessRecord))
