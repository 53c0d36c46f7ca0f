"""A user's preferences: defaults without a row, bounded changes, nothing saved on a refusal."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from mutuals.accounts import selectors, services
from mutuals.accounts.models import Preferences

pytestmark = pytest.mark.django_db


def test_a_user_who_chose_nothing_has_the_defaults(jordan):
    preferences = selectors.preferences_of(jordan)

    assert preferences.plan_size == Preferences.DEFAULT_PLAN_SIZE
    assert preferences.digest_enabled is False
    assert not Preferences.objects.exists()


def test_changes_are_kept_and_others_left_alone(jordan):
    services.update_preferences(user=jordan, plan_size=8)
    services.update_preferences(user=jordan, digest_enabled=True, digest_hour=6)

    preferences = selectors.preferences_of(jordan)
    assert (preferences.plan_size, preferences.digest_enabled, preferences.digest_hour) == (
        8,
        True,
        6,
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"plan_size": 0}, "plan_size"),
        ({"plan_size": 21}, "plan_size"),
        ({"digest_hour": 24}, "digest_hour"),
    ],
)
def test_an_out_of_range_value_is_refused_by_name_and_nothing_changes(jordan, change, field):
    services.update_preferences(user=jordan, plan_size=3)

    with pytest.raises(ValidationError) as refused:
        services.update_preferences(user=jordan, digest_enabled=True, **change)

    assert field in refused.value.message_dict
    preferences = selectors.preferences_of(jordan)
    assert (preferences.plan_size, preferences.digest_enabled) == (3, False)


def test_each_user_has_their_own(jordan, riley):
    services.update_preferences(user=jordan, plan_size=9)

    assert selectors.preferences_of(riley).plan_size == Preferences.DEFAULT_PLAN_SIZE
