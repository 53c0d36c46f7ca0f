"""/api/groups/ID/search: counts from `core.pool.MANY_FROM` up read "many" in JSON too (the
count stops there), with `many_from` beside `threshold`."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from mutuals.core import pool
from mutuals.groups import services
from mutuals.groups.models import Membership
from tests.api.conftest import token_client
from tests.factories import make_person, make_user


def test_a_search_from_many_members_says_many_not_a_number(db):
    admin = get_user_model().objects.create_superuser(username="ada", password="x" * 20)
    group = services.create_group(by=admin, name="Northfield alumni")
    code = services.new_link_code(by=admin, group_id=group.pk)
    for number in range(pool.MANY_FROM + 1):
        user = make_user(f"m{number}")
        services.join(user=user, code=code)
        tier = "inner" if number < 4 else "acquaintance"
        make_person(user, "Someone", organization="Copperleaf", tier=tier)
        services.set_pooling(user=user, group_id=group.pk, scope=Membership.ALL)
    body = token_client(admin).get(f"/api/groups/{group.pk}/search?organisation=Copperleaf")
    assert body.status_code == 200, body.content
    assert body.json() == {
        "members": "many",
        "well": 4,
        "close": 4,
        "threshold": pool.THRESHOLD,
        "many_from": pool.MANY_FROM,
        "words": "Many members know someone at Copperleaf, 4 of them well.",
    }
