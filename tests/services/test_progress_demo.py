"""The demo network's progress: twelve weeks of goal history that tell a believable story, and
clearing the demo removes its goals but not the user's own."""

from __future__ import annotations

import pytest

from mutuals.demo.services import clear_demo, load_demo
from mutuals.progress import selectors, services
from mutuals.progress.models import Goal
from tests.factories import make_user
from tests.progress_data import TODAY
from tests.shared_db import shared_transaction

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="class")
def demo(django_db_setup, django_db_blocker):
    """Jordan with the demo loaded, once for the class that asks (tests/shared_db.py)."""
    with shared_transaction(django_db_blocker) as making:
        with making():
            jordan = make_user("jordan")
            load_demo(owner=jordan, today=TODAY)
        yield jordan


class TestOneLoadedDemo:
    """One load of the demo for these; what each writes is rolled back."""

    def test_the_demo_shows_twelve_weeks_of_goals_mostly_kept(self, demo):
        result = selectors.progress(owner=demo, today=TODAY)
        states = result.week_states
        assert "none" not in states
        assert states.count("kept") >= 8
        assert result.streak >= 4
        assert result.goals_this_week == 4

    def test_the_demo_gives_and_talks_every_week(self, demo):
        result = selectors.progress(owner=demo, today=TODAY)
        by_kind = {goal.kind: goal for goal in result.goals}
        assert all(w.count > 0 for w in by_kind["gives"].weeks)
        assert all(w.count > 0 for w in by_kind["conversations"].weeks)

    def test_clearing_the_demo_removes_its_goals_and_keeps_the_users(self, demo):
        services.set_goal(owner=demo, kind="applications", target=1, today=TODAY)
        clear_demo(owner=demo)
        assert list(Goal.objects.filter(owner=demo).values_list("kind", "is_demo")) == [
            ("applications", False)
        ]


def test_the_demo_leaves_goals_the_user_chose_alone(jordan):
    services.set_goal(owner=jordan, kind="gives", target=1, today=TODAY)
    load_demo(owner=jordan, today=TODAY)
    assert not Goal.objects.filter(owner=jordan, is_demo=True).exists()
