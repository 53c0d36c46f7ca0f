"""A command that changed records marks stale only the pooled rows of the user it acted for
(cli/acting.py `changed_owner`); a command that acts on others marks every pooling
membership stale; a command that wrote nothing marks none."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from mutuals.cli.acting import ACTS_ON_OTHERS
from mutuals.cli.main import COMMANDS
from mutuals.groups import services
from mutuals.groups.models import Membership
from tests.factories import PASSWORD, make_person, make_user


@pytest.fixture
def pooling(db):
    """Ada's group, where Jordan and Sam each pool one person; nobody stale."""
    ada = get_user_model().objects.create_superuser(username="ada", password="x" * 20)
    group = services.create_group(by=ada, name="Northfield alumni")
    code = services.new_link_code(by=ada, group_id=group.pk)
    for name in ("jordan", "sam"):
        user = make_user(name)
        make_person(user, f"Friend of {name}", organization="Copperleaf", tier="friend")
        services.join(user=user, code=code)
        services.set_pooling(user=user, group_id=group.pk, scope="all")
    assert not Membership.objects.filter(stale=True).exists()
    return group


def stale() -> set[str]:
    return set(Membership.objects.filter(stale=True).values_list("user__username", flat=True))


def test_a_command_marks_only_the_acting_users_pool_stale(mutuals, pooling):
    result = mutuals("--user", "jordan", "add", "Rosa Núñez", "--org", "Lumenvale")
    assert result.exit_code == 0, result.output
    assert stale() == {"jordan"}


def test_a_command_that_wrote_nothing_marks_no_one(mutuals, pooling):
    result = mutuals("--user", "jordan", "people")
    assert result.exit_code == 0, result.output
    assert stale() == set()


def test_a_command_that_acts_on_others_marks_every_pooling_member(mutuals, pooling):
    result = mutuals(
        "--user", "ada", "user", "create", "dana", "--password-stdin", input=PASSWORD + "\n"
    )
    assert result.exit_code == 0, result.output
    assert stale() == {"jordan", "sam"}  # Ada pools nothing: nothing of hers to rebuild


def test_the_commands_that_act_on_others_are_commands():
    assert set(COMMANDS) >= ACTS_ON_OTHERS
